/*
 * norm_internal.h: what the files of the normaliser (norm.c, norm_data.c,
 * norm_stream.c, norm_icu.c) share.  Not installed.  No ICU type appears
 * here: ICU stays inside norm_icu.c.
 */
#ifndef HABAR_NORM_INTERNAL_H
#define HABAR_NORM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <habar/norm.h>

/*
 * Character classes, one 16-bit set of flags per code point, computed from
 * ICU's property data once per process (norm_icu.c).
 */
#define NF_SAFE		0x0001	/* NFC_Quick_Check=Yes and ccc=0: a boundary */
#define NF_LETTER	0x0002	/* general category L */
#define NF_MARK		0x0004	/* general category M: continues a word */
#define NF_LATIN	0x0008	/* a letter of the Latin script */
#define NF_CYRL		0x0010	/* a letter of the Cyrillic script */
#define NF_DIGIT	0x0020	/* general category Nd */
#define NF_INHERITED	0x0040	/* script Inherited: marks, joiners... */
#define NF_KEEPJOIN	0x0080	/* a base after which ZWJ/ZWNJ mean something */
#define NF_USPACE	0x0100	/* a space but U+0020; NEL, LS, PS */
#define NF_DROP		0x0200	/* ZWSP, word joiner, BOM, soft hyphen */
#define NF_JOINER	0x0400	/* ZWJ, ZWNJ */
#define NF_CONTROL	0x0800	/* a control character other than TAB */
#define NF_PUNCT	0x1000	/* a typographic quote or dash */

extern uint16_t habar__norm_table[0x10000];

/* Fills habar__norm_table once; returns HABAR_OK or HABAR_ERR_LIBRARY. */
enum habar_status habar__norm_icu_init(void);

/* The flags of any code point (supplementary ones are computed). */
uint16_t habar__norm_icu_flags(uint32_t c);

static inline uint16_t
norm_flags(uint32_t c)
{
	return c < 0x10000 ? habar__norm_table[c] : habar__norm_icu_flags(c);
}

/* What ICU's locale data says about a language. */
struct habar__norm_locale {
	uint32_t open, close;		/* quotation start and end */
	uint32_t alt_open, alt_close;	/* alternate (nested) quotation */
	uint32_t grouping;		/* the digit grouping separator */
};

/*
 * Reads the quotation delimiters and grouping separator of lang from ICU
 * into *loc.  Returns HABAR_OK or HABAR_ERR_LIBRARY (err says why).
 */
enum habar_status habar__norm_icu_locale(struct habar__norm_locale *loc,
    const char *lang, char *err, size_t errlen);

/* Whether ICU's exemplar punctuation of lang contains c: 1, 0, or -1 on
 * an ICU failure. */
int habar__norm_icu_uses(const char *lang, uint32_t c);

/*
 * Normalises in[0..n) to NFC into a newly allocated array *out of *out_n
 * code points (free() it).  Returns HABAR_OK, HABAR_ERR_NOMEM or
 * HABAR_ERR_LIBRARY.
 */
enum habar_status habar__norm_icu_nfc(uint32_t **out, size_t *out_n,
    const uint32_t *in, size_t n);

/* The per-language data of locales/<tag>/punctuation and lookalikes. */
struct habar__norm_pair {
	uint32_t from, to;
};

#define NORM_MAX_PAIRS 128
#define NORM_MAX_DASHES 4

struct habar__norm_data {
	int main_cyrillic;		/* the script that wins a tie */
	uint32_t clause_dash;		/* what a spaced hyphen becomes */
	uint32_t dashes[NORM_MAX_DASHES]; /* ... the spaced dashes replaced */
	size_t ndashes;
	uint32_t apostrophe;
	int single_quotes;		/* straight ' may be a quotation mark */
	struct habar__norm_pair to_cyrl[NORM_MAX_PAIRS];
	size_t nto_cyrl;
	struct habar__norm_pair to_latn[NORM_MAX_PAIRS];
	size_t nto_latn;
};

/*
 * Loads the data files of lang into *data.  Returns HABAR_OK,
 * HABAR_ERR_NOTFOUND, HABAR_ERR_INPUT (err says file:line: what),
 * HABAR_ERR_NOMEM or HABAR_ERR_IO.
 */
enum habar_status habar__norm_data_load(struct habar__norm_data *data,
    const char *lang, char *err, size_t errlen);

/* Looks c up in a sorted table; returns the replacement or 0. */
uint32_t habar__norm_pair_find(const struct habar__norm_pair *pairs,
    size_t n, uint32_t c);

/* What the stream code (norm_stream.c) needs of the handle. */
void habar__norm_set_error(struct habar_norm *norm, unsigned long line,
    const char *message);
void habar__norm_clear_lang(struct habar_norm *norm);
unsigned habar__norm_rules(const struct habar_norm *norm);
void habar__norm_count_eol(struct habar_norm *norm);

/* Encodes c as UTF-8 into buf (4 bytes room); returns the length. */
size_t habar__norm_utf8_put(char *buf, uint32_t c);

#endif
