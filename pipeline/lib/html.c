/*
 * html.c: writing the HTML pages of a release pack (see habar/html.h).
 *
 * Pages are written with stdio into memory (open_memstream), every piece
 * of release text escaped on the way; the markup is fixed and small, so a
 * template engine or DOM would add weight without adding safety.  Every
 * word of the pages' own comes from the labels of the language it stands
 * in (labels.c); the side-by-side page, which holds every language, gives
 * each of its labels in each language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/date.h>
#include <habar/html.h>

#include "labels_internal.h"

/* How a sentence is marked on the side-by-side page. */
enum mark {
	MARK_NONE = 0,
	MARK_DOUBTFUL,		/* its link's confidence is under the threshold */
	MARK_UNLINKED		/* no counterpart in any other language */
};

/* What the side-by-side page knows of each sentence, and the labels of
 * each language. */
struct marks {
	unsigned char *mark[HABAR_PARALLEL_MAX_LANGS];
	double *confidence[HABAR_PARALLEL_MAX_LANGS];
	/* the number of a doubtful sentence's link among the doubtful ones,
	 * from 1, shown after its mark in every column: a paragraph may
	 * hold several sentences, and the number says which go together */
	size_t *number[HABAR_PARALLEL_MAX_LANGS];
	struct habar__labels labels[HABAR_PARALLEL_MAX_LANGS];
	size_t doubtful, unlinked;
};

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

/* Writes a label, "{percent}" replaced by the threshold in percent. */
static void
label_text(FILE *out, const char *label, double min_confidence)
{
	const char *hole;

	while ((hole = strstr(label, "{percent}")) != NULL) {
		escape(out, label, (size_t)(hole - label));
		fprintf(out, "%g", min_confidence * 100.0);
		label = hole + strlen("{percent}");
	}
	escape_str(out, label);
}

/* Writes sentence s of language l, with its mark when it has one. */
static void
sentence(FILE *out, const struct habar_parallel_language *l, size_t s,
    const struct marks *m, size_t li)
{
	const struct habar__labels *labels;
	enum mark mark = MARK_NONE;

	if (m != NULL && m->mark[li] != NULL)
		mark = (enum mark)m->mark[li][s];
	if (mark == MARK_NONE) {
		escape(out, l->sentences[s].text, l->sentences[s].len);
		return;
	}
	labels = &m->labels[li];
	if (mark == MARK_DOUBTFUL)
		fprintf(out, "<span class=\"doubtful\" "
		    "data-confidence=\"%.2f\">", m->confidence[li][s]);
	else
		fputs("<span class=\"unlinked\">", out);
	escape(out, l->sentences[s].text, l->sentences[s].len);
	fputs("<sup class=\"mark\" title=\"", out);
	escape_str(out, habar__label(labels, mark == MARK_DOUBTFUL ?
	    "doubtful-short" : "unlinked-short"));
	if (mark == MARK_DOUBTFUL)
		fprintf(out, " %zu", m->number[li][s]);
	fputs("\">", out);
	escape_str(out, habar__label(labels, mark == MARK_DOUBTFUL ?
	    "mark-doubtful" : "mark-unlinked"));
	if (mark == MARK_DOUBTFUL)
		fprintf(out, "%zu", m->number[li][s]);
	fputs("</sup></span>", out);
}

