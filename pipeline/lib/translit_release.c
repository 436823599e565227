/*
 * translit_release.c: habar-translit over a whole release.  The front
 * matter is held back until its closing fence, because its "lang" field,
 * wherever it stands, decides whether the release is Kazakh at all; then
 * it is written with its values converted (except the fields the word
 * list names in "keep-fields") and "lang" set to the new script.  The body
 * streams through line by line.
 */
#include <stdlib.h>
#include <string.h>

#include <habar/release.h>
#include <habar/translit.h>

#include "grow_internal.h"
#include "translit_internal.h"

/* Front matter is a few lines of metadata: cap what is held back. */
#define MAX_FRONT_MATTER (1024u * 1024)
/* The longest line read: what habar_translit_line() takes. */
#define MAX_LINE HABAR_TRANSLIT_MAX_LINE

struct held_line {
	enum habar_line_kind kind;
	size_t off, len;	/* the line in the held text */
	size_t key_off, key_len, value_off, value_len;
	int terminated;
};

struct held {
	char *text;
	size_t len, cap;
	struct held_line *lines;
	size_t n, lines_cap;
};

static void
held_free(struct held *h)
{
	free(h->text);
	free(h->lines);
}

static enum habar_status
held_add(struct held *h, const struct habar_release_line *line)
{
	struct held_line *l;
	enum habar_status status;

	if (h->len + line->len > MAX_FRONT_MATTER)
		return HABAR_ERR_LIMIT;
	if ((status = habar__grow((void **)&h->text, &h->cap,
	    h->len + line->len, 1, 4096)) != HABAR_OK ||
	    (status = habar__grow((void **)&h->lines, &h->lines_cap, h->n + 1,
	    sizeof(*h->lines), 32)) != HABAR_OK)
		return status;
	l = &h->lines[h->n++];
	memset(l, 0, sizeof(*l));
	l->kind = line->kind;
	l->off = h->len;
	l->len = line->len;
	l->terminated = line->terminated;
	if (line->kind == HABAR_LINE_FIELD) {
		l->key_off = h->len + (size_t)(line->key - line->text);
		l->key_len = line->key_len;
		l->value_off = h->len + (size_t)(line->value - line->text);
		l->value_len = line->value_len;
	}
	if (line->len > 0)
		memcpy(h->text + h->len, line->text, line->len);
	h->len += line->len;
	return HABAR_OK;
}

/* Whether the space-separated list holds word[0..len). */
static int
list_has(const char *list, const char *word, size_t len)
{
	const char *p = list;

	if (list == NULL)
		return 0;
	while (*p != '\0') {
		size_t n;
		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (n == len && n > 0 && memcmp(p, word, len) == 0)
			return 1;
		p += n;
	}
	return 0;
}

