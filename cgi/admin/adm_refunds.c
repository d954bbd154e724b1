/*
 * adm_refunds: refunds and escalated returns on the admin site.
 *
 * /admin/refunds lists the stuck refunds first (waiting for their
 * provider's answer for longer than BAZAAR_REFUND_STUCK_AFTER: the job
 * bazaar-refundsettle settles them, an admin may at once), then the refunds
 * the provider refused (each with a retry), those still waiting for an
 * answer, those to pay back by hand, and the latest made. An admin refunds a vendor order, found by its number, in
 * full or in part (an amount up to what is left, units to put back in
 * stock, paid through the provider or by hand); the form carries a random
 * key, so sending it twice refunds once (refund.h). /admin/returns lists the
 * returns customers escalated after a refusal, and every open one; an admin
 * accepts one with instructions or closes it with a note, marks an accepted
 * one received, and asks again for a refund that failed. Every decision is
 * in the audit log.
 */
#include "adm.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "chat.h"
#include "clock.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "money.h"
#include "refund.h"
#include "returns.h"
#include "route.h"
#include "sess.h"
#include "token.h"

#define ADM_REFUNDS_LINES 200

static const char adm_refunds_list_sql[] =
	"SELECT f.id, vo.number, f.amount_minor, f.status, f.reason, IFNULL(f.failure, ''), f.attempts,"
	" DATE_FORMAT(f.created_at, '%Y-%m-%d %H:%i')"
	" FROM refunds f JOIN vendor_orders vo ON vo.id = f.vendor_order_id"
	" ORDER BY f.status = 'failed' DESC, f.status = 'pending' DESC, f.id DESC LIMIT 200";

/* Pending since before the bound: stuck (refund.h). */
static const char adm_refunds_stuck_sql[] =
	"SELECT f.id, vo.number, f.amount_minor, f.attempts, DATE_FORMAT(f.created_at, '%Y-%m-%d %H:%i'),"
	" DATE_FORMAT(f.updated_at, '%Y-%m-%d %H:%i'), IF(f.payment_id IS NULL, 'by hand', 'provider')"
	" FROM refunds f JOIN vendor_orders vo ON vo.id = f.vendor_order_id"
	" WHERE f.status = 'pending' AND f.updated_at <= ? ORDER BY f.id LIMIT 100";

static const char adm_refunds_vendor_order_sql[] =
	"SELECT vo.id, vo.number, vo.status, v.trading_name, vo.total_minor, vo.refunded_minor, o.status,"
	" o.payment_method FROM vendor_orders vo JOIN vendors v ON v.id = vo.vendor_id"
	" JOIN orders o ON o.id = vo.order_id WHERE vo.number = ?";

/*
 * ROUTE: GET /admin/refunds      TEMPLATE: admin/refunds_list.tpl
 * PARAMS: none
 * Stuck refunds first (each with "settle now"), then those refused by the
 * provider (with a retry), then those waiting, then the latest; and the
 * form that finds a vendor order to refund.
 */
