/*
 * lexicon.c: a bilingual lexicon learnt from a translation memory by IBM
 * Model 1, and its cache file.
 *
 * The aligner's own table (align_lex.c) is learnt from the one document
 * it aligns: a short release teaches it little.  A memory of earlier
 * releases teaches much more.  Every unit's texts are cut into stems
 * (lexicon_stem.c); for each pair of languages, Model 1's translation
 * probabilities t(b | a) and t(a | b) are learnt by expectation
 * maximisation (ITERATIONS rounds from uniform, a null word on the
 * source side), and a pair of stems that co-occur at least twice and are
 * each other's most probable translation, both ways at MIN_T or more,
 * is kept.  The co-occurring pairs are kept in one hash table per pair of
 * languages, so the work of a round is linear in the memory.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <habar/lexicon.h>
#include <habar/tmx.h>

#include "cache_internal.h"
#include "lexicon_internal.h"
#include "map64_internal.h"

#define ITERATIONS 5
#define MIN_T 0.1
#define MIN_COOCCUR 2
/* Stems of one text used, at most (longer texts are rare in a memory). */
#define STEMS_MAX 64
/*
 * The pair numbers of the first sentence pairs' stem pairs, kept from the
 * counting pass so that the rounds of EM need not look them up again
 * (half the time went into those look-ups): at most this many, 64 MB.
 */
#define KEPT_MAX (16u * 1024 * 1024)
#define LANG_MAX 16
#define FORMAT "habar-lexicon 3"

struct table {
	char la[LANG_MAX], lb[LANG_MAX];
	struct habar__lexicon_entry *e;
	size_t n;
	size_t units;		/* of the memory, learnt from */
	int listed;		/* from a word list: never cached */
};

struct stemmer_slot {
	char lang[LANG_MAX];
	struct habar__stemmer *st;
};

struct habar_lexicon {
	struct table *tables;
	size_t ntables;
	struct stemmer_slot *stemmers;
	size_t nstemmers;
	char error[256];
};

/* The sentences of one pair of languages, as stem ids. */
struct corpus {
	char la[LANG_MAX], lb[LANG_MAX];
	uint32_t *a, *b;	/* stem hashes, then ids */
	size_t *fa, *fb;	/* sentence k: a[fa[k]..fa[k+1]) */
	size_t n, na, nb, cap_s, cap_a, cap_b;
};

enum habar_status
habar_lexicon_new(struct habar_lexicon **lex_out)
{
	*lex_out = calloc(1, sizeof(**lex_out));
	return *lex_out == NULL ? HABAR_ERR_NOMEM : HABAR_OK;
}

void
habar_lexicon_free(struct habar_lexicon *lex)
{
	size_t k;

	if (lex == NULL)
		return;
	for (k = 0; k < lex->ntables; k++)
		free(lex->tables[k].e);
	for (k = 0; k < lex->nstemmers; k++)
		habar__stemmer_free(lex->stemmers[k].st);
	free(lex->tables);
	free(lex->stemmers);
	free(lex);
}

const char *
habar_lexicon_error(const struct habar_lexicon *lex)
{
	return lex->error;
}

void
habar__lexicon_fail(struct habar_lexicon *lex, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(lex->error, sizeof(lex->error), fmt, ap);
	va_end(ap);
}

/* The primary subtag of a BCP 47 tag, lower-cased, in out. */
static void
primary(const char *tag, char *out)
{
	size_t i;

	for (i = 0; tag[i] != '\0' && tag[i] != '-' && tag[i] != '_' &&
	    i + 1 < LANG_MAX; i++)
		out[i] = (char)(tag[i] >= 'A' && tag[i] <= 'Z' ? tag[i] + 32 :
		    tag[i]);
	out[i] = '\0';
}

const struct habar__stemmer *
habar__lexicon_stemmer(struct habar_lexicon *lex, const char *lang)
{
	char p[LANG_MAX];
	struct stemmer_slot *grown;
	size_t k;

	primary(lang, p);
	for (k = 0; k < lex->nstemmers; k++)
		if (strcmp(lex->stemmers[k].lang, p) == 0)
			return lex->stemmers[k].st;
	grown = realloc(lex->stemmers, (lex->nstemmers + 1) * sizeof(*grown));
	if (grown == NULL)
		return NULL;
	lex->stemmers = grown;
	memcpy(grown[lex->nstemmers].lang, p, LANG_MAX);
	if (habar__stemmer_new(&grown[lex->nstemmers].st, p) != HABAR_OK)
		grown[lex->nstemmers].st = NULL;
	return grown[lex->nstemmers++].st;
}

