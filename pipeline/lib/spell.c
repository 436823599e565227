/*
 * spell.c: the spell-checker's decisions (see habar/spell.h).
 *
 * A token goes through, in order: the script test (Latin and Cyrillic
 * mixed: a look-alike letter; another script: skipped), the verdict cache,
 * the choice of dictionary by script (Latin words against English,
 * Cyrillic ones against the text's language, or Russian/Kazakh inside
 * English), the list of words the project rejects although Hunspell knows
 * them, Hunspell itself (with the project's and the user's word lists
 * added), acronyms, hyphenated compounds part by part, and finally the
 * language's suffix and variant rules (spell_morph.c).
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <habar/data.h>

#include "grow_internal.h"
#include "spell_internal.h"

enum { DICT_EN, DICT_RU, DICT_KK, DICT_COUNT };

static const char *const dict_code[DICT_COUNT] = { "en_US", "ru_RU", "kk_KZ" };
static const char *const dict_lang[DICT_COUNT] = { "en", "ru", "kk" };

const char *
habar__spell_dict_code(const char *lang)
{
	size_t d;

	for (d = 0; lang != NULL && d < DICT_COUNT; d++)
		if (strncmp(lang, dict_lang[d], 2) == 0 && (lang[2] == '\0' ||
		    lang[2] == '-' || lang[2] == '_'))
			return dict_code[d];
	return NULL;
}

/* A personal list's path, and an error message with room for one. */
#define PATH_BYTES 4096
#define ERROR_BYTES (PATH_BYTES + 128)

/* The verdict cache: open addressing, cleared when three quarters full,
 * so memory stays flat whatever the input. */
#define CACHE_SLOTS (1u << 16)
#define CACHE_KEY_MAX 47

struct cache_slot {
	unsigned char len;	/* 0: empty */
	unsigned char verdict;
	char key[CACHE_KEY_MAX];
};

/* Hunspell's answers on the forms the rules ask about: stems recur in
 * many words (хабарла-ды, хабарла-ған, хабарла-у), and a sixth of the
 * look-ups of a Kazakh text ask again.  Bounded like the verdicts. */
#define KNOWN_SLOTS (1u << 15)

/*
 * Zeroed memory for a large table, its pages written at once.  calloc's
 * fresh pages are mapped to the shared zero page on the first read, and
 * the first write to each then faults again; with a second thread
 * running (a dictionary loading ahead), each such fault also stops the
 * other core to flush its TLB, which cost a tenth of a Kazakh run.
 */
static void *
zeroed(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	if ((p = malloc(n * size)) != NULL)
		memset(p, 0, n * size);
	return p;
}

struct known_slot {
	unsigned char len;	/* 0: empty */
	unsigned char dict;
	unsigned char known;	/* KNOWN_* bits */
	char key[CACHE_KEY_MAX];
	char affixes[HABAR__AFFIXES_MAX]; /* with KNOWN_ROOT_ASKED: see
				 * habar__dict_analyze() */
};

/* What a known_slot knows of its word. */
enum {
	KNOWN_YES = 1 << 0,	/* the dictionary (with the lists) knows it */
	KNOWN_ROOT_ASKED = 1 << 1, /* KNOWN_ROOT and affixes are filled */
	KNOWN_ROOT = 1 << 2,	/* it is an entry, not only an affixed form */
	KNOWN_LISTED = 1 << 3	/* a word of the project's or the user's
				 * lists */
};

/* A set of words (reject lists, Russian lemmas): open addressing with
 * the hash kept beside each word, the words in large chunks, so that
 * loading 150,000 lemmas costs few allocations. */
struct set_slot {
	uint32_t hash;
	const char *word;	/* NULL: empty */
};

#define SET_CHUNK (256u * 1024)

struct word_set {
	struct set_slot *slots;
	size_t cap, count;
	char **chunks;
	size_t nchunks;
	size_t chunk_used;	/* bytes used in the last chunk */
};

/* Personal words, kept to add to each dictionary when it opens. */
struct word_list {
	char **words;
	size_t count, cap;
};

/*
 * Loading ahead on another thread: the Russian lemmas while the main
 * dictionary loads, the English dictionary while the first batch of a
 * long text is checked (habar__spell_load_ahead()).  The thread writes
 * only the fields of what it loads, and the checker's own thread joins
 * it before it first touches them (settle()), so no lock is needed.
 */
enum { AHEAD_EN, AHEAD_LEMMAS, AHEAD_COUNT };

struct ahead {
	struct habar_spell *spell;
	pthread_t thread;
	int running;		/* started and not yet joined */
	enum habar_status status;
	char error[ERROR_BYTES]; /* the thread's own, copied on failure */
};

/*
 * The Russian lemmas: the words of ru_RU.dic where the file lies (mapped),
 * found through a table of 8-byte slots: the hash in the high half, the
 * word's offset and length below (LEMMA_LEN_BITS for the length); 0 is
 * an empty slot.
 */
#define LEMMA_LEN_BITS 6
#define LEMMA_LEN_MAX ((1u << LEMMA_LEN_BITS) - 1)
#define LEMMA_OFFSET_MAX ((1u << (32 - LEMMA_LEN_BITS)) - 1)

struct lemma_table {
	struct habar__words words;
	uint64_t *slots;
	size_t cap;		/* a power of two */
};

struct habar_spell {
	int main_dict;			/* DICT_* of the text language */
	struct habar__dict *dicts[DICT_COUNT];
	struct habar__morph *morph[DICT_COUNT];
	struct word_set reject[DICT_COUNT];
	/* The words of the project's and the user's lists as written, but
	 * abbreviations: stems the suffix rules trust however short (see
	 * habar__morph_known_fn). */
	struct word_set listed[DICT_COUNT];
	int opened[DICT_COUNT];		/* 1 opened, -1 failed */
	enum habar_status open_status[DICT_COUNT]; /* why it failed */
	struct word_list personal;
	struct lemma_table ru_lemmas;	/* Kazakh text: Russian stems as listed
					 * in ru_RU.dic, for loan words */
	int ru_lemmas_loaded;		/* 1 loaded, -1 failed */
	struct ahead ahead[AHEAD_COUNT];
	struct cache_slot *cache;
	size_t cache_used;
	struct known_slot *known;
	size_t known_used;
	char error[ERROR_BYTES];
};

/* A hash of s[0..len), eight bytes at a time: it runs for every word
 * of the text (the verdict cache) and every Russian lemma. */
