/*
 * translit_except_icu.c: the transliteration exceptions of habar-translit,
 * names whose Latin spelling is not what the letter rules give: an
 * organisation's own name (ЮНИСЕФ is UNICEF, not İUNİSEF) and a person's
 * own spelling of their name (Рашед Сарвар is Rashed Sarwar, not Rashed
 * Sarvar).
 *
 * The entries come from locales/kk/translit-exceptions and the files of
 * --exceptions, one "Cyrillic = Latin" entry a line (docs/habar-translit.md
 * has the format).  An entry may be several words, joined as the text
 * joins them (spaces, hyphens).  It matches the words of a line as typed,
 * or all in capitals; its last word may carry a Kazakh ending, after a
 * hyphen (ЮНИСЕФ-тің: the ending is a word of its own, converted by the
 * rules) or, in Cyrillic text, written on (Сарварға: the name as the entry
 * says, the ending by the rules).  An ending is one to three of the
 * suffixes of locales/kk/spell-suffixes, so that a longer word that only
 * begins like a name (Астана after an entry Ас) is left alone.  Converting
 * to Cyrillic, the entries are read the other way round.
 *
 * Matching is by bisection on an entry's first word, so a line costs a
 * lookup a word whatever the number of entries.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "data_internal.h"
#include "grow_internal.h"
#include "translit_internal.h"

/* Files of entries are small; a bigger one is a mistake. */
#define MAX_EXCEPT_FILE (4u * 1024 * 1024)
/* The most bytes of one side of an entry. */
#define MAX_SIDE 256
/* The most endings stacked on a name (plural, possessive, case). */
#define MAX_ENDINGS 3
/* The most bytes of one ending. */
#define MAX_ENDING 16

struct entry {
	char *from;		/* as the text writes it, UTF-8 */
	char *to;		/* what it becomes */
	uint32_t from_len, to_len;
	uint32_t first_len;	/* bytes of from's first word */
	uint32_t nwords;
	unsigned long rank;	/* later wins; typed beats derived */
};

struct habar__translit_except {
	int to_latin;
	struct entry *items;
	size_t n, cap;
	unsigned long next_rank;
	char **endings;		/* sorted, lower and upper case */
	size_t nendings, endings_cap;
};

/* Whether s[0..len) is only white space a text puts between words. */
static int
is_gap_space(const char *s, size_t len)
{
	int32_t i = 0, n = (int32_t)len;
	UChar32 c;

	if (len == 0)
		return 0;
	while (i < n) {
		U8_NEXT(s, i, n, c);
		if (c != ' ' && c != '\t' && c != 0xA0 && c != 0x202F)
			return 0;
	}
	return 1;
}

enum habar_status
habar__translit_except_new(struct habar__translit_except **out, int to_latin)
{
	struct habar__translit_except *x;

	*out = NULL;
	if ((x = calloc(1, sizeof(*x))) == NULL)
		return HABAR_ERR_NOMEM;
	x->to_latin = to_latin;
	*out = x;
	return HABAR_OK;
}

void
habar__translit_except_free(struct habar__translit_except *x)
{
	size_t i;

	if (x == NULL)
		return;
	for (i = 0; i < x->n; i++) {
		free(x->items[i].from);
		free(x->items[i].to);
	}
	for (i = 0; i < x->nendings; i++)
		free(x->endings[i]);
	free(x->endings);
	free(x->items);
	free(x);
}

