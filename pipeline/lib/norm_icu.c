/*
 * norm_icu.c: everything the normaliser asks of ICU: the character class
 * table (from ICU's property data, so that no Unicode table is written by
 * hand), NFC of the rare spans that need it, and the locale data that
 * decides quotation marks and digit grouping.  Nothing else of the
 * normaliser includes an ICU header.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ulocdata.h>
#include <unicode/unorm2.h>
#include <unicode/unum.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "norm_internal.h"

uint16_t habar__norm_table[0x10000];

static pthread_once_t table_once = PTHREAD_ONCE_INIT;
static enum habar_status table_status = HABAR_OK;
static const UNormalizer2 *nfc;

static uint16_t
compute_flags(UChar32 c)
{
	UErrorCode ec = U_ZERO_ERROR;
	uint16_t f = 0;
	int32_t gc_mask = U_GET_GC_MASK(c);
	UScriptCode script = uscript_getScript(c, &ec);

	if (U_FAILURE(ec))
		script = USCRIPT_UNKNOWN;
	if (u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES &&
	    u_getCombiningClass(c) == 0)
		f |= NF_SAFE;
	if (gc_mask & U_GC_L_MASK) {
		f |= NF_LETTER;
		if (script == USCRIPT_LATIN)
			f |= NF_LATIN;
		else if (script == USCRIPT_CYRILLIC)
			f |= NF_CYRL;
	}
	if (gc_mask & U_GC_M_MASK)
		f |= NF_MARK;
	if (gc_mask & U_GC_ND_MASK)
		f |= NF_DIGIT;
	if (script == USCRIPT_INHERITED)
		f |= NF_INHERITED;
	/* Joiners shape emoji sequences and the scripts that join letters
	 * (Arabic, Indic, ...); after Latin, Cyrillic or common punctuation
	 * they change nothing visible. */
	if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
	    u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER) ||
	    (script != USCRIPT_LATIN && script != USCRIPT_CYRILLIC &&
	    script != USCRIPT_COMMON && script != USCRIPT_INHERITED &&
	    script != USCRIPT_UNKNOWN))
		f |= NF_KEEPJOIN;
	if (c == 0x200C || c == 0x200D)
		f |= NF_JOINER;
	else if (c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0x00AD)
		f |= NF_DROP;
	else if (c == 0x0085 || c == 0x2028 || c == 0x2029 ||
	    ((gc_mask & U_GC_ZS_MASK) && c != 0x20))
		f |= NF_USPACE;
	else if ((gc_mask & U_GC_CC_MASK) && c != '\t')
		f |= NF_CONTROL;
	/* Quotation marks and dashes: the punctuation stage looks at them. */
	if (u_hasBinaryProperty(c, UCHAR_QUOTATION_MARK) ||
	    u_hasBinaryProperty(c, UCHAR_DASH))
		f |= NF_PUNCT;
	return f;
}

static void
build_table(void)
{
	UErrorCode ec = U_ZERO_ERROR;
	UChar32 c;

	nfc = unorm2_getNFCInstance(&ec);
	if (U_FAILURE(ec)) {
		table_status = HABAR_ERR_LIBRARY;
		return;
	}
	for (c = 0; c < 0x10000; c++)
		habar__norm_table[c] = compute_flags(c);
	/* Surrogates never reach the table (the decoder rejects them). */
}

enum habar_status
habar__norm_icu_init(void)
{
	pthread_once(&table_once, build_table);
	return table_status;
}

uint16_t
habar__norm_icu_flags(uint32_t c)
{
	if (c > 0x10FFFF)
		return 0;
	return compute_flags((UChar32)c);
}

static uint32_t
first_code_point(const UChar *s, int32_t len)
{
	UChar32 c;
	int32_t i = 0;

	if (len <= 0)
		return 0;
	U16_NEXT(s, i, len, c);
	return (uint32_t)c;
}