/* Writes the sentences of paragraph p of language li as one text. */
static void
paragraph_text(FILE *out, const struct habar_parallel_language *l, size_t p,
    const struct marks *m, size_t li)
{
	const struct habar_parallel_paragraph *para = &l->paragraphs[p];
	size_t s;

	for (s = para->first; s < para->first + para->count &&
	    s < l->sentence_count; s++) {
		if (s > para->first)
			putc(' ', out);
		sentence(out, l, s, m, li);
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

/* The title of language li, or the release id for a version without one:
 * HTML wants a title that is not empty. */
static const char *
title(const struct habar_parallel *doc, size_t li)
{
	const char *t = field(doc, li, "title");

	if (t[strspn(t, " \t\r\n")] == '\0' && doc->id != NULL &&
	    doc->id[0] != '\0')
		return doc->id;
	return t;
}

/* Writes the place and the date, the date as language li writes it; a
 * date that cannot be read as one stays as the release gives it. */
static void
dateline(FILE *out, const struct habar_parallel *doc, size_t li)
{
	const char *date = field(doc, li, "date"), *place = field(doc, li, "place");
	struct habar_date parsed;
	char shown[256];

	if (*date == '\0' && *place == '\0')
		return;
	fputs("<p class=\"dateline\">", out);
	if (*place != '\0') {
		escape_str(out, place);
		if (*date != '\0')
			fputs(", ", out);
	}
	if (*date != '\0') {
		if (habar_date_parse(&parsed, date) == HABAR_DATE_NONE ||
		    habar_date_format(shown, sizeof(shown), &parsed,
		    doc->languages[li].lang) != HABAR_OK)
			snprintf(shown, sizeof(shown), "%s", date);
		fputs("<time datetime=\"", out);
		escape_str(out, date);
		fputs("\">", out);
		escape_str(out, shown);
		fputs("</time>", out);
	}
	fputs("</p>\n", out);
}

/* Writes a link to the page of language lang, named in that language. */
static void
language_link(FILE *out, const char *lang,
    const struct habar_html_links *links)
{
	struct habar__labels l;

	habar__labels_load(&l, lang);
	fputs("<a href=\"", out);
	escape_url(out, links->page_prefix);
	escape_url(out, lang);
	escape_url(out, links->page_suffix);
	fputs("\" hreflang=\"", out);
	escape_str(out, lang);
	fputs("\" lang=\"", out);
	escape_str(out, lang);
	fputs("\">", out);
	escape_str(out, habar__label(&l, "language"));
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

/* Whether slide text i goes on the page of language lang (NULL: the
 * side-by-side page, which lists all): its own language's, or every text
 * of a deck that has none in lang. */
static int
slide_shown(const struct habar_html_links *links, size_t i, const char *lang)
{
	const struct habar_html_file *f = &links->slides[i];
	size_t k;

	if (lang == NULL || (f->lang != NULL && strcmp(f->lang, lang) == 0))
		return 1;
	for (k = 0; k < links->slide_count; k++)
		if (strcmp(links->slides[k].name, f->name) == 0 &&
		    links->slides[k].lang != NULL &&
		    strcmp(links->slides[k].lang, lang) == 0)
			return 0;
	return 1;
}

/* Writes the links to the slide texts for the page of language lang
 * (NULL: every one), each in another language named in that language.
 * Returns how many it wrote. */
static size_t
slide_list(FILE *out, const struct habar_html_links *links, const char *lang)
{
	size_t i, n = 0;

	for (i = 0; i < links->slide_count; i++) {
		const struct habar_html_file *f = &links->slides[i];
		if (!slide_shown(links, i, lang))
			continue;
		fputs(n++ == 0 ? "<ul>\n<li><a href=\"" : "<li><a href=\"", out);
		escape_url(out, f->path);
		fputs("\"", out);
		if (f->lang != NULL) {
			fputs(" hreflang=\"", out);
			escape_str(out, f->lang);
			fputs("\"", out);
		}
		fputs(">", out);
		escape_str(out, f->name);
		fputs("</a>", out);
		if (f->lang != NULL && (lang == NULL ||
		    strcmp(f->lang, lang) != 0)) {
			struct habar__labels l;
			habar__labels_load(&l, f->lang);
			fputs(" (<span lang=\"", out);
			escape_str(out, f->lang);
			fputs("\">", out);
			escape_str(out, habar__label(&l, "language"));
			fputs("</span>)", out);
		}
		fputs("</li>\n", out);
	}
	if (n > 0)
		fputs("</ul>\n", out);
	return n;
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

/* Whether the page of language lang has slide texts to list. */
static int
has_slides(const struct habar_html_links *links, const char *lang)
{
	size_t i;

	for (i = 0; i < links->slide_count; i++)
		if (slide_shown(links, i, lang))
			return 1;
	return 0;
}

/* Writes one language's label (its text, a language's own, and the
 * writer's argument). */
typedef void label_writer(FILE *out, const char *label, const void *arg);

/* Writes the label as it stands. */
static void
plain_label(FILE *out, const char *label, const void *arg)
{
	(void)arg;
	escape_str(out, label);
}

/* Writes label key once per language of the page, each in its own
 * language: "<span lang=kk>…</span> / <span lang=ru>…</span>", each
 * written by put with arg. */
static void
every_language_with(FILE *out, const struct habar_parallel *doc,
    const struct marks *m, const char *key, label_writer *put,
    const void *arg)
{
	size_t k;

	for (k = 0; k < doc->language_count; k++) {
		if (k > 0)
			fputs(" / ", out);
		fputs("<span lang=\"", out);
		escape_str(out, doc->languages[k].lang);
		fputs("\">", out);
		put(out, habar__label(&m->labels[k], key), arg);
		fputs("</span>", out);
	}
}

/* Writes label key once per language of the page, as it stands. */
static void
every_language(FILE *out, const struct habar_parallel *doc,
    const struct marks *m, const char *key)
{
	every_language_with(out, doc, m, key, plain_label, NULL);
}

/* How a section's heading is written: in the page's language (labels),
 * or, on the side-by-side page (labels NULL), in each of doc's languages
 * with the labels of m. */
struct heading {
	const struct habar__labels *labels;
	const struct habar_parallel *doc;
	const struct marks *m;
};

/* Opens a section of class cls under the heading of label key. */
static void
section_start(FILE *out, const char *cls, const struct heading *h,
    const char *key)
{
	fprintf(out, "<section class=\"%s\">\n<h2>", cls);
	if (h->labels != NULL)
		escape_str(out, habar__label(h->labels, key));
	else
		every_language(out, h->doc, h->m, key);
	fputs("</h2>\n", out);
}

/*
 * The footer of a page: the press contact (contact, "" for none), the
 * attachments, the slide texts for the page of language lang (NULL: the
 * side-by-side page, which lists them all); nothing when it has none.
 * One writer for both kinds of page, so their sections stay alike.
 */
static void
page_footer(FILE *out, const struct habar_parallel *doc,
    const struct habar_html_links *links, const struct heading *h,
    const char *lang, const char *contact)
{
	int slides = has_slides(links, lang);

	if (*contact == '\0' && doc->attachment_count == 0 && !slides)
		return;
	fputs("<footer>\n", out);
	if (*contact != '\0') {
		section_start(out, "contact", h, "contact");
		fputs("<p>", out);
		escape_str(out, contact);
		fputs("</p>\n</section>\n", out);
	}
	if (doc->attachment_count > 0) {
		section_start(out, "attachments", h, "attachments");
		attachment_list(out, doc, links);
		fputs("</section>\n", out);
	}
	if (slides) {
		section_start(out, "slides", h, "slides");
		slide_list(out, links, lang);
		fputs("</section>\n", out);
	}
	fputs("</footer>\n", out);
}

enum habar_status
habar_html_page(const struct habar_parallel *doc, size_t li,
    const struct habar_html_links *links, char **html_out, size_t *len_out)
{
	const struct habar_parallel_language *l;
	struct habar__labels *labels = NULL;
	struct heading heading;
	const char *organisation;
	FILE *out;
	size_t p, k;

	*html_out = NULL;
	*len_out = 0;
	if (li >= doc->language_count)
		return HABAR_ERR_ARGUMENT;
	l = &doc->languages[li];
	if ((labels = malloc(sizeof(*labels))) == NULL)
		return HABAR_ERR_NOMEM;
	habar__labels_load(labels, l->lang);
	if ((out = open_memstream(html_out, len_out)) == NULL) {
		free(labels);
		return HABAR_ERR_NOMEM;
	}
	head(out, l->lang, title(doc, li), links);
	fputs("<body>\n<nav aria-label=\"", out);
	escape_str(out, habar__label(labels, "languages"));
	fputs("\">", out);
	for (k = 0; k < doc->language_count; k++)
		if (k != li)
			language_link(out, doc->languages[k].lang, links);
	fputs("<a href=\"", out);
	escape_url(out, links->side_by_side);
	fputs("\">", out);
	escape_str(out, habar__label(labels, "side-by-side"));
	fputs("</a></nav>\n<main>\n<article>\n<header>\n", out);
	organisation = field(doc, li, "organisation");
	if (*organisation != '\0') {
		fputs("<p class=\"organisation\">", out);
		escape_str(out, organisation);
		fputs("</p>\n", out);
	}
	fputs("<h1>", out);
	escape_str(out, title(doc, li));
	fputs("</h1>\n", out);
	dateline(out, doc, li);
	fputs("</header>\n", out);
	for (p = 0; p < l->paragraph_count; p++) {
		fputs("<p>", out);
		paragraph_text(out, l, p, NULL, li);
		fputs("</p>\n", out);
	}
	fputs("</article>\n</main>\n", out);
	heading.labels = labels;
	heading.doc = doc;
	heading.m = NULL;
	page_footer(out, doc, links, &heading, l->lang,
	    field(doc, li, "contact"));
	fputs("</body>\n</html>\n", out);
	free(labels);
	return finish(out, html_out);
}

/* Fills m: the labels of each language and the mark of each sentence.
 * A document without sentence links marks nothing: nothing is known. */
static enum habar_status
marks_new(struct marks **m_out, const struct habar_parallel *doc,
    double min_confidence)
{
	const struct habar_parallel_link *links =
	    doc->links[HABAR_PARALLEL_SENTENCES];
	size_t nlinks = doc->link_count[HABAR_PARALLEL_SENTENCES];
	struct marks *m;
	size_t k, i, s, sides, number = 0;

	if ((*m_out = m = calloc(1, sizeof(*m))) == NULL)
		return HABAR_ERR_NOMEM;
	for (k = 0; k < doc->language_count; k++)
		habar__labels_load(&m->labels[k], doc->languages[k].lang);
	if (nlinks == 0 || doc->language_count < 2)
		return HABAR_OK;
	for (k = 0; k < doc->language_count; k++) {
		size_t n = doc->languages[k].sentence_count;
		m->mark[k] = malloc(n > 0 ? n : 1);
		m->confidence[k] = calloc(n > 0 ? n : 1, sizeof(double));
		m->number[k] = calloc(n > 0 ? n : 1, sizeof(size_t));
		if (m->mark[k] == NULL || m->confidence[k] == NULL ||
		    m->number[k] == NULL)
			return HABAR_ERR_NOMEM;
		memset(m->mark[k], MARK_UNLINKED, n);
	}
	for (i = 0; i < nlinks; i++) {
		const struct habar_parallel_link *link = &links[i];
		int doubtful = link->confidence >= 0.0 &&
		    link->confidence < min_confidence;
		for (k = 0, sides = 0; k < doc->language_count; k++)
			if (link->sides[k].count > 0)
				sides++;
		if (sides < 2)
			continue;	/* a 1-0 link: left unlinked */
		if (doubtful)
			number++;
		for (k = 0; k < doc->language_count; k++) {
			const struct habar_parallel_run *run = &link->sides[k];
			for (s = run->first; s < run->first + run->count &&
			    s < doc->languages[k].sentence_count; s++) {
				m->mark[k][s] = doubtful ? MARK_DOUBTFUL :
				    MARK_NONE;
				m->confidence[k][s] = link->confidence;
				m->number[k][s] = number;
			}
		}
	}
	for (k = 0; k < doc->language_count; k++)
		for (s = 0; s < doc->languages[k].sentence_count; s++) {
			if (m->mark[k][s] == MARK_DOUBTFUL)
				m->doubtful++;
			else if (m->mark[k][s] == MARK_UNLINKED)
				m->unlinked++;
		}
	return HABAR_OK;
}

static void
marks_free(struct marks *m)
{
	size_t k;

	if (m == NULL)
		return;
	for (k = 0; k < HABAR_PARALLEL_MAX_LANGS; k++) {
		free(m->mark[k]);
		free(m->confidence[k]);
		free(m->number[k]);
	}
	free(m);
}

/* The legend of the marks, in every language of the page, when a mark
 * is on it. */
static void
legend(FILE *out, const struct habar_parallel *doc, const struct marks *m,
    double min_confidence)
{
	static const char *const keys[][2] = {
		{ "mark-doubtful", "doubtful" },
		{ "mark-unlinked", "unlinked" }
	};
	size_t k, j;

	if (m->doubtful == 0 && m->unlinked == 0)
		return;
	fputs("<section class=\"legend\" aria-labelledby=\"legend\">\n"
	    "<h2 id=\"legend\">", out);
	every_language(out, doc, m, "legend");
	fputs("</h2>\n", out);
	for (k = 0; k < doc->language_count; k++) {
		fputs("<dl lang=\"", out);
		escape_str(out, doc->languages[k].lang);
		fputs("\">\n", out);
		for (j = 0; j < 2; j++) {
			fprintf(out, "<dt><span class=\"mark %s\">",
			    keys[j][1]);
			escape_str(out, habar__label(&m->labels[k],
			    keys[j][0]));
			fputs("</span></dt>\n<dd>", out);
			label_text(out, habar__label(&m->labels[k],
			    keys[j][1]), min_confidence);
			fputs("</dd>\n", out);
		}
		fputs("</dl>\n", out);
	}
	fputs("</section>\n", out);
}

/* Writes label with "{errors}" and "{warnings}" replaced by the counts. */
static void
count_text(FILE *out, const char *label, unsigned long long errors,
    unsigned long long warnings)
{
	const char *e, *w, *hole;

	for (;;) {
		e = strstr(label, "{errors}");
		w = strstr(label, "{warnings}");
		hole = e == NULL ? w : w == NULL || e < w ? e : w;
		if (hole == NULL)
			break;
		escape(out, label, (size_t)(hole - label));
		fprintf(out, "%llu", hole == e ? errors : warnings);
		label = hole + strlen(hole == e ? "{errors}" : "{warnings}");
	}
	escape_str(out, label);
}

/* Writes label with the counts of the checks' findings of arg (the
 * struct habar_html_links). */
static void
counts_label(FILE *out, const char *label, const void *arg)
{
	const struct habar_html_links *links = arg;

	count_text(out, label, links->qa_errors, links->qa_warnings);
}

/* Writes the count of the checks' findings (habar-qa, in the pack's
 * qa.html), in every language of the page, linked to their page. */
static void
checks(FILE *out, const struct habar_parallel *doc, const struct marks *m,
    const struct habar_html_links *links)
{
	if (links->qa_page == NULL)
		return;
	fputs("<p class=\"checks\"><a href=\"", out);
	escape_str(out, links->qa_page);
	fputs("\">", out);
	every_language_with(out, doc, m, "checks", counts_label, links);
	fputs("</a></p>\n", out);
}

/* Writes one cell: the paragraphs of run of language li. */
static void
cell(FILE *out, const struct habar_parallel_language *l,
    const struct habar_parallel_run *run, const struct marks *m, size_t li)
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
		paragraph_text(out, l, p, m, li);
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
	struct marks *m = NULL;
	struct heading heading;
	enum habar_status status;
	FILE *out;

	*html_out = NULL;
	*len_out = 0;
	if (doc->language_count == 0)
		return HABAR_ERR_ARGUMENT;
	if ((status = marks_new(&m, doc, links->min_confidence)) != HABAR_OK) {
		marks_free(m);
		return status;
	}
	if ((out = open_memstream(html_out, len_out)) == NULL) {
		marks_free(m);
		return HABAR_ERR_NOMEM;
	}
	head(out, doc->languages[0].lang, title(doc, 0), links);
	fputs("<body class=\"side-by-side\">\n<nav>", out);
	for (k = 0; k < doc->language_count; k++)
		language_link(out, doc->languages[k].lang, links);
	fputs("</nav>\n<main>\n<h1>", out);
	every_language(out, doc, m, "side-by-side");
	fputs("</h1>\n", out);
	legend(out, doc, m, links->min_confidence);
	checks(out, doc, m, links);
	fputs("<table class=\"parallel\">\n<thead>\n<tr>\n", out);
	for (k = 0; k < doc->language_count; k++) {
		fputs("<th scope=\"col\" lang=\"", out);
		escape_str(out, doc->languages[k].lang);
		fputs("\">", out);
		escape_str(out, title(doc, k));
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
			cell(out, &doc->languages[k], &run, m, k);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</main>\n", out);
	heading.labels = NULL;
	heading.doc = doc;
	heading.m = m;
	page_footer(out, doc, links, &heading, NULL, "");
	fputs("</body>\n</html>\n", out);
	marks_free(m);
	return finish(out, html_out);
}
