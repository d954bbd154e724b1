/*
 * sf_product: the product page and the short product URL.
 *
 * The uncached page costs one query: the product joined with its images
 * (one row per image); its shop (name, address, shipping terms) comes from
 * the worker's memo and its categories from the worker's tree (sf_nav.c);
 * a product with reviews costs two more (the distribution of its stars and
 * its most helpful reviews, sf_reviews.c). The related strip
 * (the category's most popular products of verified vendors) is kept per
 * worker and per category, its cards already drawn, for as long as the
 * "list" cache generation is unchanged; any product change bumps that
 * generation, so a fresh render never shows a stale strip. A worker without
 * memcached has no generation to go by (cache_gen answers 0) and queries
 * and draws the strip for every render.
 *
 * Anonymous renders are stored in memcached under catalog_page_key(path),
 * where nginx finds them for the next visitor, for SF_PRODUCT_TTL seconds.
 * A change to the product itself shows at once: catalog_product_changed()
 * deletes its page. A change to a product in the related strip (price,
 * stock, name, picture) does not delete the other pages that show it, so
 * it shows on other product pages within SF_PRODUCT_TTL (60 s). The same
 * bound covers a page rendered from a row that changed while it was being
 * drawn and stored after the delete.
 */
#include "sf.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "asset.h"
#include "cache.h"
#include "cart.h"
#include "catalog.h"
#include "markup.h"
#include "media.h"
#include "money.h"
#include "recs.h"
#include "shipping.h"

#define SF_PRODUCT_TTL		60	/* seconds: how stale a related strip may be */
#define SF_PRODUCT_RELATED	4	/* cards of "More in <category>" */
#define SF_PRODUCT_RELATED_MIN	4
#define SF_PRODUCT_GONE_SIMILAR	8	/* cards on an archived product's page */
#define SF_PRODUCT_IMAGE_SIZE	600
#define SF_PRODUCT_MEMO		64	/* categories whose related strip a worker keeps */
#define SF_PRODUCT_BOUGHT_TOGETHER 4	/* cards of "Frequently bought together" */
#define SF_PRODUCT_RECS_MEMO	256	/* products whose "bought together" a worker keeps */

enum sf_product_col {
	SF_P_ID, SF_P_NAME, SF_P_SLUG, SF_P_DESCRIPTION, SF_P_PRICE, SF_P_COMPARE,
	SF_P_STOCK, SF_P_STATUS, SF_P_CATEGORY_ID, SF_P_TOP_ID,
	SF_P_IMAGE_PATH, SF_P_IMAGE_ALT, SF_P_IMAGE_WIDTH, SF_P_IMAGE_HEIGHT, SF_P_IMAGE_POSITION,
	SF_P_RATING_AVG, SF_P_RATING_COUNT, SF_P_VENDOR_ID
};

/* The pictures come in no particular order: MariaDB sorts the rows of an
 * outer join by a column of its inner table with a temporary table and a
 * filesort, whatever the index, so sf_product_images orders the few
 * pictures by position itself. The shop and the categories are not joined:
 * the worker keeps them (sf_product_shop, sf_nav), and MariaDB's optimiser
 * spent more on a five-table join than on reading the rows. */
static const char sf_product_sql[] =
	"SELECT p.id, p.name, p.slug, p.description, p.price_minor, p.compare_at_minor,"
	" p.stock, p.status, p.category_id, p.top_category_id,"
	" im.path, im.alt, im.width, im.height, im.position, p.rating_avg, p.rating_count, p.vendor_id"
	" FROM products p"
	" LEFT JOIN product_images im ON im.product_id = p.id"
	" WHERE p.id = ?";

static const char sf_product_shop_sql[] =
	"SELECT slug, trading_name, status FROM vendors WHERE id = ?";

/* What the page shows of the product's shop and categories, which its row
 * only refers to. */
struct sf_product_place {
	const char *vendor_slug, *vendor_name;
	struct sf_category category, top;
};

/* LIMIT 9: the related strip's four, plus the product itself and the four
 * of "Frequently bought together", which it leaves out; the page of an
 * archived product shows eight. */
#define SF_PRODUCT_POPULAR	9
static const char sf_product_related_sql[] =
	"SELECT " SF_CARD_COLUMNS " FROM products p" SF_VENDOR_JOIN SF_CARD_IMAGE_JOIN
	" WHERE p.category_id = ? AND p.status = 'active'"
	" ORDER BY p.popularity DESC, p.id DESC LIMIT 9";

static const char sf_product_related_top_sql[] =
	"SELECT " SF_CARD_COLUMNS " FROM products p" SF_VENDOR_JOIN SF_CARD_IMAGE_JOIN
	" WHERE p.top_category_id = ? AND p.status = 'active' AND p.category_id <> ?"
	" ORDER BY p.popularity DESC, p.id DESC LIMIT ?";

/*
 * A shown (verified) shop's address and name, kept by the worker like the
 * shipping terms below (a few shops sell most of what is viewed): while
 * the listing generation stands (a shop that appears, disappears or is
 * renamed bumps it, catalog_vendor_changed) and at most SF_PRODUCT_TTL;
 * without memcached, read every time. A hidden shop is never kept.
 */
