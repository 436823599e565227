/*
 * recognise_internal.h: what the files of the recogniser share
 * (recognise.c finds values in tokens, recognise_load.c reads the
 * language data, recognise_icu.c cuts text into tokens and builds name
 * skeletons with ICU, recognise_render.c writes values back).
 */
#ifndef HABAR_RECOGNISE_INTERNAL_H
#define HABAR_RECOGNISE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <habar/recognise.h>

/* The longest word kept case folded, in bytes; longer words match nothing. */
#define REC_WORD_MAX 64
/* The most forms a month or weekday line may hold. */
#define REC_FORMS 12
/* The most tokens and values in one segment. */
#define REC_MAX_TOKENS 16384
#define REC_MAX_VALUES 4096

enum rec_word_kind {
	RW_MONTH = 1, RW_WEEKDAY, RW_NUMBER, RW_SCALE, RW_PERCENT, RW_ORDINAL,
	RW_CURRENCY, RW_YEAR, RW_HOUR, RW_AM, RW_PM, RW_IMPERIAL, RW_METRIC,
	RW_GENITIVE, RW_CLOCK, RW_PART
};

struct rec_word {
	char text[REC_WORD_MAX];	/* case folded */
	unsigned char kind;		/* enum rec_word_kind */
	unsigned char stem;		/* matches longer words beginning so */
	unsigned char abbrev;		/* a month form that shortens the first */
	unsigned char form;		/* 1-based column of a month or weekday */
	int value;			/* month, weekday (1-based); RW_PART:
					 * its first hour (0-23) */
	double number;			/* RW_NUMBER, RW_SCALE; a unit's
					 * factor to its SI unit; RW_PART:
					 * its last hour */
	char code[4];			/* RW_CURRENCY; a unit's quantity */
};

/* The plural categories of ICU, in the order of a plural-words row. */
enum rec_plural { RP_ZERO, RP_ONE, RP_TWO, RP_FEW, RP_MANY, RP_OTHER,
	RP_COUNT };

/* One word of plural-words: its form for each plural category ("" where
 * the file gives none); all forms equal for a word that never changes. */
struct rec_plural_word {
	char forms[RP_COUNT][REC_WORD_MAX];	/* case folded */
};

/* One line of number-sounds: a number's last word and its class. */
struct rec_sound {
	double value;			/* 0-9, tens, 100, 1000, 10^6, 10^9 */
	char cls[24];			/* "front-voiceless" */
};

struct rec_lang {
	char tag[8];
	struct rec_word *words;		/* sorted by text */
	size_t count, size;
	/* first2[k]: the first word whose first two bytes are k or more
	 * (k = byte0 << 8 | byte1, 0 after a one-byte word), 65537
	 * entries: a lookup searches the words of its first letter only. */
	uint32_t *first2;
	char decimal[8];		/* ASCII decimal separators */
	char group[8];			/* ASCII group separators, ' ' for space */
	/* Month names by column, as in the months file, for rendering. */
	char months[12][REC_FORMS][REC_WORD_MAX];
	char date_format[64];		/* date-words: a plain date */
	/* plural-words: the words whose form follows a number (none: the
	 * language's words do not agree with numbers, or it is not known
	 * how, and nothing is checked). */
	struct rec_plural_word *plurals;
	size_t plural_count, plural_size;
	unsigned char plural_has[RP_COUNT];	/* the file's columns */
	/* plural-words "genitive": for each category, the category whose
	 * form a noun takes after such a number in the genitive, -1 where
	 * the file does not say (then no genitive is told apart). */
	signed char genitive[RP_COUNT];
	/* number-sounds: the class of a number's last word, which a
	 * suffix after its figures follows (none: nothing is checked). */
	struct rec_sound *sounds;
	size_t sound_count, sound_size;
};

/* One symbol string of the name skeleton, by code point or digraph. */
struct rec_letter {
	char from[12];			/* case-folded UTF-8, one or more letters */
	char to[4];			/* "" drops the letter */
};

#define REC_LANGS 4			/* root, en, ru, kk */

#define FOLD_FAST 0x800u		/* the code points of one or two bytes */
#define FOLD_PUNCT 0x2000u		/* General Punctuation */
#define FOLD_PUNCT_COUNT 0x70u
#define FOLD_ICU 0xFFFFFFFFu

