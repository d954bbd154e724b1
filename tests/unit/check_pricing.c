/*
 * Tests for cgi/lib/pricing.c: the tax part of prices that include tax, the
 * free-delivery threshold, and against the test stack's database whole
 * quotes: exact sums per shop and order, shops that do not deliver, the
 * payment methods every shop accepts, discounts spread afterwards, lines
 * that cannot be bought and items refused. Shops, categories and products of
 * their own, named check-pricing-*.
 */
#include "check_util.h"
#include "db.h"
#include "pricing.h"
#include "shipping.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

START_TEST(test_tax_part)
{
	long long tax;

	/* 19 % included in 11.90 is 1.90 exactly. */
	ck_assert_int_eq(pricing_tax_part(1190, 1900, &tax), 0);
	ck_assert_int_eq(tax, 190);
	/* 16.67 rounds up, 0.83 rounds up, 0.16 rounds down. */
	ck_assert_int_eq(pricing_tax_part(100, 2000, &tax), 0);
	ck_assert_int_eq(tax, 17);
	ck_assert_int_eq(pricing_tax_part(5, 2000, &tax), 0);
	ck_assert_int_eq(tax, 1);
	ck_assert_int_eq(pricing_tax_part(1, 2000, &tax), 0);
	ck_assert_int_eq(tax, 0);
	/* Exactly half a cent goes away from zero, both ways. */
	ck_assert_int_eq(pricing_tax_part(3, 10000, &tax), 0);
	ck_assert_int_eq(tax, 2);
	ck_assert_int_eq(pricing_tax_part(-3, 10000, &tax), 0);
	ck_assert_int_eq(tax, -2);
	ck_assert_int_eq(pricing_tax_part(123456, 0, &tax), 0);
	ck_assert_int_eq(tax, 0);
	ck_assert_int_eq(pricing_tax_part(0, 1900, &tax), 0);
	ck_assert_int_eq(tax, 0);
	/* The largest amounts do not overflow. */
	ck_assert_int_eq(pricing_tax_part(999999999999999LL, 10000, &tax), 0);
	ck_assert_int_eq(tax, 500000000000000LL);
	ck_assert_int_eq(pricing_tax_part(100, -1, &tax), -1);
	ck_assert_int_eq(tax, 500000000000000LL);
}
END_TEST

START_TEST(test_shipping_rule)
{
	struct shipping_terms t;

	shipping_defaults(1, &t);
	t.flat_rate_minor = 490;
	t.free_above_minor = 5000;
	ck_assert_int_eq(pricing_shipping(&t, 0), 490);
	ck_assert_int_eq(pricing_shipping(&t, 4999), 490);
	ck_assert_int_eq(pricing_shipping(&t, 5000), 0);
	ck_assert_int_eq(pricing_shipping(&t, 5001), 0);
	t.free_above_minor = SHIPPING_NEVER_FREE;
	ck_assert_int_eq(pricing_shipping(&t, 1000000), 490);
	/* A threshold of 0: always free. */
	t.free_above_minor = 0;
	ck_assert_int_eq(pricing_shipping(&t, 0), 0);
}
END_TEST

/* ---- against the database ------------------------------------------------ */

static unsigned check_pricing_n;
static long long top_cat, sub_inherit, sub_own;
static long long shop_a, shop_b, shop_c;
/* What a test made, removed after it (in reverse order for the categories,
 * children before parents) so that no other test meets these shops on the
 * storefront. */
static long long made_categories[16], made_vendors[8];
static size_t nmade_categories, nmade_vendors;

static void
setup(void)
{
	CHECK_DB_CONNECT("check_pricing");
}

static void
teardown(void)
{
	for (size_t i = 0; i < nmade_vendors; i++) {
		db_exec("DELETE FROM products WHERE vendor_id = ?", "i", made_vendors[i]);
		db_exec("DELETE FROM vendor_ship_countries WHERE vendor_id = ?", "i", made_vendors[i]);
		db_exec("DELETE FROM vendor_shipping WHERE vendor_id = ?", "i", made_vendors[i]);
		db_exec("DELETE FROM vendors WHERE id = ?", "i", made_vendors[i]);
	}
	while (nmade_categories > 0)
		db_exec("DELETE FROM categories WHERE id = ?", "i", made_categories[--nmade_categories]);
	nmade_vendors = 0;
	shop_a = 0;
	db_close();
}

