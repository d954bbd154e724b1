/*
 * Tests for cgi/lib/refund.c against the test stack's MariaDB: refunds in
 * full and in part, a provider that refuses (nothing changes, a retry makes
 * it), stock back exactly once, cancellations before shipping, and many
 * processes refunding one vendor order at once never paying back more than
 * was paid. Orders are made by tests/order_fixture.h.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_util.h"
#include "cache.h"
#include "db.h"
#include "tmpl.h"
#include "earnings.h"
#include "refund.h"
#include "order_fixture.h"

static struct order_fixture fx;
static void
live_setup(void)
{
	order_fixture_live_begin(&fx, "check_refund", "check-refund");
}

static long long
item(long long id, const char *col)
{
	if (strcmp(col, "refunded_qty") == 0)
		return db_scalar(-1, "SELECT refunded_qty FROM order_items WHERE id = ?", "i", id);
	return db_scalar(-1, "SELECT restocked_qty FROM order_items WHERE id = ?", "i", id);
}

static long long
return_rows(long long product_id)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM stock_adjustments WHERE product_id = ? AND reason = 'return'",
			 "i", product_id);
}

START_TEST(test_units_amount_adds_up)
{
	long long paid, q, r, sum;

	for (paid = 1; paid < 2000; paid += 37)
		for (q = 1; q <= 7; q++) {
			/* one unit at a time, and all at once, both pay back exactly paid */
			for (sum = 0, r = 0; r < q; r++)
				sum += refund_units_amount(paid, q, r, 1);
			ck_assert_int_eq(sum, paid);
			ck_assert_int_eq(refund_units_amount(paid, q, 0, q), paid);
		}
	ck_assert_int_eq(refund_units_amount(1000, 3, 0, 1), 333);
	ck_assert_int_eq(refund_units_amount(1000, 3, 2, 1), 334);
	ck_assert_int_eq(refund_units_amount(1000, 3, 2, 2), 0);	/* more than bought */
	ck_assert_int_eq(refund_units_amount(1000, 0, 0, 1), 0);
}
END_TEST

/* A part refund with one unit back in stock, then the rest: the vendor
 * order is 'refunded', the stock came back once, the provider was asked
 * twice with the refunds' keys. */
START_TEST(test_part_then_full)
{
	static const long long qty[2] = { 2, 1 };
	struct fixture_order o;
	struct refund_outcome out;
	struct refund_line line;
	struct refund_request r = { 0 };
	long long stock0;

	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 3600);
	stock0 = order_fixture_stock(&fx, 0);
	line = (struct refund_line){ .order_item_id = o.item_id[0], .quantity = 1, .restock = 1 };
	r.vendor_order_id = o.vendor_order_id;
	r.amount_minor = 1000;
	r.lines = &line;
	r.nlines = 1;
	r.reason = "One mug broken";
	r.user_id = fx.user_id;
	ck_assert_int_eq(refund_issue(&r, &out), REFUND_OK);
	ck_assert_str_eq(out.status, "succeeded");
	ck_assert_int_gt(out.refund_id, 0);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1000);
	ck_assert_int_eq(order_fixture_vo(&o, "order"), 1000);
	ck_assert_int_eq(item(o.item_id[0], "refunded_qty"), 1);
	ck_assert_int_eq(item(o.item_id[0], "restocked_qty"), 1);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock0 + 1);
	ck_assert_int_eq(return_rows(fx.product_id[0]), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND status = 'delivered'",
				   "i", o.vendor_order_id), 1);
	/* the rest: 2000 + 2500 + 500 - 1000 */
	r.amount_minor = 5000 - 1000;
	r.nlines = 0;
	r.reason = "Everything else";
	ck_assert_int_eq(refund_issue(&r, &out), REFUND_OK);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 5000);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND status = 'refunded'",
				   "i", o.vendor_order_id), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM order_history WHERE vendor_order_id = ?"
				   " AND to_status = 'refunded'", "i", o.vendor_order_id), 1);
	ck_assert_int_eq(fixture_provider_calls, 2);
	/* nothing is left */
	r.amount_minor = 1;
	ck_assert_int_eq(refund_issue(&r, &out), REFUND_TOO_MUCH);
	ck_assert_int_eq(out.refund_id, 0);
	ck_assert_int_eq(fixture_provider_calls, 2);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock0 + 1);
}
END_TEST

