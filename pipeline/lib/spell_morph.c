/*
 * spell_morph.c: the rules that let the checker accept words its Hunspell
 * dictionary lacks: inflected forms (a stem the dictionary knows followed
 * by a chain of suffixes) and spelling variants (British -our for -or,
 * Russian ё for е).
 *
 * The Debian Kazakh dictionary lists stems but misses most inflected
 * forms; Kazakh suffixes are regular, so a word is accepted when it can be
 * cut into a known stem and suffixes that (a) agree with the stem's last
 * vowel (vowel harmony), (b) fit the stem's last sound (the suffix's
 * first consonant assimilates: -лар after vowels, -дар after voiced,
 * -тар after voiceless consonants) and (c) come in an order the language
 * allows (each suffix names the groups it may follow).  The three checks
 * keep typos out: a random edit rarely leaves a valid chain behind.
 *
 * A stem must be an entry of the dictionary, or a form its affixes make
 * that the first suffix may follow (locales/<lang>/spell-affixes names
 * the group each Hunspell affix flag makes: a case form or a verb's
 * person form takes no further suffix).
 *
 * Before a suffix that begins with a vowel, a final п к қ between vowels
 * is voiced in native words (кітап, кітабы), at the stem and inside the
 * chain (locales/<lang>/spell-voicing).
 *
 * The rules are data, read from locales/<lang>/spell-suffixes,
 * spell-variants, spell-affixes and spell-voicing; see those files for
 * the format.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/data.h>

#include "grow_internal.h"
#include "spell_internal.h"

#define SUFFIX_MAX 12		/* code points in a suffix or variant */
#define GROUP_MAX 60		/* groups named in a rules file */
#define CHAIN_MAX 5		/* suffixes stripped from one word */
#define STEM_MIN 4		/* code points left as a verb's stem:
				 * shorter ones (ал, ол, кем) let too many
				 * typos in, except before a negation */
#define SHORT_STEM_MIN 3	/* the stem before a negation (бол-ма-ды) */
#define NOUN_STEM_MIN 5		/* the same for a stem that is not a verb:
				 * the dictionary holds many short
				 * fragments (кен, дайы, тарп) */
#define LISTED_STEM_MIN 2	/* the shortest stem a word list may give */
#define COMPOUND_REST_MIN 4	/* code points after a compound's head */
#define WORD_CP_MAX 96		/* longer words are not analysed */

/* The classes of a stem's last letter a suffix may follow. */
enum {
	CTX_VOWEL = 1 << 0,	/* a: vowels */
	CTX_GLIDE = 1 << 1,	/* y: й у и and soft/hard signs */
	CTX_R = 1 << 2,		/* r: р */
	CTX_L = 1 << 3,		/* l: л */
	CTX_NASAL = 1 << 4,	/* m: м н ң */
	CTX_ZH = 1 << 5,	/* z: ж з */
	CTX_VOICELESS = 1 << 6,	/* k: other consonants (final б в г д
				 * sound voiceless) */
	CTX_ANY = 0x7f
};

/* Suffix flags. */
enum {
	FLAG_CAPITAL = 1 << 0,	/* c: only in words starting upper-case */
	FLAG_HYPHEN = 1 << 1,	/* h: may stand after a hyphen */
	FLAG_ALTERNATE = 1 << 2, /* x: begins with a vowel: the final
				 * б г ғ before it may be п к қ, and a
				 * final п к қ must be voiced */
	FLAG_VERBAL = 1 << 3,	/* v: the stem is a verb, in the dictionary
				 * as its verbal noun (stem + у) */
	FLAG_SHORT = 1 << 4,	/* n: a stem of SHORT_STEM_MIN will do */
	FLAG_LEXICAL = 1 << 5,	/* l: a stem it follows must end like a
				 * suffix it follows (сыртта-ғы) */
	FLAG_PROBE = 1 << 6	/* p: an entry the dictionary also knows
				 * with it is a form of what it follows */
};

struct suffix {
	uint32_t cp[SUFFIX_MAX];
	int n;
	char harmony;		/* 'b' back, 'f' front, '-' either */
	unsigned context;	/* CTX_* */
	int group;		/* index into morph->groups */
	uint64_t follows;	/* groups it may follow */
	int after_stem;		/* it may follow the stem itself */
	unsigned flags;		/* FLAG_* */
};

/* The first element of a compound written as one word (көп-балалы). */
struct head {
	uint32_t cp[SUFFIX_MAX];
	int n;
};

struct variant {
	uint32_t from[SUFFIX_MAX], to[SUFFIX_MAX];
	int nfrom, nto;
	int at_end;		/* only at the end of the word */
	int inner;		/* only with three letters or more after it */
};

/* The suffixes ending in one letter, by their index in suffixes[]. */
struct ending {
	uint32_t last;		/* the letter */
	size_t first, count;	/* in morph->by_ending[] */
};

#define ENDING_MAX 64
#define PROBE_MAX 8		/* suffixes marked p */
#define VOICING_MAX 8		/* voiceless/voiced pairs */
#define NATIVE_MAX 16		/* letters that mark a native word */

