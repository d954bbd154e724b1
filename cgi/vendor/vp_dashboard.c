/*
 * vp_dashboard: the portal's home page, where a vendor sees in plain words
 * where the shop stands (being checked, turned down and why, live, or
 * blocked and how to appeal), whether the email address is verified, and
 * how many listings it has in each state. Also the portal navigation every
 * portal page carries.
 */
#include "vp.h"

#include "mail.h"

#include <string.h>

#include "cfg.h"
#include "csrf.h"
#include "db.h"
#include "sess.h"

static const char vp_dashboard_sql[] =
	"SELECT v.id, v.slug, v.trading_name, v.status, u.status_reason"
	" FROM vendors v JOIN users u ON u.id = v.user_id WHERE v.user_id = ?";
static const char vp_dashboard_counts_sql[] =
	"SELECT status, COUNT(*) FROM products WHERE vendor_id = ? GROUP BY status";

/* The listing states, in the order the dashboard shows them. */
static const struct {
	const char *status;
	const char *label;
} vp_dashboard_states[] = {
	{ "active", "Live" },
	{ "draft", "Drafts" },
	{ "hidden", "Hidden" },
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
	{ "/vendor/promotions", "Promotions" },
	{ "/vendor/profile", "Business profile" },
	{ "/vendor/shop", "Logo and banner" },
	{ "/vendor/plan", "Plan" },
	{ "/vendor/ledger", "Ledger" },
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

/* Fills the counts of the vendor's listings by state. Returns 0 or -1. */
static int
vp_dashboard_counts(tmpl_dict *d, long long vendor_id)
{
	struct db_result *r = db_query(vp_dashboard_counts_sql, "i", vendor_id);
	long long counts[VP_DASHBOARD_NSTATES] = { 0 }, total = 0;
	tmpl_dict *row;
	size_t i;

	if (r == NULL)
		return -1;
	while (db_next(r))
		for (i = 0; i < VP_DASHBOARD_NSTATES; i++)
			if (strcmp(db_str(r, 0), vp_dashboard_states[i].status) == 0) {
				counts[i] = db_int(r, 1);
				total += counts[i];
			}
	db_free(r);
	for (i = 0; i < VP_DASHBOARD_NSTATES; i++) {
		row = tmpl_section(d, "COUNT");
		tmpl_set(row, "LABEL", vp_dashboard_states[i].label);
		tmpl_set(row, "STATE", vp_dashboard_states[i].status);
		tmpl_set_int(row, "NUM", counts[i]);
	}
	tmpl_set_int(d, "TOTAL", total);
	tmpl_show(d, total > 0 ? "HAS_LISTINGS" : "NO_LISTINGS");
	return 0;
}

/*
 * ROUTE: GET /vendor/      TEMPLATE: vendor/dashboard_view.tpl
 * PARAMS: none
 * The vendor's home: the shop's verification status in plain words (with
 * the reason of a rejection or a block), whether the email address is
 * verified, and the number of listings in each state.
 */
int
vp_dashboard_view(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct db_result *r = NULL;
	const char *status_name, *reason;
	long long vendor_id;
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
	if (vp_dashboard_counts(d, vendor_id) != 0)
		goto out;
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}
