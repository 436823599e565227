/*
 * release_yaml.c: the front matter of a release read as the YAML it is,
 * with libyaml, so that what pandoc and YAML-aware editors write (a title
 * folded over two lines, "attachments:" as a list, block scalars, comments,
 * every quoted form) reads as they meant it.  The release model stays
 * flat, key to string: lists become comma-separated values (the form
 * habar itself writes) and nested mappings dotted keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "release_internal.h"

/* Nested mappings deeper than this are not metadata (and an alias may
 * make a mapping contain itself). */
#define MAX_DEPTH 8
/* One value: far more than any title or contact needs. */
#define MAX_VALUE 65536

struct walk {
	yaml_document_t *doc;
	struct habar__yaml_fields *out;
	size_t max_fields;
	unsigned long first_line;
	char *error;
	size_t error_size;
	unsigned long *error_line;
};

static int
is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

static enum habar_status
fail_at(struct walk *w, const yaml_node_t *node, const char *what,
    const char *key)
{
	*w->error_line = w->first_line + (unsigned long)node->start_mark.line;
	snprintf(w->error, w->error_size, "column %lu: %s%s%s%s",
	    (unsigned long)node->start_mark.column + 1,
	    key != NULL ? "field '" : "", key != NULL ? key : "",
	    key != NULL ? "': " : "", what);
	return HABAR_ERR_INPUT;
}

/* The string of a scalar node; YAML's null (nothing, or "~") is "". */
static const char *
scalar_text(const yaml_node_t *node, size_t *len)
{
	const char *s = (const char *)node->data.scalar.value;

	*len = node->data.scalar.length;
	if (node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    *len == 1 && s[0] == '~')
		*len = 0;
	return s;
}

/* A copy of s[0..len) without NUL bytes, which no C string can hold
 * (a "\0" escape in a double-quoted scalar). */
static char *
copy_text(const char *s, size_t len)
{
	char *copy = malloc(len + 1), *w;
	size_t i;

	if (copy == NULL)
		return NULL;
	for (w = copy, i = 0; i < len; i++)
		if (s[i] != '\0')
			*w++ = s[i];
	*w = '\0';
	return copy;
}

/* Joins the scalars of a sequence with ", ", as habar writes lists. */
static enum habar_status
join_list(struct walk *w, const yaml_node_t *seq, const char *key,
    char **value_out)
{
	yaml_node_item_t *item;
	char *value = NULL;
	size_t len = 0;
	enum habar_status status = HABAR_OK;

	*value_out = NULL;
	if ((value = malloc(1)) == NULL)
		return HABAR_ERR_NOMEM;
	value[0] = '\0';
	for (item = seq->data.sequence.items.start;
	    item < seq->data.sequence.items.top; item++) {
		yaml_node_t *node = yaml_document_get_node(w->doc, *item);
		const char *s;
		size_t n;
		char *grown;

		if (node == NULL || node->type != YAML_SCALAR_NODE) {
			status = fail_at(w, node != NULL ? node : seq,
			    "a list inside a list, or a mapping in a list, "
			    "is not a release field", key);
			goto done;
		}
		s = scalar_text(node, &n);
		if (n > MAX_VALUE || len + n + 2 > MAX_VALUE) {
			status = fail_at(w, seq, "value too long", key);
			goto done;
		}
		if ((grown = realloc(value, len + n + 3)) == NULL) {
			status = HABAR_ERR_NOMEM;
			goto done;
		}
		value = grown;
		if (len > 0) {
			memcpy(value + len, ", ", 2);
			len += 2;
		}
		memcpy(value + len, s, n);
		len += n;
		value[len] = '\0';
	}
	/* A NUL escape inside an item: drop it, as for a scalar. */
	if (memchr(value, '\0', len) != NULL) {
		char *clean = copy_text(value, len);
		if (clean == NULL) {
			status = HABAR_ERR_NOMEM;
			goto done;
		}
		free(value);
		value = clean;
	}
	*value_out = value;
	value = NULL;
done:
	free(value);
	return status;
}

