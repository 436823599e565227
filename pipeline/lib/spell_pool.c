/*
 * spell_pool.c: checking lines on several threads, findings in input
 * order.
 *
 * A Hunspell handle is not thread-safe, so each thread owns a whole
 * checker (its dictionaries, rules and verdict cache).  Lines are queued
 * into a batch of bounded size; a full batch is cut into one contiguous
 * range of lines per thread, checked at once (the calling thread takes
 * the first), and the findings are merged back into input order, so the
 * output order is the input order and memory stays flat.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow_internal.h"
#include "spell_internal.h"

#define POOL_THREADS_MAX 8
#define BATCH_BYTES (512u * 1024)	/* a batch is checked past this */
#define BATCH_LINES 4096u
#define LINE_MAX_BYTES (16u * 1024 * 1024)

struct queued_line {
	size_t offset, len;	/* in the arena */
	unsigned long line;
	size_t column_base;
};

struct name_slot;

struct result {
	size_t line_index;	/* in the batch */
	size_t offset, len, column;
	enum habar_spell_verdict verdict;
	struct name_slot *name;	/* its entry in the name memory, or NULL */
	int inside;		/* not the first word of a sentence */
};

/* A word left for the end of a worker's range (see run_worker()). */
struct later {
	size_t line_index, offset, len, column;
};

struct worker {
	struct habar_spell_pool *pool;
	struct habar_spell *spell;
	size_t first, last;	/* lines [first, last) of the batch */
	struct result *results;
	size_t nresults, cap;
	struct later *later;
	size_t nlater, later_cap;
	enum habar_status status;
};

/* Unknown capitalised words seen in the current document, with how
 * often: open addressing, cleared when full so that memory stays flat. */
#define NAMES_SLOTS (1u << 15)

struct name_slot {
	char *word;
	unsigned long count;	/* in the document, this batch included */
	int inside;		/* seen inside a sentence at least once */
};

/* One checker to create, on its own thread. */
struct creation {
	const char *lang;
	const struct habar_spell_options *options;
	struct habar_spell *spell;
	enum habar_status status;
	char err[512];
	atomic_int done;	/* status and spell are set */
};

struct habar_spell_pool {
	unsigned wanted;	/* threads asked for */
	unsigned nthreads;	/* checkers ready */
	int names;		/* repeated capitalised words are names */
	struct name_slot *name_slots;
	size_t names_used;
	struct worker workers[POOL_THREADS_MAX];
	char *arena;
	size_t arena_len, arena_cap;
	struct queued_line *lines;
	size_t nlines;
	/* The other threads' checkers, loading in the background. */
	char *lang;
	const struct habar_spell_options *options;
	struct creation creations[POOL_THREADS_MAX];
	pthread_t creators[POOL_THREADS_MAX];
	int creating[POOL_THREADS_MAX];
	int spawned;		/* creation was started (once) */
};

static void *
create_checker(void *arg)
{
	struct creation *c = arg;

	c->status = habar_spell_new(&c->spell, c->lang, c->options, c->err,
	    sizeof(c->err));
	/* This runs beside the first batch: load here what the checker
	 * would otherwise load in the middle of its first batch, while
	 * the other threads wait for it. */
	if (c->status == HABAR_OK)
		habar__spell_prepare(c->spell);
	atomic_store(&c->done, 1);
	return NULL;
}

/*
 * Starts loading the other threads' checkers in the background.  Called
 * when a first full batch shows the input is large: small inputs never
 * pay for a second set of dictionaries, large ones load it while the
 * first batch is being checked.
 */
static void
spawn_checkers(struct habar_spell_pool *pool)
{
	unsigned i;

	pool->spawned = 1;
	for (i = 1; i < pool->wanted; i++) {
		struct creation *c = &pool->creations[i];
		c->lang = pool->lang;
		c->options = pool->options;
		atomic_store(&c->done, 0);
		if (pthread_create(&pool->creators[i], NULL, create_checker,
		    c) == 0)
			pool->creating[i] = 1;
	}
}

/* Puts the checkers that have loaded to work (all of them, waiting for
 * those still loading, when wait is set); one that failed leaves its
 * thread out.  Not waiting, a batch never stalls behind a checker that
 * is still loading: the threads that are ready take it. */
