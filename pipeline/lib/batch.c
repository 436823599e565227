/*
 * batch.c: a run of habar-batch (see habar/batch.h): reading the archive
 * into the spool, grouping members into releases, the pool of workers
 * over releases, and the report and memory made from what the workers
 * left behind.  What is done to one release is in batch_release.c.
 */
#define _GNU_SOURCE /* open_memstream, O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <habar/align.h>
#include <habar/batch.h>
#include <habar/layout.h>
#include <habar/lexicon.h>
#include <habar/parallel.h>
#include <habar/source.h>
#include <habar/tmx.h>
#include <habar/xliff.h>

#include "batch_internal.h"
#include "data_internal.h"
#include "grow_internal.h"

#define MAX_JOBS 256
#define MAX_MEMBERS (64u * 1024 * 1024)
/* In .work/: the archive's lexicon, while the second pass runs. */
#define ARCHIVE_LEX "archive.lex"

/* A growable list of strings: the problems of the archive as a whole. */
struct strings {
	char **items;
	size_t count, cap;
};

struct state {
	struct batch_run run;
	struct habar_batch_summary *summary;
	struct strings archive_problems;
	size_t member_cap;
	size_t litter;		/* operating-system files skipped */
	char *err;
	size_t errlen;
	/* the pool */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	size_t *todo, todo_count, next, done;
	unsigned running;
	enum habar_status fatal;
};

unsigned long long
habar_batch_hash(const char *s, size_t len)
{
	unsigned long long h = 14695981039346656037ull;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

enum habar_status
habar_batch_parse_shard(const char *text, unsigned *k, unsigned *n)
{
	char *end;
	unsigned long a, b;

	errno = 0;
	a = strtoul(text, &end, 10);
	if (end == text || *end != '/' || errno != 0)
		return HABAR_ERR_ARGUMENT;
	text = end + 1;
	b = strtoul(text, &end, 10);
	if (end == text || *end != '\0' || errno != 0 || a < 1 || b < a ||
	    b > 65536)
		return HABAR_ERR_ARGUMENT;
	*k = (unsigned)a;
	*n = (unsigned)b;
	return HABAR_OK;
}

static enum habar_status
strings_add(struct strings *s, const char *text)
{
	enum habar_status status;

	status = habar__grow((void **)&s->items, &s->cap, s->count + 1,
	    sizeof(*s->items), 16);
	if (status != HABAR_OK)
		return status;
	if ((s->items[s->count] = strdup(text)) == NULL)
		return HABAR_ERR_NOMEM;
	s->count++;
	return HABAR_OK;
}

static void
strings_free(struct strings *s)
{
	size_t i;

	for (i = 0; i < s->count; i++)
		free(s->items[i]);
	free(s->items);
}

enum habar_status
habar__batch_add_problem(char **list, const char *message)
{
	size_t old = *list ? strlen(*list) : 0, add = strlen(message);
	char *grown;

	if (old + add + 3 > BATCH_MAX_PROBLEMS)
		return HABAR_OK;
	if ((grown = realloc(*list, old + add + 3)) == NULL)
		return HABAR_ERR_NOMEM;
	if (old > 0) {
		memcpy(grown + old, "; ", 2);
		old += 2;
	}
	memcpy(grown + old, message, add + 1);
	*list = grown;
	return HABAR_OK;
}

void
habar__batch_clean(char *out, size_t size, const char *in)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t w = 0, n, k;

	if (size == 0)
		return;
	while (*p != '\0') {
		char piece[8];
		/* The length of a well-formed UTF-8 character here, or 0. */
		n = *p < 0x80 ? 1 : *p >= 0xC2 && *p <= 0xDF ? 2 :
		    *p >= 0xE0 && *p <= 0xEF ? 3 : *p >= 0xF0 && *p <= 0xF4 ?
		    4 : 0;
		for (k = 1; k < n; k++)
			if ((p[k] & 0xC0) != 0x80)
				n = 0;
		if (n == 3 && ((*p == 0xE0 && p[1] < 0xA0) ||
		    (*p == 0xED && p[1] >= 0xA0)))
			n = 0;	/* overlong, or a surrogate */
		if (n == 4 && ((*p == 0xF0 && p[1] < 0x90) ||
		    (*p == 0xF4 && p[1] >= 0x90)))
			n = 0;
		if (n == 0 || (n == 1 && (*p < 0x20 || *p == 0x7F)) ||
		    (n == 2 && *p == 0xC2 && p[1] < 0xA0)) {
			/* A control character (C0, DEL, C1) or a byte of no
			 * character: shown, never sent to the terminal. */
			if (n == 2) {
				snprintf(piece, sizeof(piece), "\\u%04X",
				    (unsigned)p[1]);
				p++;
			} else
				snprintf(piece, sizeof(piece), "\\x%02X",
				    (unsigned)*p);
			n = strlen(piece);
			if (w + n >= size)
				break;
			memcpy(out + w, piece, n);
			w += n;
			p++;
			continue;
		}
		if (w + n >= size)
			break;
		memcpy(out + w, p, n);
		w += n;
		p += n;
	}
	out[w] = '\0';
}

int
habar__batch_open_dir(int dirfd, const char *name, int create)
{
	if (create && mkdirat(dirfd, name, 0755) != 0 && errno != EEXIST)
		return -1;
	return openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
}

