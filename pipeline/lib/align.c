/*
 * align.c: aligning the two or three languages of a parallel document:
 * the sentences of the whole documents (a paragraph start both languages
 * share is a bonus, not a wall), then the paragraph links they imply, and
 * the confidence of each link.
 *
 * Three languages are kept consistent by construction: English (or the
 * first language when there is no English) is the pivot; each other
 * language is aligned with the pivot (align_dp.c), and the two pairwise
 * alignments are composed into three-way links: a link closes where both
 * alignments have a boundary at the same place in the pivot, so every
 * pairwise link is a union of three-way links and no pair can contradict
 * another.  Items with no pivot counterpart in both other languages at the
 * same place (a sentence the pivot dropped) are aligned with each other
 * directly.
 *
 * Composition through one pivot adds up both pivot pairs' errors in the
 * third pair, and a sentence the pivot dropped is easily swallowed by a
 * neighbour.  So the second pass of the sentences also aligns the two
 * other languages directly and composes through each language in turn;
 * between the places where the three compositions agree, the one with
 * the fewest links of one language, and of those the one whose links cost
 * least over all three pairs, is kept (reconcile()).
 */
#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/align.h>
#include <habar/recognise.h>
#include <habar/seg.h>

#include "align_private.h"
#include "map64_internal.h"
#include "lexicon_internal.h"
#include "grow_internal.h"

/* Anchors kept for one paragraph (the union of its sentences'). */
/* Stems kept for one sentence. */
#define STEMS_MAX 96
/* The first pass's 1-1 links the table is learnt from are this sure. */
#define LEARN_CONFIDENCE 0.5
/*
 * How much an anchor that two languages share and the third lacks weighs
 * for reading that third language's lone sentence as a drop (add_split(),
 * best_unlink()).
 */
#define SPLIT_EVIDENCE 4.0
/*
 * The pairs charge a sentence that only one language of three has a drop
 * in each of the two pairs it is missing from, the same as a sentence
 * that one language lacks (1-0 in two pairs too).  But it takes two
 * languages dropping it (or one adding it), which is about as rare as
 * two drops apart: so where one link is read again (best_split(),
 * best_unlink()), a group of one language costs two drops more (two
 * drops: 2.6 each, align_dp.c).
 */
#define ONE_LANGUAGE_COST 5.2
/*
 * A document (for reading its languages) or a range (for aligning its
 * pairs) of this many sentences, all languages together, is worth a
 * second thread.
 */
#define THREAD_ITEMS 1500

enum habar_status
habar_align_new(struct habar_align **align_out)
{
	struct habar_align *align;
	enum habar_status status;

	*align_out = NULL;
	if ((align = calloc(1, sizeof(*align))) == NULL)
		return HABAR_ERR_NOMEM;
	status = habar__align_icu_new(&align->icu, align->error,
	    sizeof(align->error));
	/* One recogniser for both threads: it is only read. */
	if (status == HABAR_OK)
		status = habar_recognise_new(&align->rec, align->error,
		    sizeof(align->error));
	if (status == HABAR_OK)
		status = habar__anchor_cache_new(&align->cache, align->icu,
		    align->rec);
	if (status != HABAR_OK) {
		habar_align_free(align);
		return status;
	}
	*align_out = align;
	return HABAR_OK;
}

void
habar_align_free(struct habar_align *align)
{
	size_t k;

	if (align == NULL)
		return;
	habar__anchor_cache_free(align->cache);
	habar__align_icu_free(align->icu);
	habar__anchor_cache_free(align->cache2);
	habar__align_icu_free(align->icu2);
	habar_recognise_free(align->rec);
	for (k = 0; k < HABAR_PARALLEL_MAX_LANGS; k++)
		habar_seg_free(align->line_seg[k]);
	habar_lexicon_free(align->memory);
	free(align->sub);
	free(align);
}

const char *
habar_align_error(const struct habar_align *align)
{
	return align->error;
}

unsigned long
habar_align_error_line(const struct habar_align *align)
{
	return align->line;
}

/* The lengths and anchors of one language's sentences. */
struct lang_data {
	uint8_t *sbounds;	/* NULL unless read a sentence a line */
	uint8_t *spstart;	/* 1 for a sentence that starts a paragraph */
	uint8_t *snames;	/* names past the first word (seq names) */
	uint32_t *slen, *skeys, *stems;
	size_t *skfirst, *stfirst;
	/* The stems of the memory's lexicon (lexicon_stem.c), or NULL. */
	uint32_t *mstems;
	size_t *mstfirst;
	struct habar__align_seq sent;
	double chars;		/* characters in all sentences */
};

static void
lang_data_free(struct lang_data *d)
{
	free(d->sbounds);
	free(d->spstart);
	free(d->snames);
	free(d->slen);
	free(d->skeys);
	free(d->skfirst);
	free(d->stems);
	free(d->stfirst);
	free(d->mstems);
	free(d->mstfirst);
	memset(d, 0, sizeof(*d));
}

/*
 * Whether a line ends the way a sentence does: a full stop, '!', '?' or an
 * ellipsis among the marks after its last letter or digit (closing quotes
 * and brackets may follow).  A headline does not, so where a translator
 * ran it into the next sentence, the line shows no boundary either.
 *
 * Only the line's last character that is such a mark or that ends the
 * marks (a letter, a digit, any other character but spaces, quotes and
 * dashes) decides, so the line is read from its end: back to its last
 * ASCII byte, where reading forward is in step whatever came before (no
 * ASCII byte belongs to a longer sequence), the characters after it are
 * decoded forward; then that byte itself; and so on towards the start
 * until one decides.
 */
static int
line_ends_sentence(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t end = len, q, i;
	uint32_t c;
	int ends;

	while (end > 0) {
		for (q = end; q > 0 && s[q - 1] >= 0x80; q--)
			continue;
		/* s[q..end): no ASCII; the last character deciding wins. */
		ends = -1;
		for (i = q; i < end; ) {
			i += habar__align_char(s + i, len - i, &c);
			if (c == 0x2026)
				ends = 1;
			/* Spaces, quotes and dashes: U+00A0..U+00BF and
			 * U+2000..U+207F. */
			else if (!(c >= 0xA0 && c <= 0xBF) &&
			    !(c >= 0x2000 && c <= 0x207F))
				ends = 0;
		}
		if (ends >= 0)
			return ends;
		if (q == 0)
			break;
		c = s[q - 1];
		if (c == '.' || c == '!' || c == '?')
			return 1;
		if (isalnum((int)c))
			return 0;
		end = q - 1;
	}
	return 0;
}

/* See align_internal.h. */
uint8_t
habar__align_line_boundaries(struct habar_seg *seg, const char *text,
    size_t len)
{
	const struct habar_span *spans;
	size_t i, k, count;
	uint8_t ends = line_ends_sentence(text, len) ? HABAR__LINE_ENDS : 0;

	for (i = 0; i < len; i++) {
		if (text[i] != '.' && text[i] != '!' && text[i] != '?' &&
		    (i < 2 || memcmp(text + i - 2, "\xE2\x80\xA6", 3) != 0))
			continue;	/* U+2026 ends at i */
		for (k = i + 1; k < len && k < i + 8 && text[k] != ' '; k++)
			continue;
		if (k + 1 < len && text[k] == ' ')
			break;
	}
	if (i == len || habar_seg_paragraph(seg, text, len, &spans, &count) !=
	    HABAR_OK || count < 2)
		return ends;
	return ends | (count > 4 ? 3 : (uint8_t)(count - 1));
}

/*
 * *bounds_out: malloc'd, habar__align_line_boundaries() of sentences
 * [first, first + count) of l; NULL when seg is.
 */
static enum habar_status
boundaries_of_lines(struct habar_seg *seg,
    const struct habar_parallel_language *l, size_t first, size_t count,
    uint8_t **bounds_out)
{
	uint8_t *bounds;
	size_t i;

	*bounds_out = NULL;
	if (seg == NULL)
		return HABAR_OK;
	if ((bounds = malloc(count + 1)) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < count; i++)
		bounds[i] = habar__align_line_boundaries(seg,
		    l->sentences[first + i].text, l->sentences[first + i].len);
	*bounds_out = bounds;
	return HABAR_OK;
}

static enum habar_status
lang_data_make(struct habar__anchor_cache *cache,
    const struct habar_parallel_language *l, struct habar_seg *seg,
    struct lang_data *d)
{
	uint32_t keys[HABAR__ANCHOR_MAX];
	size_t i, n, total = 0, cap, names;
	enum habar_status status;
	uint32_t *grown;

	memset(d, 0, sizeof(*d));
	d->slen = malloc((l->sentence_count + 1) * sizeof(uint32_t));
	d->skfirst = malloc((l->sentence_count + 1) * sizeof(size_t));
	d->snames = malloc(l->sentence_count + 1);
	cap = l->sentence_count * 4 + 16;
	d->skeys = malloc(cap * sizeof(uint32_t));
	if (d->slen == NULL || d->skfirst == NULL || d->skeys == NULL ||
	    d->snames == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < l->sentence_count; i++) {
		d->slen[i] = (uint32_t)habar__utf8_chars(l->sentences[i].text,
		    l->sentences[i].len);
		d->chars += d->slen[i];
		status = habar__anchor_extract(cache, l->lang,
		    l->sentences[i].text, l->sentences[i].len, keys, &n, &names);
		if (status != HABAR_OK)
			return status;
		d->snames[i] = (uint8_t)(names < 255 ? names : 255);
		if (total + n > cap) {
			cap = (total + n) * 2;
			if ((grown = realloc(d->skeys, cap * sizeof(uint32_t))) ==
			    NULL)
				return HABAR_ERR_NOMEM;
			d->skeys = grown;
		}
		d->skfirst[i] = total;
		memcpy(d->skeys + total, keys, n * sizeof(uint32_t));
		total += n;
	}
	d->skfirst[l->sentence_count] = total;
	/* The stems of each sentence, for the learnt table. */
	cap = l->sentence_count * 8 + 16;
	d->stems = malloc(cap * sizeof(uint32_t));
	d->stfirst = malloc((l->sentence_count + 1) * sizeof(size_t));
	if (d->stems == NULL || d->stfirst == NULL)
		return HABAR_ERR_NOMEM;
	n = 0;
	for (i = 0; i < l->sentence_count; i++) {
		if (n + STEMS_MAX > cap) {
			cap = (n + STEMS_MAX) * 2;
			if ((grown = realloc(d->stems, cap * sizeof(uint32_t))) ==
			    NULL)
				return HABAR_ERR_NOMEM;
			d->stems = grown;
		}
		d->stfirst[i] = n;
		n += habar__lex_stems(l->sentences[i].text, l->sentences[i].len,
		    d->stems + n, STEMS_MAX);
	}
	d->stfirst[l->sentence_count] = n;
	/* The stems are kept through the first pass, where the memory
	 * peaks: the room the doubling left is given back. */
	if ((grown = realloc(d->stems, (n + 1) * sizeof(uint32_t))) != NULL)
		d->stems = grown;
	d->sent.n = l->sentence_count;
	d->sent.len = d->slen;
	d->sent.keys = d->skeys;
	d->sent.kfirst = d->skfirst;
	d->sent.names = d->snames;
	if ((status = boundaries_of_lines(seg, l, 0, l->sentence_count,
	    &d->sbounds)) != HABAR_OK)
		return status;
	d->sent.bounds = d->sbounds;
	if ((d->spstart = calloc(l->sentence_count + 1, 1)) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < l->paragraph_count; i++)
		d->spstart[l->paragraphs[i].first] = 1;
	d->sent.pstart = d->spstart;
	return HABAR_OK;
}

/*
 * Runs fn on each of the n jobs (size bytes apart, from jobs): when
 * threaded, the first on a thread of its own, the others here; all here
 * when threaded is 0 or no thread can be had.
 */
static void
run_jobs(void *(*fn)(void *), void *jobs, size_t size, size_t n,
    int threaded)
{
	char *job = jobs;
	pthread_t thread;
	size_t k, own = 0;

	if (threaded && n > 1 && pthread_create(&thread, NULL, fn, job) == 0)
		own = 1;
	for (k = own; k < n; k++)
		fn(job + k * size);
	if (own)
		pthread_join(thread, NULL);
}

/* One language's data to make, for running beside another. */
struct lang_job {
	struct habar__anchor_cache *cache;
	const struct habar_parallel_language *l;
	struct habar_seg *seg;	/* its lines' segmenter, or NULL */
	struct lang_data *d;
	enum habar_status status;
};

static void *
lang_job_run(void *arg)
{
	struct lang_job *job = arg;

	job->status = lang_data_make(job->cache, job->l, job->seg, job->d);
	return NULL;
}

/*
 * The second thread's own transliterator and cache (neither may be shared
 * between threads), made on first need and kept with the handle.
 */
static enum habar_status
second_cache(struct habar_align *align)
{
	char err[256];
	enum habar_status status;

	if (align->cache2 != NULL)
		return HABAR_OK;
	status = habar__align_icu_new(&align->icu2, err, sizeof(err));
	if (status == HABAR_OK)
		status = habar__anchor_cache_new(&align->cache2, align->icu2,
		    align->rec);
	if (status != HABAR_OK) {
		habar__align_icu_free(align->icu2);
		align->icu2 = NULL;
	}
	return status;
}

/*
 * Makes the data of languages langs[0..n) in d[0..n): the first on a
 * thread of its own when the document is long enough to repay it, the
 * others here; one by one when no second thread or cache can be had.
 */
static enum habar_status
lang_data_make_all(struct habar_align *align,
    const struct habar_parallel_language *const *langs, struct lang_data *d,
    size_t n)
{
	struct lang_job jobs[HABAR_PARALLEL_MAX_LANGS];
	size_t k, items = 0;
	int threaded;
	enum habar_status status;

	for (k = 0; k < n; k++) {
		jobs[k].cache = align->cache;
		jobs[k].l = langs[k];
		jobs[k].seg = align->line_seg[k];
		jobs[k].d = &d[k];
		jobs[k].status = HABAR_OK;
		items += langs[k]->sentence_count;
	}
	threaded = n > 1 && items >= THREAD_ITEMS &&
	    second_cache(align) == HABAR_OK;
	if (threaded)
		jobs[0].cache = align->cache2;
	/* Every language's closed-class words, in each cache, before any
	 * sentence: a pair's two sides must read the same words as names. */
	for (k = 0; k < n; k++) {
		if ((status = habar__anchor_cache_words(align->cache,
		    langs[k]->lang)) != HABAR_OK || (threaded &&
		    (status = habar__anchor_cache_words(align->cache2,
		    langs[k]->lang)) != HABAR_OK))
			return status;
	}
	run_jobs(lang_job_run, jobs, sizeof(jobs[0]), n, threaded);
	for (k = 0; k < n; k++)
		if (jobs[k].status != HABAR_OK)
			return jobs[k].status;
	return HABAR_OK;
}

