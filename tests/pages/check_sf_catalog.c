/*
 * Page tests for sf_catalog.c: GET /c/{slug}.
 */
#include "page_util.h"


/* A top-level category with sub-categories and more than one page of
 * products: id, slug, name. */
static char *top[3];
/* One of its sub-categories: slug, name. */
static char *sub[2];

static void
load_categories(void)
{
	long long id;

	pu_search_settled();	/* the pages list from the search index: let it take in earlier changes */
	pu_free_row(top, 3);
	pu_free_row(sub, 2);
	ck_assert_msg(pu_row1(top, 3,
			      "SELECT c.id, c.slug, c.name FROM categories c WHERE c.parent_id IS NULL"
			      " AND EXISTS (SELECT 1 FROM categories s WHERE s.parent_id = c.id)"
			      " AND (SELECT COUNT(*) FROM products p WHERE p.top_category_id = c.id"
			      " AND p.status = 'active') > 48 ORDER BY c.position, c.id LIMIT 1", "", NULL),
		      "the demo catalogue has no top-level category with three pages of products");
	id = atoll(top[0]);
	ck_assert(pu_row1(sub, 2,
			  "SELECT s.slug, s.name FROM categories s WHERE s.parent_id = ?"
			  " AND EXISTS (SELECT 1 FROM products p WHERE p.category_id = s.id AND p.status = 'active')"
			  " ORDER BY s.position, s.id LIMIT 1", "i", &id));
}

static long long
count_products(const char *where, long long category_id)
{
	char sql[1024];

	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM products p WHERE p.status = 'active' AND %s", where);
	return db_scalar(-1, sql, "i", category_id);
}

START_TEST(test_category_top)
{
	struct pu_page *p;
	char *first[1] = { NULL }, want[256];
	long long id;

	load_categories();
	id = atoll(top[0]);
	/* the most popular product of the whole tree (most are filed in sub-categories) */
	ck_assert(pu_row1(first, 1,
			  "SELECT name FROM products WHERE top_category_id = ? AND status = 'active'"
			  " ORDER BY popularity DESC, id DESC LIMIT 1", "i", &id));
	p = pu_getf("/c/%s", top[1]);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, top[2]);
	pu_assert_text(p, first[0]);
	ck_assert_int_gt(pu_assert_cards_sold_by(p, NULL), 0);
	/* breadcrumbs Home > this */
	pu_assert_has(p, "<li><a href=\"/\">Home</a></li>");
	{
		char *e = pu_html(top[2]);
		snprintf(want, sizeof want, "<span aria-current=\"page\">%s</span>", e);
		free(e);
	}
	pu_assert_has(p, want);
	/* sub-category navigation */
	snprintf(want, sizeof want, "<a href=\"/c/%s\" aria-current=\"false\">", sub[0]);
	pu_assert_has(p, want);
	/* result count and pagination */
	snprintf(want, sizeof want, "of %s products", pu_grouped(count_products("p.top_category_id = ?", id)));
	pu_assert_has(p, want);
	snprintf(want, sizeof want, "href=\"/c/%s?page=2\" rel=\"next\"", top[1]);
	pu_assert_has(p, want);
	pu_assert_has(p, "aria-label=\"Pages\"");
	/* the filter form works without JavaScript: a GET form with labels */
	snprintf(want, sizeof want, "<form class=\"filters\" method=\"get\" action=\"/c/%s\"", top[1]);
	pu_assert_has(p, want);
	pu_assert_has(p, "<label for=\"f-sort\">Sort by</label>");
	pu_assert_has(p, "<label for=\"f-min\">");
	pu_assert_has(p, "<label for=\"f-max\">");
	pu_assert_has(p, "<label for=\"f-stock\">In stock only</label>");
	pu_free_row(first, 1);
	pu_free(p);
}
END_TEST

START_TEST(test_category_sub)
{
	struct pu_page *p;
	char want[256], *e;

	load_categories();
	p = pu_getf("/c/%s", sub[0]);
	pu_assert_status(p, 200);
	/* Home > Parent > This */
	pu_assert_has(p, "<li><a href=\"/\">Home</a></li>");
	e = pu_html(top[2]);
	snprintf(want, sizeof want, "<li><a href=\"/c/%s\">%s</a></li>", top[1], e);
	free(e);
	pu_assert_has(p, want);
	e = pu_html(sub[1]);
	snprintf(want, sizeof want, "<span aria-current=\"page\">%s</span>", e);
	free(e);
	pu_assert_has(p, want);
	/* siblings, the current one marked */
	snprintf(want, sizeof want, "<a href=\"/c/%s\" aria-current=\"page\">", sub[0]);
	pu_assert_has(p, want);
	/* its parent is marked in the header navigation */
	snprintf(want, sizeof want, "<a href=\"/c/%s\" aria-current=\"true\">", top[1]);
	pu_assert_has(p, want);
	pu_free(p);
}
END_TEST

