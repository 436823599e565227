/*
 * test_release.c: the line reader and the release format reader.
 */
#include <stdlib.h>

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

static void
test_bad_front_matter(void)
{
	static const char open[] = "---\nid: x\n";
	static const char garbage[] = "---\nnot a field\n---\n";
	struct habar_release *release;
	struct habar_release_line line;
	FILE *fp = memory_file(open, sizeof(open) - 1);

	CHECK(habar_release_new(&release, fp, 0) == HABAR_OK);
	CHECK(habar_release_next(release, &line) == HABAR_OK);
	CHECK(habar_release_next(release, &line) == HABAR_OK);
	CHECK(habar_release_next(release, &line) == HABAR_ERR_INPUT);
	CHECK(strstr(habar_release_error(release), "not closed") != NULL);
	habar_release_free(release);
	fclose(fp);

	fp = memory_file(garbage, sizeof(garbage) - 1);
	CHECK(habar_release_new(&release, fp, 0) == HABAR_OK);
	CHECK(habar_release_next(release, &line) == HABAR_OK);
	CHECK(habar_release_next(release, &line) == HABAR_ERR_INPUT);
	CHECK(strstr(habar_release_error(release), "line 2") != NULL);
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
 * through the release reader, which trims a plain value's end. */
static void
test_write_read(void)
{
	static const char *values[] = { "ends in\r", "\r\r", "a\t\r" };
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
	return CHECK_DONE();
}
