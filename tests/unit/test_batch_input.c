/*
 * test_batch_input.c: the pieces habar-batch reads old releases with:
 * member names to releases and languages (layout), dates in three
 * languages, web pages to release text, and archives read safely.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <habar/date.h>
#include <habar/layout.h>
#include <habar/source.h>
#include <habar/webpage.h>

#include "check.h"

static void
test_layout(void)
{
	struct habar_layout *layout;
	struct habar_layout_item item;
	static const struct {
		const char *path, *group, *release, *lang;
		enum habar_layout_kind kind;
	} cases[] = {
		{ "2005/forum.kk.md", "2005", "forum", "kk", HABAR_LAYOUT_TEXT },
		{ "news/forum_ru.htm", "news", "forum", "ru", HABAR_LAYOUT_HTML },
		{ "news/forum-eng.html", "news", "forum", "en", HABAR_LAYOUT_HTML },
		{ "archive/kz/forum.txt", "archive", "forum", "kk", HABAR_LAYOUT_TEXT },
		{ "archive/forum/rus.txt", "archive/forum", "forum", "ru",
		    HABAR_LAYOUT_TEXT },
		{ "forum.html", "", "forum", "", HABAR_LAYOUT_HTML },
		{ "2005-11-24-forum.html", "", "2005-11-24-forum", "",
		    HABAR_LAYOUT_HTML },
		{ "archive/en/slides.pptx", "archive", "", "",
		    HABAR_LAYOUT_ATTACHMENT },
		{ "archive/logo.svg", "archive", "", "", HABAR_LAYOUT_IGNORE },
		{ "archive/.hidden.txt", "archive", "", "", HABAR_LAYOUT_IGNORE },
	};
	size_t i;

	CHECK(habar_layout_new(&layout) == HABAR_OK);
	if (layout == NULL)
		return;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		habar_layout_classify(layout, cases[i].path, &item);
		CHECK(item.kind == cases[i].kind);
		if (item.kind == HABAR_LAYOUT_IGNORE)
			continue;
		CHECK_STR(item.group, cases[i].group);
		CHECK_STR(item.release, cases[i].release);
		CHECK_STR(item.lang, cases[i].lang);
	}
	habar_layout_free(layout);
}

static void
test_dates(void)
{
	struct habar_dates *d;
	static const struct { const char *text, *iso; } cases[] = {
		{ "Astana, 24-25 November 2005. More than", "2005-11-24" },
		{ "Астана, 24–25 НОЯБРЯ 2005 г. Более", "2005-11-24" },
		{ "Астана, 2005 жылғы 24 қараша. Конференция", "2005-11-24" },
		{ "Астана, 3 наурыз 2026 ж.", "2026-03-03" },
		{ "Published on November 24, 2005 by", "2005-11-24" },
		{ "Дата: 07.02.2019, время", "2019-02-07" },
		{ "see 2021-06-30 for details", "2021-06-30" },
	};
	char iso[11];
	size_t i;

	CHECK(habar_dates_new(&d) == HABAR_OK);
	if (d == NULL)
		return;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		iso[0] = '\0';
		CHECK(habar_dates_find(d, cases[i].text, strlen(cases[i].text),
		    iso, NULL, NULL));
		CHECK_STR(iso, cases[i].iso);
	}
	/* Numbers that are not dates. */
	CHECK(!habar_dates_find(d, "100 delegates, 35 countries", 27, iso,
	    NULL, NULL));
	CHECK(!habar_dates_find(d, "24 November", 11, iso, NULL, NULL));
	habar_dates_free(d);
}