struct habar_recogniser {
	struct rec_lang langs[REC_LANGS];
	struct rec_letter *letters;	/* by first byte, longer spellings first */
	size_t letter_count, digraphs;
	uint16_t letter_at[257];	/* letters starting with byte b:
					   [letter_at[b], letter_at[b + 1]) */
	void *fold;			/* ICU's UCaseMap */
	/* Each code point below FOLD_FAST and of General Punctuation
	 * folded, as ICU folds it alone, or FOLD_ICU where its folding is
	 * no single code point (ß, ss): see habar__recognise_fold(). */
	uint32_t fold_fast[FOLD_FAST + FOLD_PUNCT_COUNT];
	char error[256];
};

enum rec_token_kind { TK_NUM = 1, TK_WORD, TK_PUNCT };

struct rec_token {
	unsigned char kind;
	unsigned char upper;		/* TK_WORD: 1 capitalised, 2 all capitals */
	unsigned char gap;		/* before it: 0 nothing, 1 one space, 2 more */
	unsigned char used;		/* taken by a value */
	uint32_t cp;			/* TK_PUNCT: its code point */
	int digits;			/* TK_NUM: how many */
	int letters;			/* TK_WORD: how many code points */
	size_t start, end;
	/* The language's words that match, looked up once (see
	 * habar__recognise_lookup()). */
	unsigned char looked;		/* 1: exact range set, 2: stems set */
	unsigned char nstems;
	uint32_t exact_first, exact_count;	/* words equal to fold */
	uint32_t stems[4];		/* stem words fold starts with */
	char fold[REC_WORD_MAX];	/* TK_WORD and TK_PUNCT, case folded */
};

struct habar_values {
	struct habar_value *v;
	size_t count, size;
	struct rec_token *tokens;
	size_t token_size;
};

/* Opens and closes the ICU case map kept in rec->fold. */
int habar__recognise_fold_open(struct habar_recogniser *rec);
void habar__recognise_fold_close(struct habar_recogniser *rec);

/*
 * Case folds the len bytes at in into out (size bytes, NUL-terminated);
 * returns the folded length, or 0 (out "") when it does not fit.
 */
size_t habar__recognise_fold(const struct habar_recogniser *rec,
    const char *in, size_t len, char *out, size_t size);

/*
 * Cuts text[0..len) into tokens, skipping white space and the byte spans
 * skip[0..nskip) (pairs of start, end), into tokens[0..max); returns how
 * many.  Ill-formed UTF-8 counts as punctuation, one byte at a time.
 */
size_t habar__recognise_tokens(const struct habar_recogniser *rec,
    const char *text, size_t len, const size_t *skip, size_t nskip,
    struct rec_token *tokens, size_t max);

/*
 * Writes the name skeleton of the word text[0..len) into key (size
 * bytes, NUL-terminated); see locales/root/name-letters.
 */
void habar__recognise_skeleton(const struct habar_recogniser *rec,
    const char *text, size_t len, char *key, size_t size);

/*
 * Writes the first letter of word[0..len) in capitals and the rest as it
 * stands into out (size bytes); returns its length, 0 when it does not
 * fit.
 */
size_t habar__recognise_capitalise(const char *word, size_t len, char *out,
    size_t size);

/*
 * The plural category (enum rec_plural) that the language tag gives the
 * number n (ICU's plural rules: Russian 1, 21 one; 2-4 few; 5-20 many;
 * 1,5 other), RP_OTHER when ICU knows no rules for it.
 */
int habar__recognise_plural(const char *tag, double n);

/* Loads the data of every language into rec.  Status as
 * habar_recognise_new(). */
enum habar_status habar__recognise_load(struct habar_recogniser *rec);

/* The language data for a BCP 47 tag (kk, kk-Latn, ru, en; else root). */
const struct rec_lang *habar__recognise_lang(
    const struct habar_recogniser *rec, const char *tag);

/*
 * Finds the word of kind in lang: text[0..len) case folded, exactly, or
 * (when stems is set) beginning with a stem word of at least three
 * letters.  Returns it or NULL.
 */
const struct rec_word *habar__recognise_word(const struct rec_lang *lang,
    const char *folded, size_t len, int kind, int stems);

/*
 * The hour (0-23) that hour h of the 12-hour clock (1-12) is in the part
 * of the day part (an RW_PART word: «дня» 12-17, so 2 is 14), or -1 when
 * neither reading of h falls in it, or both do.
 */
int habar__recognise_part_hour(const struct rec_word *part, long h);

/*
 * Fills the lookup fields of token t from lang's words, once: the range
 * of words equal to its folded text, and (when stems is set) the stem
 * words it begins with.
 */
void habar__recognise_lookup(const struct rec_lang *lang,
    struct rec_token *t, int stems);

#endif
