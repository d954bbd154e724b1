/*
 * vp_dashboard: the portal's home page, where a vendor sees in plain words
 * where the shop stands (being checked, turned down and why, live, or
 * blocked and how to appeal), whether the email address is verified, the
 * next steps of a newly approved shop, the plan and its terms, the balance,
 * how many listings it has in each state, the listings running low, and
 * its running and scheduled promotions. Also the portal navigation every
 * portal page carries.
 */
#include "vp.h"

#include "mail.h"

#include <string.h>

#include "cfg.h"
#include "clock.h"
#include "csrf.h"
#include "db.h"
#include "earnings.h"
#include "ledger.h"
#include "money.h"
#include "plan.h"
#include "sess.h"

static const char vp_dashboard_sql[] =
	"SELECT v.id, v.slug, v.trading_name, v.status, u.status_reason"
	" FROM vendors v JOIN users u ON u.id = v.user_id WHERE v.user_id = ?";
static const char vp_dashboard_counts_sql[] =
	"SELECT status, COUNT(*), SUM(stock = 0) FROM products WHERE vendor_id = ? GROUP BY status";
/* Live listings at or below their low-stock threshold, the emptiest first. */
static const char vp_dashboard_low_sql[] =
	"SELECT id, name, stock, low_stock_threshold FROM products"
	" WHERE vendor_id = ? AND status = 'active' AND stock <= low_stock_threshold"
	" ORDER BY stock, id LIMIT 10";
/* What the next steps need to know. */
static const char vp_dashboard_steps_sql[] =
	"SELECT v.logo_media_id IS NOT NULL AND v.banner_media_id IS NOT NULL,"
	" EXISTS (SELECT 1 FROM promotions pr WHERE pr.vendor_id = v.id),"
	" EXISTS (SELECT 1 FROM vendor_shipping s WHERE s.vendor_id = v.id)"
	" FROM vendors v WHERE v.id = ?";
/* The vendor's promotions running at the shop's time (bound twice), and
 * those that start later (bound once), soonest first. */
static const char vp_dashboard_running_sql[] =
	"SELECT pr.id, p.name, DATE_FORMAT(pr.starts_at, '%Y-%m-%d'), DATE_FORMAT(pr.ends_at - INTERVAL 1 SECOND, '%Y-%m-%d')"
	" FROM promotions pr JOIN products p ON p.id = pr.product_id"
	" WHERE pr.vendor_id = ? AND pr.status = 'active' AND pr.starts_at <= ? AND pr.ends_at > ?"
	" ORDER BY pr.ends_at, pr.id LIMIT 10";
static const char vp_dashboard_scheduled_sql[] =
	"SELECT pr.id, p.name, DATE_FORMAT(pr.starts_at, '%Y-%m-%d'), DATE_FORMAT(pr.ends_at - INTERVAL 1 SECOND, '%Y-%m-%d')"
	" FROM promotions pr JOIN products p ON p.id = pr.product_id"
	" WHERE pr.vendor_id = ? AND pr.status = 'active' AND pr.starts_at > ?"
	" ORDER BY pr.starts_at, pr.id LIMIT 10";

/* The listing states, in the order the dashboard shows them. */
static const struct {
	const char *status;
	const char *label;
} vp_dashboard_states[] = {
	{ "active", "Live" },
	{ "review", "Awaiting review" },
	{ "draft", "Drafts" },
	{ "hidden", "Hidden" },
	{ "archived", "Archived" },
	{ "removed", "Removed" },
};
#define VP_DASHBOARD_NSTATES (sizeof vp_dashboard_states / sizeof vp_dashboard_states[0])

