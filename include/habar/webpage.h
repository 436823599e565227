/*
 * webpage.h: the release inside an old web page: its title, date, place
 * and body paragraphs, without the site's menus, footers, share links and
 * photo credits around it.
 */
#ifndef HABAR_WEBPAGE_H
#define HABAR_WEBPAGE_H

#include <stddef.h>

#include <habar/date.h>
#include <habar/status.h>

struct habar_webpage {
	char *title;		/* never NULL ("" when none found) */
	char *date;		/* "YYYY-MM-DD", or NULL */
	char *place;		/* the dateline's place ("Astana"), or NULL */
	char **paragraphs;	/* the body, one paragraph a string */
	size_t count;
};

/*
 * Extracts the release from len bytes of HTML already decoded to UTF-8
 * (the page's own charset declaration is ignored), with libxml2's HTML
 * parser (no network).  dates finds a date in the text when the markup
 * gives none.  Returns HABAR_OK, HABAR_ERR_INPUT (no text found at all),
 * HABAR_ERR_LIMIT (over 2 GiB, an element with more attributes than the
 * XML readers' cap, 256, or elements nested deeper than libxml2's 256,
 * past which the parser stops and the rest of the page would be lost),
 * HABAR_ERR_NOTFOUND (locales/root/web-boilerplate missing),
 * HABAR_ERR_NOMEM.  On HABAR_ERR_INPUT and HABAR_ERR_LIMIT, msg (msg_size
 * bytes; may be NULL) says why, naming the limit, without the file name.
 */
enum habar_status habar_webpage_extract(struct habar_webpage **page_out,
    const char *html, size_t len, const struct habar_dates *dates,
    char *msg, size_t msg_size);

/* Frees the page; NULL is harmless. */
void habar_webpage_free(struct habar_webpage *page);

#endif
