/*
 * Tests for cgi/lib/listing.c: the rules of a listing's fields (as a route
 * table and a CSV import call them), the save with its duplicate-SKU
 * message, its event and the cached page it deletes, and what publish,
 * archive, restore, set-stock and duplicate do, never across vendors.
 * The database parts need the test stack (MariaDB and memcached).
 */
#include "check_util.h"
#include "cache.h"
#include "catalog.h"
#include "db.h"
#include "listing.h"
#include "validator_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NEED_LIVE "needs the test stack's MariaDB and memcached (run through make test)"

START_TEST(test_name_description)
{
	char long_name[260];
	const char *out;

	ck_assert_ptr_null(run(listing_validate_name, "Oak board", &out));
	ck_assert_str_eq(out, "Oak board");
	ck_assert_ptr_null(run(listing_validate_name, "Ölkanne", NULL));	/* letters beyond ASCII */
	ck_assert_ptr_nonnull(run(listing_validate_name, "ab", NULL));
	ck_assert_ptr_nonnull(run(listing_validate_name, "---", NULL));
	memset(long_name, 'a', 201);
	long_name[201] = '\0';
	ck_assert_ptr_nonnull(run(listing_validate_name, long_name, NULL));
	long_name[200] = '\0';
	ck_assert_ptr_null(run(listing_validate_name, long_name, NULL));
	ck_assert_ptr_null(run(listing_validate_description, "- a\n- b", NULL));
}
END_TEST

START_TEST(test_amounts)
{
	const char *out;

	ck_assert_ptr_null(run(listing_validate_price, "12.5", &out));
	ck_assert_str_eq(out, "12.50");
	ck_assert_ptr_null(run(listing_validate_price, "007", &out));
	ck_assert_str_eq(out, "7.00");
	ck_assert_str_eq(run(listing_validate_price, "12,50", &out),
			 "Enter the price as an amount like 12.50, without a currency sign.");
	ck_assert_str_eq(out, "12,50");		/* untouched when refused */
	ck_assert_ptr_nonnull(run(listing_validate_price, "-1", NULL));
	ck_assert_ptr_nonnull(run(listing_validate_price, "0.00", NULL));
	ck_assert_ptr_nonnull(run(listing_validate_price, "1000000.01", NULL));
	ck_assert_ptr_null(run(listing_validate_price, "1000000", NULL));
	ck_assert_ptr_nonnull(run(listing_validate_price, "1.234", NULL));

	/* compare-at: above the price already checked, or no rule without one */
	ck_assert_ptr_null(run(listing_validate_compare_at, "5", &out));
	ck_assert_str_eq(out, "5.00");
	kvlist_add(&validator_rq.arena, &validator_rq.params, "price", "12.50", 5);
	ck_assert_ptr_nonnull(run(listing_validate_compare_at, "12.50", NULL));
	ck_assert_ptr_nonnull(strstr(run(listing_validate_compare_at, "5", NULL), "must be above the price"));
	ck_assert_ptr_null(run(listing_validate_compare_at, "12.51", NULL));
	ck_assert_ptr_nonnull(run(listing_validate_compare_at, "x", NULL));
}
END_TEST

START_TEST(test_sku_numbers_status)
{
	const char *out;
	char sku[70];

	ck_assert_ptr_null(run(listing_validate_sku, "AB-12_x.3/4", NULL));
	ck_assert_ptr_nonnull(run(listing_validate_sku, "AB 12", NULL));
	ck_assert_ptr_nonnull(run(listing_validate_sku, "_AB", NULL));
	ck_assert_ptr_nonnull(run(listing_validate_sku, "ÄB", NULL));
	memset(sku, 'A', 65);
	sku[65] = '\0';
	ck_assert_ptr_nonnull(run(listing_validate_sku, sku, NULL));
	sku[64] = '\0';
	ck_assert_ptr_null(run(listing_validate_sku, sku, NULL));

	ck_assert_ptr_null(run(listing_validate_stock, "0012", &out));
	ck_assert_str_eq(out, "12");
	ck_assert_ptr_null(run(listing_validate_stock, "1000000", NULL));
	ck_assert_ptr_nonnull(run(listing_validate_stock, "1000001", NULL));
	ck_assert_ptr_nonnull(run(listing_validate_stock, "-1", NULL));
	ck_assert_ptr_nonnull(run(listing_validate_stock, "1e3", NULL));
	ck_assert_ptr_nonnull(run(listing_validate_stock, "99999999999999999999", NULL));
	ck_assert_ptr_null(run(listing_validate_threshold, "0", NULL));
	ck_assert_ptr_nonnull(run(listing_validate_threshold, "100001", NULL));
	ck_assert_ptr_null(run(listing_validate_weight, "1000000", NULL));
	ck_assert_ptr_nonnull(run(listing_validate_weight, "1.5", NULL));

	ck_assert_ptr_null(run(listing_validate_status, "Active", &out));
	ck_assert_str_eq(out, "active");
	ck_assert_ptr_null(run(listing_validate_status, "ARCHIVED", &out));
	ck_assert_str_eq(out, "archived");
	ck_assert_ptr_nonnull(run(listing_validate_status, "review", NULL));
	ck_assert_ptr_nonnull(run(listing_validate_status, "removed", NULL));
}
END_TEST

