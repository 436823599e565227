/*
 * translit_icu.c: the ICU side of habar-translit: compiling the transform
 * rules of locales/kk/ once, finding the words of a line, telling Kazakh
 * words from foreign ones, and running the transliterator over the Kazakh
 * ones only.
 *
 * A line is converted to UTF-16 once, its words are classified, the spans
 * of words to convert are transliterated in place from the last to the
 * first (so the offsets of earlier spans stay valid), and the result goes
 * back to UTF-8.  Buffers grow with the longest line seen and are capped.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/utf16.h>

#include "translit_internal.h"

/* The longest result of one line, in bytes. */
#define MAX_RESULT (64u * 1024 * 1024)
/* Words longer than this (UTF-16 units) skip the word and ending lists. */
#define MAX_LISTED_WORD 64

enum word_class {
	WORD_OTHER,	/* no letter of the source script: never touched */
	WORD_KAZAKH,	/* holds a Kazakh-only letter */
	WORD_NEUTRAL,	/* could be Kazakh or foreign: goes with its run */
	WORD_FOREIGN,	/* a foreign word, ending or letter group: its run
			   is foreign */
	WORD_ALIEN	/* a letter outside the alphabet: a foreign name,
			   kept alone */
};

struct token {
	int32_t start, limit;	/* UTF-16 offsets in the line */
	unsigned char cls;	/* enum word_class */
	unsigned char brk;	/* punctuation between this word and the last */
	unsigned char convert;
};

struct ustr {
	UChar *s;
	int32_t len;
};

/* A sorted list of UTF-16 strings searched by bisection. */
struct ulist {
	struct ustr *items;
	size_t n;
	int32_t max_len;
};

struct habar__translit_icu {
	UTransliterator *trans;
	int to_latin;
	unsigned flags;
	UScriptCode script;
	USet *kazakh;
	USet *alphabet;
	struct ulist words;
	struct ulist endings;
	struct ulist sequences;
	UChar *src;		/* the line, UTF-16 */
	size_t src_cap;
	UChar *work;		/* the line being transliterated */
	size_t work_cap;
	struct token *tokens;
	size_t tokens_cap;
	char *out;		/* the result, UTF-8 */
	size_t out_cap;
};

static void
ulist_free(struct ulist *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free(list->items[i].s);
	free(list->items);
	memset(list, 0, sizeof(*list));
}

static int
ustr_compare(const void *a, const void *b)
{
	const struct ustr *x = a, *y = b;

	return u_strCompare(x->s, x->len, y->s, y->len, 0);
}