struct habar__morph {
	struct suffix *suffixes;	/* longest first */
	size_t nsuffixes, suffixes_cap;
	/* An index of suffixes[] by last letter, in the same order, so
	 * that strip() looks only at those that can match. */
	size_t *by_ending;
	struct ending endings[ENDING_MAX];
	size_t nendings;
	/* The suffixes marked p, by their index in suffixes[]. */
	size_t probes[PROBE_MAX];
	int nprobes;
	struct variant *variants;
	size_t nvariants, variants_cap;
	struct head *heads;		/* from spell-compounds */
	size_t nheads, heads_cap;
	char groups[GROUP_MAX][16];
	int ngroups;
	/* The group each Hunspell affix flag (an ASCII letter) makes a
	 * form of, from spell-affixes; -1 for a flag the file leaves out. */
	signed char affix_group[128];
	uint64_t affix_groups;	/* the groups in affix_group[] */
	/* Whether the flag's forms of a lexicalised form are checked (see
	 * lexical_root_bars()). */
	unsigned char affix_lexical[128];
	int naffixes;		/* flags the file names */
	/* From spell-voicing: a stem's final voiceless[i] is written
	 * voiced[i] before a vowel (кітап, кітабы), and must be in a word
	 * with one of the native letters when a vowel stands before it. */
	uint32_t voiceless[VOICING_MAX], voiced[VOICING_MAX];
	int nvoicing;
	uint32_t native[NATIVE_MAX];
	int nnative;
};

/* Decodes a UTF-8 string into cp (at most max); returns the count or -1. */
static int
decode(const char *s, uint32_t *cp, int max)
{
	size_t i = 0, len = strlen(s);
	int n = 0;

	while (i < len) {
		if (n == max)
			return -1;
		cp[n++] = habar__spell_next_cp(s, len, &i);
	}
	return n;
}

static int
group_index(struct habar__morph *morph, const char *name)
{
	int i;

	for (i = 0; i < morph->ngroups; i++)
		if (strcmp(morph->groups[i], name) == 0)
			return i;
	if (morph->ngroups == GROUP_MAX || strlen(name) >= 16)
		return -1;
	snprintf(morph->groups[morph->ngroups], 16, "%s", name);
	return morph->ngroups++;
}

static unsigned
parse_context(const char *s)
{
	unsigned mask = 0;

	for (; *s; s++) {
		switch (*s) {
		case 'a': mask |= CTX_VOWEL; break;
		case 'y': mask |= CTX_GLIDE; break;
		case 'r': mask |= CTX_R; break;
		case 'l': mask |= CTX_L; break;
		case 'm': mask |= CTX_NASAL; break;
		case 'z': mask |= CTX_ZH; break;
		case 'k': mask |= CTX_VOICELESS; break;
		case 'c': mask |= CTX_ANY & ~CTX_VOWEL; break;
		case '*': mask |= CTX_ANY; break;
		default: return 0;
		}
	}
	return mask;
}

/* Parses "SUFFIX HARMONY CONTEXT GROUP FOLLOWS [FLAGS]". */
static int
parse_suffix(struct habar__morph *morph, char *line, struct suffix *sfx)
{
	char *field[6], *save = NULL, *tok, *f;
	int n = 0;

	for (tok = strtok_r(line, " \t", &save); tok != NULL && n < 6;
	    tok = strtok_r(NULL, " \t", &save))
		field[n++] = tok;
	if (n < 5 || tok != NULL)
		return -1;
	memset(sfx, 0, sizeof(*sfx));
	if ((sfx->n = decode(field[0], sfx->cp, SUFFIX_MAX)) <= 0)
		return -1;
	if (strcmp(field[1], "b") != 0 && strcmp(field[1], "f") != 0 &&
	    strcmp(field[1], "-") != 0)
		return -1;
	sfx->harmony = field[1][0];
	if ((sfx->context = parse_context(field[2])) == 0)
		return -1;
	if ((sfx->group = group_index(morph, field[3])) < 0)
		return -1;
	for (f = strtok_r(field[4], ",", &save); f != NULL;
	    f = strtok_r(NULL, ",", &save)) {
		int g;
		if (strcmp(f, "stem") == 0) {
			sfx->after_stem = 1;
			continue;
		}
		if ((g = group_index(morph, f)) < 0)
			return -1;
		sfx->follows |= (uint64_t)1 << g;
	}
	if (n == 6) {
		for (f = field[5]; *f; f++) {
			if (*f == 'c')
				sfx->flags |= FLAG_CAPITAL;
			else if (*f == 'h')
				sfx->flags |= FLAG_HYPHEN;
			else if (*f == 'x')
				sfx->flags |= FLAG_ALTERNATE;
			else if (*f == 'v')
				sfx->flags |= FLAG_VERBAL;
			else if (*f == 'n')
				sfx->flags |= FLAG_SHORT;
			else if (*f == 'l')
				sfx->flags |= FLAG_LEXICAL;
			else if (*f == 'p')
				sfx->flags |= FLAG_PROBE;
			else
				return -1;
		}
	}
	return 0;
}

