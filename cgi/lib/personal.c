/*
 * personal: recently viewed products, interests and the personalisation
 * setting (personal.h).
 */
#include "personal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "sess.h"

#define PERSONAL_COOKIE_MAX_AGE	(30 * 24 * 3600)
#define PERSONAL_STR_(x)	#x
#define PERSONAL_STR(x)		PERSONAL_STR_(x)

size_t
personal_recent_parse(const char *value, long long *ids, size_t max)
{
	size_t n = 0, count = 0, i, digits;
	const char *s = value;

	if (s == NULL || *s == '\0')
		return 0;
	for (;;) {
		long long id = 0;

		if (*s < '1' || *s > '9')
			return 0;
		for (digits = 0; *s >= '0' && *s <= '9'; s++, digits++) {
			if (digits == 18)
				return 0;
			id = id * 10 + (*s - '0');
		}
		if (++count > PERSONAL_RECENT_MAX)
			return 0;	/* more ids than nginx accepts */
		for (i = 0; i < n && ids[i] != id; i++)
			;
		if (i == n && n < max)
			ids[n++] = id;
		if (*s == '\0')
			break;
		if (*s != '.' || s[1] == '\0')
			return 0;
		s++;
	}
	return n;
}

size_t
personal_recent_cookie(const struct req *rq, long long *ids, size_t max)
{
	/* As nginx's map: a browser with personalisation off has no list. */
	if (req_cookie(rq, PERSONAL_OFF_COOKIE) != NULL && *req_cookie(rq, PERSONAL_OFF_COOKIE))
		return 0;
	return personal_recent_parse(req_cookie(rq, PERSONAL_COOKIE), ids, max);
}

int
personal_recent_format(const long long *ids, size_t n, char *out, size_t outsz)
{
	size_t len = 0, i;
	int w;

	if (outsz == 0)
		return -1;
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (ids[i] <= 0)
			return -1;
		w = snprintf(out + len, outsz - len, "%s%lld", i ? "." : "", ids[i]);
		if (w < 0 || (size_t)w >= outsz - len)
			return -1;
		len += (size_t)w;
	}
	return 0;
}

size_t
personal_recent_push(long long *ids, size_t n, size_t max, long long id)
{
	size_t i, j;

	if (max == 0)
		return 0;
	for (i = 0, j = 0; i < n; i++)
		if (ids[i] != id)
			ids[j++] = ids[i];
	n = j < max ? j : max - 1;
	memmove(ids + 1, ids, n * sizeof *ids);
	ids[0] = id;
	return n + 1;
}

/* Replaces or adds a cookie of the request, so later steps see it. */
static void
personal_request_cookie(struct req *rq, const char *name, const char *value)
{
	size_t i, len = strlen(value);
	int replaced = 0;

	for (i = 0; i < rq->cookies.n; i++)
		if (strcmp(rq->cookies.items[i].key, name) == 0) {
			rq->cookies.items[i].val = arena_strdup(&rq->arena, value);
			rq->cookies.items[i].len = len;
			replaced = 1;
		}
	if (!replaced && len > 0)
		kvlist_add(&rq->arena, &rq->cookies, name, arena_strdup(&rq->arena, value), len);
}

void
personal_recent_set_cookie(struct req *rq, struct resp *rs, const long long *ids, size_t n)
{
	char v[PERSONAL_COOKIE_MAX + 1];
	int flags = rq->https ? RESP_COOKIE_SECURE : 0;

	if (n > PERSONAL_RECENT_MAX)
		n = PERSONAL_RECENT_MAX;
	if (n == 0 || personal_recent_format(ids, n, v, sizeof v) != 0) {
		if (req_cookie(rq, PERSONAL_COOKIE) != NULL) {
			resp_cookie(rs, PERSONAL_COOKIE, "", 0, flags);
			personal_request_cookie(rq, PERSONAL_COOKIE, "");
		}
		return;
	}
	resp_cookie(rs, PERSONAL_COOKIE, v, PERSONAL_COOKIE_MAX_AGE, flags);
	personal_request_cookie(rq, PERSONAL_COOKIE, v);
	rs->cache = RESP_NO_STORE;
}

void
personal_off_cookie(struct req *rq, struct resp *rs, int off)
{
	int flags = rq->https ? RESP_COOKIE_SECURE : 0;

	if (off) {
		resp_cookie(rs, PERSONAL_OFF_COOKIE, "1", 365 * 24 * 3600, flags);
		personal_request_cookie(rq, PERSONAL_OFF_COOKIE, "1");
	} else if (req_cookie(rq, PERSONAL_OFF_COOKIE) != NULL) {
		resp_cookie(rs, PERSONAL_OFF_COOKIE, "", 0, flags);
		personal_request_cookie(rq, PERSONAL_OFF_COOKIE, "");
	}
	rs->cache = RESP_NO_STORE;
}