static uint32_t
hash_bytes(const char *s, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ len, w;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	if (len >= 4) {
		/* Two loads of four bytes, overlapping when len < 8. */
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + len - 4, 4);
		w = (uint64_t)a << 32 | b;
		h = (h ^ w) * 0xff51afd7ed558ccdu;
	} else if (len > 0) {
		w = (uint64_t)(unsigned char)s[0] << 16 |
		    (uint64_t)(unsigned char)s[len >> 1] << 8 |
		    (unsigned char)s[len - 1];
		h = (h ^ w) * 0xff51afd7ed558ccdu;
	}
	h ^= h >> 29;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 32;
	return (uint32_t)h;
}

static void
set_free(struct word_set *set)
{
	size_t i;

	for (i = 0; i < set->nchunks; i++)
		free(set->chunks[i]);
	free(set->chunks);
	free(set->slots);
	memset(set, 0, sizeof(*set));
}

static int
set_has(const struct word_set *set, const char *word)
{
	size_t len = strlen(word), i;
	uint32_t h;

	if (set->cap == 0)
		return 0;
	h = hash_bytes(word, len);
	for (i = h & (set->cap - 1); set->slots[i].word != NULL;
	    i = (i + 1) & (set->cap - 1))
		if (set->slots[i].hash == h &&
		    memcmp(set->slots[i].word, word, len + 1) == 0)
			return 1;
	return 0;
}

/* Makes room for count more words without growing. */
static enum habar_status
set_reserve(struct word_set *set, size_t count)
{
	struct set_slot *slots;
	size_t cap = set->cap ? set->cap : 64, i, j;

	if (count > SIZE_MAX / 4 - set->count)
		return HABAR_ERR_LIMIT;
	while ((set->count + count) * 4 > cap * 3)
		cap *= 2;
	if (cap == set->cap)
		return HABAR_OK;
	if ((slots = zeroed(cap, sizeof(*slots))) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < set->cap; i++) {
		if (set->slots[i].word == NULL)
			continue;
		for (j = set->slots[i].hash & (cap - 1); slots[j].word != NULL;
		    j = (j + 1) & (cap - 1))
			;
		slots[j] = set->slots[i];
	}
	free(set->slots);
	set->slots = slots;
	set->cap = cap;
	return HABAR_OK;
}

/* Adds a copy of word[0..len), which holds no NUL. */
static enum habar_status
set_add(struct word_set *set, const char *word, size_t len)
{
	uint32_t h = hash_bytes(word, len);
	enum habar_status status;
	size_t i;
	char *copy;

	if ((status = set_reserve(set, 1)) != HABAR_OK)
		return status;
	for (i = h & (set->cap - 1); set->slots[i].word != NULL;
	    i = (i + 1) & (set->cap - 1))
		if (set->slots[i].hash == h &&
		    strncmp(set->slots[i].word, word, len) == 0 &&
		    set->slots[i].word[len] == '\0')
			return HABAR_OK;
	if (len + 1 > SET_CHUNK)
		return HABAR_ERR_LIMIT;
	if (set->nchunks == 0 || set->chunk_used + len + 1 > SET_CHUNK) {
		char **chunks = realloc(set->chunks,
		    (set->nchunks + 1) * sizeof(*chunks));
		if (chunks == NULL)
			return HABAR_ERR_NOMEM;
		set->chunks = chunks;
		if ((chunks[set->nchunks] = malloc(SET_CHUNK)) == NULL)
			return HABAR_ERR_NOMEM;
		set->nchunks++;
		set->chunk_used = 0;
	}
	copy = set->chunks[set->nchunks - 1] + set->chunk_used;
	memcpy(copy, word, len);
	copy[len] = '\0';
	set->chunk_used += len + 1;
	set->slots[i].hash = h;
	set->slots[i].word = copy;
	set->count++;
	return HABAR_OK;
}

static void
lemma_free(struct lemma_table *t)
{
	habar__dict_words_free(&t->words);
	free(t->slots);
	t->slots = NULL;
	t->cap = 0;
}

/* Fills the table from t->words; returns HABAR_OK or HABAR_ERR_NOMEM. */
static enum habar_status
lemma_index(struct lemma_table *t)
{
	const char *text = t->words.text, *p, *end = text + t->words.len;
	size_t lines = 0, i;
	unsigned char stop[256] = { 0 };	/* where a word ends */

	stop['/'] = stop['\t'] = stop[' '] = stop['\r'] = stop['\n'] = 1;
	for (p = text; p < end && (p = memchr(p, '\n',
	    (size_t)(end - p))) != NULL; p++)
		lines++;
	for (t->cap = 64; t->cap * 3 < lines * 4; t->cap *= 2)
		;
	if ((t->slots = zeroed(t->cap, sizeof(*t->slots))) == NULL)
		return HABAR_ERR_NOMEM;
	/* The first line is the count. */
	p = memchr(text, '\n', t->words.len);
	p = p ? p + 1 : end;
	while (p < end) {
		const char *w = p, *nl;
		size_t len, off = (size_t)(p - text);
		uint64_t slot;
		uint32_t h;

		while (w < end && !stop[(unsigned char)*w])
			w++;
		len = (size_t)(w - p);
		if (w == end)
			nl = NULL;
		else if (*w == '\n')
			nl = w;
		else
			nl = memchr(w, '\n', (size_t)(end - w));
		p = nl ? nl + 1 : end;
		if (len == 0 || len > LEMMA_LEN_MAX || off > LEMMA_OFFSET_MAX)
			continue;
		h = hash_bytes(text + off, len);
		slot = (uint64_t)h << 32 | (uint64_t)off << LEMMA_LEN_BITS |
		    len;
		for (i = h & (t->cap - 1); t->slots[i] != 0 &&
		    t->slots[i] != slot; i = (i + 1) & (t->cap - 1))
			;
		t->slots[i] = slot;
	}
	return HABAR_OK;
}

static int
lemma_has(const struct lemma_table *t, const char *word)
{
	size_t len = strlen(word), i;
	uint32_t h;

	if (t->cap == 0 || len == 0 || len > LEMMA_LEN_MAX)
		return 0;
	h = hash_bytes(word, len);
	for (i = h & (t->cap - 1); t->slots[i] != 0;
	    i = (i + 1) & (t->cap - 1)) {
		uint64_t slot = t->slots[i];
		if ((uint32_t)(slot >> 32) == h &&
		    (slot & LEMMA_LEN_MAX) == len &&
		    memcmp(t->words.text + ((slot & 0xffffffffu) >>
		    LEMMA_LEN_BITS), word, len) == 0)
			return 1;
	}
	return 0;
}