#define SF_PRODUCT_SHOP_MEMO	64
static struct sf_product_shop_memo {
	long long vendor_id;	/* 0: empty */
	unsigned long long list_gen;
	time_t fetched;		/* monotonic seconds */
	char *slug, *name;
} sf_product_shop_memos[SF_PRODUCT_SHOP_MEMO];

static char *
sf_product_strdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (d == NULL)
		abort();
	return d;
}

/* Fills the shop's part of *place: 1 when the shop is shown, 0 when it is
 * not (hidden or gone), -1 on a database error. */
static int
sf_product_shop(struct arena *a, long long vendor_id, struct sf_product_place *place)
{
	struct sf_product_shop_memo *m = &sf_product_shop_memos[(unsigned long long)vendor_id % SF_PRODUCT_SHOP_MEMO];
	unsigned long long gen = 0;
	struct timespec now = { 0 };
	struct db_result *r;
	int shown;

	if (cache_enabled() && (gen = cache_gen(CATALOG_FAMILY_LIST)) != 0) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (m->vendor_id == vendor_id && m->list_gen == gen && now.tv_sec - m->fetched < SF_PRODUCT_TTL) {
			place->vendor_slug = arena_strdup(a, m->slug);
			place->vendor_name = arena_strdup(a, m->name);
			return 1;
		}
	}
	if ((r = db_query(sf_product_shop_sql, "i", vendor_id)) == NULL)
		return -1;
	shown = db_next(r) && strcmp(db_str(r, 2), "verified") == 0;
	if (shown) {
		place->vendor_slug = arena_strdup(a, db_str(r, 0) ? db_str(r, 0) : "");
		place->vendor_name = arena_strdup(a, db_str(r, 1) ? db_str(r, 1) : "");
		if (gen != 0) {
			free(m->slug);
			free(m->name);
			m->slug = sf_product_strdup(place->vendor_slug);
			m->name = sf_product_strdup(place->vendor_name);
			m->vendor_id = vendor_id;
			m->list_gen = gen;
			m->fetched = now.tv_sec;
		}
	}
	db_free(r);
	return shown;
}

/*
 * Looks the product up, with its shop and categories into *place; NULL
 * (and *status 404 or 500) unless it may be shown. An archived product of
 * a verified shop is returned with *status 410: its page says it is gone
 * and offers similar products.
 */
static struct db_result *
sf_product_load(struct arena *a, long long id, int *status, struct sf_product_place *place)
{
	struct db_result *r = db_query(sf_product_sql, "i", id);
	int shown;

	if (r == NULL) {
		*status = 500;
		return NULL;
	}
	*status = 404;
	if (!db_next(r) || (strcmp(db_str(r, SF_P_STATUS), "active") != 0 &&
			    strcmp(db_str(r, SF_P_STATUS), "archived") != 0))
		goto out;
	if ((shown = sf_product_shop(a, db_int(r, SF_P_VENDOR_ID), place)) <= 0) {
		*status = shown < 0 ? 500 : 404;
		goto out;
	}
	if (sf_nav_by_id_known(a, db_int(r, SF_P_CATEGORY_ID), &place->category) != 0 ||
	    sf_nav_by_id_known(a, db_int(r, SF_P_TOP_ID), &place->top) != 0) {
		*status = 500;
		goto out;
	}
	*status = strcmp(db_str(r, SF_P_STATUS), "active") == 0 ? 200 : 410;
	return r;
out:
	db_free(r);
	return NULL;
}

/* One picture of the product, from its result row. */
struct sf_product_image {
	long long position, width, height;
	const char *path, *alt;
};

static int
sf_product_image_cmp(const void *x, const void *y)
{
	const struct sf_product_image *a = x, *b = y;

	return (a->position > b->position) - (a->position < b->position);
}

/* The main picture and, when there are several, the thumbnails, in the
 * order of their position: one row of the product result per image, the
 * first row current on entry. The main picture's stored path and alt text
 * go to *main and *main_alt (NULL when it has none). */
