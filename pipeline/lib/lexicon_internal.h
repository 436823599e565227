/*
 * lexicon_internal.h: the parts of the learnt lexicon the aligner uses
 * (not part of the public API): the stemmer and the stem pairs.
 */
#ifndef HABAR_LEXICON_INTERNAL_H
#define HABAR_LEXICON_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <habar/lexicon.h>
#include <habar/status.h>

/* A language's endings (lexicon_stem.c). */
struct habar__stemmer;
struct habar__map64;

/*
 * Reads the endings of language lang (locales/<lang>/spell-suffixes and
 * stem-endings; neither need exist).  Returns HABAR_OK, HABAR_ERR_IO,
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar__stemmer_new(struct habar__stemmer **out,
    const char *lang);

/* Frees it; NULL is harmless. */
void habar__stemmer_free(struct habar__stemmer *st);

/*
 * Stores in out (max entries) the stems of the words of len bytes of
 * UTF-8 text, in order, as non-zero hashes; st NULL: whole words.  memo
 * (zeroed before the first call, or NULL) keeps each word's stem for the
 * next calls with the same stemmer.  Returns their number.
 */
size_t habar__stem_words(const struct habar__stemmer *st,
    struct habar__map64 *memo, const char *text, size_t len, uint32_t *out,
    size_t max);

/*
 * Whether tail[0..n) (code points) is what inflection adds to a stem: a
 * chain of the language's endings, as many as the stemmer cuts (Kazakh
 * -тар-ы-нда), or nothing.  habar-qa tells a case form of a name from a
 * misspelling with it (Пэлтроудың, Пэлтроуыдң).
 */
int habar__stem_ending(const struct habar__stemmer *st, const uint32_t *tail,
    size_t n);

/* How many endings the stemmer cuts from a word at most (more than one
 * in a language that stacks them); 0 for NULL. */
unsigned habar__stemmer_rounds(const struct habar__stemmer *st);

/* One learnt pair of stems and its translation probabilities. */
struct habar__lexicon_entry {
	uint32_t a, b;		/* stems of the pair's first and second language */
	float ab, ba;		/* t(b | a) and t(a | b) */
	/* Units of the memory holding both, a, and b: how often a word's
	 * translation is there, which Model 1's t does not say. */
	uint32_t both, na, nb;
	/* A word list's concept (its line, numbered across the lists), or
	 * 0 for a learnt pair: the pairs of one concept are one word. */
	uint32_t concept;
};

/*
 * The stemmer of language lang that the lexicon learnt with (NULL when
 * it has none, or on failure).
 */
const struct habar__stemmer *habar__lexicon_stemmer(
    struct habar_lexicon *lex, const char *lang);

/*
 * The entries learnt for languages la and lb, in table k (k from 0 up;
 * NULL past the last), with their number in *n; *swapped is set when the
 * table's first language is lb.
 */
const struct habar__lexicon_entry *habar__lexicon_table(
    const struct habar_lexicon *lex, size_t k, const char *la,
    const char *lb, size_t *n, int *swapped);

/* The units of the memory table k of la and lb was learnt from (as
 * habar__lexicon_table()), 0 past the last. */
size_t habar__lexicon_units(const struct habar_lexicon *lex, size_t k,
    const char *la, const char *lb);

/*
 * Adds a table of n entries e (malloc'd; the lexicon owns it from
 * HABAR_OK on) of languages la and lb, learnt from units units; listed:
 * made from a word list, which a cache never holds.  Returns HABAR_OK or
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar__lexicon_add_table(struct habar_lexicon *lex,
    const char *la, const char *lb, struct habar__lexicon_entry *e,
    size_t n, size_t units, int listed);

/* Sets the lexicon's error (habar_lexicon_error()), printf-style. */
void habar__lexicon_fail(struct habar_lexicon *lex, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
