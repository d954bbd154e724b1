/*
 * text: what every program does to the text a visitor typed before it checks
 * or stores it: trimming, tidying white space and line breaks, and counting
 * characters (not bytes) against a field's limit. Plain functions on
 * NUL-terminated UTF-8 (the router has already refused invalid UTF-8 and
 * control characters); results live in the request's arena.
 */
#ifndef BAZAAR_TEXT_H
#define BAZAAR_TEXT_H
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* s without white space (space, tab, CR, LF) at either end, copied into the
 * arena; "" for NULL. */
char *text_trim(struct arena *a, const char *s);

#define TEXT_MULTILINE	1u	/* keep line breaks (as LF) */
#define TEXT_SQUEEZE	2u	/* each run of spaces becomes one space */
/*
 * s tidied into the arena ("" for NULL): every line break (CRLF, CR or LF)
 * becomes LF with TEXT_MULTILINE, else a space; a tab becomes a space; with
 * TEXT_SQUEEZE each run of spaces becomes one; then white space at either
 * end goes.
 */
char *text_tidy(struct arena *a, const char *s, unsigned flags);

/* The length (1..4) of the well-formed UTF-8 sequence at s, reading at most
 * avail bytes, with its code point in *cp when cp is not NULL; 0 when the
 * bytes are not one (a stray byte, a cut sequence, an overlong form, a
 * surrogate, a value past U+10FFFF). A NUL ends a sequence, so a string
 * may be read with avail 4. */
size_t text_utf8_char(const char *s, size_t avail, uint32_t *cp);
/* Characters (UTF-8 code points) in s: the bytes that do not continue a
 * sequence. */
size_t text_chars(const char *s);
/* The same for the n bytes at s. */
size_t text_chars_n(const char *s, size_t n);
/* The LIKE pattern that finds text anywhere in a column, in the arena:
 * "%<text>%" with its '%', '_' and '\' taken literally (escaped with a
 * backslash, LIKE's default escape character). */
char *text_like_contains(struct arena *a, const char *text);

#endif