/* Parses "FROM TO [end | inner]". */
static int
parse_variant(char *line, struct variant *v)
{
	char *field[4], *save = NULL, *tok;
	int n = 0;

	for (tok = strtok_r(line, " \t", &save); tok != NULL && n < 4;
	    tok = strtok_r(NULL, " \t", &save))
		field[n++] = tok;
	if (n < 2 || n > 3 || (n == 3 && strcmp(field[2], "end") != 0 &&
	    strcmp(field[2], "inner") != 0))
		return -1;
	memset(v, 0, sizeof(*v));
	if ((v->nfrom = decode(field[0], v->from, SUFFIX_MAX)) <= 0 ||
	    (v->nto = decode(field[1], v->to, SUFFIX_MAX)) < 0)
		return -1;
	if (strcmp(field[1], "-") == 0)
		v->nto = 0;
	v->at_end = n == 3 && strcmp(field[2], "end") == 0;
	v->inner = n == 3 && strcmp(field[2], "inner") == 0;
	return 0;
}

static int
by_length_desc(const void *a, const void *b)
{
	const struct suffix *x = a, *y = b;

	return y->n - x->n;
}

/* Parses "FLAG GROUP [lexical]": the Hunspell affix flag and the group
 * of spell-suffixes whose suffixes its forms end in. */
static int
parse_affix(struct habar__morph *morph, char *line)
{
	char *field[4], *save = NULL, *tok;
	int n = 0, g;
	unsigned char flag;

	for (tok = strtok_r(line, " \t", &save); tok != NULL && n < 4;
	    tok = strtok_r(NULL, " \t", &save))
		field[n++] = tok;
	if (n < 2 || n > 3 || strlen(field[0]) != 1 ||
	    (unsigned char)field[0][0] >= 128 ||
	    (n == 3 && strcmp(field[2], "lexical") != 0) ||
	    (g = group_index(morph, field[1])) < 0)
		return -1;
	flag = (unsigned char)field[0][0];
	if (morph->affix_group[flag] < 0)
		morph->naffixes++;
	morph->affix_group[flag] = (signed char)g;
	morph->affix_groups |= (uint64_t)1 << g;
	morph->affix_lexical[flag] = n == 3;
	return 0;
}

/* Parses a compound's head, one word. */
static int
parse_head(const char *line, struct head *hd)
{
	int i;

	if ((hd->n = decode(line, hd->cp, SUFFIX_MAX)) <= 0)
		return -1;
	for (i = 0; i < hd->n; i++)
		hd->cp[i] = habar__spell_lower(hd->cp[i]);
	return 0;
}

/* Parses "VOICELESS VOICED" or "native LETTER...". */
static int
parse_voicing(struct habar__morph *morph, char *line)
{
	char *field[NATIVE_MAX + 2], *save = NULL, *tok;
	uint32_t cp[2];
	int n = 0, i;

	for (tok = strtok_r(line, " \t", &save); tok != NULL &&
	    n < NATIVE_MAX + 2; tok = strtok_r(NULL, " \t", &save))
		field[n++] = tok;
	if (n < 2 || tok != NULL)
		return -1;
	if (strcmp(field[0], "native") == 0) {
		for (i = 1; i < n; i++) {
			if (morph->nnative == NATIVE_MAX ||
			    decode(field[i], cp, 1) != 1)
				return -1;
			morph->native[morph->nnative++] = cp[0];
		}
		return 0;
	}
	if (n != 2 || morph->nvoicing == VOICING_MAX ||
	    decode(field[0], cp, 1) != 1 || decode(field[1], cp + 1, 1) != 1)
		return -1;
	morph->voiceless[morph->nvoicing] = cp[0];
	morph->voiced[morph->nvoicing++] = cp[1];
	return 0;
}

/* Reads one rules file; kind 's' suffixes, 'v' variants, 'a' affixes,
 * 'w' voicing, 'c' compound heads. */
static enum habar_status
load_file(struct habar__morph *morph, const char *path, int kind, char *err,
    size_t err_len)
{
	FILE *fp;
	char line[512];
	unsigned long number = 0;
	enum habar_status status = HABAR_OK;

	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, err_len, "%s: %s", path, strerror(errno));
		return HABAR_ERR_IO;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *p = line, *end;
		number++;
		if ((end = strchr(p, '#')) != NULL)
			*end = '\0';
		end = p + strlen(p);
		while (end > p && (end[-1] == '\n' || end[-1] == '\r' ||
		    end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			continue;
		if (kind == 'a' || kind == 'w') {
			if ((kind == 'a' ? parse_affix(morph, p) :
			    parse_voicing(morph, p)) != 0)
				goto malformed;
		} else if (kind == 's') {
			struct suffix sfx;
			if (parse_suffix(morph, p, &sfx) != 0)
				goto malformed;
			if ((status = habar__grow((void **)&morph->suffixes,
			    &morph->suffixes_cap, morph->nsuffixes + 1,
			    sizeof(sfx), 64)) != HABAR_OK)
				goto done;
			morph->suffixes[morph->nsuffixes++] = sfx;
		} else if (kind == 'v') {
			struct variant v;
			if (parse_variant(p, &v) != 0)
				goto malformed;
			if ((status = habar__grow((void **)&morph->variants,
			    &morph->variants_cap, morph->nvariants + 1,
			    sizeof(v), 16)) != HABAR_OK)
				goto done;
			morph->variants[morph->nvariants++] = v;
		} else {
			struct head hd;
			if (parse_head(p, &hd) != 0)
				goto malformed;
			if ((status = habar__grow((void **)&morph->heads,
			    &morph->heads_cap, morph->nheads + 1,
			    sizeof(hd), 16)) != HABAR_OK)
				goto done;
			morph->heads[morph->nheads++] = hd;
		}
	}
	if (ferror(fp)) {
		snprintf(err, err_len, "%s: read error", path);
		status = HABAR_ERR_IO;
	}
	goto done;
malformed:
	snprintf(err, err_len, "%s:%lu: malformed rule", path, number);
	status = HABAR_ERR_INPUT;
done:
	fclose(fp);
	return status;
}

