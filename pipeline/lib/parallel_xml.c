/*
 * parallel_xml.c: reading parallel XML back into a document (format in
 * docs/parallel-xml.md), and the hardened libxml2 parse that
 * every reader of outside XML shares (TMX, XLIFF, manifests, slides).
 *
 * Files come from other machines and tools, so the parse is defensive:
 * no network, no DTD, no entity substitution, and an entity declaration
 * stops the parser at once, which refuses XXE and billion-laughs files
 * before any expansion happens; a linear scan first refuses an element
 * with more attributes than libxml2 can check in reasonable time
 * (xml_limits_xml.c).  After the parse, the tree is checked for
 * what the RELAX NG schema says and for what it cannot say (ids unique,
 * references resolving, runs consecutive and in order).
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <habar/parallel.h>

#include "data_internal.h"
#include "parallel_internal.h"
#include "parallel_xml.h"
#include "xml_limits_internal.h"

/* What the SAX hooks learn during one parse. */
struct parse_state {
	int entity_seen;
	int error_seen;
	unsigned long line;
	char msg[200];
};

/* Refuses an entity declaration: stops the parser before any expansion. */
static void
refuse_entity(void *ctx, const xmlChar *name, int type,
    const xmlChar *public_id, const xmlChar *system_id, xmlChar *content)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;

	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	if (!st->entity_seen) {
		st->entity_seen = 1;
		st->line = (unsigned long)xmlSAX2GetLineNumber(ctxt);
		snprintf(st->msg, sizeof(st->msg),
		    "entity declaration '%.60s' refused (entities are not "
		    "allowed)", (const char *)name);
	}
	xmlStopParser(ctxt);
}

/* Refuses an unparsed entity (NDATA) declaration likewise. */
static void
refuse_unparsed(void *ctx, const xmlChar *name, const xmlChar *public_id,
    const xmlChar *system_id, const xmlChar *notation)
{
	(void)notation;
	refuse_entity(ctx, name, 0, public_id, system_id, NULL);
}

/* Keeps the first error libxml2 reports instead of printing it. */
static void
keep_error(void *ctx, xmlError *error)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;
	size_t n;

	if (error == NULL || error->level < XML_ERR_ERROR || st->error_seen)
		return;
	st->error_seen = 1;
	st->line = error->line > 0 ? (unsigned long)error->line : 0;
	snprintf(st->msg, sizeof(st->msg), "%s",
	    error->message ? error->message : "malformed XML");
	n = strlen(st->msg);
	while (n > 0 && (st->msg[n - 1] == '\n' || st->msg[n - 1] == ' '))
		st->msg[--n] = '\0';
}

enum habar_status
habar__xml_parse(xmlDocPtr *doc_out, const char *xml, size_t len,
    unsigned long *line, char *msg, size_t msg_size,
    enum habar__xml_fault *fault)
{
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;
	struct parse_state st;
	enum habar__xml_fault why = HABAR__XML_MALFORMED;
	enum habar_status status = HABAR_ERR_INPUT;

