/*
 * lexicon.h: a bilingual lexicon learnt from a translation memory, the
 * lexical evidence of the aligner (habar-align --memory).
 *
 * For each pair of languages the memory holds, IBM Model 1's word
 * translation probabilities are learnt by expectation maximisation in
 * both directions, on stems (locales/<lang>/spell-suffixes and
 * stem-endings), and the pairs of stems that are each other's best
 * translation are kept.  A memory's lexicon is cached beside it (or in
 * $XDG_CACHE_HOME/habar/) so that a large memory is read once; see
 * docs/habar-align.md, "Lexicon".
 */
#ifndef HABAR_LEXICON_H
#define HABAR_LEXICON_H

#include <stdio.h>
#include <stddef.h>

#include <habar/status.h>

struct habar_lexicon;

/* A table of a cache file with more pairs than this is refused. */
#define HABAR_LEXICON_MAX_PAIRS (16u * 1024 * 1024)

/* Creates an empty lexicon.  Returns HABAR_OK or HABAR_ERR_NOMEM. */
enum habar_status habar_lexicon_new(struct habar_lexicon **lex_out);

/* Frees it; NULL is harmless. */
void habar_lexicon_free(struct habar_lexicon *lex);

/* A description of the last error, or "". */
const char *habar_lexicon_error(const struct habar_lexicon *lex);

/*
 * Learns from the units of the TMX file (or parallel XML document) read
 * from fp, every pair of languages they hold, and adds the pairs learnt.
 * Returns HABAR_OK, HABAR_ERR_INPUT or HABAR_ERR_LIMIT (malformed input,
 * error set), HABAR_ERR_IO, HABAR_ERR_NOMEM.
 */
enum habar_status habar_lexicon_learn(struct habar_lexicon *lex, FILE *fp);

/*
 * Adds the lexicon of the memory at path: read from its cache when the
 * cache was made from a file of the memory's size and modification time,
 * otherwise learnt (habar_lexicon_learn()) and the cache written, beside
 * the memory as path.lex or, where that cannot be written, in
 * $XDG_CACHE_HOME/habar/ ($HOME/.cache/habar/); a cache that cannot be
 * written at all is no error.  Returns as habar_lexicon_learn(), and
 * HABAR_ERR_NOTFOUND when path cannot be opened.
 */
enum habar_status habar_lexicon_add_memory(struct habar_lexicon *lex,
    const char *path);

/*
 * Writes the lexicon in its cache format (docs/habar-align.md); source
 * is the memory's "size mtime" line.  Returns HABAR_OK or HABAR_ERR_IO.
 */
enum habar_status habar_lexicon_write(const struct habar_lexicon *lex,
    const char *source, FILE *fp);

/*
 * Reads a lexicon written by habar_lexicon_write() and adds its pairs,
 * when its source line is source (NULL: any).  Returns HABAR_OK,
 * HABAR_ERR_INPUT (malformed, or another source), HABAR_ERR_NOMEM.
 */
enum habar_status habar_lexicon_read(struct habar_lexicon *lex,
    const char *source, FILE *fp);

/*
 * Adds the word lists of directory dir (NULL: the project's,
 * dictionaries/lexicon, found as habar_data_find() finds data; none there
 * is no error): every file *.tsv, in name order, one concept a line of
 * three TAB-separated fields, its English, Russian and Kazakh forms,
 * comma-separated ('#' starts a comment line).  Each pair of languages
 * becomes a table whose pairs of stems carry their concept, and which a
 * cache never holds.  Returns HABAR_OK, HABAR_ERR_INPUT (a malformed line:
 * the error names the file and the line), HABAR_ERR_IO, HABAR_ERR_NOMEM.
 */
enum habar_status habar_lexicon_add_lists(struct habar_lexicon *lex,
    const char *dir);

/* The number of stem pairs learnt for every pair of languages. */
size_t habar_lexicon_size(const struct habar_lexicon *lex);

/* The number of stem pairs learnt for languages a and b, either order. */
size_t habar_lexicon_pairs(const struct habar_lexicon *lex, const char *a,
    const char *b);

#endif