int
habar__batch_temp(const struct batch_run *run, char *name, size_t size)
{
	static unsigned long counter;
	unsigned long n;
	int fd, tries;

	for (tries = 0; tries < 100; tries++) {
		n = __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
		snprintf(name, size, "part-%ld-%lu", (long)getpid(), n);
		fd = openat(run->tmp_fd, name, O_RDWR | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

enum habar_status
habar__batch_commit(const struct batch_run *run, int fd, const char *tmp,
    int dirfd, const char *name)
{
	int saved;

	/* Files are made readable as if written with the usual umask. */
	if (fchmod(fd, 0644) != 0 || close(fd) != 0 ||
	    renameat(run->tmp_fd, tmp, dirfd, name) != 0) {
		saved = errno;
		unlinkat(run->tmp_fd, tmp, 0);
		errno = saved;
		return HABAR_ERR_IO;
	}
	return HABAR_OK;
}

enum habar_status
habar__batch_write_file(const struct batch_run *run, int dirfd,
    const char *name, const void *data, size_t len)
{
	char tmp[64];
	const char *p = data;
	int fd = habar__batch_temp(run, tmp, sizeof(tmp)), saved;

	if (fd < 0)
		return HABAR_ERR_IO;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			saved = n < 0 ? errno : ENOSPC;
			close(fd);
			unlinkat(run->tmp_fd, tmp, 0);
			errno = saved;
			return HABAR_ERR_IO;
		}
		p += n;
		len -= (size_t)n;
	}
	return habar__batch_commit(run, fd, tmp, dirfd, name);
}

/*
 * Reads the whole of the file name in release id's folder, a file this
 * run wrote itself, into a new NUL-terminated buffer; NULL with errno set
 * if it cannot (ENOENT when absent, ELOOP when a link, EFBIG when larger
 * than any file the run writes).
 */
static char *
read_small(const struct batch_run *run, const char *id, const char *name,
    size_t *len_out)
{
	FILE *fp = NULL;
	char *buf = NULL;
	enum habar_status status;
	int dir, fd = -1, saved;

	if ((dir = habar__batch_open_dir(run->releases_fd, id, 0)) < 0)
		return NULL;
	fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	saved = errno;
	close(dir);
	if (fd < 0 || (fp = fdopen(fd, "rb")) == NULL) {
		if (fd >= 0) {
			saved = errno;
			close(fd);
		}
		errno = saved;
		return NULL;
	}
	status = habar__read_all(&buf, len_out, fp, HABAR_PARALLEL_MAX_BYTES);
	fclose(fp);
	if (status != HABAR_OK) {
		errno = status == HABAR_ERR_LIMIT ? EFBIG :
		    status == HABAR_ERR_NOMEM ? ENOMEM : EIO;
		return NULL;
	}
	return buf;
}

/*
 * When OUTDIR lies inside the input directory, its path relative to the
 * input (so that a rerun does not read its own output as releases), in a
 * new string; else NULL.
 */
static char *
output_inside_input(const char *input, const char *outdir)
{
	char *in = realpath(input, NULL), *out = realpath(outdir, NULL);
	char *inside = NULL;
	size_t n;

	if (in != NULL && out != NULL) {
		n = strlen(in);
		if (strncmp(out, in, n) == 0 && out[n] == '/')
			inside = strdup(out + n + 1);
		else if (strcmp(in, "/") == 0 && out[0] == '/')
			inside = strdup(out + 1);
	}
	free(in);
	free(out);
	return inside;
}

static int log_line(const struct batch_run *run, const char *fmt,
    const char *a, const char *b);

/*
 * A problem of no release (a member refused, the archive broken): said
 * through the message callback and kept for the report.
 */
static enum habar_status
archive_problem(struct state *st, const char *message)
{
	const struct habar_batch_options *opt = st->run.opt;
	char clean[8400];

	habar__batch_clean(clean, sizeof(clean), message);
	if (opt->message)
		opt->message(opt->arg, opt->input, clean);
	return strings_add(&st->archive_problems, clean);
}

/* Why the layout left a member out, for its report. */
static void
ignored_reason(char *out, size_t size, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *file = slash ? slash + 1 : path;
	size_t dir = slash ? (size_t)(slash - path) : 0;

	if (file[0] == '.')
		snprintf(out, size, "%s: skipped: a hidden file (its name "
		    "starts with '.')", path);
	else if (strlen(file) >= 256)
		snprintf(out, size, "%.300s...: skipped: a file name of %zu "
		    "bytes (at most 255)", path, strlen(file));
	else if (dir >= HABAR_LAYOUT_MAX)
		snprintf(out, size, "%.300s...: skipped: in a folder path of "
		    "%zu bytes (at most %d)", path, dir, HABAR_LAYOUT_MAX - 1);
	else
		snprintf(out, size, "%s: skipped: neither release text (.md, "
		    ".txt, .html, .htm) nor an attachment (.pptx, .ppt, .pdf, "
		    ".docx, images)", path);
}

/* Appends len bytes to the spool at offset. */
static enum habar_status
spool_write(struct batch_run *run, uint64_t offset, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = pwrite(run->spool_fd, p, len, (off_t)offset);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ENOSPC;
			return HABAR_ERR_IO;
		}
		p += n;
		len -= (size_t)n;
		offset += (uint64_t)n;
	}
	return HABAR_OK;
}

/* Whether the paths a and b name one existing folder. */
static int
same_folder(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    S_ISDIR(sa.st_mode) && sa.st_dev == sb.st_dev &&
	    sa.st_ino == sb.st_ino;
}

/* Step 1: the archive read once, the bytes of the members this run needs
 * streamed into the spool piece by piece. */
static enum habar_status
read_source(struct state *st)
{
	struct batch_run *run = &st->run;
	const struct habar_batch_options *opt = run->opt;
	struct habar_source *src = NULL;
	struct habar_source_member m;
	struct habar_layout *layout = NULL;
	struct habar_layout_item item;
	struct habar__batch_litter *litter = NULL;
	enum habar_status status;
	uint64_t offset = 0, len;
	char msg[8400];
	const char *pattern;
	char *skip = NULL;
	size_t skip_len = 0;

	if ((status = habar_layout_new(&layout)) != HABAR_OK) {
		snprintf(st->err, st->errlen, "cannot load the language names "
		    "(locales/root/language-names): %s",
		    habar_status_string(status));
		return status;
	}
	if ((status = habar__batch_litter_load(&litter)) != HABAR_OK) {
		snprintf(st->err, st->errlen, "cannot load the list of "
		    "operating-system files (locales/root/os-litter): %s",
		    habar_status_string(status));
		habar_layout_free(layout);
		return status;
	}
	status = habar_source_open(&src, opt->input, opt->limits);
	if (status != HABAR_OK) {
		snprintf(st->err, st->errlen, "%s: %s", opt->input,
		    src && *habar_source_error(src) ? habar_source_error(src) :
		    status == HABAR_ERR_IO ? strerror(errno) :
		    habar_status_string(status));
		habar_source_free(src);
		habar_layout_free(layout);
		habar__batch_litter_free(litter);
		return status == HABAR_ERR_NOMEM ? status : HABAR_ERR_INPUT;
	}
	if ((skip = output_inside_input(opt->input, run->outdir)) != NULL)
		skip_len = strlen(skip);
	for (;;) {
		struct batch_member *bm;
		const void *chunk;
		size_t n;
		int need;

		status = habar_source_next(src, &m);
		if (status == HABAR_END) {
			status = HABAR_OK;
			break;
		}
		if (status == HABAR_ERR_INPUT) {
			st->summary->members_refused++;
			if ((status = archive_problem(st,
			    habar_source_error(src))) != HABAR_OK)
				break;
			continue;
		}
		if (status == HABAR_ERR_IO) {
			/* The archive is broken from here on (truncated, say):
			 * what was read is processed, the rest reported. */
			st->summary->archive_broken = 1;
			status = archive_problem(st, *habar_source_error(src) ?
			    habar_source_error(src) : "the archive is broken");
			break;
		}
		if (status != HABAR_OK) {
			snprintf(st->err, st->errlen, "%s: %s", opt->input,
			    habar_source_error(src)[0] ? habar_source_error(src) :
			    habar_status_string(status));
			break;
		}
		if (skip != NULL && strncmp(m.name, skip, skip_len) == 0 &&
		    m.name[skip_len] == '/')
			continue;	/* our own output */
		/* What an operating system leaves in folders is no release
		 * and no problem: named in the log only. */
		if ((pattern = habar__batch_litter_match(litter, m.name)) !=
		    NULL) {
			st->litter++;
			habar__batch_clean(msg, sizeof(msg), m.raw_name);
			log_line(run, "skipped: %s: operating-system file (%s "
			    "in locales/root/os-litter)", msg, pattern);
			continue;
		}
		st->summary->members++;
		habar_layout_classify(layout, m.name, &item);
		if (item.kind == HABAR_LAYOUT_IGNORE) {
			/* Every member is used or reported. */
			ignored_reason(msg, sizeof(msg), m.name);
			st->summary->members_refused++;
			if ((status = archive_problem(st, msg)) != HABAR_OK)
				break;
			continue;
		}
		/* The capacity doubles from 256 up to this power of two
		 * exactly. */
		if (run->member_count >= MAX_MEMBERS) {
			snprintf(st->err, st->errlen, "%s: more than %u "
			    "members", opt->input, MAX_MEMBERS);
			status = HABAR_ERR_LIMIT;
			break;
		}
		status = habar__grow((void **)&run->members, &st->member_cap,
		    run->member_count + 1, sizeof(*run->members), 256);
		if (status != HABAR_OK)
			break;
		bm = &run->members[run->member_count];
		memset(bm, 0, sizeof(*bm));
		bm->kind = item.kind;
		snprintf(bm->lang, sizeof(bm->lang), "%s", item.lang);
		bm->path = strdup(m.name);
		bm->group = strdup(item.group);
		bm->release = item.kind == HABAR_LAYOUT_ATTACHMENT ? NULL :
		    strdup(item.release);
		if (bm->path == NULL || bm->group == NULL ||
		    (item.kind != HABAR_LAYOUT_ATTACHMENT && bm->release == NULL)) {
			free(bm->path);
			free(bm->group);
			free(bm->release);
			status = HABAR_ERR_NOMEM;
			break;
		}
		bm->file = strrchr(bm->path, '/') ? strrchr(bm->path, '/') + 1 :
		    bm->path;
		run->member_count++;
		need = 1;
		/* By name alone: a release's versions in different folders
		 * (joined in step 2) fall in one shard. */
		if (opt->shard_n > 1 && bm->release != NULL)
			need = habar_batch_hash(bm->release,
			    strlen(bm->release)) % opt->shard_n ==
			    opt->shard_k - 1;
		if (!need)
			continue;
		/* Piece by piece: memory does not grow with the member. */
		len = 0;
		while ((status = habar_source_read_chunk(src, &chunk, &n)) ==
		    HABAR_OK && n > 0) {
			if ((status = spool_write(run, offset + len, chunk, n)) !=
			    HABAR_OK)
				break;
			len += n;
		}
		if (status == HABAR_ERR_IO) {
			snprintf(st->err, st->errlen, "%s/spool: %s",
			    run->workdir, strerror(errno));
			break;
		}
		if (status == HABAR_ERR_LIMIT && habar_source_refused(src)) {
			/* A bomb as a whole: refused, said once. */
			habar__batch_clean(msg, sizeof(msg),
			    habar_source_error(src));
			snprintf(st->err, st->errlen, "%s: %s", opt->input, msg);
			break;
		}
		if (status == HABAR_ERR_INPUT || status == HABAR_ERR_LIMIT) {
			/* One bad member costs itself only; its bytes leave
			 * the spool. */
			if (ftruncate(run->spool_fd, (off_t)offset) != 0) {
				snprintf(st->err, st->errlen, "%s/spool: %s",
				    run->workdir, strerror(errno));
				status = HABAR_ERR_IO;
				break;
			}
			habar__batch_clean(msg, sizeof(msg),
			    habar_source_error(src));
			st->summary->members_refused++;
			if (opt->message)
				opt->message(opt->arg, opt->input, msg);
			if ((bm->problem = strdup(msg)) == NULL) {
				status = HABAR_ERR_NOMEM;
				break;
			}
			status = HABAR_OK;
			continue;
		}
		if (status != HABAR_OK) {
			snprintf(st->err, st->errlen, "%s: %s", m.name,
			    habar_source_error(src)[0] ? habar_source_error(src) :
			    habar_status_string(status));
			break;
		}
		bm->offset = offset;
		bm->len = (size_t)len;
		bm->spooled = 1;
		offset += len;
		if (opt->progress && run->member_count % 256 == 0)
			opt->progress(opt->arg, 1, run->member_count, 0, 0);
	}
	if (status == HABAR_OK && opt->progress)
		opt->progress(opt->arg, 1, run->member_count, 0, 0);
	habar_source_free(src);
	habar_layout_free(layout);
	habar__batch_litter_free(litter);
	free(skip);
	return status;
}

