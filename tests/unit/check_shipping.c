/*
 * Tests for cgi/lib/shipping.c: the payment method names, the country list,
 * the defaults, the checks of each field, and against the test stack's
 * database saving and loading a shop's terms (a shop of its own).
 */
#include "check_util.h"
#include "db.h"
#include "returns.h"
#include "shipping.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

START_TEST(test_methods_and_countries)
{
	ck_assert_uint_eq(shipping_method_parse("card"), SHIPPING_CARD);
	ck_assert_uint_eq(shipping_method_parse("paypal"), SHIPPING_PAYPAL);
	ck_assert_uint_eq(shipping_method_parse("bank_transfer"), SHIPPING_BANK_TRANSFER);
	ck_assert_uint_eq(shipping_method_parse("Card"), 0);
	ck_assert_uint_eq(shipping_method_parse(""), 0);
	ck_assert_uint_eq(shipping_method_parse(NULL), 0);
	ck_assert_str_eq(shipping_method_label(SHIPPING_PAYPAL), "PayPal");
	ck_assert_str_eq(shipping_method_name(SHIPPING_BANK_TRANSFER), "bank_transfer");
	ck_assert_ptr_null(shipping_method_name(SHIPPING_METHODS_ALL));
	ck_assert_uint_eq(shipping_method_at(0), SHIPPING_CARD);
	ck_assert_uint_eq(shipping_method_at(SHIPPING_NMETHODS), 0);
	ck_assert_str_eq(shipping_country_name("FR"), "France");
	ck_assert_ptr_null(shipping_country_name("fr"));
	ck_assert_ptr_null(shipping_country_name("ZZ"));
	/* The list is sorted by code: the form and the terms keep that order. */
	for (size_t i = 1; i < shipping_ncountries; i++)
		ck_assert_int_lt(strcmp(shipping_countries[i - 1].code, shipping_countries[i].code), 0);
}
END_TEST

START_TEST(test_defaults)
{
	struct shipping_terms t;

	unsetenv("BAZAAR_DEFAULT_COUNTRY");
	shipping_defaults(7, &t);
	ck_assert_int_eq(t.vendor_id, 7);
	ck_assert(!t.saved);
	ck_assert_int_eq(t.flat_rate_minor, 0);
	ck_assert_int_eq(t.free_above_minor, SHIPPING_NEVER_FREE);
	ck_assert_uint_eq(t.methods, SHIPPING_METHODS_ALL);
	ck_assert_int_eq(t.return_days, 14);
	ck_assert_uint_eq(t.ncountries, 1);
	ck_assert_str_eq(t.countries[0], "DE");
	ck_assert(shipping_ships_to(&t, "DE"));
	ck_assert(!shipping_ships_to(&t, "FR"));
	ck_assert_ptr_null(shipping_problem(&t, NULL));
	/* The marketplace's return window is the default one. */
	setenv("BAZAAR_RETURN_DAYS", "21", 1);
	ck_assert_int_eq(shipping_default_return_days(), 21);
	shipping_defaults(7, &t);
	ck_assert_int_eq(t.return_days, 21);
	unsetenv("BAZAAR_RETURN_DAYS");
	shipping_defaults(7, &t);
	setenv("BAZAAR_DEFAULT_COUNTRY", "FR", 1);
	ck_assert_str_eq(shipping_default_country(), "FR");
	setenv("BAZAAR_DEFAULT_COUNTRY", "XX", 1);
	ck_assert_str_eq(shipping_default_country(), "DE");
	unsetenv("BAZAAR_DEFAULT_COUNTRY");
	/* Countries stay sorted, once each, from the list only. */
	ck_assert_int_eq(shipping_add_country(&t, "AT"), 0);
	ck_assert_int_eq(shipping_add_country(&t, "FR"), 0);
	ck_assert_int_eq(shipping_add_country(&t, "DE"), 0);
	ck_assert_int_eq(shipping_add_country(&t, "ZZ"), -1);
	ck_assert_int_eq(shipping_add_country(&t, "de"), -1);
	ck_assert_uint_eq(t.ncountries, 3);
	ck_assert_str_eq(t.countries[0], "AT");
	ck_assert_str_eq(t.countries[1], "DE");
	ck_assert_str_eq(t.countries[2], "FR");
}
END_TEST

/* Each field out of range is named with its sentence. */
START_TEST(test_problems)
{
	struct shipping_terms t;
	const char *field;

#define EXPECT_FIELD(name)                                                         \
	do {                                                                       \
		ck_assert_ptr_nonnull(shipping_problem(&t, &field));               \
		ck_assert_str_eq(field, name);                                     \
		shipping_defaults(1, &t);                                          \
		ck_assert_ptr_null(shipping_problem(&t, &field));                  \
		ck_assert_ptr_null(field);                                         \
	} while (0)

	shipping_defaults(1, &t);
	t.flat_rate_minor = -1;
	EXPECT_FIELD("flat_rate");
	t.flat_rate_minor = SHIPPING_RATE_MAX + 1;
	EXPECT_FIELD("flat_rate");
	t.free_above_minor = -2;
	EXPECT_FIELD("free_above");
	t.handling_days = 61;
	EXPECT_FIELD("handling_days");
	t.handling_days = -1;
	EXPECT_FIELD("handling_days");
	t.transit_min_days = 91;
	EXPECT_FIELD("transit_min_days");
	t.transit_min_days = 5;
	t.transit_max_days = 4;
	EXPECT_FIELD("transit_max_days");
	t.methods = 0;
	EXPECT_FIELD("methods");
	t.methods = 8;
	EXPECT_FIELD("methods");
	t.ncountries = 0;
	EXPECT_FIELD("countries");
	memcpy(t.countries[0], "ZZ", 3);
	EXPECT_FIELD("countries");
	t.return_days = 366;
	EXPECT_FIELD("return_days");
	memset(t.return_policy, 'x', SHIPPING_POLICY_MAX + 1);
	t.return_policy[SHIPPING_POLICY_MAX + 1] = '\0';
	EXPECT_FIELD("return_policy");
	/* 2000 characters of three bytes each are fine. */
	t.return_policy[0] = '\0';
	for (int i = 0; i < SHIPPING_POLICY_MAX; i++)
		strcat(t.return_policy, "€");
	ck_assert_ptr_null(shipping_problem(&t, &field));
#undef EXPECT_FIELD
}
END_TEST