static int
ulist_contains(const struct ulist *list, const UChar *s, int32_t len)
{
	size_t lo = 0, hi = list->n;
	struct ustr key = { (UChar *)s, len };

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = ustr_compare(&key, &list->items[mid]);
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* Fills list with the space-separated words of text (UTF-8, may be
 * NULL), lower-cased. */
static enum habar_status
ulist_load(struct ulist *list, const char *text)
{
	const char *p = text, *end;
	size_t cap = 0;

	memset(list, 0, sizeof(*list));
	if (text == NULL)
		return HABAR_OK;
	for (;;) {
		UChar tmp[MAX_LISTED_WORD], *s;
		UErrorCode err = U_ZERO_ERROR;
		int32_t len, low_len;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		end = p + strcspn(p, " \t");
		u_strFromUTF8WithSub(tmp, MAX_LISTED_WORD, &len, p,
		    (int32_t)(end - p), 0xFFFD, NULL, &err);
		p = end;
		if (U_FAILURE(err) || len >= MAX_LISTED_WORD)
			continue;	/* too long to ever match: ignore */
		if (list->n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			struct ustr *n = realloc(list->items,
			    ncap * sizeof(*n));
			if (n == NULL)
				return HABAR_ERR_NOMEM;
			list->items = n;
			cap = ncap;
		}
		if ((s = malloc(MAX_LISTED_WORD * sizeof(UChar))) == NULL)
			return HABAR_ERR_NOMEM;
		err = U_ZERO_ERROR;
		low_len = u_strToLower(s, MAX_LISTED_WORD, tmp, len, "", &err);
		if (U_FAILURE(err) || low_len >= MAX_LISTED_WORD) {
			free(s);
			continue;
		}
		list->items[list->n].s = s;
		list->items[list->n].len = low_len;
		list->n++;
		if (low_len > list->max_len)
			list->max_len = low_len;
	}
	if (list->n > 0)
		qsort(list->items, list->n, sizeof(*list->items), ustr_compare);
	return HABAR_OK;
}

/* Compiles a UnicodeSet pattern (UTF-8); NULL text gives an empty set. */
static enum habar_status
set_load(USet **set_out, const char *text, const char *what, char *err,
    size_t err_size)
{
	UChar *pattern = NULL;
	int32_t len;
	UErrorCode uerr = U_ZERO_ERROR;
	enum habar_status status = HABAR_OK;
	USet *set;

	*set_out = NULL;
	if (text == NULL) {
		if ((set = uset_openEmpty()) == NULL)
			return HABAR_ERR_NOMEM;
		uset_freeze(set);
		*set_out = set;
		return HABAR_OK;
	}
	u_strFromUTF8WithSub(NULL, 0, &len, text, -1, 0xFFFD, NULL, &uerr);
	if (uerr != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(uerr)) {
		status = HABAR_ERR_INPUT;
		goto done;
	}
	if ((pattern = malloc(((size_t)len + 1) * sizeof(UChar))) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	uerr = U_ZERO_ERROR;
	u_strFromUTF8WithSub(pattern, len + 1, &len, text, -1, 0xFFFD, NULL,
	    &uerr);
	set = uset_openPattern(pattern, len, &uerr);
	if (U_FAILURE(uerr)) {
		uset_close(set);
		snprintf(err, err_size, "%s: not a set: %s", what,
		    u_errorName(uerr));
		status = HABAR_ERR_INPUT;
		goto done;
	}
	uset_freeze(set);
	*set_out = set;
done:
	free(pattern);
	return status;
}

void
habar__translit_icu_free(struct habar__translit_icu *icu)
{
	if (icu == NULL)
		return;
	if (icu->trans != NULL)
		utrans_close(icu->trans);
	uset_close(icu->kazakh);
	uset_close(icu->alphabet);
	ulist_free(&icu->words);
	ulist_free(&icu->endings);
	ulist_free(&icu->sequences);
	free(icu->src);
	free(icu->work);
	free(icu->tokens);
	free(icu->out);
	free(icu);
}

enum habar_status
habar__translit_icu_new(struct habar__translit_icu **icu_out,
    enum habar_translit_target target, unsigned flags, const char *rules,
    size_t rules_len, const struct habar__translit_words *words, char *err,
    size_t err_size)
{
	struct habar__translit_icu *icu;
	UChar *urules = NULL;
	int32_t ulen;
	UParseError perr;
	UErrorCode uerr = U_ZERO_ERROR;
	enum habar_status status = HABAR_OK;
	static const UChar id_latn[] = u"habar-kk_Cyrl-kk_Latn";
	static const UChar id_cyrl[] = u"habar-kk_Latn-kk_Cyrl";

	*icu_out = NULL;
	if (rules_len > INT32_MAX / 2)
		return HABAR_ERR_LIMIT;
	if ((icu = calloc(1, sizeof(*icu))) == NULL)
		return HABAR_ERR_NOMEM;
	icu->to_latin = target == HABAR_TRANSLIT_KK_LATN;
	icu->flags = flags;
	icu->script = icu->to_latin ? USCRIPT_CYRILLIC : USCRIPT_LATIN;

	/* The rules, UTF-8 to UTF-16, then compiled. */
	if ((urules = malloc((rules_len + 1) * sizeof(UChar))) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	u_strFromUTF8WithSub(urules, (int32_t)rules_len + 1, &ulen, rules,
	    (int32_t)rules_len, 0xFFFD, NULL, &uerr);
	if (U_FAILURE(uerr)) {
		snprintf(err, err_size, "rules: %s", u_errorName(uerr));
		status = HABAR_ERR_INPUT;
		goto done;
	}
	icu->trans = utrans_openU(icu->to_latin ? id_latn : id_cyrl, -1,
	    UTRANS_FORWARD, urules, ulen, &perr, &uerr);
	if (U_FAILURE(uerr)) {
		snprintf(err, err_size, "rules: line %d, offset %d: %s",
		    (int)perr.line, (int)perr.offset, u_errorName(uerr));
		icu->trans = NULL;
		status = uerr == U_MEMORY_ALLOCATION_ERROR ? HABAR_ERR_NOMEM :
		    HABAR_ERR_INPUT;
		goto done;
	}

	/* The word sets and lists. */
	if ((status = set_load(&icu->kazakh, words->value[HABAR__TK_KAZAKH],
	    "kazakh", err, err_size)) != HABAR_OK)
		goto done;
	if ((status = set_load(&icu->alphabet,
	    words->value[HABAR__TK_ALPHABET], "alphabet", err,
	    err_size)) != HABAR_OK)
		goto done;
	if ((status = ulist_load(&icu->words,
	    words->value[HABAR__TK_FOREIGN_WORDS])) != HABAR_OK ||
	    (status = ulist_load(&icu->endings,
	    words->value[HABAR__TK_FOREIGN_ENDINGS])) != HABAR_OK ||
	    (status = ulist_load(&icu->sequences,
	    words->value[HABAR__TK_FOREIGN_SEQUENCES])) != HABAR_OK)
		goto done;
done:
	free(urules);
	if (status != HABAR_OK) {
		habar__translit_icu_free(icu);
		return status;
	}
	*icu_out = icu;
	return HABAR_OK;
}

/* Grows *buf to hold at least need elements of size bytes. */
static enum habar_status
grow(void **buf, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	void *n;

	if (need <= *cap)
		return HABAR_OK;
	ncap = *cap ? *cap : 256;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / size)
			return HABAR_ERR_LIMIT;
		ncap *= 2;
	}
	if ((n = realloc(*buf, ncap * size)) == NULL)
		return HABAR_ERR_NOMEM;
	*buf = n;
	*cap = ncap;
	return HABAR_OK;
}

static int
is_word_char(UChar32 c, int in_word)
{
	if (u_isalpha(c))
		return 1;
	/* Combining marks belong to the letter they follow. */
	return in_word && (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

/*
 * Punctuation that ends a run of words: quotes, brackets, full stops,
 * dashes.  Hyphens and apostrophes join words; commas, colons and
 * semicolons stay inside a run, since a foreign sentence has them too.
 */
static int
is_break(UChar32 c)
{
	switch (c) {
	case 0x2D: case 0x2010: case 0x2011: case 0x27: case 0x2019:
	case 0x2BC: case ',': case ';': case ':': case 0x060C:
		return 0;
	}
	return u_ispunct(c) || (U_GET_GC_MASK(c) & U_GC_S_MASK) != 0;
}

/* Whether the lower-cased word w[0..len) is on the foreign lists. */
static int
listed_foreign(const struct habar__translit_icu *icu, const UChar *w,
    int32_t len)
{
	UChar low[MAX_LISTED_WORD];
	UErrorCode uerr = U_ZERO_ERROR;
	int32_t n, l;
	size_t i;

	if (len >= MAX_LISTED_WORD)
		return 0;
	n = u_strToLower(low, MAX_LISTED_WORD, w, len, "", &uerr);
	if (U_FAILURE(uerr) || n >= MAX_LISTED_WORD)
		return 0;
	if (ulist_contains(&icu->words, low, n))
		return 1;
	/* At least three letters must come before an ending. */
	for (l = 1; l <= icu->endings.max_len && l + 3 <= n; l++)
		if (ulist_contains(&icu->endings, low + n - l, l))
			return 1;
	for (i = 0; i < icu->sequences.n; i++) {
		const struct ustr *q = &icu->sequences.items[i];
		if (q->len <= n && u_strFindFirst(low, n, q->s, q->len) != NULL)
			return 1;
	}
	return 0;
}

static enum word_class
classify(const struct habar__translit_icu *icu, const UChar *w, int32_t len)
{
	int32_t i = 0;
	int source = 0, kazakh = 0;
	UChar32 c;

	while (i < len) {
		U16_NEXT(w, i, len, c);
		if (!u_isalpha(c))
			continue;
		{
			UErrorCode uerr = U_ZERO_ERROR;
			if (uscript_getScript(c, &uerr) != icu->script)
				continue;
		}
		source = 1;
		if (!uset_contains(icu->alphabet, c))
			return WORD_ALIEN;
		/* In Latin, c is a letter only in the pair "ch" (ч). */
		if (!icu->to_latin && (c == 'c' || c == 'C') &&
		    (i >= len || (w[i] != 'h' && w[i] != 'H')))
			return WORD_ALIEN;
		if (uset_contains(icu->kazakh, c))
			kazakh = 1;
	}
	if (!source)
		return WORD_OTHER;
	if (kazakh)
		return WORD_KAZAKH;
	return listed_foreign(icu, w, len) ? WORD_FOREIGN : WORD_NEUTRAL;
}

/* Splits the line into words, classifies them and decides which to
 * convert; *ntokens receives the number of words. */
static enum habar_status
plan(struct habar__translit_icu *icu, int32_t n, size_t *ntokens,
    struct habar_translit_stats *stats)
{
	const UChar *s = icu->src;
	size_t count = 0, i, j;
	int32_t i16 = 0, word_start = -1;
	int brk = 0;
	enum habar_status status;

	while (i16 < n) {
		int32_t at = i16;
		UChar32 c;

		U16_NEXT(s, i16, n, c);
		if (is_word_char(c, word_start >= 0)) {
			if (word_start < 0)
				word_start = at;
			if (i16 < n)
				continue;
			at = i16;
		}
		if (word_start >= 0) {
			struct token *t;
			status = grow((void **)&icu->tokens, &icu->tokens_cap,
			    count + 1, sizeof(*icu->tokens));
			if (status != HABAR_OK)
				return status;
			t = &icu->tokens[count++];
			t->start = word_start;
			t->limit = at;
			t->cls = (unsigned char)classify(icu, s + word_start,
			    at - word_start);
			t->brk = (unsigned char)brk;
			t->convert = 0;
			word_start = -1;
			brk = 0;
		}
		if (at < n && !is_word_char(c, 0) && is_break(c))
			brk = 1;
	}

	/* Runs of neutral and foreign words between Kazakh words, other
	 * words and punctuation go together. */
	for (i = 0; i < count; i = j) {
		struct token *t = &icu->tokens[i];
		int foreign = 0;

		if (t->cls == WORD_OTHER || t->cls == WORD_KAZAKH ||
		    t->cls == WORD_ALIEN) {
			t->convert = t->cls == WORD_KAZAKH ||
			    (t->cls == WORD_ALIEN &&
			    (icu->flags & HABAR_TRANSLIT_ALL) != 0);
			j = i + 1;
			continue;
		}
		for (j = i; j < count; j++) {
			struct token *u = &icu->tokens[j];
			if (u->cls == WORD_OTHER || u->cls == WORD_KAZAKH ||
			    u->cls == WORD_ALIEN || (j > i && u->brk))
				break;
			if (u->cls == WORD_FOREIGN)
				foreign = 1;
		}
		for (; i < j; i++)
			icu->tokens[i].convert = !foreign ||
			    (icu->flags & HABAR_TRANSLIT_ALL) != 0;
	}
	for (i = 0; i < count; i++) {
		if (icu->tokens[i].cls == WORD_OTHER)
			continue;
		stats->words++;
		if (icu->tokens[i].convert)
			stats->converted++;
		else
			stats->kept++;
	}
	*ntokens = count;
	return HABAR_OK;
}

/* Transliterates the planned spans of src into work; returns the new
 * length, or -1 with *uerr set. */
static int32_t
run_spans(struct habar__translit_icu *icu, int32_t n, size_t ntokens,
    UErrorCode *uerr)
{
	int32_t len = n;
	size_t i = ntokens;

	u_memcpy(icu->work, icu->src, n);
	while (i > 0) {
		size_t last = i - 1, first = last;
		int32_t start, limit;

		if (!icu->tokens[last].convert) {
			i--;
			continue;
		}
		/* Neighbouring words to convert make one span. */
		while (first > 0 && icu->tokens[first - 1].convert)
			first--;
		start = icu->tokens[first].start;
		limit = icu->tokens[last].limit;
		utrans_transUChars(icu->trans, icu->work, &len,
		    (int32_t)icu->work_cap, start, &limit, uerr);
		if (U_FAILURE(*uerr))
			return -1;
		i = first;
	}
	return len;
}

enum habar_status
habar__translit_icu_line(struct habar__translit_icu *icu, const char **out,
    size_t *out_len, const char *in, size_t in_len,
    struct habar_translit_stats *stats, char *err, size_t err_size)
{
	UErrorCode uerr = U_ZERO_ERROR;
	int32_t n, len, subs = 0, u8len;
	size_t ntokens, i, need;
	enum habar_status status;

	*out = NULL;
	*out_len = 0;
	if (in_len > MAX_RESULT / 4) {
		snprintf(err, err_size, "line longer than %u bytes",
		    MAX_RESULT / 4);
		return HABAR_ERR_LIMIT;
	}

	/* Lines with nothing but ASCII hold no Cyrillic letter: as they are. */
	if (icu->to_latin) {
		for (i = 0; i < in_len; i++)
			if ((unsigned char)in[i] >= 0x80)
				break;
		if (i == in_len) {
			if ((status = grow((void **)&icu->out, &icu->out_cap,
			    in_len + 1, 1)) != HABAR_OK)
				return status;
			memcpy(icu->out, in, in_len);
			icu->out[in_len] = '\0';
			*out = icu->out;
			*out_len = in_len;
			return HABAR_OK;
		}
	}

	/* To UTF-16: the UTF-16 length never exceeds the UTF-8 length. */
	if ((status = grow((void **)&icu->src, &icu->src_cap, in_len + 1,
	    sizeof(UChar))) != HABAR_OK)
		return status;
	u_strFromUTF8WithSub(icu->src, (int32_t)icu->src_cap, &n, in,
	    (int32_t)in_len, 0xFFFD, &subs, &uerr);
	if (U_FAILURE(uerr)) {
		snprintf(err, err_size, "UTF-16 conversion: %s",
		    u_errorName(uerr));
		return HABAR_ERR_LIBRARY;
	}
	stats->invalid += (unsigned long long)subs;

	if ((status = plan(icu, n, &ntokens, stats)) != HABAR_OK)
		return status;

	/* A loan letter may become two letters: room for three times the
	 * line, more on demand. */
	need = (size_t)n * 3 + 16;
	for (;;) {
		if ((status = grow((void **)&icu->work, &icu->work_cap, need,
		    sizeof(UChar))) != HABAR_OK)
			return status;
		if (icu->work_cap > MAX_RESULT / sizeof(UChar))
			return HABAR_ERR_LIMIT;
		uerr = U_ZERO_ERROR;
		len = run_spans(icu, n, ntokens, &uerr);
		if (uerr != U_BUFFER_OVERFLOW_ERROR)
			break;
		need = icu->work_cap * 2;
	}
	if (U_FAILURE(uerr)) {
		snprintf(err, err_size, "transliteration: %s",
		    u_errorName(uerr));
		return uerr == U_MEMORY_ALLOCATION_ERROR ? HABAR_ERR_NOMEM :
		    HABAR_ERR_LIBRARY;
	}

	/* Back to UTF-8: at most three bytes a UTF-16 unit. */
	if ((size_t)len * 3 + 1 > MAX_RESULT) {
		snprintf(err, err_size, "result longer than %u bytes",
		    MAX_RESULT);
		return HABAR_ERR_LIMIT;
	}
	if ((status = grow((void **)&icu->out, &icu->out_cap,
	    (size_t)len * 3 + 1, 1)) != HABAR_OK)
		return status;
	uerr = U_ZERO_ERROR;
	u_strToUTF8WithSub(icu->out, (int32_t)icu->out_cap, &u8len, icu->work,
	    len, 0xFFFD, NULL, &uerr);
	if (U_FAILURE(uerr)) {
		snprintf(err, err_size, "UTF-8 conversion: %s",
		    u_errorName(uerr));
		return HABAR_ERR_LIBRARY;
	}
	icu->out[u8len] = '\0';
	*out = icu->out;
	*out_len = (size_t)u8len;
	return HABAR_OK;
}
