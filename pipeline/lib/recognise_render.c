/*
 * recognise_render.c: writing a recognised value back as a language
 * writes it (see habar_recognise_render() in habar/recognise.h), so that
 * translation memory can put a new date or figure into an old
 * translation.  The old target's own words are kept and only its figures
 * and its month name change, the month in the same column of
 * locales/<lang>/months, which is the same grammatical form: a locative
 * stays locative («қарашада» becomes «желтоқсанда»).  A noun whose form
 * follows the number (Russian 1 день, 2 дня, 5 дней) takes the form of
 * the new number from locales/<lang>/plural-words, and a value whose
 * noun cannot is refused rather than written ungrammatical.
 */
#include <stdio.h>
#include <string.h>

#include "recognise_internal.h"

struct out {
	char *buf;
	size_t size, len;
	int full;
};

static void
put(struct out *o, const char *s, size_t n)
{
	if (o->full || o->len + n >= o->size) {
		o->full = 1;
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

static void
put_int(struct out *o, long v, int width)
{
	char b[32];
	int n = snprintf(b, sizeof(b), "%0*ld", width, v);

	put(o, b, (size_t)n);
}

/* A number with the decimal separator dec, without a trailing zero. */
static void
put_number(struct out *o, double v, char dec, const char *group)
{
	char b[64], *p;
	int n;

	if (v >= 1e15 || v <= -1e15) {
		n = snprintf(b, sizeof(b), "%.0f", v);
		put(o, b, (size_t)n);
		return;
	}
	n = snprintf(b, sizeof(b), "%.6f", v);
	while (n > 0 && b[n - 1] == '0')
		b[--n] = '\0';
	if (n > 0 && b[n - 1] == '.')
		b[--n] = '\0';
	p = strchr(b, '.');
	if (group != NULL && group[0] != '\0') {
		/* Integer part in groups of three. */
		size_t ilen = p != NULL ? (size_t)(p - b) : (size_t)n, i;
		size_t lead = b[0] == '-';
		for (i = 0; i < ilen; i++) {
			put(o, b + i, 1);
			if (i >= lead && i + 1 < ilen &&
			    (ilen - i - 1) % 3 == 0)
				put(o, group, strlen(group));
		}
		if (p != NULL) {
			put(o, &dec, 1);
			put(o, p + 1, strlen(p + 1));
		}
		return;
	}
	if (p != NULL)
		*p = dec;
	put(o, b, (size_t)n);
}

/* How the figures text[0..len) are written: decimal and group marks. */
static void
figure_style(const char *text, size_t len, const struct rec_lang *l,
    char *dec, char group[4])
{
	size_t i;
	int seen_dec = 0;

	*dec = l->decimal[0] != '\0' ? l->decimal[0] : '.';
	group[0] = '\0';
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == ' ' || (c == 0xC2 && i + 1 < len &&
		    (unsigned char)text[i + 1] == 0xA0) ||
		    (c == 0xE2 && i + 2 < len &&
		    (unsigned char)text[i + 1] == 0x80 &&
		    (unsigned char)text[i + 2] == 0xAF)) {
			size_t n = c == ' ' ? 1 : c == 0xC2 ? 2 : 3;
			memcpy(group, text + i, n);
			group[n] = '\0';
			i += n - 1;
		} else if (c == '.' || c == ',') {
			/* Followed by exactly three digits and more groups or
			 * nothing: a group mark in a language that has it. */
			size_t k = i + 1;
			while (k < len && text[k] >= '0' && text[k] <= '9')
				k++;
			if (k - i - 1 == 3 && strchr(l->group, c) != NULL &&
			    strchr(l->decimal, c) == NULL) {
				group[0] = (char)c;
				group[1] = '\0';
			} else if (!seen_dec) {
				*dec = (char)c;
				seen_dec = 1;
			}
		}
	}
}

static void
put_month(struct out *o, const struct rec_lang *l, int month, int form,
    int capital)
{
	const char *name;
	char cap[REC_WORD_MAX + 8];
	size_t n;

	if (month < 1 || month > 12)
		return;
	if (form < 1 || form > REC_FORMS || l->months[month - 1][form - 1][0] ==
	    '\0')
		form = 1;
	name = l->months[month - 1][form - 1];
	if (capital && (n = habar__recognise_capitalise(name, strlen(name), cap,
	    sizeof(cap))) > 0)
		put(o, cap, n);
	else
		put(o, name, strlen(name));
}

