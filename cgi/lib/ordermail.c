/*
 * ordermail: the mails of an order's life (see ordermail.h).
 *
 * Every mail reads the order's snapshot rows, never the live catalogue: an
 * item is described as it was bought. The order's values go into the
 * dictionary as ORDER_*, each vendor order as a section VENDOR (SHOP,
 * VO_NUMBER, VO_ID, its ITEM lines and sums), so every template of an order
 * names the same fields.
 */
#include "ordermail.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "mail.h"
#include "notify.h"
#include "order.h"
#include "orderview.h"
#include "tmpl.h"

#define OM_SUBJECT_MAX 200

static const char om_order_sql[] =
	"SELECT o.id, o.number, o.email, o.status, o.payment_method, o.items_minor, o.shipping_minor,"
	" o.discount_minor, o.tax_minor, o.total_minor, o.bank_reference, o.ship_name, o.ship_country,"
	" o.user_id, COALESCE(u.name, o.ship_name), o.coupon_code"
	" FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE o.id = ?";
enum { OM_O_ID, OM_O_NUMBER, OM_O_EMAIL, OM_O_STATUS, OM_O_METHOD, OM_O_ITEMS, OM_O_SHIPPING,
       OM_O_DISCOUNT, OM_O_TAX, OM_O_TOTAL, OM_O_BANKREF, OM_O_SHIPNAME, OM_O_COUNTRY, OM_O_USER,
       OM_O_NAME, OM_O_COUPON };

#define OM_VO_COLUMNS \
	"vo.id, vo.order_id, vo.number, vo.status, vo.items_minor, vo.shipping_minor, vo.discount_minor," \
	" vo.tax_minor, vo.total_minor, vo.carrier, vo.tracking_number, vo.cancel_reason, vo.cancelled_by," \
	" v.trading_name, v.id, COALESCE(u.email, ''), vo.handling_days, vo.refunded_minor" \
	" FROM vendor_orders vo JOIN vendors v ON v.id = vo.vendor_id LEFT JOIN users u ON u.id = v.user_id"
enum { OM_V_ID, OM_V_ORDER, OM_V_NUMBER, OM_V_STATUS, OM_V_ITEMS, OM_V_SHIPPING, OM_V_DISCOUNT,
       OM_V_TAX, OM_V_TOTAL, OM_V_CARRIER, OM_V_TRACKING, OM_V_REASON, OM_V_BY, OM_V_SHOP,
       OM_V_VENDOR, OM_V_VENDOR_EMAIL, OM_V_HANDLING, OM_V_REFUNDED };

static const char om_vendor_orders_sql[] =
	"SELECT " OM_VO_COLUMNS " WHERE vo.order_id = ? ORDER BY vo.id";
static const char om_vendor_order_sql[] =
	"SELECT " OM_VO_COLUMNS " WHERE vo.id = ?";
static const char om_items_sql[] =
	"SELECT name, sku, quantity, unit_price_minor, line_minor, discount_minor, tax_minor, tax_bp"
	" FROM order_items WHERE vendor_order_id = ? ORDER BY id";
static const char om_refund_sql[] =
	"SELECT vendor_order_id, amount_minor, reason, status FROM refunds WHERE id = ?";
static const char om_vendor_sql[] =
	"SELECT v.trading_name, COALESCE(u.email, ''), COALESCE(u.name, v.trading_name)"
	" FROM vendors v LEFT JOIN users u ON u.id = v.user_id WHERE v.id = ?";

/* The order's row (the caller frees it), positioned on it, or NULL. */
static struct db_result *
om_order_row(long long order_id)
{
	struct db_result *r = db_query(om_order_sql, "i", order_id);

	if (r != NULL && !db_next(r)) {
		log_error("ordermail.order", "order=%lld msg=\"no such order\"", order_id);
		db_free(r);
		r = NULL;
	}
	return r;
}

