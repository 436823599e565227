/*
 * test_parallel.c: the parallel document, its XML writer and its reader:
 * a round trip, validity against schemas/habar-parallel.rng (libxml2's
 * RELAX NG validator), hostile files (XXE, billion laughs), malformed XML
 * reported with its line, and references the schema cannot check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>
#include <libxml/parser.h>

#include <habar/parallel.h>

#include "check.h"

static struct habar_parallel *
make_doc(void)
{
	struct habar_parallel *doc;
	struct habar_parallel_run runs[3];
	size_t en, ru, kk;

	CHECK(habar_parallel_new(&doc) == HABAR_OK);
	CHECK(habar_parallel_set(doc, "id", "forum-2026") == HABAR_OK);
	CHECK(habar_parallel_set(doc, "date", "2026-03-14") == HABAR_OK);
	CHECK(habar_parallel_add_language(doc, "en", &en) == HABAR_OK);
	CHECK(habar_parallel_add_language(doc, "ru", &ru) == HABAR_OK);
	CHECK(habar_parallel_add_language(doc, "kk", &kk) == HABAR_OK);
	CHECK(habar_parallel_add_language(doc, "ru", NULL) == HABAR_ERR_ARGUMENT);
	CHECK(habar_parallel_add_field(doc, en, "title", "A <forum> & \"more\"") ==
	    HABAR_OK);
	CHECK(habar_parallel_add_field(doc, ru, "title", "Форум") == HABAR_OK);
	CHECK(habar_parallel_add_paragraph(doc, en, NULL) == HABAR_OK);
	CHECK(habar_parallel_add_sentence(doc, en, "Astana hosts it.", 16, NULL) ==
	    HABAR_OK);
	CHECK(habar_parallel_add_sentence(doc, en, "It opens on 14 March.", 21,
	    NULL) == HABAR_OK);
	CHECK(habar_parallel_add_sentence(doc, ru,
	    "Астана принимает форум, он открывается 14 марта.",
	    strlen("Астана принимает форум, он открывается 14 марта."), NULL) ==
	    HABAR_OK);
	CHECK(habar_parallel_add_sentence(doc, kk, "Форум Астанада.",
	    strlen("Форум Астанада."), NULL) == HABAR_OK);
	CHECK(habar_parallel_add_sentence(doc, kk, "Ол 14 наурызда ашылады.",
	    strlen("Ол 14 наурызда ашылады."), NULL) == HABAR_OK);
	CHECK(habar_parallel_add_attachment(doc, "slides.pptx") == HABAR_OK);
	CHECK(habar_parallel_add_attachment(doc, "slides.pptx") == HABAR_OK);
	runs[0].first = 0; runs[0].count = 1;
	runs[1].first = 0; runs[1].count = 1;
	runs[2].first = 0; runs[2].count = 1;
	CHECK(habar_parallel_add_link(doc, HABAR_PARALLEL_PARAGRAPHS, runs,
	    0.9) == HABAR_OK);
	runs[0].count = 2;
	runs[2].count = 2;
	CHECK(habar_parallel_add_link(doc, HABAR_PARALLEL_SENTENCES, runs,
	    0.75) == HABAR_OK);
	runs[0].count = 3;
	CHECK(habar_parallel_add_link(doc, HABAR_PARALLEL_SENTENCES, runs,
	    0.75) == HABAR_ERR_ARGUMENT);
	return doc;
}

static char *
write_doc(const struct habar_parallel *doc, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	CHECK(fp != NULL);
	CHECK(habar_parallel_write(doc, fp) == HABAR_OK);
	fclose(fp);
	return buf;
}

static void
check_schema(const char *xml, size_t len)
{
	char path[4096];
	const char *src = getenv("HABAR_SOURCE");
	xmlRelaxNGParserCtxtPtr pctxt;
	xmlRelaxNGPtr schema;
	xmlRelaxNGValidCtxtPtr vctxt;
	xmlDocPtr doc;

	snprintf(path, sizeof(path), "%s/schemas/habar-parallel.rng",
	    src ? src : ".");
	pctxt = xmlRelaxNGNewParserCtxt(path);
	CHECK(pctxt != NULL);
	schema = xmlRelaxNGParse(pctxt);
	CHECK(schema != NULL);
	doc = xmlReadMemory(xml, (int)len, "doc.xml", NULL, XML_PARSE_NONET);
	CHECK(doc != NULL);
	vctxt = xmlRelaxNGNewValidCtxt(schema);
	CHECK(xmlRelaxNGValidateDoc(vctxt, doc) == 0);
	xmlRelaxNGFreeValidCtxt(vctxt);
	xmlFreeDoc(doc);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pctxt);
}

static void
test_round_trip(void)
{
	struct habar_parallel *doc = make_doc(), *back = NULL;
	struct habar_parallel_error err;
	char *xml, *xml2, *text;
	size_t len, len2, tlen;

	xml = write_doc(doc, &len);
	CHECK(strstr(xml, "<s id=\"en.p1.s2\">It opens on 14 March.</s>") != NULL);
	CHECK(strstr(xml, "A &lt;forum&gt; &amp; \"more\"") != NULL);
	CHECK(strstr(xml, "<link type=\"2-1-2\" confidence=\"0.750\">") != NULL);
	check_schema(xml, len);
	CHECK(habar_parallel_read(&back, xml, len, &err) == HABAR_OK);
	if (back != NULL) {
		CHECK(back->language_count == 3);
		CHECK_STR(back->id, "forum-2026");
		CHECK_STR(back->date, "2026-03-14");
		CHECK_STR(back->languages[2].lang, "kk");
		CHECK(back->languages[0].sentence_count == 2);
		CHECK_STR(back->languages[0].sentences[1].id, "en.p1.s2");
		CHECK_STR(habar_parallel_field(back, 0, "title"),
		    "A <forum> & \"more\"");
		CHECK(back->attachment_count == 1);
		CHECK(back->link_count[HABAR_PARALLEL_SENTENCES] == 1);
		CHECK_STR(back->links[1][0].type, "2-1-2");
		CHECK(back->links[1][0].confidence == 0.75);
		CHECK(habar_parallel_find_language(back, "kk") == 2);
		CHECK(habar_parallel_run_text(back, 0, &back->links[1][0].sides[0],
		    &text, &tlen) == HABAR_OK);
		CHECK_STR(text, "Astana hosts it. It opens on 14 March.");
		free(text);
		xml2 = write_doc(back, &len2);
		CHECK(len2 == len && memcmp(xml, xml2, len) == 0);
		free(xml2);
	}
	habar_parallel_free(back);
	habar_parallel_free(doc);
	free(xml);
}

/* Replaces the first occurrence of from in xml by to, in a new string. */
static char *
replace(const char *xml, const char *from, const char *to)
{
	const char *at = strstr(xml, from);
	char *out;

	CHECK(at != NULL);
	if (at == NULL)
		return strdup(xml);
	out = malloc(strlen(xml) + strlen(to) + 1);
	memcpy(out, xml, (size_t)(at - xml));
	strcpy(out + (at - xml), to);
	strcat(out, at + strlen(from));
	return out;
}

