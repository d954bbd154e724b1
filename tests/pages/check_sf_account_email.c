/*
 * Page tests for sf_account_email.c: changing the email address and
 * confirming the change.
 */
#define PU_PREFIX "sf-email"
#include "sf_account_util.h"

START_TEST(test_email_change)
{
	struct pu_user u, taken;
	struct pu_page *p;
	char new_email[128], old_email[128], uri[160], *mail, *body;
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
		/* and the old address is told, once */
		ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
					    " AND template = 'email_changed_done'", u.email), 1);
		mail = sat_mail(u.email, "email_changed_done");
		ck_assert_ptr_nonnull(mail);
		ck_assert_ptr_nonnull(strstr(mail, new_email));
		ck_assert_ptr_nonnull(strstr(mail, "If it was not you, write at once to"));
		free(mail);
		ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
					    " AND template = 'email_changed_done'", new_email), 0);
		/* once only */
		p = sat_guest_post(&g, "/account/email/confirm", strdup(form));
		pu_assert_status(p, 410);
		pu_assert_text(p, "This link is no longer valid");
		pu_free(p);
	}
	pu_expect(410, pu_get("/account/email/confirm?token=abc"));
	snprintf(old_email, sizeof old_email, "%s", u.email);
	snprintf(u.email, sizeof u.email, "%s", new_email);
	db_exec("DELETE FROM login_failures WHERE email = ?", "s", u.email);
	db_exec("DELETE FROM mail_outbox WHERE to_addr = ?", "s", old_email);
	pu_user_delete(&u);
	pu_user_delete(&taken);
}
END_TEST

static int link_dead(const char *path, const char *token);

/* True when page p shows the waiting change to new_email with its buttons. */
static int
shows_pending(const struct pu_page *p, const char *new_email)
{
	return strstr(p->body, "A change of your email address is waiting.") != NULL &&
	       strstr(p->body, new_email) != NULL &&
	       strstr(p->body, "action=\"/account/email/resend\"") != NULL &&
	       strstr(p->body, "action=\"/account/email/cancel\"") != NULL;
}

/* A change waiting for its link is shown on the account pages, and can be
 * sent again (at most once a minute) or cancelled. */
START_TEST(test_email_change_pending)
{
	char new_email[128], first[64], *mail;
	struct pu_user u;
	struct pu_page *p;

	sat_member(&u, 1);
	pu_email(PU_PREFIX, new_email, sizeof new_email);
	/* nothing waiting: nothing shown, and nothing to send or cancel */
	p = pu_get_as(&u, "/account/email");
	ck_assert(!shows_pending(p, new_email));
	pu_assert_lacks(p, "is waiting");
	pu_free(p);
	p = pu_post_as(&u, "/account/email/resend", "");
	pu_assert_status(p, 303);
	pu_assert_location(p, "/account/email");
	pu_assert_flash(p, "No change of your email address is waiting: there is nothing to send.");
	pu_free(p);
	p = pu_post_as(&u, "/account/email/cancel", "");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "there is nothing to cancel.");
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?", new_email), 0);

	p = sat_post_as(&u, "/account/email", sat_form("email", new_email, "current_password", PU_PASSWORD, NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	mail = sat_mail(new_email, "email_change");
	snprintf(first, sizeof first, "%s", sat_after(mail, "/account/email/confirm?token="));
	free(mail);
	p = pu_get_as(&u, "/account/email");
	pu_assert_status(p, 200);
	ck_assert_msg(shows_pending(p, new_email), "the form page shows the waiting change");
	pu_assert_text(p, "the link works for 24 hours more");
	pu_free(p);
	p = pu_get_as(&u, "/account");
	pu_assert_status(p, 200);
	ck_assert_msg(shows_pending(p, new_email), "the account page shows the waiting change");
	pu_free(p);

	/* the link again: not within the minute; then a new link, the old dead */
	p = pu_post_as(&u, "/account/email/resend", "");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "less than a minute ago");
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?", new_email), 1);
	ck_assert_int_eq(db_exec("UPDATE user_tokens SET created_at = NOW() - INTERVAL 2 MINUTE WHERE user_id = ?",
				 "i", u.id), 1);
	p = pu_post_as(&u, "/account/email/resend", "");
	pu_assert_status(p, 303);
	pu_assert_location(p, "/account/email");
	pu_assert_flash(p, "We sent a new link to ");
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'email_change'", new_email), 2);
	ck_assert(link_dead("/account/email/confirm", first));
	mail = sat_mail(new_email, "email_change");
	ck_assert(!link_dead("/account/email/confirm", sat_after(mail, "/account/email/confirm?token=")));
	snprintf(first, sizeof first, "%s", sat_after(mail, "/account/email/confirm?token="));
	free(mail);
	ck_assert_int_eq(pu_audits("user.email_change_resend", "user", u.id), 1);

	/* without the form's token: nothing happens */
	pu_expect(403, pu_post("/account/email/cancel", u.cookie, ""));
	ck_assert(!link_dead("/account/email/confirm", first));

	/* cancelled: the link is dead, the address stays, nothing is shown */
	p = pu_post_as(&u, "/account/email/cancel", "");
	pu_assert_status(p, 303);
	pu_assert_location(p, "/account/email");
	pu_assert_flash(p, "is cancelled. Your address stays ");
	pu_assert_flash(p, u.email);
	pu_free(p);
	ck_assert(link_dead("/account/email/confirm", first));
	ck_assert_int_eq(pu_audits("user.email_change_cancel", "user", u.id), 1);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM users WHERE email = ?", u.email), 1);
	p = pu_get_as(&u, "/account");
	pu_assert_lacks(p, "is waiting");
	pu_free(p);
	db_exec("DELETE FROM mail_outbox WHERE to_addr = ?", "s", new_email);
	pu_user_delete(&u);
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
	ck_assert_str_eq(pu_flash(p), "You were logged out because the email address of the account was changed.");
	pu_free(p);
	ck_assert_msg(strstr(flash, "Your email address is now ") != NULL &&
		      strstr(flash, "Every other session of your account has been logged out.") != NULL,
		      "flash: %s", flash);
	snprintf(u.email, sizeof u.email, "%s", new_email);
	pu_user_delete(&u);
	pu_user_delete(&stranger);
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
sf_account_email_suite(void)
{
	Suite *s = suite_create("sf_account_email");
	TCase *tc = pu_tcase_people(s, "email");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_email_change_resets_vendor_contact);
	tcase_add_test(tc, test_email_change);
	tcase_add_test(tc, test_email_change_pending);
	tcase_add_test(tc, test_email_change_ends_old_links);
	return s;
}

CHECK_MAIN(sf_account_email_suite)
