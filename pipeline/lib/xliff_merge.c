/*
 * xliff_merge.c: a translated XLIFF document back into release text (see
 * habar/xliff.h).  The skeleton is written as it is, each unit reference
 * replaced by the unit's text: its segments' targets, or their sources
 * where a target is missing, and its ignorables.  Front-matter fields whose
 * unit has a target are written anew with the translated value; the
 * others come back as their original line.
 *
 * The unit ids must match the skeleton's references one to one: a unit
 * the skeleton does not name, or a name with no unit, means the file was
 * edited beyond translation (or belongs to another release) and is an
 * error rather than a guess.
 */
#include <stdlib.h>
#include <string.h>

#include <habar/release.h>

#include "xliff_internal.h"

/* qsort and bsearch compare unit pointers by id. */
static int
compare_units(const void *a, const void *b)
{
	const struct xl_unit *x = *(struct xl_unit *const *)a;
	const struct xl_unit *y = *(struct xl_unit *const *)b;

	return strcmp(x->id, y->id);
}

static struct xl_unit *
find_unit(struct xl_unit **sorted, size_t count, const char *id)
{
	struct xl_unit key, *keyp = &key, **found;

	key.id = (char *)id;
	found = bsearch(&keyp, sorted, count, sizeof(*sorted), compare_units);
	return found ? *found : NULL;
}

/* Whether a part has a target that replaces its source. */
static int
translated(const struct xl_part *part)
{
	return part->has_target && (part->target.len > 0 || part->source.len == 0);
}

/*
 * Checks that every skeleton reference names one unit and every unit is
 * named once.  Returns HABAR_OK or HABAR_ERR_INPUT.
 */
static enum habar_status
match_ids(struct habar_xliff *xliff, struct xl_doc *doc,
    struct xl_unit **sorted)
{
	size_t i;

	for (i = 0; i < doc->unit_count; i++)
		sorted[i] = &doc->units[i];
	qsort(sorted, doc->unit_count, sizeof(*sorted), compare_units);
	for (i = 1; i < doc->unit_count; i++)
		if (strcmp(sorted[i - 1]->id, sorted[i]->id) == 0)
			return habar__xl_fail(xliff, sorted[i]->line >
			    sorted[i - 1]->line ? sorted[i]->line :
			    sorted[i - 1]->line, HABAR_ERR_INPUT,
			    "unit id '%s' is used twice", sorted[i]->id);
	for (i = 0; i < doc->skel_count; i++) {
		struct xl_skel *item = &doc->skel[i];
		struct xl_unit *unit;
		if (item->kind != XL_SKEL_UNIT && item->kind != XL_SKEL_FIELD)
			continue;
		unit = find_unit(sorted, doc->unit_count, item->ref);
		if (unit == NULL)
			return habar__xl_fail(xliff, item->line, HABAR_ERR_INPUT,
			    "mismatched ids: the skeleton refers to unit '%s', "
			    "which the file lacks", item->ref);
		if (unit->referenced)
			return habar__xl_fail(xliff, item->line, HABAR_ERR_INPUT,
			    "mismatched ids: the skeleton refers to unit '%s' "
			    "twice", item->ref);
		unit->referenced = 1;
	}
	for (i = 0; i < doc->unit_count; i++)
		if (!doc->units[i].referenced)
			return habar__xl_fail(xliff, doc->units[i].line,
			    HABAR_ERR_INPUT, "mismatched ids: unit '%s' is not "
			    "in the skeleton", doc->units[i].id);
	return HABAR_OK;
}

/* The first control character (C0 but tab, line feed and carriage return;
 * DEL; C1) in b from byte *at on, or -1 with none left. */
static long
next_control(const struct xl_buf *b, size_t *at)
{
	const unsigned char *u = (const unsigned char *)b->data;
	size_t i;

	for (i = *at; i < b->len; i++) {
		if ((u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' &&
		    u[i] != '\r') || u[i] == 0x7F) {
			*at = i + 1;
			return u[i];
		}
		if (u[i] == 0xC2 && i + 1 < b->len && u[i + 1] >= 0x80 &&
		    u[i + 1] <= 0x9F) {
			*at = i + 2;
			return u[i + 1];
		}
	}
	*at = b->len;
	return -1;
}

/*
 * Refuses a target that holds a control character (<cp hex="001B"/>,
 * <cp hex="0000"/>) its source does not: a release does not carry them (a
 * NUL would end a front-matter value, an escape would reach a terminal),
 * and a translation has no reason to add one.  One copied from a source
 * that had it goes back where it came from.  Returns HABAR_OK or
 * HABAR_ERR_INPUT.
 */