static int
bytes_compare(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

/* Entries by first word, then whole text, then the later (higher) rank
 * first, so that the first of equal texts is the one that wins. */
static int
entry_compare(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = bytes_compare(x->from, x->first_len, y->from, y->first_len);

	if (c == 0)
		c = bytes_compare(x->from, x->from_len, y->from, y->from_len);
	if (c == 0)
		c = x->rank < y->rank ? 1 : x->rank > y->rank ? -1 : 0;
	return c;
}

/* The bytes of the first word of s[0..len) and the number of its words. */
static void
measure(const char *s, uint32_t len, uint32_t *first_len, uint32_t *nwords)
{
	int32_t i = 0, n = (int32_t)len, at;
	int in_word = 0;
	UChar32 c;

	*first_len = 0;
	*nwords = 0;
	while (i < n) {
		at = i;
		U8_NEXT(s, i, n, c);
		if (habar__translit_word_char(c, in_word)) {
			if (!in_word)
				(*nwords)++;
			in_word = 1;
			continue;
		}
		if (in_word && *nwords == 1)
			*first_len = (uint32_t)at;
		in_word = 0;
	}
	if (*nwords == 1 && *first_len == 0)
		*first_len = len;
}

/*
 * Copies side[0..len) into a new string with each run of white space made
 * one space; checks that it is valid UTF-8 that begins and ends with a
 * letter.  Returns the copy; NULL on a bad side (*why says what) or, with
 * *why NULL, when out of memory.
 */
static char *
clean_side(const char *side, size_t len, const char **why, uint32_t *out_len)
{
	char *copy;
	int32_t i = 0, n = (int32_t)len, at, last = 0;
	size_t used = 0;
	int space = 0;
	UChar32 c = 0;

	*why = NULL;
	if (len == 0 || len > MAX_SIDE) {
		*why = len == 0 ? "an empty side" :
		    "a side longer than 256 bytes";
		return NULL;
	}
	if ((copy = malloc(len + 1)) == NULL)
		return NULL;
	while (i < n) {
		at = i;
		U8_NEXT(side, i, n, c);
		if (c < 0) {
			free(copy);
			*why = "invalid UTF-8";
			return NULL;
		}
		if (c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F) {
			space = 1;
			continue;
		}
		if (used == 0 && !habar__translit_word_char(c, 0)) {
			free(copy);
			*why = "a side must begin with a letter";
			return NULL;
		}
		if (space)
			copy[used++] = ' ';
		space = 0;
		last = c;
		memcpy(copy + used, side + at, (size_t)(i - at));
		used += (size_t)(i - at);
	}
	if (!habar__translit_word_char(last, 1)) {
		free(copy);
		*why = "a side must end with a letter";
		return NULL;
	}
	copy[used] = '\0';
	*out_len = (uint32_t)used;
	return copy;
}

/* Adds an entry, taking from and to. */
static enum habar_status
push(struct habar__translit_except *x, char *from, uint32_t from_len,
    uint32_t first_len, uint32_t nwords, char *to, uint32_t to_len,
    unsigned long rank)
{
	struct entry *e;

	if (habar__grow((void **)&x->items, &x->cap, x->n + 1,
	    sizeof(*x->items), 32) != HABAR_OK) {
		free(from);
		free(to);
		return HABAR_ERR_NOMEM;
	}
	e = &x->items[x->n++];
	e->from = from;
	e->from_len = from_len;
	e->first_len = first_len;
	e->nwords = nwords;
	e->to = to;
	e->to_len = to_len;
	e->rank = rank;
	return HABAR_OK;
}

/*
 * s[0..len) in capitals, as a new string; NULL when out of memory, and
 * also (with *same set) when the capitals are s itself.
 */
static char *
upper(const char *s, size_t len, int *same, uint32_t *out_len)
{
	UChar in[MAX_SIDE + 1], up[3 * MAX_SIDE + 1];
	UErrorCode err = U_ZERO_ERROR;
	int32_t n16, u16, n8;
	char *out;

	*same = 0;
	u_strFromUTF8(in, MAX_SIDE + 1, &n16, s, (int32_t)len, &err);
	if (U_FAILURE(err))
		return NULL;
	u16 = u_strToUpper(up, 3 * MAX_SIDE + 1, in, n16, "", &err);
	if (U_FAILURE(err))
		return NULL;
	if (u16 == n16 && memcmp(up, in, (size_t)n16 * sizeof(UChar)) == 0) {
		*same = 1;
		return NULL;
	}
	if ((out = malloc((size_t)u16 * 3 + 1)) == NULL)
		return NULL;
	u_strToUTF8(out, u16 * 3 + 1, &n8, up, u16, &err);
	if (U_FAILURE(err)) {
		free(out);
		return NULL;
	}
	*out_len = (uint32_t)n8;
	return out;
}

/* Adds the entry from = to, and its all-capital form when it has one. */
static enum habar_status
add_entry(struct habar__translit_except *x, const char *from, size_t from_len,
    const char *to, size_t to_len, const char **why)
{
	char *f = NULL, *t = NULL, *fu = NULL, *tu = NULL;
	uint32_t flen, tlen, first, nwords, fulen = 0, tulen = 0;
	unsigned long rank = ++x->next_rank;
	enum habar_status status = HABAR_ERR_NOMEM;
	int same = 0;

	if ((f = clean_side(from, from_len, why, &flen)) == NULL ||
	    (t = clean_side(to, to_len, why, &tlen)) == NULL) {
		status = *why != NULL ? HABAR_ERR_INPUT : HABAR_ERR_NOMEM;
		goto done;
	}
	/* The capitals of both sides, when the text side has other ones. */
	if ((fu = upper(f, flen, &same, &fulen)) == NULL && !same)
		goto done;
	if (fu != NULL && (tu = upper(t, tlen, &same, &tulen)) == NULL) {
		if (!same || (tu = strdup(t)) == NULL)
			goto done;
		tulen = tlen;
	}
	/* A typed entry outranks a capital form made from another. */
	measure(f, flen, &first, &nwords);
	status = push(x, f, flen, first, nwords, t, tlen, rank * 2 + 1);
	f = t = NULL;
	if (status == HABAR_OK && fu != NULL) {
		measure(fu, fulen, &first, &nwords);
		status = push(x, fu, fulen, first, nwords, tu, tulen, rank * 2);
		fu = tu = NULL;
	}
done:
	free(f);
	free(t);
	free(fu);
	free(tu);
	return status;
}

/* Sorts the entries and drops all but the winner of equal texts. */
static void
settle(struct habar__translit_except *x)
{
	size_t i, kept = 0;

	if (x->n == 0)
		return;
	qsort(x->items, x->n, sizeof(*x->items), entry_compare);
	for (i = 0; i < x->n; i++) {
		struct entry *e = &x->items[i];
		if (kept > 0 && e->from_len == x->items[kept - 1].from_len &&
		    memcmp(e->from, x->items[kept - 1].from, e->from_len) ==
		    0) {
			free(e->from);
			free(e->to);
			continue;
		}
		x->items[kept++] = *e;
	}
	x->n = kept;
}

enum habar_status
habar__translit_except_add(struct habar__translit_except *x,
    const char *text, size_t len, const char *name, char *err,
    size_t err_size)
{
	const char *p = text, *end = text + len;
	unsigned long line = 0;
	enum habar_status status = HABAR_OK;
	const char *key, *val, *why = NULL;
	size_t key_len, val_len;
	int kind;

	while ((kind = habar__data_next_pair(&p, end, &line, &key, &key_len,
	    &val, &val_len)) != 0) {
		if (kind < 0) {
			snprintf(err, err_size, "%s:%lu: expected 'Cyrillic = "
			    "Latin'", name, line);
			status = HABAR_ERR_INPUT;
			break;
		}
		status = x->to_latin ?
		    add_entry(x, key, key_len, val, val_len, &why) :
		    add_entry(x, val, val_len, key, key_len, &why);
		if (status == HABAR_ERR_INPUT)
			snprintf(err, err_size, "%s:%lu: %s", name, line, why);
		if (status != HABAR_OK)
			break;
	}
	settle(x);
	return status;
}

static int
string_compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds ending e[0..len) to the list. */
static enum habar_status
add_ending(struct habar__translit_except *x, const char *e, size_t len)
{
	char *copy;

	if (habar__grow((void **)&x->endings, &x->endings_cap,
	    x->nendings + 1, sizeof(*x->endings), 64) != HABAR_OK)
		return HABAR_ERR_NOMEM;
	if ((copy = strndup(e, len)) == NULL)
		return HABAR_ERR_NOMEM;
	x->endings[x->nendings++] = copy;
	return HABAR_OK;
}

enum habar_status
habar__translit_except_endings(struct habar__translit_except *x,
    const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	enum habar_status status = HABAR_OK;
	size_t i, kept;

	/* Endings are written on only in Cyrillic text. */
	if (!x->to_latin)
		return HABAR_OK;
	while (p < end && status == HABAR_OK) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n;

		if (eol == NULL)
			eol = end;
		n = strcspn(p, " \t\r\n");
		if (p + n > eol)
			n = (size_t)(eol - p);
		if (n > 0 && n <= MAX_ENDING && p[0] != '#') {
			char *up;
			uint32_t up_len;
			int same;

			status = add_ending(x, p, n);
			up = status == HABAR_OK ? upper(p, n, &same, &up_len) :
			    NULL;
			if (up != NULL) {
				if (up_len <= MAX_ENDING)
					status = add_ending(x, up, up_len);
				free(up);
			}
		}
		p = eol + 1;
	}
	if (x->nendings == 0)
		return status;
	qsort(x->endings, x->nendings, sizeof(*x->endings), string_compare);
	for (i = 1, kept = 1; i < x->nendings; i++) {
		if (strcmp(x->endings[i], x->endings[kept - 1]) == 0)
			free(x->endings[i]);
		else
			x->endings[kept++] = x->endings[i];
	}
	x->nendings = kept;
	return status;
}

