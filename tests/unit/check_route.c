/* Tests for cgi/lib/route.c: patterns, validators, dispatch. */
#include "check_util.h"
#include "fcgi_loop.h"
#include "db.h"
#include "route.h"

#include <stdio.h>
#include <string.h>

static const char *const sorts[] = { "newest", "price_asc", NULL };
static const struct param list_params[] = {
	{ "page", PARAM_INT, 1, 1000, NULL, 0, NULL, NULL, NULL },
	{ "sort", PARAM_ENUM, 0, 0, sorts, 0, NULL, NULL, NULL },
	{ "q", PARAM_TEXT, 0, 10, NULL, 0, "Search", NULL, NULL },
	{ "min", PARAM_MONEY, 0, 100000, NULL, 0, "Minimum price", NULL, NULL },
	{ NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL },
};
static const struct param post_params[] = {
	{ "qty", PARAM_INT, 1, 99, NULL, PARAM_REQUIRED, "Quantity", NULL, NULL },
	{ NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL },
};

static int
h_list(struct req *rq, struct resp *rs)
{
	buf_printf(&rs->body, "page=%lld sort=%s q=%s min=%lld id=%lld", req_int(rq, "page", 1),
		   req_str(rq, "sort") ? req_str(rq, "sort") : "-", req_str(rq, "q") ? req_str(rq, "q") : "-",
		   req_int(rq, "min", -1), req_int(rq, "id", 0));
	return 200;
}

static int
h_post(struct req *rq, struct resp *rs)
{
	buf_printf(&rs->body, "qty=%lld", req_int(rq, "qty", 0));
	return 200;
}

static int
h_item(struct req *rq, struct resp *rs)
{
	buf_printf(&rs->body, "order=%lld item=%lld", req_path_id(rq, "order"), req_path_id(rq, "item"));
	return 200;
}

static int
h_fail(struct req *rq, struct resp *rs)
{
	(void)rq;
	buf_adds(&rs->body, "SECRET PARTIAL OUTPUT");
	rs->message = "No such thing.";
	return 404;
}

static int
h_broken(struct req *rq, struct resp *rs)
{
	(void)rq;
	(void)rs;
	return 500;
}

static const struct route table[] = {
	{ "GET", "/orders/{order:id}/items/{item:id}", h_item, NULL, 0, NULL, NULL },
	{ "GET", "/c/{slug}", h_list, NULL, 0, list_params, NULL },
	{ "GET", "/p/{id}-{slug}", h_list, NULL, 0, NULL, NULL },
	{ "POST", "/cart/add", h_post, NULL, 0, post_params, NULL },
	{ "GET", "/fail", h_fail, NULL, 0, NULL, NULL },
	{ "GET", "/broken", h_broken, NULL, 0, NULL, NULL },
};

static const struct app app = { .name = "route-test", .routes = table,
				 .nroutes = sizeof table / sizeof table[0] };

static int
run(const char *method, const char *uri, const char *query, const char *body, struct resp *rs)
{
	char m[64], u[256], q[256];
	char *env[] = { m, u, q, "CONTENT_TYPE=application/x-www-form-urlencoded", NULL };
	struct req rq;
	int status;

	snprintf(m, sizeof m, "REQUEST_METHOD=%s", method);
	snprintf(u, sizeof u, "REQUEST_URI=%s", uri);
	snprintf(q, sizeof q, "QUERY_STRING=%s", query);
	resp_init(rs);
	status = req_init(&rq, env, body, strlen(body), &req_default_limits);
	ck_assert_int_eq(status, 0);
	status = route_dispatch(&app, &rq, rs);
	req_free(&rq);
	return status;
}

/* Builders that cannot make their page: one knows why (404), one does not. */
static tmpl_dict *
form_page_not_found(struct req *rq, struct resp *rs, struct view *v)
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

START_TEST(test_form_show_failures)
{
	struct req rq;
	struct resp rs;

	memset(&rq, 0, sizeof rq);
	resp_init(&rs);
	ck_assert_int_eq(route_form_show(&rq, &rs, form_page_not_found), 404);
	resp_free(&rs);
	resp_init(&rs);
	ck_assert_int_eq(route_form_show(&rq, &rs, form_page_broken), 500);
	resp_free(&rs);
}
END_TEST

