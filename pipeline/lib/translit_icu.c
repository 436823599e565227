/*
 * translit_icu.c: the ICU side of habar-translit: compiling the transform
 * rules of locales/kk/ once, finding the words of a line, telling Kazakh
 * words from foreign ones, and running the transliterator over the Kazakh
 * ones only.
 *
 * A line is scanned in UTF-8: its words (runs of letters and the marks
 * on them) are classified, the runs of words decide which to convert, and
 * the line is written out again with those words replaced.  Each word is
 * transliterated on its own, which gives the same result as transliterating
 * the whole text as long as no rule looks past the letters of a word (the
 * rule files promise this; test_translit and the benchmark check that
 * --all output equals uconv's).  So words are cached: a fixed-size table
 * keyed by the word's bytes keeps each word's class and conversion, and
 * the frequent words of a text never reach ICU twice.  Memory stays flat:
 * the table is fixed, the line buffers grow with the longest line and are
 * capped.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/utf8.h>

#include "grow_internal.h"
#include "translit_internal.h"

/* The longest result of one line, in bytes. */
#define MAX_RESULT (64u * 1024 * 1024)
/* Long lines are converted in pieces of about this many bytes. */
#define PIECE (64u * 1024)
/* Words longer than this (UTF-16 units) skip the word and ending lists. */
#define MAX_LISTED_WORD 64