START_TEST(test_category_sort_and_page)
{
	struct pu_page *p;
	char *cheapest[1] = { NULL }, *page2[1] = { NULL }, want[256];
	long long id;

	load_categories();
	id = atoll(top[0]);
	ck_assert(pu_row1(cheapest, 1,
			  "SELECT name FROM products WHERE top_category_id = ? AND status = 'active'"
			  " ORDER BY price_minor, id LIMIT 1", "i", &id));
	ck_assert(pu_row1(page2, 1,
			  "SELECT name FROM products WHERE top_category_id = ? AND status = 'active'"
			  " ORDER BY price_minor, id LIMIT 1 OFFSET 24", "i", &id));
	p = pu_getf("/c/%s?sort=price_asc", top[1]);
	pu_assert_status(p, 200);
	pu_assert_text(p, cheapest[0]);
	pu_assert_has(p, "<option value=\"price_asc\" selected>");
	/* pagination keeps the sort */
	snprintf(want, sizeof want, "href=\"/c/%s?sort=price_asc&amp;page=2\"", top[1]);
	pu_assert_has(p, want);
	pu_free(p);

	p = pu_getf("/c/%s?sort=price_asc&page=2", top[1]);
	pu_assert_status(p, 200);
	pu_assert_text(p, page2[0]);
	pu_assert_has(p, "Showing 25–48 of");
	snprintf(want, sizeof want, "href=\"/c/%s?sort=price_asc\" rel=\"prev\"", top[1]);
	pu_assert_has(p, want);
	pu_assert_has(p, "<span aria-current=\"page\"><span class=\"visually-hidden\">Page </span>2</span>");
	pu_free(p);
	pu_free_row(cheapest, 1);
	pu_free_row(page2, 1);
}
END_TEST

START_TEST(test_category_filters)
{
	struct pu_page *p;
	char want[256];
	long long id, n;

	load_categories();
	id = atoll(top[0]);
	/* 10.00 .. 50.00, in stock only; the bounds are given the wrong way round */
	n = count_products("p.top_category_id = ? AND p.price_minor BETWEEN 1000 AND 5000 AND p.stock > 0", id);
	ck_assert_int_gt(n, 0);
	p = pu_getf("/c/%s?min_price=50&max_price=10.00&in_stock=1&sort=newest", top[1]);
	pu_assert_status(p, 200);
	snprintf(want, sizeof want, n > 24 ? "of %s products" : "%s products", pu_grouped(n));
	pu_assert_has(p, want);
	pu_assert_has(p, "name=\"min_price\" value=\"10.00\"");
	pu_assert_has(p, "name=\"max_price\" value=\"50.00\"");
	pu_assert_has(p, "value=\"1\" checked>");
	if (n > 24) {
		snprintf(want, sizeof want,
			 "href=\"/c/%s?sort=newest&amp;min_price=10.00&amp;max_price=50.00&amp;in_stock=1&amp;page=2\"",
			 top[1]);
		pu_assert_has(p, want);
	}
	/* no sold-out product in the grid (sponsored cards come before it) */
	ck_assert_ptr_null(strstr(strstr(p->body, "id=\"cat-results\""), "Sold out"));
	pu_free(p);

	/* nothing in range: a helpful empty state, still 200, with only the
	 * hints that apply (no price hint without a price filter, and so on) */
	p = pu_getf("/c/%s?min_price=999999", top[1]);
	pu_assert_status(p, 200);
	pu_assert_has(p, "No products match these filters.");
	snprintf(want, sizeof want, "<a href=\"/c/%s\">Remove the price limits</a>", top[1]);
	pu_assert_has(p, want);
	pu_assert_lacks(p, "sold-out items");
	pu_assert_lacks(p, "Clear all filters");
	pu_assert_lacks(p, "in this category yet");
	pu_free(p);

	p = pu_getf("/c/%s?min_price=999999&in_stock=1&sort=newest", top[1]);
	pu_assert_status(p, 200);
	pu_assert_has(p, "No products match these filters.");
	snprintf(want, sizeof want, "<a href=\"/c/%s?sort=newest&amp;in_stock=1\">Remove the price limits</a>",
		 top[1]);
	pu_assert_has(p, want);
	snprintf(want, sizeof want,
		 "<a href=\"/c/%s?sort=newest&amp;min_price=999999.00\">Include sold-out items</a>", top[1]);
	pu_assert_has(p, want);
	snprintf(want, sizeof want, "<a href=\"/c/%s\">Clear all filters</a>", top[1]);
	pu_assert_has(p, want);
	pu_free(p);
}
END_TEST

