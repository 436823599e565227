/*
 * test_tmx.c: translation memories: TMX dates, duplicate units, units from
 * a parallel document, the TMX writer read back by the TMX reader, inline
 * codes, and hostile or malformed files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/parallel.h>
#include <habar/tmx.h>

#include "check.h"

static void
test_dates(void)
{
	char out[32];

	CHECK(habar_tmx_date(out, sizeof(out), "2026-11-25") == 1);
	CHECK_STR(out, "20261125T000000Z");
	CHECK(habar_tmx_date(out, sizeof(out), "2026-11-25T10:30:05Z") == 1);
	CHECK_STR(out, "20261125T103005Z");
	CHECK(habar_tmx_date(out, sizeof(out), "2026-11-25 10:30") == 1);
	CHECK_STR(out, "20261125T103000Z");
	CHECK(habar_tmx_date(out, sizeof(out), "25.11.2026") == 0);
	CHECK(habar_tmx_date(out, sizeof(out), "2026-13-01") == 0);
	CHECK(habar_tmx_date(out, 8, "2026-11-25") == 0);
}

static void
test_duplicates(void)
{
	struct habar_tmx *tmx;
	const char *l1[] = { "en", "ru" }, *t1[] = { "Yes.", "Да." };
	const char *l2[] = { "ru", "en" }, *t2[] = { "Да.", "Yes." };
	const char *t3[] = { "Yes!", "Да." };
	int added;

	CHECK(habar_tmx_new(&tmx) == HABAR_OK);
	CHECK(habar_tmx_add(tmx, l1, t1, 2, "20260101T000000Z", "r1", &added) ==
	    HABAR_OK && added);
	CHECK(habar_tmx_add(tmx, l2, t2, 2, NULL, "r2", &added) == HABAR_OK &&
	    !added);
	CHECK(habar_tmx_add(tmx, l1, t3, 2, NULL, NULL, &added) == HABAR_OK &&
	    added);
	CHECK(habar_tmx_add(tmx, l1, t1, 1, NULL, NULL, &added) ==
	    HABAR_ERR_ARGUMENT);
	CHECK(habar_tmx_count(tmx) == 2);
	CHECK_STR(habar_tmx_unit(tmx, 0)->release_id, "r1");
	CHECK(habar_tmx_unit(tmx, 2) == NULL);
	habar_tmx_free(tmx);
}

static struct habar_parallel *
make_doc(void)
{
	struct habar_parallel *doc;
	struct habar_parallel_run runs[3] = { { 0, 1 }, { 0, 2 }, { 0, 1 } };

	CHECK(habar_parallel_new(&doc) == HABAR_OK);
	habar_parallel_set(doc, "id", "forum & co");
	habar_parallel_set(doc, "date", "2026-03-14");
	habar_parallel_add_language(doc, "en", NULL);
	habar_parallel_add_language(doc, "ru", NULL);
	habar_parallel_add_language(doc, "kk", NULL);
	habar_parallel_add_sentence(doc, 0, "It opens <today>.", 17, NULL);
	habar_parallel_add_sentence(doc, 0, "Alone.", 6, NULL);
	habar_parallel_add_sentence(doc, 1, "Открытие.", strlen("Открытие."), NULL);
	habar_parallel_add_sentence(doc, 1, "Сегодня.", strlen("Сегодня."), NULL);
	habar_parallel_add_sentence(doc, 2, "Бүгін ашылады.",
	    strlen("Бүгін ашылады."), NULL);
	CHECK(habar_parallel_add_link(doc, HABAR_PARALLEL_SENTENCES, runs, 0.9) ==
	    HABAR_OK);
	runs[0].first = 1;
	runs[1].first = 2;
	runs[1].count = 0;
	runs[2].first = 1;
	runs[2].count = 0;
	CHECK(habar_parallel_add_link(doc, HABAR_PARALLEL_SENTENCES, runs, 0.1) ==
	    HABAR_OK);
	return doc;
}

static void
test_round_trip(void)
{
	struct habar_tmx *tmx, *back;
	struct habar_parallel *doc = make_doc();
	struct habar_parallel_error err;
	const struct habar_tmx_unit *u;
	char *out = NULL, *out2 = NULL;
	size_t len = 0, len2 = 0;
	FILE *fp;

	CHECK(habar_tmx_new(&tmx) == HABAR_OK);
	CHECK(habar_tmx_add_parallel(tmx, doc) == HABAR_OK);
	CHECK(habar_tmx_count(tmx) == 1);	/* the 1-0-0 link is no unit */
	u = habar_tmx_unit(tmx, 0);
	CHECK(u != NULL && u->variant_count == 3);
	if (u != NULL && u->variant_count == 3) {
		CHECK_STR(u->variants[1].text, "Открытие. Сегодня.");
		CHECK_STR(u->date, "20260314T000000Z");
		CHECK_STR(u->release_id, "forum & co");
	}
	fp = open_memstream(&out, &len);
	CHECK(habar_tmx_write(tmx, fp) == HABAR_OK);
	fclose(fp);
	CHECK(strstr(out, "srclang=\"en\"") != NULL);
	CHECK(strstr(out, "creationtool=\"habar\"") != NULL);
	CHECK(strstr(out, "<seg>It opens &lt;today&gt;.</seg>") != NULL);
	CHECK(strstr(out, "<prop type=\"x-release-id\">forum &amp; co</prop>") !=
	    NULL);

	/* Read back, and merged with itself: nothing doubles. */
	CHECK(habar_tmx_new(&back) == HABAR_OK);
	CHECK(habar_tmx_add_xml(back, out, len, &err) == HABAR_OK);
	CHECK(habar_tmx_add_xml(back, out, len, &err) == HABAR_OK);
	CHECK(habar_tmx_count(back) == 1);
	fp = open_memstream(&out2, &len2);
	CHECK(habar_tmx_write(back, fp) == HABAR_OK);
	fclose(fp);
	CHECK(len == len2 && memcmp(out, out2, len) == 0);
	habar_tmx_free(back);
	habar_tmx_free(tmx);
	habar_parallel_free(doc);
	free(out);
	free(out2);
}

