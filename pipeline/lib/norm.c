/*
 * norm.c: the line normaliser behind habar-norm (see habar/norm.h).
 *
 * A line goes through two stages.  The character stage decodes UTF-8
 * (invalid sequences become U+FFFD), drops or maps spaces, invisible and
 * control characters, trims the line end, applies NFC to the spans that
 * need it and repairs look-alike letters word by word.  The punctuation
 * stage then decides straight quotes, apostrophes and spaced dashes from
 * their neighbours and from the quotation marks still open in the
 * paragraph.  Every decision depends only on text the normaliser writes
 * itself (the previous output character, the quotation marks open so far)
 * or on classes of the next character that no rule changes (space,
 * letter, digit), which is what makes the normaliser idempotent.
 *
 * Speed: most lines need nothing but the decoding pass, which consults a
 * table of per-character flags built from ICU once; a line that no rule
 * changes is written out as the bytes it came in as.  ICU itself is only
 * called for the rare spans that are not plainly NFC.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "norm_internal.h"

#define QUOTE_DEPTH 16
#define KIND_PRIMARY 1
#define KIND_ALT 2

struct habar_norm {
	char *lang;
	unsigned rules;
	uint32_t house_dash;		/* --dash: 0 for the language's own */
	struct habar__norm_data data;
	struct habar__norm_locale loc;
	habar_norm_listener_fn *listener;
	void *listener_arg;
	unsigned long line;
	unsigned long long offset;
	size_t column;			/* of the text's first character */
	/* State carried from line to line within a paragraph. */
	unsigned char stack[QUOTE_DEPTH];
	size_t depth;
	uint32_t fence_char;
	size_t fence_len;	/* > 0 inside a fenced code block */
	/* Working buffers, grown as lines require. */
	uint32_t *cp, *col, *cp2, *col2;
	size_t cp_cap, cp2_cap;
	char *out;
	size_t out_cap;
	struct habar_norm_counts counts;
	unsigned long error_line;
	char error[256];
};

/* The two clause dashes a house may choose (habar_norm_set_dash()). */
#define HOUSE_EN_DASH 0x2013u
#define HOUSE_EM_DASH 0x2014u

/* Byte classes of ASCII for plain_line(). */
#define B_OTHER 0
#define B_LATIN 1
#define B_SPACE 2
#define B_HYPHEN 3
#define B_SLOW 4

static unsigned char ascii_class[128];
static pthread_once_t ascii_once = PTHREAD_ONCE_INIT;

static void
build_ascii_class(void)
{
	unsigned c;

	for (c = 0; c < 128; c++) {
		uint16_t f = norm_flags(c);
		if ((f & NF_CONTROL) || c == '"' || c == '\'' || c == '`' ||
		    c == '~')
			ascii_class[c] = B_SLOW;
		else if (f & NF_LATIN)
			ascii_class[c] = B_LATIN;
		else if (c == ' ' || c == '\t')
			ascii_class[c] = B_SPACE;
		else if (c == '-')
			ascii_class[c] = B_HYPHEN;
		else
			ascii_class[c] = B_OTHER;
	}
}

void
habar__norm_set_error(struct habar_norm *norm, unsigned long line,
    const char *message)
{
	norm->error_line = line;
	snprintf(norm->error, sizeof(norm->error), "%s", message);
}

void
habar__norm_clear_lang(struct habar_norm *norm)
{
	free(norm->lang);
	norm->lang = NULL;
}

unsigned
habar__norm_rules(const struct habar_norm *norm)
{
	return norm->rules;
}

void
habar__norm_count_eol(struct habar_norm *norm)
{
	norm->counts.eol++;
}

enum habar_status
habar_norm_new(struct habar_norm **norm_out, const char *lang)
{
	struct habar_norm *norm;
	enum habar_status status;

	*norm_out = NULL;
	if ((status = habar__norm_icu_init()) != HABAR_OK)
		return status;
	pthread_once(&ascii_once, build_ascii_class);
	if ((norm = calloc(1, sizeof(*norm))) == NULL)
		return HABAR_ERR_NOMEM;
	norm->rules = HABAR_NORM_RULE_ALL;
	norm->column = 1;
	if (lang != NULL &&
	    (status = habar_norm_set_lang(norm, lang)) != HABAR_OK) {
		habar_norm_free(norm);
		return status;
	}
	*norm_out = norm;
	return HABAR_OK;
}

