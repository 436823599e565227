/*
 * test_date.c: the release date field (habar_date_parse()): a year, a
 * month or a day, with a time or not, and nothing else.
 */
#include <habar/habar.h>

#include "check.h"

static void
test_forms(void)
{
	static const struct {
		const char *text;
		enum habar_date_precision precision;
		int year, month, day, hour, minute, offset;
	} cases[] = {
		{ "2026", HABAR_DATE_YEAR, 2026, 1, 1, 0, 0, 0 },
		{ "2026-02", HABAR_DATE_MONTH, 2026, 2, 1, 0, 0, 0 },
		{ "2026-02-06", HABAR_DATE_DAY, 2026, 2, 6, 0, 0, 0 },
		{ "2024-02-29", HABAR_DATE_DAY, 2024, 2, 29, 0, 0, 0 },
		{ "2026-02-06T10:30", HABAR_DATE_TIME, 2026, 2, 6, 10, 30, 0 },
		{ "2026-02-06 10:30:15Z", HABAR_DATE_TIME, 2026, 2, 6, 10, 30, 0 },
		{ "2026-02-06T10:30+05:00", HABAR_DATE_TIME, 2026, 2, 6, 10, 30,
		  300 },
		{ "2026-02-06T10:30-03:30", HABAR_DATE_TIME, 2026, 2, 6, 10, 30,
		  -210 },
	};
	static const char *const bad[] = {
		"", "26", "202", "20266", "2026-2", "2026-13", "2026-00",
		"2026-02-30", "2025-02-29", "2026-02-06T", "2026-02-06T10",
		"2026-02-06T10:", "2026-02-06T24:00", "2026-02-06T10:30+05",
		"2026-02-06T10:30+05:", "2026-02-06x", "2026-02 ", " 2026",
		"06.02.2026", "февраль 2026", "0999", "2026-02T10:30"
	};
	struct habar_date d;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK(habar_date_parse(&d, cases[i].text) == cases[i].precision);
		CHECK(d.precision == cases[i].precision);
		CHECK(d.year == cases[i].year && d.month == cases[i].month &&
		    d.day == cases[i].day);
		CHECK(d.hour == cases[i].hour && d.minute == cases[i].minute);
		CHECK(d.offset == cases[i].offset);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (habar_date_parse(&d, bad[i]) != HABAR_DATE_NONE)
			CHECK_STR(bad[i], "(refused)");
		CHECK(d.precision == HABAR_DATE_NONE && d.year == 0);
	}
	CHECK(habar_date_parse(&d, NULL) == HABAR_DATE_NONE);
}

/* The release reader refuses a bad date at once, naming the field and
 * its line; a month or a year is a date. */
static void
test_release_date(void)
{
	static const char good[] = "---\nid: x\ndate: 2026-02\n---\n\nText.\n";
	static const char bad[] = "---\nid: x\ndate: 24.11.2026\n---\n\nText.\n";
	struct habar_release *release;
	struct habar_release_line line;
	FILE *fp = fmemopen((void *)good, sizeof(good) - 1, "r");

	CHECK(habar_release_new(&release, fp, 0) == HABAR_OK);
	while (habar_release_next(release, &line) == HABAR_OK)
		;
	CHECK_STR(habar_release_get(release, "date"), "2026-02");
	habar_release_free(release);
	fclose(fp);

	fp = fmemopen((void *)bad, sizeof(bad) - 1, "r");
	CHECK(habar_release_new(&release, fp, 0) == HABAR_OK);
	CHECK(habar_release_next(release, &line) == HABAR_ERR_INPUT);
	CHECK_STR(habar_release_error(release), "field 'date': "
	    "'24.11.2026' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
	CHECK(habar_release_line_number(release) == 3);
	habar_release_free(release);
	fclose(fp);
}

/* A pack dated by a month or a year; before 1980 zip cannot date it. */
static void
test_pack_date(void)
{
	struct habar_pack *pack;
	char tmx[32];

	CHECK(habar_pack_new(&pack, "x", "2026-02", NULL) == HABAR_OK);
	habar_pack_free(pack);
	CHECK(habar_pack_new(&pack, "x", "2026", NULL) == HABAR_OK);
	habar_pack_free(pack);
	CHECK(habar_pack_new(&pack, "x", "1975", NULL) == HABAR_ERR_ARGUMENT);
	CHECK(habar_pack_new(&pack, "x", "2026-13", NULL) == HABAR_ERR_ARGUMENT);
	CHECK(habar_tmx_date(tmx, sizeof(tmx), "2026-02") == 1);
	CHECK_STR(tmx, "20260201T000000Z");
	CHECK(habar_tmx_date(tmx, sizeof(tmx), "2026") == 1);
	CHECK_STR(tmx, "20260101T000000Z");
	CHECK(habar_tmx_date(tmx, sizeof(tmx), "2026-02-30") == 0);
}

int
main(void)
{
	test_forms();
	test_release_date();
	test_pack_date();
	return CHECK_DONE();
}