static void
sf_product_images(tmpl_dict *d, struct arena *a, struct db_result *r, const char *name,
		  const char **main, const char **main_alt)
{
	size_t n = db_null(r, SF_P_IMAGE_PATH) ? 0 : db_rows(r), got = 0, i;
	struct sf_product_image *im = n > 0 ? arena_alloc(a, n * sizeof *im) : NULL;

	*main = *main_alt = NULL;

	if (n == 0) {
		const char *ph = asset_url("img/placeholder.svg");

		tmpl_set(d, "IMAGE", ph ? ph : "");
		tmpl_show(d, "PLAIN_IMAGE");
		tmpl_set(d, "ALT", "No picture yet");
		tmpl_set_int(d, "WIDTH", SF_PRODUCT_IMAGE_SIZE);
		tmpl_set_int(d, "HEIGHT", SF_PRODUCT_IMAGE_SIZE);
	}
	/* The result holds every row: its strings stay valid until db_free. */
	for (i = 0; i < n; i++) {
		if (i > 0 && !db_next(r))
			break;
		im[got].position = db_int(r, SF_P_IMAGE_POSITION);
		im[got].width = db_int(r, SF_P_IMAGE_WIDTH);
		im[got].height = db_int(r, SF_P_IMAGE_HEIGHT);
		im[got].path = db_str(r, SF_P_IMAGE_PATH);
		im[got].alt = db_str(r, SF_P_IMAGE_ALT) ? db_str(r, SF_P_IMAGE_ALT) : "";
		got++;
	}
	n = got;
	if (n > 1) {
		qsort(im, n, sizeof *im, sf_product_image_cmp);
		tmpl_show(d, "HAS_THUMBS");
	}
	for (i = 0; i < n; i++) {
		const char *alt = im[i].alt;
		long long w = im[i].width, h = im[i].height;

		if (*alt == '\0')
			alt = i == 0 ? name : arena_printf(a, "%s, picture %zu", name, i + 1);
		if (w <= 0 || h <= 0)
			w = h = SF_PRODUCT_IMAGE_SIZE;
		if (i == 0) {
			*main = im[i].path;
			*main_alt = alt;
			tmpl_set(d, "ALT", alt);
			sf_list_picture(d, a, im[i].path, w, h, SF_PRODUCT_MAIN_SIZES, SF_PRODUCT_MAIN_LARGEST);
		}
		if (n > 1) {
			tmpl_dict *t = tmpl_section(d, "THUMB");
			char full[MEDIA_PATH_MAX];

			tmpl_set(t, "FULL", sf_list_media_url(a, media_size_path(im[i].path, 1200, "jpg", full, sizeof full)
							      ? full : im[i].path));
			tmpl_set(t, "ALT", alt);
			sf_list_picture(t, a, im[i].path, w, h, SF_PRODUCT_THUMB_SIZES, SF_PRODUCT_THUMB_LARGEST);
		}
	}
}

/*
 * A strip of cards a worker keeps, drawn: the cards are a third of a
 * page's work, and a category's strips are drawn for every product in it.
 * Three kinds: the related strip of a category, "Frequently bought
 * together" of a product, and the cold start's best sellers of a category
 * (what a product without rules shows). A memo holds while neither the
 * listing generation (a product changed) nor, for recommendations, the
 * recommendations' (bazaar-recommend stored new rules) moved, and at most
 * SF_PRODUCT_TTL, so a bump memcached missed is outlived by that long.
 * Without memcached there are no generations: nothing would tell a memo of
 * a change, so none is kept.
 */
struct sf_product_memo {
	long long key;		/* category or product id; 0: empty */
	unsigned long long list_gen, recs_gen;
	time_t fetched;		/* monotonic seconds */
	size_t count;
	size_t ruled;		/* bought together: cards from rules */
	int cold;		/* bought together: no rules, the category's best sellers */
	long long ids[SF_PRODUCT_POPULAR];
	char *cards[SF_PRODUCT_POPULAR];	/* HTML of storefront/_product_card.tpl */
};

static struct sf_product_memo sf_product_related_memos[SF_PRODUCT_MEMO];	/* by category */
static struct sf_product_memo sf_product_together_memos[SF_PRODUCT_RECS_MEMO];	/* by product */
static struct sf_product_memo sf_product_cold_memos[SF_PRODUCT_MEMO];	/* by category */

static void
sf_product_memo_clear(struct sf_product_memo *m)
{
	for (size_t i = 0; i < m->count; i++)
		free(m->cards[i]);
	m->count = 0;
	m->key = 0;
	m->ruled = 0;
	m->cold = 0;
}

/* The memo of key in table (n slots) while it holds; else NULL, with *slot
 * the emptied slot to fill (NULL when nothing may be kept). recs: the
 * memo depends on the recommendations too. */
static const struct sf_product_memo *
sf_product_memo_find(struct sf_product_memo *table, size_t n, long long key, int recs,
		     struct sf_product_memo **slot)
{
	struct sf_product_memo *m = &table[(unsigned long long)key % n];
	unsigned long long list_gen, recs_gen = 0;
	struct timespec now;

	*slot = NULL;
	if (!cache_enabled() || (list_gen = cache_gen(CATALOG_FAMILY_LIST)) == 0 ||
	    (recs && (recs_gen = cache_gen(RECS_FAMILY)) == 0))
		return NULL;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (m->key == key && m->list_gen == list_gen && m->recs_gen == recs_gen &&
	    now.tv_sec - m->fetched < SF_PRODUCT_TTL)
		return m;
	sf_product_memo_clear(m);
	m->list_gen = list_gen;
	m->recs_gen = recs_gen;
	m->fetched = now.tv_sec;
	*slot = m;
	return NULL;
}

/* Draws the cards of rows r (SF_CARD_COLUMNS) into the slot and keeps it
 * under key; 0, or -1 when a card could not be drawn (slot left empty, r
 * rewound for the caller to draw the ordinary way). */
static int
sf_product_memo_fill(struct sf_product_memo *m, struct arena *a, long long key, struct db_result *r)
{
	while (m->count < SF_PRODUCT_POPULAR && db_next(r)) {
		if ((m->cards[m->count] = sf_list_card_html(a, r)) == NULL) {
			sf_product_memo_clear(m);
			db_rewind(r);
			return -1;
		}
		m->ids[m->count++] = db_int(r, SF_COL_ID);
	}
	m->key = key;
	return 0;
}

/* Shows at most max of a memo's cards as repetitions of section, leaving out
 * skip[0..nskip); the ids shown go to shown (when not NULL). Returns how
 * many. */
