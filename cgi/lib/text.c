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
