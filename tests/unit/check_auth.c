/*
 * Tests for cgi/lib/auth.c: email addresses, return paths and the counting of
 * failed logins (against the test stack's MariaDB: rows of its own addresses,
 * deleted afterwards).
 */
#include "check_util.h"
#include "auth.h"
#include "cfg.h"
#include "db.h"
#include "fcgi_loop.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

START_TEST(test_email_normalised)
{
	char out[AUTH_EMAIL_MAX + 1];

	ck_assert_ptr_null(auth_email_problem("  Dana.Smith+shop@Example.COM ", out));
	ck_assert_str_eq(out, "dana.smith+shop@example.com");
	ck_assert_ptr_null(auth_email_problem("a@b.co", out));
	ck_assert_ptr_null(auth_email_problem("x@mail.sub-domain.example", out));
}
END_TEST

START_TEST(test_email_refused)
{
	static const char *bad[] = {
		"", "   ", "plain", "@example.com", "a@", "a@b", "a@@b.com", "a b@c.com", "a@b..com",
		".a@b.com", "a.@b.com", "a..b@c.com", "a@-b.com", "a@b-.com", "a@b_c.com", "a@.b.com",
		"a@b.com.", "a<b>@c.com", "a\"b@c.com", "é@example.com", "a@exämple.com", "a@b.com\n",
	};
	char out[AUTH_EMAIL_MAX + 1], longest[300];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(auth_email_problem(bad[i], out) != NULL, "accepted \"%s\"", bad[i]);
	memset(longest, 'a', 250);
	strcpy(longest + 250, "@b.com");
	ck_assert_ptr_nonnull(auth_email_problem(longest, out));
	ck_assert_ptr_nonnull(auth_email_problem(NULL, out));
}
END_TEST

START_TEST(test_next_path)
{
	ck_assert_str_eq(auth_next_path("/account"), "/account");
	ck_assert_str_eq(auth_next_path("/vendor/?x=1"), "/vendor/?x=1");
	ck_assert_str_eq(auth_next_path(NULL), "/");
	ck_assert_str_eq(auth_next_path(""), "/");
	ck_assert_str_eq(auth_next_path("https://evil.example/"), "/");
	ck_assert_str_eq(auth_next_path("//evil.example/"), "/");
	ck_assert_str_eq(auth_next_path("/\\evil.example/"), "/");
	ck_assert_str_eq(auth_next_path("account"), "/");
	ck_assert_str_eq(auth_next_path("/a\r\nSet-Cookie: x=1"), "/");
}
END_TEST

/* ---- the guard reads the program's pages from its description ------------ */

static int
guard_run(const struct app *app, const char *uri, unsigned flags, struct resp *rs)
{
	char u[128];
	char *env[] = { "REQUEST_METHOD=GET", u, "QUERY_STRING=", NULL };
	struct route r = { "GET", "/somewhere", NULL, NULL, flags, NULL };
	struct req rq;
	int status;

	snprintf(u, sizeof u, "REQUEST_URI=%s", uri);
	resp_init(rs);
	ck_assert_int_eq(req_init(&rq, env, "", 0, &req_default_limits), 0);
	rq.app = app;
	status = auth_guard(&r, &rq, rs);
	req_free(&rq);
	return status;
}

START_TEST(test_guard_login_path_from_app)
{
	static const struct app shop = { .name = "a-shop", .login_path = "/sign-in" };
	static const struct app bare = { .name = "no-login-page" };
	struct resp rs;

	ck_assert_int_eq(guard_run(&shop, "/somewhere", 0, &rs), 0);	/* open route */
	resp_free(&rs);
	ck_assert_int_eq(guard_run(&shop, "/somewhere", R_LOGIN, &rs), 303);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Location: /sign-in?next=%2Fsomewhere"));
	resp_free(&rs);
	ck_assert_int_eq(guard_run(&shop, "/somewhere", R_ADMIN, &rs), 303);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Location: /sign-in?next="));
	resp_free(&rs);
	/* a program without a login page refuses instead of guessing one */
	ck_assert_int_eq(guard_run(&bare, "/somewhere", R_LOGIN, &rs), 403);
	resp_free(&rs);
}
END_TEST

/* ---- failure counting (database) ----------------------------------------- */

static char email[128], ip[64];

static void
lock_setup(void)
{
	ck_assert_msg(db_connect() == 0, "check_auth needs the test stack's MariaDB: run it through make test");
	snprintf(email, sizeof email, "lock-%d@example.test", (int)getpid());
	snprintf(ip, sizeof ip, "192.0.2.%d", (int)(getpid() % 200) + 1);
}

static void
lock_teardown(void)
{
	db_exec("DELETE FROM login_failures WHERE email = ? OR ip = ?", "ss", email, ip);
	db_close();
}

