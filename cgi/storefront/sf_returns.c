/*
 * sf_returns: a customer's cancellations and returns of one order.
 *
 * The page lists the order's vendor orders: one that has not shipped can be
 * cancelled (refund.h: its stock comes back, what was paid is paid back);
 * one delivered within the return window can have items returned, with a
 * reason (returns.h). Each return shows where it stands, the vendor's
 * instructions or refusal, and a refused one can be escalated to the
 * marketplace. The customer is the order's account or a guest with the
 * link of the order's mail, checked in one place (sf_orders_customer):
 * another customer's order, or a wrong link, is a 404. A guest's links and
 * forms carry the link's token.
 */
#include "sf.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "money.h"
#include "refund.h"
#include "returns.h"
#include "route.h"
#include "sess.h"
#include "view.h"

#define SF_RETURNS_LINES 200


static const char sf_returns_vendor_orders_sql[] =
	"SELECT vo.id, vo.number, vo.status, v.trading_name, vo.total_minor, vo.refunded_minor,"
	" IFNULL(UNIX_TIMESTAMP(vo.delivered_at), 0), IFNULL(vo.cancel_reason, ''),"
	" (SELECT COUNT(*) FROM returns r WHERE r.open_vendor_order = vo.id)"
	" , vo.vendor_id, (SELECT IFNULL(SUM(f.amount_minor), 0) FROM refunds f WHERE f.vendor_order_id = vo.id"
	" AND f.status = 'pending')"
	" FROM vendor_orders vo JOIN vendors v ON v.id = vo.vendor_id WHERE vo.order_id = ? ORDER BY vo.id";
enum { VO_ID, VO_NUMBER, VO_STATUS, VO_SHOP, VO_TOTAL, VO_REFUNDED, VO_DELIVERED, VO_CANCEL_REASON, VO_OPEN,
       VO_VENDOR, VO_CONFIRMING };

static const char sf_returns_returns_sql[] =
	"SELECT r.id, r.status, r.reason, IFNULL(r.instructions, ''), IFNULL(r.refusal, ''),"
	" IFNULL(r.admin_note, ''), r.amount_minor, DATE_FORMAT(r.requested_at, '%Y-%m-%d'),"
	" IFNULL(f.status, ''), IFNULL(f.failure, '')"
	" FROM returns r LEFT JOIN refunds f ON f.id = r.refund_id WHERE r.vendor_order_id = ? ORDER BY r.id DESC";
enum { RT_ID, RT_STATUS, RT_REASON, RT_INSTRUCTIONS, RT_REFUSAL, RT_ADMIN_NOTE, RT_AMOUNT, RT_REQUESTED,
       RT_REFUND_STATUS, RT_REFUND_FAILURE };

static const char sf_returns_items_sql[] =
	"SELECT oi.id, oi.name, oi.quantity, oi.quantity - oi.refunded_qty FROM order_items oi"
	" WHERE oi.vendor_order_id = ? ORDER BY oi.id";

/* The order's number when the visitor is its customer (*who), else NULL
 * (*status 404, or 500 on a database error). */
static const char *
sf_returns_order(struct req *rq, long long order_id, struct sf_customer *who, int *status)
{
	struct db_result *r;
	const char *number = NULL;

	if ((*status = sf_orders_customer(rq, order_id, who)) != 0)
		return NULL;
	*status = 500;
	if ((r = db_query("SELECT number FROM orders WHERE id = ?", "i", order_id)) == NULL)
		return NULL;
	if (db_next(r))
		number = arena_strdup(&rq->arena, db_str(r, 0));
	else
		*status = 404;
	db_free(r);
	return number;
}

/* Back to the order's returns page, for this customer. */
static const char *
sf_returns_back(struct req *rq, const struct sf_customer *who, long long order_id)
{
	return sf_orders_url(rq, who, arena_printf(&rq->arena, "/orders/%lld/returns", order_id));
}

