/*
 * align_private.h: the aligner's handle, shared by align.c (alignment)
 * and align_load.c (reading releases).  Not part of the public API.
 */
#ifndef HABAR_ALIGN_PRIVATE_H
#define HABAR_ALIGN_PRIVATE_H

#include <habar/lexicon.h>
#include <habar/parallel.h>

#include "align_internal.h"

struct habar_align {
	struct habar__align_icu *icu;
	struct habar__anchor_cache *cache;
	/* A second thread's, for long documents (NULL until needed). */
	struct habar__align_icu *icu2;
	struct habar__anchor_cache *cache2;
	/* The values' recogniser both caches read (align_value.c). */
	struct habar_recogniser *rec;
	char error[256];
	unsigned long line;
	/*
	 * For each language of the document read a sentence a line, the
	 * segmenter that finds the boundaries its lines show; NULL for one
	 * segmented here (or whose language it has no rules for).
	 */
	struct habar_seg *line_seg[HABAR_PARALLEL_MAX_LANGS];
	/* The lexicon: the project's word lists and what the memories
	 * given taught; NULL until either is read. */
	struct habar_lexicon *memory;
	/* The word lists: 1 read, -1 not wanted, 0 not yet read. */
	int lists;
	/*
	 * The links of a pair of languages inside the sentence links of the
	 * document last aligned that hold two sentences or more of both
	 * (the third language merged them), each with its own confidence:
	 * habar_align_write_pair() prints them, where the three-way link
	 * takes the least sure one's.
	 */
	struct habar__align_sub *sub;
	size_t nsub, subcap;
	const struct habar_parallel *sub_doc;	/* compared, never read */
};

/* A link of a pair inside a sentence link (struct habar_align's sub). */
struct habar__align_sub {
	size_t link;		/* the index of the sentence link */
	size_t pair;		/* HABAR_PARALLEL_PAIR() of its languages */
	size_t a, na, b, nb;	/* its sentences in the two languages */
	/* A sentence of [a, a + na) or [b, b + nb) left out of the link, by
	 * its place in the run counted from 1; 0: none (keep_link()). */
	size_t hole_a, hole_b;
	float confidence;
};

/* Records an error message (printf format) and its line on the handle. */
void habar__align_fail(struct habar_align *align, unsigned long line,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
