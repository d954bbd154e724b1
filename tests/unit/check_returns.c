/*
 * Tests for cgi/lib/returns.c against the test stack's MariaDB: the return
 * window, the request's rules, the vendor's and the admin's decisions (the
 * first decision wins), the customer's escalation, and the receipt that
 * refunds once and restocks once (or not at all when the vendor says so),
 * with a provider that refuses leaving the return waiting for a retry.
 */
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "cache.h"
#include "db.h"
#include "tmpl.h"
#include "returns.h"
#include "order_fixture.h"
#include "race_util.h"

static struct order_fixture fx;
static void
live_setup(void)
{
	order_fixture_live_begin(&fx, "check_returns", "check-returns");
}

static const char *
status_of(long long return_id)
{
	static char s[16];
	struct db_result *r = db_query("SELECT status FROM returns WHERE id = ?", "i", return_id);

	s[0] = '\0';
	if (r && db_next(r))
		snprintf(s, sizeof s, "%s", db_str(r, 0));
	db_free(r);
	return s;
}

START_TEST(test_labels_and_window)
{
	ck_assert_str_eq(returns_status_label("accepted"), "Accepted: send it back");
	ck_assert_str_eq(returns_status_label("nonsense"), "Unknown");
	/* A shop without a return window of its own (none here: no such shop)
	 * has the marketplace's; a shop's own is tested in check_shipping. */
	ck_assert_int_eq(returns_window_days(9000000000000LL), RETURNS_DAYS_DEFAULT);
}
END_TEST

START_TEST(test_request_rules)
{
	static const long long qty[2] = { 2, 1 };
	struct fixture_order o;
	struct returns_line l[2];
	long long id;

	/* not delivered yet; delivered longer ago than the window */
	order_fixture_order(&fx, &o, "shipped", qty, 0, 0, 0);
	l[0] = (struct returns_line){ o.item_id[0], 1 };
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.user_id, l, 1, "Too small", &id), RETURNS_WINDOW);
	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 15 * 86400);
	l[0] = (struct returns_line){ o.item_id[0], 1 };
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.user_id, l, 1, "Too small", &id), RETURNS_WINDOW);
	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 13 * 86400);
	l[0] = (struct returns_line){ o.item_id[0], 3 };
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.user_id, l, 1, "Too small", &id), RETURNS_BAD_ITEMS);
	l[0] = (struct returns_line){ o.item_id[0], 0 };
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.user_id, l, 1, "Too small", &id), RETURNS_BAD_ITEMS);
	l[0] = (struct returns_line){ o.item_id[0], 1 };
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.other_user_id, l, 1, "Mine", &id), RETURNS_NOT_FOUND);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM returns WHERE vendor_order_id = ?", "i",
				   o.vendor_order_id), 0);
	l[1] = (struct returns_line){ o.item_id[1], 1 };
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.user_id, l, 2, "Too small", &id), RETURNS_OK);
	ck_assert_int_gt(id, 0);
	ck_assert_str_eq(status_of(id), "requested");
	ck_assert_int_eq(db_scalar(-1, "SELECT amount_minor FROM returns WHERE id = ?", "i", id), 1000 + 2500);
	/* one open return at a time */
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.user_id, l, 1, "Again", &id), RETURNS_OPEN);
}
END_TEST

/* Requested, accepted by the vendor, received with restock: refunded once,
 * stock back once; a second receipt changes nothing. */
START_TEST(test_accept_receive_refund)
{
	static const long long qty[2] = { 3, 0 };
	struct fixture_order o;
	struct returns_line l;
	struct refund_outcome out;
	long long id, s0;

	order_fixture_order(&fx, &o, "delivered", qty, 300, 0, 86400);	/* paid 2700 for three */
	s0 = order_fixture_stock(&fx, 0);
	l = (struct returns_line){ o.item_id[0], 2 };
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.user_id, &l, 1, "Wrong colour", &id), RETURNS_OK);
	ck_assert_int_eq(returns_accept(id, fx.other_vendor_id, 0, "Post it"), RETURNS_NOT_FOUND);
	ck_assert_int_eq(returns_receive(id, fx.vendor_id, 0, 1, &out), RETURNS_STATE);	/* not accepted */
	ck_assert_int_eq(returns_accept(id, fx.vendor_id, 0, "Post it to 1 Mill Lane"), RETURNS_OK);
	ck_assert_int_eq(returns_accept(id, fx.vendor_id, 0, "Again"), RETURNS_STATE);
	ck_assert_int_eq(returns_refuse(id, fx.vendor_id, 0, "Too late"), RETURNS_STATE);
	ck_assert_int_eq(returns_receive(id, fx.vendor_id, 0, 1, &out), RETURNS_OK);
	ck_assert_str_eq(status_of(id), "refunded");
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1800);	/* 2700 * 2 / 3 */
	ck_assert_int_eq(order_fixture_stock(&fx, 0), s0 + 2);
	ck_assert_int_eq(db_scalar(-1, "SELECT refund_id FROM returns WHERE id = ?", "i", id), out.refund_id);
	ck_assert_int_eq(returns_receive(id, fx.vendor_id, 0, 1, &out), RETURNS_STATE);
	ck_assert_int_eq(returns_pay(id, 0, &out), RETURNS_STATE);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1800);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), s0 + 2);
	ck_assert_int_eq(fixture_provider_calls, 1);
	/* the last unit: its share pays back the rest exactly */
	l = (struct returns_line){ o.item_id[0], 1 };
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.user_id, &l, 1, "And this", &id), RETURNS_OK);
	ck_assert_int_eq(returns_accept(id, fx.vendor_id, 0, "Same address"), RETURNS_OK);
	ck_assert_int_eq(returns_receive(id, fx.vendor_id, 0, 0, &out), RETURNS_OK);	/* not restocked */
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 2700);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), s0 + 2);
	l.quantity = 1;
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.user_id, &l, 1, "More", &id), RETURNS_BAD_ITEMS);
}
END_TEST

