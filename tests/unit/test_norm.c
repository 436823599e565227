/*
 * test_norm.c: unit tests of the normaliser (habar/norm.h): each rule on
 * text of our own, the rules switched off, idempotence of every case, and
 * identity on text that no rule touches.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/norm.h>

#include "check.h"

static unsigned long repairs, invalid, last_column, last_line;

static void
listen(void *arg, const struct habar_norm_event *ev)
{
	(void)arg;
	if (ev->kind == HABAR_NORM_EVENT_LOOKALIKE)
		repairs++;
	else
		invalid++;
	last_column = ev->column;
	last_line = ev->line;
}

/* Normalises the whole text through habar_norm_stream(); returns a
 * malloc'd string, or NULL on an error. */
static char *
norm_text(const char *lang, unsigned rules, const char *text, size_t len)
{
	struct habar_norm *norm = NULL;
	FILE *in = NULL, *out = NULL;
	char *buf = NULL;
	size_t size = 0;
	enum habar_status status;

	if (habar_norm_new(&norm, lang) != HABAR_OK)
		return NULL;
	habar_norm_set_rules(norm, rules);
	habar_norm_set_listener(norm, listen, NULL);
	if (len == 0) {
		/* fmemopen() wants a buffer of at least one byte. */
		text = "";
		len = 0;
	}
	in = fmemopen((void *)text, len > 0 ? len : 1, "r");
	out = open_memstream(&buf, &size);
	if (in == NULL || out == NULL) {
		habar_norm_free(norm);
		return NULL;
	}
	if (len == 0)
		fgetc(in);	/* leave it empty */
	status = habar_norm_stream(norm, in, out);
	fclose(in);
	fclose(out);
	habar_norm_free(norm);
	if (status != HABAR_OK) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int failures_at_start;

/* Checks norm(text) == want and norm(want) == want. */
static void
check_case(int line, const char *lang, unsigned rules, const char *text,
    const char *want)
{
	char *got = norm_text(lang, rules, text, strlen(text));
	char *again;

	(void)failures_at_start;
	if (got == NULL || strcmp(got, want) != 0) {
		fprintf(stderr, "line %d (%s): got \"%s\", want \"%s\"\n", line,
		    lang, got ? got : "(error)", want);
		check_failures++;
	}
	again = got ? norm_text(lang, rules, got, strlen(got)) : NULL;
	if (got != NULL && (again == NULL || strcmp(again, got) != 0)) {
		fprintf(stderr, "line %d (%s): not idempotent: \"%s\" then \"%s\"\n",
		    line, lang, got, again ? again : "(error)");
		check_failures++;
	}
	free(got);
	free(again);
}

#define CASE(lang, in, want) check_case(__LINE__, lang, HABAR_NORM_RULE_ALL, in, want)

static void
test_nfc(void)
{
	CASE("en", "cafe\xCC\x81\n", "caf\xC3\xA9\n");		/* e + acute */
	CASE("ru", "\xD0\xB8\xCC\x86\n", "\xD0\xB9\n");		/* и + breve = й */
	/* A stress mark on a Cyrillic vowel has no precomposed form. */
	CASE("ru", "\xD0\xB0\xCC\x81\n", "\xD0\xB0\xCC\x81\n");
	/* Canonical order of two marks. */
	CASE("en", "a\xCC\x81\xCC\xA3\n", "\xE1\xBA\xA1\xCC\x81\n");
}

static void
test_lookalikes(void)
{
	repairs = 0;
	/* Kazakh і typed as Latin i, ә as the IPA schwa, һ as h. */
	CASE("kk", "\xD0\xB1" "i" "\xD0\xBB" "i" "\xD0\xBC\n",
	    "\xD0\xB1\xD1\x96\xD0\xBB\xD1\x96\xD0\xBC\n");
	CASE("kk", "\xC9\x99\xD0\xBB\xD0\xB5\xD0\xBC\n",
	    "\xD3\x99\xD0\xBB\xD0\xB5\xD0\xBC\n");
	CASE("kk", "\xD0\xB0h\xD0\xB0\xD0\xBD\n", "\xD0\xB0\xD2\xBB\xD0\xB0\xD0\xBD\n");
	CHECK(repairs >= 4);
	/* Russian: Latin o, p, c inside a Cyrillic word ("пpocтo"). */
	CASE("ru", "\xD0\xBFp" "oc" "\xD1\x82o\n",
	    "\xD0\xBF\xD1\x80\xD0\xBE\xD1\x81\xD1\x82\xD0\xBE\n");
	/* Cyrillic р and е inside Latin words. */
	CASE("en", "\xD1\x80roperly d\xD0\xB5lete\n", "properly delete\n");
	/* A loan word with a suffix is a real mix: left alone. */
	CASE("kk", "OPEC\xD0\xBA\xD0\xB5\n", "OPEC\xD0\xBA\xD0\xB5\n");
	/* A word with letters that have no twin is left alone. */
	CASE("ru", "Windows\xD1\x82\xD1\x8B\n", "Windows\xD1\x82\xD1\x8B\n");
	/* One script only: nothing to do, even if every letter has a twin. */
	CASE("ru", "TOO \xD0\xA2\xD0\x9E\xD0\x9E\n", "TOO \xD0\xA2\xD0\x9E\xD0\x9E\n");
	/* The column is counted in characters of the input line. */
	repairs = 0;
	free(norm_text("ru", HABAR_NORM_RULE_ALL,
	    "\xD0\xB0\xD0\xB1 \xD0\xBF" "o\n", 8));
	CHECK(repairs == 1);
	CHECK(last_column == 5);
	CHECK(last_line == 1);
}

static void
test_quotes(void)
{
	CASE("ru", "\"a \"b\" c\"\n",
	    "\xC2\xAB" "a \xE2\x80\x9E" "b\xE2\x80\x9C c\xC2\xBB\n");
	CASE("kk", "\"a \"b\" c\"\n",
	    "\xC2\xAB" "a \xE2\x80\x9C" "b\xE2\x80\x9D c\xC2\xBB\n");
	CASE("en", "\"a \"b\" c\"\n",
	    "\xE2\x80\x9C" "a \xE2\x80\x98" "b\xE2\x80\x99 c\xE2\x80\x9D\n");
	/* Quotation marks may span the lines of a paragraph ... */
	CASE("ru", "\"a\nb\"\n", "\xC2\xAB" "a\nb\xC2\xBB\n");
	/* ... but not a paragraph break. */
	CASE("ru", "\"a\n\nb\"\n", "\xC2\xAB" "a\n\nb\"\n");
	/* Alone between spaces, or closing nothing: left alone. */
	CASE("en", "a \" b 12\" c\n", "a \" b 12\" c\n");
	/* Already typographic quotes count as open. */
	CASE("ru", "\xC2\xAB" "a \"b\"\xC2\xBB\n",
	    "\xC2\xAB" "a \xE2\x80\x9E" "b\xE2\x80\x9C\xC2\xBB\n");
	/* Code spans and fenced blocks are left as they are. */
	CASE("en", "run `ls \"x\"` now\n", "run `ls \"x\"` now\n");
	/* Backticks without a closing run of as many are plain text. */
	CASE("en", "a `b \"c\"``\n",
	    "a `b \xE2\x80\x9C" "c\xE2\x80\x9D``\n");
	CASE("en", "```\nsay \"hi\" - ok\n```\n\"x\"\n",
	    "```\nsay \"hi\" - ok\n```\n\xE2\x80\x9Cx\xE2\x80\x9D\n");
}

static void
test_apostrophes(void)
{
	CASE("en", "don't, it's\n", "don\xE2\x80\x99t, it\xE2\x80\x99s\n");
	CASE("en", "the '90s, the students' 'word'\n",
	    "the \xE2\x80\x99" "90s, the students\xE2\x80\x99 \xE2\x80\x98"
	    "word\xE2\x80\x99\n");
	CASE("ru", "\xD0\x94'\xD0\x90\xD1\x80 'x'\n",
	    "\xD0\x94\xE2\x80\x99\xD0\x90\xD1\x80 'x'\n");
}

static void
test_dashes(void)
{
	CASE("ru", "\xD0\xB0 - \xD0\xB1 \xE2\x80\x93 \xD0\xB2\n",
	    "\xD0\xB0 \xE2\x80\x94 \xD0\xB1 \xE2\x80\x94 \xD0\xB2\n");
	CASE("kk", "\xD0\xB0 - \xD0\xB1\n", "\xD0\xB0 \xE2\x80\x94 \xD0\xB1\n");
	CASE("en", "word - word \xE2\x80\x94 word\n",
	    "word \xE2\x80\x93 word \xE2\x80\x94 word\n");
	/* Ranges, arithmetic, options, list items: left alone. */
	CASE("ru", "24-25, 5 - 3, ls -l, a  -  b\n", "24-25, 5 - 3, ls -l, a  -  b\n");
	CASE("en", "- item\n", "- item\n");
}

/* Normalises one line with the house dash set; checks the result. */
static void
check_dash(int line, const char *lang, const char *dash, const char *text,
    const char *want)
{
	struct habar_norm *norm = NULL;
	const char *out;
	size_t out_len;

	if (habar_norm_new(&norm, NULL) != HABAR_OK ||
	    habar_norm_set_dash(norm, dash) != HABAR_OK ||
	    habar_norm_set_lang(norm, lang) != HABAR_OK ||
	    habar_norm_line(norm, text, strlen(text), &out, &out_len) !=
	    HABAR_OK) {
		fprintf(stderr, "line %d: cannot normalise\n", line);
		check_failures++;
	} else if (out_len != strlen(want) || memcmp(out, want, out_len) != 0) {
		fprintf(stderr, "line %d (%s, --dash %s): got \"%.*s\", want "
		    "\"%s\"\n", line, lang, dash ? dash : "default",
		    (int)out_len, out, want);
		check_failures++;
	}
	habar_norm_free(norm);
}

#define EN "\xE2\x80\x93"
#define EM "\xE2\x80\x94"

static void
test_house_dash(void)
{
	struct habar_norm *norm = NULL;
	const char *out;
	size_t out_len;

	/* An official name's en dash stays with --dash en; the hyphen and
	 * an em dash join it. */
	check_dash(__LINE__, "ru", "en", "фонд " EN " детям, a - b " EM " c",
	    "фонд " EN " детям, a " EN " b " EN " c");
	check_dash(__LINE__, "kk", "en", "қор " EN " балаларға - бүгін",
	    "қор " EN " балаларға " EN " бүгін");
	check_dash(__LINE__, "en", "em", "fund " EN " kids - now " EM " ok",
	    "fund " EM " kids " EM " now " EM " ok");
	/* The language's own: en in en keeps an em dash, em in ru takes the
	 * en dash. */
	check_dash(__LINE__, "en", NULL, "a - b " EM " c", "a " EN " b " EM " c");
	check_dash(__LINE__, "ru", NULL, "a - b " EN " c", "a " EM " b " EM " c");
	/* Ranges are never touched, whatever the choice. */
	check_dash(__LINE__, "ru", "em", "24" EN "25, 2024 " EN " 2025, 24-25",
	    "24" EN "25, 2024 " EN " 2025, 24-25");
	check_dash(__LINE__, "en", "en", "10 " EM " 12, 10" EM "12",
	    "10 " EM " 12, 10" EM "12");

	/* The choice is refused when it names no dash, and is kept over a
	 * change of language. */
	CHECK(habar_norm_new(&norm, "ru") == HABAR_OK);
	CHECK(habar_norm_set_dash(norm, "long") == HABAR_ERR_ARGUMENT);
	CHECK(strstr(habar_norm_error(norm), "long") != NULL);
	CHECK(habar_norm_set_dash(norm, "en") == HABAR_OK);
	CHECK(habar_norm_set_lang(norm, "kk") == HABAR_OK);
	CHECK(habar_norm_line(norm, "a - b", 5, &out, &out_len) == HABAR_OK);
	CHECK_MEM(out, out_len, "a " EN " b");
	CHECK(habar_norm_set_dash(norm, NULL) == HABAR_OK);
	CHECK(habar_norm_line(norm, "a - b", 5, &out, &out_len) == HABAR_OK);
	CHECK_MEM(out, out_len, "a " EM " b");
	habar_norm_free(norm);
}

static void
test_spaces(void)
{
	CASE("en", "a\xC2\xA0" "b\xE2\x80\x89" "c\xE3\x80\x80" "d\n", "a b c d\n");
	/* Between digits a no-break space is the digit-group separator of
	 * ru and kk (ICU's grouping separator), not of en. */
	CASE("ru", "10\xE2\x80\xAF" "000\n", "10\xC2\xA0" "000\n");
	CASE("en", "10\xC2\xA0" "000\n", "10 000\n");
	/* Invisible characters, soft hyphens, controls. */
	CASE("en", "a\xE2\x80\x8B" "b\xC2\xAD" "c\xEF\xBB\xBF" "d\x01" "e\x7F\n",
	    "abcde\n");
	CASE("en", "a\xE2\x80\x8D" "b\n", "ab\n");
	/* ZWJ inside an emoji sequence is kept. */
	CASE("en", "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\n",
	    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\n");
	/* Trailing spaces, CRLF; leading and inner runs stay. */
	CASE("en", "  a  b \t\r\nc\r\n", "  a  b\nc\n");
}

static void
test_invalid(void)
{
	invalid = 0;
	CASE("en", "a\xC3(\xFF" "b\n", "a\xEF\xBF\xBD(\xEF\xBF\xBD" "b\n");
	CHECK(invalid == 2);
	/* A truncated sequence at the end is one error. */
	invalid = 0;
	CASE("en", "a\xE2\x80", "a\xEF\xBF\xBD");
	CHECK(invalid == 1);
}

static void
test_front_matter(void)
{
	const char *in = "---\nid: x-1\nlang: ru\ntitle: \"a\" - b  \n"
	    "place: '\"q\"'\n---\n\"\xD0\xB0\"\n";
	char *got = norm_text(NULL, HABAR_NORM_RULE_ALL, in, strlen(in));

	CHECK_STR(got, "---\nid: x-1\nlang: ru\n"
	    "title: \xC2\xAB" "a\xC2\xBB \xE2\x80\x94 b\n"
	    "place: \xC2\xAB" "q\xC2\xBB\n---\n"
	    "\xC2\xAB\xD0\xB0\xC2\xBB\n");
	free(got);
	/* A quotation left open in a value does not run into the body,
	 * whether the language comes from the front matter or is given. */
	in = "---\nlang: ru\ntitle: x \"a\n---\n\"b\"\n";
	got = norm_text(NULL, HABAR_NORM_RULE_ALL, in, strlen(in));
	CHECK_STR(got, "---\nlang: ru\ntitle: x \xC2\xAB" "a\n---\n"
	    "\xC2\xAB" "b\xC2\xBB\n");
	free(got);
	got = norm_text("ru", HABAR_NORM_RULE_ALL, in, strlen(in));
	CHECK_STR(got, "---\nlang: ru\ntitle: x \xC2\xAB" "a\n---\n"
	    "\xC2\xAB" "b\xC2\xBB\n");
	free(got);
	/* Without --lang and without lang: there is no language. */
	CHECK(norm_text(NULL, HABAR_NORM_RULE_ALL, "a\n", 2) == NULL);
}

static void
test_rules_off(void)
{
	/* With every rule off only NFC remains. */
	const char *in = "\"a\" - b\xC2\xA0 c\xE2\x80\x8B\r\nd\xCC\x81 \n";
	char *got = norm_text("ru", 0, in, strlen(in));

	CHECK_STR(got, "\"a\" - b\xC2\xA0 c\xE2\x80\x8B\r\nd\xCC\x81 \n");
	free(got);
	CHECK(habar_norm_rule_from_name("quotes") == HABAR_NORM_RULE_QUOTES);
	CHECK(habar_norm_rule_from_name("nonsense") == 0);
}

/* Text that triggers no rule comes out identical (the uconv parity). */
static void
test_identity(void)
{
	static const char *texts[] = {
		"The forum opens on 12 May in Astana; 300 guests are expected.\n"
		"Registration closes at 18:00 (UTC+5).\n\n"
		"Contact: press@example.org, +7 7172 00-00-00.\n",
		"\xD0\x9F\xD1\x80\xD0\xB5\xD1\x81\xD1\x81-\xD1\x80\xD0\xB5\xD0"
		"\xBB\xD0\xB8\xD0\xB7, 2024-05-12: \xD0\xB2\xD1\x81\xD1\x91 "
		"\xC2\xAB\xD1\x85\xD0\xBE\xD1\x80\xD0\xBE\xD1\x88\xD0\xBE\xC2"
		"\xBB \xE2\x80\x94 \xD1\x82\xD0\xB0\xD0\xBA.\n",
		"\xD2\x9A\xD0\xB0\xD0\xB7\xD0\xB0\xD2\x9B\xD1\x81\xD1\x82\xD0\xB0"
		"\xD0\xBD \xD3\x98\xD0\xBB\xD0\xB5\xD0\xBC\xD1\x96 \xD2\xAF\xD0\xBB"
		"\xD0\xBA\xD0\xB5\xD0\xBD.\n",
	};
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char *got = norm_text(i == 0 ? "en" : i == 1 ? "ru" : "kk",
		    HABAR_NORM_RULE_ALL, texts[i], strlen(texts[i]));
		CHECK_STR(got, texts[i]);
		free(got);
	}
}

static void
test_limits(void)
{
	struct habar_norm *norm = NULL;
	const char *out;
	size_t out_len;
	char *big;

	CHECK(habar_norm_new(&norm, "xx yy") == HABAR_ERR_ARGUMENT);
	CHECK(norm == NULL);
	CHECK(habar_norm_new(&norm, NULL) == HABAR_OK);
	CHECK(habar_norm_line(norm, "a", 1, &out, &out_len) == HABAR_ERR_ARGUMENT);
	CHECK(habar_norm_set_lang(norm, "en") == HABAR_OK);
	CHECK_STR(habar_norm_lang(norm), "en");
	big = calloc(1, HABAR_NORM_MAX_LINE + 1);
	CHECK(big != NULL);
	if (big != NULL)
		CHECK(habar_norm_line(norm, big, HABAR_NORM_MAX_LINE + 1, &out,
		    &out_len) == HABAR_ERR_LIMIT);
	free(big);
	CHECK(habar_norm_line(norm, "x ", 2, &out, &out_len) == HABAR_OK);
	CHECK_MEM(out, out_len, "x");
	habar_norm_free(norm);
	habar_norm_free(NULL);
}

int
main(void)
{
	test_nfc();
	test_lookalikes();
	test_quotes();
	test_apostrophes();
	test_dashes();
	test_house_dash();
	test_spaces();
	test_invalid();
	test_front_matter();
	test_rules_off();
	test_identity();
	test_limits();
	return CHECK_DONE();
}