/* The k-th table between the languages of la and lb, in either direction
 * (*swapped set when it runs lb to la); NULL past the last. */
static const struct table *
table_between(const struct habar_lexicon *lex, size_t k, const char *la,
    const char *lb, int *swapped)
{
	char pa[LANG_MAX], pb[LANG_MAX];
	size_t i, seen = 0;

	primary(la, pa);
	primary(lb, pb);
	for (i = 0; i < lex->ntables; i++) {
		const struct table *t = &lex->tables[i];
		int fwd = strcmp(t->la, pa) == 0 && strcmp(t->lb, pb) == 0;
		int back = strcmp(t->la, pb) == 0 && strcmp(t->lb, pa) == 0;

		if ((fwd || back) && seen++ == k) {
			*swapped = !fwd;
			return t;
		}
	}
	*swapped = 0;
	return NULL;
}

const struct habar__lexicon_entry *
habar__lexicon_table(const struct habar_lexicon *lex, size_t k,
    const char *la, const char *lb, size_t *n, int *swapped)
{
	const struct table *t = table_between(lex, k, la, lb, swapped);

	*n = t != NULL ? t->n : 0;
	return t != NULL ? t->e : NULL;
}

size_t
habar__lexicon_units(const struct habar_lexicon *lex, size_t k,
    const char *la, const char *lb)
{
	int swapped;
	const struct table *t = table_between(lex, k, la, lb, &swapped);

	return t != NULL ? t->units : 0;
}

size_t
habar_lexicon_pairs(const struct habar_lexicon *lex, const char *a,
    const char *b)
{
	size_t k, n, total = 0;
	int swapped;

	for (k = 0; habar__lexicon_table(lex, k, a, b, &n, &swapped) != NULL;
	    k++)
		total += n;
	return total;
}

size_t
habar_lexicon_size(const struct habar_lexicon *lex)
{
	size_t k, total = 0;

	for (k = 0; k < lex->ntables; k++)
		total += lex->tables[k].n;
	return total;
}

enum habar_status
habar__lexicon_add_table(struct habar_lexicon *lex, const char *la,
    const char *lb, struct habar__lexicon_entry *e, size_t n, size_t units,
    int listed)
{
	struct table *grown;

	grown = realloc(lex->tables, (lex->ntables + 1) * sizeof(*grown));
	if (grown == NULL)
		return HABAR_ERR_NOMEM;
	lex->tables = grown;
	memset(&grown[lex->ntables], 0, sizeof(*grown));
	snprintf(grown[lex->ntables].la, LANG_MAX, "%s", la);
	snprintf(grown[lex->ntables].lb, LANG_MAX, "%s", lb);
	grown[lex->ntables].e = e;
	grown[lex->ntables].n = n;
	grown[lex->ntables].units = units;
	grown[lex->ntables].listed = listed;
	lex->ntables++;
	return HABAR_OK;
}

static void
corpus_free(struct corpus *c)
{
	free(c->a);
	free(c->b);
	free(c->fa);
	free(c->fb);
	memset(c, 0, sizeof(*c));
}

/* Appends n stems to *arr (count *len, room *cap). */
static int
append(uint32_t **arr, size_t *len, size_t *cap, const uint32_t *s,
    size_t n)
{
	uint32_t *grown;
	size_t ncap;

	if (*len + n > *cap) {
		ncap = (*len + n) * 2 + 1024;
		if ((grown = realloc(*arr, ncap * sizeof(**arr))) == NULL)
			return -1;
		*arr = grown;
		*cap = ncap;
	}
	memcpy(*arr + *len, s, n * sizeof(*s));
	*len += n;
	return 0;
}

