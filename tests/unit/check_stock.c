/*
 * Tests for cgi/lib/stock.c against the test stack's MariaDB (and memcached,
 * for the cache drop). The tests make their own plan, vendors, category and
 * products, named check-stock-*, and remove them at the end.
 */
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "cache.h"
#include "db.h"
#include "race_util.h"
#include "stock.h"

static long long plan_id, vendor_id, other_vendor_id, cat_id, product_id, user_id;

static void
remove_fixture_rows(void)
{
	db_exec("DELETE p FROM products p JOIN vendors v ON v.id = p.vendor_id "
		"WHERE v.slug LIKE 'check-stock-vendor%'", "");
	db_exec("DELETE FROM categories WHERE slug = 'check-stock-cat'", "");
	db_exec("DELETE FROM vendors WHERE slug LIKE 'check-stock-vendor%'", "");
	db_exec("DELETE FROM plans WHERE name = 'check-stock-plan'", "");
	db_exec("DELETE FROM users WHERE email = 'check-stock@example.com'", "");
}

static long long
add_vendor(const char *slug)
{
	ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description, "
				 "status, plan_id) VALUES (?, 'Check Stock', 'Check Stock Ltd', '', "
				 "'verified', ?)", "si", slug, plan_id), 1);
	return (long long)db_insert_id();
}

static void
live_setup(void)
{
	CHECK_DB_CONNECT("check_stock");
	cache_init();
	remove_fixture_rows();
	ck_assert_int_eq(db_exec("INSERT INTO plans (name, commission_bp, listing_limit, "
				 "monthly_fee_minor) VALUES ('check-stock-plan', 1000, NULL, 0)", ""), 1);
	plan_id = (long long)db_insert_id();
	vendor_id = add_vendor("check-stock-vendor");
	other_vendor_id = add_vendor("check-stock-vendor-2");
	ck_assert_int_eq(db_exec("INSERT INTO categories (parent_id, slug, name, depth) "
				 "VALUES (NULL, 'check-stock-cat', 'Check Stock', 0)", ""), 1);
	cat_id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, "
				 "name, slug, description, price_minor, stock, status) VALUES "
				 "(?, ?, ?, 'Stock Mug', 'stock-mug', '', 900, 10, 'active')",
				 "iii", vendor_id, cat_id, cat_id), 1);
	product_id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role) "
				 "VALUES ('check-stock@example.com', 'Stock Keeper', 'vendor')", ""), 1);
	user_id = (long long)db_insert_id();
}

static void
live_teardown(void)
{
	remove_fixture_rows();
	cache_close();
	db_close();
}

static long long
stock_now(void)
{
	return db_scalar(-1, "SELECT stock FROM products WHERE id = ?", "i", product_id);
}

static long long
history_rows(void)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM stock_adjustments WHERE product_id = ?", "i", product_id);
}

START_TEST(test_reasons)
{
	ck_assert_int_eq(stock_reason_parse("received"), STOCK_RECEIVED);
	ck_assert_int_eq(stock_reason_parse("return"), STOCK_RETURN);
	ck_assert_int_eq(stock_reason_parse("stolen"), -1);
	ck_assert_int_eq(stock_reason_parse(NULL), -1);
	ck_assert_ptr_null(stock_reason_names[STOCK_NREASONS]);
}
END_TEST

