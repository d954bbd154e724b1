/* Tests for cgi/lib/view.c (and the error page of route.c) with real templates. */
#include "check_util.h"
#include "asset.h"
#include "fcgi_loop.h"
#include "route.h"
#include "sess.h"
#include "validate.h"
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

/* Renders page.tpl for a request of app, by a visitor with session sess
 * (NULL: none); own_logout as the page sets it. The page is in rs->body. */
static void
header_page(struct resp *rs, const struct app *app, struct sess *sess, int own_logout)
{
	struct req rq;
	struct view v = { 0 };

	make_req(&rq, NULL);
	rq.app = app;
	rq.sess = sess;
	resp_init(rs);
	v.own_logout = own_logout;
	view_begin(&v, &rq, rs, "page.tpl", "Header");
	ck_assert_int_eq(view_end(&v, rs), 200);
	req_free(&rq);
}

START_TEST(test_header_parts)
{
	static const struct app shop = { .name = "a-shop" };
	static const struct app back_office = { .name = "back-office",
		.header_omit = APP_HEADER_SEARCH | APP_HEADER_ACCOUNT };
	static const struct app no_search = { .name = "no-search", .header_omit = APP_HEADER_SEARCH };
	static struct sess s = { .id = 1, .user_id = 2, .role = "customer", .name = "Jo",
				 .verified = 1, .csrf = "c0ffee" };
	static const char search[] = "<form action=\"/search\"", name[] = "<a href=\"/account\">Jo</a>",
		logout[] = "<form action=\"/logout\"><input name=\"csrf\" value=\"c0ffee\">",
		login[] = "<a href=\"/login\">Log in</a>";
	static const struct {
		const struct app *app;
		struct sess *sess;
		int own_logout;
		const char *has[3], *lacks[3];
	} cases[] = {
		/* the whole header: a program that says nothing, and no program */
		{ &shop, &s, 0, { search, name, logout }, { login } },
		{ NULL, NULL, 0, { search, login }, { name, "/logout" } },
		/* a program that leaves both out, with and without a session */
		{ &back_office, &s, 0, { NULL }, { "/search", "account-nav", "/logout" } },
		{ &back_office, NULL, 0, { NULL }, { "/search", "/login" } },
		/* one part only */
		{ &no_search, &s, 0, { name, logout }, { "/search" } },
		/* a page with a log-out of its own: the header keeps the name only */
		{ &shop, &s, 1, { search, name }, { "/logout" } },
	};
	struct resp rs;
	size_t i, k;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		header_page(&rs, cases[i].app, cases[i].sess, cases[i].own_logout);
		for (k = 0; k < 3; k++) {
			if (cases[i].has[k] != NULL)
				ck_assert_msg(strstr(rs.body.data, cases[i].has[k]) != NULL,
					      "case %zu lacks %s", i, cases[i].has[k]);
			if (cases[i].lacks[k] != NULL)
				ck_assert_msg(strstr(rs.body.data, cases[i].lacks[k]) == NULL,
					      "case %zu has %s", i, cases[i].lacks[k]);
		}
		resp_free(&rs);
	}
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
	/* a message waiting: the page is drawn for the visitor */
	make_req(&logged, "bz_flash=Saved");
	resp_init(&rs);
	ck_assert_int_eq(view_cacheable(&anon, &rs), 1);
	ck_assert_int_eq(view_cacheable(&logged, &rs), 0);
	view_to_cache(&logged, &rs, "k", 10);
	ck_assert_ptr_null(rs.cache_key);
	req_free(&logged);
	/* a session, a visitor id or a header key gets the shared page, whose
	 * header nginx fills per visitor (hdr.h) */
	make_req(&logged, "bz_session=abc; bz_visitor=0123456789abcdef0123456789abcdef; "
		 "bz_hk=0123456789abcdef0123456789abcdef");
	ck_assert_int_eq(view_cacheable(&logged, &rs), 1);
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

/* ---- a form route: invalid input shows the form again (route.c) ---------- */

static int form_handled;

static int
form_handler(struct req *rq, struct resp *rs)
{
	(void)rq;
	form_handled++;
	return resp_redirect(rs, 303, "/done");
}

