/*
 * batch.h: turning an archive of past releases into release packs and one
 * translation memory (the library behind habar-batch).
 *
 * A run goes in three steps (README.md, "habar-batch"):
 *
 *  1. One thread reads the archive or directory as a stream
 *     (habar/source.h).  Each member is classified by name
 *     (habar/layout.h); the bytes of the members the run needs are
 *     appended to a spool file, OUTDIR/.work/spool, and only an index
 *     (name, release, language, offset, length) stays in memory.  The
 *     members of one release may lie far apart in the stream (a folder per
 *     language), so nothing is processed before the whole stream is read;
 *     memory stays flat whatever the size of the archive.
 *  2. The members are grouped into releases, each release gets an id (its
 *     name, made unique and safe), and a pool of worker threads takes the
 *     releases one by one: decode each text, extract web pages, write the
 *     release text with its front matter, normalise it, align the
 *     languages, check the spelling, write the pack and the release's TMX,
 *     and last, atomically, a done marker holding its line of the report.
 *     Every worker has its own normaliser, aligner and spelling checkers.
 *  3. The report and the memory are made from the done markers and the
 *     releases' TMX files, in the order of the release ids, so a run
 *     resumed after a crash writes the same bytes as one that was not.
 *
 * The output directory:
 *
 *   OUTDIR/releases/<id>/<id>.<lang>.md   normalised release text
 *   OUTDIR/releases/<id>/<id>.tmx         the release's units
 *   OUTDIR/releases/<id>/.done            marker: its line of the report
 *   OUTDIR/releases/<id>/<attachment>     its attachments, checked
 *   OUTDIR/packs/<id>.zip                 the release pack (habar/bundle.h)
 *   OUTDIR/memory.tmx                     every release's units, by id
 *   OUTDIR/report.tsv                     a line per release
 *   OUTDIR/batch.log                      run times and dates (appended)
 *   OUTDIR/.work/lock                     the lock, kept between runs
 *   OUTDIR/.work/tmp/                     temporary files, emptied
 *
 * Nothing inside OUTDIR is followed: folders are opened with O_NOFOLLOW,
 * files made with O_EXCL in .work/tmp and renamed into place, the spool
 * made with O_TMPFILE.
 *
 * With a shard K/N, only the releases whose name (in the archive)
 * hashes (FNV-1a) to K-1 modulo N are processed, so N hosts can
 * share an archive; habar-tmx merges their memories.
 */
#ifndef HABAR_BATCH_H
#define HABAR_BATCH_H

#include <stddef.h>

#include <habar/source.h>
#include <habar/status.h>

/* Called from the reading thread for a problem that does not stop the run
 * (a member refused or unreadable): where is the archive, message names
 * the member. */
typedef void habar_batch_message_fn(void *arg, const char *where,
    const char *message);

/*
 * Called from the calling thread now and then, and once at the end of
 * each step: step 1 while reading (done = members read, total = 0), step 2
 * while processing (done and total releases, skipped = releases found
 * finished by an earlier run), step 3 while aligning again with what the
 * archive taught (opt->relearn; done and total releases).
 */
typedef void habar_batch_progress_fn(void *arg, int step, size_t done,
    size_t total, size_t skipped);

struct habar_batch_options {
	const char *input;	/* archive or directory */
	const char *outdir;	/* created if missing */
	unsigned jobs;		/* worker threads; 0: one per core */
	unsigned shard_k, shard_n; /* this shard (1..N) of N; 0/0: all */
	const struct habar_source_limits *limits; /* NULL: defaults */
	const char *generator;	/* "habar-batch 0.1.0" */
	const char *command_line; /* for batch.log, or NULL */
	habar_batch_message_fn *message;	/* may be NULL */
	habar_batch_progress_fn *progress;	/* may be NULL */
	void *arg;		/* passed to both */
	/* The confidence a sentence link needs to go into the memories:
	 * 0 for HABAR_TMX_MIN_CONFIDENCE, negative for every link. */
	double min_confidence;
	/*
	 * Non-zero: a second pass (docs/habar-batch.md, "Learning from the
	 * archive"): a lexicon learnt from the memory of every release of
	 * the shard, and the aligned releases processed again with it.
	 */
	int relearn;
};

/* What a run did, for the summary. */
struct habar_batch_summary {
	size_t members;		/* archive members read */
	size_t members_refused;	/* refused, unreadable or unused members */
	int archive_broken;	/* the archive ended early (truncated) */
	size_t releases;	/* releases in this shard */
	size_t resumed;		/* of which finished by an earlier run */
	size_t with_problems;	/* releases whose report names problems */
	size_t languages[4];	/* releases with 1, 2, 3 languages (index) */
	unsigned long long paragraphs, sentences, links, findings;
	unsigned long long doubtful;	/* sentence links under 0.5 */
	size_t memory_units;	/* units in memory.tmx */
	double seconds;		/* wall time of the run */
	/* findings of habar-qa's checks in the packs, by severity */
	unsigned long long qa_errors, qa_warnings;
};

/* The report's columns, tab-separated, as its first line says. */
#define HABAR_BATCH_REPORT_HEADER "id\tlanguages\tencodings\tparagraphs\t" \
    "sentences_aligned\tdoubtful_links\tspelling_findings\tqa_errors\t" \
    "qa_warnings\tproblems"

/*
 * Runs the batch described by opt and fills *summary.  Problems of single
 * members and releases are reported (message callback, report.tsv) and
 * counted, never fatal.  Returns HABAR_OK when the run completed (look at
 * summary->with_problems and members_refused); on a fatal error (the
 * input unreadable, a limit of habar/source.h reached for the whole
 * archive, the output unwritable) an error status with err saying why:
 * HABAR_ERR_IO, HABAR_ERR_INPUT, HABAR_ERR_LIMIT, HABAR_ERR_ARGUMENT (bad
 * options, or OUTDIR in use by another run), HABAR_ERR_NOTFOUND (data
 * files), HABAR_ERR_NOMEM.
 */
enum habar_status habar_batch_run(const struct habar_batch_options *opt,
    struct habar_batch_summary *summary, char *err, size_t errlen);

/*
 * Parses a shard "K/N" (1 <= K <= N <= 65536) into *k and *n.  Returns
 * HABAR_OK or HABAR_ERR_ARGUMENT.
 */
enum habar_status habar_batch_parse_shard(const char *text, unsigned *k,
    unsigned *n);

/*
 * The 64-bit FNV-1a hash of len bytes, by which releases are sharded: the
 * release with key s belongs to shard (hash mod N) + 1.
 */
unsigned long long habar_batch_hash(const char *s, size_t len);

#endif
