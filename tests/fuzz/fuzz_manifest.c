/*
 * fuzz_manifest.c: the manifest reader (hardened parse, RELAX NG
 * validation, path checks) on arbitrary bytes; a manifest that reads
 * must write back and read again to the same entries.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <habar/manifest.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct habar_manifest *m = NULL, *again = NULL;
	char err[256], *xml = NULL;
	size_t len = 0, i;

	if (habar_manifest_from_xml(&m, (const char *)data, size, err,
	    sizeof(err)) != HABAR_OK)
		return 0;
	if (habar_manifest_to_xml(m, &xml, &len) != HABAR_OK ||
	    habar_manifest_from_xml(&again, xml, len, err, sizeof(err)) !=
	    HABAR_OK || again->count != m->count)
		abort();
	for (i = 0; i < m->count; i++)
		if (strcmp(m->entries[i].path, again->entries[i].path) != 0 ||
		    strcmp(m->entries[i].sha256, again->entries[i].sha256) != 0)
			abort();
	free(xml);
	habar_manifest_free(again);
	habar_manifest_free(m);
	return 0;
}
