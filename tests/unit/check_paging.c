/*
 * Tests for cgi/lib/paging.c: the rows of a page, when a page is past the
 * end, the result line and the page links (rendered through a fixture
 * partial, tests/unit/fixtures/views/layout/_pagination.tpl).
 */
#include "check_util.h"
#include "paging.h"
#include "view.h"

#include <stdlib.h>
#include <string.h>

static void
setup(void)
{
	ck_assert_int_eq(tmpl_init("tests/unit/fixtures/views", 0), 0);
}

START_TEST(test_rows)
{
	struct paging p = { 1, 24, 10000, 0 };

	ck_assert_int_eq(paging_offset(&p), 0);
	ck_assert_int_eq(paging_pages(&p), 0);
	ck_assert(!paging_past_end(&p));	/* an empty list is a page that says so */
	p.page = 3;
	p.total = 49;
	ck_assert_int_eq(paging_offset(&p), 48);
	ck_assert_int_eq(paging_pages(&p), 3);
	ck_assert(!paging_past_end(&p));
	p.page = 4;
	ck_assert(paging_past_end(&p));
	p.total = 24 * 20000;
	ck_assert_int_eq(paging_pages(&p), 10000);	/* no link past the route's bound */
}
END_TEST

START_TEST(test_result_text)
{
	struct arena a;
	struct paging p = { 1, 24, 10000, 1 };

	arena_init(&a);
	ck_assert_str_eq(paging_result_text(&a, &p, "product", "products"), "1 product");
	p.total = 20;
	ck_assert_str_eq(paging_result_text(&a, &p, "product", "products"), "20 products");
	p.page = 2;
	p.total = 1234;
	ck_assert_str_eq(paging_result_text(&a, &p, "product", "products"), "Showing 25–48 of 1,234 products");
	p.page = 52;
	ck_assert_str_eq(paging_result_text(&a, &p, "user", "users"), "Showing 1,225–1,234 of 1,234 users");
	arena_free(&a);
}
END_TEST

static char *
pages_url(void *ctx, long long n)
{
	return arena_printf(ctx, "/list?page=%lld", n);
}

/* Renders form.tpl with the links of page of pages (one row a page). */
static char *
render_links(long long page, long long pages)
{
	struct paging p = { page, 1, 10000, pages };
	struct arena a;
	struct buf out;
	tmpl_dict *d = tmpl_dict_new("form.tpl");

	arena_init(&a);
	paging_links(d, &p, pages_url, &a);
	buf_init(&out);
	ck_assert_int_eq(tmpl_render("form.tpl", d, &out), 0);
	tmpl_dict_free(d);
	arena_free(&a);
	return buf_detach(&out);
}

START_TEST(test_links)
{
	char *html = render_links(7, 20);

	ck_assert_ptr_nonnull(strstr(html, "<a rel=\"prev\" href=\"/list?page=6\">"));
	ck_assert_ptr_nonnull(strstr(html, "<a rel=\"next\" href=\"/list?page=8\">"));
	ck_assert_ptr_nonnull(strstr(html, "<a href=\"/list?page=1\">1</a>…<a href=\"/list?page=5\">5</a>"));
	ck_assert_ptr_nonnull(strstr(html, "[7]"));
	ck_assert_ptr_nonnull(strstr(html, "<a href=\"/list?page=9\">9</a>…<a href=\"/list?page=20\">20</a>"));
	free(html);
	html = render_links(1, 3);
	ck_assert_ptr_null(strstr(html, "rel=\"prev\""));
	ck_assert_ptr_nonnull(strstr(html, "[1]"));
	free(html);
	html = render_links(1, 1);
	ck_assert_ptr_null(strstr(html, "page="));	/* one page: no links */
	free(html);
}
END_TEST

static Suite *
paging_suite(void)
{
	Suite *s = suite_create("paging");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_rows);
	tcase_add_test(tc, test_result_text);
	tcase_add_test(tc, test_links);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(paging_suite)
