/*
 * release.c: reading the release text format line by line (the format is
 * described in habar/release.h and docs/release-format.md).
 */
#include <stdlib.h>
#include <string.h>

#include <habar/lines.h>
#include <habar/release.h>

#include "utf8_internal.h"

/* Front matter is metadata, not content: keep it small. */
#define MAX_FIELDS 256

enum state { START, IN_FRONT_MATTER, IN_BODY };

struct field {
	char *key;
	char *value;
};

struct habar_release {
	struct habar_lines *lines;
	enum state state;
	struct field fields[MAX_FIELDS];
	size_t nfields;
	char error[160];
};

enum habar_status
habar_release_new(struct habar_release **release_out, FILE *fp,
    size_t max_line)
{
	struct habar_release *release;
	enum habar_status status;

	*release_out = NULL;
	if ((release = calloc(1, sizeof(*release))) == NULL)
		return HABAR_ERR_NOMEM;
	if ((status = habar_lines_new(&release->lines, fp, max_line)) != HABAR_OK) {
		free(release);
		return status;
	}
	*release_out = release;
	return HABAR_OK;
}

void
habar_release_free(struct habar_release *release)
{
	size_t i;

	if (release == NULL)
		return;
	for (i = 0; i < release->nfields; i++) {
		free(release->fields[i].key);
		free(release->fields[i].value);
	}
	habar_lines_free(release->lines);
	free(release);
}

static int
is_fence(const char *text, size_t len, int closing)
{
	/* Trailing white space, carriage returns included (a file saved
	 * with "\r\r\n" line ends), does not make a fence something else. */
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t' ||
	    text[len - 1] == '\r'))
		len--;
	if (len == 3 && memcmp(text, "---", 3) == 0)
		return 1;
	return closing && len == 3 && memcmp(text, "...", 3) == 0;
}

static int
is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

/* Splits "key: value" into line->key and line->value; returns 0 if the
 * line is not a field. */
static int
split_field(struct habar_release_line *line)
{
	size_t i = 0;

	while (i < line->len && is_key_char(line->text[i]))
		i++;
	if (i == 0 || i >= line->len || line->text[i] != ':')
		return 0;
	if (i + 1 < line->len && line->text[i + 1] != ' ' &&
	    line->text[i + 1] != '\t')
		return 0;
	line->key = line->text;
	line->key_len = i;
	i++;
	while (i < line->len && (line->text[i] == ' ' || line->text[i] == '\t'))
		i++;
	line->value = line->text + i;
	line->value_len = line->len - i;
	while (line->value_len > 0 && (line->value[line->value_len - 1] == ' ' ||
	    line->value[line->value_len - 1] == '\t' ||
	    line->value[line->value_len - 1] == '\r'))
		line->value_len--;
	return 1;
}

static enum habar_status
remember_field(struct habar_release *release,
    const struct habar_release_line *line)
{
	struct field *f = NULL;
	char *value;
	size_t i;
	enum habar_status status;

	status = habar_release_unquote(&value, line->value, line->value_len);
	if (status != HABAR_OK)
		return status;
	/* A repeated key replaces the earlier value, as in YAML. */
	for (i = 0; i < release->nfields; i++)
		if (strlen(release->fields[i].key) == line->key_len &&
		    memcmp(release->fields[i].key, line->key, line->key_len) == 0)
			f = &release->fields[i];
	if (f == NULL) {
		if (release->nfields == MAX_FIELDS) {
			free(value);
			snprintf(release->error, sizeof(release->error),
			    "line %lu: more than %d front-matter fields",
			    line->number, MAX_FIELDS);
			return HABAR_ERR_LIMIT;
		}
		f = &release->fields[release->nfields];
		if ((f->key = strndup(line->key, line->key_len)) == NULL) {
			free(value);
			return HABAR_ERR_NOMEM;
		}
		release->nfields++;
	} else {
		free(f->value);
	}
	f->value = value;
	return HABAR_OK;
}

enum habar_status
habar_release_next(struct habar_release *release,
    struct habar_release_line *line)
{
	const char *text;
	size_t len;
	enum habar_status status;

