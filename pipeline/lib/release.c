/*
 * release.c: reading the release text format line by line (the format is
 * described in habar/release.h and docs/release-format.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/date.h>
#include <habar/lines.h>
#include <habar/release.h>

#include "grow_internal.h"
#include "release_internal.h"
#include "utf8_internal.h"

/* Front matter is metadata, not content: keep it small.  It is read
 * whole (to be parsed as YAML); the body streams. */
#define MAX_FIELDS 256
#define MAX_FRONT_MATTER 65536

enum state { START, IN_FRONT_MATTER, IN_BODY };

/* A line of the front matter waiting to be handed out: its text lies in
 * the front-matter buffer at off. */
struct queued {
	enum habar_line_kind kind;
	size_t off, len;
	size_t key_off, key_len, value_off, value_len;
	unsigned long number;
	int terminated, crlf;
};

struct field {
	char *key;
	char *value;
};

struct habar_release {
	struct habar_lines *lines;
	enum state state;
	struct field fields[MAX_FIELDS];
	size_t nfields;
	char *fm;		/* the front matter's lines, then lines written */
	size_t fm_len, fm_cap;
	struct queued *queue;	/* its lines to hand out, the closing fence last */
	size_t nqueue, queue_cap, next;
	int read_front;		/* the front matter has been read */
	int failed;		/* ... and could not be */
	unsigned long error_line; /* where, when it could not */
	char *fence;		/* the opening fence, kept while the front
				   matter behind it is read */
	size_t max_line;	/* the longest line read, in bytes */
	char error[200];
};

/*
 * Says that the line after the last one read is over the limit: the
 * message names the limit, and habar_release_line_number() that line,
 * so that a program prints "file:8: line longer than ..." once.
 */
static void
line_too_long(struct habar_release *release)
{
	release->error_line = habar_lines_number(release->lines) + 1;
	release->failed = 1;
	snprintf(release->error, sizeof(release->error),
	    "line longer than %zu bytes (the limit)", release->max_line);
}

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
	release->max_line = max_line ? max_line : HABAR_LINES_DEFAULT_MAX;
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
	free(release->fm);
	free(release->queue);
	free(release->fence);
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

/* Records key = value (value taken), a repeated key replacing the
 * earlier value, as in YAML. */
