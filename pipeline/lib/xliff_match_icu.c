/*
 * xliff_match_icu.c: fuzzy matches from the translation memory, the
 * scored candidates translators expect beside a new sentence.
 *
 * The similarity of two texts is an edit distance over their tokens, in
 * the spirit of OmegaT's and Trados's scores.  A text is cut into words
 * (runs of letters, digits and marks), numbers (runs of digits with the
 * separators inside them: 1,5 and 2 000 000 are one token each) and
 * punctuation marks, one token each; white space separates and counts
 * for nothing; everything is compared case folded (ICU's default folding).
 * Inline codes are not in the memory's text (the TMX reader leaves them
 * out), so they weigh nothing.  A word or a number weighs 1, a mark 0.5.
 * Deleting or inserting a token costs its weight; swapping two
 * neighbours costs 1; replacing a word by another costs its character
 * edit distance over the longer word's length (so «ноября» for «ноябре»
 * costs 0.17, not 1), a number by another 0.5 (a number is a placeable
 * that tools carry over; an adapted match fixes it), a mark by another
 * 0.5.  With D the cheapest edit and W the larger total weight of the two
 * texts, the similarity is 100 (1 - D / W), at most 99 unless the texts
 * are the same white space aside, which only the exact lookup of
 * xliff_memory.c decides.
 *
 * Candidates are found without comparing the sentence with every unit:
 * an inverted index maps each word and number (by a hash of its folded
 * text) to the units of the source language holding it, built on the
 * first query.  The units sharing the most distinct tokens with the
 * sentence are scored in full; tokens held by more than a twentieth of
 * the units (and more than 1000) are too common to select anything and
 * are skipped.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "grow_internal.h"
#include "utf8_internal.h"
#include "xliff_internal.h"

/* Units scored in full per query, at most. */
#define SCORED 64
/* Words longer than this compare as equal or not, without their letters. */
#define LONG_WORD 64

enum tok_kind { TOK_WORD, TOK_NUMBER, TOK_MARK };

struct tok {
	uint32_t hash;
	uint32_t off;		/* first folded code point in chars */
	uint16_t len;		/* code points */
	uint8_t kind;
};

struct toks {
	struct tok *t;
	size_t n, cap;
	UChar32 *c;
	size_t nc, ccap;
	size_t words;		/* tokens that are words or numbers */
};

struct xl_index {
	char *src;		/* the language it serves */
	size_t *tuv;		/* the variants indexed, in src */
	struct toks *toks;	/* their tokens */
	size_t count;
	uint64_t *pairs;	/* hash << 32 | candidate, sorted */
	size_t pair_count;
	unsigned *shared;	/* per candidate, during a query */
	size_t *touched;
};

static void
toks_free(struct toks *t)
{
	free(t->t);
	free(t->c);
	memset(t, 0, sizeof(*t));
}

static int
is_word_char(UChar32 cp)
{
	int8_t type;

	if (u_isalnum(cp))
		return 1;
	type = u_charType(cp);
	return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
	    type == U_ENCLOSING_MARK;
}

static enum habar_status
push_char(struct toks *t, UChar32 cp)
{
	enum habar_status status;

	status = habar__grow((void **)&t->c, &t->ccap, t->nc + 1, sizeof(*t->c),
	    64);
	if (status == HABAR_OK)
		t->c[t->nc++] = u_foldCase(cp, U_FOLD_CASE_DEFAULT);
	return status;
}

static enum habar_status
end_token(struct toks *t, size_t off, enum tok_kind kind)
{
	enum habar_status status;
	struct tok *tok;
	uint32_t h = 2166136261u ^ (uint32_t)kind;
	size_t i;

	if (t->nc == off)
		return HABAR_OK;
	if (t->n >= XL_MAX_TOKENS)
		return HABAR_ERR_LIMIT;
	status = habar__grow((void **)&t->t, &t->cap, t->n + 1, sizeof(*t->t), 32);
	if (status != HABAR_OK)
		return status;
	for (i = off; i < t->nc; i++)
		h = (h ^ (uint32_t)t->c[i]) * 16777619u;
	tok = &t->t[t->n++];
	tok->hash = h;
	tok->off = (uint32_t)off;
	tok->len = t->nc - off > 65535 ? 65535 : (uint16_t)(t->nc - off);
	tok->kind = (uint8_t)kind;
	if (kind != TOK_MARK)
		t->words++;
	return HABAR_OK;
}

