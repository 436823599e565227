/*
 * docx.h: a language version of a release as a Word document, for the
 * press officers and journalists who open releases in a word processor.
 *
 * Every run is marked with the language (w:lang kk-KZ, ru-RU, en-US, from
 * locales/<lang>/office-language) so that Word and LibreOffice check its
 * spelling in the right language; the title is the first paragraph, in
 * the Title style, and the document's properties carry the title, the
 * language and the date (docProps/core.xml) and every other front-matter
 * field, such as the contact (docProps/custom.xml), where habar-import
 * reads them back.  The same document gives the same bytes: every time
 * stamp is the release date.
 */
#ifndef HABAR_DOCX_H
#define HABAR_DOCX_H

#include <stddef.h>

#include <habar/parallel.h>
#include <habar/status.h>

#define HABAR_DOCX_MEDIA_TYPE \
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document"

/*
 * Writes language li of doc as a .docx into a new buffer *out of *len
 * bytes (free() it): the title and the paragraphs, each paragraph's
 * sentences joined by spaces.  Returns HABAR_OK, HABAR_ERR_ARGUMENT (li
 * out of range), HABAR_ERR_LIBRARY (libxml2 or libarchive failed),
 * HABAR_ERR_NOMEM.
 */
enum habar_status habar_docx_write(char **out, size_t *len,
    const struct habar_parallel *doc, size_t li);

#endif
