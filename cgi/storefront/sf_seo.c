/*
 * sf_seo: what search engines and sharing read. robots.txt, the sitemap
 * index and files (cgi/lib/sitemap.h: nginx serves them from memcached,
 * these handlers only draw one the cache lacks), and, for the pages that
 * call them, the Open Graph and Twitter card tags (sf_seo_share) and the
 * schema.org data of a product page (sf_seo_product: JSON-LD with the
 * Product, its Offer and AggregateRating, and the BreadcrumbList), built
 * from the very values the page shows.
 *
 * Every address in them is absolute, from BAZAAR_BASE_URL
 * (mail_base_url()); pictures under BAZAAR_ASSET_BASE_URL when that is
 * set.
 */
#include "sf.h"

#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "cfg.h"
#include "json.h"
#include "log.h"
#include "mail.h"
#include "media.h"
#include "money.h"
#include "sitemap.h"

/* How long a sitemap the storefront drew itself is kept: the job writes
 * them all every BAZAAR_SITEMAP_INTERVAL; this only covers its absence. */
#define SF_SEO_SITEMAP_TTL 3600
/* The sitemaps' addresses: the routes of sf_main.c, nginx's location and
 * bazaar-sitemap's name the same. */
#define SF_SEO_SITEMAP_INDEX	"/sitemap.xml"
#define SF_SEO_SITEMAP_DIR	"/sitemaps"

static void
sf_seo_site(struct sitemap_site *site)
{
	site->base = mail_base_url();
	site->index = SF_SEO_SITEMAP_INDEX;
	site->dir = SF_SEO_SITEMAP_DIR;
	site->per_file = sitemap_urls_per_file();
}

char *
sf_seo_url(struct arena *a, const char *path)
{
	if (path == NULL)
		return NULL;
	const char *base = mail_base_url();

	if (strncmp(path, "https://", 8) == 0 || strncmp(path, "http://", 7) == 0)
		return arena_strdup(a, path);
	/* A protocol-relative asset base ("//cdn.example.com"): the site's scheme. */
	if (strncmp(path, "//", 2) == 0)
		return arena_printf(a, "%s%s", strncmp(base, "https:", 6) == 0 ? "https:" : "http:", path);
	return arena_printf(a, "%s%s%s", base, *path == '/' ? "" : "/", path);
}

char *
sf_seo_image_url(struct arena *a, const char *media_path)
{
	char jpeg[MEDIA_PATH_MAX];

	if (media_path == NULL || *media_path == '\0')
		return NULL;
	/* The largest JPEG: every card reader takes JPEG, not all WebP. */
	if (media_size_path(media_path, 1200, "jpg", jpeg, sizeof jpeg) != NULL)
		media_path = jpeg;
	return sf_seo_url(a, sf_list_media_url(a, media_path));
}

void
sf_seo_crumb(struct view *v, struct sf_seo_crumbs *c, const char *label, const char *url)
{
	view_crumb(v, label, url);
	if (c->n < SF_SEO_CRUMBS_MAX) {
		c->label[c->n] = label;
		c->url[c->n] = url;
		c->n++;
	}
}

void
sf_seo_share(struct view *v, struct arena *a, const struct sf_seo_share *s)
{
	tmpl_dict *d = tmpl_section(v->layout, "SHARE"), *im;
	char amount[48];

	tmpl_set(d, "OG_SITE", cfg_str("BAZAAR_SITE_NAME", "Bazaar"));
	tmpl_set(d, "OG_TYPE", s->type);
	tmpl_set(d, "OG_TITLE", s->title);
	tmpl_set(d, "OG_URL", sf_seo_url(a, s->path));
	if (s->description && *s->description)
		tmpl_set(tmpl_section(d, "OG_HAS_DESCRIPTION"), "OG_DESCRIPTION", s->description);
	if (s->image) {
		im = tmpl_section(d, "OG_IMAGE");
		tmpl_set(im, "OG_IMAGE_URL", s->image);
		tmpl_set(im, "OG_IMAGE_ALT", s->image_alt ? s->image_alt : s->title);
	}
	tmpl_set(d, "TWITTER_CARD", s->image ? "summary_large_image" : "summary");
	if (s->price_minor >= 0) {
		tmpl_dict *p = tmpl_section(d, "OG_PRICE");

		tmpl_set(p, "OG_AMOUNT", money_plain(s->price_minor, amount, sizeof amount));
		tmpl_set(p, "OG_CURRENCY", cfg_str("BAZAAR_CURRENCY", "EUR"));
	}
}

