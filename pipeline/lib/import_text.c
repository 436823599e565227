/*
 * import_text.c: a release version that is not a word processor's
 * document (release text, plain text in any encoding, an old web page)
 * read into the same document as a .docx, so that whoever gathers a
 * release's versions (habar make) handles every form alike.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <habar/date.h>
#include <habar/decode.h>
#include <habar/import.h>
#include <habar/release.h>
#include <habar/webpage.h>

#include "import_internal.h"

#define MAX_TEXT (HABAR_IMPORT_MAX_FILE)

static int
has_extension(const char *name, const char *ext)
{
	size_t n = name ? strlen(name) : 0, e = strlen(ext);

	return n > e && strcasecmp(name + n - e, ext) == 0;
}

/* Paragraphs of body text: parted by blank lines or, in a text without
 * any blank line between its lines, a line each (as many old text files
 * were written). */
static enum habar_status
add_body(struct habar_import *imp, const char *s, size_t len)
{
	const char *p, *end = s + len, *start = NULL;
	enum habar_status status = HABAR_OK;
	int blank_seen = 0, lines = 0;

	for (p = s; p < end;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		if (habar_release_blank(p, (size_t)(eol - p)))
			blank_seen |= lines > 0;
		else
			lines++;
		p = eol + 1;
	}
	for (p = s; status == HABAR_OK && p < end;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		int blank;
		if (eol == NULL)
			eol = end;
		blank = habar_release_blank(p, (size_t)(eol - p));
		if (!blank_seen && !blank) {
			status = habar__import_add(imp, p, (size_t)(eol - p),
			    0, 0);
		} else if (blank && start != NULL) {
			status = habar__import_add(imp, start,
			    (size_t)(p - start), 0, 0);
			start = NULL;
		} else if (!blank && start == NULL)
			start = p;
		p = eol + 1;
	}
	if (status == HABAR_OK && start != NULL)
		status = habar__import_add(imp, start, (size_t)(end - start), 0,
		    0);
	return status;
}

/* Release text: its fields kept, its body as paragraphs; front matter
 * that does not read is an error naming its line. */