static long long
check_pricing_category(long long parent, long long bp)
{
	char slug[80];

	snprintf(slug, sizeof slug, "check-pricing-%d-%u", (int)getpid(), ++check_pricing_n);
	ck_assert_int_eq(db_exec("INSERT INTO categories (parent_id, slug, name, depth, tax_bp)"
				 " VALUES (NULLIF(?, 0), ?, ?, ?, NULLIF(?, -1))", "issii",
				 parent, slug, slug, (long long)(parent != 0), bp), 1);
	made_categories[nmade_categories++] = (long long)db_insert_id();
	return (long long)db_insert_id();
}

static long long
check_pricing_vendor(const char *name)
{
	char slug[80];

	snprintf(slug, sizeof slug, "check-pricing-%d-%u", (int)getpid(), ++check_pricing_n);
	ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description, status, plan_id)"
				 " SELECT ?, ?, 'Check Pricing Ltd', '', 'verified', MIN(id) FROM plans",
				 "ss", slug, name), 1);
	made_vendors[nmade_vendors++] = (long long)db_insert_id();
	return (long long)db_insert_id();
}

static long long
check_pricing_product(long long vendor, long long category, long long price, long long stock, const char *status)
{
	char name[80];

	snprintf(name, sizeof name, "check-pricing-%d-%u", (int)getpid(), ++check_pricing_n);
	ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, name, slug,"
				 " description, price_minor, stock, status)"
				 " SELECT ?, c.id, COALESCE(c.parent_id, c.id), ?, 'x', '', ?, ?, ? FROM categories c"
				 " WHERE c.id = ?", "isiisi", vendor, name, price, stock, status, category), 1);
	return (long long)db_insert_id();
}

/* Shop A: 4.90 a parcel, free from 50.00, card and PayPal, DE and FR.
 * Shop B: 3.00 always, card and bank transfer, DE only. Shop C never
 * saved its terms. A top category at 19 %, a sub-category inheriting it
 * and one at 7 %. */
static void
check_pricing_fixture(void)
{
	struct shipping_terms t;

	if (shop_a != 0)
		return;
	top_cat = check_pricing_category(0, 1900);
	sub_inherit = check_pricing_category(top_cat, -1);
	sub_own = check_pricing_category(top_cat, 700);
	shop_a = check_pricing_vendor("Pottery Barn");
	shop_b = check_pricing_vendor("Tea House");
	shop_c = check_pricing_vendor("Quiet Shop");

	shipping_defaults(shop_a, &t);
	t.flat_rate_minor = 490;
	t.free_above_minor = 5000;
	t.handling_days = 1;
	t.transit_min_days = 2;
	t.transit_max_days = 4;
	t.methods = SHIPPING_CARD | SHIPPING_PAYPAL;
	t.return_days = 30;
	ck_assert_int_eq(shipping_add_country(&t, "FR"), 0);
	ck_assert_int_eq(shipping_add_country(&t, "DE"), 0);
	ck_assert_int_eq(shipping_save(&t), 0);

	shipping_defaults(shop_b, &t);
	t.flat_rate_minor = 300;
	t.methods = SHIPPING_CARD | SHIPPING_BANK_TRANSFER;
	ck_assert_int_eq(shipping_save(&t), 0);
}

