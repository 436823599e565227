/*
 * import_doc_icu.c: the text of a legacy Word document (.doc, Word 97 to
 * 2003, MS-DOC) for habar-import and habar-batch, which archives of old
 * releases are full of.
 *
 * A .doc is an OLE2 compound file (read by ole2.c, which checks every
 * chain).  Its WordDocument stream opens with the FIB, which says where
 * the rest is; the text is not stored in order but as pieces, listed in
 * the piece table (the Clx: Pcdt and PlcPcd) of the table stream, 0Table
 * or 1Table as the FIB says.  A piece is either 8-bit text in code page
 * 1252 ("compressed"; ICU converts it) or UTF-16LE, which is how Word
 * stores Cyrillic.  The character positions of the main text come first,
 * then the footnotes, headers, comments and endnotes.
 *
 * In the text, 0x0D ends a paragraph and 0x07 a table cell (each a
 * paragraph of the release); 0x0B (line break) and tabs are spaces; a
 * field is 0x13 instructions 0x14 result 0x15, of which the result is
 * kept (a link's text) and the instructions dropped; pictures, note
 * references and other marks below 0x20 go.  Text marked deleted by
 * tracked changes is dropped, as if the change were accepted, and hidden
 * text too, hidden directly or by its paragraph or character style
 * (import_doc_format.c reads the formatting).  The title, author and
 * creation date come from the SummaryInformation property set, its
 * strings in the code page it names.  A fast-saved or encrypted document
 * is refused (docs/import.md).  Every offset comes
 * from the file and is checked against the stream it points into.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include "byteorder_internal.h"
#include "grow_internal.h"
#include "import_internal.h"
#include "ole2.h"

/* The most characters of text read from one document (UTF-16 units). */
#define MAX_CHARS (IMPORT_MAX_PART / 2)
/* The largest stream read. */
#define MAX_STREAM (HABAR_IMPORT_MAX_FILE)
/* The most pieces a piece table may list. */
#define MAX_PIECES 1000000u
/* Fields nest; deeper ones than this are taken for garbage. */
#define MAX_FIELD_DEPTH 32
/* FibBase flags. */
#define FIB_COMPLEX	0x0004	/* fast-saved */
#define FIB_ENCRYPTED	0x0100
#define FIB_TABLE1	0x0200	/* the table stream is 1Table */
#define FIB_OBFUSCATED	0x8000
#define FIB_IDENT	0xA5EC
#define FIB_WORD97	0x00C1	/* nFib of Word 97; earlier is Word 6/95 */

struct piece {
	uint32_t cp, cp_end;	/* character positions */
	uint32_t offset;	/* in the WordDocument stream */
	int compressed;		/* 8-bit code page 1252, else UTF-16LE */
};

struct doc {
	const unsigned char *wd;	/* WordDocument stream */
	size_t wd_len;
	struct piece *pieces;
	size_t npieces;
	struct doc_format *format;	/* deleted and hidden characters */
	unsigned char *flags;		/* DOC_* of each unit of text */
	size_t flags_cap;
	UConverter *cp1252;
	UChar *text;			/* one range of text, UTF-16 */
	size_t text_len, text_cap;
	char *utf8;			/* one paragraph, UTF-8 */
	size_t utf8_cap;
};

/* The character counts of the FIB that place the text's parts. */
struct fib {
	uint16_t flags;
	uint32_t ccp_text, ccp_ftn, ccp_hdd, ccp_atn, ccp_edn;
	uint32_t fc_clx, lcb_clx;
	struct doc_plcs plcs;		/* where the formatting is */
};

