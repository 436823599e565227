/*
 * import_xml.c: the text of a WordprocessingML or OpenDocument document,
 * as its reader sees it, with libxml2.
 *
 * Word splits text into runs wherever formatting, proofing marks, revision
 * ids or bookmarks change (often in the middle of a word), so a paragraph
 * is the concatenation of its runs' text, whatever lies between them.
 * What a reader does not see is left out: deleted text of tracked changes
 * (w:del, w:moveFrom; OpenDocument keeps it apart in text:tracked-changes),
 * field instructions (w:instrText: the field's result is kept), comments,
 * hidden text (w:vanish, also by a paragraph or character style; OpenDocument
 * text:display="none"), footnote marks.  Footnotes and endnotes are
 * gathered apart and come after the body.  Text boxes and drawings are
 * not read.  The XML comes from an untrusted package: it is parsed by the
 * hardened parse of parallel_xml.h (no network, no entities, no DTD), and
 * libxml2 bounds its depth, which bounds the recursion here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "grow_internal.h"
#include "import_internal.h"
#include "parallel_xml.h"
#include "utf8_internal.h"

#define MAX_STYLES 8192
#define MAX_STYLE_DEPTH 16

static const char w_ns[] =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char w_strict_ns[] = "http://purl.oclc.org/ooxml/wordprocessingml/main";
static const char dc_ns[] = "http://purl.org/dc/elements/1.1/";
static const char dcterms_ns[] = "http://purl.org/dc/terms/";
static const char custom_ns[] =
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
static const char office_ns[] = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
static const char text_ns[] = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
static const char table_ns[] = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
static const char style_ns[] = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
static const char fo_ns[] =
    "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
static const char meta_ns[] = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";

/* A paragraph's text as it is gathered. */
struct text {
	char *buf;
	size_t len, cap;
};

/* A named style: what it says of headings and language, and its parent. */
struct style {
	char id[128];
	char parent[128];
	char lang[16];
	int heading;		/* 1 heading, 0 not, -1 says nothing */
	int hidden;		/* its text is not shown (text:display, w:vanish;
				 * Word: -1 when the style says nothing) */
};

struct styles {
	struct style *list;
	size_t count, cap;
	char default_lang[16];
};

/* The state of one walk over a document's body or notes. */
struct walk {
	struct habar_import *imp;
	const struct styles *styles;
	int note;		/* paragraphs go to the notes */
	int para_hidden;	/* the text being read is hidden by its
				 * paragraph's style (or an ODF span's) */
	char lang[16];		/* the language of the text being read */
	enum habar_status status;
};

static enum habar_status
append(struct text *t, const char *s, size_t n)
{
	enum habar_status status;

	if (n > IMPORT_MAX_PART || t->len + n + 1 > IMPORT_MAX_PART)
		return HABAR_ERR_LIMIT;
	if ((status = habar__grow((void **)&t->buf, &t->cap, t->len + n + 1, 1,
	    256)) != HABAR_OK)
		return status;
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
	return HABAR_OK;
}

static int
is_w(const xmlNode *node, const char *name)
{
	return habar__xml_is(node, w_ns, name) ||
	    habar__xml_is(node, w_strict_ns, name);
}

static int
is_ns(const xmlNode *node, const char *ns, const char *name)
{
	return habar__xml_is(node, ns, name);
}

/* Copies attribute name (in namespace ns, or either WordprocessingML
 * namespace when ns is NULL) of node into buf; "" when absent. */
static const char *
attr(const xmlNode *node, const char *ns, const char *name, char *buf,
    size_t size)
{
	xmlChar *v;

	buf[0] = '\0';
	if (ns != NULL)
		v = xmlGetNsProp(node, (const xmlChar *)name,
		    (const xmlChar *)ns);
	else if ((v = xmlGetNsProp(node, (const xmlChar *)name,
	    (const xmlChar *)w_ns)) == NULL)
		v = xmlGetNsProp(node, (const xmlChar *)name,
		    (const xmlChar *)w_strict_ns);
	if (v != NULL) {
		snprintf(buf, size, "%s", (const char *)v);
		xmlFree(v);
	}
	return buf;
}

