/*
 * align_internal.h: the parts of the aligner shared between its files
 * (not part of the public API): the transliterator wrapper, anchor
 * extraction, and the pairwise banded dynamic programme.
 */
#ifndef HABAR_ALIGN_INTERNAL_H
#define HABAR_ALIGN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <habar/status.h>

#include "utf8_internal.h"

/* ICU's "Any-Latin; Latin-ASCII" transliterator (align_icu.c). */
struct habar__align_icu;

/*
 * Opens the transliterator.  Returns HABAR_OK, HABAR_ERR_LIBRARY (message
 * in err, errlen bytes), HABAR_ERR_NOMEM.
 */
enum habar_status habar__align_icu_new(struct habar__align_icu **icu_out,
    char *err, size_t errlen);

/* Closes it; NULL is harmless. */
void habar__align_icu_free(struct habar__align_icu *icu);

/*
 * Transliterates len bytes of UTF-8 (one word) to lower-case ASCII in out
 * (outsize bytes, NUL-terminated, truncated to fit).  Returns the length
 * written, 0 when the word has no Latin rendering or ICU fails.
 */
size_t habar__align_icu_latin(struct habar__align_icu *icu, const char *word,
    size_t len, char *out, size_t outsize);

/*
 * The same, every word through ICU's transliterator (habar__align_icu_latin()
 * renders a Cyrillic word from its letters' renderings): what that is
 * checked against.
 */
size_t habar__align_icu_latin_icu(struct habar__align_icu *icu,
    const char *word, size_t len, char *out, size_t outsize);

/*
 * Anchors: each is a 32-bit key, its kind in the top 3 bits and a hash of
 * its normalised form below.  Two sentences share an anchor when they hold
 * the same key; the keys of a sentence are sorted (a multiset).
 */
enum habar__anchor_kind {
	HABAR__ANCHOR_MEMORY = 0,	/* a stem pair of a memory's lexicon */
	HABAR__ANCHOR_NUMBER = 1,	/* a run of digits */
	HABAR__ANCHOR_LINK = 2,		/* a URL or e-mail address */
	HABAR__ANCHOR_PHONE = 3,	/* a telephone number's digits */
	HABAR__ANCHOR_NAME = 4,		/* a capitalised word's consonant skeleton */
	/* an opening quote or bracket, '?', '!'; and, with bit 28 set
	 * (HABAR__ANCHOR_VALUE), a recognised month or weekday */
	HABAR__ANCHOR_MARK = 5,
	HABAR__ANCHOR_WORD = 6,		/* a long word's skeleton (a cognate) */
	HABAR__ANCHOR_LEX = 7		/* a word pair learnt by the first pass */
};

#define HABAR__ANCHOR_KIND(key) ((key) >> 29)

/*
 * A month or weekday that the recogniser named (align_value.c): the
 * kind of marks with bit 28 set, a mark's own keys having it clear, so
 * that the weights below tell the two apart by the top four bits while
 * every other kind keeps its three.  Given to habar__anchor_key() as a
 * kind.
 */
#define HABAR__ANCHOR_VALUE 13
#define HABAR__ANCHOR_IS_VALUE(key) (((key) >> 28) == HABAR__ANCHOR_VALUE)

/* The most anchors extracted from one sentence, and kept with the learnt
 * ones added. */
#define HABAR__ANCHOR_MAX 64
#define HABAR__ANCHOR_ALL_MAX 128

/* A cache of word skeletons, so that ICU sees each distinct word once. */
struct habar__anchor_cache;

struct habar_recogniser;

/*
 * Makes a cache that transliterates with icu and finds values with rec
 * (both borrowed; rec NULL: no values are looked for).  Returns HABAR_OK
 * or HABAR_ERR_NOMEM.
 */
enum habar_status habar__anchor_cache_new(struct habar__anchor_cache **out,
    struct habar__align_icu *icu, const struct habar_recogniser *rec);
void habar__anchor_cache_free(struct habar__anchor_cache *cache);

