/*
 * spell.h: spell-checking Kazakh, Russian and English release text.
 *
 * A checker (struct habar_spell) holds the Hunspell dictionaries of one
 * text language, the project's word lists from dictionaries/, the user's
 * personal word lists, the per-language rules from locales/<lang>/
 * (suffix chains, spelling variants) and a bounded cache of verdicts.
 * Latin words inside Russian or Kazakh text are checked against English,
 * Cyrillic words inside English text against Russian (or Kazakh when they
 * hold a Kazakh letter); a word mixing Latin and Cyrillic letters is
 * reported as a likely look-alike letter.  URLs, e-mail addresses,
 * hashtags, numbers and words holding digits are skipped.
 *
 * A checker is not thread-safe; the pool (struct habar_spell_pool) runs
 * one checker per thread over batches of lines and hands the findings back
 * in input order.
 */
#ifndef HABAR_SPELL_H
#define HABAR_SPELL_H

#include <stddef.h>

#include <habar/status.h>

/* What the checker says about one token. */
enum habar_spell_verdict {
	HABAR_SPELL_OK = 0,	/* a known word */
	HABAR_SPELL_UNKNOWN = 1, /* not in any dictionary nor derivable */
	HABAR_SPELL_MIXED = 2,	/* Latin and Cyrillic letters mixed */
	HABAR_SPELL_SKIPPED = 3	/* a number, URL, address, hashtag... */
};

/* A token found in a line, by habar_spell_token_next(). */
struct habar_spell_token {
	size_t offset;		/* byte offset of the token in the line */
	size_t len;		/* its length in bytes */
	size_t column;		/* 1-based column: code points before it + 1 */
	int skip;		/* 1: a URL, address, number...: not a
				 * word; 2: the words of a compound with a
				 * number ("year-old" in "20-year-old",
				 * "ден" in "2018-ден"), which may be a
				 * suffix the number takes */
};

/* A finding handed back by the pool. */
struct habar_spell_finding {
	unsigned long line;	/* the caller's line number */
	size_t column;		/* 1-based column in code points, as above,
				 * plus the line's column base */
	const char *word;	/* the word (NUL-terminated), valid during
				 * the callback only */
	size_t word_len;	/* its length in bytes */
	size_t offset;		/* its byte offset in the line as given */
	enum habar_spell_verdict verdict; /* UNKNOWN or MIXED */
};

/* Options of a checker; zero-initialise, then set what is needed. */
struct habar_spell_options {
	const char *const *personal; /* personal word list files, or NULL */
	size_t personal_count;
	int no_default_personal; /* do not read $HABAR_PERSONAL_DICT nor
				  * ~/.config/habar/words.<lang> */
};

struct habar_spell;
struct habar_spell_pool;

/*
 * Finds the next token of line[0..len) at or after *pos (a byte offset)
 * and stores it in *token; *column must hold the 1-based column of *pos
 * on entry and is advanced in step (start both at 0 and 1).  *pos is
 * moved past the token.  Returns 1 when a token was found, 0 at the end of
 * the line.  Never reads outside the line; invalid UTF-8 separates words.
 */
int habar_spell_token_next(const char *line, size_t len, size_t *pos,
    size_t *column, struct habar_spell_token *token);

/*
 * Creates a checker for the text language lang ("en", "ru", "kk", or a
 * tag starting with one of them).  Dictionaries other than the main one
 * are opened on first need; a Kazakh checker reads the Russian lemmas on
 * a second thread while its main dictionary loads (joined on first need
 * or by habar_spell_free()).  Returns HABAR_OK, HABAR_ERR_ARGUMENT for an
 * unsupported language, HABAR_ERR_NOTFOUND when a Hunspell dictionary or
 * data file is missing, HABAR_ERR_IO / HABAR_ERR_INPUT for an unreadable
 * or malformed word list, HABAR_ERR_LIBRARY, HABAR_ERR_NOMEM.  On failure
 * *spell_out is NULL and, when errbuf is given, a message is stored there.
 */
enum habar_status habar_spell_new(struct habar_spell **spell_out,
    const char *lang, const struct habar_spell_options *options,
    char *errbuf, size_t errbuf_len);

