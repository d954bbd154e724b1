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

/* ,"key":value (sep_key holds the comma, when one is needed, and the key):
 * value as a JSON string, null for NULL when nullable. 0, or -1 with out
 * unchanged when value may not be written (NULL, or not UTF-8). */
static int
sf_seo_json_member(struct buf *out, const char *sep_key, const char *value, int nullable)
{
	size_t before = out->len;

	if (value == NULL && !nullable)
		return -1;
	buf_adds(out, sep_key);
	if (json_buf_text(out, value) == 0)
		return 0;
	out->len = before;
	out->data[before] = '\0';
	return -1;
}

/* Cuts out back to len, dropping what was written after it. */
static void
sf_seo_json_cut(struct buf *out, size_t len)
{
	out->len = len;
	out->data[len] = '\0';
}

/*
 * The document is written straight into out, member by member, with the
 * layout json_to_buf_compact gives the same document built with jansson
 * (members in the order added, no spaces, a final line break): it is on
 * every product page, and building it as a tree cost a tenth of the page.
 * What jansson would refuse is refused alike: a value that is not UTF-8,
 * a missing address. The Product and its Offer need all theirs (else no
 * document); a description, picture, rating or crumb that cannot be
 * written is left out, as json_object_set_new and json_array_append_new
 * leave out a value json_text or json_pack refused.
 */
int
sf_seo_product_json(struct buf *out, struct arena *a, const struct sf_seo_product *p)
{
	const struct sf_seo_crumbs *c = p->crumbs;
	const char *url = sf_seo_url(a, p->path);
	size_t before = out->len, mark, i;
	char price[48];
	int first = 1;

	buf_adds(out, "[{\"@context\":\"https://schema.org\",\"@type\":\"Product\"");
	if (sf_seo_json_member(out, ",\"name\":", p->name, 1) != 0 ||
	    sf_seo_json_member(out, ",\"url\":", url, 0) != 0 ||
	    sf_seo_json_member(out, ",\"category\":", p->category, 1) != 0)
		goto fail;
	buf_adds(out, ",\"offers\":{\"@type\":\"Offer\"");
	if (sf_seo_json_member(out, ",\"url\":", url, 0) != 0 ||
	    sf_seo_json_member(out, ",\"price\":", money_plain(p->price_minor, price, sizeof price), 0) != 0 ||
	    sf_seo_json_member(out, ",\"priceCurrency\":", cfg_str("BAZAAR_CURRENCY", "EUR"), 0) != 0)
		goto fail;
	buf_adds(out, p->stock > 0 ? ",\"availability\":\"https://schema.org/InStock\""
		 : ",\"availability\":\"https://schema.org/OutOfStock\"");
	buf_adds(out, ",\"seller\":{\"@type\":\"Organization\"");
	if (sf_seo_json_member(out, ",\"name\":", p->vendor, 1) != 0 ||
	    sf_seo_json_member(out, ",\"url\":", sf_seo_url(a, p->vendor_path), 0) != 0)
		goto fail;
	buf_adds(out, "}}");
	if (p->description && *p->description)
		(void)sf_seo_json_member(out, ",\"description\":", p->description, 1);
	if (p->image)
		(void)sf_seo_json_member(out, ",\"image\":", p->image, 1);
	/* As the reviews' summary shows them: "4.5 out of 5 · 12 reviews". */
	if (p->rating_count > 0 && p->rating_value) {
		mark = out->len;
		buf_adds(out, ",\"aggregateRating\":{\"@type\":\"AggregateRating\"");
		if (sf_seo_json_member(out, ",\"ratingValue\":", p->rating_value, 0) != 0) {
			sf_seo_json_cut(out, mark);
		} else {
			buf_adds(out, ",\"reviewCount\":");
			buf_add_int(out, p->rating_count);
			buf_adds(out, ",\"bestRating\":\"5\",\"worstRating\":\"1\"}");
		}
	}
	/* The BreadcrumbList of the page's crumbs; the last, the page itself,
	 * has no address of its own in the crumbs: it gets the page's. */
	buf_adds(out, "},{\"@context\":\"https://schema.org\",\"@type\":\"BreadcrumbList\",\"itemListElement\":[");
	for (i = 0; i < c->n; i++) {
		mark = out->len;
		buf_adds(out, first ? "{\"@type\":\"ListItem\",\"position\":" : ",{\"@type\":\"ListItem\",\"position\":");
		buf_add_int(out, (long long)(i + 1));
		if (sf_seo_json_member(out, ",\"name\":", c->label[i], 1) != 0 ||
		    sf_seo_json_member(out, ",\"item\":", c->url[i] ? sf_seo_url(a, c->url[i]) : url, 0) != 0) {
			sf_seo_json_cut(out, mark);
			continue;
		}
		buf_addc(out, '}');
		first = 0;
	}
	buf_adds(out, "]}]\n");
	return 0;
fail:
	sf_seo_json_cut(out, before);
	return -1;
}

int
sf_seo_product(tmpl_dict *d, struct arena *a, const struct sf_seo_product *p)
{
	struct buf out;
	int rc;

	buf_init(&out);
	if ((rc = sf_seo_product_json(&out, a, p)) == 0)
		tmpl_set(tmpl_section(d, "STRUCTURED_DATA"), "JSON_LD", out.data);
	else
		log_warn("seo.jsonld", "product=%lld msg=%s", p->id, log_quote("structured data not built"));
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
