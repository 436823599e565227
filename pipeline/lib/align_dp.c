/*
 * align_dp.c: aligning two sequences of sentences by a banded dynamic
 * programme, the core of the aligner.
 *
 * The cost of a bead is Gale and Church's: minus the log of the bead's
 * prior probability and of the probability of the length difference,
 * lengths in characters, the difference normalised by the expected ratio
 * of the two languages (measured on the input itself) and a variance
 * growing with the length.  Anchors (align_anchor.c) shared by the two
 * sides lower it, anchors left unmatched raise it; words of a memory's
 * lexicon left untranslated raise the cost of a bead of two sides only.  A 1-0 or 0-1 bead
 * costs its prior and its unmatched anchors only: charging it the length
 * of the lone sentence, as the original does, makes dropping a long
 * sentence so dear that the programme prefers a wrong 2-1.
 *
 * Only cells near the diagonal are computed: row i covers the columns
 * within W (20) of the point where the two texts have gone through the
 * same share of their characters, the line bent through anchors both
 * texts hold once in their neighbourhood (centre_points()), so the work
 * and the memory are linear in the length.  If the best path touches the
 * band's edge, the band was too narrow there: the programme runs again on
 * a band of 16 either side of that path (a few times), then around the
 * diagonal with W doubled.
 *
 * The same lattice gives the confidence its main evidence: the posterior
 * probability of each link, from a forward-backward pass in a narrow band
 * around the links found (habar__align_posterior()).
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "align_internal.h"

#define INF 1e30f

enum move { M_NONE, M_11, M_10, M_01, M_21, M_12, M_22, M_31, M_13 };
#define MOVES 9
/* The items of a and of b each move takes. */
static const int move_na[MOVES] = { 0, 1, 1, 0, 2, 1, 2, 3, 1 };
static const int move_nb[MOVES] = { 0, 1, 0, 1, 1, 2, 2, 1, 3 };

struct params {
	double var_fixed;	/* variance of the log length ratio ... */
	double var_char;	/* ... plus this over the length in characters */
	double outlier;		/* share of links whose lengths say nothing */
	double prior[MOVES];	/* cost of each bead type (-log p) */
	double match_bonus;	/* per unit of shared anchor weight */
	double miss_cost;	/* per unit of unmatched anchor weight */
	double lex_miss;	/* per word of a memory's lexicon left
				 * untranslated in a bead of two sides */
	double count_cost;	/* per sentence boundary more on one side */
	double para_bonus;	/* a bead that starts a paragraph on both sides */
	double unshared_cost;	/* per unit of anchor weight, when none shared */
	double unshared_max;	/* ... counting this much weight at most */
	double memory_length;	/* the length term's weight with a memory */
	double lost_cost;	/* per number of a side against none */
	double lost_max;	/* ... counting this many at most */
	double names_cost;	/* per name of a side against none */
	double names_max;	/* ... counting this many at most */
	double part_cost;	/* per name or number of a merge's part
				 * that shares none with the other side */
	double part_max;	/* ... counting this many per part at most */
};

/*
 * Priors: 1-1 .89; 1-0 and 0-1 .074 each; 2-1 and 1-2 .037 each; 2-2
 * .00005 (two sentences whose boundary falls elsewhere in each language
 * are rare; with word evidence a 2-2 pools the words of two right 1-1
 * links, and the one a loose translation moved to the neighbouring
 * sentence paid for the merge: at .0015 the word lists made the careful
 * set's links 2-2 six times as often, most of them wrong); 3-1 and 1-3
 * (a translator joining three sentences into one)
 * .0037 each: a merge of three is much rarer than one of two, and a
 * dearer prior keeps a 2-1 beside a drop from being read as one, but not
 * dearer than that 2-1 and the drop together (5.9), or lengths that add
 * up exactly could never make a 3-1.
 * Drops are given far more room than Gale and Church's .0099: press
 * offices add and leave out sentences in each language on its own (about
 * 4% each way), so a pair of languages sees a sentence without a
 * counterpart in about one link of twelve, and a missing sentence
 * explained as a merge or a shift costs two wrong links or more.
 *
 * Lengths: the log of the ratio of the two sides' lengths is about
 * Gaussian with a variance of 0.008 + 5.6 / length (in characters): fitted
 * on the NTREX sentence pairs, whose standard deviation falls from 0.33 at
 * 20 characters to 0.17 at 90 and 0.12 at 180, in every pair of the three
 * languages (doubled, for translations looser than NTREX's); one link in
 * a thousand is let be of any length.  Gale and Church's difference of
 * lengths with a variance proportional to the length (13 per character
 * before) is twice as wide at the lengths of most sentences, so a shifted
 * or unrelated pair cost little more than a right one.  When the input is
 * a sentence a line, a line can hold two sentences (a translator's merge):
 * a bead costs a little less than a drop for each sentence boundary that
 * shows on one side and not on the other.
 *
 * Two sides that share no anchor, though both carry some (a name, a
 * number, a quotation), cost 2.0 per unit of the smaller side's anchor
 * weight, 4.0 at most: nothing_shared().  A side with numbers against a
 * side with none costs 2.0 a number, 4.0 at most: numbers_lost().  Chosen
 * on seeds 1 and 2 of the loose set (mean F1 of the six seed-pairs 0.9362
 * without, 0.9405 at 1.0 a number, 0.9410 at 2.0, 0.9406 at 3.0; two
 * numbers at most or three, the same), the careful set unchanged.  A side
 * with names past its first word against a side with none costs 0.7 a
 * name, 1.4 at most: names_lost().  A sentence of a
 * merge with names or numbers of which the other side's one sentence
 * shares none costs 1.0 each, 2.0 at most: parts_lost().
 */
/*
 * A bead that starts a paragraph on both sides: sentences are aligned over
 * the whole documents, and a paragraph boundary both languages keep is
 * evidence of a boundary between links, worth about a third of a drop.
 */
#define PARA_BONUS 1.0
/*
 * A word of the memory's lexicon in a bead of two sides whose translation
 * is not across: Model 1's evidence against the bead relative to chance,
 * about -log P(not there | a translation), its class's weight
 * (habar__anchor_expected(); align.c, memory_class()).  Without it two
 * sentences that each have no counterpart, added or dropped near each
 * other, were linked 1-1 (prior and lengths cost far less than a 1-0 and
 * a 0-1): the most frequent error with a memory.  A sentence with no
 * counterpart expects nothing and pays nothing.  One flat weight for
 * every word, chosen on seeds 1 and 2 of the loose set, gave F1 0.52-0.61
 * at 1.0, 0.93-0.96 at 0.5, 0.954-0.961 at 0.15, 0.960-0.970 at 0.35;
 * weighed by each pair's q, 0.964-0.976.  With the length model below
 * (sharper, and drops cheaper), the same evidence at full weight split
 * right links as drops (mean F1 of seeds 1 and 2 with a memory 0.9600);
 * at 0.85 0.9641, 0.7 0.9650, 0.6 0.9659, 0.5 0.9638.  0.7: at 0.6, a
 * lexicon habar-batch learns from a small archive no longer makes a
 * right link confident (test_batch's relearning case).  Since only the
 * pair's own words are expected (a sentence's words of the other pair of
 * its language had been charged too) and Russian and Kazakh stems are
 * cut to five and four letters, 0.9 (0.7: 0.9695, 0.9: 0.9695 with a
 * higher least seed-pair, 1.1: 0.9690; with 8 rounds of EM, 0.9710).
 */
#define LEX_MISS 0.9
/*
 * With a memory's lexicon for the pair, the length term weighs this much:
 * a loose translation strays from the expected ratio of lengths, and its
 * words say more than its length whether it is the translation (lengths
 * and lexicon pulled against each other, and a right link whose length
 * was off was split or merged with a neighbour).  Chosen on seeds 1 and
 * 2 of the loose set: mean F1 with a memory 0.9695 at 1, 0.9701 at 0.9,
 * 0.9717 at 0.8, 0.9707 at 0.7, 0.9710 at 0.6.  Chosen again once the
 * pairs' links inside a three-way link were read through the third
 * language and the names costs charged with a memory: 0.9810 at 1.0,
 * 0.9812 at 0.8, 0.9829 at 0.6, 0.9822 at 0.5, 0.9824 at 0.4; on seeds
 * 3, 4, 11, 23, 31, 37, 73, 79, 83, 89, 97, 101, 103 and 107, 0.9816 at
 * 0.8 and 0.9820 at 0.6 (lowest seed-pair 0.9696 and 0.9706).
 */
#define MEMORY_LENGTH 0.6
static const struct params sentence_params = {
	0.008, 5.6, 0.001,
	{ 0, 0.1165, 2.6, 2.6, 3.3, 3.3, 10.0, 5.6, 5.6 },
	3.0, 0.6, LEX_MISS, 2.0, PARA_BONUS, 2.0, 2.0, MEMORY_LENGTH, 2.0, 2.0,
	0.7, 2.0, 1.0, 2.0
};


/*
 * -log((1 - e) exp(-z^2 / 2) + e) for z = k / 64, k = 0..TABLE-1, e the
 * share of outliers: the length term of a link z standard deviations off
 * the expected ratio.
 */
#define TABLE 2048
static float tail_table[TABLE];
/*
 * The length term asks for logarithms and a square root in the programme's
 * inner loop; lengths are whole numbers of characters, so below LENGTHS
 * they come from tables: the log of a length, and for the sum of the two
 * sides' lengths the inverse of the standard deviation and the
 * normalising term of length_cost().
 */
#define LENGTHS 8192
static float log_table[LENGTHS];
static float inv_sd_table[LENGTHS], norm_table[LENGTHS];
/* Filled once per process, whichever thread aligns first. */
static pthread_once_t tail_once = PTHREAD_ONCE_INIT;

/* The variance of the log ratio of two sides of total length sum. */
static double
variance(const struct params *p, double sum)
{
	return p->var_fixed + p->var_char * 2.0 / (sum < 2.0 ? 2.0 : sum);
}

static void
init_tail(void)
{
	const struct params *p = &sentence_params;
	double x, v, e = p->outlier, ref = variance(p, 200.0);
	int k;

	for (k = 0; k < TABLE; k++) {
		x = k / 64.0;
		tail_table[k] = (float)-log((1 - e) * exp(-x * x / 2) + e);
	}
	for (k = 0; k < LENGTHS; k++) {
		log_table[k] = (float)log(k < 1 ? 1.0 : (double)k);
		v = variance(p, (double)k);
		inv_sd_table[k] = (float)(1.0 / sqrt(v));
		norm_table[k] = (float)(0.5 * log(v / ref));
	}
}

static double
tail_cost(double z)
{
	double x = fabs(z) * 64.0;
	int k;

	if (x >= TABLE - 1)
		return tail_table[TABLE - 1];	/* -log e, near enough */
	k = (int)x;
	return tail_table[k] + (x - k) * (tail_table[k + 1] - tail_table[k]);
}

/*
 * Where an item's numbers, links, telephone numbers and names are among
 * its sorted keys (from first, strong of them; the numbers lead), so
 * that parts_lost_at() need not look for them for every merge the
 * programme weighs.  An item has HABAR__ANCHOR_ALL_MAX keys at most
 * (augment() in align.c), far from the limit of the fields.
 */
struct strong_run {
	uint16_t first, strong, numbers;
};

/* The words of an item's key signature: 256 bits. */
#define SIGW 4

