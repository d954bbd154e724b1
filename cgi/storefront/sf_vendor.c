/*
 * sf_vendor: a vendor's shop page.
 *
 * Only verified vendors have a public shop. The page is cached under the
 * vendor's slug and the "list" generation (blocking a vendor hides its
 * products, which bumps that generation).
 */
#include "sf.h"

#include <string.h>

#include "cache.h"
#include "catalog.h"
#include "markup.h"
#include "review.h"
#include "media.h"

#define SF_VENDOR_TTL 600

static const char sf_vendor_sql[] =
	"SELECT v.id, v.trading_name, v.description, DATE_FORMAT(v.created_at, '%M %Y'),"
	" l.hash, l.width, l.height, b.hash, b.width, b.height"
	" FROM vendors v LEFT JOIN media l ON l.id = v.logo_media_id"
	" LEFT JOIN media b ON b.id = v.banner_media_id"
	" WHERE v.slug = ? AND v.status = 'verified'";

/* The shop's logo or banner (columns col: hash, width, height), if it has one. */
static void
sf_vendor_picture(tmpl_dict *d, struct arena *a, struct db_result *vr, unsigned col,
		  const char *section, const char *sizes)
{
	char path[MEDIA_PATH_MAX];

	if (db_null(vr, col) || media_hash_path(db_str(vr, col), 600, "jpg", path, sizeof path) == NULL)
		return;
	sf_list_picture(tmpl_section(d, section), a, path, db_int(vr, col + 1), db_int(vr, col + 2), sizes, 1200);
}

/* The vendor join repeats the check above for the statements' own sake:
 * the vendor may be blocked between the two. */
static const char sf_vendor_count_sql[] =
	"SELECT COUNT(*) FROM products p" SF_VENDOR_JOIN
	" WHERE p.vendor_id = ? AND p.status = 'active'";

static const char sf_vendor_list_sql[] =
	"SELECT " SF_CARD_COLUMNS " FROM products p" SF_VENDOR_JOIN SF_CARD_IMAGE_JOIN
	" WHERE p.vendor_id = ? AND p.status = 'active'"
	" ORDER BY p.created_at DESC, p.id DESC LIMIT ? OFFSET ?";

/* The shop's standing: the average of its products' reviews, and once it
 * has orders, the share shipped within its handling time and the share it
 * cancelled (review.h). Nothing is shown that no order or review backs. */
static int
sf_vendor_standing(tmpl_dict *d, struct arena *a, long long vendor_id)
{
	struct review_vendor_stats st;
	tmpl_dict *s;

	if (review_vendor_stats(a, vendor_id, &st) != 0)
		return -1;
	if (st.rating_count == 0 && st.shipped == 0 && st.settled == 0)
		return 0;
	s = tmpl_section(d, "STANDING");
	if (st.rating_count > 0) {
		tmpl_dict *r = tmpl_section(s, "RATED");
		char *avg = arena_strdup(a, st.rating_avg), *end = avg + strlen(avg);

		while (end > avg && strchr(avg, '.') && (end[-1] == '0' || end[-1] == '.'))
			if (*--end == '.') {
				*end = '\0';
				break;
			} else {
				*end = '\0';
			}
		tmpl_set(r, "AVERAGE", avg);
		tmpl_set(r, "COUNT", st.rating_count == 1 ? "1 review" : arena_printf(a, "%lld reviews", st.rating_count));
	}
	if (st.shipped > 0) {
		tmpl_dict *r = tmpl_section(s, "SHIPPING");

		tmpl_set_int(r, "PERCENT", st.shipped_on_time * 100 / st.shipped);
		tmpl_set(r, "ORDERS", st.shipped == 1 ? "1 order" : arena_printf(a, "%lld orders", st.shipped));
	}
	if (st.settled > 0) {
		tmpl_dict *r = tmpl_section(s, "CANCELS");

		tmpl_set_int(r, "PERCENT", st.cancelled * 100 / st.settled);
		tmpl_set(r, "ORDERS", st.settled == 1 ? "1 paid order" : arena_printf(a, "%lld paid orders", st.settled));
	}
	return 0;
}

