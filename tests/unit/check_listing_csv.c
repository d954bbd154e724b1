/*
 * Tests for cgi/lib/listing_csv.c: reading and checking a file (no
 * database), and applying and exporting against the test stack's MariaDB
 * with a plan, vendors and categories of their own (check-lcsv-*).
 */
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "cache.h"
#include "db.h"
#include "listing_csv.h"

#define HEADER "sku,name,category,price,compare_at_price,stock,status,description\r\n"

/* Reads text; returns the problems as "line:column:message" lines. */
static const char *
problems_of(struct arena *a, struct listing_csv *c, const char *text)
{
	struct buf out;
	size_t i;
	char *s;

	listing_csv_init(c, a);
	listing_csv_read(c, text, strlen(text));
	buf_init(&out);
	buf_adds(&out, "");
	for (i = 0; i < c->nproblems; i++)
		buf_printf(&out, "%ld:%s:%s\n", c->problems[i].line,
			   c->problems[i].column ? c->problems[i].column : "", c->problems[i].message);
	s = arena_strdup(a, out.data);
	buf_free(&out);
	return s;
}

START_TEST(test_read_good_file)
{
	struct arena a;
	struct listing_csv c;

	arena_init(&a);
	ck_assert_str_eq(problems_of(&a, &c, "\xEF\xBB\xBF" HEADER
				     "MUG-1,Blue mug,mugs,12.50,,7,active,\"A mug.\r\n\r\nHolds tea.\"\r\n"
				     "MUG-2,  Red   mug ,mugs,3,4.99,0,draft,Red.\r\n"
				     ",,,,,,,\r\n"
				     "EQ-1,'=Formula name,mugs,1.00,,1,draft,'-1 calc\r\n"), "");
	ck_assert_uint_eq(c.nlines, 3);
	ck_assert_int_eq(c.lines[0].line, 2);
	ck_assert_str_eq(c.lines[0].sku, "MUG-1");
	ck_assert_int_eq(c.lines[0].price_minor, 1250);
	ck_assert_int_eq(c.lines[0].compare_at_minor, 0);
	ck_assert_int_eq(c.lines[0].threshold, -1);	/* the column is not in the file */
	ck_assert_str_eq(c.lines[0].description, "A mug.\n\nHolds tea.");
	ck_assert_int_eq(c.lines[1].line, 5);
	ck_assert_str_eq(c.lines[1].name, "Red   mug");
	ck_assert_int_eq(c.lines[1].compare_at_minor, 499);
	ck_assert_int_eq(c.lines[1].stock, 0);
	ck_assert_str_eq(c.lines[1].status, "draft");
	/* An exported guard is taken off again. */
	ck_assert_str_eq(c.lines[2].name, "=Formula name");
	ck_assert_str_eq(c.lines[2].description, "-1 calc");
	/* Columns in another order, optional ones left out, names in capitals. */
	ck_assert_str_eq(problems_of(&a, &c, "Description,Status,STOCK,price,category,name,sku\n"
				     "A cup.,ACTIVE,1,2,mugs,Cup,C-1\n"), "");
	ck_assert_str_eq(c.lines[0].status, "active");
	ck_assert_int_eq(c.lines[0].compare_at_minor, -1);
	arena_free(&a);
}
END_TEST

START_TEST(test_read_reports_every_line)
{
	struct arena a;
	struct listing_csv c;
	const char *p;

	arena_init(&a);
	p = problems_of(&a, &c, HEADER
			"OK-1,Fine,mugs,1.00,,1,active,d\r\n"
			"bad sku,Name,mugs,1.00,,1,active,d\r\n"
			"OK-2,,mugs,12.345,,-1,sold,d\r\n"
			"OK-3,Cheap,mugs,5.00,4.00,1,draft,d\r\n"
			"OK-1,Again,mugs,1.00,,1,active,d\r\n"
			"OK-4,Short line\r\n"
			"OK-5,Bad cat,Kitchen Knives,1,,1,draft,\r\n");
	ck_assert_ptr_nonnull(strstr(p, "3:sku:The SKU can hold only letters A to Z"));
	ck_assert_ptr_nonnull(strstr(p, "4:name:Enter the product's name.\n"));
	ck_assert_ptr_nonnull(strstr(p, "4:price:Enter the price as an amount like 12.50"));
	ck_assert_ptr_nonnull(strstr(p, "4:stock:Enter the stock as a whole number"));
	ck_assert_ptr_nonnull(strstr(p, "4:status:The status must be draft, active or archived.\n"));
	ck_assert_ptr_nonnull(strstr(p, "5:compare_at_price:The compare-at price must be above the price"));
	ck_assert_ptr_nonnull(strstr(p, "8:description:Describe the product"));
	ck_assert_ptr_nonnull(strstr(p, "6:sku:The SKU OK-1 is on line 2 too"));
	ck_assert_ptr_nonnull(strstr(p, "7::The line has 2 fields where the first line names 8 columns.\n"));
	ck_assert_ptr_nonnull(strstr(p, "8:category:Enter the category's short name"));
	ck_assert_uint_eq(c.nlines, 1);
	arena_free(&a);
}
END_TEST

