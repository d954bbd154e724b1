/*
 * sf_catalog: the category pages.
 *
 * They are served from the search index (cgi/lib/search.h: the category
 * and its descendants, the filters and the sort), the cards read by primary
 * key. Only when the index is missing do they list through the statements
 * below. There, a top-level category lists every product of its tree through
 * products.top_category_id, a sub-category through products.category_id
 * (schema/0001_catalog.sql explains why); each is one range scan of an index
 * already in the requested order, with the vendor looked up by primary key
 * (only verified vendors' products are listed). Every combination of scope,
 * price filter and sort is one constant statement below (one table for
 * each number of binds, so that the lint checks every statement a call can
 * run against its bind letters); the request only
 * picks the index into the table (sort names are mapped by a switch, never
 * pasted).
 * Rendered pages are kept in memcached under a key built from the validated
 * values, stamped with the "list" generation, which any product change
 * bumps, and the next moment a promotion starts or ends (promotion.h), so
 * the Sponsored slots follow the promotions' days (sf_list_stamp: one
 * round trip reads the page and the generations).
 */
#include "sf.h"

#include <string.h>

#include "cache.h"
#include "catalog.h"
#include "clock.h"
#include "promotion.h"
#include "search.h"

#define SF_CATALOG_TTL		600

enum sf_catalog_scope {
	SF_SCOPE_TOP,		/* a top-level category: its whole tree */
	SF_SCOPE_LEAF,		/* a category without children */
	SF_SCOPE_MIDDLE,	/* a sub-category with children of its own */
};

#define SF_CATALOG_SELECT \
	"SELECT " SF_CARD_COLUMNS " FROM products p" SF_VENDOR_JOIN SF_CARD_IMAGE_JOIN " WHERE "
#define SF_CATALOG_COUNT "SELECT COUNT(*) FROM products p" SF_VENDOR_JOIN " WHERE "
#define SF_CATALOG_TOP "p.top_category_id = ?"
#define SF_CATALOG_LEAF "p.category_id = ?"
#define SF_CATALOG_MIDDLE \
	"p.category_id IN (SELECT c.id FROM categories c WHERE ? IN (c.id, c.parent_id))"
#define SF_CATALOG_ACTIVE " AND p.status = 'active' AND p.stock >= ?"
#define SF_CATALOG_PRICE " AND p.price_minor BETWEEN ? AND ?"
#define SF_CATALOG_PAGE " LIMIT ? OFFSET ?"
#define SF_ORDER_POPULAR " ORDER BY p.popularity DESC, p.id DESC"
#define SF_ORDER_PRICE_ASC " ORDER BY p.price_minor ASC, p.id ASC"
#define SF_ORDER_PRICE_DESC " ORDER BY p.price_minor DESC, p.id DESC"
#define SF_ORDER_NEWEST " ORDER BY p.created_at DESC, p.id DESC"

#define SF_CATALOG_SORTS(scope, price) { \
	SF_CATALOG_SELECT scope SF_CATALOG_ACTIVE price SF_ORDER_POPULAR SF_CATALOG_PAGE, \
	SF_CATALOG_SELECT scope SF_CATALOG_ACTIVE price SF_ORDER_PRICE_ASC SF_CATALOG_PAGE, \
	SF_CATALOG_SELECT scope SF_CATALOG_ACTIVE price SF_ORDER_PRICE_DESC SF_CATALOG_PAGE, \
	SF_CATALOG_SELECT scope SF_CATALOG_ACTIVE price SF_ORDER_NEWEST SF_CATALOG_PAGE }

/* [scope][sort]: without and with the price filter (four and six binds). */
static const char *const sf_catalog_list_sql[3][4] = {
	SF_CATALOG_SORTS(SF_CATALOG_TOP, ""),
	SF_CATALOG_SORTS(SF_CATALOG_LEAF, ""),
	SF_CATALOG_SORTS(SF_CATALOG_MIDDLE, ""),
};
static const char *const sf_catalog_list_price_sql[3][4] = {
	SF_CATALOG_SORTS(SF_CATALOG_TOP, SF_CATALOG_PRICE),
	SF_CATALOG_SORTS(SF_CATALOG_LEAF, SF_CATALOG_PRICE),
	SF_CATALOG_SORTS(SF_CATALOG_MIDDLE, SF_CATALOG_PRICE),
};

