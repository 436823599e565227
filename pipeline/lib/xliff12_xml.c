/*
 * xliff12_xml.c: reading an XLIFF 1.2 document written by
 * habar_xliff_extract() with version 1.2, for the tools that read and
 * write nothing newer (OmegaT, Translate Toolkit), into the model that
 * xliff_merge.c turns back into a release.
 *
 * In 1.2 each sentence is a <trans-unit>; it becomes a unit of one
 * segment, which the skeleton names directly (the white space between
 * sentences is skeleton text, as 1.2 has no <ignorable>).  The skeleton
 * is an <hb:skeleton> document written as the text of
 * <header><skl><internal-file>, because 1.2 allows nothing else there: it
 * is parsed with the same guards as the document itself.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include <habar/release.h>

#include "xliff_xml.h"

static int
is_x(xmlNodePtr node, const char *name)
{
	return habar__xl_xml_is(node, HABAR_XLIFF12_NS, name);
}

/*
 * An element of 1.2 <source> or <target> content: the text inside <g>
 * and <mrk>, and habar's placeholder for a character XML cannot carry;
 * other codes (<x/>, <bx/>, <ex/>, <ph>, <bpt>, <ept>, <it>) stand for
 * nothing in a release and are dropped.
 */
static enum habar_status
inline_element(struct habar_xliff *xliff, xmlNodePtr parent, xmlNodePtr n,
    struct xl_buf *buf, int depth)
{
	enum habar_status status = HABAR_OK;
	char *ctype, *hex;

	if (is_x(n, "g") || is_x(n, "mrk"))
		return habar__xl_read_inline(xliff, n, buf, depth + 1,
		    inline_element);
	if (is_x(n, "ph")) {
		ctype = habar__xl_xml_attr(n, "ctype");
		if (ctype != NULL &&
		    strcmp(ctype, HABAR_XLIFF12_CP_CTYPE) == 0) {
			hex = (char *)xmlNodeGetContent(n);
			status = habar__xl_add_hex(xliff, n, hex, buf);
			xmlFree(hex);
		}
		free(ctype);
		return status;
	}
	if (is_x(n, "x") || is_x(n, "bx") || is_x(n, "ex") ||
	    is_x(n, "bpt") || is_x(n, "ept") || is_x(n, "it"))
		return HABAR_OK;
	return habar__xl_fail(xliff, habar__xl_xml_line(n), HABAR_ERR_INPUT,
	    "unexpected element <%s> in <%s>", (const char *)n->name,
	    (const char *)parent->name);
}

/* Appends the text of 1.2 <source> or <target> content to buf. */
static enum habar_status
read_inline(struct habar_xliff *xliff, xmlNodePtr parent, struct xl_buf *buf,
    int depth)
{
	return habar__xl_read_inline(xliff, parent, buf, depth,
	    inline_element);
}

/* A <trans-unit>: a unit of one segment, its first <target> if any. */
static enum habar_status
read_trans_unit(struct habar_xliff *xliff, struct xl_doc *doc,
    xmlNodePtr node)
{
	struct xl_unit *unit;
	struct xl_part *part;
	xmlNodePtr n;
	enum habar_status status;
	char *state = NULL;
	int sources = 0;

	if ((status = habar__xl_push_unit(doc, &unit)) != HABAR_OK)
		return status;
	unit->line = habar__xl_xml_line(node);
	if ((unit->id = habar__xl_xml_attr(node, "id")) == NULL)
		return habar__xl_fail(xliff, unit->line, HABAR_ERR_INPUT,
		    "<trans-unit> without id");
	if ((status = habar__xl_push_part(unit, &part)) != HABAR_OK)
		return status;
	part->segment = 1;
	part->line = unit->line;
	if ((part->id = strdup(unit->id)) == NULL)
		return HABAR_ERR_NOMEM;
	for (n = node->children; n != NULL && status == HABAR_OK; n = n->next) {
		if (is_x(n, "source")) {
			sources++;
			status = read_inline(xliff, n, &part->source, 0);
		} else if (is_x(n, "target") && !part->has_target) {
			part->has_target = 1;
			state = habar__xl_xml_attr(n, "state");
			status = read_inline(xliff, n, &part->target, 0);
		}
	}
	if (status == HABAR_OK && sources != 1)
		status = habar__xl_fail(xliff, part->line, HABAR_ERR_INPUT,
		    "<trans-unit> '%s' needs one <source>", unit->id);
	/* A source copied into the target (--copy-source) that no one
	 * translated is no translation. */
	if (status == HABAR_OK && state != NULL && (strcmp(state, "new") == 0 ||
	    strcmp(state, "needs-translation") == 0) &&
	    part->target.len == part->source.len && (part->target.len == 0 ||
	    memcmp(part->target.data, part->source.data,
	    part->target.len) == 0)) {
		part->has_target = 0;
		habar__xl_buf_free(&part->target);
	}
	free(state);
	return status;
}