int
adm_refunds_list(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct db_result *r;
	char money[48], before[24];
	tmpl_dict *d, *row;
	int status, any = 0, stuck = 0;

	clock_datetime(clock_now() - (time_t)refund_stuck_after(), before, sizeof before);
	if ((r = db_query(adm_refunds_stuck_sql, "s", before)) == NULL)
		return 500;
	d = adm_page(&v, rq, rs, "admin/refunds_list.tpl", "Refunds", ADM_SECTION_REFUNDS);
	view_crumb(&v, "Refunds", NULL);
	tmpl_set_int(d, "STUCK_MINUTES", refund_stuck_after() / 60);
	while (db_next(r)) {
		row = tmpl_section(d, "STUCK");
		tmpl_set(row, "ID", db_str(r, 0));
		tmpl_set(row, "NUMBER", db_str(r, 1));
		tmpl_set(row, "AMOUNT", money_format(db_int(r, 2), money, sizeof money));
		tmpl_set(row, "ATTEMPTS", db_str(r, 3));
		tmpl_set(row, "CREATED", db_str(r, 4));
		tmpl_set(row, "SINCE", db_str(r, 5));
		tmpl_set(row, "WAY", db_str(r, 6));
		tmpl_set(row, "CSRF", csrf_token(rq, rs));
		stuck = 1;
	}
	db_free(r);
	if (stuck)
		tmpl_show(d, "HAS_STUCK");
	if ((r = db_query(adm_refunds_list_sql, "")) == NULL) {
		view_discard(&v);
		return 500;
	}
	while (db_next(r)) {
		row = tmpl_section(d, "REFUND");
		tmpl_set(row, "ID", db_str(r, 0));
		tmpl_set(row, "NUMBER", db_str(r, 1));
		tmpl_set(row, "AMOUNT", money_format(db_int(r, 2), money, sizeof money));
		tmpl_set(row, "STATUS", db_str(r, 3));
		tmpl_set(row, "REASON", db_str(r, 4));
		tmpl_set(row, "FAILURE", db_str(r, 5));
		tmpl_set(row, "ATTEMPTS", db_str(r, 6));
		tmpl_set(row, "CREATED", db_str(r, 7));
		if (strcmp(db_str(r, 3), "pending") == 0)
			tmpl_show(row, "CONFIRMING");
		if (strcmp(db_str(r, 3), "failed") == 0) {
			tmpl_dict *f = tmpl_section(row, "CAN_RETRY");

			tmpl_set(f, "ID", db_str(r, 0));
			tmpl_set(f, "CSRF", csrf_token(rq, rs));
			tmpl_set(f, "NUMBER", db_str(r, 1));
		}
		any = 1;
	}
	db_free(r);
	tmpl_show(d, any ? "HAS_REFUNDS" : "NO_REFUNDS");
	status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

/*
 * ROUTE: POST /admin/refunds/{id}/retry      TEMPLATE: none
 * PARAMS: none
 * Asks the provider again for a refund it refused. Redirects to the list.
 */
int
adm_refunds_retry(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct refund_outcome out;
	long long id = req_path_id(rq, "id");
	int rc;

	rc = refund_retry(id, rq->sess->user_id, &out);
	switch (rc) {
	case REFUND_OK:
		audit_log(rq, "refund.retry", "refund", id, out.status);
		resp_set_flash(rs, "The refund is made.");
		break;
	case REFUND_FAILED:
		audit_log(rq, "refund.retry", "refund", id, "failed");
		resp_set_flash(rs, arena_printf(a, "The provider refused it again: %s", out.failure));
		break;
	case REFUND_PENDING:
		audit_log(rq, "refund.retry", "refund", id, "pending");
		resp_set_flash(rs, "The payment provider did not answer: the refund is being confirmed with the payment"
			       " provider. It is asked again with the same key, so it is made once.");
		break;
	case REFUND_STATE:
		resp_set_flash(rs, "This refund is not waiting for a retry: nothing changed.");
		break;
	case REFUND_TOO_MUCH:
		resp_set_flash(rs, "Other refunds have paid back the rest of this order meanwhile: nothing changed.");
		break;
	default:
		return rc == REFUND_NOT_FOUND ? 404 : 500;
	}
	return resp_redirect(rs, 303, "/admin/refunds");
}

/*
 * ROUTE: POST /admin/refunds/{id}/settle      TEMPLATE: none
 * PARAMS: none
 * Settles a stuck refund now, as the job would: the provider is asked again
 * with the same key and its answer recorded once. Redirects to the list.
 */
int
adm_refunds_settle(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct refund_outcome out;
	long long id = req_path_id(rq, "id");
	int rc;

	rc = refund_settle(id, &out);
	switch (rc) {
	case REFUND_OK:
		audit_log(rq, "refund.settle", "refund", id, out.status);
		resp_set_flash(rs, strcmp(out.status, "manual") == 0 ? "Settled: pay it back by bank transfer."
								     : "Settled: the refund is made.");
		break;
	case REFUND_FAILED:
		audit_log(rq, "refund.settle", "refund", id, "failed");
		resp_set_flash(rs, arena_printf(a, "Settled: the provider refused it (%s). It waits below for a retry.",
						out.failure));
		break;
	case REFUND_PENDING:
		audit_log(rq, "refund.settle", "refund", id, "pending");
		resp_set_flash(rs, "The payment provider did not answer again: the refund is still being confirmed with"
			       " the payment provider. The refund job asks again later with the same key.");
		break;
	case REFUND_STATE:
		resp_set_flash(rs, "This refund is not stuck (answered, or being settled right now): nothing changed.");
		break;
	default:
		return rc == REFUND_NOT_FOUND ? 404 : 500;
	}
	return resp_redirect(rs, 303, "/admin/refunds");
}

/* The refund form of the vendor order ?number= (NULL with rs->status). */
tmpl_dict *
adm_refunds_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct arena *a = &rq->arena;
	struct db_result *r;
	const char *number = req_str(rq, "number");
	char money[48], key[TOKEN_TEXT_SIZE];
	long long vo_id, left;
	tmpl_dict *d, *row;

	if ((r = db_query(adm_refunds_vendor_order_sql, "s", number ? number : "")) == NULL) {
		rs->status = 500;
		return NULL;
	}
	if (!db_next(r)) {
		db_free(r);
		rs->status = 404;
		return NULL;
	}
	d = adm_page(v, rq, rs, "admin/refunds_form.tpl", arena_printf(a, "Refund %s", db_str(r, 1)),
		     ADM_SECTION_REFUNDS);
	view_crumb(v, "Refunds", "/admin/refunds");
	view_crumb(v, db_str(r, 1), NULL);
	vo_id = db_int(r, 0);
	left = db_int(r, 4) - db_int(r, 5);
	tmpl_set(d, "NUMBER", db_str(r, 1));
	tmpl_set(d, "VO_STATUS", db_str(r, 2));
	tmpl_set(d, "SHOP", db_str(r, 3));
	tmpl_set(d, "TOTAL", money_format(db_int(r, 4), money, sizeof money));
	tmpl_set(d, "REFUNDED", money_format(db_int(r, 5), money, sizeof money));
	tmpl_set(d, "LEFT", money_format(left, money, sizeof money));
	if (strcmp(db_str(r, 6), "paid") != 0)
		tmpl_show(d, "NOT_PAID");
	else if (left <= 0)
		tmpl_show(d, "NOTHING_LEFT");
	else
		tmpl_show(d, "CAN_REFUND");
	if (strcmp(db_str(r, 7), "bank_transfer") == 0)
		tmpl_show(d, "BANK");
	db_free(r);
	token_new(key);
	if (!req_has(rq, "key"))
		tmpl_set(d, "KEY", key);
	if (!req_has(rq, "amount"))
		tmpl_set(d, "AMOUNT", money_plain(left > 0 ? left : 0, money, sizeof money));
	if ((r = db_query("SELECT id, name, quantity, quantity - restocked_qty FROM order_items"
			  " WHERE vendor_order_id = ? ORDER BY id", "i", vo_id)) == NULL) {
		rs->status = 500;
		return NULL;
	}
	while (db_next(r)) {
		long long k, n = db_int(r, 3);

		row = tmpl_section(d, "ITEM");
		tmpl_set(row, "ITEM_ID", db_str(r, 0));
		tmpl_set(row, "NAME", db_str(r, 1));
		tmpl_set(row, "QUANTITY", db_str(r, 2));
		tmpl_set(row, "N", db_str(r, 0));
		for (k = 0; k <= n && k <= 99; k++)
			tmpl_set_int(tmpl_section(row, "QTY"), "VALUE", k);
	}
	db_free(r);
	return d;
}

