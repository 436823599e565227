/*
 * translit.c: the converter handle of habar-translit: reading the rule file,
 * the word lists and the exceptions from locales/kk/ (and the exceptions
 * files a user gives), parsing the lists, keeping counts and the last
 * error.  The ICU work is in translit_icu.c, the release
 * format in translit_release.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/data.h>
#include <habar/translit.h>

#include "data_internal.h"
#include "translit_internal.h"

/* Rule and list files are small; a bigger one is a mistake. */
#define MAX_DATA_FILE (4u * 1024 * 1024)

struct habar_translit {
	enum habar_translit_target target;
	struct habar__translit_icu *icu;
	struct habar__translit_except *except;
	struct habar__translit_words words;
	struct habar_translit_stats stats;
	unsigned long error_line;
	char error[256];
};

/* Key names in the word-list file, after the script prefix. */
static const char *const key_names[HABAR__TK_COUNT] = {
	"kazakh", "alphabet", "foreign-words", "foreign-endings",
	"foreign-sequences", "keep-fields"
};

void
habar__translit_set_error(struct habar_translit *translit, unsigned long line,
    const char *fmt, ...)
{
	va_list ap;

	translit->error_line = line;
	va_start(ap, fmt);
	vsnprintf(translit->error, sizeof(translit->error), fmt, ap);
	va_end(ap);
}

const struct habar__translit_words *
habar__translit_words(const struct habar_translit *translit)
{
	return &translit->words;
}

enum habar_translit_target
habar__translit_target(const struct habar_translit *translit)
{
	return translit->target;
}

/* Appends " text[0..len)" to *value. */
static enum habar_status
append_value(char **value, const char *text, size_t len)
{
	size_t old = *value ? strlen(*value) : 0;
	char *n = realloc(*value, old + len + 2);

	if (n == NULL)
		return HABAR_ERR_NOMEM;
	if (old > 0)
		n[old++] = ' ';
	memcpy(n + old, text, len);
	n[old + len] = '\0';
	*value = n;
	return HABAR_OK;
}

/*
 * Parses the word-list text: "key = value" lines, "#" comments.  Keys
 * with the prefix of the other script are skipped, unknown keys are an
 * error (a typo would silently weaken the heuristic).
 */
static enum habar_status
parse_words(struct habar_translit *translit, const char *text, size_t len)
{
	const char *prefix = translit->target == HABAR_TRANSLIT_KK_LATN ?
	    "cyrl-" : "latn-";
	const char *other = translit->target == HABAR_TRANSLIT_KK_LATN ?
	    "latn-" : "cyrl-";
	const char *p = text, *end = text + len;
	const char *key, *val, *val_end;
	unsigned long line = 0;
	size_t key_len, val_len, i;
	enum habar_status status;
	int kind;

	while ((kind = habar__data_next_pair(&p, end, &line, &key, &key_len,
	    &val, &val_len)) != 0) {
		if (kind < 0) {
			habar__translit_set_error(translit, 0,
			    "word list: line %lu: expected 'key = value'", line);
			return HABAR_ERR_INPUT;
		}
		val_end = val + val_len;
		if (key_len > 5 && memcmp(key, other, 5) == 0)
			continue;
		if (key_len > 5 && memcmp(key, prefix, 5) == 0) {
			key += 5;
			key_len -= 5;
		}
		for (i = 0; i < HABAR__TK_COUNT; i++)
			if (strlen(key_names[i]) == key_len &&
			    memcmp(key_names[i], key, key_len) == 0)
				break;
		if (i == HABAR__TK_COUNT) {
			habar__translit_set_error(translit, 0,
			    "word list: line %lu: unknown key '%.*s'", line,
			    (int)key_len, key);
			return HABAR_ERR_INPUT;
		}
		status = append_value(&translit->words.value[i], val,
		    (size_t)(val_end - val));
		if (status != HABAR_OK)
			return status;
	}
	return HABAR_OK;
}

/* Reads the data file locales/kk/<name> into a new NUL-terminated buffer;
 * HABAR_ERR_NOTFOUND when there is none. */
