/*
 * Page tests for sf_auth.c: sign-up, email verification (link and code),
 * login and logout, password reset.
 */
#define PU_PREFIX "sfauth"
#include "sf_account_util.h"

#include <sodium.h>

#include "auth.h"
#include "cfg.h"

#define NEW_PASSWORD "a brand new passphrase 7"

/* ---- sign-up ------------------------------------------------------------- */

START_TEST(test_signup_form)
{
	struct pu_page *p = pu_get("/signup?next=/account");

	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "<h1>Create an account</h1>");
	pu_assert_has(p, "action=\"/signup\"");
	pu_assert_has(p, "<label for=\"name\">");
	pu_assert_has(p, "autocomplete=\"new-password\"");
	pu_assert_has(p, "name=\"next\" value=\"/account\"");
	pu_assert_has(p, "name=\"csrf\" value=\"");
	ck_assert_ptr_nonnull(pu_set_cookie(p, "bz_csrf"));
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	pu_free(p);
}
END_TEST

START_TEST(test_signup)
{
	struct sat_guest g;
	struct pu_user u;
	struct pu_page *p;
	char *mail;

	memset(&u, 0, sizeof u);
	pu_email(PU_PREFIX, u.email, sizeof u.email);
	sat_guest(&g);
	p = sat_guest_post(&g, "/signup", sat_form("name", "  Ann O'Test ", "email", u.email,
						  "password", "correct horse battery", NULL));
	pu_assert_status(p, 303);
	pu_assert_location(p, "/verify");
	ck_assert_str_eq(pu_flash(p), "Welcome! Your account is created.");
	ck_assert_ptr_nonnull(pu_set_cookie(p, "bz_session"));
	ck_assert_int_gt(strlen(pu_set_cookie(p, "bz_session")), 40);
	snprintf(u.cookie, sizeof u.cookie, "bz_session=%.64s", pu_set_cookie(p, "bz_session"));
	pu_free(p);
	/* the page it leads to says where the mail went and what to do, once:
	 * not again in the flash, nor in the layout's banner */
	p = pu_request("GET", "/verify", u.cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, "We sent a mail to");
	pu_assert_text(p, u.email);
	pu_assert_lacks(p, "verify-banner");
	ck_assert_ptr_null(strstr(strstr(p->body, u.email) + 1, u.email));
	pu_free(p);

	u.id = pu_count_s("SELECT id FROM users WHERE email = ?", u.email);
	ck_assert_int_gt(u.id, 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND role = 'customer'"
				  " AND status = 'active' AND email_verified_at IS NULL AND name = 'Ann O''Test'"
				  " AND password_hash LIKE '$argon2id$%'", u.id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND purpose = 'verify'"
				  " AND code_hash IS NOT NULL AND used_at IS NULL"
				  " AND expires_at BETWEEN NOW() + INTERVAL 23 HOUR AND NOW() + INTERVAL 25 HOUR",
				  u.id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", u.id), 1);
	ck_assert_int_eq(pu_audits("user.signup", "user", u.id), 1);
	mail = sat_mail(u.email, "verify_email");
	ck_assert_ptr_nonnull(mail);
	ck_assert_ptr_nonnull(strstr(mail, "/verify?token="));
	ck_assert_int_eq(strlen(sat_after(mail, "on the confirmation page: ")), 6);
	ck_assert_ptr_nonnull(strstr(mail, "Hello Ann O'Test,"));
	free(mail);
	pu_user_delete(&u);
}
END_TEST

START_TEST(test_signup_bad_input)
{
	struct sat_guest g;
	struct pu_page *p;
	char email[128], kept[160];

	pu_email(PU_PREFIX, email, sizeof email);
	sat_guest(&g);
	p = sat_guest_post(&g, "/signup", sat_form("name", "   ", "email", "not-an-address", "password",
						  "short", NULL));
	pu_assert_status(p, 422);
	pu_assert_layout(p);
	pu_assert_text(p, "Enter your name.");
	pu_assert_text(p, "Enter an email address like name@example.com.");
	pu_assert_text(p, "Use at least 12 characters.");
	pu_assert_has(p, "value=\"not-an-address\"");
	pu_assert_has(p, "aria-invalid=\"true\" aria-describedby=\"email-error\"");
	pu_assert_has(p, "<a href=\"#password\">");
	pu_assert_lacks(p, "value=\"short\"");
	pu_free(p);

	/* a password that is the address */
	p = sat_guest_post(&g, "/signup", sat_form("name", "Ann", "email", email, "password", email, NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "Your password must not be your email address.");
	pu_free(p);
	/* a name of 101 characters */
	p = sat_guest_post(&g, "/signup", sat_form("name", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
						  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "email", email,
						  "password", "correct horse battery", NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "Use at most 100 characters for your name.");
	pu_free(p);
	/* refused by its type (a control character): the form again, not a bare 400 page */
	p = sat_guest_post(&g, "/signup", sat_form("name", "Ann\001", "email", email,
						  "password", "correct horse battery", NULL));
	pu_assert_status(p, 422);
	pu_assert_layout(p);
	pu_assert_has(p, "<a href=\"#name\">Name (name) contains characters that are not allowed.</a>");
	pu_assert_has(p, "id=\"name-error\"");
	snprintf(kept, sizeof kept, "value=\"%s\"", email);
	pu_assert_has(p, kept);	/* what was typed stays, never the password */
	pu_assert_lacks(p, "correct horse battery");
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM users WHERE email = ?", email), 0);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?", email), 0);
}
END_TEST

/* A taken address is named as such, with the way out, and nothing else. */
START_TEST(test_signup_duplicate)
{
	struct sat_guest g;
	struct pu_user u;
	struct pu_page *p;
	char upper[128];
	size_t i;

	sat_user_new(&u, "customer", 1);
	for (i = 0; u.email[i]; i++)
		upper[i] = (char)(u.email[i] >= 'a' && u.email[i] <= 'z' ? u.email[i] - 32 : u.email[i]);
	upper[i] = '\0';
	sat_guest(&g);
	p = sat_guest_post(&g, "/signup", sat_form("name", "Someone Else", "email", upper, "password",
						  "correct horse battery", NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "This address already has an account — log in or reset your password.");
	pu_assert_has(p, "<a href=\"/login\">Log in</a>");
	pu_assert_has(p, "<a href=\"/reset\">reset your password</a>");
	pu_assert_lacks(p, "Page Test");
	ck_assert_ptr_null(pu_set_cookie(p, "bz_session"));
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM users WHERE email = ?", u.email), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ?", u.id), 0);
	pu_user_delete(&u);
}
END_TEST

