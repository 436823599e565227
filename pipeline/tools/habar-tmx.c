/*
 * habar-tmx: turns parallel XML documents (and TMX files, to merge
 * memories) into one TMX 1.4b translation memory, duplicate units
 * collapsed.  The work is in the library (habar/tmx.h); this file reads
 * the options and inputs and reports.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/parallel.h>
#include <habar/tmx.h>

#include "cli.h"

static const char usage[] =
    "usage: habar-tmx [-o FILE] [XML...]\n"
    "Makes one TMX 1.4b translation memory of parallel XML documents (as\n"
    "habar-align writes them) and of TMX files (to merge memories): a unit\n"
    "per sentence link holding two languages or more, dated from the\n"
    "release date, with the release id as a property; equal units are kept\n"
    "once.\n"
    "\n"
    "  -o, --output FILE  write to FILE (atomically) instead of stdout\n"
    "      --help         print this help and exit\n"
    "      --version      print the version and exit\n"
    "\n"
    "With no XML, or when XML is -, read standard input.\n";

/* Reads the whole of fp; returns NULL (after reporting) on failure. */
static char *
slurp(FILE *fp, const char *name, size_t *len_out)
{
	char *buf = NULL, *p;
	size_t len = 0, cap = 0, n;

	for (;;) {
		if (cap - len < 65536) {
			if (cap >= HABAR_PARALLEL_MAX_BYTES) {
				cli_error("%s: file larger than %u bytes", name,
				    HABAR_PARALLEL_MAX_BYTES);
				free(buf);
				return NULL;
			}
			cap = cap ? cap * 2 : 262144;
			if ((p = realloc(buf, cap)) == NULL)
				cli_fatal("out of memory");
			buf = p;
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		cli_report(name, 0, HABAR_ERR_IO, "read error");
		free(buf);
		return NULL;
	}
	*len_out = len;
	return buf;
}

static int
process(FILE *fp, const char *name, void *arg)
{
	struct habar_tmx *tmx = arg;
	struct habar_parallel_error err;
	enum habar_status status;
	char *buf;
	size_t len;

	if ((buf = slurp(fp, name, &len)) == NULL)
		return CLI_EXIT_ERROR;
	status = habar_tmx_add_xml(tmx, buf, len, &err);
	free(buf);
	if (status != HABAR_OK) {
		cli_error("%s:%lu: %s", name, err.line, err.message[0] ?
		    err.message : habar_status_string(status));
		return CLI_EXIT_ERROR;
	}
	return CLI_EXIT_OK;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct habar_tmx *tmx = NULL;
	const char *output = NULL;
	enum habar_status status;
	FILE *out, *fp;
	int c, i, failed = 0;

	cli_init(argc, argv, usage);
	cli_handle_help_version(argc, argv);
	while ((c = cli_getopt(argc, argv, "o:", longopts)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		}
	}
	if (habar_tmx_new(&tmx) != HABAR_OK)
		cli_fatal("out of memory");
	if (optind == argc)
		failed |= process(stdin, "-", tmx) != CLI_EXIT_OK;
	for (i = optind; i < argc; i++) {
		if ((fp = cli_open_input(argv[i])) == NULL) {
			failed = 1;
			continue;
		}
		failed |= process(fp, argv[i], tmx) != CLI_EXIT_OK;
		cli_close_input(fp);
	}
	/* An input that failed leaves no memory behind: nothing half-made. */
	if (failed) {
		habar_tmx_free(tmx);
		return cli_exit();
	}
	out = cli_output_open(output);
	if ((status = habar_tmx_write(tmx, out)) != HABAR_OK) {
		cli_output_abort();
		cli_report(output, 0, status, NULL);
	} else
		cli_output_commit(out);
	habar_tmx_free(tmx);
	return cli_exit();
}
