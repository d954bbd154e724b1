/*
 * vp_orders: a vendor's orders, its own part of each (a vendor order). The
 * list filters by status and finds an order by its number; the paid ones
 * waiting to be sent come first in the "To send" filter, where several can
 * be marked shipped at once, each with its tracking number. An order's page
 * shows what to pack and where it goes, its history, and the forms that
 * move it on (shipped with carrier and tracking number, delivered); a
 * packing slip and the invoice (page and PDF) print from it.
 *
 * Every move is orderflow's (cgi/lib/orderflow.h): one conditional UPDATE
 * naming the session's vendor, so another vendor's order is a 404 here and
 * an order that is not paid cannot be marked shipped.
 */
#include "vp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrf.h"
#include "db.h"
#include "invoice.h"
#include "log.h"
#include "money.h"
#include "orderflow.h"
#include "orderview.h"
#include "paging.h"
#include "route.h"
#include "sess.h"

/* The list's filters: "to_send" (paid, waiting: processing), then every
 * status, and "all". */
const char *const vp_orders_filters[] = {
	"to_send", "all", "awaiting_payment", "shipped", "delivered", "cancelled", "refunded", NULL,
};

#define VP_ORDERS_COLUMNS \
	"vo.id, vo.number, vo.status, vo.total_minor, DATE_FORMAT(o.placed_at, '%Y-%m-%d %H:%i'), o.ship_name," \
	" o.ship_country, vo.carrier, vo.tracking_number," \
	" (SELECT COALESCE(SUM(quantity), 0) FROM order_items i WHERE i.vendor_order_id = vo.id)"
enum { VO_ID, VO_NUMBER, VO_STATUS, VO_TOTAL, VO_PLACED, VO_SHIP_NAME, VO_COUNTRY, VO_CARRIER, VO_TRACKING,
       VO_UNITS };
/* status: a status, or '' for all; number: the typed order number or ''
 * (the order's number matches its vendor orders too). */
#define VP_ORDERS_WHERE \
	" FROM vendor_orders vo JOIN orders o ON o.id = vo.order_id WHERE vo.vendor_id = ?" \
	" AND (? = '' OR vo.status = ?) AND (? = '' OR vo.number = ? OR o.number = ?)"
static const char vp_orders_count_sql[] = "SELECT COUNT(*)" VP_ORDERS_WHERE;
/* Waiting ones oldest first (the first to send); the others newest first. */
static const char vp_orders_oldest_sql[] =
	"SELECT " VP_ORDERS_COLUMNS VP_ORDERS_WHERE " ORDER BY vo.id LIMIT ? OFFSET ?";
static const char vp_orders_newest_sql[] =
	"SELECT " VP_ORDERS_COLUMNS VP_ORDERS_WHERE " ORDER BY vo.id DESC LIMIT ? OFFSET ?";
static const char vp_orders_one_sql[] =
	"SELECT vo.order_id, vo.status, vo.number FROM vendor_orders vo WHERE vo.id = ? AND vo.vendor_id = ?";
static const char vp_orders_waiting_sql[] =
	"SELECT " VP_ORDERS_COLUMNS " FROM vendor_orders vo JOIN orders o ON o.id = vo.order_id"
	" WHERE vo.vendor_id = ? AND vo.status = 'processing' ORDER BY vo.id LIMIT 5";
static const char vp_orders_waiting_count_sql[] =
	"SELECT COUNT(*) FROM vendor_orders WHERE vendor_id = ? AND status = 'processing'";

/* Carriers offered as suggestions; any other name may be typed. */
static const char *const vp_orders_carrier_names[] = {
	"DHL", "DPD", "FedEx", "GLS", "Hermes", "La Poste", "PostNL", "Royal Mail", "UPS", NULL,
};

const char *
vp_orders_valid_tracking(struct req *rq, const char **value)
{
	const char *p;

	(void)rq;
	for (p = *value; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == ' ' ||
		      *p == '-' || *p == '.' || *p == '/'))
			return "A tracking number has letters, digits, spaces, dashes, dots and slashes only.";
	return NULL;
}

/* The list's view from its validated parameters. */
struct vp_orders_view {
	int filter;		/* index in vp_orders_filters */
	const char *q;		/* order number or "" */
	long long page;
};

