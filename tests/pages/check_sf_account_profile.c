/*
 * Page tests for sf_account_profile.c: the account page and the profile
 * form.
 */
#define PU_PREFIX "sf-profile"
#include "sf_account_util.h"

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
	pu_expect(403, pu_post("/account/profile", u.cookie, "name=Mallory&phone="));
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

static Suite *
sf_account_profile_suite(void)
{
	Suite *s = suite_create("sf_account_profile");
	TCase *tc = pu_tcase_people(s, "profile");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_account_view);
	tcase_add_test(tc, test_profile);
	return s;
}

CHECK_MAIN(sf_account_profile_suite)
