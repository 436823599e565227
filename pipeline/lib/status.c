/*
 * status.c: descriptions of the status codes and the library version.
 */
#include <habar/status.h>

const char *
habar_status_string(enum habar_status status)
{
	switch (status) {
	case HABAR_OK:			return "success";
	case HABAR_END:			return "end of input";
	case HABAR_ERR_NOMEM:		return "out of memory";
	case HABAR_ERR_IO:		return "input/output error";
	case HABAR_ERR_INPUT:		return "malformed input";
	case HABAR_ERR_LIMIT:		return "size limit reached";
	case HABAR_ERR_NOTFOUND:	return "not found";
	case HABAR_ERR_ARGUMENT:	return "invalid argument";
	case HABAR_ERR_LIBRARY:		return "library failure";
	case HABAR_ERR_UNSUPPORTED:	return "not supported";
	}
	return "unknown status";
}

const char *
habar_version(void)
{
	return HABAR_VERSION;
}
