/*
 * recognise_icu.c: the recogniser's use of ICU (see habar/recognise.h):
 * cutting a segment into number, word and punctuation tokens by the
 * Unicode properties of its characters, case folding words so that
 * "НОЯБРЯ", "Ноября" and "ноября" look the same up, spelling a name
 * as its skeleton, and the plural category of a number (which form of
 * «день» goes with it when a match is adapted).
 */
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ucasemap.h>
#include <unicode/upluralrules.h>
#include <unicode/utf8.h>

#include "recognise_internal.h"

/* How ICU folds code point c alone: one code point, or FOLD_ICU. */
static uint32_t
fold_one(UCaseMap *map, UChar32 c)
{
	char in[4], out[16];
	UErrorCode err = U_ZERO_ERROR;
	int32_t i = 0, n, j = 0;
	UBool bad = 0;
	UChar32 f;

	U8_APPEND((uint8_t *)in, i, 4, c, bad);
	if (bad)
		return FOLD_ICU;
	n = ucasemap_utf8FoldCase(map, out, (int32_t)sizeof(out), in, i,
	    &err);
	if (U_FAILURE(err) || n <= 0)
		return FOLD_ICU;
	U8_NEXT((const uint8_t *)out, j, n, f);
	return f >= 0 && j == n ? (uint32_t)f : FOLD_ICU;
}

int
habar__recognise_fold_open(struct habar_recogniser *rec)
{
	UErrorCode err = U_ZERO_ERROR;
	uint32_t c;

	rec->fold = ucasemap_open(NULL, 0, &err);
	if (U_FAILURE(err) || rec->fold == NULL)
		return 0;
	/* The code points of most words in the project's languages,
	 * folded once here: ICU's folding a word at a time is most of
	 * the cost of a lookup.  Surrogates and the like are FOLD_ICU. */
	for (c = 0; c < FOLD_FAST; c++)
		rec->fold_fast[c] = fold_one(rec->fold, (UChar32)c);
	for (c = 0; c < FOLD_PUNCT_COUNT; c++)
		rec->fold_fast[FOLD_FAST + c] = fold_one(rec->fold,
		    (UChar32)(FOLD_PUNCT + c));
	return 1;
}

void
habar__recognise_fold_close(struct habar_recogniser *rec)
{
	if (rec->fold != NULL)
		ucasemap_close(rec->fold);
	rec->fold = NULL;
}

/*
 * Folds in[0..len) into out (size bytes) with the table of
 * habar__recognise_fold_open(), as ICU would: the length, or -1 when a
 * code point is not in the table or folds to more than one, or a byte
 * is malformed (ICU then folds the whole).
 */
static int32_t
fold_fast(const struct habar_recogniser *rec, const char *in, size_t len,
    char *out, size_t size)
{
	int32_t i = 0, n = (int32_t)len, o = 0, cap = (int32_t)size - 1;
	UBool bad = 0;

	while (i < n) {
		UChar32 c;
		uint32_t f;
		if ((unsigned char)in[i] < 0x80) {
			c = (unsigned char)in[i++];
			if (o >= cap)
				return -1;
			out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			continue;
		}
		U8_NEXT((const uint8_t *)in, i, n, c);
		if (c < 0)
			return -1;
		if ((uint32_t)c < FOLD_FAST)
			f = rec->fold_fast[c];
		else if ((uint32_t)c >= FOLD_PUNCT &&
		    (uint32_t)c < FOLD_PUNCT + FOLD_PUNCT_COUNT)
			f = rec->fold_fast[FOLD_FAST + (uint32_t)c - FOLD_PUNCT];
		else
			return -1;
		if (f == FOLD_ICU)
			return -1;
		U8_APPEND((uint8_t *)out, o, cap, (UChar32)f, bad);
		if (bad)
			return -1;
	}
	out[o] = '\0';
	return o;
}

size_t
habar__recognise_fold(const struct habar_recogniser *rec, const char *in,
    size_t len, char *out, size_t size)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t n;

	if (size == 0)
		return 0;
	out[0] = '\0';
	if (len >= size)
		return 0;
	if ((n = fold_fast(rec, in, len, out, size)) >= 0)
		return (size_t)n;
	n = ucasemap_utf8FoldCase(rec->fold, out, (int32_t)size - 1, in,
	    (int32_t)len, &err);
	if (U_FAILURE(err) || n < 0 || (size_t)n >= size) {
		out[0] = '\0';
		return 0;
	}
	out[n] = '\0';
	return (size_t)n;
}