START_TEST(test_match)
{
	struct req rq;
	char *env[] = { "REQUEST_URI=/", NULL };

	req_init(&rq, env, "", 0, &req_default_limits);
	ck_assert(route_match(&rq, "/p/{id}-{slug}", "/p/12-red-shoe"));
	ck_assert_str_eq(kvlist_get(&rq.path_params, "id"), "12");
	ck_assert_str_eq(kvlist_get(&rq.path_params, "slug"), "red-shoe");
	ck_assert(!route_match(&rq, "/p/{id}-{slug}", "/p/abc"));
	ck_assert(!route_match(&rq, "/p/{id}-{slug}", "/p/012-x"));
	ck_assert(!route_match(&rq, "/p/{id}-{slug}", "/p/12-Red"));
	ck_assert(!route_match(&rq, "/p/{id}-{slug}", "/p/1234567890123456789-x"));
	ck_assert(!route_match(&rq, "/p/{id}", "/p/12/"));
	ck_assert(route_match(&rq, "/", "/"));
	ck_assert(!route_match(&rq, "/", "/x"));
	req_free(&rq);
}
END_TEST

START_TEST(test_match_captures)
{
	struct req rq;
	char *env[] = { "REQUEST_URI=/", NULL };

	req_init(&rq, env, "", 0, &req_default_limits);
	/* several captures, the same type twice, read by name */
	ck_assert(route_match(&rq, "/orders/{order:id}/items/{item:id}", "/orders/42/items/7"));
	ck_assert_int_eq(req_path_id(&rq, "order"), 42);
	ck_assert_int_eq(req_path_id(&rq, "item"), 7);
	ck_assert_int_eq(req_path_id(&rq, "id"), -1);	/* no such capture */
	ck_assert_str_eq(req_path_str(&rq, "order"), "42");
	ck_assert_ptr_null(req_path_str(&rq, "slug"));
	ck_assert(!route_match(&rq, "/orders/{order:id}/items/{item:id}", "/orders/42/items/"));
	ck_assert(!route_match(&rq, "/orders/{order:id}/items/{item:id}", "/orders/42/items/x"));
	ck_assert(!route_match(&rq, "/orders/{order:id}/items/{item:id}", "/orders/42/items/7/"));
	ck_assert(!route_match(&rq, "/orders/{order:id}/items/{item:id}", "/orders/42"));
	rq.path_params.n = 0;
	ck_assert(route_match(&rq, "/s/{shop:slug}/{product:id}-{name:slug}", "/s/lamps/9-desk-lamp"));
	ck_assert_str_eq(req_path_str(&rq, "shop"), "lamps");
	ck_assert_int_eq(req_path_id(&rq, "product"), 9);
	ck_assert_str_eq(req_path_str(&rq, "name"), "desk-lamp");
	ck_assert_int_eq(req_path_id(&rq, "shop"), -1);	/* not a number */
	/* the old short forms keep working, and req_int reads captures too */
	rq.path_params.n = 0;
	rq.params.n = 0;
	ck_assert(route_match(&rq, "/c/{slug}", "/c/lamps"));
	ck_assert_str_eq(req_path_str(&rq, "slug"), "lamps");
	ck_assert(route_match(&rq, "/p/{id}", "/p/5"));
	ck_assert_int_eq(req_path_id(&rq, "id"), 5);
	ck_assert_int_eq(req_int(&rq, "id", 0), 5);
	req_free(&rq);
}
END_TEST

START_TEST(test_match_overflow)
{
	struct req rq;
	char *env[] = { "REQUEST_URI=/", NULL };
	char slug[200];

	req_init(&rq, env, "", 0, &req_default_limits);
	/* 18 digits is the longest id: it always fits a long long */
	ck_assert(route_match(&rq, "/o/{order:id}", "/o/999999999999999999"));
	ck_assert_int_eq(req_path_id(&rq, "order"), 999999999999999999LL);
	ck_assert(!route_match(&rq, "/o/{order:id}", "/o/9999999999999999999"));
	ck_assert(!route_match(&rq, "/o/{order:id}", "/o/99999999999999999999999999999999"));
	ck_assert(!route_match(&rq, "/o/{order:id}", "/o/0"));
	memset(slug, 'a', sizeof slug);
	memcpy(slug, "/c/", 3);
	slug[123] = '\0';
	ck_assert(route_match(&rq, "/c/{slug}", slug));
	slug[123] = 'a';
	slug[124] = '\0';
	ck_assert(!route_match(&rq, "/c/{slug}", slug));	/* 121 characters */
	req_free(&rq);
}
END_TEST

