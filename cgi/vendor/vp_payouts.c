/*
 * vp_payouts: the vendor's money and its payouts: the balance, what is held
 * until orders are past their return window, what payouts already ask for,
 * what is available now, the button that asks for all of it, and every
 * payout with its state. The vendor is the session's.
 */
#include "vp.h"

#include "csrf.h"
#include "db.h"
#include "earnings.h"
#include "money.h"
#include "payout.h"
#include "returns.h"
#include "paging.h"
#include "sess.h"

#include <string.h>

/* What a payout's state is called on the page. */
static const char *
vp_payouts_status_label(const char *status)
{
	if (strcmp(status, "requested") == 0)
		return "Requested";
	if (strcmp(status, "sent") == 0)
		return "Sent";
	return "Cancelled";
}

static char *
vp_payouts_page_url(void *ctx, long long n)
{
	return n > 1 ? arena_printf(ctx, "/vendor/payouts?page=%lld", n) : "/vendor/payouts";
}

/*
 * ROUTE: GET /vendor/payouts      TEMPLATE: vendor/payouts_list.tpl
 * PARAMS: page (1..10000)
 * The balance, what is held (orders not yet delivered, or within their
 * return window), what payouts already ask for and what is available, the
 * form that requests a payout of it, and the payouts, newest first, 50 a page.
 */
int
vp_payouts_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct vp_vendor vendor;
	struct earnings_balance b;
	struct paging pg = { req_int(rq, "page", 1), 50, VP_PAGE_MAX, 0 };
	struct db_result *r = NULL;
	char amount[64];
	tmpl_dict *d, *row;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	if (earnings_balance(vendor.id, 0, &b) != 0 ||
	    (pg.total = db_scalar(-1, "SELECT COUNT(*) FROM payouts WHERE vendor_id = ?", "i", vendor.id)) < 0)
		return 500;
	if (paging_past_end(&pg))
		return 404;
	if ((r = db_query("SELECT id, amount_minor, status, source, requested_at, IFNULL(sent_at, ''),"
			  " IFNULL(sent_reference, ''), IFNULL(cancel_reason, ''), IFNULL(cancelled_at, '')"
			  " FROM payouts WHERE vendor_id = ? ORDER BY id DESC LIMIT ? OFFSET ?", "iii",
			  vendor.id, pg.per_page, paging_offset(&pg))) == NULL)
		return 500;
	d = view_begin(&v, rq, rs, "vendor/payouts_list.tpl", "Your payouts");
	view_crumb(&v, "Vendor portal", "/vendor/");
	view_crumb(&v, "Payouts", NULL);
	vp_dashboard_nav(d, "/vendor/payouts");
	tmpl_set(d, "BALANCE", money_format(b.balance, amount, sizeof amount));
	tmpl_set(d, "HELD", money_format(b.held > 0 ? b.held : 0, amount, sizeof amount));
	tmpl_set(d, "REQUESTED", money_format(b.requested, amount, sizeof amount));
	tmpl_set(d, "AVAILABLE", money_format(b.available > 0 ? b.available : 0, amount, sizeof amount));
	tmpl_set(d, "RETURN_DAYS", arena_printf(a, "%lld", returns_window_days(vendor.id)));
	if (b.available > 0) {
		row = tmpl_section(d, "CAN_REQUEST");
		tmpl_set(row, "CSRF", csrf_token(rq, rs));
		tmpl_set(row, "AVAILABLE", money_format(b.available, amount, sizeof amount));
	} else {
		tmpl_show(d, "NOTHING_AVAILABLE");
	}
	tmpl_set(d, "RESULT_TEXT", paging_result_text(a, &pg, "payout", "payouts"));
	tmpl_show(d, pg.total > 0 ? "HAS_PAYOUTS" : "NO_PAYOUTS");
	while (db_next(r)) {
		row = tmpl_section(d, "PAYOUT");
		tmpl_set(row, "ID", db_str(r, 0));
		tmpl_set(row, "AMOUNT", money_format(db_int(r, 1), amount, sizeof amount));
		tmpl_set(row, "STATUS", vp_payouts_status_label(db_str(r, 2)));
		tmpl_set(row, "STATUS_CLASS", db_str(r, 2));
		tmpl_set(row, "SOURCE", strcmp(db_str(r, 3), "schedule") == 0 ? "Scheduled" : "You asked");
		tmpl_set(row, "REQUESTED_AT", db_str(r, 4));
		if (*db_str(r, 5))
			tmpl_set(tmpl_section(row, "SENT"), "AT", db_str(r, 5));
		if (*db_str(r, 6))
			tmpl_set(tmpl_section(row, "REFERENCE"), "TEXT", db_str(r, 6));
		if (*db_str(r, 8)) {
			tmpl_dict *c = tmpl_section(row, "CANCELLED");

			tmpl_set(c, "AT", db_str(r, 8));
			tmpl_set(c, "REASON", db_str(r, 7));
		}
	}
	db_free(r);
	paging_links(d, &pg, vp_payouts_page_url, a);
	return view_end(&v, rs);
}

/*
 * ROUTE: POST /vendor/payouts      TEMPLATE: none (redirects)
 * PARAMS: none
 * Requests a payout of everything available now; says how much, or that
 * nothing is available (a second click, or money still held). Back to
 * /vendor/payouts.
 */
int
vp_payouts_request(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	long long id, amount = 0;
	char text[64];
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	id = payout_request(vendor.id, rq->sess->user_id, NULL, 1, &amount);
	if (id == PAYOUT_ERROR)
		return 500;
	if (id > 0)
		resp_set_flash(rs, arena_printf(&rq->arena, "Payout of %s requested: we send it to your bank account"
						" and tell you when it is on its way.",
						money_format(amount, text, sizeof text)));
	else if (id == PAYOUT_NOT_VERIFIED)
		resp_set_flash(rs, "Payouts start once your shop is verified.");
	else
		resp_set_flash(rs, "Nothing is available to pay out now: money from an order becomes available"
				   " once its return window after delivery has passed.");
	return resp_redirect(rs, 303, "/vendor/payouts");
}
