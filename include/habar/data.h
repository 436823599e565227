/*
 * data.h: finding the project's data files (locales/, dictionaries/,
 * compiled encodings) at run time.
 *
 * A relative name such as "locales/kk/abbreviations" is looked up, in
 * order, under:
 *   1. each directory of the colon-separated $HABAR_DATADIR;
 *   2. the source and build trees, when the running program lives in the
 *      build tree (so tests never pick up an older installed copy);
 *   3. share/habar beside the directory of the running program (an
 *      installed tree, wherever it was installed or moved to);
 *   4. the installed data directory ($prefix/share/habar).
 */
#ifndef HABAR_DATA_H
#define HABAR_DATA_H

#include <stddef.h>

#include <habar/status.h>

/*
 * Finds the data file or directory called relative and stores a newly
 * allocated absolute path in *path_out, to be released with free().
 * Returns HABAR_OK, HABAR_ERR_NOTFOUND when no candidate exists (then
 * *path_out is NULL), or HABAR_ERR_NOMEM.
 */
enum habar_status habar_data_find(char **path_out, const char *relative);

/*
 * Finds the per-language data file called name for the BCP 47 tag lang,
 * falling back from "kk-Latn" to "kk" and finally to "root", as
 * locales/<tag>/<name>.  Same results as habar_data_find().
 */
enum habar_status habar_data_find_locale(char **path_out, const char *lang,
    const char *name);

#endif