/* The sub-sequence of items [first, first + count) of s. */
static struct habar__align_seq
subseq(const struct habar__align_seq *s, size_t first, size_t count)
{
	struct habar__align_seq r;

	r.n = count;
	r.len = s->len + first;
	r.keys = s->keys;
	r.kfirst = s->kfirst + first;
	r.bounds = s->bounds != NULL ? s->bounds + first : NULL;
	r.pstart = s->pstart != NULL ? s->pstart + first : NULL;
	r.names = s->names != NULL ? s->names + first : NULL;
	r.lang = s->lang;
	r.memory = s->memory;
	r.words = s->words;
	return r;
}

/* A three-way link in slots P (pivot), X, Y, relative to a range. */
struct group {
	size_t first[3], count[3];
	float confidence;
	float pair[3];		/* per pair of languages, once final */
};

struct groups {
	struct group *g;
	size_t n, cap;
};

static struct group *
group_new(struct groups *gs)
{
	struct group *g;

	if (habar__grow((void **)&gs->g, &gs->cap, gs->n + 1, sizeof(*gs->g),
	    64) != HABAR_OK)
		return NULL;
	g = &gs->g[gs->n++];
	memset(g, 0, sizeof(*g));
	g->confidence = 1.0f;
	return g;
}

/* Adds a bead of the pivot with slot s (1: X, 2: Y) to group g. */
static void
group_add(struct group *g, const struct habar__bead *b, int s, int fresh_p,
    int fresh_s)
{
	if (fresh_p)
		g->first[0] = b->a;
	if (fresh_s)
		g->first[s] = b->b;
	g->count[s] += b->nb;
	if (b->confidence < g->confidence)
		g->confidence = b->confidence;
}

/*
 * Composes beads1 (pivot with X) and beads2 (pivot with Y) into groups;
 * x and y are the X and Y sequences of the range, for aligning items that
 * neither has a pivot counterpart for.
 */
static enum habar_status
compose(const struct habar__bead *b1, size_t n1, const struct habar__bead *b2,
    size_t n2, const struct habar__align_seq *x,
    const struct habar__align_seq *y, double ratio_xy,
    struct groups *out)
{
	struct habar__bead *sub = NULL;
	struct habar__align_seq xs, ys;
	struct group *g = NULL;
	size_t i = 0, j = 0, i2, j2, k, nsub, pa = 0, pb = 0, x0, y0, xn, yn;
	enum habar_status status;

	while (i < n1 || j < n2) {
		if (pa == pb) {
			g = NULL;
			i2 = i;
			while (i2 < n1 && b1[i2].na == 0)
				i2++;
			j2 = j;
			while (j2 < n2 && b2[j2].na == 0)
				j2++;
			if (i2 > i || j2 > j) {
				x0 = i < n1 ? b1[i].b : x->n;
				y0 = j < n2 ? b2[j].b : y->n;
				xn = i2 - i;
				yn = j2 - j;
				if (xn > 0 && yn > 0) {
					xn = b1[i2 - 1].b + b1[i2 - 1].nb - x0;
					yn = b2[j2 - 1].b + b2[j2 - 1].nb - y0;
					xs = subseq(x, x0, xn);
					ys = subseq(y, y0, yn);
					status = habar__align_pair(&xs, &ys,
					    ratio_xy, NULL, 0, &sub, &nsub);
					if (status != HABAR_OK)
						return status;
					for (k = 0; k < nsub; k++) {
						if ((g = group_new(out)) == NULL) {
							free(sub);
							return HABAR_ERR_NOMEM;
						}
						g->first[0] = pa;
						g->first[1] = x0 + sub[k].a;
						g->count[1] = sub[k].na;
						g->first[2] = y0 + sub[k].b;
						g->count[2] = sub[k].nb;
						g->confidence = sub[k].confidence;
					}
					free(sub);
					sub = NULL;
				} else {
					for (k = i; k < i2; k++) {
						if ((g = group_new(out)) == NULL)
							return HABAR_ERR_NOMEM;
						g->first[0] = pa;
						g->first[1] = b1[k].b;
						g->count[1] = b1[k].nb;
						g->first[2] = j < n2 ? b2[j].b : y->n;
						g->confidence = b1[k].confidence;
					}
					for (k = j; k < j2; k++) {
						if ((g = group_new(out)) == NULL)
							return HABAR_ERR_NOMEM;
						g->first[0] = pa;
						g->first[1] = i2 < n1 ? b1[i2].b : x->n;
						g->first[2] = b2[k].b;
						g->count[2] = b2[k].nb;
						g->confidence = b2[k].confidence;
					}
				}
				i = i2;
				j = j2;
				g = NULL;
				continue;
			}
			if (i >= n1 || j >= n2)
				return HABAR_ERR_ARGUMENT;	/* pivot totals differ */
			if ((g = group_new(out)) == NULL)
				return HABAR_ERR_NOMEM;
			group_add(g, &b1[i], 1, 1, 1);
			group_add(g, &b2[j], 2, 0, 1);
			pa += b1[i].na;
			pb += b2[j].na;
			i++;
			j++;
		} else if (pa < pb) {
			if (i >= n1)
				return HABAR_ERR_ARGUMENT;
			group_add(g, &b1[i], 1, 0, 0);
			pa += b1[i].na;
			i++;
		} else {
			if (j >= n2)
				return HABAR_ERR_ARGUMENT;
			group_add(g, &b2[j], 2, 0, 0);
			pb += b2[j].na;
			j++;
		}
		if (pa == pb && g != NULL)
			g->count[0] = pa - g->first[0];
	}
	return HABAR_OK;
}

/*
 * The pairwise alignments of the first pass, kept to guide the second:
 * recorded in order, then replayed in the same order.  NULL: none.
 */
struct guides {
	struct habar__bead **beads;
	size_t *count;
	size_t n, cap, pos;
	int replay;
};

static void
guides_free(struct guides *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		free(g->beads[i]);
	free(g->beads);
	free(g->count);
	memset(g, 0, sizeof(*g));
}

/* The guide for pair slot (0 or 1) of the range being replayed. */
static const struct habar__bead *
guide_get(const struct guides *g, int slot)
{
	if (g == NULL || !g->replay || g->pos + (size_t)slot >= g->n)
		return NULL;
	return g->beads[g->pos + (size_t)slot];
}

static size_t
guide_count(const struct guides *g, int slot)
{
	if (g == NULL || !g->replay || g->pos + (size_t)slot >= g->n)
		return 0;
	return g->count[g->pos + (size_t)slot];
}

/* Records a copy of beads (n of them) as the next guide. */
static enum habar_status
guide_record(struct guides *g, const struct habar__bead *b, size_t n)
{
	void *p;

	if (g->n == g->cap) {
		size_t ncap = g->cap ? g->cap * 2 : 64;
		if ((p = realloc(g->beads, ncap * sizeof(*g->beads))) == NULL)
			return HABAR_ERR_NOMEM;
		g->beads = p;
		if ((p = realloc(g->count, ncap * sizeof(*g->count))) == NULL)
			return HABAR_ERR_NOMEM;
		g->count = p;
		g->cap = ncap;
	}
	g->beads[g->n] = NULL;
	if (n > 0) {
		if ((g->beads[g->n] = malloc(n * sizeof(*b))) == NULL)
			return HABAR_ERR_NOMEM;
		memcpy(g->beads[g->n], b, n * sizeof(*b));
	}
	g->count[g->n++] = n;
	return HABAR_OK;
}

/*
 * After a range: the first pass records its three pairwise alignments
 * (pivot with X, pivot with Y, X with Y; empty when not made), the
 * second pass moves on to the next.
 */
static enum habar_status
guide_step(struct guides *g, const struct habar__bead *b1, size_t n1,
    const struct habar__bead *b2, size_t n2, const struct habar__bead *b3,
    size_t n3)
{
	enum habar_status status;

	if (g == NULL)
		return HABAR_OK;
	if (g->replay) {
		g->pos += 3;
		return HABAR_OK;
	}
	if ((status = guide_record(g, b1, n1)) != HABAR_OK ||
	    (status = guide_record(g, b2, n2)) != HABAR_OK)
		return status;
	return guide_record(g, b3, n3);
}

/* The beads of a with b as beads of b with a. */
static struct habar__bead *
beads_swap(const struct habar__bead *b, size_t n)
{
	struct habar__bead *r;
	size_t k;

	if ((r = malloc((n + 1) * sizeof(*r))) == NULL)
		return NULL;
	for (k = 0; k < n; k++) {
		r[k] = b[k];
		r[k].a = b[k].b;
		r[k].b = b[k].a;
		r[k].na = b[k].nb;
		r[k].nb = b[k].na;
	}
	return r;
}

/*
 * Composes through slot pivot (0, 1 or 2): bp are the beads of the pivot
 * with the lower other slot, bq with the higher one; the groups come back
 * in slots 0, 1, 2.
 */
static enum habar_status
compose_via(int pivot, const struct habar__align_seq *s, const double *r,
    const struct habar__bead *bp, size_t np, const struct habar__bead *bq,
    size_t nq, struct groups *out)
{
	static const int others[3][2] = { { 1, 2 }, { 0, 2 }, { 0, 1 } };
	int lo = others[pivot][0], hi = others[pivot][1], t;
	size_t k, f[3], c[3];
	struct group *g;
	enum habar_status status;

	status = compose(bp, np, bq, nq, &s[lo], &s[hi],
	    r[lo + hi - 1], out);
	if (status != HABAR_OK)
		return status;
	for (k = 0; k < out->n; k++) {
		g = &out->g[k];
		for (t = 0; t < 3; t++) {
			f[t] = g->first[t];
			c[t] = g->count[t];
		}
		g->first[pivot] = f[0];
		g->count[pivot] = c[0];
		g->first[lo] = f[1];
		g->count[lo] = c[1];
		g->first[hi] = f[2];
		g->count[hi] = c[2];
	}
	return HABAR_OK;
}

/*
 * The cost of groups [from, to) of gs over the three pairs; *lone: how
 * many of them hold a sentence of one language only.
 */
static double
groups_cost(const struct habar__align_seq *s, const double *r,
    const struct groups *gs, size_t from, size_t to, const size_t *at,
    size_t *lone)
{
	static const int pu[3] = { 0, 0, 1 }, pv[3] = { 1, 2, 2 };
	size_t pos[3], k;
	double cost = 0;
	int q, t;

	*lone = 0;
	for (t = 0; t < 3; t++)
		pos[t] = at[t];
	for (k = from; k < to; k++) {
		for (q = 0; q < 3; q++)
			cost += habar__align_cost(&s[pu[q]], pos[pu[q]],
			    gs->g[k].count[pu[q]], &s[pv[q]], pos[pv[q]],
			    gs->g[k].count[pv[q]], r[q]);
		if ((gs->g[k].count[0] > 0) + (gs->g[k].count[1] > 0) +
		    (gs->g[k].count[2] > 0) == 1)
			(*lone)++;
		for (t = 0; t < 3; t++)
			pos[t] += gs->g[k].count[t];
	}
	return cost;
}

/* The same, a group of one language costing ONE_LANGUAGE_COST more. */
static double
groups_cost_lone(const struct habar__align_seq *s, const double *r,
    const struct groups *gs, size_t from, size_t to, const size_t *at)
{
	size_t lone;
	double cost = groups_cost(s, r, gs, from, to, at, &lone);

	return cost + ONE_LANGUAGE_COST * (double)lone;
}

/*
 * The weight of the anchors that item i of s[x] and item j of s[y] share
 * and item l of s[lone] lacks, of the kinds that mean the same in every
 * language (not learnt pairs, whose keys differ per pair).
 */
static double
shared_absent(const struct habar__align_seq *s, size_t x, size_t i, size_t y,
    size_t j, size_t lone, size_t l)
{
	const uint32_t *kx = s[x].keys + s[x].kfirst[i];
	const uint32_t *ky = s[y].keys + s[y].kfirst[j];
	const uint32_t *kl = s[lone].keys + s[lone].kfirst[l];
	size_t nx = s[x].kfirst[i + 1] - s[x].kfirst[i];
	size_t ny = s[y].kfirst[j + 1] - s[y].kfirst[j];
	size_t nl = s[lone].kfirst[l + 1] - s[lone].kfirst[l];
	size_t a = 0, b = 0, c = 0;
	double w = 0;

	while (a < nx && b < ny) {
		if (kx[a] < ky[b])
			a++;
		else if (kx[a] > ky[b])
			b++;
		else {
			while (c < nl && kl[c] < kx[a])
				c++;
			if ((c >= nl || kl[c] != kx[a]) &&
			    HABAR__ANCHOR_KIND(kx[a]) != HABAR__ANCHOR_LEX &&
			    HABAR__ANCHOR_KIND(kx[a]) != HABAR__ANCHOR_MEMORY)
				w += habar__anchor_weight(kx[a]);
			a++;
			b++;
		}
	}
	return w;
}

/*
 * Items at[lone] of language lone, and at[x], at[x] + 1, at[y], at[y] + 1
 * of the two others: read as one group (a merge that both pairs through
 * lone agree on), 2 is returned; read as two groups, the lone item with
 * the first pair (0) or with the second (1) and the other pair standing
 * without it (as when lone dropped a sentence), 0 or 1; whichever costs
 * least.
 */
