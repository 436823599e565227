/*
 * qa.c: the checks of habar-qa (see habar/qa.h).  Each segment of a unit
 * is recognised once (habar/recognise.h); then every pair of segments is
 * compared check by check.  Values are compared as multisets, so order
 * and spelling do not matter: a figure is matched with a figure of the
 * same value wherever it stands, a date's day and year with the same
 * numbers of the other side (English writes "in 2019" where Russian
 * writes «в 2019 году», and the first is a number, the second a date).
 */
#define _GNU_SOURCE /* memmem */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align_internal.h"
#include "langguess.h"
#include "lexicon_internal.h"
#include "norm_internal.h"
#include "qa_internal.h"
#include "recognise_internal.h"
#include "spell_internal.h"
#include "utf8_internal.h"

/* One number a value contributes to the comparison of figures. */
struct qa_atom {
	double v;
	size_t start, end;
	int spelled, matched, hour;
	int code;		/* written on to letters: SS19 */
	unsigned system;	/* HABAR_VALUE_IMPERIAL or _METRIC, or 0 */
	const char *quantity;	/* of its unit of measure, "" without */
	double unit;		/* the unit's factor to its SI unit */
};

#define MAX_ATOMS 512

static const char *const qa_check_names[HABAR_QA_CHECKS] = {
	"numbers", "dates", "money", "names", "urls", "emails", "phones",
	"hashtags", "handles", "quotes", "brackets", "untranslated", "empty",
	"length", "terms", "meta"
};

const char *
habar_qa_check_name(enum habar_qa_check check)
{
	return (unsigned)check < HABAR_QA_CHECKS ? qa_check_names[check] : "?";
}

/* The kind of the letter c in a name's skeleton: QA_VOWEL when it ends
 * in a vowel (е is "ja"), QA_CONSONANT when it is one other symbol, else
 * 0 (see struct habar_qa). */
static unsigned char
letter_kind(const struct habar_recogniser *rec, uint32_t c)
{
	char u[8], key[16];
	size_t n = habar__norm_utf8_put(u, c);

	habar__recognise_skeleton(rec, u, n, key, sizeof(key));
	if (key[0] == '\0')
		return 0;
	if (key[strlen(key) - 1] == 'a')
		return QA_VOWEL;
	return key[1] == '\0' ? QA_CONSONANT : 0;
}

enum habar_status
habar_qa_new(struct habar_qa **qa_out)
{
	struct habar_qa *qa;
	enum habar_status status;
	size_t i;

	*qa_out = NULL;
	if ((qa = calloc(1, sizeof(*qa))) == NULL)
		return HABAR_ERR_NOMEM;
	*qa_out = qa;
	for (i = 0; i < HABAR_QA_CHECKS; i++)
		qa->on[i] = 1;
	if ((status = habar_recognise_new(&qa->rec, qa->error,
	    sizeof(qa->error))) != HABAR_OK)
		return status;
	for (i = 0; i < QA_MAX_SEGS; i++)
		if (habar_values_new(&qa->values[i]) != HABAR_OK)
			return HABAR_ERR_NOMEM;
	for (i = 'A'; i < QA_LETTERS; i++)
		qa->letter_kind[i] = letter_kind(qa->rec, (uint32_t)i);
	for (i = 0; i < 2; i++)
		if ((qa->atoms[i] = calloc(MAX_ATOMS, sizeof(*qa->atoms[i]))) ==
		    NULL)
			return HABAR_ERR_NOMEM;
	return HABAR_OK;
}

void
habar_qa_free(struct habar_qa *qa)
{
	size_t i, k;

	if (qa == NULL)
		return;
	habar_recognise_free(qa->rec);
	for (i = 0; i < QA_MAX_SEGS; i++) {
		habar_values_free(qa->values[i]);
		free(qa->folded[i]);
		free(qa->langs[i]);
	}
	for (i = 0; i < qa->term_count; i++)
		for (k = 0; k < QA_MAX_SEGS; k++)
			free(qa->terms[i].terms[k]);
	free(qa->terms);
	free(qa->findings);
	free(qa->scratch);
	free(qa->atoms[0]);
	free(qa->atoms[1]);
	for (i = 0; i < qa->dict_count; i++)
		habar__dict_free(qa->dicts[i].dict);
	for (i = 0; i < qa->morph_count; i++) {
		habar__morph_free(qa->morphs[i].morph);
		habar__stemmer_free(qa->morphs[i].stemmer);
	}
	free(qa);
}

const char *
habar_qa_error(const struct habar_qa *qa)
{
	return qa == NULL ? "" : qa->error;
}

unsigned long
habar_qa_error_line(const struct habar_qa *qa)
{
	return qa->error_line;
}

void
habar_qa_get_stats(const struct habar_qa *qa, struct habar_qa_stats *stats)
{
	*stats = qa->stats;
}

void
habar_qa_select_none(struct habar_qa *qa)
{
	memset(qa->on, 0, sizeof(qa->on));
}

enum habar_status
habar_qa_select(struct habar_qa *qa, const char *list, int on)
{
	int want[HABAR_QA_CHECKS];
	const char *p = list;
	size_t i;

	memcpy(want, qa->on, sizeof(want));
	while (*p != '\0') {
		size_t n = strcspn(p, ",");
		int found = 0;
		if (n == 3 && memcmp(p, "all", 3) == 0) {
			for (i = 0; i < HABAR_QA_CHECKS; i++)
				want[i] = on;
			found = 1;
		}
		for (i = 0; i < HABAR_QA_CHECKS && !found; i++)
			if (strlen(qa_check_names[i]) == n &&
			    memcmp(qa_check_names[i], p, n) == 0) {
				want[i] = on;
				found = 1;
			}
		if (!found && n > 0) {
			snprintf(qa->error, sizeof(qa->error),
			    "'%.*s' is not a check", (int)(n > 64 ? 64 : n), p);
			return HABAR_ERR_ARGUMENT;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	memcpy(qa->on, want, sizeof(want));
	return HABAR_OK;
}

struct habar_qa_finding *
habar__qa_add(struct habar_qa *qa, enum habar_qa_check check,
    enum habar_qa_severity severity, size_t a, size_t b, size_t seg,
    size_t start, size_t end)
{
	struct habar_qa_finding *f;

	if (qa->finding_count == qa->finding_size) {
		size_t size = qa->finding_size ? qa->finding_size * 2 : 16;
		if (qa->finding_size >= 1000 ||
		    (f = realloc(qa->findings, size * sizeof(*f))) == NULL)
			return NULL;
		qa->findings = f;
		qa->finding_size = size;
	}
	f = &qa->findings[qa->finding_count++];
	f->check = check;
	f->severity = severity;
	f->a = a;
	f->b = b;
	f->seg = seg;
	f->start = start;
	f->end = end;
	f->message[0] = '\0';
	return f;
}

enum habar_status
habar__qa_flush(struct habar_qa *qa, const struct habar_qa_unit *unit,
    habar_qa_report_fn *report, void *arg)
{
	size_t i, n = qa->finding_count;

	qa->stats.units++;
	if (n > 0)
		qa->stats.flagged++;
	for (i = 0; i < n; i++) {
		if (qa->findings[i].severity == HABAR_QA_ERROR)
			qa->stats.errors++;
		else
			qa->stats.warnings++;
	}
	qa->finding_count = 0;
	if (report != NULL && report(arg, unit, qa->findings, n) != 0)
		return HABAR_ERR_IO;
	return HABAR_OK;
}

/* Appends to a finding's message, cutting it short rather than a
 * character in two. */
static void
say(struct habar_qa_finding *f, const char *fmt, const char *a, size_t alen,
    const char *b, size_t blen)
{
	size_t n = strlen(f->message), room = sizeof(f->message) - n;
	char qa_[96], qb[96];
	size_t k;

	/* Quoted texts at most 80 bytes each, cut at a character. */
	k = alen > 80 ? 80 : alen;
	while (k > 0 && k < alen && ((unsigned char)a[k] & 0xC0) == 0x80)
		k--;
	memcpy(qa_, a, k);
	qa_[k] = '\0';
	k = blen > 80 ? 80 : blen;
	while (k > 0 && k < blen && ((unsigned char)b[k] & 0xC0) == 0x80)
		k--;
	memcpy(qb, b, k);
	qb[k] = '\0';
	snprintf(f->message + n, room, fmt, qa_, qb);
	n = strlen(f->message);
	/* snprintf may have cut a character: drop its leading bytes. */
	while (n > 0 && ((unsigned char)f->message[n - 1] & 0xC0) == 0xC0)
		f->message[--n] = '\0';
}

/* The most bytes between two figures of which the second's unit is the
 * first's too ("2 to 4 inches", «от 2,5 до 10 см»). */
#define UNIT_REACH 12

static size_t
atoms_of(const struct habar_values *vals, struct qa_atom *out)
{
	size_t i, n = 0;

#define ATOM(val, vv, sp) do { if (n < MAX_ATOMS) { out[n].v = (val); \
	out[n].start = (vv)->start; out[n].end = (vv)->end; \
	out[n].spelled = (sp); out[n].matched = 0; out[n].hour = 0; \
	out[n].system = 0; out[n].quantity = ""; out[n].unit = 0; \
	out[n].code = 0; n++; } \
	} while (0)
	for (i = 0; i < habar_values_count(vals); i++) {
		const struct habar_value *v = habar_values_get(vals, i);
		size_t k, first = n;
		switch (v->kind) {
		case HABAR_VALUE_NUMBER:
		case HABAR_VALUE_MONEY:
			ATOM(v->number, v, (v->flags & HABAR_VALUE_SPELLED) != 0);
			/* Both figures of a score, also a draw (2:2). */
			if (v->number_to != v->number ||
			    (v->flags & HABAR_VALUE_SCORE))
				ATOM(v->number_to, v, 0);
			for (k = first; k < n; k++) {
				out[k].system = v->flags &
				    (HABAR_VALUE_IMPERIAL | HABAR_VALUE_METRIC);
				out[k].quantity = v->quantity;
				out[k].unit = v->unit;
			}
			/* "2 to 4 inches", «от 2,5 до 10 см»: the first
			 * figure is in the unit of the second. */
			if (v->unit > 0 && first > 0 && out[first - 1].unit ==
			    0 && out[first - 1].system == 0 &&
			    !out[first - 1].spelled && i > 0 &&
			    habar_values_get(vals, i - 1)->kind ==
			    HABAR_VALUE_NUMBER && out[first - 1].end +
			    UNIT_REACH >= v->start) {
				out[first - 1].system = out[first].system;
				out[first - 1].quantity = v->quantity;
				out[first - 1].unit = v->unit;
			}
			break;
		case HABAR_VALUE_DATE:
			if (v->day)
				ATOM(v->day, v, 0);
			if (v->day_to != v->day)
				ATOM(v->day_to, v, 0);
			if (v->year)
				ATOM(v->year, v, 0);
			break;
		case HABAR_VALUE_TIME:
			ATOM(v->hour, v, 0);
			if (n > 0)
				out[n - 1].hour = 1;
			if (v->minute)
				ATOM(v->minute, v, 0);
			break;
		default:
			break;
		}
	}
#undef ATOM
	return n;
}

