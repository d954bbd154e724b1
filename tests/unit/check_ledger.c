/*
 * Tests for cgi/lib/ledger.c against the test stack's database: entries are
 * appended and summed, written once per (vendor, kind, reference), refused
 * with the wrong sign, never updated or deleted (the triggers), and a debit
 * that must be covered is refused when short, also when two of them race
 * from two connections. Each test makes vendors of its own (the ledger's
 * rows cannot be deleted, so they are left behind with their vendors).
 */
#include "check_util.h"
#include "clock.h"
#include "db.h"
#include "ledger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static long long check_ledger_plan;

static void
setup(void)
{
	CHECK_DB_CONNECT("check_ledger");
	check_ledger_plan = db_scalar(0, "SELECT id FROM plans WHERE name = 'check-ledger-plan'", "");
	if (check_ledger_plan <= 0) {
		ck_assert_int_eq(db_exec("INSERT INTO plans (name, commission_bp, listing_limit,"
					 " monthly_fee_minor) VALUES ('check-ledger-plan', 1000, NULL, 0)",
					 ""), 1);
		check_ledger_plan = (long long)db_insert_id();
	}
}

static void
teardown(void)
{
	db_close();
}

/* A new vendor with an empty ledger. */
static long long
check_ledger_vendor(void)
{
	char slug[64];
	unsigned char rnd[6];
	FILE *f = fopen("/dev/urandom", "rb");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fread(rnd, 1, sizeof rnd, f), sizeof rnd);
	fclose(f);
	snprintf(slug, sizeof slug, "check-ledger-%02x%02x%02x%02x%02x%02x", rnd[0], rnd[1], rnd[2],
		 rnd[3], rnd[4], rnd[5]);
	ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description,"
				 " status, plan_id) VALUES (?, 'Check Ledger', 'Check Ledger Ltd', '',"
				 " 'pending', ?)", "si", slug, check_ledger_plan), 1);
	return (long long)db_insert_id();
}

static long long
check_ledger_balance(long long vendor)
{
	long long balance = 12345;

	ck_assert_int_eq(ledger_balance(vendor, &balance), 0);
	return balance;
}

START_TEST(test_kinds_and_signs)
{
	ck_assert(ledger_kind_valid("plan_fee"));
	ck_assert(ledger_kind_valid("payout"));
	ck_assert(!ledger_kind_valid("bonus"));
	ck_assert(!ledger_kind_valid(NULL));
	ck_assert_str_eq(ledger_kind_label("promotion_fee"), "Promotion fee");
	ck_assert(ledger_amount_valid("credit", 100));
	ck_assert(!ledger_amount_valid("credit", -100));
	ck_assert(!ledger_amount_valid("credit", 0));
	ck_assert(ledger_amount_valid("debit", -1));
	ck_assert(!ledger_amount_valid("plan_fee", 1));
	ck_assert(ledger_amount_valid("promotion_refund", 500));
	ck_assert(ledger_amount_valid("sale", 1) && ledger_amount_valid("sale", -1));
	ck_assert(!ledger_amount_valid("sale", 0));
	ck_assert_int_eq(ledger_nkinds, 9);
}
END_TEST

