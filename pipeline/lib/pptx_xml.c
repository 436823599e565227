/*
 * pptx_xml.c: the text of one PowerPoint slide, from its DrawingML XML
 * (ppt/slides/slideN.xml), paragraph by paragraph, with libxml2.
 *
 * A slide's text sits in a:p paragraphs made of a:r runs (a:t text),
 * a:fld fields and a:br breaks.  The XML comes from an untrusted package:
 * it is parsed without network access, entity expansion or DTD loading,
 * by the hardened parse of parallel_xml.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "attach_internal.h"
#include "grow_internal.h"
#include "parallel_xml.h"

static const char drawingml_ns[] =
    "http://schemas.openxmlformats.org/drawingml/2006/main";

struct text {
	char *buf;
	size_t len, cap;
};

static int
is_drawing(const xmlNode *node, const char *name)
{
	return habar__xml_is(node, drawingml_ns, name);
}

static int
append(struct text *t, const char *s, size_t n)
{
	if (n > SIZE_MAX - t->len - 1 ||
	    habar__grow((void **)&t->buf, &t->cap, t->len + n + 1, 1, 256) !=
	    HABAR_OK)
		return -1;
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
	return 0;
}

/* Gathers the text of a paragraph's descendants into t. */
static int
gather(const xmlNode *node, struct text *t)
{
	for (; node != NULL; node = node->next) {
		if (is_drawing(node, "t")) {
			xmlChar *content = xmlNodeGetContent(node);
			int r = 0;
			if (content != NULL) {
				r = append(t, (const char *)content,
				    strlen((const char *)content));
				xmlFree(content);
			}
			if (r < 0)
				return -1;
		} else if (is_drawing(node, "br") || is_drawing(node, "tab")) {
			if (append(t, " ", 1) < 0)
				return -1;
		} else if (node->type == XML_ELEMENT_NODE &&
		    gather(node->children, t) < 0)
			return -1;
	}
	return 0;
}

/* Collapses white space runs (including line breaks a:t may hold) to one
 * space and trims the ends: a paragraph is one line of release text. */
static void
squeeze(struct text *t)
{
	size_t r, w = 0;
	int space = 1;

	for (r = 0; r < t->len; r++) {
		char c = t->buf[r];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (!space)
				t->buf[w++] = ' ';
			space = 1;
		} else {
			t->buf[w++] = c;
			space = 0;
		}
	}
	if (w > 0 && t->buf[w - 1] == ' ')
		w--;
	t->len = w;
	if (t->buf != NULL)
		t->buf[w] = '\0';
}

/* Walks the tree for a:p elements, depth first, in document order. */
static int
walk(const xmlNode *node, unsigned slide, habar_slide_text_fn *emit,
    void *arg, int *stopped)
{
	for (; node != NULL && !*stopped; node = node->next) {
		if (is_drawing(node, "p")) {
			struct text t = { 0 };
			if (gather(node->children, &t) < 0) {
				free(t.buf);
				return -1;
			}
			squeeze(&t);
			if (t.len > 0 && emit(arg, slide, t.buf, t.len) != 0)
				*stopped = 1;
			free(t.buf);
		} else if (node->type == XML_ELEMENT_NODE &&
		    walk(node->children, slide, emit, arg, stopped) < 0)
			return -1;
	}
	return 0;
}

enum habar_status
habar__pptx_slide_text(const char *xml, size_t len, unsigned slide,
    habar_slide_text_fn *emit, void *arg, int *stopped, char *err,
    size_t errlen)
{
	xmlDocPtr doc;
	enum habar_status status = HABAR_OK;
	unsigned long line;
	char msg[200];

	if (len > (size_t)INT32_MAX) {
		snprintf(err, errlen, "slide %u: XML too large", slide);
		return HABAR_ERR_LIMIT;
	}
	/* The parse shared with the other readers of untrusted XML: an
	 * entity declaration stops it before any expansion. */
	status = habar__xml_parse(&doc, xml, len, &line, msg, sizeof(msg),
	    NULL);
	if (status != HABAR_OK) {
		snprintf(err, errlen, "slide %u: %s", slide, msg);
		return status;
	}
	if (doc->intSubset != NULL) {
		/* Office never writes a DOCTYPE; one here is hostile. */
		snprintf(err, errlen, "slide %u: a DOCTYPE is not allowed", slide);
		status = HABAR_ERR_INPUT;
	} else if (walk(xmlDocGetRootElement(doc), slide, emit, arg,
	    stopped) < 0)
		status = HABAR_ERR_NOMEM;
	xmlFreeDoc(doc);
	return status;
}
