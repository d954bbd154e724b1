/*
 * Page tests for sf_payment.c: an order's payment page in each state (card
 * waiting with "Pay now", bank transfer with the account and the
 * reference, paid, closed), paying through the sandbox provider's page
 * (the same page however often it is asked), the return from the provider
 * (waiting, then paid once however often the customer comes back), the
 * cancel return (the order cancelled, its stock back), and bad input:
 * someone else's or an unknown order or payment (404), no login, no CSRF
 * token, and webhooks that are not JSON or not signed.
 * Orders are made by tests/order_fixture.h; the sandbox provider is the
 * test stack's.
 */
#define PU_PREFIX "sfp"
#include "page_util.h"
#include "order_fixture.h"

/* A logged-in customer and a card order of theirs from a new shop, awaiting
 * payment. */
static void
sfp_order(struct pu_user *c, struct oft_order *o)
{
	long long shop;

	oft_page_shops(&shop, 1);
	pu_user_add(c, PU_PREFIX, "customer", 1, NULL);
	pu_login(c, 0);
	oft_order_new(o, c->id, c->email, &shop, 1, "awaiting_payment");
}

static struct pu_page *
sfp_get(const struct pu_user *u, const char *fmt, long long id)
{
	char uri[128];

	snprintf(uri, sizeof uri, fmt, id);
	return u ? pu_get_as(u, uri) : pu_get(uri);
}

static struct pu_page *
sfp_post(const struct pu_user *u, const char *fmt, long long id)
{
	char uri[128];

	snprintf(uri, sizeof uri, fmt, id);
	return pu_post_as(u, uri, "");
}

/* The order's latest payment: its id, and its provider's ref into ref. */
static long long
sfp_payment(long long order_id, char *ref, size_t size)
{
	struct db_result *r = db_query("SELECT id, IFNULL(provider_ref, '') FROM payments WHERE order_id = ?"
				       " ORDER BY id DESC LIMIT 1", "i", order_id);
	long long id = 0;

	ck_assert_ptr_nonnull(r);
	if (db_next(r)) {
		id = db_int(r, 0);
		snprintf(ref, size, "%s", db_str(r, 1));
	}
	db_free(r);
	return id;
}

/* What the sandbox provider says of its payment from now on. */
static void
sfp_sandbox_says(const char *ref, const char *status)
{
	ck_assert_int_eq(db_exec("UPDATE sandbox_payments SET status = ? WHERE ref = ?", "ss", status, ref), 1);
}

static long long
sfp_order_is(long long order_id, const char *status)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM orders WHERE id = ? AND status = ?", "is", order_id, status);
}

/* An order no longer waiting: its page says what it is and offers no
 * payment; asked to pay, it says so and changes nothing. */
static void
sfp_not_waiting(const struct pu_user *c, long long order_id, const char *says)
{
	struct pu_page *p;

	p = sfp_get(c, "/orders/%lld/payment", order_id);
	pu_assert_status(p, 200);
	pu_assert_text(p, says);
	pu_assert_lacks(p, "Pay now");
	pu_free(p);
	p = sfp_post(c, "/orders/%lld/payment", order_id);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "This order is not waiting for a payment.");
	pu_free(p);
}

