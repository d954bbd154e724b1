/*
 * sf_payment: paying for an order. The customer goes to the provider's
 * hosted page (card, PayPal) and comes back; the provider's webhook says
 * the same thing by another road; both end in payment_succeeded (payment.h),
 * which marks the order paid once. A bank-transfer order shows where to
 * send the money and the reference to write.
 */
#include "sf.h"

#include "cfg.h"
#include "csrf.h"
#include "mail.h"
#include "money.h"
#include "order.h"
#include "payment.h"
#include "sess.h"

#include <stdio.h>
#include <string.h>

/* The path of an order's payment page (GET /orders/{id}/payment), for its customer. */
static const char *
sf_payment_page_path(struct req *rq, const struct sf_customer *who, long long order_id)
{
	return sf_orders_url(rq, who, arena_printf(&rq->arena, "/orders/%lld/payment", order_id));
}

void
sf_payment_bank_details(tmpl_dict *d, long long order_id)
{
	struct db_result *r;
	char amount[40];
	tmpl_dict *b;

	r = db_query("SELECT o.bank_reference, o.total_minor, IFNULL(MAX(p.received_minor), 0),"
		     " DATE_FORMAT(o.expires_at, '%e %M %Y')"
		     " FROM orders o LEFT JOIN payments p ON p.order_id = o.id AND p.provider = 'bank'"
		     " WHERE o.id = ? AND o.payment_method = 'bank_transfer' GROUP BY o.id", "i", order_id);
	if (r == NULL || !db_next(r) || db_str(r, 0) == NULL) {
		db_free(r);
		return;
	}
	b = tmpl_include(d, "BANK_DETAILS", "storefront/_bank_details.tpl");
	tmpl_set(b, "ACCOUNT_NAME", cfg_str("BAZAAR_BANK_ACCOUNT_NAME", "Bazaar Marketplace Ltd"));
	tmpl_set(b, "BANK_NAME", cfg_str("BAZAAR_BANK_NAME", "Example Bank"));
	tmpl_set(b, "IBAN", cfg_str("BAZAAR_BANK_IBAN", "GB33 BUKB 2020 1555 5555 55"));
	tmpl_set(b, "BIC", cfg_str("BAZAAR_BANK_BIC", "BUKBGB22"));
	tmpl_set(b, "REFERENCE", db_str(r, 0));
	tmpl_set(b, "AMOUNT", money_format(db_int(r, 1), amount, sizeof amount));
	tmpl_set(b, "PAY_BY", db_str(r, 3));
	if (db_int(r, 2) > 0 && db_int(r, 2) < db_int(r, 1)) {
		tmpl_dict *part = tmpl_section(b, "PARTLY_PAID");

		tmpl_set(part, "RECEIVED", money_format(db_int(r, 2), amount, sizeof amount));
		tmpl_set(part, "MISSING", money_format(db_int(r, 1) - db_int(r, 2), amount, sizeof amount));
	}
	db_free(r);
}

int
sf_payment_start(struct req *rq, struct resp *rs, long long order_id, const char *back)
{
	char url[PAYMENT_URL_MAX + 1], failure[PAYMENT_FAILURE_MAX + 1];
	const char *return_url, *cancel_url;
	long long payment_id;
	int rc;

	rc = payment_open(order_id, &payment_id);
	if (rc == PAYMENT_NOT_PAYABLE) {
		resp_set_flash(rs, "This order is not waiting for a payment.");
		return resp_redirect(rs, 303, back);
	}
	if (rc != 0)
		return 500;
	if (db_scalar(0, "SELECT provider = 'bank' FROM payments WHERE id = ?", "i", payment_id))
		return resp_redirect(rs, 303, back);
	return_url = arena_printf(&rq->arena, "%s/payments/%lld/return", mail_base_url(), payment_id);
	cancel_url = arena_printf(&rq->arena, "%s/payments/%lld/cancel", mail_base_url(), payment_id);
	rc = payment_redirect(payment_id, return_url, cancel_url, url, sizeof url, failure, sizeof failure);
	if (rc != 0) {
		resp_set_flash(rs, failure);
		return resp_redirect(rs, 303, back);
	}
	return resp_redirect(rs, 303, url);
}

