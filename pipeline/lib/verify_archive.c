/*
 * verify_archive.c: checking a release pack against its manifest, reading
 * the archive as a stream with libarchive (see habar_pack_verify() in
 * habar/pack.h).  Nothing is extracted: each member is checksummed as it
 * passes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include <habar/digest.h>
#include <habar/pack.h>

#define MAX_MANIFEST (16u * 1024 * 1024)
#define CHUNK (256u * 1024)

/* Splits "folder/rest" into the pack folder and the path inside it; returns
 * 0 for names that are absolute, climb with "..", or have no folder. */
static int
split_name(const char *name, char *folder, size_t folder_size,
    const char **inside)
{
	const char *slash = strchr(name, '/');
	const char *p;

	if (name[0] == '/' || slash == NULL || slash == name ||
	    (size_t)(slash - name) >= folder_size)
		return 0;
	for (p = name; p != NULL; p = strchr(p, '/') ? strchr(p, '/') + 1 : NULL)
		if (strncmp(p, "../", 3) == 0 || strcmp(p, "..") == 0)
			return 0;
	memcpy(folder, name, (size_t)(slash - name));
	folder[slash - name] = '\0';
	*inside = slash + 1;
	return 1;
}

/*
 * The member paths met so far, in an open-addressing hash table: a
 * hostile archive may hold millions of members, and a list searched from
 * the start for each would take hours over them.
 */
struct seen {
	char **slots;		/* cap slots, NULL where free */
	size_t count, cap;	/* cap is 0 or a power of two */
};

static size_t
hash_path(const char *path)
{
	size_t h = 2166136261u;

	for (; *path != '\0'; path++)
		h = (h ^ (unsigned char)*path) * 16777619u;
	return h;
}

/* The slot holding path, or the free slot where it would go. */
static char **
slot_of(const struct seen *seen, const char *path)
{
	size_t i = hash_path(path) & (seen->cap - 1);

	while (seen->slots[i] != NULL && strcmp(seen->slots[i], path) != 0)
		i = (i + 1) & (seen->cap - 1);
	return &seen->slots[i];
}

/* Adds path (not yet in the table); returns -1 when out of memory. */
static int
remember(struct seen *seen, const char *path)
{
	if (2 * (seen->count + 1) > seen->cap) {
		struct seen grown = { NULL, seen->count, 0 };
		size_t i;
		grown.cap = seen->cap ? seen->cap * 2 : 64;
		if (grown.cap < seen->cap ||
		    (grown.slots = calloc(grown.cap, sizeof(char *))) == NULL)
			return -1;
		for (i = 0; i < seen->cap; i++)
			if (seen->slots[i] != NULL)
				*slot_of(&grown, seen->slots[i]) =
				    seen->slots[i];
		free(seen->slots);
		*seen = grown;
	}
	if ((*slot_of(seen, path) = strdup(path)) == NULL)
		return -1;
	seen->count++;
	return 0;
}

static int
was_seen(const struct seen *seen, const char *path)
{
	return seen->cap > 0 && *slot_of(seen, path) != NULL;
}

enum habar_status
habar_pack_verify(const char *path, habar_verify_fn *found, void *arg,
    struct habar_manifest **manifest_out, char *err, size_t errlen)
{
	struct archive *ar = archive_read_new();
	struct archive_entry *entry;
	struct habar_manifest *manifest = NULL;
	struct seen seen = { 0 };
	enum habar_status status = HABAR_OK;
	unsigned char *buf = malloc(CHUNK);
	char folder[256] = "", this_folder[256], detail[512];
	int r, cut = 0;
	size_t i;