START_TEST(test_adjust_writes_history)
{
	struct stock_change c = { .product_id = product_id, .vendor_id = vendor_id, .delta = 5,
				  .reason = STOCK_RECEIVED, .note = "Pallet 7", .user_id = user_id };
	long long after = -1, events_before;
	struct db_result *r;

	events_before = db_scalar(-1, "SELECT COUNT(*) FROM events WHERE type = 'product.changed' "
				  "AND subject_id = ?", "i", product_id);
	ck_assert_int_eq(stock_adjust(&c, &after), 0);
	ck_assert_int_eq(after, 15);
	ck_assert_int_eq(stock_now(), 15);
	c.delta = -3;
	c.reason = STOCK_DAMAGED;
	c.note = NULL;
	c.user_id = 0;
	ck_assert_int_eq(stock_adjust(&c, &after), 0);
	ck_assert_int_eq(after, 12);
	r = db_query("SELECT delta, reason, note, stock_after, user_id FROM stock_adjustments "
		     "WHERE product_id = ? ORDER BY id", "i", product_id);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(db_next(r), 1);
	ck_assert_int_eq(db_int(r, 0), 5);
	ck_assert_str_eq(db_str(r, 1), "received");
	ck_assert_str_eq(db_str(r, 2), "Pallet 7");
	ck_assert_int_eq(db_int(r, 3), 15);
	ck_assert_int_eq(db_int(r, 4), user_id);
	ck_assert_int_eq(db_next(r), 1);
	ck_assert_int_eq(db_int(r, 0), -3);
	ck_assert_str_eq(db_str(r, 1), "damaged");
	ck_assert_int_eq(db_int(r, 3), 12);
	ck_assert(db_null(r, 4));
	ck_assert_int_eq(db_next(r), 0);
	db_free(r);
	/* One product.changed event each, for the storefront's readers. */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM events WHERE type = 'product.changed' "
				   "AND subject_id = ?", "i", product_id), events_before + 2);
	/* The history is append-only. */
	ck_assert_int_lt(db_exec("UPDATE stock_adjustments SET delta = 1 WHERE product_id = ?", "i",
				 product_id), 0);
	ck_assert_int_lt(db_exec("DELETE FROM stock_adjustments WHERE product_id = ?", "i", product_id), 0);
}
END_TEST

START_TEST(test_refusals_change_nothing)
{
	struct stock_change c = { .product_id = product_id, .vendor_id = vendor_id, .delta = -11,
				  .reason = STOCK_DAMAGED };
	long long after = -1;

	ck_assert_int_eq(stock_adjust(&c, &after), STOCK_BELOW_ZERO);
	ck_assert_int_eq(after, -1);
	c.delta = -10;
	ck_assert_int_eq(stock_adjust(&c, &after), 0);
	ck_assert_int_eq(after, 0);
	c.delta = -1;
	ck_assert_int_eq(stock_adjust(&c, NULL), STOCK_BELOW_ZERO);
	/* Another vendor's product, or none at all. */
	c.delta = 1;
	c.vendor_id = other_vendor_id;
	ck_assert_int_eq(stock_adjust(&c, NULL), STOCK_NOT_FOUND);
	c.vendor_id = vendor_id;
	c.product_id = product_id + 1000000;
	ck_assert_int_eq(stock_adjust(&c, NULL), STOCK_NOT_FOUND);
	/* Out of range: no change, a zero change, too long a note. */
	c.product_id = product_id;
	c.delta = 0;
	ck_assert_int_eq(stock_adjust(&c, NULL), -1);
	c.delta = STOCK_MAX + 1;
	ck_assert_int_eq(stock_adjust(&c, NULL), -1);
	c.delta = STOCK_MAX;
	ck_assert_int_eq(stock_adjust(&c, NULL), 0);
	c.delta = 1;
	ck_assert_int_eq(stock_adjust(&c, NULL), STOCK_BELOW_ZERO);	/* past the most */
	ck_assert_int_eq(stock_now(), STOCK_MAX);
	ck_assert_int_eq(history_rows(), 2);
}
END_TEST

START_TEST(test_set)
{
	struct stock_change c = { .product_id = product_id, .vendor_id = vendor_id,
				  .reason = STOCK_CORRECTION, .note = "Counted", .user_id = user_id };
	long long after = -1;

	ck_assert_int_eq(stock_set(&c, 4, &after), 0);
	ck_assert_int_eq(after, 4);
	ck_assert_int_eq(db_scalar(-1, "SELECT delta FROM stock_adjustments WHERE product_id = ?", "i",
				   product_id), -6);
	/* The same figure again writes nothing. */
	ck_assert_int_eq(stock_set(&c, 4, &after), 0);
	ck_assert_int_eq(history_rows(), 1);
	ck_assert_int_eq(stock_set(&c, -1, NULL), -1);
	c.vendor_id = other_vendor_id;
	ck_assert_int_eq(stock_set(&c, 7, NULL), STOCK_NOT_FOUND);
	ck_assert_int_eq(stock_now(), 4);
}
END_TEST

