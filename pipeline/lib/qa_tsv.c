/*
 * qa_tsv.c: the findings of habar-qa as TSV lines, one a finding, for
 * habar-qa --format tsv and the qa.tsv of a release pack, which must
 * read alike.
 */
#include <string.h>

#include <habar/qa.h>

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
