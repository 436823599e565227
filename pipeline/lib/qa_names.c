/*
 * qa_names.c: the names check of habar-qa.  A name of one version found
 * in another spelled with two neighbouring letters swapped is a typing
 * error a translator cannot see from the other script.  In one script
 * the letters are compared with the languages' endings; across scripts
 * the names' consonant skeletons (recognise_icu.c); and where a swap is
 * invisible to the skeletons (two vowels) the Hunspell dictionary of the
 * name's language stands in.  See docs/habar-qa.md for the rules.
 */
#include <stdio.h>
#include <string.h>

#include "align_internal.h"
#include "lexicon_internal.h"
#include "norm_internal.h"
#include "qa_internal.h"
#include "recognise_internal.h"
#include "spell_internal.h"
#include "utf8_internal.h"

/* The kind of the letter c in a name's skeleton: QA_VOWEL when it ends
 * in a vowel (е is "ja"), QA_CONSONANT when it is one other symbol,
 * QA_SILENT when it is none and c a Latin or Cyrillic letter (h, ь),
 * else 0 (see struct habar_qa). */
unsigned char
habar__qa_letter_kind(const struct habar_recogniser *rec, uint32_t c)
{
	char u[8], key[16];
	size_t n = habar__norm_utf8_put(u, c);

	habar__recognise_skeleton(rec, u, n, key, sizeof(key));
	if (key[0] == '\0')
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= 0x400 && c < 0x500) ? QA_SILENT : 0;
	if (key[strlen(key) - 1] == 'a')
		return QA_VOWEL;
	return key[1] == '\0' ? QA_CONSONANT : 0;
}

/* Whether two words start in the same script (both ASCII letters, or
 * both not), which makes their letters comparable one for one. */
static int
same_script(const char *x, const char *y)
{
	return ((unsigned char)x[0] < 0x80) == ((unsigned char)y[0] < 0x80);
}

/*
 * Whether the skeletons x and y differ where two consonants swapped.
 * Across scripts a swap that moves a vowel is most often a difference of
 * transliteration (Keane, Канио), so only swapped consonants count there.
 */
static int
consonant_swap(const char *x, const char *y)
{
	size_t i = 0;

	while (x[i] != '\0' && x[i] == y[i])
		i++;
	return x[i] != '\0' && x[i + 1] != '\0' && x[i] != 'a' &&
	    x[i + 1] != 'a';
}

/*
 * Whether the skeletons x and y differ where a vowel swapped with a
 * consonant in a name long enough (six symbols) for that to be no other
 * transliteration, with no vowel beside the swap, where transliterations
 * write two vowels for one (Ladbrokes, Лэдброукс).
 */
static int
vowel_swap(const char *x, const char *y)
{
	size_t i = 0, k;

	if (strlen(x) < 6 || strlen(y) < 6)
		return 0;
	while (x[i] != '\0' && x[i] == y[i])
		i++;
	if (x[i] == '\0' || x[i + 1] == '\0')
		return 0;
	for (k = i > 0 ? i - 1 : 0; k <= i + 2 && x[k] != '\0' &&
	    y[k] != '\0'; k++)
		if ((x[k] == 'a' && x[k + 1] == 'a') || (y[k] == 'a' &&
		    y[k + 1] == 'a'))
			return 0;
	return 1;
}

/* Whether the letter c is a vowel: its name skeleton is one (see
 * locales/root/name-letters). */
static int
vowel(const struct habar_qa *qa, uint32_t c)
{
	if (c < QA_LETTERS)
		return qa->letter_kind[c] == QA_VOWEL;
	return habar__qa_letter_kind(qa->rec, c) == QA_VOWEL;
}

/* Whether the letter c is one the name skeleton drops (h, ь), so that
 * its swap with a neighbour leaves the skeleton as it is. */
static int
silent(const struct habar_qa *qa, uint32_t c)
{
	if (c < QA_LETTERS)
		return qa->letter_kind[c] == QA_SILENT;
	return habar__qa_letter_kind(qa->rec, c) == QA_SILENT;
}

/* Whether the letter c is a consonant of one symbol in the name
 * skeleton: not h, which is none, nor x, which is two. */
static int
consonant(const struct habar_qa *qa, uint32_t c)
{
	if (c < QA_LETTERS)
		return qa->letter_kind[c] == QA_CONSONANT;
	return habar__qa_letter_kind(qa->rec, c) == QA_CONSONANT;
}

/*
 * The letter c in lower-case ASCII letters, as ICU's "Any-Latin;
 * Latin-ASCII" writes it alone (align_icu.c, opened when first asked;
 * я is "ya"), into out (4 bytes); its length, 0 when none.  Each letter
 * below QA_LETTERS is transliterated once: ICU is slow, and Russian and
 * Kazakh names are transliterated letter by letter.
 */
static size_t
latin_letter(struct habar_qa *qa, uint32_t c, char *out)
{
	char u[8], buf[16], err[256];
	size_t n;

	if (c < 0x80) {
		out[0] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
		out[1] = '\0';
		return 1;
	}
	if (c < QA_LETTERS && qa->latin[c][0] != '\0') {
		memcpy(out, qa->latin[c], 4);
		return out[0] == '\1' ? 0 : strlen(out);
	}
	if (qa->icu == NULL && (qa->icu_failed || habar__align_icu_new(
	    &qa->icu, err, sizeof(err)) != HABAR_OK)) {
		qa->icu_failed = 1;
		return 0;
	}
	n = habar__align_icu_latin(qa->icu, u, habar__norm_utf8_put(u, c),
	    buf, sizeof(buf));
	if (n > 3)
		n = 0;
	memcpy(out, buf, n);
	out[n] = '\0';
	if (c < QA_LETTERS) {
		memcpy(qa->latin[c], out, n + 1);
		if (n == 0)
			memcpy(qa->latin[c], "\1", 2);
	}
	return n;
}

/* The word s[0..len) in lower-case ASCII letters, letter by letter
 * (latin_letter(), whose transliteration lower-cases), into out; its
 * length, 0 when it does not fit or a byte is malformed. */
static size_t
latin(struct habar_qa *qa, const char *s, size_t len, char *out,
    size_t size)
{
	size_t i = 0, k = 0;
	char l[4];

	while (i < len) {
		unsigned long c;
		size_t m, n = habar__utf8_decode((const unsigned char *)s + i,
		    len - i, &c);
		if (n == 0)
			return 0;
		i += n;
		m = latin_letter(qa, (uint32_t)c, l);
		if (k + m + 1 > size)
			return 0;
		memcpy(out + k, l, m);
		k += m;
	}
	out[k] = '\0';
	return k;
}

/* The first letter of the word s[0..len) in Latin (latin_letter()), or
 * 0. */
static char
latin_first(struct habar_qa *qa, const char *s, size_t len)
{
	unsigned long c;
	char l[4];

	if (habar__utf8_decode((const unsigned char *)s, len, &c) == 0 ||
	    latin_letter(qa, (uint32_t)c, l) == 0)
		return 0;
	return l[0];
}

/*
 * The letter of the Latin alphabet a vowel c is written with: the last
 * of its transliteration (я is "ya"), or 0 when there is none.
 */
static char
vowel_latin(struct habar_qa *qa, uint32_t c)
{
	char l[4];
	size_t n = latin_letter(qa, c, l);

	return n > 0 ? l[n - 1] : 0;
}

