/*
 * Tests for cgi/lib/sess.c against the test stack's MariaDB: a session is
 * started, found again from its cookie, expires when idle or too old, ends at
 * logout, and ends everywhere when its user is blocked. The user rows are the
 * test's own and are deleted afterwards.
 *
 * The session cache, against the test stack's memcached: a kept session is
 * used (a change written behind its back does not show), every event that
 * ends or changes a session shows on the very next request, a change inside
 * a transaction is told only after the commit, a POST always reads the
 * database, and with memcached unreachable nothing kept is ever used.
 */
#include "check_util.h"
#include "cache.h"
#include "db.h"
#include "sess.h"
#include "token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long long user_id;
static char email[128];
static int keep_new;	/* the cache tests: every new session is kept at once */

static int sess_loads(const char *cookie);

static void
sess_setup(void)
{
	ck_assert_msg(db_connect() == 0, "check_sess needs the test stack's MariaDB: run it through make test");
	snprintf(email, sizeof email, "sess-%d@example.test", (int)getpid());
	db_exec("DELETE FROM users WHERE email = ?", "s", email);
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role, email_verified_at)"
				 " VALUES (?, 'Sess Test', 'customer', UTC_TIMESTAMP())", "s", email), 1);
	user_id = (long long)db_insert_id();
}

static void
sess_teardown(void)
{
	db_exec("DELETE FROM sessions WHERE user_id = ?", "i", user_id);
	db_exec("DELETE FROM users WHERE id = ?", "i", user_id);
	db_close();
}

/* A request with the given method whose Cookie header is cookie (may be
 * NULL); https when set. */
static void
sess_request_method(struct req *rq, const char *method, const char *cookie, int https)
{
	char **env = calloc(8, sizeof *env);
	size_t n = 0;

	env[n] = malloc(strlen(method) + 16);
	sprintf(env[n++], "REQUEST_METHOD=%s", method);
	env[n++] = strdup("REQUEST_URI=/account");
	env[n++] = strdup("REMOTE_ADDR=192.0.2.10");
	env[n++] = strdup("HTTP_USER_AGENT=check_sess");
	if (https)
		env[n++] = strdup("HTTPS=on");
	if (cookie) {
		env[n] = malloc(strlen(cookie) + 13);
		sprintf(env[n++], "HTTP_COOKIE=%s", cookie);
	}
	ck_assert_int_eq(req_init(rq, env, "", 0, &req_default_limits), 0);
}

/* A GET whose Cookie header is cookie (may be NULL); https when set. */
static void
sess_request(struct req *rq, const char *cookie, int https)
{
	sess_request_method(rq, "GET", cookie, https);
}

/* The "name=value" of the Set-Cookie in rs (static storage). */
static const char *
sess_set_cookie(const struct resp *rs, const char *name)
{
	static char out[200];
	const char *p;
	size_t n;

	p = rs->headers.data ? strstr(rs->headers.data, name) : NULL;
	ck_assert_ptr_nonnull(p);
	n = strcspn(p, ";\r");
	ck_assert_uint_lt(n, sizeof out);
	memcpy(out, p, n);
	out[n] = '\0';
	return out;
}

START_TEST(test_start_and_load)
{
	struct req rq;
	struct resp rs;
	char cookie[200];
	const char *token;

	sess_request(&rq, NULL, 0);
	resp_init(&rs);
	ck_assert_int_eq(sess_start(&rq, &rs, user_id, 0), 0);
	ck_assert_ptr_nonnull(rq.sess);
	ck_assert_str_eq(rq.sess->role, "customer");
	ck_assert_uint_eq(strlen(rq.sess->csrf), 64);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "HttpOnly"));
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "SameSite=Lax"));
	ck_assert_ptr_null(strstr(rs.headers.data, "Secure"));
	snprintf(cookie, sizeof cookie, "%s", sess_set_cookie(&rs, "bz_session="));
	token = cookie + strlen("bz_session=");
	ck_assert(token_valid(token));
	/* Only the hash is stored. */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM sessions WHERE user_id = ? AND"
				   " (token_hash = ? OR INSTR(token_hash, ?) > 0)", "iss", user_id, token, token), 0);
	resp_free(&rs);
	req_free(&rq);

	sess_request(&rq, cookie, 0);
	resp_init(&rs);
	ck_assert_int_eq(sess_load(&rq, &rs), 1);
	ck_assert_int_eq(rq.sess->user_id, user_id);
	ck_assert_str_eq(rq.sess->email, email);
	ck_assert_int_eq(rq.sess->verified, 1);
	resp_free(&rs);
	req_free(&rq);
}
END_TEST

