/*
 * Page tests for sf_notifications.c: the shopper's notification centre (the
 * lines, unread first marked, escaped; open marks read and redirects; a line
 * of another account is a 404; the mail choices) and the unsubscribe link
 * (asks on GET, stops the kind on POST without a session, refuses a link not
 * signed for it).
 */
#define PU_PREFIX "sf-notify"
#include "sf_account_util.h"

#include "notify.h"

START_TEST(test_centre)
{
	struct pu_user u, other;
	struct pu_page *p;
	char uri[128];
	long long id;

	sat_member(&u, 1);
	sat_member(&other, 1);
	id = notify_user(u.id, NOTIFY_SHOPPER, "message", "A <b>new</b> message", "/orders", NULL, NULL, NULL);
	ck_assert_int_gt(id, 0);
	p = pu_get_as(&u, "/account/notifications");
	pu_assert_status(p, 200);
	pu_assert_has(p, "A &lt;b&gt;new&lt;/b&gt; message");
	pu_assert_has(p, "1 unread");
	pu_assert_has(p, "name=\"mail\" value=\"price_drop\" checked");
	pu_free(p);
	snprintf(uri, sizeof uri, "/account/notifications/%lld/open", id);
	p = sat_post_as(&other, uri, sat_form("x", "", NULL));
	pu_assert_status(p, 404);
	pu_free(p);
	p = sat_post_as(&u, uri, sat_form("x", "", NULL));
	pu_assert_status(p, 303);
	pu_assert_location(p, "/orders");
	pu_free(p);
	ck_assert_int_eq(notify_unread(u.id, NOTIFY_SHOPPER), 0);
	p = sat_post_as(&u, "/account/notifications/settings", sat_form("mail", "order", NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(notify_mail_wanted(u.id, NOTIFY_SHOPPER, "order"), 1);
	ck_assert_int_eq(notify_mail_wanted(u.id, NOTIFY_SHOPPER, "price_drop"), 0);
	pu_user_delete(&u);
	pu_user_delete(&other);
}
END_TEST

START_TEST(test_unsubscribe)
{
	char url[NOTIFY_LINK_MAX], bad[NOTIFY_LINK_MAX];
	const char *path;
	struct pu_user u;
	struct pu_page *p;

	sat_user_new(&u, "customer", 1);
	ck_assert_ptr_nonnull(notify_unsubscribe_url(u.id, NOTIFY_SHOPPER, "review", url, sizeof url));
	path = strstr(url, "/unsubscribe?");
	ck_assert_ptr_nonnull(path);
	p = pu_get(path);
	pu_assert_status(p, 200);
	pu_assert_has(p, "Stop mails about <strong>Reviews</strong>?");
	pu_free(p);
	ck_assert_int_eq(notify_mail_wanted(u.id, NOTIFY_SHOPPER, "review"), 1);
	snprintf(bad, sizeof bad, "%s", path);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == '0' ? '1' : '0';
	pu_expect(404, pu_post(bad, NULL, "List-Unsubscribe=One-Click"));
	ck_assert_int_eq(notify_mail_wanted(u.id, NOTIFY_SHOPPER, "review"), 1);
	p = pu_post(path, NULL, "List-Unsubscribe=One-Click");
	pu_assert_status(p, 200);
	pu_assert_has(p, "you will get no more mails about <strong>Reviews</strong>");
	pu_free(p);
	ck_assert_int_eq(notify_mail_wanted(u.id, NOTIFY_SHOPPER, "review"), 0);
	ck_assert_int_eq(notify_mail_wanted(u.id, NOTIFY_SHOPPER, "order"), 1);
	pu_user_delete(&u);
}
END_TEST

static Suite *
sf_notifications_suite(void)
{
	Suite *s = suite_create("sf_notifications");
	TCase *tc = pu_tcase_people(s, "notifications");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_centre);
	tcase_add_test(tc, test_unsubscribe);
	return s;
}

CHECK_MAIN(sf_notifications_suite)