/* The portal's own pages, in the navigation's order. */
static const struct {
	const char *url;
	const char *label;
} vp_dashboard_pages[] = {
	{ "/vendor/", "Dashboard" },
	{ "/vendor/listings", "Listings" },
	{ "/vendor/orders", "Orders" },
	{ "/vendor/messages", "Messages" },
	{ "/vendor/promotions", "Promotions" },
	{ "/vendor/coupons", "Coupons" },
	{ "/vendor/returns", "Returns" },
	{ "/vendor/reviews", "Reviews" },
	{ "/vendor/profile", "Business profile" },
	{ "/vendor/shop", "Logo and banner" },
	{ "/vendor/shipping", "Shipping" },
	{ "/vendor/plan", "Plan" },
	{ "/vendor/ledger", "Ledger" },
	{ "/vendor/payouts", "Payouts" },
	{ "/vendor/notifications", "Notifications" },
	{ "/vendor/tickets", "Help and support" },
};

void
vp_dashboard_nav(tmpl_dict *page, const char *current)
{
	tmpl_dict *nav = tmpl_include(page, "PORTAL_NAV", "vendor/_nav.tpl"), *item;
	size_t i;

	for (i = 0; i < sizeof vp_dashboard_pages / sizeof vp_dashboard_pages[0]; i++) {
		item = tmpl_section(nav, "ITEM");
		tmpl_set(item, "URL", vp_dashboard_pages[i].url);
		tmpl_set(item, "LABEL", vp_dashboard_pages[i].label);
		if (strcmp(current, vp_dashboard_pages[i].url) == 0)
			tmpl_show(item, "CURRENT");
	}
}

/*
 * ROUTE: GET /vendor      TEMPLATE: none (redirects)
 * PARAMS: none
 * The portal lives at /vendor/: a permanent redirect there.
 */
int
vp_dashboard_redirect(struct req *rq, struct resp *rs)
{
	(void)rq;
	return resp_redirect(rs, 301, "/vendor/");
}

/* Fills the counts of the vendor's listings by state, and how many of the
 * live ones are sold out. *total gets them all. Returns 0 or -1. */
static int
vp_dashboard_counts(tmpl_dict *d, long long vendor_id, long long *total)
{
	struct db_result *r = db_query(vp_dashboard_counts_sql, "i", vendor_id);
	long long counts[VP_DASHBOARD_NSTATES] = { 0 }, sold_out = 0;
	tmpl_dict *row;
	size_t i;

	if (r == NULL)
		return -1;
	*total = 0;
	while (db_next(r))
		for (i = 0; i < VP_DASHBOARD_NSTATES; i++)
			if (strcmp(db_str(r, 0), vp_dashboard_states[i].status) == 0) {
				counts[i] = db_int(r, 1);
				*total += counts[i];
				if (i == 0)
					sold_out = db_int(r, 2);
			}
	db_free(r);
	for (i = 0; i < VP_DASHBOARD_NSTATES; i++) {
		row = tmpl_section(d, "COUNT");
		tmpl_set(row, "LABEL", vp_dashboard_states[i].label);
		tmpl_set(row, "STATE", vp_dashboard_states[i].status);
		tmpl_set_int(row, "NUM", counts[i]);
		if (i == 0) {
			row = tmpl_section(d, "COUNT");
			tmpl_set(row, "LABEL", "Live but sold out");
			tmpl_set(row, "STATE", "sold-out");
			tmpl_set_int(row, "NUM", sold_out);
		}
	}
	tmpl_set_int(d, "TOTAL", *total);
	tmpl_show(d, *total > 0 ? "HAS_LISTINGS" : "NO_LISTINGS");
	return 0;
}

/* The live listings at or below their low-stock threshold. 0 or -1. */
static int
vp_dashboard_low_stock(tmpl_dict *d, long long vendor_id)
{
	struct db_result *r = db_query(vp_dashboard_low_sql, "i", vendor_id);
	tmpl_dict *list = NULL, *row;

	if (r == NULL)
		return -1;
	while (db_next(r)) {
		if (list == NULL)
			list = tmpl_section(d, "HAS_LOW");
		row = tmpl_section(list, "LOW");
		tmpl_set_int(row, "ID", db_int(r, 0));
		tmpl_set(row, "NAME", db_str(r, 1));
		if (db_int(r, 2) == 0)
			tmpl_show(row, "SOLD_OUT");
		else
			tmpl_set_int(tmpl_section(row, "LEFT"), "STOCK", db_int(r, 2));
		tmpl_set_int(row, "THRESHOLD", db_int(r, 3));
	}
	db_free(r);
	if (list == NULL)
		tmpl_show(d, "NO_LOW");
	return 0;
}

