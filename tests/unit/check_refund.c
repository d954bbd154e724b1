/*
 * Tests for cgi/lib/refund.c against the test stack's MariaDB: refunds in
 * full and in part, a provider that refuses (nothing changes, a retry makes
 * it), stock back exactly once, cancellations before shipping, and many
 * processes refunding one vendor order at once never paying back more than
 * was paid. Orders are made by tests/order_fixture.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_util.h"
#include "cache.h"
#include "db.h"
#include "tmpl.h"
#include "earnings.h"
#include "refund.h"
#include "order_fixture.h"
#include "race_util.h"

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

/* The history of a vendor order paid back in full names who asked for the
 * refund: the shop, an admin, or the system (no person). */
START_TEST(test_history_names_who_asked)
{
	static const long long qty[2] = { 2, 0 };	/* 2000 + 500 */
	static const enum refund_actor by[3] = { REFUND_BY_VENDOR, REFUND_BY_ADMIN, REFUND_BY_SYSTEM };
	static const char *const role[3] = { "vendor", "admin", "system" };
	struct fixture_order o;
	struct refund_outcome out;
	int i;

	for (i = 0; i < 3; i++) {
		struct refund_request r = { .amount_minor = 2500, .reason = "All of it", .by = by[i] };
		struct db_result *q;

		order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 3600);
		r.vendor_order_id = o.vendor_order_id;
		r.user_id = by[i] == REFUND_BY_SYSTEM ? 0 : fx.user_id;
		ck_assert_int_eq(refund_issue(&r, &out), REFUND_OK);
		ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM refunds WHERE id = ? AND created_role = ?", "is",
					   out.refund_id, role[i]), 1);
		q = db_query("SELECT actor_role, IFNULL(actor_id, 0) FROM order_history WHERE vendor_order_id = ?"
			     " AND to_status = 'refunded'", "i", o.vendor_order_id);
		ck_assert(q != NULL && db_next(q));
		ck_assert_str_eq(db_str(q, 0), role[i]);
		ck_assert_int_eq(db_int(q, 1), r.user_id);
		ck_assert(!db_next(q));
		db_free(q);
	}
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
/* The orders of test_concurrent_part_refunds: part refunds of the first,
 * cancellations of the second. */
struct part_refunds_race {
	struct fixture_order o, c;
};

/* A racer: the first two cancel c, one as its customer and one as its
 * vendor, then every racer tries TRIES part refunds of o; the refunds it
 * made. */
static int
part_refunds_racer(int i, void *arg)
{
	const struct part_refunds_race *p = arg;
	struct refund_request r = { .vendor_order_id = p->o.vendor_order_id, .amount_minor = 1000,
				    .reason = "race" };
	struct refund_outcome out;
	int n = 0, t, rc;

	if (i < 2 && refund_cancel(p->c.vendor_order_id, i ? REFUND_BY_VENDOR : REFUND_BY_CUSTOMER, 0, "race",
				   &out) == -1)
		return RACE_BROKEN;
	for (t = 0; t < TRIES; t++) {
		rc = refund_issue(&r, &out);
		if (rc == REFUND_OK)
			n++;
		else if (rc != REFUND_TOO_MUCH)
			return RACE_BROKEN;
	}
	return n;
}

START_TEST(test_concurrent_part_refunds)
{
	static const long long qty[2] = { 2, 2 };	/* total 2000 + 5000 + 500 = 7500 */
	struct part_refunds_race race;
	struct fixture_order o, c;
	long long s0;

	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 60);
	order_fixture_order(&fx, &c, "processing", qty, 0, 0, 0);
	s0 = order_fixture_stock(&fx, 0);
	race = (struct part_refunds_race){ o, c };
	ck_assert_int_eq(race_run(RACERS, part_refunds_racer, &race, NULL), 7);	/* 7 x 1000 of 7500 */
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

/* ---- stuck refunds --------------------------------------------------------------------- */

/* The keys the provider was asked with, one a line, by every process: a
 * provider that pays and one that makes the refund and then dies with its
 * process before the answer is recorded (the crash between steps 2 and 3). */
static char settle_log[64];

static void
settle_log_key(const char *key)
{
	FILE *f = fopen(settle_log, "a");

	ck_assert_ptr_nonnull(f);
	fprintf(f, "%s\n", key);
	fclose(f);
}