/* Member order for grouping: releases by folder and name, their texts by
 * path; attachments (no release) by folder and path.  (qsort_r: the
 * members are the comparison's argument, not a global.) */
static int
compare_texts(const void *a, const void *b, void *arg)
{
	const struct batch_member *members = arg;
	const struct batch_member *x = &members[*(const size_t *)a];
	const struct batch_member *y = &members[*(const size_t *)b];
	int c = strcmp(x->group, y->group);

	if (c == 0)
		c = strcmp(x->release, y->release);
	return c ? c : strcmp(x->path, y->path);
}

static int
compare_attachments(const void *a, const void *b, void *arg)
{
	const struct batch_member *members = arg;
	const struct batch_member *x = &members[*(const size_t *)a];
	const struct batch_member *y = &members[*(const size_t *)b];
	int c = strcmp(x->group, y->group);

	return c ? c : strcmp(x->path, y->path);
}

static int
compare_release_ids(const void *a, const void *b)
{
	const struct batch_release *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c == 0)
		c = strcmp(x->group, y->group);
	return c ? c : strcmp(x->name, y->name);
}

static int
compare_release_groups(const void *a, const void *b)
{
	const struct batch_release *x = *(struct batch_release *const *)a;
	const struct batch_release *y = *(struct batch_release *const *)b;
	int c = strcmp(x->group, y->group);

	return c ? c : strcmp(x->name, y->name);
}

/*
 * A release id that is a safe file name on every system a pack may
 * travel to: letters (any script), digits, '-', '_' and '.' kept, other
 * characters turned into '-', no leading dot, at most BATCH_MAX_ID bytes
 * cut on a character boundary.
 */
static void
make_id(char *out, size_t size, const char *name)
{
	size_t w = 0, limit = size - 1 < BATCH_MAX_ID ? size - 1 : BATCH_MAX_ID;
	const unsigned char *p = (const unsigned char *)name;

	for (; *p != '\0' && w < limit; p++) {
		unsigned char c = *p;
		int keep = c >= 0x80 || (c >= '0' && c <= '9') ||
		    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    c == '_' || c == '.' || c == '-';
		if (c >= 0x80 && c < 0xC0 && w == 0)
			continue;
		if (c >= 0xC0) {
			/* A whole character or nothing. */
			size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			if (w + n > limit)
				break;
		}
		if (!keep)
			c = '-';
		if ((c == '-' && (w == 0 || out[w - 1] == '-')) ||
		    (c == '.' && w == 0))
			continue;
		out[w++] = (char)c;
	}
	while (w > 0 && (out[w - 1] == '-' || out[w - 1] == '.'))
		w--;
	out[w] = '\0';
	if (w == 0)
		snprintf(out, size, "release");
}

static int
compare_release_names(const void *a, const void *b)
{
	const struct batch_release *x = *(struct batch_release *const *)a;
	const struct batch_release *y = *(struct batch_release *const *)b;
	int c = strcmp(x->name, y->name);

	return c ? c : strcmp(x->group, y->group);
}

/* Whether the releases rels[0..n) share no language, each text's
 * language known from its name: then they are one release's versions. */
static int
languages_apart(const struct batch_run *run, struct batch_release **rels,
    size_t n)
{
	size_t a, b, i, k;

	for (a = 0; a < n; a++)
		for (i = 0; i < rels[a]->text_count; i++) {
			const char *la = run->members[rels[a]->texts[i]].lang;
			if (la[0] == '\0')
				return 0;
			for (b = a; b < n; b++)
				for (k = b == a ? i + 1 : 0; k <
				    rels[b]->text_count; k++)
					if (strcmp(la, run->members[
					    rels[b]->texts[k]].lang) == 0)
						return 0;
		}
	return 1;
}

/*
 * A release's versions may lie in different folders (the Russian in
 * "press-releases/", the Kazakh in "kk/", the English at the top).
 * Releases of one name in several folders are joined into the one in the
 * first folder (in byte order: a parent before its subfolders) when that
 * is unambiguous: every text's language is in its name and no language
 * comes twice.  Otherwise (two years' "news" in Russian, say) they stay
 * apart, and their ids carry their folders.
 */
