/*
 * parallel_xml.h: the hardened libxml2 parse shared by every reader of
 * XML from outside (parallel XML, TMX, XLIFF, manifests, slides).
 * Included only by *_xml.c files, the only ones allowed to see libxml2.
 */
#ifndef HABAR_PARALLEL_XML_H
#define HABAR_PARALLEL_XML_H

#include <stddef.h>

#include <libxml/tree.h>

#include <habar/status.h>

/* Why habar__xml_parse() refused a document. */
enum habar__xml_fault {
	HABAR__XML_FINE,
	HABAR__XML_MALFORMED,	/* not well-formed (or too large, no memory) */
	HABAR__XML_ENTITIES,	/* declares entities */
	HABAR__XML_NO_ROOT,
	HABAR__XML_LIMIT	/* an element over the attribute cap */
};

/* How habar__xml_parse() begins its message for a malformed document. */
#define HABAR__XML_MALFORMED_PREFIX "malformed XML"

/*
 * Parses len bytes of XML into *doc_out (free with xmlFreeDoc()) with no
 * network access, no DTD loading, no entity substitution, CDATA sections
 * as text, and refuses any entity declaration (XXE, billion laughs) as
 * soon as it is seen; an element with more than HABAR__XML_MAX_ATTRIBUTES
 * attributes is refused before libxml2 parses anything.  This is the one
 * parse every reader of outside XML uses.  On failure *doc_out is NULL,
 * *line is the line of the error (0 if unknown), msg (msg_size bytes) says
 * what went wrong and *fault (unless fault is NULL) why.  Returns
 * HABAR_OK, HABAR_ERR_INPUT, HABAR_ERR_LIMIT (input too large, too many
 * attributes), HABAR_ERR_NOMEM.
 */
enum habar_status habar__xml_parse(xmlDocPtr *doc_out, const char *xml,
    size_t len, unsigned long *line, char *msg, size_t msg_size,
    enum habar__xml_fault *fault);

struct habar_parallel_error;

/*
 * habar__xml_parse() for a public reader: err (may be NULL) is cleared,
 * then given the line and message of a refusal.
 */
enum habar_status habar__xml_parse_doc(xmlDocPtr *doc_out, const char *xml,
    size_t len, struct habar_parallel_error *err);

/*
 * Returns whether node is an element named name in namespace ns (NULL: no
 * namespace).
 */
int habar__xml_is(const xmlNode *node, const char *ns, const char *name);

/*
 * Returns the next sibling of node, starting with node itself, that is an
 * element, skipping comments, processing instructions and white-space
 * text; stores in *bad the first other node met (text that is not white
 * space), or NULL.
 */
xmlNode *habar__xml_element(xmlNode *node, xmlNode **bad);

#endif
