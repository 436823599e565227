/*
 * seg.c: sentence segmentation (see habar/seg.h).
 *
 * ICU's sentence rules (UAX #29) are a good start but were not written for
 * press releases: they end a sentence after every "г." or "Mr." followed
 * by a capital, after the "1." of a list, inside "?!» – деп" where Kazakh
 * goes on in lower case, and never after an ellipsis.  So ICU proposes,
 * and the rules here dispose: each candidate boundary is kept or vetoed by
 * looking at the token before it (an abbreviation from
 * locales/<lang>/abbreviations, an initial, a number) and the word after
 * it, and a few boundaries ICU never proposes (after "…") are added.  The
 * data lives in plain files so that a language is added without code.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/data.h>
#include <habar/seg.h>

#include "grow_internal.h"
#include "seg_icu.h"

/* How an abbreviation behaves before a candidate boundary. */
enum abbr_kind {
	ABBR_NONE,		/* not listed */
	ABBR_INNER,		/* never ends a sentence ("Mr.", "т.е.") */
	ABBR_NUMERIC,		/* does not end one before a number ("No. 5") */
	ABBR_AFTER_NUMBER,	/* ends one only after a number ("2005 г.") */
	ABBR_AMBIGUOUS,		/* ends one only before a sentence starter */
	ABBR_END		/* may end one like any word ("etc.", "т.д.") */
};

/* A set of short strings with a kind each: open addressing, linear
 * probing, a power-of-two table kept at most half full. */
struct table_entry {
	char *key;
	size_t len;
	enum abbr_kind kind;
};

struct table {
	struct table_entry *slots;
	size_t nslots;
	size_t count;
};

/* Data files are small lists; this keeps a corrupt file from eating
 * memory. */
#define MAX_ENTRIES 100000
#define MAX_DATA_LINE 256
/* Longer words than this, in letters, are taken for no abbreviation when
 * a word in lower case follows their full stop ("геогр." is five). */
#define MAX_TRUNCATION 5
/* How far the rules look around a candidate boundary, in bytes. */
#define LOOK 128

struct habar_seg {
	struct habar__seg_icu *icu;
	struct table abbrevs;
	struct table starters;	/* words that often open a sentence */
	struct table reporting;	/* "said", "added": after a quotation */
	struct table domains;	/* top-level domains: "kz", "com" */
	struct table final_letters;	/* no abbreviation ends in these */
	char *buf;		/* the paragraph with line breaks as spaces */
	size_t buf_cap;
	int casual;		/* the paragraph opens in lower case */
	struct habar_span *spans;
	size_t nspans;
	size_t spans_cap;
	char error[256];
};

static uint64_t
hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603u;	/* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211u;
	}
	return h;
}

static void
table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->nslots; i++)
		free(t->slots[i].key);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static enum abbr_kind
table_get(const struct table *t, const char *key, size_t len)
{
	size_t i;

	if (t->nslots == 0)
		return ABBR_NONE;
	i = hash_bytes(key, len) & (t->nslots - 1);
	while (t->slots[i].key != NULL) {
		if (t->slots[i].len == len &&
		    memcmp(t->slots[i].key, key, len) == 0)
			return t->slots[i].kind;
		i = (i + 1) & (t->nslots - 1);
	}
	return ABBR_NONE;
}

/* Inserts or replaces key; returns HABAR_OK, HABAR_ERR_LIMIT or
 * HABAR_ERR_NOMEM. */
static enum habar_status
table_put(struct table *t, const char *key, size_t len, enum abbr_kind kind)
{
	size_t i;

	if (t->count >= MAX_ENTRIES)
		return HABAR_ERR_LIMIT;
	if ((t->count + 1) * 2 > t->nslots) {
		struct table bigger;
		size_t n = t->nslots ? t->nslots * 2 : 64;

		if ((bigger.slots = calloc(n, sizeof(*bigger.slots))) == NULL)
			return HABAR_ERR_NOMEM;
		bigger.nslots = n;
		bigger.count = t->count;
		for (i = 0; i < t->nslots; i++) {
			struct table_entry *e = &t->slots[i];
			size_t j;

			if (e->key == NULL)
				continue;
			j = hash_bytes(e->key, e->len) & (n - 1);
			while (bigger.slots[j].key != NULL)
				j = (j + 1) & (n - 1);
			bigger.slots[j] = *e;
		}
		free(t->slots);
		*t = bigger;
	}
	i = hash_bytes(key, len) & (t->nslots - 1);
	while (t->slots[i].key != NULL) {
		if (t->slots[i].len == len &&
		    memcmp(t->slots[i].key, key, len) == 0) {
			t->slots[i].kind = kind;
			return HABAR_OK;
		}
		i = (i + 1) & (t->nslots - 1);
	}
	if ((t->slots[i].key = malloc(len + 1)) == NULL)
		return HABAR_ERR_NOMEM;
	memcpy(t->slots[i].key, key, len);
	t->slots[i].key[len] = '\0';
	t->slots[i].len = len;
	t->slots[i].kind = kind;
	t->count++;
	return HABAR_OK;
}

static enum abbr_kind
parse_kind(const char *word)
{
	if (strcmp(word, "inner") == 0)
		return ABBR_INNER;
	if (strcmp(word, "numeric") == 0)
		return ABBR_NUMERIC;
	if (strcmp(word, "after-number") == 0)
		return ABBR_AFTER_NUMBER;
	if (strcmp(word, "ambiguous") == 0)
		return ABBR_AMBIGUOUS;
	if (strcmp(word, "end") == 0)
		return ABBR_END;
	return ABBR_NONE;
}

/*
 * Reads the list file name of lang into t: one entry a line, "#" starts a
 * comment, an optional second field gives the kind (abbreviations only).
 * A missing file is an error only when required.
 */