/* Builds morph->endings and morph->by_ending. */
static enum habar_status
index_endings(struct habar__morph *morph, char *err, size_t err_len)
{
	size_t i, e, used = 0;

	if (morph->nsuffixes == 0)
		return HABAR_OK;
	if ((morph->by_ending = calloc(morph->nsuffixes,
	    sizeof(*morph->by_ending))) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < morph->nsuffixes; i++) {
		uint32_t last = morph->suffixes[i].cp[morph->suffixes[i].n - 1];
		for (e = 0; e < morph->nendings; e++)
			if (morph->endings[e].last == last)
				break;
		if (e == morph->nendings) {
			if (e == ENDING_MAX) {
				snprintf(err, err_len, "suffixes end in more "
				    "than %d letters", ENDING_MAX);
				return HABAR_ERR_LIMIT;
			}
			morph->endings[e].last = last;
			morph->nendings++;
		}
		morph->endings[e].count++;
	}
	for (e = 0; e < morph->nendings; e++) {
		morph->endings[e].first = used;
		used += morph->endings[e].count;
		morph->endings[e].count = 0;
	}
	for (i = 0; i < morph->nsuffixes; i++) {
		uint32_t last = morph->suffixes[i].cp[morph->suffixes[i].n - 1];
		for (e = 0; morph->endings[e].last != last; e++)
			;
		morph->by_ending[morph->endings[e].first +
		    morph->endings[e].count++] = i;
	}
	return HABAR_OK;
}

enum habar_status
habar__morph_load(struct habar__morph **morph_out, const char *lang,
    char *err, size_t err_len)
{
	/* The locale's files, each optional, and the kind of its lines. */
	static const struct {
		const char *name;
		char kind;
	} files[] = {
		{ "spell-suffixes", 's' },
		{ "spell-variants", 'v' },
		{ "spell-affixes", 'a' },
		{ "spell-voicing", 'w' },
		{ "spell-compounds", 'c' }
	};
	struct habar__morph *morph;
	enum habar_status status = HABAR_OK;
	char *path = NULL;
	size_t i;

	*morph_out = NULL;
	if ((morph = calloc(1, sizeof(*morph))) == NULL)
		return HABAR_ERR_NOMEM;
	memset(morph->affix_group, -1, sizeof(morph->affix_group));
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		status = habar_data_find_locale(&path, lang, files[i].name);
		if (status == HABAR_OK)
			status = load_file(morph, path, files[i].kind, err,
			    err_len);
		else if (status == HABAR_ERR_NOTFOUND)
			status = HABAR_OK;	/* a language without it */
		free(path);
		path = NULL;
		if (status != HABAR_OK)
			goto done;
	}
	/* Longest first, so that a chain is cut at the largest suffix
	 * before smaller ones are tried. */
	if (morph->nsuffixes > 1)
		qsort(morph->suffixes, morph->nsuffixes,
		    sizeof(*morph->suffixes), by_length_desc);
	status = index_endings(morph, err, err_len);
	for (i = 0; status == HABAR_OK && i < morph->nsuffixes; i++) {
		if (!(morph->suffixes[i].flags & FLAG_PROBE))
			continue;
		if (morph->nprobes == PROBE_MAX) {
			snprintf(err, err_len, "more than %d suffixes marked p",
			    PROBE_MAX);
			status = HABAR_ERR_LIMIT;
		} else
			morph->probes[morph->nprobes++] = i;
	}
done:
	if (status != HABAR_OK) {
		habar__morph_free(morph);
		morph = NULL;
	}
	*morph_out = morph;
	return status;
}

void
habar__morph_free(struct habar__morph *morph)
{
	if (morph == NULL)
		return;
	free(morph->suffixes);
	free(morph->by_ending);
	free(morph->variants);
	free(morph->heads);
	free(morph);
}