static void
test_reader(void)
{
	static const char inline_codes[] =
	    "<tmx version=\"1.4\"><header srclang=\"*all*\"/><body>"
	    "<tu><tuv lang=\"en\"><seg>A <bpt i=\"1\">{b}</bpt>bold"
	    "<ept i=\"1\">{/b}</ept> <hi>word</hi>.</seg></tuv>"
	    "<tuv xml:lang=\"kk\"><seg><![CDATA[Қалың <сөз>.]]></seg></tuv></tu>"
	    "</body></tmx>";
	static const char xxe[] =
	    "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n<!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\">\n]>\n<tmx version=\"1.4\"><header/><body>"
	    "<tu><tuv xml:lang=\"en\"><seg>&x;</seg></tuv></tu></body></tmx>";
	static const char malformed[] =
	    "<tmx version=\"1.4\">\n<header/>\n<body>\n<tu><tuv xml:lang=\"en\">"
	    "<seg>a</tuv></tu>\n</body></tmx>";
	static const char no_lang[] =
	    "<tmx version=\"1.4\"><header/><body>\n<tu><tuv><seg>a</seg></tuv>"
	    "<tuv xml:lang=\"ru\"><seg>б</seg></tuv></tu></body></tmx>";
	struct habar_tmx *tmx;
	struct habar_parallel_error err;
	const struct habar_tmx_unit *u;

	CHECK(habar_tmx_new(&tmx) == HABAR_OK);
	CHECK(habar_tmx_add_xml(tmx, inline_codes, strlen(inline_codes), &err) ==
	    HABAR_OK);
	u = habar_tmx_unit(tmx, 0);
	CHECK(u != NULL);
	if (u != NULL) {
		CHECK_STR(u->variants[0].lang, "en");
		CHECK_STR(u->variants[0].text, "A bold word.");
		CHECK_STR(u->variants[1].text, "Қалың <сөз>.");
	}
	CHECK(habar_tmx_add_xml(tmx, xxe, strlen(xxe), &err) == HABAR_ERR_INPUT);
	CHECK(strstr(err.message, "entity") != NULL && err.line == 3);
	CHECK(habar_tmx_add_xml(tmx, malformed, strlen(malformed), &err) ==
	    HABAR_ERR_INPUT);
	CHECK(strstr(err.message, "malformed XML") != NULL && err.line == 4);
	CHECK(habar_tmx_add_xml(tmx, no_lang, strlen(no_lang), &err) ==
	    HABAR_ERR_INPUT);
	CHECK(strstr(err.message, "xml:lang") != NULL && err.line == 2);
	CHECK(habar_tmx_add_xml(tmx, "<html/>", 7, &err) == HABAR_ERR_INPUT);
	CHECK(strstr(err.message, "neither") != NULL);
	CHECK(habar_tmx_count(tmx) == 1);	/* failures added nothing */
	habar_tmx_free(tmx);
}

int
main(void)
{
	test_dates();
	test_duplicates();
	test_round_trip();
	test_reader();
	return CHECK_DONE();
}