static struct vp_orders_view
vp_orders_view_of(struct req *rq)
{
	struct vp_orders_view view = { 0, "", req_int(rq, "page", 1) };
	const char *s = req_str(rq, "status");
	int i;

	for (i = 0; s != NULL && vp_orders_filters[i] != NULL; i++)
		if (strcmp(s, vp_orders_filters[i]) == 0)
			view.filter = i;
	if ((s = req_str(rq, "q")) != NULL)
		view.q = s;
	return view;
}

/* The status the filter names for SQL ('' for all). */
static const char *
vp_orders_filter_status(int filter)
{
	if (filter == 0)
		return "processing";
	if (filter == 1)
		return "";
	return vp_orders_filters[filter];
}

struct vp_orders_url {
	struct arena *a;
	const struct vp_orders_view *view;
};

static char *
vp_orders_page_url(void *ctx, long long n)
{
	struct vp_orders_url *u = ctx;
	struct buf b;
	char *s;

	buf_init(&b);
	buf_printf(&b, "/vendor/orders?status=%s", vp_orders_filters[u->view->filter]);
	if (*u->view->q) {
		buf_adds(&b, "&q=");
		buf_add_urlencoded(&b, u->view->q);
	}
	if (n > 1)
		buf_printf(&b, "&page=%lld", n);
	s = arena_strdup(u->a, b.data);
	buf_free(&b);
	return s;
}

/* One row of a list of vendor orders into section. */
static void
vp_orders_row(tmpl_dict *row, struct db_result *r)
{
	char money[48];

	tmpl_set_int(row, "ID", db_int(r, VO_ID));
	tmpl_set(row, "NUMBER", db_str(r, VO_NUMBER));
	tmpl_set(row, "STATUS", db_str(r, VO_STATUS));
	tmpl_set(row, "STATUS_LABEL", orderflow_status_label(db_str(r, VO_STATUS)));
	tmpl_set(row, "TOTAL", money_format(db_int(r, VO_TOTAL), money, sizeof money));
	tmpl_set(row, "PLACED_AT", db_str(r, VO_PLACED));
	tmpl_set(row, "SHIP_NAME", db_str(r, VO_SHIP_NAME));
	tmpl_set(row, "SHIP_COUNTRY", db_str(r, VO_COUNTRY));
	tmpl_set_int(row, "UNITS", db_int(r, VO_UNITS));
	if (db_str(r, VO_TRACKING) != NULL) {
		tmpl_dict *t = tmpl_section(row, "TRACKED");

		tmpl_set(t, "CARRIER", db_str(r, VO_CARRIER) ? db_str(r, VO_CARRIER) : "");
		tmpl_set(t, "TRACKING", db_str(r, VO_TRACKING));
	}
}

static void
vp_orders_carriers(tmpl_dict *d)
{
	size_t i;

	for (i = 0; vp_orders_carrier_names[i] != NULL; i++)
		tmpl_set(tmpl_section(d, "CARRIER_OPTION"), "NAME", vp_orders_carrier_names[i]);
}