static int
near(double a, double b)
{
	double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);

	return fabs(a - b) <= m * 1e-6;
}

/* Writes "«text» (value)" items of the unmatched atoms of one side. */
static size_t
unmatched(char *buf, size_t size, const struct qa_atom *at, size_t n,
    const char *text, size_t *first, int spelled)
{
	size_t i, len = 0, count = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		size_t k, w;
		if (at[i].matched || (at[i].spelled && !spelled))
			continue;
		if (count++ == 0)
			*first = i;
		/* A value's text, cut at a character, 40 bytes at most. */
		w = at[i].end - at[i].start;
		if (w > 40) {
			w = 40;
			while (w > 0 && ((unsigned char)text[at[i].start + w] &
			    0xC0) == 0x80)
				w--;
		}
		for (k = 0; k < i; k++)
			if (!at[k].matched && (!at[k].spelled || spelled) &&
			    at[k].start == at[i].start)
				break;
		if (k < i)
			continue;	/* a range or date already named */
		if (len + w + 8 < size) {
			len += (size_t)snprintf(buf + len, size - len, "%s\"%.*s\"",
			    len ? ", " : "", (int)w, text + at[i].start);
		}
	}
	return count;
}

/* The digits of the unmatched whole numbers of at, in order. */
static void
digits_of(const struct qa_atom *at, size_t n, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n && len + 24 < size; i++)
		if (!at[i].matched && !at[i].spelled && at[i].v >= 0 &&
		    at[i].v < 1e15 && at[i].v == (double)(long long)at[i].v)
			len += (size_t)snprintf(buf + len, size - len, "%lld",
			    (long long)at[i].v);
}

static int
same_digits(const struct qa_atom *x, size_t nx, const struct qa_atom *y,
    size_t ny)
{
	char a[512], b[512];

	digits_of(x, nx, a, sizeof(a));
	digits_of(y, ny, b, sizeof(b));
	return a[0] != '\0' && strcmp(a, b) == 0;
}

/* The measuring system of all unmatched figures of at, or 0 (also when
 * one has a unit of known factor). */
static unsigned
system_of(const struct qa_atom *at, size_t n)
{
	unsigned sys = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (at[i].matched || at[i].spelled)
			continue;
		if (at[i].system == 0 || at[i].unit > 0 || (sys != 0 &&
		    at[i].system != sys))
			return 0;
		sys = at[i].system;
	}
	return sys;
}

/* Whether one side's unmatched figures are all imperial measures and
 * the other's all metric, in units measure-words gives no factor for: a
 * conversion, not an error (same_amount() checks the others). */
static int
converted(const struct qa_atom *x, size_t nx, const struct qa_atom *y, size_t ny)
{
	unsigned a = system_of(x, nx), b = system_of(y, ny);

	return a != 0 && b != 0 && a != b;
}

/* The code point before text[at], or 0 at the start. */
static uint32_t
before(const char *text, size_t at)
{
	unsigned long c = 0;
	size_t k = at;

	while (k > 0 && (k == at || ((unsigned char)text[k] & 0xC0) == 0x80))
		k--;
	if (k == at || habar__utf8_decode((const unsigned char *)text + k,
	    at - k, &c) == 0)
		return 0;
	return (uint32_t)c;
}

/* Marks the figures written on to letters: part of a code or a name
 * (SS19, HER2, F125). */
static void
in_codes(struct qa_atom *at, size_t n, const char *text)
{
	size_t i;

	for (i = 0; i < n; i++)
		at[i].code = at[i].start > 0 && habar__align_letter(before(text,
		    at[i].start));
}

/* Whether a figure of a code is left unmatched in at. */
static int
code_left(const struct qa_atom *at, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (at[i].code && !at[i].matched)
			return 1;
	return 0;
}

/* Sets aside the code figures left in at: a code is compared with a
 * code, as a translator may spell a code out («2019 жылдық жаз» for
 * SS19). */
static void
drop_codes(struct qa_atom *at, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (at[i].code)
			at[i].matched = 1;
}

/*
 * Whether figures p and q measure one amount in two units of a quantity
 * (measure-words): within 6%, as translators round what they
 * convert (550 pounds, 250 kg); a temperature when one is the other from
 * Fahrenheit to Celsius within a degree (80, 27: "degree" and «градус»
 * may be either).
 */
static int
same_amount(const struct qa_atom *p, const struct qa_atom *q)
{
	double x, y;

	if (p->unit <= 0 || q->unit <= 0 || strcmp(p->quantity, q->quantity)
	    != 0)
		return 0;
	if (strcmp(p->quantity, "tem") == 0)
		return fabs((p->v - 32) * 5 / 9 - q->v) <= 1 ||
		    fabs((q->v - 32) * 5 / 9 - p->v) <= 1;
	if (p->unit == q->unit)
		return 0;	/* a figure changed, not converted */
	x = p->v * p->unit;
	y = q->v * q->unit;
	return fabs(x - y) <= 0.06 * (fabs(x) > fabs(y) ? fabs(x) : fabs(y));
}

/* Marks matched the figures of at that convert another of at: "550
 * фунт (249 кг)" gives the amount twice. */
static void
drop_conversions(struct qa_atom *at, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < n && !at[i].matched; j++)
			if (j != i && at[j].system !=
			    at[i].system && at[i].system ==
			    HABAR_VALUE_METRIC && same_amount(&at[i], &at[j]))
				at[i].matched = 1;
}

static void
check_numbers(struct habar_qa *qa, const struct habar_qa_unit *u, size_t a,
    size_t b)
{
	/* The checker's own arrays: a pack's checks run on several
	 * threads at once (habar-batch), each with its own checker. */
	struct qa_atom *x = qa->atoms[0], *y = qa->atoms[1];
	size_t nx = atoms_of(qa->values[a], x), ny = atoms_of(qa->values[b], y);
	size_t i, j, fa = 0, fb = 0, ca, cb;
	char la[256], lb[256];
	struct habar_qa_finding *f;

	in_codes(x, nx, u->segs[a].text);
	in_codes(y, ny, u->segs[b].text);
	for (i = 0; i < nx; i++)
		for (j = 0; j < ny; j++)
			if (!y[j].matched && near(x[i].v, y[j].v)) {
				x[i].matched = y[j].matched = 1;
				break;
			}
	/* An hour of the twelve-hour clock against the same of the
	 * twenty-four ("3 p.m." written "3" in a sentence that says
	 * "afternoon", 15:00). */
	for (i = 0; i < nx; i++)
		for (j = 0; j < ny && !x[i].matched; j++)
			if (!y[j].matched && (x[i].hour || y[j].hour) &&
			    fabs(fabs(x[i].v - y[j].v) - 12) < 1e-9)
				x[i].matched = y[j].matched = 1;
	/* Amounts converted from one unit to another. */
	drop_conversions(x, nx);
	drop_conversions(y, ny);
	for (i = 0; i < nx; i++)
		for (j = 0; j < ny && !x[i].matched; j++)
			if (!y[j].matched && same_amount(&x[i], &y[j]))
				x[i].matched = y[j].matched = 1;
	if (code_left(x, nx) != code_left(y, ny)) {
		drop_codes(x, nx);
		drop_codes(y, ny);
	}
	/* Digits grouped otherwise: "555 111" read as one number on one
	 * side and two on the other. */
	if (same_digits(x, nx, y, ny) || converted(x, nx, y, ny))
		return;
	ca = unmatched(la, sizeof(la), x, nx, u->segs[a].text, &fa, 0);
	cb = unmatched(lb, sizeof(lb), y, ny, u->segs[b].text, &fb, 0);
	/* A number spelled out ("eight") left over against a figure left
	 * over on the other side: one of them was changed. */
	if (ca > 0 && cb == 0)
		cb = unmatched(lb, sizeof(lb), y, ny, u->segs[b].text, &fb, 1);
	else if (cb > 0 && ca == 0)
		ca = unmatched(la, sizeof(la), x, nx, u->segs[a].text, &fa, 1);
	/* A figure on one side only is most often written in words on the
	 * other ("a decade", «тысячи»): a changed figure leaves one unmatched
	 * on each side. */
	if (ca == 0 || cb == 0)
		return;
	f = habar__qa_add(qa, HABAR_QA_NUMBERS, HABAR_QA_ERROR, a, b,
	    cb ? b : a, cb ? y[fb].start : x[fa].start, cb ? y[fb].end :
	    x[fa].end);
	if (f == NULL)
		return;
	if (ca > 0) {
		snprintf(f->message, sizeof(f->message), "%s has %s; ",
		    u->segs[a].lang, la);
		say(f, "%s%s", "", 0, "", 0);
	}
	if (cb > 0)
		snprintf(f->message + strlen(f->message), sizeof(f->message) -
		    strlen(f->message), "%s has %s; ", u->segs[b].lang, lb);
	snprintf(f->message + strlen(f->message), sizeof(f->message) -
	    strlen(f->message), "not in the other");
}

/*
 * Compares a field of the values of kind in two segments as multisets:
 * month (dates), currency (money) or key (addresses).  Reports what is
 * left unmatched on either side.
 */
