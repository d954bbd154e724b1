/*
 * Tests for cgi/lib/payment.c. Without a database: webhook signatures
 * (made and checked, several v1 while a secret is rotated, the 300 s
 * window, a changed body or secret, malformed headers). Against the test
 * stack: payment_succeeded from eight processes at once, each with the
 * same event id or none, pays the order once (one history row, one
 * order.paid event, one mail); a repeated event is seen once; a failed
 * payment cancels its order and puts its stock back once however often it
 * is called; a refund goes through the sandbox once per key and a bank
 * transfer is refused.
 */
#include "check_util.h"
#include "cfg.h"
#include "db.h"
#include "payment.h"
#include "tmpl.h"
#include "../race_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char check_payment_body[] = "{\"id\":\"evt-1\",\"type\":\"payment.succeeded\"}";

START_TEST(test_signature_round_trip)
{
	char header[PAYMENT_SIGNATURE_MAX + 1];
	const char *why = NULL;
	size_t len = strlen(check_payment_body);

	ck_assert_int_eq(payment_signature_make("s3cret", 1700000000, check_payment_body, len, header, sizeof header), 0);
	ck_assert(strncmp(header, "t=1700000000,v1=", 16) == 0);
	ck_assert_uint_eq(strlen(header), 16 + 64);
	ck_assert_int_eq(payment_signature_check(header, check_payment_body, len, "s3cret", 1700000000, &why), 0);
	/* At the edges of the window and past them. */
	ck_assert_int_eq(payment_signature_check(header, check_payment_body, len, "s3cret", 1700000300, &why), 0);
	ck_assert_int_eq(payment_signature_check(header, check_payment_body, len, "s3cret", 1700000301, &why), -1);
	ck_assert_str_eq(why, "the signature's timestamp is outside the tolerance");
	ck_assert_int_eq(payment_signature_check(header, check_payment_body, len, "s3cret", 1699999699, &why), -1);
	/* Another secret, a changed body. */
	ck_assert_int_eq(payment_signature_check(header, check_payment_body, len, "other", 1700000000, &why), -1);
	ck_assert_str_eq(why, "no v1 value of the signature matches");
	ck_assert_int_eq(payment_signature_check(header, check_payment_body, len - 1, "s3cret", 1700000000, &why), -1);
	ck_assert_int_eq(payment_signature_check(header, check_payment_body, len, "", 1700000000, &why), -1);
	ck_assert_str_eq(why, "no webhook secret is configured");
}
END_TEST

/* A known value: HMAC-SHA256("key", "1.body"), as any implementation computes it. */
START_TEST(test_signature_known_value)
{
	char header[PAYMENT_SIGNATURE_MAX + 1];

	ck_assert_int_eq(payment_signature_make("key", 1, "body", 4, header, sizeof header), 0);
	ck_assert_str_eq(header, "t=1,v1=91b5374b153842ad05b2c4eab9349b8321b14703165bd3fb8b034dfb8be98ae5");
}
END_TEST

START_TEST(test_signature_rotation)
{
	char both[PAYMENT_SIGNATURE_MAX + 1], old_only[PAYMENT_SIGNATURE_MAX + 1];
	const char *why;
	size_t len = strlen(check_payment_body);

	/* The provider signs with the new and the old secret during a rotation. */
	ck_assert_int_eq(payment_signature_make("new-secret, old-secret", 1700000000, check_payment_body, len, both,
						sizeof both), 0);
	ck_assert_int_eq(payment_signature_check(both, check_payment_body, len, "old-secret", 1700000000, &why), 0);
	ck_assert_int_eq(payment_signature_check(both, check_payment_body, len, "new-secret", 1700000000, &why), 0);
	/* Bazaar holds both while it changes over. */
	ck_assert_int_eq(payment_signature_make("old-secret", 1700000000, check_payment_body, len, old_only,
						sizeof old_only), 0);
	ck_assert_int_eq(payment_signature_check(old_only, check_payment_body, len, "new-secret old-secret", 1700000000,
						 &why), 0);
	ck_assert_int_eq(payment_signature_check(old_only, check_payment_body, len, "new-secret", 1700000000, &why), -1);
}
END_TEST

