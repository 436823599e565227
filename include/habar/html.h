/*
 * html.h: the HTML pages of a release pack: one page per language and one
 * page with the languages side by side, valid HTML5 with the lang
 * attribute set on every piece of text, styled by a stylesheet shipped in
 * the pack (templates/pack.css), fetching nothing from the network.
 */
#ifndef HABAR_HTML_H
#define HABAR_HTML_H

#include <stddef.h>

#include <habar/parallel.h>
#include <habar/status.h>

/* A file of the pack a page links to (a slide text). */
struct habar_html_file {
	const char *path;	/* relative to the pages: "../slides/d.pptx.en.md" */
	const char *name;	/* what the link says: "d.pptx" */
	const char *lang;	/* the language of its text, or NULL */
};

/* What the pages link to, relative to the pages themselves, and how the
 * side-by-side page marks its sentence links. */
struct habar_html_links {
	const char *stylesheet;		/* "style.css" */
	const char *attachments_dir;	/* "../attachments/" */
	const char *side_by_side;	/* "index.html" */
	/* the page of language li is page_prefix + lang + page_suffix */
	const char *page_prefix;	/* "<id>." */
	const char *page_suffix;	/* ".html" */
	/* the slide texts of the pack (slide_count may be 0) */
	const struct habar_html_file *slides;
	size_t slide_count;
	/* a sentence link of lower confidence is marked doubtful on the
	 * side-by-side page; 0 or less: none is */
	double min_confidence;
	/* the checks' page (NULL: no checks) and the count of their
	 * findings, said on the side-by-side page */
	const char *qa_page;		/* "../qa.html" */
	unsigned long long qa_errors, qa_warnings;
};

/*
 * Writes the page of language li of doc into a new buffer *html_out of
 * *len_out bytes (free() it): the organisation, title, date line (place,
 * and the date as the language writes it, habar_date_format()),
 * paragraphs, press contact, attachments, slide texts (those in the
 * page's language; a deck without text in it, every language of the
 * deck), links to the other languages.  Every label is in the page's
 * language, from locales/<lang>/labels.
 * Returns HABAR_OK, HABAR_ERR_ARGUMENT (no such language), HABAR_ERR_NOMEM.
 */
enum habar_status habar_html_page(const struct habar_parallel *doc, size_t li,
    const struct habar_html_links *links, char **html_out, size_t *len_out);

/*
 * Writes the side-by-side page: one column per language, one row per
 * paragraph link (or per paragraph position when doc has no links).
 * Each sentence whose sentence link has a confidence under
 * links->min_confidence carries class "doubtful" and a mark, each
 * sentence without a counterpart in another language class "unlinked"
 * and another mark; a legend explains both.  The page holds every
 * language, so its labels (headings, legend) are given in each, each
 * with its lang attribute.  Same results as habar_html_page().
 */
enum habar_status habar_html_side_by_side(const struct habar_parallel *doc,
    const struct habar_html_links *links, char **html_out, size_t *len_out);

#endif