START_TEST(test_quote_sums)
{
	struct quote q;
	struct pricing_item items[3];
	long long p1, p2, p3;
	char buf[300];

	check_pricing_fixture();
	p1 = check_pricing_product(shop_a, sub_inherit, 1999, 10, "active");
	p2 = check_pricing_product(shop_a, sub_own, 1000, 10, "active");
	p3 = check_pricing_product(shop_b, top_cat, 2500, 10, "active");
	items[0] = (struct pricing_item){ p1, 2 };
	items[1] = (struct pricing_item){ p3, 1 };
	items[2] = (struct pricing_item){ p2, 1 };
	ck_assert_int_eq(pricing_quote(items, 3, "DE", &q), 0);
	/* Grouped by shop, in the order of each shop's first item. */
	ck_assert_uint_eq(q.nvendors, 2);
	ck_assert_uint_eq(q.nlines, 3);
	ck_assert_int_eq(q.vendors[0].vendor_id, shop_a);
	ck_assert_uint_eq(q.vendors[0].first_line, 0);
	ck_assert_uint_eq(q.vendors[0].nlines, 2);
	ck_assert_int_eq(q.lines[0].product_id, p1);
	ck_assert_int_eq(q.lines[1].product_id, p2);
	ck_assert_int_eq(q.lines[2].product_id, p3);
	ck_assert_uint_eq(q.lines[2].vendor, 1);
	ck_assert_str_eq(q.vendors[1].name, "Tea House");
	/* Lines: price x quantity, the category's rate (inherited or its own). */
	ck_assert_int_eq(q.lines[0].line_minor, 3998);
	ck_assert_int_eq(q.lines[0].tax_bp, 1900);
	ck_assert_int_eq(q.lines[0].tax_minor, 638);	/* 3998 * 19 / 119 = 638.32 */
	ck_assert_int_eq(q.lines[1].tax_bp, 700);
	ck_assert_int_eq(q.lines[1].tax_minor, 65);	/* 1000 * 7 / 107 = 65.42 */
	ck_assert_int_eq(q.lines[2].tax_minor, 399);	/* 2500 * 19 / 119 = 399.16 */
	ck_assert_int_eq(q.lines[0].category_id, sub_inherit);
	ck_assert_int_eq(q.lines[0].top_category_id, top_cat);
	/* Shop A: 49.98 is under its 50.00 threshold. */
	ck_assert_int_eq(q.vendors[0].items_minor, 4998);
	ck_assert_int_eq(q.vendors[0].shipping_minor, 490);
	ck_assert_int_eq(q.vendors[0].tax_minor, 703);
	ck_assert_int_eq(q.vendors[0].total_minor, 5488);
	ck_assert_int_eq(q.vendors[0].delivery_min_days, 3);
	ck_assert_int_eq(q.vendors[0].delivery_max_days, 5);
	ck_assert_int_eq(q.vendors[0].terms.return_days, 30);
	ck_assert_int_eq(pricing_vendor_return_days(shop_a), 30);
	ck_assert_int_eq(pricing_vendor_return_days(shop_b), 14);
	ck_assert_int_eq(q.vendors[1].shipping_minor, 300);
	ck_assert_int_eq(q.vendors[1].total_minor, 2800);
	/* The order is the sum of its shops. */
	ck_assert_int_eq(q.items_minor, 7498);
	ck_assert_int_eq(q.shipping_minor, 790);
	ck_assert_int_eq(q.discount_minor, 0);
	ck_assert_int_eq(q.tax_minor, 1102);
	ck_assert_int_eq(q.total_minor, 8288);
	/* Card is the only method both accept; each other one says who refuses it. */
	ck_assert_uint_eq(q.methods, SHIPPING_CARD);
	ck_assert_ptr_null(pricing_method_refusal(&q, SHIPPING_CARD, buf, sizeof buf));
	ck_assert_str_eq(pricing_method_refusal(&q, SHIPPING_PAYPAL, buf, sizeof buf), "Not accepted by Tea House.");
	ck_assert_str_eq(pricing_method_refusal(&q, SHIPPING_BANK_TRANSFER, buf, sizeof buf),
			 "Not accepted by Pottery Barn.");
	ck_assert(pricing_orderable(&q));
	ck_assert_ptr_null(pricing_problem(&q, buf, sizeof buf));
	pricing_free(&q);

	/* One more of p1 takes shop A past 50.00: its delivery is free. */
	items[0].quantity = 3;
	ck_assert_int_eq(pricing_quote(items, 3, "DE", &q), 0);
	ck_assert_int_eq(q.vendors[0].items_minor, 6997);
	ck_assert_int_eq(q.vendors[0].shipping_minor, 0);
	ck_assert_int_eq(q.vendors[1].shipping_minor, 300);
	ck_assert_int_eq(q.total_minor, 6997 + 2500 + 300);
	pricing_free(&q);
}
END_TEST

