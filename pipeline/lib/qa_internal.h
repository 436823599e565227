/*
 * qa_internal.h: what the files of the checker share (qa.c compares the
 * segments of a unit, qa_xml.c streams TMX and XLIFF into units,
 * qa_parallel.c turns a parallel document into units, qa_html.c writes
 * the HTML report).
 */
#ifndef HABAR_QA_INTERNAL_H
#define HABAR_QA_INTERNAL_H

#include <habar/qa.h>
#include <habar/recognise.h>

struct habar__morph;
struct qa_atom;
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

struct habar_qa {
	struct habar_recogniser *rec;
	/* Each letter below QA_LETTERS in a name's skeleton (see
	 * locales/root/name-letters): QA_VOWEL, QA_CONSONANT (one symbol
	 * not a vowel), or 0 (none, as h, or two, as x). */
	unsigned char letter_kind[QA_LETTERS];
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
		int mode;			/* 1: with a counterpart */
	} no_swap[64];
	size_t no_swap_count;
	struct qa_atom *atoms[2];		/* the figures of a pair */
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

#endif
