/*
 * habar-batch: turns an archive (or a directory tree) of past releases
 * into release packs, normalised texts, one translation memory and a
 * report.  The work is in the library (habar/batch.h); this file reads
 * the options, draws the progress bar and prints the summary.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <habar/batch.h>

#include "cli.h"

static const char usage[] =
    "usage: habar-batch -o OUTDIR [--jobs N] [--shard K/N] ARCHIVE|DIR|-\n"
    "Turns an archive of past releases (zip, tar, tar.gz, tar.xz, 7z, or a\n"
    "directory; - reads the archive from standard input) into a release\n"
    "pack and normalised texts per release, one TMX translation memory of\n"
    "all releases and a report.  Texts in any encoding habar-decode knows;\n"
    "web pages are stripped of their menus.  Nothing is extracted: members\n"
    "are read as a stream.\n"
    "\n"
    "  -o, --output OUTDIR   the output directory (required): releases/,\n"
    "                        packs/, memory.tmx, report.tsv, batch.log\n"
    "  -j, --jobs N          worker threads (default: one per core)\n"
    "      --shard K/N       process only the K-th of N stable shards\n"
    "      --max-member SIZE skip a member unpacking to more than SIZE\n"
    "                        bytes (default 256M; suffixes K, M, G)\n"
    "      --max-total SIZE  refuse an archive unpacking to more in all\n"
    "                        (default 16G)\n"
    "      --max-ratio R     skip a member, and refuse an archive,\n"
    "                        unpacking to more than R times its packed\n"
    "                        size (default 200): zip bombs\n"
    "      --min-confidence C\n"
    "                        keep sentence links of confidence C or more in\n"
    "                        the memories (0 to 1; default 0.5)\n"
    "      --relearn         learn a lexicon from the confident links of\n"
    "                        the whole archive and align it again with it\n"
    "      --help            print this help and exit\n"
    "      --version         print the version and exit\n"
    "\n"
    "A rerun on the same OUTDIR skips the releases already finished.\n"
    "Exit status: 0 when every release went through cleanly, 1 when some\n"
    "had problems (see report.tsv), 2 on a fatal error.\n";

struct options {
	const char *output;
	unsigned jobs;
	unsigned shard_k, shard_n;
	struct habar_source_limits limits;
	double min_confidence;
	int relearn;
};

/*
 * A size or ratio: digits only (no sign, no space), an optional K, M or
 * G suffix, not 0, and no overflow: a value that wrapped would turn a
 * limit off.
 */
static unsigned long long
parse_size(const char *text, const char *what, int suffixes)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	errno = 0;
	if (*text < '0' || *text > '9')
		cli_usage_error("bad %s '%s': digits, not 0", what, text);
	v = strtoull(text, &end, 10);
	if (suffixes) {
		switch (*end) {
		case 'k': case 'K': shift = 10; end++; break;
		case 'm': case 'M': shift = 20; end++; break;
		case 'g': case 'G': shift = 30; end++; break;
		}
	}
	if (*end != '\0' || v == 0)
		cli_usage_error("bad %s '%s': digits%s, not 0", what, text,
		    suffixes ? " and K, M or G" : "");
	if (errno == ERANGE || v > (ULLONG_MAX >> shift))
		cli_usage_error("%s '%s' too large", what, text);
	return v << shift;
}

static void
parse_options(int argc, char **argv, struct options *opts)
{
	enum { OPT_SHARD = 256, OPT_MEMBER, OPT_TOTAL, OPT_RATIO,
	    OPT_CONFIDENCE, OPT_RELEARN };
	static const struct option longopts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "max-member", required_argument, NULL, OPT_MEMBER },
		{ "max-ratio", required_argument, NULL, OPT_RATIO },
		{ "max-total", required_argument, NULL, OPT_TOTAL },
		{ "min-confidence", required_argument, NULL, OPT_CONFIDENCE },
		{ "output", required_argument, NULL, 'o' },
		{ "relearn", no_argument, NULL, OPT_RELEARN },
		{ "shard", required_argument, NULL, OPT_SHARD },
		{ NULL, 0, NULL, 0 }
	};
	static const struct habar_source_limits defaults =
	    HABAR_SOURCE_DEFAULT_LIMITS;
	char *end;
	long n;
	int c;

	opts->limits = defaults;
	while ((c = cli_getopt(argc, argv, "j:o:", longopts)) != -1) {
		switch (c) {
		case 'j':
			n = strtol(optarg, &end, 10);
			if (end == optarg || *end != '\0' || n < 1 || n > 256)
				cli_usage_error("bad number of jobs '%s' (1-256)",
				    optarg);
			opts->jobs = (unsigned)n;
			break;
		case 'o':
			opts->output = optarg;
			break;
		case OPT_SHARD:
			if (habar_batch_parse_shard(optarg, &opts->shard_k,
			    &opts->shard_n) != HABAR_OK)
				cli_usage_error("bad shard '%s': K/N with 1 <= K "
				    "<= N", optarg);
			break;
		case OPT_MEMBER:
			opts->limits.max_member = parse_size(optarg, "size", 1);
			break;
		case OPT_TOTAL:
			opts->limits.max_total = parse_size(optarg, "size", 1);
			break;
		case OPT_RATIO:
			opts->limits.max_ratio = parse_size(optarg, "ratio", 0);
			break;
		case OPT_CONFIDENCE:
			/* 0 in the options means the default: every link is
			 * asked for by a negative value. */
			opts->min_confidence = cli_fraction("--min-confidence",
			    optarg);
			if (opts->min_confidence == 0.0)
				opts->min_confidence = -1.0;
			break;
		case OPT_RELEARN:
			opts->relearn = 1;
			break;
		}
	}
	if (opts->output == NULL)
		cli_usage_error("no output: give -o OUTDIR");
	if (optind != argc - 1)
		cli_usage_error(optind == argc ? "no input: give an archive or a "
		    "directory" : "one archive or directory at a time");
}

