/*
 * Page tests for sf_suggest.c: GET /search/suggest.
 */
#include "page_util.h"

START_TEST(test_suggest_json)
{
	struct pu_page *p = pu_get("/search/suggest?q=sleping%20ba");

	pu_assert_status(p, 200);
	ck_assert_str_eq(pu_header(p, "Content-Type"), "application/json; charset=utf-8");
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "public, max-age=60");
	pu_assert_has(p, "\"q\": \"sleping ba\"");
	/* the corrected text first, as a search; then product names */
	pu_assert_has(p, "\"kind\": \"search\",\n      \"text\": \"sleeping ba");
	pu_assert_has(p, "\"url\": \"/search?q=sleeping%20ba");
	pu_assert_has(p, "\"kind\": \"product\"");
	pu_assert_has(p, "Sleeping Bag");
	pu_assert_has(p, "\"url\": \"/p/");
	pu_free(p);
}
END_TEST

START_TEST(test_suggest_nothing)
{
	struct pu_page *p = pu_get("/search/suggest?q=a");

	pu_assert_status(p, 200);
	pu_assert_has(p, "\"suggestions\": []");
	pu_free(p);
	p = pu_get("/search/suggest");
	pu_assert_status(p, 200);
	pu_assert_has(p, "\"q\": \"\"");
	pu_assert_has(p, "\"suggestions\": []");
	pu_free(p);
}
END_TEST

START_TEST(test_suggest_bad_input)
{
	struct pu_page *p = pu_get("/search/suggest?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");

	pu_assert_status(p, 200);
	pu_assert_lacks(p, "<script>");
	pu_assert_has(p, "\\u003cscript\\u003e");
	pu_free(p);
	p = pu_getf("/search/suggest?q=%0101d", 1);	/* 101 bytes: over the limit */
	pu_assert_status(p, 400);
	pu_free(p);
	pu_expect(400, pu_get("/search/suggest?q=a&q=b"));
	pu_expect(405, pu_request("POST", "/search/suggest", NULL));
}
END_TEST

static Suite *
sf_suggest_suite(void)
{
	Suite *s = suite_create("sf_suggest");
	TCase *tc = pu_tcase(s, "suggest");

	tcase_add_test(tc, test_suggest_json);
	tcase_add_test(tc, test_suggest_nothing);
	tcase_add_test(tc, test_suggest_bad_input);
	return s;
}

CHECK_MAIN(sf_suggest_suite)
