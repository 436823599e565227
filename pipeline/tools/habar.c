/*
 * habar: one command in front of the habar-* programs, git style, and
 * `habar make`, which takes a folder holding a release's versions in
 * whatever form they came and does the whole job with those programs.
 *
 * `habar VERB ARGS` runs habar-VERB with ARGS: the one beside this
 * program first (so that a build tree or an installed tree uses its own
 * programs), then the first on PATH.  `habar make` finds the folder's
 * files with the library (habar/make.h, habar/import.h) and runs the
 * programs one after the other, as a person would by hand, so that each
 * step is the same as the filter that does it.
 */
#define _GNU_SOURCE /* asprintf */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <habar/habar.h>

#include "cli.h"

static const char usage[] =
    "usage: habar COMMAND [ARGS...]\n"
    "       habar make [-o OUTDIR] [--id ID] [--dash en|em]\n"
    "                  [--min-confidence C] [--strict] [--latin]\n"
    "                  [--exceptions FILE]... [--no-exceptions] DIR\n"
    "Runs habar-COMMAND with ARGS (the program beside habar first, then\n"
    "the first on PATH): 'habar decode -o x.md x.txt' is 'habar-decode\n"
    "-o x.md x.txt'.  'habar make DIR' turns a folder holding a release's\n"
    "versions (.md .txt .html .docx .odt .doc, any encoding) and attachments\n"
    "into a checked, verified pack in DIR/out (see habar(1)).\n"
    "\n"
    "      --help          print this help and the commands found, and exit\n"
    "      --version       print the version and exit\n";

static const char make_usage[] =
    "usage: habar make [-o OUTDIR] [--id ID] [--dash en|em]\n"
    "                  [--min-confidence C] [--strict] [--latin]\n"
    "                  [--exceptions FILE]... [--no-exceptions] DIR\n"
    "Imports, decodes and normalises each language version in DIR,\n"
    "checks spelling and consistency, aligns and packs them with the\n"
    "attachments, verifies the pack, and prints what was found and what\n"
    "to fix.  Exit 0: all clean; 1: something needs a person; 2: error.\n"
    "\n"
    "  -o, --output OUTDIR  write into OUTDIR (default: DIR/out)\n"
    "  -i, --id ID          the release id (default: from the file names,\n"
    "                       else the folder's name)\n"
    "      --dash en|em     the house's spaced dash (habar-norm --dash)\n"
    "  -c, --min-confidence C\n"
    "                       sentence links under C are doubtful: out of\n"
    "                       the pack's memory, marked on its pages\n"
    "                       (habar-pack --min-confidence; default 0.5)\n"
    "  -s, --strict         make no pack when the versions disagree\n"
    "                       (an error of habar-qa's checks)\n"
    "  -l, --latin          also write the Kazakh version in the Latin\n"
    "                       alphabet, OUTDIR/ID.kk-Latn.md (habar-translit)\n"
    "  -x, --exceptions FILE\n"
    "                       names spelt their own way in it, one\n"
    "                       'Cyrillic = Latin' a line (habar-translit\n"
    "                       --exceptions; repeatable; implies --latin)\n"
    "  -X, --no-exceptions  leave out locales/kk/translit-exceptions\n"
    "                       (implies --latin)\n"
    "      --help           print this help and exit\n";

static char self_dir[PATH_MAX];

/* The folder this program lies in, for finding its siblings. */
static void
find_self(const char *argv0)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	char *slash;

	if (n > 0)
		path[n] = '\0';
	else
		snprintf(path, sizeof(path), "%s", argv0);
	if ((slash = strrchr(path, '/')) != NULL) {
		*slash = '\0';
		snprintf(self_dir, sizeof(self_dir), "%s", path);
	}
}

static int
executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(path, X_OK) == 0;
}

