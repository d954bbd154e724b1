/*
 * Page tests for vp_dashboard.c: GET /vendor and GET /vendor/.
 */
#define PU_PREFIX "vpd"
#include "vp_util.h"

/* Adds a product of the vendor in a state (any category will do). */
static void
add_product(long long vendor_id, const char *status, const char *name)
{
	long long category = db_scalar(-1, "SELECT MIN(id) FROM categories WHERE parent_id IS NOT NULL", "");

	ck_assert_int_gt(category, 0);
	ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, name, slug,"
				 " description, price_minor, stock, status) VALUES (?, ?, ?, ?, 'test', '', 1000, 5, ?)",
				 "iiiss", vendor_id, category, catalog_top_category(category), name, status), 1);
}

START_TEST(test_dashboard_redirect)
{
	struct pu_page *p = pu_get("/vendor");

	pu_assert_status(p, 301);
	ck_assert_str_eq(pu_header(p, "Location"), "/vendor/");
	pu_free(p);
}
END_TEST

/* Visitors without a session log in first; other roles find nothing here. */
START_TEST(test_dashboard_access)
{
	struct pu_user customer, lone;
	struct pu_page *p;

	p = pu_get("/vendor/");
	ck_assert_msg(p->status == 303 || p->status == 302, "status %d", p->status);
	ck_assert_msg(strncmp(pu_header(p, "Location"), "/login?next=", 12) == 0, "Location: %s",
		      pu_header(p, "Location"));
	pu_free(p);

	vpt_customer_new(&customer);
	p = pu_request("GET", "/vendor/", customer.cookie);
	pu_assert_status(p, 404);
	pu_free(p);

	/* a vendor account without a shop row */
	vpt_user_new(&lone, "vendor", 1);
	pu_login(&lone, 0);
	p = pu_request("GET", "/vendor/", lone.cookie);
	pu_assert_status(p, 404);
	pu_free(p);
}
END_TEST

START_TEST(test_dashboard_pending)
{
	struct vpt_vendor v;
	struct pu_page *p;

	vpt_vendor_new(&v, "pending", 0);
	p = pu_request("GET", "/vendor/", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, v.trading_name);
	pu_assert_has(p, "We are checking your details. This usually takes two working days. Until then you can "
		      "edit your profile but cannot publish listings.");
	pu_assert_has(p, "verify your email address before you can list");
	/* said once: the page's notice, not also the layout's banner */
	pu_assert_lacks(p, "verify-banner");
	pu_assert_has(p, "<a href=\"/verify\">");
	pu_assert_has(p, "<form action=\"/verify/resend\" method=\"post\">");
	pu_assert_has(p, "<a href=\"/vendor/\" aria-current=\"page\">Dashboard</a>");
	pu_assert_has(p, "<span aria-current=\"page\">Vendor portal</span>");
	/* a vendor is a shopper too: the shop's header, search and one log-out */
	pu_assert_one_logout(p);
	pu_assert_has(p, "action=\"/search\"");
	pu_assert_has(p, "You have no listings yet.");
	pu_assert_lacks(p, "Your shop is live");
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	pu_free(p);
}
END_TEST

START_TEST(test_dashboard_verified)
{
	struct vpt_vendor v, other;
	struct pu_page *p;
	char want[300];

	vpt_vendor_new(&v, "verified", 1);
	vpt_vendor_new(&other, "verified", 1);
	add_product(v.vendor_id, "active", "Dashboard Pot 1");
	add_product(v.vendor_id, "active", "Dashboard Pot 2");
	add_product(v.vendor_id, "draft", "Dashboard Pot 3");
	add_product(v.vendor_id, "hidden", "Dashboard Pot 4");
	add_product(other.vendor_id, "active", "Other Pot");
	p = pu_request("GET", "/vendor/", v.u.cookie);
	pu_assert_status(p, 200);
	snprintf(want, sizeof want, "Your shop is live at <a href=\"/v/%s\">/v/%s</a>", v.slug, v.slug);
	pu_assert_has(p, want);
	pu_assert_has(p, "Your email address is confirmed.");
	pu_assert_lacks(p, "verify your email address before you can list");
	pu_assert_has(p, "<dd id=\"count-active\">2</dd>");
	pu_assert_has(p, "<dd id=\"count-draft\">1</dd>");
	pu_assert_has(p, "<dd id=\"count-hidden\">1</dd>");
	pu_assert_has(p, "<dd id=\"count-removed\">0</dd>");
	pu_assert_has(p, "<p>4 in all.</p>");
	/* the other vendor's shop is nowhere */
	pu_assert_lacks(p, other.trading_name);
	pu_assert_lacks(p, other.slug);
	pu_free(p);
}
END_TEST

START_TEST(test_dashboard_rejected)
{
	struct vpt_vendor v;
	struct pu_page *p;

	vpt_vendor_new(&v, "rejected", 1);
	p = pu_request("GET", "/vendor/", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, VPT_REASON);
	pu_assert_has(p, "Fix your profile and send it again");
	pu_assert_has(p, "<form action=\"/vendor/resubmit\" method=\"post\">");
	pu_assert_has(p, v.u.csrf);
	pu_free(p);
}
END_TEST

START_TEST(test_dashboard_blocked)
{
	struct vpt_vendor v;
	struct pu_page *p;

	vpt_vendor_new(&v, "blocked", 1);
	ck_assert_int_eq(db_exec("UPDATE users SET status_reason = 'Counterfeit goods were sold.' WHERE id = ?",
				 "i", v.u.id), 1);
	p = pu_request("GET", "/vendor/", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "Counterfeit goods were sold.");
	pu_assert_has(p, "How to appeal");
	pu_assert_has(p, "href=\"mailto:");
	pu_assert_lacks(p, "Your shop is live");
	pu_free(p);
}
END_TEST

START_TEST(test_dashboard_bad_input)
{
	struct vpt_vendor v;
	struct pu_page *p;

	vpt_vendor_new(&v, "pending", 1);
	/* the page takes no parameters: anything sent is ignored */
	p = pu_request("GET", "/vendor/?page=DROP&status=verified", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "We are checking your details.");
	pu_free(p);
	/* a session cookie that is not a session */
	p = pu_request("GET", "/vendor/", "bz_session=not-a-session-token");
	ck_assert_msg(p->status == 303 || p->status == 302, "status %d", p->status);
	pu_free(p);
	/* no such page in the portal */
	p = pu_request("GET", "/vendor/nothing-here", v.u.cookie);
	pu_assert_status(p, 404);
	pu_free(p);
}
END_TEST

static Suite *
vp_dashboard_suite(void)
{
	Suite *s = suite_create("vp_dashboard");
	TCase *tc = pu_tcase_people(s, "dashboard");

	tcase_add_test(tc, test_dashboard_redirect);
	tcase_add_test(tc, test_dashboard_access);
	tcase_add_test(tc, test_dashboard_pending);
	tcase_add_test(tc, test_dashboard_verified);
	tcase_add_test(tc, test_dashboard_rejected);
	tcase_add_test(tc, test_dashboard_blocked);
	tcase_add_test(tc, test_dashboard_bad_input);
	return s;
}

CHECK_MAIN(vp_dashboard_suite)
