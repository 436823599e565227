/*
 * align_third.c: a pair's links inside a three-way link, read again
 * through the third language.
 *
 * A three-way link that holds several sentences of a pair (one language
 * merged them, or one has a sentence the others lack) is split for the
 * pair by aligning the pair inside it (align.c, pair_links()).  That
 * alignment sees only the pair's two languages, though the third one's
 * links with each of them, inside the same three-way link, often tell
 * what the pair cannot:
 *
 *  - a sentence of a merge that the third language has no counterpart of
 *    was more often added in its language than merged (that takes the
 *    third language dropping it as well), and the third language's
 *    counterpart of the merge's one sentence tells by its length whether
 *    that sentence holds the added one (habar__align_leave_out_added());
 *  - two sentences that one sentence of the third language is linked with,
 *    each alone, share its content, and so belong to one link of the pair
 *    (habar__align_join_third()).
 *
 * On the loose set with a memory (tests/bench/align_loose.py), seeds 3,
 * 4, 11, 23, 31, 37, 73, 79, 83 and 89, the first raised the mean F1 of
 * all pairs from 0.9785 to 0.9793 and the second to 0.9804; ru-kk, whose
 * links both compose through English, gained most (seed 83: 0.9645 to
 * 0.9685).  The careful set rose from 0.9957 to 0.9960 (lowest 0.9921 to
 * 0.9928).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "align_internal.h"

/*
 * Reading a merge of a sentence the third language has no counterpart of
 * means that the third language dropped it, which none of the pairs
 * charges (a drop: 2.6, align_dp.c); the sentence left out of the merge
 * is one language's addition, which the pair charges as its drop.
 */
#define THIRD_DROP_COST 2.6

const struct habar__bead *
habar__align_link_of(const struct habar__bead *links, size_t n, int side,
    size_t i)
{
	size_t k, first, count;

	for (k = 0; k < n; k++) {
		first = side == 0 ? links[k].a : links[k].b;
		count = side == 0 ? links[k].na : links[k].nb;
		if (i >= first && i < first + count)
			return &links[k];
	}
	return NULL;
}

/* The characters of sentences [first, first + count) of s. */
static double
run_length(const struct habar__align_seq *s, size_t first, size_t count)
{
	double len = 0;
	size_t i;

	for (i = first; i < first + count; i++)
		len += s->len[i];
	return len;
}

/*
 * How much dearer the merge b of pair x, y is than leaving out of it its
 * sentence s, which the third language z has no counterpart of (z's
 * links: zm with the merge's side of several sentences, zo with its side
 * of one): the pair's own costs of both readings, and the length of z's
 * counterpart of the one sentence t against t's, as it is and with s (in
 * z's characters) added to it.  For a merge holds s's content in t, which
 * z's counterpart then lacks: so a t as long as z's counterpart alone
 * tells that s was added in its language (or dropped in both others), not
 * merged.  -HUGE_VAL where the third language says nothing.
 */
static double
merge_excess(const struct habar__align_three *three, size_t x, size_t y,
    size_t z, const struct habar__bead *b, size_t s,
    const struct habar__bead *zm, size_t nzm, const struct habar__bead *zo,
    size_t nzo)
{
	const struct habar__align_seq *xs = &three->s[x], *ys = &three->s[y];
	const struct habar__bead *lm, *lo;
	size_t many = b->na > 1 ? x : y, one = many == x ? y : x;
	size_t t = one == x ? b->a : b->b, rest_first, rest_count;
	/* The side of zm that holds many's sentences, of zo one's. */
	int side_m = z < many ? 1 : 0, side_o = z < one ? 1 : 0;
	double len_z, len_s, len_t, with, without, rxy = three->ratio[x][y];

	lm = habar__align_link_of(zm, nzm, side_m, s);
	lo = habar__align_link_of(zo, nzo, side_o, t);
	if (lm == NULL || lo == NULL || (side_m ? lm->na : lm->nb) != 0 ||
	    (side_o ? lo->nb : lo->na) != 1 ||
	    (side_o ? lo->na : lo->nb) == 0)
		return -HUGE_VAL;
	len_z = side_o ? run_length(&three->s[z], lo->a, lo->na) :
	    run_length(&three->s[z], lo->b, lo->nb);
	len_s = three->s[many].len[s] * three->ratio[many][z];
	len_t = three->s[one].len[t];
	with = habar__align_length_term(&three->s[z], &three->s[one],
	    len_z + len_s, len_t, three->ratio[z][one]);
	without = habar__align_length_term(&three->s[z], &three->s[one],
	    len_z, len_t, three->ratio[z][one]);
	rest_first = (many == x ? b->a : b->b) +
	    (s == (many == x ? b->a : b->b));
	rest_count = (many == x ? b->na : b->nb) - 1;
	if (many == x)
		return habar__align_cost(xs, b->a, b->na, ys, b->b, b->nb, rxy) +
		    with - habar__align_cost(xs, s, 1, ys, 0, 0, rxy) -
		    habar__align_cost(xs, rest_first, rest_count, ys, b->b, 1,
		    rxy) - without;
	return habar__align_cost(xs, b->a, b->na, ys, b->b, b->nb, rxy) +
	    with - habar__align_cost(xs, 0, 0, ys, s, 1, rxy) -
	    habar__align_cost(xs, b->a, 1, ys, rest_first, rest_count, rxy) -
	    without;
}

