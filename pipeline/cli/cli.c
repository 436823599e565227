/*
 * cli.c: the shared front end of the habar programs (see cli.h).
 */
#define _GNU_SOURCE /* O_TMPFILE, AT_EMPTY_PATH */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static const char *progname = "habar";
static const char *usage_text = "";
static int had_error, had_findings;

/*
 * The pending output.  A regular file is written unnamed (O_TMPFILE) in
 * the folder of its final name and given a name only at the commit, so
 * that a program killed outright (SIGKILL, a power cut) leaves nothing
 * behind; where the file system cannot do that, a named temporary file
 * (".habar-tmp-XXXXXX") that signals and failures remove.  pending_tmp is
 * the temporary name while one exists, pending_final the final name,
 * pending_fd the descriptor of an unnamed file (-1 otherwise);
 * pending_direct says the output is written in place (a FIFO, a device,
 * another descriptor), with nothing to rename.
 */
static char *pending_tmp;
static char *pending_final;
static int pending_fd = -1;
static int pending_direct;
static struct stat pending_old;	/* the regular file replaced, if any */
static int pending_replaces;

static char stdout_buffer[1 << 16];

static void
on_signal(int sig)
{
	/* unlink() is async-signal-safe; the name was set before the
	 * handler could run. */
	if (pending_tmp != NULL)
		unlink(pending_tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Drops the pending output's names.  The signal handler reads
 * pending_tmp, so it is cleared before the memory is freed: a signal in
 * between must not unlink through a freed pointer. */
static void
forget_pending(void)
{
	char *tmp = pending_tmp, *final = pending_final;

	pending_tmp = NULL;
	pending_final = NULL;
	pending_fd = -1;
	pending_direct = 0;
	pending_replaces = 0;
	free(tmp);
	free(final);
}

void
cli_init(int argc, char **argv, const char *usage)
{
	(void)argc;
	if (argv[0] != NULL && *argv[0] != '\0') {
		const char *slash = strrchr(argv[0], '/');
		progname = slash ? slash + 1 : argv[0];
	}
	usage_text = usage;
	setlocale(LC_CTYPE, "");
	setvbuf(stdout, stdout_buffer, _IOFBF, sizeof(stdout_buffer));
}

const char *
cli_progname(void)
{
	return progname;
}

void
cli_handle_help_version(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return;
		if (strcmp(argv[i], "--help") == 0) {
			fputs(usage_text, stdout);
			exit(cli_exit());
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("%s (habar) %s\n", progname, HABAR_VERSION);
			exit(cli_exit());
		}
	}
}

static void
vwarn_message(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
cli_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_message(fmt, ap);
	va_end(ap);
}

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_message(fmt, ap);
	va_end(ap);
	had_error = 1;
}

void
cli_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_message(fmt, ap);
	va_end(ap);
	cli_output_abort();
	exit(CLI_EXIT_ERROR);
}

void
cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_message(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", progname);
	exit(CLI_EXIT_ERROR);
}

int
cli_getopt(int argc, char **argv, const char *shortopts,
    const struct option *longopts)
{
	/* A leading ':' makes getopt tell a missing argument (':') from
	 * an unknown option ('?'); the front end prints the message. */
	char spec[128];
	const char *arg;
	int c, name_len;

	if (snprintf(spec, sizeof(spec), ":%s", shortopts) >=
	    (int)sizeof(spec))
		cli_fatal("option string too long");
	opterr = 0;
	if ((c = getopt_long(argc, argv, spec, longopts, NULL)) != '?' &&
	    c != ':')
		return c;
	/* A long option in error has been consumed: it is argv[optind -
	 * 1].  A short one is optopt; getopt stays on its cluster ("-zq")
	 * when letters follow it there. */
	arg = optind > 0 && optind <= argc ? argv[optind - 1] : NULL;
	if (c == '?' && optopt != 0 && optind < argc &&
	    argv[optind][0] == '-' && argv[optind][1] != '-' &&
	    strchr(argv[optind] + 1, optopt) != NULL)
		arg = NULL;
	if (arg == NULL || strncmp(arg, "--", 2) != 0) {
		if (c == ':')
			cli_usage_error("option '-%c' needs an argument",
			    optopt);
		cli_usage_error("unknown option '-%c'", optopt);
	}
	name_len = (int)strcspn(arg, "=");
	if (c == ':')
		cli_usage_error("option '%s' needs an argument", arg);
	if (optopt != 0 && arg[name_len] == '=')
		cli_usage_error("option '%.*s' takes no argument", name_len,
		    arg);
	cli_usage_error("unknown option '%.*s'", name_len, arg);
}

size_t
cli_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	/* The bytes that do not continue a sequence. */
	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

void
cli_invalid_utf8(const char *name, unsigned long number, const char *text,
    size_t at)
{
	cli_error("%s:%lu:%zu: invalid UTF-8 (byte 0x%02X)", name, number,
	    cli_chars(text, at) + 1, (unsigned char)text[at]);
}

void
cli_found(void)
{
	had_findings = 1;
}

