/*
 * habar-align: aligns the two or three language versions of a release
 * and writes them as one parallel XML document (or, with --links, the
 * sentence links between two of the languages).  The work is
 * habar_align_load() and habar_align_document() (habar/align.h); this
 * file reads the options and files and reports.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/align.h>
#include <habar/parallel.h>

#include "cli.h"

static const char usage[] =
    "usage: habar-align [--segmented] [--links A-B] [--memory TMX]...\n"
    "                   [--no-word-lists] [-o FILE] RELEASE RELEASE [RELEASE]\n"
    "Aligns the language versions of a release (two or three release files,\n"
    "in any order; each names its language in its 'lang:' field) and writes\n"
    "one parallel XML document: the metadata, paragraphs and sentences of\n"
    "each language, the attachments, and the links between paragraphs and\n"
    "between sentences, each with a confidence.\n"
    "\n"
    "  -s, --segmented  the bodies are already one sentence a line, with a\n"
    "                   blank line between paragraphs (as habar-seg writes)\n"
    "  -l, --links A-B  print instead the sentence links between languages\n"
    "                   A and B, one a line: A's sentence numbers, a tab,\n"
    "                   B's (1-based, comma-separated, empty when none), a\n"
    "                   tab, and the link's confidence (0.00 to 1.00)\n"
    "  -m, --memory TMX learn a bilingual lexicon from the translation memory\n"
    "                   TMX (or parallel XML) and use it as evidence;\n"
    "                   repeatable; cached as TMX.lex or in\n"
    "                   $XDG_CACHE_HOME/habar/\n"
    "      --no-word-lists  leave out the project's word lists\n"
    "                   (dictionaries/lexicon), which count as a lexicon\n"
    "                   of common words beside a memory's\n"
    "  -o, --output FILE  write to FILE (atomically) instead of stdout\n"
    "      --help       print this help and exit\n"
    "      --version    print the version and exit\n"
    "\n"
    "A RELEASE of - is standard input.\n";

struct options {
	int segmented;
	const char *links;	/* "A-B" or NULL */
	const char *output;
};

/* Splits "A-B" (each a language tag, which may itself hold '-') at the
 * dash that leaves a language of doc on both sides. */
static int
find_pair(const struct habar_parallel *doc, const char *spec, int *a, int *b)
{
	const char *dash;
	char left[64];
	size_t n;

	for (dash = strchr(spec, '-'); dash != NULL; dash = strchr(dash + 1, '-')) {
		n = (size_t)(dash - spec);
		if (n == 0 || n >= sizeof(left))
			continue;
		memcpy(left, spec, n);
		left[n] = '\0';
		*a = habar_parallel_find_language(doc, left);
		*b = habar_parallel_find_language(doc, dash + 1);
		if (*a >= 0 && *b >= 0)
			return 1;
	}
	return 0;
}