static int
is_letter(UChar32 c)
{
	/* Letters, and the marks and joiners written inside words. */
	return u_isalpha(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY)
	    == U_NON_SPACING_MARK || c == 0x200D || c == 0x00AD;
}

static int
is_space(UChar32 c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v' || u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF;
}

size_t
habar__recognise_tokens(const struct habar_recogniser *rec, const char *text,
    size_t len, const size_t *skip, size_t nskip, struct rec_token *tokens,
    size_t max)
{
	const uint8_t *s = (const uint8_t *)text;
	size_t n = 0, k = 0;
	int32_t i = 0, end = len > INT32_MAX ? INT32_MAX : (int32_t)len;
	int spaces = 0;

	while (i < end && n < max) {
		struct rec_token *t;
		int32_t at = i, next;
		UChar32 c;

		while (skip != NULL && k < nskip && skip[2 * k + 1] <= (size_t)at)
			k++;
		if (skip != NULL && k < nskip && skip[2 * k] <= (size_t)at) {
			i = (int32_t)skip[2 * k + 1];
			spaces = 2;
			continue;
		}
		U8_NEXT(s, i, end, c);
		if (c >= 0 && is_space(c)) {
			spaces++;
			continue;
		}
		t = &tokens[n];
		memset(t, 0, offsetof(struct rec_token, fold) + 1);
		t->looked = 0;
		t->start = (size_t)at;
		t->gap = spaces == 0 ? 0 : spaces == 1 ? 1 : 2;
		spaces = 0;
		if (c >= '0' && c <= '9') {
			t->kind = TK_NUM;
			t->digits = 1;
			while (i < end && s[i] >= '0' && s[i] <= '9') {
				i++;
				t->digits++;
			}
		} else if (c >= 0 && is_letter(c)) {
			int lower = u_islower(c), upper = u_isupper(c) ||
			    u_istitle(c);
			t->kind = TK_WORD;
			t->letters = 1;
			for (;;) {
				next = i;
				if (next >= end)
					break;
				U8_NEXT(s, next, end, c);
				if (c < 0 || !is_letter(c))
					break;
				if (u_islower(c))
					lower = 1;
				t->letters++;
				i = next;
			}
			t->upper = !upper ? 0 : lower || t->letters == 1 ? 1 : 2;
		} else {
			t->kind = TK_PUNCT;
			t->cp = c < 0 ? 0xFFFD : (uint32_t)c;
		}
		t->end = (size_t)i;
		if (t->kind != TK_NUM)
			habar__recognise_fold(rec, text + t->start,
			    t->end - t->start, t->fold, sizeof(t->fold));
		n++;
	}
	return n;
}

static int
skeleton_vowel(char c)
{
	return c == 'a';
}

static int
latin_vowel(UChar32 c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	    c == 0xE4 || c == 0xE9 || c == 0xF6 || c == 0xFC;
}

static int
cyrillic_vowel(UChar32 c)
{
	return c == 0x430 || c == 0x435 || c == 0x451 || c == 0x438 ||
	    c == 0x43E || c == 0x443 || c == 0x44B || c == 0x44D ||
	    c == 0x44E || c == 0x44F || c == 0x4D9 || c == 0x456 ||
	    c == 0x4E9 || c == 0x4B1 || c == 0x4AF;
}

