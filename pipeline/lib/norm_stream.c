/*
 * norm_stream.c: normalising a whole release, front matter included
 * (habar_norm_stream() of habar/norm.h).
 *
 * Fences and keys pass through as they are; the values and the body are
 * normalised.  When the language is not given, the front matter's "lang:"
 * field names it, so the front matter is held back until its closing
 * fence (it is small: the release reader caps the number of fields).
 */
#include <stdlib.h>
#include <string.h>

#include <habar/release.h>

#include "norm_internal.h"
#include "utf8_internal.h"

#define MAX_HELD 1024	/* front-matter lines held back waiting for lang: */

struct held {
	enum habar_line_kind kind;
	char *text;
	size_t len, value_off, value_len;
	unsigned long number;
	int terminated, crlf;
};

struct run {
	struct habar_norm *norm;
	FILE *out;
	unsigned long long offset;
	struct held *held;
	size_t nheld;
};

static enum habar_status
put(struct run *run, const char *s, size_t len)
{
	if (len > 0 && fwrite(s, 1, len, run->out) != len) {
		habar__norm_set_error(run->norm, 0, "write error");
		return HABAR_ERR_IO;
	}
	return HABAR_OK;
}

static enum habar_status
put_eol(struct run *run, const struct held *h)
{
	if (!h->terminated)
		return HABAR_OK;
	if (h->crlf && !(habar__norm_rules(run->norm) & HABAR_NORM_RULE_EOL))
		return put(run, "\r\n", 2);
	if (h->crlf)
		habar__norm_count_eol(run->norm);
	return put(run, "\n", 1);
}

/* Writes the field whose value normalisation changed, as "key: value",
 * quoting the value the way the release reader reads it back. */
static enum habar_status
put_field(struct run *run, const struct held *h, const char *value,
    size_t value_len)
{
	char *key = NULL, *v = NULL;
	size_t key_len = 0;
	enum habar_status status = HABAR_ERR_NOMEM;

	while (key_len < h->len && h->text[key_len] != ':')
		key_len++;
	if ((key = strndup(h->text, key_len)) == NULL ||
	    (v = malloc(value_len + 1)) == NULL)
		goto done;
	memcpy(v, value, value_len);
	v[value_len] = '\0';
	/* The writer ends the line with "\n", which stands for the line's
	 * own terminator (the eol rule applies to rewritten fields). */
	status = habar_release_write_field(run->out, key, v);
	if (status != HABAR_OK)
		habar__norm_set_error(run->norm, h->number, "write error");
	else if (h->crlf)
		habar__norm_count_eol(run->norm);
done:
	free(key);
	free(v);
	return status;
}

/* Normalises text[0..len), which starts at byte at of line h (where
 * messages point). */
static enum habar_status
normalise(struct run *run, const struct held *h, size_t at, const char *text,
    size_t len, const char **out, size_t *out_len)
{
	enum habar_status status;

	habar_norm_set_position(run->norm, h->number, run->offset + at,
	    habar__utf8_chars(h->text, at < h->len ? at : h->len) + 1);
	status = habar_norm_line(run->norm, text, len, out, out_len);
	if (status != HABAR_OK)
		habar__norm_set_error(run->norm, h->number,
		    habar_norm_error(run->norm));
	return status;
}

/* Where field h's value starts in its line once unquoted: past the
 * spaces and the opening quote. */
static size_t
value_start(const struct held *h)
{
	size_t at = h->value_off, end = h->value_off + h->value_len;

	while (at < end && (h->text[at] == ' ' || h->text[at] == '\t'))
		at++;
	if (at < end && (h->text[at] == '"' || h->text[at] == '\''))
		at++;
	return at;
}

/* Whether the release reader would take s as a front-matter fence. */
static int
reads_as_fence(const char *s, size_t len)
{
	/* As the release reader sees a fence (release.c). */
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\r'))
		len--;
	return len == 3 && memcmp(s, "---", 3) == 0;
}

