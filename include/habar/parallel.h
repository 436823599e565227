/*
 * parallel.h: the parallel document, the language versions of one release
 * aligned with each other, and its XML format (README.md, "Parallel XML
 * format"; schema in schemas/habar-parallel.rng).
 *
 * The document lives in memory as plain structures that readers walk
 * directly: up to HABAR_PARALLEL_MAX_LANGS languages, each with its
 * front-matter fields, paragraphs and sentences; the attachments; and two
 * lists of links, one between paragraphs and one between sentences.  A
 * link holds, for every language of the document in order, a run of
 * consecutive items (an alignment is monotonic, so a run is all a link
 * needs); a run may be empty (a 1-0 or 0-1 link).  Indices are 0-based
 * positions in the language's arrays; the XML refers to the stable ids.
 *
 * habar-align builds a document with the habar_parallel_add_*() calls and
 * writes it with habar_parallel_write(); habar-tmx, habar-xliff and
 * habar-pack read it back with habar_parallel_read().
 */
#ifndef HABAR_PARALLEL_H
#define HABAR_PARALLEL_H

#include <stdio.h>
#include <stddef.h>

#include <habar/status.h>

/* A parallel document holds two or three languages. */
#define HABAR_PARALLEL_MAX_LANGS 3

/* The XML namespace of the format (version 1). */
#define HABAR_PARALLEL_NS "urn:habar:parallel:1"

/* One front-matter field, "key: value", value unquoted. */
struct habar_parallel_field {
	char *key;
	char *value;
};

/* One sentence: its stable id ("en.p3.s2") and its UTF-8 text. */
struct habar_parallel_sentence {
	char *id;
	char *text;
	size_t len;		/* bytes of text, without the NUL ending it */
	size_t paragraph;	/* index of the paragraph holding it */
};

/* One paragraph: its stable id ("en.p3") and its run of sentences. */
struct habar_parallel_paragraph {
	char *id;
	size_t first;		/* index of its first sentence */
	size_t count;		/* number of its sentences (at least 1) */
};

/* One language version of the release. */
struct habar_parallel_language {
	char *lang;		/* BCP 47 tag from the "lang" field */
	struct habar_parallel_field *fields;	/* front matter, in order */
	size_t field_count;
	struct habar_parallel_paragraph *paragraphs;
	size_t paragraph_count;
	struct habar_parallel_sentence *sentences;
	size_t sentence_count;
};

/* A file that travels with the release (front-matter "attachments"). */
struct habar_parallel_attachment {
	char *name;		/* file name as written in the front matter */
};

/* A run of consecutive items of one language: [first, first + count). */
struct habar_parallel_run {
	size_t first;		/* with count 0: where the gap falls */
	size_t count;
};

/*
 * One link.  sides[k] is the run of language k (the document's order).
 * type is the counts joined by "-" ("1-1", "2-1", "1-0-1"...); confidence
 * is the probability that the link is right, in [0, 1].  pair[p] is the
 * probability that the link seen from pair p of languages is right (p:
 * HABAR_PARALLEL_PAIR(a, b)), at least confidence: the aligner sets it,
 * habar_parallel_add_link() and the XML reader make it confidence.
 */
struct habar_parallel_link {
	struct habar_parallel_run sides[HABAR_PARALLEL_MAX_LANGS];
	char type[16];
	double confidence;
	double pair[3];
};

/* The index in a link's pair[] of languages a and b (a != b, under 3). */
#define HABAR_PARALLEL_PAIR(a, b) ((a) + (b) - 1)

enum habar_parallel_level {
	HABAR_PARALLEL_PARAGRAPHS = 0,
	HABAR_PARALLEL_SENTENCES = 1
};

struct habar_parallel {
	char *id;		/* the release id ("id" field), or NULL */
	char *date;		/* the release date ("date" field), or NULL */
	struct habar_parallel_language languages[HABAR_PARALLEL_MAX_LANGS];
	size_t language_count;
	struct habar_parallel_attachment *attachments;
	size_t attachment_count;
	/* links[HABAR_PARALLEL_PARAGRAPHS], links[HABAR_PARALLEL_SENTENCES] */
	struct habar_parallel_link *links[2];
	size_t link_count[2];
	char *method;		/* how the links were made (free text), or NULL */
	/* private: capacities of the growable arrays */
	size_t link_cap_[2], attachment_cap_;
	size_t paragraph_cap_[HABAR_PARALLEL_MAX_LANGS];
	size_t sentence_cap_[HABAR_PARALLEL_MAX_LANGS];
	size_t field_cap_[HABAR_PARALLEL_MAX_LANGS];
};

/* Where reading a document failed: the line (0 if unknown) and why. */
struct habar_parallel_error {
	unsigned long line;
	char message[256];
};

