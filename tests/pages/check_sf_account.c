/*
 * Page tests for sf_account.c: the account page and profile, password and
 * email changes, the address book, sessions, the data download and
 * deleting the account.
 */
#define PU_PREFIX "sfacct"
#include "sf_account_util.h"

#include "audit.h"
#include "mail.h"

#define NEW_PASSWORD "a brand new passphrase 7"

/* ---- access -------------------------------------------------------------- */

START_TEST(test_account_needs_login)
{
	static const char *const pages[] = { "/account", "/account/password", "/account/email",
					     "/account/addresses", "/account/sessions", "/account/data.json",
					     "/account/delete" };
	struct sat_guest g;
	struct pu_page *p;
	size_t i;

	for (i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		p = pu_get(pages[i]);
		pu_assert_status(p, 303);
		ck_assert_ptr_nonnull(pu_header(p, "Location"));
		ck_assert_msg(strncmp(pu_header(p, "Location"), "/login?next=", 12) == 0, "%s: %s", pages[i],
			      pu_header(p, "Location"));
		pu_free(p);
	}
	sat_guest(&g);
	p = sat_guest_post(&g, "/account/profile", sat_form("name", "X", NULL));
	pu_assert_status(p, 403);
	pu_free(p);
}
END_TEST

/* ---- the account page and profile ---------------------------------------- */

START_TEST(test_account_view)
{
	struct pu_user u;
	struct pu_page *p;

	sat_member(&u, 1);
	p = pu_get_as(&u, "/account");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	pu_assert_has(p, "<h1>Your account</h1>");
	pu_assert_text(p, u.email);
	pu_assert_has(p, "confirmed</span>");
	pu_assert_lacks(p, "Unverified accounts");
	pu_assert_has(p, "href=\"/account/password\"");
	pu_assert_has(p, "href=\"/account/email\"");
	pu_assert_has(p, "href=\"/account/addresses\"");
	pu_assert_has(p, "href=\"/account/sessions\"");
	pu_assert_has(p, "href=\"/account/data.json\"");
	pu_assert_has(p, "href=\"/account/delete\"");
	pu_assert_has(p, "action=\"/account/profile\"");
	pu_assert_has(p, "<span aria-current=\"page\">Your account</span>");
	pu_free(p);
	pu_user_delete(&u);

	sat_member(&u, 0);
	p = pu_get_as(&u, "/account");
	pu_assert_status(p, 200);
	pu_assert_text(p, "Unverified accounts can log in but cannot buy or list until verified");
	pu_assert_has(p, "not confirmed yet");
	pu_assert_has(p, "action=\"/verify/resend\"");
	pu_free(p);
	p = pu_get_as(&u, "/account/addresses");
	pu_assert_text(p, "Unverified accounts can log in but cannot buy or list until verified");
	pu_free(p);
	pu_user_delete(&u);
}
END_TEST