static void
setup(void)
{
	CHECK_DB_CONNECT("check_shipping");
}

static void
teardown(void)
{
	db_close();
}

START_TEST(test_save_load)
{
	struct shipping_terms t, got;
	char slug[64];
	long long vendor, events;

	snprintf(slug, sizeof slug, "check-shipping-%d", (int)getpid());
	ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description, status, plan_id)"
				 " SELECT ?, 'Check Shipping', 'Check Shipping Ltd', '', 'pending', MIN(id) FROM plans",
				 "s", slug), 1);
	vendor = (long long)db_insert_id();
	ck_assert_int_eq(shipping_load(vendor, &got), 0);
	ck_assert(!got.saved);
	ck_assert_int_eq(shipping_return_days(vendor), 14);
	setenv("BAZAAR_RETURN_DAYS", "21", 1);
	ck_assert_int_eq(shipping_return_days(vendor), 21);
	ck_assert_int_eq(returns_window_days(vendor), 21);
	unsetenv("BAZAAR_RETURN_DAYS");

	shipping_defaults(vendor, &t);
	t.flat_rate_minor = 595;
	t.free_above_minor = 7500;
	t.handling_days = 3;
	t.transit_min_days = 2;
	t.transit_max_days = 6;
	t.methods = SHIPPING_PAYPAL | SHIPPING_BANK_TRANSFER;
	t.return_days = 30;
	snprintf(t.return_policy, sizeof t.return_policy, "Unused, in the box.\nWe pay the return label.");
	ck_assert_int_eq(shipping_add_country(&t, "AT"), 0);
	ck_assert_int_eq(shipping_add_country(&t, "FR"), 0);
	events = db_scalar(0, "SELECT COUNT(*) FROM events", "");
	ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, name, slug,"
				 " description, price_minor, stock, status) SELECT ?, c.id, c.parent_id, 'x', 'x',"
				 " '', 100, 1, 'draft' FROM categories c WHERE c.parent_id IS NOT NULL"
				 " ORDER BY c.id LIMIT 1", "i", vendor), 1);
	ck_assert_int_eq(shipping_save(&t), 0);
	/* Its product pages are told (one event per product). */
	ck_assert_int_eq(db_scalar(0, "SELECT COUNT(*) FROM events", ""), events + 1);
	ck_assert_int_eq(shipping_load(vendor, &got), 0);
	ck_assert(got.saved);
	ck_assert_int_eq(got.flat_rate_minor, 595);
	ck_assert_int_eq(got.free_above_minor, 7500);
	ck_assert_int_eq(got.handling_days, 3);
	ck_assert_int_eq(got.transit_min_days, 2);
	ck_assert_int_eq(got.transit_max_days, 6);
	ck_assert_uint_eq(got.methods, SHIPPING_PAYPAL | SHIPPING_BANK_TRANSFER);
	ck_assert_int_eq(got.return_days, 30);
	ck_assert_str_eq(got.return_policy, "Unused, in the box.\nWe pay the return label.");
	ck_assert_uint_eq(got.ncountries, 3);
	ck_assert_str_eq(got.countries[0], "AT");
	ck_assert_str_eq(got.countries[1], "DE");
	ck_assert_str_eq(got.countries[2], "FR");
	ck_assert_int_eq(shipping_return_days(vendor), 30);
	/* Returns count the shop's own window. */
	ck_assert_int_eq(returns_window_days(vendor), 30);

	/* Saved again: replaced, countries included; never free again. */
	t.free_above_minor = SHIPPING_NEVER_FREE;
	t.ncountries = 0;
	ck_assert_int_eq(shipping_add_country(&t, "GB"), 0);
	t.methods = SHIPPING_CARD;
	ck_assert_int_eq(shipping_save(&t), 0);
	ck_assert_int_eq(shipping_load(vendor, &got), 0);
	ck_assert_int_eq(got.free_above_minor, SHIPPING_NEVER_FREE);
	ck_assert_uint_eq(got.ncountries, 1);
	ck_assert_str_eq(got.countries[0], "GB");
	ck_assert_uint_eq(got.methods, SHIPPING_CARD);

	/* Refused terms change nothing. */
	t.methods = 0;
	ck_assert_int_eq(shipping_save(&t), 1);
	ck_assert_int_eq(shipping_load(vendor, &got), 0);
	ck_assert_uint_eq(got.methods, SHIPPING_CARD);

	ck_assert_int_eq(db_exec("DELETE FROM products WHERE vendor_id = ?", "i", vendor), 1);
	ck_assert_int_eq(db_exec("DELETE FROM vendor_ship_countries WHERE vendor_id = ?", "i", vendor), 1);
	ck_assert_int_eq(db_exec("DELETE FROM vendor_shipping WHERE vendor_id = ?", "i", vendor), 1);
	ck_assert_int_eq(db_exec("DELETE FROM vendors WHERE id = ?", "i", vendor), 1);
}
END_TEST

static Suite *
shipping_suite(void)
{
	Suite *s = suite_create("shipping");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, test_methods_and_countries);
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_problems);
	suite_add_tcase(s, tc);
	tc = tcase_create("db");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_save_load);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(shipping_suite)