	memset(line, 0, sizeof(*line));
	status = habar_lines_next(release->lines, &text, &len);
	if (status == HABAR_END && release->state == IN_FRONT_MATTER) {
		snprintf(release->error, sizeof(release->error),
		    "line %lu: front matter is not closed by '---'",
		    habar_lines_number(release->lines));
		return HABAR_ERR_INPUT;
	}
	if (status != HABAR_OK) {
		if (status == HABAR_ERR_LIMIT)
			snprintf(release->error, sizeof(release->error),
			    "line %lu: line too long",
			    habar_lines_number(release->lines) + 1);
		return status;
	}
	line->number = habar_lines_number(release->lines);
	line->terminated = habar_lines_terminated(release->lines);
	line->crlf = habar_lines_crlf(release->lines);
	if (line->number == 1 && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	line->text = text;
	line->len = len;

	switch (release->state) {
	case START:
		if (is_fence(text, len, 0)) {
			release->state = IN_FRONT_MATTER;
			line->kind = HABAR_LINE_FENCE;
			return HABAR_OK;
		}
		release->state = IN_BODY;
		break;
	case IN_FRONT_MATTER:
		if (is_fence(text, len, 1)) {
			release->state = IN_BODY;
			line->kind = HABAR_LINE_FENCE;
			return HABAR_OK;
		}
		if (len == 0 || text[0] == '#' ||
		    strspn(text, " \t") == len) {
			line->kind = HABAR_LINE_META_OTHER;
			return HABAR_OK;
		}
		if (!split_field(line)) {
			snprintf(release->error, sizeof(release->error),
			    "line %lu: front matter expects 'key: value'",
			    line->number);
			return HABAR_ERR_INPUT;
		}
		line->kind = HABAR_LINE_FIELD;
		return remember_field(release, line);
	case IN_BODY:
		break;
	}
	line->kind = HABAR_LINE_BODY;
	return HABAR_OK;
}

const char *
habar_release_get(const struct habar_release *release, const char *key)
{
	size_t i;

	for (i = 0; i < release->nfields; i++)
		if (strcmp(release->fields[i].key, key) == 0)
			return release->fields[i].value;
	return NULL;
}

size_t
habar_release_field_count(const struct habar_release *release)
{
	return release->nfields;
}

void
habar_release_field_at(const struct habar_release *release, size_t i,
    const char **key, const char **value)
{
	*key = release->fields[i].key;
	*value = release->fields[i].value;
}

const char *
habar_release_error(const struct habar_release *release)
{
	return release->error;
}

unsigned long
habar_release_line_number(const struct habar_release *release)
{
	return habar_lines_number(release->lines);
}

size_t
habar_release_invalid(const char *s, size_t len)
{
	size_t bad;

	return habar__utf8_valid(s, len, &bad) ? HABAR_RELEASE_VALID : bad;
}

int
habar_release_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

enum habar_status
habar_release_unquote(char **out, const char *raw, size_t raw_len)
{
	char *value, *w;
	size_t i;

	*out = NULL;
	while (raw_len > 0 && (*raw == ' ' || *raw == '\t')) {
		raw++;
		raw_len--;
	}
	while (raw_len > 0 && (raw[raw_len - 1] == ' ' || raw[raw_len - 1] == '\t'))
		raw_len--;
	if ((value = malloc(raw_len + 1)) == NULL)
		return HABAR_ERR_NOMEM;
	w = value;
	if (raw_len >= 2 && raw[0] == '"' && raw[raw_len - 1] == '"') {
		for (i = 1; i + 1 < raw_len; i++) {
			if (raw[i] == '\\' && i + 2 < raw_len) {
				i++;
				*w++ = raw[i] == 'n' ? '\n' :
				    raw[i] == 't' ? '\t' : raw[i];
			} else
				*w++ = raw[i];
		}
	} else if (raw_len >= 2 && raw[0] == '\'' && raw[raw_len - 1] == '\'') {
		for (i = 1; i + 1 < raw_len; i++) {
			*w++ = raw[i];
			if (raw[i] == '\'' && i + 2 < raw_len && raw[i + 1] == '\'')
				i++;
		}
	} else {
		memcpy(w, raw, raw_len);
		w += raw_len;
	}
	*w = '\0';
	/* A NUL byte would end the value for every reader of it: it goes,
	 * rather than take the rest of the value with it. */
	if (memchr(value, '\0', (size_t)(w - value)) != NULL) {
		char *r = value, *end = w;
		for (w = value; r < end; r++)
			if (*r != '\0')
				*w++ = *r;
		*w = '\0';
	}
	*out = value;
	return HABAR_OK;
}

static int
needs_quotes(const char *value)
{
	size_t len = strlen(value);

	if (len == 0)
		return 0;
	/* The reader trims these from a plain value (a carriage return at
	 * its end too: a file saved with "\r\r\n" line ends). */
	if (value[0] == ' ' || value[len - 1] == ' ' || value[0] == '\t' ||
	    value[len - 1] == '\t' || value[len - 1] == '\r')
		return 1;
	if (strchr("\"'#&*!|>%@`{[", value[0]) != NULL)
		return 1;
	return strstr(value, ": ") != NULL || strstr(value, " #") != NULL ||
	    strchr(value, '\n') != NULL || strchr(value, '\\') != NULL;
}

enum habar_status
habar_release_write_field(FILE *fp, const char *key, const char *value)
{
	const char *p;

	if (fprintf(fp, "%s: ", key) < 0)
		return HABAR_ERR_IO;
	if (!needs_quotes(value)) {
		if (fputs(value, fp) == EOF)
			return HABAR_ERR_IO;
	} else {
		putc('"', fp);
		for (p = value; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				putc('\\', fp);
			if (*p == '\n') {
				fputs("\\n", fp);
				continue;
			}
			putc(*p, fp);
		}
		putc('"', fp);
	}
	return putc('\n', fp) == EOF ? HABAR_ERR_IO : HABAR_OK;
}