/*
 * Reads the closed-class words of language lang (its
 * locales/<lang>/sentence-starters: pronouns, conjunctions, sentence
 * adverbs, capitalised as a sentence opens with them) into the cache, as
 * words that are no names where they open a sentence: they find no
 * partner across a translation, and a name with no partner costs a
 * link.  Elsewhere a capitalised one may be a title's.  Once per
 * language; every language of a document is read before any of its
 * sentences, so that both sides of a pair see the same words.  Returns
 * HABAR_OK (a language without the file has none), HABAR_ERR_NOMEM or
 * HABAR_ERR_IO.
 */
enum habar_status habar__anchor_cache_words(struct habar__anchor_cache *cache,
    const char *lang);

/*
 * Extracts the anchors of len bytes of UTF-8 text written in the language
 * lang ("en", "ru", "kk"...) into keys (at most HABAR__ANCHOR_MAX),
 * sorted; stores their number in *count, and unless names is NULL, in
 * *names the number of distinct names past the first word (a capital
 * that opens a sentence may be any word's; a month or weekday is no
 * name).  Returns HABAR_OK or HABAR_ERR_NOMEM.
 */
enum habar_status habar__anchor_extract(struct habar__anchor_cache *cache,
    const char *lang, const char *text, size_t len, uint32_t *keys,
    size_t *count, size_t *names);

/*
 * The key of an anchor of kind (enum habar__anchor_kind, or
 * HABAR__ANCHOR_VALUE) whose normalised form is s[0..len).
 */
uint32_t habar__anchor_key(unsigned kind, const char *s, size_t len);

/*
 * The recognised values of a sentence as anchors (align_value.c): a month
 * or weekday named by a word, a number written in words.
 */
struct habar__align_values;

/*
 * Makes the values' reader of one thread, on rec (borrowed; read only,
 * so one recogniser serves every thread).  Returns HABAR_OK or
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar__align_values_new(struct habar__align_values **out,
    const struct habar_recogniser *rec);

/* Frees it; NULL is harmless. */
void habar__align_values_free(struct habar__align_values *v);

/*
 * A word's cue hash: HABAR__ALIGN_CUE_SEED stepped with each of its code
 * points in lower case.
 */
#define HABAR__ALIGN_CUE_SEED 2166136261u
static inline uint32_t
habar__align_cue_step(uint32_t h, uint32_t cp)
{
	return (h ^ cp) * 16777619u;
}

/*
 * Whether the word of cue hash h is one the recogniser's data lists as a
 * month, a weekday or a number word (in any of kk, ru, en): only a
 * sentence holding one is worth recognising.
 */
int habar__align_values_cue(const struct habar__align_values *v, uint32_t h);

/* A cue word of a sentence: its bytes, and its own anchor key (0: none). */
struct habar__align_cue {
	size_t start, end;
	uint32_t key;
};

/* The most cue words of one sentence looked at. */
#define HABAR__ALIGN_CUES 16

/*
 * Recognises the values of text (len bytes in language lang), which holds
 * the cue words cues[0..ncue), and appends to keys[*n..max) the anchors of
 * its months and weekdays named by a word and of its numbers written in
 * words, updating *n; a cue word no such value covers gets its own key
 * appended instead (May, the verb, stays a name).  Returns HABAR_OK or
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar__align_values_add(struct habar__align_values *v,
    const char *lang, const char *text, size_t len,
    const struct habar__align_cue *cues, size_t ncue, uint32_t *keys,
    size_t *n, size_t max);

/*
 * Sorts n keys in place, by insertion: the runs of one sentence are a few
 * dozen keys at most, where that beats qsort()'s calls through a
 * comparison function.
 */
void habar__anchor_sort(uint32_t *keys, size_t n);

/*
 * Decodes the character at s (n > 0 bytes left) into *cp and returns its
 * length; a byte that does not start well-formed UTF-8 (utf8.c) counts as
 * one character U+FFFD, so that the aligner walks any bytes.  Inline: it
 * is called for every character of every sentence.
 */
static inline size_t
habar__align_char(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned long c;
	size_t len;

	/* ASCII and two-byte sequences (all of Cyrillic) here, the rest by
	 * the library's decoder, which agrees with this on them. */
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if ((len = habar__utf8_decode(s, n, &c)) == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = (uint32_t)c;
	return len;
}

/*
 * Whether c is a letter of the scripts the aligner's words are made of:
 * Latin (with its Extended-A and -B accented letters) and Cyrillic (with
 * the Kazakh letters of its Supplement).
 */
static inline int
habar__align_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
	    (c >= 0x400 && c <= 0x52F);
}

