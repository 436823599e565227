/*
 * grow.c: growing the library's dynamic arrays (see grow_internal.h).
 * Doubling keeps the cost of appending constant on average; the overflow
 * checks make a huge request fail with a status instead of wrapping
 * around to a small allocation that later writes would overrun.
 */
#include <stdint.h>
#include <stdlib.h>

#include "grow_internal.h"

enum habar_status
habar__grow(void **array, size_t *cap, size_t need, size_t size,
    size_t first)
{
	size_t ncap;
	void *p;

	if (size == 0 || first == 0)
		return HABAR_ERR_ARGUMENT;
	if (need <= *cap)
		return HABAR_OK;
	ncap = *cap ? *cap : first;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return HABAR_ERR_LIMIT;
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / size)
		return HABAR_ERR_LIMIT;
	if ((p = realloc(*array, ncap * size)) == NULL)
		return HABAR_ERR_NOMEM;
	*array = p;
	*cap = ncap;
	return HABAR_OK;
}