/* Reads the FIB at the start of the WordDocument stream into *fib. */
static enum habar_status
read_fib(struct fib *fib, const unsigned char *wd, size_t len, char *err,
    size_t errlen)
{
	size_t pos, csw, cslw, cb;
	const unsigned char *lw, *fc;

	if (len < 34 || habar__le16(wd) != FIB_IDENT) {
		snprintf(err, errlen, "an OLE2 file with a WordDocument stream "
		    "that is not Word's");
		return HABAR_ERR_INPUT;
	}
	fib->flags = habar__le16(wd + 0x0A);
	if (fib->flags & (FIB_ENCRYPTED | FIB_OBFUSCATED)) {
		snprintf(err, errlen, "an encrypted (password-protected) Word "
		    "document: its text cannot be read");
		return HABAR_ERR_INPUT;
	}
	if (habar__le16(wd + 2) < FIB_WORD97) {
		snprintf(err, errlen, "a Word 6.0 or Word 95 document: only "
		    "Word 97 to 2003 .doc files are read (save it as .docx)");
		return HABAR_ERR_INPUT;
	}
	if (fib->flags & FIB_COMPLEX) {
		snprintf(err, errlen, "a fast-saved Word document (its text "
		    "is scattered over edits): save it again in Word with "
		    "\"Allow fast saves\" off, or as .docx");
		return HABAR_ERR_INPUT;
	}
	/* FibBase, then csw 16-bit words, cslw 32-bit words, cbRgFcLcb
	 * pairs of 32-bit words, each preceded by its count. */
	csw = habar__le16(wd + 32);
	pos = 34 + csw * 2;
	if (pos + 2 > len)
		goto short_fib;
	cslw = habar__le16(wd + pos);
	lw = wd + pos + 2;
	pos += 2 + cslw * 4;
	if (cslw < 9 || pos + 2 > len)
		goto short_fib;
	cb = habar__le16(wd + pos);
	fc = wd + pos + 2;
	if (cb < 34 || pos + 2 + 34 * 8 > len)
		goto short_fib;
	fib->ccp_text = habar__le32(lw + 3 * 4);
	fib->ccp_ftn = habar__le32(lw + 4 * 4);
	fib->ccp_hdd = habar__le32(lw + 5 * 4);
	fib->ccp_atn = habar__le32(lw + 7 * 4);
	fib->ccp_edn = habar__le32(lw + 8 * 4);
	fib->plcs.fc_stshf = habar__le32(fc + 1 * 8);
	fib->plcs.lcb_stshf = habar__le32(fc + 1 * 8 + 4);
	fib->plcs.fc_chpx = habar__le32(fc + 12 * 8);
	fib->plcs.lcb_chpx = habar__le32(fc + 12 * 8 + 4);
	fib->plcs.fc_papx = habar__le32(fc + 13 * 8);
	fib->plcs.lcb_papx = habar__le32(fc + 13 * 8 + 4);
	fib->fc_clx = habar__le32(fc + 33 * 8);
	fib->lcb_clx = habar__le32(fc + 33 * 8 + 4);
	return HABAR_OK;
short_fib:
	snprintf(err, errlen, "a Word document whose FIB is cut short");
	return HABAR_ERR_INPUT;
}