/* The vowels of the word s[0..len), case folded, into v; how many (at
 * most max). */
static size_t
vowels_of(struct habar_qa *qa, const char *s, size_t len, uint32_t *v,
    size_t max)
{
	uint32_t cp[64];
	size_t n = habar__qa_code_points(qa, s, len, cp, 64), i, k = 0;

	for (i = 0; i < n && k < max; i++)
		if (vowel(qa, cp[i]))
			v[k++] = cp[i];
	return k;
}

/* How many vowels ("a") the skeleton key has in its first n symbols. */
static size_t
skeleton_vowels(const char *key, size_t n)
{
	size_t i, count = 0;

	for (i = 0; i < n && key[i] != '\0'; i++)
		count += key[i] == 'a';
	return count;
}

/*
 * Whether the skeletons of the names x of version s and y of version o,
 * one with a vowel and a consonant swapped against the other, swap one
 * vowel: the same letter once both are written in Latin letters (Плеоси
 * against Pelosi, е and e; Erdoagn against Эрдогана, a and а).  A vowel
 * that another transliteration writes in its place is most often
 * another vowel (Ladbrokes against Лэдброукс: the e of "kes" is no у).
 * Each vowel of a name must be one symbol of its skeleton.
 */
static int
vowel_moved(struct habar_qa *qa, const struct habar_qa_unit *u, size_t s,
    const struct habar_value *x, size_t o, const struct habar_value *y)
{
	uint32_t vx[64], vy[64];
	const char *kx = x->key, *ky = y->key;
	size_t i = 0, nx, ny, px, py;
	char lx, ly;

	while (kx[i] != '\0' && kx[i] == ky[i])
		i++;
	if (kx[i] == '\0' || kx[i + 1] == '\0' || ky[i] == '\0' ||
	    ky[i + 1] == '\0' || (kx[i] == 'a') == (kx[i + 1] == 'a') ||
	    (ky[i] == 'a') == (ky[i + 1] == 'a'))
		return 0;
	nx = vowels_of(qa, u->segs[s].text + x->start, x->end - x->start, vx,
	    64);
	ny = vowels_of(qa, u->segs[o].text + y->start, y->end - y->start, vy,
	    64);
	if (nx != skeleton_vowels(kx, strlen(kx)) ||
	    ny != skeleton_vowels(ky, strlen(ky)))
		return 0;
	px = skeleton_vowels(kx, kx[i] == 'a' ? i : i + 1);
	py = skeleton_vowels(ky, ky[i] == 'a' ? i : i + 1);
	if (px >= nx || py >= ny)
		return 0;
	lx = vowel_latin(qa, vx[px]);
	ly = vowel_latin(qa, vy[py]);
	return lx != 0 && lx == ly;
}

/* Two spellings of one name in one script. */
struct spelling {
	const uint32_t *a, *b;
	size_t na, nb;
	const struct habar__morph *ma, *mb;
	const struct habar__stemmer *sa, *sb;
	int alternates;			/* a vowel each after the prefix */
	const struct habar_qa_unit *u;	/* the unit, when known */
	size_t sv, ov;			/* the versions of a and b */
};

/*
 * Whether word[0..n) goes on from stem[0..sn) as its language inflects:
 * with the language's endings, or, when strict and the language stacks
 * endings, by its suffix rules (Kazakh: Пэлтроудың of Пэлтроу, not
 * Пэлтроуыдң, though ы, н and ң are each an ending).  The rules are not
 * asked otherwise, as the case forms of a foreign name follow the writer
 * more than the rules (Саиповқа, Корбиннің).
 */
static int
goes_on(const struct habar__morph *m, const struct habar__stemmer *st,
    const uint32_t *word, size_t n, size_t sn, int strict)
{
	if (strict && habar__stemmer_rounds(st) > 1)
		return habar__qa_form(m, word, n, word, sn, 1);
	return habar__stem_ending(st, word + sn, n - sn);
}

/*
 * Whether a and b are forms of one stem: one is the other's stem (by the
 * rules, see goes_on()), or both are forms of the letters they share
 * (four at least), or of those and a vowel each, as a stem's last vowel
 * alternates (Ассамблея, Ассамблее, Ассамблеясында); strict: by the
 * rules then too.
 */
static int
one_stem(const struct habar_qa *qa, const struct spelling *w,
    const uint32_t *a, const uint32_t *b, int strict)
{
	size_t i = 0, n = w->na < w->nb ? w->na : w->nb;

	while (i < n && a[i] == b[i])
		i++;
	if (i < 3)
		return 0;
	if (i == w->na)
		return goes_on(w->mb, w->sb, b, w->nb, i, 1);
	if (i == w->nb)
		return goes_on(w->ma, w->sa, a, w->na, i, 1);
	if (i < 4)
		return 0;
	if (goes_on(w->ma, w->sa, a, w->na, i, strict) &&
	    goes_on(w->mb, w->sb, b, w->nb, i, strict))
		return 1;
	return vowel(qa, a[i]) && vowel(qa, b[i]) &&
	    goes_on(w->ma, w->sa, a, w->na, i + 1, strict) &&
	    goes_on(w->mb, w->sb, b, w->nb, i + 1, strict);
}

/* The letters of a and b that agree from the start. */
static size_t
prefix(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i = 0;

	while (i < na && i < nb && a[i] == b[i])
		i++;
	return i;
}

/*
 * Whether a version of unit u other than s has a name whose skeleton is
 * that of the word t[0..nt) (habar_value_name_match() 2), where no name
 * has that of x[0..nx): the letters of t, not those of x, are the name
 * the other versions write.
 */
static int
skeleton_seen(const struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t s, const uint32_t *t, const uint32_t *x, size_t n)
{
	struct habar_value vt, vx;
	char bt[256], bx[256];
	size_t i, k, j, lt = 0, lx = 0, nv;
	int seen = 0;

	for (i = 0; i < n; i++) {
		if (lt + 8 > sizeof(bt))
			return 0;
		lt += habar__norm_utf8_put(bt + lt, t[i]);
		lx += habar__norm_utf8_put(bx + lx, x[i]);
	}
	memset(&vt, 0, sizeof(vt));
	vt.kind = HABAR_VALUE_NAME;
	vx = vt;
	habar__recognise_skeleton(qa->rec, bt, lt, vt.key, sizeof(vt.key));
	habar__recognise_skeleton(qa->rec, bx, lx, vx.key, sizeof(vx.key));
	if (strlen(vt.key) < 4)
		return 0;
	nv = u->count < QA_MAX_SEGS ? u->count : QA_MAX_SEGS;
	for (k = 0; k < nv; k++)
		for (j = 0; k != s && j < habar_values_count(qa->values[k]);
		    j++) {
			const struct habar_value *z = habar_values_get(
			    qa->values[k], j);
			if (habar_value_name_match(&vx, z) == 2)
				return 0;
			seen |= habar_value_name_match(&vt, z) == 2;
		}
	return seen;
}

