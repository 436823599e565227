/*
 * manifest.h: the manifest of a release pack, listing every file in the
 * pack with its size, SHA-256, media type, language and role, so that
 * anyone can check the pack (habar-verify).  Its XML form is described in
 * README.md, "Release packs", and by schemas/habar-manifest.rng.
 */
#ifndef HABAR_MANIFEST_H
#define HABAR_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include <habar/digest.h>
#include <habar/status.h>

/* The XML namespace of the manifest format (version 1). */
#define HABAR_MANIFEST_NS "urn:habar:manifest:1"

/* The manifest's own name inside a pack, under the pack's folder. */
#define HABAR_MANIFEST_NAME "manifest.xml"

struct habar_manifest_entry {
	char *path;		/* relative to the pack's folder, '/'-separated */
	uint64_t size;		/* bytes */
	char sha256[HABAR_SHA256_HEX_SIZE];
	char *media_type;
	char *lang;		/* BCP 47 tag, or NULL when not language text */
	char *role;		/* release, parallel, tmx, html, style, slides,
				   attachment */
};

struct habar_manifest {
	char *release;		/* the release id */
	char *date;		/* the release date, ISO 8601 */
	char *generator;	/* "habar-pack 0.1.0" */
	struct habar_manifest_entry *entries;
	size_t count;
	/* private: capacity of entries, and a hash index of their paths
	 * (slots hold entry index + 1, 0 when free) */
	size_t cap_;
	size_t *slots_;
	size_t slot_count_;
};

/* Creates an empty manifest.  HABAR_OK or HABAR_ERR_NOMEM. */
enum habar_status habar_manifest_new(struct habar_manifest **manifest_out,
    const char *release, const char *date, const char *generator);

/* Frees the manifest; NULL is harmless. */
void habar_manifest_free(struct habar_manifest *manifest);

/*
 * Appends an entry (strings copied; lang may be NULL).  Returns HABAR_OK,
 * HABAR_ERR_ARGUMENT when path is empty, absolute, holds a ".." component
 * or is already listed, HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
enum habar_status habar_manifest_add(struct habar_manifest *manifest,
    const char *path, uint64_t size, const char *sha256,
    const char *media_type, const char *lang, const char *role);

/* Returns the entry for path, or NULL. */
const struct habar_manifest_entry *habar_manifest_find(
    const struct habar_manifest *manifest, const char *path);

/*
 * Serialises the manifest as XML into a new buffer *xml_out of *len_out
 * bytes (free() it).  Returns HABAR_OK, HABAR_ERR_NOMEM, HABAR_ERR_LIBRARY.
 */
enum habar_status habar_manifest_to_xml(const struct habar_manifest *manifest,
    char **xml_out, size_t *len_out);

/*
 * Parses and validates a manifest (against schemas/habar-manifest.rng
 * from the data directory), with no network access and no entities.
 * On failure err (errlen bytes) says where and why.  Returns HABAR_OK,
 * HABAR_ERR_INPUT, HABAR_ERR_NOTFOUND (the schema is missing),
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar_manifest_from_xml(struct habar_manifest **manifest_out,
    const char *xml, size_t len, char *err, size_t errlen);

#endif
