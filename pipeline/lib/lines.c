/*
 * lines.c: a line reader over stdio with a bounded buffer.
 *
 * glibc's getline() grows its buffer without bound; a filter fed a
 * multi-gigabyte file with no newline must fail cleanly instead, so the
 * reader keeps its own buffer and a cap.
 */
#include <stdlib.h>
#include <string.h>

#include <habar/lines.h>

#include "grow_internal.h"

#define CHUNK (64u * 1024)

struct habar_lines {
	FILE *fp;
	char *buf;
	size_t cap;		/* bytes allocated in buf */
	size_t start, end;	/* unread bytes are buf[start..end) */
	size_t max_line;
	int eof;
	int terminated, crlf;
	unsigned long number;
	unsigned long long offset, next_offset;
};

enum habar_status
habar_lines_new(struct habar_lines **lines_out, FILE *fp, size_t max_line)
{
	struct habar_lines *lines;

	*lines_out = NULL;
	if ((lines = calloc(1, sizeof(*lines))) == NULL)
		return HABAR_ERR_NOMEM;
	lines->cap = 2 * CHUNK;
	if ((lines->buf = malloc(lines->cap)) == NULL) {
		free(lines);
		return HABAR_ERR_NOMEM;
	}
	lines->fp = fp;
	lines->max_line = max_line ? max_line : HABAR_LINES_DEFAULT_MAX;
	*lines_out = lines;
	return HABAR_OK;
}

void
habar_lines_free(struct habar_lines *lines)
{
	if (lines == NULL)
		return;
	free(lines->buf);
	free(lines);
}

/* Makes room for at least CHUNK more bytes after end, moving the unread
 * bytes to the front or growing the buffer (up to the line cap). */
static enum habar_status
make_room(struct habar_lines *lines)
{
	size_t unread = lines->end - lines->start;

	if (lines->start > 0) {
		memmove(lines->buf, lines->buf + lines->start, unread);
		lines->start = 0;
		lines->end = unread;
	}
	if (lines->cap - lines->end > CHUNK)
		return HABAR_OK;
	if (unread > lines->max_line + 1)
		return HABAR_ERR_LIMIT;
	/* Room for more than CHUNK bytes: as the buffer starts at
	 * 2 * CHUNK, that is always one doubling. */
	return habar__grow((void **)&lines->buf, &lines->cap,
	    lines->end + CHUNK + 1, 1, 2 * CHUNK);
}

enum habar_status
habar_lines_next(struct habar_lines *lines, const char **line, size_t *len)
{
	size_t scanned = 0;
	char *nl;
	enum habar_status status;

	for (;;) {
		size_t unread = lines->end - lines->start;
		nl = memchr(lines->buf + lines->start + scanned, '\n',
		    unread - scanned);
		if (nl != NULL)
			break;
		scanned = unread;
		if (unread > lines->max_line)
			return HABAR_ERR_LIMIT;
		if (lines->eof) {
			if (unread == 0)
				return HABAR_END;
			break;
		}
		if ((status = make_room(lines)) != HABAR_OK)
			return status;
		size_t n = fread(lines->buf + lines->end, 1,
		    lines->cap - lines->end - 1, lines->fp);
		lines->end += n;
		if (n == 0) {
			if (ferror(lines->fp))
				return HABAR_ERR_IO;
			lines->eof = 1;
		}
	}

	char *begin = lines->buf + lines->start;
	size_t length, consumed;
	if (nl != NULL) {
		length = (size_t)(nl - begin);
		consumed = length + 1;
		lines->terminated = 1;
	} else {
		length = lines->end - lines->start;
		consumed = length;
		lines->terminated = 0;
	}
	if (length > lines->max_line)
		return HABAR_ERR_LIMIT;
	lines->crlf = lines->terminated && length > 0 && begin[length - 1] == '\r';
	if (lines->crlf)
		length--;
	/* The byte after the line is its terminator or spare room: NUL it so
	 * callers may use C string functions on lines without NULs. */
	begin[length] = '\0';
	lines->start += consumed;
	lines->number++;
	lines->offset = lines->next_offset;
	lines->next_offset += consumed;
	*line = begin;
	*len = length;
	return HABAR_OK;
}

int
habar_lines_terminated(const struct habar_lines *lines)
{
	return lines->terminated;
}

int
habar_lines_crlf(const struct habar_lines *lines)
{
	return lines->crlf;
}

unsigned long
habar_lines_number(const struct habar_lines *lines)
{
	return lines->number;
}

unsigned long long
habar_lines_offset(const struct habar_lines *lines)
{
	return lines->offset;
}
