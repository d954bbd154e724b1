/*
 * Page tests for sf_seo.c: GET /robots.txt, /sitemap.xml and
 * /sitemaps/<kind>-<n>.xml as the storefront answers them (nginx's
 * memcached copies are tests/http/seo.test.mjs's), and the structured data
 * of a product page.
 */
#include "page_util.h"

#include "cache.h"

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

static Suite *
sf_seo_suite(void)
{
	Suite *s = suite_create("sf_seo");
	TCase *tc = pu_tcase(s, "seo");

	tcase_add_test(tc, test_robots);
	tcase_add_test(tc, test_sitemaps);
	tcase_add_test(tc, test_sitemaps_bad_input);
	tcase_add_test(tc, test_product_structured_data);
	return s;
}

CHECK_MAIN(sf_seo_suite)