/* Lower-cases the UTF-8 word into out (cap bytes); 0 if it does not fit. */
static int
lower_word(const char *word, size_t len, char *out, size_t cap)
{
	size_t i = 0, n = 0;

	while (i < len)
		if (!habar__spell_put_cp(out, cap - 1, &n,
		    habar__spell_lower(habar__spell_next_cp(word, len, &i))))
			return 0;
	out[n] = '\0';
	return 1;
}

/*
 * Reads a word list: one word a line, "#" comments, blank lines ignored;
 * "word/model" inflects word like model (when the list goes into a
 * dictionary).  Calls add(word, model, arg) for each.
 */
typedef enum habar_status list_fn(const char *word, const char *model,
    void *arg);

static enum habar_status
read_list(const char *path, list_fn *add, void *arg, char *err, size_t err_len)
{
	FILE *fp;
	char line[1024];
	unsigned long number = 0;
	enum habar_status status = HABAR_OK;

	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, err_len, "%s: %s", path, strerror(errno));
		return errno == ENOENT ? HABAR_ERR_NOTFOUND : HABAR_ERR_IO;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *p = line, *end, *slash;
		number++;
		if (strchr(line, '\n') == NULL && !feof(fp)) {
			snprintf(err, err_len, "%s:%lu: line longer than %zu "
			    "bytes (the limit)", path, number,
			    sizeof(line) - 2);
			status = HABAR_ERR_INPUT;
			break;
		}
		while (*p == ' ' || *p == '\t' || *p == '\xef')
			if (*p == '\xef' && number == 1 &&
			    strncmp(p, "\xef\xbb\xbf", 3) == 0)
				p += 3;
			else if (*p == '\xef')
				break;
			else
				p++;
		if (*p == '#')
			continue;
		end = p + strlen(p);
		while (end > p && (end[-1] == '\n' || end[-1] == '\r' ||
		    end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (*p == '\0')
			continue;
		if ((size_t)(end - p) >= HABAR__SPELL_WORD_MAX) {
			snprintf(err, err_len, "%s:%lu: word too long", path,
			    number);
			status = HABAR_ERR_INPUT;
			break;
		}
		slash = strchr(p, '/');
		if (slash != NULL)
			*slash++ = '\0';
		if ((status = add(p, slash, arg)) != HABAR_OK)
			break;
	}
	if (status == HABAR_OK && ferror(fp)) {
		snprintf(err, err_len, "%s: read error", path);
		status = HABAR_ERR_IO;
	}
	fclose(fp);
	return status;
}

/* Where the words of a list go: the dictionary, and the listed set. */
struct list_target {
	struct habar__dict *dict;
	struct word_set *listed;
};

/* Adds a word of a list; the model "-" marks an abbreviation (км/-),
 * which takes suffixes only after a hyphen (км-ге). */
static enum habar_status
add_to_dict(const char *word, const char *model, void *arg)
{
	struct list_target *to = arg;
	int abbreviation = model != NULL && strcmp(model, "-") == 0;
	enum habar_status status;

	status = habar__dict_add(to->dict, word, abbreviation ? NULL : model);
	if (status != HABAR_OK || abbreviation)
		return status;
	return set_add(to->listed, word, strlen(word));
}

static enum habar_status
add_to_reject(const char *word, const char *model, void *arg)
{
	char low[HABAR__SPELL_WORD_MAX * 2];

	(void)model;
	if (!lower_word(word, strlen(word), low, sizeof(low)))
		return HABAR_OK;
	return set_add(arg, low, strlen(low));
}

static enum habar_status
add_to_personal(const char *word, const char *model, void *arg)
{
	struct word_list *list = arg;
	size_t need = strlen(word) + 1 + (model ? strlen(model) + 1 : 0);
	enum habar_status status;
	char *copy;

	if (list->count >= 1000000)
		return HABAR_ERR_LIMIT;
	status = habar__grow((void **)&list->words, &list->cap,
	    list->count + 1, sizeof(*list->words), 64);
	if (status != HABAR_OK)
		return status;
	if ((copy = malloc(need)) == NULL)
		return HABAR_ERR_NOMEM;
	snprintf(copy, need, "%s%s%s", word, model ? "/" : "",
	    model ? model : "");
	list->words[list->count++] = copy;
	return HABAR_OK;
}

/* The script of a personal word: which dictionaries it belongs to. */
static enum habar__script
word_script(const char *word)
{
	size_t i = 0, len = strlen(word);

	while (i < len) {
		enum habar__script s =
		    habar__spell_script(habar__spell_next_cp(word, len, &i));
		if (s == HABAR__SCRIPT_LATIN || s == HABAR__SCRIPT_CYRILLIC)
			return s;
	}
	return HABAR__SCRIPT_NONE;
}

/*
 * Opens dictionary d with its word lists and rules, once; messages go to
 * err.  Runs on the checker's thread or on a loading-ahead thread, so it
 * reads the personal words without writing them.
 */