/* The list page: its dictionary, or NULL with rs->status set. */
static tmpl_dict *
vp_orders_list_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct arena *a = &rq->arena;
	struct vp_vendor vendor;
	struct vp_orders_view view = vp_orders_view_of(rq);
	struct vp_orders_url url = { a, &view };
	struct paging pg = { view.page, VP_PER_PAGE, VP_PAGE_MAX, 0 };
	const char *st = vp_orders_filter_status(view.filter), *csrf;
	struct db_result *r;
	tmpl_dict *d;
	int i, status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0) {
		rs->status = status;
		return NULL;
	}
	pg.total = db_scalar(-1, vp_orders_count_sql, "isssss", vendor.id, st, st, view.q, view.q, view.q);
	if (pg.total < 0) {
		rs->status = 500;
		return NULL;
	}
	if (paging_past_end(&pg)) {
		rs->status = 404;
		return NULL;
	}
	r = db_query(view.filter == 0 ? vp_orders_oldest_sql : vp_orders_newest_sql, "isssssii", vendor.id, st, st,
		     view.q, view.q, view.q, pg.per_page, paging_offset(&pg));
	if (r == NULL) {
		rs->status = 500;
		return NULL;
	}
	d = view_begin(v, rq, rs, "vendor/orders_list.tpl", "Your orders");
	view_crumb(v, "Vendor portal", "/vendor/");
	view_crumb(v, "Orders", NULL);
	vp_dashboard_nav(d, "/vendor/orders");
	csrf = csrf_token(rq, rs);
	tmpl_set(d, "CSRF", csrf);
	tmpl_set(d, "Q", view.q);
	for (i = 0; vp_orders_filters[i] != NULL; i++) {
		tmpl_dict *f = tmpl_section(d, "FILTER");

		tmpl_set(f, "VALUE", vp_orders_filters[i]);
		tmpl_set(f, "LABEL", i == 0 ? "To send" : i == 1 ? "All" : orderflow_status_label(vp_orders_filters[i]));
		if (i == view.filter)
			tmpl_show(f, "SELECTED");
	}
	if (view.filter == 0)
		tmpl_show(d, "BULK");
	while (db_next(r)) {
		tmpl_dict *row = tmpl_section(d, "ORDER");

		vp_orders_row(row, r);
		if (view.filter == 0)
			tmpl_show(row, "SHIPPABLE");
	}
	db_free(r);
	vp_orders_carriers(d);
	if (pg.total == 0)
		tmpl_show(d, view.filter == 0 && !*view.q ? "NOTHING_TO_SEND" : "NO_ORDERS");
	else
		tmpl_set(tmpl_section(d, "HAS_ORDERS"), "RESULT_TEXT", paging_result_text(a, &pg, "order", "orders"));
	if (view.filter == 0 && pg.total > 0)
		tmpl_show(d, "BULK_FORM");	/* sections do not see their parents' */
	tmpl_set(d, "FILTER_VALUE", vp_orders_filters[view.filter]);
	paging_links(d, &pg, vp_orders_page_url, &url);
	return d;
}

/*
 * ROUTE: GET /vendor/orders      TEMPLATE: vendor/orders_list.tpl
 * PARAMS: status (to_send, all, awaiting_payment, shipped, delivered,
 *         cancelled, refunded), q (an order number, up to 32), page
 * The vendor's orders: by default those paid and waiting to be sent,
 * oldest first, with the bulk "mark shipped" form; any other filter newest
 * first; q finds one order by its number.
 */
