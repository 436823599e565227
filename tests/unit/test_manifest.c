/*
 * test_manifest.c: the manifest of a pack: paths refused when unsafe or
 * repeated, lookups that stay fast for large packs, and the XML form
 * read back through the schema.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/manifest.h>

#include "check.h"

static const char sha[] =
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

static void
test_paths(void)
{
	struct habar_manifest *m;
	const char *unsafe[] = {
		"", "/etc/passwd", "../x", "a/../b", "a//b", "a/", "./a", "a\\b"
	};
	size_t i;

	CHECK(habar_manifest_new(&m, "r", "2026-11-25", "test") == HABAR_OK);
	for (i = 0; i < sizeof(unsafe) / sizeof(unsafe[0]); i++)
		CHECK(habar_manifest_add(m, unsafe[i], 1, sha, "text/plain",
		    NULL, "release") == HABAR_ERR_ARGUMENT);
	CHECK(habar_manifest_add(m, "a/b.md", 1, sha, "text/markdown", "kk",
	    "release") == HABAR_OK);
	CHECK(habar_manifest_add(m, "a/b.md", 2, sha, "text/markdown", "kk",
	    "release") == HABAR_ERR_ARGUMENT);
	CHECK(habar_manifest_add(m, "c", 1, "abc", "text/plain", NULL,
	    "release") == HABAR_ERR_ARGUMENT);
	CHECK(m->count == 1);
	habar_manifest_free(m);
}

/* 100,000 entries: each add checks for a duplicate, so a linear lookup
 * would make this take minutes; it must take a fraction of a second.
 * (The suite's time-out catches the slow case; nothing is timed here.) */
static void
test_many(void)
{
	struct habar_manifest *m, *back = NULL;
	char path[64], *xml = NULL, err[256];
	size_t i, len = 0;

	CHECK(habar_manifest_new(&m, "big", NULL, "test") == HABAR_OK);
	for (i = 0; i < 100000; i++) {
		snprintf(path, sizeof(path), "attachments/file-%zu.png", i);
		if (habar_manifest_add(m, path, i, sha, "image/png", NULL,
		    "attachment") != HABAR_OK) {
			CHECK(0);
			break;
		}
	}
	CHECK(m->count == 100000);
	CHECK(habar_manifest_find(m, "attachments/file-99999.png") != NULL &&
	    habar_manifest_find(m, "attachments/file-99999.png")->size == 99999);
	/* The cap: one more entry is refused. */
	CHECK(habar_manifest_add(m, "one-too-many", 1, sha, "text/plain", NULL,
	    "release") == HABAR_ERR_LIMIT);
	CHECK(habar_manifest_find(m, "attachments/file-100000.png") == NULL);
	habar_manifest_free(m);

	/* The XML form, read back through the schema (smaller: validation
	 * is slow under the sanitizers). */
	CHECK(habar_manifest_new(&m, "big", NULL, "test") == HABAR_OK);
	for (i = 0; i < 2000; i++) {
		snprintf(path, sizeof(path), "attachments/file-%zu.png", i);
		CHECK(habar_manifest_add(m, path, i, sha, "image/png", NULL,
		    "attachment") == HABAR_OK);
	}
	CHECK(habar_manifest_to_xml(m, &xml, &len) == HABAR_OK);
	CHECK(habar_manifest_from_xml(&back, xml, len, err, sizeof(err)) ==
	    HABAR_OK);
	CHECK(back != NULL && back->count == 2000);
	CHECK(back != NULL && habar_manifest_find(back,
	    "attachments/file-1234.png") != NULL);
	free(xml);
	habar_manifest_free(back);
	habar_manifest_free(m);
}

static void
test_invalid_xml(void)
{
	static const char missing_sha[] =
	    "<?xml version=\"1.0\"?>\n<manifest xmlns=\"urn:habar:manifest:1\" "
	    "version=\"1\" release=\"r\" generator=\"g\"><file path=\"a\" "
	    "size=\"1\" media-type=\"text/plain\" role=\"release\"/></manifest>\n";
	static const char twice[] =
	    "<?xml version=\"1.0\"?>\n<manifest xmlns=\"urn:habar:manifest:1\" "
	    "version=\"1\" release=\"r\" generator=\"g\">"
	    "<file path=\"a\" size=\"1\" sha256=\"0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef\" media-type=\"text/plain\" "
	    "role=\"release\"/>"
	    "<file path=\"a\" size=\"1\" sha256=\"0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef\" media-type=\"text/plain\" "
	    "role=\"release\"/></manifest>\n";
	struct habar_manifest *m = NULL;
	char err[256];

	CHECK(habar_manifest_from_xml(&m, missing_sha, strlen(missing_sha), err,
	    sizeof(err)) == HABAR_ERR_INPUT);
	CHECK(strstr(err, "not valid") != NULL);
	CHECK(habar_manifest_from_xml(&m, twice, strlen(twice), err,
	    sizeof(err)) == HABAR_ERR_INPUT);
	CHECK(strstr(err, "twice") != NULL);
	CHECK(m == NULL);
}

int
main(void)
{
	test_paths();
	test_many();
	test_invalid_xml();
	return CHECK_DONE();
}
