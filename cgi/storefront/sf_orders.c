/*
 * sf_orders: the customer's orders. The history lists each order with each
 * shop's part and status; an order's page shows every part with its status,
 * carrier and tracking number, the delivery address, the totals, the
 * history of changes and, for each paid part, its invoice (a printable page
 * and a PDF). A guest reaches the same page through the link of the order
 * confirmation (its token, checked against the order's hash; opening it
 * confirms the guest's address), with every link carrying the token.
 *
 * Someone else's order is a 404, never a 403: the page does not confirm
 * that it exists.
 */
#include "sf.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "invoice.h"
#include "log.h"
#include "money.h"
#include "order.h"
#include "orderflow.h"
#include "orderview.h"
#include "paging.h"
#include "sess.h"

#define SF_ORDERS_PER_PAGE 20

static const char sf_orders_count_sql[] =
	"SELECT COUNT(*) FROM orders WHERE user_id = ?";
/* One page of the customer's orders, newest first, each with its parts. */
static const char sf_orders_page_sql[] =
	"SELECT o.id, o.number, DATE_FORMAT(o.placed_at, '%Y-%m-%d'), o.status, o.total_minor, vo.number, vo.status,"
	" v.trading_name, vo.carrier, vo.tracking_number"
	" FROM (SELECT id FROM orders WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?) p"
	" JOIN orders o ON o.id = p.id JOIN vendor_orders vo ON vo.order_id = o.id"
	" JOIN vendors v ON v.id = vo.vendor_id ORDER BY o.id DESC, vo.id";
static char *
sf_orders_page_url(void *ctx, long long n)
{
	return arena_printf(ctx, "/orders?page=%lld", n);
}

/*
 * ROUTE: GET /orders      TEMPLATE: storefront/orders_list.tpl
 * PARAMS: page (1..SF_PAGE_MAX)
 * The customer's orders, newest first, each with its number, date, status,
 * total and every shop's part with its status (and tracking number once sent).
 */
int
sf_orders_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct paging pg = { req_int(rq, "page", 1), SF_ORDERS_PER_PAGE, SF_PAGE_MAX, 0 };
	struct view v = { 0 };
	struct db_result *r = NULL;
	tmpl_dict *d, *row = NULL;
	long long last = 0;
	char money[48];
	int status = 500;

	if ((pg.total = db_scalar(-1, sf_orders_count_sql, "i", rq->sess->user_id)) < 0)
		return 500;
	if (paging_past_end(&pg))
		return 404;
	if ((r = db_query(sf_orders_page_sql, "iii", rq->sess->user_id, pg.per_page, paging_offset(&pg))) == NULL)
		return 500;
	d = view_begin(&v, rq, rs, "storefront/orders_list.tpl", "Your orders");
	view_crumb(&v, "Home", "/");
	view_crumb(&v, "Your orders", NULL);
	while (db_next(r)) {
		tmpl_dict *part;

		if (db_int(r, 0) != last) {
			last = db_int(r, 0);
			row = tmpl_section(d, "ORDER");
			tmpl_set_int(row, "ORDER_ID", last);
			tmpl_set(row, "NUMBER", db_str(r, 1));
			tmpl_set(row, "PLACED_AT", db_str(r, 2));
			tmpl_set(row, "STATUS", db_str(r, 3));
			tmpl_set(row, "STATUS_LABEL", orderflow_status_label(db_str(r, 3)));
			tmpl_set(row, "TOTAL", money_format(db_int(r, 4), money, sizeof money));
		}
		part = tmpl_section(row, "PART");
		tmpl_set(part, "VO_NUMBER", db_str(r, 5));
		tmpl_set(part, "VO_STATUS", db_str(r, 6));
		tmpl_set(part, "VO_STATUS_LABEL", orderflow_status_label(db_str(r, 6)));
		tmpl_set(part, "SHOP", db_str(r, 7));
		if (db_str(r, 9) != NULL) {
			tmpl_dict *t = tmpl_section(part, "TRACKED");

			tmpl_set(t, "CARRIER", db_str(r, 8) ? db_str(r, 8) : "");
			tmpl_set(t, "TRACKING", db_str(r, 9));
		}
	}
	if (pg.total == 0)
		tmpl_show(d, "NO_ORDERS");
	else
		tmpl_set(tmpl_section(d, "HAS_ORDERS"), "RESULT_TEXT", paging_result_text(a, &pg, "order", "orders"));
	paging_links(d, &pg, sf_orders_page_url, a);
	status = view_end(&v, rs);
	view_discard(&v);
	db_free(r);
	return status;
}