static int
settle_provider_pays(long long payment_id, long long amount_minor, const char *key, char *ref, size_t ref_size,
		     char *failure, size_t failure_size)
{
	settle_log_key(key);
	return fixture_provider_pays(payment_id, amount_minor, key, ref, ref_size, failure, failure_size);
}

static int
settle_provider_dies(long long payment_id, long long amount_minor, const char *key, char *ref, size_t ref_size,
		     char *failure, size_t failure_size)
{
	(void)payment_id;
	(void)amount_minor;
	(void)ref;
	(void)ref_size;
	(void)failure;
	(void)failure_size;
	settle_log_key(key);
	_exit(0);
}

static long
settle_log_lines(const char *key)
{
	char line[128];
	long n = 0;
	FILE *f = fopen(settle_log, "r");

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (key == NULL || strcmp(line, key) == 0)
			n++;
	}
	fclose(f);
	return n;
}

/* Refunds `amount` of the vendor order in a child process that dies while
 * the provider makes it: the refund is left 'pending'. Its id. */
static long long
settle_crash(long long vendor_order_id, long long amount, long long item_id, long long restock)
{
	struct refund_line line = { item_id, 0, restock };
	int status;
	pid_t kid;

	db_close();
	cache_close();
	ck_assert_int_ge(kid = fork(), 0);
	if (kid == 0) {
		struct refund_request r = { .vendor_order_id = vendor_order_id, .amount_minor = amount,
					    .reason = "crash", .lines = &line, .nlines = restock > 0 };
		struct refund_outcome out;

		if (db_connect() != 0)
			_exit(100);
		refund_use_provider(settle_provider_dies);
		refund_issue(&r, &out);
		_exit(101);	/* the provider did not die */
	}
	ck_assert_int_eq(waitpid(kid, &status, 0), kid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert_int_eq(db_connect(), 0);
	cache_init();
	return db_scalar(-1, "SELECT MAX(id) FROM refunds WHERE vendor_order_id = ?", "i", vendor_order_id);
}

/* A refund's status, or "" when there is none. */
static const char *
settle_status(long long id)
{
	static char status[16];
	struct db_result *q = db_query("SELECT status FROM refunds WHERE id = ?", "i", id);

	ck_assert_ptr_nonnull(q);
	snprintf(status, sizeof status, "%s", db_next(q) ? db_str(q, 0) : "");
	db_free(q);
	return status;
}

/* Moves the shop's clock past the time a refund may wait for its answer. */
static void
settle_clock_on(int on)
{
	char v[32];

	snprintf(v, sizeof v, "%lld", refund_stuck_after() + 60);
	if (on)
		setenv("BAZAAR_CLOCK_OFFSET", v, 1);
	else
		unsetenv("BAZAAR_CLOCK_OFFSET");
}

static void
settle_setup(void)
{
	live_setup();
	snprintf(settle_log, sizeof settle_log, "/tmp/check_refund_settle.%ld", (long)getpid());
	unlink(settle_log);
	refund_use_provider(settle_provider_pays);
}

static void
settle_teardown(void)
{
	settle_clock_on(0);
	unlink(settle_log);
	order_fixture_live_end();
}

static long long
settle_ledger_rows(long long refund_id)
{
	char ref[32];

	snprintf(ref, sizeof ref, "rf:%lld", refund_id);
	return db_scalar(-1, "SELECT COUNT(*) FROM vendor_ledger WHERE reference = ?", "s", ref);
}

/*
 * A process dies while the provider makes the refund: it stays 'pending'
 * with the amount raised and nothing else done. Not stuck yet, settling
 * leaves it; once stuck, settling asks the provider with the same key (the
 * refund it made is reported, not made again), puts the unit back in stock,
 * reverses the ledger and mails once; settling again changes nothing.
 */
START_TEST(test_settle_after_crash)
{
	static const long long qty[2] = { 2, 0 };	/* 2000 + 500 */
	struct fixture_order o;
	struct refund_outcome out;
	char key[REFUND_KEY_MAX + 8], ref[REFUND_KEY_MAX + 16];
	long long id, stock, rows, mails;

	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 60);
	ck_assert_int_eq(db_exec("UPDATE vendor_orders SET commission_minor = 250 WHERE id = ?", "i",
				 o.vendor_order_id), 1);
	ck_assert_int_eq(earnings_on_paid(o.order_id), 0);
	stock = order_fixture_stock(&fx, 0);
	rows = return_rows(fx.product_id[0]);
	id = settle_crash(o.vendor_order_id, 1000, o.item_id[0], 1);
	ck_assert_int_gt(id, 0);
	ck_assert_str_eq(settle_status(id), "pending");
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1000);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock);
	ck_assert_int_eq(settle_ledger_rows(id), 0);
	ck_assert_int_eq(settle_log_lines(NULL), 1);
	mails = db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE template = 'order_refunded'", "");

	/* a moment later it may still be answered: left alone */
	ck_assert_int_eq(refund_settle(id, &out), REFUND_STATE);
	ck_assert_str_eq(out.status, "pending");
	ck_assert_int_eq(settle_log_lines(NULL), 1);

	settle_clock_on(1);
	ck_assert_int_eq(refund_settle(id, &out), REFUND_OK);
	ck_assert_str_eq(out.status, "succeeded");
	{
		struct db_result *q = db_query("SELECT idempotency_key FROM refunds WHERE id = ?", "i", id);

		ck_assert_ptr_nonnull(q);
		ck_assert(db_next(q));
		snprintf(key, sizeof key, "%s.1", db_str(q, 0));
		db_free(q);
	}
	ck_assert_int_eq(settle_log_lines(key), 2);	/* the crashed call's key, asked again */
	snprintf(ref, sizeof ref, "re_%s", key);
	ck_assert_str_eq(out.provider_ref, ref);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1000);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock + 1);
	ck_assert_int_eq(return_rows(fx.product_id[0]), rows + 1);
	ck_assert_int_eq(item(o.item_id[0], "restocked_qty"), 1);
	ck_assert_int_eq(settle_ledger_rows(id), 2);	/* the sale's share back, the commission's */

	/* settled: again, and by the job's next pass, nothing */
	ck_assert_int_eq(refund_settle(id, &out), REFUND_STATE);
	ck_assert_str_eq(out.status, "succeeded");
	ck_assert_int_eq(settle_log_lines(NULL), 2);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock + 1);
	ck_assert_int_eq(settle_ledger_rows(id), 2);
	ck_assert_int_le(db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE template = 'order_refunded'", ""),
			 mails + 1);
	ck_assert_int_eq(refund_settle(id + 1000000, &out), REFUND_NOT_FOUND);
}
END_TEST