static enum habar_status
load_list(struct habar_seg *seg, struct table *t, const char *lang,
    const char *name, int required, int with_kind)
{
	char *path = NULL, line[MAX_DATA_LINE + 2];
	FILE *fp = NULL;
	unsigned long number = 0;
	enum habar_status status;

	status = habar_data_find_locale(&path, lang, name);
	if (status == HABAR_ERR_NOTFOUND && !required) {
		status = HABAR_OK;
		goto done;
	}
	if (status != HABAR_OK) {
		snprintf(seg->error, sizeof(seg->error),
		    "locales/%s/%s: %s", lang, name,
		    habar_status_string(status));
		goto done;
	}
	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(seg->error, sizeof(seg->error), "%s: %s", path,
		    strerror(errno));
		status = HABAR_ERR_IO;
		goto done;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *word, *kind_word, *save = NULL, *hash;
		enum abbr_kind kind = ABBR_INNER;

		number++;
		if (strchr(line, '\n') == NULL && !feof(fp)) {
			snprintf(seg->error, sizeof(seg->error),
			    "%s:%lu: line longer than %zu bytes (the limit)",
			    path, number, sizeof(line) - 2);
			status = HABAR_ERR_INPUT;
			goto done;
		}
		if ((hash = strchr(line, '#')) != NULL)
			*hash = '\0';
		if ((word = strtok_r(line, " \t\r\n", &save)) == NULL)
			continue;
		kind_word = strtok_r(NULL, " \t\r\n", &save);
		if (kind_word != NULL) {
			kind = parse_kind(kind_word);
			if (!with_kind || kind == ABBR_NONE ||
			    strtok_r(NULL, " \t\r\n", &save) != NULL) {
				snprintf(seg->error, sizeof(seg->error),
				    "%s:%lu: unexpected '%s'", path, number,
				    kind_word);
				status = HABAR_ERR_INPUT;
				goto done;
			}
		}
		status = table_put(t, word, strlen(word), kind);
		if (status != HABAR_OK) {
			snprintf(seg->error, sizeof(seg->error), "%s:%lu: %s",
			    path, number, habar_status_string(status));
			goto done;
		}
	}
	if (ferror(fp)) {
		snprintf(seg->error, sizeof(seg->error), "%s: read error",
		    path);
		status = HABAR_ERR_IO;
	}
done:
	if (fp != NULL)
		fclose(fp);
	free(path);
	return status;
}

