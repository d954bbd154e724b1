/*
 * Page tests for sf_search.c: GET /search, and its text handling
 * (sf_search_tidy; the fallback's words are tested in tests/unit/check_search.c).
 */
#include "page_util.h"

#include "arena.h"
#include "promotion.h"
#include "search.h"
#include "../../cgi/storefront/sf.h"

/* ---- the shopper's text --------------------------------------------------- */


START_TEST(test_search_tidy)
{
	struct arena a;

	arena_init(&a);
	ck_assert_str_eq(sf_search_tidy(&a, "  red   shoe \t"), "red shoe");
	ck_assert_str_eq(sf_search_tidy(&a, "x"), "x");
	ck_assert_ptr_null(sf_search_tidy(&a, "   "));
	ck_assert_ptr_null(sf_search_tidy(&a, ""));
	ck_assert_ptr_null(sf_search_tidy(&a, NULL));
	arena_free(&a);
}
END_TEST

/* ---- the page ------------------------------------------------------------- */

/* An active product's name, for searching. */
static char *
product_name(void)
{
	char *row[1] = { NULL };

	ck_assert(pu_row1(row, 1,
			  "SELECT p.name FROM products p WHERE p.status = 'active'"
			  " AND CHAR_LENGTH(p.name) BETWEEN 12 AND 60 ORDER BY p.popularity DESC, p.id LIMIT 1",
			  "", NULL));
	return row[0];
}

/* Query-string encoding of s. */
static char *
urlenc(const char *s)
{
	struct buf b;

	buf_init(&b);
	buf_add_urlencoded(&b, s);
	buf_addc(&b, '\0');
	return buf_detach(&b);
}

START_TEST(test_search_finds_product)
{
	char *name = product_name(), *q = urlenc(name), want[512];
	struct pu_page *p = pu_getf("/search?q=%s", q);

	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, name);
	pu_assert_has(p, "Results for “");
	pu_assert_has(p, "<option value=\"relevance\" selected>");
	/* the header's search box keeps the text */
	{
		char *e = pu_html(name);
		snprintf(want, sizeof want, "name=\"q\" value=\"%s\"", e);
		free(e);
	}
	pu_assert_has(p, want);
	pu_assert_has(p, "<li><a href=\"/\">Home</a></li>");
	/* each result names its seller */
	ck_assert_int_gt(pu_assert_cards_sold_by(p, NULL), 0);
	free(q);
	free(name);
	pu_free(p);
}
END_TEST

/* A product's promotion shows on a search that finds the product during its
 * days, as Sponsored with the vendor's name, its link and beacon naming the
 * promotion; before its first day it does not. */
START_TEST(test_search_sponsored)
{
	char *row[3] = { NULL, NULL, NULL }, *q, want[256];
	struct pu_page *p;
	long long product, promo;

	ck_assert(pu_row1(row, 3, "SELECT p.id, p.name, v.trading_name FROM products p JOIN vendors v"
			  " ON v.id = p.vendor_id AND v.status = 'verified' WHERE p.status = 'active'"
			  " ORDER BY p.id LIMIT 1 OFFSET 7", "", NULL));
	product = atoll(row[0]);
	ck_assert_int_eq(db_exec("INSERT INTO promotions (product_id, vendor_id, placement, starts_at, ends_at,"
				 " fee_minor, status) SELECT id, vendor_id, 'all', UTC_TIMESTAMP() - INTERVAL 1 DAY,"
				 " UTC_TIMESTAMP() + INTERVAL 1 DAY, 0, 'active' FROM products WHERE id = ?", "i",
				 product), 1);
	promo = (long long)db_insert_id();
	promotion_changed();
	q = urlenc(row[1]);
	p = pu_getf("/search?q=%s", q);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<h2 id=\"search-sponsored\">Sponsored</h2>");
	snprintf(want, sizeof want, "?sp=%lld\"", promo);
	pu_assert_has(p, want);
	snprintf(want, sizeof want, "<img class=\"beacon\" src=\"/_i?p=%lld\" alt=\"\" width=\"1\" height=\"1\">", promo);
	pu_assert_has(p, want);
	snprintf(want, sizeof want, "Sold by %s", row[2]);
	pu_assert_text(p, want);
	pu_free(p);

	/* the same promotion, starting tomorrow: not shown */
	ck_assert_int_eq(db_exec("UPDATE promotions SET starts_at = UTC_TIMESTAMP() + INTERVAL 1 DAY,"
				 " ends_at = UTC_TIMESTAMP() + INTERVAL 2 DAY WHERE id = ?", "i", promo), 1);
	promotion_changed();
	p = pu_getf("/search?q=%s", q);
	pu_assert_status(p, 200);
	snprintf(want, sizeof want, "?sp=%lld\"", promo);
	pu_assert_lacks(p, want);
	pu_free(p);

	db_exec("DELETE FROM promotions WHERE id = ?", "i", promo);
	promotion_changed();
	free(q);
	pu_free_row(row, 3);
}
END_TEST

