/*
 * html.c: writing the HTML pages of a release pack (see habar/html.h).
 *
 * Pages are written with stdio into memory (open_memstream), every piece
 * of release text escaped on the way; the markup is fixed and small, so a
 * template engine or DOM would add weight without adding safety.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/html.h>

#include "data_internal.h"

#define MAX_LABEL 128

struct labels {
	char language[MAX_LABEL];
	char attachments[MAX_LABEL];
	char languages[MAX_LABEL];
	char side_by_side[MAX_LABEL];
};

/* Reads locales/<lang>/labels ("key = value" lines); missing keys keep
 * their English defaults. */
static void
load_labels(const char *lang, struct labels *l)
{
	char line[512];
	FILE *fp;

	snprintf(l->language, MAX_LABEL, "%s", lang);
	snprintf(l->attachments, MAX_LABEL, "Attachments");
	snprintf(l->languages, MAX_LABEL, "Other languages");
	snprintf(l->side_by_side, MAX_LABEL, "All languages side by side");
	if (habar__data_open(&fp, lang, "labels") != HABAR_OK)
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		const char *k, *v;
		char key[MAX_LABEL], value[MAX_LABEL];
		size_t klen, vlen;
		if (habar__data_key_value(line, strlen(line), &k, &klen, &v,
		    &vlen) != 1)
			continue;
		snprintf(key, sizeof(key), "%.*s", (int)klen, k);
		snprintf(value, sizeof(value), "%.*s", (int)vlen, v);
		if (strcmp(value, "?") == 0)
			continue;
		if (strcmp(key, "language") == 0)
			snprintf(l->language, MAX_LABEL, "%s", value);
		else if (strcmp(key, "attachments") == 0)
			snprintf(l->attachments, MAX_LABEL, "%s", value);
		else if (strcmp(key, "languages") == 0)
			snprintf(l->languages, MAX_LABEL, "%s", value);
		else if (strcmp(key, "side-by-side") == 0)
			snprintf(l->side_by_side, MAX_LABEL, "%s", value);
	}
	fclose(fp);
}

/* Writes text escaped for HTML content and attribute values. */
static void
escape(FILE *out, const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		switch (text[i]) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\0': break;
		default: putc(text[i], out); break;
		}
	}
}

/* Writes a path for an href, percent-encoding every byte outside the
 * unreserved set (spaces, Cyrillic, quotes), as URLs require. */
static void
escape_url(FILE *out, const char *path)
{
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			putc(*p, out);
		else
			fprintf(out, "%%%02X", *p);
	}
}

static void
escape_str(FILE *out, const char *text)
{
	if (text != NULL)
		escape(out, text, strlen(text));
}

/* Writes the sentences of paragraph p of language li as one text. */
static void
paragraph_text(FILE *out, const struct habar_parallel_language *l, size_t p)
{
	const struct habar_parallel_paragraph *para = &l->paragraphs[p];
	size_t s;

	for (s = para->first; s < para->first + para->count &&
	    s < l->sentence_count; s++) {
		if (s > para->first)
			putc(' ', out);
		escape(out, l->sentences[s].text, l->sentences[s].len);
	}
}

static void
head(FILE *out, const char *lang, const char *title,
    const struct habar_html_links *links)
{
	fputs("<!DOCTYPE html>\n<html lang=\"", out);
	escape_str(out, lang);
	fputs("\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>", out);
	escape_str(out, title);
	fputs("</title>\n<link rel=\"stylesheet\" href=\"", out);
	escape_url(out, links->stylesheet);
	fputs("\">\n</head>\n", out);
}

static const char *
field(const struct habar_parallel *doc, size_t li, const char *key)
{
	const char *v = habar_parallel_field(doc, li, key);
	return v != NULL ? v : "";
}

static void
dateline(FILE *out, const struct habar_parallel *doc, size_t li)
{
	const char *date = field(doc, li, "date"), *place = field(doc, li, "place");

	if (*date == '\0' && *place == '\0')
		return;
	fputs("<p class=\"dateline\">", out);
	if (*place != '\0') {
		escape_str(out, place);
		if (*date != '\0')
			fputs(", ", out);
	}
	if (*date != '\0') {
		fputs("<time datetime=\"", out);
		escape_str(out, date);
		fputs("\">", out);
		escape_str(out, date);
		fputs("</time>", out);
	}
	fputs("</p>\n", out);
}

/* Writes a link to the page of language lang, named in that language. */
static void
language_link(FILE *out, const char *lang,
    const struct habar_html_links *links)
{
	struct labels l;

	load_labels(lang, &l);
	fputs("<a href=\"", out);
	escape_url(out, links->page_prefix);
	escape_url(out, lang);
	escape_url(out, links->page_suffix);
	fputs("\" hreflang=\"", out);
	escape_str(out, lang);
	fputs("\" lang=\"", out);
	escape_str(out, lang);
	fputs("\">", out);
	escape_str(out, l.language);
	fputs("</a>", out);
}

/* Writes the list of the release's attachments, each a link into the
 * attachments directory. */
static void
attachment_list(FILE *out, const struct habar_parallel *doc,
    const struct habar_html_links *links)
{
	size_t k;

	fputs("<ul>\n", out);
	for (k = 0; k < doc->attachment_count; k++) {
		fputs("<li><a href=\"", out);
		escape_url(out, links->attachments_dir);
		escape_url(out, doc->attachments[k].name);
		fputs("\">", out);
		escape_str(out, doc->attachments[k].name);
		fputs("</a></li>\n", out);
	}
	fputs("</ul>\n", out);
}

