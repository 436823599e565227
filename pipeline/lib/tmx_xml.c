/*
 * tmx_xml.c: the streaming reader of habar/tmx.h, over libxml2's
 * xmlTextReader, and habar_tmx_add_xml() on top of it.
 *
 * A merged memory can be far larger than the parallel documents it was
 * made of, so a TMX file is read node by node and only the unit being
 * read is held.  Every chunk is scanned before libxml2 sees it for a
 * start tag of too many attributes (xml_limits_internal.h).  A document
 * type that declares entities is refused by what the parser read of it,
 * before the root element's content, as the DOM parse of parallel_xml.c
 * refuses it.  The reader runs with no network, no DTD loading and no
 * entity substitution.
 * The root element decides the kind at once: a parallel document (small:
 * one release) is then read whole and parsed by habar_parallel_read(), a
 * TMX file streamed, anything else refused.
 *
 * Inline codes of a segment (bpt, ept, it, ph, ut: the formatting of the
 * original document) are left out of the text; hi and sub keep theirs.
 * What a unit carries besides its texts (the attributes the TMX 1.4 DTD
 * gives <tu> and <tuv>, their <prop> and <note>) is kept, so that a merge
 * loses nothing the tools that wrote them (OmegaT's dates...) put there.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/xmlreader.h>

#include <habar/parallel.h>
#include <habar/tmx.h>

#include "grow_internal.h"
#include "parallel_xml.h"
#include "tmx_internal.h"
#include "xml_limits_internal.h"

/* The attributes the TMX 1.4 DTD gives <tu> and <tuv> besides xml:lang;
 * others would make the output invalid, so they are not kept. */
static const char tu_attrs[] = " tuid o-encoding datatype usagecount "
    "lastusagedate creationtool creationtoolversion creationid changedate "
    "segtype changeid o-tmf srclang ";
static const char tuv_attrs[] = " o-encoding datatype usagecount "
    "lastusagedate creationtool creationtoolversion creationdate creationid "
    "changedate o-tmf changeid ";

struct text {
	char *buf;
	size_t len, cap;
};

struct habar_tmx_reader {
	/* The input: a stream or bytes in memory. */
	FILE *fp;
	const char *mem;
	size_t mem_len, mem_pos;
	long long size;		/* of a regular file, or -1 */
	struct habar__xml_scan scan;
	enum habar_status scan_status;	/* the scan's refusal, or HABAR_OK */
	unsigned long scan_line;
	char scan_msg[200];
	int read_errno;		/* a read error, or 0 */
	/* Until the root is known, a stream's bytes are kept: a parallel
	 * document is parsed whole from them. */
	int tee;
	char *head;
	size_t head_len, head_cap;
	int tee_full;
	xmlTextReaderPtr xr;
	xmlDocPtr kept_doc;	/* the reader's document, ours to free */
	int xml_error;
	unsigned long xml_line;
	char xml_msg[200];
	/* A parallel document and its next link. */
	struct habar_parallel *doc;
	size_t link;
	int at_end;
	char *tool;		/* the header's creationtool, or NULL */
	/* The unit being read and given out. */
	struct habar_tmx_unit unit;
	size_t unit_bytes;
	enum habar_status failed;
	struct habar_parallel_error fail_err;
};

