/*
 * align_icu.c: the aligner's one use of ICU, transliterating a word to
 * lower-case ASCII ("Any-Latin; Latin-ASCII; Lower") so that proper names
 * written in Cyrillic and in Latin letters can be compared (Астана and
 * Astana, Зуев and Zouev).  Kept apart so that no other file of the
 * aligner sees ICU.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "align_internal.h"

/* A word longer than this is no proper name worth comparing. */
#define WORD_MAX 64

struct habar__align_icu {
	UTransliterator *trans;
	UChar buf[WORD_MAX * 4];
};

enum habar_status
habar__align_icu_new(struct habar__align_icu **icu_out, char *err,
    size_t errlen)
{
	struct habar__align_icu *icu;
	UErrorCode uerr = U_ZERO_ERROR;
	UChar id[64];

	*icu_out = NULL;
	if ((icu = calloc(1, sizeof(*icu))) == NULL)
		return HABAR_ERR_NOMEM;
	u_uastrcpy(id, "Any-Latin; Latin-ASCII; Lower");
	icu->trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &uerr);
	if (U_FAILURE(uerr)) {
		snprintf(err, errlen, "cannot open ICU transliterator "
		    "Any-Latin; Latin-ASCII: %s", u_errorName(uerr));
		free(icu);
		return HABAR_ERR_LIBRARY;
	}
	*icu_out = icu;
	return HABAR_OK;
}

void
habar__align_icu_free(struct habar__align_icu *icu)
{
	if (icu == NULL)
		return;
	utrans_close(icu->trans);
	free(icu);
}

size_t
habar__align_icu_latin(struct habar__align_icu *icu, const char *word,
    size_t len, char *out, size_t outsize)
{
	UErrorCode uerr = U_ZERO_ERROR;
	int32_t ulen = 0, limit, cap = (int32_t)(sizeof(icu->buf) /
	    sizeof(icu->buf[0]));
	size_t i, n = 0;

	if (outsize == 0)
		return 0;
	out[0] = '\0';
	if (len == 0 || len > WORD_MAX)
		return 0;
	/* ASCII is its own Latin rendering: lower-casing is all ICU would
	 * do, and a third of the words (the English) need no more. */
	for (i = 0; i < len && (unsigned char)word[i] < 0x80; i++)
		;
	if (i == len) {
		for (i = 0; i < len && n + 1 < outsize; i++)
			out[n++] = (char)(word[i] >= 'A' && word[i] <= 'Z' ?
			    word[i] + ('a' - 'A') : word[i]);
		out[n] = '\0';
		return n;
	}
	u_strFromUTF8Lenient(icu->buf, cap, &ulen, word, (int32_t)len, &uerr);
	if (U_FAILURE(uerr) || ulen >= cap)
		return 0;
	limit = ulen;
	utrans_transUChars(icu->trans, icu->buf, &ulen, cap, 0, &limit, &uerr);
	if (U_FAILURE(uerr) || ulen > cap)
		return 0;
	for (i = 0; i < (size_t)ulen && n + 1 < outsize; i++)
		if (icu->buf[i] < 0x80)
			out[n++] = (char)icu->buf[i];
	out[n] = '\0';
	return n;
}