/* The memcached key of a strip (the client adds the "bz:" namespace):
 * only for a value nginx would look up too. */
static int
personal_cache_key(const char *value, char *out, size_t outsz)
{
	long long ids[PERSONAL_RECENT_MAX];

	if (personal_recent_parse(value, ids, PERSONAL_RECENT_MAX) == 0 ||
	    strlen(value) > PERSONAL_COOKIE_MAX)
		return -1;
	snprintf(out, outsz, "rv:%s", value);
	return 0;
}

char *
personal_recent_cached(const char *value, size_t *len)
{
	char k[PERSONAL_COOKIE_MAX + 8];

	if (personal_cache_key(value, k, sizeof k) != 0)
		return NULL;
	return cache_get(k, len);
}

void
personal_recent_store(const char *value, const char *html, size_t len)
{
	char k[PERSONAL_COOKIE_MAX + 8];

	if (personal_cache_key(value, k, sizeof k) == 0)
		cache_set(k, html, len, PERSONAL_RECENT_TTL);
}

int
personal_enabled(long long user_id)
{
	long long v = db_scalar(-1, "SELECT personalise FROM users WHERE id = ?", "i", user_id);

	return v < 0 ? -1 : v != 0;
}

static int
personal_set_enabled_tx(void *arg)
{
	const long long *a = arg;

	if (db_exec("UPDATE users SET personalise = ? WHERE id = ?", "ii", a[1], a[0]) < 0)
		return -1;
	if (a[1] == 0 && db_exec("DELETE FROM recently_viewed WHERE user_id = ?", "i", a[0]) < 0)
		return -1;
	return 0;
}

int
personal_set_enabled(long long user_id, int on)
{
	long long a[2] = { user_id, on ? 1 : 0 };

	if (db_tx(personal_set_enabled_tx, a) != 0) {
		log_error("personal.setting", "user=%lld", user_id);
		return -1;
	}
	log_info("personal.setting", "user=%lld personalise=%d", user_id, on ? 1 : 0);
	/* Sessions carry the setting (struct sess): read them again. */
	sess_user_changed(user_id);
	return 0;
}

struct personal_record {
	long long user_id;
	const long long *ids;
	size_t n;
};

static int
personal_record_tx(void *arg)
{
	const struct personal_record *p = arg;
	time_t now = clock_now();
	char at[24];
	size_t i;

	/* Newest first: the first id gets the latest second. */
	for (i = 0; i < p->n; i++) {
		clock_datetime(now - (time_t)i, at, sizeof at);
		if (db_exec("INSERT INTO recently_viewed (user_id, product_id, viewed_at)"
			    " SELECT ?, id, ? FROM products WHERE id = ?"
			    " ON DUPLICATE KEY UPDATE viewed_at = GREATEST(viewed_at, VALUES(viewed_at))",
			    "isi", p->user_id, at, p->ids[i]) < 0)
			return -1;
	}
	/* Only the latest PERSONAL_KEEP stay. */
	if (db_exec("DELETE rv FROM recently_viewed rv JOIN"
		    " (SELECT product_id FROM recently_viewed WHERE user_id = ?"
		    "  ORDER BY viewed_at DESC, product_id DESC LIMIT 1000 OFFSET " PERSONAL_STR(PERSONAL_KEEP) ") old"
		    " ON old.product_id = rv.product_id WHERE rv.user_id = ?",
		    "ii", p->user_id, p->user_id) < 0)
		return -1;
	return 0;
}

int
personal_recent_record(long long user_id, const long long *ids, size_t n)
{
	struct personal_record p = { user_id, ids, n };

	if (user_id <= 0 || n == 0)
		return 0;
	if (db_tx(personal_record_tx, &p) != 0) {
		log_error("personal.record", "user=%lld", user_id);
		return -1;
	}
	return 0;
}

int
personal_recent_load(long long user_id, long long *ids, size_t max)
{
	struct db_result *r;
	size_t n = 0;

	r = db_query("SELECT product_id FROM recently_viewed WHERE user_id = ?"
		     " ORDER BY viewed_at DESC, product_id DESC LIMIT " PERSONAL_STR(PERSONAL_KEEP), "i", user_id);
	if (r == NULL)
		return -1;
	while (n < max && db_next(r))
		ids[n++] = db_int(r, 0);
	db_free(r);
	return (int)n;
}

