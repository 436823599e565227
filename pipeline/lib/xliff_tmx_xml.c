/*
 * xliff_tmx_xml.c: reading a TMX 1.4 translation memory (as habar-tmx and
 * other tools write it) into the memory habar-xliff fills targets from.
 * Each <tu> becomes a unit with one variant per <tuv>; the text of a <seg>
 * is its character data and that of <hi>, while the native codes of
 * <bpt>, <ept>, <it>, <ph> and <ut> and the sub-flows of <sub> are left
 * out.  The document is parsed with the guards of xliff_xml.c.
 *
 * Whether a unit is trusted (an exact match through it may be marked
 * translated) follows the link it came from: a <prop
 * type="x-habar-confidence"> on the <tu> must say at least
 * HABAR_XLIFF_CONFIDENT.  A unit without one is trusted when a translator's
 * tool made it, and not when habar made it (the <tu>'s creationtool, or
 * else the header's, is "habar"): habar's units without a confidence are
 * aligner links of unknown worth, written before confidences were kept.
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


/*
 * Whether unit tu is trusted (see the banner); by_habar says whether the
 * header names habar as the tool that made the file.  A confidence that
 * is not a number between 0 and 1 trusts nothing.
 */
static int
tu_trusted(xmlNodePtr tu, int by_habar)
{
	xmlNodePtr n;
	xmlChar *value;
	char *end = NULL;
	double confidence;
	int trusted;

	for (n = tu->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->name, "prop") != 0)
			continue;
		value = xmlGetNoNsProp(n, (const xmlChar *)"type");
		trusted = value != NULL && strcmp((const char *)value,
		    "x-habar-confidence") == 0;
		xmlFree(value);
		if (!trusted)
			continue;
		value = xmlNodeGetContent(n);
		confidence = value != NULL ? strtod((const char *)value, &end) :
		    -1;
		trusted = value != NULL && end != (char *)value &&
		    strspn(end, " \t\r\n") == strlen(end) &&
		    confidence >= HABAR_XLIFF_CONFIDENT && confidence <= 1;
		xmlFree(value);
		return trusted;
	}
	value = xmlGetNoNsProp(tu, (const xmlChar *)"creationtool");
	if (value != NULL)
		by_habar = habar__xl_is_habar((const char *)value);
	xmlFree(value);
	return !by_habar;
}

static enum habar_status
load_tu(struct habar_xliff *xliff, xmlNodePtr tu, int by_habar)
{
	xmlNodePtr tuv, seg;
	enum habar_status status;

	status = habar__xl_memory_begin(&xliff->memory,
	    tu_trusted(tu, by_habar));
	if (status != HABAR_OK)
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
	xmlChar *tool;
	int by_habar = 0;

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
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "body") == 0)
			body = n;
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "header") == 0) {
			tool = xmlGetNoNsProp(n, (const xmlChar *)"creationtool");
			by_habar = habar__xl_is_habar((const char *)tool);
			xmlFree(tool);
		}
	}
	status = HABAR_OK;
	if (body == NULL)
		status = habar__xl_fail(xliff, habar__xl_xml_line(root),
		    HABAR_ERR_INPUT, "the TMX document has no <body>");
	for (n = body ? body->children : NULL; n != NULL && status == HABAR_OK;
	    n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "tu") == 0)
			status = load_tu(xliff, n, by_habar);
	if (status != HABAR_OK && xliff->error[0] == '\0')
		habar__xl_fail(xliff, 0, status, "cannot load the TMX memory: %s",
		    habar_status_string(status));
	xmlFreeDoc(tree);
	return status;
}