static enum habar_status
remember(struct habar_release *release, const char *key, size_t key_len,
    char *value, unsigned long number)
{
	struct field *f = NULL;
	size_t i;

	for (i = 0; i < release->nfields; i++)
		if (strlen(release->fields[i].key) == key_len &&
		    memcmp(release->fields[i].key, key, key_len) == 0)
			f = &release->fields[i];
	if (f == NULL) {
		if (release->nfields == MAX_FIELDS) {
			free(value);
			release->error_line = number;
			snprintf(release->error, sizeof(release->error),
			    "more than %d front-matter fields", MAX_FIELDS);
			return HABAR_ERR_LIMIT;
		}
		f = &release->fields[release->nfields];
		if ((f->key = strndup(key, key_len)) == NULL) {
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

/* Appends s[0..len) to the front-matter buffer; *off is where it went.
 * The buffer holds the lines read and the lines written for them, so
 * it stays within a few times MAX_FRONT_MATTER. */
static enum habar_status
fm_append(struct habar_release *release, const char *s, size_t len,
    size_t *off)
{
	if (len > MAX_FRONT_MATTER * 4 ||
	    release->fm_len + len + 1 > MAX_FRONT_MATTER * 8)
		return HABAR_ERR_LIMIT;
	/* Within the limit above, only memory can run out. */
	if (habar__grow((void **)&release->fm, &release->fm_cap,
	    release->fm_len + len + 1, 1, 1024) != HABAR_OK)
		return HABAR_ERR_NOMEM;
	*off = release->fm_len;
	if (len > 0)
		memcpy(release->fm + release->fm_len, s, len);
	release->fm_len += len;
	release->fm[release->fm_len] = '\0';
	return HABAR_OK;
}

static enum habar_status
enqueue(struct habar_release *release, const struct queued *q)
{
	enum habar_status status;

	if ((status = habar__grow((void **)&release->queue,
	    &release->queue_cap, release->nqueue + 1,
	    sizeof(*release->queue), 32)) != HABAR_OK)
		return status;
	release->queue[release->nqueue++] = *q;
	return HABAR_OK;
}

static int
is_meta_other(const char *text, size_t len)
{
	size_t i = 0;

	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
		i++;
	return i == len || text[i] == '#';
}

/* Gives the queued line q its key and value offsets; 0 if it is not a
 * "key: value" line. */
static int
split_queued(const struct habar_release *release, struct queued *q)
{
	struct habar_release_line line;

	memset(&line, 0, sizeof(line));
	line.text = release->fm + q->off;
	line.len = q->len;
	if (!split_field(&line))
		return 0;
	q->key_off = q->off;
	q->key_len = line.key_len;
	q->value_off = q->off + (size_t)(line.value - line.text);
	q->value_len = line.value_len;
	return 1;
}

/* Writes "key: value" as habar_release_write_field() does into a new
 * string *out (without the newline). */
static enum habar_status
written_form(char **out, size_t *len, const char *key, const char *value)
{
	FILE *fp;
	enum habar_status status;

	*out = NULL;
	*len = 0;
	if ((fp = open_memstream(out, len)) == NULL)
		return HABAR_ERR_NOMEM;
	status = habar_release_write_field(fp, key, value);
	if (fclose(fp) != 0 && status == HABAR_OK)
		status = HABAR_ERR_NOMEM;
	if (status != HABAR_OK) {
		free(*out);
		*out = NULL;
		return status;
	}
	if (*len > 0 && (*out)[*len - 1] == '\n')
		(*out)[--*len] = '\0';
	return HABAR_OK;
}

/* Queues "key: value" written as habar_release_write_field() writes it,
 * numbered and ended like the line like. */
static enum habar_status
enqueue_written(struct habar_release *release, const char *key,
    const char *value, const struct queued *like)
{
	struct queued q = *like;
	char *text;
	size_t len;
	enum habar_status status;

	if ((status = written_form(&text, &len, key, value)) != HABAR_OK)
		return status;
	if ((status = fm_append(release, text, len, &q.off)) != HABAR_OK)
		goto done;
	q.len = len;
	q.kind = HABAR_LINE_FIELD;
	q.terminated = 1;
	/* Keys were checked, so the line splits. */
	if (!split_queued(release, &q))
		status = HABAR_ERR_INPUT;
	else
		status = enqueue(release, &q);
done:
	free(text);
	return status;
}

static int needs_quotes(const char *value);

/* Whether YAML reads the raw value raw[0..len) as value, habar's
 * reading of it: a closed quoted form with no stray quote inside, or a
 * plain value habar would write plain. */
static int
reads_alike(const char *raw, size_t len, const char *value)
{
	size_t i;

	if (len >= 2 && raw[0] == '"') {
		for (i = 1; i + 1 < len; i++) {
			if (raw[i] == '\\')
				i++;
			else if (raw[i] == '"')
				return 0;
		}
		return i == len - 1 && raw[len - 1] == '"';
	}
	if (len >= 2 && raw[0] == '\'') {
		for (i = 1; i + 1 < len; i++) {
			if (raw[i] == '\'' && raw[i + 1] != '\'')
				return 0;
			if (raw[i] == '\'')
				i++;
		}
		return i == len - 1 && raw[len - 1] == '\'';
	}
	return !needs_quotes(value);
}

/*
 * Reads the front matter flat, line by line, as habar always read it:
 * for lines YAML refuses (straight quotes typed around a title's first
 * word, bytes that are not UTF-8) and that habar-norm is there to
 * repair.  A field whose line is not as habar writes it is handed out
 * written so, so that the next reader, YAML, reads the same value.
 * Returns HABAR_ERR_INPUT at a line that is not "key: value".
 */
static enum habar_status
queue_flat(struct habar_release *release, size_t nlines)
{
	struct queued *lines = release->queue, q;
	char *value = NULL, *key = NULL;
	size_t i;
	enum habar_status status = HABAR_OK;

	release->queue = NULL;
	release->nqueue = 0;
	release->queue_cap = 0;
	for (i = 0; i < nlines && status == HABAR_OK; i++) {
		q = lines[i];
		if (is_meta_other(release->fm + q.off, q.len)) {
			q.kind = HABAR_LINE_META_OTHER;
			status = enqueue(release, &q);
			continue;
		}
		/* A value opening a flow collection or a block scalar is
		 * YAML that went wrong, not a flat line (habar quotes such
		 * values). */
		if (!split_queued(release, &q) || (q.value_len > 0 &&
		    strchr("[{|>", release->fm[q.value_off]) != NULL)) {
			release->error_line = q.number;
			snprintf(release->error, sizeof(release->error),
			    "front matter expects 'key: value'");
			status = HABAR_ERR_INPUT;
			break;
		}
		q.kind = HABAR_LINE_FIELD;
		if ((status = habar_release_unquote(&value, release->fm +
		    q.value_off, q.value_len)) != HABAR_OK)
			break;
		if ((key = strndup(release->fm + q.key_off, q.key_len)) == NULL) {
			status = HABAR_ERR_NOMEM;
			break;
		}
		if (reads_alike(release->fm + q.value_off, q.value_len, value))
			status = enqueue(release, &q);
		else
			status = enqueue_written(release, key, value, &lines[i]);
		if (status == HABAR_OK)
			status = remember(release, key, q.key_len, value,
			    q.number);
		value = NULL;
		free(key);
		key = NULL;
	}
	free(value);
	free(key);
	free(lines);
	return status;
}

/* Whether s[0..len) holds a character YAML takes for a line break. */
static int
has_break(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\r')
			return 1;
		if (s[i] == '\xC2' && i + 1 < len && s[i + 1] == '\x85')
			return 1;
		if (s[i] == '\xE2' && i + 2 < len && s[i + 1] == '\x80' &&
		    (s[i + 2] == '\xA8' || s[i + 2] == '\xA9'))
			return 1;
	}
	return 0;
}

/*
 * Reads the front matter's lines (queue[0..nlines), kinds not yet set)
 * as YAML and rebuilds the queue with a line a field: the line as
 * written when it reads back as the same value, else the field written
 * flat by habar's own rule; blank and comment lines stay.
 */
static enum habar_status
queue_yaml(struct habar_release *release, size_t nlines,
    const struct queued *fence)
{
	struct habar__yaml_fields fields = { NULL, 0 };
	struct queued *lines = release->queue, q;
	char *yaml = NULL, *value;
	size_t i, f = 0, n = 0;
	enum habar_status status = HABAR_OK;

	/* The lines joined by "\n", without carriage returns at their
	 * ends, which YAML would count as line breaks of their own. */
	if ((yaml = malloc(release->fm_len + nlines + 1)) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < nlines && status == HABAR_OK; i++) {
		size_t len = lines[i].len;

		while (len > 0 && release->fm[lines[i].off + len - 1] == '\r')
			len--;
		if (has_break(release->fm + lines[i].off, len)) {
			snprintf(release->error, sizeof(release->error),
			    "front matter: a line break (CR, U+0085, "
			    "U+2028 or U+2029) inside a line");
			release->error_line = lines[i].number;
			status = HABAR_ERR_INPUT;
		}
		memcpy(yaml + n, release->fm + lines[i].off, len);
		n += len;
		yaml[n++] = '\n';
	}
	/* YAML would count such breaks as lines of their own, and its
	 * lines would no longer be the file's: those lines are read flat. */
	if (status == HABAR_OK)
		status = habar__release_yaml(&fields, yaml, n,
		    nlines > 0 ? lines[0].number : 0, MAX_FIELDS,
		    release->error, sizeof(release->error),
		    &release->error_line);
	free(yaml);
	if (status == HABAR_ERR_INPUT) {
		/*
		 * Flat "key: value" lines that YAML refuses are read as habar
		 * always read them, so that habar-norm can repair them:
		 * straight quotes typed around the first word of a title,
		 * bytes that are not UTF-8.  Other front matter that is not
		 * YAML is an error, at the line and column YAML names.
		 */
		char saved[sizeof(release->error)];
		unsigned long saved_line = release->error_line;

		memcpy(saved, release->error, sizeof(saved));
		if (queue_flat(release, nlines) == HABAR_OK) {
			release->error[0] = '\0';
			return enqueue(release, fence);
		}
		memcpy(release->error, saved, sizeof(saved));
		release->error_line = saved_line;
		return HABAR_ERR_INPUT;
	}
	if (status != HABAR_OK)
		return status;
	/* The queue is rebuilt; the lines read move aside. */
	release->queue = NULL;
	release->nqueue = 0;
	release->queue_cap = 0;
	for (i = 0; i < nlines && status == HABAR_OK; i++) {
		q = lines[i];
		if (f < fields.n && fields.v[f].first == i) {
			size_t last = fields.v[f].last;

			for (; f < fields.n && fields.v[f].first == i &&
			    status == HABAR_OK; f++) {
				struct habar__yaml_field *yf = &fields.v[f];
				int kept = 0;

				q = lines[i];
				if (yf->simple && split_queued(release, &q) &&
				    q.key_len == strlen(yf->key) &&
				    memcmp(release->fm + q.key_off, yf->key,
				    q.key_len) == 0 &&
				    habar_release_unquote(&value, release->fm +
				    q.value_off, q.value_len) == HABAR_OK) {
					kept = strcmp(value, yf->value) == 0;
					free(value);
				}
				if (kept) {
					q.kind = HABAR_LINE_FIELD;
					status = enqueue(release, &q);
				} else
					status = enqueue_written(release,
					    yf->key, yf->value, &lines[i]);
				if (status == HABAR_OK) {
					status = remember(release, yf->key,
					    strlen(yf->key), yf->value,
					    q.number);
					yf->value = NULL;
				}
			}
			/* The field's other lines are in its value. */
			while (i + 1 < nlines && i + 1 <= last)
				i++;
			continue;
		}
		if (is_meta_other(release->fm + q.off, q.len)) {
			q.kind = HABAR_LINE_META_OTHER;
			status = enqueue(release, &q);
		}
	}
	if (status == HABAR_OK)
		status = enqueue(release, fence);
	free(lines);
	habar__release_yaml_free(&fields);
	return status;
}

/*
 * Refuses a date field that is not an ISO 8601 date of a year, a month
 * or a day: every program then stops at the first stage, naming the
 * field, rather than the last (habar-pack, which dates the archive).
 * An empty date is no date.
 */
static enum habar_status
check_date(struct habar_release *release)
{
	struct habar_date date;
	const char *value = habar_release_get(release, "date");
	size_t i;

	if (value == NULL || *value == '\0' ||
	    habar_date_parse(&date, value) != HABAR_DATE_NONE)
		return HABAR_OK;
	release->error_line = 0;
	for (i = 0; i < release->nqueue; i++)
		if (release->queue[i].kind == HABAR_LINE_FIELD &&
		    release->queue[i].key_len == 4 &&
		    memcmp(release->fm + release->queue[i].key_off, "date",
		    4) == 0)
			release->error_line = release->queue[i].number;
	snprintf(release->error, sizeof(release->error),
	    "field 'date': '%.40s' is not a date (%s)", value,
	    HABAR_DATE_FORMS);
	return HABAR_ERR_INPUT;
}

/*
 * Reads the whole front matter, up to its closing fence, and queues its
 * lines for habar_release_next() to hand out one by one.
 */
static enum habar_status
read_front_matter(struct habar_release *release)
{
	struct queued q, fence;
	const char *text;
	size_t len, nlines = 0, read = 0;
	enum habar_status status;

	for (;;) {
		status = habar_lines_next(release->lines, &text, &len);
		if (status == HABAR_END) {
			release->error_line = habar_lines_number(release->lines);
			snprintf(release->error, sizeof(release->error),
			    "front matter is not closed by '---'");
			return HABAR_ERR_INPUT;
		}
		if (status != HABAR_OK) {
			if (status == HABAR_ERR_LIMIT)
				line_too_long(release);
			return status;
		}
		memset(&q, 0, sizeof(q));
		q.number = habar_lines_number(release->lines);
		q.terminated = habar_lines_terminated(release->lines);
		q.crlf = habar_lines_crlf(release->lines);
		q.len = len;
		read += len + 1;
		if (read > MAX_FRONT_MATTER ||
		    fm_append(release, text, len, &q.off) != HABAR_OK) {
			release->error_line = q.number;
			snprintf(release->error, sizeof(release->error),
			    "front matter longer than %d bytes",
			    MAX_FRONT_MATTER);
			return HABAR_ERR_LIMIT;
		}
		if (is_fence(text, len, 1)) {
			q.kind = HABAR_LINE_FENCE;
			fence = q;
			break;
		}
		if ((status = enqueue(release, &q)) != HABAR_OK)
			return status;
		nlines++;
	}
	if ((status = queue_yaml(release, nlines, &fence)) != HABAR_OK)
		return status;
	return check_date(release);
}

/* Hands out the next queued front-matter line. */
static void
unqueue(struct habar_release *release, struct habar_release_line *line)
{
	const struct queued *q = &release->queue[release->next++];

	line->kind = q->kind;
	line->text = release->fm + q->off;
	line->len = q->len;
	if (q->kind == HABAR_LINE_FIELD) {
		line->key = release->fm + q->key_off;
		line->key_len = q->key_len;
		line->value = release->fm + q->value_off;
		line->value_len = q->value_len;
	}
	line->number = q->number;
	line->terminated = q->terminated;
	line->crlf = q->crlf;
	if (q->kind == HABAR_LINE_FENCE)
		release->state = IN_BODY;
}

enum habar_status
habar_release_next(struct habar_release *release,
    struct habar_release_line *line)
{
	const char *text;
	size_t len;
	enum habar_status status;

	memset(line, 0, sizeof(*line));
	if (release->state == IN_FRONT_MATTER) {
		unqueue(release, line);
		return HABAR_OK;
	}
	if (release->failed)
		return HABAR_ERR_INPUT;
	status = habar_lines_next(release->lines, &text, &len);
	if (status != HABAR_OK) {
		if (status == HABAR_ERR_LIMIT)
			line_too_long(release);
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
	if (release->state == START) {
		if (is_fence(text, len, 0)) {
			/* The whole front matter is read and checked before
			 * its opening fence is handed out, so that a filter
			 * refusing it has written nothing. */
			free(release->fence);
			if ((release->fence = malloc(len + 1)) == NULL)
				return HABAR_ERR_NOMEM;
			memcpy(release->fence, text, len);
			release->fence[len] = '\0';
			line->text = release->fence;
			release->state = IN_FRONT_MATTER;
			release->read_front = 1;
			if ((status = read_front_matter(release)) != HABAR_OK) {
				if (release->error_line == 0)
					release->error_line =
					    habar_lines_number(release->lines);
				release->state = IN_BODY;
				release->failed = 1;
				memset(line, 0, sizeof(*line));
				return status;
			}
			line->kind = HABAR_LINE_FENCE;
			return HABAR_OK;
		}
		release->state = IN_BODY;
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
	/* The front matter is read whole: say where it went wrong. */
	if (release->failed)
		return release->error_line;
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

/* Writes code point cp as UTF-8 at w; returns the bytes written, 0 for
 * a surrogate or a value past U+10FFFF. */
static size_t
put_utf8(char *w, unsigned long cp)
{
	if (cp < 0x80) {
		w[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		w[0] = (char)(0xC0 | (cp >> 6));
		w[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	if (cp < 0x10000) {
		w[0] = (char)(0xE0 | (cp >> 12));
		w[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		w[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	w[0] = (char)(0xF0 | (cp >> 18));
	w[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	w[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	w[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The escape of a YAML double-quoted scalar at s[0..len) (s[0] follows
 * the backslash): writes what it stands for at w (at most 4 bytes) and
 * returns how many bytes of s it took, or 0 when it is not one (the
 * character then stands for itself, as habar always read it). */
static size_t
unescape(const char *s, size_t len, char *w, size_t *written)
{
	size_t digits, i;
	unsigned long cp = 0;

	*written = 1;
	switch (s[0]) {
	case '0':
		*w = '\0';
		return 1;
	case 'a':
		*w = '\a';
		return 1;
	case 'b':
		*w = '\b';
		return 1;
	case 't':
		*w = '\t';
		return 1;
	case 'n':
		*w = '\n';
		return 1;
	case 'v':
		*w = '\v';
		return 1;
	case 'f':
		*w = '\f';
		return 1;
	case 'r':
		*w = '\r';
		return 1;
	case 'e':
		*w = '\033';
		return 1;
	case 'N':
		cp = 0x85;
		break;
	case '_':
		cp = 0xA0;
		break;
	case 'L':
		cp = 0x2028;
		break;
	case 'P':
		cp = 0x2029;
		break;
	case 'x': case 'u': case 'U':
		digits = s[0] == 'x' ? 2 : s[0] == 'u' ? 4 : 8;
		if (len < digits + 1)
			return 0;
		for (i = 1; i <= digits; i++) {
			int c = s[i];
			int v = c >= '0' && c <= '9' ? c - '0' :
			    c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (v < 0)
				return 0;
			cp = cp * 16 + (unsigned long)v;
		}
		if ((*written = put_utf8(w, cp)) == 0)
			return 0;
		return digits + 1;
	default:
		return 0;
	}
	*written = put_utf8(w, cp);
	return 1;
}

enum habar_status
habar_release_unquote(char **out, const char *raw, size_t raw_len)
{
	char *value, *w;
	size_t i, took, written;

	*out = NULL;
	while (raw_len > 0 && (*raw == ' ' || *raw == '\t')) {
		raw++;
		raw_len--;
	}
	while (raw_len > 0 && (raw[raw_len - 1] == ' ' || raw[raw_len - 1] == '\t'))
		raw_len--;
	/* An escape writes at most 3 bytes for 2 ("\L" is U+2028). */
	if (raw_len > ((size_t)-1 - 1) / 2 ||
	    (value = malloc(raw_len * 2 + 1)) == NULL)
		return HABAR_ERR_NOMEM;
	w = value;
	if (raw_len >= 2 && raw[0] == '"' && raw[raw_len - 1] == '"') {
		for (i = 1; i + 1 < raw_len; i++) {
			if (raw[i] == '\\' && i + 2 < raw_len) {
				i++;
				took = unescape(raw + i, raw_len - 1 - i, w,
				    &written);
				if (took == 0) {
					*w++ = raw[i];
					continue;
				}
				w += written;
				i += took - 1;
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

/*
 * The length of the character at p if YAML cannot read it raw inside a
 * value, else 0; its code point in *cp.  Control characters (a tab
 * excepted), and what YAML 1.1 counts as line breaks (U+0085, U+2028,
 * U+2029) or strips (U+FEFF).
 */
static size_t
special_char(const char *p, unsigned long *cp)
{
	const unsigned char *u = (const unsigned char *)p;

	if ((u[0] < 0x20 && u[0] != '\t') || u[0] == 0x7F) {
		*cp = u[0];
		return 1;
	}
	if (u[0] == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F) {
		*cp = u[1];
		return 2;
	}
	if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9)) {
		*cp = 0x2000 | (unsigned long)(u[2] - 0x80);
		return 3;
	}
	if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		*cp = 0xFEFF;
		return 3;
	}
	return 0;
}

static int
needs_quotes(const char *value)
{
	size_t len = strlen(value), i;
	unsigned long cp;

	if (len == 0)
		return 0;
	/* The reader trims these from a plain value (a carriage return at
	 * its end too: a file saved with "\r\r\n" line ends). */
	if (value[0] == ' ' || value[len - 1] == ' ' || value[0] == '\t' ||
	    value[len - 1] == '\t' || value[len - 1] == '\r')
		return 1;
	/* What YAML would read as something other than plain text: an
	 * indicator first, a key's colon last, null. */
	if (strchr("\"'#&*!|>%@`{[]},", value[0]) != NULL)
		return 1;
	if (strchr("-?:", value[0]) != NULL && (value[1] == ' ' ||
	    value[1] == '\t' || value[1] == '\0'))
		return 1;
	if (value[len - 1] == ':' || strcmp(value, "~") == 0)
		return 1;
	for (i = 0; i < len; i++)
		if (special_char(value + i, &cp) > 0)
			return 1;
	return strstr(value, ": ") != NULL || strstr(value, " #") != NULL ||
	    strstr(value, ":\t") != NULL || strstr(value, "\t#") != NULL ||
	    strchr(value, '\\') != NULL;
}

enum habar_status
habar_release_write_field(FILE *fp, const char *key, const char *value)
{
	const char *p;
	unsigned long cp;
	size_t n;

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
			if ((n = special_char(p, &cp)) == 0)
				putc(*p, fp);
			else if (cp == '\n')
				fputs("\\n", fp);
			else if (cp == '\r')
				fputs("\\r", fp);
			else if (cp < 0x100)
				fprintf(fp, "\\x%02lX", cp);
			else
				fprintf(fp, "\\u%04lX", cp);
			if (n > 1)
				p += n - 1;
		}
		putc('"', fp);
	}
	return putc('\n', fp) == EOF ? HABAR_ERR_IO : HABAR_OK;
}

/*
 * Whether tag has the shape of a language tag (see release.h).  ASCII
 * tests, not isalpha(), so that the locale cannot widen them.
 */
int
habar_release_valid_lang(const char *tag)
{
	size_t run = 0, i;
	int first = 1;

	if (tag == NULL || *tag == '\0')
		return 0;
	for (i = 0;; i++) {
		unsigned char c = (unsigned char)tag[i];
		int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		int digit = c >= '0' && c <= '9';

		if (c == '-' || c == '\0') {
			if (run == 0 || run > 8)
				return 0;
			if (c == '\0')
				return 1;
			run = 0;
			first = 0;
			continue;
		}
		if (!(letter || (!first && digit)))
			return 0;
		run++;
	}
}