/* Adds one sentence pair to c. */
static int
corpus_add(struct corpus *c, const uint32_t *a, size_t na, const uint32_t *b,
    size_t nb)
{
	size_t *fa, *fb, ncap;

	if (c->n + 2 > c->cap_s) {
		ncap = c->cap_s ? c->cap_s * 2 : 1024;
		if ((fa = realloc(c->fa, ncap * sizeof(*fa))) == NULL)
			return -1;
		c->fa = fa;
		if ((fb = realloc(c->fb, ncap * sizeof(*fb))) == NULL)
			return -1;
		c->fb = fb;
		c->cap_s = ncap;
	}
	c->fa[c->n] = c->na;
	c->fb[c->n] = c->nb;
	if (append(&c->a, &c->na, &c->cap_a, a, na) != 0 ||
	    append(&c->b, &c->nb, &c->cap_b, b, nb) != 0)
		return -1;
	c->n++;
	c->fa[c->n] = c->na;
	c->fb[c->n] = c->nb;
	return 0;
}

/* Sorts and removes repeated stems: one count per sentence. */
static size_t
unique(uint32_t *s, size_t n)
{
	size_t i, j, m = 0;
	uint32_t t;

	for (i = 1; i < n; i++)	/* insertion sort: texts are short */
		for (j = i; j > 0 && s[j - 1] > s[j]; j--) {
			t = s[j];
			s[j] = s[j - 1];
			s[j - 1] = t;
		}
	for (i = 0; i < n; i++)
		if (m == 0 || s[i] != s[m - 1])
			s[m++] = s[i];
	return m;
}

/*
 * Runs Model 1 both ways on c and adds the mutual best pairs to lex.
 * Stem hashes are turned into ids first (ida, idb: the hash of each id).
 */