/* Finds program name beside habar, then on PATH.  Returns 1 if found. */
static int
find_program(const char *name, char *out, size_t size)
{
	const char *path = getenv("PATH"), *p, *end;

	if (self_dir[0] != '\0' && (size_t)snprintf(out, size, "%s/%s",
	    self_dir, name) < size && executable(out))
		return 1;
	for (p = path ? path : ""; *p != '\0'; p = *end ? end + 1 : end) {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		if (end > p && (size_t)snprintf(out, size, "%.*s/%s",
		    (int)(end - p), p, name) < size && executable(out))
			return 1;
	}
	return 0;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the habar-* programs of dir to names (no repeats). */
static void
gather_commands(const char *dir, char ***names, size_t *count)
{
	struct dirent *e;
	char path[PATH_MAX + 256];
	size_t i;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char **grown;
		if (strncmp(e->d_name, "habar-", 6) != 0 || e->d_name[6] == '\0')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (!executable(path))
			continue;
		for (i = 0; i < *count; i++)
			if (strcmp((*names)[i], e->d_name + 6) == 0)
				break;
		if (i < *count || *count >= 1000 ||
		    (grown = realloc(*names, (*count + 1) * sizeof(**names))) ==
		    NULL)
			continue;
		*names = grown;
		if (((*names)[*count] = strdup(e->d_name + 6)) != NULL)
			(*count)++;
	}
	closedir(d);
}

/* --help: the usage, then every command found. */
static void
print_help(void)
{
	const char *path = getenv("PATH"), *p, *end;
	char **names = NULL, dir[PATH_MAX];
	size_t count = 0, i;

	fputs(usage, stdout);
	if (self_dir[0] != '\0')
		gather_commands(self_dir, &names, &count);
	for (p = path ? path : ""; *p != '\0'; p = *end ? end + 1 : end) {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		if (end > p && (size_t)(end - p) < sizeof(dir)) {
			snprintf(dir, sizeof(dir), "%.*s", (int)(end - p), p);
			gather_commands(dir, &names, &count);
		}
	}
	if (count > 0)
		qsort(names, count, sizeof(*names), compare_names);
	printf("\nCommands:\n  make\n");
	for (i = 0; i < count; i++) {
		printf("  %s\n", names[i]);
		free(names[i]);
	}
	free(names);
}

/* ---------------------------------------------------------- habar make */

struct make {
	const char *dir, *outdir;
	char work[PATH_MAX];
	struct habar_make_plan *plan;
	char id[256];
	char langs[3][16];
	char *dates[3];
	size_t nlangs;
	int attention;		/* something needs a person */
};

/* Runs program name with args (args[0] is set here), its standard output
 * to out_path (NULL: /dev/null).  Returns its exit status, or -1 when it
 * could not be run (said on stderr). */