/* Cuts text into tokens (see the banner).  Returns HABAR_OK,
 * HABAR_ERR_LIMIT (too many tokens), HABAR_ERR_NOMEM. */
static enum habar_status
tokenise(const char *text, size_t len, struct toks *t)
{
	const unsigned char *u = (const unsigned char *)text;
	enum habar_status status = HABAR_OK;
	size_t i = 0, n, start = 0;
	unsigned long cp;
	int in_word = 0, digits = 0;

	memset(t, 0, sizeof(*t));
	while (i < len && status == HABAR_OK) {
		if ((n = habar__utf8_decode(u + i, len - i, &cp)) == 0) {
			n = 1;
			cp = ' ';
		}
		if (is_word_char((UChar32)cp)) {
			if (!in_word) {
				start = t->nc;
				digits = u_isdigit((UChar32)cp) != 0;
			} else if (!u_isdigit((UChar32)cp))
				digits = 0;
			in_word = 1;
			status = push_char(t, (UChar32)cp);
		} else if (in_word && digits && (cp == ',' || cp == '.' ||
		    cp == ' ' || cp == 0xA0 || cp == 0x202F) && i + n < len &&
		    u[i + n] >= '0' && u[i + n] <= '9') {
			/* A separator inside a number: 1,5 and 2 000. */
			i += n;
			continue;
		} else {
			if (in_word)
				status = end_token(t, start, digits ?
				    TOK_NUMBER : TOK_WORD);
			in_word = 0;
			if (status == HABAR_OK && !u_isUWhiteSpace((UChar32)cp) &&
			    !u_iscntrl((UChar32)cp)) {
				start = t->nc;
				if ((status = push_char(t, (UChar32)cp)) ==
				    HABAR_OK)
					status = end_token(t, start, TOK_MARK);
			}
		}
		i += n;
	}
	if (status == HABAR_OK && in_word)
		status = end_token(t, start, digits ? TOK_NUMBER : TOK_WORD);
	if (status != HABAR_OK)
		toks_free(t);
	return status;
}

static double
weight(const struct tok *t)
{
	return t->kind == TOK_MARK ? 0.5 : 1.0;
}

static int
same(const struct toks *a, const struct tok *x, const struct toks *b,
    const struct tok *y)
{
	return x->hash == y->hash && x->kind == y->kind && x->len == y->len &&
	    memcmp(a->c + x->off, b->c + y->off, x->len * sizeof(UChar32)) == 0;
}

