/*
 * bundle.h: what goes into a release pack, decided once for habar-pack and
 * habar-batch: the release text in each language, the parallel XML, a TMX
 * of the release, the HTML pages and their stylesheet, the attachments
 * (each checked to be what its name says) and the text of each
 * presentation's slides as release text.  The layout inside the pack's
 * folder (named after the release id):
 *
 *   manifest.xml                  written by habar_pack_write()
 *   <id>.<lang>.md                the release, per language
 *   <id>.<lang>.docx              the same as a Word document
 *   <id>.xml, <id>.tmx            parallel XML, translation memory
 *   html/<id>.<lang>.html         a page per language
 *   html/index.html, style.css    the languages side by side (with the
 *                                 count of the checks' findings); the style
 *   qa.tsv, qa.html               the findings of habar-qa's checks
 *   attachments/<name>            the attachments as given
 *   slides/<name>.<lang>.md       slide text of each .pptx, release text,
 *                                 one file per language found on the slides
 */
#ifndef HABAR_BUNDLE_H
#define HABAR_BUNDLE_H

#include <stddef.h>

#include <habar/pack.h>
#include <habar/parallel.h>
#include <habar/qa.h>
#include <habar/status.h>

/* Called with a warning that does not stop the pack (an encrypted
 * attachment whose text cannot be read, say). */
typedef void habar_bundle_warn_fn(void *arg, const char *message);

struct habar_bundle_options {
	/* The original release file of each language of the document, by
	 * index (NULL, or NULL entries: written anew from the document). */
	const char *const *release_files;
	/* Where the attachments the releases name are looked for. */
	const char *attachment_dir;
	/* More attachments, by path (--attach). */
	const char *const *extra_attachments;
	size_t extra_count;
	const char *generator;		/* "habar-pack 0.1.0" */
	/* The confidence a sentence link needs to go into the pack's TMX and
	 * to stand unmarked on its side-by-side page (below it, the page
	 * marks the link doubtful): 0 for HABAR_TMX_MIN_CONFIDENCE, negative
	 * for every link. */
	double min_confidence;
	habar_bundle_warn_fn *warn;	/* may be NULL */
	void *warn_arg;
	/* habar-qa's checks over the versions (qa.tsv, qa.html):
	 * run unless no_qa; their counts go to *qa_stats when not NULL. */
	int no_qa;
	struct habar_qa_stats *qa_stats;
};

/*
 * Plans the pack of doc into *pack_out (free with habar_pack_free()),
 * ready for habar_pack_write().  Returns HABAR_OK; HABAR_ERR_INPUT when
 * doc has no id, an attachment is missing, unsafe (a name with a '/'),
 * corrupt or not what its name says (err says which and why);
 * HABAR_ERR_NOTFOUND when a data file (stylesheet) is missing;
 * HABAR_ERR_IO, HABAR_ERR_NOMEM.
 */
enum habar_status habar_bundle_plan(struct habar_pack **pack_out,
    const struct habar_parallel *doc, const struct habar_bundle_options *opt,
    char *err, size_t errlen);

#endif