static enum habar_status
join_folders(struct batch_run *run)
{
	struct batch_release **rels;
	size_t i, j, k, w, n = run->release_count;
	enum habar_status status = HABAR_OK;

	if (n < 2)
		return HABAR_OK;
	if ((rels = malloc(n * sizeof(*rels))) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < n; i++)
		rels[i] = &run->releases[i];
	qsort(rels, n, sizeof(*rels), compare_release_names);
	for (i = 0; status == HABAR_OK && i < n; i = j) {
		struct batch_release *keep = rels[i];
		size_t total = 0, *texts;
		for (j = i + 1; j < n && strcmp(rels[j]->name, keep->name) == 0;
		    j++)
			;
		if (j - i < 2 || !languages_apart(run, rels + i, j - i))
			continue;
		for (k = i; k < j; k++)
			total += rels[k]->text_count;
		if ((texts = malloc(total * sizeof(*texts))) == NULL) {
			status = HABAR_ERR_NOMEM;
			break;
		}
		total = 0;
		for (k = i; k < j; k++) {
			memcpy(texts + total, rels[k]->texts,
			    rels[k]->text_count * sizeof(*texts));
			total += rels[k]->text_count;
			if (k > i) {
				if (rels[k]->problems != NULL)
					status = habar__batch_add_problem(
					    &keep->problems, rels[k]->problems);
				free(rels[k]->problems);
				rels[k]->problems = NULL;
				rels[k]->text_count = 0;	/* joined */
			}
		}
		keep->texts = texts;
		keep->text_count = total;
		keep->texts_owned = 1;
	}
	free(rels);
	/* The joined releases leave the list. */
	for (i = w = 0; i < n; i++)
		if (run->releases[i].text_count > 0)
			run->releases[w++] = run->releases[i];
	run->release_count = w;
	return status;
}

/* Step 2: texts grouped into releases with unique ids; attachments given
 * to the release of their folder. */
static enum habar_status
group_releases(struct state *st)
{
	struct batch_run *run = &st->run;
	const struct habar_batch_options *opt = run->opt;
	size_t *texts = NULL, *atts = NULL, nt = 0, na = 0, i, j, r;
	struct batch_release **by_group = NULL;
	enum habar_status status = HABAR_OK;
	char msg[8400];

	if (run->member_count > 0 &&
	    ((texts = malloc(run->member_count * sizeof(*texts))) == NULL ||
	    (atts = malloc(run->member_count * sizeof(*atts))) == NULL)) {
		free(texts);
		return HABAR_ERR_NOMEM;
	}
	for (i = 0; i < run->member_count; i++) {
		if (run->members[i].release != NULL)
			texts[nt++] = i;
		else
			atts[na++] = i;
	}
	/* An empty archive leaves the arrays NULL, which qsort must not
	 * be given even for no elements. */
	if (nt > 1)
		qsort_r(texts, nt, sizeof(*texts), compare_texts, run->members);
	if (na > 1)
		qsort_r(atts, na, sizeof(*atts), compare_attachments,
		    run->members);

	/* Releases: runs of texts with one folder and name. */
	if (nt > 0 && (run->releases = calloc(nt, sizeof(*run->releases))) ==
	    NULL)
		status = HABAR_ERR_NOMEM;
	for (i = 0; status == HABAR_OK && i < nt; i = j) {
		struct batch_release *rel = &run->releases[run->release_count];
		const struct batch_member *m = &run->members[texts[i]];
		for (j = i + 1; j < nt &&
		    strcmp(run->members[texts[j]].group, m->group) == 0 &&
		    strcmp(run->members[texts[j]].release, m->release) == 0; j++)
			;
		rel->group = m->group;
		rel->name = m->release;
		rel->texts = &texts[i];
		rel->text_count = j - i;
		rel->in_shard = 1;
		if (opt->shard_n > 1)
			rel->in_shard = habar_batch_hash(m->release,
			    strlen(m->release)) % opt->shard_n ==
			    opt->shard_k - 1;
		for (r = i; status == HABAR_OK && r < j; r++)
			if (run->members[texts[r]].problem != NULL) {
				snprintf(msg, sizeof(msg), "%s",
				    run->members[texts[r]].problem);
				status = habar__batch_add_problem(&rel->problems, msg);
			}
		run->release_count++;
	}
	run->text_index = texts;
	run->attachment_index = atts;
	if (status == HABAR_OK)
		status = join_folders(run);
	if (status != HABAR_OK)
		return status;

	/* Ids: the name, or folder and name where two releases share a name
	 * (every shard sees every name, so all agree), then a number where
	 * even that is not enough. */
	for (i = 0; i < run->release_count; i++)
		make_id(run->releases[i].id, sizeof(run->releases[i].id),
		    run->releases[i].name);
	if (run->release_count > 1)
		qsort(run->releases, run->release_count,
		    sizeof(*run->releases), compare_release_ids);
	for (i = 0; i < run->release_count; i = j) {
		for (j = i + 1; j < run->release_count &&
		    strcmp(run->releases[j].id, run->releases[i].id) == 0; j++)
			;
		for (r = i; j - i > 1 && r < j; r++) {
			snprintf(msg, sizeof(msg), "%s-%s",
			    run->releases[r].group, run->releases[r].name);
			make_id(run->releases[r].id, sizeof(run->releases[r].id),
			    msg);
		}
	}
	if (run->release_count > 1)
		qsort(run->releases, run->release_count,
		    sizeof(*run->releases), compare_release_ids);
	for (i = 1, j = 2; i < run->release_count; i++) {
		if (strcmp(run->releases[i].id, run->releases[i - 1].id) != 0) {
			j = 2;
			continue;
		}
		snprintf(msg, sizeof(msg), "-%zu", j++);
		run->releases[i].id[BATCH_MAX_ID] = '\0';
		strcat(run->releases[i].id, msg);
	}

	/* Attachments: each to the release of its folder; where a folder
	 * holds several releases, to the one whose name starts the
	 * attachment's (the longest such name). */
	if (status == HABAR_OK && na > 0 && run->release_count > 0) {
		if ((by_group = malloc(run->release_count *
		    sizeof(*by_group))) == NULL)
			status = HABAR_ERR_NOMEM;
		for (i = 0; status == HABAR_OK && i < run->release_count; i++)
			by_group[i] = &run->releases[i];
		if (status == HABAR_OK)
			qsort(by_group, run->release_count, sizeof(*by_group),
			    compare_release_groups);
	}
	for (i = 0; status == HABAR_OK && i < na; i++) {
		const struct batch_member *a = &run->members[atts[i]];
		struct batch_release *best = NULL;
		size_t lo = 0, hi = by_group ? run->release_count : 0;
		size_t in_group = 0, best_len = 0, *grown;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(by_group[mid]->group, a->group) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (r = lo; by_group != NULL && r < run->release_count &&
		    strcmp(by_group[r]->group, a->group) == 0; r++) {
			size_t nl = strlen(by_group[r]->name);
			in_group++;
			if (strncmp(by_group[r]->name, a->file, nl) == 0 &&
			    nl > best_len) {
				best = by_group[r];
				best_len = nl;
			}
		}
		if (in_group == 1)
			best = by_group[lo];
		if (best == NULL) {
			snprintf(msg, sizeof(msg), "%s: no release to go with "
			    "(%s)", a->path, in_group ? "several releases "
			    "share its folder" : "no release text in its folder");
			status = archive_problem(st, msg);
			continue;
		}
		if (!best->in_shard)
			continue;
		if (a->problem != NULL) {
			status = habar__batch_add_problem(&best->problems, a->problem);
			continue;
		}
		grown = realloc(best->attachments, (best->attachment_count + 1) *
		    sizeof(*grown));
		if (grown == NULL) {
			status = HABAR_ERR_NOMEM;
			break;
		}
		best->attachments = grown;
		best->attachments[best->attachment_count++] = atts[i];
	}
	free(by_group);
	return status;
}

