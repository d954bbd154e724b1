/*
 * text: trimming, tidying and counting what a visitor typed (see text.h).
 */
#include "text.h"

#include <string.h>

static int
text_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

char *
text_trim(struct arena *a, const char *s)
{
	const char *end;

	if (s == NULL)
		return arena_strdup(a, "");
	while (text_space(*s))
		s++;
	end = s + strlen(s);
	while (end > s && text_space(end[-1]))
		end--;
	return arena_strndup(a, s, (size_t)(end - s));
}

char *
text_tidy(struct arena *a, const char *s, unsigned flags)
{
	char *out, *o;

	if (s == NULL)
		return arena_strdup(a, "");
	out = o = arena_alloc(a, strlen(s) + 1);
	for (; *s; s++) {
		char c = *s;

		if (c == '\r') {
			if (s[1] == '\n')
				continue;	/* the LF that follows stands for both */
			c = '\n';
		}
		if (c == '\t' || (c == '\n' && !(flags & TEXT_MULTILINE)))
			c = ' ';
		if (c == ' ' && (flags & TEXT_SQUEEZE) && o > out && o[-1] == ' ')
			continue;
		*o++ = c;
	}
	*o = '\0';
	while (o > out && text_space(o[-1]))
		*--o = '\0';
	o = out;
	while (text_space(*o))
		o++;
	return o;
}

size_t
text_utf8_char(const char *s, size_t avail, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t v;
	size_t need, i;

	if (avail == 0)
		return 0;
	if (p[0] < 0x80) {
		v = p[0];
		need = 0;
	} else if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		v = p[0] & 0x1f;
		need = 1;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		v = p[0] & 0x0f;
		need = 2;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		v = p[0] & 0x07;
		need = 3;
	} else {
		return 0;
	}
	for (i = 1; i <= need; i++) {
		if (i >= avail || (p[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (p[i] & 0x3f);
	}
	if ((need == 2 && v < 0x800) || (need == 3 && v < 0x10000) || (v >= 0xd800 && v <= 0xdfff) ||
	    v > 0x10ffff)
		return 0;
	if (cp != NULL)
		*cp = v;
	return need + 1;
}

size_t
text_chars_n(const char *s, size_t n)
{
	size_t i, chars = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			chars++;
	return chars;
}

size_t
text_chars(const char *s)
{
	return text_chars_n(s, strlen(s));
}

char *
text_like_contains(struct arena *a, const char *text)
{
	char *out = arena_alloc(a, 2 * strlen(text) + 3), *o = out;

	*o++ = '%';
	for (; *text; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			*o++ = '\\';
		*o++ = *text;
	}
	*o++ = '%';
	*o = '\0';
	return out;
}