enum habar_status
habar__norm_icu_locale(struct habar__norm_locale *loc, const char *lang,
    char *err, size_t errlen)
{
	static const ULocaleDataDelimiterType types[4] = {
		ULOCDATA_QUOTATION_START, ULOCDATA_QUOTATION_END,
		ULOCDATA_ALT_QUOTATION_START, ULOCDATA_ALT_QUOTATION_END
	};
	uint32_t found[4];
	UErrorCode ec = U_ZERO_ERROR;
	ULocaleData *ld = NULL;
	UNumberFormat *nf = NULL;
	UChar buf[16];
	int32_t len;
	enum habar_status status = HABAR_ERR_LIBRARY;
	int i;

	memset(loc, 0, sizeof(*loc));
	ld = ulocdata_open(lang, &ec);
	if (U_FAILURE(ec)) {
		snprintf(err, errlen, "ICU has no locale data for '%s': %s",
		    lang, u_errorName(ec));
		goto done;
	}
	for (i = 0; i < 4; i++) {
		ec = U_ZERO_ERROR;
		len = ulocdata_getDelimiter(ld, types[i], buf, 16, &ec);
		if (U_FAILURE(ec) || len <= 0) {
			snprintf(err, errlen, "ICU has no quotation marks for "
			    "'%s': %s", lang, u_errorName(ec));
			goto done;
		}
		found[i] = first_code_point(buf, len);
	}
	loc->open = found[0];
	loc->close = found[1];
	loc->alt_open = found[2];
	loc->alt_close = found[3];

	ec = U_ZERO_ERROR;
	nf = unum_open(UNUM_DECIMAL, NULL, 0, lang, NULL, &ec);
	if (U_FAILURE(ec)) {
		snprintf(err, errlen, "ICU cannot format numbers for '%s': %s",
		    lang, u_errorName(ec));
		goto done;
	}
	len = unum_getSymbol(nf, UNUM_GROUPING_SEPARATOR_SYMBOL, buf, 16, &ec);
	if (U_FAILURE(ec) || len <= 0) {
		snprintf(err, errlen, "ICU has no grouping separator for '%s'",
		    lang);
		goto done;
	}
	loc->grouping = first_code_point(buf, len);
	status = HABAR_OK;
done:
	unum_close(nf);
	if (ld != NULL)
		ulocdata_close(ld);
	return status;
}

int
habar__norm_icu_uses(const char *lang, uint32_t c)
{
	UErrorCode ec = U_ZERO_ERROR;
	ULocaleData *ld;
	USet *set;
	int result = -1;

	ld = ulocdata_open(lang, &ec);
	if (U_FAILURE(ec))
		return -1;
	set = ulocdata_getExemplarSet(ld, NULL, 0, ULOCDATA_ES_PUNCTUATION,
	    &ec);
	if (U_SUCCESS(ec) && set != NULL)
		result = uset_contains(set, (UChar32)c) ? 1 : 0;
	uset_close(set);
	ulocdata_close(ld);
	return result;
}

enum habar_status
habar__norm_icu_nfc(uint32_t **out, size_t *out_n, const uint32_t *in,
    size_t n)
{
	UChar *src = NULL, *dst = NULL;
	uint32_t *cps = NULL;
	int32_t src_len = 0, dst_len, dst_cap, i, k;
	UErrorCode ec = U_ZERO_ERROR;
	enum habar_status status = HABAR_ERR_NOMEM;
	size_t j;

	*out = NULL;
	*out_n = 0;
	if (n > (size_t)INT32_MAX / 8)
		return HABAR_ERR_LIMIT;
	if ((src = malloc((2 * n + 1) * sizeof(UChar))) == NULL)
		goto done;
	for (j = 0; j < n; j++) {
		UBool bad = 0;
		U16_APPEND(src, src_len, (int32_t)(2 * n + 1), (UChar32)in[j],
		    bad);
		if (bad) {
			status = HABAR_ERR_LIBRARY;
			goto done;
		}
	}
	/* NFC grows UTF-16 text at most threefold. */
	dst_cap = 3 * src_len + 1;
	if ((dst = malloc((size_t)dst_cap * sizeof(UChar))) == NULL)
		goto done;
	dst_len = unorm2_normalize(nfc, src, src_len, dst, dst_cap, &ec);
	if (U_FAILURE(ec)) {
		status = HABAR_ERR_LIBRARY;
		goto done;
	}
	if ((cps = malloc(((size_t)dst_len + 1) * sizeof(*cps))) == NULL)
		goto done;
	for (i = 0, k = 0; i < dst_len; k++) {
		UChar32 c;
		U16_NEXT(dst, i, dst_len, c);
		cps[k] = (uint32_t)c;
	}
	*out = cps;
	*out_n = (size_t)k;
	cps = NULL;
	status = HABAR_OK;
done:
	free(src);
	free(dst);
	free(cps);
	return status;
}