START_TEST(test_https_cookie_is_host_prefixed_and_secure)
{
	struct req rq;
	struct resp rs;

	sess_request(&rq, NULL, 1);
	resp_init(&rs);
	ck_assert_int_eq(sess_start(&rq, &rs, user_id, 0), 0);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Set-Cookie: __Host-bz_session="));
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "; Secure"));
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Path=/;"));
	resp_free(&rs);
	req_free(&rq);
}
END_TEST

/* Starts a session and returns its cookie (static storage). */
static const char *
sess_new_cookie(void)
{
	static char cookie[200];
	struct req rq;
	struct resp rs;

	sess_request(&rq, NULL, 0);
	resp_init(&rs);
	ck_assert_int_eq(sess_start(&rq, &rs, user_id, 0), 0);
	snprintf(cookie, sizeof cookie, "%s", sess_set_cookie(&rs, "bz_session="));
	resp_free(&rs);
	req_free(&rq);
	/* The first request learns the user, the second keeps the session. */
	if (keep_new) {
		ck_assert_int_eq(sess_loads(cookie), 1);
		ck_assert_int_eq(sess_loads(cookie), 1);
	}
	return cookie;
}

static int
sess_loads(const char *cookie)
{
	struct req rq;
	struct resp rs;
	int found;

	sess_request(&rq, cookie, 0);
	resp_init(&rs);
	found = sess_load(&rq, &rs);
	resp_free(&rs);
	req_free(&rq);
	return found;
}

START_TEST(test_idle_and_absolute_expiry)
{
	const char *c = sess_new_cookie();

	ck_assert_int_eq(sess_loads(c), 1);
	db_exec("UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 3 HOUR WHERE user_id = ?", "i",
		user_id);
	ck_assert_int_eq(sess_loads(c), 0);

	c = sess_new_cookie();
	ck_assert_int_eq(sess_loads(c), 1);
	db_exec("UPDATE sessions SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE user_id = ?", "i",
		user_id);
	ck_assert_int_eq(sess_loads(c), 0);
}
END_TEST

START_TEST(test_bad_cookies_are_no_session)
{
	ck_assert_int_eq(sess_loads("bz_session=nonsense"), 0);
	ck_assert_int_eq(sess_loads("bz_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), 0);
	ck_assert_int_eq(sess_loads(NULL), 0);
}
END_TEST

START_TEST(test_login_replaces_session_and_logout_ends_it)
{
	char first[200];
	struct req rq;
	struct resp rs;

	snprintf(first, sizeof first, "%s", sess_new_cookie());
	/* Logging in again from that browser: the old token dies. */
	sess_request(&rq, first, 0);
	resp_init(&rs);
	ck_assert_int_eq(sess_load(&rq, &rs), 1);
	ck_assert_int_eq(sess_start(&rq, &rs, user_id, 0), 0);
	resp_free(&rs);
	req_free(&rq);
	ck_assert_int_eq(sess_loads(first), 0);

	snprintf(first, sizeof first, "%s", sess_new_cookie());
	sess_request(&rq, first, 0);
	resp_init(&rs);
	ck_assert_int_eq(sess_load(&rq, &rs), 1);
	ck_assert_int_eq(sess_end(&rq, &rs), 0);
	ck_assert_ptr_null(rq.sess);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "bz_session=; Path=/; Max-Age=0"));
	resp_free(&rs);
	req_free(&rq);
	ck_assert_int_eq(sess_loads(first), 0);
}
END_TEST

