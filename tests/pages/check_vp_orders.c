/*
 * Page tests for vp_orders.c: a vendor's orders (its own part of each, never
 * another vendor's: list, page, moves, slip and invoice all 404), the "to
 * send" list and its bulk "mark shipped" (all or none), marking one shipped
 * with carrier and tracking (not before it is paid) and delivered, the
 * packing slip, the invoice page and PDF (none before payment), the
 * dashboard's new orders, bad input and a missing form token.
 * Orders are made by tests/order_fixture.h.
 */
#define PU_PREFIX "vpo"
#include "vp_util.h"
#include "order_fixture.h"

/* Two verified shops (a, b), a customer, and an order of the customer with
 * a part of each, in status. */
static void
two_shops_order(struct vpt_vendor *a, struct vpt_vendor *b, struct oft_order *o, const char *status)
{
	struct pu_user c;
	long long vendors[2];

	vpt_vendor_new(a, "verified", 1);
	vpt_vendor_new(b, "verified", 1);
	vpt_user_new(&c, "customer", 1);
	vendors[0] = a->vendor_id;
	vendors[1] = b->vendor_id;
	oft_order_new(o, c.id, c.email, vendors, 2, status);
}

static struct pu_page *
get_as(struct vpt_vendor *v, const char *fmt, long long id)
{
	char uri[256];

	snprintf(uri, sizeof uri, fmt, id);
	return pu_get_as(&v->u, uri);
}

START_TEST(test_list_own_only)
{
	struct vpt_vendor a, b;
	struct oft_order o;
	struct pu_page *p;

	two_shops_order(&a, &b, &o, "paid");
	p = pu_get_as(&a.u, "/vendor/orders");
	pu_assert_status(p, 200);
	pu_assert_text(p, o.vo_number[0]);
	pu_assert_lacks(p, o.vo_number[1]);
	pu_assert_text(p, "Ada Lovelace, GB");
	pu_assert_has(p, "name=\"tracking\"");
	pu_free(p);
	p = pu_get_as(&a.u, "/vendor/orders?status=all");
	pu_assert_status(p, 200);
	pu_assert_text(p, o.vo_number[0]);
	pu_assert_lacks(p, o.vo_number[1]);
	pu_free(p);
	/* Found by the order's number, or the vendor order's. */
	{
		char uri[128];

		snprintf(uri, sizeof uri, "/vendor/orders?status=all&q=%s", o.number);
		p = pu_get_as(&a.u, uri);
		pu_assert_status(p, 200);
		pu_assert_text(p, o.vo_number[0]);
		pu_free(p);
		snprintf(uri, sizeof uri, "/vendor/orders?status=delivered&q=%s", o.number);
		p = pu_get_as(&a.u, uri);
		pu_assert_status(p, 200);
		pu_assert_lacks(p, o.vo_number[0]);
		pu_free(p);
	}
	/* Bad input: an unknown filter, a page past the end. */
	pu_expect(400, pu_get_as(&a.u, "/vendor/orders?status=everything"));
	pu_expect(404, pu_get_as(&a.u, "/vendor/orders?page=99"));
	/* Not a vendor: the portal's 404. */
	{
		struct pu_user c;

		vpt_customer_new(&c);
		pu_expect(404, pu_get_as(&c, "/vendor/orders"));
	}
}
END_TEST

START_TEST(test_view_and_scope)
{
	struct vpt_vendor a, b;
	struct oft_order o;
	struct pu_page *p;
	char body[200], uri[128];

	two_shops_order(&a, &b, &o, "paid");
	p = get_as(&a, "/vendor/orders/%lld", o.vo[0]);
	pu_assert_status(p, 200);
	pu_assert_text(p, o.vo_number[0]);
	pu_assert_text(p, "12 Analytical Row");
	pu_assert_text(p, "Mark shipped");
	pu_assert_lacks(p, o.vo_number[1]);
	pu_free(p);
	/* Vendor b cannot see, ship, deliver or print a's part. */
	p = get_as(&b, "/vendor/orders/%lld", o.vo[0]);
	pu_assert_status(p, 404);
	pu_free(p);
	p = get_as(&b, "/vendor/orders/%lld/slip", o.vo[0]);
	pu_assert_status(p, 404);
	pu_free(p);
	p = get_as(&b, "/vendor/orders/%lld/invoice", o.vo[0]);
	pu_assert_status(p, 404);
	pu_free(p);
	p = get_as(&b, "/vendor/orders/%lld/invoice.pdf", o.vo[0]);
	pu_assert_status(p, 404);
	pu_free(p);
	snprintf(uri, sizeof uri, "/vendor/orders/%lld/ship", o.vo[0]);
	pu_expect(404, pu_post_as(&b.u, uri, "carrier=DHL&tracking=B1"));
	snprintf(uri, sizeof uri, "/vendor/orders/%lld/deliver", o.vo[0]);
	pu_expect(404, pu_post_as(&b.u, uri, ""));
	snprintf(body, sizeof body, "id=%lld&row=%lld&tracking=B2&carrier=DHL", o.vo[0], o.vo[0]);
	pu_expect(404, pu_post_as(&b.u, "/vendor/orders/ship", body));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND status = 'processing'"
				  " AND carrier IS NULL", o.vo[0]), 1);
	p = get_as(&a, "/vendor/orders/%lld", 999999999999LL);
	pu_assert_status(p, 404);
	pu_free(p);
}
END_TEST