/*
 * ROUTE: GET /admin/refunds/new      TEMPLATE: admin/refunds_form.tpl
 * PARAMS: number (a vendor order's number, 32)
 * The refund form of a vendor order: what was paid and paid back, the
 * amount (what is left, to start with), the units to put back in stock.
 */
int
adm_refunds_new(struct req *rq, struct resp *rs)
{
	return route_form_show(rq, rs, adm_refunds_form_page);
}

/*
 * ROUTE: POST /admin/refunds      TEMPLATE: admin/refunds_form.tpl
 * PARAMS: number (32), amount (money), reason (text, 400), manual (yes), key (43, a token),
 *         item (ids, many), restock (0..999, many, one per item)
 * Refunds the amount of the vendor order, through the provider or by hand,
 * and puts the units chosen back in stock once it is made.
 */
int
adm_refunds_create(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct refund_line lines[ADM_REFUNDS_LINES];
	struct refund_request r = { 0 };
	struct refund_outcome out;
	struct db_result *q;
	size_t i, n = 0, items = kvlist_count(&rq->params, "item");
	char money[48];
	int rc;

	if ((q = db_query("SELECT id FROM vendor_orders WHERE number = ?", "s", req_str(rq, "number"))) == NULL)
		return 500;
	r.vendor_order_id = db_next(q) ? db_int(q, 0) : 0;
	db_free(q);
	if (r.vendor_order_id == 0)
		return 404;
	if (items != kvlist_count(&rq->params, "restock") || items > ADM_REFUNDS_LINES) {
		route_form_error(rq, "restock", "Choose how many units of each item go back to stock.");
		return route_form_fail(rq, rs);
	}
	for (i = 0; i < items; i++) {
		const char *item = req_str_at(rq, "item", i), *restock = req_str_at(rq, "restock", i);

		lines[n].order_item_id = item ? atoll(item) : 0;
		lines[n].quantity = 0;
		lines[n].restock = restock ? atoll(restock) : 0;
		if (lines[n].restock > 0)
			n++;
	}
	r.amount_minor = req_int(rq, "amount", 0);
	r.lines = lines;
	r.nlines = n;
	r.reason = req_str(rq, "reason");
	r.user_id = rq->sess->user_id;
	r.key = req_str(rq, "key");
	r.manual = req_has(rq, "manual");
	rc = refund_issue(&r, &out);
	switch (rc) {
	case REFUND_OK:
	case REFUND_FAILED:
		if (out.again) {
			resp_set_flash(rs, "This form was sent before: its refund is below, nothing new was made.");
			return resp_redirect(rs, 303, "/admin/refunds");
		}
		audit_log(rq, "refund.create", "refund", out.refund_id,
			  arena_printf(a, "%s %s %s", req_str(rq, "number"), money_format(r.amount_minor, money,
				       sizeof money), out.status));
		resp_set_flash(rs, rc == REFUND_OK
			       ? (strcmp(out.status, "manual") == 0 ? "Recorded: pay it back by bank transfer."
								    : "The refund is made.")
			       : arena_printf(a, "The provider refused the refund: %s. It waits below for a retry.",
					      out.failure));
		return resp_redirect(rs, 303, "/admin/refunds");
	case REFUND_PENDING:
		if (!out.again)
			audit_log(rq, "refund.create", "refund", out.refund_id,
				  arena_printf(a, "%s %s pending", req_str(rq, "number"),
					       money_format(r.amount_minor, money, sizeof money)));
		resp_set_flash(rs, "The refund is being confirmed with the payment provider (it did not answer yet). It"
			       " is asked again with the same key, so it is made once: see it below.");
		return resp_redirect(rs, 303, "/admin/refunds");
	case REFUND_TOO_MUCH:
		route_form_error(rq, "amount", "The amount is more than is left to pay back.");
		break;
	case REFUND_NOT_PAID:
		route_form_error(rq, "amount", "This order was never paid: there is nothing to pay back.");
		break;
	case REFUND_BAD_ITEMS:
		route_form_error(rq, "restock", "More units than were bought and not yet back in stock.");
		break;
	default:
		return rc == REFUND_NOT_FOUND ? 404 : 500;
	}
	return route_form_fail(rq, rs);
}

