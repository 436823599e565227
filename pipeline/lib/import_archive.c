/*
 * import_archive.c: the zip package of a .docx or .odt, read from memory
 * with libarchive, keeping only the XML parts the importer reads and the
 * names of the pictures; every other member is read through (so that a
 * damaged one is noticed) and counted against the unpacking limit that
 * refuses zip bombs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "grow_internal.h"
#include "import_internal.h"
#include "zip_member_internal.h"

#define MAX_MEMBERS 20000
#define MAX_IMAGES 10000

static const char *const part_names[PART_COUNT] = {
	"word/document.xml", "word/styles.xml", "word/footnotes.xml",
	"word/endnotes.xml", "docProps/core.xml", "docProps/custom.xml",
	"mimetype", "content.xml", "styles.xml", "meta.xml"
};

/* The file name of a picture member, or NULL for any other member. */
static const char *
image_name(const char *name)
{
	static const char *const folders[] = { "word/media/", "Pictures/",
	    NULL };
	size_t i, n;

	for (i = 0; folders[i] != NULL; i++) {
		n = strlen(folders[i]);
		if (strncmp(name, folders[i], n) == 0 && name[n] != '\0' &&
		    strchr(name + n, '/') == NULL)
			return name + n;
	}
	return NULL;
}

static enum habar_status
add_image(struct import_package *pkg, const char *name)
{
	enum habar_status status;

	if (pkg->image_count >= MAX_IMAGES)
		return HABAR_OK;
	if ((status = habar__grow((void **)&pkg->images, &pkg->image_cap,
	    pkg->image_count + 1, sizeof(*pkg->images), 8)) != HABAR_OK)
		return status;
	if ((pkg->images[pkg->image_count] = strdup(name)) == NULL)
		return HABAR_ERR_NOMEM;
	pkg->image_count++;
	return HABAR_OK;
}

enum habar_status
habar__import_unzip(struct import_package *pkg, const void *data, size_t len,
    char *err, size_t errlen)
{
	struct archive *ar = archive_read_new();
	struct archive_entry *entry;
	enum habar_status status = HABAR_OK;
	uint64_t unpacked = 0;
	size_t members = 0, i;
	const char *name = "";
	int r;

	if (ar == NULL)
		return HABAR_ERR_NOMEM;
	archive_read_support_format_zip(ar);
	if (archive_read_open_memory(ar, data, len) != ARCHIVE_OK) {
		snprintf(err, errlen, "not a Word or OpenDocument file (not a "
		    "zip package: %s)", archive_error_string(ar) ?
		    archive_error_string(ar) : "unreadable");
		status = HABAR_ERR_INPUT;
		goto done;
	}
	while ((r = archive_read_next_header(ar, &entry)) == ARCHIVE_OK) {
		const char *image;

		name = archive_entry_pathname(entry);
		if (name == NULL)
			name = "";
		if (++members > MAX_MEMBERS) {
			snprintf(err, errlen, "more than %d members",
			    MAX_MEMBERS);
			status = HABAR_ERR_LIMIT;
			goto done;
		}
		for (i = 0; i < PART_COUNT; i++)
			if (strcmp(name, part_names[i]) == 0)
				break;
		if (i < PART_COUNT && pkg->part[i] == NULL) {
			status = habar__zip_read_member(ar, IMPORT_MAX_PART,
			    HABAR_IMPORT_MAX_UNPACKED, &pkg->part[i],
			    &pkg->part_len[i], &unpacked);
		} else {
			if ((image = image_name(name)) != NULL &&
			    (status = add_image(pkg, image)) != HABAR_OK)
				goto done;
			status = habar__zip_skip_member(ar,
			    HABAR_IMPORT_MAX_UNPACKED, &unpacked);
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

void
habar__import_package_free(struct import_package *pkg)
{
	size_t i;

	for (i = 0; i < PART_COUNT; i++)
		free(pkg->part[i]);
	for (i = 0; i < pkg->image_count; i++)
		free(pkg->images[i]);
	free(pkg->images);
	memset(pkg, 0, sizeof(*pkg));
}
