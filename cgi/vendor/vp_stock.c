/*
 * vp_stock: a listing's stock and its history: every change with its
 * reason, its note and who made it, newest first, and the form that adds
 * or takes away units (stock.h: a change never leaves less than none).
 */
#include "vp.h"

#include <string.h>

#include "csrf.h"
#include "db.h"
#include "paging.h"
#include "route.h"
#include "sess.h"
#include "stock.h"

static const char vp_stock_product_sql[] =
	"SELECT name, stock FROM products WHERE id = ? AND vendor_id = ?";
static const char vp_stock_count_sql[] =
	"SELECT COUNT(*) FROM stock_adjustments WHERE product_id = ?";
static const char vp_stock_history_sql[] =
	"SELECT a.created_at, a.delta, a.reason, a.note, a.stock_after, u.name"
	" FROM stock_adjustments a LEFT JOIN users u ON u.id = a.user_id"
	" WHERE a.product_id = ? ORDER BY a.id DESC LIMIT ? OFFSET ?";

/* The reasons a vendor may give on the form: sales and returns come from
 * orders. */
const char *const vp_stock_reasons[] = { "received", "damaged", "correction", NULL };

/* The address of page n of a listing's history (paging_links's callback). */
struct vp_stock_pages {
	struct arena *a;
	long long product_id;
};

static char *
vp_stock_page_url(void *ctx, long long n)
{
	struct vp_stock_pages *p = ctx;

	return n == 1 ? arena_printf(p->a, "/vendor/listings/%lld/stock", p->product_id)
		      : arena_printf(p->a, "/vendor/listings/%lld/stock?page=%lld", p->product_id, n);
}

/*
 * Builds the stock page of the listing in the path: its current stock, the
 * form (the values the router kept when it is shown again) and one page of
 * the history. Returns the page dictionary, or NULL with rs->status 404 (not
 * the vendor's listing, or a page past the end) or 500.
 */
static tmpl_dict *
vp_stock_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct arena *a = &rq->arena;
	struct vp_vendor vendor;
	struct db_result *r = NULL;
	long long id = req_path_id(rq, "id");
	struct paging pg = { 1, VP_PER_PAGE, VP_PAGE_MAX, 0 };
	struct vp_stock_pages pages = { a, id };
	tmpl_dict *d = NULL, *row;
	const char *name;
	long long stock, delta;
	int status, i;

	if (strcmp(rq->method, "GET") == 0)
		pg.page = req_int(rq, "page", 1);
	if ((status = vp_profile_vendor(rq, &vendor)) != 0) {
		rs->status = status;
		return NULL;
	}
	rs->status = 500;
	if ((r = db_query(vp_stock_product_sql, "ii", id, vendor.id)) == NULL)
		return NULL;
	if (!db_next(r)) {
		rs->status = 404;
		goto out;
	}
	name = arena_strdup(a, db_str(r, 0));
	stock = db_int(r, 1);
	db_free(r);
	r = NULL;
	if ((pg.total = db_scalar(-1, vp_stock_count_sql, "i", id)) < 0)
		goto out;
	if (paging_past_end(&pg)) {
		rs->status = 404;
		goto out;
	}
	d = view_begin(v, rq, rs, "vendor/stock_view.tpl", arena_printf(a, "Stock of %s", name));
	view_crumb(v, "Vendor portal", "/vendor/");
	view_crumb(v, "Listings", "/vendor/listings");
	view_crumb(v, "Stock", NULL);
	vp_dashboard_nav(d, "/vendor/listings");
	tmpl_set(d, "NAME", name);
	tmpl_set_int(d, "ID", id);
	tmpl_set_int(d, "STOCK", stock);
	if (stock == 0)
		tmpl_show(d, "SOLD_OUT");
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	for (i = 0; vp_stock_reasons[i]; i++) {
		row = tmpl_section(d, "REASON_OPTION");
		tmpl_set(row, "VALUE", vp_stock_reasons[i]);
		tmpl_set(row, "LABEL", stock_reason_labels[stock_reason_parse(vp_stock_reasons[i])]);
		if (strcmp(vp_stock_reasons[i], req_str(rq, "reason") ? req_str(rq, "reason") : "received") == 0)
			tmpl_show(row, "SELECTED");
	}
	if (pg.total == 0) {
		tmpl_show(d, "NO_HISTORY");
		rs->status = 200;
		return d;
	}
	if ((r = db_query(vp_stock_history_sql, "iii", id, pg.per_page, paging_offset(&pg))) == NULL) {
		view_discard(v);
		d = NULL;
		goto out;
	}
	tmpl_show(d, "HAS_HISTORY");
	tmpl_set(d, "RESULT_TEXT", paging_result_text(a, &pg, "change", "changes"));
	while (db_next(r)) {
		row = tmpl_section(d, "CHANGE");
		tmpl_set(row, "WHEN", arena_printf(a, "%.16s", db_str(r, 0)));
		delta = db_int(r, 1);
		tmpl_set(row, "DELTA", arena_printf(a, "%+lld", delta));
		tmpl_set(row, "DIRECTION", delta > 0 ? "up" : "down");
		i = stock_reason_parse(db_str(r, 2));
		tmpl_set(row, "REASON", i >= 0 ? stock_reason_labels[i] : db_str(r, 2));
		tmpl_set(row, "NOTE", db_str(r, 3));
		tmpl_set_int(row, "AFTER", db_int(r, 4));
		tmpl_set(row, "WHO", db_null(r, 5) ? "The shop (automatic)" : db_str(r, 5));
	}
	paging_links(d, &pg, vp_stock_page_url, &pages);
	rs->status = 200;