START_TEST(test_signup_csrf)
{
	struct sat_guest g;
	struct pu_page *p;
	char email[128], *form;

	pu_email(PU_PREFIX, email, sizeof email);
	sat_guest(&g);
	form = sat_form("name", "Ann", "email", email, "password", "correct horse battery", NULL);
	p = pu_post("/signup", g.cookie, form);	/* no token in the form */
	pu_assert_status(p, 403);
	pu_free(p);
	p = pu_post("/signup", NULL, form);	/* no cookie either */
	pu_assert_status(p, 403);
	pu_free(p);
	free(form);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM users WHERE email = ?", email), 0);
}
END_TEST

/* ---- verification -------------------------------------------------------- */

START_TEST(test_verify_link)
{
	char token[TOKEN_TEXT_SIZE], code[TOKEN_CODE_SIZE], uri[128];
	struct sat_guest g;
	struct pu_user u;
	struct pu_page *p;
	long long id;

	sat_user_new(&u, "customer", 0);
	id = sat_token(&u, "verify", 24, NULL, token, code);
	snprintf(uri, sizeof uri, "/verify?token=%s", token);
	p = pu_get(uri);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "Confirm your email address");
	pu_assert_text(p, u.email);
	pu_assert_has(p, "action=\"/verify\"");
	pu_assert_has(p, token);
	pu_free(p);
	/* opening the link changes nothing */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND email_verified_at IS NULL", u.id), 1);

	sat_guest(&g);
	p = sat_guest_post(&g, "/verify", sat_form("token", token, NULL));
	pu_assert_status(p, 303);
	pu_assert_location(p, "/login");
	pu_assert_flash(p, "your email address is confirmed");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND email_verified_at IS NOT NULL",
				  u.id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE id = ? AND used_at IS NOT NULL", id), 1);
	ck_assert_int_eq(pu_audits("user.verify", "user", u.id), 1);

	/* a used link */
	p = sat_guest_post(&g, "/verify", sat_form("token", token, NULL));
	pu_assert_status(p, 410);
	pu_assert_text(p, "This link is no longer valid");
	pu_assert_has(p, "href=\"/login?next=/verify\"");
	pu_free(p);
	pu_expect(410, pu_get(uri));
	ck_assert_int_eq(pu_audits("user.verify", "user", u.id), 1);
	pu_user_delete(&u);
}
END_TEST

/* A vendor's link: the vendor portal's words, and back to the portal, not
 * to the shopper's account pages. */
START_TEST(test_verify_vendor)
{
	char token[TOKEN_TEXT_SIZE], code[TOKEN_CODE_SIZE], uri[128], renewed[sizeof ((struct pu_user *)0)->cookie];
	struct sat_guest g;
	struct pu_user u;
	struct pu_page *p;

	sat_user_new(&u, "vendor", 0);
	pu_login(&u, 0);
	/* the code page, and a new mail asked for from the portal's dashboard */
	p = pu_get_as(&u, "/verify");
	pu_assert_status(p, 200);
	pu_assert_text(p, "Until the address is confirmed you cannot list products.");
	pu_assert_lacks(p, "buy or sell");
	pu_free(p);
	p = pu_post_as(&u, "/verify/resend", "");
	pu_assert_status(p, 303);
	pu_assert_location(p, "/vendor/");
	pu_assert_flash(p, "We sent a new link and code to ");
	pu_free(p);

	sat_token(&u, "verify", 24, NULL, token, code);
	snprintf(uri, sizeof uri, "/verify?token=%s", token);
	p = pu_get(uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "is the address of your vendor account at ");
	pu_assert_text(p, "Then you go back to the vendor portal.");
	pu_free(p);
	/* a guest who opens it: through the login page, on to the portal */
	sat_guest(&g);
	p = sat_guest_post(&g, "/verify", sat_form("token", token, NULL));
	pu_assert_status(p, 303);
	pu_assert_location(p, "/login?next=%2Fvendor%2F");
	ck_assert_str_eq(pu_flash(p), "Thank you: the email address of your vendor account is confirmed. "
			 "Log in to go on to the vendor portal.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND email_verified_at IS NOT NULL",
				  u.id), 1);

	/* the vendor's own session: straight back to the portal */
	ck_assert_int_eq(db_exec("UPDATE users SET email_verified_at = NULL WHERE id = ?", "i", u.id), 1);
	sat_token(&u, "verify", 24, NULL, token, code);
	p = sat_post_as(&u, "/verify", sat_form("token", token, NULL));
	pu_assert_status(p, 303);
	pu_assert_location(p, "/vendor/");
	ck_assert_str_eq(pu_flash(p), "Thank you: the email address of your vendor account is confirmed.");
	snprintf(renewed, sizeof renewed, "bz_session=%.64s", pu_set_cookie(p, "bz_session"));
	pu_free(p);
	/* where the confirmation page now points */
	p = pu_request("GET", "/verify", renewed);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<a href=\"/vendor/\">Go to the vendor portal</a>");
	pu_assert_lacks(p, "href=\"/account\">Go to your account");
	pu_free(p);
	pu_user_delete(&u);
}
END_TEST