/* Whether the word at s starts with a capital: folding changes it. */
static int
capitalised(const struct habar_recogniser *rec, const char *s, size_t len)
{
	char folded[REC_WORD_MAX];
	size_t n = habar__recognise_fold(rec, s, len, folded, sizeof(folded));

	return n > 0 && (n != len || memcmp(folded, s, len) != 0);
}

static enum habar_status
render_date(const struct habar_recogniser *rec, struct out *o,
    const struct rec_lang *l, const struct habar_value *v,
    const struct habar_value *like, const char *text)
{
	size_t at, cut[3][2];
	int part[3], i, k;

	if (like == NULL) {
		const char *f = l->date_format;
		if (f[0] == '\0' || v->day == 0 || v->month == 0 || v->year == 0)
			return HABAR_ERR_ARGUMENT;
		while (*f != '\0') {
			if (strncmp(f, "{day}", 5) == 0) {
				put_int(o, v->day, 0);
				if (v->day_to != v->day) {
					put(o, "\xe2\x80\x93", 3);
					put_int(o, v->day_to, 0);
				}
				f += 5;
			} else if (strncmp(f, "{month}", 7) == 0) {
				put_month(o, l, v->month, 1,
				    strcmp(l->tag, "en") == 0);
				f += 7;
			} else if (strncmp(f, "{year}", 6) == 0) {
				put_int(o, v->year, 0);
				f += 6;
			} else
				put(o, f++, 1);
		}
		return HABAR_OK;
	}
	if ((like->day != 0) != (v->day != 0) ||
	    (like->month != 0) != (v->month != 0) ||
	    (like->year != 0) != (v->year != 0))
		return HABAR_ERR_ARGUMENT;
	/* The parts of like in text order. */
	cut[0][0] = like->day_start;
	cut[0][1] = like->day_end;
	cut[1][0] = like->month_start;
	cut[1][1] = like->month_end;
	cut[2][0] = like->year_start;
	cut[2][1] = like->year_end;
	for (i = 0; i < 3; i++)
		part[i] = i;
	for (i = 0; i < 3; i++)
		for (k = i + 1; k < 3; k++)
			if (cut[part[k]][0] < cut[part[i]][0]) {
				int x = part[i];
				part[i] = part[k];
				part[k] = x;
			}
	at = like->start;
	for (i = 0; i < 3; i++) {
		size_t *c = cut[part[i]];
		if (c[0] == c[1] || c[0] < at)
			continue;
		put(o, text + at, c[0] - at);
		switch (part[i]) {
		case 0:
			put_int(o, v->day, c[1] - c[0] == 2 &&
			    text[c[0]] == '0' ? 2 : 0);
			if (v->day_to != v->day) {
				/* The dash of like's range, or an en dash. */
				size_t d = c[0];
				while (d < c[1] && text[d] >= '0' &&
				    text[d] <= '9')
					d++;
				if (like->day_to != like->day) {
					size_t e = d;
					while (e < c[1] && !(text[e] >= '0' &&
					    text[e] <= '9'))
						e++;
					put(o, text + d, e - d);
				} else
					put(o, "\xe2\x80\x93", 3);
				put_int(o, v->day_to, 0);
			}
			break;
		case 1:
			if (like->month_form == 0)
				put_int(o, v->month, c[1] - c[0] == 2 ? 2 : 0);
			else
				put_month(o, l, v->month, like->month_form,
				    capitalised(rec, text + c[0], c[1] - c[0]));
			break;
		default:
			put_int(o, v->year, 0);
			break;
		}
		at = c[1];
	}
	put(o, text + at, like->end - at);
	return HABAR_OK;
}

/*
 * Writes the mark between the two figures of a range or a score as the
 * old figures f[0..flen) have it, spaces kept («1 – 0», 2:1, 24-25),
 * else an en dash.
 */
static void
pair_mark(struct out *o, const char *f, size_t flen)
{
	size_t i, start, end;

	for (i = 0; i < flen; i++) {
		unsigned char c = (unsigned char)f[i];
		if (i > 0 && (c == '-' || c == ':' || (c == 0xE2 &&
		    i + 2 < flen && (unsigned char)f[i + 1] == 0x80 &&
		    (unsigned char)f[i + 2] >= 0x92 &&
		    (unsigned char)f[i + 2] <= 0x94)))
			break;
	}
	if (i == flen) {
		put(o, "\xe2\x80\x93", 3);
		return;
	}
	start = i;
	end = i + ((unsigned char)f[i] == 0xE2 ? 3 : 1);
	while (start > 0 && f[start - 1] == ' ')
		start--;
	while (end < flen && f[end] == ' ')
		end++;
	put(o, f + start, end - start);
}

