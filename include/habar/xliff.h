/*
 * xliff.h: a release to and from XLIFF 2.0, the exchange format of
 * translation tools (OmegaT, Trados, memoQ, Okapi, Translate Toolkit), or
 * XLIFF 1.2 for the tools that read nothing newer.
 *
 * Extraction turns a release into one XLIFF 2.0 document for one target
 * language: a <unit> per body paragraph, a <segment> per sentence (the
 * white space between sentences in <ignorable>s), a unit per translatable
 * front-matter field, and a <skeleton> that keeps everything else byte for
 * byte (fences, the fields that are not translated, blank lines, line
 * ends).  Targets may be filled in from a translation memory: a TMX file or
 * a parallel document (habar/parallel.h).  Merging turns the translated
 * document back into release text with the same structure and "lang" set
 * to the target language.  README.md, "habar-xliff", documents the ids and
 * the skeleton.
 *
 * XML is read with libxml2 without network access, DTD loading or entity
 * substitution; a document that declares entities (XXE, billion laughs) is
 * refused before anything is expanded.
 */
#ifndef HABAR_XLIFF_H
#define HABAR_XLIFF_H

#include <stdio.h>
#include <stddef.h>

#include <habar/status.h>

/* The XLIFF 2.0 and 1.2 namespaces and the namespace of habar's
 * skeleton. */
#define HABAR_XLIFF_NS "urn:oasis:names:tc:xliff:document:2.0"
#define HABAR_XLIFF12_NS "urn:oasis:names:tc:xliff:document:1.2"
#define HABAR_XLIFF_MATCHES_NS "urn:oasis:names:tc:xliff:matches:2.0"
#define HABAR_XLIFF_SKELETON_NS "urn:habar:xliff-skeleton:1"

/* In XLIFF 1.2, the form of the <internal-file> holding the skeleton, and
 * the ctype of the <ph> standing for a character XML cannot carry. */
#define HABAR_XLIFF_SKELETON_FORM "application/x-habar-skeleton+xml"
#define HABAR_XLIFF12_CP_CTYPE "x-habar-cp"

/*
 * The least confidence of an alignment link (the parallel document's
 * links, a TMX unit's <prop type="x-habar-confidence">) through which an
 * exact match is marked translated rather than initial.
 */
#define HABAR_XLIFF_CONFIDENT 0.5

/* The largest release, XLIFF, TMX or parallel document read, in bytes. */
#define HABAR_XLIFF_MAX_INPUT (256u * 1024 * 1024)

/* A converter: its translation memory, its options and its last error. */
struct habar_xliff;

/*
 * Receives a warning (an untranslated segment on merge, a fill entry that
 * was skipped): line is the line of the input it concerns, 0 if none.
 */
typedef void habar_xliff_warn_fn(void *arg, unsigned long line,
    const char *message);

/*
 * Creates a converter with an empty translation memory.  Returns HABAR_OK
 * or HABAR_ERR_NOMEM (then *xliff_out is NULL).
 */
enum habar_status habar_xliff_new(struct habar_xliff **xliff_out);

/* Frees the converter and its memory; NULL is harmless. */
void habar_xliff_free(struct habar_xliff *xliff);

/* Sends warnings to fn(arg, ...); without it they are dropped. */
void habar_xliff_set_warn(struct habar_xliff *xliff, habar_xliff_warn_fn *fn,
    void *arg);

/* The XLIFF version habar_xliff_extract() writes. */
enum habar_xliff_version {
	HABAR_XLIFF_2_0,	/* the default */
	HABAR_XLIFF_1_2		/* for tools that read only 1.2 */
};

/*
 * Chooses the XLIFF version extraction writes.  In 1.2 a sentence is a
 * <trans-unit> (paragraphs are <group>s) and the skeleton, which also
 * holds the white space between sentences, is the text of
 * <header><skl><internal-file>.  Merging reads either version.
 */
void habar_xliff_set_version(struct habar_xliff *xliff,
    enum habar_xliff_version version);

/*
 * With on set, a 1.2 trans-unit that the memory does not fill gets its
 * source copied into a <target state="needs-translation">, for tools that
 * translate the <target> they find (OmegaT's XLIFF filter).  Merging reads
 * such a target, still equal to its source, as no translation.
 */
void habar_xliff_set_copy_source(struct habar_xliff *xliff, int on);

/*
 * Marks front-matter field key as not translatable: it stays in the
 * skeleton instead of becoming a unit.  "id", "lang", "date" and
 * "attachments" are never translated.  Returns HABAR_OK, HABAR_ERR_NOMEM,
 * HABAR_ERR_LIMIT after 64 keys.
 */
enum habar_status habar_xliff_keep_field(struct habar_xliff *xliff,
    const char *key);