/* The character edit distance of two words over the longer's length. */
static double
word_distance(const UChar32 *a, size_t m, const UChar32 *b, size_t n)
{
	unsigned row[LONG_WORD + 1], diag, up;
	size_t i, j;

	if (m > LONG_WORD || n > LONG_WORD || m == 0 || n == 0)
		return 1.0;
	for (j = 0; j <= n; j++)
		row[j] = (unsigned)j;
	for (i = 1; i <= m; i++) {
		diag = row[0];
		row[0] = (unsigned)i;
		for (j = 1; j <= n; j++) {
			unsigned best = diag + (a[i - 1] != b[j - 1]);
			up = row[j];
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return (double)row[n] / (double)(m > n ? m : n);
}

static double
substitution(const struct toks *a, const struct tok *x, const struct toks *b,
    const struct tok *y)
{
	if (same(a, x, b, y))
		return 0;
	if (x->kind != y->kind)
		return weight(x) > weight(y) ? weight(x) : weight(y);
	if (x->kind == TOK_WORD)
		return word_distance(a->c + x->off, x->len, b->c + y->off,
		    y->len);
	return 0.5;
}

/*
 * The cost of replacing a query's word by a unit's, remembered for the
 * query: the units scored for one sentence are mostly near duplicates of
 * one another, which share their words, and the character edit distance
 * is most of the time spent scoring.  A slot is keyed by the query
 * token, the unit token's hash and its length.
 */
#define SUBCACHE 4096

struct subcache {
	uint64_t key[SUBCACHE];	/* 0: empty */
	double cost[SUBCACHE];
};

static double
substitution_cached(struct subcache *cache, const struct toks *a, size_t i,
    const struct toks *b, const struct tok *y)
{
	const struct tok *x = &a->t[i];
	uint64_t key;
	size_t slot;
	double d;

	if (cache == NULL || x->kind != TOK_WORD || y->kind != TOK_WORD ||
	    same(a, x, b, y))
		return substitution(a, x, b, y);
	key = ((uint64_t)(i + 1) << 48) ^ ((uint64_t)y->len << 32) ^ y->hash;
	slot = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 52) & (SUBCACHE - 1);
	if (cache->key[slot] == key)
		return cache->cost[slot];
	d = substitution(a, x, b, y);
	cache->key[slot] = key;
	cache->cost[slot] = d;
	return cache->cost[slot];
}

/* The similarity of two token lists, 0-100 (not capped at 99); cache
 * (NULL for none) remembers word substitutions of a, the query. */
static double
score(const struct toks *a, const struct toks *b, struct subcache *cache)
{
	double *block, *prev2, *prev, *row, wa = 0, wb = 0, w, d;
	size_t i, j, m = a->n, n = b->n;

	for (i = 0; i < m; i++)
		wa += weight(&a->t[i]);
	for (j = 0; j < n; j++)
		wb += weight(&b->t[j]);
	w = wa > wb ? wa : wb;
	if (w == 0)
		return 100;
	if ((block = calloc(3 * (n + 1), sizeof(double))) == NULL)
		return 0;
	prev2 = block;
	prev = prev2 + n + 1;
	row = prev + n + 1;
	for (j = 1; j <= n; j++)
		prev[j] = prev[j - 1] + weight(&b->t[j - 1]);
	for (i = 1; i <= m; i++) {
		const struct tok *x = &a->t[i - 1];
		row[0] = prev[0] + weight(x);
		for (j = 1; j <= n; j++) {
			const struct tok *y = &b->t[j - 1];
			double best = prev[j - 1] + substitution_cached(cache,
			    a, i - 1, b, y);
			if (prev[j] + weight(x) < best)
				best = prev[j] + weight(x);
			if (row[j - 1] + weight(y) < best)
				best = row[j - 1] + weight(y);
			/* Two neighbours swapped: one edit. */
			if (i > 1 && j > 1 && same(a, x, b, &b->t[j - 2]) &&
			    same(a, &a->t[i - 2], b, y) &&
			    prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			row[j] = best;
		}
		/* Rotate the three rows. */
		{
			double *t = prev2;
			prev2 = prev;
			prev = row;
			row = t;
		}
	}
	d = prev[n];
	free(block);
	d = 100.0 * (1.0 - d / w);
	return d < 0 ? 0 : d;
}

double
habar__xl_similarity(const char *a, size_t a_len, const char *b,
    size_t b_len)
{
	struct toks x, y;
	double s = 0;

	if (tokenise(a, a_len, &x) != HABAR_OK)
		return 0;
	if (tokenise(b, b_len, &y) == HABAR_OK) {
		s = score(&x, &y, NULL);
		toks_free(&y);
	}
	toks_free(&x);
	return s;
}

enum habar_status
habar__xl_token_keys(const char *text, size_t len, uint32_t *keys,
    size_t *count_out, size_t *words_out)
{
	struct toks t;
	enum habar_status status;
	size_t i, j, n = 0;

	*count_out = *words_out = 0;
	if ((status = tokenise(text, len, &t)) != HABAR_OK)
		return status;
	for (i = 0; i < t.n; i++) {
		if (t.t[i].kind == TOK_MARK)
			continue;
		for (j = 0; j < n && keys[j] != t.t[i].hash; j++)
			;
		if (j == n)
			keys[n++] = t.t[i].hash;
	}
	*count_out = n;
	*words_out = t.words;
	toks_free(&t);
	return HABAR_OK;
}

void
habar__xl_index_free(struct xl_index *index)
{
	size_t i;

	if (index == NULL)
		return;
	for (i = 0; i < index->count; i++)
		toks_free(&index->toks[i]);
	free(index->toks);
	free(index->tuv);
	free(index->pairs);
	free(index->shared);
	free(index->touched);
	free(index->src);
	free(index);
}

static int
compare_pairs(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Indexes the memory's variants in language src. */
static enum habar_status
build_index(struct xl_memory *memory, const char *src, struct xl_index **out)
{
	struct xl_index *index;
	enum habar_status status = HABAR_ERR_NOMEM;
	size_t i, k, cap = 0;

	*out = NULL;
	if ((index = calloc(1, sizeof(*index))) == NULL ||
	    (index->src = strdup(src)) == NULL)
		goto done;
	for (i = 0; i < memory->count; i++)
		if (habar__xl_lang_matches(memory->tuvs[i].lang, src))
			cap++;
	if (cap > UINT32_MAX) {
		status = HABAR_ERR_LIMIT;
		goto done;
	}
	if ((index->tuv = calloc(cap + 1, sizeof(*index->tuv))) == NULL ||
	    (index->toks = calloc(cap + 1, sizeof(*index->toks))) == NULL ||
	    (index->shared = calloc(cap + 1, sizeof(*index->shared))) == NULL ||
	    (index->touched = calloc(cap + 1, sizeof(*index->touched))) == NULL)
		goto done;
	for (i = 0; i < memory->count; i++) {
		const struct xl_tuv *t = &memory->tuvs[i];
		if (!habar__xl_lang_matches(t->lang, src))
			continue;
		status = tokenise(t->norm, strlen(t->norm),
		    &index->toks[index->count]);
		if (status == HABAR_ERR_LIMIT)
			continue;	/* too long to be a sentence's match */
		if (status != HABAR_OK)
			goto done;
		index->tuv[index->count] = i;
		index->pair_count += index->toks[index->count].words;
		index->count++;
	}
	if ((index->pairs = calloc(index->pair_count + 1,
	    sizeof(*index->pairs))) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	index->pair_count = 0;
	for (i = 0; i < index->count; i++)
		for (k = 0; k < index->toks[i].n; k++)
			if (index->toks[i].t[k].kind != TOK_MARK)
				index->pairs[index->pair_count++] =
				    (uint64_t)index->toks[i].t[k].hash << 32 | i;
	qsort(index->pairs, index->pair_count, sizeof(*index->pairs),
	    compare_pairs);
	*out = index;
	index = NULL;
	status = HABAR_OK;
done:
	habar__xl_index_free(index);
	return status;
}

/* The first pair of hash h in the index, and how many there are. */
static size_t
postings(const struct xl_index *index, uint32_t h, size_t *count_out)
{
	size_t lo = 0, hi = index->pair_count, first;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((uint32_t)(index->pairs[mid] >> 32) < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	while (lo < index->pair_count && (uint32_t)(index->pairs[lo] >> 32) == h)
		lo++;
	*count_out = lo - first;
	return first;
}

static int
compare_candidates(const void *a, const void *b)
{
	const struct xl_candidate *x = a, *y = b;

	if (x->similarity != y->similarity)
		return x->similarity < y->similarity ? 1 : -1;
	return x->exact < y->exact ? 1 : x->exact > y->exact ? -1 : 0;
}

/* Whether out[0..n) offers target already. */
static int
offered(const struct xl_candidate *out, size_t n, const char *target)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(out[i].target, target) == 0)
			return 1;
	return 0;
}

struct scored {
	size_t cand;
	unsigned shared;
};

static int
compare_scored(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	if (x->shared != y->shared)
		return x->shared < y->shared ? 1 : -1;
	return (x->cand > y->cand) - (x->cand < y->cand);
}

/*
 * Puts cand among the candidates out[0..*n) (at most max): when they are
 * max already, in place of the worst if it is better.
 */
static void
offer(struct xl_candidate *out, size_t *n, size_t max,
    const struct xl_candidate *cand)
{
	if (*n == max) {
		qsort(out, *n, sizeof(*out), compare_candidates);
		if (out[*n - 1].exact ||
		    out[*n - 1].similarity >= cand->similarity)
			return;
		(*n)--;
	}
	out[(*n)++] = *cand;
}

/* The fuzzy candidates from the units loaded into memory. */
static enum habar_status
match_loaded(struct xl_memory *memory, const char *src, const char *trg,
    const struct toks *q, struct xl_candidate *out, size_t *n, size_t max,
    double min, struct subcache *cache)
{
	struct xl_index *index;
	struct scored *pick = NULL;
	struct xl_candidate cand;
	enum habar_status status;
	size_t i, touched = 0, picked = 0, common;

	if (memory->index == NULL || strcmp(memory->index->src, src) != 0) {
		habar__xl_index_free(memory->index);
		memory->index = NULL;
		if ((status = build_index(memory, src, &memory->index)) !=
		    HABAR_OK)
			return status;
	}
	index = memory->index;
	common = index->count / 20 > 1000 ? index->count / 20 : 1000;
	/* Count the distinct words and numbers each unit shares. */
	for (i = 0; i < q->n; i++) {
		size_t first, count, j;
		if (q->t[i].kind == TOK_MARK)
			continue;
		for (j = 0; j < i; j++)
			if (q->t[j].hash == q->t[i].hash)
				break;
		if (j < i)
			continue;
		first = postings(index, q->t[i].hash, &count);
		if (count > common)
			continue;
		for (j = first; j < first + count; j++) {
			size_t c = (size_t)(index->pairs[j] & 0xFFFFFFFFu);
			if (j > first && index->pairs[j] == index->pairs[j - 1])
				continue;	/* the word twice in the unit */
			if (index->shared[c]++ == 0)
				index->touched[touched++] = c;
		}
	}
	if (touched > 0 && (pick = malloc(touched * sizeof(*pick))) == NULL) {
		for (i = 0; i < touched; i++)
			index->shared[index->touched[i]] = 0;
		return HABAR_ERR_NOMEM;
	}
	for (i = 0; i < touched; i++) {
		size_t c = index->touched[i], longer;
		unsigned shared = index->shared[c];
		index->shared[c] = 0;
		longer = q->words > index->toks[c].words ? q->words :
		    index->toks[c].words;
		/* Too few words in common to reach min, punctuation aside. */
		if (100.0 * (double)shared / (double)longer < min - 10)
			continue;
		pick[picked].cand = c;
		pick[picked].shared = shared;
		picked++;
	}
	if (picked > 0)
		qsort(pick, picked, sizeof(*pick), compare_scored);
	for (i = 0; i < picked && i < SCORED; i++) {
		size_t c = pick[i].cand;
		const struct xl_tuv *s = &memory->tuvs[index->tuv[c]];
		const struct xl_tuv *t = habar__xl_memory_variant(memory, s->tu,
		    trg);
		if (t == NULL || offered(out, *n, t->text))
			continue;
		memset(&cand, 0, sizeof(cand));
		cand.similarity = score(q, &index->toks[c], cache);
		if (cand.similarity > 99)
			cand.similarity = 99;
		if (cand.similarity < min)
			continue;
		cand.source = s->text;
		cand.target = t->text;
		cand.origin = memory->origin_count > 0 ?
		    memory->origins[memory->tu_origin[s->tu]] : "";
		cand.sentences = 1;
		offer(out, n, max, &cand);
	}
	free(pick);
	return HABAR_OK;
}

/*
 * The fuzzy candidates from the index of a TMX file: as match_loaded(),
 * with the postings read from the mapped file.  Only the SCORED units
 * sharing the most tokens are tokenised and scored; among units sharing
 * as many, the first met (the lowest in the memory) go first.
 */
static enum habar_status
match_indexed(struct xl_tmindex *idx, const char *src, const char *trg,
    const struct toks *q, struct xl_candidate *out, size_t *n, size_t max,
    double min, struct subcache *cache)
{
	size_t hist[XL_MAX_TOKENS + 2], variants = habar__xl_tmindex_variants(idx);
	uint32_t *shared, *touched, *pick = NULL, threshold;
	struct xl_candidate cand;
	enum habar_status status;
	size_t i, j, l, ntouched = 0, picked = 0, above = 0, ties;

	if ((status = habar__xl_tmindex_scratch(idx, &shared, &touched)) !=
	    HABAR_OK)
		return status;
	for (l = 0; l < habar__xl_tmindex_langs(idx); l++) {
		size_t lv, common;
		if (!habar__xl_lang_matches(habar__xl_tmindex_lang(idx, l, &lv),
		    src))
			continue;
		common = lv / 20 > 1000 ? lv / 20 : 1000;
		for (i = 0; i < q->n; i++) {
			const uint32_t *ids;
			size_t count;
			if (q->t[i].kind == TOK_MARK)
				continue;
			for (j = 0; j < i; j++)
				if (q->t[j].hash == q->t[i].hash)
					break;
			if (j < i)
				continue;
			ids = habar__xl_tmindex_postings(idx, l, q->t[i].hash,
			    &count);
			if (ids == NULL || count > common)
				continue;
			for (j = 0; j < count; j++) {
				uint32_t v = ids[j];
				if (v >= variants)
					continue;	/* a damaged file */
				if (shared[v]++ == 0)
					touched[ntouched++] = v;
			}
		}
	}
	/* Keep the units that could reach min; find the share that the
	 * SCORED best reach. */
	memset(hist, 0, sizeof(hist));
	for (i = 0; i < ntouched; i++) {
		uint32_t v = touched[i], sh = shared[v];
		size_t words = habar__xl_tmindex_words(idx, v), longer;
		shared[v] = 0;
		longer = q->words > words ? q->words : words;
		if (longer == 0 || 100.0 * (double)sh / (double)longer < min - 10)
			continue;
		if (sh > XL_MAX_TOKENS)
			sh = XL_MAX_TOKENS;
		touched[picked++] = v;
		shared[v] = sh;	/* kept for the units picked */
		hist[sh]++;
	}
	threshold = 0;
	for (i = XL_MAX_TOKENS + 1; i-- > 1;) {
		if (above + hist[i] >= SCORED) {
			threshold = (uint32_t)i;
			break;
		}
		above += hist[i];
	}
	if (picked > 0 && (pick = malloc((SCORED + 1) * sizeof(*pick))) ==
	    NULL) {
		for (i = 0; i < picked; i++)
			shared[touched[i]] = 0;
		return HABAR_ERR_NOMEM;
	}
	/* The units above the threshold, and as many at it as there is
	 * room for, the first met first. */
	ntouched = picked;
	picked = 0;
	ties = SCORED - above;
	for (i = 0; i < ntouched; i++) {
		uint32_t sh = shared[touched[i]];
		if (sh > threshold || (sh == threshold && ties > 0 && sh > 0)) {
			if (sh == threshold)
				ties--;
			pick[picked++] = touched[i];
		}
	}
	for (i = 0; i < ntouched; i++)
		shared[touched[i]] = 0;
	for (i = 0; i < picked; i++) {
		const char *text, *target;
		size_t len, unit, words;
		struct toks c;
		char *norm;
		if ((text = habar__xl_tmindex_text(idx, pick[i], &len, &words,
		    &unit)) == NULL ||
		    (target = habar__xl_tmindex_target(idx, unit, trg,
		    NULL)) == NULL || offered(out, *n, target))
			continue;
		if ((norm = habar__xl_normalise(text, len)) == NULL) {
			free(pick);
			return HABAR_ERR_NOMEM;
		}
		status = tokenise(norm, strlen(norm), &c);
		free(norm);
		if (status == HABAR_ERR_LIMIT)
			continue;
		if (status != HABAR_OK) {
			free(pick);
			return status;
		}
		memset(&cand, 0, sizeof(cand));
		cand.similarity = score(q, &c, cache);
		toks_free(&c);
		if (cand.similarity > 99)
			cand.similarity = 99;
		if (cand.similarity < min)
			continue;
		cand.source = text;
		cand.target = target;
		cand.origin = habar__xl_tmindex_origin(idx);
		cand.sentences = 1;
		offer(out, n, max, &cand);
	}
	free(pick);
	return HABAR_OK;
}

enum habar_status
habar__xl_match(struct habar_xliff *xliff, const char *src, const char *trg,
    const char *text, size_t len, struct xl_candidate *out, size_t max,
    double min, size_t *count_out)
{
	struct xl_memory *memory = &xliff->memory;
	enum habar_status status = HABAR_OK;
	struct subcache *cache;
	struct toks q;
	size_t n = 0, i;

	*count_out = 0;
	if (habar__xl_memory_empty(memory) || max == 0)
		return HABAR_OK;
	/* The exact match first: the text itself, or white space aside. */
	if (habar__xl_memory_exact(memory, src, trg, text, len, &out[n]))
		n++;
	if (n >= max)
		goto done;
	if (tokenise(text, len, &q) != HABAR_OK || q.words == 0) {
		toks_free(&q);
		goto done;
	}
	if ((cache = calloc(1, sizeof(*cache))) == NULL) {
		toks_free(&q);
		return HABAR_ERR_NOMEM;
	}
	if (memory->count > 0)
		status = match_loaded(memory, src, trg, &q, out, &n, max, min,
		    cache);
	for (i = 0; i < memory->index_count && status == HABAR_OK; i++)
		status = match_indexed(memory->indexes[i], src, trg, &q, out, &n,
		    max, min, cache);
	free(cache);
	toks_free(&q);
	if (status != HABAR_OK)
		return status;
done:
	qsort(out, n, sizeof(*out), compare_candidates);
	*count_out = n;
	return HABAR_OK;
}
