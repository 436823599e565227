/*
 * xml_limits_internal.h: the limits every reader of outside XML or HTML
 * checks before libxml2 sees the bytes (xml_limits_xml.c).
 *
 * libxml2 2.9.14 checks each attribute of a start tag against all the
 * attributes before it, so one element with 100,000 attributes costs a
 * minute of parsing; a SAX callback learns of the attributes only after
 * that work is done.  A linear scan of the bytes, run before the parse (or
 * on each chunk of a streaming parse, before the chunk is handed on),
 * counts them first and refuses the document in time.  The header holds
 * no libxml2 type, so any file may use the scan.
 */
#ifndef HABAR_XML_LIMITS_INTERNAL_H
#define HABAR_XML_LIMITS_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include <habar/status.h>

/*
 * Most attributes (namespace declarations included) one element may have.
 * Real documents use a few dozen at most; at this cap libxml2's quadratic
 * check costs well under a millisecond per element.
 */
#define HABAR__XML_MAX_ATTRIBUTES 256

/* The state of one scan; zero it with habar__xml_scan_init(). */
struct habar__xml_scan {
	int html;		/* HTML rules (libxml2's HTML parser) */
	int state;		/* where in the markup the scan is */
	int quote;		/* the quote of an attribute value, or 0 */
	int space;		/* the last byte in a tag was white space */
	int after_eq;		/* an '=' waits for its value */
	int open;		/* after "<!": 1 comment, 2 CDATA, 0 other */
	unsigned match;		/* bytes of "--" or "[CDATA[" matched, or of
				   the "-->" or "]]>" that ends one */
	unsigned long attributes; /* attributes of the open start tag */
	unsigned long line;	/* line of the next byte (from 1) */
	unsigned long long offset; /* offset of the next byte */
	unsigned long tag_line;	/* line where the open start tag begins */
	unsigned long long tag_offset; /* and its byte offset */
};

/*
 * Starts a scan of a document; html is nonzero for a document that
 * libxml2's HTML parser will read (no CDATA sections, tag names that start
 * with an ASCII letter).
 */
void habar__xml_scan_init(struct habar__xml_scan *scan, int html);

/*
 * Scans the next len bytes of the document, which may end anywhere (in
 * the middle of a tag or of a UTF-8 sequence).  The scan may count more
 * attributes than the parser will find (in malformed markup), never fewer.
 * Returns HABAR_OK, or HABAR_ERR_LIMIT when a start tag has more than
 * HABAR__XML_MAX_ATTRIBUTES attributes; then scan->tag_line and
 * scan->tag_offset say where that tag begins and msg (msg_size bytes, may
 * be NULL) holds the message, which names the limit.
 */
enum habar_status habar__xml_scan_feed(struct habar__xml_scan *scan,
    const char *bytes, size_t len, char *msg, size_t msg_size);

/*
 * Scans a whole document of len bytes: habar__xml_scan_init() and one
 * habar__xml_scan_feed().  On HABAR_ERR_LIMIT *line (may be NULL) is the
 * line where the offending tag begins and msg says why.
 */
enum habar_status habar__xml_limits_check(const char *bytes, size_t len,
    int html, unsigned long *line, char *msg, size_t msg_size);

/*
 * A document read from a stream by libxml2's reader and scanned on the
 * way in: prefix[0..prefix_len) (bytes already read to tell the format;
 * may be empty) and then fp.  Zero it, set prefix, prefix_len and fp and
 * habar__xml_scan_init() the scan; after a failed read, io_error (errno
 * kept) or limit (limit_msg says which, scan.tag_line where) tells why.
 */
struct habar__xml_stream {
	const char *prefix;
	size_t prefix_len, prefix_at;
	FILE *fp;
	struct habar__xml_scan scan;
	int io_error, limit;
	char limit_msg[160];
};

/* The read callback of xmlReaderForIO() for a struct habar__xml_stream
 * (ctx): the prefix, then fp, each chunk through the scan. */
int habar__xml_stream_read(void *ctx, char *buf, int len);

#endif
