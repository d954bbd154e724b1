/*
 * Tests for cgi/lib/orderview.c against the test stack's MariaDB: an order
 * drawn by layout/_order.tpl for everyone who sees all of it, and for a
 * vendor only its own part (another vendor's order: 404), with the address
 * opened only when asked, each part's status, tracking and items, the
 * totals and the history. Orders by tests/order_fixture.h under
 * @check-orderview.example.
 */
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "buf.h"
#include "crypt.h"
#include "db.h"
#include "log.h"
#include "orderflow.h"
#include "orderview.h"
#include "order_fixture.h"
#include "tmpl.h"

#define DOMAIN "check-orderview.example"

static struct oft_vendor va, vb, vc;
static char customer_email[128];
static long long customer_id;

static void
suite_setup(void)
{
	customer_id = oft_suite_people("check_orderview", DOMAIN, customer_email, sizeof customer_email, &va, &vb, &vc, NULL);
	db_close();
}

static void
suite_teardown(void)
{
	oft_suite_teardown(DOMAIN);
}

/* The order drawn for vendor_id with flags into out; returns the status. */
static int
drawn(long long order_id, long long vendor_id, unsigned flags, struct buf *out)
{
	struct arena a;
	tmpl_dict *d = tmpl_dict_new("check");
	int status;

	arena_init(&a);
	buf_init(out);
	status = orderview_fill(d, &a, order_id, vendor_id, flags, NULL);
	if (status == 0)
		ck_assert_int_eq(tmpl_render(ORDERVIEW_TEMPLATE, d, out), 0);
	tmpl_dict_free(d);
	arena_free(&a);
	return status;
}

#define HAS(b, t) ck_assert_msg(strstr((b).data, (t)) != NULL, "no \"%s\" in:\n%s", (t), (b).data)
#define HASNT(b, t) ck_assert_msg(strstr((b).data, (t)) == NULL, "\"%s\" in:\n%s", (t), (b).data)

START_TEST(test_whole_order)
{
	struct oft_order o;
	long long vendors[2] = { va.vendor_id, vb.vendor_id };
	struct orderflow_actor vendor = { "vendor", va.user_id, va.vendor_id };
	struct buf b;

	oft_order_new(&o, customer_id, customer_email, vendors, 2, "paid");
	ck_assert_int_eq(orderflow_ship(o.vo[0], &vendor, "DHL", "JD77"), 0);
	ck_assert_int_eq(drawn(o.id, 0, ORDERVIEW_ADDRESS | ORDERVIEW_HISTORY, &b), 0);
	HAS(b, o.number);
	HAS(b, o.vo_number[0]);
	HAS(b, o.vo_number[1]);
	HAS(b, va.name);
	HAS(b, vb.name);
	HAS(b, "data-vo-status=\"shipped\"");
	HAS(b, "data-vo-status=\"processing\"");
	HAS(b, "JD77");
	HAS(b, "12 Analytical Row");
	HAS(b, "N1 7AA London");
	HAS(b, "Totals");
	HAS(b, "20.00 %");
	HAS(b, "Being prepared → Shipped");
	buf_free(&b);
	/* Without the flags: no address, no history. */
	ck_assert_int_eq(drawn(o.id, 0, 0, &b), 0);
	HASNT(b, "12 Analytical Row");
	HASNT(b, "History");
	buf_free(&b);
}
END_TEST

START_TEST(test_vendor_part_only)
{
	struct oft_order o;
	long long vendors[2] = { va.vendor_id, vb.vendor_id };
	struct buf b;

	oft_order_new(&o, customer_id, customer_email, vendors, 2, "paid");
	ck_assert_int_eq(drawn(o.id, vb.vendor_id, ORDERVIEW_ADDRESS | ORDERVIEW_HISTORY, &b), 0);
	HAS(b, o.vo_number[1]);
	HASNT(b, o.vo_number[0]);
	HASNT(b, va.name);
	HASNT(b, "Totals");	/* the order's sums are the customer's */
	HAS(b, "12 Analytical Row");
	buf_free(&b);
	/* A vendor with no part in it: not found. */
	ck_assert_int_eq(drawn(o.id, vc.vendor_id, 0, &b), 404);
	buf_free(&b);
	ck_assert_int_eq(drawn(999999999999LL, 0, 0, &b), 404);
	buf_free(&b);
	ck_assert_int_eq(drawn(0, 0, 0, &b), 404);
	buf_free(&b);
}
END_TEST

START_TEST(test_escaped)
{
	struct oft_order o;
	struct buf b;

	oft_order_new(&o, customer_id, customer_email, &va.vendor_id, 1, "paid");
	ck_assert_int_eq(db_exec("UPDATE order_items SET name = '<script>alert(1)</script>' WHERE vendor_order_id = ?",
				 "i", o.vo[0]), 1);
	ck_assert_int_eq(drawn(o.id, 0, 0, &b), 0);
	HASNT(b, "<script>");
	HAS(b, "&lt;script&gt;");
	buf_free(&b);
	ck_assert(orderview_paid_status("shipped"));
	ck_assert(!orderview_paid_status("awaiting_payment"));
	ck_assert(!orderview_paid_status("cancelled"));
	ck_assert(!orderview_paid_status(NULL));
}
END_TEST

static Suite *
orderview_suite(void)
{
	Suite *s = suite_create("orderview");
	TCase *tc = oft_tcase("view", suite_setup, suite_teardown);

	tcase_add_test(tc, test_whole_order);
	tcase_add_test(tc, test_vendor_part_only);
	tcase_add_test(tc, test_escaped);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(orderview_suite)
