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

#include "grow_internal.h"
#include "utf8_internal.h"
#include "zip_names_internal.h"

#define MAX_NAME 4096
#define MAX_DEPTH 64
#define MAX_FILES 10000000

/* A regular file of a directory source, or what was found in its place
 * (problem set: a link, a device, a folder too deep), to be reported. */
struct entry {
	char *name;
	char *problem;
};

struct habar_source {
	struct habar_source_limits limits;
	/* an archive ... */
	struct archive *ar;
	uint64_t packed_size;	/* the archive file's size; 0: a stream */
	int from_stdin;		/* read once from standard input */
	int from_memory;	/* read from a caller's buffer */
	const void *mem;	/* that buffer */
	size_t mem_len;
	/* A zip's names that hold a NUL, which libarchive cuts short:
	 * read from its central directory at the first member. */
	struct habar__zip_names *zip_names;
	int zip_checked;
	/* ... or a directory, listed up front */
	char *root;
	struct entry *files;
	size_t nfiles, nfiles_cap, next_file;
	int fd;			/* the directory member being read */
	uint64_t accepted;	/* bytes of the members read whole so far */
	uint64_t member_read;	/* bytes of the current member so far */
	uint64_t member_packed;	/* packed bytes read before it began */
	int member_ended;
	int refused;		/* a whole-archive limit was reached */
	char chunk[HABAR_SOURCE_CHUNK];
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
	return strcmp(((const struct entry *)a)->name,
	    ((const struct entry *)b)->name);
}

/* Adds a file, or a problem found in its place, to the listing. */
static enum habar_status
add_entry(struct habar_source *src, const char *name, const char *problem)
{
	struct entry *e;
	enum habar_status status;

	if (src->nfiles + 1 > MAX_FILES) {
		snprintf(src->error, sizeof(src->error), "more than %d files",
		    MAX_FILES);
		return HABAR_ERR_LIMIT;
	}
	if ((status = habar__grow((void **)&src->files, &src->nfiles_cap,
	    src->nfiles + 1, sizeof(*src->files), 256)) != HABAR_OK)
		return status;
	e = &src->files[src->nfiles];
	e->name = strdup(name);
	e->problem = problem ? strdup(problem) : NULL;
	if (e->name == NULL || (problem != NULL && e->problem == NULL)) {
		free(e->name);
		free(e->problem);
		return HABAR_ERR_NOMEM;
	}
	src->nfiles++;
	return HABAR_OK;
}

/* What a directory entry that is not a regular file is, for its report. */
static const char *
file_kind(mode_t mode)
{
	return S_ISLNK(mode) ? "a symbolic link" : S_ISFIFO(mode) ? "a FIFO" :
	    S_ISSOCK(mode) ? "a socket" : S_ISCHR(mode) || S_ISBLK(mode) ?
	    "a device" : "not a regular file";
}

/*
 * Lists the regular files under dir (relative to root), depth first;
 * what is not one (a link, a device, a FIFO, a hard link, a folder
 * nested too deep) is listed with its problem, to be reported in its
 * turn: every entry is either read or reported.
 */
static enum habar_status
list_directory(struct habar_source *src, const char *relative, int depth)
{
	char path[MAX_NAME * 2], problem[128];
	DIR *dir;
	struct dirent *e;
	enum habar_status status = HABAR_OK;

	snprintf(path, sizeof(path), "%s%s%s", src->root, *relative ? "/" : "",
	    relative);
	if ((dir = opendir(path)) == NULL) {
		if (depth == 0)
			return HABAR_ERR_IO;
		snprintf(problem, sizeof(problem), "skipped: a folder that "
		    "cannot be read (%s)", strerror(errno));
		return add_entry(src, relative, problem);
	}
	while (status == HABAR_OK && (e = readdir(dir)) != NULL) {
		char child[MAX_NAME * 2];
		struct stat st;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		/* Names too long for a member are reported, never cut. */
		if (snprintf(child, sizeof(child), "%s%s%s", relative,
		    *relative ? "/" : "", e->d_name) >= MAX_NAME ||
		    snprintf(path, sizeof(path), "%s/%s", src->root, child) >=
		    (int)sizeof(path)) {
			snprintf(problem, sizeof(problem), "skipped: a path "
			    "longer than %d bytes", MAX_NAME - 1);
			child[200] = '\0';
			status = add_entry(src, child, problem);
			continue;
		}
		if (lstat(path, &st) != 0) {
			snprintf(problem, sizeof(problem), "skipped: %s",
			    strerror(errno));
			status = add_entry(src, child, problem);
		} else if (S_ISDIR(st.st_mode)) {
			if (depth + 1 > MAX_DEPTH) {
				/* Its files are reported, not lost unseen. */
				snprintf(problem, sizeof(problem), "skipped: a "
				    "folder nested more than %d deep", MAX_DEPTH);
				status = add_entry(src, child, problem);
			} else
				status = list_directory(src, child, depth + 1);
		} else if (S_ISREG(st.st_mode) && st.st_nlink > 1) {
			/* Its other name may lie outside the folder given. */
			status = add_entry(src, child, "skipped: a hard link "
			    "(a file with more than one name)");
		} else if (S_ISREG(st.st_mode)) {
			status = add_entry(src, child, NULL);
		} else {
			/* Never followed, never read. */
			snprintf(problem, sizeof(problem), "skipped: %s",
			    file_kind(st.st_mode));
			status = add_entry(src, child, problem);
		}
	}
	closedir(dir);
	return status;
}

