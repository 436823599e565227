/*
 * fuzz_tmindex.c: habar-xliff's memory index (xliff_index.c) read from
 * arbitrary bytes.  Each input is written as the index of a small TMX
 * memory made once in a temporary folder, with the header's record of
 * the memory's size and modification time set to the memory's, so that
 * the bytes get past that check to the sections; then a release is
 * matched against the memory.  Nothing may crash, hang or read outside
 * the mapped file, whatever the sections hold: a file refused is rebuilt
 * from the memory, one accepted gives wrong candidates at worst.  The
 * seed is the index habar-xliff builds for this memory.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <habar/xliff.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char tmx[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<tmx version=\"1.4\"><header creationtool=\"fuzz\" srclang=\"en\" "
    "datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" "
    "o-tmf=\"none\" creationtoolversion=\"1\"/><body>\n"
    "<tu><tuv xml:lang=\"en\"><seg>The forum opens on 25 November 2026."
    "</seg></tuv><tuv xml:lang=\"kk\"><seg>Форум 2026 жылғы 25 қарашада "
    "ашылады.</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>Entry is free.</seg></tuv>"
    "<tuv xml:lang=\"kk\"><seg>Кіру тегін.</seg></tuv>"
    "<tuv xml:lang=\"ru\"><seg>Вход свободный.</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>Schools in the region: 40 of them.</seg>"
    "</tuv><tuv xml:lang=\"kk\"><seg>Өңірдегі мектептер: 40.</seg></tuv></tu>\n"
    "</body></tmx>\n";

static const char release[] = "The forum opens on 26 November 2027.\n\n"
    "Entry is free. Schools in the region: 41 of them.\n";

static char dir[64], memory[128], cache[128];
static struct stat memory_st;

static void
clean(void)
{
	unlink(cache);
	unlink(memory);
	rmdir(dir);
}

static int
setup(void)
{
	FILE *fp;

	snprintf(dir, sizeof(dir), "/tmp/fuzz-tmindex-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(memory, sizeof(memory), "%s/memory.tmx", dir);
	snprintf(cache, sizeof(cache), "%s/memory.tmx.idx", dir);
	if ((fp = fopen(memory, "w")) == NULL)
		return -1;
	fputs(tmx, fp);
	if (fclose(fp) != 0 || stat(memory, &memory_st) != 0)
		return -1;
	/* The index goes beside the memory, where the input is put. */
	setenv("HABAR_CACHE_BESIDE", "1", 1);
	atexit(clean);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct habar_xliff *x = NULL;
	unsigned char *copy;
	uint64_t source_size;
	int64_t sec, nsec;
	char *out = NULL;
	size_t out_len = 0;
	FILE *fp;

	if (!ready) {
		if (setup() != 0)
			abort();
		ready = 1;
	}
	if ((copy = malloc(size + 1)) == NULL)
		return 0;
	memcpy(copy, data, size);
	/* The header's size, seconds and nanoseconds of the memory, at
	 * bytes 16, 24 and 32 (docs/habar-xliff.md, "Index"). */
	if (size >= 40) {
		source_size = (uint64_t)memory_st.st_size;
		sec = (int64_t)memory_st.st_mtim.tv_sec;
		nsec = (int64_t)memory_st.st_mtim.tv_nsec;
		memcpy(copy + 16, &source_size, 8);
		memcpy(copy + 24, &sec, 8);
		memcpy(copy + 32, &nsec, 8);
	}
	if ((fp = fopen(cache, "wb")) == NULL) {
		free(copy);
		return 0;
	}
	fwrite(copy, 1, size, fp);
	fclose(fp);
	free(copy);
	if (habar_xliff_new(&x) == HABAR_OK &&
	    habar_xliff_load_memory_file(x, memory) == HABAR_OK &&
	    (fp = open_memstream(&out, &out_len)) != NULL) {
		(void)habar_xliff_extract(x, fp, release, sizeof(release) - 1,
		    "fuzz.en.md", "en", "kk");
		fclose(fp);
	}
	free(out);
	habar_xliff_free(x);
	return 0;
}