START_TEST(test_profile)
{
	struct pu_user u;
	struct pu_page *p;
	char *phone, *row[1] = { NULL };

	sat_member(&u, 1);
	p = sat_post_as(&u, "/account/profile", sat_form("name", " Bea <Test> ", "phone", "+44 20 7946 0958", NULL));
	pu_assert_status(p, 303);
	pu_assert_location(p, "/account");
	pu_assert_flash(p, "Your profile has been saved.");
	pu_free(p);
	ck_assert(pu_row1(row, 1, "SELECT name FROM users WHERE id = ?", "i", &u.id));
	ck_assert_str_eq(row[0], "Bea <Test>");
	pu_free_row(row, 1);
	phone = pu_open_column("users", "phone_enc", u.id, "SELECT phone_enc FROM users WHERE id = ?");
	ck_assert_str_eq(phone, "+44 20 7946 0958");
	free(phone);
	ck_assert(!pu_raw_contains("SELECT phone_enc FROM users WHERE id = ?", u.id, "7946"));
	p = pu_get_as(&u, "/account");
	pu_assert_status(p, 200);
	pu_assert_text(p, "+44 20 7946 0958");
	pu_assert_text(p, "Bea <Test>");
	pu_free(p);

	/* bad input: shown again, nothing changed */
	p = sat_post_as(&u, "/account/profile", sat_form("name", "", "phone", "call me maybe", NULL));
	pu_assert_status(p, 422);
	pu_assert_layout(p);
	pu_assert_text(p, "Enter your name.");
	pu_assert_text(p, "Use only digits, spaces and + ( ) - . in the phone number.");
	pu_assert_has(p, "value=\"call me maybe\"");
	pu_assert_has(p, "aria-describedby=\"phone-hint phone-error\" aria-invalid=\"true\"");
	pu_free(p);
	p = sat_post_as(&u, "/account/profile", sat_form("name", "Bea", "phone", "12", NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter a phone number with 6 to 20 digits");
	pu_free(p);
	ck_assert(pu_row1(row, 1, "SELECT name FROM users WHERE id = ?", "i", &u.id));
	ck_assert_str_eq(row[0], "Bea <Test>");
	pu_free_row(row, 1);

	/* no token: refused, nothing changed */
	p = pu_post("/account/profile", u.cookie, "name=Mallory&phone=");
	pu_assert_status(p, 403);
	pu_free(p);
	ck_assert(pu_row1(row, 1, "SELECT name FROM users WHERE id = ?", "i", &u.id));
	ck_assert_str_eq(row[0], "Bea <Test>");
	pu_free_row(row, 1);

	/* an empty phone removes it */
	p = sat_post_as(&u, "/account/profile", sat_form("name", "Bea", "phone", "", NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND phone_enc IS NULL", u.id), 1);
	pu_user_delete(&u);
}
END_TEST

/* ---- password ------------------------------------------------------------ */

START_TEST(test_password_change)
{
	struct pu_user u, other;
	struct pu_page *p;
	char *row[1] = { NULL }, *body;

	sat_member(&u, 1);
	other = u;
	pu_login(&other, 0);
	p = pu_get_as(&u, "/account/password");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "autocomplete=\"current-password\"");
	pu_assert_has(p, "autocomplete=\"new-password\"");
	pu_free(p);

	body = sat_form("csrf", u.csrf, "current_password", "not my password", "password", NEW_PASSWORD, NULL);
	p = pu_request_ip("POST", "/account/password", u.cookie, body, PU_TEST_IP);
	free(body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Your current password is wrong.");
	pu_assert_lacks(p, NEW_PASSWORD);
	pu_free(p);
	p = sat_post_as(&u, "/account/password", sat_form("current_password", PU_PASSWORD, "password", "short",
							 NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "Use at least 12 characters.");
	pu_free(p);
	ck_assert(pu_row1(row, 1, "SELECT password_hash FROM users WHERE id = ?", "i", &u.id));
	ck_assert(password_verify(row[0], PU_PASSWORD));
	pu_free_row(row, 1);

	p = sat_post_as(&u, "/account/password", sat_form("current_password", PU_PASSWORD, "password",
							 NEW_PASSWORD, NULL));
	pu_assert_status(p, 303);
	pu_assert_location(p, "/account");
	pu_assert_flash(p, "Your password has been changed.");
	pu_free(p);
	ck_assert(pu_row1(row, 1, "SELECT password_hash FROM users WHERE id = ?", "i", &u.id));
	ck_assert(password_verify(row[0], NEW_PASSWORD));
	pu_free_row(row, 1);
	/* this session stays, the other one is ended */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", u.session_id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", other.session_id), 0);
	ck_assert_int_eq(pu_audits("user.password_change", "user", u.id), 1);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'password_changed'", u.email), 1);
	db_exec("DELETE FROM login_failures WHERE email = ?", "s", u.email);
	pu_user_delete(&u);
}
END_TEST

/* Wrong current passwords count as failed logins of the address: the tenth
 * pauses the checks (and logging in) and tells the owner, once; a right one
 * forgets the failures. */
START_TEST(test_password_check_lock)
{
	struct pu_user u;
	struct pu_page *p;
	char *body;
	int i;

	sat_member(&u, 1);
	body = sat_form("csrf", u.csrf, "current_password", "not my password", "password", NEW_PASSWORD, NULL);
	for (i = 1; i <= 3; i++) {
		p = pu_request_ip("POST", "/account/password", u.cookie, body, PU_TEST_IP);
		pu_assert_status(p, 422);
		pu_free(p);
	}
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", u.email), 3);
	/* the right password with a bad new one: nothing changes, but the
	 * failures are forgotten */
	p = sat_post_as(&u, "/account/password", sat_form("current_password", PU_PASSWORD, "password", "short",
							 NULL));
	pu_assert_status(p, 422);
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", u.email), 0);

	for (i = 1; i <= 10; i++) {
		p = pu_request_ip("POST", "/account/password", u.cookie, body, PU_TEST_IP);
		pu_assert_status(p, 422);
		pu_assert_text(p, "Your current password is wrong.");
		pu_free(p);
		if (i == 9)
			ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
						    " AND template = 'login_locked'", u.email), 0);
	}
	free(body);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'login_locked'", u.email), 1);
	/* paused now, even with the right password, and not counted again */
	p = sat_post_as(&u, "/account/email", sat_form("email", "x@example.test", "current_password", PU_PASSWORD,
						       NULL));
	pu_assert_status(p, 429);
	pu_assert_text(p, "Too many wrong passwords. Try again in 15 minutes.");
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", u.email), 10);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'login_locked'", u.email), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ?", u.id), 0);
	db_exec("DELETE FROM login_failures WHERE email = ? OR ip = ?", "ss", u.email, PU_TEST_IP);
	pu_user_delete(&u);
}
END_TEST

/* ---- email address ------------------------------------------------------- */