/* Frees the checker; NULL is harmless. */
void habar_spell_free(struct habar_spell *spell);

/*
 * Returns a description of the last error of the checker, or "".
 */
const char *habar_spell_error(const struct habar_spell *spell);

/*
 * Checks one token word[0..len) (UTF-8, as found by
 * habar_spell_token_next()) and stores the verdict in *verdict.
 * Returns HABAR_OK, or an error opening a dictionary on first need
 * (HABAR_ERR_NOTFOUND, HABAR_ERR_LIBRARY, HABAR_ERR_NOMEM).
 */
enum habar_status habar_spell_check(struct habar_spell *spell,
    const char *word, size_t len, enum habar_spell_verdict *verdict);

/*
 * Adds word[0..len) to the checker's dictionaries for this run (the
 * ispell "@" command): it is accepted from now on.
 */
enum habar_status habar_spell_accept(struct habar_spell *spell,
    const char *word, size_t len);

/*
 * Stores in *list a newly allocated array of *count suggestions (UTF-8,
 * NUL-terminated) for word, at most max of them; free it with
 * habar_spell_list_free().  Returns HABAR_OK (possibly with no
 * suggestion), HABAR_ERR_NOMEM, or an error opening a dictionary.
 */
enum habar_status habar_spell_suggest(struct habar_spell *spell,
    char ***list, size_t *count, const char *word, size_t len, size_t max);

/* Frees a list from habar_spell_suggest(); NULL is harmless. */
void habar_spell_list_free(char **list, size_t count);

/*
 * Creates a pool of up to threads checkers (1 to 8; 0 means 2), each
 * built as by habar_spell_new(), to check batches of lines in parallel.
 * The first checker is built now; the others load in the background once
 * a first full batch shows the input is large, so a small input never
 * pays for them.  options (and what it points to) must stay valid as long
 * as the pool.  Returns as habar_spell_new().
 */
enum habar_status habar_spell_pool_new(struct habar_spell_pool **pool_out,
    const char *lang, const struct habar_spell_options *options,
    unsigned threads, char *errbuf, size_t errbuf_len);

/* Frees the pool (pending lines are dropped); NULL is harmless. */
void habar_spell_pool_free(struct habar_spell_pool *pool);

/*
 * With on non-zero (the default is off), a capitalised unknown word that
 * the current document spells the same way twice or more, once at least
 * inside a sentence (not first after a full stop), is taken for a name
 * and not reported, neither its first occurrence when both fall in
 * one batch nor the later ones: a typo seldom repeats itself letter for
 * letter.  The memory of words seen is bounded.
 */
void habar_spell_pool_set_names(struct habar_spell_pool *pool, int on);

/* Starts a new document: forgets the words seen (see above). */
void habar_spell_pool_reset(struct habar_spell_pool *pool);

/* The pool's first checker, for suggestions and ispell commands. */
struct habar_spell *habar_spell_pool_checker(struct habar_spell_pool *pool);

/*
 * Called for each finding, in input order; returns 0 to go on, non-zero
 * to stop (habar_spell_pool_flush() then returns HABAR_ERR_IO).
 */
typedef int habar_spell_finding_fn(const struct habar_spell_finding *finding,
    void *arg);

/*
 * Queues text[0..len) (copied) to be checked as the line numbered line,
 * whose first byte sits at 1-based column column_base + 1 of the real
 * line (0 for a whole line).  When the batch is full the pool checks it
 * and calls found() for each finding.  Returns HABAR_OK, HABAR_ERR_NOMEM,
 * HABAR_ERR_LIMIT (a line over 16 MiB), a checker error, or HABAR_ERR_IO
 * when found() stopped.
 */
enum habar_status habar_spell_pool_add(struct habar_spell_pool *pool,
    const char *text, size_t len, unsigned long line, size_t column_base,
    habar_spell_finding_fn *found, void *arg);

/*
 * Checks whatever is queued and calls found() for each finding, in input
 * order; then waits for every thread the pool started (checkers and
 * dictionaries loading ahead), so that none runs when it returns.
 * Returns as habar_spell_pool_add().
 */
enum habar_status habar_spell_pool_flush(struct habar_spell_pool *pool,
    habar_spell_finding_fn *found, void *arg);

#endif