START_TEST(test_quote_country_and_methods)
{
	struct quote q;
	struct pricing_item items[3];
	char buf[400];

	check_pricing_fixture();
	items[0] = (struct pricing_item){ check_pricing_product(shop_a, top_cat, 1000, 5, "active"), 1 };
	items[1] = (struct pricing_item){ check_pricing_product(shop_b, top_cat, 1000, 5, "active"), 1 };
	items[2] = (struct pricing_item){ check_pricing_product(shop_c, top_cat, 1000, 5, "active"), 1 };
	/* Shop A delivers to France, Tea House does not: priced, not orderable. */
	ck_assert_int_eq(pricing_quote(items, 2, "FR", &q), 0);
	ck_assert(q.vendors[0].ships);
	ck_assert(!q.vendors[1].ships);
	ck_assert(!pricing_orderable(&q));
	ck_assert_str_eq(pricing_problem(&q, buf, sizeof buf), "Tea House does not deliver to France.");
	ck_assert_int_eq(q.total_minor, 1000 + 490 + 1000 + 300);
	pricing_free(&q);
	/* A shop that never saved its terms: the marketplace's country only, free,
	 * every method. */
	ck_assert_int_eq(pricing_quote(items + 2, 1, "DE", &q), 0);
	ck_assert(!q.vendors[0].terms.saved);
	ck_assert(q.vendors[0].ships);
	ck_assert_int_eq(q.vendors[0].shipping_minor, 0);
	ck_assert_uint_eq(q.methods, SHIPPING_METHODS_ALL);
	pricing_free(&q);
	ck_assert_int_eq(pricing_quote(items + 2, 1, "GB", &q), 0);
	ck_assert(!pricing_orderable(&q));
	ck_assert_str_eq(pricing_problem(&q, buf, sizeof buf), "Quiet Shop does not deliver to United Kingdom.");
	pricing_free(&q);
	/* Shop A (card, PayPal) and a shop taking bank transfer only: nothing in
	 * common, and the page can say why. */
	{
		struct shipping_terms t;

		ck_assert_int_eq(shipping_load(shop_c, &t), 0);
		t.methods = SHIPPING_BANK_TRANSFER;
		ck_assert_int_eq(shipping_save(&t), 0);
	}
	items[1] = items[2];
	ck_assert_int_eq(pricing_quote(items, 2, "DE", &q), 0);
	ck_assert_uint_eq(q.methods, 0);
	ck_assert(!pricing_orderable(&q));
	ck_assert_str_eq(pricing_method_refusal(&q, SHIPPING_CARD, buf, sizeof buf), "Not accepted by Quiet Shop.");
	ck_assert_str_eq(pricing_problem(&q, buf, sizeof buf),
			 "The shops in your order accept no payment method in common: Card: Not accepted by Quiet"
			 " Shop. PayPal: Not accepted by Quiet Shop. Bank transfer: Not accepted by Pottery Barn.");
	pricing_free(&q);
	/* Three shops: the refusal names two with "and". */
	items[1] = (struct pricing_item){ check_pricing_product(shop_b, top_cat, 1000, 5, "active"), 1 };
	items[2] = (struct pricing_item){ check_pricing_product(shop_c, top_cat, 1000, 5, "active"), 1 };
	ck_assert_int_eq(pricing_quote(items, 3, "DE", &q), 0);
	ck_assert_str_eq(pricing_method_refusal(&q, SHIPPING_PAYPAL, buf, sizeof buf),
			 "Not accepted by Tea House and Quiet Shop.");
	pricing_free(&q);
}
END_TEST

