/*
 * habar-qa: checks that the language versions of a release, or the
 * source and target of a translation, say the same thing: numbers,
 * dates, sums, names, addresses, quotation marks, terms.  The checks are
 * the library's (habar/qa.h); this file reads the options, hands the
 * inputs over and writes the findings as GNU diagnostics, TSV or HTML.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/parallel.h>
#include <habar/qa.h>

#include "cli.h"

static const char usage[] =
    "usage: habar-qa [options] RELEASE RELEASE [RELEASE]\n"
    "       habar-qa [options] [TMX | XLIFF | PARALLEL-XML]\n"
    "Checks that language versions say the same thing: the two or three\n"
    "versions of a release (aligned first), a TMX (every pair of languages\n"
    "in each unit), an XLIFF 2.0 or 1.2 file (source against target), or a\n"
    "parallel XML document.  Findings are written as\n"
    "FILE:LINE:COLUMN: error|warning: [check] message.\n"
    "\n"
    "  -f, --format FMT   gnu (the default), tsv (id, check, severity,\n"
    "                     langs, message) or html (versions side by side)\n"
    "  -c, --checks LIST  run only these checks (comma-separated)\n"
    "  -x, --skip LIST    do not run these checks\n"
    "  -g, --glossary FILE  terms for the terms check: TSV, a language\n"
    "                     tag a column on the first line, a term a line\n"
    "  -s, --segmented    the releases are one sentence a line\n"
    "  -o, --output FILE  write to FILE (atomically) instead of stdout\n"
    "      --help         print this help and exit\n"
    "      --version      print the version and exit\n"
    "\n"
    "Checks: numbers, dates, money, names, urls, emails, phones, hashtags,\n"
    "handles, quotes, brackets, untranslated, empty, length, terms, meta.\n"
    "Exit status: 0 nothing found, 1 findings, 2 errors.\n";

enum format { FORMAT_GNU, FORMAT_TSV, FORMAT_HTML };

struct run {
	enum format format;
	FILE *out;
	const char *name;	/* the input, when a segment has no file */
	int all_units;		/* HTML: clean units too (releases) */
};

static int
report(void *arg, const struct habar_qa_unit *unit,
    const struct habar_qa_finding *findings, size_t count)
{
	struct run *run = arg;

	if (count > 0)
		cli_found();
	if (run->format == FORMAT_HTML) {
		if (count > 0 || run->all_units)
			habar_qa_html_unit(run->out, unit, findings, count);
		return ferror(run->out) != 0;
	}
	if (run->format == FORMAT_TSV)
		return habar_qa_tsv_unit(run->out, unit, findings, count) !=
		    HABAR_OK;
	return habar_qa_gnu_unit(run->out, run->name, unit, findings, count) !=
	    HABAR_OK;
}

/* Reads the rest of fp after the len bytes of buf already read. */
static char *
slurp(FILE *fp, const char *name, char *buf, size_t len, size_t *len_out)
{
	char *whole = NULL, *p;
	size_t cap = len + 65536, n;

	if ((whole = malloc(cap)) == NULL)
		cli_fatal("out of memory");
	memcpy(whole, buf, len);
	for (;;) {
		if (cap - len < 65536) {
			if (cap >= HABAR_PARALLEL_MAX_BYTES) {
				cli_error("%s: file larger than %u bytes", name,
				    HABAR_PARALLEL_MAX_BYTES);
				free(whole);
				return NULL;
			}
			cap *= 2;
			if ((p = realloc(whole, cap)) == NULL)
				cli_fatal("out of memory");
			whole = p;
		}
		if ((n = fread(whole + len, 1, cap - len, fp)) == 0)
			break;
		len += n;
	}
	if (ferror(fp)) {
		cli_report(name, 0, HABAR_ERR_IO, "read error");
		free(whole);
		return NULL;
	}
	*len_out = len;
	return whole;
}

