/*
 * test_import_doc.c: unit tests of the legacy Word reader
 * (import_doc_icu.c, through habar_import_read()) on a .doc that
 * LibreOffice wrote, committed as tests/import/water-week-2026.ru.doc
 * (from water-week-2026.ru.md beside it, made a Word-manner .docx by
 * make-word.py --extras --seed 7, then "soffice --convert-to doc"): every
 * paragraph in order, the title, date and language, the author from the
 * document's properties; the FIB's flags for
 * fast-saved, encrypted and Word 95 files refused; text hidden by its
 * paragraph or character style left out; and the file cut short
 * and with bytes changed everywhere read without a crash or a read out
 * of bounds (the sanitizer builds run this too).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/import.h>

#include "check.h"

static const char *const paragraphs[] = {
	"Павлодар, 14 апреля 2026 г. В Павлодаре открылась областная Неделя "
	"чистой воды. За семь дней специалисты водоканала проверят 40 колонок "
	"в пригородных сёлах и расскажут жителям, как беречь воду в "
	"засушливое лето.",
	"Heading in the body",
	"«Каждый третий литр теряется в старых трубах. Мы начнём с тех улиц, "
	"где жалоб больше всего», — сказал директор городского водоканала "
	"Ерлан Сабитов.",
	"В программе недели: открытые уроки для школьников, экскурсии на "
	"очистные сооружения и приём заявок на бесплатную проверку домашних "
	"счётчиков.",
	("Контакты для прессы: Айжан Мукашева, тел. (+7 7182) 55 10 20, "
	"press@water.example.kz."),
	"First item of the list",
	"Second item of the list",
	"Cell one", "Cell two", "Cell three", "Cell four",
	"The footnote's text.",
};

static unsigned char *
read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf = NULL;
	long n;

	*len = 0;
	if (fp == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) > 0 &&
	    fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n)) != NULL &&
	    fread(buf, 1, (size_t)n, fp) == (size_t)n)
		*len = (size_t)n;
	fclose(fp);
	return buf;
}

static void
test_text(const unsigned char *doc, size_t len)
{
	struct habar_import *imp = NULL;
	char err[256] = "";
	size_t i, n;

	CHECK(habar_import_read(&imp, doc, len, err, sizeof(err)) == HABAR_OK);
	if (imp == NULL) {
		fprintf(stderr, "not read: %s\n", err);
		return;
	}
	CHECK(habar_import_kind(imp) == HABAR_IMPORT_DOC);
	CHECK_STR(habar_import_get(imp, "title"),
	    "В Павлодаре открылась Неделя чистой воды");
	CHECK_STR(habar_import_get(imp, "date"), "2026-04-14");
	CHECK_STR(habar_import_get(imp, "place"), "Павлодар");
	CHECK_STR(habar_import_get(imp, "lang"), "ru");
	/* From the SummaryInformation property set, in its code page. */
	CHECK_STR(habar_import_get(imp, "author"), "Пресс-служба");
	n = habar_import_paragraph_count(imp);
	CHECK(n == sizeof(paragraphs) / sizeof(paragraphs[0]));
	for (i = 0; i < n && i < sizeof(paragraphs) / sizeof(paragraphs[0]);
	    i++)
		CHECK_STR(habar_import_paragraph(imp, i), paragraphs[i]);
	habar_import_free(imp);
}

/*
 * Text hidden by its style is left out: tests/import/hidden-style.ru.doc,
 * which LibreOffice made ("soffice --convert-to doc") from
 * hidden-style.ru.fodt beside it, hides a draft remark by a character
 * style and an editor's note by a paragraph style (sprmCFVanish in the
 * style sheet, none in the runs); text of a visible character style
 * stays.
 */
