/*
 * manifest.c: the list of files of a release pack (see habar/manifest.h);
 * its XML form is in manifest_xml.c.
 */
#include <stdint.h>
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
	free(m->slots_);
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

/* FNV-1a of a path, for the index. */
static size_t
path_hash(const char *path)
{
	uint64_t h = 14695981039346656037ull;

	for (; *path != '\0'; path++)
		h = (h ^ (unsigned char)*path) * 1099511628211ull;
	return (size_t)h;
}

/* The slot where path is, or the free slot where it would go. */
static size_t
find_slot(const struct habar_manifest *m, const char *path)
{
	size_t mask = m->slot_count_ - 1, i = path_hash(path) & mask;

	while (m->slots_[i] != 0 &&
	    strcmp(m->entries[m->slots_[i] - 1].path, path) != 0)
		i = (i + 1) & mask;
	return i;
}

/* Makes the index twice the entries' capacity (a power of two), so it is
 * never more than half full. */
static enum habar_status
grow_index(struct habar_manifest *m)
{
	size_t count = 32, i;
	size_t *slots;

	while (count < m->cap_ * 2)
		count *= 2;
	if (count <= m->slot_count_)
		return HABAR_OK;
	if ((slots = calloc(count, sizeof(*slots))) == NULL)
		return HABAR_ERR_NOMEM;
	free(m->slots_);
	m->slots_ = slots;
	m->slot_count_ = count;
	for (i = 0; i < m->count; i++)
		m->slots_[find_slot(m, m->entries[i].path)] = i + 1;
	return HABAR_OK;
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
		if (m->cap_ >= MAX_ENTRIES)
			return HABAR_ERR_LIMIT;
		if (cap > MAX_ENTRIES)
			cap = MAX_ENTRIES;
		if ((grown = realloc(m->entries, cap * sizeof(*grown))) == NULL)
			return HABAR_ERR_NOMEM;
		m->entries = grown;
		size_t old_cap = m->cap_;
		m->cap_ = cap;
		if (grow_index(m) != HABAR_OK) {
			/* The index must stay at most half full: keep the
			 * old capacity until it can grow. */
			m->cap_ = old_cap;
			return HABAR_ERR_NOMEM;
		}
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
	m->slots_[find_slot(m, e->path)] = m->count;
	return HABAR_OK;
}

const struct habar_manifest_entry *
habar_manifest_find(const struct habar_manifest *m, const char *path)
{
	size_t slot;

	if (m->slot_count_ == 0)
		return NULL;
	slot = find_slot(m, path);
	return m->slots_[slot] != 0 ? &m->entries[m->slots_[slot] - 1] : NULL;
}
