/*
 * recognise.c: finding numbers, dates, times, sums of money, URLs,
 * e-mail addresses, telephone numbers, hashtags, handles and names in a
 * segment (see habar/recognise.h).  Addresses and the like are found on
 * the bytes first, as their punctuation would cut them into many
 * tokens; the rest of the segment is cut into tokens (recognise_icu.c)
 * and matched against the patterns of dates, times, sums and numbers,
 * each token used by one value at most, in that order, so that a date's
 * day is not also counted as a number.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow_internal.h"
#include "recognise_internal.h"

/* A flag of the scan only (never in a value): a figure followed by the
 * degree sign, a temperature (27°). */
#define DEGREE_SIGN 0x80000000u

enum habar_status
habar_recognise_new(struct habar_recogniser **rec_out, char *msg,
    size_t msg_size)
{
	struct habar_recogniser *rec;
	enum habar_status status;

	*rec_out = NULL;
	if (msg != NULL && msg_size > 0)
		msg[0] = '\0';
	if ((rec = calloc(1, sizeof(*rec))) == NULL)
		return HABAR_ERR_NOMEM;
	if (!habar__recognise_fold_open(rec)) {
		status = HABAR_ERR_LIBRARY;
		goto done;
	}
	status = habar__recognise_load(rec);
done:
	if (status != HABAR_OK) {
		/* The handle goes, so its message is handed out first. */
		if (msg != NULL && msg_size > 0)
			snprintf(msg, msg_size, "%s", rec->error[0] != '\0' ?
			    rec->error : habar_status_string(status));
		habar_recognise_free(rec);
		return status;
	}
	*rec_out = rec;
	return HABAR_OK;
}

void
habar_recognise_free(struct habar_recogniser *rec)
{
	size_t i;

	if (rec == NULL)
		return;
	for (i = 0; i < REC_LANGS; i++) {
		free(rec->langs[i].words);
		free(rec->langs[i].first2);
		free(rec->langs[i].plurals);
		free(rec->langs[i].sounds);
	}
	free(rec->letters);
	habar__recognise_fold_close(rec);
	free(rec);
}

enum habar_status
habar_values_new(struct habar_values **values_out)
{
	*values_out = calloc(1, sizeof(**values_out));
	return *values_out == NULL ? HABAR_ERR_NOMEM : HABAR_OK;
}

void
habar_values_free(struct habar_values *values)
{
	if (values == NULL)
		return;
	free(values->v);
	free(values->tokens);
	free(values);
}

size_t
habar_values_count(const struct habar_values *values)
{
	return values->count;
}

const struct habar_value *
habar_values_get(const struct habar_values *values, size_t i)
{
	return i < values->count ? &values->v[i] : NULL;
}

const char *
habar_value_kind_name(enum habar_value_kind kind)
{
	static const char *const names[] = { "?", "number", "date", "time",
	    "money", "url", "email", "phone", "hashtag", "handle", "name" };

	return (unsigned)kind < sizeof(names) / sizeof(names[0]) ?
	    names[kind] : "?";
}

/* The state of one habar_recognise() call. */
struct scan {
	const struct habar_recogniser *rec;
	const struct rec_lang *lang;
	struct habar_values *out;
	const char *text;
	size_t len;
	struct rec_token *t;
	size_t n;
	int en;			/* English: month names are capitalised */
	enum habar_status status;
};

static struct habar_value *
push(struct scan *s, enum habar_value_kind kind, size_t start, size_t end)
{
	struct habar_values *o = s->out;
	struct habar_value *v;
	enum habar_status status;

	if (o->count >= REC_MAX_VALUES) {
		s->status = HABAR_ERR_LIMIT;
		return NULL;
	}
	if ((status = habar__grow((void **)&o->v, &o->size, o->count + 1,
	    sizeof(*o->v), 32)) != HABAR_OK) {
		s->status = status;
		return NULL;
	}
	v = &o->v[o->count++];
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	v->start = start;
	v->end = end;
	v->scale = 1;
	return v;
}

/* Addresses, tags and telephone numbers, found on the bytes. */

static int
ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static void
set_key(struct habar_value *v, const char *s, size_t len, int lower)
{
	size_t i, n = len < HABAR_VALUE_KEY_MAX - 1 ? len : HABAR_VALUE_KEY_MAX - 1;

	for (i = 0; i < n; i++) {
		char c = s[i];
		v->key[i] = lower && c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
	}
	v->key[n] = '\0';
}

static int
prefix_ci(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p), i;

	if (len < n)
		return 0;
	for (i = 0; i < n; i++)
		if ((s[i] | 0x20) != p[i])
			return 0;
	return 1;
}

static size_t
scan_url(struct scan *s, size_t p)
{
	const char *x = s->text + p;
	size_t rest = s->len - p, e = 0, k = 0;
	struct habar_value *v;
	int paren = 0;

	if (p > 0 && (ascii_alnum((unsigned char)x[-1]) || x[-1] == '/' ||
	    x[-1] == '.' || x[-1] == '@'))
		return 0;
	if (prefix_ci(x, rest, "https://"))
		k = 8;
	else if (prefix_ci(x, rest, "http://"))
		k = 7;
	else if (!prefix_ci(x, rest, "www."))
		return 0;
	for (e = k; e < rest; e++) {
		unsigned char c = (unsigned char)x[e];
		if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\'' ||
		    (c == 0xC2 && e + 1 < rest && ((unsigned char)x[e + 1] ==
		    0xAB || (unsigned char)x[e + 1] == 0xBB || (unsigned char)
		    x[e + 1] == 0xA0)) || (c == 0xE2 && e + 1 < rest &&
		    (unsigned char)x[e + 1] == 0x80))
			break;
		if (c == '(')
			paren++;
		if (c == ')' && paren-- <= 0)
			break;
	}
	while (e > k && strchr(".,;:!?", x[e - 1]) != NULL)
		e--;
	if (e <= k + 3)
		return 0;
	if ((v = push(s, HABAR_VALUE_URL, p, p + e)) == NULL)
		return 0;
	if (prefix_ci(x + k, e - k, "www."))
		k += 4;
	set_key(v, x + k, e - k - (x[e - 1] == '/'), 1);
	return e;
}