int
sf_orders_customer(struct req *rq, long long order_id, struct sf_customer *who)
{
	const char *token = req_str(rq, ROUTE_LINK_FIELD);
	int ok = 0;

	who->user_id = 0;
	who->token = NULL;
	if (token != NULL) {
		/* The link came by mail: following it confirms a guest's address. */
		ok = order_guest_confirm(order_id, token);
		who->token = token;
	} else if (rq->sess != NULL) {
		ok = order_visible(order_id, rq->sess->user_id, NULL);
		who->user_id = rq->sess->user_id;
	}
	if (ok < 0)
		return 500;
	if (ok == 0) {
		log_info("orders.not_customer", "order=%lld link=%d", order_id, token != NULL);
		return 404;
	}
	return 0;
}

const char *
sf_orders_url(struct req *rq, const struct sf_customer *who, const char *path)
{
	/* A token that passed the check is 43 base64url characters: safe in a URL. */
	if (who->token == NULL)
		return path;
	return arena_printf(&rq->arena, "%s%c" ROUTE_LINK_FIELD "=%s", path, strchr(path, '?') ? '&' : '?',
			    who->token);
}

const char *
sf_orders_order_url(struct req *rq, const struct sf_customer *who, long long order_id)
{
	if (who->token == NULL)
		return arena_printf(&rq->arena, "/orders/%lld", order_id);
	return sf_orders_url(rq, who, arena_printf(&rq->arena, "/orders/%lld/guest", order_id));
}

void
sf_orders_form_token(tmpl_dict *form, const struct sf_customer *who)
{
	if (who->token != NULL)
		tmpl_set(tmpl_section(form, "GUEST_TOKEN"), "TOKEN", who->token);
}

/* The order's page for its customer, an account's or a guest's. */
static int
sf_orders_page(struct req *rq, struct resp *rs, long long order_id)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct orderview_links links;
	struct sf_customer who;
	tmpl_dict *d;
	int status;

	if ((status = sf_orders_customer(rq, order_id, &who)) != 0)
		return status;
	d = view_begin(&v, rq, rs, "storefront/orders_view.tpl", "Your order");
	links.invoice_prefix = who.token ? arena_printf(a, "/orders/%lld/guest/invoice/", order_id) :
					   arena_printf(a, "/orders/%lld/invoice/", order_id);
	links.token = who.token;
	/* Each shop's part links to its conversation (sf_messages.c): an account's. */
	links.customer_id = who.token == NULL ? who.user_id : 0;
	if ((status = orderview_include(d, a, order_id, 0, ORDERVIEW_ADDRESS | ORDERVIEW_HISTORY, &links, NULL)) != 0) {
		view_discard(&v);
		return status;
	}
	view_crumb(&v, "Home", "/");
	if (who.token != NULL)
		tmpl_show(d, "GUEST_VIEW");
	else
		view_crumb(&v, "Your orders", "/orders");
	/* What the customer can do next: pay (sf_payment.c), cancel or return (sf_returns.c). */
	if (db_scalar(0, "SELECT status = 'awaiting_payment' FROM orders WHERE id = ?", "i", order_id) == 1)
		tmpl_set(tmpl_section(d, "PAYMENT"), "URL",
			 sf_orders_url(rq, &who, arena_printf(a, "/orders/%lld/payment", order_id)));
	tmpl_set(tmpl_section(d, "RETURNS"), "URL",
		 sf_orders_url(rq, &who, arena_printf(a, "/orders/%lld/returns", order_id)));
	/* What the customer received, to review (sf_reviews.c): an account's. */
	if (who.token == NULL && who.user_id > 0 && sf_reviews_order_items(d, a, order_id, who.user_id) != 0) {
		view_discard(&v);
		return 500;
	}
	view_crumb(&v, "Order", NULL);
	status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

