/*
 * Tests for cgi/lib/earnings.c against the test stack's database: a paid
 * order books each vendor's sale and commission once (the commission by the
 * plan with its minimum and maximum; sales and the marketplace's part add up
 * to what the customer paid), refunds reverse both in proportion and partial
 * refunds add up to the whole, and money is held until the return window
 * after delivery has passed by the shop's clock and while a return is open. Orders are fixtures
 * (tests/order_fixture.h).
 */
#include "check_util.h"
#include "db.h"
#include "earnings.h"
#include "ledger.h"

#include "../order_fixture.h"
#include "../race_util.h"

#include <stdlib.h>
#include <unistd.h>

static void
setup(void)
{
	CHECK_DB_CONNECT("check_earnings");
	setenv("BAZAAR_ENV", "test", 1);
	unsetenv("BAZAAR_CLOCK_OFFSET");
	unsetenv("BAZAAR_RETURN_DAYS");
}

static void
teardown(void)
{
	unsetenv("BAZAAR_CLOCK_OFFSET");
	db_close();
}

START_TEST(test_share)
{
	ck_assert_int_eq(earnings_share(1000, 1, 3), 333);
	ck_assert_int_eq(earnings_share(1000, 2, 3), 667);
	ck_assert_int_eq(earnings_share(1000, 3, 3), 1000);
	ck_assert_int_eq(earnings_share(1, 1, 2), 1);	/* half rounds up */
	ck_assert_int_eq(earnings_share(3, 1, 4), 1);
	ck_assert_int_eq(earnings_share(0, 1, 4), 0);
	ck_assert_int_eq(earnings_share(500, 0, 4), 0);
	ck_assert_int_eq(earnings_share(500, 9, 4), 500);
	/* No overflow on large amounts. */
	ck_assert_int_eq(earnings_share(4000000000000000000LL, 3000000000000000000LL,
					 4000000000000000000LL), 3000000000000000000LL);
}
END_TEST

START_TEST(test_paid_books_sale_and_commission)
{
	long long a = of_vendor(), b = of_vendor(), order, entries;
	struct of_part parts[2] = {
		/* 3.00 x2: 10% is 0.30, raised to the minimum 0.50; 19.99: 2.00. */
		{ .vendor_id = a, .price = { 300, 1999 }, .qty = { 2, 1 }, .shipping = 495 },
		/* 500.00: 10% is 50.00, lowered to the maximum 20.00; a coupon of
		 * 10.00 of which the vendor bears 4.00. */
		{ .vendor_id = b, .price = { 50000 }, .qty = { 1 }, .discount = 1000, .vendor_discount = 400 },
	};
	long long total;

	order = of_order(parts, 2, "paid");
	ck_assert_int_eq(parts[0].commission, 2 * 50 + 200);
	ck_assert_int_eq(parts[1].commission, 2000);
	ck_assert_int_eq(earnings_on_paid(order), 0);

	ck_assert_int_eq(of_sum(a, "sale"), 600 + 1999 + 495);
	ck_assert_int_eq(of_sum(a, "commission"), -300);
	ck_assert_int_eq(of_sum(b, "sale"), 50000 - 400);
	ck_assert_int_eq(of_sum(b, "commission"), -2000);
	/* What the customer paid is the vendors' sales less the marketplace's
	 * part of the discount, to the cent. */
	total = db_scalar(-1, "SELECT total_minor FROM orders WHERE id = ?", "i", order);
	ck_assert_int_eq(of_sum(a, "sale") + of_sum(b, "sale") - (1000 - 400), total);
	/* Each entry names its vendor order and the reference vo:<id>. */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_ledger WHERE vendor_id = ?"
				   " AND vendor_order_id = ? AND reference = CONCAT('vo:', ?)", "iii", a,
				   parts[0].vendor_order_id, parts[0].vendor_order_id), 2);

	/* Once: the payment step running again writes nothing. */
	entries = db_scalar(-1, "SELECT COUNT(*) FROM vendor_ledger WHERE vendor_id IN (?, ?)", "ii", a, b);
	ck_assert_int_eq(earnings_on_paid(order), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_ledger WHERE vendor_id IN (?, ?)", "ii", a, b),
			 entries);
	ck_assert_int_eq(of_sum(a, NULL), 600 + 1999 + 495 - 300);
}
END_TEST

