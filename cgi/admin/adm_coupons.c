/*
 * adm_coupons: discount codes (cgi/lib/coupon.h). Admins make codes for the
 * whole shop, or limited to one vendor's items or one category, borne by the
 * marketplace or by that vendor; they list every coupon (vendors' own
 * included), change the terms of admins' coupons and withdraw any coupon
 * after a confirmation. Every change is in the audit log (object "coupon").
 */
#include "adm.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "coupon.h"
#include "route.h"
#include "sess.h"

static const char adm_coupons_count_sql[] = "SELECT COUNT(*) FROM coupons";
static const char adm_coupons_list_sql[] = "SELECT id FROM coupons ORDER BY id DESC LIMIT ? OFFSET ?";

/*
 * ROUTE: GET /admin/coupons      TEMPLATE: admin/coupons_list.tpl
 * PARAMS: page (1..10000)
 * Every coupon, newest first, 50 a page: code, discount, what it applies
 * to, who bears it, validity, uses, limit per customer, state, who made it;
 * a link to each and one to make a new coupon.
 */
int
adm_coupons_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	long long page = req_int(rq, "page", 1), total;
	const char *filters[] = { NULL };
	struct view v = { 0 };
	struct db_result *r;
	struct coupon c;
	time_t now = clock_now();
	tmpl_dict *d, *row;
	int status = 500;

	if ((total = db_scalar(-1, adm_coupons_count_sql, "")) < 0)
		return 500;
	if (adm_past_end(page, total))
		return 404;
	if ((r = db_query(adm_coupons_list_sql, "ii", (long long)ADM_PER_PAGE, adm_offset(page))) == NULL)
		return 500;
	d = adm_page(&v, rq, rs, "admin/coupons_list.tpl", "Coupons", ADM_SECTION_COUPONS);
	view_crumb(&v, "Coupons", NULL);
	tmpl_set(d, "RESULT_TEXT", adm_result_text(a, page, total, "coupon", "coupons"));
	tmpl_show(d, db_rows(r) > 0 ? "HAS_COUPONS" : "NO_COUPONS");
	while (db_next(r)) {
		if (coupon_load(db_int(r, 0), &c) != COUPON_OK)
			goto out;
		row = tmpl_section(d, "COUPON");
		coupon_list_row(a, row, &c, now);
		tmpl_set(row, "URL", arena_printf(a, "/admin/coupons/%lld", c.id));
		tmpl_set(row, "PAYER", c.vendor_borne ? "The vendor" : "The marketplace");
		tmpl_set(row, "MADE_BY", c.vendor_owned ? "The vendor" : "An admin");
	}
	adm_pagination(d, a, "/admin/coupons", filters, page, total);
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

/* The vendor choices (verified shops and the one chosen), and who bears. */
static int
adm_coupons_admin_fields(struct req *rq, tmpl_dict *f, const struct coupon *c)
{
	int posted = strcmp(rq->method, "POST") == 0;
	long long vendor = posted ? req_int(rq, "vendor", 0) : c ? c->vendor_id : 0;
	const char *borne = posted ? req_str(rq, "borne_by") : c && c->vendor_borne ? "vendor" : "marketplace";
	tmpl_dict *admin = tmpl_section(f, "ADMIN"), *opt;
	struct db_result *r;

	r = db_query("SELECT id, trading_name FROM vendors WHERE status = 'verified' OR id = ?"
		     " ORDER BY trading_name, id", "i", vendor);
	if (r == NULL)
		return -1;
	while (db_next(r)) {
		opt = tmpl_section(admin, "VENDOR_OPTION");
		tmpl_set_int(opt, "ID", db_int(r, 0));
		tmpl_set(opt, "NAME", db_str(r, 1));
		if (db_int(r, 0) == vendor)
			tmpl_show(opt, "SELECTED");
	}
	db_free(r);
	if (borne != NULL)
		tmpl_show(admin, strcmp(borne, "vendor") == 0 ? "BORNE_VENDOR" : "BORNE_MARKETPLACE");
	return 0;
}