static enum habar_status
learn_corpus(struct habar_lexicon *lex, struct corpus *c)
{
	struct habar__map64 va = { 0 }, vb = { 0 }, pairs = { 0 };
	uint32_t *ida = NULL, *idb = NULL, *v, *idx = NULL, *cooc = NULL,
	    *besta = NULL, *bestb = NULL, *kept = NULL, *cnta = NULL,
	    *cntb = NULL;
	size_t nkept = 0, kc = 0, cells;
	uint64_t *pk = NULL;
	float *tab = NULL, *tba = NULL, *cab = NULL, *cba = NULL, *nulla = NULL,
	    *nullb = NULL;
	double *tota = NULL, *totb = NULL, *cnulla = NULL, *cnullb = NULL, d;
	size_t k, i, j, na, nb, npairs = 0, cap = 0, ne = 0, it, x;
	struct habar__lexicon_entry *e = NULL;
	enum habar_status status = HABAR_ERR_NOMEM;
	int added;

	/* Ids. */
	for (i = 0; i < c->na; i++) {
		if ((v = habar__map64_put(&va, c->a[i], (uint32_t)va.count,
		    &added)) == NULL)
			goto done;
		c->a[i] = *v;
	}
	for (i = 0; i < c->nb; i++) {
		if ((v = habar__map64_put(&vb, c->b[i], (uint32_t)vb.count,
		    &added)) == NULL)
			goto done;
		c->b[i] = *v;
	}
	/* Each id's hash, for the entries, and its units (a stem is
	 * counted once a text). */
	if ((ida = malloc((va.count + 1) * sizeof(*ida))) == NULL ||
	    (idb = malloc((vb.count + 1) * sizeof(*idb))) == NULL ||
	    (cnta = calloc(va.count + 1, sizeof(*cnta))) == NULL ||
	    (cntb = calloc(vb.count + 1, sizeof(*cntb))) == NULL)
		goto done;
	for (i = 0; i < c->na; i++)
		cnta[c->a[i]]++;
	for (i = 0; i < c->nb; i++)
		cntb[c->b[i]]++;
	for (i = 0; i < va.cap; i++)
		if (va.keys[i] != 0)
			ida[va.vals[i]] = (uint32_t)va.keys[i];
	for (i = 0; i < vb.cap; i++)
		if (vb.keys[i] != 0)
			idb[vb.vals[i]] = (uint32_t)vb.keys[i];
	/* The co-occurring pairs and their counts. */
	cap = 0;
	for (k = 0, cells = 0; k < c->n; k++)
		cells += (c->fa[k + 1] - c->fa[k]) * (c->fb[k + 1] - c->fb[k]);
	if ((kept = malloc((cells < KEPT_MAX ? cells : KEPT_MAX) *
	    sizeof(*kept) + 1)) == NULL)
		goto done;
	for (k = 0; k < c->n; k++) {
		/* Kept while the sentences so far fit. */
		if (kc == k && nkept + (c->fa[k + 1] - c->fa[k]) *
		    (c->fb[k + 1] - c->fb[k]) <= KEPT_MAX)
			kc = k + 1;
		for (i = c->fa[k]; i < c->fa[k + 1]; i++)
			for (j = c->fb[k]; j < c->fb[k + 1]; j++) {
				uint64_t key = ((uint64_t)c->a[i] << 32 |
				    c->b[j]) + 1;

				if ((v = habar__map64_put(&pairs, key,
				    (uint32_t)npairs, &added)) == NULL)
					goto done;
				if (added) {
					if (npairs == cap) {
						void *g1, *g2;

						cap = cap ? cap * 2 : 4096;
						g1 = realloc(cooc, cap *
						    sizeof(*cooc));
						if (g1 != NULL)
							cooc = g1;
						g2 = realloc(pk, cap *
						    sizeof(*pk));
						if (g2 != NULL)
							pk = g2;
						if (g1 == NULL || g2 == NULL)
							goto done;
					}
					pk[npairs] = key - 1;
					cooc[npairs++] = 0;
				}
				cooc[*v]++;
				if (kc == k + 1)
					kept[nkept++] = *v;
			}
	}
	na = va.count;
	nb = vb.count;
	if ((tab = malloc((npairs + 1) * sizeof(*tab))) == NULL ||
	    (tba = malloc((npairs + 1) * sizeof(*tba))) == NULL ||
	    (cab = malloc((npairs + 1) * sizeof(*cab))) == NULL ||
	    (cba = malloc((npairs + 1) * sizeof(*cba))) == NULL ||
	    (nulla = malloc((na + 1) * sizeof(*nulla))) == NULL ||
	    (nullb = malloc((nb + 1) * sizeof(*nullb))) == NULL ||
	    (tota = malloc((na + 1) * sizeof(*tota))) == NULL ||
	    (totb = malloc((nb + 1) * sizeof(*totb))) == NULL ||
	    (cnulla = malloc((na + 1) * sizeof(*cnulla))) == NULL ||
	    (cnullb = malloc((nb + 1) * sizeof(*cnullb))) == NULL ||
	    (idx = malloc(STEMS_MAX * STEMS_MAX * sizeof(*idx))) == NULL)
		goto done;
	for (x = 0; x < npairs; x++)
		tab[x] = tba[x] = 1.0f;
	for (i = 0; i < na; i++)
		nulla[i] = 1.0f;
	for (j = 0; j < nb; j++)
		nullb[j] = 1.0f;
	for (it = 0; it < ITERATIONS; it++) {
		memset(cab, 0, npairs * sizeof(*cab));
		memset(cba, 0, npairs * sizeof(*cba));
		memset(tota, 0, na * sizeof(*tota));
		memset(totb, 0, nb * sizeof(*totb));
		memset(cnulla, 0, na * sizeof(*cnulla));
		memset(cnullb, 0, nb * sizeof(*cnullb));
		for (k = 0, nkept = 0; k < c->n; k++) {
			size_t a0 = c->fa[k], la = c->fa[k + 1] - a0;
			size_t b0 = c->fb[k], lb = c->fb[k + 1] - b0;

			if (k < kc) {
				memcpy(idx, kept + nkept, la * lb *
				    sizeof(*idx));
				nkept += la * lb;
			} else {
				for (i = 0; i < la; i++)
					for (j = 0; j < lb; j++)
						idx[i * lb + j] =
						    habar__map64_get(&pairs,
						    ((uint64_t)c->a[a0 + i] <<
						    32 | c->b[b0 + j]) + 1,
						    UINT32_MAX);
			}
			/* b given a (null: a's side has a null word). */
			for (j = 0; j < lb; j++) {
				d = nullb[c->b[b0 + j]];
				for (i = 0; i < la; i++)
					d += tab[idx[i * lb + j]];
				for (i = 0; i < la; i++) {
					x = idx[i * lb + j];
					cab[x] += (float)(tab[x] / d);
					tota[c->a[a0 + i]] += tab[x] / d;
				}
				cnullb[c->b[b0 + j]] += nullb[c->b[b0 + j]] / d;
			}
			/* a given b. */
			for (i = 0; i < la; i++) {
				d = nulla[c->a[a0 + i]];
				for (j = 0; j < lb; j++)
					d += tba[idx[i * lb + j]];
				for (j = 0; j < lb; j++) {
					x = idx[i * lb + j];
					cba[x] += (float)(tba[x] / d);
					totb[c->b[b0 + j]] += tba[x] / d;
				}
				cnulla[c->a[a0 + i]] += nulla[c->a[a0 + i]] / d;
			}
		}
		/* The null word's translations are normalised as one word. */
		{
			double sa = 0, sb = 0;

			for (i = 0; i < na; i++)
				sa += cnulla[i];
			for (j = 0; j < nb; j++)
				sb += cnullb[j];
			for (i = 0; i < na; i++)
				nulla[i] = sa > 0 ? (float)(cnulla[i] / sa) : 0;
			for (j = 0; j < nb; j++)
				nullb[j] = sb > 0 ? (float)(cnullb[j] / sb) : 0;
		}
		for (x = 0; x < npairs; x++) {
			i = (size_t)(pk[x] >> 32);
			j = (size_t)(pk[x] & 0xFFFFFFFFu);
			tab[x] = tota[i] > 0 ? (float)(cab[x] / tota[i]) : 0;
			tba[x] = totb[j] > 0 ? (float)(cba[x] / totb[j]) : 0;
		}
	}
	/* Each stem's best partner, both ways; mutual best pairs kept. */
	if ((besta = malloc((na + 1) * sizeof(*besta))) == NULL ||
	    (bestb = malloc((nb + 1) * sizeof(*bestb))) == NULL)
		goto done;
	for (i = 0; i < na; i++)
		besta[i] = UINT32_MAX;
	for (j = 0; j < nb; j++)
		bestb[j] = UINT32_MAX;
	for (x = 0; x < npairs; x++) {
		i = (size_t)(pk[x] >> 32);
		j = (size_t)(pk[x] & 0xFFFFFFFFu);
		if (besta[i] == UINT32_MAX || tab[x] > tab[besta[i]])
			besta[i] = (uint32_t)x;
		if (bestb[j] == UINT32_MAX || tba[x] > tba[bestb[j]])
			bestb[j] = (uint32_t)x;
	}
	if ((e = malloc((na + 1) * sizeof(*e))) == NULL)
		goto done;
	for (i = 0; i < na; i++) {
		x = besta[i];
		if (x == UINT32_MAX || cooc[x] < MIN_COOCCUR ||
		    tab[x] < MIN_T || tba[x] < MIN_T)
			continue;
		j = (size_t)(pk[x] & 0xFFFFFFFFu);
		if (bestb[j] != x)
			continue;
		e[ne].a = ida[i];
		e[ne].b = idb[j];
		e[ne].ab = tab[x];
		e[ne].ba = tba[x];
		e[ne].both = cooc[x];
		e[ne].na = cnta[i];
		e[ne].concept = 0;
		e[ne++].nb = cntb[j];
	}
	if ((status = habar__lexicon_add_table(lex, c->la, c->lb, e, ne, c->n,
	    0)) == HABAR_OK)
		e = NULL;
done:
	habar__map64_free(&va);
	habar__map64_free(&vb);
	habar__map64_free(&pairs);
	free(ida);
	free(idb);
	free(cnta);
	free(cntb);
	free(idx);
	free(kept);
	free(cooc);
	free(pk);
	free(besta);
	free(bestb);
	free(tab);
	free(tba);
	free(cab);
	free(cba);
	free(nulla);
	free(nullb);
	free(tota);
	free(totb);
	free(cnulla);
	free(cnullb);
	free(e);
	return status;
}

