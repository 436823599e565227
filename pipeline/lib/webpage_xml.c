/*
 * webpage_xml.c: finding the release inside an old web page with
 * libxml2's HTML parser (see habar/webpage.h).
 *
 * Boilerplate goes first: elements that are never content (nav, footer,
 * script...) and elements whose id or class names a menu, a share bar or
 * a credit (locales/root/web-boilerplate).  The content is then the
 * <article> or <main> if there is one, else the element whose own
 * paragraphs hold the most text.  Its blocks become paragraphs, except
 * those made mostly of links.
 */
#define _GNU_SOURCE /* strcasestr */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include <habar/date.h>
#include <habar/webpage.h>

#include "data_internal.h"
#include "grow_internal.h"
#include "xml_limits_internal.h"

#define MAX_WORDS 128
#define MAX_PARAGRAPHS 10000

struct words {
	char list[MAX_WORDS][32];
	size_t count;
};

static const char *const dropped_elements[] = {
	"nav", "footer", "aside", "form", "script", "style", "noscript",
	"iframe", "button", "select", "figure", "menu", "template", "svg",
	"object", "embed", "input", "textarea", NULL
};

static const char *const block_elements[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
	"dd", "dt", "address", NULL
};

static int
in_list(const char *name, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcasecmp(name, *list) == 0)
			return 1;
	return 0;
}

static enum habar_status
load_words(struct words *w)
{
	char line[128];
	FILE *fp;
	enum habar_status status;

	w->count = 0;
	status = habar__data_open(&fp, NULL, "locales/root/web-boilerplate");
	if (status != HABAR_OK)
		return status;
	while (fgets(line, sizeof(line), fp) != NULL && w->count < MAX_WORDS) {
		if (line[0] == '#' || sscanf(line, "%31s", w->list[w->count]) != 1)
			continue;
		w->count++;
	}
	fclose(fp);
	return HABAR_OK;
}

static int
attribute_names_boilerplate(xmlNode *node, const char *attr,
    const struct words *w)
{
	xmlChar *value = xmlGetProp(node, BAD_CAST attr);
	int hit = 0;
	size_t i;

	if (value == NULL)
		return 0;
	for (i = 0; i < w->count && !hit; i++)
		hit = strcasestr((const char *)value, w->list[i]) != NULL;
	xmlFree(value);
	return hit;
}

static int
inside(xmlNode *node, const char *name)
{
	for (node = node->parent; node != NULL; node = node->parent)
		if (node->type == XML_ELEMENT_NODE &&
		    strcasecmp((const char *)node->name, name) == 0)
			return 1;
	return 0;
}

/* Unlinks and frees every boilerplate element under node. */
static void
drop_boilerplate(xmlNode *node, const struct words *w)
{
	xmlNode *next;

	for (; node != NULL; node = next) {
		next = node->next;
		if (node->type == XML_COMMENT_NODE) {
			xmlUnlinkNode(node);
			xmlFreeNode(node);
			continue;
		}
		if (node->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)node->name;
		if (in_list(name, dropped_elements) ||
		    (strcasecmp(name, "header") == 0 && !inside(node, "article") &&
		    !inside(node, "main")) ||
		    (strcasecmp(name, "body") != 0 &&
		    strcasecmp(name, "html") != 0 &&
		    (attribute_names_boilerplate(node, "id", w) ||
		    attribute_names_boilerplate(node, "class", w) ||
		    attribute_names_boilerplate(node, "role", w)))) {
			xmlUnlinkNode(node);
			xmlFreeNode(node);
			continue;
		}
		drop_boilerplate(node->children, w);
	}
}

/* Appends node's text to buf (grown as needed), counting the bytes that
 * sit inside links; block children are skipped when skip_blocks. */
struct text {
	char *buf;
	size_t len, cap;
	size_t linked;
	int failed;
};

static void
append(struct text *t, const char *s, size_t n, int linked)
{
	if (t->failed)
		return;
	if (n > SIZE_MAX - t->len - 2 ||
	    habar__grow((void **)&t->buf, &t->cap, t->len + n + 2, 1, 256) !=
	    HABAR_OK) {
		t->failed = 1;
		return;
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
	if (linked)
		t->linked += n;
}

static void
gather_text(xmlNode *node, struct text *t, int linked)
{
	for (; node != NULL; node = node->next) {
		if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
			if (node->content != NULL)
				append(t, (const char *)node->content,
				    strlen((const char *)node->content), linked);
		} else if (node->type == XML_ELEMENT_NODE) {
			if (strcasecmp((const char *)node->name, "br") == 0)
				append(t, "\n", 1, 0);
			else
				gather_text(node->children, t, linked ||
				    strcasecmp((const char *)node->name, "a") == 0);
		}
	}
}