static void
test_hidden_style(const char *source)
{
	static const char *const shown[] = {
		"Астана, 2 марта 2026 г. Открыта выставка молодых художников.",
		"Выставка продлится две недели.",
		"Вход свободный.",
	};
	struct habar_import *imp = NULL;
	unsigned char *doc;
	char path[4096], err[256] = "";
	size_t len, i, n;

	snprintf(path, sizeof(path), "%s/tests/import/hidden-style.ru.doc",
	    source);
	CHECK((doc = read_file(path, &len)) != NULL);
	if (doc == NULL)
		return;
	CHECK(habar_import_read(&imp, doc, len, err, sizeof(err)) == HABAR_OK);
	n = imp != NULL ? habar_import_paragraph_count(imp) : 0;
	CHECK(n == sizeof(shown) / sizeof(shown[0]));
	for (i = 0; i < n && i < sizeof(shown) / sizeof(shown[0]); i++)
		CHECK_STR(habar_import_paragraph(imp, i), shown[i]);
	habar_import_free(imp);
	/* Cut short anywhere: no crash, no read out of bounds. */
	for (i = 0; i < len; i += 97) {
		imp = NULL;
		(void)habar_import_read(&imp, doc, i, err, sizeof(err));
		habar_import_free(imp);
	}
	free(doc);
}

/* The offset of the FIB (the WordDocument stream's first sector). */
static size_t
find_fib(const unsigned char *doc, size_t len)
{
	size_t at;

	for (at = 512; at + 512 <= len; at += 512)
		if (doc[at] == 0xEC && doc[at + 1] == 0xA5 &&
		    (doc[at + 2] | doc[at + 3] << 8) >= 0xC1)
			return at;
	return 0;
}

/* The FIB's flags or version changed: refused, with the reason. */
static void
test_refused(const unsigned char *doc, size_t len)
{
	static const struct {
		size_t offset;
		unsigned char or_mask;
		const char *why;
	} cases[] = {
		{ 0x0A, 0x04, "fast-saved" },
		{ 0x0B, 0x01, "encrypted" },
		{ 0x0B, 0x80, "encrypted" },
	};
	unsigned char *copy = malloc(len);
	struct habar_import *imp = NULL;
	size_t fib = find_fib(doc, len), i;
	char err[256];

	CHECK(fib > 0);
	if (copy == NULL || fib == 0) {
		free(copy);
		return;
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memcpy(copy, doc, len);
		copy[fib + cases[i].offset] |= cases[i].or_mask;
		CHECK(habar_import_read(&imp, copy, len, err, sizeof(err)) ==
		    HABAR_ERR_INPUT);
		CHECK(imp == NULL && strstr(err, cases[i].why) != NULL);
	}
	memcpy(copy, doc, len);
	copy[fib + 2] = 0x65;		/* nFib of Word 6.0 */
	copy[fib + 3] = 0;
	CHECK(habar_import_read(&imp, copy, len, err, sizeof(err)) ==
	    HABAR_ERR_INPUT);
	CHECK(strstr(err, "Word 95") != NULL);
	memcpy(copy, doc, len);
	copy[fib] = 0;			/* no Word signature */
	CHECK(habar_import_read(&imp, copy, len, err, sizeof(err)) ==
	    HABAR_ERR_INPUT);
	free(copy);
}

/* Cut short anywhere, or a byte changed anywhere: an answer, never a
 * crash; what reads reads as text. */
static void
test_damage(const unsigned char *doc, size_t len)
{
	unsigned char *copy = malloc(len);
	struct habar_import *imp = NULL;
	char err[256];
	size_t at;
	enum habar_status status;

	if (copy == NULL)
		return;
	for (at = 0; at < len; at += 97) {
		imp = NULL;
		status = habar_import_read(&imp, doc, at, err, sizeof(err));
		CHECK(status == HABAR_ERR_INPUT || status == HABAR_OK);
		habar_import_free(imp);
	}
	for (at = 0; at < len; at += 13) {
		memcpy(copy, doc, len);
		copy[at] ^= 0xA5;
		imp = NULL;
		status = habar_import_read(&imp, copy, len, err, sizeof(err));
		CHECK(status == HABAR_ERR_INPUT || status == HABAR_OK ||
		    status == HABAR_ERR_LIMIT);
		habar_import_free(imp);
	}
	free(copy);
}

int
main(void)
{
	const char *source = getenv("HABAR_SOURCE");
	char path[4096];
	unsigned char *doc;
	size_t len;

	snprintf(path, sizeof(path), "%s/tests/import/water-week-2026.ru.doc",
	    source ? source : ".");
	if ((doc = read_file(path, &len)) == NULL) {
		fprintf(stderr, "%s: cannot read\n", path);
		return 1;
	}
	test_text(doc, len);
	test_refused(doc, len);
	test_damage(doc, len);
	free(doc);
	test_hidden_style(source ? source : ".");
	return CHECK_DONE();
}
