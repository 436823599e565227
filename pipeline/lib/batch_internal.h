/*
 * batch_internal.h (internal): what the files of habar-batch's library
 * share: the member index, the releases, a worker's handles, and the
 * per-release processing (batch_release.c) that the pool (batch.c) runs.
 */
#ifndef HABAR_BATCH_INTERNAL_H
#define HABAR_BATCH_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <habar/batch.h>
#include <habar/layout.h>
#include <habar/status.h>

/* In a release's folder: processed again with the archive's lexicon. */
#define RELEARNT ".relearnt"
#define BATCH_MAX_ID 120	/* bytes of a release id */
#define BATCH_MAX_NORMS 8	/* normalisers a worker keeps, by language */
#define BATCH_MAX_PROBLEMS 4096	/* bytes of a release's problem list */

/* One archive member the run keeps, its bytes in the spool. */
struct batch_member {
	char *path;		/* safe relative name */
	char *file;		/* its file name (a pointer into path) */
	char *group;		/* the folder its release lives in */
	char *release;		/* its release's name; NULL: attachment */
	char *problem;		/* why it could not be read, or NULL */
	enum habar_layout_kind kind;
	char lang[16];		/* from the name, or "" */
	uint64_t offset;	/* in the spool */
	size_t len;
	int spooled;		/* 0: the member is not in this shard */
};

/* One release: its text members and its attachments, by index. */
struct batch_release {
	char *group;		/* folder in the archive */
	char *name;		/* release name from the file names */
	char id[BATCH_MAX_ID + 16];
	size_t *texts, text_count; /* into the run's text index, or */
	int texts_owned;	/* malloc()ed, joined from several folders */
	size_t *attachments, attachment_count; /* malloc()ed */
	char *problems;		/* found while reading, "; "-joined, or NULL */
	int in_shard;
};

/* The state of a run that workers read (never write but through locks). */
struct batch_run {
	const struct habar_batch_options *opt;
	struct batch_member *members;
	size_t member_count;
	struct batch_release *releases;	/* sorted by id */
	size_t release_count;
	size_t *text_index, *attachment_index; /* the members, sorted */
	int spool_fd;
	char *outdir, *workdir;	/* for messages and the pack's reads */
	/* Every file is written relative to these descriptors, opened
	 * without following links, so that a link planted inside OUTDIR
	 * cannot lead a write outside it. */
	int out_fd, work_fd, tmp_fd, releases_fd, packs_fd;
	/*
	 * The lexicon learnt from the archive's confident links, in the
	 * lexicon cache format, which each worker's aligner reads in the
	 * second pass (relearn() in batch.c); NULL in the first.
	 */
	char *lexicon;
	size_t lexicon_len;
};

/* A worker's own handles: nothing here is shared between threads. */
struct batch_worker {
	const struct batch_run *run;
	unsigned index;
	struct habar_dates *dates;
	struct habar_align *align;
	int lexicon_read;	/* align has read run->lexicon */
	struct {
		char lang[16];
		struct habar_norm *norm;
	} norms[BATCH_MAX_NORMS];
	struct {
		char lang[16];
		struct habar_spell *spell;
		int failed;
	} spells[BATCH_MAX_NORMS];
	char err[9000];		/* a fatal error's detail */
};

/*
 * Processes release r: writes its texts, pack and TMX and, last, its done
 * marker.  Problems of the release's input go into its report line and
 * are not errors.  Returns HABAR_OK, or a fatal status (HABAR_ERR_IO on
 * writing, HABAR_ERR_NOMEM, HABAR_ERR_NOTFOUND for missing data) with
 * w->err saying why.
 */
enum habar_status habar__batch_release(struct batch_worker *w,
    const struct batch_release *r);

struct habar_tmx;

/* Gives tmx the run's minimum confidence for a link to become a unit, so
 * that the releases' memories and memory.tmx keep the same links. */
void habar__batch_min_confidence(const struct batch_run *run,
    struct habar_tmx *tmx);

/* Frees what a worker opened. */
void habar__batch_worker_free(struct batch_worker *w);

/*
 * Writes len bytes to the file name in the folder dirfd atomically: to a
 * temporary file in the run's work folder, then renamed (a link planted
 * under that name is replaced, never followed).  Returns HABAR_OK or
 * HABAR_ERR_IO (errno set).
 */
enum habar_status habar__batch_write_file(const struct batch_run *run,
    int dirfd, const char *name, const void *data, size_t len);

/*
 * Makes the temporary file fd, named tmp in the work folder (from
 * habar__batch_temp()), readable as with the usual umask, closes it and
 * renames it to name in dirfd; on failure removes it.  Returns HABAR_OK
 * or HABAR_ERR_IO (errno set).
 */
enum habar_status habar__batch_commit(const struct batch_run *run, int fd,
    const char *tmp, int dirfd, const char *name);

/*
 * Opens the folder name in dirfd, making it first when create is set,
 * never through a symbolic link.  Returns the descriptor, or -1 (errno
 * set: ELOOP or ENOTDIR for a link or a file in its place).
 */
int habar__batch_open_dir(int dirfd, const char *name, int create);

/*
 * Appends "; message" (or message, to an empty list) to the problem list
 * *list, a string released with free(); a message that would take the
 * list past BATCH_MAX_PROBLEMS bytes is dropped.  Returns HABAR_OK or
 * HABAR_ERR_NOMEM (the list left as it was).
 */
enum habar_status habar__batch_add_problem(char **list, const char *message);

/*
 * Copies the message in to out (size bytes, cut on a character) with
 * every control character (C0, DEL, C1) and every byte of no UTF-8
 * character written out as \xHH (\u00HH for C1): member names come from
 * the archive, and an escape sequence or a line break in one must reach
 * neither a terminal nor a line of the report as such.
 */
void habar__batch_clean(char *out, size_t size, const char *in);

/* Creates a unique temporary file in the work folder's tmp/ (O_EXCL, so
 * nothing there is followed); its name in that folder goes to name (size
 * bytes).  Returns the descriptor, or -1 (errno set). */
int habar__batch_temp(const struct batch_run *run, char *name, size_t size);

/* The list of operating-system litter (batch_litter.c). */
struct habar__batch_litter;

/*
 * Loads the patterns of locales/root/os-litter.  Returns HABAR_OK,
 * HABAR_ERR_NOTFOUND (no such file), HABAR_ERR_LIMIT (a line over 256
 * bytes), HABAR_ERR_IO or HABAR_ERR_NOMEM.
 */
enum habar_status habar__batch_litter_load(
    struct habar__batch_litter **litter_out);

/* Frees the list; NULL is harmless. */
void habar__batch_litter_free(struct habar__batch_litter *litter);

/*
 * Whether the member at path (a safe relative name) is litter: returns
 * the pattern of the list it matches, or NULL.
 */
const char *habar__batch_litter_match(
    const struct habar__batch_litter *litter, const char *path);

/* Makes the XML parser ready for use from several threads (libxml2 wants
 * it initialised once, from one thread, first). */
void habar__batch_xml_init(void);

#endif
