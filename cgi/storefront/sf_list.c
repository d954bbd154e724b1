/*
 * sf_list: what the listing pages (home, category, search, vendor shop) and
 * the product page share: reading the listing parameters, the URLs that keep
 * them, product cards, filters, pagination and small text helpers.
 *
 * URLs are built here from validated, typed values only (numbers, enum
 * names, and the search text through buf_add_urlencoded); templates get
 * them whole and escape them for the attribute they land in.
 */
#include "sf.h"

#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "asset.h"
#include "cache.h"
#include "catalog.h"
#include "cfg.h"
#include "clock.h"
#include "media.h"
#include "money.h"
#include "paging.h"
#include "promotion.h"
#include "search.h"

#define SF_LIST_IMAGE_SIZE	600	/* width/height when the database has none */
#define SF_LIST_LOW_STOCK	5

const char *const sf_list_sorts_search[] = {
	"relevance", "price_asc", "price_desc", "newest", NULL
};
const char *const sf_list_sorts_catalog[] = {
	"popular", "price_asc", "price_desc", "newest", NULL
};
const char *const sf_list_in_stock_choices[] = { "1", NULL };

static const struct {
	enum sf_sort sort;
	const char *name;
	const char *label;
} sf_list_sort_table[] = {
	{ SF_SORT_POPULAR, "popular", "Most popular" },
	{ SF_SORT_RELEVANCE, "relevance", "Best match" },
	{ SF_SORT_PRICE_ASC, "price_asc", "Price: low to high" },
	{ SF_SORT_PRICE_DESC, "price_desc", "Price: high to low" },
	{ SF_SORT_NEWEST, "newest", "Newest first" },
};
#define SF_LIST_NSORTS (sizeof sf_list_sort_table / sizeof sf_list_sort_table[0])

const char *
sf_list_sort_name(enum sf_sort sort)
{
	size_t i;

	for (i = 0; i < SF_LIST_NSORTS; i++)
		if (sf_list_sort_table[i].sort == sort)
			return sf_list_sort_table[i].name;
	return "popular";
}

void
sf_list_filter(struct req *rq, struct sf_filter *f, enum sf_sort default_sort)
{
	const char *sort = req_str(rq, "sort");
	size_t i;
	long long t;

	memset(f, 0, sizeof *f);
	f->page = req_int(rq, "page", 1);
	if (f->page < 1)
		f->page = 1;
	f->default_sort = default_sort;
	f->sort = default_sort;
	for (i = 0; sort && i < SF_LIST_NSORTS; i++)
		if (strcmp(sf_list_sort_table[i].name, sort) == 0)
			f->sort = sf_list_sort_table[i].sort;
	f->min_price = req_has(rq, "min_price") ? req_int(rq, "min_price", -1) : -1;
	f->max_price = req_has(rq, "max_price") ? req_int(rq, "max_price", -1) : -1;
	if (f->min_price >= 0 && f->max_price >= 0 && f->min_price > f->max_price) {
		t = f->min_price;
		f->min_price = f->max_price;
		f->max_price = t;
	}
	f->in_stock = req_has(rq, "in_stock");
	f->category = req_int(rq, "category", 0);
	f->vendor = req_int(rq, "vendor", 0);
	f->band = req_has(rq, "band") ? (int)req_int(rq, "band", -1) : -1;
	f->rating = (int)req_int(rq, "rating", 0);
	f->on_sale = req_has(rq, "sale");
}

int
sf_list_has_price(const struct sf_filter *f)
{
	return f->min_price >= 0 || f->max_price >= 0;
}

/* A facet of the search page is in use. */
static int
sf_list_faceted(const struct sf_filter *f)
{
	return f->category > 0 || f->vendor > 0 || f->band >= 0 || f->rating > 0 || f->on_sale;
}

int
sf_list_filtered(const struct sf_filter *f)
{
	return sf_list_has_price(f) || f->in_stock || sf_list_faceted(f);
}

long long
sf_list_price_low(const struct sf_filter *f)
{
	return f->min_price >= 0 ? f->min_price : 0;
}

long long
sf_list_price_high(const struct sf_filter *f)
{
	return f->max_price >= 0 ? f->max_price : SF_PRICE_MAX;
}