static int
best_split(const struct habar__align_seq *s, const double *r,
    size_t lone, const size_t *at)
{
	struct groups tmp;
	struct group parts[2];
	size_t k, t, x, y;
	double cost, bestcost;
	int best = 2;

	x = lone == 0 ? 1 : 0;
	y = lone == 2 ? 1 : 2;
	/*
	 * Unsplit, the two other languages' pair is two 1-1 links (the pair
	 * view splits it so), not one 2-2.
	 */
	bestcost = habar__align_cost(&s[lone < x ? lone : x],
	    at[lone < x ? lone : x], lone < x ? 1 : 2,
	    &s[lone < x ? x : lone], at[lone < x ? x : lone],
	    lone < x ? 2 : 1, r[lone + x - 1]) +
	    habar__align_cost(&s[lone < y ? lone : y],
	    at[lone < y ? lone : y], lone < y ? 1 : 2,
	    &s[lone < y ? y : lone], at[lone < y ? y : lone],
	    lone < y ? 2 : 1, r[lone + y - 1]);
	for (k = 0; k < 2; k++)
		bestcost += habar__align_cost(&s[x], at[x] + k, 1, &s[y],
		    at[y] + k, 1, r[x + y - 1]);
	for (k = 0; k < 2; k++) {
		memset(parts, 0, sizeof(parts));
		for (t = 0; t < 3; t++) {
			parts[0].count[t] = t == lone ? (k == 0) : 1;
			parts[1].count[t] = t == lone ? (k == 1) : 1;
		}
		tmp.g = parts;
		tmp.n = tmp.cap = 2;
		cost = groups_cost_lone(s, r, &tmp, 0, 2, at);
		/*
		 * What the orphaned pair shares and the lone item lacks was
		 * not translated from it: the lone language dropped that
		 * sentence.
		 */
		cost -= SPLIT_EVIDENCE * shared_absent(s, x, at[x] + 1 - k, y,
		    at[y] + 1 - k, lone, at[lone]);
		if (cost < bestcost - 1e-6) {
			bestcost = cost;
			best = (int)k;
		}
	}
	return best;
}

/*
 * Items at[0], at[1] and at[2], linked as one group: returns the language
 * whose item is better read as a sentence of its own, while the other
 * two stay linked without it (that language added a sentence where it
 * dropped their sentence), or 3 to keep the group.  Evidence is what the
 * other two share and it lacks, as in best_split(): the pairs alone
 * link an added and a dropped sentence of about the same length, and
 * since the third pair links them too, all three agree on the error.
 */
static size_t
best_unlink(const struct habar__align_seq *s, const double *r,
    const size_t *at)
{
	struct groups tmp;
	struct group parts[2];
	size_t t, u, x, y, best = 3;
	double w, cost, bestcost = 0;

	for (t = 0; t < 3; t++) {
		x = t == 0 ? 1 : 0;
		y = t == 2 ? 1 : 2;
		if ((w = shared_absent(s, x, at[x], y, at[y], t, at[t])) <= 0)
			continue;
		memset(parts, 0, sizeof(parts));
		tmp.g = parts;
		if (best == 3) {
			for (u = 0; u < 3; u++)
				parts[0].count[u] = 1;
			tmp.n = tmp.cap = 1;
			bestcost = groups_cost_lone(s, r, &tmp, 0, 1, at);
			memset(parts, 0, sizeof(parts));
		}
		for (u = 0; u < 3; u++) {
			parts[0].count[u] = u == t;
			parts[1].count[u] = u != t;
		}
		tmp.n = tmp.cap = 2;
		cost = groups_cost_lone(s, r, &tmp, 0, 2, at) -
		    SPLIT_EVIDENCE * w;
		if (cost < bestcost - 1e-6) {
			bestcost = cost;
			best = t;
		}
	}
	return best;
}

/*
 * Appends group *src at positions at[] (advanced) to out; a group of one
 * item in one language and two in each of the others is split in two when
 * best_split() says so, and a group of one item in each language when
 * best_unlink() says so.
 */
static enum habar_status
add_split(const struct habar__align_seq *s, const double *r,
    const struct group *src, size_t *at, struct groups *out)
{
	struct group *g;
	size_t k, t, lone = 3;
	int best = 2, unlink = 0;

	for (t = 0; t < 3; t++)
		if (src->count[t] == 1 && src->count[(t + 1) % 3] == 2 &&
		    src->count[(t + 2) % 3] == 2)
			lone = t;
	if (lone < 3)
		best = best_split(s, r, lone, at);
	else if (src->count[0] == 1 && src->count[1] == 1 &&
	    src->count[2] == 1 && (lone = best_unlink(s, r, at)) < 3) {
		best = 0;
		unlink = 1;
	}
	for (k = 0; k < (best < 2 ? 2u : 1u); k++) {
		if ((g = group_new(out)) == NULL)
			return HABAR_ERR_NOMEM;
		*g = *src;
		if (best < 2)
			for (t = 0; t < 3; t++)
				g->count[t] = t == lone ? (k == (size_t)best) :
				    unlink ? k == 1 : 1;
		for (t = 0; t < 3; t++) {
			g->first[t] = at[t];
			at[t] += g->count[t];
		}
	}
	return HABAR_OK;
}

/*
 * The other way round: where groups [from, out->n) hold a 1-1-1 group
 * beside one that a language lacks (1-1 in the two others), best_split()
 * may read the two as that language's merge instead, or give its item to
 * the other pair.
 */
static void
remerge(const struct habar__align_seq *s, const double *r,
    struct groups *out, size_t from)
{
	struct group *g1, *g2;
	size_t k, t, lone, at[3];
	int best, now;

	for (k = from; k + 1 < out->n; k++) {
		g1 = &out->g[k];
		g2 = &out->g[k + 1];
		for (lone = 0; lone < 3; lone++) {
			for (t = 0; t < 3; t++)
				if (t == lone ? g1->count[t] + g2->count[t] != 1 :
				    g1->count[t] != 1 || g2->count[t] != 1)
					break;
			if (t == 3)
				break;
		}
		if (lone == 3)
			continue;
		for (t = 0; t < 3; t++)
			at[t] = g1->first[t];
		now = g1->count[lone] == 1 ? 0 : 1;
		best = best_split(s, r, lone, at);
		if (best == now)
			continue;
		if (best == 2) {
			g1->count[lone] = 1;
			for (t = 0; t < 3; t++)
				if (t != lone)
					g1->count[t] = 2;
			if (g2->confidence < g1->confidence)
				g1->confidence = g2->confidence;
			memmove(g2, g2 + 1, (out->n - k - 2) * sizeof(*g2));
			out->n--;
		} else {
			g1->count[lone] = best == 0;
			g2->count[lone] = best == 1;
			g1->first[lone] = at[lone];
			g2->first[lone] = at[lone] + (best == 0);
		}
	}
}

/*
 * Reconciles the three pairwise alignments of slots 0 (the pivot), 1 and 2
 * (b1: 0 with 1, b2: 0 with 2, b3: 1 with 2; r: their ratios).  Each
 * language in turn serves as the pivot of a composition, which trusts the
 * two pairs through it and derives the third; where the three
 * compositions agree on a boundary in all languages, the text is cut, and
 * between two cuts the composition with the fewest links of one language
 * is kept, and of those the one whose links cost least over all three
 * pairs.  So a pair's error is outvoted by the other two, and the groups
 * stay three-way links no pair can contradict.  A sentence only one
 * language has is thus kept inside a neighbouring link where any
 * composition allows it: the pairs' links inside that link, read through
 * the third language (align_third.c), tell better whether it belongs
 * there than the cost of a link of one language did, and detach_lone()
 * makes it a link of its own where they say not.  (Charging a link of one
 * language two drops more, as best_split() still does, and comparing the
 * costs alone left the mean F1 of the loose set with a memory, seeds 3,
 * 11, 23 and 83, at 0.9776 where this gives 0.9797, and 0.9768 against
 * 0.9791 without a memory.)
 */
static enum habar_status
reconcile(const struct habar__align_seq *s, const double *r,
    const struct habar__bead *b1, size_t n1, const struct habar__bead *b2,
    size_t n2, const struct habar__bead *b3, size_t n3, struct groups *out)
{
	struct groups c[3];
	struct habar__bead *x1 = NULL, *x2 = NULL, *x3 = NULL;
	size_t p[3] = { 0, 0, 0 }, from[3] = { 0, 0, 0 }, at[3] = { 0, 0, 0 };
	size_t end[3][3], sum[3], k, m, t, best, start = out->n, lone, bestlone;
	double cost, bestcost;
	enum habar_status status = HABAR_ERR_NOMEM;
	int same, all;

	memset(c, 0, sizeof(c));
	if ((x1 = beads_swap(b1, n1)) == NULL ||
	    (x2 = beads_swap(b2, n2)) == NULL ||
	    (x3 = beads_swap(b3, n3)) == NULL)
		goto done;
	if ((status = compose_via(0, s, r, b1, n1, b2, n2, &c[0])) !=
	    HABAR_OK ||
	    (status = compose_via(1, s, r, x1, n1, b3, n3, &c[1])) !=
	    HABAR_OK ||
	    (status = compose_via(2, s, r, x2, n2, x3, n3, &c[2])) !=
	    HABAR_OK)
		goto done;
	for (m = 0; m < 3; m++)
		for (t = 0; t < 3; t++)
			end[m][t] = 0;
	for (;;) {
		/* Step each composition to its next cut; all at one cut? */
		all = 1;
		for (m = 0; m < 3; m++) {
			sum[m] = end[m][0] + end[m][1] + end[m][2];
			if (m > 0 && (end[m][0] != end[0][0] ||
			    end[m][1] != end[0][1] || end[m][2] != end[0][2]))
				all = 0;
		}
		if (all && (p[0] > from[0] || p[1] > from[1] || p[2] > from[2] ||
		    p[0] == c[0].n)) {
			/* A region [from, p) in each: keep the cheapest. */
			same = p[0] - from[0] == p[1] - from[1] &&
			    p[0] - from[0] == p[2] - from[2];
			for (k = 0; same && k < p[0] - from[0]; k++)
				for (m = 1; m < 3; m++)
					for (t = 0; t < 3; t++)
						if (c[m].g[from[m] + k].count[t] !=
						    c[0].g[from[0] + k].count[t])
							same = 0;
			best = 0;
			if (!same) {
				bestcost = groups_cost(s, r, &c[0], from[0], p[0],
				    at, &bestlone);
				for (m = 1; m < 3; m++) {
					cost = groups_cost(s, r, &c[m], from[m],
					    p[m], at, &lone);
					if (lone < bestlone || (lone == bestlone &&
					    cost < bestcost - 1e-6)) {
						bestcost = cost;
						bestlone = lone;
						best = m;
					}
				}
			}
			for (k = from[best]; k < p[best]; k++) {
				if ((status = add_split(s, r, &c[best].g[k], at,
				    out)) != HABAR_OK)
					goto done;
			}
			for (m = 0; m < 3; m++)
				from[m] = p[m];
			if (p[0] == c[0].n && p[1] == c[1].n && p[2] == c[2].n)
				break;
		}
		/* Advance the compositions whose cut comes first. */
		m = 0;
		for (t = 1; t < 3; t++)
			if (p[t] < c[t].n && (p[m] >= c[m].n || sum[t] < sum[m]))
				m = t;
		if (p[m] >= c[m].n) {
			status = HABAR_ERR_ARGUMENT;	/* totals differ */
			goto done;
		}
		for (t = 0; t < 3; t++) {
			if (p[t] >= c[t].n || sum[t] != sum[m])
				continue;
			for (k = 0; k < 3; k++)
				end[t][k] += c[t].g[p[t]].count[k];
			p[t]++;
		}
	}
	remerge(s, r, out, start);
	status = HABAR_OK;
done:
	for (m = 0; m < 3; m++)
		free(c[m].g);
	free(x1);
	free(x2);
	free(x3);
	return status;
}

/*
 * The links of slots 1 and 2 in groups [from, gs->n), as beads (a guide
 * for aligning the two directly): *beads_out malloc'd.
 */
static enum habar_status
project(const struct groups *gs, size_t from, struct habar__bead **beads_out,
    size_t *count_out)
{
	struct habar__bead *b;
	size_t k, n = 0;

	if ((b = malloc((gs->n - from + 1) * sizeof(*b))) == NULL)
		return HABAR_ERR_NOMEM;
	for (k = from; k < gs->n; k++) {
		if (gs->g[k].count[1] == 0 && gs->g[k].count[2] == 0)
			continue;
		b[n].a = (uint32_t)gs->g[k].first[1];
		b[n].b = (uint32_t)gs->g[k].first[2];
		b[n].na = (uint8_t)(gs->g[k].count[1] < 255 ?
		    gs->g[k].count[1] : 255);
		b[n].nb = (uint8_t)(gs->g[k].count[2] < 255 ?
		    gs->g[k].count[2] : 255);
		b[n].confidence = gs->g[k].confidence;
		n++;
	}
	*beads_out = b;
	*count_out = n;
	return HABAR_OK;
}

/* The expected characters of language b for one of language a. */
static double
ratio(const struct lang_data *data, size_t a, size_t b)
{
	if (data[a].chars <= 0 || data[b].chars <= 0)
		return 1.0;
	return data[b].chars / data[a].chars;
}

/* One pairwise alignment of a range, for running beside another. */
struct pair_job {
	const struct habar__align_seq *a, *b;
	double ratio;
	const struct habar__bead *guide;
	size_t nguide;
	struct habar__bead *beads;	/* the result, malloc'd */
	size_t n;
	enum habar_status status;
};

static void *
pair_job_run(void *arg)
{
	struct pair_job *job = arg;

	job->status = habar__align_pair(job->a, job->b,
	    job->ratio, job->guide, job->nguide, &job->beads, &job->n);
	return NULL;
}

/*
 * Runs jobs[0..n) of a range of items items: the first on a thread of its
 * own when the range is long enough to repay it (the pairs are
 * independent, and a long document is where the time goes), the others
 * on this one.  Without a thread, all run here.
 */
static enum habar_status
pair_jobs_run(struct pair_job *jobs, size_t n, size_t items)
{
	size_t k;

	run_jobs(pair_job_run, jobs, sizeof(jobs[0]), n, items >= THREAD_ITEMS);
	for (k = 0; k < n; k++)
		if (jobs[k].status != HABAR_OK)
			return jobs[k].status;
	return HABAR_OK;
}

/*
 * Aligns the items of range[] (first, count per language) at one level and
 * appends the three-way groups, in absolute item numbers, to out.
 */
static enum habar_status
align_range(const struct lang_data *data, const size_t *order, size_t nl,
    const size_t *first, const size_t *count,
    struct guides *guides, struct groups *out)
{
	struct habar__align_seq s[3];
	struct habar__bead *b1 = NULL, *b2 = NULL, *b3 = NULL;
	struct pair_job jobs[3];
	size_t n1 = 0, n2 = 0, n3 = 0, k, start = out->n, slot, njobs;
	double r[3];
	struct group *g;
	enum habar_status status;

