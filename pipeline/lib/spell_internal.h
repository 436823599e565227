/*
 * spell_internal.h: what the spell-checker's files share inside libhabar.
 *
 * spell_hunspell.c is the only file that sees Hunspell, spell_icu.c the
 * only one that sees ICU (character properties, legacy encodings);
 * spell.c holds the checker's logic, spell_morph.c the suffix and variant
 * rules, spell_pool.c the threads.
 */
#ifndef HABAR_SPELL_INTERNAL_H
#define HABAR_SPELL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <habar/spell.h>

/* The longest word the checker looks at, in bytes; longer ones are
 * reported unknown without a dictionary look-up. */
#define HABAR__SPELL_WORD_MAX 256

/* --- spell.c ---------------------------------------------------------- */

/*
 * Whether word[0..len) is a suffix of the text's language that may stand
 * after a hyphen ("»-дан", "%-ға"), for a word the tokeniser found just
 * after a hyphen that follows a quote, a bracket or a number.
 */
int habar__spell_is_suffix(struct habar_spell *spell, const char *word,
    size_t len);

/*
 * Loads ahead what a checker of a long text will need besides its main
 * dictionary (English for the Latin words of Russian or Kazakh text; the
 * Russian lemmas for Kazakh text), so that a pool's background thread
 * pays for it instead of the first batch it checks.  A dictionary that
 * fails to load fails again, with the same status, where it is needed.
 */
void habar__spell_prepare(struct habar_spell *spell);

/*
 * Starts loading, on another thread, the English dictionary a Russian or
 * Kazakh checker needs for Latin words, so that a long text's first
 * batch is checked meanwhile; does nothing for English text or when the
 * dictionary is open.  The checker stays usable: whatever needs English
 * waits for the thread (see habar__spell_waits()).
 */
void habar__spell_load_ahead(struct habar_spell *spell);

/*
 * Whether checking word[0..len) would now wait for a dictionary still
 * loading ahead (a word with Latin letters while English loads): a
 * caller with other words to check may check this one later.
 */
int habar__spell_waits(const struct habar_spell *spell, const char *word,
    size_t len);

/* Waits for every thread loading ahead for the checker. */
void habar__spell_settle(struct habar_spell *spell);

/*
 * Replaces dst's verdict cache by a copy of src's; both checkers must
 * have the same language and options (a pool's), and neither may be in
 * use on another thread meanwhile.
 */
void habar__spell_copy_cache(struct habar_spell *dst,
    const struct habar_spell *src);

/* --- spell_hunspell.c: one Hunspell dictionary --------------------- */

struct habar__dict;

/*
 * Opens the Hunspell dictionary code ("en_US") from the first directory
 * of $DICPATH, /usr/share/hunspell or /usr/share/myspell/dicts holding
 * code.aff and code.dic.  Returns HABAR_OK, HABAR_ERR_NOTFOUND,
 * HABAR_ERR_LIBRARY or HABAR_ERR_NOMEM; a message goes to err.
 */
enum habar_status habar__dict_open(struct habar__dict **dict_out,
    const char *code, char *err, size_t err_len);

/* Closes the dictionary; NULL is harmless. */
void habar__dict_free(struct habar__dict *dict);

/*
 * Whether the dictionary's .aff declares KEEPCASE (words that Hunspell
 * accepts only as written); without it, Hunspell accepts the capitalised
 * form of every word it knows.
 */
int habar__dict_keeps_case(const struct habar__dict *dict);

/* Whether the UTF-8 word (NUL-terminated) is known: 1 yes, 0 no.  The
 * verdicts on short words are remembered (8192 of them) until a word is
 * added. */
int habar__dict_check(struct habar__dict *dict, const char *word);

/*
 * How Hunspell makes the UTF-8 word, which it knows: writes to affixes
 * (cap bytes, NUL-terminated, cut short when full) the flags of the
 * affixes that make it of an entry of the dictionary, and returns 1 when
 * it is moreover an entry itself (or a word added to the dictionary, or
 * one Hunspell knows but does not analyse), 0 when it is only such a
 * form.
 */
int habar__dict_analyze(struct habar__dict *dict, const char *word,
    char *affixes, size_t cap);

/* The Hunspell dictionary habar-spell uses for language lang ("ru" ->
 * "ru_RU"), or NULL. */
const char *habar__spell_dict_code(const char *lang);

/*
 * Writes into out (size bytes, UTF-8) the first stem Hunspell gives of
 * the UTF-8 word (a form's dictionary entry: "forums" -> "forum");
 * returns 1, or 0 when it gives none.
 */
