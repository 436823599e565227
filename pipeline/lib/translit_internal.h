/*
 * translit_internal.h: what translit.c and translit_release.c share with
 * translit_icu.c, the only file of the module that speaks ICU.
 */
#ifndef HABAR_TRANSLIT_INTERNAL_H
#define HABAR_TRANSLIT_INTERNAL_H

#include <stddef.h>

#include <habar/translit.h>

/* The keys of the word-list file (locales/kk/translit-words.txt). */
enum habar__translit_key {
	HABAR__TK_KAZAKH,		/* set: letters that make a word Kazakh */
	HABAR__TK_ALPHABET,		/* set: letters of the Kazakh alphabet */
	HABAR__TK_FOREIGN_WORDS,	/* list: foreign words */
	HABAR__TK_FOREIGN_ENDINGS,	/* list: foreign endings */
	HABAR__TK_FOREIGN_SEQUENCES,	/* list: foreign letter groups */
	HABAR__TK_KEEP_FIELDS,		/* list: front-matter fields kept */
	HABAR__TK_COUNT
};

/*
 * The parsed word-list file: for each key the values given for the
 * source script (prefix "cyrl-" or "latn-" chosen by the target; the
 * front-matter key has none), joined by spaces, NUL-terminated, or NULL.
 */
struct habar__translit_words {
	char *value[HABAR__TK_COUNT];
};

struct habar__translit_icu;

/*
 * Compiles rules (UTF-8 ICU transform rules) and the word sets and lists
 * of words for converting to target.  On failure writes a message of at
 * most err_size bytes to err.  Returns HABAR_OK, HABAR_ERR_INPUT when the
 * rules or a set do not parse, HABAR_ERR_NOMEM, HABAR_ERR_LIMIT.
 */
enum habar_status habar__translit_icu_new(struct habar__translit_icu **icu_out,
    enum habar_translit_target target, unsigned flags, const char *rules,
    size_t rules_len, const struct habar__translit_words *words, char *err,
    size_t err_size);

/* Frees what habar__translit_icu_new() made; NULL is harmless. */
void habar__translit_icu_free(struct habar__translit_icu *icu);

/*
 * Converts one line as habar_translit_line() describes, adding to *stats.
 * *out belongs to icu and lives until the next call.
 */
enum habar_status habar__translit_icu_line(struct habar__translit_icu *icu,
    const char **out, size_t *out_len, const char *in, size_t in_len,
    struct habar_translit_stats *stats, char *err, size_t err_size);

/* Accessors translit_release.c needs from the handle of translit.c. */
const struct habar__translit_words *habar__translit_words(
    const struct habar_translit *translit);
enum habar_translit_target habar__translit_target(
    const struct habar_translit *translit);
void habar__translit_set_error(struct habar_translit *translit,
    unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
