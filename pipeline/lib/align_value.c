/*
 * align_value.c: the values the recogniser (habar/recognise.h) finds in a
 * sentence where no figure shows them, as anchors of the aligner: a
 * month or a weekday named in any of its forms ("in September", «в
 * сентябре», «қыркүйекте»; "on Tuesday", «во вторник», «сейсенбіде») and
 * a number written in words ("two", «два», «екі»).  Translators keep
 * them as they keep figures, but the anchors of align_anchor.c see only
 * digits and capitalised words, so the three languages shared nothing
 * there, and an English month or weekday, capitalised, even counted as a
 * name the other side lacked.  (A cue word the recogniser takes for no
 * value, such as Sun, keeps its own anchor.)
 *
 * A spelled number becomes the anchor of its figure, so "two" and 2
 * agree as well as "two" and «два»; a month or weekday becomes an anchor
 * of its own kind (HABAR__ANCHOR_VALUE), weighed as a name (0.6) when
 * shared, and costing nothing when one side lacks it, as translators
 * drop "on Tuesday" more easily than a figure (on the loose set, seeds 1
 * and 2, a cost of 0.3 or 0.6 for it lowered the mean F1 by 0.0015 and
 * 0.005, a weight of 0.45 to 1.0 changed it by 0.0004 at most).  The
 * figures of a date stay the number anchors they were: «24 ноября» and
 * "November 24" share the day as before, and the month besides.
 *
 * The recogniser cuts text into tokens with ICU, which takes longer than
 * the rest of the aligner's reading; so it is called only on a sentence
 * holding a cue: a word that the recogniser's data lists as a month,
 * weekday or number word, found by the hash of its lower-case letters in
 * a small table (most sentences hold none).  One recogniser serves both
 * threads of the aligner (it is only read); each thread has its own
 * struct habar__align_values, with its list of values.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align_internal.h"
#include "recognise_internal.h"

#define CUE_SLOTS 4096		/* a power of two, over the cue words */

struct habar__align_values {
	const struct habar_recogniser *rec;	/* borrowed */
	struct habar_values *values;
	uint32_t cue[CUE_SLOTS];		/* hashes; 0: free */
};

/* Adds the hash of the lower-case word text (UTF-8) to the cue table. */
static void
cue_add(struct habar__align_values *v, const char *text)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t i = 0, n = strlen(text), slot, probes;
	uint32_t h = HABAR__ALIGN_CUE_SEED, cp;

	while (i < n) {
		i += habar__align_char(u + i, n - i, &cp);
		h = habar__align_cue_step(h, cp);
	}
	if (h == 0)
		h = 1;
	slot = h & (CUE_SLOTS - 1);
	for (probes = 0; probes < CUE_SLOTS; probes++) {
		if (v->cue[slot] == h)
			return;
		if (v->cue[slot] == 0) {
			v->cue[slot] = h;
			return;
		}
		slot = (slot + 1) & (CUE_SLOTS - 1);
	}
}

enum habar_status
habar__align_values_new(struct habar__align_values **out,
    const struct habar_recogniser *rec)
{
	static const char *const tags[] = { "en", "ru", "kk" };
	struct habar__align_values *v;
	const struct rec_lang *l;
	size_t t, i;
	enum habar_status status;

	*out = NULL;
	if ((v = calloc(1, sizeof(*v))) == NULL)
		return HABAR_ERR_NOMEM;
	if ((status = habar_values_new(&v->values)) != HABAR_OK) {
		free(v);
		return status;
	}
	v->rec = rec;
	for (t = 0; t < sizeof(tags) / sizeof(tags[0]); t++) {
		l = habar__recognise_lang(rec, tags[t]);
		for (i = 0; i < l->count; i++)
			if (l->words[i].kind == RW_MONTH ||
			    l->words[i].kind == RW_WEEKDAY ||
			    l->words[i].kind == RW_NUMBER)
				cue_add(v, l->words[i].text);
	}
	*out = v;
	return HABAR_OK;
}

void
habar__align_values_free(struct habar__align_values *v)
{
	if (v == NULL)
		return;
	habar_values_free(v->values);
	free(v);
}

int
habar__align_values_cue(const struct habar__align_values *v, uint32_t h)
{
	size_t slot, probes;

	if (h == 0)
		h = 1;
	/* Bounded: a table the data filled has no free slot to stop at. */
	slot = h & (CUE_SLOTS - 1);
	for (probes = 0; probes < CUE_SLOTS && v->cue[slot] != 0; probes++) {
		if (v->cue[slot] == h)
			return 1;
		slot = (slot + 1) & (CUE_SLOTS - 1);
	}
	return 0;
}

/* Adds key to keys[*n] unless max are there. */
static void
push(uint32_t *keys, size_t *n, size_t max, uint32_t key)
{
	if (*n < max)
		keys[(*n)++] = key;
}

/*
 * Adds the number anchor of the figure x (a spelled number, its scale
 * word taken out, as the digits of «3 млн» are 3), keyed as
 * align_anchor.c keys the digits of a figure; a fraction adds nothing,
 * and neither does one: "one of them", «один из них» are no count, and
 * Kazakh writes «бір» for "a" (its number-words leave it out), so one
 * was a number the other side lacked more often than a shared one (loose
 * set, seeds 1 and 2: mean F1 0.9386 with it, 0.9433 without).
 */
