/*
 * habar-spell: spell-checks release text in Kazakh, Russian or English.
 *
 * Reports "file:line:column: unknown word 'X'" (columns count characters,
 * from 1), or lists the unknown words (-l, like hunspell -l), or speaks
 * the ispell pipe protocol editors use with hunspell (-a).  The body of a
 * release is checked, and of its front matter the title only.  The work
 * is done by the library (habar/spell.h); this file parses options and
 * prints.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <habar/habar.h>
#include <habar/spell.h>

#include "cli.h"

static const char usage[] =
"usage: habar-spell [-L LANG] [-l | -a] [--suggest] [--dict FILE]\n"
"                   [--no-personal] [--no-names] [--threads N] [FILE...]\n"
"Spell-checks release text (FILE, or standard input) in Kazakh, Russian or\n"
"English with Hunspell and the project's word lists.\n"
"\n"
"  -L, --lang LANG the text's language: kk, ru or en (default: the front\n"
"                  matter's lang: field)\n"
"  -l, --list      list unknown words, one a line, like hunspell -l\n"
"  -a, --pipe      speak the ispell pipe protocol, like hunspell -a\n"
"  -s, --suggest   add Hunspell's suggestions to each report (slow)\n"
"  -p, --dict FILE also accept the words of FILE (one a line; repeatable)\n"
"  --no-personal   ignore $HABAR_PERSONAL_DICT and ~/.config/habar/words.LANG\n"
"  --no-names      also report capitalised words a file repeats (names)\n"
"  -j, --threads N check on N threads (default 1; see habar-spell(1))\n"
"  --versions FILE another language version of the text (repeatable): a\n"
"                  capitalised word that a name of it confirms (through\n"
"                  transliteration and case endings) is not reported\n"
"  --accept-caps   do not report words in all capitals (abbreviations)\n"
"  --help, --version\n"
"\n"
"Reports look like \"release.kk.md:12:7: unknown word 'X'\" (column in\n"
"characters, from 1).  Exit status: 0 nothing found, 1 something found,\n"
"2 an error.\n";

enum mode { MODE_REPORT, MODE_LIST, MODE_PIPE };

#define MAX_DICTS 64
#define SUGGEST_MAX 10

struct run {
	enum mode mode;
	int suggest;
	int no_names;		/* report repeated capitalised words too */
	unsigned threads;
	const char *lang;
	struct habar_spell_options options;
	const char *dict_files[MAX_DICTS];
	/* One pool per language met, kept across files. */
	char pool_lang[3][16];
	struct habar_spell_pool *pools[3];
	struct habar_spell_pool *current; /* the pool of the file being read */
	const char *name;	/* the file being read */
	int found;
	struct habar_recogniser *rec;	/* for --versions, --accept-caps */
	struct habar_names *names;	/* the names of --versions */
	int accept_caps;
};

enum { OPT_NO_PERSONAL = 256, OPT_NO_NAMES, OPT_VERSIONS, OPT_ACCEPT_CAPS };

static const struct option long_options[] = {
	{ "accept-caps", no_argument, NULL, OPT_ACCEPT_CAPS },
	{ "dict", required_argument, NULL, 'p' },
	{ "lang", required_argument, NULL, 'L' },
	{ "list", no_argument, NULL, 'l' },
	{ "no-names", no_argument, NULL, OPT_NO_NAMES },
	{ "no-personal", no_argument, NULL, OPT_NO_PERSONAL },
	{ "pipe", no_argument, NULL, 'a' },
	{ "suggest", no_argument, NULL, 's' },
	{ "threads", required_argument, NULL, 'j' },
	{ "versions", required_argument, NULL, OPT_VERSIONS },
	{ NULL, 0, NULL, 0 }
};

/* The pool for lang, created on first use; exits 2 when it cannot be. */
static struct habar_spell_pool *
get_pool(struct run *run, const char *lang)
{
	char err[512];
	enum habar_status status;
	int i;

	for (i = 0; i < 3 && run->pools[i] != NULL; i++)
		if (strcasecmp(run->pool_lang[i], lang) == 0)
			return run->pools[i];
	if (i == 3)
		i = 2;
	habar_spell_pool_free(run->pools[i]);
	run->pools[i] = NULL;
	status = habar_spell_pool_new(&run->pools[i], lang, &run->options,
	    run->threads, err, sizeof(err));
	if (status != HABAR_OK)
		cli_fatal("%s", err);
	habar_spell_pool_set_names(run->pools[i], !run->no_names);
	snprintf(run->pool_lang[i], sizeof(run->pool_lang[i]), "%s", lang);
	return run->pools[i];
}

