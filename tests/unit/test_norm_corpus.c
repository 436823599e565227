/*
 * test_norm_corpus.c: idempotence of the normaliser on real text: every
 * .txt file of the shared corpus ($HABAR_SHARED/corpus, read in place) is
 * normalised in each language, and normalising the result again must
 * change nothing.  Skipped (77) when the corpus is absent.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <habar/norm.h>

#include "check.h"
#include "../norm_memory.h"

static const char *langs[] = { "kk", "ru", "en" };
static unsigned long files, bytes;

static char *
slurp(const char *path, size_t *size)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (fp == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL &&
	    fread(buf, 1, (size_t)n, fp) == (size_t)n) {
		*size = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	return buf;
}

static void
check_file(struct habar_norm **norms, const char *path)
{
	size_t size, n1, n2, i;
	char *data = slurp(path, &size), *once, *twice;

	CHECK(data != NULL);
	if (data == NULL)
		return;
	files++;
	bytes += size;
	for (i = 0; i < 3; i++) {
		once = norm_in_memory(norms[i], data, size, &n1);
		twice = once ? norm_in_memory(norms[i], once, n1, &n2) : NULL;
		if (once == NULL || twice == NULL)
			fprintf(stderr, "norm failed: %s\n",
			    habar_norm_error(norms[i]));
		if (once == NULL || twice == NULL || n1 != n2 ||
		    memcmp(once, twice, n1) != 0) {
			fprintf(stderr, "%s (%s): not idempotent\n", path, langs[i]);
			check_failures++;
		}
		free(once);
		free(twice);
	}
	free(data);
}

static void
walk(struct habar_norm **norms, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];
	struct stat st;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			walk(norms, path);
		else if (len > 4 && strcmp(e->d_name + len - 4, ".txt") == 0)
			check_file(norms, path);
	}
	closedir(d);
}

int
main(void)
{
	const char *shared = getenv("HABAR_SHARED");
	struct habar_norm *norms[3] = { NULL, NULL, NULL };
	char corpus[4096];
	struct stat st;
	size_t i;

	if (shared == NULL || *shared == '\0') {
		printf("HABAR_SHARED is not set: skipped\n");
		return 77;
	}
	snprintf(corpus, sizeof(corpus), "%s/corpus", shared);
	if (stat(corpus, &st) != 0 || !S_ISDIR(st.st_mode)) {
		printf("no corpus at %s: skipped\n", corpus);
		return 77;
	}
	for (i = 0; i < 3; i++)
		CHECK(habar_norm_new(&norms[i], langs[i]) == HABAR_OK);
	if (check_failures == 0)
		walk(norms, corpus);
	printf("%lu files, %lu bytes, each in kk, ru and en\n", files, bytes);
	CHECK(files > 0);
	for (i = 0; i < 3; i++)
		habar_norm_free(norms[i]);
	return CHECK_DONE();
}
