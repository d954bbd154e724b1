/*
 * adm_plans: the plans vendors are on, and which plan a vendor is on.
 *
 * A plan's terms: commission (a percentage of each item's price, with an
 * optional minimum and maximum per item), listing limit (empty: none),
 * the price of a day of promotion and the monthly fee (cgi/lib/plan.h).
 * Editing a plan changes the terms of every vendor on it from then on.
 * Moving a vendor to another plan records when (vendor_plan_history):
 * orders placed before keep the old plan's commission (plan_for_vendor_at).
 * Every change is in the audit log.
 */
#include "adm.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "csrf.h"
#include "clock.h"
#include "ledger.h"
#include "log.h"
#include "money.h"
#include "plan.h"
#include "route.h"
#include "sess.h"

static const char adm_plans_list_sql[] =
	"SELECT p.id, (SELECT COUNT(*) FROM vendors v WHERE v.plan_id = p.id) FROM plans p"
	" ORDER BY p.monthly_fee_minor, p.name";

/* The terms of p into section d, in words. */
static void
adm_plans_terms(tmpl_dict *d, struct arena *a, const struct plan *p)
{
	char fee[64], rate[64];

	tmpl_set(d, "NAME", p->name);
	tmpl_set(d, "COMMISSION", plan_commission_text(a, p));
	tmpl_set(d, "LISTING_LIMIT", p->listing_limit == PLAN_NONE ? "No limit" :
		 view_group_digits(a, p->listing_limit));
	tmpl_set(d, "PROMOTION_RATE", arena_printf(a, "%s a day", money_format(p->promotion_daily_rate_minor,
									       rate, sizeof rate)));
	tmpl_set(d, "MONTHLY_FEE", p->monthly_fee_minor == 0 ? "None" :
		 arena_printf(a, "%s a month", money_format(p->monthly_fee_minor, fee, sizeof fee)));
}

/*
 * ROUTE: GET /admin/plans      TEMPLATE: admin/plans_list.tpl
 * PARAMS: none
 * Every plan with its terms and how many vendors are on it, cheapest first,
 * with a link to edit each and one to create a new plan.
 */
int
adm_plans_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct db_result *r;
	struct plan p;
	tmpl_dict *d, *row;
	int status = 500;

	if ((r = db_query(adm_plans_list_sql, "")) == NULL)
		return 500;
	d = adm_page(&v, rq, rs, "admin/plans_list.tpl", "Plans", ADM_SECTION_PLANS);
	view_crumb(&v, "Plans", NULL);
	tmpl_show(d, db_rows(r) > 0 ? "HAS_PLANS" : "NO_PLANS");
	while (db_next(r)) {
		if (plan_load(db_int(r, 0), &p) != 0)
			goto out;
		row = tmpl_section(d, "PLAN");
		adm_plans_terms(row, a, &p);
		tmpl_set(row, "URL", arena_printf(a, "/admin/plans/%lld", p.id));
		tmpl_set(row, "VENDORS", view_group_digits(a, db_int(r, 1)));
	}
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

/* The plan form: a new plan (id 0) or plan id's values. Returns the page
 * dictionary, or NULL with rs->status 404 (no such plan) or 500. */
