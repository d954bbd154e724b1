/*
 * Tests for cgi/lib/orderflow.c against the test stack's MariaDB: each
 * allowed move and each refused one (nothing ships before it is paid,
 * nothing moves twice, a vendor reaches only its own vendor orders), the
 * history row, event and mails of a move, and two moves of one vendor
 * order at the same moment from two processes (exactly one wins). Orders
 * are made by tests/order_fixture.h under @check-orderflow.example and
 * removed at the end.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_util.h"
#include "crypt.h"
#include "db.h"
#include "log.h"
#include "orderflow.h"
#include "order_fixture.h"
#include "tmpl.h"

#define DOMAIN "check-orderflow.example"

static struct oft_vendor va, vb;
static char customer_email[128];
static long long customer_id;

/* Once, in the parent: the shops and the customer. */
static void
suite_setup(void)
{
	customer_id = oft_suite_people("check_orderflow", DOMAIN, customer_email, sizeof customer_email, &va, &vb, NULL);
	db_close();
}

static void
suite_teardown(void)
{
	oft_suite_teardown(DOMAIN);
}

static long long
history(long long order_id, const char *to)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM order_history WHERE order_id = ? AND to_status = ?", "is",
			 order_id, to);
}

static long long
events_of(const char *type, long long subject)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM events WHERE type = ? AND subject_id = ?", "si", type, subject);
}

static const char *
order_status(long long id)
{
	static char s[32];
	struct db_result *r = db_query("SELECT status FROM orders WHERE id = ?", "i", id);

	ck_assert(r && db_next(r));
	snprintf(s, sizeof s, "%s", db_str(r, 0));
	db_free(r);
	return s;
}

static void
two_vendor_order(struct oft_order *o, const char *status)
{
	long long vendors[2] = { va.vendor_id, vb.vendor_id };

	oft_order_new(o, customer_id, customer_email, vendors, 2, status);
}

START_TEST(test_paid)
{
	struct oft_order o;
	char st[32];

	two_vendor_order(&o, "awaiting_payment");
	ck_assert_int_eq(orderflow_order_paid(o.id, "card payment"), 0);
	ck_assert_str_eq(order_status(o.id), "paid");
	ck_assert_str_eq(oft_vo_status(o.vo[0], st, sizeof st), "processing");
	ck_assert_str_eq(oft_vo_status(o.vo[1], st, sizeof st), "processing");
	ck_assert_int_eq(history(o.id, "paid"), 1);
	ck_assert_int_eq(history(o.id, "processing"), 2);
	ck_assert_int_eq(events_of("order.paid", o.id), 1);
	ck_assert_int_eq(oft_mails(customer_email, "Payment received"), 1);
	ck_assert_int_eq(oft_mails(va.email, o.vo_number[0]), 1);
	ck_assert_int_eq(oft_mails(vb.email, o.vo_number[1]), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT paid_at IS NOT NULL FROM orders WHERE id = ?", "i", o.id), 1);

	/* A second payment step (the webhook after the browser's return) changes
	 * nothing and mails nothing. */
	ck_assert_int_eq(orderflow_order_paid(o.id, "card payment"), ORDERFLOW_REFUSED);
	ck_assert_int_eq(history(o.id, "paid"), 1);
	ck_assert_int_eq(events_of("order.paid", o.id), 1);
	ck_assert_int_eq(oft_mails(customer_email, "Payment received"), 1);
	ck_assert_int_eq(orderflow_order_paid(999999999999LL, NULL), ORDERFLOW_NOT_FOUND);
}
END_TEST

START_TEST(test_no_ship_before_paid)
{
	struct oft_order o;
	struct orderflow_actor vendor = { "vendor", va.user_id, va.vendor_id };
	char st[32];

	two_vendor_order(&o, "awaiting_payment");
	ck_assert_int_eq(orderflow_ship(o.vo[0], &vendor, "DHL", "JD0001"), ORDERFLOW_REFUSED);
	ck_assert_int_eq(orderflow_ship(o.vo[0], &orderflow_system, "DHL", "JD0001"), ORDERFLOW_REFUSED);
	ck_assert_int_eq(orderflow_deliver(o.vo[0], &vendor), ORDERFLOW_REFUSED);
	ck_assert_int_eq(orderflow_refunded(o.vo[0], &vendor, NULL), ORDERFLOW_REFUSED);
	ck_assert_str_eq(oft_vo_status(o.vo[0], st, sizeof st), "awaiting_payment");
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM order_history WHERE order_id = ?", "i", o.id), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT carrier IS NULL FROM vendor_orders WHERE id = ?", "i", o.vo[0]), 1);
}
END_TEST

