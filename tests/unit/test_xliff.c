/*
 * test_xliff.c: extraction of releases into XLIFF 2.0 and merging back:
 * byte-for-byte round trips of awkward releases, translated merges (lang,
 * quoting, inserted front matter, reordered targets), targets filled from
 * TMX and parallel XML with their states, and bad input (malformed XML,
 * not XLIFF 2.0, no trgLang, mismatched ids, XXE, billion laughs, invalid
 * UTF-8).  Every XLIFF document made here is validated against the OASIS
 * schema read in place from $HABAR_SHARED/schemas/xliff-2.0 when it is
 * there.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <habar/parallel.h>
#include <habar/xliff.h>

#include "check.h"

static xmlSchemaPtr schema, schema12;
static int schema_tried;
static size_t validated;

/* The schema at name under the shared directory, or NULL without it. */
static xmlSchemaPtr
load_one(const char *name)
{
	const char *shared = getenv("HABAR_SHARED");
	char path[4096];
	xmlSchemaParserCtxtPtr pctxt;
	xmlSchemaPtr loaded;
	FILE *fp;

	if (shared == NULL)
		return NULL;
	snprintf(path, sizeof(path), "%s/schemas/%s", shared, name);
	if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	fclose(fp);
	pctxt = xmlSchemaNewParserCtxt(path);
	CHECK(pctxt != NULL);
	loaded = xmlSchemaParse(pctxt);
	CHECK(loaded != NULL);
	xmlSchemaFreeParserCtxt(pctxt);
	return loaded;
}

static void
load_schema(void)
{
	schema_tried = 1;
	schema = load_one("xliff-2.0/xliff_core_2.0.xsd");
	schema12 = load_one("xliff-1.2/xliff-core-1.2-strict.xsd");
}

/* Checks xml against the XLIFF 2.0 core schema or the 1.2 strict one, as
 * its namespace says, when it is at hand. */
static void
check_valid(const char *xml, size_t len)
{
	xmlDocPtr doc;
	xmlSchemaValidCtxtPtr vctxt;
	xmlSchemaPtr which;

	if (!schema_tried)
		load_schema();
	which = strstr(xml, HABAR_XLIFF12_NS) != NULL ? schema12 : schema;
	if (which == NULL)
		return;
	doc = xmlReadMemory(xml, (int)len, "test.xlf", NULL, XML_PARSE_NONET);
	CHECK(doc != NULL);
	if (doc == NULL)
		return;
	vctxt = xmlSchemaNewValidCtxt(which);
	if (xmlSchemaValidateDoc(vctxt, doc) != 0) {
		fprintf(stderr, "not valid XLIFF:\n%.*s\n", (int)len, xml);
		check_failures++;
	}
	validated++;
	xmlSchemaFreeValidCtxt(vctxt);
	xmlFreeDoc(doc);
}

/* Extracts release (len bytes) into *out; validates what comes out. */
static enum habar_status
extract(struct habar_xliff *x, const char *release, size_t len,
    const char *src, const char *trg, char **out, size_t *out_len)
{
	FILE *fp = open_memstream(out, out_len);
	enum habar_status status;

	status = habar_xliff_extract(x, fp, release, len, "test.en.md", src, trg);
	fclose(fp);
	if (status == HABAR_OK)
		check_valid(*out, *out_len);
	else
		CHECK(*out_len == 0);	/* nothing half-written */
	return status;
}

static enum habar_status
merge(struct habar_xliff *x, const char *xml, size_t len, char **out,
    size_t *out_len)
{
	FILE *fp = open_memstream(out, out_len);
	enum habar_status status;

	status = habar_xliff_merge(x, fp, xml, len);
	fclose(fp);
	if (status != HABAR_OK)
		CHECK(*out_len == 0);
	return status;
}

