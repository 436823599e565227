/*
 * xliff_internal.h: what the files of the XLIFF module share: the handle,
 * the translation memory, the model of a parsed XLIFF document, and the
 * escaping helpers.  Not installed; no libxml2 type appears here, so that
 * only the *_xml.c files include libxml2.
 */
#ifndef HABAR_XLIFF_INTERNAL_H
#define HABAR_XLIFF_INTERNAL_H

#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

#include <habar/xliff.h>

#define XL_MAX_KEEP 64

/* A growable byte buffer; it never grows past HABAR_XLIFF_MAX_INPUT. */
struct xl_buf {
	char *data;		/* NUL-terminated when not NULL */
	size_t len, cap;
};

/* One language variant of a translation unit of the memory. */
struct xl_tuv {
	size_t tu;		/* index of its unit */
	char *lang;
	char *text;		/* as stored */
	char *norm;		/* white space collapsed and trimmed */
	size_t sentences;	/* how many sentences the text joins */
};

/*
 * The translation memory: variants of units, appended unit by unit so that
 * a unit's variants are consecutive.  A unit is trusted when it comes from
 * a TMX file or from a confident alignment link; a match through it is
 * exact when one of the two variants is a single sentence.
 */
struct xl_memory {
	struct xl_tuv *tuvs;
	size_t count, cap;
	size_t *tu_first;	/* first variant of each unit */
	unsigned char *tu_trusted;
	unsigned short *tu_origin;	/* index in origins */
	size_t tu_count, tu_cap;
	size_t *by_text, *by_norm;	/* variant indices, sorted */
	int sorted;
	char **origins;		/* the memory files' names ("" for none) */
	size_t origin_count;
	struct xl_index *index;	/* fuzzy search, built on first use */
	struct xl_tmindex **indexes;	/* TMX files used through their index */
	size_t index_count;
};

/* A candidate translation of a segment, from the memory. */
struct xl_candidate {
	const char *source, *target;	/* the memory's texts */
	char *adapted;		/* the target adapted to the new values, or NULL */
	const char *origin;	/* the memory file, "" for none */
	double similarity;	/* 0-100 */
	int exact;		/* the text itself, or white space aside */
	int trusted;		/* exact, and a confident link */
	size_t sentences;	/* sentences of the new text it covers */
};

#define XL_MAX_CANDIDATES 100

/* Texts of more tokens than this are not fuzzy-matched. */
#define XL_MAX_TOKENS 1024

struct habar_xliff {
	char error[512];
	unsigned long error_line;
	habar_xliff_warn_fn *warn;
	void *warn_arg;
	char *keep[XL_MAX_KEEP];
	size_t keep_count;
	struct xl_memory memory;
	size_t untranslated;
	enum habar_xliff_version version;
	int copy_source;
	unsigned max_matches, min_match, fill_above;
	struct habar_recogniser *recogniser;	/* for adapted matches */
	int recogniser_failed;
};

/* The parts of a skeleton, in document order. */
enum xl_skel_kind {
	XL_SKEL_TEXT,		/* bytes written as they are */
	XL_SKEL_UNIT,		/* a paragraph: the text of unit ref */
	XL_SKEL_FIELD,		/* a front-matter line whose value is unit ref */
	XL_SKEL_LANG		/* the "lang" line (text: the original line) */
};

struct xl_skel {
	enum xl_skel_kind kind;
	struct xl_buf text;	/* TEXT: the bytes; FIELD, LANG: the raw line */
	char *ref;		/* UNIT, FIELD: the unit id */
	char *key;		/* FIELD: the field's key */
	int fence;		/* LANG without a line: front matter is missing */
	unsigned long line;
};

/* A <segment> or <ignorable> of a unit. */
struct xl_part {
	int segment;		/* 1: <segment>, 0: <ignorable> */
	char *id;		/* NULL if absent */
	struct xl_buf source;
	struct xl_buf target;
	int has_target;
	unsigned long order;	/* <target order="">, 0 if absent */
	unsigned long line;
};

struct xl_unit {
	char *id;
	struct xl_part *parts;
	size_t part_count, part_cap;
	unsigned long line;
	int referenced;
};

/* A parsed XLIFF document produced by habar_xliff_extract(). */
struct xl_doc {
	char *src_lang, *trg_lang;
	struct xl_skel *skel;
	size_t skel_count, skel_cap;
	struct xl_unit *units;
	size_t unit_count, unit_cap;
};

