/*
 * fuzz_source.c: the archive reader (habar/source.h) over libarchive's
 * memory reader on arbitrary bytes: every member's name made safe, its
 * data read piece by piece under small limits, every problem reported
 * and the walk going on, as habar-batch walks an archive.
 */
#include <stdint.h>
#include <string.h>

#include <habar/source.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Small limits, so that the member, ratio and total checks are
	 * reached by small inputs. */
	struct habar_source_limits limits = { 1u << 20, 4u << 20, 50 };
	struct habar_source *src = NULL;
	struct habar_source_member m;
	enum habar_status status;
	const void *chunk;
	size_t n, members = 0;

	if (habar_source_open_memory(&src, data, size, &limits) != HABAR_OK) {
		habar_source_free(src);
		return 0;
	}
	while (members++ < 10000) {
		status = habar_source_next(src, &m);
		if (status == HABAR_ERR_INPUT)
			continue;
		if (status != HABAR_OK)
			break;
		/* A safe name: relative, no "..". */
		if (m.name[0] == '/' || strcmp(m.name, "..") == 0 ||
		    strncmp(m.name, "../", 3) == 0 || strstr(m.name, "/../"))
			__builtin_trap();
		while ((status = habar_source_read_chunk(src, &chunk, &n)) ==
		    HABAR_OK && n > 0)
			if (n > HABAR_SOURCE_CHUNK)
				__builtin_trap();
		if (status == HABAR_ERR_LIMIT && habar_source_refused(src))
			break;
	}
	(void)habar_source_error(src);
	habar_source_free(src);
	return 0;
}
