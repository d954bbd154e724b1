/*
 * Tests for cgi/lib/ordermail.c against the test stack's MariaDB: who gets
 * each mail of an order's life and what it says (the confirmation with a
 * section per shop and the totals, a guest's link, a bank transfer's
 * reference, tracking, reasons, refunds, return steps, payouts), the shop's
 * new order in its notification centre (with or without its mail), and that a
 * mail asked for inside a transaction that rolls back is never queued.
 * Orders are made by tests/order_fixture.h under @check-ordermail.example.
 */
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "crypt.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "notify.h"
#include "order.h"
#include "ordermail.h"
#include "order_fixture.h"
#include "tmpl.h"

#define DOMAIN "check-ordermail.example"

static struct oft_vendor va, vb;
static char customer_email[128], guest_email[128];
static long long customer_id;

static void
suite_setup(void)
{
	setenv("BAZAAR_BASE_URL", "https://shop.example", 1);
	customer_id = oft_suite_people("check_ordermail", DOMAIN, customer_email, sizeof customer_email, &va, &vb, NULL);
	snprintf(guest_email, sizeof guest_email, "guest-%d@%s", (int)getpid(), DOMAIN);
	db_close();
}

static void
suite_teardown(void)
{
	oft_suite_teardown(DOMAIN);
}

/* The body of the one mail to `to` whose subject contains part (static). */
static const char *
body_of(const char *to, const char *part)
{
	static char body[16384];
	struct db_result *r = db_query("SELECT body FROM mail_outbox WHERE to_addr = ? AND INSTR(subject, ?) > 0"
				       " ORDER BY id DESC", "ss", to, part);

	ck_assert_ptr_nonnull(r);
	ck_assert_msg(db_rows(r) == 1, "%zu mails to %s about %s", db_rows(r), to, part);
	ck_assert(db_next(r));
	snprintf(body, sizeof body, "%s", db_str(r, 0));
	db_free(r);
	return body;
}

#define HAS(body, text) ck_assert_msg(strstr((body), (text)) != NULL, "no \"%s\" in:\n%s", (text), (body))
#define HASNT(body, text) ck_assert_msg(strstr((body), (text)) == NULL, "\"%s\" in:\n%s", (text), (body))

static void
order2(struct oft_order *o, long long user, const char *email, const char *status)
{
	long long vendors[2] = { va.vendor_id, vb.vendor_id };

	oft_order_new(o, user, email, vendors, 2, status);
}

START_TEST(test_placed_account)
{
	struct oft_order o;
	char url[128];
	const char *b;

	order2(&o, customer_id, customer_email, "awaiting_payment");
	ck_assert_int_eq(ordermail_placed(o.id, NULL), 0);
	b = body_of(customer_email, o.number);
	HAS(b, "Hello Order Customer,");
	HAS(b, va.name);
	HAS(b, vb.name);
	HAS(b, o.vo_number[0]);
	HAS(b, o.vo_number[1]);
	HAS(b, "2 x ");
	HAS(b, "Shipping: €4.95");
	HAS(b, "Total: ");
	HAS(b, "of which tax");
	snprintf(url, sizeof url, "https://shop.example/orders/%lld\n", o.id);
	HAS(b, url);
	HASNT(b, "guest?token=");
	HASNT(b, "bank transfer");
	/* No vendor hears of an unpaid order. */
	ck_assert_int_eq(oft_mails(va.email, o.vo_number[0]), 0);
}
END_TEST

START_TEST(test_placed_guest_bank)
{
	struct oft_order o;
	char url[256];
	const char *b;

	oft_order_new(&o, 0, guest_email, &va.vendor_id, 1, "awaiting_payment");
	ck_assert_int_eq(db_exec("UPDATE orders SET payment_method = 'bank_transfer', bank_reference = 'BZREF42'"
				 " WHERE id = ?", "i", o.id), 1);
	ck_assert_int_eq(ordermail_placed(o.id, o.guest_token), 0);
	b = body_of(guest_email, o.number);
	snprintf(url, sizeof url, "https://shop.example/orders/%lld/guest?token=%s\n", o.id, o.guest_token);
	HAS(b, url);
	HAS(b, "BZREF42");
	HAS(b, "bank transfer");
	HASNT(b, "Payment by card");
}
END_TEST

