/*
 * qa_release.c: habar-qa over the language versions of a release (see
 * habar_qa_check_releases() in habar/qa.h): aligned with habar-align's
 * library, then checked as a parallel document whose sentences are found
 * again in the release files for their lines; and the sniffing of a file
 * given alone, so the program needs no option to say what it reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/align.h>

#include "data_internal.h"
#include "qa_internal.h"

/* A release is read whole: a press release is a few kilobytes. */
#define QA_MAX_RELEASE (64u * 1024 * 1024)

enum habar_status
habar_qa_check_releases(struct habar_qa *qa, FILE *const *fps,
    const char *const *names, size_t count, int segmented,
    habar_qa_report_fn *report, void *arg)
{
	struct habar_align *align = NULL;
	struct habar_parallel *doc = NULL;
	char *texts[HABAR_PARALLEL_MAX_LANGS] = { NULL, NULL, NULL };
	size_t lens[HABAR_PARALLEL_MAX_LANGS] = { 0, 0, 0 };
	const char *srcs[HABAR_PARALLEL_MAX_LANGS] = { NULL, NULL, NULL };
	const char *ordered[HABAR_PARALLEL_MAX_LANGS] = { NULL, NULL, NULL };
	const char *osrc[HABAR_PARALLEL_MAX_LANGS] = { NULL, NULL, NULL };
	size_t olen[HABAR_PARALLEL_MAX_LANGS] = { 0, 0, 0 };
	enum habar_status status;
	size_t k;

	qa->error[0] = '\0';
	qa->error_line = 0;
	if (count < 2 || count > HABAR_PARALLEL_MAX_LANGS)
		return HABAR_ERR_ARGUMENT;
	if ((status = habar_align_new(&align)) != HABAR_OK ||
	    (status = habar_parallel_new(&doc)) != HABAR_OK)
		goto done;
	for (k = 0; k < count; k++) {
		FILE *mem;
		if ((status = habar__read_all(&texts[k], &lens[k], fps[k],
		    QA_MAX_RELEASE)) != HABAR_OK) {
			snprintf(qa->error, sizeof(qa->error), "%s: %s",
			    names[k], habar_status_string(status));
			goto done;
		}
		srcs[k] = texts[k];
		if (lens[k] == 0) {
			snprintf(qa->error, sizeof(qa->error), "%s: empty",
			    names[k]);
			status = HABAR_ERR_INPUT;
			goto done;
		}
		if ((mem = fmemopen(texts[k], lens[k], "r")) == NULL) {
			status = HABAR_ERR_NOMEM;
			goto done;
		}
		status = habar_align_load(align, doc, mem, segmented ?
		    HABAR_ALIGN_SEGMENTED : HABAR_ALIGN_SEGMENT);
		fclose(mem);
		if (status != HABAR_OK) {
			snprintf(qa->error, sizeof(qa->error), "%s:%lu: %s",
			    names[k], habar_align_error_line(align),
			    habar_align_error(align));
			goto done;
		}
		/* The document keeps the order the files came in. */
		ordered[doc->language_count - 1] = names[k];
		osrc[doc->language_count - 1] = srcs[k];
		olen[doc->language_count - 1] = lens[k];
	}
	if ((status = habar_align_document(align, doc)) != HABAR_OK) {
		snprintf(qa->error, sizeof(qa->error), "%s",
		    habar_align_error(align));
		goto done;
	}
	status = habar_qa_check_parallel(qa, doc, ordered, osrc, olen, report,
	    arg);
done:
	for (k = 0; k < HABAR_PARALLEL_MAX_LANGS; k++)
		free(texts[k]);
	habar_parallel_free(doc);
	habar_align_free(align);
	return status;
}

enum habar_qa_input
habar_qa_input_kind(const char *bytes, size_t len)
{
	size_t i = 0;

	/* Past a byte order mark, white space, the declaration, comments
	 * and a document type: the first element's name. */
	if (len >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		const char *rest;
		size_t n;
		if (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' ||
		    bytes[i] == '\n') {
			i++;
			continue;
		}
		if (bytes[i] != '<')
			return HABAR_QA_INPUT_OTHER;
		if (i + 1 < len && (bytes[i + 1] == '?' || bytes[i + 1] == '!')) {
			const char *end = memchr(bytes + i, '>', len - i);
			if (end == NULL)
				return HABAR_QA_INPUT_OTHER;
			i = (size_t)(end - bytes) + 1;
			continue;
		}
		rest = bytes + i + 1;
		n = len - i - 1;
		/* A prefix ("x:tmx") is allowed. */
		{
			size_t e = 0, colon = 0;
			while (e < n && rest[e] != ' ' && rest[e] != '>' &&
			    rest[e] != '/' && rest[e] != '\t' &&
			    rest[e] != '\n' && rest[e] != '\r') {
				if (rest[e] == ':')
					colon = e + 1;
				e++;
			}
			rest += colon;
			n = e - colon;
		}
		if ((n == 3 && memcmp(rest, "tmx", 3) == 0) ||
		    (n == 5 && memcmp(rest, "xliff", 5) == 0))
			return HABAR_QA_INPUT_STREAM;
		if (n == 8 && memcmp(rest, "parallel", 8) == 0)
			return HABAR_QA_INPUT_PARALLEL;
		return HABAR_QA_INPUT_OTHER;
	}
	return HABAR_QA_INPUT_OTHER;
}
