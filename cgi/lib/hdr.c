/*
 * hdr: the per-visitor header fragment of shared pages (hdr.h).
 */
#include "hdr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cache.h"
#include "sess.h"
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

int
hdr_fragment_key(const struct req *rq, char out[8 + HDR_KEY_LEN])
{
	const char *key = hdr_cookie(rq);

	return key != NULL ? hdr_cache_key(key, out) : -1;
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

int
hdr_wanted(const struct req *rq)
{
	return hdr_cookie(rq) != NULL || req_cookie(rq, SESS_COOKIE) != NULL ||
	       req_cookie(rq, SESS_COOKIE_SECURE) != NULL || hdr_count_cookie(rq) > 0;
}

long long
hdr_count_cookie(const struct req *rq)
{
	const char *v = req_cookie(rq, HDR_COUNT_COOKIE);
	long long n = 0;
	size_t i;

	if (v == NULL || v[0] == '\0' || strlen(v) > 3 || (v[0] == '0' && v[1] != '\0'))
		return -1;
	for (i = 0; v[i]; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		n = n * 10 + (v[i] - '0');
	}
	return n;
}

void
hdr_set_count(struct req *rq, struct resp *rs, long long count)
{
	char v[24];
	long long have = hdr_count_cookie(rq);
	int flags = RESP_COOKIE_HTTPONLY | (rq->https ? RESP_COOKIE_SECURE : 0);

	if (count < 0 || count > HDR_COUNT_MAX) {
		if (req_cookie(rq, HDR_COUNT_COOKIE) != NULL)
			resp_cookie(rs, HDR_COUNT_COOKIE, "", 0, flags);
		return;
	}
	if (have == count)
		return;
	snprintf(v, sizeof v, "%lld", count);
	resp_cookie(rs, HDR_COUNT_COOKIE, v, HDR_COOKIE_MAX_AGE, flags);
	rs->cache = RESP_NO_STORE;
}

int
hdr_fill(struct req *rq, struct buf *body, hdr_draw_fn draw)
{
	static const char begin[] = HDR_SSI_BEGIN, end[] = HDR_SSI_END;
	char k[8 + HDR_KEY_LEN];
	const char *b, *e, *key;
	char *cached = NULL;
	size_t cached_len = 0;
	struct buf out;

	if (body->len == 0 || draw == NULL)
		return 0;
	b = memmem(body->data, body->len, begin, sizeof begin - 1);
	if (b == NULL)
		return 0;
	e = memmem(b, body->len - (size_t)(b - body->data), end, sizeof end - 1);
	if (e == NULL || !hdr_wanted(rq))
		return 0;
	e += sizeof end - 1;
	buf_init(&out);
	buf_add(&out, body->data, (size_t)(b - body->data));
	key = hdr_cookie(rq);
	if (key != NULL && hdr_cache_key(key, k) == 0)
		cached = cache_get(k, &cached_len);
	if (cached != NULL) {
		buf_add(&out, cached, cached_len);
		free(cached);
	} else if (draw(rq, &out) != 0) {
		buf_free(&out);
		return -1;
	}
	buf_add(&out, e, body->len - (size_t)(e - body->data));
	buf_free(body);
	*body = out;
	return 1;
}