/* Collapses white space to single spaces, trimmed; keeps "\n\n" marks
 * (paragraph breaks made of <br><br>) as '\n'. */
static void
squeeze(struct text *t)
{
	size_t r, w = 0, newlines = 0;
	int space = 1;

	for (r = 0; r < t->len; r++) {
		unsigned char c = (unsigned char)t->buf[r];
		/* U+00A0 no-break space, as the web loves it. */
		if (c == 0xC2 && r + 1 < t->len &&
		    (unsigned char)t->buf[r + 1] == 0xA0) {
			r++;
			c = ' ';
		}
		if (c == '\n') {
			newlines++;
			c = ' ';
		}
		if (c == ' ' || c == '\t' || c == '\r') {
			if (!space)
				t->buf[w++] = ' ';
			space = 1;
			continue;
		}
		if (newlines >= 2 && w > 0) {
			if (t->buf[w - 1] == ' ')
				w--;
			t->buf[w++] = '\n';
		}
		newlines = 0;
		t->buf[w++] = (char)c;
		space = 0;
	}
	while (w > 0 && (t->buf[w - 1] == ' ' || t->buf[w - 1] == '\n'))
		w--;
	t->len = w;
	if (t->buf != NULL)
		t->buf[w] = '\0';
}

static int
is_block(xmlNode *node)
{
	return node->type == XML_ELEMENT_NODE &&
	    in_list((const char *)node->name, block_elements);
}

static int
has_block_child(xmlNode *node)
{
	for (node = node->children; node != NULL; node = node->next)
		if (node->type == XML_ELEMENT_NODE &&
		    (is_block(node) || has_block_child(node)))
			return 1;
	return 0;
}

struct page_builder {
	struct habar_webpage *page;
	size_t cap;
	int failed;
};

static void
emit(struct page_builder *b, const char *text, size_t len)
{
	char *copy;

	if (b->failed || len == 0 || b->page->count >= MAX_PARAGRAPHS)
		return;
	if (habar__grow((void **)&b->page->paragraphs, &b->cap,
	    b->page->count + 1, sizeof(*b->page->paragraphs), 32) != HABAR_OK) {
		b->failed = 1;
		return;
	}
	if ((copy = strndup(text, len)) == NULL) {
		b->failed = 1;
		return;
	}
	b->page->paragraphs[b->page->count++] = copy;
}

/* Emits the text of t as paragraphs (split at '\n'), unless links make up
 * most of it: a menu or a row of share links. */
static void
emit_text(struct page_builder *b, struct text *t)
{
	size_t linked = t->linked, total = t->len;
	char *p, *nl;

	squeeze(t);
	if (t->len == 0 || (total > 0 && linked * 2 > total))
		return;
	for (p = t->buf; p != NULL; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		emit(b, p, nl ? (size_t)(nl - p) : strlen(p));
	}
}

/* Walks the content: blocks become paragraphs; the loose text of other
 * elements (between blocks) too. */
static void
collect(xmlNode *node, struct page_builder *b)
{
	struct text loose = { 0 };

	for (; node != NULL; node = node->next) {
		if (node->type == XML_ELEMENT_NODE && (is_block(node) ||
		    has_block_child(node))) {
			emit_text(b, &loose);
			loose.len = loose.linked = 0;
			if (is_block(node) && !has_block_child(node)) {
				struct text t = { 0 };
				gather_text(node->children, &t,
				    strcasecmp((const char *)node->name, "a") == 0);
				emit_text(b, &t);
				free(t.buf);
				b->failed |= t.failed;
			} else {
				collect(node->children, b);
			}
		} else if (node->type == XML_ELEMENT_NODE ||
		    node->type == XML_TEXT_NODE) {
			if (node->type == XML_TEXT_NODE)
				append(&loose, (const char *)node->content,
				    node->content ? strlen((const char *)node->content) : 0, 0);
			else if (strcasecmp((const char *)node->name, "br") == 0)
				append(&loose, "\n", 1, 0);
			else
				gather_text(node->children, &loose,
				    strcasecmp((const char *)node->name, "a") == 0);
		}
	}
	emit_text(b, &loose);
	b->failed |= loose.failed;
	free(loose.buf);
}