START_TEST(test_read_bad_files)
{
	struct arena a;
	struct listing_csv c;

	arena_init(&a);
	ck_assert_str_eq(problems_of(&a, &c, ""), "0::The file is empty: its first line names the columns.\n");
	ck_assert_str_eq(problems_of(&a, &c, HEADER), "0::The file names the columns but has no listing.\n");
	ck_assert_ptr_nonnull(strstr(problems_of(&a, &c, "sku,name,colour\n"),
				     "1::The first line names a column this file cannot have: \"colour\""));
	ck_assert_ptr_nonnull(strstr(problems_of(&a, &c, "sku,name,colour\n"), "1:price:The first line has no column price"));
	ck_assert_ptr_nonnull(strstr(problems_of(&a, &c, "sku,sku,name,category,price,stock,status\n"),
				     "1:sku:The column sku is named twice."));
	ck_assert_str_eq(problems_of(&a, &c, HEADER "A,\"open,mugs\n"),
			 "2::A quoted field is not closed.\n");
	ck_assert_str_eq(problems_of(&a, &c, HEADER "A,Caf\xE9,mugs,1,,1,draft,d\n"),
			 "2::The line is not UTF-8 text (save the file as \"CSV UTF-8\").\n");
	ck_assert_ptr_nonnull(strstr(problems_of(&a, &c, HEADER "A,Bell\x07,mugs,1,,1,draft,d\n"),
				     "2:name:Name (name) contains characters that are not allowed."));
	arena_free(&a);
}
END_TEST

START_TEST(test_read_many_problems_capped)
{
	struct arena a;
	struct listing_csv c;
	struct buf in;
	int i;

	arena_init(&a);
	buf_init(&in);
	buf_adds(&in, HEADER);
	for (i = 0; i < 300; i++)
		buf_printf(&in, "S-%d,,mugs,1,,1,draft,d\n", i);
	listing_csv_init(&c, &a);
	ck_assert_uint_eq(listing_csv_read(&c, in.data, in.len), 300);
	ck_assert_uint_eq(c.nproblems, LISTING_CSV_MAX_PROBLEMS);
	ck_assert_uint_eq(c.problems_more, 300 - LISTING_CSV_MAX_PROBLEMS);
	buf_free(&in);
	arena_free(&a);
}
END_TEST

/* ---- against MariaDB ------------------------------------------------------ */

static long long plan_id, vendor_id, other_id, top_id, leaf_id;

static void
remove_fixture_rows(void)
{
	db_exec("DELETE r FROM listing_reviews r JOIN vendors v ON v.id = r.vendor_id WHERE v.slug LIKE 'check-lcsv-%'", "");
	db_exec("DELETE p FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE v.slug LIKE 'check-lcsv-%'", "");
	db_exec("DELETE FROM categories WHERE slug = 'check-lcsv-leaf'", "");
	db_exec("DELETE FROM categories WHERE slug = 'check-lcsv-top'", "");
	db_exec("DELETE FROM vendors WHERE slug LIKE 'check-lcsv-%'", "");
	db_exec("DELETE FROM plans WHERE name = 'check-lcsv-plan'", "");
}

static void
live_setup(void)
{
	CHECK_DB_CONNECT("check_listing_csv");
	cache_init();
	remove_fixture_rows();
	ck_assert_int_eq(db_exec("INSERT INTO plans (name, commission_bp, listing_limit, monthly_fee_minor)"
				 " VALUES ('check-lcsv-plan', 1000, NULL, 0)", ""), 1);
	plan_id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description, status, plan_id)"
				 " VALUES ('check-lcsv-a', 'A', 'A Ltd', '', 'verified', ?),"
				 " ('check-lcsv-b', 'B', 'B Ltd', '', 'verified', ?)", "ii", plan_id, plan_id), 2);
	vendor_id = db_scalar(-1, "SELECT id FROM vendors WHERE slug = 'check-lcsv-a'", "");
	other_id = db_scalar(-1, "SELECT id FROM vendors WHERE slug = 'check-lcsv-b'", "");
	ck_assert_int_eq(db_exec("INSERT INTO categories (parent_id, slug, name, depth)"
				 " VALUES (NULL, 'check-lcsv-top', 'Top', 0)", ""), 1);
	top_id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO categories (parent_id, slug, name, depth)"
				 " VALUES (?, 'check-lcsv-leaf', 'Leaf', 1)", "i", top_id), 1);
	leaf_id = (long long)db_insert_id();
}