START_TEST(test_email_change)
{
	struct pu_user u, taken;
	struct pu_page *p;
	char new_email[128], uri[160], *mail, *body;
	const char *token;
	struct sat_guest g;

	sat_member(&u, 1);
	sat_user_new(&taken, "customer", 1);
	pu_email(PU_PREFIX, new_email, sizeof new_email);
	p = pu_get_as(&u, "/account/email");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, u.email);
	pu_free(p);

	/* an address with an account: the same words as at sign-up */
	p = sat_post_as(&u, "/account/email", sat_form("email", taken.email, "current_password", PU_PASSWORD, NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "This address already has an account — log in or reset your password.");
	pu_assert_has(p, "<a href=\"/reset\">reset your password</a>");
	pu_free(p);
	body = sat_form("csrf", u.csrf, "email", new_email, "current_password", "wrong password", NULL);
	p = pu_request_ip("POST", "/account/email", u.cookie, body, PU_TEST_IP);
	free(body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Your current password is wrong.");
	pu_free(p);
	p = sat_post_as(&u, "/account/email", sat_form("email", "bad@", "current_password", PU_PASSWORD, NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter an email address like name@example.com.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ?", u.id), 0);

	p = sat_post_as(&u, "/account/email", sat_form("email", new_email, "current_password", PU_PASSWORD, NULL));
	pu_assert_status(p, 303);
	pu_assert_location(p, "/account");
	pu_assert_flash(p, new_email);
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM user_tokens WHERE purpose = 'email_change'"
				    " AND new_email = ?", new_email), 1);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'email_changed_notice'", u.email), 1);
	mail = sat_mail(new_email, "email_change");
	ck_assert_ptr_nonnull(mail);
	token = sat_after(mail, "/account/email/confirm?token=");
	ck_assert_int_eq(strlen(token), 43);
	snprintf(uri, sizeof uri, "/account/email/confirm?token=%s", token);
	free(mail);
	/* nothing changes until the link is opened and confirmed */
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM users WHERE email = ?", u.email), 1);

	p = pu_get(uri);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, new_email);
	pu_assert_has(p, "action=\"/account/email/confirm\"");
	pu_free(p);
	sat_guest(&g);
	{
		char form[160];

		snprintf(form, sizeof form, "token=%s", strchr(uri, '=') + 1);
		p = sat_guest_post(&g, "/account/email/confirm", strdup(form));
		pu_assert_status(p, 303);
		pu_assert_location(p, "/login");
		pu_assert_flash(p, new_email);
		ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM users WHERE email = ? AND email_verified_at IS NOT NULL",
					    new_email), 1);
		ck_assert_int_eq(pu_audits("user.email_change", "user", u.id), 1);
		/* confirmed from a browser without a session of theirs: every
		 * session of the account is logged out */
		ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", u.id), 0);
		pu_assert_flash(p, "Every session of your account has been logged out.");
		pu_free(p);
		/* once only */
		p = sat_guest_post(&g, "/account/email/confirm", strdup(form));
		pu_assert_status(p, 410);
		pu_assert_text(p, "This link is no longer valid");
		pu_free(p);
	}
	p = pu_get("/account/email/confirm?token=abc");
	pu_assert_status(p, 410);
	pu_free(p);
	snprintf(u.email, sizeof u.email, "%s", new_email);
	db_exec("DELETE FROM login_failures WHERE email = ?", "s", u.email);
	pu_user_delete(&u);
	pu_user_delete(&taken);
}
END_TEST

/* True when GET uri answers 410 (a dead link). */
static int
link_dead(const char *path, const char *token)
{
	char uri[160];
	struct pu_page *p;
	int dead;

	snprintf(uri, sizeof uri, "%s?token=%s", path, token);
	p = pu_get(uri);
	ck_assert_msg(p->status == 200 || p->status == 410, "%s: status %d", path, p->status);
	dead = p->status == 410;
	pu_free(p);
	return dead;
}

/*
 * Confirming a new address from a logged-in browser: every other link the
 * account was mailed (password reset, verification, an earlier address
 * change) stops working, and every other session ends; this one stays.
 */
START_TEST(test_email_change_ends_old_links)
{
	char reset[TOKEN_TEXT_SIZE], verify[TOKEN_TEXT_SIZE], code[TOKEN_CODE_SIZE], older[TOKEN_TEXT_SIZE];
	char confirm[TOKEN_TEXT_SIZE], theirs[TOKEN_TEXT_SIZE], new_email[128], other_email[128], form[128];
	char flash[1024];
	struct pu_user u, laptop, stranger;
	struct pu_page *p;
	long long stranger_reset;

	sat_member(&u, 0);
	laptop = u;
	pu_login(&laptop, 0);
	sat_member(&stranger, 1);
	pu_email(PU_PREFIX, new_email, sizeof new_email);
	pu_email(PU_PREFIX, other_email, sizeof other_email);
	sat_token(&u, "reset", 1, NULL, reset, NULL);
	sat_token(&u, "verify", 24, NULL, verify, code);
	sat_token(&u, "email_change", 24, other_email, older, NULL);
	sat_token(&u, "email_change", 24, new_email, confirm, NULL);
	stranger_reset = sat_token(&stranger, "reset", 1, NULL, theirs, NULL);
	/* the links work before */
	ck_assert(!link_dead("/reset/new", reset));
	ck_assert(!link_dead("/verify", verify));
	ck_assert(!link_dead("/account/email/confirm", older));

	snprintf(form, sizeof form, "token=%s", confirm);
	p = pu_post_as(&u, "/account/email/confirm", form);
	pu_assert_status(p, 303);
	pu_assert_location(p, "/account");
	snprintf(flash, sizeof flash, "%s", pu_flash(p));
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM users WHERE email = ?", new_email), 1);

	/* the links mailed before are dead, and marked used */
	ck_assert(link_dead("/reset/new", reset));
	ck_assert(link_dead("/verify", verify));
	ck_assert(link_dead("/account/email/confirm", older));
	ck_assert(link_dead("/account/email/confirm", confirm));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND used_at IS NULL", u.id), 0);
	/* someone else's links are untouched */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE id = ? AND used_at IS NULL", stranger_reset),
			 1);
	/* this browser stays logged in, the laptop does not */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", u.session_id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", laptop.session_id), 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", stranger.session_id), 1);
	p = pu_get_as(&u, "/account");
	pu_assert_status(p, 200);
	pu_assert_text(p, new_email);
	pu_free(p);
	p = pu_get_as(&laptop, "/account");
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_msg(strstr(flash, "Your email address is now ") != NULL &&
		      strstr(flash, "Every other session of your account has been logged out.") != NULL,
		      "flash: %s", flash);
	snprintf(u.email, sizeof u.email, "%s", new_email);
	pu_user_delete(&u);
	pu_user_delete(&stranger);
}
END_TEST

