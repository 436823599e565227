/*
 * source_archive.c: walking an archive (libarchive) or a directory tree of
 * past releases member by member, without extracting anything (see
 * habar/source.h).
 */
#define _GNU_SOURCE /* strverscmp */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include <habar/decode.h>
#include <habar/source.h>

#include "utf8_internal.h"

#define MAX_NAME 4096
#define MAX_DEPTH 64
#define MAX_FILES 10000000

struct habar_source {
	struct habar_source_limits limits;
	/* an archive ... */
	struct archive *ar;
	uint64_t packed_size;	/* the archive file's size; 0: a stream */
	int from_stdin;		/* read once from standard input */
	/* ... or a directory, listed up front */
	char *root;
	char **files;
	size_t nfiles, nfiles_cap, next_file;
	uint64_t unpacked;	/* bytes read from members so far */
	char name[MAX_NAME];
	char raw_name[MAX_NAME];
	int has_current;
	int broken;
	/* Reopening after a member's data failed: the archive's path and
	 * the headers read so far, to skip on reopening. */
	char *path;
	uint64_t headers;
	int reopen;
	char error[MAX_NAME + 1024];
};

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists the regular files under dir (relative to root), depth first. */
static enum habar_status
list_directory(struct habar_source *src, const char *relative, int depth)
{
	char path[MAX_NAME * 2];
	DIR *dir;
	struct dirent *e;
	enum habar_status status = HABAR_OK;

	if (depth > MAX_DEPTH) {
		/* Dropping them silently would lose releases unnoticed. */
		snprintf(src->error, sizeof(src->error), "%.2000s: folders "
		    "nested more than %d deep", relative, MAX_DEPTH);
		return HABAR_ERR_LIMIT;
	}
	snprintf(path, sizeof(path), "%s%s%s", src->root, *relative ? "/" : "",
	    relative);
	if ((dir = opendir(path)) == NULL)
		return HABAR_ERR_IO;
	while (status == HABAR_OK && (e = readdir(dir)) != NULL) {
		char child[MAX_NAME * 2];
		struct stat st;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		/* Names too long for a member are skipped, never cut. */
		if (snprintf(child, sizeof(child), "%s%s%s", relative,
		    *relative ? "/" : "", e->d_name) >= MAX_NAME ||
		    snprintf(path, sizeof(path), "%s/%s", src->root, child) >=
		    (int)sizeof(path) || lstat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			status = list_directory(src, child, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			if (src->nfiles == src->nfiles_cap) {
				size_t cap = src->nfiles_cap ? src->nfiles_cap * 2 : 256;
				char **grown;
				if (cap > MAX_FILES) {
					status = HABAR_ERR_LIMIT;
					break;
				}
				if ((grown = realloc(src->files,
				    cap * sizeof(*grown))) == NULL) {
					status = HABAR_ERR_NOMEM;
					break;
				}
				src->files = grown;
				src->nfiles_cap = cap;
			}
			if ((src->files[src->nfiles] = strdup(child)) == NULL)
				status = HABAR_ERR_NOMEM;
			else
				src->nfiles++;
		}
		/* Links, devices, sockets: never followed, never read. */
	}
	closedir(dir);
	return status;
}

enum habar_status
habar_source_open(struct habar_source **source_out, const char *path,
    const struct habar_source_limits *limits)
{
	static const struct habar_source_limits defaults =
	    HABAR_SOURCE_DEFAULT_LIMITS;
	struct habar_source *src;
	struct stat st;
	enum habar_status status = HABAR_OK;

	*source_out = NULL;
	if (strcmp(path, "-") == 0) {
		/* An archive on standard input: its size is not known
		 * beforehand (the bytes read so far stand for it), and it
		 * cannot be read again. */
		memset(&st, 0, sizeof(st));
		st.st_mode = S_IFREG;
	} else if (stat(path, &st) != 0)
		return HABAR_ERR_IO;
	if ((src = calloc(1, sizeof(*src))) == NULL)
		return HABAR_ERR_NOMEM;
	src->limits = limits ? *limits : defaults;
	src->from_stdin = strcmp(path, "-") == 0;
	if (S_ISDIR(st.st_mode)) {
		if ((src->root = strdup(path)) == NULL)
			status = HABAR_ERR_NOMEM;
		else
			status = list_directory(src, "", 0);
		if (status == HABAR_OK && src->nfiles > 0)
			qsort(src->files, src->nfiles, sizeof(*src->files),
			    compare_names);
	} else {
		src->packed_size = (uint64_t)st.st_size;
		if ((src->path = strdup(path)) == NULL ||
		    (src->ar = archive_read_new()) == NULL) {
			status = HABAR_ERR_NOMEM;
		} else {
			archive_read_support_format_all(src->ar);
			archive_read_support_filter_all(src->ar);
			if ((src->from_stdin ?
			    archive_read_open_fd(src->ar, STDIN_FILENO, 65536) :
			    archive_read_open_filename(src->ar, path, 65536)) !=
			    ARCHIVE_OK) {
				snprintf(src->error, sizeof(src->error),
				    "not a readable archive: %s",
				    archive_error_string(src->ar) ?
				    archive_error_string(src->ar) : "unknown");
				status = HABAR_ERR_INPUT;
			}
		}
	}
	if (status == HABAR_ERR_INPUT) {
		/* Kept, so that habar_source_error() can say why. */
		*source_out = src;
		return status;
	}
	if (status != HABAR_OK) {
		habar_source_free(src);
		return status;
	}
	*source_out = src;
	return HABAR_OK;
}

void
habar_source_free(struct habar_source *src)
{
	size_t i;

	if (src == NULL)
		return;
	if (src->ar != NULL)
		archive_read_free(src->ar);
	for (i = 0; i < src->nfiles; i++)
		free(src->files[i]);
	free(src->files);
	free(src->root);
	free(src->path);
	free(src);
}

/*
 * Old Windows zip tools store names in the OEM code page (CP866 in
 * Russian and Kazakh Windows) or, some of them, in windows-1251, without
 * saying so.  Cyrillic letters fall in 0x80-0xAF and 0xE0-0xEF in CP866,
 * where 0xB0-0xDF are box-drawing characters no name holds; in
 * windows-1251 they fill 0xC0-0xFF.  So bytes in 0x80-0xAF speak for
 * CP866 and bytes in 0xB0-0xDF for windows-1251.
 */
static enum habar_encoding
guess_name_encoding(const unsigned char *s)
{
	long score = 0;

	for (; *s != '\0'; s++) {
		if (*s >= 0x80 && *s <= 0xAF)
			score++;
		else if (*s >= 0xB0 && *s <= 0xDF)
			score--;
		else if (*s >= 0xF0)
			score--;	/* р-я in windows-1251; rare in CP866 */
	}
	return score > 0 ? HABAR_ENC_IBM866 : HABAR_ENC_WINDOWS_1251;
}

/* Turns the stored name into a safe relative UTF-8 path in src->name;
 * returns 0 if the name is unsafe. */
static int
make_safe_name(struct habar_source *src, const char *stored, int *recoded)
{
	char *utf8 = NULL, *p, *out = src->name;
	size_t len = 0;
	const char *name = stored;

	*recoded = 0;
	snprintf(src->raw_name, sizeof(src->raw_name), "%s", stored);
	if (!habar__utf8_valid(stored, strlen(stored), NULL)) {
		enum habar_encoding enc =
		    guess_name_encoding((const unsigned char *)stored);
		if (habar_decode_buffer(&utf8, &len, NULL, NULL, stored,
		    strlen(stored), enc, MAX_NAME) != HABAR_OK)
			return 0;
		name = utf8;
		*recoded = 1;
	}
	if (strlen(name) >= MAX_NAME) {
		free(utf8);
		return 0;
	}
	/* Windows tools may write backslashes. */
	for (p = (char *)name; *p != '\0'; p++)
		*out++ = *p == '\\' ? '/' : *p;
	*out = '\0';
	free(utf8);
	if (src->name[0] == '/' || src->name[0] == '\0')
		return 0;
	if ((src->name[0] >= 'A' && src->name[0] <= 'Z') &&
	    src->name[1] == ':')
		return 0;	/* C:/... */
	for (p = src->name; p != NULL; p = strchr(p, '/') ? strchr(p, '/') + 1 :
	    NULL) {
		if (strncmp(p, "../", 3) == 0 || strcmp(p, "..") == 0)
			return 0;
	}
	/* Drop "./" components and a trailing slash. */
	while (strncmp(src->name, "./", 2) == 0)
		memmove(src->name, src->name + 2, strlen(src->name + 2) + 1);
	return src->name[0] != '\0';
}

/*
 * After a member's data failed to decompress, libarchive refuses every
 * later call.  A zip keeps a directory of its members, so the archive is
 * opened anew and the headers already seen skipped (without unpacking
 * their data): one corrupt member costs itself only.  A compressed tar,
 * one stream, fails again at the same place, and then it is broken.
 */
static int
reopen_after(struct habar_source *src)
{
	struct archive_entry *entry;
	uint64_t i;

	src->reopen = 0;
	if (src->from_stdin)
		return 0;	/* a stream is read once */
	archive_read_free(src->ar);
	if ((src->ar = archive_read_new()) == NULL)
		return 0;
	archive_read_support_format_all(src->ar);
	archive_read_support_filter_all(src->ar);
	if (archive_read_open_filename(src->ar, src->path, 65536) != ARCHIVE_OK)
		return 0;
	for (i = 0; i < src->headers; i++) {
		int r = archive_read_next_header(src->ar, &entry);
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
			return 0;
	}
	return 1;
}

enum habar_status
habar_source_next(struct habar_source *src, struct habar_source_member *member)
{
	struct archive_entry *entry;
	int r, recoded = 0;

	memset(member, 0, sizeof(*member));
	src->has_current = 0;
	src->error[0] = '\0';
	if (src->reopen && !reopen_after(src))
		src->broken = 1;
	if (src->broken)
		return HABAR_ERR_IO;
	if (src->ar == NULL) {
		if (src->next_file >= src->nfiles)
			return HABAR_END;
		snprintf(src->name, sizeof(src->name), "%s",
		    src->files[src->next_file]);
		snprintf(src->raw_name, sizeof(src->raw_name), "%s",
		    src->files[src->next_file]);
		src->next_file++;
		if (!habar__utf8_valid(src->name, strlen(src->name), NULL)) {
			snprintf(src->error, sizeof(src->error),
			    "%s: the file name is not UTF-8", src->raw_name);
			return HABAR_ERR_INPUT;
		}
		member->name = src->name;
		member->raw_name = src->raw_name;
		src->has_current = 1;
		return HABAR_OK;
	}
	for (;;) {
		const char *stored;
		r = archive_read_next_header(src->ar, &entry);
		if (r == ARCHIVE_EOF)
			return HABAR_END;
		if (r != ARCHIVE_FATAL)
			src->headers++;
		if (r == ARCHIVE_FATAL) {
			src->broken = 1;
			snprintf(src->error, sizeof(src->error),
			    "the archive is broken: %s",
			    archive_error_string(src->ar) ?
			    archive_error_string(src->ar) : "read error");
			return HABAR_ERR_IO;
		}
		/* Names flagged as UTF-8 come out right whatever the
		 * locale; others come out as the raw bytes stored. */
		stored = archive_entry_pathname_utf8(entry);
		if (stored == NULL)
			stored = archive_entry_pathname(entry);
		if (stored == NULL)
			stored = "";
		if (archive_entry_filetype(entry) == AE_IFDIR)
			continue;
		if (archive_entry_filetype(entry) != AE_IFREG ||
		    archive_entry_hardlink(entry) != NULL) {
			snprintf(src->error, sizeof(src->error),
			    "%s: skipped: not a regular file (a link or device)",
			    stored);
			return HABAR_ERR_INPUT;
		}
		if (!make_safe_name(src, stored, &recoded)) {
			if (strlen(stored) >= MAX_NAME)
				snprintf(src->error, sizeof(src->error),
				    "%.200s...: skipped: a name longer than %d "
				    "bytes", stored, MAX_NAME - 1);
			else
				snprintf(src->error, sizeof(src->error),
				    "%s: skipped: the name is absolute or leaves "
				    "the archive's folder", stored);
			return HABAR_ERR_INPUT;
		}
		if (r == ARCHIVE_WARN && archive_error_string(src->ar) != NULL) {
			snprintf(src->error, sizeof(src->error), "%s: %s",
			    stored, archive_error_string(src->ar));
		}
		break;
	}
	member->name = src->name;
	member->raw_name = src->raw_name;
	member->size = archive_entry_size_is_set(entry) &&
	    archive_entry_size(entry) > 0 ? (uint64_t)archive_entry_size(entry) : 0;
	member->name_recoded = recoded;
	src->has_current = 1;
	return HABAR_OK;
}

/* Reads a directory member from disk. */
static enum habar_status
read_file(struct habar_source *src, char **data_out, size_t *len_out)
{
	char path[MAX_NAME * 2];
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", src->root, src->name);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW)) < 0 || fstat(fd, &st) != 0) {
		snprintf(src->error, sizeof(src->error), "%s: %s", src->name,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return HABAR_ERR_IO;
	}
	if ((uint64_t)st.st_size > src->limits.max_member) {
		close(fd);
		snprintf(src->error, sizeof(src->error), "%s: larger than the "
		    "%llu-byte limit of a member", src->name,
		    (unsigned long long)src->limits.max_member);
		return HABAR_ERR_LIMIT;
	}
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return HABAR_ERR_NOMEM;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*data_out = buf;
	*len_out = got;
	return HABAR_OK;
}

enum habar_status
habar_source_read(struct habar_source *src, char **data_out, size_t *len_out)
{
	size_t cap = 65536, len = 0;
	char *buf;
	la_ssize_t n;
	uint64_t packed = src->packed_size;

	*data_out = NULL;
	*len_out = 0;
	if (!src->has_current)
		return HABAR_ERR_ARGUMENT;
	src->has_current = 0;
	if (src->ar == NULL)
		return read_file(src, data_out, len_out);
	if ((buf = malloc(cap + 1)) == NULL)
		return HABAR_ERR_NOMEM;
	for (;;) {
		if (len == cap) {
			char *grown;
			cap *= 2;
			if ((grown = realloc(buf, cap + 1)) == NULL) {
				free(buf);
				return HABAR_ERR_NOMEM;
			}
			buf = grown;
		}
		n = archive_read_data(src->ar, buf + len, cap - len);
		if (n < 0) {
			snprintf(src->error, sizeof(src->error), "%s: corrupt: %s",
			    src->raw_name, archive_error_string(src->ar) ?
			    archive_error_string(src->ar) : "read error");
			free(buf);
			if (n == ARCHIVE_FATAL)
				src->reopen = 1;
			return HABAR_ERR_INPUT;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		src->unpacked += (uint64_t)n;
		if (len > src->limits.max_member) {
			snprintf(src->error, sizeof(src->error), "%s: unpacks to "
			    "more than the %llu-byte limit of a member (a zip "
			    "bomb?)", src->raw_name,
			    (unsigned long long)src->limits.max_member);
			free(buf);
			return HABAR_ERR_LIMIT;
		}
		if (src->from_stdin)
			packed = (uint64_t)archive_filter_bytes(src->ar, -1);
		if (src->unpacked > src->limits.max_total ||
		    (src->unpacked > (1u << 20) && src->unpacked /
		    (packed ? packed : 1) > src->limits.max_ratio)) {
			snprintf(src->error, sizeof(src->error), "%s: the archive "
			    "unpacks to %llu bytes from %llu: beyond the limits "
			    "(a zip bomb?)", src->raw_name,
			    (unsigned long long)src->unpacked,
			    (unsigned long long)packed);
			src->broken = 1;
			free(buf);
			return HABAR_ERR_LIMIT;
		}
	}
	buf[len] = '\0';
	*data_out = buf;
	*len_out = len;
	return HABAR_OK;
}

const char *
habar_source_error(const struct habar_source *src)
{
	return src->error;
}