/* The BreadcrumbList of the page's crumbs; the last, the page itself, has
 * no address of its own in the crumbs: it gets the page's. */
static json_t *
sf_seo_breadcrumbs(struct arena *a, const struct sf_seo_crumbs *c, const char *self)
{
	json_t *items = json_array();

	for (size_t i = 0; i < c->n; i++)
		json_array_append_new(items, json_pack("{s:s, s:I, s:o, s:s}", "@type", "ListItem",
						       "position", (json_int_t)(i + 1), "name", json_text(c->label[i]),
						       "item", c->url[i] ? sf_seo_url(a, c->url[i]) : self));
	return json_pack("{s:s, s:s, s:o}", "@context", "https://schema.org", "@type", "BreadcrumbList",
			 "itemListElement", items);
}

int
sf_seo_product(tmpl_dict *d, struct arena *a, const struct sf_seo_product *p)
{
	json_t *doc = NULL, *product, *offer;
	struct buf out;
	char price[48];
	const char *url = sf_seo_url(a, p->path);
	int rc = -1;

	buf_init(&out);
	offer = json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:s, s:o, s:s}}",
			  "@type", "Offer",
			  "url", url,
			  "price", money_plain(p->price_minor, price, sizeof price),
			  "priceCurrency", cfg_str("BAZAAR_CURRENCY", "EUR"),
			  "availability", p->stock > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
			  "seller", "@type", "Organization", "name", json_text(p->vendor),
			  "url", sf_seo_url(a, p->vendor_path));
	product = json_pack("{s:s, s:s, s:o, s:s, s:o, s:o}",
			    "@context", "https://schema.org", "@type", "Product",
			    "name", json_text(p->name), "url", url,
			    "category", json_text(p->category), "offers", offer);
	if (product == NULL)
		goto out;
	if (p->description && *p->description)
		json_object_set_new(product, "description", json_text(p->description));
	if (p->image)
		json_object_set_new(product, "image", json_text(p->image));
	/* As the reviews' summary shows them: "4.5 out of 5 · 12 reviews". */
	if (p->rating_count > 0 && p->rating_value)
		json_object_set_new(product, "aggregateRating",
				    json_pack("{s:s, s:s, s:I, s:s, s:s}", "@type", "AggregateRating",
					      "ratingValue", p->rating_value, "reviewCount", (json_int_t)p->rating_count,
					      "bestRating", "5", "worstRating", "1"));
	doc = json_pack("[o, o]", product, sf_seo_breadcrumbs(a, p->crumbs, url));
	/* json_to_buf_compact writes <, > and & inside strings as \u escapes:
	 * a name holding "</script>" cannot end the element it is written
	 * into. Compact: only crawlers read it, and it is in every product
	 * page. */
	if (doc == NULL || json_to_buf_compact(doc, &out) != 0)
		goto out;
	tmpl_set(tmpl_section(d, "STRUCTURED_DATA"), "JSON_LD", out.data);
	rc = 0;
out:
	if (rc != 0)
		log_warn("seo.jsonld", "product=%lld msg=%s", p->id, log_quote("structured data not built"));
	json_decref(doc);
	buf_free(&out);
	return rc;
}

/*
 * ROUTE: GET /robots.txt      TEMPLATE: none (text/plain)
 * PARAMS: none
 * What crawlers may read: the catalogue, not the personal, form or
 * checkout pages (nor the product page's image that records a view); and
 * where the sitemap index is.
 */
int
sf_seo_robots(struct req *rq, struct resp *rs)
{
	(void)rq;
	buf_reset(&rs->body);
	buf_adds(&rs->body,
		 "User-agent: *\n"
		 "Disallow: /account\n"
		 "Disallow: /admin\n"
		 "Disallow: /cart\n"
		 "Disallow: /checkout\n"
		 "Disallow: /dev/\n"
		 "Disallow: /live/\n"
		 "Disallow: /login\n"
		 "Disallow: /messages\n"
		 "Disallow: /orders\n"
		 "Disallow: /payments/\n"
		 "Disallow: /recent/\n"
		 "Disallow: /reset\n"
		 "Disallow: /reviews/\n"
		 "Disallow: /search\n"
		 "Disallow: /signup\n"
		 "Disallow: /unsubscribe\n"
		 "Disallow: /vendor\n"
		 "Disallow: /verify\n"
		 "Disallow: /wishlist\n"
		 "Disallow: /w/\n"
		 "Disallow: /_bazaar/\n"
		 "Disallow: /_i\n"
		 "Disallow: /*/review$\n"
		 "Allow: /\n"
		 "\n");
	buf_printf(&rs->body, "Sitemap: %s/sitemap.xml\n", mail_base_url());
	rs->content_type = "text/plain; charset=utf-8";
	rs->cache = RESP_PUBLIC_SHORT;
	return 200;
}