	memset(s, 0, sizeof(s));
	for (slot = 0; slot < nl; slot++)
		s[slot] = subseq(&data[order[slot]].sent, first[order[slot]],
		    count[order[slot]]);
	r[0] = ratio(data, order[0], order[1]);
	r[1] = nl == 3 ? ratio(data, order[0], order[2]) : 0;
	r[2] = nl == 3 ? ratio(data, order[1], order[2]) : 0;
	memset(jobs, 0, sizeof(jobs));
	for (k = 0; k < 3; k++) {
		jobs[k].a = &s[k < 2 ? 0 : 1];
		jobs[k].b = &s[k < 1 ? 1 : 2];
		jobs[k].ratio = r[k];
		jobs[k].guide = guide_get(guides, (int)k);
		jobs[k].nguide = guide_count(guides, (int)k);
	}
	/* The second pass aligns the two other languages directly too. */
	njobs = nl == 3 ? 2 : 1;
	if (nl == 3 && jobs[2].guide != NULL)
		njobs = 3;
	status = pair_jobs_run(jobs, njobs, s[0].n + s[1].n + s[2].n);
	b1 = jobs[0].beads;
	n1 = jobs[0].n;
	b2 = jobs[1].beads;
	n2 = jobs[1].n;
	b3 = jobs[2].beads;
	n3 = jobs[2].n;
	if (status != HABAR_OK)
		goto done;
	if (nl == 3) {
		if (njobs == 3) {
			/* The second pass: all three pairs, reconciled. */
			status = reconcile(s, r, b1, n1, b2, n2, b3, n3, out);
		} else {
			status = compose(b1, n1, b2, n2, &s[1], &s[2],
			    r[2], out);
			/* The first pass: its links of X with Y guide the next. */
			if (status == HABAR_OK && guides != NULL)
				status = project(out, start, &b3, &n3);
		}
		if (status != HABAR_OK)
			goto done;
	} else {
		for (k = 0; k < n1; k++) {
			if ((g = group_new(out)) == NULL) {
				status = HABAR_ERR_NOMEM;
				goto done;
			}
			g->first[0] = b1[k].a;
			g->count[0] = b1[k].na;
			g->first[1] = b1[k].b;
			g->count[1] = b1[k].nb;
			g->confidence = b1[k].confidence;
		}
	}
	if ((status = guide_step(guides, b1, n1, b2, n2, b3, n3)) != HABAR_OK)
		goto done;
	/* From slots back to languages, and to absolute numbers. */
	for (k = start; k < out->n; k++) {
		size_t f[3], c[3];
		g = &out->g[k];
		for (slot = 0; slot < nl; slot++) {
			f[order[slot]] = g->first[slot] + first[order[slot]];
			c[order[slot]] = g->count[slot];
		}
		for (slot = 0; slot < nl; slot++) {
			g->first[slot] = f[slot];
			g->count[slot] = c[slot];
		}
	}
done:
	free(b1);
	free(b2);
	free(b3);
	return status;
}

static enum habar_status
add_groups(struct habar_parallel *doc, enum habar_parallel_level level,
    const struct groups *gs, size_t from)
{
	struct habar_parallel_run runs[HABAR_PARALLEL_MAX_LANGS];
	size_t k, l;
	enum habar_status status;

	for (k = from; k < gs->n; k++) {
		for (l = 0; l < doc->language_count; l++) {
			runs[l].first = gs->g[k].first[l];
			runs[l].count = gs->g[k].count[l];
		}
		status = habar_parallel_add_link(doc, level, runs,
		    gs->g[k].confidence);
		if (status != HABAR_OK)
			return status;
		if (level == HABAR_PARALLEL_SENTENCES)
			for (l = 0; l < 3; l++)
				doc->links[level][doc->link_count[level] - 1].pair[l] =
				    gs->g[k].pair[l];
	}
	return HABAR_OK;
}

/*
 * Adds to the sentence anchors of d the learnt keys of their stems (side
 * of lex), keeping each sentence's keys sorted; stems and stfirst: the
 * stems of d's sentences the table was learnt on.
 */
static enum habar_status
augment(struct lang_data *d, const struct habar__lex *lex, int side,
    const uint32_t *stems, const size_t *stfirst)
{
	uint32_t *keys, *grown, buf[HABAR__ANCHOR_ALL_MAX], key;
	size_t *kfirst, i, k, n, own, x, y, total = 0, cap;

	cap = d->skfirst[d->sent.n] + stfirst[d->sent.n] + 16;
	keys = malloc(cap * sizeof(uint32_t));
	kfirst = malloc((d->sent.n + 1) * sizeof(size_t));
	if (keys == NULL || kfirst == NULL) {
		free(keys);
		free(kfirst);
		return HABAR_ERR_NOMEM;
	}
	for (i = 0; i < d->sent.n; i++) {
		n = 0;
		for (k = d->skfirst[i]; k < d->skfirst[i + 1] &&
		    n < HABAR__ANCHOR_ALL_MAX; k++)
			buf[n++] = d->skeys[k];
		own = n;
		for (k = stfirst[i]; k < stfirst[i + 1] &&
		    n < HABAR__ANCHOR_ALL_MAX; k++)
			if ((key = habar__lex_key(lex, side, stems[k])) != 0)
				buf[n++] = key;
		/*
		 * The sentence's own keys are in order already: the new ones
		 * are sorted alone and merged in, not each carried past the
		 * dozens of keys of kinds above a lexicon's.
		 */
		habar__anchor_sort(buf + own, n - own);
		kfirst[i] = total;
		for (x = 0, y = own; x < own || y < n;)
			keys[total++] = y >= n || (x < own &&
			    buf[x] <= buf[y]) ? buf[x++] : buf[y++];
	}
	kfirst[d->sent.n] = total;
	/* Room was made for a key per stem, and few stems have one: the
	 * rest is given back, as these keys are kept to the end. */
	if ((grown = realloc(keys, (total + 1) * sizeof(uint32_t))) != NULL)
		keys = grown;
	free(d->skeys);
	free(d->skfirst);
	d->skeys = keys;
	d->skfirst = kfirst;
	d->sent.keys = keys;
	d->sent.kfirst = kfirst;
	return HABAR_OK;
}

/*
 * Learns the table of the pivot with language x from the sure 1-1 links
 * of the first pass, and adds its keys to both languages' anchors.
 */
static enum habar_status
learn(const struct groups *sents, struct lang_data *data, size_t pivot,
    size_t x)
{
	struct habar__lex lex;
	struct habar__lex_side sa, sb;
	size_t *ia, *ib, n = 0, k;
	enum habar_status status;

	ia = malloc((sents->n + 1) * sizeof(size_t));
	ib = malloc((sents->n + 1) * sizeof(size_t));
	if (ia == NULL || ib == NULL) {
		free(ia);
		free(ib);
		return HABAR_ERR_NOMEM;
	}
	for (k = 0; k < sents->n; k++)
		if (sents->g[k].count[pivot] == 1 && sents->g[k].count[x] == 1 &&
		    sents->g[k].confidence >= LEARN_CONFIDENCE) {
			ia[n] = sents->g[k].first[pivot];
			ib[n++] = sents->g[k].first[x];
		}
	sa.stems = data[pivot].stems;
	sa.first = data[pivot].stfirst;
	sb.stems = data[x].stems;
	sb.first = data[x].stfirst;
	status = habar__lex_learn(&lex, &sa, &sb, ia, ib, n,
	    (uint32_t)(pivot * 7 + x + 1));
	free(ia);
	free(ib);
	if (status != HABAR_OK)
		return status;
	if ((status = augment(&data[pivot], &lex, 0, data[pivot].stems,
	    data[pivot].stfirst)) == HABAR_OK)
		status = augment(&data[x], &lex, 1, data[x].stems,
		    data[x].stfirst);
	habar__lex_free(&lex);
	return status;
}

/*
 * Whether the pair of languages x and y is split inside group g: when it
 * holds a sentence of both and more than one of either (a merge in the
 * pair or in the third language, or a sentence one of them added or
 * dropped beside it).  Read whole, a three-way link of one sentence of x
 * against two of y made the pair a 2-1 link even where the pair's own
 * alignment reads a link and a sentence of y with no counterpart.
 */
static int
split_group(const struct group *g, size_t x, size_t y)
{
	return g->count[x] >= 1 && g->count[y] >= 1 &&
	    g->count[x] + g->count[y] >= 3;
}

/*
 * Whether a group's many sentences of one language against its one of
 * another may be read with a hole (reread_group()): three or four.
 */
static int
hole_shape(size_t many, size_t one)
{
	return one == 1 && many >= 3 && many <= 4;
}

/*
 * The links of the pair x, y inside group g, relative to its first
 * sentences, in a malloc'd *out (*n of them): the pair aligned inside it
 * where split_group(), else the group's one link.  Returns HABAR_OK,
 * HABAR_ERR_NOMEM or HABAR_ERR_LIMIT.
 */
static enum habar_status
inner_links(const struct lang_data *data, const struct group *g, size_t x,
    size_t y, struct habar__bead **out, size_t *n)
{
	struct habar__align_seq xs, ys;

	if (split_group(g, x, y)) {
		xs = subseq(&data[x].sent, g->first[x], g->count[x]);
		ys = subseq(&data[y].sent, g->first[y], g->count[y]);
		return habar__align_pair(&xs, &ys, ratio(data, x, y), NULL, 0,
		    out, n);
	}
	if ((*out = calloc(1, sizeof(**out))) == NULL)
		return HABAR_ERR_NOMEM;
	(*out)->na = (uint8_t)(g->count[x] < 255 ? g->count[x] : 255);
	(*out)->nb = (uint8_t)(g->count[y] < 255 ? g->count[y] : 255);
	*n = 1;
	return HABAR_OK;
}

/*
 * The links xy[0..*n) of pair x, y inside group g read again through the
 * third language z, whose links with x and with y inside the group are
 * evidence the pair's own alignment lacks (align_third.c).  xy has room
 * for a link more per sentence of g.  Returns HABAR_OK, HABAR_ERR_NOMEM
 * or HABAR_ERR_LIMIT.
 */
static enum habar_status
read_through_third(const struct lang_data *data, const struct group *g,
    size_t x, size_t y, size_t z, struct habar__bead *xy, size_t *n)
{
	struct habar__align_three three;
	struct habar__bead *zx = NULL, *zy = NULL;
	size_t nzx = 0, nzy = 0, u, v;
	enum habar_status status;

	for (u = 0; u < 3; u++) {
		three.s[u] = subseq(&data[u].sent, g->first[u], g->count[u]);
		for (v = 0; v < 3; v++)
			three.ratio[u][v] = ratio(data, u, v);
	}
	if ((status = inner_links(data, g, z < x ? z : x, z < x ? x : z, &zx,
	    &nzx)) == HABAR_OK &&
	    (status = inner_links(data, g, z < y ? z : y, z < y ? y : z, &zy,
	    &nzy)) == HABAR_OK) {
		habar__align_leave_out_added(&three, x, y, zx, nzx, zy, nzy,
		    xy, n);
		status = habar__align_join_third(g->count[z], x, y, zx, nzx,
		    zy, nzy, xy, n);
	}
	free(zx);
	free(zy);
	return status;
}

/*
 * The links of the pair x, y inside group g, split for the pair
 * (split_group()), relative to its first sentences, in a malloc'd *out (*n
 * of them): the pair aligned inside it, read again through the third
 * language where the group holds a sentence of it.  Returns HABAR_OK,
 * HABAR_ERR_NOMEM or HABAR_ERR_LIMIT.
 */
static enum habar_status
split_links(const struct lang_data *data, const struct group *g, size_t x,
    size_t y, struct habar__bead **out, size_t *n)
{
	struct habar__bead *grown;
	enum habar_status status;

	if ((status = inner_links(data, g, x, y, out, n)) != HABAR_OK)
		return status;
	/* Two languages: no third, count[2] is 0. */
	if (g->count[3 - x - y] > 0) {
		grown = realloc(*out, (*n + g->count[x] + g->count[y]) *
		    sizeof(**out));
		if (grown == NULL)
			status = HABAR_ERR_NOMEM;
		else {
			*out = grown;
			status = read_through_third(data, g, x, y, 3 - x - y,
			    *out, n);
		}
	}
	if (status != HABAR_OK) {
		free(*out);
		*out = NULL;
	}
	return status;
}

/*
 * The links of the pair of languages x and y that groups make, in order,
 * in path[] (one entry a group with a sentence of either, *n of them) and
 * which group each comes from in owner[]: a group split for the pair
 * (split_group(): a merge in the third language, or a sentence of one
 * side with no counterpart beside a link) holds the links of the pair
 * found by aligning the pair inside it, with all the pair's evidence,
 * read again through the third language (read_through_third()), as
 * habar_align_write_pair() prints them.  path and owner have room for a
 * sentence of x and of y each, and a group each.
 */
static enum habar_status
pair_links(const struct lang_data *data, size_t x, size_t y,
    const struct groups *sents, struct habar__bead *path, size_t *owner,
    size_t *n)
{
	struct habar__bead *sub = NULL;
	const struct group *g;
	size_t k, m, nsub;
	enum habar_status status;

	*n = 0;
	for (k = 0; k < sents->n; k++) {
		g = &sents->g[k];
		if (g->count[x] == 0 && g->count[y] == 0)
			continue;
		if (split_group(g, x, y)) {
			if ((status = split_links(data, g, x, y, &sub,
			    &nsub)) != HABAR_OK)
				return status;
			for (m = 0; m < nsub; m++) {
				path[*n] = sub[m];
				path[*n].a += (uint32_t)g->first[x];
				path[*n].b += (uint32_t)g->first[y];
				owner[(*n)++] = k;
			}
			free(sub);
			continue;
		}
		path[*n].a = (uint32_t)g->first[x];
		path[*n].b = (uint32_t)g->first[y];
		path[*n].na = (uint8_t)(g->count[x] < 255 ? g->count[x] : 255);
		path[*n].nb = (uint8_t)(g->count[y] < 255 ? g->count[y] : 255);
		owner[(*n)++] = k;
	}
	return HABAR_OK;
}


/*
 * Whether sentence i of language t inside group g (relative to its first)
 * has no counterpart in the two other languages, given the links of each
 * pair inside g that split_group() splits (links[p], n[p]).
 */
static int
lone_in_group(const struct group *g, size_t t, size_t i,
    struct habar__bead *const *links, const size_t *n)
{
	const struct habar__bead *l;
	size_t u, lo, hi, p;

