/*
 * xliff_xml.c: reading XML safely with libxml2, and reading an XLIFF 2.0
 * document written by habar_xliff_extract() (and translated since) into
 * the plain model of xliff_internal.h that xliff_merge.c turns back into
 * a release; XLIFF 1.2 is handed to xliff12_xml.c, which shares the
 * skeleton reader and the helpers here.
 *
 * The parse is the project's one hardened parse (habar__xml_parse(),
 * parallel_xml.c): no network, no DTD, no entity substitution, and an
 * entity declaration stops the parser on the spot, so neither an external
 * entity (XXE) nor nested internal ones (billion laughs) are ever
 * expanded; libxml2's messages are caught and never printed.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <habar/release.h>

#include "grow_internal.h"
#include "parallel_xml.h"
#include "xliff_xml.h"

/* Nesting of inline elements and groups beyond this is refused. */
#define MAX_DEPTH 64

xmlDocPtr
habar__xl_xml_read(struct habar_xliff *xliff, const char *xml, size_t len,
    const char *what, enum habar_status *status_out)
{
	static const char prefix[] = HABAR__XML_MALFORMED_PREFIX ": ";
	enum habar__xml_fault fault;
	xmlDocPtr doc = NULL;
	unsigned long line;
	char msg[256];
	const char *detail;

	*status_out = HABAR_ERR_INPUT;
	if (len > HABAR_XLIFF_MAX_INPUT || len > INT_MAX) {
		*status_out = HABAR_ERR_LIMIT;
		habar__xl_fail(xliff, 0, HABAR_ERR_LIMIT,
		    "the %s document is larger than %u bytes", what,
		    HABAR_XLIFF_MAX_INPUT);
		return NULL;
	}
	if (len == 0) {
		habar__xl_fail(xliff, 1, HABAR_ERR_INPUT,
		    "the %s document is empty", what);
		return NULL;
	}
	*status_out = habar__xml_parse(&doc, xml, len, &line, msg, sizeof(msg),
	    &fault);
	if (*status_out == HABAR_OK)
		return doc;
	switch (fault) {
	case HABAR__XML_ENTITIES:
		habar__xl_fail(xliff, line, HABAR_ERR_INPUT,
		    "the %s document declares entities, which are refused "
		    "(external entities, entity expansion)", what);
		break;
	case HABAR__XML_NO_ROOT:
		habar__xl_fail(xliff, 1, HABAR_ERR_INPUT,
		    "the %s document has no root element", what);
		break;
	default:
		detail = strncmp(msg, prefix, sizeof(prefix) - 1) == 0 ?
		    msg + sizeof(prefix) - 1 : "not well-formed";
		if (*status_out == HABAR_ERR_INPUT)
			habar__xl_fail(xliff, line, HABAR_ERR_INPUT,
			    "malformed XML in the %s document: %s", what,
			    detail);
		else
			habar__xl_fail(xliff, line, *status_out,
			    "the %s document: %s", what, msg);
	}
	return NULL;
}

unsigned long
habar__xl_xml_line(xmlNodePtr node)
{
	long line = xmlGetLineNo(node);

	return line > 0 ? (unsigned long)line : 0;
}

int
habar__xl_xml_is(xmlNodePtr node, const char *ns, const char *name)
{
	return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
	    strcmp((const char *)node->ns->href, ns) == 0 &&
	    (name == NULL || strcmp((const char *)node->name, name) == 0);
}

static int
is_x(xmlNodePtr node, const char *name)
{
	return habar__xl_xml_is(node, HABAR_XLIFF_NS, name);
}

static int
is_hb(xmlNodePtr node, const char *name)
{
	return habar__xl_xml_is(node, HABAR_XLIFF_SKELETON_NS, name);
}

char *
habar__xl_xml_attr(xmlNodePtr node, const char *name)
{
	xmlChar *value = xmlGetNoNsProp(node, (const xmlChar *)name);
	char *copy;

	if (value == NULL)
		return NULL;
	copy = strdup((const char *)value);
	xmlFree(value);
	return copy;
}