/* ---- escalated returns ------------------------------------------------------------------ */

/*
 * ROUTE: GET /admin/returns      TEMPLATE: admin/returns_list.tpl
 * PARAMS: none
 * Returns escalated by their customers first, then every other open one.
 */
int
adm_refunds_returns(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct db_result *r;
	char money[48];
	tmpl_dict *d, *row;
	int status, any = 0;

	r = db_query("SELECT r.id, vo.number, v.trading_name, r.status, r.reason, r.amount_minor,"
		     " DATE_FORMAT(r.requested_at, '%Y-%m-%d') FROM returns r"
		     " JOIN vendor_orders vo ON vo.id = r.vendor_order_id JOIN vendors v ON v.id = vo.vendor_id"
		     " WHERE r.status IN ('escalated', 'requested', 'accepted', 'received')"
		     " ORDER BY r.status = 'escalated' DESC, r.id LIMIT 500", "");
	if (r == NULL)
		return 500;
	d = adm_page(&v, rq, rs, "admin/returns_list.tpl", "Returns", ADM_SECTION_REFUNDS);
	view_crumb(&v, "Returns", NULL);
	while (db_next(r)) {
		row = tmpl_section(d, "RETURN");
		tmpl_set(row, "ID", db_str(r, 0));
		tmpl_set(row, "NUMBER", db_str(r, 1));
		tmpl_set(row, "SHOP", db_str(r, 2));
		tmpl_set(row, "STATE", returns_status_label(db_str(r, 3)));
		tmpl_set(row, "REASON", db_str(r, 4));
		tmpl_set(row, "AMOUNT", money_format(db_int(r, 5), money, sizeof money));
		tmpl_set(row, "REQUESTED", db_str(r, 6));
		any = 1;
	}
	db_free(r);
	tmpl_show(d, any ? "HAS_RETURNS" : "NO_RETURNS");
	status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

/* One return's page for an admin (NULL with rs->status). */
tmpl_dict *
adm_refunds_return_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct arena *a = &rq->arena;
	struct db_result *r;
	long long id = req_path_id(rq, "id");
	const char *state;
	char money[48];
	tmpl_dict *d, *row;
	int confirming;

	r = db_query("SELECT vo.number, v.trading_name, r.status, r.reason, r.amount_minor,"
		     " IFNULL(r.instructions, ''), IFNULL(r.refusal, ''), IFNULL(r.escalation, ''),"
		     " IFNULL(r.admin_note, ''), IFNULL(f.status, ''), IFNULL(f.failure, ''), r.vendor_order_id"
		     " FROM returns r JOIN vendor_orders vo ON vo.id = r.vendor_order_id"
		     " JOIN vendors v ON v.id = vo.vendor_id LEFT JOIN refunds f ON f.id = r.refund_id WHERE r.id = ?",
		     "i", id);
	if (r == NULL || !db_next(r)) {
		rs->status = r == NULL ? 500 : 404;
		db_free(r);
		return NULL;
	}
	d = adm_page(v, rq, rs, "admin/returns_view.tpl", arena_printf(a, "Return of %s", db_str(r, 0)),
		     ADM_SECTION_REFUNDS);
	view_crumb(v, "Returns", "/admin/returns");
	view_crumb(v, db_str(r, 0), NULL);
	tmpl_set_int(d, "ID", id);
	tmpl_set(d, "NUMBER", db_str(r, 0));
	tmpl_set(d, "SHOP", db_str(r, 1));
	state = arena_strdup(a, db_str(r, 2));
	tmpl_set(d, "STATE", returns_status_label(state));
	tmpl_set(d, "REASON_TEXT", db_str(r, 3));
	tmpl_set(d, "AMOUNT", money_format(db_int(r, 4), money, sizeof money));
	if (*db_str(r, 5))
		tmpl_set(tmpl_section(d, "HAS_INSTRUCTIONS"), "TEXT", db_str(r, 5));
	if (*db_str(r, 6))
		tmpl_set(tmpl_section(d, "HAS_REFUSAL"), "TEXT", db_str(r, 6));
	if (*db_str(r, 7)) {
		tmpl_dict *e = tmpl_section(d, "HAS_ESCALATION");
		long long conversation = chat_of_vendor_order(db_int(r, 11));

		tmpl_set(e, "TEXT", db_str(r, 7));
		/* The dispute lets the admin read the customer's conversation
		 * with the shop (adm_conversations.c, audited). */
		if (conversation > 0) {
			tmpl_dict *c = tmpl_section(e, "CONVERSATION");

			tmpl_set_int(c, "CONVERSATION_ID", conversation);
			tmpl_set_int(c, "RETURN_ID", id);
		}
	}
	if (*db_str(r, 8))
		tmpl_set(tmpl_section(d, "HAS_ADMIN_NOTE"), "TEXT", db_str(r, 8));
	if (strcmp(db_str(r, 9), "failed") == 0)
		tmpl_set(tmpl_section(d, "REFUND_FAILED"), "TEXT", db_str(r, 10));
	confirming = strcmp(db_str(r, 9), "pending") == 0;
	if (confirming)
		tmpl_show(d, "REFUND_CONFIRMING");
	db_free(r);
	if (strcmp(state, "escalated") == 0)
		tmpl_show(d, "CAN_DECIDE");
	else if (strcmp(state, "accepted") == 0)
		tmpl_show(d, "CAN_RECEIVE");
	else if (strcmp(state, "received") == 0 && !confirming)
		tmpl_show(d, "CAN_PAY");
	if ((r = db_query("SELECT oi.name, ri.quantity FROM return_items ri JOIN order_items oi"
			  " ON oi.id = ri.order_item_id WHERE ri.return_id = ? ORDER BY oi.id", "i", id)) == NULL) {
		rs->status = 500;
		return NULL;
	}
	while (db_next(r)) {
		row = tmpl_section(d, "ITEM");
		tmpl_set(row, "NAME", db_str(r, 0));
		tmpl_set(row, "QTY", db_str(r, 1));
	}
	db_free(r);
	return d;
}