enum habar_status
habar_seg_new(struct habar_seg **seg_out, const char *lang)
{
	struct habar_seg *seg = NULL;
	enum habar_status status;
	char err[256], tag[33];
	size_t i;

	*seg_out = NULL;
	if (lang == NULL || lang[0] == '\0' || strlen(lang) >= sizeof(tag))
		return HABAR_ERR_ARGUMENT;
	/* "kk_KZ", as POSIX locales write it, is the BCP 47 "kk-KZ". */
	for (i = 0; lang[i] != '\0'; i++) {
		char c = lang[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return HABAR_ERR_ARGUMENT;
		tag[i] = c == '_' ? '-' : c;
	}
	tag[i] = '\0';
	lang = tag;
	if ((seg = calloc(1, sizeof(*seg))) == NULL)
		return HABAR_ERR_NOMEM;
	/*
	 * Plain ICU rules, without its "ss=standard" suppressions: the
	 * abbreviation lists here decide, with the context ICU's
	 * suppressions ignore (what follows, a number before).
	 */
	status = habar__seg_icu_new(&seg->icu, lang, err, sizeof(err));
	if (status != HABAR_OK)
		goto done;
	/* The root list (Latin abbreviations, titles met in every
	 * language), then the language's own, whose kinds win. */
	status = load_list(seg, &seg->abbrevs, "root", "abbreviations", 1, 1);
	if (status == HABAR_OK)
		status = load_list(seg, &seg->abbrevs, lang, "abbreviations",
		    1, 1);
	if (status != HABAR_OK)
		goto done;
	status = load_list(seg, &seg->starters, lang, "sentence-starters", 0,
	    0);
	if (status == HABAR_OK)
		status = load_list(seg, &seg->reporting, lang,
		    "reporting-verbs", 0, 0);
	if (status == HABAR_OK)
		status = load_list(seg, &seg->domains, "root",
		    "top-level-domains", 0, 0);
	if (status == HABAR_OK)
		status = load_list(seg, &seg->final_letters, lang,
		    "abbreviation-endings", 0, 0);
done:
	if (status != HABAR_OK) {
		habar_seg_free(seg);
		return status;
	}
	*seg_out = seg;
	return HABAR_OK;
}

void
habar_seg_free(struct habar_seg *seg)
{
	if (seg == NULL)
		return;
	habar__seg_icu_free(seg->icu);
	table_free(&seg->abbrevs);
	table_free(&seg->starters);
	table_free(&seg->reporting);
	table_free(&seg->domains);
	table_free(&seg->final_letters);
	free(seg->buf);
	free(seg->spans);
	free(seg);
}

const char *
habar_seg_error(const struct habar_seg *seg)
{
	return seg == NULL ? "" : seg->error;
}

/*
 * Decodes the UTF-8 character at s[i] (i < len) into *cp and returns its
 * length in bytes, at least 1; an invalid sequence decodes as U+FFFD one
 * byte long.
 */
static inline size_t
utf8_at(const unsigned char *s, size_t len, size_t i, int32_t *cp)
{
	unsigned char c = s[i];
	size_t n, k;
	int32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
		min = 0x10000;
	} else
		goto invalid;
	if (n > len - i)
		goto invalid;
	for (k = 1; k < n; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			goto invalid;
		v = (v << 6) | (s[i + k] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		goto invalid;
	*cp = v;
	return n;
invalid:
	*cp = 0xFFFD;
	return 1;
}

/* Returns the offset of the character that ends at s[i] (0 < i). */
static size_t
utf8_before(const unsigned char *s, size_t len, size_t i)
{
	size_t j = i - 1, back;
	int32_t cp;

	for (back = 0; back < 3 && j > 0 && (s[j] & 0xC0) == 0x80; back++)
		j--;
	if (utf8_at(s, len, j, &cp) == i - j)
		return j;
	return i - 1;
}

static inline enum habar__seg_class
class_of(int32_t cp)
{
	if (cp < 0x80) {
		/* The common case without a call into ICU. */
		if (cp == ' ' || (cp >= '\t' && cp <= '\r'))
			return HABAR__SEG_SPACE;
		if (cp >= 'a' && cp <= 'z')
			return HABAR__SEG_LOWER;
		if (cp >= 'A' && cp <= 'Z')
			return HABAR__SEG_UPPER;
		if (cp >= '0' && cp <= '9')
			return HABAR__SEG_DIGIT;
	} else if (cp >= 0x400 && cp <= 0x4FF && (cp < 0x482 || cp > 0x489)) {
		/*
		 * Cyrillic letters, Kazakh ones included, without a call into
		 * ICU: capitals, then small letters, then pairs of capital and
		 * small letter (checked against u_charType() for the whole
		 * block when this was written).
		 */
		if (cp < 0x430 || cp == 0x4C0)
			return HABAR__SEG_UPPER;
		if (cp < 0x460 || cp == 0x4CF)
			return HABAR__SEG_LOWER;
		if (cp >= 0x4C1 && cp <= 0x4CE)
			return (cp & 1) ? HABAR__SEG_UPPER : HABAR__SEG_LOWER;
		return (cp & 1) ? HABAR__SEG_LOWER : HABAR__SEG_UPPER;
	}
	return habar__seg_icu_class(cp);
}

static int
is_space_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
	int32_t cp;

	*n = utf8_at(s, len, i, &cp);
	return class_of(cp) == HABAR__SEG_SPACE;
}

/* Punctuation that may surround a word without changing where a sentence
 * ends: quotes, brackets, dashes. */
static int
is_wrapper(enum habar__seg_class c)
{
	return c == HABAR__SEG_OPEN || c == HABAR__SEG_CLOSE ||
	    c == HABAR__SEG_DASH;
}

/* What follows a candidate boundary. */
struct next_word {
	enum habar__seg_class first;	/* class of its first letter or digit */
	size_t start, len;		/* the word, letters only */
};

/*
 * Looks past white space and wrapping punctuation from b for the first
 * letter or digit, at most LOOK bytes on; stores its class (OTHER when
 * none) and the run of letters it starts.
 */
static void
next_word_at(const unsigned char *s, size_t len, size_t b,
    struct next_word *w)
{
	size_t i = b, limit = len - b > LOOK ? b + LOOK : len, n;
	int32_t cp;
	enum habar__seg_class c;

	w->first = HABAR__SEG_OTHER;
	w->start = w->len = 0;
	while (i < limit) {
		n = utf8_at(s, len, i, &cp);
		c = class_of(cp);
		if (c == HABAR__SEG_UPPER || c == HABAR__SEG_LOWER ||
		    c == HABAR__SEG_LETTER || c == HABAR__SEG_DIGIT)
			break;
		if (c != HABAR__SEG_SPACE && !is_wrapper(c))
			return;
		i += n;
	}
	if (i >= limit)
		return;
	w->first = c;
	w->start = i;
	while (i < limit) {
		n = utf8_at(s, len, i, &cp);
		c = class_of(cp);
		if (c != HABAR__SEG_UPPER && c != HABAR__SEG_LOWER &&
		    c != HABAR__SEG_LETTER)
			break;
		i += n;
	}
	w->len = i - w->start;
}

/* Whether cp is an ASCII character of set (never NUL). */
static int
ascii_in(int32_t cp, const char *set)
{
	return cp > 0 && cp < 0x80 && strchr(set, (int)cp) != NULL;
}

/*
 * Returns where the sentence after a candidate boundary b really starts:
 * past tokens of closing quotes, which belong to the sentence before
 * ("қуанады. »", "?», – деп").  Emoji go with the sentence before only at
 * the end of the paragraph ("Безумно красиво! 😍😍😍"); followed by more
 * text, they open the next one ("✔ К середине зимы...").
 */
static size_t
skip_trailers(const unsigned char *s, size_t len, size_t b)
{
	size_t i = b, n, tok, first_symbol = len;
	int32_t cp;

	while (i < len && i - b < LOOK) {
		enum habar__seg_class c;

		tok = i;
		n = utf8_at(s, len, i, &cp);
		c = class_of(cp);
		if (c != HABAR__SEG_CLOSE && c != HABAR__SEG_SYMBOL)
			goto text_follows;
		/* The rest of the token: more of the same, joiners,
		 * variation selectors and trailing punctuation. */
		while (i < len) {
			n = utf8_at(s, len, i, &cp);
			c = class_of(cp);
			if (c == HABAR__SEG_SPACE)
				break;
			if (c == HABAR__SEG_SYMBOL && first_symbol == len)
				first_symbol = tok;
			if (c != HABAR__SEG_CLOSE && c != HABAR__SEG_SYMBOL &&
			    cp != 0x200D && cp != 0xFE0F && cp != 0x20E3 &&
			    !(cp >= 0x1F3FB && cp <= 0x1F3FF) &&
			    !ascii_in(cp, ",;:.!?"))
				goto text_follows;
			i += n;
		}
		while (i < len && is_space_at(s, len, i, &n))
			i += n;
	}
	if (i >= len)
		return len;
	return b;	/* too long a run to judge */
text_follows:
	return first_symbol < tok ? first_symbol : tok;
}

/* Whether a number starts at s[b], maybe signed or bracketed: "+7 (7172)",
 * "(7172)", "№ 5", "#3". */
static int
number_at(const unsigned char *s, size_t len, size_t b)
{
	size_t i = b;

	if (i < len && strchr("+(#", s[i]) != NULL && s[i] != '\0')
		i++;
	else if (len - i >= 2 && s[i] == 0xE2 && s[i + 1] == 0x84 &&
	    len - i >= 3 && s[i + 2] == 0x96)
		i += 3;		/* № */
	while (i < len && s[i] == ' ')
		i++;
	return i < len && s[i] >= '0' && s[i] <= '9';
}

/* Whether a web address starts at s[b]. */
static int
url_at(const unsigned char *s, size_t len, size_t b)
{
	static const char *const prefixes[] = { "http://", "https://", "www." };
	size_t i, n;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		n = strlen(prefixes[i]);
		if (len - b >= n && memcmp(s + b, prefixes[i], n) == 0)
			return 1;
	}
	return 0;
}

/* Whether a user name of a social network starts at s[b]: "@anna",
 * "@screened-18". */