/* The page of a listing the filter asks for: SF_PER_PAGE products a page. */
static struct paging
sf_list_paging(const struct sf_filter *f, long long total)
{
	struct paging p = { f->page, SF_PER_PAGE, SF_PAGE_MAX, total };

	return p;
}

int
sf_list_past_end(const struct sf_filter *f, long long total)
{
	struct paging p = sf_list_paging(f, total);

	return paging_past_end(&p);
}

long long
sf_list_total(struct db_result *r)
{
	long long total = -1;

	if (r && db_next(r))
		total = db_int(r, 0);
	db_free(r);
	return total;
}

long long
sf_list_offset(const struct sf_filter *f)
{
	struct paging p = sf_list_paging(f, 0);

	return paging_offset(&p);
}

char *
sf_list_url(struct arena *a, const char *path, const struct sf_filter *f, long long page,
	    int with_filters)
{
	struct buf b;
	char money[32], *out;
	char sep = '?';

	buf_init(&b);
	buf_adds(&b, path);
	if (f->q) {
		buf_printf(&b, "%cq=", sep);
		buf_add_urlencoded(&b, f->q);
		sep = '&';
	}
	if (with_filters) {
		if (f->sort != f->default_sort) {
			buf_printf(&b, "%csort=%s", sep, sf_list_sort_name(f->sort));
			sep = '&';
		}
		if (f->min_price >= 0) {
			buf_printf(&b, "%cmin_price=%s", sep, money_plain(f->min_price, money, sizeof money));
			sep = '&';
		}
		if (f->max_price >= 0) {
			buf_printf(&b, "%cmax_price=%s", sep, money_plain(f->max_price, money, sizeof money));
			sep = '&';
		}
		if (f->in_stock) {
			buf_printf(&b, "%cin_stock=1", sep);
			sep = '&';
		}
		if (f->category > 0) {
			buf_printf(&b, "%ccategory=%lld", sep, f->category);
			sep = '&';
		}
		if (f->vendor > 0) {
			buf_printf(&b, "%cvendor=%lld", sep, f->vendor);
			sep = '&';
		}
		if (f->band >= 0) {
			buf_printf(&b, "%cband=%d", sep, f->band);
			sep = '&';
		}
		if (f->rating > 0) {
			buf_printf(&b, "%crating=%d", sep, f->rating);
			sep = '&';
		}
		if (f->on_sale) {
			buf_printf(&b, "%csale=1", sep);
			sep = '&';
		}
	}
	if (page > 1)
		buf_printf(&b, "%cpage=%lld", sep, page);
	out = arena_strdup(a, b.data);
	buf_free(&b);
	return out;
}

char *
sf_list_key_part(struct arena *a, const struct sf_filter *f)
{
	return arena_printf(a, "%lld:%s:%lld:%lld:%d:%lld:%lld:%d:%d:%d", f->page, sf_list_sort_name(f->sort),
			    f->min_price, f->max_price, f->in_stock, f->category, f->vendor, f->band, f->rating,
			    f->on_sale);
}

const char *
sf_list_stamp(struct req *rq, void *ctx)
{
	long long change = promotion_next_change(clock_now());

	(void)ctx;
	if (change < 0)
		return NULL;
	return arena_printf(&rq->arena, "g%llu:b%lld", cache_gen(CATALOG_FAMILY_LIST), change);
}

/* A hidden field name=value of the filter form (value < 0: none). */
static void
sf_list_keep(tmpl_dict *d, const char *name, long long value)
{
	tmpl_dict *k;

	if (value < 0)
		return;
	k = tmpl_section(d, "KEEP");
	tmpl_set(k, "NAME", name);
	tmpl_set_int(k, "VALUE", value);
}

