/*
 * cache: memcached through libmemcached, an optimisation only.
 *
 * One memcached_st per process, made after fork from BAZAAR_MEMCACHED.
 * Without that setting caching is off and every call is a miss. Any answer
 * other than SUCCESS or NOTFOUND is treated as a miss and logged, at most
 * once every few seconds so a dead server cannot flood the log.
 *
 * Generations ("gen:<family>") start from the clock in microseconds, so a
 * counter that memcached lost (eviction, restart) comes back larger than any
 * value it ever had and old keys stay dead.
 */
#include "cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <libmemcached/memcached.h>

#include "cfg.h"
#include "log.h"

#define CACHE_LOG_EVERY	5	/* seconds between two error lines */
#define CACHE_KEY_MAX	200	/* memcached allows 250 with the namespace */

static memcached_st *cache_mc;

/* Logs a failed call, rate-limited; counts what it leaves out. */
static void cache_log(const char *op, const char *key, memcached_return_t rc)
{
	static time_t last;
	static unsigned skipped;
	time_t now = time(NULL);

	if (now - last < CACHE_LOG_EVERY) {
		skipped++;
		return;
	}
	log_error("cache.error", "op=%s key=%s msg=%s skipped=%u", op, log_quote(key),
		  log_quote(memcached_strerror(cache_mc, rc)), skipped);
	last = now;
	skipped = 0;
}

/* memcached's text protocol ends a key at a space or control byte: such a
 * key could smuggle a second command, so it is never sent. */
static int cache_key_ok(const char *key)
{
	size_t n = key ? strlen(key) : 0;
	if (n == 0 || n > CACHE_KEY_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)key[i];
		if (c <= ' ' || c == 0x7f)
			return 0;
	}
	return 1;
}

/* A value read with the generations (cache_gen_prefetch_value), for the
 * request's one cache_get of it. */
static char *cache_pre_key, *cache_pre_value;
static size_t cache_pre_len;

static void cache_pre_drop(void)
{
	free(cache_pre_key);
	free(cache_pre_value);
	cache_pre_key = cache_pre_value = NULL;
	cache_pre_len = 0;
}

static int cache_pre_take(const char *key, char **out, size_t *len);

/* Ready to talk to memcached about key (logs a refused key). */
static int cache_usable(const char *op, const char *key)
{
	if (!cache_mc)
		return 0;
	if (!cache_key_ok(key)) {
		log_warn("cache.key", "op=%s key=%s msg=%s", op, log_quote(key),
			 log_quote("key refused"));
		return 0;
	}
	return 1;
}

int cache_init(void)
{
	const char *config = cfg_str("BAZAAR_MEMCACHED", NULL);
	char err[256];

	cache_close();
	/* libmemcached's parser rejects trailing blanks, which a config file
	 * line easily has. */
	size_t len = config ? strlen(config) : 0;
	while (len > 0 && (config[len - 1] == ' ' || config[len - 1] == '\t' ||
			   config[len - 1] == '\n' || config[len - 1] == '\r'))
		len--;
	if (len == 0) {
		log_info("cache.init", "msg=%s", log_quote("BAZAAR_MEMCACHED unset: caching off"));
		return 0;
	}
	if (libmemcached_check_configuration(config, len, err, sizeof err)
	    != MEMCACHED_SUCCESS) {
		log_error("cache.init", "config=%s msg=%s", log_quote(config), log_quote(err));
		return -1;
	}
	cache_mc = memcached(config, len);
	if (!cache_mc) {
		log_error("cache.init", "config=%s msg=%s", log_quote(config),
			  log_quote("cannot create client"));
		return -1;
	}
	return 0;
}

void cache_close(void)
{
	if (cache_mc)
		memcached_free(cache_mc);
	cache_mc = NULL;
	cache_gen_forget();
}

int cache_enabled(void)
{
	return cache_mc != NULL;
}

