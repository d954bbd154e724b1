/*
 * Page tests for adm_auth.c: GET/POST /admin/login, GET/POST /admin/2fa,
 * GET/POST /admin/enrol, POST /admin/logout.
 */
#define PU_PREFIX "adm-auth"
#include "adm_util.h"

/* A login form POST from a visitor without a session. */
static struct pu_page *
login_post(const char *email, const char *password)
{
	char *body, *e = NULL, *p = NULL;
	struct buf b;
	struct pu_page *page;

	buf_init(&b);
	buf_add_urlencoded(&b, email);
	e = buf_detach(&b);
	buf_add_urlencoded(&b, password);
	p = buf_detach(&b);
	ck_assert(asprintf(&body, "csrf=%s&email=%s&password=%s&next=%%2Fadmin%%2Fusers", PU_ANON_CSRF,
			   e ? e : "", p ? p : "") > 0);
	page = pu_post("/admin/login", PU_ANON_COOKIE, body);
	free(body);
	free(e);
	free(p);
	return page;
}

START_TEST(test_login_form)
{
	struct pu_page *p = pu_get("/admin/login?next=/admin/vendors");

	pu_assert_status(p, 200);
	pu_assert_has(p, "<form class=\"form\" action=\"/admin/login\" method=\"post\">");
	pu_assert_has(p, "<label for=\"email\">");
	pu_assert_has(p, "autocomplete=\"current-password\"");
	pu_assert_has(p, "name=\"next\" value=\"/admin/vendors\"");
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	ck_assert_ptr_nonnull(pu_set_cookie(p, "bz_csrf"));
	pu_free(p);
	/* a return address outside the admin site is not kept */
	p = pu_get("/admin/login?next=https://evil.example/");
	pu_assert_status(p, 200);
	pu_assert_has(p, "name=\"next\" value=\"/admin/\"");
	pu_free(p);
}
END_TEST

START_TEST(test_login)
{
	struct admt_user a;
	struct pu_page *p;
	const char *cookie;

	admt_user_new(&a, "admin");
	admt_enrol(&a);
	p = login_post(a.u.email, PU_PASSWORD);
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/2fa?next=%2Fadmin%2Fusers");
	cookie = pu_set_cookie(p, "bz_session");
	ck_assert_ptr_nonnull(cookie);
	ck_assert(strlen(cookie) > 20);
	/* a session without the second factor */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ? AND mfa_at IS NULL", a.u.id), 1);
	pu_free(p);
}
END_TEST

START_TEST(test_login_refused)
{
	struct admt_user admin, customer;
	struct pu_page *p;

	admt_user_new(&admin, "admin");
	admt_user_new(&customer, "customer");
	/* wrong password */
	p = login_post(admin.u.email, "not the password at all");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Email or password is wrong.");
	pu_assert_has(p, "aria-invalid=\"true\"");
	pu_assert_text(p, admin.u.email);
	pu_assert_lacks(p, "not the password at all");
	pu_free(p);
	/* a customer with the right password gets the same answer, and no session */
	p = login_post(customer.u.email, PU_PASSWORD);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Email or password is wrong.");
	ck_assert_ptr_null(pu_set_cookie(p, "bz_session"));
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", customer.u.id), 0);
	/* unknown address, bad address, empty password */
	p = login_post(PU_PREFIX "-nobody@example.test", PU_PASSWORD);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Email or password is wrong.");
	pu_free(p);
	p = login_post("not an address", PU_PASSWORD);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter an email address like name@example.com.");
	pu_free(p);
	p = login_post(admin.u.email, "");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter your password.");
	pu_free(p);
	/* the failures were counted */
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", admin.u.email), 1);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", customer.u.email), 1);
	/* a blocked admin is told so after the right password */
	ck_assert_int_eq(db_exec("UPDATE users SET status = 'blocked' WHERE id = ?", "i", admin.u.id), 1);
	p = login_post(admin.u.email, PU_PASSWORD);
	pu_assert_status(p, 403);
	pu_assert_text(p, "This account is blocked.");
	pu_free(p);
}
END_TEST

