/*
 * Page tests for adm_orders.c: every order for the admins, filtered by the
 * order's status or a part's and found by number or the customer's address,
 * an order's page with every shop's part and its history; non-admins refused
 * and bad input. Orders are made by tests/order_fixture.h.
 */
#define PU_PREFIX "admo"
#include "adm_util.h"
#include "order_fixture.h"

START_TEST(test_list_and_view)
{
	struct admt_user admin;
	struct pu_user c;
	struct oft_order o;
	long long vendors[2];
	struct pu_page *p;
	char uri[256];

	oft_page_shops(vendors, 2);
	pu_user_add(&c, PU_PREFIX, "customer", 1, NULL);
	oft_order_new(&o, c.id, c.email, vendors, 2, "paid");
	ck_assert_int_eq(db_exec("UPDATE vendor_orders SET status = 'shipped', carrier = 'UPS', tracking_number = '1Z9',"
				 " shipped_at = NOW()"
				 " WHERE id = ?", "i", o.vo[1]), 1);
	admt_admin_new(&admin, 1);

	snprintf(uri, sizeof uri, "/admin/orders?q=%s", o.number);
	p = pu_get_as(&admin.u, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, o.number);
	pu_assert_text(p, c.email);
	pu_free(p);
	/* By a part's number and by the customer's address. */
	snprintf(uri, sizeof uri, "/admin/orders?q=%s", o.vo_number[1]);
	p = pu_get_as(&admin.u, uri);
	pu_assert_text(p, o.number);
	pu_free(p);
	/* Filters: the order's status, a part's status. */
	snprintf(uri, sizeof uri, "/admin/orders?status=shipped&q=%s", o.number);
	p = pu_get_as(&admin.u, uri);
	pu_assert_text(p, o.number);
	pu_free(p);
	snprintf(uri, sizeof uri, "/admin/orders?status=delivered&q=%s", o.number);
	p = pu_get_as(&admin.u, uri);
	snprintf(uri, sizeof uri, "href=\"/admin/orders/%lld\"", o.id);
	pu_assert_lacks(p, uri);
	pu_assert_text(p, "No order matches.");
	pu_free(p);
	snprintf(uri, sizeof uri, "/admin/orders?status=awaiting_payment&q=%s", o.number);
	p = pu_get_as(&admin.u, uri);
	pu_assert_text(p, "No order matches.");
	pu_free(p);

	snprintf(uri, sizeof uri, "/admin/orders/%lld", o.id);
	p = pu_get_as(&admin.u, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, o.vo_number[0]);
	pu_assert_text(p, o.vo_number[1]);
	pu_assert_text(p, "1Z9");
	pu_assert_text(p, "12 Analytical Row");
	pu_free(p);
	pu_expect(404, pu_get_as(&admin.u, "/admin/orders/999999999999"));
	pu_expect(400, pu_get_as(&admin.u, "/admin/orders?status=lost"));
	pu_expect(404, pu_get_as(&admin.u, "/admin/orders?page=9999"));
	admt_assert_admins_only("/admin/orders", "/admin/login?next=%2Fadmin%2Forders");
}
END_TEST

static Suite *
adm_orders_suite(void)
{
	Suite *s = suite_create("adm_orders");
	TCase *tc = oft_page_tcase(s, "orders");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_list_and_view);
	return s;
}

CHECK_MAIN(adm_orders_suite)