static void
check_keys(struct habar_qa *qa, const struct habar_qa_unit *u, size_t a,
    size_t b, enum habar_qa_check check, enum habar_value_kind kind)
{
	const struct habar_values *va = qa->values[a], *vb = qa->values[b];
	size_t na = habar_values_count(va), nb = habar_values_count(vb);
	unsigned char used[REC_MAX_VALUES];
	size_t i, j, miss_a = (size_t)-1, miss_b = (size_t)-1;
	struct habar_qa_finding *f;

	memset(used, 0, nb < sizeof(used) ? nb : sizeof(used));
	for (i = 0; i < na; i++) {
		const struct habar_value *x = habar_values_get(va, i);
		int hit = 0;
		if (x->kind != kind)
			continue;
		if (kind == HABAR_VALUE_DATE && x->month == 0)
			continue;	/* weekdays are often left out */
		for (j = 0; j < nb && !hit; j++) {
			const struct habar_value *y = habar_values_get(vb, j);
			if (used[j] || y->kind != kind)
				continue;
			if (kind == HABAR_VALUE_DATE)
				hit = x->month == y->month;
			else if (kind == HABAR_VALUE_MONEY)
				hit = strcmp(x->currency, y->currency) == 0;
			else
				hit = strcmp(x->key, y->key) == 0;
			if (hit)
				used[j] = 1;
		}
		if (!hit && miss_a == (size_t)-1)
			miss_a = i;
	}
	for (j = 0; j < nb; j++) {
		const struct habar_value *y = habar_values_get(vb, j);
		if (used[j] || y->kind != kind || (kind == HABAR_VALUE_DATE &&
		    y->month == 0))
			continue;
		miss_b = j;
		break;
	}
	if (miss_a == (size_t)-1 && miss_b == (size_t)-1)
		return;
	/* A month or a currency on one side only is often a translator's
	 * choice (an adjective, «июньский», a sum left out): a wrong one
	 * leaves one unmatched on each side.  Addresses must all be there. */
	if ((kind == HABAR_VALUE_DATE || kind == HABAR_VALUE_MONEY) &&
	    (miss_a == (size_t)-1 || miss_b == (size_t)-1))
		return;
	{
		const struct habar_value *x = miss_a != (size_t)-1 ?
		    habar_values_get(va, miss_a) : NULL;
		const struct habar_value *y = miss_b != (size_t)-1 ?
		    habar_values_get(vb, miss_b) : NULL;
		const char *what = habar_value_kind_name(kind);
		f = habar__qa_add(qa, check, HABAR_QA_ERROR, a, b,
		    y ? b : a, y ? y->start : x->start, y ? y->end : x->end);
		if (f == NULL)
			return;
		if (x != NULL && y != NULL) {
			snprintf(f->message, sizeof(f->message), "%s %s ",
			    u->segs[a].lang, what);
			say(f, "\"%s\" against \"%s\"", u->segs[a].text +
			    x->start, x->end - x->start, u->segs[b].text +
			    y->start, y->end - y->start);
			snprintf(f->message + strlen(f->message),
			    sizeof(f->message) - strlen(f->message), " in %s",
			    u->segs[b].lang);
		} else {
			const struct habar_value *z = x ? x : y;
			size_t s = x ? a : b, o = x ? b : a;
			snprintf(f->message, sizeof(f->message), "%s %s ",
			    u->segs[s].lang, what);
			say(f, "\"%s\"%s", u->segs[s].text + z->start,
			    z->end - z->start, "", 0);
			snprintf(f->message + strlen(f->message),
			    sizeof(f->message) - strlen(f->message),
			    " has no counterpart in %s", u->segs[o].lang);
		}
	}
}

/* Whether two words start in the same script (both ASCII letters, or
 * both not), which makes their letters comparable one for one. */
static int
same_script(const char *x, const char *y)
{
	return ((unsigned char)x[0] < 0x80) == ((unsigned char)y[0] < 0x80);
}

/*
 * Whether the skeletons x and y differ where two consonants swapped.
 * Across scripts a swap that moves a vowel is most often a difference of
 * transliteration (Keane, Канио), so only swapped consonants count there.
 */
static int
consonant_swap(const char *x, const char *y)
{
	size_t i = 0;

	while (x[i] != '\0' && x[i] == y[i])
		i++;
	return x[i] != '\0' && x[i + 1] != '\0' && x[i] != 'a' &&
	    x[i + 1] != 'a';
}

/*
 * Whether the skeletons x and y differ where a vowel swapped with a
 * consonant in a name long enough (six symbols) for that to be no other
 * transliteration, with no vowel beside the swap, where transliterations
 * write two vowels for one (Ladbrokes, Лэдброукс).
 */
static int
vowel_swap(const char *x, const char *y)
{
	size_t i = 0, k;

	if (strlen(x) < 6 || strlen(y) < 6)
		return 0;
	while (x[i] != '\0' && x[i] == y[i])
		i++;
	if (x[i] == '\0' || x[i + 1] == '\0')
		return 0;
	for (k = i > 0 ? i - 1 : 0; k <= i + 2 && x[k] != '\0' &&
	    y[k] != '\0'; k++)
		if ((x[k] == 'a' && x[k + 1] == 'a') || (y[k] == 'a' &&
		    y[k + 1] == 'a'))
			return 0;
	return 1;
}

/* The code points of the folded word s[0..len) into cp; returns how
 * many (at most max). */
static size_t
code_points(struct habar_qa *qa, const char *s, size_t len, uint32_t *cp,
    size_t max)
{
	char folded[256];
	size_t n = 0, i = 0, flen = habar__recognise_fold(qa->rec, s, len,
	    folded, sizeof(folded));

	while (i < flen && n < max) {
		unsigned long c;
		size_t k = habar__utf8_decode((const unsigned char *)folded + i,
		    flen - i, &c);
		if (k == 0)
			break;
		cp[n++] = (uint32_t)c;
		i += k;
	}
	return n;
}

/* The suffix rules of language lang (habar-spell's, spell_morph.c), read
 * once a language with its endings (lexicon_stem.c); NULL when it has
 * none. */
static const struct habar__morph *
morph(struct habar_qa *qa, const char *lang)
{
	char err[256];
	size_t k;

	for (k = 0; k < qa->morph_count; k++)
		if (strcmp(qa->morphs[k].lang, lang) == 0)
			return qa->morphs[k].morph;
	if (k == sizeof(qa->morphs) / sizeof(qa->morphs[0]) ||
	    strlen(lang) >= sizeof(qa->morphs[k].lang))
		return NULL;
	snprintf(qa->morphs[k].lang, sizeof(qa->morphs[k].lang), "%s", lang);
	if (habar__morph_load(&qa->morphs[k].morph, lang, err, sizeof(err)) !=
	    HABAR_OK)
		qa->morphs[k].morph = NULL;
	if (habar__stemmer_new(&qa->morphs[k].stemmer, lang) != HABAR_OK)
		qa->morphs[k].stemmer = NULL;
	qa->morph_count++;
	return qa->morphs[k].morph;
}

/* The endings of language lang (lexicon_stem.c), read once a language;
 * NULL when it has none. */
static const struct habar__stemmer *
stemmer(struct habar_qa *qa, const char *lang)
{
	size_t k;

	for (k = 0; k < qa->morph_count; k++)
		if (strcmp(qa->morphs[k].lang, lang) == 0)
			return qa->morphs[k].stemmer;
	(void)morph(qa, lang);
	return k < qa->morph_count ? qa->morphs[k].stemmer : NULL;
}

/* The stem a form must be made of (see form()). */
struct stem_arg {
	const char *stem;
	int listed;	/* a glossary's word, as curated as the lists' */
};

static int
stem_is(const char *word, int is_stem, char *affixes, void *arg)
{
	const struct stem_arg *sa = arg;

	(void)affixes;
	/* A stem, or a verb's stem asked for as its verbal noun (беру).
	 * A term answers as a word of the project's lists (3), which the
	 * rules trust for a stem too short to trust in the dictionary:
	 * беруді, бер-у-ді, is a form of the term беру. */
	if (is_stem == 0 || strcmp(word, sa->stem) != 0)
		return 0;
	return sa->listed ? 3 : 1;
}

/* Writes cp[0..n) as UTF-8 into buf (size bytes); 0 when it does not
 * fit. */
static int
utf8_of(const uint32_t *cp, size_t n, char *buf, size_t size)
{
	size_t i, len = 0;

	for (i = 0; i < n; i++) {
		char u[8];
		size_t k = habar__norm_utf8_put(u, cp[i]);
		if (len + k + 1 > size)
			return 0;
		memcpy(buf + len, u, k);
		len += k;
	}
	buf[len] = '\0';
	return 1;
}

/*
 * Whether word[0..n) is stem[0..sn) (both folded) or a form the suffix
 * rules of its language make of it: vowel harmony, the suffix's first
 * sound and the order of suffixes agree (Омарованың is a form of
 * Омарова, Омароваынң is none).  A name is asked for capitalised, as
 * the rules let a name's last syllable choose its harmony (Корбиннің).
 */
static int
form(const struct habar__morph *m, const uint32_t *word, size_t n,
    const uint32_t *stem, size_t sn, int name)
{
	char w[512], st[512], lw[512], ls[512];
	struct stem_arg sa;

	if (n == sn && memcmp(word, stem, n * sizeof(*word)) == 0)
		return 1;
	if (m == NULL || n <= sn || !utf8_of(word, n, w, sizeof(w)) ||
	    !utf8_of(stem, sn, st, sizeof(st)))
		return 0;
	if (name) {
		memcpy(lw, w, strlen(w) + 1);
		memcpy(ls, st, strlen(st) + 1);
		if (habar__recognise_capitalise(lw, strlen(lw), w,
		    sizeof(w)) == 0 || habar__recognise_capitalise(ls,
		    strlen(ls), st, sizeof(st)) == 0)
			return 0;
	}
	sa.stem = st;
	sa.listed = !name;
	return habar__morph_accepts(m, w, stem_is, &sa);
}

/* Whether the letter c is a vowel: its name skeleton is one (see
 * locales/root/name-letters). */
static int
vowel(const struct habar_qa *qa, uint32_t c)
{
	if (c < QA_LETTERS)
		return qa->letter_kind[c] == QA_VOWEL;
	return letter_kind(qa->rec, c) == QA_VOWEL;
}

/* Whether the letter c is a consonant of one symbol in the name
 * skeleton: not h, which is none, nor x, which is two. */
static int
consonant(const struct habar_qa *qa, uint32_t c)
{
	if (c < QA_LETTERS)
		return qa->letter_kind[c] == QA_CONSONANT;
	return letter_kind(qa->rec, c) == QA_CONSONANT;
}

/* Two spellings of one name in one script. */
struct spelling {
	const uint32_t *a, *b;
	size_t na, nb;
	const struct habar__morph *ma, *mb;
	const struct habar__stemmer *sa, *sb;
};

/*
 * Whether word[0..n) goes on from stem[0..sn) as its language inflects:
 * with the language's endings, or, when strict and the language stacks
 * endings, by its suffix rules (Kazakh: Пэлтроудың of Пэлтроу, not
 * Пэлтроуыдң, though ы, н and ң are each an ending).  The rules are not
 * asked otherwise, as the case forms of a foreign name follow the writer
 * more than the rules (Саиповқа, Корбиннің).
 */
static int
goes_on(const struct habar__morph *m, const struct habar__stemmer *st,
    const uint32_t *word, size_t n, size_t sn, int strict)
{
	if (strict && habar__stemmer_rounds(st) > 1)
		return form(m, word, n, word, sn, 1);
	return habar__stem_ending(st, word + sn, n - sn);
}