/* Finds the only child of parent named name, or NULL. */
static xmlNodePtr
child(xmlNodePtr parent, const char *name)
{
	xmlNodePtr n;

	for (n = parent != NULL ? parent->children : NULL; n != NULL;
	    n = n->next)
		if (is_x(n, name))
			return n;
	return NULL;
}

/* Parses the skeleton document held as the text of internal-file. */
static enum habar_status
read_internal_skeleton(struct habar_xliff *xliff, struct xl_doc *doc,
    xmlNodePtr internal)
{
	xmlChar *text = xmlNodeGetContent(internal);
	xmlDocPtr tree = NULL;
	xmlNodePtr root;
	enum habar_status status = HABAR_ERR_INPUT;
	unsigned long base = habar__xl_xml_line(internal);
	char *form = habar__xl_xml_attr(internal, "form");

	if (form == NULL || strcmp(form, HABAR_XLIFF_SKELETON_FORM) != 0) {
		habar__xl_fail(xliff, base, status, "the skeleton is not "
		    "habar's (form is not %s): the file was not made by "
		    "habar-xliff extract", HABAR_XLIFF_SKELETON_FORM);
		goto done;
	}
	if (text == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	tree = habar__xl_xml_read(xliff, (const char *)text,
	    strlen((const char *)text), "skeleton", &status);
	if (tree == NULL)
		goto done;
	root = xmlDocGetRootElement(tree);
	if (!habar__xl_xml_is(root, HABAR_XLIFF_SKELETON_NS, "skeleton")) {
		status = habar__xl_fail(xliff, base, HABAR_ERR_INPUT,
		    "the skeleton's root is not <hb:skeleton>");
		goto done;
	}
	status = habar__xl_read_skeleton(xliff, doc, root);
done:
	/* Lines inside the skeleton count from the line it starts on. */
	if (status != HABAR_OK && xliff->error_line > 0 &&
	    xliff->error_line != base)
		xliff->error_line += base - 1;
	free(form);
	xmlFree(text);
	xmlFreeDoc(tree);
	return status;
}

enum habar_status
habar__xl_parse_xliff12(struct habar_xliff *xliff, struct xl_doc *doc,
    xmlNodePtr root)
{
	xmlNodePtr n, file = NULL, internal, body;
	enum habar_status status;
	size_t files = 0;

	for (n = root->children; n != NULL; n = n->next)
		if (is_x(n, "file") && files++ == 0)
			file = n;
	if (files != 1)
		return habar__xl_fail(xliff, habar__xl_xml_line(root),
		    HABAR_ERR_INPUT, "the document has %zu <file> elements; "
		    "habar-xliff merges exactly one", files);
	doc->src_lang = habar__xl_xml_attr(file, "source-language");
	doc->trg_lang = habar__xl_xml_attr(file, "target-language");
	if (doc->src_lang == NULL || doc->trg_lang == NULL ||
	    !habar_release_valid_lang(doc->trg_lang))
		return habar__xl_fail(xliff, habar__xl_xml_line(file),
		    HABAR_ERR_INPUT, doc->src_lang == NULL ? "<file> has no "
		    "source-language" : doc->trg_lang == NULL ? "missing target "
		    "language: <file> has no target-language" :
		    "target-language is not a language tag");
	internal = child(child(child(file, "header"), "skl"), "internal-file");
	if (internal == NULL)
		return habar__xl_fail(xliff, habar__xl_xml_line(file),
		    HABAR_ERR_INPUT, "the <file> has no skeleton "
		    "(<header><skl><internal-file>): it was not made by "
		    "habar-xliff extract");
	if ((body = child(file, "body")) == NULL)
		return habar__xl_fail(xliff, habar__xl_xml_line(file),
		    HABAR_ERR_INPUT, "the <file> has no <body>");
	if ((status = read_internal_skeleton(xliff, doc, internal)) !=
	    HABAR_OK)
		return status;
	return habar__xl_read_units(xliff, doc, body, HABAR_XLIFF12_NS,
	    "trans-unit", read_trans_unit);
}