/* The number of results of text in the search index (as the page counts them). */
static long long
search_total(struct arena *a, const char *text)
{
	struct search_query q = SEARCH_QUERY_INIT;
	struct search_result r;

	q.text = text;
	q.limit = 0;
	ck_assert_int_eq(search_run(a, &q, &r), 0);
	ck_assert_int_eq(r.fallback, 0);
	return r.total;
}

/* A word that matches more than one page of products. */
static char *
common_word(void)
{
	struct db_result *r = db_query("SELECT name FROM products WHERE status = 'active' ORDER BY id LIMIT 200", "");
	struct arena a;
	char *found = NULL;

	ck_assert_ptr_nonnull(r);
	arena_init(&a);
	while (found == NULL && db_next(r)) {
		char *copy = strdup(db_str(r, 0)), *save = NULL, *w;

		for (w = strtok_r(copy, " ,&()-", &save); w && !found; w = strtok_r(NULL, " ,&()-", &save))
			if (strlen(w) >= 4 && search_total(&a, w) > 30)
				found = strdup(w);
		free(copy);
	}
	db_free(r);
	arena_free(&a);
	ck_assert_msg(found != NULL, "no word matches two pages of the demo catalogue");
	return found;
}

START_TEST(test_search_pagination_and_sort)
{
	char *word = common_word(), *q = urlenc(word), want[512];
	struct pu_page *p = pu_getf("/search?q=%s&sort=price_desc", q);

	pu_assert_status(p, 200);
	pu_assert_has(p, "Showing 1–24 of");
	pu_assert_has(p, "<option value=\"price_desc\" selected>");
	/* the page links keep the text and the sort */
	snprintf(want, sizeof want, "href=\"/search?q=%s&amp;sort=price_desc&amp;page=2\"", q);
	pu_assert_has(p, want);
	/* the filter form carries the text along */
	pu_assert_has(p, "<input type=\"hidden\" name=\"q\" value=\"");
	pu_free(p);

	p = pu_getf("/search?q=%s&sort=price_desc&page=2", q);
	pu_assert_status(p, 200);
	pu_assert_has(p, "Showing 25–");
	pu_free(p);

	pu_expect(404, pu_getf("/search?q=%s&page=500", q));
	free(q);
	free(word);
}
END_TEST

START_TEST(test_search_operators_are_harmless)
{
	static const char *const queries[] = {
		"%2Bdog+-lead", "%22dog%22", "dog*", "(dog)+%3Ccat%3E", "~x+@3", "%2B%2B%2B", "*",
		"%27+OR+1%3D1+--", "MATCH(name)+AGAINST+(%27x%27)",
	};
	size_t i;

	for (i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		struct pu_page *p = pu_getf("/search?q=%s", queries[i]);
		ck_assert_msg(p->status == 200, "%s: status %d", queries[i], p->status);
		pu_free(p);
	}
}
END_TEST

