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
	pu_assert_has(p, "<form class=\"form\" action=\"/admin/login\" method=\"post\" novalidate>");
	pu_assert_has(p, "<label for=\"email\">");
	pu_assert_has(p, "autocomplete=\"current-password\"");
	pu_assert_has(p, "name=\"next\" value=\"/admin/vendors\"");
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	/* no shopper's search box and no shopper's log in and sign up links */
	pu_assert_no_site_search(p);
	pu_assert_lacks(p, "href=\"/signup\"");
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
	/* the router's form: both fields asked for at once, the address kept,
	 * the way back kept; nothing counted */
	p = login_post("", "");
	pu_assert_status(p, 422);
	pu_assert_has(p, "<a href=\"#email\">Enter your email address.</a>");
	pu_assert_has(p, "<a href=\"#password\">Enter your password.</a>");
	pu_free(p);
	p = login_post(" " PU_PREFIX "-typed@example.test ", "");
	pu_assert_status(p, 422);
	pu_assert_has(p, "value=\"" PU_PREFIX "-typed@example.test\"");
	pu_assert_has(p, "value=\"/admin/users\"");
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?",
				    PU_PREFIX "-typed@example.test"), 0);
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

/* An admin blocked while logged in is sent to the login page, which says
 * why in the shared sentence, once (the notice, not also the flash). */
START_TEST(test_login_form_blocked)
{
	struct admt_user a;
	struct pu_page *p;
	const char *said;

	admt_admin_new(&a, 0);
	ck_assert_int_eq(db_exec("UPDATE users SET status = 'blocked', status_reason = 'Testing the notice'"
				 " WHERE id = ?", "i", a.u.id), 1);
	p = pu_request("GET", "/admin/login", a.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<div class=\"notice notice-bad\" role=\"alert\"><p>Your account has been blocked:"
		      " Testing the notice. To appeal, write to ");
	said = strstr(p->body, "Your account has been blocked");
	ck_assert_ptr_nonnull(said);
	ck_assert_ptr_null(strstr(said + 1, "Your account has been blocked"));
	pu_free(p);
}
END_TEST