/* Reads the piece table of the Clx at table[fc_clx..+lcb_clx). */
static enum habar_status
read_pieces(struct doc *d, const unsigned char *table, size_t table_len,
    const struct fib *fib, char *err, size_t errlen)
{
	size_t p = fib->fc_clx, end, n, i;
	const unsigned char *plc;
	uint32_t lcb;

	if ((size_t)fib->fc_clx > table_len ||
	    (size_t)fib->lcb_clx > table_len - fib->fc_clx)
		goto bad;
	end = p + fib->lcb_clx;
	/* Prc records (formatting of pieces) come first: skip them. */
	while (p < end && table[p] == 0x01) {
		int16_t cb;
		if (end - p < 3)
			goto bad;
		cb = (int16_t)habar__le16(table + p + 1);
		if (cb < 0 || (size_t)cb > end - p - 3)
			goto bad;
		p += 3 + (size_t)cb;
	}
	if (p >= end || table[p] != 0x02 || end - p < 5)
		goto bad;
	lcb = habar__le32(table + p + 1);
	plc = table + p + 5;
	if (lcb > end - p - 5 || lcb < 16 || (lcb - 4) % 12 != 0)
		goto bad;
	n = (lcb - 4) / 12;
	if (n > MAX_PIECES)
		goto bad;
	if ((d->pieces = calloc(n, sizeof(*d->pieces))) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < n; i++) {
		const unsigned char *pcd = plc + 4 * (n + 1) + 8 * i;
		uint32_t fc = habar__le32(pcd + 2);
		struct piece *pc = &d->pieces[i];
		uint64_t bytes;

		pc->cp = habar__le32(plc + 4 * i);
		pc->cp_end = habar__le32(plc + 4 * (i + 1));
		if (pc->cp_end < pc->cp || (i > 0 && pc->cp < d->pieces[i -
		    1].cp_end))
			goto bad;
		pc->compressed = (fc & 0x40000000u) != 0;
		fc &= 0x3FFFFFFFu;
		pc->offset = pc->compressed ? fc / 2 : fc;
		bytes = (uint64_t)(pc->cp_end - pc->cp) * (pc->compressed ? 1 :
		    2);
		if ((uint64_t)pc->offset + bytes > d->wd_len)
			goto bad;
	}
	d->npieces = n;
	return HABAR_OK;
bad:
	snprintf(err, errlen, "a Word document whose piece table is damaged");
	return HABAR_ERR_INPUT;
}

/* Appends n UTF-16 units to d->text, those of the piece pc from its
 * character first on (for their formatting). */
static enum habar_status
append(struct doc *d, const UChar *s, size_t n, const struct piece *pc,
    uint64_t first)
{
	enum habar_status status;
	size_t k;

	if (d->text_len + n > MAX_CHARS)
		return HABAR_ERR_LIMIT;
	if ((status = habar__grow((void **)&d->text, &d->text_cap,
	    d->text_len + n, sizeof(UChar), 4096)) != HABAR_OK ||
	    (status = habar__grow((void **)&d->flags, &d->flags_cap,
	    d->text_len + n, 1, 4096)) != HABAR_OK)
		return status;
	memcpy(d->text + d->text_len, s, n * sizeof(UChar));
	for (k = 0; k < n; k++)
		d->flags[d->text_len + k] = (unsigned char)
		    habar__doc_format_at(d->format, (uint32_t)(pc->offset +
		    (first + k) * (pc->compressed ? 1 : 2)));
	d->text_len += n;
	return HABAR_OK;
}

/* Puts the text of character positions [from, to) into d->text. */
static enum habar_status
gather(struct doc *d, uint64_t from, uint64_t to, char *err, size_t errlen)
{
	UChar buf[2048];
	enum habar_status status;
	size_t i;

	d->text_len = 0;
	for (i = 0; i < d->npieces && from < to; i++) {
		const struct piece *pc = &d->pieces[i];
		uint64_t a = from > pc->cp ? from : pc->cp;
		uint64_t b = to < pc->cp_end ? to : pc->cp_end;

		while (a < b) {
			size_t n = b - a > 1024 ? 1024 : (size_t)(b - a), k;
			const unsigned char *src = d->wd + pc->offset;

			if (pc->compressed) {
				UErrorCode uerr = U_ZERO_ERROR;
				int32_t got = ucnv_toUChars(d->cp1252, buf,
				    (int32_t)(sizeof(buf) / sizeof(buf[0])),
				    (const char *)src + (a - pc->cp),
				    (int32_t)n, &uerr);
				if (U_FAILURE(uerr)) {
					snprintf(err, errlen, "code page 1252: %s",
					    u_errorName(uerr));
					return HABAR_ERR_LIBRARY;
				}
				/* One byte is one unit in code page 1252. */
				if ((size_t)got != n) {
					snprintf(err, errlen, "code page 1252: "
					    "%d units for %zu bytes", got, n);
					return HABAR_ERR_LIBRARY;
				}
				status = append(d, buf, n, pc, a - pc->cp);
			} else {
				for (k = 0; k < n; k++)
					buf[k] = habar__le16(src +
					    2 * (a - pc->cp + k));
				status = append(d, buf, n, pc, a - pc->cp);
			}
			if (status == HABAR_ERR_LIMIT)
				snprintf(err, errlen, "a Word document of more "
				    "than %u characters", MAX_CHARS);
			if (status != HABAR_OK)
				return status;
			a += n;
		}
	}
	return HABAR_OK;
}