char *cache_get(const char *key, size_t *len)
{
	size_t vlen = 0;
	uint32_t flags = 0;
	memcached_return_t rc;

	if (len)
		*len = 0;
	if (!cache_usable("get", key))
		return NULL;
	char *pre;
	if (cache_pre_take(key, &pre, len))
		return pre;
	char *v = memcached_get(cache_mc, key, strlen(key), &vlen, &flags, &rc);
	if (rc != MEMCACHED_SUCCESS) {
		if (rc != MEMCACHED_NOTFOUND)
			cache_log("get", key, rc);
		free(v);
		return NULL;
	}
	/* A copy from our own malloc, NUL-terminated, whatever the client did. */
	char *copy = malloc(vlen + 1);
	if (!copy)
		abort();
	if (vlen)
		memcpy(copy, v, vlen);
	copy[vlen] = '\0';
	free(v);
	if (len)
		*len = vlen;
	return copy;
}

int cache_set(const char *key, const char *value, size_t len, time_t ttl)
{
	if (cache_pre_key != NULL && strcmp(cache_pre_key, key) == 0)
		cache_pre_drop();
	if (!cache_usable("set", key))
		return -1;
	memcached_return_t rc = memcached_set(cache_mc, key, strlen(key), value, len,
					      ttl, 0);
	if (rc != MEMCACHED_SUCCESS) {
		cache_log("set", key, rc);
		return -1;
	}
	return 0;
}

int cache_delete(const char *key)
{
	if (cache_pre_key != NULL && strcmp(cache_pre_key, key) == 0)
		cache_pre_drop();
	if (!cache_mc)
		return 0;	/* nothing is cached, so nothing is stale */
	if (!cache_usable("delete", key))
		return -1;
	memcached_return_t rc = memcached_delete(cache_mc, key, strlen(key), 0);
	if (rc != MEMCACHED_SUCCESS && rc != MEMCACHED_NOTFOUND) {
		cache_log("delete", key, rc);
		return -1;
	}
	return 0;
}

static unsigned long long cache_clock_us(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (unsigned long long)tv.tv_sec * 1000000ULL + (unsigned long long)tv.tv_usec;
}

/* "gen:<family>", cut to size as snprintf would; without snprintf, as a
 * request asks for a generation a dozen times. */
static void cache_gen_key(char *key, size_t size, const char *family)
{
	size_t n = family ? strlen(family) : 0;

	if (n > size - 5)
		n = size - 5;
	memcpy(key, "gen:", 4);
	if (n > 0)
		memcpy(key + 4, family, n);
	key[4 + n] = '\0';
}

/* Stores a fresh clock seed unless another worker got there first.
 * Returns MEMCACHED_SUCCESS, MEMCACHED_NOTSTORED (it exists) or an error. */
static memcached_return_t cache_gen_seed(const char *key, unsigned long long *seed)
{
	char num[32];
	*seed = cache_clock_us();
	int n = snprintf(num, sizeof num, "%llu", *seed);
	return memcached_add(cache_mc, key, strlen(key), num, (size_t)n, 0, 0);
}

/* The generations read by cache_gen_prefetch for the current request. */
#define CACHE_MEMO	4
static struct cache_memo {
	char key[CACHE_KEY_MAX + 1];
	unsigned long long gen;
} cache_memo[CACHE_MEMO];
static size_t cache_memo_n;
/* Within a request (cache_gen_keep): the program's families, read together
 * on the first cache_gen that the memo cannot answer. */
static const char *const *cache_keep_families;
static int cache_keep_on, cache_keep_fetched;

void cache_gen_forget(void)
{
	cache_pre_drop();
	cache_memo_n = 0;
	cache_keep_on = 0;
	cache_keep_families = NULL;
}

void cache_gen_keep(const char *const *families)
{
	cache_memo_n = 0;
	cache_keep_on = 1;
	cache_keep_fetched = 0;
	cache_keep_families = families;
}