struct pair {
	const struct habar__align_seq *a, *b;
	const struct params *p;
	double ratio;		/* expected length of b per character of a */
	double log_ratio;	/* its log */
	/* Sums over items [0, i) of a and of b: lengths, and the anchor
	 * weight each item carries if unmatched; a bead's are differences. */
	double *cla, *clb, *cwa, *cwb;
	/* Sums of the words of the memory's lexicon each item holds. */
	double *cxa, *cxb;
	/* The weight of the length term: less with a memory's lexicon. */
	double lscale;
	/* Whether a memory's lexicon weighs the pair. */
	int memory;
	/* Sums of the numbers each item holds. */
	double *cna, *cnb;
	/* Sums of the sentence boundaries inside each item and of the items
	 * that end like a sentence (boundary_sums()); counted: whether
	 * either side has boundary data, without which no bead pays for
	 * boundaries. */
	uint32_t *cia, *cea, *cib, *ceb;
	int counted;
	/* Points the band's centre line goes through, in characters of a
	 * and of b (each item counted one longer), increasing; none: the
	 * line is straight. */
	struct point *points;
	size_t npoints;
	/* Each item's anchor keys as a signature (signature()). */
	uint64_t (*siga)[SIGW], (*sigb)[SIGW];
	/*
	 * The sides whose keys the gains are read from: a and b, or views
	 * of them without the keys the other side never holds
	 * (share_views()), and those views' keys.
	 */
	const struct habar__align_seq *ga, *gb;
	struct habar__align_seq va, vb;
	uint32_t *vkeys[2];
	size_t *vfirst[2];
	/* Each item's numbers, links, telephone numbers and names
	 * (strong_runs()), for parts_lost_at(). */
	struct strong_run *sra, *srb;
};

/*
 * The length term of a bead of la characters of a against lb of b: minus
 * the log of the density of the log ratio of the lengths (b's divided by
 * the expected ratio), a Gaussian whose variance shrinks with the length
 * (var_fixed + var_char / length), mixed with a small share of outliers,
 * relative to that density at a hundred characters.  So a short pair, whose
 * lengths say little, costs a little more than a long pair that agrees
 * as well, and no length difference costs more than -log(outlier).
 */
static double
length_cost(const struct pair *pr, double la, double lb)
{
	double lr, sum, v;
	size_t k;

	if (la < 1.0)
		la = 1.0;
	if (lb < 1.0)
		lb = 1.0;
	if (la < LENGTHS && lb < LENGTHS)
		lr = log_table[(size_t)la] - log_table[(size_t)lb];
	else
		lr = log(la / lb);
	/* lr: the log of a's length over b's in a's characters. */
	lr += pr->log_ratio;
	sum = la + lb / pr->ratio;
	if (sum < LENGTHS - 1) {
		k = (size_t)(sum + 0.5);
		return tail_cost(lr * inv_sd_table[k]) + norm_table[k];
	}
	v = variance(pr->p, sum);
	return tail_cost(lr / sqrt(v)) +
	    0.5 * log(v / variance(pr->p, 200.0));
}

/*
 * The least length_cost() can be for sides of la and lb characters:
 * lengths in the expected ratio.
 */
static double
length_floor(const struct pair *pr, double la, double lb)
{
	double sum = la + lb / pr->ratio;

	if (sum < LENGTHS - 1)
		return norm_table[(size_t)(sum + 0.5)];
	return 0.5 * log(pr->p->var_fixed / variance(pr->p, 200.0));
}

/*
 * The cost of a bead of two sides that share no anchor, though each
 * carries some that should come through translation (unmatched weight
 * miss_a and miss_b): the miss costs charge those anchors the same
 * whether the two sides are linked or left alone, so without this term
 * two unrelated sentences of about the same length, one added and one
 * dropped, are linked for free.
 */
static double
nothing_shared(const struct params *p, double miss_a, double miss_b)
{
	double m = miss_a < miss_b ? miss_a : miss_b;

	return p->unshared_cost * (m < p->unshared_max ? m : p->unshared_max);
}

/*
 * The cost of a bead of two sides of which one holds numbers (num_a and
 * num_b of them) and the other none.  A translation keeps its numbers,
 * if sometimes converted (inches to centimetres, 1 to 4 against 2,5 to
 * 10), so a side with numbers against a side without is evidence that
 * the two are not each other's translation: a sentence added in one
 * language next to one dropped in the other, which lengths alone read
 * as a 1-1 link.  The unmatched-number costs do not tell, as they are
 * paid whether the sentences are linked or left alone, and
 * nothing_shared() holds only when both sides carry anchors.  Both
 * sides with numbers, none shared, is not charged more: that is how a
 * conversion looks.
 */
static double
numbers_lost(const struct params *p, double num_a, double num_b)
{
	double m = num_a > 0 && num_b == 0 ? num_a : num_b > 0 && num_a == 0 ?
	    num_b : 0;

	return p->lost_cost * (m < p->lost_max ? m : p->lost_max);
}

/*
 * The cost of a bead of two sides of which one holds names past its
 * first word (names_a and names_b of them, habar__anchor_extract()) and
 * the other none; memory: a memory's lexicon weighs the pair.  A
 * translation keeps its names (Wales, Уэльс), so a side with names
 * against a side with none is evidence that the two are an added and a
 * dropped sentence, as with numbers (numbers_lost()), and the names' miss
 * costs do not tell, being paid whether the sentences are linked or left
 * alone.  A capital that opens a sentence is not counted: it is any
 * word's, and where a translation moves a name to the front (He met
 * Putin, Путин встретился с ним), the other side does not lose it.
 * Names on both sides, none shared, are for nothing_shared().  Chosen on
 * seeds 1 and 2 of the loose set, mean F1 of the six seed-pairs 0.9410
 * without: 0.9434 at 0.5 a name, 0.9446 at 0.7, 0.9406 at 1.5, 0.9381 at
 * 2.0; two names at most 0.9446, one 0.9425, three 0.9446; charged
 * against a side with no name at all (its first word's neither) 0.9426
 * at 1.0; with the name skeletons that bring W/У, J/Дж and H/Г together,
 * 0.9426 without, 0.9441 at 0.5, 0.9459 at 0.7, 0.9451 at 1.0.  With a
 * memory it once lowered the mean F1 (0.9751 to 0.9740), its missed words
 * telling already; since the pairs' links inside a three-way link are read
 * through the third language (align_third.c), it and parts_lost() raise
 * the mean F1 with a memory too: 0.9820 to 0.9825 on seeds 3, 4, 11, 23, 31, 37,
 * 73, 79, 83 and 89 (lowest 0.9682 to 0.9696), 0.9791 to 0.9794 on 97,
 * 101, 103 and 107, 0.9818 to 0.9812 on 1 and 2.
 */
static double
names_lost(const struct params *p, double names_a, double names_b)
{
	double m = names_a > 0 && names_b == 0 ? names_a : names_b > 0 &&
	    names_a == 0 ? names_b : 0;

	return p->names_cost * (m < p->names_max ? m : p->names_max);
}

/* The names past the first word of items [first, first + n) of s. */
static inline double
count_names(const struct habar__align_seq *s, size_t first, size_t n)
{
	double m = 0;
	size_t i;

	if (s->names != NULL)
		for (i = first; i < first + n; i++)
			m += s->names[i];
	return m;
}

/*
 * The first of the sorted keys k[0..n) that is key or above: kinds are
 * the keys' top bits, so each kind is one run of a sentence's keys.
 */
static inline size_t
key_bound(const uint32_t *k, size_t n, uint32_t key)
{
	const uint32_t *b = k;
	size_t half;

	if (n == 0)
		return 0;
	/* The answer is in b[0..n]: halved without a branch on the
	 * comparison, which is a coin toss. */
	while (n > 1) {
		half = n / 2;
		b += b[half] < key ? half : 0;
		n -= half;
	}
	return (size_t)(b - k) + (*b < key);
}

/* The first key of a kind, and the first past the strong kinds (numbers,
 * links, telephone numbers, names). */
#define KIND_FIRST(kind) ((uint32_t)(kind) << 29)
#define STRONG_END KIND_FIRST(HABAR__ANCHOR_NAME + 1)

/*
 * Whether the sorted keys k1[0..n1) and k2[0..n2) share a key; given the
 * runs of numbers, links, telephone numbers and names of two sentences,
 * whether they share one of those.
 */
static int
share_any(const uint32_t *k1, size_t n1, const uint32_t *k2, size_t n2)
{
	size_t i = 0, j = 0;

	while (i < n1 && j < n2) {
		if (k1[i] == k2[j])
			return 1;
		if (k1[i] < k2[j])
			i++;
		else
			j++;
	}
	return 0;
}

/* The strong runs of the sorted keys k[0..n) (struct strong_run). */
static struct strong_run
strong_run_of(const uint32_t *k, size_t n)
{
	struct strong_run r;
	size_t f, e;

	f = key_bound(k, n, KIND_FIRST(HABAR__ANCHOR_NUMBER));
	e = f + key_bound(k + f, n - f, KIND_FIRST(HABAR__ANCHOR_LINK));
	r.numbers = (uint16_t)(e - f);
	e += key_bound(k + e, n - e, STRONG_END);
	r.first = (uint16_t)f;
	r.strong = (uint16_t)(e - f);
	return r;
}

/*
 * What item i of many (its strong runs r) costs as a part of a merge
 * against the one item whose sorted keys are ko (its strong runs o): its
 * numbers and names, at most part_max, if it shares none of its strong
 * anchors with it.  Only the strong kinds count: the runs of those are
 * looked at, not the words of a lexicon that lead every sentence's keys.
 */
static double
part_lost(const struct params *p, const struct habar__align_seq *many,
    size_t i, struct strong_run r, const uint32_t *ko, struct strong_run o)
{
	double m = (double)r.numbers + (many->names != NULL ?
	    many->names[i] : 0);

	if (m == 0 || share_any(many->keys + many->kfirst[i] + r.first,
	    r.strong, ko + o.first, o.strong))
		return 0;
	return m < p->part_max ? m : p->part_max;
}

/*
 * The cost of a merge, the n items of many from first against one item
 * whose sorted keys are ko[0..no), for each of its items that holds
 * numbers or names past its first word and shares none of them (nor a
 * link or telephone number) with the one item.  Each part of a merge
 * is the translation of part of the other side, and keeps its names
 * and numbers as a whole sentence does (names_lost(), numbers_lost());
 * a sentence with no counterpart absorbed into a neighbour's merge (the
 * lengths of the two add up to the other side's as well as the
 * neighbour's alone does) brings its own, which the other side lacks.
 * The union of the merge's anchors hides that: the neighbour's shared
 * ones pay for it.  Only names past the first word, numbers, links and
 * telephone numbers count: charging every anchor a part fails to share
 * (its first word's capital, a quotation mark) lowered the careful set,
 * whose real merges' second halves often hold only those.  Chosen on
 * seeds 1 and 2 of the loose set, mean F1 of the six seed-pairs 0.9459
 * without: 0.9470 at 0.5, 0.9483 at 1.0 and 1.5, 0.9475 at 2.0; one at
 * most per part 0.9470, two 0.9483, three 0.9488 (held-out seeds 3-37
 * 0.9404 against 0.9407 at two).  With a memory too, as names_lost().
 */
static double
parts_lost(const struct params *p, const struct habar__align_seq *many,
    size_t first, size_t n, const uint32_t *ko, size_t no)
{
	struct strong_run o;
	size_t i;
	double total = 0;

	if (n < 2)
		return 0;
	o = strong_run_of(ko, no);
	for (i = first; i < first + n; i++)
		total += part_lost(p, many, i, strong_run_of(many->keys +
		    many->kfirst[i], many->kfirst[i + 1] - many->kfirst[i]),
		    ko, o);
	return p->part_cost * total;
}

/* Fills run[0..s->n) with the strong runs of the items of s. */
static void
strong_runs(const struct habar__align_seq *s, struct strong_run *run)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		run[i] = strong_run_of(s->keys + s->kfirst[i],
		    s->kfirst[i + 1] - s->kfirst[i]);
}

/*
 * parts_lost() of the n items of many from first (their strong runs mr)
 * against item o of one (its strong runs orun): the same sum, from the
 * runs found once.
 */