/* Adds the paragraph p[0..n) (UTF-16) to the document. */
static enum habar_status
flush(struct doc *d, struct habar_import *imp, const UChar *p, size_t n,
    int note)
{
	UErrorCode uerr = U_ZERO_ERROR;
	enum habar_status status;
	int32_t len;

	if (n == 0)
		return HABAR_OK;
	if ((status = habar__grow((void **)&d->utf8, &d->utf8_cap, n * 3 + 1,
	    1, 4096)) != HABAR_OK)
		return status;
	u_strToUTF8WithSub(d->utf8, (int32_t)d->utf8_cap, &len, p, (int32_t)n,
	    0xFFFD, NULL, &uerr);
	if (U_FAILURE(uerr))
		return HABAR_ERR_LIBRARY;
	return habar__import_add(imp, d->utf8, (size_t)len, 0, note);
}

/*
 * Splits d->text into paragraphs and adds them, dropping field
 * instructions and the marks that are no text.  The paragraph is built
 * in place: what is kept is moved down over what is dropped.
 */
static enum habar_status
split(struct doc *d, struct habar_import *imp, int note)
{
	unsigned char field[MAX_FIELD_DEPTH];	/* 1: in the result */
	size_t depth = 0, i, start = 0, o = 0, k;
	enum habar_status status;
	UChar *t = d->text;

	for (i = 0; i < d->text_len; i++) {
		UChar c = t[i];
		int shown = 1;

		/* Deleted: not there at all, paragraph marks included. */
		if (d->flags[i] & DOC_DELETED)
			continue;
		for (k = 0; k < depth; k++)
			if (!field[k])
				shown = 0;
		switch (c) {
		case 0x13:	/* field begins: its instructions */
			if (depth < MAX_FIELD_DEPTH)
				field[depth++] = 0;
			continue;
		case 0x14:	/* ... its result */
			if (depth > 0)
				field[depth - 1] = 1;
			continue;
		case 0x15:	/* ... ends */
			if (depth > 0)
				depth--;
			continue;
		case 0x0D:	/* paragraph */
		case 0x07:	/* table cell, row */
		case 0x0C:	/* page or section break */
		case 0x0E:	/* column break */
			/* No instruction holds a paragraph: a field left
			 * open is damage, not a reason to lose the text. */
			if (!shown)
				depth = 0;
			if ((status = flush(d, imp, t + start, o - start,
			    note)) != HABAR_OK)
				return status;
			start = o;
			continue;
		}
		if (!shown || (d->flags[i] & DOC_HIDDEN))
			continue;
		if (c == 0x0B || c == 0x09)
			c = ' ';
		else if (c == 0x1E)	/* non-breaking hyphen */
			c = '-';
		else if (c < 0x20 || c == 0x1F)
			continue;	/* pictures, note marks, soft hyphens */
		t[o++] = c;
	}
	return flush(d, imp, t + start, o - start, note);
}

/* The SummaryInformation property set's format id (MS-OLEPS). */
static const unsigned char fmtid_summary[16] = {
	0xE0, 0x85, 0x9F, 0xF2, 0xF9, 0x4F, 0x68, 0x10,
	0xAB, 0x91, 0x08, 0x00, 0x2B, 0x27, 0xB3, 0xD9
};
#define PID_CODEPAGE	1
#define PID_TITLE	2
#define PID_AUTHOR	4
#define PID_CREATED	12
#define VT_I2		0x02
#define VT_LPSTR	0x1E
#define VT_FILETIME	0x40