void
sf_list_filters(tmpl_dict *page, struct arena *a, const char *path, const struct sf_filter *f)
{
	tmpl_dict *d = tmpl_include(page, "FILTERS", "storefront/_filters.tpl");
	const char *const *choices = f->default_sort == SF_SORT_RELEVANCE ?
		sf_list_sorts_search : sf_list_sorts_catalog;
	char money[32];
	size_t i;

	tmpl_set(d, "ACTION", path);
	tmpl_set(d, "CURRENCY", cfg_str("BAZAAR_CURRENCY", "EUR"));
	if (f->q) {
		tmpl_show(d, "KEEP_Q");
		tmpl_set(d, "Q", f->q);
	}
	/* The facets chosen by links ride along when the form is sent. */
	sf_list_keep(d, "category", f->category > 0 ? f->category : -1);
	sf_list_keep(d, "vendor", f->vendor > 0 ? f->vendor : -1);
	sf_list_keep(d, "band", f->band);
	sf_list_keep(d, "rating", f->rating > 0 ? f->rating : -1);
	sf_list_keep(d, "sale", f->on_sale ? 1 : -1);
	for (; *choices; choices++) {
		for (i = 0; i < SF_LIST_NSORTS; i++) {
			tmpl_dict *o;

			if (strcmp(sf_list_sort_table[i].name, *choices) != 0)
				continue;
			o = tmpl_section(d, "SORT_OPTION");
			tmpl_set(o, "VALUE", sf_list_sort_table[i].name);
			tmpl_set(o, "LABEL", sf_list_sort_table[i].label);
			if (sf_list_sort_table[i].sort == f->sort)
				tmpl_show(o, "SELECTED");
		}
	}
	if (f->min_price >= 0)
		tmpl_set(d, "MIN_PRICE", money_plain(f->min_price, money, sizeof money));
	if (f->max_price >= 0)
		tmpl_set(d, "MAX_PRICE", money_plain(f->max_price, money, sizeof money));
	if (f->in_stock)
		tmpl_show(d, "IN_STOCK");
	if (sf_list_filtered(f) || f->sort != f->default_sort) {
		tmpl_show(d, "CAN_CLEAR");
		tmpl_set(d, "CLEAR_URL", sf_list_url(a, path, f, 1, 0));
	}
}

void
sf_list_search_query(const struct sf_filter *f, struct search_query *q)
{
	q->min_price = f->min_price;
	q->max_price = f->max_price;
	q->in_stock = f->in_stock;
	q->category_id = f->category;
	q->vendor_id = f->vendor;
	q->price_band = f->band;
	q->min_rating = f->rating;
	q->on_sale = f->on_sale;
}

/* The facets of the search page in the order shown, with their headings
 * and the parameter each sets. */
static const struct {
	enum search_facet facet;
	const char *key;	/* element ids */
	const char *title;
} sf_list_facet_table[] = {
	{ SEARCH_FACET_CATEGORY, "category", "Category" },
	{ SEARCH_FACET_VENDOR, "vendor", "Shop" },
	{ SEARCH_FACET_PRICE, "band", "Price" },
	{ SEARCH_FACET_RATING, "rating", "Customer rating" },
	{ SEARCH_FACET_SALE, "sale", "Offers" },
	{ SEARCH_FACET_STOCK, "stock", "Availability" },
};

/* f with facet set to value (value < 0: the facet removed). */
static void
sf_list_facet_set(struct sf_filter *f, enum search_facet facet, long long value)
{
	switch (facet) {
	case SEARCH_FACET_CATEGORY:
		f->category = value > 0 ? value : 0;
		break;
	case SEARCH_FACET_VENDOR:
		f->vendor = value > 0 ? value : 0;
		break;
	case SEARCH_FACET_PRICE:
		f->band = value >= 0 && value < SEARCH_NBANDS ? (int)value : -1;
		break;
	case SEARCH_FACET_RATING:
		f->rating = value > 0 && value <= 5 ? (int)value : 0;
		break;
	case SEARCH_FACET_SALE:
		f->on_sale = value > 0;
		break;
	case SEARCH_FACET_STOCK:
		f->in_stock = value > 0;
		break;
	case SEARCH_NFACETS:
		break;
	}
}

/* The value of facet that f uses, or -1. */
static long long
sf_list_facet_get(const struct sf_filter *f, enum search_facet facet)
{
	switch (facet) {
	case SEARCH_FACET_CATEGORY:
		return f->category > 0 ? f->category : -1;
	case SEARCH_FACET_VENDOR:
		return f->vendor > 0 ? f->vendor : -1;
	case SEARCH_FACET_PRICE:
		return f->band;
	case SEARCH_FACET_RATING:
		return f->rating > 0 ? f->rating : -1;
	case SEARCH_FACET_SALE:
		return f->on_sale ? 1 : -1;
	case SEARCH_FACET_STOCK:
		return f->in_stock ? 1 : -1;
	case SEARCH_NFACETS:
		break;
	}
	return -1;
}