int
personal_recent_clear(long long user_id)
{
	return db_exec("DELETE FROM recently_viewed WHERE user_id = ?", "i", user_id) < 0 ? -1 : 0;
}

void
personal_login(struct req *rq, struct resp *rs, long long user_id)
{
	long long browser[PERSONAL_RECENT_MAX], account[PERSONAL_RECENT_MAX], merged[PERSONAL_RECENT_MAX];
	size_t nb = personal_recent_cookie(rq, browser, PERSONAL_RECENT_MAX), nm = 0, i;
	int na, on = personal_enabled(user_id);

	if (on != 1) {
		personal_recent_set_cookie(rq, rs, NULL, 0);
		personal_off_cookie(rq, rs, 1);
		return;
	}
	personal_off_cookie(rq, rs, 0);
	if (nb > 0)
		personal_recent_record(user_id, browser, nb);
	na = personal_recent_load(user_id, account, PERSONAL_RECENT_MAX);
	if (na < 0)
		return;
	/* The browser's own views first, then the account's. */
	for (i = (size_t)na; i > 0; i--)
		nm = personal_recent_push(merged, nm, PERSONAL_RECENT_MAX, account[i - 1]);
	for (i = nb; i > 0; i--)
		nm = personal_recent_push(merged, nm, PERSONAL_RECENT_MAX, browser[i - 1]);
	personal_recent_set_cookie(rq, rs, merged, nm);
}

/* Adds the category (with its top) as an interest unless it is one
 * already; the new count. */
static size_t
personal_interest_add(struct personal_interest *out, size_t n, size_t max, long long category_id,
		      long long top_category_id, enum personal_reason reason)
{
	size_t i;

	for (i = 0; i < n && out[i].category_id != category_id; i++)
		;
	if (i < n || n >= max || category_id <= 0)
		return n;
	out[n].category_id = category_id;
	out[n].top_category_id = top_category_id;
	out[n].reason = reason;
	return n + 1;
}

int
personal_interests(long long user_id, const long long *recent, size_t nrecent, struct personal_interest *out,
		   size_t max)
{
	static const char *const sql[2] = {
		/* The categories of what they viewed lately, the latest first. */
		"SELECT p.category_id, MAX(p.top_category_id) FROM recently_viewed rv"
		" JOIN products p ON p.id = rv.product_id"
		" WHERE rv.user_id = ? GROUP BY p.category_id ORDER BY MAX(rv.viewed_at) DESC LIMIT 4",
		/* Those they bought from most. */
		"SELECT p.category_id, MAX(p.top_category_id) FROM orders o JOIN order_items oi ON oi.order_id = o.id"
		" JOIN products p ON p.id = oi.product_id"
		" WHERE o.user_id = ? AND o.status = 'paid'"
		" GROUP BY p.category_id ORDER BY SUM(oi.quantity) DESC, MAX(o.id) DESC LIMIT 4",
	};
	long long ids[PERSONAL_RECENT_MAX] = { 0 };
	struct db_result *r;
	size_t n = 0, i, k;

	if (nrecent > PERSONAL_RECENT_MAX)
		nrecent = PERSONAL_RECENT_MAX;
	if (nrecent > 0) {
		memcpy(ids, recent, nrecent * sizeof *recent);
		r = db_query("SELECT id, category_id, top_category_id FROM products"
			     " WHERE id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "iiiiiiiiii",
			     ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7], ids[8], ids[9]);
		if (r == NULL)
			return -1;
		/* In the list's order: the newest view first. */
		for (i = 0; i < nrecent; i++) {
			db_rewind(r);
			while (db_next(r))
				if (db_int(r, 0) == recent[i]) {
					n = personal_interest_add(out, n, max, db_int(r, 1), db_int(r, 2),
								  PERSONAL_VIEWED);
					break;
				}
		}
		db_free(r);
	}
	for (k = 0; user_id > 0 && k < 2; k++) {
		if ((r = db_query(sql[k], "i", user_id)) == NULL)
			return -1;
		while (db_next(r))
			n = personal_interest_add(out, n, max, db_int(r, 0), db_int(r, 1),
						  k == 0 ? PERSONAL_VIEWED : PERSONAL_BOUGHT);
		db_free(r);
	}
	return (int)n;
}

const struct personal_interest *
personal_interest_of(const struct personal_interest *in, size_t n, long long category_id, long long top_category_id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (in[i].category_id == category_id)
			return &in[i];
	for (i = 0; top_category_id > 0 && i < n; i++)
		if (in[i].top_category_id == top_category_id)
			return &in[i];
	return NULL;
}

const char *
personal_reason_name(enum personal_reason reason)
{
	return reason == PERSONAL_BOUGHT ? "bought" : "viewed";
}