/* The first child element of node that is w:name, or NULL. */
static xmlNode *
w_child(const xmlNode *node, const char *name)
{
	xmlNode *c;

	for (c = node ? node->children : NULL; c != NULL; c = c->next)
		if (is_w(c, name))
			return c;
	return NULL;
}

/* Parses one part; refuses a DOCTYPE, which no office suite writes. */
static enum habar_status
parse(xmlDocPtr *doc, const char *xml, size_t len, const char *part,
    char *err, size_t errlen)
{
	enum habar_status status;
	unsigned long line;
	char msg[200];

	*doc = NULL;
	status = habar__xml_parse(doc, xml, len, &line, msg, sizeof(msg), NULL);
	if (status != HABAR_OK) {
		if (line > 0)
			snprintf(err, errlen, "%s:%lu: %s", part, line, msg);
		else
			snprintf(err, errlen, "%s: %s", part, msg);
		return status;
	}
	if ((*doc)->intSubset != NULL) {
		snprintf(err, errlen, "%s: a DOCTYPE is not allowed", part);
		xmlFreeDoc(*doc);
		*doc = NULL;
		return HABAR_ERR_INPUT;
	}
	return HABAR_OK;
}

static const struct style *
find_style(const struct styles *st, const char *id)
{
	size_t i;

	if (st == NULL || id[0] == '\0')
		return NULL;
	for (i = 0; i < st->count; i++)
		if (strcmp(st->list[i].id, id) == 0)
			return &st->list[i];
	return NULL;
}

/* Whether style id (or a style it is based on) is a heading or title. */
static int
style_heading(const struct styles *st, const char *id)
{
	const struct style *s = find_style(st, id);
	int depth;

	for (depth = 0; s != NULL && depth < MAX_STYLE_DEPTH; depth++) {
		if (s->heading >= 0)
			return s->heading;
		s = find_style(st, s->parent);
	}
	return 0;
}

/* The language style id marks its text with, through its parents, or
 * "". */
static const char *
style_lang(const struct styles *st, const char *id)
{
	const struct style *s = find_style(st, id);
	int depth;

	for (depth = 0; s != NULL && depth < MAX_STYLE_DEPTH; depth++) {
		if (s->lang[0] != '\0')
			return s->lang;
		s = find_style(st, s->parent);
	}
	return "";
}

/* Whether style id hides its text, through its parents: 1, 0, or -1
 * when none of them says (Word's w:vanish). */
static int
style_hidden(const struct styles *st, const char *id)
{
	const struct style *s = find_style(st, id);
	int depth;

	for (depth = 0; s != NULL && depth < MAX_STYLE_DEPTH; depth++) {
		if (s->hidden >= 0)
			return s->hidden;
		s = find_style(st, s->parent);
	}
	return -1;
}

/* A Word on/off property (ST_OnOff): -1 absent, 0 off ("0", "false",
 * "off"), 1 on (no value, or any other). */
static int
on_off(const xmlNode *e)
{
	char buf[8];

	if (e == NULL)
		return -1;
	attr(e, NULL, "val", buf, sizeof(buf));
	return !(strcmp(buf, "0") == 0 || strcmp(buf, "false") == 0 ||
	    strcmp(buf, "off") == 0);
}

static enum habar_status
add_style(struct styles *st, struct style *s)
{
	enum habar_status status;

	if (s->id[0] == '\0' || st->count >= MAX_STYLES)
		return HABAR_OK;
	if ((status = habar__grow((void **)&st->list, &st->cap, st->count + 1,
	    sizeof(*st->list), 64)) != HABAR_OK)
		return status;
	st->list[st->count++] = *s;
	return HABAR_OK;
}