	if (manifest_out != NULL)
		*manifest_out = NULL;
	if (ar == NULL || buf == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	archive_read_support_format_all(ar);
	archive_read_support_filter_all(ar);
	if (archive_read_open_filename(ar, path, CHUNK) != ARCHIVE_OK) {
		snprintf(err, errlen, "%s", archive_error_string(ar) ?
		    archive_error_string(ar) : strerror(errno));
		status = errno == ENOENT || errno == EACCES ? HABAR_ERR_IO :
		    HABAR_ERR_INPUT;
		goto done;
	}
	while ((r = archive_read_next_header(ar, &entry)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname_utf8(entry);
		const char *inside;
		struct habar_sha256 ctx;
		char sha[HABAR_SHA256_HEX_SIZE];
		uint64_t size = 0;
		la_ssize_t n;

		if (name == NULL)
			name = archive_entry_pathname(entry);
		if (name == NULL || !split_name(name, this_folder,
		    sizeof(this_folder), &inside) ||
		    (folder[0] != '\0' && strcmp(folder, this_folder) != 0)) {
			found(arg, HABAR_VERIFY_UNSAFE, name ? name : "?",
			    "outside the pack's folder");
			continue;
		}
		if (folder[0] == '\0')
			snprintf(folder, sizeof(folder), "%s", this_folder);
		if (archive_entry_filetype(entry) == AE_IFDIR)
			continue;
		if (archive_entry_filetype(entry) != AE_IFREG) {
			found(arg, HABAR_VERIFY_UNSAFE, inside,
			    "not a regular file (a link or device)");
			continue;
		}
		if (manifest == NULL) {
			/* The manifest comes first in a pack. */
			char *xml;
			size_t len = 0, cap = 65536;
			if (strcmp(inside, HABAR_MANIFEST_NAME) != 0) {
				snprintf(err, errlen, "the first member is %s, "
				    "not %s: not a habar pack", name,
				    HABAR_MANIFEST_NAME);
				status = HABAR_ERR_INPUT;
				goto done;
			}
			if ((xml = malloc(cap)) == NULL) {
				status = HABAR_ERR_NOMEM;
				goto done;
			}
			while ((n = archive_read_data(ar, xml + len,
			    cap - len)) > 0) {
				len += (size_t)n;
				if (len == cap) {
					char *grown;
					if (cap >= MAX_MANIFEST)
						break;
					cap *= 2;
					if ((grown = realloc(xml, cap)) == NULL) {
						free(xml);
						status = HABAR_ERR_NOMEM;
						goto done;
					}
					xml = grown;
				}
			}
			if (n < 0 || len >= MAX_MANIFEST) {
				free(xml);
				snprintf(err, errlen, "the manifest is %s",
				    n < 0 ? "unreadable" : "too large");
				status = HABAR_ERR_INPUT;
				goto done;
			}
			status = habar_manifest_from_xml(&manifest, xml, len,
			    err, errlen);
			free(xml);
			if (status != HABAR_OK)
				goto done;
			continue;
		}
		if (was_seen(&seen, inside)) {
			found(arg, HABAR_VERIFY_EXTRA, inside,
			    "a second member of the same name");
			continue;
		}
		if (remember(&seen, inside) < 0) {
			status = HABAR_ERR_NOMEM;
			goto done;
		}
		habar_sha256_init(&ctx);
		while ((n = archive_read_data(ar, buf, CHUNK)) > 0) {
			habar_sha256_update(&ctx, buf, (size_t)n);
			size += (uint64_t)n;
		}
		const struct habar_manifest_entry *e =
		    habar_manifest_find(manifest, inside);
		if (n < 0) {
			snprintf(detail, sizeof(detail), "cut off after %llu "
			    "bytes: %s", (unsigned long long)size,
			    archive_error_string(ar) ? archive_error_string(ar) :
			    "read error");
			found(arg, HABAR_VERIFY_TRUNCATED, inside, detail);
			cut = 1;
			break;
		}
		habar_sha256_hex(&ctx, sha);
		if (e == NULL) {
			found(arg, HABAR_VERIFY_EXTRA, inside,
			    "not listed in the manifest");
		} else if (size < e->size) {
			snprintf(detail, sizeof(detail), "%llu bytes, %llu "
			    "listed", (unsigned long long)size,
			    (unsigned long long)e->size);
			found(arg, HABAR_VERIFY_TRUNCATED, inside, detail);
		} else if (size > e->size) {
			snprintf(detail, sizeof(detail), "%llu bytes, %llu "
			    "listed", (unsigned long long)size,
			    (unsigned long long)e->size);
			found(arg, HABAR_VERIFY_SIZE, inside, detail);
		} else if (strcmp(sha, e->sha256) != 0) {
			found(arg, HABAR_VERIFY_CHANGED, inside,
			    "SHA-256 differs from the manifest");
		}
	}
	if (!cut && r != ARCHIVE_EOF) {
		if (manifest == NULL) {
			snprintf(err, errlen, "%s", archive_error_string(ar) ?
			    archive_error_string(ar) : "unreadable archive");
			status = HABAR_ERR_INPUT;
			goto done;
		}
		snprintf(detail, sizeof(detail), "the archive is cut off: %s",
		    archive_error_string(ar) ? archive_error_string(ar) :
		    "read error");
		found(arg, HABAR_VERIFY_TRUNCATED, "", detail);
	}
	if (manifest == NULL) {
		snprintf(err, errlen, "no %s: not a habar pack",
		    HABAR_MANIFEST_NAME);
		status = HABAR_ERR_INPUT;
		goto done;
	}
	for (i = 0; i < manifest->count; i++)
		if (!was_seen(&seen, manifest->entries[i].path))
			found(arg, HABAR_VERIFY_MISSING, manifest->entries[i].path,
			    "listed in the manifest, not in the pack");
done:
	for (i = 0; i < seen.cap; i++)
		free(seen.slots[i]);
	free(seen.slots);
	free(buf);
	if (ar != NULL)
		archive_read_free(ar);
	if (status == HABAR_OK && manifest_out != NULL)
		*manifest_out = manifest;
	else
		habar_manifest_free(manifest);
	return status;
}