static enum habar_status
read_data(struct habar_translit *translit, const char *name, char **text_out,
    size_t *len_out)
{
	char *path = NULL;
	FILE *fp = NULL;
	enum habar_status status;

	*text_out = NULL;
	*len_out = 0;
	status = habar_data_find_locale(&path, "kk", name);
	if (status != HABAR_OK) {
		habar__translit_set_error(translit, 0,
		    "locales/kk/%s: %s", name, habar_status_string(status));
		goto done;
	}
	if ((fp = fopen(path, "rb")) == NULL) {
		habar__translit_set_error(translit, 0, "%s: %s", path,
		    strerror(errno));
		status = HABAR_ERR_IO;
		goto done;
	}
	status = habar__read_all(text_out, len_out, fp, MAX_DATA_FILE);
	if (status == HABAR_ERR_LIMIT)
		habar__translit_set_error(translit, 0,
		    "%s: larger than %u bytes", path, MAX_DATA_FILE);
	else if (status == HABAR_ERR_IO)
		habar__translit_set_error(translit, 0, "%s: read error", path);
done:
	if (fp != NULL)
		fclose(fp);
	free(path);
	return status;
}

static enum habar_status
make_handle(struct habar_translit **translit_out,
    enum habar_translit_target target)
{
	struct habar_translit *translit;

	*translit_out = NULL;
	if ((translit = calloc(1, sizeof(*translit))) == NULL)
		return HABAR_ERR_NOMEM;
	translit->target = target;
	*translit_out = translit;
	if (target != HABAR_TRANSLIT_KK_LATN && target != HABAR_TRANSLIT_KK_CYRL) {
		habar__translit_set_error(translit, 0, "unknown target");
		return HABAR_ERR_ARGUMENT;
	}
	return HABAR_OK;
}

/* Parses the lists and compiles the rules into a handle made by
 * make_handle(). */
static enum habar_status
compile(struct habar_translit *translit, unsigned flags, const char *rules,
    size_t rules_len, const char *words, size_t words_len)
{
	enum habar_status status;
	char err[200] = "";

	if (words != NULL &&
	    (status = parse_words(translit, words, words_len)) != HABAR_OK)
		return status;
	status = habar__translit_icu_new(&translit->icu, translit->target,
	    flags, rules, rules_len, &translit->words, err, sizeof(err));
	if (status != HABAR_OK) {
		habar__translit_set_error(translit, 0, "%s",
		    err[0] ? err : habar_status_string(status));
		return status;
	}
	status = habar__translit_except_new(&translit->except,
	    translit->target == HABAR_TRANSLIT_KK_LATN);
	if (status == HABAR_OK)
		habar__translit_icu_set_except(translit->icu,
		    translit->except);
	return status;
}

/* Adds exceptions from text[0..len), read from the file called name. */
static enum habar_status
add_exceptions(struct habar_translit *translit, const char *text, size_t len,
    const char *name)
{
	char err[200] = "";
	enum habar_status status;

	if (translit->except == NULL) {
		habar__translit_set_error(translit, 0, "converter not ready");
		return HABAR_ERR_ARGUMENT;
	}
	status = habar__translit_except_add(translit->except, text, len, name,
	    err, sizeof(err));
	if (status != HABAR_OK)
		habar__translit_set_error(translit, 0, "%s",
		    err[0] ? err : habar_status_string(status));
	return status;
}

/*
 * The endings a name may carry, the first column of
 * locales/kk/spell-suffixes, and, with list set, the exceptions a
 * converter to Latin starts with, locales/kk/translit-exceptions.
 * Neither file has to exist.
 */
static enum habar_status
default_exceptions(struct habar_translit *translit, int list)
{
	char *text = NULL;
	size_t len;
	enum habar_status status;

	status = read_data(translit, "spell-suffixes", &text, &len);
	if (status == HABAR_OK)
		status = habar__translit_except_endings(translit->except, text,
		    len);
	free(text);
	text = NULL;
	if (status != HABAR_OK && status != HABAR_ERR_NOTFOUND)
		return status;
	if (!list) {
		translit->error[0] = '\0';
		return HABAR_OK;
	}
	status = read_data(translit, "translit-exceptions", &text, &len);
	if (status == HABAR_OK)
		status = add_exceptions(translit, text, len,
		    "locales/kk/translit-exceptions");
	free(text);
	if (status == HABAR_ERR_NOTFOUND) {
		translit->error[0] = '\0';
		status = HABAR_OK;
	}
	return status;
}

