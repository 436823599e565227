/*
 * docx_xml.c: the XML parts of a .docx (WordprocessingML) for one
 * language version of a release, written with libxml2's text writer so
 * that every value is escaped as XML wants.  The parts are the fewest
 * Word, LibreOffice and pandoc need: content types, relationships, the
 * document, its styles (a Normal and a Title style, the language as the
 * default of every run too), core and custom properties.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include <habar/data.h>

#include "docx_internal.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define REL_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define OFFICE_REL \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT_PREFIX "application/vnd.openxmlformats-"

/* Collects the writer's calls' failures. */
#define W(call) do { if ((call) < 0) rc = -1; } while (0)

/* The tag office suites use for lang (locales/<lang>/office-language),
 * or lang itself. */
static void
office_language(const char *lang, char *out, size_t size)
{
	char *path = NULL, *line = NULL;
	size_t cap = 0;
	FILE *fp;

	snprintf(out, size, "%s", lang);
	if (habar_data_find_locale(&path, lang, "office-language") !=
	    HABAR_OK || (fp = fopen(path, "r")) == NULL) {
		free(path);
		return;
	}
	while (getline(&line, &cap, fp) > 0) {
		line[strcspn(line, " \t\r\n")] = '\0';
		if (line[0] != '\0' && line[0] != '#') {
			snprintf(out, size, "%s", line);
			break;
		}
	}
	fclose(fp);
	free(line);
	free(path);
}

static const char *
field(const struct habar_parallel_language *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->field_count; i++)
		if (strcmp(l->fields[i].key, key) == 0)
			return l->fields[i].value;
	return NULL;
}

/* Writes text with the characters XML 1.0 cannot hold left out. */
static int
write_text(xmlTextWriterPtr w, const char *s, size_t len)
{
	char *clean = malloc(len + 1);
	size_t i, n = 0;
	int rc;

	if (clean == NULL)
		return -1;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x20 || s[i] == '\t')
			clean[n++] = s[i];
	clean[n] = '\0';
	rc = xmlTextWriterWriteString(w, BAD_CAST clean);
	free(clean);
	return rc;
}

/* A paragraph of one run marked with the language. */
static int
paragraph(xmlTextWriterPtr w, const char *style, const char *office_lang,
    const struct habar_parallel_language *l, const char *text, size_t p)
{
	int rc = 0;
	size_t s;

	W(xmlTextWriterStartElement(w, BAD_CAST "w:p"));
	if (style != NULL) {
		W(xmlTextWriterStartElement(w, BAD_CAST "w:pPr"));
		W(xmlTextWriterStartElement(w, BAD_CAST "w:pStyle"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "w:val",
		    BAD_CAST style));
		W(xmlTextWriterEndElement(w));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterStartElement(w, BAD_CAST "w:r"));
	W(xmlTextWriterStartElement(w, BAD_CAST "w:rPr"));
	W(xmlTextWriterStartElement(w, BAD_CAST "w:lang"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "w:val", BAD_CAST office_lang));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterStartElement(w, BAD_CAST "w:t"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "xml:space",
	    BAD_CAST "preserve"));
	if (text != NULL) {
		W(write_text(w, text, strlen(text)));
	} else {
		const struct habar_parallel_paragraph *para = &l->paragraphs[p];
		for (s = para->first; s < para->first + para->count; s++) {
			if (s > para->first)
				W(xmlTextWriterWriteString(w, BAD_CAST " "));
			W(write_text(w, l->sentences[s].text,
			    l->sentences[s].len));
		}
	}
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w));
	return rc;
}

/* Starts a part: a writer on a buffer, and the XML declaration. */
static xmlTextWriterPtr
start(xmlBufferPtr *buf)
{
	xmlTextWriterPtr w;

	if ((*buf = xmlBufferCreate()) == NULL)
		return NULL;
	if ((w = xmlNewTextWriterMemory(*buf, 0)) == NULL) {
		xmlBufferFree(*buf);
		*buf = NULL;
		return NULL;
	}
	if (xmlTextWriterStartDocument(w, "1.0", "UTF-8", "yes") < 0) {
		xmlFreeTextWriter(w);
		xmlBufferFree(*buf);
		*buf = NULL;
		return NULL;
	}
	return w;
}

