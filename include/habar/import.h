/*
 * import.h: Word (.docx) and OpenDocument (.odt) documents into releases.
 *
 * Press offices write releases in a word processor.  The importer reads
 * the document's text the way its reader sees it: paragraphs in order,
 * headings, list items and table cells each a paragraph of their own,
 * tracked changes as if accepted (insertions kept, deletions dropped),
 * comments and field codes left out, footnotes and endnotes after the
 * body.  Title, date, place and author come from the document's
 * properties and its first lines, the language from the language marks
 * of its text or, failing those, from its letters; embedded images are
 * listed in a field.  See docs/import.md.
 *
 * The document comes from outside: it is read from memory, its members
 * within size limits (a zip bomb is refused), its XML by the hardened
 * parse every reader of outside XML uses.
 */
#ifndef HABAR_IMPORT_H
#define HABAR_IMPORT_H

#include <stdio.h>
#include <stddef.h>

#include <habar/status.h>

enum habar_import_kind {
	HABAR_IMPORT_UNKNOWN = 0,
	HABAR_IMPORT_DOCX,	/* WordprocessingML package (Word 2007+) */
	HABAR_IMPORT_ODT,	/* OpenDocument text */
	HABAR_IMPORT_RELEASE,	/* release text with front matter */
	HABAR_IMPORT_TEXT,	/* plain text, any encoding habar-decode reads */
	HABAR_IMPORT_PAGE,	/* a web page */
	HABAR_IMPORT_DOC	/* legacy Word 97-2003 document (OLE2) */
};

/* The largest document read, and the most one may unpack to. */
#define HABAR_IMPORT_MAX_FILE (256u * 1024 * 1024)
#define HABAR_IMPORT_MAX_UNPACKED (1024u * 1024 * 1024)

struct habar_import;

/*
 * Reads the document in data[0..len) (a .docx, an .odt or a Word 97-2003
 * .doc, told apart by their contents, not by a name).  On success *import_out holds the
 * document; free it with habar_import_free().  err (errlen bytes) says
 * why on failure.  Returns HABAR_OK, HABAR_ERR_INPUT (not a Word or
 * OpenDocument text, a damaged package, malformed XML), HABAR_ERR_LIMIT
 * (a member or the whole unpacking past the limits), HABAR_ERR_NOTFOUND
 * (the month names for finding the date are not installed),
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar_import_read(struct habar_import **import_out,
    const void *data, size_t len, char *err, size_t errlen);

/*
 * habar_import_read() on the contents of fp (borrowed), read whole up to
 * HABAR_IMPORT_MAX_FILE bytes.  Adds HABAR_ERR_IO (a read error, errno
 * kept) to what habar_import_read() returns.
 */
enum habar_status habar_import_stream(struct habar_import **import_out,
    FILE *fp, char *err, size_t errlen);

/*
 * Reads a release version in whatever form it came, telling the form by
 * name's extension and the bytes: a .docx or .odt (or any zip) or a .doc
 * (an OLE2 compound file) as by habar_import_read(); else text in any encoding habar-decode detects,
 * a web page (.html, .htm) reduced to its release as by habar-batch,
 * release text with its front matter kept, or plain text (paragraphs at
 * blank lines, or a line each when there is none; title, date, place and
 * language found as for a document).  Returns as habar_import_read(), and
 * HABAR_ERR_INPUT for binary data that is no document.
 */
enum habar_status habar_import_any(struct habar_import **import_out,
    const void *data, size_t len, const char *name, char *err,
    size_t errlen);

/* The encoding text was decoded from ("UTF-8", "windows-1251"...), or ""
 * for a document. */
const char *habar_import_encoding(const struct habar_import *import);

/* Frees the document; NULL is harmless. */
void habar_import_free(struct habar_import *import);

/* What kind of document it was. */
enum habar_import_kind habar_import_kind(const struct habar_import *import);

/*
 * The value of a field found ("title", "date", "place", "author", "lang",
 * "images", a custom property's name; "@created": the creation time the
 * document records; "@date-from": "created" when the date is that
 * time's day, no better one found), or NULL.  The string lives as
 * long as the document.
 */
const char *habar_import_get(const struct habar_import *import,
    const char *key);

/*
 * Sets field key (a front-matter key) to value, or removes it when value
 * is NULL.  Returns HABAR_OK, HABAR_ERR_ARGUMENT (not a valid key),
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar_import_set(struct habar_import *import,
    const char *key, const char *value);

/* The number of body paragraphs (footnotes included), and the i-th. */
size_t habar_import_paragraph_count(const struct habar_import *import);
const char *habar_import_paragraph(const struct habar_import *import,
    size_t i);

/*
 * Writes the document to fp as a release: front matter ("id" when id is
 * not NULL, then "lang" (lang, when not NULL, overrides the one found),
 * "title", "date", "place", "author", the custom properties, "images",
 * "source" when source is not NULL), then the paragraphs, a blank line
 * between them.  Returns HABAR_OK or HABAR_ERR_IO.
 */
enum habar_status habar_import_write(const struct habar_import *import,
    FILE *fp, const char *id, const char *lang, const char *source);

#endif
