/*
 * map64_internal.h: an open-addressing hash map from a 64-bit key to a
 * 32-bit value (map64.c), not part of the public API.  The learnt
 * lexicons count and number stems and stem pairs by the million, and a
 * pair of 32-bit stems fits one 64-bit key; both the document's own
 * table (align_lex.c) and a memory's (lexicon.c) use this one map.
 */
#ifndef HABAR_MAP64_INTERNAL_H
#define HABAR_MAP64_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Zeroed, an empty map.  Key 0 marks an empty slot and cannot be stored.
 * A caller may walk keys[0..cap) itself: the slots whose key is not 0
 * hold the entries, in no particular order.
 */
struct habar__map64 {
	uint64_t *keys;
	uint32_t *vals;
	size_t cap, count;
};

/* The 64-bit mixer the map places keys with (MurmurHash3's finaliser,
 * first half); also a cheap way to spread a key over 32 bits. */
uint64_t habar__map64_mix(uint64_t key);

/*
 * The value of key (not 0), stored as init first when absent (*added set
 * to 1 then, 0 otherwise; added may be NULL).  The pointer is good until
 * the next put.  Returns NULL when memory is short (the map unchanged).
 */
uint32_t *habar__map64_put(struct habar__map64 *m, uint64_t key,
    uint32_t init, int *added);

/*
 * Asks the processor to start loading the slot where key's search would
 * begin, so that a caller about to put several keys can have their
 * slots come from memory together rather than one after the other.  A
 * hint only: nothing changes, and a put that grows the table in the
 * meantime merely wastes it.
 */
static inline void
habar__map64_prefetch(const struct habar__map64 *m, uint64_t key)
{
	if (m->cap > 0)
		__builtin_prefetch(&m->keys[habar__map64_mix(key) &
		    (m->cap - 1)]);
}

/* The value of key, or absent when the map does not hold it. */
uint32_t habar__map64_get(const struct habar__map64 *m, uint64_t key,
    uint32_t absent);

/* Frees the map's storage and leaves it empty. */
void habar__map64_free(struct habar__map64 *m);

#endif
