/*
 * align_lex.c: a word-translation table learnt from the document itself,
 * for a second pass of the aligner (what hunalign does with its realign
 * step, without its dictionary file).
 *
 * After the first pass, the sentence pairs it linked 1-1 with confidence
 * are read as a small parallel corpus: every word is cut to a stem (its
 * first five letters, lower-cased, which absorbs most Russian and Kazakh
 * endings), and each pair of stems that co-occur is counted.  A stem pair
 * whose Dice coefficient is high and which is each other's best partner
 * (сказал/said, полиция/police, жыл/year) becomes an anchor that both
 * sentences share in the second pass, like a name or a number would.
 */
#include <stdlib.h>
#include <string.h>

#include "align_internal.h"
#include "map64_internal.h"

/* Links learnt from, at most: the table saturates long before. */
#define MAX_LINKS 3000
/* A stem pair must co-occur this often and be this strongly associated. */
#define MIN_PAIRS 2
#define MIN_DICE 0.3

/*
 * The classes of a memory's word pairs (bits 26-28 and 23-25 of their
 * keys): the cost of a word whose translation is missed in a bead of two
 * sides, and the weight (times the programme's bonus for a shared anchor)
 * of one whose translation is there.  Classes rather than a weight per
 * pair keep the weight in the key, which the dynamic programme already
 * reads.
 */
const double habar__lex_class_weight[8] = { 0.05, 0.1, 0.17, 0.25, 0.35,
    0.5, 0.7, 1.0 };
const double habar__lex_hit_weight[8] = { 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.7,
    2.0 };

size_t
habar__lex_stems(const char *text, size_t len, uint32_t *out, size_t max)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t i = 0, n = 0, k, m, l;
	uint32_t cp, h;

	while (i < len) {
		l = habar__align_char(u + i, len - i, &cp);
		if (!habar__align_letter(cp)) {
			i += l;
			continue;
		}
		h = 2166136261u;
		m = 0;
		while (i < len) {
			l = habar__align_char(u + i, len - i, &cp);
			if (!habar__align_letter(cp))
				break;
			if (m < 5) {
				h = (h ^ habar__align_lower(cp)) * 16777619u;
			}
			m++;
			i += l;
		}
		if (m >= 4 && n < max)
			out[n++] = h | 1;
	}
	habar__anchor_sort(out, n);
	for (k = 0, m = 0; k < n; k++)
		if (m == 0 || out[k] != out[m - 1])
			out[m++] = out[k];
	return m;
}

/*
 * The Dice coefficient, in thousandths, of the stem pair in slot i of
 * cab (co-occurrence counts; ca and cb: each stem's count), its stems in
 * *sa and *sb; 0 when the slot is empty or the pair is too rare or too
 * weakly associated to count.
 */
static uint32_t
dice_at(const struct habar__map64 *cab, size_t i,
    const struct habar__map64 *ca, const struct habar__map64 *cb,
    uint32_t *sa, uint32_t *sb)
{
	double dice;

	if (cab->keys[i] == 0 || cab->vals[i] < MIN_PAIRS)
		return 0;
	*sa = (uint32_t)(cab->keys[i] >> 32);
	*sb = (uint32_t)cab->keys[i];
	dice = 2.0 * cab->vals[i] / (habar__map64_get(ca, *sa, 0) +
	    habar__map64_get(cb, *sb, 0));
	return dice < MIN_DICE ? 0 : (uint32_t)(dice * 1000);
}

void
habar__lex_free(struct habar__lex *lex)
{
	if (lex == NULL)
		return;
	/* Either side may not have been made yet. */
	if (lex->a != NULL)
		habar__map64_free((struct habar__map64 *)lex->a);
	if (lex->b != NULL)
		habar__map64_free((struct habar__map64 *)lex->b);
	free(lex->a);
	free(lex->b);
	memset(lex, 0, sizeof(*lex));
}

uint32_t
habar__lex_key(const struct habar__lex *lex, int side, uint32_t stem)
{
	return habar__map64_get(side == 0 ? lex->a : lex->b, stem, 0);
}

