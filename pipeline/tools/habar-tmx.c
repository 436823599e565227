/*
 * habar-tmx: turns parallel XML documents (and TMX files, to merge
 * memories) into one TMX 1.4b translation memory, duplicate units
 * collapsed.  The work is in the library (habar/tmx.h: the streaming
 * reader and writer); this file reads the options and inputs and reports.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/parallel.h>
#include <habar/tmx.h>

#include "cli.h"

static const char usage[] =
    "usage: habar-tmx [-o FILE] [--min-confidence C] [--pair A-B] [XML...]\n"
    "Makes one TMX 1.4b translation memory of parallel XML documents (as\n"
    "habar-align writes them) and of TMX files (to merge memories): a unit\n"
    "per sentence link holding two languages or more whose confidence is C\n"
    "or more, dated from the release date, with the release id and the\n"
    "confidence as properties; equal units are kept once, with what they\n"
    "carry (dates, properties, notes).\n"
    "\n"
    "  -o, --output FILE         write to FILE (atomically) instead of stdout\n"
    "  -c, --min-confidence C    keep links and units of confidence C or more\n"
    "                            (0 to 1; default 0.5)\n"
    "  -p, --pair A-B            only languages A and B in each unit, A as the\n"
    "                            source (for tools that read two languages)\n"
    "      --help                print this help and exit\n"
    "      --version             print the version and exit\n"
    "\n"
    "With no XML, or when XML is -, read standard input.\n";

static int
process(FILE *fp, const char *name, struct habar_tmx_writer *w)
{
	struct habar_tmx_reader *r = NULL;
	struct habar_parallel_error err;
	const struct habar_tmx_unit *u;
	enum habar_status status;

	status = habar_tmx_reader_open(&r, fp, &err);
	while (status == HABAR_OK &&
	    (status = habar_tmx_reader_next(r, &u, &err)) == HABAR_OK &&
	    u != NULL)
		if ((status = habar_tmx_writer_add(w, u, NULL)) != HABAR_OK) {
			err.line = 0;
			snprintf(err.message, sizeof(err.message), "%s",
			    habar_status_string(status));
		}
	habar_tmx_reader_close(r);
	if (status != HABAR_OK) {
		cli_report(name, err.line, status, err.message);
		return CLI_EXIT_ERROR;
	}
	return CLI_EXIT_OK;
}

/* Splits "A-B" into two language tags. */
static void
parse_pair(char *arg, struct habar_tmx_writer_options *opt)
{
	char *dash = strchr(arg, '-');

	/* Tags have dashes of their own ("sr-Latn"): the pair is split at
	 * the one dash that leaves two tags, else refused. */
	if (dash == NULL || strchr(dash + 1, '-') != NULL || dash == arg ||
	    dash[1] == '\0')
		cli_usage_error("--pair: want two languages as A-B, got '%s'",
		    arg);
	*dash = '\0';
	if (strcmp(arg, dash + 1) == 0)
		cli_usage_error("--pair: two different languages, please");
	opt->pair[0] = arg;
	opt->pair[1] = dash + 1;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "min-confidence", required_argument, NULL, 'c' },
		{ "pair", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct habar_tmx_writer_options opt;
	struct habar_tmx_writer *w = NULL;
	const char *output = NULL;
	enum habar_status status;
	FILE *out, *fp;
	int c, i, failed = 0;

	cli_init(argc, argv, usage);
	cli_handle_help_version(argc, argv);
	memset(&opt, 0, sizeof(opt));
	opt.min_confidence = HABAR_TMX_MIN_CONFIDENCE;
	while ((c = cli_getopt(argc, argv, "o:c:p:", longopts)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'c':
			opt.min_confidence = cli_fraction("--min-confidence",
			    optarg);
			break;
		case 'p':
			parse_pair(optarg, &opt);
			break;
		}
	}
	if ((status = habar_tmx_writer_new(&w, &opt)) != HABAR_OK) {
		cli_report(NULL, 0, status, status == HABAR_ERR_IO ?
		    "cannot make a temporary file" : NULL);
		return cli_exit();
	}
	if (optind == argc)
		failed |= process(stdin, "-", w) != CLI_EXIT_OK;
	for (i = optind; i < argc; i++) {
		if ((fp = cli_open_input(argv[i])) == NULL) {
			failed = 1;
			continue;
		}
		failed |= process(fp, argv[i], w) != CLI_EXIT_OK;
		cli_close_input(fp);
	}
	/* An input that failed leaves no memory behind: nothing half-made. */
	if (failed) {
		habar_tmx_writer_free(w);
		return cli_exit();
	}
	out = cli_output_open(output);
	if ((status = habar_tmx_writer_finish(w, out)) != HABAR_OK) {
		cli_output_abort();
		cli_report(output, 0, status, NULL);
	} else
		cli_output_commit(out);
	habar_tmx_writer_free(w);
	return cli_exit();
}
