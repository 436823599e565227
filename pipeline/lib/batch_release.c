/*
 * batch_release.c: what habar-batch does to one release (see
 * habar/batch.h): each text decoded and read as a web page, plain text or
 * release text; written back as release text with front matter,
 * normalised; the languages aligned; spelling checked; the pack, the
 * release's TMX and, last, the done marker written.  Runs in a worker
 * thread with that worker's own handles only.
 */
#define _GNU_SOURCE /* open_memstream, fmemopen */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <habar/align.h>
#include <habar/attach.h>
#include <habar/bundle.h>
#include <habar/date.h>
#include <habar/decode.h>
#include <habar/import.h>
#include <habar/norm.h>
#include <habar/pack.h>
#include <habar/parallel.h>
#include <habar/release.h>
#include <habar/spell.h>
#include <habar/tmx.h>
#include <habar/webpage.h>
#include <habar/xliff.h>

#include "batch_internal.h"
#include "grow_internal.h"
#include "langguess.h"

#define MAX_TEXTS 8		/* texts of one release considered */
#define MAX_TEXT_BYTES (64u << 20)
#define MAX_TITLE 300		/* bytes of a title taken from plain text */

/* One language version as read, before it is written as release text. */
struct text {
	const struct batch_member *member;
	char lang[16];
	const char *encoding;
	char *title, *date, *place;
	char **keys, **values;	/* front matter kept from a .md */
	size_t field_count;
	char **paragraphs;
	size_t paragraph_count, paragraph_cap;
	char path[8400];	/* the release text written */
	int loaded;		/* in the parallel document */
	int reported;		/* its problem is said: no "no text" too */
};

struct job {
	struct batch_worker *w;
	const struct batch_release *r;
	const struct batch_run *run;
	struct text texts[MAX_TEXTS];
	size_t text_count;
	char **attachments;	/* names of the attachments that passed */
	size_t attachment_count;
	char *problems;
	int nomem;
	int dir_fd;		/* releases/<id>, opened without following */
	char dir[4400];		/* its path, for the pack's reads */
	struct habar_qa_stats qa;	/* the checks' counts in its pack */
	int qa_run;
};

static void
problem(struct job *job, const char *fmt, const char *a, const char *b)
{
	char msg[9000], clean[9000];

	snprintf(msg, sizeof(msg), fmt, a, b);
	/* Member names come from the archive: no tab, line break or
	 * escape sequence reaches the report raw. */
	habar__batch_clean(clean, sizeof(clean), msg);
	if (habar__batch_add_problem(&job->problems, clean) != HABAR_OK)
		job->nomem = 1;
}

static void
text_free(struct text *t)
{
	size_t i;

	free(t->title);
	free(t->date);
	free(t->place);
	for (i = 0; i < t->field_count; i++) {
		free(t->keys[i]);
		free(t->values[i]);
	}
	free(t->keys);
	free(t->values);
	for (i = 0; i < t->paragraph_count; i++)
		free(t->paragraphs[i]);
	free(t->paragraphs);
}

/* A copy of s[0..len) on one line: line breaks and tabs become spaces,
 * runs of spaces one, the ends trimmed. */
static char *
one_line(const char *s, size_t len)
{
	char *out = malloc(len + 1);
	size_t i, w = 0;
	int space = 1;

	if (out == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		char c = s[i];
		if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
			if (!space)
				out[w++] = ' ';
			space = 1;
			continue;
		}
		out[w++] = c;
		space = 0;
	}
	while (w > 0 && out[w - 1] == ' ')
		w--;
	out[w] = '\0';
	return out;
}

static enum habar_status
add_paragraph(struct text *t, const char *s, size_t len)
{
	char *p;
	enum habar_status status;

	if ((p = one_line(s, len)) == NULL)
		return HABAR_ERR_NOMEM;
	if (*p == '\0') {
		free(p);
		return HABAR_OK;
	}
	status = habar__grow((void **)&t->paragraphs, &t->paragraph_cap,
	    t->paragraph_count + 1, sizeof(*t->paragraphs), 16);
	if (status != HABAR_OK) {
		free(p);
		return status;
	}
	t->paragraphs[t->paragraph_count++] = p;
	return HABAR_OK;
}

/* Splits a body into paragraphs at blank lines; a body without any blank
 * line but with several lines has a paragraph a line (the way many old
 * text files were written). */
static enum habar_status
split_body(struct text *t, const char *s, size_t len)
{
	const char *p = s, *end = s + len, *start = NULL, *last = s;
	int blank_seen = 0, lines = 0;
	enum habar_status status = HABAR_OK;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *q;
		int blank = 1;
		if (eol == NULL)
			eol = end;
		for (q = p; q < eol; q++)
			if (*q != ' ' && *q != '\t' && *q != '\r')
				blank = 0;
		if (blank && lines > 0)
			blank_seen = 1;
		if (!blank)
			lines++;
		p = eol + 1;
	}
	for (p = s; status == HABAR_OK && p < end; p = last) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *q;
		int blank = 1;
		if (eol == NULL)
			eol = end;
		last = eol + 1;
		for (q = p; q < eol; q++)
			if (*q != ' ' && *q != '\t' && *q != '\r')
				blank = 0;
		if (blank || !blank_seen) {
			if (start != NULL)
				status = add_paragraph(t, start,
				    (size_t)((blank ? p : eol) - start));
			start = NULL;
			if (!blank && !blank_seen)
				status = status == HABAR_OK ?
				    add_paragraph(t, p, (size_t)(eol - p)) : status;
			continue;
		}
		if (start == NULL)
			start = p;
	}
	if (status == HABAR_OK && start != NULL)
		status = add_paragraph(t, start, (size_t)(end - start));
	return status;
}

/* Whether a first paragraph reads as a title: short, one line, not ending
 * like a sentence of running text. */