static enum habar_status
open_dict_now(struct habar_spell *spell, int d, char *err, size_t err_len)
{
	char relative[128], word[HABAR__SPELL_WORD_MAX + 1], *path = NULL;
	struct list_target to;
	enum habar_status status;
	size_t i;

	if (spell->opened[d] > 0)
		return HABAR_OK;
	if (spell->opened[d] < 0)
		return spell->open_status[d];
	spell->opened[d] = -1;
	status = habar__dict_open(&spell->dicts[d], dict_code[d], err,
	    err_len);
	if (status != HABAR_OK)
		goto done;
	to.dict = spell->dicts[d];
	to.listed = &spell->listed[d];
	/* The project's word lists: names, places, organisations,
	 * acronyms, and the words Hunspell lacks. */
	snprintf(relative, sizeof(relative), "dictionaries/%s.words",
	    dict_lang[d]);
	status = habar_data_find(&path, relative);
	if (status == HABAR_OK)
		status = read_list(path, add_to_dict, &to, err, err_len);
	free(path);
	path = NULL;
	if (status != HABAR_OK && status != HABAR_ERR_NOTFOUND)
		goto done;
	snprintf(relative, sizeof(relative), "dictionaries/%s.reject",
	    dict_lang[d]);
	status = habar_data_find(&path, relative);
	if (status == HABAR_OK)
		status = read_list(path, add_to_reject, &spell->reject[d], err,
		    err_len);
	free(path);
	if (status != HABAR_OK && status != HABAR_ERR_NOTFOUND)
		goto done;
	/* The user's words, by script: Latin ones go to English, Cyrillic
	 * ones to Russian and Kazakh. */
	for (i = 0; i < spell->personal.count; i++) {
		const char *w = spell->personal.words[i], *slash;
		enum habar__script s = word_script(w);
		size_t n;
		if ((s == HABAR__SCRIPT_LATIN) != (d == DICT_EN))
			continue;
		slash = strchr(w, '/');
		n = slash ? (size_t)(slash - w) : strlen(w);
		if (n >= sizeof(word))
			continue;	/* read_list() lets none through */
		memcpy(word, w, n);
		word[n] = '\0';
		status = add_to_dict(word, slash ? slash + 1 : NULL, &to);
		if (status != HABAR_OK)
			goto done;
	}
	status = habar__morph_load(&spell->morph[d], dict_lang[d], err,
	    err_len);
	if (status != HABAR_OK)
		goto done;
	spell->opened[d] = 1;
	err[0] = '\0';
done:
	spell->open_status[d] = status;
	return status;
}

/* Waits for the loading-ahead thread which (when it runs); a failure's
 * message becomes the checker's. */
static void
settle(struct habar_spell *spell, int which)
{
	struct ahead *a = &spell->ahead[which];

	if (!a->running)
		return;
	pthread_join(a->thread, NULL);
	a->running = 0;
	if (a->status != HABAR_OK && a->error[0] != '\0')
		snprintf(spell->error, sizeof(spell->error), "%s", a->error);
}

/* Opens dictionary d on the checker's thread (see open_dict_now()). */
static enum habar_status
open_dict(struct habar_spell *spell, int d)
{
	if (d == DICT_EN)
		settle(spell, AHEAD_EN);
	if (spell->opened[d] < 0)
		return spell->open_status[d];
	return open_dict_now(spell, d, spell->error, sizeof(spell->error));
}

/*
 * Reads the Russian lemmas (a word of ru_RU.dic as listed, not an
 * inflected form): Kazakh borrows Russian nouns in their dictionary form
 * (парламент, компания, минимум), so a Russian case form (трату, утра,
 * доты) behind a Kazakh suffix is far more likely a typo.  Reading the
 * list is much cheaper than loading ru_RU.  A failure leaves the table
 * empty: no stem is then taken for Russian.
 */
static void
read_ru_lemmas(struct habar_spell *spell, char *err, size_t err_len)
{
	spell->ru_lemmas_loaded = -1;
	if (habar__dict_words(dict_code[DICT_RU], &spell->ru_lemmas.words,
	    err, err_len) != HABAR_OK ||
	    lemma_index(&spell->ru_lemmas) != HABAR_OK) {
		lemma_free(&spell->ru_lemmas);
		err[0] = '\0';
		return;
	}
	spell->ru_lemmas_loaded = 1;
}

static void *
ahead_lemmas(void *arg)
{
	struct ahead *a = arg;

	read_ru_lemmas(a->spell, a->error, sizeof(a->error));
	a->status = HABAR_OK;
	return NULL;
}

static void *
ahead_english(void *arg)
{
	struct ahead *a = arg;

	a->status = open_dict_now(a->spell, DICT_EN, a->error,
	    sizeof(a->error));
	return NULL;
}

/* Starts loading ahead on a thread (see struct ahead); when no thread
 * can be made, the work is done on first need instead. */
static void
start_ahead(struct habar_spell *spell, int which)
{
	struct ahead *a = &spell->ahead[which];

	if (a->running)
		return;
	a->spell = spell;
	a->status = HABAR_OK;
	a->error[0] = '\0';
	if (pthread_create(&a->thread, NULL, which == AHEAD_EN ?
	    ahead_english : ahead_lemmas, a) == 0)
		a->running = 1;
}

/* Reads the personal lists named in options, $HABAR_PERSONAL_DICT and
 * ~/.config/habar/words.<lang>. */
static enum habar_status
read_personal(struct habar_spell *spell, const char *lang,
    const struct habar_spell_options *options)
{
	enum habar_status status;
	const char *env, *home;
	char path[PATH_BYTES];
	size_t i;

	if (options != NULL)
		for (i = 0; i < options->personal_count; i++) {
			status = read_list(options->personal[i],
			    add_to_personal, &spell->personal, spell->error,
			    sizeof(spell->error));
			if (status != HABAR_OK)
				return status;
		}
	if (options != NULL && options->no_default_personal)
		return HABAR_OK;
	if ((env = getenv("HABAR_PERSONAL_DICT")) != NULL && *env != '\0') {
		const char *p = env;
		for (;;) {
			const char *colon = strchr(p, ':');
			size_t len = colon ? (size_t)(colon - p) : strlen(p);
			if (len > 0 && len < sizeof(path)) {
				memcpy(path, p, len);
				path[len] = '\0';
				status = read_list(path, add_to_personal,
				    &spell->personal, spell->error,
				    sizeof(spell->error));
				if (status != HABAR_OK)
					return status;
			}
			if (colon == NULL)
				break;
			p = colon + 1;
		}
	}
	env = getenv("XDG_CONFIG_HOME");
	home = getenv("HOME");
	if (env != NULL && *env != '\0')
		snprintf(path, sizeof(path), "%s/habar/words.%s", env, lang);
	else if (home != NULL && *home != '\0')
		snprintf(path, sizeof(path), "%s/.config/habar/words.%s",
		    home, lang);
	else
		return HABAR_OK;
	status = read_list(path, add_to_personal, &spell->personal,
	    spell->error, sizeof(spell->error));
	if (status == HABAR_ERR_NOTFOUND) {
		spell->error[0] = '\0';
		status = HABAR_OK;
	}
	return status;
}

