/*
 * attach_archive.c: reading OOXML packages (.pptx, .docx) with libarchive,
 * from memory, never to disk: checking that a package is whole and of the
 * kind its name says, and handing slide XML to the slide parser.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "attach_internal.h"
#include "zip_member_internal.h"

#define MAX_MEMBERS 10000
#define MAX_SLIDES 5000
#define MAX_SLIDE_XML (64u * 1024 * 1024)

struct slide {
	unsigned number;
	char *xml;
	size_t len;
};

struct package {
	int has_content_types, has_main_part;
	char *content_types;
	size_t content_types_len;
	struct slide *slides;
	size_t nslides;
	int keep_slides;
};

/* Returns N for "ppt/slides/slideN.xml", else 0. */
static unsigned
slide_number(const char *name)
{
	const char *prefix = "ppt/slides/slide";
	size_t n = strlen(prefix);
	char *end;
	unsigned long v;

	if (strncmp(name, prefix, n) != 0 || name[n] < '1' || name[n] > '9')
		return 0;
	v = strtoul(name + n, &end, 10);
	if (strcmp(end, ".xml") != 0 || v == 0 || v > 100000)
		return 0;
	return (unsigned)v;
}

static int
compare_slides(const void *a, const void *b)
{
	const struct slide *x = a, *y = b;
	return (x->number > y->number) - (x->number < y->number);
}

/* Reads every member of the package; stops at the first damage. */
static enum habar_status
read_package(const unsigned char *data, size_t size, const char *main_part,
    struct package *pkg, char *err, size_t errlen)
{
	struct archive *ar = archive_read_new();
	struct archive_entry *entry;
	enum habar_status status = HABAR_OK;
	uint64_t unpacked = 0;
	size_t members = 0;
	int r;

	if (ar == NULL)
		return HABAR_ERR_NOMEM;
	archive_read_support_format_zip(ar);
	if (archive_read_open_memory(ar, data, size) != ARCHIVE_OK) {
		snprintf(err, errlen, "not a zip package: %s",
		    archive_error_string(ar));
		status = HABAR_ERR_INPUT;
		goto done;
	}
	while ((r = archive_read_next_header(ar, &entry)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(entry);
		unsigned number;

		if (++members > MAX_MEMBERS) {
			snprintf(err, errlen, "more than %d members", MAX_MEMBERS);
			status = HABAR_ERR_LIMIT;
			goto done;
		}
		if (name == NULL)
			name = "";
		if (strcmp(name, "[Content_Types].xml") == 0) {
			free(pkg->content_types);
			pkg->content_types = NULL;
			status = habar__zip_read_member(ar, 4u << 20,
			    HABAR_ATTACH_MAX_UNPACKED, &pkg->content_types,
			    &pkg->content_types_len, &unpacked);
			pkg->has_content_types = status == HABAR_OK;
		} else if (pkg->keep_slides && (number = slide_number(name)) &&
		    pkg->nslides < MAX_SLIDES) {
			struct slide *s = &pkg->slides[pkg->nslides];
			s->number = number;
			status = habar__zip_read_member(ar, MAX_SLIDE_XML,
			    HABAR_ATTACH_MAX_UNPACKED, &s->xml, &s->len,
			    &unpacked);
			if (status == HABAR_OK)
				pkg->nslides++;
		} else {
			if (strcmp(name, main_part) == 0)
				pkg->has_main_part = 1;
			if (slide_number(name))
				pkg->nslides += !pkg->keep_slides;
			status = habar__zip_skip_member(ar,
			    HABAR_ATTACH_MAX_UNPACKED, &unpacked);
		}
		if (status != HABAR_OK) {
			habar__zip_member_error(ar, status, name, err, errlen);
			goto done;
		}
	}
	status = habar__zip_walk_end(ar, r, err, errlen);
done:
	archive_read_free(ar);
	return status;
}

static void
free_package(struct package *pkg)
{
	size_t i;

	free(pkg->content_types);
	for (i = 0; i < pkg->nslides && pkg->keep_slides; i++)
		free(pkg->slides[i].xml);
	free(pkg->slides);
}

enum habar_status
habar__ooxml_check(const unsigned char *data, size_t size,
    struct habar_attach_info *info)
{
	struct package pkg = { 0 };
	const char *main_part, *content_type;
	enum habar_status status;

