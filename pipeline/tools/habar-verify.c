/*
 * habar-verify: checks release packs against their manifests: files
 * missing, extra, changed or truncated, and the manifest's validity.  The
 * checking is habar_pack_verify() (habar/pack.h); this file reports.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/manifest.h>
#include <habar/pack.h>

#include "cli.h"

static const char usage[] =
    "usage: habar-verify [--list] [--quiet] PACK...\n"
    "Checks each release pack (zip, tar.gz, tar.xz) against its manifest:\n"
    "files missing, extra, changed or truncated, and the manifest itself\n"
    "against its schema.  Prints one line per problem.\n"
    "\n"
    "  -l, --list     print the manifest: size, SHA-256, media type,\n"
    "                 language and path of every file\n"
    "  -q, --quiet    print nothing; the exit status tells\n"
    "      --help     print this help and exit\n"
    "      --version  print the version and exit\n"
    "\n"
    "Exit status: 0 when every pack is whole, 1 when a problem was found,\n"
    "2 when a pack cannot be read or is not a habar pack.\n";

struct report {
	const char *pack;
	int quiet;
};

static const char *
problem_name(enum habar_verify_problem problem)
{
	switch (problem) {
	case HABAR_VERIFY_MISSING:	return "missing";
	case HABAR_VERIFY_EXTRA:	return "extra";
	case HABAR_VERIFY_CHANGED:	return "changed";
	case HABAR_VERIFY_TRUNCATED:	return "truncated";
	case HABAR_VERIFY_SIZE:		return "size differs";
	case HABAR_VERIFY_UNSAFE:	return "unsafe";
	}
	return "problem";
}

static void
on_problem(void *arg, enum habar_verify_problem problem, const char *path,
    const char *detail)
{
	struct report *r = arg;

	cli_found();
	if (!r->quiet)
		printf("%s: %s%s%s (%s)\n", r->pack, path, *path ? ": " : "",
		    problem_name(problem), detail);
}

static void
list(const struct habar_manifest *m)
{
	size_t i;

	for (i = 0; i < m->count; i++) {
		const struct habar_manifest_entry *e = &m->entries[i];
		printf("%10" PRIu64 "  %s  %-28s %-3s %s\n", e->size, e->sha256,
		    e->media_type, e->lang ? e->lang : "-", e->path);
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	struct report report = { NULL, 0 };
	int c, listing = 0, i;

	cli_init(argc, argv, usage);
	cli_handle_help_version(argc, argv);
	while ((c = cli_getopt(argc, argv, "lq", longopts)) != -1) {
		switch (c) {
		case 'l':
			listing = 1;
			break;
		case 'q':
			report.quiet = 1;
			break;
		}
	}
	if (optind >= argc)
		cli_usage_error("no pack given");
	for (i = optind; i < argc; i++) {
		struct habar_manifest *m = NULL;
		enum habar_status status;
		char err[512] = "";

		report.pack = argv[i];
		status = habar_pack_verify(argv[i], on_problem, &report, &m,
		    err, sizeof(err));
		if (status != HABAR_OK) {
			cli_error("%s: %s", argv[i], err[0] ? err :
			    habar_status_string(status));
			continue;
		}
		if (listing && !report.quiet)
			list(m);
		habar_manifest_free(m);
	}
	return cli_exit();
}