START_TEST(test_signature_malformed)
{
	static const char *const bad[] = {
		"", "t=", "t=abc,v1=00", "v1=ab", "t=1700000000", "t=1700000000,v1=zz", "t=-5,v1=00",
		"t=1700000000,t=1700000001,v1=00", "t=1700000000,v1=", "t=1700000000,v0=00",
	};
	const char *why;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why = NULL;
		ck_assert_msg(payment_signature_check(bad[i], "x", 1, "s", 1700000000, &why) == -1, "%s", bad[i]);
		ck_assert_ptr_nonnull(why);
	}
	ck_assert_int_eq(payment_signature_check(NULL, "x", 1, "s", 1700000000, &why), -1);
}
END_TEST

/* ---- against the test stack ------------------------------------------------------------ */

static void
setup(void)
{
	CHECK_DB_CONNECT("check_payment");
	ck_assert_msg(tmpl_init("templates", 0) == 0, "cannot load templates/ (run from the repository root)");
}

static void
teardown(void)
{
	db_close();
}

/* An order of one unit of a product in stock, placed as checkout leaves it
 * (awaiting payment, stock taken). Returns the order id; *product its product. */
static long long
check_payment_order(const char *method, long long *product)
{
	char key[40];
	long long order, vo, price, vendor;
	struct db_result *r;

	r = db_query("SELECT id, vendor_id, price_minor FROM products WHERE status = 'active' AND stock >= 3"
		     " ORDER BY RAND() LIMIT 1", "");
	ck_assert_ptr_nonnull(r);
	ck_assert(db_next(r));
	*product = db_int(r, 0);
	vendor = db_int(r, 1);
	price = db_int(r, 2);
	db_free(r);
	snprintf(key, sizeof key, "check-payment-%d-%ld", (int)getpid(), random());
	ck_assert_int_eq(db_exec("INSERT INTO orders (number, email, payment_method, items_minor, total_minor,"
				 " ship_country, idempotency_key, cart_hash, placed_at, expires_at)"
				 " VALUES (LEFT(?, 24), 'check-payment@example.com', ?, ?, ?, 'GB', ?, UNHEX(SHA2(?, 256)),"
				 " UTC_TIMESTAMP(3), UTC_TIMESTAMP() + INTERVAL 1 HOUR)",
				 "ssiiss", key, method, price, price, key, key), 1);
	order = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO vendor_orders (order_id, vendor_id, number, items_minor, total_minor, plan_id)"
				 " SELECT ?, id, LEFT(?, 30), ?, ?, plan_id FROM vendors WHERE id = ?",
				 "isiii", order, key, price, price, vendor), 1);
	vo = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO order_items (order_id, vendor_order_id, product_id, name, unit_price_minor,"
				 " quantity, line_minor) VALUES (?, ?, ?, 'Check item', ?, 1, ?)",
				 "iiiii", order, vo, *product, price, price), 1);
	ck_assert_int_eq(db_exec("UPDATE products SET stock = stock - 1 WHERE id = ? AND stock >= 1", "i", *product), 1);
	return order;
}

static long long
check_payment_count(const char *sql, long long id)
{
	return db_scalar(-1, sql, "i", id);
}

/* A racer of test_succeeded_once_under_concurrency: payment *arg
 * succeeds, with the event id (odd i) or without (the browser's return);
 * 0 recorded, 1 recorded before. */
static int
succeeded_racer(int i, void *arg)
{
	int rc = payment_succeeded(*(long long *)arg, "sandbox", i % 2 ? "evt-check-concurrent" : NULL);

	return rc == 0 ? 0 : rc == PAYMENT_ALREADY ? 1 : RACE_BROKEN;
}

/* Eight processes call payment_succeeded at once: half with the same event
 * id, half with none (the browser's return). */
START_TEST(test_succeeded_once_under_concurrency)
{
	long long product, order = check_payment_order("card", &product), payment;
	int outcome[8];

	ck_assert_int_eq(payment_open(order, &payment), 0);
	race_run(8, succeeded_racer, &payment, outcome);
	ck_assert_int_eq(race_count(outcome, 8, 0), 1);
	ck_assert_int_eq(check_payment_count("SELECT status = 'paid' FROM orders WHERE id = ?", order), 1);
	ck_assert_int_eq(check_payment_count("SELECT COUNT(*) FROM order_history WHERE order_id = ? AND to_status = 'paid'",
					     order), 1);
	ck_assert_int_eq(check_payment_count("SELECT COUNT(*) FROM events WHERE type = 'order.paid' AND subject_id = ?",
					     order), 1);
	ck_assert_int_eq(check_payment_count("SELECT COUNT(*) FROM vendor_orders WHERE order_id = ? AND status = 'processing'",
					     order), 1);
	ck_assert_int_eq(check_payment_count("SELECT COUNT(*) FROM mail_outbox WHERE template = 'order_paid'"
					     " AND subject LIKE CONCAT('%', (SELECT number FROM orders WHERE id = ?))",
					     order), 1);
	/* The same event again, and again from the browser: nothing more. */
	ck_assert_int_eq(payment_succeeded(payment, "sandbox", "evt-check-concurrent"), PAYMENT_ALREADY);
	ck_assert_int_eq(payment_succeeded(payment, "sandbox", NULL), PAYMENT_ALREADY);
	ck_assert_int_eq(check_payment_count("SELECT COUNT(*) FROM events WHERE type = 'order.paid' AND subject_id = ?",
					     order), 1);
	ck_assert_int_eq(db_exec("DELETE FROM payment_events WHERE event_id = 'evt-check-concurrent'", ""), 1);
}
END_TEST