static double
parts_lost_at(const struct params *p, const struct habar__align_seq *many,
    const struct strong_run *mr, size_t first, size_t n,
    const struct habar__align_seq *one, const struct strong_run *orun,
    size_t o)
{
	size_t i;
	double total = 0;

	if (n < 2)
		return 0;
	for (i = first; i < first + n; i++)
		total += part_lost(p, many, i, mr[i], one->keys +
		    one->kfirst[o], orun[o]);
	return p->part_cost * total;
}

/*
 * Adds to *miss and *expected the weights of the sorted keys k[0..n) if
 * unmatched (habar__anchor_miss()) and the memory's words of the pair
 * tag among them (habar__anchor_expected()), in the keys' order.  Only
 * the memory's words expect anything and only the kinds from numbers to
 * marks weigh when missed; the others, each a run of the sorted keys
 * (the learnt word pairs and cognates, a third of a sentence's keys),
 * would add zeros: they are not walked.
 */
static void
side_sums(const uint32_t *k, size_t n, unsigned tag, double *miss,
    double *expected)
{
	size_t i = 0;

	/* Walked, not searched: the memory's words are summed anyway. */
	for (; i < n && k[i] < KIND_FIRST(HABAR__ANCHOR_NUMBER); i++)
		*expected += habar__anchor_expected(k[i], tag);
	for (; i < n && k[i] < KIND_FIRST(HABAR__ANCHOR_WORD); i++)
		*miss += habar__anchor_miss(k[i]);
}

/*
 * Fills len[0..s->n] and miss[0..s->n] with the running sums of the items'
 * lengths and of the weight of their anchors if unmatched, and expected
 * with those of the memory's words of the pair tag whose translation is
 * expected across.
 */
static void
running_sums(const struct habar__align_seq *s, unsigned tag, double *len,
    double *miss, double *expected, double *numbers)
{
	const uint32_t *k;
	size_t i, n;
	double w, x;

	len[0] = miss[0] = expected[0] = numbers[0] = 0;
	for (i = 0; i < s->n; i++) {
		w = x = 0;
		k = s->keys + s->kfirst[i];
		n = s->kfirst[i + 1] - s->kfirst[i];
		side_sums(k, n, tag, &w, &x);
		len[i + 1] = len[i] + s->len[i];
		miss[i + 1] = miss[i] + w;
		expected[i + 1] = expected[i] + x;
		numbers[i + 1] = numbers[i] + strong_run_of(k, n).numbers;
	}
}

/*
 * Fills inside[0..s->n] and ends[0..s->n] with the running sums of the
 * sentence boundaries inside each item and of the items that end like a
 * sentence, so that a bead's boundaries (boundaries()) are two
 * differences, not a walk over its items for every bead the programme
 * weighs.  Items without boundary data are a sentence each, ending like
 * one.
 */
static void
boundary_sums(const struct habar__align_seq *s, uint32_t *inside,
    uint32_t *ends)
{
	size_t i;

	inside[0] = ends[0] = 0;
	for (i = 0; i < s->n; i++) {
		inside[i + 1] = inside[i] + (s->bounds == NULL ? 0 :
		    (uint32_t)(s->bounds[i] & HABAR__LINE_INSIDE));
		ends[i + 1] = ends[i] + (s->bounds == NULL ? 1 :
		    (s->bounds[i] & HABAR__LINE_ENDS) != 0);
	}
}

/*
 * Fills sig[0..s->n) with each item's anchor keys as a set of bits, a bit
 * a key.  Two items whose signatures share no bit share no anchor, so
 * their gain is 0 without merging their keys (the band asks for the gain
 * of every item pair it covers, and many share none).  256 bits, as an
 * item has twenty-odd keys once the learnt word pairs are added.
 */
static void
signature(const struct habar__align_seq *s, uint64_t (*sig)[SIGW])
{
	size_t i, k, w;
	uint32_t h;

	for (i = 0; i < s->n; i++) {
		for (w = 0; w < SIGW; w++)
			sig[i][w] = 0;
		for (k = s->kfirst[i]; k < s->kfirst[i + 1]; k++) {
			h = s->keys[k] * 0x9E3779B1u;
			sig[i][(h >> 26) % SIGW] |= (uint64_t)1 << ((h >> 20) & 63);
		}
	}
}

/* A point of the band's centre line; an anchor's occurrence in a and b. */
struct point {
	double a, b;
};

struct occurrence {
	uint32_t key, item;
};

/*
 * Sorts occ[0..n) by key, keeping the order of equal keys (tmp: room for
 * n): a radix sort, a byte of the key a round.  occurrences() lists them
 * by item, so they come out by key and item, as a comparison sort of
 * both would put them, in a fraction of its time.
 */
static void
sort_occurrences(struct occurrence *occ, struct occurrence *tmp, size_t n)
{
	size_t count[256], k, sum, c;
	struct occurrence *from = occ, *to = tmp, *swap;
	int shift;

	for (shift = 0; shift < 32; shift += 8) {
		memset(count, 0, sizeof(count));
		for (k = 0; k < n; k++)
			count[(from[k].key >> shift) & 0xFF]++;
		for (sum = 0, k = 0; k < 256; k++) {
			c = count[k];
			count[k] = sum;
			sum += c;
		}
		for (k = 0; k < n; k++)
			to[count[(from[k].key >> shift) & 0xFF]++] = from[k];
		swap = from;
		from = to;
		to = swap;
	}
	/* Four rounds: the sorted keys are back in occ. */
}

/* Whether an anchor of this kind means the same in every language. */
static int
same_everywhere(unsigned kind)
{
	return kind == HABAR__ANCHOR_NUMBER || kind == HABAR__ANCHOR_LINK ||
	    kind == HABAR__ANCHOR_PHONE || kind == HABAR__ANCHOR_NAME;
}

/*
 * The occurrences in s of the anchors that mean the same in every
 * language (numbers, links, telephones, names), sorted by key and item,
 * in *out (malloc'd); returns their number, or 0 when memory is short.
 */
static size_t
occurrences(const struct habar__align_seq *s, struct occurrence **out)
{
	struct occurrence *occ;
	size_t i, k, n = 0;
	unsigned kind;

	*out = NULL;
	/* Counted first: most of a text's keys are words of a lexicon. */
	for (k = 0; k < s->kfirst[s->n]; k++)
		n += same_everywhere(HABAR__ANCHOR_KIND(s->keys[k]));
	if ((occ = malloc((2 * n + 1) * sizeof(*occ))) == NULL)
		return 0;
	n = 0;
	for (i = 0; i < s->n; i++)
		for (k = s->kfirst[i]; k < s->kfirst[i + 1]; k++) {
			kind = HABAR__ANCHOR_KIND(s->keys[k]);
			if (same_everywhere(kind)) {
				occ[n].key = s->keys[k];
				occ[n++].item = (uint32_t)i;
			}
		}
	sort_occurrences(occ, occ + n, n);
	*out = occ;
	return n;
}

static int
cmp_point(const void *x, const void *y)
{
	const struct point *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	/* Equal in a: the later in b first, so that no chain takes both. */
	return p->b > q->b ? -1 : p->b < q->b;
}

/*
 * Whether occurrence x of the run occ[first..last) of one key stands alone
 * within reach items on either side.
 */
static int
alone(const struct occurrence *occ, size_t first, size_t last, size_t x,
    size_t reach)
{
	return (x == first || occ[x - 1].item + reach < occ[x].item) &&
	    (x + 1 == last || occ[x].item + reach < occ[x + 1].item);
}

/*
 * The points of the band's centre line (pr->points).  A long document
 * drifts from the straight line of its length ratio by dozens of
 * sentences where its articles' ratios differ; anchors that mean the same
 * in both languages pin the line down.  An occurrence counts when it is
 * the only one of its key for REACH_SHARE of the document around it, in
 * both languages, and the two sit at nearly the same share of their texts
 * (so a name repeated every few sentences, which could pair with the
 * wrong one, never counts); of those pairs the longest chain increasing
 * in both languages is kept.
 */
#define REACH_SHARE 50	/* a fiftieth of the document */

