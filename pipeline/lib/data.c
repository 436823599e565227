/*
 * data.c: locating data files in the environment, the build tree or the
 * install prefix (see habar/data.h for the order and why), and the
 * library's shared ways of opening them and reading them whole with a cap
 * (data_internal.h).
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <habar/data.h>

#include "data_internal.h"

/* Returns a new "dir/relative" if it exists, else NULL (errno ENOMEM on
 * allocation failure, ENOENT otherwise). */
static char *
existing_path(const char *dir, size_t dir_len, const char *relative)
{
	struct stat st;
	size_t len = dir_len + 1 + strlen(relative) + 1;
	char *path = malloc(len);

	if (path == NULL)
		return NULL;
	snprintf(path, len, "%.*s/%s", (int)dir_len, dir, relative);
	if (stat(path, &st) == 0)
		return path;
	free(path);
	errno = ENOENT;
	return NULL;
}

/*
 * Stores in dir the data directory of an installed tree the running
 * executable belongs to: <exe's directory>/../share/habar, so that a tree
 * installed with `cmake --install --prefix` elsewhere, or moved, still finds
 * its data.  Returns 0 when /proc/self/exe cannot be read or dir is too small.
 */
static int
exe_relative_datadir(char *dir, size_t size)
{
	char exe[4096];
	ssize_t n;
	char *slash;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return 0;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return 0;
	*slash = '\0';
	return (size_t)snprintf(dir, size, "%s/../share/habar", exe) < size;
}

static int build_tree_answer;
static pthread_once_t build_tree_once = PTHREAD_ONCE_INIT;

static void
find_out_build_tree(void)
{
	char exe[4096];
	ssize_t n;
	size_t build_len = strlen(HABAR_BINARY_DIR);

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		build_tree_answer = strncmp(exe, HABAR_BINARY_DIR, build_len) == 0 &&
		    exe[build_len] == '/';
	}
}

/* True when the running executable lives under the build tree; found out
 * once per process, whichever thread asks first. */
static int
running_from_build_tree(void)
{
	pthread_once(&build_tree_once, find_out_build_tree);
	return build_tree_answer;
}

enum habar_status
habar_data_find(char **path_out, const char *relative)
{
	const char *env = getenv("HABAR_DATADIR");
	const char *build_roots[] = {
		HABAR_SOURCE_DIR, HABAR_BINARY_DIR "/share/habar"
	};
	char installed[4096];
	char *path;
	size_t i;

	*path_out = NULL;
	if (env != NULL && *env != '\0') {
		const char *dir = env;
		for (;;) {
			const char *colon = strchr(dir, ':');
			size_t len = colon ? (size_t)(colon - dir) : strlen(dir);
			if (len > 0) {
				if ((path = existing_path(dir, len, relative)))
					goto found;
				if (errno == ENOMEM)
					return HABAR_ERR_NOMEM;
			}
			if (colon == NULL)
				break;
			dir = colon + 1;
		}
	}
	if (running_from_build_tree()) {
		for (i = 0; i < sizeof(build_roots) / sizeof(build_roots[0]); i++) {
			path = existing_path(build_roots[i],
			    strlen(build_roots[i]), relative);
			if (path != NULL)
				goto found;
			if (errno == ENOMEM)
				return HABAR_ERR_NOMEM;
		}
	}
	if (exe_relative_datadir(installed, sizeof(installed))) {
		path = existing_path(installed, strlen(installed), relative);
		if (path != NULL)
			goto found;
		if (errno == ENOMEM)
			return HABAR_ERR_NOMEM;
	}
	path = existing_path(HABAR_INSTALL_DATADIR,
	    strlen(HABAR_INSTALL_DATADIR), relative);
	if (path != NULL)
		goto found;
	return errno == ENOMEM ? HABAR_ERR_NOMEM : HABAR_ERR_NOTFOUND;
found:
	*path_out = path;
	return HABAR_OK;
}

