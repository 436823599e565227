/*
 * source.h: reading an archive of past releases (zip, tar, tar.gz,
 * tar.xz, 7z: whatever libarchive reads) or a directory tree, member by
 * member, as a stream.
 *
 * Nothing is ever extracted: members are read into memory on request, so
 * no member name can make anything be written anywhere.  Names are
 * returned as safe relative UTF-8 paths (zip names written in CP866 or
 * windows-1251 by old Windows tools are decoded); members that are not
 * regular files (links, devices) or whose names climb out ("../x",
 * absolute paths) are reported and skipped.  Limits on a member's size,
 * the total unpacked size and the compression ratio refuse zip bombs.
 */
#ifndef HABAR_SOURCE_H
#define HABAR_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include <habar/status.h>

struct habar_source_limits {
	uint64_t max_member;	/* bytes one member may unpack to */
	uint64_t max_total;	/* bytes all members may unpack to */
	uint64_t max_ratio;	/* unpacked bytes per packed byte */
};

/* Defaults: 256 MiB a member, 16 GiB in all, a ratio of 200. */
#define HABAR_SOURCE_DEFAULT_LIMITS { 256ull << 20, 16ull << 30, 200 }

struct habar_source_member {
	const char *name;	/* safe relative path, UTF-8, '/'-separated */
	const char *raw_name;	/* the name as stored, for messages */
	uint64_t size;		/* as declared (0 if unknown) */
	int name_recoded;	/* the name was decoded from CP866/1251 */
};

struct habar_source;

/*
 * Opens path: a directory is walked (sorted, symbolic links not
 * followed), anything else read as an archive.  limits may be NULL for the
 * defaults.  Returns HABAR_OK, HABAR_ERR_IO (cannot open: errno kept),
 * HABAR_ERR_INPUT (not an archive: *source_out is set all the same, for
 * habar_source_error() to say why; free it), HABAR_ERR_LIMIT (a directory
 * nested deeper than 64 folders, or holding more than ten million files),
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar_source_open(struct habar_source **source_out,
    const char *path, const struct habar_source_limits *limits);

/* Closes the source; NULL is harmless. */
void habar_source_free(struct habar_source *source);

/*
 * Moves to the next regular-file member and describes it in *member
 * (strings valid until the next call).  A member that is unsafe or
 * unreadable is skipped with HABAR_ERR_INPUT returned once for it
 * (habar_source_error() says which and why); call again to go on.
 * Returns HABAR_OK, HABAR_END, HABAR_ERR_INPUT, HABAR_ERR_LIMIT (the total
 * or ratio limit: the source cannot go on), HABAR_ERR_IO (the archive
 * itself is broken: cannot go on), HABAR_ERR_NOMEM.
 */
enum habar_status habar_source_next(struct habar_source *source,
    struct habar_source_member *member);

/*
 * Reads the current member whole into a new buffer *data_out of *len_out
 * bytes (free() it; NUL-terminated for convenience).  Returns HABAR_OK,
 * HABAR_ERR_LIMIT (member too large, or the ratio or total exceeded: a
 * zip bomb), HABAR_ERR_INPUT (corrupt data: bad CRC, truncated),
 * HABAR_ERR_IO, HABAR_ERR_NOMEM.
 */
enum habar_status habar_source_read(struct habar_source *source,
    char **data_out, size_t *len_out);

/* A description of the last problem, or "". */
const char *habar_source_error(const struct habar_source *source);

#endif
