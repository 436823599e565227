/*
 * habar-pack: makes the release pack of one release: every language, the
 * parallel XML, a TMX, HTML pages, the attachments and a manifest, in one
 * reproducible archive written atomically.  What goes in is decided by
 * habar_bundle_plan() (habar/bundle.h), how it is written by
 * habar_pack_write() (habar/pack.h); this file reads the inputs.
 */
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/align.h>
#include <habar/bundle.h>
#include <habar/pack.h>
#include <habar/parallel.h>
#include <habar/release.h>

#include "cli.h"

static const char usage[] =
    "usage: habar-pack -o OUT [--format zip|tar.gz|tar.xz] [--attach FILE]...\n"
    "                  [--min-confidence C] [--strict] INPUT...\n"
    "Packs a release and its translations into one archive: the release\n"
    "text in each language, the parallel XML, a TMX, HTML pages, the\n"
    "attachments with the text of their slides, a manifest, and the\n"
    "findings of habar-qa's checks (qa.tsv, qa.html; their count on\n"
    "the index page).\n"
    "\n"
    "INPUT is one to three release text files (aligned on the way), or one\n"
    "parallel XML file written by habar-align.  Attachments named in the\n"
    "front matter ('attachments:') are looked for beside the first input.\n"
    "The languages go into the pack in the order kk, ru, en, whatever the\n"
    "order of the arguments.  A lone INPUT may be '-', standard input.\n"
    "\n"
    "  -o, --output OUT     the archive to write (required); written to a\n"
    "                       temporary file and renamed when complete\n"
    "  -f, --format FORMAT  zip (default, or from OUT's extension), tar.gz,\n"
    "                       tar.xz\n"
    "  -a, --attach FILE    one more attachment (repeatable)\n"
    "  -c, --min-confidence C\n"
    "                       a sentence link of confidence under C (0 to 1,\n"
    "                       default 0.5) stays out of the pack's TMX and is\n"
    "                       marked doubtful on the side-by-side page\n"
    "  -s, --strict         write no pack when the checks find an error\n"
    "      --help           print this help and exit\n"
    "      --version        print the version and exit\n"
    "\n"
    "Exit status: 0 when the pack was written, 1 when --strict refused it\n"
    "(the checks found an error), 2 on any other error (no archive is left\n"
    "behind then).\n";

struct options {
	const char *output;
	const char *format_name;
	const char **attach;
	size_t attach_count;
	double min_confidence;	/* 0: the default; negative: every link */
	int strict;		/* no pack when the checks find an error */
};

