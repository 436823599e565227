/*
 * pack_archive.c: writing release packs with libarchive, reproducibly, and
 * reading them back to verify them (see habar/pack.h).
 *
 * The manifest is the first member, so that a pack cut short still tells
 * what it should have held: the verifier reads it, then checks every
 * member against it as the stream goes by, never extracting anything.
 */
#define _GNU_SOURCE /* timegm */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include <habar/date.h>
#include <habar/digest.h>
#include <habar/pack.h>

#include "grow_internal.h"

#define MAX_MANIFEST (16u * 1024 * 1024)
#define IO_CHUNK (256u * 1024)

struct planned {
	char *path;		/* inside the pack's folder */
	unsigned char *data;	/* from memory, or NULL */
	size_t len;
	char *source;		/* from disk, or NULL */
	char *media_type, *lang, *role;
	char sha256[HABAR_SHA256_HEX_SIZE];
	uint64_t size;
};

struct habar_pack {
	char *id;
	char *date;
	char *generator;
	time_t mtime;
	struct planned *files;
	size_t count, cap;
	struct habar_manifest *manifest;
	/* Room for a member's name (up to 1023 bytes) and a message. */
	char error[1536];
};

enum habar_status
habar_pack_format_parse(const char *name, enum habar_pack_format *format)
{
	if (strcmp(name, "zip") == 0)
		*format = HABAR_PACK_ZIP;
	else if (strcmp(name, "tar.gz") == 0 || strcmp(name, "tgz") == 0)
		*format = HABAR_PACK_TAR_GZ;
	else if (strcmp(name, "tar.xz") == 0 || strcmp(name, "txz") == 0)
		*format = HABAR_PACK_TAR_XZ;
	else
		return HABAR_ERR_ARGUMENT;
	return HABAR_OK;
}

const char *
habar_pack_format_extension(enum habar_pack_format format)
{
	switch (format) {
	case HABAR_PACK_ZIP:	return "zip";
	case HABAR_PACK_TAR_GZ:	return "tar.gz";
	case HABAR_PACK_TAR_XZ:	return "tar.xz";
	}
	return "zip";
}

/* The time a release date stands for, for the archive's file times: a
 * month or a year is its first day; -1 when it is not a date or comes
 * before 1980, which zip cannot store. */
static time_t
parse_date(const char *text)
{
	struct habar_date d;
	struct tm tm;

	if (habar_date_parse(&d, text) == HABAR_DATE_NONE || d.year < 1980)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = d.year - 1900;
	tm.tm_mon = d.month - 1;
	tm.tm_mday = d.day;
	tm.tm_hour = d.hour;
	tm.tm_min = d.minute;
	tm.tm_sec = d.second;
	return timegm(&tm) - (time_t)d.offset * 60;
}

static int
safe_name(const char *id)
{
	return *id != '\0' && strchr(id, '/') == NULL &&
	    strcmp(id, ".") != 0 && strcmp(id, "..") != 0 &&
	    strlen(id) < 200;
}

enum habar_status
habar_pack_new(struct habar_pack **pack_out, const char *id, const char *date,
    const char *generator)
{
	struct habar_pack *pack;
	time_t mtime = 0;

	*pack_out = NULL;
	if (id == NULL || !safe_name(id))
		return HABAR_ERR_ARGUMENT;
	if (date != NULL && (mtime = parse_date(date)) < 0)
		return HABAR_ERR_ARGUMENT;
	if ((pack = calloc(1, sizeof(*pack))) == NULL)
		return HABAR_ERR_NOMEM;
	pack->id = strdup(id);
	pack->date = date ? strdup(date) : NULL;
	pack->generator = strdup(generator ? generator : "habar");
	pack->mtime = mtime;
	if (pack->id == NULL || pack->generator == NULL ||
	    (date != NULL && pack->date == NULL)) {
		habar_pack_free(pack);
		return HABAR_ERR_NOMEM;
	}
	*pack_out = pack;
	return HABAR_OK;
}

void
habar_pack_free(struct habar_pack *pack)
{
	size_t i;

	if (pack == NULL)
		return;
	for (i = 0; i < pack->count; i++) {
		free(pack->files[i].path);
		free(pack->files[i].data);
		free(pack->files[i].source);
		free(pack->files[i].media_type);
		free(pack->files[i].lang);
		free(pack->files[i].role);
	}
	free(pack->files);
	habar_manifest_free(pack->manifest);
	free(pack->id);
	free(pack->date);
	free(pack->generator);
	free(pack);
}