START_TEST(test_paid)
{
	struct oft_order o;
	char url[128];
	const char *b;

	order2(&o, customer_id, customer_email, "paid");
	ck_assert_int_eq(ordermail_paid(o.id), 0);
	b = body_of(customer_email, "Payment received");
	HAS(b, o.number);
	HAS(b, va.name);
	HAS(b, vb.name);
	b = body_of(va.email, o.vo_number[0]);
	HAS(b, "new paid order");
	HAS(b, "SKU SKU-T1");
	HAS(b, "Ada Lovelace in GB");
	HASNT(b, "12 Analytical Row");	/* the address is on the portal's page, not in a mail */
	snprintf(url, sizeof url, "https://shop.example/vendor/orders/%lld\n", o.vo[0]);
	HAS(b, url);
	/* Each vendor hears of its own part only. */
	HASNT(b, o.vo_number[1]);
	b = body_of(vb.email, o.vo_number[1]);
	HASNT(b, o.vo_number[0]);
	/* ... and in its notification centre, linking to the part's page; the
	 * mail has the unsubscribe link of the vendor's orders. */
	snprintf(url, sizeof url, "/vendor/orders/%lld", o.vo[0]);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND audience = 'vendor'"
				   " AND kind = 'order' AND url = ? AND INSTR(text, ?) > 0 AND read_at IS NULL", "iss",
				   va.user_id, url, o.vo_number[0]), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND INSTR(text, ?) > 0",
				   "is", va.user_id, o.vo_number[1]), 0);
	HAS(body_of(va.email, o.vo_number[0]), "a=vendor&k=order");
}
END_TEST

/* A shop whose owner does not want order mails still sees the new order in
 * its notification centre, without a mail. */
START_TEST(test_paid_vendor_no_mail)
{
	struct oft_order o;

	ck_assert_int_eq(notify_set_mail(va.user_id, NOTIFY_VENDOR, "order", 0), 0);
	order2(&o, customer_id, customer_email, "paid");
	ck_assert_int_eq(ordermail_paid(o.id), 0);
	ck_assert_int_eq(oft_mails(va.email, o.vo_number[0]), 0);
	ck_assert_int_eq(oft_mails(vb.email, o.vo_number[1]), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND audience = 'vendor'"
				   " AND kind = 'order' AND INSTR(text, ?) > 0", "is", va.user_id, o.vo_number[0]), 1);
	ck_assert_int_eq(notify_set_mail(va.user_id, NOTIFY_VENDOR, "order", 1), 0);
}
END_TEST

START_TEST(test_shipped_delivered)
{
	struct oft_order o;
	char url[256], token[TOKEN_TEXT_SIZE];
	const char *b;

	oft_order_new(&o, 0, guest_email, &va.vendor_id, 1, "paid");
	ck_assert_int_eq(db_exec("UPDATE vendor_orders SET status = 'shipped', carrier = 'Royal Mail',"
				 " tracking_number = 'RM123<script>' WHERE id = ?", "i", o.vo[0]), 1);
	ck_assert_int_eq(ordermail_shipped(o.vo[0]), 0);
	b = body_of(guest_email, "on its way");
	HAS(b, "Carrier: Royal Mail");
	HAS(b, "Tracking number: RM123<script>");	/* text mail: as typed */
	/* A guest's later mails carry a link to the order too: a MAC of the
	 * order under the key file's key, which opens this order only. */
	ck_assert_int_eq(order_guest_mail_token(o.id, token), 0);
	snprintf(url, sizeof url, "https://shop.example/orders/%lld/guest?token=%s\n", o.id, token);
	HAS(b, url);
	HASNT(b, "link in your order confirmation");
	ck_assert_int_eq(order_visible(o.id, 0, token), 1);
	ck_assert_int_eq(order_visible(o.id + 1, 0, token), 0);
	token[5] = token[5] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(order_visible(o.id, 0, token), 0);
	ck_assert_int_eq(order_visible(o.id, 0, o.guest_token), 1);	/* the confirmation's still works */
	ck_assert_int_eq(ordermail_delivered(o.vo[0]), 0);
	b = body_of(guest_email, "was delivered");
	HAS(b, va.name);
}
END_TEST

