/*
 * tmx_xml.c: reading TMX files (and telling them from parallel XML) into
 * a translation memory, with the hardened parse of parallel_xml.c: no
 * network, no DTD, no entities.  Writing is in tmx.c.
 *
 * Inline codes of a segment (bpt, ept, it, ph, ut: the formatting of the
 * original document) are left out of the text; hi and sub keep theirs.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include <habar/parallel.h>
#include <habar/tmx.h>

#include "grow_internal.h"
#include "parallel_xml.h"

#define MAX_VARIANTS 16

static enum habar_status
fail(struct habar_parallel_error *err, const xmlNode *node,
    enum habar_status status, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL) {
		err->line = node != NULL ? (unsigned long)xmlGetLineNo(node) : 0;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof(err->message), fmt, ap);
		va_end(ap);
	}
	return status;
}

struct text {
	char *buf;
	size_t len, cap;
};

static enum habar_status
text_add(struct text *t, const char *s)
{
	size_t n = strlen(s);
	enum habar_status status;

	if (t->len + n + 1 > t->cap) {
		if (t->len + n + 1 > HABAR_PARALLEL_MAX_BYTES)
			return HABAR_ERR_LIMIT;
		status = habar__grow((void **)&t->buf, &t->cap, t->len + n + 1,
		    1, 256);
		if (status != HABAR_OK)
			return status;
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
	return HABAR_OK;
}

/* Appends the text of node's children, leaving inline codes out. */
static enum habar_status
seg_text(const xmlNode *node, struct text *t, int depth)
{
	const xmlNode *c;
	enum habar_status status;

	if (depth > 32)
		return HABAR_ERR_LIMIT;
	for (c = node->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content != NULL &&
			    (status = text_add(t, (const char *)c->content)) !=
			    HABAR_OK)
				return status;
		} else if (c->type == XML_ELEMENT_NODE &&
		    (strcmp((const char *)c->name, "hi") == 0 ||
		    strcmp((const char *)c->name, "sub") == 0)) {
			if ((status = seg_text(c, t, depth + 1)) != HABAR_OK)
				return status;
		}
	}
	return HABAR_OK;
}

/* The language of a tuv: xml:lang, or lang in TMX 1.1. */
static char *
tuv_lang(const xmlNode *tuv)
{
	xmlChar *v = xmlGetNsProp(tuv, (const xmlChar *)"lang",
	    XML_XML_NAMESPACE);

	if (v == NULL)
		v = xmlGetNoNsProp(tuv, (const xmlChar *)"lang");
	return (char *)v;
}

static enum habar_status
read_tu(struct habar_tmx *tmx, xmlNode *tu, struct habar_parallel_error *err)
{
	char *langs[MAX_VARIANTS], *texts[MAX_VARIANTS];
	char *date = NULL, *release = NULL;
	struct text t;
	xmlNode *c, *s, *bad;
	size_t n = 0, k;
	enum habar_status status = HABAR_OK;

	for (c = habar__xml_element(tu->children, &bad); c != NULL;
	    c = habar__xml_element(c->next, &bad)) {
		if (habar__xml_is(c, NULL, "prop")) {
			xmlChar *type = xmlGetNoNsProp(c, (const xmlChar *)"type");
			if (type != NULL && release == NULL && strcmp((char *)type,
			    "x-release-id") == 0)
				release = (char *)xmlNodeGetContent(c);
			xmlFree(type);
			continue;
		}
		if (habar__xml_is(c, NULL, "note"))
			continue;
		if (!habar__xml_is(c, NULL, "tuv")) {
			status = fail(err, c, HABAR_ERR_INPUT,
			    "unexpected element <%s> in <tu>", c->name);
			goto done;
		}
		if (n == MAX_VARIANTS) {
			status = fail(err, c, HABAR_ERR_LIMIT,
			    "more than %d <tuv> in a <tu>", MAX_VARIANTS);
			goto done;
		}
		if ((langs[n] = tuv_lang(c)) == NULL || *langs[n] == '\0') {
			xmlFree(langs[n]);
			status = fail(err, c, HABAR_ERR_INPUT, "<tuv> without xml:lang");
			goto done;
		}
		for (s = c->children; s != NULL && !habar__xml_is(s, NULL, "seg");
		    s = s->next)
			;
		if (s == NULL) {
			xmlFree(langs[n]);
			status = fail(err, c, HABAR_ERR_INPUT, "<tuv> without <seg>");
			goto done;
		}
		memset(&t, 0, sizeof(t));
		if ((status = text_add(&t, "")) != HABAR_OK ||
		    (status = seg_text(s, &t, 0)) != HABAR_OK) {
			free(t.buf);
			xmlFree(langs[n]);
			status = fail(err, s, status, "cannot read <seg>");
			goto done;
		}
		texts[n++] = t.buf;
	}
	if (n >= 2) {
		date = (char *)xmlGetNoNsProp(tu, (const xmlChar *)"creationdate");
		status = habar_tmx_add(tmx, (const char *const *)langs,
		    (const char *const *)texts, n, date, release, NULL);
		if (status != HABAR_OK)
			status = fail(err, tu, status, "cannot store a unit");
	}
done:
	for (k = 0; k < n; k++) {
		xmlFree(langs[k]);
		free(texts[k]);
	}
	xmlFree(date);
	xmlFree(release);
	return status;
}