enum habar_status
habar_data_find_locale(char **path_out, const char *lang, const char *name)
{
	char tag[64], relative[256];
	enum habar_status status;

	*path_out = NULL;
	if (lang == NULL || strlen(lang) >= sizeof(tag) || strchr(lang, '/') ||
	    strchr(name, '/'))
		return HABAR_ERR_ARGUMENT;
	snprintf(tag, sizeof(tag), "%s", lang);
	/* Drop subtags from the right: kk-Latn-KZ, kk-Latn, kk, then root. */
	for (;;) {
		char *dash;
		snprintf(relative, sizeof(relative), "locales/%s/%s", tag, name);
		status = habar_data_find(path_out, relative);
		if (status != HABAR_ERR_NOTFOUND)
			return status;
		if ((dash = strrchr(tag, '-')) == NULL)
			break;
		*dash = '\0';
	}
	snprintf(relative, sizeof(relative), "locales/root/%s", name);
	return habar_data_find(path_out, relative);
}

enum habar_status
habar__data_open(FILE **fp_out, const char *lang, const char *name)
{
	char *path = NULL;
	enum habar_status status;

	*fp_out = NULL;
	if (lang == NULL)
		status = habar_data_find(&path, name);
	else
		status = habar_data_find_locale(&path, lang, name);
	if (status != HABAR_OK)
		return status;
	if ((*fp_out = fopen(path, "rb")) == NULL)
		status = errno == ENOENT ? HABAR_ERR_NOTFOUND : HABAR_ERR_IO;
	free(path);
	return status;
}

enum habar_status
habar__read_all(char **text_out, size_t *len_out, FILE *fp, size_t max)
{
	char *text = NULL, *grown;
	size_t len = 0, cap = 0, n, want;
	enum habar_status status = HABAR_OK;

	*text_out = NULL;
	*len_out = 0;
	if (max > SIZE_MAX - 2)
		max = SIZE_MAX - 2;
	for (;;) {
		/* Room for at least one more byte and the NUL. */
		if (cap - len < 2) {
			if (len > max) {
				status = HABAR_ERR_LIMIT;
				goto done;
			}
			want = cap ? cap * 2 : 64 * 1024;
			if (want < cap || want > max + 2)
				want = max + 2;
			if ((grown = realloc(text, want)) == NULL) {
				status = HABAR_ERR_NOMEM;
				goto done;
			}
			text = grown;
			cap = want;
		}
		n = fread(text + len, 1, cap - len - 1, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		status = HABAR_ERR_IO;
		goto done;
	}
	if (len > max) {
		status = HABAR_ERR_LIMIT;
		goto done;
	}
	text[len] = '\0';
	*text_out = text;
	*len_out = len;
	text = NULL;
done:
	free(text);
	return status;
}

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int
habar__data_key_value(const char *line, size_t len, const char **key,
    size_t *key_len, const char **value, size_t *value_len)
{
	const char *p = line, *end = line + len, *eq, *k_end;

	while (p < end && blank(*p))
		p++;
	if (p == end || *p == '#')
		return 0;
	if ((eq = memchr(p, '=', (size_t)(end - p))) == NULL)
		return -1;
	for (k_end = eq; k_end > p && blank(k_end[-1]); k_end--)
		;
	*key = p;
	*key_len = (size_t)(k_end - p);
	for (p = eq + 1; p < end && blank(*p); p++)
		;
	while (end > p && blank(end[-1]))
		end--;
	*value = p;
	*value_len = (size_t)(end - p);
	return 1;
}

int
habar__data_next_pair(const char **p, const char *end, unsigned long *line,
    const char **key, size_t *key_len, const char **value, size_t *value_len)
{
	int kind = 0;

	while (kind == 0 && *p < end) {
		const char *eol = memchr(*p, '\n', (size_t)(end - *p));

		if (eol == NULL)
			eol = end;
		(*line)++;
		kind = habar__data_key_value(*p, (size_t)(eol - *p), key,
		    key_len, value, value_len);
		*p = eol < end ? eol + 1 : end;
	}
	return kind;
}
