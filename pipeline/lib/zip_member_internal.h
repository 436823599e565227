/*
 * zip_member_internal.h: reading the members of a zip package that
 * libarchive has open (zip_member_archive.c).  The importer (.docx,
 * .odt) and the attachment checker (.pptx, .docx) read their packages
 * alike: a member read whole or read through, both counted against one
 * unpacking limit that refuses zip bombs, and the same messages for a
 * member or a package that fails.
 */
#ifndef HABAR_ZIP_MEMBER_INTERNAL_H
#define HABAR_ZIP_MEMBER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <habar/status.h>

struct archive;

/*
 * Reads the current member of ar whole into *out, NUL-terminated, its
 * length in *len (the caller frees *out), adding its bytes to *unpacked.
 * Returns HABAR_OK; HABAR_ERR_LIMIT when it holds more than max bytes or
 * *unpacked passes max_unpacked; HABAR_ERR_INPUT when it is damaged;
 * HABAR_ERR_NOMEM.  On failure *out and *len are left alone.
 */
enum habar_status habar__zip_read_member(struct archive *ar, size_t max,
    uint64_t max_unpacked, char **out, size_t *len, uint64_t *unpacked);

/*
 * Reads the current member of ar through, so that damage is noticed,
 * adding its bytes to *unpacked.  Returns HABAR_OK, HABAR_ERR_LIMIT when
 * *unpacked passes max_unpacked, HABAR_ERR_INPUT when it is damaged.
 */
enum habar_status habar__zip_skip_member(struct archive *ar,
    uint64_t max_unpacked, uint64_t *unpacked);

/*
 * Writes into err (errlen bytes) what went wrong with member name, read
 * with the status given: beyond the size limit (HABAR_ERR_LIMIT) or
 * damaged (HABAR_ERR_INPUT, with libarchive's reason).  Returns 1 when it
 * wrote a message, 0 for another status (nothing written).
 */
int habar__zip_member_error(struct archive *ar, enum habar_status status,
    const char *name, char *err, size_t errlen);

/*
 * Whether the walk over ar's members ended at the end of the package:
 * r is the last result of archive_read_next_header().  Returns HABAR_OK,
 * or HABAR_ERR_INPUT with the reason written into err (errlen bytes).
 */
enum habar_status habar__zip_walk_end(struct archive *ar, int r, char *err,
    size_t errlen);

#endif
