/*
 * Tests for cgi/lib/banktransfer.c against the test stack's database: an
 * order's reference found in what payers write; a partial payment, then
 * the rest with an over-payment, paying the order once through
 * payment_succeeded; the same statement line twice recorded once; a
 * transfer for an order that no longer waits is all excess; an unmatched
 * transfer assigned by hand.
 */
#include "banktransfer.h"
#include "check_util.h"
#include "db.h"
#include "tmpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
setup(void)
{
	CHECK_DB_CONNECT("check_banktransfer");
	ck_assert_msg(tmpl_init("templates", 0) == 0, "cannot load templates/ (run from the repository root)");
}

static void
teardown(void)
{
	db_close();
}

/* A bank-transfer order of total minor units, awaiting payment, with its
 * reference (its number). Returns its id; number gets "BZ-..." */
static long long
check_bank_order(long long total, char *number, size_t size)
{
	char key[48];
	long long id;
	struct db_result *r;

	snprintf(key, sizeof key, "check-bank-%d-%ld", (int)getpid(), random());
	ck_assert_int_eq(db_exec("INSERT INTO orders (number, email, payment_method, items_minor, total_minor,"
				 " ship_country, idempotency_key, cart_hash, placed_at, expires_at)"
				 " VALUES (LEFT(?, 24), 'check-bank@example.com', 'bank_transfer', ?, ?, 'GB', ?,"
				 " UNHEX(SHA2(?, 256)), UTC_TIMESTAMP(3), UTC_TIMESTAMP() + INTERVAL 7 DAY)",
				 "siiss", key, total, total, key, key), 1);
	id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("UPDATE orders SET number = CONCAT('BZ-', LPAD(id, 6, '0')), bank_reference ="
				 " CONCAT('BZ-', LPAD(id, 6, '0')) WHERE id = ?", "i", id), 1);
	r = db_query("SELECT number FROM orders WHERE id = ?", "i", id);
	ck_assert(r != NULL && db_next(r));
	snprintf(number, size, "%s", db_str(r, 0));
	db_free(r);
	return id;
}

START_TEST(test_find_order)
{
	char number[32], text[120];
	long long id = check_bank_order(1000, number, sizeof number);

	ck_assert_int_eq(banktransfer_find_order(number), id);
	snprintf(text, sizeof text, "Payment for order %s, thanks", number);
	ck_assert_int_eq(banktransfer_find_order(text), id);
	snprintf(text, sizeof text, "bz %s 2026-12", number + 3);
	ck_assert_int_eq(banktransfer_find_order(text), id);
	snprintf(text, sizeof text, "%s-2", number);	/* a vendor order's number */
	ck_assert_int_eq(banktransfer_find_order(text), id);
	snprintf(text, sizeof text, "X%s", number);
	ck_assert_int_eq(banktransfer_find_order(text), 0);
	ck_assert_int_eq(banktransfer_find_order("no reference at all"), 0);
	ck_assert_int_eq(banktransfer_find_order("BZ-999999999"), 0);
}
END_TEST

START_TEST(test_partial_then_overpaid)
{
	char number[32], ref[80];
	long long id = check_bank_order(10000, number, sizeof number);
	struct banktransfer t = { "2026-12-01", 4000, ref, "Tess Tester", NULL, 0, 0, NULL };
	struct banktransfer_result res;
	unsigned char hash[BANKTRANSFER_HASH_SIZE];

	snprintf(ref, sizeof ref, "order %s", number);
	ck_assert_int_eq(banktransfer_record(&t, &res), 0);
	ck_assert_int_eq(res.outcome, BANKTRANSFER_PARTLY);
	ck_assert_int_eq(res.order_id, id);
	ck_assert_int_eq(res.applied_minor, 4000);
	ck_assert_int_eq(res.missing_minor, 6000);
	ck_assert_int_eq(db_scalar(0, "SELECT status = 'awaiting_payment' FROM orders WHERE id = ?", "i", id), 1);
	/* The rest and 5.00 more, from a statement line; the same line again. */
	t.amount_minor = 6500;
	banktransfer_line_hash(t.received_on, t.amount_minor, t.reference, t.payer, 1, hash);
	t.line_hash = hash;
	ck_assert_int_eq(banktransfer_record(&t, &res), 0);
	ck_assert_int_eq(res.outcome, BANKTRANSFER_PAID);
	ck_assert_int_eq(res.applied_minor, 6000);
	ck_assert_int_eq(res.excess_minor, 500);
	ck_assert_int_eq(banktransfer_record(&t, &res), 0);
	ck_assert_int_eq(res.outcome, BANKTRANSFER_DUPLICATE);
	ck_assert_int_eq(db_scalar(0, "SELECT status = 'paid' FROM orders WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(db_scalar(0, "SELECT received_minor FROM payments WHERE order_id = ? AND status = 'succeeded'",
				   "i", id), 10500);
	ck_assert_int_eq(db_scalar(0, "SELECT COUNT(*) FROM events WHERE type = 'order.paid' AND subject_id = ?", "i",
				   id), 1);
	ck_assert_int_eq(db_scalar(0, "SELECT COUNT(*) FROM bank_transfers WHERE order_id = ?", "i", id), 2);
	/* More money for the paid order: all of it is excess. */
	t.line_hash = NULL;
	t.amount_minor = 100;
	ck_assert_int_eq(banktransfer_record(&t, &res), 0);
	ck_assert_int_eq(res.outcome, BANKTRANSFER_NOT_WAITING);
	ck_assert_int_eq(res.excess_minor, 100);
	ck_assert_int_eq(db_scalar(0, "SELECT COUNT(*) FROM events WHERE type = 'order.paid' AND subject_id = ?", "i",
				   id), 1);
}
END_TEST

START_TEST(test_unmatched_then_assigned)
{
	char number[32];
	long long id = check_bank_order(2500, number, sizeof number);
	struct banktransfer t = { "2026-12-02", 2500, "a gift", "Someone", NULL, 0, 0, NULL };
	struct banktransfer_result res;
	char text[300];

	ck_assert_int_eq(banktransfer_record(&t, &res), 0);
	ck_assert_int_eq(res.outcome, BANKTRANSFER_UNMATCHED);
	ck_assert_str_eq(banktransfer_describe(&res, text, sizeof text),
			 "No order matches this transfer's reference: assign it below.");
	ck_assert_int_eq(banktransfer_assign(res.transfer_id, id, NULL, &res), 0);
	ck_assert_int_eq(res.outcome, BANKTRANSFER_PAID);
	ck_assert_int_eq(db_scalar(0, "SELECT status = 'paid' FROM orders WHERE id = ?", "i", id), 1);
	/* Assigned once. */
	ck_assert_int_eq(banktransfer_assign(res.transfer_id, id, NULL, &res), 1);
}
END_TEST

static Suite *
banktransfer_suite(void)
{
	Suite *s = suite_create("banktransfer");
	TCase *tc = tcase_create("db");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_find_order);
	tcase_add_test(tc, test_partial_then_overpaid);
	tcase_add_test(tc, test_unmatched_then_assigned);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(banktransfer_suite)
