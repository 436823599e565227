/*
 * qa_internal.h: what the files of the checker share (qa.c runs the
 * checks over the segments of a unit, each check in its own file:
 * qa_numbers.c, qa_keys.c, qa_names.c, qa_quotes.c, qa_text.c and
 * qa_terms.c, on the language data of qa_forms.c; qa_xml.c streams TMX
 * and XLIFF into units, qa_parallel.c turns a parallel document into
 * units, qa_html.c writes the HTML report).
 */
#ifndef HABAR_QA_INTERNAL_H
#define HABAR_QA_INTERNAL_H

#include <stdint.h>

#include <habar/qa.h>
#include <habar/recognise.h>

struct habar__morph;
struct habar__align_icu;
struct habar__dict;
struct habar__stemmer;

/* The most entries of a glossary. */
#define QA_MAX_TERMS 100000

/* The most segments of one unit that are compared. */
#define QA_MAX_SEGS 16
/* Letters (Latin and Cyrillic) whose kind in a name's skeleton is kept. */
#define QA_LETTERS 0x500
#define QA_VOWEL 1
#define QA_CONSONANT 2
#define QA_POINTS 128		/* words whose code points are kept */
#define QA_POINTS_TEXT 48	/* the longest word kept, in bytes */
#define QA_POINTS_CP 64		/* code points kept a word */
#define QA_SILENT 3		/* a letter the skeleton drops: h, ь */

/* One number a value contributes to the comparison of figures. */
struct qa_atom {
	double v;
	size_t start, end;
	int spelled, matched, hour;
	int code;		/* written on to letters: SS19 */
	int decade;		/* an ordinal ten to ninety: the 30-е (годы) */
	int misconverted;	/* "550 фунт (49 кг)": beside a figure it
				 * does not convert */
	int by_word;		/* matched with a number word of the other
				 * side */
	int minute;		/* a time's minutes as written (:00) */
	int score;		/* the second figure of a score (2:0) */
	unsigned system;	/* HABAR_VALUE_IMPERIAL or _METRIC, or 0 */
	const char *quantity;	/* of its unit of measure, "" without */
	double unit;		/* the unit's factor to its SI unit */
};

/* The most figures of a segment compared. */
#define QA_MAX_ATOMS 512

/* One glossary entry: a term per language column, case folded. */
struct qa_term {
	char *terms[QA_MAX_SEGS];
};

/* The running length ratio of one pair of languages. */
struct qa_ratio {
	char a[16], b[16];
	double sum_a, sum_b;
	unsigned long n;
};

/* What the quotes check saw of one version of a unit. */
struct qa_quote_state {
	size_t depth;		/* quotation marks left open */
	size_t ends;		/* closing marks of a quotation begun before */
	size_t at;		/* the innermost mark left open */
	size_t marks;		/* quotation marks */
	int reported;		/* the version was reported for it */
};

/* A unit kept back until the next one of its document is read
 * (qa_hold.c): its texts, findings and quotes. */
struct qa_held {
	int on;
	char id[256];
	size_t count;
	struct habar_qa_segment segs[QA_MAX_SEGS];
	char lang[QA_MAX_SEGS][32];
	char *text[QA_MAX_SEGS];
	size_t size[QA_MAX_SEGS];
	struct qa_quote_state quotes[QA_MAX_SEGS];
	struct habar_qa_finding *findings;
	size_t finding_count, finding_size;
};

