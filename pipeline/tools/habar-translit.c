/*
 * habar-translit: Kazakh Cyrillic to the Latin alphabet of 2021 and back.
 * A filter of the pipeline: releases in, releases out, front matter kept.
 * The work is done by the library (habar/translit.h) and the rules in
 * locales/kk/; this file only handles options, messages and the exit
 * status.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <habar/habar.h>
#include <habar/translit.h>

#include "cli.h"

static const char usage[] =
    "usage: habar-translit --to kk-Latn|kk-Cyrl [--all] [--no-exceptions]\n"
    "                      [--exceptions FILE]... [--report] [-o FILE] [FILE...]\n"
    "Converts Kazakh text between the Cyrillic alphabet and the Latin\n"
    "alphabet of 2021.  Russian and English words inside Kazakh text are\n"
    "left as they are unless --all is given.  Front matter passes through;\n"
    "its lang field is set to the new script.\n"
    "\n"
    "  -t, --to SCRIPT     kk-Latn (Cyrillic to Latin) or kk-Cyrl (Latin\n"
    "                      to Cyrillic); also accepted: latn, cyrl\n"
    "  -a, --all           convert every word of the source script\n"
    "  -x, --exceptions FILE  names spelt their own way, one 'Cyrillic = Latin'\n"
    "                      a line (Рашед Сарвар = Rashed Sarwar), after those\n"
    "                      of locales/kk/translit-exceptions; repeatable, a\n"
    "                      later file wins; to kk-Cyrl read right to left\n"
    "  -X, --no-exceptions  leave out locales/kk/translit-exceptions (ЮНИСЕФ\n"
    "                      becomes İUNİSEF, as the letter rules say)\n"
    "  -r, --report        print word counts for each file on standard error\n"
    "  -o, --output FILE   write to FILE (replaced atomically)\n"
    "      --help          print this help and exit\n"
    "      --version       print the version and exit\n";

struct options {
	struct habar_translit *translit;
	int report;
	FILE *out;
};

static int
process(FILE *fp, const char *name, void *arg)
{
	struct options *opts = arg;
	struct habar_translit_stats before, after;
	enum habar_status status;
	int skipped = 0;

	habar_translit_get_stats(opts->translit, &before);
	status = habar_translit_release(opts->translit, fp, opts->out,
	    &skipped);
	habar_translit_get_stats(opts->translit, &after);
	if (skipped)
		cli_warn("%s: lang is not Kazakh: copied unchanged", name);
	if (after.invalid > before.invalid)
		cli_warn("%s: %llu invalid UTF-8 sequences replaced by U+FFFD",
		    name, after.invalid - before.invalid);
	if (opts->report)
		cli_warn("%s: %llu words, %llu converted, %llu kept", name,
		    after.words - before.words,
		    after.converted - before.converted,
		    after.kept - before.kept);
	if (status != HABAR_OK) {
		cli_report(name, habar_translit_line_number(opts->translit),
		    status, habar_translit_error(opts->translit));
		return CLI_EXIT_ERROR;
	}
	return CLI_EXIT_OK;
}

static int
parse_target(enum habar_translit_target *target, const char *name)
{
	if (strcasecmp(name, "kk-Latn") == 0 || strcasecmp(name, "latn") == 0)
		*target = HABAR_TRANSLIT_KK_LATN;
	else if (strcasecmp(name, "kk-Cyrl") == 0 ||
	    strcasecmp(name, "cyrl") == 0 || strcasecmp(name, "kk") == 0)
		*target = HABAR_TRANSLIT_KK_CYRL;
	else
		return 0;
	return 1;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "exceptions", required_argument, NULL, 'x' },
		{ "no-exceptions", no_argument, NULL, 'X' },
		{ "output", required_argument, NULL, 'o' },
		{ "report", no_argument, NULL, 'r' },
		{ "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct options opts = { NULL, 0, NULL };
	enum habar_translit_target target = HABAR_TRANSLIT_KK_LATN;
	enum habar_status status;
	const char *output = NULL;
	unsigned flags = 0;
	int c, have_target = 0, i;
	const char **exceptions;
	size_t nexceptions = 0;

	cli_init(argc, argv, usage);
	cli_handle_help_version(argc, argv);
	/* At most one file a argument; kept in order, the later wins. */
	if ((exceptions = calloc((size_t)argc, sizeof(*exceptions))) == NULL)
		cli_fatal("out of memory");
	while ((c = cli_getopt(argc, argv, "ao:rt:x:X", longopts)) != -1) {
		switch (c) {
		case 'a':
			flags |= HABAR_TRANSLIT_ALL;
			break;
		case 'o':
			output = optarg;
			break;
		case 'r':
			opts.report = 1;
			break;
		case 'x':
			exceptions[nexceptions++] = optarg;
			break;
		case 'X':
			flags |= HABAR_TRANSLIT_NO_EXCEPTIONS;
			break;
		case 't':
			if (!parse_target(&target, optarg))
				cli_usage_error("unknown script '%s' (kk-Latn "
				    "or kk-Cyrl)", optarg);
			have_target = 1;
			break;
		}
	}
	if (!have_target)
		cli_usage_error("--to kk-Latn or --to kk-Cyrl is required");
	status = habar_translit_new(&opts.translit, target, flags);
	if (status != HABAR_OK) {
		cli_report(NULL, 0, status, opts.translit ?
		    habar_translit_error(opts.translit) : NULL);
		habar_translit_free(opts.translit);
		free(exceptions);
		return cli_exit();
	}
	for (i = 0; i < (int)nexceptions; i++) {
		status = habar_translit_add_exceptions(opts.translit,
		    exceptions[i]);
		if (status != HABAR_OK) {
			cli_report(NULL, 0, status,
			    habar_translit_error(opts.translit));
			habar_translit_free(opts.translit);
			free(exceptions);
			return cli_exit();
		}
	}
	free(exceptions);
	opts.out = cli_output_open(output);
	cli_each_input(argc, argv, optind, process, &opts);
	cli_output_commit(opts.out);
	habar_translit_free(opts.translit);
	return cli_exit();
}
