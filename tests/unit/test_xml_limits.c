/*
 * test_xml_limits.c: the attribute cap every XML and HTML reader checks
 * before libxml2 parses (xml_limits_xml.c), on the whole document and
 * when the bytes come in chunks that cut tags anywhere.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "xml_limits_internal.h"

/* "<e a0="0" a1="1" ...>" with n attributes, before and after given text. */
static char *
element(const char *before, const char *name, unsigned n, const char *sep,
    const char *after)
{
	size_t cap = strlen(before) + strlen(after) + 64 + (size_t)n * 32;
	char *s = malloc(cap), *p;
	unsigned i;

	if (s == NULL)
		abort();
	p = s + sprintf(s, "%s<%s", before, name);
	for (i = 0; i < n; i++)
		p += sprintf(p, " a%u%s\"%u\"", i, sep, i);
	sprintf(p, ">%s", after);
	return s;
}

static enum habar_status
check_all(const char *s, int html, unsigned long *line)
{
	char msg[160];

	return habar__xml_limits_check(s, strlen(s), html, line, msg,
	    sizeof(msg));
}

/* The same scan, fed one byte at a time. */
static enum habar_status
check_bytes(const char *s, int html)
{
	struct habar__xml_scan scan;
	size_t i;

	habar__xml_scan_init(&scan, html);
	for (i = 0; s[i] != '\0'; i++)
		if (habar__xml_scan_feed(&scan, s + i, 1, NULL, 0) != HABAR_OK)
			return HABAR_ERR_LIMIT;
	return HABAR_OK;
}

static void
test_cap(void)
{
	unsigned long line = 0;
	char msg[160] = "";
	char *at = element("<?xml version=\"1.0\"?>\n<r>\n", "e",
	    HABAR__XML_MAX_ATTRIBUTES, "=", "</e></r>");
	char *over = element("<?xml version=\"1.0\"?>\n<r>\n", "e",
	    HABAR__XML_MAX_ATTRIBUTES + 1, "=", "</e></r>");
	char *spaced = element("<r>", "p:e", HABAR__XML_MAX_ATTRIBUTES + 1,
	    " = ", "");

	CHECK(check_all(at, 0, &line) == HABAR_OK);
	CHECK(check_bytes(at, 0) == HABAR_OK);
	CHECK(check_all(at, 1, &line) == HABAR_OK);
	CHECK(habar__xml_limits_check(over, strlen(over), 0, &line, msg,
	    sizeof(msg)) == HABAR_ERR_LIMIT);
	CHECK(line == 3);
	CHECK(strstr(msg, "more than 256 attributes") != NULL);
	CHECK(check_bytes(over, 0) == HABAR_ERR_LIMIT);
	CHECK(check_all(over, 1, &line) == HABAR_ERR_LIMIT);
	CHECK(check_all(spaced, 0, &line) == HABAR_ERR_LIMIT);
	CHECK(check_bytes(spaced, 1) == HABAR_ERR_LIMIT);
	free(at);
	free(over);
	free(spaced);
}

/* Markup that only looks like attributes is not counted. */
static void
test_not_attributes(void)
{
	char *many = element("", "e", HABAR__XML_MAX_ATTRIBUTES + 1, "=", "");
	size_t len = strlen(many) + 64;
	char *s = malloc(len + 64);
	char *words = malloc(4000);
	unsigned i;

	/* In a comment, a CDATA section, an instruction, a value. */
	snprintf(s, len + 64, "<r><!--%s--></r>", many);
	CHECK(check_all(s, 0, NULL) == HABAR_OK);
	CHECK(check_bytes(s, 0) == HABAR_OK);
	snprintf(s, len + 64, "<r><![CDATA[%s]]></r>", many);
	CHECK(check_all(s, 0, NULL) == HABAR_OK);
	CHECK(check_bytes(s, 0) == HABAR_OK);
	/* HTML has no CDATA: the section ends at its first '>'. */
	CHECK(check_all(s, 1, NULL) == HABAR_ERR_LIMIT);
	snprintf(s, len + 64, "<?pi %s?><r/>", many + 1);
	CHECK(check_all(s, 0, NULL) == HABAR_OK);
	for (i = 0, words[0] = '\0'; i < 300; i++)
		strcat(words, " w");
	snprintf(s, len + 64, "<r a=\"%s\" b='%s>'/>", words, words);
	CHECK(check_all(s, 0, NULL) == HABAR_OK);
	CHECK(check_bytes(s, 1) == HABAR_OK);
	/* Text with '<' before white space or a digit opens no tag. */
	snprintf(s, len + 64, "<p>a < b, 1 <2 %s</p>", words);
	CHECK(check_all(s, 1, NULL) == HABAR_OK);
	free(many);
	free(s);
	free(words);
}

/*
 * What could hide attributes from the scan does not: a quote that does
 * not follow '=' opens no value, a '>' in a value ends no tag, and an
 * unquoted HTML value is one token.
 */
static void
test_no_hiding(void)
{
	char *a = element("<r x=y\" ", "e", HABAR__XML_MAX_ATTRIBUTES + 1,
	    "=", "");
	char *b = element("", "e x=\">\"", HABAR__XML_MAX_ATTRIBUTES + 1,
	    "=", "");
	char *c = element("<!-- a > b ", "e", HABAR__XML_MAX_ATTRIBUTES + 1,
	    "=", "");

	/* a: "<r x=y\" <e a0=..." is one tag to the HTML parser. */
	CHECK(check_all(a, 1, NULL) == HABAR_ERR_LIMIT);
	CHECK(check_all(b, 0, NULL) == HABAR_ERR_LIMIT);
	/* c: an HTML comment ends at the first '>' for the scan. */
	CHECK(check_all(c, 1, NULL) == HABAR_ERR_LIMIT);
	free(a);
	free(b);
	free(c);
}

/*
 * 100,000 attributes are refused at once, and a document of many elements
 * just under the cap scans in time linear in its size.
 */
static void
test_linear(void)
{
	char *huge = element("<r>", "e", 100000, "=", "</e></r>");
	char *one = element("", "e", HABAR__XML_MAX_ATTRIBUTES, "=", "</e>");
	size_t one_len = strlen(one), i;
	struct habar__xml_scan scan;
	clock_t t0 = clock();

	CHECK(check_all(huge, 0, NULL) == HABAR_ERR_LIMIT);
	habar__xml_scan_init(&scan, 0);
	for (i = 0; i < 5000; i++)
		CHECK(habar__xml_scan_feed(&scan, one, one_len, NULL, 0) ==
		    HABAR_OK);
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
	free(huge);
	free(one);
}

int
main(void)
{
	test_cap();
	test_not_attributes();
	test_no_hiding();
	test_linear();
	return CHECK_DONE();
}
