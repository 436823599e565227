/*
 * qa_text.c: the checks of habar-qa that read a segment as a whole text:
 * empty against not, left untranslated (the same text, or the other
 * language's script), and a length far from the document's ratio.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "langguess.h"
#include "qa_internal.h"
#include "utf8_internal.h"

int
habar__qa_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r'))
			return 0;
	return 1;
}

void
habar__qa_check_empty(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t a, size_t b)
{
	int ea = habar__qa_blank(u->segs[a].text, u->segs[a].len);
	int eb = habar__qa_blank(u->segs[b].text, u->segs[b].len);
	struct habar_qa_finding *f;
	size_t s;

	if (ea == eb)
		return;
	s = ea ? a : b;
	if ((f = habar__qa_add(qa, HABAR_QA_EMPTY, HABAR_QA_ERROR, a, b, s, 0,
	    0)) != NULL)
		snprintf(f->message, sizeof(f->message), "%s is empty, %s is "
		    "not", u->segs[s].lang, u->segs[s == a ? b : a].lang);
}

/* The primary subtag of a language tag, for comparing with a guess. */
int
habar__qa_same_language(const char *tag, const char *lang)
{
	size_t n = strlen(lang);

	return strncmp(tag, lang, n) == 0 && (tag[n] == '\0' || tag[n] == '-' ||
	    tag[n] == '_');
}

static int
latin_script(const char *lang)
{
	return habar__qa_same_language(lang, "en") ||
	    strstr(lang, "Latn") != NULL;
}

/*
 * Copies the text of segment i (s) into qa->scratch without its URLs,
 * addresses, tags, handles and names; returns its length (0 when memory
 * ran out).
 */
static size_t
words_only(struct habar_qa *qa, size_t i, const struct habar_qa_segment *s)
{
	const struct habar_values *vals = qa->values[i];
	size_t k, at = 0, len = 0;

	if (qa->scratch_size < s->len + 1) {
		char *p = realloc(qa->scratch, s->len + 1);
		if (p == NULL)
			return 0;
		qa->scratch = p;
		qa->scratch_size = s->len + 1;
	}
	for (k = 0; k < habar_values_count(vals); k++) {
		const struct habar_value *v = habar_values_get(vals, k);
		if (v->kind < HABAR_VALUE_URL || v->start < at)
			continue;
		memcpy(qa->scratch + len, s->text + at, v->start - at);
		len += v->start - at;
		qa->scratch[len++] = ' ';
		at = v->end;
	}
	memcpy(qa->scratch + len, s->text + at, s->len - at);
	len += s->len - at;
	return len;
}

void
habar__qa_check_untranslated(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t a, size_t b)
{
	const struct habar_qa_segment *x = &u->segs[a], *y = &u->segs[b];
	struct habar_qa_finding *f;
	const char *guess;
	size_t side;

	if (habar__qa_same_language(x->lang, y->lang) ||
	    habar__qa_same_language(y->lang, x->lang))
		return;
	if (x->len == y->len && x->len > 0 && memcmp(x->text, y->text,
	    x->len) == 0) {
		if (habar__utf8_chars(x->text, x->len) < 12 ||
		    habar__guess_lang(x->text, x->len) == NULL)
			return;	/* a name, a figure, a short title */
		if ((f = habar__qa_add(qa, HABAR_QA_UNTRANSLATED,
		    HABAR_QA_ERROR, a, b, b, 0, 0)) != NULL)
			snprintf(f->message, sizeof(f->message), "%s is the "
			    "same text as %s", y->lang, x->lang);
		return;
	}
	/* One side written in the other's script: an English sentence in
	 * the Russian or Kazakh column, or the other way round.  Kazakh
	 * against Russian is left alone: short texts mislead the guess. */
	for (side = 0; side < 2; side++) {
		const struct habar_qa_segment *s = side ? x : y, *o = side ? y : x;
		size_t len;
		if (latin_script(s->lang) == latin_script(o->lang))
			continue;
		/* Addresses and names are written in Latin letters in every
		 * language: the guess reads the rest. */
		len = words_only(qa, side ? a : b, s);
		if (habar__utf8_chars(qa->scratch, len) < 20)
			continue;
		guess = habar__guess_lang(qa->scratch, len);
		if (guess == NULL || latin_script(guess) == latin_script(s->lang))
			continue;
		if ((f = habar__qa_add(qa, HABAR_QA_UNTRANSLATED,
		    HABAR_QA_ERROR, a, b, side ? a : b, 0, 0)) != NULL)
			snprintf(f->message, sizeof(f->message), "%s reads as "
			    "%s, not %s: left untranslated?", s->lang, guess,
			    s->lang);
		return;
	}
}

