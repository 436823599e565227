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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <hunspell/hunspell.h>
#include <pthread.h>

#include "grow_internal.h"
#include "spell_internal.h"

/*
 * Hunspell's verdicts on short words, remembered: a spelling check costs
 * Hunspell a walk over its affix rules, and the same words come again and
 * again (habar-qa asks about each name of a translation memory, whose
 * units repeat).  A word's slot is given by its hash; a word that falls
 * on a taken slot takes it, so the memory stays MEMO_SLOTS slots.
 */
#define MEMO_SLOTS 8192u	/* a power of two */
#define MEMO_KEY 47u		/* longer words are not remembered */

struct memo_slot {
	unsigned char len;	/* 0: empty */
	unsigned char known;
	char key[MEMO_KEY];
};

struct habar__dict {
	Hunhandle *handle;
	char *encoding;		/* NULL when the dictionary is UTF-8 */
	int keeps_case;		/* the .aff has KEEPCASE */
	struct memo_slot *memo;	/* made at the first check */
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

/* Whether a line of the .aff file starts with the keyword key and a
 * space (a file that cannot be read: yes, to be safe). */
static int
aff_has(const char *aff, const char *key)
{
	FILE *fp = fopen(aff, "r");
	size_t n = strlen(key);
	char line[1024];
	int found = 0;

	if (fp == NULL)
		return 1;
	while (!found && fgets(line, sizeof(line), fp) != NULL)
		found = strncmp(line, key, n) == 0 &&
		    (line[n] == ' ' || line[n] == '\t');
	fclose(fp);
	return found;
}

int
habar__dict_keeps_case(const struct habar__dict *dict)
{
	return dict->keeps_case;
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
	dict->keeps_case = aff_has(aff, "KEEPCASE");
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

/* Converts the words of a legacy .dic text[0..len) to UTF-8, one a line
 * after a first line standing for the count, into a new block. */
static enum habar_status
convert_words(const char *enc, const char *text, size_t len,
    struct habar__words *words)
{
	char word[1024], utf8[1024], *out = NULL;
	size_t used = 0, cap = 0, n;
	enum habar_status status;
	const char *p = memchr(text, '\n', len), *end = text + len;

	p = p ? p + 1 : end;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *w = p;
		if (nl == NULL)
			nl = end;
		while (w < nl && *w != '/' && *w != '\t' && *w != ' ' &&
		    *w != '\r' && *w != '\0')
			w++;
		n = (size_t)(w - p);
		if (n > 0 && n < sizeof(word)) {
			memcpy(word, p, n);
			word[n] = '\0';
			if (habar__spell_recode(enc, 0, word, utf8,
			    sizeof(utf8)) == 0) {
				n = strlen(utf8);
				status = habar__grow((void **)&out, &cap,
				    used + n + 3, 1, len + 1024);
				if (status != HABAR_OK) {
					free(out);
					return status;
				}
				if (used == 0)
					out[used++] = '\n';
				memcpy(out + used, utf8, n);
				used += n;
				out[used++] = '\n';
			}
		}
		p = nl + 1;
	}
	words->text = out;
	words->len = used;
	words->mapped = 0;
	return HABAR_OK;
}

enum habar_status
habar__dict_words(const char *code, struct habar__words *words, char *err,
    size_t err_len)
{
	char aff[4096], dic[4096], enc[64];
	enum habar_status status = HABAR_OK;
	struct stat st;
	void *map = MAP_FAILED;
	int fd = -1;

	memset(words, 0, sizeof(*words));
	if (!find_dictionary(code, aff, dic, sizeof(aff))) {
		snprintf(err, err_len, "Hunspell dictionary %s not found "
		    "(install hunspell-%.2s or set DICPATH)", code, code);
		return HABAR_ERR_NOTFOUND;
	}
	aff_encoding(aff, enc, sizeof(enc));
	if ((fd = open(dic, O_RDONLY | O_CLOEXEC)) < 0 ||
	    fstat(fd, &st) != 0) {
		snprintf(err, err_len, "%s: %s", dic, strerror(errno));
		status = HABAR_ERR_IO;
		goto done;
	}
	if (st.st_size == 0 || st.st_size > DIC_FILE_MAX) {
		snprintf(err, err_len, "%s: %s", dic, st.st_size == 0 ?
		    "empty" : "too large");
		status = HABAR_ERR_INPUT;
		goto done;
	}
	/* Mapped, not read: the pages come from the page cache as they
	 * are, with no copy and no zeroing. */
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE |
	    MAP_POPULATE, fd, 0);
	if (map == MAP_FAILED) {
		snprintf(err, err_len, "%s: %s", dic, strerror(errno));
		status = HABAR_ERR_IO;
		goto done;
	}
	if (strcasecmp(enc, "UTF-8") == 0 || strcasecmp(enc, "UTF8") == 0) {
		words->text = map;
		words->len = (size_t)st.st_size;
		words->mapped = 1;
		map = MAP_FAILED;
	} else {
		status = convert_words(enc, map, (size_t)st.st_size, words);
	}
done:
	if (map != MAP_FAILED)
		munmap(map, (size_t)st.st_size);
	if (fd >= 0)
		close(fd);
	return status;
}