/* Refused, escalated, accepted by an admin, received with a provider that
 * refuses (waits, nothing paid back), paid on the retry. */
START_TEST(test_escalation_and_failed_refund)
{
	static const long long qty[2] = { 0, 1 };
	struct fixture_order o;
	struct returns_line l;
	struct refund_outcome out;
	long long id, s1;

	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 3600);
	s1 = order_fixture_stock(&fx, 1);
	l = (struct returns_line){ o.item_id[1], 1 };
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.user_id, &l, 1, "Cracked", &id), RETURNS_OK);
	ck_assert_int_eq(returns_escalate(id, fx.user_id, "Please"), RETURNS_STATE);	/* not refused */
	ck_assert_int_eq(returns_refuse(id, fx.vendor_id, 0, "Used"), RETURNS_OK);
	ck_assert_str_eq(status_of(id), "refused");
	ck_assert_int_eq(returns_escalate(id, fx.other_user_id, "Not mine"), RETURNS_NOT_FOUND);
	ck_assert_int_eq(returns_escalate(id, fx.user_id, "It arrived cracked, photos attached"), RETURNS_OK);
	ck_assert_int_eq(returns_accept(id, fx.vendor_id, 0, "Vendor cannot decide now"), RETURNS_STATE);
	ck_assert_int_eq(returns_accept(id, 0, 1, "Send it to the vendor's address"), RETURNS_OK);
	ck_assert_int_eq(returns_close(id, 1, "Too late"), RETURNS_STATE);
	refund_use_provider(fixture_provider_refuses);
	ck_assert_int_eq(returns_receive(id, 0, 1, 1, &out), RETURNS_REFUND_FAILED);
	ck_assert_str_eq(status_of(id), "received");
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 0);
	ck_assert_int_eq(order_fixture_stock(&fx, 1), s1);
	refund_use_provider(fixture_provider_pays);
	ck_assert_int_eq(returns_pay(id, 1, &out), RETURNS_OK);
	ck_assert_str_eq(status_of(id), "refunded");
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 2500);
	ck_assert_int_eq(order_fixture_stock(&fx, 1), s1 + 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM refunds WHERE return_id = ?", "i", id), 1);
}
END_TEST

START_TEST(test_escalation_closed)
{
	static const long long qty[2] = { 1, 0 };
	struct fixture_order o;
	struct returns_line l;
	long long id;

	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 3600);
	l = (struct returns_line){ o.item_id[0], 1 };
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.user_id, &l, 1, "Meh", &id), RETURNS_OK);
	ck_assert_int_eq(returns_refuse(id, fx.vendor_id, 0, "No reason given"), RETURNS_OK);
	ck_assert_int_eq(returns_escalate(id, fx.user_id, "Unfair"), RETURNS_OK);
	ck_assert_int_eq(returns_close(id, 1, "The policy excludes opened goods"), RETURNS_OK);
	ck_assert_str_eq(status_of(id), "closed");
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM refunds WHERE vendor_order_id = ?", "i",
				   o.vendor_order_id), 0);
}
END_TEST

/* A racer of test_concurrent_receipts: the vendor receives return *arg
 * (odd i) or an admin pays it back (even i); done or done already. */
static int
receipt_racer(int i, void *arg)
{
	long long id = *(long long *)arg;
	struct refund_outcome out;
	int rc = i % 2 ? returns_receive(id, fx.vendor_id, 0, 1, &out) : returns_pay(id, 0, &out);

	return rc == RETURNS_OK || rc == RETURNS_STATE ? 0 : RACE_BROKEN;
}

/* The vendor and an admin receiving the same return at once: one refund. */
START_TEST(test_concurrent_receipts)
{
	static const long long qty[2] = { 2, 0 };
	struct fixture_order o;
	struct returns_line l;
	long long id, s0;

	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 3600);
	s0 = order_fixture_stock(&fx, 0);
	l = (struct returns_line){ o.item_id[0], 2 };
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.user_id, &l, 1, "Both", &id), RETURNS_OK);
	ck_assert_int_eq(returns_accept(id, fx.vendor_id, 0, "Post"), RETURNS_OK);
	ck_assert_int_eq(race_run(4, receipt_racer, &id, NULL), 0);
	ck_assert_str_eq(status_of(id), "refunded");
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 2000);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), s0 + 2);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM refunds WHERE return_id = ?", "i", id), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT refund_id FROM returns WHERE id = ?", "i", id),
			 db_scalar(-1, "SELECT id FROM refunds WHERE return_id = ?", "i", id));
}
END_TEST

static Suite *
returns_suite(void)
{
	Suite *s = suite_create("returns");
	TCase *pure = tcase_create("pure");
	TCase *live = tcase_create("live");

	tcase_add_test(pure, test_labels_and_window);
	suite_add_tcase(s, pure);
	tcase_add_checked_fixture(live, live_setup, order_fixture_live_end);
	tcase_set_timeout(live, 60);
	tcase_add_test(live, test_request_rules);
	tcase_add_test(live, test_accept_receive_refund);
	tcase_add_test(live, test_escalation_and_failed_refund);
	tcase_add_test(live, test_escalation_closed);
	tcase_add_test(live, test_concurrent_receipts);
	suite_add_tcase(s, live);
	return s;
}

CHECK_MAIN(returns_suite)