START_TEST(test_ship_and_deliver)
{
	struct vpt_vendor a, b;
	struct oft_order o;
	struct pu_page *p;
	char uri[128], where[128];

	two_shops_order(&a, &b, &o, "paid");
	snprintf(uri, sizeof uri, "/vendor/orders/%lld/ship", o.vo[0]);
	snprintf(where, sizeof where, "/vendor/orders/%lld", o.vo[0]);
	/* No form token: 403, nothing changed. */
	pu_expect(403, pu_post(uri, a.u.cookie, "carrier=DHL&tracking=T1"));
	/* Bad input: the form again, with what is wrong. */
	p = pu_post_as(&a.u, uri, "carrier=DHL&tracking=");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter the tracking number.");
	pu_free(p);
	p = pu_post_as(&a.u, uri, "carrier=&tracking=T1");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter the carrier.");
	pu_free(p);
	p = pu_post_as(&a.u, uri, "carrier=DHL&tracking=T1%3Cscript%3E");
	pu_assert_status(p, 422);
	pu_assert_text(p, "A tracking number has letters, digits");
	pu_assert_lacks(p, "T1<script>");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND status = 'processing'", o.vo[0]),
			 1);
	/* Delivered before shipped: refused with why. */
	snprintf(uri, sizeof uri, "/vendor/orders/%lld/deliver", o.vo[0]);
	p = pu_post_as(&a.u, uri, "");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "Only a shipped order");
	pu_free(p);

	snprintf(uri, sizeof uri, "/vendor/orders/%lld/ship", o.vo[0]);
	p = pu_post_as(&a.u, uri, "carrier=Royal+Mail&tracking=RM+1234-5678+GB");
	pu_assert_status(p, 303);
	pu_assert_location(p, where);
	pu_assert_flash(p, "marked shipped");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND status = 'shipped'"
				  " AND carrier = 'Royal Mail' AND tracking_number = 'RM 1234-5678 GB'", o.vo[0]), 1);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE INSTR(subject, ?) > 0"
				    " AND subject LIKE '%on its way'", o.vo_number[0]), 1);
	p = get_as(&a, "/vendor/orders/%lld", o.vo[0]);
	pu_assert_text(p, "RM 1234-5678 GB");
	pu_assert_text(p, "Mark delivered");
	pu_assert_lacks(p, "name=\"tracking\"");
	pu_free(p);
	/* Shipped again: refused, the first tracking number stays. */
	p = pu_post_as(&a.u, uri, "carrier=DHL&tracking=OTHER");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "not waiting to be sent");
	pu_free(p);

	snprintf(uri, sizeof uri, "/vendor/orders/%lld/deliver", o.vo[0]);
	pu_expect(403, pu_post(uri, a.u.cookie, ""));
	p = pu_post_as(&a.u, uri, "");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "marked delivered");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND status = 'delivered'", o.vo[0]),
			 1);
}
END_TEST

START_TEST(test_not_before_paid)
{
	struct vpt_vendor a, b;
	struct oft_order o;
	struct pu_page *p;
	char uri[128];

	two_shops_order(&a, &b, &o, "awaiting_payment");
	p = get_as(&a, "/vendor/orders/%lld", o.vo[0]);
	pu_assert_status(p, 200);
	pu_assert_text(p, "has not paid yet");
	pu_assert_lacks(p, "name=\"tracking\"");
	pu_free(p);
	snprintf(uri, sizeof uri, "/vendor/orders/%lld/ship", o.vo[0]);
	p = pu_post_as(&a.u, uri, "carrier=DHL&tracking=EARLY1");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "not paid yet");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND status = 'awaiting_payment'"
				  " AND tracking_number IS NULL", o.vo[0]), 1);
	/* No invoice before payment. */
	p = get_as(&a, "/vendor/orders/%lld/invoice", o.vo[0]);
	pu_assert_status(p, 409);
	pu_free(p);
	/* Not in the list of orders to send. */
	p = pu_get_as(&a.u, "/vendor/orders");
	pu_assert_lacks(p, o.vo_number[0]);
	pu_free(p);
}
END_TEST