static enum habar_status
fail(struct habar_tmx_reader *r, unsigned long line, enum habar_status status,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Records a failure (the first one stays) and returns its status. */
static enum habar_status
fail(struct habar_tmx_reader *r, unsigned long line, enum habar_status status,
    const char *fmt, ...)
{
	va_list ap;

	if (r->failed != HABAR_OK)
		return r->failed;
	r->failed = status;
	r->fail_err.line = line;
	va_start(ap, fmt);
	vsnprintf(r->fail_err.message, sizeof(r->fail_err.message), fmt, ap);
	va_end(ap);
	return status;
}

static unsigned long
line_now(struct habar_tmx_reader *r)
{
	int line = r->xr != NULL ? xmlTextReaderGetParserLineNumber(r->xr) : 0;

	return line > 0 ? (unsigned long)line : 0;
}

static int declares_entities(struct habar_tmx_reader *r);

/* The failure after libxml2 stopped: the scan's, a read error, entities
 * declared (whose use may be what stopped it), or its own. */
static enum habar_status
fail_parse(struct habar_tmx_reader *r)
{
	if (r->scan_status != HABAR_OK)
		return fail(r, r->scan_line, r->scan_status, "%s", r->scan_msg);
	if (r->read_errno != 0)
		return fail(r, 0, HABAR_ERR_IO, "read error: %s",
		    strerror(r->read_errno));
	if (declares_entities(r))
		return r->failed;
	if (r->xml_error)
		return fail(r, r->xml_line, HABAR_ERR_INPUT,
		    HABAR__XML_MALFORMED_PREFIX ": %s", r->xml_msg);
	return fail(r, line_now(r), HABAR_ERR_INPUT,
	    HABAR__XML_MALFORMED_PREFIX);
}

/* Keeps libxml2's first error instead of printing it. */
static void
keep_error(void *arg, xmlErrorPtr error)
{
	struct habar_tmx_reader *r = arg;
	size_t n;

	if (error == NULL || error->level < XML_ERR_ERROR || r->xml_error)
		return;
	r->xml_error = 1;
	r->xml_line = error->line > 0 ? (unsigned long)error->line : 0;
	snprintf(r->xml_msg, sizeof(r->xml_msg), "%s",
	    error->message != NULL ? error->message : "malformed XML");
	n = strlen(r->xml_msg);
	while (n > 0 && (r->xml_msg[n - 1] == '\n' || r->xml_msg[n - 1] == ' '))
		r->xml_msg[--n] = '\0';
}

/* Where libxml2 takes its bytes: from the input, through the scans. */
static int
read_input(void *ctx, char *buf, int len)
{
	struct habar_tmx_reader *r = ctx;
	size_t n;

	if (len <= 0)
		return 0;
	if (r->fp != NULL) {
		n = fread(buf, 1, (size_t)len, r->fp);
		if (n == 0 && ferror(r->fp)) {
			r->read_errno = errno != 0 ? errno : EIO;
			return -1;
		}
	} else {
		n = r->mem_len - r->mem_pos;
		if (n > (size_t)len)
			n = (size_t)len;
		memcpy(buf, r->mem + r->mem_pos, n);
		r->mem_pos += n;
	}
	if (r->scan_status != HABAR_OK)
		return -1;
	if ((r->scan_status = habar__xml_scan_feed(&r->scan, buf, n,
	    r->scan_msg, sizeof(r->scan_msg))) != HABAR_OK) {
		r->scan_line = r->scan.tag_line;
		return -1;
	}
	if (r->tee && !r->tee_full && n > 0) {
		if (r->head_len + n > HABAR_PARALLEL_MAX_BYTES ||
		    habar__grow((void **)&r->head, &r->head_cap,
		    r->head_len + n + 1, 1, 65536) != HABAR_OK)
			r->tee_full = 1;
		else {
			memcpy(r->head + r->head_len, buf, n);
			r->head_len += n;
		}
	}
	return (int)n;
}

static const char *
name_of(struct habar_tmx_reader *r)
{
	const xmlChar *name = xmlTextReaderConstLocalName(r->xr);

	return name != NULL ? (const char *)name : "";
}

/* Whether the current node is an element (start tag) named name, in no
 * namespace. */
static int
is_element(struct habar_tmx_reader *r, const char *name)
{
	return xmlTextReaderNodeType(r->xr) == XML_READER_TYPE_ELEMENT &&
	    xmlTextReaderConstNamespaceUri(r->xr) == NULL &&
	    strcmp(name_of(r), name) == 0;
}

/* Reads the next node: 1, or 0 at the end, or a failure recorded. */
static int
advance(struct habar_tmx_reader *r)
{
	int ret = xmlTextReaderRead(r->xr);

	if (ret < 0 || r->xml_error || r->scan_status != HABAR_OK) {
		fail_parse(r);
		return -1;
	}
	if (ret == 1 && xmlTextReaderNodeType(r->xr) ==
	    XML_READER_TYPE_ENTITY_REFERENCE) {
		fail(r, line_now(r), HABAR_ERR_INPUT, "entity reference "
		    "refused (entities are not allowed)");
		return -1;
	}
	return ret;
}

/* Reads up to the next element at depth or the end tag at depth - 1
 * (*end set); character data and comments between are skipped. */
static int
next_child(struct habar_tmx_reader *r, int depth, int *end)
{
	int ret, type;

	*end = 0;
	while ((ret = advance(r)) == 1) {
		type = xmlTextReaderNodeType(r->xr);
		if (type == XML_READER_TYPE_ELEMENT &&
		    xmlTextReaderDepth(r->xr) == depth)
			return 1;
		if (type == XML_READER_TYPE_END_ELEMENT &&
		    xmlTextReaderDepth(r->xr) == depth - 1) {
			*end = 1;
			return 1;
		}
	}
	return ret;
}

static enum habar_status
text_add(struct habar_tmx_reader *r, struct text *t, const char *s)
{
	size_t n = strlen(s);
	enum habar_status status;

	if (r->unit_bytes + n > HABAR_TMX_MAX_UNIT_BYTES)
		return fail(r, line_now(r), HABAR_ERR_LIMIT,
		    "a unit larger than %u bytes", HABAR_TMX_MAX_UNIT_BYTES);
	if ((status = habar__grow((void **)&t->buf, &t->cap, t->len + n + 1, 1,
	    64)) != HABAR_OK)
		return fail(r, line_now(r), status, "out of memory");
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
	r->unit_bytes += n;
	return HABAR_OK;
}

/*
 * Reads the text of the element at the current node, whose content ends
 * at its end tag; inline codes (any element but hi and sub) are left
 * out with their content.  The text is stored in *out (never NULL on
 * success).
 */
static enum habar_status
read_text(struct habar_tmx_reader *r, char **out)
{
	struct text t = { NULL, 0, 0 };
	int depth = xmlTextReaderDepth(r->xr), skip = -1, type, d, ret;
	enum habar_status status = HABAR_OK;
	const char *v;

	*out = NULL;
	if ((status = text_add(r, &t, "")) != HABAR_OK)
		goto done;
	if (xmlTextReaderIsEmptyElement(r->xr))
		goto done;
	while ((ret = advance(r)) == 1) {
		type = xmlTextReaderNodeType(r->xr);
		d = xmlTextReaderDepth(r->xr);
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (d == depth)
				break;
			if (d == skip)
				skip = -1;
			continue;
		}
		if (skip >= 0)
			continue;
		if (type == XML_READER_TYPE_ELEMENT) {
			if (!xmlTextReaderIsEmptyElement(r->xr) &&
			    strcmp(name_of(r), "hi") != 0 &&
			    strcmp(name_of(r), "sub") != 0)
				skip = d;
			continue;
		}
		if (type == XML_READER_TYPE_TEXT ||
		    type == XML_READER_TYPE_CDATA ||
		    type == XML_READER_TYPE_WHITESPACE ||
		    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
			v = (const char *)xmlTextReaderConstValue(r->xr);
			if (v != NULL && (status = text_add(r, &t, v)) !=
			    HABAR_OK)
				goto done;
		}
	}
	if (ret != 1)
		status = r->failed != HABAR_OK ? r->failed : fail_parse(r);
done:
	if (status != HABAR_OK)
		free(t.buf);
	else
		*out = t.buf;
	return status;
}