/* Appends the code point of <cp hex="..."/> to buf. */
static enum habar_status
add_cp(struct habar_xliff *xliff, xmlNodePtr node, struct xl_buf *buf)
{
	char *hex = habar__xl_xml_attr(node, "hex");
	enum habar_status status;

	status = habar__xl_add_hex(xliff, node, hex, buf);
	free(hex);
	return status;
}

enum habar_status
habar__xl_add_hex(struct habar_xliff *xliff, xmlNodePtr node,
    const char *hex, struct xl_buf *buf)
{
	char *end;
	unsigned long cp;
	enum habar_status status = HABAR_ERR_INPUT;

	if (hex != NULL && *hex != '\0' && strlen(hex) <= 6 &&
	    strspn(hex, "0123456789abcdefABCDEF") == strlen(hex)) {
		cp = strtoul(hex, &end, 16);
		status = habar__xl_put_utf8(buf, cp);
	}
	if (status == HABAR_ERR_INPUT)
		return habar__xl_fail(xliff, habar__xl_xml_line(node), status,
		    "<%s> without a valid hex code point",
		    (const char *)node->name);
	return status;
}

enum habar_status
habar__xl_add_text(struct habar_xliff *xliff, xmlNodePtr node,
    struct xl_buf *buf)
{
	enum habar_status status = HABAR_OK;

	if (node->content != NULL)
		status = habar__xl_buf_add(buf, node->content,
		    strlen((const char *)node->content));
	if (status != HABAR_OK)
		return habar__xl_fail(xliff, habar__xl_xml_line(node), status,
		    "text too long");
	return HABAR_OK;
}

enum habar_status
habar__xl_read_inline(struct habar_xliff *xliff, xmlNodePtr parent,
    struct xl_buf *buf, int depth, xl_inline_element_fn *element)
{
	xmlNodePtr n;
	enum habar_status status = HABAR_OK;

	if (depth > MAX_DEPTH)
		return habar__xl_fail(xliff, habar__xl_xml_line(parent),
		    HABAR_ERR_LIMIT, "inline elements nested too deeply");
	for (n = parent->children; n != NULL && status == HABAR_OK; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			status = habar__xl_add_text(xliff, n, buf);
		else if (n->type == XML_ENTITY_REF_NODE)
			status = habar__xl_fail(xliff, habar__xl_xml_line(parent),
			    HABAR_ERR_INPUT, "entity reference '%s' refused",
			    (const char *)n->name);
		else if (n->type == XML_ELEMENT_NODE)
			status = element(xliff, parent, n, buf, depth);
	}
	return status;
}

/*
 * An element of 2.0 <source> or <target> content: <cp>, and the text
 * inside <pc> and <mrk>; codes without original data (<ph>, <sc>, <ec>,
 * <sm>, <em>) stand for nothing in a release and are dropped.
 */
static enum habar_status
inline_element(struct habar_xliff *xliff, xmlNodePtr parent, xmlNodePtr n,
    struct xl_buf *buf, int depth)
{
	if (is_x(n, "cp"))
		return add_cp(xliff, n, buf);
	if (is_x(n, "pc") || is_x(n, "mrk"))
		return habar__xl_read_inline(xliff, n, buf, depth + 1,
		    inline_element);
	if (is_x(n, "ph") || is_x(n, "sc") || is_x(n, "ec") ||
	    is_x(n, "sm") || is_x(n, "em"))
		return HABAR_OK;
	return habar__xl_fail(xliff, habar__xl_xml_line(n), HABAR_ERR_INPUT,
	    "unexpected element <%s> in <%s>", (const char *)n->name,
	    (const char *)parent->name);
}

/* Appends the text of 2.0 <source> or <target> content to buf. */
static enum habar_status
read_inline(struct habar_xliff *xliff, xmlNodePtr parent, struct xl_buf *buf,
    int depth)
{
	return habar__xl_read_inline(xliff, parent, buf, depth,
	    inline_element);
}

static enum habar_status
push_skel(struct xl_doc *doc, enum xl_skel_kind kind, unsigned long line,
    struct xl_skel **skel_out)
{
	enum habar_status status;

