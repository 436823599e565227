/*
 * align.h: aligning the language versions of a release.
 *
 * The aligner reads two or three release files into one parallel document
 * (habar/parallel.h), then links the sentences of the whole documents
 * (paragraphs are evidence, not walls) and derives the paragraph links
 * from them.  Each pair of languages is
 * aligned by a banded dynamic programme over Gale and Church's
 * length-based costs (lengths in characters), strengthened by anchors
 * that survive translation: numbers, URLs, e-mail addresses, telephone
 * numbers, quotes and brackets, and capitalised words compared through
 * transliteration to Latin.  With three languages, the two others are
 * each aligned with a pivot (English when present) and the two alignments
 * are composed into three-way links, so that no pair contradicts
 * another.  Each link carries a confidence, the probability that it is
 * right.  See docs/habar-align.md.
 */
#ifndef HABAR_ALIGN_H
#define HABAR_ALIGN_H

#include <stdio.h>
#include <stddef.h>

#include <habar/status.h>
#include <habar/parallel.h>

struct habar_align;

/* How a release body is cut into sentences. */
enum habar_align_input {
	HABAR_ALIGN_SEGMENT = 0,	/* paragraphs, segmented by habar-seg's code */
	HABAR_ALIGN_SEGMENTED = 1	/* a sentence a line, blank between paragraphs */
};

/*
 * Creates an aligner.  Returns HABAR_OK, HABAR_ERR_NOMEM, or
 * HABAR_ERR_LIBRARY when the transliterator cannot be opened.
 */
enum habar_status habar_align_new(struct habar_align **align_out);

/* Frees the aligner; NULL is harmless. */
void habar_align_free(struct habar_align *align);

/*
 * Returns a description of the last error, or "", and the 1-based line of
 * the input it concerns (0 when none).
 */
const char *habar_align_error(const struct habar_align *align);
unsigned long habar_align_error_line(const struct habar_align *align);

/*
 * Whether the project's word lists (dictionaries/lexicon, read on the
 * first document) count as the lexicon's evidence beside what memories
 * teach; on by default.  Call before the first document.
 */
void habar_align_use_lists(struct habar_align *align, int use);

/*
 * Adds the bilingual lexicon learnt from the translation memory (TMX or
 * parallel XML) at path as evidence for the alignments to come: stems
 * that the memory shows are translations of each other become anchors
 * that both sentences share, like a name or a number
 * (habar_lexicon_add_memory(), which caches what it learns).  Returns
 * HABAR_OK, HABAR_ERR_NOTFOUND, HABAR_ERR_INPUT, HABAR_ERR_LIMIT,
 * HABAR_ERR_IO, HABAR_ERR_NOMEM; the error (habar_align_error()) names
 * the reason.
 */
enum habar_status habar_align_add_memory(struct habar_align *align,
    const char *path);

/*
 * Adds a lexicon already learnt, read from fp in the lexicon cache format
 * (habar_lexicon_write(), docs/habar-align.md), as evidence like
 * habar_align_add_memory()'s: how habar-batch gives each of its workers
 * the lexicon it learnt from the whole archive.  Returns HABAR_OK,
 * HABAR_ERR_INPUT (malformed), HABAR_ERR_NOMEM; the error names the
 * reason.
 */
enum habar_status habar_align_add_lexicon(struct habar_align *align,
    FILE *fp);

/*
 * Reads the release text in fp into doc as a new language, taken from its
 * front-matter field "lang": its fields, its paragraphs and sentences, and
 * the files its "attachments" field names (comma-separated).  The release
 * id and date are taken from the first release that has them.  Returns
 * HABAR_OK; HABAR_ERR_INPUT when the release has no "lang" field, a
 * language already in doc, an id other than doc's, no sentence at all, or
 * malformed front matter; HABAR_ERR_LIMIT when doc already holds
 * HABAR_PARALLEL_MAX_LANGS languages or a line or paragraph is too long;
 * HABAR_ERR_IO, HABAR_ERR_NOMEM, HABAR_ERR_NOTFOUND or HABAR_ERR_LIBRARY
 * (segmenter).  On failure doc is left without the new language.
 */
enum habar_status habar_align_load(struct habar_align *align,
    struct habar_parallel *doc, FILE *fp, enum habar_align_input input);

/*
 * Links the paragraphs and sentences of doc's two or three languages,
 * replacing any links it had, and records the method.  Returns HABAR_OK,
 * HABAR_ERR_ARGUMENT when doc has fewer than two languages, HABAR_ERR_NOMEM
 * or HABAR_ERR_LIMIT.
 */
enum habar_status habar_align_document(struct habar_align *align,
    struct habar_parallel *doc);

/*
 * Writes the sentence links of doc between its languages a and b (indices),
 * one a line: the 1-based numbers of a's sentences, a tab, b's numbers,
 * numbers comma-separated, one side empty for a 1-0 or 0-1 link, a tab
 * and the link's confidence seen from the pair (two decimals).  They are
 * the three-way links seen from the pair, links with neither language left
 * out; a three-way link that holds more than one sentence of a or b (a
 * merge in the third language made it big) is split by aligning a with b
 * inside it, so the pair's links are never coarser than the pair needs
 * and never cross a three-way link.  Returns HABAR_OK, HABAR_ERR_IO,
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar_align_write_pair(struct habar_align *align,
    const struct habar_parallel *doc, size_t a, size_t b, FILE *fp);

#endif