int habar__dict_stem(struct habar__dict *dict, const char *word, char *out,
    size_t size);

/*
 * Adds the UTF-8 word for this run, inflected like model when model is
 * not NULL (Hunspell_add_with_affix).  Returns HABAR_OK or
 * HABAR_ERR_NOMEM; a word the dictionary's encoding cannot hold is
 * silently left out.
 */
enum habar_status habar__dict_add(struct habar__dict *dict, const char *word,
    const char *model);

/*
 * Stores up to max suggestions for word in a new array (see
 * habar_spell_suggest()).
 */
enum habar_status habar__dict_suggest(struct habar__dict *dict, char ***list,
    size_t *count, const char *word, size_t max);

/*
 * The text of the Hunspell dictionary code's .dic file: a first line (the
 * count), then a line a word as listed, without its affixes (the stems
 * and lemmas), the word ending at "/", white space or the line's end; in
 * UTF-8 (a legacy encoding is converted).  words->text is read-only;
 * free it with habar__dict_words_free().  Returns HABAR_OK,
 * HABAR_ERR_NOTFOUND, HABAR_ERR_IO, HABAR_ERR_INPUT (empty, or over
 * 64 MiB), HABAR_ERR_NOMEM.
 */
struct habar__words {
	const char *text;
	size_t len;
	int mapped;		/* text is a mapping of the file */
};

enum habar_status habar__dict_words(const char *code,
    struct habar__words *words, char *err, size_t err_len);

/* Frees what habar__dict_words() made; harmless on zeroed words. */
void habar__dict_words_free(struct habar__words *words);

/* --- spell_icu.c: characters and encodings ------------------------- */

/* The script classes the checker tells apart. */
enum habar__script {
	HABAR__SCRIPT_NONE = 0,	/* not a letter */
	HABAR__SCRIPT_LATIN = 1,
	HABAR__SCRIPT_CYRILLIC = 2,
	HABAR__SCRIPT_OTHER = 3	/* a letter of another script */
};

/*
 * The character functions below answer ASCII and the Cyrillic blocks
 * (nearly every character of the project's text) inline, and ask
 * spell_icu.c (the *_icu functions, which answer for every code point)
 * about the rest: they run for each character of each word.
 */
enum habar__script habar__spell_script_icu(uint32_t c);
int habar__spell_is_letter_icu(uint32_t c);
int habar__spell_is_mark_icu(uint32_t c);
int habar__spell_is_digit_icu(uint32_t c);
int habar__spell_is_upper_icu(uint32_t c);
uint32_t habar__spell_lower_icu(uint32_t c);
uint32_t habar__spell_next_cp_icu(const char *s, size_t len, size_t *i);

/* Whether c lies in the Cyrillic blocks U+0400..U+052F. */
static inline int
habar__spell_cyrillic_block(uint32_t c)
{
	return c >= 0x0400 && c <= 0x052F;
}

/* The script class of code point c. */
static inline enum habar__script
habar__spell_script(uint32_t c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return HABAR__SCRIPT_LATIN;
	if (c < 0x80)
		return HABAR__SCRIPT_NONE;
	if (habar__spell_cyrillic_block(c))
		return c < 0x0482 || c > 0x0489 ? HABAR__SCRIPT_CYRILLIC :
		    HABAR__SCRIPT_NONE;
	return habar__spell_script_icu(c);
}

/* Whether c is a letter, a combining mark, a decimal digit. */
static inline int
habar__spell_is_letter(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (habar__spell_cyrillic_block(c))
		return c < 0x0482 || c > 0x0489;
	return habar__spell_is_letter_icu(c);
}

static inline int
habar__spell_is_mark(uint32_t c)
{
	if (c < 0x300)
		return 0;
	if (habar__spell_cyrillic_block(c))
		return c >= 0x0483 && c <= 0x0489;
	return habar__spell_is_mark_icu(c);
}

static inline int
habar__spell_is_digit(uint32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	if (habar__spell_cyrillic_block(c))
		return 0;
	return habar__spell_is_digit_icu(c);
}