/* [scope]: without and with the price filter (two and four binds). */
static const char *const sf_catalog_count_sql[3] = {
	SF_CATALOG_COUNT SF_CATALOG_TOP SF_CATALOG_ACTIVE,
	SF_CATALOG_COUNT SF_CATALOG_LEAF SF_CATALOG_ACTIVE,
	SF_CATALOG_COUNT SF_CATALOG_MIDDLE SF_CATALOG_ACTIVE,
};
static const char *const sf_catalog_count_price_sql[3] = {
	SF_CATALOG_COUNT SF_CATALOG_TOP SF_CATALOG_ACTIVE SF_CATALOG_PRICE,
	SF_CATALOG_COUNT SF_CATALOG_LEAF SF_CATALOG_ACTIVE SF_CATALOG_PRICE,
	SF_CATALOG_COUNT SF_CATALOG_MIDDLE SF_CATALOG_ACTIVE SF_CATALOG_PRICE,
};

/*
 * [scope]: the promotions running now on this category (two binds, the
 * shop's time): those bought for this very category, and those that run
 * wherever their product is listed (placement 'all'), whose product the
 * page lists (one more bind each).
 */
#define SF_CATALOG_SPONSORED(scope) \
	"SELECT " SF_SPONSORED_COLUMNS \
	" FROM promotions pr" \
	" JOIN products p ON p.id = pr.product_id AND p.status = 'active'" \
	" JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'" \
	SF_CARD_IMAGE_JOIN \
	" WHERE" PROMOTION_LIVE \
	" AND ((pr.placement = 'category' AND pr.category_id = ?) OR (pr.placement = 'all' AND " scope "))" \
	" ORDER BY pr.starts_at DESC, pr.id DESC LIMIT 16"
static const char *const sf_catalog_sponsored_sql[3] = {
	SF_CATALOG_SPONSORED(SF_CATALOG_TOP),
	SF_CATALOG_SPONSORED(SF_CATALOG_LEAF),
	SF_CATALOG_SPONSORED(SF_CATALOG_MIDDLE),
};

/* The column of the statement tables for a sort choice. */
static int
sf_catalog_sort_index(enum sf_sort sort)
{
	switch (sort) {
	case SF_SORT_PRICE_ASC:
		return 1;
	case SF_SORT_PRICE_DESC:
		return 2;
	case SF_SORT_NEWEST:
		return 3;
	case SF_SORT_POPULAR:
	case SF_SORT_RELEVANCE:
		break;
	}
	return 0;
}

/* Counts the products of the category that pass the filter; -1 on error. */
static long long
sf_catalog_count(enum sf_catalog_scope scope, long long category_id, const struct sf_filter *f)
{
	long long stock_min = f->in_stock ? 1 : 0;

	if (sf_list_has_price(f))
		return sf_list_total(db_query(sf_catalog_count_price_sql[scope], "iiii", category_id, stock_min,
					      sf_list_price_low(f), sf_list_price_high(f)));
	return sf_list_total(db_query(sf_catalog_count_sql[scope], "ii", category_id, stock_min));
}

/* The filter's page of the category's products in the order of sort. */
static struct db_result *
sf_catalog_page(enum sf_catalog_scope scope, int sort, long long category_id, const struct sf_filter *f)
{
	long long stock_min = f->in_stock ? 1 : 0;

	if (sf_list_has_price(f))
		return db_query(sf_catalog_list_price_sql[scope][sort], "iiiiii", category_id, stock_min,
				sf_list_price_low(f), sf_list_price_high(f), (long long)SF_PER_PAGE,
				sf_list_offset(f));
	return db_query(sf_catalog_list_sql[scope][sort], "iiii", category_id, stock_min, (long long)SF_PER_PAGE,
			sf_list_offset(f));
}