static enum habar_status
add(struct habar_pack *pack, const char *path, const void *data, size_t len,
    const char *source, const char *media_type, const char *lang,
    const char *role)
{
	struct planned *f;
	size_t i;
	enum habar_status status;

	if (strcmp(path, HABAR_MANIFEST_NAME) == 0 || *path == '/' ||
	    strstr(path, "..") != NULL || *path == '\0')
		return HABAR_ERR_ARGUMENT;
	for (i = 0; i < pack->count; i++)
		if (strcmp(pack->files[i].path, path) == 0)
			return HABAR_ERR_ARGUMENT;
	status = habar__grow((void **)&pack->files, &pack->cap, pack->count + 1,
	    sizeof(*pack->files), 16);
	if (status != HABAR_OK)
		return status;
	f = &pack->files[pack->count];
	memset(f, 0, sizeof(*f));
	f->path = strdup(path);
	f->media_type = strdup(media_type);
	f->role = strdup(role);
	f->lang = lang ? strdup(lang) : NULL;
	if (source != NULL)
		f->source = strdup(source);
	else if ((f->data = malloc(len ? len : 1)) != NULL)
		memcpy(f->data, data, len);
	f->len = len;
	if (f->path == NULL || f->media_type == NULL || f->role == NULL ||
	    (lang != NULL && f->lang == NULL) ||
	    (source != NULL ? f->source == NULL : f->data == NULL)) {
		free(f->path);
		free(f->media_type);
		free(f->role);
		free(f->lang);
		free(f->source);
		free(f->data);
		return HABAR_ERR_NOMEM;
	}
	pack->count++;
	return HABAR_OK;
}

enum habar_status
habar_pack_add_memory(struct habar_pack *pack, const char *path,
    const void *data, size_t len, const char *media_type, const char *lang,
    const char *role)
{
	return add(pack, path, data, len, NULL, media_type, lang, role);
}

enum habar_status
habar_pack_add_file(struct habar_pack *pack, const char *path,
    const char *source, const char *media_type, const char *lang,
    const char *role)
{
	return add(pack, path, NULL, 0, source, media_type, lang, role);
}

static int
compare_planned(const void *a, const void *b)
{
	return strcmp(((const struct planned *)a)->path,
	    ((const struct planned *)b)->path);
}

/* Checksums a file source, recording its size; the manifest needs every
 * checksum before the first member is written. */
static enum habar_status
hash_source(struct habar_pack *pack, struct planned *f, unsigned char *buf)
{
	struct habar_sha256 ctx;
	ssize_t n;
	int fd = open(f->source, O_RDONLY);

	if (fd < 0) {
		snprintf(pack->error, sizeof(pack->error), "%s: %s", f->source,
		    strerror(errno));
		return HABAR_ERR_IO;
	}
	habar_sha256_init(&ctx);
	f->size = 0;
	while ((n = read(fd, buf, IO_CHUNK)) > 0) {
		habar_sha256_update(&ctx, buf, (size_t)n);
		f->size += (uint64_t)n;
	}
	if (n < 0) {
		snprintf(pack->error, sizeof(pack->error), "%s: %s", f->source,
		    strerror(errno));
		close(fd);
		return HABAR_ERR_IO;
	}
	close(fd);
	habar_sha256_hex(&ctx, f->sha256);
	return HABAR_OK;
}

static struct archive_entry *
new_entry(const struct habar_pack *pack, const char *path, int directory,
    uint64_t size)
{
	struct archive_entry *entry = archive_entry_new();
	char name[1024];

	if (entry == NULL)
		return NULL;
	snprintf(name, sizeof(name), "%s/%s", pack->id, path);
	archive_entry_set_pathname_utf8(entry, name);
	archive_entry_set_filetype(entry, directory ? AE_IFDIR : AE_IFREG);
	archive_entry_set_perm(entry, directory ? 0755 : 0644);
	archive_entry_set_size(entry, directory ? 0 : (la_int64_t)size);
	archive_entry_set_mtime(entry, pack->mtime, 0);
	archive_entry_set_uid(entry, 0);
	archive_entry_set_gid(entry, 0);
	archive_entry_set_uname(entry, "root");
	archive_entry_set_gname(entry, "root");
	return entry;
}