/* The order's values, as every order template names them. */
static void
om_fill_order(tmpl_dict *d, struct db_result *o)
{
	const char *s;

	tmpl_set_int(d, "ORDER_ID", db_int(o, OM_O_ID));
	tmpl_set(d, "ORDER_NUMBER", db_str(o, OM_O_NUMBER));
	tmpl_set(d, "NAME", (s = db_str(o, OM_O_NAME)) && *s ? s : "customer");
	tmpl_set(d, "PAYMENT_METHOD", order_method_word(db_str(o, OM_O_METHOD)));
	orderview_money(d, "ORDER_ITEMS", db_int(o, OM_O_ITEMS));
	orderview_money(d, "ORDER_SHIPPING", db_int(o, OM_O_SHIPPING));
	orderview_money(d, "ORDER_TAX", db_int(o, OM_O_TAX));
	orderview_money(d, "ORDER_TOTAL", db_int(o, OM_O_TOTAL));
	if (db_int(o, OM_O_DISCOUNT) > 0) {
		tmpl_show(d, "HAS_DISCOUNT");
		orderview_money(d, "ORDER_DISCOUNT", db_int(o, OM_O_DISCOUNT));
		tmpl_set(d, "COUPON", (s = db_str(o, OM_O_COUPON)) ? s : "");
	}
	if (db_null(o, OM_O_USER)) {
		/* A guest's link to the order (the confirmation has its own). */
		char token[TOKEN_TEXT_SIZE];
		tmpl_dict *g = tmpl_section(d, "GUEST");

		if (order_guest_mail_token(db_int(o, OM_O_ID), token) == 0)
			tmpl_set(tmpl_section(g, "GUEST_MAIL_LINK"), "GUEST_MAIL_TOKEN", token);
		else
			tmpl_show(g, "GUEST_NO_LINK");
	} else {
		tmpl_show(d, "ACCOUNT");
	}
}

/* The item lines of a vendor order into d's ITEM section. */
static int
om_fill_items(tmpl_dict *d, long long vendor_order_id)
{
	struct db_result *r = db_query(om_items_sql, "i", vendor_order_id);

	if (r == NULL)
		return -1;
	while (db_next(r))
		orderview_item(d, r);
	db_free(r);
	return 0;
}

/* One vendor order's values (row vo) into dictionary s: a VENDOR section
 * of the order mail or the mail of that vendor order itself. */
static int
om_fill_vendor_order(tmpl_dict *s, struct db_result *vo)
{
	const char *t;

	tmpl_set_int(s, "VO_ID", db_int(vo, OM_V_ID));
	tmpl_set(s, "VO_NUMBER", db_str(vo, OM_V_NUMBER));
	tmpl_set(s, "SHOP", db_str(vo, OM_V_SHOP));
	orderview_money(s, "VO_ITEMS", db_int(vo, OM_V_ITEMS));
	orderview_money(s, "VO_SHIPPING", db_int(vo, OM_V_SHIPPING));
	orderview_money(s, "VO_TAX", db_int(vo, OM_V_TAX));
	orderview_money(s, "VO_TOTAL", db_int(vo, OM_V_TOTAL));
	orderview_money(s, "VO_REFUNDED", db_int(vo, OM_V_REFUNDED));
	tmpl_set_int(s, "HANDLING_DAYS", db_int(vo, OM_V_HANDLING));
	if (db_int(vo, OM_V_DISCOUNT) > 0) {
		tmpl_show(s, "VO_HAS_DISCOUNT");
		orderview_money(s, "VO_DISCOUNT", db_int(vo, OM_V_DISCOUNT));
	}
	tmpl_set(s, "CARRIER", (t = db_str(vo, OM_V_CARRIER)) ? t : "");
	tmpl_set(s, "TRACKING", (t = db_str(vo, OM_V_TRACKING)) ? t : "");
	tmpl_set(s, "REASON", (t = db_str(vo, OM_V_REASON)) && *t ? t : "no reason given");
	return om_fill_items(s, db_int(vo, OM_V_ID));
}

/* The vendor order's row (positioned), or NULL. */
static struct db_result *
om_vendor_order_row(long long vendor_order_id)
{
	struct db_result *r = db_query(om_vendor_order_sql, "i", vendor_order_id);

	if (r != NULL && !db_next(r)) {
		log_error("ordermail.vendor_order", "vendor_order=%lld msg=\"no such vendor order\"",
			  vendor_order_id);
		db_free(r);
		r = NULL;
	}
	return r;
}

