/*
 * spell_hunspell.c: the wrapper around libhunspell, the only file that
 * sees it.
 *
 * Callers speak UTF-8.  A dictionary whose .aff declares a legacy
 * encoding (SET KOI8-R, SET microsoft-cp1251...) gets its words converted
 * to that encoding before Hunspell sees them, and its suggestions
 * converted back, through spell_icu.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <hunspell/hunspell.h>
#include <pthread.h>

#include "spell_internal.h"

struct habar__dict {
	Hunhandle *handle;
	char *encoding;		/* NULL when the dictionary is UTF-8 */
};

/*
 * Hunspell 1.7 keeps one process-wide table of Unicode case data, made by
 * the first handle and freed by the last, with a plain counter and no
 * lock: handles made or freed in two threads at once leak the table or
 * free it under the other.  Making and freeing handles one at a time is
 * enough; checking with separate handles in separate threads only reads
 * the table.
 */
static pthread_mutex_t handles_lock = PTHREAD_MUTEX_INITIALIZER;

/* Whether dir/code.aff and dir/code.dic both exist; fills the paths. */
static int
find_in(const char *dir, size_t dir_len, const char *code, char *aff,
    char *dic, size_t cap)
{
	struct stat st;

	if (snprintf(aff, cap, "%.*s/%s.aff", (int)dir_len, dir, code) >=
	    (int)cap || snprintf(dic, cap, "%.*s/%s.dic", (int)dir_len, dir,
	    code) >= (int)cap)
		return 0;
	return stat(aff, &st) == 0 && stat(dic, &st) == 0;
}

/* Finds code.aff and code.dic along $DICPATH and the system folders. */
static int
find_dictionary(const char *code, char *aff, char *dic, size_t cap)
{
	static const char *const system_dirs[] = {
		"/usr/share/hunspell", "/usr/share/myspell/dicts",
		"/usr/share/myspell", "/usr/local/share/hunspell"
	};
	const char *env = getenv("DICPATH");
	size_t i;

	if (env != NULL && *env != '\0') {
		const char *dir = env;
		for (;;) {
			const char *colon = strchr(dir, ':');
			size_t len = colon ? (size_t)(colon - dir) :
			    strlen(dir);
			if (len > 0 && find_in(dir, len, code, aff, dic, cap))
				return 1;
			if (colon == NULL)
				break;
			dir = colon + 1;
		}
	}
	for (i = 0; i < sizeof(system_dirs) / sizeof(system_dirs[0]); i++)
		if (find_in(system_dirs[i], strlen(system_dirs[i]), code, aff,
		    dic, cap))
			return 1;
	return 0;
}

