/*
 * Tests for cgi/lib/auth.c: email addresses, return paths, the counting of
 * failed logins and the password login (against the test stack's MariaDB:
 * rows of its own addresses, deleted afterwards). Run from the repository
 * root (the lock notice renders templates/mail/).
 */
#include "check_util.h"
#include "auth.h"
#include "cfg.h"
#include "db.h"
#include "fcgi_loop.h"
#include "log.h"
#include "password.h"
#include "sess.h"
#include "tmpl.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
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
guard_run_query(const struct app *app, const char *uri, const char *query, unsigned flags, struct resp *rs)
{
	char u[128], q[128];
	char *env[] = { "REQUEST_METHOD=GET", u, q, NULL };
	struct route r = { "GET", "/somewhere", NULL, NULL, flags, NULL, NULL };
	struct req rq;
	int status;

	snprintf(u, sizeof u, "REQUEST_URI=%s", uri);
	snprintf(q, sizeof q, "QUERY_STRING=%s", query);
	resp_init(rs);
	ck_assert_int_eq(req_init(&rq, env, "", 0, &req_default_limits), 0);
	rq.app = app;
	status = auth_guard(&r, &rq, rs);
	req_free(&rq);
	return status;
}

static int
guard_run(const struct app *app, const char *uri, unsigned flags, struct resp *rs)
{
	return guard_run_query(app, uri, "", flags, rs);
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

/* R_LINK: a visitor without a session passes with a link's token (which the
 * handler checks), and is sent to log in without one. */
START_TEST(test_guard_link_token)
{
	static const struct app shop = { .name = "a-shop", .login_path = "/sign-in" };
	struct resp rs;

	ck_assert_int_eq(guard_run_query(&shop, "/somewhere?token=abc", "token=abc", R_LOGIN | R_LINK, &rs), 0);
	resp_free(&rs);
	ck_assert_int_eq(guard_run_query(&shop, "/somewhere?x=1", "x=1", R_LOGIN | R_LINK, &rs), 303);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Location: /sign-in?next="));
	resp_free(&rs);
	/* without R_LINK a token changes nothing */
	ck_assert_int_eq(guard_run_query(&shop, "/somewhere?token=abc", "token=abc", R_LOGIN, &rs), 303);
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

/* ---- the password login (database) ---------------------------------------- */

#define LOGIN_PASSWORD "correct horse battery staple"

static long long login_user;
static char login_email[128], login_ip[64];

static void
login_setup(void)
{
	char hash[PASSWORD_HASH_SIZE];

	log_init("check_auth");
	log_set_level(LOG_ERROR);
	ck_assert_msg(tmpl_init("templates", 0) == 0, "cannot load templates/ (run from the repository root)");
	ck_assert_msg(db_connect() == 0, "check_auth needs the test stack's MariaDB: run it through make test");
	snprintf(login_email, sizeof login_email, "login-%d@example.test", (int)getpid());
	snprintf(login_ip, sizeof login_ip, "198.51.100.%d", (int)(getpid() % 200) + 20);
	ck_assert_int_eq(password_hash(LOGIN_PASSWORD, hash), 0);
	db_exec("DELETE FROM users WHERE email = ?", "s", login_email);
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role, password_hash, email_verified_at)"
				 " VALUES (?, 'Login Test', 'customer', ?, UTC_TIMESTAMP())", "ss",
				 login_email, hash), 1);
	login_user = (long long)db_insert_id();
}

static void
login_teardown(void)
{
	db_exec("DELETE FROM login_failures WHERE email = ? OR ip = ?", "ss", login_email, login_ip);
	db_exec("DELETE FROM mail_outbox WHERE to_addr = ?", "s", login_email);
	db_exec("DELETE FROM sessions WHERE user_id = ?", "i", login_user);
	db_exec("DELETE FROM users WHERE id = ?", "i", login_user);
	db_close();
}

/* A login POST from login_ip, with cookie (may be NULL). */
static void
login_request(struct req *rq, struct resp *rs, const char *cookie)
{
	char **env = calloc(8, sizeof *env);
	size_t n = 0;

	env[n++] = strdup("REQUEST_METHOD=POST");
	env[n++] = strdup("REQUEST_URI=/login");
	env[n] = malloc(strlen(login_ip) + 13);
	sprintf(env[n++], "REMOTE_ADDR=%s", login_ip);
	env[n++] = strdup("HTTP_USER_AGENT=check_auth");
	if (cookie) {
		env[n] = malloc(strlen(cookie) + 13);
		sprintf(env[n++], "HTTP_COOKIE=%s", cookie);
	}
	ck_assert_int_eq(req_init(rq, env, "", 0, &req_default_limits), 0);
	resp_init(rs);
}