START_TEST(test_ship_and_deliver)
{
	struct oft_order o;
	struct orderflow_actor vendor = { "vendor", va.user_id, va.vendor_id };
	char st[32];

	two_vendor_order(&o, "paid");
	/* Delivered before shipped: refused. */
	ck_assert_int_eq(orderflow_deliver(o.vo[0], &vendor), ORDERFLOW_REFUSED);
	ck_assert_int_eq(orderflow_ship(o.vo[0], &vendor, "DHL Express", "JD014600006281"), 0);
	ck_assert_str_eq(oft_vo_status(o.vo[0], st, sizeof st), "shipped");
	ck_assert_str_eq(oft_vo_status(o.vo[1], st, sizeof st), "processing");
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND carrier = 'DHL Express'"
				   " AND tracking_number = 'JD014600006281' AND shipped_at IS NOT NULL", "i", o.vo[0]), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM order_history WHERE vendor_order_id = ?"
				   " AND from_status = 'processing' AND to_status = 'shipped' AND actor_role = 'vendor'"
				   " AND actor_id = ? AND note = 'DHL Express JD014600006281'", "ii", o.vo[0], va.user_id), 1);
	ck_assert_int_eq(events_of("vendor_order.shipped", o.vo[0]), 1);
	ck_assert_int_eq(oft_mails(customer_email, "is on its way"), 1);
	{
		struct db_result *r = db_query("SELECT body FROM mail_outbox WHERE to_addr = ? AND INSTR(subject, ?) > 0",
					       "ss", customer_email, o.vo_number[0]);

		ck_assert(r && db_next(r));
		ck_assert_ptr_nonnull(strstr(db_str(r, 0), "JD014600006281"));
		ck_assert_ptr_nonnull(strstr(db_str(r, 0), "DHL Express"));
		db_free(r);
	}
	/* Shipped twice: refused, the first tracking number stays. */
	ck_assert_int_eq(orderflow_ship(o.vo[0], &vendor, "UPS", "1Z999"), ORDERFLOW_REFUSED);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND carrier = 'DHL Express'",
				   "i", o.vo[0]), 1);
	/* Cancelled after it shipped: refused. */
	ck_assert_int_eq(orderflow_cancel(o.vo[0], &vendor, "Out of stock"), ORDERFLOW_REFUSED);

	ck_assert_int_eq(orderflow_deliver(o.vo[0], &vendor), 0);
	ck_assert_str_eq(oft_vo_status(o.vo[0], st, sizeof st), "delivered");
	ck_assert_int_eq(events_of("vendor_order.delivered", o.vo[0]), 1);
	ck_assert_int_eq(oft_mails(customer_email, "was delivered"), 1);
	ck_assert_int_eq(orderflow_deliver(o.vo[0], &vendor), ORDERFLOW_REFUSED);
	ck_assert_int_eq(oft_mails(customer_email, "was delivered"), 1);
}
END_TEST

START_TEST(test_vendor_scope)
{
	struct oft_order o;
	struct orderflow_actor other = { "vendor", vb.user_id, vb.vendor_id };
	char st[32];

	two_vendor_order(&o, "paid");
	/* Vendor B cannot touch vendor A's part: not found, nothing changed. */
	ck_assert_int_eq(orderflow_ship(o.vo[0], &other, "DHL", "X1"), ORDERFLOW_NOT_FOUND);
	ck_assert_int_eq(orderflow_cancel(o.vo[0], &other, "Not mine"), ORDERFLOW_NOT_FOUND);
	ck_assert_int_eq(orderflow_deliver(o.vo[0], &other), ORDERFLOW_NOT_FOUND);
	ck_assert_str_eq(oft_vo_status(o.vo[0], st, sizeof st), "processing");
	/* Its own is fine. */
	ck_assert_int_eq(orderflow_ship(o.vo[1], &other, "DHL", "X1"), 0);
	ck_assert_int_eq(orderflow_ship(999999999999LL, &other, "DHL", "X1"), ORDERFLOW_NOT_FOUND);
}
END_TEST

