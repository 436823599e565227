/*
 * norm.h: text normalisation for Kazakh, Russian and English releases
 * (the library behind habar-norm).
 *
 * A normaliser turns each line into a canonical form: NFC; look-alike
 * letters of the wrong script repaired inside words; quotation marks,
 * apostrophes and clause dashes as the language writes them; unusual
 * spaces, invisible characters and control characters cleaned; trailing
 * spaces dropped.  Every rule can be switched off, and with all of them
 * off the output is exactly NFC, byte for byte what `uconv -x any-nfc`
 * writes.  Normalising twice gives the same text as normalising once.
 *
 * The quotation marks come from ICU's locale data; the per-language
 * choices ICU does not record (the clause dash, the look-alike tables)
 * are plain data files under locales/<tag>/ (see README.md, "habar-norm").
 */
#ifndef HABAR_NORM_H
#define HABAR_NORM_H

#include <stdio.h>
#include <stddef.h>

#include <habar/lines.h>
#include <habar/status.h>

/* The rules, as bits of a mask; NFC itself is always applied. */
#define HABAR_NORM_RULE_LOOKALIKE	0x001u	/* wrong-script letters */
#define HABAR_NORM_RULE_QUOTES		0x002u	/* straight " (and ' in en) */
#define HABAR_NORM_RULE_APOSTROPHES	0x004u	/* ' inside words */
#define HABAR_NORM_RULE_DASHES		0x008u	/* spaced hyphen: a dash */
#define HABAR_NORM_RULE_SPACES		0x010u	/* no-break, unusual spaces */
#define HABAR_NORM_RULE_INVISIBLE	0x020u	/* zero-width, soft hyphen */
#define HABAR_NORM_RULE_CONTROLS	0x040u	/* C0/C1 control characters */
#define HABAR_NORM_RULE_TRAILING	0x080u	/* spaces, tabs at line end */
#define HABAR_NORM_RULE_EOL		0x100u	/* CRLF becomes LF, stray CRs go */
#define HABAR_NORM_RULE_ALL		0x1ffu

/* What a normaliser tells its listener about. */
enum habar_norm_event_kind {
	HABAR_NORM_EVENT_LOOKALIKE,	/* a letter was replaced */
	HABAR_NORM_EVENT_INVALID	/* invalid UTF-8 became U+FFFD */
};

struct habar_norm_event {
	enum habar_norm_event_kind kind;
	unsigned long line;		/* 1-based line, 0 if unknown */
	size_t column;			/* 1-based, in input characters */
	size_t byte;			/* 0-based byte offset in the line */
	unsigned long long offset;	/* byte offset in the stream */
	char from[8], to[8];		/* LOOKALIKE: the letters, UTF-8 */
	unsigned from_cp, to_cp;	/* ... and their code points */
	const char *from_script;	/* "Latin" or "Cyrillic" */
	const char *word;		/* the repaired word, UTF-8 ... */
	size_t word_len;		/* ... valid during the call only */
	unsigned char bad;		/* INVALID: the first offending byte */
};

typedef void habar_norm_listener_fn(void *arg,
    const struct habar_norm_event *event);

/* How many times each rule changed something, and lines changed. */
struct habar_norm_counts {
	unsigned long long lookalikes, quotes, apostrophes, dashes, spaces,
	    invisible, controls, trailing, eol, invalid, nfc;
	unsigned long long lines, lines_changed;
};

struct habar_norm;

/*
 * Creates a normaliser for the BCP 47 tag lang ("kk", "ru", "en", ...),
 * loading its data files and ICU locale data.  lang may be NULL: the
 * language is then set later with habar_norm_set_lang(), which
 * habar_norm_stream() does from the front matter's "lang:" field.
 * Returns HABAR_OK, HABAR_ERR_NOMEM, HABAR_ERR_NOTFOUND (a data file is
 * missing), HABAR_ERR_INPUT (a data file is malformed) or
 * HABAR_ERR_LIBRARY (ICU failed); on failure *norm_out is NULL.
 */
enum habar_status habar_norm_new(struct habar_norm **norm_out,
    const char *lang);

/* Frees the normaliser; NULL is harmless. */
void habar_norm_free(struct habar_norm *norm);

