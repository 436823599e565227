/*
 * align_anchor.c: the anchors of a sentence, things that come through
 * translation between Kazakh, Russian and English unchanged or nearly so:
 * runs of digits (numbers, dates, times), URLs and e-mail addresses,
 * telephone numbers, opening quotation marks and brackets, question and
 * exclamation marks, proper names, and cognates.
 *
 * A name is any capitalised word; it is transliterated to lower-case ASCII
 * by ICU (align_icu.c) and reduced to a consonant skeleton, which is the
 * fuzzy comparison: vowels, 'h', 'j' and 'y' dropped (they are where
 * transliterations and case endings differ most), look-alike consonants
 * merged (c k q; v w; f p; s z), doubled letters collapsed, and the first
 * three consonants kept, so that Астана, Астане and Astana, Зуев and
 * Zouev, Трампа and Trump, Вашингтон and Washington agree.  Equal
 * skeletons are equal keys, which lets the dynamic programme compare
 * anchors by merging sorted arrays.  Each distinct word goes through ICU
 * once (a cache), since transliteration is far slower than the rest.
 *
 * A closed-class word of a language of the document (its
 * locales/<lang>/sentence-starters: However, Однако, Бұл) that opens a
 * sentence is no name: capitalised only by its place, it has no partner
 * across a translation, and two sentences with names that share none
 * pay for it.
 *
 * A lower-case word whose skeleton has four consonants or more is a
 * possible cognate (президента, president; референдумда, referendum;
 * парламент, parliament), compared on its first four.  Cognates are weak
 * evidence: they earn a small bonus when shared and cost nothing when not.
 *
 * A word the recogniser's data knows as a month, a weekday or a number
 * (a cue) is handed with its sentence to align_value.c, whose values
 * (the month, the weekday, the spelled number's figure) replace the
 * word's own anchor: "Tuesday" is no name the other side lacks.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/data.h>

#include "align_internal.h"

#define CACHE_MAX (1u << 20)	/* words remembered, at most */
#define WORD_BYTES 64		/* longer capitalised words are not names */
#define LANGS_MAX 8		/* languages whose closed-class words are read */

struct cache_entry {
	char *word;		/* NULL: free slot */
	uint32_t key;		/* 0: no usable skeleton */
	/* The word's fnv() and length: a slot of another word is passed
	 * over without reading its bytes, which are elsewhere in memory. */
	uint32_t hash, len;
	/* A closed-class word of a language read: no name when it opens
	 * a sentence. */
	int closed;
};

struct habar__anchor_cache {
	struct habar__align_icu *icu;	/* borrowed */
	struct habar__align_values *values;	/* NULL: no recogniser */
	struct cache_entry *slots;
	size_t cap, count;
	/* HABAR_ALIGN_SKELETONS set: each sentence's words and skeletons
	 * written on stderr (tests/bench/align_names.py reads them). */
	int trace;
	/* The languages whose closed-class words are in the cache with no
	 * key; words in Latin letters are looked up only when there are. */
	char langs[LANGS_MAX][16];
	size_t nlangs, closed;
};

