/*
 * xml_limits_xml.c: a linear scan of XML or HTML bytes that refuses a
 * document before libxml2 spends quadratic time on it (see
 * xml_limits_internal.h).  Every reader of outside markup runs it: the
 * hardened parse of parallel_xml.c (parallel XML, TMX, XLIFF, manifests,
 * slides) and the web page reader.
 *
 * The scan knows just enough of the markup to find start tags: comments,
 * CDATA sections and declarations (XML only: the HTML parser reads them as
 * text), processing instructions, end tags and quoted attribute values.  Where it could disagree with the
 * parser it errs towards counting: a comment, instruction or declaration
 * ends for the scan no later than for the parser, and a quote opens a
 * value only right after '=', as in both parsers; so an attribute the
 * parser reads is never hidden from the count.
 */
#include <stdio.h>
#include <string.h>

#include "xml_limits_internal.h"

enum {
	SCAN_TEXT,		/* character data */
	SCAN_LT,		/* after '<' */
	SCAN_BANG,		/* after "<!", matching "--" or "[CDATA[" */
	SCAN_COMMENT,		/* in "<!--", up to "-->" (HTML: '>') */
	SCAN_CDATA,		/* in "<![CDATA[", up to "]]>" */
	SCAN_SKIP,		/* instruction, declaration or end tag: '>' */
	SCAN_TAG		/* in a start tag */
};

static const char comment_open[] = "--";
static const char cdata_open[] = "[CDATA[";

void
habar__xml_scan_init(struct habar__xml_scan *scan, int html)
{
	memset(scan, 0, sizeof(*scan));
	scan->html = html != 0;
	scan->state = SCAN_TEXT;
	scan->line = 1;
}

/* Whether c can begin a tag name for the parser (or more often). */
static int
name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    c == ':' || c == '.' || c >= 0x80;
}

static int
blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* One byte of a start tag; returns whether the tag went over the cap. */
static int
tag_byte(struct habar__xml_scan *scan, unsigned char c)
{
	if (scan->quote != 0) {
		/* A NUL ends the value early, as it may for the HTML parser. */
		if (c == scan->quote || c == '\0')
			scan->quote = 0;
		return 0;
	}
	if (blank(c)) {
		scan->space = 1;
		return 0;
	}
	if (c == '>') {
		scan->state = SCAN_TEXT;
		return 0;
	}
	if (c == '=') {
		scan->after_eq = 1;
		scan->space = 0;
		return 0;
	}
	if (scan->after_eq) {
		/* A value: quoted, or (HTML) up to white space or '>'. */
		if (c == '"' || c == '\'')
			scan->quote = c;
		scan->after_eq = 0;
		scan->space = 0;
		return 0;
	}
	if (scan->space && c != '/') {
		scan->space = 0;
		return ++scan->attributes > HABAR__XML_MAX_ATTRIBUTES;
	}
	scan->space = 0;
	return 0;
}

enum habar_status
habar__xml_scan_feed(struct habar__xml_scan *scan, const char *bytes,
    size_t len, char *msg, size_t msg_size)
{
	const unsigned char *p = (const unsigned char *)bytes;
	const char *want;
	size_t i;

	for (i = 0; i < len; i++, scan->offset++) {
		unsigned char c = p[i];

		if (c == '\n')
			scan->line++;
		switch (scan->state) {
		case SCAN_TEXT:
			if (c == '<')
				scan->state = SCAN_LT;
			break;
		case SCAN_LT:
			if (c == '!') {
				scan->state = SCAN_BANG;
				scan->match = 0;
			} else if (c == '?' || c == '/') {
				scan->state = SCAN_SKIP;
			} else if (c == '<') {
				scan->state = SCAN_LT;
			} else if (name_start(c)) {
				scan->state = SCAN_TAG;
				scan->attributes = 0;
				scan->quote = 0;
				scan->space = 0;
				scan->after_eq = 0;
				scan->tag_line = scan->line;
				scan->tag_offset = scan->offset - 1;
			} else {
				scan->state = SCAN_TEXT;
			}
			break;
		case SCAN_BANG:
			if (scan->match == 0)
				scan->open = c == '-' ? 1 :
				    c == '[' && !scan->html ? 2 : 0;
			want = scan->open == 1 ? comment_open :
			    scan->open == 2 ? cdata_open : NULL;
			if (want != NULL &&
			    c == (unsigned char)want[scan->match]) {
				if (want[++scan->match] == '\0') {
					scan->state = scan->open == 1 ?
					    SCAN_COMMENT : SCAN_CDATA;
					scan->match = 0;
				}
			} else if (scan->html) {
				/* libxml2's HTML parser reads "<![CDATA[" and
				 * the like as text: so does the scan. */
				scan->state = c == '<' ? SCAN_LT : SCAN_TEXT;
			} else {
				scan->state = c == '>' ? SCAN_TEXT : SCAN_SKIP;
			}
			break;
		case SCAN_COMMENT:
			if (c == '>' && (scan->html || scan->match >= 2))
				scan->state = SCAN_TEXT;
			scan->match = c == '-' ? scan->match + 1 : 0;
			break;
		case SCAN_CDATA:
			if (c == '>' && scan->match >= 2)
				scan->state = SCAN_TEXT;
			scan->match = c == ']' ? scan->match + 1 : 0;
			break;
		case SCAN_SKIP:
			if (c == '>')
				scan->state = SCAN_TEXT;
			break;
		case SCAN_TAG:
			if (tag_byte(scan, c)) {
				if (msg != NULL && msg_size > 0)
					snprintf(msg, msg_size,
					    "an element with more than %d "
					    "attributes (the limit)",
					    HABAR__XML_MAX_ATTRIBUTES);
				return HABAR_ERR_LIMIT;
			}
			break;
		}
	}
	return HABAR_OK;
}

enum habar_status
habar__xml_limits_check(const char *bytes, size_t len, int html,
    unsigned long *line, char *msg, size_t msg_size)
{
	struct habar__xml_scan scan;
	enum habar_status status;

	habar__xml_scan_init(&scan, html);
	status = habar__xml_scan_feed(&scan, bytes, len, msg, msg_size);
	if (line != NULL)
		*line = status == HABAR_OK ? 0 : scan.tag_line;
	return status;
}

int
habar__xml_stream_read(void *ctx, char *buf, int len)
{
	struct habar__xml_stream *st = ctx;
	size_t n;

	if (len <= 0)
		return 0;
	if (st->prefix_at < st->prefix_len) {
		n = st->prefix_len - st->prefix_at;
		if (n > (size_t)len)
			n = (size_t)len;
		memcpy(buf, st->prefix + st->prefix_at, n);
		st->prefix_at += n;
	} else {
		n = fread(buf, 1, (size_t)len, st->fp);
		if (n == 0 && ferror(st->fp)) {
			st->io_error = 1;
			return -1;
		}
	}
	if (habar__xml_scan_feed(&st->scan, buf, n, st->limit_msg,
	    sizeof(st->limit_msg)) != HABAR_OK) {
		st->limit = 1;
		return -1;
	}
	return (int)n;
}