/*
 * Whether one swap of neighbouring letters in x (swapped_b: x is w->b,
 * else w->a) makes the two one stem, the swap either inside the letters
 * both then share (Трмап, Трамп) or inside an ending of three letters or
 * more, past the first letter where x differs from the other
 * (Пэлтроуыдң, Пэлтроу; Твиттерідне, Твиттере), where the ending must
 * then be one by the rules.  A swap inside four shared letters or more,
 * with a shared letter after it, needs no more: what follows may be
 * spelled otherwise (Фтетельді against Феттеля, whose endings are not
 * of one language).  Two equal letters are not swapped, but a letter of
 * a double may be (Млилс, Миллз): a transliteration that doubles a letter
 * another leaves single (Миссисипи, Миссисиппи) differs by no swap.
 */
static int
swap_fits(const struct habar_qa *qa, const struct spelling *w, int swapped_b)
{
	uint32_t t[64];
	const uint32_t *x = swapped_b ? w->b : w->a, *y = swapped_b ? w->a :
	    w->b;
	size_t nx = swapped_b ? w->nb : w->na, ny = swapped_b ? w->na : w->nb;
	size_t i = prefix(x, nx, y, ny), k;

	memcpy(t, x, nx * sizeof(*t));
	for (k = i > 1 ? i - 1 : 1; k + 1 < nx; k++) {
		int fits, inside, ending, straddles;
		size_t shared;
		if (x[k] == x[k + 1])
			continue;
		t[k] = x[k + 1];
		t[k + 1] = x[k];
		shared = prefix(t, nx, y, ny);
		inside = k + 1 < shared;
		ending = k >= i + (i < ny) && nx - i >= 3;
		straddles = !inside && !ending && k <= i && k + 1 >= i &&
		    shared >= 4 && w->u != NULL;
		fits = (inside || ending || straddles) &&
		    (swapped_b ? one_stem(qa, w, y, t, !inside) :
		    one_stem(qa, w, t, y, !inside));
		/* A swap across the end of the letters it makes shared
		 * (Трамтпы, Трампты, against Трампа) has a letter of the
		 * stem for evidence, as two transliterations may end a stem
		 * otherwise (Париджегі against Париже, both right): the
		 * name the swap makes must be the one a version writes by
		 * the skeletons (Trump). */
		if (fits && straddles)
			fits = skeleton_seen(qa, w->u, swapped_b ? w->ov :
			    w->sv, t, x, nx);
		if (inside && shared >= 4 && shared >= k + 3)
			fits = 1;
		t[k] = x[k];
		t[k + 1] = x[k + 1];
		if (fits)
			return 1;
	}
	return 0;
}

/*
 * Whether a name of five letters or more (w->b when swapped_b, else
 * w->a) is one of four with an ending once two neighbouring letters
 * inside those four are swapped (Тдода, Тодда, against Тодд; Дожна,
 * Джона, against Джон): a swap that leaves the short name whole, where
 * a swap at its end is as often another transliteration (Гроув, Гров).
 */
static int
short_swap(const struct habar_qa *qa, const struct spelling *w,
    int swapped_b)
{
	uint32_t t[64];
	const uint32_t *x = swapped_b ? w->b : w->a, *y = swapped_b ? w->a :
	    w->b;
	size_t nx = swapped_b ? w->nb : w->na, ny = swapped_b ? w->na : w->nb;
	size_t k;
	int fits;

	memcpy(t, x, nx * sizeof(*t));
	for (k = 1; k + 2 <= ny; k++) {
		if (x[k] == x[k + 1])
			continue;
		t[k] = x[k + 1];
		t[k + 1] = x[k];
		fits = prefix(t, nx, y, ny) == ny && (swapped_b ?
		    one_stem(qa, w, y, t, 1) : one_stem(qa, w, t, y, 1));
		t[k] = x[k];
		t[k + 1] = x[k + 1];
		if (fits)
			return 1;
	}
	return 0;
}

/*
 * Whether the ending of w->a past the letters it shares with w->b (three
 * letters or more) is no form of those letters by the suffix rules of its
 * language, but is one once two neighbouring letters of it are swapped
 * (Миллерідң against Миллера: Миллердің is a form of Миллер), the stem
 * also taking in a vowel where both go on by one (Боливияынң against
 * Боливии: Боливияның).  The endings alone let the first pass, as any
 * run of endings is one.
 * Also asked, not loose, of names that are not one stem as written.
 * Loose, for names that otherwise do not match, in a language that
 * stacks endings, the stem may also take in letters past the shared ones
 * up to the swap, as two languages end a stem otherwise (Брюсселмьен
 * against Брюсселем: Брюссельмен is a form of Брюссель), when four
 * letters or more are shared and w->a is no form of any stem longer than
 * them (not Мексиакның against Мексики, as Мексиак could be one).
 */
static int
ending_swapped(const struct habar_qa *qa, const struct spelling *w,
    int loose)
{
	uint32_t t[64];
	size_t i = prefix(w->a, w->na, w->b, w->nb), k, j, last, p;

	if (w->ma == NULL || w->na < i + 3 || i < (loose ? 4u : 3u) ||
	    (loose && habar__stemmer_rounds(w->sa) < 2))
		return 0;
	/* The stem may go on by a vowel that alternates (Панамы,
	 * Панаманың). */
	last = loose ? w->na - 1 : i + 1;
	for (j = i; j <= last; j++)
		if (habar__qa_form(w->ma, w->a, w->na, w->a, j, 1))
			return 0;
	memcpy(t, w->a, w->na * sizeof(*t));
	for (k = i; k + 1 < w->na; k++) {
		int fits = 0;
		if (t[k] == t[k + 1])
			continue;
		t[k] = w->a[k + 1];
		t[k + 1] = w->a[k];
		/* Боливияынң against Боливии: Боливияның is a form of
		 * Боливия, whose я alternates with и. */
		last = loose && k + 2 < w->na ? k + 2 : k > i &&
		    w->alternates ? i + 1 : i;
		/* Мексикнаың against Мексика: the swap makes the other's
		 * whole stem shared, and Мексиканың is a form of it
		 * (Австраляидағы, Австралия); the stem may go on by a
		 * vowel where both go on by one, as it alternates, or by a
		 * soft sign the other leaves out (Феттлеьді, Феттельді,
		 * against Феттеля; Найджлеь, Найджель, against Найджел). */
		if ((p = prefix(t, w->na, w->b, w->nb)) > last)
			last = p < w->na && ((p < w->nb && vowel(qa, t[p]) &&
			    vowel(qa, w->b[p])) || silent(qa, t[p])) ? p + 1 :
			    p;
		for (j = i; j <= last && !fits; j++)
			fits = habar__qa_form(w->ma, t, w->na, t, j, 1);
		t[k] = w->a[k];
		t[k + 1] = w->a[k + 1];
		if (fits)
			return 1;
	}
	return 0;
}

/*
 * Two names in the same script, letter by letter: 2 when they are one
 * stem with their languages' endings (Пэлтроу, Пэлтроудың), 1 when they
 * are so once two neighbouring letters of one are swapped (Пэлтроуыдң,
 * Пэлтроу, as a case ending is not any letters), 0 otherwise.
 */