/*
 * ROUTE: GET /orders/{id}/payment      TEMPLATE: storefront/payment_view.tpl
 * PARAMS: id (one of the customer's orders), token (a guest's order link)
 * The payment of an order: paid, waiting (with a button to pay by card or
 * PayPal, or the bank details and the reference for a bank transfer, and
 * what arrived so far), or closed unpaid.
 */
int
sf_payment_view(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct db_result *r;
	struct sf_customer who;
	char amount[40];
	long long order_id = req_path_id(rq, "id");
	tmpl_dict *d;
	const char *status, *method;
	int rc;

	if ((rc = sf_orders_customer(rq, order_id, &who)) != 0)
		return rc;
	r = db_query("SELECT o.number, o.status, o.payment_method, o.total_minor,"
		     " DATE_FORMAT(o.paid_at, '%e %M %Y'), DATE_FORMAT(o.expires_at, '%e %M %Y, %H:%i UTC'),"
		     " (SELECT p.failure FROM payments p WHERE p.order_id = o.id ORDER BY p.id DESC LIMIT 1)"
		     " FROM orders o WHERE o.id = ?", "i", order_id);
	if (r == NULL || !db_next(r)) {
		db_free(r);
		return 500;
	}
	d = view_begin(&v, rq, rs, "storefront/payment_view.tpl", "Payment");
	tmpl_set(d, "NUMBER", db_str(r, 0));
	tmpl_set(d, "TOTAL", money_format(db_int(r, 3), amount, sizeof amount));
	tmpl_set_int(d, "ORDER_ID", order_id);
	status = db_str(r, 1);
	method = db_str(r, 2);
	if (strcmp(status, "paid") == 0) {
		tmpl_set(tmpl_section(d, "PAID"), "PAID_ON", db_str(r, 4));
	} else if (strcmp(status, "awaiting_payment") == 0 && strcmp(method, "bank_transfer") == 0) {
		long long payment_id;

		/* Gives the order its reference when it has none yet. */
		if (payment_open(order_id, &payment_id) < 0) {
			db_free(r);
			view_discard(&v);
			return 500;
		}
		tmpl_show(d, "BANK");
		sf_payment_bank_details(d, order_id);
	} else if (strcmp(status, "awaiting_payment") == 0) {
		tmpl_dict *w = tmpl_section(d, "WAITING");

		tmpl_set(w, "METHOD", order_method_word(method));
		tmpl_set(w, "EXPIRES", db_str(r, 5));
		tmpl_set(w, "CSRF", csrf_token(rq, rs));
		sf_orders_form_token(w, &who);
		if (db_str(r, 6) != NULL)
			tmpl_set(tmpl_section(w, "FAILURE"), "MESSAGE", db_str(r, 6));
	} else {
		tmpl_set(tmpl_section(d, "CLOSED"), "WHY",
			 strcmp(status, "expired") == 0 ? "It was not paid in time and has expired." :
			 "It was cancelled before it was paid.");
	}
	db_free(r);
	if (who.token == NULL)
		view_crumb(&v, "Your orders", "/orders");
	view_crumb(&v, "Order", sf_orders_order_url(rq, &who, order_id));
	view_crumb(&v, "Payment", NULL);
	return view_end(&v, rs);
}

/*
 * ROUTE: POST /orders/{id}/payment      TEMPLATE: none (redirects to the provider's page)
 * PARAMS: id (one of the customer's orders, awaiting payment), token (a guest's order link)
 * Sends the customer to the provider's hosted page to pay the order (again,
 * after leaving it); a bank-transfer order goes back to its payment page.
 */
int
sf_payment_pay(struct req *rq, struct resp *rs)
{
	struct sf_customer who;
	long long order_id = req_path_id(rq, "id");
	int rc;

	if ((rc = sf_orders_customer(rq, order_id, &who)) != 0)
		return rc;
	return sf_payment_start(rq, rs, order_id, sf_payment_page_path(rq, &who, order_id));
}

/* The page after the provider: what the provider said, the order's number
 * for its own customer only (the address is a payment's, not a secret). */