START_TEST(test_pattern_malformed)
{
	static const char *const bad[] = {
		"/o/{order",			/* not closed */
		"/o/{}",			/* no name */
		"/o/{order:}",			/* no type */
		"/o/{order:uuid}",		/* unknown type */
		"/o/{order}",			/* a bare name must be a type */
		"/o/{Order:id}",		/* upper case */
		"/o/{1st:id}",			/* starts with a digit */
		"/o/{a:id}/{a:id}",		/* same name twice */
		"/o/{a:id}{b:slug}",		/* no separator */
		"/o/a}",			/* stray brace */
		"o/{id}",			/* relative */
		"/{a:id}/{b:id}/{c:id}/{d:id}/{e:id}/{f:id}/{g:id}/{h:id}/{i:id}",	/* too many */
		"/{a_very_long_capture_name_over_the_limit:id}",
		NULL,
	};
	static const struct route broken[] = {
		{ "GET", "/fine/{id}", NULL, NULL, 0, NULL, NULL },
		{ "GET", "/o/{order:uuid}", NULL, NULL, 0, NULL, NULL },
	};
	const char *why;
	struct req rq;
	char *env[] = { "REQUEST_URI=/", NULL };
	size_t i;

	for (i = 0; bad[i]; i++) {
		why = NULL;
		ck_assert_msg(route_pattern_check(bad[i], &why) == -1, "%s accepted", bad[i]);
		ck_assert_ptr_nonnull(why);
	}
	ck_assert_int_eq(route_pattern_check("/orders/{order:id}/items/{item:id}", &why), 0);
	ck_assert_int_eq(route_pattern_check("/p/{id}-{slug}", &why), 0);
	ck_assert_int_eq(route_pattern_check("/{a:id}/{b:id}/{c:id}/{d:id}/{e:id}/{f:id}/{g:id}/{h:id}", &why), 0);
	ck_assert_int_eq(route_pattern_check("/", &why), 0);
	ck_assert_int_eq(route_table_check(table, sizeof table / sizeof table[0], &why), -1);
	ck_assert_int_eq(route_table_check(broken, 2, &why), 1);
	ck_assert_str_eq(why, "a capture's type must be id or slug");
	/* a malformed pattern matches nothing */
	req_init(&rq, env, "", 0, &req_default_limits);
	ck_assert(!route_match(&rq, "/o/{order", "/o/{order"));
	ck_assert(!route_match(&rq, "/o/{a:id}/{a:id}", "/o/1/2"));
	req_free(&rq);
}
END_TEST

/* A field given any number of times (PARAM_MANY): every value checked and
 * kept in order; other fields still refuse a second value. */
static int
validate_body(const struct param *params, const char *body, struct req *rq, const char **message)
{
	char *env[] = { "REQUEST_METHOD=POST", "REQUEST_URI=/many",
			"CONTENT_TYPE=application/x-www-form-urlencoded", NULL };

	ck_assert_int_eq(req_init(rq, env, body, strlen(body), &req_default_limits), 0);
	return route_validate(rq, params, message);
}

START_TEST(test_param_many)
{
	static const struct param many[] = {
		{ "id", PARAM_INT, 1, 99, NULL, PARAM_MANY, "Listing", NULL, NULL },
		{ "one", PARAM_INT, 1, 9, NULL, 0, "One", NULL, NULL },
		{ NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL },
	};
	static const struct param required[] = {
		{ "id", PARAM_INT, 1, 99, NULL, PARAM_MANY | PARAM_REQUIRED, "Listing", NULL, "Tick one first." },
		{ NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL },
	};
	struct req rq;
	const char *message;

	ck_assert_int_eq(validate_body(many, "id=3&one=2&id=5", &rq, &message), 0);
	ck_assert_str_eq(req_str_at(&rq, "id", 0), "3");
	ck_assert_str_eq(req_str_at(&rq, "id", 1), "5");
	ck_assert_ptr_null(req_str_at(&rq, "id", 2));
	ck_assert_int_eq(req_int(&rq, "one", 0), 2);
	req_free(&rq);
	ck_assert_int_eq(validate_body(many, "", &rq, &message), 0);
	ck_assert_ptr_null(req_str_at(&rq, "id", 0));
	req_free(&rq);
	ck_assert_int_eq(validate_body(many, "id=3&id=100", &rq, &message), 400);
	ck_assert_ptr_nonnull(strstr(message, "Listing (id)"));
	req_free(&rq);
	ck_assert_int_eq(validate_body(many, "one=1&one=2", &rq, &message), 400);
	ck_assert_ptr_nonnull(strstr(message, "more than once"));
	req_free(&rq);
	ck_assert_int_eq(validate_body(required, "other=1", &rq, &message), 400);
	ck_assert_str_eq(message, "Tick one first.");
	req_free(&rq);
}
END_TEST

