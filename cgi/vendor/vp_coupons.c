/*
 * vp_coupons: a vendor's own discount codes (cgi/lib/coupon.h). They apply
 * to the vendor's items only and the vendor bears them. The list also shows
 * the marketplace's coupons the vendor bears (made by an admin), which only
 * an admin changes. Every change is in the audit log (object "coupon").
 * Every query names the session's vendor: another vendor's coupon is 404.
 */
#include "vp.h"

#include <string.h>

#include "audit.h"
#include "clock.h"
#include "coupon.h"
#include "csrf.h"
#include "db.h"
#include "route.h"
#include "sess.h"

static const char vp_coupons_list_sql[] =
	"SELECT id, owner FROM coupons WHERE vendor_id = ? AND (owner = 'vendor' OR borne_by = 'vendor')"
	" ORDER BY owner DESC, id DESC LIMIT 500";

/*
 * ROUTE: GET /vendor/coupons      TEMPLATE: vendor/coupons_list.tpl
 * PARAMS: none
 * The shop's own coupons, newest first (code, discount, what it applies to,
 * validity, uses, limit per customer, state), and the marketplace's coupons
 * on the shop's items that the shop bears.
 */
int
vp_coupons_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct vp_vendor vendor;
	struct db_result *r = NULL;
	struct coupon c;
	time_t now = clock_now();
	tmpl_dict *d, *row;
	int status, own = 0, theirs = 0;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	status = 500;
	if ((r = db_query(vp_coupons_list_sql, "i", vendor.id)) == NULL)
		goto out;
	d = view_begin(&v, rq, rs, "vendor/coupons_list.tpl", "Your coupons");
	view_crumb(&v, "Vendor portal", "/vendor/");
	view_crumb(&v, "Coupons", NULL);
	vp_dashboard_nav(d, "/vendor/coupons");
	while (db_next(r)) {
		int vendor_made = strcmp(db_str(r, 1), "vendor") == 0;

		if (coupon_load(db_int(r, 0), &c) != COUPON_OK)
			goto out;
		row = tmpl_section(d, vendor_made ? "COUPON" : "MARKETPLACE_COUPON");
		coupon_list_row(a, row, &c, now);
		if (vendor_made)
			tmpl_set(row, "URL", arena_printf(a, "/vendor/coupons/%lld", c.id));
		*(vendor_made ? &own : &theirs) += 1;
	}
	tmpl_show(d, own ? "HAS_COUPONS" : "NO_COUPONS");
	if (theirs)
		tmpl_show(d, "HAS_MARKETPLACE");
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

/* The coupon page: a new coupon's form (id 0) or the vendor's coupon id's.
 * Returns the page dictionary, or NULL with rs->status (403, 404, 500). */
static tmpl_dict *
vp_coupons_build(struct req *rq, struct resp *rs, struct view *v, long long id)
{
	struct arena *a = &rq->arena;
	struct vp_vendor vendor;
	struct coupon c;
	tmpl_dict *d, *f, *sum;
	int rc;

	if ((rc = vp_listing_form_vendor(rq, rs, &vendor)) != 0) {
		rs->status = rc;
		return NULL;
	}
	if (id > 0) {
		rc = coupon_load(id, &c);
		if (rc == COUPON_OK && !(c.vendor_owned && c.vendor_id == vendor.id))
			rc = COUPON_INVALID;
		if (rc != COUPON_OK) {
			rs->status = rc == COUPON_INVALID ? 404 : 500;
			return NULL;
		}
	}
	d = view_begin(v, rq, rs, "vendor/coupons_form.tpl", id > 0 ? c.code : "New coupon");
	view_crumb(v, "Vendor portal", "/vendor/");
	view_crumb(v, "Coupons", "/vendor/coupons");
	view_crumb(v, id > 0 ? c.code : "New coupon", NULL);
	vp_dashboard_nav(d, "/vendor/coupons");
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	tmpl_set(d, "HEADING", id > 0 ? arena_printf(a, "Coupon %s", c.code) : "New coupon");
	tmpl_set(d, "ACTION", id > 0 ? arena_printf(a, "/vendor/coupons/%lld", id) : "/vendor/coupons");
	tmpl_set(d, "SUBMIT", id > 0 ? "Save coupon" : "Create coupon");
	f = v->fields = tmpl_include(d, "FIELDS", "layout/_coupon_fields.tpl");
	tmpl_set(tmpl_section(f, "VENDOR_SHOP"), "NAME", vendor.trading_name);
	if (id == 0)
		tmpl_show(f, "NEW");
	if (coupon_form_fill(rq, f, id > 0 ? &c : NULL) != 0) {
		rs->status = 500;
		return NULL;
	}
	if (id == 0)
		return d;
	sum = tmpl_section(d, "SUMMARY");
	coupon_list_row(a, sum, &c, clock_now());
	if (c.active)
		tmpl_set(tmpl_section(sum, "CAN_DEACTIVATE"), "URL",
			 arena_printf(a, "/vendor/coupons/%lld/deactivate", c.id));
	return d;
}

