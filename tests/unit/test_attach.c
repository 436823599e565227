/*
 * test_attach.c: attachment checks against the real presentations and the
 * fuzzer-found broken ones in the shared corpus (read in place), and
 * against mislabelled files made on the spot; slide XML written here for
 * the DrawingML reader and its refusal of DOCTYPEs and entities.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <habar/attach.h>

#include "attach_internal.h"
#include "check.h"

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

int
main(void)
{
	const char *shared = getenv("HABAR_SHARED");

	test_slide_xml();
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