/*
 * Switches the normaliser to language lang, reloading its data, and
 * resets the paragraph state.  On failure the previous language stays and
 * habar_norm_error() says why.  Returns as habar_norm_new().
 */
enum habar_status habar_norm_set_lang(struct habar_norm *norm,
    const char *lang);

/*
 * Sets the house's clause dash: "en" (U+2013) or "em" (U+2014), both
 * spaced; NULL goes back to the language's own (the clause-dash of
 * locales/<lang>/punctuation).  With a choice, a hyphen and the other
 * dash standing alone between spaced words both become the one chosen;
 * ranges (24-25, 24 – 25 between digits) are never touched.  The choice
 * holds across habar_norm_set_lang().  Returns HABAR_OK,
 * HABAR_ERR_ARGUMENT for any other name (habar_norm_error() says so), or
 * the errors of habar_norm_set_lang() when a language is in force.
 */
enum habar_status habar_norm_set_dash(struct habar_norm *norm,
    const char *name);

/* The language tag in use, or NULL if none was set. */
const char *habar_norm_lang(const struct habar_norm *norm);

/* Sets the mask of HABAR_NORM_RULE_* bits in force (default: all). */
void habar_norm_set_rules(struct habar_norm *norm, unsigned rules);

/*
 * Returns the HABAR_NORM_RULE_* bit called name ("lookalike", "quotes",
 * "apostrophes", "dashes", "spaces", "invisible", "controls", "trailing",
 * "eol", "all"), or 0 for an unknown name.
 */
unsigned habar_norm_rule_from_name(const char *name);

/* Sets the function told about each repair and invalid byte (may be
 * NULL); arg is passed through. */
void habar_norm_set_listener(struct habar_norm *norm,
    habar_norm_listener_fn *fn, void *arg);

/*
 * Tells the normaliser where the next text it cleans comes from, for the
 * events it reports: the 1-based number of its line, the stream offset of
 * its first byte and the 1-based column of its first character (1 for a
 * whole line; more for a front-matter value).
 */
void habar_norm_set_position(struct habar_norm *norm, unsigned long line,
    unsigned long long offset, size_t column);

/*
 * Forgets the state carried from line to line (open quotation marks, a
 * fenced code block), as at the start of a new document.
 */
void habar_norm_reset(struct habar_norm *norm);

/*
 * Normalises one line of len bytes (any bytes; without its terminator).
 * On HABAR_OK *out points to the result and *out_len is its length; the
 * result belongs to the normaliser and is valid until the next call (it
 * may be line itself); line must not point into an earlier result.
 * Quotation marks
 * opened on one line may be closed on a later one: the state is kept
 * until an empty line or habar_norm_reset().  Returns HABAR_OK,
 * HABAR_ERR_ARGUMENT when no language is set, HABAR_ERR_LIMIT when len
 * exceeds HABAR_NORM_MAX_LINE, HABAR_ERR_NOMEM, HABAR_ERR_LIBRARY.
 */
#define HABAR_NORM_MAX_LINE HABAR_MAX_LINE
enum habar_status habar_norm_line(struct habar_norm *norm, const char *line,
    size_t len, const char **out, size_t *out_len);

/*
 * Normalises the release read from in and writes it to out: front-matter
 * fences and keys pass through, values and body lines are normalised.
 * When the normaliser has no language, the front matter's "lang:" field
 * sets it (for this stream only).  Stops at the first error: HABAR_ERR_IO
 * (habar_norm_error() says whether reading or writing), HABAR_ERR_INPUT
 * (malformed front matter), HABAR_ERR_ARGUMENT (no language anywhere),
 * HABAR_ERR_LIMIT (a line longer than HABAR_NORM_MAX_LINE), or the
 * errors of habar_norm_set_lang() and habar_norm_line().
 */
enum habar_status habar_norm_stream(struct habar_norm *norm, FILE *in,
    FILE *out);

/* The line number habar_norm_stream() stopped at, 0 if none. */
unsigned long habar_norm_error_line(const struct habar_norm *norm);

/* Copies the counters accumulated since creation into *counts. */
void habar_norm_counts(const struct habar_norm *norm,
    struct habar_norm_counts *counts);

/* Returns a description of the last error, or "". */
const char *habar_norm_error(const struct habar_norm *norm);

#endif