START_TEST(test_unpaid_order_books_nothing)
{
	long long a = of_vendor(), order;
	struct of_part p = { .vendor_id = a, .price = { 1000 }, .qty = { 1 } };

	order = of_order(&p, 1, "awaiting_payment");
	ck_assert_int_eq(earnings_on_paid(order), 1);
	ck_assert_int_eq(earnings_on_paid(999999999999LL), 1);
	ck_assert_int_eq(of_sum(a, NULL), 0);
}
END_TEST

START_TEST(test_in_callers_transaction)
{
	long long a = of_vendor(), order;
	struct of_part p = { .vendor_id = a, .price = { 1000 }, .qty = { 1 } };

	order = of_order(&p, 1, "paid");
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(earnings_on_paid(order), 0);
	ck_assert_int_eq(db_rollback(), 0);
	ck_assert_int_eq(of_sum(a, NULL), 0);	/* rolled back with the caller */
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(earnings_on_paid(order), 0);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_eq(of_sum(a, NULL), 1000 - 100);
}
END_TEST

START_TEST(test_refund_in_full)
{
	long long a = of_vendor(), vo, rf;
	struct of_part p;

	vo = of_simple(a, 1999, 3, &p);	/* 59.97, commission 3 x 2.00 */
	ck_assert_int_eq(earnings_on_paid(of_order_of(vo)), 0);
	rf = of_refund(vo, p.total, "succeeded");
	ck_assert_int_eq(earnings_on_refund(rf), 0);
	ck_assert_int_eq(of_sum(a, "refund"), -5997);
	ck_assert_int_eq(of_sum(a, "commission"), 0);
	ck_assert_int_eq(of_sum(a, NULL), 0);
	/* Once. */
	ck_assert_int_eq(earnings_on_refund(rf), 0);
	ck_assert_int_eq(of_sum(a, NULL), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_ledger WHERE vendor_id = ?", "i", a), 4);
}
END_TEST

START_TEST(test_refund_not_money_back)
{
	long long a = of_vendor(), vo, pending, failed, unpaid;
	struct of_part p = { .vendor_id = a, .price = { 1000 }, .qty = { 1 } };

	vo = of_simple(a, 1000, 1, NULL);
	ck_assert_int_eq(earnings_on_paid(of_order_of(vo)), 0);
	pending = of_refund(vo, 300, "pending");
	failed = of_refund(vo, 300, "failed");
	ck_assert_int_eq(earnings_on_refund(pending), 1);
	ck_assert_int_eq(earnings_on_refund(failed), 1);
	ck_assert_int_eq(earnings_on_refund(999999999999LL), 1);
	ck_assert_int_eq(of_sum(a, NULL), 900);
	/* A vendor order whose sale was never booked has nothing to reverse. */
	of_order(&p, 1, "paid");
	unpaid = of_refund(p.vendor_order_id, 500, "manual");
	ck_assert_int_eq(earnings_on_refund(unpaid), 1);
	ck_assert_int_eq(of_sum(a, NULL), 900);
}
END_TEST

/* Partial refunds of many shapes: each share within a cent of its exact
 * proportion, and together exactly the whole sale and commission. */
START_TEST(test_partial_refunds_sum_to_the_whole)
{
	long long a = of_vendor(), expected_balance = 0;
	unsigned seed = 20261206;

	for (int round = 0; round < 12; round++) {
		struct of_part p = {
			.vendor_id = a, .price = { 1 + (long long)(rand_r(&seed) % 20000), 1 + (long long)(rand_r(&seed) % 999) },
			.qty = { 1 + rand_r(&seed) % 3, 1 + rand_r(&seed) % 5 }, .shipping = rand_r(&seed) % 700,
		};
		long long order, left, sale, commission, before_sale, before_commission;

		p.discount = rand_r(&seed) % 2 ? (long long)(rand_r(&seed) % 300) : 0;
		if (p.discount > p.price[0])
			p.discount = p.price[0];
		p.vendor_discount = p.discount / 2;
		order = of_order(&p, 1, "paid");
		ck_assert_int_eq(earnings_on_paid(order), 0);
		sale = p.items + p.shipping - p.vendor_discount;
		commission = p.commission;
		left = p.total;
		for (int k = 0; left > 0; k++) {
			long long amount = k == 4 ? left : 1 + (long long)(rand_r(&seed) % (unsigned)left), rf;
			long long got_sale, got_commission, refunded;

			before_sale = of_sum(a, "refund");
			before_commission = of_sum(a, "commission");
			rf = of_refund(p.vendor_order_id, amount, "succeeded");
			ck_assert_int_eq(earnings_on_refund(rf), 0);
			got_sale = before_sale - of_sum(a, "refund");
			got_commission = of_sum(a, "commission") - before_commission;
			/* Within a cent of the exact share. */
			ck_assert_int_le(llabs(got_sale * p.total - sale * amount), p.total);
			ck_assert_int_le(llabs(got_commission * p.total - commission * amount), p.total);
			left -= amount;
			refunded = p.total - left;
			ck_assert_int_eq(db_scalar(-1, "SELECT SUM(sale_minor) FROM earnings_refunds"
						   " WHERE vendor_order_id = ?", "i", p.vendor_order_id),
					 earnings_share(sale, refunded, p.total));
		}
		/* Refunded in full: the vendor order's entries add up to nothing. */
		ck_assert_int_eq(db_scalar(-1, "SELECT SUM(amount_minor) FROM vendor_ledger WHERE vendor_order_id = ?",
					   "i", p.vendor_order_id), 0);
		ck_assert_int_eq(db_scalar(-1, "SELECT SUM(sale_minor) FROM earnings_refunds WHERE vendor_order_id = ?",
					   "i", p.vendor_order_id), sale);
		ck_assert_int_eq(db_scalar(-1, "SELECT SUM(commission_minor) FROM earnings_refunds"
					   " WHERE vendor_order_id = ?", "i", p.vendor_order_id), commission);
	}
	ck_assert_int_eq(of_sum(a, NULL), expected_balance);
}
END_TEST

/* A racer of test_concurrent_refunds: books refund arg[i]. */
static int
refund_racer(int i, void *arg)
{
	return earnings_on_refund(((const long long *)arg)[i]) == 0 ? 0 : RACE_BROKEN;
}

/* Two partial refunds booked from two connections at once: the shares
 * still add up to the whole. */
START_TEST(test_concurrent_refunds)
{
	long long a = of_vendor(), vo, rf[2];
	struct of_part p;

	vo = of_simple(a, 1001, 1, &p);
	ck_assert_int_eq(earnings_on_paid(of_order_of(vo)), 0);
	rf[0] = of_refund(vo, 500, "succeeded");
	rf[1] = of_refund(vo, 501, "succeeded");
	ck_assert_int_eq(race_run(2, refund_racer, rf, NULL), 0);
	ck_assert_int_eq(of_sum(a, "refund"), -1001);
	ck_assert_int_eq(of_sum(a, NULL), 0);
}
END_TEST

/* Money is held until the return window after delivery has passed. */
START_TEST(test_available_after_return_window)
{
	long long a = of_vendor(), vo, vo2;
	struct earnings_balance b;
	time_t now = clock_now();

	vo = of_simple(a, 10000, 1, NULL);	/* 100.00, commission 10.00 */
	ck_assert_int_eq(earnings_on_paid(of_order_of(vo)), 0);
	ck_assert_int_eq(earnings_balance(a, 0, &b), 0);
	ck_assert_int_eq(b.balance, 9000);
	ck_assert_int_eq(b.held, 9000);
	ck_assert_int_eq(b.available, 0);

	/* Delivered now: held for 14 days (the default window). */
	of_delivered(vo, now);
	ck_assert_int_eq(earnings_balance(a, 0, &b), 0);
	ck_assert_int_eq(b.available, 0);
	setenv("BAZAAR_CLOCK_OFFSET", "1206000", 1);	/* 13 days 23 hours 40 minutes on */
	ck_assert_int_eq(earnings_balance(a, 1, &b), 0);
	ck_assert_int_eq(b.available, 0);
	setenv("BAZAAR_CLOCK_OFFSET", "1209660", 1);	/* 14 days and a minute on */
	ck_assert_int_eq(earnings_balance(a, 0, &b), 0);
	ck_assert_int_eq(b.held, 0);
	ck_assert_int_eq(b.available, 9000);
	/* A return asked for holds the money again until it is closed. */
	ck_assert_int_eq(db_exec("INSERT INTO returns (order_id, vendor_order_id, reason, amount_minor, requested_at)"
				 " SELECT order_id, id, 'Too small', 1000, UTC_TIMESTAMP() FROM vendor_orders WHERE id = ?",
				 "i", vo), 1);
	ck_assert_int_eq(earnings_balance(a, 0, &b), 0);
	ck_assert_int_eq(b.available, 0);
	ck_assert_int_eq(db_exec("UPDATE returns SET status = 'closed' WHERE vendor_order_id = ?", "i", vo), 1);
	ck_assert_int_eq(earnings_balance(a, 0, &b), 0);
	ck_assert_int_eq(b.available, 9000);
	/* A shorter window set for the shop counts at once. */
	unsetenv("BAZAAR_CLOCK_OFFSET");
	setenv("BAZAAR_RETURN_DAYS", "0", 1);
	ck_assert_int_eq(earnings_balance(a, 0, &b), 0);
	ck_assert_int_eq(b.available, 9000);
	unsetenv("BAZAAR_RETURN_DAYS");

	/* A fee is taken from the available money at once; a second order not
	 * yet delivered is held. */
	ck_assert_int_gt(ledger_append(a, "plan_fee", -1500, "plan:fixture", NULL, 0), 0);
	vo2 = of_simple(a, 2000, 1, NULL);
	ck_assert_int_eq(earnings_on_paid(of_order_of(vo2)), 0);
	setenv("BAZAAR_CLOCK_OFFSET", "1209660", 1);
	ck_assert_int_eq(earnings_balance(a, 0, &b), 0);
	ck_assert_int_eq(b.balance, 9000 - 1500 + 1800);
	ck_assert_int_eq(b.held, 1800);
	ck_assert_int_eq(b.available, 7500);
	/* Refunded in full, the second order is settled (and nets nothing). */
	ck_assert_int_eq(earnings_on_refund(of_refund(vo2, 2000, "succeeded")), 0);
	ck_assert_int_eq(db_exec("UPDATE vendor_orders SET status = 'refunded' WHERE id = ?", "i", vo2), 1);
	ck_assert_int_eq(earnings_balance(a, 0, &b), 0);
	ck_assert_int_eq(b.held, 0);
	ck_assert_int_eq(b.available, 7500);
}
END_TEST

static Suite *
earnings_suite(void)
{
	Suite *s = suite_create("earnings");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_share);
	suite_add_tcase(s, tc);
	tc = tcase_create("db");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_paid_books_sale_and_commission);
	tcase_add_test(tc, test_unpaid_order_books_nothing);
	tcase_add_test(tc, test_in_callers_transaction);
	tcase_add_test(tc, test_refund_in_full);
	tcase_add_test(tc, test_refund_not_money_back);
	tcase_add_test(tc, test_partial_refunds_sum_to_the_whole);
	tcase_add_test(tc, test_concurrent_refunds);
	tcase_add_test(tc, test_available_after_return_window);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(earnings_suite)
