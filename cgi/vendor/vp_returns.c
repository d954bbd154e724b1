/*
 * vp_returns: a vendor's returns and cancellations.
 *
 * The vendor sees the returns its customers asked for (open ones first),
 * accepts one with instructions for sending it back or refuses it with a
 * reason (returns.h: the first decision wins), and marks an accepted one
 * received, choosing whether its units go back to stock: the refund is
 * issued then (refund.h). A vendor order that has not shipped can be
 * cancelled with a reason the customer reads; its stock comes back and what
 * was paid is paid back. Every query names the session's vendor: another
 * vendor's return or order is a 404.
 */
#include "vp.h"

#include <string.h>

#include "csrf.h"
#include "db.h"
#include "money.h"
#include "refund.h"
#include "returns.h"
#include "route.h"
#include "sess.h"

static const char vp_returns_list_sql[] =
	"SELECT r.id, vo.number, r.status, r.reason, r.amount_minor, DATE_FORMAT(r.requested_at, '%Y-%m-%d')"
	" FROM returns r JOIN vendor_orders vo ON vo.id = r.vendor_order_id WHERE vo.vendor_id = ?"
	" ORDER BY r.status IN ('requested', 'accepted', 'received') DESC, r.id DESC LIMIT 500";

static const char vp_returns_one_sql[] =
	"SELECT r.id, vo.number, r.status, r.reason, r.amount_minor, DATE_FORMAT(r.requested_at, '%Y-%m-%d'),"
	" IFNULL(r.instructions, ''), IFNULL(r.refusal, ''), IFNULL(r.escalation, ''), IFNULL(r.admin_note, ''),"
	" IFNULL(f.status, ''), IFNULL(f.failure, '')"
	" FROM returns r JOIN vendor_orders vo ON vo.id = r.vendor_order_id LEFT JOIN refunds f ON f.id = r.refund_id"
	" WHERE r.id = ? AND vo.vendor_id = ?";
enum { RV_ID, RV_NUMBER, RV_STATUS, RV_REASON, RV_AMOUNT, RV_REQUESTED, RV_INSTRUCTIONS, RV_REFUSAL,
       RV_ESCALATION, RV_ADMIN_NOTE, RV_REFUND_STATUS, RV_REFUND_FAILURE };

static const char vp_returns_items_sql[] =
	"SELECT oi.name, ri.quantity, oi.quantity FROM return_items ri JOIN order_items oi ON oi.id = ri.order_item_id"
	" WHERE ri.return_id = ? ORDER BY oi.id";

/*
 * ROUTE: GET /vendor/returns      TEMPLATE: vendor/returns_list.tpl
 * PARAMS: none
 * The shop's returns, those waiting for it first, with their state.
 */