struct habar_qa {
	struct habar_recogniser *rec;
	/* Each letter below QA_LETTERS in a name's skeleton (see
	 * locales/root/name-letters): QA_VOWEL, QA_CONSONANT (one symbol
	 * not a vowel), or 0 (none, as h, or two, as x). */
	unsigned char letter_kind[QA_LETTERS];
	/* Each letter below QA_LETTERS in lower-case ASCII letters, from
	 * ICU's transliteration when first asked ("\1": none); see latin()
	 * in qa_names.c. */
	char latin[QA_LETTERS][4];
	struct habar__align_icu *icu;		/* NULL until then */
	int icu_failed;
	struct habar_values *values[QA_MAX_SEGS];
	int on[HABAR_QA_CHECKS];
	struct habar_qa_finding *findings;
	size_t finding_count, finding_size;
	char *langs[QA_MAX_SEGS];		/* glossary columns */
	size_t lang_count;
	struct qa_term *terms;
	size_t term_count, term_size;
	char *folded[QA_MAX_SEGS];		/* a unit's texts, case folded */
	size_t folded_size[QA_MAX_SEGS];
	struct qa_ratio ratios[32];
	size_t ratio_count;
	char *scratch;				/* a text without its names */
	size_t scratch_size;
	struct {
		char lang[16];
		int single;			/* ' quotes too */
	} quote_langs[8];
	size_t quote_lang_count;
	struct {
		char lang[16];
		struct habar__morph *morph;	/* case forms of names */
		struct habar__stemmer *stemmer;	/* their endings */
	} morphs[8];
	size_t morph_count;
	struct {
		char code[16];			/* "ru_RU" */
		struct habar__dict *dict;	/* stems of terms */
	} dicts[8];
	size_t dict_count;
	/* The names of the unit (version, start) that the dictionary
	 * found no swap for, asked once a unit, not once a pair: Hunspell
	 * is the slowest part of the names check. */
	struct {
		size_t seg, start;
		int mode;	/* 1: with a counterpart, 2: by evident_swap(),
				 * 3: a word the dictionary knows */
	} no_swap[64];
	size_t no_swap_count;
	/* Words folded to code points (habar__qa_code_points()), by their
	 * bytes: the names check folds each name once for every name of
	 * the other version it meets, and ICU's folding is dear. */
	struct {
		unsigned char len, n;	/* len 0: empty */
		char text[QA_POINTS_TEXT];
		uint32_t cp[QA_POINTS_CP];
	} points[QA_POINTS];
	struct qa_atom *atoms[3];	/* the figures of a pair, a third's */
	struct qa_quote_state quotes[QA_MAX_SEGS];	/* of the last unit */
	int holding;			/* a reader holds units back */
	struct qa_held held;
	struct habar_qa_stats stats;
	unsigned long error_line;
	char error[256];
};

/*
 * Reads a TBX glossary (qa_glossary_xml.c) into qa's terms, as
 * habar_qa_load_glossary() reads a TSV one.  Returns the same.
 */
enum habar_status habar__qa_load_tbx(struct habar_qa *qa, FILE *fp);

/*
 * Adds a finding to the unit being checked.  Returns it, or NULL when
 * memory ran out (or the unit already has 1,000 findings).
 */
struct habar_qa_finding *habar__qa_add(struct habar_qa *qa,
    enum habar_qa_check check, enum habar_qa_severity severity, size_t a,
    size_t b, size_t seg, size_t start, size_t end);

/*
 * Passes the findings collected for unit to report and counts them;
 * empties the list.  Returns HABAR_OK or HABAR_ERR_IO (report stopped).
 */
enum habar_status habar__qa_flush(struct habar_qa *qa,
    const struct habar_qa_unit *unit, habar_qa_report_fn *report, void *arg);

/*
 * Appends to f's message fmt with the texts a[0..alen) and b[0..blen) for
 * its two %s, each cut to 80 bytes and the message to its size, at a
 * character, never inside one.
 */
void habar__qa_say(struct habar_qa_finding *f, const char *fmt,
    const char *a, size_t alen, const char *b, size_t blen);

/* The code point before text[at], or 0 at the start or on a malformed
 * byte. */
uint32_t habar__qa_before(const char *text, size_t at);

/*
 * The kind of the letter c in a name's skeleton (qa_names.c): QA_VOWEL,
 * QA_CONSONANT or 0, as struct habar_qa's letter_kind keeps it.
 */
unsigned char habar__qa_letter_kind(const struct habar_recogniser *rec,
    uint32_t c);

/*
 * The code points of the word s[0..len), case folded, into cp; returns
 * how many (at most max; fewer when a byte is malformed).
 */
