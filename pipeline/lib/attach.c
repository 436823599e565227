/*
 * attach.c: what each attachment kind must look like inside (see
 * habar/attach.h).  Packages (.pptx, .docx) are read in attach_archive.c;
 * this file maps the file, recognises signatures and walks the legacy
 * PowerPoint structure inside an OLE2 compound file.
 */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <habar/attach.h>

#include "attach_internal.h"
#include "byteorder_internal.h"
#include "ole2.h"

static const struct {
	const char *extension;
	enum habar_attach_kind kind;
	const char *media_type;
} kinds[] = {
	{ "ppt", HABAR_ATTACH_PPT, "application/vnd.ms-powerpoint" },
	{ "pptx", HABAR_ATTACH_PPTX, "application/vnd.openxmlformats-"
	    "officedocument.presentationml.presentation" },
	{ "docx", HABAR_ATTACH_DOCX, "application/vnd.openxmlformats-"
	    "officedocument.wordprocessingml.document" },
	{ "pdf", HABAR_ATTACH_PDF, "application/pdf" },
	{ "png", HABAR_ATTACH_PNG, "image/png" },
	{ "jpg", HABAR_ATTACH_JPEG, "image/jpeg" },
	{ "jpeg", HABAR_ATTACH_JPEG, "image/jpeg" },
	{ "gif", HABAR_ATTACH_GIF, "image/gif" },
};

/* Records of the PowerPoint binary format (MS-PPT) that the check walks. */
#define RT_CURRENT_USER_ATOM 0x0FF6
#define RT_USER_EDIT_ATOM 0x0FF5
#define RT_PERSIST_DIRECTORY_ATOM 0x1772
#define TOKEN_PLAIN 0xE391C05Fu
#define TOKEN_ENCRYPTED 0xF3D1C4DFu
#define MAX_STREAM (256u * 1024 * 1024)

static const unsigned char ole2_magic[] = {
	0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1
};

enum habar_attach_kind
habar_attach_kind_of(const char *name, const char **media_type)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	if (media_type != NULL)
		*media_type = "application/octet-stream";
	if (dot == NULL || strchr(dot, '/') != NULL)
		return HABAR_ATTACH_UNKNOWN;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcasecmp(dot + 1, kinds[i].extension) == 0) {
			if (media_type != NULL)
				*media_type = kinds[i].media_type;
			return kinds[i].kind;
		}
	return HABAR_ATTACH_UNKNOWN;
}

static unsigned
record_type(const unsigned char *p)
{
	return (unsigned)(p[2] | p[3] << 8);
}

/*
 * A legacy presentation: a compound file with "Current User" and
 * "PowerPoint Document" streams, whose CurrentUserAtom points at a
 * UserEditAtom that points at a PersistDirectoryAtom.  Those records stay
 * unencrypted in a password-protected file, so the check covers it too.
 */
static enum habar_status
check_ppt(const unsigned char *data, size_t size, struct habar_attach_info *info)
{
	struct habar__ole2 *ole = NULL;
	unsigned char *user = NULL, *doc = NULL;
	size_t user_len, doc_len;
	enum habar_status status;
	uint32_t token, edit, persist;

	status = habar__ole2_open(&ole, data, size, info->message,
	    sizeof(info->message));
	if (status != HABAR_OK)
		return status;
	if (habar__ole2_has(ole, "EncryptedPackage")) {
		snprintf(info->message, sizeof(info->message),
		    "an encrypted OOXML package, not a PowerPoint 97-2003 file");
		status = HABAR_ERR_INPUT;
		goto done;
	}
	status = habar__ole2_read_stream(ole, "Current User", 64 * 1024,
	    &user, &user_len);
	if (status == HABAR_OK)
		status = habar__ole2_read_stream(ole, "PowerPoint Document",
		    MAX_STREAM, &doc, &doc_len);
	if (status == HABAR_ERR_NOTFOUND) {
		snprintf(info->message, sizeof(info->message),
		    "a compound file without a PowerPoint document "
		    "(another Office format?)");
		status = HABAR_ERR_INPUT;
		goto done;
	}
	if (status != HABAR_OK) {
		if (status == HABAR_ERR_INPUT)
			snprintf(info->message, sizeof(info->message),
			    "a PowerPoint stream is truncated");
		goto done;
	}
	status = HABAR_ERR_INPUT;
	if (user_len < 20 || record_type(user) != RT_CURRENT_USER_ATOM ||
	    habar__le32(user + 8) != 0x14) {
		snprintf(info->message, sizeof(info->message),
		    "the Current User stream is not a CurrentUserAtom");
		goto done;
	}
	token = habar__le32(user + 12);
	if (token != TOKEN_PLAIN && token != TOKEN_ENCRYPTED) {
		snprintf(info->message, sizeof(info->message),
		    "unknown CurrentUserAtom header token 0x%08X", token);
		goto done;
	}
	edit = habar__le32(user + 16);
	if ((uint64_t)edit + 8 + 20 > doc_len ||
	    record_type(doc + edit) != RT_USER_EDIT_ATOM ||
	    habar__le32(doc + edit + 4) < 28) {
		snprintf(info->message, sizeof(info->message),
		    "the current edit (offset %u) is not a UserEditAtom", edit);
		goto done;
	}
	persist = habar__le32(doc + edit + 8 + 12);
	if ((uint64_t)persist + 8 > doc_len ||
	    record_type(doc + persist) != RT_PERSIST_DIRECTORY_ATOM ||
	    (uint64_t)persist + 8 + habar__le32(doc + persist + 4) > doc_len) {
		snprintf(info->message, sizeof(info->message),
		    "the persist directory (offset %u) is missing or truncated",
		    persist);
		goto done;
	}
	status = HABAR_OK;
	if (token == TOKEN_ENCRYPTED ||
	    habar__ole2_has(ole, "EncryptedSummary")) {
		info->encrypted = 1;
		snprintf(info->message, sizeof(info->message),
		    "password-protected: its slides cannot be read");
	}
done:
	free(user);
	free(doc);
	habar__ole2_free(ole);
	return status;
}