static int
run(const char *name, char **args, const char *out_path)
{
	char path[PATH_MAX];
	pid_t pid;
	int status, fd;

	if (!find_program(name, path, sizeof(path))) {
		cli_error("%s: not found beside habar nor on PATH", name);
		return -1;
	}
	args[0] = (char *)name;
	fflush(stdout);
	if ((pid = fork()) < 0) {
		cli_error("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		fd = open(out_path ? out_path : "/dev/null",
		    O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
			_exit(127);
		close(fd);
		execv(path, args);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			cli_error("waitpid: %s", strerror(errno));
			return -1;
		}
	if (!WIFEXITED(status)) {
		cli_error("%s: killed by signal %d", name, WTERMSIG(status));
		return -1;
	}
	return WEXITSTATUS(status);
}

static void note(struct make *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints a thing a person must fix, and remembers to exit 1. */
static void
note(struct make *m, const char *fmt, ...)
{
	va_list ap;

	printf("  to fix: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	m->attention = 1;
}

/* Reads a file whole, within the importer's size limit. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	long size;

	if (fp == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) >= 0 &&
	    (unsigned long)size <= HABAR_IMPORT_MAX_FILE &&
	    fseek(fp, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)size + 1)) != NULL) {
		*len = fread(buf, 1, (size_t)size, fp);
		if (ferror(fp)) {
			free(buf);
			buf = NULL;
		}
	}
	if (buf == NULL && errno == 0)
		errno = EFBIG;
	fclose(fp);
	return buf;
}

static const char *
form_of(const struct habar_import *imp)
{
	switch (habar_import_kind(imp)) {
	case HABAR_IMPORT_DOCX:
		return "Word document";
	case HABAR_IMPORT_ODT:
		return "OpenDocument text";
	case HABAR_IMPORT_DOC:
		return "legacy Word document";
	case HABAR_IMPORT_RELEASE:
		return "release text";
	case HABAR_IMPORT_PAGE:
		return "web page";
	default:
		return "plain text";
	}
}

/* Turns one version into WORK/<id>.<lang>.md. */
static void
read_version(struct make *m, const struct habar_make_file *f)
{
	struct habar_import *imp = NULL;
	enum habar_status status;
	char path[PATH_MAX * 2], err[512], lang[16];
	const char *v;
	size_t len = 0, i;
	char *data;
	FILE *out;

	snprintf(path, sizeof(path), "%s/%s", m->dir, f->name);
	errno = 0;
	if ((data = slurp(path, &len)) == NULL) {
		cli_error("%s: %s", path, strerror(errno));
		return;
	}
	status = habar_import_any(&imp, data, len, f->name, err, sizeof(err));
	free(data);
	if (status == HABAR_ERR_INPUT || status == HABAR_ERR_LIMIT) {
		note(m, "%s: not read: %s", f->name, err);
		return;
	}
	if (status != HABAR_OK) {
		cli_report(path, 0, status, err);
		return;
	}
	snprintf(lang, sizeof(lang), "%s", f->lang[0] ? f->lang :
	    (v = habar_import_get(imp, "lang")) ? v : "");
	if (lang[0] == '\0') {
		note(m, "%s: language unknown (name it %s.LANG.ext)", f->name,
		    m->id);
		goto done;
	}
	for (i = 0; i < m->nlangs; i++)
		if (strcmp(m->langs[i], lang) == 0) {
			note(m, "%s: a second %s version, left out", f->name,
			    lang);
			goto done;
		}
	if (m->nlangs == 3) {
		note(m, "%s: a fourth version, left out (a pack holds three)",
		    f->name);
		goto done;
	}
	printf("  %-3s %s: %s%s%s%s, %zu paragraphs\n", lang, f->name,
	    form_of(imp), *habar_import_encoding(imp) ? " (" : "",
	    habar_import_encoding(imp), *habar_import_encoding(imp) ? ")" : "",
	    habar_import_paragraph_count(imp));
	if (habar_import_get(imp, "title") == NULL)
		note(m, "%s: no title found (add a title: line or a first "
		    "line in a title style)", f->name);
	if ((v = habar_import_get(imp, "date")) == NULL)
		note(m, "%s: no date found (add a dateline or a date: "
		    "line)", f->name);
	if (v != NULL) {
		/* Said when the date is only the day the file was made. */
		const char *from = habar_import_get(imp, "@date-from");
		free(m->dates[m->nlangs]);
		if (asprintf(&m->dates[m->nlangs], "%s %s%s", lang, v,
		    from && strcmp(from, "created") == 0 ? " (the document's "
		    "creation date: no dateline found)" : "") < 0)
			m->dates[m->nlangs] = NULL;
	}
	/* The attachments are the folder's, passed to habar-pack. */
	if (habar_import_set(imp, "attachments", NULL) != HABAR_OK)
		goto done;
	snprintf(path, sizeof(path), "%s/%s.%s.md", m->work, m->id, lang);
	if ((out = fopen(path, "w")) == NULL) {
		cli_error("%s: %s", path, strerror(errno));
		goto done;
	}
	status = habar_import_write(imp, out, m->id, lang, f->name);
	if (fclose(out) != 0 || status != HABAR_OK) {
		cli_error("%s: write error", path);
		goto done;
	}
	memcpy(m->langs[m->nlangs++], lang, sizeof(lang));
done:
	habar_import_free(imp);
}

/* The number of lines of a file (0 when it cannot be read). */
static unsigned long
count_lines(const char *path)
{
	FILE *fp = fopen(path, "r");
	unsigned long n = 0;
	int c;

	if (fp == NULL)
		return 0;
	while ((c = getc(fp)) != EOF)
		n += c == '\n';
	fclose(fp);
	return n;
}

static void
remove_work(struct make *m)
{
	char path[PATH_MAX * 2];
	struct dirent *e;
	DIR *d;

	if (m->work[0] == '\0' || (d = opendir(m->work)) == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", m->work, e->d_name);
			unlink(path);
		}
	closedir(d);
	rmdir(m->work);
}

/* The release id as a safe file name: no slashes, spaces or controls. */
static void
safe_id(char *id)
{
	for (; *id != '\0'; id++)
		if (*id == '/' || (unsigned char)*id <= ' ' || *id == '\\')
			*id = '-';
}

/* The most --exceptions files habar make passes on. */
#define MAX_EXCEPTIONS 16

/*
 * Writes the Kazakh version in[i] (normalised) in the Latin alphabet as
 * OUTDIR/<id>.kk-Latn.md with habar-translit, the exceptions files and
 * --no-exceptions passed on.  The pack keeps its three versions; this
 * one is for the site in Latin letters.
 */
static void
write_latin(struct make *m, char in[][PATH_MAX * 2],
    const char *const *exceptions, size_t nexceptions, int no_exceptions)
{
	char out[PATH_MAX * 2], *args[8 + 2 * MAX_EXCEPTIONS];
	size_t i, k, nargs = 1;

	for (i = 0; i < m->nlangs && strcmp(m->langs[i], "kk") != 0; i++)
		;
	if (i == m->nlangs) {
		printf("  kk-Latn: none (no Kazakh version)\n");
		return;
	}
	snprintf(out, sizeof(out), "%s/%s.kk-Latn.md", m->outdir, m->id);
	args[nargs++] = "--to";
	args[nargs++] = "kk-Latn";
	for (k = 0; k < nexceptions; k++) {
		args[nargs++] = "--exceptions";
		args[nargs++] = (char *)exceptions[k];
	}
	if (no_exceptions)
		args[nargs++] = "--no-exceptions";
	args[nargs++] = "-o";
	args[nargs++] = out;
	args[nargs++] = in[i];
	args[nargs] = NULL;
	if (run("habar-translit", args, NULL) != 0) {
		note(m, "kk-Latn: habar-translit failed (see above)");
		return;
	}
	printf("  kk-Latn: %s\n", out);
}

static int
make_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dash", required_argument, NULL, 'd' },
		{ "exceptions", required_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ "id", required_argument, NULL, 'i' },
		{ "latin", no_argument, NULL, 'l' },
		{ "min-confidence", required_argument, NULL, 'c' },
		{ "no-exceptions", no_argument, NULL, 'X' },
		{ "output", required_argument, NULL, 'o' },
		{ "strict", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct make m;
	char outdir[PATH_MAX], path[PATH_MAX * 2], in[3][PATH_MAX * 2];
	char pack[PATH_MAX * 2], *args[64];
	enum habar_status status;
	const char *id = NULL, *dash = NULL, *min_confidence = NULL;
	const char *exceptions[MAX_EXCEPTIONS];
	size_t i, nargs, nexceptions = 0;
	int c, st, spelled = 0, strict = 0, latin = 0, no_exceptions = 0;
	FILE *fp;

	memset(&m, 0, sizeof(m));
	while ((c = cli_getopt(argc, argv, "c:i:lo:sx:X", longopts)) != -1) {
		switch (c) {
		case 'l':
			latin = 1;
			break;
		case 'x':
			/* Read now, so that a missing file stops the run
			 * before anything is written. */
			if ((fp = fopen(optarg, "r")) == NULL)
				cli_usage_error("--exceptions: %s: %s", optarg,
				    strerror(errno));
			fclose(fp);
			if (nexceptions == MAX_EXCEPTIONS)
				cli_usage_error("--exceptions: at most %d files",
				    MAX_EXCEPTIONS);
			exceptions[nexceptions++] = optarg;
			latin = 1;
			break;
		case 'X':
			no_exceptions = latin = 1;
			break;
		case 'c':
			/* Checked here, before anything is written. */
			(void)cli_fraction("--min-confidence", optarg);
			min_confidence = optarg;
			break;
		case 'd':
			if (strcmp(optarg, "en") != 0 && strcmp(optarg,
			    "em") != 0)
				cli_usage_error("--dash: en or em, not '%s'",
				    optarg);
			dash = optarg;
			break;
		case 's':
			strict = 1;
			break;
		case 'h':
			fputs(make_usage, stdout);
			return cli_exit();
		case 'i':
			id = optarg;
			break;
		case 'o':
			m.outdir = optarg;
			break;
		}
	}
	if (argc - optind != 1)
		cli_usage_error("make: one folder, please");
	m.dir = argv[optind];
	if ((status = habar_make_scan(&m.plan, m.dir)) != HABAR_OK) {
		cli_report(m.dir, 0, status, status == HABAR_ERR_IO ?
		    strerror(errno) : NULL);
		return cli_exit();
	}
	snprintf(m.id, sizeof(m.id), "%s", id ? id : m.plan->id);
	safe_id(m.id);
	if (m.outdir == NULL) {
		snprintf(outdir, sizeof(outdir), "%s/out", m.dir);
		m.outdir = outdir;
	}
	if (mkdir(m.outdir, 0755) != 0 && errno != EEXIST) {
		cli_error("%s: %s", m.outdir, strerror(errno));
		goto done;
	}
	snprintf(m.work, sizeof(m.work), "%s/.work-XXXXXX", m.outdir);
	if (mkdtemp(m.work) == NULL) {
		cli_error("%s: %s", m.work, strerror(errno));
		m.work[0] = '\0';
		goto done;
	}
	printf("habar make: release %s, from %s\n", m.id, m.dir);

	/* 1. Each version, whatever its form, as release text. */
	for (i = 0; i < m.plan->count; i++)
		if (m.plan->files[i].role == HABAR_MAKE_VERSION)
			read_version(&m, &m.plan->files[i]);
	for (i = 0; i < m.plan->count; i++)
		if (m.plan->files[i].role == HABAR_MAKE_ATTACHMENT)
			printf("  attachment %s\n", m.plan->files[i].name);
	if (m.nlangs == 0) {
		cli_error("%s: no language version found (.md .txt .html "
		    ".docx .odt)", m.dir);
		goto done;
	}
	for (i = 1; i < m.nlangs; i++)
		if (m.dates[0] && m.dates[i] && strncmp(m.dates[0] + strlen(
		    m.langs[0]), m.dates[i] + strlen(m.langs[i]), 11) != 0)
			note(&m, "dates differ between versions: %s; %s",
			    m.dates[0], m.dates[i]);

	/* 2. Normalised, into OUTDIR. */
	for (i = 0; i < m.nlangs; i++) {
		snprintf(in[i], sizeof(in[i]), "%s/%s.%s.md", m.outdir, m.id,
		    m.langs[i]);
		snprintf(path, sizeof(path), "%s/%s.%s.md", m.work, m.id,
		    m.langs[i]);
		nargs = 1;
		if (dash != NULL) {
			args[nargs++] = "--dash";
			args[nargs++] = (char *)dash;
		}
		args[nargs++] = "-o";
		args[nargs++] = in[i];
		args[nargs++] = path;
		args[nargs] = NULL;
		if (run("habar-norm", args, NULL) != 0) {
			cli_error("habar-norm failed on the %s version",
			    m.langs[i]);
			goto done;
		}
	}

	/* 2b. The Kazakh version in Latin letters, beside the pack. */
	if (latin)
		write_latin(&m, in, exceptions, nexceptions, no_exceptions);

	/* 3. Spelling, a report per language. */
	for (i = 0; i < m.nlangs; i++) {
		unsigned long n;
		snprintf(path, sizeof(path), "%s/spelling.%s.txt", m.outdir,
		    m.langs[i]);
		args[1] = in[i];
		args[2] = NULL;
		st = run("habar-spell", args, path);
		if (st != 0 && st != 1) {
			printf("  spelling %s: not checked (habar-spell "
			    "failed)\n", m.langs[i]);
			m.attention = 1;
			continue;
		}
		n = count_lines(path);
		if (n == 0) {
			unlink(path);
			continue;
		}
		printf("  spelling %s: %lu words to check, in %s\n", m.langs[i],
		    n, path);
		spelled = m.attention = 1;
	}
	if (!spelled)
		printf("  spelling: nothing found\n");

	/* 4. Consistency between the versions, when habar-qa is there. */
	if (!find_program("habar-qa", path, sizeof(path))) {
		printf("  consistency: not checked (habar-qa is not "
		    "installed)\n");
	} else if (m.nlangs > 1) {
		snprintf(path, sizeof(path), "%s/qa.txt", m.outdir);
		for (i = 0; i < m.nlangs; i++)
			args[1 + i] = in[i];
		args[1 + m.nlangs] = NULL;
		st = run("habar-qa", args, path);
		if (st == 0) {
			printf("  consistency: nothing found\n");
			unlink(path);
		} else if (st == 1) {
			printf("  consistency: %lu things to check, in %s\n",
			    count_lines(path), path);
			m.attention = 1;
		} else {
			printf("  consistency: habar-qa failed (status %d)\n",
			    st);
			m.attention = 1;
		}
	}

	/* 5. Aligned and packed with the attachments, then verified. */
	snprintf(pack, sizeof(pack), "%s/%s.zip", m.outdir, m.id);
	nargs = 1;
	args[nargs++] = "-o";
	args[nargs++] = pack;
	if (min_confidence != NULL) {
		args[nargs++] = "--min-confidence";
		args[nargs++] = (char *)min_confidence;
	}
	if (strict)
		args[nargs++] = "--strict";
	for (i = 0; i < m.plan->count && nargs < 50; i++)
		if (m.plan->files[i].role == HABAR_MAKE_ATTACHMENT) {
			char *a = malloc(PATH_MAX * 2);
			if (a == NULL)
				break;
			snprintf(a, PATH_MAX * 2, "%s/%s", m.dir,
			    m.plan->files[i].name);
			args[nargs++] = "--attach";
			args[nargs++] = a;
		}
	for (i = 0; i < m.nlangs; i++)
		args[nargs++] = in[i];
	args[nargs] = NULL;
	st = run("habar-pack", args, NULL);
	for (i = 1; i < nargs; i++)
		if (strcmp(args[i], "--attach") == 0)
			free(args[++i]);
	if (st == 1 && strict) {
		printf("  pack: none (--strict: the versions disagree, see the "
		    "consistency report)\n");
		cli_found();
		goto done;
	}
	if (st != 0) {
		cli_error("habar-pack failed: no pack made");
		goto done;
	}
	args[1] = "-q";
	args[2] = pack;
	args[3] = NULL;
	if ((st = run("habar-verify", args, NULL)) != 0) {
		cli_error("%s: habar-verify found problems", pack);
		goto done;
	}
	printf("  pack: %s (verified)\n", pack);
	printf("%s\n", m.attention ? "Needs a look: see 'to fix' and the "
	    "reports above." : "All clean.");
	if (m.attention)
		cli_found();
done:
	remove_work(&m);
	for (i = 0; i < 3; i++)
		free(m.dates[i]);
	habar_make_free(m.plan);
	return cli_exit();
}

int
main(int argc, char **argv)
{
	char path[PATH_MAX], name[256];
	const char *verb;
	size_t i;

	cli_init(argc, argv, usage);
	find_self(argv[0]);
	if (argc < 2)
		cli_usage_error("a command is needed");
	verb = argv[1];
	if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0 ||
	    strcmp(verb, "help") == 0) {
		print_help();
		return cli_exit();
	}
	if (strcmp(verb, "--version") == 0)
		cli_handle_help_version(2, argv);
	if (verb[0] == '-')
		cli_usage_error("unknown option '%s'", verb);
	if (strcmp(verb, "make") == 0)
		return make_main(argc - 1, argv + 1);
	for (i = 0; verb[i] != '\0'; i++)
		if (!((verb[i] >= 'a' && verb[i] <= 'z') ||
		    (verb[i] >= '0' && verb[i] <= '9') || verb[i] == '-'))
			cli_usage_error("'%s' is not a habar command", verb);
	snprintf(name, sizeof(name), "habar-%.200s", verb);
	if (!find_program(name, path, sizeof(path)))
		cli_usage_error("'%s' is not a habar command (no %s beside "
		    "habar or on PATH)", verb, name);
	argv[1] = name;
	fflush(stdout);
	execv(path, argv + 1);
	cli_fatal("%s: %s", path, strerror(errno));
}
