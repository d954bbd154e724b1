/*
 * sbx_page: the hosted payment pages the customer sees. A card payment is a
 * card form whose test numbers approve, decline, or ask for an extra
 * confirmation step (as a 3-D Secure check does); a PayPal payment is an
 * approve / cancel page. The outcome sends the browser back to the
 * merchant and queues the webhook, in the same transaction as the change.
 */
#include "sbx.h"

#include "csrf.h"
#include "log.h"
#include "money.h"
#include "payment.h"
#include "route.h"
#include "view.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The test cards, as the page lists them. */
enum sbx_card_outcome { SBX_APPROVE, SBX_DECLINE, SBX_CONFIRM };
static const struct sbx_card {
	const char *number, *brand, *label;
	enum sbx_card_outcome outcome;
	const char *decline;
} sbx_cards[] = {
	{ "4242424242424242", "Visa", "approved", SBX_APPROVE, NULL },
	{ "5555555555554444", "Mastercard", "approved", SBX_APPROVE, NULL },
	{ "4000000000000002", "Visa", "declined", SBX_DECLINE, "Your card was declined." },
	{ "4000000000009995", "Visa", "declined: insufficient funds", SBX_DECLINE,
	  "Your card has insufficient funds." },
	{ "4000002760003184", "Visa", "asks for an extra confirmation step", SBX_CONFIRM, NULL },
};

struct sbx_payment {
	char ref[41], method[8], status[12], currency[4];
	char description[201], return_url[501], cancel_url[501], decline[201];
	long long amount;
};

/* Reads the payment of the path's ref: 0, 404 or 500. */
static int
sbx_page_load(struct req *rq, struct sbx_payment *p)
{
	struct db_result *r;

	r = db_query("SELECT ref, method, status, currency, description, return_url, cancel_url,"
		     " IFNULL(last_decline, ''), amount_minor FROM sandbox_payments WHERE ref = ?", "s",
		     req_path_str(rq, "ref"));
	if (r == NULL)
		return 500;
	if (!db_next(r)) {
		db_free(r);
		return 404;
	}
	snprintf(p->ref, sizeof p->ref, "%s", db_str(r, 0));
	snprintf(p->method, sizeof p->method, "%s", db_str(r, 1));
	snprintf(p->status, sizeof p->status, "%s", db_str(r, 2));
	snprintf(p->currency, sizeof p->currency, "%s", db_str(r, 3));
	snprintf(p->description, sizeof p->description, "%s", db_str(r, 4));
	snprintf(p->return_url, sizeof p->return_url, "%s", db_str(r, 5));
	snprintf(p->cancel_url, sizeof p->cancel_url, "%s", db_str(r, 6));
	snprintf(p->decline, sizeof p->decline, "%s", db_str(r, 7));
	p->amount = db_int(r, 8);
	db_free(r);
	return 0;
}

/* A page of the sandbox in the site's layout (without the shop's search and
 * account links: struct app's header_omit). */
static tmpl_dict *
sbx_page_begin(struct view *v, struct req *rq, struct resp *rs, const char *name, const struct sbx_payment *p)
{
	tmpl_dict *d = view_begin(v, rq, rs, name, "Sandbox payment");
	char amount[40];

	tmpl_set(d, "REF", p->ref);
	tmpl_set(d, "DESCRIPTION", p->description);
	tmpl_set(d, "AMOUNT", money_format(p->amount, amount, sizeof amount));
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	tmpl_set(d, "RETURN_URL", p->return_url);
	tmpl_set(d, "CANCEL_URL", p->cancel_url);
	return d;
}

/* The page for the payment's state, with an error for the card form. */
static int
sbx_page_show(struct req *rq, struct resp *rs, const struct sbx_payment *p, const char *error, int status)
{
	struct view v = { 0 };
	tmpl_dict *d = sbx_page_begin(&v, rq, rs, "sandbox/pay_page.tpl", p);
	size_t i;

	if (strcmp(p->status, "succeeded") == 0) {
		tmpl_show(d, "SUCCEEDED");
	} else if (strcmp(p->status, "cancelled") == 0) {
		tmpl_show(d, "CANCELLED");
	} else if (strcmp(p->method, "paypal") == 0) {
		tmpl_show(d, "PAYPAL");
		tmpl_show(d, "OPEN");
	} else {
		tmpl_dict *card = tmpl_section(d, "CARD");

		tmpl_show(d, "OPEN");
		tmpl_set(card, "CSRF", csrf_token(rq, rs));
		tmpl_set(card, "REF", p->ref);
		for (i = 0; i < sizeof sbx_cards / sizeof sbx_cards[0]; i++) {
			tmpl_dict *row = tmpl_section(card, "TEST_CARD");

			tmpl_set(row, "NUMBER", sbx_cards[i].number);
			tmpl_set(row, "LABEL", sbx_cards[i].label);
		}
		if (error != NULL)
			tmpl_set(tmpl_section(card, "ERROR"), "MESSAGE", error);
	}
	return view_end_status(&v, rs, status);
}

