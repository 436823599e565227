/*
 * qa_html.c: habar-qa's HTML report (see habar_qa_html_begin() in
 * habar/qa.h): one table row a unit, its language versions side by side,
 * each finding's span marked in its version and the messages beneath, so
 * that an editor sees a wrong figure in its sentence rather than in a
 * list.  The page is written as units come, so it streams too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parallel_internal.h"
#include "qa_internal.h"

enum habar_status
habar_qa_html_begin(FILE *fp, const char *title)
{
	fputs("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
	    "<title>", fp);
	habar__xml_escape(fp, title, strlen(title), 0);
	fputs("</title>\n<style>\n"
	    "body { font-family: sans-serif; margin: 1em; }\n"
	    "table { border-collapse: collapse; width: 100%; }\n"
	    "td, th { border: 1px solid #ccc; padding: 0.3em; "
	    "vertical-align: top; }\n"
	    "mark.error { background: #f99; }\n"
	    "mark.warning { background: #fd8; }\n"
	    "li.error::marker { color: #c00; }\n"
	    ".id { font-family: monospace; white-space: nowrap; }\n"
	    "</style>\n</head>\n<body>\n<h1>", fp);
	habar__xml_escape(fp, title, strlen(title), 0);
	fputs("</h1>\n<table>\n", fp);
	return ferror(fp) ? HABAR_ERR_IO : HABAR_OK;
}

static const char *
severity_name(enum habar_qa_severity s)
{
	return s == HABAR_QA_ERROR ? "error" : "warning";
}

/* Writes segment k of unit with the spans of its findings marked. */
static void
segment(FILE *fp, const struct habar_qa_unit *unit, size_t k,
    const struct habar_qa_finding *findings, size_t count)
{
	const struct habar_qa_segment *s = &unit->segs[k];
	size_t at = 0;

	for (;;) {
		const struct habar_qa_finding *next = NULL;
		size_t i;
		/* The next marked span that starts at or after at. */
		for (i = 0; i < count; i++) {
			const struct habar_qa_finding *f = &findings[i];
			if (f->seg != k || f->start == f->end ||
			    f->start < at || f->end > s->len)
				continue;
			if (next == NULL || f->start < next->start)
				next = f;
		}
		if (next == NULL)
			break;
		habar__xml_escape(fp, s->text + at, next->start - at, 0);
		fprintf(fp, "<mark class=\"%s\" title=\"%s\">",
		    severity_name(next->severity),
		    habar_qa_check_name(next->check));
		habar__xml_escape(fp, s->text + next->start,
		    next->end - next->start, 0);
		fputs("</mark>", fp);
		at = next->end;
	}
	habar__xml_escape(fp, s->text + at, s->len - at, 0);
}

enum habar_status
habar_qa_html_unit(FILE *fp, const struct habar_qa_unit *unit,
    const struct habar_qa_finding *findings, size_t count)
{
	size_t k, i;

	fputs("<tr><td class=\"id\">", fp);
	habar__xml_escape(fp, unit->id, strlen(unit->id), 0);
	fputs("</td>", fp);
	for (k = 0; k < unit->count; k++) {
		fputs("<td lang=\"", fp);
		habar__xml_escape(fp, unit->segs[k].lang,
		    strlen(unit->segs[k].lang), 1);
		fputs("\">", fp);
		segment(fp, unit, k, findings, count);
		fputs("</td>", fp);
	}
	fputs("</tr>\n", fp);
	if (count > 0) {
		fprintf(fp, "<tr><td></td><td colspan=\"%zu\"><ul>",
		    unit->count);
		for (i = 0; i < count; i++) {
			fprintf(fp, "<li class=\"%s\">%s: [%s] ",
			    severity_name(findings[i].severity),
			    severity_name(findings[i].severity),
			    habar_qa_check_name(findings[i].check));
			habar__xml_escape(fp, findings[i].message,
			    strlen(findings[i].message), 0);
			fputs("</li>", fp);
		}
		fputs("</ul></td></tr>\n", fp);
	}
	return ferror(fp) ? HABAR_ERR_IO : HABAR_OK;
}

enum habar_status
habar_qa_html_end(FILE *fp, const struct habar_qa_stats *stats)
{
	fprintf(fp, "</table>\n<p>%llu units checked, %llu pairs; %llu units "
	    "flagged: %llu errors, %llu warnings.</p>\n</body>\n</html>\n",
	    stats->units, stats->pairs, stats->flagged, stats->errors,
	    stats->warnings);
	return ferror(fp) ? HABAR_ERR_IO : HABAR_OK;
}
