/*
 * attach.h: checking that a release's attachments are what their names
 * say, and extracting the text of presentations.
 *
 * A communication officer attaches presentations (.pptx, legacy .ppt),
 * also .pdf, .docx and images.  A file that is corrupt or mislabelled must
 * be refused before it is published, and no byte of it is trusted while
 * checking: offsets are bounded, sizes capped, nothing is extracted to
 * disk.
 */
#ifndef HABAR_ATTACH_H
#define HABAR_ATTACH_H

#include <stddef.h>

#include <habar/status.h>

enum habar_attach_kind {
	HABAR_ATTACH_UNKNOWN = 0,	/* an extension habar does not know */
	HABAR_ATTACH_PPT,		/* PowerPoint 97-2003, OLE2 compound file */
	HABAR_ATTACH_PPTX,		/* PowerPoint 2007+, OOXML package */
	HABAR_ATTACH_DOCX,		/* Word 2007+, OOXML package */
	HABAR_ATTACH_PDF,
	HABAR_ATTACH_PNG,
	HABAR_ATTACH_JPEG,
	HABAR_ATTACH_GIF
};

struct habar_attach_info {
	enum habar_attach_kind kind;	/* from the file name's extension */
	const char *media_type;		/* IANA media type of the kind */
	int encrypted;			/* password-protected: accepted, but
					   its content cannot be read */
	unsigned slides;		/* presentations: slides found */
	char message[256];		/* why it was refused, or a warning */
};

/* Hard limits of the checker: larger files are refused, not read. */
#define HABAR_ATTACH_MAX_SIZE (512u * 1024 * 1024)
#define HABAR_ATTACH_MAX_UNPACKED (1024u * 1024 * 1024)

/*
 * Returns the kind an attachment's file name announces (by extension,
 * without regard to case), and stores its media type in *media_type when
 * that is not NULL ("application/octet-stream" for unknown kinds).
 */
enum habar_attach_kind habar_attach_kind_of(const char *name,
    const char **media_type);

/*
 * Checks that the file at path is what its name says: an OLE2 compound
 * file holding a PowerPoint document for .ppt, an OOXML package with a
 * presentation part for .pptx, and so on.  Fills *info.  Returns HABAR_OK
 * (info->encrypted and info->message may carry a warning), HABAR_ERR_INPUT
 * when the file is corrupt or not what it claims (info->message says why),
 * HABAR_ERR_UNSUPPORTED for an unknown extension, HABAR_ERR_IO when it
 * cannot be read (errno kept), HABAR_ERR_LIMIT when it exceeds the limits
 * above, HABAR_ERR_NOMEM.
 */
enum habar_status habar_attach_check(const char *path,
    struct habar_attach_info *info);

/*
 * Called once per paragraph of slide text, in slide order; slide is
 * 1-based.  A nonzero return stops the extraction.
 */
typedef int habar_slide_text_fn(void *arg, unsigned slide, const char *text,
    size_t len);

/*
 * Extracts the text of every slide of the .pptx at path, paragraph by
 * paragraph (a:p elements, runs joined, line breaks as spaces, empty
 * paragraphs skipped), calling emit for each.  Returns HABAR_OK,
 * HABAR_ERR_INPUT (not a readable presentation; detail in err),
 * HABAR_ERR_LIMIT, HABAR_ERR_IO or HABAR_ERR_NOMEM.
 */
enum habar_status habar_attach_pptx_text(const char *path,
    habar_slide_text_fn *emit, void *arg, char *err, size_t errlen);

#endif