int
vp_returns_list(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct vp_vendor vendor;
	struct db_result *r = NULL;
	char money[48];
	tmpl_dict *d, *row;
	int status, any = 0;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	status = 500;
	if ((r = db_query(vp_returns_list_sql, "i", vendor.id)) == NULL)
		goto out;
	d = view_begin(&v, rq, rs, "vendor/returns_list.tpl", "Returns");
	view_crumb(&v, "Vendor portal", "/vendor/");
	view_crumb(&v, "Returns", NULL);
	vp_dashboard_nav(d, "/vendor/returns");
	while (db_next(r)) {
		row = tmpl_section(d, "RETURN");
		tmpl_set(row, "ID", db_str(r, 0));
		tmpl_set(row, "NUMBER", db_str(r, 1));
		tmpl_set(row, "STATE", returns_status_label(db_str(r, 2)));
		tmpl_set(row, "REASON", db_str(r, 3));
		tmpl_set(row, "AMOUNT", money_format(db_int(r, 4), money, sizeof money));
		tmpl_set(row, "REQUESTED", db_str(r, 5));
		any = 1;
	}
	tmpl_show(d, any ? "HAS_RETURNS" : "NO_RETURNS");
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

/* The return page of the vendor (NULL with rs->status when it cannot be
 * shown: 404 for another vendor's). */
tmpl_dict *
vp_returns_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct arena *a = &rq->arena;
	struct vp_vendor vendor;
	struct db_result *r;
	long long id = req_path_id(rq, "id");
	const char *state, *csrf;
	char money[48];
	tmpl_dict *d, *row;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0) {
		rs->status = status;
		return NULL;
	}
	if ((r = db_query(vp_returns_one_sql, "ii", id, vendor.id)) == NULL) {
		rs->status = 500;
		return NULL;
	}
	if (!db_next(r)) {
		db_free(r);
		rs->status = 404;
		return NULL;
	}
	d = view_begin(v, rq, rs, "vendor/returns_view.tpl", arena_printf(a, "Return of %s", db_str(r, RV_NUMBER)));
	view_crumb(v, "Vendor portal", "/vendor/");
	view_crumb(v, "Returns", "/vendor/returns");
	view_crumb(v, db_str(r, RV_NUMBER), NULL);
	vp_dashboard_nav(d, "/vendor/returns");
	csrf = csrf_token(rq, rs);
	tmpl_set(d, "CSRF", csrf);
	tmpl_set_int(d, "ID", id);
	tmpl_set(d, "NUMBER", db_str(r, RV_NUMBER));
	state = arena_strdup(a, db_str(r, RV_STATUS));
	tmpl_set(d, "STATE", returns_status_label(state));
	tmpl_set(d, "REASON_TEXT", db_str(r, RV_REASON));
	tmpl_set(d, "AMOUNT", money_format(db_int(r, RV_AMOUNT), money, sizeof money));
	tmpl_set(d, "REQUESTED", db_str(r, RV_REQUESTED));
	if (*db_str(r, RV_INSTRUCTIONS))
		tmpl_set(tmpl_section(d, "HAS_INSTRUCTIONS"), "TEXT", db_str(r, RV_INSTRUCTIONS));
	if (*db_str(r, RV_REFUSAL))
		tmpl_set(tmpl_section(d, "HAS_REFUSAL"), "TEXT", db_str(r, RV_REFUSAL));
	if (*db_str(r, RV_ESCALATION))
		tmpl_set(tmpl_section(d, "HAS_ESCALATION"), "TEXT", db_str(r, RV_ESCALATION));
	if (*db_str(r, RV_ADMIN_NOTE))
		tmpl_set(tmpl_section(d, "HAS_ADMIN_NOTE"), "TEXT", db_str(r, RV_ADMIN_NOTE));
	if (strcmp(db_str(r, RV_REFUND_STATUS), "failed") == 0)
		tmpl_set(tmpl_section(d, "REFUND_FAILED"), "TEXT", db_str(r, RV_REFUND_FAILURE));
	if (strcmp(db_str(r, RV_REFUND_STATUS), "pending") == 0)
		tmpl_show(d, "REFUND_CONFIRMING");
	db_free(r);
	if (strcmp(state, "requested") == 0)
		tmpl_show(d, "CAN_DECIDE");
	if (strcmp(state, "accepted") == 0)
		tmpl_show(d, "CAN_RECEIVE");
	if ((r = db_query(vp_returns_items_sql, "i", id)) == NULL) {
		rs->status = 500;
		return NULL;
	}
	while (db_next(r)) {
		row = tmpl_section(d, "ITEM");
		tmpl_set(row, "NAME", db_str(r, 0));
		tmpl_set(row, "QTY", db_str(r, 1));
		tmpl_set(row, "BOUGHT", db_str(r, 2));
	}
	db_free(r);
	return d;
}

/*
 * ROUTE: GET /vendor/returns/{id}      TEMPLATE: vendor/returns_view.tpl
 * PARAMS: none
 * One return: the items and the customer's reason, and the forms to
 * accept (with instructions), refuse (with a reason) or mark it received.
 */
int
vp_returns_view(struct req *rq, struct resp *rs)
{
	return route_form_show(rq, rs, vp_returns_form_page);
}

/* Where a decision leaves the vendor: back on the return, with a flash. */
static int
vp_returns_after(struct req *rq, struct resp *rs, int rc, const char *done)
{
	struct arena *a = &rq->arena;

	switch (rc) {
	case RETURNS_OK:
		resp_set_flash(rs, done);
		break;
	case RETURNS_STATE:
		resp_set_flash(rs, "This return was decided already: nothing changed.");
		break;
	case RETURNS_REFUND_FAILED:
		resp_set_flash(rs, "Marked received. The refund could not be made at once: the marketplace will retry it.");
		break;
	case RETURNS_REFUND_PENDING:
		resp_set_flash(rs, "Marked received. The refund is being confirmed with the payment provider.");
		break;
	case RETURNS_NOT_FOUND:
		return 404;
	default:
		return 500;
	}
	return resp_redirect(rs, 303, arena_printf(a, "/vendor/returns/%lld", req_path_id(rq, "id")));
}

/*
 * ROUTE: POST /vendor/returns/{id}/accept      TEMPLATE: vendor/returns_view.tpl
 * PARAMS: instructions (text, 1000)
 * Accepts a requested return; the customer reads the instructions.
 */
int
vp_returns_accept(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	return vp_returns_after(rq, rs, returns_accept(req_path_id(rq, "id"), vendor.id, rq->sess->user_id,
						       req_str(rq, "instructions")),
				"Accepted. The customer has your instructions.");
}

