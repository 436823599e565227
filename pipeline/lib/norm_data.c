/*
 * norm_data.c: reading the normaliser's per-language data files,
 * locales/<tag>/punctuation and locales/<tag>/lookalikes.
 *
 * Both are plain text: "#" starts a comment, each other line is a keyword
 * and its values separated by spaces.  A character is written either as
 * itself or as U+XXXX (the look-alike tables use U+XXXX, since the point
 * of those letters is that they cannot be told apart on screen).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/data.h>
#include <habar/lines.h>

#include "norm_internal.h"

#define MAX_DATA_LINE 4096	/* bytes of a line of a data file */

size_t
habar__norm_utf8_put(char *buf, uint32_t c)
{
	if (c < 0x80) {
		buf[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		buf[0] = (char)(0xC0 | (c >> 6));
		buf[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		buf[0] = (char)(0xE0 | (c >> 12));
		buf[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		buf[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	buf[0] = (char)(0xF0 | (c >> 18));
	buf[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	buf[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	buf[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Parses one character token: "U+XXXX" or a single UTF-8 character.
 * Returns the code point, or 0 if the token is neither. */
static uint32_t
parse_char(const char *tok)
{
	const unsigned char *s = (const unsigned char *)tok;
	size_t len = strlen(tok);
	uint32_t c;

	if (len > 2 && (tok[0] == 'U' || tok[0] == 'u') && tok[1] == '+') {
		char *end;
		unsigned long v;
		errno = 0;
		v = strtoul(tok + 2, &end, 16);
		if (errno != 0 || *end != '\0' || v == 0 || v > 0x10FFFF ||
		    (v >= 0xD800 && v <= 0xDFFF))
			return 0;
		return (uint32_t)v;
	}
	if (len == 1 && s[0] > 0x20 && s[0] < 0x7F)
		return s[0];
	if (len == 2 && (s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		c = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return c >= 0x80 ? c : 0;
	}
	if (len == 3 && (s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80) {
		c = ((uint32_t)(s[0] & 0x0F) << 12) |
		    ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return c >= 0x800 && (c < 0xD800 || c > 0xDFFF) ? c : 0;
	}
	return 0;
}

static int
pair_cmp(const void *a, const void *b)
{
	const struct habar__norm_pair *x = a, *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

uint32_t
habar__norm_pair_find(const struct habar__norm_pair *pairs, size_t n,
    uint32_t c)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pairs[mid].from == c)
			return pairs[mid].to;
		if (pairs[mid].from < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Splits line into at most max space-separated tokens, cutting comments;
 * returns the number found (max + 1 if there were more). */
static size_t
tokenize(char *line, char **tok, size_t max)
{
	size_t n = 0;
	char *p = line, *hash;

	if ((hash = strchr(line, '#')) != NULL)
		*hash = '\0';
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (*p == '\0')
			return n;
		if (n == max)
			return max + 1;
		tok[n++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r')
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
}

typedef int line_fn(struct habar__norm_data *data, char **tok, size_t n);

/* One line of the punctuation file; returns 0 if it is malformed. */
static int
punctuation_line(struct habar__norm_data *data, char **tok, size_t n)
{
	size_t i;

	if (strcmp(tok[0], "script") == 0 && n == 2) {
		if (strcmp(tok[1], "Cyrl") == 0)
			data->main_cyrillic = 1;
		else if (strcmp(tok[1], "Latn") == 0)
			data->main_cyrillic = 0;
		else
			return 0;
		return 1;
	}
	if (strcmp(tok[0], "clause-dash") == 0 && n == 2)
		return (data->clause_dash = parse_char(tok[1])) != 0;
	if (strcmp(tok[0], "apostrophe") == 0 && n == 2)
		return (data->apostrophe = parse_char(tok[1])) != 0;
	if (strcmp(tok[0], "single-quotes") == 0 && n == 2) {
		data->single_quotes = strcmp(tok[1], "yes") == 0;
		return data->single_quotes || strcmp(tok[1], "no") == 0;
	}
	if (strcmp(tok[0], "spaced-dashes") == 0 && n >= 2 &&
	    n - 1 <= NORM_MAX_DASHES) {
		for (i = 1; i < n; i++)
			if ((data->dashes[i - 1] = parse_char(tok[i])) == 0)
				return 0;
		data->ndashes = n - 1;
		return 1;
	}
	return 0;
}

/* One line of the look-alike file; returns 0 if it is malformed. */
static int
lookalike_line(struct habar__norm_data *data, char **tok, size_t n)
{
	struct habar__norm_pair *table;
	size_t *count;
	uint32_t from, to;

	if (n != 3)
		return 0;
	if (strcmp(tok[0], "to-cyrl") == 0) {
		table = data->to_cyrl;
		count = &data->nto_cyrl;
	} else if (strcmp(tok[0], "to-latn") == 0) {
		table = data->to_latn;
		count = &data->nto_latn;
	} else
		return 0;
	if ((from = parse_char(tok[1])) == 0 || (to = parse_char(tok[2])) == 0)
		return 0;
	if (*count == NORM_MAX_PAIRS)
		return 0;
	table[*count].from = from;
	table[*count].to = to;
	(*count)++;
	return 1;
}

static enum habar_status
load_file(struct habar__norm_data *data, const char *lang, const char *name,
    line_fn *fn, char *err, size_t errlen)
{
	char *path = NULL, *copy = NULL;
	FILE *fp = NULL;
	struct habar_lines *lines = NULL;
	const char *text;
	size_t len;
	char *tok[8];
	size_t n;
	enum habar_status status;

	if ((status = habar_data_find_locale(&path, lang, name)) != HABAR_OK) {
		snprintf(err, errlen, "no data file locales/%s/%s", lang, name);
		goto done;
	}
	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		status = HABAR_ERR_IO;
		goto done;
	}
	if ((status = habar_lines_new(&lines, fp, MAX_DATA_LINE)) != HABAR_OK)
		goto done;
	while ((status = habar_lines_next(lines, &text, &len)) == HABAR_OK) {
		free(copy);
		if ((copy = strndup(text, len)) == NULL) {
			status = HABAR_ERR_NOMEM;
			goto done;
		}
		n = tokenize(copy, tok, 7);
		if (n == 0)
			continue;
		if (n > 7 || !fn(data, tok, n)) {
			snprintf(err, errlen, "%s:%lu: cannot read this line",
			    path, habar_lines_number(lines));
			status = HABAR_ERR_INPUT;
			goto done;
		}
	}
	if (status == HABAR_END)
		status = HABAR_OK;
	else if (status == HABAR_ERR_LIMIT) {
		snprintf(err, errlen, "%s:%lu: line longer than %d bytes "
		    "(the limit)", path, habar_lines_number(lines) + 1,
		    MAX_DATA_LINE);
		status = HABAR_ERR_INPUT;
	}
done:
	free(copy);
	habar_lines_free(lines);
	if (fp != NULL)
		fclose(fp);
	free(path);
	return status;
}

enum habar_status
habar__norm_data_load(struct habar__norm_data *data, const char *lang,
    char *err, size_t errlen)
{
	enum habar_status status;

	memset(data, 0, sizeof(*data));
	status = load_file(data, lang, "punctuation", punctuation_line, err,
	    errlen);
	if (status != HABAR_OK)
		return status;
	if (data->clause_dash == 0 || data->apostrophe == 0) {
		snprintf(err, errlen, "locales/%s/punctuation: clause-dash and "
		    "apostrophe are required", lang);
		return HABAR_ERR_INPUT;
	}
	status = load_file(data, lang, "lookalikes", lookalike_line, err,
	    errlen);
	if (status != HABAR_OK)
		return status;
	qsort(data->to_cyrl, data->nto_cyrl, sizeof(data->to_cyrl[0]),
	    pair_cmp);
	qsort(data->to_latn, data->nto_latn, sizeof(data->to_latn[0]),
	    pair_cmp);
	return HABAR_OK;
}