/* The coupon page: a new coupon's form (id 0), or coupon id's form (an
 * admin's coupon) or terms (a vendor's), its uses and the way to withdraw
 * it. Returns the page dictionary, or NULL with rs->status 404 or 500. */
static tmpl_dict *
adm_coupons_build(struct req *rq, struct resp *rs, struct view *v, long long id)
{
	struct arena *a = &rq->arena;
	struct coupon c;
	tmpl_dict *d, *f, *sum;
	int rc;

	if (id > 0 && (rc = coupon_load(id, &c)) != COUPON_OK) {
		rs->status = rc == COUPON_INVALID ? 404 : 500;
		return NULL;
	}
	d = adm_page(v, rq, rs, "admin/coupons_form.tpl", id > 0 ? c.code : "New coupon", ADM_SECTION_COUPONS);
	view_crumb(v, "Coupons", "/admin/coupons");
	view_crumb(v, id > 0 ? c.code : "New coupon", NULL);
	tmpl_set(d, "HEADING", id > 0 ? arena_printf(a, "Coupon %s", c.code) : "New coupon");
	if (id == 0 || !c.vendor_owned) {
		f = v->fields = tmpl_include(d, "FIELDS", "layout/_coupon_fields.tpl");
		tmpl_show(d, "EDITABLE");
		tmpl_set(d, "ACTION", id > 0 ? arena_printf(a, "/admin/coupons/%lld", id) : "/admin/coupons");
		tmpl_set(d, "SUBMIT", id > 0 ? "Save coupon" : "Create coupon");
		if (id == 0)
			tmpl_show(f, "NEW");
		if (coupon_form_fill(rq, f, id > 0 ? &c : NULL) != 0 ||
		    adm_coupons_admin_fields(rq, f, id > 0 ? &c : NULL) != 0) {
			rs->status = 500;
			return NULL;
		}
	}
	if (id == 0)
		return d;
	sum = tmpl_section(d, "SUMMARY");
	coupon_list_row(a, sum, &c, clock_now());
	tmpl_set(sum, "PAYER", c.vendor_borne ? "The vendor" : "The marketplace");
	tmpl_set(sum, "RELEASED", view_group_digits(a, db_scalar(0, "SELECT COUNT(DISTINCT order_id) FROM coupon_uses"
								 " WHERE coupon_id = ? AND released_at IS NOT NULL",
								 "i", c.id)));
	tmpl_set(sum, "AUDIT_URL", arena_printf(a, "/admin/audit?object_type=coupon&object_id=%lld", c.id));
	if (c.vendor_owned)
		tmpl_show(sum, "VENDOR_MADE");
	if (c.active)
		tmpl_set(tmpl_section(sum, "CAN_DEACTIVATE"), "URL",
			 arena_printf(a, "/admin/coupons/%lld/deactivate", c.id));
	return d;
}

static int
adm_coupons_render(struct req *rq, struct resp *rs, long long id)
{
	struct view v = { 0 };

	if (adm_coupons_build(rq, rs, &v, id) == NULL) {
		view_discard(&v);
		return rs->status >= 400 ? rs->status : 500;
	}
	return view_end(&v, rs);
}

/*
 * ROUTE: GET /admin/coupons/new      TEMPLATE: admin/coupons_form.tpl
 * PARAMS: none
 * The form for a new coupon.
 */
int
adm_coupons_new(struct req *rq, struct resp *rs)
{
	return adm_coupons_render(rq, rs, 0);
}

/*
 * ROUTE: GET /admin/coupons/{id}      TEMPLATE: admin/coupons_form.tpl
 * PARAMS: id (coupon)
 * A coupon: its state and uses, the form to change its terms (an admin's
 * coupon; a vendor's own is shown, not changed), the link to withdraw it
 * and to its entries in the audit log.
 */
int
adm_coupons_edit(struct req *rq, struct resp *rs)
{
	return adm_coupons_render(rq, rs, req_path_id(rq, "id"));
}

tmpl_dict *
adm_coupons_new_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return adm_coupons_build(rq, rs, v, 0);
}