	*doc_out = NULL;
	*line = 0;
	if (fault != NULL)
		*fault = why;
	memset(&st, 0, sizeof(st));
	if (len > INT_MAX || len > HABAR_PARALLEL_MAX_BYTES) {
		snprintf(msg, msg_size, "file too large");
		return HABAR_ERR_LIMIT;
	}
	/* Before libxml2, whose start tag parse is quadratic in attributes. */
	if (habar__xml_limits_check(xml, len, 0, line, msg, msg_size) !=
	    HABAR_OK) {
		if (fault != NULL)
			*fault = HABAR__XML_LIMIT;
		return HABAR_ERR_LIMIT;
	}
	xmlInitParser();
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		snprintf(msg, msg_size, "out of memory");
		return HABAR_ERR_NOMEM;
	}
	ctxt->_private = &st;
	ctxt->sax->entityDecl = refuse_entity;
	ctxt->sax->unparsedEntityDecl = refuse_unparsed;
	ctxt->sax->serror = keep_error;
	ctxt->sax->externalSubset = NULL;
	/* The options also set, whatever libxml2's global defaults say:
	 * no external subset, no validation, no entity substitution. */
	doc = xmlCtxtReadMemory(ctxt, xml, (int)len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (st.entity_seen) {
		*line = st.line;
		why = HABAR__XML_ENTITIES;
		snprintf(msg, msg_size, "%s", st.msg);
		goto done;
	}
	if (doc == NULL || !ctxt->wellFormed || st.error_seen) {
		*line = st.line;
		if (st.error_seen)
			snprintf(msg, msg_size, HABAR__XML_MALFORMED_PREFIX
			    ": %s", st.msg);
		else
			snprintf(msg, msg_size, HABAR__XML_MALFORMED_PREFIX);
		goto done;
	}
	if (doc->intSubset != NULL && doc->intSubset->entities != NULL) {
		why = HABAR__XML_ENTITIES;
		snprintf(msg, msg_size, "entity declarations are not allowed");
		goto done;
	}
	if (xmlDocGetRootElement(doc) == NULL) {
		why = HABAR__XML_NO_ROOT;
		snprintf(msg, msg_size, "no root element");
		goto done;
	}
	why = HABAR__XML_FINE;
	*doc_out = doc;
	doc = NULL;
	status = HABAR_OK;
done:
	if (fault != NULL)
		*fault = why;
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return status;
}

enum habar_status
habar__xml_parse_doc(xmlDocPtr *doc_out, const char *xml, size_t len,
    struct habar_parallel_error *err)
{
	unsigned long line;
	char msg[256];
	enum habar_status status;

	if (err != NULL) {
		err->line = 0;
		err->message[0] = '\0';
	}
	status = habar__xml_parse(doc_out, xml, len, &line, msg, sizeof(msg),
	    NULL);
	if (status != HABAR_OK && err != NULL) {
		err->line = line;
		snprintf(err->message, sizeof(err->message), "%s", msg);
	}
	return status;
}

int
habar__xml_is(const xmlNode *node, const char *ns, const char *name)
{
	if (node == NULL || node->type != XML_ELEMENT_NODE ||
	    strcmp((const char *)node->name, name) != 0)
		return 0;
	if (ns == NULL)
		return node->ns == NULL || node->ns->href == NULL;
	return node->ns != NULL && node->ns->href != NULL &&
	    strcmp((const char *)node->ns->href, ns) == 0;
}

xmlNode *
habar__xml_element(xmlNode *node, xmlNode **bad)
{
	const xmlChar *p;

	*bad = NULL;
	for (; node != NULL; node = node->next) {
		if (node->type == XML_ELEMENT_NODE)
			return node;
		if (node->type == XML_TEXT_NODE) {
			for (p = node->content; p != NULL && *p != '\0'; p++)
				if (*p != ' ' && *p != '\t' && *p != '\n' &&
				    *p != '\r')
					break;
			if (p != NULL && *p != '\0' && *bad == NULL)
				*bad = node;
			continue;
		}
		if (node->type == XML_COMMENT_NODE || node->type == XML_PI_NODE)
			continue;
		if (*bad == NULL)
			*bad = node;
	}
	return NULL;
}

/*
 * The id table: every paragraph and sentence id of the document, mapped to
 * its language, level and index, for uniqueness and for resolving refs.
 */
struct id_entry {
	const char *id;		/* borrowed from the document */
	unsigned char lang, level;
	size_t index;
};

struct reader {
	struct habar_parallel *doc;
	struct habar_parallel_error *err;
	struct id_entry *ids;
	size_t id_cap, id_count;
	size_t pos[2][HABAR_PARALLEL_MAX_LANGS];	/* next free item */
};

static enum habar_status
fail(struct reader *r, const xmlNode *node, enum habar_status status,
    const char *fmt, ...)
{
	va_list ap;

	if (r->err != NULL) {
		r->err->line = node != NULL ? (unsigned long)xmlGetLineNo(node) : 0;
		va_start(ap, fmt);
		vsnprintf(r->err->message, sizeof(r->err->message), fmt, ap);
		va_end(ap);
	}
	return status;
}