static void
join_checkers(struct habar_spell_pool *pool, int wait)
{
	unsigned i;

	for (i = 1; i < pool->wanted; i++) {
		if (!pool->creating[i])
			continue;
		if (!wait && !atomic_load(&pool->creations[i].done))
			continue;
		pthread_join(pool->creators[i], NULL);
		pool->creating[i] = 0;
		if (pool->creations[i].status != HABAR_OK)
			continue;
		/* The first checker's verdicts so far spare the new one
		 * the same dictionary look-ups. */
		habar__spell_copy_cache(pool->creations[i].spell,
		    pool->workers[0].spell);
		pool->workers[pool->nthreads].spell = pool->creations[i].spell;
		pool->workers[pool->nthreads].pool = pool;
		pool->nthreads++;
	}
}

enum habar_status
habar_spell_pool_new(struct habar_spell_pool **pool_out, const char *lang,
    const struct habar_spell_options *options, unsigned threads,
    char *errbuf, size_t errbuf_len)
{
	struct habar_spell_pool *pool;
	enum habar_status status = HABAR_OK;

	*pool_out = NULL;
	if (threads == 0)
		threads = 2;
	if (threads > POOL_THREADS_MAX)
		threads = POOL_THREADS_MAX;
	if ((pool = calloc(1, sizeof(*pool))) == NULL)
		return HABAR_ERR_NOMEM;
	pool->wanted = threads;
	pool->options = options;
	pool->arena_cap = BATCH_BYTES;
	if ((pool->arena = malloc(pool->arena_cap)) == NULL ||
	    (pool->lines = calloc(BATCH_LINES, sizeof(*pool->lines))) == NULL ||
	    (pool->lang = strdup(lang ? lang : "")) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	/* The first checker now, so that errors show at once; the others
	 * when the input proves large (spawn_checkers()). */
	pool->workers[0].pool = pool;
	status = habar_spell_new(&pool->workers[0].spell, lang, options,
	    errbuf, errbuf_len);
	if (status == HABAR_OK)
		pool->nthreads = 1;
done:
	if (status != HABAR_OK) {
		habar_spell_pool_free(pool);
		pool = NULL;
	}
	*pool_out = pool;
	return status;
}

void
habar_spell_pool_free(struct habar_spell_pool *pool)
{
	unsigned i;

	if (pool == NULL)
		return;
	join_checkers(pool, 1);
	for (i = 0; i < pool->nthreads; i++) {
		habar_spell_free(pool->workers[i].spell);
		free(pool->workers[i].results);
		free(pool->workers[i].later);
	}
	habar_spell_pool_reset(pool);
	free(pool->name_slots);
	free(pool->arena);
	free(pool->lines);
	free(pool->lang);
	free(pool);
}

void
habar_spell_pool_reset(struct habar_spell_pool *pool)
{
	size_t i;

	if (pool->name_slots == NULL)
		return;
	for (i = 0; i < NAMES_SLOTS; i++)
		free(pool->name_slots[i].word);
	memset(pool->name_slots, 0, NAMES_SLOTS * sizeof(*pool->name_slots));
	pool->names_used = 0;
}

void
habar_spell_pool_set_names(struct habar_spell_pool *pool, int on)
{
	pool->names = on;
}

/* Whether the word starts with an upper-case letter. */
static int
capitalised(const char *word, size_t len)
{
	size_t i = 0;

	return len > 0 && habar__spell_is_upper(habar__spell_next_cp(word,
	    len, &i));
}

/* The slot of word (len bytes) in the name memory, added if missing;
 * NULL when memory runs out. */
static struct name_slot *
name_slot(struct habar_spell_pool *pool, const char *word, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)word[i];
		h *= 16777619u;
	}
	if (pool->names_used >= NAMES_SLOTS / 4 * 3)
		habar_spell_pool_reset(pool);
	for (i = h & (NAMES_SLOTS - 1); pool->name_slots[i].word != NULL;
	    i = (i + 1) & (NAMES_SLOTS - 1))
		if (strncmp(pool->name_slots[i].word, word, len) == 0 &&
		    pool->name_slots[i].word[len] == '\0')
			return &pool->name_slots[i];
	if ((pool->name_slots[i].word = strndup(word, len)) == NULL)
		return NULL;
	pool->names_used++;
	return &pool->name_slots[i];
}

/*
 * Counts the unknown capitalised words of the batch into the name memory,
 * and marks the findings to drop: a capitalised word spelled the same way
 * twice or more in a document is taken for a name (a typo seldom repeats
 * itself letter for letter).
 */
