/*
 * date_icu.c: finding dates in release text (see habar/date.h).  The text
 * is cut into tokens (numbers, words, other characters); words are case
 * folded with ICU so that "НОЯБРЯ" and "ноября" match; then the token
 * sequence is matched against the date patterns of the three languages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucasemap.h>

#include <habar/date.h>

#include "data_internal.h"

#define MAX_FORMS 512
#define MAX_TOKENS 4096

struct form {
	char text[48];		/* case-folded spelling */
	int month;		/* 1-12 */
};

struct habar_dates {
	struct form forms[MAX_FORMS];
	size_t count;
	UCaseMap *fold;
};

enum token_kind { T_NUMBER, T_WORD, T_OTHER };

struct token {
	enum token_kind kind;
	size_t start, end;
	long number;		/* T_NUMBER */
	int month;		/* T_WORD: 1-12 if a month name, else 0 */
	char c;			/* T_OTHER: the byte ('.', '-', ',', ...) */
};

static void
fold(const struct habar_dates *d, const char *in, size_t len, char *out,
    size_t size)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t n = ucasemap_utf8FoldCase(d->fold, out, (int32_t)size - 1, in,
	    (int32_t)len, &err);

	if (U_FAILURE(err) || n < 0 || (size_t)n >= size)
		n = 0;
	out[n] = '\0';
}

static enum habar_status
load_months(struct habar_dates *d, const char *lang)
{
	char line[1024];
	FILE *fp;
	int month = 0;
	enum habar_status status;

	if ((status = habar__data_open(&fp, lang, "months")) != HABAR_OK)
		return status;
	while (fgets(line, sizeof(line), fp) != NULL && month < 12) {
		char *word, *save = NULL;
		if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0')
			continue;
		month++;
		for (word = strtok_r(line, " \t\r\n", &save); word != NULL &&
		    d->count < MAX_FORMS; word = strtok_r(NULL, " \t\r\n", &save)) {
			fold(d, word, strlen(word), d->forms[d->count].text,
			    sizeof(d->forms[d->count].text));
			d->forms[d->count].month = month;
			d->count++;
		}
	}
	fclose(fp);
	return month == 12 ? HABAR_OK : HABAR_ERR_INPUT;
}

enum habar_status
habar_dates_new(struct habar_dates **dates_out)
{
	static const char *langs[] = { "en", "ru", "kk" };
	struct habar_dates *d;
	UErrorCode err = U_ZERO_ERROR;
	enum habar_status status = HABAR_OK;
	size_t i;

	*dates_out = NULL;
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return HABAR_ERR_NOMEM;
	d->fold = ucasemap_open(NULL, 0, &err);
	if (U_FAILURE(err))
		status = HABAR_ERR_LIBRARY;
	for (i = 0; status == HABAR_OK && i < 3; i++)
		status = load_months(d, langs[i]);
	if (status != HABAR_OK) {
		habar_dates_free(d);
		return status;
	}
	*dates_out = d;
	return HABAR_OK;
}

void
habar_dates_free(struct habar_dates *d)
{
	if (d == NULL)
		return;
	if (d->fold != NULL)
		ucasemap_close(d->fold);
	free(d);
}

static int
month_of(const struct habar_dates *d, const char *word, size_t len)
{
	char folded[64];
	size_t i;

	if (len >= 48)
		return 0;
	fold(d, word, len, folded, sizeof(folded));
	for (i = 0; i < d->count; i++)
		if (strcmp(d->forms[i].text, folded) == 0)
			return d->forms[i].month;
	return 0;
}

/* Cuts text into tokens; white space separates and is dropped.  Every
 * byte from 0x80 up counts as a letter: words are compared whole. */
static size_t
tokenize(const struct habar_dates *d, const char *text, size_t len,
    struct token *tokens)
{
	size_t i = 0, n = 0;

	while (i < len && n < MAX_TOKENS) {
		unsigned char c = (unsigned char)text[i];
		struct token *t = &tokens[n];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			i++;
			continue;
		}
		t->start = i;
		if (c >= '0' && c <= '9') {
			t->kind = T_NUMBER;
			t->number = 0;
			while (i < len && text[i] >= '0' && text[i] <= '9') {
				if (t->number < 100000)
					t->number = t->number * 10 + (text[i] - '0');
				i++;
			}
		} else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
			t->kind = T_WORD;
			while (i < len && (((text[i] | 0x20) >= 'a' &&
			    (text[i] | 0x20) <= 'z') ||
			    (unsigned char)text[i] >= 0x80))
				i++;
		} else if (c >= 0x80) {
			/* A run of non-ASCII: a Cyrillic word, or a dash. */
			if (c == 0xE2 && i + 2 < len &&
			    (unsigned char)text[i + 1] == 0x80 &&
			    ((unsigned char)text[i + 2] == 0x93 ||
			    (unsigned char)text[i + 2] == 0x94)) {
				t->kind = T_OTHER;
				t->c = '-';
				i += 3;
			} else {
				t->kind = T_WORD;
				while (i < len && ((unsigned char)text[i] >= 0x80 ||
				    ((text[i] | 0x20) >= 'a' &&
				    (text[i] | 0x20) <= 'z')))
					i++;
			}
		} else {
			t->kind = T_OTHER;
			t->c = (char)c;
			i++;
		}
		t->end = i;
		t->month = t->kind == T_WORD ?
		    month_of(d, text + t->start, t->end - t->start) : 0;
		n++;
	}
	return n;
}

