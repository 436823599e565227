/*
 * qa.c: the checker of habar-qa (see habar/qa.h): its making, the choice
 * of checks, the findings of a unit, and the run over one unit.  Each
 * segment of a unit is recognised once (habar/recognise.h); then every
 * pair of segments is compared check by check, each check in a file of
 * its own (qa_numbers.c, qa_keys.c, qa_names.c, qa_quotes.c, qa_text.c,
 * qa_terms.c), so that a rule is read and changed beside its kind's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align_internal.h"
#include "lexicon_internal.h"
#include "qa_internal.h"
#include "spell_internal.h"
#include "utf8_internal.h"

static const char *const qa_check_names[HABAR_QA_CHECKS] = {
	"numbers", "dates", "money", "names", "urls", "emails", "phones",
	"hashtags", "handles", "quotes", "brackets", "untranslated", "empty",
	"length", "terms", "meta"
};

const char *
habar_qa_check_name(enum habar_qa_check check)
{
	return (unsigned)check < HABAR_QA_CHECKS ? qa_check_names[check] : "?";
}

enum habar_status
habar_qa_new(struct habar_qa **qa_out)
{
	struct habar_qa *qa;
	enum habar_status status;
	size_t i;

	*qa_out = NULL;
	if ((qa = calloc(1, sizeof(*qa))) == NULL)
		return HABAR_ERR_NOMEM;
	*qa_out = qa;
	for (i = 0; i < HABAR_QA_CHECKS; i++)
		qa->on[i] = 1;
	if ((status = habar_recognise_new(&qa->rec, qa->error,
	    sizeof(qa->error))) != HABAR_OK)
		return status;
	for (i = 0; i < QA_MAX_SEGS; i++)
		if (habar_values_new(&qa->values[i]) != HABAR_OK)
			return HABAR_ERR_NOMEM;
	for (i = 'A'; i < QA_LETTERS; i++)
		qa->letter_kind[i] = habar__qa_letter_kind(qa->rec,
		    (uint32_t)i);
	for (i = 0; i < 3; i++)
		if ((qa->atoms[i] = calloc(QA_MAX_ATOMS,
		    sizeof(*qa->atoms[i]))) == NULL)
			return HABAR_ERR_NOMEM;
	return HABAR_OK;
}

void
habar_qa_free(struct habar_qa *qa)
{
	size_t i, k;

	if (qa == NULL)
		return;
	habar_recognise_free(qa->rec);
	habar__align_icu_free(qa->icu);
	for (i = 0; i < QA_MAX_SEGS; i++) {
		habar_values_free(qa->values[i]);
		free(qa->folded[i]);
		free(qa->langs[i]);
	}
	for (i = 0; i < qa->term_count; i++)
		for (k = 0; k < QA_MAX_SEGS; k++)
			free(qa->terms[i].terms[k]);
	free(qa->terms);
	free(qa->findings);
	free(qa->scratch);
	free(qa->atoms[0]);
	free(qa->atoms[1]);
	free(qa->atoms[2]);
	for (i = 0; i < QA_MAX_SEGS; i++)
		free(qa->held.text[i]);
	free(qa->held.findings);
	for (i = 0; i < qa->dict_count; i++)
		habar__dict_free(qa->dicts[i].dict);
	for (i = 0; i < qa->morph_count; i++) {
		habar__morph_free(qa->morphs[i].morph);
		habar__stemmer_free(qa->morphs[i].stemmer);
	}
	free(qa);
}

const char *
habar_qa_error(const struct habar_qa *qa)
{
	return qa == NULL ? "" : qa->error;
}

unsigned long
habar_qa_error_line(const struct habar_qa *qa)
{
	return qa->error_line;
}

void
habar_qa_get_stats(const struct habar_qa *qa, struct habar_qa_stats *stats)
{
	*stats = qa->stats;
}

void
habar_qa_select_none(struct habar_qa *qa)
{
	memset(qa->on, 0, sizeof(qa->on));
}

enum habar_status
habar_qa_select(struct habar_qa *qa, const char *list, int on)
{
	int want[HABAR_QA_CHECKS];
	const char *p = list;
	size_t i;

	memcpy(want, qa->on, sizeof(want));
	while (*p != '\0') {
		size_t n = strcspn(p, ",");
		int found = 0;
		if (n == 3 && memcmp(p, "all", 3) == 0) {
			for (i = 0; i < HABAR_QA_CHECKS; i++)
				want[i] = on;
			found = 1;
		}
		for (i = 0; i < HABAR_QA_CHECKS && !found; i++)
			if (strlen(qa_check_names[i]) == n &&
			    memcmp(qa_check_names[i], p, n) == 0) {
				want[i] = on;
				found = 1;
			}
		if (!found && n > 0) {
			snprintf(qa->error, sizeof(qa->error),
			    "'%.*s' is not a check", (int)(n > 64 ? 64 : n), p);
			return HABAR_ERR_ARGUMENT;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	memcpy(qa->on, want, sizeof(want));
	return HABAR_OK;
}

struct habar_qa_finding *
habar__qa_add(struct habar_qa *qa, enum habar_qa_check check,
    enum habar_qa_severity severity, size_t a, size_t b, size_t seg,
    size_t start, size_t end)
{
	struct habar_qa_finding *f;

	if (qa->finding_count == qa->finding_size) {
		size_t size = qa->finding_size ? qa->finding_size * 2 : 16;
		if (qa->finding_size >= 1000 ||
		    (f = realloc(qa->findings, size * sizeof(*f))) == NULL)
			return NULL;
		qa->findings = f;
		qa->finding_size = size;
	}
	f = &qa->findings[qa->finding_count++];
	f->check = check;
	f->severity = severity;
	f->a = a;
	f->b = b;
	f->seg = seg;
	f->start = start;
	f->end = end;
	f->message[0] = '\0';
	return f;
}

enum habar_status
habar__qa_flush(struct habar_qa *qa, const struct habar_qa_unit *unit,
    habar_qa_report_fn *report, void *arg)
{
	size_t i, n = qa->finding_count;

	qa->stats.units++;
	if (n > 0)
		qa->stats.flagged++;
	for (i = 0; i < n; i++) {
		if (qa->findings[i].severity == HABAR_QA_ERROR)
			qa->stats.errors++;
		else
			qa->stats.warnings++;
	}
	qa->finding_count = 0;
	if (report != NULL && report(arg, unit, qa->findings, n) != 0)
		return HABAR_ERR_IO;
	return HABAR_OK;
}

/* Appends to a finding's message, cutting it short rather than a
 * character in two. */