START_TEST(test_bulk_ship)
{
	struct vpt_vendor a, b;
	struct oft_order o1, o2;
	struct pu_user c;
	struct pu_page *p;
	char body[400];

	two_shops_order(&a, &b, &o1, "paid");
	vpt_user_new(&c, "customer", 1);
	oft_order_new(&o2, c.id, c.email, &a.vendor_id, 1, "paid");

	/* Nothing ticked; a ticked one without its tracking number: all refused. */
	p = pu_post_as(&a.u, "/vendor/orders/ship", "carrier=DHL");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Tick the orders you have sent first.");
	pu_free(p);
	snprintf(body, sizeof body, "carrier=DHL&id=%lld&id=%lld&row=%lld&tracking=JD1&row=%lld&tracking=",
		 o1.vo[0], o2.vo[0], o1.vo[0], o2.vo[0]);
	p = pu_post_as(&a.u, "/vendor/orders/ship", body);
	pu_assert_status(p, 422);
	pu_assert_text(p, o2.vo_number[0]);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND status = 'processing'",
				  o1.vo[0]), 1);
	/* Another vendor's among them: 404, nothing changed. */
	snprintf(body, sizeof body, "carrier=DHL&id=%lld&id=%lld&row=%lld&tracking=JD1&row=%lld&tracking=JD2",
		 o1.vo[0], o1.vo[1], o1.vo[0], o1.vo[1]);
	pu_expect(404, pu_post_as(&a.u, "/vendor/orders/ship", body));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND status = 'processing'",
				  o1.vo[0]), 1);
	/* Both with their numbers: both shipped, each its own. */
	snprintf(body, sizeof body, "carrier=DHL&id=%lld&id=%lld&row=%lld&tracking=JD1&row=%lld&tracking=JD2",
		 o1.vo[0], o2.vo[0], o1.vo[0], o2.vo[0]);
	pu_expect(403, pu_post("/vendor/orders/ship", a.u.cookie, body));
	p = pu_post_as(&a.u, "/vendor/orders/ship", body);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "2 orders marked shipped");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND tracking_number = 'JD1'",
				  o1.vo[0]), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND tracking_number = 'JD2'",
				  o2.vo[0]), 1);
	/* Sent again: no longer waiting, named, nothing changed. */
	p = pu_post_as(&a.u, "/vendor/orders/ship", body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "no longer waiting to be sent");
	pu_free(p);
}
END_TEST

START_TEST(test_slip_invoice_dashboard)
{
	struct vpt_vendor a, b;
	struct oft_order o;
	struct pu_page *p;

	two_shops_order(&a, &b, &o, "paid");
	p = get_as(&a, "/vendor/orders/%lld/slip", o.vo[0]);
	pu_assert_status(p, 200);
	pu_assert_text(p, "12 Analytical Row");
	pu_assert_text(p, "SKU-T1");
	pu_assert_lacks(p, "€");
	pu_free(p);

	p = get_as(&a, "/vendor/orders/%lld/invoice", o.vo[0]);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Invoice INV-");
	pu_assert_text(p, PU_VENDOR_LEGAL_NAME);
	pu_assert_text(p, PU_VENDOR_TAX_ID);
	pu_assert_text(p, "1 Test Street");
	pu_assert_text(p, "20.00 %");
	pu_assert_text(p, o.vo_number[0]);
	pu_assert_text(p, "Ada Lovelace");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM invoices WHERE vendor_order_id = ? AND seq = 1", o.vo[0]), 1);
	/* The same invoice the second time; the profile changed since does not
	 * change it. */
	ck_assert_int_eq(db_exec("UPDATE vendors SET legal_name = 'Renamed Ltd' WHERE id = ?", "i", a.vendor_id), 1);
	p = get_as(&a, "/vendor/orders/%lld/invoice.pdf", o.vo[0]);
	pu_assert_status(p, 200);
	ck_assert_str_eq(pu_header(p, "Content-Type"), "application/pdf");
	ck_assert_int_eq(strncmp(p->body, "%PDF-", 5), 0);
	pu_free(p);
	p = get_as(&a, "/vendor/orders/%lld/invoice", o.vo[0]);
	pu_assert_text(p, PU_VENDOR_LEGAL_NAME);
	pu_assert_lacks(p, "Renamed Ltd");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM invoices WHERE vendor_id = ?", a.vendor_id), 1);

	p = pu_get_as(&a.u, "/vendor/");
	pu_assert_status(p, 200);
	pu_assert_text(p, "1 paid order waits to be sent");
	pu_assert_text(p, o.vo_number[0]);
	pu_free(p);
}
END_TEST

static Suite *
vp_orders_suite(void)
{
	Suite *s = suite_create("vp_orders");
	TCase *tc = oft_page_tcase(s, "orders");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_list_own_only);
	tcase_add_test(tc, test_view_and_scope);
	tcase_add_test(tc, test_ship_and_deliver);
	tcase_add_test(tc, test_not_before_paid);
	tcase_add_test(tc, test_bulk_ship);
	tcase_add_test(tc, test_slip_invoice_dashboard);
	return s;
}

CHECK_MAIN(vp_orders_suite)