START_TEST(test_quote_lines_not_for_sale)
{
	struct quote q;
	struct pricing_item items[2];
	char buf[1000];
	long long draft, few;

	check_pricing_fixture();
	few = check_pricing_product(shop_a, top_cat, 1000, 2, "active");
	draft = check_pricing_product(shop_a, top_cat, 1000, 5, "draft");
	items[0] = (struct pricing_item){ few, 3 };
	ck_assert_int_eq(pricing_quote(items, 1, "DE", &q), 0);
	ck_assert_int_eq(q.lines[0].state, PRICING_LINE_SHORT);
	ck_assert_int_eq(q.lines[0].stock, 2);
	ck_assert(!pricing_orderable(&q));
	snprintf(buf, sizeof buf, "Only 2 of “%s” are left.", q.lines[0].name);
	{
		char got[1000];

		ck_assert_str_eq(pricing_problem(&q, got, sizeof got), buf);
	}
	pricing_free(&q);
	items[0].quantity = 2;
	items[1] = (struct pricing_item){ draft, 1 };
	ck_assert_int_eq(pricing_quote(items, 2, "DE", &q), 0);
	ck_assert_int_eq(q.lines[0].state, PRICING_LINE_OK);
	ck_assert_int_eq(q.lines[1].state, PRICING_LINE_UNAVAILABLE);
	ck_assert(!pricing_orderable(&q));
	ck_assert(strstr(pricing_problem(&q, buf, sizeof buf), "is no longer for sale.") != NULL);
	pricing_free(&q);
	/* A shop that is no longer open. */
	ck_assert_int_eq(db_exec("UPDATE vendors SET status = 'blocked' WHERE id = ?", "i", shop_c), 1);
	items[0] = (struct pricing_item){ check_pricing_product(shop_c, top_cat, 1000, 5, "active"), 1 };
	ck_assert_int_eq(pricing_quote(items, 1, "DE", &q), 0);
	ck_assert_int_eq(q.lines[0].state, PRICING_LINE_UNAVAILABLE);
	pricing_free(&q);
	ck_assert_int_eq(db_exec("UPDATE vendors SET status = 'verified' WHERE id = ?", "i", shop_c), 1);
}
END_TEST

START_TEST(test_quote_refused)
{
	struct quote q;
	struct pricing_item items[2];
	long long p;

	check_pricing_fixture();
	p = check_pricing_product(shop_a, top_cat, 1000, 5, "active");
	items[0] = (struct pricing_item){ p, 0 };
	ck_assert_int_eq(pricing_quote(items, 1, "DE", &q), 1);
	ck_assert_ptr_null(q.lines);
	items[0].quantity = -1;
	ck_assert_int_eq(pricing_quote(items, 1, "DE", &q), 1);
	items[0].quantity = PRICING_QTY_MAX + 1;
	ck_assert_int_eq(pricing_quote(items, 1, "DE", &q), 1);
	items[0].quantity = 1;
	items[1] = items[0];
	ck_assert_int_eq(pricing_quote(items, 2, "DE", &q), 1);	/* the same product twice */
	ck_assert_int_eq(pricing_quote(items, 0, "DE", &q), 1);
	ck_assert_int_eq(pricing_quote(items, 1, "de", &q), 1);
	ck_assert_int_eq(pricing_quote(items, 1, "DEU", &q), 1);
	ck_assert_int_eq(pricing_quote(items, 1, NULL, &q), 1);
	items[0].product_id = 9000000000000LL;
	ck_assert_int_eq(pricing_quote(items, 1, "DE", &q), 1);
	ck_assert_ptr_null(q.lines);
	items[0].product_id = -5;
	ck_assert_int_eq(pricing_quote(items, 1, "DE", &q), 1);
	/* An unlisted country is priced (nobody delivers there). */
	items[0].product_id = p;
	ck_assert_int_eq(pricing_quote(items, 1, "ZZ", &q), 0);
	ck_assert(!q.vendors[0].ships);
	ck_assert_str_eq(q.country, "ZZ");
	pricing_free(&q);
}
END_TEST

