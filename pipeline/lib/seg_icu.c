/*
 * seg_icu.c: ICU's sentence BreakIterator and character properties for the
 * sentence segmenter (see seg_icu.h).  The iterator reads the caller's
 * UTF-8 through a UText, so its boundaries are byte offsets already and no
 * UTF-16 copy of the paragraph is made.
 */
#include <stdio.h>
#include <stdlib.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "seg_icu.h"

struct habar__seg_icu {
	UBreakIterator *bi;
	UText *ut;
};

enum habar_status
habar__seg_icu_new(struct habar__seg_icu **icu_out, const char *locale,
    char *err, size_t errlen)
{
	struct habar__seg_icu *icu;
	UErrorCode uerr = U_ZERO_ERROR;

	*icu_out = NULL;
	if ((icu = calloc(1, sizeof(*icu))) == NULL)
		return HABAR_ERR_NOMEM;
	icu->bi = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &uerr);
	if (U_FAILURE(uerr)) {
		snprintf(err, errlen, "ICU sentence iterator for '%s': %s",
		    locale, u_errorName(uerr));
		free(icu);
		return HABAR_ERR_LIBRARY;
	}
	*icu_out = icu;
	return HABAR_OK;
}

void
habar__seg_icu_free(struct habar__seg_icu *icu)
{
	if (icu == NULL)
		return;
	ubrk_close(icu->bi);
	utext_close(icu->ut);
	free(icu);
}

enum habar_status
habar__seg_icu_set_text(struct habar__seg_icu *icu, const char *text,
    size_t len, char *err, size_t errlen)
{
	UErrorCode uerr = U_ZERO_ERROR;

	/* Reusing the UText avoids an allocation per paragraph. */
	icu->ut = utext_openUTF8(icu->ut, text, (int64_t)len, &uerr);
	if (U_SUCCESS(uerr))
		ubrk_setUText(icu->bi, icu->ut, &uerr);
	if (U_FAILURE(uerr)) {
		snprintf(err, errlen, "ICU sentence iterator: %s",
		    u_errorName(uerr));
		return HABAR_ERR_LIBRARY;
	}
	return HABAR_OK;
}

size_t
habar__seg_icu_next(struct habar__seg_icu *icu)
{
	int32_t b = ubrk_next(icu->bi);

	return b == UBRK_DONE ? (size_t)-1 : (size_t)b;
}

enum habar__seg_class
habar__seg_icu_class(int32_t cp)
{
	if (cp < 0 || cp > 0x10FFFF)
		return HABAR__SEG_OTHER;
	if (cp == '"' || cp == '\'')
		return HABAR__SEG_CLOSE;
	switch (u_charType(cp)) {
	case U_UPPERCASE_LETTER:
	case U_TITLECASE_LETTER:
		return HABAR__SEG_UPPER;
	case U_LOWERCASE_LETTER:
		return HABAR__SEG_LOWER;
	case U_MODIFIER_LETTER:
	case U_OTHER_LETTER:
	case U_NON_SPACING_MARK:
	case U_ENCLOSING_MARK:
	case U_COMBINING_SPACING_MARK:
		return HABAR__SEG_LETTER;
	case U_DECIMAL_DIGIT_NUMBER:
		return HABAR__SEG_DIGIT;
	case U_SPACE_SEPARATOR:
	case U_LINE_SEPARATOR:
	case U_PARAGRAPH_SEPARATOR:
		return HABAR__SEG_SPACE;
	case U_START_PUNCTUATION:
	case U_INITIAL_PUNCTUATION:
		return HABAR__SEG_OPEN;
	case U_END_PUNCTUATION:
	case U_FINAL_PUNCTUATION:
		return HABAR__SEG_CLOSE;
	case U_DASH_PUNCTUATION:
		return HABAR__SEG_DASH;
	case U_OTHER_SYMBOL:
		/* Bullets and boxes open list items; emoji do not. */
		if (cp >= 0x25A0 && cp <= 0x25FF)
			return HABAR__SEG_OTHER;
		return HABAR__SEG_SYMBOL;
	default:
		break;
	}
	if (u_isUWhiteSpace(cp))
		return HABAR__SEG_SPACE;
	return HABAR__SEG_OTHER;
}

int32_t
habar__seg_icu_tolower(int32_t cp)
{
	if (cp < 0 || cp > 0x10FFFF)
		return cp;
	return u_tolower(cp);
}