START_TEST(test_end_others_and_one)
{
	char a[200], b[200], c[200];
	long long id_b;

	snprintf(a, sizeof a, "%s", sess_new_cookie());
	snprintf(b, sizeof b, "%s", sess_new_cookie());
	id_b = db_scalar(0, "SELECT MAX(id) FROM sessions WHERE user_id = ?", "i", user_id);
	snprintf(c, sizeof c, "%s", sess_new_cookie());
	ck_assert_int_eq(sess_end_one(user_id + 1000000, id_b), 0);	/* not theirs */
	ck_assert_int_eq(sess_end_one(user_id, id_b), 1);
	ck_assert_int_eq(sess_loads(b), 0);
	ck_assert_int_eq(sess_loads(a), 1);
	ck_assert_int_eq(sess_end_others(user_id, db_scalar(0, "SELECT MAX(id) FROM sessions WHERE user_id = ?",
							     "i", user_id)), 1);
	ck_assert_int_eq(sess_loads(a), 0);
	ck_assert_int_eq(sess_loads(c), 1);
}
END_TEST

START_TEST(test_blocked_user_thrown_out)
{
	const char *c;
	struct req rq;
	struct resp rs;

	c = sess_new_cookie();
	sess_new_cookie();
	db_exec("UPDATE users SET status = 'blocked', status_reason = 'Selling counterfeit goods' WHERE id = ?",
		"i", user_id);
	sess_request(&rq, c, 0);
	resp_init(&rs);
	ck_assert_int_eq(sess_load(&rq, &rs), 0);
	ck_assert_ptr_null(rq.sess);
	ck_assert_str_eq(rq.blocked_reason, "Selling counterfeit goods");
	resp_free(&rs);
	req_free(&rq);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM sessions WHERE user_id = ?", "i", user_id), 0);
}
END_TEST


/* ---- the session cache --------------------------------------------------- */

static char *cache_saved_config;

static void
sess_cache_setup(void)
{
	const char *config = getenv("BAZAAR_MEMCACHED");

	ck_assert_msg(config != NULL && *config, "check_sess needs the test stack's memcached: run it through make test");
	free(cache_saved_config);
	cache_saved_config = strdup(config);
	unsetenv("BAZAAR_SESSION_CACHE");	/* the default */
	sess_setup();
	ck_assert_int_eq(cache_init(), 0);
	ck_assert(cache_enabled());
	keep_new = 1;
}

static void
sess_cache_teardown(void)
{
	keep_new = 0;
	cache_close();
	if (cache_saved_config)
		setenv("BAZAAR_MEMCACHED", cache_saved_config, 1);
	sess_teardown();
}

/* The name a request with cookie and method sees: "" without a session
 * (static storage). */
static const char *
sess_name_seen(const char *method, const char *cookie)
{
	static char name[101];
	struct req rq;
	struct resp rs;

	sess_request_method(&rq, method, cookie, 0);
	resp_init(&rs);
	ck_assert_int_ge(sess_load(&rq, &rs), 0);
	snprintf(name, sizeof name, "%s", rq.sess ? rq.sess->name : "");
	resp_free(&rs);
	req_free(&rq);
	return name;
}

/* Renames the user behind the programs' back: only a read of the row sees it. */
static void
sess_rename(const char *name)
{
	ck_assert_int_eq(db_exec("UPDATE users SET name = ? WHERE id = ?", "si", name, user_id), 1);
}

/* A new session that this worker keeps. */
static const char *
sess_kept_cookie(void)
{
	const char *c = sess_new_cookie();

	ck_assert(keep_new);
	ck_assert_str_eq(sess_name_seen("GET", c), "Sess Test");
	return c;
}

START_TEST(test_cache_hit_and_user_changed)
{
	const char *c = sess_kept_cookie();

	sess_rename("Behind The Back");
	/* Kept: the change written without telling anyone does not show... */
	ck_assert_str_eq(sess_name_seen("GET", c), "Sess Test");
	ck_assert_str_eq(sess_name_seen("HEAD", c), "Sess Test");
	/* ...a POST always reads the row... */
	ck_assert_str_eq(sess_name_seen("POST", c), "Behind The Back");
	/* ...and once told, the next GET does too. */
	ck_assert_int_eq(sess_user_changed(user_id), 0);
	ck_assert_str_eq(sess_name_seen("GET", c), "Behind The Back");
}
END_TEST

