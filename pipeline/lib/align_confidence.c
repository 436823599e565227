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
#include <stdlib.h>

#include "align_internal.h"

/* Margins beyond this are all the same certainty. */
#define MARGIN_MAX 15.0
/*
 * The logit subtracted from the fitted model's, so that a link at 0.5
 * is one the model gives about 0.96.
 */
#define CONSERVATIVE 3.2

/*
 * The neighbours' model (habar__align_confidence_near()), for links with
 * both sides: a logistic over its features (see there), fitted by
 * tests/bench/align_fit.py on the links of seeds 1 and 2 of
 * tests/bench/align_loose.py, run both without and with a memory
 * (`align_loose.py --seed 1 --seed 2 --memory --dump-features F`), the
 * posterior at TEMPERATURE; the links of documents in three languages
 * only (pair_w below has those in two).  NEAR_SHIFT is the logit
 * subtracted so that links at 0.5 or more are right 99.7% of the time
 * on the runs without a memory; the weight of "memory used" is the
 * fitted one less the difference between that shift and the one that
 * makes the runs with a memory right 99.8% of the time (`align_fit.py F
 * 0.997 0.998` prints both, and pair_w and PAIR_SHIFT by the same
 * points).  With the word lists' evidence the right links stand further
 * from the wrong ones, and the stricter points cost little: on unseen
 * seeds (3-37) the links at 0.5 or more are right 0.992-0.999 of the
 * time and hold 92-98% of the gold 1-1 links (docs/habar-align.md,
 * Calibration).  A
 * memory's runs need the stricter point: on unseen seeds they fall
 * further below the fit (their lexicon was learnt from the same articles
 * in both), and they have coverage to spare.
 */
static const double near_w[HABAR__ALIGN_FEATURES + 1] = {
	-2.6378, 0.2055, 0.0716, -0.0392, 0.7170, -0.0014, 0.1948,
	1.3867, 0.0441, -0.0444, 0.1152, 0.1155, 0.4891, 0.6394, 1.3303,
	-0.1245, -0.4089, 3.3923, -1.8737, -0.0002, 0.2845, 0.1126,
	0.2644, -0.1794, -0.9677
};
/*
 * The model of a link when the document has two languages only, fitted
 * as near_w on the same seeds with each pair given alone
 * (`align_loose.py --dump-features` runs those too; align_fit.py prints
 * pair_w and PAIR_SHIFT).
 */
static const double pair_w[HABAR__ALIGN_FEATURES + 1] = {
	-4.0787, 0.2049, 0.0664, -0.0281, 0.6187, -0.0209, 0.5688,
	1.3431, 0.0467, -0.0273, 0.1888, 0.0000, 0.0000, -0.1272,
	2.0868, -0.1607, -0.5897, -0.1324, -1.2672, 0.0865, 0.2076,
	-1.3387, 0.3636, -0.2894, -0.6656
};
#define PAIR_SHIFT 3.3654
/*
 * The temperature of the posterior (habar__align_posterior()): the costs
 * are minus logs of probabilities, so 1 would weigh paths as the model
 * means; the length model's costs are sharp enough that 0.5, which lets
 * the best path dominate more, separates right from wrong links better.
 */
#define TEMPERATURE 0.5
/* A posterior's log-odds are bounded to this (float's resolution near 1). */
#define POSTERIOR_MAX 12.0
/*
 * Where the weight of the posterior's log-odds bends: a link whose
 * posterior is already sure (odds of e^2, about 0.88, and e^4, 0.98)
 * gains less, or more, from being surer than a line says; chosen on
 * seeds 1 and 2 (each fitted on one, scored on the other) among bends
 * at 0, 2, 4 and 6.
 */
#define POSTERIOR_BEND1 2.0
#define POSTERIOR_BEND2 4.0
#define NEAR_SHIFT 3.2733
/*
 * The logit subtracted when the lexicon knows few of the pair's words
 * (habar__align_words(): Kazakh in Latin letters, a language without
 * word lists, --no-word-lists).  The models were fitted on text whose
 * words the lists know, and a wrong link there pays for its words whose
 * translation is missing; without them it looks surer than it is.  The
 * least shifts that keep links at 0.5 or more right 99% of the time on
 * seeds 1 and 2 of the loose set run with --no-word-lists
 * (docs/habar-align.md, Calibration).
 */
