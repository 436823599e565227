/*
 * parallel_internal.h: helpers shared by the parallel-document and TMX
 * files of the library (not part of the public API).
 */
#ifndef HABAR_PARALLEL_INTERNAL_H
#define HABAR_PARALLEL_INTERNAL_H

#include <stdio.h>
#include <stddef.h>

#include <habar/status.h>

/*
 * Makes room in *array (of *cap elements of size bytes) for element count,
 * doubling it.  Returns HABAR_OK, HABAR_ERR_LIMIT past
 * HABAR_PARALLEL_MAX_ITEMS, HABAR_ERR_NOMEM (the array is left as it was).
 */
enum habar_status habar__parallel_grow(void **array, size_t *cap,
    size_t count, size_t size);

/*
 * Writes len bytes of UTF-8 text to fp escaped for XML character data (or
 * an attribute value when attr is non-zero: quotes, tabs and line breaks
 * escaped too).  Bytes that are not valid UTF-8 and characters XML 1.0
 * forbids become U+FFFD, so the output always parses.  Returns HABAR_OK or
 * HABAR_ERR_IO.
 */
enum habar_status habar__xml_escape(FILE *fp, const char *s, size_t len,
    int attr);

/*
 * Removes the last language of doc with everything it holds (used when
 * loading a release fails half-way).  Links must not refer to it yet.
 */
struct habar_parallel;
void habar__parallel_drop_language(struct habar_parallel *doc);

#endif
