/*
 * xliff_write.c: writing text into XML by hand, so that every byte of a
 * release survives the trip: a carriage return becomes "&#13;" (a parser
 * would otherwise fold "\r\n" into "\n"), and the code points XML 1.0
 * cannot carry at all (controls other than tab, newline and carriage
 * return; U+FFFE, U+FFFF) become XLIFF 2.0's <cp hex="..."/> elements, or
 * in XLIFF 1.2, which has no such element, a placeholder
 * <ph id="cpN" ctype="x-habar-cp">XXXX</ph> holding the code point in hex.
 */
#include <string.h>

#include "utf8_internal.h"
#include "xliff_internal.h"

static int
xml_allowed(unsigned long cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	return cp != 0xFFFE && cp != 0xFFFF;
}

/*
 * Writes s[0..len), well-formed UTF-8, as XML character data; characters
 * XML cannot hold are written as <cp_element hex="XXXX"/>, or as 1.2's
 * placeholder when cp_element is NULL.  Returns 0, or -1 on a write
 * error.
 */
int
habar__xl_put_text(FILE *fp, const char *s, size_t len,
    const char *cp_element)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n, run = 0, placeholders = 0;
	unsigned long cp;

	while (i < len) {
		const char *escape = NULL;
		char hex[96];

		if ((n = habar__utf8_decode(u + i, len - i, &cp)) == 0) {
			/* Callers check UTF-8 first; a stray byte still
			 * never reaches the document. */
			n = 1;
			escape = "\xEF\xBF\xBD";
		} else switch (cp) {
		case '&': escape = "&amp;"; break;
		case '<': escape = "&lt;"; break;
		case '>': escape = "&gt;"; break;
		case '\r': escape = "&#13;"; break;
		default:
			if (!xml_allowed(cp) && cp_element != NULL) {
				snprintf(hex, sizeof(hex), "<%s hex=\"%04lX\"/>",
				    cp_element, cp);
				escape = hex;
			} else if (!xml_allowed(cp)) {
				snprintf(hex, sizeof(hex), "<ph id=\"cp%zu\" "
				    "ctype=\"%s\">%04lX</ph>", ++placeholders,
				    HABAR_XLIFF12_CP_CTYPE, cp);
				escape = hex;
			}
		}
		if (escape == NULL) {
			i += n;
			run += n;
			continue;
		}
		if (run > 0 && fwrite(s + i - run, 1, run, fp) != run)
			return -1;
		run = 0;
		if (fputs(escape, fp) == EOF)
			return -1;
		i += n;
	}
	if (run > 0 && fwrite(s + i - run, 1, run, fp) != run)
		return -1;
	return 0;
}

/*
 * Writes the NUL-terminated s as the value of a double-quoted attribute;
 * tab, newline and carriage return become character references so that
 * attribute normalisation leaves them alone.  Characters XML cannot hold
 * do not occur in the values written (ids, keys, language tags, file
 * names checked by the caller) and become U+FFFD.  Returns 0 or -1.
 */
int
habar__xl_put_attr(FILE *fp, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n, len = strlen(s);
	unsigned long cp;

	while (i < len) {
		const char *escape = NULL;

		if ((n = habar__utf8_decode(u + i, len - i, &cp)) == 0)
			n = 1, cp = 0xFFFD;
		switch (cp) {
		case '&': escape = "&amp;"; break;
		case '<': escape = "&lt;"; break;
		case '"': escape = "&quot;"; break;
		case '\t': escape = "&#9;"; break;
		case '\n': escape = "&#10;"; break;
		case '\r': escape = "&#13;"; break;
		default:
			if (!xml_allowed(cp) || cp == 0xFFFD)
				escape = "\xEF\xBF\xBD";
		}
		if (escape != NULL) {
			if (fputs(escape, fp) == EOF)
				return -1;
		} else if (fwrite(s + i, 1, n, fp) != n)
			return -1;
		i += n;
	}
	return 0;
}

/*
 * Appends code point cp to buf in UTF-8.  Returns HABAR_OK,
 * HABAR_ERR_INPUT for a surrogate or a value beyond U+10FFFF, or an error
 * of habar__xl_buf_add().
 */
enum habar_status
habar__xl_put_utf8(struct xl_buf *buf, unsigned long cp)
{
	unsigned char out[4];
	size_t n;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return HABAR_ERR_INPUT;
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		out[0] = (unsigned char)(0xC0 | (cp >> 6));
		out[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		out[0] = (unsigned char)(0xE0 | (cp >> 12));
		out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		out[0] = (unsigned char)(0xF0 | (cp >> 18));
		out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return habar__xl_buf_add(buf, out, n);
}