static enum habar_status
centre_points(struct pair *pr)
{
	struct occurrence *oa = NULL, *ob = NULL;
	struct point *pts = NULL;
	size_t na, nb, x = 0, y = 0, xe, ye, yb, near, m, n = 0, len = 0, lo,
	    hi, mid, reach, items;
	size_t *tail = NULL, *prev = NULL;
	double ta, tb, sa, sb, tol;
	enum habar_status status = HABAR_ERR_NOMEM;

	pr->points = NULL;
	pr->npoints = 0;
	items = pr->a->n > pr->b->n ? pr->a->n : pr->b->n;
	reach = items / REACH_SHARE;
	ta = pr->cla[pr->a->n] + (double)pr->a->n;
	tb = pr->clb[pr->b->n] + (double)pr->b->n;
	if (reach == 0 || ta <= 0 || tb <= 0)
		return HABAR_OK;
	tol = 1.0 / REACH_SHARE;
	na = occurrences(pr->a, &oa);
	nb = occurrences(pr->b, &ob);
	if (oa == NULL || ob == NULL)
		goto done;
	/* An occurrence in a makes one point at most. */
	if ((pts = malloc((na + 1) * sizeof(*pts))) == NULL)
		goto done;
	while (x < na && y < nb) {
		if (oa[x].key != ob[y].key) {
			if (oa[x].key < ob[y].key)
				x++;
			else
				y++;
			continue;
		}
		for (xe = x; xe < na && oa[xe].key == oa[x].key; xe++)
			;
		for (ye = y; ye < nb && ob[ye].key == ob[y].key; ye++)
			;
		/* Each lone occurrence in a with the lone one in b nearest
		 * its share of the text, when near enough. */
		for (m = x, yb = y; m < xe; m++) {
			if (!alone(oa, x, xe, m, reach))
				continue;
			sa = (pr->cla[oa[m].item] + oa[m].item) / ta;
			while (yb + 1 < ye && (pr->clb[ob[yb + 1].item] +
			    ob[yb + 1].item) / tb <= sa)
				yb++;
			/* The two in b on either side of that share. */
			for (near = yb; near < ye && near <= yb + 1; near++) {
				sb = (pr->clb[ob[near].item] + ob[near].item) /
				    tb;
				if (fabs(sa - sb) < tol &&
				    alone(ob, y, ye, near, reach)) {
					/* Where each item starts, one more
					 * per item. */
					pts[n].a = sa * ta;
					pts[n++].b = sb * tb;
					break;
				}
			}
		}
		x = xe;
		y = ye;
	}
	qsort(pts, n, sizeof(*pts), cmp_point);
	/* The longest chain increasing in b (a increases by the sort). */
	if ((tail = malloc((n + 1) * sizeof(size_t))) == NULL ||
	    (prev = malloc((n + 1) * sizeof(size_t))) == NULL)
		goto done;
	for (m = 0; m < n; m++) {
		lo = 0;
		hi = len;
		while (lo < hi) {
			mid = (lo + hi) / 2;
			if (pts[tail[mid]].b < pts[m].b)
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[m] = lo > 0 ? tail[lo - 1] : SIZE_MAX;
		tail[lo] = m;
		if (lo == len)
			len++;
	}
	if ((pr->points = malloc((len + 1) * sizeof(*pts))) == NULL)
		goto done;
	for (m = len, x = len > 0 ? tail[len - 1] : SIZE_MAX; m > 0;
	    m--, x = prev[x])
		pr->points[m - 1] = pts[x];
	pr->npoints = len;
	status = HABAR_OK;
done:
	free(oa);
	free(ob);
	free(pts);
	free(tail);
	free(prev);
	return status;
}

/*
 * The point of b's characters the centre line reaches at ca of a's (ta
 * and tb: the totals); *k remembers the segment, as ca only grows.
 */
static double
centre(const struct pair *pr, double ca, double ta, double tb, size_t *k)
{
	double a0 = 0, b0 = 0, a1 = ta, b1 = tb;

	while (*k < pr->npoints && pr->points[*k].a <= ca)
		(*k)++;
	if (*k > 0) {
		a0 = pr->points[*k - 1].a;
		b0 = pr->points[*k - 1].b;
	}
	if (*k < pr->npoints) {
		a1 = pr->points[*k].a;
		b1 = pr->points[*k].b;
	}
	if (a1 <= a0)
		return b0;
	return b0 + (ca - a0) / (a1 - a0) * (b1 - b0);
}

/* The most items on one side of a bead (a merge of three). */
#define BEAD_MAX 3

/*
 * Gathers the sorted anchor keys of items [first, first + n) of s (n at
 * most BEAD_MAX) into buf (room for BEAD_MAX * HABAR__ANCHOR_ALL_MAX) and
 * returns their number: each item's sorted run merged into those before.
 */
static size_t
gather(const struct habar__align_seq *s, size_t first, int n, uint32_t *buf)
{
	uint32_t tmp[(BEAD_MAX - 1) * HABAR__ANCHOR_ALL_MAX];
	const uint32_t *k2;
	size_t n2, i, j, m = 0, had;
	int item;

	for (item = 0; item < n; item++) {
		k2 = s->keys + s->kfirst[first + item];
		n2 = s->kfirst[first + item + 1] - s->kfirst[first + item];
		if (n2 > HABAR__ANCHOR_ALL_MAX)
			n2 = HABAR__ANCHOR_ALL_MAX;
		if (m == 0) {
			memcpy(buf, k2, n2 * sizeof(uint32_t));
			m = n2;
			continue;
		}
		memcpy(tmp, buf, m * sizeof(uint32_t));
		had = m;
		i = j = m = 0;
		while (i < had || j < n2)
			buf[m++] = (j >= n2 || (i < had && tmp[i] <= k2[j])) ?
			    tmp[i++] : k2[j++];
	}
	return m;
}

/*
 * Sums the weight, the miss cost and the expected words (lexicon words
 * whose translation is there) of the anchors common to the sorted key
 * lists ka[0..na) and kb[0..nb), each counted once (a multiset
 * intersection), into *w, *missed and *expected.
 */
static void
sum_common(const uint32_t *ka, size_t na, const uint32_t *kb, size_t nb,
    double *w, double *missed, double *expected)
{
	size_t i = 0, j = 0;
	uint32_t x, y;

	/* Steps without a branch on which side is behind: the merge is the
	 * dynamic programme's inner loop, and that branch is a coin toss. */
	while (i < na && j < nb) {
		x = ka[i];
		y = kb[j];
		if (x == y) {
			*w += habar__anchor_weight(x);
			*missed += habar__anchor_miss(x);
			/* A key both sides hold is of the pair's own. */
			*expected += habar__anchor_expected(x, (x >> 21) & 3);
		}
		i += x <= y;
		j += y <= x;
	}
}

/*
 * The gain of the anchors common to the sorted key lists ka[0..na) and
 * kb[0..nb): the bonus for each, plus the miss cost it saves on both
 * sides.
 */
static float
gain_common(const struct pair *pr, const uint32_t *ka, size_t na,
    const uint32_t *kb, size_t nb)
{
	double w = 0, missed = 0, expected = 0;

	sum_common(ka, na, kb, nb, &w, &missed, &expected);
	return (float)(pr->p->match_bonus * w + 2 * pr->p->miss_cost * missed +
	    2 * pr->p->lex_miss * expected);
}

/* The gain of anchors shared by item x of a and item y of b. */
static float
gain11(const struct pair *pr, size_t x, size_t y)
{
	uint64_t any = 0;
	int w;

	for (w = 0; w < SIGW; w++)
		any |= pr->siga[x][w] & pr->sigb[y][w];
	if (any == 0)
		return 0;
	return gain_common(pr, pr->ga->keys + pr->ga->kfirst[x],
	    pr->ga->kfirst[x + 1] - pr->ga->kfirst[x],
	    pr->gb->keys + pr->gb->kfirst[y],
	    pr->gb->kfirst[y + 1] - pr->gb->kfirst[y]);
}

/*
 * The gain of the anchors shared by na items of a before item i and nb
 * items of b before item j, each anchor counted once over the merged keys.
 */
static float
gain_union(const struct pair *pr, size_t i, size_t j, int na, int nb)
{
	uint32_t ka[BEAD_MAX * HABAR__ANCHOR_ALL_MAX],
	    kb[BEAD_MAX * HABAR__ANCHOR_ALL_MAX];
	size_t la, lb;

	la = gather(pr->ga, i - na, na, ka);
	lb = gather(pr->gb, j - nb, nb, kb);
	return gain_common(pr, ka, la, kb, lb);
}

/*
 * The sentence boundaries that show in the n items of s from i: those
 * inside each, and after each but the last that ends like a sentence.
 * Items without boundary data (s->bounds NULL) are a sentence each.
 */
static size_t
boundaries(const struct habar__align_seq *s, size_t i, size_t n)
{
	size_t k, count = 0;

	if (s->bounds == NULL)
		return n - 1;
	for (k = i; k < i + n; k++) {
		count += s->bounds[k] & HABAR__LINE_INSIDE;
		if (k + 1 < i + n && (s->bounds[k] & HABAR__LINE_ENDS))
			count++;
	}
	return count;
}

/*
 * The cost of the sentence boundaries that show in different numbers in
 * the na items of a from ai and the nb of b from bi (na, nb > 0).
 */
static double
count_cost(const struct params *p, const struct habar__align_seq *a,
    size_t ai, size_t na, const struct habar__align_seq *b, size_t bi,
    size_t nb)
{
	size_t sa, sb;

	if (a->bounds == NULL && b->bounds == NULL)
		return 0;
	sa = boundaries(a, ai, na);
	sb = boundaries(b, bi, nb);
	return p->count_cost * (double)(sa > sb ? sa - sb : sb - sa);
}

/*
 * count_cost() for the bead of na items of a ending before item i and nb
 * of b ending before item j (na, nb > 0), from the running sums.
 */
static inline double
count_cost_at(const struct pair *pr, size_t i, size_t j, int na, int nb)
{
	size_t sa, sb;

	if (!pr->counted)
		return 0;
	sa = pr->cia[i] - pr->cia[i - na] + pr->cea[i - 1] - pr->cea[i - na];
	sb = pr->cib[j] - pr->cib[j - nb] + pr->ceb[j - 1] - pr->ceb[j - nb];
	return pr->p->count_cost * (double)(sa > sb ? sa - sb : sb - sa);
}

/*
 * The cost of the bead of na items of a ending before item i and nb items
 * of b ending before item j, whose shared anchors gain gain.  When the
 * cost without the length term already reaches limit, the bead cannot win
 * and that lower bound is returned (the length term is the dear part).
 * Inlined into each move's weighing (weigh_move(), weigh_soft()), where
 * na, nb and mv are constants the compiler folds.
 */
static inline __attribute__((always_inline)) double
bead_cost(const struct pair *pr, size_t i, size_t j, int na, int nb,
    enum move mv, double gain, double limit)
{
	double cost, la, lb;

	cost = pr->p->prior[mv] + pr->p->miss_cost *
	    (pr->cwa[i] - pr->cwa[i - na] + pr->cwb[j] - pr->cwb[j - nb]) - gain;
	if (na > 0 && nb > 0) {
		cost += count_cost_at(pr, i, j, na, nb) +
		    pr->p->lex_miss * (pr->cxa[i] - pr->cxa[i - na] +
		    pr->cxb[j] - pr->cxb[j - nb]);
		if (gain <= 0)
			cost += nothing_shared(pr->p, pr->cwa[i] - pr->cwa[i - na],
			    pr->cwb[j] - pr->cwb[j - nb]);
		if (pr->a->pstart != NULL && pr->b->pstart != NULL &&
		    pr->a->pstart[i - na] && pr->b->pstart[j - nb])
			cost -= pr->p->para_bonus;
		la = pr->cla[i] - pr->cla[i - na];
		lb = pr->clb[j] - pr->clb[j - nb];
		if (cost + pr->lscale * length_floor(pr, la, lb) >= limit)
			return cost + 1.0;	/* clear of rounding: loses */
		/* After the bound: it is never negative, and rarely not 0. */
		cost += numbers_lost(pr->p, pr->cna[i] - pr->cna[i - na],
		    pr->cnb[j] - pr->cnb[j - nb]) +
		    names_lost(pr->p, count_names(pr->a, i - na, (size_t)na),
		    count_names(pr->b, j - nb, (size_t)nb)) +
		    (nb == 1 ? parts_lost_at(pr->p, pr->a,
		    pr->sra, i - na, (size_t)na, pr->b, pr->srb, j - 1) :
		    na == 1 ? parts_lost_at(pr->p, pr->b, pr->srb, j - nb,
		    (size_t)nb, pr->a, pr->sra, i - 1) : 0) +
		    pr->lscale * length_cost(pr, la, lb);
	}
	return cost;
}

/*
 * Sequences shorter than this (in items of both sides) are given no views
 * (share_views()): their gains are few, and the views' filter alone
 * would cost more.
 */
#define VIEW_ITEMS 2048
/* The bits of that filter: 1 Mbit, 128 kB (a tenth of them set by the
 * hundred thousand distinct keys of a long document, and few cache
 * misses). */
#define VIEW_SHIFT 12
#define VIEW_BITS ((size_t)1 << (32 - VIEW_SHIFT))

/* The bit of key in the views' filter. */
static inline size_t
view_bit(uint32_t key)
{
	return (key * 0x9E3779B1u) >> VIEW_SHIFT;
}

/*
 * Stores in v (keys in *keys_out, its starts in *first_out, malloc'd) the
 * view of s without the keys whose bit in filter is clear: the keys that
 * the other side never holds.
 */
static enum habar_status
view_make(const struct habar__align_seq *s, const uint64_t *filter,
    struct habar__align_seq *v, uint32_t **keys_out, size_t **first_out)
{
	size_t i, k, n = 0, bit;
	uint32_t key, *keys, *grown;

	if ((keys = malloc((s->kfirst[s->n] - s->kfirst[0] + 1) *
	    sizeof(uint32_t))) == NULL ||
	    (*first_out = malloc((s->n + 1) * sizeof(size_t))) == NULL) {
		free(keys);
		return HABAR_ERR_NOMEM;
	}
	for (i = 0; i < s->n; i++) {
		(*first_out)[i] = n;
		for (k = s->kfirst[i]; k < s->kfirst[i + 1]; k++) {
			key = s->keys[k];
			bit = view_bit(key);
			/* Stored always, kept when the bit is set: no branch
			 * on a coin toss. */
			keys[n] = key;
			n += (filter[bit / 64] >> (bit % 64)) & 1;
		}
	}
	(*first_out)[s->n] = n;
	/* What the filter left out is given back. */
	if ((grown = realloc(keys, (n + 1) * sizeof(uint32_t))) != NULL)
		keys = grown;
	*keys_out = keys;
	*v = *s;
	v->keys = *keys_out;
	v->kfirst = *first_out;
	return HABAR_OK;
}

/* Sets the bits of the keys of s in filter (VIEW_BITS, cleared first). */
static void
view_filter(const struct habar__align_seq *s, uint64_t *filter)
{
	size_t k, bit;

	memset(filter, 0, VIEW_BITS / 8);
	for (k = s->kfirst[0]; k < s->kfirst[s->n]; k++) {
		bit = view_bit(s->keys[k]);
		filter[bit / 64] |= (uint64_t)1 << (bit % 64);
	}
}

/*
 * Gives the gains of pr views of its two sides (pr->ga, pr->gb) without
 * the keys the other side holds nowhere: a cognate's skeleton with no
 * counterpart in the other language, the word pairs learnt for the pairs
 * with the third language (a third of a sentence's keys in the second
 * pass).  A key two items share is in both sides, and so in both views,
 * as often as in the items and in the same order: every gain is the same
 * to the last bit, for fewer keys merged and probed.  What is not gain
 * (the miss costs, the numbers and names) is read from the sides
 * themselves.  Returns HABAR_OK or HABAR_ERR_NOMEM.
 */
static enum habar_status
share_views(struct pair *pr)
{
	uint64_t *filter;
	enum habar_status status = HABAR_ERR_NOMEM;

	if ((filter = malloc(VIEW_BITS / 8)) == NULL)
		goto done;
	view_filter(pr->a, filter);
	if ((status = view_make(pr->b, filter, &pr->vb, &pr->vkeys[1],
	    &pr->vfirst[1])) != HABAR_OK)
		goto done;
	view_filter(pr->b, filter);
	if ((status = view_make(pr->a, filter, &pr->va, &pr->vkeys[0],
	    &pr->vfirst[0])) != HABAR_OK)
		goto done;
	pr->ga = &pr->va;
	pr->gb = &pr->vb;
done:
	free(filter);
	return status;
}

/*
 * Sets up pr for aligning a with b (ratio: characters of b for one of a,
 * 0: measured on them): the running sums, no centre points yet; with
 * views nonzero and sequences long enough, the gains' views
 * (share_views()).  Returns HABAR_OK or HABAR_ERR_NOMEM; pair_free()
 * either way.
 */
static enum habar_status
pair_init(struct pair *pr, const struct habar__align_seq *a,
    const struct habar__align_seq *b, double ratio, int views)
{
	double ta, tb;
	enum habar_status status;

	pthread_once(&tail_once, init_tail);
	pr->a = a;
	pr->b = b;
	pr->ga = a;
	pr->gb = b;
	pr->vkeys[0] = pr->vkeys[1] = NULL;
	pr->vfirst[0] = pr->vfirst[1] = NULL;
	pr->sra = malloc((a->n + 1) * sizeof(*pr->sra));
	pr->srb = malloc((b->n + 1) * sizeof(*pr->srb));
	pr->p = &sentence_params;
	pr->points = NULL;
	pr->npoints = 0;
	pr->cla = malloc((a->n + 1) * sizeof(double));
	pr->cwa = malloc((a->n + 1) * sizeof(double));
	pr->clb = malloc((b->n + 1) * sizeof(double));
	pr->cwb = malloc((b->n + 1) * sizeof(double));
	pr->cxa = malloc((a->n + 1) * sizeof(double));
	pr->cxb = malloc((b->n + 1) * sizeof(double));
	pr->cna = malloc((a->n + 1) * sizeof(double));
	pr->cnb = malloc((b->n + 1) * sizeof(double));
	pr->siga = malloc((a->n + 1) * sizeof(*pr->siga));
	pr->sigb = malloc((b->n + 1) * sizeof(*pr->sigb));
	pr->cia = malloc((a->n + 1) * sizeof(uint32_t));
	pr->cea = malloc((a->n + 1) * sizeof(uint32_t));
	pr->cib = malloc((b->n + 1) * sizeof(uint32_t));
	pr->ceb = malloc((b->n + 1) * sizeof(uint32_t));
	if (pr->cia == NULL || pr->cea == NULL || pr->cib == NULL ||
	    pr->ceb == NULL ||
	    pr->cla == NULL || pr->cwa == NULL || pr->clb == NULL ||
	    pr->cwb == NULL || pr->cxa == NULL || pr->cxb == NULL ||
	    pr->cna == NULL || pr->cnb == NULL ||
	    pr->siga == NULL || pr->sigb == NULL || pr->sra == NULL ||
	    pr->srb == NULL)
		return HABAR_ERR_NOMEM;
	strong_runs(a, pr->sra);
	strong_runs(b, pr->srb);
	running_sums(a, habar__align_tag(a, b), pr->cla, pr->cwa, pr->cxa,
	    pr->cna);
	running_sums(b, habar__align_tag(a, b), pr->clb, pr->cwb, pr->cxb,
	    pr->cnb);
	pr->memory = habar__align_memory(a, b);
	pr->lscale = pr->memory ? pr->p->memory_length : 1.0;
	if (views && a->n + b->n >= VIEW_ITEMS &&
	    (status = share_views(pr)) != HABAR_OK)
		return status;
	signature(pr->ga, pr->siga);
	signature(pr->gb, pr->sigb);
	boundary_sums(a, pr->cia, pr->cea);
	boundary_sums(b, pr->cib, pr->ceb);
	pr->counted = a->bounds != NULL || b->bounds != NULL;
	ta = pr->cla[a->n];
	tb = pr->clb[b->n];
	pr->ratio = ratio > 0 ? ratio : ta > 0 && tb > 0 ? tb / ta : 1.0;
	if (pr->ratio < 0.25)
		pr->ratio = 0.25;
	if (pr->ratio > 4)
		pr->ratio = 4;
	pr->log_ratio = log(pr->ratio);
	return HABAR_OK;
}

static void
pair_free(struct pair *pr)
{
	free(pr->cla);
	free(pr->cwa);
	free(pr->clb);
	free(pr->cwb);
	free(pr->cxa);
	free(pr->cxb);
	free(pr->cna);
	free(pr->cnb);
	free(pr->siga);
	free(pr->sigb);
	free(pr->cia);
	free(pr->cea);
	free(pr->cib);
	free(pr->ceb);
	free(pr->points);
	free(pr->vkeys[0]);
	free(pr->vkeys[1]);
	free(pr->vfirst[0]);
	free(pr->vfirst[1]);
	free(pr->sra);
	free(pr->srb);
}

struct band {
	size_t *lo, *hi;	/* columns of row i: lo[i]..hi[i] */
	size_t *off;		/* index of cell (i, lo[i]) in back[] */
	unsigned char *back;	/* the best move into each cell */
	float *bead;		/* the cost of that move's bead */
	size_t cells;
};

/*
 * Sets row i of the band to columns from..to widened by w either side
 * (within 0..nb), never starting before row i-1 does and always reaching
 * back to it, so that the band is connected and the path can cross it.
 */
static void
band_row(struct band *bd, size_t i, size_t from, size_t to, size_t w,
    size_t nb)
{
	bd->lo[i] = from > w ? from - w : 0;
	bd->hi[i] = to + w < nb ? to + w : nb;
	if (i > 0 && bd->lo[i] < bd->lo[i - 1])
		bd->lo[i] = bd->lo[i - 1];
	if (i > 0 && bd->lo[i] > bd->hi[i - 1])
		bd->lo[i] = bd->hi[i - 1];
	if (i > 0 && bd->hi[i] < bd->hi[i - 1])
		bd->hi[i] = bd->hi[i - 1];
}

static void
band_free(struct band *bd)
{
	free(bd->lo);
	free(bd->hi);
	free(bd->off);
	free(bd->back);
	free(bd->bead);
	memset(bd, 0, sizeof(*bd));
}

/* Lays out the band of half-width w around the length diagonal. */
static enum habar_status
band_make(struct band *bd, const struct pair *pr, size_t w,
    const struct habar__bead *guide, size_t nguide)
{
	size_t na = pr->a->n, nb = pr->b->n, i, j = 0, c, k = 0, r;
	double ta = 0, tb = 0, ca = 0, cb = 0, t;

	memset(bd, 0, sizeof(*bd));
	bd->lo = malloc((na + 1) * sizeof(size_t));
	bd->hi = malloc((na + 1) * sizeof(size_t));
	bd->off = malloc((na + 2) * sizeof(size_t));
	if (bd->lo == NULL || bd->hi == NULL || bd->off == NULL)
		return HABAR_ERR_NOMEM;
	if (guide != NULL) {
		/* Around an earlier path: the columns it visits in each row. */
		for (i = 0; i <= na; i++) {
			bd->lo[i] = nb;
			bd->hi[i] = 0;
		}
		for (k = 0; k < nguide; k++)
			for (r = guide[k].a; r <= guide[k].a + guide[k].na &&
			    r <= na; r++) {
				if (guide[k].b < bd->lo[r])
					bd->lo[r] = guide[k].b;
				if (guide[k].b + guide[k].nb > bd->hi[r])
					bd->hi[r] = guide[k].b + guide[k].nb;
			}
		for (i = 0; i <= na; i++) {
			if (bd->lo[i] > bd->hi[i])
				bd->lo[i] = bd->hi[i] = i > 0 ? bd->hi[i - 1] : 0;
			band_row(bd, i, bd->lo[i], bd->hi[i], w, nb);
		}
		goto cells;
	}
	for (i = 0; i < na; i++)
		ta += pr->a->len[i] + 1;
	for (j = 0; j < nb; j++)
		tb += pr->b->len[j] + 1;
	j = 0;
	for (i = 0; i <= na; i++) {
		/* c: the column where b has gone as far as a has at row i. */
		t = centre(pr, ca, ta, tb, &k);
		while (j < nb && cb + (pr->b->len[j] + 1) / 2.0 < t) {
			cb += pr->b->len[j] + 1;
			j++;
		}
		c = j;
		if (i == na)
			c = nb;
		band_row(bd, i, c, c, w, nb);
		if (i < na)
			ca += pr->a->len[i] + 1;
	}
cells:
	bd->lo[0] = 0;
	bd->hi[na] = nb;
	bd->off[0] = 0;
	for (i = 0; i <= na; i++) {
		bd->off[i + 1] = bd->off[i] + (bd->hi[i] - bd->lo[i] + 1);
		if (bd->off[i + 1] > (size_t)1 << 31)
			return HABAR_ERR_LIMIT;
	}
	bd->cells = bd->off[na + 1];
	if ((bd->back = malloc(bd->cells)) == NULL ||
	    (bd->bead = malloc(bd->cells * sizeof(float))) == NULL)
		return HABAR_ERR_NOMEM;
	return HABAR_OK;
}

/*
 * The rows the programme keeps while filling row i: back to i - BEAD_MAX,
 * where a bead of BEAD_MAX items of a starts.
 */
#define ROWS (BEAD_MAX + 1)

/* The cost of cell (i, j) in the rolling row buffer, INF outside the band. */
static float
cell(const struct band *bd, float *const rows[ROWS], size_t i, size_t j)
{
	if (j < bd->lo[i] || j > bd->hi[i])
		return INF;
	return rows[i % ROWS][j - bd->lo[i]];
}

/* The gain of items i-1 of a and j-1 of b, from the rows or afresh. */
static inline float
gain_at(const struct pair *pr, const struct band *bd, float *const g[ROWS],
    size_t i, size_t j)
{
	if (i == 0 || j == 0)
		return 0;
	if (j >= bd->lo[i] && j <= bd->hi[i])
		return g[i % ROWS][j - bd->lo[i]];
	return gain11(pr, i - 1, j - 1);
}

/*
 * The 1-1 gains of the item pairs the beads ending at one cell cover:
 * v[x][y] that of items i-1-x of a and j-1-y of b, known when bit
 * x * BEAD_MAX + y of have is set.  The beads of a cell share most of
 * their item pairs (each bead of two sides holds the last pair), so each
 * is looked up once per cell, not once per bead.
 */
struct cell_gains {
	float v[BEAD_MAX][BEAD_MAX];
	unsigned have;
};

/*
 * The gain of the bead of da items of a and db of b ending at (i, j), as
 * the sum of the gains of its item pairs; *exact says whether that sum is
 * the gain.  It is when at most one pair shares anchors; otherwise the same
 * anchor could count twice, and the sum is only an upper bound (the merged
 * keys must be intersected: gain_union()).  cg: the cell's gains so far
 * (have 0 for a new cell).
 */
static inline __attribute__((always_inline)) float
bead_gain(const struct pair *pr, const struct band *bd,
    float *const g[ROWS], struct cell_gains *cg,
    size_t i, size_t j, int da, int db, int *exact)
{
	float part, sum = 0;
	int x, y, nonzero = 0;
	unsigned bit;

	*exact = 1;
	if (da == 0 || db == 0)
		return 0;
#pragma GCC unroll 3
	for (x = 0; x < da; x++)
#pragma GCC unroll 3
		for (y = 0; y < db; y++) {
			bit = 1u << (x * BEAD_MAX + y);
			if ((cg->have & bit) == 0) {
				cg->v[x][y] = gain_at(pr, bd, g, i - x, j - y);
				cg->have |= bit;
			}
			part = cg->v[x][y];
			nonzero += part > 0;
			sum += part;
		}
	*exact = nonzero <= 1;
	return sum;
}

/*
 * The rolling rows both passes over the band keep: ROWS rows of cell
 * values (costs, or soft minima) and of 1-1 gains, each room for maxw + 1
 * cells.  NOMEM leaves what was allocated for rows_free().
 */
static enum habar_status
rows_alloc(float *rows[ROWS], float *g[ROWS], size_t maxw)
{
	int k;

	for (k = 0; k < ROWS; k++)
		if ((rows[k] = malloc((maxw + 1) * sizeof(float))) == NULL ||
		    (g[k] = malloc((maxw + 1) * sizeof(float))) == NULL)
			return HABAR_ERR_NOMEM;
	return HABAR_OK;
}

static void
rows_free(float *rows[ROWS], float *g[ROWS])
{
	int k;

	for (k = 0; k < ROWS; k++) {
		free(rows[k]);
		free(g[k]);
	}
}

/*
 * One item's anchor keys as an open-addressing table, each distinct key
 * with its number of occurrences: a row of the band pairs one item of a
 * with the forty-odd items of b around it, and probing the table with
 * each key of b is a fraction of merging the two sorted runs afresh for
 * every cell.  A slot is in use when its stamp is the row's.
 */
#define KEYTAB 256	/* slots: twice HABAR__ANCHOR_ALL_MAX */
struct key_table {
	uint32_t key[KEYTAB];
	uint32_t stamp[KEYTAB];
	uint8_t count[KEYTAB];
	uint32_t now;		/* the stamp of the keys in use */
	size_t n;		/* keys put in since it was emptied */
	/* The items it holds, for gain_union_table(): run_n from
	 * run_first (0: none known). */
	size_t run_first, run_n;
};

static size_t
key_slot(uint32_t key)
{
	return (key * 0x9E3779B1u) >> 24;	/* KEYTAB slots */
}

/* Makes t an empty table with no slot in use. */
static void
key_table_init(struct key_table *t)
{
	memset(t->stamp, 0, sizeof(t->stamp));
	t->now = 0;
	t->n = 0;
	t->run_n = 0;
}

/* Empties t (a table whose stamps were all 0 to begin with). */
static void
key_table_clear(struct key_table *t)
{
	if (++t->now == 0) {
		memset(t->stamp, 0, sizeof(t->stamp));
		t->now = 1;
	}
	t->n = 0;
	t->run_n = 0;
}

/*
 * Adds the n keys k to t; 0 when they do not fit (more than half the
 * slots in all), and the table is not to be used.
 */
static int
key_table_add(struct key_table *t, const uint32_t *k, size_t n)
{
	size_t m, h;

	if (n > KEYTAB / 2 - t->n)
		return 0;
	t->n += n;
	for (m = 0; m < n; m++) {
		for (h = key_slot(k[m]); t->stamp[h] == t->now &&
		    t->key[h] != k[m]; h = (h + 1) % KEYTAB)
			;
		if (t->stamp[h] != t->now) {
			t->stamp[h] = t->now;
			t->key[h] = k[m];
			t->count[h] = 0;
		}
		t->count[h]++;
	}
	return 1;
}

/* Puts the n keys k into t, emptied first; 0 as key_table_add(). */
static int
key_table_fill(struct key_table *t, const uint32_t *k, size_t n)
{
	key_table_clear(t);
	return key_table_add(t, k, n);
}

/*
 * gain_common() of the keys in t against the n sorted keys k: the same
 * sums in the same order as sum_common() makes them (k is sorted, and a
 * key both hold is counted as often as the fewer hold it), so the same
 * gain to the last bit.
 */
static float
gain_table(const struct pair *pr, const struct key_table *t,
    const uint32_t *k, size_t n)
{
	const uint32_t *end = k + n, now = t->now;
	double w = 0, missed = 0, expected = 0;
	uint32_t x, last;
	unsigned left = 0;
	size_t h;

	/* Unlike the first key, so that it is looked up: no flag to test
	 * for every key. */
	last = n > 0 ? ~k[0] : 0;
	for (; k < end; k++) {
		x = *k;
		if (x != last) {
			last = x;
			/* How many times x is in t, the stamp in a register. */
			left = 0;
			for (h = key_slot(x); t->stamp[h] == now;
			    h = (h + 1) % KEYTAB)
				if (t->key[h] == x) {
					left = t->count[h];
					break;
				}
		}
		if (left > 0) {
			left--;
			w += habar__anchor_weight(x);
			missed += habar__anchor_miss(x);
			expected += habar__anchor_expected(x, (x >> 21) & 3);
		}
	}
	return (float)(pr->p->match_bonus * w + 2 * pr->p->miss_cost * missed +
	    2 * pr->p->lex_miss * expected);
}

/* gain11() of the item whose keys are in t against item y of b. */
static float
gain11_table(const struct pair *pr, const struct key_table *t, size_t y)
{
	return gain_table(pr, t, pr->gb->keys + pr->gb->kfirst[y],
	    pr->gb->kfirst[y + 1] - pr->gb->kfirst[y]);
}

/* The first keys of item i of s that gather() takes: *n of them. */
static const uint32_t *
item_keys(const struct habar__align_seq *s, size_t i, size_t *n)
{
	*n = s->kfirst[i + 1] - s->kfirst[i];
	if (*n > HABAR__ANCHOR_ALL_MAX)
		*n = HABAR__ANCHOR_ALL_MAX;
	return s->keys + s->kfirst[i];
}

/*
 * The tables of gain_union_table(): one for each side and number of
 * items the many side of a bead can have (two or three).
 */
#define UNION_TABLES (2 * (BEAD_MAX - 1))

/*
 * gain_union() of a bead with one item on one side: the other side's
 * items put in a table (ut, UNION_TABLES of them for the purpose),
 * probed with the one item's sorted keys, instead of merging both sides'
 * keys and then the two lists; the same gain to the last bit
 * (gain_table()).  Each side and number of items has its table, which
 * keeps the items it holds: the merges of a's items ending at a row are
 * the same for every cell of the row.
 */
static float
gain_union_table(const struct pair *pr, struct key_table *ut, size_t i,
    size_t j, int na, int nb)
{
	const struct habar__align_seq *many, *one;
	const uint32_t *k;
	struct key_table *t;
	size_t first, last, at, n, count, x;

	if (nb == 1 && na >= 2) {
		many = pr->ga;
		first = i - na;
		last = i;
		one = pr->gb;
		at = j - 1;
		t = &ut[na - 2];
	} else if (na == 1 && nb >= 2) {
		many = pr->gb;
		first = j - nb;
		last = j;
		one = pr->ga;
		at = i - 1;
		t = &ut[BEAD_MAX - 1 + nb - 2];
	} else
		return gain_union(pr, i, j, na, nb);
	count = last - first;
	if (t->run_n != count || t->run_first != first) {
		key_table_clear(t);
		for (x = first; x < last; x++) {
			k = item_keys(many, x, &n);
			if (!key_table_add(t, k, n))
				return gain_union(pr, i, j, na, nb);
		}
		t->run_first = first;
		t->run_n = count;
	}
	k = item_keys(one, at, &n);
	return gain_table(pr, t, k, n);
}

/*
 * The 1-1 gains of row i of the band, computed once for every bead that
 * reads them; t: room for item i - 1's keys.
 */
static void
gains_fill(const struct pair *pr, const struct band *bd, float *g[ROWS],
    size_t i, struct key_table *t)
{
	float *row = g[i % ROWS];
	size_t j, lo = bd->lo[i], x = i - 1;
	uint64_t any;
	int w;

	if (i == 0 || !key_table_fill(t, pr->ga->keys + pr->ga->kfirst[x],
	    pr->ga->kfirst[x + 1] - pr->ga->kfirst[x])) {
		for (j = lo; j <= bd->hi[i]; j++)
			row[j - lo] = i > 0 && j > 0 ? gain11(pr, i - 1, j - 1) :
			    0;
		return;
	}
	for (j = lo; j <= bd->hi[i]; j++) {
		row[j - lo] = 0;
		if (j == 0)
			continue;
		/* Two items whose signatures share no bit share no key. */
		for (any = 0, w = 0; w < SIGW; w++)
			any |= pr->siga[x][w] & pr->sigb[j - 1][w];
		if (any != 0)
			row[j - lo] = gain11_table(pr, t, j - 1);
	}
}

/* The cell run_band() is filling: the best move into it so far. */
struct best_cell {
	const struct pair *pr;
	struct key_table *ut;	/* gain_union_table()'s */
	const struct band *bd;
	float *const *rows, *const *g;
	struct cell_gains cg;
	size_t i, j;
	float best, bestbead;
	int bm;
};

/*
 * Weighs the bead of move mv into cell (bc->i, bc->j): it becomes the
 * best when it costs less than the best so far, the first of equals
 * kept.  Called once per move with mv a constant, so that the compiler
 * can fold each move's sizes into the bead's cost; the moves' order is
 * the tie-break.
 */
static inline __attribute__((always_inline)) void
weigh_move(struct best_cell *bc, enum move mv)
{
	size_t i = bc->i, j = bc->j;
	int da = move_na[mv], db = move_nb[mv], exact;
	float prev, cost, c;

	if ((size_t)da > i || (size_t)db > j)
		return;
	prev = cell(bc->bd, bc->rows, i - da, j - db);
	if (prev >= INF)
		return;
	cost = (float)bead_cost(bc->pr, i, j, da, db, mv, bead_gain(bc->pr,
	    bc->bd, bc->g, &bc->cg, i, j, da, db, &exact),
	    (double)bc->best - prev);
	/*
	 * With an upper bound of the gain, cost is a lower bound of the
	 * bead's: worth refining only if it could win.
	 */
	if (!exact && prev + cost < bc->best)
		cost = (float)bead_cost(bc->pr, i, j, da, db, mv,
		    gain_union_table(bc->pr, bc->ut, i, j, da, db),
		    (double)bc->best - prev);
	c = prev + cost;
	if (c < bc->best) {
		bc->best = c;
		bc->bestbead = cost;
		bc->bm = mv;
	}
}

/*
 * Fills the band; returns HABAR_OK and whether the best path touched the
 * band's edge in *edge.
 */
static enum habar_status
run_band(const struct pair *pr, struct band *bd, size_t maxw,
    struct habar__bead **beads_out, size_t *count_out, int *edge)
{
	size_t na = pr->a->n, nb = pr->b->n, i, j, n = 0;
	float *rows[ROWS] = { NULL }, *g[ROWS] = { NULL };
	float c;
	struct best_cell bc;
	struct key_table kt, ut[UNION_TABLES];
	struct habar__bead *beads = NULL, tmp;
	enum habar_status status = HABAR_OK;
	int mv, k;

	*edge = 0;
	if ((status = rows_alloc(rows, g, maxw)) != HABAR_OK)
		goto done;
	key_table_init(&kt);
	for (k = 0; k < UNION_TABLES; k++)
		key_table_init(&ut[k]);
	bc.ut = ut;
	/* Whatever have says, v is never read unset (and the compiler,
	 * which cannot tell, is told so). */
	memset(&bc.cg, 0, sizeof(bc.cg));
	bc.pr = pr;
	bc.bd = bd;
	bc.rows = rows;
	bc.g = g;
	for (i = 0; i <= na; i++) {
		gains_fill(pr, bd, g, i, &kt);
		bc.i = i;
		for (j = bd->lo[i]; j <= bd->hi[i]; j++) {
			bc.j = j;
			bc.best = i == 0 && j == 0 ? 0 : INF;
			bc.bestbead = 0;
			bc.bm = M_NONE;
			bc.cg.have = 0;
			weigh_move(&bc, M_11);
			weigh_move(&bc, M_10);
			weigh_move(&bc, M_01);
			weigh_move(&bc, M_21);
			weigh_move(&bc, M_12);
			weigh_move(&bc, M_22);
			weigh_move(&bc, M_31);
			weigh_move(&bc, M_13);
			rows[i % ROWS][j - bd->lo[i]] = bc.best;
			bd->back[bd->off[i] + (j - bd->lo[i])] =
			    (unsigned char)bc.bm;
			bd->bead[bd->off[i] + (j - bd->lo[i])] = bc.bestbead;
		}
	}
	if (cell(bd, rows, na, nb) >= INF) {
		*edge = 1;
		goto done;
	}
	/* Walk back from the end, then reverse the beads. */
	if ((beads = malloc((na + nb + 1) * sizeof(*beads))) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	i = na;
	j = nb;
	while (i > 0 || j > 0) {
		if (j < bd->lo[i] || j > bd->hi[i]) {
			*edge = 1;
			goto done;
		}
		if ((j == bd->lo[i] && j > 0) || (j == bd->hi[i] && j < nb))
			*edge = 1;
		mv = bd->back[bd->off[i] + (j - bd->lo[i])];
		if (mv == M_NONE) {
			*edge = 1;
			goto done;
		}
		beads[n].a = (uint32_t)(i - move_na[mv]);
		beads[n].b = (uint32_t)(j - move_nb[mv]);
		beads[n].na = (uint8_t)move_na[mv];
		beads[n].nb = (uint8_t)move_nb[mv];
		c = bd->bead[bd->off[i] + (j - bd->lo[i])];
		/* The cost of the bead, mapped to (0, 1): 3 is an even bet. */
		beads[n].confidence = (float)(1.0 / (1.0 + exp(c - 3.0)));
		n++;
		i -= move_na[mv];
		j -= move_nb[mv];
	}
	for (k = 0; k < (int)(n / 2); k++) {
		tmp = beads[k];
		beads[k] = beads[n - 1 - k];
		beads[n - 1 - k] = tmp;
	}
	*beads_out = beads;
	*count_out = n;
	beads = NULL;
done:
	free(beads);
	rows_free(rows, g);
	return status;
}

enum habar_status
habar__align_pair(const struct habar__align_seq *a,
    const struct habar__align_seq *b, double ratio,
    const struct habar__bead *guide, size_t nguide,
    struct habar__bead **beads_out, size_t *count_out)
{
	struct pair pr;
	struct band bd;
	size_t i, w, wide, full, maxw;
	struct habar__bead *own = NULL;	/* a path of ours as the guide */
	enum habar_status status = HABAR_OK;
	int edge = 1, recentred = 0;

	*beads_out = NULL;
	*count_out = 0;
	memset(&bd, 0, sizeof(bd));
	if ((status = pair_init(&pr, a, b, ratio, 1)) != HABAR_OK)
		goto done;
	full = (a->n > b->n ? a->n : b->n) + 2;
	/* Short sequences are done whole; long ones in a band. */
	wide = full <= 256 ? full : 20;
	w = wide;
	/* Near an earlier path a narrow band is enough, unless it is left. */
	if (guide != NULL && full > 256)
		w = 8;
	else
		guide = NULL;
	if (guide == NULL && w < full &&
	    (status = centre_points(&pr)) != HABAR_OK)
		goto done;
	while (edge) {
		if (w > full)
			w = full;
		band_free(&bd);
		if ((status = band_make(&bd, &pr, w, guide, nguide)) != HABAR_OK)
			goto done;
		maxw = 0;
		for (i = 0; i <= a->n; i++)
			if (bd.hi[i] - bd.lo[i] > maxw)
				maxw = bd.hi[i] - bd.lo[i];
		status = run_band(&pr, &bd, maxw, beads_out, count_out, &edge);
		if (status != HABAR_OK)
			goto done;
		if (!edge || (w >= full && *beads_out != NULL))
			break;
		if (*beads_out != NULL && recentred < 4) {
			/*
			 * The path pressed against the band somewhere: centre
			 * the band on that path, which moves it where it was
			 * too narrow at the cost of one more pass, not of a
			 * band twice as wide.  Around a path, 16 items either
			 * side are room enough (the length diagonal, not the
			 * path, is what strays from the truth by dozens).
			 */
			free(own);
			own = *beads_out;
			guide = own;
			nguide = *count_out;
			*beads_out = NULL;
			*count_out = 0;
			w = 16;
			recentred++;
			continue;
		}
		free(*beads_out);
		*beads_out = NULL;
		*count_out = 0;
		if (w >= full)
			break;
		guide = NULL;	/* back to the diagonal, with a wider band */
		wide *= 2;
		w = wide;
	}
	if (*beads_out == NULL && (a->n > 0 || b->n > 0))
		status = HABAR_ERR_LIMIT;	/* cannot happen with the full band */
done:
	free(own);
	band_free(&bd);
	pair_free(&pr);
	return status;
}

/*
 * The posterior of links: a forward-backward pass over the lattice of the
 * programme, in a band of POST_W items either side of a given path.  A
 * path's cost is a sum of bead costs, minus logs of probabilities; divided
 * by a temperature they weigh every path, and the share of the weight of
 * the paths through a bead is the probability that the bead is in the
 * alignment: near 1 where every other way of linking those sentences is
 * much dearer, low where paths fork.  Paths further than POST_W from the
 * given one weigh nothing in practice.
 */
#define POST_W 1
/* A path dearer than the best into a cell by this many temperatures
 * weighs less than e^-POST_CUT of it: left out. */
#define POST_CUT 8.0f

/* -T log(sum exp(-v[k] / T)) over the n values, INF when all are INF. */
static float
softmin(const float *v, int n, float t)
{
	float m = INF;
	double sum = 0;
	int k;

	for (k = 0; k < n; k++)
		if (v[k] < m)
			m = v[k];
	if (m >= INF)
		return INF;
	for (k = 0; k < n; k++)
		if (v[k] < m + POST_CUT * t)
			sum += exp((double)((m - v[k]) / t));
	return m - t * (float)log(sum);
}

/* Index of cell (i, j) in the band's arrays, or SIZE_MAX outside it. */
static size_t
cell_index(const struct band *bd, size_t i, size_t j)
{
	if (j < bd->lo[i] || j > bd->hi[i])
		return SIZE_MAX;
	return bd->off[i] + (j - bd->lo[i]);
}

/* The cell forward() is filling: its moves' path costs so far. */
struct soft_cell {
	const struct pair *pr;
	struct key_table *ut;	/* gain_union_table()'s */
	const struct band *bd;
	float *const *rows, *const *g;
	struct cell_gains cg;
	size_t i, j;
	float t, best;
	float *v;	/* MOVES - 1: each move's path cost, INF if none */
	float *cost;	/* MOVES - 1: each move's bead cost, INF if none */
};

/*
 * Weighs the bead of move mv into cell (sc->i, sc->j) for forward(): its
 * cost, unless it leaves the band or is dearer than the best so far by
 * POST_CUT temperatures.  mv a constant, as in weigh_move().
 */
static inline __attribute__((always_inline)) void
weigh_soft(struct soft_cell *sc, enum move mv)
{
	size_t i = sc->i, j = sc->j;
	int da = move_na[mv], db = move_nb[mv], exact;
	float prev, bc, limit;

	sc->v[mv - 1] = INF;
	sc->cost[mv - 1] = INF;
	if ((size_t)da > i || (size_t)db > j)
		return;
	prev = cell(sc->bd, sc->rows, i - da, j - db);
	if (prev >= INF)
		return;
	/* Beyond the cut, the bead weighs nothing. */
	limit = sc->best >= INF ? INF : sc->best + POST_CUT * sc->t - prev;
	bc = (float)bead_cost(sc->pr, i, j, da, db, mv, bead_gain(sc->pr,
	    sc->bd, sc->g, &sc->cg, i, j, da, db, &exact), limit);
	if (bc >= limit)
		return;
	if (!exact)
		bc = (float)bead_cost(sc->pr, i, j, da, db, mv,
		    gain_union_table(sc->pr, sc->ut, i, j, da, db), INF);
	sc->cost[mv - 1] = bc;
	sc->v[mv - 1] = prev + bc;
	if (sc->v[mv - 1] < sc->best)
		sc->best = sc->v[mv - 1];
}

/*
 * The forward pass: fwd[cell] the soft minimum of the costs of the paths
 * into each cell, and cost[cell * (MOVES - 1) + mv - 1] the cost of the
 * bead of move mv ending there (INF where it leaves the band or cannot
 * matter), kept for the backward pass.
 */
static enum habar_status
forward(const struct pair *pr, const struct band *bd, size_t maxw, float t,
    float *fwd, float *cost)
{
	size_t na = pr->a->n, i, j, x, from;
	float *g[ROWS] = { NULL }, v[MOVES - 1], *rows[ROWS] = { NULL };
	struct soft_cell sc;
	int k;
	struct key_table kt, ut[UNION_TABLES];
	enum habar_status status = HABAR_OK;

	if ((status = rows_alloc(rows, g, maxw)) != HABAR_OK)
		goto done;
	key_table_init(&kt);
	for (k = 0; k < UNION_TABLES; k++)
		key_table_init(&ut[k]);
	sc.ut = ut;
	memset(&sc.cg, 0, sizeof(sc.cg));
	sc.pr = pr;
	sc.bd = bd;
	sc.rows = rows;
	sc.g = g;
	sc.t = t;
	sc.v = v;
	for (i = 0; i <= na; i++) {
		gains_fill(pr, bd, g, i, &kt);
		sc.i = i;
		for (j = bd->lo[i]; j <= bd->hi[i]; j++) {
			x = bd->off[i] + (j - bd->lo[i]);
			sc.j = j;
			sc.best = INF;
			sc.cg.have = 0;
			sc.cost = cost + x * (MOVES - 1);
			weigh_soft(&sc, M_11);
			weigh_soft(&sc, M_10);
			weigh_soft(&sc, M_01);
			weigh_soft(&sc, M_21);
			weigh_soft(&sc, M_12);
			weigh_soft(&sc, M_22);
			weigh_soft(&sc, M_31);
			weigh_soft(&sc, M_13);
			from = i == 0 && j == 0;
			fwd[x] = from ? 0 : softmin(v, MOVES - 1, t);
			rows[i % ROWS][j - bd->lo[i]] = fwd[x];
		}
	}
done:
	rows_free(rows, g);
	return status;
}

/* The backward pass: bwd[cell] the soft minimum of the costs of the paths
 * from each cell to the end, from the costs forward() kept. */
static void
backward(const struct pair *pr, const struct band *bd, float t,
    const float *cost, float *bwd)
{
	size_t na = pr->a->n, nb = pr->b->n, i, j, x, y;
	float v[MOVES - 1];
	int mv;

	for (i = na + 1; i-- > 0;)
		for (j = bd->hi[i] + 1; j-- > bd->lo[i];) {
			x = bd->off[i] + (j - bd->lo[i]);
			if (i == na && j == nb) {
				bwd[x] = 0;
				continue;
			}
			for (mv = M_11; mv < MOVES; mv++) {
				v[mv - 1] = INF;
				if (i + move_na[mv] > na || j + move_nb[mv] > nb ||
				    (y = cell_index(bd, i + move_na[mv], j + move_nb[mv])) ==
				    SIZE_MAX || cost[y * (MOVES - 1) + mv - 1] >= INF ||
				    bwd[y] >= INF)
					continue;
				v[mv - 1] = cost[y * (MOVES - 1) + mv - 1] + bwd[y];
			}
			bwd[x] = softmin(v, MOVES - 1, t);
		}
}

/* The move of a bead of na items of a and nb of b, or M_NONE. */
static enum move
move_of(size_t na, size_t nb)
{
	int mv;

	for (mv = M_11; mv < MOVES; mv++)
		if ((size_t)move_na[mv] == na && (size_t)move_nb[mv] == nb)
			return (enum move)mv;
	return M_NONE;
}

enum habar_status
habar__align_posterior(const struct habar__align_seq *a,
    const struct habar__align_seq *b, double ratio,
    const struct habar__bead *path, size_t n, double temperature,
    float *prob)
{
	struct pair pr;
	struct band bd;
	float *fwd = NULL, *bwd = NULL, *cost = NULL, t = (float)temperature,
	    z, p;
	size_t i, k, maxw = 0, s, e;
	enum move mv;
	enum habar_status status;

	memset(&bd, 0, sizeof(bd));
	for (k = 0; k < n; k++)
		prob[k] = 0;
	if ((status = pair_init(&pr, a, b, ratio, 1)) != HABAR_OK ||
	    (status = band_make(&bd, &pr, POST_W, path, n)) != HABAR_OK)
		goto done;
	for (i = 0; i <= a->n; i++)
		if (bd.hi[i] - bd.lo[i] > maxw)
			maxw = bd.hi[i] - bd.lo[i];
	if (bd.cells > SIZE_MAX / (MOVES - 1) / sizeof(float) ||
	    (fwd = malloc(bd.cells * sizeof(float))) == NULL ||
	    (bwd = malloc(bd.cells * sizeof(float))) == NULL ||
	    (cost = malloc(bd.cells * (MOVES - 1) * sizeof(float))) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	if ((status = forward(&pr, &bd, maxw, t, fwd, cost)) != HABAR_OK)
		goto done;
	backward(&pr, &bd, t, cost, bwd);
	if ((z = fwd[bd.cells - 1]) >= INF)
		goto done;
	for (k = 0; k < n; k++) {
		if ((mv = move_of(path[k].na, path[k].nb)) == M_NONE ||
		    (size_t)path[k].a + path[k].na > a->n ||
		    (size_t)path[k].b + path[k].nb > b->n)
			continue;
		s = cell_index(&bd, path[k].a, path[k].b);
		e = cell_index(&bd, path[k].a + path[k].na,
		    path[k].b + path[k].nb);
		if (s == SIZE_MAX || e == SIZE_MAX ||
		    cost[e * (MOVES - 1) + mv - 1] >= INF)
			continue;
		p = expf((z - fwd[s] - cost[e * (MOVES - 1) + mv - 1] -
		    bwd[e]) / t);
		prob[k] = p > 1 ? 1 : p;
	}
done:
	free(fwd);
	free(bwd);
	free(cost);
	band_free(&bd);
	pair_free(&pr);
	return status;
}

/*
 * Stores in buf (room for max) the anchor keys of items [first, first + n)
 * of s, the first max of them in item order, sorted; returns their number.
 * Each item's run is sorted already, so the runs are merged pairwise, a
 * round at a time (tmp: room for max too), rather than sorted afresh:
 * this is asked for every link the confidence weighs, and its
 * neighbours.
 */
static size_t
gather_all(const struct habar__align_seq *s, size_t first, size_t n,
    uint32_t *buf, uint32_t *tmp, size_t max)
{
	size_t run[4 * HABAR__ANCHOR_ALL_MAX + 1];
	size_t i, k, m = 0, runs = 0, r, x, y, xe, ye, o;
	uint32_t *from = buf, *to = tmp, *swap;

	run[0] = 0;
	for (i = first; i < first + n && m < max; i++) {
		for (k = s->kfirst[i]; k < s->kfirst[i + 1] && m < max; k++)
			buf[m++] = s->keys[k];
		if (m > run[runs])
			run[++runs] = m;
	}
	while (runs > 1) {
		/* Runs 2r and 2r + 1 into one; an odd last run is copied. */
		for (r = 0; 2 * r < runs; r++) {
			x = run[2 * r];
			xe = run[2 * r + 1];
			y = xe;
			ye = 2 * r + 2 <= runs ? run[2 * r + 2] : xe;
			o = x;
			while (x < xe && y < ye)
				to[o++] = from[y] < from[x] ? from[y++] : from[x++];
			while (x < xe)
				to[o++] = from[x++];
			while (y < ye)
				to[o++] = from[y++];
			run[r + 1] = o;
		}
		runs = r;
		swap = from;
		from = to;
		to = swap;
	}
	if (from != buf)
		memcpy(buf, from, m * sizeof(uint32_t));
	return m;
}

/*
 * The sorted anchor keys of items [first, first + n) of s, as
 * gather_all() stores them in buf (tmp and max as there), *count of them;
 * of one item (most links, and every side a cost weighs alone), its own
 * sorted run, not a copy.
 */
static const uint32_t *
gather_keys(const struct habar__align_seq *s, size_t first, size_t n,
    uint32_t *buf, uint32_t *tmp, size_t max, size_t *count)
{
	if (n == 1 && s->kfirst[first + 1] - s->kfirst[first] <= max) {
		*count = s->kfirst[first + 1] - s->kfirst[first];
		return s->keys + s->kfirst[first];
	}
	*count = gather_all(s, first, n, buf, tmp, max);
	return buf;
}

double
habar__align_length_term(const struct habar__align_seq *a,
    const struct habar__align_seq *b, double len_a, double len_b,
    double ratio)
{
	const struct params *p = &sentence_params;
	struct pair pr;

	pthread_once(&tail_once, init_tail);
	pr.ratio = ratio > 0 ? ratio : 1.0;
	pr.log_ratio = log(pr.ratio);
	pr.p = p;
	return (habar__align_memory(a, b) ? p->memory_length : 1.0) *
	    length_cost(&pr, len_a, len_b);
}

double
habar__align_cost(const struct habar__align_seq *a, size_t ai, size_t na,
    const struct habar__align_seq *b, size_t bi, size_t nb, double ratio)
{
	uint32_t ka[4 * HABAR__ANCHOR_ALL_MAX], kb[4 * HABAR__ANCHOR_ALL_MAX],
	    tmp[4 * HABAR__ANCHOR_ALL_MAX];
	const uint32_t *pa, *pb;
	const struct params *p = &sentence_params;
	size_t la, lb, i;
	double len_a = 0, len_b = 0, w = 0, missed = 0, miss_a = 0, miss_b = 0,
	    expected = 0, exp_a = 0, exp_b = 0, cost;
	int mv;

	pthread_once(&tail_once, init_tail);
	if (na == 0 && nb == 0)
		return 0;
	pa = gather_keys(a, ai, na, ka, tmp, sizeof(ka) / sizeof(ka[0]), &la);
	pb = gather_keys(b, bi, nb, kb, tmp, sizeof(kb) / sizeof(kb[0]), &lb);
	side_sums(pa, la, habar__align_tag(a, b), &miss_a, &exp_a);
	side_sums(pb, lb, habar__align_tag(a, b), &miss_b, &exp_b);
	sum_common(pa, la, pb, lb, &w, &missed, &expected);
	for (i = ai; i < ai + na; i++)
		len_a += a->len[i];
	for (i = bi; i < bi + nb; i++)
		len_b += b->len[i];
	if (na == 0 || nb == 0) {
		/* Items with no counterpart: each its own 1-0 or 0-1. */
		cost = p->prior[M_10] * (double)(na + nb);
	} else {
		mv = na == 1 && nb == 1 ? M_11 : na == 2 && nb == 1 ? M_21 :
		    na == 1 && nb == 2 ? M_12 : na == 3 && nb == 1 ? M_31 :
		    na == 1 && nb == 3 ? M_13 : M_22;
		cost = p->prior[mv];
		/* Bigger groups than the programme makes: dearer per item. */
		if (na + nb > 4)
			cost += 3.0 * (double)(na + nb - 4);
	}
	if (na > 0 && nb > 0) {
		cost += habar__align_length_term(a, b, len_a, len_b, ratio) +
		    count_cost(p, a, ai, na, b, bi, nb) +
		    p->lex_miss * (exp_a + exp_b - 2 * expected);
		if (w <= 0)
			cost += nothing_shared(p, miss_a, miss_b);
		cost += numbers_lost(p, strong_run_of(pa, la).numbers,
		    strong_run_of(pb, lb).numbers) + names_lost(p,
		    count_names(a, ai, na), count_names(b, bi, nb));
		if (nb == 1)
			cost += parts_lost(p, a, ai, na, pb, lb);
		else if (na == 1)
			cost += parts_lost(p, b, bi, nb, pa, la);
	}
	return cost + p->miss_cost * (miss_a + miss_b) -
	    (p->match_bonus * w + 2 * p->miss_cost * missed);
}

/* Whether an anchor of this kind is a word pair (learnt, or a cognate). */
static int
is_word(uint32_t key)
{
	uint32_t k = HABAR__ANCHOR_KIND(key);

	return k == HABAR__ANCHOR_MEMORY || k == HABAR__ANCHOR_LEX ||
	    k == HABAR__ANCHOR_WORD;
}

/*
 * Counts the word anchors of a sorted key list; adds to *miss the miss
 * weight of the others (the names, numbers and the like a counterpart
 * should have).
 */
static size_t
count_side(const uint32_t *k, size_t n, double *miss)
{
	size_t i = 0, words;

	/* By the runs of the kinds: the memory's words lead, the learnt
	 * words and cognates end the keys, the others are between. */
	while (i < n && k[i] < KIND_FIRST(HABAR__ANCHOR_NUMBER))
		i++;
	words = i;
	for (; i < n && k[i] < KIND_FIRST(HABAR__ANCHOR_WORD); i++)
		*miss += habar__anchor_miss(k[i]);
	return words + (n - i);
}

void
habar__align_evidence(const struct habar__align_seq *a, size_t ai,
    size_t na, const struct habar__align_seq *b, size_t bi, size_t nb,
    struct habar__align_evidence *ev)
{
	uint32_t ka[4 * HABAR__ANCHOR_ALL_MAX], kb[4 * HABAR__ANCHOR_ALL_MAX],
	    tmp[4 * HABAR__ANCHOR_ALL_MAX];
	const uint32_t *pa, *pb;
	size_t la, lb, i = 0, j = 0, wa, wb;
	double miss = 0;

	memset(ev, 0, sizeof(*ev));
	pa = gather_keys(a, ai, na, ka, tmp, sizeof(ka) / sizeof(ka[0]), &la);
	pb = gather_keys(b, bi, nb, kb, tmp, sizeof(kb) / sizeof(kb[0]), &lb);
	wa = count_side(pa, la, &ev->miss_a);
	wb = count_side(pb, lb, &ev->miss_b);
	miss = ev->miss_a + ev->miss_b;
	ev->words_most = (double)(wa > wb ? wa : wb);
	ev->words_all = (double)(wa + wb);
	while (i < la && j < lb) {
		if (pa[i] == pb[j]) {
			if (is_word(pa[i]))
				ev->words_shared++;
			else {
				ev->shared += habar__anchor_weight(pa[i]);
				miss -= 2 * habar__anchor_miss(pa[i]);
				ev->miss_a -= habar__anchor_miss(pa[i]);
				ev->miss_b -= habar__anchor_miss(pa[i]);
			}
			i++;
			j++;
		} else if (pa[i] < pb[j])
			i++;
		else
			j++;
	}
	ev->unmatched = miss > 0 ? miss : 0;
}
