/*
 * Page tests for adm_home.c: GET /admin/.
 */
#define PU_PREFIX "adm-home"
#include "adm_util.h"

START_TEST(test_dashboard)
{
	struct admt_user a;
	struct admt_vendor v;
	struct pu_page *p;

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "pending");
	p = pu_request("GET", "/admin/", a.u.cookie);
	pu_assert_status(p, 200);
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	pu_assert_has(p, "<h1>Admin</h1>");
	pu_assert_has(p, "aria-label=\"Admin\"");
	pu_assert_has(p, "href=\"/admin/\" aria-current=\"page\">Dashboard</a>");
	pu_assert_has(p, "action=\"/admin/logout\"");
	/* the admin site's own navigation, not the shop's header links */
	pu_assert_no_site_search(p);
	pu_assert_one_logout(p);
	pu_assert_lacks(p, "class=\"account-nav\"");
	pu_assert_has(p, "<header class=\"site-header\">");
	pu_assert_has(p, "<main id=\"main\"");
	pu_assert_text(p, "waiting for verification");
	pu_assert_has(p, "href=\"/admin/vendors?status=pending\">Waiting for verification</a>");
	pu_assert_has(p, "href=\"/admin/users?status=blocked\">Blocked accounts</a>");
	/* listings held for review: the count and the queue, or none */
	pu_assert_has(p, "<h2 id=\"held-title\">Listings to review</h2>");
	if (db_scalar(0, "SELECT COUNT(*) FROM listing_reviews r JOIN products p ON p.id = r.product_id"
			 " WHERE r.status = 'pending' AND p.status = 'review'", "") > 0)
		pu_assert_has(p, "href=\"/admin/listings/review\">Review listings</a>");
	else
		pu_assert_text(p, "No listing is waiting for review.");
	pu_assert_has(p, "<span aria-current=\"page\">Admin</span>");
	pu_assert_lacks(p, "<script");
	pu_assert_lacks(p, "style=\"");
	pu_free(p);
}
END_TEST

START_TEST(test_dashboard_access)
{
	struct admt_user vendor, halfway;
	struct pu_page *p;

	admt_assert_admins_only("/admin/", "/admin/login?next=%2Fadmin%2F");
	admt_user_new(&vendor, "vendor");
	pu_login(&vendor.u, 1);
	pu_expect(404, pu_request("GET", "/admin/", vendor.u.cookie));
	admt_admin_new(&halfway, 0);
	p = pu_request("GET", "/admin/", halfway.u.cookie);
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/2fa?next=%2Fadmin%2F");
	pu_free(p);
	/* nothing else lives under /admin/ */
	pu_expect(404, pu_request("GET", "/admin/nothing-here", halfway.u.cookie));
	/* the dashboard takes no parameters: extra ones are ignored */
	admt_admin_new(&halfway, 1);
	pu_expect(200, pu_request("GET", "/admin/?page=x", halfway.u.cookie));
}
END_TEST

static Suite *
adm_home_suite(void)
{
	Suite *s = suite_create("adm_home");
	TCase *tc = pu_tcase_people(s, "dashboard");

	tcase_add_test(tc, test_dashboard);
	tcase_add_test(tc, test_dashboard_access);
	return s;
}

CHECK_MAIN(adm_home_suite)
