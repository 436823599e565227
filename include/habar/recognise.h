/*
 * recognise.h: the things in a sentence that must survive translation
 * unchanged in value though not in spelling — numbers, dates, times,
 * amounts of money, URLs, e-mail addresses, telephone numbers, hashtags,
 * @handles and capitalised names — found in a segment of Kazakh, Russian
 * or English with their byte spans and a value normalised so that the
 * values of two languages compare: «2005 жылғы 24–25 қарашада» and
 * "24–25 November 2005" are the same date, «1,5 млн» and "1.5 million"
 * the same number, Омаровтың and Omarov's the same name.
 *
 * habar-qa compares the values of the language versions of a segment;
 * translation memory adapts a match by recognising the values of an old
 * and a new source and rewriting the old target's values as the target
 * language writes them (habar_recognise_render(), which keeps the
 * grammatical form the old target used: «2026 жылғы 25 қарашада»,
 * «25 ноября 2026 года»).
 *
 * Every word the recognisers know (month names and their case forms,
 * weekdays, scale words, currency words, percent words, small spelled
 * numbers, the words that mark a year or a time) is data, read from
 * locales/<lang>/: months, weekdays, number-words, currency-words,
 * date-words, measure-words, number-format and plural-words.
 */
#ifndef HABAR_RECOGNISE_H
#define HABAR_RECOGNISE_H

#include <stddef.h>

#include <habar/status.h>

/* The kinds of value; their numbers never change. */
enum habar_value_kind {
	HABAR_VALUE_NUMBER = 1,	/* a quantity, a range, a percentage */
	HABAR_VALUE_DATE = 2,	/* a calendar date, or part of one */
	HABAR_VALUE_TIME = 3,	/* a time of day */
	HABAR_VALUE_MONEY = 4,	/* an amount and its currency */
	HABAR_VALUE_URL = 5,
	HABAR_VALUE_EMAIL = 6,
	HABAR_VALUE_PHONE = 7,
	HABAR_VALUE_HASHTAG = 8,
	HABAR_VALUE_HANDLE = 9,	/* @name */
	HABAR_VALUE_NAME = 10	/* a capitalised word or run of words */
};

/* Bits of habar_recognise()'s kinds argument: which kinds to look for. */
#define HABAR_RECOGNISE_KIND(k) (1u << (k))
#define HABAR_RECOGNISE_ALL 0xFFFFu

/* Bits of struct habar_value's flags. */
#define HABAR_VALUE_RANGE 0x01u	/* number..number_to, day..day_to */
#define HABAR_VALUE_PERCENT 0x02u	/* 5%, 5 пайыз, 5 процентов */
#define HABAR_VALUE_ORDINAL 0x04u	/* 1st, 1-й, 1-ші */
#define HABAR_VALUE_SPELLED 0x08u	/* a number written as a word: "three" */
#define HABAR_VALUE_SCALED 0x10u	/* with a scale word: 1,5 млн */
#define HABAR_VALUE_INITIAL 0x20u	/* NAME: the first word of the segment */
#define HABAR_VALUE_IMPERIAL 0x40u	/* NUMBER: in miles, inches, degrees F */
#define HABAR_VALUE_METRIC 0x80u	/* NUMBER: in kilometres, centimetres */
/* NUMBER: two whole figures joined by a dash or a colon that are no range
 * (a score or a ratio: 1 - 0, 2-1, 3:5), number and number_to. */
#define HABAR_VALUE_SCORE 0x100u
/* TIME: on the 12-hour clock, with am or pm or a word for the part of
 * the day (2pm, «2 часа дня», «түскі 2»); hour is still 0-23. */
#define HABAR_VALUE_DAYPART 0x200u

/* The longest normalised text (key) kept for a value, NUL included. */
#define HABAR_VALUE_KEY_MAX 128