	for (u = 0; u < 3; u++) {
		if (u == t || g->count[u] == 0)
			continue;
		lo = t < u ? t : u;
		hi = t < u ? u : t;
		if (!split_group(g, lo, hi))
			return 0;	/* one link: i is in it */
		p = HABAR_PARALLEL_PAIR(lo, hi);
		l = habar__align_link_of(links[p], n[p], t == lo ? 0 : 1, i);
		if (l == NULL || (t == lo ? l->nb : l->na) != 0)
			return 0;
	}
	return 1;
}

/*
 * Appends to out a group of sentence i of language t alone, where each
 * other language u is at its sentence at[u].
 */
static enum habar_status
add_lone(struct groups *out, size_t t, size_t i, const size_t *at)
{
	struct group *g;
	size_t u;

	if ((g = group_new(out)) == NULL)
		return HABAR_ERR_NOMEM;
	for (u = 0; u < 3; u++)
		g->first[u] = u == t ? i : at[u];
	g->count[t] = 1;
	return HABAR_OK;
}

/*
 * The sentences at either end of a three-way link that the pairs' links
 * inside it (pair_links()) leave with no counterpart in either other
 * language become links of their own, in place in sents.  reconcile()
 * keeps a sentence only one language has inside a neighbouring link
 * wherever a reading allows it, and lets the pairs, read through the
 * third language, tell whether it belongs there; so that the parallel
 * XML, and the memory made from it, does not give the link a sentence its
 * other languages do not translate.  Returns HABAR_OK, HABAR_ERR_NOMEM or
 * HABAR_ERR_LIMIT.
 */
static enum habar_status
detach_lone(const struct lang_data *data, struct groups *sents)
{
	struct groups out = { NULL, 0, 0 };
	struct habar__bead *links[3] = { NULL, NULL, NULL };
	struct group *g, *mid;
	size_t n[3], lead[3], trail[3], at[3], k, x, y, t, i, p, left;
	enum habar_status status = HABAR_OK;
	int hole;

	for (k = 0; k < sents->n && status == HABAR_OK; k++) {
		g = &sents->g[k];
		for (p = 0; p < 3; p++)
			n[p] = 0;
		for (x = 0; x < 3 && status == HABAR_OK; x++)
			for (y = x + 1; y < 3 && status == HABAR_OK; y++)
				if (split_group(g, x, y))
					status = split_links(data, g, x, y,
					    &links[HABAR_PARALLEL_PAIR(x, y)],
					    &n[HABAR_PARALLEL_PAIR(x, y)]);
		left = 0;
		for (t = 0; t < 3; t++) {
			lead[t] = trail[t] = 0;
			/* Three or four against one may be read with a hole
			 * (reread_group()), which needs them all. */
			hole = hole_shape(g->count[t], g->count[(t + 1) % 3]) ||
			    hole_shape(g->count[t], g->count[(t + 2) % 3]);
			while (!hole && lead[t] < g->count[t] &&
			    lone_in_group(g, t, lead[t], links, n))
				lead[t]++;
			while (!hole && lead[t] + trail[t] < g->count[t] &&
			    lone_in_group(g, t, g->count[t] - 1 - trail[t],
			    links, n))
				trail[t]++;
			left += g->count[t] - lead[t] - trail[t];
		}
		for (p = 0; p < 3; p++) {
			free(links[p]);
			links[p] = NULL;
		}
		/* The lone sentences before, the rest, the lone after. */
		for (t = 0; t < 3; t++)
			at[t] = g->first[t];
		for (t = 0; t < 3 && status == HABAR_OK; t++)
			for (i = 0; i < lead[t] && status == HABAR_OK; i++)
				status = add_lone(&out, t, at[t]++, at);
		if (status == HABAR_OK && left > 0) {
			if ((mid = group_new(&out)) == NULL) {
				status = HABAR_ERR_NOMEM;
				break;
			}
			*mid = *g;
			for (t = 0; t < 3; t++) {
				mid->first[t] = at[t];
				mid->count[t] -= lead[t] + trail[t];
				at[t] += mid->count[t];
			}
		}
		for (t = 0; t < 3 && status == HABAR_OK; t++)
			for (i = 0; i < trail[t] && status == HABAR_OK; i++)
				status = add_lone(&out, t, at[t]++, at);
	}
	if (status != HABAR_OK) {
		free(out.g);
		return status;
	}
	free(sents->g);
	*sents = out;
	return HABAR_OK;
}

/* A link of path as a neighbour, with its log-odds. */
static void
near_of(struct habar__align_near *n, const struct habar__bead *b,
    double logit)
{
	n->exists = 1;
	n->na = b->na;
	n->nb = b->nb;
	n->logit = logit;
}

/* One pair's links (pair_links()), each one's posterior and log-odds. */
struct pair_view {
	struct habar__bead *path;
	size_t *owner;
	float *prob;
	double *logit;
	double *cost;		/* each one's habar__align_cost() */
	size_t n;
};

static void
pair_view_free(struct pair_view *v)
{
	free(v->path);
	free(v->owner);
	free(v->prob);
	free(v->logit);
	free(v->cost);
	memset(v, 0, sizeof(*v));
}

/*
 * Fills v with the links of the pair x, y, their posterior probability in
 * the pair's lattice (habar__align_posterior()) and their own log-odds.
 * Returns HABAR_OK, HABAR_ERR_NOMEM or HABAR_ERR_LIMIT.
 */
static enum habar_status
pair_view_make(struct pair_view *v, const struct lang_data *data, size_t x,
    size_t y, const struct groups *sents)
{
	size_t room = data[x].sent.n + data[y].sent.n + sents->n + 1, k;
	enum habar_status status;
	void *grown;

	memset(v, 0, sizeof(*v));
	if ((v->path = malloc(room * sizeof(*v->path))) == NULL ||
	    (v->owner = malloc(room * sizeof(*v->owner))) == NULL)
		return HABAR_ERR_NOMEM;
	if ((status = pair_links(data, x, y, sents, v->path, v->owner,
	    &v->n)) != HABAR_OK)
		return status;
	/*
	 * The room was for the most links there can be, three times as
	 * many as a long document has: the views of the three pairs are
	 * kept together where the memory peaks, so the rest is given back.
	 */
	if ((grown = realloc(v->path, (v->n + 1) * sizeof(*v->path))) != NULL)
		v->path = grown;
	if ((grown = realloc(v->owner, (v->n + 1) * sizeof(*v->owner))) !=
	    NULL)
		v->owner = grown;
	if ((v->prob = malloc((v->n + 1) * sizeof(*v->prob))) == NULL ||
	    (v->logit = malloc((v->n + 1) * sizeof(*v->logit))) == NULL ||
	    (v->cost = malloc((v->n + 1) * sizeof(*v->cost))) == NULL)
		return HABAR_ERR_NOMEM;
	if ((status = habar__align_posterior(&data[x].sent, &data[y].sent,
	    ratio(data, x, y), v->path, v->n, habar__align_temperature(),
	    v->prob)) != HABAR_OK)
		return status;
	for (k = 0; k < v->n; k++)
		v->logit[k] = habar__align_logit_cost(&v->cost[k],
		    &data[x].sent, v->path[k].a, v->path[k].na, &data[y].sent,
		    v->path[k].b, v->path[k].nb, ratio(data, x, y));
	return HABAR_OK;
}

/*
 * Sets the confidence of each sentence link: the least of its pairs'
 * (habar__align_confidence_near()), so that a three-way link is trusted
 * only as far as each pair it makes.  A pair's links (pair_links()) are
 * each judged with the links before and after them in that pair, their
 * posterior probability in the pair's lattice, and, with three
 * languages, the posteriors of the same three-way link in the two other
 * pairs (each pair's lattice is evidence of its own: where both pairs
 * through the third language are sure of the link, the pair is too).  A
 * group that holds several links of a pair is as sure as the least sure
 * of them.  Returns HABAR_OK, HABAR_ERR_NOMEM or HABAR_ERR_LIMIT.
 * With HABAR_ALIGN_FEATURES set in the environment, the features of each
 * link of two sides are written on stderr for the fit of
 * tests/bench/align_fit.py.
 */
/*
 * Keeps the confidence c of the link b of the pair p inside group k, for
 * habar_align_write_pair().  Returns HABAR_OK, HABAR_ERR_NOMEM or
 * HABAR_ERR_LIMIT.
 */
static enum habar_status
keep_sub(struct habar_align *align, size_t k, size_t p,
    const struct habar__bead *b, double c)
{
	struct habar__align_sub *s;

	enum habar_status status;

	if ((status = habar__grow((void **)&align->sub, &align->subcap,
	    align->nsub + 1, sizeof(*align->sub), 16)) != HABAR_OK)
		return status;
	s = &align->sub[align->nsub++];
	s->link = k;
	s->pair = p;
	s->a = b->a;
	s->na = b->na;
	s->b = b->b;
	s->nb = b->nb;
	s->hole_a = s->hole_b = 0;
	s->confidence = (float)c;
	return HABAR_OK;
}

/*
 * Items items[0..n) of s (n at most 3, in order) as a sequence of their
 * own, in v->seq: the link of one sentence with sentences of the other
 * language that a sentence with no counterpart separates.
 */
struct pick_view {
	uint32_t len[3], keys[3 * HABAR__ANCHOR_ALL_MAX];
	size_t kfirst[4];
	uint8_t bounds[3], names[3];
	struct habar__align_seq seq;
};

static void
pick_items(const struct habar__align_seq *s, const size_t *items, size_t n,
    struct pick_view *v)
{
	size_t t, k, m = 0, item;

	v->seq = *s;
	v->seq.n = n;
	for (t = 0; t < n; t++) {
		item = items[t];
		v->len[t] = s->len[item];
		v->kfirst[t] = m;
		for (k = s->kfirst[item]; k < s->kfirst[item + 1] &&
		    m < (t + 1) * HABAR__ANCHOR_ALL_MAX; k++)
			v->keys[m++] = s->keys[k];
		v->bounds[t] = s->bounds != NULL ? s->bounds[item] : 0;
		v->names[t] = s->names != NULL ? s->names[item] : 0;
	}
	v->kfirst[n] = m;
	v->seq.len = v->len;
	v->seq.keys = v->keys;
	v->seq.kfirst = v->kfirst;
	v->seq.bounds = s->bounds != NULL ? v->bounds : NULL;
	v->seq.names = s->names != NULL ? v->names : NULL;
	v->seq.pstart = NULL;
}

/*
 * The cost of a reading with a hole of a pair's sentences: the one
 * sentence `one` of its language (x's when one_x, else y's) linked with
 * sentences [first + s, first + e] of the other language but the hole-th
 * of them (from 1), that one and the others of [first, first + n) each
 * alone.  One language merged two sentences, and the other added a
 * sentence of its own between their translations (or kept one the first
 * left out): the dynamic programme keeps the order, so it can only take
 * that sentence into the merge.  The readings' costs are sums of beads
 * as the programme's are, so no prior of its own is added: on seeds 1
 * and 2 of the loose set one of 1.0 or -1.0 changed F1 by 0.0001.
 */
static double
hole_cost(const struct lang_data *data, size_t x, size_t y, int one_x,
    size_t one, size_t first, size_t n, size_t s, size_t e, size_t hole)
{
	const struct habar__align_seq *xs = &data[x].sent, *ys = &data[y].sent;
	const struct habar__align_seq *many = one_x ? ys : xs;
	struct pick_view v;
	size_t items[3], m = 0, i;
	double r = ratio(data, x, y), cost;

	for (i = s; i <= e && m < 3; i++)
		if (i + 1 != s + hole)
			items[m++] = first + i;
	pick_items(many, items, m, &v);
	cost = one_x ? habar__align_cost(xs, one, 1, &v.seq, 0, m, r) :
	    habar__align_cost(&v.seq, 0, m, ys, one, 1, r);
	for (i = 0; i < n; i++)
		if (i < s || i > e || i + 1 == s + hole)
			cost += one_x ? habar__align_cost(xs, one, 0, ys,
			    first + i, 1, r) : habar__align_cost(xs, first + i,
			    1, ys, one, 0, r);
	return cost;
}

/*
 * Keeps the link b of the pair of languages x, y inside group k (cost its
 * habar__align_cost(), c its confidence), for habar_align_write_pair().
 * A link of one sentence against three whose middle one costs less left
 * alone (hole_cost()) is kept as the link of the other two with a hole,
 * then the middle one alone; both as sure as the link was, and no surer
 * than the two readings' weights (at the posterior's temperature) make
 * the one kept.  The group's link as a whole, which the parallel XML
 * keeps (and a TMX made from it), then holds a sentence with no
 * counterpart: *whole, its confidence for the pair, is made no surer
 * than the reading without the hole.
 */
static enum habar_status
keep_link(struct habar_align *align, const struct lang_data *data, size_t x,
    size_t y, size_t k, size_t p, const struct habar__bead *b, double cost,
    double c, float *whole)
{
	struct habar__bead alone;
	double gap, odds;
	enum habar_status status;

	if (!((b->na == 1 && b->nb == 3) || (b->na == 3 && b->nb == 1)) ||
	    (gap = hole_cost(data, x, y, b->na == 1, b->na == 1 ? b->a : b->b,
	    b->na == 1 ? b->b : b->a, 3, 0, 2, 2)) >= cost)
		return keep_sub(align, k, p, b, c);
	odds = 1.0 / (1.0 + exp(-(cost - gap) / habar__align_temperature()));
	if (odds < c)
		c = odds;
	if (1 - odds < *whole)
		*whole = (float)(1 - odds);
	if ((status = keep_sub(align, k, p, b, c)) != HABAR_OK)
		return status;
	if (b->na == 1)
		align->sub[align->nsub - 1].hole_b = 2;
	else
		align->sub[align->nsub - 1].hole_a = 2;
	/* The middle one alone, after the link's one sentence. */
	alone = *b;
	if (b->na == 1) {
		alone.a = b->a + 1;
		alone.na = 0;
		alone.b = b->b + 1;
		alone.nb = 1;
	} else {
		alone.a = b->a + 1;
		alone.na = 1;
		alone.b = b->b + 1;
		alone.nb = 0;
	}
	return keep_sub(align, k, p, &alone, c);
}

/* The readings with a hole of n sentences against one: span and hole. */
static const struct hole_reading {
	size_t n, s, e, hole;
} hole_readings[] = {
	{ 3, 0, 2, 2 },
	{ 4, 0, 2, 2 }, { 4, 1, 3, 2 }, { 4, 0, 3, 2 }, { 4, 0, 3, 3 }
};