START_TEST(test_login_csrf)
{
	struct admt_user a;
	char body[512];

	admt_user_new(&a, "admin");
	snprintf(body, sizeof body, "email=%s&password=page+test+password+1", a.u.email);
	pu_expect(403, pu_post("/admin/login", PU_ANON_COOKIE, body));
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
	pu_assert_retry_after(p, 800, 901);
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

/* The same from PU_TEST_IP, for failures on purpose (the count per client
 * address of 127.0.0.1 stays untouched). */
static struct pu_page *
mfa_post_test_ip(const struct admt_user *a, const char *code)
{
	char body[300];

	snprintf(body, sizeof body, "csrf=%s&code=%s", a->u.csrf, code);
	return pu_request_ip("POST", "/admin/2fa", a->u.cookie, body, PU_TEST_IP);
}

/* A code the admin's app does not show now (nor a step before or after). */
static const char *
wrong_code(const struct admt_user *a)
{
	static const char *const candidates[] = { "000000", "111111", "222222", "333333" };
	char near[3][7];
	size_t i;
	int d;

	for (d = -1; d <= 1; d++)
		ck_assert_int_eq(totp_code_at(a->secret, time(NULL) + 30 * d, near[d + 1]), 0);
	for (i = 0; i < 3; i++)
		if (strcmp(candidates[i], near[0]) && strcmp(candidates[i], near[1]) && strcmp(candidates[i], near[2]))
			return candidates[i];
	return candidates[3];
}

START_TEST(test_mfa)
{
	struct admt_user a;
	struct pu_page *p;
	char renewed[sizeof a.u.cookie];

	admt_admin_new(&a, 0);
	p = pu_request("GET", "/admin/2fa?next=/admin/vendors", a.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "autocomplete=\"one-time-code\"");
	pu_assert_has(p, "name=\"next\" value=\"/admin/vendors\"");
	/* the page's own "Cancel and log out", not the shop's as well */
	pu_assert_one_logout(p);
	pu_assert_no_site_search(p);
	pu_free(p);

	/* a wrong code, counted as a failure of the second factor (not of the password) */
	p = mfa_post(&a, wrong_code(&a));
	pu_assert_status(p, 422);
	pu_assert_text(p, "That code is wrong or was already used.");
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", admt_mfa_key(a.u.id)), 1);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", a.u.email), 0);
	/* not 6 digits */
	p = mfa_post(&a, "12ab");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter the 6-digit code from your authenticator app.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ? AND mfa_at IS NOT NULL",
				  a.u.session_id), 0);

	/* the right code: the session passes under a new id and token (the
	 * token that had only the password opens nothing), the login is audited */
	p = mfa_post(&a, admt_code(&a));
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/vendors");
	ck_assert_ptr_nonnull(pu_set_cookie(p, "bz_session"));
	snprintf(renewed, sizeof renewed, "bz_session=%.64s", pu_set_cookie(p, "bz_session"));
	pu_free(p);
	ck_assert_str_ne(renewed, a.u.cookie);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", a.u.session_id), 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ? AND mfa_at IS NOT NULL",
				  a.u.id), 1);
	p = pu_request("GET", "/admin/", a.u.cookie);
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/login?next=%2Fadmin%2F");
	pu_free(p);
	snprintf(a.u.cookie, sizeof a.u.cookie, "%s", renewed);
	ck_assert_int_eq(pu_audits("admin.login", "user", a.u.id), 1);
	ck_assert_int_gt(pu_count("SELECT totp_last_step FROM users WHERE id = ?", a.u.id), 0);
	/* a right code forgets the wrong ones */
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", admt_mfa_key(a.u.id)), 0);
	/* and the admin pages open */
	pu_expect(200, pu_request("GET", "/admin/", a.u.cookie));
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
	pu_expect(404, pu_request("GET", "/admin/2fa", customer.u.cookie));
	pu_expect(404, pu_post_as(&customer.u, "/admin/2fa", "code=123456"));
	/* CSRF missing: refused, nothing changed */
	admt_admin_new(&admin, 0);
	pu_expect(403, pu_post("/admin/2fa", admin.u.cookie, "code=123456"));
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", admin.u.email), 0);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", admt_mfa_key(admin.u.id)),
			 0);
}
END_TEST

/* Wrong codes lock the second factor; the right password in between does
 * not clear them (9 guesses, a password login, 9 more... is no way round). */
START_TEST(test_mfa_locked)
{
	struct admt_user a;
	struct pu_page *p;
	const char *wrong;
	int i;

	admt_admin_new(&a, 0);
	wrong = wrong_code(&a);
	for (i = 0; i < 9; i++) {
		p = mfa_post_test_ip(&a, wrong);
		pu_assert_status(p, 422);
		pu_free(p);
	}
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", admt_mfa_key(a.u.id)), 9);
	/* the password step again: a new session, the failed codes stay */
	p = login_post(a.u.email, PU_PASSWORD);
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", admt_mfa_key(a.u.id)), 9);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'admin_login_locked'", a.u.email), 0);
	/* the tenth locks, and the admin is told once */
	p = mfa_post_test_ip(&a, wrong);
	pu_assert_status(p, 422);
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'admin_login_locked'", a.u.email), 1);
	/* now even the right code, from another address, waits */
	p = mfa_post(&a, admt_code(&a));
	pu_assert_status(p, 429);
	pu_assert_text(p, "Too many failed attempts. Try again in");
	pu_assert_retry_after(p, 800, 901);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ? AND mfa_at IS NOT NULL", a.u.id), 0);
	ck_assert_int_eq(pu_audits("admin.login", "user", a.u.id), 0);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'admin_login_locked'", a.u.email), 1);
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

/* An enrolment link for user_id, as `bazaar-admin enrol-link` makes it. */
static void
enrol_link(long long user_id, char token[TOKEN_TEXT_SIZE])
{
	unsigned char hash[TOKEN_HASH_BYTES];

	token_new(token);
	token_hash(token, hash);
	ck_assert_int_eq(db_exec("INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at)"
				 " VALUES (?, 'enrol', ?, NOW() + INTERVAL 24 HOUR)", "ib", user_id, hash,
				 sizeof hash), 1);
}