static enum habar_status
check_controls(struct habar_xliff *xliff, const struct xl_unit *unit)
{
	size_t i, at, s;
	long c, d;

	for (i = 0; i < unit->part_count; i++) {
		const struct xl_part *part = &unit->parts[i];
		if (!part->has_target)
			continue;
		for (at = 0; (c = next_control(&part->target, &at)) >= 0;) {
			for (s = 0; (d = next_control(&part->source, &s)) >= 0;)
				if (d == c)
					break;
			if (d != c)
				return habar__xl_fail(xliff, part->line,
				    HABAR_ERR_INPUT, "unit '%s': the target holds "
				    "U+%04lX, a control character its source "
				    "does not hold, which a release does not "
				    "carry", unit->id, (unsigned long)c);
		}
	}
	return HABAR_OK;
}

/*
 * Writes a unit's text.  Targets go in their "order" when one is given
 * (XLIFF lets a translator reorder the targets of a unit); a segment
 * without a target keeps its source, with a warning when warn is set.
 */
static enum habar_status
write_unit(struct habar_xliff *xliff, FILE *fp, const struct xl_unit *unit,
    int warn)
{
	const struct xl_part **at;
	size_t i, n = unit->part_count;
	enum habar_status status = HABAR_OK;

	if (n == 0)
		return HABAR_OK;
	if ((at = calloc(n, sizeof(*at))) == NULL)
		return HABAR_ERR_NOMEM;
	for (i = 0; i < n; i++) {
		const struct xl_part *part = &unit->parts[i];
		size_t slot = part->has_target && part->order ? part->order - 1 : i;
		if (slot >= n || at[slot] != NULL) {
			status = habar__xl_fail(xliff, part->line, HABAR_ERR_INPUT,
			    "unit '%s': target order %lu is out of range or "
			    "taken twice", unit->id, part->order);
			goto done;
		}
		at[slot] = part;
	}
	for (i = 0; i < n; i++) {
		const struct xl_part *part = at[i];
		const struct xl_buf *text = &part->source;
		if (translated(part))
			text = &part->target;
		else if (part->segment) {
			xliff->untranslated++;
			if (warn)
				habar__xl_warn(xliff, part->line, "segment '%s' "
				    "of unit '%s' has no target: its source is "
				    "kept", part->id ? part->id : "?", unit->id);
		}
		if (text->len > 0 && fwrite(text->data, 1, text->len, fp) !=
		    text->len) {
			status = HABAR_ERR_IO;
			goto done;
		}
	}
done:
	free(at);
	return status;
}

/* Counts and reports the segments of a unit that stays in the source. */
static void
note_missing(struct habar_xliff *xliff, const struct xl_unit *unit)
{
	size_t i;

	for (i = 0; i < unit->part_count; i++) {
		const struct xl_part *part = &unit->parts[i];
		if (!part->segment || translated(part))
			continue;
		xliff->untranslated++;
		habar__xl_warn(xliff, part->line, "segment '%s' of unit '%s' has "
		    "no target: its source is kept", part->id ? part->id : "?",
		    unit->id);
	}
}

/* Whether a target of the unit holds a blank line, which the release
 * format reads as the end of a paragraph. */
static int
splits_paragraph(const struct xl_unit *unit)
{
	size_t i, j;

	for (i = 0; i < unit->part_count; i++) {
		const struct xl_buf *t = &unit->parts[i].target;
		int newline = 0;
		if (!translated(&unit->parts[i]))
			continue;
		for (j = 0; j < t->len; j++) {
			char c = t->data[j];
			if (c == '\n' && newline)
				return 1;
			if (c == '\n')
				newline = 1;
			else if (c != ' ' && c != '\t' && c != '\r')
				newline = 0;
		}
	}
	return 0;
}

static int
unit_translated(const struct xl_unit *unit)
{
	size_t i;

	for (i = 0; i < unit->part_count; i++)
		if (unit->parts[i].segment && translated(&unit->parts[i]))
			return 1;
	return 0;
}

/* Writes "key: value" without its newline, value quoted as needed. */
static enum habar_status
write_field(FILE *fp, const char *key, const char *value)
{
	char *line = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&line, &len);
	enum habar_status status;

	if (mem == NULL)
		return HABAR_ERR_NOMEM;
	status = habar_release_write_field(mem, key, value);
	if (fclose(mem) != 0 && status == HABAR_OK)
		status = HABAR_ERR_NOMEM;
	if (status == HABAR_OK && len > 0 &&
	    fwrite(line, 1, len - 1, fp) != len - 1)
		status = HABAR_ERR_IO;
	free(line);
	return status;
}