/* Sets field key from the n bytes at s, text in code page cp. */
static enum habar_status
property_text(struct habar_import *imp, const char *key,
    const unsigned char *s, size_t n, unsigned cp)
{
	char name[32], out[1024];
	UErrorCode uerr = U_ZERO_ERROR;
	int32_t len;

	/* The count includes a terminating NUL (two bytes in UTF-16). */
	while (n > 0 && s[n - 1] == 0)
		n--;
	if (cp == 1200 && n % 2 == 1)
		n++;
	if (n == 0 || n > 512)
		return HABAR_OK;
	if (cp == 65001)
		snprintf(name, sizeof(name), "UTF-8");
	else if (cp == 1200)
		snprintf(name, sizeof(name), "UTF-16LE");
	else
		snprintf(name, sizeof(name), "windows-%u", cp ? cp : 1252);
	len = ucnv_convert("UTF-8", name, out, (int32_t)sizeof(out),
	    (const char *)s, (int32_t)n, &uerr);
	if (U_FAILURE(uerr) || len <= 0)
		return HABAR_OK;	/* a code page ICU lacks: no field */
	return habar__import_field(imp, key, out, (size_t)len);
}

/*
 * Takes title, author and creation date (as "@created", which the date
 * falls back on) from the "\005SummaryInformation" stream, if any.  A
 * property set that does not hold together is ignored: the text matters,
 * its properties are a bonus.
 */