/* No review and no order exists, so no card shows a rating or a sales figure:
 * not on the first pages of any top category in its default ("popular")
 * order, where the demo catalogue once put invented ratings, nor in the
 * sponsored row. */
START_TEST(test_category_cards_no_rating)
{
	struct db_result *r = db_query("SELECT slug FROM categories WHERE parent_id IS NULL ORDER BY id", "");
	int pages = 0;

	ck_assert_ptr_nonnull(r);
	while (db_next(r)) {
		struct pu_page *p = pu_getf("/c/%s", db_str(r, 0));

		pu_assert_status(p, 200);
		pu_assert_has(p, "class=\"card\"");
		pu_assert_no_rating_or_sales(p);
		pu_free(p);
		pages++;
	}
	db_free(r);
	ck_assert_int_gt(pages, 0);
}
END_TEST

/* ---- a vendor taken out of the shop --------------------------------------- */

/* The vendor of the newest active product: it leads "newest" listings. */
static void
choose_vendor(void)
{
	pu_vendor_choose("SELECT p.vendor_id, p.id, NULL FROM products p"
			 " JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
			 " WHERE p.status = 'active' ORDER BY p.created_at DESC, p.id DESC LIMIT 1");
}

/* Active products of verified vendors under the category (column = ?). */
static long long
count_listed(const char *column, long long category_id)
{
	char sql[512];

	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM products p"
		 " JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
		 " WHERE p.status = 'active' AND p.%s = ?", column);
	return db_scalar(-1, sql, "i", category_id);
}

/* The page's result count says n products. */
static void
assert_result_count(const struct pu_page *p, long long n)
{
	char want[128];

	snprintf(want, sizeof want, n > 24 ? "of %s products</p>" : ">%s products</p>", pu_grouped(n));
	pu_assert_has(p, want);
}

START_TEST(test_category_blocked_vendor)
{
	char *row[4] = { NULL, NULL, NULL, NULL }, *href;
	static const char *const queries[] = { "?sort=newest", "?sort=newest&min_price=0" };
	struct pu_page *p;
	size_t i, j;

	ck_assert(pu_row1(row, 4, "SELECT t.slug, c.slug, p.top_category_id, p.category_id FROM products p"
			  " JOIN categories t ON t.id = p.top_category_id"
			  " JOIN categories c ON c.id = p.category_id WHERE p.id = ?", "i", &pu_vendor.product));
	href = strdup(pu_product_href(pu_vendor.product));
	pu_search_settled();
	for (i = 0; i < 2; i++) {
		p = pu_getf("/c/%s?sort=newest", row[i]);
		pu_assert_status(p, 200);
		pu_assert_has(p, href);
		pu_free(p);
	}

	pu_vendor_block();
	pu_search_settled();	/* the pages list from the search index */
	for (i = 0; i < 2; i++) {
		long long n = count_listed(i == 0 ? "top_category_id" : "category_id", atoll(row[2 + i]));

		for (j = 0; j < 2; j++) {
			p = pu_getf("/c/%s%s", row[i], queries[j]);
			pu_assert_status(p, 200);
			pu_assert_lacks(p, href);
			assert_result_count(p, n);
			pu_free(p);
		}
	}
	free(href);
	pu_free_row(row, 4);
}
END_TEST

/* ---- a category without products ------------------------------------------ */

#define EMPTY_SLUG "page-test-empty-category"

static long long empty_parent;

static void
drop_empty_category(void)
{
	pu_parent_begin();
	pu_undo_exec("the empty category", "DELETE FROM categories WHERE slug = '" EMPTY_SLUG "'", "", 0, 0);
	pu_parent_end();
}

