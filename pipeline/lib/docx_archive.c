/*
 * docx_archive.c: a .docx package zipped in memory with libarchive
 * (habar/docx.h), its parts from docx_xml.c.  Every member's time stamp is
 * the release date at 00:00 UTC and owner and mode are fixed, so that a
 * pack holding the document stays reproducible.
 */
#define _GNU_SOURCE /* timegm */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <archive.h>
#include <archive_entry.h>

#include "docx_internal.h"
#include "grow_internal.h"

#define MAX_DOCX (512u * 1024 * 1024)

/* The zip as it grows. */
struct sink {
	char *buf;
	size_t len, cap;
	int full;
};

static la_ssize_t
sink_write(struct archive *ar, void *arg, const void *data, size_t n)
{
	struct sink *s = arg;

	(void)ar;
	if (n > MAX_DOCX || s->len + n > MAX_DOCX ||
	    habar__grow((void **)&s->buf, &s->cap, s->len + n, 1, 65536) !=
	    HABAR_OK) {
		s->full = 1;
		return -1;
	}
	memcpy(s->buf + s->len, data, n);
	s->len += n;
	return (la_ssize_t)n;
}

/* The release date at 00:00 UTC, or 1 January 1980 (zip's first day). */
static time_t
stamp(const char *date)
{
	struct tm tm;
	int y, m, d, n = 0;

	memset(&tm, 0, sizeof(tm));
	if (date != NULL && sscanf(date, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 &&
	    n == 10 && y >= 1980 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
		tm.tm_year = y - 1900;
		tm.tm_mon = m - 1;
		tm.tm_mday = d;
	} else {
		tm.tm_year = 80;
		tm.tm_mday = 1;
	}
	return timegm(&tm);
}

enum habar_status
habar_docx_write(char **out, size_t *len, const struct habar_parallel *doc,
    size_t li)
{
	struct docx_part parts[DOCX_PARTS];
	struct archive *ar = NULL;
	struct archive_entry *entry = NULL;
	struct sink sink = { 0 };
	enum habar_status status;
	time_t mtime = stamp(doc->date);
	size_t i;

	*out = NULL;
	*len = 0;
	memset(parts, 0, sizeof(parts));
	if (li >= doc->language_count)
		return HABAR_ERR_ARGUMENT;
	if ((status = habar__docx_parts(parts, doc, li)) != HABAR_OK)
		goto done;
	if ((ar = archive_write_new()) == NULL ||
	    (entry = archive_entry_new()) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	status = HABAR_ERR_LIBRARY;
	if (archive_write_set_format_zip(ar) != ARCHIVE_OK ||
	    archive_write_set_options(ar, "zip:compression=deflate") !=
	    ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(ar, 1) != ARCHIVE_OK ||
	    archive_write_open(ar, &sink, NULL, sink_write, NULL) != ARCHIVE_OK)
		goto done;
	for (i = 0; i < DOCX_PARTS; i++) {
		archive_entry_clear(entry);
		archive_entry_set_pathname(entry, parts[i].name);
		archive_entry_set_filetype(entry, AE_IFREG);
		archive_entry_set_perm(entry, 0644);
		archive_entry_set_size(entry, (la_int64_t)parts[i].len);
		archive_entry_set_mtime(entry, mtime, 0);
		archive_entry_set_uid(entry, 0);
		archive_entry_set_gid(entry, 0);
		if (archive_write_header(ar, entry) != ARCHIVE_OK ||
		    archive_write_data(ar, parts[i].xml, parts[i].len) < 0)
			goto done;
	}
	if (archive_write_close(ar) != ARCHIVE_OK)
		goto done;
	*out = sink.buf;
	*len = sink.len;
	sink.buf = NULL;
	status = HABAR_OK;
done:
	if (status == HABAR_ERR_LIBRARY && sink.full)
		status = HABAR_ERR_NOMEM;
	archive_entry_free(entry);
	if (ar != NULL)
		archive_write_free(ar);
	for (i = 0; i < DOCX_PARTS; i++)
		free(parts[i].xml);
	free(sink.buf);
	return status;
}