static uint32_t
fnv(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static uint32_t
make_key(enum habar__anchor_kind kind, const char *s, size_t len)
{
	/* A mark's keys leave bit 28 to the values (HABAR__ANCHOR_VALUE). */
	return ((uint32_t)kind << 29) | (fnv(s, len) &
	    (kind == HABAR__ANCHOR_MARK ? 0x0FFFFFFFu : 0x1FFFFFFFu));
}

/* See align_internal.h. */
uint32_t
habar__anchor_key(unsigned kind, const char *s, size_t len)
{
	if (kind == HABAR__ANCHOR_VALUE)
		return ((uint32_t)HABAR__ANCHOR_VALUE << 28) |
		    (fnv(s, len) & 0x0FFFFFFFu);
	return make_key((enum habar__anchor_kind)kind, s, len);
}

enum habar_status
habar__anchor_cache_new(struct habar__anchor_cache **out,
    struct habar__align_icu *icu, const struct habar_recogniser *rec)
{
	struct habar__anchor_cache *c;

	*out = NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return HABAR_ERR_NOMEM;
	c->cap = 4096;
	if ((c->slots = calloc(c->cap, sizeof(*c->slots))) == NULL ||
	    (rec != NULL && habar__align_values_new(&c->values, rec) !=
	    HABAR_OK)) {
		free(c->slots);
		free(c);
		return HABAR_ERR_NOMEM;
	}
	c->icu = icu;
	c->trace = getenv("HABAR_ALIGN_SKELETONS") != NULL;
	*out = c;
	return HABAR_OK;
}

void
habar__anchor_cache_free(struct habar__anchor_cache *cache)
{
	size_t i;

	if (cache == NULL)
		return;
	for (i = 0; i < cache->cap; i++)
		free(cache->slots[i].word);
	free(cache->slots);
	habar__align_values_free(cache->values);
	free(cache);
}

/*
 * Appends consonant c to the skeleton sk of *n consonants (at most max),
 * look-alikes merged and a double collapsed.
 */
static void
skeleton_add(char *sk, size_t *n, size_t max, char *last, char c)
{
	switch (c) {
	case 'c': case 'q':
		c = 'k';
		break;
	case 'w':
		c = 'v';
		break;
	case 'f':
		c = 'p';
		break;
	case 'z':
		c = 's';
		break;
	default:
		break;
	}
	if (c == *last || *n >= max)
		return;
	sk[(*n)++] = c;
	*last = c;
}

/*
 * Reduces lower-case ASCII to its consonant skeleton in sk, at most max
 * (8 or fewer) consonants; returns their number.  ascii: the word was
 * written in Latin letters, not transliterated from Cyrillic, which
 * tells an English j (John, Джон) from ICU's j for й (Майорга,
 * Mayorga).  Where English and Cyrillic spell a sound apart, both are
 * brought to one letter: an English J and dg, and Cyrillic дж (dz), are
 * g (Jones/Джонс, Rangers/Рейнджерс: g before e is no other sound the
 * skeleton keeps); a first h is g, as Cyrillic writes it Г or Х
 * (Harlem/Гарлем, Hillary/Хиллари); a first u before a vowel is the
 * English W Cyrillic writes У (Wales/Уэльс, Warren/Уоррен, William/
 * Уильям); x is ks (Mexico/Мексика, Alexander/Александр); an English
 * gh after a vowel is silent.
 */
static size_t
skeleton(const char *latin, size_t len, size_t max, char *sk, int ascii)
{
	size_t i, n = 0;
	int first = 1;
	char c, next, last = 0;

	for (i = 0; i < len && n < max; i++) {
		c = latin[i];
		if (c < 'a' || c > 'z')
			continue;
		next = i + 1 < len ? latin[i + 1] : 0;
		if (first) {
			first = 0;
			if (c == 'h') {
				skeleton_add(sk, &n, max, &last, 'g');
				continue;
			}
			if (c == 'u' && strchr("aeio", next) != NULL &&
			    next != 0) {
				skeleton_add(sk, &n, max, &last, 'v');
				continue;
			}
			/* Russian Евр- is the Eur- of English and Kazakh
			 * (Европа, Europe, Еуропа). */
			if (!ascii && c == 'e' && next == 'v' && i + 2 < len &&
			    latin[i + 2] == 'r') {
				i++;
				continue;
			}
		}
		switch (c) {
		case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
		case 'h':
			continue;
		case 'j':
			if (ascii)
				skeleton_add(sk, &n, max, &last, 'g');
			continue;
		case 'x':
			skeleton_add(sk, &n, max, &last, 'k');
			skeleton_add(sk, &n, max, &last, 's');
			continue;
		case 'g':
			/* An English gh after a vowel is silent (Brighton,
			 * Брайтон; Willoughby, Уиллоуби). */
			if (ascii && next == 'h' && i > 0 &&
			    strchr("aeiouy", latin[i - 1]) != NULL) {
				i++;
				continue;
			}
			break;
		case 'd':
			if ((ascii && next == 'g') || (!ascii && next == 'z')) {
				skeleton_add(sk, &n, max, &last, 'g');
				i++;
				continue;
			}
			break;
		default:
			break;
		}
		skeleton_add(sk, &n, max, &last, c);
	}
	return n;
}

/* The key of kind of a skeleton of at most max consonants, or 0 with
 * fewer than min. */
static uint32_t
skeleton_key(const char *latin, size_t len, enum habar__anchor_kind kind,
    size_t min, size_t max, int ascii)
{
	char sk[8];
	size_t n = skeleton(latin, len, max, sk, ascii);

	if (n < min)
		return 0;
	return make_key(kind, sk, n);
}

/* The key of a word, once transliterated (ascii: it needed not be): a
 * name or a cognate. */
static uint32_t
word_key(const char *latin, size_t len, int capital, int ascii)
{
	return capital ? skeleton_key(latin, len, HABAR__ANCHOR_NAME, 2, 3,
	    ascii) : skeleton_key(latin, len, HABAR__ANCHOR_WORD, 4, 4, ascii);
}

static enum habar_status
cache_grow(struct habar__anchor_cache *c)
{
	struct cache_entry *old = c->slots, *slots;
	size_t old_cap = c->cap, i, j;

	if ((slots = calloc(old_cap * 2, sizeof(*slots))) == NULL)
		return HABAR_ERR_NOMEM;
	c->slots = slots;
	c->cap = old_cap * 2;
	for (i = 0; i < old_cap; i++) {
		if (old[i].word == NULL)
			continue;
		j = old[i].hash & (c->cap - 1);
		while (slots[j].word != NULL)
			j = (j + 1) & (c->cap - 1);
		slots[j] = old[i];
	}
	free(old);
	return HABAR_OK;
}

/*
 * The slot of word in the cache: its own, or the free one where it
 * belongs (h: its fnv()).
 */
static struct cache_entry *
cache_slot(struct habar__anchor_cache *c, const char *word, size_t len,
    uint32_t h)
{
	size_t i = h & (c->cap - 1);

	while (c->slots[i].word != NULL && !(c->slots[i].hash == h &&
	    c->slots[i].len == len && memcmp(c->slots[i].word, word,
	    len) == 0))
		i = (i + 1) & (c->cap - 1);
	return &c->slots[i];
}

/* Remembers key for word (h: its fnv()), unless the cache is full. */
static enum habar_status
cache_put(struct habar__anchor_cache *c, const char *word, size_t len,
    uint32_t h, uint32_t key)
{
	struct cache_entry *e = cache_slot(c, word, len, h);
	enum habar_status status;

	if (e->word != NULL) {
		e->key = key;
		return HABAR_OK;
	}
	if (c->count >= CACHE_MAX)
		return HABAR_OK;
	if ((c->count + 1) * 2 > c->cap) {
		if ((status = cache_grow(c)) != HABAR_OK)
			return status;
		e = cache_slot(c, word, len, h);
	}
	if ((e->word = malloc(len + 1)) == NULL)
		return HABAR_ERR_NOMEM;
	memcpy(e->word, word, len);
	e->word[len] = '\0';
	e->key = key;
	e->hash = h;
	e->len = (uint32_t)len;
	e->closed = 0;
	c->count++;
	return HABAR_OK;
}

/* The key of a closed-class word where it does not open a sentence. */
static uint32_t
closed_key(struct habar__anchor_cache *c, const char *word, size_t len)
{
	char latin[WORD_BYTES * 2];
	size_t i;

	for (i = 0; i < len && !((unsigned char)word[i] & 0x80); i++)
		latin[i] = (char)tolower((unsigned char)word[i]);
	if (i == len)
		return word_key(latin, len, 1, 1);
	return word_key(latin, habar__align_icu_latin(c->icu, word, len, latin,
	    sizeof(latin)), 1, 0);
}

/* See align_internal.h. */
enum habar_status
habar__anchor_cache_words(struct habar__anchor_cache *c, const char *lang)
{
	char *path = NULL, line[256];
	FILE *fp = NULL;
	size_t i, len;
	enum habar_status status;

	for (i = 0; i < c->nlangs; i++)
		if (strcmp(c->langs[i], lang) == 0)
			return HABAR_OK;
	if (c->nlangs == LANGS_MAX || strlen(lang) >= sizeof(c->langs[0]))
		return HABAR_OK;
	strcpy(c->langs[c->nlangs++], lang);
	status = habar_data_find_locale(&path, lang, "sentence-starters");
	if (status == HABAR_ERR_NOTFOUND) {
		status = HABAR_OK;
		goto done;
	}
	if (status != HABAR_OK)
		goto done;
	if ((fp = fopen(path, "r")) == NULL)
		goto done;	/* as if the language had no list */
	while (fgets(line, sizeof(line), fp) != NULL) {
		len = strcspn(line, " \t\r\n#");
		if (len == 0 || len > WORD_BYTES)
			continue;
		status = cache_put(c, line, len, fnv(line, len),
		    closed_key(c, line, len));
		if (status != HABAR_OK)
			goto done;
		cache_slot(c, line, len, fnv(line, len))->closed = 1;
		c->closed++;
	}
	if (ferror(fp))
		status = HABAR_ERR_IO;
done:
	if (fp != NULL)
		fclose(fp);
	free(path);
	return status;
}

/*
 * The key of one word (a name when capital is set, else a cognate);
 * words in Latin letters are lower-cased here, others transliterated by
 * ICU through the cache.  A closed-class word of a language read
 * (habar__anchor_cache_words()) has none.
 */
static enum habar_status
name_key(struct habar__anchor_cache *c, const char *word, size_t len,
    int capital, int opening, uint32_t *key)
{
	char latin[WORD_BYTES * 2];
	struct cache_entry *e;
	size_t i, n;
	uint32_t h;

	*key = 0;
	for (i = 0; i < len && !((unsigned char)word[i] & 0x80); i++)
		latin[i] = (char)tolower((unsigned char)word[i]);
	if (i == len) {
		/* Only closed-class words of the languages read are in the
		 * cache in Latin letters: the rest need no ICU. */
		if (capital && opening && c->closed > 0 &&
		    cache_slot(c, word, len, fnv(word, len))->word != NULL)
			return HABAR_OK;
		*key = word_key(latin, len, capital, 1);
		return HABAR_OK;
	}
	h = fnv(word, len);
	if ((e = cache_slot(c, word, len, h))->word != NULL) {
		*key = e->closed && opening ? 0 : e->key;
		return HABAR_OK;
	}
	n = habar__align_icu_latin(c->icu, word, len, latin, sizeof(latin));
	*key = word_key(latin, n, capital, 0);
	return cache_put(c, word, len, h, *key);
}

/*
 * Writes a word's skeleton on stderr for HABAR_ALIGN_SKELETONS: "\tword
 * N skeleton" for a name, W for a cognate; computed again, not through
 * the cache, since the cache keeps only keys.
 */
static void
trace_word(struct habar__anchor_cache *c, const char *word, size_t len,
    int capital)
{
	char latin[WORD_BYTES * 2], sk[8];
	size_t i, n;

	for (i = 0; i < len && !((unsigned char)word[i] & 0x80); i++)
		latin[i] = (char)tolower((unsigned char)word[i]);
	n = i == len ? len : habar__align_icu_latin(c->icu, word, len, latin,
	    sizeof(latin));
	n = skeleton(latin, n, capital ? 3 : 4, sk, i == len);
	fprintf(stderr, "\t%.*s %c %.*s", (int)len, word, capital ? 'N' : 'W',
	    (int)n, sk);
}

static int
is_upper(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return 1;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return 1;
	if (c >= 0x400 && c <= 0x42F)
		return 1;
	/* Cyrillic extensions (Kazakh Ә Ғ Қ Ң Ө Ұ Ү Һ): upper case is even. */
	if (c >= 0x460 && c <= 0x4BF)
		return (c & 1) == 0;
	if (c == 0x4C0)
		return 1;
	if (c >= 0x4C1 && c <= 0x4CE)
		return (c & 1) == 1;
	if (c >= 0x4D0 && c <= 0x52F)
		return (c & 1) == 0;
	return 0;
}

/* The lower case of a letter is_upper() says is a capital. */
static uint32_t
to_lower(uint32_t c)
{
	if (!is_upper(c))
		return c;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c == 0x4C0)
		return 0x4CF;
	if (c >= 0x460)
		return c + 1;
	return c + 0x20;
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

struct keys {
	uint32_t *keys;
	size_t n;
};

static void
add(struct keys *k, uint32_t key)
{
	if (key != 0 && k->n < HABAR__ANCHOR_MAX)
		k->keys[k->n++] = key;
}

/*
 * The length of a thousands separator at s[i] (n bytes in all): a comma,
 * a full stop, a space, a no-break space (U+00A0) or a narrow or thin one
 * (U+202F, U+2009), followed by exactly three digits; 0 if none.
 */
static size_t
group_separator(const unsigned char *s, size_t n, size_t i)
{
	size_t sep = 0, k;

	if (i < n && (s[i] == ',' || s[i] == '.' || s[i] == ' '))
		sep = 1;
	else if (i + 1 < n && s[i] == 0xC2 && s[i + 1] == 0xA0)
		sep = 2;
	else if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 &&
	    (s[i + 2] == 0xAF || s[i + 2] == 0x89))
		sep = 3;
	if (sep == 0 || i + sep + 3 > n)
		return 0;
	for (k = i + sep; k < i + sep + 3; k++)
		if (s[k] < '0' || s[k] > '9')
			return 0;
	if (k < n && s[k] >= '0' && s[k] <= '9')
		return 0;
	return sep;
}