/* The same key twice (a form sent twice) refunds once. */
START_TEST(test_key_refunds_once)
{
	static const long long qty[2] = { 1, 0 };
	struct fixture_order o;
	struct refund_outcome out;
	struct refund_request r = { 0 };
	long long first;

	order_fixture_order(&fx, &o, "processing", qty, 0, 0, 0);
	r.vendor_order_id = o.vendor_order_id;
	r.amount_minor = 300;
	r.key = fx.prefix;	/* unique per run */
	ck_assert_int_eq(refund_issue(&r, &out), REFUND_OK);
	first = out.refund_id;
	ck_assert_int_eq(refund_issue(&r, &out), REFUND_OK);
	ck_assert_int_eq(out.refund_id, first);
	ck_assert_int_eq(out.again, 1);
	ck_assert_str_eq(out.status, "succeeded");
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 300);
	ck_assert_int_eq(fixture_provider_calls, 1);
}
END_TEST

/* A provider that refuses: the refund is 'failed' with its reason and
 * nothing else changed; a retry with a provider that pays makes it once. */
START_TEST(test_failed_changes_nothing)
{
	static const long long qty[2] = { 3, 0 };
	struct fixture_order o;
	struct refund_outcome out;
	struct refund_line line;
	struct refund_request r = { 0 };
	long long stock0, history0;

	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 60);
	stock0 = order_fixture_stock(&fx, 0);
	history0 = return_rows(fx.product_id[0]);
	refund_use_provider(fixture_provider_refuses);
	line = (struct refund_line){ .order_item_id = o.item_id[0], .quantity = 2, .restock = 2 };
	r.vendor_order_id = o.vendor_order_id;
	r.amount_minor = 2000;
	r.lines = &line;
	r.nlines = 1;
	ck_assert_int_eq(refund_issue(&r, &out), REFUND_FAILED);
	ck_assert_str_eq(out.status, "failed");
	ck_assert_str_eq(out.failure, "Card account closed");
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 0);
	ck_assert_int_eq(order_fixture_vo(&o, "order"), 0);
	ck_assert_int_eq(item(o.item_id[0], "refunded_qty"), 0);
	ck_assert_int_eq(item(o.item_id[0], "restocked_qty"), 0);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock0);
	ck_assert_int_eq(return_rows(fx.product_id[0]), history0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM refunds WHERE id = ? AND status = 'failed'"
				   " AND failure = 'Card account closed'", "i", out.refund_id), 1);
	/* the retry, refused again, still changes nothing */
	ck_assert_int_eq(refund_retry(out.refund_id, fx.user_id, &out), REFUND_FAILED);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 0);
	refund_use_provider(fixture_provider_pays);
	ck_assert_int_eq(refund_retry(out.refund_id, fx.user_id, &out), REFUND_OK);
	ck_assert_str_eq(out.status, "succeeded");
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 2000);
	ck_assert_int_eq(item(o.item_id[0], "refunded_qty"), 2);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock0 + 2);
	ck_assert_int_eq(return_rows(fx.product_id[0]), history0 + 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT attempts FROM refunds WHERE id = ?", "i", out.refund_id), 3);
	/* a made refund is not retried */
	ck_assert_int_eq(refund_retry(out.refund_id, fx.user_id, &out), REFUND_STATE);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 2000);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock0 + 2);
}
END_TEST

