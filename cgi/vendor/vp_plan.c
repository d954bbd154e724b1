/*
 * vp_plan: the vendor's plan and its terms in plain words: the commission
 * on each item sold, how many listings the shop may have (and has), what a
 * day of promotion costs and the monthly fee. Only the admins change a
 * vendor's plan; a change applies to orders placed after it.
 */
#include "vp.h"

#include "money.h"
#include "plan.h"

/*
 * ROUTE: GET /vendor/plan      TEMPLATE: vendor/plan_view.tpl
 * PARAMS: none
 * The vendor's plan: commission (with its minimum and maximum per item),
 * listing limit and the listings that count against it, promotion price
 * per day and monthly fee.
 */
int
vp_plan_view(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct vp_vendor vendor;
	struct plan p;
	long long used;
	char amount[64];
	tmpl_dict *d;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	if (plan_for_vendor(vendor.id, &p) != 0 || (used = plan_listings_used(vendor.id)) < 0)
		return 500;
	d = view_begin(&v, rq, rs, "vendor/plan_view.tpl", "Your plan");
	view_crumb(&v, "Vendor portal", "/vendor/");
	view_crumb(&v, "Plan", NULL);
	vp_dashboard_nav(d, "/vendor/plan");
	tmpl_set(d, "NAME", p.name);
	tmpl_set(d, "COMMISSION", plan_commission_text(a, &p));
	tmpl_set(d, "USED", view_group_digits(a, used));
	if (p.listing_limit == PLAN_NONE) {
		tmpl_show(d, "NO_LIMIT");
	} else {
		tmpl_set(tmpl_section(d, "LIMIT"), "LIMIT", view_group_digits(a, p.listing_limit));
		if (used >= p.listing_limit)
			tmpl_show(d, "LIMIT_REACHED");
	}
	tmpl_set(d, "PROMOTION_RATE", money_format(p.promotion_daily_rate_minor, amount, sizeof amount));
	if (p.monthly_fee_minor > 0)
		tmpl_set(tmpl_section(d, "FEE"), "MONTHLY_FEE",
			 money_format(p.monthly_fee_minor, amount, sizeof amount));
	else
		tmpl_show(d, "NO_FEE");
	return view_end(&v, rs);
}
