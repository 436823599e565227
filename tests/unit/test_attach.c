/*
 * test_attach.c: attachment checks against the real presentations and the
 * fuzzer-found broken ones in the shared corpus (read in place), and
 * against mislabelled files made on the spot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <habar/attach.h>

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

int
main(void)
{
	const char *shared = getenv("HABAR_SHARED");

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