/*
 * The filter's page of the category and the total from the search index
 * (a category's results include all its descendants). 0, 1 when there is no
 * index (the caller lists through SQL; search_run logged the fallback), -1
 * on error.
 */
static int
sf_catalog_from_index(struct arena *a, long long category_id, const struct sf_filter *f,
		      struct search_result *found)
{
	struct search_query q = SEARCH_QUERY_INIT;

	q.category_id = category_id;
	q.min_price = f->min_price;
	q.max_price = f->max_price;
	q.in_stock = f->in_stock;
	q.sort = sf_search_sort(f->sort);
	q.offset = sf_list_offset(f);
	q.limit = SF_PER_PAGE;
	if (search_run(a, &q, found) < 0)
		return -1;
	return found->fallback ? 1 : 0;
}

/* Breadcrumbs Home > ancestors > this category. */
static void
sf_catalog_crumbs(struct view *v, struct arena *a, const struct sf_category *cat)
{
	struct sf_category chain[8];
	int n = 0;
	long long up = cat->parent_id;

	while (up != 0 && n < 8 && sf_nav_by_id(a, up, &chain[n]) == 0)
		up = chain[n++].parent_id;
	view_crumb(v, "Home", "/");
	while (n-- > 0)
		view_crumb(v, chain[n].name, arena_printf(a, "/c/%s", chain[n].slug));
	view_crumb(v, cat->name, NULL);
}

/* Links to the sub-categories, or to the siblings of a category without any. */
static void
sf_catalog_subcats(tmpl_dict *d, struct arena *a, const struct sf_category *cat)
{
	struct sf_category *list, parent;
	size_t n, i;

	if (cat->has_children) {
		n = sf_nav_children(a, cat->id, &list);
		tmpl_set(d, "SUBCATS_LABEL", arena_printf(a, "Sub-categories of %s", cat->name));
	} else if (cat->parent_id != 0 && sf_nav_by_id(a, cat->parent_id, &parent) == 0) {
		n = sf_nav_children(a, cat->parent_id, &list);
		tmpl_set(d, "SUBCATS_LABEL", arena_printf(a, "Other categories in %s", parent.name));
	} else {
		return;
	}
	if (n == 0)
		return;
	tmpl_show(d, "HAS_SUBCATS");
	for (i = 0; i < n; i++) {
		tmpl_dict *s = tmpl_section(d, "SUBCAT");
		tmpl_set(s, "URL", arena_printf(a, "/c/%s", list[i].slug));
		tmpl_set(s, "NAME", list[i].name);
		tmpl_set(s, "CURRENT", list[i].id == cat->id ? "page" : "false");
	}
}

/* What to say when the page lists nothing: an empty category, or filters
 * that leave nothing, with a way out for each filter that is set (and one
 * for all of them when there are two). */
static void
sf_catalog_empty(tmpl_dict *d, struct arena *a, const char *path, const struct sf_filter *f)
{
	struct sf_filter wider;
	tmpl_dict *s;

	tmpl_show(d, "NO_PRODUCTS");
	if (!sf_list_filtered(f)) {
		tmpl_show(d, "EMPTY_CATEGORY");
		return;
	}
	s = tmpl_section(d, "NO_MATCH");
	if (sf_list_has_price(f)) {
		wider = *f;
		wider.min_price = wider.max_price = -1;
		tmpl_set(tmpl_section(s, "PRICE_HINT"), "URL", sf_list_url(a, path, &wider, 1, 1));
	}
	if (f->in_stock) {
		wider = *f;
		wider.in_stock = 0;
		tmpl_set(tmpl_section(s, "STOCK_HINT"), "URL", sf_list_url(a, path, &wider, 1, 1));
	}
	if (sf_list_has_price(f) && f->in_stock)
		tmpl_set(tmpl_section(s, "CLEAR_ALL"), "URL", sf_list_url(a, path, f, 1, 0));
}

