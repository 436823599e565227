/*
 * xliff_xml.h: the guarded libxml2 parser the XLIFF module's *_xml.c files
 * share.  Only files named *_xml.c include this header, as it speaks
 * libxml2's types.
 */
#ifndef HABAR_XLIFF_XML_H
#define HABAR_XLIFF_XML_H

#include <libxml/tree.h>

#include "xliff_internal.h"

/*
 * Parses xml[0..len) into a tree with no network access, no DTD loading
 * and no entity substitution, refusing (before any expansion) a document
 * type declaration that declares entities.  what names the document in
 * messages ("XLIFF", "TMX").  On failure returns NULL with the error and
 * its line recorded on xliff and *status_out set (HABAR_ERR_INPUT,
 * HABAR_ERR_LIMIT, HABAR_ERR_NOMEM).  Free the tree with xmlFreeDoc().
 */
xmlDocPtr habar__xl_xml_read(struct habar_xliff *xliff, const char *xml,
    size_t len, const char *what, enum habar_status *status_out);

/* The line of node, 0 if unknown. */
unsigned long habar__xl_xml_line(xmlNodePtr node);

/* Whether node is element name (any name when NULL) in namespace ns. */
int habar__xl_xml_is(xmlNodePtr node, const char *ns, const char *name);

/* An attribute without a namespace as a newly allocated string, or NULL. */
char *habar__xl_xml_attr(xmlNodePtr node, const char *name);

/* Appends the text of a text or CDATA node to buf.  Returns HABAR_OK or
 * an error recorded on xliff. */
enum habar_status habar__xl_add_text(struct habar_xliff *xliff,
    xmlNodePtr node, struct xl_buf *buf);

/*
 * Reads one element n inside the inline content of parent (a version's
 * codes: <g>, <pc>, <ph>...) into buf; depth is parent's, for the
 * elements n holds (read with habar__xl_read_inline() at depth + 1).
 */
typedef enum habar_status xl_inline_element_fn(struct habar_xliff *xliff,
    xmlNodePtr parent, xmlNodePtr n, struct xl_buf *buf, int depth);

/*
 * Appends the inline content of parent (a <source> or <target>, or an
 * element inside one) to buf: text and CDATA as they are, each element
 * through element, comments and processing instructions skipped.  An
 * entity reference and nesting deeper than 64 elements are refused.
 * Returns HABAR_OK or an error recorded on xliff.
 */
enum habar_status habar__xl_read_inline(struct habar_xliff *xliff,
    xmlNodePtr parent, struct xl_buf *buf, int depth,
    xl_inline_element_fn *element);

/* Appends the code point written in hex (at most six digits) to buf; an
 * error names node's element and line.  Returns HABAR_OK or an error. */
enum habar_status habar__xl_add_hex(struct habar_xliff *xliff,
    xmlNodePtr node, const char *hex, struct xl_buf *buf);

/* Reads habar's skeleton, the children of skeleton, into doc.  Returns
 * HABAR_OK or an error recorded on xliff. */
enum habar_status habar__xl_read_skeleton(struct habar_xliff *xliff,
    struct xl_doc *doc, xmlNodePtr skeleton);

/* Appends an empty unit to doc, or an empty part to unit.  Return
 * HABAR_OK, HABAR_ERR_LIMIT, HABAR_ERR_NOMEM. */
enum habar_status habar__xl_push_unit(struct xl_doc *doc,
    struct xl_unit **unit_out);
enum habar_status habar__xl_push_part(struct xl_unit *unit,
    struct xl_part **part_out);

/*
 * Reads the units of a <file>, <body> or <group> (parent) and of the
 * groups inside it, in document order: each child element unit_name in
 * namespace ns goes to read_one, each <group> in ns is entered, at most
 * 64 deep ("groups nested too deeply").  One walk for XLIFF 2.0's <unit>
 * and 1.2's <trans-unit>.  Returns HABAR_OK or the first error.
 */
typedef enum habar_status xl_unit_reader(struct habar_xliff *xliff,
    struct xl_doc *doc, xmlNodePtr node);
enum habar_status habar__xl_read_units(struct habar_xliff *xliff,
    struct xl_doc *doc, xmlNodePtr parent, const char *ns,
    const char *unit_name, xl_unit_reader *read_one);

/* xliff12_xml.c: reads the XLIFF 1.2 document under root (its <xliff>,
 * version 1.2 checked) into doc.  Returns HABAR_OK or an error recorded on
 * xliff; doc is freed by the caller either way. */
enum habar_status habar__xl_parse_xliff12(struct habar_xliff *xliff,
    struct xl_doc *doc, xmlNodePtr root);

#endif