START_TEST(test_failed_releases_once)
{
	long long product, order = check_payment_order("paypal", &product), payment, stock;

	stock = db_scalar(-1, "SELECT stock FROM products WHERE id = ?", "i", product);
	ck_assert_int_eq(payment_open(order, &payment), 0);
	ck_assert_int_eq(payment_failed(payment, "sandbox", NULL, "The payment was cancelled."), 0);
	ck_assert_int_eq(payment_failed(payment, "sandbox", NULL, "The payment was cancelled."), PAYMENT_ALREADY);
	ck_assert_int_eq(payment_release_order(order, "expired", "Too late."), PAYMENT_ALREADY);
	ck_assert_int_eq(db_scalar(-1, "SELECT stock FROM products WHERE id = ?", "i", product), stock + 1);
	ck_assert_int_eq(check_payment_count("SELECT status = 'cancelled' FROM orders WHERE id = ?", order), 1);
	ck_assert_int_eq(check_payment_count("SELECT status = 'failed' FROM payments WHERE order_id = ?", order), 1);
	ck_assert_int_eq(check_payment_count("SELECT COUNT(*) FROM vendor_orders WHERE order_id = ? AND status = 'cancelled'"
					     " AND cancelled_by = 'system'", order), 1);
	/* A late success for a cancelled order pays nothing. */
	ck_assert_int_eq(db_exec("UPDATE payments SET status = 'pending' WHERE order_id = ?", "i", order), 1);
	ck_assert_int_eq(payment_succeeded(payment, "sandbox", NULL), PAYMENT_NOT_PAYABLE);
	ck_assert_int_eq(check_payment_count("SELECT status = 'cancelled' FROM orders WHERE id = ?", order), 1);
	/* Nothing to pay any more. */
	ck_assert_int_eq(payment_open(order, &payment), PAYMENT_NOT_PAYABLE);
}
END_TEST

START_TEST(test_bank_transfer_open)
{
	long long product, order = check_payment_order("bank_transfer", &product), payment, again;
	char provider_ref[PAYMENT_REF_MAX + 1], failure[PAYMENT_FAILURE_MAX + 1];

	ck_assert_int_eq(payment_open(order, &payment), 0);
	ck_assert_int_eq(payment_open(order, &again), 0);
	ck_assert_int_eq(again, payment);
	ck_assert_int_eq(check_payment_count("SELECT bank_reference = number FROM orders WHERE id = ?", order), 1);
	ck_assert_int_eq(check_payment_count("SELECT provider = 'bank' FROM payments WHERE id = ?", payment), 1);
	ck_assert_int_eq(payment_succeeded(payment, "bank", "bank:check"), 0);
	ck_assert_int_eq(payment_refund(payment, 100, "check-bank-refund", provider_ref, sizeof provider_ref, failure,
					sizeof failure), PAYMENT_REFUSED);
	ck_assert_str_eq(failure, "A bank transfer is refunded by hand.");
	ck_assert_int_eq(db_exec("DELETE FROM payment_events WHERE event_id = 'bank:check'", ""), 1);
}
END_TEST

static Suite *
payment_suite(void)
{
	Suite *s = suite_create("payment");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_signature_round_trip);
	tcase_add_test(tc, test_signature_known_value);
	tcase_add_test(tc, test_signature_rotation);
	tcase_add_test(tc, test_signature_malformed);
	suite_add_tcase(s, tc);
	tc = tcase_create("db");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_succeeded_once_under_concurrency);
	tcase_add_test(tc, test_failed_releases_once);
	tcase_add_test(tc, test_bank_transfer_open);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(payment_suite)