static int
om_send(const char *to, const char *subject, const char *tpl, tmpl_dict *d)
{
	if (to == NULL || *to == '\0') {
		tmpl_dict_free(d);
		return 0;	/* a vendor without an owner account: nobody to tell */
	}
	if (mail_queue(to, subject, tpl, d) < 0) {
		log_error("ordermail.queue", "template=%s", tpl);
		return -1;
	}
	return 0;
}

/* What one mail about a whole order adds to the order's values. */
struct om_order_mail {
	const char *tpl;
	const char *subject_fmt;	/* %s: the order's number */
	/* The mail's own values beside the order's (NULL: none). */
	void (*fill)(tmpl_dict *d, struct db_result *o, const void *arg);
	const void *arg;
	/* Which vendor orders the mail lists (NULL: all): 1 put it in as a
	 * VENDOR section, 0 leave it out, -1 failed. */
	int (*part)(struct db_result *vo);
};

/* The customer's mail about order_id: its values, a VENDOR section per
 * vendor order, what m adds. */
static int
om_order_mail(long long order_id, const struct om_order_mail *m)
{
	struct db_result *o = NULL, *vo = NULL;
	char subject[OM_SUBJECT_MAX];
	tmpl_dict *d = NULL;
	int rc = -1, in;

	if ((o = om_order_row(order_id)) == NULL)
		return -1;
	if ((vo = db_query(om_vendor_orders_sql, "i", order_id)) == NULL)
		goto out;
	d = tmpl_dict_new(m->tpl);
	om_fill_order(d, o);
	if (m->fill != NULL)
		m->fill(d, o, m->arg);
	while (db_next(vo)) {
		if ((in = m->part != NULL ? m->part(vo) : 1) < 0)
			goto out;
		if (in && om_fill_vendor_order(tmpl_section(d, "VENDOR"), vo) < 0)
			goto out;
	}
	snprintf(subject, sizeof subject, m->subject_fmt, db_str(o, OM_O_NUMBER));
	rc = om_send(db_str(o, OM_O_EMAIL), subject, m->tpl, d);
	d = NULL;
out:
	tmpl_dict_free(d);
	db_free(vo);
	db_free(o);
	return rc;
}

/* The confirmation's own values: a guest's link (arg: the token), how to pay. */
static void
om_placed_fill(tmpl_dict *d, struct db_result *o, const void *arg)
{
	const char *guest_token = arg;

	if (guest_token != NULL && *guest_token)
		tmpl_set(tmpl_section(d, "GUEST_LINK"), "GUEST_TOKEN", guest_token);
	if (strcmp(db_str(o, OM_O_METHOD), "bank_transfer") == 0) {
		tmpl_dict *b = tmpl_section(d, "BANK");

		tmpl_set(b, "BANK_REFERENCE", db_str(o, OM_O_BANKREF) ? db_str(o, OM_O_BANKREF) : db_str(o, OM_O_NUMBER));
		orderview_money(b, "ORDER_TOTAL", db_int(o, OM_O_TOTAL));
	} else {
		tmpl_show(d, "PROVIDER");
	}
}

int
ordermail_placed(long long order_id, const char *guest_token)
{
	const struct om_order_mail m = { "order_placed", "Your order %s", om_placed_fill, guest_token, NULL };

	return om_order_mail(order_id, &m);
}

/* A vendor order with the payment: being prepared, its shop gets its new
 * order. A part cancelled before the payment is not sent: its shop is not
 * told of it, the customer is not promised it. */
static int
om_paid_part(struct db_result *vo)
{
	if (strcmp(db_str(vo, OM_V_STATUS), "processing") != 0)
		return 0;
	return ordermail_vendor_new_order(db_int(vo, OM_V_ID)) < 0 ? -1 : 1;
}

int
ordermail_paid(long long order_id)
{
	const struct om_order_mail m = { "order_paid", "Payment received for order %s", NULL, NULL, om_paid_part };

	return om_order_mail(order_id, &m);
}

