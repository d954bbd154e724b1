/*
 * sf_home: the home page.
 *
 * Two queries (sponsored placements running now by the shop's clock, the
 * newest products; both from verified vendors only); the category cards come
 * from the tree in worker memory. The rendered page is cached under the
 * "home" and "list" generations and the next moment a promotion starts or
 * ends (promotion.h), so it never shows a promotion before or after its
 * days.
 */
#include "sf.h"

#include <string.h>

#include "cache.h"
#include "catalog.h"
#include "cfg.h"
#include "clock.h"
#include "promotion.h"

#define SF_HOME_TTL		120
#define SF_HOME_DESCRIPTION \
	"Browse and search the products of independent shops, each checked before it opens, in one place."

static const char sf_home_sponsored_sql[] =
	"SELECT " SF_SPONSORED_COLUMNS
	" FROM promotions pr"
	" JOIN products p ON p.id = pr.product_id AND p.status = 'active'"
	" JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
	SF_CARD_IMAGE_JOIN
	" WHERE pr.placement IN ('home', 'all') AND" PROMOTION_LIVE
	" ORDER BY pr.starts_at DESC, pr.id DESC LIMIT 32";

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

/* The home page's stamp (view_from_cache_stamped): the home and listing
 * generations and the next moment a promotion starts or ends. */
static const char *
sf_home_stamp(struct req *rq, void *ctx)
{
	const char *list = sf_list_stamp(rq, ctx);

	return list ? arena_printf(&rq->arena, "h%llu:%s", cache_gen(CATALOG_FAMILY_HOME), list) : NULL;
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
	struct sf_seo_share share = { 0 };
	struct db_result *r = NULL;
	const char *key;
	tmpl_dict *d;
	time_t now = clock_now();
	char at[24];
	const char *stamp;
	int status = 500;

	key = "home";
	switch (view_from_cache_stamped(rq, rs, key, sf_home_stamp, NULL, &stamp)) {
	case 1:
		return 200;
	case -1:
		return 500;
	}
	clock_datetime(now, at, sizeof at);
	d = sf_list_page(&v, rq, rs, "storefront/home_view.tpl", "Independent shops in one place");
	sf_list_meta(&v, "/", SF_HOME_DESCRIPTION);
	share.type = "website";
	share.title = cfg_str("BAZAAR_SITE_NAME", "Bazaar");
	share.path = "/";
	share.description = SF_HOME_DESCRIPTION;
	share.price_minor = -1;
	sf_seo_share(&v, a, &share);
	sf_home_categories(d, a);
	if ((r = db_query(sf_home_sponsored_sql, "ss", at, at)) == NULL)
		goto out;
	sf_list_sponsored(d, a, r, SF_SPONSORED_HOME_MAX);
	db_free(r);
	if ((r = db_query(sf_home_newest_sql, "")) == NULL)
		goto out;
	if (sf_list_cards(d, a, "NEW_PRODUCT", r, 0, NULL, 0) > 0)
		tmpl_show(d, "HAS_NEW");
	else
		tmpl_show(d, "NO_NEW");
	status = view_end(&v, rs);
	if (status == 200)
		view_to_cache_stamped(rq, rs, key, stamp, SF_HOME_TTL);
out:
	view_discard(&v);
	db_free(r);
	return status;
}
