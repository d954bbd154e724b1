/*
 * Page tests for adm_bank.c: the reconciliation page (orders waiting for a
 * transfer with their reference), a typed transfer in part and then the
 * rest (partly paid, then paid once), one that names no order waiting to
 * be assigned and then assigned, a CSV statement (each line applied once,
 * money going out skipped, a statement read twice changes nothing, one with
 * a bad line records nothing), and bad input: missing or wrong fields, an
 * unknown order or transfer, an admin without the second factor.
 * Orders are made by tests/order_fixture.h.
 */
#define PU_PREFIX "adm-bank"
#include "adm_util.h"
#include "order_fixture.h"
#include "payment.h"

#define ADMB_BOUNDARY "admbankXq7"

/* A bank-transfer order awaiting payment, with its reference (its number). */
static void
admb_order(struct oft_order *o)
{
	struct pu_user customer;
	long long shop, payment;

	oft_page_shops(&shop, 1);
	pu_user_add(&customer, PU_PREFIX, "customer", 1, NULL);
	oft_order_new(o, customer.id, customer.email, &shop, 1, "awaiting_payment");
	ck_assert_int_eq(db_exec("UPDATE orders SET payment_method = 'bank_transfer' WHERE id = ?", "i", o->id), 1);
	ck_assert_int_eq(payment_open(o->id, &payment), 0);
}

static long long
admb_order_is(long long order_id, const char *status)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM orders WHERE id = ? AND status = ?", "is", order_id, status);
}

/* "12.34" of minor units. */
static const char *
admb_amount(long long minor)
{
	static char text[32];

	snprintf(text, sizeof text, "%lld.%02lld", minor / 100, minor % 100);
	return text;
}

/* Today, YYYY-MM-DD. */
static const char *
admb_today(void)
{
	static char day[11];
	time_t now = time(NULL);

	strftime(day, sizeof day, "%Y-%m-%d", gmtime(&now));
	return day;
}

/* Uploads a statement as the admin (multipart, with the session's token). */
static struct pu_page *
admb_upload(const struct admt_user *admin, const char *csv)
{
	struct pu_page *p;
	char *body;

	ck_assert(asprintf(&body, "--" ADMB_BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
			   "--" ADMB_BOUNDARY "\r\nContent-Disposition: form-data; name=\"statement\";"
			   " filename=\"statement.csv\"\r\nContent-Type: text/csv\r\n\r\n%s\r\n--" ADMB_BOUNDARY "--\r\n",
			   admin->u.csrf, csv) > 0);
	pu_content_type = "multipart/form-data; boundary=" ADMB_BOUNDARY;
	p = pu_post("/admin/payments/bank/import", admin->u.cookie, body);
	pu_content_type = NULL;
	free(body);
	return p;
}

START_TEST(test_typed_transfers)
{
	struct admt_user admin, half;
	struct oft_order o;
	struct pu_page *p;
	char body[256], flash[160];

	admt_admin_new(&admin, 1);
	admt_admin_new(&half, 0);
	admb_order(&o);
	p = pu_get_as(&admin.u, "/admin/payments/bank");
	pu_assert_status(p, 200);
	pu_assert_text(p, "Orders waiting for a transfer");
	pu_assert_text(p, o.number);
	pu_free(p);
	p = pu_get_as(&half.u, "/admin/payments/bank");
	ck_assert_int_ne(p->status, 200);
	pu_free(p);

	/* bad input: nothing recorded */
	p = pu_post_as(&admin.u, "/admin/payments/bank", "received_on=2026-13-01&amount=&reference=x");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter the amount received, such as 125.50.");
	pu_free(p);
	snprintf(body, sizeof body, "received_on=%s&amount=1.00&reference=x&order=BZ-NOPE", admb_today());
	p = pu_post_as(&admin.u, "/admin/payments/bank", body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "No order has this number.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM bank_transfers WHERE order_id = ?", o.id), 0);

	/* part of it, then the rest */
	snprintf(body, sizeof body, "received_on=%s&amount=10.00&reference=%s&payer=Ada+Lovelace", admb_today(),
		 o.number);
	p = pu_post_as(&admin.u, "/admin/payments/bank", body);
	pu_assert_status(p, 303);
	snprintf(flash, sizeof flash, "Order %s received €10.00;", o.number);
	pu_assert_flash(p, flash);
	pu_free(p);
	ck_assert_int_eq(admb_order_is(o.id, "awaiting_payment"), 1);
	snprintf(body, sizeof body, "received_on=%s&amount=%s&reference=%s", admb_today(), admb_amount(o.total - 1000),
		 o.number);
	p = pu_post_as(&admin.u, "/admin/payments/bank", body);
	pu_assert_status(p, 303);
	snprintf(flash, sizeof flash, "Order %s is paid.", o.number);
	pu_assert_flash(p, flash);
	pu_free(p);
	ck_assert_int_eq(admb_order_is(o.id, "paid"), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM events WHERE type = 'order.paid' AND subject_id = ?", o.id), 1);
	/* more for an order paid already: to pay back by hand */
	p = pu_post_as(&admin.u, "/admin/payments/bank", body);
	pu_assert_status(p, 303);
	snprintf(flash, sizeof flash, "Order %s is not waiting for a bank transfer", o.number);
	pu_assert_flash(p, flash);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM events WHERE type = 'order.paid' AND subject_id = ?", o.id), 1);
	p = pu_get_as(&admin.u, "/admin/payments/bank");
	pu_assert_status(p, 200);
	pu_assert_text(p, "Latest matched transfers");
	pu_assert_text(p, "Ada Lovelace");
	pu_free(p);
}
END_TEST

