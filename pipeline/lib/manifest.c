/*
 * manifest.c: the list of files of a release pack (see habar/manifest.h);
 * its XML form is in manifest_xml.c.
 */
#include <stdlib.h>
#include <string.h>

#include <habar/manifest.h>

#define MAX_ENTRIES 100000

enum habar_status
habar_manifest_new(struct habar_manifest **manifest_out, const char *release,
    const char *date, const char *generator)
{
	struct habar_manifest *m;

	*manifest_out = NULL;
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return HABAR_ERR_NOMEM;
	m->release = strdup(release ? release : "");
	m->date = date ? strdup(date) : NULL;
	m->generator = strdup(generator ? generator : "");
	if (m->release == NULL || m->generator == NULL ||
	    (date != NULL && m->date == NULL)) {
		habar_manifest_free(m);
		return HABAR_ERR_NOMEM;
	}
	*manifest_out = m;
	return HABAR_OK;
}

void
habar_manifest_free(struct habar_manifest *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->count; i++) {
		free(m->entries[i].path);
		free(m->entries[i].media_type);
		free(m->entries[i].lang);
		free(m->entries[i].role);
	}
	free(m->entries);
	free(m->release);
	free(m->date);
	free(m->generator);
	free(m);
}

/* A path inside a pack: relative, '/'-separated, no empty, "." or ".."
 * component, so that no reader can be led outside the pack's folder. */
static int
safe_path(const char *path)
{
	const char *p = path;

	if (*p == '\0' || *p == '/')
		return 0;
	while (*p != '\0') {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		if (slash == NULL)
			break;
		p = slash + 1;
		if (*p == '\0')
			return 0;
	}
	return strchr(path, '\\') == NULL;
}

enum habar_status
habar_manifest_add(struct habar_manifest *m, const char *path, uint64_t size,
    const char *sha256, const char *media_type, const char *lang,
    const char *role)
{
	struct habar_manifest_entry *e;

	if (!safe_path(path) || habar_manifest_find(m, path) != NULL ||
	    strlen(sha256) != HABAR_SHA256_HEX_SIZE - 1)
		return HABAR_ERR_ARGUMENT;
	if (m->count == m->cap_) {
		size_t cap = m->cap_ ? m->cap_ * 2 : 16;
		struct habar_manifest_entry *grown;
		if (cap > MAX_ENTRIES)
			return HABAR_ERR_LIMIT;
		if ((grown = realloc(m->entries, cap * sizeof(*grown))) == NULL)
			return HABAR_ERR_NOMEM;
		m->entries = grown;
		m->cap_ = cap;
	}
	e = &m->entries[m->count];
	memset(e, 0, sizeof(*e));
	e->path = strdup(path);
	e->media_type = strdup(media_type);
	e->role = strdup(role);
	e->lang = lang ? strdup(lang) : NULL;
	if (e->path == NULL || e->media_type == NULL || e->role == NULL ||
	    (lang != NULL && e->lang == NULL)) {
		free(e->path);
		free(e->media_type);
		free(e->role);
		free(e->lang);
		return HABAR_ERR_NOMEM;
	}
	e->size = size;
	memcpy(e->sha256, sha256, HABAR_SHA256_HEX_SIZE);
	m->count++;
	return HABAR_OK;
}

const struct habar_manifest_entry *
habar_manifest_find(const struct habar_manifest *m, const char *path)
{
	size_t i;

	for (i = 0; i < m->count; i++)
		if (strcmp(m->entries[i].path, path) == 0)
			return &m->entries[i];
	return NULL;
}