static uint64_t
hash_id(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static struct id_entry *
id_lookup(struct reader *r, const char *id, size_t len)
{
	size_t i;

	if (r->id_cap == 0)
		return NULL;
	i = (size_t)hash_id(id, len) & (r->id_cap - 1);
	while (r->ids[i].id != NULL) {
		if (strlen(r->ids[i].id) == len &&
		    memcmp(r->ids[i].id, id, len) == 0)
			return &r->ids[i];
		i = (i + 1) & (r->id_cap - 1);
	}
	return NULL;
}

static enum habar_status
id_insert(struct reader *r, const xmlNode *node, const char *id, size_t lang,
    int level, size_t index)
{
	struct id_entry *old = r->ids, *e;
	size_t old_cap = r->id_cap, i, j;

	if (id_lookup(r, id, strlen(id)) != NULL)
		return fail(r, node, HABAR_ERR_INPUT, "duplicate id '%.80s'", id);
	if ((r->id_count + 1) * 2 > r->id_cap) {
		r->id_cap = old_cap ? old_cap * 2 : 1024;
		if ((r->ids = calloc(r->id_cap, sizeof(*r->ids))) == NULL) {
			r->ids = old;
			r->id_cap = old_cap;
			return fail(r, node, HABAR_ERR_NOMEM, "out of memory");
		}
		for (i = 0; i < old_cap; i++) {
			if (old[i].id == NULL)
				continue;
			j = (size_t)hash_id(old[i].id, strlen(old[i].id)) &
			    (r->id_cap - 1);
			while (r->ids[j].id != NULL)
				j = (j + 1) & (r->id_cap - 1);
			r->ids[j] = old[i];
		}
		free(old);
	}
	i = (size_t)hash_id(id, strlen(id)) & (r->id_cap - 1);
	while (r->ids[i].id != NULL)
		i = (i + 1) & (r->id_cap - 1);
	e = &r->ids[i];
	e->id = id;
	e->lang = (unsigned char)lang;
	e->level = (unsigned char)level;
	e->index = index;
	r->id_count++;
	return HABAR_OK;
}

/* Returns the attribute's value (to free with xmlFree) or NULL. */
static char *
attr(const xmlNode *node, const char *name)
{
	return (char *)xmlGetNoNsProp(node, (const xmlChar *)name);
}

/* An id must be a non-empty token with no white space (refs split on it). */
static int
valid_id(const char *id)
{
	if (id == NULL || *id == '\0')
		return 0;
	for (; *id != '\0'; id++)
		if (*id == ' ' || *id == '\t' || *id == '\n' || *id == '\r')
			return 0;
	return 1;
}

static enum habar_status
read_meta(struct reader *r, xmlNode *meta, size_t li)
{
	xmlNode *n, *bad;
	char *key = NULL, *value = NULL;
	enum habar_status status = HABAR_OK;

	for (n = habar__xml_element(meta->children, &bad); n != NULL;
	    n = habar__xml_element(n->next, &bad)) {
		if (!habar__xml_is(n, HABAR_PARALLEL_NS, "field"))
			return fail(r, n, HABAR_ERR_INPUT,
			    "unexpected element <%s> in <meta>", n->name);
		if ((key = attr(n, "key")) == NULL || *key == '\0') {
			xmlFree(key);
			return fail(r, n, HABAR_ERR_INPUT, "<field> without key");
		}
		if ((value = (char *)xmlNodeGetContent(n)) == NULL) {
			xmlFree(key);
			return fail(r, n, HABAR_ERR_NOMEM, "out of memory");
		}
		status = habar_parallel_add_field(r->doc, li, key, value);
		xmlFree(key);
		xmlFree(value);
		if (status != HABAR_OK)
			return fail(r, n, status, "cannot store a field");
	}
	if (bad != NULL)
		return fail(r, bad, HABAR_ERR_INPUT, "text outside <field>");
	return HABAR_OK;
}

static enum habar_status
read_sentence(struct reader *r, xmlNode *s, size_t li)
{
	struct habar_parallel_language *l = &r->doc->languages[li];
	xmlNode *c;
	char *id = NULL, *text = NULL;
	enum habar_status status;

	for (c = s->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return fail(r, c, HABAR_ERR_INPUT,
			    "unexpected element <%s> in <s>", c->name);
	id = attr(s, "id");
	if (!valid_id(id)) {
		xmlFree(id);
		return fail(r, s, HABAR_ERR_INPUT, "<s> without a valid id");
	}
	if ((text = (char *)xmlNodeGetContent(s)) == NULL) {
		xmlFree(id);
		return fail(r, s, HABAR_ERR_NOMEM, "out of memory");
	}
	status = habar_parallel_add_sentence(r->doc, li, text, strlen(text), id);
	xmlFree(id);
	xmlFree(text);
	if (status != HABAR_OK)
		return fail(r, s, status, "cannot store a sentence");
	return id_insert(r, s, l->sentences[l->sentence_count - 1].id, li,
	    HABAR_PARALLEL_SENTENCES, l->sentence_count - 1);
}

static enum habar_status
read_text(struct reader *r, xmlNode *text)
{
	struct habar_parallel_language *l;
	xmlNode *n, *s, *bad;
	char *lang, *id;
	size_t li;
	enum habar_status status;

	lang = attr(text, "lang");
	if (lang == NULL || *lang == '\0') {
		xmlFree(lang);
		return fail(r, text, HABAR_ERR_INPUT, "<text> without lang");
	}
	status = habar_parallel_add_language(r->doc, lang, &li);
	if (status == HABAR_ERR_LIMIT)
		status = fail(r, text, HABAR_ERR_INPUT, "more than %d languages",
		    HABAR_PARALLEL_MAX_LANGS);
	else if (status == HABAR_ERR_ARGUMENT)
		status = fail(r, text, HABAR_ERR_INPUT,
		    "language '%.20s' given twice", lang);
	else if (status != HABAR_OK)
		status = fail(r, text, status, "out of memory");
	if (status != HABAR_OK) {
		xmlFree(lang);
		return status;
	}
	xmlFree(lang);
	l = &r->doc->languages[li];
	n = habar__xml_element(text->children, &bad);
	if (!habar__xml_is(n, HABAR_PARALLEL_NS, "meta"))
		return fail(r, n ? n : text, HABAR_ERR_INPUT,
		    "<text> must open with <meta>");
	if ((status = read_meta(r, n, li)) != HABAR_OK)
		return status;
	for (n = habar__xml_element(n->next, &bad); n != NULL;
	    n = habar__xml_element(n->next, &bad)) {
		if (!habar__xml_is(n, HABAR_PARALLEL_NS, "p"))
			return fail(r, n, HABAR_ERR_INPUT,
			    "unexpected element <%s> in <text>", n->name);
		id = attr(n, "id");
		if (!valid_id(id)) {
			xmlFree(id);
			return fail(r, n, HABAR_ERR_INPUT,
			    "<p> without a valid id");
		}
		status = habar_parallel_add_paragraph(r->doc, li, id);
		xmlFree(id);
		if (status != HABAR_OK)
			return fail(r, n, status, "cannot store a paragraph");
		status = id_insert(r, n, l->paragraphs[l->paragraph_count - 1].id,
		    li, HABAR_PARALLEL_PARAGRAPHS, l->paragraph_count - 1);
		if (status != HABAR_OK)
			return status;
		for (s = habar__xml_element(n->children, &bad); s != NULL;
		    s = habar__xml_element(s->next, &bad)) {
			if (!habar__xml_is(s, HABAR_PARALLEL_NS, "s"))
				return fail(r, s, HABAR_ERR_INPUT,
				    "unexpected element <%s> in <p>", s->name);
			if ((status = read_sentence(r, s, li)) != HABAR_OK)
				return status;
		}
		if (bad != NULL)
			return fail(r, bad, HABAR_ERR_INPUT, "text outside <s>");
		if (l->paragraphs[l->paragraph_count - 1].count == 0)
			return fail(r, n, HABAR_ERR_INPUT, "<p> without <s>");
	}
	if (bad != NULL)
		return fail(r, bad, HABAR_ERR_INPUT, "text outside <p>");
	return HABAR_OK;
}

static enum habar_status
read_attachments(struct reader *r, xmlNode *list)
{
	xmlNode *n, *bad;
	char *name;
	enum habar_status status;

	for (n = habar__xml_element(list->children, &bad); n != NULL;
	    n = habar__xml_element(n->next, &bad)) {
		if (!habar__xml_is(n, HABAR_PARALLEL_NS, "attachment"))
			return fail(r, n, HABAR_ERR_INPUT,
			    "unexpected element <%s> in <attachments>", n->name);
		name = attr(n, "name");
		if (name == NULL || *name == '\0') {
			xmlFree(name);
			return fail(r, n, HABAR_ERR_INPUT,
			    "<attachment> without name");
		}
		status = habar_parallel_add_attachment(r->doc, name);
		xmlFree(name);
		if (status != HABAR_OK)
			return fail(r, n, status, "cannot store an attachment");
	}
	if (bad != NULL)
		return fail(r, bad, HABAR_ERR_INPUT, "text in <attachments>");
	return HABAR_OK;
}

/* Resolves the refs of one side into a run of consecutive items. */
static enum habar_status
read_side(struct reader *r, xmlNode *side, size_t li, int level,
    struct habar_parallel_run *run)
{
	const char *p, *start;
	char *lang = NULL, *refs = NULL;
	struct id_entry *e;
	size_t expect = 0, n = 0;
	enum habar_status status = HABAR_OK;

	lang = attr(side, "lang");
	if (lang == NULL || strcmp(lang, r->doc->languages[li].lang) != 0) {
		status = fail(r, side, HABAR_ERR_INPUT,
		    "<side> %zu must have lang=\"%s\"", li + 1,
		    r->doc->languages[li].lang);
		goto done;
	}
	if ((refs = attr(side, "refs")) == NULL) {
		status = fail(r, side, HABAR_ERR_INPUT, "<side> without refs");
		goto done;
	}
	run->first = r->pos[level][li];
	run->count = 0;
	for (p = refs; *p != '\0';) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		start = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' &&
		    *p != '\r')
			p++;
		e = id_lookup(r, start, (size_t)(p - start));
		if (e == NULL || e->lang != li || e->level != level) {
			status = fail(r, side, HABAR_ERR_INPUT,
			    "reference '%.*s' names no %s of language %s",
			    (int)((p - start) > 80 ? 80 : (p - start)), start,
			    level == HABAR_PARALLEL_PARAGRAPHS ? "paragraph" :
			    "sentence", r->doc->languages[li].lang);
			goto done;
		}
		if (n == 0) {
			if (e->index < r->pos[level][li]) {
				status = fail(r, side, HABAR_ERR_INPUT,
				    "reference '%s' goes back over an earlier "
				    "link", e->id);
				goto done;
			}
			run->first = e->index;
		} else if (e->index != expect) {
			status = fail(r, side, HABAR_ERR_INPUT,
			    "references of a side must be consecutive, in order");
			goto done;
		}
		expect = e->index + 1;
		n++;
	}
	run->count = n;
	if (n > 0)
		r->pos[level][li] = expect;
done:
	xmlFree(lang);
	xmlFree(refs);
	return status;
}

