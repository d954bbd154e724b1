/*
 * Page tests for sf_health.c: GET /healthz.
 */
#include "page_util.h"

START_TEST(test_health_ok)
{
	struct pu_page *p = pu_get("/healthz");

	pu_assert_status(p, 200);
	ck_assert_str_eq(p->body, "ok\n");
	ck_assert_str_eq(pu_header(p, "Content-Type"), "text/plain; charset=utf-8");
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	pu_free(p);
}
END_TEST

/* After the server dropped the connection the probe reconnects. */
START_TEST(test_health_reconnects)
{
	db_debug_kill_connection();
	pu_expect(200, pu_get("/healthz"));
}
END_TEST

/* With the database out of reach the probe says so (503), as a page. */
START_TEST(test_health_db_down)
{
	struct pu_page *p;

	db_close();
	setenv("BAZAAR_DB_SOCKET", "/nonexistent/mysqld.sock", 1);
	setenv("BAZAAR_DB_HOST", "127.0.0.1", 1);
	setenv("BAZAAR_DB_PORT", "1", 1);
	p = pu_get("/healthz");
	pu_assert_status(p, 503);
	pu_assert_lacks(p, "ok\n");
	pu_assert_has(p, "Request id: <code>");
	pu_free(p);
}
END_TEST

START_TEST(test_health_bad_input)
{
	struct pu_page *p;

	pu_expect(405, pu_request("POST", "/healthz", NULL));
	pu_expect(404, pu_get("/healthz/extra"));
	/* parameters are not declared: ignored */
	p = pu_get("/healthz?verbose=1");
	pu_assert_status(p, 200);
	ck_assert_str_eq(p->body, "ok\n");
	pu_free(p);
}
END_TEST

static Suite *
sf_health_suite(void)
{
	Suite *s = suite_create("sf_health");
	TCase *tc = pu_tcase(s, "health");

	tcase_add_test(tc, test_health_ok);
	tcase_add_test(tc, test_health_reconnects);
	tcase_add_test(tc, test_health_bad_input);
	/* last: it points this process at a database that is not there (each
	 * test runs in its own process unless CK_FORK=no) */
	tcase_add_test(tc, test_health_db_down);
	return s;
}

CHECK_MAIN(sf_health_suite)