static enum habar_status
read_summary(struct habar_import *imp, struct habar__ole2 *ole)
{
	unsigned char *s = NULL;
	size_t len = 0, off, n, i, pass;
	unsigned cp = 0;
	enum habar_status status = HABAR_OK;

	if (habar__ole2_read_stream(ole, "\005SummaryInformation", 1 << 20,
	    &s, &len) != HABAR_OK)
		return HABAR_OK;
	if (len < 48 || habar__le16(s) != 0xFFFE || habar__le32(s + 24) < 1 ||
	    memcmp(s + 28, fmtid_summary, 16) != 0)
		goto done;
	off = habar__le32(s + 44);
	if (off > len - 8)
		goto done;
	n = habar__le32(s + off + 4);
	if (n > (len - off - 8) / 8)
		goto done;
	/* The code page first, then the strings it applies to. */
	for (pass = 0; pass < 2 && status == HABAR_OK; pass++)
		for (i = 0; i < n && status == HABAR_OK; i++) {
			uint32_t pid = habar__le32(s + off + 8 + 8 * i);
			size_t at = off + habar__le32(s + off + 12 + 8 * i);
			uint16_t type;

			if (at < off || at > len - 8)
				continue;
			type = habar__le16(s + at);
			if (pass == 0 && pid == PID_CODEPAGE && type == VT_I2)
				cp = habar__le16(s + at + 4);
			else if (pass == 1 && (pid == PID_TITLE ||
			    pid == PID_AUTHOR) && type == VT_LPSTR) {
				/* A byte count, in any code page. */
				uint64_t count = habar__le32(s + at + 4);
				if (count <= len - at - 8)
					status = property_text(imp, pid ==
					    PID_TITLE ? "title" : "author",
					    s + at + 8, (size_t)count, cp);
			} else if (pass == 1 && pid == PID_CREATED &&
			    type == VT_FILETIME) {
				/* 100 ns since 1601, in UTC. */
				uint64_t ft = habar__le64(s + at + 4);
				time_t t;
				struct tm tm;
				char date[32];

				if (ft < 116444736000000000ull ||
				    ft > 116444736000000000ull +
				    4102444800ull * 10000000ull)
					continue;	/* before 1970, after 2100 */
				t = (time_t)((ft - 116444736000000000ull) /
				    10000000ull);
				if (gmtime_r(&t, &tm) == NULL)
					continue;
				snprintf(date, sizeof(date), "%04d-%02d-%02d",
				    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
				status = habar__import_field(imp, "@created",
				    date, strlen(date));
			}
		}
done:
	free(s);
	return status;
}

enum habar_status
habar__doc_read(struct habar_import *imp, const void *data, size_t len,
    char *err, size_t errlen)
{
	struct habar__ole2 *ole = NULL;
	unsigned char *wd = NULL, *table = NULL;
	size_t wd_len = 0, table_len = 0;
	struct doc d;
	struct fib fib;
	UErrorCode uerr = U_ZERO_ERROR;
	enum habar_status status;
	uint64_t at;

	memset(&d, 0, sizeof(d));
	if ((status = habar__ole2_open(&ole, data, len, err, errlen)) !=
	    HABAR_OK)
		goto done;
	if (habar__ole2_has(ole, "EncryptedPackage")) {
		snprintf(err, errlen, "a password-protected Office document: "
		    "its text cannot be read");
		status = HABAR_ERR_INPUT;
		goto done;
	}
	status = habar__ole2_read_stream(ole, "WordDocument", MAX_STREAM, &wd,
	    &wd_len);
	if (status == HABAR_ERR_NOTFOUND) {
		snprintf(err, errlen, "an OLE2 compound file without a "
		    "WordDocument stream: not a Word document");
		status = HABAR_ERR_INPUT;
	}
	if (status != HABAR_OK)
		goto done;
	if ((status = read_fib(&fib, wd, wd_len, err, errlen)) != HABAR_OK)
		goto done;
	status = habar__ole2_read_stream(ole, fib.flags & FIB_TABLE1 ?
	    "1Table" : "0Table", MAX_STREAM, &table, &table_len);
	if (status == HABAR_ERR_NOTFOUND) {
		snprintf(err, errlen, "a Word document without its table "
		    "stream (%s)", fib.flags & FIB_TABLE1 ? "1Table" : "0Table");
		status = HABAR_ERR_INPUT;
	}
	if (status != HABAR_OK)
		goto done;
	d.wd = wd;
	d.wd_len = wd_len;
	if ((status = read_pieces(&d, table, table_len, &fib, err, errlen)) !=
	    HABAR_OK || (status = habar__doc_format_read(&d.format, wd,
	    wd_len, table, table_len, &fib.plcs)) != HABAR_OK)
		goto done;
	d.cp1252 = ucnv_open("windows-1252", &uerr);
	if (U_FAILURE(uerr)) {
		snprintf(err, errlen, "code page 1252: %s", u_errorName(uerr));
		status = HABAR_ERR_LIBRARY;
		goto done;
	}
	/* The body, then footnotes; endnotes after headers and comments. */
	if ((status = gather(&d, 0, fib.ccp_text, err, errlen)) != HABAR_OK ||
	    (status = split(&d, imp, 0)) != HABAR_OK)
		goto done;
	at = (uint64_t)fib.ccp_text;
	if ((status = gather(&d, at, at + fib.ccp_ftn, err, errlen)) !=
	    HABAR_OK || (status = split(&d, imp, 1)) != HABAR_OK)
		goto done;
	at += (uint64_t)fib.ccp_ftn + fib.ccp_hdd + fib.ccp_atn;
	if ((status = gather(&d, at, at + fib.ccp_edn, err, errlen)) !=
	    HABAR_OK || (status = split(&d, imp, 1)) != HABAR_OK)
		goto done;
	status = read_summary(imp, ole);
done:
	if (d.cp1252 != NULL)
		ucnv_close(d.cp1252);
	free(d.pieces);
	habar__doc_format_free(d.format);
	free(d.flags);
	free(d.text);
	free(d.utf8);
	free(wd);
	free(table);
	habar__ole2_free(ole);
	return status;
}