/* The row of plural-words holding the folded word, or NULL. */
static const struct rec_plural_word *
plural_row(const struct rec_lang *l, const char *folded, int *category)
{
	size_t i;
	int c;

	for (i = 0; i < l->plural_count; i++)
		for (c = 0; c < RP_COUNT; c++)
			if (strcmp(l->plurals[i].forms[c], folded) == 0) {
				*category = c;
				return &l->plurals[i];
			}
	return NULL;
}

/* The number the figures of a value show (the last of a range), its
 * scale word left out: 2 of «2 миллиона», 25 of «24–25 процентов». */
static double
written(const struct habar_value *v, const struct habar_value *like)
{
	double scale = like->scale > 0 ? like->scale : 1;

	return v->number_to / scale;
}

/* The class of the last word n is read with (number-sounds), NULL when
 * the file does not say or n is no whole number. */
static const char *
sound_of(const struct rec_lang *l, double n)
{
	double last;
	size_t i;

	if (n < 0 || n >= 1e15 || n != (double)(long long)n)
		return NULL;
	if (n == 0)
		last = 0;
	else if ((long long)n % 10 != 0)
		last = (double)((long long)n % 10);
	else if ((long long)n % 100 != 0)
		last = (double)((long long)n % 100);
	else if ((long long)n % 1000 != 0)
		last = 100;
	else if ((long long)n % 1000000 != 0)
		last = 1000;
	else if ((long long)n % 1000000000 != 0)
		last = 1e6;
	else
		last = 1e9;
	for (i = 0; i < l->sound_count; i++)
		if (l->sounds[i].value == last)
			return l->sounds[i].cls;
	return NULL;
}

/* An hour (0-23) as the 12-hour clock writes it (1-12). */
static int
clock_hour(int hour)
{
	return hour % 12 == 0 ? 12 : hour % 12;
}

/* The number a value's figures are read with to their end: a time's
 * minutes when written (10.00 ends in нөл), else its hour; else the last
 * figure of the value. */
static double
spoken(const struct habar_value *v, const struct habar_value *like,
    const char *like_text)
{
	size_t flen = like->number_end - like->number_start;
	const char *f = like_text + like->number_start;

	if (v->kind == HABAR_VALUE_TIME)
		return memchr(f, ':', flen) != NULL ||
		    memchr(f, '.', flen) != NULL ? v->minute :
		    (like->flags & HABAR_VALUE_DAYPART) ? clock_hour(v->hour) :
		    v->hour;
	return written(v, like);
}

/*
 * Whether a suffix written after like's figures («5-ке», «10.00-де»,
 * «1-ші») still fits once v's number stands there: the last words of
 * both numbers of the same class in number-sounds.  A language without
 * that file, a value without such a suffix: it fits.
 */
static int
suffix_fits(const struct habar_recogniser *rec, const struct rec_lang *l,
    const struct habar_value *v, const struct habar_value *like,
    const char *like_text, size_t like_len)
{
	struct rec_token t[2];
	const char *a, *b;
	size_t at, len, n;

	if (l->sound_count == 0 || like->number_end <= like->number_start ||
	    like->number_end > like_len || (v->flags & HABAR_VALUE_SCORE))
		return 1;
	at = like->number_end;
	len = like_len - at < 64 ? like_len - at : 64;
	n = habar__recognise_tokens(rec, like_text + at, len, NULL, 0, t, 2);
	/* A hyphen, then letters: a suffix (a word of up to six letters;
	 * a longer one is a word of its own, «5-жылдық» aside). */
	if (n < 2 || t[0].kind != TK_PUNCT || t[0].cp != '-' ||
	    t[0].gap != 0 || t[1].kind != TK_WORD || t[1].gap != 0 ||
	    t[1].letters > 6)
		return 1;
	a = sound_of(l, spoken(like, like, like_text));
	b = sound_of(l, spoken(v, like, like_text));
	if (a == NULL || b == NULL)
		return 0;
	/* An ordinal ending follows the harmony alone (1-ші, 2-ші, 6-шы). */
	if (like->flags & HABAR_VALUE_ORDINAL)
		return strcspn(a, "-") == strcspn(b, "-") &&
		    strncmp(a, b, strcspn(a, "-")) == 0;
	return strcmp(a, b) == 0;
}