/* At an '@': an e-mail address around it or a handle after it.  Returns
 * the span found in *start, *end. */
static int
scan_at(struct scan *s, size_t p, size_t *start, size_t *end)
{
	const char *x = s->text;
	size_t l = p, r = p + 1, dot = 0, k;
	struct habar_value *v;

	while (l > 0 && (ascii_alnum((unsigned char)x[l - 1]) ||
	    strchr("._%+-", x[l - 1]) != NULL))
		l--;
	if (l < p) {
		while (r < s->len && (ascii_alnum((unsigned char)x[r]) ||
		    x[r] == '.' || x[r] == '-'))
			r++;
		while (r > p + 1 && (x[r - 1] == '.' || x[r - 1] == '-'))
			r--;
		for (k = p + 1; k < r; k++)
			if (x[k] == '.')
				dot = k;
		if (dot == 0 || x[l] == '.')
			return 0;
		if ((v = push(s, HABAR_VALUE_EMAIL, l, r)) == NULL)
			return 0;
		set_key(v, x + l, r - l, 1);
	} else {
		if (p > 0 && (unsigned char)x[p - 1] >= 0x80)
			return 0;
		while (r < s->len && (ascii_alnum((unsigned char)x[r]) ||
		    x[r] == '_'))
			r++;
		if (r == p + 1)
			return 0;
		if ((v = push(s, HABAR_VALUE_HANDLE, p, r)) == NULL)
			return 0;
		set_key(v, x + p, r - p, 1);
	}
	*start = v->start;
	*end = v->end;
	return 1;
}

static size_t
scan_hashtag(struct scan *s, size_t p)
{
	const char *x = s->text;
	size_t r = p + 1;
	int letters = 0;
	struct habar_value *v;

	if (p > 0 && (ascii_alnum((unsigned char)x[p - 1]) || x[p - 1] == '&' ||
	    (unsigned char)x[p - 1] >= 0x80))
		return 0;
	while (r < s->len && (ascii_alnum((unsigned char)x[r]) || x[r] == '_' ||
	    ((unsigned char)x[r] >= 0x80 && !((unsigned char)x[r] == 0xC2) &&
	    !((unsigned char)x[r] == 0xE2)))) {
		if (!(x[r] >= '0' && x[r] <= '9'))
			letters = 1;
		r++;
	}
	/* Do not end inside a character. */
	while (r > p + 1 && ((unsigned char)x[r - 1] & 0xC0) == 0xC0)
		r--;
	while (r > p + 1 && r < s->len && ((unsigned char)x[r] & 0xC0) == 0x80)
		r--;
	if (!letters || r <= p + 1)
		return 0;
	if ((v = push(s, HABAR_VALUE_HASHTAG, p, r)) == NULL)
		return 0;
	habar__recognise_fold(s->rec, x + p, r - p, v->key, sizeof(v->key));
	return r - p;
}

static size_t
scan_phone(struct scan *s, size_t p)
{
	const char *x = s->text;
	size_t r = p, last = p, k = 0;
	int digits = 0, paren = 0;
	struct habar_value *v;

	if (p > 0 && (ascii_alnum((unsigned char)x[p - 1]) || x[p - 1] == '.' ||
	    x[p - 1] == ','))
		return 0;
	if (x[p] == '+') {
		if (p + 1 >= s->len || !(x[p + 1] >= '0' && x[p + 1] <= '9'))
			return 0;
		r++;
	} else {
		/* 8 (7172) 74-12-34: a national prefix and an area code. */
		size_t q = p + 1;
		if (x[p] != '8')
			return 0;
		if (q < s->len && x[q] == ' ')
			q++;
		if (q >= s->len || x[q] != '(')
			return 0;
		paren = 1;
	}
	for (; r < s->len; r++) {
		char c = x[r];
		if (c >= '0' && c <= '9') {
			digits++;
			last = r + 1;
		} else if (c == '(' || c == ')')
			paren = 1;
		else if (!(c == ' ' || c == '-' || c == '.'))
			break;
		else if (r + 1 < s->len && !(x[r + 1] >= '0' &&
		    x[r + 1] <= '9') && x[r + 1] != '(' && x[r + 1] != ' ')
			break;
	}
	if (digits < 10 || digits > 15 || (x[p] != '+' && !paren))
		return 0;
	if ((v = push(s, HABAR_VALUE_PHONE, p, last)) == NULL)
		return 0;
	for (r = p; r < last && k + 1 < sizeof(v->key); r++)
		if (x[r] >= '0' && x[r] <= '9')
			v->key[k++] = x[r];
	v->key[k] = '\0';
	/* 8 701 ... and +7 701 ... are the same number. */
	if (k == 11 && v->key[0] == '8' && x[p] != '+')
		v->key[0] = '7';
	return last - p;
}

/*
 * Finds the addresses, tags and telephone numbers; their spans go to
 * skip[] (pairs), at most max of them.  Returns how many.
 */
static size_t
scan_bytes(struct scan *s, size_t *skip, size_t max, unsigned kinds)
{
	size_t p = 0, n = 0;

	while (p < s->len && n < max && s->status == HABAR_OK) {
		char c = s->text[p];
		size_t used = 0, start = p, end = p;
		if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') &&
		    (kinds & HABAR_RECOGNISE_KIND(HABAR_VALUE_URL)))
			used = scan_url(s, p);
		else if (c == '@') {
			if (scan_at(s, p, &start, &end)) {
				if (!(kinds & HABAR_RECOGNISE_KIND(
				    s->out->v[s->out->count - 1].kind)))
					s->out->count--;
				skip[2 * n] = start;
				skip[2 * n + 1] = end;
				n++;
				p = end;
				continue;
			}
		} else if (c == '#' &&
		    (kinds & HABAR_RECOGNISE_KIND(HABAR_VALUE_HASHTAG)))
			used = scan_hashtag(s, p);
		else if ((c == '+' || c == '8') &&
		    (kinds & HABAR_RECOGNISE_KIND(HABAR_VALUE_PHONE)))
			used = scan_phone(s, p);
		if (used > 0) {
			/* An e-mail address found before its '@' came
			 * from the bytes before p: keep the spans in order. */
			skip[2 * n] = p;
			skip[2 * n + 1] = p + used;
			n++;
			p += used;
		} else
			p++;
	}
	/* An address found at its '@' may start before an earlier span's
	 * end only if they overlap, which scan_at's backward scan avoids
	 * by stopping at any byte a URL keeps: nothing to merge. */
	return n;
}

