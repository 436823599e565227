/*
 * qa_quotes.c: the quotes and brackets checks of habar-qa.  The marks of
 * each version are paired on their own; a version that leaves one open
 * (or closes one twice) is reported against versions that do not, as a
 * quotation may go on into the next sentence in every version alike.
 */
#include <stdio.h>
#include <string.h>

#include "align_internal.h"
#include "norm_internal.h"
#include "qa_internal.h"
#include "utf8_internal.h"

/* Whether the character before text[at] leaves a quotation mark there
 * opening: the start, white space, a bracket, a dash or another mark
 * before it and no space after it. */
static int
opens(const char *text, size_t at, size_t len)
{
	unsigned char p = at > 0 ? (unsigned char)text[at - 1] : ' ';
	unsigned char n;
	size_t k = at;

	/* The byte after the mark. */
	while (k < len && (k == at || ((unsigned char)text[k] & 0xC0) == 0x80))
		k++;
	n = k < len ? (unsigned char)text[k] : ' ';
	if (n == ' ' || n == '\t' || n == '\n')
		return 0;
	return p == ' ' || p == '\t' || p == '\n' || p == '(' || p == '[' ||
	    p == 0xAB || p == 0x93 || p == 0x94 || p == '-' || p == '/' ||
	    p == '"' || p == '\'' || p == 0x98;
}

/* Whether a quotation mark at text[at] opens speech: it begins the
 * segment or follows a colon. */
static int
speech(const char *text, size_t at)
{
	while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t'))
		at--;
	return at == 0 || text[at - 1] == ':';
}

/* The ASCII bytes that may be a quotation mark or a bracket. */
static const unsigned char mark_byte[128] = {
	['"'] = 1, ['\''] = 1, ['('] = 1, [')'] = 1, ['['] = 1, [']'] = 1,
	['{'] = 1, ['}'] = 1
};

/* Whether text[at] begins a dash: —, – or a hyphen before a space. */
static int
dash(const char *text, size_t at, size_t len)
{
	const unsigned char *t = (const unsigned char *)text + at;

	if (at + 3 <= len && t[0] == 0xE2 && t[1] == 0x80 && (t[2] == 0x94 ||
	    t[2] == 0x93))
		return 1;
	return at + 1 < len && t[0] == '-' && t[1] == ' ';
}

/* Whether the author's words of direct speech begin in text[from..to):
 * a comma, ! or ? and a dash after it («..., — сказал он»). */
static int
author_words(const char *text, size_t from, size_t to)
{
	size_t k, j;

	for (k = from; k < to; k++) {
		if (text[k] != ',' && text[k] != '!' && text[k] != '?')
			continue;
		for (j = k + 1; j < to && text[j] == ' '; j++)
			;
		if (j > k + 1 && dash(text, j, to))
			return 1;
	}
	return 0;
}

/* Whether speech ends at text[at]: nothing but punctuation is left, or
 * the author's words follow (", — говорит"). */
static int
speech_ends(const char *text, size_t at, size_t len)
{
	while (at < len && (text[at] == ' ' || text[at] == ',' ||
	    text[at] == '.' || text[at] == '!' || text[at] == '?' ||
	    text[at] == ';'))
		at++;
	return at == len || dash(text, at, len);
}

/* The code point at text[at] (0 at the end or on a malformed byte). */
static uint32_t
at_cp(const char *text, size_t at, size_t len)
{
	unsigned long c = 0;

	if (at >= len || habar__utf8_decode((const unsigned char *)text + at,
	    len - at, &c) == 0)
		return 0;
	return (uint32_t)c;
}

/* What pairing the quotation marks or brackets of a segment leaves. */
struct balance {
	size_t at;	/* the innermost mark left open */
	size_t depth;	/* marks left open */
	size_t pairs;	/* marks that paired */
	size_t marks;	/* marks seen */
	size_t ends;	/* closing marks with no opening: a quotation that
			 * began in the sentence before ends here */
	size_t strays;	/* closing quotation marks with nothing open after
			 * a quotation of the segment has closed: one from
			 * the sentence before would have ended first.
			 * Only typographic marks inside the sentence (a
			 * space follows): a straight " also stands for
			 * inches or a mistyped apostrophe (the Lakers"
			 * site), and a doubled mark at the end ("...."")
			 * loses nothing */
	size_t stray_at; /* the first of them */
	size_t deepest;	/* the most marks open at once */
	int coincide;	/* one » closed two « of speech at the end */
	size_t coincide_at; /* the outer of them */
};

