/*
 * check.h: the few assertions the unit tests need, and the fixture file
 * they write.  A failed check prints
 * where and what, and the test exits 1 at the end; checks keep going so a
 * run shows every failure at once.
 */
#ifndef HABAR_TEST_CHECK_H
#define HABAR_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
		    __LINE__, #cond); \
		check_failures++; \
	} \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *got_ = (got), *want_ = (want); \
	if (got_ == NULL || strcmp(got_, want_) != 0) { \
		fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, \
		    __LINE__, got_ ? got_ : "(null)", want_); \
		check_failures++; \
	} \
} while (0)

#define CHECK_MEM(got, got_len, want) do { \
	const char *want_ = (want); \
	size_t want_len_ = strlen(want_); \
	if ((got_len) != want_len_ || memcmp((got), want_, want_len_) != 0) { \
		fprintf(stderr, "%s:%d: got \"%.*s\", want \"%s\"\n", \
		    __FILE__, __LINE__, (int)(got_len), (got), want_); \
		check_failures++; \
	} \
} while (0)

#define CHECK_DONE() (check_failures == 0 ? 0 : 1)

/* Writes text to the file name in directory dir, a check that it could. */
static inline void
check_write_file(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *fp;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    sizeof(path)) {
		CHECK(!"path too long");
		return;
	}
	fp = fopen(path, "wb");
	CHECK(fp != NULL && fputs(text, fp) >= 0);
	if (fp != NULL)
		fclose(fp);
}

#endif