START_TEST(test_bad_input)
{
	struct oft_order o;
	struct orderflow_actor vendor = { "vendor", va.user_id, va.vendor_id };
	struct orderflow_actor nobody = { "intruder", 1, 0 };
	char longer[ORDERFLOW_TRACKING_MAX + 2];
	char st[32];

	two_vendor_order(&o, "paid");
	memset(longer, 'A', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	ck_assert_int_eq(orderflow_ship(o.vo[0], &vendor, "", "X1"), -1);
	ck_assert_int_eq(orderflow_ship(o.vo[0], &vendor, "DHL", ""), -1);
	ck_assert_int_eq(orderflow_ship(o.vo[0], &vendor, "DHL", NULL), -1);
	ck_assert_int_eq(orderflow_ship(o.vo[0], &vendor, "DHL", longer), -1);
	ck_assert_int_eq(orderflow_ship(o.vo[0], &vendor, "DHL\nX", "1"), -1);
	ck_assert_int_eq(orderflow_ship(o.vo[0], &vendor, "DHL", "\xff\xfe"), -1);
	ck_assert_int_eq(orderflow_ship(o.vo[0], &nobody, "DHL", "1"), -1);
	ck_assert_int_eq(orderflow_ship(o.vo[0], NULL, "DHL", "1"), -1);
	ck_assert_int_eq(orderflow_cancel(o.vo[0], &vendor, ""), -1);
	ck_assert_int_eq(orderflow_cancel(o.vo[0], &vendor, NULL), -1);
	ck_assert_int_eq(orderflow_ship(0, &vendor, "DHL", "1"), -1);
	ck_assert_str_eq(oft_vo_status(o.vo[0], st, sizeof st), "processing");
	/* Exactly the limit is fine. */
	longer[ORDERFLOW_TRACKING_MAX] = '\0';
	ck_assert_int_eq(orderflow_ship(o.vo[0], &vendor, "DHL", longer), 0);
}
END_TEST

START_TEST(test_cancel)
{
	struct oft_order o, u;
	struct orderflow_actor vendor = { "vendor", va.user_id, va.vendor_id };
	struct orderflow_actor customer = { "customer", customer_id, 0 };
	char st[32];

	/* A paid vendor order cancelled by its vendor: the customer is told with
	 * the reason, the vendor (who did it) is not. */
	two_vendor_order(&o, "paid");
	ck_assert_int_eq(orderflow_cancel(o.vo[0], &vendor, "The last one broke in the warehouse"), 0);
	ck_assert_str_eq(oft_vo_status(o.vo[0], st, sizeof st), "cancelled");
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND cancelled_by = 'vendor'"
				   " AND cancel_reason = 'The last one broke in the warehouse'", "i", o.vo[0]), 1);
	ck_assert_int_eq(events_of("vendor_order.cancelled", o.vo[0]), 1);
	ck_assert_int_eq(oft_mails(customer_email, "was cancelled"), 1);
	ck_assert_int_eq(oft_mails(va.email, "was cancelled"), 0);
	ck_assert_str_eq(order_status(o.id), "paid");
	ck_assert_int_eq(orderflow_cancel(o.vo[0], &vendor, "Again"), ORDERFLOW_REFUSED);
	/* The other vendor's part, cancelled by the customer: its vendor is told. */
	ck_assert_int_eq(orderflow_cancel(o.vo[1], &customer, "Changed my mind"), 0);
	ck_assert_int_eq(oft_mails(vb.email, "was cancelled"), 1);

	/* Every part of an unpaid order cancelled: the order is cancelled. */
	two_vendor_order(&u, "awaiting_payment");
	ck_assert_int_eq(orderflow_cancel(u.vo[0], &customer, "Changed my mind"), 0);
	ck_assert_str_eq(order_status(u.id), "awaiting_payment");
	ck_assert_int_eq(orderflow_cancel(u.vo[1], &customer, "Changed my mind"), 0);
	ck_assert_str_eq(order_status(u.id), "cancelled");
	/* Vendors of an unpaid order never heard of it: no mail to them. */
	ck_assert_int_eq(oft_mails(va.email, u.vo_number[0]), 0);
	ck_assert_int_eq(orderflow_order_paid(u.id, NULL), ORDERFLOW_REFUSED);
}
END_TEST