/* Sets the language of the text being read (a longer mark is no
 * language tag habar knows, and is cut). */
static void
set_lang(struct walk *w, const char *tag)
{
	size_t n = strlen(tag);

	if (n >= sizeof(w->lang))
		n = sizeof(w->lang) - 1;
	memcpy(w->lang, tag, n);
	w->lang[n] = '\0';
}

/* Counts the characters of s[0..n) for the language being read. */
static void
count_lang(struct walk *w, const char *s, size_t n)
{
	size_t i, chars = 0;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' &&
		    ((unsigned char)s[i] & 0xC0) != 0x80)
			chars++;
	if (chars > 0)
		habar__import_count_lang(w->imp, w->lang[0] ? w->lang :
		    (w->styles ? w->styles->default_lang : ""), chars);
}

static enum habar_status
append_content(struct walk *w, struct text *t, const xmlNode *node)
{
	xmlChar *content = xmlNodeGetContent(node);
	enum habar_status status = HABAR_OK;

	if (content != NULL) {
		size_t n = strlen((const char *)content);
		count_lang(w, (const char *)content, n);
		status = append(t, (const char *)content, n);
		xmlFree(content);
	}
	return status;
}

/* ---------------------------------------------------------------- Word */

/* Reads word/styles.xml: the default language and each paragraph and
 * character style's heading role, language and parent. */
static enum habar_status
docx_styles(struct styles *st, const char *xml, size_t len, char *err,
    size_t errlen)
{
	xmlDocPtr doc;
	xmlNode *root, *c, *e;
	enum habar_status status;
	char buf[128];

	if ((status = parse(&doc, xml, len, "word/styles.xml", err, errlen)) !=
	    HABAR_OK)
		return status;
	root = xmlDocGetRootElement(doc);
	for (c = root ? root->children : NULL; status == HABAR_OK && c != NULL;
	    c = c->next) {
		if (is_w(c, "docDefaults")) {
			e = w_child(w_child(w_child(c, "rPrDefault"), "rPr"),
			    "lang");
			if (e != NULL)
				attr(e, NULL, "val", st->default_lang,
				    sizeof(st->default_lang));
		} else if (is_w(c, "style")) {
			struct style s;
			memset(&s, 0, sizeof(s));
			s.heading = -1;
			attr(c, NULL, "styleId", s.id, sizeof(s.id));
			if ((e = w_child(c, "basedOn")) != NULL)
				attr(e, NULL, "val", s.parent, sizeof(s.parent));
			if ((e = w_child(w_child(c, "rPr"), "lang")) != NULL)
				attr(e, NULL, "val", s.lang, sizeof(s.lang));
			s.hidden = on_off(w_child(w_child(c, "rPr"), "vanish"));
			if ((e = w_child(c, "name")) != NULL) {
				attr(e, NULL, "val", buf, sizeof(buf));
				/* Built-in names are English whatever
				 * the language of Word's menus ("heading
				 * 1"); the ids are translated ("1"). */
				if (strncasecmp(buf, "heading ", 8) == 0 ||
				    strcasecmp(buf, "title") == 0 ||
				    strcasecmp(buf, "subtitle") == 0)
					s.heading = 1;
			}
			if (s.heading < 0 && (e = w_child(w_child(c, "pPr"),
			    "outlineLvl")) != NULL) {
				attr(e, NULL, "val", buf, sizeof(buf));
				s.heading = buf[0] >= '0' && buf[0] <= '8';
			}
			status = add_style(st, &s);
		}
	}
	xmlFreeDoc(doc);
	return status;
}

static void docx_blocks(struct walk *w, const xmlNode *node);

