/*
 * Tests for cgi/lib/sitemap.c against the test stack's catalogue: the
 * files of a kind split at the given size and together list each page
 * once, in the index with the newest lastmod of each; past the last file
 * there is none; the base address is escaped; sitemap_publish stores what
 * the storefront would draw, under the keys nginx asks for.
 */
#include "check_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "db.h"
#include "sitemap.h"

#define BASE "https://shop.example"

static struct sitemap_site site = { BASE, "/sitemap.xml", "/sitemaps", 1000 };

static long long
count_of(const char *haystack, const char *needle)
{
	long long n = 0;

	for (const char *p = haystack; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* The newest lastmod in a document's <lastmod> elements. */
static void
newest(const char *doc, char *out, size_t n)
{
	out[0] = '\0';
	for (const char *p = doc; (p = strstr(p, "<lastmod>")) != NULL; p += 9)
		if (strncmp(p + 9, out, 20) > 0)
			snprintf(out, n, "%.20s", p + 9);
}

START_TEST(test_products_split_and_listed_once)
{
	long long total, per_file, files, listed = 0, n;
	struct buf index, doc;
	char loc[128], last[32];
	int got;

	CHECK_DB_CONNECT("check_sitemap");
	total = db_scalar(-1, "SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id"
			  " WHERE p.status = 'active' AND v.status = 'verified'", "");
	ck_assert_int_gt(total, 10);
	per_file = total / 3 + 1;	/* three files, the last one shorter */
	files = (total + per_file - 1) / per_file;
	ck_assert_int_eq(files, 3);

	site.per_file = per_file;
	buf_init(&index);
	ck_assert_int_eq(sitemap_index(&index, &site), 0);
	ck_assert_ptr_nonnull(strstr(index.data, "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
	for (n = 1; n <= files + 1; n++) {
		buf_init(&doc);
		got = sitemap_file(&doc, &site, SITEMAP_PRODUCTS, n);
		snprintf(loc, sizeof loc, "<loc>" BASE "/sitemaps/products-%lld.xml</loc>", n);
		if (n > files) {
			ck_assert_int_eq(got, 1);
			ck_assert_ptr_null(strstr(index.data, loc));
			buf_free(&doc);
			break;
		}
		ck_assert_int_eq(got, 0);
		ck_assert_int_le(count_of(doc.data, "<url>"), per_file);
		listed += count_of(doc.data, "<url>");
		/* The index names the file with its newest page's lastmod. */
		newest(doc.data, last, sizeof last);
		ck_assert_ptr_nonnull(strstr(index.data, loc));
		ck_assert_ptr_nonnull(strstr(strstr(index.data, loc), last));
		ck_assert_int_eq(count_of(doc.data, "<loc>" BASE "/p/"), count_of(doc.data, "<url>"));
		buf_free(&doc);
	}
	ck_assert_int_eq(listed, total);
	ck_assert_int_eq(count_of(index.data, "/sitemaps/products-"), files);
	ck_assert_int_eq(count_of(index.data, "/sitemaps/categories-1.xml"), 1);
	ck_assert_int_eq(count_of(index.data, "/sitemaps/shops-1.xml"), 1);
	buf_free(&index);
	db_close();
}
END_TEST

START_TEST(test_lastmod_and_escaping)
{
	struct buf doc;
	struct db_result *r;
	char expect[256];

	CHECK_DB_CONNECT("check_sitemap");
	r = db_query("SELECT CONCAT('/p/', p.id, '-', p.slug), DATE_FORMAT(p.updated_at, '%Y-%m-%dT%H:%i:%sZ')"
		     " FROM products p JOIN vendors v ON v.id = p.vendor_id"
		     " WHERE p.status = 'active' AND v.status = 'verified' ORDER BY p.id LIMIT 1", "");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(db_next(r), 1);
	snprintf(expect, sizeof expect, "<url><loc>https://a.example/?x=1&amp;y=%%3C%s</loc><lastmod>%s</lastmod></url>\n",
		 db_str(r, 0), db_str(r, 1));
	struct sitemap_site odd = { "https://a.example/?x=1&y=%3C", "/sitemap.xml", "/sitemaps", 5 };
	buf_init(&doc);
	ck_assert_int_eq(sitemap_file(&doc, &odd, SITEMAP_PRODUCTS, 1), 0);
	ck_assert_ptr_nonnull(strstr(doc.data, expect));
	ck_assert_int_eq(count_of(doc.data, "<url>"), 5);
	/* No such file: a kind out of range, a file 0. */
	buf_reset(&doc);
	ck_assert_int_eq(sitemap_file(&doc, &odd, SITEMAP_NKINDS, 1), 1);
	ck_assert_int_eq(sitemap_file(&doc, &odd, SITEMAP_PRODUCTS, 0), 1);
	ck_assert_int_eq(sitemap_kind("shops"), SITEMAP_SHOPS);
	ck_assert_int_eq(sitemap_kind("shop"), -1);
	buf_free(&doc);
	db_free(r);
	db_close();
}
END_TEST

START_TEST(test_publish_stores_what_the_storefront_draws)
{
	struct sitemap_counts c;
	struct buf doc;
	char key[SITEMAP_KEY_MAX], *cached;
	size_t len;

	CHECK_DB_CONNECT("check_sitemap");
	ck_assert_int_eq(cache_init(), 0);
	ck_assert_msg(cache_enabled(), "BAZAAR_MEMCACHED is not set: run through `make test`");
	site.per_file = 1000;
	ck_assert_int_eq(sitemap_publish(&site, 60, &c), 0);
	ck_assert_int_ge(c.files[SITEMAP_PRODUCTS], 1);
	ck_assert_int_eq(c.files[SITEMAP_CATEGORIES], 1);
	ck_assert_int_gt(c.urls[SITEMAP_SHOPS], 0);
	ck_assert_int_eq(c.urls[SITEMAP_PRODUCTS],
			 db_scalar(-1, "SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id"
				   " WHERE p.status = 'active' AND v.status = 'verified'", ""));
	buf_init(&doc);
	ck_assert_int_eq(sitemap_file(&doc, &site, SITEMAP_CATEGORIES, 1), 0);
	ck_assert_ptr_nonnull(sitemap_cache_key("/sitemaps/categories-1.xml", key, sizeof key));
	ck_assert_str_eq(key, "sm:/sitemaps/categories-1.xml");
	cached = cache_get(key, &len);
	ck_assert_ptr_nonnull(cached);
	ck_assert_uint_eq(len, doc.len);
	ck_assert_int_eq(memcmp(cached, doc.data, len), 0);
	free(cached);
	buf_reset(&doc);
	ck_assert_int_eq(sitemap_index(&doc, &site), 0);
	cached = cache_get("sm:/sitemap.xml", &len);
	ck_assert_ptr_nonnull(cached);
	ck_assert_uint_eq(len, doc.len);
	free(cached);
	buf_free(&doc);
	/* The stack's own copies back (its job's base address and size). */
	cache_delete("sm:/sitemap.xml");
	cache_delete("sm:/sitemaps/categories-1.xml");
	cache_delete("sm:/sitemaps/shops-1.xml");
	for (long long n = 1; n <= c.files[SITEMAP_PRODUCTS]; n++) {
		snprintf(key, sizeof key, "sm:/sitemaps/products-%lld.xml", n);
		cache_delete(key);
	}
	cache_close();
	db_close();
}
END_TEST

static Suite *
sitemap_suite(void)
{
	Suite *s = suite_create("sitemap");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_products_split_and_listed_once);
	tcase_add_test(tc, test_lastmod_and_escaping);
	tcase_add_test(tc, test_publish_stores_what_the_storefront_draws);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(sitemap_suite)