/* The page's crumbs: the account's order page, or the guest's link. */
static void
sf_returns_crumbs(struct req *rq, struct view *v, const struct sf_customer *who, long long order_id,
		  const char *number)
{
	struct arena *a = &rq->arena;

	if (who->token == NULL)
		view_crumb(v, "Your orders", "/orders");
	view_crumb(v, arena_printf(a, "Order %s", number), sf_orders_order_url(rq, who, order_id));
}

/* The vendor order when it belongs to the order: its status, or NULL. */
static const char *
sf_returns_vendor_order(struct req *rq, long long order_id, long long vendor_order_id)
{
	struct db_result *r;
	const char *status = NULL;

	r = db_query("SELECT status FROM vendor_orders WHERE id = ? AND order_id = ?", "ii", vendor_order_id,
		     order_id);
	if (r && db_next(r))
		status = arena_strdup(&rq->arena, db_str(r, 0));
	db_free(r);
	return status;
}

static void
sf_returns_fill_returns(struct req *rq, tmpl_dict *vo, long long vendor_order_id, long long order_id,
			const char *csrf, const struct sf_customer *who)
{
	struct arena *a = &rq->arena;
	struct db_result *r;
	tmpl_dict *row;
	char money[48];

	if ((r = db_query(sf_returns_returns_sql, "i", vendor_order_id)) == NULL)
		return;
	while (db_next(r)) {
		row = tmpl_section(vo, "RETURN");
		tmpl_set_int(row, "ID", db_int(r, RT_ID));
		tmpl_set_int(row, "ORDER_ID", order_id);
		tmpl_set(row, "STATE", returns_status_label(db_str(r, RT_STATUS)));
		tmpl_set(row, "REASON", db_str(r, RT_REASON));
		tmpl_set(row, "REQUESTED", db_str(r, RT_REQUESTED));
		tmpl_set(row, "AMOUNT", money_format(db_int(r, RT_AMOUNT), money, sizeof money));
		if (*db_str(r, RT_INSTRUCTIONS))
			tmpl_set(tmpl_section(row, "INSTRUCTIONS"), "TEXT", db_str(r, RT_INSTRUCTIONS));
		if (*db_str(r, RT_REFUSAL))
			tmpl_set(tmpl_section(row, "REFUSAL"), "TEXT", db_str(r, RT_REFUSAL));
		if (*db_str(r, RT_ADMIN_NOTE))
			tmpl_set(tmpl_section(row, "ADMIN_NOTE"), "TEXT", db_str(r, RT_ADMIN_NOTE));
		if (strcmp(db_str(r, RT_STATUS), "refused") == 0) {
			tmpl_dict *f = tmpl_section(row, "CAN_ESCALATE");

			tmpl_set(f, "CSRF", csrf);
			tmpl_set_int(f, "ID", db_int(r, RT_ID));
			tmpl_set_int(f, "ORDER_ID", order_id);
			sf_orders_form_token(f, who);
		}
		if (strcmp(db_str(r, RT_REFUND_STATUS), "failed") == 0)
			tmpl_show(row, "REFUND_WAITING");
		if (strcmp(db_str(r, RT_REFUND_STATUS), "pending") == 0)
			tmpl_show(row, "REFUND_CONFIRMING");
		(void)a;
	}
	db_free(r);
}

/*
 * ROUTE: GET /orders/{id}/returns      TEMPLATE: storefront/returns_view.tpl
 * PARAMS: none
 * The order's vendor orders with what the customer can do: cancel one that
 * has not shipped, return items of one delivered within the return window,
 * escalate a refused return; and each return's state.
 */