/* Writes one member: a header, then the bytes from memory or disk. */

/*
 * Keeps libarchive's message for a failed write of path (NULL: the end of
 * the archive) with the system's reason, which libarchive's own message
 * ("Write error") often leaves out.
 */
static void
write_failed(struct habar_pack *pack, struct archive *ar, const char *path)
{
	const char *what = archive_error_string(ar);
	int err = archive_errno(ar);

	if (what == NULL)
		what = "write error";
	if (err > 0 && strstr(what, strerror(err)) == NULL)
		snprintf(pack->error, sizeof(pack->error), "%s%s%s%s (%s)",
		    path ? "writing " : "", path ? path : "", path ? ": " : "",
		    what, strerror(err));
	else
		snprintf(pack->error, sizeof(pack->error), "%s%s%s%s",
		    path ? "writing " : "", path ? path : "", path ? ": " : "",
		    what);
}
static enum habar_status
write_member(struct habar_pack *pack, struct archive *ar, const char *path,
    const unsigned char *data, uint64_t size, const char *source,
    unsigned char *buf)
{
	struct archive_entry *entry = new_entry(pack, path, 0, size);
	enum habar_status status = HABAR_OK;
	uint64_t written = 0;
	int fd = -1;

	if (entry == NULL)
		return HABAR_ERR_NOMEM;
	if (archive_write_header(ar, entry) != ARCHIVE_OK)
		goto archive_failed;
	if (source == NULL) {
		if (size > 0 && archive_write_data(ar, data, (size_t)size) < 0)
			goto archive_failed;
	} else {
		ssize_t n;
		if ((fd = open(source, O_RDONLY)) < 0) {
			snprintf(pack->error, sizeof(pack->error), "%s: %s",
			    source, strerror(errno));
			status = HABAR_ERR_IO;
			goto done;
		}
		while (written < size && (n = read(fd, buf, IO_CHUNK)) > 0) {
			if ((uint64_t)n > size - written)
				n = (ssize_t)(size - written);
			if (archive_write_data(ar, buf, (size_t)n) < 0)
				goto archive_failed;
			written += (uint64_t)n;
		}
		if (written != size) {
			snprintf(pack->error, sizeof(pack->error),
			    "%s: changed while being packed", source);
			status = HABAR_ERR_IO;
			goto done;
		}
	}
	goto done;
archive_failed:
	write_failed(pack, ar, path);
	status = HABAR_ERR_IO;
done:
	if (fd >= 0)
		close(fd);
	archive_entry_free(entry);
	return status;
}

static enum habar_status
write_directory(struct habar_pack *pack, struct archive *ar, const char *path)
{
	struct archive_entry *entry = new_entry(pack, path, 1, 0);
	enum habar_status status = HABAR_OK;

	if (entry == NULL)
		return HABAR_ERR_NOMEM;
	if (archive_write_header(ar, entry) != ARCHIVE_OK) {
		write_failed(pack, ar, path);
		status = HABAR_ERR_IO;
	}
	archive_entry_free(entry);
	return status;
}

static enum habar_status
open_archive(struct habar_pack *pack, struct archive **ar_out, int fd,
    enum habar_pack_format format)
{
	struct archive *ar = archive_write_new();
	int r;

	*ar_out = NULL;
	if (ar == NULL)
		return HABAR_ERR_NOMEM;
	if (format == HABAR_PACK_ZIP) {
		r = archive_write_set_format_zip(ar);
		/* Flag names as UTF-8 (bit 11) whatever the locale, so that
		 * Cyrillic names show right on Windows and macOS. */
		if (r == ARCHIVE_OK)
			r = archive_write_set_options(ar,
			    "zip:compression=deflate,hdrcharset=UTF-8");
	} else {
		r = archive_write_set_format_pax_restricted(ar);
		if (r == ARCHIVE_OK)
			r = archive_write_set_options(ar, "hdrcharset=UTF-8");
		if (r == ARCHIVE_OK && format == HABAR_PACK_TAR_GZ) {
			r = archive_write_add_filter_gzip(ar);
			/* gzip stores a time stamp; leave it out. */
			if (r == ARCHIVE_OK)
				r = archive_write_set_options(ar,
				    "gzip:!timestamp");
		} else if (r == ARCHIVE_OK)
			r = archive_write_add_filter_xz(ar);
	}
	if (r == ARCHIVE_OK)
		r = archive_write_set_bytes_in_last_block(ar, 1);
	if (r == ARCHIVE_OK)
		r = archive_write_open_fd(ar, fd);
	if (r != ARCHIVE_OK) {
		snprintf(pack->error, sizeof(pack->error), "%s",
		    archive_error_string(ar) ? archive_error_string(ar) :
		    "cannot start the archive");
		archive_write_free(ar);
		return HABAR_ERR_LIBRARY;
	}
	*ar_out = ar;
	return HABAR_OK;
}

