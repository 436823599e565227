/*
 * qa_keys.c: the checks of habar-qa that compare one field of the values
 * of a kind, as multisets: the month of dates, the currency of money,
 * the key of URLs, addresses, phones, hashtags and handles.  Figures are
 * the numbers check's (qa_numbers.c).
 */
#include <stdio.h>
#include <string.h>

#include "qa_internal.h"
#include "recognise_internal.h"

/*
 * Compares a field of the values of kind in two segments as multisets:
 * month (dates), currency (money) or key (addresses).  Reports what is
 * left unmatched on either side.
 */
void
habar__qa_check_keys(struct habar_qa *qa, const struct habar_qa_unit *u,
    size_t a, size_t b, enum habar_qa_check check, enum habar_value_kind kind)
{
	const struct habar_values *va = qa->values[a], *vb = qa->values[b];
	size_t na = habar_values_count(va), nb = habar_values_count(vb);
	unsigned char used[REC_MAX_VALUES];
	size_t i, j, miss_a = (size_t)-1, miss_b = (size_t)-1;
	struct habar_qa_finding *f;

	memset(used, 0, nb < sizeof(used) ? nb : sizeof(used));
	for (i = 0; i < na; i++) {
		const struct habar_value *x = habar_values_get(va, i);
		int hit = 0;
		if (x->kind != kind)
			continue;
		if (kind == HABAR_VALUE_DATE && x->month == 0)
			continue;	/* weekdays are often left out */
		for (j = 0; j < nb && !hit; j++) {
			const struct habar_value *y = habar_values_get(vb, j);
			if (used[j] || y->kind != kind)
				continue;
			if (kind == HABAR_VALUE_DATE)
				hit = x->month == y->month;
			else if (kind == HABAR_VALUE_MONEY)
				hit = strcmp(x->currency, y->currency) == 0;
			else
				hit = strcmp(x->key, y->key) == 0;
			if (hit)
				used[j] = 1;
		}
		if (!hit && miss_a == (size_t)-1)
			miss_a = i;
	}
	for (j = 0; j < nb; j++) {
		const struct habar_value *y = habar_values_get(vb, j);
		if (used[j] || y->kind != kind || (kind == HABAR_VALUE_DATE &&
		    y->month == 0))
			continue;
		miss_b = j;
		break;
	}
	if (miss_a == (size_t)-1 && miss_b == (size_t)-1)
		return;
	/* A month or a currency on one side only is often a translator's
	 * choice (an adjective, «июньский», a sum left out): a wrong one
	 * leaves one unmatched on each side.  Addresses must all be there. */
	if ((kind == HABAR_VALUE_DATE || kind == HABAR_VALUE_MONEY) &&
	    (miss_a == (size_t)-1 || miss_b == (size_t)-1))
		return;
	{
		const struct habar_value *x = miss_a != (size_t)-1 ?
		    habar_values_get(va, miss_a) : NULL;
		const struct habar_value *y = miss_b != (size_t)-1 ?
		    habar_values_get(vb, miss_b) : NULL;
		const char *what = habar_value_kind_name(kind);
		f = habar__qa_add(qa, check, HABAR_QA_ERROR, a, b,
		    y ? b : a, y ? y->start : x->start, y ? y->end : x->end);
		if (f == NULL)
			return;
		if (x != NULL && y != NULL) {
			snprintf(f->message, sizeof(f->message), "%s %s ",
			    u->segs[a].lang, what);
			habar__qa_say(f, "\"%s\" against \"%s\"",
			    u->segs[a].text + x->start, x->end - x->start,
			    u->segs[b].text + y->start, y->end - y->start);
			snprintf(f->message + strlen(f->message),
			    sizeof(f->message) - strlen(f->message), " in %s",
			    u->segs[b].lang);
		} else {
			const struct habar_value *z = x ? x : y;
			size_t s = x ? a : b, o = x ? b : a;
			snprintf(f->message, sizeof(f->message), "%s %s ",
			    u->segs[s].lang, what);
			habar__qa_say(f, "\"%s\"%s", u->segs[s].text + z->start,
			    z->end - z->start, "", 0);
			snprintf(f->message + strlen(f->message),
			    sizeof(f->message) - strlen(f->message),
			    " has no counterpart in %s", u->segs[o].lang);
		}
	}
}