static int
letters_match(struct habar_qa *qa, const struct habar_qa_unit *u, size_t s,
    size_t o, const char *x, size_t xlen, const char *xlang, const char *y,
    size_t ylen, const char *ylang)
{
	uint32_t a[64], b[64];
	struct spelling w;
	size_t i;

	w.a = a;
	w.b = b;
	w.u = u;
	w.sv = s;
	w.ov = o;
	w.na = habar__qa_code_points(qa, x, xlen, a, 64);
	w.nb = habar__qa_code_points(qa, y, ylen, b, 64);
	if (w.na < 3 || w.nb < 3)
		return w.na == w.nb && w.na > 0 &&
		    memcmp(a, b, w.na * sizeof(*a)) == 0 ? 2 : 0;
	w.ma = habar__qa_morph(qa, xlang);
	w.mb = habar__qa_morph(qa, ylang);
	w.sa = habar__qa_stemmer(qa, xlang);
	w.sb = habar__qa_stemmer(qa, ylang);
	i = prefix(a, w.na, b, w.nb);
	w.alternates = i < w.na && i < w.nb && vowel(qa, a[i]) &&
	    vowel(qa, b[i]);
	if (one_stem(qa, &w, a, b, 0))
		return ending_swapped(qa, &w, 0) ? 1 : 2;
	/* A name of four letters or fewer swapped is as often another
	 * transliteration (Сеуг, Сегу). */
	if (a[0] == b[0] && ((w.na >= 5 && w.nb == 4 && short_swap(qa, &w,
	    0)) || (w.nb >= 5 && w.na == 4 && short_swap(qa, &w, 1))))
		return 1;
	if (w.na < 5 || w.nb < 5 || a[0] != b[0])
		return 0;
	/* Not one stem as written, but one with a swapped ending where
	 * the swap ends the stem as the other's does (Австраляидағы
	 * against Австралии: Австралиядағы is a form of Австралия). */
	return swap_fits(qa, &w, 0) || swap_fits(qa, &w, 1) ||
	    ending_swapped(qa, &w, 1) || ending_swapped(qa, &w, 0) ? 1 : 0;
}

/*
 * Whether a third version of the unit (neither s nor o) spells the name
 * y of version o as o does where x of version s differs from it: two
 * versions agree on a spelling that s misses by a swap.
 */
static int
confirmed(struct habar_qa *qa, const struct habar_qa_unit *u, size_t s,
    size_t o, const struct habar_value *x, const struct habar_value *y)
{
	size_t k, j, p = 0, n = u->count < QA_MAX_SEGS ? u->count : QA_MAX_SEGS;

	while (x->key[p] != '\0' && x->key[p] == y->key[p])
		p++;
	for (k = 0; k < n; k++) {
		if (k == s || k == o)
			continue;
		for (j = 0; j < habar_values_count(qa->values[k]); j++) {
			const struct habar_value *z = habar_values_get(
			    qa->values[k], j);
			if (z->kind != HABAR_VALUE_NAME)
				continue;
			if (habar_value_name_match(y, z) == 2 ||
			    (p + 2 >= 4 && strlen(z->key) >= p + 2 &&
			    strncmp(y->key, z->key, p + 2) == 0))
				return 1;
		}
	}
	return 0;
}

/*
 * How names x and y of versions s and o compare: 2 one name, 1 one name
 * with two neighbouring letters swapped, 0 not.  *skeletons says whether
 * the skeletons decided (across scripts, or in one script where the
 * letters do not, as two languages may spell a name otherwise: Стейнем,
 * Штейнем), when a swap is weaker evidence (see habar__qa_check_names()).
 */
static int
name_match(struct habar_qa *qa, const struct habar_qa_unit *u, size_t s,
    const struct habar_value *x, size_t o, const struct habar_value *y,
    int *skeletons)
{
	size_t lx, ly;
	int m;

	*skeletons = 0;
	if (x->kind != HABAR_VALUE_NAME || y->kind != HABAR_VALUE_NAME)
		return 0;
	if (same_script(u->segs[s].text + x->start, u->segs[o].text +
	    y->start)) {
		m = letters_match(qa, u, s, o, u->segs[s].text + x->start,
		    x->end - x->start, u->segs[s].lang, u->segs[o].text +
		    y->start, y->end - y->start, u->segs[o].lang);
		if (m != 0 || strcmp(u->segs[s].lang, u->segs[o].lang) == 0)
			return m;
		/* Not a name of three symbols with an ending (Рэй is
		 * "raj", Роебрт "rajabrt"). */
		lx = strlen(x->key);
		ly = strlen(y->key);
		if ((lx < ly ? lx : ly) < 4 && lx != ly)
			return 0;
	}
	*skeletons = 1;
	return habar_value_name_match(x, y);
}

/* How many names of version k are the name y of version o (2 of
 * name_match()). */
static size_t
spelled_as(struct habar_qa *qa, const struct habar_qa_unit *u, size_t k,
    size_t o, const struct habar_value *y)
{
	size_t j, count = 0;
	int skeletons;

	for (j = 0; j < habar_values_count(qa->values[k]); j++)
		if (name_match(qa, u, k, habar_values_get(qa->values[k], j),
		    o, y, &skeletons) == 2)
			count++;
	return count;
}

/* Whether the word s[0..len) doubles a consonant. */
static int
doubles(struct habar_qa *qa, const char *s, size_t len)
{
	uint32_t cp[64];
	size_t n = habar__qa_code_points(qa, s, len, cp, 64), k;

	for (k = 0; k + 1 < n; k++)
		if (cp[k] == cp[k + 1] && !vowel(qa, cp[k]))
			return 1;
	return 0;
}

/* Whether a version of the unit other than s spells the name y of
 * version o, or a name one with it, with a doubled consonant. */
static int
doubled(struct habar_qa *qa, const struct habar_qa_unit *u, size_t s,
    size_t o, const struct habar_value *y)
{
	size_t k, j, n = u->count < QA_MAX_SEGS ? u->count : QA_MAX_SEGS;

	if (doubles(qa, u->segs[o].text + y->start, y->end - y->start))
		return 1;
	for (k = 0; k < n; k++) {
		if (k == s || k == o)
			continue;
		for (j = 0; j < habar_values_count(qa->values[k]); j++) {
			const struct habar_value *z = habar_values_get(
			    qa->values[k], j);
			if (habar_value_name_match(y, z) == 2 && doubles(qa,
			    u->segs[k].text + z->start, z->end - z->start))
				return 1;
		}
	}
	return 0;
}

/*
 * The name of version o, in another script than the name x of version
 * s, that x becomes by one swap of two neighbouring inner letters once
 * both are written in Latin letters (latin()), or NULL: the swapped
 * word agrees with the other letter for letter from the start, over
 * five letters at least and a letter past the swap (Мрирен, "mriren",
 * against Mirren).
 * For the names the skeletons match with none, where a skeleton loses
 * what the letters keep: a swap that makes a double the other script
 * leaves single (Mirren, Миррен), a digraph the swap splits.  Not a
 * swap of the last letter (Britain, "britaniya"), where transliterations
 * differ most.
 */