enum habar_status
habar_spell_new(struct habar_spell **spell_out, const char *lang,
    const struct habar_spell_options *options, char *errbuf,
    size_t errbuf_len)
{
	struct habar_spell *spell;
	enum habar_status status = HABAR_OK;
	int d;

	*spell_out = NULL;
	if (errbuf != NULL && errbuf_len > 0)
		errbuf[0] = '\0';
	if ((spell = calloc(1, sizeof(*spell))) == NULL)
		return HABAR_ERR_NOMEM;
	if (lang == NULL || strlen(lang) < 2 ||
	    (lang[2] != '\0' && lang[2] != '-' && lang[2] != '_')) {
		snprintf(spell->error, sizeof(spell->error),
		    "unsupported language '%s' (en, ru or kk)",
		    lang ? lang : "");
		status = HABAR_ERR_ARGUMENT;
		goto done;
	}
	for (d = 0; d < DICT_COUNT; d++)
		if (strncmp(lang, dict_lang[d], 2) == 0)
			break;
	if (d == DICT_COUNT) {
		snprintf(spell->error, sizeof(spell->error),
		    "unsupported language '%s' (en, ru or kk)", lang);
		status = HABAR_ERR_ARGUMENT;
		goto done;
	}
	spell->main_dict = d;
	if ((spell->cache = zeroed(CACHE_SLOTS, sizeof(*spell->cache))) ==
	    NULL || (spell->known = zeroed(KNOWN_SLOTS,
	    sizeof(*spell->known))) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	if ((status = read_personal(spell, dict_lang[d], options)) !=
	    HABAR_OK)
		goto done;
	/* Kazakh text needs the Russian lemmas for its loan words: they
	 * are read on another core while Hunspell loads. */
	if (d == DICT_KK)
		start_ahead(spell, AHEAD_LEMMAS);
	status = open_dict(spell, d);
done:
	if (status != HABAR_OK) {
		if (errbuf != NULL && errbuf_len > 0)
			snprintf(errbuf, errbuf_len, "%s", spell->error[0] ?
			    spell->error : habar_status_string(status));
		habar_spell_free(spell);
		spell = NULL;
	}
	*spell_out = spell;
	return status;
}

void
habar_spell_free(struct habar_spell *spell)
{
	size_t i;
	int d;

	if (spell == NULL)
		return;
	for (d = 0; d < AHEAD_COUNT; d++)
		settle(spell, d);
	for (d = 0; d < DICT_COUNT; d++) {
		habar__dict_free(spell->dicts[d]);
		habar__morph_free(spell->morph[d]);
		set_free(&spell->reject[d]);
		set_free(&spell->listed[d]);
	}
	lemma_free(&spell->ru_lemmas);
	for (i = 0; i < spell->personal.count; i++)
		free(spell->personal.words[i]);
	free(spell->personal.words);
	free(spell->cache);
	free(spell->known);
	free(spell);
}

const char *
habar_spell_error(const struct habar_spell *spell)
{
	return spell != NULL ? spell->error : "";
}

/* What the checker needs to know of a token's letters. */
struct shape {
	size_t letters, latin, cyrillic, other, upper;
	size_t kazakh;		/* letters only Kazakh uses */
	size_t hyphens;
};

static int
is_kazakh_letter(uint32_t c)
{
	switch (habar__spell_lower(c)) {
	case 0x04D9: case 0x0493: case 0x049B: case 0x04A3: case 0x04E9:
	case 0x04B1: case 0x04AF: case 0x04BB: case 0x0456:
		return 1;	/* ә ғ қ ң ө ұ ү һ і */
	default:
		return 0;
	}
}

static void
shape_of(const char *w, size_t len, struct shape *sh)
{
	size_t i = 0;

	memset(sh, 0, sizeof(*sh));
	while (i < len) {
		uint32_t c = habar__spell_next_cp(w, len, &i);
		switch (habar__spell_script(c)) {
		case HABAR__SCRIPT_LATIN:
			sh->latin++;
			break;
		case HABAR__SCRIPT_CYRILLIC:
			sh->cyrillic++;
			if (is_kazakh_letter(c))
				sh->kazakh++;
			break;
		case HABAR__SCRIPT_OTHER:
			sh->other++;
			break;
		default:
			if (c == '-' || c == 0x2010 || c == 0x2011)
				sh->hyphens++;
			continue;
		}
		sh->letters++;
		if (habar__spell_is_upper(c))
			sh->upper++;
	}
}

/* The context the rules' known() callback gets. */
struct lookup {
	struct habar_spell *spell;
	int dict;
};

/* The answer to a stem's lookup, from its KNOWN_* bits (see
 * dict_knows_as()). */
static int
stem_answer(unsigned char known)
{
	if (known & KNOWN_LISTED)
		return 3;
	return (known & KNOWN_ROOT) ? 1 : 2;
}

/* Fills in what habar__dict_analyze() and the lists say of a known
 * word. */
static void
analyze_known(struct habar_spell *spell, int d, const char *word,
    unsigned char *known, char *affixes)
{
	char low[HABAR__SPELL_WORD_MAX * 2];

	*known |= KNOWN_ROOT_ASKED;
	if (habar__dict_analyze(spell->dicts[d], word, affixes,
	    HABAR__AFFIXES_MAX))
		*known |= KNOWN_ROOT;
	/* A word listed in lower case also stands capitalised or in
	 * capitals (өңір: Өңір, ӨҢІР); an acronym only as it is (АҚ). */
	if (spell->listed[d].count > 0 && (set_has(&spell->listed[d], word) ||
	    (lower_word(word, strlen(word), low, sizeof(low)) &&
	    set_has(&spell->listed[d], low))))
		*known |= KNOWN_LISTED;
}

/*
 * Whether Hunspell (with the lists) knows word and the project does not
 * reject it: 0 no, 1 yes.  With affixes (HABAR__AFFIXES_MAX bytes), for
 * a stem that takes suffixes: 1 when it is an entry of the dictionary,
 * 2 when Hunspell makes it of one with an affix, whose flags go to
 * affixes (жауйын, the imperative of жауу, takes no case ending), 3 when
 * it is a word of the lists (see habar__morph_known_fn).
 */
static int
dict_knows_as(struct habar_spell *spell, int d, const char *word,
    char *affixes)
{
	char low[HABAR__SPELL_WORD_MAX * 2];
	char mine[HABAR__AFFIXES_MAX];
	size_t len = strlen(word), k = 0;
	struct known_slot *slot = NULL;
	unsigned char known;

	if (affixes == NULL)
		affixes = mine;
	affixes[0] = '\0';
	if (len <= CACHE_KEY_MAX) {
		uint32_t h = hash_bytes(word, len) ^ (uint32_t)d;
		for (k = h & (KNOWN_SLOTS - 1); spell->known[k].len != 0;
		    k = (k + 1) & (KNOWN_SLOTS - 1)) {
			struct known_slot *old = &spell->known[k];
			if (old->len != len || old->dict != d ||
			    memcmp(old->key, word, len) != 0)
				continue;
			if (affixes == mine || !(old->known & KNOWN_YES))
				return old->known & KNOWN_YES;
			if (!(old->known & KNOWN_ROOT_ASKED))
				analyze_known(spell, d, word, &old->known,
				    old->affixes);
			memcpy(affixes, old->affixes, HABAR__AFFIXES_MAX);
			return stem_answer(old->known);
		}
		if (spell->known_used >= KNOWN_SLOTS / 4 * 3) {
			memset(spell->known, 0, KNOWN_SLOTS *
			    sizeof(*spell->known));
			spell->known_used = 0;
			for (k = h & (KNOWN_SLOTS - 1); spell->known[k].len;
			    k = (k + 1) & (KNOWN_SLOTS - 1))
				;
		}
		slot = &spell->known[k];
	}
	if (spell->reject[d].count > 0 &&
	    lower_word(word, len, low, sizeof(low)) &&
	    set_has(&spell->reject[d], low))
		known = 0;
	else
		known = habar__dict_check(spell->dicts[d], word) ? KNOWN_YES :
		    0;
	if (known && affixes != mine)
		analyze_known(spell, d, word, &known, affixes);
	if (slot != NULL && len > 0) {
		slot->len = (unsigned char)len;
		slot->dict = (unsigned char)d;
		slot->known = known;
		memcpy(slot->key, word, len);
		memcpy(slot->affixes, affixes, HABAR__AFFIXES_MAX);
		spell->known_used++;
	}
	if (!(known & KNOWN_YES))
		return 0;
	return affixes == mine ? 1 : stem_answer(known);
}

/* Whether Hunspell (with the lists) knows word and the project does not
 * reject it. */
static int
dict_knows(struct habar_spell *spell, int d, const char *word)
{
	return dict_knows_as(spell, d, word, NULL);
}

/* Reads the Russian lemmas on first need (or waits for their thread). */
static void
load_ru_lemmas(struct habar_spell *spell)
{
	settle(spell, AHEAD_LEMMAS);
	if (spell->ru_lemmas_loaded != 0)
		return;
	read_ru_lemmas(spell, spell->error, sizeof(spell->error));
}

static int
russian_lemma(struct habar_spell *spell, const char *word)
{
	char low[HABAR__SPELL_WORD_MAX * 2];

	load_ru_lemmas(spell);
	if (spell->ru_lemmas_loaded < 0)
		return 0;
	if (lemma_has(&spell->ru_lemmas, word))
		return 1;
	return lower_word(word, strlen(word), low, sizeof(low)) &&
	    lemma_has(&spell->ru_lemmas, low);
}

static int
morph_known(const char *word, int is_stem, char *affixes, void *arg)
{
	struct lookup *lk = arg;
	struct shape sh;
	int known;

	if ((known = dict_knows_as(lk->spell, lk->dict, word,
	    is_stem ? affixes : NULL)) != 0)
		return known;
	/* Kazakh text borrows Russian stems (парламент-іне, компания-сы):
	 * a stem of four letters or more with no Kazakh letter may be a
	 * Russian word. */
	if (lk->dict == DICT_KK && is_stem == 1) {
		shape_of(word, strlen(word), &sh);
		if (sh.kazakh == 0 && sh.latin == 0 && sh.letters >= 4)
			return russian_lemma(lk->spell, word);
	}
	return 0;
}

/* Checks one word (no hyphen left in it) against dictionary d. */
static enum habar_status
check_simple(struct habar_spell *spell, int d, const char *word, size_t len,
    int *known)
{
	struct lookup lk = { spell, d };
	struct shape sh;
	enum habar_status status;

	*known = 0;
	if ((status = open_dict(spell, d)) != HABAR_OK)
		return status;
	shape_of(word, len, &sh);
	if (sh.letters <= 1) {
		*known = 1;
		return HABAR_OK;
	}
	if (dict_knows(spell, d, word)) {
		*known = 1;
		return HABAR_OK;
	}
	if (habar__morph_accepts(spell->morph[d], word, morph_known, &lk)) {
		*known = 1;
		return HABAR_OK;
	}
	/* A Russian word in Kazakh text, as Kazakh news often quotes. */
	if (d == DICT_KK && sh.kazakh == 0 && sh.latin == 0 &&
	    sh.letters >= 4 && russian_lemma(spell, word))
		*known = 1;
	return HABAR_OK;
}

/* Which dictionary checks a word of this shape. */
static int
dict_for(const struct habar_spell *spell, const struct shape *sh)
{
	if (sh->latin > 0)
		return DICT_EN;
	if (spell->main_dict != DICT_EN)
		return spell->main_dict;
	return sh->kazakh > 0 ? DICT_KK : DICT_RU;
}

/* The verdict on a normalised word (apostrophes and hyphens ASCII). */
static enum habar_status
decide(struct habar_spell *spell, const char *word, size_t len,
    const struct shape *sh, enum habar_spell_verdict *verdict)
{
	enum habar_status status;
	int d = dict_for(spell, sh), known;
	const char *part, *end = word + len;
	struct shape prev = { 0 };
	char buf[HABAR__SPELL_WORD_MAX + 1];

	*verdict = HABAR_SPELL_UNKNOWN;
	status = check_simple(spell, d, word, len, &known);
	if (status != HABAR_OK || known) {
		if (known)
			*verdict = HABAR_SPELL_OK;
		return status;
	}
	/* English text: a Cyrillic word Russian lacks may be Kazakh. */
	if (spell->main_dict == DICT_EN && d == DICT_RU) {
		status = check_simple(spell, DICT_KK, word, len, &known);
		if (status != HABAR_OK || known) {
			if (known)
				*verdict = HABAR_SPELL_OK;
			return status;
		}
	}
	if (sh->hyphens == 0)
		return HABAR_OK;
	/* A compound: every part must be known; after an acronym, a
	 * Kazakh case ending may follow a hyphen (УПМ-ге), and after an
	 * acronym or a Latin word a chain of them (Twitter-інен); after a
	 * Kazakh word only one (a chain there is more often a typo of a
	 * word: жауын-шаын for шашын). */
	for (part = word; part < end;) {
		const char *dash = memchr(part, '-', (size_t)(end - part));
		size_t plen = dash ? (size_t)(dash - part) :
		    (size_t)(end - part);
		struct shape psh;

		if (plen == 0 || plen >= sizeof(buf))
			return HABAR_OK;
		memcpy(buf, part, plen);
		buf[plen] = '\0';
		shape_of(buf, plen, &psh);
		if (part > word && psh.latin == 0 &&
		    habar__morph_is_suffix(spell->morph[spell->main_dict], buf,
		    prev.latin > 0 || prev.upper == prev.letters))
			known = 1;
		else if ((status = check_simple(spell, dict_for(spell, &psh),
		    buf, plen, &known)) != HABAR_OK)
			return status;
		/* An English compound takes the plural at its end
		 * (year-olds, sit-ins, lay-offs): the last part may be a
		 * known word and an s. */
		if (!known && part > word && dash == NULL && plen > 3 &&
		    buf[plen - 1] == 's' && psh.latin == psh.letters) {
			buf[plen - 1] = '\0';
			if ((status = check_simple(spell, DICT_EN, buf,
			    plen - 1, &known)) != HABAR_OK)
				return status;
		}
		if (!known)
			return HABAR_OK;
		prev = psh;
		part = dash ? dash + 1 : end;
	}
	*verdict = HABAR_SPELL_OK;
	return HABAR_OK;
}

/* Whether one hyphen-separated part of word mixes Latin and Cyrillic
 * ("Google-дың" does not: each part keeps to its script). */
static int
mixes_within_part(const char *word, size_t len)
{
	size_t i = 0;
	int latin = 0, cyrillic = 0;

	while (i < len) {
		uint32_t c = habar__spell_next_cp(word, len, &i);
		enum habar__script s = habar__spell_script(c);
		if (c == '-' || c == 0x2010 || c == 0x2011) {
			latin = cyrillic = 0;
			continue;
		}
		if (s == HABAR__SCRIPT_LATIN)
			latin = 1;
		else if (s == HABAR__SCRIPT_CYRILLIC)
			cyrillic = 1;
		if (latin && cyrillic)
			return 1;
	}
	return 0;
}

/* The cached verdict on key[0..len), or -1 when there is none. */
static int
cached(const struct habar_spell *spell, const char *key, size_t len)
{
	size_t k;

	if (len == 0 || len > CACHE_KEY_MAX)
		return -1;
	for (k = hash_bytes(key, len) & (CACHE_SLOTS - 1);
	    spell->cache[k].len != 0; k = (k + 1) & (CACHE_SLOTS - 1))
		if (spell->cache[k].len == len &&
		    memcmp(spell->cache[k].key, key, len) == 0)
			return spell->cache[k].verdict;
	return -1;
}

/* Whether a dictionary that may judge a word of this shape accepts only
 * some words as written (KEEPCASE), or is not open yet. */
static int
keeps_case(struct habar_spell *spell, const struct shape *sh)
{
	int d = dict_for(spell, sh);

	if (open_dict(spell, d) != HABAR_OK ||
	    habar__dict_keeps_case(spell->dicts[d]))
		return 1;
	/* English text: a Cyrillic word Russian lacks goes to Kazakh. */
	return spell->main_dict == DICT_EN && d == DICT_RU &&
	    spell->opened[DICT_KK] > 0 &&
	    habar__dict_keeps_case(spell->dicts[DICT_KK]);
}

/*
 * Whether word[0..len), capitalised (its first letter its only capital),
 * is the capital form of a word the cache already holds as good: Hunspell
 * accepts the capitalised form of every word it knows unless the
 * dictionary declares KEEPCASE, and the other rules look at case only to
 * accept more (names).  Sentence-initial words (Бұл, Олар) are spared
 * a look-up of their own.
 */
static int
capital_of_good(struct habar_spell *spell, const char *word, size_t len,
    const struct shape *sh)
{
	char low[CACHE_KEY_MAX + 8];
	size_t i = 0, n = 0;
	uint32_t c;

	if (sh->upper != 1 || len > CACHE_KEY_MAX)
		return 0;
	c = habar__spell_next_cp(word, len, &i);
	if (!habar__spell_is_upper(c) ||
	    !habar__spell_put_cp(low, sizeof(low), &n,
	    habar__spell_lower(c)) || n + (len - i) > CACHE_KEY_MAX)
		return 0;
	memcpy(low + n, word + i, len - i);
	if (cached(spell, low, n + (len - i)) != HABAR_SPELL_OK)
		return 0;
	return !keeps_case(spell, sh);
}

enum habar_status
habar_spell_check(struct habar_spell *spell, const char *word, size_t len,
    enum habar_spell_verdict *verdict)
{
	char norm[HABAR__SPELL_WORD_MAX + 1];
	struct cache_slot *slot = NULL;
	enum habar_status status;
	struct shape sh;
	size_t i = 0, n = 0;

	/* A word met before, as written: a cached key is its own
	 * normalisation (valid UTF-8, ASCII apostrophes and hyphens), so a
	 * word that matches one byte for byte gets the same verdict. */
	if (len <= CACHE_KEY_MAX) {
		uint32_t h = hash_bytes(word, len);
		size_t k;
		for (k = h & (CACHE_SLOTS - 1); spell->cache[k].len != 0;
		    k = (k + 1) & (CACHE_SLOTS - 1))
			if (spell->cache[k].len == len &&
			    memcmp(spell->cache[k].key, word, len) == 0) {
				*verdict = spell->cache[k].verdict;
				return HABAR_OK;
			}
	}
	*verdict = HABAR_SPELL_SKIPPED;
	shape_of(word, len, &sh);
	if (sh.letters == 0)
		return HABAR_OK;
	if (sh.latin > 0 && sh.cyrillic > 0 && mixes_within_part(word, len)) {
		*verdict = HABAR_SPELL_MIXED;
		return HABAR_OK;
	}
	if (sh.other > 0)
		return HABAR_OK;
	*verdict = HABAR_SPELL_OK;
	if (sh.letters == 1)
		return HABAR_OK;
	*verdict = HABAR_SPELL_UNKNOWN;
	if (len > HABAR__SPELL_WORD_MAX)
		return HABAR_OK;
	/* Typographic apostrophes and hyphens as Hunspell expects them. */
	while (i < len) {
		uint32_t c = habar__spell_next_cp(word, len, &i);
		if (c == 0x2019 || c == 0x02BC)
			c = '\'';
		else if (c == 0x2010 || c == 0x2011)
			c = '-';
		if (c == 0 ||
		    !habar__spell_put_cp(norm, sizeof(norm) - 1, &n, c))
			return HABAR_OK;
	}
	norm[n] = '\0';
	if (n <= CACHE_KEY_MAX) {
		uint32_t h = hash_bytes(norm, n);
		size_t k;
		for (k = h & (CACHE_SLOTS - 1); spell->cache[k].len != 0;
		    k = (k + 1) & (CACHE_SLOTS - 1)) {
			if (spell->cache[k].len == n &&
			    memcmp(spell->cache[k].key, norm, n) == 0) {
				*verdict = spell->cache[k].verdict;
				return HABAR_OK;
			}
		}
		if (spell->cache_used >= CACHE_SLOTS / 4 * 3) {
			memset(spell->cache, 0, CACHE_SLOTS * sizeof(*slot));
			spell->cache_used = 0;
			for (k = h & (CACHE_SLOTS - 1); spell->cache[k].len;
			    k = (k + 1) & (CACHE_SLOTS - 1))
				;
		}
		slot = &spell->cache[k];
	}
	if (capital_of_good(spell, norm, n, &sh))
		*verdict = HABAR_SPELL_OK;
	else if ((status = decide(spell, norm, n, &sh, verdict)) !=
	    HABAR_OK)
		return status;
	if (slot != NULL) {
		slot->len = (unsigned char)n;
		slot->verdict = (unsigned char)*verdict;
		memcpy(slot->key, norm, n);
		spell->cache_used++;
	}
	return HABAR_OK;
}

int
habar__spell_is_suffix(struct habar_spell *spell, const char *word,
    size_t len)
{
	char buf[HABAR__SPELL_WORD_MAX + 1];

	if (len == 0 || len > HABAR__SPELL_WORD_MAX || memchr(word, 0, len) ||
	    spell->opened[spell->main_dict] <= 0)
		return 0;
	memcpy(buf, word, len);
	buf[len] = '\0';
	return habar__morph_is_suffix(spell->morph[spell->main_dict], buf, 1);
}

/*
 * Copies the word word[0..len) into buf (HABAR__SPELL_WORD_MAX + 1
 * bytes) as a string and works out its shape into *sh; 0 (nothing done)
 * when the word is empty, too long or holds a NUL byte, else 1.
 */
static int
word_copy(char *buf, struct shape *sh, const char *word, size_t len)
{
	if (len == 0 || len > HABAR__SPELL_WORD_MAX || memchr(word, 0, len))
		return 0;
	memcpy(buf, word, len);
	buf[len] = '\0';
	shape_of(buf, len, sh);
	return 1;
}

enum habar_status
habar_spell_accept(struct habar_spell *spell, const char *word, size_t len)
{
	char buf[HABAR__SPELL_WORD_MAX + 1];
	enum habar_status status;
	struct shape sh;
	int d;

	if (!word_copy(buf, &sh, word, len))
		return HABAR_ERR_ARGUMENT;
	d = dict_for(spell, &sh);
	if ((status = open_dict(spell, d)) != HABAR_OK)
		return status;
	if ((status = habar__dict_add(spell->dicts[d], buf, NULL)) != HABAR_OK)
		return status;
	/* Earlier verdicts may now be wrong. */
	memset(spell->cache, 0, CACHE_SLOTS * sizeof(*spell->cache));
	spell->cache_used = 0;
	memset(spell->known, 0, KNOWN_SLOTS * sizeof(*spell->known));
	spell->known_used = 0;
	return HABAR_OK;
}

enum habar_status
habar_spell_suggest(struct habar_spell *spell, char ***list, size_t *count,
    const char *word, size_t len, size_t max)
{
	char buf[HABAR__SPELL_WORD_MAX + 1];
	enum habar_status status;
	struct shape sh;
	int d;

	*list = NULL;
	*count = 0;
	if (!word_copy(buf, &sh, word, len))
		return HABAR_OK;
	if (sh.latin > 0 && sh.cyrillic > 0)
		return HABAR_OK;
	d = dict_for(spell, &sh);
	if ((status = open_dict(spell, d)) != HABAR_OK)
		return status;
	return habar__dict_suggest(spell->dicts[d], list, count, buf, max);
}

void
habar_spell_list_free(char **list, size_t count)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < count; i++)
		free(list[i]);
	free(list);
}

