/*
 * batch_litter.c: telling the files an operating system leaves behind
 * (.DS_Store, __MACOSX/, Thumbs.db, desktop.ini...) from the members of
 * an archive of releases.  Every member is either used or reported, and
 * these used to be reported as problems, so that a release office's
 * archive made on a Mac made habar-batch exit 1 with nothing wrong in it.
 * The list lives in locales/root/os-litter, not here.
 */
#define _GNU_SOURCE /* FNM_CASEFOLD */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_internal.h"
#include "data_internal.h"
#include "grow_internal.h"

#define MAX_PATTERN 256

struct habar__batch_litter {
	char **patterns;
	size_t count, cap;
};

enum habar_status
habar__batch_litter_load(struct habar__batch_litter **litter_out)
{
	struct habar__batch_litter *litter;
	enum habar_status status;
	char line[MAX_PATTERN + 2], *copy;
	FILE *fp = NULL;
	size_t n;

	*litter_out = NULL;
	if ((litter = calloc(1, sizeof(*litter))) == NULL)
		return HABAR_ERR_NOMEM;
	if ((status = habar__data_open(&fp, NULL, "locales/root/os-litter")) !=
	    HABAR_OK)
		goto done;
	while (fgets(line, sizeof(line), fp) != NULL) {
		n = strcspn(line, "\r\n");
		if (line[n] == '\0' && !feof(fp)) {
			status = HABAR_ERR_LIMIT;	/* a line too long */
			goto done;
		}
		line[n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		if ((status = habar__grow((void **)&litter->patterns,
		    &litter->cap, litter->count + 1, sizeof(*litter->patterns),
		    16)) != HABAR_OK)
			goto done;
		if ((copy = strdup(line)) == NULL) {
			status = HABAR_ERR_NOMEM;
			goto done;
		}
		litter->patterns[litter->count++] = copy;
	}
	if (ferror(fp))
		status = HABAR_ERR_IO;
done:
	if (fp != NULL)
		fclose(fp);
	if (status != HABAR_OK) {
		habar__batch_litter_free(litter);
		return status;
	}
	*litter_out = litter;
	return HABAR_OK;
}

void
habar__batch_litter_free(struct habar__batch_litter *litter)
{
	size_t i;

	if (litter == NULL)
		return;
	for (i = 0; i < litter->count; i++)
		free(litter->patterns[i]);
	free(litter->patterns);
	free(litter);
}

/* Whether one component of a path (len bytes at name) matches pattern. */
static int
component_matches(const char *pattern, const char *name, size_t len)
{
	char part[MAX_PATTERN * 4];

	if (len >= sizeof(part))
		return 0;	/* longer than any pattern can match */
	memcpy(part, name, len);
	part[len] = '\0';
	return fnmatch(pattern, part, FNM_CASEFOLD | FNM_PERIOD) == 0;
}

const char *
habar__batch_litter_match(const struct habar__batch_litter *litter,
    const char *path)
{
	const char *slash = strrchr(path, '/'), *file = slash ? slash + 1 : path;
	const char *p, *end;
	char folder[MAX_PATTERN];
	size_t i, n;

	for (i = 0; litter != NULL && i < litter->count; i++) {
		const char *pattern = litter->patterns[i];
		n = strlen(pattern);
		if (n == 0 || pattern[n - 1] != '/') {
			if (component_matches(pattern, file, strlen(file)))
				return pattern;
			continue;
		}
		/* A folder: any folder of the path, not the file name. */
		if (n >= sizeof(folder))
			continue;
		memcpy(folder, pattern, n - 1);
		folder[n - 1] = '\0';
		for (p = path; slash != NULL && p < file; p = end + 1) {
			end = strchr(p, '/');
			if (component_matches(folder, p, (size_t)(end - p)))
				return pattern;
		}
	}
	return NULL;
}