static void
login_done(struct req *rq, struct resp *rs)
{
	req_free(rq);
	resp_free(rs);
}

static long long
login_failures(const char *key)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM login_failures WHERE email = ?", "s", key);
}

static long long
login_sessions(void)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM sessions WHERE user_id = ?", "i", login_user);
}

/* The right password: a session (row, cookie, rq->sess), the failures gone. */
START_TEST(test_password_login_ok)
{
	struct auth_login out;
	struct req rq;
	struct resp rs;
	char upper[128];
	size_t i;

	ck_assert_int_eq(auth_login_result(auth_login_attempt(login_email, "192.0.2.200"), login_email, "192.0.2.200", 0), 0);
	ck_assert_int_eq(auth_login_result(auth_login_attempt(login_email, "192.0.2.200"), login_email, "192.0.2.200", 0), 0);
	ck_assert_int_eq(login_failures(login_email), 2);
	for (i = 0; login_email[i]; i++)
		upper[i] = (char)(login_email[i] >= 'a' && login_email[i] <= 'z' ? login_email[i] - 32 : login_email[i]);
	upper[i] = '\0';
	login_request(&rq, &rs, NULL);
	ck_assert_int_eq(auth_password_login(&rq, &rs, upper, LOGIN_PASSWORD, NULL, &out), AUTH_LOGIN_OK);
	ck_assert_str_eq(out.email, login_email);
	ck_assert_int_eq(out.user_id, login_user);
	ck_assert_str_eq(out.role, "customer");
	ck_assert_ptr_nonnull(rq.sess);
	ck_assert_int_eq(rq.sess->user_id, login_user);
	ck_assert_int_eq(rq.sess->mfa, 0);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Set-Cookie: bz_session="));
	ck_assert_int_eq(login_sessions(), 1);
	ck_assert_int_eq(login_failures(login_email), 0);
	login_done(&rq, &rs);
	db_exec("DELETE FROM login_failures WHERE ip = '192.0.2.200'", "");
}
END_TEST

/* Logging in ends the visitor's session and starts one with a new id. */
START_TEST(test_password_login_new_session)
{
	struct auth_login out;
	struct req rq;
	struct resp rs;
	char cookie[200];
	const char *set;
	long long first;

	login_request(&rq, &rs, NULL);
	ck_assert_int_eq(auth_password_login(&rq, &rs, login_email, LOGIN_PASSWORD, NULL, &out), AUTH_LOGIN_OK);
	first = rq.sess->id;
	set = strstr(rs.headers.data, "bz_session=");
	snprintf(cookie, sizeof cookie, "%.*s", (int)strcspn(set, ";"), set);
	login_done(&rq, &rs);
	login_request(&rq, &rs, cookie);
	ck_assert_int_eq(sess_load(&rq, &rs), 1);
	ck_assert_int_eq(auth_password_login(&rq, &rs, login_email, LOGIN_PASSWORD, NULL, &out), AUTH_LOGIN_OK);
	ck_assert_int_ne(rq.sess->id, first);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM sessions WHERE id = ?", "i", first), 0);
	ck_assert_int_eq(login_sessions(), 1);
	login_done(&rq, &rs);
}
END_TEST

/* A wrong password and an unknown or deleted address read the same, and
 * each counts; a malformed address or an empty password is not a guess. */