static tmpl_dict *
adm_plans_form_build(struct req *rq, struct resp *rs, struct view *v, long long id)
{
	struct arena *a = &rq->arena;
	struct plan p;
	char amount[32];
	tmpl_dict *d;
	int rc;

	if (id > 0 && (rc = plan_load(id, &p)) != 0) {
		rs->status = rc == 1 ? 404 : 500;
		return NULL;
	}
	d = adm_page(v, rq, rs, "admin/plans_form.tpl", id > 0 ? p.name : "New plan", ADM_SECTION_PLANS);
	view_crumb(v, "Plans", "/admin/plans");
	view_crumb(v, id > 0 ? p.name : "New plan", NULL);
	if (id == 0) {
		tmpl_set(d, "ACTION", "/admin/plans");
		tmpl_set(d, "HEADING", "New plan");
		tmpl_set(d, "SUBMIT", "Create plan");
		tmpl_set(d, "COMMISSION", "0");
		tmpl_set(d, "PROMOTION_DAILY_RATE", "0.00");
		tmpl_set(d, "MONTHLY_FEE", "0.00");
		return d;
	}
	tmpl_set(d, "ACTION", arena_printf(a, "/admin/plans/%lld", id));
	tmpl_set(d, "HEADING", arena_printf(a, "Plan '%s'", p.name));
	tmpl_set(d, "SUBMIT", "Save plan");
	tmpl_show(d, "EDITING");
	tmpl_set(d, "NAME", p.name);
	/* Percent with two decimals: the basis points written as an amount. */
	tmpl_set(d, "COMMISSION", money_plain(p.commission_bp, amount, sizeof amount));
	if (p.commission_min_minor != PLAN_NONE)
		tmpl_set(d, "COMMISSION_MIN", money_plain(p.commission_min_minor, amount, sizeof amount));
	if (p.commission_max_minor != PLAN_NONE)
		tmpl_set(d, "COMMISSION_MAX", money_plain(p.commission_max_minor, amount, sizeof amount));
	if (p.listing_limit != PLAN_NONE)
		tmpl_set_int(d, "LISTING_LIMIT", p.listing_limit);
	tmpl_set(d, "PROMOTION_DAILY_RATE", money_plain(p.promotion_daily_rate_minor, amount, sizeof amount));
	tmpl_set(d, "MONTHLY_FEE", money_plain(p.monthly_fee_minor, amount, sizeof amount));
	return d;
}

static int
adm_plans_form_render(struct req *rq, struct resp *rs, long long id)
{
	struct view v = { 0 };

	if (adm_plans_form_build(rq, rs, &v, id) == NULL) {
		view_discard(&v);
		return rs->status >= 400 ? rs->status : 500;
	}
	return view_end(&v, rs);
}

/*
 * ROUTE: GET /admin/plans/new      TEMPLATE: admin/plans_form.tpl
 * PARAMS: none
 * The form for a new plan.
 */
int
adm_plans_new(struct req *rq, struct resp *rs)
{
	return adm_plans_form_render(rq, rs, 0);
}

/*
 * ROUTE: GET /admin/plans/{id}      TEMPLATE: admin/plans_form.tpl
 * PARAMS: id (plan)
 * The form to change a plan's name and terms.
 */
int
adm_plans_edit(struct req *rq, struct resp *rs)
{
	return adm_plans_form_render(rq, rs, req_path_id(rq, "id"));
}

tmpl_dict *
adm_plans_new_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return adm_plans_form_build(rq, rs, v, 0);
}

tmpl_dict *
adm_plans_edit_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return adm_plans_form_build(rq, rs, v, req_path_id(rq, "id"));
}

/* The form's values, checked by the router (minor units, basis points;
 * PLAN_NONE for a bound or limit left empty). */
struct adm_plans_values {
	const char *name;
	long long bp, min, max, limit, rate, fee;
};

static void
adm_plans_read(struct req *rq, struct adm_plans_values *f)
{
	f->name = req_str(rq, "name");
	f->bp = req_int(rq, "commission", 0);
	f->min = req_has(rq, "commission_min") ? req_int(rq, "commission_min", 0) : PLAN_NONE;
	f->max = req_has(rq, "commission_max") ? req_int(rq, "commission_max", 0) : PLAN_NONE;
	f->limit = req_has(rq, "listing_limit") ? req_int(rq, "listing_limit", 0) : PLAN_NONE;
	f->rate = req_int(rq, "promotion_daily_rate", 0);
	f->fee = req_int(rq, "monthly_fee", 0);
}

/* The rule between two fields, which no field's validator can see. */
static int
adm_plans_check(struct req *rq, const struct adm_plans_values *f)
{
	if (f->min != PLAN_NONE && f->max != PLAN_NONE && f->min > f->max) {
		route_form_error(rq, "commission_max", "The maximum commission must be at least the minimum.");
		return -1;
	}
	return 0;
}