/* A rule only the handler knows (the database's, in a program). */
static int
form_taken_handler(struct req *rq, struct resp *rs)
{
	route_form_error(rq, "email", "This address already has an account.");
	return route_form_fail(rq, rs);
}

static tmpl_dict *
form_page(struct req *rq, struct resp *rs, struct view *v)
{
	tmpl_dict *d = view_begin(v, rq, rs, "signup.tpl", "Sign up");

	tmpl_set(d, "HEADING", "Create an account");
	tmpl_set(d, "NAME", "from the database");	/* covered by what was typed */
	tmpl_set(d, "CSRF", "token");
	return d;
}

/* The page of a record that is not the visitor's, and one that cannot be
 * built (the database, in a program). */
static tmpl_dict *
form_page_not_yours(struct req *rq, struct resp *rs, struct view *v)
{
	(void)rq;
	(void)v;
	rs->status = 404;
	return NULL;
}

static tmpl_dict *
form_page_broken(struct req *rq, struct resp *rs, struct view *v)
{
	(void)rq;
	(void)rs;
	(void)v;
	return NULL;
}

static const struct param form_params[] = {
	{ "name", PARAM_TEXT, 0, 0, NULL, PARAM_REQUIRED | PARAM_TRIM, "Name", validate_person_name,
	  "Enter your name." },
	{ "email", PARAM_TEXT, 0, 300, NULL, PARAM_REQUIRED | PARAM_TRIM, "Email", validate_email, NULL },
	{ "password", PARAM_TEXT, 0, 1000, NULL, PARAM_REQUIRED | PARAM_SECRET, "Password", validate_password,
	  NULL },
	{ "about", PARAM_TEXT, 0, 10, NULL, PARAM_TRIM | PARAM_CHARS | PARAM_MULTILINE, "About you", NULL, NULL },
	{ NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL },
};

static const struct route form_routes[] = {
	{ "POST", "/signup", form_handler, "signup.tpl", R_FORM, form_params, form_page },
	{ "POST", "/plain", form_handler, "signup.tpl", R_FORM, form_params, NULL },
	{ "POST", "/not-a-form", form_handler, "signup.tpl", 0, form_params, NULL },
	{ "POST", "/taken", form_taken_handler, "signup.tpl", R_FORM, form_params, form_page },
	{ "POST", "/not-yours", form_handler, "signup.tpl", R_FORM, form_params, form_page_not_yours },
	{ "POST", "/broken", form_handler, "signup.tpl", R_FORM, form_params, form_page_broken },
};
static const struct app form_app = { .name = "form-test", .routes = form_routes,
				     .nroutes = sizeof form_routes / sizeof form_routes[0] };

static int
form_post(const char *path, const char *body, struct resp *rs)
{
	char uri[64];
	char *env[] = { "REQUEST_METHOD=POST", uri, "CONTENT_TYPE=application/x-www-form-urlencoded", NULL };
	struct req rq;
	int status;

	snprintf(uri, sizeof uri, "REQUEST_URI=%s", path);
	resp_init(rs);
	ck_assert_int_eq(req_init(&rq, env, body, strlen(body), &req_default_limits), 0);
	status = route_dispatch(&form_app, &rq, rs);
	req_free(&rq);
	return status;
}

static void
assert_has(const struct resp *rs, const char *needle)
{
	ck_assert_msg(strstr(rs->body.data, needle) != NULL, "no '%s' in %s", needle, rs->body.data);
}

