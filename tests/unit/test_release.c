/*
 * test_release.c: the line reader and the release format reader.
 */
#include <stdlib.h>
#include <string.h>

#include <habar/habar.h>

#include "check.h"

static FILE *
memory_file(const char *text, size_t len)
{
	return fmemopen((void *)text, len, "r");
}

static void
test_lines(void)
{
	static const char text[] = "one\r\ntwo\n\nlast";
	FILE *fp = memory_file(text, sizeof(text) - 1);
	struct habar_lines *lines;
	const char *line;
	size_t len;

	CHECK(habar_lines_new(&lines, fp, 0) == HABAR_OK);
	CHECK(habar_lines_next(lines, &line, &len) == HABAR_OK);
	CHECK_MEM(line, len, "one");
	CHECK(habar_lines_crlf(lines));
	CHECK(habar_lines_next(lines, &line, &len) == HABAR_OK);
	CHECK_MEM(line, len, "two");
	CHECK(habar_lines_offset(lines) == 5);
	CHECK(habar_lines_next(lines, &line, &len) == HABAR_OK);
	CHECK(len == 0);
	CHECK(habar_lines_next(lines, &line, &len) == HABAR_OK);
	CHECK_MEM(line, len, "last");
	CHECK(!habar_lines_terminated(lines));
	CHECK(habar_lines_number(lines) == 4);
	CHECK(habar_lines_next(lines, &line, &len) == HABAR_END);
	habar_lines_free(lines);
	fclose(fp);
}

static void
test_line_cap(void)
{
	size_t size = 300000, i;
	char *text = malloc(size);
	FILE *fp;
	struct habar_lines *lines;
	const char *line;
	size_t len;

	for (i = 0; i < size; i++)
		text[i] = i == 1000 ? '\n' : 'x';
	fp = memory_file(text, size);
	CHECK(habar_lines_new(&lines, fp, 200000) == HABAR_OK);
	CHECK(habar_lines_next(lines, &line, &len) == HABAR_OK);
	CHECK(len == 1000);
	CHECK(habar_lines_next(lines, &line, &len) == HABAR_ERR_LIMIT);
	habar_lines_free(lines);
	fclose(fp);
	free(text);
}

static void
test_front_matter(void)
{
	static const char text[] =
	    "\xEF\xBB\xBF---\n"
	    "id: 2026-forum\n"
	    "lang: kk\n"
	    "title: \"Форум: ашылуы\"\n"
	    "# a comment\n"
	    "place: 'Astana'\n"
	    "---\n"
	    "Бірінші абзац.\n"
	    "\n"
	    "---\n";
	FILE *fp = memory_file(text, sizeof(text) - 1);
	struct habar_release *release;
	struct habar_release_line line;
	enum habar_line_kind want[] = {
		HABAR_LINE_FENCE, HABAR_LINE_FIELD, HABAR_LINE_FIELD,
		HABAR_LINE_FIELD, HABAR_LINE_META_OTHER, HABAR_LINE_FIELD,
		HABAR_LINE_FENCE, HABAR_LINE_BODY, HABAR_LINE_BODY,
		HABAR_LINE_BODY
	};
	size_t i;

	CHECK(habar_release_new(&release, fp, 0) == HABAR_OK);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		CHECK(habar_release_next(release, &line) == HABAR_OK);
		CHECK(line.kind == want[i]);
		if (i == 1) {
			CHECK_MEM(line.key, line.key_len, "id");
			CHECK_MEM(line.value, line.value_len, "2026-forum");
		}
	}
	CHECK(habar_release_next(release, &line) == HABAR_END);
	CHECK_STR(habar_release_get(release, "lang"), "kk");
	CHECK_STR(habar_release_get(release, "title"), "Форум: ашылуы");
	CHECK_STR(habar_release_get(release, "place"), "Astana");
	CHECK(habar_release_get(release, "date") == NULL);
	CHECK(habar_release_field_count(release) == 4);
	habar_release_free(release);
	fclose(fp);
}

/* Whether a message says "line N" (the program prints the line once). */
static int
names_line(const char *message)
{
	const char *p;

	for (p = message; (p = strstr(p, "line ")) != NULL; p++)
		if (p[5] >= '0' && p[5] <= '9')
			return 1;
	return 0;
}