/* One file alone: TMX or XLIFF streamed, or a parallel XML document. */
static void
check_one(struct habar_qa *qa, FILE *fp, const char *name, struct run *run)
{
	char head[4096];
	size_t n = fread(head, 1, sizeof(head), fp), len;
	struct habar_parallel *doc = NULL;
	struct habar_parallel_error err;
	enum habar_status status;
	const char *names[HABAR_PARALLEL_MAX_LANGS] = { name, name, name };
	char *whole;

	if (ferror(fp)) {
		cli_report(name, 0, HABAR_ERR_IO, "read error");
		return;
	}
	switch (habar_qa_input_kind(head, n)) {
	case HABAR_QA_INPUT_STREAM:
		status = habar_qa_read_xml(qa, head, n, fp, name, report, run);
		if (status != HABAR_OK)
			cli_report(name, habar_qa_error_line(qa), status,
			    habar_qa_error(qa)[0] ? habar_qa_error(qa) : NULL);
		return;
	case HABAR_QA_INPUT_PARALLEL:
		if ((whole = slurp(fp, name, head, n, &len)) == NULL)
			return;
		status = habar_parallel_read(&doc, whole, len, &err);
		free(whole);
		if (status != HABAR_OK) {
			cli_report(name, err.line, status, err.message[0] ?
			    err.message : NULL);
			return;
		}
		run->all_units = 1;
		status = habar_qa_check_parallel(qa, doc, names, NULL, NULL,
		    report, run);
		if (status != HABAR_OK)
			cli_report(name, 0, status, NULL);
		habar_parallel_free(doc);
		return;
	default:
		cli_error("%s: neither TMX, XLIFF nor parallel XML; give two "
		    "or three releases to check a release", name);
		return;
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "checks", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "glossary", required_argument, NULL, 'g' },
		{ "output", required_argument, NULL, 'o' },
		{ "segmented", no_argument, NULL, 's' },
		{ "skip", required_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 }
	};
	struct habar_qa *qa = NULL;
	struct habar_qa_stats stats;
	struct run run = { FORMAT_GNU, NULL, "-", 0 };
	const char *checks = NULL, *skip = NULL, *glossary = NULL;
	const char *output = NULL;
	FILE *fps[HABAR_PARALLEL_MAX_LANGS] = { NULL, NULL, NULL };
	const char *names[HABAR_PARALLEL_MAX_LANGS];
	enum habar_status status;
	int c, i, segmented = 0, nfiles, stdin_used = 0;
	FILE *fp;

	cli_init(argc, argv, usage);
	cli_handle_help_version(argc, argv);
	while ((c = cli_getopt(argc, argv, "c:f:g:o:sx:", longopts)) != -1) {
		switch (c) {
		case 'c':
			checks = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "gnu") == 0)
				run.format = FORMAT_GNU;
			else if (strcmp(optarg, "tsv") == 0)
				run.format = FORMAT_TSV;
			else if (strcmp(optarg, "html") == 0)
				run.format = FORMAT_HTML;
			else
				cli_usage_error("--format %s: gnu, tsv or html",
				    optarg);
			break;
		case 'g':
			glossary = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 's':
			segmented = 1;
			break;
		case 'x':
			skip = optarg;
			break;
		}
	}
	nfiles = argc - optind;
	if (nfiles > HABAR_PARALLEL_MAX_LANGS)
		cli_usage_error("at most three files");
	for (i = optind; i < argc; i++)
		if (strcmp(argv[i], "-") == 0 && stdin_used++)
			cli_usage_error("standard input given twice");
	if ((status = habar_qa_new(&qa)) != HABAR_OK)
		cli_fatal("cannot load the recognisers' data: %s",
		    habar_qa_error(qa)[0] ? habar_qa_error(qa) :
		    habar_status_string(status));
	if (checks != NULL) {
		habar_qa_select_none(qa);
		if (habar_qa_select(qa, checks, 1) != HABAR_OK)
			cli_usage_error("--checks: %s", habar_qa_error(qa));
	}
	if (skip != NULL && habar_qa_select(qa, skip, 0) != HABAR_OK)
		cli_usage_error("--skip: %s", habar_qa_error(qa));
	if (glossary != NULL) {
		if ((fp = cli_open_input(glossary)) == NULL)
			goto done;
		status = habar_qa_load_glossary(qa, fp);
		cli_close_input(fp);
		if (status != HABAR_OK) {
			cli_report(glossary, habar_qa_error_line(qa), status,
			    habar_qa_error(qa));
			goto done;
		}
	}
	for (i = 0; i < nfiles; i++) {
		names[i] = argv[optind + i];
		if ((fps[i] = cli_open_input(names[i])) == NULL)
			goto done;
	}
	run.out = cli_output_open(output);
	if (run.format == FORMAT_HTML)
		habar_qa_html_begin(run.out, nfiles > 0 ? names[0] : "-");
	if (nfiles >= 2) {
		run.all_units = 1;
		status = habar_qa_check_releases(qa, fps, names, (size_t)nfiles,
		    segmented, report, &run);
		if (status != HABAR_OK)
			cli_report(NULL, 0, status, habar_qa_error(qa));
	} else {
		run.name = nfiles == 1 ? names[0] : "-";
		check_one(qa, nfiles == 1 ? fps[0] : stdin, run.name, &run);
	}
	habar_qa_get_stats(qa, &stats);
	if (run.format == FORMAT_HTML)
		habar_qa_html_end(run.out, &stats);
	cli_output_commit(run.out);
done:
	for (i = 0; i < nfiles; i++)
		if (fps[i] != NULL)
			cli_close_input(fps[i]);
	habar_qa_free(qa);
	return cli_exit();
}