START_TEST(test_verify_bad_links)
{
	char token[TOKEN_TEXT_SIZE], code[TOKEN_CODE_SIZE], other[TOKEN_TEXT_SIZE], uri[128];
	struct pu_user u;
	struct pu_page *p;

	sat_member(&u, 0);
	sat_token(&u, "verify", -1, NULL, token, code);		/* expired */
	snprintf(uri, sizeof uri, "/verify?token=%s", token);
	p = pu_get_as(&u, uri);
	pu_assert_status(p, 410);
	pu_assert_layout(p);
	pu_assert_text(p, "This link is no longer valid");
	pu_assert_has(p, "action=\"/verify/resend\"");		/* logged in: a new mail */
	pu_free(p);
	pu_expect(410, pu_post_as(&u, "/verify", "token=nonsense"));
	/* a reset link is not a verification link */
	sat_token(&u, "reset", 1, NULL, other, NULL);
	snprintf(uri, sizeof uri, "/verify?token=%s", other);
	pu_expect(410, pu_get(uri));
	p = pu_get("/verify?token=%3Cscript%3E");
	pu_assert_status(p, 410);
	pu_assert_lacks(p, "<script>");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND email_verified_at IS NULL", u.id), 1);
	pu_user_delete(&u);
}
END_TEST

START_TEST(test_verify_code_form)
{
	struct pu_user u;
	struct pu_page *p;

	p = pu_get("/verify");
	pu_assert_status(p, 200);
	pu_assert_text(p, "Log in to enter your code, or use the link in the mail");
	pu_free(p);
	p = pu_post("/verify", NULL, "code=123456");
	pu_assert_status(p, 403);	/* no token at all */
	pu_free(p);

	sat_member(&u, 0);
	p = pu_get_as(&u, "/verify");
	pu_assert_status(p, 200);
	pu_assert_has(p, "autocomplete=\"one-time-code\"");
	pu_assert_has(p, "<label for=\"code\">");
	pu_assert_text(p, u.email);
	/* the page says what to do, once: not also the layout's banner */
	pu_assert_lacks(p, "verify-banner");
	pu_assert_lacks(p, "Please confirm your email address.");
	pu_free(p);
	/* which the other pages of an unconfirmed account show */
	p = pu_get_as(&u, "/account");
	pu_assert_status(p, 200);
	pu_assert_has(p, "verify-banner");
	pu_free(p);
	p = pu_post_as(&u, "/verify", "code=12x");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter the 6-digit code from the mail.");
	pu_free(p);
	pu_user_delete(&u);
}
END_TEST

/* Resend, then the code: wrong codes count down, the right one confirms. */
START_TEST(test_verify_code)
{
	struct pu_user u;
	struct pu_page *p;
	char *mail, code[8], wrong[8], renewed[sizeof u.cookie];
	long long first;

	sat_member(&u, 0);
	p = pu_post_as(&u, "/verify/resend", "");
	pu_assert_status(p, 303);
	pu_assert_location(p, "/verify");
	pu_assert_flash(p, "We sent a new link and code to ");
	pu_free(p);
	first = pu_count("SELECT MAX(id) FROM user_tokens WHERE user_id = ? AND purpose = 'verify'", u.id);
	mail = sat_mail(u.email, "verify_email");
	ck_assert_ptr_nonnull(mail);
	snprintf(code, sizeof code, "%s", sat_after(mail, "on the confirmation page: "));
	free(mail);
	ck_assert_int_eq(strlen(code), 6);
	snprintf(wrong, sizeof wrong, "%06d", (atoi(code) + 1) % 1000000);

	{
		char body[32];

		snprintf(body, sizeof body, "code=%s", wrong);
		p = pu_post_as(&u, "/verify", body);
	}
	pu_assert_status(p, 422);
	pu_assert_text(p, "That code is wrong. You have 4 tries left.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT code_attempts FROM user_tokens WHERE id = ?", first), 1);
	/* a second resend within the minute sends nothing */
	p = pu_post_as(&u, "/verify/resend", "");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "less than a minute ago");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ?", u.id), 1);
	{
		char body[32];

		snprintf(body, sizeof body, "code=%.3s+%s", code, code + 3);	/* "123 456" */
		p = pu_post_as(&u, "/verify", body);
	}
	pu_assert_status(p, 303);
	pu_assert_location(p, "/account");
	/* the session may now buy: it goes on under a new id and token */
	ck_assert_ptr_nonnull(pu_set_cookie(p, "bz_session"));
	snprintf(renewed, sizeof renewed, "bz_session=%.64s", pu_set_cookie(p, "bz_session"));
	pu_free(p);
	ck_assert_str_ne(renewed, u.cookie);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", u.session_id), 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", u.id), 1);
	p = pu_get_as(&u, "/verify");
	pu_assert_text(p, "Log in to enter your code");	/* the old token opens nothing */
	pu_free(p);
	snprintf(u.cookie, sizeof u.cookie, "%s", renewed);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND email_verified_at IS NOT NULL",
				  u.id), 1);
	ck_assert_int_eq(pu_audits("user.verify", "user", u.id), 1);
	p = pu_get_as(&u, "/verify");
	pu_assert_status(p, 200);
	pu_assert_text(p, "Your email address is confirmed");
	pu_free(p);
	pu_user_delete(&u);
}
END_TEST

