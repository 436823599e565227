/*
 * test_attach.c: attachment checks against the real presentations and the
 * fuzzer-found broken ones in the shared corpus (read in place), and
 * against mislabelled files made on the spot; slide XML written here for
 * the DrawingML reader and its refusal of DOCTYPEs and entities; a
 * compound file made here whose directory is one long chain.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <habar/attach.h>

#include "attach_internal.h"
#include "check.h"
#include "ole2.h"

static char corpus[4096];

static enum habar_status
check_file(const char *name, struct habar_attach_info *info)
{
	char path[8192];

	snprintf(path, sizeof(path), "%s/%s", corpus, name);
	return habar_attach_check(path, info);
}

static void
test_real_files(void)
{
	const char *good[] = {
		"basic_test_ppt_file.ppt", "with_textbox.ppt", "text_shapes.ppt",
		"bullets.ppt", "empty.ppt", "present1.pptx", "table_test.pptx",
		"templatePPTWithOnlyOneText.pptx"
	};
	struct habar_attach_info info;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		enum habar_status st = check_file(good[i], &info);
		if (st != HABAR_OK)
			fprintf(stderr, "%s refused: %s\n", good[i], info.message);
		CHECK(st == HABAR_OK);
		CHECK(!info.encrypted);
	}
	CHECK(check_file("Password_Protected-hello.ppt", &info) == HABAR_OK);
	CHECK(info.encrypted);
	CHECK(strstr(info.message, "password") != NULL);
	CHECK(check_file("present1.pptx", &info) == HABAR_OK);
	CHECK(info.slides >= 1);
	CHECK_STR(info.media_type, "application/vnd.openxmlformats-"
	    "officedocument.presentationml.presentation");
}

static void
test_broken_files(void)
{
	const char *broken[] = {
		"clusterfuzz-testcase-minimized-POIFuzzer-5429732352851968.ppt",
		"clusterfuzz-testcase-minimized-POIHSLFFuzzer-6614960949821440.ppt",
		"clusterfuzz-testcase-minimized-POIXSLFFuzzer-6254434927378432.pptx"
	};
	struct habar_attach_info info;
	size_t i;

	for (i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
		enum habar_status st = check_file(broken[i], &info);
		CHECK(st == HABAR_ERR_INPUT);
		CHECK(info.message[0] != '\0');
	}
}

/* A .pptx that is really a .ppt, and the other way round, are refused. */
static void
test_mislabelled(void)
{
	char tmpdir[] = "/tmp/habar-attach-XXXXXX", src[8192], dst[8192];
	const char *pairs[][2] = {
		{ "bullets.ppt", "bullets.pptx" },
		{ "present1.pptx", "present1.ppt" },
		{ "present1.pptx", "present1.docx" },
		{ "bullets.ppt", "bullets.pdf" },
	};
	struct habar_attach_info info;
	size_t i;

	if (mkdtemp(tmpdir) == NULL)
		return;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		snprintf(src, sizeof(src), "%s/%s", corpus, pairs[i][0]);
		snprintf(dst, sizeof(dst), "%s/%s", tmpdir, pairs[i][1]);
		CHECK(symlink(src, dst) == 0);
		CHECK(habar_attach_check(dst, &info) == HABAR_ERR_INPUT);
		unlink(dst);
	}
	snprintf(dst, sizeof(dst), "%s/notes.txt", tmpdir);
	CHECK(habar_attach_check(dst, &info) == HABAR_ERR_UNSUPPORTED);
	snprintf(dst, sizeof(dst), "%s/missing.pptx", tmpdir);
	CHECK(habar_attach_check(dst, &info) == HABAR_ERR_IO);
	rmdir(tmpdir);
}

struct collected {
	char text[4096];
	unsigned paragraphs, last_slide;
};

static int
collect(void *arg, unsigned slide, const char *text, size_t len)
{
	struct collected *c = arg;
	size_t used = strlen(c->text);

	snprintf(c->text + used, sizeof(c->text) - used, "%u:%.*s\n", slide,
	    (int)len, text);
	c->paragraphs++;
	c->last_slide = slide;
	return 0;
}

static void
test_slide_text(void)
{
	struct collected c = { "", 0, 0 };
	char path[8192], err[256];

	snprintf(path, sizeof(path), "%s/present1.pptx", corpus);
	CHECK(habar_attach_pptx_text(path, collect, &c, err, sizeof(err)) ==
	    HABAR_OK);
	CHECK(c.paragraphs > 0);
	CHECK(c.last_slide >= 1);
	snprintf(path, sizeof(path), "%s/bullets.ppt", corpus);
	CHECK(habar_attach_pptx_text(path, collect, &c, err, sizeof(err)) ==
	    HABAR_ERR_INPUT);
}

/* Slide XML made here: text found, hostile DOCTYPEs refused before any
 * expansion, malformed XML reported. */