/*
 * ROUTE: GET /admin/returns/{id}      TEMPLATE: admin/returns_view.tpl
 * PARAMS: none
 * One return with its history of reasons, and the forms its state allows.
 */
int
adm_refunds_return(struct req *rq, struct resp *rs)
{
	return route_form_show(rq, rs, adm_refunds_return_page);
}

/* After an admin's move on a return: audited, back to its page. */
static int
adm_refunds_after(struct req *rq, struct resp *rs, int rc, const char *action, const char *done)
{
	struct arena *a = &rq->arena;
	long long id = req_path_id(rq, "id");

	switch (rc) {
	case RETURNS_OK:
		audit_log(rq, action, "return", id, "");
		resp_set_flash(rs, done);
		break;
	case RETURNS_REFUND_FAILED:
		audit_log(rq, action, "return", id, "refund failed");
		resp_set_flash(rs, "The provider refused the refund: it waits on this page for a retry.");
		break;
	case RETURNS_REFUND_PENDING:
		audit_log(rq, action, "return", id, "refund pending");
		resp_set_flash(rs, "The refund is being confirmed with the payment provider: the return is marked"
			       " refunded once it answers.");
		break;
	case RETURNS_STATE:
		resp_set_flash(rs, "This return was decided already: nothing changed.");
		break;
	case RETURNS_NOT_FOUND:
		return 404;
	default:
		return 500;
	}
	return resp_redirect(rs, 303, arena_printf(a, "/admin/returns/%lld", id));
}