static enum habar_status
read_release(struct habar_import *imp, const char *s, size_t len, char *err,
    size_t errlen)
{
	struct habar_release *rel = NULL;
	struct habar_release_line line;
	enum habar_status status;
	char *body = NULL;
	size_t body_len = 0, i;
	FILE *fp = NULL, *out = NULL;

	if ((fp = fmemopen((void *)s, len, "r")) == NULL ||
	    (out = open_memstream(&body, &body_len)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	status = habar_release_new(&rel, fp, 0);
	while (status == HABAR_OK &&
	    (status = habar_release_next(rel, &line)) == HABAR_OK)
		if (line.kind == HABAR_LINE_BODY) {
			fwrite(line.text, 1, line.len, out);
			putc('\n', out);
		}
	if (status == HABAR_ERR_INPUT) {
		snprintf(err, errlen, "line %lu: %s",
		    habar_release_line_number(rel), habar_release_error(rel));
		goto done;
	}
	if (status != HABAR_END)
		goto done;
	status = HABAR_OK;
	for (i = 0; status == HABAR_OK && i < habar_release_field_count(rel);
	    i++) {
		const char *key, *value;
		habar_release_field_at(rel, i, &key, &value);
		if (strcmp(key, "id") != 0 && strcmp(key, "source") != 0)
			status = habar__import_field(imp, key, value,
			    strlen(value));
	}
	if (status == HABAR_OK && fclose(out) != 0)
		status = HABAR_ERR_NOMEM;
	out = NULL;
	if (status == HABAR_OK && body != NULL)
		status = add_body(imp, body, body_len);
done:
	if (out != NULL)
		fclose(out);
	if (fp != NULL)
		fclose(fp);
	habar_release_free(rel);
	free(body);
	return status;
}

static enum habar_status
read_page(struct habar_import *imp, const char *s, size_t len, char *err,
    size_t errlen)
{
	struct habar_webpage *page = NULL;
	struct habar_dates *dates = NULL;
	enum habar_status status;
	size_t i;

	if ((status = habar_dates_new(&dates)) != HABAR_OK)
		goto done;
	status = habar_webpage_extract(&page, s, len, dates, err, errlen);
	if (status == HABAR_ERR_INPUT || status == HABAR_ERR_LIMIT)
		goto done;
	if (status != HABAR_OK)
		goto done;
	status = habar__import_field(imp, "title", page->title,
	    strlen(page->title));
	if (status == HABAR_OK && page->date != NULL)
		status = habar__import_field(imp, "date", page->date,
		    strlen(page->date));
	if (status == HABAR_OK && page->place != NULL)
		status = habar__import_field(imp, "place", page->place,
		    strlen(page->place));
	for (i = 0; status == HABAR_OK && i < page->count; i++)
		status = habar__import_add(imp, page->paragraphs[i],
		    strlen(page->paragraphs[i]), 0, 0);
done:
	habar_webpage_free(page);
	habar_dates_free(dates);
	return status;
}

/* Whether text opens with markup: Word saves a "Web page" under a .doc
 * name too. */
static int
markup(const char *text, size_t len)
{
	size_t i = habar__import_skip_space(text, len);

	return i < len && text[i] == '<';
}

enum habar_status
habar_import_any(struct habar_import **import_out, const void *data,
    size_t len, const char *name, char *err, size_t errlen)
{
	struct habar_decode_result res;
	struct habar_import *imp = NULL;
	enum habar_status status;
	char *utf8 = NULL;
	size_t utf8_len = 0;

	*import_out = NULL;
	snprintf(err, errlen, "%s", "");
	if (has_extension(name, ".docx") || has_extension(name, ".odt") ||
	    (len >= 4 && memcmp(data, "PK\3\4", 4) == 0) ||
	    (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) ==
	    0))
		return habar_import_read(import_out, data, len, err, errlen);
	if (habar__import_is_rtf(data, len)) {
		snprintf(err, errlen, "%s", HABAR__IMPORT_RTF_REFUSED);
		return HABAR_ERR_INPUT;
	}
	if (habar_decode_binary(data, len)) {
		snprintf(err, errlen, "binary data, neither text nor a Word "
		    "or OpenDocument document");
		return HABAR_ERR_INPUT;
	}
	if ((imp = calloc(1, sizeof(*imp))) == NULL)
		return HABAR_ERR_NOMEM;
	status = habar_decode_buffer(&utf8, &utf8_len, &res, NULL, data, len,
	    HABAR_ENC_AUTO, MAX_TEXT);
	if (status != HABAR_OK) {
		snprintf(err, errlen, "decoding: %s", habar_status_string(status));
		goto done;
	}
	imp->encoding = habar_encoding_name(res.encoding);
	if (has_extension(name, ".html") || has_extension(name, ".htm") ||
	    (has_extension(name, ".doc") && markup(utf8, utf8_len))) {
		imp->kind = HABAR_IMPORT_PAGE;
		status = read_page(imp, utf8, utf8_len, err, errlen);
	} else if (utf8_len >= 4 && memcmp(utf8, "---", 3) == 0 &&
	    (utf8[3] == '\n' || utf8[3] == '\r')) {
		imp->kind = HABAR_IMPORT_RELEASE;
		status = read_release(imp, utf8, utf8_len, err, errlen);
	} else {
		imp->kind = HABAR_IMPORT_TEXT;
		status = add_body(imp, utf8, utf8_len);
	}
	if (status == HABAR_OK)
		status = habar__import_finish(imp, 1, err, errlen);
done:
	free(utf8);
	if (status != HABAR_OK) {
		habar_import_free(imp);
		return status;
	}
	*import_out = imp;
	return HABAR_OK;
}