/*
 * Whether a and b are forms of one stem: one is the other's stem (by the
 * rules, see goes_on()), or both are forms of the letters they share
 * (four at least), or of those and a vowel each, as a stem's last vowel
 * alternates (Ассамблея, Ассамблее, Ассамблеясында); strict: by the
 * rules then too.
 */
static int
one_stem(const struct habar_qa *qa, const struct spelling *w,
    const uint32_t *a, const uint32_t *b, int strict)
{
	size_t i = 0, n = w->na < w->nb ? w->na : w->nb;

	while (i < n && a[i] == b[i])
		i++;
	if (i < 3)
		return 0;
	if (i == w->na)
		return goes_on(w->mb, w->sb, b, w->nb, i, 1);
	if (i == w->nb)
		return goes_on(w->ma, w->sa, a, w->na, i, 1);
	if (i < 4)
		return 0;
	if (goes_on(w->ma, w->sa, a, w->na, i, strict) &&
	    goes_on(w->mb, w->sb, b, w->nb, i, strict))
		return 1;
	return vowel(qa, a[i]) && vowel(qa, b[i]) &&
	    goes_on(w->ma, w->sa, a, w->na, i + 1, strict) &&
	    goes_on(w->mb, w->sb, b, w->nb, i + 1, strict);
}

/* The letters of a and b that agree from the start. */
static size_t
prefix(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i = 0;

	while (i < na && i < nb && a[i] == b[i])
		i++;
	return i;
}

/*
 * Whether one swap of neighbouring letters in x (swapped_b: x is w->b,
 * else w->a) makes the two one stem, the swap either inside the letters
 * both then share (Трмап, Трамп) or inside an ending of three letters or
 * more, past the first letter where x differs from the other
 * (Пэлтроуыдң, Пэлтроу; Твиттерідне, Твиттере), where the ending must
 * then be one by the rules.  A swap inside four shared letters or more,
 * with a shared letter after it, needs no more: what follows may be
 * spelled otherwise (Фтетельді against Феттеля, whose endings are not
 * of one language).  Two equal letters are not swapped, but a letter of
 * a double may be (Млилс, Миллз): a transliteration that doubles a letter
 * another leaves single (Миссисипи, Миссисиппи) differs by no swap.
 */
static int
swap_fits(const struct habar_qa *qa, const struct spelling *w, int swapped_b)
{
	uint32_t t[64];
	const uint32_t *x = swapped_b ? w->b : w->a, *y = swapped_b ? w->a :
	    w->b;
	size_t nx = swapped_b ? w->nb : w->na, ny = swapped_b ? w->na : w->nb;
	size_t i = prefix(x, nx, y, ny), k;

	memcpy(t, x, nx * sizeof(*t));
	for (k = i > 1 ? i - 1 : 1; k + 1 < nx; k++) {
		int fits, inside;
		size_t shared;
		if (x[k] == x[k + 1])
			continue;
		t[k] = x[k + 1];
		t[k + 1] = x[k];
		shared = prefix(t, nx, y, ny);
		inside = k + 1 < shared;
		fits = (inside || (k >= i + (i < ny) && nx - i >= 3)) &&
		    (swapped_b ? one_stem(qa, w, y, t, !inside) :
		    one_stem(qa, w, t, y, !inside));
		if (inside && shared >= 4 && shared >= k + 3)
			fits = 1;
		t[k] = x[k];
		t[k + 1] = x[k + 1];
		if (fits)
			return 1;
	}
	return 0;
}

/*
 * Whether the ending of w->a past the letters it shares with w->b (three
 * letters or more) is no form of those letters by the suffix rules of its
 * language, but is one once two neighbouring letters of it are swapped
 * (Миллерідң against Миллера: Миллердің is a form of Миллер).  The
 * endings alone let the first pass, as any run of endings is one.
 * Loose, for names that otherwise do not match, in a language that
 * stacks endings, the stem may also take in letters past the shared ones
 * up to the swap, as two languages end a stem otherwise (Брюсселмьен
 * against Брюсселем: Брюссельмен is a form of Брюссель), when four
 * letters or more are shared and w->a is no form of any stem longer than
 * them (not Мексиакның against Мексики, as Мексиак could be one).
 */
static int
ending_swapped(const struct spelling *w, int loose)
{
	uint32_t t[64];
	size_t i = prefix(w->a, w->na, w->b, w->nb), k, j, last;

	if (w->ma == NULL || w->na < i + 3 || i < (loose ? 4u : 3u) ||
	    (loose && habar__stemmer_rounds(w->sa) < 2))
		return 0;
	/* The stem may go on by a vowel that alternates (Панамы,
	 * Панаманың). */
	last = loose ? w->na - 1 : i + 1;
	for (j = i; j <= last; j++)
		if (form(w->ma, w->a, w->na, w->a, j, 1))
			return 0;
	memcpy(t, w->a, w->na * sizeof(*t));
	for (k = i; k + 1 < w->na; k++) {
		int fits = 0;
		if (t[k] == t[k + 1])
			continue;
		t[k] = w->a[k + 1];
		t[k + 1] = w->a[k];
		last = loose && k + 2 < w->na ? k + 2 : i;
		for (j = i; j <= last && !fits; j++)
			fits = form(w->ma, t, w->na, t, j, 1);
		t[k] = w->a[k];
		t[k + 1] = w->a[k + 1];
		if (fits)
			return 1;
	}
	return 0;
}

/*
 * Two names in the same script, letter by letter: 2 when they are one
 * stem with their languages' endings (Пэлтроу, Пэлтроудың), 1 when they
 * are so once two neighbouring letters of one are swapped (Пэлтроуыдң,
 * Пэлтроу, as a case ending is not any letters), 0 otherwise.
 */
static int
letters_match(struct habar_qa *qa, const char *x, size_t xlen,
    const char *xlang, const char *y, size_t ylen, const char *ylang)
{
	uint32_t a[64], b[64];
	struct spelling w;

	w.a = a;
	w.b = b;
	w.na = code_points(qa, x, xlen, a, 64);
	w.nb = code_points(qa, y, ylen, b, 64);
	if (w.na < 3 || w.nb < 3)
		return w.na == w.nb && w.na > 0 &&
		    memcmp(a, b, w.na * sizeof(*a)) == 0 ? 2 : 0;
	w.ma = morph(qa, xlang);
	w.mb = morph(qa, ylang);
	w.sa = stemmer(qa, xlang);
	w.sb = stemmer(qa, ylang);
	if (one_stem(qa, &w, a, b, 0))
		return ending_swapped(&w, 0) ? 1 : 2;
	/* A name of four letters or fewer swapped is as often another
	 * transliteration (Сеуг, Сегу). */
	if (w.na < 5 || w.nb < 5 || a[0] != b[0])
		return 0;
	return swap_fits(qa, &w, 0) || swap_fits(qa, &w, 1) ||
	    ending_swapped(&w, 1) ? 1 : 0;
}

/*
 * Whether a third version of the unit (neither s nor o) spells the name
 * y of version o as o does where x of version s differs from it: two
 * versions agree on a spelling that s misses by a swap.
 */
static int
confirmed(struct habar_qa *qa, const struct habar_qa_unit *u, size_t s,
    size_t o, const struct habar_value *x, const struct habar_value *y)
{
	size_t k, j, p = 0, n = u->count < QA_MAX_SEGS ? u->count : QA_MAX_SEGS;

	while (x->key[p] != '\0' && x->key[p] == y->key[p])
		p++;
	for (k = 0; k < n; k++) {
		if (k == s || k == o)
			continue;
		for (j = 0; j < habar_values_count(qa->values[k]); j++) {
			const struct habar_value *z = habar_values_get(
			    qa->values[k], j);
			if (z->kind != HABAR_VALUE_NAME)
				continue;
			if (habar_value_name_match(y, z) == 2 ||
			    (p + 2 >= 4 && strlen(z->key) >= p + 2 &&
			    strncmp(y->key, z->key, p + 2) == 0))
				return 1;
		}
	}
	return 0;
}

/*
 * How names x and y of versions s and o compare: 2 one name, 1 one name
 * with two neighbouring letters swapped, 0 not.  *skeletons says whether
 * the skeletons decided (across scripts, or in one script where the
 * letters do not, as two languages may spell a name otherwise: Стейнем,
 * Штейнем), when a swap is weaker evidence (see check_names()).
 */
static int
name_match(struct habar_qa *qa, const struct habar_qa_unit *u, size_t s,
    const struct habar_value *x, size_t o, const struct habar_value *y,
    int *skeletons)
{
	size_t lx, ly;
	int m;

	*skeletons = 0;
	if (x->kind != HABAR_VALUE_NAME || y->kind != HABAR_VALUE_NAME)
		return 0;
	if (same_script(u->segs[s].text + x->start, u->segs[o].text +
	    y->start)) {
		m = letters_match(qa, u->segs[s].text + x->start,
		    x->end - x->start, u->segs[s].lang, u->segs[o].text +
		    y->start, y->end - y->start, u->segs[o].lang);
		if (m != 0 || strcmp(u->segs[s].lang, u->segs[o].lang) == 0)
			return m;
		/* Not a name of three symbols with an ending (Рэй is
		 * "raj", Роебрт "rajabrt"). */
		lx = strlen(x->key);
		ly = strlen(y->key);
		if ((lx < ly ? lx : ly) < 4 && lx != ly)
			return 0;
	}
	*skeletons = 1;
	return habar_value_name_match(x, y);
}

/* How many names of version k are the name y of version o (2 of
 * name_match()). */
static size_t
spelled_as(struct habar_qa *qa, const struct habar_qa_unit *u, size_t k,
    size_t o, const struct habar_value *y)
{
	size_t j, count = 0;
	int skeletons;

	for (j = 0; j < habar_values_count(qa->values[k]); j++)
		if (name_match(qa, u, k, habar_values_get(qa->values[k], j),
		    o, y, &skeletons) == 2)
			count++;
	return count;
}

/* Whether the word s[0..len) doubles a consonant. */
static int
doubles(struct habar_qa *qa, const char *s, size_t len)
{
	uint32_t cp[64];
	size_t n = code_points(qa, s, len, cp, 64), k;

	for (k = 0; k + 1 < n; k++)
		if (cp[k] == cp[k + 1] && !vowel(qa, cp[k]))
			return 1;
	return 0;
}

/* Whether a version of the unit other than s spells the name y of
 * version o, or a name one with it, with a doubled consonant. */