/*
 * One recognised value.  start and end are its byte span in the segment;
 * the fields that apply to its kind hold the value, the others are 0.
 *
 * NUMBER: number (and number_to for a range, else equal to number), with
 *   a scale word multiplied in; flags say percent, ordinal, spelled,
 *   scaled.  scale is the multiplier of the scale word (1 without one).
 * DATE: year, month (1-12), day (and day_to for a range, else equal to
 *   day); 0 where the text leaves it out ("November 2005" has no day);
 *   weekday 1-7 (Monday first) when one is named, else 0.  month_form is
 *   the column (1-based) of the month name in locales/<lang>/months, 0
 *   when the month is a number or absent; the sub-spans locate the day,
 *   month and year (start == end when absent) for adaptation.
 * TIME: hour, minute.
 * MONEY: number as for NUMBER, currency the ISO 4217 code ("KZT").
 * NUMBER, MONEY, TIME: number_start and number_end span the figures
 *   alone (1,5 in «1,5 млн долларов»; 10:00), for adaptation.
 * URL, EMAIL, HASHTAG, HANDLE: key is the text, case folded, a URL
 *   without its scheme and trailing slash or punctuation.
 * PHONE: key is its digits only.
 * NAME: key is a spelling skeleton that two scripts and case endings
 *   share (see habar_value_name_match()); text spans the name as written.
 */
struct habar_value {
	enum habar_value_kind kind;
	unsigned flags;
	size_t start, end;
	double number, number_to, scale;
	int year, month, day, day_to, weekday, month_form;
	int hour, minute;
	char currency[4];
	size_t day_start, day_end, month_start, month_end, year_start, year_end;
	size_t number_start, number_end;
	char key[HABAR_VALUE_KEY_MAX];
	/* NUMBER with a unit of measure (or MONEY whose currency word is
	 * also one: "550 pound"): what the unit measures (the first
	 * three letters of its quantity in measure-words: "len", "mas",
	 * "tem"...; "" without) and how many of the quantity's SI unit it
	 * is (0 without). */
	char quantity[4];
	double unit;
};

struct habar_recogniser;
struct habar_values;

/*
 * Loads the data of the languages kk, ru and en (any other tag falls
 * back to root, which knows only digits, URLs and the like).  Returns
 * HABAR_OK, HABAR_ERR_NOTFOUND (a data file is missing), HABAR_ERR_INPUT
 * (a data file is malformed), HABAR_ERR_LIBRARY (ICU), HABAR_ERR_NOMEM.
 * On failure *rec_out is NULL and msg (when not NULL) says what failed,
 * naming the data file and its line ("locales/kk/months:3: ...").
 */
enum habar_status habar_recognise_new(struct habar_recogniser **rec_out,
    char *msg, size_t msg_size);

/* Frees the recogniser; NULL is harmless. */
void habar_recognise_free(struct habar_recogniser *rec);

/* A list of values, reused from segment to segment. */
enum habar_status habar_values_new(struct habar_values **values_out);
void habar_values_free(struct habar_values *values);
size_t habar_values_count(const struct habar_values *values);
const struct habar_value *habar_values_get(const struct habar_values *values,
    size_t i);

/*
 * Finds the values of the kinds selected by the bits of kinds
 * (HABAR_RECOGNISE_KIND(HABAR_VALUE_DATE) | ..., or HABAR_RECOGNISE_ALL)
 * in the len bytes of UTF-8 text written in the language lang ("kk",
 * "kk-Latn", "ru", "en"), replacing what values held.  Values come in
 * text order and never overlap: a date's day and year are not also
 * numbers, a sum's amount not also a number.  Ill-formed UTF-8 is
 * skipped, never read past len.  The recogniser is not changed, so one
 * may serve several threads.  Returns HABAR_OK, HABAR_ERR_LIMIT (more
 * than 4096 values in one segment; those found are kept),
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar_recognise(const struct habar_recogniser *rec,
    struct habar_values *values, const char *lang, const char *text,
    size_t len, unsigned kinds);

/*
 * Whether a and b, recognised in two languages, have the same value: the
 * same kind and the same number (to one part in a million), date fields,
 * time, currency or key.  NAME values compare with
 * habar_value_name_match().  Flags that are only a matter of spelling
 * (spelled, scaled) do not count; percent and ordinal do.
 */
int habar_value_equal(const struct habar_value *a,
    const struct habar_value *b);

/*
 * Compares two NAME values.  Returns 2 when their skeletons are equal,
 * or one is the other with a case ending (Омаровтың, Omarov's), 1 when
 * they differ by a swap, a dropped or a changed inner letter (a
 * misspelling of the same name), 0 when they are different names.
 */
int habar_value_name_match(const struct habar_value *a,
    const struct habar_value *b);