static int
looks_like_title(const char *p)
{
	size_t len = strlen(p), words = 1, i;

	if (len == 0 || len > MAX_TITLE)
		return 0;
	for (i = 0; i < len; i++)
		words += p[i] == ' ';
	return words <= 25 && p[len - 1] != '.' && p[len - 1] != ',' &&
	    p[len - 1] != ';' && p[len - 1] != ':';
}

/* Date and place from the first paragraphs, when not known yet. */
static enum habar_status
find_date(struct job *job, struct text *t)
{
	size_t i, start, end;
	char iso[11];

	for (i = 0; t->date == NULL && i < t->paragraph_count && i < 3; i++) {
		const char *p = t->paragraphs[i];
		if (!habar_dates_find(job->w->dates, p, strlen(p), iso, &start,
		    &end))
			continue;
		if ((t->date = strdup(iso)) == NULL)
			return HABAR_ERR_NOMEM;
		if (i == 0 && t->place == NULL)
			t->place = habar_dates_dateline_place(p, start);
	}
	return HABAR_OK;
}

static size_t
word_count(const char *p)
{
	size_t words = 0;
	int in_word = 0;

	for (; *p != '\0'; p++) {
		if (*p == ' ')
			in_word = 0;
		else if (!in_word) {
			in_word = 1;
			words++;
		}
	}
	return words;
}

static void
drop_paragraph(struct text *t, size_t i)
{
	free(t->paragraphs[i]);
	memmove(t->paragraphs + i, t->paragraphs + i + 1,
	    (t->paragraph_count - i - 1) * sizeof(*t->paragraphs));
	t->paragraph_count--;
}

/* Whether a paragraph ends as running text does (a sentence, a quotation,
 * a line leading into the next: "e-mail:"). */
static int
ends_a_sentence(const char *p)
{
	static const char *const ends[] = { ".", "!", "?", ":", ";", "\"",
	    "\xc2\xbb", "\xe2\x80\x9d", "\xe2\x80\xa6", NULL };
	size_t len = strlen(p), k, n;

	for (k = 0; ends[k] != NULL; k++) {
		n = strlen(ends[k]);
		if (len >= n && memcmp(p + len - n, ends[k], n) == 0)
			return 1;
	}
	return 0;
}

/*
 * Text saved from a web page keeps what was around the release: menu
 * items and a photo credit before it, links after it (what an old page
 * leaves behind when copied as text).  When a dateline ("Astana, 24
 * November 2005.") opens a paragraph a few paragraphs in and at least two
 * of the paragraphs before it are a few words each (menu items), the
 * paragraphs before the dateline go but the title (the first of them
 * with more words), and the paragraphs after the last one that ends like
 * running text go too.  A text that does not look saved from the web is
 * left alone.
 */
static enum habar_status
strip_web_leftovers(struct job *job, struct text *t)
{
	size_t i, k, dateline = 0, menu = 0, start, end;
	char iso[11];
	int found = 0;

	for (i = 1; i < t->paragraph_count && i < 16 && !found; i++) {
		const char *p = t->paragraphs[i];
		if (habar_dates_find(job->w->dates, p, strlen(p) < 120 ?
		    strlen(p) : 120, iso, &start, &end) && start < 60 &&
		    strlen(p) > 80) {
			found = 1;
			dateline = i;
		}
	}
	if (!found)
		return HABAR_OK;
	for (i = 0; i < dateline; i++)
		menu += word_count(t->paragraphs[i]) <= 3;
	if (menu < 2)
		return HABAR_OK;
	/* The title: the first paragraph before the dateline that is not a
	 * menu item nor a credit. */
	for (i = 0; i < dateline && t->title == NULL; i++) {
		char *p = t->paragraphs[i];
		if (word_count(p) > 3 && strncmp(p, "\xc2\xa9", 2) != 0 &&
		    looks_like_title(p)) {
			t->title = p;
			t->paragraphs[i] = NULL;
		}
	}
	for (k = 0; k < dateline; k++)
		drop_paragraph(t, 0);
	end = t->paragraph_count;
	while (end > 1 && !ends_a_sentence(t->paragraphs[end - 1]))
		end--;
	while (t->paragraph_count > end)
		drop_paragraph(t, t->paragraph_count - 1);
	return HABAR_OK;
}

/* Plain text: paragraphs; a first line that looks like one is the title. */
static enum habar_status
read_plain(struct job *job, struct text *t, const char *s, size_t len)
{
	enum habar_status status = split_body(t, s, len);

	if (status == HABAR_OK && t->title == NULL)
		status = strip_web_leftovers(job, t);
	if (status == HABAR_OK && t->paragraph_count > 1 && t->title == NULL &&
	    looks_like_title(t->paragraphs[0])) {
		t->title = t->paragraphs[0];
		memmove(t->paragraphs, t->paragraphs + 1,
		    (t->paragraph_count - 1) * sizeof(*t->paragraphs));
		t->paragraph_count--;
	}
	return status == HABAR_OK ? find_date(job, t) : status;
}

static int
is_own_field(const char *key)
{
	static const char *const own[] = { "id", "lang", "title", "date",
	    "place", "attachments", "encoding", NULL };
	size_t i;

	for (i = 0; own[i] != NULL; i++)
		if (strcmp(key, own[i]) == 0)
			return 1;
	return 0;
}

/* Release text (.md): its front matter kept, its body as paragraphs.
 * Malformed front matter: read as plain text. */
