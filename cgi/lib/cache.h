/*
 * cache: memcached through libmemcached, an optimisation only.
 * Every error is a miss plus a log line; nothing here can fail a page.
 *
 * Keys are namespaced by the client (BAZAAR_MEMCACHED's --NAMESPACE, "bz:"
 * by default). Pages with many variants use generation-versioned keys:
 *   cache_gen("cat")  -> current generation of the "cat" family
 *   cache_bump("cat") -> every key built with the old generation is dead
 * A missing generation is seeded from the clock, so a lost counter can never
 * bring an old generation (and its stale pages) back.
 */
#ifndef BAZAAR_CACHE_H
#define BAZAAR_CACHE_H
#include <stddef.h>
#include <time.h>

/* Connects with BAZAAR_MEMCACHED (a libmemcached config string). Call after
 * fork. Returns 0, or -1 if the config string is bad (caching disabled). */
int cache_init(void);
void cache_close(void);
int cache_enabled(void);
/* Returns a malloc'd copy (NUL-terminated) or NULL on miss or error. */
char *cache_get(const char *key, size_t *len);
int cache_set(const char *key, const char *value, size_t len, time_t ttl);
int cache_delete(const char *key);
unsigned long long cache_gen(const char *family);
/* Reads the generations of up to four families in one round trip
 * (memcached_mget) and keeps them for the current request: cache_gen then
 * answers them without asking memcached, until cache_gen_forget, the next
 * prefetch, or a cache_bump of the family. A family memcached did not have
 * is left to cache_gen (which seeds it). The dispatcher forgets them at the
 * start and end of every request, so a generation is never older than the
 * request that reads it. */
void cache_gen_prefetch(const char *const *families, size_t n);
/* The same, reading key's value in the same round trip: the request's
 * next cache_get of key answers from it (a miss included), unless the
 * request set or deleted key first. Forgotten with the generations. */
void cache_gen_prefetch_value(const char *const *families, size_t n, const char *key);
void cache_gen_forget(void);
/* For the request that starts (the dispatcher calls it after
 * cache_gen_forget): cache_gen keeps what it reads until the next
 * cache_gen_forget, and the first generation the memo cannot answer is
 * read together with families' (NULL-terminated, at most three; NULL for
 * none), so a request asks memcached for its generations once. Outside a
 * request (jobs) every cache_gen asks memcached. */
void cache_gen_keep(const char *const *families);
/* cache_get, in the same round trip as the request's generations when
 * none has been read yet (cache_gen_keep's families): a page stored with
 * the generations it was drawn at is read and checked at the cost of one
 * round trip. */
char *cache_get_with_gens(const char *key, size_t *len);
/* Returns 0, or -1 when memcached could not be told (logged): pages of the
 * family may then be served stale until their TTL. With caching off, 0. */
int cache_bump(const char *family);

#endif