static enum habar_status
finish(FILE *out, char **html_out)
{
	int failed = ferror(out);

	if (fclose(out) != 0 || failed) {
		free(*html_out);
		*html_out = NULL;
		return HABAR_ERR_NOMEM;
	}
	return HABAR_OK;
}

enum habar_status
habar_html_page(const struct habar_parallel *doc, size_t li,
    const struct habar_html_links *links, char **html_out, size_t *len_out)
{
	const struct habar_parallel_language *l;
	struct labels labels;
	FILE *out;
	size_t p, k;

	*html_out = NULL;
	*len_out = 0;
	if (li >= doc->language_count)
		return HABAR_ERR_ARGUMENT;
	l = &doc->languages[li];
	load_labels(l->lang, &labels);
	if ((out = open_memstream(html_out, len_out)) == NULL)
		return HABAR_ERR_NOMEM;
	head(out, l->lang, field(doc, li, "title"), links);
	fputs("<body>\n<nav aria-label=\"", out);
	escape_str(out, labels.languages);
	fputs("\">", out);
	for (k = 0; k < doc->language_count; k++)
		if (k != li)
			language_link(out, doc->languages[k].lang, links);
	fputs("<a href=\"", out);
	escape_url(out, links->side_by_side);
	fputs("\">", out);
	escape_str(out, labels.side_by_side);
	fputs("</a></nav>\n<main>\n<article>\n<h1>", out);
	escape_str(out, field(doc, li, "title"));
	fputs("</h1>\n", out);
	dateline(out, doc, li);
	for (p = 0; p < l->paragraph_count; p++) {
		fputs("<p>", out);
		paragraph_text(out, l, p);
		fputs("</p>\n", out);
	}
	fputs("</article>\n</main>\n", out);
	if (doc->attachment_count > 0) {
		fputs("<footer>\n<h2>", out);
		escape_str(out, labels.attachments);
		fputs("</h2>\n", out);
		attachment_list(out, doc, links);
		fputs("</footer>\n", out);
	}
	fputs("</body>\n</html>\n", out);
	return finish(out, html_out);
}

/* Writes one cell: the paragraphs of run of language li. */
static void
cell(FILE *out, const struct habar_parallel_language *l,
    const struct habar_parallel_run *run)
{
	size_t p;

	fputs(run->count == 0 ? "<td class=\"missing\" lang=\"" : "<td lang=\"",
	    out);
	escape_str(out, l->lang);
	fputs("\">", out);
	for (p = run->first; p < run->first + run->count &&
	    p < l->paragraph_count; p++) {
		if (p > run->first)
			fputs("<br><br>", out);
		paragraph_text(out, l, p);
	}
	fputs("</td>\n", out);
}

enum habar_status
habar_html_side_by_side(const struct habar_parallel *doc,
    const struct habar_html_links *links, char **html_out, size_t *len_out)
{
	const struct habar_parallel_link *plinks =
	    doc->links[HABAR_PARALLEL_PARAGRAPHS];
	size_t nlinks = doc->link_count[HABAR_PARALLEL_PARAGRAPHS];
	size_t k, row, rows = 0;
	struct labels first;
	FILE *out;

	*html_out = NULL;
	*len_out = 0;
	if (doc->language_count == 0)
		return HABAR_ERR_ARGUMENT;
	load_labels(doc->languages[0].lang, &first);
	if ((out = open_memstream(html_out, len_out)) == NULL)
		return HABAR_ERR_NOMEM;
	head(out, doc->languages[0].lang, field(doc, 0, "title"), links);
	fputs("<body class=\"side-by-side\">\n<nav>", out);
	for (k = 0; k < doc->language_count; k++)
		language_link(out, doc->languages[k].lang, links);
	fputs("</nav>\n<main>\n<table class=\"parallel\">\n<thead>\n<tr>\n", out);
	for (k = 0; k < doc->language_count; k++) {
		fputs("<th lang=\"", out);
		escape_str(out, doc->languages[k].lang);
		fputs("\">", out);
		escape_str(out, field(doc, k, "title"));
		fputs("</th>\n", out);
	}
	fputs("</tr>\n</thead>\n<tbody>\n", out);
	if (nlinks == 0)
		for (k = 0; k < doc->language_count; k++)
			if (doc->languages[k].paragraph_count > rows)
				rows = doc->languages[k].paragraph_count;
	for (row = 0; row < (nlinks > 0 ? nlinks : rows); row++) {
		fputs("<tr>\n", out);
		for (k = 0; k < doc->language_count; k++) {
			struct habar_parallel_run run = { row, 1 };
			if (nlinks > 0)
				run = plinks[row].sides[k];
			else if (row >= doc->languages[k].paragraph_count)
				run.count = 0;
			cell(out, &doc->languages[k], &run);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</main>\n", out);
	if (doc->attachment_count > 0) {
		fputs("<footer lang=\"", out);
		escape_str(out, doc->languages[0].lang);
		fputs("\">\n<h2>", out);
		escape_str(out, first.attachments);
		fputs("</h2>\n", out);
		attachment_list(out, doc, links);
		fputs("</footer>\n", out);
	}
	fputs("</body>\n</html>\n", out);
	return finish(out, html_out);
}