START_TEST(test_refusals)
{
	struct arena a;

	arena_init(&a);
	ck_assert_ptr_null(listing_publish_refusal(&a, "verified", 1));
	ck_assert_ptr_nonnull(strstr(listing_publish_refusal(&a, "verified", 0), "Confirm your email"));
	ck_assert_ptr_nonnull(strstr(listing_publish_refusal(&a, "pending", 1), "still verifying"));
	ck_assert_ptr_nonnull(strstr(listing_publish_refusal(&a, "rejected", 1), "could not verify"));
	ck_assert_ptr_nonnull(strstr(listing_publish_refusal(&a, "blocked", 1), "blocked"));
	ck_assert_ptr_nonnull(strstr(listing_publish_refusal(&a, "blocked", 1), "write to"));
	ck_assert_ptr_null(listing_change_refusal(&a, "pending"));
	ck_assert_ptr_nonnull(listing_change_refusal(&a, "blocked"));
	ck_assert_str_eq(listing_status_label("active", 1), "Live");
	ck_assert_str_eq(listing_status_label("archived", 1), "Archived");
	ck_assert_str_eq(listing_status_label("review", 1), "Waiting for review");
	arena_free(&a);
}
END_TEST

/* ---- against MariaDB and memcached ---------------------------------------- */

static long long plan_id, vendor_id, other_vendor, top_id, leaf_id;

static void
remove_fixture_rows(void)
{
	db_exec("DELETE e FROM events e JOIN products p ON p.id = e.subject_id JOIN vendors v ON v.id = p.vendor_id"
		" WHERE e.type = 'product.changed' AND v.slug LIKE 'check-listing-%'", "");
	db_exec("DELETE p FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE v.slug LIKE 'check-listing-%'", "");
	db_exec("DELETE FROM categories WHERE slug = 'check-listing-leaf'", "");
	db_exec("DELETE FROM categories WHERE slug = 'check-listing-top'", "");
	db_exec("DELETE FROM vendors WHERE slug LIKE 'check-listing-%'", "");
	db_exec("DELETE FROM plans WHERE name = 'check-listing-plan'", "");
}

static void
suite_setup(void)
{
	const char *s = getenv("BAZAAR_DB_SOCKET");

	if (!s || !*s)
		return;
	if (db_connect() == 0)
		remove_fixture_rows();
	db_close();
}

static void
live_setup(void)
{
	const char *mc = getenv("BAZAAR_MEMCACHED");

	validator_setup();
	ck_assert_msg(mc && *mc, NEED_LIVE);
	ck_assert_msg(db_connect() == 0, "%s (MariaDB: %u %s)", NEED_LIVE, db_errno(), db_error());
	ck_assert_int_eq(cache_init(), 0);
	remove_fixture_rows();
	ck_assert_int_eq(db_exec("INSERT INTO plans (name, commission_bp, listing_limit, monthly_fee_minor)"
				 " VALUES ('check-listing-plan', 1000, NULL, 0)", ""), 1);
	plan_id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description, status, plan_id)"
				 " VALUES ('check-listing-a', 'A', 'A Ltd', '', 'verified', ?)", "i", plan_id), 1);
	vendor_id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description, status, plan_id)"
				 " VALUES ('check-listing-b', 'B', 'B Ltd', '', 'verified', ?)", "i", plan_id), 1);
	other_vendor = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO categories (parent_id, slug, name, depth)"
				 " VALUES (NULL, 'check-listing-top', 'Check Listing Top', 0)", ""), 1);
	top_id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO categories (parent_id, slug, name, depth)"
				 " VALUES (?, 'check-listing-leaf', 'Check Listing Leaf', 1)", "i", top_id), 1);
	leaf_id = (long long)db_insert_id();
}

static void
live_teardown(void)
{
	remove_fixture_rows();
	cache_close();
	db_close();
	validator_teardown();
}