START_TEST(test_cache_second_factor_at_once)
{
	char c[200], renewed[200];
	struct req rq;
	struct resp rs;

	snprintf(c, sizeof c, "%s", sess_kept_cookie());
	/* A second copy of the same session, as another worker would keep. */
	sess_request_method(&rq, "POST", c, 0);
	resp_init(&rs);
	ck_assert_int_eq(sess_load(&rq, &rs), 1);
	ck_assert_int_eq(rq.sess->mfa, 0);
	ck_assert_int_eq(sess_set_mfa(&rq, &rs), 0);
	snprintf(renewed, sizeof renewed, "%s", sess_set_cookie(&rs, "bz_session="));
	resp_free(&rs);
	req_free(&rq);

	/* The kept copy of the token that had only the password opens nothing
	 * at once; the session goes on under its new token, with the factor. */
	sess_request(&rq, c, 0);
	resp_init(&rs);
	ck_assert_int_eq(sess_load(&rq, &rs), 0);
	resp_free(&rs);
	req_free(&rq);
	sess_request(&rq, renewed, 0);
	resp_init(&rs);
	ck_assert_int_eq(sess_load(&rq, &rs), 1);
	ck_assert_int_eq(rq.sess->mfa, 1);
	resp_free(&rs);
	req_free(&rq);
}
END_TEST

/* What the admin's block does: the status and the call in one transaction. */
static int
sess_block_tx(void *arg)
{
	unsigned long long *gen_inside = arg;
	char family[40];

	if (db_exec("UPDATE users SET status = 'blocked', status_reason = 'Fake reviews' WHERE id = ?", "i",
		    user_id) != 1)
		return -1;
	ck_assert_int_eq(sess_user_changed(user_id), 0);
	snprintf(family, sizeof family, "sess:%lld", user_id);
	*gen_inside = cache_gen(family);
	return 0;
}

START_TEST(test_cache_block_at_once_after_commit)
{
	const char *c = sess_kept_cookie();
	unsigned long long before, inside = 0;
	char family[40];
	struct req rq;
	struct resp rs;

	snprintf(family, sizeof family, "sess:%lld", user_id);
	before = cache_gen(family);
	ck_assert_int_eq(db_tx(sess_block_tx, &inside), 0);
	/* Told only once others can read the change: a reader between the two
	 * would otherwise keep the old row under the new generation. */
	ck_assert_uint_eq(inside, before);
	ck_assert_uint_ne(cache_gen(family), before);

	sess_request(&rq, c, 0);
	resp_init(&rs);
	ck_assert_int_eq(sess_load(&rq, &rs), 0);
	ck_assert_ptr_null(rq.sess);
	ck_assert_str_eq(rq.blocked_reason, "Fake reviews");
	resp_free(&rs);
	req_free(&rq);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM sessions WHERE user_id = ?", "i", user_id), 0);
}
END_TEST

static int
sess_rolled_back_tx(void *arg)
{
	(void)arg;
	sess_user_changed(user_id);
	return 1;	/* rolls back */
}

START_TEST(test_cache_nothing_told_on_rollback)
{
	char family[40];
	unsigned long long before;

	snprintf(family, sizeof family, "sess:%lld", user_id);
	before = cache_gen(family);
	ck_assert_int_eq(db_tx(sess_rolled_back_tx, NULL), 1);
	ck_assert_uint_eq(cache_gen(family), before);
}
END_TEST

START_TEST(test_cache_lost_generation_is_a_miss)
{
	const char *c = sess_kept_cookie();
	char key[64];

	sess_rename("After Eviction");
	/* memcached evicted or restarted: a new generation, so a new read. */
	snprintf(key, sizeof key, "gen:sess:%lld", user_id);
	ck_assert_int_eq(cache_delete(key), 0);
	ck_assert_str_eq(sess_name_seen("GET", c), "After Eviction");
}
END_TEST

START_TEST(test_cache_memcached_down_reads_the_database)
{
	const char *c = sess_kept_cookie();

	/* The server goes away: nothing kept can be checked, so nothing kept
	 * is used, and a change that could not be told still shows at once. */
	setenv("BAZAAR_MEMCACHED", "--SERVER=127.0.0.1:9 --CONNECT-TIMEOUT=100 --POLL-TIMEOUT=100"
	       " --RETRY-TIMEOUT=5 --NAMESPACE=\"bz:\"", 1);
	ck_assert_int_eq(cache_init(), 0);
	sess_rename("Seen Without Memcached");
	ck_assert_int_eq(sess_user_changed(user_id), -1);
	ck_assert_str_eq(sess_name_seen("GET", c), "Seen Without Memcached");
	sess_rename("Still Read Every Time");
	ck_assert_str_eq(sess_name_seen("GET", c), "Still Read Every Time");
	ck_assert_str_eq(sess_name_seen("GET", c), "Still Read Every Time");
	/* Logout and block with memcached down: the database decides. */
	ck_assert_int_eq(sess_end_others(user_id, 0), 1);
	ck_assert_str_eq(sess_name_seen("GET", c), "");
}
END_TEST