/*
 * ROUTE: GET /orders/{id}      TEMPLATE: storefront/orders_view.tpl
 * PARAMS: none
 * One of the customer's orders: each shop's part with its status, carrier
 * and tracking number, the delivery address, totals, history and invoices.
 */
int
sf_orders_view(struct req *rq, struct resp *rs)
{
	return sf_orders_page(rq, rs, req_path_id(rq, "id"));
}

/*
 * ROUTE: GET /orders/{id}/guest      TEMPLATE: storefront/orders_view.tpl
 * PARAMS: token (the order confirmation's link token, required)
 * A guest's order through the link of its confirmation mail: the same page
 * as a customer's, its links carrying the token; opening it confirms the
 * guest's email address.
 */
int
sf_orders_guest(struct req *rq, struct resp *rs)
{
	return sf_orders_page(rq, rs, req_path_id(rq, "id"));
}

/* The invoice page or PDF of a part of order_id, for its customer. */
static int
sf_orders_invoice_answer(struct req *rq, struct resp *rs, long long order_id, int pdf)
{
	struct arena *a = &rq->arena;
	struct invoice inv;
	struct view v = { 0 };
	tmpl_dict *d;
	int status;

	struct sf_customer who;

	if ((status = sf_orders_customer(rq, order_id, &who)) != 0)
		return status;
	if ((status = invoice_get(order_id, req_path_id(rq, "vo"), 0, &inv)) != 0) {
		if (status == 409)
			rs->message = "This part of the order has no invoice yet: it is issued once it is paid.";
		return status;
	}
	if (pdf) {
		if (invoice_pdf(a, &inv, &rs->body) != 0)
			return 500;
		rs->content_type = "application/pdf";
		resp_header(rs, "Content-Disposition", arena_printf(a, "inline; filename=\"%s.pdf\"", inv.number));
		return 200;
	}
	d = view_begin(&v, rq, rs, "storefront/orders_invoice.tpl", arena_printf(a, "Invoice %s", inv.number));
	if (invoice_fill(tmpl_include(d, "INVOICE", INVOICE_TEMPLATE), a, &inv) != 0) {
		view_discard(&v);
		return 500;
	}
	status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

/*
 * ROUTE: GET /orders/{id}/invoice/{vo:id}      TEMPLATE: storefront/orders_invoice.tpl
 * PARAMS: none
 * The printable invoice of one shop's part of the customer's order (issued
 * on first view once it is paid; 409 before).
 */
int
sf_orders_invoice(struct req *rq, struct resp *rs)
{
	return sf_orders_invoice_answer(rq, rs, req_path_id(rq, "id"), 0);
}

/*
 * ROUTE: GET /orders/{id}/invoice/{vo:id}.pdf      TEMPLATE: none
 * PARAMS: none
 * The same invoice as a PDF document.
 */
int
sf_orders_invoice_pdf(struct req *rq, struct resp *rs)
{
	return sf_orders_invoice_answer(rq, rs, req_path_id(rq, "id"), 1);
}

/*
 * ROUTE: GET /orders/{id}/guest/invoice/{vo:id}      TEMPLATE: storefront/orders_invoice.tpl
 * PARAMS: token (required)
 * A guest's invoice, through the order link's token.
 */
int
sf_orders_guest_invoice(struct req *rq, struct resp *rs)
{
	return sf_orders_invoice_answer(rq, rs, req_path_id(rq, "id"), 0);
}

/*
 * ROUTE: GET /orders/{id}/guest/invoice/{vo:id}.pdf      TEMPLATE: none
 * PARAMS: token (required)
 * A guest's invoice as a PDF document.
 */
int
sf_orders_guest_invoice_pdf(struct req *rq, struct resp *rs)
{
	return sf_orders_invoice_answer(rq, rs, req_path_id(rq, "id"), 1);
}
