/*
 * manifest_xml.c: the manifest of a release pack as XML, written with
 * libxml2's text writer (so escaping is libxml2's) and read back through
 * the hardened parse and the RELAX NG schema in schemas/.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include <habar/data.h>
#include <habar/manifest.h>

#include "parallel_xml.h"

enum habar_status
habar_manifest_to_xml(const struct habar_manifest *m, char **xml_out,
    size_t *len_out)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = NULL;
	enum habar_status status = HABAR_ERR_LIBRARY;
	char number[32];
	size_t i;
	int rc = 0;

	*xml_out = NULL;
	*len_out = 0;
	if (buf == NULL || (w = xmlNewTextWriterMemory(buf, 0)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
#define W(call) do { if ((call) < 0) rc = -1; } while (0)
	W(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
	W(xmlTextWriterStartElementNS(w, NULL, BAD_CAST "manifest",
	    BAD_CAST HABAR_MANIFEST_NS));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "1"));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "release",
	    BAD_CAST m->release));
	if (m->date != NULL)
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "date",
		    BAD_CAST m->date));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "generator",
	    BAD_CAST m->generator));
	for (i = 0; i < m->count; i++) {
		const struct habar_manifest_entry *e = &m->entries[i];
		W(xmlTextWriterStartElement(w, BAD_CAST "file"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "path",
		    BAD_CAST e->path));
		snprintf(number, sizeof(number), "%" PRIu64, e->size);
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "size",
		    BAD_CAST number));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "sha256",
		    BAD_CAST e->sha256));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "media-type",
		    BAD_CAST e->media_type));
		if (e->lang != NULL)
			W(xmlTextWriterWriteAttribute(w, BAD_CAST "lang",
			    BAD_CAST e->lang));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "role",
		    BAD_CAST e->role));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndDocument(w));
#undef W
	xmlFreeTextWriter(w);
	w = NULL;
	if (rc < 0)
		goto done;
	if ((*xml_out = malloc((size_t)xmlBufferLength(buf) + 1)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	memcpy(*xml_out, xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
	(*xml_out)[xmlBufferLength(buf)] = '\0';
	*len_out = (size_t)xmlBufferLength(buf);
	status = HABAR_OK;
done:
	if (w != NULL)
		xmlFreeTextWriter(w);
	if (buf != NULL)
		xmlBufferFree(buf);
	return status;
}

/* Keeps the first validity error instead of printing it. */
static void
keep_validity_error(void *ctx, xmlError *error)
{
	char *msg = ctx;

	if (msg[0] == '\0' && error != NULL && error->message != NULL) {
		snprintf(msg, 200, "line %d: %s", error->line, error->message);
		msg[strcspn(msg, "\n")] = '\0';
	}
}

/* Validates doc against the manifest schema found in the data directory. */
static enum habar_status
validate(xmlDocPtr doc, char *err, size_t errlen)
{
	xmlRelaxNGParserCtxtPtr pctxt = NULL;
	xmlRelaxNGPtr schema = NULL;
	xmlRelaxNGValidCtxtPtr vctxt = NULL;
	enum habar_status status;
	char *path = NULL, msg[200] = "";

	status = habar_data_find(&path, "schemas/habar-manifest.rng");
	if (status != HABAR_OK) {
		snprintf(err, errlen, "the manifest schema "
		    "schemas/habar-manifest.rng is missing");
		return status;
	}
	status = HABAR_ERR_LIBRARY;
	if ((pctxt = xmlRelaxNGNewParserCtxt(path)) == NULL ||
	    (schema = xmlRelaxNGParse(pctxt)) == NULL ||
	    (vctxt = xmlRelaxNGNewValidCtxt(schema)) == NULL) {
		snprintf(err, errlen, "cannot load the schema %s", path);
		goto done;
	}
	xmlRelaxNGSetValidStructuredErrors(vctxt, keep_validity_error, msg);
	if (xmlRelaxNGValidateDoc(vctxt, doc) != 0) {
		snprintf(err, errlen, "manifest is not valid: %s",
		    msg[0] ? msg : "schema violation");
		status = HABAR_ERR_INPUT;
		goto done;
	}
	status = HABAR_OK;
done:
	xmlRelaxNGFreeValidCtxt(vctxt);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pctxt);
	free(path);
	return status;
}

static char *
attribute(xmlNode *node, const char *name)
{
	return (char *)xmlGetProp(node, BAD_CAST name);
}

enum habar_status
habar_manifest_from_xml(struct habar_manifest **manifest_out, const char *xml,
    size_t len, char *err, size_t errlen)
{
	xmlDocPtr doc = NULL;
	xmlNode *root, *node;
	struct habar_manifest *m = NULL;
	enum habar_status status;
	unsigned long line = 0;
	char msg[200];
	char *release = NULL, *date = NULL, *generator = NULL;

	*manifest_out = NULL;
	status = habar__xml_parse(&doc, xml, len, &line, msg, sizeof(msg),
	    NULL);
	if (status != HABAR_OK) {
		snprintf(err, errlen, "line %lu: %s", line, msg);
		return status;
	}
	if ((status = validate(doc, err, errlen)) != HABAR_OK)
		goto done;
	root = xmlDocGetRootElement(doc);
	release = attribute(root, "release");
	date = attribute(root, "date");
	generator = attribute(root, "generator");
	status = habar_manifest_new(&m, release, date, generator);
	for (node = root->children; status == HABAR_OK && node != NULL;
	    node = node->next) {
		char *path, *size, *sha, *type, *lang, *role;
		if (node->type != XML_ELEMENT_NODE)
			continue;
		path = attribute(node, "path");
		size = attribute(node, "size");
		sha = attribute(node, "sha256");
		type = attribute(node, "media-type");
		lang = attribute(node, "lang");
		role = attribute(node, "role");
		errno = 0;
		unsigned long long bytes = strtoull(size, NULL, 10);
		if (errno != 0) {
			snprintf(err, errlen, "line %ld: size out of range",
			    xmlGetLineNo(node));
			status = HABAR_ERR_INPUT;
		} else {
			status = habar_manifest_add(m, path, bytes, sha, type,
			    lang, role);
			if (status == HABAR_ERR_ARGUMENT) {
				snprintf(err, errlen, "line %ld: path '%s' is "
				    "listed twice or leaves the pack",
				    xmlGetLineNo(node), path);
				status = HABAR_ERR_INPUT;
			}
		}
		xmlFree(path);
		xmlFree(size);
		xmlFree(sha);
		xmlFree(type);
		xmlFree(lang);
		xmlFree(role);
	}
done:
	xmlFree(release);
	xmlFree(date);
	xmlFree(generator);
	xmlFreeDoc(doc);
	if (status != HABAR_OK) {
		habar_manifest_free(m);
		return status;
	}
	*manifest_out = m;
	return HABAR_OK;
}
