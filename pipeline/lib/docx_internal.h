/*
 * docx_internal.h (internal): the parts of a .docx, written as XML by
 * docx_xml.c and zipped by docx_archive.c.
 */
#ifndef HABAR_DOCX_INTERNAL_H
#define HABAR_DOCX_INTERNAL_H

#include <stddef.h>

#include <habar/docx.h>

#define DOCX_PARTS 7

struct docx_part {
	const char *name;	/* path in the package */
	char *xml;		/* malloc()ed */
	size_t len;
};

/*
 * Writes the parts of language li of doc into parts[0..DOCX_PARTS), the
 * content types first.  Returns HABAR_OK, HABAR_ERR_LIBRARY,
 * HABAR_ERR_NOMEM; on failure the parts written so far are the caller's
 * to free.
 */
enum habar_status habar__docx_parts(struct docx_part *parts,
    const struct habar_parallel *doc, size_t li);

#endif