/* The page's URL with facet set to value (-1: removed), from page 1. */
static char *
sf_list_facet_url(struct arena *a, const char *path, const struct sf_filter *f, enum search_facet facet,
		  long long value)
{
	struct sf_filter g = *f;

	sf_list_facet_set(&g, facet, value);
	g.page = 1;
	return sf_list_url(a, path, &g, 1, 1);
}

/* "€10.00 – €25.00", "Under €10.00", "€100.00 and more" for a price band. */
static const char *
sf_list_band_label(struct arena *a, int band)
{
	char low[48], high[48];

	if (band < 0 || band >= SEARCH_NBANDS)
		return "";
	money_format(search_price_bands[band].low, low, sizeof low);
	if (search_price_bands[band].high < 0)
		return arena_printf(a, "%s and more", low);
	money_format(search_price_bands[band].high, high, sizeof high);
	if (search_price_bands[band].low <= 0)
		return arena_printf(a, "Under %s", high);
	return arena_printf(a, "%s – %s", low, high);
}

/* What a chosen value of facet is called: from the result's counts, else
 * from the catalogue (a value the result no longer lists). */
static const char *
sf_list_facet_label(struct arena *a, const struct search_result *res, enum search_facet facet, long long value)
{
	const struct search_facet_counts *c = res ? &res->facets[facet] : NULL;
	struct sf_category cat;
	struct db_result *r;
	const char *name = NULL;
	size_t i;

	for (i = 0; c && i < c->n; i++)
		if (c->v[i].value == value && c->v[i].label && *c->v[i].label)
			return c->v[i].label;
	switch (facet) {
	case SEARCH_FACET_CATEGORY:
		return sf_nav_by_id(a, value, &cat) == 0 ? cat.name : "a category";
	case SEARCH_FACET_VENDOR:
		if ((r = db_query("SELECT trading_name FROM vendors WHERE id = ?", "i", value)) != NULL) {
			if (db_next(r))
				name = arena_strdup(a, db_str(r, 0));
			db_free(r);
		}
		return name ? name : "a shop";
	case SEARCH_FACET_PRICE:
		return sf_list_band_label(a, (int)value);
	case SEARCH_FACET_RATING:
		return arena_printf(a, "%lld stars & up", value);
	case SEARCH_FACET_SALE:
		return "On sale";
	case SEARCH_FACET_STOCK:
		return "In stock";
	case SEARCH_NFACETS:
		break;
	}
	return "";
}

/* One removable chip: label, and the page's URL without it. */
static void
sf_list_chip(tmpl_dict *d, const char *label, const char *url)
{
	tmpl_dict *c = tmpl_section(d, "CHIP");

	tmpl_set(c, "LABEL", label);
	tmpl_set(c, "URL", url);
}