void
habar__recognise_skeleton(const struct habar_recogniser *rec,
    const char *text, size_t len, char *key, size_t size)
{
	char folded[REC_WORD_MAX * 2];
	const uint8_t *s = (const uint8_t *)folded;
	size_t flen, out = 0, j, r;
	int32_t i = 0;
	UChar32 prev = -1;

	key[0] = '\0';
	if (size < 2)
		return;
	flen = habar__recognise_fold(rec, text, len, folded, sizeof(folded));
	while ((size_t)i < flen) {
		const char *to = NULL;
		int32_t at = i;
		UChar32 c;
		size_t used = 0;

		/* Digraphs first, then the letter alone. */
		for (j = rec->letter_at[(unsigned char)folded[at]];
		    j < rec->letter_at[(unsigned char)folded[at] + 1]; j++) {
			const char *from = rec->letters[j].from;
			size_t fl;
			/* The second byte first: a Cyrillic letter shares
			 * its first with sixty others. */
			if (from[1] != '\0' && ((size_t)at + 1 >= flen ||
			    from[1] != folded[at + 1]))
				continue;
			fl = strlen(from);
			if (fl <= flen - (size_t)at &&
			    memcmp(folded + at, rec->letters[j].from, fl) == 0) {
				to = rec->letters[j].to;
				used = fl;
				break;
			}
		}
		U8_NEXT(s, i, (int32_t)flen, c);
		if (c == 'y')
			to = (size_t)i < flen && latin_vowel(folded[i]) ? "j" : "a";
		else if ((c == 0x435 || c == 0x451 || c == 0x44E || c == 0x44F) &&
		    (prev < 0 || cyrillic_vowel(prev)))
			to = "ja";
		else if (used > 0)
			i = at + (int32_t)used;
		if (to == NULL) {
			/* Not a letter the table knows: digits and the like
			 * are kept, other characters dropped. */
			static const char digits[] = "0\0" "1\0" "2\0"
			    "3\0" "4\0" "5\0" "6\0" "7\0" "8\0" "9";
			to = c >= '0' && c <= '9' ? digits + (c - '0') * 2 : "";
		}
		for (; *to != '\0' && out + 1 < size; to++) {
			/* A doubled consonant counts once. */
			if (out > 0 && key[out - 1] == *to &&
			    !skeleton_vowel(*to))
				continue;
			key[out++] = *to;
		}
		prev = c;
	}
	key[out] = '\0';
	/* A j between vowels drops: scripts write the glide there or not
	 * (Россия "rasaa" as Russia, Боливия as Bolivia). */
	for (j = 0, r = 0; r < out; r++)
		if (!(key[r] == 'j' && j > 0 && key[j - 1] == 'a' &&
		    key[r + 1] == 'a'))
			key[j++] = key[r];
	key[j] = '\0';
}

size_t
habar__recognise_capitalise(const char *word, size_t len, char *out,
    size_t size)
{
	const uint8_t *s = (const uint8_t *)word;
	int32_t i = 0, o = 0;
	UBool bad = 0;
	UChar32 c;

	if (len == 0 || size == 0 || len + 8 > size)
		return 0;
	U8_NEXT(s, i, (int32_t)len, c);
	if (c < 0)
		return 0;
	c = u_totitle(c);
	U8_APPEND((uint8_t *)out, o, (int32_t)size, c, bad);
	if (bad || (size_t)o + (len - (size_t)i) + 1 > size)
		return 0;
	memcpy(out + o, word + i, len - (size_t)i);
	o += (int32_t)(len - (size_t)i);
	out[o] = '\0';
	return (size_t)o;
}

int
habar__recognise_plural(const char *tag, double n)
{
	static const char *const names[RP_COUNT] = { "zero", "one", "two",
	    "few", "many", "other" };
	UErrorCode err = U_ZERO_ERROR;
	UPluralRules *rules;
	char locale[16];
	UChar name[16];
	char ascii[16];
	int32_t len, i;
	int category = RP_OTHER;

	/* ICU's locale ids have '_' where BCP 47 has '-'. */
	snprintf(locale, sizeof(locale), "%s", tag);
	locale[strcspn(locale, "-_")] = '\0';
	rules = uplrules_open(locale, &err);
	if (U_FAILURE(err) || rules == NULL)
		return RP_OTHER;
	len = uplrules_select(rules, n, name, (int32_t)(sizeof(name) /
	    sizeof(name[0])), &err);
	if (U_SUCCESS(err) && len > 0 && len < (int32_t)sizeof(ascii)) {
		for (i = 0; i < len; i++)
			ascii[i] = name[i] < 0x80 ? (char)name[i] : '?';
		ascii[len] = '\0';
		for (i = 0; i < RP_COUNT; i++)
			if (strcmp(ascii, names[i]) == 0)
				category = (int)i;
	}
	uplrules_close(rules);
	return category;
}