/*
 * ROUTE: GET /v/{slug}      TEMPLATE: storefront/vendor_shop.tpl
 * PARAMS: slug (vendor), page (1..10000)
 * A verified vendor's shop: its banner, logo, name, description and active
 * products, newest first, 24 a page.
 */
int
sf_vendor_shop(struct req *rq, struct resp *rs)
{
	struct arena *a = &rq->arena;
	struct view v = { 0 };
	struct sf_seo_share share = { 0 };
	char logo[MEDIA_PATH_MAX];
	struct sf_filter f;
	struct db_result *vr = NULL, *r = NULL;
	const char *slug = req_str(rq, "slug"), *path, *key, *name;
	long long vendor_id, total;
	tmpl_dict *d;
	int status = 500;

	sf_list_filter(rq, &f, SF_SORT_NEWEST);
	path = arena_printf(a, "/v/%s", slug);
	key = arena_printf(a, "v:%s:g%llu:%lld", slug, cache_gen(CATALOG_FAMILY_LIST), f.page);
	if (view_from_cache(rq, rs, key))
		return 200;
	if ((vr = db_query(sf_vendor_sql, "s", slug)) == NULL)
		goto out;
	if (!db_next(vr)) {
		status = 404;
		goto out;
	}
	vendor_id = db_int(vr, 0);
	name = db_str(vr, 1);
	total = db_scalar(-1, sf_vendor_count_sql, "i", vendor_id);
	if (total < 0)
		goto out;
	if (sf_list_past_end(&f, total)) {
		status = 404;
		goto out;
	}

	d = sf_list_page(&v, rq, rs, "storefront/vendor_shop.tpl", name);
	share.path = f.page > 1 ? arena_printf(a, "%s?page=%lld", path, f.page) : path;
	share.description = *db_str(vr, 2) ? sf_list_excerpt(a, db_str(vr, 2), 155) :
			    arena_printf(a, "Products from %s.", name);
	sf_list_meta(&v, share.path, share.description);
	share.type = "website";
	share.title = name;
	share.price_minor = -1;
	/* The shop's logo, as the page shows it. */
	if (!db_null(vr, 4) && media_hash_path(db_str(vr, 4), 600, "jpg", logo, sizeof logo) != NULL) {
		share.image = sf_seo_image_url(a, logo);
		share.image_alt = arena_printf(a, "%s logo", name);
	}
	sf_seo_share(&v, a, &share);
	view_crumb(&v, "Home", "/");
	view_crumb(&v, name, NULL);
	tmpl_set(d, "NAME", name);
	tmpl_set(d, "SINCE", db_str(vr, 3));
	sf_vendor_picture(d, a, vr, 4, "LOGO", "12rem");
	sf_vendor_picture(d, a, vr, 7, "BANNER", "100vw");
	markup_fill(d, "DESCRIPTION", a, db_str(vr, 2));
	if (sf_vendor_standing(d, a, vendor_id) != 0)
		goto out;
	tmpl_set(d, "RESULT_TEXT", sf_list_result_text(a, &f, total, "product", "products"));
	if ((r = db_query(sf_vendor_list_sql, "iii", vendor_id, (long long)SF_PER_PAGE,
			  sf_list_offset(&f))) == NULL)
		goto out;
	if (sf_list_cards(d, a, "PRODUCT", r, 0, NULL, 0) > 0) {
		tmpl_show(d, "HAS_PRODUCTS");
		sf_list_pagination(d, a, path, &f, total);
	} else {
		tmpl_show(d, "NO_PRODUCTS");
	}
	status = view_end(&v, rs);
	if (status == 200)
		view_to_cache(rq, rs, key, SF_VENDOR_TTL);
out:
	view_discard(&v);
	db_free(vr);
	db_free(r);
	return status;
}
