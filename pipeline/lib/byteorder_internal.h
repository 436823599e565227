/*
 * Little-endian integers read from a byte buffer.
 *
 * The binary formats the library reads (OLE2 compound files, Word's .doc,
 * PowerPoint's records, zip's central directory) store their integers
 * least significant byte first, at any alignment.  Reading them a byte at
 * a time is correct on every host and lets the compiler make one load of
 * it; these are the one copy every reader shares.
 */
#ifndef HABAR_BYTEORDER_INTERNAL_H
#define HABAR_BYTEORDER_INTERNAL_H

#include <stdint.h>

/* The 16-bit little-endian integer at p[0..2). */
static inline uint16_t
habar__le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* The 32-bit little-endian integer at p[0..4). */
static inline uint32_t
habar__le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* The 64-bit little-endian integer at p[0..8). */
static inline uint64_t
habar__le64(const unsigned char *p)
{
	return (uint64_t)habar__le32(p) | (uint64_t)habar__le32(p + 4) << 32;
}

#endif