#define NEAR_NO_WORDS 1.5
#define PAIR_NO_WORDS 2.0
/* A neighbour's log-odds are bounded to this, and a document's end counts
 * as a sure link; one side alone as a doubtful one. */
#define NEAR_HIGH 8.0
#define NEAR_LOW (-5.0)

double
habar__align_logit(const struct habar__align_seq *a, size_t ai, size_t na,
    const struct habar__align_seq *b, size_t bi, size_t nb, double ratio)
{
	double c;

	return habar__align_logit_cost(&c, a, ai, na, b, bi, nb, ratio);
}

double
habar__align_logit_cost(double *cost, const struct habar__align_seq *a,
    size_t ai, size_t na, const struct habar__align_seq *b, size_t bi,
    size_t nb, double ratio)
{
	double c, alt, shift, margin;

	*cost = 0;
	if (na == 0 && nb == 0)
		return 30.0;
	c = *cost = habar__align_cost(a, ai, na, b, bi, nb, ratio);
	if (na == 0 || nb == 0)
		return -0.7183 + 0.5788 * c;
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
		return 1.5724 - 0.2435 * c + 0.2445 * margin;
	return -0.7607 - 0.0242 * c + 0.1090 * margin;
}

static double
logistic(double z)
{
	if (z > 30)
		z = 30;
	if (z < -30)
		z = -30;
	return 1.0 / (1.0 + exp(-z));
}

double
habar__align_confidence(const struct habar__align_seq *a, size_t ai,
    size_t na, const struct habar__align_seq *b, size_t bi, size_t nb,
    double ratio)
{
	if (na == 0 && nb == 0)
		return 1.0;
	return logistic(habar__align_logit(a, ai, na, b, bi, nb, ratio) -
	    CONSERVATIVE);
}

double
habar__align_temperature(void)
{
	const char *env = getenv("HABAR_ALIGN_TEMPERATURE");
	double t;

	if (env != NULL && (t = atof(env)) > 0.01 && t < 100)
		return t;
	return TEMPERATURE;
}

/* The bounded log-odds of probability p. */
static double
log_odds(double p)
{
	double z;

	if (p <= 0)
		return -POSTERIOR_MAX;
	if (p >= 1)
		return POSTERIOR_MAX;
	z = log(p / (1 - p));
	return z > POSTERIOR_MAX ? POSTERIOR_MAX : z < -POSTERIOR_MAX ?
	    -POSTERIOR_MAX : z;
}

/* A neighbour's evidence: its bounded log-odds, and whether it is 1-1. */
static void
near_side(const struct habar__align_near *n, double *z, double *one)
{
	if (!n->exists) {
		*z = NEAR_HIGH;
		*one = 1;
	} else if (n->na == 0 || n->nb == 0) {
		*z = NEAR_LOW;
		*one = 0;
	} else {
		*z = n->logit > NEAR_HIGH ? NEAR_HIGH :
		    n->logit < NEAR_LOW ? NEAR_LOW : n->logit;
		*one = n->na == 1 && n->nb == 1;
	}
}

/*
 * How much better the link is than taking into it a neighbour that has
 * one side only (n, before it when before is set): a merge split into a
 * 1-1 link and a sentence left alone is the commonest sure-looking error.
 * MARGIN_MAX when n is not such a neighbour.
 */