/* Gathers the visible text of a paragraph's content into t. */
static void
docx_inline(struct walk *w, struct text *t, const xmlNode *node)
{
	for (; node != NULL && w->status == HABAR_OK; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(node, "t")) {
			w->status = append_content(w, t, node);
		} else if (is_w(node, "tab") || is_w(node, "ptab") ||
		    is_w(node, "br") || is_w(node, "cr")) {
			w->status = append(t, " ", 1);
		} else if (is_w(node, "noBreakHyphen")) {
			w->status = append(t, "\xe2\x80\x91", 3);
		} else if (is_w(node, "r")) {
			const xmlNode *rpr = w_child(node, "rPr"), *e;
			char saved[16], buf[128];
			int hidden = w->para_hidden, h;
			/* Hidden by the paragraph's style, the run's
			 * character style over it, the run's own w:vanish
			 * (which may also show, w:val="0") over both. */
			if ((e = w_child(rpr, "rStyle")) != NULL &&
			    (h = style_hidden(w->styles, attr(e, NULL, "val",
			    buf, sizeof(buf)))) >= 0)
				hidden = h;
			if ((h = on_off(w_child(rpr, "vanish"))) >= 0)
				hidden = h;
			if (hidden)
				continue;	/* hidden text */
			memcpy(saved, w->lang, sizeof(saved));
			if ((e = w_child(rpr, "lang")) != NULL &&
			    attr(e, NULL, "val", buf, sizeof(buf))[0] != '\0')
				set_lang(w, buf);
			else if ((e = w_child(rpr, "rStyle")) != NULL &&
			    style_lang(w->styles, attr(e, NULL, "val", buf,
			    sizeof(buf)))[0] != '\0')
				set_lang(w, style_lang(w->styles, buf));
			docx_inline(w, t, node->children);
			memcpy(w->lang, saved, sizeof(saved));
		} else if (is_w(node, "del") || is_w(node, "moveFrom") ||
		    is_w(node, "delText") || is_w(node, "instrText") ||
		    is_w(node, "delInstrText") || is_w(node, "rPr") ||
		    is_w(node, "pPr") || is_w(node, "drawing") ||
		    is_w(node, "pict") || is_w(node, "object") ||
		    is_w(node, "footnoteReference") ||
		    is_w(node, "endnoteReference") ||
		    is_w(node, "commentReference") || is_w(node, "fldData") ||
		    is_ns(node, "http://schemas.openxmlformats.org/markup-compatibility/2006",
		    "AlternateContent")) {
			continue;	/* not text a reader sees */
		} else {
			/* w:ins, w:moveTo, w:hyperlink, w:smartTag,
			 * w:customXml, w:fldSimple, w:sdt, w:sdtContent,
			 * w:dir, w:bdo: their runs are the paragraph's. */
			docx_inline(w, t, node->children);
		}
	}
}

/* Gathers the text of the inline content at node into t (docx_inline(),
 * odt_inline()). */
typedef void inline_walker(struct walk *w, struct text *t,
    const xmlNode *node);

/*
 * Adds paragraph p, whose paragraph style is named style: its text as
 * inline gathers it, in the style's language and hidden when the style
 * hides it (the walk's language and hiding restored after), a heading
 * when heading is set.  Failures stay in w->status.
 */
static void
styled_paragraph(struct walk *w, const xmlNode *p, const char *style,
    int heading, inline_walker *inline_text)
{
	struct text t = { 0 };
	char saved[16];
	int hidden;

	memcpy(saved, w->lang, sizeof(saved));
	if (style_lang(w->styles, style)[0] != '\0')
		set_lang(w, style_lang(w->styles, style));
	hidden = w->para_hidden;
	w->para_hidden = style_hidden(w->styles, style) == 1;
	inline_text(w, &t, p->children);
	w->para_hidden = hidden;
	memcpy(w->lang, saved, sizeof(saved));
	if (w->status == HABAR_OK && t.len > 0)
		w->status = habar__import_add(w->imp, t.buf, t.len, heading,
		    w->note);
	free(t.buf);
}