/* A copy of the current element's attribute name (with its prefix, as
 * "xml:lang"), or NULL; *bad is set when memory runs out. */
static char *
attr_dup(struct habar_tmx_reader *r, const char *name, int *bad)
{
	xmlChar *got = xmlTextReaderGetAttribute(r->xr, (const xmlChar *)name);
	char *copy;

	if (got == NULL)
		return NULL;
	if ((copy = strdup((const char *)got)) == NULL)
		*bad = 1;
	xmlFree(got);
	return copy;
}

/* Whether name is in list, a string of names between spaces. */
static int
listed(const char *list, const char *name)
{
	const char *p;
	size_t n = strlen(name);

	for (p = strstr(list, name); p != NULL; p = strstr(p + 1, name))
		if (p[-1] == ' ' && p[n] == ' ')
			return 1;
	return 0;
}

/* Stores the current element's attributes that list names (and that
 * skip does not) in *attrs_out, *count_out. */
static enum habar_status
read_attrs(struct habar_tmx_reader *r, const char *list, const char *skip,
    struct habar_tmx_attr **attrs_out, size_t *count_out)
{
	struct habar_tmx_attr *a = NULL;
	const char *name, *value;
	size_t n = 0, cap = 0;
	int ret;
	enum habar_status status = HABAR_OK;