static int
handle_at(const unsigned char *s, size_t len, size_t b)
{
	unsigned char c;

	if (len - b < 2 || s[b] != '@')
		return 0;
	c = s[b + 1];
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* Whether token s[0..len) (ending in '.') is one or more upper-case
 * letters each followed by a full stop: "А.", "Н.Ә.", "U.S.". */
static int
is_initials(const unsigned char *s, size_t len, size_t *letters)
{
	size_t i = 0, n;
	int32_t cp;

	*letters = 0;
	while (i < len) {
		n = utf8_at(s, len, i, &cp);
		if (class_of(cp) != HABAR__SEG_UPPER)
			return 0;
		i += n;
		if (i >= len || s[i] != '.')
			return 0;
		i++;
		++*letters;
	}
	return *letters > 0;
}

/* Whether token s[0..len) (ending in '.') is a number: digits with
 * separators such as "2005.", "1.", "24–25.", "3,5.". */
static int
is_number(const unsigned char *s, size_t len, size_t *digits)
{
	size_t i = 0, n;
	int32_t cp;

	*digits = 0;
	while (i + 1 < len) {
		n = utf8_at(s, len, i, &cp);
		if (class_of(cp) == HABAR__SEG_DIGIT)
			++*digits;
		else if (cp != '.' && cp != ',' && cp != '-' && cp != '/' &&
		    cp != 0x2013)
			return 0;
		i += n;
	}
	return *digits > 0;
}

/* Whether the token ending just before s[i] is a number, Arabic or Roman. */
static int
number_before(const unsigned char *s, size_t len, size_t from, size_t i)
{
	size_t j = i, n, digits = 0, roman = 0;
	int32_t cp;

	while (j > from && is_space_at(s, len, utf8_before(s, len, j), &n))
		j = utf8_before(s, len, j);
	if (j == i)
		return 0;
	while (j > from && i - j < LOOK) {
		size_t k = utf8_before(s, len, j);
		utf8_at(s, len, k, &cp);
		if (class_of(cp) == HABAR__SEG_DIGIT)
			digits++;
		else if (cp != '-' && cp != 0x2013 && cp != '/' &&
		    !ascii_in(cp, "IVXLCDM"))
			break;
		if (ascii_in(cp, "IVXLCDM"))
			roman++;
		j = k;
	}
	/* Digits with dashes ("1990-2000 гг."), or a Roman numeral alone
	 * ("XX в."). */
	if (digits > 0 ? roman > 0 : roman == 0)
		return 0;
	return j == from || is_space_at(s, len, utf8_before(s, len, j), &n);
}

/*
 * Looks up token s[0..len) in the abbreviations; a token opening a
 * sentence (initial) is also looked up with its first letter in lower case
 * ("См." as "см."), but an initial "P." never as "p.".
 */
static enum abbr_kind
abbrev_kind(const struct habar_seg *seg, const unsigned char *s, size_t len,
    int initial)
{
	enum abbr_kind kind;
	char lower[LOOK + 8];
	int32_t cp, lc;
	size_t n;

	if ((kind = table_get(&seg->abbrevs, (const char *)s, len)) != ABBR_NONE)
		return kind;
	if (!initial)
		return ABBR_NONE;
	n = utf8_at(s, len, 0, &cp);
	if (n + 1 >= len)
		return ABBR_NONE;
	lc = habar__seg_icu_tolower(cp);
	if (lc == cp || len > LOOK || lc >= 0x800)
		return ABBR_NONE;
	if (lc < 0x80) {
		lower[0] = (char)lc;
		memcpy(lower + 1, s + n, len - n);
		return table_get(&seg->abbrevs, lower, 1 + len - n);
	}
	lower[0] = (char)(0xC0 | (lc >> 6));
	lower[1] = (char)(0x80 | (lc & 0x3F));
	memcpy(lower + 2, s + n, len - n);
	return table_get(&seg->abbrevs, lower, 2 + len - n);
}

/*
 * Looks up an abbreviation written with a space, "т. д." as "т.д.": the
 * token s[ts..t) and the one before it, both short and ending in '.'.
 */
static enum abbr_kind
spaced_abbrev_kind(const struct habar_seg *seg, const unsigned char *s,
    size_t len, size_t first, size_t ts, size_t t)
{
	char joined[32];
	size_t ps, pe, n;

	if (t - ts > 8 || ts < first + 3)
		return ABBR_NONE;
	pe = ts;
	if (!is_space_at(s, len, pe - 1, &n))
		return ABBR_NONE;
	while (pe > first && is_space_at(s, len, pe - 1, &n))
		pe--;
	if (pe == first || s[pe - 1] != '.')
		return ABBR_NONE;
	ps = pe;
	while (ps > first && !is_space_at(s, len, ps - 1, &n) && pe - ps <= 8)
		ps--;
	if (pe - ps > 8 || pe - ps + t - ts >= sizeof(joined))
		return ABBR_NONE;
	memcpy(joined, s + ps, pe - ps);
	memcpy(joined + (pe - ps), s + ts, t - ts);
	return abbrev_kind(seg, (const unsigned char *)joined,
	    pe - ps + t - ts, ps == first);
}

/*
 * Whether the next word opens sentences more often than it follows an
 * initial or an abbreviation.  A single letter with a full stop is an
 * initial whatever it is: "А. В. Зуев" although "В" opens many sentences.
 */
static int
starter_next(const struct habar_seg *seg, const unsigned char *s, size_t len,
    const struct next_word *next)
{
	int32_t cp;

	if (next->len == 0)
		return 0;
	if (next->start + next->len < len && s[next->start + next->len] ==
	    '.' && utf8_at(s, len, next->start, &cp) == next->len)
		return 0;
	return table_get(&seg->starters, (const char *)s + next->start,
	    next->len) != ABBR_NONE;
}

/* The script of the letter cp, as far as the rules need: Latin, Cyrillic
 * or another (0). */
static int
script_of(int32_t cp)
{
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 0xC0 && cp < 0x250 && cp != 0xD7 && cp != 0xF7))
		return 1;
	if (cp >= 0x400 && cp < 0x530)
		return 2;
	return 0;
}

/* Whether the initial at s[ts] and the next word are letters of two
 * different scripts, Latin and Cyrillic. */