void
sf_list_facets(tmpl_dict *page, struct arena *a, const char *path, const struct sf_filter *f,
	       const struct search_result *res)
{
	tmpl_dict *facets = tmpl_include(page, "FACETS", "storefront/_facets.tpl");
	tmpl_dict *chips = tmpl_include(page, "CHIPS", "storefront/_chips.tpl");
	char low[48], high[48];
	size_t i, j, shown = 0, nchips = 0;

	/* The facets: every value a link that adds it, a chosen one a link
	 * that takes it off again. */
	for (i = 0; res && i < sizeof sf_list_facet_table / sizeof sf_list_facet_table[0]; i++) {
		enum search_facet facet = sf_list_facet_table[i].facet;
		const struct search_facet_counts *c = &res->facets[facet];
		long long chosen = sf_list_facet_get(f, facet);
		tmpl_dict *s;

		if (c->n == 0)
			continue;
		s = tmpl_section(facets, "FACET");
		tmpl_set(s, "KEY", sf_list_facet_table[i].key);
		tmpl_set(s, "TITLE", sf_list_facet_table[i].title);
		for (j = 0; j < c->n; j++) {
			tmpl_dict *v = tmpl_section(s, "VALUE");
			int on = c->v[j].value == chosen;

			tmpl_set(v, "LABEL", c->v[j].label && *c->v[j].label ? c->v[j].label :
					     sf_list_facet_label(a, NULL, facet, c->v[j].value));
			tmpl_set(v, "COUNT", sf_list_group_digits(a, c->v[j].count));
			tmpl_set(v, "NOUN", c->v[j].count == 1 ? "product" : "products");
			tmpl_set(v, "URL", sf_list_facet_url(a, path, f, facet, on ? -1 : c->v[j].value));
			tmpl_show(v, on ? "CHOSEN" : "NOT_CHOSEN");
		}
		shown++;
	}
	if (shown)
		tmpl_show(facets, "HAS_FACETS");

	/* The chips: what narrows the results now, each removable. */
	for (i = 0; i < sizeof sf_list_facet_table / sizeof sf_list_facet_table[0]; i++) {
		enum search_facet facet = sf_list_facet_table[i].facet;
		long long chosen = sf_list_facet_get(f, facet);
		const char *label;

		if (chosen < 0)
			continue;
		label = sf_list_facet_label(a, res, facet, chosen);
		if (facet == SEARCH_FACET_CATEGORY)
			label = arena_printf(a, "Category: %s", label);
		else if (facet == SEARCH_FACET_VENDOR)
			label = arena_printf(a, "Shop: %s", label);
		else if (facet == SEARCH_FACET_PRICE)
			label = arena_printf(a, "Price: %s", label);
		sf_list_chip(chips, label, sf_list_facet_url(a, path, f, facet, -1));
		nchips++;
	}
	if (sf_list_has_price(f)) {
		struct sf_filter g = *f;
		const char *label;

		g.min_price = g.max_price = -1;
		g.page = 1;
		money_format(sf_list_price_low(f), low, sizeof low);
		money_format(sf_list_price_high(f), high, sizeof high);
		if (f->min_price >= 0 && f->max_price >= 0)
			label = arena_printf(a, "Price: %s – %s", low, high);
		else if (f->min_price >= 0)
			label = arena_printf(a, "Price: from %s", low);
		else
			label = arena_printf(a, "Price: up to %s", high);
		sf_list_chip(chips, label, sf_list_url(a, path, &g, 1, 1));
		nchips++;
	}
	if (nchips) {
		tmpl_show(chips, "HAS_CHIPS");
		tmpl_set(chips, "CLEAR_URL", sf_list_url(a, path, f, 1, 0));
	}
}

/* What sf_list_page_url needs to build a page's address. */
struct sf_list_pages {
	struct arena *a;
	const char *path;
	const struct sf_filter *f;
};

static char *
sf_list_page_url(void *ctx, long long page)
{
	const struct sf_list_pages *l = ctx;

	return sf_list_url(l->a, l->path, l->f, page, 1);
}

void
sf_list_pagination(tmpl_dict *page, struct arena *a, const char *path,
		   const struct sf_filter *f, long long total)
{
	struct sf_list_pages l = { a, path, f };
	struct paging p = sf_list_paging(f, total);

	paging_links(page, &p, sf_list_page_url, &l);
}

char *
sf_list_group_digits(struct arena *a, long long n)
{
	return view_group_digits(a, n);
}

char *
sf_list_result_text(struct arena *a, const struct sf_filter *f, long long total,
		    const char *noun_one, const char *noun_many)
{
	struct paging p = sf_list_paging(f, total);

	return paging_result_text(a, &p, noun_one, noun_many);
}

char *
sf_list_media_url(struct arena *a, const char *path)
{
	static char *base;	/* per process: the configuration does not change under a worker */
	static size_t base_len;
	size_t n = strlen(path);
	char *url;

	if (base == NULL) {
		base = asset_media_url("");
		base_len = strlen(base);
	}
	url = arena_alloc(a, base_len + n + 1);
	memcpy(url, base, base_len);
	memcpy(url + base_len, path, n + 1);
	return url;
}

/* One size list of srcset: "<url> <w>w, ..." for the sizes of a stored
 * picture up to largest px, a width given once (a narrow picture has the
 * same width under several names). */
