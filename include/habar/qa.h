/*
 * qa.h: checking that the language versions of a release, or the source
 * and target of a translation, say the same thing — the same numbers,
 * dates, sums, names, addresses and terms, balanced quotation marks and
 * brackets, nothing left untranslated or empty (habar-qa).
 *
 * A unit is two or three segments of one meaning in different languages
 * (a TMX <tu>, an XLIFF segment's source and target, a sentence link of a
 * parallel document); every pair of its segments is compared with the
 * values of habar/recognise.h.  Findings go to a callback, one call a
 * unit, so large files stream.
 */
#ifndef HABAR_QA_H
#define HABAR_QA_H

#include <stddef.h>
#include <stdio.h>

#include <habar/parallel.h>
#include <habar/status.h>

/* The checks, by number; their names are habar_qa_check_name(). */
enum habar_qa_check {
	HABAR_QA_NUMBERS, HABAR_QA_DATES, HABAR_QA_MONEY, HABAR_QA_NAMES,
	HABAR_QA_URLS, HABAR_QA_EMAILS, HABAR_QA_PHONES, HABAR_QA_HASHTAGS,
	HABAR_QA_HANDLES, HABAR_QA_QUOTES, HABAR_QA_BRACKETS,
	HABAR_QA_UNTRANSLATED, HABAR_QA_EMPTY, HABAR_QA_LENGTH, HABAR_QA_TERMS,
	HABAR_QA_META,
	HABAR_QA_CHECKS		/* how many */
};

enum habar_qa_severity {
	HABAR_QA_WARNING = 1,
	HABAR_QA_ERROR = 2
};

/* One language version of a unit. */
struct habar_qa_segment {
	const char *lang;	/* BCP 47 tag */
	const char *text;	/* UTF-8, not NUL-terminated */
	size_t len;
	unsigned long line;	/* where the text starts in its file, 1-based; */
	unsigned long column;	/* 0 when unknown */
	const char *file;	/* the file it came from (messages), or NULL */
};

/* A unit: segments of one meaning. */
struct habar_qa_unit {
	const char *id;		/* tuid, XLIFF segment id, link id */
	const struct habar_qa_segment *segs;
	size_t count;
};

/* One finding. */
struct habar_qa_finding {
	enum habar_qa_check check;
	enum habar_qa_severity severity;
	size_t a, b;		/* the segments compared (a == b: one alone) */
	size_t seg;		/* the segment pointed at (a or b) */
	size_t start, end;	/* the byte span there (start == end: all) */
	char message[512];	/* UTF-8, without the check's name */
};

/*
 * Receives the findings of one unit (count may be 0: every unit is
 * passed, for reports that show clean units too).  Returns 0 to go on,
 * non-zero to stop reading (the reader then returns HABAR_ERR_IO).
 */
typedef int habar_qa_report_fn(void *arg, const struct habar_qa_unit *unit,
    const struct habar_qa_finding *findings, size_t count);

/* Counts over everything one checker has checked. */
struct habar_qa_stats {
	unsigned long long units;	/* units checked */
	unsigned long long pairs;	/* pairs of segments compared */
	unsigned long long flagged;	/* units with a finding */
	unsigned long long errors;	/* findings of severity error */
	unsigned long long warnings;	/* findings of severity warning */
};

struct habar_qa;

/*
 * Creates a checker with every check on but "length" off until a document
 * gives it a ratio to compare with (it is on, too: it waits for twenty
 * units).  Returns HABAR_OK, or the status of habar_recognise_new()
 * (habar_qa_error() says why).  On failure *qa_out is NULL unless the
 * error needs its message: free it with habar_qa_free() either way.
 */
enum habar_status habar_qa_new(struct habar_qa **qa_out);

/* Frees the checker; NULL is harmless. */
void habar_qa_free(struct habar_qa *qa);

/* A description of the last error, or "". */
const char *habar_qa_error(const struct habar_qa *qa);

/* The name of a check ("numbers", "dates", ...), never NULL. */
const char *habar_qa_check_name(enum habar_qa_check check);

/*
 * Turns on (on != 0) or off the checks named in list, comma-separated
 * ("numbers,dates"); "all" names every check.  Returns HABAR_OK or
 * HABAR_ERR_ARGUMENT for a name that is not a check (habar_qa_error()
 * names it); then no check has changed.
 */
enum habar_status habar_qa_select(struct habar_qa *qa, const char *list,
    int on);

/* Turns every check off (before habar_qa_select(qa, list, 1)). */
void habar_qa_select_none(struct habar_qa *qa);

/*
 * Reads a glossary for the "terms" check: TSV, a first line of language
 * tags ("en<TAB>ru<TAB>kk"), then one term a line in those columns (an
 * empty cell: no term in that language); '#' starts a comment line.
 * Returns HABAR_OK, HABAR_ERR_INPUT (habar_qa_error() says which line),
 * HABAR_ERR_LIMIT (over 100,000 terms or a line over 4 KB), HABAR_ERR_IO,
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar_qa_load_glossary(struct habar_qa *qa, FILE *fp);

/*
 * Checks one unit and passes its findings to report.  Returns HABAR_OK,
 * HABAR_ERR_IO (report asked to stop), HABAR_ERR_NOMEM.
 */