/* The context class of a stem's last letter (lower case). */
static unsigned
context_of(uint32_t c)
{
	switch (c) {
	case 0x0430: case 0x04D9: case 0x0435: case 0x0451: case 0x043E:
	case 0x04E9: case 0x04B1: case 0x04AF: case 0x044B: case 0x0456:
	case 0x044D: case 0x044F: case 0x044E:
		return CTX_VOWEL;	/* а ә е ё о ө ұ ү ы і э я ю */
	case 0x0439: case 0x0443: case 0x0438: case 0x044C: case 0x044A:
		return CTX_GLIDE;	/* й у и ь ъ */
	case 0x0440:
		return CTX_R;
	case 0x043B:
		return CTX_L;
	case 0x043C: case 0x043D: case 0x04A3:
		return CTX_NASAL;	/* м н ң */
	case 0x0436: case 0x0437:
		return CTX_ZH;		/* ж з */
	default:
		break;
	}
	if (c < 0x80) {
		/* Latin stems (acronyms, names in Kazakh text): by letter. */
		if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u')
			return CTX_VOWEL;
		if (c == 'y')
			return CTX_GLIDE;
		if (c == 'r')
			return CTX_R;
		if (c == 'l')
			return CTX_L;
		if (c == 'm' || c == 'n')
			return CTX_NASAL;
		if (c == 'z')
			return CTX_ZH;
	}
	return CTX_VOICELESS;
}

/* 'b' or 'f' for the harmony of vowel c, '-' for neutral, 0 for none. */
static char
harmony_of(uint32_t c)
{
	switch (c) {
	case 0x0430: case 0x043E: case 0x04B1: case 0x044B: case 0x044F:
	case 0x0451: case 'a': case 'o': case 'u':
		return 'b';	/* а о ұ ы я ё */
	case 0x04D9: case 0x0435: case 0x04E9: case 0x04AF: case 0x0456:
	case 0x044D: case 'e': case 'i':
		return 'f';	/* ә е ө ү і э */
	case 0x0443: case 0x0438: case 0x044E: case 'y':
		return '-';	/* у и ю */
	default:
		return 0;
	}
}

/* The voiceless letter that a voiced c stands for before a vowel
 * (кітабы: кітап), or 0. */
static uint32_t
devoiced(const struct habar__morph *m, uint32_t c)
{
	int i;

	for (i = 0; i < m->nvoicing; i++)
		if (m->voiced[i] == c)
			return m->voiceless[i];
	return 0;
}

/*
 * Whether low[0..k) may stand before a vowel-initial suffix as written:
 * not when it ends in a vowel and a voiceless letter that voices
 * (кітапы for кітабы), in a word with a native letter (loans keep the
 * letter: парк-і, клуб-ы; after a consonant it stays: қорқ-ып).
 */
static int
unvoiced_ok(const struct habar__morph *m, const uint32_t *low, int k)
{
	int i, voices = 0;

	if (k < 2 || context_of(low[k - 2]) != CTX_VOWEL)
		return 1;
	for (i = 0; i < m->nvoicing && !voices; i++)
		voices = m->voiceless[i] == low[k - 1];
	if (!voices)
		return 1;
	for (i = 0; i < k; i++) {
		int j;
		for (j = 0; j < m->nnative; j++)
			if (low[i] == m->native[j])
				return 0;
	}
	return 1;
}

/* Whether low[0..k) ends in the letters of a suffix of the groups in
 * the mask, with a letter before them. */
static int
ends_like(const struct habar__morph *m, const uint32_t *low, int k,
    uint64_t groups)
{
	size_t e, x;

	for (e = 0; e < m->nendings; e++)
		if (m->endings[e].last == low[k - 1])
			break;
	if (e == m->nendings)
		return 0;
	for (x = 0; x < m->endings[e].count; x++) {
		const struct suffix *t =
		    &m->suffixes[m->by_ending[m->endings[e].first + x]];
		if ((groups & ((uint64_t)1 << t->group)) && t->n < k &&
		    memcmp(t->cp, low + k - t->n,
		    (size_t)t->n * sizeof(uint32_t)) == 0)
			return 1;
	}
	return 0;
}

/* The harmony of the stem low[0..n): its last non-neutral vowel. */
static char
stem_harmony(const uint32_t *low, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--) {
		char h = harmony_of(low[i]);
		if (h == 'b' || h == 'f')
			return h;
	}
	return '-';
}

/* Whether known()'s answer is an entry (of the dictionary or the
 * lists), not only a form its affixes make. */
static int
is_entry(int known)
{
	return known == 1 || known == 3;
}

struct analysis {
	const struct habar__morph *morph;
	const uint32_t *orig;	/* the word as written */
	const uint32_t *low;	/* in lower case */
	int capital;		/* starts upper-case */
	habar__morph_known_fn *known;
	void *arg;
	int calls;		/* known() calls so far, capped */
};

/*
 * The harmony a suffix after low[0..n) of the word an takes: the stem's,
 * or either in a capitalised word whose last vowel is neutral (и у ю):
 * Kazakh writers follow how they hear a foreign name's last syllable,
 * Корбиннің and Мадридте as well as Ливандағы, Сеулда.
 */
static char
suffix_harmony(const struct analysis *an, int n)
{
	int i;

	for (i = n - 1; an->capital && i >= 0; i--) {
		char h = harmony_of(an->low[i]);
		if (h == '-')
			return '-';
		if (h != 0)
			break;
	}
	return stem_harmony(an->low, n);
}