/* Five wrong codes and the code is dead, even the right one. */
START_TEST(test_verify_code_limit)
{
	char token[TOKEN_TEXT_SIZE], code[TOKEN_CODE_SIZE], wrong[8], body[32];
	struct pu_user u;
	struct pu_page *p;
	long long id;
	int i;

	sat_member(&u, 0);
	id = sat_token(&u, "verify", 24, NULL, token, code);
	snprintf(wrong, sizeof wrong, "%06d", (atoi(code) + 7) % 1000000);
	snprintf(body, sizeof body, "code=%s", wrong);
	for (i = 1; i <= 5; i++) {
		p = pu_post_as(&u, "/verify", body);
		pu_assert_status(p, 422);
		if (i == 4)
			pu_assert_text(p, "That code is wrong. You have 1 try left.");
		if (i == 5)
			pu_assert_text(p, "That code is wrong, and it no longer works: request a new mail.");
		pu_free(p);
	}
	snprintf(body, sizeof body, "code=%s", code);
	p = pu_post_as(&u, "/verify", body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Too many wrong codes: this code no longer works. Request a new mail.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT code_attempts FROM user_tokens WHERE id = ?", id), 5);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND email_verified_at IS NULL", u.id), 1);

	/* a new mail (the old one is more than a minute old) brings a new code */
	ck_assert_int_eq(db_exec("UPDATE user_tokens SET created_at = NOW() - INTERVAL 2 MINUTE WHERE id = ?",
				 "i", id), 1);
	pu_expect(303, pu_post_as(&u, "/verify/resend", ""));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE id = ? AND expires_at <= NOW()", id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND purpose = 'verify'"
				  " AND expires_at > NOW()", u.id), 1);
	/* the old link is dead too */
	{
		char uri[128];

		snprintf(uri, sizeof uri, "/verify?token=%s", token);
		pu_expect(410, pu_get(uri));
	}
	pu_user_delete(&u);
}
END_TEST

START_TEST(test_verify_resend_needs_login)
{
	struct sat_guest g;
	struct pu_user u;
	struct pu_page *p;

	sat_guest(&g);
	p = sat_guest_post(&g, "/verify/resend", strdup(""));
	pu_assert_status(p, 403);
	pu_free(p);
	/* without the token: refused, nothing sent */
	sat_member(&u, 0);
	pu_expect(403, pu_post("/verify/resend", u.cookie, ""));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ?", u.id), 0);
	pu_user_delete(&u);
}
END_TEST

/* ---- login and logout ---------------------------------------------------- */

START_TEST(test_login_form)
{
	struct pu_user u;
	struct pu_page *p = pu_get("/login?next=/account/addresses");

	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "<h1>Log in</h1>");
	pu_assert_has(p, "autocomplete=\"current-password\"");
	pu_assert_has(p, "name=\"next\" value=\"/account/addresses\"");
	pu_assert_has(p, "href=\"/reset\"");
	pu_free(p);
	sat_member(&u, 1);
	p = pu_get_as(&u, "/login");
	pu_assert_status(p, 303);
	pu_assert_location(p, "/account");
	pu_free(p);
	pu_user_delete(&u);
}
END_TEST

START_TEST(test_login)
{
	struct sat_guest g;
	struct pu_user u;
	struct pu_page *p;
	char cookie[300];

	sat_user_new(&u, "customer", 1);
	sat_guest(&g);
	p = sat_guest_post(&g, "/login", sat_form("email", u.email, "password", PU_PASSWORD, "next",
						 "/account/sessions", NULL));
	pu_assert_status(p, 303);
	pu_assert_location(p, "/account/sessions");
	ck_assert_str_eq(pu_flash(p), "You are logged in.");
	ck_assert_ptr_nonnull(pu_set_cookie(p, "bz_session"));
	snprintf(cookie, sizeof cookie, "bz_session=%s", pu_set_cookie(p, "bz_session"));
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", u.id), 1);
	p = pu_request("GET", "/account", cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, u.email);
	pu_free(p);

	/* an address typed in capitals; a next that leaves the site */
	{
		char upper[128];
		size_t i;

		for (i = 0; u.email[i]; i++)
			upper[i] = (char)(u.email[i] >= 'a' && u.email[i] <= 'z' ? u.email[i] - 32 : u.email[i]);
		upper[i] = '\0';
		p = sat_guest_post(&g, "/login", sat_form("email", upper, "password", PU_PASSWORD, "next",
							 "//evil.example/", NULL));
	}
	pu_assert_status(p, 303);
	pu_assert_location(p, "/");
	pu_free(p);
	pu_user_delete(&u);
}
END_TEST

