/*
 * lexicon_stem.c: words reduced to stems for the learnt lexicon, so that
 * a case form counts as its word (Астанада and Астана, сказал and
 * сказала, жылы and жыл).
 *
 * The endings come from the project's suffix rules, the first column of
 * locales/<lang>/spell-suffixes (habar-spell's morphology), and from
 * locales/<lang>/stem-endings, endings that inflect words but that the
 * spell checker has no need of.  The longest ending that leaves a stem of
 * at least MIN_STEM letters is cut, once, or as many times as a line
 * "@rounds N" of stem-endings says for an agglutinative language (Kazakh
 * stacks plural, possessive and case).  A line "@prefix N" then keeps
 * at most N letters: in Russian and Kazakh, a word and the words made
 * from it (сообщил, сообщение) share a stem that endings alone do not
 * give them, and the lexicon learns one pair instead of several weak ones.
 * Stems are lower-cased and kept as 32-bit FNV-1a hashes: the lexicon
 * compares them, and never prints them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/data.h>

#include "align_internal.h"
#include "lexicon_internal.h"
#include "map64_internal.h"

/* The most letters of a word looked at; longer words are cut here. */
#define WORD_MAX 48
/* An ending's most letters. */
#define ENDING_MAX 12
/* A stem keeps at least this many letters. */
#define MIN_STEM 4

struct ending {
	uint32_t cp[ENDING_MAX];
	size_t n;
};

struct habar__stemmer {
	struct ending *endings;	/* longest first */
	size_t n, cap;
	/* Each ending by its letters' hash (ending_hash()), its place + 1:
	 * a word's tails are looked up, not compared with every ending. */
	struct habar__map64 index;
	size_t longest;		/* the longest ending's letters */
	unsigned rounds;	/* endings cut from one word at most */
	unsigned prefix;	/* letters a stem keeps at most (0: all) */
};

/* The hash of the letters cp[0..n), never 0 (the map's empty key). */
static uint64_t
ending_hash(const uint32_t *cp, size_t n)
{
	uint64_t h = 14695981039346656037u;
	size_t k;

	for (k = 0; k < n; k++)
		h = (h ^ cp[k]) * 1099511628211u;
	return (h ^ n) | 1;
}

static int
by_length_desc(const void *a, const void *b)
{
	const struct ending *x = a, *y = b;

	return x->n < y->n ? 1 : x->n > y->n ? -1 : 0;
}

/* Adds the endings of the first column of the file at path (if any). */
static enum habar_status
read_endings(struct habar__stemmer *st, const char *path)
{
	FILE *fp;
	char line[512], *p;
	struct ending e, *grown;
	size_t i, len, l;
	uint32_t cp;
	enum habar_status status = HABAR_OK;

	if ((fp = fopen(path, "r")) == NULL)
		return HABAR_OK;	/* a language without rules */
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "@rounds %u", &st->rounds) == 1) {
			if (st->rounds < 1 || st->rounds > 8)
				st->rounds = 1;
			continue;
		}
		if (sscanf(line, "@prefix %u", &st->prefix) == 1) {
			if (st->prefix > 0 && st->prefix < MIN_STEM)
				st->prefix = MIN_STEM;
			continue;
		}
		len = strcspn(line, "\t\n ");
		e.n = 0;
		for (i = 0, p = line; i < len && e.n < ENDING_MAX; i += l) {
			l = habar__align_char((const unsigned char *)p + i,
			    len - i, &cp);
			if (!habar__align_letter(cp))
				break;
			e.cp[e.n++] = habar__align_lower(cp);
		}
		if (e.n == 0 || i < len)
			continue;	/* not a plain ending */
		if (st->n == st->cap) {
			st->cap = st->cap ? st->cap * 2 : 64;
			if ((grown = realloc(st->endings, st->cap *
			    sizeof(*grown))) == NULL) {
				status = HABAR_ERR_NOMEM;
				break;
			}
			st->endings = grown;
		}
		st->endings[st->n++] = e;
	}
	if (ferror(fp) && status == HABAR_OK)
		status = HABAR_ERR_IO;
	fclose(fp);
	return status;
}

enum habar_status
habar__stemmer_new(struct habar__stemmer **out, const char *lang)
{
	static const char *const files[] = { "spell-suffixes", "stem-endings" };
	struct habar__stemmer *st;
	char *path;
	uint32_t *place;
	size_t k;
	enum habar_status status = HABAR_OK;

	*out = NULL;
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return HABAR_ERR_NOMEM;
	st->rounds = 1;
	for (k = 0; k < 2 && status == HABAR_OK; k++) {
		status = habar_data_find_locale(&path, lang, files[k]);
		if (status == HABAR_ERR_NOTFOUND) {
			status = HABAR_OK;
			continue;
		}
		if (status == HABAR_OK)
			status = read_endings(st, path);
		free(path);
	}
	if (status != HABAR_OK) {
		habar__stemmer_free(st);
		return status;
	}
	if (st->n > 0)
		qsort(st->endings, st->n, sizeof(*st->endings), by_length_desc);
	/* Longest first, so an ending listed twice keeps its first place. */
	for (k = st->n; k-- > 0;) {
		if ((place = habar__map64_put(&st->index, ending_hash(
		    st->endings[k].cp, st->endings[k].n), 0, NULL)) == NULL) {
			habar__stemmer_free(st);
			return HABAR_ERR_NOMEM;
		}
		*place = (uint32_t)k + 1;
	}
	st->longest = st->n > 0 ? st->endings[0].n : 0;
	*out = st;
	return HABAR_OK;
}

