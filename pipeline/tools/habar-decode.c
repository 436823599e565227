/*
 * habar-decode: bytes in a legacy Cyrillic encoding, or mojibake, in;
 * UTF-8 out.  The first stage of the pipeline: everything after it reads
 * UTF-8.  The work is done by the library (habar/decode.h); this file only
 * handles options, messages and the exit status.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/habar.h>

#include "cli.h"

static const char usage[] =
    "usage: habar-decode [--from ENC] [--report] [--strict] [-o FILE] [FILE...]\n"
    "Converts text in UTF-8, UTF-16 (with or without a byte order mark),\n"
    "windows-1251, KOI8-R, IBM866, KZ-1048 or PT154, or damaged by a wrong\n"
    "encoding (mojibake), to UTF-8 on standard output.  The encoding is\n"
    "detected unless given.\n"
    "\n"
    "  -f, --from ENC      the input's encoding: UTF-8, UTF-16LE, UTF-16BE,\n"
    "                      windows-1251, KOI8-R, IBM866, KZ-1048, PT154,\n"
    "                      mojibake:KZ-1048, mojibake:PT154, mojibake:UTF-8,\n"
    "                      mojibake:KOI8-R, or auto (the default)\n"
    "  -r, --report        print the encoding found and its confidence\n"
    "  -s, --strict        an invalid byte is an error (exit 2)\n"
    "  -m, --max-messages N  report at most N invalid bytes a file (10)\n"
    "  -o, --output FILE   write to FILE (replaced atomically)\n"
    "      --help          print this help and exit\n"
    "      --version       print the version and exit\n";

struct options {
	enum habar_encoding from;
	int report;
	int strict;
	unsigned long max_messages;
	const char *output;
	FILE *out;
	int failed;		/* a conversion failed: keep no output file */
};

/* What the callbacks need while one file is converted. */
struct run {
	struct options *opts;
	const char *name;
	FILE *out;
	unsigned long long invalid;
};

static enum habar_status
write_out(void *arg, const char *utf8, size_t len)
{
	struct run *run = arg;

	if (fwrite(utf8, 1, len, run->out) != len)
		return HABAR_ERR_IO;
	return HABAR_OK;
}

static enum habar_status
on_invalid(void *arg, unsigned long long offset, unsigned long line,
    const unsigned char *bytes, size_t len)
{
	struct run *run = arg;
	char hex[3 * 8 + 1] = "";
	size_t i;

	run->invalid++;
	if (run->invalid <= run->opts->max_messages) {
		/* "XX" then " XX" for each further byte. */
		for (i = 0; i < len && i < 8; i++)
			snprintf(hex + (i ? 3 * i - 1 : 0), sizeof(hex) - 3 * i,
			    "%s%02X", i ? " " : "", bytes[i]);
		cli_warn("%s:%lu: byte %llu: invalid byte sequence %s%s",
		    run->name, line, offset, hex, run->opts->strict ? "" :
		    " replaced by U+FFFD");
	}
	return run->opts->strict ? HABAR_ERR_INPUT : HABAR_OK;
}

static int
process(FILE *fp, const char *name, void *arg)
{
	struct run run = { arg, name, NULL, 0 };
	struct habar_decode *dec = NULL;
	const struct habar_decode_result *r;
	static char buf[1 << 16];
	enum habar_status status;
	int exit_status = CLI_EXIT_OK;
	size_t n;

	run.out = run.opts->out;
	status = habar_decode_new(&dec, run.opts->from, write_out, &run);
	if (status != HABAR_OK) {
		cli_report(name, 0, status, "cannot start the converter "
		    "(are the letter models and encodings installed?)");
		return CLI_EXIT_ERROR;
	}
	habar_decode_on_invalid(dec, on_invalid, &run);
	n = fread(buf, 1, sizeof(buf), fp);
	/* Detection would find the "encoding" of an image or a document
	 * too: said rather than turned into nonsense. */
	if (run.opts->from == HABAR_ENC_AUTO && habar_decode_binary(buf, n)) {
		cli_error("%s: binary data, not text (--from decodes it "
		    "anyway)", name);
		exit_status = CLI_EXIT_ERROR;
		goto done;
	}
	for (; n > 0; n = fread(buf, 1, sizeof(buf), fp))
		if ((status = habar_decode_write(dec, buf, n)) != HABAR_OK)
			break;
	if (status == HABAR_OK && ferror(fp)) {
		cli_error("%s: %s", name, strerror(errno));
		exit_status = CLI_EXIT_ERROR;
		goto done;
	}
	if (status == HABAR_OK)
		status = habar_decode_finish(dec);
	r = habar_decode_result(dec);
	if (run.opts->report && r->encoding != HABAR_ENC_AUTO) {
		if (r->runner_up != HABAR_ENC_AUTO)
			cli_warn("%s: %s%s (confidence %.2f; next %s)", name,
			    habar_encoding_name(r->encoding),
			    r->bom ? " with BOM" : "", r->confidence,
			    habar_encoding_name(r->runner_up));
		else
			cli_warn("%s: %s%s (confidence %.2f)", name,
			    habar_encoding_name(r->encoding),
			    r->bom ? " with BOM" : "", r->confidence);
	}
	if (run.invalid > run.opts->max_messages)
		cli_warn("%s: %llu invalid byte sequences in all", name,
		    run.invalid);
	if (status == HABAR_ERR_INPUT && run.opts->strict) {
		cli_error("%s: invalid bytes: stopped (--strict)", name);
		exit_status = CLI_EXIT_ERROR;
	} else if (status == HABAR_ERR_IO) {
		cli_error("write error: %s", strerror(errno));
		exit_status = CLI_EXIT_ERROR;
	} else if (status != HABAR_OK) {
		cli_report(name, 0, status, habar_decode_error(dec));
		exit_status = CLI_EXIT_ERROR;
	}
done:
	habar_decode_free(dec);
	if (exit_status == CLI_EXIT_ERROR)
		run.opts->failed = 1;
	return exit_status;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "max-messages", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ "report", no_argument, NULL, 'r' },
		{ "strict", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct options opts = { HABAR_ENC_AUTO, 0, 0, 10, NULL, NULL, 0 };
	int c;

	cli_init(argc, argv, usage);
	cli_handle_help_version(argc, argv);
	while ((c = cli_getopt(argc, argv, "f:m:o:rs", longopts)) != -1) {
		switch (c) {
		case 'f':
			if (habar_encoding_from_name(&opts.from, optarg) != HABAR_OK ||
			    opts.from == HABAR_ENC_ASCII)
				cli_usage_error("unknown encoding '%s'", optarg);
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
			opts.strict = 1;
			break;
		}
	}
	opts.out = cli_output_open(opts.output);
	cli_each_input(argc, argv, optind, process, &opts);
	if (opts.failed) {
		if (opts.out != stdout)
			fclose(opts.out);
		cli_output_abort();
	}
	else
		cli_output_commit(opts.out);
	return cli_exit();
}
