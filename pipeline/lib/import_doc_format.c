/*
 * import_doc_format.c: which characters of a legacy Word document
 * (.doc, MS-DOC) are not part of its text as published: deleted by a
 * tracked change, or hidden.  Kept apart from the text reader
 * (import_doc_icu.c), which asks of each character.
 *
 * Word hides text two ways, and an editor's note or a draft remark kept
 * in a release by either must not reach the reader.  Directly, a run of
 * characters carries sprmCFVanish in its CHPX (the FKP pages that the
 * PlcBteChpx lists).  Through a style, the style sheet (STSH) gives a
 * paragraph or character style the same sprm in its character
 * properties, itself or through the style it is based on; a paragraph
 * takes its style from the istd of its PAPX (the FKP pages of the
 * PlcBtePapx), a run its character style from sprmCIstd.  The value of
 * sprmCFVanish is 0 (off), 1 (on), 0x80 (as the style says) or 0x81 (the
 * opposite of the style), so a run can also show text its style hides.
 *
 * Every offset comes from the file and is checked against the stream it
 * points into; a damaged style sheet or page is skipped (the text is not
 * worth losing over its formatting).
 */
#include <stdlib.h>
#include <string.h>

#include "byteorder_internal.h"
#include "grow_internal.h"
#include "import_internal.h"

/* A formatted disk page (FKP) of character or paragraph runs. */
#define FKP_SIZE 512
/* The most styles a style sheet may define (istd is 12 bits). */
#define MAX_STYLES 4095
/* No style (istdBase of a style based on none). */
#define ISTD_NIL 0x0FFF
/* Styles based on styles deeper than this are taken for a loop. */
#define MAX_BASE_DEPTH 16

/* The single property modifiers (sprms) looked for, and the sizes of
 * the operand by a sprm's spra field (6: its first byte says). */
#define SPRM_C_RMARK_DEL	0x0800
#define SPRM_C_VANISH		0x083C
#define SPRM_C_ISTD		0x4A30
static const unsigned char spra_size[8] = { 1, 1, 2, 4, 2, 2, 0, 3 };

/* A style's or run's hidden setting. */
#define VANISH_OFF	0
#define VANISH_ON	1
#define VANISH_UNSET	2	/* the style or run says nothing */
#define VANISH_STYLE	0x80	/* sprm operand: as the style */
#define VANISH_TOGGLE	0x81	/* sprm operand: the opposite */

/* A run of characters or paragraphs, by stream offsets. */
struct fmt_run {
	uint32_t fc, fc_end;
	unsigned char deleted;		/* a tracked deletion */
	unsigned char vanish;		/* VANISH_* of the run itself */
	uint16_t istd;			/* its character style, or ISTD_NIL */
};

struct doc_format {
	unsigned char *style_vanish;	/* VANISH_ON/OFF/UNSET by istd */
	size_t nstyles;
	struct fmt_run *runs;		/* character runs that matter, sorted */
	size_t nruns, runs_cap;
	struct fmt_run *paras;		/* paragraphs hidden by their style */
	size_t nparas, paras_cap;
};

/* What the grpprl g[0..len) sets: the operand of sprmCFVanish
 * (VANISH_UNSET without), a tracked deletion, a character style. */
static void
grpprl_read(const unsigned char *g, size_t len, unsigned char *vanish,
    unsigned char *deleted, uint16_t *istd)
{
	size_t p = 0, size;

	*vanish = VANISH_UNSET;
	*deleted = 0;
	*istd = ISTD_NIL;
	while (p + 2 <= len) {
		uint16_t sprm = habar__le16(g + p);
		p += 2;
		size = spra_size[sprm >> 13];
		if (size == 0) {
			if (p >= len)
				break;
			size = (size_t)g[p] + 1;
		}
		if (size > len - p)
			break;
		if (sprm == SPRM_C_VANISH && (g[p] == VANISH_OFF ||
		    g[p] == VANISH_ON || g[p] == VANISH_STYLE ||
		    g[p] == VANISH_TOGGLE))
			*vanish = g[p];
		else if (sprm == SPRM_C_RMARK_DEL)
			/* 1, or 0x81 against a style never deleted. */
			*deleted = g[p] == 1 || g[p] == 0x81;
		else if (sprm == SPRM_C_ISTD)
			*istd = habar__le16(g + p);
		p += size;
	}
}

