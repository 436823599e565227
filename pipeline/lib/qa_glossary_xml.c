/*
 * qa_glossary_xml.c: a glossary of habar-qa's "terms" check in TBX, the
 * exchange format of terminology tools (TBX-Basic: <termEntry>, <langSet
 * xml:lang>, <tig><term>; TBX v3: <conceptEntry>, <langSec>, <termSec>).
 * Terminologists keep their glossaries in such tools; a TSV export would
 * lose nothing the check uses, but asks for a step people skip.  The
 * first term of each language of an entry is kept; a language gets a
 * column when first met.  libxml2's reader streams the file, behind the
 * project's byte scan of hostile markup (xml_limits_internal.h).
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "qa_internal.h"
#include "recognise_internal.h"
#include "xml_limits_internal.h"

/* The longest term kept, in bytes. */
#define TBX_TERM_MAX 4096

static int
named(const xmlChar *name, const char *a, const char *b)
{
	return name != NULL && (strcmp((const char *)name, a) == 0 ||
	    strcmp((const char *)name, b) == 0);
}

/* The glossary column of language lang, added when new; -1 when the
 * glossary has as many languages as a unit may have segments. */
static int
column(struct habar_qa *qa, const char *lang)
{
	size_t i;

	for (i = 0; i < qa->lang_count; i++)
		if (strcmp(qa->langs[i], lang) == 0)
			return (int)i;
	if (qa->lang_count == QA_MAX_SEGS)
		return -1;
	if ((qa->langs[qa->lang_count] = strdup(lang)) == NULL)
		return -2;
	return (int)qa->lang_count++;
}

/* Adds an empty entry to the glossary; NULL when memory ran out (or the
 * limit was reached: qa->error says so). */
static struct qa_term *
new_term(struct habar_qa *qa)
{
	struct qa_term *t;

	if (qa->term_count == qa->term_size) {
		size_t size = qa->term_size ? qa->term_size * 2 : 64;
		struct qa_term *terms;
		if (qa->term_size >= QA_MAX_TERMS)
			return NULL;
		if ((terms = realloc(qa->terms, size * sizeof(*terms))) ==
		    NULL)
			return NULL;
		qa->terms = terms;
		qa->term_size = size;
	}
	t = &qa->terms[qa->term_count++];
	memset(t, 0, sizeof(*t));
	return t;
}

enum habar_status
habar__qa_load_tbx(struct habar_qa *qa, FILE *fp)
{
	struct habar__xml_stream st;
	xmlTextReaderPtr r;
	struct qa_term *t = NULL;
	char lang[32] = "", folded[TBX_TERM_MAX * 3];
	enum habar_status status = HABAR_OK;
	int ret = 0;
	xmlChar *text;

	memset(&st, 0, sizeof(st));
	st.fp = fp;
	habar__xml_scan_init(&st.scan, 0);
	r = xmlReaderForIO(habar__xml_stream_read, NULL, &st, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_BIG_LINES);
	if (r == NULL)
		return HABAR_ERR_NOMEM;
	while (status == HABAR_OK && (ret = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		const xmlChar *local = xmlTextReaderConstLocalName(r);

		if (type == XML_READER_TYPE_END_ELEMENT &&
		    named(local, "termEntry", "conceptEntry")) {
			t = NULL;
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (named(local, "termEntry", "conceptEntry")) {
			if ((t = new_term(qa)) == NULL) {
				qa->error_line = (unsigned long)
				    xmlTextReaderGetParserLineNumber(r);
				if (qa->term_size >= QA_MAX_TERMS) {
					snprintf(qa->error, sizeof(qa->error),
					    "more than %d terms", QA_MAX_TERMS);
					status = HABAR_ERR_LIMIT;
				} else
					status = HABAR_ERR_NOMEM;
			}
			lang[0] = '\0';
		} else if (named(local, "langSet", "langSec")) {
			xmlChar *l = xmlTextReaderXmlLang(r);
			snprintf(lang, sizeof(lang), "%s", l != NULL ?
			    (const char *)l : "");
			xmlFree(l);
		} else if (named(local, "term", "term") && t != NULL &&
		    lang[0] != '\0') {
			int col = column(qa, lang);
			size_t n;
			if (col == -2) {
				status = HABAR_ERR_NOMEM;
				break;
			}
			if (col < 0 || t->terms[col] != NULL)
				continue;	/* the first term a language */
			if ((text = xmlTextReaderReadString(r)) == NULL)
				continue;
			n = strlen((const char *)text);
			if (n > 0 && n <= TBX_TERM_MAX &&
			    habar__recognise_fold(qa->rec, (const char *)text,
			    n, folded, sizeof(folded)) > 0 &&
			    (t->terms[col] = strdup(folded)) == NULL)
				status = HABAR_ERR_NOMEM;
			xmlFree(text);
		}
	}
	if (status == HABAR_OK && ret != 0) {
		qa->error_line = st.limit ? st.scan.line : (unsigned long)
		    xmlTextReaderGetParserLineNumber(r);
		if (st.io_error)
			status = HABAR_ERR_IO;
		else if (st.limit) {
			snprintf(qa->error, sizeof(qa->error), "%s",
			    st.limit_msg);
			status = HABAR_ERR_LIMIT;
		} else {
			const xmlError *e = xmlGetLastError();
			snprintf(qa->error, sizeof(qa->error), "not well-formed "
			    "TBX%s%s", e != NULL && e->message ? ": " : "",
			    e != NULL && e->message ? e->message : "");
			qa->error[strcspn(qa->error, "\n")] = '\0';
			status = HABAR_ERR_INPUT;
		}
	}
	xmlFreeTextReader(r);
	if (status == HABAR_OK && qa->lang_count < 2) {
		snprintf(qa->error, sizeof(qa->error), "a glossary needs "
		    "terms in two languages or more");
		status = HABAR_ERR_INPUT;
	}
	return status;
}