/*
 * Loads len bytes of a TMX 1.4 memory or of a parallel XML document into
 * the translation memory used by habar_xliff_extract() (the root element
 * tells which).  May be called several times; entries accumulate.
 * Returns HABAR_OK, HABAR_ERR_INPUT for malformed XML, an unknown root
 * element or a refused document type declaration (habar_xliff_error() and
 * habar_xliff_error_line() say where), HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
enum habar_status habar_xliff_load_memory(struct habar_xliff *xliff,
    const char *data, size_t len);

/*
 * As habar_xliff_load_memory(), naming the memory origin (its file name;
 * NULL for none), which candidates from it carry as their "origin".
 */
enum habar_status habar_xliff_load_memory_from(struct habar_xliff *xliff,
    const char *data, size_t len, const char *origin);

/*
 * Adds the memory in the file at path.  A TMX file is used through its
 * index (docs/habar-xliff.md, "Index"): the cache beside it (path.idx)
 * or in $XDG_CACHE_HOME/habar/ when it was made from a file of the
 * memory's size and modification time, otherwise built by streaming the
 * file, written there and mapped; a memory of any size is neither read
 * whole nor scanned.  A parallel document, or a TMX file for which no
 * cache can be written, is read whole as habar_xliff_load_memory_from()
 * reads it.  Returns as habar_xliff_load_memory(), and
 * HABAR_ERR_NOTFOUND or HABAR_ERR_IO when the file cannot be read.
 */
enum habar_status habar_xliff_load_memory_file(struct habar_xliff *xliff,
    const char *path);

/*
 * Makes sure the TMX file at path has a fresh index cache (see
 * habar_xliff_load_memory_file()), building it when missing or stale,
 * beside the memory whatever HABAR_CACHE_BESIDE says (habar-batch indexes
 * the memory it writes); *built_out (if not NULL) says whether it was
 * built.  Nothing is done
 * for a parallel document, nor when no cache can be written.  Returns
 * HABAR_OK, HABAR_ERR_INPUT for a malformed TMX (habar_xliff_error() and
 * habar_xliff_error_line() say where), HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
enum habar_status habar_xliff_index_memory(struct habar_xliff *xliff,
    const char *path, int *built_out);

/*
 * How extraction uses the memory.  Each segment gets up to max_matches
 * candidates (0: none) of similarity min_match or more, best first:
 * XLIFF 2.0's Translation Candidates module (<mtc:matches>) or 1.2's
 * <alt-trans>.  The best candidate of similarity fill_above or more goes
 * into the segment's <target>.  Similarities are 0-100 (README.md,
 * "habar-xliff", says how they are computed); 100 is an exact match (or
 * white space aside) or a match adapted to the new numbers, dates and
 * names.  The defaults are 3, 75 and 100.  Returns HABAR_OK or
 * HABAR_ERR_ARGUMENT (a percentage above 100, max_matches above 100).
 */
enum habar_status habar_xliff_set_matching(struct habar_xliff *xliff,
    unsigned max_matches, unsigned min_match, unsigned fill_above);

/* The number of translation units loaded so far. */
size_t habar_xliff_memory_size(const struct habar_xliff *xliff);

/*
 * Extracts the release in release[0..len) into an XLIFF 2.0 document
 * written to out.  name is the release's file name, kept as the file's
 * "original" (NULL or "-": none).  source_lang overrides nothing: it is
 * required when the release has no "lang" field and must agree with it
 * otherwise (NULL: take the field).  target_lang is required.  The
 * document is built in memory and written only when complete, so out never
 * receives half a document.  Returns HABAR_OK, HABAR_ERR_ARGUMENT (no
 * target or source language, a malformed tag, source and target alike),
 * HABAR_ERR_INPUT (invalid UTF-8, malformed front matter), HABAR_ERR_LIMIT,
 * HABAR_ERR_NOMEM, HABAR_ERR_IO, or an error of the segmenter; then
 * habar_xliff_error() says why and habar_xliff_error_line() where.
 */
enum habar_status habar_xliff_extract(struct habar_xliff *xliff, FILE *out,
    const char *release, size_t len, const char *name,
    const char *source_lang, const char *target_lang);

/*
 * Merges the XLIFF document in xml[0..len) back into release text written
 * to out: the skeleton with each unit replaced by its targets, sources
 * standing in for segments without a target (one warning each).  The
 * "lang" field is set to the document's trgLang, unless no segment has a
 * target at all: then the source release comes back unchanged.  Nothing
 * is written unless the whole document merges.  Returns HABAR_OK,
 * HABAR_ERR_INPUT (malformed XML, not XLIFF 2.0, no trgLang, no habar
 * skeleton, unit ids that do not match the skeleton's, a refused document
 * type declaration), HABAR_ERR_LIMIT, HABAR_ERR_NOMEM, HABAR_ERR_IO.
 */
enum habar_status habar_xliff_merge(struct habar_xliff *xliff, FILE *out,
    const char *xml, size_t len);

/* Segments that had no target in the last merge. */
size_t habar_xliff_untranslated(const struct habar_xliff *xliff);

/* Returns a description of the last error, or "". */
const char *habar_xliff_error(const struct habar_xliff *xliff);

/* Returns the input line the last error concerns, or 0. */
unsigned long habar_xliff_error_line(const struct habar_xliff *xliff);

#endif