/* The text length of node's paragraphs that are its own children. */
static size_t
own_paragraph_text(xmlNode *node)
{
	size_t total = 0;

	for (node = node->children; node != NULL; node = node->next) {
		if (node->type == XML_ELEMENT_NODE &&
		    strcasecmp((const char *)node->name, "p") == 0) {
			xmlChar *s = xmlNodeGetContent(node);
			if (s != NULL) {
				total += strlen((const char *)s);
				xmlFree(s);
			}
		} else if (node->type == XML_TEXT_NODE && node->content != NULL) {
			total += strlen((const char *)node->content);
		}
	}
	return total;
}

static void
best_container(xmlNode *node, xmlNode **best, size_t *best_score)
{
	for (; node != NULL; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		size_t score = own_paragraph_text(node);
		if (score > *best_score) {
			*best = node;
			*best_score = score;
		}
		best_container(node->children, best, best_score);
	}
}

static xmlNode *
find_element(xmlNode *node, const char *name)
{
	xmlNode *found;

	for (; node != NULL; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		if (strcasecmp((const char *)node->name, name) == 0)
			return node;
		if ((found = find_element(node->children, name)) != NULL)
			return found;
	}
	return NULL;
}

static char *
element_text(xmlNode *node)
{
	struct text t = { 0 };

	if (node == NULL)
		return NULL;
	gather_text(node->children, &t, 0);
	squeeze(&t);
	if (t.buf != NULL)
		for (char *p = t.buf; *p; p++)
			if (*p == '\n')
				*p = ' ';
	return t.buf;
}

/* A date in the markup: <time datetime> or a publication <meta>. */
static char *
markup_date(xmlNode *root)
{
	static const char *const metas[] = {
		"article:published_time", "date", "dc.date", "dcterms.date",
		"pubdate", "publish-date", NULL
	};
	xmlNode *time = find_element(root, "time");
	xmlNode *head = find_element(root, "head"), *n;
	xmlChar *v;

	if (time != NULL && (v = xmlGetProp(time, BAD_CAST "datetime")) != NULL) {
		char *copy = strlen((char *)v) >= 10 ? strndup((char *)v, 10) : NULL;
		xmlFree(v);
		if (copy != NULL && copy[4] == '-' && copy[7] == '-')
			return copy;
		free(copy);
	}
	for (n = head ? head->children : NULL; n != NULL; n = n->next) {
		xmlChar *name, *content;
		const char *const *m;
		if (n->type != XML_ELEMENT_NODE ||
		    strcasecmp((const char *)n->name, "meta") != 0)
			continue;
		name = xmlGetProp(n, BAD_CAST "property");
		if (name == NULL)
			name = xmlGetProp(n, BAD_CAST "name");
		content = xmlGetProp(n, BAD_CAST "content");
		for (m = metas; name != NULL && content != NULL && *m != NULL; m++) {
			if (strcasecmp((const char *)name, *m) == 0 &&
			    strlen((const char *)content) >= 10 &&
			    content[4] == '-' && content[7] == '-') {
				char *copy = strndup((const char *)content, 10);
				xmlFree(name);
				xmlFree(content);
				return copy;
			}
		}
		xmlFree(name);
		xmlFree(content);
	}
	return NULL;
}

void
habar_webpage_free(struct habar_webpage *page)
{
	size_t i;

	if (page == NULL)
		return;
	for (i = 0; i < page->count; i++)
		free(page->paragraphs[i]);
	free(page->paragraphs);
	free(page->title);
	free(page->date);
	free(page->place);
	free(page);
}

/*
 * Parses the page.  libxml2 keeps an element stack of at most
 * xmlParserMaxDepth (256) open elements and halts the parse past it, so
 * that a page nested deeper (200,000 <div>s) comes back cut where the
 * limit was met, its body lost.  Raising the limit (HTML_PARSE_HUGE) would
 * hand the recursive walks below a tree as deep as the input; instead a
 * halt is told apart from the parser's ordinary recovery (which never
 * halts) and becomes HABAR_ERR_LIMIT with a message naming the limit.
 */