/* Writes the directory entries a path needs that the previous path did
 * not, so that every folder precedes its contents. */
static enum habar_status
write_parents(struct habar_pack *pack, struct archive *ar, const char *path,
    const char *previous)
{
	const char *slash;
	char dir[1024];
	enum habar_status status;

	for (slash = strchr(path, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		size_t n = (size_t)(slash - path) + 1;
		if (previous != NULL && strncmp(previous, path, n) == 0)
			continue;
		if (n >= sizeof(dir))
			return HABAR_ERR_ARGUMENT;
		memcpy(dir, path, n);
		dir[n] = '\0';
		if ((status = write_directory(pack, ar, dir)) != HABAR_OK)
			return status;
	}
	return HABAR_OK;
}

enum habar_status
habar_pack_write(struct habar_pack *pack, int fd,
    enum habar_pack_format format)
{
	struct archive *ar = NULL;
	unsigned char *buf = NULL;
	char *manifest_xml = NULL;
	size_t manifest_len = 0, i;
	enum habar_status status;
	struct habar_sha256 ctx;

	pack->error[0] = '\0';
	habar_manifest_free(pack->manifest);
	pack->manifest = NULL;
	if ((buf = malloc(IO_CHUNK)) == NULL)
		return HABAR_ERR_NOMEM;
	qsort(pack->files, pack->count, sizeof(*pack->files), compare_planned);
	status = habar_manifest_new(&pack->manifest, pack->id, pack->date,
	    pack->generator);
	for (i = 0; status == HABAR_OK && i < pack->count; i++) {
		struct planned *f = &pack->files[i];
		if (f->source != NULL)
			status = hash_source(pack, f, buf);
		else {
			habar_sha256_init(&ctx);
			habar_sha256_update(&ctx, f->data, f->len);
			habar_sha256_hex(&ctx, f->sha256);
			f->size = f->len;
		}
		if (status == HABAR_OK)
			status = habar_manifest_add(pack->manifest, f->path,
			    f->size, f->sha256, f->media_type, f->lang, f->role);
	}
	if (status == HABAR_OK)
		status = habar_manifest_to_xml(pack->manifest, &manifest_xml,
		    &manifest_len);
	if (status == HABAR_OK)
		status = open_archive(pack, &ar, fd, format);
	if (status == HABAR_OK)
		status = write_directory(pack, ar, "");
	if (status == HABAR_OK)
		status = write_member(pack, ar, HABAR_MANIFEST_NAME,
		    (const unsigned char *)manifest_xml, manifest_len, NULL, buf);
	for (i = 0; status == HABAR_OK && i < pack->count; i++) {
		struct planned *f = &pack->files[i];
		status = write_parents(pack, ar, f->path,
		    i > 0 ? pack->files[i - 1].path : NULL);
		if (status == HABAR_OK)
			status = write_member(pack, ar, f->path, f->data,
			    f->size, f->source, buf);
	}
	if (ar != NULL) {
		if (archive_write_close(ar) != ARCHIVE_OK && status == HABAR_OK) {
			write_failed(pack, ar, NULL);
			status = HABAR_ERR_IO;
		}
		archive_write_free(ar);
	}
	free(manifest_xml);
	free(buf);
	return status;
}

const struct habar_manifest *
habar_pack_manifest(const struct habar_pack *pack)
{
	return pack->manifest;
}

const char *
habar_pack_error(const struct habar_pack *pack)
{
	return pack->error;
}