static size_t
sf_product_memo_show(tmpl_dict *d, const char *section, const struct sf_product_memo *m,
		     const long long *skip, size_t nskip, size_t max, long long *shown)
{
	size_t n = 0, i, j;

	for (i = 0; i < m->count && n < max; i++) {
		for (j = 0; j < nskip && m->ids[i] != skip[j]; j++)
			;
		if (j < nskip)
			continue;
		tmpl_set(tmpl_section(d, section), "CARD_HTML", m->cards[i]);
		if (shown != NULL)
			shown[n] = m->ids[i];
		n++;
	}
	return n;
}

/* Up to four products of the same category (its most popular), topped up
 * from the sibling sub-categories when the product's own is small; the
 * heading names the category the strip was drawn from. The product itself
 * and the cards already on the page (shown: "Frequently bought together",
 * which falls back on the category's best sellers) are left out. */
static int
sf_product_related(tmpl_dict *d, struct arena *a, long long id, long long category_id,
		   const char *category_name, long long top_id, const char *top_name,
		   const long long *shown, size_t nshown)
{
	const struct sf_product_memo *m;
	struct sf_product_memo *slot;
	struct db_result *r, *top;
	long long skip[1 + SF_PRODUCT_BOUGHT_TOGETHER];
	size_t n = 0, added, nskip = 0, i;

	skip[nskip++] = id;
	for (i = 0; i < nshown && nskip < sizeof skip / sizeof skip[0]; i++)
		skip[nskip++] = shown[i];
	if ((m = sf_product_memo_find(sf_product_related_memos, SF_PRODUCT_MEMO, category_id, 0, &slot)) == NULL) {
		if ((r = db_query(sf_product_related_sql, "i", category_id)) == NULL)
			return -1;
		if (slot != NULL && sf_product_memo_fill(slot, a, category_id, r) == 0)
			m = slot;
		else
			n = sf_list_cards_max(d, a, "RELATED", r, 0, skip, nskip, SF_PRODUCT_RELATED);
		db_free(r);
	}
	if (m != NULL)
		n = sf_product_memo_show(d, "RELATED", m, skip, nskip, SF_PRODUCT_RELATED, NULL);
	tmpl_set(d, "RELATED_IN", category_name);
	if (n < SF_PRODUCT_RELATED_MIN && top_id != category_id) {
		top = db_query(sf_product_related_top_sql, "iii", top_id, category_id,
			       (long long)(SF_PRODUCT_RELATED + nskip - n));
		if (top == NULL)
			return -1;
		added = sf_list_cards_max(d, a, "RELATED", top, 0, skip, nskip, SF_PRODUCT_RELATED - n);
		if (added > 0) {
			n += added;
			tmpl_set(d, "RELATED_IN", top_name);
		}
		db_free(top);
	}
	if (n > 0)
		tmpl_show(d, "HAS_RELATED");
	return 0;
}

/* The cards of products ids[0..n) (in that order, those still sold), kept
 * in slot under key when there is one, else drawn into section (at most
 * max, leaving out skip). Returns the memo, or NULL with *drawn set (-1: a
 * database error). */
static const struct sf_product_memo *
sf_product_memo_of(tmpl_dict *d, struct arena *a, struct sf_product_memo *slot, long long key,
		   const long long *ids, size_t n, long long skip, size_t max, long *drawn)
{
	struct db_result *r;

	*drawn = 0;
	if (n == 0) {
		if (slot != NULL)
			slot->key = key;
		return slot;
	}
	if ((r = sf_list_rows_of(a, ids, n)) == NULL) {
		*drawn = -1;
		return NULL;
	}
	if (slot != NULL && sf_product_memo_fill(slot, a, key, r) == 0) {
		db_free(r);
		return slot;
	}
	*drawn = (long)sf_list_cards_max(d, a, "BOUGHT_TOGETHER", r, 0, &skip, 1, max);
	db_free(r);
	return NULL;
}

/*
 * "Frequently bought together" (recs.h): the products the rules pair with
 * this one, topped up with best sellers; the heading says which it is.
 * The same for every visitor, so the page stays a shared cached one. A
 * product without rules (most) shows its category's cold start, kept once
 * per category. The ids of the products shown go to ids[0..*nids)
 * (SF_PRODUCT_BOUGHT_TOGETHER), for the related strip to leave out.
 */
