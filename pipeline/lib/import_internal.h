/*
 * import_internal.h (internal): what the importer's files share: the
 * document being built (import.c), the package reader (import_archive.c)
 * and the XML readers of WordprocessingML and OpenDocument (import_xml.c).
 */
#ifndef HABAR_IMPORT_INTERNAL_H
#define HABAR_IMPORT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <habar/import.h>

#define IMPORT_MAX_PART (64u * 1024 * 1024)	/* bytes of one XML part */
#define IMPORT_MAX_PARAGRAPHS 1000000
#define IMPORT_MAX_FIELDS 200
#define IMPORT_MAX_LANGS 32

/* The package members the readers look at, whole, NUL-terminated. */
enum import_part {
	PART_DOCX_DOCUMENT,	/* word/document.xml */
	PART_DOCX_STYLES,	/* word/styles.xml */
	PART_DOCX_FOOTNOTES,	/* word/footnotes.xml */
	PART_DOCX_ENDNOTES,	/* word/endnotes.xml */
	PART_DOCX_CORE,		/* docProps/core.xml */
	PART_DOCX_CUSTOM,	/* docProps/custom.xml */
	PART_ODT_MIMETYPE,	/* mimetype */
	PART_ODT_CONTENT,	/* content.xml */
	PART_ODT_STYLES,	/* styles.xml */
	PART_ODT_META,		/* meta.xml */
	PART_COUNT
};

struct import_package {
	char *part[PART_COUNT];
	size_t part_len[PART_COUNT];
	char **images;		/* file names of embedded pictures */
	size_t image_count, image_cap;
};

struct habar_import {
	enum habar_import_kind kind;
	char **keys, **values;	/* fields, in the order found */
	size_t field_count, field_cap;
	char **paragraphs;
	unsigned char *heading;	/* per paragraph: a heading or a title */
	size_t paragraph_count, paragraph_cap;
	char **notes;		/* footnotes and endnotes, after the body */
	size_t note_count, note_cap;
	struct {
		char tag[16];
		size_t chars;
	} langs[IMPORT_MAX_LANGS];	/* characters marked with each tag */
	size_t lang_count;
	char *default_lang;	/* the document's default language mark */
	const char *encoding;	/* what text was decoded from, or "" */
};

/*
 * Reads the zip package data[0..len) into *pkg (zeroed by the caller):
 * the parts above and the names of pictures (word/media/, Pictures/).
 * Returns HABAR_OK, HABAR_ERR_INPUT (not a zip, a damaged member: err
 * says which), HABAR_ERR_LIMIT (a part past IMPORT_MAX_PART, the whole
 * past HABAR_IMPORT_MAX_UNPACKED, too many members), HABAR_ERR_NOMEM.
 */
enum habar_status habar__import_unzip(struct import_package *pkg,
    const void *data, size_t len, char *err, size_t errlen);

/* Frees what habar__import_unzip() kept; the struct itself is the
 * caller's. */
void habar__import_package_free(struct import_package *pkg);

/*
 * Adds a paragraph of body text (white space runs become one space, the
 * ends are trimmed, an empty one is dropped); heading marks a heading or
 * title.  note adds it to the notes instead.  Returns HABAR_OK,
 * HABAR_ERR_LIMIT (too many paragraphs), HABAR_ERR_NOMEM.
 */
enum habar_status habar__import_add(struct habar_import *imp,
    const char *text, size_t len, int heading, int note);

/*
 * Sets field key to the value s[0..len) (white space squeezed as for a
 * paragraph) unless it is set already or the value is empty; a key that
 * is not a valid front-matter key is ignored.  Returns HABAR_OK,
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar__import_field(struct habar_import *imp,
    const char *key, const char *s, size_t len);

/* The index of the first byte past a UTF-8 byte order mark and white
 * space in data[0..len) (len when there is none). */
size_t habar__import_skip_space(const void *data, size_t len);

/* Whether data[0..len) is an RTF document ("{\rtf" first), which Word
 * also saves under a .doc name. */
int habar__import_is_rtf(const void *data, size_t len);