static enum habar_status
read_markdown(struct job *job, struct text *t, const char *s, size_t len)
{
	struct habar_release *rel = NULL;
	struct habar_release_line line;
	enum habar_status status;
	FILE *fp, *body;
	char *buf = NULL;
	size_t buf_len = 0, i;
	const char *v;

	if (len == 0)
		return HABAR_OK;
	if ((fp = fmemopen((void *)s, len, "r")) == NULL)
		return HABAR_ERR_NOMEM;
	if ((body = open_memstream(&buf, &buf_len)) == NULL) {
		fclose(fp);
		return HABAR_ERR_NOMEM;
	}
	status = habar_release_new(&rel, fp, 0);
	while (status == HABAR_OK &&
	    (status = habar_release_next(rel, &line)) == HABAR_OK)
		if (line.kind == HABAR_LINE_BODY) {
			fwrite(line.text, 1, line.len, body);
			putc('\n', body);
		}
	if (fclose(body) != 0 && status == HABAR_END)
		status = HABAR_ERR_NOMEM;
	fclose(fp);
	if (status == HABAR_ERR_INPUT) {
		char at[4200];
		snprintf(at, sizeof(at), "%s:%lu", t->member->path,
		    habar_release_line_number(rel));
		problem(job, "%s: %s; read as plain text", at,
		    habar_release_error(rel));
		habar_release_free(rel);
		free(buf);
		return read_plain(job, t, s, len);
	}
	if (status != HABAR_END) {
		habar_release_free(rel);
		free(buf);
		return status == HABAR_OK ? HABAR_ERR_IO : status;
	}
	status = HABAR_OK;
	if (t->lang[0] == '\0' && (v = habar_release_get(rel, "lang")) != NULL)
		snprintf(t->lang, sizeof(t->lang), "%s", v);
	if ((v = habar_release_get(rel, "title")) != NULL && *v)
		t->title = one_line(v, strlen(v));
	if ((v = habar_release_get(rel, "date")) != NULL && *v)
		t->date = one_line(v, strlen(v));
	if ((v = habar_release_get(rel, "place")) != NULL && *v)
		t->place = one_line(v, strlen(v));
	if (habar_release_field_count(rel) > 0) {
		size_t n = habar_release_field_count(rel);
		t->keys = calloc(n, sizeof(*t->keys));
		t->values = calloc(n, sizeof(*t->values));
		if (t->keys == NULL || t->values == NULL)
			status = HABAR_ERR_NOMEM;
		for (i = 0; status == HABAR_OK && i < n; i++) {
			const char *key, *value;
			habar_release_field_at(rel, i, &key, &value);
			if (is_own_field(key))
				continue;
			t->keys[t->field_count] = strdup(key);
			t->values[t->field_count] = one_line(value,
			    strlen(value));
			if (t->keys[t->field_count] == NULL ||
			    t->values[t->field_count] == NULL) {
				free(t->keys[t->field_count]);
				free(t->values[t->field_count]);
				status = HABAR_ERR_NOMEM;
				break;
			}
			t->field_count++;
		}
	}
	habar_release_free(rel);
	if (status == HABAR_OK)
		status = split_body(t, buf, buf_len);
	free(buf);
	/* A Markdown heading opening the body is the title. */
	if (status == HABAR_OK && t->paragraph_count > 0 &&
	    t->paragraphs[0][0] == '#') {
		char *h = t->paragraphs[0];
		size_t k = 0;
		while (h[k] == '#')
			k++;
		if (h[k] == ' ' && t->title == NULL) {
			memmove(h, h + k + 1, strlen(h + k + 1) + 1);
			t->title = h;
			memmove(t->paragraphs, t->paragraphs + 1,
			    (t->paragraph_count - 1) * sizeof(*t->paragraphs));
			t->paragraph_count--;
		}
	}
	return status == HABAR_OK ? find_date(job, t) : status;
}

/* A web page: the release inside it. */
static enum habar_status
read_page(struct job *job, struct text *t, const char *s, size_t len)
{
	struct habar_webpage *page = NULL;
	enum habar_status status;
	size_t i;

	char why[128];

	status = habar_webpage_extract(&page, s, len, job->w->dates, why,
	    sizeof(why));
	if (status == HABAR_ERR_INPUT || status == HABAR_ERR_LIMIT) {
		problem(job, "%s: %s", t->member->path, why);
		t->reported = 1;
		return HABAR_OK;
	}
	if (status != HABAR_OK)
		return status;
	if (page->title[0] != '\0' && (t->title = strdup(page->title)) == NULL)
		status = HABAR_ERR_NOMEM;
	if (page->date != NULL && (t->date = strdup(page->date)) == NULL)
		status = HABAR_ERR_NOMEM;
	if (page->place != NULL && (t->place = strdup(page->place)) == NULL)
		status = HABAR_ERR_NOMEM;
	for (i = 0; status == HABAR_OK && i < page->count; i++)
		status = add_paragraph(t, page->paragraphs[i],
		    strlen(page->paragraphs[i]));
	habar_webpage_free(page);
	return status;
}

