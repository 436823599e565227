/*
 * zip_member_archive.c: the members of an open zip package read whole
 * or read through with libarchive (see zip_member_internal.h), for the
 * importer and the attachment checker, so that both count every byte
 * against their unpacking limit and name a failing member the same way.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <archive.h>

#include "grow_internal.h"
#include "zip_member_internal.h"

/* How much is read from a member at a time. */
#define CHUNK 4096

enum habar_status
habar__zip_read_member(struct archive *ar, size_t max, uint64_t max_unpacked,
    char **out, size_t *len, uint64_t *unpacked)
{
	size_t cap = 0, used = 0;
	char *buf = NULL;
	enum habar_status status = HABAR_OK;
	la_ssize_t n;

	for (;;) {
		if (used + CHUNK + 1 > cap) {
			if (used >= max) {
				status = HABAR_ERR_LIMIT;
				goto done;
			}
			if ((status = habar__grow((void **)&buf, &cap,
			    used + CHUNK + 1, 1, 16384)) != HABAR_OK)
				goto done;
		}
		n = archive_read_data(ar, buf + used, CHUNK);
		if (n < 0) {
			status = HABAR_ERR_INPUT;
			goto done;
		}
		if (n == 0)
			break;
		used += (size_t)n;
		*unpacked += (uint64_t)n;
		if (*unpacked > max_unpacked || used > max) {
			status = HABAR_ERR_LIMIT;
			goto done;
		}
	}
	buf[used] = '\0';
	*out = buf;
	*len = used;
	buf = NULL;
done:
	free(buf);
	return status;
}

enum habar_status
habar__zip_skip_member(struct archive *ar, uint64_t max_unpacked,
    uint64_t *unpacked)
{
	char scratch[16384];
	la_ssize_t n;

	while ((n = archive_read_data(ar, scratch, sizeof(scratch))) > 0) {
		*unpacked += (uint64_t)n;
		if (*unpacked > max_unpacked)
			return HABAR_ERR_LIMIT;
	}
	return n < 0 ? HABAR_ERR_INPUT : HABAR_OK;
}

int
habar__zip_member_error(struct archive *ar, enum habar_status status,
    const char *name, char *err, size_t errlen)
{
	if (status == HABAR_ERR_LIMIT)
		snprintf(err, errlen, "member '%.200s' unpacks beyond the "
		    "size limit (a zip bomb?)", name);
	else if (status == HABAR_ERR_INPUT)
		snprintf(err, errlen, "member '%.200s' is damaged: %s", name,
		    archive_error_string(ar) ? archive_error_string(ar) :
		    "read error");
	else
		return 0;
	return 1;
}

enum habar_status
habar__zip_walk_end(struct archive *ar, int r, char *err, size_t errlen)
{
	if (r == ARCHIVE_EOF)
		return HABAR_OK;
	snprintf(err, errlen, "damaged zip package: %s",
	    archive_error_string(ar) ? archive_error_string(ar) :
	    "read error");
	return HABAR_ERR_INPUT;
}
