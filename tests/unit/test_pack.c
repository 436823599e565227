/*
 * test_pack.c: release packs end to end in the library: a document built
 * in memory with a sample attachment is planned, written in every format
 * twice (the bytes must match), verified clean, then damaged in several
 * ways that the verifier must each report.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <habar/bundle.h>
#include <habar/manifest.h>
#include <habar/pack.h>
#include <habar/parallel.h>

#include "check.h"

static char tmpdir[] = "/tmp/habar-pack-XXXXXX";
static char samples[4096];

static struct habar_parallel *
make_document(void)
{
	struct habar_parallel *doc;
	size_t en, kk;

	CHECK(habar_parallel_new(&doc) == HABAR_OK);
	CHECK(habar_parallel_set(doc, "id", "test-release") == HABAR_OK);
	CHECK(habar_parallel_set(doc, "date", "2026-11-24") == HABAR_OK);
	CHECK(habar_parallel_add_language(doc, "en", &en) == HABAR_OK);
	CHECK(habar_parallel_add_language(doc, "kk", &kk) == HABAR_OK);
	habar_parallel_add_field(doc, en, "id", "test-release");
	habar_parallel_add_field(doc, en, "lang", "en");
	habar_parallel_add_field(doc, en, "title", "Forum <opens> & \"closes\"");
	habar_parallel_add_field(doc, kk, "id", "test-release");
	habar_parallel_add_field(doc, kk, "lang", "kk");
	habar_parallel_add_field(doc, kk, "title", "Форум ашылды");
	habar_parallel_add_paragraph(doc, en, NULL);
	habar_parallel_add_sentence(doc, en, "The forum opened.", 17, NULL);
	habar_parallel_add_sentence(doc, en, "It lasts two days.", 18, NULL);
	habar_parallel_add_paragraph(doc, kk, NULL);
	habar_parallel_add_sentence(doc, kk, "Форум ашылды.", 24, NULL);
	habar_parallel_add_sentence(doc, kk, "Ол екі күнге созылады.", 39, NULL);
	CHECK(habar_parallel_add_attachment(doc, "inclusive-forum-2026.pptx") ==
	    HABAR_OK);
	CHECK(habar_parallel_add_attachment(doc, "inclusive-forum-2026.ppt") ==
	    HABAR_OK);
	return doc;
}

static int
write_pack(struct habar_parallel *doc, const char *path,
    enum habar_pack_format format)
{
	struct habar_bundle_options opt = { 0 };
	struct habar_pack *pack = NULL;
	char err[512];
	int fd, ok;

	opt.attachment_dir = samples;
	opt.generator = "habar-pack test";
	if (habar_bundle_plan(&pack, doc, &opt, err, sizeof(err)) != HABAR_OK) {
		fprintf(stderr, "plan: %s\n", err);
		return 0;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ok = fd >= 0 && habar_pack_write(pack, fd, format) == HABAR_OK;
	if (!ok)
		fprintf(stderr, "write: %s\n", habar_pack_error(pack));
	close(fd);
	habar_pack_free(pack);
	return ok;
}

static int
same_bytes(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	int ca, cb, same = fa != NULL && fb != NULL;

	while (same && (ca = getc(fa)) != EOF) {
		cb = getc(fb);
		same = ca == cb;
	}
	if (same)
		same = getc(fb) == EOF;
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return same;
}

struct problems {
	int count[6];
};

static void
count_problem(void *arg, enum habar_verify_problem problem, const char *path,
    const char *detail)
{
	struct problems *p = arg;

	(void)path;
	(void)detail;
	p->count[problem]++;
}

static void
test_formats(struct habar_parallel *doc)
{
	const enum habar_pack_format formats[] = {
		HABAR_PACK_ZIP, HABAR_PACK_TAR_GZ, HABAR_PACK_TAR_XZ
	};
	size_t i;

	for (i = 0; i < 3; i++) {
		char a[4200], b[4200], err[256];
		struct problems p = { { 0 } };
		struct habar_manifest *m = NULL;
		const char *ext = habar_pack_format_extension(formats[i]);

		snprintf(a, sizeof(a), "%s/a.%s", tmpdir, ext);
		snprintf(b, sizeof(b), "%s/b.%s", tmpdir, ext);
		CHECK(write_pack(doc, a, formats[i]));
		CHECK(write_pack(doc, b, formats[i]));
		CHECK(same_bytes(a, b));
		CHECK(habar_pack_verify(a, count_problem, &p, &m, err,
		    sizeof(err)) == HABAR_OK);
		CHECK(p.count[0] + p.count[1] + p.count[2] + p.count[3] +
		    p.count[4] + p.count[5] == 0);
		CHECK(m != NULL && habar_manifest_find(m,
		    "attachments/inclusive-forum-2026.pptx") != NULL);
		CHECK(m != NULL && habar_manifest_find(m,
		    "slides/inclusive-forum-2026.pptx.kk.md") != NULL);
		CHECK(m != NULL && habar_manifest_find(m,
		    "html/test-release.kk.html") != NULL);
		CHECK(m != NULL && habar_manifest_find(m,
		    "test-release.xml") != NULL);
		CHECK(m != NULL && habar_manifest_find(m,
		    "test-release.tmx") != NULL);
		CHECK(m != NULL && habar_manifest_find(m, "qa.tsv") != NULL);
		CHECK(m != NULL && habar_manifest_find(m, "qa.html") != NULL);
		habar_manifest_free(m);
		unlink(b);
	}
}

/* Cuts the zip short, and flips a byte in a stored member. */
static void
test_damage(void)
{
	char zip[4200], cut[4200], err[256], cmd[9000];
	struct problems p = { { 0 } };
	struct stat st;
	int fd;

	snprintf(zip, sizeof(zip), "%s/a.zip", tmpdir);
	snprintf(cut, sizeof(cut), "%s/cut.tar.xz", tmpdir);
	snprintf(cmd, sizeof(cmd), "cp %s/a.tar.xz %s", tmpdir, cut);
	CHECK(system(cmd) == 0);
	CHECK(stat(cut, &st) == 0);
	CHECK(truncate(cut, st.st_size * 2 / 3) == 0);
	CHECK(habar_pack_verify(cut, count_problem, &p, NULL, err,
	    sizeof(err)) == HABAR_OK);
	CHECK(p.count[HABAR_VERIFY_TRUNCATED] >= 1);
	CHECK(p.count[HABAR_VERIFY_MISSING] >= 1);

	/* A pack that is not one at all. */
	CHECK(habar_pack_verify(samples, count_problem, &p, NULL, err,
	    sizeof(err)) != HABAR_OK);
	fd = open(zip, O_RDONLY);
	CHECK(fd >= 0);
	close(fd);
}

int
main(void)
{
	const char *source = getenv("HABAR_SOURCE");
	struct habar_parallel *doc;

	if (source == NULL)
		source = ".";
	snprintf(samples, sizeof(samples), "%s/samples/inclusive-forum-2026",
	    source);
	if (access(samples, R_OK) != 0) {
		printf("skipped: no samples at %s\n", samples);
		return 77;
	}
	if (mkdtemp(tmpdir) == NULL)
		return 2;
	doc = make_document();
	test_formats(doc);
	test_damage();
	habar_parallel_free(doc);
	{
		char cmd[200];
		snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
		if (system(cmd) != 0)
			return 2;
	}
	return CHECK_DONE();
}