/*
 * Reads the number at s[i] (a digit) and adds its anchor; returns the
 * index after it.  A run of one to three digits followed by groups of
 * three behind a thousands separator is one number: English writes
 * 1,100, Russian 1 100 and Kazakh 1100, which as runs of digits shared
 * nothing.  Leading zeros are dropped (05 and 5 are one day).
 */
static size_t
number_at(struct keys *k, const unsigned char *s, size_t n, size_t i)
{
	char digits[32];
	size_t j = i, nd = 0, first, sep;

	while (j < n && s[j] >= '0' && s[j] <= '9') {
		if (nd < sizeof(digits))
			digits[nd++] = (char)s[j];
		j++;
	}
	if (j - i <= 3)
		while ((sep = group_separator(s, n, j)) > 0) {
			for (j += sep; j < n && s[j] >= '0' && s[j] <= '9'; j++)
				if (nd < sizeof(digits))
					digits[nd++] = (char)s[j];
		}
	first = 0;
	while (first + 1 < nd && digits[first] == '0')
		first++;
	add(k, make_key(HABAR__ANCHOR_NUMBER, digits + first, nd - first));
	return j;
}

/* Whether the token [s, s + len) is a URL or e-mail address. */
static int
is_link(const char *s, size_t len)
{
	const char *at;

	if ((len > 7 && strncmp(s, "http://", 7) == 0) ||
	    (len > 8 && strncmp(s, "https://", 8) == 0) ||
	    (len > 4 && strncmp(s, "www.", 4) == 0))
		return 1;
	at = memchr(s, '@', len);
	return at != NULL && at > s && memchr(at, '.', len - (size_t)(at - s)) !=
	    NULL && at[1] != '.';
}