static void
test_webpage(const char *source)
{
	struct habar_dates *d = NULL;
	struct habar_webpage *page = NULL;
	char path[4096], *html;
	FILE *fp;
	long n;

	snprintf(path, sizeof(path), "%s/tests/fixtures/web/press-release.ru.html",
	    source);
	fp = fopen(path, "rb");
	CHECK(fp != NULL);
	if (fp == NULL)
		return;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	html = malloc((size_t)n);
	CHECK(fread(html, 1, (size_t)n, fp) == (size_t)n);
	fclose(fp);
	CHECK(habar_dates_new(&d) == HABAR_OK);
	CHECK(habar_webpage_extract(&page, html, (size_t)n, d, NULL, 0) == HABAR_OK);
	if (page != NULL) {
		CHECK_STR(page->title, "Казахстан: конференция по защите прав детей");
		CHECK(page->date != NULL);
		CHECK_STR(page->date, "2005-11-24");
		CHECK(page->place != NULL);
		CHECK_STR(page->place, "Астана");
		CHECK(page->count == 4);
		CHECK(strstr(page->paragraphs[0], "Более 100 делегатов") != NULL);
		for (size_t i = 0; i < page->count; i++) {
			CHECK(strstr(page->paragraphs[i], "Facebook") == NULL);
			CHECK(strstr(page->paragraphs[i], "©") == NULL);
			CHECK(strstr(page->paragraphs[i], "Главная") == NULL);
		}
	}
	habar_webpage_free(page);
	/* A heading that holds the whole body (broken markup) is not freed
	 * under it (caught by the sanitizers). */
	{
		static const char h1_body[] = "<html><body><h1>A heading that "
		    "runs on and on, long enough to be taken for the body of "
		    "the page by its length alone.</h1></body></html>";
		struct habar_webpage *p2 = NULL;
		enum habar_status st = habar_webpage_extract(&p2, h1_body,
		    sizeof(h1_body) - 1, d, NULL, 0);
		CHECK(st == HABAR_OK || st == HABAR_ERR_INPUT);
		habar_webpage_free(p2);
	}
	/* A page with no text at all is refused. */
	CHECK(habar_webpage_extract(&page, "<html><body><nav>x</nav></body></html>",
	    38, d, NULL, 0) == HABAR_ERR_INPUT);
	/* A page nested deeper than libxml2's element stack is refused,
	 * naming the limit, not read as a page without its body. */
	{
		size_t depth = 20000, k, at = 0;
		char *deep = malloc(depth * 5 + 256), why[128];
		struct habar_webpage *p3 = NULL;

		CHECK(deep != NULL);
		if (deep != NULL) {
			at += (size_t)sprintf(deep, "<html><body>");
			for (k = 0; k < depth; k++, at += 5)
				memcpy(deep + at, "<div>", 5);
			at += (size_t)sprintf(deep + at, "<p>Astana, 3 March "
			    "2021. A new library opened today.</p>");
			CHECK(habar_webpage_extract(&p3, deep, at, d, why,
			    sizeof(why)) == HABAR_ERR_LIMIT);
			CHECK(p3 == NULL);
			CHECK(strstr(why, "nested more than 256 deep") != NULL);
			habar_webpage_free(p3);
			free(deep);
		}
	}
	habar_dates_free(d);
	free(html);
}

/* An archive with hostile names, a symbolic link and a CP866 name. */
static void
test_source(void)
{
	char dir[] = "/tmp/habar-source-XXXXXX", cmd[8192], zip[4200];
	struct habar_source *src;
	struct habar_source_member m;
	enum habar_status st;
	int good = 0, refused = 0, cyrillic = 0;

	if (mkdtemp(dir) == NULL)
		return;
	/* Python's zipfile flags every non-ASCII name as UTF-8, so the
	 * CP866 name old Windows tools wrote ("пресс") is patched in over
	 * an ASCII placeholder of the same length. */
	snprintf(zip, sizeof(zip), "%s/old.zip", dir);
	snprintf(cmd, sizeof(cmd),
	    "python3 -c \"import zipfile,sys\n"
	    "z=zipfile.ZipFile(sys.argv[1],'w')\n"
	    "z.writestr('ok/a.en.md','hello')\n"
	    "z.writestr('../../escape.txt','x')\n"
	    "z.writestr('/abs/path.txt','x')\n"
	    "i=zipfile.ZipInfo('ok/link.txt');i.external_attr=0o120777<<16\n"
	    "z.writestr(i,'/etc/passwd')\n"
	    "z.writestr('ok/QQQQQ.ru.txt','текст')\n"
	    "z.close()\n"
	    "d=open(sys.argv[1],'rb').read().replace(b'QQQQQ','пресс'.encode('cp866'))\n"
	    "open(sys.argv[1],'wb').write(d)\" %s", zip);
	if (system(cmd) != 0) {
		printf("skipped the archive checks: no python3\n");
		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		CHECK(system(cmd) == 0);
		return;
	}
	CHECK(habar_source_open(&src, zip, NULL) == HABAR_OK);
	while (src != NULL && (st = habar_source_next(src, &m)) != HABAR_END) {
		if (st == HABAR_ERR_INPUT) {
			refused++;
			continue;
		}
		CHECK(st == HABAR_OK);
		if (st != HABAR_OK)
			break;
		good++;
		CHECK(strstr(m.name, "..") == NULL && m.name[0] != '/');
		if (strcmp(m.name, "ok/пресс.ru.txt") == 0) {
			char *data;
			size_t len;
			cyrillic = 1;
			CHECK(m.name_recoded);
			CHECK(habar_source_read(src, &data, &len) == HABAR_OK);
			CHECK_MEM(data, len, "текст");
			free(data);
		}
	}
	CHECK(good == 2);
	CHECK(refused == 3);
	CHECK(cyrillic);
	habar_source_free(src);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
}

