/*
 * habar-xliff: a release to XLIFF 2.0 for translators' tools, and the
 * translated XLIFF back to a release.  The conversions are in the library
 * (habar/xliff.h); this file reads the inputs, reports and writes.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <habar/xliff.h>

#include "cli.h"

static const char usage[] =
    "usage: habar-xliff extract --target LANG [--source LANG] [--fill FILE]\n"
    "                   [--max-matches N] [--min-match P] [--fill-above P]\n"
    "                   [--keep KEY] [--xliff-version 2.0|1.2 [--copy-source]]\n"
    "                   [-o FILE] [RELEASE]\n"
    "       habar-xliff merge [-o FILE] [XLIFF]\n"
    "extract: writes an XLIFF document of RELEASE for translation into\n"
    "LANG: a unit per paragraph, a segment per sentence, a unit per\n"
    "translatable front-matter field.\n"
    "merge: writes the release text of a translated XLIFF document (2.0 or\n"
    "1.2, as extract wrote it), with 'lang' set to its target language;\n"
    "segments without a target keep their source, with a warning.\n"
    "\n"
    "  -t, --target LANG  the target language (BCP 47: kk, ru, en...)\n"
    "  -s, --source LANG  the source language when the release has no 'lang'\n"
    "  -f, --fill FILE    fill targets from a TMX memory or a parallel XML\n"
    "                     document (repeatable)\n"
    "  -m, --max-matches N  offer up to N candidates per segment (3; 0: none)\n"
    "      --min-match P  offer candidates of similarity P or more (75)\n"
    "      --fill-above P fill the target with the best candidate of\n"
    "                     similarity P or more (100: exact or adapted only)\n"
    "  -k, --keep KEY     keep front-matter field KEY untranslated\n"
    "                     (repeatable; id, lang, date, attachments always are)\n"
    "      --xliff-version V  write XLIFF V: 2.0 (the default) or 1.2, for\n"
    "                     tools that read only 1.2 (OmegaT, Translate Toolkit)\n"
    "      --copy-source  (1.2) copy each source the memory does not fill into\n"
    "                     its target, for OmegaT, which translates targets\n"
    "  -o, --output FILE  write to FILE, atomically, instead of stdout\n"
    "      --help         print this help and exit\n"
    "      --version      print the version and exit\n"
    "\n"
    "With no RELEASE or XLIFF, or when it is -, read standard input.\n";

static const struct option long_options[] = {
	{ "copy-source", no_argument, NULL, 'C' },
	{ "fill", required_argument, NULL, 'f' },
	{ "fill-above", required_argument, NULL, 'A' },
	{ "max-matches", required_argument, NULL, 'm' },
	{ "min-match", required_argument, NULL, 'M' },
	{ "keep", required_argument, NULL, 'k' },
	{ "output", required_argument, NULL, 'o' },
	{ "source", required_argument, NULL, 's' },
	{ "target", required_argument, NULL, 't' },
	{ "xliff-version", required_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

struct options {
	const char *target;
	const char *source;
	const char *output;
	const char *fills[16];
	size_t fill_count;
	const char *keeps[64];
	size_t keep_count;
	int version_given;
	int copy_source;
	unsigned max_matches, min_match, fill_above;
	int matching_given;
	enum habar_xliff_version version;
};

/* The file name warnings refer to. */
static const char *warn_name = "-";

static void
on_warning(void *arg, unsigned long line, const char *message)
{
	(void)arg;
	if (line > 0)
		cli_warn("%s:%lu: %s", warn_name, line, message);
	else
		cli_warn("%s: %s", warn_name, message);
}

/*
 * Reads the whole of path ("-": stdin) into *data_out (free()) up to
 * HABAR_XLIFF_MAX_INPUT bytes.  Reports and returns -1 on failure.  A
 * regular file over the limit is refused before it is read, and input
 * with a run of 8 NUL bytes as soon as it is read: no text encoding a
 * release or XLIFF document may be in (UTF-8, UTF-16, UCS-4) writes one,
 * and /dev/zero used to cost 256 MiB before its refusal.
 */
