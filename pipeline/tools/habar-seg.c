/*
 * habar-seg: splits the body of a release into sentences, one a line, with
 * a blank line between paragraphs; the front matter passes through.  The
 * segmentation itself is habar_seg_paragraph() (habar/seg.h); this file
 * only gathers paragraphs from the release reader and prints the spans.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/release.h>
#include <habar/seg.h>

#include "cli.h"

static const char usage[] =
    "usage: habar-seg [--lang LANG] [-o FILE] [FILE...]\n"
    "Splits release text into sentences: one sentence a line, a blank line\n"
    "between paragraphs, the front matter passed through unchanged.\n"
    "\n"
    "  -L, --lang LANG    the language: kk, ru, en or another BCP 47 tag\n"
    "                     (default: the front matter's 'lang:' field)\n"
    "  -o, --output FILE  write to FILE (replaced atomically)\n"
    "      --help         print this help and exit\n"
    "      --version      print the version and exit\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n";

struct options {
	const char *lang;	/* NULL: from the front matter */
};

/* The state of one run: a segmenter per language seen, the paragraph
 * being gathered. */
struct run {
	const struct options *opts;
	FILE *out;		/* standard output or the -o file */
	struct habar_seg *seg;
	char *seg_lang;		/* the language seg was made for */
	char *para;		/* the lines of the current paragraph */
	size_t para_len;
	size_t para_cap;
	unsigned long para_line; /* where it starts, for messages */
	int printed;		/* front matter or a paragraph was printed */
};

/* Returns a segmenter for lang, reusing the last one if it fits. */
static struct habar_seg *
segmenter_for(struct run *run, const char *lang, const char *name,
    unsigned long line)
{
	enum habar_status status;

	if (run->seg != NULL && strcmp(run->seg_lang, lang) == 0)
		return run->seg;
	habar_seg_free(run->seg);
	free(run->seg_lang);
	run->seg = NULL;
	if ((run->seg_lang = strdup(lang)) == NULL)
		cli_fatal("out of memory");
	status = habar_seg_new(&run->seg, lang);
	if (status != HABAR_OK) {
		char detail[160];
		snprintf(detail, sizeof(detail), "%s language '%s'",
		    status == HABAR_ERR_ARGUMENT ? "invalid" : "unusable",
		    lang);
		cli_report(name, line, status, detail);
		free(run->seg_lang);
		run->seg_lang = NULL;
		return NULL;
	}
	return run->seg;
}

/* Prints one sentence on one line: a run of white space holding a line
 * break becomes one space. */
static void
print_sentence(FILE *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t j = i;
		int newline = 0;

		while (j < len && (s[j] == ' ' || s[j] == '\t' ||
		    s[j] == '\n' || s[j] == '\r')) {
			newline |= s[j] == '\n' || s[j] == '\r';
			j++;
		}
		if (j > i) {
			if (newline)
				putc(' ', out);
			else
				fwrite(s + i, 1, j - i, out);
			i = j;
			continue;
		}
		while (j < len && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' &&
		    s[j] != '\r')
			j++;
		fwrite(s + i, 1, j - i, out);
		i = j;
	}
	putc('\n', out);
}

/* Segments and prints the paragraph gathered so far, then empties it.
 * Returns 0, or -1 when the file cannot go on. */
static int
flush_paragraph(struct run *run, struct habar_seg *seg, const char *name)
{
	const struct habar_span *spans;
	enum habar_status status;
	size_t count, i;

	if (run->para_len == 0)
		return 0;
	status = habar_seg_paragraph(seg, run->para, run->para_len, &spans,
	    &count);
	if (status != HABAR_OK) {
		cli_report(name, run->para_line, status, habar_seg_error(seg));
		run->para_len = 0;
		return -1;
	}
	if (count > 0 && run->printed)
		putc('\n', run->out);
	for (i = 0; i < count; i++)
		print_sentence(run->out, run->para + spans[i].start, spans[i].len);
	run->printed |= count > 0;
	run->para_len = 0;
	return 0;
}

/* Adds a body line to the paragraph (lines joined by "\n"), first
 * flushing the paragraph if the line would take it past the cap. */