START_TEST(test_search_nothing_found)
{
	struct pu_page *p = pu_get("/search?q=zzqxjvv+qqqzzx");

	pu_assert_status(p, 200);
	pu_assert_has(p, "Nothing matched “zzqxjvv qqqzzx”");
	pu_assert_has(p, "Check the spelling");
	pu_assert_has(p, "Or browse a category");
	pu_assert_has(p, "href=\"/c/");
	pu_free(p);

	/* words too short to search for: the same helpful page, no error */
	p = pu_get("/search?q=ab");
	pu_assert_status(p, 200);
	pu_assert_has(p, "Nothing matched");
	pu_free(p);

	/* with filters: offers to drop them, keeping the text */
	p = pu_get("/search?q=zzqxjvv&in_stock=1&min_price=5");
	pu_assert_status(p, 200);
	pu_assert_has(p, "with these filters");
	pu_assert_has(p, "href=\"/search?q=zzqxjvv\"");
	pu_free(p);
}
END_TEST

START_TEST(test_search_prompt)
{
	static const char *const uris[] = { "/search", "/search?q=", "/search?q=+++" };
	size_t i;

	for (i = 0; i < sizeof uris / sizeof uris[0]; i++) {
		struct pu_page *p = pu_get(uris[i]);
		pu_assert_status(p, 200);
		pu_assert_layout(p);
		pu_assert_has(p, "What are you looking for?");
		pu_assert_has(p, "<label class=\"visually-hidden\" for=\"search-page-q\">Search products</label>");
		pu_assert_has(p, "Or browse a category");
		pu_free(p);
	}
}
END_TEST

START_TEST(test_search_escapes_text)
{
	struct pu_page *p = pu_get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E+%22onmouseover%3D");

	pu_assert_status(p, 200);
	pu_assert_lacks(p, "<script>");
	pu_assert_lacks(p, "\"onmouseover");
	pu_assert_has(p, "&lt;script&gt;alert(1)&lt;/script&gt;");
	pu_free(p);
}
END_TEST

START_TEST(test_search_bad_params)
{
	char q[256], uri[400];
	struct pu_page *p;

	/* 100 bytes is fine, 101 is not */
	memset(q, 'a', 100);
	q[100] = '\0';
	snprintf(uri, sizeof uri, "/search?q=%s", q);
	pu_expect(200, pu_get(uri));
	snprintf(uri, sizeof uri, "/search?q=%sa", q);
	p = pu_get(uri);
	pu_assert_status(p, 400);
	pu_assert_has(p, "(q)");
	pu_free(p);

	p = pu_get("/search?q=dog&sort=DROP");
	pu_assert_status(p, 400);
	pu_assert_has(p, "(sort)");
	pu_free(p);
	pu_expect(400, pu_get("/search?q=dog&sort=popular"));
	p = pu_get("/search?q=dog&page=-1");
	pu_assert_status(p, 400);
	pu_assert_has(p, "(page)");
	pu_free(p);
	p = pu_get("/search?q=dog&max_price=12,50");
	pu_assert_status(p, 400);
	pu_assert_has(p, "(max_price)");
	pu_free(p);
	pu_expect(400, pu_get("/search?q=%01dog"));
	pu_expect(400, pu_get("/search?q=%FF%FE"));
}
END_TEST

/* ---- a vendor taken out of the shop --------------------------------------- */

/* The vendor of the newest active product with a name worth searching for. */
static void
choose_vendor(void)
{
	pu_vendor_choose("SELECT p.vendor_id, p.id, NULL FROM products p"
			 " JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
			 " WHERE p.status = 'active' AND CHAR_LENGTH(p.name) BETWEEN 12 AND 60"
			 " ORDER BY p.created_at DESC, p.id DESC LIMIT 1");
}

