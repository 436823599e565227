/*
 * digest.h: SHA-256 checksums, as the pack manifests record them.
 */
#ifndef HABAR_DIGEST_H
#define HABAR_DIGEST_H

#include <stddef.h>
#include <stdint.h>

/* A SHA-256 in lower-case hexadecimal, with its NUL. */
#define HABAR_SHA256_HEX_SIZE 65

/* An incremental SHA-256; the storage is opaque but fixed-size so that it
 * can live on the stack. */
struct habar_sha256 {
	uint64_t opaque[32];
};

/* Starts a digest. */
void habar_sha256_init(struct habar_sha256 *ctx);

/* Adds len bytes of data. */
void habar_sha256_update(struct habar_sha256 *ctx, const void *data,
    size_t len);

/* Ends the digest and writes it as hexadecimal into hex. */
void habar_sha256_hex(struct habar_sha256 *ctx,
    char hex[HABAR_SHA256_HEX_SIZE]);

#endif