static int
slurp(const char *path, char **data_out, size_t *len_out)
{
	static const char zeros[8];
	FILE *fp = cli_open_input(path);
	char *data = NULL, *grown;
	size_t len = 0, cap = 0, n, from;
	struct stat st;

	*data_out = NULL;
	*len_out = 0;
	if (fp == NULL)
		return -1;
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size > HABAR_XLIFF_MAX_INPUT) {
		cli_error("%s: larger than %u bytes", path,
		    HABAR_XLIFF_MAX_INPUT);
		goto fail;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > HABAR_XLIFF_MAX_INPUT + 1)
				cap = HABAR_XLIFF_MAX_INPUT + 1;
			if (len == cap) {
				cli_error("%s: larger than %u bytes", path,
				    HABAR_XLIFF_MAX_INPUT);
				goto fail;
			}
			if ((grown = realloc(data, cap)) == NULL)
				cli_fatal("out of memory");
			data = grown;
		}
		n = fread(data + len, 1, cap - len, fp);
		/* The new bytes, and the 7 before them, for a run that spans
		 * two reads. */
		for (from = len > 7 ? len - 7 : 0; n > 0 && from + 8 <= len + n;
		    from++) {
			const char *z = memchr(data + from, '\0', len + n - from);
			if (z == NULL || (size_t)(z - data) + 8 > len + n)
				break;
			from = (size_t)(z - data);
			if (memcmp(z, zeros, sizeof(zeros)) == 0) {
				cli_error("%s: not text: NUL bytes at byte "
				    "offset %zu", path, from);
				goto fail;
			}
		}
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		cli_error("%s: %s", path, strerror(errno));
		goto fail;
	}
	cli_close_input(fp);
	*data_out = data;
	*len_out = len;
	return 0;
fail:
	cli_close_input(fp);
	free(data);
	return -1;
}

/* A whole number from 0 to max, or a usage error naming option. */
static unsigned
number(const char *arg, unsigned max, const char *option)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || errno != 0 || n > max)
		cli_usage_error("%s: '%s' is not a whole number from 0 to %u",
		    option, arg, max);
	return (unsigned)n;
}

static void
parse_options(int argc, char **argv, struct options *opts)
{
	int c;

	while ((c = cli_getopt(argc, argv, "f:k:m:o:s:t:", long_options)) !=
	    -1) {
		switch (c) {
		case 'f':
			if (opts->fill_count == 16)
				cli_usage_error("at most 16 --fill files");
			opts->fills[opts->fill_count++] = optarg;
			break;
		case 'k':
			if (opts->keep_count == 64)
				cli_usage_error("at most 64 --keep keys");
			opts->keeps[opts->keep_count++] = optarg;
			break;
		case 'o':
			opts->output = optarg;
			break;
		case 's':
			opts->source = optarg;
			break;
		case 't':
			opts->target = optarg;
			break;
		case 'm':
			opts->max_matches = number(optarg, 100, "--max-matches");
			opts->matching_given = 1;
			break;
		case 'M':
			opts->min_match = number(optarg, 100, "--min-match");
			opts->matching_given = 1;
			break;
		case 'A':
			opts->fill_above = number(optarg, 100, "--fill-above");
			opts->matching_given = 1;
			break;
		case 'C':
			opts->copy_source = 1;
			break;
		case 'V':
			if (strcmp(optarg, "2.0") == 0 || strcmp(optarg, "2") == 0)
				opts->version = HABAR_XLIFF_2_0;
			else if (strcmp(optarg, "1.2") == 0)
				opts->version = HABAR_XLIFF_1_2;
			else
				cli_usage_error("--xliff-version: '%s' is not 2.0 "
				    "or 1.2", optarg);
			opts->version_given = 1;
			break;
		}
	}
}

/*
 * Ends a command whose output went to out: committed when status is
 * HABAR_OK, else input's error reported (the output is then not kept).
 * Returns the program's exit status.
 */