static void
docx_paragraph(struct walk *w, const xmlNode *p)
{
	const xmlNode *e;
	char style[128] = "";
	int heading = 0;

	if ((e = w_child(w_child(p, "pPr"), "pStyle")) != NULL) {
		attr(e, NULL, "val", style, sizeof(style));
		heading = style_heading(w->styles, style);
	}
	if (!heading && (e = w_child(w_child(p, "pPr"), "outlineLvl")) != NULL) {
		char buf[16];
		attr(e, NULL, "val", buf, sizeof(buf));
		heading = buf[0] >= '0' && buf[0] <= '8';
	}
	styled_paragraph(w, p, style, heading, docx_inline);
}

/* Walks block-level content: paragraphs, tables (each cell's paragraphs),
 * content controls, inserted blocks. */
static void
docx_blocks(struct walk *w, const xmlNode *node)
{
	for (; node != NULL && w->status == HABAR_OK; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(node, "p"))
			docx_paragraph(w, node);
		else if (is_w(node, "del") || is_w(node, "moveFrom") ||
		    is_w(node, "sectPr") || is_w(node, "tblPr") ||
		    is_w(node, "tblGrid") || is_w(node, "trPr") ||
		    is_w(node, "tcPr") || is_w(node, "sdtPr") ||
		    is_ns(node, "http://schemas.openxmlformats.org/markup-compatibility/2006",
		    "AlternateContent"))
			continue;
		else
			docx_blocks(w, node->children);
	}
}

enum habar_status
habar__docx_body(struct habar_import *imp, const char *xml, size_t len,
    const char *styles_xml, size_t styles_len, char *err, size_t errlen)
{
	struct styles st = { 0 };
	struct walk w = { 0 };
	xmlDocPtr doc = NULL;
	xmlNode *body;
	enum habar_status status = HABAR_OK;

	if (styles_xml != NULL && (status = docx_styles(&st, styles_xml,
	    styles_len, err, errlen)) != HABAR_OK)
		goto done;
	if ((status = parse(&doc, xml, len, "word/document.xml", err,
	    errlen)) != HABAR_OK)
		goto done;
	body = w_child(xmlDocGetRootElement(doc), "body");
	if (!is_w(xmlDocGetRootElement(doc), "document") || body == NULL) {
		snprintf(err, errlen, "word/document.xml: no w:document/w:body");
		status = HABAR_ERR_INPUT;
		goto done;
	}
	w.imp = imp;
	w.styles = &st;
	docx_blocks(&w, body->children);
	status = w.status;
	if (status == HABAR_ERR_LIMIT)
		snprintf(err, errlen, "word/document.xml: too much text");
	if (status == HABAR_OK && st.default_lang[0] != '\0' &&
	    imp->default_lang == NULL &&
	    (imp->default_lang = strdup(st.default_lang)) == NULL)
		status = HABAR_ERR_NOMEM;
done:
	xmlFreeDoc(doc);
	free(st.list);
	return status;
}

enum habar_status
habar__docx_notes(struct habar_import *imp, const char *xml, size_t len,
    const char *part, char *err, size_t errlen)
{
	struct walk w = { 0 };
	xmlDocPtr doc;
	xmlNode *root, *c;
	enum habar_status status;
	char type[64];

	if ((status = parse(&doc, xml, len, part, err, errlen)) != HABAR_OK)
		return status;
	w.imp = imp;
	w.note = 1;
	root = xmlDocGetRootElement(doc);
	for (c = root ? root->children : NULL; c != NULL &&
	    w.status == HABAR_OK; c = c->next) {
		if (!is_w(c, "footnote") && !is_w(c, "endnote"))
			continue;
		/* The separator lines Word keeps as notes of their own. */
		attr(c, NULL, "type", type, sizeof(type));
		if (type[0] != '\0' && strcmp(type, "normal") != 0)
			continue;
		docx_blocks(&w, c->children);
	}
	xmlFreeDoc(doc);
	if (w.status == HABAR_ERR_LIMIT)
		snprintf(err, errlen, "%s: too much text", part);
	return w.status;
}

