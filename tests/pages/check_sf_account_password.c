/*
 * Page tests for sf_account_password.c: changing the password, and the
 * current-password check the account forms share.
 */
#define PU_PREFIX "sf-password"
#include "sf_account_util.h"

#define NEW_PASSWORD "a brand new passphrase 7"

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
	/* which is told why at its next request */
	p = pu_request("GET", "/account", other.cookie);
	pu_assert_status(p, 303);
	ck_assert_str_eq(pu_flash(p), "You were logged out because the password was changed.");
	pu_free(p);
	/* and this one is not */
	p = pu_get_as(&u, "/account");
	pu_assert_status(p, 200);
	pu_assert_lacks(p, "You were logged out");
	pu_free(p);
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
		pu_expect(422, pu_request_ip("POST", "/account/password", u.cookie, body, PU_TEST_IP));
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
	pu_assert_retry_after(p, 800, 901);
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

static Suite *
sf_account_password_suite(void)
{
	Suite *s = suite_create("sf_account_password");
	TCase *tc = pu_tcase_people(s, "password");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_password_change);
	tcase_add_test(tc, test_password_check_lock);
	return s;
}

CHECK_MAIN(sf_account_password_suite)