/*
 * Aligns a tiny two-language document once before the workers start, so
 * that an aligner that cannot work here (a data file or transliterator
 * missing) stops the run at once, with one message, instead of failing
 * every release in every worker.
 */
static enum habar_status
warm_up(void)
{
	static const char en[] = "---\nid: w\nlang: en\n---\n\nOne. Two.\n";
	static const char ru[] = "---\nid: w\nlang: ru\n---\n\nОдин. Два.\n";
	struct habar_align *align = NULL;
	struct habar_parallel *doc = NULL;
	enum habar_status status;
	FILE *fp;

	if ((status = habar_align_new(&align)) != HABAR_OK ||
	    (status = habar_parallel_new(&doc)) != HABAR_OK)
		goto done;
	if ((fp = fmemopen((void *)en, sizeof(en) - 1, "r")) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	status = habar_align_load(align, doc, fp, HABAR_ALIGN_SEGMENT);
	fclose(fp);
	if (status != HABAR_OK)
		goto done;
	if ((fp = fmemopen((void *)ru, sizeof(ru) - 1, "r")) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	status = habar_align_load(align, doc, fp, HABAR_ALIGN_SEGMENT);
	fclose(fp);
	if (status == HABAR_OK)
		status = habar_align_document(align, doc);
done:
	habar_parallel_free(doc);
	habar_align_free(align);
	return status;
}

static void *
worker_main(void *arg)
{
	struct batch_worker *w = arg;
	/* The run is the first member of the state: one address. */
	struct state *st = (struct state *)(void *)w->run;
	enum habar_status status = HABAR_OK;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&st->lock);
		if (st->fatal != HABAR_OK || st->next >= st->todo_count) {
			pthread_mutex_unlock(&st->lock);
			break;
		}
		i = st->todo[st->next++];
		pthread_mutex_unlock(&st->lock);

		status = habar__batch_release(w, &st->run.releases[i]);

		pthread_mutex_lock(&st->lock);
		st->done++;
		if (status != HABAR_OK && st->fatal == HABAR_OK) {
			st->fatal = status;
			snprintf(st->err, st->errlen, "%s: %s",
			    st->run.releases[i].id, w->err[0] ? w->err :
			    habar_status_string(status));
		}
		pthread_cond_signal(&st->changed);
		pthread_mutex_unlock(&st->lock);
		if (status != HABAR_OK)
			break;
	}
	pthread_mutex_lock(&st->lock);
	st->running--;
	pthread_cond_signal(&st->changed);
	pthread_mutex_unlock(&st->lock);
	return NULL;
}

/* Whether release id's done marker is there (a link in its place or in
 * place of its folder does not count). */
static int
release_done(const struct batch_run *run, const char *id)
{
	struct stat sb;
	int dir = habar__batch_open_dir(run->releases_fd, id, 0), found;

	if (dir < 0)
		return 0;
	found = fstatat(dir, ".done", &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(sb.st_mode);
	close(dir);
	return found;
}

static enum habar_status run_workers(struct state *st, unsigned jobs,
    int step, size_t skipped, size_t total);

/* Step 3 of the run proper: the workers over the releases not yet done. */
static enum habar_status
run_pool(struct state *st, unsigned jobs)
{
	struct batch_run *run = &st->run;
	const struct habar_batch_options *opt = run->opt;
	size_t i, skipped = 0, total = 0;

	if (run->release_count > 0 &&
	    (st->todo = malloc(run->release_count * sizeof(*st->todo))) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < run->release_count; i++) {
		const struct batch_release *r = &run->releases[i];
		if (!r->in_shard)
			continue;
		total++;
		if (release_done(run, r->id))
			skipped++;
		else
			st->todo[st->todo_count++] = i;
	}
	st->summary->releases = total;
	st->summary->resumed = skipped;
	if (opt->progress)
		opt->progress(opt->arg, 2, skipped, total, skipped);
	if (st->todo_count == 0)
		return HABAR_OK;
	return run_workers(st, jobs, 2, skipped, total);
}

/*
 * The workers over st->todo, reporting progress as step (skipped
 * releases of total were done before).
 */
static enum habar_status
run_workers(struct state *st, unsigned jobs, int step, size_t skipped,
    size_t total)
{
	struct batch_run *run = &st->run;
	const struct habar_batch_options *opt = run->opt;
	struct batch_worker *workers = NULL;
	pthread_t threads[MAX_JOBS];
	unsigned started = 0, k;
	enum habar_status status;

	st->next = st->done = 0;
	st->fatal = HABAR_OK;
	if ((status = warm_up()) != HABAR_OK) {
		snprintf(st->err, st->errlen, "cannot start the aligner: %s",
		    habar_status_string(status));
		return status;
	}
	habar__batch_xml_init();
	if (jobs > st->todo_count)
		jobs = (unsigned)st->todo_count;
	if ((workers = calloc(jobs, sizeof(*workers))) == NULL)
		return HABAR_ERR_NOMEM;
	st->running = 0;
	for (k = 0; k < jobs; k++) {
		workers[k].run = run;
		workers[k].index = k;
		pthread_mutex_lock(&st->lock);
		st->running++;
		pthread_mutex_unlock(&st->lock);
		if (pthread_create(&threads[k], NULL, worker_main,
		    &workers[k]) != 0) {
			pthread_mutex_lock(&st->lock);
			st->running--;
			pthread_mutex_unlock(&st->lock);
			break;
		}
		started++;
	}
	pthread_mutex_lock(&st->lock);
	if (started == 0) {
		st->fatal = HABAR_ERR_NOMEM;
		snprintf(st->err, st->errlen, "cannot start a worker thread");
	}
	while (st->running > 0) {
		struct timespec until;
		size_t done = st->done;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 250000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&st->changed, &st->lock, &until);
		if (opt->progress && st->done != done) {
			done = st->done;
			pthread_mutex_unlock(&st->lock);
			opt->progress(opt->arg, step, skipped + done, total,
			    skipped);
			pthread_mutex_lock(&st->lock);
		}
	}
	status = st->fatal;
	pthread_mutex_unlock(&st->lock);
	for (k = 0; k < started; k++)
		pthread_join(threads[k], NULL);
	for (k = 0; k < jobs; k++)
		habar__batch_worker_free(&workers[k]);
	free(workers);
	if (opt->progress)
		opt->progress(opt->arg, step, skipped + st->done, total,
		    skipped);
	return status;
}

/*
 * The memory of the shard's releases so far, their TMX files merged (only
 * their links of the run's minimum confidence), written into *out as TMX.
 * *units receives its number of units.
 */