/* A new admin as `bazaar-admin create` makes it: no password, a link token. */
static void
enrol_new(struct admt_user *a, char token[TOKEN_TEXT_SIZE])
{
	memset(a, 0, sizeof *a);
	pu_email(PU_PREFIX, a->u.email, sizeof a->u.email);
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role, email_verified_at)"
				 " VALUES (?, 'New Admin', 'admin', NOW())", "s", a->u.email), 1);
	a->u.id = (long long)db_insert_id();
	enrol_link(a->u.id, token);
}

/* The stored (sealed) TOTP secret of user_id in hex, malloc'd. */
static char *
enrol_stored(long long user_id)
{
	char *row[1] = { NULL };

	ck_assert(pu_row1(row, 1, "SELECT HEX(totp_secret_enc) FROM users WHERE id = ?", "i", &user_id));
	ck_assert_ptr_nonnull(row[0]);
	return row[0];
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
	p = enrol_post(token, "a+long+enough+password+1", "a+long+enough+password+1", wrong_code(&a));
	pu_assert_status(p, 422);
	pu_assert_text(p, "That code is wrong or was already used.");
	pu_free(p);
	/* counted like a wrong code at the second factor */
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", admt_mfa_key(a.u.id)), 1);
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
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", admt_mfa_key(a.u.id)), 0);
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

/* A new link for an enrolled admin: opening it changes nothing; the
 * button makes the new secret; finishing replaces password and app. */
START_TEST(test_enrol_again)
{
	struct admt_user a;
	char token[TOKEN_TEXT_SIZE], uri[200], body[400], *before, *now;
	unsigned char old_secret[TOTP_SECRET_BYTES];
	struct pu_page *p;
	int i;

	admt_admin_new(&a, 1);
	enrol_link(a.u.id, token);
	before = enrol_stored(a.u.id);
	snprintf(uri, sizeof uri, "/admin/enrol?token=%s", token);
	/* a link preview, then the admin: the same page, nothing changed */
	for (i = 0; i < 2; i++) {
		p = pu_request("GET", uri, PU_ANON_COOKIE);
		pu_assert_status(p, 200);
		pu_assert_text(p, "Nothing has changed yet.");
		pu_assert_has(p, "<input type=\"hidden\" name=\"step\" value=\"start\">");
		pu_assert_has(p, "Start setting up a new authenticator</button>");
		pu_assert_lacks(p, "<span class=\"secret\">");
		pu_assert_lacks(p, "<svg");
		pu_free(p);
	}
	now = enrol_stored(a.u.id);
	ck_assert_str_eq(now, before);
	free(now);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND used_at IS NULL", a.u.id), 1);
	/* the working app still signs in */
	pu_login(&a.u, 0);
	p = mfa_post(&a, admt_code(&a));
	ck_assert_int_eq(p->status, 303);
	pu_free(p);

	/* the final form sent without pressing the button, with a wrong code:
	 * the answer offers the button and never shows the working secret */
	p = enrol_post(token, "another+long+password+2", "another+long+password+2", "000000");
	pu_assert_has(p, "Start setting up a new authenticator</button>");
	pu_assert_lacks(p, "<span class=\"secret\">");
	pu_assert_lacks(p, "<svg");
	pu_free(p);
	now = enrol_stored(a.u.id);
	ck_assert_str_eq(now, before);
	free(now);

	/* an unknown step is refused */
	snprintf(body, sizeof body, "csrf=%s&token=%s&step=finish", PU_ANON_CSRF, token);
	pu_expect(400, pu_post("/admin/enrol", PU_ANON_COOKIE, body));
	/* the button: a new secret, shown once with its QR code */
	snprintf(body, sizeof body, "csrf=%s&token=%s&step=start", PU_ANON_CSRF, token);
	p = pu_post("/admin/enrol", PU_ANON_COOKIE, body);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<svg");
	memcpy(old_secret, a.secret, sizeof old_secret);
	enrol_secret(p, a.secret);
	ck_assert(memcmp(old_secret, a.secret, sizeof old_secret) != 0);
	pu_free(p);
	now = enrol_stored(a.u.id);
	ck_assert_str_ne(now, before);
	free(now);
	free(before);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND password_hash IS NOT NULL"
				  " AND totp_last_step = 0", a.u.id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND used_at IS NULL", a.u.id), 1);

	/* finishing: new password, other sessions ended, the link used up */
	p = enrol_post(token, "another+long+password+2", "another+long+password+2", admt_code(&a));
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/");
	ck_assert_ptr_nonnull(pu_set_cookie(p, "bz_session"));
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", a.u.session_id), 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", a.u.id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND used_at IS NULL", a.u.id), 0);
	ck_assert_int_eq(pu_audits("admin.enrol", "user", a.u.id), 1);
	p = login_post(a.u.email, "another long password 2");
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
}
END_TEST

/* While the second factor is locked, the enrolment's code waits too. */
START_TEST(test_enrol_locked)
{
	struct admt_user a;
	char token[TOKEN_TEXT_SIZE], uri[200];
	struct pu_page *p;
	int i;

	enrol_new(&a, token);
	snprintf(uri, sizeof uri, "/admin/enrol?token=%s", token);
	p = pu_request("GET", uri, PU_ANON_COOKIE);
	pu_assert_status(p, 200);
	enrol_secret(p, a.secret);
	pu_free(p);
	for (i = 0; i < 10; i++)
		ck_assert_int_eq(db_exec("INSERT INTO login_failures (email, ip, at) VALUES (?, '192.0.2.1',"
					 " UTC_TIMESTAMP(6))", "s", admt_mfa_key(a.u.id)), 1);
	p = enrol_post(token, "a+long+enough+password+1", "a+long+enough+password+1", admt_code(&a));
	pu_assert_status(p, 429);
	pu_assert_text(p, "Too many failed attempts. Try again in");
	pu_assert_retry_after(p, 800, 901);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND password_hash IS NULL", a.u.id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND used_at IS NULL", a.u.id), 1);
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
	pu_expect(404, pu_get("/admin/enrol"));
	/* expired */
	enrol_new(&a, token);
	ck_assert_int_eq(db_exec("UPDATE user_tokens SET expires_at = NOW() - INTERVAL 1 MINUTE WHERE user_id = ?",
				 "i", a.u.id), 1);
	snprintf(uri, sizeof uri, "/admin/enrol?token=%s", token);
	pu_expect(404, pu_get(uri));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND totp_secret_enc IS NULL", a.u.id), 1);
	/* CSRF missing */
	pu_expect(403, pu_post("/admin/enrol", NULL, "token=x&password=y&password2=y&code=123456"));
}
END_TEST