/* A member past the member or ratio limit is skipped; an archive past the
 * total is refused whole. */
static void
test_bomb(void)
{
	char dir[] = "/tmp/habar-bomb-XXXXXX", cmd[8192], zip[4200];
	struct habar_source_limits limits = { 1u << 20, 1u << 30, 100 };
	struct habar_source *src;
	struct habar_source_member m;
	char *data = NULL;
	size_t len;

	if (mkdtemp(dir) == NULL)
		return;
	snprintf(zip, sizeof(zip), "%s/bomb.zip", dir);
	snprintf(cmd, sizeof(cmd), "python3 -c \"import zipfile,sys\n"
	    "z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)\n"
	    "z.writestr('bomb.txt',b'0'*(64<<20))\n"
	    "z.close()\" %s", zip);
	if (system(cmd) == 0) {
		/* Past the member limit: that member is skipped. */
		CHECK(habar_source_open(&src, zip, &limits) == HABAR_OK);
		CHECK(habar_source_next(src, &m) == HABAR_OK);
		CHECK(habar_source_read(src, &data, &len) == HABAR_ERR_LIMIT);
		CHECK(strstr(habar_source_error(src), "--max-member") != NULL);
		CHECK(!habar_source_refused(src));
		CHECK(habar_source_next(src, &m) == HABAR_END);
		habar_source_free(src);
		/* Past its own ratio: skipped too, said to be a bomb, and
		 * the walk goes on. */
		limits.max_member = 128u << 20;
		CHECK(habar_source_open(&src, zip, &limits) == HABAR_OK);
		CHECK(habar_source_next(src, &m) == HABAR_OK);
		CHECK(habar_source_read(src, &data, &len) == HABAR_ERR_LIMIT);
		CHECK(strstr(habar_source_error(src), "zip bomb") != NULL);
		CHECK(!habar_source_refused(src));
		CHECK(habar_source_next(src, &m) == HABAR_END);
		habar_source_free(src);
		/* Past the total: the archive is refused whole. */
		limits.max_ratio = 1000000;
		limits.max_total = 8u << 20;
		CHECK(habar_source_open(&src, zip, &limits) == HABAR_OK);
		CHECK(habar_source_next(src, &m) == HABAR_OK);
		CHECK(habar_source_read(src, &data, &len) == HABAR_ERR_LIMIT);
		CHECK(strstr(habar_source_error(src), "as a whole") != NULL);
		CHECK(habar_source_refused(src));
		CHECK(habar_source_next(src, &m) == HABAR_ERR_LIMIT);
		habar_source_free(src);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
}

int
main(void)
{
	const char *source = getenv("HABAR_SOURCE");

	if (source == NULL)
		source = ".";
	test_layout();
	test_dates();
	test_webpage(source);
	test_source();
	test_bomb();
	return CHECK_DONE();
}