START_TEST(test_login_csrf)
{
	struct admt_user a;
	struct pu_page *p;
	char body[512];

	admt_user_new(&a, "admin");
	snprintf(body, sizeof body, "email=%s&password=page+test+password+1", a.u.email);
	p = pu_post("/admin/login", PU_ANON_COOKIE, body);
	pu_assert_status(p, 403);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", a.u.id), 0);
}
END_TEST

START_TEST(test_login_locked)
{
	struct admt_user a;
	struct pu_page *p;
	int i;

	admt_user_new(&a, "admin");
	for (i = 0; i < 10; i++)
		ck_assert_int_eq(db_exec("INSERT INTO login_failures (email, ip, at) VALUES (?, '192.0.2.1',"
					 " UTC_TIMESTAMP(6))", "s", a.u.email), 1);
	p = login_post(a.u.email, PU_PASSWORD);
	pu_assert_status(p, 429);
	pu_assert_text(p, "Too many failed attempts.");
	ck_assert_ptr_null(pu_set_cookie(p, "bz_session"));
	pu_free(p);
}
END_TEST

/* ---- second factor -------------------------------------------------------- */

static struct pu_page *
mfa_post(const struct admt_user *a, const char *code)
{
	char body[200];

	snprintf(body, sizeof body, "code=%s&next=%%2Fadmin%%2Fvendors", code);
	return pu_post_as(&a->u, "/admin/2fa", body);
}

START_TEST(test_mfa)
{
	struct admt_user a;
	struct pu_page *p;

	admt_admin_new(&a, 0);
	p = pu_request("GET", "/admin/2fa?next=/admin/vendors", a.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "autocomplete=\"one-time-code\"");
	pu_assert_has(p, "name=\"next\" value=\"/admin/vendors\"");
	pu_free(p);

	/* a wrong code, counted as a failed login */
	p = mfa_post(&a, strcmp(admt_code(&a), "000000") == 0 ? "111111" : "000000");
	pu_assert_status(p, 422);
	pu_assert_text(p, "That code is wrong or was already used.");
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", a.u.email), 1);
	/* not 6 digits */
	p = mfa_post(&a, "12ab");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter the 6-digit code from your authenticator app.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ? AND mfa_at IS NOT NULL",
				  a.u.session_id), 0);

	/* the right code: the session passes, the login is audited */
	p = mfa_post(&a, admt_code(&a));
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/vendors");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ? AND mfa_at IS NOT NULL",
				  a.u.session_id), 1);
	ck_assert_int_eq(pu_audits("admin.login", "user", a.u.id), 1);
	ck_assert_int_gt(pu_count("SELECT totp_last_step FROM users WHERE id = ?", a.u.id), 0);
	/* and the admin pages open */
	p = pu_request("GET", "/admin/", a.u.cookie);
	pu_assert_status(p, 200);
	pu_free(p);
	/* the form is not shown again */
	p = pu_request("GET", "/admin/2fa", a.u.cookie);
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/");
	pu_free(p);
}
END_TEST

START_TEST(test_mfa_replay)
{
	struct admt_user a;
	struct pu_page *p;
	char code[7];

	admt_admin_new(&a, 0);
	snprintf(code, sizeof code, "%s", admt_code(&a));
	p = mfa_post(&a, code);
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
	/* a second session of the same admin cannot use the same code */
	pu_login(&a.u, 0);
	p = mfa_post(&a, code);
	pu_assert_status(p, 422);
	pu_assert_text(p, "That code is wrong or was already used.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ? AND mfa_at IS NOT NULL",
				  a.u.session_id), 0);
	ck_assert_int_eq(pu_audits("admin.login", "user", a.u.id), 1);
}
END_TEST

START_TEST(test_mfa_access)
{
	struct admt_user customer, admin;
	struct pu_page *p;

	/* anonymous: to the admin login */
	p = pu_get("/admin/2fa");
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/login?next=%2Fadmin%2F2fa");
	pu_free(p);
	/* a customer: not found */
	admt_user_new(&customer, "customer");
	pu_login(&customer.u, 0);
	p = pu_request("GET", "/admin/2fa", customer.u.cookie);
	pu_assert_status(p, 404);
	pu_free(p);
	p = pu_post_as(&customer.u, "/admin/2fa", "code=123456");
	pu_assert_status(p, 404);
	pu_free(p);
	/* CSRF missing: refused, nothing changed */
	admt_admin_new(&admin, 0);
	p = pu_post("/admin/2fa", admin.u.cookie, "code=123456");
	pu_assert_status(p, 403);
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", admin.u.email), 0);
}
END_TEST