/* Normalises and writes one line. */
static enum habar_status
process(struct run *run, const struct held *h)
{
	const char *out;
	size_t out_len, text_len;
	char *value = NULL;
	enum habar_status status = HABAR_OK;

	switch (h->kind) {
	case HABAR_LINE_FENCE:
		/* Quotations do not run from the front matter into the body. */
		habar_norm_reset(run->norm);
		/* Carriage returns ending it belong to the line end, as for
		 * any line (see below). */
		text_len = h->len;
		if (habar__norm_rules(run->norm) & HABAR_NORM_RULE_EOL)
			while (text_len > 0 && h->text[text_len - 1] == '\r')
				text_len--;
		status = put(run, h->text, text_len);
		break;
	case HABAR_LINE_FIELD:
		status = habar_release_unquote(&value, h->text + h->value_off,
		    h->value_len);
		if (status != HABAR_OK)
			break;
		/* Each value is a paragraph of its own. */
		habar_norm_reset(run->norm);
		status = normalise(run, h, value_start(h), value,
		    strlen(value), &out, &out_len);
		if (status != HABAR_OK)
			break;
		if (out_len == strlen(value) &&
		    memcmp(out, value, out_len) == 0 &&
		    memchr(h->text, '\0', h->len) == NULL) {
			status = put(run, h->text, h->value_off + h->value_len);
		} else {
			status = put_field(run, h, out, out_len);
			free(value);
			run->offset += h->len +
			    (h->terminated ? 1u + (h->crlf != 0) : 0);
			return status;
		}
		break;
	case HABAR_LINE_META_OTHER:
	case HABAR_LINE_BODY:
		/* With line ends made LF, carriage returns at the end of a
		 * line belong to its end: kept before the LF they would be
		 * read as a CRLF next time and lost one a pass, and they
		 * would hide the spaces before them from the trailing rule. */
		text_len = h->len;
		if (habar__norm_rules(run->norm) & HABAR_NORM_RULE_EOL)
			while (text_len > 0 && h->text[text_len - 1] == '\r')
				text_len--;
		status = normalise(run, h, 0, h->text, text_len, &out,
		    &out_len);
		/* Cleaning may leave carriage returns at the end (a
		 * zero-width character after them removed): they go too,
		 * and with them the spaces they kept from the trailing
		 * rule.  Not by cleaning the line again: quotation marks
		 * would be counted twice. */
		if (status == HABAR_OK &&
		    (habar__norm_rules(run->norm) & HABAR_NORM_RULE_EOL))
			while (out_len > 0 && (out[out_len - 1] == '\r' ||
			    ((habar__norm_rules(run->norm) &
			    HABAR_NORM_RULE_TRAILING) &&
			    (out[out_len - 1] == ' ' || out[out_len - 1] == '\t'))))
				out_len--;
		if (status == HABAR_OK && h->kind == HABAR_LINE_BODY &&
		    h->number == 1 && reads_as_fence(out, out_len)) {
			/* A first line that only becomes "---" when cleaned
			 * (of a control or zero-width character) would open
			 * front matter when read again: clean it no further
			 * than NFC, so that it stays a line of the body. */
			unsigned rules = habar__norm_rules(run->norm);
			habar_norm_set_rules(run->norm, 0);
			status = normalise(run, h, 0, h->text, text_len, &out,
			    &out_len);
			habar_norm_set_rules(run->norm, rules);
		} else if (status == HABAR_OK && out_len > 0 &&
		    out[out_len - 1] == '\r' && h->terminated && !h->crlf &&
		    (habar__norm_rules(run->norm) & (HABAR_NORM_RULE_EOL |
		    HABAR_NORM_RULE_TRAILING)) == HABAR_NORM_RULE_TRAILING) {
			/* Without the eol rule, a carriage return ending a
			 * line before its LF is read next time as a CRLF, and
			 * the spaces before it then trail the line: they go
			 * now, not on a second pass. */
			out_len--;
			while (out_len > 0 && (out[out_len - 1] == ' ' ||
			    out[out_len - 1] == '\t'))
				out_len--;
			status = put(run, out, out_len);
			out = "\r";
			out_len = 1;
		}
		if (status == HABAR_OK)
			status = put(run, out, out_len);
		break;
	}
	free(value);
	if (status == HABAR_OK)
		status = put_eol(run, h);
	run->offset += h->len + (h->terminated ? 1u + (h->crlf != 0) : 0);
	return status;
}

