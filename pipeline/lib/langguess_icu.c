/*
 * langguess_icu.c: a rough guess at which of habar's three languages a
 * short text (a slide, an archive member) is written in, from its letters
 * alone: Kazakh when letters only Kazakh uses among the three appear,
 * Russian when Cyrillic dominates, English when Latin does.
 */
#include <unicode/utf8.h>

#include "langguess.h"

/* ә ғ қ ң ө ұ ү һ і, in both cases. */
static int
is_kazakh_letter(UChar32 c)
{
	switch (c) {
	case 0x04D8: case 0x04D9: case 0x0492: case 0x0493: case 0x049A:
	case 0x049B: case 0x04A2: case 0x04A3: case 0x04E8: case 0x04E9:
	case 0x04B0: case 0x04B1: case 0x04AE: case 0x04AF: case 0x04BA:
	case 0x04BB: case 0x0406: case 0x0456:
		return 1;
	}
	return 0;
}

const char *
habar__guess_lang(const char *text, size_t len)
{
	size_t cyrillic = 0, latin = 0, kazakh = 0;
	int32_t i = 0, n = len > INT32_MAX ? INT32_MAX : (int32_t)len;
	UChar32 c;

	while (i < n) {
		U8_NEXT(text, i, n, c);
		if (c < 0)
			continue;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			latin++;
		else if (c >= 0x0400 && c <= 0x04FF) {
			cyrillic++;
			kazakh += is_kazakh_letter(c);
		}
	}
	if (cyrillic == 0 && latin == 0)
		return NULL;
	if (cyrillic >= latin)
		/* Kazakh text has several of its own letters in every
		 * hundred; Russian has none but in a quoted name or two. */
		return kazakh * 50 >= cyrillic ? "kk" : "ru";
	return "en";
}