START_TEST(test_mfa_not_enrolled)
{
	struct admt_user a;
	struct pu_page *p;

	admt_user_new(&a, "admin");
	pu_login(&a.u, 0);
	p = pu_request("GET", "/admin/2fa", a.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, "no authenticator app set up yet");
	pu_assert_text(p, "enrolment link");
	pu_assert_lacks(p, "name=\"code\"");
	pu_free(p);
}
END_TEST

/* ---- enrolment ------------------------------------------------------------ */

/* A new admin as `bazaar-admin create` makes it: no password, a link token. */
static void
enrol_new(struct admt_user *a, char token[TOKEN_TEXT_SIZE])
{
	unsigned char hash[TOKEN_HASH_BYTES];

	memset(a, 0, sizeof *a);
	pu_email(PU_PREFIX, a->u.email, sizeof a->u.email);
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role, email_verified_at)"
				 " VALUES (?, 'New Admin', 'admin', NOW())", "s", a->u.email), 1);
	a->u.id = (long long)db_insert_id();
	token_new(token);
	token_hash(token, hash);
	ck_assert_int_eq(db_exec("INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at)"
				 " VALUES (?, 'enrol', ?, NOW() + INTERVAL 24 HOUR)", "ib", a->u.id, hash,
				 sizeof hash), 1);
}

/* The secret shown on the enrolment page. */
static void
enrol_secret(const struct pu_page *p, unsigned char secret[TOTP_SECRET_BYTES])
{
	const char *s = strstr(p->body, "<span class=\"secret\">");
	char text[64];

	ck_assert_ptr_nonnull(s);
	s += strlen("<span class=\"secret\">");
	ck_assert(sscanf(s, "%63[A-Z2-7 ]", text) == 1);
	ck_assert_int_eq(totp_parse_base32(text, secret), 0);
}

static struct pu_page *
enrol_post(const char *token, const char *password, const char *again, const char *code)
{
	char body[600];

	snprintf(body, sizeof body, "csrf=%s&token=%s&password=%s&password2=%s&code=%s", PU_ANON_CSRF, token,
		 password, again, code);
	return pu_post("/admin/enrol", PU_ANON_COOKIE, body);
}

START_TEST(test_enrol)
{
	struct admt_user a;
	char token[TOKEN_TEXT_SIZE], cookie[600], code[7], uri[200];
	const char *session;
	struct pu_page *p;

	enrol_new(&a, token);
	snprintf(uri, sizeof uri, "/admin/enrol?token=%s", token);
	p = pu_request("GET", uri, PU_ANON_COOKIE);
	pu_assert_status(p, 200);
	pu_assert_has(p, "role=\"img\" aria-label=\"QR code for your authenticator app\"");
	pu_assert_has(p, "<svg");
	pu_assert_has(p, "autocomplete=\"new-password\"");
	enrol_secret(p, a.secret);
	pu_free(p);
	/* stored sealed at once, pending */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND totp_secret_enc IS NOT NULL"
				  " AND password_hash IS NULL", a.u.id), 1);
	snprintf(code, sizeof code, "%s", admt_code(&a));

	/* bad input: nothing changes */
	p = enrol_post(token, "short", "short", code);
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"password-error\"");
	pu_assert_has(p, "<span class=\"secret\">");
	pu_free(p);
	p = enrol_post(token, "a+long+enough+password+1", "a+different+password+22", code);
	pu_assert_status(p, 422);
	pu_assert_text(p, "The two passwords are not the same.");
	pu_free(p);
	p = enrol_post(token, "a+long+enough+password+1", "a+long+enough+password+1",
		       strcmp(code, "000000") == 0 ? "111111" : "000000");
	pu_assert_status(p, 422);
	pu_assert_text(p, "That code is wrong or was already used.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND password_hash IS NULL", a.u.id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND used_at IS NULL",
				  a.u.id), 1);

	/* done: signed in with the second factor passed */
	p = enrol_post(token, "a+long+enough+password+1", "a+long+enough+password+1", code);
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/");
	session = pu_set_cookie(p, "bz_session");
	ck_assert_ptr_nonnull(session);
	snprintf(cookie, sizeof cookie, "bz_session=%s", session);
	ck_assert_ptr_nonnull(pu_set_cookie(p, "bz_flash"));
	snprintf(cookie + strlen(cookie), sizeof cookie - strlen(cookie), "; bz_flash=%s",
		 pu_set_cookie(p, "bz_flash"));
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND password_hash IS NOT NULL"
				  " AND totp_last_step > 0", a.u.id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND used_at IS NULL",
				  a.u.id), 0);
	ck_assert_int_eq(pu_audits("admin.enrol", "user", a.u.id), 1);
	p = pu_request("GET", "/admin/", cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Your admin account is ready.");
	pu_free(p);

	/* the link works once */
	p = pu_request("GET", uri, PU_ANON_COOKIE);
	pu_assert_status(p, 404);
	pu_assert_text(p, "This enrolment link does not work");
	pu_free(p);
	p = enrol_post(token, "a+long+enough+password+1", "a+long+enough+password+1", code);
	pu_assert_status(p, 404);
	pu_free(p);

	/* the password now opens the first step of the login */
	p = login_post(a.u.email, "a long enough password 1");
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
}
END_TEST

