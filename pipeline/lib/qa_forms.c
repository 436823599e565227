/*
 * qa_forms.c: the language data the names and terms checks of habar-qa
 * share, each loaded once a language and kept in the checker: a word's
 * folded letters, the suffix rules and endings that say whether one word
 * is a form of another, and the Hunspell dictionary.
 */
#include <stdio.h>
#include <string.h>

#include "lexicon_internal.h"
#include "map64_internal.h"
#include "norm_internal.h"
#include "qa_internal.h"
#include "recognise_internal.h"
#include "spell_internal.h"
#include "utf8_internal.h"

/* The code points of the folded word s[0..len) into cp; returns how
 * many (at most max).  A word up to QA_POINTS_TEXT bytes is kept, by its
 * bytes, in a table with one place for each hash of them: the names check
 * asks for the same few names over and over. */
size_t
habar__qa_code_points(struct habar_qa *qa, const char *s, size_t len,
    uint32_t *cp, size_t max)
{
	char folded[256];
	size_t n = 0, i = 0, flen, slot = 0;
	uint64_t h = len;

	if (len > 0 && len <= QA_POINTS_TEXT) {
		for (i = 0; i < len; i++)
			h = h * 31 + (unsigned char)s[i];
		slot = (size_t)(habar__map64_mix(h) % QA_POINTS);
		if (qa->points[slot].len == len &&
		    memcmp(qa->points[slot].text, s, len) == 0) {
			n = qa->points[slot].n < max ? qa->points[slot].n : max;
			memcpy(cp, qa->points[slot].cp, n * sizeof(*cp));
			return n;
		}
		i = 0;
	}
	flen = habar__recognise_fold(qa->rec, s, len, folded, sizeof(folded));
	while (i < flen && n < max) {
		unsigned long c;
		size_t k = habar__utf8_decode((const unsigned char *)folded + i,
		    flen - i, &c);
		if (k == 0)
			break;
		cp[n++] = (uint32_t)c;
		i += k;
	}
	/* Kept only when max did not cut it short of what is kept. */
	if (len > 0 && len <= QA_POINTS_TEXT && (n < max || max >=
	    QA_POINTS_CP)) {
		qa->points[slot].len = (unsigned char)len;
		memcpy(qa->points[slot].text, s, len);
		qa->points[slot].n = (unsigned char)(n < QA_POINTS_CP ? n :
		    QA_POINTS_CP);
		memcpy(qa->points[slot].cp, cp, qa->points[slot].n *
		    sizeof(*cp));
	}
	return n;
}

/* The suffix rules of language lang (habar-spell's, spell_morph.c), read
 * once a language with its endings (lexicon_stem.c); NULL when it has
 * none. */
const struct habar__morph *
habar__qa_morph(struct habar_qa *qa, const char *lang)
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
const struct habar__stemmer *
habar__qa_stemmer(struct habar_qa *qa, const char *lang)
{
	size_t k;

	for (k = 0; k < qa->morph_count; k++)
		if (strcmp(qa->morphs[k].lang, lang) == 0)
			return qa->morphs[k].stemmer;
	(void)habar__qa_morph(qa, lang);
	return k < qa->morph_count ? qa->morphs[k].stemmer : NULL;
}

/* The stem a form must be made of (see habar__qa_form()). */
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
int
habar__qa_form(const struct habar__morph *m, const uint32_t *word,
    size_t n, const uint32_t *stem, size_t sn, int name)
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

/* The Hunspell dictionary of language lang, opened once a language;
 * NULL when there is none. */
struct habar__dict *
habar__qa_dictionary(struct habar_qa *qa, const char *lang)
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