/* How many bytes before a number are looked at for the word before it
 * (one token a byte at most, so that t never fills). */
#define GENITIVE_BACK 48

/*
 * Whether the word right before the value starting at byte at of text
 * puts the noun after the number in the genitive (plural-words
 * "genitive-after": «около», «более», «в течение»).
 */
static int
after_genitive(const struct habar_recogniser *rec, const struct rec_lang *l,
    const char *text, size_t at)
{
	struct rec_token t[GENITIVE_BACK + 1];
	size_t start = at > GENITIVE_BACK ? at - GENITIVE_BACK : 0, n;

	/* From the start of a character, a few words back. */
	while (start < at && ((unsigned char)text[start] & 0xC0) == 0x80)
		start++;
	n = habar__recognise_tokens(rec, text + start, at - start, NULL, 0,
	    t, sizeof(t) / sizeof(t[0]));
	if (n == 0 || t[n - 1].kind != TK_WORD)
		return 0;
	return habar__recognise_word(l, t[n - 1].fold, strlen(t[n - 1].fold),
	    RW_GENITIVE, 0) != NULL;
}

enum habar_status
habar_recognise_agree(const struct habar_recogniser *rec,
    struct habar_agreement *out, const char *lang,
    const struct habar_value *v, const struct habar_value *like,
    const char *like_text, size_t like_len)
{
	const struct rec_lang *l = habar__recognise_lang(rec, lang);
	const struct rec_plural_word *row;
	struct rec_token t[3];
	size_t n, at, len;
	int old_cat, new_cat, cat;

	memset(out, 0, sizeof(*out));
	if (like->kind == v->kind && (v->kind == HABAR_VALUE_NUMBER ||
	    v->kind == HABAR_VALUE_MONEY || v->kind == HABAR_VALUE_TIME) &&
	    !suffix_fits(rec, l, v, like, like_text, like_len))
		return HABAR_ERR_ARGUMENT;
	if (l->plural_count == 0 || like->kind != v->kind ||
	    (v->kind != HABAR_VALUE_NUMBER && v->kind != HABAR_VALUE_MONEY) ||
	    ((v->flags | like->flags) & (HABAR_VALUE_ORDINAL |
	    HABAR_VALUE_SCORE)) || like->number_end > like_len ||
	    like->number_end <= like->number_start)
		return HABAR_OK;
	at = like->number_end;
	len = like_len - at < 512 ? like_len - at : 512;
	n = habar__recognise_tokens(rec, like_text + at, len, NULL, 0, t, 3);
	/* The word right after the figures; not an adjective made of the
	 * number («5-процентный») nor a name (1:0 «Рейнджерс»). */
	if (n == 0 || t[0].kind != TK_WORD || t[0].gap > 1 || t[0].upper != 0)
		return HABAR_OK;
	old_cat = habar__recognise_plural(l->tag, written(like, like));
	new_cat = habar__recognise_plural(l->tag, written(v, like));
	if ((row = plural_row(l, t[0].fold, &cat)) == NULL)
		return old_cat == new_cat ? HABAR_OK : HABAR_ERR_ARGUMENT;
	if (old_cat == new_cat)
		return HABAR_OK;
	/* The case the old sentence used: the genitive where the noun has
	 * its genitive form and not the nominative's (дней after 2, дня
	 * after 21), or where both are the same (дней after 5) and the
	 * word before the number governs the genitive (около, более). */
	if (l->genitive[old_cat] >= 0 && l->genitive[new_cat] >= 0 &&
	    strcmp(row->forms[l->genitive[old_cat]], t[0].fold) == 0 &&
	    (strcmp(row->forms[old_cat], t[0].fold) != 0 ||
	    after_genitive(rec, l, like_text, like->start))) {
		old_cat = l->genitive[old_cat];
		new_cat = l->genitive[new_cat];
	}
	if (strcmp(row->forms[new_cat], t[0].fold) == 0)
		return HABAR_OK;
	/* The old form must be the one the old number takes, or the noun
	 * stands in another case («по 74 школам»), which the file does not
	 * give. */
	if (strcmp(row->forms[old_cat], t[0].fold) != 0 ||
	    row->forms[new_cat][0] == '\0')
		return HABAR_ERR_ARGUMENT;
	out->start = at + t[0].start;
	out->end = at + t[0].end;
	out->len = strlen(row->forms[new_cat]);
	if (out->len >= sizeof(out->text)) {
		memset(out, 0, sizeof(*out));
		return HABAR_ERR_ARGUMENT;
	}
	memcpy(out->text, row->forms[new_cat], out->len + 1);
	return HABAR_OK;
}

