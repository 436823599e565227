/*
 * norm_memory.h: normalising a buffer in memory, for the tests that check
 * habar_norm_stream() on many inputs (the fuzz target and the corpus
 * idempotence test).  Test code only; include once per program.
 */
#ifndef HABAR_TEST_NORM_MEMORY_H
#define HABAR_TEST_NORM_MEMORY_H

#include <stdio.h>
#include <stdlib.h>

#include <habar/norm.h>

/*
 * Normalises size bytes at data; returns a malloc'd buffer of *out_size
 * bytes, or NULL when the normaliser reported an error (its message is
 * on norm) or memory ran short.
 */
static char *
norm_in_memory(struct habar_norm *norm, const char *data, size_t size,
    size_t *out_size)
{
	FILE *in, *out;
	char *buf = NULL;
	enum habar_status status;

	*out_size = 0;
	if (size == 0)
		return calloc(1, 1);
	if ((in = fmemopen((void *)data, size, "r")) == NULL)
		return NULL;
	if ((out = open_memstream(&buf, out_size)) == NULL) {
		fclose(in);
		return NULL;
	}
	status = habar_norm_stream(norm, in, out);
	fclose(in);
	fclose(out);
	if (status != HABAR_OK) {
		free(buf);
		return NULL;
	}
	return buf;
}

#endif
