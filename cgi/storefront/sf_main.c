/*
 * sf_main: the storefront program. This table is the only list of its URLs;
 * each row names the handler, the template it renders and the parameters it
 * accepts (anything else in the query string never reaches a handler).
 */
#include "sf.h"

#include "route.h"

/* ?page=N on every listing. */
#define SF_PARAM_PAGE \
	{ "page", PARAM_INT, 1, SF_PAGE_MAX, NULL, 0, "Page" }
/* Price range and stock filter of the category and search pages. */
#define SF_PARAM_FILTERS \
	{ "min_price", PARAM_MONEY, 0, SF_PRICE_MAX, NULL, 0, "Minimum price" }, \
	{ "max_price", PARAM_MONEY, 0, SF_PRICE_MAX, NULL, 0, "Maximum price" }, \
	{ "in_stock", PARAM_ENUM, 0, 0, sf_list_in_stock_choices, 0, "In stock only" }

static const struct param sf_params_category[] = {
	SF_PARAM_PAGE,
	{ "sort", PARAM_ENUM, 0, 0, sf_list_sorts_catalog, 0, "Sort order" },
	SF_PARAM_FILTERS,
	{ NULL, 0, 0, 0, NULL, 0, NULL },
};

static const struct param sf_params_search[] = {
	{ "q", PARAM_TEXT, 0, SF_QUERY_MAX, NULL, 0, "Search text" },
	SF_PARAM_PAGE,
	{ "sort", PARAM_ENUM, 0, 0, sf_list_sorts_search, 0, "Sort order" },
	SF_PARAM_FILTERS,
	{ NULL, 0, 0, 0, NULL, 0, NULL },
};

static const struct param sf_params_vendor[] = {
	SF_PARAM_PAGE,
	{ NULL, 0, 0, 0, NULL, 0, NULL },
};

static const struct route sf_routes[] = {
	{ "GET", "/", sf_home_view, "storefront/home_view.tpl", 0, NULL },
	{ "GET", "/c/{slug}", sf_catalog_category, "storefront/catalog_category.tpl", 0,
	  sf_params_category },
	{ "GET", "/search", sf_search_results, "storefront/search_results.tpl", 0,
	  sf_params_search },
	{ "GET", "/p/{id}-{slug}", sf_product_view, "storefront/product_view.tpl", 0, NULL },
	{ "GET", "/p/{id}", sf_product_redirect, NULL, 0, NULL },
	{ "GET", "/v/{slug}", sf_vendor_shop, "storefront/vendor_shop.tpl", 0, sf_params_vendor },
	{ "GET", "/healthz", sf_health_check, NULL, 0, NULL },
};

/* Per worker, after the core has connected to MariaDB and memcached. */
static int
sf_worker_init(void)
{
	view_layout_hook = sf_nav_layout;
	return sf_nav_init();
}

const struct app sf_app = {
	"storefront", sf_routes, sizeof sf_routes / sizeof sf_routes[0], sf_worker_init
};

#ifndef BAZAAR_NO_MAIN
int
main(int argc, char **argv)
{
	return fcgi_loop_main(&sf_app, argc, argv);
}
#endif