tmpl_dict *
adm_coupons_edit_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return adm_coupons_build(rq, rs, v, req_path_id(rq, "id"));
}

struct adm_coupons_save {
	struct req *rq;
	long long id;		/* 0: create; the new coupon's id after */
	const char *code;
	struct coupon_terms t;
};

/* The terms for the audit log. */
static const char *
adm_coupons_detail(struct arena *a, const char *code, const struct coupon_terms *t)
{
	char starts[24] = "", ends[24] = "";

	if (t->starts_at != 0)
		clock_datetime(t->starts_at, starts, sizeof starts);
	if (t->ends_at != 0)
		clock_datetime(t->ends_at, ends, sizeof ends);
	return arena_printf(a, "code=%s kind=%s percent_bp=%lld amount=%lld min_order=%lld starts=%s ends=%s"
			    " max_uses=%lld per_customer=%lld vendor=%lld category=%lld borne_by=%s", code,
			    t->percent ? "percent" : "fixed", t->percent ? t->percent_bp : 0LL,
			    t->percent ? 0LL : t->amount_minor, t->min_order_minor, starts, ends, t->max_uses,
			    t->per_customer, t->vendor_id, t->category_id, t->vendor_borne ? "vendor" : "marketplace");
}

static int
adm_coupons_save_tx(void *arg)
{
	struct adm_coupons_save *s = arg;
	int rc;

	if (s->id == 0)
		rc = coupon_create(s->code, &s->t, 0, s->rq->sess->user_id, &s->id);
	else
		rc = coupon_update(s->id, &s->t, 0);
	if (rc != 0)
		return rc;
	return audit_log(s->rq, s->code ? "coupon.create" : "coupon.update", "coupon", s->id,
			 adm_coupons_detail(&s->rq->arena, s->code ? s->code : "", &s->t)) == 0 ? 0 : -1;
}

/* Saves the form (a new coupon when id is 0). */
static int
adm_coupons_save(struct req *rq, struct resp *rs, long long id)
{
	struct adm_coupons_save s = { rq, id, id == 0 ? req_str(rq, "code") : NULL, { 0 } };
	int bad, rc;

	bad = coupon_form_read(rq, &s.t) != 0;
	s.t.vendor_id = req_int(rq, "vendor", 0);
	s.t.vendor_borne = strcmp(req_str(rq, "borne_by"), "vendor") == 0;
	if (s.t.vendor_id != 0 &&
	    db_scalar(-1, "SELECT COUNT(*) FROM vendors WHERE id = ?", "i", s.t.vendor_id) != 1) {
		route_form_error(rq, "vendor", "Choose a vendor from the list.");
		bad = 1;
	}
	if (s.t.vendor_borne && s.t.vendor_id == 0) {
		route_form_error(rq, "borne_by", "A vendor bears only a coupon limited to its items: choose the vendor,"
				 " or let the marketplace bear it.");
		bad = 1;
	}
	if (bad)
		return route_form_fail(rq, rs);
	rc = db_tx(adm_coupons_save_tx, &s);
	if (rc == COUPON_TAKEN) {
		route_form_error(rq, "code", "Another coupon has this code: choose another.");
		return route_form_fail(rq, rs);
	}
	if (rc == COUPON_NOT_FOUND)
		return 404;
	if (rc != 0)
		return 500;
	resp_set_flash(rs, id == 0 ? arena_printf(&rq->arena, "Coupon %s created.", s.code)
		       : "Coupon saved. Orders placed before keep the discount they were given.");
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/admin/coupons/%lld", s.id));
}

/*
 * ROUTE: POST /admin/coupons      TEMPLATE: admin/coupons_form.tpl
 * PARAMS: code (3..40 of A-Z 0-9 - _, unique, any case), kind (percent,
 *         fixed), percent (0.01..100) or amount, min_order (optional),
 *         starts, ends (dates, optional), max_uses (1..10000000, optional),
 *         per_customer (1..100, optional), vendor, category (optional),
 *         borne_by (marketplace, vendor: needs a vendor), note; bad input
 *         shows the form again (R_FORM)
 * Makes the coupon ("coupon.create" in the audit log) and shows it.
 */
