/*
 * qa_numbers.c: the numbers check of habar-qa.  The figures of two
 * segments (numbers, sums, days and years of dates, hours) are compared
 * as multisets, so order and spelling do not matter: a figure is matched
 * with a figure of the same value wherever it stands, a date's day and
 * year with the same numbers of the other side (English writes "in 2019"
 * where Russian writes «в 2019 году», and the first is a number, the
 * second a date).  What a translator changes on purpose is matched too:
 * the twelve-hour clock, an amount converted to another unit, a code
 * spelled out.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "align_internal.h"
#include "qa_internal.h"
#include "recognise_internal.h"

/* The most bytes between two figures of which the second's unit is the
 * first's too ("2 to 4 inches", «от 2,5 до 10 см»). */
#define UNIT_REACH 12

/* The most bytes from a figure to the figure of its conversion in
 * brackets: its unit, " (" ("300 километров (186 миль)"). */
#define CONVERSION_REACH 32

static size_t
atoms_of(const struct habar_values *vals, const char *text,
    struct qa_atom *out)
{
	size_t i, n = 0;

#define ATOM(val, vv, sp) do { if (n < QA_MAX_ATOMS) { out[n].v = (val); \
	out[n].start = (vv)->start; out[n].end = (vv)->end; \
	out[n].spelled = (sp); out[n].matched = 0; out[n].hour = 0; \
	out[n].system = 0; out[n].quantity = ""; out[n].unit = 0; \
	out[n].code = 0; out[n].decade = 0; out[n].misconverted = 0; \
	out[n].by_word = 0; out[n].minute = 0; out[n].score = 0; \
	n++; } \
	} while (0)
	for (i = 0; i < habar_values_count(vals); i++) {
		const struct habar_value *v = habar_values_get(vals, i);
		size_t k, first = n;
		switch (v->kind) {
		case HABAR_VALUE_NUMBER:
		case HABAR_VALUE_MONEY:
			ATOM(v->number, v, (v->flags & HABAR_VALUE_SPELLED) != 0);
			/* «в 30-е годы», the 1930s: a decade's ordinal
			 * leaves out the century. */
			if (n > first && (v->flags & HABAR_VALUE_ORDINAL) &&
			    v->number_to == v->number && v->number >= 10 &&
			    v->number <= 90 && fmod(v->number, 10) == 0)
				out[first].decade = 1;
			/* Both figures of a score, also a draw (2:2). */
			if (v->number_to != v->number ||
			    (v->flags & HABAR_VALUE_SCORE))
				ATOM(v->number_to, v, 0);
			if (n > first + 1 && (v->flags & HABAR_VALUE_SCORE))
				out[n - 1].score = 1;
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
			/* The minutes when written, :00 too: 4:00 against
			 * 4:40 leaves one on each side; "3 p.m." has
			 * none. */
			if (v->minute || memchr(text + v->number_start, ':',
			    v->number_end - v->number_start) != NULL ||
			    memchr(text + v->number_start, '.',
			    v->number_end - v->number_start) != NULL) {
				k = n;
				ATOM(v->minute, v, 0);
				if (n > k)
					out[k].minute = 1;
			}
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

/*
 * Whether x and y are a time's written minutes and a score's second
 * figure: no one writes minutes with one digit, so «15:0», read as a
 * score, against 15:00 lost a digit of its minutes (and a score is no
 * time).
 */
static int
minute_score(const struct qa_atom *x, const struct qa_atom *y)
{
	return (x->minute && y->score) || (x->score && y->minute);
}

/* The digits of the unmatched whole numbers of at, in order (not a
 * time's minutes: they are no digits grouped otherwise). */
static void
digits_of(const struct qa_atom *at, size_t n, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n && len + 24 < size; i++)
		if (!at[i].matched && !at[i].spelled && !at[i].minute &&
		    at[i].v >= 0 &&
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

/* Marks the figures written on to letters: part of a code or a name
 * (SS19, HER2, F125). */
static void
in_codes(struct qa_atom *at, size_t n, const char *text)
{
	size_t i;

	for (i = 0; i < n; i++)
		at[i].code = at[i].start > 0 &&
		    habar__align_letter(habar__qa_before(text, at[i].start));
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

/*
 * Marks the figures of a conversion given in brackets beside its figure
 * that does not hold ("550 фунт (49 кг)", "300 km (180 miles)" holds):
 * the one or the other was changed, and no version can write it in
 * words instead, as it may a figure left over alone.  A range is
 * compared end with end ("2 to 4 inches (5 to 10 cm)"); a number in
 * words is a round one ("six meters (18 feet)").
 */
static void
mark_misconversions(struct qa_atom *at, size_t n, const char *text)
{
	size_t i, j, k, m, p;

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && at[j].start == at[i].start; j++)
			;
		for (k = j; k < n && at[k].start == at[j].start; k++)
			;
		if (j == n || k - j != j - i || at[i].unit <= 0 ||
		    at[i].spelled || at[j].spelled ||
		    at[j].unit <= 0 || at[j].start < at[i].end ||
		    strcmp(at[i].quantity, at[j].quantity) != 0 ||
		    (near(at[i].unit, at[j].unit) &&
		    strcmp(at[i].quantity, "tem") != 0))
			continue;
		/* The first figure's unit and the opening bracket
		 * between, then only spaces. */
		if (at[j].start - at[i].end > CONVERSION_REACH)
			continue;
		for (p = at[i].end, m = 0; p < at[j].start; p++)
			if (text[p] == '(')
				m++;
			else if ((m > 0 && text[p] != ' ') || text[p] == ')' ||
			    text[p] == ',' || text[p] == ';' ||
			    (text[p] >= '0' && text[p] <= '9'))
				break;
		if (p < at[j].start || m != 1)
			continue;
		for (m = 0; m < j - i; m++)
			if (!same_amount(&at[i + m], &at[j + m]))
				at[i + m].misconverted =
				    at[j + m].misconverted = 1;
	}
}

/* Whether a figure of a conversion that does not hold is left over. */
static int
misconversion_left(const struct qa_atom *at, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (at[i].misconverted && !at[i].matched)
			return 1;
	return 0;
}

/* Takes back the matches of at's figures with words of the other side;
 * returns how many. */
static size_t
unmatch_by_word(struct qa_atom *at, size_t n)
{
	size_t i, count = 0;

	for (i = 0; i < n; i++)
		if (at[i].matched && at[i].by_word && !at[i].spelled) {
			at[i].matched = at[i].by_word = 0;
			count++;
		}
	return count;
}

/* Whether x is a decade whose century y gives: 30-е against 1930. */
static int
same_decade(const struct qa_atom *x, const struct qa_atom *y)
{
	return x->decade && !y->decade && y->v >= 1000 && y->v < 3000 &&
	    y->v == floor(y->v) && near(fmod(y->v, 100), x->v);
}

/* The figures of a version of u other than a and b into qa->atoms[2]:
 * the count, or 0 when c is a or b or past the unit. */
static size_t
third(struct habar_qa *qa, const struct habar_qa_unit *u, size_t a,
    size_t b, size_t c)
{
	size_t n = u->count < QA_MAX_SEGS ? u->count : QA_MAX_SEGS;

	if (c == a || c == b || c >= n)
		return 0;
	return atoms_of(qa->values[c], u->segs[c].text, qa->atoms[2]);
}

/*
 * Sets aside the number words left over in at that no other version of
 * the unit than a and b has as a figure or a word: "two" may be no count
 * («Екі шіркеуді де», both churches; «екі есе», doubled), and a figure
 * the third version confirms is what tells a changed one.  With two
 * versions every word stays.
 */
static void
drop_lone_words(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t a, size_t b, struct qa_atom *at, size_t n)
{
	size_t i, c, k, nz, versions = u->count < QA_MAX_SEGS ? u->count :
	    QA_MAX_SEGS;
	int seen;

	if (versions < 3)
		return;
	for (i = 0; i < n; i++) {
		if (at[i].matched || !at[i].spelled)
			continue;
		seen = 0;
		for (c = 0; c < versions && !seen; c++)
			for (k = 0, nz = third(qa, u, a, b, c); k < nz && !seen;
			    k++)
				seen = near(qa->atoms[2][k].v, at[i].v);
		if (!seen)
			at[i].matched = 1;
	}
}

/* Whether z writes figure x as it stands: the same value, in the same
 * unit when both give one (30 yards is not «30 метр»). */
static int
same_figure(const struct qa_atom *z, const struct qa_atom *x)
{
	return near(z->v, x->v) && (z->unit <= 0 || x->unit <= 0 ||
	    (near(z->unit, x->unit) && strcmp(z->quantity, x->quantity) == 0));
}

/*
 * Matches figures left over on both sides that a third version joins:
 * it writes the one as it stands and the other converted ("widespread
 * 80s", «27 градусов», «80 градус»), so the two say the same.
 */
static void
bridge(struct habar_qa *qa, const struct habar_qa_unit *u, size_t a,
    size_t b, struct qa_atom *x, size_t nx, struct qa_atom *y, size_t ny)
{
	size_t c, i, j, k, nz, versions = u->count < QA_MAX_SEGS ? u->count :
	    QA_MAX_SEGS;
	const struct qa_atom *z = qa->atoms[2];

	for (c = 0; c < versions; c++) {
		if ((nz = third(qa, u, a, b, c)) == 0)
			continue;
		for (i = 0; i < nx; i++)
			for (j = 0; j < ny && !x[i].matched; j++) {
				if (y[j].matched)
					continue;
				for (k = 0; k < nz; k++)
					if ((same_figure(&z[k], &x[i]) &&
					    same_amount(&z[k], &y[j])) ||
					    (same_figure(&z[k], &y[j]) &&
					    same_amount(&z[k], &x[i]))) {
						x[i].matched = y[j].matched = 1;
						break;
					}
			}
	}
}

void
habar__qa_check_numbers(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t a, size_t b)
{
	/* The checker's own arrays: a pack's checks run on several
	 * threads at once (habar-batch), each with its own checker. */
	struct qa_atom *x = qa->atoms[0], *y = qa->atoms[1];
	size_t nx = atoms_of(qa->values[a], u->segs[a].text, x);
	size_t ny = atoms_of(qa->values[b], u->segs[b].text, y);
	size_t i, j, fa = 0, fb = 0, ca, cb;
	int pass;
	char la[256], lb[256];
	struct habar_qa_finding *f;

	in_codes(x, nx, u->segs[a].text);
	in_codes(y, ny, u->segs[b].text);
	mark_misconversions(x, nx, u->segs[a].text);
	mark_misconversions(y, ny, u->segs[b].text);
	/* Figures with figures first, then what is left with words: a
	 * word may be no count («екі есе», twofold), and matched with the
	 * 2 of "Nord Stream 2" it would leave the changed figure of the
	 * other version alone on its side. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < nx; i++)
			for (j = 0; j < ny && !x[i].matched; j++)
				if (!y[j].matched && (pass == 1 ||
				    (!x[i].spelled && !y[j].spelled)) &&
				    !minute_score(&x[i], &y[j]) &&
				    near(x[i].v, y[j].v)) {
					x[i].matched = y[j].matched = 1;
					x[i].by_word = y[j].spelled;
					y[j].by_word = x[i].spelled;
				}
	/* An hour of the twelve-hour clock against the same of the
	 * twenty-four ("3 p.m." written "3" in a sentence that says
	 * "afternoon", 15:00). */
	for (i = 0; i < nx; i++)
		for (j = 0; j < ny && !x[i].matched; j++)
			if (!y[j].matched && (x[i].hour || y[j].hour) &&
			    fabs(fabs(x[i].v - y[j].v) - 12) < 1e-9)
				x[i].matched = y[j].matched = 1;
	/* A decade without its century against the year with it. */
	for (i = 0; i < nx; i++)
		for (j = 0; j < ny && !x[i].matched; j++)
			if (!y[j].matched && (same_decade(&x[i], &y[j]) ||
			    same_decade(&y[j], &x[i])))
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
	if (ca > 0 && cb > 0) {
		bridge(qa, u, a, b, x, nx, y, ny);
		ca = unmatched(la, sizeof(la), x, nx, u->segs[a].text, &fa, 0);
		cb = unmatched(lb, sizeof(lb), y, ny, u->segs[b].text, &fb, 0);
	}
	/* A figure left over on one side only, where that side's word
	 * matched a figure of the other: the word is likely no count
	 * ("Nord Stream 2" against «екі есе ... Стрим 9»), and the figure
	 * it took the changed one. */
	if (ca > 0 && cb == 0 && unmatch_by_word(y, ny))
		cb = unmatched(lb, sizeof(lb), y, ny, u->segs[b].text, &fb, 0);
	else if (cb > 0 && ca == 0 && unmatch_by_word(x, nx))
		ca = unmatched(la, sizeof(la), x, nx, u->segs[a].text, &fa, 0);
	/* A number spelled out ("eight") left over against a figure left
	 * over on the other side: one of them was changed. */
	if (ca > 0 && cb == 0) {
		drop_lone_words(qa, u, a, b, y, ny);
		cb = unmatched(lb, sizeof(lb), y, ny, u->segs[b].text, &fb, 1);
	} else if (cb > 0 && ca == 0) {
		drop_lone_words(qa, u, a, b, x, nx);
		ca = unmatched(la, sizeof(la), x, nx, u->segs[a].text, &fa, 1);
	}
	/* A figure on one side only is most often written in words on the
	 * other ("a decade", «тысячи»): a changed figure leaves one unmatched
	 * on each side, or a conversion that does not hold one on its
	 * side. */
	if ((ca == 0 || cb == 0) && !misconversion_left(x, nx) &&
	    !misconversion_left(y, ny))
		return;
	if (ca == 0 && cb == 0)
		return;
	f = habar__qa_add(qa, HABAR_QA_NUMBERS, HABAR_QA_ERROR, a, b,
	    cb ? b : a, cb ? y[fb].start : x[fa].start, cb ? y[fb].end :
	    x[fa].end);
	if (f == NULL)
		return;
	if (ca > 0) {
		snprintf(f->message, sizeof(f->message), "%s has %s; ",
		    u->segs[a].lang, la);
		habar__qa_say(f, "%s%s", "", 0, "", 0);
	}
	if (cb > 0)
		snprintf(f->message + strlen(f->message), sizeof(f->message) -
		    strlen(f->message), "%s has %s; ", u->segs[b].lang, lb);
	snprintf(f->message + strlen(f->message), sizeof(f->message) -
	    strlen(f->message), "not in the other");
}
