/*
 * vp_listings: the vendor's own products, with search (name or SKU), a
 * state filter, sorting and pages, each linking to its form and, when
 * live, to its storefront page; and the bulk actions on the ticked ones
 * (archive, after a confirmation; restore; set the stock), all in one
 * transaction through the listing module.
 *
 * Any shop but a blocked one can prepare listings as drafts; publishing
 * them needs a verified shop whose owner has confirmed the email address,
 * and until then the page says what is missing and whom to write to.
 */
#include "vp.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "catalog.h"
#include "csrf.h"
#include "db.h"
#include "listing.h"
#include "log.h"
#include "mail.h"
#include "money.h"
#include "paging.h"
#include "sess.h"
#include "text.h"

/*
 * The filter: "current" (default: everything but archived and removed),
 * one state, or "low" (current listings at or under their low-stock
 * warning). The search matches the name or the SKU, anywhere (the
 * vendor's own rows only, read through idx_products_vendor).
 * Binds: vendor id, filter, filter, search, pattern, pattern.
 */
#define VP_LISTINGS_WHERE \
	" WHERE vendor_id = ?" \
	" AND CASE ? WHEN 'current' THEN status NOT IN ('archived', 'removed')" \
	" WHEN 'low' THEN status NOT IN ('archived', 'removed') AND low_stock_threshold > 0" \
	" AND stock <= low_stock_threshold ELSE status = ? END" \
	" AND (? = '' OR name LIKE ? OR sku LIKE ?)"
#define VP_LISTINGS_SELECT \
	"SELECT id, slug, name, price_minor, stock, status, sku, COALESCE(compare_at_minor, 0)," \
	" low_stock_threshold FROM products" VP_LISTINGS_WHERE

static const char vp_listings_count_sql[] = "SELECT COUNT(*) FROM products" VP_LISTINGS_WHERE;

/* The sort choices, in the order of vp_listings_sorts. */
static const char *const vp_listings_sql[] = {
	VP_LISTINGS_SELECT " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
	VP_LISTINGS_SELECT " ORDER BY created_at ASC, id ASC LIMIT ? OFFSET ?",
	VP_LISTINGS_SELECT " ORDER BY name ASC, id ASC LIMIT ? OFFSET ?",
	VP_LISTINGS_SELECT " ORDER BY price_minor ASC, id ASC LIMIT ? OFFSET ?",
	VP_LISTINGS_SELECT " ORDER BY price_minor DESC, id DESC LIMIT ? OFFSET ?",
	VP_LISTINGS_SELECT " ORDER BY stock ASC, id ASC LIMIT ? OFFSET ?",
};

const char *const vp_listings_sorts[] = { "newest", "oldest", "name", "price_asc", "price_desc", "stock", NULL };
static const char *const vp_listings_sort_labels[] = {
	"Newest first", "Oldest first", "Name", "Price, low to high", "Price, high to low", "Stock, lowest first",
};
const char *const vp_listings_filters[] = { "current", "active", "draft", "review", "archived", "low", NULL };
static const char *const vp_listings_filter_labels[] = {
	"All but archived", "Live", "Drafts", "Waiting for review", "Archived", "Low on stock",
};
const char *const vp_listings_actions[] = { "archive", "restore", "stock", NULL };

/* The request's view of the list. */
struct vp_listings_view {
	const char *q;		/* as typed, "" when none */
	int filter;		/* index into vp_listings_filters */
	int sort;		/* index into vp_listings_sorts */
};

static int
vp_listings_index(const char *const *choices, const char *value)
{
	int i;

	for (i = 0; value && choices[i]; i++)
		if (strcmp(choices[i], value) == 0)
			return i;
	return 0;
}

/* The list's search, filter and sort as the request gives them (the list
 * page's, or those the bulk forms carry back). */