static enum habar_status
add_field(struct walk *w, const char *key, char *value, size_t first,
    size_t last, int simple)
{
	struct habar__yaml_fields *out = w->out;
	struct habar__yaml_field *f, *grown;

	if (out->n == w->max_fields) {
		free(value);
		*w->error_line = w->first_line + (unsigned long)first;
		snprintf(w->error, w->error_size,
		    "more than %zu front-matter fields", w->max_fields);
		return HABAR_ERR_LIMIT;
	}
	if ((grown = realloc(out->v, (out->n + 1) * sizeof(*out->v))) == NULL) {
		free(value);
		return HABAR_ERR_NOMEM;
	}
	out->v = grown;
	f = &out->v[out->n];
	if ((f->key = strdup(key)) == NULL) {
		free(value);
		return HABAR_ERR_NOMEM;
	}
	f->value = value;
	f->first = first;
	f->last = last;
	f->simple = simple;
	out->n++;
	return HABAR_OK;
}

static enum habar_status walk_mapping(struct walk *w, const yaml_node_t *map,
    const char *prefix, int depth, size_t first, size_t last);

/* The lines a pair spans: from its key to the end of its value, where
 * an end at the start of a line belongs to the line before. */
static size_t
last_line(const yaml_node_t *key, const yaml_node_t *value)
{
	size_t last = value->end_mark.line;

	if (value->end_mark.column == 0 && last > key->start_mark.line)
		last--;
	return last < key->start_mark.line ? key->start_mark.line : last;
}

static enum habar_status
walk_pair(struct walk *w, const yaml_node_t *key, const yaml_node_t *value,
    const char *prefix, int depth, size_t first, size_t last)
{
	char name[256];
	const char *k;
	size_t klen, i;
	int simple;
	char *text;

	if (key->type != YAML_SCALAR_NODE)
		return fail_at(w, key, "a key must be a plain word", NULL);
	k = scalar_text(key, &klen);
	for (i = 0; i < klen; i++)
		if (!is_key_char(k[i]))
			break;
	if (klen == 0 || i < klen || klen + strlen(prefix) + 1 >= sizeof(name)) {
		snprintf(name, sizeof(name), "%.*s", (int)(klen < 64 ? klen : 64),
		    k);
		return fail_at(w, key, "a key is ASCII letters, digits, "
		    "'_', '-' and '.'", name);
	}
	snprintf(name, sizeof(name), "%s%s%.*s", prefix, *prefix ? "." : "",
	    (int)klen, k);
	if (depth == 0) {
		first = key->start_mark.line;
		last = last_line(key, value);
	}
	switch (value->type) {
	case YAML_SCALAR_NODE: {
		size_t n;
		const char *s = scalar_text(value, &n);

		if (n > MAX_VALUE)
			return fail_at(w, value, "value too long", name);
		if ((text = copy_text(s, n)) == NULL)
			return HABAR_ERR_NOMEM;
		simple = depth == 0 &&
		    key->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		    value->data.scalar.style != YAML_LITERAL_SCALAR_STYLE &&
		    value->data.scalar.style != YAML_FOLDED_SCALAR_STYLE &&
		    value->end_mark.line == key->start_mark.line;
		return add_field(w, name, text, first, last, simple);
	}
	case YAML_SEQUENCE_NODE: {
		enum habar_status status = join_list(w, value, name, &text);

		if (status != HABAR_OK)
			return status;
		return add_field(w, name, text, first, last, 0);
	}
	case YAML_MAPPING_NODE:
		if (depth + 1 >= MAX_DEPTH)
			return fail_at(w, value, "mappings nested too deep",
			    name);
		return walk_mapping(w, value, name, depth + 1, first, last);
	default:
		return fail_at(w, value, "not a value", name);
	}
}