/* Tokens. */

static int
is_num(const struct scan *s, size_t i)
{
	return i < s->n && s->t[i].kind == TK_NUM && !s->t[i].used;
}

static int
is_punct(const struct scan *s, size_t i, uint32_t cp)
{
	return i < s->n && s->t[i].kind == TK_PUNCT && s->t[i].cp == cp &&
	    !s->t[i].used;
}

static int
is_dash(const struct scan *s, size_t i)
{
	return is_punct(s, i, '-') || is_punct(s, i, 0x2013) ||
	    is_punct(s, i, 0x2014) || is_punct(s, i, 0x2012);
}

static long
num_value(const struct scan *s, size_t i)
{
	const struct rec_token *t = &s->t[i];
	long v = 0;
	size_t k;

	for (k = t->start; k < t->end && v < 100000000; k++)
		v = v * 10 + (s->text[k] - '0');
	return v;
}

static int
is_day(const struct scan *s, size_t i)
{
	long v;

	if (!is_num(s, i) || s->t[i].digits > 2)
		return 0;
	v = num_value(s, i);
	return v >= 1 && v <= 31;
}

static int
is_year(const struct scan *s, size_t i)
{
	long v;

	if (!is_num(s, i) || s->t[i].digits != 4)
		return 0;
	v = num_value(s, i);
	return v >= 1800 && v <= 2199;
}

static const struct rec_word *
word_of(const struct scan *s, size_t i, int kind, int stems)
{
	struct rec_token *t;
	const struct rec_word *words = s->lang->words;
	size_t k;

	if (i >= s->n || s->t[i].used)
		return NULL;
	t = &s->t[i];
	if (t->kind == TK_NUM || t->fold[0] == '\0')
		return NULL;
	habar__recognise_lookup(s->lang, t, stems);
	for (k = 0; k < t->exact_count; k++)
		if (words[t->exact_first + k].kind == kind)
			return &words[t->exact_first + k];
	for (k = 0; stems && k < t->nstems; k++)
		if (words[t->stems[k]].kind == kind)
			return &words[t->stems[k]];
	return NULL;
}

static const struct rec_word *
month_of(const struct scan *s, size_t i)
{
	const struct rec_word *w = word_of(s, i, RW_MONTH, 0);

	if (w != NULL && s->en && s->t[i].upper == 0)
		return NULL;
	return w;
}

static void
use(struct scan *s, size_t from, size_t to)
{
	for (; from < to && from < s->n; from++)
		s->t[from].used = 1;
}

/* A year word after the token before i, with its abbreviation's point;
 * returns the index after it, or i. */
static size_t
year_word(const struct scan *s, size_t i)
{
	size_t j = i;

	if (is_dash(s, j) && s->t[j].gap == 0 && j + 1 < s->n &&
	    s->t[j + 1].gap == 0)
		j++;	/* 2025-жылы */
	if (word_of(s, j, RW_YEAR, 1) == NULL || s->t[j].gap > 1)
		return i;
	j++;
	if (is_punct(s, j, '.') && s->t[j].gap == 0 &&
	    s->t[j - 1].end - s->t[j - 1].start <= 2)
		j++;
	return j;
}

static void
date_parts(struct scan *s, struct habar_value *v, size_t day, size_t day_to,
    size_t month, size_t year)
{
	if (day != (size_t)-1) {
		v->day = (int)num_value(s, day);
		v->day_to = v->day;
		v->day_start = s->t[day].start;
		v->day_end = s->t[day].end;
		if (day_to != (size_t)-1) {
			v->day_to = (int)num_value(s, day_to);
			v->day_end = s->t[day_to].end;
			v->flags |= HABAR_VALUE_RANGE;
		}
	}
	if (month != (size_t)-1) {
		v->month_start = s->t[month].start;
		v->month_end = s->t[month].end;
		if (s->t[month].kind == TK_NUM)
			v->month = (int)num_value(s, month);
		else {
			const struct rec_word *w = month_of(s, month);
			v->month = w->value;
			v->month_form = w->form;
		}
	}
	if (year != (size_t)-1) {
		v->year = (int)num_value(s, year);
		v->year_start = s->t[year].start;
		v->year_end = s->t[year].end;
	}
}

/* Days: "24" or "24–25"; returns the index after, *to the second day. */
static size_t
days(const struct scan *s, size_t i, size_t *to)
{
	*to = (size_t)-1;
	if (!is_day(s, i))
		return i;
	if (is_dash(s, i + 1) && s->t[i + 1].gap <= 1 && is_day(s, i + 2) &&
	    s->t[i + 2].gap <= 1 && num_value(s, i + 2) > num_value(s, i)) {
		*to = i + 2;
		return i + 3;
	}
	/* An ordinal ending before the month: 30th September, 29-го
	 * сентября (a day it is still). */
	if (i + 1 < s->n && s->t[i + 1].kind == TK_WORD &&
	    s->t[i + 1].gap == 0 && word_of(s, i + 1, RW_ORDINAL, 0) != NULL &&
	    month_of(s, i + 2) != NULL)
		return i + 2;
	if (is_punct(s, i + 1, '-') && s->t[i + 1].gap == 0 && i + 2 < s->n &&
	    s->t[i + 2].gap == 0 && word_of(s, i + 2, RW_ORDINAL, 0) != NULL &&
	    month_of(s, i + 3) != NULL)
		return i + 3;
	/* A Kazakh or Russian case ending: 24-і, 25-ке. */
	return i + 1;
}