/* The weights of the classes of a memory's words (align_lex.c): when
 * their translation is missed, and when it is there. */
extern const double habar__lex_class_weight[8];
extern const double habar__lex_hit_weight[8];

/*
 * The weight of an anchor in the alignment cost when both sides share it,
 * and when it is left unmatched (0 for kinds too unreliable to count
 * against a bead, such as cognates).  Inline: the dynamic programme asks
 * millions of times.
 */
static inline double
habar__anchor_weight(uint32_t key)
{
	/* By the top four bits: each kind twice, but marks (0.4) and
	 * values (a month or weekday, 0.6 as a name) apart. */
	static const double w[16] = { 1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0,
	    0.6, 0.6, 0.4, 0.6, 0.5, 0.5, 0.7, 0.7 };

	return (key >> 29) == HABAR__ANCHOR_MEMORY ?
	    habar__lex_hit_weight[(key >> 23) & 7] : w[key >> 28];
}

/* A month or weekday one side lacks costs nothing: translators drop "on
 * Tuesday" more easily than a figure (see align_value.c). */
static inline double
habar__anchor_miss(uint32_t key)
{
	static const double w[16] = { 0, 0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0,
	    0.6, 0.6, 0.4, 0, 0, 0, 0, 0 };

	return w[key >> 28];
}

/*
 * For an anchor that is a word whose translation the memory's lexicon
 * knows, the cost of its translation's absence (0 for other anchors): in
 * a bead with sentences on both sides its translation is expected, and
 * its absence is evidence against the bead (a sentence with no
 * counterpart expects nothing, so it costs a one-sided bead nothing).
 * A sentence holds the memory's words of every pair of languages its
 * language is in; tag (habar__align_tag()) names the pair aligned, and
 * a word of another pair expects nothing there: its translation is in
 * the third language, and charging its absence would weigh against
 * every bead of two sides in proportion to its sentence's words.  A key
 * of tag 0 (a word list's concept every language of the document has) is
 * every pair's.
 */
static inline double
habar__anchor_expected(uint32_t key, unsigned tag)
{
	return (key >> 29) == HABAR__ANCHOR_MEMORY &&
	    (((key >> 21) & 3) == tag || ((key >> 21) & 3) == 0) ?
	    habar__lex_class_weight[(key >> 26) & 7] : 0;
}

/*
 * One side of a pairwise alignment: n items, each with a length in
 * characters and a sorted run of anchor keys keys[kfirst[i]..kfirst[i+1]).
 */
struct habar__align_seq {
	size_t n;
	const uint32_t *len;
	const uint32_t *keys;
	const size_t *kfirst;	/* n + 1 entries */
	/*
	 * When the input was a sentence a line and a line may hold a merge:
	 * the sentence boundaries that show in each item, those inside it
	 * (HABAR__LINE_INSIDE) and whether it ends like a sentence
	 * (HABAR__LINE_ENDS); NULL: one sentence each.
	 */
	const uint8_t *bounds;
	/*
	 * Whether each item starts a paragraph (sentences of a whole
	 * document), or NULL: a bead that starts a paragraph on both sides
	 * earns a bonus, as translators mostly keep paragraphs, but a
	 * paragraph boundary is never a wall.
	 */
	const uint8_t *pstart;
	/*
	 * The distinct names each item holds past its first word
	 * (habar__anchor_extract()), or NULL: none counted.
	 */
	const uint8_t *names;
	/*
	 * The language's place in the document (0, 1 or 2): the memory's
	 * word pairs carry the pair of languages they were learnt for
	 * (habar__align_tag()).
	 */
	unsigned lang;
	/* The tags of the pairs a memory's lexicon was applied to, a bit
	 * each (1 << tag). */
	unsigned memory;
	/* The tags of the pairs whose words the lexicon (the word lists or a
	 * memory) knows in most sentences of both sides (align.c,
	 * mark_words()). */
	unsigned words;
};

/* The tag of the memory's word pairs between the languages of a and b
 * (bits 21-22 of their keys): 1, 2 or 3 for the three pairs. */
