/*
 * qa_hold.c: keeping a unit of habar-qa back until the next unit of its
 * document is checked.  A quotation that every version leaves open may go
 * on into the next sentence, and only the next unit tells whether one
 * version dropped its closing mark: there the others end the quotation
 * and it does not.  A reader of units in document order (TMX, XLIFF)
 * holds such a unit, with copies of its texts and its findings, and
 * reports it once the next one is judged; memory stays that of two
 * units.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qa_internal.h"

void
habar__qa_hold_begin(struct habar_qa *qa)
{
	qa->holding = 1;
	qa->held.on = 0;
	qa->held.finding_count = 0;
}

/* Swaps qa's list of findings with the held unit's. */
static void
swap_findings(struct habar_qa *qa)
{
	struct habar_qa_finding *f = qa->findings;
	size_t count = qa->finding_count, size = qa->finding_size;

	qa->findings = qa->held.findings;
	qa->finding_count = qa->held.finding_count;
	qa->finding_size = qa->held.finding_size;
	qa->held.findings = f;
	qa->held.finding_count = count;
	qa->held.finding_size = size;
}

/* Reports the held unit and lets it go. */
static enum habar_status
report_held(struct habar_qa *qa, habar_qa_report_fn *report, void *arg)
{
	struct habar_qa_unit unit;
	enum habar_status status;

	unit.id = qa->held.id;
	unit.segs = qa->held.segs;
	unit.count = qa->held.count;
	qa->held.on = 0;
	swap_findings(qa);
	status = habar__qa_flush(qa, &unit, report, arg);
	swap_findings(qa);
	return status;
}

/* Whether a version of the unit just checked leaves a quotation open
 * that it was not reported for. */
static int
open_quotation(const struct habar_qa *qa, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (qa->quotes[k].depth > 0 && !qa->quotes[k].reported)
			return 1;
	return 0;
}

/* Copies unit, its findings and its quotes into the held unit. */
static enum habar_status
hold(struct habar_qa *qa, const struct habar_qa_unit *unit, size_t n)
{
	struct qa_held *h = &qa->held;
	size_t k;

	for (k = 0; k < n; k++) {
		const struct habar_qa_segment *s = &unit->segs[k];
		if (s->len + 1 > h->size[k]) {
			char *p = realloc(h->text[k], s->len + 1);
			if (p == NULL)
				return HABAR_ERR_NOMEM;
			h->text[k] = p;
			h->size[k] = s->len + 1;
		}
		memcpy(h->text[k], s->text, s->len);
		h->text[k][s->len] = '\0';
		snprintf(h->lang[k], sizeof(h->lang[k]), "%s",
		    s->lang != NULL ? s->lang : "");
		h->segs[k] = *s;
		h->segs[k].text = h->text[k];
		h->segs[k].lang = h->lang[k];
		h->quotes[k] = qa->quotes[k];
	}
	snprintf(h->id, sizeof(h->id), "%s", unit->id != NULL ? unit->id :
	    "");
	h->count = n;
	h->on = 1;
	/* The unit's findings become the held unit's; its list, empty,
	 * collects the next unit's. */
	h->finding_count = 0;
	swap_findings(qa);
	return HABAR_OK;
}

enum habar_status
habar__qa_pass_on(struct habar_qa *qa, const struct habar_qa_unit *unit,
    habar_qa_report_fn *report, void *arg)
{
	size_t n = unit->count < QA_MAX_SEGS ? unit->count : QA_MAX_SEGS;
	enum habar_status status;

	if (qa->held.on) {
		if (qa->on[HABAR_QA_QUOTES]) {
			swap_findings(qa);
			habar__qa_check_quotes_after(qa, &qa->held, unit);
			swap_findings(qa);
		}
		if ((status = report_held(qa, report, arg)) != HABAR_OK)
			return status;
	}
	if (qa->holding && qa->on[HABAR_QA_QUOTES] && open_quotation(qa, n))
		return hold(qa, unit, n);
	return habar__qa_flush(qa, unit, report, arg);
}

enum habar_status
habar__qa_hold_end(struct habar_qa *qa, habar_qa_report_fn *report,
    void *arg)
{
	enum habar_status status = HABAR_OK;

	if (qa->held.on)
		status = report_held(qa, report, arg);
	qa->holding = 0;
	return status;
}
