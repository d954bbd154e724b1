/*
 * json: jansson with the shop's string and output rules (see json.h).
 */
#include "json.h"

#include <stdlib.h>

/* Like buf: a worker that cannot allocate aborts (the master replaces it),
 * so no document is ever written short of a member that failed to allocate.
 * Set for jansson as soon as a program that uses this module starts. */
static void *
json_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		abort();
	return p;
}

__attribute__((constructor)) static void
json_init_allocator(void)
{
	json_set_alloc_funcs(json_malloc, free);
}

json_t *
json_text(const char *s)
{
	return s == NULL ? json_null() : json_string(s);
}

/* jansson hands the text over in pieces; '<', '>' and '&' can only occur
 * inside strings, where their \u escapes mean the same. */
static int
json_append(const char *text, size_t size, void *data)
{
	struct buf *out = data;
	size_t i, start = 0;

	for (i = 0; i < size; i++) {
		const char *esc = text[i] == '<' ? "\\u003c" : text[i] == '>' ? "\\u003e" :
				  text[i] == '&' ? "\\u0026" : NULL;

		if (esc == NULL)
			continue;
		buf_add(out, text + start, i - start);
		buf_adds(out, esc);
		start = i + 1;
	}
	buf_add(out, text + start, size - start);
	return 0;
}

static int
json_dump_to(const json_t *v, struct buf *out, size_t flags)
{
	size_t before = out->len;

	if (v == NULL || json_dump_callback(v, json_append, out, flags) != 0) {
		if (out->data) {
			out->len = before;
			out->data[before] = '\0';
		}
		return -1;
	}
	buf_addc(out, '\n');
	return 0;
}

int
json_to_buf(const json_t *v, struct buf *out)
{
	return json_dump_to(v, out, JSON_INDENT(2));
}

int
json_to_buf_compact(const json_t *v, struct buf *out)
{
	return json_dump_to(v, out, JSON_COMPACT);
}