	/* The most a document within the input limit could hold. */
	if (doc->skel_count + 1 > HABAR_XLIFF_MAX_INPUT / sizeof(*doc->skel))
		return HABAR_ERR_LIMIT;
	if ((status = habar__grow((void **)&doc->skel, &doc->skel_cap,
	    doc->skel_count + 1, sizeof(*doc->skel), 64)) != HABAR_OK)
		return status;
	*skel_out = &doc->skel[doc->skel_count++];
	memset(*skel_out, 0, sizeof(**skel_out));
	(*skel_out)->kind = kind;
	(*skel_out)->line = line;
	return HABAR_OK;
}

/* Appends the text and <hb:cp>s of node's children to buf. */
static enum habar_status
read_skel_text(struct habar_xliff *xliff, xmlNodePtr parent, struct xl_buf *buf)
{
	xmlNodePtr n;
	enum habar_status status = HABAR_OK;

	for (n = parent->children; n != NULL && status == HABAR_OK; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			status = habar__xl_add_text(xliff, n, buf);
		else if (n->type == XML_ELEMENT_NODE && is_hb(n, "cp"))
			status = add_cp(xliff, n, buf);
		else if (n->type == XML_ELEMENT_NODE)
			status = habar__xl_fail(xliff, habar__xl_xml_line(n),
			    HABAR_ERR_INPUT, "unexpected element <%s> in <%s>",
			    (const char *)n->name, (const char *)parent->name);
	}
	return status;
}

enum habar_status
habar__xl_read_skeleton(struct habar_xliff *xliff, struct xl_doc *doc,
    xmlNodePtr skeleton)
{
	xmlNodePtr n;
	struct xl_skel *item;
	enum habar_status status = HABAR_OK;
	char *href = habar__xl_xml_attr(skeleton, "href");

	if (href != NULL) {
		free(href);
		return habar__xl_fail(xliff, habar__xl_xml_line(skeleton),
		    HABAR_ERR_INPUT, "an external skeleton (href) is not "
		    "supported");
	}
	for (n = skeleton->children; n != NULL && status == HABAR_OK; n = n->next) {
		unsigned long line = habar__xl_xml_line(n);
		int text = n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE || is_hb(n, "cp");

		if (!text && n->type != XML_ELEMENT_NODE)
			continue;
		if (text) {
			if (doc->skel_count == 0 ||
			    doc->skel[doc->skel_count - 1].kind != XL_SKEL_TEXT)
				if ((status = push_skel(doc, XL_SKEL_TEXT, line,
				    &item)) != HABAR_OK)
					break;
			item = &doc->skel[doc->skel_count - 1];
			status = n->type == XML_ELEMENT_NODE ?
			    add_cp(xliff, n, &item->text) :
			    habar__xl_add_text(xliff, n, &item->text);
		} else if (is_hb(n, "unit") || is_hb(n, "field")) {
			status = push_skel(doc, is_hb(n, "unit") ? XL_SKEL_UNIT :
			    XL_SKEL_FIELD, line, &item);
			if (status != HABAR_OK)
				break;
			item->ref = habar__xl_xml_attr(n, "ref");
			if (item->ref == NULL)
				return habar__xl_fail(xliff, line, HABAR_ERR_INPUT,
				    "<hb:%s> without ref", (const char *)n->name);
			if (item->kind == XL_SKEL_FIELD) {
				if ((item->key = habar__xl_xml_attr(n, "key")) == NULL)
					return habar__xl_fail(xliff, line,
					    HABAR_ERR_INPUT,
					    "<hb:field> without key");
				status = read_skel_text(xliff, n, &item->text);
			}
		} else if (is_hb(n, "lang")) {
			char *fence = habar__xl_xml_attr(n, "fence");
			if ((status = push_skel(doc, XL_SKEL_LANG, line, &item)) !=
			    HABAR_OK) {
				free(fence);
				break;
			}
			item->fence = fence != NULL && strcmp(fence, "yes") == 0;
			free(fence);
			status = read_skel_text(xliff, n, &item->text);
		} else
			status = habar__xl_fail(xliff, line, HABAR_ERR_INPUT,
			    "unexpected element <%s> in the skeleton",
			    (const char *)n->name);
	}
	if (status != HABAR_OK && xliff->error[0] == '\0')
		habar__xl_fail(xliff, habar__xl_xml_line(skeleton), status,
		    "%s", habar_status_string(status));
	return status;
}