static void
live_teardown(void)
{
	remove_fixture_rows();
	cache_close();
	db_close();
}

/* The request an import runs in: nobody logged in (the system). */
static struct req import_rq;

/* Reads and applies text as vendor; returns listing_csv_apply's answer. */
static int
import(struct arena *a, const char *text, long long vendor, struct listing_csv_result *res,
       struct listing_csv *c)
{
	if (import_rq.method != NULL)
		arena_free(&import_rq.arena);
	memset(&import_rq, 0, sizeof import_rq);
	arena_init(&import_rq.arena);
	import_rq.method = "POST";
	import_rq.ip = "";
	listing_csv_init(c, a);
	ck_assert_uint_eq(listing_csv_read(c, text, strlen(text)), 0);
	return listing_csv_apply(c, &import_rq, vendor, res);
}

static long long
count_products(long long vendor)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM products WHERE vendor_id = ?", "i", vendor);
}

#define FULL "sku,name,category,price,compare_at_price,stock,low_stock_threshold,weight_grams,status,description\r\n"

START_TEST(test_apply_creates_updates_and_round_trips)
{
	static const char file[] = HEADER
		"K-1,Kettle,check-lcsv-leaf,25.00,30.00,4,active,\"Boils.\n\nFast.\"\r\n"
		"K-2,'=1+1 Toaster,check-lcsv-leaf,19.99,,0,draft,Toasts.\r\n";
	struct listing_csv_result res;
	struct listing_csv c;
	struct arena a;
	struct buf out;
	long long k1;

	arena_init(&a);
	ck_assert_int_eq(import(&a, file, vendor_id, &res, &c), 0);
	ck_assert_int_eq(res.created, 2);
	ck_assert_int_eq(count_products(vendor_id), 2);
	k1 = db_scalar(-1, "SELECT id FROM products WHERE vendor_id = ? AND sku = 'K-1'", "i", vendor_id);
	ck_assert_int_eq(db_scalar(-1, "SELECT stock FROM products WHERE id = ?", "i", k1), 4);
	ck_assert_int_eq(db_scalar(-1, "SELECT top_category_id FROM products WHERE id = ?", "i", k1), top_id);
	ck_assert_int_eq(db_scalar(-1, "SELECT status = 'active' FROM products WHERE id = ?", "i", k1), 1);
	/* The stock came in through the history, as a correction. */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM stock_adjustments WHERE product_id = ?"
				   " AND reason = 'correction' AND delta = 4 AND note = 'CSV import'", "i", k1), 1);

	/* The export, imported again, changes nothing. */
	buf_init(&out);
	ck_assert_int_eq(listing_csv_export(&out, vendor_id), 0);
	ck_assert_int_eq(memcmp(out.data, "\xEF\xBB\xBF" FULL, sizeof FULL - 1 + 3), 0);
	ck_assert_ptr_nonnull(strstr(out.data, "K-2,'=1+1 Toaster,check-lcsv-leaf,19.99,,0,5,0,draft,Toasts.\r\n"));
	ck_assert_int_eq(import(&a, out.data, vendor_id, &res, &c), 0);
	ck_assert_int_eq(res.created, 0);
	ck_assert_int_eq(res.updated, 0);
	ck_assert_int_eq(res.unchanged, 2);
	buf_free(&out);

	/* An update by SKU: the price and the stock. */
	ck_assert_int_eq(import(&a, HEADER "K-1,Kettle,check-lcsv-leaf,24.00,30.00,9,active,\"Boils.\n\nFast.\"\n",
				vendor_id, &res, &c), 0);
	ck_assert_int_eq(res.updated, 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT price_minor FROM products WHERE id = ?", "i", k1), 2400);
	ck_assert_int_eq(db_scalar(-1, "SELECT stock FROM products WHERE id = ?", "i", k1), 9);
	ck_assert_int_eq(count_products(vendor_id), 2);
	/* A file without the optional columns keeps their values. */
	ck_assert_int_eq(import(&a, "sku,name,category,price,stock,status,description\n"
				"K-1,Kettle,check-lcsv-leaf,24.00,9,active,\"Boils.\n\nFast.\"\n", vendor_id, &res, &c), 0);
	ck_assert_int_eq(res.unchanged, 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT compare_at_minor FROM products WHERE id = ?", "i", k1), 3000);
	/* Archived and back. */
	ck_assert_int_eq(import(&a, HEADER "K-1,Kettle,check-lcsv-leaf,24.00,30.00,9,archived,\"Boils.\n\nFast.\"\n",
				vendor_id, &res, &c), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT status = 'archived' FROM products WHERE id = ?", "i", k1), 1);
	ck_assert_int_eq(import(&a, HEADER "K-1,Kettle,check-lcsv-leaf,24.00,30.00,9,active,\"Boils.\n\nFast.\"\n",
				vendor_id, &res, &c), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT status = 'active' FROM products WHERE id = ?", "i", k1), 1);
	/* Another vendor's SKU is its own: a new listing of its own. */
	ck_assert_int_eq(import(&a, HEADER "K-1,Kettle,check-lcsv-leaf,1,,1,draft,A kettle.\n", other_id, &res, &c), 0);
	ck_assert_int_eq(res.created, 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT price_minor FROM products WHERE id = ?", "i", k1), 2400);
	arena_free(&a);
}
END_TEST

START_TEST(test_apply_all_or_nothing)
{
	struct listing_csv_result res;
	struct listing_csv c;
	struct arena a;

	arena_init(&a);
	ck_assert_int_eq(import(&a, HEADER "K-1,Kettle,check-lcsv-leaf,25.00,,4,active,Boils.\n", vendor_id, &res, &c), 0);
	/* One line's category is not a leaf, one does not exist: nothing changes. */
	ck_assert_int_eq(import(&a, HEADER
				"K-1,Kettle,check-lcsv-leaf,99.00,,4,active,Boils.\n"
				"K-9,New one,check-lcsv-top,1,,1,draft,New.\n"
				"K-8,New two,check-lcsv-none,1,,1,draft,New.\n", vendor_id, &res, &c), 1);
	ck_assert_uint_eq(c.nproblems, 2);
	ck_assert_int_eq(c.problems[0].line, 3);
	ck_assert_str_eq(c.problems[0].column, "category");
	ck_assert_ptr_nonnull(strstr(c.problems[0].message, "Choose one of the categories inside Top"));
	ck_assert_int_eq(c.problems[1].line, 4);
	ck_assert_str_eq(c.problems[1].message, "Choose a category from the list.");
	ck_assert_int_eq(count_products(vendor_id), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT price_minor FROM products WHERE vendor_id = ?", "i", vendor_id), 2500);
	/* A live listing goes back by archiving, not to draft. */
	ck_assert_int_eq(import(&a, HEADER "K-1,Kettle,check-lcsv-leaf,25.00,,4,draft,Boils.\n", vendor_id, &res, &c), 1);
	ck_assert_str_eq(c.problems[0].column, "status");
	/* A listing taken off the shop cannot be changed by a file. */
	ck_assert_int_ge(db_exec("UPDATE products SET status = 'removed' WHERE vendor_id = ?", "i", vendor_id), 1);
	ck_assert_int_eq(import(&a, HEADER "K-1,Kettle,check-lcsv-leaf,25.00,,4,active,Boils.\n", vendor_id, &res, &c), 1);
	ck_assert_ptr_nonnull(strstr(c.problems[0].message, "taken off the shop"));
	arena_free(&a);
}
END_TEST

/* Publishing from a file meets the same moderation as the Publish button:
 * a shop whose listings are all reviewed sees its new live line wait. */
START_TEST(test_apply_publishes_through_moderation)
{
	struct listing_csv_result res;
	struct listing_csv c;
	struct arena a;

	arena_init(&a);
	ck_assert_int_eq(db_exec("UPDATE vendors SET listing_review = 'all' WHERE id = ?", "i", vendor_id), 1);
	ck_assert_int_eq(import(&a, HEADER "R-1,Reviewed lamp,check-lcsv-leaf,5.00,,1,active,A lamp.\n",
				vendor_id, &res, &c), 0);
	ck_assert_int_eq(res.created, 1);
	ck_assert_int_eq(res.held, 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT status = 'review' FROM products WHERE vendor_id = ? AND sku = 'R-1'",
				   "i", vendor_id), 1);
	/* While it waits, a file cannot change it. */
	ck_assert_int_eq(import(&a, HEADER "R-1,Reviewed lamp,check-lcsv-leaf,6.00,,1,active,A lamp.\n",
				vendor_id, &res, &c), 1);
	ck_assert_ptr_nonnull(strstr(c.problems[0].message, "waiting for our review"));
	arena_free(&a);
}
END_TEST

static Suite *
listing_csv_suite(void)
{
	Suite *s = suite_create("listing_csv");
	TCase *pure = tcase_create("read");
	TCase *live = tcase_create("live");

	tcase_add_test(pure, test_read_good_file);
	tcase_add_test(pure, test_read_reports_every_line);
	tcase_add_test(pure, test_read_bad_files);
	tcase_add_test(pure, test_read_many_problems_capped);
	suite_add_tcase(s, pure);
	tcase_add_checked_fixture(live, live_setup, live_teardown);
	tcase_add_test(live, test_apply_creates_updates_and_round_trips);
	tcase_add_test(live, test_apply_all_or_nothing);
	tcase_add_test(live, test_apply_publishes_through_moderation);
	suite_add_tcase(s, live);
	return s;
}

CHECK_MAIN(listing_csv_suite)