int
sf_returns_view(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct db_result *r = NULL;
	struct sf_customer who;
	long long order_id = req_path_id(rq, "id");
	const char *number, *csrf, *status_name;
	char money[48];
	tmpl_dict *d, *vo;
	int status;

	if ((number = sf_returns_order(rq, order_id, &who, &status)) == NULL)
		return status;
	status = 500;
	r = db_query(sf_returns_vendor_orders_sql, "i", order_id);
	if (r == NULL)
		goto out;
	d = view_begin(&v, rq, rs, "storefront/returns_view.tpl", arena_printf(a, "Cancel or return: order %s", number));
	sf_returns_crumbs(rq, &v, &who, order_id, number);
	view_crumb(&v, "Cancel or return", NULL);
	tmpl_set(d, "NUMBER", number);
	csrf = csrf_token(rq, rs);
	while (db_next(r)) {
		status_name = db_str(r, VO_STATUS);
		vo = tmpl_section(d, "VENDOR_ORDER");
		tmpl_set_int(vo, "ID", db_int(r, VO_ID));
		tmpl_set_int(vo, "ORDER_ID", order_id);
		tmpl_set(vo, "NUMBER", db_str(r, VO_NUMBER));
		tmpl_set(vo, "SHOP", db_str(r, VO_SHOP));
		tmpl_set(vo, "STATUS", status_name);
		tmpl_set(vo, "TOTAL", money_format(db_int(r, VO_TOTAL), money, sizeof money));
		if (db_int(r, VO_REFUNDED) > 0)
			tmpl_set(tmpl_section(vo, "REFUNDED"), "AMOUNT",
				 money_format(db_int(r, VO_REFUNDED), money, sizeof money));
		if (db_int(r, VO_CONFIRMING) > 0)
			tmpl_set(tmpl_section(vo, "CONFIRMING"), "AMOUNT",
				 money_format(db_int(r, VO_CONFIRMING), money, sizeof money));
		if (*db_str(r, VO_CANCEL_REASON))
			tmpl_set(tmpl_section(vo, "CANCEL_REASON"), "TEXT", db_str(r, VO_CANCEL_REASON));
		if (strcmp(status_name, "awaiting_payment") == 0 || strcmp(status_name, "processing") == 0) {
			tmpl_dict *f = tmpl_section(vo, "CAN_CANCEL");

			tmpl_set(f, "CSRF", csrf);
			tmpl_set_int(f, "ID", db_int(r, VO_ID));
			tmpl_set_int(f, "ORDER_ID", order_id);
			tmpl_set(f, "NUMBER", db_str(r, VO_NUMBER));
			sf_orders_form_token(f, &who);
		}
		if (strcmp(status_name, "delivered") == 0 && db_int(r, VO_OPEN) == 0 &&
		    clock_now() <= (time_t)db_int(r, VO_DELIVERED) + (time_t)returns_window_days(db_int(r, VO_VENDOR)) * 86400) {
			tmpl_dict *f = tmpl_section(vo, "CAN_RETURN");

			tmpl_set(f, "URL", sf_orders_url(rq, &who, arena_printf(a, "/orders/%lld/returns/new?vendor_order=%lld",
										  order_id, db_int(r, VO_ID))));
			tmpl_set(f, "NUMBER", db_str(r, VO_NUMBER));
		}
		sf_returns_fill_returns(rq, vo, db_int(r, VO_ID), order_id, csrf, &who);
	}
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

/*
 * ROUTE: POST /orders/{id}/cancel      TEMPLATE: none
 * PARAMS: vendor_order (id), token (a guest's order link)
 * Cancels one vendor order of the order before it ships; its stock comes
 * back and what was paid for it is paid back. Redirects to the returns page.
 */
int
sf_returns_cancel(struct req *rq, struct resp *rs)
{
	struct refund_outcome out;
	struct sf_customer who;
	long long order_id = req_path_id(rq, "id"), vendor_order_id = req_int(rq, "vendor_order", 0);
	int status, rc;

	if (sf_returns_order(rq, order_id, &who, &status) == NULL)
		return status;
	if (sf_returns_vendor_order(rq, order_id, vendor_order_id) == NULL)
		return 404;
	rc = refund_cancel(vendor_order_id, REFUND_BY_CUSTOMER, who.user_id, "", &out);
	switch (rc) {
	case REFUND_OK:
		resp_set_flash(rs, out.refund_id ? "Cancelled. What you paid for it is being paid back to you."
				   : "Cancelled.");
		break;
	case REFUND_FAILED:
		resp_set_flash(rs, "Cancelled. The refund could not be made at once; we will pay it back to you.");
		break;
	case REFUND_PENDING:
		resp_set_flash(rs, "Cancelled. What you paid for it is being paid back to you: the refund is being"
			       " confirmed with the payment provider.");
		break;
	case REFUND_STATE:
		resp_set_flash(rs, "This part of the order has shipped or is cancelled already: it cannot be cancelled.");
		break;
	default:
		return rc == REFUND_NOT_FOUND ? 404 : 500;
	}
	return resp_redirect(rs, 303, sf_returns_back(rq, &who, order_id));
}

/* The return form of the vendor order named by ?vendor_order= (NULL with
 * rs->status when it cannot be shown). */
tmpl_dict *
sf_returns_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct arena *a = &rq->arena;
	struct db_result *r;
	struct sf_customer who;
	long long order_id = req_path_id(rq, "id"), vendor_order_id = req_int(rq, "vendor_order", 0);
	const char *number, *vo_status;

	if (vendor_order_id == 0)
		vendor_order_id = db_scalar(0, "SELECT MIN(id) FROM vendor_orders WHERE order_id = ?", "i", order_id);
	tmpl_dict *d, *row;
	int status, n = 0;

	if ((number = sf_returns_order(rq, order_id, &who, &status)) == NULL) {
		rs->status = status;
		return NULL;
	}
	if ((vo_status = sf_returns_vendor_order(rq, order_id, vendor_order_id)) == NULL) {
		rs->status = 404;
		return NULL;
	}
	if ((r = db_query(sf_returns_items_sql, "i", vendor_order_id)) == NULL) {
		rs->status = 500;
		return NULL;
	}
	d = view_begin(v, rq, rs, "storefront/returns_form.tpl", arena_printf(a, "Return items: order %s", number));
	sf_returns_crumbs(rq, v, &who, order_id, number);
	view_crumb(v, "Return items", NULL);
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	tmpl_set_int(d, "ORDER_ID", order_id);
	tmpl_set(d, "BACK", sf_returns_back(rq, &who, order_id));
	sf_orders_form_token(d, &who);
	tmpl_set_int(d, "VENDOR_ORDER", vendor_order_id);
	tmpl_set(d, "NUMBER", number);
	tmpl_set_int(d, "DAYS", returns_window_days(db_scalar(0, "SELECT vendor_id FROM vendor_orders WHERE id = ?", "i",
							      vendor_order_id)));
	while (db_next(r)) {
		long long left = db_int(r, 3), k;

		if (left <= 0)
			continue;
		row = tmpl_section(d, "ITEM");
		tmpl_set(row, "ITEM_ID", db_str(r, 0));
		tmpl_set(row, "NAME", db_str(r, 1));
		tmpl_set_int(row, "LEFT", left);
		tmpl_set_int(row, "N", ++n);
		for (k = 0; k <= left && k <= 99; k++)
			tmpl_set_int(tmpl_section(row, "QTY"), "VALUE", k);
	}
	db_free(r);
	if (n == 0)
		tmpl_show(d, "NOTHING_LEFT");
	(void)vo_status;
	return d;
}