static int
try_date(struct scan *s, size_t i)
{
	struct rec_token *t = s->t;
	size_t j, k, day_to, d = (size_t)-1, dt = (size_t)-1, m = (size_t)-1,
	    y = (size_t)-1, end = i;
	const struct rec_word *w;
	struct habar_value *v;
	int weekday = 0;

	if ((w = word_of(s, i, RW_WEEKDAY, 0)) != NULL && (!s->en ||
	    t[i].upper)) {
		weekday = w->value;
		j = i + 1;
		if (is_punct(s, j, ','))
			j++;
		t[i].used = 1;
		if (!try_date(s, j)) {
			t[i].used = 0;
			if ((w->abbrev || w->form > 1) && s->en)
				return 0;
			if ((v = push(s, HABAR_VALUE_DATE, t[i].start,
			    t[i].end)) == NULL)
				return 0;
			v->weekday = weekday;
			t[i].used = 1;
			return 1;
		}
		v = &s->out->v[s->out->count - 1];
		v->start = t[i].start;
		v->weekday = weekday;
		return 1;
	}
	if (is_year(s, i) && is_punct(s, i + 1, '-') && is_num(s, i + 2) &&
	    t[i + 2].digits <= 2 && num_value(s, i + 2) >= 1 &&
	    num_value(s, i + 2) <= 12 && is_punct(s, i + 3, '-') &&
	    is_day(s, i + 4) && t[i + 1].gap == 0 && t[i + 2].gap == 0 &&
	    t[i + 3].gap == 0 && t[i + 4].gap == 0) {
		/* 2005-11-24 */
		d = i + 4;
		m = i + 2;
		y = i;
		end = i + 5;
	} else if (is_day(s, i) && (is_punct(s, i + 1, '.') ||
	    is_punct(s, i + 1, '/')) && is_num(s, i + 2) &&
	    t[i + 2].digits <= 2 && num_value(s, i + 2) >= 1 &&
	    num_value(s, i + 2) <= 12 && is_punct(s, i + 3, t[i + 1].cp) &&
	    is_year(s, i + 4) && t[i + 1].gap == 0 && t[i + 2].gap == 0 &&
	    t[i + 3].gap == 0 && t[i + 4].gap == 0) {
		/* 24.11.2005 */
		d = i;
		m = i + 2;
		y = i + 4;
		end = i + 5;
	} else if ((j = days(s, i, &day_to)) > i && month_of(s, j) != NULL) {
		/* 24–25 ноября 2005 года, 24 November 2005 */
		d = i;
		dt = day_to;
		m = j;
		end = j + 1;
		if (month_of(s, j)->abbrev && is_punct(s, end, '.') &&
		    t[end].gap == 0 && is_year(s, end + 1))
			end++;	/* 5 авг. 2020 */
		if (is_punct(s, end, ',') && is_year(s, end + 1))
			end++;
		if (is_year(s, end)) {
			y = end;
			end = year_word(s, end + 1);
		}
	} else if (month_of(s, i) != NULL) {
		size_t at = i + 1;
		m = i;
		end = i + 1;
		if (month_of(s, i)->abbrev && is_punct(s, at, '.') &&
		    t[at].gap == 0)
			at++;	/* Oct. 2, 1968 */
		if ((j = days(s, at, &day_to)) > at && !(j < s->n &&
		    t[j].gap == 0 && t[j].kind == TK_PUNCT && (t[j].cp == '%' ||
		    t[j].cp == ':' || (t[j].cp < 0x80 &&
		    strchr(s->lang->decimal, (int)t[j].cp) != NULL &&
		    is_num(s, j + 1) && t[j + 1].gap == 0)))) {
			/* November 24, 2005 */
			d = at;
			dt = day_to;
			end = j;
			k = is_punct(s, end, ',') ? end + 1 : end;
			if (is_year(s, k)) {
				y = k;
				end = year_word(s, k + 1);
			}
		} else if (is_year(s, i + 1)) {
			/* ноябре 2005 года, November 2005 */
			y = i + 1;
			end = year_word(s, i + 2);
		} else if (month_of(s, i)->abbrev)
			return 0;
	} else if (is_year(s, i) && (j = year_word(s, i + 1)) >= i + 1) {
		/* 2005 жылғы 24 қараша, 2005 жылы, 2005 года */
		y = i;
		end = j;
		if ((k = days(s, j, &day_to)) > j && month_of(s, k) != NULL) {
			d = j;
			dt = day_to;
			m = k;
			end = k + 1;
		} else if (month_of(s, j) != NULL && !month_of(s, j)->abbrev) {
			m = j;
			end = j + 1;
		} else if (j == i + 1)
			return 0;	/* a bare number */
	} else
		return 0;
	if ((v = push(s, HABAR_VALUE_DATE, t[i].start, t[end - 1].end)) == NULL)
		return 0;
	date_parts(s, v, d, dt, m, y);
	use(s, i, end);
	return 1;
}

/*
 * An am or pm word at i, also written with points ("p.m."); returns how
 * many tokens it takes (0 when none) and *pm whether it is pm.
 */
static size_t
meridiem(const struct scan *s, size_t i, int *pm)
{
	char joined[8];
	size_t k, n = 0, used = 0;

	if (i >= s->n || s->t[i].gap > 1)
		return 0;
	if (word_of(s, i, RW_PM, 0) != NULL || word_of(s, i, RW_AM, 0) != NULL) {
		*pm = word_of(s, i, RW_PM, 0) != NULL;
		return 1;
	}
	/* Letters separated by points: a.m., p.m. */
	for (k = i; k < s->n && n + 2 < sizeof(joined); k += 2) {
		if (s->t[k].kind != TK_WORD || s->t[k].letters != 1 ||
		    (k > i && s->t[k].gap != 0) || !is_punct(s, k + 1, '.') ||
		    s->t[k + 1].gap != 0)
			break;
		if (strlen(s->t[k].fold) != 1)
			break;
		joined[n++] = s->t[k].fold[0];
		used = k + 2 - i;
	}
	if (used < 4 || n == 0)
		return 0;
	joined[n] = '\0';
	if (habar__recognise_word(s->lang, joined, n, RW_PM, 0) != NULL)
		*pm = 1;
	else if (habar__recognise_word(s->lang, joined, n, RW_AM, 0) != NULL)
		*pm = 0;
	else
		return 0;
	return used;
}