	if (info->kind == HABAR_ATTACH_PPTX) {
		main_part = "ppt/presentation.xml";
		content_type = "presentationml.presentation.main+xml";
	} else {
		main_part = "word/document.xml";
		content_type = "wordprocessingml.document.main+xml";
	}
	status = read_package(data, size, main_part, &pkg, info->message,
	    sizeof(info->message));
	if (status == HABAR_OK && !pkg.has_content_types) {
		snprintf(info->message, sizeof(info->message),
		    "a zip file but not an OOXML package (no [Content_Types].xml)");
		status = HABAR_ERR_INPUT;
	} else if (status == HABAR_OK && (!pkg.has_main_part ||
	    strstr(pkg.content_types, content_type) == NULL)) {
		snprintf(info->message, sizeof(info->message),
		    "an OOXML package without the %s part its name promises",
		    main_part);
		status = HABAR_ERR_INPUT;
	}
	info->slides = (unsigned)pkg.nslides;
	free_package(&pkg);
	return status;
}

enum habar_status
habar__pptx_text_memory(const unsigned char *data, size_t size,
    habar_slide_text_fn *emit, void *arg, char *err, size_t errlen)
{
	struct package pkg = { 0 };
	enum habar_status status;
	size_t i;
	int stopped = 0;

	pkg.keep_slides = 1;
	if ((pkg.slides = calloc(MAX_SLIDES, sizeof(*pkg.slides))) == NULL)
		return HABAR_ERR_NOMEM;
	status = read_package(data, size, "ppt/presentation.xml", &pkg, err,
	    errlen);
	if (status == HABAR_OK)
		qsort(pkg.slides, pkg.nslides, sizeof(*pkg.slides),
		    compare_slides);
	for (i = 0; status == HABAR_OK && i < pkg.nslides && !stopped; i++)
		status = habar__pptx_slide_text(pkg.slides[i].xml,
		    pkg.slides[i].len, (unsigned)(i + 1), emit, arg, &stopped,
		    err, errlen);
	free_package(&pkg);
	return status;
}

enum habar_status
habar_attach_pptx_text(const char *path, habar_slide_text_fn *emit,
    void *arg, char *err, size_t errlen)
{
	struct habar_attach_info info;
	enum habar_status status;
	FILE *fp = NULL;
	unsigned char *data = NULL;
	long size;

	snprintf(err, errlen, "%s", "");
	status = habar_attach_check(path, &info);
	if (status != HABAR_OK) {
		snprintf(err, errlen, "%s", info.message);
		return status;
	}
	if (info.kind != HABAR_ATTACH_PPTX || info.encrypted) {
		snprintf(err, errlen, "%s", info.encrypted ? info.message :
		    "not a .pptx presentation");
		return HABAR_ERR_INPUT;
	}
	/* The check bounded the size; read the package again, now keeping
	 * the slides. */
	if ((fp = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "%s", strerror(errno));
		return HABAR_ERR_IO;
	}
	if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		status = HABAR_ERR_IO;
	} else if ((data = malloc(size ? (size_t)size : 1)) == NULL) {
		status = HABAR_ERR_NOMEM;
	} else if (fread(data, 1, (size_t)size, fp) != (size_t)size) {
		snprintf(err, errlen, "the file changed while being read");
		status = HABAR_ERR_IO;
	} else {
		status = habar__pptx_text_memory(data, (size_t)size, emit, arg,
		    err, errlen);
	}
	fclose(fp);
	free(data);
	return status;
}