/*
 * The groups the entry buf (len bytes, low[0..n) in lower case) is a
 * lexicalised form of: those a suffix marked p follows when the
 * dictionary holds buf with that suffix as an entry too (арасы and
 * арасында: арасы is ара + сы, and declines as it).  0 for none.
 */
static uint64_t
probe_groups(struct analysis *an, char *buf, size_t len, int n)
{
	const struct habar__morph *m = an->morph;
	char affixes[HABAR__AFFIXES_MAX];
	char h = stem_harmony(an->low, n);
	size_t plen;
	int i, j, ok;

	for (i = 0; i < m->nprobes; i++) {
		const struct suffix *t = &m->suffixes[m->probes[i]];
		if (!(context_of(an->low[n - 1]) & t->context) ||
		    (t->harmony != '-' && h != '-' && h != t->harmony) ||
		    !ends_like(m, an->low, n, t->follows))
			continue;
		plen = len;
		for (j = 0, ok = 1; j < t->n && ok; j++)
			ok = habar__spell_put_cp(buf, WORD_CP_MAX * 4, &plen,
			    t->cp[j]);
		if (!ok)
			continue;
		buf[plen] = '\0';
		ok = is_entry(an->known(buf, 1, affixes, an->arg));
		buf[len] = '\0';
		if (ok)
			return t->follows;
	}
	return 0;
}

/*
 * Whether Hunspell's form orig[0..n) of group g stands only on entries
 * that are lexicalised forms (see probe_groups()) which its suffix may
 * not follow: Hunspell's арасыда, арасы + да, is no word (арасы-нда
 * is), while өзіміз is өз + іміз, not the lexicalised өзі + міз.
 */
static int
lexical_root_bars(struct analysis *an, int n, int g)
{
	const struct habar__morph *m = an->morph;
	char buf[WORD_CP_MAX * 4 + 1], affixes[HABAR__AFFIXES_MAX];
	size_t i, len;
	uint64_t lexical;
	int r, j, ok, known, barred = 0;

	for (i = 0; i < m->nsuffixes; i++) {
		const struct suffix *t = &m->suffixes[i];
		char h;
		if (t->group != g || t->n >= n || memcmp(t->cp,
		    an->low + n - t->n, (size_t)t->n * sizeof(uint32_t)) != 0)
			continue;
		r = n - t->n;
		h = stem_harmony(an->low, r);
		if (!(context_of(an->low[r - 1]) & t->context) ||
		    (t->harmony != '-' && h != '-' && h != t->harmony))
			continue;
		for (j = 0, len = 0, ok = 1; j < r && ok; j++)
			ok = habar__spell_put_cp(buf, sizeof(buf) - 1, &len,
			    an->orig[j]);
		if (!ok)
			continue;
		buf[len] = '\0';
		if ((known = an->known(buf, 1, affixes, an->arg)) == 0)
			continue;
		if (known == 2)
			return 0;
		lexical = probe_groups(an, buf, len, r);
		if (lexical == 0 || (t->follows & lexical))
			return 0;
		barred = 1;
	}
	return barred;
}

/*
 * Encodes orig[0..n) (its last code point replaced by last when
 * replace_last) and asks known(); a verbal stem is asked for as its
 * verbal noun, stem + "у", the form the dictionary lists verbs in.  With
 * listed, only a word of the lists will do (a stem shorter than the
 * dictionary's own may be).
 * Returns whether suffix s may follow it: it is an entry of the
 * dictionary, or a form of one (Hunspell's affixes make one suffix at a
 * time) that ends in a group s may follow (штат-ы, then -ның, not
 * -ды; Hunspell's imperative жау-йын, then no case ending at all).
 */
static int
stem_known(struct analysis *an, int n, uint32_t last, int replace_last,
    int verbal, int listed, const struct suffix *s)
{
	char buf[WORD_CP_MAX * 4 + 1], affixes[HABAR__AFFIXES_MAX];
	const char *f;
	size_t len = 0;
	uint64_t lexical;
	int i, known, entry;

	affixes[0] = '\0';
	if (an->calls++ > 64)
		return 0;
	for (i = 0; i < n; i++) {
		uint32_t c = an->orig[i];
		if (replace_last && i == n - 1)
			c = last;
		if (!habar__spell_put_cp(buf, sizeof(buf) - 1, &len, c))
			return 0;
	}
	if (verbal && !habar__spell_put_cp(buf, sizeof(buf) - 1, &len, 0x0443))
		return 0;
	buf[len] = '\0';
	/* Hunspell's analysis only where it can tell something: a form of
	 * the groups the rules name ends like one of their suffixes. */
	known = an->known(buf, verbal ? 2 : 1, listed ||
	    (an->morph->naffixes > 0 && ends_like(an->morph, an->low, n,
	    an->morph->affix_groups)) ? affixes : NULL, an->arg);
	if (known == 0 || (listed && known != 3))
		return 0;
	/* An entry takes what may follow a stem, unless it is a
	 * lexicalised form; a form, what may follow the group its affix
	 * makes (and an entry that is also such a form, that too: жаны,
	 * жан + ы, then -на); a form by a flag the rules do not name counts
	 * as an entry. */
	entry = is_entry(known) && s->after_stem;
	if (is_entry(known) && !verbal && an->morph->naffixes > 0 &&
	    (lexical = probe_groups(an, buf, len, n)) != 0) {
		if (s->follows & lexical)
			return 1;
		entry = 0;
	}
	for (f = affixes; *f != '\0'; f++) {
		unsigned char c = (unsigned char)*f & 0x7f;
		int g = an->morph->affix_group[c];
		if (g < 0)
			entry |= s->after_stem;
		else if ((s->follows & ((uint64_t)1 << g)) &&
		    (!an->morph->affix_lexical[c] ||
		    !lexical_root_bars(an, n, g)))
			return 1;
	}
	return entry;
}