/* A setting v (VANISH_*) applied over the setting under it. */
static unsigned char
vanish_over(unsigned char under, unsigned char v)
{
	switch (v) {
	case VANISH_OFF:
	case VANISH_ON:
		return v;
	case VANISH_TOGGLE:
		return under == VANISH_ON ? VANISH_OFF : VANISH_ON;
	default:
		return under;	/* unset, or as the style */
	}
}

/*
 * Reads the style sheet at table[fc..+lcb): each style's own
 * sprmCFVanish and the style it is based on, then each style's setting
 * through its bases into f->style_vanish.
 */
static enum habar_status
read_styles(struct doc_format *f, const unsigned char *table,
    size_t table_len, uint32_t fc, uint32_t lcb)
{
	const unsigned char *s = table + fc;
	unsigned char *own = NULL;
	uint16_t *base = NULL;
	size_t p, end = lcb, cstd, cb_base, istd, k;
	enum habar_status status = HABAR_OK;

	if ((size_t)fc > table_len || (size_t)lcb > table_len - fc || lcb < 6)
		return HABAR_OK;
	p = 2 + (size_t)habar__le16(s);		/* cbStshi, the STSHI */
	cstd = habar__le16(s + 2);
	cb_base = habar__le16(s + 4);
	if (p > end || cstd == 0 || cstd > MAX_STYLES || cb_base < 10)
		return HABAR_OK;
	if ((own = malloc(cstd)) == NULL || (base = malloc(cstd *
	    sizeof(*base))) == NULL || (f->style_vanish = malloc(cstd)) ==
	    NULL) {
		status = HABAR_ERR_NOMEM;
		goto done;
	}
	f->nstyles = cstd;
	memset(own, VANISH_UNSET, cstd);
	for (istd = 0; istd < cstd; istd++)
		base[istd] = ISTD_NIL;
	for (istd = 0; istd < cstd && p + 2 <= end; istd++) {
		size_t cb = habar__le16(s + p), q, cch, u, cupx, want;
		const unsigned char *std = s + p + 2;
		unsigned stk;

		p += 2;
		if (cb > end - p)
			break;
		p += cb;
		if (cb < cb_base)
			continue;	/* an empty slot, or damaged */
		stk = habar__le16(std + 2) & 0x0F;
		base[istd] = habar__le16(std + 2) >> 4;
		cupx = habar__le16(std + 4) & 0x0F;
		/* The character properties: the only UPX of a character
		 * style, the second of a paragraph or table style. */
		if (stk == 2)
			want = 0;
		else if (stk == 1 || stk == 3)
			want = 1;
		else
			continue;
		/* The name: a count, the UTF-16 letters, a terminator. */
		q = cb_base;
		if (q + 2 > cb)
			continue;
		cch = habar__le16(std + q);
		q += 2 + (cch + 1) * 2;
		for (u = 0; u < cupx && q + 2 <= cb; u++) {
			size_t n = habar__le16(std + q);
			q += 2;
			if (n > cb - q)
				break;
			if (u == want) {
				unsigned char deleted;
				uint16_t cistd;
				grpprl_read(std + q, n, &own[istd], &deleted,
				    &cistd);
				break;
			}
			q += n + (n & 1);	/* padded to even */
		}
	}
	/* Each style's setting through the styles it is based on. */
	for (istd = 0; istd < cstd; istd++) {
		unsigned char chain[MAX_BASE_DEPTH], v = VANISH_UNSET;
		size_t depth = 0, at = istd;
		while (at < cstd && depth < MAX_BASE_DEPTH) {
			chain[depth++] = own[at];
			at = base[at];
		}
		for (k = depth; k > 0; k--)
			v = vanish_over(v, chain[k - 1]);
		f->style_vanish[istd] = v;
	}
done:
	free(own);
	free(base);
	return status;
}