START_TEST(test_card_payment)
{
	struct pu_user c, other;
	struct oft_order o;
	struct pu_page *p;
	char ref[64], location[1100], return_uri[64];
	long long payment;

	sfp_order(&c, &o);
	p = sfp_get(&c, "/orders/%lld/payment", o.id);
	pu_assert_status(p, 200);
	pu_assert_text(p, o.number);
	pu_assert_text(p, "This order is waiting for payment by card.");
	pu_assert_text(p, "Pay now");
	pu_free(p);

	/* someone else's order, an unknown one, no login: nothing shown */
	pu_user_add(&other, PU_PREFIX, "customer", 1, NULL);
	pu_login(&other, 0);
	p = sfp_get(&other, "/orders/%lld/payment", o.id);
	pu_assert_status(p, 404);
	pu_free(p);
	p = sfp_post(&other, "/orders/%lld/payment", o.id);
	pu_assert_status(p, 404);
	pu_free(p);
	p = sfp_get(&c, "/orders/%lld/payment", 999999999999LL);
	pu_assert_status(p, 404);
	pu_free(p);
	p = sfp_get(NULL, "/orders/%lld/payment", o.id);
	pu_assert_status(p, 303);
	pu_free(p);
	pu_expect(403, pu_post("/orders/1/payment", c.cookie, "csrf=wrong"));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM payments WHERE order_id = ?", o.id), 0);

	/* to the provider's page; asked again, the same page */
	p = sfp_post(&c, "/orders/%lld/payment", o.id);
	pu_assert_status(p, 303);
	ck_assert_ptr_nonnull(pu_header(p, "Location"));
	snprintf(location, sizeof location, "%s", pu_header(p, "Location"));
	ck_assert_ptr_nonnull(strstr(location, "/sandbox/"));
	pu_free(p);
	p = sfp_post(&c, "/orders/%lld/payment", o.id);
	pu_assert_status(p, 303);
	pu_assert_location(p, location);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM payments WHERE order_id = ?", o.id), 1);
	payment = sfp_payment(o.id, ref, sizeof ref);
	ck_assert_int_gt(payment, 0);
	ck_assert(ref[0] != '\0');

	/* back before paying: waiting, nothing changed */
	snprintf(return_uri, sizeof return_uri, "/payments/%lld/return", payment);
	p = pu_get_as(&c, return_uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Waiting for the payment");
	pu_free(p);
	ck_assert_int_eq(sfp_order_is(o.id, "awaiting_payment"), 1);

	/* paid: the return marks it paid once, however often it comes */
	sfp_sandbox_says(ref, "succeeded");
	p = pu_get_as(&c, return_uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Thank you for your order");
	pu_assert_text(p, o.number);
	pu_free(p);
	p = pu_get(return_uri);	/* another browser: no number shown */
	pu_assert_status(p, 200);
	pu_assert_text(p, "Thank you for your order");
	pu_assert_lacks(p, o.number);
	pu_free(p);
	ck_assert_int_eq(sfp_order_is(o.id, "paid"), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM events WHERE type = 'order.paid' AND subject_id = ?", o.id), 1);
	sfp_not_waiting(&c, o.id, "Paid on");
	p = sfp_get(NULL, "/payments/%lld/return", 999999999999LL);
	pu_assert_status(p, 404);
	pu_free(p);
	p = sfp_get(NULL, "/payments/%lld/cancel", 999999999999LL);
	pu_assert_status(p, 404);
	pu_free(p);
}
END_TEST

/* The customer gives up on the provider's page: the order is cancelled,
 * its stock back once; its page says it is closed. An expired one too. */
START_TEST(test_cancelled_and_closed)
{
	struct pu_user c;
	struct oft_order o;
	struct pu_page *p;
	char ref[64];
	long long payment, product, stock;

	sfp_order(&c, &o);
	product = db_scalar(0, "SELECT product_id FROM order_items WHERE order_id = ?", "i", o.id);
	stock = db_scalar(-1, "SELECT stock FROM products WHERE id = ?", "i", product);
	p = sfp_post(&c, "/orders/%lld/payment", o.id);
	pu_assert_status(p, 303);
	pu_free(p);
	payment = sfp_payment(o.id, ref, sizeof ref);
	sfp_sandbox_says(ref, "cancelled");
	p = sfp_get(&c, "/payments/%lld/cancel", payment);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Payment cancelled");
	pu_free(p);
	p = sfp_get(&c, "/payments/%lld/cancel", payment);
	pu_assert_status(p, 200);
	pu_free(p);
	ck_assert_int_eq(sfp_order_is(o.id, "cancelled"), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT stock FROM products WHERE id = ?", "i", product), stock + OFT_QTY);
	sfp_not_waiting(&c, o.id, "This order is closed: It was cancelled before it was paid.");

	ck_assert_int_eq(db_exec("UPDATE orders SET status = 'expired' WHERE id = ?", "i", o.id), 1);
	p = sfp_get(&c, "/orders/%lld/payment", o.id);
	pu_assert_status(p, 200);
	pu_assert_text(p, "It was not paid in time and has expired.");
	pu_free(p);
}
END_TEST

/* A bank transfer: the account and the order's reference, no provider. */
START_TEST(test_bank_transfer)
{
	struct pu_user c;
	struct oft_order o;
	struct pu_page *p;
	char here[64];

	sfp_order(&c, &o);
	ck_assert_int_eq(db_exec("UPDATE orders SET payment_method = 'bank_transfer' WHERE id = ?", "i", o.id), 1);
	p = sfp_get(&c, "/orders/%lld/payment", o.id);
	pu_assert_status(p, 200);
	pu_assert_text(p, "GB33 BUKB 2020 1555 5555 55");
	pu_assert_text(p, o.number);	/* the reference to write */
	pu_assert_lacks(p, "Pay now");
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM orders WHERE bank_reference = ?", o.number), 1);
	snprintf(here, sizeof here, "/orders/%lld/payment", o.id);
	p = pu_post_as(&c, here, "");
	pu_assert_status(p, 303);
	pu_assert_location(p, here);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM payments WHERE order_id = ? AND provider = 'bank'", o.id), 1);
	ck_assert_int_eq(sfp_order_is(o.id, "awaiting_payment"), 1);
}
END_TEST

/* Webhooks: an unknown provider, a body that is not JSON, a signature that
 * does not match: refused, nothing recorded. */
START_TEST(test_webhook_refused)
{
	static const char body[] = "{\"id\": \"evt_sfp_forged\", \"type\": \"payment.succeeded\","
				   " \"data\": {\"ref\": \"sbp-0\", \"merchant_ref\": \"1\"}}";
	struct pu_page *p;

	pu_expect(415, pu_post("/payments/webhook/sandbox", NULL, "id=1"));
	pu_content_type = "application/json";
	pu_expect(404, pu_post("/payments/webhook/nosuch", NULL, body));
	p = pu_post("/payments/webhook/sandbox", NULL, body);
	pu_assert_status(p, 401);
	pu_assert_has(p, "bad signature");
	pu_free(p);
	pu_extra_header = "HTTP_SANDBOX_SIGNATURE=t=1,v1=00";
	pu_expect(401, pu_post("/payments/webhook/sandbox", NULL, body));
	pu_content_type = pu_extra_header = NULL;
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM payment_events WHERE event_id = ?", "evt_sfp_forged"), 0);
}
END_TEST

static Suite *
sf_payment_suite(void)
{
	Suite *s = suite_create("sf_payment");
	TCase *tc = oft_page_tcase(s, "payment");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_card_payment);
	tcase_add_test(tc, test_cancelled_and_closed);
	tcase_add_test(tc, test_bank_transfer);
	tcase_add_test(tc, test_webhook_refused);
	return s;
}

CHECK_MAIN(sf_payment_suite)
