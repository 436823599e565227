/*
 * digest_md.c: SHA-256 through libmd, the digest library dpkg itself uses
 * (so every Debian system has it), instead of a hand-written one.
 */
#include <string.h>

#include <sha2.h>

#include <habar/digest.h>

_Static_assert(sizeof(SHA2_CTX) <= sizeof(struct habar_sha256),
    "struct habar_sha256 is too small for libmd's context");

void
habar_sha256_init(struct habar_sha256 *ctx)
{
	SHA256Init((SHA2_CTX *)ctx);
}

void
habar_sha256_update(struct habar_sha256 *ctx, const void *data, size_t len)
{
	SHA256Update((SHA2_CTX *)ctx, data, len);
}

void
habar_sha256_hex(struct habar_sha256 *ctx, char hex[HABAR_SHA256_HEX_SIZE])
{
	SHA256End((SHA2_CTX *)ctx, hex);
}