/* A refund the provider refuses when it is settled: 'failed', the amount
 * given back, nothing else; one paid back by hand asks nobody. */
START_TEST(test_settle_refused_and_manual)
{
	static const long long qty[2] = { 2, 0 };
	struct fixture_order o;
	struct refund_outcome out;
	long long refused, manual;

	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 60);
	refused = settle_crash(o.vendor_order_id, 700, 0, 0);
	manual = settle_crash(o.vendor_order_id, 300, 0, 0);
	/* as a refund by hand keeps it: no payment to ask */
	ck_assert_int_eq(db_exec("UPDATE refunds SET payment_id = NULL WHERE id = ?", "i", manual), 1);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1000);
	settle_clock_on(1);
	refund_use_provider(fixture_provider_refuses);
	fixture_provider_calls = 0;
	ck_assert_int_eq(refund_settle(refused, &out), REFUND_FAILED);
	ck_assert_str_eq(out.status, "failed");
	ck_assert_str_eq(out.failure, "Card account closed");
	ck_assert_int_eq(refund_settle(manual, &out), REFUND_OK);
	ck_assert_str_eq(out.status, "manual");
	ck_assert_int_eq(fixture_provider_calls, 1);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 300);
	ck_assert_int_eq(order_fixture_vo(&o, "order_refunded_minor"), 300);
	refund_use_provider(settle_provider_pays);
	ck_assert_int_eq(refund_retry(refused, 0, &out), REFUND_OK);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1000);
}
END_TEST

/*
 * Two settlers at once (two copies of the job) over the same stuck refunds,
 * in opposite orders: each refund is settled once, its provider asked once
 * more with its key, its stock and ledger effects once.
 */
#define SETTLE_REFUNDS 3
/* A settler of the refunds arg (SETTLE_REFUNDS of them), the first in
 * their order, the second backwards; the refunds it settled. */
