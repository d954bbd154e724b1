/*
 * Tests for catalog: slugs, paths and keys (pure functions), and the setters
 * against the live MariaDB and memcached of the test stack (BAZAAR_DB_SOCKET,
 * BAZAAR_MEMCACHED, with schema/ applied). The live tests make their own plan,
 * vendor, categories and product, named check-catalog-*, and remove them at
 * the end. Without the two services the live tests fail, saying why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "cache.h"
#include "catalog.h"
#include "db.h"

#define NEED_LIVE "check_catalog needs a live MariaDB with the schema applied and " \
	"a live memcached: run it through `make test`, or set BAZAAR_DB_SOCKET, " \
	"BAZAAR_DB_NAME, BAZAAR_DB_USER, BAZAAR_DB_PASSWORD and BAZAAR_MEMCACHED"

/* ---- slugs, paths, keys -------------------------------------------------- */

static const char *
slug(const char *name)
{
	static char out[CATALOG_SLUG_MAX + 1];

	return catalog_slugify(name, out, sizeof out);
}

START_TEST(test_slug_ascii)
{
	ck_assert_str_eq(slug("Red Shoe"), "red-shoe");
	ck_assert_str_eq(slug("  Hello,   World!! "), "hello-world");
	ck_assert_str_eq(slug("Cast Iron Skillet, 26 cm"), "cast-iron-skillet-26-cm");
	ck_assert_str_eq(slug("USB-C Charger (65 W)"), "usb-c-charger-65-w");
	ck_assert_str_eq(slug("Home & Kitchen"), "home-kitchen");
	ck_assert_str_eq(slug("--already-a-slug--"), "already-a-slug");
	ck_assert_str_eq(slug("Men's T-Shirt"), "mens-t-shirt");
	ck_assert_str_eq(slug("2–4 Players"), "2-4-players");	/* en dash */
}
END_TEST

START_TEST(test_slug_unicode)
{
	ck_assert_str_eq(slug("Crème Brûlée"), "creme-brulee");
	ck_assert_str_eq(slug("Straße"), "strasse");
	ck_assert_str_eq(slug("Łódź"), "lodz");
	ck_assert_str_eq(slug("Ærøskøbing Œuvre"), "aeroskobing-oeuvre");
	ck_assert_str_eq(slug("Men’s Jumper"), "mens-jumper");		/* U+2019 */
	ck_assert_str_eq(slug("Cafe\xcc\x81 Noir"), "cafe-noir");	/* combining acute */
	ck_assert_str_eq(slug("Ünïcödé ☕ Mug"), "unicode-mug");
	ck_assert_str_eq(slug("Tea 茶 Set"), "tea-set");
	ck_assert_str_eq(slug("日本の茶"), "item");
	ck_assert_str_eq(slug("3×4 Frame"), "3-4-frame");
}
END_TEST

START_TEST(test_slug_invalid_and_empty)
{
	ck_assert_str_eq(slug(""), "item");
	ck_assert_str_eq(slug(NULL), "item");
	ck_assert_str_eq(slug("!!! ??? ..."), "item");
	ck_assert_str_eq(slug("'''"), "item");
	ck_assert_str_eq(slug("a\xff" "b"), "a-b");			/* stray byte */
	ck_assert_str_eq(slug("\xc3\x28 ok"), "ok");			/* bad continuation */
	ck_assert_str_eq(slug("\xc0\xaf" "x"), "x");			/* overlong '/' */
	ck_assert_str_eq(slug("\xed\xa0\x80 y"), "y");			/* surrogate */
	ck_assert_str_eq(slug("abc\xe2\x82"), "abc");			/* cut short */
}
END_TEST

START_TEST(test_slug_long)
{
	char name[1000], out[CATALOG_SLUG_MAX + 1], small[6];
	size_t i;

	memset(name, 'a', 300);
	name[300] = '\0';
	ck_assert_uint_eq(strlen(catalog_slugify(name, out, sizeof out)), CATALOG_SLUG_MAX);

	/* A separator that would land on the limit is trimmed, not kept. */
	name[0] = '\0';
	for (i = 0; i < 40; i++)
		strcat(name, "word ");
	catalog_slugify(name, out, sizeof out);
	ck_assert_uint_le(strlen(out), CATALOG_SLUG_MAX);
	ck_assert_int_ne(out[strlen(out) - 1], '-');
	ck_assert_int_eq(strncmp(out, "word-word-", 10), 0);

	/* Transliterations that expand still respect the limit. */
	name[0] = '\0';
	for (i = 0; i < 60; i++)
		strcat(name, "ß");
	ck_assert_uint_eq(strlen(catalog_slugify(name, out, sizeof out)), CATALOG_SLUG_MAX);

	/* A small buffer bounds the slug, and "item" is cut to fit too. */
	ck_assert_str_eq(catalog_slugify("hello world", small, sizeof small), "hello");
	ck_assert_str_eq(catalog_slugify("ab cd ef", small, sizeof small), "ab-cd");
	ck_assert_str_eq(catalog_slugify("", small, 3), "it");
	ck_assert_str_eq(catalog_slugify("x", small, 1), "");
}
END_TEST