/* A wrong password and an unknown address read the same. */
START_TEST(test_login_wrong)
{
	struct sat_guest g;
	struct pu_user u;
	struct pu_page *p;
	char unknown[128], *known_body;

	sat_user_new(&u, "customer", 1);
	pu_email(PU_PREFIX, unknown, sizeof unknown);
	sat_guest(&g);
	known_body = sat_form("csrf", g.csrf, "email", u.email, "password", "not the password", NULL);
	p = pu_request_ip("POST", "/login", g.cookie, known_body, PU_TEST_IP);
	free(known_body);
	pu_assert_status(p, 422);
	pu_assert_layout(p);
	pu_assert_text(p, "Email or password is wrong.");
	pu_assert_has(p, "value=\"");
	pu_assert_lacks(p, "not the password");
	ck_assert_ptr_null(pu_set_cookie(p, "bz_session"));
	pu_free(p);
	known_body = sat_form("csrf", g.csrf, "email", unknown, "password", "not the password", NULL);
	p = pu_request_ip("POST", "/login", g.cookie, known_body, PU_TEST_IP);
	free(known_body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Email or password is wrong.");
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", u.email), 1);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", unknown), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", u.id), 0);

	/* empty fields are asked for, not counted */
	p = sat_guest_post(&g, "/login", sat_form("email", "", "password", "", NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter your email address.");
	pu_assert_text(p, "Enter your password.");
	pu_free(p);
	/* the router's form: the address typed kept, never the password */
	p = sat_guest_post(&g, "/login", sat_form("email", " Ann@Example.test ", "password", "", "next", "/account",
						 NULL));
	pu_assert_status(p, 422);
	pu_assert_layout(p);
	pu_assert_has(p, "<a href=\"#password\">Enter your password.</a>");
	pu_assert_has(p, "id=\"password-error\"");
	pu_assert_has(p, "value=\"Ann@Example.test\"");
	pu_assert_has(p, "value=\"/account\"");
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", "ann@example.test"), 0);

	/* a deleted account is an unknown one */
	ck_assert_int_eq(db_exec("UPDATE users SET status = 'deleted' WHERE id = ?", "i", u.id), 1);
	known_body = sat_form("csrf", g.csrf, "email", u.email, "password", PU_PASSWORD, NULL);
	p = pu_request_ip("POST", "/login", g.cookie, known_body, PU_TEST_IP);
	free(known_body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Email or password is wrong.");
	pu_free(p);
	db_exec("DELETE FROM login_failures WHERE email IN (?, ?)", "ss", u.email, unknown);
	pu_user_delete(&u);
}
END_TEST

/* The sentence for a blocked account, as auth_blocked_message() words it. */
static const char *
blocked_sentence(const char *reason)
{
	static char out[512];

	snprintf(out, sizeof out, "Your account has been blocked: %s To appeal, write to %s.", reason,
		 cfg_str("BAZAAR_SUPPORT_EMAIL", "support@bazaar.example"));
	return out;
}

START_TEST(test_login_blocked)
{
	struct sat_guest g;
	struct pu_user u;
	struct pu_page *p;
	char *body;

	sat_user_new(&u, "customer", 1);
	ck_assert_int_eq(db_exec("UPDATE users SET status = 'blocked', status_reason = 'Selling <fakes>.'"
				 " WHERE id = ?", "i", u.id), 1);
	sat_guest(&g);
	/* a wrong password reads as for anybody, and is counted */
	body = sat_form("csrf", g.csrf, "email", u.email, "password", "not the password", NULL);
	p = pu_request_ip("POST", "/login", g.cookie, body, PU_TEST_IP);
	free(body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Email or password is wrong.");
	pu_assert_lacks(p, "Selling");
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", u.email), 1);

	/* the right one: the reason in the words the guard uses, no session,
	 * and it is no failure (the earlier ones are forgotten) */
	body = sat_form("csrf", g.csrf, "email", u.email, "password", PU_PASSWORD, NULL);
	p = pu_request_ip("POST", "/login", g.cookie, body, PU_TEST_IP);
	free(body);
	pu_assert_status(p, 403);
	pu_assert_layout(p);
	pu_assert_text(p, blocked_sentence("Selling <fakes>."));
	ck_assert_ptr_null(pu_set_cookie(p, "bz_session"));
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", u.id), 0);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", u.email), 0);
	pu_user_delete(&u);
}
END_TEST

/* Blocked while logged in: the session rows stay until the next request,
 * which ends them; the login page shows why, once, as the layout's flash. */
START_TEST(test_login_blocked_session)
{
	struct pu_user u;
	struct pu_page *p;
	char flash[1024], cookie[1100];
	const char *raw;

	sat_member(&u, 1);
	ck_assert_int_eq(db_exec("UPDATE users SET status = 'blocked', status_reason = 'Selling <fakes>.'"
				 " WHERE id = ?", "i", u.id), 1);
	/* an account page sends them to the login page with the message */
	p = pu_get_as(&u, "/account");
	pu_assert_status(p, 303);
	pu_assert_location(p, "/login?next=%2Faccount");
	ck_assert_str_eq(pu_flash(p), blocked_sentence("Selling <fakes>."));
	ck_assert_str_eq(pu_set_cookie(p, "bz_session"), "");
	raw = pu_set_cookie(p, "bz_flash");
	ck_assert_ptr_nonnull(raw);
	snprintf(flash, sizeof flash, "%s", raw);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", u.id), 0);

	snprintf(cookie, sizeof cookie, "bz_flash=%s", flash);
	p = pu_request("GET", "/login?next=/account", cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<div class=\"flash\" role=\"status\">");
	pu_assert_text(p, blocked_sentence("Selling <fakes>."));
	pu_assert_has(p, "name=\"next\" value=\"/account\"");
	ck_assert_str_eq(pu_set_cookie(p, "bz_flash"), "");	/* shown once */
	pu_free(p);

	/* straight to the login page, or any page anyone may see: the message
	 * is on that very page, once, and no flash cookie carries it further */
	pu_login(&u, 0);
	p = pu_request("GET", "/login?next=/account/addresses", u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<div class=\"flash\" role=\"status\">");
	pu_assert_text(p, blocked_sentence("Selling <fakes>."));
	ck_assert_ptr_null(strstr(p->headers, "bz_flash=Your"));
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", u.id), 0);
	pu_login(&u, 0);
	p = pu_request("GET", "/", u.cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, blocked_sentence("Selling <fakes>."));
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", u.id), 0);
	/* the session is gone: the same cookie is only a visitor now */
	p = pu_request("GET", "/login", u.cookie);
	pu_assert_status(p, 200);
	pu_assert_lacks(p, "blocked");
	pu_free(p);
	pu_user_delete(&u);
}
END_TEST

/* From the tenth failure logging in is paused, and the owner is told once. */
START_TEST(test_login_lockout)
{
	struct sat_guest g;
	struct pu_user u;
	struct pu_page *p;
	char *body;
	int i;

	sat_user_new(&u, "customer", 1);
	sat_guest(&g);
	body = sat_form("csrf", g.csrf, "email", u.email, "password", "wrong wrong wrong", NULL);
	for (i = 1; i <= 10; i++) {
		pu_expect(422, pu_request_ip("POST", "/login", g.cookie, body, PU_TEST_IP));
		if (i == 9)
			ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
						    " AND template = 'login_locked'", u.email), 0);
	}
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'login_locked'", u.email), 1);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", u.email), 10);
	/* more tries while paused are refused before counting: no second mail */
	pu_expect(429, pu_request_ip("POST", "/login", g.cookie, body, PU_TEST_IP));
	free(body);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", u.email), 10);
	/* now even the right password waits */
	body = sat_form("csrf", g.csrf, "email", u.email, "password", PU_PASSWORD, NULL);
	p = pu_request_ip("POST", "/login", g.cookie, body, PU_TEST_IP);
	free(body);
	pu_assert_status(p, 429);
	pu_assert_layout(p);
	pu_assert_text(p, "Too many failed attempts to log in.");
	pu_assert_has(p, "please try again in 15 minutes");
	pu_assert_retry_after(p, 800, 901);	/* the seconds left, not the minutes shown */
	ck_assert_ptr_null(pu_set_cookie(p, "bz_session"));
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", u.id), 0);
	/* the address, not only the client, is paused */
	p = sat_guest_post(&g, "/login", sat_form("email", u.email, "password", PU_PASSWORD, NULL));
	pu_assert_status(p, 429);
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'login_locked'", u.email), 1);
	db_exec("DELETE FROM login_failures WHERE email = ? OR ip = ?", "ss", u.email, PU_TEST_IP);
	pu_user_delete(&u);
}
END_TEST

