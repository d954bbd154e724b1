/*
 * Page tests for adm_plans.c: the plans list, creating and editing a plan
 * (field messages for bad input, nothing saved), and moving a vendor to
 * another plan from the vendor's page (audited, recorded with its time).
 */
#define PU_PREFIX "adm-plans"
#include "adm_util.h"
#include "plan.h"

/* A plan name of this run. */
static const char *
plan_name(const char *what)
{
	static char name[64];

	snprintf(name, sizeof name, "Plan-%s-%d", what, (int)getpid());
	return name;
}

START_TEST(test_plan_create_and_edit)
{
	struct admt_user a;
	struct pu_page *p;
	char body[512], uri[64], name[64];
	long long id;
	struct plan plan;

	admt_admin_new(&a, 1);
	p = pu_get_as(&a.u, "/admin/plans");
	pu_assert_status(p, 200);
	pu_assert_has(p, "href=\"/admin/plans\" aria-current=\"page\">Plans</a>");
	pu_assert_has(p, "href=\"/admin/plans/new\"");
	pu_free(p);
	p = pu_get_as(&a.u, "/admin/plans/new");
	pu_assert_status(p, 200);
	pu_assert_has(p, "name=\"commission_min\"");
	pu_free(p);

	snprintf(name, sizeof name, "%s", plan_name("Create"));
	/* Bad input: each field says what is wrong; nothing is saved. */
	snprintf(body, sizeof body, "name=%s&commission=101&commission_min=abc&listing_limit=0"
		 "&promotion_daily_rate=&monthly_fee=19", name);
	p = pu_post_as(&a.u, "/admin/plans", body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Commission (%) (commission) must be an amount like 12.50, from 0.00 to 100.00.");
	pu_assert_has(p, "id=\"commission_min-error\"");
	pu_assert_has(p, "id=\"listing_limit-error\"");
	pu_assert_text(p, "Enter what a day of promotion costs");
	pu_assert_has(p, "value=\"Plan-Create-");
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM plans WHERE name = ?", name), 0);
	/* The minimum above the maximum. */
	snprintf(body, sizeof body, "name=%s&commission=12.5&commission_min=5&commission_max=1"
		 "&promotion_daily_rate=3&monthly_fee=19", name);
	p = pu_post_as(&a.u, "/admin/plans", body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "The maximum commission must be at least the minimum.");
	/* What was typed comes back as typed amounts, not minor units. */
	pu_assert_has(p, "value=\"12.50\"");
	pu_free(p);

	snprintf(body, sizeof body, "name=%s&commission=12.5&commission_min=0.50&commission_max=20"
		 "&listing_limit=50&promotion_daily_rate=3&monthly_fee=19", name);
	p = pu_post_as(&a.u, "/admin/plans", body);
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/plans");
	pu_free(p);
	id = pu_count_s("SELECT id FROM plans WHERE name = ?", name);
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(plan_load(id, &plan), 0);
	ck_assert_int_eq(plan.commission_bp, 1250);
	ck_assert_int_eq(plan.commission_min_minor, 50);
	ck_assert_int_eq(plan.commission_max_minor, 2000);
	ck_assert_int_eq(plan.listing_limit, 50);
	ck_assert_int_eq(plan.promotion_daily_rate_minor, 300);
	ck_assert_int_eq(plan.monthly_fee_minor, 1900);
	ck_assert_int_eq(pu_audits("plan.create", "plan", id), 1);

	/* The same name again is refused next to the field. */
	p = pu_post_as(&a.u, "/admin/plans", body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Another plan has this name: choose another.");
	pu_free(p);

	/* Edit: the form shows the terms; a save changes them. */
	snprintf(uri, sizeof uri, "/admin/plans/%lld", id);
	p = pu_get_as(&a.u, uri);
	pu_assert_status(p, 200);
	pu_assert_has(p, "id=\"commission\" name=\"commission\" value=\"12.50\"");
	pu_assert_has(p, "id=\"listing_limit\" name=\"listing_limit\" value=\"50\"");
	pu_free(p);
	snprintf(body, sizeof body, "name=%s&commission=8&commission_min=&commission_max="
		 "&listing_limit=&promotion_daily_rate=2.50&monthly_fee=0", name);
	pu_expect(303, pu_post_as(&a.u, uri, body));
	ck_assert_int_eq(plan_load(id, &plan), 0);
	ck_assert_int_eq(plan.commission_bp, 800);
	ck_assert_int_eq(plan.commission_min_minor, PLAN_NONE);
	ck_assert_int_eq(plan.listing_limit, PLAN_NONE);
	ck_assert_int_eq(plan.monthly_fee_minor, 0);
	ck_assert_int_eq(pu_audits("plan.update", "plan", id), 1);
	p = pu_get_as(&a.u, "/admin/plans");
	pu_assert_text(p, name);
	pu_assert_text(p, "8% of each item's price per item");
	pu_free(p);

	pu_expect(404, pu_get_as(&a.u, "/admin/plans/999999999999"));
	pu_expect(404, pu_post_as(&a.u, "/admin/plans/999999999999", body));
	/* Without the CSRF token nothing happens. */
	pu_expect(403, pu_post(uri, a.u.cookie, "name=Sneaky&commission=1&promotion_daily_rate=1&monthly_fee=1"));
	admt_assert_admins_only("/admin/plans", "/admin/login?next=%2Fadmin%2Fplans");
}
END_TEST

START_TEST(test_vendor_plan)
{
	struct admt_user a;
	struct admt_vendor v;
	struct pu_page *p;
	char uri[96], body[64], name[64];
	long long plan_id, before;
	struct plan plan;

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "verified");
	snprintf(name, sizeof name, "%s", plan_name("Assign"));
	ck_assert_int_eq(db_exec("INSERT INTO plans (name, commission_bp, listing_limit, monthly_fee_minor,"
				 " promotion_daily_rate_minor) VALUES (?, 700, 10, 2900, 400)", "s", name), 1);
	plan_id = (long long)db_insert_id();
	before = pu_count("SELECT plan_id FROM vendors WHERE id = ?", v.vendor_id);

	snprintf(uri, sizeof uri, "/admin/vendors/%lld", v.vendor_id);
	p = pu_get_as(&a.u, uri);
	pu_assert_status(p, 200);
	pu_assert_has(p, "Plan and balance");
	pu_assert_text(p, "Balance: ");
	snprintf(body, sizeof body, "<option value=\"%lld\">", plan_id);
	pu_assert_has(p, body);
	pu_free(p);

	snprintf(uri, sizeof uri, "/admin/vendors/%lld/plan", v.vendor_id);
	snprintf(body, sizeof body, "plan=%lld", plan_id);
	pu_expect(403, pu_post(uri, a.u.cookie, body));
	pu_expect(400, pu_post_as(&a.u, uri, "plan=abc"));
	pu_expect(404, pu_post_as(&a.u, uri, "plan=999999999999"));
	ck_assert_int_eq(pu_count("SELECT plan_id FROM vendors WHERE id = ?", v.vendor_id), before);

	pu_expect(303, pu_post_as(&a.u, uri, body));
	ck_assert_int_eq(plan_for_vendor(v.vendor_id, &plan), 0);
	ck_assert_int_eq(plan.id, plan_id);
	ck_assert_int_eq(pu_audits("vendor.plan", "vendor", v.vendor_id), 1);
	/* Recorded with its time, the plan before it kept for earlier orders. */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_plan_history WHERE vendor_id = ?", v.vendor_id), 2);
	ck_assert_int_eq(plan_for_vendor_at(v.vendor_id, time(NULL) - 3600, &plan), 0);
	ck_assert_int_eq(plan.id, before);
	pu_expect(404, pu_post_as(&a.u, "/admin/vendors/999999999999/plan", body));
}
END_TEST

static Suite *
adm_plans_suite(void)
{
	Suite *s = suite_create("adm_plans");
	TCase *tc = admt_tcase_people(s, "plans");

	tcase_add_test(tc, test_plan_create_and_edit);
	tcase_add_test(tc, test_vendor_plan);
	return s;
}

CHECK_MAIN(adm_plans_suite)