void
habar__stemmer_free(struct habar__stemmer *st)
{
	if (st == NULL)
		return;
	free(st->endings);
	habar__map64_free(&st->index);
	free(st);
}

/*
 * Cuts endings from word[0..*n) in place: in each round the longest
 * ending that leaves MIN_STEM letters, found by looking up the word's
 * tails from the longest down (a few lookups, where trying every ending
 * took hundreds of comparisons in Kazakh).
 */
static void
cut(const struct habar__stemmer *st, const uint32_t *word, size_t *n)
{
	const struct ending *e;
	size_t l, r;
	uint32_t k;
	int found;

	for (r = 0; r < st->rounds; r++) {
		found = 0;
		if (*n <= MIN_STEM)
			break;
		l = *n - MIN_STEM < st->longest ? *n - MIN_STEM : st->longest;
		for (; l > 0 && !found; l--) {
			k = habar__map64_get(&st->index,
			    ending_hash(word + *n - l, l), 0);
			if (k == 0)
				continue;
			e = &st->endings[k - 1];
			if (e->n == l && memcmp(word + *n - l, e->cp, l *
			    sizeof(uint32_t)) == 0) {
				*n -= l;
				found = 1;
			}
		}
		if (!found)
			break;
	}
}

/* Whether word[0..n) is made of at most rounds endings. */
static int
chain(const struct habar__stemmer *st, const uint32_t *word, size_t n,
    unsigned rounds)
{
	const struct ending *e;
	size_t k;

	if (n == 0)
		return 1;
	if (rounds == 0)
		return 0;
	for (k = 0; k < st->n; k++) {
		e = &st->endings[k];
		if (e->n <= n && memcmp(word + n - e->n, e->cp, e->n *
		    sizeof(uint32_t)) == 0 && chain(st, word, n - e->n,
		    rounds - 1))
			return 1;
	}
	return 0;
}

int
habar__stem_ending(const struct habar__stemmer *st, const uint32_t *tail,
    size_t n)
{
	uint32_t w[ENDING_MAX * 3];
	size_t k;

	if (n == 0)
		return 1;
	if (st == NULL || n > sizeof(w) / sizeof(w[0]))
		return 0;
	for (k = 0; k < n; k++)
		w[k] = habar__align_lower(tail[k]);
	return chain(st, w, n, st->rounds);
}

unsigned
habar__stemmer_rounds(const struct habar__stemmer *st)
{
	return st != NULL ? st->rounds : 0;
}

size_t
habar__stem_words(const struct habar__stemmer *st, struct habar__map64 *memo,
    const char *text, size_t len, uint32_t *out, size_t max)
{
	const unsigned char *u = (const unsigned char *)text;
	uint32_t word[WORD_MAX], cp, h, *v;
	uint64_t wh;
	size_t i = 0, n = 0, m, l, k;

	while (i < len) {
		l = habar__align_char(u + i, len - i, &cp);
		if (!habar__align_letter(cp)) {
			i += l;
			continue;
		}
		m = 0;
		while (i < len) {
			l = habar__align_char(u + i, len - i, &cp);
			if (!habar__align_letter(cp))
				break;
			if (m < WORD_MAX)
				word[m++] = habar__align_lower(cp);
			i += l;
		}
		if (m < 2 || n >= max)
			continue;
		v = NULL;
		if (memo != NULL) {
			/* A word is cut once: the endings are tried one by
			 * one, and a text repeats its words. */
			wh = 14695981039346656037u;
			for (k = 0; k < m; k++)
				wh = (wh ^ word[k]) * 1099511628211u;
			if ((v = habar__map64_put(memo, wh | 1, 0, NULL)) !=
			    NULL && *v != 0) {
				out[n++] = *v;
				continue;
			}
		}
		if (st != NULL)
			cut(st, word, &m);
		if (st != NULL && st->prefix > 0 && m > st->prefix)
			m = st->prefix;
		h = 2166136261u;
		for (k = 0; k < m; k++)
			h = (h ^ word[k]) * 16777619u;
		out[n++] = h | 1;	/* never 0, the maps' empty key */
		if (v != NULL)
			*v = h | 1;
	}
	return n;
}