/* The progress bar, drawn only when stderr is a terminal. */
struct progress {
	int tty;
	int drawn;
	struct timespec start;
	size_t start_done;
	int step;
};

static double
since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void
on_progress(void *arg, int step, size_t done, size_t total, size_t skipped)
{
	struct progress *p = arg;
	char bar[31];
	double elapsed, rate, left;
	size_t i, filled;

	if (!p->tty)
		return;
	if (step != p->step) {
		p->step = step;
		clock_gettime(CLOCK_MONOTONIC, &p->start);
		p->start_done = done;
	}
	if (step == 1) {
		fprintf(stderr, "\rreading: %zu members", done);
		p->drawn = 1;
		return;
	}
	elapsed = since(&p->start);
	rate = elapsed > 0 ? (double)(done - p->start_done) / elapsed : 0;
	left = rate > 0 ? (double)(total - done) / rate : 0;
	filled = total ? done * 30 / total : 30;
	for (i = 0; i < 30; i++)
		bar[i] = i < filled ? '#' : '.';
	bar[30] = '\0';
	fprintf(stderr, "\r[%s] %zu/%zu releases", bar, done, total);
	if (skipped > 0)
		fprintf(stderr, " (%zu resumed)", skipped);
	fprintf(stderr, "  %.1f/s  %d:%02d left ", rate, (int)left / 60,
	    (int)left % 60);
	p->drawn = 1;
}

static void
on_message(void *arg, const char *where, const char *message)
{
	struct progress *p = arg;

	if (p->drawn) {
		fputc('\n', stderr);
		p->drawn = 0;
	}
	cli_warn("%s: %s", where, message);
}

static void
print_summary(const struct habar_batch_summary *s)
{
	cli_warn("%zu releases (%zu resumed): %zu with 3 languages, %zu with 2, "
	    "%zu with 1; %llu paragraphs, %llu sentences aligned (%llu "
	    "doubtful), %llu spelling findings, checks: %llu errors and %llu "
	    "warnings; %zu with problems, %zu members refused; "
	    "memory.tmx: %zu units; %.1f s (%.1f releases/s)",
	    s->releases, s->resumed, s->languages[3], s->languages[2],
	    s->languages[1], s->paragraphs, s->sentences, s->doubtful,
	    s->findings, s->qa_errors, s->qa_warnings,
	    s->with_problems, s->members_refused, s->memory_units, s->seconds,
	    s->seconds > 0 ? (double)(s->releases - s->resumed) / s->seconds :
	    0.0);
}

int
main(int argc, char **argv)
{
	struct options opts;
	struct habar_batch_options bo;
	struct habar_batch_summary summary;
	struct progress progress;
	enum habar_status status;
	char generator[64], err[8192], *command = NULL;
	size_t len = 0;
	int i;

	memset(&opts, 0, sizeof(opts));
	memset(&bo, 0, sizeof(bo));
	memset(&progress, 0, sizeof(progress));
	cli_init(argc, argv, usage);
	cli_handle_help_version(argc, argv);
	parse_options(argc, argv, &opts);

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if ((command = malloc(len + 1)) == NULL)
		cli_fatal("out of memory");
	command[0] = '\0';
	for (i = 0; i < argc; i++) {
		strcat(command, argv[i]);
		if (i + 1 < argc)
			strcat(command, " ");
	}
	snprintf(generator, sizeof(generator), "habar-batch %s",
	    habar_version());
	progress.tty = isatty(STDERR_FILENO);
	bo.input = argv[optind];
	bo.outdir = opts.output;
	bo.jobs = opts.jobs;
	bo.shard_k = opts.shard_k;
	bo.shard_n = opts.shard_n;
	bo.limits = &opts.limits;
	bo.min_confidence = opts.min_confidence;
	bo.relearn = opts.relearn;
	bo.generator = generator;
	bo.command_line = command;
	bo.message = on_message;
	bo.progress = on_progress;
	bo.arg = &progress;
	status = habar_batch_run(&bo, &summary, err, sizeof(err));
	if (progress.drawn)
		fputc('\n', stderr);
	free(command);
	if (status != HABAR_OK)
		cli_fatal("%s", err);
	print_summary(&summary);
	if (summary.with_problems > 0 || summary.members_refused > 0 ||
	    summary.archive_broken)
		cli_found();
	return cli_exit();
}