enum habar_status habar_qa_check(struct habar_qa *qa,
    const struct habar_qa_unit *unit, habar_qa_report_fn *report, void *arg);

/*
 * Reads a TMX or an XLIFF (2.0 or 1.2) document as a stream, memory not
 * growing with its size, and checks each unit: a TMX <tu> (every pair of
 * its languages; the unit's id is its tuid, or its position from 1), an
 * XLIFF 2.0 <segment> or 1.2 <trans-unit> that has a target (source
 * against target; the id is the segment's or trans-unit's).  The
 * document is the prefix_len bytes at prefix (what the caller read to
 * tell the format, may be 0) followed by the rest of fp.  name is the
 * file's name for the segments.  Returns HABAR_OK, HABAR_ERR_INPUT (not
 * well-formed, or neither TMX nor XLIFF: habar_qa_error() and
 * habar_qa_error_line() say where), HABAR_ERR_LIMIT (a segment over 1 MB,
 * an element with too many attributes), HABAR_ERR_IO (reading failed or
 * report stopped), HABAR_ERR_NOMEM.
 */
enum habar_status habar_qa_read_xml(struct habar_qa *qa, const char *prefix,
    size_t prefix_len, FILE *fp, const char *name,
    habar_qa_report_fn *report, void *arg);

/*
 * Checks a parallel document: each sentence link is a unit (its id the
 * ids of the sentences of its first language that has any, joined by
 * '+'; a language without a sentence in the link is an empty segment),
 * then one unit "meta" for the front matter: date, id and attachments
 * the same in every language, a title in each.  names[k] is the file of
 * language k (or the document's file, for all), for messages.  When
 * sources is not NULL, sources[k] (source_lens[k] bytes) is the text of
 * that file, in which each sentence is looked for to give its line and
 * column; otherwise they are 0.  Returns as habar_qa_check().
 */
enum habar_status habar_qa_check_parallel(struct habar_qa *qa,
    const struct habar_parallel *doc, const char *const *names,
    const char *const *sources, const size_t *source_lens,
    habar_qa_report_fn *report, void *arg);

/*
 * Aligns two or three release files (fps[k], named names[k]; segmented
 * when each body is already one sentence a line, as habar-seg writes it)
 * with habar-align's library and checks the parallel document they make,
 * with each finding's line and column in its release file.  The files
 * are read whole (a release is small).  Returns as
 * habar_qa_check_parallel(), or the aligner's status, with
 * habar_qa_error() naming the file and line.
 */
enum habar_status habar_qa_check_releases(struct habar_qa *qa,
    FILE *const *fps, const char *const *names, size_t count, int segmented,
    habar_qa_report_fn *report, void *arg);

/* What a file given alone holds, told from its first bytes. */
enum habar_qa_input {
	HABAR_QA_INPUT_OTHER = 0,	/* not XML: a release, or nothing */
	HABAR_QA_INPUT_STREAM = 1,	/* TMX or XLIFF */
	HABAR_QA_INPUT_PARALLEL = 2	/* a parallel XML document */
};

/*
 * Tells the input kind from the first len bytes of a file (a few
 * kilobytes are enough: the root element's name is what counts).
 */
enum habar_qa_input habar_qa_input_kind(const char *bytes, size_t len);

/* The line of the input the last error concerns (0 when none). */
unsigned long habar_qa_error_line(const struct habar_qa *qa);

/* The counts so far. */
void habar_qa_get_stats(const struct habar_qa *qa,
    struct habar_qa_stats *stats);

/*
 * Writes the findings of unit as TSV lines, one a finding: id, check,
 * severity (error, warning), languages ("en-ru", or one), message; tabs
 * and line breaks in a cell become spaces.  Returns HABAR_OK or
 * HABAR_ERR_IO.
 */
enum habar_status habar_qa_tsv_unit(FILE *fp, const struct habar_qa_unit *unit,
    const struct habar_qa_finding *findings, size_t count);

/*
 * Writes the findings of unit as GNU diagnostics, one a line:
 * "FILE:LINE:COLUMN: error|warning: [check] message (id)", FILE the
 * segment's file or name when it has none, LINE and COLUMN (in
 * characters, the column of the finding's span when it is on the line
 * where the segment starts) left out when not known; tabs and line
 * breaks in the message and id become spaces.  Returns HABAR_OK or
 * HABAR_ERR_IO.
 */
enum habar_status habar_qa_gnu_unit(FILE *fp, const char *name,
    const struct habar_qa_unit *unit, const struct habar_qa_finding *findings,
    size_t count);

/*
 * Writes an HTML report: habar_qa_html_begin() the page's head (title is
 * plain text), habar_qa_html_unit() one unit with its segments side by
 * side and each finding's span marked and its message below, and
 * habar_qa_html_end() the rest.  Return HABAR_OK or HABAR_ERR_IO.
 */
enum habar_status habar_qa_html_begin(FILE *fp, const char *title);
enum habar_status habar_qa_html_unit(FILE *fp,
    const struct habar_qa_unit *unit, const struct habar_qa_finding *findings,
    size_t count);
enum habar_status habar_qa_html_end(FILE *fp,
    const struct habar_qa_stats *stats);

#endif