int
ordermail_expired(long long order_id)
{
	const struct om_order_mail m = { "order_expired", "Your order %s was not paid and is cancelled",
					 NULL, NULL, NULL };

	return om_order_mail(order_id, &m);
}

/* The rows of a vendor order and of its order (the caller frees both), or -1. */
static int
om_part_rows(long long vendor_order_id, struct db_result **vo, struct db_result **o)
{
	*o = NULL;
	if ((*vo = om_vendor_order_row(vendor_order_id)) == NULL)
		return -1;
	if ((*o = om_order_row(db_int(*vo, OM_V_ORDER))) == NULL) {
		db_free(*vo);
		*vo = NULL;
		return -1;
	}
	return 0;
}

/* A new mail tpl about one vendor order: the order's values and the vendor
 * order's (with its items), or NULL. */
static tmpl_dict *
om_part_dict(const char *tpl, struct db_result *o, struct db_result *vo)
{
	tmpl_dict *d = tmpl_dict_new(tpl);

	om_fill_order(d, o);
	if (om_fill_vendor_order(d, vo) < 0) {
		tmpl_dict_free(d);
		return NULL;
	}
	return d;
}

/* Sends d (freed in every case) to `to`, subject_fmt's %s the vendor order's number. */
static int
om_send_part(const char *to, const char *subject_fmt, struct db_result *vo, const char *tpl, tmpl_dict *d)
{
	char subject[OM_SUBJECT_MAX];

	snprintf(subject, sizeof subject, subject_fmt, db_str(vo, OM_V_NUMBER));
	return om_send(to, subject, tpl, d);
}

/* The shop hears of its new order in the vendor portal's notification
 * centre (kind order) and by mail unless its owner chose not to for orders
 * (the mail then has the unsubscribe link); a shop without an owner account
 * gets the mail alone. */
int
ordermail_vendor_new_order(long long vendor_order_id)
{
	char subject[OM_SUBJECT_MAX];
	struct db_result *o, *vo;
	tmpl_dict *d, *line;
	long long owner;
	int rc = -1;

	if (om_part_rows(vendor_order_id, &vo, &o) < 0)
		return -1;
	owner = db_scalar(-1, "SELECT IFNULL(user_id, 0) FROM vendors WHERE id = ?", "i", db_int(vo, OM_V_VENDOR));
	if (owner >= 0 && (d = om_part_dict("vendor_new_order", o, vo)) != NULL) {
		tmpl_set(d, "SHIP_NAME", db_str(o, OM_O_SHIPNAME));
		tmpl_set(d, "SHIP_COUNTRY", db_str(o, OM_O_COUNTRY));
		if (owner == 0) {
			rc = om_send_part(db_str(vo, OM_V_VENDOR_EMAIL), "New order %s to send", vo,
					  "vendor_new_order", d);
		} else {
			line = tmpl_dict_new("notify");
			tmpl_set(line, "VO_NUMBER", db_str(vo, OM_V_NUMBER));
			tmpl_set_int(line, "VO_ID", db_int(vo, OM_V_ID));
			snprintf(subject, sizeof subject, "New order %s to send", db_str(vo, OM_V_NUMBER));
			rc = notify_user_from(owner, NOTIFY_VENDOR, "order", "vendor_new_order", line, subject,
					      "vendor_new_order", d) < 0 ? -1 : 0;
		}
	}
	db_free(o);
	db_free(vo);
	return rc;
}

/* A mail about one vendor order to the customer (and, with vendor_template,
 * to its vendor too). */
static int
om_vendor_order_mail(long long vendor_order_id, const char *tpl, const char *subject_fmt,
		     const char *vendor_template, const char *vendor_subject_fmt)
{
	struct db_result *o, *vo;
	tmpl_dict *d;
	int rc = 0;

	if (om_part_rows(vendor_order_id, &vo, &o) < 0)
		return -1;
	if (tpl != NULL)
		rc = (d = om_part_dict(tpl, o, vo)) == NULL ? -1 :
		     om_send_part(db_str(o, OM_O_EMAIL), subject_fmt, vo, tpl, d);
	if (rc == 0 && vendor_template != NULL) {
		if ((d = om_part_dict(vendor_template, o, vo)) == NULL) {
			rc = -1;
		} else {
			tmpl_set(d, "SHIP_COUNTRY", db_str(o, OM_O_COUNTRY));
			rc = om_send_part(db_str(vo, OM_V_VENDOR_EMAIL), vendor_subject_fmt, vo, vendor_template, d);
		}
	}
	db_free(o);
	db_free(vo);
	return rc;
}