enum habar_status
habar__dict_open(struct habar__dict **dict_out, const char *code, char *err,
    size_t err_len)
{
	char aff[4096], dic[4096];
	struct habar__dict *dict = NULL;
	enum habar_status status = HABAR_OK;
	const char *enc;

	*dict_out = NULL;
	if (!find_dictionary(code, aff, dic, sizeof(aff))) {
		snprintf(err, err_len, "Hunspell dictionary %s not found "
		    "(install hunspell-%.2s or set DICPATH)", code, code);
		return HABAR_ERR_NOTFOUND;
	}
	if ((dict = calloc(1, sizeof(*dict))) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	pthread_mutex_lock(&handles_lock);
	dict->handle = Hunspell_create(aff, dic);
	pthread_mutex_unlock(&handles_lock);
	if (dict->handle == NULL) {
		snprintf(err, err_len, "%s: Hunspell cannot load it", aff);
		status = HABAR_ERR_LIBRARY;
		goto done;
	}
	/* Hunspell reports the SET line of the .aff (ISO8859-1 when it has
	 * none); anything but UTF-8 means converting every word. */
	enc = Hunspell_get_dic_encoding(dict->handle);
	if (enc != NULL && strcasecmp(enc, "UTF-8") != 0 &&
	    strcasecmp(enc, "UTF8") != 0) {
		if ((dict->encoding = strdup(enc)) == NULL) {
			status = HABAR_ERR_NOMEM;
			goto done;
		}
	}
done:
	if (status != HABAR_OK) {
		habar__dict_free(dict);
		dict = NULL;
	}
	*dict_out = dict;
	return status;
}

/* The encoding named by the SET line of an .aff file, into enc. */
static void
aff_encoding(const char *aff, char *enc, size_t cap)
{
	FILE *fp = fopen(aff, "r");
	char line[512];
	int n = 0;

	snprintf(enc, cap, "ISO8859-1");	/* Hunspell's default */
	if (fp == NULL)
		return;
	while (n++ < 200 && fgets(line, sizeof(line), fp) != NULL) {
		char *p = line;
		if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
			p += 3;
		if (strncmp(p, "SET", 3) == 0 &&
		    (p[3] == ' ' || p[3] == '\t')) {
			char *e;
			p += 4;
			while (*p == ' ' || *p == '\t')
				p++;
			for (e = p; *e && *e != ' ' && *e != '\t' &&
			    *e != '\r' && *e != '\n'; e++)
				;
			*e = '\0';
			snprintf(enc, cap, "%s", p);
			break;
		}
	}
	fclose(fp);
}

/* The longest .dic file read whole (ru_RU.dic holds 3.4 MB). */
#define DIC_FILE_MAX (64L * 1024 * 1024)

enum habar_status
habar__dict_read_words(const char *code, habar__word_fn *add, void *arg,
    char **text_out, char *err, size_t err_len)
{
	char aff[4096], dic[4096], enc[64], utf8[1024];
	enum habar_status status = HABAR_OK;
	char *text = NULL, *p, *end;
	struct stat st;
	int legacy;
	FILE *fp;

	if (!find_dictionary(code, aff, dic, sizeof(aff))) {
		snprintf(err, err_len, "Hunspell dictionary %s not found "
		    "(install hunspell-%.2s or set DICPATH)", code, code);
		return HABAR_ERR_NOTFOUND;
	}
	aff_encoding(aff, enc, sizeof(enc));
	legacy = strcasecmp(enc, "UTF-8") != 0 && strcasecmp(enc, "UTF8") != 0;
	if (text_out != NULL)
		*text_out = NULL;
	if ((fp = fopen(dic, "rb")) == NULL) {
		snprintf(err, err_len, "%s: %s", dic, strerror(errno));
		return HABAR_ERR_IO;
	}
	/* Read whole and cut in place: line by line through stdio took
	 * half the time of reading the 146,000 Russian words. */
	if (fstat(fileno(fp), &st) != 0 || st.st_size > DIC_FILE_MAX) {
		snprintf(err, err_len, "%s: %s", dic, st.st_size > DIC_FILE_MAX ?
		    "too large" : strerror(errno));
		status = HABAR_ERR_IO;
		goto done;
	}
	if ((text = malloc((size_t)st.st_size + 1)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	if (fread(text, 1, (size_t)st.st_size, fp) != (size_t)st.st_size) {
		snprintf(err, err_len, "%s: read error", dic);
		status = HABAR_ERR_IO;
		goto done;
	}
	text[st.st_size] = '\n';
	end = text + st.st_size;
	/* The first line is the number of words; then "word/FLAGS", maybe
	 * followed by morphological fields after white space. */
	p = memchr(text, '\n', (size_t)(end - text) + 1) + 1;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p) + 1), *w = p;
		const char *word = p;
		size_t len;

		while (w < nl && *w != '/' && *w != '\t' && *w != ' ' &&
		    *w != '\r' && *w != '\0')
			w++;
		len = (size_t)(w - p);
		*w = '\0';
		p = nl + 1;
		if (len == 0 || len >= sizeof(utf8))
			continue;
		if (legacy) {
			if (habar__spell_recode(enc, 0, word, utf8,
			    sizeof(utf8)) != 0)
				continue;
			word = utf8;
			len = strlen(utf8);
		}
		if ((status = add(word, len, !legacy && text_out != NULL,
		    arg)) != HABAR_OK)
			break;
	}
	/* UTF-8 words were handed over in place: the caller may keep
	 * them. */
	if (status == HABAR_OK && !legacy && text_out != NULL) {
		*text_out = text;
		text = NULL;
	}
done:
	free(text);
	fclose(fp);
	return status;
}