static const struct habar_value *
swapped_latin(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t s, const struct habar_value *x, size_t o,
    const struct habar_value *only)
{
	const struct habar_values *vo = qa->values[o];
	const char *xt = u->segs[s].text + x->start;
	char lx[128], ly[128], t[128], first;
	size_t nx = 0, ny, j, k, c;

	if (x->end - x->start < 5 || (first = latin_first(qa, xt, x->end -
	    x->start)) == 0)
		return NULL;
	for (j = 0; j < habar_values_count(vo); j++) {
		const struct habar_value *y = habar_values_get(vo, j);
		if (y->kind != HABAR_VALUE_NAME || (only != NULL && y !=
		    only) || same_script(xt, u->segs[o].text + y->start) ||
		    latin_first(qa, u->segs[o].text + y->start, y->end -
		    y->start) != first)
			continue;
		if (nx == 0 && (nx = latin(qa, xt, x->end - x->start, lx,
		    sizeof(lx))) < 5)
			return NULL;
		if ((ny = latin(qa, u->segs[o].text + y->start, y->end -
		    y->start, ly, sizeof(ly))) < 4 || ly[0] != lx[0])
			continue;
		memcpy(t, lx, nx + 1);
		for (k = 1; k + 1 < nx; k++) {
			if (lx[k] == lx[k + 1])
				continue;
			t[k] = lx[k + 1];
			t[k + 1] = lx[k];
			for (c = 0; c < nx && c < ny && t[c] == ly[c]; c++)
				;
			t[k] = lx[k];
			t[k + 1] = lx[k + 1];
			if (c >= k + 3 && c >= 5)
				return y;
		}
	}
	return NULL;
}

/* What ends name_letters() short: more than one word, or an apostrophe. */
#define LETTERS_ONE_WORD	1	/* a space or a hyphen */
#define LETTERS_NO_APOSTROPHE	2	/* ' or U+2019 */

/*
 * The code points of the name xt[0..xlen) in cp and the byte offset of
 * each in off (off[n] is xlen): their count n, or 0 when the name is
 * not valid UTF-8, is shorter than five letters or longer than 64, or
 * holds what stops (LETTERS_* bits) forbids.  The swaps below are tried
 * between neighbouring letters, which these give.
 */
static size_t
name_letters(const char *xt, size_t xlen, int stops, uint32_t cp[64],
    size_t off[65])
{
	const unsigned char *u = (const unsigned char *)xt;
	unsigned long c;
	size_t i = 0, n = 0, len;

	while (i < xlen && n < 64) {
		len = habar__utf8_decode(u + i, xlen - i, &c);
		if (len == 0 || ((stops & LETTERS_ONE_WORD) &&
		    (c == ' ' || c == '-')) || ((stops &
		    LETTERS_NO_APOSTROPHE) && (c == '\'' || c == 0x2019)))
			return 0;
		off[n] = i;
		cp[n++] = (uint32_t)c;
		i += len;
	}
	if (i < xlen || n < 5)
		return 0;
	off[n] = xlen;
	return n;
}

/*
 * The name of version o whose skeleton that of the name x of version s
 * becomes when two of its neighbouring inner letters are swapped
 * (habar_value_name_match() 2), or NULL, for what the skeletons alone
 * cannot tell:
 *  - the swap makes a doubled consonant, which a skeleton counts once
 *    (Brtet is "brtat", Brett and Бретт "brat"; Донгагла against Донгала
 *    and Donggala), when a version spells the name with a doubled
 *    consonant (Бретт, Donggala), as a swap that makes a double is
 *    otherwise as likely a double the other script leaves out (Vienna,
 *    Вена), and never for a Cyrillic spelling against a Latin one's
 *    doubles (Комитет, Committee);
 *  - or it swaps two consonants of a symbol each that a digraph hid
 *    (Livingtson, whose ts is "c"), losing no symbol (Рейнджерс is no
 *    Ренйджерс, whose й and дж are one "j");
 *  - or it makes a word the dictionary of x's language knows and x is
 *    not (Киатй, Китай, against Қытай; Genreal, General, against
 *    Генеральной; Росисю, Россию, against Ресейді): the dictionary
 *    stands in for the third version that would confirm a vowel swapped
 *    across scripts.
 * Both skeletons are four symbols or more; but for the dictionary, a
 * Latin name takes no case ending and a Cyrillic name is not compared
 * with a Latin one.
 */
static const struct habar_value *
swapped_skeleton(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t s, const struct habar_value *x, size_t o)
{
	const char *xt = u->segs[s].text + x->start;
	const struct habar_values *vo = qa->values[o];
	size_t xlen = x->end - x->start, off[65], n, k, j, lt, lx;
	struct habar__dict *dict = NULL;
	struct habar_value t;
	uint32_t cp[64];
	char buf[256];
	int x_known = -1;

	/* The swap keeps the first letter, and with it the first symbol
	 * of the skeleton (but where h opens the name). */
	for (j = 0; j < habar_values_count(vo); j++) {
		const struct habar_value *y = habar_values_get(vo, j);
		if (y->kind == HABAR_VALUE_NAME && y->key[0] == x->key[0])
			break;
	}
	if (xlen >= sizeof(buf) || j == habar_values_count(vo))
		return NULL;
	if ((n = name_letters(xt, xlen, 0, cp, off)) == 0)
		return NULL;
	t = *x;
	memcpy(buf, xt, xlen);
	buf[xlen] = '\0';
	lx = strlen(x->key);
	for (k = 1; k + 2 < n; k++) {
		size_t la = off[k + 1] - off[k], lb = off[k + 2] - off[k + 1];
		int dbl, cc, known = -1;
		if (cp[k] == cp[k + 1])
			continue;
		dbl = (cp[k - 1] == cp[k + 1] && !vowel(qa, cp[k + 1])) ||
		    (cp[k] == cp[k + 2] && !vowel(qa, cp[k]));
		cc = !dbl && consonant(qa, cp[k]) && consonant(qa, cp[k + 1]);
		memcpy(buf + off[k], xt + off[k + 1], lb);
		memcpy(buf + off[k] + lb, xt + off[k], la);
		habar__recognise_skeleton(qa->rec, buf, xlen, t.key,
		    sizeof(t.key));
		lt = strlen(t.key);
		for (j = 0; lt >= 4 && strcmp(t.key, x->key) != 0 &&
		    j < habar_values_count(vo); j++) {
			const struct habar_value *y = habar_values_get(vo, j);
			const char *yt = u->segs[o].text + y->start;
			size_t ly;
			if (y->kind != HABAR_VALUE_NAME || y->key[0] != t.key[0] ||
			    (ly = strlen(y->key)) < 4 ||
			    habar_value_name_match(&t, y) != 2)
				continue;
			if ((dbl || (cc && lt >= lx)) &&
			    !((unsigned char)xt[0] >= 0x80 &&
			    (unsigned char)yt[0] < 0x80) &&
			    !(lt > ly && (unsigned char)xt[0] < 0x80) &&
			    !(ly > lt && (unsigned char)yt[0] < 0x80) &&
			    (!dbl || doubled(qa, u, s, o, y)))
				return y;
			/* The dictionary, slower, once a swap makes a name. */
			if (dict == NULL && (dict = habar__qa_dictionary(qa,
			    u->segs[s].lang)) == NULL)
				continue;
			if (x_known < 0) {
				memcpy(buf + off[k], xt + off[k], la + lb);
				x_known = habar__dict_check(dict, buf);
				memcpy(buf + off[k], xt + off[k + 1], lb);
				memcpy(buf + off[k] + lb, xt + off[k], la);
			}
			if (x_known)
				continue;
			if (known < 0)
				known = habar__dict_check(dict, buf);
			if (known)
				return y;
		}
		memcpy(buf + off[k], xt + off[k], la + lb);
	}
	return NULL;
}