enum habar_status
habar_lexicon_learn(struct habar_lexicon *lex, FILE *fp)
{
	struct habar_tmx_reader *rd = NULL;
	const struct habar_tmx_unit *u;
	struct habar_parallel_error perr;
	struct corpus *cs = NULL, *grown;
	size_t ncs = 0, i, j, k, n[8];
	uint32_t stems[8][STEMS_MAX];
	char lang[8][LANG_MAX];
	const struct habar__stemmer *st;
	enum habar_status status;

	lex->error[0] = '\0';
	memset(&perr, 0, sizeof(perr));
	if ((status = habar_tmx_reader_open(&rd, fp, &perr)) != HABAR_OK)
		goto fail;
	while ((status = habar_tmx_reader_next(rd, &u, &perr)) == HABAR_OK &&
	    u != NULL) {
		size_t nv = u->variant_count < 8 ? u->variant_count : 8;

		for (i = 0; i < nv; i++) {
			primary(u->variants[i].lang, lang[i]);
			st = habar__lexicon_stemmer(lex, lang[i]);
			n[i] = unique(stems[i], habar__stem_words(st, NULL,
			    u->variants[i].text, strlen(u->variants[i].text),
			    stems[i], STEMS_MAX));
		}
		for (i = 0; i < nv; i++)
			for (j = 0; j < nv; j++) {
				if (strcmp(lang[i], lang[j]) >= 0 || n[i] == 0 ||
				    n[j] == 0)
					continue;
				for (k = 0; k < ncs; k++)
					if (strcmp(cs[k].la, lang[i]) == 0 &&
					    strcmp(cs[k].lb, lang[j]) == 0)
						break;
				if (k == ncs) {
					grown = realloc(cs, (ncs + 1) *
					    sizeof(*cs));
					if (grown == NULL) {
						status = HABAR_ERR_NOMEM;
						goto done;
					}
					cs = grown;
					memset(&cs[ncs], 0, sizeof(*cs));
					memcpy(cs[ncs].la, lang[i], LANG_MAX);
					memcpy(cs[ncs].lb, lang[j], LANG_MAX);
					ncs++;
				}
				if (corpus_add(&cs[k], stems[i], n[i], stems[j],
				    n[j]) != 0) {
					status = HABAR_ERR_NOMEM;
					goto done;
				}
			}
	}
	if (status != HABAR_OK)
		goto fail;
	for (k = 0; k < ncs && status == HABAR_OK; k++)
		status = learn_corpus(lex, &cs[k]);
	goto done;
fail:
	if (perr.message[0] != '\0')
		snprintf(lex->error, sizeof(lex->error), "line %lu: %.200s",
		    perr.line, perr.message);
done:
	for (k = 0; k < ncs; k++)
		corpus_free(&cs[k]);
	free(cs);
	habar_tmx_reader_close(rd);
	return status;
}