static int
settle_racer(int k, void *arg)
{
	const long long *ids = arg;
	struct refund_outcome out;
	int n = 0, j, rc;

	for (j = 0; j < SETTLE_REFUNDS; j++) {
		rc = refund_settle(ids[k ? SETTLE_REFUNDS - 1 - j : j], &out);
		if (rc == REFUND_OK)
			n++;
		else if (rc != REFUND_STATE)
			return RACE_BROKEN;
	}
	return n;
}

START_TEST(test_settle_concurrently)
{
	static const long long qty[2] = { 2, 0 };
	struct fixture_order o[SETTLE_REFUNDS];
	long long ids[SETTLE_REFUNDS], stock;
	int i;

	stock = order_fixture_stock(&fx, 0);
	for (i = 0; i < SETTLE_REFUNDS; i++) {
		order_fixture_order(&fx, &o[i], "delivered", qty, 0, 0, 60);
		ck_assert_int_eq(db_exec("UPDATE vendor_orders SET commission_minor = 250 WHERE id = ?", "i",
					 o[i].vendor_order_id), 1);
		ck_assert_int_eq(earnings_on_paid(o[i].order_id), 0);
		ids[i] = settle_crash(o[i].vendor_order_id, 2500, o[i].item_id[0], 2);
	}
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock - 2 * SETTLE_REFUNDS);
	ck_assert_int_eq(settle_log_lines(NULL), SETTLE_REFUNDS);
	settle_clock_on(1);
	ck_assert_int_eq(race_run(2, settle_racer, ids, NULL), SETTLE_REFUNDS);
	ck_assert_int_eq(settle_log_lines(NULL), 2 * SETTLE_REFUNDS);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock);
	for (i = 0; i < SETTLE_REFUNDS; i++) {
		ck_assert_str_eq(settle_status(ids[i]), "succeeded");
		ck_assert_int_eq(order_fixture_vo(&o[i], "refunded_minor"), 2500);
		ck_assert_int_eq(item(o[i].item_id[0], "restocked_qty"), 2);
		ck_assert_int_eq(settle_ledger_rows(ids[i]), 2);
		ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM order_history WHERE vendor_order_id = ?"
					   " AND to_status = 'refunded'", "i", o[i].vendor_order_id), 1);
	}
}
END_TEST

/* ---- refunds the provider did not answer ------------------------------------------------- */

/* Moves the shop's clock on by `times` waits of a stuck refund (0: back). */
static void
unanswered_clock(int times)
{
	char v[32];

	snprintf(v, sizeof v, "%lld", (long long)times * (refund_stuck_after() + 60));
	if (times > 0)
		setenv("BAZAAR_CLOCK_OFFSET", v, 1);
	else
		unsetenv("BAZAAR_CLOCK_OFFSET");
}

static long long
unanswered_mails(void)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE template = 'order_refunded'", "");
}

/*
 * The provider does not answer (unreachable, a timeout, a 5xx): it may have
 * made the refund, so the refund stays 'pending' with its amount held (a
 * second refund cannot take it) and nothing else done: no 'failed', no retry
 * with a new key. The settle job asks again with the same key, and records
 * the answer once.
 */