/* A field's translated value: its unit's text, as one string. */
static enum habar_status
field_value(struct habar_xliff *xliff, const struct xl_unit *unit,
    char **value_out)
{
	size_t len = 0;
	FILE *mem = open_memstream(value_out, &len);
	enum habar_status status;

	if (mem == NULL)
		return HABAR_ERR_NOMEM;
	status = write_unit(xliff, mem, unit, 0);
	if (fclose(mem) != 0 && status == HABAR_OK)
		status = HABAR_ERR_NOMEM;
	return status;
}

static enum habar_status
write_release(struct habar_xliff *xliff, FILE *fp, struct xl_doc *doc,
    struct xl_unit **sorted, int any)
{
	enum habar_status status = HABAR_OK;
	size_t i;

	for (i = 0; i < doc->skel_count && status == HABAR_OK; i++) {
		const struct xl_skel *item = &doc->skel[i];
		const struct xl_unit *unit = NULL;
		char *value = NULL;

		if (item->ref != NULL)
			unit = find_unit(sorted, doc->unit_count, item->ref);
		switch (item->kind) {
		case XL_SKEL_TEXT:
			if (item->text.len > 0 && fwrite(item->text.data, 1,
			    item->text.len, fp) != item->text.len)
				status = HABAR_ERR_IO;
			break;
		case XL_SKEL_UNIT:
			if (any && splits_paragraph(unit))
				habar__xl_warn(xliff, unit->line, "the target of "
				    "unit '%s' holds a blank line, which splits "
				    "its paragraph", unit->id);
			status = write_unit(xliff, fp, unit, any);
			break;
		case XL_SKEL_FIELD:
			if (!any || !unit_translated(unit)) {
				if (any)
					note_missing(xliff, unit);
				if (item->text.len > 0 && fwrite(item->text.data,
				    1, item->text.len, fp) != item->text.len)
					status = HABAR_ERR_IO;
				break;
			}
			if ((status = field_value(xliff, unit, &value)) == HABAR_OK)
				status = write_field(fp, item->key, value);
			free(value);
			break;
		case XL_SKEL_LANG:
			if (!any) {
				if (item->text.len > 0 && fwrite(item->text.data,
				    1, item->text.len, fp) != item->text.len)
					status = HABAR_ERR_IO;
				break;
			}
			if (item->fence)
				fputs("---\n", fp);
			status = write_field(fp, "lang", doc->trg_lang);
			if (item->text.len == 0)
				fputs("\n", fp);
			if (item->fence)
				fputs("---\n", fp);
			break;
		}
	}
	return status;
}

enum habar_status
habar_xliff_merge(struct habar_xliff *xliff, FILE *out, const char *xml,
    size_t len)
{
	struct xl_doc doc;
	struct xl_unit **sorted = NULL;
	enum habar_status status;
	char *text = NULL;
	size_t text_len = 0, i, j;
	FILE *fp = NULL;
	int any = 0;

	xliff->error[0] = '\0';
	xliff->error_line = 0;
	xliff->untranslated = 0;
	if ((status = habar__xl_parse_xliff(xliff, &doc, xml, len)) != HABAR_OK)
		return status;
	if ((sorted = calloc(doc.unit_count + 1, sizeof(*sorted))) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	if ((status = match_ids(xliff, &doc, sorted)) != HABAR_OK)
		goto done;
	for (i = 0; i < doc.unit_count; i++)
		if ((status = check_controls(xliff, &doc.units[i])) != HABAR_OK)
			goto done;
	for (i = 0; i < doc.unit_count && !any; i++)
		for (j = 0; j < doc.units[i].part_count; j++)
			if (doc.units[i].parts[j].segment &&
			    translated(&doc.units[i].parts[j]))
				any = 1;
	if (!any)
		habar__xl_warn(xliff, 0, "no segment has a target: the source "
		    "release is written unchanged");
	if ((fp = open_memstream(&text, &text_len)) == NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	status = write_release(xliff, fp, &doc, sorted, any);
	if (fclose(fp) != 0 && status == HABAR_OK)
		status = HABAR_ERR_NOMEM;
	if (status == HABAR_OK && text_len > 0 &&
	    fwrite(text, 1, text_len, out) != text_len)
		status = habar__xl_fail(xliff, 0, HABAR_ERR_IO, "write error");
done:
	free(text);
	free(sorted);
	habar__xl_doc_free(&doc);
	if (status != HABAR_OK && xliff->error[0] == '\0')
		habar__xl_fail(xliff, 0, status, "%s", habar_status_string(status));
	return status;
}