static char *
sf_list_srcset(struct arena *a, const char *path, long long width, long long height, const char *ext,
	       int largest)
{
	char name[MEDIA_PATH_MAX], *srcset;
	int i, w, h, last = 0;
	struct buf out;

	buf_init(&out);
	for (i = 0; i < MEDIA_NSIZES && media_sizes[i] <= largest; i++) {
		media_size_dims((int)width, (int)height, media_sizes[i], &w, &h);
		if (w == last || media_size_path(path, media_sizes[i], ext, name, sizeof name) == NULL)
			continue;
		if (out.len > 0)
			buf_adds(&out, ", ");
		buf_adds(&out, sf_list_media_url(a, name));
		buf_addc(&out, ' ');
		buf_add_int(&out, w);
		buf_addc(&out, 'w');
		last = w;
	}
	srcset = arena_strdup(a, out.data ? out.data : "");
	buf_free(&out);
	return srcset;
}

void
sf_list_picture(tmpl_dict *d, struct arena *a, const char *path, long long width, long long height,
		const char *sizes, int largest)
{
	char middle[MEDIA_PATH_MAX];
	int w, h;

	if (media_size_path(path, 600, "jpg", middle, sizeof middle) == NULL || width <= 0 || height <= 0) {
		tmpl_set(d, "IMAGE", sf_list_media_url(a, path));
		tmpl_set_int(d, "WIDTH", width);
		tmpl_set_int(d, "HEIGHT", height);
		tmpl_show(d, "PLAIN_IMAGE");
		return;
	}
	{
		tmpl_dict *p = tmpl_section(d, "PICTURE");
		char webp[MEDIA_PATH_MAX];

		if (sizes == NULL && media_size_path(path, largest, "webp", webp, sizeof webp) != NULL) {
			tmpl_set(p, "WEBP_SRCSET", sf_list_media_url(a, webp));
		} else {
			tmpl_set(p, "WEBP_SRCSET", sf_list_srcset(a, path, width, height, "webp", largest));
			tmpl_set(p, "JPEG_SRCSET", sf_list_srcset(a, path, width, height, "jpg", largest));
			tmpl_set(p, "SIZES", sizes);
		}
	}
	media_size_dims((int)width, (int)height, 600, &w, &h);
	tmpl_set(d, "IMAGE", sf_list_media_url(a, middle));
	tmpl_set_int(d, "WIDTH", w);
	tmpl_set_int(d, "HEIGHT", h);
}

/* Placeholder for a product without pictures. */
static const char *
sf_list_placeholder(void)
{
	const char *url = asset_url("img/placeholder.svg");

	return url ? url : "";
}

void
sf_list_stock(tmpl_dict *d, long long stock)
{
	char label[48];

	if (stock <= 0) {
		tmpl_set(d, "STOCK_CLASS", "sold-out");
		tmpl_set(d, "STOCK_LABEL", "Sold out");
	} else if (stock <= SF_LIST_LOW_STOCK) {
		snprintf(label, sizeof label, "Only %lld left", stock);
		tmpl_set(d, "STOCK_CLASS", "low-stock");
		tmpl_set(d, "STOCK_LABEL", label);
	} else {
		tmpl_set(d, "STOCK_CLASS", "in-stock");
		tmpl_set(d, "STOCK_LABEL", "In stock");
	}
}

static void sf_list_sponsored_label(tmpl_dict *card, struct arena *a, struct db_result *r, const char *path,
				    const char *why);