/* Ends a part into part (rc: the writer calls' result). */
static enum habar_status
finish(xmlTextWriterPtr w, xmlBufferPtr buf, int rc, struct docx_part *part,
    const char *name)
{
	enum habar_status status = HABAR_ERR_LIBRARY;

	if (xmlTextWriterEndDocument(w) < 0)
		rc = -1;
	xmlFreeTextWriter(w);
	if (rc >= 0) {
		part->name = name;
		part->len = (size_t)xmlBufferLength(buf);
		if ((part->xml = malloc(part->len + 1)) == NULL)
			status = HABAR_ERR_NOMEM;
		else {
			memcpy(part->xml, xmlBufferContent(buf), part->len);
			part->xml[part->len] = '\0';
			status = HABAR_OK;
		}
	}
	xmlBufferFree(buf);
	return status;
}

/*
 * Writes an empty element name with the attributes of names[0..n) and
 * the values of values[0..n).  Returns -1 when a call of the writer
 * failed, else 0.
 */
static int
empty_element(xmlTextWriterPtr w, const char *name,
    const char *const *names, const char *const *values, size_t n)
{
	size_t i;
	int rc = 0;

	W(xmlTextWriterStartElement(w, BAD_CAST name));
	for (i = 0; i < n; i++)
		W(xmlTextWriterWriteAttribute(w, BAD_CAST names[i],
		    BAD_CAST values[i]));
	W(xmlTextWriterEndElement(w));
	return rc;
}

static enum habar_status
content_types(struct docx_part *part)
{
	static const char *const overrides[][2] = {
		{ "/word/document.xml", CT_PREFIX
		    "officedocument.wordprocessingml.document.main+xml" },
		{ "/word/styles.xml", CT_PREFIX
		    "officedocument.wordprocessingml.styles+xml" },
		{ "/docProps/core.xml", CT_PREFIX
		    "package.core-properties+xml" },
		{ "/docProps/custom.xml", CT_PREFIX
		    "officedocument.custom-properties+xml" },
	};
	static const char *const defaults[][2] = {
		{ "rels", CT_PREFIX "package.relationships+xml" },
		{ "xml", "application/xml" },
	};
	static const char *const default_attrs[] = { "Extension",
	    "ContentType" };
	static const char *const override_attrs[] = { "PartName",
	    "ContentType" };
	xmlBufferPtr buf;
	xmlTextWriterPtr w = start(&buf);
	size_t i;
	int rc = 0;

	if (w == NULL)
		return HABAR_ERR_NOMEM;
	W(xmlTextWriterStartElement(w, BAD_CAST "Types"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST
	    "http://schemas.openxmlformats.org/package/2006/content-types"));
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		W(empty_element(w, "Default", default_attrs, defaults[i], 2));
	for (i = 0; i < sizeof(overrides) / sizeof(overrides[0]); i++)
		W(empty_element(w, "Override", override_attrs, overrides[i],
		    2));
	W(xmlTextWriterEndElement(w));
	return finish(w, buf, rc, part, "[Content_Types].xml");
}

/* A relationships part: n (id, type, target) triples. */
static enum habar_status
relationships(struct docx_part *part, const char *name,
    const char *const (*rels)[3], size_t n)
{
	static const char *const rel_attrs[] = { "Id", "Type", "Target" };
	xmlBufferPtr buf;
	xmlTextWriterPtr w = start(&buf);
	size_t i;
	int rc = 0;

	if (w == NULL)
		return HABAR_ERR_NOMEM;
	W(xmlTextWriterStartElement(w, BAD_CAST "Relationships"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST REL_NS));
	for (i = 0; i < n; i++)
		W(empty_element(w, "Relationship", rel_attrs, rels[i], 3));
	W(xmlTextWriterEndElement(w));
	return finish(w, buf, rc, part, name);
}