static int
doubled(struct habar_qa *qa, const struct habar_qa_unit *u, size_t s,
    size_t o, const struct habar_value *y)
{
	size_t k, j, n = u->count < QA_MAX_SEGS ? u->count : QA_MAX_SEGS;

	if (doubles(qa, u->segs[o].text + y->start, y->end - y->start))
		return 1;
	for (k = 0; k < n; k++) {
		if (k == s || k == o)
			continue;
		for (j = 0; j < habar_values_count(qa->values[k]); j++) {
			const struct habar_value *z = habar_values_get(
			    qa->values[k], j);
			if (habar_value_name_match(y, z) == 2 && doubles(qa,
			    u->segs[k].text + z->start, z->end - z->start))
				return 1;
		}
	}
	return 0;
}

static struct habar__dict *dictionary(struct habar_qa *qa,
    const char *lang);

/*
 * The name of version o whose skeleton that of the name x of version s
 * becomes when two of its neighbouring inner letters are swapped
 * (habar_value_name_match() 2), or NULL, for what the skeletons alone
 * cannot tell:
 *  - the swap makes a doubled consonant, which a skeleton counts once
 *    (Brtet is "brtat", Brett and Бретт "brat"; Донгагла against Донгала
 *    and Donggala), when a version spells the name with a doubled
 *    consonant (Бретт, Donggala), as a swap that makes a double is
 *    otherwise as likely a double the other script leaves out (Vienna,
 *    Вена), and never for a Cyrillic spelling against a Latin one's
 *    doubles (Комитет, Committee);
 *  - or it swaps two consonants of a symbol each that a digraph hid
 *    (Livingtson, whose ts is "c"), losing no symbol (Рейнджерс is no
 *    Ренйджерс, whose й and дж are one "j");
 *  - or it makes a word the dictionary of x's language knows and x is
 *    not (Киатй, Китай, against Қытай; Genreal, General, against
 *    Генеральной; Росисю, Россию, against Ресейді): the dictionary
 *    stands in for the third version that would confirm a vowel swapped
 *    across scripts.
 * Both skeletons are four symbols or more; but for the dictionary, a
 * Latin name takes no case ending and a Cyrillic name is not compared
 * with a Latin one.
 */
static const struct habar_value *
swapped_skeleton(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t s, const struct habar_value *x, size_t o)
{
	const char *xt = u->segs[s].text + x->start;
	const struct habar_values *vo = qa->values[o];
	size_t xlen = x->end - x->start, off[65], n = 0, i = 0, k, j, lt, lx;
	struct habar__dict *dict = NULL;
	struct habar_value t;
	uint32_t cp[64];
	char buf[256];
	int x_known = -1;

	/* The swap keeps the first letter, and with it the first symbol
	 * of the skeleton (but where h opens the name). */
	for (j = 0; j < habar_values_count(vo); j++) {
		const struct habar_value *y = habar_values_get(vo, j);
		if (y->kind == HABAR_VALUE_NAME && y->key[0] == x->key[0])
			break;
	}
	if (xlen >= sizeof(buf) || j == habar_values_count(vo))
		return NULL;
	while (i < xlen && n < 64) {
		unsigned long c;
		size_t len = habar__utf8_decode((const unsigned char *)xt + i,
		    xlen - i, &c);
		if (len == 0)
			return NULL;
		off[n] = i;
		cp[n++] = (uint32_t)c;
		i += len;
	}
	if (i < xlen || n < 5)
		return NULL;
	off[n] = xlen;
	t = *x;
	memcpy(buf, xt, xlen);
	buf[xlen] = '\0';
	lx = strlen(x->key);
	for (k = 1; k + 2 < n; k++) {
		size_t la = off[k + 1] - off[k], lb = off[k + 2] - off[k + 1];
		int dbl, cc, known = -1;
		if (cp[k] == cp[k + 1])
			continue;
		dbl = (cp[k - 1] == cp[k + 1] && !vowel(qa, cp[k + 1])) ||
		    (cp[k] == cp[k + 2] && !vowel(qa, cp[k]));
		cc = !dbl && consonant(qa, cp[k]) && consonant(qa, cp[k + 1]);
		memcpy(buf + off[k], xt + off[k + 1], lb);
		memcpy(buf + off[k] + lb, xt + off[k], la);
		habar__recognise_skeleton(qa->rec, buf, xlen, t.key,
		    sizeof(t.key));
		lt = strlen(t.key);
		for (j = 0; lt >= 4 && strcmp(t.key, x->key) != 0 &&
		    j < habar_values_count(vo); j++) {
			const struct habar_value *y = habar_values_get(vo, j);
			const char *yt = u->segs[o].text + y->start;
			size_t ly;
			if (y->kind != HABAR_VALUE_NAME || y->key[0] != t.key[0] ||
			    (ly = strlen(y->key)) < 4 ||
			    habar_value_name_match(&t, y) != 2)
				continue;
			if ((dbl || (cc && lt >= lx)) &&
			    !((unsigned char)xt[0] >= 0x80 &&
			    (unsigned char)yt[0] < 0x80) &&
			    !(lt > ly && (unsigned char)xt[0] < 0x80) &&
			    !(ly > lt && (unsigned char)yt[0] < 0x80) &&
			    (!dbl || doubled(qa, u, s, o, y)))
				return y;
			/* The dictionary, slower, once a swap makes a name. */
			if (dict == NULL && (dict = dictionary(qa,
			    u->segs[s].lang)) == NULL)
				continue;
			if (x_known < 0) {
				memcpy(buf + off[k], xt + off[k], la + lb);
				x_known = habar__dict_check(dict, buf);
				memcpy(buf + off[k], xt + off[k + 1], lb);
				memcpy(buf + off[k] + lb, xt + off[k], la);
			}
			if (x_known)
				continue;
			if (known < 0)
				known = habar__dict_check(dict, buf);
			if (known)
				return y;
		}
		memcpy(buf + off[k], xt + off[k], la + lb);
	}
	return NULL;
}

/* Whether the name x of version s is among the names the dictionary
 * found no swap for in this unit (with a counterpart when mode is 1);
 * with add, adds it (and returns 0). */
static int
no_swap(struct habar_qa *qa, size_t s, const struct habar_value *x,
    int mode, int add)
{
	size_t k;

	if (add) {
		if (qa->no_swap_count < sizeof(qa->no_swap) /
		    sizeof(qa->no_swap[0])) {
			qa->no_swap[qa->no_swap_count].seg = s;
			qa->no_swap[qa->no_swap_count].mode = mode;
			qa->no_swap[qa->no_swap_count++].start = x->start;
		}
		return 0;
	}
	for (k = 0; k < qa->no_swap_count; k++)
		if (qa->no_swap[k].seg == s && qa->no_swap[k].start ==
		    x->start && qa->no_swap[k].mode == mode)
			return 1;
	return 0;
}

/* Whether swapping the letters cp[k] and cp[k + 1] of cp[0..n) leaves
 * the skeleton as it is: two vowels, a vowel and h (Ruardih), a letter
 * beside its double (Misssisippi). */
static int
unseen_swap(const struct habar_qa *qa, const uint32_t *cp, size_t n,
    size_t k)
{
	return cp[k] != cp[k + 1] && ((!consonant(qa, cp[k]) &&
	    !consonant(qa, cp[k + 1])) || cp[k - 1] == cp[k + 1] ||
	    (k + 2 < n && cp[k] == cp[k + 2]));
}

/*
 * Whether the name x of version s, which the skeletons match with a
 * name of another version, is a word its language's Hunspell dictionary
 * does not know but knows with two neighbouring inner letters swapped
 * (Briatin's, Britain's, against Британии; Луизаина, Луизиана, against
 * Луизианы).  A skeleton writes every vowel alike, so it does not see two
 * vowels swapped, nor a vowel moved where transliterations differ
 * (Stelee, Steele, against Стил): the dictionary stands in for the
 * letters of the other script.  Single words of five letters or more.
 */
static int
dictionary_swap(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t s, const struct habar_value *x, const struct habar_value *y,
    char *fix, size_t fix_size)
{
	const char *xt = u->segs[s].text + x->start;
	size_t xlen = x->end - x->start, off[65], n = 0, i = 0, k;
	struct habar__dict *dict;
	struct habar_value t = *x;
	uint32_t cp[64];
	char buf[256], low[512];
	int found = 0;

	if (xlen >= sizeof(buf) || (dict = dictionary(qa,
	    u->segs[s].lang)) == NULL)
		return 0;
	while (i < xlen && n < 64) {
		unsigned long c;
		size_t len = habar__utf8_decode((const unsigned char *)xt + i,
		    xlen - i, &c);
		if (len == 0 || c == ' ' || c == '-')
			return 0;
		off[n] = i;
		cp[n++] = (uint32_t)c;
		i += len;
	}
	if (i < xlen || n < 5)
		return 0;
	/* With a counterpart, only a swap the skeleton does not see, as
	 * the dictionary is slow; and a name once a unit. */
	for (k = 1; y != NULL && k + 1 < n && !unseen_swap(qa, cp, n, k);
	    k++)
		;
	if ((y != NULL && k + 1 >= n) || no_swap(qa, s, x, y != NULL, 0))
		return 0;
	off[n] = xlen;
	memcpy(buf, xt, xlen);
	buf[xlen] = '\0';
	if (habar__dict_check(dict, buf))
		return no_swap(qa, s, x, y != NULL, 1);
	for (k = 1; k + 1 < n; k++) {
		size_t la = off[k + 1] - off[k], lb = off[k + 2] - off[k + 1];
		int known;
		/* Not the apostrophe of Britain's. */
		if (cp[k] == cp[k + 1] || cp[k] == '\'' || cp[k + 1] == '\'' ||
		    cp[k] == 0x2019 || cp[k + 1] == 0x2019 ||
		    (!vowel(qa, cp[k]) && !vowel(qa, cp[k + 1])) ||
		    (y != NULL && !unseen_swap(qa, cp, n, k)))
			continue;
		memcpy(buf + off[k], xt + off[k + 1], lb);
		memcpy(buf + off[k] + lb, xt + off[k], la);
		/* A proper name, not a common word with a capital
		 * (Холли is no Холил, Haris no Hairs). */
		known = habar__dict_check(dict, buf) &&
		    habar__recognise_fold(qa->rec, buf, xlen, low,
		    sizeof(low)) > 0 && !habar__dict_check(dict, low);
		/* And still the name y: a swap the other script does not
		 * see, not another name (Kirsty is no Kristy for Кирсти,
		 * Кристиан no Кристина). */
		if (known && y != NULL) {
			habar__recognise_skeleton(qa->rec, buf, xlen, t.key,
			    sizeof(t.key));
			known = strcmp(t.key, x->key) == 0 ? 2 : 0;
			if (known && habar_value_name_match(&t, y) != 2)
				known = 1;
		}
		found |= known != 0;
		if (known && fix_size > xlen)
			memcpy(fix, buf, xlen + 1);
		memcpy(buf + off[k], xt + off[k], la + lb);
		if (known && (y == NULL || known == 2))
			return 1;
	}
	/* Remembered where no y could make it a finding. */
	return found ? 0 : no_swap(qa, s, x, y != NULL, 1);
}