static int
sf_product_bought_together(tmpl_dict *d, struct arena *a, long long id, long long category_id,
			   long long top_id, long long *ids, size_t *nids)
{
	const struct sf_product_memo *m, *cold = NULL;
	struct sf_product_memo *slot, *cold_slot;
	long long found[SF_PRODUCT_BOUGHT_TOGETHER + 1];
	size_t ruled = 0, i;
	long added = 0;
	int n;

	*nids = 0;
	if ((m = sf_product_memo_find(sf_product_together_memos, SF_PRODUCT_RECS_MEMO, id, 1, &slot)) == NULL) {
		if ((n = recs_rules_of(id, found, SF_PRODUCT_BOUGHT_TOGETHER)) < 0)
			return -1;
		if (n == 0) {
			if (slot != NULL) {
				slot->cold = 1;
				slot->key = id;
				m = slot;
			}
		} else {
			/* Fewer rules than cards: topped up as recs_bought_together does. */
			ruled = (size_t)n;
			if (n < SF_PRODUCT_BOUGHT_TOGETHER &&
			    (n = recs_bought_together(id, found, SF_PRODUCT_BOUGHT_TOGETHER, &ruled)) < 0)
				return -1;
			m = sf_product_memo_of(d, a, slot, id, found, (size_t)n, 0, SF_PRODUCT_BOUGHT_TOGETHER, &added);
			if (m == NULL && added < 0)
				return -1;
			if (slot != NULL && m == slot)
				slot->ruled = ruled;
			for (i = 0; m == NULL && i < (size_t)n; i++)
				ids[(*nids)++] = found[i];
		}
	} else {
		ruled = m->ruled;
	}
	if ((m == NULL && added == 0 && *nids == 0) || (m != NULL && m->cold)) {
		/* No rules: the category's best sellers, the product left out. */
		ruled = 0;
		if ((cold = sf_product_memo_find(sf_product_cold_memos, SF_PRODUCT_MEMO, category_id, 1, &cold_slot)) == NULL) {
			if ((n = recs_cold_start(category_id, top_id, found, SF_PRODUCT_BOUGHT_TOGETHER + 1)) < 0)
				return -1;
			cold = sf_product_memo_of(d, a, cold_slot, category_id, found, (size_t)n, id,
						  SF_PRODUCT_BOUGHT_TOGETHER, &added);
			if (cold == NULL && added < 0)
				return -1;
			for (i = 0; cold == NULL && i < (size_t)n; i++)
				if (found[i] != id && *nids < SF_PRODUCT_BOUGHT_TOGETHER)
					ids[(*nids)++] = found[i];
		}
		m = cold;
	}
	if (m != NULL) {
		added = (long)sf_product_memo_show(d, "BOUGHT_TOGETHER", m, &id, 1, SF_PRODUCT_BOUGHT_TOGETHER, ids);
		*nids = (size_t)added;
	}
	if (added > 0) {
		tmpl_show(d, "HAS_BOUGHT_TOGETHER");
		tmpl_show(d, ruled > 0 ? "RULED" : "BEST_SELLERS");
	}
	return 0;
}

/*
 * The page of an archived product (410 Gone): its name, and up to eight
 * active products of its category (its top category when that has too
 * few), so the visitor has somewhere to go. Never cached: 410 is not.
 */
static int
sf_product_gone(struct req *rq, struct resp *rs, struct db_result *r, const struct sf_product_place *place)
{
	struct view v = { 0 };
	struct db_result *similar = NULL;
	long long id = db_int(r, SF_P_ID), category_id = db_int(r, SF_P_CATEGORY_ID);
	long long skip[1] = { id };
	const char *name = db_str(r, SF_P_NAME);
	tmpl_dict *d;
	size_t n;
	int status = 500;

	d = sf_list_page(&v, rq, rs, "storefront/product_gone.tpl", arena_printf(&rq->arena, "%s is no longer sold", name));
	view_crumb(&v, "Home", "/");
	view_crumb(&v, place->category.name, arena_printf(&rq->arena, "/c/%s", place->category.slug));
	view_crumb(&v, name, NULL);
	tmpl_set(d, "NAME", name);
	tmpl_set(d, "CATEGORY", place->category.name);
	tmpl_set(d, "CATEGORY_URL", arena_printf(&rq->arena, "/c/%s", place->category.slug));
	if ((similar = db_query(sf_product_related_sql, "i", category_id)) == NULL)
		goto out;
	n = sf_list_cards_max(d, &rq->arena, "SIMILAR", similar, 0, skip, 1, SF_PRODUCT_GONE_SIMILAR);
	db_free(similar);
	similar = NULL;
	if (n < SF_PRODUCT_RELATED_MIN && db_int(r, SF_P_TOP_ID) != category_id) {
		similar = db_query(sf_product_related_top_sql, "iii", db_int(r, SF_P_TOP_ID), category_id,
				   (long long)(SF_PRODUCT_GONE_SIMILAR - n));
		if (similar == NULL)
			goto out;
		n += sf_list_cards(d, &rq->arena, "SIMILAR", similar, 0, NULL, 0);
	}
	if (n > 0)
		tmpl_show(d, "HAS_SIMILAR");
	status = view_end_status(&v, rs, 410);
out:
	view_discard(&v);
	db_free(similar);
	return status;
}

const char *
sf_product_valid_country(struct req *rq, const char **value)
{
	(void)rq;
	return shipping_country_name(*value) ? NULL : "Choose a country from the list.";
}

/*
 * A shop's terms, kept by the worker like the strips above (a few shops
 * sell most of what is viewed): while the listing generation stands (a
 * shop saving its terms bumps it, catalog_vendor_changed) and at most
 * SF_PRODUCT_TTL; without memcached they are read every time.
 */
#define SF_PRODUCT_TERMS_MEMO	64
static struct sf_product_terms_memo {
	long long vendor_id;	/* 0: empty */
	unsigned long long list_gen;
	time_t fetched;		/* monotonic seconds */
	struct shipping_terms t;
} sf_product_terms_memos[SF_PRODUCT_TERMS_MEMO];

