/*
 * qa_tsv.c: the findings of habar-qa as lines of text, one a finding:
 * TSV for habar-qa --format tsv and the qa.tsv of a release pack, which
 * must read alike, and GNU diagnostics (file:line:column: severity:
 * message) that editors jump from.  Both flatten a message to one line
 * the same way.
 */
#include <string.h>

#include <habar/qa.h>

#include "utf8_internal.h"

/* Writes s with tabs and line breaks as spaces (one cell of one line). */
static void
put_flat(FILE *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		putc(s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i],
		    out);
}

enum habar_status
habar_qa_tsv_unit(FILE *fp, const struct habar_qa_unit *unit,
    const struct habar_qa_finding *findings, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		const struct habar_qa_finding *f = &findings[i];
		put_flat(fp, unit->id, strlen(unit->id));
		fprintf(fp, "\t%s\t%s\t%s", habar_qa_check_name(f->check),
		    f->severity == HABAR_QA_ERROR ? "error" : "warning",
		    unit->segs[f->a].lang);
		if (f->b != f->a)
			fprintf(fp, "-%s", unit->segs[f->b].lang);
		putc('\t', fp);
		put_flat(fp, f->message, strlen(f->message));
		putc('\n', fp);
	}
	return ferror(fp) ? HABAR_ERR_IO : HABAR_OK;
}

enum habar_status
habar_qa_gnu_unit(FILE *fp, const char *name, const struct habar_qa_unit *unit,
    const struct habar_qa_finding *findings, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		const struct habar_qa_finding *f = &findings[i];
		const struct habar_qa_segment *s = &unit->segs[f->seg];
		const char *sev = f->severity == HABAR_QA_ERROR ? "error" :
		    "warning";
		fputs(s->file != NULL ? s->file : name, fp);
		if (s->line > 0)
			fprintf(fp, ":%lu", s->line);
		if (s->line > 0 && s->column > 0) {
			/* The column of the span when it is on the line
			 * where the segment starts. */
			unsigned long col = s->column;
			if (memchr(s->text, '\n', f->start) == NULL)
				col += (unsigned long)habar__utf8_chars(s->text,
				    f->start);
			fprintf(fp, ":%lu", col);
		}
		fprintf(fp, ": %s: [%s] ", sev, habar_qa_check_name(f->check));
		put_flat(fp, f->message, strlen(f->message));
		fputs(" (", fp);
		put_flat(fp, unit->id, strlen(unit->id));
		fputs(")\n", fp);
	}
	return ferror(fp) ? HABAR_ERR_IO : HABAR_OK;
}
