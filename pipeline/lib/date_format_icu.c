/*
 * date_format_icu.c: a release date as a reader of its language writes
 * it (see habar_date_format() in habar/date.h), for the HTML pages of a
 * pack.  ICU knows the month names and their grammatical forms («6
 * декабря», «декабрь»); its patterns are not always how press releases
 * write dates (ICU's Russian "2024 г." where releases write «2024 года»,
 * its Kazakh "2024 ж." where they write «2024 жылғы»), so a language's
 * locales/<lang>/date-patterns, where present, gives the pattern, and
 * ICU's own best pattern for the skeleton serves the other languages.
 * The same file may name the months where ICU has no names for the
 * language (Kazakh in Latin letters).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include <habar/date.h>

#include "data_internal.h"

#define MAX_PATTERN 128

/* The key of date-patterns and ICU's skeleton for each precision. */
static const char *
precision_key(enum habar_date_precision p, const char **skeleton)
{
	switch (p) {
	case HABAR_DATE_YEAR:
		*skeleton = "y";
		return "year";
	case HABAR_DATE_MONTH:
		*skeleton = "yMMMM";
		return "month";
	case HABAR_DATE_DAY:
		*skeleton = "yMMMMd";
		return "day";
	case HABAR_DATE_TIME:
		*skeleton = "yMMMMdHHmm";
		return "time";
	default:
		*skeleton = NULL;
		return NULL;
	}
}

/* Reads the value of key in lang's date-patterns into value (UTF-8).
 * Returns 1 when found, 0 when the language has no such line, -1 when
 * the value does not fit. */
static int
data_value(const char *lang, const char *key, char *value, size_t size)
{
	char line[1024];
	FILE *fp;
	int found = 0;

	if (habar__data_open(&fp, lang, "date-patterns") != HABAR_OK)
		return 0;
	while (!found && fgets(line, sizeof(line), fp) != NULL) {
		const char *k, *v;
		size_t klen, vlen;

		if (habar__data_key_value(line, strlen(line), &k, &klen, &v,
		    &vlen) != 1 || klen != strlen(key) ||
		    memcmp(k, key, klen) != 0)
			continue;
		found = vlen < size ? 1 : -1;
		if (found == 1) {
			memcpy(value, v, vlen);
			value[vlen] = '\0';
		}
	}
	fclose(fp);
	return found;
}

/* Converts UTF-8 text to a NUL-terminated UTF-16 string of at most size
 * units.  Returns 0, or -1 when it does not fit or is not UTF-8. */
static int
to_uchar(UChar *out, int32_t size, const char *text)
{
	UErrorCode err = U_ZERO_ERROR;

	u_strFromUTF8(out, size, NULL, text, -1, &err);
	return U_SUCCESS(err) && err != U_STRING_NOT_TERMINATED_WARNING ?
	    0 : -1;
}

/* Gives fmt the twelve month names of the "months" line of lang's
 * date-patterns, where it has one: for a language ICU has no names in
 * (Kazakh in Latin letters).  Returns 0, or -1 on a line that is not
 * twelve names. */
static int
set_months(UDateFormat *fmt, const char *lang)
{
	char names[1024], *name, *save = NULL;
	UChar uname[64];
	int found, i = 0;

	if ((found = data_value(lang, "months", names, sizeof(names))) <= 0)
		return found;
	for (name = strtok_r(names, " \t", &save); name != NULL;
	    name = strtok_r(NULL, " \t", &save)) {
		UErrorCode err = U_ZERO_ERROR;
		if (i == 12 || to_uchar(uname, 64, name) != 0)
			return -1;
		udat_setSymbols(fmt, UDAT_MONTHS, i, uname, -1, &err);
		udat_setSymbols(fmt, UDAT_STANDALONE_MONTHS, i, uname, -1,
		    &err);
		if (U_FAILURE(err))
			return -1;
		i++;
	}
	return i == 12 ? 0 : -1;
}

enum habar_status
habar_date_format(char *out, size_t size, const struct habar_date *date,
    const char *lang)
{
	UChar pattern[MAX_PATTERN], skeleton_u[16], text[256];
	char locale[ULOC_FULLNAME_CAPACITY], value[MAX_PATTERN * 4];
	const char *key, *skeleton;
	UDateTimePatternGenerator *gen = NULL;
	UDateFormat *fmt = NULL;
	UCalendar *cal = NULL;
	UErrorCode err = U_ZERO_ERROR;
	enum habar_status status = HABAR_ERR_LIBRARY;
	int32_t n;
	UDate when;
	int found;

	if (size > 0)
		out[0] = '\0';
	if (size == 0 || lang == NULL ||
	    (key = precision_key(date->precision, &skeleton)) == NULL)
		return HABAR_ERR_ARGUMENT;
	uloc_forLanguageTag(lang, locale, sizeof(locale), NULL, &err);
	if (U_FAILURE(err) || err == U_STRING_NOT_TERMINATED_WARNING)
		return HABAR_ERR_ARGUMENT;
	found = data_value(lang, key, value, sizeof(value));
	if (found < 0 || (found > 0 && to_uchar(pattern, MAX_PATTERN, value) != 0))
		return HABAR_ERR_INPUT;
	if (found == 0) {
		gen = udatpg_open(locale, &err);
		u_uastrcpy(skeleton_u, skeleton);
		udatpg_getBestPattern(gen, skeleton_u, -1, pattern,
		    MAX_PATTERN, &err);
		if (U_FAILURE(err) || err == U_STRING_NOT_TERMINATED_WARNING)
			goto done;
	}
	/* The wall-clock time the release gives, shown as given: the
	 * calendar and the format both work in UTC, so no zone moves it. */
	cal = ucal_open(u"UTC", -1, locale, UCAL_GREGORIAN, &err);
	if (U_FAILURE(err))
		goto done;
	ucal_clear(cal);
	ucal_setDateTime(cal, date->year, date->month - 1, date->day,
	    date->hour, date->minute, date->second, &err);
	when = ucal_getMillis(cal, &err);
	fmt = udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, u"UTC", -1,
	    pattern, -1, &err);
	if (U_FAILURE(err))
		goto done;
	if (set_months(fmt, lang) != 0) {
		status = HABAR_ERR_INPUT;
		goto done;
	}
	n = udat_format(fmt, when, text, (int32_t)(sizeof(text) /
	    sizeof(text[0])), NULL, &err);
	if (U_FAILURE(err) || err == U_STRING_NOT_TERMINATED_WARNING)
		goto done;
	u_strToUTF8(out, (int32_t)(size > INT32_MAX ? INT32_MAX : size), NULL,
	    text, n, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR ||
	    err == U_STRING_NOT_TERMINATED_WARNING) {
		out[0] = '\0';
		status = HABAR_ERR_LIMIT;
		goto done;
	}
	status = U_SUCCESS(err) ? HABAR_OK : HABAR_ERR_LIBRARY;
done:
	if (status != HABAR_OK)
		out[0] = '\0';
	if (fmt != NULL)
		udat_close(fmt);
	if (cal != NULL)
		ucal_close(cal);
	if (gen != NULL)
		udatpg_close(gen);
	return status;
}