static void
add_link(struct keys *k, const char *s, size_t len)
{
	char buf[256];
	size_t i, n = 0;

	while (len > 0 && strchr(".,;:!?)]}'\"", s[len - 1]) != NULL)
		len--;
	while (len > 0 && strchr("([{'\"<", s[0]) != NULL) {
		s++;
		len--;
	}
	for (i = 0; i < len && n < sizeof(buf); i++)
		buf[n++] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	if (n > 0)
		add(k, make_key(HABAR__ANCHOR_LINK, buf, n));
}

/*
 * Tries to read a telephone number at s[i] ("+" then digits, spaces,
 * hyphens and brackets holding at least 7 digits).  Returns the index
 * after it, or i when there is none.
 */
static size_t
phone_at(struct keys *k, const char *s, size_t len, size_t i)
{
	char digits[32];
	size_t j = i + 1, nd = 0, end = i;

	if (s[i] != '+')
		return i;
	while (j < len && (strchr("0123456789 ()-", s[j]) != NULL) && s[j] != '\0') {
		if (s[j] >= '0' && s[j] <= '9') {
			if (nd < sizeof(digits))
				digits[nd++] = s[j];
			end = j + 1;
		}
		j++;
	}
	if (nd < 7)
		return i;
	add(k, make_key(HABAR__ANCHOR_PHONE, digits, nd));
	return end;
}

