/*
 * seg_icu.h: the part of the sentence segmenter that talks to ICU (kept in
 * seg_icu.c so that no other file includes ICU headers): candidate
 * sentence boundaries from ICU's BreakIterator, read straight from UTF-8,
 * and the character classes the rules in seg.c need.
 */
#ifndef HABAR_SEG_ICU_H
#define HABAR_SEG_ICU_H

#include <stddef.h>
#include <stdint.h>

#include <habar/status.h>

/* ICU's sentence iterator over a UTF-8 buffer. */
struct habar__seg_icu;

/*
 * Opens ICU's sentence BreakIterator for the ICU locale id locale (such as
 * "kk" or "en@ss=standard").  Returns HABAR_OK, HABAR_ERR_LIBRARY (with a
 * message in err, errlen bytes) or HABAR_ERR_NOMEM.
 */
enum habar_status habar__seg_icu_new(struct habar__seg_icu **icu_out,
    const char *locale, char *err, size_t errlen);

/* Closes the iterator; NULL is harmless. */
void habar__seg_icu_free(struct habar__seg_icu *icu);

/*
 * Points the iterator at len bytes of UTF-8 text (borrowed: it must stay
 * unchanged until the next call; invalid bytes read as U+FFFD).  Returns
 * HABAR_OK or HABAR_ERR_LIBRARY with a message in err.
 */
enum habar_status habar__seg_icu_set_text(struct habar__seg_icu *icu,
    const char *text, size_t len, char *err, size_t errlen);

/*
 * Returns the byte offset of the next candidate boundary after the
 * previous one (the first call after set_text returns the first boundary
 * after offset 0), or (size_t)-1 when there is none left.  The end of the
 * text counts as a boundary.
 */
size_t habar__seg_icu_next(struct habar__seg_icu *icu);

/* The character classes the segmentation rules tell apart. */
enum habar__seg_class {
	HABAR__SEG_OTHER,	/* punctuation, symbols, controls */
	HABAR__SEG_SPACE,	/* white space, including no-break spaces */
	HABAR__SEG_UPPER,	/* an upper-case or title-case letter */
	HABAR__SEG_LOWER,	/* a lower-case letter */
	HABAR__SEG_LETTER,	/* a letter without case, or a mark */
	HABAR__SEG_DIGIT,	/* a decimal digit */
	HABAR__SEG_OPEN,	/* an opening bracket or quotation mark */
	HABAR__SEG_CLOSE,	/* a closing bracket or quotation mark */
	HABAR__SEG_DASH,	/* a hyphen or dash */
	HABAR__SEG_SYMBOL	/* a pictograph or other symbol (emoji) */
};

/* Returns the class of code point cp (any value; out of range: OTHER). */
enum habar__seg_class habar__seg_icu_class(int32_t cp);

/* Returns the simple lower-case mapping of cp. */
int32_t habar__seg_icu_tolower(int32_t cp);

#endif