static enum habar_status
document(struct docx_part *part, const struct habar_parallel_language *l,
    const char *office_lang)
{
	xmlBufferPtr buf;
	xmlTextWriterPtr w = start(&buf);
	const char *title = field(l, "title");
	size_t p;
	int rc = 0;

	if (w == NULL)
		return HABAR_ERR_NOMEM;
	W(xmlTextWriterStartElement(w, BAD_CAST "w:document"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:w", BAD_CAST W_NS));
	W(xmlTextWriterStartElement(w, BAD_CAST "w:body"));
	if (title != NULL && *title)
		W(paragraph(w, "Title", office_lang, l, title, 0));
	for (p = 0; p < l->paragraph_count; p++)
		W(paragraph(w, NULL, office_lang, l, NULL, p));
	W(xmlTextWriterStartElement(w, BAD_CAST "w:sectPr"));
	W(xmlTextWriterStartElement(w, BAD_CAST "w:pgSz"));
	/* A4, the paper of Kazakhstan and most readers */
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "w:w", BAD_CAST "11906"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "w:h", BAD_CAST "16838"));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w));
	return finish(w, buf, rc, part, "word/document.xml");
}

/* One w:style: id, built-in name, run properties' size (half points),
 * bold or not. */
static int
style(xmlTextWriterPtr w, const char *id, const char *name, int is_default,
    const char *size, int bold)
{
	int rc = 0;

	W(xmlTextWriterStartElement(w, BAD_CAST "w:style"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "w:type", BAD_CAST "paragraph"));
	if (is_default)
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "w:default",
		    BAD_CAST "1"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "w:styleId", BAD_CAST id));
	W(xmlTextWriterStartElement(w, BAD_CAST "w:name"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "w:val", BAD_CAST name));
	W(xmlTextWriterEndElement(w));
	if (!is_default) {
		W(xmlTextWriterStartElement(w, BAD_CAST "w:basedOn"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "w:val",
		    BAD_CAST "Normal"));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterStartElement(w, BAD_CAST "w:qFormat"));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterStartElement(w, BAD_CAST "w:pPr"));
	W(xmlTextWriterStartElement(w, BAD_CAST "w:spacing"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "w:after", BAD_CAST "160"));
	W(xmlTextWriterEndElement(w));
	if (!is_default) {
		W(xmlTextWriterStartElement(w, BAD_CAST "w:outlineLvl"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "w:val", BAD_CAST "0"));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterStartElement(w, BAD_CAST "w:rPr"));
	if (bold) {
		W(xmlTextWriterStartElement(w, BAD_CAST "w:b"));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterStartElement(w, BAD_CAST "w:sz"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "w:val", BAD_CAST size));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w));
	return rc;
}

