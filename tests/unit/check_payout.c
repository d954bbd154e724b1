/*
 * Tests for cgi/lib/payout.c against the test stack's database: a payout
 * asks for the whole available balance, never more, also when many
 * requests race from their own connections; sent writes the ledger's
 * 'payout' entry once; cancelled gives the money back; the schedule makes
 * one payout per vendor and period above its minimum. Orders are fixtures
 * (tests/order_fixture.h).
 */
#include "check_util.h"
#include "db.h"
#include "earnings.h"
#include "ledger.h"
#include "payout.h"

#include "../order_fixture.h"
#include "../race_util.h"

#include <stdlib.h>
#include <unistd.h>

static void
setup(void)
{
	CHECK_DB_CONNECT("check_payout");
	setenv("BAZAAR_ENV", "test", 1);
	unsetenv("BAZAAR_CLOCK_OFFSET");
	unsetenv("BAZAAR_RETURN_DAYS");
}

static void
teardown(void)
{
	unsetenv("BAZAAR_CLOCK_OFFSET");
	payout_schedule_save("off", 0, 0);
	db_close();
}

/* A vendor with amount (after commission) available now: a paid order
 * delivered 15 days ago. */
static long long
check_payout_vendor_with(long long price)
{
	long long v = of_vendor(), vo = of_simple(v, price, 1, NULL);

	ck_assert_int_eq(earnings_on_paid(of_order_of(vo)), 0);
	of_delivered(vo, clock_now() - 15 * 86400);
	return v;
}

START_TEST(test_request_send_cancel)
{
	long long v = of_vendor(), vo, id, again, amount = -1, vendor = 0;
	struct earnings_balance b;

	/* Nothing yet. */
	ck_assert_int_eq(payout_request(v, 0, NULL, 1, &amount), PAYOUT_NOTHING);
	ck_assert_int_eq(amount, 0);
	/* Paid but not delivered: held, nothing to pay out. */
	vo = of_simple(v, 10000, 1, NULL);
	ck_assert_int_eq(earnings_on_paid(of_order_of(vo)), 0);
	ck_assert_int_eq(payout_request(v, 0, NULL, 1, NULL), PAYOUT_NOTHING);
	of_delivered(vo, clock_now() - 15 * 86400);

	id = payout_request(v, 0, NULL, 1, &amount);
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(amount, 9000);
	ck_assert_int_eq(earnings_balance(v, 0, &b), 0);
	ck_assert_int_eq(b.requested, 9000);
	ck_assert_int_eq(b.available, 0);
	ck_assert_int_eq(payout_request(v, 0, NULL, 1, NULL), PAYOUT_NOTHING);

	/* Sent: the ledger's entry, once. */
	ck_assert_int_eq(payout_mark_sent(id, 0, "TR-1", &vendor, &amount), 1);
	ck_assert_int_eq(vendor, v);
	ck_assert_int_eq(amount, 9000);
	ck_assert_int_eq(payout_mark_sent(id, 0, "TR-1", NULL, NULL), 0);
	ck_assert_int_eq(payout_cancel(id, 0, "too late"), 0);
	ck_assert_int_eq(of_sum(v, "payout"), -9000);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_ledger WHERE vendor_id = ? AND reference = CONCAT('payout:', ?)",
				   "ii", v, id), 1);
	ck_assert_int_eq(earnings_balance(v, 0, &b), 0);
	ck_assert_int_eq(b.balance, 0);
	ck_assert_int_eq(b.available, 0);

	/* Cancelled: available again, and no ledger entry. */
	ck_assert_int_gt(ledger_append(v, "credit", 2500, "test:goodwill", NULL, 0), 0);
	again = payout_request(v, 0, NULL, 1, &amount);
	ck_assert_int_gt(again, 0);
	ck_assert_int_eq(amount, 2500);
	ck_assert_int_eq(payout_cancel(again, 0, "Bank details to be checked"), 1);
	ck_assert_int_eq(payout_mark_sent(again, 0, "", NULL, NULL), 0);
	ck_assert_int_eq(earnings_balance(v, 0, &b), 0);
	ck_assert_int_eq(b.available, 2500);
	ck_assert_int_eq(of_sum(v, "payout"), -9000);
	/* Below the minimum: nothing. */
	ck_assert_int_eq(payout_request(v, 0, NULL, 3000, &amount), PAYOUT_NOTHING);
	ck_assert_int_eq(amount, 2500);
}
END_TEST

START_TEST(test_not_verified)
{
	long long v = of_vendor_status("blocked");

	ck_assert_int_gt(ledger_append(v, "credit", 2500, "test:credit", NULL, 0), 0);
	ck_assert_int_eq(payout_request(v, 0, NULL, 1, NULL), PAYOUT_NOT_VERIFIED);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM payouts WHERE vendor_id = ?", "i", v), 0);
}
END_TEST

