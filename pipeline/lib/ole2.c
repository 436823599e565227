/*
 * ole2.c: reading OLE2 compound files defensively (see ole2.h).
 *
 * The layout, from MS-CFB: a 512-byte header, then sectors of 512 (version
 * 3) or 4096 (version 4) bytes.  The FAT chains sectors into streams; the
 * DIFAT lists the FAT's own sectors (109 in the header, more in a chain);
 * the directory is a stream of 128-byte entries forming a red-black tree;
 * streams under 4096 bytes live in the "mini stream" (the root entry's
 * stream) in 64-byte mini sectors chained by the mini FAT.
 *
 * Fuzzed files lie about every count and offset, so each index is checked
 * against the real file size before use and every chain walk is bounded
 * by the number of sectors that exist.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byteorder_internal.h"
#include "ole2.h"

#define FREESECT 0xFFFFFFFFu
#define ENDOFCHAIN 0xFFFFFFFEu
#define HEADER_DIFAT_ENTRIES 109
#define DIR_ENTRY_SIZE 128
#define NO_STREAM 0xFFFFFFFFu
#define TYPE_STORAGE 1
#define TYPE_STREAM 2
#define TYPE_ROOT 5

struct dir_entry {
	char name[32];		/* ASCII-folded name */
	unsigned type;
	uint32_t left, right, child;
	uint32_t start;
	uint64_t size;
};

struct habar__ole2 {
	const unsigned char *data;
	size_t size;
	size_t sector_size;
	uint32_t nsectors;	/* sectors that exist in the file */
	uint32_t *fat;
	uint32_t nfat;		/* entries in fat */
	uint32_t *minifat;
	uint32_t nminifat;
	uint32_t mini_cutoff;
	struct dir_entry *dir;
	uint32_t ndir;
	unsigned char *ministream;
	size_t ministream_len;
};

static const unsigned char *
sector(const struct habar__ole2 *ole, uint32_t n)
{
	return ole->data + ((size_t)n + 1) * ole->sector_size;
}

/* Follows a FAT chain from start, copying up to want bytes into out (which
 * may be NULL to only measure); returns the number of sectors in the chain
 * or -1 if it leaves the file, loops or breaks. */
static long
walk_chain(const struct habar__ole2 *ole, uint32_t start, unsigned char *out,
    size_t want)
{
	uint32_t cur = start;
	long count = 0;
	size_t copied = 0;

	while (cur != ENDOFCHAIN) {
		if (cur >= ole->nsectors || cur >= ole->nfat ||
		    count > (long)ole->nsectors)
			return -1;
		if (out != NULL && copied < want) {
			size_t n = want - copied < ole->sector_size ?
			    want - copied : ole->sector_size;
			memcpy(out + copied, sector(ole, cur), n);
			copied += n;
		}
		count++;
		cur = ole->fat[cur];
	}
	return count;
}

/* The same over the mini FAT and mini stream. */
static long
walk_mini_chain(const struct habar__ole2 *ole, uint32_t start,
    unsigned char *out, size_t want)
{
	uint32_t cur = start;
	long count = 0;
	size_t copied = 0;
	size_t mini_sectors = ole->ministream_len / 64;

	while (cur != ENDOFCHAIN) {
		if (cur >= ole->nminifat || cur >= mini_sectors ||
		    count > (long)mini_sectors)
			return -1;
		if (out != NULL && copied < want) {
			size_t n = want - copied < 64 ? want - copied : 64;
			memcpy(out + copied, ole->ministream + (size_t)cur * 64, n);
			copied += n;
		}
		count++;
		cur = ole->minifat[cur];
	}
	return count;
}

/* Reads a whole chain into a new buffer of chain length; *len gets the
 * byte count.  Returns NULL with errno-free failure reason in err. */
static unsigned char *
read_chain(const struct habar__ole2 *ole, uint32_t start, size_t *len)
{
	long n = walk_chain(ole, start, NULL, 0);
	unsigned char *buf;

	if (n < 0)
		return NULL;
	*len = (size_t)n * ole->sector_size;
	if ((buf = malloc(*len ? *len : 1)) == NULL)
		return NULL;
	walk_chain(ole, start, buf, *len);
	return buf;
}

