/*
 * zip_names.c: a zip's central directory read for the names libarchive
 * hides (see zip_names_internal.h).  Every member is either used or
 * reported, so a member whose stored name holds a NUL byte must be
 * reported, and libarchive, which cuts the name at the NUL, gives no sign
 * of it.  Only the central directory's fixed fields are read: the end
 * record (and its ZIP64 form), then each entry's name; nothing is
 * unpacked, and nothing but names with a NUL, and those equal to one up
 * to its NUL, is kept.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "byteorder_internal.h"
#include "grow_internal.h"
#include "zip_names_internal.h"

#define EOCD_SIZE 22
#define EOCD_SEARCH (EOCD_SIZE + 65535)	/* the record and a comment */
#define CDH_SIZE 46			/* a central directory entry */
#define MAX_ENTRIES 10000000u

struct name {
	char *prefix;		/* the name up to its first NUL */
	char *shown;		/* the whole name, NUL as "\x00"; or NULL */
	uint64_t offset;	/* of its local header */
	int used;
};

struct habar__zip_names {
	struct name *list;
	size_t count, cap;
};

/* Bytes of the zip, from memory or the file. */
struct zip_input {
	const unsigned char *mem;
	int fd;
	uint64_t len;
};

static int
read_at(const struct zip_input *in, uint64_t offset, void *buf, size_t n)
{
	size_t got = 0;
	ssize_t r;

	if (offset > in->len || n > in->len - offset)
		return -1;
	if (in->mem != NULL) {
		memcpy(buf, in->mem + offset, n);
		return 0;
	}
	while (got < n) {
		r = pread(in->fd, (char *)buf + got, n - got,
		    (off_t)(offset + got));
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

/*
 * Finds the central directory: its first byte and its entry count.
 * Returns 0, or -1 when there is none to be found.  The directory is
 * taken to end where the end record (or the ZIP64 end record) begins,
 * as libarchive also allows for bytes before the zip (a self-extractor).
 */
static int
find_directory(const struct zip_input *in, uint64_t *start, uint64_t *entries)
{
	unsigned char tail[EOCD_SEARCH], rec[56];
	uint64_t from = in->len > EOCD_SEARCH ? in->len - EOCD_SEARCH : 0;
	size_t n = (size_t)(in->len - from), i;
	uint64_t eocd, size, z64;

	if (n < EOCD_SIZE || read_at(in, from, tail, n) != 0)
		return -1;
	for (i = n - EOCD_SIZE + 1; i-- > 0;)
		if (memcmp(tail + i, "PK\5\6", 4) == 0)
			break;
	if (i == (size_t)-1)
		return -1;
	eocd = from + i;
	*entries = habar__le16(tail + i + 10);
	size = habar__le32(tail + i + 12);
	if (*entries == 0xFFFF || size == 0xFFFFFFFF ||
	    habar__le32(tail + i + 16) == 0xFFFFFFFF) {
		/* ZIP64: the locator just before the end record points to
		 * the ZIP64 end record. */
		if (eocd < 20 || read_at(in, eocd - 20, rec, 20) != 0 ||
		    memcmp(rec, "PK\6\7", 4) != 0)
			return -1;
		z64 = habar__le64(rec + 8);
		if (read_at(in, z64, rec, 56) != 0 ||
		    memcmp(rec, "PK\6\6", 4) != 0)
			return -1;
		*entries = habar__le64(rec + 32);
		size = habar__le64(rec + 40);
		eocd = z64;
	}
	if (size > eocd || *entries > MAX_ENTRIES)
		return -1;
	*start = eocd - size;
	return 0;
}

/* The name as shown: each NUL as "\x00" (other bytes are escaped by
 * whoever prints it). */
static char *
shown_name(const unsigned char *s, size_t n)
{
	size_t i, k = 0, nuls = 0;
	char *out;

	for (i = 0; i < n; i++)
		nuls += s[i] == '\0';
	if ((out = malloc(n + nuls * 3 + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '\0') {
			memcpy(out + k, "\\x00", 4);
			k += 4;
		} else
			out[k++] = (char)s[i];
	}
	out[k] = '\0';
	return out;
}

static enum habar_status
add(struct habar__zip_names *names, const unsigned char *s, size_t n,
    uint64_t offset)
{
	struct name *e;
	size_t prefix = strnlen((const char *)s, n);

	if (habar__grow((void **)&names->list, &names->cap, names->count + 1,
	    sizeof(*names->list), 8) != HABAR_OK)
		return HABAR_ERR_NOMEM;
	e = &names->list[names->count];
	memset(e, 0, sizeof(*e));
	e->offset = offset;
	if ((e->prefix = strndup((const char *)s, prefix)) == NULL)
		return HABAR_ERR_NOMEM;
	if (prefix < n && (e->shown = shown_name(s, n)) == NULL) {
		free(e->prefix);
		return HABAR_ERR_NOMEM;
	}
	names->count++;
	return HABAR_OK;
}

static int
by_prefix(const void *a, const void *b)
{
	return strcmp(((const struct name *)a)->prefix,
	    ((const struct name *)b)->prefix);
}

/* Members of one name in the order libarchive reads them: by the offset
 * of their local headers. */
static int
by_prefix_offset(const void *a, const void *b)
{
	const struct name *x = a, *y = b;
	int c = strcmp(x->prefix, y->prefix);

	if (c != 0)
		return c;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* The first of names->list[0..n), sorted by prefix, whose prefix is key;
 * or n. */
static size_t
lower_bound(const struct habar__zip_names *names, size_t n, const char *key)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(names->list[mid].prefix, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(names->list[lo].prefix, key) == 0 ? lo : n;
}

/*
 * One walk of the directory.  The first pass (cut 0) keeps the names
 * with a NUL; the second, only when there are some (cut of them, sorted
 * by prefix at the list's start), the other names equal to one of them
 * up to its NUL, so that members sharing a name are told apart by their
 * order.
 */
static enum habar_status
walk(const struct zip_input *in, uint64_t start, uint64_t entries,
    struct habar__zip_names *names, size_t cut)
{
	unsigned char h[CDH_SIZE], s[65537];
	uint64_t at = start, k;
	size_t n;

	for (k = 0; k < entries; k++) {
		if (read_at(in, at, h, CDH_SIZE) != 0 ||
		    memcmp(h, "PK\1\2", 4) != 0)
			break;	/* damage: libarchive will say */
		n = habar__le16(h + 28);
		if (read_at(in, at + CDH_SIZE, s, n) != 0)
			break;
		s[n] = '\0';
		if (cut == 0 ? memchr(s, '\0', n) != NULL :
		    memchr(s, '\0', n) == NULL &&
		    lower_bound(names, cut, (const char *)s) < cut) {
			if (add(names, s, n, habar__le32(h + 42)) != HABAR_OK)
				return HABAR_ERR_NOMEM;
		}
		at += CDH_SIZE + n + habar__le16(h + 30) + habar__le16(h + 32);
	}
	return HABAR_OK;
}

enum habar_status
habar__zip_names_read(struct habar__zip_names **names_out, const void *mem,
    int fd, uint64_t len)
{
	struct zip_input in = { mem, fd, len };
	struct habar__zip_names *names;
	uint64_t start, entries;
	enum habar_status status;

	*names_out = NULL;
	if (find_directory(&in, &start, &entries) != 0)
		return HABAR_OK;
	if ((names = calloc(1, sizeof(*names))) == NULL)
		return HABAR_ERR_NOMEM;
	status = walk(&in, start, entries, names, 0);
	if (status == HABAR_OK && names->count > 0) {
		qsort(names->list, names->count, sizeof(*names->list),
		    by_prefix);
		status = walk(&in, start, entries, names, names->count);
	}
	if (status != HABAR_OK || names->count == 0) {
		habar__zip_names_free(names);
		return status;
	}
	qsort(names->list, names->count, sizeof(*names->list),
	    by_prefix_offset);
	*names_out = names;
	return HABAR_OK;
}

int
habar__zip_names_next(struct habar__zip_names *names, const char *name,
    char *shown, size_t size)
{
	size_t i;

	if (names == NULL)
		return 0;
	for (i = lower_bound(names, names->count, name); i < names->count &&
	    strcmp(names->list[i].prefix, name) == 0; i++) {
		struct name *e = &names->list[i];
		if (e->used)
			continue;
		e->used = 1;
		if (e->shown == NULL)
			return 0;
		if (size > 0) {
			strncpy(shown, e->shown, size - 1);
			shown[size - 1] = '\0';
		}
		return 1;
	}
	return 0;
}

void
habar__zip_names_rewind(struct habar__zip_names *names)
{
	size_t i;

	for (i = 0; names != NULL && i < names->count; i++)
		names->list[i].used = 0;
}

void
habar__zip_names_free(struct habar__zip_names *names)
{
	size_t i;

	if (names == NULL)
		return;
	for (i = 0; i < names->count; i++) {
		free(names->list[i].prefix);
		free(names->list[i].shown);
	}
	free(names->list);
	free(names);
}