#define habar__align_tag(a, b) ((a)->lang + (b)->lang)
/* Whether a memory's lexicon was applied to the pair of a and b. */
#define habar__align_memory(a, b) \
	(((a)->memory & (b)->memory & (1u << habar__align_tag(a, b))) != 0)

/* Whether the lexicon knows most sentences' words in the pair of a and b. */
#define habar__align_words(a, b) \
	(((a)->words & (b)->words & (1u << habar__align_tag(a, b))) != 0)

#define HABAR__LINE_INSIDE 0x03
#define HABAR__LINE_ENDS 0x80

struct habar_seg;

/*
 * The sentence boundaries that show in one line of input given a sentence
 * a line (len bytes of UTF-8): those seg finds inside it (at most 3), and
 * HABAR__LINE_ENDS if it ends like a sentence.  A line that holds two is
 * likely two sentences of the other languages, merged; a headline does
 * not end like a sentence, so one run into the next sentence shows no
 * boundary.  Only a line with '.', '!', '?' or an ellipsis followed
 * closely by a space and more text is given to the segmenter.
 */
uint8_t habar__align_line_boundaries(struct habar_seg *seg, const char *text,
    size_t len);

/* One bead of a pairwise alignment: na items of A against nb of B. */
struct habar__bead {
	uint32_t a, b;		/* first items */
	uint8_t na, nb;		/* 0 to 3 each */
	float confidence;
};

/*
 * Aligns a with b by a banded dynamic programme (linear in a->n + b->n)
 * over beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1 and 1-3, and stores the
 * beads in order in *beads_out (malloc'd, to free) and their number in
 * *count_out.
 * ratio is the expected number of characters of b for one of a (0:
 * measured on a and b themselves; short ranges should be given the
 * documents' ratio).  guide (nguide beads, or NULL) is an earlier
 * alignment of the same sequences: the band then follows it narrowly, and
 * widens to the usual one if the new path leaves it.  Returns HABAR_OK,
 * HABAR_ERR_NOMEM, HABAR_ERR_LIMIT.
 */
enum habar_status habar__align_pair(const struct habar__align_seq *a,
    const struct habar__align_seq *b, double ratio,
    const struct habar__bead *guide, size_t nguide,
    struct habar__bead **beads_out, size_t *count_out);

/*
 * The probability that each bead of path[0..n) (an alignment of all of a
 * with all of b, in order) is in the alignment, stored in prob[k]: a
 * forward-backward pass over the programme's lattice, in a band around
 * the path, with every bead's cost divided by temperature (the bead's
 * weight is exp(-cost / temperature)).  A bead the lattice has no move
 * for (more than three items, 2-3...) gets 0.  Linear in a->n + b->n.
 * Returns HABAR_OK, HABAR_ERR_NOMEM, HABAR_ERR_LIMIT.
 */
enum habar_status habar__align_posterior(const struct habar__align_seq *a,
    const struct habar__align_seq *b, double ratio,
    const struct habar__bead *path, size_t n, double temperature,
    float *prob);

/*
 * The cost of linking items [ai, ai + na) of a with [bi, bi + nb) of b as
 * one bead, on the sentence model of habar__align_pair (ratio: expected
 * characters of b for one of a); groups bigger than the programme's beads
 * are given a cost growing with their size.  For comparing alignments.
 */
double habar__align_cost(const struct habar__align_seq *a, size_t ai,
    size_t na, const struct habar__align_seq *b, size_t bi, size_t nb,
    double ratio);

/*
 * The sentences of each of three languages inside one three-way link (as
 * sequences of their own), and the expected characters of language b for
 * one of language a, ratio[a][b]: what align_third.c reads a pair's links
 * inside it with.
 */
struct habar__align_three {
	struct habar__align_seq s[3];
	double ratio[3][3];
};

/* The link of links[0..n) that holds sentence i of its side a (side 0)
 * or b (1), or NULL. */
const struct habar__bead *habar__align_link_of(
    const struct habar__bead *links, size_t n, int side, size_t i);