/* Whether a BCP 47 tag names Kazakh ("kk", "kk-Latn", "KK_cyrl" ...). */
static int
is_kazakh(const char *lang)
{
	return (lang[0] == 'k' || lang[0] == 'K') &&
	    (lang[1] == 'k' || lang[1] == 'K') &&
	    (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

static enum habar_status
write_bytes(FILE *out, const char *text, size_t len, int newline)
{
	if (len > 0 && fwrite(text, 1, len, out) != len)
		return HABAR_ERR_IO;
	if (newline && putc('\n', out) == EOF)
		return HABAR_ERR_IO;
	return HABAR_OK;
}

/* Writes one held field, converted when it is Kazakh text. */
static enum habar_status
write_field(struct habar_translit *translit, FILE *out, const struct held *h,
    const struct held_line *l, const char *lang_out)
{
	const struct habar__translit_words *words =
	    habar__translit_words(translit);
	const char *key = h->text + l->key_off;
	char *key_z = NULL, *value = NULL, *converted = NULL;
	const char *res;
	size_t res_len;
	enum habar_status status = HABAR_OK;

	if ((key_z = strndup(key, l->key_len)) == NULL)
		return HABAR_ERR_NOMEM;
	if (strcmp(key_z, "lang") == 0) {
		status = habar_release_write_field(out, key_z, lang_out);
		goto done;
	}
	if (list_has(words->value[HABAR__TK_KEEP_FIELDS], key, l->key_len)) {
		status = write_bytes(out, h->text + l->off, l->len,
		    l->terminated);
		goto done;
	}
	status = habar_release_unquote(&value, h->text + l->value_off,
	    l->value_len);
	if (status != HABAR_OK)
		goto done;
	status = habar_translit_line(translit, &res, &res_len, value,
	    strlen(value));
	if (status != HABAR_OK)
		goto done;
	if (res_len == strlen(value) && memcmp(res, value, res_len) == 0) {
		/* Nothing to convert: keep the line as it was written. */
		status = write_bytes(out, h->text + l->off, l->len,
		    l->terminated);
		goto done;
	}
	if ((converted = strndup(res, res_len)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	status = habar_release_write_field(out, key_z, converted);
done:
	free(key_z);
	free(value);
	free(converted);
	return status;
}

/* Writes the held front matter, its closing fence included. */
static enum habar_status
write_front_matter(struct habar_translit *translit, FILE *out,
    const struct held *h, int convert, int has_lang)
{
	const char *lang_out =
	    habar__translit_target(translit) == HABAR_TRANSLIT_KK_LATN ?
	    "kk-Latn" : "kk";
	enum habar_status status = HABAR_OK;
	size_t i;

	for (i = 0; i < h->n && status == HABAR_OK; i++) {
		const struct held_line *l = &h->lines[i];
		int closing = l->kind == HABAR_LINE_FENCE && i > 0;

		if (closing && convert && !has_lang &&
		    (status = habar_release_write_field(out, "lang",
		    lang_out)) != HABAR_OK)
			break;
		if (convert && l->kind == HABAR_LINE_FIELD)
			status = write_field(translit, out, h, l, lang_out);
		else
			status = write_bytes(out, h->text + l->off, l->len,
			    l->terminated);
	}
	return status;
}

enum habar_status
habar_translit_release(struct habar_translit *translit, FILE *in, FILE *out,
    int *skipped_lang)
{
	struct habar_release *release = NULL;
	struct habar_release_line line;
	struct held held;
	int in_front = 0, convert = 1;
	enum habar_status status;
	const char *res;
	size_t res_len;

	memset(&held, 0, sizeof(held));
	if (skipped_lang != NULL)
		*skipped_lang = 0;
	habar__translit_set_error(translit, 0, "%s", "");
	if ((status = habar_release_new(&release, in, MAX_LINE)) != HABAR_OK)
		goto done;
	while ((status = habar_release_next(release, &line)) == HABAR_OK) {
		if (line.kind == HABAR_LINE_FENCE && line.number == 1 &&
		    !in_front && held.n == 0) {
			in_front = 1;
			status = held_add(&held, &line);
		} else if (in_front) {
			if ((status = held_add(&held, &line)) != HABAR_OK)
				break;
			if (line.kind != HABAR_LINE_FENCE)
				continue;
			/* The closing fence: now the language is known. */
			in_front = 0;
			{
				const char *lang = habar_release_get(release,
				    "lang");
				convert = lang == NULL || is_kazakh(lang);
				if (!convert && skipped_lang != NULL)
					*skipped_lang = 1;
				status = write_front_matter(translit, out,
				    &held, convert, lang != NULL);
			}
		} else if (!convert) {
			status = write_bytes(out, line.text, line.len,
			    line.terminated);
		} else {
			status = habar_translit_line(translit, &res, &res_len,
			    line.text, line.len);
			if (status == HABAR_OK)
				status = write_bytes(out, res, res_len,
				    line.terminated);
		}
		if (status != HABAR_OK)
			break;
	}
	if (status == HABAR_END)
		status = HABAR_OK;
	if (status != HABAR_OK) {
		/* Keep the most precise message: the reader's (its line is
		 * the reader's line number), the converter's, or the status. */
		unsigned long number = habar_release_line_number(release);
		char copy[256];

		snprintf(copy, sizeof(copy), "%s", habar_translit_error(translit));
		if (*habar_release_error(release) != '\0')
			habar__translit_set_error(translit, number, "%s",
			    habar_release_error(release));
		else if (status == HABAR_ERR_IO)
			habar__translit_set_error(translit, number,
			    "read or write error");
		else if (status == HABAR_ERR_LIMIT && copy[0] == '\0')
			habar__translit_set_error(translit, number,
			    "front matter longer than %u bytes",
			    MAX_FRONT_MATTER);
		else
			habar__translit_set_error(translit, number, "%s",
			    copy[0] ? copy : habar_status_string(status));
	}
done:
	habar_release_free(release);
	held_free(&held);
	return status;
}
