/*
 * qa_xml.c: streaming TMX and XLIFF documents into habar-qa's units (see
 * habar_qa_read_xml() in habar/qa.h).  libxml2's xmlTextReader walks the
 * document node by node, so a translation memory of any size is checked
 * in the memory of its largest unit.  Only the text a translator reads is
 * compared: inline codes (<ph>, <bpt>, <x/>...) are left out, and the
 * candidates inside XLIFF's <alt-trans> or <mtc:matches> are not units.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "qa_internal.h"
#include "xml_limits_internal.h"

/* The longest segment text kept, in bytes. */
#define QA_MAX_TEXT (1024u * 1024)

enum format { F_UNKNOWN, F_TMX, F_XLIFF2, F_XLIFF1 };

struct side {
	char lang[32];
	char *text;
	size_t len, size;
	unsigned long line, column;
};

static int
is(const xmlChar *name, const char *want)
{
	return name != NULL && strcmp((const char *)name, want) == 0;
}

/* Elements whose content is code, not text. */
static int
code_element(enum format f, const xmlChar *name)
{
	if (f == F_TMX)
		return is(name, "bpt") || is(name, "ept") || is(name, "it") ||
		    is(name, "ph") || is(name, "ut") || is(name, "sub");
	if (f == F_XLIFF1)
		return is(name, "bpt") || is(name, "ept") || is(name, "it") ||
		    is(name, "ph") || is(name, "sub");
	return 0;	/* 2.0 codes (<ph/>, <sc/>, <ec/>) are empty */
}

static enum habar_status
append(struct side *s, const char *text, size_t len)
{
	if (s->len + len + 1 > s->size) {
		size_t size = s->size ? s->size : 256;
		char *p;
		while (size < s->len + len + 1)
			size *= 2;
		if (s->len + len > QA_MAX_TEXT)
			return HABAR_ERR_LIMIT;
		if ((p = realloc(s->text, size)) == NULL)
			return HABAR_ERR_NOMEM;
		s->text = p;
		s->size = size;
	}
	memcpy(s->text + s->len, text, len);
	s->len += len;
	s->text[s->len] = '\0';
	return HABAR_OK;
}

static void
copy_attr(xmlTextReaderPtr r, const char *name, const char *ns, char *out,
    size_t size)
{
	xmlChar *v = ns != NULL ? xmlTextReaderGetAttributeNs(r,
	    (const xmlChar *)name, (const xmlChar *)ns) :
	    xmlTextReaderGetAttribute(r, (const xmlChar *)name);

	if (v != NULL) {
		snprintf(out, size, "%s", (const char *)v);
		xmlFree(v);
	}
}