static enum habar_status
read_part(struct habar_xliff *xliff, struct xl_unit *unit, xmlNodePtr node)
{
	struct xl_part *part;
	xmlNodePtr n;
	enum habar_status status = HABAR_OK;
	int sources = 0;

	if ((status = habar__xl_push_part(unit, &part)) != HABAR_OK)
		return status;
	part->segment = is_x(node, "segment");
	part->id = habar__xl_xml_attr(node, "id");
	part->line = habar__xl_xml_line(node);
	for (n = node->children; n != NULL && status == HABAR_OK; n = n->next) {
		if (is_x(n, "source")) {
			sources++;
			status = read_inline(xliff, n, &part->source, 0);
		} else if (is_x(n, "target") && !part->has_target) {
			char *order = habar__xl_xml_attr(n, "order"), *end = NULL;
			part->has_target = 1;
			if (order != NULL) {
				part->order = strtoul(order, &end, 10);
				if (*order == '\0' || *end != '\0' ||
				    part->order == 0)
					status = habar__xl_fail(xliff,
					    habar__xl_xml_line(n), HABAR_ERR_INPUT,
					    "order=\"%s\" is not a positive "
					    "integer", order);
				free(order);
				if (status != HABAR_OK)
					break;
			}
			status = read_inline(xliff, n, &part->target, 0);
		}
	}
	if (status == HABAR_OK && sources != 1)
		return habar__xl_fail(xliff, part->line, HABAR_ERR_INPUT,
		    "<%s> in unit '%s' needs one <source>",
		    (const char *)node->name, unit->id);
	return status;
}

enum habar_status
habar__xl_push_unit(struct xl_doc *doc, struct xl_unit **unit_out)
{
	enum habar_status status;

	/* The most a document within the input limit could hold. */
	if (doc->unit_count + 1 > HABAR_XLIFF_MAX_INPUT / sizeof(*doc->units))
		return HABAR_ERR_LIMIT;
	if ((status = habar__grow((void **)&doc->units, &doc->unit_cap,
	    doc->unit_count + 1, sizeof(*doc->units), 64)) != HABAR_OK)
		return status;
	*unit_out = &doc->units[doc->unit_count++];
	memset(*unit_out, 0, sizeof(**unit_out));
	return HABAR_OK;
}

enum habar_status
habar__xl_push_part(struct xl_unit *unit, struct xl_part **part_out)
{
	enum habar_status status;

	/* The most a document within the input limit could hold. */
	if (unit->part_count + 1 > HABAR_XLIFF_MAX_INPUT / sizeof(*unit->parts))
		return HABAR_ERR_LIMIT;
	if ((status = habar__grow((void **)&unit->parts, &unit->part_cap,
	    unit->part_count + 1, sizeof(*unit->parts), 8)) != HABAR_OK)
		return status;
	*part_out = &unit->parts[unit->part_count++];
	memset(*part_out, 0, sizeof(**part_out));
	return HABAR_OK;
}

static enum habar_status
read_unit(struct habar_xliff *xliff, struct xl_doc *doc, xmlNodePtr node)
{
	struct xl_unit *unit;
	xmlNodePtr n;
	enum habar_status status;

	if ((status = habar__xl_push_unit(doc, &unit)) != HABAR_OK)
		return status;
	unit->line = habar__xl_xml_line(node);
	if ((unit->id = habar__xl_xml_attr(node, "id")) == NULL)
		return habar__xl_fail(xliff, unit->line, HABAR_ERR_INPUT,
		    "<unit> without id");
	for (n = node->children; n != NULL && status == HABAR_OK; n = n->next)
		if (is_x(n, "segment") || is_x(n, "ignorable"))
			status = read_part(xliff, unit, n);
	return status;
}