enum word_class {
	WORD_OTHER = HABAR__TW_OTHER,	/* no letter of the source script:
					   never touched */
	WORD_KAZAKH,	/* holds a Kazakh-only letter */
	WORD_NEUTRAL,	/* could be Kazakh or foreign: goes with its run */
	WORD_FOREIGN,	/* a foreign word, ending or letter group: its run
			   is foreign */
	WORD_ALIEN	/* a letter outside the alphabet: a foreign name,
			   kept alone */
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

/* The word cache: two-way set-associative, a word's set chosen by its
 * hash, the less recently used way replaced. */
#define CACHE_SLOTS 16384u	/* 8192 sets of two */
#define CACHE_KEY 48	/* longer words (bytes) are not cached */
#define CACHE_VALUE 96	/* longer results are not cached */

struct cache_entry {
	uint32_t hash;
	uint32_t stamp;		/* icu->clock when last used; 0: never */
	unsigned char key_len;	/* 0: empty slot */
	unsigned char cls;	/* enum word_class */
	unsigned char has_value;
	unsigned char value_len;
	char key[CACHE_KEY];
	char value[CACHE_VALUE];
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
	struct cache_entry *cache;	/* CACHE_SLOTS entries */
	uint32_t clock;		/* counts cache uses, for replacement */
	char *clean;		/* the line with invalid UTF-8 replaced */
	size_t clean_cap;
	UChar *word16;		/* one word being transliterated */
	size_t word16_cap;
	struct habar__translit_token *tokens;
	const struct habar__translit_except *except;	/* borrowed */
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
		if (habar__grow((void **)&list->items, &cap, list->n + 1,
		    sizeof(*list->items), 32) != HABAR_OK)
			return HABAR_ERR_NOMEM;
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
	free(icu->cache);
	free(icu->clean);
	free(icu->word16);
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
	if ((icu->cache = calloc(CACHE_SLOTS, sizeof(*icu->cache))) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}

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

void
habar__translit_icu_set_except(struct habar__translit_icu *icu,
    const struct habar__translit_except *except)
{
	icu->except = except;
}

int
habar__translit_word_char(int32_t c, int in_word)
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
	/* A capital letter alone is an initial (С. Сейфуллин), not a
	 * preposition. */
	if (ulist_contains(&icu->words, low, n) &&
	    !(len == 1 && u_isupper(w[0])))
		return 1;
	/* At least two letters must come before an ending. */
	for (l = 1; l <= icu->endings.max_len && l + 2 <= n; l++)
		if (ulist_contains(&icu->endings, low + n - l, l))
			return 1;
	for (i = 0; i < icu->sequences.n; i++) {
		const struct ustr *q = &icu->sequences.items[i];
		if (q->len <= n && u_strFindFirst(low, n, q->s, q->len) != NULL)
			return 1;
	}
	return 0;
}

/* Whether c belongs to the source script; the common blocks are
 * answered without asking ICU. */
static int
is_script(const struct habar__translit_icu *icu, UChar32 c)
{
	UErrorCode uerr = U_ZERO_ERROR;

	if (c < 0x80)
		return !icu->to_latin;
	if (c >= 0x400 && c <= 0x52F)
		return icu->to_latin;
	if (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7)
		return !icu->to_latin;
	return uscript_getScript(c, &uerr) == icu->script;
}

/* Classifies the word w[0..len), valid UTF-8. */
static enum word_class
classify(const struct habar__translit_icu *icu, const char *w, int32_t len)
{
	UChar w16[MAX_LISTED_WORD];
	int32_t i = 0, n16;
	int source = 0, kazakh = 0;
	UErrorCode uerr = U_ZERO_ERROR;
	UChar32 c;

	while (i < len) {
		U8_NEXT(w, i, len, c);
		if (c < 0 || !u_isalpha(c))
			continue;
		if (!is_script(icu, c))
			continue;
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
	u_strFromUTF8(w16, MAX_LISTED_WORD, &n16, w, len, &uerr);
	if (U_FAILURE(uerr) || uerr == U_STRING_NOT_TERMINATED_WARNING)
		return WORD_NEUTRAL;	/* too long for the lists */
	return listed_foreign(icu, w16, n16) ? WORD_FOREIGN : WORD_NEUTRAL;
}

static uint32_t
hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* Returns the cache slot holding word w[0..len), or NULL. */
static struct cache_entry *
cache_find(struct habar__translit_icu *icu, const char *w, size_t len,
    uint32_t hash)
{
	struct cache_entry *e = &icu->cache[(hash & (CACHE_SLOTS / 2 - 1)) * 2];
	int way;

	for (way = 0; way < 2; way++, e++)
		if (e->key_len == len && e->hash == hash &&
		    memcmp(e->key, w, len) == 0) {
			e->stamp = ++icu->clock;
			return e;
		}
	return NULL;
}

/* Gives word w[0..len) of class cls the less recently used slot of its
 * set, and returns the slot (without a value yet). */
static struct cache_entry *
cache_insert(struct habar__translit_icu *icu, const char *w, size_t len,
    uint32_t hash, enum word_class cls)
{
	struct cache_entry *e = &icu->cache[(hash & (CACHE_SLOTS / 2 - 1)) * 2];

	if (e[1].stamp < e[0].stamp)
		e++;
	if (icu->clock == UINT32_MAX) {
		/* Once in four billion uses: start the ages again. */
		size_t i;
		for (i = 0; i < CACHE_SLOTS; i++)
			icu->cache[i].stamp = icu->cache[i].stamp != 0;
		icu->clock = 1;
	}
	e->hash = hash;
	e->stamp = ++icu->clock;
	e->key_len = (unsigned char)len;
	e->cls = (unsigned char)cls;
	e->has_value = 0;
	memcpy(e->key, w, len);
	return e;
}

/* The class of word w[0..len), from the cache or worked out and cached. */
static enum word_class
word_class(struct habar__translit_icu *icu, const char *w, size_t len)
{
	uint32_t hash;
	struct cache_entry *e;
	enum word_class cls;

	if (len >= CACHE_KEY)
		return classify(icu, w, (int32_t)len);
	hash = hash_bytes(w, len);
	if ((e = cache_find(icu, w, len, hash)) != NULL)
		return (enum word_class)e->cls;
	cls = classify(icu, w, (int32_t)len);
	(void)cache_insert(icu, w, len, hash, cls);
	return cls;
}

/* Makes room for need more bytes at the end of the output (used bytes). */
static enum habar_status
out_reserve(struct habar__translit_icu *icu, size_t used, size_t need)
{
	if (need > MAX_RESULT || used > MAX_RESULT - need)
		return HABAR_ERR_LIMIT;
	return habar__grow((void **)&icu->out, &icu->out_cap, used + need, 1,
	    256);
}

/* Appends the conversion of word w[0..len) to the output at *used. */
static enum habar_status
convert_word(struct habar__translit_icu *icu, const char *w, size_t len,
    size_t *used, char *err, size_t err_size)
{
	struct cache_entry *e = NULL;
	uint32_t hash = 0;
	UErrorCode uerr = U_ZERO_ERROR;
	int32_t n16, limit, u8len;
	enum habar_status status;

	if (len < CACHE_KEY) {
		hash = hash_bytes(w, len);
		e = cache_find(icu, w, len, hash);
		if (e != NULL && e->has_value) {
			if ((status = out_reserve(icu, *used, e->value_len + 1)) !=
			    HABAR_OK)
				return status;
			memcpy(icu->out + *used, e->value, e->value_len);
			*used += e->value_len;
			return HABAR_OK;
		}
	}

	/* To UTF-16 (never longer than the UTF-8), transliterate (a letter
	 * may become two: room for three times the word, more on demand). */
	for (;;) {
		size_t need = len * 3 + 16;
		if (icu->word16_cap > need)
			need = icu->word16_cap;
		if ((status = habar__grow((void **)&icu->word16,
		    &icu->word16_cap, need, sizeof(UChar), 256)) != HABAR_OK)
			return status;
		if (icu->word16_cap > INT32_MAX / 2)
			return HABAR_ERR_LIMIT;
		uerr = U_ZERO_ERROR;
		u_strFromUTF8(icu->word16, (int32_t)icu->word16_cap, &n16, w,
		    (int32_t)len, &uerr);
		if (U_FAILURE(uerr))
			break;
		limit = n16;
		utrans_transUChars(icu->trans, icu->word16, &n16,
		    (int32_t)icu->word16_cap, 0, &limit, &uerr);
		if (uerr != U_BUFFER_OVERFLOW_ERROR)
			break;
		if ((status = habar__grow((void **)&icu->word16,
		    &icu->word16_cap, icu->word16_cap * 2, sizeof(UChar),
		    256)) != HABAR_OK)
			return status;
	}
	if (U_FAILURE(uerr)) {
		snprintf(err, err_size, "transliteration: %s",
		    u_errorName(uerr));
		return uerr == U_MEMORY_ALLOCATION_ERROR ? HABAR_ERR_NOMEM :
		    HABAR_ERR_LIBRARY;
	}

	/* Back to UTF-8, at most three bytes a UTF-16 unit. */
	if ((status = out_reserve(icu, *used, (size_t)n16 * 3 + 1)) != HABAR_OK)
		return status;
	uerr = U_ZERO_ERROR;
	u_strToUTF8WithSub(icu->out + *used, (int32_t)(icu->out_cap - *used),
	    &u8len, icu->word16, n16, 0xFFFD, NULL, &uerr);
	if (U_FAILURE(uerr)) {
		snprintf(err, err_size, "UTF-8 conversion: %s",
		    u_errorName(uerr));
		return HABAR_ERR_LIBRARY;
	}
	if (len < CACHE_KEY && u8len < CACHE_VALUE) {
		/* The slot may have gone to another word since: take
		 * one back. */
		if ((e = cache_find(icu, w, len, hash)) == NULL)
			e = cache_insert(icu, w, len, hash,
			    classify(icu, w, (int32_t)len));
		e->has_value = 1;
		e->value_len = (unsigned char)u8len;
		memcpy(e->value, icu->out + *used, (size_t)u8len);
	}
	*used += (size_t)u8len;
	return HABAR_OK;
}

/*
 * Copies in[0..len) with every invalid UTF-8 sequence replaced by U+FFFD
 * into icu->clean when there is one; returns the text to work on.
 */
static enum habar_status
clean_utf8(struct habar__translit_icu *icu, const char **text, size_t *len,
    struct habar_translit_stats *stats)
{
	const char *in = *text;
	int32_t n = (int32_t)*len, i = 0, at;
	size_t used = 0;
	enum habar_status status;
	UChar32 c;

	c = 0;
	while (i < n && c >= 0)
		U8_NEXT(in, i, n, c);
	if (c >= 0)
		return HABAR_OK;
	/* At worst every byte becomes three. */
	if ((status = habar__grow((void **)&icu->clean, &icu->clean_cap,
	    (size_t)n * 3 + 1, 1, 256)) != HABAR_OK)
		return status;
	i = 0;
	while (i < n) {
		at = i;
		U8_NEXT(in, i, n, c);
		if (c < 0) {
			memcpy(icu->clean + used, "\xEF\xBF\xBD", 3);
			used += 3;
			stats->invalid++;
		} else {
			memcpy(icu->clean + used, in + at, (size_t)(i - at));
			used += (size_t)(i - at);
		}
	}
	*text = icu->clean;
	*len = used;
	return HABAR_OK;
}

/* Whether s[0..len) looks like an e-mail or web address. */
static int
is_address(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '@')
			return 1;
		if (s[i] == ':' && i + 2 < len && s[i + 1] == '/' &&
		    s[i + 2] == '/')
			return 1;
	}
	return len > 4 && (s[0] == 'w' || s[0] == 'W') &&
	    (s[1] == 'w' || s[1] == 'W') && (s[2] == 'w' || s[2] == 'W') &&
	    s[3] == '.';
}