static enum habar_status
count_names(struct habar_spell_pool *pool, unsigned nt)
{
	unsigned t;
	size_t i;

	if (pool->name_slots == NULL && (pool->name_slots = calloc(NAMES_SLOTS,
	    sizeof(*pool->name_slots))) == NULL)
		return HABAR_ERR_NOMEM;
	for (t = 0; t < nt; t++) {
		struct worker *w = &pool->workers[t];
		for (i = 0; i < w->nresults; i++) {
			struct result *r = &w->results[i];
			const char *word = pool->arena +
			    pool->lines[r->line_index].offset + r->offset;
			struct name_slot *slot;

			r->name = NULL;
			if (r->verdict != HABAR_SPELL_UNKNOWN ||
			    r->len > HABAR__SPELL_WORD_MAX ||
			    !capitalised(word, r->len))
				continue;
			if ((slot = name_slot(pool, word, r->len)) == NULL)
				return HABAR_ERR_NOMEM;
			slot->count++;
			slot->inside |= r->inside;
			r->name = slot;
		}
	}
	return HABAR_OK;
}

struct habar_spell *
habar_spell_pool_checker(struct habar_spell_pool *pool)
{
	return pool->workers[0].spell;
}

static enum habar_status
add_result(struct worker *w, const struct result *r)
{
	enum habar_status status;

	status = habar__grow((void **)&w->results, &w->cap, w->nresults + 1,
	    sizeof(*w->results), 256);
	if (status != HABAR_OK)
		return status;
	w->results[w->nresults++] = *r;
	return HABAR_OK;
}

/*
 * Whether the word at text[offset] stands inside a sentence: something
 * other than white space, quotes and brackets comes before it on the line,
 * and that is not a full stop, question or exclamation mark.  A name
 * stands inside a sentence now and then; a typo of a common word that
 * opens sentences (Олар, The) may repeat at their starts.
 */
static size_t quote_or_dash_ends(const char *text, size_t offset);

/*
 * Whether the word at text[offset] hangs on a hyphen after a closing
 * quote, a bracket, a percent sign or a digit: «Атамекен»-нің, (ЕО)-ға,
 * 5%-ға.  (After a letter the hyphen is part of the word.)
 */
static int
hyphen_attached(const char *text, size_t offset)
{
	unsigned char c;

	if (offset < 2 || text[offset - 1] != '-')
		return 0;
	c = (unsigned char)text[offset - 2];
	if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '%' ||
	    (c >= '0' && c <= '9'))
		return 1;
	/* » ” ’ */
	if (offset >= 3 && memcmp(text + offset - 3, "\xc2\xbb", 2) == 0)
		return 1;
	return offset >= 4 && (memcmp(text + offset - 4, "\xe2\x80\x9d",
	    3) == 0 || memcmp(text + offset - 4, "\xe2\x80\x99", 3) == 0);
}

static int
inside_sentence(const char *text, size_t offset)
{
	while (offset > 0) {
		unsigned char c = (unsigned char)text[offset - 1];
		if (c == ' ' || c == '\t' || c == '"' || c == '\'' ||
		    c == '(' || c == '[' || c == '*' || c == '_' ||
		    c == '-' || c >= 0x80) {
			/* Skip white space, quotes, brackets, dashes and the
			 * bytes of typographic quotes and dashes. */
			if (c >= 0x80 && !quote_or_dash_ends(text, offset))
				return 1;
			offset -= c >= 0x80 ? quote_or_dash_ends(text,
			    offset) : 1;
			continue;
		}
		return c != '.' && c != '!' && c != '?' && c != ':';
	}
	return 0;
}

/* How many bytes a typographic quote, dash or ellipsis ending at
 * text[offset] takes (« » “ ” „ ‘ ’ – — …), or 0. */
static size_t
quote_or_dash_ends(const char *text, size_t offset)
{
	static const char *const marks[] = {
		"\xc2\xab", "\xc2\xbb", "\xc2\xa0", "\xe2\x80\x9c",
		"\xe2\x80\x9d", "\xe2\x80\x9e", "\xe2\x80\x98",
		"\xe2\x80\x99", "\xe2\x80\x93", "\xe2\x80\x94"
	};
	size_t i;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		size_t n = strlen(marks[i]);
		if (offset >= n && memcmp(text + offset - n, marks[i], n) == 0)
			return n;
	}
	return 0;
}