/* Sends doc as a sitemap, and keeps it in the cache under path's key for
 * the next request (nginx's). */
static int
sf_seo_send_sitemap(struct resp *rs, const char *path, struct buf *doc)
{
	char key[SITEMAP_KEY_MAX];

	if (sitemap_cache_key(path, key, sizeof key) && cache_enabled())
		cache_set(key, doc->data, doc->len, SF_SEO_SITEMAP_TTL);
	buf_reset(&rs->body);
	buf_add(&rs->body, doc->data, doc->len);
	rs->content_type = "application/xml; charset=utf-8";
	rs->cache = RESP_PUBLIC_SHORT;
	return 200;
}

/* The cached copy of path, when memcached has it (nginx asked first; this
 * is a race with the job or memcached coming back). */
static int
sf_seo_cached(struct resp *rs, const char *path)
{
	char key[SITEMAP_KEY_MAX], *v;
	size_t len;

	if (sitemap_cache_key(path, key, sizeof key) == NULL || (v = cache_get(key, &len)) == NULL)
		return 0;
	buf_reset(&rs->body);
	buf_add(&rs->body, v, len);
	free(v);
	rs->content_type = "application/xml; charset=utf-8";
	rs->cache = RESP_PUBLIC_SHORT;
	return 1;
}

/*
 * ROUTE: GET /sitemap.xml      TEMPLATE: none (application/xml)
 * PARAMS: none
 * The sitemap index (sitemap.h). nginx serves the copy bazaar-sitemap
 * keeps in memcached; this draws it when the cache has none.
 */
int
sf_seo_sitemap_index(struct req *rq, struct resp *rs)
{
	struct sitemap_site site;
	struct buf doc;
	int status = 500;

	(void)rq;
	if (sf_seo_cached(rs, SF_SEO_SITEMAP_INDEX))
		return 200;
	sf_seo_site(&site);
	buf_init(&doc);
	if (sitemap_index(&doc, &site) == 0)
		status = sf_seo_send_sitemap(rs, SF_SEO_SITEMAP_INDEX, &doc);
	buf_free(&doc);
	return status;
}

/* One sitemap file of kind: n from the path, 404 past the last. */
static int
sf_seo_sitemap_file(struct req *rq, struct resp *rs, enum sitemap_kind kind)
{
	struct sitemap_site site;
	struct buf doc;
	long long n = req_int(rq, "id", 0);
	char path[SITEMAP_KEY_MAX];
	int status = 500, got;

	sf_seo_site(&site);
	if (n < 1 || sitemap_file_path(&site, kind, n, path, sizeof path) == NULL)
		return 404;
	if (sf_seo_cached(rs, path))
		return 200;
	buf_init(&doc);
	got = sitemap_file(&doc, &site, kind, n);
	if (got == 0)
		status = sf_seo_send_sitemap(rs, path, &doc);
	else if (got == 1)
		status = 404;
	buf_free(&doc);
	return status;
}

/*
 * ROUTE: GET /sitemaps/products-{id}.xml      TEMPLATE: none (application/xml)
 * PARAMS: id (the file's number, from 1)
 * A sitemap file of product pages, drawn when the cache lacks it.
 */
int
sf_seo_sitemap_products(struct req *rq, struct resp *rs)
{
	return sf_seo_sitemap_file(rq, rs, SITEMAP_PRODUCTS);
}

/*
 * ROUTE: GET /sitemaps/categories-{id}.xml      TEMPLATE: none (application/xml)
 * PARAMS: id (the file's number, from 1)
 * A sitemap file of category pages, drawn when the cache lacks it.
 */
int
sf_seo_sitemap_categories(struct req *rq, struct resp *rs)
{
	return sf_seo_sitemap_file(rq, rs, SITEMAP_CATEGORIES);
}

/*
 * ROUTE: GET /sitemaps/shops-{id}.xml      TEMPLATE: none (application/xml)
 * PARAMS: id (the file's number, from 1)
 * A sitemap file of shop pages, drawn when the cache lacks it.
 */
int
sf_seo_sitemap_shops(struct req *rq, struct resp *rs)
{
	return sf_seo_sitemap_file(rq, rs, SITEMAP_SHOPS);
}