/*
 * ROUTE: POST /vendor/returns/{id}/refuse      TEMPLATE: vendor/returns_view.tpl
 * PARAMS: refusal (text, 500)
 * Refuses a requested return with a reason the customer reads (and may
 * take to the marketplace).
 */
int
vp_returns_refuse(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	return vp_returns_after(rq, rs, returns_refuse(req_path_id(rq, "id"), vendor.id, rq->sess->user_id,
						       req_str(rq, "refusal")),
				"Refused. The customer has your reason.");
}

/*
 * ROUTE: POST /vendor/returns/{id}/receive      TEMPLATE: none
 * PARAMS: restock (1 or absent)
 * The parcel of an accepted return arrived: the refund is issued, and the
 * units go back to stock when restock is ticked.
 */
int
vp_returns_receive(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	struct refund_outcome out;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	return vp_returns_after(rq, rs, returns_receive(req_path_id(rq, "id"), vendor.id, rq->sess->user_id,
							req_has(rq, "restock"), &out),
				"Received. The customer is paid back.");
}

/* ---- cancelling a vendor order ---------------------------------------------------------- */

/* The cancel form of the vendor's order (NULL with rs->status). */
tmpl_dict *
vp_returns_cancel_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct arena *a = &rq->arena;
	struct vp_vendor vendor;
	struct db_result *r;
	tmpl_dict *d;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0) {
		rs->status = status;
		return NULL;
	}
	r = db_query("SELECT number, status FROM vendor_orders WHERE id = ? AND vendor_id = ?", "ii",
		     req_path_id(rq, "id"), vendor.id);
	if (r == NULL || !db_next(r)) {
		rs->status = r == NULL ? 500 : 404;
		db_free(r);
		return NULL;
	}
	d = view_begin(v, rq, rs, "vendor/order_cancel_form.tpl", arena_printf(a, "Cancel %s", db_str(r, 0)));
	view_crumb(v, "Vendor portal", "/vendor/");
	view_crumb(v, arena_printf(a, "Cancel %s", db_str(r, 0)), NULL);
	vp_dashboard_nav(d, "/vendor/returns");
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	tmpl_set_int(d, "ID", req_path_id(rq, "id"));
	tmpl_set(d, "NUMBER", db_str(r, 0));
	if (strcmp(db_str(r, 1), "awaiting_payment") == 0 || strcmp(db_str(r, 1), "processing") == 0)
		tmpl_show(d, "CAN_CANCEL");
	else
		tmpl_show(d, "TOO_LATE");
	db_free(r);
	return d;
}

/*
 * ROUTE: GET /vendor/orders/{id}/cancel      TEMPLATE: vendor/order_cancel_form.tpl
 * PARAMS: none
 * The form to cancel a vendor order that has not shipped, with a reason.
 */
int
vp_returns_cancel_form(struct req *rq, struct resp *rs)
{
	return route_form_show(rq, rs, vp_returns_cancel_page);
}

/*
 * ROUTE: POST /vendor/orders/{id}/cancel      TEMPLATE: vendor/order_cancel_form.tpl
 * PARAMS: reason (text, 400)
 * Cancels the vendor order: its stock comes back and the customer is paid
 * back what was paid for it. Redirects to the form's page with the outcome.
 */
int
vp_returns_cancel(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct vp_vendor vendor;
	struct refund_outcome out;
	long long id = req_path_id(rq, "id");
	int status, rc;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	if (db_scalar(0, "SELECT COUNT(*) FROM vendor_orders WHERE id = ? AND vendor_id = ?", "ii", id, vendor.id) != 1)
		return 404;
	rc = refund_cancel(id, REFUND_BY_VENDOR, rq->sess->user_id, req_str(rq, "reason"), &out);
	switch (rc) {
	case REFUND_OK:
		resp_set_flash(rs, out.refund_id ? "Cancelled. The customer is paid back and the stock is back."
				   : "Cancelled. The stock is back.");
		break;
	case REFUND_FAILED:
		resp_set_flash(rs, "Cancelled and the stock is back. The refund could not be made at once: the marketplace will retry it.");
		break;
	case REFUND_PENDING:
		resp_set_flash(rs, "Cancelled and the stock is back. The refund is being confirmed with the payment provider.");
		break;
	case REFUND_STATE:
		route_form_error(rq, "reason", "This order has shipped or is cancelled already: it cannot be cancelled.");
		return route_form_fail(rq, rs);
	default:
		return rc == REFUND_NOT_FOUND ? 404 : 500;
	}
	return resp_redirect(rs, 303, arena_printf(a, "/vendor/orders/%lld/cancel", id));
}