START_TEST(test_paths_and_keys)
{
	char out[64], tiny[8], longpath[300];

	ck_assert_str_eq(catalog_product_path(12, "red-shoe", out, sizeof out), "/p/12-red-shoe");
	ck_assert_ptr_null(catalog_product_path(12, "red-shoe", tiny, sizeof tiny));

	ck_assert_str_eq(catalog_page_key("/p/12-red-shoe", out, sizeof out), "pg:/p/12-red-shoe");
	ck_assert_ptr_null(catalog_page_key("/p/12 red", out, sizeof out));
	ck_assert_ptr_null(catalog_page_key("/p/12\nred", out, sizeof out));
	ck_assert_ptr_null(catalog_page_key("/p/12-red-shoe", tiny, sizeof tiny));
	memset(longpath, 'a', sizeof longpath - 1);
	longpath[sizeof longpath - 1] = '\0';
	ck_assert_ptr_null(catalog_page_key(longpath, out, sizeof out));

	ck_assert_str_eq(catalog_image_path(12345, 1, "svg", out, sizeof out), "p/12/12345-1.svg");
	ck_assert_str_eq(catalog_image_path(7, 2, "jpg", out, sizeof out), "p/0/7-2.jpg");
	ck_assert_ptr_null(catalog_image_path(12345, 1, "svg", tiny, sizeof tiny));
}
END_TEST

/* ---- against MariaDB and memcached ---------------------------------------- */

static long long plan_id, vendor_id, top_id, sub_id, product_id;

static void
remove_fixture_rows(void)
{
	db_exec("DELETE p FROM products p JOIN vendors v ON v.id = p.vendor_id "
		"WHERE v.slug = 'check-catalog-vendor'", "");
	db_exec("DELETE FROM categories WHERE slug = 'check-catalog-sub'", "");
	db_exec("DELETE FROM categories WHERE slug = 'check-catalog-top'", "");
	db_exec("DELETE FROM vendors WHERE slug = 'check-catalog-vendor'", "");
	db_exec("DELETE FROM plans WHERE name = 'check-catalog-plan'", "");
}

/* In the parent, once: leftovers of an interrupted run go away. */
static void
suite_setup(void)
{
	const char *s = getenv("BAZAAR_DB_SOCKET"), *h = getenv("BAZAAR_DB_HOST");

	if ((!s || !*s) && (!h || !*h))
		return;
	if (db_connect() == 0)
		remove_fixture_rows();
	db_close();
}

static void
suite_teardown(void)
{
	suite_setup();
}

static void
live_setup(void)
{
	const char *mc = getenv("BAZAAR_MEMCACHED");

	ck_assert_msg(mc && *mc, NEED_LIVE);
	ck_assert_msg(db_connect() == 0, "%s (MariaDB: %u %s)", NEED_LIVE, db_errno(), db_error());
	ck_assert_int_eq(cache_init(), 0);
	ck_assert_msg(cache_set("check_catalog:ping", "1", 1, 60) == 0,
		      "memcached at %s does not answer", mc);

	remove_fixture_rows();
	ck_assert_int_eq(db_exec("INSERT INTO plans (name, commission_bp, listing_limit, "
				 "monthly_fee_minor) VALUES ('check-catalog-plan', 1000, NULL, 0)", ""), 1);
	plan_id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description, "
				 "status, plan_id) VALUES ('check-catalog-vendor', 'Check Vendor', "
				 "'Check Vendor Ltd', '', 'verified', ?)", "i", plan_id), 1);
	vendor_id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO categories (parent_id, slug, name, depth) "
				 "VALUES (NULL, 'check-catalog-top', 'Check Top', 0)", ""), 1);
	top_id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO categories (parent_id, slug, name, depth) "
				 "VALUES (?, 'check-catalog-sub', 'Check Sub', 1)", "i", top_id), 1);
	sub_id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, "
				 "name, slug, description, price_minor, stock, status) VALUES "
				 "(?, ?, ?, 'Red Shoe', 'red-shoe', 'A shoe.', 4999, 10, 'active')",
				 "iii", vendor_id, sub_id, top_id), 1);
	product_id = (long long)db_insert_id();
}

static void
live_teardown(void)
{
	remove_fixture_rows();
	cache_close();
	db_close();
}

static int
page_cached(const char *key)
{
	char *v = cache_get(key, NULL);
	int cached = v != NULL;

	free(v);
	return cached;
}

/* Puts a fake page under the product's key for path /p/<id>-<slug>. */
static void
plant_page(const char *product_slug, char *key, size_t keysz)
{
	char path[128];

	ck_assert_ptr_nonnull(catalog_product_path(product_id, product_slug, path, sizeof path));
	ck_assert_ptr_nonnull(catalog_page_key(path, key, keysz));
	ck_assert_int_eq(cache_set(key, "<p>stale</p>", 12, 300), 0);
	ck_assert(page_cached(key));
}