/*
 * The links xy[0..*n) of the pair x < y inside a three-way link (relative
 * to its first sentences, in order), given the links of the third
 * language z with x (zx) and with y (zy), each with the lower-numbered
 * language as side a: a merge of one sentence against several, one of
 * which at either end z has no counterpart of, leaves that sentence out
 * where that costs less over the pair and z's counterpart of the one
 * sentence.  xy has room for a link more per merge.
 */
void habar__align_leave_out_added(const struct habar__align_three *three,
    size_t x, size_t y, const struct habar__bead *zx, size_t nzx,
    const struct habar__bead *zy, size_t nzy, struct habar__bead *xy,
    size_t *n);

/*
 * The same links joined where the third language says they are one:
 * where one of z's nz sentences is linked with one sentence of x alone
 * and one of y alone, the links of the pair that hold those two, and any
 * between them (three links at most), become one.  Returns HABAR_OK or
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar__align_join_third(size_t nz, size_t x, size_t y,
    const struct habar__bead *zx, size_t nzx, const struct habar__bead *zy,
    size_t nzy, struct habar__bead *xy, size_t *n);

/*
 * The length term habar__align_cost() gives a link of len_a characters of
 * a against len_b of b (a and b tell whether a memory's lexicon weighs
 * the pair, which lowers it): for lengths no run of items has, such as a
 * side with a sentence of a third language added.
 */
double habar__align_length_term(const struct habar__align_seq *a,
    const struct habar__align_seq *b, double len_a, double len_b,
    double ratio);

/*
 * The probability that linking items [ai, ai + na) of a with [bi, bi + nb)
 * of b (one side may be empty) is right, from its cost and its margin
 * over the alternatives (align_confidence.c); calibrated on the bench's
 * perturbed sets, cautiously.
 */
double habar__align_confidence(const struct habar__align_seq *a, size_t ai,
    size_t na, const struct habar__align_seq *b, size_t bi, size_t nb,
    double ratio);

/*
 * The log-odds of that link alone, before any caution: the model
 * habar__align_confidence() shifts, which the neighbours' evidence
 * below starts from.
 */
double habar__align_logit(const struct habar__align_seq *a, size_t ai,
    size_t na, const struct habar__align_seq *b, size_t bi, size_t nb,
    double ratio);

/*
 * The same, storing in *cost the link's habar__align_cost(), which
 * habar__align_confidence_cost() takes rather than work it out again.
 */
double habar__align_logit_cost(double *cost, const struct habar__align_seq *a,
    size_t ai, size_t na, const struct habar__align_seq *b, size_t bi,
    size_t nb, double ratio);

/*
 * What the anchors of a link [ai, ai + na) <-> [bi, bi + nb) say, for its
 * confidence (habar__align_evidence()): the weight of the names, numbers,
 * addresses and telephone numbers both sides share and of those only one
 * side has; and of the word pairs (learnt from the document or a memory,
 * cognates) the number both sides share and the number the side with
 * more of them has, and of both sides together (words_all); and the
 * weight of the names, numbers... of each side that the other lacks
 * (miss_a, miss_b), as a side with several against one with none is
 * the mark of two unrelated sentences.
 */
struct habar__align_evidence {
	double shared, unmatched;
	double words_shared, words_most, words_all;
	double miss_a, miss_b;	/* unmatched, of each side alone */
};

void habar__align_evidence(const struct habar__align_seq *a, size_t ai,
    size_t na, const struct habar__align_seq *b, size_t bi, size_t nb,
    struct habar__align_evidence *ev);

/* A link next to the one judged, as habar__align_confidence_near() sees it. */
struct habar__align_near {
	int exists;		/* 0 at either end of the document */
	size_t na, nb;		/* its number of items on each side */
	double logit;		/* its habar__align_logit() */
};

/* How many numbers habar__align_confidence_near() judges a link by. */
#define HABAR__ALIGN_FEATURES 24

/*
 * The temperature habar__align_posterior() is given for the confidence
 * (fitted with it), or the one in $HABAR_ALIGN_TEMPERATURE, which the fit
 * of tests/bench/align_fit.py tries.
 */
double habar__align_temperature(void);