/*
 * Attempts count from before the password check: guesses still in flight
 * elsewhere (recorded with auth_login_attempt, not settled yet) bring the
 * lock as near as settled ones, and of all of them exactly one, the tenth,
 * tells the owner. A right password settles as no failure.
 */
START_TEST(test_login_attempts_in_flight)
{
	struct sat_guest g;
	struct pu_user u;
	struct pu_page *p;
	long long flying[9];
	char *body;
	int i, locked = 0;

	sat_user_new(&u, "customer", 1);
	sat_guest(&g);
	/* a right password leaves no failure behind */
	body = sat_form("csrf", g.csrf, "email", u.email, "password", PU_PASSWORD, NULL);
	p = pu_request_ip("POST", "/login", g.cookie, body, PU_TEST_IP);
	free(body);
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", u.email), 0);

	for (i = 0; i < 9; i++) {
		flying[i] = auth_login_attempt(u.email, "198.51.100.1");
		ck_assert_int_gt(flying[i], 0);
	}
	body = sat_form("csrf", g.csrf, "email", u.email, "password", "wrong wrong wrong", NULL);
	pu_expect(422, pu_request_ip("POST", "/login", g.cookie, body, PU_TEST_IP));
	/* the page's attempt was the tenth: it mailed the owner */
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'login_locked'", u.email), 1);
	for (i = 0; i < 9; i++)
		locked += auth_login_result(flying[i], u.email, "198.51.100.1", 0);
	ck_assert_int_eq(locked, 0);
	pu_expect(429, pu_request_ip("POST", "/login", g.cookie, body, PU_TEST_IP));
	free(body);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'login_locked'", u.email), 1);
	db_exec("DELETE FROM login_failures WHERE email = ? OR ip IN (?, ?)", "sss", u.email, PU_TEST_IP,
		"198.51.100.1");
	pu_user_delete(&u);
}
END_TEST

