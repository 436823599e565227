/*
 * parallel_xml.h: the hardened libxml2 parse shared by the readers of
 * parallel XML and TMX.  Included only by *_xml.c files, the only ones
 * allowed to see libxml2.
 */
#ifndef HABAR_PARALLEL_XML_H
#define HABAR_PARALLEL_XML_H

#include <stddef.h>

#include <libxml/tree.h>

#include <habar/status.h>

/*
 * Parses len bytes of XML into *doc_out (free with xmlFreeDoc()) with no
 * network access, no DTD loading, no entity substitution, and refuses any
 * entity declaration (XXE, billion laughs) as soon as it is seen.  On
 * failure *doc_out is NULL, *line is the line of the error (0 if unknown)
 * and msg (msg_size bytes) says what went wrong.  Returns HABAR_OK,
 * HABAR_ERR_INPUT, HABAR_ERR_LIMIT (input too large), HABAR_ERR_NOMEM.
 */
enum habar_status habar__xml_parse(xmlDocPtr *doc_out, const char *xml,
    size_t len, unsigned long *line, char *msg, size_t msg_size);

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