/* The first sentence and the count of side a (0) or b (1) of link b. */
static uint32_t *
first_of(struct habar__bead *b, int side)
{
	return side ? &b->b : &b->a;
}

static uint8_t *
count_of(struct habar__bead *b, int side)
{
	return side ? &b->nb : &b->na;
}

void
habar__align_leave_out_added(const struct habar__align_three *three,
    size_t x, size_t y, const struct habar__bead *zx, size_t nzx,
    const struct habar__bead *zy, size_t nzy, struct habar__bead *xy,
    size_t *n)
{
	struct habar__bead *b, t;
	size_t z = 3 - x - y, k, s, first, last, best_s;
	double e, best;
	int many;

	for (k = 0; k < *n; k++) {
		b = &xy[k];
		if (!(b->na >= 2 && b->nb == 1) && !(b->na == 1 && b->nb >= 2))
			continue;
		first = b->na > 1 ? b->a : b->b;
		last = first + (b->na > 1 ? b->na : b->nb) - 1;
		best = -HUGE_VAL;
		best_s = first;
		for (s = first; s <= last; s += last - first) {
			e = b->na > 1 ?
			    merge_excess(three, x, y, z, b, s, zx, nzx, zy,
			    nzy) :
			    merge_excess(three, x, y, z, b, s, zy, nzy, zx,
			    nzx);
			if (e > best) {
				best = e;
				best_s = s;
			}
		}
		if (best + THIRD_DROP_COST <= 0)
			continue;
		/* The merge without s, and s on its own before or after. */
		memmove(&xy[k + 1], &xy[k], (*n - k) * sizeof(*xy));
		(*n)++;
		many = xy[k].na > 1 ? 0 : 1;
		*count_of(&xy[k], many) = 1;
		*count_of(&xy[k], !many) = 0;
		(*count_of(&xy[k + 1], many))--;
		if (best_s == first) {
			*first_of(&xy[k], many) = (uint32_t)first;
			(*first_of(&xy[k + 1], many))++;
		} else {
			*first_of(&xy[k], many) = (uint32_t)last;
			*first_of(&xy[k], !many) = *first_of(&xy[k + 1], !many) +
			    1;
		}
		if (best_s != first) {
			/* s after the merge: swap the two. */
			t = xy[k];
			xy[k] = xy[k + 1];
			xy[k + 1] = t;
		}
		k++;
	}
}

/*
 * The sentence of w that the link of zw (z's links with w; z is their
 * side a where z_first) holding z's sentence k links it with, if that
 * link holds one sentence of w: else -1.
 */
static long
only_partner(const struct habar__bead *zw, size_t nzw, int z_first,
    size_t k)
{
	const struct habar__bead *l =
	    habar__align_link_of(zw, nzw, z_first ? 0 : 1, k);

	if (l == NULL || (z_first ? l->nb : l->na) != 1)
		return -1;
	return (long)(z_first ? l->b : l->a);
}

enum habar_status
habar__align_join_third(size_t nz, size_t x, size_t y,
    const struct habar__bead *zx, size_t nzx, const struct habar__bead *zy,
    size_t nzy, struct habar__bead *xy, size_t *n)
{
	const struct habar__bead *lx, *ly;
	unsigned char *join;
	size_t z = 3 - x - y, k, m, lo, hi;
	long px, py;
	int any = 0;

	if (*n < 2)
		return HABAR_OK;
	if ((join = calloc(*n, 1)) == NULL)
		return HABAR_ERR_NOMEM;
	for (k = 0; k < nz; k++) {
		px = only_partner(zx, nzx, z < x, k);
		py = only_partner(zy, nzy, z < y, k);
		if (px < 0 || py < 0)
			continue;
		lx = habar__align_link_of(xy, *n, 0, (size_t)px);
		ly = habar__align_link_of(xy, *n, 1, (size_t)py);
		if (lx == NULL || ly == NULL || lx == ly)
			continue;
		lo = (size_t)((lx < ly ? lx : ly) - xy);
		hi = (size_t)((lx < ly ? ly : lx) - xy);
		if (hi - lo > 2)
			continue;
		for (m = lo; m < hi; m++)
			join[m] = 1;
		any = 1;
	}
	if (any) {
		for (k = 0, m = 0; k < *n; k++) {
			/* (A bead counts 255 sentences a side at most.) */
			if (k > 0 && join[k - 1] &&
			    xy[m - 1].na + xy[k].na <= 255 &&
			    xy[m - 1].nb + xy[k].nb <= 255) {
				xy[m - 1].na = (uint8_t)(xy[m - 1].na + xy[k].na);
				xy[m - 1].nb = (uint8_t)(xy[m - 1].nb + xy[k].nb);
				continue;
			}
			xy[m++] = xy[k];
		}
		*n = m;
	}
	free(join);
	return HABAR_OK;
}