/* Whether a version of the unit other than s, in the script of the name
 * x of version s, writes a name that begins with x's letters, or with
 * which x begins, in two thirds of x at least (Луизиана and
 * Луизиананың): x is spelled as another
 * translator spelled it, which spares the dictionary. */
static int
written(struct habar_qa *qa, const struct habar_qa_unit *u, size_t s,
    const struct habar_value *x)
{
	size_t k, j, n = u->count < QA_MAX_SEGS ? u->count : QA_MAX_SEGS;
	const char *xt = u->segs[s].text + x->start;
	size_t xlen = x->end - x->start;

	for (k = 0; k < n; k++)
		for (j = 0; k != s && j < habar_values_count(qa->values[k]);
		    j++) {
			const struct habar_value *y = habar_values_get(
			    qa->values[k], j);
			const char *yt = u->segs[k].text + y->start;
			size_t ylen = y->end - y->start;
			size_t m = xlen < ylen ? xlen : ylen;
			/* Two thirds of x at least, not a short other
			 * name. */
			if (y->kind == HABAR_VALUE_NAME && same_script(xt,
			    yt) && m * 3 >= xlen * 2 && memcmp(xt, yt, m) ==
			    0)
				return 1;
		}
	return 0;
}

/* Whether the skeletons x and y begin with the same consonants, three
 * or as many as the shorter has (Briatin's "brtns" and Британияның, Джноа
 * "jn" and John): a vowel swapped with a consonant moves no consonant. */
static int
consonants_begin(const char *x, const char *y)
{
	size_t n = 0;

	for (;;) {
		while (*x == 'a')
			x++;
		while (*y == 'a')
			y++;
		if (n == 3 || *x == '\0' || *y == '\0')
			return n >= 2;
		if (*x++ != *y++)
			return 0;
		n++;
	}
}

/* Whether a version of the unit other than s has a name one with the
 * name x of version s (Кристиан of the Russian against Кристи of the
 * Kazakh, where the English writes Christion): 1; 0 when none is, but
 * one begins with the consonants x begins with (consonants_begin()),
 * where x may be that name misspelled; else 2. */
static int
counterpart(struct habar_qa *qa, const struct habar_qa_unit *u, size_t s,
    const struct habar_value *x)
{
	size_t k, j, n = u->count < QA_MAX_SEGS ? u->count : QA_MAX_SEGS;
	int skeletons, near_ = 0;

	for (k = 0; k < n; k++)
		for (j = 0; k != s && j < habar_values_count(qa->values[k]);
		    j++) {
			const struct habar_value *y = habar_values_get(
			    qa->values[k], j);
			if (y->kind != HABAR_VALUE_NAME)
				continue;
			if (name_match(qa, u, s, x, k, y, &skeletons) == 2)
				return 1;
			near_ |= x->key[0] == y->key[0] &&
			    consonants_begin(x->key, y->key);
		}
	return near_ ? 0 : 2;
}

/* Whether of the names x of version s and y of version o the one in
 * Latin letters is the other with an ending of three symbols or more,
 * which an English name does not take (Example, Іске). */
static int
latin_ending(const struct habar_qa_unit *u, size_t s,
    const struct habar_value *x, size_t o, const struct habar_value *y)
{
	size_t lx = strlen(x->key), ly = strlen(y->key);

	if ((unsigned char)u->segs[s].text[x->start] < 0x80)
		return lx >= ly + 3;
	if ((unsigned char)u->segs[o].text[y->start] < 0x80)
		return ly >= lx + 3;
	return 0;
}

/* Whether a finding from first on already points at the name x of
 * version b (from the other side of the pair). */
static int
reported(const struct habar_qa *qa, size_t first, const struct habar_value *x)
{
	size_t k;

	for (k = first; k < qa->finding_count; k++)
		if (qa->findings[k].check == HABAR_QA_NAMES &&
		    qa->findings[k].start == x->start &&
		    qa->findings[k].end == x->end)
			return 1;
	return 0;
}

/* Names: a name of one side found in the other spelled with two
 * neighbouring letters swapped, where no other name of the side is
 * spelled as that one. */
static void
check_names(struct habar_qa *qa, const struct habar_qa_unit *u, size_t a,
    size_t b)
{
	size_t side, first = qa->finding_count;

	for (side = 0; side < 2; side++) {
		size_t s = side ? b : a, o = side ? a : b, i, j;
		const struct habar_values *vs = qa->values[s], *vo = qa->values[o];
		for (i = 0; i < habar_values_count(vs); i++) {
			const struct habar_value *x = habar_values_get(vs, i);
			const struct habar_value *near_ = NULL;
			char fix[256];
			int best = 0, by_skeleton = 0;
			if (x->kind != HABAR_VALUE_NAME ||
			    (x->flags & HABAR_VALUE_INITIAL))
				continue;
			for (j = 0; j < habar_values_count(vo) && best < 2;
			    j++) {
				const struct habar_value *y =
				    habar_values_get(vo, j);
				int skel, m = name_match(qa, u, s, x, o, y,
				    &skel);
				if (m > best) {
					best = m;
					near_ = y;
					by_skeleton = skel;
				}
			}
			if (best == 1 && by_skeleton &&
			    ((!consonant_swap(x->key, near_->key) &&
			    !vowel_swap(x->key, near_->key) &&
			    !confirmed(qa, u, s, o, x, near_)) ||
			    latin_ending(u, s, x, o, near_)))
				best = 0;
			/* Trump and Term against Трамп: the name is spelled
			 * right elsewhere in s as often as o has it. */
			if (best == 1 && by_skeleton && spelled_as(qa, u, s, o,
			    near_) >= spelled_as(qa, u, o, o, near_))
				continue;
			/* No name of o near enough by letters or skeletons:
			 * one by the skeleton of x with two letters swapped,
			 * or by the word the dictionary knows so swapped. */
			if (best == 0 && (near_ = swapped_skeleton(qa, u, s, x,
			    o)) != NULL)
				best = 1;
			/* One name by the skeletons, but a word the
			 * dictionary knows with two letters swapped. */
			if (best == 2 && (by_skeleton || x->end - x->start !=
			    near_->end - near_->start || memcmp(u->segs[s].text +
			    x->start, u->segs[o].text + near_->start, x->end -
			    x->start) != 0) && !written(qa, u, s, x) &&
			    dictionary_swap(qa, u, s, x, near_, fix,
			    sizeof(fix)))
				best = 1;
			/* No name of o at all, but a name the dictionary
			 * knows once two letters the skeleton does not see
			 * are swapped (Briatin's, Britain's). */
			if (best == 0 && near_ == NULL &&
			    counterpart(qa, u, s, x) == 0 && dictionary_swap(qa,
			    u, s, x, NULL, fix, sizeof(fix))) {
				struct habar_qa_finding *f;
				if (reported(qa, first, x))
					continue;
				f = habar__qa_add(qa, HABAR_QA_NAMES,
				    HABAR_QA_ERROR, a, b, s, x->start, x->end);
				if (f == NULL)
					return;
				snprintf(f->message, sizeof(f->message),
				    "%s ", u->segs[s].lang);
				say(f, "\"%s\" is \"%s\"", u->segs[s].text +
				    x->start, x->end - x->start, fix,
				    strlen(fix));
				snprintf(f->message + strlen(f->message),
				    sizeof(f->message) - strlen(f->message),
				    " with two letters swapped?");
				continue;
			}
			if (best == 1) {
				struct habar_qa_finding *f;
				/* Reported once a pair: from a's side when
				 * both see it. */
				if (side == 1 && reported(qa, first, x))
					continue;
				f = habar__qa_add(qa, HABAR_QA_NAMES,
				    HABAR_QA_ERROR, a, b, b, side ? x->start :
				    near_->start, side ? x->end : near_->end);
				if (f == NULL)
					return;
				snprintf(f->message, sizeof(f->message),
				    "%s ", u->segs[s].lang);
				say(f, "\"%s\" is spelled \"%s\"", u->segs[s].text +
				    x->start, x->end - x->start, u->segs[o].text +
				    near_->start, near_->end - near_->start);
				snprintf(f->message + strlen(f->message),
				    sizeof(f->message) - strlen(f->message),
				    " in %s (two letters swapped?)",
				    u->segs[o].lang);
			}
		}
	}
}

/* Whether the character before text[at] leaves a quotation mark there
 * opening: the start, white space, a bracket, a dash or another mark
 * before it and no space after it. */
static int
opens(const char *text, size_t at, size_t len)
{
	unsigned char p = at > 0 ? (unsigned char)text[at - 1] : ' ';
	unsigned char n;
	size_t k = at;

	/* The byte after the mark. */
	while (k < len && (k == at || ((unsigned char)text[k] & 0xC0) == 0x80))
		k++;
	n = k < len ? (unsigned char)text[k] : ' ';
	if (n == ' ' || n == '\t' || n == '\n')
		return 0;
	return p == ' ' || p == '\t' || p == '\n' || p == '(' || p == '[' ||
	    p == 0xAB || p == 0x93 || p == 0x94 || p == '-' || p == '/' ||
	    p == '"' || p == '\'' || p == 0x98;
}

/* Whether a quotation mark at text[at] opens speech: it begins the
 * segment or follows a colon. */
static int
speech(const char *text, size_t at)
{
	while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t'))
		at--;
	return at == 0 || text[at - 1] == ':';
}

/* The code point at text[at] (0 at the end or on a malformed byte). */
static uint32_t
at_cp(const char *text, size_t at, size_t len)
{
	unsigned long c = 0;

	if (at >= len || habar__utf8_decode((const unsigned char *)text + at,
	    len - at, &c) == 0)
		return 0;
	return (uint32_t)c;
}

