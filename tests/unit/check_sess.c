/*
 * Tests for cgi/lib/sess.c against the test stack's MariaDB: a session is
 * started, found again from its cookie, expires when idle or too old, ends at
 * logout, and ends everywhere when its user is blocked. The user rows are the
 * test's own and are deleted afterwards.
 */
#include "check_util.h"
#include "db.h"
#include "sess.h"
#include "token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long long user_id;
static char email[128];

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

/* A request whose Cookie header is cookie (may be NULL); https when set. */
static void
sess_request(struct req *rq, const char *cookie, int https)
{
	char **env = calloc(8, sizeof *env);
	size_t n = 0;

	env[n++] = strdup("REQUEST_METHOD=GET");
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
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(sess_suite)