START_TEST(test_append_and_balance)
{
	long long vendor = check_ledger_vendor(), id, sum;
	struct ledger_filter all = { .vendor_id = vendor };
	struct ledger_filter fees = { .vendor_id = vendor, .kind = "plan_fee" };
	struct db_result *r;

	ck_assert_int_eq(check_ledger_balance(vendor), 0);
	id = ledger_append(vendor, "credit", 10000, "test:credit-1", "opening credit", 0);
	ck_assert_int_gt(id, 0);
	ck_assert_int_gt(ledger_append(vendor, "plan_fee", -2500, "plan:2026-12", NULL, 0), 0);
	ck_assert_int_gt(ledger_append(vendor, "debit", -500, "test:debit-1", "correction", 7), 0);
	ck_assert_int_eq(check_ledger_balance(vendor), 7000);
	ck_assert_int_eq(ledger_count(&all), 3);
	ck_assert_int_eq(ledger_count(&fees), 1);
	ck_assert_int_eq(ledger_sum(&fees, &sum), 0);
	ck_assert_int_eq(sum, -2500);

	/* Newest first; the job's entry has no author, the admin's has one. */
	r = ledger_entries(&all, 10, 0);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(db_rows(r), 3);
	ck_assert_int_eq(db_next(r), 1);
	ck_assert_str_eq(db_str(r, 1), "debit");
	ck_assert_int_eq(db_int(r, 2), -500);
	ck_assert_str_eq(db_str(r, 4), "correction");
	ck_assert_int_eq(db_int(r, 5), 7);
	ck_assert_int_eq(db_next(r), 1);
	ck_assert_str_eq(db_str(r, 3), "plan:2026-12");
	ck_assert(db_null(r, 5));
	db_free(r);

	/* Paging. */
	r = ledger_entries(&all, 2, 2);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(db_rows(r), 1);
	ck_assert_int_eq(db_next(r), 1);
	ck_assert_int_eq(db_int(r, 0), id);
	db_free(r);
}
END_TEST

START_TEST(test_once_per_reference)
{
	long long vendor = check_ledger_vendor(), other = check_ledger_vendor();

	ck_assert_int_gt(ledger_append(vendor, "plan_fee", -1900, "plan:2027-01", NULL, 0), 0);
	ck_assert_int_eq(ledger_append(vendor, "plan_fee", -1900, "plan:2027-01", NULL, 0), LEDGER_EXISTS);
	/* The same reference under another kind or vendor is another entry. */
	ck_assert_int_gt(ledger_append(vendor, "debit", -100, "plan:2027-01", NULL, 0), 0);
	ck_assert_int_gt(ledger_append(other, "plan_fee", -1900, "plan:2027-01", NULL, 0), 0);
	ck_assert_int_eq(check_ledger_balance(vendor), -2000);
	ck_assert_int_eq(check_ledger_balance(other), -1900);

	/* Inside a transaction, the duplicate spoils nothing else of it. */
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(ledger_append(vendor, "plan_fee", -1900, "plan:2027-01", NULL, 0), LEDGER_EXISTS);
	ck_assert_int_gt(ledger_append(vendor, "credit", 2000, "test:tx", NULL, 0), 0);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_eq(check_ledger_balance(vendor), 0);
}
END_TEST

START_TEST(test_bad_arguments)
{
	long long vendor = check_ledger_vendor();
	char longref[LEDGER_REFERENCE_MAX + 2];

	memset(longref, 'x', sizeof longref - 1);
	longref[sizeof longref - 1] = '\0';
	ck_assert_int_eq(ledger_append(vendor, "credit", -100, "test:x", NULL, 0), LEDGER_ERROR);
	ck_assert_int_eq(ledger_append(vendor, "debit", 100, "test:x", NULL, 0), LEDGER_ERROR);
	ck_assert_int_eq(ledger_append(vendor, "credit", 0, "test:x", NULL, 0), LEDGER_ERROR);
	ck_assert_int_eq(ledger_append(vendor, "bonus", 100, "test:x", NULL, 0), LEDGER_ERROR);
	ck_assert_int_eq(ledger_append(vendor, "credit", 100, "", NULL, 0), LEDGER_ERROR);
	ck_assert_int_eq(ledger_append(vendor, "credit", 100, longref, NULL, 0), LEDGER_ERROR);
	ck_assert_int_eq(ledger_append(0, "credit", 100, "test:x", NULL, 0), LEDGER_ERROR);
	ck_assert_int_eq(ledger_debit_if_covered(vendor, "credit", 100, "test:x", NULL, 0, NULL),
			 LEDGER_ERROR);
	ck_assert_int_eq(check_ledger_balance(vendor), 0);
}
END_TEST