/* Replaces the first occurrence of from in s (allocated) with to. */
static char *
replace(char *s, const char *from, const char *to)
{
	char *at = strstr(s, from), *r;
	size_t n;

	CHECK(at != NULL);
	if (at == NULL)
		return s;
	n = strlen(s) - strlen(from) + strlen(to) + 1;
	r = malloc(n);
	snprintf(r, n, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
	free(s);
	return r;
}

static void
check_round_trip_version(const char *release, size_t len, const char *src,
    enum habar_xliff_version version)
{
	struct habar_xliff *x;
	char *xml = NULL, *back = NULL, *again = NULL;
	size_t xml_len = 0, back_len = 0, again_len = 0;

	CHECK(habar_xliff_new(&x) == HABAR_OK);
	habar_xliff_set_version(x, version);
	CHECK(extract(x, release, len, src, "kk", &xml, &xml_len) == HABAR_OK);
	CHECK(merge(x, xml, xml_len, &back, &back_len) == HABAR_OK);
	if (back_len != len || memcmp(back, release, len) != 0) {
		fprintf(stderr, "round trip differs:\n[%.*s]\n[%.*s]\n", (int)len,
		    release, (int)back_len, back);
		check_failures++;
	}
	/* Ids and everything else are the same on a second run. */
	CHECK(extract(x, release, len, src, "kk", &again, &again_len) == HABAR_OK);
	CHECK(again_len == xml_len && memcmp(again, xml, xml_len) == 0);
	habar_xliff_free(x);
	free(xml);
	free(back);
	free(again);
}

/* The round trip through XLIFF 2.0 and 1.2, the latter with and without
 * the sources copied into the targets. */
static void
check_round_trip(const char *release, size_t len, const char *src)
{
	struct habar_xliff *x;
	char *xml = NULL, *back = NULL;
	size_t xml_len = 0, back_len = 0;

	check_round_trip_version(release, len, src, HABAR_XLIFF_2_0);
	check_round_trip_version(release, len, src, HABAR_XLIFF_1_2);
	CHECK(habar_xliff_new(&x) == HABAR_OK);
	habar_xliff_set_version(x, HABAR_XLIFF_1_2);
	habar_xliff_set_copy_source(x, 1);
	CHECK(extract(x, release, len, src, "kk", &xml, &xml_len) == HABAR_OK);
	CHECK(merge(x, xml, xml_len, &back, &back_len) == HABAR_OK);
	CHECK(back_len == len && memcmp(back, release, len) == 0);
	habar_xliff_free(x);
	free(xml);
	free(back);
}

static void
test_round_trips(void)
{
	static const char *const releases[] = {
		"",
		"\n\n",
		"Just one line",
		"---\nlang: en\n---\n",
		"---\nid: x\nlang: en\ntitle: T\n---\nBody. More body.\n",
		"\xEF\xBB\xBFText.\r\n\r\nMore.\r\n",
		"\n\n  \nLeading blanks.  Two spaces between.\n\n\n",
		("---\n# comment\nid: r\nlang: en\ntitle: 'It''s: quoted'\n"
		    "title: again\nplace:\n...\nLine one\nline two.\n\t\nLast."),
		"Markup <b>&amp; ]]> \"quotes\" 'apostrophes' \xEF\xBF\xBE.\n",
		"---\nlang: en\nnote: \"tab\\there\"\n---\n\n\x1B[1mescape\x7F.\n",
	};
	static const char nul[] = "A NUL\0inside. And after.\n";
	size_t i;

	for (i = 0; i < sizeof(releases) / sizeof(*releases); i++)
		check_round_trip(releases[i], strlen(releases[i]), "en");
	check_round_trip(nul, sizeof(nul) - 1, "en");
}

static void
test_translated(void)
{
	struct habar_xliff *x;
	char *xml = NULL, *out = NULL;
	size_t xml_len = 0, out_len = 0;
	static const char release[] =
	    "---\nid: t\nlang: en\ntitle: Hello\ndate: 2026-01-01\n---\n\n"
	    "One. Two.\n";

	CHECK(habar_xliff_new(&x) == HABAR_OK);
	CHECK(extract(x, release, strlen(release), NULL, "kk", &xml,
	    &xml_len) == HABAR_OK);
	CHECK(strstr(xml, "srcLang=\"en\" trgLang=\"kk\"") != NULL);
	CHECK(strstr(xml, "<file id=\"t\" original=\"test.en.md\"") != NULL);
	CHECK(strstr(xml, "<unit id=\"meta-title\" name=\"title\"") != NULL);
	CHECK(strstr(xml, "<segment id=\"p1-s2\"><source>Two.</source>") != NULL);
	CHECK(strstr(xml, "<ignorable id=\"p1-i1\"><source> </source>") != NULL);
	CHECK(strstr(xml, "meta-date") == NULL);
	xml = replace(xml, "<source>One.</source>",
	    "<source>One.</source><target>Бір.</target>");
	xml = replace(xml, "<source>Hello</source>",
	    "<source>Hello</source><target>Сәлем: әлем</target>");
	check_valid(xml, strlen(xml));
	CHECK(merge(x, xml, strlen(xml), &out, &out_len) == HABAR_OK);
	CHECK_MEM(out, out_len, "---\nid: t\nlang: kk\ntitle: \"Сәлем: әлем\"\n"
	    "date: 2026-01-01\n---\n\nБір. Two.\n");
	CHECK(habar_xliff_untranslated(x) == 1);
	free(xml);
	free(out);

	/* No front matter: one is made for lang. */
	xml = NULL, out = NULL;
	CHECK(extract(x, "One. Two.\n", 10, "en", "ru", &xml, &xml_len) ==
	    HABAR_OK);
	xml = replace(xml, "<source>Two.</source>",
	    "<source>Two.</source><target>Два.</target>");
	CHECK(merge(x, xml, strlen(xml), &out, &out_len) == HABAR_OK);
	CHECK_MEM(out, out_len, "---\nlang: ru\n---\nOne. Два.\n");
	free(xml);
	free(out);

	/* Front matter without lang: the line is added before the fence. */
	xml = NULL, out = NULL;
	CHECK(extract(x, "---\nid: t\n---\nOne.\n", 19, "en", "kk", &xml,
	    &xml_len) == HABAR_OK);
	xml = replace(xml, "<source>One.</source>",
	    "<source>One.</source><target>Бір.</target>");
	CHECK(merge(x, xml, strlen(xml), &out, &out_len) == HABAR_OK);
	CHECK_MEM(out, out_len, "---\nid: t\nlang: kk\n---\nБір.\n");
	free(xml);
	free(out);

	/* Targets reordered with order="", inline codes reduced to text. */
	xml = NULL, out = NULL;
	CHECK(extract(x, "First. Second.\n", 15, "en", "kk", &xml, &xml_len) ==
	    HABAR_OK);
	xml = replace(xml, "<source>First.</source>",
	    "<source>First.</source><target order=\"3\">Бірінші.</target>");
	xml = replace(xml, "<source> </source>",
	    "<source> </source><target order=\"2\"> </target>");
	xml = replace(xml, "<source>Second.</source>",
	    "<source>Second.</source><target order=\"1\"><pc id=\"1\">Екінші</pc>"
	    "<ph id=\"2\"/>.</target>");
	check_valid(xml, strlen(xml));
	CHECK(merge(x, xml, strlen(xml), &out, &out_len) == HABAR_OK);
	CHECK_MEM(out, out_len, "---\nlang: kk\n---\nЕкінші. Бірінші.\n");
	CHECK(habar_xliff_untranslated(x) == 0);
	free(xml);
	free(out);
	habar_xliff_free(x);
}

/* Expects merging xml to fail with a message holding want at line. */
static void
check_merge_error(const char *xml, const char *want, unsigned long line)
{
	struct habar_xliff *x;
	char *out = NULL;
	size_t out_len = 0;

	CHECK(habar_xliff_new(&x) == HABAR_OK);
	CHECK(merge(x, xml, strlen(xml), &out, &out_len) != HABAR_OK);
	if (strstr(habar_xliff_error(x), want) == NULL) {
		fprintf(stderr, "error \"%s\" lacks \"%s\"\n", habar_xliff_error(x),
		    want);
		check_failures++;
	}
	if (line != 0 && habar_xliff_error_line(x) != line) {
		fprintf(stderr, "error \"%s\" at line %lu, not %lu\n",
		    habar_xliff_error(x), habar_xliff_error_line(x), line);
		check_failures++;
	}
	free(out);
	habar_xliff_free(x);
}

static void
test_bad_xliff(void)
{
	struct habar_xliff *x;
	char *xml = NULL, *bad;
	size_t xml_len = 0;

	check_merge_error("", "empty", 1);
	check_merge_error("<?xml version=\"1.0\"?>\n<xliff version=\"2.0\">\n"
	    "<file></xliff>\n", "malformed XML", 3);
	check_merge_error("<tmx version=\"1.4\"><body/></tmx>",
	    "not an XLIFF document", 1);
	check_merge_error("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" "
	    "version=\"1.2\"><file/></xliff>", "<file> has no source-language", 1);
	check_merge_error("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.1\" "
	    "version=\"1.1\"><file/></xliff>", "not an XLIFF 2.0 or 1.2 document", 1);
	check_merge_error("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\""
	    "\n version=\"2.0\" srcLang=\"en\"><file id=\"f\"/></xliff>",
	    "missing target language", 2);
	check_merge_error("<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [\n"
	    "<!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n<xliff>&x;</xliff>\n",
	    "declares entities", 3);
	check_merge_error("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
	    "<!ENTITY lol \"lol\">\n"
	    "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	    "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
	    "]>\n<lolz>&lol2;</lolz>\n", "declares entities", 3);
	check_merge_error("<?xml version=\"1.0\"?>\n<!DOCTYPE x [\n"
	    "<!ENTITY % p SYSTEM \"http://example.invalid/x.dtd\">\n%p;\n]>\n"
	    "<x/>\n", "declares entities", 3);

	CHECK(habar_xliff_new(&x) == HABAR_OK);
	CHECK(extract(x, "One.\n\nTwo.\n", 11, "en", "kk", &xml, &xml_len) ==
	    HABAR_OK);
	habar_xliff_free(x);
	bad = replace(strdup(xml), "<unit id=\"p2\">", "<unit id=\"p9\">");
	check_merge_error(bad, "refers to unit 'p2', which the file lacks", 6);
	free(bad);
	bad = replace(strdup(xml), "<hb:unit ref=\"p2\"/>", "");
	check_merge_error(bad, "unit 'p2' is not in the skeleton", 0);
	free(bad);
	bad = replace(strdup(xml), "<unit id=\"p2\">", "<unit id=\"p1\">");
	check_merge_error(bad, "unit id 'p1' is used twice", 0);
	free(bad);
	bad = replace(strdup(xml), "<skeleton>", "<skeleton><hb:other/>");
	check_merge_error(bad, "unexpected element <other>", 4);
	free(bad);
	bad = replace(strdup(xml), "</source>", "<cp hex=\"D800\"/></source>");
	check_merge_error(bad, "<cp> without a valid hex", 0);
	free(bad);
	free(xml);
}

static void
test_bad_release(void)
{
	struct habar_xliff *x;
	char *xml = NULL;
	size_t xml_len = 0;

	CHECK(habar_xliff_new(&x) == HABAR_OK);
	CHECK(extract(x, "ok\nbad \xC3\x28 byte\n", 16, "en", "kk", &xml,
	    &xml_len) == HABAR_ERR_INPUT);
	CHECK(habar_xliff_error_line(x) == 2);
	CHECK(strstr(habar_xliff_error(x), "invalid UTF-8") != NULL);
	free(xml), xml = NULL;
	CHECK(extract(x, "No lang.\n", 9, NULL, "kk", &xml, &xml_len) ==
	    HABAR_ERR_ARGUMENT);
	CHECK(strstr(habar_xliff_error(x), "no 'lang' field") != NULL);
	free(xml), xml = NULL;
	CHECK(extract(x, "Text.\n", 6, "en", NULL, &xml, &xml_len) ==
	    HABAR_ERR_ARGUMENT);
	free(xml), xml = NULL;
	CHECK(extract(x, "Text.\n", 6, "en", "en", &xml, &xml_len) ==
	    HABAR_ERR_ARGUMENT);
	free(xml), xml = NULL;
	CHECK(extract(x, "Text.\n", 6, "en", "not a tag", &xml, &xml_len) ==
	    HABAR_ERR_ARGUMENT);
	free(xml), xml = NULL;
	CHECK(extract(x, "---\nlang: kk\n---\nText.\n", 23, "ru", "en", &xml,
	    &xml_len) == HABAR_ERR_ARGUMENT);
	free(xml), xml = NULL;
	CHECK(extract(x, "---\nlang: en\ntitle: T\n", 22, NULL, "kk", &xml,
	    &xml_len) == HABAR_ERR_INPUT);
	CHECK(strstr(habar_xliff_error(x), "not closed") != NULL);
	free(xml);
	habar_xliff_free(x);
}

static const char tmx[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
    "<tmx version=\"1.4\"><header creationtool=\"test\" srclang=\"en\" "
    "datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" "
    "o-tmf=\"none\" creationtoolversion=\"1\"/><body>\n"
    "<tu><tuv xml:lang=\"en\"><seg>One.</seg></tuv>"
    "<tuv xml:lang=\"kk\"><seg>Бір.</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en-US\"><seg>Two  <hi>words</hi>.</seg></tuv>"
    "<tuv xml:lang=\"kk\"><seg>Екі <bpt i=\"1\">{b}</bpt>сөз<ept i=\"1\">{/b}"
    "</ept>.</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>Three.</seg></tuv>"
    "<tuv xml:lang=\"kk-Latn\"><seg>Üş.</seg></tuv></tu>\n"
    "</body></tmx>\n";

static void
test_fill_tmx(void)
{
	struct habar_xliff *x;
	char *xml = NULL;
	size_t xml_len = 0;
	static const char release[] = "One. Two words. Three.\n";
	static const char xxe[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n"
	    "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<tmx>&x;</tmx>\n";

	CHECK(habar_xliff_new(&x) == HABAR_OK);
	CHECK(habar_xliff_load_memory(x, tmx, strlen(tmx)) == HABAR_OK);
	CHECK(habar_xliff_memory_size(x) == 3);
	CHECK(extract(x, release, strlen(release), "en", "kk", &xml,
	    &xml_len) == HABAR_OK);
	CHECK(strstr(xml, "<segment id=\"p1-s1\" state=\"translated\"><source>One."
	    "</source><target>Бір.</target>") != NULL);
	CHECK(strstr(xml, "<segment id=\"p1-s2\" state=\"initial\"><source>Two "
	    "words.</source><target>Екі сөз.</target>") != NULL);
	CHECK(strstr(xml, "<segment id=\"p1-s3\"><source>Three.</source>"
	    "</segment>") != NULL);
	free(xml);
	CHECK(habar_xliff_load_memory(x, xxe, strlen(xxe)) == HABAR_ERR_INPUT);
	CHECK(strstr(habar_xliff_error(x), "declares entities") != NULL);
	CHECK(habar_xliff_load_memory(x, "<tmx><body>", 11) == HABAR_ERR_INPUT);
	CHECK(strstr(habar_xliff_error(x), "malformed XML") != NULL);
	habar_xliff_free(x);
}

/* Writes len bytes of data to path; 0 on success. */
static int
write_file(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	int ok;

	if (fp == NULL)
		return -1;
	ok = fwrite(data, 1, len, fp) == len;
	return fclose(fp) == 0 && ok ? 0 : -1;
}

static const char tmx_fuzzy[] =
    "<tu><tuv xml:lang=\"en\"><seg>The forum opens in Astana on Monday "
    "morning.</seg></tuv><tuv xml:lang=\"kk\"><seg>Форум дүйсенбі күні "
    "таңертең Астанада ашылады.</seg></tuv></tu>\n</body></tmx>\n";

/* Extracts release with the memory at path used through its index. */
static char *
extract_indexed(const char *path, const char *release)
{
	struct habar_xliff *x;
	char *xml = NULL;
	size_t xml_len = 0;

	CHECK(habar_xliff_new(&x) == HABAR_OK);
	CHECK(habar_xliff_load_memory_file(x, path) == HABAR_OK);
	CHECK(habar_xliff_memory_size(x) == 4);
	CHECK(extract(x, release, strlen(release), "en", "kk", &xml,
	    &xml_len) == HABAR_OK);
	habar_xliff_free(x);
	return xml;
}

/*
 * The index of a TMX memory: built once beside it, used while the memory
 * keeps its size and time, rebuilt when stale or damaged in its header;
 * a damaged body gives no crash (the sanitizer builds check reads); the
 * matches equal those of the memory read whole.
 */
static void
test_index(void)
{
	char dir[] = "/tmp/habar-index-XXXXXX", path[64], cache[80];
	static const char release[] = "One. Two words. Three.\n\n"
	    "The forum opens in Almaty on Monday morning.\n";
	char *mem, *xml, *whole = NULL;
	struct habar_xliff *x;
	size_t len = strlen(tmx) - strlen("</body></tmx>\n"), whole_len = 0;
	struct timespec times[2];
	FILE *fp;
	int built = -1;
	long size;

	if (mkdtemp(dir) == NULL) {
		CHECK(0);
		return;
	}
	setenv("HABAR_CACHE_BESIDE", "1", 1);
	snprintf(path, sizeof(path), "%s/memory.tmx", dir);
	snprintf(cache, sizeof(cache), "%s/memory.tmx.idx", dir);
	mem = malloc(len + sizeof(tmx_fuzzy));
	memcpy(mem, tmx, len);
	memcpy(mem + len, tmx_fuzzy, sizeof(tmx_fuzzy));
	CHECK(write_file(path, mem, strlen(mem)) == 0);

	/* Built once, then fresh. */
	CHECK(habar_xliff_new(&x) == HABAR_OK);
	CHECK(habar_xliff_index_memory(x, path, &built) == HABAR_OK);
	CHECK(built == 1);
	CHECK(habar_xliff_index_memory(x, path, &built) == HABAR_OK);
	CHECK(built == 0);
	/* The same matches as the memory read whole. */
	CHECK(habar_xliff_load_memory_from(x, mem, strlen(mem), path) ==
	    HABAR_OK);
	CHECK(extract(x, release, strlen(release), "en", "kk", &whole,
	    &whole_len) == HABAR_OK);
	habar_xliff_free(x);
	xml = extract_indexed(path, release);
	CHECK(xml != NULL && whole != NULL && strcmp(xml, whole) == 0);
	CHECK(xml != NULL && strstr(xml, "<segment id=\"p1-s1\" "
	    "state=\"translated\"><source>One.</source><target>Бір.</target>")
	    != NULL);
	CHECK(xml != NULL && strstr(xml, "similarity=\"") != NULL &&
	    strstr(xml, "Астанада ашылады.</target>") != NULL);
	free(xml);

	/* A memory changed at the same size: stale by its time. */
	memcpy(strstr(mem, "One."), "Uno.", 4);
	CHECK(write_file(path, mem, strlen(mem)) == 0);
	times[0].tv_sec = times[1].tv_sec = 1000000000;
	times[0].tv_nsec = times[1].tv_nsec = 0;
	CHECK(utimensat(AT_FDCWD, path, times, 0) == 0);
	CHECK(habar_xliff_new(&x) == HABAR_OK);
	CHECK(habar_xliff_index_memory(x, path, &built) == HABAR_OK);
	CHECK(built == 1);
	habar_xliff_free(x);
	xml = extract_indexed(path, "Uno.\n");
	CHECK(xml != NULL && strstr(xml, "<source>Uno.</source><target>") !=
	    NULL);
	free(xml);

	/* A damaged header: refused and rebuilt. */
	if ((fp = fopen(cache, "r+b")) != NULL) {
		fputs("XXXX", fp);
		fclose(fp);
	}
	CHECK(habar_xliff_new(&x) == HABAR_OK);
	CHECK(habar_xliff_index_memory(x, path, &built) == HABAR_OK);
	CHECK(built == 1);
	habar_xliff_free(x);
	/* A damaged body behind a sound header: no crash, whatever the
	 * matches. */
	if ((fp = fopen(cache, "r+b")) != NULL) {
		fseek(fp, 0, SEEK_END);
		size = ftell(fp);
		fseek(fp, 256, SEEK_SET);
		while (ftell(fp) < size)
			fputc(0xA5 ^ (int)(ftell(fp) * 7), fp);
		fclose(fp);
	}
	CHECK(habar_xliff_new(&x) == HABAR_OK);
	CHECK(habar_xliff_load_memory_file(x, path) == HABAR_OK);
	xml = NULL;
	len = 0;
	CHECK(extract(x, release, strlen(release), "en", "kk", &xml, &len) ==
	    HABAR_OK);
	free(xml);
	habar_xliff_free(x);
	/* A truncated cache: refused and rebuilt. */
	CHECK(truncate(cache, 100) == 0);
	CHECK(habar_xliff_new(&x) == HABAR_OK);
	CHECK(habar_xliff_index_memory(x, path, &built) == HABAR_OK);
	CHECK(built == 1);
	habar_xliff_free(x);
	/* A malformed memory: an error with its line, no cache. */
	CHECK(write_file(path, "<tmx version=\"1.4\"><header/>\n<body><tu>",
	    40) == 0);
	CHECK(habar_xliff_new(&x) == HABAR_OK);
	CHECK(habar_xliff_index_memory(x, path, &built) == HABAR_ERR_INPUT);
	CHECK(habar_xliff_error_line(x) > 0);
	habar_xliff_free(x);

	free(whole);
	free(mem);
	unlink(cache);
	unlink(path);
	rmdir(dir);
	setenv("HABAR_CACHE_BESIDE", "0", 1);
}

static const char tmx_values[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<tmx version=\"1.4\"><header creationtool=\"test\" srclang=\"en\" "
    "datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" "
    "o-tmf=\"none\" creationtoolversion=\"1\"/><body>\n"
    "<tu><tuv xml:lang=\"en\"><seg>Call 116 123 for help.</seg></tuv>"
    "<tuv xml:lang=\"ru\"><seg>Звоните по номеру 116 123.</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>It happened at 02:30 BST.</seg></tuv>"
    "<tuv xml:lang=\"ru\"><seg>Это случилось в 02:30 по летнему "
    "времени.</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>They met on Saturday (September 29) in "
    "Berlin.</seg></tuv><tuv xml:lang=\"ru\"><seg>Они встретились в "
    "субботу, 29-го сентября, в Берлине.</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>Log 247 of 30th September is "
    "closed.</seg></tuv><tuv xml:lang=\"ru\"><seg>Дело 247 от 30 сентября "
    "закрыто.</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>The $11 billion Nord Stream 2 pipeline "
    "will double the capacity.</seg></tuv><tuv xml:lang=\"kk\"><seg>Құбырды "
    "екі есе ұлғайтатын 11 миллиард долларлық Норд Стрим 2 құбыры.</seg>"
    "</tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>The fair lasts 2 days and 72 percent of "
    "stands are sold.</seg></tuv><tuv xml:lang=\"ru\"><seg>Ярмарка продлится "
    "2 дня, продано 72 процента мест.</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>We visited 74 schools.</seg></tuv>"
    "<tuv xml:lang=\"ru\"><seg>Мы побывали в 74 школах.</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>Astana beat Kairat 1 - 0 in August. "
    "The fans cheered.</seg></tuv><tuv xml:lang=\"ru\"><seg>«Астана» "
    "обыграла «Кайрат» со счетом 1:0 в августе. Болельщики ликовали."
    "</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"en\"><seg>The match starts at 15:00.</seg></tuv>"
    "<tuv xml:lang=\"kk\"><seg>Матч сағат 15-те басталады.</seg></tuv>"
    "</tu>\n"
    "</body></tmx>\n";

/*
 * Adapted matches: the digits of a value the target groups otherwise
 * ("116 123" read as two numbers in English, one in Russian), an hour's
 * leading zero, a date whose weekday only one side writes, a day with an
 * ordinal ending, and the figure rather than the word («екі») chosen for
 * a number the source wrote in figures.
 */
static void
test_adapt(void)
{
	struct habar_xliff *x;
	char *xml = NULL;
	size_t xml_len = 0;
	static const char ru[] = "Call 121 128 for help.\n\n"
	    "It happened at 02:34 BST.\n\n"
	    "They met on Saturday (January 29) in Berlin.\n\n"
	    "Log 250 of 30th April is closed.\n";
	static const char kk[] = "The $13 billion Nord Stream 4 pipeline will "
	    "double the capacity.\n\nThe match starts at 13:00.\n\n"
	    "The match starts at 16:00.\n";
	/* The nouns after a changed number take its form; a noun the
	 * data do not know in the case it stands in refuses the match;
	 * a score and a month alone adapt, also in two sentences that
	 * the memory holds as one unit. */
	static const char agree[] = "The fair lasts 5 days and 21 percent of "
	    "stands are sold.\n\nWe visited 81 schools.\n\n"
	    "Astana beat Kairat 3 - 2 in July. The fans cheered.\n";

	CHECK(habar_xliff_new(&x) == HABAR_OK);
	CHECK(habar_xliff_load_memory(x, tmx_values, strlen(tmx_values)) ==
	    HABAR_OK);
	CHECK(extract(x, ru, strlen(ru), "en", "ru", &xml, &xml_len) ==
	    HABAR_OK);
	CHECK(xml != NULL && strstr(xml, "<target>Звоните по номеру 121 128."
	    "</target>") != NULL);
	CHECK(xml != NULL && strstr(xml, "<target>Это случилось в 02:34 по "
	    "летнему времени.</target>") != NULL);
	CHECK(xml != NULL && strstr(xml, "<target>Они встретились в субботу, "
	    "29-го января, в Берлине.</target>") != NULL);
	CHECK(xml != NULL && strstr(xml, "<target>Дело 250 от 30 апреля "
	    "закрыто.</target>") != NULL);
	free(xml);
	xml = NULL;
	CHECK(extract(x, kk, strlen(kk), "en", "kk", &xml, &xml_len) ==
	    HABAR_OK);
	CHECK(xml != NULL && strstr(xml, "<target>Құбырды екі есе ұлғайтатын 13 "
	    "миллиард долларлық Норд Стрим 4 құбыры.</target>") != NULL);
	/* The suffix after the hour fits 13 (үш) as it fit 15 (бес), not
	 * 16 (алты: 16-да). */
	CHECK(xml != NULL && strstr(xml, "<target>Матч сағат 13-те "
	    "басталады.</target>") != NULL);
	CHECK(xml != NULL && strstr(xml, "16-те") == NULL);
	free(xml);
	xml = NULL;
	CHECK(extract(x, agree, strlen(agree), "en", "ru", &xml, &xml_len) ==
	    HABAR_OK);
	CHECK(xml != NULL && strstr(xml, "<target>Ярмарка продлится 5 дней, "
	    "продано 21 процент мест.</target>") != NULL);
	CHECK(xml != NULL && strstr(xml, "в 81 школах") == NULL);
	CHECK(xml != NULL && strstr(xml, "<target>«Астана» обыграла «Кайрат» "
	    "со счетом 3:2 в июле. Болельщики ликовали.</target>") != NULL);
	CHECK(xml != NULL && strstr(xml, "habar:joined-2") != NULL);
	free(xml);
	habar_xliff_free(x);
}

static void
test_fill_parallel(void)
{
	struct habar_parallel *doc;
	struct habar_parallel_run runs[2];
	struct habar_xliff *x;
	char *pxml = NULL, *xml = NULL, *out = NULL;
	size_t pxml_len = 0, xml_len = 0, out_len = 0, en, kk;
	FILE *fp;
	static const char release[] =
	    "---\nid: p\nlang: en\ntitle: The forum\n---\n\nIt opens. It closes.\n";

	CHECK(habar_parallel_new(&doc) == HABAR_OK);
	CHECK(habar_parallel_set(doc, "id", "p") == HABAR_OK);
	CHECK(habar_parallel_add_language(doc, "en", &en) == HABAR_OK);
	CHECK(habar_parallel_add_language(doc, "kk", &kk) == HABAR_OK);
	CHECK(habar_parallel_add_field(doc, en, "title", "The forum") == HABAR_OK);
	CHECK(habar_parallel_add_field(doc, kk, "title", "Форум") == HABAR_OK);
	CHECK(habar_parallel_add_sentence(doc, en, "It opens.", 9, NULL) ==
	    HABAR_OK);
	CHECK(habar_parallel_add_sentence(doc, en, "It closes.", 10, NULL) ==
	    HABAR_OK);
	CHECK(habar_parallel_add_sentence(doc, kk, "Ол ашылады.",
	    strlen("Ол ашылады."), NULL) == HABAR_OK);
	CHECK(habar_parallel_add_sentence(doc, kk, "Ол жабылады.",
	    strlen("Ол жабылады."), NULL) == HABAR_OK);
	runs[0].first = 0, runs[0].count = 1;
	runs[1].first = 0, runs[1].count = 1;
	CHECK(habar_parallel_add_link(doc, HABAR_PARALLEL_PARAGRAPHS, runs,
	    0.9) == HABAR_OK);
	CHECK(habar_parallel_add_link(doc, HABAR_PARALLEL_SENTENCES, runs,
	    0.9) == HABAR_OK);
	runs[0].first = runs[1].first = 1;
	CHECK(habar_parallel_add_link(doc, HABAR_PARALLEL_SENTENCES, runs,
	    0.2) == HABAR_OK);
	fp = open_memstream(&pxml, &pxml_len);
	CHECK(habar_parallel_write(doc, fp) == HABAR_OK);
	fclose(fp);
	habar_parallel_free(doc);

	CHECK(habar_xliff_new(&x) == HABAR_OK);
	CHECK(habar_xliff_load_memory(x, pxml, pxml_len) == HABAR_OK);
	CHECK(extract(x, release, strlen(release), NULL, "kk", &xml,
	    &xml_len) == HABAR_OK);
	CHECK(strstr(xml, "<segment id=\"p1-s1\" state=\"translated\"><source>It "
	    "opens.</source><target>Ол ашылады.</target>") != NULL);
	CHECK(strstr(xml, "<segment id=\"p1-s2\" state=\"initial\"><source>It "
	    "closes.</source><target>Ол жабылады.</target>") != NULL);
	CHECK(strstr(xml, "<source>The forum</source><target>Форум</target>") !=
	    NULL);
	CHECK(merge(x, xml, xml_len, &out, &out_len) == HABAR_OK);
	CHECK_MEM(out, out_len, "---\nid: p\nlang: kk\ntitle: Форум\n---\n\n"
	    "Ол ашылады. Ол жабылады.\n");
	habar_xliff_free(x);
	free(pxml);
	free(xml);
	free(out);
}

static char warnings[4096];

static void
collect(void *arg, unsigned long line, const char *message)
{
	size_t n = strlen(warnings);

	(void)arg;
	snprintf(warnings + n, sizeof(warnings) - n, "%lu: %s\n", line, message);
}

static void
test_warnings_and_options(void)
{
	struct habar_xliff *x;
	char *xml = NULL, *out = NULL, *big;
	size_t xml_len = 0, out_len = 0, big_len, i;
	static const char release[] =
	    "---\nlang: en\ntitle: T\nplace: Astana\n---\n\nOne. Two.\n";

	CHECK(habar_xliff_new(&x) == HABAR_OK);
	habar_xliff_set_warn(x, collect, NULL);
	CHECK(habar_xliff_keep_field(x, "place") == HABAR_OK);
	CHECK(extract(x, release, strlen(release), NULL, "kk", &xml, &xml_len) ==
	    HABAR_OK);
	CHECK(strstr(xml, "meta-title") != NULL);
	CHECK(strstr(xml, "meta-place") == NULL);
	xml = replace(xml, "<source>One.</source>",
	    "<source>One.</source><target>Бір.\n  \nЕкі.</target>");
	warnings[0] = '\0';
	CHECK(merge(x, xml, strlen(xml), &out, &out_len) == HABAR_OK);
	CHECK(strstr(warnings, "unit 'p1' holds a blank line") != NULL);
	CHECK(strstr(warnings, "segment 'p1-s2' of unit 'p1' has no target") !=
	    NULL);
	CHECK(strstr(warnings, "segment 'meta-title-s1'") != NULL);
	CHECK(habar_xliff_untranslated(x) == 2);
	free(xml), xml = NULL;
	free(out), out = NULL;

	/* A paragraph beyond the segmenter's cap is one segment: five lines
	 * of 1 MiB, each within the line limit every program shares. */
	big_len = 5u * 1024 * 1024;
	big = malloc(big_len + 1);
	for (i = 0; i < big_len; i++)
		big[i] = i % (1024 * 1024) == 1024 * 1024 - 1 ? '\n' :
		    i % 6 == 5 ? ' ' : 'w';
	big[0] = ' ';
	big[big_len - 1] = '\n';
	warnings[0] = '\0';
	CHECK(extract(x, big, big_len, "en", "kk", &xml, &xml_len) == HABAR_OK);
	CHECK(strstr(warnings, "1: paragraph p1 is too long") != NULL);
	CHECK(strstr(xml, "<segment id=\"p1-s2\"") == NULL);
	CHECK(strstr(xml, "<ignorable id=\"p1-i1\"><source> </source>") != NULL);
	CHECK(merge(x, xml, xml_len, &out, &out_len) == HABAR_OK);
	CHECK(out_len == big_len && memcmp(out, big, big_len) == 0);
	free(big);
	free(xml);
	free(out);
	habar_xliff_free(x);
}

int
main(void)
{
	test_round_trips();
	test_translated();
	test_bad_xliff();
	test_bad_release();
	test_fill_tmx();
	test_index();
	test_adapt();
	test_fill_parallel();
	test_warnings_and_options();
	if (schema == NULL)
		printf("the XLIFF 2.0 schema is not under $HABAR_SHARED: "
		    "documents not validated\n");
	else
		printf("%zu documents valid against the XLIFF 2.0 schema\n",
		    validated);
	xmlSchemaFree(schema);
	xmlSchemaFree(schema12);
	return CHECK_DONE();
}
