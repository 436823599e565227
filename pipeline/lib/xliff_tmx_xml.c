/*
 * xliff_tmx_xml.c: reading a TMX 1.4 translation memory (as habar-tmx and
 * other tools write it) into the memory habar-xliff fills targets from.
 * Each <tu> becomes a trusted unit with one variant per <tuv>; the text of
 * a <seg> is its character data and that of <hi>, while the native codes
 * of <bpt>, <ept>, <it>, <ph> and <ut> and the sub-flows of <sub> are left
 * out.  The document is parsed with the guards of xliff_xml.c.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "xliff_xml.h"

#define MAX_DEPTH 64

static enum habar_status
seg_text(struct habar_xliff *xliff, xmlNodePtr parent, struct xl_buf *buf,
    int depth)
{
	xmlNodePtr n;
	enum habar_status status = HABAR_OK;

	if (depth > MAX_DEPTH)
		return habar__xl_fail(xliff, habar__xl_xml_line(parent),
		    HABAR_ERR_LIMIT, "TMX inline elements nested too deeply");
	for (n = parent->children; n != NULL && status == HABAR_OK; n = n->next) {
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		    n->content != NULL)
			status = habar__xl_buf_add(buf, n->content,
			    strlen((const char *)n->content));
		else if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "hi") == 0)
			status = seg_text(xliff, n, buf, depth + 1);
	}
	return status;
}

/* The language of a <tuv>: xml:lang, or TMX 1.1's lang. */
static char *
tuv_lang(xmlNodePtr tuv)
{
	xmlChar *value = xmlNodeGetLang(tuv);
	char *copy;

	if (value == NULL)
		value = xmlGetNoNsProp(tuv, (const xmlChar *)"lang");
	if (value == NULL)
		return NULL;
	copy = strdup((const char *)value);
	xmlFree(value);
	return copy;
}

static enum habar_status
load_tu(struct habar_xliff *xliff, xmlNodePtr tu)
{
	xmlNodePtr tuv, seg;
	enum habar_status status;

	if ((status = habar__xl_memory_begin(&xliff->memory, 1)) != HABAR_OK)
		return status;
	for (tuv = tu->children; tuv != NULL; tuv = tuv->next) {
		struct xl_buf text = { NULL, 0, 0 };
		char *lang;

		if (tuv->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)tuv->name, "tuv") != 0)
			continue;
		if ((lang = tuv_lang(tuv)) == NULL) {
			habar__xl_warn(xliff, habar__xl_xml_line(tuv),
			    "<tuv> without xml:lang skipped");
			continue;
		}
		for (seg = tuv->children; seg != NULL; seg = seg->next)
			if (seg->type == XML_ELEMENT_NODE &&
			    strcmp((const char *)seg->name, "seg") == 0)
				break;
		status = HABAR_OK;
		if (seg != NULL)
			status = seg_text(xliff, seg, &text, 0);
		if (status == HABAR_OK && seg != NULL)
			status = habar__xl_memory_add(&xliff->memory, lang,
			    text.data ? text.data : "", text.len, 1);
		free(lang);
		habar__xl_buf_free(&text);
		if (status != HABAR_OK)
			return status;
	}
	return HABAR_OK;
}

enum habar_status
habar__xl_load_tmx(struct habar_xliff *xliff, const char *data, size_t len,
    int *is_tmx_out)
{
	xmlDocPtr tree;
	xmlNodePtr root, body = NULL, n;
	enum habar_status status;

	*is_tmx_out = 0;
	if ((tree = habar__xl_xml_read(xliff, data, len, "memory", &status)) ==
	    NULL)
		return status;
	root = xmlDocGetRootElement(tree);
	if (strcmp((const char *)root->name, "tmx") != 0 || root->ns != NULL) {
		xmlFreeDoc(tree);
		return HABAR_OK;
	}
	*is_tmx_out = 1;
	for (n = root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "body") == 0)
			body = n;
	status = HABAR_OK;
	if (body == NULL)
		status = habar__xl_fail(xliff, habar__xl_xml_line(root),
		    HABAR_ERR_INPUT, "the TMX document has no <body>");
	for (n = body ? body->children : NULL; n != NULL && status == HABAR_OK;
	    n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "tu") == 0)
			status = load_tu(xliff, n);
	if (status != HABAR_OK && xliff->error[0] == '\0')
		habar__xl_fail(xliff, 0, status, "cannot load the TMX memory: %s",
		    habar_status_string(status));
	xmlFreeDoc(tree);
	return status;
}