START_TEST(test_dispatch_ok)
{
	struct resp rs;

	ck_assert_int_eq(run("GET", "/c/shoes", "page=3&sort=newest&q=boot&min=12.5&junk=1", "", &rs), 200);
	ck_assert_str_eq(rs.body.data, "page=3 sort=newest q=boot min=1250 id=0");
	resp_free(&rs);
	ck_assert_int_eq(run("GET", "/p/7-x", "page=3", "", &rs), 200);
	ck_assert_str_eq(rs.body.data, "page=1 sort=- q=- min=-1 id=7");	/* undeclared page ignored */
	resp_free(&rs);
	ck_assert_int_eq(run("HEAD", "/c/shoes", "", "", &rs), 200);
	resp_free(&rs);
	ck_assert_int_eq(run("POST", "/cart/add", "", "qty=2", &rs), 200);
	ck_assert_str_eq(rs.body.data, "qty=2");
	resp_free(&rs);
	ck_assert_int_eq(run("GET", "/c/shoes", "page=&min=", "", &rs), 200);	/* empty = absent */
	resp_free(&rs);
	ck_assert_int_eq(run("GET", "/orders/31/items/4", "", "", &rs), 200);
	ck_assert_str_eq(rs.body.data, "order=31 item=4");
	resp_free(&rs);
	ck_assert_int_eq(run("GET", "/orders/31/items/04", "", "", &rs), 404);
	resp_free(&rs);
}
END_TEST

static void
expect_400(const char *query, const char *needle)
{
	struct resp rs;

	ck_assert_int_eq(run("GET", "/c/shoes", query, "", &rs), 400);
	ck_assert_msg(strstr(rs.body.data, needle) != NULL, "%s: no '%s' in %s", query, needle, rs.body.data);
	ck_assert_ptr_null(strstr(rs.body.data, "DROP"));	/* input never echoed */
	resp_free(&rs);
}

START_TEST(test_dispatch_bad_params)
{
	expect_400("page=-1", "page must be a whole number from 1 to 1000");
	expect_400("page=abc", "page must be a whole number");
	expect_400("page=99999999999999999999", "page must be");
	expect_400("page=1&page=2", "page was given more than once");
	expect_400("sort=DROP", "sort must be one of: newest, price_asc");
	expect_400("q=DROPDROPDROP", "Search (q) must be 0 to 10 characters long");
	expect_400("q=%01", "Search (q) contains characters that are not allowed");
	expect_400("q=%C3%28", "not allowed");	/* invalid UTF-8 */
	expect_400("min=12.345", "Minimum price (min) must be an amount like 12.50");
}
END_TEST

START_TEST(test_dispatch_errors)
{
	struct resp rs;

	ck_assert_int_eq(run("GET", "/nowhere", "", "", &rs), 404);
	resp_free(&rs);
	ck_assert_int_eq(run("GET", "/cart/add", "", "", &rs), 405);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Allow: POST"));
	resp_free(&rs);
	ck_assert_int_eq(run("POST", "/cart/add", "", "", &rs), 400);
	ck_assert_ptr_nonnull(strstr(rs.body.data, "Quantity (qty) is required"));
	resp_free(&rs);
	ck_assert_int_eq(run("GET", "/fail", "", "", &rs), 404);
	ck_assert_ptr_null(strstr(rs.body.data, "SECRET"));	/* partial body discarded */
	ck_assert_ptr_nonnull(strstr(rs.body.data, "No such thing."));
	resp_free(&rs);
}
END_TEST

/* A handler's 500 while the database cannot be reached is a 503 that says
 * so, with Retry-After; otherwise it stays a 500. */
START_TEST(test_dispatch_database_down)
{
	struct resp rs;

	ck_assert_int_eq(run("GET", "/broken", "", "", &rs), 500);
	ck_assert_ptr_null(rs.headers.data ? strstr(rs.headers.data, "Retry-After") : NULL);
	resp_free(&rs);

	setenv("BAZAAR_DB_SOCKET", "/nonexistent/mysqld.sock", 1);
	ck_assert_int_eq(db_connect(), -1);
	ck_assert_int_eq(db_unavailable(), 1);
	ck_assert_int_eq(run("GET", "/broken", "", "", &rs), 503);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Retry-After: 5\r\n"));
	ck_assert_ptr_nonnull(strstr(rs.body.data, "cannot reach its database"));
	resp_free(&rs);
	/* Other errors are what the handler said. */
	ck_assert_int_eq(run("GET", "/fail", "", "", &rs), 404);
	resp_free(&rs);
}
END_TEST

static Suite *
check_route_suite(void)
{
	Suite *s = suite_create("route");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_match);
	tcase_add_test(tc, test_form_show_failures);
	tcase_add_test(tc, test_param_many);
	tcase_add_test(tc, test_match_captures);
	tcase_add_test(tc, test_match_overflow);
	tcase_add_test(tc, test_pattern_malformed);
	tcase_add_test(tc, test_dispatch_ok);
	tcase_add_test(tc, test_dispatch_bad_params);
	tcase_add_test(tc, test_dispatch_errors);
	tcase_add_test(tc, test_dispatch_database_down);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_route_suite)