/* ---- addresses ----------------------------------------------------------- */

START_TEST(test_addresses)
{
	struct pu_user u;
	struct pu_page *p;
	char *record, uri[96];
	long long id, second;

	sat_member(&u, 1);
	p = pu_get_as(&u, "/account/addresses");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "You have no saved addresses yet.");
	pu_assert_has(p, "autocomplete=\"shipping postal-code\"");
	pu_assert_has(p, "<label for=\"line1\">");
	pu_free(p);

	/* bad input */
	p = sat_post_as(&u, "/account/addresses", sat_form("label", "", "name", "Bea", "line1", "", "line2", "",
							  "city", "Leeds", "postcode", "LS1 1AA", "country", "GBR",
							  "phone", "", NULL));
	pu_assert_status(p, 422);
	pu_assert_layout(p);
	pu_assert_text(p, "Give the address a short name, for example Home.");
	pu_assert_text(p, "Enter the street and house number.");
	pu_assert_text(p, "Enter the two-letter country code, for example GB, DE or FR.");
	pu_assert_has(p, "value=\"LS1 1AA\"");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM addresses WHERE user_id = ?", u.id), 0);

	p = sat_post_as(&u, "/account/addresses", sat_form("label", "Home", "name", "Bea O'Test", "line1",
							  "1 Quay Street", "line2", "Flat 2", "city", "Leeds",
							  "postcode", "LS1 1AA", "country", "gb", "phone",
							  "0113 496 0000", NULL));
	pu_assert_status(p, 303);
	pu_assert_location(p, "/account/addresses");
	pu_assert_flash(p, "has been saved");
	pu_free(p);
	id = pu_count("SELECT MAX(id) FROM addresses WHERE user_id = ?", u.id);
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(pu_count("SELECT is_default FROM addresses WHERE id = ?", id), 1);
	record = pu_open_column("addresses", "body_enc", id, "SELECT body_enc FROM addresses WHERE id = ?");
	ck_assert_str_eq(record, "1\nBea O'Test\n1 Quay Street\nFlat 2\nLeeds\nLS1 1AA\nGB\n0113 496 0000");
	free(record);
	ck_assert(!pu_raw_contains("SELECT body_enc FROM addresses WHERE id = ?", id, "Quay"));

	p = pu_get_as(&u, "/account/addresses");
	pu_assert_status(p, 200);
	pu_assert_text(p, "1 Quay Street");
	pu_assert_text(p, "Bea O'Test");
	pu_assert_has(p, "default</span>");
	snprintf(uri, sizeof uri, "href=\"/account/addresses/%lld\"", id);
	pu_assert_has(p, uri);
	pu_free(p);

	/* a second one, made the default */
	p = sat_post_as(&u, "/account/addresses", sat_form("label", "Office", "name", "Bea", "line1", "2 Park Row",
							  "line2", "", "city", "Leeds", "postcode", "LS1 5AB",
							  "country", "GB", "phone", "", "is_default", "1", NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	second = pu_count("SELECT MAX(id) FROM addresses WHERE user_id = ?", u.id);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM addresses WHERE user_id = ? AND is_default = 1", u.id), 1);
	ck_assert_int_eq(pu_count("SELECT is_default FROM addresses WHERE id = ?", second), 1);

	/* edit */
	snprintf(uri, sizeof uri, "/account/addresses/%lld", id);
	p = pu_get_as(&u, uri);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "value=\"1 Quay Street\"");
	pu_assert_has(p, "action=\"/account/addresses/");
	pu_free(p);
	p = sat_post_as(&u, uri, sat_form("label", "Home", "name", "Bea", "line1", "", "line2", "", "city",
					  "Leeds", "postcode", "LS1 1AA", "country", "GB", "phone", "", NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter the street and house number.");
	pu_free(p);
	p = sat_post_as(&u, uri, sat_form("label", "Home", "name", "Bea", "line1", "3 New Street", "line2", "",
					  "city", "York", "postcode", "YO1 7HH", "country", "GB", "phone", "", NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	record = pu_open_column("addresses", "body_enc", id, "SELECT body_enc FROM addresses WHERE id = ?");
	ck_assert_str_eq(record, "1\nBea\n3 New Street\n\nYork\nYO1 7HH\nGB\n");
	free(record);

	/* delete: the box first */
	snprintf(uri, sizeof uri, "/account/addresses/%lld/delete", second);
	p = pu_post_as(&u, uri, "");
	pu_assert_status(p, 422);
	pu_assert_layout(p);
	pu_assert_text(p, "Tick the box to confirm that this address should be deleted.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM addresses WHERE id = ?", second), 1);
	p = pu_post_as(&u, uri, "confirm=1");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "has been deleted");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM addresses WHERE id = ?", second), 0);
	/* the remaining one is the default again */
	ck_assert_int_eq(pu_count("SELECT is_default FROM addresses WHERE id = ?", id), 1);
	p = pu_post_as(&u, uri, "confirm=1");
	pu_assert_status(p, 404);
	pu_free(p);
	pu_user_delete(&u);
}
END_TEST

/* Someone else's address does not exist for this user. */
START_TEST(test_addresses_not_yours)
{
	struct pu_user owner, other;
	struct pu_page *p;
	char uri[96];
	long long id;

	sat_member(&owner, 1);
	sat_member(&other, 1);
	p = sat_post_as(&owner, "/account/addresses", sat_form("label", "Home", "name", "Owner", "line1", "1 Road",
							      "line2", "", "city", "Leeds", "postcode", "LS1 1AA",
							      "country", "GB", "phone", "", NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	id = pu_count("SELECT MAX(id) FROM addresses WHERE user_id = ?", owner.id);
	snprintf(uri, sizeof uri, "/account/addresses/%lld", id);
	p = pu_get_as(&other, uri);
	pu_assert_status(p, 404);
	pu_assert_lacks(p, "1 Road");
	pu_free(p);
	p = sat_post_as(&other, uri, sat_form("label", "Mine", "name", "Thief", "line1", "2 Road", "line2", "",
					      "city", "Leeds", "postcode", "LS1 1AA", "country", "GB", "phone", "",
					      NULL));
	pu_assert_status(p, 404);
	pu_free(p);
	snprintf(uri, sizeof uri, "/account/addresses/%lld/delete", id);
	p = pu_post_as(&other, uri, "confirm=1");
	pu_assert_status(p, 404);
	pu_free(p);
	/* and without the token the owner cannot delete it either */
	p = pu_post(uri, owner.cookie, "confirm=1");
	pu_assert_status(p, 403);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM addresses WHERE id = ? AND label = 'Home'", id), 1);
	p = pu_get_as(&other, "/account/addresses/999999999999");
	pu_assert_status(p, 404);
	pu_free(p);
	p = pu_get_as(&other, "/account/addresses/abc");
	pu_assert_status(p, 404);
	pu_free(p);
	pu_user_delete(&owner);
	pu_user_delete(&other);
}
END_TEST

/* ---- sessions ------------------------------------------------------------ */

START_TEST(test_sessions)
{
	struct pu_user u, phone, third, stranger;
	struct pu_page *p;
	char uri[96];

	sat_member(&u, 1);
	phone = u;
	pu_login(&phone, 0);
	third = u;
	pu_login(&third, 0);
	sat_member(&stranger, 1);
	ck_assert_int_eq(db_exec("UPDATE sessions SET ip = '198.51.100.7', user_agent = 'Phone <Browser>'"
				 " WHERE id = ?", "i", phone.session_id), 1);
	p = pu_get_as(&u, "/account/sessions");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "198.51.100.7");
	pu_assert_text(p, "Phone <Browser>");
	pu_assert_has(p, "this session</span>");
	snprintf(uri, sizeof uri, "action=\"/account/sessions/%lld/end\"", phone.session_id);
	pu_assert_has(p, uri);
	pu_assert_has(p, "action=\"/account/sessions/end-others\"");
	pu_free(p);

	/* someone else's session */
	snprintf(uri, sizeof uri, "/account/sessions/%lld/end", stranger.session_id);
	p = pu_post_as(&u, uri, "");
	pu_assert_status(p, 404);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", stranger.session_id), 1);
	/* without the token */
	snprintf(uri, sizeof uri, "/account/sessions/%lld/end", phone.session_id);
	p = pu_post(uri, u.cookie, "");
	pu_assert_status(p, 403);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", phone.session_id), 1);

	p = pu_post_as(&u, uri, "");
	pu_assert_status(p, 303);
	pu_assert_location(p, "/account/sessions");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", phone.session_id), 0);
	p = pu_post_as(&u, uri, "");
	pu_assert_status(p, 404);
	pu_free(p);

	p = pu_post_as(&u, "/account/sessions/end-others", "");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "1 other session has been logged out.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", u.id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", u.session_id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", stranger.session_id), 1);

	/* ending the current session logs out */
	snprintf(uri, sizeof uri, "/account/sessions/%lld/end", u.session_id);
	p = pu_post_as(&u, uri, "");
	pu_assert_status(p, 303);
	pu_assert_location(p, "/");
	ck_assert_str_eq(pu_set_cookie(p, "bz_session"), "");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", u.id), 0);
	pu_user_delete(&u);
	pu_user_delete(&stranger);
}
END_TEST

/* ---- data download ------------------------------------------------------- */

START_TEST(test_data_download)
{
	char token[TOKEN_TEXT_SIZE], code[TOKEN_CODE_SIZE];
	struct pu_user u;
	struct pu_page *p;

	sat_member(&u, 1);
	p = sat_post_as(&u, "/account/profile", sat_form("name", "Bea", "phone", "+1 555 0100 200", NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	/* a name no form would take, to see the escaping */
	ck_assert_int_eq(db_exec("UPDATE users SET name = ? WHERE id = ?", "si", "Quote \" Back\\slash <b>\x01",
				 u.id), 1);
	p = sat_post_as(&u, "/account/addresses", sat_form("label", "Home", "name", "Bea", "line1", "9 Elm Street",
							  "line2", "", "city", "Springfield", "postcode", "12345",
							  "country", "US", "phone", "", NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	sat_token(&u, "verify", 24, NULL, token, code);

	p = pu_get_as(&u, "/account/data.json");
	pu_assert_status(p, 200);
	ck_assert_str_eq(pu_header(p, "Content-Type"), "application/json; charset=utf-8");
	ck_assert_str_eq(pu_header(p, "Content-Disposition"), "attachment; filename=\"bazaar-data.json\"");
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	pu_assert_has(p, "\"name\": \"Quote \\\" Back\\\\slash \\u003cb\\u003e\\u0001\"");
	pu_assert_has(p, "\"phone\": \"+1 555 0100 200\"");
	pu_assert_has(p, "\"line1\": \"9 Elm Street\"");
	pu_assert_has(p, "\"city\": \"Springfield\"");
	pu_assert_has(p, "\"purpose\": \"verify\"");
	pu_assert_has(p, "\"sessions\": [");
	pu_assert_has(p, "\"audit_log\": [");
	pu_assert_has(p, u.email);
	pu_assert_has(p, "\"vendor\": null");
	pu_assert_lacks(p, token);
	pu_assert_lacks(p, "token_hash");
	pu_assert_lacks(p, "code_hash");
	pu_assert_lacks(p, "password");
	ck_assert_int_eq(p->body[0], '{');
	ck_assert_ptr_nonnull(strstr(p->body, "\n}\n"));
	pu_free(p);
	ck_assert_int_eq(pu_audits("user.data_download", "user", u.id), 1);
	pu_user_delete(&u);
}
END_TEST

/*
 * The audit part of the download: entries about them, by them and about
 * their shop; the address an entry came from only when they made it (an
 * admin's address is not theirs to download).
 */
START_TEST(test_data_download_audit)
{
	struct pu_user u, admin;
	struct pu_page *p;
	char slug[64];
	long long vendor;

	sat_member(&u, 1);
	sat_user_new(&admin, "admin", 1);
	snprintf(slug, sizeof slug, "sfacct-%d-%ld", (int)getpid(), (long)time(NULL));
	vendor = pu_vendor_insert(u.id, slug, "Audit Test Shop", "pending");
	ck_assert_int_eq(audit_log_ip(admin.id, "admin", "203.0.113.91", "user.note", "user", u.id, "about them"), 0);
	ck_assert_int_eq(audit_log_ip(u.id, "customer", "198.51.100.92", "user.note", "user", u.id, "by them"), 0);
	ck_assert_int_eq(audit_log_ip(admin.id, "admin", "203.0.113.93", "vendor.note", "vendor", vendor,
				      "about their shop"), 0);
	ck_assert_int_eq(audit_log_ip(admin.id, "admin", "203.0.113.94", "vendor.note", "vendor", vendor + 1000000,
				      "about another shop"), 0);

	p = pu_get_as(&u, "/account/data.json");
	pu_assert_status(p, 200);
	/* their own address, never the admin's */
	pu_assert_has(p, "\"ip\": \"198.51.100.92\"");
	pu_assert_lacks(p, "203.0.113.91");
	pu_assert_lacks(p, "203.0.113.93");
	pu_assert_lacks(p, "203.0.113.94");
	pu_assert_has(p, "\"detail\": \"about them\"");
	pu_assert_has(p, "\"detail\": \"by them\"");
	pu_assert_has(p, "\"detail\": \"about their shop\"");
	pu_assert_has(p, "\"object_type\": \"vendor\"");
	pu_assert_lacks(p, "about another shop");
	pu_assert_has(p, "\"trading_name\": \"Audit Test Shop\"");
	pu_free(p);
	db_exec("DELETE FROM vendors WHERE id = ?", "i", vendor);
	pu_user_delete(&u);
	pu_user_delete(&admin);
}
END_TEST

/* ---- deleting the account ------------------------------------------------ */

START_TEST(test_delete_account)
{
	struct pu_user u, other;
	struct pu_page *p;
	char *body, *row[3] = { NULL, NULL, NULL }, old_email[128];

	sat_member(&u, 1);
	other = u;
	pu_login(&other, 0);
	snprintf(old_email, sizeof old_email, "%s", u.email);
	p = sat_post_as(&u, "/account/addresses", sat_form("label", "Home", "name", "Bea", "line1", "1 Road",
							  "line2", "", "city", "Leeds", "postcode", "LS1 1AA",
							  "country", "GB", "phone", "", NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	p = pu_get_as(&u, "/account/delete");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "action=\"/account/delete\"");
	pu_assert_has(p, "<label for=\"confirm\">");
	pu_free(p);

	p = sat_post_as(&u, "/account/delete", sat_form("current_password", PU_PASSWORD, NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "Tick the box to confirm that you understand.");
	pu_free(p);
	body = sat_form("csrf", u.csrf, "current_password", "wrong password", "confirm", "1", NULL);
	p = pu_request_ip("POST", "/account/delete", u.cookie, body, PU_TEST_IP);
	free(body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Your current password is wrong.");
	pu_free(p);
	p = pu_post("/account/delete", u.cookie, "current_password=page+test+password+1&confirm=1");
	pu_assert_status(p, 403);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND status = 'active'", u.id), 1);

	p = sat_post_as(&u, "/account/delete", sat_form("current_password", PU_PASSWORD, "confirm", "1", NULL));
	pu_assert_status(p, 303);
	pu_assert_location(p, "/");
	pu_assert_flash(p, "Your account has been deleted.");
	ck_assert_str_eq(pu_set_cookie(p, "bz_session"), "");
	pu_free(p);
	ck_assert(pu_row1(row, 3, "SELECT email, name, status FROM users WHERE id = ?", "i", &u.id));
	{
		char want[64];

		snprintf(want, sizeof want, "deleted-%lld@invalid", u.id);
		ck_assert_str_eq(row[0], want);
	}
	ck_assert_str_eq(row[1], "Deleted user");
	ck_assert_str_eq(row[2], "deleted");
	pu_free_row(row, 3);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND password_hash IS NULL"
				  " AND phone_enc IS NULL AND totp_secret_enc IS NULL", u.id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM addresses WHERE user_id = ?", u.id), 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", u.id), 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ?", u.id), 0);
	ck_assert_int_eq(pu_audits("user.delete", "user", u.id), 1);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'account_deleted'", old_email), 1);
	/* the old session is gone, and the address is free again */
	p = pu_get_as(&other, "/account");
	pu_assert_status(p, 303);
	pu_free(p);
	{
		struct sat_guest g;

		sat_guest(&g);
		p = sat_guest_post(&g, "/login", sat_form("email", old_email, "password", PU_PASSWORD, NULL));
		pu_assert_status(p, 422);
		pu_free(p);
	}
	db_exec("DELETE FROM login_failures WHERE email = ?", "s", old_email);
	db_exec("DELETE FROM mail_outbox WHERE to_addr = ?", "s", old_email);
	pu_user_delete(&u);
}
END_TEST

/* An outbox row to an address in a status, as the mailer leaves them
 * (queued ones wait for a retry and a claim is fresh, so that the test
 * stack's mailer leaves them alone); returns its id. */
static long long
outbox_row(const char *to, const char *template, const char *status, const char *body)
{
	ck_assert_int_eq(db_exec("INSERT INTO mail_outbox (to_addr, subject, body, template, status, sent_at,"
				 " next_attempt_at) VALUES (?, 'Test', ?, ?, ?, IF(? = 'sent', NOW(), NULL),"
				 " NOW() + INTERVAL 1 HOUR)", "sssss", to, body, template, status, status), 1);
	return (long long)db_insert_id();
}

/* The message file the mailer writes for an outbox row; returns 1 when
 * it exists. With create, writes one. */
static int
outbox_file(long long id, int create)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%lld.eml", mail_dir(), id);
	if (create) {
		ck_assert_msg((f = fopen(path, "w")) != NULL, "cannot write %s", path);
		fputs("To: someone\r\n\r\nbody\r\n", f);
		fclose(f);
	}
	return access(path, F_OK) == 0;
}

/*
 * Deleting the account takes the mail kept for the person with it: every
 * row to the address (sent, failed or queued; one the mailer is sending
 * right now is left to it) and its message file, the confirmation mailed to
 * an address they asked to move to, and their failed logins; only the
 * goodbye stays. Someone else's mail to that other address stays too.
 */
START_TEST(test_delete_account_mail)
{
	struct pu_user u, other;
	struct pu_page *p;
	char new_email[128], old_email[128];
	long long sent, failed, queued, sending, theirs, goodbye;

	sat_member(&u, 1);
	sat_member(&other, 1);
	snprintf(old_email, sizeof old_email, "%s", u.email);
	pu_email(PU_PREFIX, new_email, sizeof new_email);
	/* an address change never confirmed, by them and by someone else */
	p = sat_post_as(&u, "/account/email", sat_form("email", new_email, "current_password", PU_PASSWORD, NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	p = sat_post_as(&other, "/account/email", sat_form("email", new_email, "current_password", PU_PASSWORD,
							   NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	/* the test stack's mailer may have sent them already; else they wait */
	ck_assert(db_exec("UPDATE mail_outbox SET next_attempt_at = NOW() + INTERVAL 1 HOUR"
			  " WHERE to_addr IN (?, ?) AND status = 'queued'", "ss", old_email, new_email) >= 0);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'email_change'", new_email), 2);
	theirs = pu_count_s("SELECT MAX(id) FROM mail_outbox WHERE to_addr = ? AND template = 'email_change'",
			    new_email);
	/* one of the old address's mail is the notice of that change */
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?", old_email), 1);
	sent = outbox_row(old_email, "password_reset", "sent", "Hello Page Test");
	failed = outbox_row(old_email, "password_changed", "failed", "Hello Page Test");
	queued = outbox_row(old_email, "login_locked", "queued", "Hello Page Test");
	sending = outbox_row(old_email, "password_reset", "sending", "Hello Page Test");
	ck_assert(outbox_file(sent, 1));
	ck_assert_int_eq(db_exec("INSERT INTO login_failures (email, ip, at) VALUES (?, '198.51.100.3',"
				 " UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE)", "s", old_email), 1);

	p = sat_post_as(&u, "/account/delete", sat_form("current_password", PU_PASSWORD, "confirm", "1", NULL));
	pu_assert_status(p, 303);
	pu_assert_location(p, "/");
	pu_free(p);

	/* only the goodbye (and the row being sent) is left for the old address */
	goodbye = pu_count_s("SELECT MAX(id) FROM mail_outbox WHERE to_addr = ? AND template = 'account_deleted'",
			     old_email);
	ck_assert_int_gt(goodbye, sending);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?", old_email), 2);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM mail_outbox WHERE id = ?", goodbye), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM mail_outbox WHERE id = ?", sending), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM mail_outbox WHERE id = ?", sent), 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM mail_outbox WHERE id = ?", failed), 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM mail_outbox WHERE id = ?", queued), 0);
	ck_assert(!outbox_file(sent, 0));
	/* the confirmation to the other address went, the other person's stayed */
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?", new_email), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM mail_outbox WHERE id = ?", theirs), 1);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", old_email), 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND status = 'deleted'", u.id), 1);

	db_exec("DELETE FROM mail_outbox WHERE to_addr IN (?, ?)", "ss", old_email, new_email);
	pu_user_delete(&u);
	pu_user_delete(&other);
}
END_TEST

START_TEST(test_delete_refused_for_vendor)
{
	struct pu_user u;
	struct pu_page *p;

	sat_user_new(&u, "vendor", 1);
	pu_login(&u, 0);
	p = pu_get_as(&u, "/account/delete");
	pu_assert_status(p, 200);
	pu_assert_text(p, "To close a shop, contact the marketplace at ");
	pu_assert_lacks(p, "action=\"/account/delete\"");
	pu_free(p);
	p = sat_post_as(&u, "/account/delete", sat_form("current_password", PU_PASSWORD, "confirm", "1", NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "To close a shop, contact the marketplace at ");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND status = 'active'", u.id), 1);
	pu_user_delete(&u);
}
END_TEST

/* A vendor waiting for verification who changes the address: the admin's
 * "contact reachable" check is gone, the other checks stay. */
START_TEST(test_email_change_resets_vendor_contact)
{
	struct pu_user u;
	struct pu_page *p;
	struct sat_guest g;
	char new_email[128], slug[64], form[160], *mail;
	long long vendor, review;

	sat_user_new(&u, "vendor", 1);
	pu_login(&u, 0);
	snprintf(slug, sizeof slug, "pt-contact-%lld", u.id);
	vendor = pu_vendor_insert(u.id, slug, "Contact Test", "pending");
	ck_assert_int_eq(db_exec("INSERT INTO vendor_reviews (vendor_id) VALUES (?)", "i", vendor), 1);
	review = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO vendor_checks (review_id, item, passed, note, checked_by) VALUES"
				 " (?, 'contact', 1, 'Called them.', ?), (?, 'tax_id', 1, 'Valid.', ?)", "iiii",
				 review, u.id, review, u.id), 2);
	pu_email(PU_PREFIX, new_email, sizeof new_email);
	p = sat_post_as(&u, "/account/email", sat_form("email", new_email, "current_password", PU_PASSWORD, NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	mail = sat_mail(new_email, "email_change");
	ck_assert_ptr_nonnull(mail);
	snprintf(form, sizeof form, "token=%.43s", sat_after(mail, "/account/email/confirm?token="));
	free(mail);
	sat_guest(&g);
	p = sat_guest_post(&g, "/account/email/confirm", strdup(form));
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_checks WHERE review_id = ? AND item = 'contact'", review), 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_checks WHERE review_id = ? AND item = 'tax_id'", review), 1);
	ck_assert_int_eq(pu_audits("vendor.checks_reset", "user", u.id), 1);
	db_exec("DELETE FROM vendor_checks WHERE review_id = ?", "i", review);
	db_exec("DELETE FROM vendor_reviews WHERE vendor_id = ?", "i", vendor);
	db_exec("DELETE FROM vendors WHERE id = ?", "i", vendor);
	pu_user_delete(&u);
}
END_TEST

static Suite *
sf_account_suite(void)
{
	Suite *s = suite_create("sf_account");
	TCase *tc = pu_tcase_people(s, "account");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_account_needs_login);
	tcase_add_test(tc, test_account_view);
	tcase_add_test(tc, test_email_change_resets_vendor_contact);
	tcase_add_test(tc, test_profile);
	tcase_add_test(tc, test_password_change);
	tcase_add_test(tc, test_password_check_lock);
	tcase_add_test(tc, test_email_change);
	tcase_add_test(tc, test_email_change_ends_old_links);
	tcase_add_test(tc, test_addresses);
	tcase_add_test(tc, test_addresses_not_yours);
	tcase_add_test(tc, test_sessions);
	tcase_add_test(tc, test_data_download);
	tcase_add_test(tc, test_data_download_audit);
	tcase_add_test(tc, test_delete_account);
	tcase_add_test(tc, test_delete_account_mail);
	tcase_add_test(tc, test_delete_refused_for_vendor);
	return s;
}

CHECK_MAIN(sf_account_suite)
