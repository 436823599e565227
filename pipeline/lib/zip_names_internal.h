/*
 * zip_names_internal.h (internal): the names of a zip's members as its
 * central directory stores them, for what libarchive cannot say: a name
 * that holds a NUL byte.  libarchive copies a name up to its first NUL
 * and reports nothing, so "a.en.txt\0b" reads as "a.en.txt": a member
 * taken under a name not its own, or two members under one name.
 */
#ifndef HABAR_ZIP_NAMES_INTERNAL_H
#define HABAR_ZIP_NAMES_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <habar/status.h>

/* The members of one zip whose names hold a NUL, and the members whose
 * names are the same up to it, in the order of their local headers (the
 * order libarchive reads them in). */
struct habar__zip_names;

/*
 * Reads the central directory of the zip in mem (len bytes), or, with
 * mem NULL, in the file open on fd (len bytes long).  Returns HABAR_OK
 * with *names_out NULL when no name holds a NUL (or the directory cannot
 * be found: then libarchive's own reading decides), else with the list;
 * or HABAR_ERR_NOMEM.
 */
enum habar_status habar__zip_names_read(struct habar__zip_names **names_out,
    const void *mem, int fd, uint64_t len);

/*
 * Says whether the member that libarchive names name (its next one of
 * that name) is stored with a NUL in its name: returns 1 and the stored
 * name, each NUL written as "\x00", in shown (size bytes); else 0.  Call
 * once per member, in the archive's order; names NULL gives 0.
 */
int habar__zip_names_next(struct habar__zip_names *names, const char *name,
    char *shown, size_t size);

/* Starts the matching over, for an archive read again from its start. */
void habar__zip_names_rewind(struct habar__zip_names *names);

/* Frees the list; NULL is harmless. */
void habar__zip_names_free(struct habar__zip_names *names);

#endif
