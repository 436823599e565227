/*
 * fuzz_parallel.c: the parallel XML reader (and the TMX reader behind
 * habar-tmx, which shares its hardened parse) on arbitrary bytes.  A
 * document that reads must write out and read back the same, and its
 * HTML pages (html.c: marks of doubtful and unlinked sentences, dates
 * formatted from whatever the front matter says) must be written.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/html.h>
#include <habar/parallel.h>
#include <habar/tmx.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Writes every page of doc; a page that cannot be written is a bug (the
 * only failure allowed is memory). */
static void
pages(const struct habar_parallel *doc)
{
	static const struct habar_html_file slides[] = {
		{ "../slides/d.pptx.kk.md", "d.pptx", "kk" },
		{ "../slides/d.pptx.und.md", "d.pptx", NULL }
	};
	struct habar_html_links links;
	enum habar_status status;
	char *html = NULL;
	size_t len, li;

	memset(&links, 0, sizeof(links));
	links.stylesheet = "style.css";
	links.attachments_dir = "../attachments/";
	links.side_by_side = "index.html";
	links.page_prefix = "r.";
	links.page_suffix = ".html";
	links.slides = slides;
	links.slide_count = 2;
	links.min_confidence = 0.5;
	for (li = 0; li < doc->language_count; li++) {
		status = habar_html_page(doc, li, &links, &html, &len);
		if (status != HABAR_OK && status != HABAR_ERR_NOMEM)
			abort();
		free(html);
	}
	status = habar_html_side_by_side(doc, &links, &html, &len);
	if (status != HABAR_OK && status != HABAR_ERR_NOMEM &&
	    !(status == HABAR_ERR_ARGUMENT && doc->language_count == 0))
		abort();
	free(html);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct habar_parallel *doc = NULL, *back = NULL;
	struct habar_parallel_error err;
	struct habar_tmx *tmx = NULL;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	if (habar_parallel_read(&doc, (const char *)data, size, &err) ==
	    HABAR_OK) {
		fp = open_memstream(&out, &len);
		if (fp != NULL) {
			habar_parallel_write(doc, fp);
			fclose(fp);
			if (habar_parallel_read(&back, out, len, &err) != HABAR_OK)
				abort();	/* what we write we must read */
			if (back->link_count[1] != doc->link_count[1])
				abort();
		}
		pages(doc);
	}
	if (habar_tmx_new(&tmx) == HABAR_OK) {
		habar_tmx_add_xml(tmx, (const char *)data, size, &err);
		habar_tmx_free(tmx);
	}
	habar_parallel_free(back);
	habar_parallel_free(doc);
	free(out);
	return 0;
}
