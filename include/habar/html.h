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

/* What the pages link to, relative to the pages themselves. */
struct habar_html_links {
	const char *stylesheet;		/* "style.css" */
	const char *attachments_dir;	/* "../attachments/" */
	const char *side_by_side;	/* "index.html" */
	/* the page of language li is page_prefix + lang + page_suffix */
	const char *page_prefix;	/* "<id>." */
	const char *page_suffix;	/* ".html" */
};

/*
 * Writes the page of language li of doc into a new buffer *html_out of
 * *len_out bytes (free() it): title, date line, paragraphs, attachments,
 * links to the other languages.  Labels come from locales/<lang>/labels.
 * Returns HABAR_OK, HABAR_ERR_ARGUMENT (no such language), HABAR_ERR_NOMEM.
 */
enum habar_status habar_html_page(const struct habar_parallel *doc, size_t li,
    const struct habar_html_links *links, char **html_out, size_t *len_out);

/*
 * Writes the side-by-side page: one column per language, one row per
 * paragraph link (or per paragraph position when doc has no links).
 * Same results as habar_html_page().
 */
enum habar_status habar_html_side_by_side(const struct habar_parallel *doc,
    const struct habar_html_links *links, char **html_out, size_t *len_out);

#endif