START_TEST(test_password_login_wrong)
{
	struct auth_login out;
	struct req rq;
	struct resp rs;
	char unknown[160];

	snprintf(unknown, sizeof unknown, "nobody-%s", login_email);
	login_request(&rq, &rs, NULL);
	ck_assert_int_eq(auth_password_login(&rq, &rs, login_email, "not the password", NULL, &out),
			 AUTH_LOGIN_WRONG);
	ck_assert_ptr_null(rq.sess);
	ck_assert_int_eq(auth_password_login(&rq, &rs, unknown, LOGIN_PASSWORD, NULL, &out), AUTH_LOGIN_WRONG);
	ck_assert_int_eq(login_failures(login_email), 1);
	ck_assert_int_eq(login_failures(unknown), 1);
	ck_assert_int_eq(auth_password_login(&rq, &rs, "not an address", LOGIN_PASSWORD, NULL, &out),
			 AUTH_LOGIN_BAD_EMAIL);
	ck_assert_str_eq(out.problem, "Enter an email address like name@example.com.");
	ck_assert_int_eq(auth_password_login(&rq, &rs, login_email, "", NULL, &out), AUTH_LOGIN_WRONG);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM login_failures WHERE ip = ?", "s", login_ip), 2);
	ck_assert_uint_eq(rs.headers.len, 0);
	/* a deleted account is an unknown address, right password or not */
	ck_assert_int_eq(db_exec("UPDATE users SET status = 'deleted' WHERE id = ?", "i", login_user), 1);
	ck_assert_int_eq(auth_password_login(&rq, &rs, login_email, LOGIN_PASSWORD, NULL, &out), AUTH_LOGIN_WRONG);
	ck_assert_int_eq(login_failures(login_email), 2);
	ck_assert_int_eq(login_sessions(), 0);
	login_done(&rq, &rs);
	db_exec("DELETE FROM login_failures WHERE email = ?", "s", unknown);
}
END_TEST

/* A role asked for: another role's right password is a failure, which
 * clears none of that account's failures. */
START_TEST(test_password_login_role)
{
	struct auth_login out;
	struct req rq;
	struct resp rs;

	login_request(&rq, &rs, NULL);
	ck_assert_int_eq(auth_password_login(&rq, &rs, login_email, "not the password", NULL, &out),
			 AUTH_LOGIN_WRONG);
	ck_assert_int_eq(auth_password_login(&rq, &rs, login_email, LOGIN_PASSWORD, "admin", &out),
			 AUTH_LOGIN_WRONG);
	ck_assert_int_eq(login_failures(login_email), 2);
	ck_assert_int_eq(login_sessions(), 0);
	ck_assert_int_eq(db_exec("UPDATE users SET role = 'admin' WHERE id = ?", "i", login_user), 1);
	ck_assert_int_eq(auth_password_login(&rq, &rs, login_email, LOGIN_PASSWORD, "admin", &out), AUTH_LOGIN_OK);
	ck_assert_str_eq(out.role, "admin");
	ck_assert_int_eq(rq.sess->mfa, 0);	/* the second factor is still to come */
	ck_assert_int_eq(login_failures(login_email), 0);
	login_done(&rq, &rs);
}
END_TEST

/* A blocked account's right password opens no session, says why, and is no
 * failure; its wrong one is one. */
START_TEST(test_password_login_blocked)
{
	struct auth_login out;
	struct req rq;
	struct resp rs;

	ck_assert_int_eq(db_exec("UPDATE users SET status = 'blocked', status_reason = 'Selling fakes.'"
				 " WHERE id = ?", "i", login_user), 1);
	login_request(&rq, &rs, NULL);
	ck_assert_int_eq(auth_password_login(&rq, &rs, login_email, "not the password", NULL, &out),
			 AUTH_LOGIN_WRONG);
	ck_assert_ptr_null(out.reason);
	ck_assert_int_eq(login_failures(login_email), 1);
	ck_assert_int_eq(auth_password_login(&rq, &rs, login_email, LOGIN_PASSWORD, NULL, &out),
			 AUTH_LOGIN_BLOCKED);
	ck_assert_str_eq(out.reason, "Selling fakes.");
	ck_assert_ptr_null(rq.sess);
	ck_assert_int_eq(login_sessions(), 0);
	ck_assert_int_eq(login_failures(login_email), 0);
	login_done(&rq, &rs);
}
END_TEST

/* The tenth failure locks the address and mails its owner once; then even
 * the right password waits, with Retry-After. */
START_TEST(test_password_login_locked)
{
	struct auth_login out;
	struct req rq;
	struct resp rs;
	int i;

	login_request(&rq, &rs, NULL);
	for (i = 1; i <= 10; i++)
		ck_assert_int_eq(auth_password_login(&rq, &rs, login_email, "wrong wrong wrong", NULL, &out),
				 AUTH_LOGIN_WRONG);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ? AND template = 'login_locked'",
				   "s", login_email), 1);
	ck_assert_int_eq(auth_password_login(&rq, &rs, login_email, LOGIN_PASSWORD, NULL, &out), AUTH_LOGIN_LOCKED);
	ck_assert_int_gt(out.wait, 800);
	ck_assert_int_le(out.wait, 901);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Retry-After: "));
	ck_assert_int_eq(atoll(strstr(rs.headers.data, "Retry-After: ") + 13), out.wait);
	ck_assert_ptr_null(rq.sess);
	ck_assert_int_eq(login_failures(login_email), 10);	/* refused before counting */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?", "s", login_email), 1);
	login_done(&rq, &rs);
}
END_TEST