static int
sf_product_terms(long long vendor_id, struct shipping_terms *t)
{
	struct sf_product_terms_memo *m = &sf_product_terms_memos[(unsigned long long)vendor_id % SF_PRODUCT_TERMS_MEMO];
	unsigned long long gen;
	struct timespec now;

	if (!cache_enabled() || (gen = cache_gen(CATALOG_FAMILY_LIST)) == 0)
		return shipping_load(vendor_id, t);
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (m->vendor_id == vendor_id && m->list_gen == gen && now.tv_sec - m->fetched < SF_PRODUCT_TTL) {
		*t = m->t;
		return 0;
	}
	if (shipping_load(vendor_id, t) != 0)
		return -1;
	m->vendor_id = vendor_id;
	m->list_gen = gen;
	m->fetched = now.tv_sec;
	m->t = *t;
	return 0;
}

/*
 * The country selector's options with country selected, drawn from
 * storefront/_country_options.tpl once per worker and country: the list is
 * fixed, and its three dozen options were the most of the delivery part's
 * work. NULL when it could not be drawn (the caller draws it then).
 */
#define SF_PRODUCT_OPTIONS_TEMPLATE "storefront/_country_options.tpl"
static char **sf_product_options;	/* by index in shipping_countries */

static void
sf_product_options_fill(tmpl_dict *d, const char *country)
{
	for (size_t i = 0; i < shipping_ncountries; i++) {
		tmpl_dict *s = tmpl_section(d, "OPTION");

		tmpl_set(s, "CODE", shipping_countries[i].code);
		tmpl_set(s, "NAME", shipping_countries[i].name);
		if (strcmp(shipping_countries[i].code, country) == 0)
			tmpl_show(s, "SELECTED");
	}
}

static const char *
sf_product_options_html(const char *country)
{
	tmpl_dict *d;
	struct buf out;
	size_t i;

	for (i = 0; i < shipping_ncountries && strcmp(shipping_countries[i].code, country) != 0; i++)
		;
	if (i == shipping_ncountries)
		return NULL;
	if (sf_product_options == NULL && (sf_product_options = calloc(shipping_ncountries, sizeof *sf_product_options)) == NULL)
		abort();
	if (sf_product_options[i] != NULL)
		return sf_product_options[i];
	if ((d = tmpl_dict_new(SF_PRODUCT_OPTIONS_TEMPLATE)) == NULL)
		return NULL;
	buf_init(&out);
	sf_product_options_fill(d, country);
	if (tmpl_render(SF_PRODUCT_OPTIONS_TEMPLATE, d, &out) == 0 && out.data != NULL)
		sf_product_options[i] = buf_detach(&out);
	buf_free(&out);
	tmpl_dict_free(d);
	return sf_product_options[i];
}

/* Adds name to a list joined by ", ". */
static void
sf_product_list_add(struct buf *list, const char *name)
{
	if (list->len > 0)
		buf_adds(list, ", ");
	buf_adds(list, name ? name : "");
}

/*
 * The shop's terms as the page shows them to every visitor alike: delivery
 * to country (its cost, the free-delivery threshold, the window; or that
 * the shop does not deliver there), the countries it delivers to with a
 * selector that asks for the page of another country, the return window and
 * policy, and the payment methods; the shop of the product's row (r). 0, or
 * -1 when the terms could not be read.
 */
static int
sf_product_delivery(tmpl_dict *page, struct arena *a, struct db_result *r, const char *vendor_name,
		    const char *path, const char *country)
{
	tmpl_dict *d, *s;
	struct shipping_terms t;
	struct buf list;
	char amount[48];
	const char *options;
	int min, max;

	if (sf_product_terms(db_int(r, SF_P_VENDOR_ID), &t) != 0)
		return -1;
	d = tmpl_include(page, "DELIVERY", "storefront/_product_delivery.tpl");
	tmpl_set(d, "COUNTRY", shipping_country_name(country));
	tmpl_set(d, "VENDOR", vendor_name);
	tmpl_set(d, "PATH", path);
	if (shipping_ships_to(&t, country)) {
		s = tmpl_section(d, "SHIPS");
		if (t.flat_rate_minor == 0 || t.free_above_minor == 0) {
			tmpl_set(s, "COST", "free");
		} else {
			tmpl_set(s, "COST", money_format(t.flat_rate_minor, amount, sizeof amount));
			if (t.free_above_minor != SHIPPING_NEVER_FREE)
				tmpl_set(tmpl_section(s, "FREE_FROM"), "AMOUNT",
					 money_format(t.free_above_minor, amount, sizeof amount));
		}
		min = t.handling_days + t.transit_min_days;
		max = t.handling_days + t.transit_max_days;
		tmpl_set(s, "WINDOW", min == max ? arena_printf(a, "%d day%s", min, min == 1 ? "" : "s")
			 : arena_printf(a, "%d to %d days", min, max));
	} else {
		tmpl_show(d, "NO_SHIP");
	}
	buf_init(&list);
	for (size_t i = 0; i < t.ncountries; i++)
		sf_product_list_add(&list, shipping_country_name(t.countries[i]));
	tmpl_set(d, "COUNTRIES", list.data ? list.data : "");
	if ((options = sf_product_options_html(country)) != NULL) {
		tmpl_set(d, "OPTIONS_HTML", options);
	} else {
		/* Not kept: drawn into the page the same way. */
		tmpl_dict *o = tmpl_include(d, "OPTIONS", SF_PRODUCT_OPTIONS_TEMPLATE);

		sf_product_options_fill(o, country);
	}
	if (t.return_days > 0)
		tmpl_set_int(tmpl_section(d, "RETURNS"), "DAYS", t.return_days);
	else
		tmpl_show(d, "NO_RETURNS");
	if (t.return_policy[0])
		tmpl_set(tmpl_section(d, "HAS_POLICY"), "POLICY", t.return_policy);
	buf_reset(&list);
	for (int i = 0; i < SHIPPING_NMETHODS; i++)
		if (t.methods & shipping_method_at(i))
			sf_product_list_add(&list, shipping_method_label(shipping_method_at(i)));
	tmpl_set(d, "METHODS", list.data ? list.data : "");
	buf_free(&list);
	return 0;
}