static void
test_slide_xml(void)
{
	static const char good[] =
	    "<p:sld xmlns:p=\"urn:p\" xmlns:a=\"http://schemas."
	    "openxmlformats.org/drawingml/2006/main\"><a:p><a:r><a:t>"
	    "Форум  открыт</a:t></a:r><a:br/><a:r><a:t>2026</a:t></a:r>"
	    "</a:p></p:sld>";
	static const char laughs[] =
	    "<?xml version=\"1.0\"?>\n<!DOCTYPE a [\n"
	    "<!ENTITY l \"lol\">\n<!ENTITY l2 \"&l;&l;&l;&l;&l;&l;\">\n]>\n"
	    "<a:p xmlns:a=\"http://schemas.openxmlformats.org/drawingml/"
	    "2006/main\"><a:t>&l2;</a:t></a:p>";
	static const char doctype[] =
	    "<!DOCTYPE a>\n<a:p xmlns:a=\"http://schemas.openxmlformats.org/"
	    "drawingml/2006/main\"><a:t>x</a:t></a:p>";
	static const char broken[] = "<a:p><a:t>x</a:p>";
	struct collected c = { "", 0, 0 };
	char err[256];
	int stopped = 0;

	CHECK(habar__pptx_slide_text(good, strlen(good), 3, collect, &c,
	    &stopped, err, sizeof(err)) == HABAR_OK);
	CHECK_STR(c.text, "3:Форум открыт 2026\n");
	CHECK(habar__pptx_slide_text(laughs, strlen(laughs), 4, collect, &c,
	    &stopped, err, sizeof(err)) == HABAR_ERR_INPUT);
	CHECK(strstr(err, "slide 4: entity declaration") != NULL);
	CHECK(habar__pptx_slide_text(doctype, strlen(doctype), 5, collect, &c,
	    &stopped, err, sizeof(err)) == HABAR_ERR_INPUT);
	CHECK_STR(err, "slide 5: a DOCTYPE is not allowed");
	CHECK(habar__pptx_slide_text(broken, strlen(broken), 6, collect, &c,
	    &stopped, err, sizeof(err)) == HABAR_ERR_INPUT);
	CHECK(strncmp(err, "slide 6: malformed XML", 22) == 0);
	CHECK(c.paragraphs == 1);
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xFF;
	p[1] = v >> 8 & 0xFF;
	p[2] = v >> 16 & 0xFF;
	p[3] = v >> 24 & 0xFF;
}

/*
 * A version 4 compound file (4096-byte sectors) whose directory holds
 * entries storages chained through their right siblings, as one branch
 * as deep as the file is long.  Its reader once recursed once per entry
 * and overflowed the stack; now it reads the tree and finds it sound.
 */
static void
test_deep_directory(void)
{
	const size_t ss = 4096, per_fat = 4096 / 4, per_dir = 4096 / 128;
	const uint32_t entries = 300000;
	size_t dsec = (entries + per_dir - 1) / per_dir, nfat = 1, i, size;
	unsigned char *f, *fat, *dir;
	struct habar__ole2 *ole = NULL;
	char err[256] = "";

	while (nfat * per_fat < nfat + dsec)
		nfat++;
	size = ss * (1 + nfat + dsec);
	if ((f = calloc(1, size)) == NULL) {
		CHECK(0);
		return;
	}
	memcpy(f, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	f[24] = 0x3E, f[26] = 4, f[28] = 0xFE, f[29] = 0xFF, f[30] = 12;
	f[32] = 6;
	put32(f + 44, (uint32_t)nfat);
	put32(f + 48, (uint32_t)nfat);		/* the directory's first sector */
	put32(f + 56, 4096);
	put32(f + 60, 0xFFFFFFFE);
	put32(f + 68, 0xFFFFFFFE);
	for (i = 0; i < 109; i++)
		put32(f + 76 + 4 * i, i < nfat ? (uint32_t)i : 0xFFFFFFFF);
	fat = f + ss;
	for (i = 0; i < nfat * per_fat; i++)
		put32(fat + 4 * i, i < nfat ? 0xFFFFFFFD : i < nfat + dsec - 1 ?
		    (uint32_t)i + 1 : i == nfat + dsec - 1 ? 0xFFFFFFFE :
		    0xFFFFFFFF);
	dir = f + ss * (1 + nfat);
	for (i = 0; i < entries; i++) {
		unsigned char *e = dir + 128 * i;
		e[0] = 'S';
		put32(e + 64, 4);		/* name length, "S" and NUL */
		e[66] = i == 0 ? 5 : 1;		/* the root, then storages */
		put32(e + 68, 0xFFFFFFFF);
		put32(e + 72, i > 0 && i + 1 < entries ? (uint32_t)i + 1 :
		    0xFFFFFFFF);
		put32(e + 76, i == 0 ? 1 : 0xFFFFFFFF);
		put32(e + 116, 0xFFFFFFFE);
	}
	CHECK(habar__ole2_open(&ole, f, size, err, sizeof(err)) == HABAR_OK);
	habar__ole2_free(ole);
	/* A sibling pointing back up the chain is a cycle, refused. */
	put32(dir + 128 * (entries - 1) + 72, 5);
	ole = NULL;
	CHECK(habar__ole2_open(&ole, f, size, err, sizeof(err)) ==
	    HABAR_ERR_INPUT);
	CHECK(strstr(err, "directory tree is corrupt") != NULL);
	habar__ole2_free(ole);
	free(f);
}

int
main(void)
{
	const char *shared = getenv("HABAR_SHARED");

	test_slide_xml();
	test_deep_directory();
	if (shared == NULL)
		shared = "../shared";
	snprintf(corpus, sizeof(corpus), "%s/corpus/attachments", shared);
	if (access(corpus, R_OK) != 0) {
		printf("skipped: no shared corpus at %s\n", corpus);
		return 77;
	}
	test_real_files();
	test_broken_files();
	test_mislabelled();
	test_slide_text();
	return CHECK_DONE();
}