static int
run_compare(const void *a, const void *b)
{
	const struct fmt_run *x = a, *y = b;

	return x->fc < y->fc ? -1 : x->fc > y->fc;
}

/* The character style setting of istd (VANISH_UNSET for none). */
static unsigned char
style_of(const struct doc_format *f, uint16_t istd)
{
	return istd < f->nstyles ? f->style_vanish[istd] : VANISH_UNSET;
}

/* The FKP page of entry i of a PlcBte of n entries at plc, or NULL when
 * it lies outside the WordDocument stream wd[0..wd_len). */
static const unsigned char *
bte_page(const unsigned char *plc, size_t n, size_t i,
    const unsigned char *wd, size_t wd_len)
{
	uint32_t pn = habar__le32(plc + 4 * (n + 1) + 4 * i) & 0x3FFFFFu;

	if ((uint64_t)pn * FKP_SIZE + FKP_SIZE > wd_len)
		return NULL;
	return wd + (size_t)pn * FKP_SIZE;
}

/* The number of entries of the PlcBte at table[fc..+lcb), 0 when it does
 * not fit the table stream. */
static size_t
bte_count(size_t table_len, uint32_t fc, uint32_t lcb)
{
	if (lcb < 12 || (size_t)fc > table_len || (size_t)lcb > table_len -
	    fc || (lcb - 4) % 8 != 0)
		return 0;
	return (lcb - 4) / 8;
}

/* Adds a run to *runs. */
static enum habar_status
add_run(struct fmt_run **runs, size_t *n, size_t *cap,
    const struct fmt_run *run)
{
	enum habar_status status;

	if ((status = habar__grow((void **)runs, cap, *n + 1, sizeof(**runs),
	    64)) != HABAR_OK)
		return status;
	(*runs)[(*n)++] = *run;
	return HABAR_OK;
}

/* The character runs that are deleted or may be hidden, from the CHPX
 * pages of the PlcBteChpx at table[fc..+lcb). */
static enum habar_status
read_chars(struct doc_format *f, const unsigned char *wd, size_t wd_len,
    const unsigned char *table, size_t table_len, uint32_t fc, uint32_t lcb)
{
	size_t n = bte_count(table_len, fc, lcb), i, r;
	enum habar_status status;

	for (i = 0; i < n; i++) {
		const unsigned char *page = bte_page(table + fc, n, i, wd,
		    wd_len);
		size_t crun;

		if (page == NULL)
			continue;
		crun = page[FKP_SIZE - 1];
		if (crun == 0 || (crun + 1) * 4 + crun > FKP_SIZE - 1)
			continue;
		for (r = 0; r < crun; r++) {
			size_t off = (size_t)page[(crun + 1) * 4 + r] * 2;
			struct fmt_run run;

			if (off == 0 || off >= FKP_SIZE - 1 ||
			    off + 1 + page[off] > FKP_SIZE - 1)
				continue;
			grpprl_read(page + off + 1, page[off], &run.vanish,
			    &run.deleted, &run.istd);
			if (!run.deleted && run.vanish == VANISH_UNSET &&
			    style_of(f, run.istd) == VANISH_UNSET)
				continue;
			run.fc = habar__le32(page + 4 * r);
			run.fc_end = habar__le32(page + 4 * (r + 1));
			if ((status = add_run(&f->runs, &f->nruns,
			    &f->runs_cap, &run)) != HABAR_OK)
				return status;
		}
	}
	if (f->nruns > 0)
		qsort(f->runs, f->nruns, sizeof(*f->runs), run_compare);
	return HABAR_OK;
}

/* The paragraphs whose style hides them, from the PAPX pages of the
 * PlcBtePapx at table[fc..+lcb). */
