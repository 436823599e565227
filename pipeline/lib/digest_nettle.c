/*
 * digest_nettle.c: SHA-256 through Nettle, which libarchive itself links
 * (so it is on every system that has libarchive) and which uses the
 * processor's SHA instructions where there are some: several times the
 * speed of a portable implementation, and checksumming every attachment
 * is most of what a pack costs beyond compressing it.
 */
#include <string.h>

#include <nettle/sha2.h>

#include <habar/digest.h>

_Static_assert(sizeof(struct sha256_ctx) <= sizeof(struct habar_sha256),
    "struct habar_sha256 is too small for Nettle's context");

void
habar_sha256_init(struct habar_sha256 *ctx)
{
	sha256_init((struct sha256_ctx *)ctx);
}

void
habar_sha256_update(struct habar_sha256 *ctx, const void *data, size_t len)
{
	sha256_update((struct sha256_ctx *)ctx, len, data);
}

void
habar_sha256_hex(struct habar_sha256 *ctx, char hex[HABAR_SHA256_HEX_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char digest[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_digest((struct sha256_ctx *)ctx, sizeof(digest), digest);
	for (i = 0; i < sizeof(digest); i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[2 * sizeof(digest)] = '\0';
}