static struct vp_listings_view
vp_listings_view_of(struct req *rq)
{
	struct vp_listings_view view = { req_str(rq, "q") ? req_str(rq, "q") : "",
					 vp_listings_index(vp_listings_filters, req_str(rq, "status")),
					 vp_listings_index(vp_listings_sorts, req_str(rq, "sort")) };

	return view;
}

struct vp_listings_url {
	struct arena *a;
	const struct vp_listings_view *view;
};

/* The address of page n of the list as it is filtered (paging_links's url
 * callback). */
static char *
vp_listings_page_url(void *ctx, long long n)
{
	const struct vp_listings_url *u = ctx;
	struct buf b;
	char *out;

	buf_init(&b);
	buf_adds(&b, "/vendor/listings");
	if (*u->view->q) {
		buf_adds(&b, "?q=");
		buf_add_urlencoded(&b, u->view->q);
	}
	if (u->view->filter != 0)
		buf_printf(&b, "%sstatus=%s", b.len > 16 ? "&" : "?", vp_listings_filters[u->view->filter]);
	if (u->view->sort != 0)
		buf_printf(&b, "%ssort=%s", b.len > 16 ? "&" : "?", vp_listings_sorts[u->view->sort]);
	if (n > 1)
		buf_printf(&b, "%spage=%lld", b.len > 16 ? "&" : "?", n);
	out = arena_strdup(u->a, b.data);
	buf_free(&b);
	return out;
}

/* What the bulk forms carry so that the list comes back as it was: section
 * KEEP {NAME, VALUE} for each of the search, filter, sort and page that is
 * not the default, and BACK_URL, the list's address with them. */
static void
vp_listings_keep(tmpl_dict *d, struct arena *a, const struct vp_listings_view *view, long long page)
{
	struct vp_listings_url url = { a, view };
	tmpl_dict *k;

	if (*view->q) {
		k = tmpl_section(d, "KEEP");
		tmpl_set(k, "NAME", "q");
		tmpl_set(k, "VALUE", view->q);
	}
	if (view->filter != 0) {
		k = tmpl_section(d, "KEEP");
		tmpl_set(k, "NAME", "status");
		tmpl_set(k, "VALUE", vp_listings_filters[view->filter]);
	}
	if (view->sort != 0) {
		k = tmpl_section(d, "KEEP");
		tmpl_set(k, "NAME", "sort");
		tmpl_set(k, "VALUE", vp_listings_sorts[view->sort]);
	}
	if (page > 1) {
		k = tmpl_section(d, "KEEP");
		tmpl_set(k, "NAME", "page");
		tmpl_set_int(k, "VALUE", page);
	}
	tmpl_set(d, "BACK_URL", vp_listings_page_url(&url, page));
}

/* The "New listing" box: the way to a new listing, and why the shop
 * cannot publish yet (or, blocked, change anything). */
static void
vp_listings_new_box(tmpl_dict *d, struct req *rq, const struct vp_vendor *vendor)
{
	const char *blocked = listing_change_refusal(&rq->arena, vendor->status);
	int verified = strcmp(vendor->status, "verified") == 0;
	tmpl_dict *box;

	if (blocked != NULL) {
		tmpl_set(tmpl_section(d, "BLOCKED"), "WHY", blocked);
		return;
	}
	tmpl_show(d, "CAN_ADD");
	if (verified && rq->sess->verified)
		return;
	box = tmpl_section(d, "CANNOT_PUBLISH");
	tmpl_set(box, "SUPPORT_EMAIL", mail_support_address());
	if (!verified)
		tmpl_show(box, "NEEDS_VERIFIED_SHOP");
	if (!rq->sess->verified)
		tmpl_show(box, "NEEDS_VERIFIED_EMAIL");
}