void
habar__qa_say(struct habar_qa_finding *f, const char *fmt, const char *a,
    size_t alen, const char *b, size_t blen)
{
	size_t n = strlen(f->message), room = sizeof(f->message) - n;
	char qa_[96], qb[96];
	size_t k;

	/* Quoted texts at most 80 bytes each, cut at a character. */
	k = alen > 80 ? 80 : alen;
	while (k > 0 && k < alen && ((unsigned char)a[k] & 0xC0) == 0x80)
		k--;
	memcpy(qa_, a, k);
	qa_[k] = '\0';
	k = blen > 80 ? 80 : blen;
	while (k > 0 && k < blen && ((unsigned char)b[k] & 0xC0) == 0x80)
		k--;
	memcpy(qb, b, k);
	qb[k] = '\0';
	snprintf(f->message + n, room, fmt, qa_, qb);
	n = strlen(f->message);
	/* snprintf may have cut a character: drop its leading bytes. */
	while (n > 0 && ((unsigned char)f->message[n - 1] & 0xC0) == 0xC0)
		f->message[--n] = '\0';
}

/* The code point before text[at], or 0 at the start. */
uint32_t
habar__qa_before(const char *text, size_t at)
{
	unsigned long c = 0;
	size_t k = at;

	while (k > 0 && (k == at || ((unsigned char)text[k] & 0xC0) == 0x80))
		k--;
	if (k == at || habar__utf8_decode((const unsigned char *)text + k,
	    at - k, &c) == 0)
		return 0;
	return (uint32_t)c;
}