enum habar_status
habar__lex_learn(struct habar__lex *lex, const struct habar__lex_side *a,
    const struct habar__lex_side *b, const size_t *ia, const size_t *ib,
    size_t nlinks, uint32_t salt)
{
	struct habar__map64 ca = { 0 }, cb = { 0 }, cab = { 0 },
	    besta = { 0 }, bestb = { 0 };
	uint32_t *by = NULL;
	size_t k, x, y, step, i, nby, most = 0;
	uint32_t *v, sa, sb, c, key;
	uint64_t pk;
	enum habar_status status = HABAR_ERR_NOMEM;

	memset(lex, 0, sizeof(*lex));
	if ((lex->a = calloc(1, sizeof(struct habar__map64))) == NULL ||
	    (lex->b = calloc(1, sizeof(struct habar__map64))) == NULL)
		goto done;
	step = nlinks > MAX_LINKS ? nlinks / MAX_LINKS : 1;
	for (k = 0; k < nlinks; k += step) {
		for (x = a->first[ia[k]]; x < a->first[ia[k] + 1]; x++)
			if ((v = habar__map64_put(&ca, a->stems[x], 0, NULL)) == NULL)
				goto done;
			else
				(*v)++;
		for (y = b->first[ib[k]]; y < b->first[ib[k] + 1]; y++)
			if ((v = habar__map64_put(&cb, b->stems[y], 0, NULL)) == NULL)
				goto done;
			else
				(*v)++;
	}
	/*
	 * Pairs of stems seen once cannot co-occur twice: not counted.  The
	 * link's stems of b that count are picked once (into by), not again
	 * for each stem of a.
	 */
	for (k = 0; k < nlinks; k += step)
		if (b->first[ib[k] + 1] - b->first[ib[k]] > most)
			most = b->first[ib[k] + 1] - b->first[ib[k]];
	if ((by = malloc((most + 1) * sizeof(*by))) == NULL)
		goto done;
	for (k = 0; k < nlinks; k += step) {
		for (y = b->first[ib[k]], nby = 0; y < b->first[ib[k] + 1]; y++)
			if (habar__map64_get(&cb, b->stems[y], 0) >= MIN_PAIRS)
				by[nby++] = b->stems[y];
		for (x = a->first[ia[k]]; x < a->first[ia[k] + 1]; x++) {
			if (habar__map64_get(&ca, a->stems[x], 0) < MIN_PAIRS)
				continue;
			/* A large table: its slots are fetched first. */
			for (y = 0; y < nby; y++)
				habar__map64_prefetch(&cab,
				    ((uint64_t)a->stems[x] << 32) | by[y]);
			for (y = 0; y < nby; y++) {
				pk = ((uint64_t)a->stems[x] << 32) | by[y];
				if ((v = habar__map64_put(&cab, pk, 0, NULL)) == NULL)
					goto done;
				(*v)++;
			}
		}
	}
	/*
	 * Each stem's best partner, by Dice (scaled to 1/1000).  A pair's
	 * count is not needed after this, so its Dice takes its place, for
	 * the next loop to read rather than work out again.
	 */
	for (i = 0; i < cab.cap; i++) {
		c = dice_at(&cab, i, &ca, &cb, &sa, &sb);
		if (cab.keys[i] != 0)
			cab.vals[i] = c;
		if (c == 0)
			continue;
		if ((v = habar__map64_put(&besta, sa, 0, NULL)) == NULL)
			goto done;
		if (c > *v)
			*v = c;
		if ((v = habar__map64_put(&bestb, sb, 0, NULL)) == NULL)
			goto done;
		if (c > *v)
			*v = c;
	}
	/* Mutual best pairs become shared anchor keys. */
	for (i = 0; i < cab.cap; i++) {
		if (cab.keys[i] == 0 || (c = cab.vals[i]) == 0)
			continue;
		sa = (uint32_t)(cab.keys[i] >> 32);
		sb = (uint32_t)cab.keys[i];
		if (habar__map64_get(&besta, sa, 0) != c ||
		    habar__map64_get(&bestb, sb, 0) != c)
			continue;
		key = ((uint32_t)HABAR__ANCHOR_LEX << 29) |
		    ((uint32_t)(habar__map64_mix(cab.keys[i] ^ salt) | 1) &
		    0x1FFFFFFFu);
		if ((v = habar__map64_put(lex->a, sa, 0, NULL)) == NULL)
			goto done;
		*v = key;
		if ((v = habar__map64_put(lex->b, sb, 0, NULL)) == NULL)
			goto done;
		*v = key;
		lex->pairs++;
	}
	status = HABAR_OK;
done:
	free(by);
	habar__map64_free(&ca);
	habar__map64_free(&cb);
	habar__map64_free(&cab);
	habar__map64_free(&besta);
	habar__map64_free(&bestb);
	if (status != HABAR_OK)
		habar__lex_free(lex);
	return status;
}

enum habar_status
habar__lex_from_pairs(struct habar__lex *lex, const uint32_t *sa,
    const uint32_t *sb, const uint32_t *ids, const unsigned char *cls,
    size_t n, uint32_t salt, unsigned tag)
{
	uint32_t *v, key;
	uint64_t pair;
	size_t k;

	if (lex->a == NULL &&
	    ((lex->a = calloc(1, sizeof(struct habar__map64))) == NULL ||
	    (lex->b = calloc(1, sizeof(struct habar__map64))) == NULL)) {
		habar__lex_free(lex);
		return HABAR_ERR_NOMEM;
	}
	for (k = 0; k < n; k++) {
		/* HABAR__ANCHOR_MEMORY: the top bits 0, the class below,
		 * then the pair's tag. */
		pair = ids != NULL && ids[k] != 0 ? (uint64_t)ids[k] :
		    (uint64_t)sa[k] << 32 | sb[k];
		key = (((uint32_t)habar__map64_mix(pair ^ salt) | 1) &
		    0x001FFFFFu) |
		    (uint32_t)(tag & 3) << 21 |
		    (uint32_t)(cls[k] & 0x3F) << 23;
		if ((v = habar__map64_put(lex->a, sa[k], 0, NULL)) == NULL)
			return HABAR_ERR_NOMEM;
		*v = key;
		if ((v = habar__map64_put(lex->b, sb[k], 0, NULL)) == NULL)
			return HABAR_ERR_NOMEM;
		*v = key;
		lex->pairs++;
	}
	return HABAR_OK;
}