START_TEST(test_append_only)
{
	long long vendor = check_ledger_vendor();
	long long id = ledger_append(vendor, "credit", 100, "test:fixed", NULL, 0);

	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(db_exec("UPDATE vendor_ledger SET amount_minor = 1000000 WHERE id = ?", "i", id), -1);
	ck_assert_int_eq(db_exec("DELETE FROM vendor_ledger WHERE id = ?", "i", id), -1);
	ck_assert_int_eq(check_ledger_balance(vendor), 100);
}
END_TEST

START_TEST(test_debit_if_covered)
{
	long long vendor = check_ledger_vendor(), balance = -1;

	ck_assert_int_eq(ledger_debit_if_covered(vendor, "promotion_fee", -300, "promotion:1", NULL, 0,
						 &balance), LEDGER_SHORT);
	ck_assert_int_eq(balance, 0);
	ck_assert_int_gt(ledger_append(vendor, "credit", 1000, "test:top-up", NULL, 0), 0);
	ck_assert_int_gt(ledger_debit_if_covered(vendor, "promotion_fee", -300, "promotion:1", NULL, 0,
						 &balance), 0);
	ck_assert_int_eq(balance, 1000);
	/* Charged once: the second call writes nothing and says so. */
	ck_assert_int_eq(ledger_debit_if_covered(vendor, "promotion_fee", -300, "promotion:1", NULL, 0,
						 NULL), LEDGER_EXISTS);
	/* Exactly the balance is covered; a cent more is not. */
	ck_assert_int_eq(ledger_debit_if_covered(vendor, "promotion_fee", -701, "promotion:2", NULL, 0,
						 &balance), LEDGER_SHORT);
	ck_assert_int_eq(balance, 700);
	ck_assert_int_gt(ledger_debit_if_covered(vendor, "promotion_fee", -700, "promotion:2", NULL, 0,
						 NULL), 0);
	ck_assert_int_eq(check_ledger_balance(vendor), 0);
	/* No such vendor. */
	ck_assert_int_eq(ledger_debit_if_covered(9000000000000LL, "promotion_fee", -1, "promotion:3",
						 NULL, 0, NULL), LEDGER_ERROR);
}
END_TEST

START_TEST(test_debit_in_callers_transaction)
{
	long long vendor = check_ledger_vendor();

	ck_assert_int_gt(ledger_append(vendor, "credit", 500, "test:top-up", NULL, 0), 0);
	/* Rolled back with the caller's work. */
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_gt(ledger_debit_if_covered(vendor, "promotion_fee", -500, "promotion:10", NULL, 0,
						 NULL), 0);
	ck_assert_int_eq(db_rollback(), 0);
	ck_assert_int_eq(check_ledger_balance(vendor), 500);
	/* Committed with it. */
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_gt(ledger_debit_if_covered(vendor, "promotion_fee", -500, "promotion:10", NULL, 0,
						 NULL), 0);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_eq(check_ledger_balance(vendor), 0);
}
END_TEST

/*
 * Two processes, each with its own connection, debit 600 from a balance of
 * 1000 at the same moment: a third holds the vendor's row locked until both
 * are waiting for it, then lets go. Exactly one debit succeeds.
 */