void
sf_list_card(tmpl_dict *card, struct arena *a, struct db_result *r, int sponsored)
{
	char path[160], price[48], was[48];
	const char *name = db_str(r, SF_COL_NAME), *image = db_str(r, SF_COL_IMAGE);
	const char *alt = db_str(r, SF_COL_ALT);
	long long price_minor = db_int(r, SF_COL_PRICE);
	long long width = db_int(r, SF_COL_WIDTH), height = db_int(r, SF_COL_HEIGHT);

	if (catalog_product_path(db_int(r, SF_COL_ID), db_str(r, SF_COL_SLUG), path, sizeof path))
		tmpl_set(card, "URL", path);
	tmpl_set(card, "NAME", name);
	if (image && *image) {
		/* The product name is the link text next to the picture: an alt
		 * repeating it would be read twice, so only a different one is kept. */
		tmpl_set(card, "ALT", alt && name && strcmp(alt, name) != 0 ? alt : "");
		if (width <= 0 || height <= 0)
			width = height = SF_LIST_IMAGE_SIZE;
		sf_list_picture(card, a, image, width, height, NULL, SF_LIST_CARD_SIZE);
	} else {
		tmpl_set(card, "IMAGE", sf_list_placeholder());
		tmpl_set(card, "ALT", "");	/* the name is right below it */
		tmpl_show(card, "PLAIN_IMAGE");
		tmpl_set_int(card, "WIDTH", SF_LIST_IMAGE_SIZE);
		tmpl_set_int(card, "HEIGHT", SF_LIST_IMAGE_SIZE);
	}
	tmpl_set(card, "PRICE", money_format(price_minor, price, sizeof price));
	if (!db_null(r, SF_COL_COMPARE) && db_int(r, SF_COL_COMPARE) > price_minor) {
		tmpl_dict *w = tmpl_section(card, "WAS");
		tmpl_set(w, "WAS_PRICE", money_format(db_int(r, SF_COL_COMPARE), was, sizeof was));
	}
	sf_list_stock(card, db_int(r, SF_COL_STOCK));
	tmpl_set(card, "VENDOR", db_cols(r) > SF_COL_VENDOR ? db_str(r, SF_COL_VENDOR) : "");
	if (sponsored)
		sf_list_sponsored_label(card, a, r, path, NULL);
}

/* The Sponsored label of a card: the beacon, the click's link and "Why am
 * I seeing this?" (with ?r=<why> for a card chosen for the shopper,
 * personal.h). */
static void
sf_list_sponsored_label(tmpl_dict *card, struct arena *a, struct db_result *r, const char *path, const char *why)
{
	tmpl_dict *s = tmpl_section(card, "SPONSORED");
	long long promotion = db_cols(r) > SF_COL_PROMOTION ? db_int(r, SF_COL_PROMOTION) : 0;

	/* The same for every visitor, so the page stays cacheable: nginx
	 * logs the beacon and the click (docs/architecture.md). */
	if (promotion > 0) {
		tmpl_set(card, "URL", arena_printf(a, "%s?sp=%lld", path, promotion));
		tmpl_set_int(tmpl_section(s, "BEACON"), "PROMOTION", promotion);
		tmpl_set(s, "WHY_URL", why ? arena_printf(a, "/sponsored/%lld/why?r=%s", promotion, why)
					  : arena_printf(a, "/sponsored/%lld/why", promotion));
	}
}

void
sf_list_sponsored_card(tmpl_dict *card, struct arena *a, struct db_result *r, const char *why)
{
	char path[160] = "";

	sf_list_card(card, a, r, 0);
	catalog_product_path(db_int(r, SF_COL_ID), db_str(r, SF_COL_SLUG), path, sizeof path);
	sf_list_sponsored_label(card, a, r, path, why);
}

char *
sf_list_card_html(struct arena *a, struct db_result *r)
{
	tmpl_dict *card = tmpl_dict_new(SF_LIST_CARD_TEMPLATE);
	struct buf out;
	char *html = NULL;

	if (card == NULL)
		return NULL;
	buf_init(&out);
	sf_list_card(card, a, r, 0);
	if (tmpl_render(SF_LIST_CARD_TEMPLATE, card, &out) == 0 && out.data != NULL)
		html = buf_detach(&out);
	buf_free(&out);
	tmpl_dict_free(card);
	return html;
}

size_t
sf_list_cards(tmpl_dict *page, struct arena *a, const char *section, struct db_result *r,
	      int sponsored, const long long *skip, size_t nskip)
{
	return sf_list_cards_max(page, a, section, r, sponsored, skip, nskip, SIZE_MAX);
}

size_t
sf_list_cards_max(tmpl_dict *page, struct arena *a, const char *section, struct db_result *r,
		  int sponsored, const long long *skip, size_t nskip, size_t max)
{
	size_t added = 0, i;

	while (added < max && db_next(r)) {
		long long id = db_int(r, SF_COL_ID);
		tmpl_dict *item, *card;

		for (i = 0; i < nskip; i++)
			if (skip[i] == id)
				break;
		if (i < nskip)
			continue;
		item = tmpl_section(page, section);
		card = tmpl_include(item, "CARD", SF_LIST_CARD_TEMPLATE);
		sf_list_card(card, a, r, sponsored);
		added++;
	}
	return added;
}