static enum habar_status
read_links(struct reader *r, xmlNode *list, int level)
{
	struct habar_parallel_run runs[HABAR_PARALLEL_MAX_LANGS];
	xmlNode *n, *side, *bad;
	char *type = NULL, *conf = NULL, *end;
	double confidence;
	size_t k;
	enum habar_status status = HABAR_OK;

	for (n = habar__xml_element(list->children, &bad); n != NULL;
	    n = habar__xml_element(n->next, &bad)) {
		if (!habar__xml_is(n, HABAR_PARALLEL_NS, "link"))
			return fail(r, n, HABAR_ERR_INPUT,
			    "unexpected element <%s> in <%s>", n->name, list->name);
		type = attr(n, "type");
		conf = attr(n, "confidence");
		errno = 0;
		confidence = conf != NULL ? strtod(conf, &end) : -1.0;
		if (conf == NULL || end == conf || *end != '\0' || errno != 0 ||
		    !(confidence >= 0.0 && confidence <= 1.0)) {
			status = fail(r, n, HABAR_ERR_INPUT,
			    "<link> needs a confidence between 0 and 1");
			goto done;
		}
		side = habar__xml_element(n->children, &bad);
		for (k = 0; k < r->doc->language_count; k++) {
			if (!habar__xml_is(side, HABAR_PARALLEL_NS, "side")) {
				status = fail(r, side ? side : n, HABAR_ERR_INPUT,
				    "<link> needs one <side> per language");
				goto done;
			}
			status = read_side(r, side, k, level, &runs[k]);
			if (status != HABAR_OK)
				goto done;
			side = habar__xml_element(side->next, &bad);
		}
		if (side != NULL || bad != NULL) {
			status = fail(r, side ? side : bad, HABAR_ERR_INPUT,
			    "unexpected content in <link>");
			goto done;
		}
		status = habar_parallel_add_link(r->doc, (enum habar_parallel_level)
		    level, runs, confidence);
		if (status != HABAR_OK) {
			status = fail(r, n, status, "cannot store a link");
			goto done;
		}
		if (type == NULL || strcmp(type, r->doc->links[level]
		    [r->doc->link_count[level] - 1].type) != 0) {
			status = fail(r, n, HABAR_ERR_INPUT,
			    "link type '%.20s' does not match its sides ('%s')",
			    type ? type : "", r->doc->links[level]
			    [r->doc->link_count[level] - 1].type);
			goto done;
		}
		xmlFree(type);
		xmlFree(conf);
		type = conf = NULL;
	}
	if (bad != NULL)
		return fail(r, bad, HABAR_ERR_INPUT, "text in <%s>", list->name);
done:
	xmlFree(type);
	xmlFree(conf);
	return status;
}