/* Sets field key from the text of node. */
static enum habar_status
field_from(struct habar_import *imp, const char *key, const xmlNode *node)
{
	xmlChar *content = xmlNodeGetContent(node);
	enum habar_status status = HABAR_OK;

	if (content != NULL) {
		status = habar__import_field(imp, key, (const char *)content,
		    strlen((const char *)content));
		xmlFree(content);
	}
	return status;
}

enum habar_status
habar__docx_properties(struct habar_import *imp, const char *xml,
    size_t len, const char *part, char *err, size_t errlen)
{
	xmlDocPtr doc;
	xmlNode *root, *c;
	enum habar_status status;
	char name[128];

	if ((status = parse(&doc, xml, len, part, err, errlen)) != HABAR_OK)
		return status;
	root = xmlDocGetRootElement(doc);
	for (c = root ? root->children : NULL; c != NULL && status == HABAR_OK;
	    c = c->next) {
		if (is_ns(c, dc_ns, "title"))
			status = field_from(imp, "title", c);
		else if (is_ns(c, dc_ns, "creator"))
			status = field_from(imp, "author", c);
		else if (is_ns(c, dc_ns, "language"))
			status = field_from(imp, "@language", c);
		else if (is_ns(c, dcterms_ns, "created"))
			status = field_from(imp, "@created", c);
		else if (is_ns(c, custom_ns, "property")) {
			xmlChar *v = xmlGetNoNsProp(c, (const xmlChar *)"name");
			name[0] = '\0';
			if (v != NULL) {
				snprintf(name, sizeof(name), "%s",
				    (const char *)v);
				xmlFree(v);
			}
			if (name[0] != '\0')
				status = field_from(imp, name, c);
		}
	}
	xmlFreeDoc(doc);
	return status;
}

/* -------------------------------------------------------- OpenDocument */

/* Reads the styles of one office:styles or office:automatic-styles
 * element: names, parents, languages, default language. */
static enum habar_status
odt_styles(struct styles *st, const xmlNode *node)
{
	const xmlNode *c, *e;
	enum habar_status status = HABAR_OK;
	char lang[8], country[8];

	for (c = node ? node->children : NULL; c != NULL && status == HABAR_OK;
	    c = c->next) {
		struct style s;
		int is_default = is_ns(c, style_ns, "default-style");

		if (!is_default && !is_ns(c, style_ns, "style"))
			continue;
		memset(&s, 0, sizeof(s));
		s.heading = -1;
		s.hidden = -1;
		attr(c, style_ns, "name", s.id, sizeof(s.id));
		attr(c, style_ns, "parent-style-name", s.parent,
		    sizeof(s.parent));
		for (e = c->children; e != NULL; e = e->next)
			if (is_ns(e, style_ns, "text-properties")) {
				attr(e, fo_ns, "language", lang, sizeof(lang));
				attr(e, fo_ns, "country", country,
				    sizeof(country));
				if (lang[0] != '\0' && strcmp(lang, "zxx") != 0)
					snprintf(s.lang, sizeof(s.lang),
					    "%s%s%s", lang, country[0] ? "-" : "",
					    country);
				attr(e, text_ns, "display", lang, sizeof(lang));
				if (lang[0] != '\0')
					s.hidden = strcmp(lang, "none") == 0;
			}
		if (is_default) {
			char family[32];
			attr(c, style_ns, "family", family, sizeof(family));
			if (strcmp(family, "paragraph") == 0 && s.lang[0])
				memcpy(st->default_lang, s.lang,
				    sizeof(st->default_lang));
			continue;
		}
		status = add_style(st, &s);
	}
	return status;
}

static void odt_blocks(struct walk *w, const xmlNode *node);

static void odt_inline(struct walk *w, struct text *t, const xmlNode *node);

