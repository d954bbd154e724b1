/*
 * Page tests for sf_seo.c: GET /robots.txt, /sitemap.xml and
 * /sitemaps/<kind>-<n>.xml as the storefront answers them (nginx's
 * memcached copies are tests/http/seo.test.mjs's), and the structured data
 * of a product page.
 */
#include "page_util.h"

#include "cache.h"
#include "cfg.h"
#include "json.h"
#include "money.h"
#include "../../cgi/storefront/sf.h"

START_TEST(test_robots)
{
	struct pu_page *p = pu_get("/robots.txt");

	pu_assert_status(p, 200);
	ck_assert_str_eq(pu_header(p, "Content-Type"), "text/plain; charset=utf-8");
	pu_assert_has(p, "User-agent: *\n");
	pu_assert_has(p, "Disallow: /checkout\n");
	pu_assert_has(p, "\nSitemap: http");
	pu_assert_has(p, "/sitemap.xml\n");
	pu_assert_lacks(p, "Disallow: /p/");
	pu_free(p);
}
END_TEST

START_TEST(test_sitemaps)
{
	struct pu_page *p;

	/* Drawn here, not taken from the job's copy. */
	cache_delete("sm:/sitemap.xml");
	cache_delete("sm:/sitemaps/categories-1.xml");
	p = pu_get("/sitemap.xml");
	pu_assert_status(p, 200);
	ck_assert_str_eq(pu_header(p, "Content-Type"), "application/xml; charset=utf-8");
	pu_assert_has(p, "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
	pu_assert_has(p, "/sitemaps/products-1.xml</loc><lastmod>");
	pu_assert_has(p, "/sitemaps/categories-1.xml</loc>");
	pu_assert_has(p, "/sitemaps/shops-1.xml</loc>");
	pu_free(p);
	p = pu_get("/sitemaps/categories-1.xml");
	pu_assert_status(p, 200);
	pu_assert_has(p, "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
	pu_assert_has(p, "/c/");
	pu_assert_has(p, "</lastmod></url>");
	pu_free(p);
}
END_TEST

START_TEST(test_sitemaps_bad_input)
{
	/* Past the last file, file 0, an unknown kind, a query. */
	pu_expect_getf(404, "/sitemaps/shops-%d.xml", 999999);
	pu_expect_getf(404, "/sitemaps/shops-0.xml");
	pu_expect_getf(404, "/sitemaps/users-1.xml");
	pu_expect_getf(404, "/sitemaps/shops-1.xml.gz");
	pu_expect_getf(200, "/sitemap.xml?page=2");
	pu_expect(405, pu_request("POST", "/robots.txt", NULL));
}
END_TEST

/* The JSON-LD of a product page, with the product's own values. */
START_TEST(test_product_structured_data)
{
	char *row[3] = { 0 };
	struct pu_page *p;

	ck_assert(pu_row1(row, 3, "SELECT p.id, p.slug, p.name FROM products p JOIN vendors v ON v.id = p.vendor_id"
			  " WHERE p.status = 'active' AND v.status = 'verified' ORDER BY p.id LIMIT 1", "", NULL));
	p = pu_getf("/p/%s-%s", row[0], row[1]);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<script type=\"application/ld+json\">[{\"@context\":\"https://schema.org\",\"@type\":\"Product\",");
	pu_assert_has(p, "\"@type\":\"Offer\"");
	pu_assert_has(p, "\"@type\":\"BreadcrumbList\"");
	pu_assert_has(p, "<meta property=\"og:type\" content=\"product\">");
	pu_assert_has(p, "<meta name=\"twitter:card\" content=\"summary");
	pu_free(p);
	pu_free_row(row, 3);
}
END_TEST

/* The product's JSON-LD as it was built before it was written directly:
 * with jansson, then json_to_buf_compact. The page's must be the same bytes. */
static json_t *
reference_breadcrumbs(struct arena *a, const struct sf_seo_crumbs *c, const char *self)
{
	json_t *items = json_array();

	for (size_t i = 0; i < c->n; i++)
		json_array_append_new(items, json_pack("{s:s, s:I, s:o, s:s}", "@type", "ListItem",
						       "position", (json_int_t)(i + 1), "name", json_text(c->label[i]),
						       "item", c->url[i] ? sf_seo_url(a, c->url[i]) : self));
	return json_pack("{s:s, s:s, s:o}", "@context", "https://schema.org", "@type", "BreadcrumbList",
			 "itemListElement", items);
}

static int
reference_json(struct buf *out, struct arena *a, const struct sf_seo_product *p)
{
	json_t *doc = NULL, *product, *offer;
	char price[48];
	const char *url = sf_seo_url(a, p->path);
	int rc = -1;

	offer = json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:s, s:o, s:s}}",
			  "@type", "Offer", "url", url,
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
	if (p->rating_count > 0 && p->rating_value)
		json_object_set_new(product, "aggregateRating",
				    json_pack("{s:s, s:s, s:I, s:s, s:s}", "@type", "AggregateRating",
					      "ratingValue", p->rating_value, "reviewCount", (json_int_t)p->rating_count,
					      "bestRating", "5", "worstRating", "1"));
	doc = json_pack("[o, o]", product, reference_breadcrumbs(a, p->crumbs, url));
	if (doc != NULL && json_to_buf_compact(doc, out) == 0)
		rc = 0;