/*
 * ROUTE: GET /orders/{id}/returns/new      TEMPLATE: storefront/returns_form.tpl
 * PARAMS: vendor_order (id; absent: the order's first), token (a guest's order link)
 * The return form: how many units of each item of the vendor order, and why.
 */
int
sf_returns_new(struct req *rq, struct resp *rs)
{
	return route_form_show(rq, rs, sf_returns_form_page);
}

/*
 * ROUTE: POST /orders/{id}/returns      TEMPLATE: storefront/returns_form.tpl
 * PARAMS: vendor_order (id), item (ids, many), qty (0..999, many, one per item), reason (text, 500),
 *         token (a guest's order link)
 * Asks to return the units chosen, within the return window; the vendor is
 * asked to decide. Redirects to the returns page.
 */
int
sf_returns_create(struct req *rq, struct resp *rs)
{
	struct returns_line lines[SF_RETURNS_LINES];
	struct sf_customer who;
	long long order_id = req_path_id(rq, "id"), vendor_order_id = req_int(rq, "vendor_order", 0), id;
	size_t n = 0, i, items = kvlist_count(&rq->params, "item");
	const char *item, *qty;
	int status, rc;

	if (sf_returns_order(rq, order_id, &who, &status) == NULL)
		return status;
	if (sf_returns_vendor_order(rq, order_id, vendor_order_id) == NULL)
		return 404;
	if (items != kvlist_count(&rq->params, "qty") || items > SF_RETURNS_LINES) {
		route_form_error(rq, "qty", "Choose how many of each item you return.");
		return route_form_fail(rq, rs);
	}
	for (i = 0; i < items; i++) {
		item = req_str_at(rq, "item", i);
		qty = req_str_at(rq, "qty", i);
		lines[n].order_item_id = item ? atoll(item) : 0;
		lines[n].quantity = qty ? atoll(qty) : 0;
		if (lines[n].quantity > 0)
			n++;
	}
	if (n == 0) {
		route_form_error(rq, "qty", "Choose at least one item to return.");
		return route_form_fail(rq, rs);
	}
	rc = returns_request(vendor_order_id, who.user_id, lines, n, req_str(rq, "reason"), &id);
	switch (rc) {
	case RETURNS_OK:
		resp_set_flash(rs, "Your return is asked. The shop will tell you how to send the items back.");
		return resp_redirect(rs, 303, sf_returns_back(rq, &who, order_id));
	case RETURNS_WINDOW:
		route_form_error(rq, "qty", "The return window of this part of the order has closed (or it was not delivered).");
		break;
	case RETURNS_OPEN:
		route_form_error(rq, "qty", "A return of this part of the order is already open: wait for it to end.");
		break;
	case RETURNS_BAD_ITEMS:
		route_form_error(rq, "qty", "You can return at most the units you bought and were not refunded.");
		break;
	default:
		return rc == RETURNS_NOT_FOUND ? 404 : 500;
	}
	return route_form_fail(rq, rs);
}