/*
 * ROUTE: GET /c/{slug}      TEMPLATE: storefront/catalog_category.tpl
 * PARAMS: slug (category), page (1..10000), sort (popular|price_asc|price_desc|newest),
 *         min_price, max_price (amounts), in_stock (1)
 * Lists the active products of a category and its sub-categories, 24 a page,
 * with sponsored products on top, filters, sorting and pagination.
 */
int
sf_catalog_category(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct sf_seo_share share = { 0 };
	struct sf_category cat;
	struct sf_filter f;
	struct db_result *r = NULL;
	struct search_result found;
	enum sf_catalog_scope scope;
	const char *path, *key, *stamp;
	long long total;
	tmpl_dict *d;
	time_t now = clock_now();
	char at[24];
	int status = 404, sort, indexed;

	switch (sf_nav_by_slug(a, req_str(rq, "slug"), &cat)) {
	case 0:
		break;
	case -1:
		goto out;	/* 404 */
	default:
		status = 500;
		goto out;
	}
	sf_list_filter(rq, &f, SF_SORT_POPULAR);
	path = arena_printf(a, "/c/%s", cat.slug);
	key = arena_printf(a, "c:%lld:%s", cat.id, sf_list_key_part(a, &f));
	switch (view_from_cache_stamped(rq, rs, key, sf_list_stamp, NULL, &stamp)) {
	case 1:
		status = 200;
		goto out;
	case -1:
		status = 500;
		goto out;
	}

	scope = cat.depth == 0 ? SF_SCOPE_TOP : cat.has_children ? SF_SCOPE_MIDDLE : SF_SCOPE_LEAF;
	sort = sf_catalog_sort_index(f.sort);
	status = 500;
	if ((indexed = sf_catalog_from_index(a, cat.id, &f, &found)) < 0)
		goto out;
	total = indexed == 0 ? found.total : sf_catalog_count(scope, cat.id, &f);
	if (total < 0)
		goto out;
	if (sf_list_past_end(&f, total)) {
		status = 404;
		goto out;
	}

	d = sf_list_page(&v, rq, rs, "storefront/catalog_category.tpl", cat.name);
	share.description = *cat.description ? sf_list_excerpt(a, cat.description, 155) :
			    arena_printf(a, "Shop %s from independent sellers.", cat.name);
	share.path = f.page > 1 ? arena_printf(a, "%s?page=%lld", path, f.page) : path;
	sf_list_meta(&v, share.path, share.description);
	share.type = "website";
	share.title = cat.name;
	share.price_minor = -1;
	sf_seo_share(&v, a, &share);
	sf_catalog_crumbs(&v, a, &cat);
	tmpl_set(d, "NAME", cat.name);
	if (*cat.description) {
		tmpl_dict *s = tmpl_section(d, "HAS_DESCRIPTION");
		tmpl_set(s, "DESCRIPTION", cat.description);
	}
	sf_catalog_subcats(d, a, &cat);

	clock_datetime(now, at, sizeof at);
	if ((r = db_query(sf_catalog_sponsored_sql[scope], "ssii", at, at, cat.id, cat.id)) == NULL)
		goto out;
	sf_list_sponsored(d, a, r, SF_SPONSORED_LIST_MAX);
	db_free(r);

	r = indexed == 0 ? sf_search_cards(a, found.ids, found.n) : sf_catalog_page(scope, sort, cat.id, &f);
	if (r == NULL)
		goto out;
	if (sf_list_cards(d, a, "PRODUCT", r, 0, NULL, 0) > 0) {
		tmpl_show(d, "HAS_PRODUCTS");
		sf_list_pagination(d, a, path, &f, total);
	} else {
		sf_catalog_empty(d, a, path, &f);
	}
	tmpl_set(d, "RESULT_TEXT", sf_list_result_text(a, &f, total, "product", "products"));
	sf_list_filters(d, a, path, &f);

	status = view_end(&v, rs);
	if (status == 200)
		view_to_cache_stamped(rq, rs, key, stamp, SF_CATALOG_TTL);
out:
	view_discard(&v);
	db_free(r);
	return status;
}