/* A customer with an account hears of the parcel in their notification
 * centre too, and gets the mail unless they chose not to for orders (the
 * mail then has the unsubscribe link); a guest gets the mail. */
int
ordermail_shipped(long long vendor_order_id)
{
	char subject[OM_SUBJECT_MAX];
	struct db_result *o, *vo;
	tmpl_dict *d, *line;
	int rc = -1;

	if (om_part_rows(vendor_order_id, &vo, &o) < 0)
		return -1;
	if (db_null(o, OM_O_USER)) {
		db_free(o);
		db_free(vo);
		return om_vendor_order_mail(vendor_order_id, "order_shipped", "Your order %s is on its way",
					    NULL, NULL);
	}
	if ((d = om_part_dict("order_shipped", o, vo)) != NULL) {
		line = tmpl_dict_new("notify");
		tmpl_set(line, "SHOP", db_str(vo, OM_V_SHOP));
		tmpl_set(line, "VO_NUMBER", db_str(vo, OM_V_NUMBER));
		tmpl_set_int(line, "ORDER_ID", db_int(o, OM_O_ID));
		snprintf(subject, sizeof subject, "Your order %s is on its way", db_str(vo, OM_V_NUMBER));
		rc = notify_user_from(db_int(o, OM_O_USER), NOTIFY_SHOPPER, "order", "order_shipped", line,
				      subject, "order_shipped", d) < 0 ? -1 : 0;
	}
	db_free(o);
	db_free(vo);
	return rc;
}

int
ordermail_delivered(long long vendor_order_id)
{
	return om_vendor_order_mail(vendor_order_id, "order_delivered", "Your order %s was delivered",
				    NULL, NULL);
}

int
ordermail_cancelled(long long vendor_order_id)
{
	struct db_result *r, *o;
	int tell_vendor;

	if (om_part_rows(vendor_order_id, &r, &o) < 0)
		return -1;
	/* A vendor hears of an order once it is paid (its new-order mail), so
	 * only then of its cancellation, and not when it cancelled itself. */
	tell_vendor = strcmp(db_str(o, OM_O_STATUS), "paid") == 0 &&
		      !(db_str(r, OM_V_BY) != NULL && strcmp(db_str(r, OM_V_BY), "vendor") == 0);
	db_free(o);
	db_free(r);
	return om_vendor_order_mail(vendor_order_id, "order_cancelled", "Your order %s was cancelled",
				    tell_vendor ? "vendor_order_cancelled" : NULL, "Order %s was cancelled");
}

int
ordermail_payment_failed(long long order_id, const char *reason)
{
	struct db_result *o;
	char subject[OM_SUBJECT_MAX];
	tmpl_dict *d;
	int rc;

	if ((o = om_order_row(order_id)) == NULL)
		return -1;
	d = tmpl_dict_new("order_payment_failed");
	om_fill_order(d, o);
	if (reason != NULL && *reason)
		tmpl_set(tmpl_section(d, "HAS_REASON"), "REASON", reason);
	snprintf(subject, sizeof subject, "The payment for order %s did not go through", db_str(o, OM_O_NUMBER));
	rc = om_send(db_str(o, OM_O_EMAIL), subject, "order_payment_failed", d);
	db_free(o);
	return rc;
}