/* A change to a value's text while it is written anew. */
struct span_edit {
	size_t start, end;
	const char *text;
	size_t len;
};

/* Writes text[from, to) with the edits inside it applied (edits in the
 * order of their start, not overlapping). */
static void
put_edited(struct out *o, const char *text, size_t from, size_t to,
    const struct span_edit *edits, size_t count)
{
	size_t k;

	for (k = 0; k < count; k++) {
		if (edits[k].end <= edits[k].start || edits[k].start < from ||
		    edits[k].end > to)
			continue;
		put(o, text + from, edits[k].start - from);
		put(o, edits[k].text, edits[k].len);
		from = edits[k].end;
	}
	put(o, text + from, to - from);
}

/*
 * For a time on the 12-hour clock (like has HABAR_VALUE_DAYPART), the
 * edits that keep like's words right for v's hour: the word for the part
 * of the day («дня») becomes the one whose hours hold v's («вечера» for
 * 18:00; "am" and "pm" are not changed, and a time of the other half of
 * the day is refused), and the noun for hours after the figures agrees
 * with the new hour («2 часа дня», «6 часов вечера»).  Fills edits[0..2)
 * in the order of their start (empty spans where nothing changes); noun
 * and part (size bytes) hold their new text.  Returns HABAR_OK or
 * HABAR_ERR_ARGUMENT.
 */
static enum habar_status
day_part_edits(const struct habar_recogniser *rec, const struct rec_lang *l,
    const struct habar_value *v, const struct habar_value *like,
    const char *text, struct habar_agreement *noun, char *part, size_t size,
    struct span_edit *edits)
{
	struct rec_token t[16];
	struct habar_value vn = *like, ln = *like;
	const struct rec_word *w = NULL;
	const char *f = text + like->number_start;
	size_t flen = like->number_end - like->number_start, n, k;

	memset(edits, 0, 2 * sizeof(*edits));
	/* Minutes where like writes none would be lost. */
	if (v->minute != 0 && memchr(f, ':', flen) == NULL &&
	    memchr(f, '.', flen) == NULL)
		return HABAR_ERR_ARGUMENT;
	n = habar__recognise_tokens(rec, text + like->start,
	    like->end - like->start, NULL, 0, t, sizeof(t) / sizeof(t[0]));
	for (k = 0; k < n && w == NULL; k++)
		if (t[k].kind == TK_WORD)
			w = habar__recognise_word(l, t[k].fold,
			    strlen(t[k].fold), RW_PART, 0);
	if (w == NULL) {
		/* am or pm: the same half of the day, and no noun. */
		return v->hour / 12 == like->hour / 12 ? HABAR_OK :
		    HABAR_ERR_ARGUMENT;
	}
	if (habar__recognise_part_hour(w, clock_hour(v->hour)) !=
	    v->hour) {
		const struct rec_token *at = &t[k - 1];
		size_t j;
		for (j = 0, w = NULL; j < l->count && w == NULL; j++)
			if (l->words[j].kind == RW_PART &&
			    habar__recognise_part_hour(&l->words[j],
			    clock_hour(v->hour)) == v->hour)
				w = &l->words[j];
		if (w == NULL)
			return HABAR_ERR_ARGUMENT;
		edits[1].start = like->start + at->start;
		edits[1].end = like->start + at->end;
		edits[1].text = part;
		edits[1].len = at->upper ? habar__recognise_capitalise(w->text,
		    strlen(w->text), part, size) : (size_t)snprintf(part,
		    size, "%s", w->text);
		if (edits[1].len == 0 || edits[1].len >= size)
			return HABAR_ERR_ARGUMENT;
	}
	/* The noun for hours follows the hour as a noun follows a number. */
	ln.kind = vn.kind = HABAR_VALUE_NUMBER;
	ln.flags = vn.flags = 0;
	ln.scale = vn.scale = 0;
	ln.number = ln.number_to = clock_hour(like->hour);
	vn.number = vn.number_to = clock_hour(v->hour);
	if (habar_recognise_agree(rec, noun, l->tag, &vn, &ln, text,
	    like->end) != HABAR_OK)
		return HABAR_ERR_ARGUMENT;
	edits[0].start = noun->start;
	edits[0].end = noun->end;
	edits[0].text = noun->text;
	edits[0].len = noun->len;
	/* In the order of their start: a part word before the hour first. */
	if (edits[1].end > edits[1].start && edits[1].start < edits[0].start) {
		struct span_edit swap = edits[0];
		edits[0] = edits[1];
		edits[1] = swap;
	}
	return HABAR_OK;
}