/*
 * ROUTE: GET /sandbox/pay/{ref:slug}      TEMPLATE: sandbox/pay_page.tpl
 * PARAMS: ref (a payment)
 * The hosted payment page: the card form with the test numbers, or the
 * PayPal-style approve / cancel page; a finished payment says so.
 */
int
sbx_page_view(struct req *rq, struct resp *rs)
{
	struct sbx_payment p;
	int st;

	if ((st = sbx_page_load(rq, &p)) != 0)
		return st;
	if (strcmp(p.status, "confirming") == 0)
		return resp_redirect(rs, 303, arena_printf(&rq->arena, "/sandbox/pay/%s/confirm", p.ref));
	return sbx_page_show(rq, rs, &p, p.decline[0] ? p.decline : NULL, 200);
}

struct sbx_change {
	const char *ref, *from, *to, *event, *decline, *brand, *last4;
	long long amount;
	int changed;
};

/* One conditional change of a payment's state and its webhook, together. */
static int
sbx_page_change_tx(void *arg)
{
	struct sbx_change *c = arg;
	long long n;

	c->changed = 0;
	if (strcmp(c->from, "open") == 0)
		n = db_exec("UPDATE sandbox_payments SET status = ?, last_decline = ?, card_brand = IFNULL(?, card_brand),"
			    " card_last4 = IFNULL(?, card_last4) WHERE ref = ? AND status IN ('open', 'confirming')",
			    "sssss", c->to, c->decline, c->brand, c->last4, c->ref);
	else
		n = db_exec("UPDATE sandbox_payments SET status = ?, last_decline = ? WHERE ref = ? AND status = ?",
			    "ssss", c->to, c->decline, c->ref, c->from);
	if (n < 0)
		return -1;
	if (n == 0)
		return 0;
	c->changed = 1;
	return c->event ? sbx_event(c->ref, c->event, c->decline, c->amount) : 0;
}

static int
sbx_page_change(struct sbx_change *c)
{
	if (db_tx(sbx_page_change_tx, c) != 0)
		return -1;
	if (c->changed)
		log_info("sandbox.payment", "ref=%s status=%s event=%s", c->ref, c->to, c->event ? c->event : "-");
	return 0;
}

