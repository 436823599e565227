/*
 * bundle_qa.c: habar-qa's checks in a release pack.  The worst error of a
 * trilingual release is a figure, date or name that differs between its
 * versions; the pack is where a release leaves the office, so it carries
 * the findings (qa.tsv for programs, qa.html for people) and their
 * count, for the index page and for habar-pack --strict.
 */
#define _GNU_SOURCE /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/pack.h>
#include <habar/qa.h>

#include "bundle_internal.h"

/* Where the findings go while the checks run. */
struct sinks {
	FILE *tsv, *html;
};

static int
report(void *arg, const struct habar_qa_unit *unit,
    const struct habar_qa_finding *findings, size_t count)
{
	struct sinks *k = arg;

	if (count == 0)
		return 0;
	if (habar_qa_tsv_unit(k->tsv, unit, findings, count) != HABAR_OK ||
	    habar_qa_html_unit(k->html, unit, findings, count) != HABAR_OK)
		return 1;
	return 0;
}

enum habar_status
habar__bundle_qa(struct habar_pack *pack, const struct habar_parallel *doc,
    struct habar_qa_stats *stats, char *err, size_t errlen)
{
	struct habar_qa *qa = NULL;
	struct sinks k = { NULL, NULL };
	char *tsv = NULL, *html = NULL, title[300];
	size_t tsv_len = 0, html_len = 0;
	enum habar_status status;

	memset(stats, 0, sizeof(*stats));
	if ((status = habar_qa_new(&qa)) != HABAR_OK) {
		snprintf(err, errlen, "the checks' data: %s",
		    habar_qa_error(qa)[0] ? habar_qa_error(qa) :
		    habar_status_string(status));
		goto done;
	}
	if ((k.tsv = open_memstream(&tsv, &tsv_len)) == NULL ||
	    (k.html = open_memstream(&html, &html_len)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	snprintf(title, sizeof(title), "%s: checks", doc->id);
	habar_qa_html_begin(k.html, title);
	status = habar_qa_check_parallel(qa, doc, NULL, NULL, NULL, report, &k);
	if (status != HABAR_OK) {
		snprintf(err, errlen, "checking the versions: %s",
		    habar_qa_error(qa)[0] ? habar_qa_error(qa) :
		    habar_status_string(status));
		goto done;
	}
	habar_qa_get_stats(qa, stats);
	habar_qa_html_end(k.html, stats);
	if (fclose(k.tsv) != 0 || fclose(k.html) != 0) {
		k.tsv = k.html = NULL;
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	k.tsv = k.html = NULL;
	status = habar_pack_add_memory(pack, "qa.tsv", tsv, tsv_len,
	    "text/tab-separated-values", NULL, "qa");
	if (status == HABAR_OK)
		status = habar_pack_add_memory(pack, "qa.html", html,
		    html_len, "text/html", NULL, "qa");
done:
	if (k.tsv != NULL)
		fclose(k.tsv);
	if (k.html != NULL)
		fclose(k.html);
	free(tsv);
	free(html);
	habar_qa_free(qa);
	return status;
}