/* The search, filter and sort controls, set as the request has them. */
static void
vp_listings_tools(tmpl_dict *d, const struct vp_listings_view *view)
{
	tmpl_dict *o;
	int i;

	tmpl_set(d, "Q", view->q);
	for (i = 0; vp_listings_filters[i]; i++) {
		o = tmpl_section(d, "FILTER_OPTION");
		tmpl_set(o, "VALUE", vp_listings_filters[i]);
		tmpl_set(o, "LABEL", vp_listings_filter_labels[i]);
		if (i == view->filter)
			tmpl_show(o, "SELECTED");
	}
	for (i = 0; vp_listings_sorts[i]; i++) {
		o = tmpl_section(d, "SORT_OPTION");
		tmpl_set(o, "VALUE", vp_listings_sorts[i]);
		tmpl_set(o, "LABEL", vp_listings_sort_labels[i]);
		if (i == view->sort)
			tmpl_show(o, "SELECTED");
	}
}

/* One row of the list. */
static void
vp_listings_row(tmpl_dict *d, struct db_result *r, int live)
{
	tmpl_dict *row = tmpl_section(d, "PRODUCT");
	const char *status = db_str(r, 5);
	long long price = db_int(r, 3), compare = db_int(r, 7), stock = db_int(r, 4), low = db_int(r, 8);
	char amount[64], path[200];

	tmpl_set_int(row, "ID", db_int(r, 0));
	tmpl_set(row, "NAME", db_str(r, 2));
	if (!db_null(r, 6))
		tmpl_set(tmpl_section(row, "HAS_SKU"), "SKU", db_str(r, 6));
	tmpl_set(row, "PRICE", money_format(price, amount, sizeof amount));
	if (compare > price)
		tmpl_set(tmpl_section(row, "WAS"), "WAS_PRICE", money_format(compare, amount, sizeof amount));
	tmpl_set_int(row, "STOCK", stock);
	if (low > 0 && stock <= low && strcmp(status, "archived") != 0)
		tmpl_show(row, "LOW_STOCK");
	tmpl_set(row, "STATE", status);
	tmpl_set(row, "STATE_LABEL", listing_status_label(status, live));
	if (live && strcmp(status, "active") == 0 && catalog_product_path(db_int(r, 0), db_str(r, 1), path, sizeof path))
		tmpl_set(tmpl_section(row, "LIVE"), "URL", path);
}

/* The list page as the request asks for it. Returns the page dictionary,
 * or NULL with *status set (404 past the last page, 500). */
static tmpl_dict *
vp_listings_page(struct view *v, struct req *rq, struct resp *rs, const struct vp_vendor *vendor, int *status)
{
	struct arena *a = &rq->arena;
	struct vp_listings_view view = vp_listings_view_of(rq);
	struct vp_listings_url url = { a, &view };
	struct paging pg = { req_int(rq, "page", 1), VP_PER_PAGE, VP_PAGE_MAX, 0 };
	const char *filter = vp_listings_filters[view.filter], *pattern = text_like_contains(a, view.q);
	struct db_result *r;
	tmpl_dict *d;
	int live = strcmp(vendor->status, "verified") == 0, filtered = *view.q || view.filter != 0;

	*status = 500;
	pg.total = db_scalar(-1, vp_listings_count_sql, "isssss", vendor->id, filter, filter, view.q, pattern, pattern);
	if (pg.total < 0)
		return NULL;
	if (paging_past_end(&pg)) {
		*status = 404;
		return NULL;
	}
	d = view_begin(v, rq, rs, "vendor/listings_list.tpl", pg.page > 1 ?
		       arena_printf(a, "Your listings, page %lld", pg.page) : "Your listings");
	view_crumb(v, "Vendor portal", "/vendor/");
	view_crumb(v, "Listings", NULL);
	vp_dashboard_nav(d, "/vendor/listings");
	vp_listings_new_box(d, rq, vendor);
	vp_listings_tools(d, &view);
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	if (pg.total == 0) {
		tmpl_show(d, filtered ? "NO_MATCH" : "NO_PRODUCTS");
		return d;
	}
	r = db_query(vp_listings_sql[view.sort], "isssssii", vendor->id, filter, filter, view.q, pattern, pattern,
		     pg.per_page, paging_offset(&pg));
	if (r == NULL)
		return NULL;
	tmpl_show(d, "HAS_PRODUCTS");
	tmpl_set(d, "RESULT_TEXT", paging_result_text(a, &pg, "listing", "listings"));
	vp_listings_keep(d, a, &view, pg.page);
	while (db_next(r))
		vp_listings_row(d, r, live);
	db_free(r);
	paging_links(d, &pg, vp_listings_page_url, &url);
	return d;
}