/* A span: its style may hide its text (text:display="none", itself or
 * through its parents) or show what the paragraph's style hides, and
 * may set its language. */
static void
odt_span(struct walk *w, struct text *t, const xmlNode *node)
{
	char buf[128], saved[16];
	int hidden = w->para_hidden, h;

	attr(node, text_ns, "style-name", buf, sizeof(buf));
	if ((h = style_hidden(w->styles, buf)) >= 0)
		w->para_hidden = h;
	memcpy(saved, w->lang, sizeof(saved));
	if (style_lang(w->styles, buf)[0] != '\0')
		set_lang(w, style_lang(w->styles, buf));
	odt_inline(w, t, node->children);
	memcpy(w->lang, saved, sizeof(saved));
	w->para_hidden = hidden;
}

static void
odt_inline(struct walk *w, struct text *t, const xmlNode *node)
{

	for (; node != NULL && w->status == HABAR_OK; node = node->next) {
		if (node->type == XML_TEXT_NODE ||
		    node->type == XML_CDATA_SECTION_NODE) {
			if (!w->para_hidden)
				w->status = append_content(w, t, node);
		} else if (node->type != XML_ELEMENT_NODE || w->para_hidden) {
			/* Hidden text, marks and notes included; a span
			 * that shows it again is looked into. */
			if (node->type == XML_ELEMENT_NODE &&
			    is_ns(node, text_ns, "span"))
				odt_span(w, t, node);
			continue;
		} else if (is_ns(node, text_ns, "s")) {
			/* text:c spaces; one is enough for a paragraph
			 * whose spaces are squeezed anyway. */
			w->status = append(t, " ", 1);
		} else if (is_ns(node, text_ns, "tab") ||
		    is_ns(node, text_ns, "line-break")) {
			w->status = append(t, " ", 1);
		} else if (is_ns(node, text_ns, "note")) {
			const xmlNode *c;
			int saved = w->note;
			for (c = node->children; c != NULL; c = c->next)
				if (is_ns(c, text_ns, "note-body")) {
					w->note = 1;
					odt_blocks(w, c->children);
					w->note = saved;
				}
		} else if (is_ns(node, office_ns, "annotation") ||
		    is_ns(node, text_ns, "tracked-changes") ||
		    is_ns(node, text_ns, "note-citation") ||
		    node->ns == NULL || strcmp((const char *)node->ns->href,
		    "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0") == 0) {
			continue;	/* comments, frames, drawings */
		} else if (is_ns(node, text_ns, "span")) {
			odt_span(w, t, node);
		} else {
			/* text:a, text:meta, bookmarks, fields: their text
			 * is the paragraph's. */
			odt_inline(w, t, node->children);
		}
	}
}

static void
odt_paragraph(struct walk *w, const xmlNode *p, int heading)
{
	char style[128];

	attr(p, text_ns, "style-name", style, sizeof(style));
	if (!heading)
		heading = style_heading(w->styles, style) > 0;
	styled_paragraph(w, p, style, heading, odt_inline);
}

static void
odt_blocks(struct walk *w, const xmlNode *node)
{
	for (; node != NULL && w->status == HABAR_OK; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		if (is_ns(node, text_ns, "p"))
			odt_paragraph(w, node, 0);
		else if (is_ns(node, text_ns, "h"))
			odt_paragraph(w, node, 1);
		else if (is_ns(node, text_ns, "tracked-changes") ||
		    is_ns(node, office_ns, "forms") ||
		    is_ns(node, office_ns, "annotation") ||
		    is_ns(node, text_ns, "sequence-decls") ||
		    is_ns(node, text_ns, "variable-decls") ||
		    is_ns(node, table_ns, "table-columns") ||
		    is_ns(node, table_ns, "table-column"))
			continue;
		else
			/* lists and their items, sections, tables, rows,
			 * cells, index bodies */
			odt_blocks(w, node->children);
	}
}

