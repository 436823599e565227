/*
 * spell_icu.c: the character properties and encoding conversions the
 * spell-checker needs, the only spell file that sees ICU.
 */
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "spell_internal.h"

/* Whether c is a letter of the Cyrillic blocks U+0400..U+052F (all but
 * the signs and combining marks U+0482..U+0489): answered without ICU,
 * as nearly every character of Kazakh and Russian text asks. */
static int
cyrillic_letter(uint32_t c)
{
	return c >= 0x0400 && c <= 0x052F && (c < 0x0482 || c > 0x0489);
}

enum habar__script
habar__spell_script_icu(uint32_t c)
{
	UErrorCode err = U_ZERO_ERROR;
	UScriptCode script;

	/* The two scripts of the project's languages, answered without a
	 * table look-up: ASCII letters and the Cyrillic blocks. */
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return HABAR__SCRIPT_LATIN;
	if (c >= 0x0400 && c <= 0x052F)
		return cyrillic_letter(c) ? HABAR__SCRIPT_CYRILLIC :
		    HABAR__SCRIPT_NONE;
	if (c < 0x80 || !u_isalpha((UChar32)c))
		return HABAR__SCRIPT_NONE;
	script = uscript_getScript((UChar32)c, &err);
	if (U_FAILURE(err))
		return HABAR__SCRIPT_OTHER;
	if (script == USCRIPT_LATIN)
		return HABAR__SCRIPT_LATIN;
	if (script == USCRIPT_CYRILLIC)
		return HABAR__SCRIPT_CYRILLIC;
	return HABAR__SCRIPT_OTHER;
}

int
habar__spell_is_letter_icu(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (cyrillic_letter(c))
		return 1;
	return u_isalpha((UChar32)c) != 0;
}

int
habar__spell_is_mark_icu(uint32_t c)
{
	if (c < 0x300)
		return 0;
	return (U_GET_GC_MASK((UChar32)c) & U_GC_M_MASK) != 0;
}

int
habar__spell_is_digit_icu(uint32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	return u_isdigit((UChar32)c) != 0;
}

int
habar__spell_is_upper_icu(uint32_t c)
{
	/* ASCII and Cyrillic are answered inline (spell_internal.h). */
	return u_isupper((UChar32)c) || u_istitle((UChar32)c);
}

uint32_t
habar__spell_lower_icu(uint32_t c)
{
	/* ASCII and Cyrillic are answered inline (spell_internal.h). */
	return (uint32_t)u_tolower((UChar32)c);
}

uint32_t
habar__spell_next_cp_icu(const char *s, size_t len, size_t *i)
{
	UChar32 c;
	int32_t pos = (int32_t)*i;
	int32_t n = len > INT32_MAX ? INT32_MAX : (int32_t)len;

	if ((unsigned char)s[pos] < 0x80) {
		*i = (size_t)pos + 1;
		return (unsigned char)s[pos];
	}
	U8_NEXT(s, pos, n, c);
	*i = (size_t)pos;
	return c < 0 ? 0xFFFD : (uint32_t)c;
}

int
habar__spell_put_cp(char *out, size_t cap, size_t *n, uint32_t c)
{
	size_t need = U8_LENGTH((UChar32)c);
	int32_t pos = 0;
	UBool error = 0;
	uint8_t tmp[4];

	if (need == 0 || *n + need > cap)
		return 0;
	U8_APPEND((uint8_t *)tmp, pos, 4, (UChar32)c, error);
	if (error)
		return 0;
	memcpy(out + *n, tmp, (size_t)pos);
	*n += (size_t)pos;
	return 1;
}

int
habar__spell_recode(const char *enc, int to_legacy, const char *in, char *out,
    size_t cap)
{
	UErrorCode err = U_ZERO_ERROR;
	UConverter *from = NULL, *to = NULL;
	UChar pivot[256], *ps = pivot, *pt = pivot;
	const char *src = in;
	char *dst = out;
	int result = -1;

	if (cap == 0)
		return -1;
	from = ucnv_open(to_legacy ? "UTF-8" : enc, &err);
	to = ucnv_open(to_legacy ? enc : "UTF-8", &err);
	if (U_FAILURE(err))
		goto done;
	/* A character the other side lacks is an error, not a '?': such a
	 * word cannot be in the dictionary. */
	ucnv_setToUCallBack(from, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL,
	    &err);
	ucnv_setFromUCallBack(to, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL,
	    &err);
	if (U_FAILURE(err))
		goto done;
	ucnv_convertEx(to, from, &dst, out + cap - 1, &src, in + strlen(in),
	    pivot, &ps, &pt, pivot + 256, 1, 1, &err);
	if (U_FAILURE(err))
		goto done;
	*dst = '\0';
	result = 0;
done:
	if (from != NULL)
		ucnv_close(from);
	if (to != NULL)
		ucnv_close(to);
	return result;
}