START_TEST(test_enrol_bad_link)
{
	struct admt_user a;
	char token[TOKEN_TEXT_SIZE], uri[200];
	struct pu_page *p;

	p = pu_get("/admin/enrol?token=not-a-token");
	pu_assert_status(p, 404);
	pu_assert_text(p, "This enrolment link does not work");
	pu_free(p);
	p = pu_get("/admin/enrol");
	pu_assert_status(p, 404);
	pu_free(p);
	/* expired */
	enrol_new(&a, token);
	ck_assert_int_eq(db_exec("UPDATE user_tokens SET expires_at = NOW() - INTERVAL 1 MINUTE WHERE user_id = ?",
				 "i", a.u.id), 1);
	snprintf(uri, sizeof uri, "/admin/enrol?token=%s", token);
	p = pu_get(uri);
	pu_assert_status(p, 404);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND totp_secret_enc IS NULL", a.u.id), 1);
	/* CSRF missing */
	p = pu_post("/admin/enrol", NULL, "token=x&password=y&password2=y&code=123456");
	pu_assert_status(p, 403);
	pu_free(p);
}
END_TEST

/* ---- logout --------------------------------------------------------------- */

START_TEST(test_logout)
{
	struct admt_user a, customer;
	struct pu_page *p;

	admt_admin_new(&a, 1);
	p = pu_post("/admin/logout", a.u.cookie, "");
	pu_assert_status(p, 403);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", a.u.session_id), 1);
	p = pu_post_as(&a.u, "/admin/logout", "");
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/login");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", a.u.session_id), 0);
	p = pu_request("GET", "/admin/", a.u.cookie);
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/login?next=%2Fadmin%2F");
	pu_free(p);
	/* not for others */
	admt_user_new(&customer, "customer");
	pu_login(&customer.u, 0);
	p = pu_post_as(&customer.u, "/admin/logout", "");
	pu_assert_status(p, 404);
	pu_free(p);
}
END_TEST

static Suite *
adm_auth_suite(void)
{
	Suite *s = suite_create("adm_auth");
	TCase *tc = pu_tcase_people(s, "login");

	tcase_add_test(tc, test_login_form);
	tcase_add_test(tc, test_login);
	tcase_add_test(tc, test_login_refused);
	tcase_add_test(tc, test_login_csrf);
	tcase_add_test(tc, test_login_locked);
	tc = pu_tcase_people(s, "second factor");
	tcase_add_test(tc, test_mfa);
	tcase_add_test(tc, test_mfa_replay);
	tcase_add_test(tc, test_mfa_access);
	tcase_add_test(tc, test_mfa_not_enrolled);
	tc = pu_tcase_people(s, "enrolment");
	tcase_add_test(tc, test_enrol);
	tcase_add_test(tc, test_enrol_bad_link);
	tc = pu_tcase_people(s, "logout");
	tcase_add_test(tc, test_logout);
	return s;
}

CHECK_MAIN(adm_auth_suite)