	for (ret = xmlTextReaderMoveToFirstAttribute(r->xr); ret == 1;
	    ret = xmlTextReaderMoveToNextAttribute(r->xr)) {
		name = (const char *)xmlTextReaderConstName(r->xr);
		value = (const char *)xmlTextReaderConstValue(r->xr);
		if (name == NULL || value == NULL || !listed(list, name) ||
		    (skip != NULL && strcmp(name, skip) == 0))
			continue;
		if ((status = habar__grow((void **)&a, &cap, n + 1, sizeof(*a),
		    4)) != HABAR_OK)
			break;
		a[n].name = strdup(name);
		a[n].value = strdup(value);
		n++;
		if (a[n - 1].name == NULL || a[n - 1].value == NULL) {
			status = HABAR_ERR_NOMEM;
			break;
		}
	}
	xmlTextReaderMoveToElement(r->xr);
	*attrs_out = a;
	*count_out = n;
	if (status != HABAR_OK)
		return fail(r, line_now(r), status, "out of memory");
	return HABAR_OK;
}

static void
prop_clear(struct habar_tmx_prop *p)
{
	free(p->type);
	free(p->lang);
	free(p->encoding);
	free(p->text);
	memset(p, 0, sizeof(*p));
}

/* Reads the <prop> or <note> at the current node into one and, unless
 * props is NULL, appends it to *props (*count of them). */
static enum habar_status
read_prop(struct habar_tmx_reader *r, struct habar_tmx_prop **props,
    size_t *count, struct habar_tmx_prop *one)
{
	void *p;
	int bad = 0, is_note = strcmp(name_of(r), "note") == 0;
	enum habar_status status;

	memset(one, 0, sizeof(*one));
	if (!is_note && (one->type = attr_dup(r, "type", &bad)) == NULL &&
	    !bad && (one->type = strdup("")) == NULL)
		bad = 1;
	if ((one->lang = attr_dup(r, "xml:lang", &bad)) == NULL && !bad)
		one->lang = attr_dup(r, "lang", &bad);
	one->encoding = attr_dup(r, "o-encoding", &bad);
	if (bad) {
		status = fail(r, line_now(r), HABAR_ERR_NOMEM, "out of memory");
		goto fail;
	}
	if ((status = read_text(r, &one->text)) != HABAR_OK)
		goto fail;
	if (props == NULL)
		return HABAR_OK;	/* the caller takes it */
	if ((p = realloc(*props, (*count + 1) * sizeof(**props))) == NULL) {
		status = fail(r, line_now(r), HABAR_ERR_NOMEM, "out of memory");
		goto fail;
	}
	*props = p;
	(*props)[(*count)++] = *one;
	return HABAR_OK;
fail:
	prop_clear(one);
	return status;
}