/*
 * Whether low[0..n) is a known stem followed by suffixes, the outermost
 * of which may be of the groups in allowed (or anything when any); final,
 * when not 0, is the letter low[n - 1] stands for (a suffix's final к қ
 * п voices before a vowel: -лық-ы is written -лығы).
 */
static int
strip(struct analysis *an, int n, uint64_t allowed, int any, int depth,
    uint32_t final)
{
	const struct habar__morph *m = an->morph;
	size_t e, x;

	if (depth >= CHAIN_MAX || n < 1)
		return 0;
	if (final == 0)
		final = an->low[n - 1];
	for (e = 0; e < m->nendings; e++)
		if (m->endings[e].last == final)
			break;
	if (e == m->nendings)
		return 0;
	for (x = 0; x < m->endings[e].count; x++) {
		const struct suffix *s =
		    &m->suffixes[m->by_ending[m->endings[e].first + x]];
		int k = n - s->n, j, short_stem, listed;
		uint32_t last;
		char h;

		/* A stem too short to trust in the dictionary, which holds
		 * many fragments, will do when the lists hold it (ел-де,
		 * жер-і-не); no suffix is cut from it. */
		short_stem = k < SHORT_STEM_MIN || (k < STEM_MIN &&
		    !(s->flags & (FLAG_SHORT | FLAG_CAPITAL)));
		if (k < LISTED_STEM_MIN || (short_stem &&
		    (s->flags & FLAG_VERBAL)))
			continue;
		if (!any && !(allowed & ((uint64_t)1 << s->group)))
			continue;
		if ((s->flags & FLAG_CAPITAL) && !an->capital)
			continue;
		for (j = 0; j < s->n; j++)
			if ((k + j == n - 1 ? final : an->low[k + j]) !=
			    s->cp[j])
				break;
		if (j < s->n)
			continue;
		last = an->low[k - 1];
		if (!(context_of(last) & s->context))
			continue;
		if ((s->flags & FLAG_ALTERNATE) &&
		    !unvoiced_ok(m, an->low, k))
			continue;
		h = suffix_harmony(an, k);
		if (s->harmony != '-' && h != '-' && h != s->harmony)
			continue;
		/* The stem itself, when the suffix may follow a stem or when
		 * Hunspell may know the stem as a form of a group the suffix
		 * follows (which ends like a suffix of that group); names
		 * are short (Бек-ова) but only capitalised words take the
		 * name suffixes. */
		/* (l: a stem must end like a suffix it follows: an entry
		 * that is a lexicalised form of them, сыртта before -ғы.) */
		listed = short_stem || (k < NOUN_STEM_MIN &&
		    !(s->flags & (FLAG_VERBAL | FLAG_CAPITAL)));
		if (s->after_stem ? !(s->flags & FLAG_LEXICAL) ||
		    ends_like(m, an->low, k, s->follows) : m->naffixes > 0 &&
		    ends_like(m, an->low, k, s->follows)) {
			int verbal = (s->flags & FLAG_VERBAL) != 0;
			if (stem_known(an, k, 0, 0, verbal, listed, s))
				return 1;
			/* кітап + ы = кітабы: the voiceless final of the
			 * stem voices before a vowel. */
			if (s->flags & FLAG_ALTERNATE) {
				uint32_t alt = devoiced(m, last);
				if (alt != 0 && stem_known(an, k, alt, 1,
				    verbal, listed, s))
					return 1;
			}
		}
		if (short_stem)
			continue;
		if (s->follows != 0 &&
		    strip(an, k, s->follows, 0, depth + 1, 0))
			return 1;
		/* The same inside the chain: жатқан-дық-ы. */
		if (s->follows != 0 && (s->flags & FLAG_ALTERNATE) &&
		    devoiced(m, last) != 0 &&
		    strip(an, k, s->follows, 0, depth + 1, devoiced(m, last)))
			return 1;
		if (an->calls > 64)
			return 0;
	}
	return 0;
}