static void
test_bad_front_matter(void)
{
	static const char open[] = "---\nid: x\n";
	static const char garbage[] = "---\nnot a field\n---\n";
	struct habar_release *release;
	struct habar_release_line line;
	FILE *fp = memory_file(open, sizeof(open) - 1);

	/* The front matter is read whole before its opening fence is
	 * handed out: the error comes first, so that a filter has written
	 * nothing when it refuses the file. */
	CHECK(habar_release_new(&release, fp, 0) == HABAR_OK);
	CHECK(habar_release_next(release, &line) == HABAR_ERR_INPUT);
	CHECK(strstr(habar_release_error(release), "not closed") != NULL);
	CHECK(habar_release_next(release, &line) == HABAR_ERR_INPUT);
	habar_release_free(release);
	fclose(fp);

	fp = memory_file(garbage, sizeof(garbage) - 1);
	CHECK(habar_release_new(&release, fp, 0) == HABAR_OK);
	CHECK(habar_release_next(release, &line) == HABAR_ERR_INPUT);
	/* One line number, the reader's; the message does not repeat it. */
	CHECK(habar_release_line_number(release) == 2);
	CHECK(!names_line(habar_release_error(release)));
	habar_release_free(release);
	fclose(fp);
}

static void
test_no_front_matter(void)
{
	static const char text[] = "Plain text.\n---\n";
	FILE *fp = memory_file(text, sizeof(text) - 1);
	struct habar_release *release;
	struct habar_release_line line;

	CHECK(habar_release_new(&release, fp, 0) == HABAR_OK);
	CHECK(habar_release_next(release, &line) == HABAR_OK);
	CHECK(line.kind == HABAR_LINE_BODY);
	CHECK(habar_release_next(release, &line) == HABAR_OK);
	CHECK(line.kind == HABAR_LINE_BODY);
	CHECK(habar_release_field_count(release) == 0);
	habar_release_free(release);
	fclose(fp);
}

static void
test_quoting_round_trip(void)
{
	const char *values[] = {
		"plain", "a: b", " lead", "say \"hi\"", "#tag", "back\\slash", ""
	};
	size_t i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		char buf[256], *back;
		FILE *fp = fmemopen(buf, sizeof(buf), "w");
		const char *colon;
		CHECK(habar_release_write_field(fp, "k", values[i]) == HABAR_OK);
		fclose(fp);
		colon = strchr(buf, ':');
		CHECK(habar_release_unquote(&back, colon + 2,
		    strlen(colon + 2) - 1) == HABAR_OK);
		CHECK_STR(back, values[i]);
		free(back);
	}
}

/* A value written by habar_release_write_field() reads back the same
 * through the release reader, which trims a plain value's end and takes
 * " #" for the start of a comment, as YAML does. */
static void
test_write_read(void)
{
	static const char *values[] = { "ends in\r", "\r\r", "a\t\r",
	    "Приказ #5", "Приказ\t#5", "№ 5 #" };
	size_t i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		char buf[256];
		struct habar_release *release;
		struct habar_release_line line;
		FILE *fp = fmemopen(buf, sizeof(buf), "w");
		size_t n;

		fputs("---\n", fp);
		CHECK(habar_release_write_field(fp, "k", values[i]) == HABAR_OK);
		fputs("---\n", fp);
		n = (size_t)ftell(fp);
		fclose(fp);
		fp = memory_file(buf, n);
		CHECK(habar_release_new(&release, fp, 0) == HABAR_OK);
		while (habar_release_next(release, &line) == HABAR_OK)
			;
		CHECK_STR(habar_release_get(release, "k"), values[i]);
		habar_release_free(release);
		fclose(fp);
	}
}

/* Written by hand, " #" starts a comment, as in YAML; quoted, it is
 * text (docs/release-format.md says so). */
static void
test_hand_written_comment(void)
{
	static const char text[] = "---\ntitle: Приказ #5\n"
	    "place: \"Павлодар #2\"\n---\n";
	struct habar_release *release;
	struct habar_release_line line;
	FILE *fp = memory_file(text, sizeof(text) - 1);

	CHECK(habar_release_new(&release, fp, 0) == HABAR_OK);
	while (habar_release_next(release, &line) == HABAR_OK)
		;
	CHECK_STR(habar_release_get(release, "title"), "Приказ");
	CHECK_STR(habar_release_get(release, "place"), "Павлодар #2");
	habar_release_free(release);
	fclose(fp);
}