enum habar_status
habar_qa_read_xml(struct habar_qa *qa, const char *prefix, size_t prefix_len,
    FILE *fp, const char *name, habar_qa_report_fn *report, void *arg)
{
	struct habar__xml_stream st;
	xmlTextReaderPtr r = NULL;
	struct side sides[QA_MAX_SEGS];
	struct habar_qa_segment segs[QA_MAX_SEGS];
	struct habar_qa_unit unit;
	char id[256], src_lang[32] = "", trg_lang[32] = "";
	enum format f = F_UNKNOWN;
	enum habar_status status = HABAR_OK;
	size_t nsides = 0, i;
	unsigned long long position = 0;
	int ret, collecting = -1, collect_depth = 0, skip_depth = -1;
	int unit_depth = -1, in_unit = 0;

	memset(sides, 0, sizeof(sides));
	memset(&st, 0, sizeof(st));
	st.prefix = prefix;
	st.prefix_len = prefix_len;
	st.fp = fp;
	habar__xml_scan_init(&st.scan, 0);
	qa->error[0] = '\0';
	qa->error_line = 0;
	r = xmlReaderForIO(habar__xml_stream_read, NULL, &st, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_BIG_LINES);
	if (r == NULL)
		return HABAR_ERR_NOMEM;
	id[0] = '\0';
	/* Units follow one another: a quotation left open is judged with
	 * the next unit. */
	habar__qa_hold_begin(qa);
	while (status == HABAR_OK && (ret = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		int depth = xmlTextReaderDepth(r);
		const xmlChar *local = xmlTextReaderConstLocalName(r);

		if (type == XML_READER_TYPE_ELEMENT) {
			int empty = xmlTextReaderIsEmptyElement(r);
			if (f == F_UNKNOWN) {
				char version[16] = "";
				if (is(local, "tmx"))
					f = F_TMX;
				else if (is(local, "xliff")) {
					copy_attr(r, "version", NULL, version,
					    sizeof(version));
					f = strncmp(version, "1.", 2) == 0 ?
					    F_XLIFF1 : F_XLIFF2;
					copy_attr(r, "srcLang", NULL, src_lang,
					    sizeof(src_lang));
					copy_attr(r, "trgLang", NULL, trg_lang,
					    sizeof(trg_lang));
				} else {
					snprintf(qa->error, sizeof(qa->error),
					    "the root element <%s> is neither "
					    "<tmx> nor <xliff>", (const char *)
					    local);
					qa->error_line = (unsigned long)
					    xmlTextReaderGetParserLineNumber(r);
					status = HABAR_ERR_INPUT;
					break;
				}
				continue;
			}
			if (collecting >= 0) {
				if (skip_depth < 0 && code_element(f, local) &&
				    !empty)
					skip_depth = depth;
				else if (f == F_XLIFF2 && is(local, "cp")) {
					/* <cp hex="..."/>: a character XML
					 * cannot carry; a space holds its
					 * place. */
					status = append(&sides[collecting], " ",
					    1);
				}
				continue;
			}
			if (f == F_XLIFF1 && is(local, "file")) {
				copy_attr(r, "source-language", NULL, src_lang,
				    sizeof(src_lang));
				copy_attr(r, "target-language", NULL, trg_lang,
				    sizeof(trg_lang));
			}
			if ((f == F_TMX && is(local, "tu")) ||
			    (f == F_XLIFF2 && is(local, "segment")) ||
			    (f == F_XLIFF1 && is(local, "trans-unit"))) {
				position++;
				id[0] = '\0';
				copy_attr(r, f == F_TMX ? "tuid" : "id", NULL,
				    id, sizeof(id));
				if (id[0] == '\0')
					snprintf(id, sizeof(id), "%llu",
					    position);
				nsides = 0;
				in_unit = !empty;
				unit_depth = depth;
				if (f != F_TMX) {
					for (i = 0; i < 2; i++) {
						sides[i].len = 0;
						sides[i].lang[0] = '\0';
						sides[i].line = 0;
					}
					snprintf(sides[0].lang,
					    sizeof(sides[0].lang), "%s",
					    src_lang);
					snprintf(sides[1].lang,
					    sizeof(sides[1].lang), "%s",
					    trg_lang);
				}
				continue;
			}
			if (!in_unit)
				continue;
			if (f == F_TMX && is(local, "tuv") &&
			    nsides < QA_MAX_SEGS) {
				struct side *s = &sides[nsides];
				s->lang[0] = '\0';
				copy_attr(r, "lang",
				    (const char *)XML_XML_NAMESPACE, s->lang,
				    sizeof(s->lang));
				if (s->lang[0] == '\0')
					copy_attr(r, "lang", NULL, s->lang,
					    sizeof(s->lang));
				s->len = 0;
				s->line = 0;
				nsides++;
			} else if (f == F_TMX && is(local, "seg") && nsides > 0) {
				collecting = (int)nsides - 1;
			} else if (f != F_TMX && depth == unit_depth + 1 &&
			    (is(local, "source") || is(local, "target"))) {
				collecting = is(local, "source") ? 0 : 1;
				if (collecting == 1) {
					char lang[32] = "";
					copy_attr(r, "lang", (const char *)
					    XML_XML_NAMESPACE, lang,
					    sizeof(lang));
					if (lang[0] != '\0')
						snprintf(sides[1].lang,
						    sizeof(sides[1].lang), "%s",
						    lang);
					nsides = 2;
				} else if (nsides == 0)
					nsides = 1;
				sides[collecting].len = 0;
			} else
				continue;
			if (collecting >= 0) {
				struct side *s = &sides[collecting];
				/* The element's own line: the parser's is
				 * ahead of the node by what it buffered.  No
				 * column is known. */
				long line = xmlGetLineNo(
				    xmlTextReaderCurrentNode(r));
				s->line = line > 0 ? (unsigned long)line : 0;
				s->column = 0;
				if (s->text == NULL)
					status = append(s, "", 0);
				collect_depth = depth;
				if (empty)
					collecting = -1;
			}
			continue;
		}
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (skip_depth >= 0 && depth == skip_depth)
				skip_depth = -1;
			else if (collecting >= 0 && depth == collect_depth)
				collecting = -1;
			else if (in_unit && depth == unit_depth) {
				in_unit = 0;
				if (nsides < 2)
					continue;
				for (i = 0; i < nsides; i++) {
					segs[i].lang = sides[i].lang;
					segs[i].text = sides[i].text != NULL ?
					    sides[i].text : "";
					segs[i].len = sides[i].len;
					segs[i].line = sides[i].line;
					segs[i].column = sides[i].column;
					segs[i].file = name;
				}
				unit.id = id;
				unit.segs = segs;
				unit.count = nsides;
				status = habar_qa_check(qa, &unit, report, arg);
			}
			continue;
		}
		if (collecting >= 0 && skip_depth < 0 &&
		    (type == XML_READER_TYPE_TEXT ||
		    type == XML_READER_TYPE_CDATA ||
		    type == XML_READER_TYPE_WHITESPACE ||
		    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
			const xmlChar *v = xmlTextReaderConstValue(r);
			if (v != NULL)
				status = append(&sides[collecting],
				    (const char *)v, strlen((const char *)v));
		}
	}
	if (status == HABAR_OK && ret < 0) {
		const xmlError *e = xmlGetLastError();
		if (st.io_error)
			status = HABAR_ERR_IO;
		else if (st.limit) {
			snprintf(qa->error, sizeof(qa->error), "%s",
			    st.limit_msg);
			qa->error_line = st.scan.tag_line;
			status = HABAR_ERR_LIMIT;
		} else {
			snprintf(qa->error, sizeof(qa->error), "%s",
			    e != NULL && e->message != NULL ? e->message :
			    "not well-formed XML");
			qa->error[strcspn(qa->error, "\n")] = '\0';
			qa->error_line = e != NULL ? (unsigned long)e->line :
			    (unsigned long)xmlTextReaderGetParserLineNumber(r);
			status = HABAR_ERR_INPUT;
		}
	} else if (status == HABAR_OK && f == F_UNKNOWN) {
		snprintf(qa->error, sizeof(qa->error), "no XML document");
		status = HABAR_ERR_INPUT;
	} else if (status == HABAR_ERR_LIMIT && qa->error[0] == '\0') {
		snprintf(qa->error, sizeof(qa->error), "a segment longer than "
		    "%u bytes", QA_MAX_TEXT);
		qa->error_line = (unsigned long)
		    xmlTextReaderGetParserLineNumber(r);
	}
	if (status == HABAR_OK)
		status = habar__qa_hold_end(qa, report, arg);
	else
		(void)habar__qa_hold_end(qa, NULL, NULL);
	xmlFreeTextReader(r);
	for (i = 0; i < QA_MAX_SEGS; i++)
		free(sides[i].text);
	return status;
}
