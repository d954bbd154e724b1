/*
 * Page tests for vp_returns.c: a shop's returns list and return page, its
 * decisions (instructions and reasons required, the first decision wins),
 * the receipt that pays back and restocks once, and the cancel form; another
 * shop's return and order are 404.
 */
#define PU_PREFIX "vp-returns"
#include "vp_util.h"
#include "returns.h"
#include "order_fixture.h"

static struct order_fixture fx;

START_TEST(test_returns_decided_and_received)
{
	static const long long qty[2] = { 2, 0 };
	struct fixture_order o, c;
	struct returns_line l;
	struct pu_user me, other;
	struct pu_page *p;
	char uri[96];
	long long id, stock;

	order_fixture_setup(&fx, "vp-returns");
	vpt_shop_owner(&me, fx.vendor_id);
	vpt_shop_owner(&other, fx.other_vendor_id);
	order_fixture_order(&fx, &o, "delivered", qty, 0, 1, 3600);
	l = (struct returns_line){ o.item_id[0], 1 };
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.user_id, &l, 1, "Chipped rim", &id), RETURNS_OK);

	p = pu_get_as(&me, "/vendor/returns");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "Chipped rim");
	pu_assert_has(p, "aria-current=\"page\">Returns</a>");
	pu_free(p);
	snprintf(uri, sizeof uri, "/vendor/returns/%lld", id);
	p = pu_get_as(&me, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Accept the return");
	pu_free(p);
	pu_expect(404, pu_get_as(&other, uri));

	snprintf(uri, sizeof uri, "/vendor/returns/%lld/accept", id);
	p = pu_post_as(&me, uri, "instructions=");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Say how and where the customer sends the items back.");
	pu_free(p);
	pu_expect(404, pu_post_as(&other, uri, "instructions=Mine"));
	pu_expect(303, pu_post_as(&me, uri, "instructions=Post+it+to+us"));
	snprintf(uri, sizeof uri, "/vendor/returns/%lld/refuse", id);
	pu_expect(303, pu_post_as(&me, uri, "refusal=Too+late"));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM returns WHERE id = ? AND status = 'accepted'", id), 1);

	stock = order_fixture_stock(&fx, 0);
	snprintf(uri, sizeof uri, "/vendor/returns/%lld/receive", id);
	pu_expect(303, pu_post_as(&me, uri, "restock=1"));
	pu_expect(303, pu_post_as(&me, uri, "restock=1"));
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock + 1);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1000);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM returns WHERE id = ? AND status = 'refunded'", id), 1);
	pu_expect(400, pu_post_as(&me, uri, "restock=2"));

	/* the cancel form: a reason required, another shop's order 404 */
	order_fixture_order(&fx, &c, "processing", qty, 0, 1, 0);
	snprintf(uri, sizeof uri, "/vendor/orders/%lld/cancel", c.vendor_order_id);
	p = pu_get_as(&me, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Cancel the order");
	pu_free(p);
	pu_expect(404, pu_get_as(&other, uri));
	p = pu_post_as(&me, uri, "reason=");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Say why you cancel the order.");
	pu_free(p);
	pu_expect(303, pu_post_as(&me, uri, "reason=Out+of+stock"));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND status = 'cancelled'"
				  " AND cancelled_by = 'vendor'", c.vendor_order_id), 1);
	p = pu_post_as(&me, uri, "reason=Again");
	pu_assert_status(p, 422);
	pu_assert_text(p, "cannot be cancelled");
	pu_free(p);
}
END_TEST

static Suite *
vp_returns_suite(void)
{
	Suite *s = suite_create("vp_returns");
	TCase *tc = pu_tcase(s, "returns");

	tcase_add_test(tc, test_returns_decided_and_received);
	return s;
}

CHECK_MAIN(vp_returns_suite)