static double
merge_margin(const struct habar__align_seq *a, size_t ai, size_t na,
    const struct habar__align_seq *b, size_t bi, size_t nb, double ratio,
    double c, const struct habar__align_near *n, int before)
{
	double m;

	if (!n->exists || (n->na > 0) == (n->nb > 0))
		return MARGIN_MAX;
	if (n->na > 0) {
		if (before && n->na > ai)
			return MARGIN_MAX;
		m = habar__align_cost(a, before ? ai - n->na : ai, na + n->na,
		    b, bi, nb, ratio) - c - habar__align_cost(a,
		    before ? ai - n->na : ai + na, n->na, b, bi, 0, ratio);
	} else {
		if (before && n->nb > bi)
			return MARGIN_MAX;
		m = habar__align_cost(a, ai, na, b, before ? bi - n->nb : bi,
		    nb + n->nb, ratio) - c - habar__align_cost(a, ai, 0, b,
		    before ? bi - n->nb : bi + nb, n->nb, ratio);
	}
	return m > MARGIN_MAX ? MARGIN_MAX : m < -MARGIN_MAX ? -MARGIN_MAX : m;
}

/*
 * How much better the link is than giving its place to a neighbour that
 * has one side only (n, before it when before is set): that neighbour's
 * sentences linked with the link's other side, and the link's own
 * sentences left alone instead.  An added sentence and one whose
 * counterpart was dropped often sit side by side, and the lengths alone
 * cannot tell which of the two is the other side's translation.
 * MARGIN_MAX when n is not such a neighbour.
 */
static double
swap_margin(const struct habar__align_seq *a, size_t ai, size_t na,
    const struct habar__align_seq *b, size_t bi, size_t nb, double ratio,
    double c, const struct habar__align_near *n, int before)
{
	size_t g;
	double m;

	if (!n->exists || (n->na > 0) == (n->nb > 0))
		return MARGIN_MAX;
	if (n->na > 0) {
		if (before && n->na > ai)
			return MARGIN_MAX;
		g = before ? ai - n->na : ai + na;
		m = habar__align_cost(a, g, n->na, b, bi, nb, ratio) +
		    habar__align_cost(a, ai, na, b, bi, 0, ratio) - c -
		    habar__align_cost(a, g, n->na, b, bi, 0, ratio);
	} else {
		if (before && n->nb > bi)
			return MARGIN_MAX;
		g = before ? bi - n->nb : bi + nb;
		m = habar__align_cost(a, ai, na, b, g, n->nb, ratio) +
		    habar__align_cost(a, ai, 0, b, bi, nb, ratio) - c -
		    habar__align_cost(a, ai, 0, b, g, n->nb, ratio);
	}
	return m > MARGIN_MAX ? MARGIN_MAX : m < -MARGIN_MAX ? -MARGIN_MAX : m;
}

/*
 * The features, in the order of near_w: the link's own log-odds; its
 * margin over shifting a by one (the own model has only b's); the
 * previous and next links' bounded log-odds and whether each is 1-1;
 * whether the link is 1-1; its margin over taking in a one-sided
 * neighbour (merge_margin()); the least of its own log-odds and its
 * margin over shifting a; and the log-odds of its posterior probability
 * (habar__align_posterior()), which weighs every other way of linking
 * the same sentences at once and carries most of the weight; the
 * third language's posterior and whether there is one; whether a memory
 * was used; and the log of the shorter side's length, as between two
 * long sentences a wrong link's length cost is no worse than a right
 * one's only when it is right by chance, while short ones often are;
 * and what its anchors say (habar__align_evidence()): the names and
 * numbers shared and those one side lacks, the share of its word pairs
 * found across and their number, as two sentences of about the right
 * lengths that are no translation of each other show it there first;
 * its margin over giving its place to a one-sided neighbour
 * (swap_margin()); how far its length ratio is from the document's;
 * the number of its word pairs neither side finds across; the
 * posterior's log-odds beyond each of two bends (POSTERIOR_BEND1,
 * POSTERIOR_BEND2), so that its weight need not be one straight line;
 * and the weight of the names and numbers of the side that has more of
 * them with no counterpart across (a side with several against one with
 * none: two sentences that are no translation of each other).
 * A 1-1 link between sure 1-1 links is almost always right; errors sit
 * next to an addition, a drop or a merge.
 */