void
habar_norm_free(struct habar_norm *norm)
{
	if (norm == NULL)
		return;
	free(norm->lang);
	free(norm->cp);
	free(norm->col);
	free(norm->cp2);
	free(norm->col2);
	free(norm->out);
	free(norm);
}

/*
 * A house that picks its dash wants every clause dash alike: the hyphen
 * and the other dash, typed alone between spaced words, both become the
 * one chosen.  Without a choice the language's data file stands.
 */
static void
use_house_dash(struct habar__norm_data *data, uint32_t dash)
{
	if (dash == 0)
		return;
	data->clause_dash = dash;
	data->dashes[0] = '-';
	data->dashes[1] = dash == HOUSE_EN_DASH ? HOUSE_EM_DASH :
	    HOUSE_EN_DASH;
	data->ndashes = 2;
}

enum habar_status
habar_norm_set_lang(struct habar_norm *norm, const char *lang)
{
	struct habar__norm_data data;
	struct habar__norm_locale loc;
	enum habar_status status;
	char *copy;
	size_t i;
	int uses;

	if (lang == NULL || *lang == '\0' || strlen(lang) > 35 ||
	    strspn(lang, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != strlen(lang)) {
		snprintf(norm->error, sizeof(norm->error),
		    "'%s' is not a language tag", lang ? lang : "");
		return HABAR_ERR_ARGUMENT;
	}
	status = habar__norm_data_load(&data, lang, norm->error,
	    sizeof(norm->error));
	if (status != HABAR_OK)
		return status;
	status = habar__norm_icu_locale(&loc, lang, norm->error,
	    sizeof(norm->error));
	if (status != HABAR_OK)
		return status;
	use_house_dash(&data, norm->house_dash);
	/* The data file picks the dash; ICU's exemplar punctuation of the
	 * language must know it, so that no hand-written choice strays from
	 * what the locale data says the language uses. */
	uses = habar__norm_icu_uses(lang, data.clause_dash);
	if (uses == 0) {
		snprintf(norm->error, sizeof(norm->error),
		    "locales/%s/punctuation: clause dash U+%04X is not in "
		    "ICU's punctuation for '%s'", lang,
		    (unsigned)data.clause_dash, lang);
		return HABAR_ERR_INPUT;
	}
	for (i = 0; i < data.ndashes; i++)
		if (data.dashes[i] == data.clause_dash) {
			snprintf(norm->error, sizeof(norm->error),
			    "locales/%s/punctuation: the clause dash cannot be "
			    "one of the spaced dashes it replaces", lang);
			return HABAR_ERR_INPUT;
		}
	if ((copy = strdup(lang)) == NULL)
		return HABAR_ERR_NOMEM;
	free(norm->lang);
	norm->lang = copy;
	norm->data = data;
	norm->loc = loc;
	habar_norm_reset(norm);
	return HABAR_OK;
}

enum habar_status
habar_norm_set_dash(struct habar_norm *norm, const char *name)
{
	uint32_t dash;

	if (name == NULL)
		dash = 0;
	else if (strcmp(name, "en") == 0)
		dash = HOUSE_EN_DASH;
	else if (strcmp(name, "em") == 0)
		dash = HOUSE_EM_DASH;
	else {
		snprintf(norm->error, sizeof(norm->error),
		    "'%s' is not a dash: en or em", name);
		return HABAR_ERR_ARGUMENT;
	}
	norm->house_dash = dash;
	/* The language in force takes the choice at once; a later
	 * habar_norm_set_lang() applies it to the new language's data. */
	if (norm->lang != NULL) {
		char *lang = norm->lang;
		enum habar_status status;

		norm->lang = NULL;
		status = habar_norm_set_lang(norm, lang);
		if (status != HABAR_OK)
			norm->lang = lang;
		else
			free(lang);
		return status;
	}
	return HABAR_OK;
}

const char *
habar_norm_lang(const struct habar_norm *norm)
{
	return norm->lang;
}

void
habar_norm_set_rules(struct habar_norm *norm, unsigned rules)
{
	norm->rules = rules & HABAR_NORM_RULE_ALL;
}

unsigned
habar_norm_rule_from_name(const char *name)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {
		{ "all", HABAR_NORM_RULE_ALL },
		{ "apostrophes", HABAR_NORM_RULE_APOSTROPHES },
		{ "controls", HABAR_NORM_RULE_CONTROLS },
		{ "dashes", HABAR_NORM_RULE_DASHES },
		{ "eol", HABAR_NORM_RULE_EOL },
		{ "invisible", HABAR_NORM_RULE_INVISIBLE },
		{ "lookalike", HABAR_NORM_RULE_LOOKALIKE },
		{ "quotes", HABAR_NORM_RULE_QUOTES },
		{ "spaces", HABAR_NORM_RULE_SPACES },
		{ "trailing", HABAR_NORM_RULE_TRAILING },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].name, name) == 0)
			return names[i].bit;
	return 0;
}