out:
	json_decref(doc);
	return rc;
}

/* Every kind of value the document holds, awkward ones included: quotes,
 * backslashes, control characters, markup, non-ASCII text, NULLs, empty
 * text, bytes that are not UTF-8 in each place, a missing address. */
START_TEST(test_product_json_as_jansson_wrote_it)
{
	static const char *const texts[] = {
		"Plain", "Quote \" Back\\slash / <b>&amp;</script>", "Tab\tline\nfeed\rform\fbell\b\x01\x1f\x7f",
		"Siobh\xC3\xA1n \xE2\x82\xAC \xF0\x9F\x98\x80", "", NULL, "bad\xff", "cut\xC3", "\xED\xA0\x80",
	};
	size_t nt = sizeof texts / sizeof texts[0], i, field, checked = 0;
	struct arena a;
	struct buf got, want;

	arena_init(&a);
	buf_init(&got);
	buf_init(&want);
	for (field = 0; field < 9; field++)
		for (i = 0; i < nt; i++) {
			struct sf_seo_crumbs crumbs = { 0 };
			struct sf_seo_product p = {
				.id = 7, .name = "Lamp", .path = "/p/7-lamp", .description = "A lamp.",
				.image = "http://127.0.0.1/media/ab/lamp.jpg", .category = "Lighting",
				.vendor = "Light & Co", .vendor_path = "/v/light", .price_minor = 1999,
				.stock = (long long)(i % 2), .rating_value = "4.5",
				.rating_count = i % 3 == 0 ? 1 : i % 3 == 1 ? 12 : 9007199254740993LL,
				.crumbs = &crumbs,
			};
			const char *t = texts[i];
			int rc_got, rc_want;

			crumbs.n = 3;
			crumbs.label[0] = "Home";
			crumbs.url[0] = "/";
			crumbs.label[1] = "Lighting";
			crumbs.url[1] = "/c/lighting";
			crumbs.label[2] = "Lamp";
			crumbs.url[2] = NULL;
			switch (field) {
			case 0: p.name = t; break;
			case 1: p.description = t; break;
			case 2: p.image = t; break;
			case 3: p.category = t; break;
			case 4: p.vendor = t; break;
			case 5: p.vendor_path = t; break;
			case 6: p.rating_value = t; break;
			case 7: crumbs.label[1] = t; break;
			case 8: crumbs.label[2] = t; p.rating_count = 0; break;
			}
			buf_reset(&got);
			buf_reset(&want);
			buf_adds(&got, "x");
			buf_adds(&want, "x");
			rc_got = sf_seo_product_json(&got, &a, &p);
			rc_want = reference_json(&want, &a, &p);
			ck_assert_msg(rc_got == rc_want, "field %zu text %zu: %d, jansson %d", field, i, rc_got, rc_want);
			ck_assert_msg(strcmp(got.data, want.data) == 0, "field %zu text %zu:\n%s\njansson:\n%s",
				      field, i, got.data, want.data);
			checked += rc_want == 0;
		}
	/* Refused: a product, category or shop name that is not UTF-8 (three
	 * texts each), a shop address missing or not UTF-8 (four). */
	ck_assert_uint_eq(checked, 9 * nt - 13);
	buf_free(&got);
	buf_free(&want);
	arena_free(&a);
}
END_TEST

static Suite *
sf_seo_suite(void)
{
	Suite *s = suite_create("sf_seo");
	TCase *tc = pu_tcase(s, "seo");

	tcase_add_test(tc, test_robots);
	tcase_add_test(tc, test_sitemaps);
	tcase_add_test(tc, test_sitemaps_bad_input);
	tcase_add_test(tc, test_product_structured_data);
	tcase_add_test(tc, test_product_json_as_jansson_wrote_it);
	return s;
}

CHECK_MAIN(sf_seo_suite)