/*
 * Pairs the quotation marks (brackets when brackets is set) of text into
 * *bal.  A closing mark without its opening is no fault, as the
 * quotation may have begun in the sentence before.  single: the
 * language also quotes with ' (English 'single quotes',
 * locales/<lang>/punctuation); a ' between letters is an apostrophe.
 * Where two quotations of « end together Russian and Kazakh write one »
 * («... «объявления», — говорит): a » that closes an inner « and is the
 * segment's last mark, followed by punctuation or nothing (or closing
 * «« opened together), closes the outer one too when that one opens
 * speech (at the start or after a colon).
 */
static void
unclosed(const char *text, size_t len, int brackets, int single,
    struct balance *bal)
{
	uint32_t stack[64];
	size_t where[64], depth = 0, i = 0;
	int nested_end = 0;

	memset(bal, 0, sizeof(*bal));
	while (i < len) {
		unsigned long c = 0;
		uint32_t o = 0;
		size_t start = i, n;
		int open = 0, close = 0, weak = 0;
		unsigned char b = (unsigned char)text[i];

		/* The marks are ASCII or begin with 0xC2 (« ») or 0xE2
		 * (“ ” „ ‘ ’): the bytes of letters are passed over
		 * without decoding them. */
		if (b != 0xC2 && b != 0xE2 && (b >= 0x80 ||
		    !mark_byte[b])) {
			i++;
			continue;
		}
		n = habar__utf8_decode((const unsigned char *)text + i,
		    len - i, &c);
		i += n == 0 ? 1 : n;
		if (n == 0)
			continue;
		if (brackets) {
			open = c == '(' || c == '[' || c == '{';
			close = c == ')' || c == ']' || c == '}';
			o = c == ')' ? '(' : c == ']' ? '[' : '{';
		} else if (c == 0xAB || c == 0x201E) {
			open = 1;	/* « „ */
		} else if (c == 0xBB) {
			close = 1;
			o = 0xAB;
		} else if (c == '"' || c == 0x201C || c == 0x201D) {
			/* Kazakh and Russian texts close “ with “ or ” and
			 * English with ”: the neighbours tell. */
			if (opens(text, start, len))
				open = 1;
			else {
				close = 1;
				o = '"';
			}
		} else if (single && (c == '\'' || c == 0x2018 ||
		    c == 0x2019)) {
			uint32_t p = habar__qa_before(text, start);
			uint32_t q = at_cp(text, i, len);
			if (habar__align_letter(p) && habar__align_letter(q))
				continue;	/* an apostrophe: don't */
			if (opens(text, start, len) && !(q >= '0' &&
			    q <= '9'))
				open = 1;	/* not '90s */
			else {
				close = 1;
				o = '\'';
				/* players' union: only a ' after a
				 * sentence's punctuation ends a quotation
				 * for certain. */
				weak = !(p == '.' || p == ',' || p == '!' ||
				    p == '?' || p == ';');
			}
		}
		if (!open && !close)
			continue;
		bal->marks++;
		nested_end = 0;
		if (open && depth < 64) {
			stack[depth] = brackets || c == 0xAB ? (uint32_t)c :
			    c == '\'' || c == 0x2018 || c == 0x2019 ? '\'' :
			    '"';
			where[depth++] = start;
			if (depth > bal->deepest)
				bal->deepest = depth;
		} else if (close && depth > 0 && (stack[depth - 1] == o ||
		    (!brackets && o == '"' && stack[depth - 1] == '\''))) {
			/* A " may close a ' left open: the writer mixed
			 * them. */
			depth--;
			bal->pairs++;
			/* Only where the speech ends with the inner
			 * quotation (punctuation, the author's words or
			 * nothing after it) and is not interrupted by
			 * the author's words before it: «..., — сказал
			 * он на сайте «Лейкерс». left the speech open. */
			if (c == 0xBB && depth > 0 && stack[depth - 1] == 0xAB)
				nested_end = speech(text, where[depth - 1]) &&
				    (where[depth] == where[depth - 1] + 2 ||
				    (speech_ends(text, i, len) &&
				    !author_words(text, where[depth - 1],
				    where[depth])));
		} else if (close && depth > 0 && !brackets && o == '"' &&
		    stack[depth - 1] == 0xAB) {
			/* “ inside «...»: a nested quotation's end. */
			bal->pairs++;
		} else if (close && depth > 0 && o == '\'' &&
		    stack[depth - 1] != '\'') {
			/* The players' union inside a quotation. */
			bal->marks--;
		} else if (close && depth == 0 && !weak && !brackets &&
		    bal->pairs > 0 && c != '"' && at_cp(text, i, len) == ' ') {
			if (bal->strays++ == 0)
				bal->stray_at = start;
		} else if (close && depth == 0 && !weak) {
			bal->ends++;
		} else if (close && depth == 0) {
			/* An apostrophe (the Giants' lead): no mark, so
			 * a version with it has none to compare. */
			bal->marks--;
		}
	}
	if (nested_end && depth > 0) {
		bal->coincide = 1;
		bal->coincide_at = where[depth - 1];
		depth--;
		bal->pairs++;
	}
	bal->depth = depth;
	if (depth > 0)
		bal->at = where[depth - 1];
}

