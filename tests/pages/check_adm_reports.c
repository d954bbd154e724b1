/*
 * Page tests for adm_reports.c: a reported review in the queue with its
 * reasons, hidden with a reason (required) that is audited and mailed,
 * leaving the product's average; a second decision changes nothing; an
 * unknown kind is 404; the queue is closed to an admin without the second
 * factor.
 */
#define PU_PREFIX "adm-reports"
#include "adm_util.h"
#include "report.h"
#include "review.h"
#include "order_fixture.h"

static struct order_fixture fx;

START_TEST(test_reports_hide_and_keep)
{
	static const long long qty[2] = { 1, 0 };
	struct fixture_order o;
	struct review_new n;
	struct admt_user admin, half;
	struct pu_page *p;
	struct arena a;
	const char *why;
	char uri[96], anchor[64];
	long long id;
	size_t photo;
	int held;

	order_fixture_setup(&fx, "adm-reports");
	admt_admin_new(&admin, 1);
	admt_admin_new(&half, 0);
	order_fixture_order(&fx, &o, "delivered", qty, 0, 1, 3600);
	arena_init(&a);
	n = (struct review_new){ fx.user_id, o.item_id[0], 0, 1, "Awful <i>seller</i>", "Rude words here.", NULL, 0, NULL };
	ck_assert_int_eq(review_create(NULL, &a, &n, &id, &held, &why, &photo), REVIEW_OK);
	arena_free(&a);
	ck_assert_int_eq(report_add(REPORT_REVIEW, id, fx.other_user_id, "Insulting <script>"), 1);
	ck_assert_int_eq(pu_count("SELECT rating_count FROM products WHERE id = ?", fx.product_id[0]), 1);

	p = pu_get_as(&admin.u, "/admin/reports");
	pu_assert_status(p, 200);
	snprintf(anchor, sizeof anchor, "/admin/reports/review/%lld/hide", id);
	pu_assert_has(p, anchor);
	pu_assert_text(p, "Insulting <script>");
	pu_assert_lacks(p, "Insulting <script>");
	pu_assert_text(p, "Awful <i>seller</i>");
	pu_assert_has(p, "aria-current=\"page\">Reported content</a>");
	pu_free(p);
	p = pu_get_as(&half.u, "/admin/reports");
	ck_assert_int_ne(p->status, 200);
	pu_free(p);

	snprintf(uri, sizeof uri, "/admin/reports/review/%lld/hide", id);
	pu_expect(400, pu_post_as(&admin.u, uri, "reason="));
	pu_expect(303, pu_post_as(&admin.u, uri, "reason=Insults+the+shop."));
	ck_assert_int_eq(pu_count("SELECT rating_count FROM products WHERE id = ?", fx.product_id[0]), 0);
	ck_assert_int_eq(pu_audits("report.hide", "review", id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM content_reports WHERE object_id = ? AND kind = 'review'"
				  " AND status = 'hidden'", id), 1);
	snprintf(uri, sizeof uri, "/admin/reports/review/%lld/keep", id);
	pu_expect(303, pu_post_as(&admin.u, uri, ""));
	ck_assert_int_eq(pu_audits("report.keep", "review", id), 0);
	snprintf(uri, sizeof uri, "/admin/reports/listing/%lld/keep", id);
	pu_expect(404, pu_post_as(&admin.u, uri, ""));
}
END_TEST

static Suite *
adm_reports_suite(void)
{
	Suite *s = suite_create("adm_reports");
	TCase *tc = pu_tcase(s, "reports");

	tcase_add_test(tc, test_reports_hide_and_keep);
	return s;
}

CHECK_MAIN(adm_reports_suite)