/* Why an RTF document is refused, the same for every reader. */
#define HABAR__IMPORT_RTF_REFUSED "an RTF document, which habar does not " \
	"read: save it as .docx, .odt or .doc"

/*
 * Decides title, date (unless keep_date and the document has one
 * already), place and language from what the readers found.  Returns
 * HABAR_OK, HABAR_ERR_NOTFOUND (no month names: err says so),
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar__import_finish(struct habar_import *imp,
    int keep_date, char *err, size_t errlen);

/* Counts chars characters of text marked with language tag (a BCP 47 tag
 * or an OpenDocument language-country pair joined by '-'). */
void habar__import_count_lang(struct habar_import *imp, const char *tag,
    size_t chars);

/*
 * The WordprocessingML readers: the body of word/document.xml (styles,
 * may be NULL, tell headings), the notes of word/footnotes.xml and
 * endnotes.xml, the properties of docProps/core.xml and custom.xml.
 * The OpenDocument readers: content.xml (styles.xml, may be NULL, for the
 * languages of named styles) and meta.xml.  Each returns HABAR_OK,
 * HABAR_ERR_INPUT (malformed XML, a DOCTYPE: err says so, with the part's
 * name), HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
enum habar_status habar__docx_body(struct habar_import *imp,
    const char *xml, size_t len, const char *styles, size_t styles_len,
    char *err, size_t errlen);
enum habar_status habar__docx_notes(struct habar_import *imp,
    const char *xml, size_t len, const char *part, char *err, size_t errlen);
enum habar_status habar__docx_properties(struct habar_import *imp,
    const char *xml, size_t len, const char *part, char *err, size_t errlen);
enum habar_status habar__odt_body(struct habar_import *imp,
    const char *xml, size_t len, const char *styles, size_t styles_len,
    char *err, size_t errlen);
/*
 * The legacy Word reader (import_doc_icu.c): adds the paragraphs of the
 * .doc in data[0..len) (an OLE2 compound file), the body's and then its
 * footnotes' and endnotes' as notes.  Returns HABAR_OK, HABAR_ERR_INPUT
 * (not a Word 97-2003 document, fast-saved, encrypted, damaged: err says
 * which), HABAR_ERR_LIMIT, HABAR_ERR_NOMEM, HABAR_ERR_LIBRARY.
 */
enum habar_status habar__doc_read(struct habar_import *imp,
    const void *data, size_t len, char *err, size_t errlen);

/*
 * The formatting of a .doc that decides what is left out of its text
 * (import_doc_format.c): tracked deletions, and text hidden directly or
 * through its paragraph or character style.  The places of its parts in
 * the table stream, from the FIB:
 */
struct doc_plcs {
	uint32_t fc_stshf, lcb_stshf;	/* the style sheet */
	uint32_t fc_chpx, lcb_chpx;	/* PlcBteChpx: character runs */
	uint32_t fc_papx, lcb_papx;	/* PlcBtePapx: paragraph runs */
};
struct doc_format;
/* What habar__doc_format_at() says of a character. */
#define DOC_DELETED	0x01	/* a tracked deletion */
#define DOC_HIDDEN	0x02	/* hidden text */
/*
 * Reads the formatting of the WordDocument stream wd[0..wd_len) and the
 * table stream table[0..table_len) into *format_out (free it with
 * habar__doc_format_free()).  Damaged parts are skipped.  Returns
 * HABAR_OK or HABAR_ERR_NOMEM.
 */
enum habar_status habar__doc_format_read(struct doc_format **format_out,
    const unsigned char *wd, size_t wd_len, const unsigned char *table,
    size_t table_len, const struct doc_plcs *plcs);
/* The DOC_* flags of the character at stream offset fc; 0 for a NULL
 * format. */
unsigned habar__doc_format_at(const struct doc_format *format, uint32_t fc);
/* Frees the formatting; NULL is harmless. */
void habar__doc_format_free(struct doc_format *format);
enum habar_status habar__odt_meta(struct habar_import *imp,
    const char *xml, size_t len, char *err, size_t errlen);

#endif
