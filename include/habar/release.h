/*
 * release.h: the release text format.
 *
 * A release is UTF-8 text that may open with front matter: a line "---",
 * YAML, and a closing "---" (or "...").  The body follows: paragraphs
 * separated by blank lines.  Text without front matter is a release with
 * no metadata.  See docs/release-format.md.
 *
 * The reader reads the front matter whole (it is small, at most 64 KiB)
 * and parses it as YAML, then hands it out a field a line: a field written
 * on one line as it was written, any other (folded over lines, a list, a
 * block scalar) as one flat line written by habar_release_write_field().
 * So a filter passes the front matter through line by line and writes it
 * flat.  The body streams, a line at a time.  The fields are kept for
 * habar_release_get().
 */
#ifndef HABAR_RELEASE_H
#define HABAR_RELEASE_H

#include <stdio.h>
#include <stddef.h>

#include <habar/status.h>

enum habar_line_kind {
	HABAR_LINE_BODY,	/* a line of the body (possibly blank) */
	HABAR_LINE_FENCE,	/* "---" opening or closing the front matter */
	HABAR_LINE_FIELD,	/* "key: value", a field of the front matter */
	HABAR_LINE_META_OTHER	/* a blank or "#" comment line in the front matter */
};

struct habar_release_line {
	enum habar_line_kind kind;
	const char *text;	/* the whole line, without its terminator */
	size_t len;
	const char *key;	/* HABAR_LINE_FIELD: the key ... */
	size_t key_len;
	const char *value;	/* ... and the raw value (quotes kept) */
	size_t value_len;
	unsigned long number;	/* 1-based line number */
	int terminated;		/* the line ended with a newline */
	int crlf;		/* ... and that newline was "\r\n" */
};

struct habar_release;

/*
 * Creates a reader of fp (borrowed).  max_line caps the length of one line
 * as in habar_lines_new().  Returns HABAR_OK or HABAR_ERR_NOMEM.
 */
enum habar_status habar_release_new(struct habar_release **release_out,
    FILE *fp, size_t max_line);

/* Frees the reader; NULL is harmless. */
void habar_release_free(struct habar_release *release);

/*
 * Reads and classifies the next line into *line, whose pointers are valid
 * until the next call.  A UTF-8 byte order mark opening the input is
 * dropped.  Returns HABAR_OK, HABAR_END, or an error: HABAR_ERR_INPUT for
 * front matter that is not YAML (nor flat "key: value" lines, read as
 * habar always read them), holds a list of lists, or is left open at the
 * end of the input (habar_release_error() says which, and the column when
 * YAML names one; habar_release_line_number() the line, which the message
 * leaves to the program to print once, "file:LINE: message"), HABAR_ERR_LIMIT for front matter past 64 KiB or 256 fields, or
 * an error of habar_lines_next().
 */
enum habar_status habar_release_next(struct habar_release *release,
    struct habar_release_line *line);

/*
 * Returns the unquoted value of front-matter field key seen so far, or NULL.
 * The string belongs to the reader and lives until it is freed.
 */
const char *habar_release_get(const struct habar_release *release,
    const char *key);

/* Returns the number of front-matter fields seen so far, and the i-th. */
size_t habar_release_field_count(const struct habar_release *release);
void habar_release_field_at(const struct habar_release *release, size_t i,
    const char **key, const char **value);

/* Returns a description of the last error, or "". */
const char *habar_release_error(const struct habar_release *release);

/* The 1-based number of the line last read; after an error in the front
 * matter, which is read whole, the line at fault. */
unsigned long habar_release_line_number(const struct habar_release *release);

/*
 * Where the first ill-formed UTF-8 sequence of s[0..len) (a line) starts,
 * or HABAR_RELEASE_VALID; the reader does not check, as most programs
 * decode the text themselves.
 */
size_t habar_release_invalid(const char *s, size_t len);

#define HABAR_RELEASE_VALID ((size_t)-1)

/*
 * Whether the body line s[0..len) is blank, which parts paragraphs: it
 * holds nothing but spaces, tabs and carriage returns.
 */
int habar_release_blank(const char *s, size_t len);

/*
 * Whether tag has the shape of a language tag as the front matter's
 * lang field and XLIFF's xs:language want it: 1 to 8 ASCII letters, then
 * any number of "-" and 1 to 8 ASCII letters or digits (kk, kk-Latn,
 * en-US).  It says nothing of whether habar has data for the language.
 */
int habar_release_valid_lang(const char *tag);

/*
 * Stores in *out a newly allocated, unquoted copy of a raw front-matter
 * value: "double quoted" values lose their quotes and YAML's backslash
 * escapes are resolved (\n, \r, \xHH, \uHHHH...; a backslash before
 * any other character keeps that character), 'single quoted' ones lose
 * their quotes and doubled '', others their
 * surrounding spaces.  A NUL byte, which no C string can hold, is
 * dropped.  Returns HABAR_OK, HABAR_ERR_NOMEM.
 */
enum habar_status habar_release_unquote(char **out, const char *raw,
    size_t raw_len);

/*
 * Writes "key: value\n" to fp, on one line, double-quoting value when it
 * would not read back as itself, by YAML or by habar_release_unquote()
 * (leading or trailing space, ": ", " #", a leading YAML indicator, a
 * trailing colon, "~", a backslash, control characters), with \", \\,
 * \n, \r and \xHH escapes.  Returns HABAR_OK or HABAR_ERR_IO.
 */
enum habar_status habar_release_write_field(FILE *fp, const char *key,
    const char *value);

#endif