START_TEST(test_expire_and_order_cancel)
{
	struct oft_order o, p, c;
	struct orderflow_actor customer = { "customer", customer_id, 0 };
	char st[32];

	two_vendor_order(&o, "awaiting_payment");
	ck_assert_int_eq(orderflow_order_expire(o.id), 0);
	ck_assert_str_eq(order_status(o.id), "expired");
	ck_assert_str_eq(oft_vo_status(o.vo[0], st, sizeof st), "cancelled");
	ck_assert_str_eq(oft_vo_status(o.vo[1], st, sizeof st), "cancelled");
	ck_assert_int_eq(history(o.id, "expired"), 1);
	ck_assert_int_eq(history(o.id, "cancelled"), 2);
	ck_assert_int_eq(events_of("order.expired", o.id), 1);
	ck_assert_int_eq(oft_mails(customer_email, "was not paid"), 1);
	ck_assert_int_eq(orderflow_order_expire(o.id), ORDERFLOW_REFUSED);
	ck_assert_int_eq(orderflow_order_paid(o.id, NULL), ORDERFLOW_REFUSED);
	ck_assert_int_eq(orderflow_ship(o.vo[0], &orderflow_system, "DHL", "1"), ORDERFLOW_REFUSED);

	/* A paid order does not expire. */
	two_vendor_order(&p, "paid");
	ck_assert_int_eq(orderflow_order_expire(p.id), ORDERFLOW_REFUSED);
	ck_assert_int_eq(orderflow_order_cancel(p.id, &customer, "No"), ORDERFLOW_REFUSED);
	ck_assert_str_eq(order_status(p.id), "paid");

	two_vendor_order(&c, "awaiting_payment");
	ck_assert_int_eq(orderflow_order_cancel(c.id, &customer, ""), -1);
	ck_assert_int_eq(orderflow_order_cancel(c.id, &customer, "Found it cheaper"), 0);
	ck_assert_str_eq(order_status(c.id), "cancelled");
	ck_assert_str_eq(oft_vo_status(c.vo[1], st, sizeof st), "cancelled");
	ck_assert_int_eq(events_of("order.cancelled", c.id), 1);
}
END_TEST

START_TEST(test_refunded)
{
	struct oft_order o;
	struct orderflow_actor admin = { "admin", 1, 0 };
	char st[32];

	two_vendor_order(&o, "paid");
	ck_assert_int_eq(orderflow_refunded(o.vo[0], &admin, "Refund in full"), ORDERFLOW_REFUSED);
	ck_assert_int_eq(db_exec("UPDATE vendor_orders SET refunded_minor = total_minor - 1 WHERE id = ?", "i",
				 o.vo[0]), 1);
	ck_assert_int_eq(orderflow_refunded(o.vo[0], &admin, "Refund in full"), ORDERFLOW_REFUSED);
	ck_assert_int_eq(db_exec("UPDATE vendor_orders SET refunded_minor = total_minor WHERE id = ?", "i", o.vo[0]), 1);
	ck_assert_int_eq(orderflow_refunded(o.vo[0], &admin, "Refund in full"), 0);
	ck_assert_str_eq(oft_vo_status(o.vo[0], st, sizeof st), "refunded");
	ck_assert_int_eq(events_of("vendor_order.refunded", o.vo[0]), 1);
	ck_assert_int_eq(orderflow_refunded(o.vo[0], &admin, NULL), ORDERFLOW_REFUSED);
	ck_assert_int_eq(orderflow_ship(o.vo[0], &admin, "DHL", "1"), ORDERFLOW_REFUSED);
}
END_TEST