/*
 * Writes the value v as the language lang writes it into out (size
 * bytes, NUL-terminated), storing its length in *len_out.  like, when not
 * NULL, is a value of the same kind recognised in text of language lang,
 * whose form is kept: the case form of its month name (month_form), its
 * year word (жылғы, года), its scale word and percent word, whether its
 * day or year is written at all.  Without like, the language's plain
 * form is used ("25 November 2026", «25 ноября 2026 года», «2026 жылғы
 * 25 қараша»).  like_text is the segment like was found in (its words
 * are copied from there), NULL when like is NULL.
 *
 * Kinds written: NUMBER, DATE, TIME, MONEY.  URLs, e-mail addresses,
 * telephone numbers, hashtags, handles and names are the same in every
 * language: the caller copies the new source's text for them.  Returns
 * HABAR_OK, HABAR_ERR_LIMIT (out too small; out holds "") or
 * HABAR_ERR_ARGUMENT (a kind it cannot write, like of another kind, a
 * date whose day, month or year like writes and v lacks or the other way
 * round, a date without like that lacks a part of the language's plain
 * form, a number whose noun inside like («72 процента») has no form for
 * v's number in the language's plural-words; see
 * habar_recognise_agree()).  A range or a score keeps like's mark
 * between its figures («1 – 0», 2:1).
 */
enum habar_status habar_recognise_render(const struct habar_recogniser *rec,
    char *out, size_t size, size_t *len_out, const char *lang,
    const struct habar_value *v, const struct habar_value *like,
    const char *like_text);

/* A word to rewrite so that it agrees with a new number. */
struct habar_agreement {
	size_t start, end;	/* its bytes in the text; equal: nothing to do */
	char text[64];		/* its new form, NUL-terminated */
	size_t len;
};

/*
 * Finds the noun right after the figures of like (a NUMBER or MONEY
 * value recognised in like_text, like_len bytes of language lang) whose
 * form follows the number, and says how it is written after v's number
 * instead: «дня» of «2 дня» becomes «дней» for 5, «процента» of «72
 * процента» «процентов» for 77.  The forms come from
 * locales/<lang>/plural-words by ICU's plural category of each number;
 * a language without that file (Kazakh nouns do not change after a
 * number) needs nothing.  Returns HABAR_OK with *out the word's span and
 * new form, or an empty span when nothing must change (the same category,
 * no word, a word that never changes, an ordinal or a score), and
 * HABAR_ERR_ARGUMENT when the word after the figures needs another form
 * that the file does not give (an unknown noun, or one in an oblique case
 * such as «по 74 школам»): the caller should not write v there.
 */
enum habar_status habar_recognise_agree(const struct habar_recogniser *rec,
    struct habar_agreement *out, const char *lang,
    const struct habar_value *v, const struct habar_value *like,
    const char *like_text, size_t like_len);

/*
 * Whether word[0..len) (one word) is written with capitals: 0 not,
 * 1 capitalised (Омаров), 2 all capitals of two letters or more (ЮНФПА).
 */
int habar_recognise_capitals(const struct habar_recogniser *rec,
    const char *word, size_t len);

/*
 * A set of the names of other language versions, so that a spelling
 * checker can take a capitalised word for a name when another version
 * confirms it (Рашед Сарвар in every case form against Rashed Sarwar).
 */
struct habar_names;

/* Creates an empty set that uses rec (borrowed: it must outlive the
 * set).  Returns HABAR_OK or HABAR_ERR_NOMEM. */
enum habar_status habar_names_new(struct habar_names **names_out,
    const struct habar_recogniser *rec);

/* Frees the set; NULL is harmless. */
void habar_names_free(struct habar_names *names);

/*
 * Adds the capitalised words of text[0..len) (any language) to the set.
 * Returns HABAR_OK, HABAR_ERR_LIMIT (over a million names),
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar_names_add(struct habar_names *names,
    const char *text, size_t len);

/*
 * Whether the capitalised word word[0..len) is a name of the set, through
 * transliteration and case endings (habar_value_name_match() says 2).
 * 0 for a word not capitalised.
 */
int habar_names_confirm(struct habar_names *names, const char *word,
    size_t len);

/* The name of a kind ("number", "date", ...), never NULL. */
const char *habar_value_kind_name(enum habar_value_kind kind);

#endif