int
habar__recognise_part_hour(const struct rec_word *part, long h)
{
	int first = part->value, last = (int)part->number, found = 0, c;
	int hour = -1, k;

	if (h < 1 || h > 12)
		return -1;
	for (k = 0; k < 2; k++) {
		c = (int)(h % 12) + 12 * k;
		if (first <= last ? c >= first && c <= last :
		    c >= first || c <= last) {
			hour = c;
			found++;
		}
	}
	return found == 1 ? hour : -1;
}

/*
 * A word for the part of the day around the hour at i (date-words
 * "part"): before it, «түскі 2», «кешкі сағат 7» (then *first is the
 * index of the word), or after it with the noun for hours, «2 часа дня»
 * (then *after is how many tokens follow the hour); NULL when none.
 */
static const struct rec_word *
day_part(const struct scan *s, size_t i, size_t *first, size_t *after)
{
	const struct rec_word *w;

	*first = i;
	*after = 0;
	if (i > 0 && s->t[i].gap <= 1 &&
	    (w = word_of(s, i - 1, RW_PART, 0)) != NULL) {
		*first = i - 1;
		return w;
	}
	if (i > 1 && s->t[i].gap <= 1 && s->t[i - 1].gap <= 1 &&
	    word_of(s, i - 1, RW_HOUR, 0) != NULL &&
	    (w = word_of(s, i - 2, RW_PART, 0)) != NULL) {
		*first = i - 2;
		return w;
	}
	if (i + 2 < s->n && s->t[i + 1].gap <= 1 && s->t[i + 2].gap <= 1 &&
	    word_of(s, i + 1, RW_CLOCK, 0) != NULL &&
	    (w = word_of(s, i + 2, RW_PART, 0)) != NULL) {
		*after = 2;
		return w;
	}
	return NULL;
}

static int
try_time(struct scan *s, size_t i)
{
	struct rec_token *t = s->t;
	/* The hour word before the figure as written, not a form of it:
	 * Kazakh writes the hour «сағат 10-да», while «сағатына 2-3
	 * дюйм» is "2-3 inches an hour" and «сағатта» "in an hour". */
	const struct rec_word *before = i > 0 ? word_of(s, i - 1, RW_HOUR, 0) :
	    NULL;
	const struct rec_word *part;
	struct habar_value *v;
	long h, m = 0;
	size_t end, k, first, after;
	int pm = 0;

	if (!is_num(s, i) || t[i].digits > 2 || (h = num_value(s, i)) > 24)
		return 0;
	/* On the 12-hour clock with a word for the part of the day:
	 * «2 часа дня», «түскі 2», «кешкі сағат 7-де». */
	if ((part = day_part(s, i, &first, &after)) != NULL &&
	    !is_punct(s, i + 1, ':') && !is_punct(s, i + 1, '.') &&
	    (h = habar__recognise_part_hour(part, h)) >= 0) {
		end = i + 1 + after;
		if ((v = push(s, HABAR_VALUE_TIME, t[first].start,
		    t[end - 1].end)) == NULL)
			return 0;
		v->flags |= HABAR_VALUE_DAYPART;
		v->hour = (int)h;
		v->number_start = t[i].start;
		v->number_end = t[i].end;
		use(s, first, end);
		return 1;
	}
	h = num_value(s, i);
	if ((is_punct(s, i + 1, ':') || (is_punct(s, i + 1, '.') &&
	    (before != NULL || meridiem(s, i + 3, &pm) > 0))) &&
	    is_num(s, i + 2) && t[i + 2].digits == 2 &&
	    t[i + 1].gap == 0 && t[i + 2].gap == 0 &&
	    (m = num_value(s, i + 2)) <= 59) {
		/* 10:00; сағат 10.00, в 10.00 */
		end = i + 3;
		if (is_num(s, end) && t[end].gap == 0)
			return 0;	/* 10:00:00 or more digits: not ours */
	} else if (before != NULL && before->stem) {
		/* сағат 10, сағат 10-да */
		end = i + 1;
	} else if (word_of(s, i + 1, RW_HOUR, 1) != NULL &&
	    word_of(s, i + 1, RW_HOUR, 1)->stem && t[i + 1].gap <= 1) {
		end = i + 1;	/* 10 часов */
	} else if (meridiem(s, i + 1, &pm) > 0 && h >= 1 && h <= 12) {
		end = i + 1;
	} else
		return 0;
	if ((k = meridiem(s, end, &pm)) > 0) {
		if (pm && h < 12)
			h += 12;
		else if (!pm && h == 12)
			h = 0;
		end += k;
	}
	if ((v = push(s, HABAR_VALUE_TIME, t[i].start, t[end - 1].end)) == NULL)
		return 0;
	if (k > 0)
		v->flags |= HABAR_VALUE_DAYPART;
	v->hour = (int)h;
	v->minute = (int)m;
	v->number_start = t[i].start;
	v->number_end = t[i + (m != 0 || is_punct(s, i + 1, ':') ||
	    is_punct(s, i + 1, '.') ? 2 : 0)].end;
	if (v->number_end > v->end)
		v->number_end = t[i].end;
	use(s, i, end);
	return 1;
}

/*
 * Reads the figures of a number at i (groups and a decimal part, as the
 * language writes them); returns the index after it and its value.
 */