START_TEST(test_unanswered_stays_pending)
{
	static const long long qty[2] = { 2, 0 };	/* 2000 + 500 */
	struct refund_line line;
	struct refund_request r = { 0 };
	struct refund_outcome out;
	struct fixture_order o;
	char key[64], attempt_key[80];
	long long stock, mails, id;

	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 60);
	ck_assert_int_eq(db_exec("UPDATE vendor_orders SET commission_minor = 250 WHERE id = ?", "i",
				 o.vendor_order_id), 1);
	ck_assert_int_eq(earnings_on_paid(o.order_id), 0);
	stock = order_fixture_stock(&fx, 0);
	mails = unanswered_mails();
	snprintf(key, sizeof key, "check-unanswered-%ld-%lld", (long)getpid(), o.vendor_order_id);
	snprintf(attempt_key, sizeof attempt_key, "%s.1", key);
	line = (struct refund_line){ o.item_id[0], 1, 1 };
	r.vendor_order_id = o.vendor_order_id;
	r.amount_minor = 1000;
	r.lines = &line;
	r.nlines = 1;
	r.reason = "Broken";
	r.key = key;
	r.by = REFUND_BY_ADMIN;
	r.user_id = fx.user_id;
	refund_use_provider(fixture_provider_silent);
	fixture_provider_calls = 0;
	ck_assert_int_eq(refund_issue(&r, &out), REFUND_PENDING);
	ck_assert_str_eq(out.status, "pending");
	ck_assert_int_eq(out.again, 0);
	id = out.refund_id;
	ck_assert_int_gt(id, 0);
	ck_assert_str_eq(settle_status(id), "pending");
	ck_assert_int_eq(db_scalar(-1, "SELECT failure IS NOT NULL AND attempts = 1 FROM refunds WHERE id = ?", "i",
				   id), 1);
	/* held: counted in what is paid back, so nothing can pay it twice */
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1000);
	ck_assert_int_eq(order_fixture_vo(&o, "order_refunded_minor"), 1000);
	ck_assert_int_eq(item(o.item_id[0], "refunded_qty"), 1);
	/* and nothing else done yet */
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock);
	ck_assert_int_eq(settle_ledger_rows(id), 0);
	ck_assert_int_eq(unanswered_mails(), mails);

	/* Not a failure: no retry with another key, and the form sent again
	 * asks nobody. */
	ck_assert_int_eq(refund_retry(id, fx.user_id, &out), REFUND_STATE);
	ck_assert_int_eq(refund_issue(&r, &out), REFUND_PENDING);
	ck_assert_int_eq(out.again, 1);
	ck_assert_int_eq(out.refund_id, id);
	ck_assert_int_eq(fixture_provider_calls, 1);
	/* the rest of the order is all another refund can take */
	{
		struct refund_request more = { .vendor_order_id = o.vendor_order_id, .amount_minor = 1501,
					       .reason = "More", .by = REFUND_BY_ADMIN };

		ck_assert_int_eq(refund_issue(&more, &out), REFUND_TOO_MUCH);
	}

	/* Not stuck yet: left alone. Stuck, and still no answer: still pending. */
	ck_assert_int_eq(refund_settle(id, &out), REFUND_STATE);
	unanswered_clock(1);
	ck_assert_int_eq(refund_settle(id, &out), REFUND_PENDING);
	ck_assert_str_eq(settle_status(id), "pending");
	ck_assert_int_eq(fixture_provider_calls, 2);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1000);

	/* The provider answers at last: asked with the first attempt's key,
	 * made once, its effects once. */
	unanswered_clock(2);
	refund_use_provider(settle_provider_pays);
	ck_assert_int_eq(refund_settle(id, &out), REFUND_OK);
	ck_assert_str_eq(out.status, "succeeded");
	ck_assert_int_eq(settle_log_lines(attempt_key), 1);
	ck_assert_int_eq(settle_log_lines(NULL), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT failure IS NULL AND attempts = 1 FROM refunds WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1000);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock + 1);
	ck_assert_int_eq(settle_ledger_rows(id), 2);
	ck_assert_int_eq(unanswered_mails(), mails + 1);
	ck_assert_int_eq(refund_settle(id, &out), REFUND_STATE);
}
END_TEST

/* The fixture order's payment made known to the sandbox provider (the test
 * stack's sandbox program), succeeded, its description carrying the
 * sandbox's test switches ("[refund answer lost]"...). Its ref. */
static const char *
unanswered_sandbox_payment(const struct fixture_order *o, long long amount, const char *description)
{
	static char ref[80];
	struct db_result *q = db_query("SELECT provider_ref FROM payments WHERE id = ?", "i", o->payment_id);

	ck_assert(q != NULL && db_next(q));
	snprintf(ref, sizeof ref, "%s", db_str(q, 0));
	db_free(q);
	ck_assert_int_eq(db_exec("INSERT INTO sandbox_payments (ref, method, amount_minor, currency, description,"
				 " return_url, cancel_url, status) VALUES (?, 'card', ?, 'EUR', ?, '/', '/', 'succeeded')",
				 "sis", ref, amount, description), 1);
	return ref;
}

static long long
unanswered_sandbox_refunds(const char *ref)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM sandbox_refunds sr JOIN sandbox_payments sp ON sp.id = sr.payment_id"
			 " WHERE sp.ref = ?", "s", ref);
}

/* A TCP port that accepts connections and never answers (the kernel's
 * backlog): a provider that times out. Its socket (closed by the caller). */
