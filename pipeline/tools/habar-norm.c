/*
 * habar-norm: UTF-8 text in, normalised UTF-8 text out (NFC, look-alike
 * letters, quotation marks, dashes, spaces), following the conventions of
 * the release's language.  The work is done by the library (habar/norm.h);
 * this file handles options, messages and the exit status.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/habar.h>
#include <habar/norm.h>

#include "cli.h"

static const char usage[] =
    "usage: habar-norm [--lang L] [--dash en|em] [--report] [--skip RULES]\n"
    "                  [-o FILE] [FILE...]\n"
    "Normalises UTF-8 text: NFC, look-alike Latin and Cyrillic letters,\n"
    "quotation marks, apostrophes and dashes as the language writes them,\n"
    "unusual spaces, invisible and control characters, trailing spaces and\n"
    "CRLF line ends.  Front-matter values are normalised, keys left alone.\n"
    "\n"
    "  -l, --lang L        the language: kk, ru or en (default: the front\n"
    "                      matter's lang: field)\n"
    "  -d, --dash en|em    the house's clause dash, spaced: a spaced hyphen,\n"
    "                      en or em dash between words becomes it (default:\n"
    "                      the language's, em in kk and ru, en in en)\n"
    "  -r, --report        list each look-alike letter repaired (file:line:col)\n"
    "                      and a count of the changes by rule, on stderr\n"
    "  -s, --skip RULES    switch off rules (comma-separated): lookalike,\n"
    "                      quotes, apostrophes, dashes, spaces, invisible,\n"
    "                      controls, trailing, eol, all (all: NFC only)\n"
    "  -m, --max-messages N  report at most N invalid bytes a file (10)\n"
    "  -o, --output FILE   write to FILE (replaced atomically)\n"
    "      --help          print this help and exit\n"
    "      --version       print the version and exit\n";

struct options {
	const char *lang;
	const char *dash;
	int report;
	unsigned rules;
	unsigned long max_messages;
	const char *output;
	FILE *out;
	struct habar_norm *norm;
};

/* What the listener needs while one file is normalised. */
struct run {
	const struct options *opts;
	const char *name;
	unsigned long long invalid;
};

static void
on_event(void *arg, const struct habar_norm_event *ev)
{
	struct run *run = arg;

	if (ev->kind == HABAR_NORM_EVENT_INVALID) {
		run->invalid++;
		if (run->invalid <= run->opts->max_messages)
			cli_warn("%s:%lu:%zu: invalid UTF-8 (byte 0x%02X at offset "
			    "%llu) replaced by U+FFFD", run->name, ev->line,
			    ev->column, ev->bad, ev->offset);
		return;
	}
	if (run->opts->report)
		cli_warn("%s:%lu:%zu: %s '%s' (U+%04X) -> '%s' (U+%04X) in '%.*s'",
		    run->name, ev->line, ev->column, ev->from_script, ev->from,
		    ev->from_cp, ev->to, ev->to_cp, (int)ev->word_len, ev->word);
}

static void
report_counts(const char *name, const struct habar_norm_counts *before,
    const struct habar_norm_counts *after)
{
	cli_warn("%s: %llu of %llu lines changed: lookalike %llu, quotes %llu, "
	    "apostrophes %llu, dashes %llu, spaces %llu, invisible %llu, "
	    "controls %llu, trailing %llu, eol %llu, nfc %llu, invalid %llu",
	    name, after->lines_changed - before->lines_changed,
	    after->lines - before->lines,
	    after->lookalikes - before->lookalikes,
	    after->quotes - before->quotes,
	    after->apostrophes - before->apostrophes,
	    after->dashes - before->dashes, after->spaces - before->spaces,
	    after->invisible - before->invisible,
	    after->controls - before->controls,
	    after->trailing - before->trailing, after->eol - before->eol,
	    after->nfc - before->nfc, after->invalid - before->invalid);
}

static int
process(FILE *fp, const char *name, void *arg)
{
	struct options *opts = arg;
	struct run run = { opts, name, 0 };
	struct habar_norm_counts before, after;
	enum habar_status status;
	int exit_status = CLI_EXIT_OK;

	habar_norm_set_listener(opts->norm, on_event, &run);
	habar_norm_counts(opts->norm, &before);
	status = habar_norm_stream(opts->norm, fp, opts->out);
	habar_norm_counts(opts->norm, &after);
	if (opts->report)
		report_counts(name, &before, &after);
	/* The input should be UTF-8 already (habar-decode makes it so):
	 * the output is complete, but the status says something was lost. */
	if (run.invalid > 0) {
		cli_error("%s: %llu invalid UTF-8 sequence%s replaced by U+FFFD",
		    name, run.invalid, run.invalid == 1 ? "" : "s");
		exit_status = CLI_EXIT_ERROR;
	}
	if (status != HABAR_OK) {
		cli_report(name, habar_norm_error_line(opts->norm), status,
		    habar_norm_error(opts->norm));
		exit_status = CLI_EXIT_ERROR;
	}
	return exit_status;
}

static unsigned
parse_skip(const char *list)
{
	char *copy, *tok, *save = NULL;
	unsigned skip = 0, bit;

	if ((copy = strdup(list)) == NULL)
		cli_fatal("out of memory");
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if ((bit = habar_norm_rule_from_name(tok)) == 0)
			cli_usage_error("unknown rule '%s'", tok);
		skip |= bit;
	}
	free(copy);
	return skip;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dash", required_argument, NULL, 'd' },
		{ "lang", required_argument, NULL, 'l' },
		{ "max-messages", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ "report", no_argument, NULL, 'r' },
		{ "skip", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct options opts = { NULL, NULL, 0, HABAR_NORM_RULE_ALL, 10, NULL, NULL,
	    NULL };
	enum habar_status status;
	int ch;

	cli_init(argc, argv, usage);
	cli_handle_help_version(argc, argv);
	while ((ch = cli_getopt(argc, argv, "d:l:m:o:rs:", longopts)) != -1) {
		switch (ch) {
		case 'd':
			opts.dash = optarg;
			break;
		case 'l':
			opts.lang = optarg;
			break;
		case 'm':
			opts.max_messages = cli_count("--max-messages", optarg);
			break;
		case 'o':
			opts.output = optarg;
			break;
		case 'r':
			opts.report = 1;
			break;
		case 's':
			opts.rules &= ~parse_skip(optarg);
			break;
		}
	}
	if ((status = habar_norm_new(&opts.norm, NULL)) != HABAR_OK)
		cli_fatal("cannot start: %s", habar_status_string(status));
	if (opts.dash != NULL &&
	    habar_norm_set_dash(opts.norm, opts.dash) != HABAR_OK)
		cli_usage_error("--dash: %s", habar_norm_error(opts.norm));
	if (opts.lang != NULL &&
	    (status = habar_norm_set_lang(opts.norm, opts.lang)) != HABAR_OK) {
		if (status == HABAR_ERR_ARGUMENT)
			cli_usage_error("%s", habar_norm_error(opts.norm));
		cli_fatal("language '%s': %s", opts.lang,
		    habar_norm_error(opts.norm));
	}
	habar_norm_set_rules(opts.norm, opts.rules);
	opts.out = cli_output_open(opts.output);
	cli_each_input(argc, argv, optind, process, &opts);
	cli_output_commit(opts.out);
	habar_norm_free(opts.norm);
	return cli_exit();
}