START_TEST(test_search_blocked_vendor)
{
	char *row[1] = { NULL }, *q, *href = strdup(pu_product_href(pu_vendor.product)), want[128];
	struct pu_page *p;
	struct arena a;
	long long n;

	ck_assert(pu_row1(row, 1, "SELECT name FROM products WHERE id = ?", "i", &pu_vendor.product));
	q = urlenc(row[0]);
	arena_init(&a);
	pu_search_settled();	/* changes of earlier tests in the index */
	/* newest first: the product leads the results */
	p = pu_getf("/search?q=%s&sort=newest", q);
	pu_assert_status(p, 200);
	pu_assert_has(p, href);
	pu_free(p);

	pu_vendor_block();
	pu_search_settled();
	n = search_total(&a, row[0]);
	ck_assert_int_ge(n, 0);
	if (n > 24)
		snprintf(want, sizeof want, "of %s results</p>", pu_grouped(n));
	else
		snprintf(want, sizeof want, ">%s %s</p>", pu_grouped(n), n == 1 ? "result" : "results");
	p = pu_getf("/search?q=%s&sort=newest", q);
	pu_assert_status(p, 200);
	pu_assert_lacks(p, href);
	pu_assert_has(p, want);
	pu_free(p);
	/* the statements with a price filter as well */
	p = pu_getf("/search?q=%s&min_price=0", q);
	pu_assert_status(p, 200);
	pu_assert_lacks(p, href);
	pu_assert_has(p, want);
	pu_free(p);
	arena_free(&a);
	free(q);
	free(href);
	pu_free_row(row, 1);
}
END_TEST

/* A query typed in quotation marks is named once between the page's own:
 * “stainless steel”, not “"stainless steel"”; the search box keeps the quotes. */
START_TEST(test_search_quoted_query_title)
{
	static const struct { const char *q, *shown; } cases[] = {
		{ "%22stainless+steel%22", "stainless steel" },
		{ "%E2%80%9Cstainless+steel%E2%80%9D", "stainless steel" },
		{ "%27+lamp+%27", "lamp" },
		/* two quotations: nothing to take away */
		{ "%22lamp%22+and+%22desk%22", "&quot;lamp&quot; and &quot;desk&quot;" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct pu_page *p = pu_getf("/search?q=%s", cases[i].q);
		char want[256];

		pu_assert_status(p, 200);
		snprintf(want, sizeof want, "<h1>Results for “%s”</h1>", cases[i].shown);
		pu_assert_has(p, want);
		snprintf(want, sizeof want, "<title>Results for “%s”", cases[i].shown);
		pu_assert_has(p, want);
		if (i < 3) { /* one quotation: its marks are not doubled anywhere */
			pu_assert_lacks(p, "“&quot;");
			pu_assert_lacks(p, "&quot;”");
			pu_assert_lacks(p, "““");
			pu_assert_lacks(p, "&#39;”");
		}
		pu_free(p);
	}
	{
		struct pu_page *p = pu_get("/search?q=%22stainless+steel%22");

		pu_assert_has(p, "name=\"q\" value=\"&quot;stainless steel&quot;\"");
		pu_free(p);
	}
}
END_TEST

static Suite *
sf_search_suite(void)
{
	Suite *s = suite_create("sf_search");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, test_search_tidy);
	suite_add_tcase(s, tc);
	tc = pu_tcase(s, "page");
	tcase_add_test(tc, test_search_finds_product);
	tcase_add_test(tc, test_search_sponsored);
	tcase_add_test(tc, test_search_pagination_and_sort);
	tcase_add_test(tc, test_search_operators_are_harmless);
	tcase_add_test(tc, test_search_nothing_found);
	tcase_add_test(tc, test_search_prompt);
	tcase_add_test(tc, test_search_escapes_text);
	tcase_add_test(tc, test_search_bad_params);
	tcase_add_test(tc, test_search_quoted_query_title);
	tc = pu_tcase_changing(s, "blocked vendor", choose_vendor, pu_vendor_restore);
	tcase_add_test(tc, test_search_blocked_vendor);
	return s;
}

CHECK_MAIN(sf_search_suite)
