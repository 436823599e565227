/*
 * make.h: what `habar make` finds in a release's folder: which files are
 * the release's language versions (in whatever form they came), which are
 * its attachments, and the release's id.  The steps that follow (import,
 * normalise, check, pack, verify) are the programs' own; see docs/make.md.
 */
#ifndef HABAR_MAKE_H
#define HABAR_MAKE_H

#include <stddef.h>

#include <habar/status.h>

enum habar_make_role {
	HABAR_MAKE_SKIP = 0,	/* not part of the release */
	HABAR_MAKE_VERSION,	/* a language version: .md .txt .html .htm
				 * .docx .odt */
	HABAR_MAKE_ATTACHMENT	/* .pptx .ppt .pdf .png .jpg .gif */
};

struct habar_make_file {
	char name[256];		/* the file's name in the folder */
	enum habar_make_role role;
	char lang[16];		/* the language its name says, or "" */
	char release[256];	/* the release name its name says, or "" */
};

struct habar_make_plan {
	struct habar_make_file *files;	/* sorted by name */
	size_t count;
	char id[256];		/* the release id the names agree on, or the
				 * folder's name */
};

/*
 * Lists the regular files of dir (not its subfolders, not hidden files,
 * not links) and gives each its role, and the language and release name
 * its name says (the names habar-batch reads: "<id>.<lang>.<ext>",
 * "<id>_<lang>.<ext>", a language's name in locales/root/language-names).
 * On success *plan_out holds the plan; free it with habar_make_free().
 * Returns HABAR_OK, HABAR_ERR_IO (the folder cannot be read: errno
 * kept), HABAR_ERR_LIMIT (more than 10,000 files), HABAR_ERR_NOTFOUND
 * (the language names are not installed), HABAR_ERR_NOMEM.
 */
enum habar_status habar_make_scan(struct habar_make_plan **plan_out,
    const char *dir);

/* Frees a plan; NULL is harmless. */
void habar_make_free(struct habar_make_plan *plan);

#endif
