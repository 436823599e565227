/*
 * layout.h: recognising how an archive of past releases is laid out, from
 * member names alone: which release a file belongs to, in which
 * language, and whether it is release text, an HTML page or an
 * attachment.  The layouts recognised (README.md, "habar-batch"):
 *
 *   DIR/<id>.<lang>.<ext>      the release format's own naming
 *   DIR/<id>_<lang>.<ext>      also <id>-<lang>.<ext>
 *   DIR/<lang>/<id>.<ext>      a folder per language
 *   DIR/<id>/<lang>.<ext>      a folder per release
 *   DIR/<id>.<ext>             no language in the name: guessed from the text
 *
 * where <ext> is md, txt, html, htm, docx, odt or doc, and <lang> a name
 * listed in locales/root/language-names (en, eng, rus, kz, каз...).  Attachments
 * (.ppt, .pptx, .pdf, .docx, images) belong to the release of their
 * folder.
 */
#ifndef HABAR_LAYOUT_H
#define HABAR_LAYOUT_H

#include <habar/status.h>

enum habar_layout_kind {
	HABAR_LAYOUT_IGNORE = 0,	/* not part of any release */
	HABAR_LAYOUT_TEXT,		/* release text (.md, .txt) */
	HABAR_LAYOUT_HTML,		/* a web page (.html, .htm) */
	HABAR_LAYOUT_ATTACHMENT		/* a presentation, document, image */
};

/* Bytes of a folder path: as long as any member name the reader passes
 * (habar/source.h), so that no folder is ever cut. */
#define HABAR_LAYOUT_MAX 4096

struct habar_layout_item {
	enum habar_layout_kind kind;
	char group[HABAR_LAYOUT_MAX];	/* the folder the release lives in */
	char release[256];		/* the release id ("" for attachments) */
	char lang[16];			/* BCP 47 tag, "" when not in the name */
	char file[256];			/* the file name itself */
};

struct habar_layout;

/*
 * Loads the language names.  Returns HABAR_OK, HABAR_ERR_NOTFOUND (the
 * data file is missing), HABAR_ERR_NOMEM.
 */
enum habar_status habar_layout_new(struct habar_layout **layout_out);

/* Frees the layout; NULL is harmless. */
void habar_layout_free(struct habar_layout *layout);

/*
 * Whether the file name is a word processor's document (.docx, .odt,
 * .doc) that may be a release's version: one whose name or folder says a
 * language is release text (HABAR_LAYOUT_TEXT, read by habar-import's
 * reader); a .docx without a language is an attachment; an .odt or a .doc
 * without one is release text whose letters tell the language.
 */
int habar_layout_is_document(const char *file);

/*
 * Classifies the member at path (a safe relative '/'-separated UTF-8
 * path) into *item.  Never fails: what is not recognised is
 * HABAR_LAYOUT_IGNORE.
 */
void habar_layout_classify(const struct habar_layout *layout,
    const char *path, struct habar_layout_item *item);

#endif