enum habar_status
habar__odt_body(struct habar_import *imp, const char *xml, size_t len,
    const char *styles_xml, size_t styles_len, char *err, size_t errlen)
{
	struct styles st = { 0 };
	struct walk w = { 0 };
	xmlDocPtr doc = NULL, sdoc = NULL;
	xmlNode *root, *c, *text = NULL;
	enum habar_status status = HABAR_OK;

	if (styles_xml != NULL) {
		if ((status = parse(&sdoc, styles_xml, styles_len, "styles.xml",
		    err, errlen)) != HABAR_OK)
			goto done;
		root = xmlDocGetRootElement(sdoc);
		for (c = root ? root->children : NULL; c != NULL &&
		    status == HABAR_OK; c = c->next)
			if (is_ns(c, office_ns, "styles") ||
			    is_ns(c, office_ns, "automatic-styles"))
				status = odt_styles(&st, c);
		if (status != HABAR_OK)
			goto done;
	}
	if ((status = parse(&doc, xml, len, "content.xml", err, errlen)) !=
	    HABAR_OK)
		goto done;
	root = xmlDocGetRootElement(doc);
	for (c = root ? root->children : NULL; c != NULL && status == HABAR_OK;
	    c = c->next) {
		if (is_ns(c, office_ns, "automatic-styles"))
			status = odt_styles(&st, c);
		else if (is_ns(c, office_ns, "body")) {
			xmlNode *b;
			for (b = c->children; b != NULL; b = b->next)
				if (is_ns(b, office_ns, "text"))
					text = b;
		}
	}
	if (status != HABAR_OK)
		goto done;
	if (!is_ns(root, office_ns, "document-content") || text == NULL) {
		snprintf(err, errlen, "content.xml: no office:body/office:text "
		    "(not a text document)");
		status = HABAR_ERR_INPUT;
		goto done;
	}
	w.imp = imp;
	w.styles = &st;
	odt_blocks(&w, text->children);
	status = w.status;
	if (status == HABAR_ERR_LIMIT)
		snprintf(err, errlen, "content.xml: too much text");
	if (status == HABAR_OK && st.default_lang[0] != '\0' &&
	    imp->default_lang == NULL &&
	    (imp->default_lang = strdup(st.default_lang)) == NULL)
		status = HABAR_ERR_NOMEM;
done:
	xmlFreeDoc(doc);
	xmlFreeDoc(sdoc);
	free(st.list);
	return status;
}

enum habar_status
habar__odt_meta(struct habar_import *imp, const char *xml, size_t len,
    char *err, size_t errlen)
{
	xmlDocPtr doc;
	xmlNode *root, *m, *c;
	enum habar_status status;
	char name[128];

	if ((status = parse(&doc, xml, len, "meta.xml", err, errlen)) !=
	    HABAR_OK)
		return status;
	root = xmlDocGetRootElement(doc);
	for (m = root ? root->children : NULL; m != NULL; m = m->next) {
		if (!is_ns(m, office_ns, "meta"))
			continue;
		for (c = m->children; c != NULL && status == HABAR_OK;
		    c = c->next) {
			if (is_ns(c, dc_ns, "title"))
				status = field_from(imp, "title", c);
			else if (is_ns(c, dc_ns, "creator") ||
			    is_ns(c, meta_ns, "initial-creator"))
				status = field_from(imp, "author", c);
			else if (is_ns(c, dc_ns, "language"))
				status = field_from(imp, "@language", c);
			else if (is_ns(c, meta_ns, "creation-date"))
				status = field_from(imp, "@created", c);
			else if (is_ns(c, meta_ns, "user-defined")) {
				attr(c, meta_ns, "name", name, sizeof(name));
				if (name[0] != '\0')
					status = field_from(imp, name, c);
			}
		}
	}
	xmlFreeDoc(doc);
	return status;
}