/*
 * Words inside an e-mail or web address (a stretch without spaces that
 * holds "@" or "://" or starts with "www.") are no words of a language:
 * marks them WORD_OTHER, so they are never converted.
 */
static void
mark_addresses(struct habar__translit_icu *icu, const char *s, int32_t n,
    size_t count)
{
	int32_t start = 0, end;
	size_t t = 0;

	while (start < n && t < count) {
		while (start < n && (s[start] == ' ' || s[start] == '\t'))
			start++;
		end = start;
		while (end < n && s[end] != ' ' && s[end] != '\t')
			end++;
		while (t < count && icu->tokens[t].limit <= start)
			t++;
		if (is_address(s + start, (size_t)(end - start)))
			for (; t < count && icu->tokens[t].start < end; t++)
				icu->tokens[t].cls = WORD_OTHER;
		start = end;
	}
}

/* Splits text into words, classifies them and decides which to convert;
 * *ntokens receives the number of words. */
static enum habar_status
plan(struct habar__translit_icu *icu, const char *s, int32_t n,
    size_t *ntokens, struct habar_translit_stats *stats)
{
	size_t count = 0, i, j;
	int32_t i8 = 0, word_start = -1;
	int brk = 0;
	enum habar_status status;

	while (i8 < n) {
		int32_t at = i8;
		UChar32 c;

		U8_NEXT(s, i8, n, c);
		if (habar__translit_word_char(c, word_start >= 0)) {
			if (word_start < 0)
				word_start = at;
			if (i8 < n)
				continue;
			at = i8;
		}
		if (word_start >= 0) {
			struct habar__translit_token *t;
			status = habar__grow((void **)&icu->tokens,
			    &icu->tokens_cap, count + 1, sizeof(*icu->tokens),
			    256);
			if (status != HABAR_OK)
				return status;
			t = &icu->tokens[count++];
			t->start = word_start;
			t->limit = at;
			t->cls = (unsigned char)word_class(icu, s + word_start,
			    (size_t)(at - word_start));
			t->brk = (unsigned char)brk;
			t->convert = 0;
			word_start = -1;
			brk = 0;
		}
		if (at < n && !habar__translit_word_char(c, 0) && is_break(c))
			brk = 1;
	}

	mark_addresses(icu, s, n, count);

	/* Runs of neutral and foreign words between Kazakh words, foreign
	 * names, other words and punctuation go together. */
	for (i = 0; i < count; i = j) {
		struct habar__translit_token *t = &icu->tokens[i];
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
			struct habar__translit_token *u = &icu->tokens[j];
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
	/* Exceptions are names: they are converted wherever they stand. */
	for (i = 0; i < count; i++) {
		struct habar__translit_token *t = &icu->tokens[i];
		t->xwords = 0;
		if (icu->except == NULL)
			continue;
		t->xwords = (uint32_t)habar__translit_except_match(icu->except,
		    s, icu->tokens, count, i, &t->xto, &t->xto_len, &t->xend);
		for (j = i; j < i + t->xwords; j++)
			icu->tokens[j].convert = 1;
		if (t->xwords > 0)
			i += t->xwords - 1;
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

/* Converts piece[0..len) and appends it to the output at *used. */
static enum habar_status
convert_piece(struct habar__translit_icu *icu, const char *in, size_t in_len,
    size_t *used, struct habar_translit_stats *stats, char *err,
    size_t err_size)
{
	size_t ntokens, i, pos = 0;
	enum habar_status status;

	if ((status = clean_utf8(icu, &in, &in_len, stats)) != HABAR_OK ||
	    (status = plan(icu, in, (int32_t)in_len, &ntokens, stats)) !=
	    HABAR_OK)
		return status;

	/* The piece again, the words to convert replaced. */
	for (i = 0; i < ntokens; i++) {
		const struct habar__translit_token *t = &icu->tokens[i];
		size_t gap = (size_t)t->start - pos;

		if (!t->convert)
			continue;
		if ((status = out_reserve(icu, *used, gap + 1)) != HABAR_OK)
			return status;
		memcpy(icu->out + *used, in + pos, gap);
		*used += gap;
		if (t->xwords > 0) {
			/* An exception, then an ending written on by the
			 * rules. */
			const struct habar__translit_token *last =
			    &icu->tokens[i + t->xwords - 1];
			if ((status = out_reserve(icu, *used, t->xto_len + 1)) !=
			    HABAR_OK)
				return status;
			memcpy(icu->out + *used, t->xto, t->xto_len);
			*used += t->xto_len;
			if (t->xend < last->limit && (status = convert_word(icu,
			    in + t->xend, (size_t)(last->limit - t->xend), used,
			    err, err_size)) != HABAR_OK)
				return status;
			pos = (size_t)last->limit;
			i += t->xwords - 1;
			continue;
		}
		status = convert_word(icu, in + t->start,
		    (size_t)(t->limit - t->start), used, err, err_size);
		if (status != HABAR_OK)
			return status;
		pos = (size_t)t->limit;
	}
	if ((status = out_reserve(icu, *used, in_len - pos + 1)) != HABAR_OK)
		return status;
	memcpy(icu->out + *used, in + pos, in_len - pos);
	*used += in_len - pos;
	return HABAR_OK;
}

/*
 * The length of the next piece of in[0..len) to convert: all of it when
 * short, else up to PIECE bytes ending after a space or tab (words never
 * cross one), or at a character boundary when there is none.
 */
static size_t
next_piece(const char *in, size_t len)
{
	size_t n;

	if (len <= PIECE)
		return len;
	for (n = PIECE; n > PIECE / 2; n--)
		if (in[n - 1] == ' ' || in[n - 1] == '\t')
			return n;
	for (n = PIECE; n > 1 && ((unsigned char)in[n] & 0xC0) == 0x80; n--)
		continue;
	return n;
}

enum habar_status
habar__translit_icu_line(struct habar__translit_icu *icu, const char **out,
    size_t *out_len, const char *in, size_t in_len,
    struct habar_translit_stats *stats, char *err, size_t err_size)
{
	size_t i, used = 0, pos = 0, n;
	enum habar_status status;

	*out = NULL;
	*out_len = 0;
	if (in_len > HABAR_TRANSLIT_MAX_LINE) {
		snprintf(err, err_size, "line longer than %u bytes",
		    HABAR_TRANSLIT_MAX_LINE);
		return HABAR_ERR_LIMIT;
	}

	/* Lines with nothing but ASCII hold no Cyrillic letter. */
	if (icu->to_latin) {
		for (i = 0; i < in_len; i++)
			if ((unsigned char)in[i] >= 0x80)
				break;
		if (i == in_len) {
			if ((status = out_reserve(icu, 0, in_len + 1)) !=
			    HABAR_OK)
				return status;
			memcpy(icu->out, in, in_len);
			icu->out[in_len] = '\0';
			*out = icu->out;
			*out_len = in_len;
			return HABAR_OK;
		}
	}

	/* Long lines go in pieces, so that the word list of a line, the
	 * only thing here that grows with it, stays small. */
	do {
		n = next_piece(in + pos, in_len - pos);
		status = convert_piece(icu, in + pos, n, &used, stats, err,
		    err_size);
		if (status != HABAR_OK)
			return status;
		pos += n;
	} while (pos < in_len);
	if ((status = out_reserve(icu, used, 1)) != HABAR_OK)
		return status;
	icu->out[used] = '\0';
	*out = icu->out;
	*out_len = used;
	return HABAR_OK;
}