enum habar_status
habar_translit_add_exceptions(struct habar_translit *translit,
    const char *path)
{
	char *text = NULL;
	size_t len;
	FILE *fp;
	enum habar_status status;

	if ((fp = fopen(path, "rb")) == NULL) {
		habar__translit_set_error(translit, 0, "%s: %s", path,
		    strerror(errno));
		return errno == ENOENT ? HABAR_ERR_NOTFOUND : HABAR_ERR_IO;
	}
	status = habar__read_all(&text, &len, fp, MAX_DATA_FILE);
	fclose(fp);
	if (status == HABAR_ERR_LIMIT)
		habar__translit_set_error(translit, 0,
		    "%s: larger than %u bytes", path, MAX_DATA_FILE);
	else if (status == HABAR_ERR_IO)
		habar__translit_set_error(translit, 0, "%s: read error", path);
	if (status == HABAR_OK)
		status = add_exceptions(translit, text, len, path);
	free(text);
	return status;
}

enum habar_status
habar_translit_new_from(struct habar_translit **translit_out,
    enum habar_translit_target target, unsigned flags, const char *rules,
    size_t rules_len, const char *words, size_t words_len)
{
	enum habar_status status;

	if ((status = make_handle(translit_out, target)) != HABAR_OK)
		return status;
	return compile(*translit_out, flags, rules, rules_len, words,
	    words_len);
}

enum habar_status
habar_translit_new(struct habar_translit **translit_out,
    enum habar_translit_target target, unsigned flags)
{
	char *rules = NULL, *words = NULL;
	size_t rules_len, words_len;
	enum habar_status status;

	if ((status = make_handle(translit_out, target)) != HABAR_OK)
		return status;
	status = read_data(*translit_out, target == HABAR_TRANSLIT_KK_LATN ?
	    "cyrl-latn.txt" : "latn-cyrl.txt", &rules, &rules_len);
	if (status != HABAR_OK)
		goto done;
	status = read_data(*translit_out, "translit-words.txt", &words,
	    &words_len);
	if (status != HABAR_OK)
		goto done;
	status = compile(*translit_out, flags, rules, rules_len, words,
	    words_len);
	if (status == HABAR_OK && target == HABAR_TRANSLIT_KK_LATN)
		status = default_exceptions(*translit_out,
		    (flags & HABAR_TRANSLIT_NO_EXCEPTIONS) == 0);
done:
	free(rules);
	free(words);
	return status;
}

void
habar_translit_free(struct habar_translit *translit)
{
	size_t i;

	if (translit == NULL)
		return;
	habar__translit_icu_free(translit->icu);
	habar__translit_except_free(translit->except);
	for (i = 0; i < HABAR__TK_COUNT; i++)
		free(translit->words.value[i]);
	free(translit);
}

enum habar_status
habar_translit_line(struct habar_translit *translit, const char **out,
    size_t *out_len, const char *in, size_t in_len)
{
	char err[200] = "";
	enum habar_status status;

	if (translit->icu == NULL) {
		habar__translit_set_error(translit, 0, "converter not ready");
		return HABAR_ERR_ARGUMENT;
	}
	status = habar__translit_icu_line(translit->icu, out, out_len, in,
	    in_len, &translit->stats, err, sizeof(err));
	if (status != HABAR_OK)
		habar__translit_set_error(translit, 0, "%s",
		    err[0] ? err : habar_status_string(status));
	return status;
}

void
habar_translit_get_stats(const struct habar_translit *translit,
    struct habar_translit_stats *stats)
{
	*stats = translit->stats;
}

const char *
habar_translit_error(const struct habar_translit *translit)
{
	return translit->error;
}

unsigned long
habar_translit_line_number(const struct habar_translit *translit)
{
	return translit->error_line;
}