/* An admin whose address locks gets the admin site's notice instead. */
START_TEST(test_password_login_locked_admin_mail)
{
	struct auth_login out;
	struct req rq;
	struct resp rs;
	int i;

	ck_assert_int_eq(db_exec("UPDATE users SET role = 'admin' WHERE id = ?", "i", login_user), 1);
	login_request(&rq, &rs, NULL);
	for (i = 1; i <= 10; i++)
		ck_assert_int_eq(auth_password_login(&rq, &rs, login_email, "wrong wrong wrong", "admin", &out),
				 AUTH_LOGIN_WRONG);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				   " AND template = 'admin_login_locked'", "s", login_email), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?", "s", login_email), 1);
	login_done(&rq, &rs);
}
END_TEST

/* A hash made with other costs is made again at the next right password. */
START_TEST(test_password_login_rehash)
{
	char old[crypto_pwhash_STRBYTES];
	struct auth_login out;
	struct db_result *r;
	struct req rq;
	struct resp rs;

	ck_assert_int_eq(crypto_pwhash_str(old, LOGIN_PASSWORD, strlen(LOGIN_PASSWORD), 3, 8u << 20), 0);
	ck_assert_int_eq(db_exec("UPDATE users SET password_hash = ? WHERE id = ?", "si", old, login_user), 1);
	login_request(&rq, &rs, NULL);
	/* a wrong password changes nothing */
	ck_assert_int_eq(auth_password_login(&rq, &rs, login_email, "not the password", NULL, &out),
			 AUTH_LOGIN_WRONG);
	r = db_query("SELECT password_hash FROM users WHERE id = ?", "i", login_user);
	ck_assert(r != NULL && db_next(r));
	ck_assert_str_eq(db_str(r, 0), old);
	db_free(r);
	ck_assert_int_eq(auth_password_login(&rq, &rs, login_email, LOGIN_PASSWORD, NULL, &out), AUTH_LOGIN_OK);
	r = db_query("SELECT password_hash FROM users WHERE id = ?", "i", login_user);
	ck_assert(r != NULL && db_next(r));
	ck_assert_str_ne(db_str(r, 0), old);
	ck_assert(!password_needs_rehash(db_str(r, 0)));
	ck_assert(password_verify(db_str(r, 0), LOGIN_PASSWORD));
	db_free(r);
	login_done(&rq, &rs);
}
END_TEST

static Suite *
auth_suite(void)
{
	Suite *s = suite_create("auth");
	TCase *tc = tcase_create("rules");
	TCase *db = tcase_create("failures");
	TCase *login = tcase_create("password login");

	tcase_add_test(tc, test_email_normalised);
	tcase_add_test(tc, test_email_refused);
	tcase_add_test(tc, test_next_path);
	tcase_add_test(tc, test_guard_login_path_from_app);
	tcase_add_test(tc, test_guard_link_token);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(db, lock_setup, lock_teardown);
	tcase_set_timeout(db, 30);
	tcase_add_test(db, test_locked_after_max_failures);
	tcase_add_test(db, test_locked_per_ip);
	tcase_add_test(db, test_old_failures_do_not_count);
	tcase_add_test(db, test_parallel_attempts_count_at_once);
	tcase_add_test(db, test_success_keeps_second_factor_failures);
	suite_add_tcase(s, db);
	tcase_add_checked_fixture(login, login_setup, login_teardown);
	tcase_set_timeout(login, 60);
	tcase_add_test(login, test_password_login_ok);
	tcase_add_test(login, test_password_login_new_session);
	tcase_add_test(login, test_password_login_wrong);
	tcase_add_test(login, test_password_login_role);
	tcase_add_test(login, test_password_login_blocked);
	tcase_add_test(login, test_password_login_locked);
	tcase_add_test(login, test_password_login_locked_admin_mail);
	tcase_add_test(login, test_password_login_rehash);
	suite_add_tcase(s, login);
	return s;
}

CHECK_MAIN(auth_suite)
