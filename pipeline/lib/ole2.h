/*
 * ole2.h (internal): a defensive reader of OLE2 compound files (Microsoft's
 * Compound File Binary format, MS-CFB), the container of legacy .ppt, .doc
 * and .xls files.  It exists to tell a real compound file from a corrupt or
 * mislabelled one without trusting a single offset in it.
 */
#ifndef HABAR_OLE2_H
#define HABAR_OLE2_H

#include <stddef.h>
#include <stdint.h>

#include <habar/status.h>

struct habar__ole2;

/*
 * Opens the compound file held in data[0..size) (borrowed; must outlive the
 * handle) and checks its header, allocation tables and directory: every
 * sector chain in bounds and free of cycles, every stream's chain long
 * enough for its size.  Returns HABAR_OK, HABAR_ERR_INPUT with the reason in
 * err (errlen bytes), or HABAR_ERR_NOMEM.
 */
enum habar_status habar__ole2_open(struct habar__ole2 **ole_out,
    const unsigned char *data, size_t size, char *err, size_t errlen);

/* Frees the handle; NULL is harmless. */
void habar__ole2_free(struct habar__ole2 *ole);

/*
 * Reads the whole stream called name (ASCII, compared without regard to
 * case, anywhere in the directory tree) into a new buffer *out of *len
 * bytes, to be released with free().  Streams larger than max bytes are
 * refused with HABAR_ERR_LIMIT.  Returns HABAR_OK, HABAR_ERR_NOTFOUND,
 * HABAR_ERR_INPUT (a broken chain), HABAR_ERR_LIMIT or HABAR_ERR_NOMEM.
 */
enum habar_status habar__ole2_read_stream(struct habar__ole2 *ole,
    const char *name, size_t max, unsigned char **out, size_t *len);

/* Returns whether a stream or storage called name exists. */
int habar__ole2_has(const struct habar__ole2 *ole, const char *name);

#endif