void
habar__dict_words_free(struct habar__words *words)
{
	if (words->mapped)
		munmap((void *)words->text, words->len);
	else
		free((void *)words->text);
	memset(words, 0, sizeof(*words));
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
	free(dict->memo);
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

/* The slot of word[0..len) in the memo (FNV-1a). */
static struct memo_slot *
memo_slot(struct habar__dict *dict, const char *word, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)word[i]) * 16777619u;
	return &dict->memo[h & (MEMO_SLOTS - 1)];
}

int
habar__dict_check(struct habar__dict *dict, const char *word)
{
	char buf[HABAR__SPELL_WORD_MAX * 4 + 1];
	size_t len = strlen(word);
	struct memo_slot *slot = NULL;
	const char *w;
	int known;

	/* Without memory for the memo, Hunspell is asked every time. */
	if (len > 0 && len <= MEMO_KEY && (dict->memo != NULL ||
	    (dict->memo = calloc(MEMO_SLOTS, sizeof(*dict->memo))) != NULL)) {
		slot = memo_slot(dict, word, len);
		if (slot->len == len && memcmp(slot->key, word, len) == 0)
			return slot->known;
	}
	if ((w = to_dict(dict, word, buf, sizeof(buf))) == NULL)
		return 0;
	known = Hunspell_spell(dict->handle, w) != 0;
	if (slot != NULL) {
		slot->len = (unsigned char)len;
		slot->known = (unsigned char)known;
		memcpy(slot->key, word, len);
	}
	return known;
}

/* Appends to affixes (cap bytes with its NUL) the flags after "fl:" in
 * one of Hunspell's analyses, each once. */
static void
add_flags(const char *analysis, char *affixes, size_t cap)
{
	const char *p = strstr(analysis, "fl:");
	size_t len = strlen(affixes);

	if (p == NULL)
		return;
	for (p += 3; *p != '\0' && *p != ' ' && *p != '\t'; p++)
		if (strchr(affixes, *p) == NULL && len + 1 < cap) {
			affixes[len++] = *p;
			affixes[len] = '\0';
		}
}

int
habar__dict_analyze(struct habar__dict *dict, const char *word,
    char *affixes, size_t cap)
{
	char buf[HABAR__SPELL_WORD_MAX * 4 + 1];
	const char *w = to_dict(dict, word, buf, sizeof(buf));
	char **list = NULL;
	int n, i, root = 0;

	if (cap > 0)
		affixes[0] = '\0';
	if (w == NULL || cap == 0)
		return 1;
	/* Each analysis names the entry (st:) and, for a form an affix
	 * made of it, the affix's flag (fl:); one with no flag is the
	 * entry itself, or a word added at run time. */
	n = Hunspell_analyze(dict->handle, &list, w);
	for (i = 0; i < n; i++) {
		if (strstr(list[i], "fl:") == NULL)
			root = 1;
		else
			add_flags(list[i], affixes, cap);
	}
	if (list != NULL)
		Hunspell_free_list(dict->handle, &list, n);
	/* Known, but not by any analysis (a compound): as an entry. */
	if (n <= 0)
		root = 1;
	return root;
}

int
habar__dict_stem(struct habar__dict *dict, const char *word, char *out,
    size_t size)
{
	char buf[HABAR__SPELL_WORD_MAX * 4 + 1];
	char utf8[HABAR__SPELL_WORD_MAX * 4 + 1];
	const char *w = to_dict(dict, word, buf, sizeof(buf)), *s;
	char **list = NULL;
	int n, found = 0;

	if (w == NULL || size == 0)
		return 0;
	n = Hunspell_stem(dict->handle, &list, w);
	if (n > 0) {
		s = list[0];
		if (dict->encoding == NULL || habar__spell_recode(
		    dict->encoding, 0, s, utf8, sizeof(utf8)) == 0) {
			if (dict->encoding != NULL)
				s = utf8;
			if (strlen(s) < size) {
				memcpy(out, s, strlen(s) + 1);
				found = 1;
			}
		}
	}
	if (list != NULL)
		Hunspell_free_list(dict->handle, &list, n);
	return found;
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
	/* A word added may change what was remembered. */
	if (dict->memo != NULL)
		memset(dict->memo, 0, MEMO_SLOTS * sizeof(*dict->memo));
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
