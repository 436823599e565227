/*
 * habar-import: a Word (.docx, .doc) or OpenDocument (.odt) document in, a
 * release out, so that a release written in a word processor enters the
 * pipeline.  The work is done by the library (habar/import.h); this file
 * only handles options, messages and the exit status.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/habar.h>

#include "cli.h"

static const char usage[] =
    "usage: habar-import [--id ID] [--lang TAG] [-o FILE] [DOCUMENT]\n"
    "Reads a Word (.docx, or .doc of Word 97-2003) or OpenDocument (.odt)\n"
    "document and writes it as\n"
    "a release: front matter (title, date, place, author, language, the\n"
    "document's own properties, its pictures) and the text, a paragraph\n"
    "for each paragraph, heading, list item and table cell, footnotes\n"
    "last.  Tracked changes are read as accepted; comments are dropped.\n"
    "Without DOCUMENT, or with '-', reads standard input.\n"
    "\n"
    "  -i, --id ID         the release id (default: the document's name up\n"
    "                      to its first dot)\n"
    "  -l, --lang TAG      the language, instead of the one found\n"
    "  -o, --output FILE   write to FILE (replaced atomically)\n"
    "      --help          print this help and exit\n"
    "      --version       print the version and exit\n";

/* The id a document's name gives: its base name up to the first dot. */
static char *
id_from_name(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strcspn(base, ".");
	return n > 0 ? strndup(base, n) : NULL;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "id", required_argument, NULL, 'i' },
		{ "lang", required_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const char *output = NULL, *id = NULL, *lang = NULL, *name = "-";
	const char *base;
	struct habar_import *imp = NULL;
	enum habar_status status;
	char err[512], *own_id = NULL;
	FILE *in, *out;
	int c;

	cli_init(argc, argv, usage);
	cli_handle_help_version(argc, argv);
	while ((c = cli_getopt(argc, argv, "i:l:o:", longopts)) != -1) {
		switch (c) {
		case 'i':
			id = optarg;
			break;
		case 'l':
			lang = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		}
	}
	if (argc - optind > 1)
		cli_usage_error("one document at a time");
	/* The tag goes into the output's lang field: refuse a bad one
	 * before any input is read or output written. */
	if (lang != NULL && !habar_release_valid_lang(lang))
		cli_usage_error("'%s' is not a language tag (kk, ru, en, "
		    "kk-Latn...)", lang);
	if (optind < argc)
		name = argv[optind];
	if ((in = cli_open_input(name)) == NULL)
		return cli_exit();
	status = habar_import_stream(&imp, in, err, sizeof(err));
	cli_close_input(in);
	if (status != HABAR_OK) {
		cli_report(name, 0, status, err);
		return cli_exit();
	}
	if (habar_import_paragraph_count(imp) == 0) {
		cli_error("%s: no text in the document", name);
		habar_import_free(imp);
		return cli_exit();
	}
	if (id == NULL && strcmp(name, "-") != 0)
		id = own_id = id_from_name(name);
	base = strrchr(name, '/');
	base = base ? base + 1 : name;
	out = cli_output_open(output);
	if (habar_import_write(imp, out, id, lang, strcmp(name, "-") ? base :
	    NULL) != HABAR_OK) {
		cli_output_abort();
		cli_fatal("write error");
	}
	cli_output_commit(out);
	habar_import_free(imp);
	free(own_id);
	return cli_exit();
}