static size_t
figures(const struct scan *s, size_t i, double *value)
{
	const struct rec_token *t = s->t;
	const struct rec_lang *l = s->lang;
	double v = (double)num_value(s, i);
	size_t j = i + 1;
	int first = t[i].digits;

	if (t[i].digits > 9) {
		size_t k;
		v = 0;
		for (k = t[i].start; k < t[i].end; k++)
			v = v * 10 + (s->text[k] - '0');
	}
	for (;;) {
		/* 1,500,000 or 1 500 000 */
		if (first <= 3 && j + 1 < s->n && t[j].kind == TK_PUNCT &&
		    t[j].cp < 0x80 && t[j].cp != ' ' &&
		    strchr(l->group, (int)t[j].cp) != NULL &&
		    strchr(l->decimal, (int)t[j].cp) == NULL && t[j].gap == 0 &&
		    is_num(s, j + 1) && t[j + 1].gap == 0 &&
		    t[j + 1].digits == 3) {
			v = v * 1000 + (double)num_value(s, j + 1);
			j += 2;
			continue;
		}
		if (first <= 3 && strchr(l->group, ' ') != NULL && is_num(s, j) &&
		    t[j].gap == 1 && t[j].digits == 3 && s->text[t[j].start - 1] !=
		    '\t' && s->text[t[j].start - 1] != '\n' &&
		    !(j + 1 < s->n && t[j + 1].kind == TK_NUM)) {
			v = v * 1000 + (double)num_value(s, j);
			j += 1;
			continue;
		}
		break;
	}
	if (j + 1 < s->n && t[j].kind == TK_PUNCT && t[j].cp < 0x80 &&
	    strchr(l->decimal, (int)t[j].cp) != NULL && t[j].gap == 0 &&
	    is_num(s, j + 1) && t[j + 1].gap == 0) {
		size_t k;
		double f = 1;
		for (k = t[j + 1].start; k < t[j + 1].end && f > 1e-12; k++) {
			f /= 10;
			v += f * (s->text[k] - '0');
		}
		j += 2;
	}
	*value = v;
	return j;
}

/* Whether the point at j ends the short word before it (тыс., долл.)
 * rather than the sentence: a lower-case word or a figure follows. */
static int
abbreviation_point(const struct scan *s, size_t j)
{
	return is_punct(s, j, '.') && s->t[j].gap == 0 && j > 0 &&
	    s->t[j - 1].letters <= 4 && j + 1 < s->n &&
	    ((s->t[j + 1].kind == TK_WORD && s->t[j + 1].upper == 0) ||
	    s->t[j + 1].kind == TK_NUM);
}

static const struct rec_word *
currency_at(const struct scan *s, size_t i, int stems)
{
	return word_of(s, i, RW_CURRENCY, stems);
}

/* Whether the words at j and j + 1 are a percent word of two ("per
 * cent"), which number-words keeps joined by a space. */
static int
percent_phrase(const struct scan *s, size_t j)
{
	char joined[REC_WORD_MAX];
	size_t a, b;

	if (j + 1 >= s->n || s->t[j].gap > 1 || s->t[j + 1].gap != 1 ||
	    s->t[j].kind != TK_WORD || s->t[j + 1].kind != TK_WORD ||
	    s->t[j].used || s->t[j + 1].used)
		return 0;
	a = strlen(s->t[j].fold);
	b = strlen(s->t[j + 1].fold);
	if (a == 0 || b == 0 || a + b + 1 >= sizeof(joined))
		return 0;
	memcpy(joined, s->t[j].fold, a);
	joined[a] = ' ';
	memcpy(joined + a + 1, s->t[j + 1].fold, b + 1);
	return habar__recognise_word(s->lang, joined, a + b + 1, RW_PERCENT,
	    0) != NULL;
}

