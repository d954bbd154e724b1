/*
 * json: jansson with the shop's string and output rules (see json.h).
 */
#include "json.h"

#include <stdint.h>
#include <stdlib.h>

#include "text.h"

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

int
json_buf_text(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t before = out->len, start, i, n;
	char seq[7] = "\\u00";
	const char *esc;

	if (s == NULL) {
		buf_adds(out, "null");
		return 0;
	}
	buf_addc(out, '"');
	for (i = start = 0; s[i] != '\0'; i += n) {
		unsigned char c = (unsigned char)s[i];

		n = 1;
		if (c >= 0x80) {
			if ((n = text_utf8_char(s + i, 4, NULL)) == 0) {
				out->len = before;
				out->data[before] = '\0';
				return -1;
			}
			continue;
		}
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		/* As json_append writes them (json_to_buf). */
		case '<': esc = "\\u003c"; break;
		case '>': esc = "\\u003e"; break;
		case '&': esc = "\\u0026"; break;
		default:
			if (c >= 0x20)
				continue;
			/* jansson's "\\u%04X" */
			seq[4] = hex[c >> 4];
			seq[5] = hex[c & 0xf];
			esc = seq;
			break;
		}
		buf_add(out, s + start, i - start);
		buf_adds(out, esc);
		start = i + 1;
	}
	buf_add(out, s + start, i - start);
	buf_addc(out, '"');
	return 0;
}
