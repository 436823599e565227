/*
 * release_internal.h: what the release reader (release.c) asks of the
 * YAML front-matter parser (release_yaml.c), which alone sees libyaml.
 */
#ifndef HABAR_RELEASE_INTERNAL_H
#define HABAR_RELEASE_INTERNAL_H

#include <stddef.h>

#include <habar/status.h>

/* One field of the front matter as YAML reads it, flattened. */
struct habar__yaml_field {
	char *key;		/* "a" or, inside a mapping, "a.b" */
	char *value;		/* a scalar, or a list's scalars joined by ", " */
	size_t first;		/* the 0-based lines of the block it spans */
	size_t last;
	int simple;		/* a plain key and a scalar value on one line */
};

struct habar__yaml_fields {
	struct habar__yaml_field *v;
	size_t n;
};

/*
 * Parses block[0..len), the front matter between its fences, as one YAML
 * document whose top level is a mapping.  Each value becomes a string: a
 * scalar as YAML reads it (folded, block and quoted forms resolved; an
 * empty or "~" value is ""), a list of scalars joined by ", ", a nested
 * mapping flattened into dotted keys.  At most max_fields fields.
 * Returns HABAR_OK; HABAR_ERR_INPUT for bad YAML or a shape a release
 * cannot hold, with a message naming the column in error;
 * HABAR_ERR_LIMIT past max_fields; HABAR_ERR_NOMEM.  On an error,
 * *error_line is the file's line at fault (counted from first_line, the
 * file's number of the block's first line); the message leaves it out, so
 * that a program prints it once.
 */
enum habar_status habar__release_yaml(struct habar__yaml_fields *out,
    const char *block, size_t len, unsigned long first_line,
    size_t max_fields, char *error, size_t error_size,
    unsigned long *error_line);

/* Frees what habar__release_yaml() stored; the struct is emptied. */
void habar__release_yaml_free(struct habar__yaml_fields *fields);

#endif