static void
parse_options(int argc, char **argv, struct options *opts)
{
	static const struct option longopts[] = {
		{ "attach", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "min-confidence", required_argument, NULL, 'c' },
		{ "output", required_argument, NULL, 'o' },
		{ "strict", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	if ((opts->attach = calloc((size_t)argc, sizeof(char *))) == NULL)
		cli_fatal("out of memory");
	while ((c = cli_getopt(argc, argv, "a:c:f:o:s", longopts)) != -1) {
		switch (c) {
		case 'a':
			opts->attach[opts->attach_count++] = optarg;
			break;
		case 'c':
			/* 0 in the options means the default: every link is
			 * asked for by a negative value. */
			opts->min_confidence = cli_fraction("--min-confidence",
			    optarg);
			if (opts->min_confidence == 0.0)
				opts->min_confidence = -1.0;
			break;
		case 'f':
			opts->format_name = optarg;
			break;
		case 'o':
			opts->output = optarg;
			break;
		case 's':
			opts->strict = 1;
			break;
		}
	}
	if (opts->output == NULL)
		cli_usage_error("no output: give -o OUT");
	if (optind >= argc)
		cli_usage_error("no input: give release files or a parallel XML");
	if (argc - optind > HABAR_PARALLEL_MAX_LANGS)
		cli_usage_error("at most %d release files", HABAR_PARALLEL_MAX_LANGS);
	/* Several releases are read twice (their languages order them),
	 * which standard input cannot be. */
	for (c = optind; argc - optind > 1 && c < argc; c++)
		if (strcmp(argv[c], "-") == 0)
			cli_usage_error("'-' (standard input) only as the one "
			    "input");
}

/* The format: --format, else OUT's extension, else zip. */
static enum habar_pack_format
choose_format(const struct options *opts)
{
	enum habar_pack_format format = HABAR_PACK_ZIP;
	const char *dot;

	if (opts->format_name != NULL) {
		if (habar_pack_format_parse(opts->format_name, &format) != HABAR_OK)
			cli_usage_error("unknown format '%s' (zip, tar.gz, "
			    "tar.xz)", opts->format_name);
		return format;
	}
	if ((dot = strstr(opts->output, ".tar.")) != NULL)
		habar_pack_format_parse(dot + 1, &format);
	else if ((dot = strrchr(opts->output, '.')) != NULL)
		habar_pack_format_parse(dot + 1, &format);
	return format;
}

static int
is_parallel_xml(const char *path)
{
	size_t n = strlen(path);
	return n > 4 && strcmp(path + n - 4, ".xml") == 0;
}

/* Reports an error in an input as "file:line: message" ("file: message"
 * when the line is unknown) and exits with status 2. */
static void
fail_at(const char *path, unsigned long line, enum habar_status status,
    const char *detail)
{
	cli_report(path, line, status, detail);
	exit(cli_exit());
}

/* Reads one parallel XML into a document. */
static struct habar_parallel *
read_parallel(const char *path)
{
	struct habar_parallel *doc = NULL;
	struct habar_parallel_error err = { 0, "" };
	enum habar_status status;
	FILE *fp = cli_open_input(path);

	if (fp == NULL)
		exit(cli_exit());
	status = habar_parallel_read_file(&doc, fp, &err);
	cli_close_input(fp);
	if (status != HABAR_OK)
		fail_at(path, err.line, status, err.message);
	return doc;
}

/* The rank of a release's language in a pack: Kazakh, the state
 * language, first, then Russian, then English, then others by tag; so
 * that the order of the arguments never changes the pack's bytes. */
static int
language_rank(const char *path, char *lang, size_t size)
{
	static const char *const order[] = { "kk", "ru", "en" };
	struct habar_release *release = NULL;
	struct habar_release_line line;
	FILE *fp = cli_open_input(path);
	int rank = 3;
	size_t i;

	snprintf(lang, size, "~");
	if (fp == NULL)
		exit(cli_exit());
	if (habar_release_new(&release, fp, 0) == HABAR_OK)
		while (habar_release_next(release, &line) == HABAR_OK &&
		    line.kind != HABAR_LINE_BODY)
			;
	if (release != NULL && habar_release_get(release, "lang") != NULL)
		snprintf(lang, size, "%s", habar_release_get(release, "lang"));
	habar_release_free(release);
	cli_close_input(fp);
	for (i = 0; i < 3; i++)
		if (strcmp(lang, order[i]) == 0)
			rank = (int)i;
	return rank;
}

struct ranked {
	char *path;
	int rank;
	char lang[64];
};

static int
compare_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank - y->rank;
	return strcmp(x->lang, y->lang);
}

/* Puts the release files in the canonical order of their languages. */
static void
order_by_language(char **paths, int count)
{
	struct ranked ranked[HABAR_PARALLEL_MAX_LANGS];
	int i;

	if (count < 2)
		return;
	for (i = 0; i < count; i++) {
		ranked[i].path = paths[i];
		ranked[i].rank = language_rank(paths[i], ranked[i].lang,
		    sizeof(ranked[i].lang));
	}
	qsort(ranked, (size_t)count, sizeof(ranked[0]), compare_ranked);
	for (i = 0; i < count; i++)
		paths[i] = ranked[i].path;
}

/* Reads and aligns release files into a document. */
static struct habar_parallel *
read_releases(char **paths, int count)
{
	struct habar_parallel *doc = NULL;
	struct habar_align *align = NULL;
	enum habar_status status;
	int i;

	if (habar_parallel_new(&doc) != HABAR_OK)
		cli_fatal("out of memory");
	if ((status = habar_align_new(&align)) != HABAR_OK)
		cli_fatal("cannot start the aligner: %s",
		    habar_status_string(status));
	for (i = 0; i < count; i++) {
		FILE *fp = cli_open_input(paths[i]);
		if (fp == NULL)
			exit(cli_exit());
		status = habar_align_load(align, doc, fp, HABAR_ALIGN_SEGMENT);
		cli_close_input(fp);
		if (status != HABAR_OK)
			fail_at(paths[i], habar_align_error_line(align), status,
			    habar_align_error(align));
	}
	if (doc->language_count >= 2 &&
	    (status = habar_align_document(align, doc)) != HABAR_OK)
		cli_fatal("aligning: %s", habar_align_error(align)[0] ?
		    habar_align_error(align) : habar_status_string(status));
	habar_align_free(align);
	return doc;
}

static void
warn_cb(void *arg, const char *message)
{
	(void)arg;
	cli_warn("warning: %s", message);
}

int
main(int argc, char **argv)
{
	struct options opts = { 0 };
	struct habar_bundle_options bundle = { 0 };
	struct habar_qa_stats qa = { 0 };
	struct habar_parallel *doc;
	struct habar_pack *pack = NULL;
	enum habar_pack_format format;
	enum habar_status status;
	char generator[64], err[512], *first_copy;
	const char **release_files = NULL;
	FILE *out;
	size_t i;

	cli_init(argc, argv, usage);
	cli_handle_help_version(argc, argv);
	parse_options(argc, argv, &opts);
	format = choose_format(&opts);

	if (argc - optind == 1 && is_parallel_xml(argv[optind])) {
		doc = read_parallel(argv[optind]);
	} else {
		order_by_language(argv + optind, argc - optind);
		doc = read_releases(argv + optind, argc - optind);
		/* A release from standard input cannot be read again: the
		 * pack then holds it written anew from the document. */
		if (strcmp(argv[optind], "-") != 0)
			release_files = (const char **)(argv + optind);
	}
	for (i = 0; i < opts.attach_count; i++) {
		const char *slash = strrchr(opts.attach[i], '/');
		if (habar_parallel_add_attachment(doc, slash ? slash + 1 :
		    opts.attach[i]) != HABAR_OK)
			cli_fatal("out of memory");
	}
	if ((first_copy = strdup(argv[optind])) == NULL)
		cli_fatal("out of memory");
	snprintf(generator, sizeof(generator), "habar-pack %s", habar_version());
	bundle.release_files = release_files;
	bundle.attachment_dir = dirname(first_copy);
	bundle.extra_attachments = opts.attach;
	bundle.extra_count = opts.attach_count;
	bundle.generator = generator;
	bundle.min_confidence = opts.min_confidence;
	bundle.warn = warn_cb;
	bundle.qa_stats = &qa;
	status = habar_bundle_plan(&pack, doc, &bundle, err, sizeof(err));
	if (status != HABAR_OK)
		cli_fatal("%s", err);
	if (opts.strict && qa.errors > 0) {
		cli_warn("%s: not written (--strict): the checks found %llu "
		    "error%s and %llu warning%s in %llu of %llu units; "
		    "habar-qa on the same inputs lists them", opts.output,
		    qa.errors,
		    qa.errors == 1 ? "" : "s", qa.warnings, qa.warnings == 1 ?
		    "" : "s", qa.flagged, qa.units);
		cli_found();
		habar_pack_free(pack);
		habar_parallel_free(doc);
		free(first_copy);
		free(opts.attach);
		return cli_exit();
	}

	out = cli_output_open(opts.output);
	status = habar_pack_write(pack, fileno(out), format);
	if (status != HABAR_OK)
		cli_fatal("%s: %s", opts.output, habar_pack_error(pack)[0] ?
		    habar_pack_error(pack) : habar_status_string(status));
	cli_output_commit(out);

	habar_pack_free(pack);
	habar_parallel_free(doc);
	free(first_copy);
	free(opts.attach);
	return cli_exit();
}