START_TEST(test_cache_kept_for_its_seconds_only)
{
	const char *c;

	/* 0 turns the cache off: every request reads the row. */
	setenv("BAZAAR_SESSION_CACHE", "0", 1);
	c = sess_kept_cookie();
	sess_rename("Read Every Time");
	ck_assert_str_eq(sess_name_seen("GET", c), "Read Every Time");
	/* A change nobody was told of (memcached missed it) lasts no longer
	 * than BAZAAR_SESSION_CACHE seconds. */
	setenv("BAZAAR_SESSION_CACHE", "1", 1);
	ck_assert_str_eq(sess_name_seen("GET", c), "Read Every Time");
	ck_assert_str_eq(sess_name_seen("GET", c), "Read Every Time");
	sess_rename("After A Second");
	sleep(2);
	ck_assert_str_eq(sess_name_seen("GET", c), "After A Second");
	unsetenv("BAZAAR_SESSION_CACHE");
}
END_TEST

/* The row of the session a cookie names: id, csrf (hex), created_at and
 * expires_at as text, mfa; 0 when there is none. */
struct sess_row {
	long long id;
	char csrf[65], created[32], expires[32];
	int mfa;
};

static int
sess_row_of(const char *cookie, struct sess_row *out)
{
	struct req rq;
	struct resp rs;
	struct db_result *r;
	int found;

	memset(out, 0, sizeof *out);
	sess_request(&rq, cookie, 0);
	resp_init(&rs);
	found = sess_load(&rq, &rs) == 1;
	if (found) {
		out->id = rq.sess->id;
		out->mfa = rq.sess->mfa;
		snprintf(out->csrf, sizeof out->csrf, "%s", rq.sess->csrf);
		r = db_query("SELECT CAST(created_at AS CHAR), CAST(expires_at AS CHAR) FROM sessions WHERE id = ?",
			     "i", out->id);
		ck_assert(r != NULL && db_next(r));
		snprintf(out->created, sizeof out->created, "%s", db_str(r, 0));
		snprintf(out->expires, sizeof out->expires, "%s", db_str(r, 1));
		db_free(r);
	}
	resp_free(&rs);
	req_free(&rq);
	return found;
}

/* A session that gains rights gets a new token, id and form token: the old
 * token is worth nothing; age, expiry and what it had passed are kept. */
static void
sess_check_renewal(int mfa, char *after, size_t after_size)
{
	char before[200];
	struct sess_row old, new;
	struct req rq;
	struct resp rs;

	snprintf(before, sizeof before, "%s", sess_new_cookie());
	db_exec("UPDATE sessions SET created_at = created_at - INTERVAL 1 HOUR,"
		" expires_at = expires_at - INTERVAL 1 HOUR WHERE user_id = ?", "i", user_id);
	ck_assert(sess_row_of(before, &old));
	ck_assert_int_eq(old.mfa, 0);
	sess_request(&rq, before, 0);
	resp_init(&rs);
	ck_assert_int_eq(sess_load(&rq, &rs), 1);
	ck_assert_int_eq(mfa ? sess_set_mfa(&rq, &rs) : sess_rotate(&rq, &rs), 0);
	ck_assert_int_ne(rq.sess->id, old.id);
	ck_assert_str_ne(rq.sess->csrf, old.csrf);
	ck_assert_int_eq(rq.sess->mfa, mfa);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "HttpOnly"));
	snprintf(after, after_size, "%s", sess_set_cookie(&rs, "bz_session="));
	ck_assert_str_ne(after, before);
	resp_free(&rs);
	req_free(&rq);
	/* the old token opens nothing; the new one is the same session */
	ck_assert_int_eq(sess_loads(before), 0);
	ck_assert(sess_row_of(after, &new));
	ck_assert_int_ne(new.id, old.id);
	ck_assert_str_ne(new.csrf, old.csrf);
	ck_assert_str_eq(new.created, old.created);
	ck_assert_str_eq(new.expires, old.expires);
	ck_assert_int_eq(new.mfa, mfa);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM sessions WHERE user_id = ?", "i", user_id), 1);
}

