/*
 * hdr: the per-visitor header fragment of shared pages (hdr.h).
 */
#include "hdr.h"

#include <stdio.h>
#include <string.h>

#include "cache.h"
#include "token.h"

#define HDR_COOKIE_MAX_AGE	(365 * 24 * 3600)

const char *
hdr_cookie(const struct req *rq)
{
	const char *k = req_cookie(rq, HDR_COOKIE);

	return token_hex_valid(k, HDR_KEY_LEN) ? k : NULL;
}

void
hdr_set_cookie(struct req *rq, struct resp *rs, const char *key)
{
	size_t i;
	int replaced = 0;

	if (key != NULL && !token_hex_valid(key, HDR_KEY_LEN))
		return;
	resp_cookie(rs, HDR_COOKIE, key ? key : "", key ? HDR_COOKIE_MAX_AGE : 0,
		    RESP_COOKIE_HTTPONLY | (rq->https ? RESP_COOKIE_SECURE : 0));
	/* Later steps of this request see the new value. */
	for (i = 0; i < rq->cookies.n; i++)
		if (strcmp(rq->cookies.items[i].key, HDR_COOKIE) == 0) {
			rq->cookies.items[i].val = arena_strdup(&rq->arena, key ? key : "");
			rq->cookies.items[i].len = key ? HDR_KEY_LEN : 0;
			replaced = 1;
		}
	if (!replaced && key)
		kvlist_add(&rq->arena, &rq->cookies, HDR_COOKIE, arena_strdup(&rq->arena, key), HDR_KEY_LEN);
	rs->cache = RESP_NO_STORE;
}

void
hdr_clear_cookie(const struct req *rq, struct resp *rs)
{
	if (req_cookie(rq, HDR_COOKIE) == NULL)
		return;
	resp_cookie(rs, HDR_COOKIE, "", 0, RESP_COOKIE_HTTPONLY | (rq->https ? RESP_COOKIE_SECURE : 0));
}

/* The memcached key of a fragment (the client adds the "bz:" namespace). */
static int
hdr_cache_key(const char *key, char out[8 + HDR_KEY_LEN])
{
	if (!token_hex_valid(key, HDR_KEY_LEN))
		return -1;
	snprintf(out, 8 + HDR_KEY_LEN, "hd:%s", key);
	return 0;
}

void
hdr_store(const char *key, const char *html, size_t len)
{
	char k[8 + HDR_KEY_LEN];

	if (hdr_cache_key(key, k) == 0)
		cache_set(k, html, len, HDR_TTL);
}

void
hdr_forget(const char *key)
{
	char k[8 + HDR_KEY_LEN];

	if (hdr_cache_key(key, k) == 0)
		cache_delete(k);
}