/* Reads the <tuv> at the current node into v. */
static enum habar_status
read_tuv(struct habar_tmx_reader *r, struct habar_tmx_variant *v)
{
	struct habar_tmx_prop one;
	unsigned long line = line_now(r);
	int depth = xmlTextReaderDepth(r->xr), end, bad = 0;
	char *junk;
	enum habar_status status;

	if ((v->lang = attr_dup(r, "xml:lang", &bad)) == NULL && !bad)
		v->lang = attr_dup(r, "lang", &bad);
	if (bad)
		return fail(r, line, HABAR_ERR_NOMEM, "out of memory");
	if (v->lang == NULL || *v->lang == '\0')
		return fail(r, line, HABAR_ERR_INPUT, "<tuv> without xml:lang");
	if ((status = read_attrs(r, tuv_attrs, NULL, &v->attrs,
	    &v->attr_count)) != HABAR_OK)
		return status;
	if (xmlTextReaderIsEmptyElement(r->xr))
		return fail(r, line, HABAR_ERR_INPUT, "<tuv> without <seg>");
	while (next_child(r, depth + 1, &end) == 1 && !end) {
		if (is_element(r, "prop") || is_element(r, "note"))
			status = read_prop(r, &v->props, &v->prop_count, &one);
		else if (is_element(r, "seg") && v->text == NULL)
			status = read_text(r, &v->text);
		else if ((status = read_text(r, &junk)) == HABAR_OK)
			free(junk);	/* nothing TMX puts there */
		if (status != HABAR_OK)
			return status;
	}
	if (r->failed != HABAR_OK)
		return r->failed;
	if (v->text == NULL)
		return fail(r, line, HABAR_ERR_INPUT, "<tuv> without <seg>");
	return HABAR_OK;
}

/* Reads the <tu> at the current node into r->unit. */
static enum habar_status
read_tu(struct habar_tmx_reader *r)
{
	struct habar_tmx_unit *u = &r->unit;
	struct habar_tmx_prop one;
	int depth = xmlTextReaderDepth(r->xr), end, bad = 0;
	char *stop;
	double c;
	enum habar_status status;

	memset(u, 0, sizeof(*u));
	u->confidence = -1.0;
	r->unit_bytes = 0;
	if ((u->variants = calloc(HABAR_TMX_MAX_VARIANTS,
	    sizeof(*u->variants))) == NULL)
		return fail(r, line_now(r), HABAR_ERR_NOMEM, "out of memory");
	u->date = attr_dup(r, "creationdate", &bad);
	if (bad)
		return fail(r, line_now(r), HABAR_ERR_NOMEM, "out of memory");
	if ((status = read_attrs(r, tu_attrs, NULL, &u->attrs,
	    &u->attr_count)) != HABAR_OK)
		return status;
	if (xmlTextReaderIsEmptyElement(r->xr))
		return HABAR_OK;
	while (next_child(r, depth + 1, &end) == 1 && !end) {
		if (is_element(r, "prop") || is_element(r, "note")) {
			if ((status = read_prop(r, NULL, NULL, &one)) != HABAR_OK)
				return status;
			if (one.type != NULL && u->release_id == NULL &&
			    strcmp(one.type, "x-release-id") == 0) {
				u->release_id = one.text;
				one.text = NULL;
			} else if (one.type != NULL && u->confidence < 0.0 &&
			    strcmp(one.type, "x-habar-confidence") == 0 &&
			    (c = strtod(one.text, &stop), stop != one.text) &&
			    *stop == '\0' && c >= 0.0 && c <= 1.0) {
				u->confidence = c;
			} else {
				void *p = realloc(u->props, (u->prop_count + 1) *
				    sizeof(*u->props));
				if (p == NULL) {
					prop_clear(&one);
					return fail(r, line_now(r),
					    HABAR_ERR_NOMEM, "out of memory");
				}
				u->props = p;
				u->props[u->prop_count++] = one;
				continue;
			}
			prop_clear(&one);
		} else if (is_element(r, "tuv")) {
			if (u->variant_count == HABAR_TMX_MAX_VARIANTS)
				return fail(r, line_now(r), HABAR_ERR_LIMIT,
				    "more than %d <tuv> in a <tu>",
				    HABAR_TMX_MAX_VARIANTS);
			/* Counted first, so that a failure frees it too. */
			status = read_tuv(r, &u->variants[u->variant_count++]);
			if (status != HABAR_OK)
				return status;
		} else
			return fail(r, line_now(r), HABAR_ERR_INPUT,
			    "unexpected element <%s> in <tu>", name_of(r));
	}
	return r->failed;
}

/* Reads the rest of a stream into r->head through the scan, for a
 * parallel document. */