START_TEST(test_cancelled_refunded)
{
	struct oft_order o;
	long long refund;
	const char *b;

	order2(&o, customer_id, customer_email, "paid");
	ck_assert_int_eq(db_exec("UPDATE vendor_orders SET status = 'cancelled', cancelled_by = 'admin',"
				 " cancel_reason = 'Listing breaks the rules' WHERE id = ?", "i", o.vo[1]), 1);
	ck_assert_int_eq(ordermail_cancelled(o.vo[1]), 0);
	b = body_of(customer_email, "was cancelled");
	HAS(b, "Reason: Listing breaks the rules");
	b = body_of(vb.email, "was cancelled");
	HAS(b, "do not send it");

	ck_assert_int_eq(db_exec("UPDATE vendor_orders SET refunded_minor = 500 WHERE id = ?", "i", o.vo[1]), 1);
	ck_assert_int_eq(db_exec("INSERT INTO refunds (order_id, vendor_order_id, amount_minor, status, reason,"
				 " idempotency_key) VALUES (?, ?, 500, 'succeeded', 'Cancelled by the shop', ?)",
				 "iis", o.id, o.vo[1], o.vo_number[1]), 1);
	refund = (long long)db_insert_id();
	ck_assert_int_eq(ordermail_refunded(refund), 0);
	b = body_of(customer_email, "Refund for order");
	HAS(b, "We have refunded €5.00");
	HAS(b, "Reason: Cancelled by the shop");
	HAS(b, "goes back to your card");
	ck_assert_int_eq(ordermail_refunded(999999999999LL), -1);
}
END_TEST

START_TEST(test_returns_payout)
{
	struct oft_order o;
	const char *b;

	oft_order_new(&o, customer_id, customer_email, &va.vendor_id, 1, "paid");
	ck_assert_int_eq(ordermail_return(o.vo[0], ORDERMAIL_RETURN_REQUESTED, "Too small"), 0);
	b = body_of(va.email, "Return requested");
	HAS(b, "Too small");
	ck_assert_int_eq(oft_mails(customer_email, "return"), 0);
	ck_assert_int_eq(ordermail_return(o.vo[0], ORDERMAIL_RETURN_REFUSED, "Worn"), 0);
	b = body_of(customer_email, "is refused");
	HAS(b, "Worn");
	HAS(b, "ask us to decide");
	ck_assert_int_eq(ordermail_return(o.vo[0], ORDERMAIL_RETURN_ADMIN_ACCEPTED, "Accepted: unworn"), 0);
	b = body_of(va.email, "accepted by the marketplace");
	HAS(b, "Accepted: unworn");
	ck_assert_int_eq(oft_mails(customer_email, "is accepted"), 1);
	ck_assert_int_eq(ordermail_return(o.vo[0], (enum ordermail_return_step)99, NULL), -1);

	ck_assert_int_eq(ordermail_payout_sent(va.vendor_id, 123456, "PO-7"), 0);
	b = body_of(va.email, "payout");
	HAS(b, "€1,234.56");
	HAS(b, "PO-7");
	ck_assert_int_eq(ordermail_payout_sent(999999999999LL, 1, "x"), -1);
}
END_TEST

START_TEST(test_expired_failed)
{
	struct oft_order o;
	const char *b;

	order2(&o, customer_id, customer_email, "awaiting_payment");
	ck_assert_int_eq(ordermail_payment_failed(o.id, "Card declined"), 0);
	b = body_of(customer_email, "did not go through");
	HAS(b, "The payment service said: Card declined");
	ck_assert_int_eq(ordermail_expired(o.id), 0);
	b = body_of(customer_email, "was not paid");
	HAS(b, va.name);
	HAS(b, vb.name);
	ck_assert_int_eq(ordermail_placed(999999999999LL, NULL), -1);
}
END_TEST

START_TEST(test_rollback)
{
	struct oft_order o;

	order2(&o, customer_id, customer_email, "paid");
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(ordermail_paid(o.id), 0);
	ck_assert_int_eq(db_rollback(), 0);
	ck_assert_int_eq(oft_mails(customer_email, o.number), 0);
	ck_assert_int_eq(oft_mails(va.email, o.vo_number[0]), 0);
}
END_TEST

static Suite *
ordermail_suite(void)
{
	Suite *s = suite_create("ordermail");
	TCase *tc = oft_tcase("mails", suite_setup, suite_teardown);

	tcase_add_test(tc, test_placed_account);
	tcase_add_test(tc, test_placed_guest_bank);
	tcase_add_test(tc, test_paid);
	tcase_add_test(tc, test_paid_vendor_no_mail);
	tcase_add_test(tc, test_shipped_delivered);
	tcase_add_test(tc, test_cancelled_refunded);
	tcase_add_test(tc, test_returns_payout);
	tcase_add_test(tc, test_expired_failed);
	tcase_add_test(tc, test_rollback);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(ordermail_suite)