void
habar__spell_prepare(struct habar_spell *spell)
{
	if (spell->main_dict == DICT_EN)
		return;
	/* A failure is remembered by open_dict() and reported where the
	 * dictionary is first needed, as when it loads on demand. */
	(void)open_dict(spell, DICT_EN);
	if (spell->main_dict == DICT_KK)
		load_ru_lemmas(spell);
}

void
habar__spell_load_ahead(struct habar_spell *spell)
{
	/* opened[] is the thread's until it is joined: look at it only
	 * when no thread runs. */
	if (spell->main_dict == DICT_EN || spell->ahead[AHEAD_EN].running ||
	    spell->opened[DICT_EN] != 0)
		return;
	start_ahead(spell, AHEAD_EN);
}

int
habar__spell_waits(const struct habar_spell *spell, const char *word,
    size_t len)
{
	size_t i;

	if (!spell->ahead[AHEAD_EN].running)
		return 0;
	/* Latin letters go to English (a word that mixes scripts within a
	 * part needs no dictionary, but it is rare enough to wait too). */
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)word[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			return 1;
		if (c >= 0xc3 && c <= 0xc9)
			return 1;	/* U+00C0..U+027F, Latin letters */
		if (c == 0xe1 && i + 1 < len &&
		    ((unsigned char)word[i + 1] == 0xb8 ||
		    (unsigned char)word[i + 1] == 0xbb))
			return 1;	/* U+1E00..U+1EFF */
	}
	return 0;
}

void
habar__spell_settle(struct habar_spell *spell)
{
	int i;

	for (i = 0; i < AHEAD_COUNT; i++)
		settle(spell, i);
}

void
habar__spell_copy_cache(struct habar_spell *dst,
    const struct habar_spell *src)
{
	memcpy(dst->cache, src->cache, CACHE_SLOTS * sizeof(*dst->cache));
	dst->cache_used = src->cache_used;
}