static int
other_script(const unsigned char *s, size_t len, size_t ts,
    const struct next_word *next)
{
	int32_t a, b;
	int sa, sb;

	if (next->len == 0)
		return 0;
	utf8_at(s, len, ts, &a);
	utf8_at(s, len, next->start, &b);
	sa = script_of(a);
	sb = script_of(b);
	return sa != 0 && sb != 0 && sa != sb;
}

/*
 * Whether the words from next are one or two capitalised words and a
 * reporting verb: after a quotation closing with "!" or "?", "Hammel
 * added." goes on the sentence.
 */
static int
reported_speech(const struct habar_seg *seg, const unsigned char *s,
    size_t len, const struct next_word *next)
{
	struct next_word w = *next;
	int names;

	if (seg->reporting.count == 0)
		return 0;
	for (names = 0; names < 3; names++) {
		size_t end = w.start + w.len;

		if (w.len == 0)
			return 0;
		if (w.first == HABAR__SEG_LOWER)
			return names > 0 && table_get(&seg->reporting,
			    (const char *)s + w.start, w.len) != ABBR_NONE;
		/* "'...this now?' She said no one..." opens a sentence. */
		if (w.first != HABAR__SEG_UPPER || end >= len || s[end] != ' ' ||
		    table_get(&seg->starters, (const char *)s + w.start,
		    w.len) != ABBR_NONE)
			return 0;
		next_word_at(s, len, end, &w);
	}
	return 0;
}

/*
 * Decides whether a sentence that began at from may end before b0, where
 * ICU or add_extra_boundaries() proposed a boundary, and stores in *start
 * where the next sentence would start (b0, or past closing quotes and
 * emoji that stay with the sentence before).  s is the paragraph with line
 * breaks as spaces.
 */
static int
keep_boundary(const struct habar_seg *seg, const unsigned char *s,
    size_t len, size_t from, size_t b0, size_t *start)
{
	size_t b = skip_trailers(s, len, b0);
	size_t e, t, ts, n, count, first = from;
	struct next_word next;
	enum abbr_kind kind;
	int32_t cp;

	/* A boundary needs white space: "page?id=5", "Yahoo!News". */
	*start = b;
	e = b0;
	while (e > from && is_space_at(s, len, utf8_before(s, len, e), &n))
		e = utf8_before(s, len, e);
	if (e == b0 || e == from || b >= len)
		return 0;
	/*
	 * No sentence starts in lower case: "?!» – деп тілейтін", unless
	 * the writer never uses capitals ("where did you grow up? india?"),
	 * as a paragraph opening in lower case shows.  A question or an
	 * exclamation mark without quotes or dash ("huh? yuck") and an
	 * address ("Well worth a visit. http://...") also end one.
	 */
	next_word_at(s, len, b, &next);
	if (next.first == HABAR__SEG_LOWER && !seg->casual &&
	    !url_at(s, len, b) && !((s[e - 1] == '?' || s[e - 1] == '!') &&
	    next.start == b))
		return 0;
	/* The terminal punctuation, before any closing quotes. */
	t = e;
	while (t > from) {
		size_t k = utf8_before(s, len, t);
		utf8_at(s, len, k, &cp);
		if (!is_wrapper(class_of(cp)))
			break;
		t = k;
	}
	if (t == from)
		return 1;
	if (s[t - 1] == '!' || s[t - 1] == '?')
		return t == e || !reported_speech(seg, s, len, &next);
	if (s[t - 1] != '.')
		return 1;
	/* The token that the full stop ends, without opening punctuation. */
	ts = t;
	while (ts > from && t - ts < LOOK) {
		size_t k = utf8_before(s, len, ts);
		if (is_space_at(s, len, k, &n))
			break;
		ts = k;
	}
	while (ts < t) {
		n = utf8_at(s, len, ts, &cp);
		if (!is_wrapper(class_of(cp)))
			break;
		ts += n;
	}
	if (t - ts >= 2 && s[t - 2] == '.')
		return 1;	/* an ellipsis "..." */
	/* Where the sentence's first token starts. */
	while (first < ts && is_space_at(s, len, first, &n))
		first += n;
	kind = spaced_abbrev_kind(seg, s, len, first, ts, t);
	if (kind == ABBR_NONE)
		kind = abbrev_kind(seg, s + ts, t - ts, ts == first);
	switch (kind) {
	case ABBR_INNER:
		return 0;
	case ABBR_NUMERIC:
		return next.first != HABAR__SEG_DIGIT && !number_at(s, len, b);
	case ABBR_AFTER_NUMBER:
		return number_before(s, len, from, ts);
	case ABBR_AMBIGUOUS:
		return starter_next(seg, s, len, &next);
	case ABBR_END:
		return 1;
	case ABBR_NONE:
		break;
	}
	if (is_initials(s + ts, t - ts, &count)) {
		/* "А. Зуев", "U.S. President", but "in the U.S. The", and
		 * a name is written in the script of its initials: "суда
		 * D.C. Пелоси" ends a sentence. */
		return starter_next(seg, s, len, &next) ||
		    other_script(s, len, ts, &next);
	}
	if (is_number(s + ts, t - ts, &count) && ts == first && count <= 3)
		return 0;	/* a list item "1." */
	return 1;
}

/* Appends the sentence s[start..end) trimmed of white space, if any is
 * left.  Returns HABAR_OK or HABAR_ERR_NOMEM. */
static enum habar_status
add_span(struct habar_seg *seg, size_t start, size_t end)
{
	const unsigned char *s = (const unsigned char *)seg->buf;
	size_t n;
	enum habar_status status;

	while (start < end && is_space_at(s, end, start, &n))
		start += n;
	while (end > start) {
		size_t k = utf8_before(s, end, end);
		if (!is_space_at(s, end, k, &n))
			break;
		end = k;
	}
	if (start == end)
		return HABAR_OK;
	status = habar__grow((void **)&seg->spans, &seg->spans_cap,
	    seg->nspans + 1, sizeof(*seg->spans), 64);
	if (status != HABAR_OK)
		return status;
	seg->spans[seg->nspans].start = start;
	seg->spans[seg->nspans].len = end - start;
	seg->nspans++;
	return HABAR_OK;
}

