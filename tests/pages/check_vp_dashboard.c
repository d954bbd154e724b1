/*
 * Page tests for vp_dashboard.c: GET /vendor and GET /vendor/.
 */
#define PU_PREFIX "vpd"
#include "vp_util.h"

#include "ledger.h"

/* Adds a product of the vendor in a state with that stock (any category
 * will do). Returns its id. */
static long long
add_stocked(long long vendor_id, const char *status, const char *name, long long stock)
{
	long long category = db_scalar(-1, "SELECT MIN(id) FROM categories WHERE parent_id IS NOT NULL", "");

	ck_assert_int_gt(category, 0);
	ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, name, slug,"
				 " description, price_minor, stock, status) VALUES (?, ?, ?, ?, 'test', '', 1000, ?, ?)",
				 "iiisis", vendor_id, category, catalog_top_category(category), name, stock, status), 1);
	return (long long)db_insert_id();
}

/* Adds a product of the vendor in a state (any category will do). */
static void
add_product(long long vendor_id, const char *status, const char *name)
{
	add_stocked(vendor_id, status, name, 20);
}

/* Adds a promotion of the product from days_from to days_to (from now). */
static long long
add_promotion(long long vendor_id, long long product_id, int days_from, int days_to, const char *status)
{
	ck_assert_int_eq(db_exec("INSERT INTO promotions (product_id, vendor_id, placement, starts_at, ends_at,"
				 " fee_minor, status) VALUES (?, ?, 'home', UTC_TIMESTAMP() + INTERVAL ? DAY,"
				 " UTC_TIMESTAMP() + INTERVAL ? DAY, 900, ?)",
				 "iiiis", product_id, vendor_id, (long long)days_from, (long long)days_to, status), 1);
	return (long long)db_insert_id();
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
	pu_expect(404, pu_request("GET", "/vendor/", customer.cookie));

	/* a vendor account without a shop row */
	vpt_user_new(&lone, "vendor", 1);
	pu_login(&lone, 0);
	pu_expect(404, pu_request("GET", "/vendor/", lone.cookie));
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
	pu_expect(404, pu_request("GET", "/vendor/nothing-here", v.u.cookie));
}
END_TEST


/* A newly approved shop: its next steps, its plan and a zero balance. */
START_TEST(test_dashboard_new_shop)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char *plan, *row[1] = { NULL };

	vpt_vendor_new(&v, "verified", 1);
	p = pu_request("GET", "/vendor/", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "Next steps");
	pu_assert_has(p, "0 of 4 done.");
	pu_assert_has(p, "Add your logo and banner");
	pu_assert_has(p, "<strong>Set your shipping settings</strong>");
	pu_assert_has(p, "<a href=\"/vendor/shipping\">set them up</a>");
	pu_assert_has(p, "<a href=\"/vendor/listings/new\">add a product</a>");
	pu_assert_has(p, "Sponsored places of the shop, once you have one.");
	pu_assert_lacks(p, "/vendor/promotions/new");
	/* the plan it is on, from the database, and nothing owed */
	ck_assert(pu_row1(row, 1, "SELECT p.name FROM plans p JOIN vendors v ON v.plan_id = p.id WHERE v.id = ?",
			  "i", &v.vendor_id));
	plan = row[0];
	pu_assert_text(p, plan);
	pu_assert_has(p, "<dd id=\"balance\">€0.00</dd>");
	pu_assert_has(p, "<dd id=\"available\">€0.00</dd>");
	pu_assert_has(p, "<a href=\"/vendor/plan\">");
	pu_assert_has(p, "<a href=\"/vendor/ledger\">");
	pu_assert_has(p, "None running.");
	pu_assert_has(p, "None scheduled.");
	pu_assert_has(p, "No live listing is at or below its low-stock alert.");
	pu_free_row(row, 1);
	pu_free(p);
}
END_TEST

