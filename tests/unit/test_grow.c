/*
 * test_grow.c: habar__grow(), the library's one way of growing an array:
 * the first capacity, doubling until the request fits, the elements kept
 * across a reallocation, and requests whose size cannot be represented,
 * which must fail and leave the array exactly as it was.
 */
#include <stdint.h>
#include <stdlib.h>

#include "grow_internal.h"

#include "check.h"

int
main(void)
{
	int *a = NULL, *before;
	char *bytes = NULL;
	size_t cap = 0, bytes_cap = 0, i;

	/* An empty array gets the first capacity, whole: ASan reports a
	 * write past a shorter allocation. */
	CHECK(habar__grow((void **)&a, &cap, 1, sizeof(*a), 16) == HABAR_OK);
	CHECK(a != NULL);
	CHECK(cap == 16);
	for (i = 0; i < cap; i++)
		a[i] = (int)i * 3;

	/* A request that fits changes nothing. */
	before = a;
	CHECK(habar__grow((void **)&a, &cap, 16, sizeof(*a), 16) == HABAR_OK);
	CHECK(a == before);
	CHECK(cap == 16);
	CHECK(habar__grow((void **)&a, &cap, 0, sizeof(*a), 16) == HABAR_OK);
	CHECK(cap == 16);

	/* One past the capacity doubles it; a larger request doubles as often
	 * as needed, and the elements already there are kept. */
	CHECK(habar__grow((void **)&a, &cap, 17, sizeof(*a), 16) == HABAR_OK);
	CHECK(cap == 32);
	CHECK(habar__grow((void **)&a, &cap, 100, sizeof(*a), 16) == HABAR_OK);
	CHECK(cap == 128);
	for (i = 0; i < 16; i++)
		CHECK(a[i] == (int)i * 3);
	a[cap - 1] = 7;
	CHECK(a[cap - 1] == 7);

	/* first only matters for an empty array, and is doubled too. */
	CHECK(habar__grow((void **)&a, &cap, 129, sizeof(*a), 4) == HABAR_OK);
	CHECK(cap == 256);
	CHECK(habar__grow((void **)&bytes, &bytes_cap, 5, 1, 4) == HABAR_OK);
	CHECK(bytes_cap == 8);
	CHECK(habar__grow((void **)&bytes, &bytes_cap, 4096, 1, 4) == HABAR_OK);
	CHECK(bytes_cap == 4096);
	bytes[4095] = 'x';

	/* A count that doubling cannot reach, or a byte size that does not
	 * fit in a size_t, fails and leaves the array as it was. */
	before = a;
	CHECK(habar__grow((void **)&a, &cap, SIZE_MAX, sizeof(*a), 16) ==
	    HABAR_ERR_LIMIT);
	CHECK(a == before);
	CHECK(cap == 256);
	CHECK(habar__grow((void **)&a, &cap, SIZE_MAX / 2 + 2, 1, 16) ==
	    HABAR_ERR_LIMIT);
	CHECK(a == before);
	CHECK(cap == 256);
	CHECK(habar__grow((void **)&a, &cap, 257, SIZE_MAX / 64, 16) ==
	    HABAR_ERR_LIMIT);
	CHECK(a == before);
	CHECK(cap == 256);
	CHECK(a[0] == 0 && a[15] == 45);
	{
		void *none = NULL;
		size_t none_cap = 0;

		CHECK(habar__grow(&none, &none_cap, 1, SIZE_MAX / 8 + 1, 16) ==
		    HABAR_ERR_LIMIT);
		CHECK(none == NULL);
		CHECK(none_cap == 0);
		CHECK(habar__grow(&none, &none_cap, 1, 0, 16) ==
		    HABAR_ERR_ARGUMENT);
		CHECK(habar__grow(&none, &none_cap, 1, 1, 0) ==
		    HABAR_ERR_ARGUMENT);
		CHECK(none == NULL);
		CHECK(none_cap == 0);
	}

	free(a);
	free(bytes);
	return CHECK_DONE();
}