START_TEST(test_locked_after_max_failures)
{
	int i, locked = 0;

	ck_assert_int_eq(auth_login_locked(email, ip), 0);
	for (i = 1; i <= 10; i++) {
		ck_assert_int_eq(auth_login_locked(email, "198.51.100.7"), 0);
		locked = auth_login_result(auth_login_attempt(email, "198.51.100.7"), email, "198.51.100.7", 0);
		ck_assert_int_eq(locked, i == 10 ? 1 : 0);
	}
	/* Locked for about the window, whatever the address it comes from. */
	ck_assert_int_gt(auth_login_locked(email, "203.0.113.9"), 800);
	ck_assert_int_le(auth_login_locked(email, "203.0.113.9"), 901);
	/* Another account is not locked by it. */
	ck_assert_int_eq(auth_login_locked("other@example.test", "203.0.113.9"), 0);
	/* A success forgets the account's failures. */
	ck_assert_int_eq(auth_login_result(auth_login_attempt(email, "198.51.100.7"), email, "198.51.100.7", 1), 0);
	ck_assert_int_eq(auth_login_locked(email, "203.0.113.9"), 0);
	db_exec("DELETE FROM login_failures WHERE ip = '198.51.100.7'", "");
}
END_TEST

START_TEST(test_locked_per_ip)
{
	char other[64];
	int i;

	for (i = 0; i < 10; i++) {
		snprintf(other, sizeof other, "ip-%d-%d@example.test", (int)getpid(), i);
		ck_assert_int_eq(auth_login_result(auth_login_attempt(other, ip), other, ip, 0), 0);
	}
	ck_assert_int_gt(auth_login_locked("fresh@example.test", ip), 0);
	ck_assert_int_eq(auth_login_locked("fresh@example.test", "198.51.100.99"), 0);
}
END_TEST

START_TEST(test_old_failures_do_not_count)
{
	int i;

	for (i = 0; i < 10; i++)
		ck_assert_int_eq(db_exec("INSERT INTO login_failures (email, ip, at)"
					 " VALUES (?, ?, UTC_TIMESTAMP(6) - INTERVAL 16 MINUTE)", "ss", email, ip), 1);
	ck_assert_int_eq(auth_login_locked(email, ip), 0);
}
END_TEST

/* Twelve guesses in flight at once: all count before any is settled, and
 * exactly one of them is reported as the one that locked the account. */
START_TEST(test_parallel_attempts_count_at_once)
{
	long long ids[12];
	int i, locking = 0;

	for (i = 0; i < 12; i++) {
		ck_assert_int_eq(auth_login_locked(email, ip), i < 10 ? 0 : auth_login_locked(email, ip));
		ids[i] = auth_login_attempt(email, "198.51.100.8");
		ck_assert_int_gt(ids[i], 0);
	}
	ck_assert_int_gt(auth_login_locked(email, ip), 0);
	for (i = 11; i >= 0; i--)
		locking += auth_login_result(ids[i], email, "198.51.100.8", 0);
	ck_assert_int_eq(locking, 1);
	db_exec("DELETE FROM login_failures WHERE ip = '198.51.100.8'", "");
}
END_TEST

/* A right password forgets the address's failures, not the second factor's. */
START_TEST(test_success_keeps_second_factor_failures)
{
	char mfa[64];
	long long id;
	int i;

	snprintf(mfa, sizeof mfa, "mfa:%d", (int)getpid());
	for (i = 0; i < 10; i++)
		ck_assert_int_eq(auth_login_result(auth_login_attempt(mfa, ip), mfa, ip, 0), i == 9);
	id = auth_login_attempt(email, "198.51.100.9");
	ck_assert_int_eq(auth_login_result(id, email, "198.51.100.9", 1), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM login_failures WHERE email = ?", "s", email), 0);
	ck_assert_int_gt(auth_login_locked(mfa, "203.0.113.50"), 0);
	db_exec("DELETE FROM login_failures WHERE email = ?", "s", mfa);
}
END_TEST

static Suite *
auth_suite(void)
{
	Suite *s = suite_create("auth");
	TCase *tc = tcase_create("rules");
	TCase *db = tcase_create("failures");

	tcase_add_test(tc, test_email_normalised);
	tcase_add_test(tc, test_email_refused);
	tcase_add_test(tc, test_next_path);
	tcase_add_test(tc, test_guard_login_path_from_app);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(db, lock_setup, lock_teardown);
	tcase_set_timeout(db, 30);
	tcase_add_test(db, test_locked_after_max_failures);
	tcase_add_test(db, test_locked_per_ip);
	tcase_add_test(db, test_old_failures_do_not_count);
	tcase_add_test(db, test_parallel_attempts_count_at_once);
	tcase_add_test(db, test_success_keeps_second_factor_failures);
	suite_add_tcase(s, db);
	return s;
}

CHECK_MAIN(auth_suite)
