/*
 * grow_internal.h: the one way the library grows a dynamic array (grow.c).
 * Modules used to repeat the same "realloc and double the capacity" steps,
 * each with its own overflow check or none; they share this helper instead
 * so that every array grows alike and a size that cannot be represented is
 * a clean error rather than a short allocation.
 */
#ifndef HABAR_GROW_INTERNAL_H
#define HABAR_GROW_INTERNAL_H

#include <stddef.h>

#include <habar/status.h>

/*
 * Makes room in *array, which holds *cap elements of size bytes, for at
 * least need elements.  When need <= *cap nothing happens.  Otherwise the
 * capacity doubles, starting from *cap or, for an empty array (*cap == 0),
 * from first, until it reaches need, and *array is reallocated: the passed
 * pointer is no longer valid and the first *cap elements are kept.
 * Returns HABAR_OK; HABAR_ERR_LIMIT when the new capacity or its size in
 * bytes does not fit in a size_t; HABAR_ERR_NOMEM when realloc() fails;
 * HABAR_ERR_ARGUMENT when size or first is 0.  On failure *array and *cap
 * are left as they were.
 */
enum habar_status habar__grow(void **array, size_t *cap, size_t need,
    size_t size, size_t first);

#endif
