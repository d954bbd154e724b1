/* Tests for cgi/lib/view.c (and the error page of route.c) with real templates. */
#include "check_util.h"
#include "asset.h"
#include "route.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
setup(void)
{
	setenv("BAZAAR_STATIC_MANIFEST", "/nonexistent", 1);
	setenv("BAZAAR_ASSET_BASE_URL", "https://cdn.example", 1);
	asset_init();
	ck_assert_int_eq(tmpl_init("tests/unit/fixtures/views", 0), 0);
}

static void
make_req(struct req *rq, const char *cookie)
{
	char c[128];
	char *env[] = { "REQUEST_URI=/x", c, NULL };

	snprintf(c, sizeof c, "HTTP_COOKIE=%s", cookie ? cookie : "");
	/* envp must outlive the request only while it is parsed here */
	ck_assert_int_eq(req_init(rq, env, "", 0, &req_default_limits), 0);
	rq->envp = NULL;
}

START_TEST(test_page_in_layout)
{
	struct req rq;
	struct resp rs;
	struct view v;
	tmpl_dict *d;

	make_req(&rq, NULL);
	resp_init(&rs);
	rs.flash = strdup("Saved <b>");
	d = view_begin(&v, &rq, &rs, "page.tpl", "Shoes & boots");
	tmpl_set(d, "HEADING", "<script>alert(1)</script>");
	view_crumb(&v, "Home", "/");
	view_crumb(&v, "Shoes", NULL);
	ck_assert_int_eq(view_end(&v, &rs), 200);
	ck_assert_ptr_nonnull(strstr(rs.body.data, "<title>Shoes &amp; boots - Bazaar</title>"));
	ck_assert_ptr_nonnull(strstr(rs.body.data, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	ck_assert_ptr_null(strstr(rs.body.data, "<script>"));
	ck_assert_ptr_nonnull(strstr(rs.body.data, "<div class=\"flash\">Saved &lt;b&gt;</div>"));
	ck_assert_ptr_nonnull(strstr(rs.body.data, "<a href=\"/\">Home</a><span>Shoes</span>"));
	ck_assert_ptr_nonnull(strstr(rs.body.data, "src=\"https://cdn.example/media/p/1.svg\""));
	resp_free(&rs);
	req_free(&rq);
}
END_TEST

START_TEST(test_missing_template_is_500)
{
	struct req rq;
	struct resp rs;
	struct view v;

	make_req(&rq, NULL);
	resp_init(&rs);
	view_begin(&v, &rq, &rs, "nope.tpl", "x");
	ck_assert_int_eq(view_end(&v, &rs), 500);
	resp_free(&rs);
	req_free(&rq);
}
END_TEST

START_TEST(test_error_page)
{
	struct req rq;
	struct resp rs;

	make_req(&rq, NULL);
	resp_init(&rs);
	buf_adds(&rs.body, "partial");
	route_error_page(&rq, &rs, 404, "No such product.");
	ck_assert_int_eq(rs.status, 404);
	ck_assert_ptr_null(strstr(rs.body.data, "partial"));
	ck_assert_ptr_nonnull(strstr(rs.body.data, "<h1>404 Not Found</h1>"));
	ck_assert_ptr_nonnull(strstr(rs.body.data, "<p class=\"msg\">No such product.</p>"));
	ck_assert_ptr_nonnull(strstr(rs.body.data, rq.id));
	resp_free(&rs);
	req_free(&rq);
}
END_TEST

START_TEST(test_cacheable)
{
	struct req anon, logged;
	struct resp rs;

	make_req(&anon, NULL);
	make_req(&logged, "bz_session=abc");
	resp_init(&rs);
	ck_assert_int_eq(view_cacheable(&anon, &rs), 1);
	ck_assert_int_eq(view_cacheable(&logged, &rs), 0);
	view_to_cache(&logged, &rs, "k", 10);
	ck_assert_ptr_null(rs.cache_key);
	view_to_cache(&anon, &rs, "k", 10);
	ck_assert_str_eq(rs.cache_key, "k");
	rs.flash = strdup("hi");
	ck_assert_int_eq(view_cacheable(&anon, &rs), 0);
	resp_free(&rs);
	req_free(&anon);
	req_free(&logged);
}
END_TEST

START_TEST(test_group_digits)
{
	struct arena a;

	arena_init(&a);
	ck_assert_str_eq(view_group_digits(&a, 0), "0");
	ck_assert_str_eq(view_group_digits(&a, 999), "999");
	ck_assert_str_eq(view_group_digits(&a, 1000), "1,000");
	ck_assert_str_eq(view_group_digits(&a, -1234567), "-1,234,567");
	ck_assert_str_eq(view_group_digits(&a, 9223372036854775807LL), "9,223,372,036,854,775,807");
	arena_free(&a);
}
END_TEST

/* Renders form.tpl with d's errors. */
static char *
render_form(int with_error)
{
	struct buf out;
	tmpl_dict *d = tmpl_dict_new("form.tpl");

	if (with_error)
		view_form_error(d, "email", "Enter an address like <name@example.com>.");
	buf_init(&out);
	ck_assert_int_eq(tmpl_render("form.tpl", d, &out), 0);
	tmpl_dict_free(d);
	return buf_detach(&out);
}

START_TEST(test_form_errors)
{
	char *html = render_form(1);

	ck_assert_ptr_nonnull(strstr(html, "<a href=\"#email\">Enter an address like &lt;name@example.com&gt;.</a>"));
	ck_assert_ptr_nonnull(strstr(html, "aria-invalid=\"true\"><p class=\"err\">Enter an address"));
	free(html);
	html = render_form(0);
	ck_assert_ptr_null(strstr(html, "summary"));
	ck_assert_ptr_null(strstr(html, "aria-invalid"));
	free(html);
}
END_TEST

static Suite *
check_view_suite(void)
{
	Suite *s = suite_create("view");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_page_in_layout);
	tcase_add_test(tc, test_missing_template_is_500);
	tcase_add_test(tc, test_error_page);
	tcase_add_test(tc, test_cacheable);
	tcase_add_test(tc, test_group_digits);
	tcase_add_test(tc, test_form_errors);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_view_suite)