static enum habar_status
walk_mapping(struct walk *w, const yaml_node_t *map, const char *prefix,
    int depth, size_t first, size_t last)
{
	yaml_node_pair_t *pair;
	enum habar_status status;

	for (pair = map->data.mapping.pairs.start;
	    pair < map->data.mapping.pairs.top; pair++) {
		yaml_node_t *key = yaml_document_get_node(w->doc, pair->key);
		yaml_node_t *value = yaml_document_get_node(w->doc, pair->value);

		if (key == NULL || value == NULL)
			return fail_at(w, map, "a broken pair", NULL);
		status = walk_pair(w, key, value, prefix, depth, first, last);
		if (status != HABAR_OK)
			return status;
	}
	return HABAR_OK;
}

enum habar_status
habar__release_yaml(struct habar__yaml_fields *out, const char *block,
    size_t len, unsigned long first_line, size_t max_fields, char *error,
    size_t error_size, unsigned long *error_line)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	struct walk w;
	int have_parser = 0, have_doc = 0;
	enum habar_status status = HABAR_OK;

	out->v = NULL;
	out->n = 0;
	*error_line = first_line;
	if (!yaml_parser_initialize(&parser))
		return HABAR_ERR_NOMEM;
	have_parser = 1;
	yaml_parser_set_input_string(&parser, (const unsigned char *)block,
	    len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&parser, &doc)) {
		const yaml_mark_t *mark = &parser.problem_mark;

		/* A line that is not "key: value" is noticed only where the
		 * next begins; the would-be key is the line to name. */
		if (parser.context != NULL &&
		    strstr(parser.context, "simple key") != NULL)
			mark = &parser.context_mark;

		if (parser.error == YAML_MEMORY_ERROR) {
			status = HABAR_ERR_NOMEM;
			goto done;
		}
		/* The reader's own errors (ill-formed UTF-8, control
		 * characters) carry an offset, not a mark. */
		if (parser.error == YAML_READER_ERROR) {
			size_t at = parser.problem_offset, line = 0, col = 0, i;

			for (i = 0; i < at && i < len; i++) {
				if (block[i] == '\n') {
					line++;
					col = 0;
				} else if (((unsigned char)block[i] & 0xC0) != 0x80)
					col++;
			}
			*error_line = first_line + (unsigned long)line;
			snprintf(error, error_size,
			    "column %lu: front matter: %s",
			    (unsigned long)col + 1,
			    parser.problem != NULL ? parser.problem :
			    "unreadable");
		} else {
			*error_line = first_line + (unsigned long)mark->line;
			snprintf(error, error_size,
			    "column %lu: front matter is not valid "
			    "YAML: %s%s%s",
			    (unsigned long)mark->column + 1,
			    parser.problem != NULL ? parser.problem : "error",
			    parser.context != NULL ? " " : "",
			    parser.context != NULL ? parser.context : "");
		}
		status = HABAR_ERR_INPUT;
		goto done;
	}
	have_doc = 1;
	if ((root = yaml_document_get_root_node(&doc)) == NULL)
		goto done;	/* nothing but comments and blank lines */
	w.doc = &doc;
	w.out = out;
	w.max_fields = max_fields;
	w.first_line = first_line;
	w.error = error;
	w.error_size = error_size;
	w.error_line = error_line;
	if (root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0)
		goto done;
	if (root->type != YAML_MAPPING_NODE) {
		status = fail_at(&w, root, "front matter must be 'key: value' "
		    "lines (a YAML mapping)", NULL);
		goto done;
	}
	status = walk_mapping(&w, root, "", 0, 0, 0);
done:
	if (status != HABAR_OK)
		habar__release_yaml_free(out);
	if (have_doc)
		yaml_document_delete(&doc);
	if (have_parser)
		yaml_parser_delete(&parser);
	return status;
}

void
habar__release_yaml_free(struct habar__yaml_fields *fields)
{
	size_t i;

	for (i = 0; i < fields->n; i++) {
		free(fields->v[i].key);
		free(fields->v[i].value);
	}
	free(fields->v);
	fields->v = NULL;
	fields->n = 0;
}
