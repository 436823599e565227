/*
 * xliff_adapt.c: adapted matches.  A press office repeats itself (the
 * same forum next year, new dates and figures), so a memory unit whose
 * source differs from the new sentence only in recognised values
 * (numbers, dates, times, sums, URLs, e-mail addresses, telephone
 * numbers, hashtags, handles, names) is as good as an exact match once
 * its target carries the new values.
 *
 * The values come from the recogniser that habar-qa uses
 * (habar/recognise.h).  The new sentence and the memory's source must
 * hold the same kinds of value in the same order, and be the same text
 * around them (white space aside).  Each value that changed is found in
 * the memory's target by its old value (habar_value_equal(), so «25
 * ноября» is found for "25 November") and rewritten there:
 * numbers, dates, times and sums by habar_recognise_render() in the form
 * the old target used (its case form of the month, its year word: «2026
 * жылғы 25 қарашада», «25 ноября 2026 года»), URLs, e-mail addresses,
 * telephone numbers, hashtags and handles as the new sentence writes
 * them, a name only where the old target wrote it exactly as the old
 * source did (the same script, no case ending).  A value that both
 * sources write as plain digits (a year, a count) and that the target
 * writes as another kind of value ("2017" against «2017 года», "40%"
 * against «40 процентов») has those digits replaced where they stand,
 * once, inside a value of the target.  When any changed value cannot be
 * placed so, there is no adapted match.
 */
#include <stdlib.h>
#include <string.h>

#include <habar/recognise.h>

#include "xliff_internal.h"

/* The largest rendering of one value. */
#define RENDER_MAX 256

struct side {
	struct habar_values *values;
	const char *text;
	size_t len;
};

/* The text with each value replaced by \1 and white space collapsed. */
static char *
masked(const struct side *s)
{
	size_t n = habar_values_count(s->values), i, v = 0;
	char *out = malloc(s->len + 1), *w = out;
	int space = 0;

	if (out == NULL)
		return NULL;
	for (i = 0; i < s->len; i++) {
		const struct habar_value *val = v < n ?
		    habar_values_get(s->values, v) : NULL;
		char c = s->text[i];
		if (val != NULL && i >= val->start && i < val->end) {
			if (i == val->start) {
				if (space && w > out)
					*w++ = ' ';
				space = 0;
				*w++ = '\1';
			}
			if (i + 1 == val->end)
				v++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = 1;
			continue;
		}
		if (space && w > out)
			*w++ = ' ';
		space = 0;
		*w++ = c;
	}
	*w = '\0';
	return out;
}

/* One change to the old target: bytes [start, end) become text. */
struct edit {
	size_t start, end;
	char text[RENDER_MAX];
	size_t len;
};