/*
 * ROUTE: POST /returns/{id}/escalate      TEMPLATE: none
 * PARAMS: note (text, 500), token (a guest's order link)
 * Asks the marketplace to decide a return the shop refused (of the
 * customer's own order). Redirects to the order's returns page.
 */
int
sf_returns_escalate(struct req *rq, struct resp *rs)
{
	struct sf_customer who;
	long long return_id = req_path_id(rq, "id"), order_id;
	int rc;

	/* The order's customer may escalate its returns: the same check as its other pages. */
	if ((order_id = db_scalar(-1, "SELECT COALESCE(MAX(order_id), 0) FROM returns WHERE id = ?", "i", return_id)) < 0)
		return 500;
	if (order_id == 0)
		return 404;
	if ((rc = sf_orders_customer(rq, order_id, &who)) != 0)
		return rc;
	rc = returns_escalate(return_id, who.user_id, req_str(rq, "note"));
	switch (rc) {
	case RETURNS_OK:
		resp_set_flash(rs, "Sent to the marketplace: an admin will decide your return.");
		break;
	case RETURNS_STATE:
		resp_set_flash(rs, "This return is no longer refused: there is nothing to escalate.");
		break;
	case RETURNS_OPEN:
		resp_set_flash(rs, "Another return of this part of the order is open: it cannot be escalated now.");
		break;
	default:
		return rc == RETURNS_NOT_FOUND ? 404 : 500;
	}
	return resp_redirect(rs, 303, sf_returns_back(rq, &who, order_id));
}