/*
 * ROUTE: GET /vendor/listings      TEMPLATE: vendor/listings_list.tpl
 * PARAMS: q (name or SKU, up to 100 characters), status (current, active,
 *         draft, review, archived, low), sort (newest, oldest, name,
 *         price_asc, price_desc, stock), page (1..10000)
 * The vendor's products, 24 a page: name and SKU, price (and the was-price
 * of a sale), stock (marked when low), state, with the way to each one's
 * form and to the storefront page of each live one; the bulk actions; and
 * the "New listing" box, which says what publishing still needs.
 */
int
vp_listings_list(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct vp_vendor vendor;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	if (vp_listings_page(&v, rq, rs, &vendor, &status) != NULL)
		status = view_end(&v, rs);
	view_discard(&v);
	return status;
}

/* The form page of POST /vendor/listings/bulk (route.h): the list as it
 * first shows, with the problem next to the bulk form's field. */
tmpl_dict *
vp_listings_bulk_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct vp_vendor vendor;
	tmpl_dict *d;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0) {
		rs->status = status;
		return NULL;
	}
	if ((d = vp_listings_page(v, rq, rs, &vendor, &status)) == NULL)
		rs->status = status;
	return d;
}

/* One bulk action on the ticked listings, in one transaction. */
struct vp_listings_bulk {
	struct req *rq;
	long long vendor_id;
	int action;		/* index into vp_listings_actions */
	long long stock;
	size_t done, skipped;
};

static int
vp_listings_bulk_tx(void *arg)
{
	struct vp_listings_bulk *b = arg;
	const char *idtext;
	enum listing_outcome o = LISTING_OK;
	size_t i;

	b->done = b->skipped = 0;
	for (i = 0; (idtext = req_str_at(b->rq, "id", i)) != NULL; i++) {
		long long id = atoll(idtext);

		if (b->action == 0)
			o = listing_archive_tx(b->rq, b->vendor_id, id);
		else if (b->action == 1)
			o = listing_restore_tx(b->rq, b->vendor_id, id);
		else
			o = listing_set_stock_tx(b->rq, b->vendor_id, id, b->stock);
		if (o == LISTING_NOT_FOUND || o == LISTING_ERROR)
			return o;
		if (o == LISTING_CONFLICT)
			b->skipped++;
		else
			b->done++;
	}
	return 0;
}

/* The confirmation page of a bulk archive: the ticked listings by name. */
static int
vp_listings_confirm(struct req *rq, struct resp *rs, const struct vp_vendor *vendor)
{
	struct view v = { 0 };
	struct listing l;
	const char *idtext;
	tmpl_dict *d, *item;
	size_t i, n = 0;
	int status = 500;

	d = view_begin(&v, rq, rs, "vendor/listings_confirm.tpl", "Archive these listings?");
	view_crumb(&v, "Vendor portal", "/vendor/");
	view_crumb(&v, "Listings", "/vendor/listings");
	view_crumb(&v, "Archive", NULL);
	vp_dashboard_nav(d, "/vendor/listings");
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	for (i = 0; (idtext = req_str_at(rq, "id", i)) != NULL; i++) {
		if ((status = listing_load(&rq->arena, vendor->id, atoll(idtext), &l)) != 0)
			goto out;
		item = tmpl_section(d, "ITEM");
		tmpl_set_int(item, "ID", l.id);
		tmpl_set(item, "NAME", l.name);
		n++;
	}
	tmpl_set(d, "COUNT", n == 1 ? "1 listing" : arena_printf(&rq->arena, "%zu listings", n));
	{
		struct vp_listings_view view = vp_listings_view_of(rq);

		vp_listings_keep(d, &rq->arena, &view, req_int(rq, "page", 1));
	}
	status = view_end(&v, rs);
out:
	view_discard(&v);
	return status;
}