static enum habar_status
read_rest(struct habar_tmx_reader *r)
{
	char buf[65536];
	int n;

	while ((n = read_input(r, buf, (int)sizeof(buf))) > 0)
		if (r->tee_full)
			break;
	if (n < 0)
		return fail_parse(r);
	if (r->tee_full)
		return fail(r, 0, HABAR_ERR_LIMIT, "file larger than %u bytes",
		    HABAR_PARALLEL_MAX_BYTES);
	return HABAR_OK;
}

/* The root is a parallel document: read it whole. */
static enum habar_status
open_parallel(struct habar_tmx_reader *r)
{
	struct habar_parallel_error perr;
	enum habar_status status;

	if (r->size > (long long)HABAR_PARALLEL_MAX_BYTES)
		return fail(r, 0, HABAR_ERR_LIMIT, "file larger than %u bytes",
		    HABAR_PARALLEL_MAX_BYTES);
	if (r->fp != NULL && (status = read_rest(r)) != HABAR_OK)
		return status;
	xmlFreeTextReader(r->xr);
	r->xr = NULL;
	memset(&perr, 0, sizeof(perr));
	status = r->fp != NULL ?
	    habar_parallel_read(&r->doc, r->head, r->head_len, &perr) :
	    habar_parallel_read(&r->doc, r->mem, r->mem_len, &perr);
	free(r->head);
	r->head = NULL;
	if (status != HABAR_OK)
		return fail(r, perr.line, status, "%s", perr.message[0] != '\0' ?
		    perr.message : habar_status_string(status));
	return HABAR_OK;
}

/* The root is <tmx>: past the header, into the body. */
static enum habar_status
open_tmx(struct habar_tmx_reader *r)
{
	char *junk;
	int end;
	enum habar_status status;

	r->tee = 0;
	free(r->head);
	r->head = NULL;
	if (xmlTextReaderIsEmptyElement(r->xr) ||
	    next_child(r, 1, &end) != 1 || end || !is_element(r, "header")) {
		if (r->failed != HABAR_OK)
			return r->failed;
		return fail(r, line_now(r), HABAR_ERR_INPUT,
		    "<tmx> must open with <header>");
	}
	/* The tool that made the file says what a unit without a
	 * confidence is worth (habar-xliff's trust). */
	{
		int bad = 0;

		r->tool = attr_dup(r, "creationtool", &bad);
		if (bad)
			return fail(r, line_now(r), HABAR_ERR_NOMEM,
			    "out of memory");
	}
	/* The header's notes, properties and character maps are not the
	 * memory's: they are read past. */
	if ((status = read_text(r, &junk)) != HABAR_OK)
		return status;
	free(junk);
	if (next_child(r, 1, &end) != 1 || end || !is_element(r, "body")) {
		if (r->failed != HABAR_OK)
			return r->failed;
		return fail(r, line_now(r), HABAR_ERR_INPUT,
		    "<body> expected after <header>");
	}
	r->at_end = xmlTextReaderIsEmptyElement(r->xr);
	return HABAR_OK;
}

/*
 * Entities are refused by what the parser read, not by a search of the
 * bytes: a search for "<!ENTITY" also met the words in a comment.  The
 * reader hands out the document type before the root element, its
 * internal subset parsed by then (no entity substituted, nothing loaded:
 * no XML_PARSE_NOENT, no DTD loading), so a declaration in it is refused
 * before any content that could use it is read.  Returns 0 or the
 * refusal.
 */