/* Keeps a generation read alone, for the rest of the request. */
static void cache_memo_add(const char *key, unsigned long long gen)
{
	if (!cache_keep_on || cache_memo_n >= CACHE_MEMO || strlen(key) > CACHE_KEY_MAX)
		return;
	strcpy(cache_memo[cache_memo_n].key, key);
	cache_memo[cache_memo_n++].gen = gen;
}

/* Drops one family's generation from the memo (it was bumped). */
static void cache_memo_drop(const char *key)
{
	for (size_t i = 0; i < cache_memo_n; i++)
		if (strcmp(cache_memo[i].key, key) == 0) {
			cache_memo[i] = cache_memo[--cache_memo_n];
			return;
		}
}

/*
 * One round trip: the generations of families (into the memo) and, when
 * key is not NULL, key's value (returned as cache_get does, else NULL).
 */
static char *cache_mget(const char *const *families, size_t n, const char *key, size_t *len)
{
	char keys[CACHE_MEMO][CACHE_KEY_MAX + 1];
	const char *kp[CACHE_MEMO + 1];
	size_t lens[CACHE_MEMO + 1], k = 0, nk;
	memcached_result_st *res;
	memcached_return_t rc;
	char *value = NULL;

	cache_memo_n = 0;
	cache_keep_fetched = 1;
	if (len)
		*len = 0;
	if (!cache_mc)
		return NULL;
	for (size_t i = 0; i < n && k < CACHE_MEMO; i++) {
		cache_gen_key(keys[k], sizeof keys[k], families[i]);
		if (!cache_usable("gen", keys[k]))
			continue;
		kp[k] = keys[k];
		lens[k] = strlen(keys[k]);
		k++;
	}
	nk = k;
	if (key != NULL && cache_usable("get", key)) {
		kp[nk] = key;
		lens[nk] = strlen(key);
		nk++;
	}
	if (nk == 0)
		return NULL;
	rc = memcached_mget(cache_mc, kp, lens, nk);
	if (rc != MEMCACHED_SUCCESS) {
		cache_log("mget", kp[0], rc);
		return NULL;
	}
	/* Every answer is read, or the next command would see the rest. The
	 * client gives keys back without its namespace; one that matches none
	 * asked for is left out, and cache_gen asks for it alone. */
	while ((res = memcached_fetch_result(cache_mc, NULL, &rc)) != NULL) {
		const char *rkey = memcached_result_key_value(res);
		size_t klen = memcached_result_key_length(res), vlen = memcached_result_length(res);
		char num[32];

		if (nk > k && value == NULL && klen == lens[k] && memcmp(rkey, kp[k], klen) == 0) {
			/* A copy from our own malloc, NUL-terminated. */
			if ((value = malloc(vlen + 1)) == NULL)
				abort();
			if (vlen)
				memcpy(value, memcached_result_value(res), vlen);
			value[vlen] = '\0';
			if (len)
				*len = vlen;
			memcached_result_free(res);
			continue;
		}
		for (size_t i = 0; i < k; i++) {
			if (klen != lens[i] || memcmp(rkey, kp[i], klen) != 0 || vlen == 0 ||
			    vlen >= sizeof num || cache_memo_n >= CACHE_MEMO)
				continue;
			memcpy(num, memcached_result_value(res), vlen);
			num[vlen] = '\0';
			memcpy(cache_memo[cache_memo_n].key, kp[i], klen + 1);
			cache_memo[cache_memo_n++].gen = strtoull(num, NULL, 10);
			break;
		}
		memcached_result_free(res);
	}
	if (rc != MEMCACHED_END && rc != MEMCACHED_SUCCESS && rc != MEMCACHED_NOTFOUND)
		cache_log("mget", kp[0], rc);
	return value;
}

void cache_gen_prefetch(const char *const *families, size_t n)
{
	cache_mget(families, n, NULL, NULL);
}

void cache_gen_prefetch_value(const char *const *families, size_t n, const char *key)
{
	cache_pre_drop();
	if (key == NULL || !cache_mc || !cache_key_ok(key)) {
		cache_mget(families, n, NULL, NULL);
		return;
	}
	cache_pre_value = cache_mget(families, n, key, &cache_pre_len);
	if ((cache_pre_key = strdup(key)) == NULL) {
		free(cache_pre_value);
		cache_pre_value = NULL;
	}
}