static enum habar_status
read_paras(struct doc_format *f, const unsigned char *wd, size_t wd_len,
    const unsigned char *table, size_t table_len, uint32_t fc, uint32_t lcb)
{
	size_t n = bte_count(table_len, fc, lcb), i, r;
	enum habar_status status;

	if (f->nstyles == 0)
		return HABAR_OK;
	for (i = 0; i < n; i++) {
		const unsigned char *page = bte_page(table + fc, n, i, wd,
		    wd_len);
		size_t crun;

		if (page == NULL)
			continue;
		crun = page[FKP_SIZE - 1];
		/* rgfc, then a BX of 13 bytes a paragraph. */
		if (crun == 0 || (crun + 1) * 4 + crun * 13 > FKP_SIZE - 1)
			continue;
		for (r = 0; r < crun; r++) {
			size_t off = (size_t)page[(crun + 1) * 4 + r * 13] * 2;
			size_t size, at;
			uint16_t istd = 0;	/* no PAPX: the Normal style */
			struct fmt_run run;

			if (off != 0) {
				/* PapxInFkp: cb, else 0 and cb'; then the
				 * istd and the grpprl. */
				if (off >= FKP_SIZE - 2)
					continue;
				if (page[off] != 0) {
					size = 2 * (size_t)page[off] - 1;
					at = off + 1;
				} else {
					size = 2 * (size_t)page[off + 1];
					at = off + 2;
				}
				if (size < 2 || at + size > FKP_SIZE - 1)
					continue;
				istd = habar__le16(page + at);
			}
			if (style_of(f, istd) != VANISH_ON)
				continue;
			memset(&run, 0, sizeof(run));
			run.fc = habar__le32(page + 4 * r);
			run.fc_end = habar__le32(page + 4 * (r + 1));
			if ((status = add_run(&f->paras, &f->nparas,
			    &f->paras_cap, &run)) != HABAR_OK)
				return status;
		}
	}
	if (f->nparas > 0)
		qsort(f->paras, f->nparas, sizeof(*f->paras), run_compare);
	return HABAR_OK;
}

enum habar_status
habar__doc_format_read(struct doc_format **format_out,
    const unsigned char *wd, size_t wd_len, const unsigned char *table,
    size_t table_len, const struct doc_plcs *plcs)
{
	struct doc_format *f;
	enum habar_status status;

	*format_out = NULL;
	if ((f = calloc(1, sizeof(*f))) == NULL)
		return HABAR_ERR_NOMEM;
	if ((status = read_styles(f, table, table_len, plcs->fc_stshf,
	    plcs->lcb_stshf)) != HABAR_OK ||
	    (status = read_chars(f, wd, wd_len, table, table_len,
	    plcs->fc_chpx, plcs->lcb_chpx)) != HABAR_OK ||
	    (status = read_paras(f, wd, wd_len, table, table_len,
	    plcs->fc_papx, plcs->lcb_papx)) != HABAR_OK) {
		habar__doc_format_free(f);
		return status;
	}
	*format_out = f;
	return HABAR_OK;
}

/* The run of runs[0..n) holding fc, or NULL. */
static const struct fmt_run *
run_at(const struct fmt_run *runs, size_t n, uint32_t fc)
{
	size_t lo = 0, hi = n;

	/* The last run starting at or before fc. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (runs[mid].fc <= fc)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || fc >= runs[lo - 1].fc_end)
		return NULL;
	return &runs[lo - 1];
}

unsigned
habar__doc_format_at(const struct doc_format *f, uint32_t fc)
{
	const struct fmt_run *run;
	unsigned char v;
	unsigned flags = 0;

	if (f == NULL || (f->nruns == 0 && f->nparas == 0))
		return 0;
	/* The paragraph's style, the run's character style over it, the
	 * run's own setting over both. */
	v = run_at(f->paras, f->nparas, fc) != NULL ? VANISH_ON : VANISH_OFF;
	if ((run = run_at(f->runs, f->nruns, fc)) != NULL) {
		v = vanish_over(v, style_of(f, run->istd));
		v = vanish_over(v, run->vanish);
		if (run->deleted)
			flags |= DOC_DELETED;
	}
	if (v == VANISH_ON)
		flags |= DOC_HIDDEN;
	return flags;
}

void
habar__doc_format_free(struct doc_format *f)
{
	if (f == NULL)
		return;
	free(f->style_vanish);
	free(f->runs);
	free(f->paras);
	free(f);
}
