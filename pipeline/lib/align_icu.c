/*
 * align_icu.c: the aligner's one use of ICU, transliterating a word to
 * lower-case ASCII ("Any-Latin; Latin-ASCII; Lower") so that proper names
 * written in Cyrillic and in Latin letters can be compared (Астана and
 * Astana, Зуев and Zouev).  Kept apart so that no other file of the
 * aligner sees ICU.
 *
 * ICU's compound transliterator costs some fifty thousand instructions a
 * word, whatever its length: on a long document the distinct words of
 * Russian and Kazakh took a tenth of the aligner's time.  In the Cyrillic
 * block (U+0400-U+04FF) its rendering is letter by letter, no letter's
 * depending on its neighbours once lower-cased and cut to ASCII (checked
 * against ICU on every pair of the block's code points, every three of
 * the Russian and Kazakh letters and every Cyrillic word of a corpus of
 * releases: test_align.c checks the pairs), so a word of that block alone
 * is rendered from each letter's rendering, asked of ICU once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "align_internal.h"

/* A word longer than this is no proper name worth comparing. */
#define WORD_MAX 64

/* The Cyrillic block, whose letters are rendered one at a time. */
#define CYR_FIRST 0x400
#define CYR_COUNT 0x100
/* The most ASCII bytes a letter's rendering keeps. */
#define CYR_ASCII 7

/* A letter of the block: its rendering by ICU, asked once. */
struct cyr_letter {
	unsigned char known;	/* 1 rendered, 2 not to be rendered alone */
	unsigned char ascii;	/* ASCII bytes kept, in text */
	unsigned char units;	/* UTF-16 units ICU wrote, kept or not */
	char text[CYR_ASCII];
};

struct habar__align_icu {
	UTransliterator *trans;
	UChar buf[WORD_MAX * 4];
	struct cyr_letter cyr[CYR_COUNT];
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
habar__align_icu_latin_icu(struct habar__align_icu *icu, const char *word,
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

/*
 * The letter of the block at cp as ICU renders it alone (asked the first
 * time only); NULL when it cannot be rendered from that: ICU failed on
 * it, or it keeps more ASCII than there is room for.
 */
static const struct cyr_letter *
cyr_letter(struct habar__align_icu *icu, uint32_t cp)
{
	struct cyr_letter *l = &icu->cyr[cp - CYR_FIRST];
	UErrorCode uerr = U_ZERO_ERROR;
	UChar buf[16];
	int32_t ulen = 1, limit = 1, i;

	if (l->known == 0) {
		l->known = 2;
		buf[0] = (UChar)cp;
		utrans_transUChars(icu->trans, buf, &ulen,
		    (int32_t)(sizeof(buf) / sizeof(buf[0])), 0, &limit, &uerr);
		if (U_SUCCESS(uerr) && ulen <= (int32_t)(sizeof(buf) /
		    sizeof(buf[0]))) {
			l->known = 1;
			l->units = (unsigned char)ulen;
			for (i = 0; i < ulen && l->known == 1; i++) {
				if (buf[i] >= 0x80)
					continue;
				if (l->ascii == CYR_ASCII)
					l->known = 2;
				else
					l->text[l->ascii++] = (char)buf[i];
			}
		}
	}
	return l->known == 1 ? l : NULL;
}

size_t
habar__align_icu_latin(struct habar__align_icu *icu, const char *word,
    size_t len, char *out, size_t outsize)
{
	const unsigned char *u = (const unsigned char *)word;
	const struct cyr_letter *l;
	size_t i, k, n = 0, units = 0;

	if (outsize == 0)
		return 0;
	out[0] = '\0';
	if (len == 0 || len > WORD_MAX)
		return 0;
	/* ASCII is its own Latin rendering: lower-casing is all ICU would
	 * do, and a third of the words (the English) need no more. */
	for (i = 0; i < len && u[i] < 0x80; i++)
		;
	if (i == len) {
		for (i = 0; i < len && n + 1 < outsize; i++)
			out[n++] = (char)(word[i] >= 'A' && word[i] <= 'Z' ?
			    word[i] + ('a' - 'A') : word[i]);
		out[n] = '\0';
		return n;
	}
	/* A word of the Cyrillic block alone (two bytes a letter, U+0400 to
	 * U+04FF), from its letters' renderings; any other, by ICU. */
	for (i = 0; i + 1 < len; i += 2)
		if (u[i] < 0xD0 || u[i] > 0xD3 || (u[i + 1] & 0xC0) != 0x80 ||
		    cyr_letter(icu, ((uint32_t)(u[i] & 0x1F) << 6 |
		    (u[i + 1] & 0x3F))) == NULL)
			break;
	if (i != len)
		return habar__align_icu_latin_icu(icu, word, len, out, outsize);
	for (i = 0; i < len; i += 2) {
		l = &icu->cyr[((uint32_t)(u[i] & 0x1F) << 6 |
		    (u[i + 1] & 0x3F)) - CYR_FIRST];
		/* Where ICU's buffer would overflow, it fails. */
		if ((units += l->units) > sizeof(icu->buf) / sizeof(icu->buf[0])) {
			out[0] = '\0';
			return 0;
		}
		for (k = 0; k < l->ascii && n + 1 < outsize; k++)
			out[n++] = l->text[k];
	}
	out[n] = '\0';
	return n;
}