START_TEST(test_refusals)
{
	static const long long qty[2] = { 1, 0 };
	struct fixture_order o;
	struct refund_outcome out;
	struct refund_line line;
	struct refund_request r = { 0 };

	order_fixture_order(&fx, &o, "awaiting_payment", qty, 0, 0, 0);
	r.vendor_order_id = o.vendor_order_id;
	r.amount_minor = 100;
	ck_assert_int_eq(refund_issue(&r, &out), REFUND_NOT_PAID);
	order_fixture_order(&fx, &o, "processing", qty, 0, 0, 0);
	r.vendor_order_id = o.vendor_order_id;
	r.amount_minor = 1501;	/* 1000 + 500 is all */
	ck_assert_int_eq(refund_issue(&r, &out), REFUND_TOO_MUCH);
	r.amount_minor = 100;
	line = (struct refund_line){ .order_item_id = o.item_id[0], .quantity = 2 };	/* one was bought */
	r.lines = &line;
	r.nlines = 1;
	ck_assert_int_eq(refund_issue(&r, &out), REFUND_BAD_ITEMS);
	line.order_item_id = o.item_id[0] + 100000;	/* not of this order */
	line.quantity = 1;
	ck_assert_int_eq(refund_issue(&r, &out), REFUND_BAD_ITEMS);
	r.vendor_order_id = o.vendor_order_id + 100000;
	r.nlines = 0;
	ck_assert_int_eq(refund_issue(&r, &out), REFUND_NOT_FOUND);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 0);
	ck_assert_int_eq(fixture_provider_calls, 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM refunds WHERE vendor_order_id = ?", "i",
				   o.vendor_order_id), 0);
}
END_TEST

/* A bank transfer is paid back by hand: 'manual', nobody asked. */
START_TEST(test_bank_transfer_is_manual)
{
	static const long long qty[2] = { 1, 0 };
	struct fixture_order o;
	struct refund_outcome out;
	struct refund_request r = { 0 };

	order_fixture_order(&fx, &o, "processing", qty, 0, 1, 0);
	r.vendor_order_id = o.vendor_order_id;
	r.amount_minor = 700;
	ck_assert_int_eq(refund_issue(&r, &out), REFUND_OK);
	ck_assert_str_eq(out.status, "manual");
	ck_assert_int_eq(fixture_provider_calls, 0);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 700);
}
END_TEST

/* Cancelling an unpaid vendor order: its stock comes back, the order is
 * cancelled; a second cancellation changes nothing. */
START_TEST(test_cancel_unpaid)
{
	static const long long qty[2] = { 2, 1 };
	struct fixture_order o;
	struct refund_outcome out;
	long long s0, s1;

	order_fixture_order(&fx, &o, "awaiting_payment", qty, 0, 0, 0);
	s0 = order_fixture_stock(&fx, 0);
	s1 = order_fixture_stock(&fx, 1);
	ck_assert_int_eq(refund_cancel(o.vendor_order_id, REFUND_BY_CUSTOMER, fx.user_id, "", &out), REFUND_OK);
	ck_assert_int_eq(out.refund_id, 0);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), s0 + 2);
	ck_assert_int_eq(order_fixture_stock(&fx, 1), s1 + 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM orders WHERE id = ? AND status = 'cancelled'", "i",
				   o.order_id), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND status = 'cancelled'"
				   " AND cancelled_by = 'customer'", "i", o.vendor_order_id), 1);
	ck_assert_int_eq(refund_cancel(o.vendor_order_id, REFUND_BY_VENDOR, fx.user_id, "x", &out), REFUND_STATE);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), s0 + 2);
	ck_assert_int_eq(order_fixture_stock(&fx, 1), s1 + 1);
}
END_TEST