static int
unanswered_black_hole(int *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	ck_assert_int_ge(fd, 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	ck_assert_int_eq(listen(fd, 8), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	*port = ntohs(a.sin_port);
	return fd;
}

/*
 * Against the sandbox provider itself: unreachable (connection refused), a
 * timeout, a 503 before anything was made: each leaves the refund pending,
 * and the settle job, once the provider is back, makes it once.
 */
START_TEST(test_unanswered_sandbox_unreachable)
{
	static const long long qty[2] = { 2, 0 };
	struct refund_request r = { 0 };
	struct refund_outcome out;
	struct fixture_order o;
	char url[512], hole[64];
	const char *ref;
	long long ids[3];
	int fd, port, i;

	ck_assert_msg(getenv("BAZAAR_SANDBOX_URL") != NULL, "needs the test stack (BAZAAR_SANDBOX_URL)");
	snprintf(url, sizeof url, "%s", getenv("BAZAAR_SANDBOX_URL"));
	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 60);
	ref = unanswered_sandbox_payment(&o, 2500, "check_refund [refund unavailable]");
	refund_use_provider(NULL);	/* the payment module's: the sandbox over HTTP */
	r.vendor_order_id = o.vendor_order_id;
	r.amount_minor = 500;
	r.reason = "No answer";
	r.by = REFUND_BY_ADMIN;
	for (i = 0; i < 3; i++) {
		if (i == 0) {
			setenv("BAZAAR_SANDBOX_URL", "http://127.0.0.1:1/sandbox", 1);	/* refused */
		} else if (i == 1) {
			fd = unanswered_black_hole(&port);
			snprintf(hole, sizeof hole, "http://127.0.0.1:%d/sandbox", port);
			setenv("BAZAAR_SANDBOX_URL", hole, 1);
			setenv("BAZAAR_SANDBOX_TIMEOUT", "1", 1);
		} else {
			setenv("BAZAAR_SANDBOX_URL", url, 1);	/* reached: 503 */
		}
		ck_assert_int_eq(refund_issue(&r, &out), REFUND_PENDING);
		ids[i] = out.refund_id;
		if (i == 1) {
			close(fd);
			unsetenv("BAZAAR_SANDBOX_TIMEOUT");
		}
		ck_assert_str_eq(settle_status(ids[i]), "pending");
	}
	setenv("BAZAAR_SANDBOX_URL", url, 1);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1500);
	ck_assert_int_eq(unanswered_sandbox_refunds(ref), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM refunds WHERE vendor_order_id = ? AND status = 'failed'",
				   "i", o.vendor_order_id), 0);

	/* The provider is back: each settled once, made once at the provider. */
	ck_assert_int_eq(db_exec("UPDATE sandbox_payments SET description = 'check_refund' WHERE ref = ?", "s", ref),
			 1);
	unanswered_clock(1);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(refund_settle(ids[i], &out), REFUND_OK);
		ck_assert_str_eq(out.status, "succeeded");
		ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM refunds f JOIN sandbox_refunds sr"
					   " ON sr.ref = f.provider_ref WHERE f.id = ?", "i", ids[i]), 1);
	}
	ck_assert_int_eq(unanswered_sandbox_refunds(ref), 3);
	ck_assert_int_eq(db_scalar(-1, "SELECT refunded_minor FROM sandbox_payments WHERE ref = ?", "s", ref), 1500);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1500);
}
END_TEST

/*
 * The sandbox makes the refund and its answer is lost (a 503 after the
 * refund was made: the case where a new key would pay twice). Four requests
 * of the same form at once, then four settlers at once: one refund at the
 * provider, recorded once with the provider's reference, its stock, ledger
 * and mail once.
 */
#define UNANSWERED_RACERS 4
/* What the racers of test_unanswered_answer_lost_race share: the order
 * and the form's idempotency key. */
struct unanswered_race {
	const struct fixture_order *o;
	const char *key;
};

/* A racer asking for the refund through the real provider: told that it
 * is being confirmed (0). */
static int
unanswered_issue_racer(int i, void *arg)
{
	const struct unanswered_race *u = arg;
	struct refund_line line = { u->o->item_id[0], 1, 1 };
	struct refund_request r = { .vendor_order_id = u->o->vendor_order_id, .amount_minor = 1000,
				    .lines = &line, .nlines = 1, .reason = "Lost answer", .key = u->key,
				    .by = REFUND_BY_ADMIN };
	struct refund_outcome out;

	(void)i;
	refund_use_provider(NULL);
	return refund_issue(&r, &out) == REFUND_PENDING ? 0 : RACE_BROKEN;
}