/* A hash made with weaker parameters is made again at login. */
START_TEST(test_login_rehash)
{
	char old[crypto_pwhash_STRBYTES], *row[1] = { NULL };
	struct sat_guest g;
	struct pu_user u;
	struct pu_page *p;

	sat_user_new(&u, "customer", 1);
	ck_assert_int_eq(crypto_pwhash_str(old, PU_PASSWORD, strlen(PU_PASSWORD), 3, 8u << 20), 0);
	ck_assert(password_needs_rehash(old));
	ck_assert_int_eq(db_exec("UPDATE users SET password_hash = ? WHERE id = ?", "si", old, u.id), 1);
	sat_guest(&g);
	p = sat_guest_post(&g, "/login", sat_form("email", u.email, "password", PU_PASSWORD, NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert(pu_row1(row, 1, "SELECT password_hash FROM users WHERE id = ?", "i", &u.id));
	ck_assert_str_ne(row[0], old);
	ck_assert(!password_needs_rehash(row[0]));
	ck_assert(password_verify(row[0], PU_PASSWORD));
	pu_free_row(row, 1);
	pu_user_delete(&u);
}
END_TEST

START_TEST(test_logout)
{
	struct pu_user u;
	struct pu_page *p;

	sat_member(&u, 1);
	/* without the token nothing happens */
	pu_expect(403, pu_post("/logout", u.cookie, ""));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", u.session_id), 1);
	p = pu_post_as(&u, "/logout", "");
	pu_assert_status(p, 303);
	pu_assert_location(p, "/");
	pu_assert_flash(p, "You are logged out.");
	ck_assert_str_eq(pu_set_cookie(p, "bz_session"), "");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", u.session_id), 0);
	pu_user_delete(&u);
}
END_TEST

/* ---- password reset ------------------------------------------------------ */

START_TEST(test_reset_request)
{
	struct sat_guest g;
	struct pu_user u;
	struct pu_page *p;
	char unknown[128], *known_main, *mail;
	const char *m;

	p = pu_get("/reset");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "action=\"/reset\"");
	pu_free(p);

	sat_user_new(&u, "customer", 1);
	pu_email(PU_PREFIX, unknown, sizeof unknown);
	sat_guest(&g);
	p = sat_guest_post(&g, "/reset", sat_form("email", u.email, NULL));
	pu_assert_status(p, 200);
	pu_assert_text(p, "If an account exists for that address, we sent a link to reset the password. "
		       "It works for one hour.");
	m = strstr(p->body, "<div class=\"page");
	ck_assert_ptr_nonnull(m);
	known_main = strndup(m, strcspn(m, "\n") + 200);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND purpose = 'reset'"
				  " AND expires_at BETWEEN NOW() + INTERVAL 50 MINUTE AND NOW() + INTERVAL 70 MINUTE",
				  u.id), 1);
	mail = sat_mail(u.email, "password_reset");
	ck_assert_ptr_nonnull(mail);
	ck_assert_ptr_nonnull(strstr(mail, "/reset/new?token="));
	free(mail);

	/* the same answer for an address without an account, and no mail */
	p = sat_guest_post(&g, "/reset", sat_form("email", unknown, NULL));
	pu_assert_status(p, 200);
	pu_assert_text(p, "If an account exists for that address, we sent a link to reset the password. "
		       "It works for one hour.");
	m = strstr(p->body, "<div class=\"page");
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(strncmp(m, known_main, strcspn(m, "\n")), 0);
	pu_free(p);
	free(known_main);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?", unknown), 0);

	/* a blocked account gets no link either */
	ck_assert_int_eq(db_exec("UPDATE users SET status = 'blocked' WHERE id = ?", "i", u.id), 1);
	ck_assert_int_eq(db_exec("UPDATE user_tokens SET created_at = NOW() - INTERVAL 5 MINUTE WHERE user_id = ?",
				 "i", u.id), 1);
	p = sat_guest_post(&g, "/reset", sat_form("email", u.email, NULL));
	pu_assert_status(p, 200);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ?", u.id), 1);

	p = sat_guest_post(&g, "/reset", sat_form("email", "nobody", NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter an email address like name@example.com.");
	pu_free(p);
	/* the router's form: the message next to the field, the address kept */
	p = sat_guest_post(&g, "/reset", sat_form("email", "  nobody@ ", NULL));
	pu_assert_status(p, 422);
	pu_assert_layout(p);
	pu_assert_has(p, "<a href=\"#email\">Enter an email address like name@example.com.</a>");
	pu_assert_has(p, "id=\"email-error\"");
	pu_assert_has(p, "value=\"nobody@\"");
	pu_assert_lacks(p, "we sent a link");
	pu_free(p);
	p = sat_guest_post(&g, "/reset", sat_form("email", "", NULL));
	pu_assert_status(p, 422);
	pu_assert_has(p, "<a href=\"#email\">Enter your email address.</a>");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ?", u.id), 1);
	pu_expect(403, pu_post("/reset", NULL, "email=x%40example.com"));
	pu_user_delete(&u);
}
END_TEST

START_TEST(test_reset_new)
{
	char token[TOKEN_TEXT_SIZE], uri[128], *row[1] = { NULL };
	struct sat_guest g;
	struct pu_user u, other_device;
	struct pu_page *p;
	long long id;

	sat_member(&u, 0);
	other_device = u;
	pu_login(&other_device, 0);
	id = sat_token(&u, "reset", 1, NULL, token, NULL);
	snprintf(uri, sizeof uri, "/reset/new?token=%s", token);
	p = pu_get(uri);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "Choose a new password");
	pu_assert_has(p, "autocomplete=\"new-password\"");
	pu_assert_has(p, token);
	pu_free(p);

	sat_guest(&g);
	p = sat_guest_post(&g, "/reset/new", sat_form("token", token, "password", "password", NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "Use at least 12 characters.");
	pu_free(p);
	ck_assert(pu_row1(row, 1, "SELECT password_hash FROM users WHERE id = ?", "i", &u.id));
	ck_assert(password_verify(row[0], PU_PASSWORD));
	pu_free_row(row, 1);

	p = sat_guest_post(&g, "/reset/new", sat_form("token", token, "password", NEW_PASSWORD, NULL));
	pu_assert_status(p, 303);
	pu_assert_location(p, "/login");
	pu_assert_flash(p, "Your password has been changed.");
	pu_free(p);
	ck_assert(pu_row1(row, 1, "SELECT password_hash FROM users WHERE id = ?", "i", &u.id));
	ck_assert(password_verify(row[0], NEW_PASSWORD));
	pu_free_row(row, 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", u.id), 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE id = ? AND used_at IS NOT NULL", id), 1);
	ck_assert_int_eq(pu_audits("user.password_reset", "user", u.id), 1);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'password_changed'", u.email), 1);
	/* the mail proved the address */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND email_verified_at IS NOT NULL",
				  u.id), 1);

	/* the devices that were logged in are told why, once: on the login page
	 * an account page sends them to, or on the page they asked for */
	p = pu_get_as(&u, "/account");
	pu_assert_status(p, 303);
	pu_assert_location(p, "/login?next=%2Faccount");
	ck_assert_str_eq(pu_flash(p), "You were logged out because the password was reset.");
	ck_assert_str_eq(pu_set_cookie(p, "bz_session"), "");
	pu_free(p);
	p = pu_get_as(&u, "/account");
	pu_assert_status(p, 303);
	ck_assert_ptr_null(strstr(p->headers, "bz_flash=You"));	/* said once */
	pu_free(p);
	p = pu_request("GET", "/", other_device.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<div class=\"flash\" role=\"status\">You were logged out because the password was reset.</div>");
	ck_assert_ptr_null(strstr(p->headers, "bz_flash=You"));
	pu_free(p);
	p = pu_request("GET", "/", other_device.cookie);
	pu_assert_lacks(p, "You were logged out");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions_ended WHERE user_id = ?", u.id), 0);

	/* once only */
	p = pu_get(uri);
	pu_assert_status(p, 410);
	pu_assert_text(p, "This link is no longer valid");
	pu_assert_has(p, "href=\"/reset\"");
	pu_free(p);
	p = sat_guest_post(&g, "/reset/new", sat_form("token", token, "password", "yet another passphrase", NULL));
	pu_assert_status(p, 410);
	pu_free(p);
	/* an expired one */
	sat_token(&u, "reset", -1, NULL, token, NULL);
	snprintf(uri, sizeof uri, "/reset/new?token=%s", token);
	pu_expect(410, pu_get(uri));
	pu_expect(410, pu_get("/reset/new"));
	pu_user_delete(&u);
}
END_TEST

