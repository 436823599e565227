/*
 * attach_internal.h: what attach.c needs from the package reader
 * (attach_archive.c) and the slide parser (pptx_xml.c).
 */
#ifndef HABAR_ATTACH_INTERNAL_H
#define HABAR_ATTACH_INTERNAL_H

#include <stddef.h>

#include <habar/attach.h>

/*
 * The body of habar_attach_check() for a file already in memory:
 * info->kind and info->media_type must be set (the rest is filled).
 */
enum habar_status habar__attach_check_memory(const unsigned char *data,
    size_t size, struct habar_attach_info *info);

/*
 * Checks that data[0..size) is a complete, uncorrupted OOXML package (every
 * member readable with a good CRC, within the unpacked-size limit) whose
 * [Content_Types].xml declares the main part info->kind requires and whose
 * main part is there.  Counts slides of a presentation.  Returns as
 * habar_attach_check().
 */
enum habar_status habar__ooxml_check(const unsigned char *data, size_t size,
    struct habar_attach_info *info);

/*
 * The body of habar_attach_pptx_text() for a package already in memory
 * and already checked.
 */
enum habar_status habar__pptx_text_memory(const unsigned char *data,
    size_t size, habar_slide_text_fn *emit, void *arg, char *err,
    size_t errlen);

/*
 * Parses one slide's XML (DrawingML) and calls emit for each non-empty
 * paragraph.  Returns HABAR_OK, HABAR_ERR_INPUT (malformed XML, a DOCTYPE
 * or an entity declaration; detail in err), HABAR_ERR_LIMIT (XML too
 * large) or HABAR_ERR_NOMEM; a nonzero return of emit stops with HABAR_OK
 * and *stopped set.
 */
enum habar_status habar__pptx_slide_text(const char *xml, size_t len,
    unsigned slide, habar_slide_text_fn *emit, void *arg, int *stopped,
    char *err, size_t errlen);

#endif