/* A racer of test_concurrent_requests: vendor *arg asks for its payout;
 * 0 made, 1 nothing left to pay. */
static int
request_racer(int i, void *arg)
{
	long long rc = payout_request(*(long long *)arg, 0, NULL, 1, NULL);

	(void)i;
	return rc > 0 ? 0 : rc == PAYOUT_NOTHING ? 1 : RACE_BROKEN;
}

/* Eight requests of one vendor at once, each from its own connection,
 * released together: one payout of the whole available balance. */
START_TEST(test_concurrent_requests)
{
	enum { N = 8 };
	long long v = check_payout_vendor_with(12345), available;
	struct earnings_balance b;
	int outcome[N];

	ck_assert_int_eq(earnings_balance(v, 0, &b), 0);
	available = b.available;
	ck_assert_int_gt(available, 0);
	race_run(N, request_racer, &v, outcome);
	ck_assert_int_eq(race_count(outcome, N, 0), 1);
	ck_assert_int_eq(race_count(outcome, N, 1), N - 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT SUM(amount_minor) FROM payouts WHERE vendor_id = ?", "i", v), available);
}
END_TEST

START_TEST(test_schedule_period)
{
	struct payout_schedule s = { .frequency = "weekly" };
	char period[16];
	time_t monday = 1796601600;	/* 2026-12-07 00:00:00 UTC, a Monday */

	ck_assert_int_eq(payout_schedule_period(&s, monday, period, sizeof period), 0);
	ck_assert_str_eq(period, "week:2026-W50");
	ck_assert_int_eq(payout_schedule_period(&s, monday - 1, period, sizeof period), 0);
	ck_assert_str_eq(period, "week:2026-W49");
	snprintf(s.frequency, sizeof s.frequency, "monthly");
	ck_assert_int_eq(payout_schedule_period(&s, monday, period, sizeof period), 0);
	ck_assert_str_eq(period, "month:2026-12");
	snprintf(s.frequency, sizeof s.frequency, "off");
	ck_assert_int_eq(payout_schedule_period(&s, monday, period, sizeof period), 1);
	ck_assert_str_eq(period, "");
}
END_TEST

START_TEST(test_schedule_pass)
{
	long long rich = check_payout_vendor_with(50000), poor = check_payout_vendor_with(1000);
	struct payout_schedule s;
	struct payout_pass p;

	/* Off: nothing. */
	ck_assert_int_eq(payout_schedule_save("off", 0, 0), 0);
	ck_assert_int_eq(payout_schedule_pass(&p, NULL), 0);
	ck_assert_str_eq(p.period, "");
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM payouts WHERE vendor_id IN (?, ?)", "ii", rich, poor), 0);

	/* Weekly with a minimum of 20.00: the rich vendor only, once a week. */
	ck_assert_int_eq(payout_schedule_save("weekly", 2000, 0), 0);
	ck_assert_int_eq(payout_schedule_save("yearly", 2000, 0), -1);
	ck_assert_int_eq(payout_schedule_load(&s), 0);
	ck_assert_str_eq(s.frequency, "weekly");
	ck_assert_int_eq(s.minimum_minor, 2000);
	ck_assert_int_eq(payout_schedule_pass(&p, NULL), 0);
	ck_assert(strncmp(p.period, "week:", 5) == 0);
	ck_assert_int_ge(p.created, 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM payouts WHERE vendor_id = ? AND source = 'schedule'"
				   " AND period = ? AND amount_minor = 48000", "is", rich, p.period), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM payouts WHERE vendor_id = ?", "i", poor), 0);
	ck_assert_int_eq(payout_schedule_pass(&p, NULL), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM payouts WHERE vendor_id = ?", "i", rich), 1);
	/* A week later, with more money in: the next week's payout. */
	ck_assert_int_gt(ledger_append(rich, "credit", 5000, "test:more", NULL, 0), 0);
	setenv("BAZAAR_CLOCK_OFFSET", "604800", 1);
	ck_assert_int_eq(payout_schedule_pass(&p, NULL), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM payouts WHERE vendor_id = ? AND period = ?"
				   " AND amount_minor = 5000", "is", rich, p.period), 1);
}
END_TEST

static Suite *
payout_suite(void)
{
	Suite *s = suite_create("payout");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_schedule_period);
	suite_add_tcase(s, tc);
	tc = tcase_create("db");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_request_send_cancel);
	tcase_add_test(tc, test_not_verified);
	tcase_add_test(tc, test_concurrent_requests);
	tcase_add_test(tc, test_schedule_pass);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(payout_suite)