static int
is_year(const struct token *t)
{
	return t->kind == T_NUMBER && t->number >= 1900 && t->number <= 2099 &&
	    t->end - t->start == 4;
}

static int
is_day(const struct token *t)
{
	return t->kind == T_NUMBER && t->number >= 1 && t->number <= 31 &&
	    t->end - t->start <= 2;
}

static int
is_other(const struct token *t, char c)
{
	return t->kind == T_OTHER && t->c == c;
}

int
habar_dates_find(const struct habar_dates *d, const char *text, size_t len,
    char iso[11], size_t *start, size_t *end)
{
	struct token *t = malloc(MAX_TOKENS * sizeof(*t));
	size_t n, i;
	int year = 0, month = 0, day = 0, found = 0;
	size_t s = 0, e = 0;

	if (t == NULL)
		return 0;
	n = tokenize(d, text, len, t);
	for (i = 0; i < n && !found; i++) {
		/* 2005-11-24 */
		if (i + 4 < n && is_year(&t[i]) && is_other(&t[i + 1], '-') &&
		    t[i + 2].kind == T_NUMBER && t[i + 2].number >= 1 &&
		    t[i + 2].number <= 12 && is_other(&t[i + 3], '-') &&
		    is_day(&t[i + 4])) {
			year = (int)t[i].number;
			month = (int)t[i + 2].number;
			day = (int)t[i + 4].number;
			s = t[i].start;
			e = t[i + 4].end;
			found = 1;
		/* 24.11.2005, 24/11/2005 */
		} else if (i + 4 < n && is_day(&t[i]) &&
		    (is_other(&t[i + 1], '.') || is_other(&t[i + 1], '/')) &&
		    t[i + 2].kind == T_NUMBER && t[i + 2].number >= 1 &&
		    t[i + 2].number <= 12 && t[i + 3].kind == T_OTHER &&
		    t[i + 3].c == t[i + 1].c && is_year(&t[i + 4])) {
			day = (int)t[i].number;
			month = (int)t[i + 2].number;
			year = (int)t[i + 4].number;
			s = t[i].start;
			e = t[i + 4].end;
			found = 1;
		} else if (is_day(&t[i])) {
			/* 24 November 2005, 24-25 ноября 2005 */
			size_t j = i + 1;
			if (j + 1 < n && is_other(&t[j], '-') && is_day(&t[j + 1]))
				j += 2;
			if (j + 1 < n && t[j].month && is_year(&t[j + 1])) {
				day = (int)t[i].number;
				month = t[j].month;
				year = (int)t[j + 1].number;
				s = t[i].start;
				e = t[j + 1].end;
				found = 1;
			}
		} else if (t[i].month && i + 3 < n && is_day(&t[i + 1]) &&
		    is_other(&t[i + 2], ',') && is_year(&t[i + 3])) {
			/* November 24, 2005 */
			month = t[i].month;
			day = (int)t[i + 1].number;
			year = (int)t[i + 3].number;
			s = t[i].start;
			e = t[i + 3].end;
			found = 1;
		} else if (is_year(&t[i]) && i + 3 < n && t[i + 1].kind == T_WORD &&
		    is_day(&t[i + 2]) && t[i + 3].month) {
			/* 2005 жылғы 24 қараша */
			year = (int)t[i].number;
			day = (int)t[i + 2].number;
			month = t[i + 3].month;
			s = t[i].start;
			e = t[i + 3].end;
			found = 1;
		}
	}
	free(t);
	if (!found)
		return 0;
	snprintf(iso, 11, "%04d-%02d-%02d", year, month, day);
	if (start != NULL)
		*start = s;
	if (end != NULL)
		*end = e;
	return 1;
}

char *
habar_dates_dateline_place(const char *first, size_t date_start)
{
	const char *comma = strchr(first, ',');
	size_t words = 1, i;

	if (comma == NULL || comma == first ||
	    (size_t)(comma - first) + 3 < date_start ||
	    (size_t)(comma - first) > date_start)
		return NULL;
	for (i = 0; i < (size_t)(comma - first); i++)
		words += first[i] == ' ';
	return words <= 3 ? strndup(first, (size_t)(comma - first)) : NULL;
}