int
vp_orders_list(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	int status;

	rs->status = 0;
	if (vp_orders_list_page(rq, rs, &v) == NULL) {
		view_discard(&v);
		return rs->status ? rs->status : 500;
	}
	status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

tmpl_dict *
vp_orders_bulk_page(struct req *rq, struct resp *rs, struct view *v)
{
	return vp_orders_list_page(rq, rs, v);
}

struct vp_orders_bulk {
	struct req *rq;
	struct orderflow_actor who;
	const char *carrier;
	const char *refused;	/* the number of a vendor order that could not ship */
	size_t done;
};

/* The tracking number typed on the row of vendor order id (rows carry
 * their id in "row" and their number in "tracking", in the same order). */
static const char *
vp_orders_bulk_tracking(struct req *rq, const char *id)
{
	const char *row;
	size_t i;

	for (i = 0; (row = req_str_at(rq, "row", i)) != NULL; i++)
		if (strcmp(row, id) == 0)
			return req_str_at(rq, "tracking", i);
	return NULL;
}

static int
vp_orders_bulk_tx(void *arg)
{
	struct vp_orders_bulk *b = arg;
	const char *idtext;
	size_t i;
	int rc;

	b->done = 0;
	for (i = 0; (idtext = req_str_at(b->rq, "id", i)) != NULL; i++) {
		rc = orderflow_ship(atoll(idtext), &b->who, b->carrier, vp_orders_bulk_tracking(b->rq, idtext));
		if (rc == ORDERFLOW_REFUSED) {
			b->refused = arena_strdup(&b->rq->arena, idtext);
			return rc;
		}
		if (rc != 0)
			return rc;
		b->done++;
	}
	return 0;
}

/*
 * ROUTE: POST /vendor/orders/ship      TEMPLATE: vendor/orders_list.tpl
 * PARAMS: id (the ticked vendor orders, any number), row and tracking (each
 *         row's vendor order and tracking number, any number, in the same
 *         order), carrier (up to 60, required); status, q, page: the list's
 *         view; bad input shows the list again (R_FORM)
 * Marks every ticked order shipped with the carrier and its row's tracking
 * number, all or none: one without a tracking number, or no longer waiting
 * to be sent, changes nothing and is named.
 */
int
vp_orders_bulk_ship(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	struct vp_orders_bulk b = { rq, { "vendor", 0, 0 }, NULL, NULL, 0 };
	const char *idtext, *tracking;
	size_t i;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	if (req_str_at(rq, "id", 0) == NULL) {
		route_form_error(rq, "id", "Tick the orders you have sent first.");
		return route_form_fail(rq, rs);
	}
	b.who.user_id = rq->sess->user_id;
	b.who.vendor_id = vendor.id;
	b.carrier = req_str(rq, "carrier");
	for (i = 0; (idtext = req_str_at(rq, "id", i)) != NULL; i++) {
		struct db_result *r = db_query(vp_orders_one_sql, "ii", atoll(idtext), vendor.id);
		int mine;

		if (r == NULL)
			return 500;
		mine = db_next(r);
		tracking = vp_orders_bulk_tracking(rq, idtext);
		if (mine && (tracking == NULL || *tracking == '\0'))
			route_form_error(rq, "tracking", arena_printf(&rq->arena, "Enter the tracking number of %s.",
								      db_str(r, 2)));
		db_free(r);
		if (!mine)
			return 404;
	}
	if (rq->form_errors.n > 0)
		return route_form_fail(rq, rs);
	if ((status = db_tx(vp_orders_bulk_tx, &b)) != 0) {
		if (status == ORDERFLOW_NOT_FOUND)
			return 404;
		if (status == ORDERFLOW_REFUSED) {
			struct db_result *r = db_query(vp_orders_one_sql, "ii", atoll(b.refused), vendor.id);

			route_form_error(rq, "id", arena_printf(&rq->arena,
					 "%s is no longer waiting to be sent (it is %s): nothing was marked shipped.",
					 r && db_next(r) ? db_str(r, 2) : "An order",
					 r && db_rows(r) ? orderflow_status_label(db_str(r, 1)) : "changed"));
			db_free(r);
			return route_form_fail(rq, rs);
		}
		return 500;
	}
	resp_set_flash(rs, arena_printf(&rq->arena, "%zu %s marked shipped; the customers have been told.", b.done,
					b.done == 1 ? "order" : "orders"));
	return resp_redirect(rs, 303, "/vendor/orders");
}

/* The session's vendor and vendor order {id}: 0, or the status. */
static int
vp_orders_load(struct req *rq, struct vp_vendor *vendor, long long *order_id, const char **status_out,
	       const char **number)
{
	struct db_result *r;
	int status;

	if ((status = vp_profile_vendor(rq, vendor)) != 0)
		return status;
	if ((r = db_query(vp_orders_one_sql, "ii", req_path_id(rq, "id"), vendor->id)) == NULL)
		return 500;
	if (!db_next(r)) {
		db_free(r);
		return 404;
	}
	*order_id = db_int(r, 0);
	if (status_out)
		*status_out = arena_strdup(&rq->arena, db_str(r, 1));
	if (number)
		*number = arena_strdup(&rq->arena, db_str(r, 2));
	db_free(r);
	return 0;
}

/* The link to the conversation with the customer (vp_messages.c), when the
 * order has one (not a guest's). */
static int
vp_orders_conversation(tmpl_dict *d, long long vendor_order_id)
{
	struct db_result *r = db_query("SELECT id, vendor_unread FROM conversations WHERE vendor_order_id = ?", "i",
				       vendor_order_id);
	tmpl_dict *c;

	if (r == NULL)
		return -1;
	if (db_next(r)) {
		c = tmpl_section(d, "CONVERSATION");
		tmpl_set_int(c, "CONVERSATION_ID", db_int(r, 0));
		if (db_int(r, 1) > 0)
			tmpl_set_int(tmpl_section(c, "UNREAD"), "COUNT", db_int(r, 1));
	}
	db_free(r);
	return 0;
}

tmpl_dict *
vp_orders_view_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct arena *a = &rq->arena;
	struct vp_vendor vendor;
	long long order_id, id = req_path_id(rq, "id");
	const char *st, *number;
	tmpl_dict *d;
	int status;

	if ((status = vp_orders_load(rq, &vendor, &order_id, &st, &number)) != 0) {
		rs->status = status;
		return NULL;
	}
	d = view_begin(v, rq, rs, "vendor/orders_view.tpl", arena_printf(a, "Order %s", number));
	view_crumb(v, "Vendor portal", "/vendor/");
	view_crumb(v, "Orders", "/vendor/orders");
	view_crumb(v, number, NULL);
	vp_dashboard_nav(d, "/vendor/orders");
	if ((status = orderview_include(d, a, order_id, vendor.id, ORDERVIEW_ADDRESS | ORDERVIEW_HISTORY, NULL,
					NULL)) != 0) {
		rs->status = status;
		return NULL;
	}
	tmpl_set_int(d, "ID", id);
	tmpl_set(d, "NUMBER", number);
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	if (vp_orders_conversation(d, id) != 0) {
		rs->status = 500;
		return NULL;
	}
	if (strcmp(st, "processing") == 0) {
		tmpl_show(d, "CAN_SHIP");
		vp_orders_carriers(d);
	} else if (strcmp(st, "shipped") == 0) {
		tmpl_show(d, "CAN_DELIVER");
	} else if (strcmp(st, "awaiting_payment") == 0) {
		tmpl_show(d, "NOT_PAID");
	}
	if (orderview_paid_status(st))
		tmpl_show(d, "HAS_INVOICE");
	return d;
}