/* A NUL byte in a value goes; what follows it stays. */
static void
test_unquote_nul(void)
{
	static const char plain[] = " a\0b ", quoted[] = "\"c\0d\"";
	char *back;

	CHECK(habar_release_unquote(&back, plain, sizeof(plain) - 1) ==
	    HABAR_OK);
	CHECK_STR(back, "ab");
	free(back);
	CHECK(habar_release_unquote(&back, quoted, sizeof(quoted) - 1) ==
	    HABAR_OK);
	CHECK_STR(back, "cd");
	free(back);
}

/* A blank line parts paragraphs: white space and carriage returns. */
static void
test_blank(void)
{
	CHECK(habar_release_blank("", 0));
	CHECK(habar_release_blank(" \t\r ", 4));
	CHECK(!habar_release_blank(" x ", 3));
	CHECK(!habar_release_blank("\xC2\xA0", 2));
}

/* Where a line's first ill-formed UTF-8 sequence starts. */
static void
test_invalid(void)
{
	CHECK(habar_release_invalid("Қазақ", 10) == HABAR_RELEASE_VALID);
	CHECK(habar_release_invalid("ab\xFF\xC2", 4) == 2);
	CHECK(habar_release_invalid("Қ\xD2", 3) == 2);
}

/* Reads text whole; returns the reader (for habar_release_get()) after
 * storing in *lines the lines it handed out, each ended by "\n". */
static struct habar_release *
read_all(const char *text, char *lines, size_t size,
    enum habar_status *status)
{
	FILE *fp = memory_file(text, strlen(text));
	FILE *out = fmemopen(lines, size, "w");
	struct habar_release *release;
	struct habar_release_line line;

	CHECK(habar_release_new(&release, fp, 0) == HABAR_OK);
	while ((*status = habar_release_next(release, &line)) == HABAR_OK)
		fprintf(out, "%.*s\n", (int)line.len, line.text);
	fclose(out);
	fclose(fp);
	return release;
}

/* Front matter as pandoc and YAML-aware editors write it. */
static void
test_yaml_forms(void)
{
	static const char text[] =
	    "---\n"
	    "attachments:\n"
	    "- slides.pptx\n"
	    "- 'old slides.ppt'\n"
	    "contact: \"Дана Мухаметова: (+7 7252) 53 21 40,\n"
	    "  info@example.kz\"\n"
	    "# the release's own id\n"
	    "id: road-2026\n"
	    "lang: ru   # the language\n"
	    "summary: >-\n"
	    "  Two lines\n"
	    "  folded.\n"
	    "note: |\n"
	    "  kept\n"
	    "  as is\n"
	    "title: \"\\u00ABA\\u00BB \\x41\"\n"
	    "place: 'Шымкент'\n"
	    "author:\n"
	    "  name: Dana\n"
	    "  phone: 53 21 40\n"
	    "empty:\n"
	    "...\n"
	    "Body.\n";
	char lines[2048];
	enum habar_status status;
	struct habar_release *release = read_all(text, lines, sizeof(lines),
	    &status);

	CHECK(status == HABAR_END);
	CHECK_STR(habar_release_get(release, "attachments"),
	    "slides.pptx, old slides.ppt");
	CHECK_STR(habar_release_get(release, "contact"),
	    "Дана Мухаметова: (+7 7252) 53 21 40, info@example.kz");
	CHECK_STR(habar_release_get(release, "lang"), "ru");
	CHECK_STR(habar_release_get(release, "summary"), "Two lines folded.");
	CHECK_STR(habar_release_get(release, "note"), "kept\nas is\n");
	CHECK_STR(habar_release_get(release, "title"), "«A» A");
	CHECK_STR(habar_release_get(release, "place"), "Шымкент");
	CHECK_STR(habar_release_get(release, "author.name"), "Dana");
	CHECK_STR(habar_release_get(release, "author.phone"), "53 21 40");
	CHECK_STR(habar_release_get(release, "empty"), "");
	/* A field a line: kept as written when it reads back the same,
	 * else written flat; comments stay. */
	CHECK_STR(lines,
	    "---\n"
	    "attachments: slides.pptx, old slides.ppt\n"
	    "contact: \"Дана Мухаметова: (+7 7252) 53 21 40, "
	    "info@example.kz\"\n"
	    "# the release's own id\n"
	    "id: road-2026\n"
	    "lang: ru\n"
	    "summary: Two lines folded.\n"
	    "note: \"kept\\nas is\\n\"\n"
	    "title: \"\\u00ABA\\u00BB \\x41\"\n"
	    "place: 'Шымкент'\n"
	    "author.name: Dana\n"
	    "author.phone: 53 21 40\n"
	    "empty:\n"
	    "...\n"
	    "Body.\n");
	habar_release_free(release);
}