/* A transfer whose reference names no order waits; assigned, it pays. */
START_TEST(test_unmatched_assigned)
{
	struct admt_user admin;
	struct oft_order o;
	struct pu_page *p;
	char body[256], uri[96], reference[64], flash[160];
	long long id;

	admt_admin_new(&admin, 1);
	admb_order(&o);
	snprintf(reference, sizeof reference, "gift %lld", o.id);
	snprintf(body, sizeof body, "received_on=%s&amount=%s&reference=gift+%lld", admb_today(),
		 admb_amount(o.total), o.id);
	p = pu_post_as(&admin.u, "/admin/payments/bank", body);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "No order matches this transfer's reference: assign it below.");
	pu_free(p);
	id = db_scalar(0, "SELECT id FROM bank_transfers WHERE reference = ? AND status = 'unmatched'", "s", reference);
	ck_assert_int_gt(id, 0);
	p = pu_get_as(&admin.u, "/admin/payments/bank");
	pu_assert_status(p, 200);
	pu_assert_text(p, "Transfers that name no order");
	pu_assert_text(p, reference);
	snprintf(uri, sizeof uri, "/admin/payments/bank/%lld/assign", id);
	pu_assert_has(p, uri);
	pu_free(p);
	p = pu_post_as(&admin.u, uri, "order=BZ-NOPE");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "No order has this number: the transfer was not assigned.");
	pu_free(p);
	ck_assert_int_eq(admb_order_is(o.id, "awaiting_payment"), 1);
	p = pu_post_as(&admin.u, "/admin/payments/bank/999999999999/assign", body);
	ck_assert_int_ne(p->status, 303);
	pu_free(p);
	snprintf(body, sizeof body, "order=%s", o.number);
	p = pu_post_as(&admin.u, uri, body);
	pu_assert_status(p, 303);
	snprintf(flash, sizeof flash, "Order %s is paid.", o.number);
	pu_assert_flash(p, flash);
	pu_free(p);
	ck_assert_int_eq(admb_order_is(o.id, "paid"), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM bank_transfers WHERE order_id = ? AND status = 'matched'", o.id),
			 1);
	pu_expect(404, pu_post_as(&admin.u, "/admin/payments/bank/999999999/assign", body));
}
END_TEST

/* A statement: a bad line records nothing; a good one applies each line
 * once, skips money going out; read again it changes nothing. */
START_TEST(test_statement)
{
	struct admt_user admin;
	struct oft_order o;
	struct pu_page *p;
	char csv[512], line[160];

	admt_admin_new(&admin, 1);
	admb_order(&o);
	snprintf(csv, sizeof csv, "date,amount,reference,payer\n31/12/2026,%s,%s,Ada\n%s,-5.00,Fees,\n",
		 admb_amount(o.total), o.number, admb_today());
	p = admb_upload(&admin, csv);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Nothing was recorded: the statement has problems");
	pu_assert_text(p, "Line 2: the date must be written YYYY-MM-DD.");
	pu_free(p);
	p = admb_upload(&admin, "when,how much\n2026-12-01,5.00\n");
	pu_assert_status(p, 422);
	pu_assert_text(p, "the first line must name the columns date, amount and reference");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM bank_transfers WHERE order_id = ?", o.id), 0);

	snprintf(csv, sizeof csv, "date,amount,reference,payer\n%s,%s,%s,Ada\n%s,-5.00,Fees,\n", admb_today(),
		 admb_amount(o.total), o.number, admb_today());
	p = admb_upload(&admin, csv);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Statement read");
	snprintf(line, sizeof line, "Line 2: Order %s is paid.", o.number);
	pu_assert_text(p, line);
	pu_free(p);
	ck_assert_int_eq(admb_order_is(o.id, "paid"), 1);
	p = admb_upload(&admin, csv);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Line 2: This transfer was recorded before: nothing changed.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM bank_transfers WHERE order_id = ?", o.id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM events WHERE type = 'order.paid' AND subject_id = ?", o.id), 1);
	/* no file at all */
	p = pu_post_as(&admin.u, "/admin/payments/bank/import", "");
	ck_assert_int_ge(p->status, 400);
	ck_assert_int_lt(p->status, 500);
	pu_free(p);
}
END_TEST

static Suite *
adm_bank_suite(void)
{
	Suite *s = suite_create("adm_bank");
	TCase *tc = oft_page_tcase(s, "bank");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_typed_transfers);
	tcase_add_test(tc, test_unmatched_assigned);
	tcase_add_test(tc, test_statement);
	return s;
}

CHECK_MAIN(adm_bank_suite)