/* A top-level category to hang the empty one under; no leftovers. */
static void
choose_empty_parent(void)
{
	drop_empty_category();
	pu_parent_begin();
	empty_parent = db_scalar(-1, "SELECT id FROM categories WHERE parent_id IS NULL ORDER BY id LIMIT 1", "");
	pu_parent_end();
	ck_assert_int_gt(empty_parent, 0);
}

START_TEST(test_category_empty)
{
	struct pu_page *p;

	ck_assert_int_eq(db_exec("INSERT INTO categories (parent_id, slug, name, position, depth)"
				 " VALUES (?, '" EMPTY_SLUG "', 'Nothing here yet', 999, 1)", "i", empty_parent), 1);
	p = pu_get("/c/" EMPTY_SLUG);
	pu_assert_status(p, 200);
	pu_assert_has(p, "There are no products in this category yet.");
	pu_assert_has(p, "<a href=\"/\">the home page</a>");
	pu_assert_lacks(p, "No products match");
	pu_assert_lacks(p, "sold-out");
	pu_assert_lacks(p, "price range");
	pu_assert_has(p, ">0 products</p>");
	pu_free(p);

	/* a filter on it is still answered in terms of the filter */
	p = pu_get("/c/" EMPTY_SLUG "?in_stock=1");
	pu_assert_status(p, 200);
	pu_assert_has(p, "No products match these filters.");
	pu_assert_has(p, "<a href=\"/c/" EMPTY_SLUG "\">Include sold-out items</a>");
	pu_assert_lacks(p, "Remove the price limits");
	pu_free(p);
}
END_TEST

START_TEST(test_category_sponsored)
{
	struct pu_page *p;
	char *row[3] = { NULL, NULL, NULL };

	if (!pu_row1(row, 3,
		     "SELECT c.slug, p.name, v.trading_name FROM promotions pr"
		     " JOIN products p ON p.id = pr.product_id AND p.status = 'active'"
		     " JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
		     " JOIN categories c ON c.id = pr.category_id"
		     " WHERE pr.placement = 'category' AND pr.status = 'active'"
		     " AND pr.starts_at <= UTC_TIMESTAMP() AND pr.ends_at > UTC_TIMESTAMP()"
		     " ORDER BY pr.id LIMIT 1", "", NULL))
		ck_abort_msg("the demo catalogue has no live category promotion");
	p = pu_getf("/c/%s", row[0]);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<h2 id=\"cat-sponsored\">Sponsored</h2>");
	pu_assert_has(p, "<p class=\"sponsored-tag\">Sponsored</p>");
	pu_assert_text(p, row[1]);
	pu_assert_text(p, row[2]);
	pu_free_row(row, 3);
	pu_free(p);
}
END_TEST

START_TEST(test_category_unknown_is_404)
{
	struct pu_page *p;

	p = pu_get("/c/no-such-category-anywhere");
	pu_assert_status(p, 404);
	pu_assert_layout(p);
	pu_assert_has(p, "Request id: <code>");
	pu_free(p);
	pu_expect(404, pu_get("/c/Fashion"));
	pu_expect(404, pu_get("/c/"));
}
END_TEST

START_TEST(test_category_bad_params)
{
	static const struct {
		const char *query;
		const char *mentions;
	} cases[] = {
		{ "page=-1", "(page)" },
		{ "page=0", "(page)" },
		{ "page=10001", "(page)" },
		{ "page=abc", "(page)" },
		{ "page=1&page=2", "(page)" },
		{ "sort=DROP", "(sort)" },
		{ "sort=relevance", "(sort)" },
		{ "sort=price_asc%3B", "(sort)" },
		{ "min_price=abc", "(min_price)" },
		{ "max_price=-5", "(max_price)" },
		{ "min_price=1.234", "(min_price)" },
		{ "in_stock=yes", "(in_stock)" },
	};
	size_t i;

	load_categories();
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct pu_page *p = pu_getf("/c/%s?%s", top[1], cases[i].query);
		ck_assert_msg(p->status == 400, "%s: status %d", cases[i].query, p->status);
		ck_assert_msg(strstr(p->body, cases[i].mentions) != NULL, "%s: message does not name %s",
			      cases[i].query, cases[i].mentions);
		pu_assert_has(p, "Request id: <code>");
		pu_free(p);
	}
}
END_TEST