/* See align_internal.h. */
void
habar__anchor_sort(uint32_t *keys, size_t n)
{
	size_t i, j;
	uint32_t v;

	for (i = 1; i < n; i++) {
		v = keys[i];
		for (j = i; j > 0 && keys[j - 1] > v; j--)
			keys[j] = keys[j - 1];
		keys[j] = v;
	}
}

/*
 * The number of distinct keys among the n name keys of inner (sorted in
 * place): the names a sentence holds past its first word.
 */
static size_t
distinct(uint32_t *inner, size_t n)
{
	size_t i, count = 0;

	habar__anchor_sort(inner, n);
	for (i = 0; i < n; i++)
		count += i == 0 || inner[i] != inner[i - 1];
	return count;
}

enum habar_status
habar__anchor_extract(struct habar__anchor_cache *cache, const char *lang,
    const char *text, size_t len, uint32_t *keys_out, size_t *count,
    size_t *names)
{
	const unsigned char *u = (const unsigned char *)text;
	struct keys k;
	struct habar__align_cue cues[HABAR__ALIGN_CUES];
	uint32_t inner[HABAR__ANCHOR_MAX];
	size_t i = 0, j, tok_end, clen, wstart, wlen, ncue = 0, ninner = 0;
	uint32_t cp, key, h;
	unsigned straight_quotes = 0;
	int first_word = 1;
	enum habar_status status;

	k.keys = keys_out;
	k.n = 0;
	*count = 0;
	status = HABAR_OK;
	if (cache->trace) {
		/* One sentence a line, whole even when two threads write. */
		flockfile(stderr);
		fputs("skeletons\t", stderr);
		for (j = 0; j < len; j++)
			putc(strchr("\t\r\n", text[j]) != NULL && text[j] != '\0' ?
			    ' ' : text[j], stderr);
	}
	if (names != NULL)
		*names = 0;
	while (i < len) {
		/* At the start of a token, a URL or e-mail address is one anchor. */
		if (!is_space(u[i]) && (i == 0 || is_space(u[i - 1]))) {
			tok_end = i;
			while (tok_end < len && !is_space(u[tok_end]))
				tok_end++;
			if (is_link(text + i, tok_end - i)) {
				add_link(&k, text + i, tok_end - i);
				i = tok_end;
				continue;
			}
		}
		if (u[i] == '+' && (j = phone_at(&k, text, len, i)) > i) {
			i = j;
			continue;
		}
		if (u[i] >= '0' && u[i] <= '9') {
			i = number_at(&k, u, len, i);
			continue;
		}
		clen = habar__align_char(u + i, len - i, &cp);
		if (cp == 0xAB || cp == 0x201C || cp == 0x201E) {
			add(&k, make_key(HABAR__ANCHOR_MARK, "\"", 1));
		} else if (cp == '"') {
			if (straight_quotes++ % 2 == 0)
				add(&k, make_key(HABAR__ANCHOR_MARK, "\"", 1));
		} else if (cp == '(' || cp == '[') {
			add(&k, make_key(HABAR__ANCHOR_MARK, "(", 1));
		} else if (cp == '?' || cp == '!') {
			add(&k, make_key(HABAR__ANCHOR_MARK, cp == '?' ? "?" : "!",
			    1));
		} else if (habar__align_letter(cp)) {
			/* A word: letters, with inner apostrophes and hyphens;
			 * h hashes its letters, the first in lower case, for
			 * the cue words of the recogniser's values (a word in
			 * capitals is missed: rare, and lowering every letter
			 * of every word cost more than all the values). */
			wstart = i;
			h = habar__align_cue_step(HABAR__ALIGN_CUE_SEED,
			    to_lower(cp));
			j = i + clen;
			while (j < len) {
				size_t l2 = habar__align_char(u + j, len - j,
				    &cp);
				if (!habar__align_letter(cp) && !(cp == '-' &&
				    j + 1 < len &&
				    (u[j + 1] & 0x80 || (u[j + 1] | 32) >= 'a')))
					break;
				h = habar__align_cue_step(h, cp);
				j += l2;
			}
			wlen = j - wstart;
			habar__align_char(u + wstart, len - wstart, &cp);
			key = 0;
			if (wlen <= WORD_BYTES && (is_upper(cp) || wlen >= 5)) {
				status = name_key(cache, text + wstart, wlen,
				    is_upper(cp), first_word, &key);
				if (status != HABAR_OK)
					goto done;
				if (cache->trace && key != 0)
					trace_word(cache, text + wstart, wlen,
					    is_upper(cp));
			}
			/* A month, weekday or number word: its key waits
			 * for what the recogniser makes of it (and it is
			 * not counted among the names). */
			if (cache->values != NULL && ncue < HABAR__ALIGN_CUES &&
			    habar__align_values_cue(cache->values, h)) {
				cues[ncue].start = wstart;
				cues[ncue].end = j;
				cues[ncue++].key = key;
			} else {
				add(&k, key);
				/* A capital opening the sentence may be any
				 * word's; past it, a capital is a name's. */
				if (!first_word && key != 0 && is_upper(cp) &&
				    ninner < HABAR__ANCHOR_MAX)
					inner[ninner++] = key;
			}
			first_word = 0;
			i = j;
			continue;
		}
		i += clen;
	}
	if (ncue > 0) {
		status = habar__align_values_add(cache->values, lang, text, len,
		    cues, ncue, k.keys, &k.n, HABAR__ANCHOR_MAX);
		if (status != HABAR_OK)
			goto done;
	}
	habar__anchor_sort(k.keys, k.n);
	*count = k.n;
	if (names != NULL)
		*names = distinct(inner, ninner);
done:
	if (cache->trace) {
		putc('\n', stderr);
		funlockfile(stderr);
	}
	return status;
}