/* Reads len bytes at offset of the spool into a new buffer. */
static enum habar_status
spool_read(const struct batch_run *run, const struct batch_member *m,
    char **out)
{
	size_t got = 0;
	char *buf = malloc(m->len + 1);

	*out = NULL;
	if (buf == NULL)
		return HABAR_ERR_NOMEM;
	while (got < m->len) {
		ssize_t n = pread(run->spool_fd, buf + got, m->len - got,
		    (off_t)(m->offset + got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			free(buf);
			return HABAR_ERR_IO;
		}
		got += (size_t)n;
	}
	buf[got] = '\0';
	*out = buf;
	return HABAR_OK;
}

/* Replaces the bytes of a Word or OpenDocument member (*raw, *len) with
 * its release text; a document that does not read is a problem of the
 * release (*raw NULL). */
static enum habar_status
document_text(struct job *job, const struct batch_member *m, char **raw,
    size_t *len)
{
	struct habar_import *imp = NULL;
	enum habar_status status;
	char err[512], *text = NULL;
	size_t text_len = 0;
	FILE *fp;

	status = habar_import_read(&imp, *raw, *len, err, sizeof(err));
	free(*raw);
	*raw = NULL;
	if (status == HABAR_ERR_NOMEM)
		return status;
	if (status != HABAR_OK) {
		problem(job, "%s: %s", m->path, err);
		return HABAR_OK;
	}
	if ((fp = open_memstream(&text, &text_len)) == NULL) {
		habar_import_free(imp);
		return HABAR_ERR_NOMEM;
	}
	status = habar_import_write(imp, fp, NULL, NULL, NULL);
	if (fclose(fp) != 0 || status != HABAR_OK) {
		free(text);
		text = NULL;
		status = HABAR_ERR_NOMEM;
	}
	habar_import_free(imp);
	*raw = text;
	*len = text_len;
	return status;
}

/* Reads one text member into job->texts[job->text_count]. */
static enum habar_status
read_text(struct job *job, const struct batch_member *m)
{
	struct text *t = &job->texts[job->text_count];
	struct habar_decode_result res;
	enum habar_status status;
	char *raw = NULL, *utf8 = NULL;
	size_t utf8_len = 0, i, sample = 0, raw_len = m->len;
	const char *guess;
	FILE *fp;

	memset(t, 0, sizeof(*t));
	t->member = m;
	snprintf(t->lang, sizeof(t->lang), "%s", m->lang);
	/* Checked before it is read: a text is held whole while decoded. */
	if (m->len > MAX_TEXT_BYTES) {
		char size[64];
		snprintf(size, sizeof(size), "%u", MAX_TEXT_BYTES);
		problem(job, "%s: larger than the %s-byte limit of a text: left "
		    "out", m->path, size);
		return HABAR_OK;
	}
	if ((status = spool_read(job->run, m, &raw)) != HABAR_OK) {
		snprintf(job->w->err, sizeof(job->w->err), "reading the spool: "
		    "%s", strerror(errno));
		return status;
	}
	/* A Word or OpenDocument version: release text from the importer,
	 * read on as any release text is. */
	if (habar_layout_is_document(m->file) &&
	    (status = document_text(job, m, &raw, &raw_len)) != HABAR_OK)
		return status;
	if (raw == NULL)
		return HABAR_OK;
	/* A document or an image under a text file's name. */
	if (habar_decode_binary(raw, raw_len)) {
		free(raw);
		problem(job, "%s: %s", m->path, "binary data, not text");
		return HABAR_OK;
	}
	status = habar_decode_buffer(&utf8, &utf8_len, &res, NULL, raw, raw_len,
	    habar_layout_is_document(m->file) ? HABAR_ENC_UTF8 : HABAR_ENC_AUTO,
	    MAX_TEXT_BYTES);
	free(raw);
	if (status == HABAR_ERR_LIMIT) {
		problem(job, "%s: %s", m->path, "too large once decoded");
		return HABAR_OK;
	}
	if (status != HABAR_OK) {
		snprintf(job->w->err, sizeof(job->w->err), "%s: decoding: %s",
		    m->path, habar_status_string(status));
		return status;
	}
	/* A document's "encoding" in the report is its kind. */
	t->encoding = !habar_layout_is_document(m->file) ?
	    habar_encoding_name(res.encoding) : strrchr(m->file, '.') + 1;
	if (m->kind == HABAR_LAYOUT_HTML)
		status = read_page(job, t, utf8, utf8_len);
	else {
		size_t n = strlen(m->file);
		/* Front matter makes release text of any file name (old
		 * .txt copies of releases carry it). */
		if ((n > 3 && strcasecmp(m->file + n - 3, ".md") == 0) ||
		    (utf8_len >= 4 && memcmp(utf8, "---", 3) == 0 &&
		    (utf8[3] == '\n' || utf8[3] == '\r')))
			status = read_markdown(job, t, utf8, utf8_len);
		else
			status = read_plain(job, t, utf8, utf8_len);
	}
	free(utf8);
	if (status != HABAR_OK) {
		text_free(t);
		if (status == HABAR_ERR_NOMEM)
			return status;
		problem(job, "%s: %s", m->path, habar_status_string(status));
		return HABAR_OK;
	}
	if (t->paragraph_count == 0) {
		if (!t->reported)
			problem(job, "%s: %s", m->path, "no text");
		text_free(t);
		return HABAR_OK;
	}
	if (t->lang[0] == '\0') {
		/* The name does not say: the letters do. */
		if ((fp = open_memstream(&utf8, &utf8_len)) == NULL) {
			text_free(t);
			return HABAR_ERR_NOMEM;
		}
		for (i = 0; i < t->paragraph_count && sample < 8192; i++) {
			fputs(t->paragraphs[i], fp);
			putc(' ', fp);
			sample += strlen(t->paragraphs[i]);
		}
		fclose(fp);
		guess = utf8 ? habar__guess_lang(utf8, utf8_len) : NULL;
		free(utf8);
		if (guess == NULL) {
			problem(job, "%s: %s", m->path, "language unknown");
			text_free(t);
			return HABAR_OK;
		}
		snprintf(t->lang, sizeof(t->lang), "%s", guess);
	}
	for (i = 0; i < job->text_count; i++)
		if (strcmp(job->texts[i].lang, t->lang) == 0) {
			char where[600];
			snprintf(where, sizeof(where), "%s: a second %s text, "
			    "left out", m->path, t->lang);
			problem(job, "%s; the first by name is kept: %s", where,
			    job->texts[i].member->path);
			text_free(t);
			return HABAR_OK;
		}
	job->text_count++;
	return HABAR_OK;
}

/* Kazakh, the state language, first, then Russian, English, the rest by
 * tag: the order habar-pack uses, so the pack's bytes do not depend on
 * the archive's order. */
static int
language_rank(const char *lang)
{
	return strcmp(lang, "kk") == 0 ? 0 : strcmp(lang, "ru") == 0 ? 1 :
	    strcmp(lang, "en") == 0 ? 2 : 3;
}

static int
compare_texts(const void *a, const void *b)
{
	const struct text *x = a, *y = b;
	int rx = language_rank(x->lang), ry = language_rank(y->lang);

	return rx != ry ? rx - ry : strcmp(x->lang, y->lang);
}

/* Copies member m from the spool into the file fd in chunks: an
 * attachment never stands whole in memory. */
static enum habar_status
spool_copy(const struct batch_run *run, const struct batch_member *m, int fd)
{
	char *buf;
	size_t done = 0, chunk = 1u << 20;
	enum habar_status status = HABAR_OK;

	if ((buf = malloc(chunk)) == NULL)
		return HABAR_ERR_NOMEM;
	while (status == HABAR_OK && done < m->len) {
		size_t want = m->len - done < chunk ? m->len - done : chunk;
		ssize_t n = pread(run->spool_fd, buf, want,
		    (off_t)(m->offset + done));
		char *p = buf;
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			status = HABAR_ERR_IO;
			break;
		}
		done += (size_t)n;
		while (n > 0) {
			ssize_t k = write(fd, p, (size_t)n);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0) {
				status = HABAR_ERR_IO;
				break;
			}
			p += k;
			n -= k;
		}
	}
	free(buf);
	return status;
}