static int
print_finding(const struct habar_spell_finding *f, void *arg)
{
	struct run *run = arg;

	/* A name another version confirms, an abbreviation when asked. */
	if (run->names != NULL && habar_names_confirm(run->names, f->word,
	    f->word_len))
		return 0;
	if (run->accept_caps && habar_recognise_capitals(run->rec, f->word,
	    f->word_len) == 2)
		return 0;
	run->found = 1;
	if (run->mode == MODE_LIST) {
		fputs(f->word, stdout);
		putchar('\n');
		return ferror(stdout) ? -1 : 0;
	}
	if (f->verdict == HABAR_SPELL_MIXED)
		printf("%s:%lu:%zu: mixed scripts: likely look-alike letter "
		    "in '%s'", run->name, f->line, f->column, f->word);
	else
		printf("%s:%lu:%zu: unknown word '%s'", run->name, f->line,
		    f->column, f->word);
	if (run->suggest && f->verdict == HABAR_SPELL_UNKNOWN) {
		struct habar_spell *spell = habar_spell_pool_checker(
		    run->current);
		char **list = NULL;
		size_t n = 0, i;

		if (habar_spell_suggest(spell, &list, &n, f->word,
		    f->word_len, SUGGEST_MAX) == HABAR_OK && n > 0) {
			fputs(" (suggestions: ", stdout);
			for (i = 0; i < n; i++)
				printf("%s%s", i ? ", " : "", list[i]);
			putchar(')');
		}
		habar_spell_list_free(list, n);
	}
	putchar('\n');
	return ferror(stdout) ? -1 : 0;
}

/* Checks one release: its title and its body. */
static int
check_release(FILE *fp, const char *name, void *arg)
{
	struct run *run = arg;
	struct habar_release *release = NULL;
	struct habar_release_line line;
	struct habar_spell_pool *pool = NULL;
	enum habar_status status;
	char *title = NULL;
	size_t title_len = 0, title_col = 0, bad;
	unsigned long title_line = 0;
	const char *lang = NULL;
	int result = CLI_EXIT_OK;

	run->name = name;
	run->found = 0;
	if ((status = habar_release_new(&release, fp, 0)) != HABAR_OK) {
		cli_report(name, 0, status, NULL);
		return CLI_EXIT_ERROR;
	}
	for (;;) {
		status = habar_release_next(release, &line);
		if (status == HABAR_END)
			break;
		if (status != HABAR_OK) {
			cli_report(name, habar_release_line_number(release),
			    status, habar_release_error(release));
			result = CLI_EXIT_ERROR;
			goto done;
		}
		/* Its words cannot be read: said, as an error (exit 2). */
		if ((bad = habar_release_invalid(line.text, line.len)) !=
		    HABAR_RELEASE_VALID)
			cli_invalid_utf8(name, line.number, line.text, bad);
		if (line.kind == HABAR_LINE_FIELD) {
			/* Of the front matter only the title is prose. */
			if (line.key_len == 5 &&
			    strncasecmp(line.key, "title", 5) == 0) {
				free(title);
				title = malloc(line.value_len + 1);
				if (title == NULL)
					cli_fatal("out of memory");
				memcpy(title, line.value, line.value_len);
				title_len = line.value_len;
				title_line = line.number;
				title_col = cli_chars(line.text,
				    (size_t)(line.value - line.text));
			}
			continue;
		}
		if (line.kind != HABAR_LINE_BODY)
			continue;
		if (pool == NULL) {
			lang = run->lang ? run->lang :
			    habar_release_get(release, "lang");
			if (lang == NULL || *lang == '\0') {
				cli_error("%s: no --lang given and no lang: "
				    "field in the front matter", name);
				result = CLI_EXIT_ERROR;
				goto done;
			}
			pool = run->current = get_pool(run, lang);
			habar_spell_pool_reset(pool);
			if (title != NULL && (status = habar_spell_pool_add(
			    pool, title, title_len, title_line, title_col,
			    print_finding, run)) != HABAR_OK)
				goto failed;
			free(title);
			title = NULL;
		}
		status = habar_spell_pool_add(pool, line.text, line.len,
		    line.number, 0, print_finding, run);
		if (status != HABAR_OK)
			goto failed;
	}
	if (pool == NULL && title != NULL) {
		lang = run->lang ? run->lang :
		    habar_release_get(release, "lang");
		if (lang == NULL || *lang == '\0') {
			cli_error("%s: no --lang given and no lang: field in "
			    "the front matter", name);
			result = CLI_EXIT_ERROR;
			goto done;
		}
		pool = run->current = get_pool(run, lang);
		habar_spell_pool_reset(pool);
		if ((status = habar_spell_pool_add(pool, title, title_len,
		    title_line, title_col, print_finding, run)) != HABAR_OK)
			goto failed;
	}
	if (pool != NULL && (status = habar_spell_pool_flush(pool,
	    print_finding, run)) != HABAR_OK)
		goto failed;
	goto done;
failed:
	if (status == HABAR_ERR_IO)
		cli_error("write error on standard output");
	else
		cli_report(name, 0, status, habar_spell_error(
		    habar_spell_pool_checker(pool)));
	result = CLI_EXIT_ERROR;
done:
	free(title);
	habar_release_free(release);
	if (result == CLI_EXIT_OK && run->found)
		result = CLI_EXIT_FINDINGS;
	return result;
}