void
habar__dict_free(struct habar__dict *dict)
{
	if (dict == NULL)
		return;
	if (dict->handle != NULL) {
		pthread_mutex_lock(&handles_lock);
		Hunspell_destroy(dict->handle);
		pthread_mutex_unlock(&handles_lock);
	}
	free(dict->encoding);
	free(dict);
}

/* The word in the dictionary's encoding: word itself or buf; NULL when
 * it cannot be converted. */
static const char *
to_dict(const struct habar__dict *dict, const char *word, char *buf,
    size_t cap)
{
	if (dict->encoding == NULL)
		return word;
	if (habar__spell_recode(dict->encoding, 1, word, buf, cap) != 0)
		return NULL;
	return buf;
}

int
habar__dict_check(struct habar__dict *dict, const char *word)
{
	char buf[HABAR__SPELL_WORD_MAX * 4 + 1];
	const char *w = to_dict(dict, word, buf, sizeof(buf));

	if (w == NULL)
		return 0;
	return Hunspell_spell(dict->handle, w) != 0;
}

enum habar_status
habar__dict_add(struct habar__dict *dict, const char *word, const char *model)
{
	char buf[HABAR__SPELL_WORD_MAX * 4 + 1];
	char mbuf[HABAR__SPELL_WORD_MAX * 4 + 1];
	const char *w = to_dict(dict, word, buf, sizeof(buf));
	const char *m = NULL;

	if (w == NULL)
		return HABAR_OK;
	if (model != NULL)
		m = to_dict(dict, model, mbuf, sizeof(mbuf));
	/* Hunspell returns non-zero only on allocation failure. */
	if (m != NULL && Hunspell_add_with_affix(dict->handle, w, m) == 0)
		return HABAR_OK;
	return Hunspell_add(dict->handle, w) == 0 ? HABAR_OK : HABAR_ERR_NOMEM;
}

enum habar_status
habar__dict_suggest(struct habar__dict *dict, char ***list_out,
    size_t *count_out, const char *word, size_t max)
{
	char buf[HABAR__SPELL_WORD_MAX * 4 + 1];
	char out[HABAR__SPELL_WORD_MAX * 4 + 1];
	const char *w = to_dict(dict, word, buf, sizeof(buf));
	char **hlist = NULL, **list = NULL;
	enum habar_status status = HABAR_OK;
	size_t count = 0;
	int n = 0, i;

	*list_out = NULL;
	*count_out = 0;
	if (w == NULL)
		return HABAR_OK;
	n = Hunspell_suggest(dict->handle, &hlist, w);
	if (n <= 0)
		goto done;
	if ((list = calloc((size_t)n, sizeof(*list))) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	for (i = 0; i < n && count < max; i++) {
		const char *s = hlist[i];
		if (dict->encoding != NULL) {
			if (habar__spell_recode(dict->encoding, 0, s, out,
			    sizeof(out)) != 0)
				continue;
			s = out;
		}
		if ((list[count] = strdup(s)) == NULL) {
			status = HABAR_ERR_NOMEM;
			goto done;
		}
		count++;
	}
done:
	if (hlist != NULL)
		Hunspell_free_list(dict->handle, &hlist, n);
	if (status != HABAR_OK) {
		habar_spell_list_free(list, count);
		return status;
	}
	*list_out = list;
	*count_out = count;
	return HABAR_OK;
}
