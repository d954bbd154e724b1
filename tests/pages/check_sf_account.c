/*
 * Page tests for sf_account.c: the account page and profile, password and
 * email changes, the address book, sessions, the data download and
 * deleting the account.
 */
#define PU_PREFIX "sfacct"
#include "sf_account_util.h"

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
		pu_free(p);
		ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM users WHERE email = ? AND email_verified_at IS NOT NULL",
					    new_email), 1);
		ck_assert_int_eq(pu_audits("user.email_change", "user", u.id), 1);
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

static Suite *
sf_account_suite(void)
{
	Suite *s = suite_create("sf_account");
	TCase *tc = pu_tcase_people(s, "account");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_account_needs_login);
	tcase_add_test(tc, test_account_view);
	tcase_add_test(tc, test_profile);
	tcase_add_test(tc, test_password_change);
	tcase_add_test(tc, test_email_change);
	tcase_add_test(tc, test_addresses);
	tcase_add_test(tc, test_addresses_not_yours);
	tcase_add_test(tc, test_sessions);
	tcase_add_test(tc, test_data_download);
	tcase_add_test(tc, test_delete_account);
	tcase_add_test(tc, test_delete_refused_for_vendor);
	return s;
}

CHECK_MAIN(sf_account_suite)