/* Inside a caller's transaction, a move joins it: rolled back, nothing stays. */
START_TEST(test_joins_transaction)
{
	struct oft_order o;
	char st[32];

	two_vendor_order(&o, "paid");
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(orderflow_ship(o.vo[0], &orderflow_system, "DHL", "T-1"), 0);
	ck_assert_int_eq(db_rollback(), 0);
	ck_assert_str_eq(oft_vo_status(o.vo[0], st, sizeof st), "processing");
	ck_assert_int_eq(oft_mails(customer_email, o.vo_number[0]), 0);
	ck_assert_int_eq(events_of("vendor_order.shipped", o.vo[0]), 0);
}
END_TEST

/*
 * Two processes move the same vendor order at the same moment (the vendor
 * ships while the customer cancels; two shippers): exactly one move is
 * made, with one history row and one mail, and the other is refused.
 */
static int
race_child(int kind, long long vo, int go_fd)
{
	struct orderflow_actor vendor = { "vendor", va.user_id, va.vendor_id };
	struct orderflow_actor customer = { "customer", customer_id, 0 };
	char c;
	int rc;

	if (db_connect() != 0)
		return 3;
	if (read(go_fd, &c, 1) != 1)
		return 3;
	rc = kind == 0 ? orderflow_ship(vo, &vendor, "DHL", "RACE-1")
		       : kind == 1 ? orderflow_cancel(vo, &customer, "Race")
				   : orderflow_ship(vo, &vendor, "UPS", "RACE-2");
	db_close();
	return rc == 0 ? 0 : rc == ORDERFLOW_REFUSED ? 1 : 2;
}

START_TEST(test_race)
{
	int round;

	for (round = 0; round < 10; round++) {
		struct oft_order o;
		int go[2], status[2], won = 0, refused = 0, i;
		pid_t pid[2];

		two_vendor_order(&o, "paid");
		db_close();	/* each process has a connection of its own */
		ck_assert_int_eq(pipe(go), 0);
		for (i = 0; i < 2; i++) {
			pid[i] = fork();
			ck_assert_int_ge(pid[i], 0);
			if (pid[i] == 0) {
				close(go[1]);
				_exit(race_child(i == 0 ? 0 : (round % 2 ? 1 : 2), o.vo[0], go[0]));
			}
		}
		close(go[0]);
		ck_assert_int_eq(write(go[1], "gg", 2), 2);
		close(go[1]);
		for (i = 0; i < 2; i++) {
			ck_assert_int_eq(waitpid(pid[i], &status[i], 0), pid[i]);
			ck_assert(WIFEXITED(status[i]));
			won += WEXITSTATUS(status[i]) == 0;
			refused += WEXITSTATUS(status[i]) == 1;
		}
		ck_assert_int_eq(db_connect(), 0);
		ck_assert_int_eq(won, 1);
		ck_assert_int_eq(refused, 1);
		ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM order_history WHERE vendor_order_id = ?", "i",
					   o.vo[0]), 1);
		ck_assert_int_eq(oft_mails(customer_email, o.vo_number[0]), 1);
		ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM events WHERE subject_id = ?"
					   " AND type LIKE 'vendor_order.%'", "i", o.vo[0]), 1);
	}
}
END_TEST

START_TEST(test_labels)
{
	ck_assert_str_eq(orderflow_status_label("processing"), "Being prepared");
	ck_assert_str_eq(orderflow_status_label("awaiting_payment"), "Awaiting payment");
	ck_assert_str_eq(orderflow_status_label("bogus"), "Unknown");
	ck_assert_str_eq(orderflow_status_label(NULL), "Unknown");
	ck_assert_str_eq(orderflow_vendor_statuses[0], "awaiting_payment");
	ck_assert_ptr_null(orderflow_order_statuses[4]);
}
END_TEST

static Suite *
orderflow_suite(void)
{
	Suite *s = suite_create("orderflow");
	TCase *tc = oft_tcase("moves", suite_setup, suite_teardown);

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_labels);
	tcase_add_test(tc, test_paid);
	tcase_add_test(tc, test_no_ship_before_paid);
	tcase_add_test(tc, test_ship_and_deliver);
	tcase_add_test(tc, test_vendor_scope);
	tcase_add_test(tc, test_bad_input);
	tcase_add_test(tc, test_cancel);
	tcase_add_test(tc, test_expire_and_order_cancel);
	tcase_add_test(tc, test_refunded);
	tcase_add_test(tc, test_joins_transaction);
	tcase_add_test(tc, test_race);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(orderflow_suite)