/* The running or scheduled promotions as rows of a list section shown only
 * when there are some. Returns how many, or -1. */
static int
vp_dashboard_promotion_rows(tmpl_dict *d, const char *list, struct db_result *r)
{
	tmpl_dict *l = NULL, *row;
	int n = 0;

	if (r == NULL)
		return -1;
	while (db_next(r)) {
		if (l == NULL)
			l = tmpl_section(d, list);
		row = tmpl_section(l, "PROMOTION");
		tmpl_set_int(row, "ID", db_int(r, 0));
		tmpl_set(row, "NAME", db_str(r, 1));
		tmpl_set(row, "STARTS", db_str(r, 2));
		tmpl_set(row, "LAST", db_str(r, 3));
		n++;
	}
	db_free(r);
	return n;
}

/* Promotions running now and to come, by the shop's clock. 0 or -1. */
static int
vp_dashboard_promotions(tmpl_dict *d, long long vendor_id)
{
	char now[24];
	int running, scheduled;

	clock_datetime(clock_now(), now, sizeof now);
	running = vp_dashboard_promotion_rows(d, "RUNNING",
					      db_query(vp_dashboard_running_sql, "iss", vendor_id, now, now));
	scheduled = vp_dashboard_promotion_rows(d, "SCHEDULED",
						db_query(vp_dashboard_scheduled_sql, "is", vendor_id, now));
	if (running < 0 || scheduled < 0)
		return -1;
	if (running == 0)
		tmpl_show(d, "NO_RUNNING");
	if (scheduled == 0)
		tmpl_show(d, "NO_SCHEDULED");
	return 0;
}

/* The plan, its terms, the balance and what is available to pay out. 0 or -1. */
static int
vp_dashboard_money(struct req *rq, tmpl_dict *d, long long vendor_id)
{
	struct earnings_balance b;
	struct plan p;
	long long used, balance;
	char amount[64];
	tmpl_dict *s;

	if (plan_for_vendor(vendor_id, &p) != 0 || (used = plan_listings_used(vendor_id)) < 0 ||
	    earnings_balance(vendor_id, 0, &b) != 0)
		return -1;
	balance = b.balance;
	tmpl_set(d, "PLAN", p.name);
	tmpl_set(d, "COMMISSION", plan_commission_text(&rq->arena, &p));
	tmpl_set(d, "USED", view_group_digits(&rq->arena, used));
	if (p.listing_limit == PLAN_NONE)
		tmpl_show(d, "NO_LIMIT");
	else
		tmpl_set(tmpl_section(d, "LIMIT"), "LIMIT", view_group_digits(&rq->arena, p.listing_limit));
	tmpl_set(d, "PROMOTION_RATE", money_format(p.promotion_daily_rate_minor, amount, sizeof amount));
	if (p.monthly_fee_minor > 0)
		tmpl_set(tmpl_section(d, "FEE"), "MONTHLY_FEE",
			 money_format(p.monthly_fee_minor, amount, sizeof amount));
	else
		tmpl_show(d, "NO_FEE");
	s = tmpl_section(d, balance < 0 ? "BALANCE_OWED" : "BALANCE");
	tmpl_set(s, "AMOUNT", money_format(balance < 0 ? -balance : balance, amount, sizeof amount));
	tmpl_set(d, "AVAILABLE", money_format(b.available > 0 ? b.available : 0, amount, sizeof amount));
	return 0;
}

/* The next steps of a verified shop: done, to do, or not yet possible.
 * Shown until each step that can be done is done. 0 or -1. */