static void
fold_name(char *out, const unsigned char *utf16, unsigned bytes)
{
	unsigned i, n = bytes / 2;

	if (n > 0)
		n--;	/* the terminating NUL is counted */
	if (n > 31)
		n = 31;
	for (i = 0; i < n; i++) {
		uint16_t c = habar__le16(utf16 + 2 * i);
		out[i] = c < 128 ? (char)(c >= 'A' && c <= 'Z' ? c + 32 : c) : '?';
	}
	out[n] = '\0';
}

/*
 * Checks that the directory tree under entry (siblings and children) is
 * in bounds, acyclic and made of storages and streams, marking in seen
 * each entry reached.  The walk keeps its own stack (on the heap, at most
 * 2 * ndir + 1 entries, as each entry is expanded once) rather than
 * recursing: a hostile file can chain millions of entries into one
 * branch, which would overflow the C stack.  Returns 1 if the tree is
 * sound, 0 if not, -1 when out of memory.
 */
static int
check_tree(const struct habar__ole2 *ole, uint32_t entry, unsigned char *seen)
{
	const struct dir_entry *d;
	uint32_t *stack;
	size_t depth = 0, cap = 2 * (size_t)ole->ndir + 1;
	int sound = 1;

	if ((stack = malloc(cap * sizeof(*stack))) == NULL)
		return -1;
	stack[depth++] = entry;
	while (depth > 0 && sound) {
		entry = stack[--depth];
		if (entry == NO_STREAM)
			continue;
		if (entry >= ole->ndir || seen[entry]) {
			sound = 0;
			break;
		}
		seen[entry] = 1;
		d = &ole->dir[entry];
		if (d->type != TYPE_STORAGE && d->type != TYPE_STREAM) {
			sound = 0;
			break;
		}
		/* Popping one entry and pushing at most three keeps the
		 * stack within 2 * (entries expanded) + 1. */
		if (d->type == TYPE_STORAGE)
			stack[depth++] = d->child;
		stack[depth++] = d->right;
		stack[depth++] = d->left;
	}
	free(stack);
	return sound;
}

static int
stream_chain_ok(const struct habar__ole2 *ole, const struct dir_entry *e)
{
	long n;

	if (e->size == 0)
		return 1;
	if (e->size < ole->mini_cutoff) {
		n = walk_mini_chain(ole, e->start, NULL, 0);
		return n >= 0 && (uint64_t)n * 64 >= e->size;
	}
	n = walk_chain(ole, e->start, NULL, 0);
	return n >= 0 && (uint64_t)n * ole->sector_size >= e->size;
}

#define FAIL(...) do { \
	snprintf(err, errlen, __VA_ARGS__); \
	status = HABAR_ERR_INPUT; \
	goto done; \
} while (0)