START_TEST(test_rotate)
{
	char c[200];

	sess_check_renewal(0, c, sizeof c);
}
END_TEST

/* Passing the second factor renews the session at once; a later renewal
 * keeps the second factor. */
START_TEST(test_set_mfa_renews)
{
	struct sess_row row;
	struct req rq;
	struct resp rs;
	char c[200];

	sess_check_renewal(1, c, sizeof c);
	sess_request(&rq, c, 0);
	resp_init(&rs);
	ck_assert_int_eq(sess_load(&rq, &rs), 1);
	ck_assert_int_eq(sess_rotate(&rq, &rs), 0);
	snprintf(c, sizeof c, "%s", sess_set_cookie(&rs, "bz_session="));
	resp_free(&rs);
	req_free(&rq);
	ck_assert(sess_row_of(c, &row));
	ck_assert_int_eq(row.mfa, 1);
}
END_TEST

START_TEST(test_rotate_without_session)
{
	struct req rq;
	struct resp rs;

	sess_request(&rq, NULL, 0);
	resp_init(&rs);
	ck_assert_int_eq(sess_rotate(&rq, &rs), -1);
	ck_assert_int_eq(sess_set_mfa(&rq, &rs), -1);
	ck_assert_uint_eq(rs.headers.len, 0);
	resp_free(&rs);
	req_free(&rq);
}
END_TEST

/* Kept sessions still keep the idle time: the row is read again after
 * BAZAAR_SESSION_CACHE seconds, and that read writes last_seen_at when it
 * is over a minute old, as without the cache. */
START_TEST(test_cache_last_seen_still_written)
{
	const char *c;

	setenv("BAZAAR_SESSION_CACHE", "1", 1);
	c = sess_kept_cookie();
	ck_assert_int_eq(db_exec("UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 90 SECOND"
				 " WHERE user_id = ?", "i", user_id), 1);
	sleep(2);
	ck_assert_int_eq(sess_loads(c), 1);	/* read again, and written */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM sessions WHERE user_id = ?"
				   " AND last_seen_at > UTC_TIMESTAMP() - INTERVAL 60 SECOND", "i", user_id), 1);
	unsetenv("BAZAAR_SESSION_CACHE");
}
END_TEST

static Suite *
sess_suite(void)
{
	Suite *s = suite_create("sess");
	TCase *tc = tcase_create("mariadb");

	tcase_add_checked_fixture(tc, sess_setup, sess_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_start_and_load);
	tcase_add_test(tc, test_https_cookie_is_host_prefixed_and_secure);
	tcase_add_test(tc, test_idle_and_absolute_expiry);
	tcase_add_test(tc, test_bad_cookies_are_no_session);
	tcase_add_test(tc, test_login_replaces_session_and_logout_ends_it);
	tcase_add_test(tc, test_end_others_and_one);
	tcase_add_test(tc, test_blocked_user_thrown_out);
	tcase_add_test(tc, test_rotate);
	tcase_add_test(tc, test_set_mfa_renews);
	tcase_add_test(tc, test_rotate_without_session);
	suite_add_tcase(s, tc);

	tc = tcase_create("cache");
	tcase_add_checked_fixture(tc, sess_cache_setup, sess_cache_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_cache_hit_and_user_changed);
	/* The same events as without the cache, every session kept first. */
	tcase_add_test(tc, test_login_replaces_session_and_logout_ends_it);
	tcase_add_test(tc, test_end_others_and_one);
	tcase_add_test(tc, test_cache_second_factor_at_once);
	tcase_add_test(tc, test_cache_block_at_once_after_commit);
	tcase_add_test(tc, test_cache_nothing_told_on_rollback);
	tcase_add_test(tc, test_cache_lost_generation_is_a_miss);
	tcase_add_test(tc, test_cache_memcached_down_reads_the_database);
	tcase_add_test(tc, test_cache_kept_for_its_seconds_only);
	tcase_add_test(tc, test_cache_last_seen_still_written);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(sess_suite)
