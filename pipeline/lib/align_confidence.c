/*
 * align_confidence.c: the confidence of a link, the probability that it
 * is right, which the rest of the pipeline obeys (habar-tmx keeps links
 * at 0.5 or more, habar-xliff fills only from them).
 *
 * The cost of a bead alone says little: a wrong link between two
 * sentences of about the right lengths costs no more than a right one.
 * What tells them apart is how much better the link is than its
 * alternatives: both sides left unlinked (the anchors and learnt word
 * pairs they share are then lost), or one side shifted by a sentence.  A
 * logistic model over the cost and that margin, one per kind of link
 * (1-1, a merge, one side empty), was fitted on the perturbed NTREX sets
 * of tests/bench/align_loose.py (seeds 1 and 2, each link judged against
 * the gold of its pair), and then shifted by CONSERVATIVE so that links
 * at 0.5 or more are right 99% of the time there: the confidence is a
 * cautious estimate, never a generous one.  docs/habar-align.md has the
 * calibration table.
 */
#include <math.h>

#include "align_internal.h"

/* Margins beyond this are all the same certainty. */
#define MARGIN_MAX 15.0
/*
 * The logit subtracted from the fitted model's, so that a link at 0.5
 * is one the model gives about 0.96.
 */
#define CONSERVATIVE 3.2

double
habar__align_confidence(const struct habar__align_seq *a, size_t ai,
    size_t na, const struct habar__align_seq *b, size_t bi, size_t nb,
    double ratio)
{
	double c, alt, shift, margin, z;

	if (na == 0 && nb == 0)
		return 1.0;
	c = habar__align_cost(a, ai, na, b, bi, nb, ratio);
	if (na == 0 || nb == 0) {
		z = -0.7183 + 0.5788 * c;
	} else {
		alt = habar__align_cost(a, ai, na, b, bi, 0, ratio) +
		    habar__align_cost(a, ai, 0, b, bi, nb, ratio);
		if (bi > 0 && (shift = habar__align_cost(a, ai, na, b, bi - 1,
		    nb, ratio)) < alt)
			alt = shift;
		if (bi + nb < b->n && (shift = habar__align_cost(a, ai, na, b,
		    bi + 1, nb, ratio)) < alt)
			alt = shift;
		margin = alt - c;
		if (margin > MARGIN_MAX)
			margin = MARGIN_MAX;
		if (na == 1 && nb == 1)
			z = 1.5724 - 0.2435 * c + 0.2445 * margin;
		else
			z = -0.7607 - 0.0242 * c + 0.1090 * margin;
	}
	z -= CONSERVATIVE;
	if (z > 30)
		z = 30;
	if (z < -30)
		z = -30;
	return 1.0 / (1.0 + exp(-z));
}