/*
 * Appends to out the links of the pair of languages x, y kept inside
 * group g (run[0..n)), read again with a hole where the group holds one
 * sentence of one language and three or four of the other: the dynamic
 * programme inside it could only take a sentence with no counterpart
 * into a merge, or leave a sentence of the merge alone (the gold 1:1,3
 * read :1 and 1:3).  The cheapest reading with a hole (hole_cost()) is
 * kept when it costs less than the links found, each of its links as
 * sure as the least sure of those, and no surer than the two readings'
 * weights at the posterior's temperature make it; the group's own
 * confidence for the pair (the parallel XML's link, which holds the
 * sentence left alone) no surer than the readings without a hole.
 * Returns how many links it appended.
 */
static size_t
reread_group(struct habar__align_sub *out, const struct habar__align_sub *run,
    size_t n, const struct lang_data *data, size_t x, size_t y,
    struct group *g)
{
	const struct hole_reading *best = NULL, *r;
	struct habar__align_sub *o;
	size_t k, many, first, one, i, kept = 0;
	double found = 0, cost, least = HUGE_VAL, c = 1.0, odds;
	int one_x = g->count[x] == 1;

	many = one_x ? g->count[y] : g->count[x];
	if (!hole_shape(many, one_x ? g->count[x] : g->count[y]))
		goto copy;
	for (k = 0; k < n; k++) {
		if (run[k].hole_a != 0 || run[k].hole_b != 0)
			goto copy;	/* read with a hole already */
		found += habar__align_cost(&data[x].sent, run[k].a, run[k].na,
		    &data[y].sent, run[k].b, run[k].nb, ratio(data, x, y));
		if (run[k].confidence < c)
			c = run[k].confidence;
	}
	one = one_x ? g->first[x] : g->first[y];
	first = one_x ? g->first[y] : g->first[x];
	for (k = 0; k < sizeof(hole_readings) / sizeof(hole_readings[0]);
	    k++) {
		r = &hole_readings[k];
		if (r->n != many)
			continue;
		cost = hole_cost(data, x, y, one_x, one, first, many, r->s,
		    r->e, r->hole);
		if (cost < least) {
			least = cost;
			best = r;
		}
	}
	if (best == NULL || least >= found)
		goto copy;
	odds = 1.0 / (1.0 + exp(-(found - least) / habar__align_temperature()));
	if (odds < c)
		c = odds;
	if (1 - odds < g->pair[run[0].pair])
		g->pair[run[0].pair] = (float)(1 - odds);
	for (i = 0; i < many; i++) {
		if (i > best->s && i <= best->e && i + 1 != best->s + best->hole)
			continue;	/* in the link, written at its start */
		o = &out[kept++];
		*o = run[0];
		o->hole_a = o->hole_b = 0;
		o->confidence = (float)c;
		if (i == best->s) {
			/* The link with its hole. */
			o->a = one_x ? one : first + i;
			o->na = one_x ? 1 : best->e - best->s + 1;
			o->b = one_x ? first + i : one;
			o->nb = one_x ? best->e - best->s + 1 : 1;
			if (one_x)
				o->hole_b = best->hole;
			else
				o->hole_a = best->hole;
			continue;
		}
		/* Alone, before the link or after it. */
		o->a = one_x ? one + (i > best->s) : first + i;
		o->na = one_x ? 0 : 1;
		o->b = one_x ? first + i : one + (i > best->s);
		o->nb = one_x ? 1 : 0;
	}
	return kept;
copy:
	memcpy(out, run, n * sizeof(*run));
	return n;
}

/*
 * Reads again with a hole (reread_group()) the links kept inside each
 * group that holds one sentence of a pair's language and three or four of
 * the other's.  Returns HABAR_OK or HABAR_ERR_NOMEM.
 */
static enum habar_status
reread_holes(struct habar_align *align, const struct lang_data *data,
    size_t nl, struct groups *sents)
{
	struct habar__align_sub *out;
	size_t i, j, n = 0, x, y = 0, cap = 3 * align->nsub + 1;

	if ((out = malloc(cap * sizeof(*out))) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < align->nsub; i = j) {
		for (j = i + 1; j < align->nsub && align->sub[j].pair ==
		    align->sub[i].pair && align->sub[j].link ==
		    align->sub[i].link; j++)
			;
		for (x = 0; x < nl; x++)
			for (y = x + 1; y < nl; y++)
				if (HABAR_PARALLEL_PAIR(x, y) ==
				    align->sub[i].pair)
					goto found;
found:
		if (x < nl) {
			n += reread_group(out + n, align->sub + i, j - i, data,
			    x, y, &sents->g[align->sub[i].link]);
			continue;
		}
		memcpy(out + n, align->sub + i, (j - i) * sizeof(*out));
		n += j - i;
	}
	free(align->sub);
	align->sub = out;
	align->nsub = n;
	align->subcap = cap;
	return HABAR_OK;
}

static enum habar_status
link_confidence(struct habar_align *align, const struct lang_data *data,
    size_t nl, struct groups *sents)
{
	struct habar__align_near prev, next;
	struct pair_view view[3];
	struct habar__bead *b;
	struct group *g;
	float *gpost = NULL;
	double c, third, feat[HABAR__ALIGN_FEATURES];
	size_t k, x, y, z, p, q1, q2, f;
	int dump = getenv("HABAR_ALIGN_FEATURES") != NULL;
	enum habar_status status = HABAR_ERR_NOMEM;

	memset(view, 0, sizeof(view));
	/* Per pair and group, the least posterior of its links of two
	 * sides; negative: none. */
	if ((gpost = malloc((3 * sents->n + 1) * sizeof(*gpost))) == NULL)
		goto done;
	for (k = 0; k < 3 * sents->n; k++)
		gpost[k] = -1.0f;
	for (k = 0; k < sents->n; k++) {
		sents->g[k].confidence = 1.0f;
		for (p = 0; p < 3; p++)
			sents->g[k].pair[p] = 2.0f;	/* none yet */
	}
	for (x = 0; x < nl; x++)
		for (y = x + 1; y < nl; y++) {
			p = HABAR_PARALLEL_PAIR(x, y);
			if ((status = pair_view_make(&view[p], data, x, y,
			    sents)) != HABAR_OK)
				goto done;
			for (k = 0; k < view[p].n; k++) {
				b = &view[p].path[k];
				f = p * sents->n + view[p].owner[k];
				if (b->na > 0 && b->nb > 0 && (gpost[f] < 0 ||
				    view[p].prob[k] < gpost[f]))
					gpost[f] = view[p].prob[k];
			}
		}
	for (x = 0; x < nl; x++)
		for (y = x + 1; y < nl; y++) {
			p = HABAR_PARALLEL_PAIR(x, y);
			z = 3 - x - y;
			q1 = HABAR_PARALLEL_PAIR(x < z ? x : z, x < z ? z : x);
			q2 = HABAR_PARALLEL_PAIR(y < z ? y : z, y < z ? z : y);
			for (k = 0; k < view[p].n; k++) {
				b = &view[p].path[k];
				g = &sents->g[view[p].owner[k]];
				memset(&prev, 0, sizeof(prev));
				memset(&next, 0, sizeof(next));
				if (k > 0)
					near_of(&prev, &view[p].path[k - 1],
					    view[p].logit[k - 1]);
				if (k + 1 < view[p].n)
					near_of(&next, &view[p].path[k + 1],
					    view[p].logit[k + 1]);
				third = -1;
				if (nl == 3 && gpost[q1 * sents->n +
				    view[p].owner[k]] >= 0 && gpost[q2 *
				    sents->n + view[p].owner[k]] >= 0) {
					third = gpost[q1 * sents->n +
					    view[p].owner[k]];
					if (gpost[q2 * sents->n +
					    view[p].owner[k]] < third)
						third = gpost[q2 * sents->n +
						    view[p].owner[k]];
				}
				c = habar__align_confidence_cost(
				    view[p].cost[k], &data[x].sent, b->a, b->na,
				    &data[y].sent, b->b, b->nb,
				    ratio(data, x, y), view[p].logit[k],
				    view[p].prob[k], third,
				    habar__align_memory(&data[x].sent,
				    &data[y].sent), nl == 2,
				    &prev, &next, feat);
				if (dump && b->na > 0 && b->nb > 0) {
					fprintf(stderr, "features\t%zu\t%zu\t%u"
					    "\t%u\t%u\t%u", x, y, (unsigned)b->a,
					    (unsigned)b->na, (unsigned)b->b,
					    (unsigned)b->nb);
					for (f = 0; f < HABAR__ALIGN_FEATURES; f++)
						fprintf(stderr, "\t%.4f", feat[f]);
					putc('\n', stderr);
				}
				if (c < g->pair[p])
					g->pair[p] = (float)c;
				if (split_group(g, x, y) &&
				    (status = keep_link(align, data, x, y,
				    view[p].owner[k], p, b, view[p].cost[k],
				    c, &g->pair[p])) != HABAR_OK)
					goto done;
			}
		}
	/* The pairs' links read again with a hole, which may lower a
	 * group's confidence for its pair, before the groups take theirs. */
	if ((status = reread_holes(align, data, nl, sents)) != HABAR_OK)
		goto done;
	for (k = 0; k < sents->n; k++) {
		g = &sents->g[k];
		for (p = 0; p < 3; p++) {
			if (g->pair[p] > 1.0f)
				g->pair[p] = 1.0f;	/* the pair has no link here */
			if (g->pair[p] < g->confidence)
				g->confidence = g->pair[p];
		}
	}
	status = HABAR_OK;
done:
	for (p = 0; p < 3; p++)
		pair_view_free(&view[p]);
	free(gpost);
	return status;
}

/*
 * The paragraph links the sentence links imply: the smallest groups of
 * paragraphs that no sentence link crosses.  A group closes after a
 * sentence link where every language is at a paragraph boundary; it is
 * as sure as its least sure sentence link of two languages or more.
 */
static enum habar_status
paragraph_groups(const struct habar_parallel *doc, const struct groups *sents,
    struct groups *paras)
{
	const struct habar_parallel_language *lang;
	size_t nl = doc->language_count, k, l, pos[3], pi[3], pfirst[3], some;
	struct group *g;
	float conf = 1.0f;
	int closed;

	paras->n = 0;
	for (l = 0; l < nl; l++)
		pos[l] = pi[l] = pfirst[l] = 0;
	for (k = 0; k < sents->n; k++) {
		closed = 1;
		for (l = 0; l < nl; l++) {
			lang = &doc->languages[l];
			if (sents->g[k].count[l] > 0)
				pos[l] = sents->g[k].first[l] +
				    sents->g[k].count[l];
			while (pi[l] < lang->paragraph_count &&
			    lang->paragraphs[pi[l]].first < pos[l])
				pi[l]++;
			if (pos[l] < lang->sentence_count &&
			    (pi[l] >= lang->paragraph_count ||
			    lang->paragraphs[pi[l]].first != pos[l]))
				closed = 0;
		}
		/* A sentence of one language alone does not make the
		 * paragraphs' link doubtful. */
		for (l = 0, some = 0; l < nl; l++)
			some += sents->g[k].count[l] > 0;
		if (some >= 2 && sents->g[k].confidence < conf)
			conf = sents->g[k].confidence;
		if (!closed && k + 1 < sents->n)
			continue;
		for (l = 0, some = 0; l < nl; l++)
			some += pi[l] - pfirst[l];
		if (some == 0)
			continue;
		if ((g = group_new(paras)) == NULL)
			return HABAR_ERR_NOMEM;
		for (l = 0; l < nl; l++) {
			g->first[l] = pfirst[l];
			g->count[l] = pi[l] - pfirst[l];
			pfirst[l] = pi[l];
		}
		g->confidence = conf;
		conf = 1.0f;
	}
	return HABAR_OK;
}

/*
 * Aligns the sentences of the whole documents: paragraphs are evidence
 * (a bead that starts one on both sides earns a bonus), not walls, since
 * the language versions of a release are often paragraphed differently.
 */
static enum habar_status
align_sentences(const struct habar_parallel *doc, const struct lang_data *data,
    const size_t *order, struct guides *guides, struct groups *sents)
{
	size_t nl = doc->language_count, l, first[3], count[3];

	sents->n = 0;
	for (l = 0; l < nl; l++) {
		first[l] = 0;
		count[l] = doc->languages[l].sentence_count;
	}
	return align_range(data, order, nl, first, count, guides, sents);
}

enum habar_status
habar_align_add_memory(struct habar_align *align, const char *path)
{
	enum habar_status status;

	align->error[0] = '\0';
	align->line = 0;
	if (align->memory == NULL &&
	    (status = habar_lexicon_new(&align->memory)) != HABAR_OK)
		return status;
	status = habar_lexicon_add_memory(align->memory, path);
	if (status != HABAR_OK)
		habar__align_fail(align, 0, "%s%s%s", habar_status_string(status),
		    habar_lexicon_error(align->memory)[0] ? ": " : "",
		    habar_lexicon_error(align->memory));
	return status;
}

enum habar_status
habar_align_add_lexicon(struct habar_align *align, FILE *fp)
{
	enum habar_status status;

	align->error[0] = '\0';
	align->line = 0;
	if (align->memory == NULL &&
	    (status = habar_lexicon_new(&align->memory)) != HABAR_OK)
		return status;
	status = habar_lexicon_read(align->memory, NULL, fp);
	if (status != HABAR_OK)
		habar__align_fail(align, 0, "lexicon: %s",
		    habar_status_string(status));
	return status;
}

/* The memory's stems of the sentences of l, into d (once). */
static enum habar_status
memory_stems(struct habar_align *align,
    const struct habar_parallel_language *l, struct lang_data *d)
{
	const struct habar__stemmer *st;
	struct habar__map64 memo = { NULL, NULL, 0, 0 };
	uint32_t *grown;
	size_t i, n = 0, cap;
	enum habar_status status = HABAR_ERR_NOMEM;

	if (d->mstems != NULL)
		return HABAR_OK;
	st = habar__lexicon_stemmer(align->memory, l->lang);
	cap = l->sentence_count * 8 + STEMS_MAX;
	d->mstems = malloc(cap * sizeof(uint32_t));
	d->mstfirst = malloc((l->sentence_count + 1) * sizeof(size_t));
	if (d->mstems == NULL || d->mstfirst == NULL)
		goto done;
	for (i = 0; i < l->sentence_count; i++) {
		if (n + STEMS_MAX > cap) {
			cap = (n + STEMS_MAX) * 2;
			if ((grown = realloc(d->mstems, cap *
			    sizeof(uint32_t))) == NULL)
				goto done;
			d->mstems = grown;
		}
		d->mstfirst[i] = n;
		n += habar__stem_words(st, &memo, l->sentences[i].text,
		    l->sentences[i].len, d->mstems + n, STEMS_MAX);
	}
	d->mstfirst[l->sentence_count] = n;
	status = HABAR_OK;
done:
	habar__map64_free(&memo);
	return status;
}