/* A number, a range, a percentage, an ordinal or a sum at i. */
static int
try_number(struct scan *s, size_t i, unsigned kinds)
{
	struct rec_token *t = s->t;
	const struct rec_word *w, *cur = NULL, *unit = NULL;
	struct habar_value *v;
	double a = 0, b;
	size_t j, start = i, nstart, nend;
	unsigned flags = 0;
	double scale = 1;

	if ((cur = currency_at(s, i, 0)) != NULL && is_num(s, i + 1) &&
	    t[i + 1].gap <= 1)
		i++;		/* $5, USD 5 */
	else
		cur = NULL;
	if (is_num(s, i))
		j = figures(s, i, &a);
	else if ((w = word_of(s, i, RW_NUMBER, 0)) != NULL && cur == NULL) {
		a = w->number;
		flags |= HABAR_VALUE_SPELLED;
		j = i + 1;
	} else
		return 0;
	nstart = t[i].start;
	b = a;
	if (is_dash(s, j) && t[j].gap <= 1 && is_num(s, j + 1) &&
	    t[j + 1].gap <= 1 && !(flags & HABAR_VALUE_SPELLED)) {
		double c;
		size_t k = figures(s, j + 1, &c);
		if (c > a) {
			b = c;
			flags |= HABAR_VALUE_RANGE;
			j = k;
		} else if (j == i + 1 && k == j + 2 && t[i].digits <= 3 &&
		    t[j + 1].digits <= 3) {
			/* 1 - 0, 2-1: no range runs backwards; a score.
			 * Reading it as two numbers made 1 - 0 and 3 - 7
			 * different things. */
			b = c;
			flags |= HABAR_VALUE_SCORE;
			j = k;
		}
	} else if (is_punct(s, j, ':') && t[j].gap == 0 && j == i + 1 &&
	    is_num(s, j + 1) && t[j + 1].gap == 0 && t[i].digits <= 3 &&
	    t[j + 1].digits <= 3 && !(flags & HABAR_VALUE_SPELLED) &&
	    !(j + 2 < s->n && t[j + 2].gap == 0 && (t[j + 2].kind == TK_NUM ||
	    (t[j + 2].kind == TK_PUNCT && (t[j + 2].cp == ':' ||
	    t[j + 2].cp == '.' || t[j + 2].cp == ',') && j + 3 < s->n &&
	    t[j + 3].kind == TK_NUM && t[j + 3].gap == 0)))) {
		/* 2:1, 3:5 (a time was taken before: 10:00) */
		b = (double)num_value(s, j + 1);
		flags |= HABAR_VALUE_SCORE;
		j += 2;
	}
	nend = t[j - 1].end;
	/* Ordinals: 1st, 1-й, 1-ші. */
	if (!(flags & HABAR_VALUE_SPELLED) && t[j].kind == TK_WORD &&
	    j < s->n && t[j].gap == 0 && word_of(s, j, RW_ORDINAL, 0) != NULL) {
		flags |= HABAR_VALUE_ORDINAL;
		j++;
	} else if (!(flags & HABAR_VALUE_SPELLED) && is_punct(s, j, '-') &&
	    t[j].gap == 0 && j + 1 < s->n && t[j + 1].gap == 0 &&
	    word_of(s, j + 1, RW_ORDINAL, 0) != NULL) {
		flags |= HABAR_VALUE_ORDINAL;
		j += 2;
	}
	if (j < s->n && t[j].gap <= 1 && (w = word_of(s, j, RW_SCALE, 1)) !=
	    NULL && (t[j].letters > 1 || t[j].gap == 0)) {
		/* A one-letter scale word only attached: £125m, not 200 m. */
		scale = w->number;
		flags |= HABAR_VALUE_SCALED;
		j++;
		if (abbreviation_point(s, j))
			j++;	/* тыс. */
	} else if (!(flags & HABAR_VALUE_SPELLED) && is_punct(s, j, '-') &&
	    t[j].gap == 0 && j + 1 < s->n && t[j + 1].gap == 0 &&
	    t[j + 1].letters > 3 && (w = word_of(s, j + 1, RW_SCALE, 1)) !=
	    NULL) {
		/* «25-тысячная толпа», «5-миллионный»: the scale word made
		 * an adjective. */
		scale = w->number;
		flags |= HABAR_VALUE_SCALED;
		j += 2;
	}
	if (j < s->n && t[j].gap <= 1 && (w = word_of(s, j, RW_PERCENT, 1)) !=
	    NULL) {
		flags |= HABAR_VALUE_PERCENT;
		j++;
	} else if (percent_phrase(s, j)) {
		flags |= HABAR_VALUE_PERCENT;
		j += 2;		/* per cent */
	} else if (cur == NULL && j < s->n && t[j].gap <= 1 &&
	    (cur = currency_at(s, j, 1)) != NULL) {
		/* "550 pound": a sum, or a weight; the other versions tell
		 * (see habar_value's unit). */
		if ((unit = word_of(s, j, RW_IMPERIAL, 1)) != NULL)
			flags |= HABAR_VALUE_IMPERIAL;
		else if ((unit = word_of(s, j, RW_METRIC, 1)) != NULL)
			flags |= HABAR_VALUE_METRIC;
		j++;
		if (abbreviation_point(s, j))
			j++;	/* долл. */
	}
	if (cur == NULL && j < s->n && t[j].gap <= 1 && !(flags &
	    HABAR_VALUE_PERCENT)) {
		/* A unit of measure: not part of the value, but the caller
		 * may want to know a converted figure. */
		size_t u = j;
		/* «300-килограммовый», "a 40-mile road": the unit made an
		 * adjective. */
		if (is_punct(s, j, '-') && t[j].gap == 0 && j + 1 < s->n &&
		    t[j + 1].gap == 0 && t[j + 1].letters > 1)
			u = j + 1;
		if ((unit = word_of(s, u, RW_IMPERIAL, 1)) != NULL)
			flags |= HABAR_VALUE_IMPERIAL;
		else if ((unit = word_of(s, u, RW_METRIC, 1)) != NULL)
			flags |= HABAR_VALUE_METRIC;
		else if (t[j].kind == TK_PUNCT && t[j].cp == 0xB0)
			flags |= HABAR_VALUE_METRIC | DEGREE_SIGN;  /* 27° */
	}
	if (cur != NULL && !(kinds & HABAR_RECOGNISE_KIND(HABAR_VALUE_MONEY)))
		cur = NULL;
	if (cur == NULL && !(kinds & HABAR_RECOGNISE_KIND(HABAR_VALUE_NUMBER)))
		return 0;
	if (cur == NULL && (flags & HABAR_VALUE_SPELLED) &&
	    !(flags & HABAR_VALUE_SCALED) && (t[i].upper == 2))
		return 0;
	v = push(s, cur != NULL ? HABAR_VALUE_MONEY : HABAR_VALUE_NUMBER,
	    t[start].start, t[j - 1].end);
	if (v == NULL)
		return 0;
	v->flags = flags;
	if (unit != NULL && unit->code[0] != '\0') {
		memcpy(v->quantity, unit->code, sizeof(v->quantity));
		v->unit = unit->number;
	} else if (flags & DEGREE_SIGN) {
		memcpy(v->quantity, "tem", sizeof(v->quantity));
		v->unit = 1;
	}
	v->flags &= ~DEGREE_SIGN;
	v->number = a * scale;
	v->number_to = b * scale;
	v->scale = scale;
	v->number_start = nstart;
	v->number_end = nend;
	if (cur != NULL)
		memcpy(v->currency, cur->code, 4);
	use(s, start, j);
	return 1;
}

/* Whether the word at i opens a sentence: nothing but quotation marks,
 * brackets and dashes between it and the start or a full stop. */
static int
initial(const struct scan *s, size_t i)
{
	while (i > 0) {
		const struct rec_token *p = &s->t[--i];
		if (p->kind != TK_PUNCT)
			return 0;
		if (p->cp == '.' || p->cp == '!' || p->cp == '?' ||
		    p->cp == ':' || p->cp == ';' || p->cp == 0x2026)
			return 1;
		if (p->cp == '-' || p->cp == 0x2013 || p->cp == 0x2014 ||
		    p->cp == '"' || p->cp == '\'' || p->cp == '(' ||
		    p->cp == '[' || p->cp == 0xAB || p->cp == 0xBB ||
		    p->cp == 0x201C || p->cp == 0x201D || p->cp == 0x201E ||
		    p->cp == 0x2018 || p->cp == 0x2019 || p->cp == '*')
			continue;
		return 0;
	}
	return 1;
}