/* Whether c is an upper-case or title-case letter; its lower case. */
static inline int
habar__spell_is_upper(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	/* А..Я, Ѐ..Џ; the paired letters of the other Cyrillic blocks have
	 * their upper case at even code points (Ә ә, Қ қ, Ү ү, ...). */
	if (c >= 0x0400 && c <= 0x042F)
		return 1;
	if (c >= 0x0430 && c <= 0x045F)
		return 0;
	if ((c >= 0x0460 && c <= 0x0481) || (c >= 0x048A && c <= 0x04BF) ||
	    (c >= 0x04D0 && c <= 0x052F))
		return (c & 1) == 0;
	return habar__spell_is_upper_icu(c);
}

static inline uint32_t
habar__spell_lower(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') ? c + 32 : c;
	if (c >= 0x0410 && c <= 0x042F)
		return c + 0x20;
	if (c >= 0x0400 && c <= 0x040F)
		return c + 0x50;
	if (c >= 0x0430 && c <= 0x045F)
		return c;
	if ((c >= 0x0460 && c <= 0x0481) || (c >= 0x048A && c <= 0x04BF) ||
	    (c >= 0x04D0 && c <= 0x052F))
		return c | 1;
	return habar__spell_lower_icu(c);
}

/*
 * Decodes the code point at s[*i] (s has len bytes), advancing *i by at
 * least one byte; an invalid sequence yields U+FFFD.
 */
static inline uint32_t
habar__spell_next_cp(const char *s, size_t len, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s + *i;

	if (u[0] < 0x80) {
		*i += 1;
		return u[0];
	}
	/* Two bytes (Cyrillic among others): a lead byte C2..DF and a
	 * continuation byte. */
	if (u[0] >= 0xC2 && u[0] <= 0xDF && *i + 1 < len &&
	    (u[1] & 0xC0) == 0x80) {
		*i += 2;
		return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
	}
	return habar__spell_next_cp_icu(s, len, i);
}

/*
 * Appends the UTF-8 encoding of c to out[*n], which holds cap bytes; returns
 * 0 when it does not fit (nothing is written).
 */
int habar__spell_put_cp(char *out, size_t cap, size_t *n, uint32_t c);

/*
 * Converts the NUL-terminated string in between UTF-8 and the encoding
 * named enc (to_legacy: from UTF-8 to enc), into out (cap bytes, NUL
 * added).  Returns 0 on success, -1 when a character cannot be converted
 * or the result does not fit.
 */
int habar__spell_recode(const char *enc, int to_legacy, const char *in,
    char *out, size_t cap);

/* --- spell_morph.c: suffix chains and spelling variants -------------- */

struct habar__morph;

/*
 * Reads the rules of language lang from locales/<lang>/spell-suffixes and
 * locales/<lang>/spell-variants (either may be missing).  Returns
 * HABAR_OK, HABAR_ERR_INPUT for a malformed line (described in err),
 * HABAR_ERR_IO, HABAR_ERR_NOMEM.
 */
enum habar_status habar__morph_load(struct habar__morph **morph_out,
    const char *lang, char *err, size_t err_len);

void habar__morph_free(struct habar__morph *morph);

/* The most flags of Hunspell affixes a stem's answer holds. */
#define HABAR__AFFIXES_MAX 8

/*
 * Tells whether a candidate form (UTF-8, NUL-terminated) is a word;
 * is_stem is 0 for a whole word (a spelling variant), 1 for a stem, 2 for
 * a verb's stem asked for as its verbal noun.  Returns 0 when it is not,
 * 1 when it is an entry of the dictionary, 2 when it is only a form the
 * dictionary's affixes make of one, 3 when it is a word of the project's
 * or the user's lists (curated words, which a stem too short to trust in
 * the dictionary may be); for a stem, affixes (HABAR__AFFIXES_MAX bytes)
 * gets the flags of those affixes, NUL-terminated (see
 * habar__dict_analyze()).
 */
typedef int habar__morph_known_fn(const char *word, int is_stem,
    char *affixes, void *arg);

/*
 * Whether the UTF-8 word (NUL-terminated) is a known word by the rules:
 * a spelling variant of a word known(), or a stem known() followed by a
 * chain of suffixes that agree with it (vowel harmony, the assimilation
 * of the suffix's first consonant).  Returns 1 or 0.
 */
int habar__morph_accepts(const struct habar__morph *morph, const char *word,
    habar__morph_known_fn *known, void *arg);

/*
 * Whether the UTF-8 string (NUL-terminated) is one of the language's
 * suffixes that may follow a hyphen after an acronym or a number
 * ("УПМ-ге", "2018-ден"), or, when chain is set, such a suffix followed
 * by more ("3-іншіден").
 */
int habar__morph_is_suffix(const struct habar__morph *morph, const char *s,
    int chain);

#endif