static int
sf_payment_after(struct req *rq, struct resp *rs, enum payment_state state, long long order_id)
{
	struct view v = { 0 };
	tmpl_dict *d;
	const char *title;

	title = state == PAYMENT_STATE_SUCCEEDED ? "Thank you for your order" :
		state == PAYMENT_STATE_CANCELLED ? "Payment cancelled" : "Waiting for the payment";
	d = view_begin(&v, rq, rs, "storefront/payment_return.tpl", title);
	tmpl_show(d, state == PAYMENT_STATE_SUCCEEDED ? "SUCCEEDED" :
		  state == PAYMENT_STATE_CANCELLED ? "CANCELLED" : "OPEN");
	if (order_id > 0) {
		/* The order's page checks who may see it (its customer, or the
		 * guest's browser); the number only for the logged-in customer. */
		tmpl_dict *o = tmpl_section(d, "ORDER");

		tmpl_set(o, "URL", arena_printf(&rq->arena, "/checkout/placed/%lld", order_id));
		if (rq->sess != NULL) {
			struct db_result *r = db_query("SELECT number FROM orders WHERE id = ? AND user_id = ?", "ii",
						       order_id, rq->sess->user_id);

			if (r != NULL && db_next(r))
				tmpl_set(tmpl_section(o, "NUMBER"), "NUMBER", db_str(r, 0));
			db_free(r);
		}
	}
	return view_end(&v, rs);
}

/*
 * ROUTE: GET /payments/{id}/return      TEMPLATE: storefront/payment_return.tpl
 * PARAMS: id (a payment)
 * Where the provider sends the customer back after paying. Bazaar asks the
 * provider (the address alone proves nothing) and, when it says the payment
 * succeeded, marks the order paid through the same step as the webhook.
 */
int
sf_payment_return(struct req *rq, struct resp *rs)
{
	enum payment_state state;
	long long order_id;
	int rc;

	rc = payment_return(req_path_id(rq, "id"), &state, &order_id);
	if (rc == PAYMENT_NOT_PAYABLE && order_id == 0)
		return 404;
	if (rc < 0)
		return 500;
	return sf_payment_after(rq, rs, state, order_id);
}

/*
 * ROUTE: GET /payments/{id}/cancel      TEMPLATE: storefront/payment_return.tpl
 * PARAMS: id (a payment)
 * Where the provider sends a customer who gave up. What the provider says
 * decides: a cancelled payment cancels its order and puts the items back.
 */
int
sf_payment_cancel(struct req *rq, struct resp *rs)
{
	return sf_payment_return(rq, rs);
}

/*
 * ROUTE: POST /payments/webhook/{provider:slug}      TEMPLATE: none (JSON)
 * PARAMS: provider (a payment provider's name); the body is the provider's
 * JSON event, signed in its signature header
 * A payment provider's event. No CSRF token: the signature (and its time)
 * is checked before anything else; a bad one is 401 and changes nothing.
 * Each event is acted on once however often it comes.
 */
int
sf_payment_webhook(struct req *rq, struct resp *rs)
{
	const struct payment_provider *prov = payment_provider_named(req_path_str(rq, "provider"));
	const char *why = "", *signature;
	int status;

	rs->content_type = "application/json";
	rs->keep_body = 1;
	if (prov == NULL) {
		buf_adds(&rs->body, "{\"error\": \"no such provider\"}\n");
		return 404;
	}
	signature = req_env(rq, prov->signature_header);
	if (rq->json_body == NULL) {
		buf_adds(&rs->body, "{\"error\": \"the body must be application/json\"}\n");
		return 415;
	}
	status = payment_webhook(prov->name, signature, rq->json_body, rq->json_body_len, &why);
	if (status == 200)
		buf_adds(&rs->body, "{\"received\": true}\n");
	else if (status < 500)
		buf_adds(&rs->body, status == 401 ? "{\"error\": \"bad signature\"}\n" : "{\"error\": \"bad event\"}\n");
	else
		buf_adds(&rs->body, "{\"error\": \"try again later\"}\n");
	return status;
}