/* A shop that is not verified yet has no next steps to take. */
START_TEST(test_dashboard_steps_only_verified)
{
	struct vpt_vendor v;
	struct pu_page *p;

	vpt_vendor_new(&v, "pending", 1);
	p = pu_request("GET", "/vendor/", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_lacks(p, "Next steps");
	pu_free(p);
}
END_TEST

/* Counts with sold-out and awaiting review, low-stock alerts, the balance
 * from the ledger, running and scheduled promotions; another shop's
 * listings and promotions are nowhere. */
START_TEST(test_dashboard_busy_shop)
{
	struct vpt_vendor v, other;
	struct pu_page *p;
	long long low, out, live, theirs, running, scheduled, over, their_promo;
	char want[300];

	vpt_vendor_new(&v, "verified", 1);
	vpt_vendor_new(&other, "verified", 1);
	live = add_stocked(v.vendor_id, "active", "Busy Lamp", 40);
	low = add_stocked(v.vendor_id, "active", "Busy Kettle", 2);
	out = add_stocked(v.vendor_id, "active", "Busy Teapot", 0);
	add_stocked(v.vendor_id, "review", "Busy Vase", 10);
	add_stocked(v.vendor_id, "draft", "Busy Draft", 1);	/* not live: no alert */
	theirs = add_stocked(other.vendor_id, "active", "Their Low Jug", 1);
	running = add_promotion(v.vendor_id, live, -1, 2, "active");
	scheduled = add_promotion(v.vendor_id, low, 3, 6, "active");
	over = add_promotion(v.vendor_id, out, -9, -2, "active");
	their_promo = add_promotion(other.vendor_id, theirs, -1, 2, "active");
	ck_assert_int_gt(ledger_append(v.vendor_id, "credit", 12345, "test:dashboard", "a test credit", 0), 0);
	ck_assert_int_gt(ledger_append(v.vendor_id, "debit", -345, "test:dashboard", "a test debit", 0), 0);

	p = pu_request("GET", "/vendor/", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<dd id=\"count-active\">3</dd>");
	pu_assert_has(p, "<dd id=\"count-sold-out\">1</dd>");
	pu_assert_has(p, "<dd id=\"count-review\">1</dd>");
	pu_assert_has(p, "<dd id=\"count-draft\">1</dd>");
	pu_assert_has(p, "<p>5 in all.</p>");
	pu_assert_has(p, "<dd id=\"balance\">€120.00</dd>");
	pu_assert_has(p, "<dd id=\"available\">€120.00</dd>");	/* not from orders: nothing held */
	/* low stock: the emptiest first, each with a link to its form */
	snprintf(want, sizeof want, "<a href=\"/vendor/listings/%lld/edit\">Busy Teapot</a>: <strong>sold out</strong>", out);
	pu_assert_has(p, want);
	snprintf(want, sizeof want, "<a href=\"/vendor/listings/%lld/edit\">Busy Kettle</a>: 2 left (alert at 5)", low);
	pu_assert_has(p, want);
	ck_assert(strstr(p->body, "Busy Teapot</a>") < strstr(p->body, "Busy Kettle</a>"));
	pu_assert_lacks(p, "Busy Lamp</a>");
	pu_assert_lacks(p, "Busy Draft</a>");
	/* promotions */
	snprintf(want, sizeof want, "<li id=\"running-%lld\">Busy Lamp: ", running);
	pu_assert_has(p, want);
	snprintf(want, sizeof want, "<li id=\"scheduled-%lld\">Busy Kettle: ", scheduled);
	pu_assert_has(p, want);
	snprintf(want, sizeof want, "running-%lld", over);
	pu_assert_lacks(p, want);
	snprintf(want, sizeof want, "scheduled-%lld", over);
	pu_assert_lacks(p, want);
	/* the next steps: two of four done (no logo or banner, no shipping terms yet) */
	pu_assert_has(p, "2 of 4 done.");
	pu_assert_has(p, "your first listing is made");
	pu_assert_has(p, "you have promoted a listing");
	/* the other shop */
	pu_assert_lacks(p, "Their Low Jug");
	snprintf(want, sizeof want, "running-%lld", their_promo);
	pu_assert_lacks(p, want);
	pu_free(p);

	ck_assert_int_eq(db_exec("DELETE FROM promotions WHERE vendor_id IN (?, ?)", "ii", v.vendor_id,
				 other.vendor_id), 4);
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
	tcase_add_test(tc, test_dashboard_new_shop);
	tcase_add_test(tc, test_dashboard_steps_only_verified);
	tcase_add_test(tc, test_dashboard_busy_shop);
	return s;
}

CHECK_MAIN(vp_dashboard_suite)