/* Whether the language lang also quotes with ' (its punctuation file);
 * looked up once a language. */
static int
single_quotes(struct habar_qa *qa, const char *lang)
{
	struct habar__norm_data data;
	char err[256];
	size_t k;

	for (k = 0; k < qa->quote_lang_count; k++)
		if (strcmp(qa->quote_langs[k].lang, lang) == 0)
			return qa->quote_langs[k].single;
	if (habar__norm_data_load(&data, lang, err, sizeof(err)) != HABAR_OK)
		data.single_quotes = 0;
	if (k < sizeof(qa->quote_langs) / sizeof(qa->quote_langs[0]) &&
	    strlen(lang) < sizeof(qa->quote_langs[k].lang)) {
		snprintf(qa->quote_langs[k].lang, sizeof(qa->quote_langs[k].lang),
		    "%s", lang);
		qa->quote_langs[k].single = data.single_quotes;
		qa->quote_lang_count++;
	}
	return data.single_quotes;
}

/*
 * A version whose quotation closes a second time with nothing open (“a”
 * then b”) lost that quotation's opening mark; reported when another
 * version pairs its marks without such a stray.
 */
static void
check_strays(struct habar_qa *qa, const struct habar_qa_unit *u, size_t n,
    const struct balance *bal)
{
	size_t k, other, w;

	for (k = 0; k < n; k++) {
		struct habar_qa_finding *f;
		unsigned long cp = 0;

		if (bal[k].strays == 0)
			continue;
		for (other = 0; other < n; other++)
			if (other != k && bal[other].strays == 0 &&
			    bal[other].pairs > 0)
				break;
		if (other == n)
			continue;
		w = habar__utf8_decode((const unsigned char *)u->segs[k].text +
		    bal[k].stray_at, u->segs[k].len - bal[k].stray_at, &cp);
		f = habar__qa_add(qa, HABAR_QA_QUOTES, HABAR_QA_WARNING, other,
		    k, k, bal[k].stray_at, bal[k].stray_at + w);
		if (f == NULL)
			return;
		snprintf(f->message, sizeof(f->message), "%s closes a "
		    "quotation whose opening mark is missing, which %s does "
		    "not", u->segs[k].lang, u->segs[other].lang);
	}
}

/*
 * One » that closes two « (unclosed()) is the usage for marks that
 * coincide, where another version nests its quotations too or has one;
 * not where another writes two quotations one after the other, closed,
 * never one inside the other ("A" and "B" against «A и «B».), and no
 * version nests: then the first « was left open.
 */
static void
uncoincide(struct balance *bal, size_t n)
{
	size_t k, j;

	for (k = 0; k < n; k++) {
		if (!bal[k].coincide)
			continue;
		for (j = 0; j < n; j++)
			if (j != k && bal[j].deepest >= 2)
				break;
		if (j < n)
			continue;
		for (j = 0; j < n; j++)
			if (j != k && bal[j].pairs >= 2 &&
			    bal[j].deepest == 1 && bal[j].depth == 0 &&
			    bal[j].ends == 0 && bal[j].strays == 0)
				break;
		if (j == n)
			continue;
		bal[k].depth = 1;
		bal[k].pairs--;
		bal[k].at = bal[k].coincide_at;
	}
}

/*
 * Quotation marks or brackets over a unit.  A version that leaves one
 * open is reported when at least as many versions close theirs in the
 * same unit (when most leave it open the quotation goes on in the next
 * sentence, as the source wrote it), when another version ends a
 * quotation begun in the sentence before (then none goes on), or when it
 * leaves two or more open and more than every other version.
 */
