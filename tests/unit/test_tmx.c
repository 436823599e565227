/*
 * test_tmx.c: translation memories: TMX dates, duplicate units, units from
 * a parallel document, the TMX writer read back by the TMX reader, inline
 * codes, and hostile or malformed files; the streaming reader and writer,
 * what units carry, the confidence threshold, bilingual output, and the
 * attribute cap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	/* The line is the root element's: libxml2 keeps none for a
	 * declaration. */
	CHECK(strstr(err.message, "entity") != NULL && err.line == 5);
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

/* A TMX file as OmegaT and other tools write them: dates per variant,
 * properties and notes at both levels. */
static const char tools_tmx[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
    "<tmx version=\"1.4\"><header creationtool=\"t\" srclang=\"en\">"
    "<note>header notes are not units</note></header><body>\n"
    "<!-- a comment with a quote ' and an = sign -->\n"
    "<tu tuid=\"7\" changedate=\"20261120T101500Z\" bogus=\"dropped\">\n"
    "<prop type=\"x-release-id\">r-9</prop>"
    "<prop type=\"x-habar-confidence\">0.73</prop>"
    "<prop type=\"x-origin\" xml:lang=\"en\">a=b</prop><note>n &amp; m</note>\n"
    "<tuv xml:lang=\"en\" creationid=\"ann\" "
    "creationdate=\"20261119T080000Z\"><seg>Hello.</seg></tuv>\n"
    "<tuv xml:lang=\"kk\" changedate=\"20261120T101500Z\">"
    "<prop type=\"x-checked\">yes</prop><seg>Сәлем.</seg></tuv>\n"
    "<tuv xml:lang=\"ru\"><seg/></tuv>\n"
    "</tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>Alone.</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>Low.</seg></tuv>"
    "<tuv xml:lang=\"ru\"><seg>Низко.</seg></tuv>"
    "<prop type=\"x-habar-confidence\">0.20</prop></tu>\n"
    "</body></tmx>\n";

static void
test_stream_reader(void)
{
	struct habar_tmx_reader *r;
	struct habar_parallel_error err;
	const struct habar_tmx_unit *u;
	const struct habar_tmx_variant *v;

	CHECK(habar_tmx_reader_open_memory(&r, tools_tmx, strlen(tools_tmx),
	    &err) == HABAR_OK);
	CHECK(!habar_tmx_reader_is_parallel(r));
	CHECK(habar_tmx_reader_next(r, &u, &err) == HABAR_OK && u != NULL);
	if (u != NULL) {
		CHECK(u->variant_count == 3);
		CHECK_STR(u->release_id, "r-9");
		CHECK(u->confidence > 0.729 && u->confidence < 0.731);
		CHECK(u->attr_count == 2);	/* bogus is no TMX attribute */
		CHECK_STR(u->attrs[0].name, "tuid");
		CHECK_STR(u->attrs[1].name, "changedate");
		CHECK(u->prop_count == 2);
		CHECK_STR(u->props[0].type, "x-origin");
		CHECK_STR(u->props[0].lang, "en");
		CHECK_STR(u->props[0].text, "a=b");
		CHECK(u->props[1].type == NULL);
		CHECK_STR(u->props[1].text, "n & m");
		v = &u->variants[0];
		CHECK(v->attr_count == 2);
		CHECK_STR(v->attrs[1].name, "creationdate");
		CHECK_STR(v->attrs[1].value, "20261119T080000Z");
		v = &u->variants[1];
		CHECK_STR(v->text, "Сәлем.");
		CHECK(v->attr_count == 1 && v->prop_count == 1);
		CHECK_STR(v->props[0].text, "yes");
		CHECK_STR(u->variants[2].text, "");
	}
	/* The one-language unit is skipped. */
	CHECK(habar_tmx_reader_next(r, &u, &err) == HABAR_OK && u != NULL);
	if (u != NULL) {
		CHECK_STR(u->variants[0].text, "Low.");
		CHECK(u->confidence > 0.19 && u->confidence < 0.21);
	}
	CHECK(habar_tmx_reader_next(r, &u, &err) == HABAR_OK && u == NULL);
	CHECK(habar_tmx_reader_next(r, &u, &err) == HABAR_OK && u == NULL);
	habar_tmx_reader_close(r);
}

/* What a unit brings is written back; its confidence filters it. */
static void
test_kept_on_merge(void)
{
	struct habar_tmx *tmx;
	struct habar_parallel_error err;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	CHECK(habar_tmx_new(&tmx) == HABAR_OK);
	CHECK(habar_tmx_add_xml(tmx, tools_tmx, strlen(tools_tmx), &err) ==
	    HABAR_OK);
	CHECK(habar_tmx_count(tmx) == 1);	/* 0.20 is below 0.5 */
	fp = open_memstream(&out, &len);
	CHECK(habar_tmx_write(tmx, fp) == HABAR_OK);
	fclose(fp);
	CHECK(strstr(out, "<tu tuid=\"7\" changedate=\"20261120T101500Z\">") !=
	    NULL);
	CHECK(strstr(out, "<tuv xml:lang=\"en\" creationid=\"ann\" "
	    "creationdate=\"20261119T080000Z\"><seg>Hello.</seg></tuv>") != NULL);
	CHECK(strstr(out, "<tuv xml:lang=\"kk\" changedate=\"20261120T101500Z\">"
	    "<prop type=\"x-checked\">yes</prop><seg>") != NULL);
	CHECK(strstr(out, "<prop type=\"x-habar-confidence\">0.73</prop>") !=
	    NULL);
	CHECK(strstr(out, "<prop type=\"x-origin\" xml:lang=\"en\">a=b</prop>"
	    "<note>n &amp; m</note>") != NULL);
	CHECK(strstr(out, "bogus") == NULL);
	habar_tmx_free(tmx);

	/* With no minimum the doubtful unit stays, its confidence with it. */
	CHECK(habar_tmx_new(&tmx) == HABAR_OK);
	habar_tmx_set_min_confidence(tmx, 0.0);
	CHECK(habar_tmx_add_xml(tmx, tools_tmx, strlen(tools_tmx), &err) ==
	    HABAR_OK);
	CHECK(habar_tmx_count(tmx) == 2);
	habar_tmx_free(tmx);
	free(out);
}

static void
test_parallel_confidence(void)
{
	struct habar_tmx *tmx;
	struct habar_parallel *doc = make_doc();
	struct habar_parallel_run runs[3] = { { 1, 1 }, { 2, 0 }, { 1, 0 } };
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	/* A second link, en-ru, below the default minimum. */
	habar_parallel_add_sentence(doc, 1, "Одна.", strlen("Одна."), NULL);
	runs[1].count = 1;
	CHECK(habar_parallel_add_link(doc, HABAR_PARALLEL_SENTENCES, runs,
	    0.49) == HABAR_OK);
	CHECK(habar_tmx_new(&tmx) == HABAR_OK);
	CHECK(habar_tmx_add_parallel(tmx, doc) == HABAR_OK);
	CHECK(habar_tmx_count(tmx) == 1);
	fp = open_memstream(&out, &len);
	CHECK(habar_tmx_write(tmx, fp) == HABAR_OK);
	fclose(fp);
	CHECK(strstr(out, "<prop type=\"x-habar-confidence\">0.90</prop>") !=
	    NULL);
	habar_tmx_free(tmx);
	CHECK(habar_tmx_new(&tmx) == HABAR_OK);
	habar_tmx_set_min_confidence(tmx, 0.4);
	CHECK(habar_tmx_add_parallel(tmx, doc) == HABAR_OK);
	CHECK(habar_tmx_count(tmx) == 2);
	habar_tmx_free(tmx);
	habar_parallel_free(doc);
	free(out);
}

/* Writes the units of xml through a writer with opt; returns the TMX. */
static char *
through_writer(const char *xml, const struct habar_tmx_writer_options *opt,
    size_t *count)
{
	struct habar_tmx_reader *r;
	struct habar_tmx_writer *w;
	struct habar_parallel_error err;
	const struct habar_tmx_unit *u;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	CHECK(habar_tmx_writer_new(&w, opt) == HABAR_OK);
	/* Twice: the second time everything is a duplicate. */
	for (int pass = 0; pass < 2; pass++) {
		CHECK(habar_tmx_reader_open_memory(&r, xml, strlen(xml), &err) ==
		    HABAR_OK);
		while (habar_tmx_reader_next(r, &u, &err) == HABAR_OK &&
		    u != NULL)
			CHECK(habar_tmx_writer_add(w, u, NULL) == HABAR_OK);
		habar_tmx_reader_close(r);
	}
	*count = habar_tmx_writer_count(w);
	fp = open_memstream(&out, &len);
	CHECK(habar_tmx_writer_finish(w, fp) == HABAR_OK);
	fclose(fp);
	habar_tmx_writer_free(w);
	return out;
}

static void
test_writer(void)
{
	static const char three[] =
	    "<tmx version=\"1.4\"><header/><body>"
	    "<tu creationdate=\"20250101T000000Z\"><tuv xml:lang=\"ru\"><seg>Да.</seg></tuv>"
	    "<tuv xml:lang=\"en\"><seg>Yes.</seg></tuv>"
	    "<tuv xml:lang=\"kk\"><seg>Иә.</seg></tuv></tu>"
	    "<tu creationdate=\"20260101T000000Z\" srclang=\"ru\">"
	    "<tuv xml:lang=\"kk\"><seg>Иә.</seg></tuv>"
	    "<tuv xml:lang=\"ru\"><seg>Да!</seg></tuv>"
	    "<tuv xml:lang=\"en\"><seg>Yes.</seg></tuv></tu>"
	    "<tu><tuv xml:lang=\"ru\"><seg>Нет.</seg></tuv>"
	    "<tuv xml:lang=\"en\"><seg>No.</seg></tuv></tu>"
	    "</body></tmx>";
	struct habar_tmx_writer_options opt;
	struct habar_tmx_writer *w;
	struct habar_tmx *back;
	struct habar_parallel_error err;
	char *out;
	size_t n;

	memset(&opt, 0, sizeof(opt));
	out = through_writer(three, NULL, &n);
	CHECK(n == 3);
	CHECK(strstr(out, "srclang=\"ru\" o-tmf=\"habar\" "
	    "creationdate=\"20260101T000000Z\"") != NULL);
	free(out);

	/* The en-kk pair: two variants, English first, the Russian-only
	 * difference collapsing, the unit without Kazakh gone. */
	opt.pair[0] = "en";
	opt.pair[1] = "kk";
	out = through_writer(three, &opt, &n);
	CHECK(n == 1);
	CHECK(strstr(out, "srclang=\"en\"") != NULL);
	CHECK(strstr(out, "<tuv xml:lang=\"en\"><seg>Yes.</seg></tuv>\n"
	    "      <tuv xml:lang=\"kk\"><seg>Иә.</seg></tuv>\n    </tu>") != NULL);
	CHECK(strstr(out, "xml:lang=\"ru\"") == NULL);
	CHECK(habar_tmx_new(&back) == HABAR_OK);
	CHECK(habar_tmx_add_xml(back, out, strlen(out), &err) == HABAR_OK);
	CHECK(habar_tmx_count(back) == 1);
	habar_tmx_free(back);
	free(out);

	/* ru-en keeps the unit's own srclang="ru"; en-kk above lost it. */
	opt.pair[0] = "ru";
	opt.pair[1] = "en";
	out = through_writer(three, &opt, &n);
	CHECK(n == 3);
	CHECK(strstr(out, "srclang=\"ru\">") != NULL);
	free(out);

	opt.pair[1] = "ru";
	CHECK(habar_tmx_writer_new(&w, &opt) == HABAR_ERR_ARGUMENT);
	opt.pair[1] = NULL;
	CHECK(habar_tmx_writer_new(&w, &opt) == HABAR_ERR_ARGUMENT);

	/* An empty memory is still a valid file. */
	opt.pair[0] = NULL;
	out = through_writer("<tmx version=\"1.4\"><header/><body/></tmx>",
	    &opt, &n);
	CHECK(n == 0 && strstr(out, "srclang=\"*all*\"") != NULL &&
	    strstr(out, "<body>\n  </body>") != NULL);
	free(out);
}

/* Elapsed seconds since *t0. */
static double
since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* An element of 100,000 attributes is refused before libxml2 spends
 * minutes on it; so is one past the cap, and the count is per element. */
static void
test_attribute_cap(void)
{
	struct habar_tmx_reader *r;
	struct habar_parallel_error err;
	const struct habar_tmx_unit *u;
	struct timespec t0;
	char *xml, *p;
	size_t i, cap = 100000 * 16 + 200;
	struct habar_tmx *tmx;

	xml = malloc(cap);
	CHECK(xml != NULL);
	if (xml == NULL)
		return;
	p = xml + sprintf(xml, "<tmx version=\"1.4\"><header/><body>\n<tu");
	for (i = 0; i < 100000; i++)
		p += sprintf(p, " a%zu=\"'>\"", i);
	strcpy(p, "><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu></body></tmx>");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK(habar_tmx_new(&tmx) == HABAR_OK);
	CHECK(habar_tmx_add_xml(tmx, xml, strlen(xml), &err) == HABAR_ERR_LIMIT);
	CHECK(strstr(err.message, "more than 256 attributes (the limit)") != NULL);
	CHECK(err.line == 2);
	CHECK(since(&t0) < 1.0);
	habar_tmx_free(tmx);

	/* 256 attributes pass, 257 do not; the count starts again. */
	for (i = 255; i <= 256; i++) {
		size_t k;

		p = xml + sprintf(xml, "<tmx version=\"1.4\"><header/><body><tu");
		for (k = 0; k < 256; k++)
			p += sprintf(p, " a%zu='='", k);
		p += sprintf(p, "><tuv xml:lang=\"en\"");
		for (k = 0; k < i; k++)
			p += sprintf(p, " b%zu=\"\"", k);
		strcpy(p, "><seg>a</seg></tuv><tuv xml:lang=\"ru\"><seg>б</seg>"
		    "</tuv></tu></body></tmx>");
		CHECK(habar_tmx_reader_open_memory(&r, xml, strlen(xml), &err) ==
		    HABAR_OK);
		CHECK(habar_tmx_reader_next(r, &u, &err) == (i == 255 ?
		    HABAR_OK : HABAR_ERR_LIMIT));
		habar_tmx_reader_close(r);
	}
	free(xml);
}

/* Entity declarations are refused by what the parser read: also behind
 * a comment whose quotation mark would fool a scan of quoted strings, and
 * in UTF-16, where the bytes of "<!ENTITY" are not together; the words in
 * a comment are no declaration. */
static void
test_scan_entities(void)
{
	static const char hidden[] =
	    "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\" [\n"
	    "<!-- don't -->\n<!ENTITY % p \"x\">\n]>\n<tmx version=\"1.4\">"
	    "<header/><body/></tmx>";
	static const char subset_ok[] =
	    "<!DOCTYPE tmx [ <!ELEMENT tmx ANY> <!-- a comment --> ]>"
	    "<tmx version=\"1.4\"><header/><body/></tmx>";
	struct habar_tmx_reader *r;
	struct habar_parallel_error err;

	CHECK(habar_tmx_reader_open_memory(&r, hidden, strlen(hidden), &err) ==
	    HABAR_ERR_INPUT);
	CHECK(strstr(err.message, "entity declaration 'p' in the document "
	    "type refused") != NULL);
	CHECK(err.line == 6);
	CHECK(habar_tmx_reader_open_memory(&r, subset_ok, strlen(subset_ok),
	    &err) == HABAR_OK);
	habar_tmx_reader_close(r);
	/* "<!ENTITY x 'y'>" in UTF-16LE, in a document type. */
	{
		static const char head[] = "<?xml version=\"1.0\" encoding="
		    "\"UTF-16\"?>\n<!DOCTYPE tmx [<!ENTITY x 'y'>]>\n"
		    "<tmx version=\"1.4\"><header/><body/></tmx>";
		char wide[2 * sizeof(head) + 2];
		size_t i, n = 0;

		wide[n++] = (char)0xff;
		wide[n++] = (char)0xfe;
		for (i = 0; head[i] != '\0'; i++) {
			wide[n++] = head[i];
			wide[n++] = '\0';
		}
		CHECK(habar_tmx_reader_open_memory(&r, wide, n, &err) ==
		    HABAR_ERR_INPUT);
		CHECK(strstr(err.message, "entity declaration 'x' in the "
		    "document type refused") != NULL);
	}
	/* The words of a declaration in a comment declare nothing: the
	 * parser says what is declared, not a search of the bytes. */
	{
		static const char commented[] = "<?xml version=\"1.0\"?>\n"
		    "<!-- <!ENTITY x \"y\"> -->\n<!DOCTYPE tmx [\n"
		    "<!-- <!ENTITY % p \"x\"> -->\n]>\n<tmx version=\"1.4\">"
		    "<header/><body><tu><tuv xml:lang=\"en\"><seg>a <!-- "
		    "<!ENTITY z 'z'> --></seg></tuv></tu></body></tmx>";

		CHECK(habar_tmx_reader_open_memory(&r, commented,
		    strlen(commented), &err) == HABAR_OK);
		habar_tmx_reader_close(r);
	}
}

/* A parallel document through a stream, and what is not a memory. */
static void
test_stream_kinds(void)
{
	struct habar_parallel *doc = make_doc();
	struct habar_tmx_reader *r;
	struct habar_parallel_error err;
	const struct habar_tmx_unit *u;
	struct timespec t0;
	FILE *fp;

	fp = tmpfile();
	CHECK(fp != NULL && habar_parallel_write(doc, fp) == HABAR_OK);
	rewind(fp);
	CHECK(habar_tmx_reader_open(&r, fp, &err) == HABAR_OK);
	CHECK(habar_tmx_reader_is_parallel(r));
	CHECK(habar_tmx_reader_next(r, &u, &err) == HABAR_OK && u != NULL);
	if (u != NULL) {
		CHECK_STR(u->variants[1].text, "Открытие. Сегодня.");
		CHECK(u->confidence > 0.89 && u->confidence < 0.91);
	}
	CHECK(habar_tmx_reader_next(r, &u, &err) == HABAR_OK && u == NULL);
	habar_tmx_reader_close(r);
	fclose(fp);
	habar_parallel_free(doc);

	/* Zeros, as from /dev/zero, are refused at once, not read on. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((fp = fopen("/dev/zero", "rb")) != NULL) {
		CHECK(habar_tmx_reader_open(&r, fp, &err) == HABAR_ERR_INPUT);
		CHECK(strstr(err.message, "malformed XML") != NULL);
		CHECK(since(&t0) < 1.0);
		fclose(fp);
	}
	fp = tmpfile();
	fputs("<?xml version=\"1.0\"?>\n<html><body/></html>", fp);
	rewind(fp);
	CHECK(habar_tmx_reader_open(&r, fp, &err) == HABAR_ERR_INPUT);
	CHECK(strstr(err.message, "root element <html>") != NULL);
	CHECK(err.line == 2);
	fclose(fp);
}

int
main(void)
{
	test_dates();
	test_duplicates();
	test_round_trip();
	test_reader();
	test_stream_reader();
	test_kept_on_merge();
	test_parallel_confidence();
	test_writer();
	test_attribute_cap();
	test_scan_entities();
	test_stream_kinds();
	return CHECK_DONE();
}
