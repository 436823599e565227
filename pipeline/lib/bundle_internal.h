/*
 * bundle_internal.h: what bundle.c asks of bundle_qa.c.
 */
#ifndef HABAR_BUNDLE_INTERNAL_H
#define HABAR_BUNDLE_INTERNAL_H

#include <stddef.h>

#include <habar/pack.h>
#include <habar/parallel.h>
#include <habar/qa.h>
#include <habar/status.h>

/*
 * Runs habar-qa's checks over doc and adds their findings to pack as
 * qa.tsv and html/qa.html; *stats gets their counts.  Returns HABAR_OK,
 * or the checks' or the pack's error (err says what).
 */
enum habar_status habar__bundle_qa(struct habar_pack *pack,
    const struct habar_parallel *doc, struct habar_qa_stats *stats,
    char *err, size_t errlen);

#endif