static void
push_figure(uint32_t *keys, size_t *n, size_t max, double x)
{
	char digits[32];
	int len;

	if (!(x >= 0 && x < 1e15) || x != floor(x) || x == 1)
		return;
	len = snprintf(digits, sizeof(digits), "%.0f", x);
	if (len > 0 && (size_t)len < sizeof(digits))
		push(keys, n, max, habar__anchor_key(HABAR__ANCHOR_NUMBER,
		    digits, (size_t)len));
}

/* The figure of a number value, its scale word taken out. */
static double
figure(const struct habar_value *x, double number)
{
	return x->scale > 1 ? number / x->scale : number;
}

/*
 * Adds the anchors of the values found in text[from, to) (a window of the
 * sentence around cue words) and marks the cues they cover.
 */
static enum habar_status
add_window(struct habar__align_values *v, const char *lang, const char *text,
    size_t from, size_t to, const struct habar__align_cue *cues, size_t ncue,
    unsigned char *covered, uint32_t *keys, size_t *n, size_t max)
{
	const struct habar_value *x;
	size_t i, c, count;
	char name[16];
	enum habar_status status;

	status = habar_recognise(v->rec, v->values, lang, text + from,
	    to - from, HABAR_RECOGNISE_KIND(HABAR_VALUE_NUMBER) |
	    HABAR_RECOGNISE_KIND(HABAR_VALUE_DATE) |
	    HABAR_RECOGNISE_KIND(HABAR_VALUE_TIME) |
	    HABAR_RECOGNISE_KIND(HABAR_VALUE_MONEY));
	if (status != HABAR_OK && status != HABAR_ERR_LIMIT)
		return status;
	count = habar_values_count(v->values);
	for (i = 0; i < count; i++) {
		x = habar_values_get(v->values, i);
		if (x->kind == HABAR_VALUE_DATE) {
			/* A month named by a word (one written as a figure
			 * is a number anchor already), a weekday. */
			if (x->month > 0 && x->month_form > 0) {
				snprintf(name, sizeof(name), "m%d", x->month);
				push(keys, n, max, habar__anchor_key(
				    HABAR__ANCHOR_VALUE, name, strlen(name)));
			}
			if (x->weekday > 0) {
				snprintf(name, sizeof(name), "w%d",
				    x->weekday);
				push(keys, n, max, habar__anchor_key(
				    HABAR__ANCHOR_VALUE, name, strlen(name)));
			}
		} else if ((x->kind == HABAR_VALUE_NUMBER ||
		    x->kind == HABAR_VALUE_MONEY) &&
		    (x->flags & HABAR_VALUE_SPELLED)) {
			push_figure(keys, n, max, figure(x, x->number));
			if (x->flags & HABAR_VALUE_RANGE)
				push_figure(keys, n, max,
				    figure(x, x->number_to));
		} else
			continue;
		for (c = 0; c < ncue; c++)
			if (cues[c].start >= from + x->start &&
			    cues[c].end <= from + x->end)
				covered[c] = 1;
	}
	return HABAR_OK;
}

/*
 * Moves from byte i of text (len bytes) over words words towards its
 * start (dir -1) or its end (dir 1); returns where it stops, at a space
 * or an end of the text.
 */
static size_t
over_words(const char *text, size_t len, size_t i, int dir, int words)
{
	while (words > 0) {
		if (dir < 0) {
			while (i > 0 && text[i - 1] == ' ')
				i--;
			while (i > 0 && text[i - 1] != ' ')
				i--;
			if (i == 0)
				break;
		} else {
			while (i < len && text[i] == ' ')
				i++;
			while (i < len && text[i] != ' ')
				i++;
			if (i == len)
				break;
		}
		words--;
	}
	return i;
}

/*
 * The words a value of a cue word reaches out to: «2005 жылғы 24 қараша»
 * three before the month, "Tuesday, 24 November 2005" or «24 ноября 2005
 * года» three after the weekday or the month.
 */
#define REACH 3

enum habar_status
habar__align_values_add(struct habar__align_values *v, const char *lang,
    const char *text, size_t len, const struct habar__align_cue *cues,
    size_t ncue, uint32_t *keys, size_t *n, size_t max)
{
	size_t c, from, to, first;
	unsigned char covered[HABAR__ALIGN_CUES] = { 0 };
	enum habar_status status;

	if (ncue > HABAR__ALIGN_CUES)
		ncue = HABAR__ALIGN_CUES;
	/* Only a window around the cue words is recognised (the rest of a
	 * long sentence is the recogniser's dearest part, and holds nothing
	 * a cue word's value needs); cues whose windows meet share one. */
	for (c = 0; c < ncue; c = first) {
		from = over_words(text, len, cues[c].start, -1, REACH);
		to = over_words(text, len, cues[c].end, 1, REACH);
		for (first = c + 1; first < ncue &&
		    over_words(text, len, cues[first].start, -1, REACH) <= to;
		    first++)
			to = over_words(text, len, cues[first].end, 1, REACH);
		status = add_window(v, lang, text, from, to, cues, ncue,
		    covered, keys, n, max);
		if (status != HABAR_OK)
			return status;
	}
	/* A cue word that is no value (Sun, the newspaper) keeps its own
	 * key. */
	for (c = 0; c < ncue; c++)
		if (!covered[c] && cues[c].key != 0)
			push(keys, n, max, cues[c].key);
	return HABAR_OK;
}