static int
vp_dashboard_steps(tmpl_dict *d, long long vendor_id, long long listings)
{
	struct db_result *r = db_query(vp_dashboard_steps_sql, "i", vendor_id);
	int branded, promoted, shipping, left;
	tmpl_dict *s;

	if (r == NULL || !db_next(r)) {
		db_free(r);
		return -1;
	}
	branded = db_int(r, 0) != 0;
	promoted = db_int(r, 1) != 0;
	shipping = db_int(r, 2) != 0;
	db_free(r);
	left = !branded + !shipping + (listings == 0) + !promoted;
	if (left == 0)
		return 0;
	s = tmpl_section(d, "STEPS");
	tmpl_set_int(s, "DONE", 4 - left);
	tmpl_show(s, branded ? "BRANDED" : "BRAND_TODO");
	tmpl_show(s, shipping ? "SHIPPING_SET" : "SHIPPING_TODO");
	tmpl_show(s, listings > 0 ? "LISTED" : "LIST_TODO");
	tmpl_show(s, promoted ? "PROMOTED" : listings > 0 ? "PROMOTE_TODO" : "PROMOTE_LATER");
	return 0;
}

/*
 * ROUTE: GET /vendor/      TEMPLATE: vendor/dashboard_view.tpl
 * PARAMS: none
 * The vendor's home: the shop's verification status in plain words (with
 * the reason of a rejection or a block), whether the email address is
 * verified, a verified shop's next steps (logo and banner, shipping, first
 * listing, first promotion), the plan and its terms, the ledger balance,
 * the number of listings in each state (and live ones sold out), the live
 * listings at or below their low-stock threshold, and the promotions
 * running now and scheduled (by the shop's clock).
 */
int
vp_dashboard_view(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct db_result *r = NULL;
	const char *status_name, *reason;
	long long vendor_id, listings = 0;
	tmpl_dict *d, *s;
	int status = 500;

	if ((r = db_query(vp_dashboard_sql, "i", rq->sess->user_id)) == NULL)
		goto out;
	if (!db_next(r)) {
		status = 404;
		goto out;
	}
	vendor_id = db_int(r, 0);
	status_name = db_str(r, 3);
	v.no_verify_banner = 1;	/* the page's own notice asks for it */
	d = view_begin(&v, rq, rs, "vendor/dashboard_view.tpl", "Vendor portal");
	view_crumb(&v, "Vendor portal", NULL);
	vp_dashboard_nav(d, "/vendor/");
	tmpl_set(d, "NAME", db_str(r, 2));
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	if (strcmp(status_name, "verified") == 0) {
		tmpl_set(tmpl_section(d, "STATUS_VERIFIED"), "SLUG", db_str(r, 1));
	} else if (strcmp(status_name, "rejected") == 0) {
		s = tmpl_section(d, "STATUS_REJECTED");
		if ((reason = vp_profile_rejection(&rq->arena, vendor_id)) != NULL)
			tmpl_set(tmpl_section(s, "HAS_REASON"), "REASON", reason);
	} else if (strcmp(status_name, "blocked") == 0) {
		s = tmpl_section(d, "STATUS_BLOCKED");
		if (db_str(r, 4) && *db_str(r, 4))
			tmpl_set(tmpl_section(s, "HAS_REASON"), "REASON", db_str(r, 4));
		tmpl_set(s, "SUPPORT_EMAIL", mail_support_address());
	} else {
		tmpl_show(d, "STATUS_PENDING");
	}
	if (rq->sess->verified)
		tmpl_show(d, "EMAIL_VERIFIED");
	else
		tmpl_set(tmpl_section(d, "EMAIL_UNVERIFIED"), "EMAIL", rq->sess->email);
	if (vp_dashboard_counts(d, vendor_id, &listings) != 0 || vp_dashboard_money(rq, d, vendor_id) != 0 ||
	    vp_dashboard_low_stock(d, vendor_id) != 0 || vp_dashboard_promotions(d, vendor_id) != 0 ||
	    vp_orders_dashboard(d, vendor_id) != 0 ||
	    (strcmp(status_name, "verified") == 0 && vp_dashboard_steps(d, vendor_id, listings) != 0))
		goto out;
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}
