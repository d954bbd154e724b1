/*
 * Page tests for adm_tax.c: GET /admin/tax lists every category with its
 * own rate and the rate in force; POST /admin/tax/{id} sets a category's own
 * rate (audited) or gives it its top category's again, and refuses a rate
 * that is not a percentage, changing nothing. The sub-category changed is
 * put back after the tests.
 */
#define PU_PREFIX "adm-tax"
#include "adm_util.h"
#include "pricing.h"

static long long sub_id, sub_bp = -2, top_id;
static char sub_name[200];

static void
choose_category(void)
{
	char *row[4] = { NULL, NULL, NULL, NULL };

	admt_people_cleanup();
	pu_parent_begin();
	if (pu_row1(row, 4, "SELECT c.id, COALESCE(c.tax_bp, -1), c.name, c.parent_id FROM categories c"
		    " WHERE c.depth = 1 ORDER BY c.id LIMIT 1", "", NULL)) {
		sub_id = atoll(row[0]);
		sub_bp = atoll(row[1]);
		snprintf(sub_name, sizeof sub_name, "%s", row[2]);
		top_id = atoll(row[3]);
	}
	pu_free_row(row, 4);
	pu_parent_end();
}

static void
undo_category(void)
{
	admt_people_cleanup();
	if (sub_bp < -1)
		return;
	pu_parent_begin();
	if (pricing_set_category_tax(sub_id, sub_bp) != 0)
		fprintf(stderr, "page test: could not restore the tax rate of category %lld\n", sub_id);
	pu_parent_end();
}

START_TEST(test_tax_set)
{
	struct admt_user a;
	struct pu_page *p;
	char uri[64], want[400];
	long long top_bp, audits;

	ck_assert_int_gt(sub_id, 0);
	admt_admin_new(&a, 1);
	ck_assert_int_eq(pricing_set_category_tax(sub_id, -1), 0);
	top_bp = pricing_category_tax(top_id);
	p = pu_get_as(&a.u, "/admin/tax");
	pu_assert_status(p, 200);
	pu_assert_has(p, "href=\"/admin/tax\" aria-current=\"page\">Tax rates</a>");
	snprintf(want, sizeof want, "<form class=\"inline-form\" action=\"/admin/tax/%lld\" method=\"post\" novalidate>", sub_id);
	pu_assert_has(p, want);
	snprintf(want, sizeof want, "id=\"rate-%lld\" name=\"rate\" value=\"\"", sub_id);
	pu_assert_has(p, want);
	pu_assert_has(p, "(top category's)");
	pu_free(p);

	snprintf(uri, sizeof uri, "/admin/tax/%lld", sub_id);
	audits = pu_audits("category.tax", "category", sub_id);
	p = pu_post_as(&a.u, uri, "rate=7.5");
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/tax");
	snprintf(want, sizeof want, "The tax rate of %s is now 7.5%%.", sub_name);
	pu_assert_flash(p, want);
	pu_free(p);
	ck_assert_int_eq(pricing_category_tax(sub_id), 750);
	ck_assert_int_eq(pu_audits("category.tax", "category", sub_id), audits + 1);
	p = pu_get_as(&a.u, "/admin/tax");
	snprintf(want, sizeof want, "id=\"rate-%lld\" name=\"rate\" value=\"7.5\"", sub_id);
	pu_assert_has(p, want);
	pu_free(p);

	/* Bad input: 400 naming the field; the rate stays. */
	{
		static const char *const bad[] = { "rate=abc", "rate=100.01", "rate=-1", "rate=7.555", "rate=1e3" };

		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			p = pu_post_as(&a.u, uri, bad[i]);
			ck_assert_msg(p->status == 400, "%s: status %d", bad[i], p->status);
			pu_assert_text(p, "Tax rate (%) (rate) must be an amount like 12.50, from 0.00 to 100.00.");
			pu_free(p);
		}
	}
	ck_assert_int_eq(pricing_category_tax(sub_id), 750);
	ck_assert_int_eq(pu_audits("category.tax", "category", sub_id), audits + 1);

	/* Empty: the top category's rate again. */
	p = pu_post_as(&a.u, uri, "rate=");
	ck_assert_int_eq(p->status, 303);
	snprintf(want, sizeof want, "%s now has its top category's tax rate.", sub_name);
	pu_assert_flash(p, want);
	pu_free(p);
	ck_assert_int_eq(pricing_category_tax(sub_id), top_bp);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM categories WHERE id = ? AND tax_bp IS NULL", sub_id), 1);

	/* No such category; no form token. */
	pu_expect(404, pu_post_as(&a.u, "/admin/tax/999999999999", "rate=5"));
	pu_expect(403, pu_post(uri, a.u.cookie, "rate=5"));
	ck_assert_int_eq(pricing_category_tax(sub_id), top_bp);
}
END_TEST

START_TEST(test_tax_admins_only)
{
	admt_assert_admins_only("/admin/tax", "/admin/login?next=%2Fadmin%2Ftax");
}
END_TEST

static Suite *
adm_tax_suite(void)
{
	Suite *s = suite_create("adm_tax");
	TCase *tc = pu_tcase_changing(s, "tax", choose_category, undo_category);

	tcase_add_test(tc, test_tax_set);
	tcase_add_test(tc, test_tax_admins_only);
	return s;
}

CHECK_MAIN(adm_tax_suite)