static int
vp_coupons_render(struct req *rq, struct resp *rs, long long id)
{
	struct view v = { 0 };

	if (vp_coupons_build(rq, rs, &v, id) == NULL) {
		view_discard(&v);
		return rs->status >= 400 ? rs->status : 500;
	}
	return view_end(&v, rs);
}

/*
 * ROUTE: GET /vendor/coupons/new      TEMPLATE: vendor/coupons_form.tpl
 * PARAMS: none
 * The form for a new coupon on the shop's items.
 */
int
vp_coupons_new(struct req *rq, struct resp *rs)
{
	return vp_coupons_render(rq, rs, 0);
}

/*
 * ROUTE: GET /vendor/coupons/{id}      TEMPLATE: vendor/coupons_form.tpl
 * PARAMS: id (the vendor's coupon)
 * The coupon's state and uses, the form to change its terms and the link
 * to withdraw it.
 */
int
vp_coupons_edit(struct req *rq, struct resp *rs)
{
	return vp_coupons_render(rq, rs, req_path_id(rq, "id"));
}

tmpl_dict *
vp_coupons_new_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return vp_coupons_build(rq, rs, v, 0);
}

tmpl_dict *
vp_coupons_edit_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return vp_coupons_build(rq, rs, v, req_path_id(rq, "id"));
}

struct vp_coupons_save {
	struct req *rq;
	long long vendor_id;
	long long id;		/* 0: create; the new coupon's id after */
	const char *code;
	struct coupon_terms t;
};

static int
vp_coupons_save_tx(void *arg)
{
	struct vp_coupons_save *s = arg;
	const struct coupon_terms *t = &s->t;
	int rc;

	if (s->id == 0)
		rc = coupon_create(s->code, t, s->vendor_id, s->rq->sess->user_id, &s->id);
	else
		rc = coupon_update(s->id, t, s->vendor_id);
	if (rc != 0)
		return rc;
	return audit_log(s->rq, s->code ? "coupon.create" : "coupon.update", "coupon", s->id,
			 arena_printf(&s->rq->arena, "vendor=%lld kind=%s percent_bp=%lld amount=%lld min_order=%lld"
				      " max_uses=%lld per_customer=%lld category=%lld", s->vendor_id,
				      t->percent ? "percent" : "fixed", t->percent ? t->percent_bp : 0LL,
				      t->percent ? 0LL : t->amount_minor, t->min_order_minor, t->max_uses,
				      t->per_customer, t->category_id)) == 0 ? 0 : -1;
}

static int
vp_coupons_save(struct req *rq, struct resp *rs, long long id)
{
	struct vp_coupons_save s = { rq, 0, id, id == 0 ? req_str(rq, "code") : NULL, { 0 } };
	struct vp_vendor vendor;
	int rc;

	if ((rc = vp_listing_form_vendor(rq, rs, &vendor)) != 0)
		return rc;
	s.vendor_id = vendor.id;
	if (coupon_form_read(rq, &s.t) != 0)
		return route_form_fail(rq, rs);
	rc = db_tx(vp_coupons_save_tx, &s);
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
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/vendor/coupons/%lld", s.id));
}

/*
 * ROUTE: POST /vendor/coupons      TEMPLATE: vendor/coupons_form.tpl
 * PARAMS: code (3..40 of A-Z 0-9 - _, unique in the shop, any case), kind
 *         (percent, fixed), percent (0.01..100) or amount, min_order,
 *         starts, ends (dates), max_uses (1..10000000), per_customer
 *         (1..100), category, note: all optional but code, kind and the
 *         kind's figure; bad input shows the form again (R_FORM)
 * Makes a coupon on the shop's items, borne by the shop ("coupon.create"
 * in the audit log), and shows it.
 */
int
vp_coupons_create(struct req *rq, struct resp *rs)
{
	return vp_coupons_save(rq, rs, 0);
}

