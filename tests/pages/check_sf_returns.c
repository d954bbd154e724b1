/*
 * Page tests for sf_returns.c: a customer's cancel and return page of an
 * order, the cancel, the return form and its refusals, the escalation; another
 * customer's order is 404 and a visitor without a session goes to the login.
 */
#define PU_PREFIX "sf-returns"
#include "page_util.h"
#include "refund.h"
#include "order_fixture.h"

static struct order_fixture fx;

/* The fixture's customer, logged in. */
static void
customer(struct pu_user *u, long long id)
{
	memset(u, 0, sizeof *u);
	u->id = id;
	pu_login(u, 0);
}

START_TEST(test_page_cancel_and_return)
{
	static const long long qty[2] = { 2, 1 };
	struct fixture_order paid, delivered;
	struct pu_user me, other;
	struct pu_page *p;
	char uri[96], body[160];
	long long stock;

	order_fixture_setup(&fx, "sf-returns");
	order_fixture_order(&fx, &paid, "processing", qty, 0, 1, 0);
	order_fixture_order(&fx, &delivered, "delivered", qty, 0, 1, 3600);
	customer(&me, fx.user_id);
	customer(&other, fx.other_user_id);

	snprintf(uri, sizeof uri, "/orders/%lld/returns", paid.order_id);
	p = pu_get_as(&me, uri);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "action=\"/orders/");
	pu_assert_text(p, "Cancel F");
	pu_free(p);
	p = pu_get_as(&other, uri);
	pu_assert_status(p, 404);
	pu_free(p);
	p = pu_get(uri);
	ck_assert_int_eq(p->status, 303);
	pu_free(p);

	/* another customer's cancel changes nothing; the customer's own cancels once */
	snprintf(uri, sizeof uri, "/orders/%lld/cancel", paid.order_id);
	snprintf(body, sizeof body, "vendor_order=%lld", paid.vendor_order_id);
	p = pu_post_as(&other, uri, body);
	pu_assert_status(p, 404);
	pu_free(p);
	stock = order_fixture_stock(&fx, 0);
	p = pu_post_as(&me, uri, body);
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock + 2);
	ck_assert_int_eq(order_fixture_vo(&paid, "refunded_minor"), 2000 + 2500 + 500);
	p = pu_post_as(&me, uri, "vendor_order=x");
	pu_assert_status(p, 400);
	pu_free(p);

	/* the return form, a refusal of nothing chosen, the request */
	snprintf(uri, sizeof uri, "/orders/%lld/returns/new", delivered.order_id);
	p = pu_get_as(&me, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Fixture item (up to 2)");
	pu_free(p);
	snprintf(uri, sizeof uri, "/orders/%lld/returns", delivered.order_id);
	snprintf(body, sizeof body, "vendor_order=%lld&item=%lld&qty=0&reason=Too+big", delivered.vendor_order_id,
		 delivered.item_id[0]);
	p = pu_post_as(&me, uri, body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Choose at least one item to return.");
	pu_assert_text(p, "Too big");
	pu_free(p);
	snprintf(body, sizeof body, "vendor_order=%lld&item=%lld&qty=1&reason=", delivered.vendor_order_id,
		 delivered.item_id[0]);
	p = pu_post_as(&me, uri, body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Say why you return the items.");
	pu_free(p);
	snprintf(body, sizeof body, "vendor_order=%lld&item=%lld&qty=1&reason=Too+big", delivered.vendor_order_id,
		 delivered.item_id[0]);
	p = pu_post_as(&me, uri, body);
	pu_assert_status(p, 303);
	pu_free(p);
	p = pu_get_as(&me, uri);
	pu_assert_text(p, "Requested: waiting for the vendor");
	pu_free(p);
	p = pu_post_as(&me, uri, body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "A return of this part of the order is already open");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM returns WHERE vendor_order_id = ?", delivered.vendor_order_id), 1);

	/* escalating a return that is not refused changes nothing; another's is 404 */
	snprintf(uri, sizeof uri, "/returns/%lld/escalate",
		 db_scalar(0, "SELECT MAX(id) FROM returns WHERE vendor_order_id = ?", "i", delivered.vendor_order_id));
	p = pu_post_as(&other, uri, "note=Please");
	pu_assert_status(p, 404);
	pu_free(p);
	p = pu_post_as(&me, uri, "note=Please");
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM returns WHERE vendor_order_id = ? AND status = 'requested'",
				  delivered.vendor_order_id), 1);
	p = pu_post_as(&me, uri, "note=");
	pu_assert_status(p, 400);
	pu_free(p);
}
END_TEST

static Suite *
sf_returns_suite(void)
{
	Suite *s = suite_create("sf_returns");
	TCase *tc = pu_tcase(s, "returns");

	tcase_add_test(tc, test_page_cancel_and_return);
	return s;
}

CHECK_MAIN(sf_returns_suite)