static int
add_line(struct run *run, struct habar_seg *seg, const char *name,
    const struct habar_release_line *line)
{
	size_t need = run->para_len + (run->para_len > 0) + line->len;

	if (need > HABAR_SEG_MAX_PARAGRAPH) {
		cli_warn("%s:%lu: paragraph longer than %u bytes: split here",
		    name, line->number, HABAR_SEG_MAX_PARAGRAPH);
		if (flush_paragraph(run, seg, name) != 0)
			return -1;
		need = line->len;
		if (need > HABAR_SEG_MAX_PARAGRAPH)
			return -1;	/* longer than the line cap allows */
	}
	if (need + 1 > run->para_cap) {
		size_t cap = run->para_cap ? run->para_cap : 4096;
		char *p;

		while (cap < need + 1)
			cap *= 2;
		if ((p = realloc(run->para, cap)) == NULL)
			cli_fatal("out of memory");
		run->para = p;
		run->para_cap = cap;
	}
	if (run->para_len == 0)
		run->para_line = line->number;
	else
		run->para[run->para_len++] = '\n';
	memcpy(run->para + run->para_len, line->text, line->len);
	run->para_len += line->len;
	return 0;
}

static int
process(FILE *fp, const char *name, void *arg)
{
	struct run *run = arg;
	struct habar_release *release = NULL;
	struct habar_release_line line;
	struct habar_seg *seg = NULL;
	enum habar_status status;
	size_t bad;
	int result = CLI_EXIT_ERROR;

	run->para_len = 0;
	run->printed = 0;
	/* Lines stay within the paragraph cap, so one line always fits. */
	status = habar_release_new(&release, fp, HABAR_MAX_LINE);
	if (status != HABAR_OK) {
		cli_report(name, 0, status, NULL);
		goto done;
	}
	while ((status = habar_release_next(release, &line)) == HABAR_OK) {
		/* Passed through as it is, but reported (exit 2). */
		if ((bad = habar_release_invalid(line.text, line.len)) !=
		    HABAR_RELEASE_VALID)
			cli_invalid_utf8(name, line.number, line.text, bad);
		if (line.kind != HABAR_LINE_BODY) {
			/* A blank line will part it from the body, as in
			 * any release. */
			fwrite(line.text, 1, line.len, run->out);
			putc('\n', run->out);
			run->printed = 1;
			continue;
		}
		if (habar_release_blank(line.text, line.len)) {
			if (seg != NULL && flush_paragraph(run, seg, name) != 0)
				goto done;
			continue;
		}
		if (seg == NULL) {
			const char *lang = run->opts->lang;

			if (lang == NULL)
				lang = habar_release_get(release, "lang");
			if (lang == NULL) {
				cli_error("%s:%lu: no --lang given and no "
				    "'lang:' in the front matter", name,
				    line.number);
				goto done;
			}
			seg = segmenter_for(run, lang, name, line.number);
			if (seg == NULL)
				goto done;
		}
		if (add_line(run, seg, name, &line) != 0)
			goto done;
	}
	if (status != HABAR_END) {
		cli_report(name, habar_release_line_number(release), status,
		    habar_release_error(release));
		goto done;
	}
	if (seg != NULL && flush_paragraph(run, seg, name) != 0)
		goto done;
	result = CLI_EXIT_OK;
done:
	habar_release_free(release);
	return result;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lang", required_argument, NULL, 'L' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct options opts = { NULL };
	const char *output = NULL;
	struct run run;
	int c;

	cli_init(argc, argv, usage);
	cli_handle_help_version(argc, argv);
	while ((c = cli_getopt(argc, argv, "L:o:", longopts)) != -1) {
		switch (c) {
		case 'L':
			opts.lang = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		}
	}
	memset(&run, 0, sizeof(run));
	run.opts = &opts;
	/* A bad --lang is said before any output, not after the first
	 * file's front matter has been written. */
	if (opts.lang != NULL && segmenter_for(&run, opts.lang, NULL, 0) ==
	    NULL)
		return cli_exit();
	run.out = cli_output_open(output);
	cli_each_input(argc, argv, optind, process, &run);
	cli_output_commit(run.out);
	habar_seg_free(run.seg);
	free(run.seg_lang);
	free(run.para);
	return cli_exit();
}
