/*
 * fuzz_spell.c: feeds arbitrary bytes to the spell-checker: the first
 * byte picks the language, the rest is cut into lines that go through the
 * tokeniser and the checker (every token, also the skipped ones) and, for
 * a few, the suggestions.  Nothing may crash, hang, leak or read out of
 * bounds, whatever the bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <habar/spell.h>

static struct habar_spell *checkers[3];
static int tried[3];
static unsigned long suggestions;	/* Hunspell's are slow: a few per run */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct habar_spell *
checker(unsigned which)
{
	static const char *const langs[3] = { "en", "ru", "kk" };
	struct habar_spell_options opt = { NULL, 0, 1 };

	/* Loading dictionaries is slow: one checker per language lives
	 * for the whole run (its verdict cache is bounded). */
	if (!tried[which]) {
		tried[which] = 1;
		if (habar_spell_new(&checkers[which], langs[which], &opt, NULL,
		    0) != HABAR_OK)
			checkers[which] = NULL;
	}
	return checkers[which];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct habar_spell *spell;
	const char *text, *end;

	if (size < 1)
		return 0;
	spell = checker(data[0] % 3);
	if (spell == NULL)
		return 0;
	text = (const char *)data + 1;
	end = (const char *)data + size;
	while (text < end) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		size_t len = nl ? (size_t)(nl - text) : (size_t)(end - text);
		struct habar_spell_token tok;
		size_t pos = 0, column = 1, last_column = 0;

		while (habar_spell_token_next(text, len, &pos, &column, &tok)) {
			enum habar_spell_verdict v;
			if (tok.offset + tok.len > len || tok.len == 0 ||
			    tok.column <= last_column)
				abort();
			last_column = tok.column;
			if (habar_spell_check(spell, text + tok.offset, tok.len,
			    &v) != HABAR_OK)
				continue;
			if (v == HABAR_SPELL_UNKNOWN && tok.len < 16 &&
			    suggestions < 40) {
				suggestions++;
				char **list = NULL;
				size_t n = 0;
				habar_spell_suggest(spell, &list, &n,
				    text + tok.offset, tok.len, 5);
				habar_spell_list_free(list, n);
			}
		}
		text += len + (nl != NULL);
	}
	return 0;
}
