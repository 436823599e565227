/*
 * qa_terms.c: the terms check of habar-qa.  A glossary term found in one
 * version, in any inflected form, wants its translation in the other;
 * forms are found as habar-spell finds them (qa_forms.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align_internal.h"
#include "qa_internal.h"
#include "recognise_internal.h"
#include "spell_internal.h"
#include "utf8_internal.h"

/* Folds segment i's text into qa->folded[i]; returns its length. */
size_t
habar__qa_fold_segment(struct habar_qa *qa, const struct habar_qa_segment *s,
    size_t i)
{
	size_t need = s->len * 3 + 16, n;

	if (qa->folded_size[i] < need) {
		char *p = realloc(qa->folded[i], need);
		if (p == NULL)
			return 0;
		qa->folded[i] = p;
		qa->folded_size[i] = need;
	}
	n = habar__recognise_fold(qa->rec, s->text, s->len, qa->folded[i],
	    qa->folded_size[i]);
	return n;
}

/* The stem of the folded word w[0..n) as habar-spell finds it: Hunspell's
 * stem, else the word; into out (size bytes). */
static void
stem_of_word(struct habar__dict *dict, const char *w, size_t n, char *out,
    size_t size)
{
	char word[256];

	if (n >= sizeof(word) || n >= size) {
		out[0] = '\0';
		return;
	}
	memcpy(word, w, n);
	word[n] = '\0';
	if (dict == NULL || !habar__dict_stem(dict, word, out, size))
		memcpy(out, word, n + 1);
}

/* The length of the character at text[i] (1 on a malformed byte), and
 * whether it is a letter or a digit. */
static size_t
word_char(const char *text, size_t len, size_t i, int *in_word)
{
	unsigned long c = 0;
	size_t n = habar__utf8_decode((const unsigned char *)text + i,
	    len - i, &c);

	*in_word = n > 0 && (habar__align_letter((uint32_t)c) ||
	    (c >= '0' && c <= '9'));
	return n > 0 ? n : 1;
}

/*
 * Whether folded text holds word term[0..tn) in an inflected form, as
 * habar-spell finds them: the same word, or one whose Hunspell stem is the
 * term's, or one the language's suffix rules make of the term's stem
 * (Kazakh, whose dictionary lists few forms: білімді of білім).
 */
static int
has_word(struct habar_qa *qa, const char *lang, const char *text,
    size_t len, const char *term, size_t tn)
{
	struct habar__dict *dict = habar__qa_dictionary(qa, lang);
	const struct habar__morph *m = habar__qa_morph(qa, lang);
	char stem[256], other[256];
	uint32_t scp[64], wcp[64], tcp[64];
	size_t i = 0, sn = 0, tcn = 0, probe = tn;

	stem_of_word(dict, term, tn, stem, sizeof(stem));
	/* A cheap look first: words that share the stem's first three
	 * characters (bytes of them). */
	{
		size_t c = 0, k;
		for (k = 0; k < strlen(stem) && c <= 3; k++)
			if (((unsigned char)stem[k] & 0xC0) != 0x80 && ++c == 4)
				break;
		probe = k < strlen(stem) ? k : strlen(stem);
		if (probe == 0)
			probe = tn;
	}
	while (i < len) {
		size_t start, n, k;
		int in = 0;
		while (i < len && (k = word_char(text, len, i, &in), !in))
			i += k;
		start = i;
		while (i < len && (k = word_char(text, len, i, &in), in))
			i += k;
		n = i - start;
		if (n == 0 || n < probe || memcmp(text + start, stem, probe) != 0)
			continue;
		if (n == tn && memcmp(text + start, term, tn) == 0)
			return 1;
		stem_of_word(dict, text + start, n, other, sizeof(other));
		if (strcmp(other, stem) == 0)
			return 1;
		if (m != NULL) {
			size_t wn = habar__qa_code_points(qa, text + start, n,
			    wcp, 64);
			if (sn == 0) {
				sn = habar__qa_code_points(qa, stem,
				    strlen(stem), scp, 64);
				tcn = habar__qa_code_points(qa, term, tn, tcp,
				    64);
			}
			if ((sn > 0 && habar__qa_form(m, wcp, wn, scp, sn,
			    0)) || (tcn > 0 && habar__qa_form(m, wcp, wn, tcp,
			    tcn, 0)))
				return 1;
		}
	}
	return 0;
}

/* Whether every word of the folded term is in folded text (has_word()). */
static int
has_term(struct habar_qa *qa, const char *lang, const char *text, size_t len,
    const char *term)
{
	const char *w = term;

	while (*w != '\0') {
		size_t wl = strcspn(w, " ");
		if (!has_word(qa, lang, text, len, w, wl))
			return 0;
		w += wl;
		while (*w == ' ')
			w++;
	}
	return 1;
}

static int
glossary_column(const struct habar_qa *qa, const char *lang)
{
	size_t i;

	for (i = 0; i < qa->lang_count; i++)
		if (strcmp(qa->langs[i], lang) == 0 ||
		    habar__qa_same_language(lang, qa->langs[i]))
			return (int)i;
	return -1;
}

void
habar__qa_check_terms(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t a, size_t b, const size_t *flen)
{
	int ca = glossary_column(qa, u->segs[a].lang);
	int cb = glossary_column(qa, u->segs[b].lang);
	size_t t, side;

	if (ca < 0 || cb < 0)
		return;
	for (t = 0; t < qa->term_count; t++) {
		for (side = 0; side < 2; side++) {
			size_t s = side ? b : a, o = side ? a : b;
			int cs = side ? cb : ca, co = side ? ca : cb;
			const char *ts = qa->terms[t].terms[cs];
			const char *to = qa->terms[t].terms[co];
			struct habar_qa_finding *f;
			if (ts == NULL || to == NULL ||
			    !has_term(qa, u->segs[s].lang, qa->folded[s],
			    flen[s], ts) || has_term(qa, u->segs[o].lang,
			    qa->folded[o], flen[o], to))
				continue;
			if ((f = habar__qa_add(qa, HABAR_QA_TERMS,
			    HABAR_QA_WARNING, a, b, o, 0, 0)) == NULL)
				return;
			snprintf(f->message, sizeof(f->message), "%s ",
			    u->segs[s].lang);
			habar__qa_say(f, "\"%s\" wants \"%s\"", ts, strlen(ts),
			    to, strlen(to));
			snprintf(f->message + strlen(f->message),
			    sizeof(f->message) - strlen(f->message), " in %s",
			    u->segs[o].lang);
			break;
		}
	}
}