static enum habar_status
hold(struct run *run, const struct habar_release_line *line)
{
	struct held *h;

	if (run->nheld == MAX_HELD) {
		habar__norm_set_error(run->norm, line->number,
		    "front matter too long");
		return HABAR_ERR_LIMIT;
	}
	if (run->held == NULL &&
	    (run->held = calloc(MAX_HELD, sizeof(*run->held))) == NULL)
		return HABAR_ERR_NOMEM;
	h = &run->held[run->nheld];
	memset(h, 0, sizeof(*h));
	if ((h->text = malloc(line->len + 1)) == NULL)
		return HABAR_ERR_NOMEM;
	memcpy(h->text, line->text, line->len);
	h->text[line->len] = '\0';
	h->kind = line->kind;
	h->len = line->len;
	if (line->kind == HABAR_LINE_FIELD) {
		h->value_off = (size_t)(line->value - line->text);
		h->value_len = line->value_len;
	}
	h->number = line->number;
	h->terminated = line->terminated;
	h->crlf = line->crlf;
	run->nheld++;
	return HABAR_OK;
}

/* Sets the language from the front matter and writes the held lines. */
static enum habar_status
release_held(struct run *run, struct habar_release *release,
    unsigned long number)
{
	const char *lang = habar_release_get(release, "lang");
	enum habar_status status;
	size_t i;

	if (lang == NULL) {
		habar__norm_set_error(run->norm, number,
		    "no language: give --lang or a 'lang:' field");
		return HABAR_ERR_ARGUMENT;
	}
	if ((status = habar_norm_set_lang(run->norm, lang)) != HABAR_OK) {
		habar__norm_set_error(run->norm, number,
		    habar_norm_error(run->norm));
		return status;
	}
	for (i = 0; i < run->nheld; i++)
		if ((status = process(run, &run->held[i])) != HABAR_OK)
			return status;
	return HABAR_OK;
}

enum habar_status
habar_norm_stream(struct habar_norm *norm, FILE *in, FILE *out)
{
	struct habar_release *release = NULL;
	struct habar_release_line line;
	struct run run;
	struct held h;
	enum habar_status status;
	int lang_from_file = habar_norm_lang(norm) == NULL;
	int holding = lang_from_file, in_front = 0;
	size_t i;

	memset(&run, 0, sizeof(run));
	run.norm = norm;
	run.out = out;
	habar__norm_set_error(norm, 0, "");
	habar_norm_reset(norm);
	status = habar_release_new(&release, in, HABAR_NORM_MAX_LINE);
	if (status != HABAR_OK)
		goto done;
	while ((status = habar_release_next(release, &line)) == HABAR_OK) {
		if (line.kind == HABAR_LINE_FENCE)
			in_front = !in_front;
		if (holding && line.kind == HABAR_LINE_BODY) {
			/* No front matter, or it has just closed. */
			if ((status = release_held(&run, release,
			    line.number)) != HABAR_OK)
				goto done;
			holding = 0;
		}
		if (holding) {
			if ((status = hold(&run, &line)) != HABAR_OK)
				goto done;
			if (line.kind == HABAR_LINE_FENCE && !in_front) {
				if ((status = release_held(&run, release,
				    line.number)) != HABAR_OK)
					goto done;
				holding = 0;
			}
			continue;
		}
		memset(&h, 0, sizeof(h));
		h.kind = line.kind;
		h.text = (char *)line.text;
		h.len = line.len;
		if (line.kind == HABAR_LINE_FIELD) {
			h.value_off = (size_t)(line.value - line.text);
			h.value_len = line.value_len;
		}
		h.number = line.number;
		h.terminated = line.terminated;
		h.crlf = line.crlf;
		if ((status = process(&run, &h)) != HABAR_OK)
			goto done;
	}
	if (status == HABAR_END && holding && run.nheld > 0)
		status = release_held(&run, release,
		    habar_release_line_number(release));
	else if (status == HABAR_END)
		status = HABAR_OK;
	if (status == HABAR_END)
		status = HABAR_OK;
	if (status != HABAR_OK && *habar_norm_error(norm) == '\0') {
		const char *detail = habar_release_error(release);
		habar__norm_set_error(norm, habar_release_line_number(release),
		    *detail ? detail : habar_status_string(status));
	}
done:
	if (status != HABAR_OK && *habar_norm_error(norm) == '\0')
		habar__norm_set_error(norm, release ?
		    habar_release_line_number(release) : 0,
		    habar_status_string(status));
	for (i = 0; i < run.nheld; i++)
		free(run.held[i].text);
	free(run.held);
	habar_release_free(release);
	if (lang_from_file)
		habar__norm_clear_lang(norm);
	return status;
}
