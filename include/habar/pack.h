/*
 * pack.h: release packs, the archives a communication officer sends out:
 * every language of a release, its parallel XML and TMX, HTML pages, the
 * attachments and their slide text, and a manifest that lets anyone check
 * the whole (README.md, "Release packs").
 *
 * A pack is planned first (files added in any order, from memory or from
 * disk) and written at once: entries sorted by path under one folder named
 * after the release, the manifest last, every timestamp the release date,
 * owner 0:0, modes 0644 and 0755, so the same inputs give the same bytes.
 */
#ifndef HABAR_PACK_H
#define HABAR_PACK_H

#include <stddef.h>
#include <stdint.h>

#include <habar/manifest.h>
#include <habar/status.h>

enum habar_pack_format {
	HABAR_PACK_ZIP = 0,	/* zip, deflate, UTF-8 names flagged as such */
	HABAR_PACK_TAR_GZ = 1,	/* POSIX pax tar, gzip without a timestamp */
	HABAR_PACK_TAR_XZ = 2	/* POSIX pax tar, xz */
};

struct habar_pack;

/*
 * Parses a format name ("zip", "tar.gz", "tgz", "tar.xz", "txz") into
 * *format.  Returns HABAR_OK or HABAR_ERR_ARGUMENT.
 */
enum habar_status habar_pack_format_parse(const char *name,
    enum habar_pack_format *format);

/* The usual file name extension of a format: "zip", "tar.gz", "tar.xz". */
const char *habar_pack_format_extension(enum habar_pack_format format);

/*
 * Creates an empty pack plan for release id (also the pack's folder name;
 * it must be a safe file name) dated date (habar_date_parse(): "2026-11-24",
 * with a time or not, "2026-11" or "2026", the first day of a month or a
 * year; from 1980; NULL: the Unix epoch), made by generator ("habar-pack
 * 0.1.0").
 * Returns HABAR_OK, HABAR_ERR_ARGUMENT (bad id or date), HABAR_ERR_NOMEM.
 */
enum habar_status habar_pack_new(struct habar_pack **pack_out, const char *id,
    const char *date, const char *generator);

/* Frees the plan; NULL is harmless. */
void habar_pack_free(struct habar_pack *pack);

/*
 * Adds a file of len bytes from memory (copied) at path inside the pack's
 * folder, with its media type, language (NULL if none) and manifest role.
 * Returns HABAR_OK, HABAR_ERR_ARGUMENT (unsafe or duplicate path),
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar_pack_add_memory(struct habar_pack *pack,
    const char *path, const void *data, size_t len, const char *media_type,
    const char *lang, const char *role);

/*
 * Adds the file at source (read when the pack is written) at path.
 * Same results as habar_pack_add_memory().
 */
enum habar_status habar_pack_add_file(struct habar_pack *pack,
    const char *path, const char *source, const char *media_type,
    const char *lang, const char *role);

/*
 * Writes the pack to the file descriptor fd (borrowed; not closed) in the
 * given format.  Returns HABAR_OK, HABAR_ERR_IO (a source unreadable or
 * the output failing, e.g. a full disk; habar_pack_error() says which),
 * HABAR_ERR_LIBRARY, HABAR_ERR_NOMEM.  A failed pack leaves a partial
 * stream on fd: write to a temporary file and rename on success.
 */
enum habar_status habar_pack_write(struct habar_pack *pack, int fd,
    enum habar_pack_format format);

/* The manifest of the last habar_pack_write(), or NULL before it. */
const struct habar_manifest *habar_pack_manifest(const struct habar_pack *pack);

/* A description of the last error, or "". */
const char *habar_pack_error(const struct habar_pack *pack);

/* What habar_pack_verify() found wrong with one file. */
enum habar_verify_problem {
	HABAR_VERIFY_MISSING,	/* listed in the manifest, absent */
	HABAR_VERIFY_EXTRA,	/* present, not listed */
	HABAR_VERIFY_CHANGED,	/* checksum differs */
	HABAR_VERIFY_TRUNCATED,	/* shorter than listed, or cut off */
	HABAR_VERIFY_SIZE,	/* size differs (longer) */
	HABAR_VERIFY_UNSAFE	/* a path leaving the pack's folder, or not a
				   regular file */
};

/* Called once per problem found; path is inside the pack's folder. */
typedef void habar_verify_fn(void *arg, enum habar_verify_problem problem,
    const char *path, const char *detail);

/*
 * Reads the pack at path (any format libarchive reads) as a stream,
 * checksums every member, reads and validates its manifest, and reports
 * each problem through found.  *manifest_out (if not NULL) receives the
 * manifest, to be freed by the caller.  Returns HABAR_OK when the pack was
 * read whole (problems, if any, were reported), HABAR_ERR_INPUT when it is
 * not a pack (unreadable archive, no or invalid manifest: detail in err),
 * HABAR_ERR_IO, HABAR_ERR_NOMEM.
 */
enum habar_status habar_pack_verify(const char *path, habar_verify_fn *found,
    void *arg, struct habar_manifest **manifest_out, char *err,
    size_t errlen);

#endif
