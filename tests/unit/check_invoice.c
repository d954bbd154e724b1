/*
 * Tests for cgi/lib/invoice.c against the test stack's MariaDB: no invoice
 * before payment; one per vendor order, numbered in the vendor's own
 * unbroken sequence, also when two are issued at the same moment from two
 * processes; the vendor's legal details as they were when it was issued;
 * the tax breakdown per rate (and shipping's); the PDF. Orders by
 * tests/order_fixture.h under @check-invoice.example.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"
#include "buf.h"
#include "crypt.h"
#include "db.h"
#include "invoice.h"
#include "log.h"
#include "order_fixture.h"
#include "race_util.h"
#include "tmpl.h"

#define DOMAIN "check-invoice.example"

static struct oft_vendor va, vb;
static char customer_email[128];
static long long customer_id;

static void
suite_setup(void)
{
	ck_assert_int_eq(crypt_init(), 0);
	customer_id = oft_suite_people("check_invoice", DOMAIN, customer_email, sizeof customer_email, &va, &vb, NULL);
	ck_assert_int_eq(crypt_seal_store("UPDATE vendors SET address_enc = ? WHERE id = ?", "vendors", "address_enc",
					  va.vendor_id, "7 Market Lane\nLeeds LS1 4AB"), 0);
	db_close();
}

static void
suite_teardown(void)
{
	oft_suite_teardown(DOMAIN);
}

static void
rendered(const struct invoice *inv, struct buf *out)
{
	struct arena a;
	tmpl_dict *d = tmpl_dict_new("check");

	arena_init(&a);
	buf_init(out);
	ck_assert_int_eq(invoice_fill(d, &a, inv), 0);
	ck_assert_int_eq(tmpl_render(INVOICE_TEMPLATE, d, out), 0);
	tmpl_dict_free(d);
	arena_free(&a);
}

#define HAS(b, t) ck_assert_msg(strstr((b).data, (t)) != NULL, "no \"%s\" in:\n%s", (t), (b).data)
#define HASNT(b, t) ck_assert_msg(strstr((b).data, (t)) == NULL, "\"%s\" in:\n%s", (t), (b).data)

START_TEST(test_issue_and_show)
{
	struct oft_order o, p, u;
	struct invoice inv, again, second;
	char want[64];
	struct buf b;

	/* Not paid: no invoice, none issued. */
	oft_order_new(&u, customer_id, customer_email, &va.vendor_id, 1, "awaiting_payment");
	ck_assert_int_eq(invoice_get(u.id, u.vo[0], 0, &inv), 409);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM invoices WHERE vendor_order_id = ?", "i", u.vo[0]), 0);
	/* Wrong order, wrong vendor: not found. */
	oft_order_new(&o, customer_id, customer_email, &va.vendor_id, 1, "paid");
	ck_assert_int_eq(invoice_get(u.id, o.vo[0], 0, &inv), 404);
	ck_assert_int_eq(invoice_get(o.id, o.vo[0], vb.vendor_id, &inv), 404);

	ck_assert_int_eq(invoice_get(o.id, o.vo[0], va.vendor_id, &inv), 0);
	snprintf(want, sizeof want, "INV-%lld-000001", va.vendor_id);
	ck_assert_str_eq(inv.number, want);
	/* Asked again: the same invoice. */
	ck_assert_int_eq(invoice_get(o.id, o.vo[0], 0, &again), 0);
	ck_assert_str_eq(again.number, want);
	/* The vendor's next one is number 2; another vendor starts at 1. */
	oft_order_new(&p, customer_id, customer_email, (long long[]){ va.vendor_id, vb.vendor_id }, 2, "paid");
	ck_assert_int_eq(invoice_get(p.id, p.vo[0], 0, &second), 0);
	snprintf(want, sizeof want, "INV-%lld-000002", va.vendor_id);
	ck_assert_str_eq(second.number, want);
	ck_assert_int_eq(invoice_get(p.id, p.vo[1], 0, &second), 0);
	snprintf(want, sizeof want, "INV-%lld-000001", vb.vendor_id);
	ck_assert_str_eq(second.number, want);

	/* The legal details as issued, not as changed since. */
	ck_assert_int_eq(db_exec("UPDATE vendors SET legal_name = 'Renamed Holdings' WHERE id = ?", "i", va.vendor_id), 1);
	rendered(&inv, &b);
	HAS(b, "Order Test Trading Ltd");
	HASNT(b, "Renamed Holdings");
	HAS(b, "7 Market Lane");
	HAS(b, "Leeds LS1 4AB");
	HAS(b, "REG-123456");
	HAS(b, "GB123456789");
	HAS(b, o.vo_number[0]);
	HAS(b, "Ada Lovelace");
	HAS(b, "12 Analytical Row");
	HAS(b, "20.00 %");
	HAS(b, "Tax breakdown");
	HAS(b, "€4.95");
	buf_free(&b);
	ck_assert_int_eq(db_exec("UPDATE vendors SET legal_name = 'Order Test Trading Ltd' WHERE id = ?", "i",
				 va.vendor_id), 1);
}
END_TEST