out:
	db_free(r);
	return d;
}

/*
 * ROUTE: GET /vendor/listings/{id}/stock         TEMPLATE: vendor/stock_view.tpl
 * PARAMS: id (the listing, in the path), page (1..10000)
 * The listing's stock, the form that changes it, and its history, 24 changes
 * a page, newest first: when, the change, the reason and note, the stock
 * after it and who made it. Another vendor's listing is a 404.
 */
int
vp_stock_view(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };

	if (vp_stock_page(rq, rs, &v) == NULL) {
		view_discard(&v);
		return rs->status >= 400 ? rs->status : 500;
	}
	return view_end(&v, rs);
}

tmpl_dict *
vp_stock_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return vp_stock_page(rq, rs, v);
}

/*
 * ROUTE: POST /vendor/listings/{id}/stock         TEMPLATE: vendor/stock_view.tpl
 * PARAMS: id (the listing, in the path), change (-1000000000..1000000000,
 * not 0), reason (received, damaged, correction), note (up to 500
 * characters), csrf
 * Adds the change to the listing's stock with its reason and the vendor's
 * name in the history; refused, with the form again, when it would leave
 * less than none. Redirects to the stock page.
 */
int
vp_stock_adjust(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	struct stock_change c = { 0 };
	long long after = 0;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	c.product_id = req_path_id(rq, "id");
	c.vendor_id = vendor.id;
	c.delta = req_int(rq, "change", 0);
	c.reason = (enum stock_reason)stock_reason_parse(req_str(rq, "reason"));
	c.note = req_str(rq, "note");
	c.user_id = rq->sess->user_id;
	if (c.delta == 0) {
		route_form_error(rq, "change", "Enter how many units to add (or, with a minus sign, to take away): "
				 "not 0.");
		return route_form_fail(rq, rs);
	}
	switch (stock_adjust(&c, &after)) {
	case 0:
		break;
	case STOCK_NOT_FOUND:
		return 404;
	case STOCK_BELOW_ZERO:
		route_form_error(rq, "change", c.delta < 0
				 ? "You cannot take away more units than are in stock."
				 : "That would be more stock than a listing can hold.");
		return route_form_fail(rq, rs);
	default:
		return 500;
	}
	resp_set_flash(rs, arena_printf(&rq->arena, after == 0
					? "The stock is changed: %lld in stock. The listing shows as sold out."
					: "The stock is changed: %lld in stock.", after));
	return resp_redirect(rs, 303, arena_printf(&rq->arena, "/vendor/listings/%lld/stock", c.product_id));
}