static int
declares_entities(struct habar_tmx_reader *r)
{
	xmlNodePtr node = r->xr != NULL ? xmlTextReaderCurrentNode(r->xr) :
	    NULL;
	xmlDocPtr doc = node != NULL ? node->doc : NULL;
	xmlDtdPtr dtd;
	xmlNodePtr d;
	long line;

	/* Before the reader's first node (its parse stopped in the
	 * prolog), only the document itself says; asking for it keeps it
	 * from the reader's clean-up, so it is freed on closing. */
	if (node == NULL && r->xr != NULL && r->kept_doc == NULL)
		doc = r->kept_doc = xmlTextReaderCurrentDoc(r->xr);
	dtd = doc != NULL ? doc->intSubset : NULL;
	if (dtd == NULL || (dtd->entities == NULL && dtd->pentities == NULL))
		return 0;
	for (d = dtd->children; d != NULL; d = d->next)
		if (d->type == XML_ENTITY_DECL)
			break;
	/* libxml2 keeps no line for a declaration: the line given is the
	 * root element's, right after the document type, when it is read. */
	line = dtd->next != NULL ? xmlGetLineNo(dtd->next) : -1;
	return (int)fail(r, line > 0 ? (unsigned long)line : line_now(r),
	    HABAR_ERR_INPUT, "entity declaration '%.60s' in the document "
	    "type refused (entities are not allowed)", d != NULL &&
	    d->name != NULL ? (const char *)d->name : "");
}

static enum habar_status
open_common(struct habar_tmx_reader *r)
{
	int ret;

	habar__xml_scan_init(&r->scan, 0);
	xmlInitParser();
	r->xr = xmlReaderForIO(read_input, NULL, r, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (r->xr == NULL) {
		if (r->scan_status != HABAR_OK || r->read_errno != 0)
			return fail_parse(r);
		return fail(r, 0, HABAR_ERR_NOMEM, "out of memory");
	}
	xmlTextReaderSetStructuredErrorHandler(r->xr, keep_error, r);
	while ((ret = advance(r)) == 1 &&
	    xmlTextReaderNodeType(r->xr) != XML_READER_TYPE_ELEMENT)
		if (xmlTextReaderNodeType(r->xr) ==
		    XML_READER_TYPE_DOCUMENT_TYPE && declares_entities(r))
			return r->failed;
	if (ret < 0)
		return r->failed;
	if (ret == 0)
		return fail(r, line_now(r), HABAR_ERR_INPUT, "no root element");
	if (declares_entities(r))
		return r->failed;
	if (strcmp(name_of(r), "parallel") == 0 &&
	    xmlTextReaderConstNamespaceUri(r->xr) != NULL &&
	    strcmp((const char *)xmlTextReaderConstNamespaceUri(r->xr),
	    HABAR_PARALLEL_NS) == 0)
		return open_parallel(r);
	if (is_element(r, "tmx"))
		return open_tmx(r);
	return fail(r, line_now(r), HABAR_ERR_INPUT, "neither a parallel "
	    "document nor a TMX file (root element <%s>)", name_of(r));
}

/* Ends an open that failed: err gets why, the reader goes. */
static enum habar_status
open_done(struct habar_tmx_reader **reader_out, struct habar_tmx_reader *r,
    enum habar_status status, struct habar_parallel_error *err)
{
	if (status != HABAR_OK) {
		if (err != NULL)
			*err = r->fail_err;
		habar_tmx_reader_close(r);
		return status;
	}
	*reader_out = r;
	return HABAR_OK;
}

enum habar_status
habar_tmx_reader_open(struct habar_tmx_reader **reader_out, FILE *fp,
    struct habar_parallel_error *err)
{
	struct habar_tmx_reader *r;
	struct stat st;

	*reader_out = NULL;
	if (err != NULL)
		memset(err, 0, sizeof(*err));
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return HABAR_ERR_NOMEM;
	r->fp = fp;
	r->tee = 1;
	r->size = -1;
	/* A regular file's size is known before reading it, so a parallel
	 * document too large to parse is refused at once. */
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode))
		r->size = (long long)st.st_size;
	return open_done(reader_out, r, open_common(r), err);
}

enum habar_status
habar_tmx_reader_open_memory(struct habar_tmx_reader **reader_out,
    const char *xml, size_t len, struct habar_parallel_error *err)
{
	struct habar_tmx_reader *r;

	*reader_out = NULL;
	if (err != NULL)
		memset(err, 0, sizeof(*err));
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return HABAR_ERR_NOMEM;
	r->mem = xml;
	r->mem_len = len;
	r->size = (long long)len;
	return open_done(reader_out, r, open_common(r), err);
}