/* Checks one token and records a finding. */
static enum habar_status
check_token(struct worker *w, size_t li, const char *text, size_t offset,
    size_t len, size_t column)
{
	enum habar_spell_verdict verdict;
	enum habar_status status;
	struct result r;

	status = habar_spell_check(w->spell, text + offset, len, &verdict);
	if (status != HABAR_OK)
		return status;
	if (verdict != HABAR_SPELL_UNKNOWN && verdict != HABAR_SPELL_MIXED)
		return HABAR_OK;
	if (verdict == HABAR_SPELL_UNKNOWN && hyphen_attached(text, offset) &&
	    habar__spell_is_suffix(w->spell, text + offset, len))
		return HABAR_OK;
	r.line_index = li;
	r.offset = offset;
	r.len = len;
	r.column = column;
	r.verdict = verdict;
	r.name = NULL;
	r.inside = inside_sentence(text, offset);
	return add_result(w, &r);
}

static enum habar_status
add_later(struct worker *w, const struct later *l)
{
	enum habar_status status;

	status = habar__grow((void **)&w->later, &w->later_cap, w->nlater + 1,
	    sizeof(*w->later), 64);
	if (status != HABAR_OK)
		return status;
	w->later[w->nlater++] = *l;
	return HABAR_OK;
}

static int
by_position(const void *a, const void *b)
{
	const struct result *x = a, *y = b;

	if (x->line_index != y->line_index)
		return x->line_index < y->line_index ? -1 : 1;
	return (x->offset > y->offset) - (x->offset < y->offset);
}

/*
 * Checks the worker's share of the batch, a contiguous range of lines.
 * (Sharing out words by hash instead would save the threads' caches from
 * holding the same words, but every thread would then cut every line
 * into words, which costs about as much as a cached verdict.)  Words
 * that would wait for a dictionary still loading on another thread
 * (Latin words in Kazakh text while English loads) are checked at the
 * end of the range, and the findings put back in order.
 */
static void *
run_worker(void *arg)
{
	struct worker *w = arg;
	struct habar_spell_pool *pool = w->pool;
	size_t li, i, before;

	w->nresults = 0;
	w->nlater = 0;
	w->status = HABAR_OK;
	for (li = w->first; li < w->last; li++) {
		const struct queued_line *ql = &pool->lines[li];
		const char *text = pool->arena + ql->offset;
		struct habar_spell_token tok;
		size_t pos = 0, column = 1;

		while (habar_spell_token_next(text, ql->len, &pos, &column,
		    &tok)) {
			/* The words of a compound with a number (skip 2)
			 * are checked: "20-eyar-old"; a suffix after the
			 * number is let through in check_token(). */
			if (tok.skip == 1)
				continue;
			if (habar__spell_waits(w->spell, text + tok.offset,
			    tok.len)) {
				struct later l = { li, tok.offset, tok.len,
				    tok.column };
				if ((w->status = add_later(w, &l)) != HABAR_OK)
					return NULL;
				continue;
			}
			w->status = check_token(w, li, text, tok.offset,
			    tok.len, tok.column);
			if (w->status != HABAR_OK)
				return NULL;
		}
	}
	if (w->nlater == 0)
		return NULL;
	before = w->nresults;
	for (i = 0; i < w->nlater; i++) {
		const struct later *l = &w->later[i];
		w->status = check_token(w, l->line_index, pool->arena +
		    pool->lines[l->line_index].offset, l->offset, l->len,
		    l->column);
		if (w->status != HABAR_OK)
			return NULL;
	}
	if (w->nresults > before && before > 0)
		qsort(w->results, w->nresults, sizeof(*w->results),
		    by_position);
	return NULL;
}