static enum habar_status
archive_memory(struct state *st, char **out, size_t *out_len, size_t *units)
{
	struct batch_run *run = &st->run;
	struct habar_tmx *tmx = NULL;
	struct habar_parallel_error perr;
	char name[BATCH_MAX_ID + 32], *buf;
	size_t len, i;
	enum habar_status status;
	FILE *fp;

	*out = NULL;
	*out_len = *units = 0;
	if ((status = habar_tmx_new(&tmx)) != HABAR_OK)
		return status;
	habar__batch_min_confidence(run, tmx);
	for (i = 0; i < run->release_count; i++) {
		const struct batch_release *r = &run->releases[i];
		if (!r->in_shard)
			continue;
		snprintf(name, sizeof(name), "%s.tmx", r->id);
		if ((buf = read_small(run, r->id, name, &len)) == NULL) {
			if (errno == ENOENT)
				continue;	/* a release not aligned */
			snprintf(st->err, st->errlen, "%s/releases/%s/%s: "
			    "cannot read: %s", run->outdir, r->id, name,
			    strerror(errno));
			status = HABAR_ERR_IO;
			goto done;
		}
		status = habar_tmx_add_xml(tmx, buf, len, &perr);
		free(buf);
		if (status != HABAR_OK) {
			snprintf(st->err, st->errlen, "%s/releases/%s/%s:%lu: %s",
			    run->outdir, r->id, name, perr.line, perr.message);
			goto done;
		}
	}
	*units = habar_tmx_count(tmx);
	if ((fp = open_memstream(out, out_len)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	status = habar_tmx_write(tmx, fp);
	if (fclose(fp) != 0 && status == HABAR_OK)
		status = HABAR_ERR_NOMEM;
done:
	if (status != HABAR_OK) {
		free(*out);
		*out = NULL;
	}
	habar_tmx_free(tmx);
	return status;
}

/* Whether release id's folder holds a regular file name. */
static int
release_has(const struct batch_run *run, const char *id, const char *name)
{
	struct stat sb;
	int dir = habar__batch_open_dir(run->releases_fd, id, 0), found;

	if (dir < 0)
		return 0;
	found = fstatat(dir, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(sb.st_mode);
	close(dir);
	return found;
}

/*
 * The archive's lexicon into run->lexicon: the one an interrupted run
 * learnt (.work/archive.lex), or learnt now from the memory of every
 * release of the shard and kept there, so that a run resumed in the
 * middle of the second pass goes on with the same lexicon rather than
 * one learnt partly from releases already aligned with it.  *pairs: the
 * pairs learnt (0: nothing to learn from).
 */
static enum habar_status
archive_lexicon(struct state *st, size_t *pairs)
{
	struct batch_run *run = &st->run;
	struct habar_lexicon *lex = NULL;
	char *memory = NULL;
	size_t memory_len = 0, units = 0, len = 0;
	enum habar_status status;
	char what[96];
	FILE *fp = NULL;
	int fd;

	*pairs = 0;
	if ((status = habar_lexicon_new(&lex)) != HABAR_OK)
		goto done;
	if ((fd = openat(run->work_fd, ARCHIVE_LEX, O_RDONLY | O_NOFOLLOW |
	    O_CLOEXEC)) >= 0) {
		if ((fp = fdopen(fd, "rb")) == NULL) {
			close(fd);
			status = HABAR_ERR_NOMEM;
			goto done;
		}
		status = habar__read_all(&run->lexicon, &run->lexicon_len, fp,
		    SIZE_MAX / 2);
		fclose(fp);
		fp = NULL;
		if (status == HABAR_OK && (fp = fmemopen(run->lexicon,
		    run->lexicon_len, "r")) == NULL)
			status = HABAR_ERR_NOMEM;
		if (status == HABAR_OK)
			status = habar_lexicon_read(lex, "archive", fp);
		if (status == HABAR_OK) {
			*pairs = habar_lexicon_size(lex);
			goto done;
		}
		/* Cut short by a kill: learnt again. */
		if (fp != NULL)
			fclose(fp);
		fp = NULL;
		free(run->lexicon);
		run->lexicon = NULL;
		habar_lexicon_free(lex);
		if ((status = habar_lexicon_new(&lex)) != HABAR_OK)
			goto done;
	}
	if ((status = archive_memory(st, &memory, &memory_len, &units)) !=
	    HABAR_OK)
		goto done;
	if ((fp = fmemopen(memory, memory_len, "r")) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	status = habar_lexicon_learn(lex, fp);
	fclose(fp);
	fp = NULL;
	if (status != HABAR_OK) {
		snprintf(st->err, st->errlen, "learning from the archive: %s",
		    habar_lexicon_error(lex)[0] ? habar_lexicon_error(lex) :
		    habar_status_string(status));
		goto done;
	}
	if ((*pairs = habar_lexicon_size(lex)) == 0)
		goto done;
	if ((fp = open_memstream(&run->lexicon, &len)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	status = habar_lexicon_write(lex, "archive", fp);
	if (fclose(fp) != 0 && status == HABAR_OK)
		status = HABAR_ERR_NOMEM;
	fp = NULL;
	run->lexicon_len = len;
	if (status == HABAR_OK && (status = habar__batch_write_file(run,
	    run->work_fd, ARCHIVE_LEX, run->lexicon, len)) != HABAR_OK)
		snprintf(st->err, st->errlen, "%s/%s: %s", run->workdir,
		    ARCHIVE_LEX, strerror(errno));
	snprintf(what, sizeof(what), "%zu word pairs from %zu units", *pairs,
	    units);
	log_line(run, "learnt from the archive: %s%s", what, "");
done:
	if (fp != NULL)
		fclose(fp);
	free(memory);
	habar_lexicon_free(lex);
	return status;
}

/*
 * The second pass (opt->relearn): the archive teaches the aligner its own
 * words.  The confident links of every release of the shard (the memory
 * the run makes) are learnt from as habar-align --memory learns from a
 * memory (IBM Model 1 on stems, lexicon.c), and every aligned release not
 * yet aligned again (no RELEARNT marker) is processed again with that
 * lexicon, which each worker's aligner reads from its text in memory
 * (run->lexicon).  A release short on names and numbers, whose lengths
 * alone cannot place a sentence, is then aligned on the words the rest of
 * the archive shows are translations.  Nothing learnt (a small archive):
 * the first pass stands.
 */
static enum habar_status
relearn(struct state *st, unsigned jobs)
{
	struct batch_run *run = &st->run;
	size_t i, pairs = 0;
	enum habar_status status = HABAR_OK;
	char name[BATCH_MAX_ID + 32];

	if (!run->opt->relearn)
		return HABAR_OK;
	st->todo_count = 0;
	for (i = 0; i < run->release_count; i++) {
		const struct batch_release *r = &run->releases[i];
		snprintf(name, sizeof(name), "%s.tmx", r->id);
		if (r->in_shard && release_has(run, r->id, name) &&
		    !release_has(run, r->id, RELEARNT))
			st->todo[st->todo_count++] = i;
	}
	if (st->todo_count == 0)
		goto done;
	if ((status = archive_lexicon(st, &pairs)) != HABAR_OK || pairs == 0)
		goto done;
	status = run_workers(st, jobs, 3, 0, st->todo_count);
done:
	/* Done with: the next run learns from the archive it is given. */
	if (status == HABAR_OK)
		unlinkat(run->work_fd, ARCHIVE_LEX, 0);
	free(run->lexicon);
	run->lexicon = NULL;
	run->lexicon_len = 0;
	return status;
}

/* Adds the figures of one report line to the summary. */
static void
count_line(struct habar_batch_summary *s, const char *line)
{
	const char *f[10];
	size_t n = 0, langs = 1;
	const char *p;

	f[n++] = line;
	for (p = line; *p != '\0' && *p != '\n' && n < 10; p++)
		if (*p == '\t')
			f[n++] = p + 1;
	if (n < 10)
		return;
	for (p = f[1]; *p != '\t'; p++)
		langs += *p == ',';
	if (*f[1] == '-')
		langs = 0;
	if (langs < 4)
		s->languages[langs]++;
	for (p = f[3]; *p != '\t'; p++)
		if (*p >= '0' && *p <= '9') {
			unsigned long long v = strtoull(p, (char **)&p, 10);
			s->paragraphs += v;
			p--;
		}
	s->sentences += strtoull(f[4], NULL, 10);
	s->doubtful += strtoull(f[5], NULL, 10);
	s->findings += strtoull(f[6], NULL, 10);
	s->qa_errors += strtoull(f[7], NULL, 10);
	s->qa_warnings += strtoull(f[8], NULL, 10);
	if (!(f[9][0] == '-' && (f[9][1] == '\n' || f[9][1] == '\0')))
		s->with_problems++;
}

void
habar__batch_min_confidence(const struct batch_run *run, struct habar_tmx *tmx)
{
	double min = run->opt->min_confidence;

	if (min != 0.0)
		habar_tmx_set_min_confidence(tmx, min < 0.0 ? 0.0 : min);
}

/*
 * Writes the index habar-xliff searches the memory with beside it
 * (memory.tmx.idx), so that the first translator's run need not build
 * it.  The memory is whole without it: a failure only leaves it to
 * habar-xliff to build.
 */
static void
index_memory(const char *path)
{
	struct habar_xliff *xliff;

	if (habar_xliff_new(&xliff) != HABAR_OK)
		return;
	(void)habar_xliff_index_memory(xliff, path, NULL);
	habar_xliff_free(xliff);
}

/* The report and the memory, from the done markers and the releases'
 * TMX files, in id order. */
static enum habar_status
finish(struct state *st)
{
	struct batch_run *run = &st->run;
	struct habar_tmx *tmx = NULL;
	char *report = NULL, *memory = NULL, *buf;
	size_t report_len = 0, memory_len = 0, len, i;
	FILE *fp = NULL;
	char path[8400], name[BATCH_MAX_ID + 32];
	enum habar_status status;
	struct habar_parallel_error perr;

	if ((fp = open_memstream(&report, &report_len)) == NULL)
		return HABAR_ERR_NOMEM;
	fputs(HABAR_BATCH_REPORT_HEADER "\n", fp);
	if ((status = habar_tmx_new(&tmx)) != HABAR_OK)
		goto done;
	habar__batch_min_confidence(run, tmx);
	for (i = 0; i < run->release_count; i++) {
		const struct batch_release *r = &run->releases[i];
		if (!r->in_shard)
			continue;
		snprintf(path, sizeof(path), "%s/releases/%s/.done",
		    run->outdir, r->id);
		if ((buf = read_small(run, r->id, ".done", &len)) == NULL) {
			snprintf(st->err, st->errlen, "%s: cannot read: %s",
			    path, strerror(errno));
			status = HABAR_ERR_IO;
			goto done;
		}
		fwrite(buf, 1, len, fp);
		count_line(st->summary, buf);
		free(buf);
		snprintf(name, sizeof(name), "%s.tmx", r->id);
		snprintf(path, sizeof(path), "%s/releases/%s/%s",
		    run->outdir, r->id, name);
		if ((buf = read_small(run, r->id, name, &len)) == NULL) {
			if (errno == ENOENT)
				continue;	/* a release not aligned */
			snprintf(st->err, st->errlen, "%s: cannot read: %s",
			    path, strerror(errno));
			status = HABAR_ERR_IO;
			goto done;
		}
		status = habar_tmx_add_xml(tmx, buf, len, &perr);
		free(buf);
		if (status != HABAR_OK) {
			snprintf(st->err, st->errlen, "%s:%lu: %s", path,
			    perr.line, perr.message);
			goto done;
		}
	}
	/* Problems of no release: refused members, stray attachments. */
	for (i = 0; i < st->archive_problems.count; i++) {
		char *p;
		for (p = st->archive_problems.items[i]; *p; p++)
			if (*p == '\t' || *p == '\n' || *p == '\r')
				*p = ' ';
		fprintf(fp, "-\t-\t-\t0\t0\t0\t0\t%s\n",
		    st->archive_problems.items[i]);
	}
	if (fclose(fp) != 0) {
		fp = NULL;
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	fp = NULL;
	st->summary->memory_units = habar_tmx_count(tmx);
	if ((fp = open_memstream(&memory, &memory_len)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	status = habar_tmx_write(tmx, fp);
	if (fclose(fp) != 0 && status == HABAR_OK)
		status = HABAR_ERR_NOMEM;
	fp = NULL;
	if (status != HABAR_OK)
		goto done;
	snprintf(path, sizeof(path), "%s/report.tsv", run->outdir);
	if ((status = habar__batch_write_file(run, run->out_fd, "report.tsv",
	    report, report_len)) == HABAR_OK) {
		snprintf(path, sizeof(path), "%s/memory.tmx", run->outdir);
		status = habar__batch_write_file(run, run->out_fd, "memory.tmx",
		    memory, memory_len);
		if (status == HABAR_OK)
			index_memory(path);
	}
	if (status != HABAR_OK)
		snprintf(st->err, st->errlen, "%s: %s", path, strerror(errno));
done:
	if (fp != NULL)
		fclose(fp);
	free(report);
	free(memory);
	habar_tmx_free(tmx);
	return status;
}

/* Empties the folder dirfd of files (the work folder's tmp/ holds no
 * folders); never follows a link, as unlinkat() removes the link. */
static void
clear_dir(int dirfd)
{
	DIR *d;
	struct dirent *e;
	int fd = dup(dirfd);

	if (fd < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlinkat(dirfd, e->d_name, 0);
	closedir(d);
}

/* Appends a line to OUTDIR/batch.log: the only output with dates in it.
 * Returns 0, or -1 when the log cannot be opened (errno set: ELOOP for a
 * link in its place). */
static int
log_line(const struct batch_run *run, const char *fmt, const char *a,
    const char *b)
{
	char when[64];
	time_t now = time(NULL);
	struct tm tm;
	FILE *fp;
	int fd;

	fd = openat(run->out_fd, "batch.log", O_WRONLY | O_APPEND | O_CREAT |
	    O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	if ((fp = fdopen(fd, "a")) == NULL) {
		close(fd);
		return -1;
	}
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(fp, "%s ", when);
	fprintf(fp, fmt, a, b);
	fputc('\n', fp);
	return fclose(fp) == 0 ? 0 : -1;
}

static void
close_fd(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* errno in words, a link planted in place of a folder or file named as
 * such. */
static const char *
link_error(void)
{
	return errno == ELOOP || errno == ENOTDIR ? "not a folder, or a "
	    "symbolic link: refused" : strerror(errno);
}

static unsigned
default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
}

enum habar_status
habar_batch_run(const struct habar_batch_options *opt,
    struct habar_batch_summary *summary, char *err, size_t errlen)
{
	struct state st;
	struct timespec t0, t1;
	enum habar_status status = HABAR_OK;
	char path[8400], figures[256];
	unsigned jobs = opt->jobs ? opt->jobs : default_jobs();
	int lock_fd = -1, locked = 0;
	size_t i;

	memset(&st, 0, sizeof(st));
	memset(summary, 0, sizeof(*summary));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	err[0] = '\0';
	st.run.opt = opt;
	st.run.spool_fd = st.run.out_fd = st.run.work_fd = st.run.tmp_fd =
	    st.run.releases_fd = st.run.packs_fd = -1;
	st.summary = summary;
	st.err = err;
	st.errlen = errlen;
	pthread_mutex_init(&st.lock, NULL);
	pthread_cond_init(&st.changed, NULL);
	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	if (opt->input == NULL || opt->outdir == NULL ||
	    (opt->shard_n > 0 && (opt->shard_k < 1 ||
	    opt->shard_k > opt->shard_n))) {
		snprintf(err, errlen, "bad options");
		status = HABAR_ERR_ARGUMENT;
		goto done;
	}
	if (same_folder(opt->input, opt->outdir)) {
		/* Its outputs would be read as releases on every rerun. */
		snprintf(err, errlen, "%s: the output folder is the input "
		    "folder: give another -o", opt->outdir);
		status = HABAR_ERR_ARGUMENT;
		goto done;
	}
	if ((st.run.outdir = strdup(opt->outdir)) == NULL ||
	    asprintf(&st.run.workdir, "%s/.work", opt->outdir) < 0) {
		st.run.workdir = NULL;
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	/* OUTDIR itself may be a link the user gave; nothing inside it is
	 * followed: each folder is opened with O_NOFOLLOW, each file
	 * made in .work/tmp with O_EXCL and renamed into place. */
	if ((mkdir(opt->outdir, 0755) != 0 && errno != EEXIST) ||
	    (st.run.out_fd = open(opt->outdir, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) < 0) {
		snprintf(err, errlen, "%s: %s", opt->outdir, strerror(errno));
		status = HABAR_ERR_IO;
		goto done;
	}
	if ((st.run.work_fd = habar__batch_open_dir(st.run.out_fd, ".work",
	    1)) < 0) {
		snprintf(err, errlen, "%s: %s", st.run.workdir, link_error());
		status = HABAR_ERR_IO;
		goto done;
	}
	/* The lock file stays: removing it would let a third run lock a
	 * new file while the first still holds the old one. */
	if ((lock_fd = openat(st.run.work_fd, "lock", O_RDWR | O_CREAT |
	    O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644)) < 0) {
		snprintf(err, errlen, "%s/lock: %s", st.run.workdir,
		    link_error());
		status = HABAR_ERR_IO;
		goto done;
	}
	if (flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
		snprintf(err, errlen, "%s: in use by another habar-batch run",
		    opt->outdir);
		status = HABAR_ERR_ARGUMENT;
		goto done;
	}
	locked = 1;
	/* The holder's process id, for whoever finds the folder busy. */
	if (ftruncate(lock_fd, 0) == 0) {
		char pid[32];
		int n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
		if (pwrite(lock_fd, pid, (size_t)n, 0) != n)
			pid[0] = '\0';	/* a help only */
	}
	if ((st.run.tmp_fd = habar__batch_open_dir(st.run.work_fd, "tmp",
	    1)) < 0) {
		snprintf(err, errlen, "%s/tmp: %s", st.run.workdir,
		    link_error());
		status = HABAR_ERR_IO;
		goto done;
	}
	/* What a killed run left in tmp/ goes now, under the lock. */
	clear_dir(st.run.tmp_fd);
	if ((st.run.releases_fd = habar__batch_open_dir(st.run.out_fd,
	    "releases", 1)) < 0 || (st.run.packs_fd =
	    habar__batch_open_dir(st.run.out_fd, "packs", 1)) < 0) {
		snprintf(err, errlen, "%s/%s: %s", opt->outdir,
		    st.run.releases_fd < 0 ? "releases" : "packs", link_error());
		status = HABAR_ERR_IO;
		goto done;
	}
	if (log_line(&st.run, "start: %s (input %s)", opt->command_line ?
	    opt->command_line : "habar-batch", opt->input) != 0) {
		snprintf(err, errlen, "%s/batch.log: %s", opt->outdir,
		    errno == ELOOP ? "a symbolic link: refused" :
		    strerror(errno));
		status = HABAR_ERR_IO;
		goto done;
	}
	/* The spool has no name (O_TMPFILE): it goes with the run, and no
	 * link can stand in its place; a file system without O_TMPFILE
	 * gets a fresh O_EXCL file, unlinked at once. */
	st.run.spool_fd = openat(st.run.work_fd, ".", O_TMPFILE | O_RDWR |
	    O_CLOEXEC, 0600);
	if (st.run.spool_fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR ||
	    errno == EINVAL) && (st.run.spool_fd = habar__batch_temp(&st.run,
	    path, sizeof(path))) >= 0)
		unlinkat(st.run.tmp_fd, path, 0);
	if (st.run.spool_fd < 0) {
		snprintf(err, errlen, "%s/spool: %s", st.run.workdir,
		    strerror(errno));
		status = HABAR_ERR_IO;
		goto done;
	}
	if ((status = read_source(&st)) != HABAR_OK)
		goto done;
	if (summary->members == 0 && summary->members_refused == 0 &&
	    !summary->archive_broken) {
		snprintf(err, errlen, "%s: empty: no file in it%s",
		    opt->input, st.litter > 0 ? " but operating-system files "
		    "(see batch.log)" : "");
		status = HABAR_ERR_INPUT;
		goto done;
	}
	if ((status = group_releases(&st)) != HABAR_OK)
		goto done;
	if (summary->archive_broken && st.run.release_count == 0) {
		/* Nothing came out of it: an error, not a finding. */
		snprintf(err, errlen, "%s: %s; no release could be read",
		    opt->input, st.archive_problems.count > 0 ?
		    st.archive_problems.items[st.archive_problems.count - 1] :
		    "the archive is broken");
		status = HABAR_ERR_INPUT;
		goto done;
	}
	if ((status = run_pool(&st, jobs)) != HABAR_OK ||
	    (status = relearn(&st, jobs)) != HABAR_OK)
		goto done;
	status = finish(&st);
done:
	if (status == HABAR_ERR_NOMEM && err[0] == '\0')
		snprintf(err, errlen, "out of memory");
	if (status != HABAR_OK && err[0] == '\0')
		snprintf(err, errlen, "%s", habar_status_string(status));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	summary->seconds = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (locked) {
		snprintf(figures, sizeof(figures), "%zu releases (%zu resumed), "
		    "%.2f s, %.1f releases/s", summary->releases,
		    summary->resumed, summary->seconds, summary->seconds > 0 ?
		    (double)(summary->releases - summary->resumed) /
		    summary->seconds : 0.0);
		log_line(&st.run, "%s: %s", status == HABAR_OK ? "end" :
		    "failed", status == HABAR_OK ? figures : err);
	}
	if (st.run.spool_fd >= 0)
		close(st.run.spool_fd);
	/* Only the run that holds the lock cleans up: a run turned away
	 * must not touch the running one's files.  tmp/ is emptied; the
	 * folder and the lock file stay for the next run. */
	if (locked && st.run.tmp_fd >= 0)
		clear_dir(st.run.tmp_fd);
	if (lock_fd >= 0)
		close(lock_fd);
	close_fd(st.run.packs_fd);
	close_fd(st.run.releases_fd);
	close_fd(st.run.tmp_fd);
	close_fd(st.run.work_fd);
	close_fd(st.run.out_fd);
	for (i = 0; i < st.run.member_count; i++) {
		free(st.run.members[i].path);
		free(st.run.members[i].group);
		free(st.run.members[i].release);
		free(st.run.members[i].problem);
	}
	for (i = 0; i < st.run.release_count; i++) {
		if (st.run.releases[i].texts_owned)
			free(st.run.releases[i].texts);
		free(st.run.releases[i].attachments);
		free(st.run.releases[i].problems);
	}
	free(st.run.members);
	free(st.run.releases);
	free(st.run.text_index);
	free(st.run.attachment_index);
	free(st.todo);
	strings_free(&st.archive_problems);
	free(st.run.outdir);
	free(st.run.workdir);
	pthread_mutex_destroy(&st.lock);
	pthread_cond_destroy(&st.changed);
	return status;
}