int
adm_coupons_create(struct req *rq, struct resp *rs)
{
	return adm_coupons_save(rq, rs, 0);
}

/*
 * ROUTE: POST /admin/coupons/{id}      TEMPLATE: admin/coupons_form.tpl
 * PARAMS: id (coupon), and the fields of POST /admin/coupons but the code
 * Changes an admin's coupon's terms ("coupon.update" in the audit log);
 * orders placed before keep what they were given. A vendor's coupon: 404.
 */
int
adm_coupons_update(struct req *rq, struct resp *rs)
{
	return adm_coupons_save(rq, rs, req_path_id(rq, "id"));
}

/* The confirmation page of withdrawing coupon id into v: 200, 404, 500. */
static int
adm_coupons_confirm_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct arena *a = &rq->arena;
	long long id = req_path_id(rq, "id");
	struct coupon c;
	tmpl_dict *d;
	int rc;

	if ((rc = coupon_load(id, &c)) != COUPON_OK)
		return rc == COUPON_INVALID ? 404 : 500;
	d = adm_page(v, rq, rs, "admin/coupons_deactivate.tpl", "Withdraw a coupon", ADM_SECTION_COUPONS);
	view_crumb(v, "Coupons", "/admin/coupons");
	view_crumb(v, c.code, arena_printf(a, "/admin/coupons/%lld", id));
	view_crumb(v, "Withdraw", NULL);
	tmpl_set(d, "CODE", c.code);
	tmpl_set(d, "ACTION", arena_printf(a, "/admin/coupons/%lld/deactivate", id));
	tmpl_set(d, "BACK_URL", arena_printf(a, "/admin/coupons/%lld", id));
	if (!c.active)
		tmpl_show(d, "INACTIVE");
	else
		tmpl_show(d, "ACTIVE");
	return 200;
}

/*
 * ROUTE: GET /admin/coupons/{id}/deactivate      TEMPLATE: admin/coupons_deactivate.tpl
 * PARAMS: id (coupon)
 * Asks to confirm withdrawing the coupon, with a box to tick.
 */
int
adm_coupons_deactivate_form(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	int rc = adm_coupons_confirm_page(rq, rs, &v);

	if (rc == 200)
		return view_end(&v, rs);
	view_discard(&v);
	return rc;
}

/* The form page of POST /admin/coupons/{id}/deactivate (route.h). */
tmpl_dict *
adm_coupons_deactivate_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	int rc = adm_coupons_confirm_page(rq, rs, v);

	if (rc != 200) {
		rs->status = rc;
		return NULL;
	}
	return v->body;
}

struct adm_coupons_deactivate {
	struct req *rq;
	long long id;
};

static int
adm_coupons_deactivate_tx(void *arg)
{
	struct adm_coupons_deactivate *w = arg;
	int rc = coupon_deactivate(w->id, 0);

	if (rc != 0)
		return rc;
	return audit_log(w->rq, "coupon.deactivate", "coupon", w->id, NULL) == 0 ? 0 : -1;
}

/*
 * ROUTE: POST /admin/coupons/{id}/deactivate      TEMPLATE: admin/coupons_deactivate.tpl
 * PARAMS: id (coupon), confirm (yes; without it the page asks again, R_FORM)
 * Withdraws the coupon for good ("coupon.deactivate" in the audit log):
 * shoppers are told it can no longer be used; orders already placed keep
 * their discount. One withdrawn already is said so.
 */
int
adm_coupons_deactivate(struct req *rq, struct resp *rs)
{
	struct adm_coupons_deactivate w = { rq, req_path_id(rq, "id") };
	int rc = db_tx(adm_coupons_deactivate_tx, &w);

	if (rc == COUPON_NOT_FOUND)
		return 404;
	if (rc != 0 && rc != COUPON_INACTIVE)
		return 500;
	resp_set_flash(rs, rc == COUPON_INACTIVE ? "This coupon was withdrawn already."
		       : "Coupon withdrawn: it can no longer be used.");
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/admin/coupons/%lld", w.id));
}
