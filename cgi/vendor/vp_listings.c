/*
 * vp_listings: the vendor's own products, whatever their state, newest
 * first, with a link to the storefront page of those shoppers can see.
 *
 * New listings can be made only by a verified shop whose owner has
 * confirmed the email address; until then the page says what is missing.
 */
#include "vp.h"

#include <string.h>

#include "catalog.h"
#include "db.h"
#include "money.h"
#include "paging.h"
#include "sess.h"

static const char vp_listings_count_sql[] =
	"SELECT COUNT(*) FROM products WHERE vendor_id = ?";
static const char vp_listings_sql[] =
	"SELECT id, slug, name, price_minor, stock, status FROM products WHERE vendor_id = ?"
	" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";

/* What a listing's state means to its vendor. */
static const char *
vp_listings_state(const char *status, int shop_live)
{
	if (strcmp(status, "active") == 0)
		return shop_live ? "Live" : "Active (shown once your shop is verified)";
	if (strcmp(status, "draft") == 0)
		return "Draft";
	if (strcmp(status, "hidden") == 0)
		return "Hidden";
	return "Removed";
}

/* The address of page n of the listings (paging_links's url callback). */
static char *
vp_listings_page_url(void *ctx, long long n)
{
	struct arena *a = ctx;

	return n == 1 ? arena_strdup(a, "/vendor/listings") : arena_printf(a, "/vendor/listings?page=%lld", n);
}

/* The "New listing" box: why the vendor cannot add listings yet. */
static void
vp_listings_new_box(tmpl_dict *d, struct req *rq, const struct vp_vendor *vendor)
{
	int verified = strcmp(vendor->status, "verified") == 0;
	tmpl_dict *box;

	if (verified && rq->sess->verified) {
		tmpl_show(d, "CAN_LIST");
		return;
	}
	box = tmpl_section(d, "CANNOT_LIST");
	if (!verified)
		tmpl_show(box, "NEEDS_VERIFIED_SHOP");
	if (!rq->sess->verified)
		tmpl_show(box, "NEEDS_VERIFIED_EMAIL");
}

/*
 * ROUTE: GET /vendor/listings      TEMPLATE: vendor/listings_list.tpl
 * PARAMS: page (1..10000)
 * The vendor's products, 24 a page: name, price, stock and state, with a
 * link to the storefront page of each live one; and the "New listing" box,
 * which says what is missing until the shop and the email are verified.
 */
int
vp_listings_list(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct vp_vendor vendor;
	struct db_result *r = NULL;
	struct paging pg = { req_int(rq, "page", 1), VP_PER_PAGE, VP_PAGE_MAX, 0 };
	char price[64], path[200];
	tmpl_dict *d, *row;
	int status, live;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	status = 500;
	if ((pg.total = db_scalar(-1, vp_listings_count_sql, "i", vendor.id)) < 0)
		goto out;
	if (paging_past_end(&pg)) {
		status = 404;
		goto out;
	}
	live = strcmp(vendor.status, "verified") == 0;
	d = view_begin(&v, rq, rs, "vendor/listings_list.tpl", pg.page > 1 ?
		       arena_printf(a, "Your listings, page %lld", pg.page) : "Your listings");
	view_crumb(&v, "Vendor portal", "/vendor/");
	view_crumb(&v, "Listings", NULL);
	vp_dashboard_nav(d, "/vendor/listings");
	vp_listings_new_box(d, rq, &vendor);
	if (pg.total == 0) {
		tmpl_show(d, "NO_PRODUCTS");
		status = view_end(&v, rs);
		goto out;
	}
	if ((r = db_query(vp_listings_sql, "iii", vendor.id, pg.per_page, paging_offset(&pg))) == NULL)
		goto out;
	tmpl_show(d, "HAS_PRODUCTS");
	tmpl_set(d, "RESULT_TEXT", paging_result_text(a, &pg, "listing", "listings"));
	while (db_next(r)) {
		row = tmpl_section(d, "PRODUCT");
		tmpl_set(row, "NAME", db_str(r, 2));
		tmpl_set(row, "PRICE", money_format(db_int(r, 3), price, sizeof price));
		tmpl_set_int(row, "STOCK", db_int(r, 4));
		tmpl_set(row, "STATE", db_str(r, 5));
		tmpl_set(row, "STATE_LABEL", vp_listings_state(db_str(r, 5), live));
		if (live && strcmp(db_str(r, 5), "active") == 0 &&
		    catalog_product_path(db_int(r, 0), db_str(r, 1), path, sizeof path))
			tmpl_set(tmpl_section(row, "LIVE"), "URL", path);
	}
	paging_links(d, &pg, vp_listings_page_url, a);
	status = view_end(&v, rs);
out:
	view_discard(&v);
	db_free(r);
	return status;
}