static int
is_ending(const struct habar__translit_except *x, const char *s, size_t len)
{
	char key[MAX_ENDING + 1];
	size_t lo = 0, hi = x->nendings;

	if (len > MAX_ENDING)
		return 0;
	memcpy(key, s, len);
	key[len] = '\0';
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, x->endings[mid]);
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* Whether s[0..len) is one to depth endings written one after another. */
static int
is_endings(const struct habar__translit_except *x, const char *s, size_t len,
    int depth)
{
	size_t cut;

	if (len == 0 || depth == 0)
		return 0;
	for (cut = 1; cut <= len && cut <= MAX_ENDING; cut++) {
		if (cut < len && ((unsigned char)s[cut] & 0xC0) == 0x80)
			continue;
		if (!is_ending(x, s, cut))
			continue;
		if (cut == len || is_endings(x, s + cut, len - cut, depth - 1))
			return 1;
	}
	return 0;
}

/* The first entry (in their order by first word) whose first word does
 * not sort before w[0..len), or x->n. */
static size_t
lower_bound(const struct habar__translit_except *x, const char *w,
    size_t len)
{
	size_t lo = 0, hi = x->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct entry *e = &x->items[mid];
		if (bytes_compare(e->from, e->first_len, w, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first entry whose first word is w[0..len), or x->n. */
static size_t
first_of(const struct habar__translit_except *x, const char *w, size_t len)
{
	size_t lo = lower_bound(x, w, len);

	if (lo < x->n && x->items[lo].first_len == len &&
	    memcmp(x->items[lo].from, w, len) == 0)
		return lo;
	return x->n;
}

/* Whether the first word of some entry begins with w[0..len). */
static int
some_begins(const struct habar__translit_except *x, const char *w, size_t len)
{
	size_t lo = lower_bound(x, w, len);

	return lo < x->n && x->items[lo].first_len >= len &&
	    memcmp(x->items[lo].from, w, len) == 0;
}

/*
 * Whether entry e matches the words t[i..] of s; on a match returns the
 * number of words and sets *end to where e's text ends in s (before an
 * ending written on).  The last word may be only the start of its word of
 * s when the rest is one to MAX_ENDINGS endings.
 */
static size_t
match_entry(const struct habar__translit_except *x, const struct entry *e,
    const char *s, const struct habar__translit_token *t, size_t count,
    size_t i, int32_t *end)
{
	const char *f = e->from, *fend = e->from + e->from_len;
	size_t k = i;
	int32_t at = t[i].start;

	for (;;) {
		const char *w = f;
		size_t wlen, tlen;
		int32_t c;

		/* The entry's next word. */
		while (f < fend) {
			int32_t j = (int32_t)(f - e->from);
			U8_NEXT(e->from, j, (int32_t)e->from_len, c);
			if (!habar__translit_word_char(c, f > w))
				break;
			f = e->from + j;
		}
		wlen = (size_t)(f - w);
		if (k >= count || t[k].cls == HABAR__TW_OTHER)
			return 0;
		tlen = (size_t)(t[k].limit - t[k].start);
		if (f == fend) {
			/* The last word: whole, or with endings on. */
			if (wlen > tlen || memcmp(s + at, w, wlen) != 0)
				return 0;
			if (wlen < tlen && !is_endings(x, s + at + wlen,
			    tlen - wlen, MAX_ENDINGS))
				return 0;
			*end = at + (int32_t)wlen;
			return k - i + 1;
		}
		if (wlen != tlen || memcmp(s + at, w, wlen) != 0)
			return 0;
		/* What joins it to the next: the same, or any spaces for
		 * a space. */
		w = f;
		while (f < fend) {
			int32_t j = (int32_t)(f - e->from);
			U8_NEXT(e->from, j, (int32_t)e->from_len, c);
			if (habar__translit_word_char(c, 0))
				break;
			f = e->from + j;
		}
		if (k + 1 >= count)
			return 0;
		at = t[k].limit;
		if (f - w == 1 && *w == ' ') {
			if (!is_gap_space(s + at, (size_t)(t[k + 1].start -
			    at)))
				return 0;
		} else if (t[k + 1].start - at != f - w ||
		    memcmp(s + at, w, (size_t)(f - w)) != 0)
			return 0;
		k++;
		at = t[k].start;
	}
}

size_t
habar__translit_except_match(const struct habar__translit_except *x,
    const char *s, const struct habar__translit_token *t, size_t count,
    size_t i, const char **to, size_t *to_len, int32_t *end)
{
	size_t j, best = 0, n, len;
	const struct entry *won = NULL;
	int32_t e_end = 0, cut;
	UChar32 c;

	if (x == NULL || x->n == 0 || t[i].cls == HABAR__TW_OTHER)
		return 0;
	len = (size_t)(t[i].limit - t[i].start);
	for (j = first_of(x, s + t[i].start, len); j < x->n &&
	    x->items[j].first_len == len &&
	    memcmp(x->items[j].from, s + t[i].start, len) == 0; j++) {
		if ((n = match_entry(x, &x->items[j], s, t, count, i,
		    &e_end)) > best) {
			best = n;
			won = &x->items[j];
			*end = e_end;
		}
	}
	/* A name of one word with an ending written on (Сарварға): its
	 * first letter a capital, the longest entry that starts it. */
	if (won == NULL && x->nendings > 0) {
		int32_t k = t[i].start;
		U8_NEXT(s, k, t[i].limit, c);
		if (c < 0 || !u_isupper(c))
			return 0;
		/* Most capitalised words begin no entry at all. */
		if (k < t[i].limit) {
			int32_t k2 = k;
			U8_NEXT(s, k2, t[i].limit, c);
			if (!some_begins(x, s + t[i].start,
			    (size_t)(k2 - t[i].start)))
				return 0;
		}
		for (cut = t[i].limit - 1; cut >= k && won == NULL; cut--) {
			size_t stem = (size_t)(cut - t[i].start);
			if (((unsigned char)s[cut] & 0xC0) == 0x80)
				continue;
			for (j = first_of(x, s + t[i].start, stem); j < x->n &&
			    x->items[j].first_len == stem &&
			    memcmp(x->items[j].from, s + t[i].start, stem) ==
			    0; j++)
				if (x->items[j].nwords == 1 &&
				    match_entry(x, &x->items[j], s, t, count,
				    i, &e_end) == 1) {
					best = 1;
					won = &x->items[j];
					*end = e_end;
					break;
				}
		}
	}
	if (won == NULL)
		return 0;
	*to = won->to;
	*to_len = won->to_len;
	return best;
}
