/*
 * sf_home: the home page.
 *
 * Two queries (sponsored placements running now, the newest products; both
 * from verified vendors only); the category cards come from the tree in
 * worker memory. The rendered page is cached under the "home" and "list"
 * generations with a short TTL, because a promotion also starts and ends by
 * the clock, not only by a write.
 */
#include "sf.h"

#include <string.h>

#include "cache.h"
#include "catalog.h"

#define SF_HOME_TTL		120
#define SF_HOME_SPONSORED	8

static const char sf_home_sponsored_sql[] =
	"SELECT " SF_CARD_COLUMNS ", v.trading_name, pr.id"
	" FROM promotions pr"
	" JOIN products p ON p.id = pr.product_id AND p.status = 'active'"
	" JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
	SF_CARD_IMAGE_JOIN
	" WHERE pr.placement = 'home' AND pr.status = 'active'"
	" AND pr.starts_at <= UTC_TIMESTAMP() AND pr.ends_at > UTC_TIMESTAMP()"
	" ORDER BY pr.starts_at DESC, pr.id DESC LIMIT 8";

static const char sf_home_newest_sql[] =
	"SELECT " SF_CARD_COLUMNS " FROM products p" SF_VENDOR_JOIN SF_CARD_IMAGE_JOIN
	" WHERE p.status = 'active'"
	" ORDER BY p.created_at DESC, p.id DESC LIMIT 12";

/* One card per top-level category, naming its first sub-categories. */
static void
sf_home_categories(tmpl_dict *d, struct arena *a)
{
	struct sf_category *top, *sub;
	size_t n = sf_nav_children(a, 0, &top), i, j, m;

	if (n == 0)
		return;
	tmpl_show(d, "HAS_CATEGORIES");
	for (i = 0; i < n; i++) {
		tmpl_dict *c = tmpl_section(d, "CATEGORY");
		struct buf subs;

		tmpl_set(c, "URL", arena_printf(a, "/c/%s", top[i].slug));
		tmpl_set(c, "NAME", top[i].name);
		m = sf_nav_children(a, top[i].id, &sub);
		if (m == 0)
			continue;
		buf_init(&subs);
		for (j = 0; j < m && j < 4; j++)
			buf_printf(&subs, "%s%s", j ? ", " : "", sub[j].name);
		if (m > 4)
			buf_adds(&subs, " …");
		tmpl_dict *s = tmpl_section(c, "HAS_SUBS");
		tmpl_set(s, "SUBS", subs.data);
		buf_free(&subs);
	}
}

/* Sponsored cards, each product once even when it runs two promotions. */
static int
sf_home_sponsored(tmpl_dict *d, struct arena *a)
{
	struct db_result *r = db_query(sf_home_sponsored_sql, "");
	long long seen[SF_HOME_SPONSORED];
	size_t n = 0, i;

	if (r == NULL)
		return -1;
	while (db_next(r) && n < SF_HOME_SPONSORED) {
		long long id = db_int(r, SF_COL_ID);

		for (i = 0; i < n && seen[i] != id; i++)
			;
		if (i < n)
			continue;
		seen[n++] = id;
		tmpl_dict *item = tmpl_section(d, "SPONSORED_PRODUCT");
		sf_list_card(tmpl_include(item, "CARD", "storefront/_product_card.tpl"), a, r, 1);
	}
	if (n > 0)
		tmpl_show(d, "HAS_SPONSORED");
	db_free(r);
	return 0;
}

/*
 * ROUTE: GET /      TEMPLATE: storefront/home_view.tpl
 * PARAMS: none
 * The shop window: category cards, sponsored products running now and the
 * twelve newest products.
 */
int
sf_home_view(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct db_result *r = NULL;
	const char *key;
	tmpl_dict *d;
	int status = 500;

	key = arena_printf(a, "home:g%llu:g%llu", cache_gen(CATALOG_FAMILY_HOME),
			   cache_gen(CATALOG_FAMILY_LIST));
	if (view_from_cache(rq, rs, key))
		return 200;
	d = sf_list_page(&v, rq, rs, "storefront/home_view.tpl", "Independent shops in one place");
	sf_list_meta(&v, "/", "Browse and search the products of independent shops, each checked"
		     " before it opens, in one place.");
	sf_home_categories(d, a);
	if (sf_home_sponsored(d, a) != 0)
		goto out;
	if ((r = db_query(sf_home_newest_sql, "")) == NULL)
		goto out;
	if (sf_list_cards(d, a, "NEW_PRODUCT", r, 0, NULL, 0) > 0)
		tmpl_show(d, "HAS_NEW");
	else
		tmpl_show(d, "NO_NEW");
	status = view_end(&v, rs);
	if (status == 200)
		view_to_cache(rq, rs, key, SF_HOME_TTL);
out:
	view_discard(&v);
	db_free(r);
	return status;
}
