/*
 * batch_xml.c: libxml2's one-time set-up for habar-batch's worker
 * threads.  libxml2 2.9 initialises its global tables lazily on the first
 * parse, which is not safe when two threads parse first at once; calling
 * xmlInitParser() from the main thread before the workers start is what
 * its documentation asks of threaded programs.
 */
#include <libxml/parser.h>

#include "batch_internal.h"

void
habar__batch_xml_init(void)
{
	xmlInitParser();
}