/* Cancelling a paid one refunds all of it; a shipped one cannot be. */
START_TEST(test_cancel_paid_refunds)
{
	static const long long qty[2] = { 1, 2 };
	struct fixture_order o;
	struct refund_outcome out;
	long long s1;

	order_fixture_order(&fx, &o, "processing", qty, 100, 0, 0);
	s1 = order_fixture_stock(&fx, 1);
	ck_assert_int_eq(refund_cancel(o.vendor_order_id, REFUND_BY_VENDOR, 0, "Out of teapots", &out), REFUND_OK);
	ck_assert_int_gt(out.refund_id, 0);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1000 + 5000 + 500 - 100);
	ck_assert_int_eq(order_fixture_stock(&fx, 1), s1 + 2);
	ck_assert_int_eq(item(o.item_id[1], "refunded_qty"), 2);
	ck_assert_int_eq(item(o.item_id[1], "restocked_qty"), 2);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND status = 'cancelled'"
				   " AND cancel_reason = 'Out of teapots'", "i", o.vendor_order_id), 1);
	order_fixture_order(&fx, &o, "shipped", qty, 0, 0, 0);
	ck_assert_int_eq(refund_cancel(o.vendor_order_id, REFUND_BY_CUSTOMER, fx.user_id, "", &out), REFUND_STATE);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 0);
}
END_TEST

/* A cancellation whose refund the provider refuses: cancelled, stock back,
 * the refund failed and waiting; the retry makes it. */
START_TEST(test_cancel_refund_refused)
{
	static const long long qty[2] = { 1, 0 };
	struct fixture_order o;
	struct refund_outcome out;
	long long s0;

	order_fixture_order(&fx, &o, "processing", qty, 0, 0, 0);
	s0 = order_fixture_stock(&fx, 0);
	refund_use_provider(fixture_provider_refuses);
	ck_assert_int_eq(refund_cancel(o.vendor_order_id, REFUND_BY_CUSTOMER, fx.user_id, "", &out), REFUND_FAILED);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), s0 + 1);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 0);
	refund_use_provider(fixture_provider_pays);
	ck_assert_int_eq(refund_retry(out.refund_id, 0, &out), REFUND_OK);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1500);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), s0 + 1);
	ck_assert_int_eq(item(o.item_id[0], "restocked_qty"), 1);
}
END_TEST

/* The vendor's ledger: the sale and the commission booked on payment come
 * back once, in proportion, through a failed refund (nothing booked), a
 * part refund and the cancellation's refund of the rest. */
START_TEST(test_ledger_reversed_once)
{
	static const long long qty[2] = { 3, 0 };	/* 3000 + 500 shipping */
	struct fixture_order o;
	struct refund_outcome out;
	struct refund_request r = { 0 };
	long long failed;

	order_fixture_order(&fx, &o, "processing", qty, 0, 0, 0);
	ck_assert_int_eq(db_exec("UPDATE vendor_orders SET commission_minor = 300 WHERE id = ?", "i",
				 o.vendor_order_id), 1);
	ck_assert_int_eq(earnings_on_paid(o.order_id), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT SUM(amount_minor) FROM vendor_ledger WHERE vendor_id = ?", "i",
				   fx.vendor_id), 3500 - 300);
	refund_use_provider(fixture_provider_refuses);
	r.vendor_order_id = o.vendor_order_id;
	r.amount_minor = 1000;
	ck_assert_int_eq(refund_issue(&r, &out), REFUND_FAILED);
	failed = out.refund_id;
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_ledger WHERE vendor_id = ?", "i", fx.vendor_id), 2);
	refund_use_provider(fixture_provider_pays);
	ck_assert_int_eq(refund_retry(failed, 0, &out), REFUND_OK);
	ck_assert_int_eq(refund_cancel(o.vendor_order_id, REFUND_BY_CUSTOMER, fx.user_id, "", &out), REFUND_OK);
	ck_assert_int_eq(refund_retry(failed, 0, &out), REFUND_STATE);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 3500);
	/* all of the sale and the commission reversed, each refund booked once */
	ck_assert_int_eq(db_scalar(-1, "SELECT SUM(amount_minor) FROM vendor_ledger WHERE vendor_id = ?", "i",
				   fx.vendor_id), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_ledger WHERE vendor_id = ? AND kind = 'refund'",
				   "i", fx.vendor_id), 2);
	ck_assert_int_eq(earnings_on_refund(failed), 0);	/* asked again: booked before */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_ledger WHERE vendor_id = ?", "i", fx.vendor_id), 6);
}
END_TEST