/* The terms for the audit log. */
static const char *
adm_plans_detail(struct arena *a, const struct adm_plans_values *f)
{
	return arena_printf(a, "name=%s commission_bp=%lld min=%lld max=%lld listing_limit=%lld"
			    " promotion_daily_rate=%lld monthly_fee=%lld", f->name, f->bp, f->min, f->max,
			    f->limit, f->rate, f->fee);
}

struct adm_plans_save {
	struct req *rq;
	long long id;		/* 0: create; the new plan's id after */
	struct adm_plans_values f;
	int created;
};

static int
adm_plans_save_tx(void *arg)
{
	struct adm_plans_save *s = arg;
	const struct adm_plans_values *f = &s->f;
	long long n;

	/* A name taken is the visitor's mistake, not the database's: asked
	 * first (the unique key still decides between two at once). */
	n = db_scalar(-1, "SELECT COUNT(*) FROM plans WHERE name = ? AND id <> ?", "si", f->name, s->id);
	if (n != 0)
		return n < 0 ? -1 : 1;
	if (s->id == 0) {
		n = db_exec("INSERT INTO plans (name, commission_bp, commission_min_minor, commission_max_minor,"
			    " listing_limit, promotion_daily_rate_minor, monthly_fee_minor)"
			    " VALUES (?, ?, NULLIF(?, -1), NULLIF(?, -1), NULLIF(?, -1), ?, ?)", "siiiiii",
			    f->name, f->bp, f->min, f->max, f->limit, f->rate, f->fee);
		if (n != 1)
			return db_is_duplicate() ? 1 : -1;
		s->id = (long long)db_insert_id();
		s->created = 1;
	} else {
		if (db_scalar(-1, "SELECT id FROM plans WHERE id = ? FOR UPDATE", "i", s->id) != s->id)
			return 2;
		n = db_exec("UPDATE plans SET name = ?, commission_bp = ?, commission_min_minor = NULLIF(?, -1),"
			    " commission_max_minor = NULLIF(?, -1), listing_limit = NULLIF(?, -1),"
			    " promotion_daily_rate_minor = ?, monthly_fee_minor = ? WHERE id = ?", "siiiiiii",
			    f->name, f->bp, f->min, f->max, f->limit, f->rate, f->fee, s->id);
		if (n < 0)
			return db_is_duplicate() ? 1 : -1;
	}
	return audit_log(s->rq, s->created ? "plan.create" : "plan.update", "plan", s->id,
			 adm_plans_detail(&s->rq->arena, f)) == 0 ? 0 : -1;
}

/* Saves the form (create when id is 0). */
static int
adm_plans_save(struct req *rq, struct resp *rs, long long id)
{
	struct adm_plans_save s = { rq, id, { 0 }, 0 };
	int rc;

	adm_plans_read(rq, &s.f);
	if (adm_plans_check(rq, &s.f) != 0)
		return route_form_fail(rq, rs);
	rc = db_tx(adm_plans_save_tx, &s);
	if (rc == 1) {
		route_form_error(rq, "name", "Another plan has this name: choose another.");
		return route_form_fail(rq, rs);
	}
	if (rc == 2)
		return 404;
	if (rc != 0)
		return 500;
	resp_set_flash(rs, id == 0 ? "Plan created." : "Plan saved. Its vendors have the new terms from now on.");
	return resp_redirect(rs, 303, "/admin/plans");
}

/*
 * ROUTE: POST /admin/plans      TEMPLATE: admin/plans_form.tpl
 * PARAMS: name (1..64 characters, unique), commission (percent, 0..100, two
 *         decimals), commission_min, commission_max (amounts, optional),
 *         listing_limit (1..1000000, optional: none), promotion_daily_rate,
 *         monthly_fee (amounts); bad input shows the form again (R_FORM)
 * Creates a plan ("plan.create" in the audit log) and goes back to the list.
 */
int
adm_plans_create(struct req *rq, struct resp *rs)
{
	return adm_plans_save(rq, rs, 0);
}

