/*
 * cli.h: the front end every habar program shares.
 *
 * Program name and messages ("habar-x: file:12: message" on stderr), exit
 * statuses, --help and --version, opening "-" as stdin, the loop over file
 * arguments, atomic output files (-o), and the final check for write
 * errors on stdout.  Only the programs and this front end print or exit;
 * the library never does.
 */
#ifndef HABAR_CLI_H
#define HABAR_CLI_H

#include <stdio.h>
#include <stdnoreturn.h>

#include <habar/status.h>

/* Exit statuses of every habar program (documented in each man page). */
#define CLI_EXIT_OK 0		/* success, nothing found */
#define CLI_EXIT_FINDINGS 1	/* the program reports findings and found some */
#define CLI_EXIT_ERROR 2	/* usage error, unreadable input, failure */

/*
 * Records the program name (from argv[0]), sets a large stdout buffer and
 * a UTF-8 aware locale for messages.  usage is the full --help text;
 * its first line is the synopsis repeated after usage errors.
 */
void cli_init(int argc, char **argv, const char *usage);

/* The program name for messages, such as "habar-norm". */
const char *cli_progname(void);

/*
 * Handles --help and --version if argv holds them before any "--", then
 * returns; programs call it before getopt_long so that both work whatever
 * the other options say.  Exits 0 after printing.
 */
void cli_handle_help_version(int argc, char **argv);

struct option;

/*
 * getopt_long() with the front end's messages: an unknown option, a
 * missing argument or an argument given to an option that takes none
 * ("unknown option '--bogus'", "option '-o' needs an argument") is a
 * usage error (exit 2).  Returns the next option or -1, never '?' or ':'.
 * shortopts is getopt's string without a leading ':'.
 */
int cli_getopt(int argc, char **argv, const char *shortopts,
    const struct option *longopts);

/* The characters of the UTF-8 text s[0..len) (a column is this count
 * plus one). */
size_t cli_chars(const char *s, size_t len);

/*
 * Reports the ill-formed UTF-8 sequence at byte at of line number (text,
 * as read) of file name, as "prog: name:line:column: invalid UTF-8 (byte
 * 0xFF)", column in characters from 1, and records the error.
 */
void cli_invalid_utf8(const char *name, unsigned long number,
    const char *text, size_t at);

/* Prints "prog: message" on stderr (printf format, newline added). */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Like cli_warn(), then remembers that the program must exit 2. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Like cli_warn(), then exits 2 after removing any pending output file. */
noreturn void cli_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "prog: message" and "Try 'prog --help'." and exits 2. */
noreturn void cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Marks that findings were reported (exit 1 unless an error occurred). */
void cli_found(void);

/*
 * Opens path for reading, "-" meaning stdin.  On failure prints
 * "prog: path: reason", records the error and returns NULL; a directory
 * is such a failure.
 */
FILE *cli_open_input(const char *path);

/* Closes a stream from cli_open_input() (stdin is left open). */
void cli_close_input(FILE *fp);

/*
 * Calls process(fp, name, arg) on each file argument argv[first..argc-1],
 * or on stdin ("-") when there is none; files that cannot be opened are
 * reported and skipped.  process returns a CLI_EXIT_* status; the worst is
 * recorded.
 */
typedef int cli_process_fn(FILE *fp, const char *name, void *arg);
void cli_each_input(int argc, char **argv, int first, cli_process_fn *process,
    void *arg);

/*
 * Opens the output: stdout when path is NULL, "-" or "/dev/stdout"; a
 * descriptor's own name (/dev/stderr, /dev/fd/N, /proc/self/fd/N) or
 * what is not a regular file (a FIFO, a device) is written directly.
 * Otherwise the output goes to an unnamed temporary file (O_TMPFILE;
 * where the file system lacks it, ".habar-tmp-XXXXXX", removed by
 * cli_fatal() and signals) in the folder of path, and cli_output_commit()
 * puts it in place in one step, so that readers never see a half-written
 * file and a killed program leaves nothing behind.  A regular file
 * replaced keeps its mode (and owner, run as root); a symbolic link is
 * followed and its target replaced; a dangling link, a directory or a
 * folder that cannot be written is an error.  Exits 2 on failure.
 */
FILE *cli_output_open(const char *path);

/*
 * Flushes and closes the output opened by cli_output_open(); a file is
 * synced and renamed into place.  Exits 2 on a write error, removing the
 * temporary file.
 */
void cli_output_commit(FILE *fp);

/* Removes the temporary output file if one is pending. */
void cli_output_abort(void);

/*
 * Returns the value of the argument arg of option, a decimal count of
 * zero or more with nothing around it; anything else (a sign, a
 * fraction, a value past ULONG_MAX) is a usage error, which exits 2.
 */
unsigned long cli_count(const char *option, const char *arg);

/*
 * Returns the value of the argument arg of option, a decimal number from
 * 0 to 1 written with a point ("0.5", "1", ".75") and nothing around it;
 * anything else (a sign, an exponent, a comma, a value past 1) is a usage
 * error, which exits 2.
 */
double cli_fraction(const char *option, const char *arg);

/*
 * Reports a library status as "prog: name:line: detail" with whatever
 * parts are given (name may be NULL, line 0; the status's own text stands
 * for a NULL or empty detail) and records the error.
 */
void cli_report(const char *name, unsigned long line, enum habar_status status,
    const char *detail);

/*
 * Ends the program: flushes stdout, checks it for write errors (a full
 * disk, a closed pipe) and returns the exit status: 2 if any error was
 * recorded, else 1 if findings were, else 0.  Use as return cli_exit();
 */
int cli_exit(void);

#endif