/* What pairing the quotation marks or brackets of a segment leaves. */
struct balance {
	size_t at;	/* the innermost mark left open */
	size_t depth;	/* marks left open */
	size_t pairs;	/* marks that paired */
	size_t marks;	/* marks seen */
	size_t ends;	/* closing marks with no opening: a quotation that
			 * began in the sentence before ends here */
	size_t strays;	/* closing quotation marks with nothing open after
			 * a quotation of the segment has closed: one from
			 * the sentence before would have ended first.
			 * Only typographic marks inside the sentence (a
			 * space follows): a straight " also stands for
			 * inches or a mistyped apostrophe (the Lakers"
			 * site), and a doubled mark at the end ("...."")
			 * loses nothing */
	size_t stray_at; /* the first of them */
};

/*
 * Pairs the quotation marks (brackets when brackets is set) of text into
 * *bal.  A closing mark without its opening is no fault, as the
 * quotation may have begun in the sentence before.  single: the
 * language also quotes with ' (English 'single quotes',
 * locales/<lang>/punctuation); a ' between letters is an apostrophe.
 * Where two quotations of « end together Russian and Kazakh write one »
 * («... «объявления», — говорит): a » that closes an inner « and is the
 * segment's last mark, followed by punctuation or nothing (or closing
 * «« opened together), closes the outer one too when that one opens
 * speech (at the start or after a colon).
 */
static void
unclosed(const char *text, size_t len, int brackets, int single,
    struct balance *bal)
{
	uint32_t stack[64];
	size_t where[64], depth = 0, i = 0;
	int nested_end = 0;

	memset(bal, 0, sizeof(*bal));
	while (i < len) {
		unsigned long c = 0;
		uint32_t o = 0;
		size_t start = i, n = habar__utf8_decode(
		    (const unsigned char *)text + i, len - i, &c);
		int open = 0, close = 0, weak = 0;
		i += n == 0 ? 1 : n;
		if (n == 0)
			continue;
		if (brackets) {
			open = c == '(' || c == '[' || c == '{';
			close = c == ')' || c == ']' || c == '}';
			o = c == ')' ? '(' : c == ']' ? '[' : '{';
		} else if (c == 0xAB || c == 0x201E) {
			open = 1;	/* « „ */
		} else if (c == 0xBB) {
			close = 1;
			o = 0xAB;
		} else if (c == '"' || c == 0x201C || c == 0x201D) {
			/* Kazakh and Russian texts close “ with “ or ” and
			 * English with ”: the neighbours tell. */
			if (opens(text, start, len))
				open = 1;
			else {
				close = 1;
				o = '"';
			}
		} else if (single && (c == '\'' || c == 0x2018 ||
		    c == 0x2019)) {
			uint32_t p = before(text, start), q = at_cp(text, i,
			    len);
			if (habar__align_letter(p) && habar__align_letter(q))
				continue;	/* an apostrophe: don't */
			if (opens(text, start, len) && !(q >= '0' &&
			    q <= '9'))
				open = 1;	/* not '90s */
			else {
				close = 1;
				o = '\'';
				/* players' union: only a ' after a
				 * sentence's punctuation ends a quotation
				 * for certain. */
				weak = !(p == '.' || p == ',' || p == '!' ||
				    p == '?' || p == ';');
			}
		}
		if (!open && !close)
			continue;
		bal->marks++;
		nested_end = 0;
		if (open && depth < 64) {
			stack[depth] = brackets || c == 0xAB ? (uint32_t)c :
			    c == '\'' || c == 0x2018 || c == 0x2019 ? '\'' :
			    '"';
			where[depth++] = start;
		} else if (close && depth > 0 && (stack[depth - 1] == o ||
		    (!brackets && o == '"' && stack[depth - 1] == '\''))) {
			/* A " may close a ' left open: the writer mixed
			 * them. */
			depth--;
			bal->pairs++;
			if (c == 0xBB && depth > 0 && stack[depth - 1] == 0xAB) {
				uint32_t q = at_cp(text, i, len);
				nested_end = speech(text, where[depth - 1]) &&
				    (q == 0 || q == ',' || q == '.' ||
				    q == '!' || q == '?' || q == ';' ||
				    where[depth] == where[depth - 1] + 2);
			}
		} else if (close && depth > 0 && !brackets && o == '"' &&
		    stack[depth - 1] == 0xAB) {
			/* “ inside «...»: a nested quotation's end. */
			bal->pairs++;
		} else if (close && depth > 0 && o == '\'' &&
		    stack[depth - 1] != '\'') {
			/* The players' union inside a quotation. */
			bal->marks--;
		} else if (close && depth == 0 && !weak && !brackets &&
		    bal->pairs > 0 && c != '"' && at_cp(text, i, len) == ' ') {
			if (bal->strays++ == 0)
				bal->stray_at = start;
		} else if (close && depth == 0 && !weak) {
			bal->ends++;
		}
	}
	if (nested_end && depth > 0) {
		depth--;
		bal->pairs++;
	}
	bal->depth = depth;
	if (depth > 0)
		bal->at = where[depth - 1];
}

/* Whether the language lang also quotes with ' (its punctuation file);
 * looked up once a language. */
static int
single_quotes(struct habar_qa *qa, const char *lang)
{
	struct habar__norm_data data;
	char err[256];
	size_t k;

	for (k = 0; k < qa->quote_lang_count; k++)
		if (strcmp(qa->quote_langs[k].lang, lang) == 0)
			return qa->quote_langs[k].single;
	if (habar__norm_data_load(&data, lang, err, sizeof(err)) != HABAR_OK)
		data.single_quotes = 0;
	if (k < sizeof(qa->quote_langs) / sizeof(qa->quote_langs[0]) &&
	    strlen(lang) < sizeof(qa->quote_langs[k].lang)) {
		snprintf(qa->quote_langs[k].lang, sizeof(qa->quote_langs[k].lang),
		    "%s", lang);
		qa->quote_langs[k].single = data.single_quotes;
		qa->quote_lang_count++;
	}
	return data.single_quotes;
}

/*
 * A version whose quotation closes a second time with nothing open (“a”
 * then b”) lost that quotation's opening mark; reported when another
 * version pairs its marks without such a stray.
 */
static void
check_strays(struct habar_qa *qa, const struct habar_qa_unit *u, size_t n,
    const struct balance *bal)
{
	size_t k, other, w;

	for (k = 0; k < n; k++) {
		struct habar_qa_finding *f;
		unsigned long cp = 0;

		if (bal[k].strays == 0)
			continue;
		for (other = 0; other < n; other++)
			if (other != k && bal[other].strays == 0 &&
			    bal[other].pairs > 0)
				break;
		if (other == n)
			continue;
		w = habar__utf8_decode((const unsigned char *)u->segs[k].text +
		    bal[k].stray_at, u->segs[k].len - bal[k].stray_at, &cp);
		f = habar__qa_add(qa, HABAR_QA_QUOTES, HABAR_QA_WARNING, other,
		    k, k, bal[k].stray_at, bal[k].stray_at + w);
		if (f == NULL)
			return;
		snprintf(f->message, sizeof(f->message), "%s closes a "
		    "quotation whose opening mark is missing, which %s does "
		    "not", u->segs[k].lang, u->segs[other].lang);
	}
}

/*
 * Quotation marks or brackets over a unit.  A version that leaves one
 * open is reported when at least as many versions close theirs in the
 * same unit (when most leave it open the quotation goes on in the next
 * sentence, as the source wrote it), when another version ends a
 * quotation begun in the sentence before (then none goes on), or when it
 * leaves two or more open and more than every other version.
 */
static void
check_balance(struct habar_qa *qa, const struct habar_qa_unit *u, size_t n,
    enum habar_qa_check check)
{
	int brackets = check == HABAR_QA_BRACKETS;
	struct balance bal[QA_MAX_SEGS];
	size_t closed = 0, left = 0, unmarked = 0, ended = 0, k, j;

	for (k = 0; k < n; k++) {
		unclosed(u->segs[k].text, u->segs[k].len, brackets,
		    !brackets && single_quotes(qa, u->segs[k].lang), &bal[k]);
		if (bal[k].depth > 0)
			left++;
		else if (bal[k].pairs > 0)
			closed++;
		else if (bal[k].marks == 0)
			unmarked++;
		if (bal[k].depth == 0 && bal[k].ends > 0)
			ended++;
	}
	if (!brackets)
		check_strays(qa, u, n, bal);
	if (left == 0)
		return;
	for (k = 0; k < n; k++) {
		struct habar_qa_finding *f;
		unsigned long cp = 0;
		size_t other, w;
		int deeper = bal[k].depth >= 2;
		if (bal[k].depth == 0)
			continue;
		for (j = 0; j < n && deeper; j++)
			if (j != k && bal[j].depth >= bal[k].depth)
				deeper = 0;
		/* Also when the others have no mark at all: a quotation
		 * going on in the next sentence would have its marks there
		 * too. */
		if (!(closed >= left || (left == 1 && unmarked == n - 1) ||
		    ended > 0 || deeper))
			continue;
		for (other = 0; other < n; other++)
			if (bal[other].depth == 0 && (bal[other].pairs > 0 ||
			    bal[other].ends > 0))
				break;
		if (other == n)
			for (other = 0; other < n && (other == k ||
			    bal[other].depth >= bal[k].depth); other++)
				;
		if (other == n)
			for (other = 0; other < n && other == k; other++)
				;
		if (other == n)
			continue;
		w = habar__utf8_decode((const unsigned char *)u->segs[k].text +
		    bal[k].at, u->segs[k].len - bal[k].at, &cp);
		f = habar__qa_add(qa, check, HABAR_QA_WARNING, other, k, k,
		    bal[k].at, bal[k].at + w);
		if (f == NULL)
			return;
		snprintf(f->message, sizeof(f->message), "%s leaves %s open "
		    "that %s %s", u->segs[k].lang, brackets ? "a bracket" :
		    "a quotation mark", u->segs[other].lang,
		    bal[other].depth > 0 ? "leaves open fewer times" :
		    bal[other].pairs > 0 ? "closes" : bal[other].ends > 0 ?
		    "ends" : "does not have");
	}
}

static int
blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r'))
			return 0;
	return 1;
}

