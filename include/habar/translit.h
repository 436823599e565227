/*
 * translit.h: Kazakh Cyrillic to and from the Kazakh Latin alphabet of
 * 2021, the library behind habar-translit.
 *
 * The letter mapping is data: ICU transform rules in locales/kk/
 * (cyrl-latn.txt, latn-cyrl.txt), compiled once per handle.  Around it the
 * library decides which words to convert, so that Russian or English words
 * inside Kazakh text stay as they are (word lists and letter sets in
 * locales/kk/translit-words.txt; README.md, "habar-translit", explains the
 * heuristic and its limits), and passes release front matter through.
 */
#ifndef HABAR_TRANSLIT_H
#define HABAR_TRANSLIT_H

#include <stdio.h>
#include <stddef.h>

#include <habar/lines.h>
#include <habar/status.h>

enum habar_translit_target {
	HABAR_TRANSLIT_KK_LATN,	/* Cyrillic words become Latin */
	HABAR_TRANSLIT_KK_CYRL	/* Latin words become Cyrillic */
};

/* The longest line habar_translit_line() takes, in bytes: every
 * program's (habar/lines.h). */
#define HABAR_TRANSLIT_MAX_LINE HABAR_MAX_LINE

/* Flags of habar_translit_new(). */
#define HABAR_TRANSLIT_ALL 0x1u	/* convert every word of the source script,
				   foreign-looking ones too */
#define HABAR_TRANSLIT_NO_EXCEPTIONS 0x2u /* leave out the list of
				   locales/kk/translit-exceptions: the letter
				   rules alone (files added later still count) */

/* Counts kept by a handle over everything it converted. */
struct habar_translit_stats {
	unsigned long long words;	/* words of the source script seen */
	unsigned long long converted;	/* of these, converted */
	unsigned long long kept;	/* of these, kept as foreign */
	unsigned long long invalid;	/* invalid UTF-8 sequences replaced */
};

struct habar_translit;

/*
 * Creates a converter to target, reading the rules and word lists from the
 * data directory (see habar/data.h) and, to Latin, the exceptions of
 * locales/kk/translit-exceptions.  flags is 0 or a sum of
 * HABAR_TRANSLIT_ALL and HABAR_TRANSLIT_NO_EXCEPTIONS.
 * Returns HABAR_OK; HABAR_ERR_NOTFOUND when a data file is missing,
 * HABAR_ERR_INPUT when one does not parse, HABAR_ERR_IO, HABAR_ERR_NOMEM,
 * HABAR_ERR_ARGUMENT.  On failure *translit_out is still a handle whose
 * habar_translit_error() says what went wrong (or NULL when even that
 * could not be allocated); free it with habar_translit_free().
 */
enum habar_status habar_translit_new(struct habar_translit **translit_out,
    enum habar_translit_target target, unsigned flags);

/*
 * Like habar_translit_new(), with the rules and the word lists given as
 * UTF-8 text (borrowed) instead of being read from files; words may be
 * NULL for none.
 */
enum habar_status habar_translit_new_from(struct habar_translit **translit_out,
    enum habar_translit_target target, unsigned flags,
    const char *rules, size_t rules_len, const char *words, size_t words_len);

/*
 * Adds the exceptions of the file at path to those the converter has
 * (habar_translit_new() starts with locales/kk/translit-exceptions):
 * names whose Latin spelling is their own, one "Cyrillic = Latin" entry a
 * line (ЮНИСЕФ = UNICEF, Рашед Сарвар = Rashed Sarwar), "#" comments.
 * An entry given again, here or in a later file, replaces the earlier
 * one.  An entry matches its words as written or all in capitals, and
 * its last word with Kazakh endings after a hyphen or, in Cyrillic,
 * written on (ЮНИСЕФ-тің, Сарварға); it is used wherever it stands, also
 * in a phrase otherwise kept as foreign.  Converting to Cyrillic, the
 * entries of the files added here are read from right to left (Rashed
 * Sarwar -> Рашед Сарвар; the shipped list is not used that way, as
 * Cyrillic Kazakh text keeps Microsoft and UNICEF in Latin too).
 * Returns HABAR_OK,
 * HABAR_ERR_NOTFOUND, HABAR_ERR_IO, HABAR_ERR_LIMIT (over 4 MiB),
 * HABAR_ERR_INPUT (a bad line: habar_translit_error() says
 * "path:line: what"; the entries before it are kept) or HABAR_ERR_NOMEM.
 */
enum habar_status habar_translit_add_exceptions(
    struct habar_translit *translit, const char *path);

/* Frees the converter; NULL is harmless. */
void habar_translit_free(struct habar_translit *translit);

/*
 * Converts one line (or any text without a line break that matters) of
 * in_len bytes.  On HABAR_OK *out points to the result, *out_len bytes
 * long and followed by a NUL; it belongs to the handle and stays valid
 * until the next call.  Invalid UTF-8 becomes U+FFFD.  Returns HABAR_OK,
 * HABAR_ERR_LIMIT when the line is longer than HABAR_TRANSLIT_MAX_LINE,
 * HABAR_ERR_NOMEM, HABAR_ERR_LIBRARY.
 */
enum habar_status habar_translit_line(struct habar_translit *translit,
    const char **out, size_t *out_len, const char *in, size_t in_len);

/*
 * Converts a release read from in and writes it to out.  Front matter
 * travels along: keys are kept; the values of the fields named in the
 * word list's "keep-fields" stay as they are, other values are converted;
 * "lang" becomes kk-Latn or kk (and is added when missing).  A release
 * whose lang is not Kazakh is copied unchanged and *skipped_lang (may be
 * NULL) is set to 1.  Returns HABAR_OK or the error of the reader
 * (HABAR_ERR_INPUT, HABAR_ERR_LIMIT, HABAR_ERR_IO, ...), of
 * habar_translit_line(), or HABAR_ERR_IO on a write error;
 * habar_translit_error() has the detail and habar_translit_line_number()
 * the line.
 */
enum habar_status habar_translit_release(struct habar_translit *translit,
    FILE *in, FILE *out, int *skipped_lang);

/* The counts so far. */
void habar_translit_get_stats(const struct habar_translit *translit,
    struct habar_translit_stats *stats);

/* A description of the last error, or "". */
const char *habar_translit_error(const struct habar_translit *translit);

/* The 1-based line of the last habar_translit_release() error, or 0. */
unsigned long habar_translit_line_number(const struct habar_translit *translit);

#endif
