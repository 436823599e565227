/*
 * fuzz_import.c: the Word and OpenDocument importer, and the reader of a
 * version in any form, on arbitrary bytes.  The first byte picks the name
 * the input would come under (.docx, .odt, .txt, .html, .md, .doc); the
 * rest is the file.  Whatever the bytes, the importer must neither crash nor read
 * out of bounds, and a document it accepts must write as a release whose
 * paragraphs are single, non-empty lines.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/import.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *names[] = { "x.docx", "x.odt", "x.txt", "x.html",
	    "x.md", "x.doc" };
	struct habar_import *imp = NULL;
	char err[512], *out = NULL;
	size_t len = 0, i, n;
	FILE *fp;

	if (size < 1)
		return 0;
	if (habar_import_any(&imp, data + 1, size - 1,
	    names[data[0] % (sizeof(names) / sizeof(names[0]))], err,
	    sizeof(err)) != HABAR_OK)
		return 0;
	n = habar_import_paragraph_count(imp);
	for (i = 0; i < n; i++) {
		const char *p = habar_import_paragraph(imp, i);
		if (p == NULL || *p == '\0' || strchr(p, '\n') != NULL)
			abort();
	}
	if ((fp = open_memstream(&out, &len)) != NULL) {
		if (habar_import_write(imp, fp, "id", NULL, "x") != HABAR_OK)
			abort();
		fclose(fp);
	}
	free(out);
	habar_import_free(imp);
	return 0;
}