/* Luhn's check of a card number's digits. */
static int
sbx_luhn(const char *digits)
{
	size_t n = strlen(digits), i;
	int sum = 0;

	for (i = 0; i < n; i++) {
		int d = digits[n - 1 - i] - '0';

		if (i % 2 == 1 && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	return sum % 10 == 0;
}

/* "MM/YY" (or MM/YYYY) not before this month. */
static int
sbx_expiry_ok(const char *s)
{
	int month, year;
	char rest;
	time_t now = time(NULL);
	struct tm tm;

	if (s == NULL || sscanf(s, "%d / %d%c", &month, &year, &rest) != 2 || month < 1 || month > 12)
		return 0;
	if (year < 100)
		year += 2000;
	gmtime_r(&now, &tm);
	return year > tm.tm_year + 1900 || (year == tm.tm_year + 1900 && month >= tm.tm_mon + 1);
}

/*
 * ROUTE: POST /sandbox/pay/{ref:slug}/card      TEMPLATE: sandbox/pay_page.tpl
 * PARAMS: ref (a payment); number, expiry (MM/YY), cvc, name
 * Pays by card. An approving test number succeeds and sends the browser to
 * the merchant's return address; a declining one shows the reason on the
 * form (and sends a payment.declined webhook), another card may be tried;
 * the confirmation card goes on to the confirmation step. The number is
 * kept nowhere: the brand and last four digits only.
 */
int
sbx_page_card(struct req *rq, struct resp *rs)
{
	struct sbx_payment p;
	const struct sbx_card *card = NULL;
	const char *in = req_str(rq, "number"), *cvc = req_str(rq, "cvc");
	char digits[24], last4[5];
	size_t n = 0, i;
	int st;

	if ((st = sbx_page_load(rq, &p)) != 0)
		return st;
	if (strcmp(p.status, "open") != 0 || strcmp(p.method, "card") != 0)
		return sbx_page_show(rq, rs, &p, NULL, 409);
	for (; in != NULL && *in != '\0' && n < sizeof digits - 1; in++)
		if (isdigit((unsigned char)*in))
			digits[n++] = *in;
		else if (*in != ' ' && *in != '-')
			break;
	digits[n] = '\0';
	if (in == NULL || *in != '\0' || n < 12 || n > 19 || !sbx_luhn(digits))
		return sbx_page_show(rq, rs, &p, "Enter a valid card number.", 422);
	if (!sbx_expiry_ok(req_str(rq, "expiry")))
		return sbx_page_show(rq, rs, &p, "Enter the expiry date as MM/YY, not in the past.", 422);
	if (cvc == NULL || strspn(cvc, "0123456789") != strlen(cvc) || strlen(cvc) < 3 || strlen(cvc) > 4)
		return sbx_page_show(rq, rs, &p, "Enter the 3 or 4 digit security code.", 422);
	for (i = 0; i < sizeof sbx_cards / sizeof sbx_cards[0]; i++)
		if (strcmp(sbx_cards[i].number, digits) == 0)
			card = &sbx_cards[i];
	snprintf(last4, sizeof last4, "%s", digits + n - 4);	/* only the last four are kept */
	sodium_memzero(digits, sizeof digits);
	if (card == NULL)
		return sbx_page_show(rq, rs, &p, "This is a sandbox: use one of the test card numbers listed below.",
				     422);
	{
		struct sbx_change c = { p.ref, "open", "open", NULL, NULL, card->brand, last4, p.amount, 0 };

		switch (card->outcome) {
		case SBX_APPROVE:
			c.to = "succeeded";
			c.event = PAYMENT_EVENT_SUCCEEDED;
			break;
		case SBX_DECLINE:
			c.event = PAYMENT_EVENT_DECLINED;
			c.decline = card->decline;
			break;
		case SBX_CONFIRM:
			c.to = "confirming";
			break;
		}
		if (sbx_page_change(&c) != 0)
			return 500;
		if (card->outcome == SBX_DECLINE)
			return sbx_page_show(rq, rs, &p, card->decline, 402);
		if (card->outcome == SBX_CONFIRM)
			return resp_redirect(rs, 303, arena_printf(&rq->arena, "/sandbox/pay/%s/confirm", p.ref));
	}
	return resp_redirect(rs, 303, p.return_url);
}

/*
 * ROUTE: GET /sandbox/pay/{ref:slug}/confirm      TEMPLATE: sandbox/pay_confirm.tpl
 * PARAMS: ref (a payment waiting for its confirmation)
 * The extra confirmation step a card may ask for: complete or fail it.
 */
int
sbx_page_confirm_view(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct sbx_payment p;
	int st;

	if ((st = sbx_page_load(rq, &p)) != 0)
		return st;
	if (strcmp(p.status, "confirming") != 0)
		return resp_redirect(rs, 303, arena_printf(&rq->arena, "/sandbox/pay/%s", p.ref));
	sbx_page_begin(&v, rq, rs, "sandbox/pay_confirm.tpl", &p);
	return view_end(&v, rs);
}

/*
 * ROUTE: POST /sandbox/pay/{ref:slug}/confirm      TEMPLATE: none (redirects)
 * PARAMS: ref (a payment waiting for its confirmation), outcome (complete, fail)
 * Completes the confirmation (the payment succeeds; back to the merchant) or
 * fails it (declined; back to the card form with the reason).
 */
int
sbx_page_confirm(struct req *rq, struct resp *rs)
{
	struct sbx_payment p;
	int st, ok = strcmp(req_str(rq, "outcome"), "complete") == 0;

	if ((st = sbx_page_load(rq, &p)) != 0)
		return st;
	{
		struct sbx_change c = { p.ref, "confirming", ok ? "succeeded" : "open",
					ok ? PAYMENT_EVENT_SUCCEEDED : PAYMENT_EVENT_DECLINED,
					ok ? NULL : "The card's confirmation failed.", NULL, NULL, p.amount, 0 };

		if (sbx_page_change(&c) != 0)
			return 500;
	}
	if (ok && strcmp(p.status, "confirming") == 0)
		return resp_redirect(rs, 303, p.return_url);
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/sandbox/pay/%s", p.ref));
}

/*
 * ROUTE: POST /sandbox/pay/{ref:slug}/approve      TEMPLATE: none (redirects to the merchant)
 * PARAMS: ref (an open PayPal payment)
 * The PayPal-style page's "Pay now": the payment succeeds.
 */
int
sbx_page_approve(struct req *rq, struct resp *rs)
{
	struct sbx_payment p;
	int st;

	if ((st = sbx_page_load(rq, &p)) != 0)
		return st;
	if (strcmp(p.method, "paypal") != 0)
		return 404;
	{
		struct sbx_change c = { p.ref, "open", "succeeded", PAYMENT_EVENT_SUCCEEDED, NULL, NULL, NULL,
					p.amount, 0 };

		if (sbx_page_change(&c) != 0)
			return 500;
	}
	return resp_redirect(rs, 303, p.return_url);
}

/*
 * ROUTE: POST /sandbox/pay/{ref:slug}/cancel      TEMPLATE: none (redirects to the merchant)
 * PARAMS: ref (an open payment)
 * The customer gives up: the payment is cancelled and the browser goes to
 * the merchant's cancel address.
 */
int
sbx_page_cancel(struct req *rq, struct resp *rs)
{
	struct sbx_payment p;
	int st;

	if ((st = sbx_page_load(rq, &p)) != 0)
		return st;
	{
		struct sbx_change c = { p.ref, "open", "cancelled", PAYMENT_EVENT_CANCELLED, NULL, NULL, NULL,
					p.amount, 0 };

		if (sbx_page_change(&c) != 0)
			return 500;
	}
	if (strcmp(p.status, "succeeded") == 0)
		return resp_redirect(rs, 303, p.return_url);
	return resp_redirect(rs, 303, p.cancel_url);
}
