/*
 * lines.h: a buffered reader that returns a stream one line at a time, with
 * a cap on the length of a line so that memory stays flat whatever the
 * input.
 */
#ifndef HABAR_LINES_H
#define HABAR_LINES_H

#include <stdio.h>
#include <stddef.h>

#include <habar/status.h>

/*
 * The longest line any habar program reads, in bytes: one limit for every
 * program and stage (docs/limits.md), so that what one filter passes on
 * the next one takes.  A release paragraph is far shorter; the limit keeps
 * memory flat on input that is no release.  The reader's default.
 */
#define HABAR_MAX_LINE (4u * 1024 * 1024)
#define HABAR_LINES_DEFAULT_MAX HABAR_MAX_LINE

struct habar_lines;

/*
 * Creates a reader of fp (borrowed; not closed by habar_lines_free()) that
 * refuses lines longer than max_line bytes (0: HABAR_LINES_DEFAULT_MAX).
 * Returns HABAR_OK or HABAR_ERR_NOMEM.
 */
enum habar_status habar_lines_new(struct habar_lines **lines_out, FILE *fp,
    size_t max_line);

/* Frees the reader; NULL is harmless. */
void habar_lines_free(struct habar_lines *lines);

/*
 * Reads the next line.  On HABAR_OK, *line points to its bytes without the
 * line terminator ("\n" or "\r\n"), valid until the next call, and *len is
 * its length in bytes; the bytes are followed by a NUL that is not part of
 * the line (the line itself may contain NULs).  Returns HABAR_END at the
 * end of the input, HABAR_ERR_LIMIT when a line exceeds the cap,
 * HABAR_ERR_IO on a read error, HABAR_ERR_NOMEM.
 */
enum habar_status habar_lines_next(struct habar_lines *lines,
    const char **line, size_t *len);

/* Whether the line last returned ended with a line terminator (the last
 * line of a file may not). */
int habar_lines_terminated(const struct habar_lines *lines);

/* Whether the line last returned ended with "\r\n". */
int habar_lines_crlf(const struct habar_lines *lines);

/* The 1-based number of the line last returned. */
unsigned long habar_lines_number(const struct habar_lines *lines);

/* The byte offset in the stream where the line last returned starts. */
unsigned long long habar_lines_offset(const struct habar_lines *lines);

#endif
