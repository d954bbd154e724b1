/*
 * Page tests for vp_notifications.c: the shop's notification centre shows
 * the owner's vendor lines (escaped), not their shopper lines nor another
 * shop's; open marks read and redirects, another's is a 404; the mail
 * choices offer the vendor kinds only; a customer has no such page.
 */
#define PU_PREFIX "vp-notify"
#include "vp_util.h"

#include "notify.h"

START_TEST(test_centre)
{
	struct vpt_vendor v, w;
	struct pu_user customer;
	struct pu_page *p;
	char uri[128];
	long long id, theirs;

	vpt_vendor_new(&v, "verified", 1);
	vpt_vendor_new(&w, "verified", 1);
	id = notify_vendor(v.vendor_id, "review", "A review of <i>Lamp</i>", "/vendor/listings", NULL, NULL, NULL);
	ck_assert_int_gt(id, 0);
	ck_assert_int_gt(notify_user(v.u.id, NOTIFY_SHOPPER, "order", "A shopper line", "/orders", NULL, NULL, NULL), 0);
	theirs = notify_vendor(w.vendor_id, "order", "Another shop's line", "/vendor/orders", NULL, NULL, NULL);
	ck_assert_int_gt(theirs, 0);

	p = pu_get_as(&v.u, "/vendor/notifications");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "A review of &lt;i&gt;Lamp&lt;/i&gt;");
	pu_assert_lacks(p, "A shopper line");
	pu_assert_lacks(p, "Another shop");
	pu_assert_lacks(p, "value=\"price_drop\"");
	pu_assert_has(p, "href=\"/vendor/notifications\" aria-current=\"page\">Notifications</a>");
	pu_free(p);

	snprintf(uri, sizeof uri, "/vendor/notifications/%lld/open", theirs);
	pu_expect(404, pu_post_as(&v.u, uri, ""));
	snprintf(uri, sizeof uri, "/vendor/notifications/%lld/open", id);
	p = pu_post_as(&v.u, uri, "");
	pu_assert_status(p, 303);
	pu_assert_location(p, "/vendor/listings");
	pu_free(p);
	ck_assert_int_eq(notify_unread(v.u.id, NOTIFY_VENDOR), 0);
	ck_assert_int_eq(notify_unread(v.u.id, NOTIFY_SHOPPER), 1);

	vpt_customer_new(&customer);
	pu_expect(404, pu_request("GET", "/vendor/notifications", customer.cookie));
}
END_TEST

static Suite *
vp_notifications_suite(void)
{
	Suite *s = suite_create("vp_notifications");
	TCase *tc = pu_tcase_people(s, "notifications");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_centre);
	return s;
}

CHECK_MAIN(vp_notifications_suite)