enum habar_status
habar_lexicon_write(const struct habar_lexicon *lex, const char *source,
    FILE *fp)
{
	const struct table *t;
	size_t k, i;

	fprintf(fp, "%s\nsource %s\n", FORMAT, source);
	for (k = 0; k < lex->ntables; k++) {
		t = &lex->tables[k];
		if (t->listed)
			continue;
		fprintf(fp, "pair %s %s %zu %zu\n", t->la, t->lb, t->n,
		    t->units);
		for (i = 0; i < t->n; i++)
			fprintf(fp, "%08x %08x %.4f %.4f %u %u %u\n",
			    (unsigned)t->e[i].a, (unsigned)t->e[i].b,
			    t->e[i].ab, t->e[i].ba, (unsigned)t->e[i].both,
			    (unsigned)t->e[i].na, (unsigned)t->e[i].nb);
	}
	fprintf(fp, "end\n");
	return ferror(fp) ? HABAR_ERR_IO : HABAR_OK;
}

enum habar_status
habar_lexicon_read(struct habar_lexicon *lex, const char *source, FILE *fp)
{
	char line[256], la[LANG_MAX], lb[LANG_MAX];
	struct habar__lexicon_entry *e = NULL;
	unsigned a, b, both, na, nb;
	size_t n, i, len, units;
	float ab, ba;
	enum habar_status status;

	if (fgets(line, sizeof(line), fp) == NULL ||
	    strcmp(line, FORMAT "\n") != 0 ||
	    fgets(line, sizeof(line), fp) == NULL ||
	    strncmp(line, "source ", 7) != 0)
		return HABAR_ERR_INPUT;
	len = strlen(line);
	if (len > 0 && line[len - 1] == '\n')
		line[--len] = '\0';
	if (source != NULL && strcmp(line + 7, source) != 0)
		return HABAR_ERR_INPUT;
	for (;;) {
		if (fgets(line, sizeof(line), fp) == NULL)
			return HABAR_ERR_INPUT;	/* cut short */
		if (strcmp(line, "end\n") == 0)
			return HABAR_OK;
		if (sscanf(line, "pair %15s %15s %zu %zu", la, lb, &n,
		    &units) != 4 || n > HABAR_LEXICON_MAX_PAIRS)
			return HABAR_ERR_INPUT;
		if ((e = malloc((n + 1) * sizeof(*e))) == NULL)
			return HABAR_ERR_NOMEM;
		for (i = 0; i < n; i++) {
			if (fgets(line, sizeof(line), fp) == NULL ||
			    sscanf(line, "%x %x %f %f %u %u %u", &a, &b, &ab,
			    &ba, &both, &na, &nb) != 7 || both > na ||
			    both > nb || na > units || nb > units) {
				free(e);
				return HABAR_ERR_INPUT;
			}
			e[i].a = a;
			e[i].b = b;
			e[i].ab = ab;
			e[i].ba = ba;
			e[i].both = both;
			e[i].na = na;
			e[i].nb = nb;
			e[i].concept = 0;
		}
		if ((status = habar__lexicon_add_table(lex, la, lb, e, n, units,
		    0)) != HABAR_OK) {
			free(e);
			return status;
		}
	}
}

