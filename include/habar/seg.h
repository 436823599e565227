/*
 * seg.h: sentence segmentation of Kazakh, Russian and English paragraphs.
 *
 * The segmenter takes ICU's sentence boundaries as candidates and keeps or
 * vetoes each one with per-language data read from locales/<lang>/
 * (abbreviations, words that stay with the number after them, month names)
 * and a few language-independent rules: initials before a surname, numbers
 * and dates, ellipses, list items, URLs, e-mail addresses and telephone
 * numbers.  habar-seg(1) is the program around it; the aligner and the
 * XLIFF extractor use it on their own paragraphs.
 */
#ifndef HABAR_SEG_H
#define HABAR_SEG_H

#include <stddef.h>

#include <habar/lines.h>
#include <habar/status.h>

/* A sentence segmenter for one language. */
struct habar_seg;

/* One sentence: a range of bytes of the paragraph passed in. */
struct habar_span {
	size_t start;		/* byte offset of its first byte */
	size_t len;		/* its length in bytes */
};

/* The longest paragraph habar_seg_paragraph() accepts, in bytes: as long
 * as the longest line (habar/lines.h), so that any line fits. */
#define HABAR_SEG_MAX_PARAGRAPH HABAR_MAX_LINE

/*
 * Creates a segmenter for the BCP 47 tag lang ("kk", "ru", "en", or a tag
 * with subtags such as "kk-Latn"); a language without data of its own
 * falls back to the rules in locales/root/.  Returns HABAR_OK,
 * HABAR_ERR_ARGUMENT for a malformed tag, HABAR_ERR_NOTFOUND when no data
 * file can be found at all, HABAR_ERR_INPUT for a malformed data file,
 * HABAR_ERR_LIBRARY when ICU fails, or HABAR_ERR_NOMEM.  On failure
 * *seg_out is NULL.
 */
enum habar_status habar_seg_new(struct habar_seg **seg_out, const char *lang);

/* Frees the segmenter and the spans it returned; NULL is harmless. */
void habar_seg_free(struct habar_seg *seg);

/*
 * Splits one paragraph of UTF-8 text (len bytes; line breaks inside count
 * as spaces) into sentences.  On HABAR_OK, *spans_out points to an array of
 * *count_out spans owned by seg and valid until the next call on seg; the
 * spans are trimmed of surrounding white space, in order, do not overlap,
 * and together cover every byte of text that is not white space.  A
 * paragraph of white space only has no sentence.  Invalid UTF-8 is
 * tolerated (never read out of bounds) and stays in the span it falls in.
 * Returns HABAR_OK, HABAR_ERR_LIMIT when len exceeds
 * HABAR_SEG_MAX_PARAGRAPH, HABAR_ERR_LIBRARY when ICU fails, or
 * HABAR_ERR_NOMEM; then *count_out is 0 and habar_seg_error() says more.
 */
enum habar_status habar_seg_paragraph(struct habar_seg *seg, const char *text,
    size_t len, const struct habar_span **spans_out, size_t *count_out);

/* Returns a description of the last error on seg, or "". */
const char *habar_seg_error(const struct habar_seg *seg);

#endif