static enum habar_status
read_units(struct habar_xliff *xliff, struct xl_doc *doc, xmlNodePtr parent,
    const char *ns, const char *unit_name, xl_unit_reader *read_one,
    int depth)
{
	xmlNodePtr n;
	enum habar_status status = HABAR_OK;

	if (depth > MAX_DEPTH)
		return habar__xl_fail(xliff, habar__xl_xml_line(parent),
		    HABAR_ERR_LIMIT, "groups nested too deeply");
	for (n = parent->children; n != NULL && status == HABAR_OK; n = n->next) {
		if (habar__xl_xml_is(n, ns, unit_name))
			status = read_one(xliff, doc, n);
		else if (habar__xl_xml_is(n, ns, "group"))
			status = read_units(xliff, doc, n, ns, unit_name,
			    read_one, depth + 1);
	}
	return status;
}

enum habar_status
habar__xl_read_units(struct habar_xliff *xliff, struct xl_doc *doc,
    xmlNodePtr parent, const char *ns, const char *unit_name,
    xl_unit_reader *read_one)
{
	return read_units(xliff, doc, parent, ns, unit_name, read_one, 0);
}

enum habar_status
habar__xl_parse_xliff(struct habar_xliff *xliff, struct xl_doc *doc,
    const char *xml, size_t len)
{
	xmlDocPtr tree;
	xmlNodePtr root, n, file = NULL, skeleton = NULL;
	enum habar_status status;
	char *version = NULL;
	size_t files = 0;

	memset(doc, 0, sizeof(*doc));
	if ((tree = habar__xl_xml_read(xliff, xml, len, "XLIFF", &status)) == NULL)
		return status;
	root = xmlDocGetRootElement(tree);
	status = HABAR_ERR_INPUT;
	if (strcmp((const char *)root->name, "xliff") != 0) {
		habar__xl_fail(xliff, habar__xl_xml_line(root), status,
		    "not an XLIFF document: the root element is <%s>",
		    (const char *)root->name);
		goto done;
	}
	version = habar__xl_xml_attr(root, "version");
	if (habar__xl_xml_is(root, HABAR_XLIFF12_NS, "xliff") &&
	    version != NULL && strcmp(version, "1.2") == 0) {
		status = habar__xl_parse_xliff12(xliff, doc, root);
		goto done;
	}
	if (!is_x(root, "xliff") || version == NULL ||
	    strncmp(version, "2.", 2) != 0) {
		habar__xl_fail(xliff, habar__xl_xml_line(root), status,
		    "not an XLIFF 2.0 or 1.2 document (version %s, namespace %s)",
		    version ? version : "missing", root->ns ?
		    (const char *)root->ns->href : "none");
		goto done;
	}
	doc->src_lang = habar__xl_xml_attr(root, "srcLang");
	doc->trg_lang = habar__xl_xml_attr(root, "trgLang");
	if (doc->src_lang == NULL || doc->trg_lang == NULL ||
	    !habar_release_valid_lang(doc->trg_lang)) {
		habar__xl_fail(xliff, habar__xl_xml_line(root), status,
		    doc->src_lang == NULL ? "<xliff> has no srcLang" :
		    doc->trg_lang == NULL ? "missing target language: <xliff> has "
		    "no trgLang" : "trgLang is not a language tag");
		goto done;
	}
	for (n = root->children; n != NULL; n = n->next)
		if (is_x(n, "file") && files++ == 0)
			file = n;
	if (files != 1) {
		habar__xl_fail(xliff, habar__xl_xml_line(root), status,
		    "the document has %zu <file> elements; habar-xliff merges "
		    "exactly one", files);
		goto done;
	}
	for (n = file->children; n != NULL; n = n->next)
		if (is_x(n, "skeleton"))
			skeleton = n;
	if (skeleton == NULL) {
		habar__xl_fail(xliff, habar__xl_xml_line(file), status,
		    "the <file> has no skeleton: it was not made by "
		    "habar-xliff extract");
		goto done;
	}
	if ((status = habar__xl_read_skeleton(xliff, doc, skeleton)) != HABAR_OK ||
	    (status = habar__xl_read_units(xliff, doc, file,
	    HABAR_XLIFF_NS, "unit", read_unit)) != HABAR_OK)
		goto done;
	status = HABAR_OK;
done:
	free(version);
	xmlFreeDoc(tree);
	if (status != HABAR_OK)
		habar__xl_doc_free(doc);
	return status;
}
