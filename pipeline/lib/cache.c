/*
 * cache.c: where a cache derived from a file lives when it cannot live
 * beside it (a memory in a read-only folder).  Shared by the aligner's
 * lexicon cache (lexicon.c) and habar-xliff's memory index
 * (xliff_index.c), so that both follow the XDG base directory rule alike.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cache_internal.h"

int
habar__cache_elsewhere(const char *path, const char *suffix, char *out,
    size_t outsize)
{
	const char *base = getenv("XDG_CACHE_HOME"), *home = getenv("HOME"),
	    *name;
	char dir[PATH_MAX], real[PATH_MAX], parent[PATH_MAX], *slash;
	uint32_t h = 2166136261u;
	const char *p;

	if (base != NULL && base[0] == '/')
		snprintf(dir, sizeof(dir), "%s/habar", base);
	else if (home != NULL && home[0] == '/')
		snprintf(dir, sizeof(dir), "%s/.cache/habar", home);
	else
		return -1;
	if (realpath(path, real) == NULL)
		return -1;
	for (p = real; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	name = strrchr(real, '/');
	name = name != NULL ? name + 1 : real;
	/* The directory and its parent, as far as they can be made. */
	snprintf(parent, sizeof(parent), "%s", dir);
	if ((slash = strrchr(parent, '/')) != NULL && slash != parent) {
		*slash = '\0';
		(void)mkdir(parent, 0700);
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return -1;
	if ((size_t)snprintf(out, outsize, "%s/%s.%08x%s", dir, name,
	    (unsigned)h, suffix) >= outsize)
		return -1;
	return 0;
}

int
habar__cache_beside(void)
{
	const char *value = getenv("HABAR_CACHE_BESIDE");

	return value == NULL || strcmp(value, "0") != 0;
}