/*
 * ROUTE: POST /admin/returns/{id}/accept      TEMPLATE: admin/returns_view.tpl
 * PARAMS: instructions (text, 1000)
 * Accepts an escalated return over the shop's refusal.
 */
int
adm_refunds_return_accept(struct req *rq, struct resp *rs)
{
	return adm_refunds_after(rq, rs, returns_accept(req_path_id(rq, "id"), 0, rq->sess->user_id,
							req_str(rq, "instructions")),
				 "return.accept", "Accepted. The customer has the instructions.");
}

/*
 * ROUTE: POST /admin/returns/{id}/close      TEMPLATE: admin/returns_view.tpl
 * PARAMS: note (text, 500)
 * Closes an escalated return: the shop's refusal stands.
 */
int
adm_refunds_return_close(struct req *rq, struct resp *rs)
{
	return adm_refunds_after(rq, rs, returns_close(req_path_id(rq, "id"), rq->sess->user_id, req_str(rq, "note")),
				 "return.close", "Closed. The customer has your note.");
}

/*
 * ROUTE: POST /admin/returns/{id}/receive      TEMPLATE: none
 * PARAMS: restock (yes or absent)
 * The parcel of an accepted return arrived: the refund is issued.
 */
int
adm_refunds_return_receive(struct req *rq, struct resp *rs)
{
	struct refund_outcome out;

	return adm_refunds_after(rq, rs, returns_receive(req_path_id(rq, "id"), 0, rq->sess->user_id,
							 req_has(rq, "restock"), &out),
				 "return.receive", "Received. The customer is paid back.");
}

/*
 * ROUTE: POST /admin/returns/{id}/pay      TEMPLATE: none
 * PARAMS: none
 * Asks again for the refund of a received return the provider refused.
 */
int
adm_refunds_return_pay(struct req *rq, struct resp *rs)
{
	struct refund_outcome out;

	return adm_refunds_after(rq, rs, returns_pay(req_path_id(rq, "id"), rq->sess->user_id, &out),
				 "return.pay", "The customer is paid back.");
}