static enum habar_status
read_alignment(struct reader *r, xmlNode *al)
{
	xmlNode *n, *bad;
	char *method;
	enum habar_status status;

	if ((method = attr(al, "method")) != NULL) {
		status = habar_parallel_set(r->doc, "method", method);
		xmlFree(method);
		if (status != HABAR_OK)
			return fail(r, al, status, "out of memory");
	}
	n = habar__xml_element(al->children, &bad);
	if (!habar__xml_is(n, HABAR_PARALLEL_NS, "paragraphs"))
		return fail(r, n ? n : al, HABAR_ERR_INPUT,
		    "<alignment> must hold <paragraphs>, then <sentences>");
	if ((status = read_links(r, n, HABAR_PARALLEL_PARAGRAPHS)) != HABAR_OK)
		return status;
	n = habar__xml_element(n->next, &bad);
	if (!habar__xml_is(n, HABAR_PARALLEL_NS, "sentences"))
		return fail(r, n ? n : al, HABAR_ERR_INPUT,
		    "<alignment> must hold <paragraphs>, then <sentences>");
	if ((status = read_links(r, n, HABAR_PARALLEL_SENTENCES)) != HABAR_OK)
		return status;
	n = habar__xml_element(n->next, &bad);
	if (n != NULL || bad != NULL)
		return fail(r, n ? n : bad, HABAR_ERR_INPUT,
		    "unexpected content after <sentences>");
	return HABAR_OK;
}