/*
 * The cache key of the page for country: the shared page's for the
 * marketplace's own country (nginx serves it), else the same with the
 * country and the listing generation, which every product change bumps, so
 * a change shows on the other countries' copies at once too. NULL when the
 * page is not to be cached.
 */
static const char *
sf_product_cache_key(struct arena *a, const char *path, const char *country, char *key, size_t n)
{
	char *variant;

	if (catalog_page_key(path, key, n) == NULL)
		return NULL;
	if (strcmp(country, shipping_default_country()) == 0)
		return key;
	variant = arena_printf(a, "%s?country=%s@%llu", key, country, cache_gen(CATALOG_FAMILY_LIST));
	return strlen(variant) <= CATALOG_PAGE_KEY_MAX ? variant : NULL;
}

/*
 * ROUTE: GET /p/{id}-{slug}      TEMPLATE: storefront/product_view.tpl
 * PARAMS: id (product id), slug (must be the product's current slug),
 *         country (optional: a code of shipping_countries; the marketplace's
 *         own by default)
 * Shows one product with its pictures, price (a sale against its
 * compare-at price), stock, description (markup.h), the shop's delivery
 * to country (cost, window) and return terms, its reviews' summary and the
 * most helpful three (sf_reviews.c), the products frequently bought
 * together with it (recs.h; the category's best sellers before there are
 * any), and related products; a
 * stale or wrong slug redirects (301) to the canonical address. An archived
 * product answers 410 with similar products (storefront/product_gone.tpl);
 * a draft, one in review, a removed one or a hidden shop's is a 404.
 */
