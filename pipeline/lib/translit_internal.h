/*
 * translit_internal.h: what translit.c and translit_release.c share with
 * translit_icu.c, the only file of the module that speaks ICU.
 */
#ifndef HABAR_TRANSLIT_INTERNAL_H
#define HABAR_TRANSLIT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

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
struct habar__translit_except;

/* The class of a word no rule touches (an address, no source letter). */
#define HABAR__TW_OTHER 0

/* A word of the piece of line being converted (translit_icu.c). */
struct habar__translit_token {
	int32_t start, limit;	/* byte offsets in the piece of line */
	unsigned char cls;	/* its class (translit_icu.c); HABAR__TW_OTHER
				   is never converted */
	unsigned char brk;	/* punctuation between this word and the last */
	unsigned char convert;
	uint32_t xwords;	/* > 0: an exception covers this many words */
	int32_t xend;		/* ... ending here (an ending may follow) */
	const char *xto;	/* ... and becomes this */
	size_t xto_len;
};

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

/*
 * Whether code point c belongs to a word: a letter, or a combining mark
 * after one (in_word).  One rule for the converter and its exceptions
 * (translit_icu.c).
 */
int habar__translit_word_char(int32_t c, int in_word);

/*
 * Gives the converter the exceptions to use (borrowed; NULL for none); the
 * caller keeps them alive as long as icu.
 */
void habar__translit_icu_set_except(struct habar__translit_icu *icu,
    const struct habar__translit_except *except);

/*
 * Makes an empty list of exceptions for converting to Latin (to_latin 1)
 * or to Cyrillic (0).  Returns HABAR_OK or HABAR_ERR_NOMEM.
 */
enum habar_status habar__translit_except_new(
    struct habar__translit_except **out, int to_latin);

/* Frees the list; NULL is harmless. */
void habar__translit_except_free(struct habar__translit_except *x);

/*
 * Adds the entries of text[0..len), the contents of the exceptions file
 * called name (for messages): "Cyrillic = Latin" lines, "#" comments.  An
 * entry given again replaces the earlier one.  Returns HABAR_OK,
 * HABAR_ERR_INPUT (err: "name:line: what") or HABAR_ERR_NOMEM; the
 * entries before a bad line are kept.
 */
enum habar_status habar__translit_except_add(struct habar__translit_except *x,
    const char *text, size_t len, const char *name, char *err,
    size_t err_size);

/*
 * Takes the Kazakh endings a name may carry written on from text[0..len),
 * the first column of locales/kk/spell-suffixes.  Returns HABAR_OK or
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar__translit_except_endings(
    struct habar__translit_except *x, const char *text, size_t len);

/*
 * Whether an exception starts at word i of t[0..count), the words of s:
 * returns the number of words it covers (0: none), its replacement in
 * *to and *to_len (owned by x) and in *end where its text ends in s (an
 * ending of the last word after it is left to the rules).  The longest
 * entry wins.
 */
size_t habar__translit_except_match(const struct habar__translit_except *x,
    const char *s, const struct habar__translit_token *t, size_t count,
    size_t i, const char **to, size_t *to_len, int32_t *end);

/* Accessors translit_release.c needs from the handle of translit.c. */
const struct habar__translit_words *habar__translit_words(
    const struct habar_translit *translit);
enum habar_translit_target habar__translit_target(
    const struct habar_translit *translit);
void habar__translit_set_error(struct habar_translit *translit,
    unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