static enum habar_status
read_root(struct reader *r, xmlNode *root)
{
	xmlNode *n, *bad;
	char *v;
	enum habar_status status;

	if (!habar__xml_is(root, HABAR_PARALLEL_NS, "parallel"))
		return fail(r, root, HABAR_ERR_INPUT,
		    "not a parallel document (root <parallel> in namespace %s "
		    "expected)", HABAR_PARALLEL_NS);
	v = attr(root, "version");
	if (v == NULL || strcmp(v, "1") != 0) {
		xmlFree(v);
		return fail(r, root, HABAR_ERR_INPUT,
		    "unsupported version (1 expected)");
	}
	xmlFree(v);
	if ((v = attr(root, "id")) != NULL) {
		status = habar_parallel_set(r->doc, "id", v);
		xmlFree(v);
		if (status != HABAR_OK)
			return fail(r, root, status, "out of memory");
	}
	if ((v = attr(root, "date")) != NULL) {
		status = habar_parallel_set(r->doc, "date", v);
		xmlFree(v);
		if (status != HABAR_OK)
			return fail(r, root, status, "out of memory");
	}
	n = habar__xml_element(root->children, &bad);
	while (habar__xml_is(n, HABAR_PARALLEL_NS, "text")) {
		if ((status = read_text(r, n)) != HABAR_OK)
			return status;
		n = habar__xml_element(n->next, &bad);
	}
	if (r->doc->language_count < 2)
		return fail(r, n ? n : root, HABAR_ERR_INPUT,
		    "a parallel document needs two or three <text> elements");
	if (!habar__xml_is(n, HABAR_PARALLEL_NS, "attachments"))
		return fail(r, n ? n : root, HABAR_ERR_INPUT,
		    "<attachments> expected after the texts");
	if ((status = read_attachments(r, n)) != HABAR_OK)
		return status;
	n = habar__xml_element(n->next, &bad);
	if (!habar__xml_is(n, HABAR_PARALLEL_NS, "alignment"))
		return fail(r, n ? n : root, HABAR_ERR_INPUT,
		    "<alignment> expected after <attachments>");
	if ((status = read_alignment(r, n)) != HABAR_OK)
		return status;
	n = habar__xml_element(n->next, &bad);
	if (n != NULL || bad != NULL)
		return fail(r, n ? n : bad, HABAR_ERR_INPUT,
		    "unexpected content after <alignment>");
	return HABAR_OK;
}