/* The prefetched value of key, taken (1: *out is it, NULL when memcached
 * did not have it), or 0 when key was not prefetched. */
static int cache_pre_take(const char *key, char **out, size_t *len)
{
	if (cache_pre_key == NULL || strcmp(cache_pre_key, key) != 0)
		return 0;
	*out = cache_pre_value;
	if (len)
		*len = cache_pre_value ? cache_pre_len : 0;
	cache_pre_value = NULL;
	cache_pre_drop();
	return 1;
}

char *cache_get_with_gens(const char *key, size_t *len)
{
	size_t n = 0;

	if (cache_keep_on && cache_keep_families != NULL)
		while (cache_keep_families[n] != NULL && n < CACHE_MEMO)
			n++;
	if (n == 0 || !cache_keep_on || cache_keep_fetched)
		return cache_get(key, len);
	return cache_mget(cache_keep_families, n, key, len);
}

unsigned long long cache_gen(const char *family)
{
	char key[CACHE_KEY_MAX + 1];
	unsigned long long gen = 0;

	cache_gen_key(key, sizeof key, family);
	if (!cache_usable("gen", key))
		return 0;
	for (size_t i = 0; i < cache_memo_n; i++)
		if (strcmp(cache_memo[i].key, key) == 0)
			return cache_memo[i].gen;
	if (cache_keep_on && !cache_keep_fetched && cache_keep_families != NULL) {
		/* The first generation this request needs: the program's
		 * families come with it, in one round trip. */
		const char *families[CACHE_MEMO];
		size_t n = 0;
		int listed = 0;

		for (const char *const *f = cache_keep_families; *f != NULL && n < CACHE_MEMO - 1; f++) {
			families[n++] = *f;
			listed |= strcmp(*f, family) == 0;
		}
		if (!listed)
			families[n++] = family;
		cache_gen_prefetch(families, n);
		for (size_t i = 0; i < cache_memo_n; i++)
			if (strcmp(cache_memo[i].key, key) == 0)
				return cache_memo[i].gen;
	}
	/* Two rounds: a miss, then a lost race to add, then the winner's value. */
	for (int round = 0; round < 2; round++) {
		char *v = cache_get(key, NULL);
		if (v) {
			gen = strtoull(v, NULL, 10);
			free(v);
			cache_memo_add(key, gen);
			return gen;
		}
		memcached_return_t rc = cache_gen_seed(key, &gen);
		if (rc == MEMCACHED_SUCCESS) {
			cache_memo_add(key, gen);
			return gen;
		}
		if (rc != MEMCACHED_NOTSTORED && rc != MEMCACHED_DATA_EXISTS) {
			cache_log("gen", key, rc);
			break;
		}
	}
	/* No answer: a never-used generation, so nothing stale can be read. */
	return cache_clock_us();
}

int cache_bump(const char *family)
{
	char key[CACHE_KEY_MAX + 1];
	uint64_t value = 0;
	unsigned long long seed;

	cache_gen_key(key, sizeof key, family);
	cache_memo_drop(key);
	if (!cache_mc)
		return 0;	/* nothing is cached, so nothing is stale */
	if (!cache_usable("bump", key))
		return -1;
	for (int round = 0; round < 2; round++) {
		memcached_return_t rc = memcached_increment(cache_mc, key, strlen(key), 1, &value);
		if (rc == MEMCACHED_SUCCESS)
			return 0;
		if (rc != MEMCACHED_NOTFOUND) {
			cache_log("bump", key, rc);
			return -1;
		}
		rc = cache_gen_seed(key, &seed);
		if (rc == MEMCACHED_SUCCESS)
			return 0;
		if (rc != MEMCACHED_NOTSTORED && rc != MEMCACHED_DATA_EXISTS) {
			cache_log("bump", key, rc);
			return -1;
		}
	}
	return -1;
}