/* Writes the cache at cache (through a temporary file renamed). */
static int
write_cache(const struct habar_lexicon *lex, const char *source,
    const char *cache)
{
	char tmp[PATH_MAX + 16];
	FILE *fp;
	int ok;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.%ld~", cache,
	    (long)getpid()) >= sizeof(tmp))
		return -1;
	if ((fp = fopen(tmp, "w")) == NULL)
		return -1;
	ok = habar_lexicon_write(lex, source, fp) == HABAR_OK;
	ok = fclose(fp) == 0 && ok;
	if (!ok || rename(tmp, cache) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* Adds the lexicon of cache if it was made from source; 0 when it was. */
static int
read_cache(struct habar_lexicon *lex, const char *source, const char *cache)
{
	FILE *fp;
	size_t before = lex->ntables, k;
	enum habar_status status;

	if ((fp = fopen(cache, "r")) == NULL)
		return -1;
	status = habar_lexicon_read(lex, source, fp);
	fclose(fp);
	if (status != HABAR_OK) {
		/* A stale or broken cache adds nothing. */
		for (k = before; k < lex->ntables; k++)
			free(lex->tables[k].e);
		lex->ntables = before;
		return -1;
	}
	return 0;
}

enum habar_status
habar_lexicon_add_memory(struct habar_lexicon *lex, const char *path)
{
	char source[64], beside[PATH_MAX], other[PATH_MAX];
	struct stat sb;
	FILE *fp;
	enum habar_status status;
	int have_other;

	lex->error[0] = '\0';
	if ((fp = fopen(path, "r")) == NULL || fstat(fileno(fp), &sb) != 0) {
		snprintf(lex->error, sizeof(lex->error), "%s", strerror(errno));
		if (fp != NULL)
			fclose(fp);
		return HABAR_ERR_NOTFOUND;
	}
	snprintf(source, sizeof(source), "%lld %lld", (long long)sb.st_size,
	    (long long)sb.st_mtime);
	have_other = habar__cache_elsewhere(path, ".lex", other,
	    sizeof(other)) == 0;
	if ((size_t)snprintf(beside, sizeof(beside), "%s.lex", path) <
	    sizeof(beside) && read_cache(lex, source, beside) == 0) {
		fclose(fp);
		return HABAR_OK;
	}
	if (have_other && read_cache(lex, source, other) == 0) {
		fclose(fp);
		return HABAR_OK;
	}
	{
		size_t before = lex->ntables;
		struct habar_lexicon part;

		status = habar_lexicon_learn(lex, fp);
		fclose(fp);
		if (status != HABAR_OK)
			return status;
		/* The cache holds this memory's tables only. */
		memset(&part, 0, sizeof(part));
		part.tables = lex->tables + before;
		part.ntables = lex->ntables - before;
		if (write_cache(&part, source, beside) != 0 && have_other)
			(void)write_cache(&part, source, other);
	}
	return HABAR_OK;
}