static enum habar_status
parse_page(htmlDocPtr *doc_out, const char *html, size_t len, char *msg,
    size_t msg_size)
{
	htmlParserCtxtPtr ctxt;
	enum habar_status status = HABAR_OK;

	*doc_out = NULL;
	if ((ctxt = htmlNewParserCtxt()) == NULL)
		return HABAR_ERR_NOMEM;
	*doc_out = htmlCtxtReadMemory(ctxt, html, (int)len, NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET);
	if (ctxt->disableSAX && ctxt->lastError.code == XML_ERR_INTERNAL_ERROR) {
		if (msg != NULL && msg_size > 0)
			snprintf(msg, msg_size, "line %d: elements nested more "
			    "than %u deep (the limit)", ctxt->lastError.line,
			    xmlParserMaxDepth);
		status = HABAR_ERR_LIMIT;
	} else if (ctxt->disableSAX &&
	    ctxt->lastError.code == XML_ERR_NO_MEMORY) {
		status = HABAR_ERR_NOMEM;
	}
	htmlFreeParserCtxt(ctxt);
	if (status != HABAR_OK) {
		xmlFreeDoc(*doc_out);
		*doc_out = NULL;
	}
	return status;
}

enum habar_status
habar_webpage_extract(struct habar_webpage **page_out, const char *html,
    size_t len, const struct habar_dates *dates, char *msg, size_t msg_size)
{
	struct words words;
	struct page_builder b = { 0 };
	htmlDocPtr doc;
	xmlNode *root, *content, *h1;
	size_t best_score = 0;
	enum habar_status status;

	*page_out = NULL;
	if (msg != NULL && msg_size > 0)
		msg[0] = '\0';
	if ((status = load_words(&words)) != HABAR_OK)
		return status;
	if (len > (size_t)INT32_MAX) {
		if (msg != NULL && msg_size > 0)
			snprintf(msg, msg_size, "page larger than 2 GiB "
			    "(the limit)");
		return HABAR_ERR_LIMIT;
	}
	/* Before libxml2, whose start tag parse is quadratic in attributes. */
	if ((status = habar__xml_limits_check(html, len, 1, NULL, msg,
	    msg_size)) != HABAR_OK)
		return status;
	if ((status = parse_page(&doc, html, len, msg, msg_size)) != HABAR_OK)
		return status;
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		xmlFreeDoc(doc);
		if (msg != NULL && msg_size > 0)
			snprintf(msg, msg_size, "no release text found in the "
			    "page");
		return HABAR_ERR_INPUT;
	}
	if ((b.page = calloc(1, sizeof(*b.page))) == NULL) {
		xmlFreeDoc(doc);
		return HABAR_ERR_NOMEM;
	}
	b.page->date = markup_date(root);
	drop_boilerplate(root, &words);
	content = find_element(root, "article");
	if (content == NULL)
		content = find_element(root, "main");
	if (content == NULL) {
		best_container(root, &content, &best_score);
		/* A container of a single short paragraph is no body. */
		if (content != NULL && best_score < 80)
			content = NULL;
	}
	if (content == NULL)
		content = find_element(root, "body");
	if (content == NULL)
		content = root;
	h1 = find_element(content, "h1");
	if (h1 == NULL)
		h1 = find_element(root, "h1");
	b.page->title = element_text(h1);
	if (b.page->title == NULL || b.page->title[0] == '\0') {
		free(b.page->title);
		b.page->title = element_text(find_element(root, "title"));
		/* "Release title | Site name": keep the release's part. */
		if (b.page->title != NULL) {
			char *bar = strstr(b.page->title, " | ");
			if (bar != NULL)
				*bar = '\0';
		}
	}
	if (b.page->title == NULL)
		b.page->title = strdup("");
	/* The heading is taken out of the body, unless the body is inside it
	 * (broken markup: <h1><p>...</p></h1>), which freeing it would free. */
	if (h1 != NULL) {
		xmlNode *up;
		for (up = content; up != NULL && up != h1; up = up->parent)
			;
		if (up == NULL) {
			xmlUnlinkNode(h1);
			xmlFreeNode(h1);
		}
	}
	collect(content->children, &b);
	xmlFreeDoc(doc);
	if (b.failed || b.page->title == NULL) {
		habar_webpage_free(b.page);
		return HABAR_ERR_NOMEM;
	}
	if (b.page->count == 0) {
		habar_webpage_free(b.page);
		if (msg != NULL && msg_size > 0)
			snprintf(msg, msg_size, "no release text found in the "
			    "page");
		return HABAR_ERR_INPUT;
	}
	if (dates != NULL) {
		size_t i, start = 0, end = 0;
		char iso[11];
		for (i = 0; i < b.page->count && i < 3; i++) {
			const char *p = b.page->paragraphs[i];
			if (!habar_dates_find(dates, p, strlen(p), iso, &start,
			    &end))
				continue;
			if (b.page->date == NULL)
				b.page->date = strdup(iso);
			if (i == 0)
				b.page->place = habar_dates_dateline_place(p, start);
			break;
		}
	}
	*page_out = b.page;
	return HABAR_OK;
}