START_TEST(test_category_page_past_the_end)
{
	load_categories();
	pu_expect(404, pu_getf("/c/%s?page=9999", top[1]));
}
END_TEST

/* Undeclared parameters never reach the page, and input is never echoed raw. */
START_TEST(test_category_ignores_and_escapes)
{
	struct pu_page *p;

	load_categories();
	p = pu_getf("/c/%s?utm_source=%%3Cscript%%3E&debug=1", top[1]);
	pu_assert_status(p, 200);
	pu_assert_lacks(p, "utm_source");
	pu_assert_lacks(p, "<script>");
	pu_free(p);
	p = pu_getf("/c/%s?sort=%%3Cscript%%3Ealert(1)%%3C/script%%3E", top[1]);
	pu_assert_status(p, 400);
	pu_assert_lacks(p, "<script>");
	pu_free(p);
}
END_TEST

/* ---- the header's category links --------------------------------------------
 * Kept drawn by the worker for pages that are not a category's: a new
 * top-level category (first by position) is in them as soon as the tree is
 * read again, here at once, as its own page is asked for. */
#define TOP_SLUG "page-test-top-category"

static void
drop_top_category(void)
{
	pu_parent_begin();
	pu_undo_exec("the top-level category", "DELETE FROM categories WHERE slug = '" TOP_SLUG "'", "", 0, 0);
	pu_parent_end();
}

START_TEST(test_category_nav_links)
{
	char *row[1] = { NULL }, want[300];
	struct pu_page *p;

	ck_assert(pu_row1(row, 1, "SELECT slug FROM categories WHERE parent_id IS NULL ORDER BY position, name LIMIT 1",
			  "", NULL));
	snprintf(want, sizeof want, "<li><a href=\"/c/%s\" aria-current=\"false\">", row[0]);
	p = pu_request("GET", "/cart", "bz_flash=page-test");	/* drawn, not a cached copy */
	pu_assert_has(p, "<nav class=\"cat-nav\" aria-label=\"Categories\">");
	pu_assert_has(p, want);
	pu_free(p);
	p = pu_getf("/c/%s", row[0]);
	snprintf(want, sizeof want, "<li><a href=\"/c/%s\" aria-current=\"page\">", row[0]);
	pu_assert_has(p, want);
	pu_free(p);

	ck_assert_int_eq(db_exec("INSERT INTO categories (parent_id, slug, name, position, depth)"
				 " VALUES (NULL, '" TOP_SLUG "', 'Page test top', -1, 0)", "", NULL), 1);
	p = pu_get("/c/" TOP_SLUG);	/* unknown to the tree: read again */
	pu_assert_status(p, 200);
	pu_assert_has(p, "<li><a href=\"/c/" TOP_SLUG "\" aria-current=\"page\">Page test top</a></li>");
	pu_free(p);
	p = pu_request("GET", "/cart", "bz_flash=page-test");
	pu_assert_has(p, "<li><a href=\"/c/" TOP_SLUG "\" aria-current=\"false\">Page test top</a></li>");
	pu_free(p);
	pu_free_row(row, 1);
}
END_TEST

static Suite *
sf_catalog_suite(void)
{
	Suite *s = suite_create("sf_catalog");
	TCase *tc = pu_tcase(s, "catalog");

	tcase_add_test(tc, test_category_top);
	tcase_add_test(tc, test_category_sub);
	tcase_add_test(tc, test_category_sort_and_page);
	tcase_add_test(tc, test_category_filters);
	tcase_add_test(tc, test_category_sponsored);
	tcase_add_test(tc, test_category_unknown_is_404);
	tcase_add_test(tc, test_category_bad_params);
	tcase_add_test(tc, test_category_page_past_the_end);
	tcase_add_test(tc, test_category_ignores_and_escapes);
	tcase_add_test(tc, test_category_cards_no_rating);
	tc = pu_tcase_changing(s, "blocked vendor", choose_vendor, pu_vendor_restore);
	tcase_add_test(tc, test_category_blocked_vendor);
	tc = pu_tcase_changing(s, "empty category", choose_empty_parent, drop_empty_category);
	tcase_add_test(tc, test_category_empty);
	tc = pu_tcase_changing(s, "top-level category", drop_top_category, drop_top_category);
	tcase_add_test(tc, test_category_nav_links);
	return s;
}

CHECK_MAIN(sf_catalog_suite)
