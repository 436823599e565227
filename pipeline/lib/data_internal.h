/*
 * data_internal.h: the library's own helpers for reading its data files
 * (data.c).  Several modules open a file of locales/ or schemas/ and read
 * it whole or line by line; they share these instead of each repeating
 * the lookup, the fopen() and the bounded read.
 */
#ifndef HABAR_DATA_INTERNAL_H
#define HABAR_DATA_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include <habar/status.h>

/*
 * Opens for reading the data file called name: with lang NULL, name is a
 * path relative to the data directories (habar_data_find()); otherwise it
 * is a per-language file looked up with habar_data_find_locale().  On
 * HABAR_OK *fp_out is open and the caller closes it with fclose(); on
 * failure *fp_out is NULL and the result is habar_data_find()'s status,
 * or HABAR_ERR_NOTFOUND when the file vanished before it could be opened,
 * or HABAR_ERR_IO when it exists but cannot be opened.
 */
enum habar_status habar__data_open(FILE **fp_out, const char *lang,
    const char *name);

/*
 * Reads fp to its end into a new buffer *text_out (release with free()),
 * NUL-terminated, and stores its length in bytes (without the NUL) in
 * *len_out.  A stream longer than max bytes is refused with
 * HABAR_ERR_LIMIT without reading more than max + 1 bytes of it, so the
 * memory held never exceeds max + 2 bytes.  Returns HABAR_OK,
 * HABAR_ERR_LIMIT, HABAR_ERR_IO (read error) or HABAR_ERR_NOMEM; on
 * failure *text_out is NULL and *len_out 0.  fp is borrowed, not closed.
 */
enum habar_status habar__read_all(char **text_out, size_t *len_out, FILE *fp,
    size_t max);

/*
 * Splits one line (line[0..len), without or with its "\n" or "\r\n") of a
 * "key = value" data file, such as locales/<tag>/labels and the
 * transliteration word list.  Returns 1 and the key and the value as
 * spans of line, white space around each trimmed; 0 for a blank line or
 * a comment (first non-blank character '#'), leaving the spans alone; -1
 * for any other line without '='.
 */
int habar__data_key_value(const char *line, size_t len, const char **key,
    size_t *key_len, const char **value, size_t *value_len);

/*
 * Reads the next "key = value" line of the text [*p, end), skipping blank
 * lines and comments (habar__data_key_value()): *p moves past the line
 * read and *line counts each line passed (start it at 0).  Returns 1 with
 * the key and the value as spans of the text, -1 for a line without '='
 * (*line is its number), 0 at the end of the text.
 */
int habar__data_next_pair(const char **p, const char *end,
    unsigned long *line, const char **key, size_t *key_len,
    const char **value, size_t *value_len);

#endif