/*
 * How the memory's word pairs weigh (docs/habar-align.md, "Lexicon"):
 * q, the share of a word's units whose translation holds its partner,
 * drawn towards Q_PRIOR as if Q_UNITS more units had been seen (a pair
 * seen twice is not sure); MISS_SCALE of -log(1 - q) for a word whose
 * translation is missed in a bead of two sides; HIT_SCALE of the
 * log-likelihood ratio log(q / p), p the share of the memory's units
 * holding the translation (how likely it is by chance), when it is there.
 * Chosen on seeds 1 and 2 of the loose set.
 */
#define Q_UNITS 2.0
#define Q_PRIOR 0.3
#define MISS_SCALE 0.4
#define HIT_SCALE 0.25

/* The class of w[0..8) nearest x. */
static unsigned char
nearest(const double *w, double x)
{
	double best = HUGE_VAL;
	unsigned char c, bc = 0;

	for (c = 0; c < 8; c++)
		if (fabs(w[c] - x) < best) {
			best = fabs(w[c] - x);
			bc = c;
		}
	return bc;
}

/*
 * The classes of the memory's pair e (learnt from units units): its
 * weight when missed (bits 3-5) and when shared (bits 0-2), as
 * habar__lex_from_pairs() takes them.
 */
static unsigned char
memory_class(const struct habar__lexicon_entry *e, size_t units)
{
	double qa, qb, miss, hit;

	qa = (e->both + Q_UNITS * Q_PRIOR) / (e->na + Q_UNITS);
	qb = (e->both + Q_UNITS * Q_PRIOR) / (e->nb + Q_UNITS);
	miss = -MISS_SCALE * log(1 - (qa + qb) / 2);
	hit = units == 0 ? 1.0 : HIT_SCALE * (log(qa * (double)units /
	    (e->nb + 1.0)) + log(qb * (double)units / (e->na + 1.0))) / 2;
	return (unsigned char)(nearest(habar__lex_class_weight, miss) << 3 |
	    nearest(habar__lex_hit_weight, hit));
}

/*
 * Leaves out of the n pairs sa[k], sb[k] (ids[k] their concept, 0 for a
 * pair a memory learnt; cls[k] their class) every concept of the word
 * lists one of whose stems a memory learnt a pair for, on either side:
 * the learnt pair takes the stem's key, and the concept's other forms
 * would then expect across a key that no longer exists.  What a memory
 * learnt of a word is surer than a list, which cannot say how often a
 * translator keeps it.
 */
static enum habar_status
drop_learnt_concepts(uint32_t *sa, uint32_t *sb, uint32_t *ids,
    unsigned char *cls, size_t *n)
{
	struct habar__map64 known = { NULL, NULL, 0, 0 };
	struct habar__map64 dropped = { NULL, NULL, 0, 0 };
	enum habar_status status = HABAR_ERR_NOMEM;
	size_t k, kept = 0;

	for (k = 0; k < *n; k++)
		if (ids[k] == 0 && (habar__map64_put(&known, (uint64_t)1 << 32 |
		    sa[k], 1, NULL) == NULL || habar__map64_put(&known,
		    (uint64_t)2 << 32 | sb[k], 1, NULL) == NULL))
			goto done;
	for (k = 0; k < *n; k++)
		if (ids[k] != 0 && (habar__map64_get(&known,
		    (uint64_t)1 << 32 | sa[k], 0) != 0 ||
		    habar__map64_get(&known, (uint64_t)2 << 32 | sb[k], 0) !=
		    0) && habar__map64_put(&dropped, ids[k], 1, NULL) == NULL)
			goto done;
	for (k = 0; k < *n; k++) {
		if (ids[k] != 0 && habar__map64_get(&dropped, ids[k], 0) != 0)
			continue;
		sa[kept] = sa[k];
		sb[kept] = sb[k];
		ids[kept] = ids[k];
		cls[kept++] = cls[k];
	}
	*n = kept;
	status = HABAR_OK;
done:
	habar__map64_free(&known);
	habar__map64_free(&dropped);
	return status;
}

/*
 * Reads the project's word lists (dictionaries/lexicon) into the lexicon
 * once, unless habar_align_use_lists() turned them off.
 */
static enum habar_status
load_lists(struct habar_align *align)
{
	enum habar_status status;

	if (align->lists != 0)
		return HABAR_OK;
	align->lists = 1;
	if (align->memory == NULL &&
	    (status = habar_lexicon_new(&align->memory)) != HABAR_OK)
		return status;
	status = habar_lexicon_add_lists(align->memory, NULL);
	if (status != HABAR_OK)
		habar__align_fail(align, 0, "%s",
		    habar_lexicon_error(align->memory));
	return status;
}

void
habar_align_use_lists(struct habar_align *align, int use)
{
	if (align->lists == 0 && !use)
		align->lists = -1;
}

/*
 * Adds the word lists' concepts to the anchors of every language of doc,
 * when no memory taught any of its pairs: a concept every language of
 * doc has forms for is one key in all of them (tag 0, expected across in
 * every pair), one that only two have is that pair's key.  One key a
 * concept, not one a pair, halves the keys of a sentence in three
 * languages, and the dynamic programme's time goes with them.
 */
static enum habar_status
apply_lists(struct habar_align *align, const struct habar_parallel *doc,
    struct lang_data *data)
{
	const struct habar__lexicon_entry *e;
	struct habar__map64 stems[HABAR_PARALLEL_MAX_LANGS], langs;
	struct habar__lex lex;
	size_t nl = doc->language_count, x, y, t, k, i;
	uint32_t *v, c, m, full = (1u << nl) - 1, tag, salt, key;
	unsigned char cls = 0;
	enum habar_status status = HABAR_ERR_NOMEM;
	int swapped;

	memset(stems, 0, sizeof(stems));
	memset(&langs, 0, sizeof(langs));
	memset(&lex, 0, sizeof(lex));
	for (x = 0; x < nl; x++)
		for (y = x + 1; y < nl; y++)
			for (t = 0; (e = habar__lexicon_table(align->memory, t,
			    doc->languages[x].lang, doc->languages[y].lang, &k,
			    &swapped)) != NULL; t++) {
				if (k > 0)
					cls = memory_class(e,
					    habar__lexicon_units(align->memory,
					    t, doc->languages[x].lang,
					    doc->languages[y].lang));
				for (; k > 0; k--, e++) {
					if ((v = habar__map64_put(&stems[x],
					    swapped ? e->b : e->a, 0, NULL)) ==
					    NULL)
						goto done;
					*v = e->concept;
					if ((v = habar__map64_put(&stems[y],
					    swapped ? e->a : e->b, 0, NULL)) ==
					    NULL)
						goto done;
					*v = e->concept;
					if ((v = habar__map64_put(&langs,
					    e->concept, 0, NULL)) == NULL)
						goto done;
					*v |= 1u << x | 1u << y;
				}
			}
	for (x = 0; x < nl; x++) {
		if (stems[x].count == 0)
			continue;
		if ((lex.a = calloc(1, sizeof(struct habar__map64))) == NULL)
			goto done;
		for (i = 0; i < stems[x].cap; i++) {
			if (stems[x].keys[i] == 0)
				continue;
			c = stems[x].vals[i];
			m = habar__map64_get(&langs, c, 0);
			/* Two languages of three: the other one's pair. */
			for (y = 0; m != full && y < nl; y++)
				if (y != x && (m >> y & 1))
					break;
			tag = m == full ? 0 : (uint32_t)(x + y);
			salt = 0x5eed0000u + (m == full ? 0 : (uint32_t)(x < y ?
			    x * 7 + y : y * 7 + x));
			key = (((uint32_t)habar__map64_mix((uint64_t)c ^ salt) |
			    1) & 0x001FFFFFu) | tag << 21 |
			    (uint32_t)(cls & 0x3F) << 23;
			if ((v = habar__map64_put(lex.a, stems[x].keys[i], 0,
			    NULL)) == NULL)
				goto done;
			*v = key;
		}
		if ((status = memory_stems(align, &doc->languages[x],
		    &data[x])) != HABAR_OK ||
		    (status = augment(&data[x], &lex, 0, data[x].mstems,
		    data[x].mstfirst)) != HABAR_OK)
			goto done;
		status = HABAR_ERR_NOMEM;
		habar__lex_free(&lex);
	}
	status = HABAR_OK;
done:
	habar__lex_free(&lex);
	for (x = 0; x < nl; x++)
		habar__map64_free(&stems[x]);
	habar__map64_free(&langs);
	return status;
}

/*
 * Adds the lexicon (the word lists' concepts and the memory's learnt
 * pairs) to the anchors of every pair of languages of doc: each stem
 * pair becomes a key both sentences share.
 */
static enum habar_status
apply_memory(struct habar_align *align, const struct habar_parallel *doc,
    struct lang_data *data)
{
	const struct habar__lexicon_entry *e;
	struct habar__lex lex;
	uint32_t *sa = NULL, *sb = NULL, *ids = NULL;
	unsigned char *cls = NULL;
	size_t nl = doc->language_count, x, y, k, t, n, total, units;
	enum habar_status status = HABAR_OK;
	int swapped;
	size_t learnt = 0;

	for (x = 0; x < nl; x++)
		for (y = x + 1; y < nl; y++)
			for (t = 0; (e = habar__lexicon_table(align->memory, t,
			    doc->languages[x].lang, doc->languages[y].lang, &k,
			    &swapped)) != NULL; t++)
				learnt += k > 0 && e->concept == 0;
	if (learnt == 0) {
		status = apply_lists(align, doc, data);
		goto stems;
	}
	for (x = 0; x < nl && status == HABAR_OK; x++)
		for (y = x + 1; y < nl && status == HABAR_OK; y++) {
			total = habar_lexicon_pairs(align->memory,
			    doc->languages[x].lang, doc->languages[y].lang);
			if (total == 0)
				continue;
			memset(&lex, 0, sizeof(lex));
			sa = malloc(total * sizeof(uint32_t));
			sb = malloc(total * sizeof(uint32_t));
			ids = malloc(total * sizeof(uint32_t));
			cls = malloc(total);
			if (sa == NULL || sb == NULL || ids == NULL ||
			    cls == NULL) {
				status = HABAR_ERR_NOMEM;
				goto next;
			}
			n = 0;
			learnt = 0;
			for (t = 0; (e = habar__lexicon_table(align->memory, t,
			    doc->languages[x].lang, doc->languages[y].lang, &k,
			    &swapped)) != NULL; t++) {
				units = habar__lexicon_units(align->memory, t,
				    doc->languages[x].lang,
				    doc->languages[y].lang);
				while (k-- > 0 && n < total) {
					sa[n] = swapped ? e->b : e->a;
					sb[n] = swapped ? e->a : e->b;
					ids[n] = e->concept;
					learnt += e->concept == 0;
					cls[n++] = memory_class(e, units);
					e++;
				}
			}
			if (learnt > 0 && learnt < n &&
			    (status = drop_learnt_concepts(sa, sb, ids, cls,
			    &n)) != HABAR_OK)
				goto next;
			if ((status = memory_stems(align, &doc->languages[x],
			    &data[x])) != HABAR_OK ||
			    (status = memory_stems(align, &doc->languages[y],
			    &data[y])) != HABAR_OK ||
			    (status = habar__lex_from_pairs(&lex, sa, sb, ids,
			    cls, n, (uint32_t)(0x5eed0000u + x * 7 + y),
			    (unsigned)(x + y))) != HABAR_OK)
				goto next;
			if ((status = augment(&data[x], &lex, 0, data[x].mstems,
			    data[x].mstfirst)) == HABAR_OK)
				status = augment(&data[y], &lex, 1,
				    data[y].mstems, data[y].mstfirst);
			/* The costs of a pair with a memory are for a
			 * lexicon that knows most of a text's words; the
			 * lists alone know fewer. */
			if (learnt > 0) {
				data[x].sent.memory |= 1u << (x + y);
				data[y].sent.memory |= 1u << (x + y);
			}
next:
			habar__lex_free(&lex);
			free(sa);
			free(sb);
			free(ids);
			free(cls);
			sa = sb = ids = NULL;
			cls = NULL;
		}
stems:
	/* The stems are in the anchors now; a long document's take room
	 * the dynamic programme needs. */
	for (x = 0; x < nl; x++) {
		free(data[x].mstems);
		free(data[x].mstfirst);
		data[x].mstems = NULL;
		data[x].mstfirst = NULL;
	}
	return status;
}

/*
 * Whether at least half of s's sentences hold a lexicon word whose
 * translation the pair tag expects across (habar__anchor_expected()).
 */
static int
words_known(const struct habar__align_seq *s, unsigned tag)
{
	size_t i, k, held = 0;

	for (i = 0; i < s->n; i++)
		for (k = s->kfirst[i]; k < s->kfirst[i + 1]; k++)
			if (habar__anchor_expected(s->keys[k], tag) > 0) {
				held++;
				break;
			}
	return s->n > 0 && 2 * held >= s->n;
}

/*
 * Marks the pairs of languages whose words the lexicon knows in most
 * sentences of both sides.  The confidence was fitted on text whose
 * words the lists know: a pair they do not cover (Kazakh in Latin
 * letters, a language without lists, --no-word-lists) has less evidence
 * against a wrong link than the model assumes.
 */
static void
mark_words(struct lang_data *data, size_t nl)
{
	size_t x, y;
	unsigned tag;

	for (x = 0; x < nl; x++)
		for (y = x + 1; y < nl; y++) {
			tag = (unsigned)(x + y);
			if (words_known(&data[x].sent, tag) &&
			    words_known(&data[y].sent, tag)) {
				data[x].sent.words |= 1u << tag;
				data[y].sent.words |= 1u << tag;
			}
		}
}