/*
 * ROUTE: GET /vendor/orders/{id}      TEMPLATE: vendor/orders_view.tpl
 * PARAMS: none
 * One of the vendor's orders: what to pack, where it goes, its history, the
 * "mark shipped" form (carrier and tracking number) while it waits, the
 * "mark delivered" button once sent, the packing slip and the invoice.
 */
int
vp_orders_view(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	int status;

	rs->status = 0;
	if (vp_orders_view_page(rq, rs, &v) == NULL) {
		view_discard(&v);
		return rs->status ? rs->status : 500;
	}
	status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

/* A move refused because the order is not where it starts: back to the
 * order's page with why. */
static int
vp_orders_refused(struct req *rq, struct resp *rs, const char *what)
{
	resp_set_flash(rs, what);
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/vendor/orders/%lld", req_path_id(rq, "id")));
}

/*
 * ROUTE: POST /vendor/orders/{id}/ship      TEMPLATE: vendor/orders_view.tpl
 * PARAMS: carrier (up to 60, required), tracking (up to 100, required);
 *         bad input shows the order again (R_FORM)
 * Marks the order shipped with its carrier and tracking number (only a paid
 * order waiting to be sent); the customer is mailed both.
 */
int
vp_orders_ship(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	struct orderflow_actor who = { "vendor", rq->sess->user_id, 0 };
	long long order_id;
	const char *st, *number;
	int status;

	if ((status = vp_orders_load(rq, &vendor, &order_id, &st, &number)) != 0)
		return status;
	who.vendor_id = vendor.id;
	status = orderflow_ship(req_path_id(rq, "id"), &who, req_str(rq, "carrier"), req_str(rq, "tracking"));
	if (status == ORDERFLOW_REFUSED)
		return vp_orders_refused(rq, rs, strcmp(st, "awaiting_payment") == 0 ?
					 "This order is not paid yet: it cannot be sent before it is." :
					 "This order is not waiting to be sent, so it cannot be marked shipped.");
	if (status == ORDERFLOW_NOT_FOUND)
		return 404;
	if (status != 0)
		return 500;
	resp_set_flash(rs, arena_printf(&rq->arena, "%s is marked shipped; the customer has been told.", number));
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/vendor/orders/%lld", req_path_id(rq, "id")));
}

/*
 * ROUTE: POST /vendor/orders/{id}/deliver      TEMPLATE: none (redirects)
 * PARAMS: none
 * Marks a shipped order delivered; the customer is mailed.
 */
int
vp_orders_deliver(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	struct orderflow_actor who = { "vendor", rq->sess->user_id, 0 };
	long long order_id;
	const char *number;
	int status;

	if ((status = vp_orders_load(rq, &vendor, &order_id, NULL, &number)) != 0)
		return status;
	who.vendor_id = vendor.id;
	status = orderflow_deliver(req_path_id(rq, "id"), &who);
	if (status == ORDERFLOW_REFUSED)
		return vp_orders_refused(rq, rs, "Only a shipped order can be marked delivered.");
	if (status == ORDERFLOW_NOT_FOUND)
		return 404;
	if (status != 0)
		return 500;
	resp_set_flash(rs, arena_printf(&rq->arena, "%s is marked delivered.", number));
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/vendor/orders/%lld", req_path_id(rq, "id")));
}

/*
 * ROUTE: GET /vendor/orders/{id}/slip      TEMPLATE: vendor/orders_slip.tpl
 * PARAMS: none
 * The packing slip: the delivery address and the items, without prices,
 * to print and put in the parcel.
 */
int
vp_orders_slip(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct vp_vendor vendor;
	struct view v = { 0 };
	long long order_id;
	const char *number;
	tmpl_dict *d;
	int status;

	if ((status = vp_orders_load(rq, &vendor, &order_id, NULL, &number)) != 0)
		return status;
	d = view_begin(&v, rq, rs, "vendor/orders_slip.tpl", arena_printf(a, "Packing slip %s", number));
	tmpl_set(d, "SHOP", vendor.trading_name);
	if ((status = orderview_fill(d, a, order_id, vendor.id, ORDERVIEW_ADDRESS, NULL)) != 0) {
		view_discard(&v);
		return status;
	}
	status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

static int
vp_orders_invoice_answer(struct req *rq, struct resp *rs, int pdf)
{
	struct arena *a = &rq->arena;
	struct vp_vendor vendor;
	struct invoice inv;
	struct view v = { 0 };
	long long order_id;
	tmpl_dict *d;
	int status;

	if ((status = vp_orders_load(rq, &vendor, &order_id, NULL, NULL)) != 0)
		return status;
	if ((status = invoice_get(order_id, req_path_id(rq, "id"), vendor.id, &inv)) != 0) {
		if (status == 409)
			rs->message = "This order has no invoice yet: it is issued once the order is paid.";
		return status;
	}
	if (pdf) {
		if (invoice_pdf(a, &inv, &rs->body) != 0)
			return 500;
		rs->content_type = "application/pdf";
		resp_header(rs, "Content-Disposition", arena_printf(a, "inline; filename=\"%s.pdf\"", inv.number));
		return 200;
	}
	d = view_begin(&v, rq, rs, "vendor/orders_invoice.tpl", arena_printf(a, "Invoice %s", inv.number));
	tmpl_set_int(d, "ID", req_path_id(rq, "id"));
	if (invoice_fill(tmpl_include(d, "INVOICE", INVOICE_TEMPLATE), a, &inv) != 0) {
		view_discard(&v);
		return 500;
	}
	status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

/*
 * ROUTE: GET /vendor/orders/{id}/invoice      TEMPLATE: vendor/orders_invoice.tpl
 * PARAMS: none
 * The printable invoice of the order (issued on first view once paid; 409
 * before).
 */
int
vp_orders_invoice(struct req *rq, struct resp *rs)
{
	return vp_orders_invoice_answer(rq, rs, 0);
}

/*
 * ROUTE: GET /vendor/orders/{id}/invoice.pdf      TEMPLATE: none
 * PARAMS: none
 * The same invoice as a PDF document.
 */
int
vp_orders_invoice_pdf(struct req *rq, struct resp *rs)
{
	return vp_orders_invoice_answer(rq, rs, 1);
}

int
vp_orders_dashboard(tmpl_dict *d, long long vendor_id)
{
	long long n = db_scalar(-1, vp_orders_waiting_count_sql, "i", vendor_id);
	struct db_result *r;
	tmpl_dict *s;

	if (n < 0)
		return -1;
	s = tmpl_section(d, "ORDERS_BOX");
	if (n == 0) {
		tmpl_show(s, "NO_ORDERS_WAITING");
		return 0;
	}
	{
		char text[64];

		snprintf(text, sizeof text, n == 1 ? "%lld paid order waits to be sent" :
			 "%lld paid orders wait to be sent", n);
		tmpl_set(tmpl_section(s, "WAITING"), "ORDERS_WAITING_TEXT", text);
	}
	if ((r = db_query(vp_orders_waiting_sql, "i", vendor_id)) == NULL)
		return -1;
	while (db_next(r))
		vp_orders_row(tmpl_section(s, "NEW_ORDER"), r);
	db_free(r);
	return 0;
}