/*
 * Many processes at once, each trying part refunds of one vendor order (and
 * a customer and its vendor cancelling another at the same time): never
 * more than the total is paid back, the refunds made add up to
 * refunded_minor, and the cancelled one's stock came back once.
 */
#define RACERS 8
#define TRIES 4
START_TEST(test_concurrent_part_refunds)
{
	static const long long qty[2] = { 2, 2 };	/* total 2000 + 5000 + 500 = 7500 */
	struct fixture_order o, c;
	pid_t kids[RACERS];
	int i, status, made = 0;
	long long s0;

	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 60);
	order_fixture_order(&fx, &c, "processing", qty, 0, 0, 0);
	s0 = order_fixture_stock(&fx, 0);
	db_close();
	cache_close();
	for (i = 0; i < RACERS; i++) {
		ck_assert_int_ge(kids[i] = fork(), 0);
		if (kids[i] == 0) {
			struct refund_request r = { .vendor_order_id = o.vendor_order_id, .amount_minor = 1000,
						    .reason = "race" };
			struct refund_outcome out;
			int n = 0, t, rc;

			if (db_connect() != 0)
				_exit(100);
			cache_init();
			if (i < 2 && refund_cancel(c.vendor_order_id, i ? REFUND_BY_VENDOR : REFUND_BY_CUSTOMER,
						   0, "race", &out) == -1)
				_exit(102);
			for (t = 0; t < TRIES; t++) {
				rc = refund_issue(&r, &out);
				if (rc == REFUND_OK)
					n++;
				else if (rc != REFUND_TOO_MUCH)
					_exit(101);
			}
			_exit(n);
		}
	}
	for (i = 0; i < RACERS; i++) {
		ck_assert_int_eq(waitpid(kids[i], &status, 0), kids[i]);
		ck_assert(WIFEXITED(status));
		ck_assert_int_lt(WEXITSTATUS(status), 100);
		made += WEXITSTATUS(status);
	}
	ck_assert_int_eq(db_connect(), 0);
	cache_init();
	ck_assert_int_eq(made, 7);	/* 7 x 1000 of 7500 */
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 7000);
	ck_assert_int_eq(db_scalar(-1, "SELECT SUM(amount_minor) FROM refunds WHERE vendor_order_id = ?"
				   " AND status = 'succeeded'", "i", o.vendor_order_id), 7000);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM refunds WHERE vendor_order_id = ?", "i",
				   o.vendor_order_id), 7);
	/* the cancelled one: once, its stock back once, paid back in full once */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM order_history WHERE vendor_order_id = ?"
				   " AND to_status = 'cancelled'", "i", c.vendor_order_id), 1);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), s0 + 2);
	ck_assert_int_eq(order_fixture_vo(&c, "refunded_minor"), 7500);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM refunds WHERE vendor_order_id = ?", "i",
				   c.vendor_order_id), 1);
}
END_TEST

static Suite *
refund_suite(void)
{
	Suite *s = suite_create("refund");
	TCase *pure = tcase_create("pure");
	TCase *live = tcase_create("live");

	tcase_add_test(pure, test_units_amount_adds_up);
	suite_add_tcase(s, pure);
	tcase_add_checked_fixture(live, live_setup, order_fixture_live_end);
	tcase_set_timeout(live, 60);
	tcase_add_test(live, test_part_then_full);
	tcase_add_test(live, test_key_refunds_once);
	tcase_add_test(live, test_failed_changes_nothing);
	tcase_add_test(live, test_refusals);
	tcase_add_test(live, test_bank_transfer_is_manual);
	tcase_add_test(live, test_cancel_unpaid);
	tcase_add_test(live, test_cancel_paid_refunds);
	tcase_add_test(live, test_cancel_refund_refused);
	tcase_add_test(live, test_ledger_reversed_once);
	tcase_add_test(live, test_concurrent_part_refunds);
	suite_add_tcase(s, live);
	return s;
}

CHECK_MAIN(refund_suite)