FILE *
cli_open_input(const char *path)
{
	struct stat st;
	FILE *fp;

	if (strcmp(path, "-") == 0)
		return stdin;
	if ((fp = fopen(path, "rb")) == NULL) {
		cli_error("%s: %s", path, strerror(errno));
		return NULL;
	}
	/* A directory opens, but its first read fails with a message each
	 * library words its own way: say so here, once for all. */
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		cli_error("%s: %s", path, strerror(EISDIR));
		fclose(fp);
		return NULL;
	}
	return fp;
}

void
cli_close_input(FILE *fp)
{
	if (fp != NULL && fp != stdin)
		fclose(fp);
}

void
cli_each_input(int argc, char **argv, int first, cli_process_fn *process,
    void *arg)
{
	int i;

	if (first >= argc) {
		int status = process(stdin, "-", arg);
		if (status == CLI_EXIT_FINDINGS)
			had_findings = 1;
		else if (status == CLI_EXIT_ERROR)
			had_error = 1;
		return;
	}
	for (i = first; i < argc; i++) {
		FILE *fp = cli_open_input(argv[i]);
		int status;

		if (fp == NULL)
			continue;
		status = process(fp, argv[i], arg);
		if (status == CLI_EXIT_FINDINGS)
			had_findings = 1;
		else if (status == CLI_EXIT_ERROR)
			had_error = 1;
		cli_close_input(fp);
	}
}

/*
 * The descriptor a name such as /dev/stdout, /dev/fd/3 or /proc/self/fd/3
 * stands for, or -1.  Such an output is that descriptor itself (its
 * offset, its O_APPEND), not a file to replace.
 */
static int
descriptor_name(const char *path)
{
	static const char *const prefixes[] = { "/dev/fd/", "/proc/self/fd/" };
	const char *digits = NULL;
	unsigned long n;
	char *end;
	size_t i;

	if (strcmp(path, "/dev/stdout") == 0)
		return STDOUT_FILENO;
	if (strcmp(path, "/dev/stderr") == 0)
		return STDERR_FILENO;
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(path, prefixes[i], strlen(prefixes[i])) == 0)
			digits = path + strlen(prefixes[i]);
	if (digits == NULL || *digits < '0' || *digits > '9')
		return -1;
	errno = 0;
	n = strtoul(digits, &end, 10);
	if (*end != '\0' || errno != 0 || n > 65535)
		return -1;
	return (int)n;
}

/* Opens what is not a regular file (a FIFO, a device) to write in place. */
static FILE *
open_direct(const char *path, int fd)
{
	FILE *fp;

	if (fd == STDOUT_FILENO)
		return stdout;
	if (fd >= 0)
		fd = dup(fd);
	else
		fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		cli_fatal("%s: %s", path, strerror(errno));
	if ((fp = fdopen(fd, "wb")) == NULL) {
		close(fd);
		cli_fatal("%s: %s", path, strerror(errno));
	}
	if ((pending_final = strdup(path)) == NULL)
		cli_fatal("out of memory");
	pending_direct = 1;
	return fp;
}

/*
 * The name a new file gets: path, or the target of path when path is a
 * symbolic link to a regular file (the link is kept, like cp and
 * sed --follow-symlinks do).  Exits 2 on a dangling link.
 */
static char *
final_name(const char *path)
{
	struct stat lst;
	char *real;

	if (lstat(path, &lst) != 0 || !S_ISLNK(lst.st_mode)) {
		if ((real = strdup(path)) == NULL)
			cli_fatal("out of memory");
		return real;
	}
	if ((real = realpath(path, NULL)) == NULL) {
		if (errno == ENOENT)
			cli_fatal("%s: not writing through a dangling symbolic "
			    "link", path);
		cli_fatal("%s: %s", path, strerror(errno));
	}
	return real;
}