static int
finish(struct habar_xliff *xliff, FILE *out, const char *input,
    enum habar_status status)
{
	if (status != HABAR_OK)
		cli_report(input, habar_xliff_error_line(xliff), status,
		    habar_xliff_error(xliff));
	else
		cli_output_commit(out);
	return cli_exit();
}

static int
extract(struct habar_xliff *xliff, const struct options *opts,
    const char *input)
{
	enum habar_status status = HABAR_OK;
	char *data = NULL;
	size_t len, i;
	FILE *out;

	for (i = 0; i < opts->keep_count && status == HABAR_OK; i++)
		status = habar_xliff_keep_field(xliff, opts->keeps[i]);
	if (status != HABAR_OK)
		cli_fatal("--keep: %s", habar_status_string(status));
	for (i = 0; i < opts->fill_count; i++) {
		warn_name = opts->fills[i];
		if (strcmp(opts->fills[i], "-") != 0) {
			/* A TMX file through its index, built once. */
			status = habar_xliff_load_memory_file(xliff,
			    opts->fills[i]);
		} else {
			if (slurp(opts->fills[i], &data, &len) != 0)
				return cli_exit();
			status = habar_xliff_load_memory_from(xliff, data, len,
			    opts->fills[i]);
			free(data);
		}
		if (status != HABAR_OK) {
			cli_report(opts->fills[i], habar_xliff_error_line(xliff),
			    status, habar_xliff_error(xliff));
			return cli_exit();
		}
	}
	if (slurp(input, &data, &len) != 0)
		return cli_exit();
	warn_name = input;
	out = cli_output_open(opts->output);
	status = habar_xliff_extract(xliff, out, data, len, input, opts->source,
	    opts->target);
	free(data);
	return finish(xliff, out, input, status);
}

static int
merge(struct habar_xliff *xliff, const struct options *opts,
    const char *input)
{
	enum habar_status status;
	char *data = NULL;
	size_t len;
	FILE *out;

	if (slurp(input, &data, &len) != 0)
		return cli_exit();
	warn_name = input;
	out = cli_output_open(opts->output);
	status = habar_xliff_merge(xliff, out, data, len);
	free(data);
	return finish(xliff, out, input, status);
}

int
main(int argc, char **argv)
{
	struct options opts;
	struct habar_xliff *xliff = NULL;
	const char *command, *input = "-";
	int extracting, rc;

	memset(&opts, 0, sizeof(opts));
	opts.max_matches = 3;
	opts.min_match = 75;
	opts.fill_above = 100;
	cli_init(argc, argv, usage);
	cli_handle_help_version(argc, argv);
	if (argc < 2)
		cli_usage_error("missing command: extract or merge");
	command = argv[1];
	if (strcmp(command, "extract") == 0)
		extracting = 1;
	else if (strcmp(command, "merge") == 0)
		extracting = 0;
	else
		cli_usage_error("unknown command '%s': extract or merge", command);
	parse_options(argc - 1, argv + 1, &opts);
	optind++;
	if (optind < argc)
		input = argv[optind++];
	if (optind < argc)
		cli_usage_error("one input file at a time");
	if (extracting && opts.target == NULL)
		cli_usage_error("extract needs the target language: --target LANG");
	if (!extracting && (opts.target || opts.source || opts.fill_count ||
	    opts.keep_count || opts.version_given || opts.copy_source ||
	    opts.matching_given))
		cli_usage_error("merge takes only -o");
	if (opts.copy_source && opts.version != HABAR_XLIFF_1_2)
		cli_usage_error("--copy-source needs --xliff-version 1.2");
	if (habar_xliff_new(&xliff) != HABAR_OK)
		cli_fatal("out of memory");
	habar_xliff_set_warn(xliff, on_warning, NULL);
	habar_xliff_set_version(xliff, opts.version);
	habar_xliff_set_copy_source(xliff, opts.copy_source);
	if (habar_xliff_set_matching(xliff, opts.max_matches, opts.min_match,
	    opts.fill_above) != HABAR_OK)
		cli_fatal("cannot set the matching options");
	rc = extracting ? extract(xliff, &opts, input) :
	    merge(xliff, &opts, input);
	habar_xliff_free(xliff);
	return rc;
}