void
habar_norm_set_listener(struct habar_norm *norm, habar_norm_listener_fn *fn,
    void *arg)
{
	norm->listener = fn;
	norm->listener_arg = arg;
}

void
habar_norm_set_position(struct habar_norm *norm, unsigned long line,
    unsigned long long offset, size_t column)
{
	norm->line = line;
	norm->offset = offset;
	norm->column = column > 0 ? column : 1;
}

void
habar_norm_reset(struct habar_norm *norm)
{
	norm->depth = 0;
	norm->fence_len = 0;
	norm->fence_char = 0;
}

void
habar_norm_counts(const struct habar_norm *norm,
    struct habar_norm_counts *counts)
{
	*counts = norm->counts;
}

const char *
habar_norm_error(const struct habar_norm *norm)
{
	return norm->error;
}

unsigned long
habar_norm_error_line(const struct habar_norm *norm)
{
	return norm->error_line;
}

/* Makes room for n code points in the first (second) working arrays. */
static enum habar_status
grow_cp(uint32_t **cp, uint32_t **col, size_t *cap, size_t n)
{
	uint32_t *a, *b;
	size_t want = *cap ? *cap : 256;

	if (n <= *cap)
		return HABAR_OK;
	while (want < n) {
		if (want > SIZE_MAX / 2 / sizeof(uint32_t))
			return HABAR_ERR_LIMIT;
		want *= 2;
	}
	if ((a = realloc(*cp, want * sizeof(*a))) == NULL)
		return HABAR_ERR_NOMEM;
	*cp = a;
	if ((b = realloc(*col, want * sizeof(*b))) == NULL)
		return HABAR_ERR_NOMEM;
	*col = b;
	*cap = want;
	return HABAR_OK;
}

static void
emit_event(struct habar_norm *norm, struct habar_norm_event *ev)
{
	ev->line = norm->line;
	if (norm->listener != NULL)
		norm->listener(norm->listener_arg, ev);
}

/*
 * Decodes one UTF-8 character at s[*i] (n bytes in all) following the
 * Unicode recommendation for ill-formed input: a maximal well-formed
 * prefix counts as one error.  Returns the code point, or 0xFFFFFFFF for
 * an error; *i moves past what was consumed.
 */
