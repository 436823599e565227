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

#endif
