/*
 * Page tests for vp_plan.c: GET /vendor/plan shows the vendor's own plan
 * and its terms in words, and the listing limit when it is reached.
 */
#define PU_PREFIX "vp-plan"
#include "vp_util.h"

START_TEST(test_plan_terms)
{
	struct vpt_vendor v;
	struct pu_user customer;
	struct pu_page *p;
	char name[64];
	long long plan_id, product;

	vpt_vendor_new(&v, "verified", 1);
	snprintf(name, sizeof name, "Vp-Plan-%d", (int)getpid());
	ck_assert_int_eq(db_exec("INSERT INTO plans (name, commission_bp, commission_min_minor, commission_max_minor,"
				 " listing_limit, monthly_fee_minor, promotion_daily_rate_minor)"
				 " VALUES (?, 1250, 50, 2000, 1, 1900, 300)", "s", name), 1);
	plan_id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("UPDATE vendors SET plan_id = ? WHERE id = ?", "ii", plan_id, v.vendor_id), 1);

	p = pu_get_as(&v.u, "/vendor/plan");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, name);
	pu_assert_text(p, "12.5% of each item's price, at least €0.50, at most €20.00 per item");
	pu_assert_text(p, "Up to 1 live or hidden listings; you have 0.");
	pu_assert_text(p, "€3.00 a day");
	pu_assert_text(p, "€19.00, charged to your balance at the start of each month.");
	pu_assert_lacks(p, "You have reached your plan's listing limit");
	pu_assert_has(p, "href=\"/vendor/plan\" aria-current=\"page\">Plan</a>");
	pu_free(p);

	/* At the limit, the page says so. */
	product = pu_product_new(v.vendor_id);
	p = pu_get_as(&v.u, "/vendor/plan");
	pu_assert_text(p, "you have 1.");
	pu_assert_has(p, "You have reached your plan's listing limit");
	pu_free(p);
	pu_product_delete(product);

	vpt_customer_new(&customer);
	pu_expect(404, pu_request("GET", "/vendor/plan", customer.cookie));
	pu_expect(303, pu_get("/vendor/plan"));
}
END_TEST

static Suite *
vp_plan_suite(void)
{
	Suite *s = suite_create("vp_plan");
	TCase *tc = pu_tcase_people(s, "plan");

	tcase_add_test(tc, test_plan_terms);
	return s;
}

CHECK_MAIN(vp_plan_suite)