static int
compare_edits(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

/* Whether value kind k is written the same in every language. */
static int
copied_kind(enum habar_value_kind k)
{
	return k == HABAR_VALUE_URL || k == HABAR_VALUE_EMAIL ||
	    k == HABAR_VALUE_PHONE || k == HABAR_VALUE_HASHTAG ||
	    k == HABAR_VALUE_HANDLE;
}

/* The figures of v in text as one run of digits, or NULL: the value's
 * number (or the whole value) written as plain digits, "2017", "40". */
static const char *
plain_digits(const struct habar_value *v, const char *text, size_t *len_out)
{
	size_t start = v->start, end = v->end, i;

	if ((v->kind == HABAR_VALUE_NUMBER || v->kind == HABAR_VALUE_MONEY) &&
	    v->number_end > v->number_start) {
		start = v->number_start;
		end = v->number_end;
	} else if (v->kind == HABAR_VALUE_DATE && v->day == 0 &&
	    v->month == 0 && v->year_end > v->year_start) {
		start = v->year_start;
		end = v->year_end;
	}
	if (end == start || end - start > 18)
		return NULL;
	for (i = start; i < end; i++)
		if (text[i] < '0' || text[i] > '9')
			return NULL;
	*len_out = end - start;
	return text + start;
}

/*
 * The fallback for a value written as plain digits in both sources (a
 * year, a count) that the target writes as another kind of value ("2017"
 * against «2017 года», "40%" against «40 процентов»): the same digits,
 * once, inside one unused value of the target, become the new ones.
 */
static int
digits_edit(const struct side *n, const struct habar_value *nv,
    const struct side *s, const struct habar_value *sv, const struct side *t,
    unsigned char *used, struct edit *ed, const struct habar_value **hit_out)
{
	const char *old, *new, *hit = NULL, *p;
	size_t old_len, new_len, j, hit_j = 0;
	size_t tcount = habar_values_count(t->values);

	if ((old = plain_digits(sv, s->text, &old_len)) == NULL ||
	    (new = plain_digits(nv, n->text, &new_len)) == NULL ||
	    new_len >= RENDER_MAX)
		return 0;
	for (j = 0; j < tcount; j++) {
		const struct habar_value *c = habar_values_get(t->values, j);
		/* A value rewritten whole is taken; one whose digits were
		 * replaced may hold other digits to replace ("555 111"
		 * where the source reads 555 and 111). */
		if (used[j] == 1)
			continue;
		for (p = t->text + c->start; p + old_len <= t->text + c->end;
		    p++) {
			if (memcmp(p, old, old_len) != 0 ||
			    (p > t->text && p[-1] >= '0' && p[-1] <= '9') ||
			    (p + old_len < t->text + t->len &&
			    p[old_len] >= '0' && p[old_len] <= '9'))
				continue;
			if (hit != NULL)
				return 0;	/* twice: which one? */
			hit = p;
			hit_j = j;
		}
	}
	if (hit == NULL)
		return 0;
	used[hit_j] = 2;
	*hit_out = habar_values_get(t->values, hit_j);
	ed->start = (size_t)(hit - t->text);
	ed->end = ed->start + old_len;
	memcpy(ed->text, new, new_len);
	ed->len = new_len;
	return 1;
}

/*
 * The noun after the target value tv that must agree with the number nv
 * now written there (Russian «2 дня», «5 дней»), or a Kazakh suffix
 * after its figures that must still fit («5-ке», not «6-ке»): 1 with its
 * edit in
 * *ed, 0 when none must change, -1 when it cannot be written rightly
 * (then there is no adapted match: «77 процента» would be wrong).
 * digits is set when only some digits of tv were replaced (digits_edit()):
 * the number written is then new_digits.
 */
static int
agree(const struct habar_recogniser *rec, const char *trg,
    const struct side *t, const struct habar_value *tv,
    const struct habar_value *nv, const struct edit *digits,
    struct edit *ed)
{
	struct habar_agreement a;
	struct habar_value v = *tv, like = *tv;
	int whole = 1;

	if (tv->kind == HABAR_VALUE_TIME && digits == NULL) {
		/* A Kazakh suffix after the time (сағат 10-да). */
		v.hour = nv->hour;
		v.minute = nv->minute;
		return habar_recognise_agree(rec, &a, trg, &v, tv, t->text,
		    t->len) == HABAR_OK ? 0 : -1;
	}
	if (tv->kind != HABAR_VALUE_NUMBER && tv->kind != HABAR_VALUE_MONEY)
		return 0;
	if (digits != NULL) {
		char figures[RENDER_MAX];
		double scale = tv->scale > 0 ? tv->scale : 1;
		/* Digits replaced inside the figures ("555" of "555 111"):
		 * the categories of the old and new digits say whether the
		 * noun may change, and then it is not known how. */
		whole = digits->start == tv->number_start &&
		    digits->end == tv->number_end;
		memcpy(figures, digits->text, digits->len);
		figures[digits->len] = '\0';
		v.number = v.number_to = strtod(figures, NULL) * scale;
		if (!whole) {
			memcpy(figures, t->text + digits->start,
			    digits->end - digits->start);
			figures[digits->end - digits->start] = '\0';
			like.number = like.number_to = strtod(figures, NULL) *
			    scale;
		}
	} else {
		v.number = nv->number;
		v.number_to = nv->number_to;
		v.flags = nv->flags;
	}
	if (habar_recognise_agree(rec, &a, trg, &v, &like, t->text, t->len) !=
	    HABAR_OK || (!whole && a.end > a.start))
		return -1;
	/* A noun inside the value was written by the rendering. */
	if (a.end <= a.start || (digits == NULL && a.start < tv->end))
		return 0;
	ed->start = a.start;
	ed->end = a.end;
	memcpy(ed->text, a.text, a.len);
	ed->len = a.len;
	return 1;
}

/*
 * Whether two dates name the same day where one of them leaves the
 * weekday out: «субботу, 29-го сентября» for "September 29", «30
 * қыркүйекте» for "Sunday, 30 September".
 */
static int
same_date(const struct habar_value *a, const struct habar_value *b)
{
	return a->kind == HABAR_VALUE_DATE && b->kind == HABAR_VALUE_DATE &&
	    (a->weekday == 0) != (b->weekday == 0) && a->day != 0 &&
	    a->day == b->day && a->day_to == b->day_to &&
	    a->month == b->month && a->year == b->year;
}

/* Whether value v of side s is written with a digit. */
static int
has_digit(const struct side *s, const struct habar_value *v)
{
	size_t i;

	for (i = v->start; i < v->end && i < s->len; i++)
		if (s->text[i] >= '0' && s->text[i] <= '9')
			return 1;
	return 0;
}

/*
 * Works out the edits that carry the values of the new sentence (n) in
 * place of the old source's (s) into the old target (t), with the nouns
 * that agree with a changed number.  Returns the number of edits, 0 when
 * nothing changed, -1 when it cannot be done.
 */
static long
plan(const struct habar_recogniser *rec, const char *trg,
    const struct side *n, const struct side *s, const struct side *t,
    struct edit *edits, size_t max_edits)
{
	size_t count = habar_values_count(n->values), tcount, i, j, e = 0, tj = 0;
	unsigned char *used;
	long result = -1;
	int pass, agreed;

	if (count != habar_values_count(s->values))
		return -1;
	tcount = habar_values_count(t->values);
	if ((used = calloc(tcount + 1, 1)) == NULL)
		return -1;
	for (i = 0; i < count; i++) {
		const struct habar_value *nv = habar_values_get(n->values, i);
		const struct habar_value *sv = habar_values_get(s->values, i);
		const struct habar_value *tv = NULL, *hit = NULL;
		struct edit *ed;

		if (nv->kind != sv->kind)
			goto done;
		if (habar_value_equal(nv, sv))
			continue;
		/* The old value in the target: written in figures where the
		 * source wrote figures (the "2" of «Норд Стрим 2», not the
		 * «екі» of «екі есе»), else as it may be. */
		for (pass = has_digit(s, sv) ? 0 : 1; pass < 2 && tv == NULL;
		    pass++)
			for (j = 0; j < tcount; j++) {
				const struct habar_value *c =
				    habar_values_get(t->values, j);
				if (!used[j] && c->kind == sv->kind &&
				    (pass == 1 || has_digit(t, c)) &&
				    (habar_value_equal(c, sv) ||
				    same_date(c, sv))) {
					tv = c;
					tj = j;
					used[j] = 1;
					break;
				}
			}
		/* Room for the value and a noun after it. */
		if (e + 2 > max_edits)
			goto done;
		ed = &edits[e];
		if (tv == NULL) {
			if (!digits_edit(n, nv, s, sv, t, used, ed, &hit))
				goto done;
		} else if (copied_kind(nv->kind) || nv->kind == HABAR_VALUE_NAME) {
			ed->start = tv->start;
			ed->end = tv->end;
			/* A name only where the old target wrote it as the
			 * old source did. */
			if (nv->kind == HABAR_VALUE_NAME &&
			    (tv->end - tv->start != sv->end - sv->start ||
			    memcmp(t->text + tv->start, s->text + sv->start,
			    sv->end - sv->start) != 0))
				goto done;
			if (nv->end - nv->start >= RENDER_MAX)
				goto done;
			memcpy(ed->text, n->text + nv->start, nv->end - nv->start);
			ed->len = nv->end - nv->start;
		} else {
			ed->start = tv->start;
			ed->end = tv->end;
			if (habar_recognise_render(rec, ed->text,
			    sizeof(ed->text), &ed->len, trg, nv, tv, t->text) !=
			    HABAR_OK) {
				used[tj] = 0;
				tv = NULL;
				if (!digits_edit(n, nv, s, sv, t, used, ed,
				    &hit))
					goto done;
			}
		}
		e++;
		/* The noun after the number: «2 дня» becomes «5 дней», and
		 * «72 процента» is never written «77 процента». */
		if (tv != NULL)
			agreed = agree(rec, trg, t, tv, nv, NULL, &edits[e]);
		else
			agreed = agree(rec, trg, t, hit, nv, ed, &edits[e]);
		if (agreed < 0)
			goto done;
		e += (size_t)agreed;
	}
	result = (long)e;
done:
	free(used);
	return result;
}

/* The recogniser, loaded on first use; NULL when its data is missing
 * (then nothing is adapted, with one warning). */
static const struct habar_recogniser *
recogniser(struct habar_xliff *xliff)
{
	char why[256];

	if (xliff->recogniser == NULL && !xliff->recogniser_failed &&
	    habar_recognise_new(&xliff->recogniser, why, sizeof(why)) !=
	    HABAR_OK) {
		xliff->recogniser_failed = 1;
		habar__xl_warn(xliff, 0, "no adapted matches: the "
		    "recogniser cannot start (%s)", why);
	}
	return xliff->recogniser;
}

enum habar_status
habar__xl_adapt(struct habar_xliff *xliff, const char *src, const char *trg,
    const char *text, size_t len, struct xl_candidate *cand)
{
	const struct habar_recogniser *rec;
	struct side n = { NULL, text, len };
	struct side s = { NULL, cand->source, strlen(cand->source) };
	struct side t = { NULL, cand->target, strlen(cand->target) };
	struct edit *edits = NULL;
	enum habar_status status = HABAR_OK;
	char *mn = NULL, *ms = NULL, *out, *w;
	long count;
	size_t i, at, size;

	cand->adapted = NULL;
	if ((rec = recogniser(xliff)) == NULL)
		return HABAR_OK;
	if (habar_values_new(&n.values) != HABAR_OK ||
	    habar_values_new(&s.values) != HABAR_OK ||
	    habar_values_new(&t.values) != HABAR_OK) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	/* A value limit or a failure only means no adapted match. */
	if (habar_recognise(rec, n.values, src, n.text, n.len,
	    HABAR_RECOGNISE_ALL) != HABAR_OK ||
	    habar_recognise(rec, s.values, src, s.text, s.len,
	    HABAR_RECOGNISE_ALL) != HABAR_OK ||
	    habar_recognise(rec, t.values, trg, t.text, t.len,
	    HABAR_RECOGNISE_ALL) != HABAR_OK ||
	    habar_values_count(n.values) == 0)
		goto done;
	if ((mn = masked(&n)) == NULL || (ms = masked(&s)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	if (strcmp(mn, ms) != 0)
		goto done;
	size = 2 * habar_values_count(n.values);
	if ((edits = calloc(size, sizeof(*edits))) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	if ((count = plan(rec, trg, &n, &s, &t, edits, size)) <= 0)
		goto done;
	qsort(edits, (size_t)count, sizeof(*edits), compare_edits);
	for (i = 1; i < (size_t)count; i++)
		if (edits[i].start < edits[i - 1].end)
			goto done;	/* overlapping: not one value each */
	size = t.len + 1;
	for (i = 0; i < (size_t)count; i++)
		size += edits[i].len;
	if ((out = malloc(size)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	for (i = 0, at = 0, w = out; i < (size_t)count; i++) {
		memcpy(w, t.text + at, edits[i].start - at);
		w += edits[i].start - at;
		memcpy(w, edits[i].text, edits[i].len);
		w += edits[i].len;
		at = edits[i].end;
	}
	memcpy(w, t.text + at, t.len - at);
	w[t.len - at] = '\0';
	cand->adapted = out;
done:
	free(edits);
	free(mn);
	free(ms);
	habar_values_free(n.values);
	habar_values_free(s.values);
	habar_values_free(t.values);
	return status;
}