/* Warns about paragraphs that found no counterpart in some language. */
static void
warn_unmatched(const struct habar_parallel *doc, char **names)
{
	const struct habar_parallel_link *link;
	const struct habar_parallel_paragraph *p;
	const struct habar_parallel_language *l;
	const char *text;
	char missing[64];
	size_t i, k, j, n;

	for (i = 0; i < doc->link_count[HABAR_PARALLEL_PARAGRAPHS]; i++) {
		link = &doc->links[HABAR_PARALLEL_PARAGRAPHS][i];
		missing[0] = '\0';
		for (k = 0; k < doc->language_count; k++)
			if (link->sides[k].count == 0)
				snprintf(missing + strlen(missing),
				    sizeof(missing) - strlen(missing), "%s%.12s",
				    missing[0] ? ", " : "", doc->languages[k].lang);
		if (missing[0] == '\0')
			continue;
		for (k = 0; k < doc->language_count; k++) {
			l = &doc->languages[k];
			for (j = 0; j < link->sides[k].count; j++) {
				p = &l->paragraphs[link->sides[k].first + j];
				text = l->sentences[p->first].text;
				/* Up to 40 bytes, not cutting a character. */
				n = l->sentences[p->first].len;
				if (n > 40) {
					n = 40;
					while (n > 0 && (text[n] & 0xC0) == 0x80)
						n--;
				}
				cli_warn("%s: paragraph %s (\"%.*s%s\") has no "
				    "counterpart in %s", names[k], p->id, (int)n,
				    text, n < l->sentences[p->first].len ? "..." : "",
				    missing);
			}
		}
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "links", required_argument, NULL, 'l' },
		{ "memory", required_argument, NULL, 'm' },
		{ "no-word-lists", no_argument, NULL, 'W' },
		{ "output", required_argument, NULL, 'o' },
		{ "segmented", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct options opts = { 0, NULL, NULL };
	struct habar_align *align = NULL;
	struct habar_parallel *doc = NULL;
	char *names[HABAR_PARALLEL_MAX_LANGS] = { NULL, NULL, NULL };
	enum habar_status status;
	FILE *fp, *out;
	int c, i, a = -1, b = -1, stdin_used = 0, nmem = 0, lists = 1;
	char **memories;

	cli_init(argc, argv, usage);
	cli_handle_help_version(argc, argv);
	/* The memories are read once the aligner exists. */
	if ((memories = calloc((size_t)argc, sizeof(char *))) == NULL)
		cli_report(NULL, 0, HABAR_ERR_NOMEM, NULL);
	while ((c = cli_getopt(argc, argv, "l:m:o:s", longopts)) != -1) {
		switch (c) {
		case 'l':
			opts.links = optarg;
			break;
		case 'm':
			memories[nmem++] = optarg;
			break;
		case 'o':
			opts.output = optarg;
			break;
		case 'W':
			lists = 0;
			break;
		case 's':
			opts.segmented = 1;
			break;
		}
	}
	if (argc - optind < 2 || argc - optind > HABAR_PARALLEL_MAX_LANGS)
		cli_usage_error("two or three release files are needed");
	for (i = optind; i < argc; i++)
		if (strcmp(argv[i], "-") == 0 && stdin_used++)
			cli_usage_error("standard input given twice");

	if ((status = habar_align_new(&align)) != HABAR_OK ||
	    (status = habar_parallel_new(&doc)) != HABAR_OK)
		cli_report(NULL, 0, status, align ? habar_align_error(align) :
		    NULL);
	if (align != NULL)
		habar_align_use_lists(align, lists);
	for (i = 0; align != NULL && i < nmem; i++)
		if (habar_align_add_memory(align, memories[i]) != HABAR_OK)
			cli_fatal("%s: %s", memories[i], habar_align_error(align));
	for (i = optind; doc != NULL && align != NULL && i < argc; i++) {
		if ((fp = cli_open_input(argv[i])) == NULL)
			continue;
		status = habar_align_load(align, doc, fp, opts.segmented ?
		    HABAR_ALIGN_SEGMENTED : HABAR_ALIGN_SEGMENT);
		cli_close_input(fp);
		if (status != HABAR_OK) {
			cli_error("%s:%lu: %s", argv[i],
			    habar_align_error_line(align),
			    habar_align_error(align));
			continue;
		}
		names[doc->language_count - 1] = argv[i];
	}
	if (doc == NULL || align == NULL || doc->language_count != (size_t)(argc -
	    optind))
		goto done;	/* every error is reported: write nothing */
	if (opts.links != NULL && !find_pair(doc, opts.links, &a, &b))
		cli_fatal("--links %s: not two languages of the input (A-B, "
		    "such as en-ru)", opts.links);
	if ((status = habar_align_document(align, doc)) != HABAR_OK) {
		cli_report(NULL, 0, status, habar_align_error(align));
		goto done;
	}
	warn_unmatched(doc, names);
	out = cli_output_open(opts.output);
	if (opts.links != NULL)
		status = habar_align_write_pair(align, doc, (size_t)a, (size_t)b,
		    out);
	else
		status = habar_parallel_write(doc, out);
	if (status != HABAR_OK) {
		cli_output_abort();
		cli_report(opts.output, 0, status, NULL);
		goto done;
	}
	cli_output_commit(out);
done:
	habar_parallel_free(doc);
	habar_align_free(align);
	free(memories);
	return cli_exit();
}