/*
 * Copies text into seg->buf with every line break turned into spaces of
 * the same length in bytes, so that offsets stay those of the caller.
 */
static enum habar_status
copy_paragraph(struct habar_seg *seg, const char *text, size_t len)
{
	static const unsigned char breaks[] = {
		'\n', '\r', '\v', '\f', 0xC2, 0xE2
	};
	unsigned char *d;
	size_t k;
	enum habar_status status;

	status = habar__grow((void **)&seg->buf, &seg->buf_cap, len + 1, 1,
	    4096);
	if (status != HABAR_OK)
		return status;
	if (len > 0)
		memcpy(seg->buf, text, len);
	seg->buf[len] = '\0';
	/* One memchr() pass a byte value is much faster than looking at
	 * every byte in C, and line breaks are rare. */
	d = (unsigned char *)seg->buf;
	for (k = 0; k < sizeof(breaks); k++) {
		unsigned char *p = d, *end = d + len;

		while (p < end && (p = memchr(p, breaks[k], end - p)) != NULL) {
			size_t left = end - p;

			if (breaks[k] < 0x80)
				*p = ' ';
			else if (breaks[k] == 0xC2 && left >= 2 && p[1] == 0x85)
				p[0] = p[1] = ' ';	/* NEL */
			else if (breaks[k] == 0xE2 && left >= 3 &&
			    p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
				p[0] = p[1] = p[2] = ' ';	/* LS, PS */
			p++;
		}
	}
	return HABAR_OK;
}

/*
 * Whether a full stop at s[dot] ends a plain word of at least two letters,
 * the last in lower case, maybe in quotes, that is no abbreviation: "now."
 * and "«Уэст»." but not "ст.", "2005." or "А.".
 */
static int
plain_word_before(const struct habar_seg *seg, const unsigned char *s,
    size_t len, size_t from, size_t dot)
{
	size_t ts = dot, letters = 0, n;
	int32_t cp;

	while (ts > from && dot - ts < LOOK) {
		size_t k = utf8_before(s, len, ts);
		enum habar__seg_class c;

		utf8_at(s, len, k, &cp);
		c = class_of(cp);
		if (c == HABAR__SEG_SPACE)
			break;
		if (c == HABAR__SEG_LOWER || c == HABAR__SEG_UPPER ||
		    c == HABAR__SEG_LETTER) {
			if (letters == 0 && c != HABAR__SEG_LOWER)
				return 0;
			letters++;
		} else if (!is_wrapper(c))
			return 0;	/* a number, "e-mail.", "a/b." */
		ts = k;
	}
	while (ts < dot) {
		n = utf8_at(s, len, ts, &cp);
		if (!is_wrapper(class_of(cp)))
			break;
		ts += n;
	}
	return letters >= 2 &&
	    abbrev_kind(seg, s + ts, dot + 1 - ts, ts == from) == ABBR_NONE;
}

/* Whether s[from..to) holds opening brackets or quotes only: "«103»",
 * and the ”6 that Kazakh text often opens with. */
static int
opening_only(const unsigned char *s, size_t len, size_t from, size_t to)
{
	size_t n;
	int32_t cp;

	while (from < to) {
		enum habar__seg_class c;

		n = utf8_at(s, len, from, &cp);
		c = class_of(cp);
		if (c != HABAR__SEG_OPEN && (c != HABAR__SEG_CLOSE ||
		    ascii_in(cp, ")]}")))
			return 0;
		from += n;
	}
	return 1;
}

/*
 * Whether the word before the full stop at s[dot] (a plain word, see
 * plain_word_before()) cannot be an abbreviation the lists lack: it ends
 * in a letter that no abbreviation of the language ends in
 * (locales/<lang>/abbreviation-endings: Russian and Kazakh cut a word
 * before a vowel, never after "й" or "ь", so "гос." and "драм." may be
 * abbreviations and "было." and "жоқ." may not), or it is longer than
 * abbreviations are.  A language without that file relies on its list of
 * abbreviations alone.
 */
static int
unabbreviated_word_before(const struct habar_seg *seg, const unsigned char *s,
    size_t len, size_t from, size_t dot)
{
	size_t k = dot, letters = 0, last = 0, n;
	int32_t cp;

	while (k > from) {
		size_t j = utf8_before(s, len, k);
		enum habar__seg_class c;

		n = utf8_at(s, len, j, &cp);
		c = class_of(cp);
		if (c != HABAR__SEG_LOWER && c != HABAR__SEG_UPPER &&
		    c != HABAR__SEG_LETTER) {
			if (letters > 0 || !is_wrapper(c))
				break;
		} else if (letters++ == 0)
			last = j;
		k = j;
	}
	if (letters == 0)
		return 0;
	if (seg->final_letters.count == 0 || letters > MAX_TRUNCATION)
		return 1;
	n = utf8_at(s, len, last, &cp);
	return table_get(&seg->final_letters, (const char *)s + last, n) !=
	    ABBR_NONE;
}

/*
 * Whether the full stop at s[dot], before a word in lower case, ends a
 * sentence: it closes a plain word that cannot be an abbreviation
 * (plain_word_before(), unabbreviated_word_before()), a word in capitals
 * that cannot be one either ("LMAO."), a number of four digits or more
 * without separators, which no list item or section number is ("1927.",
 * "01634 710033.", not "15.4.1."), or it stands apart after a word of two
 * letters or more in lower case, as no abbreviation's full stop does
 * ("very friendly . and").  In a paragraph written without capitals
 * (seg->casual) any plain word that is not listed will do.
 */
static int
sentence_end_before(const struct habar_seg *seg, const unsigned char *s,
    size_t len, size_t from, size_t dot)
{
	size_t ts = dot, k, n, count, letters = 0, upper = 0;
	int32_t cp;

	/* A writer who uses no capitals hardly cuts words short either. */
	if (plain_word_before(seg, s, len, from, dot))
		return seg->casual ||
		    unabbreviated_word_before(seg, s, len, from, dot);
	if (dot == from)
		return 0;
	k = utf8_before(s, len, dot);
	if (is_space_at(s, len, k, &n)) {
		/* A detached full stop: the word before the spaces. */
		ts = k;
		while (ts > from && is_space_at(s, len,
		    utf8_before(s, len, ts), &n))
			ts = utf8_before(s, len, ts);
		while (ts > from && dot - ts < LOOK) {
			enum habar__seg_class c;

			k = utf8_before(s, len, ts);
			utf8_at(s, len, k, &cp);
			c = class_of(cp);
			if (c != HABAR__SEG_LOWER && c != HABAR__SEG_UPPER &&
			    c != HABAR__SEG_LETTER)
				break;
			if (letters++ == 0 && c != HABAR__SEG_LOWER)
				return 0;	/* "ESC . xx" */
			ts = k;
		}
		return letters >= 2;
	}
	/* The token the full stop ends. */
	while (ts > from && dot - ts < LOOK) {
		k = utf8_before(s, len, ts);
		if (is_space_at(s, len, k, &n))
			break;
		ts = k;
	}
	if (is_number(s + ts, dot + 1 - ts, &count))
		return count >= 4 && count == dot - ts;	/* not "15.4.1.3." */
	for (k = ts; k < dot; k += n) {
		n = utf8_at(s, len, k, &cp);
		switch (class_of(cp)) {
		case HABAR__SEG_UPPER:
			upper++;
			break;
		case HABAR__SEG_LOWER:
		case HABAR__SEG_LETTER:
		case HABAR__SEG_DIGIT:
			return 0;
		default:
			if (upper > 0)
				return 0;	/* "U.S.", "PVT.)" */
			break;
		}
	}
	return upper >= 2 && abbrev_kind(seg, s + ts, dot + 1 - ts,
	    ts == from) == ABBR_NONE &&
	    unabbreviated_word_before(seg, s, len, from, dot);
}

/*
 * Whether the full stop at s[dot] and the word next, in lower case, are a
 * domain name broken by a space: a Latin word before, and after it a
 * top-level domain (locales/root/top-level-domains) standing alone:
 * "enbek. kz порталы", "eGov. kz".
 */
static int
broken_domain(const struct habar_seg *seg, const unsigned char *s,
    size_t len, size_t from, size_t dot, const struct next_word *next)
{
	size_t end = next->start + next->len, k;

	if (dot == from || next->len > 8 || table_get(&seg->domains,
	    (const char *)s + next->start, next->len) == ABBR_NONE)
		return 0;
	if (end < len && s[end] != ' ' && s[end] != '/' && s[end] != ',' &&
	    s[end] != '.')
		return 0;
	k = dot - 1;	/* the letter before the full stop: Latin? */
	return (s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z');
}

/* Whether s[b] starts emoji or other symbols that text follows, which
 * open the sentence of that text (see skip_trailers()). */
static int
symbol_opens(const unsigned char *s, size_t len, size_t b)
{
	int32_t cp;

	utf8_at(s, len, b, &cp);
	return class_of(cp) == HABAR__SEG_SYMBOL &&
	    skip_trailers(s, len, b) == b;
}

/*
 * Looks at the possible sentence end at s[i] ('.', '!', '?' or the lead
 * byte of "…") for a boundary ICU does not propose; returns 1 and stores
 * where the next sentence starts in *start if there is one.
 */
static int
extra_boundary_at(const struct habar_seg *seg, size_t len, size_t from,
    size_t i, size_t to, size_t *start)
{
	const unsigned char *s = (const unsigned char *)seg->buf;
	int ellipsis = 0, sterm = 0, closed, dash;
	struct next_word next;
	size_t d, n, q;
	int32_t cp;

	if (s[i] == '.')
		;
	else if (s[i] == '!' || s[i] == '?')
		sterm = 1;
	else if (i + 3 <= to && s[i + 1] == 0x80 && s[i + 2] == 0xA6)
		ellipsis = 1;
	else
		return 0;
	/* Closing quotes, also the “ that Kazakh text often closes with. */
	q = i + (ellipsis ? 3 : 1);
	while (q < to) {
		enum habar__seg_class c;

		n = utf8_at(s, len, q, &cp);
		c = class_of(cp);
		if (c != HABAR__SEG_CLOSE && c != HABAR__SEG_OPEN)
			break;
		q += n;
	}
	if (q >= to || !is_space_at(s, len, q, &n))
		return 0;
	closed = q != i + (ellipsis ? 3 : 1);
	while (q < to && is_space_at(s, len, q, &n))
		q += n;
	if (q >= to)
		return 0;
	/* Most full stops are followed by a capital, which ICU has taken
	 * care of: look no further. */
	if (s[q] >= 'A' && s[q] <= 'Z' && !ellipsis)
		return 0;
	/* An address after a sentence: "Worth a visit. http://...", and a
	 * user name opening a reply: "See you there! @anna thanks". */
	if (url_at(s, len, q) || handle_at(s, to, q))
		return keep_boundary(seg, s, len, from, q, start);
	/* Emoji and text after a full stop open a sentence, whatever the
	 * text: "повезло. 😁 все рядом", "двоих. 🌴 1 место" (ICU looks
	 * past the emoji for a capital). */
	if (!sterm && !ellipsis && s[q] >= 0xE2 && symbol_opens(s, len, q))
		return keep_boundary(seg, s, len, from, q, start);
	/* A full stop may also be followed by a letter (see below). */
	if (!ellipsis && !seg->casual && s[q] != '-' && s[q] != 0xE2 &&
	    s[q] != 0xC2 && s[q] != '"' && s[q] != '(' &&
	    !(s[q] >= '0' && s[q] <= '9') && (sterm || !(s[q] >= 0x80 ||
	    (s[q] >= 'a' && s[q] <= 'z'))))
		return 0;
	/* A dash and a space open a new line of dialogue or an
	 * attribution: "Visit once a year. - Victor Borge"; a dash before a
	 * capital, an item of a list: "Mix well. -Sugar: 5 spoons". */
	for (d = q; d < to && (s[d] == '-' || (s[d] == 0xE2 &&
	    d + 3 <= to && s[d + 1] == 0x80 && (s[d + 2] == 0x93 ||
	    s[d + 2] == 0x94))); d += s[d] == '-' ? 1 : 3)
		;
	next_word_at(s, len, q, &next);
	dash = d > q && d < to && (is_space_at(s, len, d, &n) ||
	    next.start == d);
	if (dash) {
		if (next.first != HABAR__SEG_UPPER)
			return 0;
	} else if (sterm) {
		return 0;	/* ICU proposes the others */
	} else if (!ellipsis && next.first == HABAR__SEG_LOWER) {
		/*
		 * The full stop of a word and a word in lower case: a
		 * sentence that forgot its capital ("Call me. i am at home",
		 * "...так. играет"), unless the word before may be an
		 * abbreviation ("тыс. человек", "approx. five") or the two
		 * are a web address broken by a space ("enbek. kz").  A
		 * quotation or a bracket closed after the full stop goes on
		 * in lower case: "...тұрсың ба.” деді", "(Asian, ect.)
		 * equals", as ICU's own rules have it.
		 */
		if (closed || !opening_only(s, len, q, next.start) ||
		    !sentence_end_before(seg, s, len, from, i) ||
		    broken_domain(seg, s, len, from, i, &next))
			return 0;
		*start = q;
		return 1;
	} else if (ellipsis) {
		if (next.first != HABAR__SEG_UPPER)
			return 0;
	} else if (next.first != HABAR__SEG_DIGIT ||
	    !opening_only(s, len, q, next.start) ||
	    !plain_word_before(seg, s, len, from, i))
		return 0;
	return keep_boundary(seg, s, len, from, q, start);
}

/*
 * Proposes the boundaries ICU never does, in s[*from..to): after an
 * ellipsis "…" followed by an upper-case letter, after a plain word's
 * full stop followed by a number ("now. 18 holes", "ауды. 2003 жылы"), or
 * after a full stop that ends a word and a word in lower case
 * (sentence_end_before()), where ICU's rules wait for a capital; before a
 * dash opening a line of dialogue, a user name, a web address, or emoji
 * followed by text.  Adds those that pass keep_boundary() and advances
 * *from; *scanned remembers how far the text was searched already.
 */
static enum habar_status
add_extra_boundaries(struct habar_seg *seg, size_t len, size_t *from,
    size_t *scanned, size_t to)
{
	static const unsigned char terminals[4] = { '.', '!', '?', 0xE2 };
	const unsigned char *s = (const unsigned char *)seg->buf;
	size_t i = *scanned > *from ? *scanned : *from, next[4], k, q;
	enum habar_status status;

	/* Four memchr() streams merged in order: much faster than looking
	 * at every byte. */
	for (k = 0; k < 4; k++) {
		const unsigned char *p = i < to ?
		    memchr(s + i, terminals[k], to - i) : NULL;
		next[k] = p ? (size_t)(p - s) : to;
	}
	for (;;) {
		size_t resume;

		i = to;
		for (k = 0; k < 4; k++)
			if (next[k] < i)
				i = next[k];
		if (i >= to)
			break;
		resume = i + 1;
		if (extra_boundary_at(seg, len, *from, i, to, &q)) {
			if ((status = add_span(seg, *from, q)) != HABAR_OK)
				return status;
			*from = resume = q;
		}
		for (k = 0; k < 4; k++) {
			const unsigned char *p;

			if (next[k] >= resume)
				continue;
			p = resume < to ?
			    memchr(s + resume, terminals[k], to - resume) : NULL;
			next[k] = p ? (size_t)(p - s) : to;
		}
	}
	/* An ellipsis cut at "to" is looked at again from its start. */
	*scanned = to >= 2 ? to - 2 : 0;
	return HABAR_OK;
}

/*
 * Whether the paragraph's first word is all in lower case, the sign of a
 * writer who does not use capitals ("where did you grow up? india?"); a
 * name such as "iPhone" or "eBay" is not.
 */
static int
opens_in_lower_case(const unsigned char *s, size_t len)
{
	struct next_word first;
	size_t i, n;
	int32_t cp;

	next_word_at(s, len, 0, &first);
	if (first.first != HABAR__SEG_LOWER)
		return 0;
	for (i = first.start; i < first.start + first.len; i += n) {
		n = utf8_at(s, len, i, &cp);
		if (class_of(cp) == HABAR__SEG_UPPER)
			return 0;
	}
	return 1;
}

enum habar_status
habar_seg_paragraph(struct habar_seg *seg, const char *text, size_t len,
    const struct habar_span **spans_out, size_t *count_out)
{
	const unsigned char *s;
	enum habar_status status;
	size_t from = 0, scanned = 0, b;

	*spans_out = NULL;
	*count_out = 0;
	seg->nspans = 0;
	seg->error[0] = '\0';
	if (len > HABAR_SEG_MAX_PARAGRAPH) {
		snprintf(seg->error, sizeof(seg->error),
		    "paragraph of %zu bytes is longer than %u", len,
		    HABAR_SEG_MAX_PARAGRAPH);
		return HABAR_ERR_LIMIT;
	}
	if ((status = copy_paragraph(seg, text, len)) != HABAR_OK)
		goto done;
	s = (const unsigned char *)seg->buf;
	seg->casual = opens_in_lower_case(s, len);
	status = habar__seg_icu_set_text(seg->icu, seg->buf, len, seg->error,
	    sizeof(seg->error));
	if (status != HABAR_OK)
		goto done;
	while ((b = habar__seg_icu_next(seg->icu)) != (size_t)-1 && b < len) {
		if (b <= from)
			continue;
		status = add_extra_boundaries(seg, len, &from, &scanned, b);
		if (status != HABAR_OK)
			goto done;
		if (!keep_boundary(seg, s, len, from, b, &b))
			continue;
		if ((status = add_span(seg, from, b)) != HABAR_OK)
			goto done;
		from = b;
	}
	if ((status = add_extra_boundaries(seg, len, &from, &scanned,
	    len)) != HABAR_OK)
		goto done;
	status = add_span(seg, from, len);
done:
	if (status != HABAR_OK) {
		if (seg->error[0] == '\0')
			snprintf(seg->error, sizeof(seg->error), "%s",
			    habar_status_string(status));
		seg->nspans = 0;
		return status;
	}
	*spans_out = seg->spans;
	*count_out = seg->nspans;
	return HABAR_OK;
}
