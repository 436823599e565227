/*
 * map64.c: the open-addressing map from 64-bit keys to 32-bit values
 * that the learnt lexicons count and number stems with (see
 * map64_internal.h).  Linear probing in a power-of-two table kept at
 * most three quarters full; keys are placed by a 64-bit mixer, as stem
 * hashes and packed stem pairs are far from uniform in their low bits.
 */
#include <stdlib.h>
#include <string.h>

#include "map64_internal.h"

/* The capacity of a map's first table. */
#define FIRST_CAP 4096

uint64_t
habar__map64_mix(uint64_t key)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdull;
	key ^= key >> 33;
	return key;
}

/* Moves the map into a table of ncap slots; 0 when memory is short. */
static int
rehash(struct habar__map64 *m, size_t ncap)
{
	uint64_t *nk;
	uint32_t *nv;
	size_t i, j;

	if (ncap > SIZE_MAX / sizeof(*nk))
		return 0;
	nk = calloc(ncap, sizeof(*nk));
	nv = malloc(ncap * sizeof(*nv));
	if (nk == NULL || nv == NULL) {
		free(nk);
		free(nv);
		return 0;
	}
	for (i = 0; i < m->cap; i++) {
		if (m->keys[i] == 0)
			continue;
		j = (size_t)habar__map64_mix(m->keys[i]) & (ncap - 1);
		while (nk[j] != 0)
			j = (j + 1) & (ncap - 1);
		nk[j] = m->keys[i];
		nv[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = nk;
	m->vals = nv;
	m->cap = ncap;
	return 1;
}

uint32_t *
habar__map64_put(struct habar__map64 *m, uint64_t key, uint32_t init,
    int *added)
{
	size_t i;

	if (added != NULL)
		*added = 0;
	if ((m->count + 1) * 4 > m->cap * 3 &&
	    !rehash(m, m->cap ? m->cap * 2 : FIRST_CAP))
		return NULL;
	i = (size_t)habar__map64_mix(key) & (m->cap - 1);
	while (m->keys[i] != 0 && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	if (m->keys[i] == 0) {
		m->keys[i] = key;
		m->vals[i] = init;
		m->count++;
		if (added != NULL)
			*added = 1;
	}
	return &m->vals[i];
}

uint32_t
habar__map64_get(const struct habar__map64 *m, uint64_t key, uint32_t absent)
{
	size_t i;

	if (m->cap == 0)
		return absent;
	i = (size_t)habar__map64_mix(key) & (m->cap - 1);
	while (m->keys[i] != 0) {
		if (m->keys[i] == key)
			return m->vals[i];
		i = (i + 1) & (m->cap - 1);
	}
	return absent;
}

void
habar__map64_free(struct habar__map64 *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}
