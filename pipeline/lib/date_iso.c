/*
 * date_iso.c: the date field of a release, ISO 8601 of a year, a month or
 * a day (with a time or not).  Press offices date some releases only by
 * month ("date: 2026-02", a digest) or year; every program must agree on
 * what is a date and what is not, so there is one parser, here.
 */
#include <string.h>

#include <habar/date.h>

/* Reads n digits at *p into *value; returns 0 if they are not there. */
static int
digits(const char **p, int n, int *value)
{
	int v = 0;

	while (n-- > 0) {
		if (**p < '0' || **p > '9')
			return 0;
		v = v * 10 + (*(*p)++ - '0');
	}
	*value = v;
	return 1;
}

static int
days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
		return 29;
	return days[month - 1];
}

enum habar_date_precision
habar_date_parse(struct habar_date *date, const char *text)
{
	struct habar_date d;
	const char *p = text;
	int oh, om;

	memset(date, 0, sizeof(*date));
	memset(&d, 0, sizeof(d));
	d.month = d.day = 1;
	if (text == NULL || !digits(&p, 4, &d.year) || d.year < 1000)
		return HABAR_DATE_NONE;
	d.precision = HABAR_DATE_YEAR;
	if (*p == '-') {
		p++;
		if (!digits(&p, 2, &d.month) || d.month < 1 || d.month > 12)
			return HABAR_DATE_NONE;
		d.precision = HABAR_DATE_MONTH;
	}
	if (d.precision == HABAR_DATE_MONTH && *p == '-') {
		p++;
		if (!digits(&p, 2, &d.day) || d.day < 1 ||
		    d.day > days_in_month(d.year, d.month))
			return HABAR_DATE_NONE;
		d.precision = HABAR_DATE_DAY;
	}
	if (d.precision == HABAR_DATE_DAY && (*p == 'T' || *p == ' ') &&
	    p[1] != '\0') {
		p++;
		if (!digits(&p, 2, &d.hour) || *p != ':')
			return HABAR_DATE_NONE;
		p++;
		if (!digits(&p, 2, &d.minute))
			return HABAR_DATE_NONE;
		if (*p == ':' && (p++, !digits(&p, 2, &d.second)))
			return HABAR_DATE_NONE;
		if (d.hour > 23 || d.minute > 59 || d.second > 60)
			return HABAR_DATE_NONE;
		if (*p == 'Z')
			p++;
		else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1;

			if (!digits(&p, 2, &oh) || *p != ':')
				return HABAR_DATE_NONE;
			p++;
			if (!digits(&p, 2, &om) || oh > 23 || om > 59)
				return HABAR_DATE_NONE;
			d.offset = sign * (oh * 60 + om);
		}
		d.precision = HABAR_DATE_TIME;
	}
	if (*p != '\0')
		return HABAR_DATE_NONE;
	*date = d;
	return d.precision;
}