/* Tax per rate: the lines of each rate add up, shipping's tax on its own
 * row; net + tax = gross on every row. */
START_TEST(test_tax_breakdown)
{
	struct oft_order o;
	struct invoice inv;
	struct buf b;

	oft_order_new(&o, customer_id, customer_email, &vb.vendor_id, 1, "paid");
	/* A second line at 5 %, and 82 of tax in the shipping. */
	ck_assert_int_eq(db_exec("INSERT INTO order_items (order_id, vendor_order_id, product_id, name, unit_price_minor,"
				 " quantity, line_minor, tax_bp, tax_minor) SELECT order_id, vendor_order_id, product_id,"
				 " 'Book', 1050, 1, 1050, 500, 50 FROM order_items WHERE vendor_order_id = ? LIMIT 1",
				 "i", o.vo[0]), 1);
	ck_assert_int_eq(db_exec("UPDATE vendor_orders SET items_minor = items_minor + 1050,"
				 " total_minor = total_minor + 1050, tax_minor = tax_minor + 50 + 82 WHERE id = ?",
				 "i", o.vo[0]), 1);
	ck_assert_int_eq(invoice_get(o.id, o.vo[0], 0, &inv), 0);
	rendered(&inv, &b);
	HAS(b, "<th scope=\"row\">5.00 %</th><td class=\"num\">€10.00</td><td class=\"num\">€0.50</td>"
	       "<td class=\"num\">€10.50</td>");
	HAS(b, "<th scope=\"row\">Shipping</th><td class=\"num\">€4.13</td><td class=\"num\">€0.82</td>"
	       "<td class=\"num\">€4.95</td>");
	buf_free(&b);
}
END_TEST

START_TEST(test_pdf)
{
	struct oft_order o;
	struct invoice inv;
	struct arena a;
	struct buf pdf;

	oft_order_new(&o, customer_id, customer_email, &va.vendor_id, 1, "paid");
	ck_assert_int_eq(db_exec("UPDATE order_items SET name = '<b>Markup</b> & ünïcødé' WHERE vendor_order_id = ?",
				 "i", o.vo[0]), 1);
	ck_assert_int_eq(invoice_get(o.id, o.vo[0], 0, &inv), 0);
	arena_init(&a);
	buf_init(&pdf);
	ck_assert_int_eq(invoice_pdf(&a, &inv, &pdf), 0);
	ck_assert_uint_gt(pdf.len, 1000);
	ck_assert_int_eq(memcmp(pdf.data, "%PDF-", 5), 0);
	ck_assert_ptr_nonnull(memmem(pdf.data, pdf.len, "%%EOF", 5));
	buf_free(&pdf);
	arena_free(&a);
}
END_TEST

/* A racer of test_concurrent: issues the first invoice of job arg[i] (an
 * order and its vendor order). */
static int
issue_racer(int i, void *arg)
{
	const long long (*jobs)[2] = arg;
	struct invoice inv;

	if (crypt_init() != 0)
		return RACE_BROKEN;
	return invoice_get(jobs[i][0], jobs[i][1], 0, &inv) == 0 ? 0 : RACE_BROKEN;
}

/* Two processes issue the first invoices of two vendor orders of one vendor
 * at the same moment, and the same one twice: numbers 1 and 2, one row each. */
START_TEST(test_concurrent)
{
	struct oft_vendor v;
	struct oft_order o1, o2;
	long long jobs[4][2];

	oft_vendor_new(&v, DOMAIN);
	oft_order_new(&o1, customer_id, customer_email, &v.vendor_id, 1, "paid");
	oft_order_new(&o2, customer_id, customer_email, &v.vendor_id, 1, "paid");
	jobs[0][0] = jobs[2][0] = o1.id;
	jobs[0][1] = jobs[2][1] = o1.vo[0];
	jobs[1][0] = jobs[3][0] = o2.id;
	jobs[1][1] = jobs[3][1] = o2.vo[0];
	ck_assert_int_eq(race_run(4, issue_racer, jobs, NULL), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM invoices WHERE vendor_id = ?", "i", v.vendor_id), 2);
	ck_assert_int_eq(db_scalar(-1, "SELECT SUM(seq) FROM invoices WHERE vendor_id = ?", "i", v.vendor_id), 3);
}
END_TEST

static Suite *
invoice_suite(void)
{
	Suite *s = suite_create("invoice");
	TCase *tc = oft_tcase("invoices", suite_setup, suite_teardown);

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_issue_and_show);
	tcase_add_test(tc, test_tax_breakdown);
	tcase_add_test(tc, test_pdf);
	tcase_add_test(tc, test_concurrent);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(invoice_suite)