/* The ispell pipe protocol (-a), one input line at a time. */
struct pipe_state {
	struct habar_spell *spell;
	int terse;
};

static void
pipe_line(struct pipe_state *ps, const char *text, size_t len, struct run *run)
{
	struct habar_spell_token tok;
	size_t pos = 0, column = 1;
	enum habar_status status;

	if (len > 0) {
		switch (text[0]) {
		case '*':	/* add to the personal dictionary */
		case '@':	/* accept for this session */
			if (len > 1 && (status = habar_spell_accept(ps->spell,
			    text + 1, len - 1)) != HABAR_OK &&
			    status != HABAR_ERR_ARGUMENT)
				cli_report(run->name, 0, status, NULL);
			return;
		case '#':	/* save the personal dictionary: kept as is */
			return;
		case '!':
			ps->terse = 1;
			return;
		case '%':
			ps->terse = 0;
			return;
		case '+': case '-': case '~': case '&': case '$':
			return;	/* modes hunspell -a ignores too */
		case '^':
			pos = 1;
			column = 2;
			break;
		default:
			break;
		}
	}
	while (habar_spell_token_next(text, len, &pos, &column, &tok)) {
		enum habar_spell_verdict v;
		char word[1024];
		size_t n = tok.len < sizeof(word) - 1 ? tok.len :
		    sizeof(word) - 1;

		if (tok.skip)
			continue;
		status = habar_spell_check(ps->spell, text + tok.offset,
		    tok.len, &v);
		if (status != HABAR_OK) {
			cli_report(run->name, 0, status,
			    habar_spell_error(ps->spell));
			return;
		}
		if (v == HABAR_SPELL_OK) {
			if (!ps->terse)
				puts("*");
			continue;
		}
		if (v == HABAR_SPELL_SKIPPED)
			continue;
		run->found = 1;
		memcpy(word, text + tok.offset, n);
		word[n] = '\0';
		if (v == HABAR_SPELL_UNKNOWN) {
			char **list = NULL;
			size_t count = 0, i;
			if (habar_spell_suggest(ps->spell, &list, &count, word,
			    n, 15) == HABAR_OK && count > 0) {
				printf("& %s %zu %zu:", word, count,
				    tok.column - 1);
				for (i = 0; i < count; i++)
					printf("%s %s", i ? "," : "", list[i]);
				putchar('\n');
				habar_spell_list_free(list, count);
				continue;
			}
			habar_spell_list_free(list, count);
		}
		printf("# %s %zu\n", word, tok.column - 1);
	}
	putchar('\n');
}

static int
pipe_input(FILE *fp, const char *name, void *arg)
{
	struct run *run = arg;
	static struct pipe_state ps;
	struct habar_lines *lines = NULL;
	enum habar_status status;
	const char *text;
	size_t len;

	run->name = name;
	if (ps.spell == NULL)
		ps.spell = habar_spell_pool_checker(get_pool(run, run->lang));
	if ((status = habar_lines_new(&lines, fp, 0)) != HABAR_OK) {
		cli_report(name, 0, status, NULL);
		return CLI_EXIT_ERROR;
	}
	while ((status = habar_lines_next(lines, &text, &len)) == HABAR_OK) {
		pipe_line(&ps, text, len, run);
		if (fflush(stdout) == EOF)
			break;
	}
	if (status != HABAR_END && status != HABAR_OK) {
		cli_report(name, habar_lines_number(lines), status, NULL);
		habar_lines_free(lines);
		return CLI_EXIT_ERROR;
	}
	habar_lines_free(lines);
	return run->found ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
}

