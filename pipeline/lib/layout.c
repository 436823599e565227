/*
 * layout.c: telling release, language and kind from a member's name (see
 * habar/layout.h for the layouts).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <habar/attach.h>
#include <habar/layout.h>

#include "data_internal.h"

#define MAX_ALIASES 256

struct alias {
	char name[32];
	char tag[16];
};

struct habar_layout {
	struct alias aliases[MAX_ALIASES];
	size_t count;
};

enum habar_status
habar_layout_new(struct habar_layout **layout_out)
{
	struct habar_layout *layout;
	enum habar_status status;
	char line[256];
	FILE *fp;

	*layout_out = NULL;
	status = habar__data_open(&fp, NULL, "locales/root/language-names");
	if (status != HABAR_OK)
		return status;
	if ((layout = calloc(1, sizeof(*layout))) == NULL) {
		fclose(fp);
		return HABAR_ERR_NOMEM;
	}
	while (fgets(line, sizeof(line), fp) != NULL &&
	    layout->count < MAX_ALIASES) {
		struct alias *a = &layout->aliases[layout->count];
		if (line[0] == '#' || sscanf(line, "%31s %15s", a->name,
		    a->tag) != 2)
			continue;
		layout->count++;
	}
	fclose(fp);
	*layout_out = layout;
	return HABAR_OK;
}

void
habar_layout_free(struct habar_layout *layout)
{
	free(layout);
}

/* The tag for a language name of len bytes, or NULL.  strncasecmp folds
 * ASCII only, which is what the Latin aliases need; Cyrillic aliases are
 * listed in both cases where needed. */
static const char *
language_of(const struct habar_layout *layout, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < layout->count; i++)
		if (strlen(layout->aliases[i].name) == len &&
		    strncasecmp(layout->aliases[i].name, name, len) == 0)
			return layout->aliases[i].tag;
	return NULL;
}

int
habar_layout_is_document(const char *file)
{
	const char *dot = strrchr(file, '.');

	return dot != NULL && dot != file && (strcasecmp(dot, ".docx") == 0 ||
	    strcasecmp(dot, ".odt") == 0 || strcasecmp(dot, ".doc") == 0);
}

static enum habar_layout_kind
kind_of(const char *file, const char **ext_out)
{
	const char *dot = strrchr(file, '.');

	*ext_out = dot;
	if (dot == NULL || dot == file)
		return HABAR_LAYOUT_IGNORE;
	/* A document is a version until its name says no language. */
	if (strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".txt") == 0 ||
	    habar_layout_is_document(file))
		return HABAR_LAYOUT_TEXT;
	if (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0)
		return HABAR_LAYOUT_HTML;
	if (habar_attach_kind_of(file, NULL) != HABAR_ATTACH_UNKNOWN)
		return HABAR_LAYOUT_ATTACHMENT;
	return HABAR_LAYOUT_IGNORE;
}

static void
copy(char *dst, size_t size, const char *src, size_t len)
{
	if (len >= size)
		len = size - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

void
habar_layout_classify(const struct habar_layout *layout, const char *path,
    struct habar_layout_item *item)
{
	const char *slash = strrchr(path, '/'), *file, *ext, *tag;
	size_t dir_len, stem_len, parent_start;
	char parent[256] = "";

	memset(item, 0, sizeof(*item));
	file = slash ? slash + 1 : path;
	dir_len = slash ? (size_t)(slash - path) : 0;
	item->kind = kind_of(file, &ext);
	/* A folder or name too long is left out whole, never cut: a cut
	 * folder would merge two releases. */
	if (item->kind == HABAR_LAYOUT_IGNORE || file[0] == '.' ||
	    strlen(file) >= sizeof(item->file) ||
	    dir_len >= sizeof(item->group)) {
		item->kind = HABAR_LAYOUT_IGNORE;
		return;
	}
	copy(item->file, sizeof(item->file), file, strlen(file));
	copy(item->group, sizeof(item->group), path, dir_len);
	/* The parent folder's name. */
	parent_start = dir_len;
	while (parent_start > 0 && path[parent_start - 1] != '/')
		parent_start--;
	copy(parent, sizeof(parent), path + parent_start, dir_len - parent_start);
	stem_len = (size_t)(ext - file);

	if (parent[0] != '\0' &&
	    (tag = language_of(layout, parent, strlen(parent))) != NULL) {
		/* DIR/<lang>/<file>: the release lives in DIR. */
		copy(item->group, sizeof(item->group), path,
		    parent_start > 0 ? parent_start - 1 : 0);
		if (item->kind != HABAR_LAYOUT_ATTACHMENT) {
			copy(item->lang, sizeof(item->lang), tag, strlen(tag));
			copy(item->release, sizeof(item->release), file,
			    stem_len);
		}
		return;
	}
	if (item->kind == HABAR_LAYOUT_ATTACHMENT)
		return;
	if ((tag = language_of(layout, file, stem_len)) != NULL) {
		/* DIR/<id>/<lang>.<ext>: the folder is the release. */
		copy(item->lang, sizeof(item->lang), tag, strlen(tag));
		copy(item->release, sizeof(item->release), parent,
		    strlen(parent));
		if (parent[0] == '\0')
			item->kind = HABAR_LAYOUT_IGNORE;
		return;
	}
	/* <id>.<lang>, <id>_<lang>, <id>-<lang> */
	for (size_t i = stem_len; i > 1; i--) {
		char c = file[i - 1];
		if (c != '.' && c != '_' && c != '-')
			continue;
		if ((tag = language_of(layout, file + i, stem_len - i)) != NULL) {
			copy(item->lang, sizeof(item->lang), tag, strlen(tag));
			copy(item->release, sizeof(item->release), file, i - 1);
			return;
		}
		break;
	}
	/* No language in the name: the text will tell, but a Word file
	 * beside a release is taken for its attachment, as it always was. */
	if (strcasecmp(ext, ".docx") == 0) {
		item->kind = HABAR_LAYOUT_ATTACHMENT;
		return;
	}
	copy(item->release, sizeof(item->release), file, stem_len);
}