double
habar__align_confidence_near(const struct habar__align_seq *a, size_t ai,
    size_t na, const struct habar__align_seq *b, size_t bi, size_t nb,
    double ratio, double self, double posterior, double third, int memory,
    int alone, const struct habar__align_near *prev,
    const struct habar__align_near *next, double *feat)
{
	double c = 0;

	if (na > 0 && nb > 0)
		c = habar__align_cost(a, ai, na, b, bi, nb, ratio);
	return habar__align_confidence_cost(c, a, ai, na, b, bi, nb, ratio,
	    self, posterior, third, memory, alone, prev, next, feat);
}

double
habar__align_confidence_cost(double cost, const struct habar__align_seq *a,
    size_t ai, size_t na, const struct habar__align_seq *b, size_t bi,
    size_t nb, double ratio, double self, double posterior, double third,
    int memory, int alone, const struct habar__align_near *prev,
    const struct habar__align_near *next, double *feat)
{
	const double *w = alone ? pair_w : near_w;
	struct habar__align_evidence ev;
	double f[HABAR__ALIGN_FEATURES], c, alt, shift, z, m;
	size_t i, la, lb;

	if (na == 0 && nb == 0)
		return 1.0;
	if (na == 0 || nb == 0)
		return logistic(self - CONSERVATIVE);
	c = cost;
	alt = c + MARGIN_MAX;
	if (ai > 0 && (shift = habar__align_cost(a, ai - 1, na, b, bi, nb,
	    ratio)) < alt)
		alt = shift;
	if (ai + na < a->n && (shift = habar__align_cost(a, ai + 1, na, b,
	    bi, nb, ratio)) < alt)
		alt = shift;
	f[0] = self;
	f[1] = alt - c < -MARGIN_MAX ? -MARGIN_MAX : alt - c;
	near_side(prev, &f[2], &f[3]);
	near_side(next, &f[4], &f[5]);
	f[6] = na == 1 && nb == 1;
	f[7] = merge_margin(a, ai, na, b, bi, nb, ratio, c, prev, 1);
	if ((m = merge_margin(a, ai, na, b, bi, nb, ratio, c, next, 0)) < f[7])
		f[7] = m;
	f[8] = f[0] < f[1] ? f[0] : f[1];
	f[9] = log_odds(posterior);
	f[10] = third >= 0 ? log_odds(third) : 0;
	f[11] = third >= 0;
	f[12] = memory != 0;
	for (la = 0, i = 0; i < na; i++)
		la += a->len[ai + i];
	for (lb = 0, i = 0; i < nb; i++)
		lb += b->len[bi + i];
	f[13] = log1p((double)(la < lb ? la : lb));
	habar__align_evidence(a, ai, na, b, bi, nb, &ev);
	f[14] = log1p(ev.shared);
	f[15] = log1p(ev.unmatched);
	f[16] = ev.words_most > 0 ? ev.words_shared / ev.words_most : 0;
	f[17] = log1p(ev.words_most);
	f[18] = swap_margin(a, ai, na, b, bi, nb, ratio, c, prev, 1);
	if ((m = swap_margin(a, ai, na, b, bi, nb, ratio, c, next, 0)) < f[18])
		f[18] = m;
	f[19] = fabs(log(((double)lb + 1) / (((double)la + 1) *
	    (ratio > 0 ? ratio : 1.0))));
	f[20] = log1p(ev.words_all - 2 * ev.words_shared);
	f[21] = f[9] > POSTERIOR_BEND1 ? f[9] - POSTERIOR_BEND1 : 0;
	f[22] = f[9] > POSTERIOR_BEND2 ? f[9] - POSTERIOR_BEND2 : 0;
	m = ev.miss_a > ev.miss_b ? ev.miss_a : ev.miss_b;
	f[23] = log1p(m > 0 ? m : 0);
	z = w[0] - (alone ? PAIR_SHIFT : NEAR_SHIFT);
	if (!habar__align_words(a, b))
		z -= alone ? PAIR_NO_WORDS : NEAR_NO_WORDS;
	for (i = 0; i < HABAR__ALIGN_FEATURES; i++) {
		z += w[i + 1] * f[i];
		if (feat != NULL)
			feat[i] = f[i];
	}
	return logistic(z);
}