static enum habar_status
read_tmx(struct habar_tmx *tmx, xmlNode *root, struct habar_parallel_error *err)
{
	xmlNode *n, *tu, *bad;
	enum habar_status status;

	n = habar__xml_element(root->children, &bad);
	if (!habar__xml_is(n, NULL, "header"))
		return fail(err, n ? n : root, HABAR_ERR_INPUT,
		    "<tmx> must open with <header>");
	n = habar__xml_element(n->next, &bad);
	if (!habar__xml_is(n, NULL, "body"))
		return fail(err, n ? n : root, HABAR_ERR_INPUT,
		    "<body> expected after <header>");
	for (tu = habar__xml_element(n->children, &bad); tu != NULL;
	    tu = habar__xml_element(tu->next, &bad)) {
		if (!habar__xml_is(tu, NULL, "tu"))
			return fail(err, tu, HABAR_ERR_INPUT,
			    "unexpected element <%s> in <body>", tu->name);
		if ((status = read_tu(tmx, tu, err)) != HABAR_OK)
			return status;
	}
	return HABAR_OK;
}

/* Moves every unit of from into to (duplicates collapse). */
static enum habar_status
merge(struct habar_tmx *to, const struct habar_tmx *from)
{
	const struct habar_tmx_unit *u;
	const char *langs[MAX_VARIANTS], *texts[MAX_VARIANTS];
	size_t i, k;
	enum habar_status status;

	for (i = 0; i < habar_tmx_count(from); i++) {
		u = habar_tmx_unit(from, i);
		for (k = 0; k < u->variant_count && k < MAX_VARIANTS; k++) {
			langs[k] = u->variants[k].lang;
			texts[k] = u->variants[k].text;
		}
		status = habar_tmx_add(to, langs, texts, k, u->date, u->release_id,
		    NULL);
		if (status != HABAR_OK)
			return status;
	}
	return HABAR_OK;
}

enum habar_status
habar_tmx_add_xml(struct habar_tmx *tmx, const char *xml, size_t len,
    struct habar_parallel_error *err)
{
	struct habar_tmx *tmp = NULL;
	struct habar_parallel *doc = NULL;
	xmlDocPtr xdoc = NULL;
	xmlNode *root;
	enum habar_status status;

	if ((status = habar__xml_parse_doc(&xdoc, xml, len, err)) != HABAR_OK)
		return status;
	if ((status = habar_tmx_new(&tmp)) != HABAR_OK)
		goto done;
	root = xmlDocGetRootElement(xdoc);
	if (habar__xml_is(root, HABAR_PARALLEL_NS, "parallel")) {
		xmlFreeDoc(xdoc);
		xdoc = NULL;
		if ((status = habar_parallel_read(&doc, xml, len, err)) != HABAR_OK)
			goto done;
		status = habar_tmx_add_parallel(tmp, doc);
	} else if (habar__xml_is(root, NULL, "tmx")) {
		status = read_tmx(tmp, root, err);
	} else {
		status = fail(err, root, HABAR_ERR_INPUT, "neither a parallel "
		    "document nor a TMX file (root element <%s>)", root->name);
	}
	if (status == HABAR_OK)
		status = merge(tmx, tmp);
done:
	habar_parallel_free(doc);
	habar_tmx_free(tmp);
	xmlFreeDoc(xdoc);
	return status;
}