/* Tries each spelling variant of word cp[0..n). */
static int
try_variants(struct analysis *an, int n)
{
	const struct habar__morph *m = an->morph;
	size_t i;

	for (i = 0; i < m->nvariants; i++) {
		const struct variant *v = &m->variants[i];
		int start, j;

		for (start = v->at_end ? n - v->nfrom : 0;
		    start >= 0 && start + v->nfrom <= n; start++) {
			char buf[WORD_CP_MAX * 4 + SUFFIX_MAX * 4 + 1];
			size_t len = 0;
			int ok = 1;

			for (j = 0; j < v->nfrom; j++)
				if (an->low[start + j] != v->from[j])
					break;
			if (j < v->nfrom)
				continue;
			/* British "ae" and "oe" stand inside a word (foetus,
			 * anaemia); near its end they are typos (maed). */
			if (v->inner && n - start - v->nfrom < 3)
				continue;
			for (j = 0; j < start && ok; j++)
				ok = habar__spell_put_cp(buf, sizeof(buf) - 1,
				    &len, an->orig[j]);
			for (j = 0; j < v->nto && ok; j++) {
				uint32_t c = v->to[j];
				/* Keep an upper-case letter upper-case. */
				if (j == 0 && habar__spell_is_upper(
				    an->orig[start]) && c >= 'a' && c <= 'z')
					c -= 32;
				ok = habar__spell_put_cp(buf, sizeof(buf) - 1,
				    &len, c);
			}
			for (j = start + v->nfrom; j < n && ok; j++)
				ok = habar__spell_put_cp(buf, sizeof(buf) - 1,
				    &len, an->orig[j]);
			if (!ok)
				break;
			buf[len] = '\0';
			if (an->known(buf, 0, NULL, an->arg))
				return 1;
			break;	/* the first occurrence only */
		}
	}
	return 0;
}

/*
 * Whether low[0..n) is a compound written as one word: a head of
 * spell-compounds and a word the rules accept (көп-балалы, әуе-жайы).
 */
static int
try_compound(const struct analysis *an, int n)
{
	const struct habar__morph *m = an->morph;
	char buf[WORD_CP_MAX * 4 + 1];
	size_t i, len;
	int j, ok;

	for (i = 0; i < m->nheads; i++) {
		const struct head *hd = &m->heads[i];
		struct analysis rest = *an;

		if (n - hd->n < COMPOUND_REST_MIN || memcmp(hd->cp, an->low,
		    (size_t)hd->n * sizeof(uint32_t)) != 0)
			continue;
		rest.orig = an->orig + hd->n;
		rest.low = an->low + hd->n;
		rest.capital = 0;
		for (j = hd->n, len = 0, ok = 1; j < n && ok; j++)
			ok = habar__spell_put_cp(buf, sizeof(buf) - 1, &len,
			    an->low[j]);
		if (!ok)
			continue;
		buf[len] = '\0';
		if (an->known(buf, 0, NULL, an->arg) ||
		    strip(&rest, n - hd->n, 0, 1, 0, 0))
			return 1;
	}
	return 0;
}

int
habar__morph_accepts(const struct habar__morph *morph, const char *word,
    habar__morph_known_fn *known, void *arg)
{
	uint32_t orig[WORD_CP_MAX], low[WORD_CP_MAX];
	struct analysis an;
	int n, i;

	if (morph == NULL)
		return 0;
	if ((n = decode(word, orig, WORD_CP_MAX)) <= 0)
		return 0;
	for (i = 0; i < n; i++)
		low[i] = habar__spell_lower(orig[i]);
	memset(&an, 0, sizeof(an));
	an.morph = morph;
	an.orig = orig;
	an.low = low;
	an.capital = habar__spell_is_upper(orig[0]);
	an.known = known;
	an.arg = arg;
	if (try_variants(&an, n) || strip(&an, n, 0, 1, 0, 0))
		return 1;
	return try_compound(&an, n);
}

int
habar__morph_is_suffix(const struct habar__morph *morph, const char *s,
    int chain)
{
	uint32_t cp[WORD_CP_MAX], low[WORD_CP_MAX];
	unsigned char steps[WORD_CP_MAX + 1];	/* suffixes to reach, 0 no */
	int n, i, p;
	size_t k;

	if (morph == NULL || (n = decode(s, cp, WORD_CP_MAX)) <= 0)
		return 0;
	for (i = 0; i < n; i++)
		low[i] = habar__spell_lower(cp[i]);
	/* Harmony cannot be checked after an acronym or a number (it
	 * follows how they are read aloud): a suffix marked h, then any
	 * suffixes (3-інші-ден, 2-еу-і), whatever their order. */
	memset(steps, 0, sizeof(steps));
	for (p = 0; p < n; p++) {
		if (p > 0 && (!chain || steps[p] == 0 ||
		    steps[p] >= CHAIN_MAX))
			continue;
		for (k = 0; k < morph->nsuffixes; k++) {
			const struct suffix *sf = &morph->suffixes[k];
			int to = p + sf->n;
			if ((p == 0 && !(sf->flags & FLAG_HYPHEN)) ||
			    sf->n > n - p ||
			    memcmp(sf->cp, low + p,
			    (size_t)sf->n * sizeof(uint32_t)) != 0)
				continue;
			if (steps[to] == 0 || steps[to] > steps[p] + 1)
				steps[to] = (unsigned char)(steps[p] + 1);
		}
	}
	return steps[n] != 0;
}
