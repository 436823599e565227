/*
 * spell_token.c: cutting a line into the tokens the spell-checker looks
 * at.
 *
 * A word is a run of letters, combining marks and digits, with apostrophes
 * and hyphens inside it ("Kavanaugh's", "Нью-Йорк", "УПМ-ге").  Tokens that
 * are not words are returned marked skip, so that a caller can tell where
 * they are: URLs and e-mail addresses (the whole whitespace-delimited
 * chunk), domain names, hashtags and @mentions, and anything holding a
 * digit (numbers, dates).  A compound of a number and words is cut at its
 * hyphens: "20-year-old" gives the number "20" (skipped) and "year-old",
 * "2018-ден" gives "2018" and "ден", marked as the words of such a
 * compound (skip 2): a caller that can tell the suffixes a number takes
 * (ден) checks them, others skip them as before.
 */
#include <string.h>

#include "spell_internal.h"

static int
is_word_char(uint32_t c)
{
	return habar__spell_is_letter(c) || habar__spell_is_mark(c) ||
	    habar__spell_is_digit(c);
}

/* Apostrophes and hyphens that may join two parts of one word. */
static int
is_joiner(uint32_t c)
{
	return c == '\'' || c == 0x2019 || c == 0x02BC || c == '-' ||
	    c == 0x2010 || c == 0x2011 || c == '_';
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

static int
is_ascii_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/*
 * Whether the chunk s[0..n) (no white space in it) is a URL, an e-mail
 * address or a domain name.
 */
static int
is_address(const char *s, size_t n)
{
	size_t i;

	if (n >= 4 && (strncmp(s, "www.", 4) == 0 ||
	    strncmp(s, "WWW.", 4) == 0))
		return 1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ':' && i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/')
			return 1;
		/* user@host: a word character on both sides. */
		if (c == '@' && i > 0 && i + 1 < n &&
		    (is_ascii_alnum((unsigned char)s[i - 1]) ||
		    (unsigned char)s[i - 1] >= 0x80 || s[i - 1] == '.' ||
		    s[i - 1] == '_') &&
		    (is_ascii_alnum((unsigned char)s[i + 1]) ||
		    (unsigned char)s[i + 1] >= 0x80))
			return 1;
		/* host.tld: a dot between ASCII letters or digits, followed
		 * by two or more lower-case ASCII letters ending the chunk or
		 * followed by "/" or ":" (not a sentence's full stop). */
		if (c == '.' && i > 0 &&
		    is_ascii_alnum((unsigned char)s[i - 1])) {
			size_t j = i + 1;
			while (j < n && s[j] >= 'a' && s[j] <= 'z')
				j++;
			if (j - i - 1 >= 2 && (j == n || s[j] == '/' ||
			    s[j] == ':' || s[j] == '.' ||
			    ((j + 1 == n) && strchr(",;)]\"'", s[j]))))
				return 1;
		}
	}
	return 0;
}

/* Whether the word at line[start] follows a number and a hyphen. */
static int
after_number(const char *line, size_t start)
{
	return start >= 2 && line[start - 1] == '-' &&
	    line[start - 2] >= '0' && line[start - 2] <= '9';
}

/* The end of the part of line[i..end) that ends at a joiner or at end;
 * *cps counts its code points and *digits is set when it holds one. */
static size_t
part_end(const char *line, size_t i, size_t end, size_t *cps, int *digits)
{
	*cps = 0;
	*digits = 0;
	while (i < end) {
		size_t k = i;
		uint32_t c = habar__spell_next_cp(line, end, &k);
		/* ʼ (U+02BC) is a letter as well as a joiner. */
		if (is_joiner(c) && !is_word_char(c))
			break;
		if (habar__spell_is_digit(c))
			*digits = 1;
		(*cps)++;
		i = k;
	}
	return i;
}

/*
 * Cuts the token line[start..end), a word holding digits or following a
 * number and a hyphen, to its first part when that holds digits (skip
 * 1), else to the parts up to the next one holding digits (skip 2).  A
 * token holding "_" stays whole and skipped (identifiers).  *end_out and
 * *col (the column after the whole token on entry) are moved back to the
 * end of what is kept.
 */
static void
cut_number_compound(const char *line, size_t start, size_t end,
    struct habar_spell_token *token, size_t *end_out, size_t *col)
{
	size_t i, kept, kept_cps, cps, total = 0;
	int digits;

	if (memchr(line + start, '_', end - start) != NULL)
		return;
	for (i = start; i < end; total++)
		(void)habar__spell_next_cp(line, end, &i);
	kept = part_end(line, start, end, &kept_cps, &digits);
	token->skip = digits ? 1 : 2;
	while (!digits && kept < end) {
		size_t next = kept;
		(void)habar__spell_next_cp(line, end, &next); /* the joiner */
		i = part_end(line, next, end, &cps, &digits);
		if (digits)
			break;
		kept = i;
		kept_cps += 1 + cps;
	}
	token->len = kept - start;
	*end_out = kept;
	*col -= total - kept_cps;
}

int
habar_spell_token_next(const char *line, size_t len, size_t *pos,
    size_t *column, struct habar_spell_token *token)
{
	size_t i = *pos, col = *column;

	while (i < len) {
		size_t start = i, next = i, chunk_end, j;
		uint32_t c = habar__spell_next_cp(line, len, &next);
		int hashtag = 0, digits = 0;

		if ((c == '#' || c == '@') && next < len) {
			size_t after = next;
			uint32_t d = habar__spell_next_cp(line, len, &after);
			hashtag = is_word_char(d) || d == '_';
		}
		if (!hashtag && !is_word_char(c)) {
			i = next;
			col++;
			continue;
		}
		memset(token, 0, sizeof(*token));
		token->offset = start;
		token->column = col;
		/* URLs and addresses: the whole chunk, from this token to the
		 * next white space. */
		for (chunk_end = start; chunk_end < len &&
		    !is_space((unsigned char)line[chunk_end]); chunk_end++)
			;
		if (hashtag || is_address(line + start, chunk_end - start)) {
			j = hashtag ? next : start;
			while (j < (hashtag ? len : chunk_end)) {
				size_t k = j;
				uint32_t d = habar__spell_next_cp(line, len,
				    &k);
				if (hashtag && !is_word_char(d) && d != '_')
					break;
				j = k;
			}
			for (i = start; i < j; col++)
				(void)habar__spell_next_cp(line, len, &i);
			token->len = j - start;
			token->skip = 1;
			goto found;
		}
		/* A word: word characters, with joiners between two. */
		i = start;
		while (i < len) {
			size_t k = i;
			uint32_t d = habar__spell_next_cp(line, len, &k);
			if (is_word_char(d)) {
				if (habar__spell_is_digit(d))
					digits = 1;
				i = k;
				col++;
				continue;
			}
			if (is_joiner(d) && i > start && k < len) {
				size_t m = k;
				uint32_t e = habar__spell_next_cp(line, len,
				    &m);
				if (is_word_char(e)) {
					if (d == '_')
						digits = 1;
					i = k;
					col++;
					continue;
				}
			}
			break;
		}
		token->len = i - start;
		token->skip = digits;
		if (digits || after_number(line, start))
			cut_number_compound(line, start, i, token, &i, &col);
		goto found;
	}
	*pos = len;
	*column = col;
	return 0;
found:
	*pos = i;
	*column = col;
	return 1;
}