static Suite *
sf_auth_suite(void)
{
	Suite *s = suite_create("sf_auth");
	TCase *tc = pu_tcase_people(s, "auth");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_signup_form);
	tcase_add_test(tc, test_signup);
	tcase_add_test(tc, test_signup_bad_input);
	tcase_add_test(tc, test_signup_duplicate);
	tcase_add_test(tc, test_signup_csrf);
	tcase_add_test(tc, test_verify_link);
	tcase_add_test(tc, test_verify_vendor);
	tcase_add_test(tc, test_verify_bad_links);
	tcase_add_test(tc, test_verify_code_form);
	tcase_add_test(tc, test_verify_code);
	tcase_add_test(tc, test_verify_code_limit);
	tcase_add_test(tc, test_verify_resend_needs_login);
	tcase_add_test(tc, test_login_form);
	tcase_add_test(tc, test_login);
	tcase_add_test(tc, test_login_wrong);
	tcase_add_test(tc, test_login_blocked);
	tcase_add_test(tc, test_login_blocked_session);
	tcase_add_test(tc, test_login_lockout);
	tcase_add_test(tc, test_login_attempts_in_flight);
	tcase_add_test(tc, test_login_rehash);
	tcase_add_test(tc, test_logout);
	tcase_add_test(tc, test_reset_request);
	tcase_add_test(tc, test_reset_new);
	return s;
}

CHECK_MAIN(sf_auth_suite)
