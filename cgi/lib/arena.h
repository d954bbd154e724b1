/*
 * arena: per-request memory. Everything a request allocates while parsing and
 * handling comes from its arena and is released at once when the request ends,
 * so handlers never free strings one by one.
 */
#ifndef BAZAAR_ARENA_H
#define BAZAAR_ARENA_H
#include <stddef.h>

struct arena_block;
struct arena {
	struct arena_block *head;
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);		/* zeroed, 16-aligned */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