FILE *
cli_output_open(const char *path)
{
	char *copy, *dir;
	struct stat st;
	FILE *fp;
	int fd, saved;
	size_t len;
	mode_t mask;

	if (path == NULL || strcmp(path, "-") == 0)
		return stdout;
	if ((fd = descriptor_name(path)) >= 0)
		return open_direct(path, fd);
	if (stat(path, &st) == 0) {
		/* Said before any work is done, not when the rename fails. */
		if (S_ISDIR(st.st_mode))
			cli_fatal("%s: %s", path, strerror(EISDIR));
		if (!S_ISREG(st.st_mode))
			return open_direct(path, -1);
		pending_old = st;
		pending_replaces = 1;
	} else if (errno != ENOENT) {
		cli_fatal("%s: %s", path, strerror(errno));
	}
	pending_final = final_name(path);
	if ((copy = strdup(pending_final)) == NULL)
		cli_fatal("out of memory");
	dir = dirname(copy);
	len = strlen(dir) + 32;
	if ((pending_tmp = malloc(len)) == NULL)
		cli_fatal("out of memory");
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	signal(SIGPIPE, on_signal);
	fd = -1;
#ifdef O_TMPFILE
	/* Unnamed until the commit names it through /proc (no privilege
	 * needed); without /proc, the named temporary file. */
	if (access("/proc/self/fd", X_OK) == 0)
		fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
#endif
	if (fd >= 0) {
		pending_fd = fd;
		free(pending_tmp);
		pending_tmp = NULL;
	} else {
		snprintf(pending_tmp, len, "%s/.habar-tmp-XXXXXX", dir);
		if ((fd = mkstemp(pending_tmp)) < 0) {
			saved = errno;
			free(copy);
			forget_pending();
			cli_fatal("%s: %s", path, strerror(saved));
		}
	}
	free(copy);
	if (pending_replaces) {
		/* The file keeps its mode and, for root, its owner; the
		 * owner first, as a change of owner clears set-id bits. */
		if (geteuid() == 0)
			(void)fchown(fd, pending_old.st_uid,
			    pending_old.st_gid);
		fchmod(fd, pending_old.st_mode & 07777);
	} else {
		/* A new file gets the usual mode, not the temporary's 0600. */
		mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	if ((fp = fdopen(fd, "wb")) == NULL) {
		saved = errno;
		close(fd);
		pending_fd = -1;
		cli_fatal("%s: %s", path, strerror(saved));
	}
	return fp;
}

/*
 * Gives the unnamed file pending_fd a temporary name beside the final
 * one, to be renamed over it.  Returns 0, or -1 with errno set.
 */
static int
name_unnamed(void)
{
	char proc[64], *copy, *dir, *name;
	size_t len;
	int tries;

	if ((copy = strdup(pending_final)) == NULL)
		return -1;
	dir = dirname(copy);
	len = strlen(dir) + 32;
	if ((name = malloc(len)) == NULL) {
		free(copy);
		return -1;
	}
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", pending_fd);
	for (tries = 0; tries < 100; tries++) {
		snprintf(name, len, "%s/.habar-tmp-%06lx", dir,
		    ((unsigned long)getpid() * 7919u + (unsigned long)tries *
		    104729u + (unsigned long)time(NULL)) & 0xffffffUL);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, name,
		    AT_SYMLINK_FOLLOW) == 0) {
			/* Named: from here on a signal removes it. */
			pending_tmp = name;
			free(copy);
			return 0;
		}
		if (errno != EEXIST)
			break;
	}
	free(copy);
	free(name);
	return -1;
}

void
cli_output_commit(FILE *fp)
{
	int failed, direct = pending_direct;

	if (fp == stdout) {
		if (fflush(stdout) == EOF || ferror(stdout))
			cli_fatal("write error on standard output: %s",
			    strerror(errno));
		return;
	}
	failed = fflush(fp) == EOF || ferror(fp) ||
	    (!direct && fsync(fileno(fp)) != 0);
	if (!failed && pending_fd >= 0 && name_unnamed() != 0)
		failed = 1;
	if (fclose(fp) != 0)
		failed = 1;
	pending_fd = -1;
	if (failed)
		cli_fatal("%s: write error: %s", pending_final, strerror(errno));
	if (!direct && rename(pending_tmp, pending_final) != 0)
		cli_fatal("%s: %s", pending_final, strerror(errno));
	forget_pending();
}

void
cli_output_abort(void)
{
	if (pending_tmp != NULL)
		unlink(pending_tmp);
	/* An unnamed file goes with its descriptor, at exit. */
	forget_pending();
}

unsigned long
cli_count(const char *option, const char *arg)
{
	unsigned long value;
	char *end;

	errno = 0;
	value = strtoul(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || errno != 0)
		cli_usage_error("%s: bad count '%s'", option, arg);
	return value;
}

double
cli_fraction(const char *option, const char *arg)
{
	const char *p = arg;
	double value;
	int digits = 0;

	/* Checked by hand first: strtod() would take signs, exponents,
	 * "nan" and hexadecimal. */
	for (; *p >= '0' && *p <= '9'; p++)
		digits++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits++;
	value = digits > 0 && *p == '\0' ? strtod(arg, NULL) : -1.0;
	if (!(value >= 0.0 && value <= 1.0))
		cli_usage_error("%s: not a number from 0 to 1: '%s'", option,
		    arg);
	return value;
}

void
cli_report(const char *name, unsigned long line, enum habar_status status,
    const char *detail)
{
	char where[512] = "";

	if (name != NULL && line > 0)
		snprintf(where, sizeof(where), "%s:%lu: ", name, line);
	else if (name != NULL)
		snprintf(where, sizeof(where), "%s: ", name);
	if (detail != NULL && *detail != '\0')
		cli_error("%s%s", where, detail);
	else
		cli_error("%s%s", where, habar_status_string(status));
}

int
cli_exit(void)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		if (errno != EPIPE)
			fprintf(stderr, "%s: write error on standard output: %s\n",
			    progname, strerror(errno));
		cli_output_abort();
		return CLI_EXIT_ERROR;
	}
	cli_output_abort();
	if (had_error)
		return CLI_EXIT_ERROR;
	return had_findings ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
}
