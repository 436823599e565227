/*
 * recognise_names.c: the names of other language versions as a set (see
 * habar_names_new() in habar/recognise.h).  In a first try with real
 * releases, 40 of 59 false flags of the spelling checker were names that
 * another version of the same release spells in its own script; their
 * skeletons (recognise_icu.c) are kept sorted so that a word is looked
 * up with a few binary searches.
 */
#include <stdlib.h>
#include <string.h>

#include "recognise_internal.h"

#define NAMES_MAX 1000000

struct habar_names {
	const struct habar_recogniser *rec;
	struct habar_values *values;
	char (*keys)[HABAR_VALUE_KEY_MAX];
	size_t count, size;
	int sorted;
};

int
habar_recognise_capitals(const struct habar_recogniser *rec,
    const char *word, size_t len)
{
	struct rec_token t[2];

	if (habar__recognise_tokens(rec, word, len, NULL, 0, t, 2) != 1 ||
	    t[0].kind != TK_WORD || t[0].end != len)
		return 0;
	return t[0].upper;
}

enum habar_status
habar_names_new(struct habar_names **names_out,
    const struct habar_recogniser *rec)
{
	struct habar_names *n;

	*names_out = NULL;
	if ((n = calloc(1, sizeof(*n))) == NULL)
		return HABAR_ERR_NOMEM;
	n->rec = rec;
	if (habar_values_new(&n->values) != HABAR_OK) {
		free(n);
		return HABAR_ERR_NOMEM;
	}
	*names_out = n;
	return HABAR_OK;
}

void
habar_names_free(struct habar_names *names)
{
	if (names == NULL)
		return;
	habar_values_free(names->values);
	free(names->keys);
	free(names);
}

enum habar_status
habar_names_add(struct habar_names *names, const char *text, size_t len)
{
	enum habar_status status;
	size_t i;

	status = habar_recognise(names->rec, names->values, "root", text, len,
	    HABAR_RECOGNISE_KIND(HABAR_VALUE_NAME));
	if (status == HABAR_ERR_NOMEM)
		return status;
	for (i = 0; i < habar_values_count(names->values); i++) {
		const struct habar_value *v = habar_values_get(names->values,
		    i);
		if (v->key[0] == '\0')
			continue;
		if (names->count == names->size) {
			size_t size = names->size ? names->size * 2 : 256;
			char (*keys)[HABAR_VALUE_KEY_MAX];
			if (names->size >= NAMES_MAX)
				return HABAR_ERR_LIMIT;
			keys = realloc(names->keys, size * sizeof(*keys));
			if (keys == NULL)
				return HABAR_ERR_NOMEM;
			names->keys = keys;
			names->size = size;
		}
		memcpy(names->keys[names->count++], v->key,
		    HABAR_VALUE_KEY_MAX);
		names->sorted = 0;
	}
	return HABAR_OK;
}

static int
key_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The first key not below k[0..len) (compared on len bytes). */
static size_t
lower_bound(const struct habar_names *names, const char *k, size_t len)
{
	size_t lo = 0, hi = names->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(names->keys[mid], k, len);
		if (c == 0 && names->keys[mid][len] != '\0')
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
habar_names_confirm(struct habar_names *names, const char *word, size_t len)
{
	char key[HABAR_VALUE_KEY_MAX];
	size_t klen, cut, at;

	if (names->count == 0 || habar_recognise_capitals(names->rec, word,
	    len) == 0)
		return 0;
	if (!names->sorted) {
		qsort(names->keys, names->count, sizeof(*names->keys),
		    key_cmp);
		names->sorted = 1;
	}
	habar__recognise_skeleton(names->rec, word, len, key, sizeof(key));
	klen = strlen(key);
	if (klen == 0)
		return 0;
	/* The word itself, or the word less a case ending. */
	for (cut = klen; cut >= 3 && klen - cut <= 6; cut--) {
		at = lower_bound(names, key, cut);
		if (at < names->count && strncmp(names->keys[at], key, cut) ==
		    0 && names->keys[at][cut] == '\0')
			return 1;
		if (cut == 3)
			break;
	}
	/* A name of the set that is the word with a case ending. */
	at = lower_bound(names, key, klen);
	if (klen >= 3 && at < names->count &&
	    strncmp(names->keys[at], key, klen) == 0 &&
	    strlen(names->keys[at]) - klen <= 6)
		return 1;
	return 0;
}