/* Whether the name x of version s is among the names the dictionary
 * found no swap for in this unit (with a counterpart when mode is 1, by
 * evident_swap() when 2) or knows as written (mode 3); with add, adds it
 * (and returns 0). */
static int
no_swap(struct habar_qa *qa, size_t s, const struct habar_value *x,
    int mode, int add)
{
	size_t k;

	if (add) {
		if (qa->no_swap_count < sizeof(qa->no_swap) /
		    sizeof(qa->no_swap[0])) {
			qa->no_swap[qa->no_swap_count].seg = s;
			qa->no_swap[qa->no_swap_count].mode = mode;
			qa->no_swap[qa->no_swap_count++].start = x->start;
		}
		return 0;
	}
	for (k = 0; k < qa->no_swap_count; k++)
		if (qa->no_swap[k].seg == s && qa->no_swap[k].start ==
		    x->start && qa->no_swap[k].mode == mode)
			return 1;
	return 0;
}

/* Whether swapping the letters cp[k] and cp[k + 1] of cp[0..n) leaves
 * the skeleton as it is: two vowels, a vowel and h (Ruardih), h and a
 * consonant (Birminhgam), a letter beside its double (Misssisippi). */
static int
unseen_swap(const struct habar_qa *qa, const uint32_t *cp, size_t n,
    size_t k)
{
	return cp[k] != cp[k + 1] && ((!consonant(qa, cp[k]) &&
	    !consonant(qa, cp[k + 1])) || silent(qa, cp[k]) ||
	    silent(qa, cp[k + 1]) || cp[k - 1] == cp[k + 1] ||
	    (k + 2 < n && cp[k] == cp[k + 2]));
}

/*
 * Whether the word s[0..len) has two neighbouring inner letters whose
 * swap its skeleton does not see (unseen_swap()), read as written: a
 * quick look before the letters are transliterated.
 */
static int
hides_swap(const struct habar_qa *qa, const char *s, size_t len)
{
	uint32_t cp[64];
	size_t n = 0, i = 0, k;

	while (i < len && n < 64) {
		unsigned long c;
		size_t l = habar__utf8_decode((const unsigned char *)s + i,
		    len - i, &c);
		if (l == 0)
			return 0;
		cp[n++] = (uint32_t)c;
		i += l;
	}
	for (k = 1; k + 1 < n; k++)
		if (unseen_swap(qa, cp, n, k))
			return 1;
	return 0;
}

/*
 * Whether the name x of version s, which the skeletons match with a
 * name of another version, is a word its language's Hunspell dictionary
 * does not know but knows with two neighbouring inner letters swapped
 * (Briatin's, Britain's, against Британии; Луизаина, Луизиана, against
 * Луизианы).  A skeleton writes every vowel alike, so it does not see two
 * vowels swapped, nor a vowel moved where transliterations differ
 * (Stelee, Steele, against Стил): the dictionary stands in for the
 * letters of the other script.  Single words of five letters or more.
 */
static int
dictionary_swap(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t s, const struct habar_value *x, const struct habar_value *y,
    char *fix, size_t fix_size)
{
	const char *xt = u->segs[s].text + x->start;
	size_t xlen = x->end - x->start, off[65], n, k;
	struct habar__dict *dict;
	struct habar_value t = *x;
	uint32_t cp[64];
	char buf[256], low[512];
	int found = 0;

	if (xlen >= sizeof(buf) || (dict = habar__qa_dictionary(qa,
	    u->segs[s].lang)) == NULL)
		return 0;
	if ((n = name_letters(xt, xlen, LETTERS_ONE_WORD, cp, off)) == 0)
		return 0;
	/* With a counterpart, only a swap the skeleton does not see, as
	 * the dictionary is slow; and a name once a unit. */
	for (k = 1; y != NULL && k + 1 < n && !unseen_swap(qa, cp, n, k);
	    k++)
		;
	if ((y != NULL && k + 1 >= n) || no_swap(qa, s, x, y != NULL, 0))
		return 0;
	off[n] = xlen;
	memcpy(buf, xt, xlen);
	buf[xlen] = '\0';
	/* Known as written: evident_swap() need not ask again. */
	if (habar__dict_check(dict, buf)) {
		no_swap(qa, s, x, 3, 1);
		return no_swap(qa, s, x, y != NULL, 1);
	}
	for (k = 1; k + 1 < n; k++) {
		size_t la = off[k + 1] - off[k], lb = off[k + 2] - off[k + 1];
		int known;
		/* Not the apostrophe of Britain's. */
		if (cp[k] == cp[k + 1] || cp[k] == '\'' || cp[k + 1] == '\'' ||
		    cp[k] == 0x2019 || cp[k + 1] == 0x2019 ||
		    (!vowel(qa, cp[k]) && !vowel(qa, cp[k + 1]) &&
		    !silent(qa, cp[k]) && !silent(qa, cp[k + 1])) ||
		    (y != NULL && !unseen_swap(qa, cp, n, k)))
			continue;
		memcpy(buf + off[k], xt + off[k + 1], lb);
		memcpy(buf + off[k] + lb, xt + off[k], la);
		/* A proper name, not a common word with a capital
		 * (Холли is no Холил, Haris no Hairs). */
		known = habar__dict_check(dict, buf) &&
		    habar__recognise_fold(qa->rec, buf, xlen, low,
		    sizeof(low)) > 0 && !habar__dict_check(dict, low);
		/* And still the name y: a swap the other script does not
		 * see, not another name (Kirsty is no Kristy for Кирсти,
		 * Кристиан no Кристина). */
		if (known && y != NULL) {
			habar__recognise_skeleton(qa->rec, buf, xlen, t.key,
			    sizeof(t.key));
			known = strcmp(t.key, x->key) == 0 ? 2 : 0;
			if (known && habar_value_name_match(&t, y) != 2)
				known = 1;
		}
		found |= known != 0;
		if (known && fix_size > xlen)
			memcpy(fix, buf, xlen + 1);
		memcpy(buf + off[k], xt + off[k], la + lb);
		if (known && (y == NULL || known == 2))
			return 1;
	}
	/* Remembered where no y could make it a finding. */
	return found ? 0 : no_swap(qa, s, x, y != NULL, 1);
}

/* How many symbols the skeletons x and y agree on from the start, a run
 * of vowels counting as one, as transliterations write one vowel for two
 * (Graham "graam", Грэм "gram"). */
static size_t
reach(const char *x, const char *y)
{
	size_t n = 0;

	while (*x != '\0' && *x == *y) {
		if (*x == 'a') {
			while (x[1] == 'a')
				x++;
			while (y[1] == 'a')
				y++;
		}
		x++;
		y++;
		n++;
	}
	return n;
}

/* How many symbols the skeleton of cp[0..k] has, as reach() counts
 * them, from count, those of cp[0..k): a consonant one (a double once),
 * a run of vowels one, h none; a rough count, for a bound. */
static size_t
symbols(const struct habar_qa *qa, const uint32_t *cp, size_t k,
    size_t count)
{
	if (silent(qa, cp[k]))
		return count;
	if (k > 0 && (cp[k] == cp[k - 1] || (vowel(qa, cp[k]) &&
	    vowel(qa, cp[k - 1]))))
		return count;
	return count + 1;
}

