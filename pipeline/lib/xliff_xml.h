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

#endif
