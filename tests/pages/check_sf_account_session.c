/*
 * Page tests for sf_account_session.c: the list of sessions and logging them
 * out.
 */
#define PU_PREFIX "sf-session"
#include "sf_account_util.h"

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
	pu_expect(404, pu_post_as(&u, uri, ""));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", stranger.session_id), 1);
	/* without the token */
	snprintf(uri, sizeof uri, "/account/sessions/%lld/end", phone.session_id);
	pu_expect(403, pu_post(uri, u.cookie, ""));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", phone.session_id), 1);

	p = pu_post_as(&u, uri, "");
	pu_assert_status(p, 303);
	pu_assert_location(p, "/account/sessions");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE id = ?", phone.session_id), 0);
	pu_expect(404, pu_post_as(&u, uri, ""));

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

static Suite *
sf_account_session_suite(void)
{
	Suite *s = suite_create("sf_account_session");
	TCase *tc = pu_tcase_people(s, "session");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_sessions);
	return s;
}

CHECK_MAIN(sf_account_session_suite)
