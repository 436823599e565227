/*
 * decode_internal.h: what the files of the decode module share and nobody
 * else needs: the letter models and the scorer that rates a candidate
 * decoding (decode_model.c), used by the detector (decode_icu.c).
 */
#ifndef HABAR_DECODE_INTERNAL_H
#define HABAR_DECODE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <habar/decode.h>

/* The languages with a letter model, in the order they are loaded. */
#define HABAR__DECODE_LANGS 2

/* The largest alphabet a letter model may declare. */
#define HABAR__DECODE_MAX_LETTERS 56

/* Letters plus the six class symbols (space, punctuation, digit, Latin,
 * other Cyrillic, other). */
#define HABAR__DECODE_MAX_SYMBOLS (HABAR__DECODE_MAX_LETTERS + 6)

struct habar__letter_model {
	/* Symbol of each folded code point U+0400-U+04FF, or -1 when the
	 * letter is not in the alphabet. */
	signed char cyrillic[256];
	int letters;				/* alphabet size */
	float bigram[HABAR__DECODE_MAX_SYMBOLS][HABAR__DECODE_MAX_SYMBOLS];
	float letter_case[3][3];		/* U, l, - */
};

struct habar__decode_models {
	struct habar__letter_model lang[HABAR__DECODE_LANGS];
};

/*
 * Returns the letter models, loading them from the data directory on the
 * first call (thread-safe).  Returns HABAR_OK, HABAR_ERR_NOTFOUND,
 * HABAR_ERR_INPUT (a malformed model file), HABAR_ERR_IO, HABAR_ERR_NOMEM;
 * a failure is remembered and returned again.
 */
enum habar_status habar__decode_models_get(
    const struct habar__decode_models **models_out);

/*
 * Parses one letter model from the text of a model file.  Exposed for the
 * unit tests.  Returns HABAR_OK or HABAR_ERR_INPUT.
 */
enum habar_status habar__letter_model_parse(struct habar__letter_model *model,
    const char *text, size_t len);

/* A running score of one candidate decoding under every model. */
struct habar__score {
	const struct habar__decode_models *models;
	double sum[HABAR__DECODE_LANGS];
	int prev_symbol[HABAR__DECODE_LANGS];
	int prev_case;
	unsigned long chars;
	unsigned long bad;	/* U+FFFD and control characters */
};

/* Starts a score at the beginning of a line. */
void habar__score_init(struct habar__score *score,
    const struct habar__decode_models *models);

/* Adds one code point of the candidate text. */
void habar__score_add(struct habar__score *score, uint32_t cp);

/*
 * Returns the mean log-probability of a character under the language that
 * fits best, less a penalty for characters no text contains (replacement
 * characters, control characters); higher is better.  Also stores the
 * best language's index in *lang when lang is not NULL.
 */
double habar__score_value(const struct habar__score *score, int *lang);

#endif