START_TEST(test_concurrent_debits)
{
	long long vendor = check_ledger_vendor();
	pid_t holder, kids[2];
	int locked[2], release[2], ok = 0, short_ = 0, status;
	char byte = 0;

	ck_assert_int_gt(ledger_append(vendor, "credit", 1000, "test:top-up", NULL, 0), 0);
	db_close();	/* each process opens its own connection */
	ck_assert_int_eq(pipe(locked), 0);
	ck_assert_int_eq(pipe(release), 0);
	holder = fork();
	ck_assert_int_ge(holder, 0);
	if (holder == 0) {
		struct db_result *r;

		if (db_connect() != 0 || db_begin() != 0)
			_exit(3);
		r = db_query("SELECT id FROM vendors WHERE id = ? FOR UPDATE", "i", vendor);
		if (r == NULL)
			_exit(3);
		db_free(r);
		if (write(locked[1], "L", 1) != 1 || read(release[0], &byte, 1) != 1)
			_exit(3);
		_exit(db_commit() == 0 ? 0 : 3);
	}
	ck_assert_int_eq(read(locked[0], &byte, 1), 1);
	for (int i = 0; i < 2; i++) {
		kids[i] = fork();
		ck_assert_int_ge(kids[i], 0);
		if (kids[i] == 0) {
			char ref[32];
			long long rc;

			if (db_connect() != 0)
				_exit(3);
			snprintf(ref, sizeof ref, "promotion:race-%d", i);
			rc = ledger_debit_if_covered(vendor, "promotion_fee", -600, ref, NULL, 0, NULL);
			db_close();
			_exit(rc > 0 ? 0 : rc == LEDGER_SHORT ? 1 : 2);
		}
	}
	ck_assert_int_eq(db_connect(), 0);
	/* Both wait for the lock (the server shows both running the locking
	 * read, which cannot finish while the holder has the row), or ten
	 * seconds are up: the outcome must be the same either way. */
	for (int tries = 0; tries < 200; tries++) {
		if (db_scalar(0, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE"
			      " INFO LIKE 'SELECT id FROM vendors WHERE id = % FOR UPDATE'", "") >= 2)
			break;
		usleep(50000);
	}
	ck_assert_int_eq(write(release[1], "R", 1), 1);
	ck_assert_int_eq(waitpid(holder, &status, 0), holder);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(waitpid(kids[i], &status, 0), kids[i]);
		ck_assert(WIFEXITED(status));
		if (WEXITSTATUS(status) == 0)
			ok++;
		else if (WEXITSTATUS(status) == 1)
			short_++;
		else
			ck_abort_msg("a debit failed with status %d", WEXITSTATUS(status));
	}
	ck_assert_int_eq(ok, 1);
	ck_assert_int_eq(short_, 1);
	ck_assert_int_eq(check_ledger_balance(vendor), 400);
}
END_TEST

START_TEST(test_created_at_follows_the_clock)
{
	long long vendor = check_ledger_vendor();
	struct ledger_filter next_year = { .vendor_id = vendor };
	char from[24], to[24];
	time_t later;

	setenv("BAZAAR_ENV", "test", 1);
	setenv("BAZAAR_CLOCK_OFFSET", "31536000", 1);	/* a year on */
	later = clock_now();
	ck_assert_int_gt(ledger_append(vendor, "credit", 100, "test:later", NULL, 0), 0);
	unsetenv("BAZAAR_CLOCK_OFFSET");
	ck_assert_int_gt(ledger_append(vendor, "credit", 200, "test:now", NULL, 0), 0);
	next_year.from = clock_datetime(later - 60, from, sizeof from);
	next_year.to = clock_datetime(later + 60, to, sizeof to);
	ck_assert_int_eq(ledger_count(&next_year), 1);
	next_year.from = NULL;
	ck_assert_int_eq(ledger_count(&next_year), 2);
}
END_TEST

static Suite *
ledger_suite(void)
{
	Suite *s = suite_create("ledger");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_kinds_and_signs);
	suite_add_tcase(s, tc);
	tc = tcase_create("db");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_append_and_balance);
	tcase_add_test(tc, test_once_per_reference);
	tcase_add_test(tc, test_bad_arguments);
	tcase_add_test(tc, test_append_only);
	tcase_add_test(tc, test_debit_if_covered);
	tcase_add_test(tc, test_debit_in_callers_transaction);
	tcase_add_test(tc, test_concurrent_debits);
	tcase_add_test(tc, test_created_at_follows_the_clock);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(ledger_suite)