enum habar_status
habar_parallel_read(struct habar_parallel **doc_out, const char *xml,
    size_t len, struct habar_parallel_error *err)
{
	struct reader r;
	xmlDocPtr xdoc = NULL;
	enum habar_status status;

	*doc_out = NULL;
	memset(&r, 0, sizeof(r));
	r.err = err;
	if ((status = habar__xml_parse_doc(&xdoc, xml, len, err)) != HABAR_OK)
		return status;
	if ((status = habar_parallel_new(&r.doc)) != HABAR_OK)
		goto done;
	status = read_root(&r, xmlDocGetRootElement(xdoc));
done:
	free(r.ids);
	xmlFreeDoc(xdoc);
	if (status != HABAR_OK) {
		habar_parallel_free(r.doc);
		return status;
	}
	*doc_out = r.doc;
	return HABAR_OK;
}

enum habar_status
habar_parallel_read_file(struct habar_parallel **doc_out, FILE *fp,
    struct habar_parallel_error *err)
{
	char *buf;
	size_t len;
	enum habar_status status;

	*doc_out = NULL;
	status = habar__read_all(&buf, &len, fp, HABAR_PARALLEL_MAX_BYTES);
	if (status == HABAR_ERR_LIMIT || status == HABAR_ERR_IO) {
		if (err != NULL) {
			err->line = 0;
			if (status == HABAR_ERR_LIMIT)
				snprintf(err->message, sizeof(err->message),
				    "file larger than %u bytes",
				    HABAR_PARALLEL_MAX_BYTES);
			else
				snprintf(err->message, sizeof(err->message),
				    "read error");
		}
		return status;
	}
	if (status != HABAR_OK)
		return status;
	status = habar_parallel_read(doc_out, buf, len, err);
	free(buf);
	return status;
}