START_TEST(test_set_price)
{
	char key[256];
	unsigned long long list_before, home_before;

	plant_page("red-shoe", key, sizeof key);
	list_before = cache_gen(CATALOG_FAMILY_LIST);
	home_before = cache_gen(CATALOG_FAMILY_HOME);

	ck_assert_int_eq(catalog_set_price(product_id, 3999), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT price_minor FROM products WHERE id = ?", "i",
				   product_id), 3999);
	ck_assert_msg(!page_cached(key), "page %s still cached after a price change", key);
	ck_assert_uint_ne(cache_gen(CATALOG_FAMILY_LIST), list_before);
	ck_assert_uint_ne(cache_gen(CATALOG_FAMILY_HOME), home_before);

	ck_assert_int_eq(catalog_set_price(product_id, -1), -1);
	ck_assert_int_eq(db_scalar(-1, "SELECT price_minor FROM products WHERE id = ?", "i",
				   product_id), 3999);
}
END_TEST

START_TEST(test_set_stock)
{
	char key[256];
	unsigned long long before;

	plant_page("red-shoe", key, sizeof key);
	before = cache_gen(CATALOG_FAMILY_LIST);
	ck_assert_int_eq(catalog_set_stock(product_id, 0), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT stock FROM products WHERE id = ?", "i", product_id), 0);
	ck_assert(!page_cached(key));
	ck_assert_uint_ne(cache_gen(CATALOG_FAMILY_LIST), before);
	ck_assert_int_eq(catalog_set_stock(product_id, -3), -1);
	ck_assert_int_eq(catalog_set_stock(product_id, 5000000000LL), -1);
}
END_TEST

START_TEST(test_update_product_renames)
{
	char old_key[256], new_key[256];
	struct db_result *r;

	plant_page("red-shoe", old_key, sizeof old_key);
	plant_page("crimson-running-shoe", new_key, sizeof new_key);

	ck_assert_int_eq(catalog_update_product(product_id, "Crimson Running Shoe",
						"A faster shoe.", 5999, 7), 0);
	r = db_query("SELECT name, slug, description, price_minor, stock FROM products WHERE id = ?",
		     "i", product_id);
	ck_assert_ptr_nonnull(r);
	ck_assert(db_next(r));
	ck_assert_str_eq(db_str(r, 0), "Crimson Running Shoe");
	ck_assert_str_eq(db_str(r, 1), "crimson-running-shoe");
	ck_assert_str_eq(db_str(r, 2), "A faster shoe.");
	ck_assert_int_eq(db_int(r, 3), 5999);
	ck_assert_int_eq(db_int(r, 4), 7);
	db_free(r);
	ck_assert_msg(!page_cached(old_key), "old path %s still cached", old_key);
	ck_assert_msg(!page_cached(new_key), "new path %s still cached", new_key);

	ck_assert_int_eq(catalog_update_product(product_id, "", "x", 1, 1), -1);
	ck_assert_int_eq(catalog_update_product(product_id, "Shoe", "x", -1, 1), -1);
}
END_TEST

START_TEST(test_unknown_product)
{
	unsigned long long before = cache_gen(CATALOG_FAMILY_LIST);
	long long missing = db_scalar(0, "SELECT COALESCE(MAX(id), 0) + 1000 FROM products", "");

	ck_assert_int_eq(catalog_set_price(missing, 100), -1);
	ck_assert_int_eq(catalog_set_stock(missing, 1), -1);
	ck_assert_int_eq(catalog_update_product(missing, "Ghost", "", 1, 1), -1);
	ck_assert_int_eq(catalog_product_changed(missing), -1);
	/* Listings are still retired: they might have shown it. */
	ck_assert_uint_ne(cache_gen(CATALOG_FAMILY_LIST), before);
}
END_TEST

START_TEST(test_top_category)
{
	long long missing = db_scalar(0, "SELECT COALESCE(MAX(id), 0) + 1000 FROM categories", "");

	ck_assert_int_eq(catalog_top_category(sub_id), top_id);
	ck_assert_int_eq(catalog_top_category(top_id), top_id);
	ck_assert_int_eq(catalog_top_category(missing), -1);
}
END_TEST

static Suite *
check_catalog_suite(void)
{
	Suite *s = suite_create("catalog");
	TCase *pure = tcase_create("slugs and paths");
	TCase *live = tcase_create("live");

	tcase_add_test(pure, test_slug_ascii);
	tcase_add_test(pure, test_slug_unicode);
	tcase_add_test(pure, test_slug_invalid_and_empty);
	tcase_add_test(pure, test_slug_long);
	tcase_add_test(pure, test_paths_and_keys);
	suite_add_tcase(s, pure);

	tcase_add_unchecked_fixture(live, suite_setup, suite_teardown);
	tcase_add_checked_fixture(live, live_setup, live_teardown);
	tcase_set_timeout(live, 30);
	tcase_add_test(live, test_set_price);
	tcase_add_test(live, test_set_stock);
	tcase_add_test(live, test_update_product_renames);
	tcase_add_test(live, test_unknown_product);
	tcase_add_test(live, test_top_category);
	suite_add_tcase(s, live);
	return s;
}

CHECK_MAIN(check_catalog_suite)
