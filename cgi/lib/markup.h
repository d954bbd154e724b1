/*
 * markup: the small markup of a product description (and a shop's), as a
 * vendor types it in a plain text box, shown on the storefront:
 *
 *   - a blank line separates paragraphs; a single line break inside a
 *     paragraph is kept as a line break;
 *   - lines that start with "- " or "* " are the items of a bulleted list,
 *     lines that start with a number and ". " ("1. ", "2. ") the items of a
 *     numbered list; a list ends at a blank line, at a line of the other
 *     kind, or at a line that is not an item (which starts a paragraph); a
 *     line indented by a space continues the item above it.
 *
 * Nothing else is markup: every character the vendor typed is text, and
 * the page shows it escaped. No HTML is produced here: markup_parse gives
 * blocks of plain text and markup_fill puts them into the dictionary of
 * the partial templates/layout/_markup.tpl, whose only tags are its own and
 * whose every value the template engine escapes (AUTOESCAPE, no :none).
 */
#ifndef BAZAAR_MARKUP_H
#define BAZAAR_MARKUP_H
#include <stddef.h>

#include "arena.h"
#include "tmpl.h"

#define MARKUP_TEMPLATE "layout/_markup.tpl"

enum markup_kind {
	MARKUP_PARAGRAPH,	/* lines: the paragraph's lines */
	MARKUP_BULLETS,		/* lines: the items, markers removed */
	MARKUP_NUMBERED,
};

struct markup_block {
	enum markup_kind kind;
	size_t n;			/* lines */
	const char **lines;		/* arena strings, no line breaks, trimmed */
	struct markup_block *next;
};

/* The blocks of text, in order, in the arena; NULL for text with nothing
 * but white space (or NULL). */
struct markup_block *markup_parse(struct arena *a, const char *text);

/*
 * Fills include marker of d with MARKUP_TEMPLATE drawing text: a section
 * BLOCK per block holding section PARAGRAPH {section LINE {TEXT, section
 * BREAK before every line but the first}}, BULLETS or NUMBERED {section ITEM
 * {TEXT}}. Returns the number of blocks (0: nothing to show).
 */
size_t markup_fill(tmpl_dict *d, const char *marker, struct arena *a, const char *text);

#endif