START_TEST(test_category)
{
	const char *out;
	char id[32];

	snprintf(id, sizeof id, "%lld", leaf_id);
	ck_assert_ptr_null(run(listing_validate_category, id, &out));
	ck_assert_str_eq(out, id);
	ck_assert_ptr_null(run(listing_validate_category, "check-listing-leaf", &out));	/* a slug, as a CSV has */
	ck_assert_str_eq(out, id);
	ck_assert_ptr_nonnull(strstr(run(listing_validate_category, "check-listing-top", NULL),
				     "inside Check Listing Top"));
	ck_assert_ptr_nonnull(run(listing_validate_category, "no-such-category", NULL));
	ck_assert_ptr_nonnull(run(listing_validate_category, "0", NULL));
}
END_TEST

static long long
events_of(long long id)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM events WHERE type = 'product.changed' AND subject_id = ?", "i", id);
}

static void
fill(struct listing *l, long long vendor, const char *name, const char *sku)
{
	memset(l, 0, sizeof *l);
	l->vendor_id = vendor;
	l->category_id = leaf_id;
	l->name = name;
	l->description = "Plain.";
	l->sku = sku;
	l->price_minor = 1000;
	l->stock = 3;
	l->low_stock_threshold = 2;
}

START_TEST(test_save)
{
	struct listing l, m, got;
	char path[160], key[200];

	fill(&l, vendor_id, "Blue Jug", "JUG-1");
	ck_assert_int_eq(listing_save(&validator_rq, &l), 0);
	ck_assert_int_gt(l.id, 0);
	ck_assert_int_eq(events_of(l.id), 1);
	ck_assert_int_eq(listing_load(&validator_rq.arena, vendor_id, l.id, &got), 0);
	ck_assert_str_eq(got.status, "draft");
	ck_assert_str_eq(got.slug, "blue-jug");
	ck_assert_int_eq(got.category_id, leaf_id);
	ck_assert_int_eq(got.low_stock_threshold, 2);
	ck_assert_int_eq(got.compare_at_minor, 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT top_category_id FROM products WHERE id = ?", "i", l.id), top_id);
	/* not the other vendor's to read */
	ck_assert_int_eq(listing_load(&validator_rq.arena, other_vendor, l.id, &got), 404);

	/* the same SKU again: the field's message names the listing */
	fill(&m, vendor_id, "Red Jug", "JUG-1");
	ck_assert_int_eq(listing_save(&validator_rq, &m), 422);
	ck_assert_int_eq(m.id, 0);
	ck_assert_ptr_nonnull(kvlist_get(&validator_rq.form_errors, "sku"));
	ck_assert_ptr_nonnull(strstr(kvlist_get(&validator_rq.form_errors, "sku"), "You already use this SKU for \xe2\x80\x9c" "Blue Jug"));
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM products WHERE vendor_id = ?", "i", vendor_id), 1);
	/* another vendor may use it; no SKU at all is never a clash */
	fill(&m, other_vendor, "Their Jug", "JUG-1");
	ck_assert_int_eq(listing_save(&validator_rq, &m), 0);
	fill(&m, vendor_id, "Jug A", NULL);
	ck_assert_int_eq(listing_save(&validator_rq, &m), 0);
	fill(&m, vendor_id, "Jug B", "");
	ck_assert_int_eq(listing_save(&validator_rq, &m), 0);

	/* an edit by the wrong vendor is "not found" and changes nothing */
	got.vendor_id = other_vendor;
	got.id = l.id;
	got.name = "Hijacked";
	ck_assert_int_eq(listing_save(&validator_rq, &got), 404);

	/* a rename: the page cached at the old address goes, a new event */
	ck_assert_ptr_nonnull(catalog_product_path(l.id, "blue-jug", path, sizeof path));
	ck_assert_ptr_nonnull(catalog_page_key(path, key, sizeof key));
	ck_assert_int_eq(cache_set(key, "old page", 8, 60), 0);
	l.name = "Cobalt Jug";
	l.compare_at_minor = 1500;
	ck_assert_int_eq(listing_save(&validator_rq, &l), 0);
	ck_assert_str_eq(l.slug, "cobalt-jug");
	ck_assert_ptr_null(cache_get(key, NULL));
	ck_assert_int_eq(events_of(l.id), 2);
	ck_assert_int_eq(listing_load(&validator_rq.arena, vendor_id, l.id, &got), 0);
	ck_assert_str_eq(got.name, "Cobalt Jug");
	ck_assert_int_eq(got.compare_at_minor, 1500);
}
END_TEST

START_TEST(test_status_changes)
{
	struct listing l, got;
	long long copy = 0;

	fill(&l, vendor_id, "Green Jug", "GJ");
	ck_assert_int_eq(listing_save(&validator_rq, &l), 0);
	ck_assert_int_eq(listing_publish(&validator_rq, other_vendor, l.id), LISTING_NOT_FOUND);
	ck_assert_int_eq(listing_publish(&validator_rq, vendor_id, l.id), LISTING_ACTIVE);
	ck_assert_int_eq(listing_publish(&validator_rq, vendor_id, l.id), LISTING_ACTIVE);	/* already */
	ck_assert_int_eq(events_of(l.id), 2);
	ck_assert_int_eq(listing_restore(&validator_rq, vendor_id, l.id), LISTING_CONFLICT);
	ck_assert_int_eq(listing_archive(&validator_rq, other_vendor, l.id), LISTING_NOT_FOUND);
	ck_assert_int_eq(listing_archive(&validator_rq, vendor_id, l.id), LISTING_OK);
	ck_assert_int_eq(listing_publish(&validator_rq, vendor_id, l.id), LISTING_CONFLICT);
	ck_assert_int_eq(listing_restore(&validator_rq, vendor_id, l.id), LISTING_OK);
	ck_assert_int_eq(listing_load(&validator_rq.arena, vendor_id, l.id, &got), 0);
	ck_assert_str_eq(got.status, "draft");
	ck_assert_int_eq(listing_set_stock(&validator_rq, vendor_id, l.id, 42), LISTING_OK);
	ck_assert_int_eq(listing_set_stock(&validator_rq, other_vendor, l.id, 1), LISTING_NOT_FOUND);
	ck_assert_int_eq(listing_set_stock(&validator_rq, vendor_id, l.id, -1), LISTING_CONFLICT);
	ck_assert_int_eq(db_scalar(-1, "SELECT stock FROM products WHERE id = ?", "i", l.id), 42);

	ck_assert_int_eq(listing_duplicate(&validator_rq, other_vendor, l.id, &copy), LISTING_NOT_FOUND);
	ck_assert_int_eq(listing_duplicate(&validator_rq, vendor_id, l.id, &copy), LISTING_OK);
	ck_assert_int_eq(listing_load(&validator_rq.arena, vendor_id, copy, &got), 0);
	ck_assert_str_eq(got.name, "Green Jug (copy)");
	ck_assert_ptr_null(got.sku);
	ck_assert_int_eq(got.stock, 0);
	ck_assert_str_eq(got.status, "draft");

	/* the *_tx forms join the caller's transaction: a rollback keeps nothing */
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(listing_archive_tx(&validator_rq, vendor_id, l.id), LISTING_OK);
	ck_assert_int_eq(db_rollback(), 0);
	ck_assert_int_eq(listing_load(&validator_rq.arena, vendor_id, l.id, &got), 0);
	ck_assert_str_eq(got.status, "draft");
}
END_TEST

START_TEST(test_duplicate_long_name)
{
	struct listing l, got;
	char name[201];
	long long copy = 0;

	memset(name, 'x', 195);
	memcpy(name + 195, "\xc3\xa9\xc3\xa9", 4);	/* ends in two two-byte letters */
	name[199] = '\0';
	fill(&l, vendor_id, name, NULL);
	ck_assert_int_eq(listing_save(&validator_rq, &l), 0);
	ck_assert_int_eq(listing_duplicate(&validator_rq, vendor_id, l.id, &copy), LISTING_OK);
	ck_assert_int_eq(listing_load(&validator_rq.arena, vendor_id, copy, &got), 0);
	ck_assert_uint_le(strlen(got.name), 200 * 4);
	ck_assert_ptr_nonnull(strstr(got.name, " (copy)"));
	ck_assert_int_eq(db_scalar(-1, "SELECT CHAR_LENGTH(name) FROM products WHERE id = ?", "i", copy), 200);
}
END_TEST

static Suite *
listing_suite(void)
{
	Suite *s = suite_create("listing");
	TCase *tc = tcase_create("fields"), *live = tcase_create("live");

	tcase_add_checked_fixture(tc, validator_setup, validator_teardown);
	tcase_add_test(tc, test_name_description);
	tcase_add_test(tc, test_amounts);
	tcase_add_test(tc, test_sku_numbers_status);
	tcase_add_test(tc, test_refusals);
	suite_add_tcase(s, tc);
	tcase_add_unchecked_fixture(live, suite_setup, suite_setup);
	tcase_add_checked_fixture(live, live_setup, live_teardown);
	tcase_add_test(live, test_category);
	tcase_add_test(live, test_save);
	tcase_add_test(live, test_status_changes);
	tcase_add_test(live, test_duplicate_long_name);
	suite_add_tcase(s, live);
	return s;
}

CHECK_MAIN(listing_suite)