static void
check_empty(struct habar_qa *qa, const struct habar_qa_unit *u, size_t a,
    size_t b)
{
	int ea = blank(u->segs[a].text, u->segs[a].len);
	int eb = blank(u->segs[b].text, u->segs[b].len);
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
static int
same_language(const char *tag, const char *lang)
{
	size_t n = strlen(lang);

	return strncmp(tag, lang, n) == 0 && (tag[n] == '\0' || tag[n] == '-' ||
	    tag[n] == '_');
}

static int
latin_script(const char *lang)
{
	return same_language(lang, "en") || strstr(lang, "Latn") != NULL;
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

static void
check_untranslated(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t a, size_t b)
{
	const struct habar_qa_segment *x = &u->segs[a], *y = &u->segs[b];
	struct habar_qa_finding *f;
	const char *guess;
	size_t side;

	if (same_language(x->lang, y->lang) || same_language(y->lang, x->lang))
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

static void
check_length(struct habar_qa *qa, const struct habar_qa_unit *u, size_t a,
    size_t b)
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
		if (got > want * 2.5 || got < want / 2.5) {
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

/* Folds segment i's text into qa->folded[i]; returns its length. */
static size_t
fold_segment(struct habar_qa *qa, const struct habar_qa_segment *s, size_t i)
{
	size_t need = s->len * 3 + 16, n;

	if (qa->folded_size[i] < need) {
		char *p = realloc(qa->folded[i], need);
		if (p == NULL)
			return 0;
		qa->folded[i] = p;
		qa->folded_size[i] = need;
	}
	n = habar__recognise_fold(qa->rec, s->text, s->len, qa->folded[i],
	    qa->folded_size[i]);
	return n;
}

/* The Hunspell dictionary of language lang, opened once a language;
 * NULL when there is none. */
static struct habar__dict *
dictionary(struct habar_qa *qa, const char *lang)
{
	const char *code = habar__spell_dict_code(lang);
	char err[256];
	size_t k;

	if (code == NULL)
		return NULL;
	for (k = 0; k < qa->dict_count; k++)
		if (strcmp(qa->dicts[k].code, code) == 0)
			return qa->dicts[k].dict;
	if (k == sizeof(qa->dicts) / sizeof(qa->dicts[0]))
		return NULL;
	snprintf(qa->dicts[k].code, sizeof(qa->dicts[k].code), "%s", code);
	if (habar__dict_open(&qa->dicts[k].dict, code, err, sizeof(err)) !=
	    HABAR_OK)
		qa->dicts[k].dict = NULL;
	qa->dict_count++;
	return qa->dicts[k].dict;
}

/* The stem of the folded word w[0..n) as habar-spell finds it: Hunspell's
 * stem, else the word; into out (size bytes). */
static void
stem_of_word(struct habar__dict *dict, const char *w, size_t n, char *out,
    size_t size)
{
	char word[256];

	if (n >= sizeof(word) || n >= size) {
		out[0] = '\0';
		return;
	}
	memcpy(word, w, n);
	word[n] = '\0';
	if (dict == NULL || !habar__dict_stem(dict, word, out, size))
		memcpy(out, word, n + 1);
}

/* The length of the character at text[i] (1 on a malformed byte), and
 * whether it is a letter or a digit. */
static size_t
word_char(const char *text, size_t len, size_t i, int *in_word)
{
	unsigned long c = 0;
	size_t n = habar__utf8_decode((const unsigned char *)text + i,
	    len - i, &c);

	*in_word = n > 0 && (habar__align_letter((uint32_t)c) ||
	    (c >= '0' && c <= '9'));
	return n > 0 ? n : 1;
}

/*
 * Whether folded text holds word term[0..tn) in an inflected form, as
 * habar-spell finds them: the same word, or one whose Hunspell stem is the
 * term's, or one the language's suffix rules make of the term's stem
 * (Kazakh, whose dictionary lists few forms: білімді of білім).
 */
static int
has_word(struct habar_qa *qa, const char *lang, const char *text,
    size_t len, const char *term, size_t tn)
{
	struct habar__dict *dict = dictionary(qa, lang);
	const struct habar__morph *m = morph(qa, lang);
	char stem[256], other[256];
	uint32_t scp[64], wcp[64], tcp[64];
	size_t i = 0, sn = 0, tcn = 0, probe = tn;

	stem_of_word(dict, term, tn, stem, sizeof(stem));
	/* A cheap look first: words that share the stem's first three
	 * characters (bytes of them). */
	{
		size_t c = 0, k;
		for (k = 0; k < strlen(stem) && c <= 3; k++)
			if (((unsigned char)stem[k] & 0xC0) != 0x80 && ++c == 4)
				break;
		probe = k < strlen(stem) ? k : strlen(stem);
		if (probe == 0)
			probe = tn;
	}
	while (i < len) {
		size_t start, n, k;
		int in = 0;
		while (i < len && (k = word_char(text, len, i, &in), !in))
			i += k;
		start = i;
		while (i < len && (k = word_char(text, len, i, &in), in))
			i += k;
		n = i - start;
		if (n == 0 || n < probe || memcmp(text + start, stem, probe) != 0)
			continue;
		if (n == tn && memcmp(text + start, term, tn) == 0)
			return 1;
		stem_of_word(dict, text + start, n, other, sizeof(other));
		if (strcmp(other, stem) == 0)
			return 1;
		if (m != NULL) {
			size_t wn = code_points(qa, text + start, n, wcp, 64);
			if (sn == 0) {
				sn = code_points(qa, stem, strlen(stem), scp, 64);
				tcn = code_points(qa, term, tn, tcp, 64);
			}
			if ((sn > 0 && form(m, wcp, wn, scp, sn, 0)) ||
			    (tcn > 0 && form(m, wcp, wn, tcp, tcn, 0)))
				return 1;
		}
	}
	return 0;
}

/* Whether every word of the folded term is in folded text (has_word()). */
static int
has_term(struct habar_qa *qa, const char *lang, const char *text, size_t len,
    const char *term)
{
	const char *w = term;

	while (*w != '\0') {
		size_t wl = strcspn(w, " ");
		if (!has_word(qa, lang, text, len, w, wl))
			return 0;
		w += wl;
		while (*w == ' ')
			w++;
	}
	return 1;
}

static int
glossary_column(const struct habar_qa *qa, const char *lang)
{
	size_t i;

	for (i = 0; i < qa->lang_count; i++)
		if (strcmp(qa->langs[i], lang) == 0 ||
		    same_language(lang, qa->langs[i]))
			return (int)i;
	return -1;
}

static void
check_terms(struct habar_qa *qa, const struct habar_qa_unit *u, size_t a,
    size_t b, const size_t *flen)
{
	int ca = glossary_column(qa, u->segs[a].lang);
	int cb = glossary_column(qa, u->segs[b].lang);
	size_t t, side;

	if (ca < 0 || cb < 0)
		return;
	for (t = 0; t < qa->term_count; t++) {
		for (side = 0; side < 2; side++) {
			size_t s = side ? b : a, o = side ? a : b;
			int cs = side ? cb : ca, co = side ? ca : cb;
			const char *ts = qa->terms[t].terms[cs];
			const char *to = qa->terms[t].terms[co];
			struct habar_qa_finding *f;
			if (ts == NULL || to == NULL ||
			    !has_term(qa, u->segs[s].lang, qa->folded[s],
			    flen[s], ts) || has_term(qa, u->segs[o].lang,
			    qa->folded[o], flen[o], to))
				continue;
			if ((f = habar__qa_add(qa, HABAR_QA_TERMS,
			    HABAR_QA_WARNING, a, b, o, 0, 0)) == NULL)
				return;
			snprintf(f->message, sizeof(f->message), "%s ",
			    u->segs[s].lang);
			say(f, "\"%s\" wants \"%s\"", ts, strlen(ts), to,
			    strlen(to));
			snprintf(f->message + strlen(f->message),
			    sizeof(f->message) - strlen(f->message), " in %s",
			    u->segs[o].lang);
			break;
		}
	}
}

enum habar_status
habar_qa_check(struct habar_qa *qa, const struct habar_qa_unit *unit,
    habar_qa_report_fn *report, void *arg)
{
	size_t n = unit->count < QA_MAX_SEGS ? unit->count : QA_MAX_SEGS;
	size_t flen[QA_MAX_SEGS];
	size_t a, b, i;

	for (i = 0; i < n; i++) {
		enum habar_status st = habar_recognise(qa->rec, qa->values[i],
		    unit->segs[i].lang, unit->segs[i].text, unit->segs[i].len,
		    HABAR_RECOGNISE_ALL);
		if (st == HABAR_ERR_NOMEM)
			return st;
		flen[i] = qa->on[HABAR_QA_TERMS] && qa->term_count > 0 ?
		    fold_segment(qa, &unit->segs[i], i) : 0;
	}
	qa->no_swap_count = 0;
	if (qa->on[HABAR_QA_QUOTES])
		check_balance(qa, unit, n, HABAR_QA_QUOTES);
	if (qa->on[HABAR_QA_BRACKETS])
		check_balance(qa, unit, n, HABAR_QA_BRACKETS);
	for (a = 0; a < n; a++)
		for (b = a + 1; b < n; b++) {
			qa->stats.pairs++;
			if (qa->on[HABAR_QA_EMPTY])
				check_empty(qa, unit, a, b);
			if (blank(unit->segs[a].text, unit->segs[a].len) ||
			    blank(unit->segs[b].text, unit->segs[b].len))
				continue;
			if (qa->on[HABAR_QA_NUMBERS])
				check_numbers(qa, unit, a, b);
			if (qa->on[HABAR_QA_DATES])
				check_keys(qa, unit, a, b, HABAR_QA_DATES,
				    HABAR_VALUE_DATE);
			if (qa->on[HABAR_QA_MONEY])
				check_keys(qa, unit, a, b, HABAR_QA_MONEY,
				    HABAR_VALUE_MONEY);
			if (qa->on[HABAR_QA_NAMES])
				check_names(qa, unit, a, b);
			if (qa->on[HABAR_QA_URLS])
				check_keys(qa, unit, a, b, HABAR_QA_URLS,
				    HABAR_VALUE_URL);
			if (qa->on[HABAR_QA_EMAILS])
				check_keys(qa, unit, a, b, HABAR_QA_EMAILS,
				    HABAR_VALUE_EMAIL);
			if (qa->on[HABAR_QA_PHONES])
				check_keys(qa, unit, a, b, HABAR_QA_PHONES,
				    HABAR_VALUE_PHONE);
			if (qa->on[HABAR_QA_HASHTAGS])
				check_keys(qa, unit, a, b, HABAR_QA_HASHTAGS,
				    HABAR_VALUE_HASHTAG);
			if (qa->on[HABAR_QA_HANDLES])
				check_keys(qa, unit, a, b, HABAR_QA_HANDLES,
				    HABAR_VALUE_HANDLE);
			if (qa->on[HABAR_QA_UNTRANSLATED])
				check_untranslated(qa, unit, a, b);
			if (qa->on[HABAR_QA_LENGTH])
				check_length(qa, unit, a, b);
			if (qa->on[HABAR_QA_TERMS] && qa->term_count > 0)
				check_terms(qa, unit, a, b, flen);
		}
	return habar__qa_flush(qa, unit, report, arg);
}