/* The most symbols the skeleton key agrees on with a name of a version
 * of the unit other than s (reach()). */
static size_t
reach_other(const struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t s, const char *key)
{
	size_t k, j, best = 0, r, n = u->count < QA_MAX_SEGS ? u->count :
	    QA_MAX_SEGS;

	for (k = 0; k < n; k++)
		for (j = 0; k != s && j < habar_values_count(qa->values[k]);
		    j++) {
			const struct habar_value *y = habar_values_get(
			    qa->values[k], j);
			if (y->kind == HABAR_VALUE_NAME &&
			    (r = reach(key, y->key)) > best)
				best = r;
		}
	return best;
}

/*
 * Whether the name x of version s, which no name of another version
 * matches, is a word the dictionary of its language does not know but
 * knows with two neighbouring inner letters swapped, any word, a common
 * one with a capital too (Minitser, Minister; Praty, Party; Депатрамента,
 * Департамента), when the swapped word's skeleton agrees with a name of
 * another version on four symbols or more and on more than x's does
 * (Garham, Graham, against Грэм: "garam", "gram", "gram"; not Haris,
 * whose swap Hairs is a word, against Харис), or, for a swap the
 * skeleton does not see (Nahsville, Soutehrn), on as many.  The
 * skeletons go first, as they are cheap: the dictionary is asked only
 * about a swap they favour.
 */
static int
evident_swap(struct habar_qa *qa, const struct habar_qa_unit *u, size_t s,
    const struct habar_value *x, char *fix, size_t fix_size)
{
	const char *xt = u->segs[s].text + x->start;
	size_t xlen = x->end - x->start, off[65], n, k, rx, rt;
	size_t before;
	struct habar__dict *dict = NULL;
	char buf[256], low[512], key[HABAR_VALUE_KEY_MAX];
	uint32_t cp[64];
	int x_known = -1, unseen;

	if (xlen >= sizeof(buf) || no_swap(qa, s, x, 2, 0) ||
	    no_swap(qa, s, x, 3, 0))
		return 0;
	/* dictionary_swap() asked about x and remembered it, known or
	 * not. */
	if (no_swap(qa, s, x, 0, 0) || no_swap(qa, s, x, 1, 0))
		x_known = 0;
	if ((n = name_letters(xt, xlen, LETTERS_ONE_WORD |
	    LETTERS_NO_APOSTROPHE, cp, off)) == 0)
		return 0;
	if ((rx = reach_other(qa, u, s, x->key)) == 0)
		return 0;
	memcpy(buf, xt, xlen);
	buf[xlen] = '\0';
	for (k = 1, before = symbols(qa, cp, 0, 0); k + 1 < n;
	    before = symbols(qa, cp, k, before), k++) {
		size_t la = off[k + 1] - off[k], lb = off[k + 2] - off[k + 1];
		int known = 0;
		if (cp[k] == cp[k + 1])
			continue;
		/* A swap the skeleton does not see leaves the reach as it
		 * is; past the symbols a name of another version shares,
		 * and one more for a digraph's sake, no other swap brings
		 * the skeleton nearer.  Neither needs the skeleton made. */
		unseen = before > rx + 1;
		if (unseen && !unseen_swap(qa, cp, n, k))
			continue;
		rt = rx;
		memcpy(buf + off[k], xt + off[k + 1], lb);
		memcpy(buf + off[k] + lb, xt + off[k], la);
		if (!unseen) {
			habar__recognise_skeleton(qa->rec, buf, xlen, key,
			    sizeof(key));
			rt = reach_other(qa, u, s, key);
			unseen = strcmp(key, x->key) == 0;
		}
		if (rt >= 4 && (rt > rx || unseen)) {
			if (dict == NULL && (dict = habar__qa_dictionary(qa,
			    u->segs[s].lang)) == NULL)
				return 0;
			if (x_known < 0) {
				memcpy(buf + off[k], xt + off[k], la + lb);
				x_known = habar__dict_check(dict, buf);
				memcpy(buf + off[k], xt + off[k + 1], lb);
				memcpy(buf + off[k] + lb, xt + off[k], la);
				if (x_known)
					break;
			}
			known = habar__dict_check(dict, buf);
			/* Where the skeleton does not tell, a proper name, not
			 * a word with a capital (Haeder is no Header). */
			if (known && unseen)
				known = habar__recognise_fold(qa->rec, buf,
				    xlen, low, sizeof(low)) > 0 &&
				    !habar__dict_check(dict, low);
		}
		if (known && fix_size > xlen)
			memcpy(fix, buf, xlen + 1);
		memcpy(buf + off[k], xt + off[k], la + lb);
		if (known)
			return 1;
	}
	return no_swap(qa, s, x, 2, 1);
}

/* Whether a version of the unit other than s, in the script of the name
 * x of version s, writes a name that begins with x's letters, or with
 * which x begins, in two thirds of x at least (Луизиана and
 * Луизиананың): x is spelled as another
 * translator spelled it, which spares the dictionary. */
static int
written(struct habar_qa *qa, const struct habar_qa_unit *u, size_t s,
    const struct habar_value *x)
{
	size_t k, j, n = u->count < QA_MAX_SEGS ? u->count : QA_MAX_SEGS;
	const char *xt = u->segs[s].text + x->start;
	size_t xlen = x->end - x->start;

	for (k = 0; k < n; k++)
		for (j = 0; k != s && j < habar_values_count(qa->values[k]);
		    j++) {
			const struct habar_value *y = habar_values_get(
			    qa->values[k], j);
			const char *yt = u->segs[k].text + y->start;
			size_t ylen = y->end - y->start;
			size_t m = xlen < ylen ? xlen : ylen;
			/* Two thirds of x at least, not a short other
			 * name. */
			if (y->kind == HABAR_VALUE_NAME && same_script(xt,
			    yt) && m * 3 >= xlen * 2 && memcmp(xt, yt, m) ==
			    0)
				return 1;
		}
	return 0;
}

/* Whether the skeletons x and y begin with the same consonants, three
 * or as many as the shorter has (Briatin's "brtns" and Британияның, Джноа
 * "jn" and John): a vowel swapped with a consonant moves no consonant. */
static int
consonants_begin(const char *x, const char *y)
{
	size_t n = 0;

	for (;;) {
		while (*x == 'a')
			x++;
		while (*y == 'a')
			y++;
		if (n == 3 || *x == '\0' || *y == '\0')
			return n >= 2;
		if (*x++ != *y++)
			return 0;
		n++;
	}
}

/* Whether a version of the unit other than s has a name one with the
 * name x of version s (Кристиан of the Russian against Кристи of the
 * Kazakh, where the English writes Christion): 1; 0 when none is, but
 * one begins with the consonants x begins with (consonants_begin()),
 * where x may be that name misspelled; else 2. */
static int
counterpart(struct habar_qa *qa, const struct habar_qa_unit *u, size_t s,
    const struct habar_value *x)
{
	size_t k, j, n = u->count < QA_MAX_SEGS ? u->count : QA_MAX_SEGS;
	int skeletons, near_ = 0;

	for (k = 0; k < n; k++)
		for (j = 0; k != s && j < habar_values_count(qa->values[k]);
		    j++) {
			const struct habar_value *y = habar_values_get(
			    qa->values[k], j);
			if (y->kind != HABAR_VALUE_NAME)
				continue;
			if (name_match(qa, u, s, x, k, y, &skeletons) == 2)
				return 1;
			near_ |= x->key[0] == y->key[0] &&
			    consonants_begin(x->key, y->key);
		}
	return near_ ? 0 : 2;
}