static const char sf_list_cards_of_sql[] =
	"SELECT " SF_CARD_COLUMNS
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (ord FOR ORDINALITY, id BIGINT UNSIGNED PATH '$')) j"
	" JOIN products p ON p.id = j.id"
	" JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'" SF_CARD_IMAGE_JOIN
	" WHERE p.status = 'active' ORDER BY j.ord";

struct db_result *
sf_list_rows_of(struct arena *a, const long long *ids, size_t n)
{
	char *json = arena_alloc(a, n * 22 + 3), *p = json;

	*p++ = '[';
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s%lld", i ? "," : "", ids[i]);
	*p++ = ']';
	*p = '\0';
	return db_query(sf_list_cards_of_sql, "s", json);
}

long
sf_list_cards_of(tmpl_dict *page, struct arena *a, const char *section, const long long *ids, size_t n)
{
	struct db_result *r;
	size_t added;

	if (n == 0)
		return 0;
	if ((r = sf_list_rows_of(a, ids, n)) == NULL)
		return -1;
	added = sf_list_cards(page, a, section, r, 0, NULL, 0);
	db_free(r);
	return (long)added;
}

size_t
sf_list_sponsored(tmpl_dict *page, struct arena *a, struct db_result *r, size_t max)
{
	long long *seen = arena_alloc(a, (max ? max : 1) * sizeof *seen);
	tmpl_dict *item;
	size_t n = 0, i;

	while (n < max && db_next(r)) {
		long long id = db_int(r, SF_COL_ID);

		for (i = 0; i < n && seen[i] != id; i++)
			;
		if (i < n)
			continue;
		seen[n++] = id;
		item = tmpl_section(page, "SPONSORED_PRODUCT");
		tmpl_set_int(item, "PROMOTION_ID", db_int(r, SF_COL_PROMOTION));
		sf_list_card(tmpl_include(item, "CARD", SF_LIST_CARD_TEMPLATE), a, r, 1);
	}
	if (n > 0)
		tmpl_show(page, "HAS_SPONSORED");
	return n;
}

/* Cuts text to at most max bytes at a word boundary (UTF-8 safe) and adds
 * an ellipsis when it was cut; line breaks become spaces. */
char *
sf_list_excerpt(struct arena *a, const char *text, size_t max)
{
	size_t len = text ? strlen(text) : 0, cut, i;
	char *out;

	if (len <= max) {
		out = arena_strdup(a, text ? text : "");
	} else {
		cut = max;
		while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
			cut--;
		for (i = cut; i > max / 2; i--)
			if (text[i] == ' ')
				break;
		if (i > max / 2)
			cut = i;
		out = arena_alloc(a, cut + 4);
		memcpy(out, text, cut);
		memcpy(out + cut, "…", 3);
		out[cut + 3] = '\0';
	}
	for (i = 0; out[i]; i++)
		if (out[i] == '\n' || out[i] == '\r' || out[i] == '\t')
			out[i] = ' ';
	return out;
}

tmpl_dict *
sf_list_page(struct view *v, struct req *rq, struct resp *rs, const char *page_template,
	     const char *title)
{
	tmpl_dict *d;

	/* Drawn the same for every visitor: the header's own links are
	 * filled in by nginx (hdr.h). */
	v->shared = view_cacheable(rq, rs);
	d = view_begin(v, rq, rs, page_template, title);
	tmpl_set(d, "SITE_NAME", cfg_str("BAZAAR_SITE_NAME", "Bazaar"));
	if (v->shared)
		rs->cache = RESP_PUBLIC_SHORT;
	return d;
}

void
sf_list_meta(struct view *v, const char *canonical, const char *description)
{
	view_meta(v, canonical, description);
	if (canonical) {
		tmpl_show(v->layout, "HAS_CANONICAL");
	}
	if (description && *description)
		tmpl_show(v->layout, "HAS_DESCRIPTION");
}