int
ordermail_refunded(long long refund_id)
{
	struct db_result *rf, *o = NULL, *vo = NULL;
	tmpl_dict *d;
	int rc = -1;

	if ((rf = db_query(om_refund_sql, "i", refund_id)) == NULL)
		return -1;
	if (!db_next(rf)) {
		log_error("ordermail.refund", "refund=%lld msg=\"no such refund\"", refund_id);
		goto out;
	}
	if (om_part_rows(db_int(rf, 0), &vo, &o) < 0 || (d = om_part_dict("order_refunded", o, vo)) == NULL)
		goto out;
	orderview_money(d, "REFUND_AMOUNT", db_int(rf, 1));
	if (db_str(rf, 2) && *db_str(rf, 2))
		tmpl_set(tmpl_section(d, "HAS_REFUND_REASON"), "REFUND_REASON", db_str(rf, 2));
	if (strcmp(db_str(rf, 3), "manual") == 0)
		tmpl_show(d, "MANUAL");
	else
		tmpl_show(d, "PROVIDER");
	rc = om_send_part(db_str(o, OM_O_EMAIL), "Refund for order %s", vo, "order_refunded", d);
out:
	db_free(o);
	db_free(vo);
	db_free(rf);
	return rc;
}

int
ordermail_return(long long vendor_order_id, enum ordermail_return_step step, const char *text)
{
	static const struct {
		const char *section;		/* in both templates */
		const char *customer_subject;	/* NULL: the customer is not told */
		const char *vendor_subject;	/* NULL: the vendor is not told */
	} steps[] = {
		[ORDERMAIL_RETURN_REQUESTED] = { "REQUESTED", NULL, "Return requested for order %s" },
		[ORDERMAIL_RETURN_ACCEPTED] = { "ACCEPTED", "Your return for order %s is accepted", NULL },
		[ORDERMAIL_RETURN_REFUSED] = { "REFUSED", "Your return for order %s is refused", NULL },
		[ORDERMAIL_RETURN_ESCALATED] = { "ESCALATED", NULL, "Return for order %s: an admin will decide" },
		[ORDERMAIL_RETURN_ADMIN_ACCEPTED] = { "ADMIN_ACCEPTED", "Your return for order %s is accepted",
						      "Return for order %s: accepted by the marketplace" },
		[ORDERMAIL_RETURN_ADMIN_REFUSED] = { "ADMIN_REFUSED", "Your return for order %s is refused",
						     "Return for order %s: refused by the marketplace" },
		[ORDERMAIL_RETURN_RECEIVED] = { "RECEIVED", "Your return for order %s has arrived", NULL },
	};
	struct db_result *o, *vo;
	tmpl_dict *d;
	int rc = 0, who;

	if ((unsigned)step >= sizeof steps / sizeof steps[0])
		return -1;
	if (om_part_rows(vendor_order_id, &vo, &o) < 0)
		return -1;
	for (who = 0; who < 2 && rc == 0; who++) {
		const char *fmt = who == 0 ? steps[step].customer_subject : steps[step].vendor_subject;
		const char *tpl = who == 0 ? "order_return" : "vendor_order_return";

		if (fmt == NULL)
			continue;
		if ((d = om_part_dict(tpl, o, vo)) == NULL) {
			rc = -1;
			break;
		}
		tmpl_show(d, steps[step].section);
		if (text != NULL && *text)
			tmpl_set(tmpl_section(d, "HAS_TEXT"), "TEXT", text);
		rc = om_send_part(who == 0 ? db_str(o, OM_O_EMAIL) : db_str(vo, OM_V_VENDOR_EMAIL), fmt, vo, tpl, d);
	}
	db_free(o);
	db_free(vo);
	return rc;
}

int
ordermail_payout_sent(long long vendor_id, long long amount_minor, const char *reference)
{
	struct db_result *v = db_query(om_vendor_sql, "i", vendor_id);
	tmpl_dict *d;
	int rc;

	if (v == NULL)
		return -1;
	if (!db_next(v)) {
		log_error("ordermail.payout", "vendor=%lld msg=\"no such vendor\"", vendor_id);
		db_free(v);
		return -1;
	}
	d = tmpl_dict_new("payout_sent");
	tmpl_set(d, "SHOP", db_str(v, 0));
	tmpl_set(d, "NAME", db_str(v, 2));
	orderview_money(d, "AMOUNT", amount_minor);
	tmpl_set(d, "REFERENCE", reference ? reference : "");
	rc = om_send(db_str(v, 1), "A payout is on its way", "payout_sent", d);
	db_free(v);
	return rc;
}