/* xliff.c: errors and warnings (the first error recorded wins), the
 * fields never translated, buffers, language tags (xs:language shape; a
 * match ignores case and a region subtag, never a script), freeing a
 * parsed document. */
enum habar_status habar__xl_fail(struct habar_xliff *xliff,
    unsigned long line, enum habar_status status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void habar__xl_warn(struct habar_xliff *xliff, unsigned long line,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int habar__xl_is_kept(const struct habar_xliff *xliff, const char *key);
enum habar_status habar__xl_buf_add(struct xl_buf *buf, const void *data,
    size_t len);
void habar__xl_buf_free(struct xl_buf *buf);
int habar__xl_lang_matches(const char *tag, const char *want);
/* Whether a TMX creationtool value names habar ("habar", "habar-tmx"):
 * its units without a confidence are links of unknown worth. */
int habar__xl_is_habar(const char *tool);
void habar__xl_doc_free(struct xl_doc *doc);

/* xliff_write.c: character data and attribute values escaped for XML
 * (characters XML cannot hold as <cp_element hex>), appending a code
 * point.  UTF-8 is checked with habar__utf8_valid() (utf8_internal.h). */
int habar__xl_put_text(FILE *fp, const char *s, size_t len,
    const char *cp_element);
int habar__xl_put_attr(FILE *fp, const char *s);
enum habar_status habar__xl_put_utf8(struct xl_buf *buf, unsigned long cp);

/* A copy of text with runs of ASCII white space collapsed into one space
 * and trimmed (malloc()ed), or NULL when memory runs out. */
char *habar__xl_normalise(const char *text, size_t len);

/* xliff_memory.c: building the memory unit by unit (begin, then one add
 * per language variant), freeing it, loading a parallel document. */
enum habar_status habar__xl_memory_begin(struct xl_memory *memory,
    int trusted);
/* The variant of unit tu in language trg, with text, or NULL. */
const struct xl_tuv *habar__xl_memory_variant(const struct xl_memory *memory,
    size_t tu, const char *trg);
enum habar_status habar__xl_memory_add(struct xl_memory *memory,
    const char *lang, const char *text, size_t len, size_t sentences);
void habar__xl_memory_free(struct xl_memory *memory);
enum habar_status habar__xl_memory_load_parallel(struct habar_xliff *xliff,
    const char *data, size_t len);
/* Finds a translation into trg of text in src: NULL or the target, with
 * *trusted_out set when the match is exact and the unit trusted, and
 * *tu_out to its unit. */
const char *habar__xl_memory_find(struct xl_memory *memory, const char *src,
    const char *trg, const char *text, size_t len, int *trusted_out,
    size_t *tu_out);
/* The exact match of text from the units loaded (habar__xl_memory_find()),
 * else from the indexes of TMX files: fills *cand, returns 1 or 0. */
int habar__xl_memory_exact(struct xl_memory *memory, const char *src,
    const char *trg, const char *text, size_t len, struct xl_candidate *cand);
/* Whether the memory holds no unit, loaded or indexed. */
int habar__xl_memory_empty(const struct xl_memory *memory);

/* xliff_match_icu.c: fuzzy matching.  Finds up to max candidates of
 * similarity min or more for text (src) with a target in trg, best first,
 * into out (exact matches included); *count_out says how many.  Frees
 * the index with the memory (habar__xl_index_free()). */
enum habar_status habar__xl_match(struct habar_xliff *xliff, const char *src,
    const char *trg, const char *text, size_t len, struct xl_candidate *out,
    size_t max, double min, size_t *count_out);
void habar__xl_index_free(struct xl_index *index);
/* The hashes of the distinct words and numbers of text as the fuzzy
 * search keys them, into keys (XL_MAX_TOKENS of them at most), how many
 * into *count_out, and the count of word and number tokens into
 * *words_out.  Returns HABAR_OK, HABAR_ERR_LIMIT (more than XL_MAX_TOKENS
 * tokens: not a sentence to fuzzy-match), HABAR_ERR_NOMEM. */
enum habar_status habar__xl_token_keys(const char *text, size_t len,
    uint32_t *keys, size_t *count_out, size_t *words_out);
/* The similarity (0-100) of two texts, as habar__xl_match() computes it. */
double habar__xl_similarity(const char *a, size_t a_len, const char *b,
    size_t b_len);

/* xliff_adapt.c: a candidate whose source differs from text only in
 * recognised values (numbers, dates, times, sums, URLs, e-mail addresses,
 * telephone numbers, names) gets its target rewritten with text's values
 * into cand->adapted (NULL when it cannot be).  Returns HABAR_OK or
 * HABAR_ERR_NOMEM. */
enum habar_status habar__xl_adapt(struct habar_xliff *xliff, const char *src,
    const char *trg, const char *text, size_t len,
    struct xl_candidate *cand);

/* xliff_xml.c: parses an XLIFF 2.0 document made by habar_xliff_extract()
 * into *doc (free with habar__xl_doc_free(); freed already on failure).
 * Returns HABAR_OK or an error recorded on xliff with its line. */
enum habar_status habar__xl_parse_xliff(struct habar_xliff *xliff,
    struct xl_doc *doc, const char *xml, size_t len);

/* xliff_tmx_xml.c: loads a TMX; *is_tmx_out is 0 (and nothing is loaded)
 * when the root element is not <tmx>. */
enum habar_status habar__xl_load_tmx(struct habar_xliff *xliff,
    const char *data, size_t len, int *is_tmx_out);

/*
 * xliff_index.c: a TMX memory's index on disk, mapped with mmap().
 * habar__xl_tmindex_get() maps the fresh cache of the TMX file at path
 * (beside it as path.idx, or in the user's cache directory), or, when
 * there is none and build is set, builds one by streaming the file and
 * maps it (*built_out says so): build 1 writes it beside the memory
 * unless habar__cache_beside() says no, build 2 beside it in any case,
 * either in the user's cache directory when it cannot be beside.  *idx_out stays NULL, with HABAR_OK,
 * when path is not a regular file, is a parallel document, or no cache
 * can be written: the caller reads the memory whole.  Returns HABAR_OK,
 * the TMX reader's errors (recorded on xliff with the line),
 * HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
struct xl_tmindex;
enum habar_status habar__xl_tmindex_get(struct habar_xliff *xliff,
    const char *path, int build, struct xl_tmindex **idx_out,
    int *built_out);
void habar__xl_tmindex_close(struct xl_tmindex *idx);
size_t habar__xl_tmindex_units(const struct xl_tmindex *idx);
size_t habar__xl_tmindex_variants(const struct xl_tmindex *idx);
/* The memory file's base name, which its candidates carry. */
const char *habar__xl_tmindex_origin(const struct xl_tmindex *idx);
/* The languages: how many, and the tag of one and its variant count. */
size_t habar__xl_tmindex_langs(const struct xl_tmindex *idx);
const char *habar__xl_tmindex_lang(const struct xl_tmindex *idx,
    size_t lang, size_t *variants_out);
/* The text of a variant (NUL-terminated, in the mapping) and its length,
 * word count and unit; NULL when the number or its record is bad. */
const char *habar__xl_tmindex_text(const struct xl_tmindex *idx,
    size_t variant, size_t *len_out, size_t *words_out, size_t *unit_out);
/* The count of words and numbers of a variant (0 for a bad number). */
size_t habar__xl_tmindex_words(const struct xl_tmindex *idx, size_t variant);
/* The non-empty text of unit in language trg, or NULL; *trusted_out (if
 * not NULL) says whether the unit is trusted. */
const char *habar__xl_tmindex_target(const struct xl_tmindex *idx,
    size_t unit, const char *trg, int *trusted_out);
/* The exact match of text in src with a target in trg: byte for byte
 * (norm_only 0; a trusted unit preferred, cand->trusted set for it) or
 * white space collapsed (norm_only 1).  Fills *cand; returns 1 or 0. */
int habar__xl_tmindex_find(const struct xl_tmindex *idx, const char *src,
    const char *trg, const char *text, size_t len, int norm_only,
    struct xl_candidate *cand);
/* The variants of language lang holding the token of hash hash
 * (ascending), and how many; NULL for none. */
const uint32_t *habar__xl_tmindex_postings(const struct xl_tmindex *idx,
    size_t lang, uint32_t hash, size_t *count_out);
/* Two zeroed arrays of one entry per variant for a query's counts (kept
 * zeroed by the caller).  Returns HABAR_OK or HABAR_ERR_NOMEM. */
enum habar_status habar__xl_tmindex_scratch(struct xl_tmindex *idx,
    uint32_t **shared_out, uint32_t **touched_out);

#endif