size_t habar__qa_code_points(struct habar_qa *qa, const char *s, size_t len,
    uint32_t *cp, size_t max);

/*
 * The suffix rules of language lang (spell_morph.c), loaded once a
 * language with its endings; NULL when it has none.
 */
const struct habar__morph *habar__qa_morph(struct habar_qa *qa,
    const char *lang);

/* The endings of language lang (lexicon_stem.c), loaded once a language;
 * NULL when it has none. */
const struct habar__stemmer *habar__qa_stemmer(struct habar_qa *qa,
    const char *lang);

/*
 * Whether word[0..n) is stem[0..sn) (both folded) or a form that the
 * suffix rules m make of it; name: both are asked for capitalised, as
 * names (a name's last syllable chooses its harmony), else the stem is
 * trusted as a word of the project's lists.  0 when m is NULL.
 */
int habar__qa_form(const struct habar__morph *m, const uint32_t *word,
    size_t n, const uint32_t *stem, size_t sn, int name);

/* The Hunspell dictionary of language lang, opened once a language;
 * NULL when there is none. */
struct habar__dict *habar__qa_dictionary(struct habar_qa *qa,
    const char *lang);

/* Whether the text s[0..len) is only white space (or nothing). */
int habar__qa_blank(const char *s, size_t len);

/* Whether the language tag tag is lang or a variant of it (its primary
 * subtags are lang's). */
int habar__qa_same_language(const char *tag, const char *lang);

/*
 * Folds the text of segment s (number i of its unit) into qa->folded[i]
 * for the terms check; returns its length, 0 when memory ran out.
 */
size_t habar__qa_fold_segment(struct habar_qa *qa,
    const struct habar_qa_segment *s, size_t i);

/*
 * The checks of segments a and b of unit u (each after habar_recognise()
 * filled qa->values): each adds its findings with habar__qa_add() and
 * stops silently when that fails.  check_keys compares the values of
 * kind by one field, reported as check; check_terms takes the lengths of
 * the folded texts (habar__qa_fold_segment()).
 */
void habar__qa_check_numbers(struct habar_qa *qa,
    const struct habar_qa_unit *u, size_t a, size_t b);
void habar__qa_check_keys(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t a, size_t b, enum habar_qa_check check, enum habar_value_kind kind);
void habar__qa_check_names(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t a, size_t b);
void habar__qa_check_empty(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t a, size_t b);
void habar__qa_check_untranslated(struct habar_qa *qa,
    const struct habar_qa_unit *u, size_t a, size_t b);
void habar__qa_check_length(struct habar_qa *qa,
    const struct habar_qa_unit *u, size_t a, size_t b);
void habar__qa_check_terms(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t a, size_t b, const size_t *flen);

/*
 * Judges the quotations held left open, which no version was reported
 * for, with the next unit of its document, next (qa_quotes.c): adds the
 * findings to qa's list.
 */
void habar__qa_check_quotes_after(struct habar_qa *qa,
    const struct qa_held *held, const struct habar_qa_unit *next);

/*
 * Holding units back (qa_hold.c), for readers of documents whose units
 * follow one another: habar__qa_hold_begin() at the start of a document,
 * habar__qa_pass_on() in place of habar__qa_flush() after each unit is
 * checked (the unit may be kept until the next is checked), and
 * habar__qa_hold_end() at its end, which passes on the unit held.  Both
 * return as habar__qa_flush(), or HABAR_ERR_NOMEM.
 */
void habar__qa_hold_begin(struct habar_qa *qa);
enum habar_status habar__qa_pass_on(struct habar_qa *qa,
    const struct habar_qa_unit *unit, habar_qa_report_fn *report, void *arg);
enum habar_status habar__qa_hold_end(struct habar_qa *qa,
    habar_qa_report_fn *report, void *arg);

/*
 * The quotes or brackets check (check) over the first n segments of unit
 * u at once: a version that leaves a mark open, or closes a quotation
 * twice, against versions that do not.
 */
void habar__qa_check_balance(struct habar_qa *qa,
    const struct habar_qa_unit *u, size_t n, enum habar_qa_check check);

#endif
