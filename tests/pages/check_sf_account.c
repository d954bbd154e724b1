/*
 * Page tests for sf_account.c: what every account page shares: a visitor
 * without a session is sent to the login page, a POST without the form's
 * token is refused.
 */
#define PU_PREFIX "sf-account"
#include "sf_account_util.h"

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

static Suite *
sf_account_suite(void)
{
	Suite *s = suite_create("sf_account");
	TCase *tc = pu_tcase_people(s, "account");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_account_needs_login);
	return s;
}

CHECK_MAIN(sf_account_suite)