/* Whether of the names x of version s and y of version o the one in
 * Latin letters is the other with an ending of three symbols or more,
 * which an English name does not take (Example, Іске). */
static int
latin_ending(const struct habar_qa_unit *u, size_t s,
    const struct habar_value *x, size_t o, const struct habar_value *y)
{
	size_t lx = strlen(x->key), ly = strlen(y->key);

	if ((unsigned char)u->segs[s].text[x->start] < 0x80)
		return lx >= ly + 3;
	if ((unsigned char)u->segs[o].text[y->start] < 0x80)
		return ly >= lx + 3;
	return 0;
}

/* Whether a finding from first on already points at the name x of
 * version b (from the other side of the pair). */
static int
reported(const struct habar_qa *qa, size_t first, const struct habar_value *x)
{
	size_t k;

	for (k = first; k < qa->finding_count; k++)
		if (qa->findings[k].check == HABAR_QA_NAMES &&
		    qa->findings[k].start == x->start &&
		    qa->findings[k].end == x->end)
			return 1;
	return 0;
}

/* Names: a name of one side found in the other spelled with two
 * neighbouring letters swapped, where no other name of the side is
 * spelled as that one. */
void
habar__qa_check_names(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t a, size_t b)
{
	size_t side, first = qa->finding_count;

	for (side = 0; side < 2; side++) {
		size_t s = side ? b : a, o = side ? a : b, i, j;
		const struct habar_values *vs = qa->values[s], *vo = qa->values[o];
		for (i = 0; i < habar_values_count(vs); i++) {
			const struct habar_value *x = habar_values_get(vs, i);
			const struct habar_value *near_ = NULL, *lnear = NULL;
			char fix[256];
			int best = 0, by_skeleton = 0, letters_two = 0, c;
			if (x->kind != HABAR_VALUE_NAME ||
			    (x->flags & HABAR_VALUE_INITIAL))
				continue;
			/* Past a name one by the skeletons, for one by the
			 * letters. */
			for (j = 0; j < habar_values_count(vo) && (best < 2 ||
			    (by_skeleton && !letters_two)); j++) {
				const struct habar_value *y =
				    habar_values_get(vo, j);
				int skel, m;
				if (best == 2 && (y->kind != HABAR_VALUE_NAME ||
				    !same_script(u->segs[s].text + x->start,
				    u->segs[o].text + y->start)))
					continue;
				m = name_match(qa, u, s, x, o, y, &skel);
				if (m > best) {
					best = m;
					near_ = y;
					by_skeleton = skel;
				}
				if (!skel && m == 2)
					letters_two = 1;
				if (!skel && m == 1 && lnear == NULL)
					lnear = y;
			}
			/* Ддади against Диддидің and Дадди: the skeletons make
			 * it one name, the letters of its script another with
			 * two letters swapped, which is the name the swap
			 * hides. */
			if (best == 2 && by_skeleton && !letters_two &&
			    lnear != NULL) {
				best = 1;
				near_ = lnear;
				by_skeleton = 0;
			}
			if (best == 1 && by_skeleton &&
			    ((!consonant_swap(x->key, near_->key) &&
			    !vowel_swap(x->key, near_->key) &&
			    !confirmed(qa, u, s, o, x, near_) &&
			    !vowel_moved(qa, u, s, x, o, near_)) ||
			    latin_ending(u, s, x, o, near_)))
				best = 0;
			/* Trump and Term against Трамп: the name is spelled
			 * right elsewhere in s as often as o has it. */
			if (best == 1 && by_skeleton && spelled_as(qa, u, s, o,
			    near_) >= spelled_as(qa, u, o, o, near_))
				continue;
			/* No name of o near enough by letters or skeletons:
			 * one by the skeleton of x with two letters swapped,
			 * or by the word the dictionary knows so swapped, or
			 * by the letters of x so swapped in Latin. */
			if (best == 0 && (near_ = swapped_skeleton(qa, u, s, x,
			    o)) != NULL)
				best = 1;
			if (best == 0 && (near_ = swapped_latin(qa, u, s, x,
			    o, NULL)) != NULL)
				best = 1;
			/* One name by the skeletons (Ссесион, Sessions), but
			 * not by the letters, which one swap makes agree. */
			if (best == 2 && by_skeleton && hides_swap(qa, u->segs[s].text + x->start, x->end -
			    x->start) && swapped_latin(qa, u, s, x, o, near_) !=
			    NULL)
				best = 1;
			/* One name by the skeletons, but a word the
			 * dictionary knows with two letters swapped. */
			if (best == 2 && (by_skeleton || x->end - x->start !=
			    near_->end - near_->start || memcmp(u->segs[s].text +
			    x->start, u->segs[o].text + near_->start, x->end -
			    x->start) != 0) && !written(qa, u, s, x) &&
			    dictionary_swap(qa, u, s, x, near_, fix,
			    sizeof(fix)))
				best = 1;
			/* No name of o at all, but a name the dictionary
			 * knows once two letters the skeleton does not see
			 * are swapped (Briatin's, Britain's). */
			if (best == 0 && near_ == NULL &&
			    (c = counterpart(qa, u, s, x)) != 1 && ((c == 0 &&
			    dictionary_swap(qa, u, s, x, NULL, fix,
			    sizeof(fix))) || evident_swap(qa, u, s, x, fix,
			    sizeof(fix)))) {
				struct habar_qa_finding *f;
				if (reported(qa, first, x))
					continue;
				f = habar__qa_add(qa, HABAR_QA_NAMES,
				    HABAR_QA_ERROR, a, b, s, x->start, x->end);
				if (f == NULL)
					return;
				snprintf(f->message, sizeof(f->message),
				    "%s ", u->segs[s].lang);
				habar__qa_say(f, "\"%s\" is \"%s\"",
				    u->segs[s].text + x->start, x->end -
				    x->start, fix, strlen(fix));
				snprintf(f->message + strlen(f->message),
				    sizeof(f->message) - strlen(f->message),
				    " with two letters swapped?");
				continue;
			}
			if (best == 1) {
				struct habar_qa_finding *f;
				/* Reported once a pair: from a's side when
				 * both see it. */
				if (side == 1 && reported(qa, first, x))
					continue;
				f = habar__qa_add(qa, HABAR_QA_NAMES,
				    HABAR_QA_ERROR, a, b, b, side ? x->start :
				    near_->start, side ? x->end : near_->end);
				if (f == NULL)
					return;
				snprintf(f->message, sizeof(f->message),
				    "%s ", u->segs[s].lang);
				habar__qa_say(f, "\"%s\" is spelled \"%s\"",
				    u->segs[s].text + x->start, x->end -
				    x->start, u->segs[o].text + near_->start,
				    near_->end - near_->start);
				snprintf(f->message + strlen(f->message),
				    sizeof(f->message) - strlen(f->message),
				    " in %s (two letters swapped?)",
				    u->segs[o].lang);
			}
		}
	}
}