static enum habar_status
styles(struct docx_part *part, const char *office_lang)
{
	xmlBufferPtr buf;
	xmlTextWriterPtr w = start(&buf);
	int rc = 0;

	if (w == NULL)
		return HABAR_ERR_NOMEM;
	W(xmlTextWriterStartElement(w, BAD_CAST "w:styles"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:w", BAD_CAST W_NS));
	W(xmlTextWriterStartElement(w, BAD_CAST "w:docDefaults"));
	W(xmlTextWriterStartElement(w, BAD_CAST "w:rPrDefault"));
	W(xmlTextWriterStartElement(w, BAD_CAST "w:rPr"));
	W(xmlTextWriterStartElement(w, BAD_CAST "w:lang"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "w:val", BAD_CAST office_lang));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndElement(w));
	W(style(w, "Normal", "Normal", 1, "22", 0));
	W(style(w, "Title", "Title", 0, "32", 1));
	W(xmlTextWriterEndElement(w));
	return finish(w, buf, rc, part, "word/styles.xml");
}

static enum habar_status
core(struct docx_part *part, const struct habar_parallel *doc,
    const struct habar_parallel_language *l)
{
	xmlBufferPtr buf;
	xmlTextWriterPtr w = start(&buf);
	const char *v;
	char stamp[32];
	int rc = 0;

	if (w == NULL)
		return HABAR_ERR_NOMEM;
	W(xmlTextWriterStartElement(w, BAD_CAST "cp:coreProperties"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:cp", BAD_CAST
	    "http://schemas.openxmlformats.org/package/2006/metadata/"
	    "core-properties"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:dc",
	    BAD_CAST "http://purl.org/dc/elements/1.1/"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:dcterms",
	    BAD_CAST "http://purl.org/dc/terms/"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:xsi",
	    BAD_CAST "http://www.w3.org/2001/XMLSchema-instance"));
	if ((v = field(l, "title")) != NULL) {
		W(xmlTextWriterStartElement(w, BAD_CAST "dc:title"));
		W(write_text(w, v, strlen(v)));
		W(xmlTextWriterEndElement(w));
	}
	if ((v = field(l, "organisation")) != NULL) {
		W(xmlTextWriterStartElement(w, BAD_CAST "dc:creator"));
		W(write_text(w, v, strlen(v)));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterStartElement(w, BAD_CAST "dc:language"));
	W(write_text(w, l->lang, strlen(l->lang)));
	W(xmlTextWriterEndElement(w));
	if (doc->date != NULL && strlen(doc->date) == 10) {
		snprintf(stamp, sizeof(stamp), "%sT00:00:00Z", doc->date);
		W(xmlTextWriterStartElement(w, BAD_CAST "dcterms:created"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "xsi:type",
		    BAD_CAST "dcterms:W3CDTF"));
		W(xmlTextWriterWriteString(w, BAD_CAST stamp));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	return finish(w, buf, rc, part, "docProps/core.xml");
}

/* Every front-matter field but the title as a custom text property. */
static enum habar_status
custom(struct docx_part *part, const struct habar_parallel_language *l)
{
	xmlBufferPtr buf;
	xmlTextWriterPtr w = start(&buf);
	char pid[16];
	size_t i, n = 2;	/* property ids start at 2, as Word's do */
	int rc = 0;

	if (w == NULL)
		return HABAR_ERR_NOMEM;
	W(xmlTextWriterStartElement(w, BAD_CAST "Properties"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST
	    "http://schemas.openxmlformats.org/officeDocument/2006/"
	    "custom-properties"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:vt", BAD_CAST
	    "http://schemas.openxmlformats.org/officeDocument/2006/"
	    "docPropsVTypes"));
	for (i = 0; i < l->field_count; i++) {
		if (strcmp(l->fields[i].key, "title") == 0 ||
		    strcmp(l->fields[i].key, "lang") == 0)
			continue;
		snprintf(pid, sizeof(pid), "%zu", n++);
		W(xmlTextWriterStartElement(w, BAD_CAST "property"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "fmtid", BAD_CAST
		    "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "pid", BAD_CAST pid));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "name",
		    BAD_CAST l->fields[i].key));
		W(xmlTextWriterStartElement(w, BAD_CAST "vt:lpwstr"));
		W(write_text(w, l->fields[i].value, strlen(l->fields[i].value)));
		W(xmlTextWriterEndElement(w));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	return finish(w, buf, rc, part, "docProps/custom.xml");
}

enum habar_status
habar__docx_parts(struct docx_part *parts, const struct habar_parallel *doc,
    size_t li)
{
	static const char *const package_rels[][3] = {
		{ "rId1", OFFICE_REL "officeDocument", "word/document.xml" },
		{ "rId2", "http://schemas.openxmlformats.org/package/2006/"
		    "relationships/metadata/core-properties",
		    "docProps/core.xml" },
		{ "rId3", OFFICE_REL "custom-properties", "docProps/custom.xml" },
	};
	static const char *const document_rels[][3] = {
		{ "rId1", OFFICE_REL "styles", "styles.xml" },
	};
	const struct habar_parallel_language *l = &doc->languages[li];
	enum habar_status status;
	char office_lang[64];

	office_language(l->lang, office_lang, sizeof(office_lang));
	status = content_types(&parts[0]);
	if (status == HABAR_OK)
		status = relationships(&parts[1], "_rels/.rels", package_rels, 3);
	if (status == HABAR_OK)
		status = relationships(&parts[2], "word/_rels/document.xml.rels",
		    document_rels, 1);
	if (status == HABAR_OK)
		status = document(&parts[3], l, office_lang);
	if (status == HABAR_OK)
		status = styles(&parts[4], office_lang);
	if (status == HABAR_OK)
		status = core(&parts[5], doc, l);
	if (status == HABAR_OK)
		status = custom(&parts[6], l);
	return status;
}
