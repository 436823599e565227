/*
 * fuzz_attach.c: the attachment checker and slide-text extractor on
 * arbitrary bytes.  The first byte picks the kind the name would claim;
 * the rest is the file.
 */
#include <stdint.h>
#include <string.h>

#include <habar/attach.h>

#include "attach_internal.h"

static int
ignore(void *arg, unsigned slide, const char *text, size_t len)
{
	(void)arg;
	(void)slide;
	(void)text;
	(void)len;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *names[] = {
		"x.ppt", "x.pptx", "x.docx", "x.pdf", "x.png", "x.jpg", "x.gif"
	};
	struct habar_attach_info info;
	char err[256];

	if (size < 1)
		return 0;
	memset(&info, 0, sizeof(info));
	info.kind = habar_attach_kind_of(names[data[0] % 7], &info.media_type);
	if (habar__attach_check_memory(data + 1, size - 1, &info) == HABAR_OK &&
	    info.kind == HABAR_ATTACH_PPTX && !info.encrypted)
		habar__pptx_text_memory(data + 1, size - 1, ignore, NULL, err,
		    sizeof(err));
	return 0;
}