/*
 * The probability that the link [ai, ai + na) <-> [bi, bi + nb) is right
 * given also the links before and after it (prev, next) and its margin
 * over shifting either side; self is its habar__align_logit(), posterior
 * its habar__align_posterior(), third the least posterior of the same
 * three-way link in the two pairs through the third language (negative
 * when there is none: two languages, or a side missing), memory nonzero
 * when both languages had a memory's lexicon (its anchors shift the
 * costs, and so every other feature), alone nonzero when the document
 * has these two languages only (a model of its own: the third language's
 * evidence is not missing there, it never was).  When
 * feat is not NULL, the HABAR__ALIGN_FEATURES numbers it was judged by
 * are stored there (the fit of tests/bench/align_fit.py reads them).
 */
double habar__align_confidence_near(const struct habar__align_seq *a,
    size_t ai, size_t na, const struct habar__align_seq *b, size_t bi,
    size_t nb, double ratio, double self, double posterior, double third,
    int memory, int alone, const struct habar__align_near *prev,
    const struct habar__align_near *next, double *feat);

/*
 * The same, given the link's habar__align_cost() in cost (as
 * habar__align_logit_cost() stores it): the one cost of every link that
 * both ask for.
 */
double habar__align_confidence_cost(double cost,
    const struct habar__align_seq *a, size_t ai, size_t na,
    const struct habar__align_seq *b, size_t bi, size_t nb, double ratio,
    double self, double posterior, double third, int memory, int alone,
    const struct habar__align_near *prev,
    const struct habar__align_near *next, double *feat);

/*
 * The learnt word-translation table of a pair of languages (align_lex.c):
 * for a stem of side 0 or side 1, the anchor key it shares with its
 * partner.
 */
struct habar__lex {
	void *a, *b;		/* stem -> key, per side */
	size_t pairs;		/* stem pairs learnt */
};

/* One language's sentences as stems: stems[first[i]..first[i+1]). */
struct habar__lex_side {
	const uint32_t *stems;
	const size_t *first;
};

/*
 * Stores in out (max entries) the sorted, distinct stems of the words of
 * at least four letters in text (their first five letters, lower-cased,
 * hashed); returns their number.
 */
size_t habar__lex_stems(const char *text, size_t len, uint32_t *out,
    size_t max);

/*
 * Learns the table from nlinks sentence pairs (ia[k] of a with ib[k] of b)
 * thought to be translations of each other; salt keeps the keys of
 * different pairs of languages apart.  Returns HABAR_OK or HABAR_ERR_NOMEM.
 */
enum habar_status habar__lex_learn(struct habar__lex *lex,
    const struct habar__lex_side *a, const struct habar__lex_side *b,
    const size_t *ia, const size_t *ib, size_t nlinks, uint32_t salt);

/* The key of stem on side (0: a, 1: b), or 0 when it has none. */
uint32_t habar__lex_key(const struct habar__lex *lex, int side, uint32_t stem);

/*
 * Adds to the table (zeroed, or made by an earlier call) the n stem pairs
 * sa[k] of side 0 with sb[k] of side 1, each pair a shared key of kind
 * HABAR__ANCHOR_MEMORY (a memory's lexicon is surer than the document's,
 * and weighs more) whose weights are of class cls[k] (bits 3-5: when
 * missed, habar__lex_class_weight; bits 0-2: when shared,
 * habar__lex_hit_weight); salt keeps the keys of different pairs of
 * languages apart, and tag (habar__align_tag(), 1 to 3) marks them as the
 * pair's, so that only the pair's own words are expected across.  A
 * pair with a non-zero ids[k] (a word list's concept; ids may be NULL)
 * takes its key from it, so that every pair of one concept shares one
 * key.  Returns HABAR_OK or HABAR_ERR_NOMEM.
 */
enum habar_status habar__lex_from_pairs(struct habar__lex *lex,
    const uint32_t *sa, const uint32_t *sb, const uint32_t *ids,
    const unsigned char *cls, size_t n, uint32_t salt, unsigned tag);

/*
 * Lower-cases one code point of the scripts the aligner meets.  Inline:
 * every letter of every word a stem is cut from goes through it.
 */
static inline uint32_t
habar__align_lower(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	if (c >= 0x460 && c <= 0x4FF && (c & 1) == 0 && c != 0x4C0)
		return c + 1;
	return c;
}

/* Frees the table; a zeroed one is harmless. */
void habar__lex_free(struct habar__lex *lex);

#endif