void
habar__qa_check_balance(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t n, enum habar_qa_check check)
{
	int brackets = check == HABAR_QA_BRACKETS;
	struct balance bal[QA_MAX_SEGS];
	size_t closed = 0, left = 0, unmarked = 0, ended = 0, k, j;

	for (k = 0; k < n; k++)
		unclosed(u->segs[k].text, u->segs[k].len, brackets,
		    !brackets && single_quotes(qa, u->segs[k].lang), &bal[k]);
	uncoincide(bal, n);
	for (k = 0; k < n; k++) {
		if (bal[k].depth > 0)
			left++;
		else if (bal[k].pairs > 0)
			closed++;
		else if (bal[k].marks == 0)
			unmarked++;
		if (bal[k].depth == 0 && bal[k].ends > 0)
			ended++;
		if (!brackets) {
			qa->quotes[k].depth = bal[k].depth;
			qa->quotes[k].ends = bal[k].ends;
			qa->quotes[k].at = bal[k].at;
			qa->quotes[k].marks = bal[k].marks;
			qa->quotes[k].reported = 0;
		}
	}
	if (!brackets)
		check_strays(qa, u, n, bal);
	if (left == 0)
		return;
	for (k = 0; k < n; k++) {
		struct habar_qa_finding *f;
		unsigned long cp = 0;
		size_t other, w;
		int deeper = bal[k].depth >= 2;
		if (bal[k].depth == 0)
			continue;
		for (j = 0; j < n && deeper; j++)
			if (j != k && bal[j].depth >= bal[k].depth)
				deeper = 0;
		/* Also when the others have no mark at all: a quotation
		 * going on in the next sentence would have its marks there
		 * too. */
		if (!(closed >= left || (left == 1 && unmarked == n - 1) ||
		    ended > 0 || deeper))
			continue;
		for (other = 0; other < n; other++)
			if (bal[other].depth == 0 && (bal[other].pairs > 0 ||
			    bal[other].ends > 0))
				break;
		if (other == n)
			for (other = 0; other < n && (other == k ||
			    bal[other].depth >= bal[k].depth); other++)
				;
		if (other == n)
			for (other = 0; other < n && other == k; other++)
				;
		if (other == n)
			continue;
		w = habar__utf8_decode((const unsigned char *)u->segs[k].text +
		    bal[k].at, u->segs[k].len - bal[k].at, &cp);
		f = habar__qa_add(qa, check, HABAR_QA_WARNING, other, k, k,
		    bal[k].at, bal[k].at + w);
		if (f == NULL)
			return;
		if (!brackets)
			qa->quotes[k].reported = 1;
		snprintf(f->message, sizeof(f->message), "%s leaves %s open "
		    "that %s %s", u->segs[k].lang, brackets ? "a bracket" :
		    "a quotation mark", u->segs[other].lang,
		    bal[other].depth > 0 ? "leaves open fewer times" :
		    bal[other].pairs > 0 ? "closes" : bal[other].ends > 0 ?
		    "ends" : "does not have");
	}
}

/*
 * A quotation that every version of a unit leaves open may go on into
 * the next sentence; where another version ends it in the next unit (a
 * closing mark with no opening) and this one has no mark there, its
 * quotation was never closed: its closing mark was dropped in the held
 * unit.  Not when this version's next unit has marks of its own (English
 * opens a quotation that runs over paragraphs again at each; a
 * translation may leave the quotation open and quote something else) or
 * the author's words of direct speech («..., — сказал он»): its speech
 * went on there, and the mark was dropped at its end, which no unit can
 * tell from one dropped before.  The versions must be the same languages
 * in the same order.
 */
void
habar__qa_check_quotes_after(struct habar_qa *qa, const struct qa_held *held,
    const struct habar_qa_unit *next)
{
	size_t n = held->count, k, j;

	if (next->count < n || n > QA_MAX_SEGS)
		return;
	for (k = 0; k < n; k++)
		if (next->segs[k].lang == NULL ||
		    strcmp(held->segs[k].lang, next->segs[k].lang) != 0)
			return;
	for (k = 0; k < n; k++) {
		struct habar_qa_finding *f;
		unsigned long cp = 0;
		size_t w;

		if (held->quotes[k].depth == 0 || held->quotes[k].reported ||
		    qa->quotes[k].ends > 0 || qa->quotes[k].marks > 0 ||
		    author_words(next->segs[k].text, 0, next->segs[k].len))
			continue;
		for (j = 0; j < n; j++)
			if (j != k && held->quotes[j].depth > 0 &&
			    qa->quotes[j].ends > 0)
				break;
		if (j == n)
			continue;
		w = habar__utf8_decode((const unsigned char *)
		    held->segs[k].text + held->quotes[k].at,
		    held->segs[k].len - held->quotes[k].at, &cp);
		f = habar__qa_add(qa, HABAR_QA_QUOTES, HABAR_QA_WARNING, j, k,
		    k, held->quotes[k].at, held->quotes[k].at + w);
		if (f == NULL)
			return;
		snprintf(f->message, sizeof(f->message), "%s leaves a "
		    "quotation mark open that %s ends in the next unit",
		    held->segs[k].lang, held->segs[j].lang);
	}
}