/* Whether segments i and j of u (i before j) are more than 2.5 times
 * off the running ratio of their languages; also when it is not known
 * yet. */
static int
off_ratio(const struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t i, size_t j)
{
	const struct habar_qa_segment *x = &u->segs[i], *y = &u->segs[j];
	double ci = (double)habar__utf8_chars(x->text, x->len);
	double cj = (double)habar__utf8_chars(y->text, y->len);
	size_t k;

	for (k = 0; k < qa->ratio_count; k++)
		if (strcmp(qa->ratios[k].a, x->lang) == 0 &&
		    strcmp(qa->ratios[k].b, y->lang) == 0) {
			double want = qa->ratios[k].sum_b / qa->ratios[k].sum_a;
			if (qa->ratios[k].n < 20 || ci < 1 || cj < 1)
				return 1;
			return cj / ci > want * 2.5 || cj / ci < want / 2.5;
		}
	return 1;
}

/*
 * Whether segment a of u is the odd one out in length: off the ratio
 * against every version but b too.  A version whose length the others
 * share is no outlier: a headline that spells out an abbreviation
 * ("LSU's Sims", «Луизиана мемлекеттік университетінің ойыншысы Симс»)
 * is long against the English only, within the ratio against Russian.
 */
static int
odd_one(const struct habar_qa *qa, const struct habar_qa_unit *u, size_t a,
    size_t b)
{
	size_t c, n = u->count < QA_MAX_SEGS ? u->count : QA_MAX_SEGS;

	for (c = 0; c < n; c++)
		if (c != a && c != b && !off_ratio(qa, u, a < c ? a : c,
		    a < c ? c : a))
			return 0;
	return 1;
}

void
habar__qa_check_length(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t a, size_t b)
{
	const struct habar_qa_segment *x = &u->segs[a], *y = &u->segs[b];
	double ca = (double)habar__utf8_chars(x->text, x->len);
	double cb = (double)habar__utf8_chars(y->text, y->len);
	struct qa_ratio *r = NULL;
	struct habar_qa_finding *f;
	size_t i;

	if (ca < 1 || cb < 1)
		return;
	for (i = 0; i < qa->ratio_count; i++)
		if (strcmp(qa->ratios[i].a, x->lang) == 0 &&
		    strcmp(qa->ratios[i].b, y->lang) == 0) {
			r = &qa->ratios[i];
			break;
		}
	if (r == NULL) {
		if (qa->ratio_count == sizeof(qa->ratios) / sizeof(qa->ratios[0]))
			return;
		r = &qa->ratios[qa->ratio_count++];
		snprintf(r->a, sizeof(r->a), "%s", x->lang);
		snprintf(r->b, sizeof(r->b), "%s", y->lang);
	}
	/* Against the ratio of the units before: the document's own. */
	if (r->n >= 20 && (ca >= 40 || cb >= 40)) {
		double want = r->sum_b / r->sum_a, got = cb / ca;
		if ((got > want * 2.5 || got < want / 2.5) && (odd_one(qa, u,
		    a, b) || odd_one(qa, u, b, a))) {
			if ((f = habar__qa_add(qa, HABAR_QA_LENGTH,
			    HABAR_QA_WARNING, a, b, b, 0, 0)) != NULL)
				snprintf(f->message, sizeof(f->message),
				    "%s is %.0f characters against %.0f in %s, "
				    "a ratio of %.2f where the document's is "
				    "%.2f", y->lang, cb, ca, x->lang, got, want);
		}
	}
	r->sum_a += ca;
	r->sum_b += cb;
	r->n++;
}