int
sf_product_view(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	struct db_result *r = NULL;
	struct sf_category mid;
	struct sf_product_place place = { 0 };
	struct sf_seo_crumbs crumbs = { 0 };
	struct sf_seo_product seo = { 0 };
	long long together[SF_PRODUCT_BOUGHT_TOGETHER];
	size_t ntogether = 0;
	struct sf_seo_share share = { 0 };
	tmpl_dict *d;
	char path[160], key[256], price[48], was[48];
	const char *main_image, *main_alt, *excerpt;
	const char *name, *slug = req_str(rq, "slug"), *country = req_str(rq, "country"), *cache_key;
	long long id = req_int(rq, "id", 0), price_minor, compare, category_id, top_id, parent_id;
	int status = 404;

	if (country == NULL || *country == '\0')
		country = shipping_default_country();
	cache_key = sf_product_cache_key(&rq->arena, rq->path, country, key, sizeof key);
	if (cache_key && view_from_cache(rq, rs, cache_key))
		return 200;
	if (id <= 0 || (r = sf_product_load(&rq->arena, id, &status, &place)) == NULL)
		goto out;
	if (catalog_product_path(id, db_str(r, SF_P_SLUG), path, sizeof path) == NULL) {
		status = 500;
		goto out;
	}
	if (slug == NULL || strcmp(slug, db_str(r, SF_P_SLUG)) != 0) {
		status = resp_redirect(rs, 301, path);
		goto out;
	}
	if (status == 410) {
		status = sf_product_gone(rq, rs, r, &place);
		goto out;
	}

	name = db_str(r, SF_P_NAME);
	category_id = db_int(r, SF_P_CATEGORY_ID);
	top_id = db_int(r, SF_P_TOP_ID);
	parent_id = place.category.parent_id;
	d = sf_list_page(&v, rq, rs, "storefront/product_view.tpl", name);
	excerpt = sf_list_excerpt(&rq->arena, db_str(r, SF_P_DESCRIPTION), 155);
	sf_list_meta(&v, path, excerpt);

	sf_seo_crumb(&v, &crumbs, "Home", "/");
	sf_seo_crumb(&v, &crumbs, place.top.name, arena_printf(&rq->arena, "/c/%s", place.top.slug));
	/* A third level of categories sits between the top and the leaf. */
	if (parent_id != 0 && parent_id != top_id && sf_nav_by_id(&rq->arena, parent_id, &mid) == 0)
		sf_seo_crumb(&v, &crumbs, mid.name, arena_printf(&rq->arena, "/c/%s", mid.slug));
	if (category_id != top_id)
		sf_seo_crumb(&v, &crumbs, place.category.name,
			     arena_printf(&rq->arena, "/c/%s", place.category.slug));
	sf_seo_crumb(&v, &crumbs, name, NULL);

	tmpl_set(d, "NAME", name);
	price_minor = db_int(r, SF_P_PRICE);
	tmpl_set(d, "PRICE", money_format(price_minor, price, sizeof price));
	compare = db_null(r, SF_P_COMPARE) ? 0 : db_int(r, SF_P_COMPARE);
	if (compare > price_minor) {
		tmpl_dict *w = tmpl_section(d, "WAS");
		tmpl_set(w, "WAS_PRICE", money_format(compare, was, sizeof was));
		tmpl_set_int(w, "SAVE_PERCENT", (compare - price_minor) * 100 / compare);
	}
	sf_list_stock(d, db_int(r, SF_P_STOCK));
	if (db_int(r, SF_P_STOCK) > 0) {
		/* The same form for every visitor: no token (R_ORIGIN). */
		tmpl_dict *buy = tmpl_section(d, "CAN_BUY");

		tmpl_set_int(buy, "PRODUCT_ID", id);
		tmpl_set_int(buy, "QTY_MAX", db_int(r, SF_P_STOCK) < CART_QTY_MAX ? db_int(r, SF_P_STOCK) : CART_QTY_MAX);
	}
	/* static/js/recent.js remembers it as recently viewed (personal.h). */
	tmpl_set_int(d, "RECENT_ID", id);
	/* "Save" to a wishlist: the same form for every visitor too (R_ORIGIN). */
	tmpl_set_int(tmpl_section(d, "CAN_SAVE"), "PRODUCT_ID", id);
	/* "Similar looking": products whose pictures look like its (sf_imagesearch.c). */
	if (!db_null(r, SF_P_IMAGE_PATH))
		tmpl_set_int(tmpl_section(d, "SIMILAR_LOOKING"), "PRODUCT_ID", id);
	tmpl_set(d, "VENDOR", place.vendor_name);
	tmpl_set(d, "VENDOR_URL", arena_printf(&rq->arena, "/v/%s", place.vendor_slug));
	tmpl_set(d, "CATEGORY", place.category.name);
	tmpl_set(d, "CATEGORY_URL", arena_printf(&rq->arena, "/c/%s", place.category.slug));
	markup_fill(d, "DESCRIPTION", &rq->arena, db_str(r, SF_P_DESCRIPTION));

	if (sf_product_delivery(d, &rq->arena, r, place.vendor_name, path, country) != 0) {
		status = 500;
		goto out;
	}
	/* What search engines and shared links read, from the values above;
	 * before the pictures, which move through the rows. */
	seo.id = id;
	seo.name = name;
	seo.path = path;
	seo.description = excerpt;
	seo.category = place.category.name;
	seo.vendor = place.vendor_name;
	seo.vendor_path = arena_printf(&rq->arena, "/v/%s", place.vendor_slug);
	seo.price_minor = price_minor;
	seo.stock = db_int(r, SF_P_STOCK);
	seo.rating_count = db_int(r, SF_P_RATING_COUNT);
	seo.rating_value = db_null(r, SF_P_RATING_AVG) ? NULL : sf_reviews_average(&rq->arena, db_str(r, SF_P_RATING_AVG));
	seo.crumbs = &crumbs;
	sf_product_images(d, &rq->arena, r, name, &main_image, &main_alt);
	seo.image = sf_seo_image_url(&rq->arena, main_image);
	share.type = "product";
	share.title = name;
	share.path = path;
	share.description = excerpt;
	share.image = seo.image;
	share.image_alt = main_alt;
	share.price_minor = price_minor;
	sf_seo_share(&v, &rq->arena, &share);
	sf_seo_product(d, &rq->arena, &seo);
	if (sf_reviews_summary(d, &rq->arena, id, db_str(r, SF_P_RATING_AVG), db_int(r, SF_P_RATING_COUNT)) != 0 ||
	    sf_product_bought_together(d, &rq->arena, id, category_id, top_id, together, &ntogether) != 0 ||
	    sf_product_related(d, &rq->arena, id, category_id, place.category.name, top_id,
			       place.top.name, together, ntogether) != 0) {
		status = 500;
		goto out;
	}
	status = view_end(&v, rs);
	if (status == 200 && cache_key)
		view_to_cache(rq, rs, cache_key, SF_PRODUCT_TTL);
out:
	view_discard(&v);
	db_free(r);
	return status;
}

/*
 * ROUTE: GET /p/{id}      TEMPLATE: none (redirect)
 * PARAMS: id (product id)
 * The short product address: redirects (301) to /p/<id>-<slug>.
 */
int
sf_product_redirect(struct req *rq, struct resp *rs)
{
	struct sf_product_place place = { 0 };
	struct db_result *r;
	char path[160];
	int status = 404;

	/* An archived product's address leads to its page, which says it is gone. */
	if ((r = sf_product_load(&rq->arena, req_int(rq, "id", 0), &status, &place)) == NULL)
		return status;
	if (catalog_product_path(db_int(r, SF_P_ID), db_str(r, SF_P_SLUG), path, sizeof path))
		status = resp_redirect(rs, 301, path);
	else
		status = 500;
	db_free(r);
	return status;
}