START_TEST(test_finish_discount)
{
	struct quote q, before;
	struct pricing_item items[2];
	long long p1, p2;

	check_pricing_fixture();
	p1 = check_pricing_product(shop_a, sub_inherit, 1999, 10, "active");
	p2 = check_pricing_product(shop_a, sub_own, 1000, 10, "active");
	items[0] = (struct pricing_item){ p1, 2 };
	items[1] = (struct pricing_item){ p2, 1 };
	ck_assert_int_eq(pricing_quote(items, 2, "DE", &q), 0);
	/* A coupon spread 10.00 over the lines, half of it borne by the shop. */
	q.lines[0].discount_minor = 998;
	q.lines[1].discount_minor = 2;
	q.vendors[0].vendor_discount_minor = 500;
	ck_assert_int_eq(pricing_finish(&q), 0);
	ck_assert_int_eq(q.lines[0].tax_minor, 479);	/* 3000 * 19 / 119 = 478.99 */
	ck_assert_int_eq(q.lines[1].tax_minor, 65);	/* 998 * 7 / 107 = 65.29 */
	ck_assert_int_eq(q.vendors[0].discount_minor, 1000);
	ck_assert_int_eq(q.vendors[0].tax_minor, 544);
	/* The threshold counts the items before the discount: still 4.90. */
	ck_assert_int_eq(q.vendors[0].shipping_minor, 490);
	ck_assert_int_eq(q.vendors[0].total_minor, 4998 + 490 - 1000);
	ck_assert_int_eq(q.discount_minor, 1000);
	ck_assert_int_eq(q.tax_minor, 544);
	ck_assert_int_eq(q.total_minor, 4488);
	ck_assert_int_eq(q.total_minor, q.items_minor + q.shipping_minor - q.discount_minor);
	/* Out of range: refused, nothing changes. */
	memcpy(&before, &q, sizeof q);
	q.lines[1].discount_minor = 1001;
	ck_assert_int_eq(pricing_finish(&q), -1);
	ck_assert_int_eq(q.total_minor, before.total_minor);
	ck_assert_int_eq(q.lines[1].tax_minor, 65);
	q.lines[1].discount_minor = -1;
	ck_assert_int_eq(pricing_finish(&q), -1);
	q.lines[1].discount_minor = 2;
	q.vendors[0].vendor_discount_minor = 1001;
	ck_assert_int_eq(pricing_finish(&q), -1);
	q.vendors[0].vendor_discount_minor = 0;
	/* The whole of both lines: the shop gets shipping only, tax 0. */
	q.lines[0].discount_minor = q.lines[0].line_minor;
	q.lines[1].discount_minor = q.lines[1].line_minor;
	ck_assert_int_eq(pricing_finish(&q), 0);
	ck_assert_int_eq(q.tax_minor, 0);
	ck_assert_int_eq(q.total_minor, 490);
	pricing_free(&q);
}
END_TEST

START_TEST(test_category_tax)
{
	long long deep;

	check_pricing_fixture();
	ck_assert_int_eq(pricing_category_tax(top_cat), 1900);
	ck_assert_int_eq(pricing_category_tax(sub_inherit), 1900);
	ck_assert_int_eq(pricing_category_tax(sub_own), 700);
	deep = check_pricing_category(sub_own, -1);
	/* A deeper category goes to its top category, not its parent. */
	ck_assert_int_eq(pricing_category_tax(deep), 1900);
	ck_assert_int_eq(pricing_category_tax(9000000000000LL), -1);
	ck_assert_int_eq(pricing_set_category_tax(sub_inherit, 1000), 0);
	ck_assert_int_eq(pricing_category_tax(sub_inherit), 1000);
	ck_assert_int_eq(pricing_set_category_tax(sub_inherit, -1), 0);
	ck_assert_int_eq(pricing_category_tax(sub_inherit), 1900);
	ck_assert_int_eq(pricing_set_category_tax(sub_inherit, 10001), 1);
	ck_assert_int_eq(pricing_set_category_tax(sub_inherit, -2), 1);
	ck_assert_int_eq(pricing_set_category_tax(9000000000000LL, 100), 1);
	ck_assert_int_eq(pricing_category_tax(sub_inherit), 1900);
	/* A top category without a rate: 0 for it and its children. */
	{
		long long bare = check_pricing_category(0, -1), child = check_pricing_category(bare, -1);

		ck_assert_int_eq(pricing_category_tax(bare), 0);
		ck_assert_int_eq(pricing_category_tax(child), 0);
	}
}
END_TEST

static Suite *
pricing_suite(void)
{
	Suite *s = suite_create("pricing");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, test_tax_part);
	tcase_add_test(tc, test_shipping_rule);
	suite_add_tcase(s, tc);
	tc = tcase_create("db");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_quote_sums);
	tcase_add_test(tc, test_quote_country_and_methods);
	tcase_add_test(tc, test_quote_lines_not_for_sale);
	tcase_add_test(tc, test_quote_refused);
	tcase_add_test(tc, test_finish_discount);
	tcase_add_test(tc, test_category_tax);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(pricing_suite)