/* Writes the release's attachments beside its texts (the pack reads them
 * from there, and so can habar-pack on the texts as they stand) and
 * checks each; those that fail are removed with a problem. */
static enum habar_status
stage_attachments(struct job *job)
{
	const struct batch_release *r = job->r;
	struct batch_worker *w = job->w;
	enum habar_status status = HABAR_OK;
	char path[8800], tmp[64];
	size_t i, k;
	int fd;

	if (r->attachment_count == 0)
		return HABAR_OK;
	if ((job->attachments = calloc(r->attachment_count,
	    sizeof(*job->attachments))) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; status == HABAR_OK && i < r->attachment_count; i++) {
		const struct batch_member *m = &job->run->members[r->attachments[i]];
		struct habar_attach_info info;
		int dup = 0;

		for (k = 0; k < job->attachment_count; k++)
			dup |= strcmp(job->attachments[k], m->file) == 0;
		if (dup) {
			problem(job, "%s: %s", m->path, "a second attachment of "
			    "that name, left out");
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", job->dir, m->file);
		if ((fd = habar__batch_temp(job->run, tmp, sizeof(tmp))) < 0) {
			snprintf(w->err, sizeof(w->err), "%s/tmp: %s",
			    job->run->workdir, strerror(errno));
			return HABAR_ERR_IO;
		}
		status = spool_copy(job->run, m, fd);
		if (status != HABAR_OK) {
			snprintf(w->err, sizeof(w->err), "%s: %s", path,
			    strerror(errno));
			close(fd);
			unlinkat(job->run->tmp_fd, tmp, 0);
			break;
		}
		if ((status = habar__batch_commit(job->run, fd, tmp,
		    job->dir_fd, m->file)) != HABAR_OK) {
			snprintf(w->err, sizeof(w->err), "%s: %s", path,
			    strerror(errno));
			break;
		}
		status = habar_attach_check(path, &info);
		if (status == HABAR_ERR_NOMEM)
			break;
		if (status != HABAR_OK) {
			problem(job, "%s: %s", m->path, info.message[0] ?
			    info.message : habar_status_string(status));
			unlinkat(job->dir_fd, m->file, 0);
			status = HABAR_OK;
			continue;
		}
		if ((job->attachments[job->attachment_count] =
		    strdup(m->file)) == NULL)
			status = HABAR_ERR_NOMEM;
		else
			job->attachment_count++;
	}
	return status;
}

/* The release text of t, before normalisation. */
static enum habar_status
compose(struct job *job, const struct text *t, const char *date,
    char **out, size_t *len)
{
	FILE *fp = open_memstream(out, len);
	size_t i;
	int own_source = 0;

	if (fp == NULL)
		return HABAR_ERR_NOMEM;
	fputs("---\n", fp);
	habar_release_write_field(fp, "id", job->r->id);
	habar_release_write_field(fp, "lang", t->lang);
	if (t->title != NULL && *t->title)
		habar_release_write_field(fp, "title", t->title);
	if (date != NULL)
		habar_release_write_field(fp, "date", date);
	if (t->place != NULL && *t->place)
		habar_release_write_field(fp, "place", t->place);
	for (i = 0; i < t->field_count; i++) {
		habar_release_write_field(fp, t->keys[i], t->values[i]);
		own_source |= strcmp(t->keys[i], "source") == 0;
	}
	/* A source the release names itself is kept; the member it came
	 * from is then said under a name of its own. */
	habar_release_write_field(fp, own_source ? "archive-member" : "source",
	    t->member->path);
	habar_release_write_field(fp, "encoding", t->encoding);
	if (job->attachment_count > 0) {
		fputs("attachments: ", fp);
		for (i = 0; i < job->attachment_count; i++)
			fprintf(fp, "%s%s", i ? ", " : "", job->attachments[i]);
		putc('\n', fp);
	}
	fputs("---\n", fp);
	for (i = 0; i < t->paragraph_count; i++)
		fprintf(fp, "\n%s\n", t->paragraphs[i]);
	return fclose(fp) == 0 ? HABAR_OK : HABAR_ERR_NOMEM;
}


static struct habar_norm *
worker_norm(struct batch_worker *w, const char *lang, enum habar_status *st)
{
	size_t i;

	for (i = 0; i < BATCH_MAX_NORMS && w->norms[i].norm != NULL; i++)
		if (strcmp(w->norms[i].lang, lang) == 0)
			return w->norms[i].norm;
	if (i == BATCH_MAX_NORMS) {
		/* Full: the last one is reused for the new language. */
		i--;
		habar_norm_free(w->norms[i].norm);
		w->norms[i].norm = NULL;
	}
	*st = habar_norm_new(&w->norms[i].norm, lang);
	if (*st != HABAR_OK)
		return NULL;
	snprintf(w->norms[i].lang, sizeof(w->norms[i].lang), "%s", lang);
	return w->norms[i].norm;
}

/* The worker's checker for lang, or NULL when there is none for it. */
static struct habar_spell *
worker_spell(struct batch_worker *w, const char *lang)
{
	struct habar_spell_options options;
	size_t i;

	for (i = 0; i < BATCH_MAX_NORMS && w->spells[i].lang[0] != '\0'; i++)
		if (strcmp(w->spells[i].lang, lang) == 0)
			return w->spells[i].spell;
	if (i == BATCH_MAX_NORMS)
		return NULL;
	memset(&options, 0, sizeof(options));
	/* No personal word list: the same archive gives the same report on
	 * any account. */
	options.no_default_personal = 1;
	snprintf(w->spells[i].lang, sizeof(w->spells[i].lang), "%s", lang);
	if (habar_spell_new(&w->spells[i].spell, lang, &options, NULL, 0) !=
	    HABAR_OK)
		w->spells[i].spell = NULL;
	return w->spells[i].spell;
}

/* Counts the words of language li the checker does not know. */
static unsigned long
spelling_findings(struct job *job, const struct habar_parallel *doc,
    size_t li, int *unchecked)
{
	const struct habar_parallel_language *l = &doc->languages[li];
	struct habar_spell *spell = worker_spell(job->w, l->lang);
	struct habar_spell_token tok;
	enum habar_spell_verdict verdict;
	unsigned long count = 0;
	size_t s, pos, column;

	if (spell == NULL) {
		*unchecked = 1;
		return 0;
	}
	for (s = 0; s < l->sentence_count; s++) {
		const char *text = l->sentences[s].text;
		size_t len = l->sentences[s].len;
		pos = 0;
		column = 1;
		while (habar_spell_token_next(text, len, &pos, &column, &tok)) {
			if (tok.skip)
				continue;
			if (habar_spell_check(spell, text + tok.offset, tok.len,
			    &verdict) != HABAR_OK) {
				*unchecked = 1;
				return count;
			}
			count += verdict == HABAR_SPELL_UNKNOWN ||
			    verdict == HABAR_SPELL_MIXED;
		}
	}
	return count;
}

/* Writes, normalises and loads each language; returns a fatal status. */
static enum habar_status
write_texts(struct job *job, struct habar_parallel *doc)
{
	const char *date = NULL;
	enum habar_status status = HABAR_OK;
	size_t i;

	for (i = 0; i < job->text_count && date == NULL; i++)
		date = job->texts[i].date;
	for (i = 0; i < job->text_count; i++) {
		struct text *t = &job->texts[i];
		struct habar_norm *norm;
		char *raw = NULL, *clean = NULL;
		size_t raw_len = 0, clean_len = 0;
		FILE *in, *out;

		if (doc->language_count == HABAR_PARALLEL_MAX_LANGS) {
			problem(job, "%s: %s", t->member->path, "more than three "
			    "languages: left out");
			continue;
		}
		if ((status = compose(job, t, t->date ? t->date : date, &raw,
		    &raw_len)) != HABAR_OK)
			break;
		if ((norm = worker_norm(job->w, t->lang, &status)) == NULL) {
			free(raw);
			snprintf(job->w->err, sizeof(job->w->err), "cannot "
			    "start the normaliser for %s: %s", t->lang,
			    habar_status_string(status));
			break;
		}
		habar_norm_reset(norm);
		in = fmemopen(raw, raw_len, "r");
		out = open_memstream(&clean, &clean_len);
		if (in == NULL || out == NULL) {
			if (in)
				fclose(in);
			if (out)
				fclose(out);
			free(raw);
			free(clean);
			status = HABAR_ERR_NOMEM;
			break;
		}
		status = habar_norm_stream(norm, in, out);
		fclose(in);
		if (fclose(out) != 0 && status == HABAR_OK)
			status = HABAR_ERR_NOMEM;
		free(raw);
		if (status == HABAR_ERR_LIMIT || status == HABAR_ERR_INPUT) {
			problem(job, "%s: normalising: %s", t->member->path,
			    habar_norm_error(norm));
			free(clean);
			status = HABAR_OK;
			continue;
		}
		if (status != HABAR_OK) {
			free(clean);
			snprintf(job->w->err, sizeof(job->w->err), "normalising "
			    "%s: %s", t->member->path, habar_norm_error(norm));
			break;
		}
		snprintf(t->path, sizeof(t->path), "%s/%s.%s.md", job->dir,
		    job->r->id, t->lang);
		status = habar__batch_write_file(job->run, job->dir_fd,
		    strrchr(t->path, '/') + 1, clean, clean_len);
		if (status != HABAR_OK) {
			free(clean);
			snprintf(job->w->err, sizeof(job->w->err), "%s: %s",
			    t->path, strerror(errno));
			break;
		}
		in = fmemopen(clean, clean_len, "r");
		if (in == NULL) {
			free(clean);
			status = HABAR_ERR_NOMEM;
			break;
		}
		status = habar_align_load(job->w->align, doc, in,
		    HABAR_ALIGN_SEGMENT);
		fclose(in);
		free(clean);
		if (status == HABAR_ERR_INPUT || status == HABAR_ERR_LIMIT) {
			problem(job, "%s: %s", t->member->path,
			    habar_align_error(job->w->align));
			status = HABAR_OK;
			continue;
		}
		if (status != HABAR_OK) {
			snprintf(job->w->err, sizeof(job->w->err), "%s: %s",
			    t->member->path, habar_align_error(job->w->align));
			break;
		}
		t->loaded = 1;
	}
	return status;
}

static void
bundle_warning(void *arg, const char *message)
{
	problem(arg, "%s%s", "", message);
}

/* The pack, written to a temporary file and renamed into packs/. */
static enum habar_status
write_pack(struct job *job, const struct habar_parallel *doc)
{
	struct habar_bundle_options opt;
	struct habar_pack *pack = NULL;
	const char *files[HABAR_PARALLEL_MAX_LANGS];
	char err[4096], tmp[64], path[8400], name[BATCH_MAX_ID + 32];
	enum habar_status status;
	size_t i, k = 0;
	int fd;

	for (i = 0; i < job->text_count; i++)
		if (job->texts[i].loaded)
			files[k++] = job->texts[i].path;
	memset(&opt, 0, sizeof(opt));
	opt.release_files = files;
	opt.attachment_dir = job->dir;
	opt.generator = job->run->opt->generator ? job->run->opt->generator :
	    "habar-batch";
	opt.min_confidence = job->run->opt->min_confidence;
	opt.warn = bundle_warning;
	opt.warn_arg = job;
	opt.qa_stats = &job->qa;
	status = habar_bundle_plan(&pack, doc, &opt, err, sizeof(err));
	job->qa_run = status == HABAR_OK;
	if (status == HABAR_ERR_INPUT) {
		problem(job, "no pack: %s%s", err, "");
		return HABAR_OK;
	}
	if (status != HABAR_OK) {
		snprintf(job->w->err, sizeof(job->w->err), "planning the pack: "
		    "%s", err);
		return status;
	}
	if ((fd = habar__batch_temp(job->run, tmp, sizeof(tmp))) < 0) {
		habar_pack_free(pack);
		snprintf(job->w->err, sizeof(job->w->err), "%s/tmp: %s",
		    job->run->workdir, strerror(errno));
		return HABAR_ERR_IO;
	}
	status = habar_pack_write(pack, fd, HABAR_PACK_ZIP);
	if (status != HABAR_OK)
		snprintf(job->w->err, sizeof(job->w->err), "writing the pack: %s",
		    habar_pack_error(pack));
	habar_pack_free(pack);
	snprintf(name, sizeof(name), "%s.zip", job->r->id);
	snprintf(path, sizeof(path), "%s/packs/%s", job->run->outdir, name);
	if (status != HABAR_OK) {
		close(fd);
		unlinkat(job->run->tmp_fd, tmp, 0);
		return status;
	}
	if ((status = habar__batch_commit(job->run, fd, tmp,
	    job->run->packs_fd, name)) != HABAR_OK)
		snprintf(job->w->err, sizeof(job->w->err), "%s: %s", path,
		    strerror(errno));
	return status;
}

/* The release's units as TMX; *units_out receives their number. */
static enum habar_status
write_tmx(struct job *job, const struct habar_parallel *doc, size_t *units_out)
{
	struct habar_tmx *tmx = NULL;
	char *xml = NULL, path[8400];
	size_t len = 0;
	enum habar_status status;
	FILE *fp;

	*units_out = 0;
	if ((status = habar_tmx_new(&tmx)) != HABAR_OK)
		return status;
	habar__batch_min_confidence(job->run, tmx);
	status = habar_tmx_add_parallel(tmx, doc);
	if (status == HABAR_ERR_LIMIT) {
		problem(job, "%s%s", "too many units for one memory", "");
		status = HABAR_OK;
	}
	if (status == HABAR_OK) {
		*units_out = habar_tmx_count(tmx);
		if ((fp = open_memstream(&xml, &len)) == NULL)
			status = HABAR_ERR_NOMEM;
		else {
			status = habar_tmx_write(tmx, fp);
			if (fclose(fp) != 0 && status == HABAR_OK)
				status = HABAR_ERR_NOMEM;
		}
	}
	if (status == HABAR_OK) {
		snprintf(path, sizeof(path), "%s/%s.tmx", job->dir, job->r->id);
		status = habar__batch_write_file(job->run, job->dir_fd,
		    strrchr(path, '/') + 1, xml, len);
		if (status != HABAR_OK)
			snprintf(job->w->err, sizeof(job->w->err), "%s: %s",
			    path, strerror(errno));
	}
	free(xml);
	habar_tmx_free(tmx);
	return status;
}

/* The sentence links that join two languages or more; *doubtful receives
 * how many of them have a confidence under HABAR_XLIFF_CONFIDENT (0.5),
 * the threshold below which the memory and --fill do not trust a link. */
static size_t
aligned_sentences(const struct habar_parallel *doc, size_t *doubtful)
{
	size_t i, k, n = 0;

	*doubtful = 0;
	for (i = 0; i < doc->link_count[HABAR_PARALLEL_SENTENCES]; i++) {
		const struct habar_parallel_link *l =
		    &doc->links[HABAR_PARALLEL_SENTENCES][i];
		size_t sides = 0;
		for (k = 0; k < doc->language_count; k++)
			sides += l->sides[k].count > 0;
		n += sides >= 2;
		*doubtful += sides >= 2 &&
		    l->confidence < HABAR_XLIFF_CONFIDENT;
	}
	return n;
}

/* The report line, written last: its presence says the release is done. */
static enum habar_status
write_marker(struct job *job, const struct habar_parallel *doc,
    unsigned long findings)
{
	char *line = NULL, path[8400];
	size_t len = 0, i, aligned, doubtful;
	enum habar_status status;
	FILE *fp = open_memstream(&line, &len);

	if (fp == NULL)
		return HABAR_ERR_NOMEM;
	fprintf(fp, "%s\t", job->r->id);
	for (i = 0; i < doc->language_count; i++)
		fprintf(fp, "%s%s", i ? "," : "", doc->languages[i].lang);
	fputs(doc->language_count ? "\t" : "-\t", fp);
	for (i = 0; i < job->text_count; i++)
		fprintf(fp, "%s%s:%s", i ? "," : "", job->texts[i].lang,
		    job->texts[i].encoding);
	fputs(job->text_count ? "\t" : "-\t", fp);
	for (i = 0; i < doc->language_count; i++)
		fprintf(fp, "%s%zu", i ? "," : "",
		    doc->languages[i].paragraph_count);
	aligned = aligned_sentences(doc, &doubtful);
	fprintf(fp, "%s\t%zu\t%zu\t", doc->language_count ? "" : "0", aligned,
	    doubtful);
	fprintf(fp, "%lu\t", findings);
	if (job->qa_run)
		fprintf(fp, "%llu\t%llu\t", job->qa.errors, job->qa.warnings);
	else
		fputs("-\t-\t", fp);
	fprintf(fp, "%s\n", job->problems ? job->problems : "-");
	if (fclose(fp) != 0) {
		free(line);
		return HABAR_ERR_NOMEM;
	}
	snprintf(path, sizeof(path), "%s/.done", job->dir);
	status = habar__batch_write_file(job->run, job->dir_fd, ".done", line,
	    len);
	if (status != HABAR_OK)
		snprintf(job->w->err, sizeof(job->w->err), "%s: %s", path,
		    strerror(errno));
	free(line);
	return status;
}

enum habar_status
habar__batch_release(struct batch_worker *w, const struct batch_release *r)
{
	struct job job;
	struct habar_parallel *doc = NULL;
	enum habar_status status = HABAR_OK;
	unsigned long findings = 0;
	size_t i, units = 0;
	int unchecked = 0;

	memset(&job, 0, sizeof(job));
	job.w = w;
	job.r = r;
	job.run = w->run;
	w->err[0] = '\0';
	if (w->dates == NULL && (status = habar_dates_new(&w->dates)) !=
	    HABAR_OK) {
		snprintf(w->err, sizeof(w->err), "cannot load the month names: "
		    "%s", habar_status_string(status));
		return status;
	}
	if (w->align == NULL && (status = habar_align_new(&w->align)) !=
	    HABAR_OK) {
		snprintf(w->err, sizeof(w->err), "cannot start the aligner: %s",
		    habar_status_string(status));
		return status;
	}
	if (w->run->lexicon != NULL && !w->lexicon_read) {
		FILE *fp = fmemopen(w->run->lexicon, w->run->lexicon_len, "r");

		status = fp == NULL ? HABAR_ERR_NOMEM :
		    habar_align_add_lexicon(w->align, fp);
		if (fp != NULL)
			fclose(fp);
		if (status != HABAR_OK) {
			snprintf(w->err, sizeof(w->err), "the archive's lexicon: "
			    "%s", fp == NULL ? habar_status_string(status) :
			    habar_align_error(w->align));
			return status;
		}
		w->lexicon_read = 1;
	}
	if (r->problems != NULL)
		problem(&job, "%s%s", r->problems, "");
	snprintf(job.dir, sizeof(job.dir), "%s/releases/%s", job.run->outdir,
	    r->id);
	if ((job.dir_fd = habar__batch_open_dir(job.run->releases_fd, r->id,
	    1)) < 0) {
		snprintf(w->err, sizeof(w->err), "%s: %s", job.dir,
		    errno == ELOOP || errno == ENOTDIR ? "not a folder, or a "
		    "symbolic link: refused" : strerror(errno));
		free(job.problems);
		return HABAR_ERR_IO;
	}
	if ((status = habar_parallel_new(&doc)) != HABAR_OK)
		goto done;
	for (i = 0; status == HABAR_OK && i < r->text_count; i++) {
		const struct batch_member *m = &job.run->members[r->texts[i]];
		if (!m->spooled)
			continue;	/* unreadable: its problem is noted */
		if (job.text_count == MAX_TEXTS) {
			problem(&job, "%s: %s", m->path, "too many texts: left out");
			continue;
		}
		status = read_text(&job, m);
	}
	if (status != HABAR_OK)
		goto done;
	qsort(job.texts, job.text_count, sizeof(job.texts[0]), compare_texts);
	if ((status = stage_attachments(&job)) != HABAR_OK)
		goto done;
	if ((status = write_texts(&job, doc)) != HABAR_OK)
		goto done;
	if (doc->language_count >= 2) {
		status = habar_align_document(w->align, doc);
		if (status == HABAR_ERR_LIMIT) {
			problem(&job, "aligning: %s", habar_align_error(w->align),
			    "");
			status = HABAR_OK;
		}
		if (status != HABAR_OK) {
			snprintf(w->err, sizeof(w->err), "aligning: %s",
			    habar_align_error(w->align));
			goto done;
		}
	} else if (doc->language_count == 0)
		problem(&job, "%s%s", "no text could be read", "");
	/* A release in one language is normal (many were never
	 * translated): not a problem. */
	for (i = 0; i < doc->language_count; i++)
		findings += spelling_findings(&job, doc, i, &unchecked);
	if (unchecked)
		problem(&job, "%s%s", "spelling not checked in every language",
		    "");
	if (doc->language_count >= 1 &&
	    (status = write_pack(&job, doc)) != HABAR_OK)
		goto done;
	if (doc->language_count >= 2 &&
	    (status = write_tmx(&job, doc, &units)) != HABAR_OK)
		goto done;
	if (job.nomem) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	status = write_marker(&job, doc, findings);
	if (status == HABAR_OK && job.run->lexicon != NULL &&
	    (status = habar__batch_write_file(job.run, job.dir_fd, RELEARNT,
	    "aligned again with the archive's lexicon\n", 41)) != HABAR_OK)
		snprintf(w->err, sizeof(w->err), "%s/%s: %s", job.dir,
		    RELEARNT, strerror(errno));
done:
	if (status == HABAR_ERR_NOMEM && w->err[0] == '\0')
		snprintf(w->err, sizeof(w->err), "out of memory");
	for (i = 0; i < job.text_count; i++)
		text_free(&job.texts[i]);
	for (i = 0; i < job.attachment_count; i++)
		free(job.attachments[i]);
	free(job.attachments);
	free(job.problems);
	habar_parallel_free(doc);
	close(job.dir_fd);
	return status;
}

void
habar__batch_worker_free(struct batch_worker *w)
{
	size_t i;

	habar_dates_free(w->dates);
	habar_align_free(w->align);
	for (i = 0; i < BATCH_MAX_NORMS; i++)
		habar_spell_free(w->spells[i].spell);
	for (i = 0; i < BATCH_MAX_NORMS; i++)
		habar_norm_free(w->norms[i].norm);
	memset(w, 0, sizeof(*w));
}