/* Caps that keep a hostile file from exhausting memory. */
#define HABAR_PARALLEL_MAX_ITEMS (16u * 1024 * 1024)
#define HABAR_PARALLEL_MAX_BYTES (512u * 1024 * 1024)

/*
 * Creates an empty document.  Returns HABAR_OK or HABAR_ERR_NOMEM (then
 * *doc_out is NULL).
 */
enum habar_status habar_parallel_new(struct habar_parallel **doc_out);

/* Frees the document and every string in it; NULL is harmless. */
void habar_parallel_free(struct habar_parallel *doc);

/*
 * Sets one of the document's strings (which is "id", "date" or "method")
 * to a copy of value (NULL clears it).  Returns HABAR_OK, HABAR_ERR_NOMEM,
 * HABAR_ERR_ARGUMENT for another name.
 */
enum habar_status habar_parallel_set(struct habar_parallel *doc,
    const char *which, const char *value);

/*
 * Appends a language with tag lang and stores its index in *index_out.
 * Returns HABAR_OK, HABAR_ERR_LIMIT when the document already has
 * HABAR_PARALLEL_MAX_LANGS languages, HABAR_ERR_ARGUMENT when lang is
 * empty or already present, HABAR_ERR_NOMEM.
 */
enum habar_status habar_parallel_add_language(struct habar_parallel *doc,
    const char *lang, size_t *index_out);

/* Appends a front-matter field to language li.  HABAR_OK, HABAR_ERR_NOMEM. */
enum habar_status habar_parallel_add_field(struct habar_parallel *doc,
    size_t li, const char *key, const char *value);

/*
 * Opens a new paragraph in language li, with id id (NULL: "<lang>.p<n>",
 * n counting from 1).  A paragraph left without sentences is removed by
 * the next habar_parallel_add_paragraph() or never written.  Returns
 * HABAR_OK, HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
enum habar_status habar_parallel_add_paragraph(struct habar_parallel *doc,
    size_t li, const char *id);

/*
 * Appends a sentence of len bytes of text to the last paragraph of
 * language li (opening one if there is none), with id id (NULL:
 * "<paragraph id>.s<n>", n counting from 1 in the paragraph).  Returns
 * HABAR_OK, HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
enum habar_status habar_parallel_add_sentence(struct habar_parallel *doc,
    size_t li, const char *text, size_t len, const char *id);

/* Appends an attachment unless one of that name is there already. */
enum habar_status habar_parallel_add_attachment(struct habar_parallel *doc,
    const char *name);

/*
 * Appends a link at level: runs[k] for each of the document's languages;
 * the type string is made from the counts.  Returns HABAR_OK,
 * HABAR_ERR_ARGUMENT when a run leaves the language's items,
 * HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
enum habar_status habar_parallel_add_link(struct habar_parallel *doc,
    enum habar_parallel_level level, const struct habar_parallel_run *runs,
    double confidence);

/*
 * Returns the index of the language with tag lang, or -1.
 */
int habar_parallel_find_language(const struct habar_parallel *doc,
    const char *lang);

/*
 * Returns the value of front-matter field key of language li, or NULL.
 */
const char *habar_parallel_field(const struct habar_parallel *doc, size_t li,
    const char *key);

/*
 * Writes the document as parallel XML to fp.  Returns HABAR_OK or
 * HABAR_ERR_IO.
 */
enum habar_status habar_parallel_write(const struct habar_parallel *doc,
    FILE *fp);

/*
 * Parses len bytes of parallel XML into a new document.  The parser never
 * touches the network, never loads a DTD or external entity, and refuses a
 * document type declaration that declares entities (XXE, billion laughs).
 * Checks what the schema says plus what it cannot: ids unique, every
 * reference resolving, runs consecutive.  On failure *doc_out is NULL and,
 * if err is not NULL, err says where and why.  Returns HABAR_OK,
 * HABAR_ERR_INPUT (malformed or invalid), HABAR_ERR_LIMIT, HABAR_ERR_NOMEM.
 */
enum habar_status habar_parallel_read(struct habar_parallel **doc_out,
    const char *xml, size_t len, struct habar_parallel_error *err);

/*
 * Reads the whole of fp (at most HABAR_PARALLEL_MAX_BYTES) and parses it
 * as habar_parallel_read() does; HABAR_ERR_IO when reading fails.
 */
enum habar_status habar_parallel_read_file(struct habar_parallel **doc_out,
    FILE *fp, struct habar_parallel_error *err);

/*
 * Stores in *text_out a newly allocated string holding the sentences of run
 * of language li joined by one space, and its length in *len_out.
 * Returns HABAR_OK, HABAR_ERR_NOMEM.
 */
enum habar_status habar_parallel_run_text(const struct habar_parallel *doc,
    size_t li, const struct habar_parallel_run *run, char **text_out,
    size_t *len_out);

#endif