/* Inside the caller's transaction: rolled back with it. */
static int
in_tx_then_fail(void *arg)
{
	struct stock_change *c = arg;

	ck_assert_int_eq(stock_adjust_in_tx(c, NULL), 0);
	ck_assert_int_eq(stock_set_in_tx(c, 30, NULL), 0);
	return 1;
}

START_TEST(test_in_caller_transaction)
{
	struct stock_change c = { .product_id = product_id, .vendor_id = vendor_id, .delta = 2,
				  .reason = STOCK_CORRECTION, .caller_reports = 1 };

	ck_assert_int_ne(db_tx(in_tx_then_fail, &c), 0);
	ck_assert_int_eq(stock_now(), 10);
	ck_assert_int_eq(history_rows(), 0);
	/* Outside a transaction the in-transaction call refuses. */
	ck_assert_int_eq(stock_adjust_in_tx(&c, NULL), -1);
	ck_assert_int_eq(stock_now(), 10);
}
END_TEST

/* What each racer of race() does: racer i adds delta[i] tries times. */
struct stock_race {
	const long long *delta;
	int tries;
};

/* A racer: the changes it made; a change refused for anything but a lack
 * of stock breaks it. */
static int
stock_racer(int i, void *arg)
{
	const struct stock_race *r = arg;
	struct stock_change c = { .product_id = product_id, .vendor_id = vendor_id, .delta = r->delta[i],
				  .reason = STOCK_CORRECTION };
	int n = 0, t, rc;

	for (t = 0; t < r->tries; t++) {
		if ((rc = stock_adjust(&c, NULL)) == 0)
			n++;
		else if (rc != STOCK_BELOW_ZERO)
			return RACE_BROKEN;
	}
	return n;
}

/* Runs two processes at once, process i adding delta[i] tries times.
 * Returns how many changes were made in all. */
static int
race(const long long delta[2], int tries)
{
	struct stock_race r = { delta, tries };

	return race_run(2, stock_racer, &r, NULL);
}

/* Two processes each take one unit at a time, as fast as they can, more
 * often than there is stock: every taking counts, the stock ends at zero,
 * never below, and the history adds up. */
START_TEST(test_racing_adjustments)
{
	static const long long take[2] = { -1, -1 };

	ck_assert_int_eq(race(take, 15), 10);
	ck_assert_int_eq(stock_now(), 0);
	ck_assert_int_eq(history_rows(), 10);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(DISTINCT stock_after) FROM stock_adjustments "
				   "WHERE product_id = ?", "i", product_id), 10);
	ck_assert_int_eq(db_scalar(-1, "SELECT MIN(stock_after) FROM stock_adjustments "
				   "WHERE product_id = ?", "i", product_id), 0);
}
END_TEST

/* Two processes add and take away at once: no change is lost. */
START_TEST(test_racing_no_lost_update)
{
	static const long long both[2] = { 3, -1 };

	ck_assert_int_eq(race(both, 20), 40);
	ck_assert_int_eq(stock_now(), 10 + 20 * 3 - 20);
	ck_assert_int_eq(db_scalar(-1, "SELECT SUM(delta) FROM stock_adjustments WHERE product_id = ?",
				   "i", product_id), 20 * 2);
}
END_TEST

static Suite *
stock_suite(void)
{
	Suite *s = suite_create("stock");
	TCase *pure = tcase_create("pure");
	TCase *live = tcase_create("live");

	tcase_add_test(pure, test_reasons);
	suite_add_tcase(s, pure);
	tcase_add_checked_fixture(live, live_setup, live_teardown);
	tcase_add_test(live, test_adjust_writes_history);
	tcase_add_test(live, test_refusals_change_nothing);
	tcase_add_test(live, test_set);
	tcase_add_test(live, test_in_caller_transaction);
	tcase_add_test(live, test_racing_adjustments);
	tcase_add_test(live, test_racing_no_lost_update);
	suite_add_tcase(s, live);
	return s;
}

CHECK_MAIN(stock_suite)