/*
 * Writes on stderr, for tests/bench/align_loose.py --errors, each
 * sentence's words of a memory's lexicon: "lexicon", the language's place,
 * the sentence (0-based), then each word's key and its weight when its
 * translation is missed, so that an error can be read with the lexicon's
 * evidence for each sentence of it (which keys two sentences share).
 */
static void
dump_memory_words(const struct lang_data *data, size_t nl)
{
	const struct habar__align_seq *s;
	size_t l, i, k;
	uint32_t key;

	for (l = 0; l < nl; l++) {
		s = &data[l].sent;
		for (i = 0; i < s->n; i++) {
			fprintf(stderr, "lexicon\t%zu\t%zu", l, i);
			for (k = s->kfirst[i]; k < s->kfirst[i + 1]; k++) {
				key = s->keys[k];
				if (HABAR__ANCHOR_KIND(key) != HABAR__ANCHOR_MEMORY)
					continue;
				fprintf(stderr, "\t%08x:%.2f", (unsigned)key,
				    habar__lex_class_weight[(key >> 26) & 7]);
			}
			fputc('\n', stderr);
		}
	}
}

enum habar_status
habar_align_document(struct habar_align *align, struct habar_parallel *doc)
{
	struct lang_data data[HABAR_PARALLEL_MAX_LANGS];
	struct groups paras = { NULL, 0, 0 }, sents = { NULL, 0, 0 };
	struct guides guides;
	size_t order[3], nl = doc->language_count, l, k;
	const struct habar_parallel_language *langs[HABAR_PARALLEL_MAX_LANGS];
	int pivot;
	enum habar_status status = HABAR_OK;
	char method[512];

	memset(data, 0, sizeof(data));
	memset(&guides, 0, sizeof(guides));
	align->error[0] = '\0';
	align->line = 0;
	if (nl < 2) {
		habar__align_fail(align, 0, "two or three languages are needed");
		return HABAR_ERR_ARGUMENT;
	}
	doc->link_count[0] = doc->link_count[1] = 0;
	pivot = habar_parallel_find_language(doc, "en");
	if (pivot < 0)
		pivot = 0;
	order[0] = (size_t)pivot;
	for (l = 0, k = 1; l < nl; l++)
		if (l != (size_t)pivot)
			order[k++] = l;
	for (l = 0; l < nl; l++)
		langs[l] = &doc->languages[l];
	if ((status = lang_data_make_all(align, langs, data, nl)) != HABAR_OK)
		goto done;
	for (l = 0; l < nl; l++)
		data[l].sent.lang = (unsigned)l;
	if ((status = load_lists(align)) != HABAR_OK)
		goto done;
	if (align->memory != NULL &&
	    (status = apply_memory(align, doc, data)) != HABAR_OK)
		goto done;
	if (align->memory != NULL && getenv("HABAR_ALIGN_LEXICON") != NULL)
		dump_memory_words(data, nl);
	mark_words(data, nl);

	/*
	 * Sentences: a first pass, a table of word translations learnt from
	 * its sure links, and a second pass with the table's anchors.
	 */
	if ((status = align_sentences(doc, data, order, &guides, &sents)) != HABAR_OK)
		goto done;
	for (k = 1; k < nl; k++)
		if ((status = learn(&sents, data, order[0], order[k])) != HABAR_OK)
			goto done;
	/* The two other languages are aligned directly too. */
	if (nl == 3 && (status = learn(&sents, data, order[1], order[2])) !=
	    HABAR_OK)
		goto done;
	/* The stems are in the anchors now; the second pass and the
	 * confidence, where a long document's memory peaks, need the room. */
	for (l = 0; l < nl; l++) {
		free(data[l].stems);
		free(data[l].stfirst);
		data[l].stems = NULL;
		data[l].stfirst = NULL;
	}
	guides.replay = 1;
	if ((status = align_sentences(doc, data, order, &guides, &sents)) != HABAR_OK)
		goto done;
	if (nl == 3 && (status = detach_lone(data, &sents)) != HABAR_OK)
		goto done;
	align->nsub = 0;
	align->sub_doc = doc;
	if ((status = link_confidence(align, data, nl, &sents)) != HABAR_OK)
		goto done;
	if ((status = add_groups(doc, HABAR_PARALLEL_SENTENCES, &sents, 0)) !=
	    HABAR_OK)
		goto done;
	if ((status = paragraph_groups(doc, &sents, &paras)) != HABAR_OK ||
	    (status = add_groups(doc, HABAR_PARALLEL_PARAGRAPHS, &paras, 0)) !=
	    HABAR_OK)
		goto done;
	snprintf(method, sizeof(method), "Gale-Church lengths with anchors, "
	    "banded dynamic programme over the sentences of the whole documents "
	    "(coinciding paragraph starts a bonus) in two passes "
	    "(learnt word pairs), paragraph links derived%s%s%s",
	    nl == 3 ? "; three-way: each pair aligned, composed through pivot " :
	    "", nl == 3 ? doc->languages[pivot].lang : "",
	    nl == 3 ? ", then through each language, the cheapest kept" : "");
	status = habar_parallel_set(doc, "method", method);
done:
	if (status != HABAR_OK && align->error[0] == '\0')
		habar__align_fail(align, 0, "alignment failed: %s",
		    habar_status_string(status));
	for (l = 0; l < nl; l++)
		lang_data_free(&data[l]);
	free(paras.g);
	free(sents.g);
	guides_free(&guides);
	return status;
}

/*
 * Sentences [first, first + count) as 1-based numbers, comma-separated,
 * but the hole-th of them (from 1; 0: none).
 */
static void
write_numbers(FILE *fp, size_t first, size_t count, size_t hole)
{
	size_t i;
	int sep = 0;

	for (i = 0; i < count; i++) {
		if (i + 1 == hole)
			continue;
		fprintf(fp, sep ? ",%zu" : "%zu", first + i + 1);
		sep = 1;
	}
}

/* The lengths and anchors of a run of sentences, as a sequence. */
struct run_data {
	uint8_t *bounds, *names;
	uint32_t *len, *keys;
	size_t *kfirst;
	struct habar__align_seq seq;
};

static void
run_data_free(struct run_data *r)
{
	free(r->bounds);
	free(r->names);
	free(r->len);
	free(r->keys);
	free(r->kfirst);
	memset(r, 0, sizeof(*r));
}

/*
 * Makes *r for sentences [first, first + count) of l; seg: the segmenter
 * of its lines, or NULL (struct habar_align's line_seg).
 */
static enum habar_status
run_data_make(struct habar__anchor_cache *cache, struct habar_seg *seg,
    const struct habar_parallel_language *l, size_t first, size_t count,
    struct run_data *r)
{
	const struct habar_parallel_sentence *st;
	size_t i, n, total = 0, names;
	enum habar_status status;

	memset(r, 0, sizeof(*r));
	r->len = malloc((count + 1) * sizeof(uint32_t));
	r->keys = malloc((count * HABAR__ANCHOR_MAX + 1) * sizeof(uint32_t));
	r->kfirst = malloc((count + 1) * sizeof(size_t));
	r->names = malloc(count + 1);
	if (r->len == NULL || r->keys == NULL || r->kfirst == NULL ||
	    r->names == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < count; i++) {
		st = &l->sentences[first + i];
		r->len[i] = (uint32_t)habar__utf8_chars(st->text, st->len);
		r->kfirst[i] = total;
		status = habar__anchor_extract(cache, l->lang, st->text, st->len,
		    r->keys + total, &n, &names);
		if (status != HABAR_OK)
			return status;
		r->names[i] = (uint8_t)(names < 255 ? names : 255);
		total += n;
	}
	r->kfirst[count] = total;
	if ((status = boundaries_of_lines(seg, l, first, count, &r->bounds)) !=
	    HABAR_OK)
		return status;
	r->seq.bounds = r->bounds;
	r->seq.n = count;
	r->seq.len = r->len;
	r->seq.keys = r->keys;
	r->seq.kfirst = r->kfirst;
	r->seq.names = r->names;
	return HABAR_OK;
}

/* The characters of all the sentences of l. */
static double
language_chars(const struct habar_parallel_language *l)
{
	double chars = 0;
	size_t i;

	for (i = 0; i < l->sentence_count; i++)
		chars += habar__utf8_chars(l->sentences[i].text,
		    l->sentences[i].len);
	return chars;
}

/*
 * The place in align->sub (kept in the order of pair and link) of the
 * first link of the pair of languages pair kept inside sentence link i,
 * or of the first after it when there is none.
 */
static size_t
first_sub(const struct habar_align *align, size_t pair, size_t i)
{
	const struct habar__align_sub *s;
	size_t lo = 0, hi = align->nsub, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		s = &align->sub[mid];
		if (s->pair < pair || (s->pair == pair && s->link < i))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The confidence link_confidence() gave the link of the pair of languages
 * x < y [a, a + na) <-> [b, b + nb) inside sentence link i of doc, if it
 * kept one (align->sub, in the order of pair and link); -1 otherwise.
 */
static double
sub_confidence(const struct habar_align *align,
    const struct habar_parallel *doc, size_t i, size_t pair, size_t a,
    size_t na, size_t b, size_t nb)
{
	const struct habar__align_sub *s;
	size_t lo;

	if (doc != align->sub_doc)
		return -1;
	lo = first_sub(align, pair, i);
	for (; lo < align->nsub && align->sub[lo].pair == pair &&
	    align->sub[lo].link == i; lo++) {
		s = &align->sub[lo];
		if (s->a == a && s->na == na && s->b == b && s->nb == nb &&
		    s->hole_a == 0 && s->hole_b == 0)
			return s->confidence;
	}
	return -1;
}

/*
 * Writes the links of the pair of languages whose sentence links pair
 * link_confidence() kept inside sentence link i of doc (align->sub), as
 * habar_align_write_pair() prints them, the language of higher place
 * first when swap; returns how many, 0 when it kept none (another
 * document).
 */
static size_t
write_subs(const struct habar_align *align, const struct habar_parallel *doc,
    size_t i, size_t pair, int swap, FILE *fp)
{
	const struct habar__align_sub *s;
	size_t lo, n = 0;

	if (doc != align->sub_doc)
		return 0;
	lo = first_sub(align, pair, i);
	for (; lo < align->nsub && align->sub[lo].pair == pair &&
	    align->sub[lo].link == i; lo++, n++) {
		s = &align->sub[lo];
		write_numbers(fp, swap ? s->b : s->a, swap ? s->nb : s->na,
		    swap ? s->hole_b : s->hole_a);
		putc('\t', fp);
		write_numbers(fp, swap ? s->a : s->b, swap ? s->na : s->nb,
		    swap ? s->hole_a : s->hole_b);
		fprintf(fp, "\t%.2f\n", s->confidence);
	}
	return n;
}

enum habar_status
habar_align_write_pair(struct habar_align *align,
    const struct habar_parallel *doc, size_t a, size_t b, FILE *fp)
{
	const struct habar_parallel_link *link;
	struct run_data da, db;
	struct habar__bead *beads = NULL;
	const struct habar_parallel_run *ra, *rb;
	size_t i, k, n, pair = HABAR_PARALLEL_PAIR(a, b);
	double chars_a, ratio, conf, c;
	enum habar_status status = HABAR_OK;

	memset(&da, 0, sizeof(da));
	memset(&db, 0, sizeof(db));
	chars_a = language_chars(&doc->languages[a]);
	ratio = language_chars(&doc->languages[b]) /
	    (chars_a > 0 ? chars_a : 1);
	for (i = 0; i < doc->link_count[HABAR_PARALLEL_SENTENCES]; i++) {
		link = &doc->links[HABAR_PARALLEL_SENTENCES][i];
		ra = &link->sides[a];
		rb = &link->sides[b];
		if (ra->count == 0 && rb->count == 0)
			continue;
		if (ra->count <= 1 && rb->count <= 1) {
			write_numbers(fp, ra->first, ra->count, 0);
			putc('\t', fp);
			write_numbers(fp, rb->first, rb->count, 0);
			fprintf(fp, "\t%.2f\n", link->pair[pair]);
			continue;
		}
		/*
		 * A link of more than one sentence of A or B: the links of
		 * the pair the aligner found inside it (pair_links()), with
		 * all its evidence, the memory's lexicon and the table learnt
		 * from the document included.  Another document (or another
		 * split) is split by aligning the pair inside it afresh, on
		 * the sentences' lengths and anchors alone.
		 */
		if (write_subs(align, doc, i, pair, a > b, fp) > 0)
			continue;
		if ((status = run_data_make(align->cache, align->line_seg[a],
		    &doc->languages[a], ra->first, ra->count, &da)) !=
		    HABAR_OK ||
		    (status = run_data_make(align->cache, align->line_seg[b],
		    &doc->languages[b], rb->first, rb->count, &db)) !=
		    HABAR_OK ||
		    (status = habar__align_pair(&da.seq, &db.seq, ratio, NULL,
		    0, &beads, &n)) != HABAR_OK)
			goto done;
		for (k = 0; k < n; k++) {
			write_numbers(fp, ra->first + beads[k].a, beads[k].na,
			    0);
			putc('\t', fp);
			write_numbers(fp, rb->first + beads[k].b, beads[k].nb,
			    0);
			/*
			 * The aligner judged the pair's links inside the
			 * three-way link, each on its own (link_confidence()),
			 * and gave the three-way link the least sure one's.
			 * Where this is another document, or another split,
			 * that is all there is; a sentence left alone inside
			 * is no surer than its own cost says.
			 */
			conf = a < b ? sub_confidence(align, doc, i, pair,
			    ra->first + beads[k].a, beads[k].na, rb->first +
			    beads[k].b, beads[k].nb) : sub_confidence(align,
			    doc, i, pair, rb->first + beads[k].b, beads[k].nb,
			    ra->first + beads[k].a, beads[k].na);
			if (conf >= 0) {
				fprintf(fp, "\t%.2f\n", conf);
				continue;
			}
			conf = link->pair[pair];
			if (beads[k].na == 0 || beads[k].nb == 0) {
				c = habar__align_confidence(&da.seq,
				    beads[k].a, beads[k].na, &db.seq,
				    beads[k].b, beads[k].nb, ratio);
				if (c < conf)
					conf = c;
			}
			fprintf(fp, "\t%.2f\n", conf);
		}
		free(beads);
		beads = NULL;
		run_data_free(&da);
		run_data_free(&db);
	}
	status = ferror(fp) ? HABAR_ERR_IO : HABAR_OK;
done:
	free(beads);
	run_data_free(&da);
	run_data_free(&db);
	return status;
}