static enum habar_status
render_figures(const struct habar_recogniser *rec, struct out *o,
    const struct rec_lang *l, const struct habar_value *v,
    const struct habar_value *like, const char *text)
{
	struct habar_agreement agree, noun;
	struct span_edit edits[2];
	char dec, group[4], part[REC_WORD_MAX];
	double scale = like != NULL ? like->scale : 1;
	const char *f = like != NULL ? text + like->number_start : "";
	size_t flen = like != NULL ? like->number_end - like->number_start : 0;
	int clock = like != NULL && v->kind == HABAR_VALUE_TIME &&
	    (like->flags & HABAR_VALUE_DAYPART);

	if (scale <= 0)
		scale = 1;
	/* A noun inside the value («72 процента») takes the new number's
	 * form; one after it is for the caller (habar_recognise_agree()). */
	memset(&agree, 0, sizeof(agree));
	memset(edits, 0, sizeof(edits));
	if (like != NULL && habar_recognise_agree(rec, &agree, l->tag, v, like,
	    text, like->end) != HABAR_OK)
		return HABAR_ERR_ARGUMENT;
	if (agree.end > agree.start) {
		edits[0].start = agree.start;
		edits[0].end = agree.end;
		edits[0].text = agree.text;
		edits[0].len = agree.len;
	}
	if (clock && day_part_edits(rec, l, v, like, text, &noun, part,
	    sizeof(part), edits) != HABAR_OK)
		return HABAR_ERR_ARGUMENT;
	figure_style(f, flen, l, &dec, group);
	if (like != NULL)
		put_edited(o, text, like->start, like->number_start, edits, 2);
	if (v->kind == HABAR_VALUE_TIME) {
		char sep = ':';
		if (like != NULL && memchr(f, '.', flen) != NULL)
			sep = '.';
		/* An hour written with a leading zero (02:30) keeps it; one
		 * with a part of the day is on the 12-hour clock. */
		put_int(o, clock ? clock_hour(v->hour) : v->hour, flen >= 2 &&
		    f[0] == '0' && f[1] >= '0' && f[1] <= '9' ? 2 : 0);
		if (like == NULL || memchr(f, sep, flen) != NULL ||
		    v->minute != 0) {
			put(o, &sep, 1);
			put_int(o, v->minute, 2);
		}
	} else {
		put_number(o, v->number / scale, dec, group);
		if (v->number_to != v->number ||
		    (v->flags & HABAR_VALUE_SCORE)) {
			pair_mark(o, f, flen);
			put_number(o, v->number_to / scale, dec, group);
		}
	}
	if (like != NULL)
		put_edited(o, text, like->number_end, like->end, edits, 2);
	else if (v->flags & HABAR_VALUE_PERCENT)
		put(o, "%", 1);
	else if (v->kind == HABAR_VALUE_MONEY) {
		put(o, " ", 1);
		put(o, v->currency, strlen(v->currency));
	}
	return HABAR_OK;
}

enum habar_status
habar_recognise_render(const struct habar_recogniser *rec, char *out,
    size_t size, size_t *len_out, const char *lang,
    const struct habar_value *v, const struct habar_value *like,
    const char *like_text)
{
	const struct rec_lang *l = habar__recognise_lang(rec, lang);
	struct out o;
	enum habar_status status;

	*len_out = 0;
	if (size == 0)
		return HABAR_ERR_LIMIT;
	out[0] = '\0';
	o.buf = out;
	o.size = size;
	o.len = 0;
	o.full = 0;
	if ((like != NULL && (like->kind != v->kind || like_text == NULL)))
		return HABAR_ERR_ARGUMENT;
	switch (v->kind) {
	case HABAR_VALUE_DATE:
		status = render_date(rec, &o, l, v, like, like_text);
		break;
	case HABAR_VALUE_NUMBER:
	case HABAR_VALUE_MONEY:
	case HABAR_VALUE_TIME:
		status = render_figures(rec, &o, l, v, like, like_text);
		break;
	default:
		status = HABAR_ERR_ARGUMENT;
		break;
	}
	if (status == HABAR_OK && o.full)
		status = HABAR_ERR_LIMIT;
	if (status != HABAR_OK) {
		out[0] = '\0';
		return status;
	}
	*len_out = o.len;
	return HABAR_OK;
}