/* The list as the bulk form left it: its search, filter and sort, on the
 * same page, or on the last one when the action left fewer pages. */
static const char *
vp_listings_back_url(struct req *rq, long long vendor_id)
{
	struct vp_listings_view view = vp_listings_view_of(rq);
	struct vp_listings_url url = { &rq->arena, &view };
	const char *filter = vp_listings_filters[view.filter], *pattern = text_like_contains(&rq->arena, view.q);
	long long page = req_int(rq, "page", 1), total;

	if (page > 1) {
		total = db_scalar(0, vp_listings_count_sql, "isssss", vendor_id, filter, filter, view.q, pattern,
				  pattern);
		if ((page - 1) * VP_PER_PAGE >= total)
			page = total > 0 ? (total + VP_PER_PAGE - 1) / VP_PER_PAGE : 1;
	}
	return vp_listings_page_url(&url, page);
}

/*
 * ROUTE: POST /vendor/listings/bulk      TEMPLATE: vendor/listings_list.tpl
 * PARAMS: id (the vendor's listings, any number), action (archive, restore,
 *         stock), stock (0..1,000,000, for action stock), confirm (1: the
 *         archive was confirmed); q, status, sort, page: the list's view,
 *         kept for the way back; bad input shows the list again (R_FORM)
 * Archive (first a confirmation page, vendor/listings_confirm.tpl, listing
 * what will go), restore as drafts, or set the stock of the ticked
 * listings, all or none; another vendor's id among them is a 404.
 */
int
vp_listings_bulk(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	struct vp_listings_bulk b = { rq, 0, 0, 0, 0, 0 };
	const char *what;
	int status;

	if ((status = vp_listing_form_vendor(rq, rs, &vendor)) != 0)
		return status;
	if (req_str_at(rq, "id", 0) == NULL) {
		route_form_error(rq, "id", "Tick the listings to change first.");
		return route_form_fail(rq, rs);
	}
	b.vendor_id = vendor.id;
	b.action = vp_listings_index(vp_listings_actions, req_str(rq, "action"));
	if (b.action == 2) {
		if (!req_has(rq, "stock")) {
			route_form_error(rq, "stock", "Enter the stock to set for the ticked listings.");
			return route_form_fail(rq, rs);
		}
		b.stock = req_int(rq, "stock", 0);
	}
	if (b.action == 0 && !req_has(rq, "confirm"))
		return vp_listings_confirm(rq, rs, &vendor);
	if ((status = db_tx(vp_listings_bulk_tx, &b)) != 0) {
		if (status == LISTING_NOT_FOUND)
			return 404;
		log_error("vp.listings_bulk", "vendor=%lld msg=%s", vendor.id, log_quote(db_error()));
		return 500;
	}
	what = b.action == 0 ? "archived" : b.action == 1 ? "restored as drafts" :
	       arena_printf(&rq->arena, "set to a stock of %lld", b.stock);
	resp_set_flash(rs, arena_printf(&rq->arena, "%zu %s %s.%s", b.done, b.done == 1 ? "listing" : "listings",
					what, b.skipped == 0 ? "" : arena_printf(&rq->arena,
					" %zu left as %s: %s.", b.skipped, b.skipped == 1 ? "it was" : "they were",
					b.action == 1 ? "only archived listings can be restored" :
					"removed listings cannot be changed")));
	return resp_redirect(rs, 303, vp_listings_back_url(rq, vendor.id));
}
