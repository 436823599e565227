/*
 * replay.c: runs a libFuzzer target without libFuzzer, for compilers that
 * lack it.  Every file in the seed directories is fed as it is, then a
 * fixed number of deterministic mutations of each (bytes flipped, cut,
 * duplicated), so the target still meets hostile input in every build.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MUTATIONS 200

static uint32_t rng_state = 2463534242u;

static uint32_t
next_random(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static void
run_with_mutations(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size * 2 + 16);
	int m;

	if (copy == NULL)
		return;
	LLVMFuzzerTestOneInput(data, size);
	for (m = 0; m < MUTATIONS; m++) {
		size_t n = size, i, flips = 1 + next_random() % 8;
		memcpy(copy, data, size);
		for (i = 0; i < flips && n > 0; i++)
			copy[next_random() % n] = (uint8_t)next_random();
		if (m % 3 == 1 && n > 0)
			n = next_random() % n;
		else if (m % 3 == 2 && n > 0) {
			size_t extra = next_random() % (n < 16 ? n : 16);
			memcpy(copy + n, copy + next_random() % (n - extra + 1), extra);
			n += extra;
		}
		LLVMFuzzerTestOneInput(copy, n);
	}
	free(copy);
}

static int
run_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t size = 0, cap = 0, n;

	if (fp == NULL)
		return -1;
	do {
		if (size + 4096 > cap) {
			uint8_t *grown = realloc(data, cap = (cap + 4096) * 2);
			if (grown == NULL) {
				free(data);
				fclose(fp);
				return -1;
			}
			data = grown;
		}
		n = fread(data + size, 1, cap - size, fp);
		size += n;
	} while (n > 0);
	fclose(fp);
	run_with_mutations(data, size);
	free(data);
	return 0;
}

int
main(int argc, char **argv)
{
	int i, files = 0;

	for (i = 1; i < argc; i++) {
		DIR *dir = opendir(argv[i]);
		struct dirent *entry;
		if (dir == NULL) {
			if (run_file(argv[i]) == 0)
				files++;
			continue;
		}
		while ((entry = readdir(dir)) != NULL) {
			char path[4096];
			if (entry->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[i], entry->d_name);
			if (run_file(path) == 0)
				files++;
		}
		closedir(dir);
	}
	/* Hostile input needs no seed at all. */
	run_with_mutations((const uint8_t *)"", 0);
	printf("replayed %d seed files, %d mutations each\n", files, MUTATIONS);
	return 0;
}