/* Checks the batch; more says whether more input is coming. */
static enum habar_status
flush_batch(struct habar_spell_pool *pool, habar_spell_finding_fn *found,
    void *arg, int more)
{
	pthread_t tids[POOL_THREADS_MAX];
	int started[POOL_THREADS_MAX] = { 0 };
	enum habar_status status = HABAR_OK;
	unsigned t, nt = pool->nthreads;
	size_t next[POOL_THREADS_MAX] = { 0 };
	size_t share, li = 0;
	char word[HABAR__SPELL_WORD_MAX + 1];

	if (pool->nlines == 0 && more)
		return HABAR_OK;
	if (pool->nlines == 0)
		goto settled;
	if (pool->spawned)
		join_checkers(pool, 0);
	else if (more && pool->wanted > 1)
		spawn_checkers(pool);
	/* A long text: the first checker loads what it will need besides
	 * its main dictionary on another thread while it checks. */
	if (more)
		habar__spell_load_ahead(pool->workers[0].spell);
	nt = pool->nthreads;
	/* Small batches (interactive use) stay on the calling thread. */
	if (pool->nlines < 64 && pool->arena_len < 16384)
		nt = 1;
	share = pool->arena_len / nt + 1;
	for (t = 0; t < nt; t++) {
		struct worker *w = &pool->workers[t];
		size_t bytes = 0;
		w->first = li;
		while (li < pool->nlines && (t == nt - 1 || bytes < share)) {
			bytes += pool->lines[li].len + 1;
			li++;
		}
		w->last = li;
	}
	for (t = 1; t < nt; t++)
		if (pthread_create(&tids[t], NULL, run_worker,
		    &pool->workers[t]) == 0)
			started[t] = 1;
		else
			run_worker(&pool->workers[t]);
	run_worker(&pool->workers[0]);
	for (t = 1; t < nt; t++)
		if (started[t])
			pthread_join(tids[t], NULL);
	for (t = 0; t < nt; t++)
		if (pool->workers[t].status != HABAR_OK && status == HABAR_OK)
			status = pool->workers[t].status;
	if (status == HABAR_OK && pool->names)
		status = count_names(pool, nt);
	/* Each worker's findings are in input order: merge them (ranges
	 * follow each other, so this takes them range by range). */
	while (status == HABAR_OK) {
		const struct result *r = NULL;
		const struct queued_line *ql;
		struct habar_spell_finding f;
		size_t n;
		unsigned best = 0;

		for (t = 0; t < nt; t++) {
			const struct worker *w = &pool->workers[t];
			const struct result *c;
			if (next[t] >= w->nresults)
				continue;
			c = &w->results[next[t]];
			if (r == NULL || c->line_index < r->line_index ||
			    (c->line_index == r->line_index &&
			    c->offset < r->offset)) {
				r = c;
				best = t;
			}
		}
		if (r == NULL)
			break;
		next[best]++;
		ql = &pool->lines[r->line_index];
		n = r->len < HABAR__SPELL_WORD_MAX ? r->len :
		    HABAR__SPELL_WORD_MAX;
		if (pool->names && r->name != NULL && r->name->count >= 2 &&
		    r->name->inside)
			continue;
		memcpy(word, pool->arena + ql->offset + r->offset, n);
		word[n] = '\0';
		f.line = ql->line;
		f.column = r->column + ql->column_base;
		f.word = word;
		f.word_len = n;
		f.offset = r->offset;
		f.verdict = r->verdict;
		if (found(&f, arg) != 0)
			status = HABAR_ERR_IO;
	}
	pool->nlines = 0;
	pool->arena_len = 0;
	/* A batch grown for one long line shrinks back. */
	if (pool->arena_cap > BATCH_BYTES) {
		char *smaller = realloc(pool->arena, BATCH_BYTES);
		if (smaller != NULL) {
			pool->arena = smaller;
			pool->arena_cap = BATCH_BYTES;
		}
	}
settled:
	/* At the end of the input no thread is left running. */
	if (!more) {
		join_checkers(pool, 1);
		for (t = 0; t < pool->nthreads; t++)
			habar__spell_settle(pool->workers[t].spell);
	}
	return status;
}

enum habar_status
habar_spell_pool_add(struct habar_spell_pool *pool, const char *text,
    size_t len, unsigned long line, size_t column_base,
    habar_spell_finding_fn *found, void *arg)
{
	enum habar_status status;
	struct queued_line *ql;

	if (len > LINE_MAX_BYTES)
		return HABAR_ERR_LIMIT;
	if (pool->nlines == BATCH_LINES ||
	    (pool->arena_len > 0 && pool->arena_len + len > pool->arena_cap))
		if ((status = flush_batch(pool, found, arg, 1)) !=
		    HABAR_OK)
			return status;
	if (len > pool->arena_cap) {
		char *bigger = realloc(pool->arena, len);
		if (bigger == NULL)
			return HABAR_ERR_NOMEM;
		pool->arena = bigger;
		pool->arena_cap = len;
	}
	if (len > 0)
		memcpy(pool->arena + pool->arena_len, text, len);
	ql = &pool->lines[pool->nlines++];
	ql->offset = pool->arena_len;
	ql->len = len;
	ql->line = line;
	ql->column_base = column_base;
	pool->arena_len += len;
	return HABAR_OK;
}

enum habar_status
habar_spell_pool_flush(struct habar_spell_pool *pool,
    habar_spell_finding_fn *found, void *arg)
{
	return flush_batch(pool, found, arg, 0);
}