/* What the flat reading of habar's own lines does not cover is YAML's to
 * judge, with the line (habar_release_line_number(), never in the message
 * too) and the column at fault. */
static void
test_yaml_errors(void)
{
	static const struct {
		const char *text, *message;
		unsigned long line;
	} cases[] = {
		{ "---\nid: x\nattachments:\n  - a\n - b\n---\n",
		  "column 2: ", 5 },
		{ "---\ntitle: [a, b\nlang: en\n---\n", "not valid YAML", 3 },
		{ "---\nlist:\n  - [a, b]\n---\n",
		  "column 5: field 'list': a list inside a list", 3 },
		{ "---\nкілт: мән\n---\n", "column 1: field 'кілт'", 2 },
		{ "---\nid: x\nbroken\n---\n", "column 1: ", 3 },
	};
	char lines[512];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum habar_status status;
		struct habar_release *release = read_all(cases[i].text, lines,
		    sizeof(lines), &status);

		CHECK(status == HABAR_ERR_INPUT);
		if (strstr(habar_release_error(release),
		    cases[i].message) == NULL)
			CHECK_STR(habar_release_error(release),
			    cases[i].message);
		CHECK(habar_release_line_number(release) == cases[i].line);
		CHECK(!names_line(habar_release_error(release)));
		habar_release_free(release);
	}
}

/* Flat lines YAML refuses are read as habar always read them, for
 * habar-norm to repair: straight quotes around a first word, bytes that
 * are not UTF-8, an alias-looking value. */
static void
test_flat_lines(void)
{
	static const char text[] =
	    "---\nid: *-1\ntitle: \"Форум\" - ашық\nplace: A\xFF\n---\n";
	char lines[512];
	enum habar_status status;
	struct habar_release *release = read_all(text, lines, sizeof(lines),
	    &status);

	CHECK(status == HABAR_END);
	CHECK_STR(habar_release_get(release, "id"), "*-1");
	CHECK_STR(habar_release_get(release, "title"), "\"Форум\" - ашық");
	CHECK_STR(habar_release_get(release, "place"), "A\xFF");
	/* Lines YAML would read otherwise are handed on as habar writes
	 * them, so that the next program reads the same. */
	CHECK_STR(lines, "---\nid: \"*-1\"\n"
	    "title: \"\\\"Форум\\\" - ашық\"\nplace: A\xFF\n---\n");
	habar_release_free(release);
}

/* Every value habar writes reads back as itself, by YAML too. */
static void
test_write_yaml(void)
{
	static const char *values[] = {
		"- a", "a:", "~", "x\x01y", "tab\there", "[x]", "? q", "a,b",
		"line\nbreak", "-5", "end\\", "a #b", "next\xC2\x85line",
		"\xE2\x80\xA8", "\xEF\xBB\xBFx", "c1\xC2\x9B"
	};
	size_t i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		char buf[256], lines[512];
		struct habar_release *release;
		enum habar_status status;
		FILE *fp = fmemopen(buf, sizeof(buf), "w");
		size_t n;

		fputs("---\nlist:\n  - a\n", fp);
		CHECK(habar_release_write_field(fp, "k", values[i]) == HABAR_OK);
		fputs("---\n", fp);
		n = (size_t)ftell(fp);
		fclose(fp);
		buf[n] = '\0';
		release = read_all(buf, lines, sizeof(lines), &status);
		CHECK(status == HABAR_END);
		if (habar_release_get(release, "k") != NULL)
			CHECK_STR(habar_release_get(release, "k"), values[i]);
		else
			CHECK_STR(buf, values[i]);
		habar_release_free(release);
	}
}

int
main(void)
{
	test_lines();
	test_line_cap();
	test_front_matter();
	test_bad_front_matter();
	test_no_front_matter();
	test_quoting_round_trip();
	test_unquote_nul();
	test_blank();
	test_invalid();
	test_write_read();
	test_hand_written_comment();
	test_yaml_forms();
	test_yaml_errors();
	test_flat_lines();
	test_write_yaml();
	return CHECK_DONE();
}