static enum habar_status
check_signature(const unsigned char *data, size_t size,
    struct habar_attach_info *info)
{
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', 0x0D, 0x0A,
		0x1A, 0x0A };
	int ok = 0;

	switch (info->kind) {
	case HABAR_ATTACH_PDF:
		/* The header may follow a little junk; the trailer must end
		 * the file (allowing trailing white space). */
		ok = size > 16 && memmem(data, size < 1024 ? size : 1024,
		    "%PDF-", 5) != NULL && memmem(data + (size > 2048 ?
		    size - 2048 : 0), size > 2048 ? 2048 : size, "%%EOF", 5);
		break;
	case HABAR_ATTACH_PNG:
		ok = size > 8 + 25 && memcmp(data, png, 8) == 0 &&
		    memcmp(data + 12, "IHDR", 4) == 0 &&
		    memmem(data + size - (size > 64 ? 64 : size),
		    size > 64 ? 64 : size, "IEND", 4) != NULL;
		break;
	case HABAR_ATTACH_JPEG:
		ok = size > 4 && data[0] == 0xFF && data[1] == 0xD8 &&
		    data[2] == 0xFF;
		break;
	case HABAR_ATTACH_GIF:
		ok = size > 13 && (memcmp(data, "GIF87a", 6) == 0 ||
		    memcmp(data, "GIF89a", 6) == 0);
		break;
	default:
		break;
	}
	if (!ok) {
		snprintf(info->message, sizeof(info->message),
		    "not a valid %s file (signature or end marker missing)",
		    info->media_type);
		return HABAR_ERR_INPUT;
	}
	return HABAR_OK;
}

enum habar_status
habar__attach_check_memory(const unsigned char *data, size_t size,
    struct habar_attach_info *info)
{
	enum habar_status status;

	switch (info->kind) {
	case HABAR_ATTACH_PPT:
		status = check_ppt(data, size, info);
		break;
	case HABAR_ATTACH_PPTX:
	case HABAR_ATTACH_DOCX:
		if (size >= 8 && memcmp(data, ole2_magic, 8) == 0) {
			/* Office encrypts a password-protected package into
			 * a compound file; it cannot be looked into. */
			struct habar__ole2 *ole = NULL;
			status = habar__ole2_open(&ole, data, size,
			    info->message, sizeof(info->message));
			if (status == HABAR_OK &&
			    !habar__ole2_has(ole, "EncryptedPackage")) {
				snprintf(info->message, sizeof(info->message),
				    "a legacy compound file, not an OOXML "
				    "package: rename it to .%s",
				    info->kind == HABAR_ATTACH_PPTX ? "ppt" : "doc");
				status = HABAR_ERR_INPUT;
			} else if (status == HABAR_OK) {
				info->encrypted = 1;
				snprintf(info->message, sizeof(info->message),
				    "password-protected: its content cannot be "
				    "read");
			}
			habar__ole2_free(ole);
			break;
		}
		status = habar__ooxml_check(data, size, info);
		break;
	default:
		status = check_signature(data, size, info);
		break;
	}
	return status;
}

enum habar_status
habar_attach_check(const char *path, struct habar_attach_info *info)
{
	struct stat st;
	unsigned char *data = NULL;
	size_t size = 0;
	enum habar_status status;
	int fd;

	memset(info, 0, sizeof(*info));
	info->kind = habar_attach_kind_of(path, &info->media_type);
	if (info->kind == HABAR_ATTACH_UNKNOWN) {
		snprintf(info->message, sizeof(info->message),
		    "unknown attachment type (expected .ppt, .pptx, .docx, "
		    ".pdf, .png, .jpg or .gif)");
		return HABAR_ERR_UNSUPPORTED;
	}
	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &st) != 0) {
		int saved = errno;
		if (fd >= 0)
			close(fd);
		snprintf(info->message, sizeof(info->message), "%s",
		    strerror(saved));
		errno = saved;
		return HABAR_ERR_IO;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(info->message, sizeof(info->message),
		    "not a regular file");
		return HABAR_ERR_INPUT;
	}
	if ((uint64_t)st.st_size > HABAR_ATTACH_MAX_SIZE) {
		close(fd);
		snprintf(info->message, sizeof(info->message),
		    "larger than the %u MiB limit",
		    HABAR_ATTACH_MAX_SIZE >> 20);
		return HABAR_ERR_LIMIT;
	}
	size = (size_t)st.st_size;
	if (size == 0) {
		close(fd);
		snprintf(info->message, sizeof(info->message), "empty file");
		return HABAR_ERR_INPUT;
	}
	data = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (data == MAP_FAILED) {
		snprintf(info->message, sizeof(info->message), "%s",
		    strerror(errno));
		return HABAR_ERR_IO;
	}
	status = habar__attach_check_memory(data, size, info);
	munmap(data, size);
	return status;
}