START_TEST(test_form_shown_again)
{
	struct resp rs;

	form_handled = 0;
	ck_assert_int_eq(form_post("/signup", "name=+Dana+&email=dana%40example&password=hunter2hunter2&"
				   "about=%3Cb%3Ehi%3C%2Fb%3E+twelve+chars", &rs), 422);
	ck_assert_int_eq(form_handled, 0);
	/* the page the form page built, in the layout */
	assert_has(&rs, "<title>Sign up - Bazaar</title>");
	assert_has(&rs, "<h1>Create an account</h1>");
	/* every problem at once, next to its field and in the summary */
	assert_has(&rs, "<a href=\"#email\">Enter an email address like name@example.com.</a>");
	assert_has(&rs, "<input id=\"email\" value=\"dana@example\"><p class=\"err\">Enter an email address");
	assert_has(&rs, "<p class=\"err\">About you can be at most 10 characters long.</p>");
	/* what was typed stays (tidied, escaped), never the password */
	assert_has(&rs, "<input id=\"name\" value=\"Dana\">");
	assert_has(&rs, "&lt;b&gt;hi&lt;/b&gt; twelve chars</textarea>");
	ck_assert_ptr_null(strstr(rs.body.data, "hunter2"));
	ck_assert_ptr_null(strstr(rs.body.data, "from the database"));
	ck_assert_ptr_null(strstr(rs.body.data, "NAME_ERROR"));
	ck_assert_ptr_null(strstr(rs.body.data, "<a href=\"#name\">"));
	resp_free(&rs);

	/* a required field left blank gets its own sentence */
	ck_assert_int_eq(form_post("/signup", "name=+++&email=dana%40example.com&password=a+long+enough+secret",
				   &rs), 422);
	assert_has(&rs, "<a href=\"#name\">Enter your name.</a>");
	assert_has(&rs, "<input id=\"email\" value=\"dana@example.com\">");
	ck_assert_ptr_null(strstr(rs.body.data, "a long enough secret"));
	resp_free(&rs);

	/* a password is checked against the address typed */
	ck_assert_int_eq(form_post("/signup", "name=Dana&email=Dana%40Example.com&password=dana%40example.com",
				   &rs), 422);
	assert_has(&rs, "Your password must not be your email address.");
	resp_free(&rs);

	/* valid: the handler runs, once */
	ck_assert_int_eq(form_post("/signup", "name=Dana&email=dana%40example.com&password=a+long+enough+secret",
				   &rs), 303);
	ck_assert_int_eq(form_handled, 1);
	resp_free(&rs);
}
END_TEST

START_TEST(test_form_without_page_and_not_a_form)
{
	struct resp rs;

	form_handled = 0;
	/* no form page: the route's template alone in the layout */
	ck_assert_int_eq(form_post("/plain", "name=&email=x&password=", &rs), 422);
	assert_has(&rs, "<a href=\"#name\">Enter your name.</a>");
	assert_has(&rs, "<a href=\"#password\">Password (password) is required.</a>");
	assert_has(&rs, "<input id=\"email\" value=\"x\">");
	resp_free(&rs);
	/* not a form: the first problem on the error page, 400 */
	ck_assert_int_eq(form_post("/not-a-form", "name=&email=x&password=", &rs), 400);
	assert_has(&rs, "Enter your name.");
	ck_assert_ptr_null(strstr(rs.body.data, "Password (password) is required."));
	resp_free(&rs);
	/* a rule of the handler's own goes through the same page */
	ck_assert_int_eq(form_post("/taken", "name=Dana&email=dana%40example.com&password=a+long+enough+secret",
				   &rs), 422);
	assert_has(&rs, "<a href=\"#email\">This address already has an account.</a>");
	assert_has(&rs, "<input id=\"email\" value=\"dana@example.com\">");
	assert_has(&rs, "<input id=\"password\" value=\"\">");
	resp_free(&rs);
	/* a form page that finds the record is not the visitor's: its status,
	 * the error page, nothing typed on it */
	ck_assert_int_eq(form_post("/not-yours", "name=&email=secret%40example.com&password=", &rs), 404);
	ck_assert_ptr_null(strstr(rs.body.data, "secret@example.com"));
	ck_assert_ptr_null(strstr(rs.body.data, "Enter your name."));
	resp_free(&rs);
	/* one that cannot be built: 500 */
	ck_assert_int_eq(form_post("/broken", "name=&email=x&password=", &rs), 500);
	resp_free(&rs);
	ck_assert_int_eq(form_handled, 0);
}
END_TEST

static Suite *
check_view_suite(void)
{
	Suite *s = suite_create("view");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_page_in_layout);
	tcase_add_test(tc, test_header_parts);
	tcase_add_test(tc, test_missing_template_is_500);
	tcase_add_test(tc, test_error_page);
	tcase_add_test(tc, test_cacheable);
	tcase_add_test(tc, test_group_digits);
	tcase_add_test(tc, test_form_errors);
	tcase_add_test(tc, test_form_shown_again);
	tcase_add_test(tc, test_form_without_page_and_not_a_form);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_view_suite)
