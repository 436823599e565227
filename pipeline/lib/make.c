/*
 * make.c: a release's folder as `habar make` sees it (habar/make.h).
 *
 * A press officer's folder holds the versions as they came: a Word file
 * from one translator, a text file from another, a page saved from the
 * site, with the presentation beside them.  Each file's role comes from
 * its extension; its language and release name from its name, read as
 * habar-batch reads the names in an archive, so that both agree.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <habar/attach.h>
#include <habar/layout.h>
#include <habar/make.h>

#include "grow_internal.h"

#define MAX_FILES 10000

static const char *const version_ext[] = { ".md", ".txt", ".html", ".htm",
    ".docx", ".odt", ".doc", NULL };

static int
has_extension(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);

	return n > e && strcasecmp(name + n - e, ext) == 0;
}

static int
compare_files(const void *a, const void *b)
{
	return strcmp(((const struct habar_make_file *)a)->name,
	    ((const struct habar_make_file *)b)->name);
}

/* Fills in a file's role, language and release name. */
static void
classify(const struct habar_layout *layout, struct habar_make_file *f)
{
	struct habar_layout_item item;
	char as_text[300];
	size_t i, n = 0;

	for (i = 0; version_ext[i] != NULL; i++)
		if (has_extension(f->name, version_ext[i])) {
			f->role = HABAR_MAKE_VERSION;
			n = strlen(f->name) - strlen(version_ext[i]);
		}
	if (f->role == HABAR_MAKE_SKIP &&
	    habar_attach_kind_of(f->name, NULL) != HABAR_ATTACH_UNKNOWN)
		f->role = HABAR_MAKE_ATTACHMENT;
	if (f->role != HABAR_MAKE_VERSION)
		return;
	/* The layout reader knows text names: every version is named as
	 * its text would be (road.ru.md as road.ru.txt), so that the
	 * release id comes from the name whatever the form. */
	snprintf(as_text, sizeof(as_text), "%.*s.txt", (int)n, f->name);
	habar_layout_classify(layout, as_text, &item);
	snprintf(f->lang, sizeof(f->lang), "%s", item.lang);
	if (item.lang[0] != '\0')
		snprintf(f->release, sizeof(f->release), "%s", item.release);
}

enum habar_status
habar_make_scan(struct habar_make_plan **plan_out, const char *dir)
{
	struct habar_make_plan *plan = NULL;
	struct habar_layout *layout = NULL;
	enum habar_status status;
	struct dirent *e;
	size_t cap = 0, i;
	const char *base;
	DIR *d = NULL;

	*plan_out = NULL;
	if ((status = habar_layout_new(&layout)) != HABAR_OK)
		goto done;
	if ((plan = calloc(1, sizeof(*plan))) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	if ((d = opendir(dir)) == NULL) {
		status = HABAR_ERR_IO;
		goto done;
	}
	while ((e = readdir(d)) != NULL) {
		char path[4096 + 256 + 2];
		struct stat st;

		if (e->d_name[0] == '.' || strlen(e->d_name) >= 256)
			continue;
		snprintf(path, sizeof(path), "%.4096s/%s", dir, e->d_name);
		if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (plan->count >= MAX_FILES) {
			status = HABAR_ERR_LIMIT;
			goto done;
		}
		if ((status = habar__grow((void **)&plan->files, &cap,
		    plan->count + 1, sizeof(*plan->files), 16)) != HABAR_OK)
			goto done;
		memset(&plan->files[plan->count], 0, sizeof(*plan->files));
		memcpy(plan->files[plan->count].name, e->d_name,
		    strlen(e->d_name) + 1);
		classify(layout, &plan->files[plan->count]);
		plan->count++;
	}
	if (plan->count > 0)
		qsort(plan->files, plan->count, sizeof(*plan->files),
		    compare_files);
	/* The id: the release name of the first version whose name gives
	 * one, else the folder's own name. */
	for (i = 0; i < plan->count && plan->id[0] == '\0'; i++)
		if (plan->files[i].release[0] != '\0')
			memcpy(plan->id, plan->files[i].release,
			    sizeof(plan->id));
	if (plan->id[0] == '\0') {
		char copy[4096];
		size_t n;
		snprintf(copy, sizeof(copy), "%s", dir);
		while ((n = strlen(copy)) > 1 && copy[n - 1] == '/')
			copy[n - 1] = '\0';
		base = strrchr(copy, '/');
		snprintf(plan->id, sizeof(plan->id), "%.255s",
		    base ? base + 1 : copy);
	}
done:
	if (d != NULL)
		closedir(d);
	habar_layout_free(layout);
	if (status != HABAR_OK) {
		habar_make_free(plan);
		return status;
	}
	*plan_out = plan;
	return HABAR_OK;
}

void
habar_make_free(struct habar_make_plan *plan)
{
	if (plan == NULL)
		return;
	free(plan->files);
	free(plan);
}