/* A racer settling it: 1 it made the refund, 0 another one did. */
static int
unanswered_settle_racer(int i, void *arg)
{
	const struct unanswered_race *u = arg;
	struct refund_outcome out;
	int rc;

	(void)i;
	refund_use_provider(NULL);
	rc = refund_settle(db_scalar(-1, "SELECT id FROM refunds WHERE idempotency_key = ?", "s", u->key), &out);
	return rc == REFUND_OK ? 1 : rc == REFUND_STATE ? 0 : RACE_BROKEN;
}

START_TEST(test_unanswered_answer_lost_race)
{
	static const long long qty[2] = { 2, 0 };
	struct fixture_order o;
	struct unanswered_race race = { &o, NULL };
	char key[64];
	const char *ref;
	long long stock, mails, id;

	ck_assert_msg(getenv("BAZAAR_SANDBOX_URL") != NULL, "needs the test stack (BAZAAR_SANDBOX_URL)");
	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 60);
	ck_assert_int_eq(db_exec("UPDATE vendor_orders SET commission_minor = 250 WHERE id = ?", "i",
				 o.vendor_order_id), 1);
	ck_assert_int_eq(earnings_on_paid(o.order_id), 0);
	ref = unanswered_sandbox_payment(&o, 2500, "check_refund [refund answer lost]");
	snprintf(key, sizeof key, "check-lost-%ld-%lld", (long)getpid(), o.vendor_order_id);
	stock = order_fixture_stock(&fx, 0);
	mails = unanswered_mails();
	race.key = key;
	ck_assert_int_eq(race_run(UNANSWERED_RACERS, unanswered_issue_racer, &race, NULL), 0);
	/* all four told it is being confirmed; the provider made it once */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM refunds WHERE idempotency_key = ?"
				   " AND status = 'pending'", "s", key), 1);
	ck_assert_int_eq(unanswered_sandbox_refunds(ref), 1);
	unanswered_clock(1);
	ck_assert_int_eq(race_run(UNANSWERED_RACERS, unanswered_settle_racer, &race, NULL), 1);
	id = db_scalar(-1, "SELECT id FROM refunds WHERE idempotency_key = ?", "s", key);
	ck_assert_str_eq(settle_status(id), "succeeded");
	ck_assert_int_eq(unanswered_sandbox_refunds(ref), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM refunds f JOIN sandbox_refunds sr ON sr.ref = f.provider_ref"
				   " WHERE f.id = ? AND sr.idempotency_key = CONCAT(f.idempotency_key, '.1')", "i", id), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT refunded_minor FROM sandbox_payments WHERE ref = ?", "s", ref), 1000);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1000);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock + 1);
	ck_assert_int_eq(settle_ledger_rows(id), 2);
	ck_assert_int_le(unanswered_mails(), mails + 1);
	ck_assert_int_ge(unanswered_mails(), mails + 1);
}
END_TEST

static Suite *
refund_suite(void)
{
	Suite *s = suite_create("refund");
	TCase *pure = tcase_create("pure");
	TCase *live = tcase_create("live");
	TCase *settle, *unanswered;

	tcase_add_test(pure, test_units_amount_adds_up);
	suite_add_tcase(s, pure);
	tcase_add_checked_fixture(live, live_setup, order_fixture_live_end);
	tcase_set_timeout(live, 60);
	tcase_add_test(live, test_part_then_full);
	tcase_add_test(live, test_history_names_who_asked);
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
	settle = tcase_create("settle");
	tcase_add_checked_fixture(settle, settle_setup, settle_teardown);
	tcase_set_timeout(settle, 60);
	tcase_add_test(settle, test_settle_after_crash);
	tcase_add_test(settle, test_settle_refused_and_manual);
	tcase_add_test(settle, test_settle_concurrently);
	suite_add_tcase(s, settle);
	unanswered = tcase_create("unanswered");
	tcase_add_checked_fixture(unanswered, settle_setup, settle_teardown);
	tcase_set_timeout(unanswered, 60);
	tcase_add_test(unanswered, test_unanswered_stays_pending);
	tcase_add_test(unanswered, test_unanswered_sandbox_unreachable);
	tcase_add_test(unanswered, test_unanswered_answer_lost_race);
	suite_add_tcase(s, unanswered);
	return s;
}

CHECK_MAIN(refund_suite)