/*
 * ROUTE: POST /admin/plans/{id}      TEMPLATE: admin/plans_form.tpl
 * PARAMS: id (plan), and the fields of POST /admin/plans
 * Saves a plan's name and terms ("plan.update" in the audit log); its
 * vendors have the new terms from then on.
 */
int
adm_plans_update(struct req *rq, struct resp *rs)
{
	return adm_plans_save(rq, rs, req_path_id(rq, "id"));
}

/* ---- a vendor's plan -------------------------------------------------------- */

void
adm_plans_vendor_box(tmpl_dict *d, struct req *rq, struct resp *rs, long long vendor_id)
{
	struct arena *a = &rq->arena;
	tmpl_dict *box = tmpl_include(d, "VENDOR_MONEY", "admin/_vendor_money.tpl"), *opt;
	struct db_result *r;
	struct plan current;
	long long balance = 0;
	char amount[64];

	tmpl_set(box, "CSRF", csrf_token(rq, rs));
	tmpl_set(box, "PLAN_ACTION", arena_printf(a, "/admin/vendors/%lld/plan", vendor_id));
	tmpl_set(box, "LEDGER_URL", arena_printf(a, "/admin/vendors/%lld/ledger", vendor_id));
	if (plan_for_vendor(vendor_id, &current) == 0)
		adm_plans_terms(tmpl_section(box, "CURRENT"), a, &current);
	else
		current.id = 0;
	if (ledger_balance(vendor_id, &balance) == 0)
		tmpl_set(tmpl_section(box, "BALANCE"), "AMOUNT", money_format(balance, amount, sizeof amount));
	if ((r = db_query("SELECT id, name FROM plans ORDER BY monthly_fee_minor, name", "")) == NULL)
		return;
	while (db_next(r)) {
		opt = tmpl_section(box, "OPTION");
		tmpl_set_int(opt, "ID", db_int(r, 0));
		tmpl_set(opt, "NAME", db_str(r, 1));
		if (db_int(r, 0) == current.id)
			tmpl_show(opt, "SELECTED");
	}
	db_free(r);
}

struct adm_plans_assign {
	struct req *rq;
	long long vendor_id, plan_id;
	const char *from;
};

static int
adm_plans_assign_tx(void *arg)
{
	struct adm_plans_assign *c = arg;
	struct db_result *r;
	int rc;

	r = db_query("SELECT p.name FROM vendors v JOIN plans p ON p.id = v.plan_id WHERE v.id = ? FOR UPDATE",
		     "i", c->vendor_id);
	if (r == NULL)
		return -1;
	if (db_next(r) != 1) {
		db_free(r);
		return 1;
	}
	c->from = arena_strdup(&c->rq->arena, db_str(r, 0));
	db_free(r);
	if ((rc = plan_assign(c->vendor_id, c->plan_id, clock_now(), c->rq->sess->user_id)) != 0)
		return rc;
	return audit_log(c->rq, "vendor.plan", "vendor", c->vendor_id,
			 arena_printf(&c->rq->arena, "plan %lld (was '%s')", c->plan_id, c->from)) == 0 ? 0 : -1;
}

/*
 * ROUTE: POST /admin/vendors/{id}/plan      TEMPLATE: none (redirects)
 * PARAMS: id (vendor), plan (a plan's id)
 * Puts the vendor on the plan from now on ("vendor.plan" in the audit
 * log); orders placed before keep the commission of the plan they were
 * placed under. Back to the vendor's page.
 */
int
adm_plans_assign(struct req *rq, struct resp *rs)
{
	struct adm_plans_assign c = { rq, req_path_id(rq, "id"), req_int(rq, "plan", 0), NULL };
	int rc = db_tx(adm_plans_assign_tx, &c);

	if (rc == 1)
		return 404;
	if (rc != 0)
		return 500;
	resp_set_flash(rs, "Plan changed. It applies to orders from now on.");
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/admin/vendors/%lld", c.vendor_id));
}
