/*
 * markup: paragraphs and lists of a description. See markup.h.
 */
#include "markup.h"

#include <string.h>

/* The kind of one line, and where its text starts. */
static enum markup_kind
markup_line_kind(const char *line, const char **text)
{
	const char *p = line;

	if ((p[0] == '-' || p[0] == '*') && p[1] == ' ') {
		*text = p + 2;
		return MARKUP_BULLETS;
	}
	while (*p >= '0' && *p <= '9' && p - line < 4)
		p++;
	if (p > line && p[0] == '.' && p[1] == ' ') {
		*text = p + 2;
		return MARKUP_NUMBERED;
	}
	*text = line;
	return MARKUP_PARAGRAPH;
}

static int
markup_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* The line without white space at either end, in the arena. */
static const char *
markup_trimmed(struct arena *a, const char *s, size_t n)
{
	while (n > 0 && markup_space(*s))
		s++, n--;
	while (n > 0 && markup_space(s[n - 1]))
		n--;
	return arena_strndup(a, s, n);
}

/* Appends line to block b (the arrays grow by doubling in the arena). */
static void
markup_add(struct arena *a, struct markup_block *b, size_t *cap, const char *line)
{
	if (b->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 4;
		const char **lines = arena_alloc(a, ncap * sizeof *lines);

		if (b->n)
			memcpy(lines, b->lines, b->n * sizeof *lines);
		b->lines = lines;
		*cap = ncap;
	}
	b->lines[b->n++] = line;
}

struct markup_block *
markup_parse(struct arena *a, const char *text)
{
	struct markup_block *first = NULL, *last = NULL, *cur = NULL, *b;
	const char *p = text ? text : "", *end, *body;
	size_t cap = 0, len;

	while (*p) {
		const char *line;
		enum markup_kind kind;
		int indented;

		end = strchr(p, '\n');
		len = end ? (size_t)(end - p) : strlen(p);
		indented = len > 0 && (p[0] == ' ' || p[0] == '\t');
		line = markup_trimmed(a, p, len);
		p += len + (end ? 1 : 0);
		if (*line == '\0') {		/* a blank line ends the block */
			cur = NULL;
			continue;
		}
		kind = markup_line_kind(line, &body);
		if (cur != NULL && kind == MARKUP_PARAGRAPH && cur->kind != MARKUP_PARAGRAPH && indented) {
			/* An indented line continues the item above it. */
			cur->lines[cur->n - 1] = arena_printf(a, "%s %s", cur->lines[cur->n - 1], line);
			continue;
		}
		if (cur == NULL || cur->kind != kind) {
			b = arena_alloc(a, sizeof *b);
			b->kind = kind;
			if (last != NULL)
				last->next = b;
			else
				first = b;
			last = cur = b;
			cap = 0;
		}
		markup_add(a, cur, &cap, kind == MARKUP_PARAGRAPH ? line : markup_trimmed(a, body, strlen(body)));
	}
	return first;
}

size_t
markup_fill(tmpl_dict *d, const char *marker, struct arena *a, const char *text)
{
	static const char *const names[] = {
		[MARKUP_PARAGRAPH] = "PARAGRAPH", [MARKUP_BULLETS] = "BULLETS", [MARKUP_NUMBERED] = "NUMBERED",
	};
	struct markup_block *b = markup_parse(a, text);
	tmpl_dict *doc, *block, *s, *item;
	size_t blocks = 0, i;

	if (b == NULL)
		return 0;
	doc = tmpl_include(d, marker, MARKUP_TEMPLATE);
	for (; b != NULL; b = b->next, blocks++) {
		block = tmpl_section(doc, "BLOCK");
		s = tmpl_section(block, names[b->kind]);
		for (i = 0; i < b->n; i++) {
			item = tmpl_section(s, b->kind == MARKUP_PARAGRAPH ? "LINE" : "ITEM");
			tmpl_set(item, "TEXT", b->lines[i]);
			if (i > 0 && b->kind == MARKUP_PARAGRAPH)
				tmpl_show(item, "BREAK");
		}
	}
	return blocks;
}