/* ---- logout --------------------------------------------------------------- */

START_TEST(test_logout)
{
	struct admt_user a, customer;
	struct pu_page *p;

	admt_admin_new(&a, 1);
	pu_expect(403, pu_post("/admin/logout", a.u.cookie, ""));
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
	pu_expect(404, pu_post_as(&customer.u, "/admin/logout", ""));
}
END_TEST

static Suite *
adm_auth_suite(void)
{
	Suite *s = suite_create("adm_auth");
	TCase *tc = admt_tcase_people(s, "login");

	tcase_add_test(tc, test_login_form);
	tcase_add_test(tc, test_login);
	tcase_add_test(tc, test_login_refused);
	tcase_add_test(tc, test_login_form_blocked);
	tcase_add_test(tc, test_login_csrf);
	tcase_add_test(tc, test_login_locked);
	tc = admt_tcase_people(s, "second factor");
	tcase_add_test(tc, test_mfa);
	tcase_add_test(tc, test_mfa_replay);
	tcase_add_test(tc, test_mfa_access);
	tcase_add_test(tc, test_mfa_locked);
	tcase_add_test(tc, test_mfa_not_enrolled);
	tc = admt_tcase_people(s, "enrolment");
	tcase_add_test(tc, test_enrol);
	tcase_add_test(tc, test_enrol_again);
	tcase_add_test(tc, test_enrol_locked);
	tcase_add_test(tc, test_enrol_bad_link);
	tc = admt_tcase_people(s, "logout");
	tcase_add_test(tc, test_logout);
	return s;
}

CHECK_MAIN(adm_auth_suite)