/* Readies a new libarchive reader for every format and filter. */
static struct archive *
new_reader(void)
{
	struct archive *ar = archive_read_new();

	if (ar != NULL) {
		archive_read_support_format_all(ar);
		archive_read_support_filter_all(ar);
	}
	return ar;
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
	src->fd = -1;
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
		if (status == HABAR_ERR_IO)
			snprintf(src->error, sizeof(src->error), "%s",
			    strerror(errno));
	} else {
		src->packed_size = (uint64_t)st.st_size;
		if ((src->path = strdup(path)) == NULL ||
		    (src->ar = new_reader()) == NULL) {
			status = HABAR_ERR_NOMEM;
		} else {
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
	if (status == HABAR_ERR_INPUT || status == HABAR_ERR_LIMIT ||
	    status == HABAR_ERR_IO) {
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
	if (src->fd >= 0)
		close(src->fd);
	habar__zip_names_free(src->zip_names);
	for (i = 0; i < src->nfiles; i++) {
		free(src->files[i].name);
		free(src->files[i].problem);
	}
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
	/* Drop leading "./" components; what they hid must not be absolute
	 * (".//etc" is "/etc" once the "./" goes). */
	while (strncmp(src->name, "./", 2) == 0)
		memmove(src->name, src->name + 2, strlen(src->name + 2) + 1);
	return src->name[0] != '\0' && src->name[0] != '/';
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
	if (src->from_stdin || src->from_memory)
		return 0;	/* a stream is read once */
	archive_read_free(src->ar);
	if ((src->ar = new_reader()) == NULL)
		return 0;
	if (archive_read_open_filename(src->ar, src->path, 65536) != ARCHIVE_OK)
		return 0;
	/* The names met again are matched again, in the same order. */
	habar__zip_names_rewind(src->zip_names);
	for (i = 0; i < src->headers; i++) {
		int r = archive_read_next_header(src->ar, &entry);
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
			return 0;
		if (archive_entry_pathname(entry) != NULL)
			habar__zip_names_next(src->zip_names,
			    archive_entry_pathname(entry), NULL, 0);
	}
	return 1;
}

/*
 * At an archive's first member, once its format is known: a zip read
 * from a file or from memory has its central directory read for names
 * that hold a NUL.  A zip on standard input is read once, as a stream,
 * and its directory comes last: there such a name cannot be told.
 */
static enum habar_status
check_zip_names(struct habar_source *src)
{
	struct stat st;
	enum habar_status status;
	int fd;

	src->zip_checked = 1;
	if ((archive_format(src->ar) & ARCHIVE_FORMAT_BASE_MASK) !=
	    ARCHIVE_FORMAT_ZIP || src->from_stdin)
		return HABAR_OK;
	if (src->from_memory)
		return habar__zip_names_read(&src->zip_names, src->mem, -1,
		    src->mem_len);
	if ((fd = open(src->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return HABAR_OK;	/* libarchive has it open: it says */
	status = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ?
	    habar__zip_names_read(&src->zip_names, NULL, fd,
	    (uint64_t)st.st_size) : HABAR_OK;
	close(fd);
	return status;
}

/* Ends the member being read: its bytes count as accepted only when it
 * was read to its end. */
static void
end_member(struct habar_source *src)
{
	if (src->fd >= 0) {
		close(src->fd);
		src->fd = -1;
	}
	src->has_current = 0;
	src->member_read = 0;
	src->member_ended = 0;
}

/* Packed bytes read from the archive so far (for the ratio limits). */
static uint64_t
packed_so_far(const struct habar_source *src)
{
	la_int64_t n = archive_filter_bytes(src->ar, -1);

	return n > 0 ? (uint64_t)n : 0;
}

enum habar_status
habar_source_next(struct habar_source *src, struct habar_source_member *member)
{
	struct archive_entry *entry;
	int r, recoded = 0;

	memset(member, 0, sizeof(*member));
	end_member(src);
	src->error[0] = '\0';
	if (src->reopen && !reopen_after(src))
		src->broken = 1;
	if (src->refused)
		return HABAR_ERR_LIMIT;
	if (src->broken)
		return HABAR_ERR_IO;
	if (src->ar == NULL) {
		const struct entry *e;
		if (src->next_file >= src->nfiles)
			return HABAR_END;
		e = &src->files[src->next_file++];
		snprintf(src->name, sizeof(src->name), "%s", e->name);
		snprintf(src->raw_name, sizeof(src->raw_name), "%s", e->name);
		if (e->problem != NULL) {
			snprintf(src->error, sizeof(src->error), "%s: %s",
			    src->raw_name, e->problem);
			return HABAR_ERR_INPUT;
		}
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
		if (r == ARCHIVE_FATAL || (r == ARCHIVE_WARN &&
		    archive_entry_pathname(entry) == NULL)) {
			/* A header with no name is the archive's damage, not
			 * a member: said once, and the archive ends here. */
			src->broken = 1;
			snprintf(src->error, sizeof(src->error),
			    "the archive is broken: %s",
			    archive_error_string(src->ar) ?
			    archive_error_string(src->ar) : "read error");
			return HABAR_ERR_IO;
		}
		if (!src->zip_checked && check_zip_names(src) != HABAR_OK)
			return HABAR_ERR_NOMEM;
		if (habar__zip_names_next(src->zip_names,
		    archive_entry_pathname(entry), src->raw_name,
		    sizeof(src->raw_name))) {
			snprintf(src->error, sizeof(src->error), "%s: skipped: "
			    "the name holds a NUL byte", src->raw_name);
			return HABAR_ERR_INPUT;
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
		if (*stored == '\0') {
			src->broken = 1;
			snprintf(src->error, sizeof(src->error), "the archive "
			    "is broken: a member with no name");
			return HABAR_ERR_IO;
		}
		if (archive_entry_filetype(entry) != AE_IFREG ||
		    archive_entry_hardlink(entry) != NULL) {
			snprintf(src->error, sizeof(src->error),
			    "%.4000s: skipped: not a regular file (a link or "
			    "device)", stored);
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
			    src->raw_name, archive_error_string(src->ar));
		}
		break;
	}
	member->name = src->name;
	member->raw_name = src->raw_name;
	member->size = archive_entry_size_is_set(entry) &&
	    archive_entry_size(entry) > 0 ? (uint64_t)archive_entry_size(entry) : 0;
	member->name_recoded = recoded;
	src->member_packed = packed_so_far(src);
	src->has_current = 1;
	return HABAR_OK;
}

/* Opens the current directory member, a regular file with one name, and
 * checks its size against the member limit. */
static enum habar_status
open_file(struct habar_source *src)
{
	char path[MAX_NAME * 2];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", src->root, src->name);
	/* O_NONBLOCK: a FIFO put in the file's place since the listing
	 * must not hang the run; it is refused by its type below. */
	if ((src->fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) < 0 || fstat(src->fd, &st) != 0) {
		snprintf(src->error, sizeof(src->error), "%s: %s", src->name,
		    errno == ELOOP ? "skipped: a symbolic link" :
		    strerror(errno));
		return HABAR_ERR_INPUT;
	}
	if (!S_ISREG(st.st_mode) || st.st_nlink > 1) {
		snprintf(src->error, sizeof(src->error), "%s: skipped: %s",
		    src->name, S_ISREG(st.st_mode) ? "a hard link (a file "
		    "with more than one name)" : file_kind(st.st_mode));
		return HABAR_ERR_INPUT;
	}
	if ((uint64_t)st.st_size > src->limits.max_member) {
		snprintf(src->error, sizeof(src->error), "%s: skipped: larger "
		    "than the %llu-byte limit of a member (--max-member)",
		    src->name, (unsigned long long)src->limits.max_member);
		return HABAR_ERR_LIMIT;
	}
	return HABAR_OK;
}

int
habar_source_refused(const struct habar_source *src)
{
	return src->refused;
}

enum habar_status
habar_source_read_chunk(struct habar_source *src, const void **data_out,
    size_t *len_out)
{
	la_ssize_t n;
	uint64_t packed, member_packed, total;
	enum habar_status status;

	*data_out = src->chunk;
	*len_out = 0;
	if (!src->has_current)
		return HABAR_ERR_ARGUMENT;
	if (src->member_ended)
		return HABAR_OK;
	if (src->ar == NULL) {
		if (src->fd < 0 && (status = open_file(src)) != HABAR_OK) {
			src->has_current = 0;
			return status;
		}
		do
			n = read(src->fd, src->chunk, sizeof(src->chunk));
		while (n < 0 && errno == EINTR);
		if (n < 0) {
			snprintf(src->error, sizeof(src->error), "%s: %s",
			    src->name, strerror(errno));
			src->has_current = 0;
			return HABAR_ERR_INPUT;
		}
	} else {
		n = archive_read_data(src->ar, src->chunk, sizeof(src->chunk));
		if (n < 0) {
			snprintf(src->error, sizeof(src->error), "%s: corrupt: %s",
			    src->raw_name, archive_error_string(src->ar) ?
			    archive_error_string(src->ar) : "read error");
			if (n == ARCHIVE_FATAL)
				src->reopen = 1;
			src->has_current = 0;
			return HABAR_ERR_INPUT;
		}
	}
	if (n == 0) {
		src->member_ended = 1;
		src->accepted += src->member_read;
		return HABAR_OK;
	}
	src->member_read += (uint64_t)n;
	*len_out = (size_t)n;
	if (src->member_read > src->limits.max_member) {
		snprintf(src->error, sizeof(src->error), "%s: skipped: unpacks "
		    "to more than the %llu-byte limit of a member "
		    "(--max-member)", src->raw_name,
		    (unsigned long long)src->limits.max_member);
		src->has_current = 0;
		return HABAR_ERR_LIMIT;
	}
	if (src->ar == NULL)
		return HABAR_OK;
	/* The member's own ratio: the packed bytes read since it began,
	 * plus a read-ahead block that may hold some of it, so that a small
	 * member is never refused for sharing a block with others. */
	packed = src->from_stdin || src->from_memory || src->packed_size == 0 ?
	    packed_so_far(src) : src->packed_size;
	member_packed = packed_so_far(src) - src->member_packed + 65536;
	if (src->member_read > (1u << 20) &&
	    src->member_read / member_packed > src->limits.max_ratio) {
		snprintf(src->error, sizeof(src->error), "%s: skipped: unpacks "
		    "to more than %llu times its packed size (--max-ratio; a "
		    "zip bomb?)", src->raw_name,
		    (unsigned long long)src->limits.max_ratio);
		src->has_current = 0;
		return HABAR_ERR_LIMIT;
	}
	/* The archive as a whole: the members taken so far, this one
	 * with them. */
	total = src->accepted + src->member_read;
	if (total > src->limits.max_total || (src->accepted > (16u << 20) &&
	    src->accepted / (packed ? packed : 1) > src->limits.max_ratio)) {
		snprintf(src->error, sizeof(src->error), "the archive as a whole "
		    "unpacks to %llu bytes or more from %llu, beyond %s (a zip "
		    "bomb?): refused", (unsigned long long)total,
		    (unsigned long long)packed, total > src->limits.max_total ?
		    "--max-total" : "--max-ratio");
		src->refused = 1;
		src->has_current = 0;
		return HABAR_ERR_LIMIT;
	}
	return HABAR_OK;
}

enum habar_status
habar_source_read(struct habar_source *src, char **data_out, size_t *len_out)
{
	size_t cap = 0, len = 0;
	char *buf = NULL, *grown;
	const void *chunk;
	size_t n;
	enum habar_status status;

	*data_out = NULL;
	*len_out = 0;
	for (;;) {
		status = habar_source_read_chunk(src, &chunk, &n);
		if (status != HABAR_OK) {
			free(buf);
			return status;
		}
		if (len + n + 1 > cap) {
			cap = cap ? cap * 2 : 65536;
			while (cap < len + n + 1)
				cap *= 2;
			if ((grown = realloc(buf, cap)) == NULL) {
				free(buf);
				return HABAR_ERR_NOMEM;
			}
			buf = grown;
		}
		if (n == 0)
			break;
		memcpy(buf + len, chunk, n);
		len += n;
	}
	buf[len] = '\0';
	*data_out = buf;
	*len_out = len;
	return HABAR_OK;
}

enum habar_status
habar_source_open_memory(struct habar_source **source_out, const void *data,
    size_t len, const struct habar_source_limits *limits)
{
	static const struct habar_source_limits defaults =
	    HABAR_SOURCE_DEFAULT_LIMITS;
	struct habar_source *src;

	*source_out = NULL;
	if ((src = calloc(1, sizeof(*src))) == NULL)
		return HABAR_ERR_NOMEM;
	src->fd = -1;
	src->limits = limits ? *limits : defaults;
	src->from_memory = 1;
	src->mem = data;
	src->mem_len = len;
	src->packed_size = len;
	if ((src->ar = new_reader()) == NULL) {
		free(src);
		return HABAR_ERR_NOMEM;
	}
	*source_out = src;
	if (archive_read_open_memory(src->ar, data, len) != ARCHIVE_OK) {
		snprintf(src->error, sizeof(src->error), "not a readable "
		    "archive: %s", archive_error_string(src->ar) ?
		    archive_error_string(src->ar) : "unknown");
		return HABAR_ERR_INPUT;
	}
	return HABAR_OK;
}

const char *
habar_source_error(const struct habar_source *src)
{
	return src->error;
}