/*
 * ROUTE: POST /vendor/coupons/{id}      TEMPLATE: vendor/coupons_form.tpl
 * PARAMS: id (the vendor's coupon), and the fields of POST /vendor/coupons
 *         but the code
 * Changes the coupon's terms ("coupon.update" in the audit log); orders
 * placed before keep what they were given.
 */
int
vp_coupons_update(struct req *rq, struct resp *rs)
{
	return vp_coupons_save(rq, rs, req_path_id(rq, "id"));
}

/* The confirmation page of withdrawing the vendor's coupon id into v. */
static int
vp_coupons_confirm_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct arena *a = &rq->arena;
	long long id = req_path_id(rq, "id");
	struct vp_vendor vendor;
	struct coupon c;
	tmpl_dict *d;
	int rc;

	if ((rc = vp_profile_vendor(rq, &vendor)) != 0)
		return rc;
	rc = coupon_load(id, &c);
	if (rc == COUPON_OK && !(c.vendor_owned && c.vendor_id == vendor.id))
		rc = COUPON_INVALID;
	if (rc != COUPON_OK)
		return rc == COUPON_INVALID ? 404 : 500;
	d = view_begin(v, rq, rs, "vendor/coupons_deactivate.tpl", "Withdraw a coupon");
	view_crumb(v, "Vendor portal", "/vendor/");
	view_crumb(v, "Coupons", "/vendor/coupons");
	view_crumb(v, c.code, arena_printf(a, "/vendor/coupons/%lld", id));
	view_crumb(v, "Withdraw", NULL);
	vp_dashboard_nav(d, "/vendor/coupons");
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	tmpl_set(d, "CODE", c.code);
	tmpl_set(d, "ACTION", arena_printf(a, "/vendor/coupons/%lld/deactivate", id));
	tmpl_set(d, "BACK_URL", arena_printf(a, "/vendor/coupons/%lld", id));
	tmpl_show(d, c.active ? "ACTIVE" : "INACTIVE");
	return 200;
}

/*
 * ROUTE: GET /vendor/coupons/{id}/deactivate      TEMPLATE: vendor/coupons_deactivate.tpl
 * PARAMS: id (the vendor's coupon)
 * Asks to confirm withdrawing the coupon, with a box to tick.
 */
int
vp_coupons_deactivate_form(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	int rc = vp_coupons_confirm_page(rq, rs, &v);

	if (rc == 200)
		return view_end(&v, rs);
	view_discard(&v);
	return rc;
}

/* The form page of POST /vendor/coupons/{id}/deactivate (route.h). */
tmpl_dict *
vp_coupons_deactivate_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	int rc = vp_coupons_confirm_page(rq, rs, v);

	if (rc != 200) {
		rs->status = rc;
		return NULL;
	}
	return v->body;
}

struct vp_coupons_deactivate {
	struct req *rq;
	long long vendor_id, id;
};

static int
vp_coupons_deactivate_tx(void *arg)
{
	struct vp_coupons_deactivate *w = arg;
	int rc = coupon_deactivate(w->id, w->vendor_id);

	if (rc != 0)
		return rc;
	return audit_log(w->rq, "coupon.deactivate", "coupon", w->id, NULL) == 0 ? 0 : -1;
}

/*
 * ROUTE: POST /vendor/coupons/{id}/deactivate      TEMPLATE: vendor/coupons_deactivate.tpl
 * PARAMS: id (the vendor's coupon), confirm (yes; without it the page asks
 *         again, R_FORM)
 * Withdraws the coupon for good ("coupon.deactivate" in the audit log);
 * orders already placed keep their discount.
 */
int
vp_coupons_deactivate(struct req *rq, struct resp *rs)
{
	struct vp_coupons_deactivate w = { rq, 0, req_path_id(rq, "id") };
	struct vp_vendor vendor;
	int rc;

	if ((rc = vp_profile_vendor(rq, &vendor)) != 0)
		return rc;
	w.vendor_id = vendor.id;
	rc = db_tx(vp_coupons_deactivate_tx, &w);
	if (rc == COUPON_NOT_FOUND)
		return 404;
	if (rc != 0 && rc != COUPON_INACTIVE)
		return 500;
	resp_set_flash(rs, rc == COUPON_INACTIVE ? "This coupon was withdrawn already."
		       : "Coupon withdrawn: it can no longer be used.");
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/vendor/coupons/%lld", w.id));
}
