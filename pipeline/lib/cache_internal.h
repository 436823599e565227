/*
 * cache_internal.h: where a cache derived from a file goes when it cannot
 * sit beside that file (cache.c).  The aligner's lexicon of a memory and
 * habar-xliff's index of a memory are both caches of this kind; one rule
 * for where they live keeps them easy to find and to clear.
 */
#ifndef HABAR_CACHE_INTERNAL_H
#define HABAR_CACHE_INTERNAL_H

#include <stddef.h>

/*
 * Writes into out (outsize bytes) the path of the cache of the file at
 * path in the user's cache directory: $XDG_CACHE_HOME/habar/ when that is
 * an absolute path, else $HOME/.cache/habar/, named after the file's base
 * name, a hash of its real path (two files of one name do not share a
 * cache) and suffix (".lex").  The directory is made (mode 0700) when
 * missing.  Returns 0, or -1 when there is no such directory, it cannot
 * be made, path does not resolve or the result does not fit.
 */
int habar__cache_elsewhere(const char *path, const char *suffix, char *out,
    size_t outsize);

/*
 * Whether caches may be written beside the files they derive from: yes,
 * unless the environment sets HABAR_CACHE_BESIDE to "0" (the test suite
 * does, so that runs leave the source tree as it was); they then go to
 * the user's cache directory only.  Caches found beside are read either
 * way.
 */
int habar__cache_beside(void);

#endif
