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
 * absolute paths) are reported and skipped.  Limits on a member's size
 * and compression ratio skip that member; limits on the total unpacked
 * size and the whole archive's ratio refuse the archive (a zip bomb).
 * Members are read in pieces of HABAR_SOURCE_CHUNK bytes, the limits
 * checked at each, so memory does not grow with a member's size.
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

/* Defaults: 256 MiB a member, 16 GiB in all, a ratio of 200 (a member's
 * own, once past 1 MiB; the archive's, once its members passed 16 MiB). */
#define HABAR_SOURCE_DEFAULT_LIMITS { 256ull << 20, 16ull << 30, 200 }

struct habar_source_member {
	const char *name;	/* safe relative path, UTF-8, '/'-separated */
	const char *raw_name;	/* the name as stored, for messages */
	uint64_t size;		/* as declared (0 if unknown) */
	int name_recoded;	/* the name was decoded from CP866/1251 */
};

/* The most bytes habar_source_read_chunk() gives at once. */
#define HABAR_SOURCE_CHUNK 65536

struct habar_source;

/*
 * Opens path: a directory is walked (sorted, symbolic links not
 * followed), anything else read as an archive.  limits may be NULL for the
 * defaults.  Returns HABAR_OK, HABAR_ERR_IO (cannot open: errno kept),
 * HABAR_ERR_INPUT (not an archive), HABAR_ERR_LIMIT (a directory holding
 * more than ten million files): for these two *source_out is set all the
 * same, for habar_source_error() to say why (free it); HABAR_ERR_NOMEM.
 */
enum habar_status habar_source_open(struct habar_source **source_out,
    const char *path, const struct habar_source_limits *limits);

/*
 * Opens an archive held in memory (len bytes at data, which must stay
 * until the source is freed); as habar_source_open() otherwise.  Returns
 * HABAR_OK, HABAR_ERR_INPUT (not an archive: *source_out set, free it),
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar_source_open_memory(struct habar_source **source_out,
    const void *data, size_t len, const struct habar_source_limits *limits);

/* Closes the source; NULL is harmless. */
void habar_source_free(struct habar_source *source);

/*
 * Moves to the next regular-file member and describes it in *member
 * (strings valid until the next call).  A member that is unsafe or
 * unreadable (in a directory: a link, a device, a FIFO, a hard link, a
 * folder nested more than 64 deep) is skipped with HABAR_ERR_INPUT
 * returned once for it (habar_source_error() says which and why); call
 * again to go on.  Returns HABAR_OK, HABAR_END, HABAR_ERR_INPUT,
 * HABAR_ERR_LIMIT (the archive was refused whole: cannot go on),
 * HABAR_ERR_IO (the archive itself is broken, truncated say: cannot go
 * on), HABAR_ERR_NOMEM.
 */
enum habar_status habar_source_next(struct habar_source *source,
    struct habar_source_member *member);

/*
 * Reads the next piece of the current member: *data_out points to
 * *len_out bytes (at most HABAR_SOURCE_CHUNK, valid until the next call),
 * 0 at the member's end.  Returns HABAR_OK; HABAR_ERR_LIMIT when the
 * member passes --max-member or its own ratio (the member is skipped: call
 * habar_source_next() to go on) or when the archive as a whole passes
 * the total or its ratio (habar_source_refused() then says so, and the
 * source cannot go on); HABAR_ERR_INPUT (corrupt data: bad CRC,
 * truncated; or a directory member that turned out not to be a regular
 * file); HABAR_ERR_ARGUMENT (no current member).  habar_source_error()
 * says why, naming the member.
 */
enum habar_status habar_source_read_chunk(struct habar_source *source,
    const void **data_out, size_t *len_out);

/*
 * Reads the current member whole into a new buffer *data_out of *len_out
 * bytes (free() it; NUL-terminated for convenience), piece by piece as
 * habar_source_read_chunk() does, with its returns.
 */
enum habar_status habar_source_read(struct habar_source *source,
    char **data_out, size_t *len_out);

/* Whether the last HABAR_ERR_LIMIT refused the archive as a whole. */
int habar_source_refused(const struct habar_source *source);

/* A description of the last problem, or "". */
const char *habar_source_error(const struct habar_source *source);

#endif