/* The recognisers find the names --versions and --accept-caps weigh. */
static void
load_recogniser(struct run *run)
{
	char msg[256];

	if (habar_recognise_new(&run->rec, msg, sizeof(msg)) != HABAR_OK)
		cli_fatal("cannot load the recognisers' data: %s", msg);
}

/* Adds the names of the other version in path to run->names. */
static void
add_version(struct run *run, const char *path)
{
	FILE *fp = cli_open_input(path);
	char *text = NULL, *p;
	size_t len = 0, cap = 0, n;
	enum habar_status status;

	if (fp == NULL)
		return;
	for (;;) {
		if (cap - len < 65536) {
			if (cap >= 64u * 1024 * 1024) {
				cli_error("%s: larger than 64 MiB", path);
				goto done;
			}
			cap = cap ? cap * 2 : 65536;
			if ((p = realloc(text, cap)) == NULL)
				cli_fatal("out of memory");
			text = p;
		}
		if ((n = fread(text + len, 1, cap - len, fp)) == 0)
			break;
		len += n;
	}
	if (ferror(fp)) {
		cli_report(path, 0, HABAR_ERR_IO, NULL);
		goto done;
	}
	if ((status = habar_names_add(run->names, text, len)) != HABAR_OK)
		cli_report(path, 0, status, NULL);
done:
	free(text);
	cli_close_input(fp);
}

/* The run, kept past main() (see its end). */
static struct run kept;

int
main(int argc, char **argv)
{
	struct run run;
	size_t ndicts = 0;
	int c;

	memset(&run, 0, sizeof(run));
	/* One thread by default: a second one pays off only on a large
	 * input and an idle machine (see docs/habar-spell.md). */
	run.threads = 1;
	cli_init(argc, argv, usage);
	cli_handle_help_version(argc, argv);
	while ((c = cli_getopt(argc, argv, "L:aj:lp:s", long_options)) != -1) {
		switch (c) {
		case 'a':
			run.mode = MODE_PIPE;
			break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end != '\0' || n < 1 || n > 8)
				cli_usage_error("--threads: a number from 1 "
				    "to 8, not '%s'", optarg);
			run.threads = (unsigned)n;
			break;
		}
		case 'l':
			run.mode = MODE_LIST;
			break;
		case 'p':
			if (ndicts == MAX_DICTS)
				cli_usage_error("too many --dict files");
			run.dict_files[ndicts++] = optarg;
			break;
		case 's':
			run.suggest = 1;
			break;
		case 'L':
			run.lang = optarg;
			break;
		case OPT_NO_NAMES:
			run.no_names = 1;
			break;
		case OPT_NO_PERSONAL:
			run.options.no_default_personal = 1;
			break;
		case OPT_ACCEPT_CAPS:
			run.accept_caps = 1;
			break;
		case OPT_VERSIONS:
			if (run.rec == NULL)
				load_recogniser(&run);
			if (run.names == NULL && habar_names_new(&run.names,
			    run.rec) != HABAR_OK)
				cli_fatal("out of memory");
			add_version(&run, optarg);
			break;
		}
	}
	if (run.accept_caps && run.rec == NULL)
		load_recogniser(&run);
	run.options.personal = run.dict_files;
	run.options.personal_count = ndicts;
	if (run.mode == MODE_PIPE) {
		if (run.lang == NULL)
			cli_usage_error("-a needs --lang");
		printf("@(#) International Ispell Version 3.2.06 "
		    "(but really habar-spell %s)\n", habar_version());
		fflush(stdout);
		cli_each_input(argc, argv, optind, pipe_input, &run);
	} else {
		cli_each_input(argc, argv, optind, check_release, &run);
	}
	/* The pools are left to the end of the process: Hunspell's
	 * destructors free every entry of its tables one by one, a tenth of
	 * the time of a run over a large file, for memory the system takes
	 * back at once.  The last flush left no thread running, and the
	 * pools stay reachable (leak checkers see no leak). */
	kept = run;
	return cli_exit();
}
