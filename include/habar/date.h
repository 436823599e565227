/*
 * date.h: finding the date of a release in its text, in Kazakh, Russian
 * or English ("24–25 November 2005", "24 ноября 2005 г.", "2005 жылғы 24
 * қараша", "24.11.2005", "2005-11-24"), for pages that carry no date in
 * their markup.  Month names come from locales/<lang>/months.
 */
#ifndef HABAR_DATE_H
#define HABAR_DATE_H

#include <stddef.h>

#include <habar/status.h>

struct habar_dates;

/*
 * Loads the month names of kk, ru and en.  Returns HABAR_OK,
 * HABAR_ERR_NOTFOUND (a months file is missing), HABAR_ERR_LIBRARY (ICU's
 * case folding), HABAR_ERR_NOMEM.
 */
enum habar_status habar_dates_new(struct habar_dates **dates_out);

/* Frees the tables; NULL is harmless. */
void habar_dates_free(struct habar_dates *dates);

/*
 * Finds the first date in the len bytes of UTF-8 text and writes it as
 * "YYYY-MM-DD" into iso (the first day of a range).  *start and *end (when
 * not NULL) receive its byte span.  Returns 1 when a date was found, 0
 * otherwise.  Years from 1900 to 2099 only, so that numbers are not taken
 * for dates.
 */
int habar_dates_find(const struct habar_dates *dates, const char *text,
    size_t len, char iso[11], size_t *start, size_t *end);

/*
 * The place of a dateline ("Astana, 24 November 2005. ..."): the one to
 * three words before a comma that comes right before the date found at
 * byte date_start of first (habar_dates_find()'s *start).  Returns a copy
 * the caller frees, or NULL when first opens with no such place (or on
 * allocation failure).
 */
char *habar_dates_dateline_place(const char *first, size_t date_start);

/* How much of a date a release gives: a year, a month, a day, a time. */
enum habar_date_precision {
	HABAR_DATE_NONE = 0,	/* not an ISO 8601 date */
	HABAR_DATE_YEAR = 1,	/* "2026" */
	HABAR_DATE_MONTH = 2,	/* "2026-02" */
	HABAR_DATE_DAY = 3,	/* "2026-02-06" */
	HABAR_DATE_TIME = 4	/* "2026-02-06T10:30", seconds and zone optional */
};

/* A release date; fields below its precision are 1 (month, day) or 0. */
struct habar_date {
	enum habar_date_precision precision;
	int year, month, day, hour, minute, second;
	int offset;		/* minutes east of UTC ("Z" or none: 0) */
};

/*
 * Parses the date field of a release: ISO 8601 calendar dates of a year
 * ("2026"), a month ("2026-02") or a day ("2026-02-06"), a day with a
 * time ("2026-02-06T10:30", ":SS", "Z" or "+05:00" optional; a space
 * for the "T" too).  Years 1000 to 9999; days checked against their
 * month (leap years included).  Returns the precision, HABAR_DATE_NONE
 * (*date then zeroed) for anything else.
 */
enum habar_date_precision habar_date_parse(struct habar_date *date,
    const char *text);

/*
 * Writes date as a reader of language lang (a BCP 47 tag) expects it in
 * running text, NUL-terminated, into out (size bytes): «6 декабря 2024
 * года», «2024 жылғы 6 желтоқсан», "6 December 2024"; a month-only date
 * as a month («декабрь 2024 года»), a year-only date as a year («2024
 * год»), a time after its day, as the release gives it (no zone
 * conversion).  Month names come from ICU; the pattern from
 * locales/<lang>/date-patterns (keys day, month, year, time; ICU date
 * patterns) where the language has one, else ICU's for the language;
 * the file's "months" line, twelve names, replaces ICU's month names.
 * Returns HABAR_OK; HABAR_ERR_ARGUMENT (precision HABAR_DATE_NONE, no or
 * bad tag), HABAR_ERR_INPUT (a line of the data file too long, not
 * UTF-8, or a months line without twelve names),
 * HABAR_ERR_LIMIT (out too small), HABAR_ERR_LIBRARY (ICU failed); on
 * failure out holds "".
 */
enum habar_status habar_date_format(char *out, size_t size,
    const struct habar_date *date, const char *lang);

/* What a release date must look like, for messages. */
#define HABAR_DATE_FORMS "YYYY-MM-DD, YYYY-MM or YYYY"

#endif
