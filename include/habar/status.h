/*
 * status.h: the one status enum every habar library call returns.
 *
 * The numbers are part of the ABI and never change; new codes are appended.
 * The library never prints or exits: the detail of a failure is kept on the
 * handle that failed (see each module's *_error() function) and the
 * programs turn it into a message.
 */
#ifndef HABAR_STATUS_H
#define HABAR_STATUS_H

enum habar_status {
	HABAR_OK = 0,		/* success */
	HABAR_END = 1,		/* no more input: not an error */
	HABAR_ERR_NOMEM = 2,	/* an allocation failed */
	HABAR_ERR_IO = 3,	/* reading or writing failed (errno kept) */
	HABAR_ERR_INPUT = 4,	/* the input is malformed */
	HABAR_ERR_LIMIT = 5,	/* a size limit was reached (line, file, ...) */
	HABAR_ERR_NOTFOUND = 6,	/* a data file, dictionary or name is missing */
	HABAR_ERR_ARGUMENT = 7,	/* the caller passed an invalid argument */
	HABAR_ERR_LIBRARY = 8,	/* ICU, libxml2, Hunspell or libarchive failed */
	HABAR_ERR_UNSUPPORTED = 9 /* a valid request this build cannot serve */
};

/*
 * Returns a short English description of status, never NULL.
 */
const char *habar_status_string(enum habar_status status);

/*
 * Returns the library's version, "MAJOR.MINOR.PATCH".
 */
const char *habar_version(void);

#endif