enum habar_status
habar_qa_check(struct habar_qa *qa, const struct habar_qa_unit *unit,
    habar_qa_report_fn *report, void *arg)
{
	size_t n = unit->count < QA_MAX_SEGS ? unit->count : QA_MAX_SEGS;
	size_t flen[QA_MAX_SEGS];
	size_t a, b, i;

	for (i = 0; i < n; i++) {
		enum habar_status st = habar_recognise(qa->rec, qa->values[i],
		    unit->segs[i].lang, unit->segs[i].text, unit->segs[i].len,
		    HABAR_RECOGNISE_ALL);
		if (st == HABAR_ERR_NOMEM)
			return st;
		flen[i] = qa->on[HABAR_QA_TERMS] && qa->term_count > 0 ?
		    habar__qa_fold_segment(qa, &unit->segs[i], i) : 0;
	}
	qa->no_swap_count = 0;
	if (qa->on[HABAR_QA_QUOTES])
		habar__qa_check_balance(qa, unit, n, HABAR_QA_QUOTES);
	if (qa->on[HABAR_QA_BRACKETS])
		habar__qa_check_balance(qa, unit, n, HABAR_QA_BRACKETS);
	for (a = 0; a < n; a++)
		for (b = a + 1; b < n; b++) {
			qa->stats.pairs++;
			if (qa->on[HABAR_QA_EMPTY])
				habar__qa_check_empty(qa, unit, a, b);
			if (habar__qa_blank(unit->segs[a].text,
			    unit->segs[a].len) ||
			    habar__qa_blank(unit->segs[b].text,
			    unit->segs[b].len))
				continue;
			if (qa->on[HABAR_QA_NUMBERS])
				habar__qa_check_numbers(qa, unit, a, b);
			if (qa->on[HABAR_QA_DATES])
				habar__qa_check_keys(qa, unit, a, b,
				    HABAR_QA_DATES, HABAR_VALUE_DATE);
			if (qa->on[HABAR_QA_MONEY])
				habar__qa_check_keys(qa, unit, a, b,
				    HABAR_QA_MONEY, HABAR_VALUE_MONEY);
			if (qa->on[HABAR_QA_NAMES])
				habar__qa_check_names(qa, unit, a, b);
			if (qa->on[HABAR_QA_URLS])
				habar__qa_check_keys(qa, unit, a, b,
				    HABAR_QA_URLS, HABAR_VALUE_URL);
			if (qa->on[HABAR_QA_EMAILS])
				habar__qa_check_keys(qa, unit, a, b,
				    HABAR_QA_EMAILS, HABAR_VALUE_EMAIL);
			if (qa->on[HABAR_QA_PHONES])
				habar__qa_check_keys(qa, unit, a, b,
				    HABAR_QA_PHONES, HABAR_VALUE_PHONE);
			if (qa->on[HABAR_QA_HASHTAGS])
				habar__qa_check_keys(qa, unit, a, b,
				    HABAR_QA_HASHTAGS, HABAR_VALUE_HASHTAG);
			if (qa->on[HABAR_QA_HANDLES])
				habar__qa_check_keys(qa, unit, a, b,
				    HABAR_QA_HANDLES, HABAR_VALUE_HANDLE);
			if (qa->on[HABAR_QA_UNTRANSLATED])
				habar__qa_check_untranslated(qa, unit, a, b);
			if (qa->on[HABAR_QA_LENGTH])
				habar__qa_check_length(qa, unit, a, b);
			if (qa->on[HABAR_QA_TERMS] && qa->term_count > 0)
				habar__qa_check_terms(qa, unit, a, b, flen);
		}
	return habar__qa_pass_on(qa, unit, report, arg);
}