static int
try_name(struct scan *s, size_t i)
{
	struct rec_token *t = &s->t[i];
	struct habar_value *v;

	if (t->used || t->kind != TK_WORD || t->upper == 0 || t->letters < 2)
		return 0;
	if ((v = push(s, HABAR_VALUE_NAME, t->start, t->end)) == NULL)
		return 0;
	if (initial(s, i))
		v->flags |= HABAR_VALUE_INITIAL;
	habar__recognise_skeleton(s->rec, s->text + t->start,
	    t->end - t->start, v->key, sizeof(v->key));
	t->used = 1;
	return 1;
}

static int
value_cmp(const void *a, const void *b)
{
	const struct habar_value *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

enum habar_status
habar_recognise(const struct habar_recogniser *rec,
    struct habar_values *values, const char *lang, const char *text,
    size_t len, unsigned kinds)
{
	struct scan s;
	size_t skip[2 * 256], nskip, i;
	unsigned dates = HABAR_RECOGNISE_KIND(HABAR_VALUE_DATE);
	unsigned times = HABAR_RECOGNISE_KIND(HABAR_VALUE_TIME);
	unsigned sums = HABAR_RECOGNISE_KIND(HABAR_VALUE_NUMBER) |
	    HABAR_RECOGNISE_KIND(HABAR_VALUE_MONEY);

	memset(&s, 0, sizeof(s));
	s.rec = rec;
	s.lang = habar__recognise_lang(rec, lang);
	s.en = strcmp(s.lang->tag, "en") == 0;
	s.out = values;
	s.text = text;
	s.len = len;
	s.status = HABAR_OK;
	values->count = 0;
	if (values->tokens == NULL) {
		values->token_size = 1024;
		values->tokens = malloc(values->token_size *
		    sizeof(*values->tokens));
		if (values->tokens == NULL)
			return HABAR_ERR_NOMEM;
	}
	nskip = scan_bytes(&s, skip, 256, kinds);
	for (;;) {
		s.t = values->tokens;
		s.n = habar__recognise_tokens(rec, text, len, skip, nskip, s.t,
		    values->token_size);
		if (s.n < values->token_size ||
		    values->token_size >= REC_MAX_TOKENS)
			break;
		free(values->tokens);
		values->token_size *= 4;
		if ((values->tokens = malloc(values->token_size *
		    sizeof(*values->tokens))) == NULL) {
			values->token_size = 0;
			return HABAR_ERR_NOMEM;
		}
	}
	for (i = 0; i < s.n && s.status == HABAR_OK; i++) {
		if (s.t[i].used)
			continue;
		if ((kinds & dates) && try_date(&s, i))
			continue;
		if ((kinds & times) && try_time(&s, i))
			continue;
		if ((kinds & sums) && try_number(&s, i, kinds))
			continue;
	}
	for (i = 0; i < s.n && s.status == HABAR_OK; i++)
		if (kinds & HABAR_RECOGNISE_KIND(HABAR_VALUE_NAME))
			try_name(&s, i);
	if (values->count > 1)
		qsort(values->v, values->count, sizeof(*values->v), value_cmp);
	if (s.status == HABAR_OK && s.n >= REC_MAX_TOKENS)
		s.status = HABAR_ERR_LIMIT;
	return s.status;
}

static int
same_number(double a, double b)
{
	double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);

	return fabs(a - b) <= m * 1e-6;
}

int
habar_value_equal(const struct habar_value *a, const struct habar_value *b)
{
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case HABAR_VALUE_NUMBER:
	case HABAR_VALUE_MONEY:
		return same_number(a->number, b->number) &&
		    same_number(a->number_to, b->number_to) &&
		    (a->flags & (HABAR_VALUE_PERCENT | HABAR_VALUE_ORDINAL)) ==
		    (b->flags & (HABAR_VALUE_PERCENT | HABAR_VALUE_ORDINAL)) &&
		    strcmp(a->currency, b->currency) == 0;
	case HABAR_VALUE_DATE:
		return a->year == b->year && a->month == b->month &&
		    a->day == b->day && a->day_to == b->day_to &&
		    a->weekday == b->weekday;
	case HABAR_VALUE_TIME:
		return a->hour == b->hour && a->minute == b->minute;
	case HABAR_VALUE_NAME:
		return habar_value_name_match(a, b) == 2;
	default:
		return strcmp(a->key, b->key) == 0;
	}
}

/*
 * Whether x and y (of equal length n) differ by one swap of neighbours
 * inside the word: not the first symbol, nor the last, where case
 * endings and the vowels transliterations disagree on fall (Jones and
 * Джонсу are "janas" and "jansa").
 */
static int
one_swap(const char *x, const char *y, size_t n)
{
	size_t i = 0;

	while (i < n && x[i] == y[i])
		i++;
	if (i == 0 || i + 2 >= n || x[i] != y[i + 1] || x[i + 1] != y[i])
		return 0;
	return memcmp(x + i + 2, y + i + 2, n - i - 2) == 0;
}

int
habar_value_name_match(const struct habar_value *a,
    const struct habar_value *b)
{
	const char *x = a->key, *y = b->key;
	size_t lx = strlen(x), ly = strlen(y), n;

	if (a->kind != HABAR_VALUE_NAME || b->kind != HABAR_VALUE_NAME ||
	    lx == 0 || ly == 0)
		return 0;
	if (lx > ly) {
		const char *z = x;
		x = y;
		y = z;
		n = lx;
		lx = ly;
		ly = n;
	}
	/* y is the longer: equal, or x with a case ending. */
	if (memcmp(x, y, lx) == 0 && (lx == ly || (lx >= 3 && ly - lx <= 6)))
		return 2;
	if (lx >= 4 && ly - lx <= 6 && one_swap(x, y, lx))
		return 1;
	return 0;
}