enum habar_status
habar__ole2_open(struct habar__ole2 **ole_out, const unsigned char *data,
    size_t size, char *err, size_t errlen)
{
	static const unsigned char magic[8] = {
		0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1
	};
	struct habar__ole2 *ole = NULL;
	enum habar_status status = HABAR_OK;
	unsigned char *dirbuf = NULL, *minifatbuf = NULL, *seen = NULL;
	size_t dirlen = 0, minifatlen = 0;
	uint32_t nfat_sectors, difat_start, ndifat, i, k;
	uint16_t major, shift;

	*ole_out = NULL;
	if (size < 512 || memcmp(data, magic, 8) != 0)
		FAIL("not an OLE2 compound file (no D0 CF 11 E0 signature)");
	if ((ole = calloc(1, sizeof(*ole))) == NULL)
		return HABAR_ERR_NOMEM;
	ole->data = data;
	ole->size = size;
	major = habar__le16(data + 26);
	shift = habar__le16(data + 30);
	if (habar__le16(data + 28) != 0xFFFE)
		FAIL("compound file header: bad byte-order mark");
	if (!((major == 3 && shift == 9) || (major == 4 && shift == 12)))
		FAIL("compound file header: version %u with sector shift %u",
		    major, shift);
	if (habar__le16(data + 32) != 6)
		FAIL("compound file header: mini sector shift is not 6");
	ole->sector_size = (size_t)1 << shift;
	if (size < ole->sector_size * 2)
		FAIL("compound file truncated: no room for a sector");
	/* Only whole sectors count: a trailing partial one is never read. */
	ole->nsectors = (uint32_t)(size / ole->sector_size - 1);
	ole->mini_cutoff = habar__le32(data + 56);
	if (ole->mini_cutoff != 4096)
		FAIL("compound file header: mini stream cutoff %u, not 4096",
		    ole->mini_cutoff);
	nfat_sectors = habar__le32(data + 44);
	difat_start = habar__le32(data + 68);
	ndifat = habar__le32(data + 72);
	if (nfat_sectors == 0 || nfat_sectors > ole->nsectors)
		FAIL("compound file header: %u FAT sectors in a file of %u",
		    nfat_sectors, ole->nsectors);

	/* Gather the FAT from the DIFAT: the header's 109 entries, then the
	 * DIFAT chain, each of whose sectors ends with the next one's index. */
	size_t per_sector = ole->sector_size / 4;
	ole->nfat = (uint32_t)(nfat_sectors * per_sector);
	if ((ole->fat = malloc((size_t)ole->nfat * 4)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	uint32_t difat_sector = difat_start, difat_used = 0;
	for (k = 0; k < nfat_sectors; k++) {
		uint32_t fs;
		if (k < HEADER_DIFAT_ENTRIES) {
			fs = habar__le32(data + 76 + 4 * k);
		} else {
			/* Each DIFAT sector holds per_sector - 1 entries and,
			 * last, the index of the next DIFAT sector. */
			size_t j = k - HEADER_DIFAT_ENTRIES;
			size_t idx = j % (per_sector - 1);
			if (idx == 0) {
				if (j > 0)
					difat_sector = habar__le32(sector(ole,
					    difat_sector) + 4 * (per_sector - 1));
				if (++difat_used > ndifat)
					FAIL("compound file: more DIFAT sectors "
					    "needed than the %u declared", ndifat);
				if (difat_sector >= ole->nsectors)
					FAIL("compound file: DIFAT sector %u "
					    "beyond the end", difat_sector);
			}
			fs = habar__le32(sector(ole, difat_sector) + 4 * idx);
		}
		if (fs >= ole->nsectors)
			FAIL("compound file: FAT sector %u beyond the end of the file",
			    fs);
		memcpy(ole->fat + k * per_sector, sector(ole, fs),
		    ole->sector_size);
	}
	/* Convert the copied little-endian bytes in place. */
	for (i = 0; i < ole->nfat; i++)
		ole->fat[i] = habar__le32((unsigned char *)&ole->fat[i]);

	/* The directory. */
	if ((dirbuf = read_chain(ole, habar__le32(data + 48), &dirlen)) == NULL)
		FAIL("compound file: the directory chain is broken");
	ole->ndir = (uint32_t)(dirlen / DIR_ENTRY_SIZE);
	if (ole->ndir == 0)
		FAIL("compound file: empty directory");
	if ((ole->dir = calloc(ole->ndir, sizeof(*ole->dir))) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	for (i = 0; i < ole->ndir; i++) {
		const unsigned char *e = dirbuf + (size_t)i * DIR_ENTRY_SIZE;
		unsigned name_bytes = habar__le16(e + 64);
		struct dir_entry *d = &ole->dir[i];
		d->type = e[66];
		if (d->type == 0)
			continue;
		if (name_bytes > 64 || name_bytes % 2 != 0)
			FAIL("compound file: directory entry %u has a bad name length",
			    i);
		fold_name(d->name, e, name_bytes);
		d->left = habar__le32(e + 68);
		d->right = habar__le32(e + 72);
		d->child = habar__le32(e + 76);
		d->start = habar__le32(e + 116);
		d->size = habar__le32(e + 120);
		if (major == 4)
			d->size |= (uint64_t)habar__le32(e + 124) << 32;
	}
	if (ole->dir[0].type != TYPE_ROOT)
		FAIL("compound file: the first directory entry is not the root");
	if ((seen = calloc(ole->ndir, 1)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	seen[0] = 1;
	switch (check_tree(ole, ole->dir[0].child, seen)) {
	case -1:
		status = HABAR_ERR_NOMEM;
		goto done;
	case 0:
		FAIL("compound file: the directory tree is corrupt");
	}

	/* The mini stream and mini FAT, needed for small streams. */
	if (ole->dir[0].size > 0) {
		size_t chain_len;
		if ((ole->ministream = read_chain(ole, ole->dir[0].start,
		    &chain_len)) == NULL || chain_len < ole->dir[0].size)
			FAIL("compound file: the mini stream is broken");
		ole->ministream_len = (size_t)ole->dir[0].size;
	}
	if (habar__le32(data + 64) > 0) {
		if ((minifatbuf = read_chain(ole, habar__le32(data + 60),
		    &minifatlen)) == NULL)
			FAIL("compound file: the mini FAT chain is broken");
		ole->nminifat = (uint32_t)(minifatlen / 4);
		if ((ole->minifat = malloc(minifatlen ? minifatlen : 1)) == NULL) {
			status = HABAR_ERR_NOMEM;
			goto done;
		}
		for (i = 0; i < ole->nminifat; i++)
			ole->minifat[i] = habar__le32(minifatbuf + 4 * i);
	}
	for (i = 1; i < ole->ndir; i++) {
		if (seen[i] && ole->dir[i].type == TYPE_STREAM &&
		    !stream_chain_ok(ole, &ole->dir[i]))
			FAIL("compound file: stream '%s' is truncated or its chain "
			    "is broken", ole->dir[i].name);
		if (!seen[i])
			ole->dir[i].type = 0;	/* unreachable: ignore */
	}
done:
	free(dirbuf);
	free(minifatbuf);
	free(seen);
	if (status != HABAR_OK) {
		habar__ole2_free(ole);
		return status;
	}
	*ole_out = ole;
	return HABAR_OK;
}

void
habar__ole2_free(struct habar__ole2 *ole)
{
	if (ole == NULL)
		return;
	free(ole->fat);
	free(ole->minifat);
	free(ole->dir);
	free(ole->ministream);
	free(ole);
}

static const struct dir_entry *
find_entry(const struct habar__ole2 *ole, const char *name)
{
	char folded[32];
	uint32_t i;
	size_t n;

	for (n = 0; name[n] != '\0' && n < 31; n++)
		folded[n] = (char)(name[n] >= 'A' && name[n] <= 'Z' ?
		    name[n] + 32 : name[n]);
	folded[n] = '\0';
	for (i = 1; i < ole->ndir; i++)
		if (ole->dir[i].type != 0 && strcmp(ole->dir[i].name, folded) == 0)
			return &ole->dir[i];
	return NULL;
}

int
habar__ole2_has(const struct habar__ole2 *ole, const char *name)
{
	return find_entry(ole, name) != NULL;
}

enum habar_status
habar__ole2_read_stream(struct habar__ole2 *ole, const char *name, size_t max,
    unsigned char **out, size_t *len)
{
	const struct dir_entry *e = find_entry(ole, name);
	unsigned char *buf;
	long n;

	*out = NULL;
	*len = 0;
	if (e == NULL || e->type != TYPE_STREAM)
		return HABAR_ERR_NOTFOUND;
	if (e->size > max)
		return HABAR_ERR_LIMIT;
	if ((buf = malloc(e->size ? (size_t)e->size : 1)) == NULL)
		return HABAR_ERR_NOMEM;
	if (e->size < ole->mini_cutoff)
		n = walk_mini_chain(ole, e->start, buf, (size_t)e->size);
	else
		n = walk_chain(ole, e->start, buf, (size_t)e->size);
	if (n < 0) {
		free(buf);
		return HABAR_ERR_INPUT;
	}
	*out = buf;
	*len = (size_t)e->size;
	return HABAR_OK;
}