static void
expect_refused(const char *xml, unsigned long line, const char *words)
{
	struct habar_parallel *doc = NULL;
	struct habar_parallel_error err;

	CHECK(habar_parallel_read(&doc, xml, strlen(xml), &err) ==
	    HABAR_ERR_INPUT);
	CHECK(doc == NULL);
	if (line != 0 && err.line != line)
		fprintf(stderr, "line %lu, want %lu (%s)\n", err.line, line,
		    err.message);
	CHECK(line == 0 || err.line == line);
	if (strstr(err.message, words) == NULL)
		fprintf(stderr, "message \"%s\" lacks \"%s\"\n", err.message, words);
	CHECK(strstr(err.message, words) != NULL);
	habar_parallel_free(doc);
}

static void
test_hostile(void)
{
	struct habar_parallel *doc = make_doc();
	char *xml, *bad;
	size_t len;

	xml = write_doc(doc, &len);

	/* XXE: an external entity naming a local file. */
	bad = replace(xml, "<parallel ",
	    "<!DOCTYPE parallel [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
	    "<parallel ");
	expect_refused(bad, 2, "entity");
	free(bad);

	/* Billion laughs. */
	bad = replace(xml, "<parallel ",
	    "<!DOCTYPE parallel [\n<!ENTITY a \"ha\">\n"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n<parallel ");
	expect_refused(bad, 3, "entity");
	free(bad);

	/* A parameter entity pulling an external DTD. */
	bad = replace(xml, "<parallel ",
	    "<!DOCTYPE parallel [<!ENTITY % p SYSTEM \"http://example.org/x\"> "
	    "%p;]>\n<parallel ");
	expect_refused(bad, 0, "entity");
	free(bad);

	/* Malformed: the line of the error is given. */
	bad = replace(xml, "</s>\n      <s id=\"en.p1.s2\">",
	    "</s>\n      <s id=\"en.p1.s2\"><b>");
	expect_refused(bad, 9, "malformed XML");
	free(bad);

	/* Well-formed but wrong. */
	bad = replace(xml, "refs=\"ru.p1.s1\"", "refs=\"ru.p9.s9\"");
	expect_refused(bad, 0, "names no sentence");
	free(bad);
	bad = replace(xml, "refs=\"en.p1.s1 en.p1.s2\"",
	    "refs=\"en.p1.s2 en.p1.s1\"");
	expect_refused(bad, 0, "consecutive");
	free(bad);
	bad = replace(xml, "<s id=\"en.p1.s2\">", "<s id=\"en.p1.s1\">");
	expect_refused(bad, 9, "duplicate id");
	free(bad);
	bad = replace(xml, "type=\"2-1-2\"", "type=\"1-1-1\"");
	expect_refused(bad, 0, "does not match");
	free(bad);
	bad = replace(xml, "confidence=\"0.750\"", "confidence=\"7\"");
	expect_refused(bad, 0, "confidence");
	free(bad);
	bad = replace(xml, "urn:habar:parallel:1", "urn:other");
	expect_refused(bad, 2, "not a parallel document");
	free(bad);
	expect_refused("", 0, "");
	expect_refused("<parallel", 1, "malformed XML");

	/* A DOCTYPE without entities is harmless and accepted. */
	bad = replace(xml, "<parallel ", "<!DOCTYPE parallel>\n<parallel ");
	{
		struct habar_parallel *ok = NULL;
		CHECK(habar_parallel_read(&ok, bad, strlen(bad), NULL) == HABAR_OK);
		habar_parallel_free(ok);
	}
	free(bad);

	/* Invalid UTF-8 and control characters are written as U+FFFD. */
	{
		struct habar_parallel *d2 = make_doc(), *back = NULL;
		char *x2;
		size_t l2;

		CHECK(habar_parallel_add_sentence(d2, 1, "a\x01\xff" "b", 4, NULL) ==
		    HABAR_OK);
		x2 = write_doc(d2, &l2);
		check_schema(x2, l2);
		CHECK(habar_parallel_read(&back, x2, l2, NULL) == HABAR_OK);
		if (back != NULL)
			CHECK_STR(back->languages[1].sentences[1].text,
			    "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
		habar_parallel_free(back);
		habar_parallel_free(d2);
		free(x2);
	}
	habar_parallel_free(doc);
	free(xml);
}

int
main(void)
{
	test_round_trip();
	test_hostile();
	xmlCleanupParser();
	return CHECK_DONE();
}