static uint32_t
decode_utf8(const unsigned char *s, size_t n, size_t *i)
{
	size_t p = *i;
	unsigned b0 = s[p];
	uint32_t c;
	unsigned lo = 0x80, hi = 0xBF;
	int need;

	if (b0 < 0x80) {
		*i = p + 1;
		return b0;
	}
	if (b0 >= 0xC2 && b0 <= 0xDF) {
		need = 1;
		c = b0 & 0x1F;
	} else if (b0 >= 0xE0 && b0 <= 0xEF) {
		need = 2;
		c = b0 & 0x0F;
		if (b0 == 0xE0)
			lo = 0xA0;
		else if (b0 == 0xED)
			hi = 0x9F;
	} else if (b0 >= 0xF0 && b0 <= 0xF4) {
		need = 3;
		c = b0 & 0x07;
		if (b0 == 0xF0)
			lo = 0x90;
		else if (b0 == 0xF4)
			hi = 0x8F;
	} else {
		*i = p + 1;
		return 0xFFFFFFFFu;
	}
	p++;
	while (need-- > 0) {
		if (p >= n || s[p] < lo || s[p] > hi) {
			*i = p;
			return 0xFFFFFFFFu;
		}
		c = (c << 6) | (s[p] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
		p++;
	}
	*i = p;
	return c;
}

static int
is_ascii_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* The result of the character stage, beyond the code points. */
struct stage {
	size_t n;		/* code points in norm->cp */
	int changed;		/* the text differs from the input */
	int need_nfc;		/* some character is not a plain NFC boundary */
	int need_words;		/* some word mixes Latin and Cyrillic letters */
	int need_punct;		/* the punctuation stage has work */
};

/* The character stage up to NFC: decoding, spaces, invisible and control
 * characters, trailing spaces. */
static void
decode_line(struct habar_norm *norm, const unsigned char *s, size_t len,
    struct stage *st)
{
	uint32_t *cp = norm->cp, *col = norm->col;
	unsigned rules = norm->rules;
	size_t i = 0, n = 0, column = norm->column - 1;
	unsigned word = 0;

	while (i < len) {
		size_t start = i;
		uint32_t c;
		uint16_t f;

		column++;
		if (s[i] < 0x80) {
			c = s[i++];
		} else {
			c = decode_utf8(s, len, &i);
			if (c == 0xFFFFFFFFu) {
				struct habar_norm_event ev;
				memset(&ev, 0, sizeof(ev));
				ev.kind = HABAR_NORM_EVENT_INVALID;
				ev.column = column;
				ev.byte = start;
				ev.offset = norm->offset + start;
				ev.bad = s[start];
				emit_event(norm, &ev);
				norm->counts.invalid++;
				st->changed = 1;
				c = 0xFFFD;
			}
		}
		f = norm_flags(c);
		if (f & (NF_USPACE | NF_DROP | NF_JOINER | NF_CONTROL)) {
			if ((f & NF_USPACE) &&
			    (rules & HABAR_NORM_RULE_SPACES)) {
				/* Between digits a space is a digit-group
				 * separator: keep the locale's own if it is a
				 * space, as ICU's data has it (ru, kk). */
				uint32_t to = ' ';
				if (n > 0 && is_ascii_digit(cp[n - 1]) &&
				    i < len && is_ascii_digit(s[i]) &&
				    (norm_flags(norm->loc.grouping) &
				    NF_USPACE))
					to = norm->loc.grouping;
				if (to != c) {
					norm->counts.spaces++;
					st->changed = 1;
				}
				c = to;
				f = norm_flags(c);
			} else if ((f & NF_DROP) &&
			    (rules & HABAR_NORM_RULE_INVISIBLE)) {
				norm->counts.invisible++;
				st->changed = 1;
				continue;
			} else if ((f & NF_JOINER) &&
			    (rules & HABAR_NORM_RULE_INVISIBLE)) {
				size_t k = n;
				while (k > 0 &&
				    (norm_flags(cp[k - 1]) & NF_INHERITED))
					k--;
				if (k == 0 ||
				    !(norm_flags(cp[k - 1]) & NF_KEEPJOIN)) {
					norm->counts.invisible++;
					st->changed = 1;
					continue;
				}
			} else if ((f & NF_CONTROL) &&
			    ((rules & HABAR_NORM_RULE_CONTROLS) ||
			    (c == '\r' && (rules & HABAR_NORM_RULE_EOL)))) {
				/* With line ends made LF, no carriage return
				 * stays, even with the control rule off: one
				 * left at the end of a line would be read as
				 * part of a CRLF next time. */
				norm->counts.controls++;
				st->changed = 1;
				continue;
			}
		}
		if (!(f & NF_SAFE))
			st->need_nfc = 1;
		if (f & (NF_LETTER | NF_MARK)) {
			word |= f;
			if ((word & (NF_LATIN | NF_CYRL)) ==
			    (NF_LATIN | NF_CYRL))
				st->need_words = 1;
		} else
			word = 0;
		if (c == '"' || c == '\'' || c == '`' || c == '~' ||
		    (f & NF_PUNCT))
			st->need_punct = 1;
		cp[n] = c;
		col[n] = (uint32_t)column;
		n++;
	}
	if (rules & HABAR_NORM_RULE_TRAILING)
		while (n > 0 && (cp[n - 1] == ' ' || cp[n - 1] == '\t')) {
			n--;
			norm->counts.trailing++;
			st->changed = 1;
		}
	st->n = n;
}

/* Replaces every span of norm->cp that is not plainly NFC by its NFC. */
static enum habar_status
apply_nfc(struct habar_norm *norm, struct stage *st)
{
	uint32_t *cp = norm->cp;
	size_t n = st->n, i = 0, m = 0;
	enum habar_status status;
	int changed = 0;

	if ((status = grow_cp(&norm->cp2, &norm->col2, &norm->cp2_cap,
	    n + 1)) != HABAR_OK)
		return status;
	while (i < n) {
		size_t start, end, k, got;
		uint32_t *nfc;

		if (norm_flags(cp[i]) & NF_SAFE) {
			norm->cp2[m] = cp[i];
			norm->col2[m++] = norm->col[i];
			i++;
			continue;
		}
		/* The span runs from the boundary before (already copied)
		 * to the next boundary. */
		start = i;
		if (m > 0 && start > 0 &&
		    (norm_flags(cp[start - 1]) & NF_SAFE)) {
			start--;
			m--;
		}
		end = i + 1;
		while (end < n && !(norm_flags(cp[end]) & NF_SAFE))
			end++;
		status = habar__norm_icu_nfc(&nfc, &got, cp + start,
		    end - start);
		if (status != HABAR_OK)
			return status;
		if (got != end - start ||
		    memcmp(nfc, cp + start, got * sizeof(*nfc)) != 0)
			changed = 1;
		if ((status = grow_cp(&norm->cp2, &norm->col2, &norm->cp2_cap,
		    m + got + (n - end) + 1)) != HABAR_OK) {
			free(nfc);
			return status;
		}
		for (k = 0; k < got; k++) {
			norm->cp2[m] = nfc[k];
			norm->col2[m++] = norm->col[start];
		}
		free(nfc);
		i = end;
	}
	if (changed) {
		uint32_t *t;
		size_t tc;
		t = norm->cp; norm->cp = norm->cp2; norm->cp2 = t;
		t = norm->col; norm->col = norm->col2; norm->col2 = t;
		tc = norm->cp_cap; norm->cp_cap = norm->cp2_cap;
		norm->cp2_cap = tc;
		st->n = m;
		st->changed = 1;
		norm->counts.nfc++;
	}
	return HABAR_OK;
}

/* Reports one repaired letter; word is the word as it came in. */
static void
report_repair(struct habar_norm *norm, size_t at, const char *word,
    size_t word_len, uint32_t from, uint32_t to, int to_cyrillic)
{
	struct habar_norm_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = HABAR_NORM_EVENT_LOOKALIKE;
	ev.column = norm->col[at];
	ev.from_cp = from;
	ev.to_cp = to;
	ev.from[habar__norm_utf8_put(ev.from, from)] = '\0';
	ev.to[habar__norm_utf8_put(ev.to, to)] = '\0';
	ev.from_script = to_cyrillic ? "Latin" : "Cyrillic";
	ev.word = word;
	ev.word_len = word_len;
	emit_event(norm, &ev);
}

/*
 * Repairs the word cp[ws..we) if it mixes Latin and Cyrillic letters and
 * the letters of one script can all be replaced by look-alikes of the
 * other.  Returns 1 if it changed the word and the word holds a character
 * that may now compose (so NFC must run again), else 0.
 */
static int
repair_word(struct habar_norm *norm, size_t ws, size_t we, int *changed)
{
	const struct habar__norm_data *d = &norm->data;
	uint32_t *cp = norm->cp;
	size_t k, lat = 0, cyr = 0, runs = 0, short_run = 0, run = 0, wl = 0;
	char word[256];
	int lat_map = 1, cyr_map = 1, to_cyrl, recompose = 0;
	uint16_t last = 0;

	for (k = ws; k < we; k++) {
		uint16_t f = norm_flags(cp[k]);
		uint16_t script = f & (NF_LATIN | NF_CYRL);

		if (!(f & NF_LETTER))
			continue;
		if (script == 0)
			return 0;	/* Greek, Armenian...: not ours */
		if (script != last) {
			if (runs > 0 && run < 2)
				short_run = 1;
			runs++;
			run = 0;
			last = script;
		}
		run++;
		if (script == NF_LATIN) {
			lat++;
			if (!habar__norm_pair_find(d->to_cyrl, d->nto_cyrl,
			    cp[k]))
				lat_map = 0;
		} else {
			cyr++;
			if (!habar__norm_pair_find(d->to_latn, d->nto_latn,
			    cp[k]))
				cyr_map = 0;
		}
	}
	if (run < 2)
		short_run = 1;
	if (lat == 0 || cyr == 0)
		return 0;
	/* A loan word followed by a suffix (OPECке, NATOға) is two runs of
	 * two letters or more: a real mix, not a typing slip. */
	if (runs == 2 && !short_run)
		return 0;
	if (lat_map && !cyr_map)
		to_cyrl = 1;
	else if (cyr_map && !lat_map)
		to_cyrl = 0;
	else if (lat_map && cyr_map)
		to_cyrl = cyr != lat ? cyr > lat : d->main_cyrillic;
	else
		return 0;
	if (norm->listener != NULL)
		for (k = ws; k < we && wl + 4 < sizeof(word); k++)
			wl += habar__norm_utf8_put(word + wl, cp[k]);
	for (k = ws; k < we; k++) {
		uint16_t f = norm_flags(cp[k]);
		uint32_t to;

		if (!(f & NF_SAFE))
			recompose = 1;
		if (!(f & (to_cyrl ? NF_LATIN : NF_CYRL)))
			continue;
		if (to_cyrl)
			to = habar__norm_pair_find(d->to_cyrl, d->nto_cyrl,
			    cp[k]);
		else
			to = habar__norm_pair_find(d->to_latn, d->nto_latn,
			    cp[k]);
		report_repair(norm, k, word, wl, cp[k], to, to_cyrl);
		cp[k] = to;
		norm->counts.lookalikes++;
		*changed = 1;
	}
	return recompose;
}

/* Runs repair_word() on each word of the line. */
static enum habar_status
apply_lookalikes(struct habar_norm *norm, struct stage *st)
{
	size_t i = 0, n = st->n;
	int recompose = 0;

	while (i < n) {
		size_t ws;
		if (!(norm_flags(norm->cp[i]) & (NF_LETTER | NF_MARK))) {
			i++;
			continue;
		}
		ws = i;
		while (i < n &&
		    (norm_flags(norm->cp[i]) & (NF_LETTER | NF_MARK)))
			i++;
		recompose |= repair_word(norm, ws, i, &st->changed);
	}
	return recompose ? apply_nfc(norm, st) : HABAR_OK;
}

static int
is_letter(uint32_t c)
{
	return c != 0 && (norm_flags(c) & NF_LETTER) != 0;
}

static int
is_blank(uint32_t c)
{
	return c == 0 || c == ' ' || c == '\t';
}

static int
is_dashlike(uint32_t c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

/* Whether a quotation mark after c opens rather than closes. */
static int
opens_after(const struct habar_norm *norm, uint32_t c)
{
	return is_blank(c) || c == '(' || c == '[' || c == '{' ||
	    c == norm->loc.open || c == norm->loc.alt_open || is_dashlike(c);
}

static void
push(struct habar_norm *norm, unsigned char kind)
{
	if (norm->depth < QUOTE_DEPTH)
		norm->stack[norm->depth++] = kind;
}

static unsigned char
top(const struct habar_norm *norm)
{
	return norm->depth > 0 ? norm->stack[norm->depth - 1] : 0;
}

/*
 * Follows the quotation marks open in the paragraph as character c is
 * written between prev (written before it) and next (the input after it).
 * Converted and original marks go through here alike.
 */
static void
track_quotes(struct habar_norm *norm, uint32_t c, uint32_t prev, uint32_t next)
{
	const struct habar__norm_locale *l = &norm->loc;

	if (c == l->open && c == l->close) {
		if (top(norm) == KIND_PRIMARY)
			norm->depth--;
		else
			push(norm, KIND_PRIMARY);
	} else if (c == l->open) {
		push(norm, KIND_PRIMARY);
	} else if (c == l->close) {
		if (top(norm) == KIND_PRIMARY)
			norm->depth--;
	} else if (c == l->alt_open && c == l->alt_close) {
		if (top(norm) == KIND_ALT)
			norm->depth--;
		else
			push(norm, KIND_ALT);
	} else if (c == l->alt_open) {
		push(norm, KIND_ALT);
	} else if (c == l->alt_close) {
		/* Between letters it is an apostrophe (en: ’). */
		if (top(norm) == KIND_ALT &&
		    !(is_letter(prev) && is_letter(next)))
			norm->depth--;
	}
}

/* Decides a straight double quote; returns what to write. */
static uint32_t
decide_double(struct habar_norm *norm, uint32_t prev, uint32_t next)
{
	const struct habar__norm_locale *l = &norm->loc;

	if (opens_after(norm, prev)) {
		if (is_blank(next) || norm->depth >= QUOTE_DEPTH)
			return '"';
		return top(norm) == KIND_PRIMARY ? l->alt_open : l->open;
	}
	if (top(norm) == KIND_PRIMARY)
		return l->close;
	if (top(norm) == KIND_ALT)
		return l->alt_close;
	return '"';	/* nothing open: an inch mark, a ditto */
}

/* Decides a straight single quote in a language that quotes with it. */
static uint32_t
decide_single(struct habar_norm *norm, uint32_t prev, uint32_t next)
{
	const struct habar__norm_locale *l = &norm->loc;

	if (opens_after(norm, prev)) {
		if (is_ascii_digit(next))
			return norm->data.apostrophe;	/* '90s */
		if (is_blank(next) || norm->depth >= QUOTE_DEPTH)
			return '\'';
		return l->alt_open;
	}
	if (top(norm) == KIND_ALT)
		return l->alt_close;
	return is_letter(prev) || is_ascii_digit(prev) ? norm->data.apostrophe :
	    '\'';
}

static int
is_spaced_dash(const struct habar_norm *norm, uint32_t c)
{
	size_t k;

	for (k = 0; k < norm->data.ndashes; k++)
		if (norm->data.dashes[k] == c)
			return 1;
	return 0;
}

/* Whether cp[0..n) is a Markdown code fence line; sets *ch and *len. */
static int
fence_line(const uint32_t *cp, size_t n, uint32_t *ch, size_t *len)
{
	size_t i = 0, k;

	while (i < n && i < 3 && cp[i] == ' ')
		i++;
	if (i >= n || (cp[i] != '`' && cp[i] != '~'))
		return 0;
	for (k = i; k < n && cp[k] == cp[i]; k++)
		;
	if (k - i < 3)
		return 0;
	*ch = cp[i];
	*len = k - i;
	return 1;
}

static size_t
encode(char *out, const uint32_t *cp, size_t from, size_t to)
{
	size_t o = 0, k;

	for (k = from; k < to; k++) {
		if (cp[k] < 0x80)
			out[o++] = (char)cp[k];
		else
			o += habar__norm_utf8_put(out + o, cp[k]);
	}
	return o;
}

/* The punctuation stage; writes the line as UTF-8 into norm->out. */
static size_t
punctuate(struct habar_norm *norm, struct stage *st)
{
	uint32_t *cp = norm->cp;
	size_t n = st->n, i = 0, o = 0;
	uint32_t prev = 0, pprev = 0;
	unsigned rules = norm->rules;
	uint32_t fch;
	size_t flen;

	if (norm->fence_len > 0 || fence_line(cp, n, &fch, &flen)) {
		/* Code is quoted as it is. */
		if (norm->fence_len == 0) {
			norm->fence_char = fch;
			norm->fence_len = flen;
		} else if (fence_line(cp, n, &fch, &flen) &&
		    fch == norm->fence_char && flen >= norm->fence_len) {
			norm->fence_len = 0;
		}
		return encode(norm->out, cp, 0, n);
	}
	while (i < n) {
		uint32_t c = cp[i], next = i + 1 < n ? cp[i + 1] : 0, to = c;

		if (c == '`') {
			/* An inline code span runs to the next run of as
			 * many backticks; inside it nothing changes. */
			size_t r = i, j, close;
			while (r < n && cp[r] == '`')
				r++;
			close = r;	/* no closing run: the backticks alone */
			for (j = r; j < n; j++) {
				size_t e = j;
				if (cp[j] != '`')
					continue;
				while (e < n && cp[e] == '`')
					e++;
				if (e - j == r - i) {
					close = e;
					break;
				}
				j = e - 1;
			}
			o += encode(norm->out + o, cp, i, close);
			pprev = close - i >= 2 ? cp[close - 2] : prev;
			prev = '`';
			i = close;
			continue;
		}
		if (c == '"' && (rules & HABAR_NORM_RULE_QUOTES)) {
			to = decide_double(norm, prev, next);
			if (to != c)
				norm->counts.quotes++;
		} else if (c == '\'') {
			if ((rules & HABAR_NORM_RULE_APOSTROPHES) &&
			    is_letter(prev) && is_letter(next)) {
				to = norm->data.apostrophe;
				norm->counts.apostrophes++;
			} else if ((rules & HABAR_NORM_RULE_QUOTES) &&
			    norm->data.single_quotes) {
				to = decide_single(norm, prev, next);
				if (to != c)
					norm->counts.quotes++;
			}
		} else if ((rules & HABAR_NORM_RULE_DASHES) && prev == ' ' &&
		    next == ' ' && i >= 2 && i + 2 < n &&
		    is_spaced_dash(norm, c)) {
			uint32_t nn = cp[i + 2];
			if (!is_blank(pprev) && !is_dashlike(pprev) &&
			    !is_blank(nn) && !is_dashlike(nn) &&
			    !(is_ascii_digit(pprev) && is_ascii_digit(nn))) {
				to = norm->data.clause_dash;
				norm->counts.dashes++;
			}
		}
		track_quotes(norm, to, prev, next);
		if (to < 0x80)
			norm->out[o++] = (char)to;
		else
			o += habar__norm_utf8_put(norm->out + o, to);
		pprev = prev;
		prev = to;
		i++;
	}
	return o;
}

/*
 * The fast path: whether no rule can change the line, judged from its
 * bytes in one pass without decoding into the working arrays.  The
 * Cyrillic letters of U+0400..U+047F (lead bytes D0 and D1) are letters,
 * NFC boundaries and nothing else, so they need no table lookup.  Returns
 * 0 whenever in doubt; the full path then decides.
 */
/* Whether cp[0..n) is a blank line: white space and carriage returns at
 * most (a line of "\r\t " may be read as an empty CRLF line once its
 * trailing spaces are gone). */
static int
blank_cps(const uint32_t *cp, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (cp[i] != ' ' && cp[i] != '\t' && cp[i] != '\r')
			return 0;
	return 1;
}

static int
plain_line(const unsigned char *s, size_t len)
{
	size_t i = 0;
	unsigned word = 0;

	if (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		return 0;
	while (i < len) {
		unsigned b = s[i];

		if (b < 0x80) {
			switch (ascii_class[b]) {
			case B_LATIN:
				word |= NF_LATIN;
				break;
			case B_HYPHEN:
				/* Only a spaced hyphen can become a dash. */
				if (i > 0 && s[i - 1] == ' ' && i + 1 < len &&
				    s[i + 1] == ' ')
					return 0;
				word = 0;
				break;
			case B_SLOW:
				return 0;
			default:
				word = 0;
				break;
			}
			i++;
		} else if ((b == 0xD0 || b == 0xD1) && i + 1 < len &&
		    (s[i + 1] & 0xC0) == 0x80) {
			word |= NF_CYRL;
			i += 2;
		} else {
			uint32_t c = decode_utf8(s, len, &i);
			uint16_t f;
			if (c == 0xFFFFFFFFu)
				return 0;
			f = norm_flags(c);
			if (!(f & NF_SAFE) || (f & (NF_USPACE | NF_DROP |
			    NF_JOINER | NF_CONTROL | NF_PUNCT)))
				return 0;
			if (f & (NF_LETTER | NF_MARK))
				word |= f & (NF_LATIN | NF_CYRL);
			else
				word = 0;
		}
		if (word == (NF_LATIN | NF_CYRL))
			return 0;
	}
	return 1;
}

enum habar_status
habar_norm_line(struct habar_norm *norm, const char *line, size_t len,
    const char **out, size_t *out_len)
{
	struct stage st;
	enum habar_status status;
	const unsigned char *s = (const unsigned char *)line;
	size_t need;

	*out = NULL;
	*out_len = 0;
	if (norm->lang == NULL) {
		snprintf(norm->error, sizeof(norm->error),
		    "no language: give --lang or a 'lang:' field");
		return HABAR_ERR_ARGUMENT;
	}
	if (len > HABAR_NORM_MAX_LINE) {
		snprintf(norm->error, sizeof(norm->error),
		    "line longer than %u bytes", HABAR_NORM_MAX_LINE);
		return HABAR_ERR_LIMIT;
	}
	if (plain_line(s, len)) {
		norm->counts.lines++;
		if (len == 0 && norm->fence_len == 0)
			norm->depth = 0;	/* a paragraph ends */
		*out = line;
		*out_len = len;
		return HABAR_OK;
	}
	if ((status = grow_cp(&norm->cp, &norm->col, &norm->cp_cap, len + 1)) !=
	    HABAR_OK)
		return status;
	memset(&st, 0, sizeof(st));
	decode_line(norm, s, len, &st);
	if (st.need_nfc && (status = apply_nfc(norm, &st)) != HABAR_OK)
		return status;
	if (st.need_words && (norm->rules & HABAR_NORM_RULE_LOOKALIKE) &&
	    (status = apply_lookalikes(norm, &st)) != HABAR_OK)
		return status;
	norm->counts.lines++;
	if (blank_cps(norm->cp, st.n) && norm->fence_len == 0)
		norm->depth = 0;	/* a paragraph ends */
	if (!st.changed && !st.need_punct) {
		*out = line;
		*out_len = len;
		return HABAR_OK;
	}
	need = 4 * st.n + 1;
	if (need > norm->out_cap) {
		size_t cap = norm->out_cap ? norm->out_cap : 1024;
		char *grown;
		while (cap < need)
			cap *= 2;
		if ((grown = malloc(cap)) == NULL)
			return HABAR_ERR_NOMEM;
		free(norm->out);
		norm->out = grown;
		norm->out_cap = cap;
	}
	if (st.need_punct)
		*out_len = punctuate(norm, &st);
	else
		*out_len = encode(norm->out, norm->cp, 0, st.n);
	*out = norm->out;
	if (st.changed || *out_len != len || memcmp(*out, line, len) != 0)
		norm->counts.lines_changed++;
	return HABAR_OK;
}