int
habar_tmx_reader_is_parallel(const struct habar_tmx_reader *r)
{
	return r->doc != NULL;
}

const char *
habar_tmx_reader_tool(const struct habar_tmx_reader *r)
{
	return r->tool;
}

/* The next <tu> of two variants or more into r->unit, or r->at_end. */
static enum habar_status
next_tu(struct habar_tmx_reader *r)
{
	int end, ret;
	enum habar_status status;

	while (!r->at_end) {
		if (next_child(r, 2, &end) != 1)
			return r->failed != HABAR_OK ? r->failed : fail_parse(r);
		if (end) {
			/* The rest must be well-formed too. */
			while ((ret = advance(r)) == 1)
				;
			if (ret < 0)
				return r->failed;
			r->at_end = 1;
			break;
		}
		if (!is_element(r, "tu"))
			return fail(r, line_now(r), HABAR_ERR_INPUT,
			    "unexpected element <%s> in <body>", name_of(r));
		if ((status = read_tu(r)) != HABAR_OK)
			return status;
		if (r->unit.variant_count >= 2)
			return HABAR_OK;
		habar__tmx_unit_clear(&r->unit);
	}
	return HABAR_OK;
}

enum habar_status
habar_tmx_reader_next(struct habar_tmx_reader *r,
    const struct habar_tmx_unit **unit_out, struct habar_parallel_error *err)
{
	enum habar_status status = HABAR_OK;

	*unit_out = NULL;
	if (err != NULL)
		memset(err, 0, sizeof(*err));
	habar__tmx_unit_clear(&r->unit);
	if (r->failed != HABAR_OK) {
		status = r->failed;
		goto done;
	}
	if (r->doc != NULL) {
		while (r->link < r->doc->link_count[HABAR_PARALLEL_SENTENCES]) {
			status = habar__tmx_link_unit(r->doc, r->link++, &r->unit);
			if (status != HABAR_OK) {
				fail(r, 0, status, "out of memory");
				goto done;
			}
			if (r->unit.variant_count >= 2) {
				*unit_out = &r->unit;
				return HABAR_OK;
			}
			habar__tmx_unit_clear(&r->unit);
		}
		return HABAR_OK;
	}
	if ((status = next_tu(r)) == HABAR_OK && !r->at_end)
		*unit_out = &r->unit;
done:
	if (status != HABAR_OK) {
		habar__tmx_unit_clear(&r->unit);
		if (err != NULL)
			*err = r->fail_err;
	}
	return status;
}

void
habar_tmx_reader_close(struct habar_tmx_reader *r)
{
	if (r == NULL)
		return;
	habar__tmx_unit_clear(&r->unit);
	xmlFreeTextReader(r->xr);
	xmlFreeDoc(r->kept_doc);
	habar_parallel_free(r->doc);
	free(r->head);
	free(r->tool);
	free(r);
}

enum habar_status
habar_tmx_add_xml(struct habar_tmx *tmx, const char *xml, size_t len,
    struct habar_parallel_error *err)
{
	struct habar_tmx_reader *r = NULL;
	struct habar_tmx *tmp = NULL;
	const struct habar_tmx_unit *u;
	size_t i;
	enum habar_status status;

	/* Into a memory of its own first, so that a failure adds nothing. */
	if ((status = habar_tmx_new(&tmp)) != HABAR_OK)
		return status;
	habar_tmx_set_min_confidence(tmp, 0.0);
	if ((status = habar_tmx_reader_open_memory(&r, xml, len, err)) !=
	    HABAR_OK)
		goto done;
	while ((status = habar_tmx_reader_next(r, &u, err)) == HABAR_OK &&
	    u != NULL)
		if ((status = habar__tmx_add_read(tmp, u)) != HABAR_OK)
			break;
	if (status != HABAR_OK)
		goto done;
	for (i = 0; i < habar_tmx_count(tmp) && status == HABAR_OK; i++)
		status = habar__tmx_add_read(tmx, habar_tmx_unit(tmp, i));
done:
	habar_tmx_reader_close(r);
	habar_tmx_free(tmp);
	return status;
}
