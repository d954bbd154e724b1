/* Tests for cgi/lib/req.c: parsing, limits and malformed input. */
#include "check_util.h"
#include "req.h"

#include <string.h>

static const struct req_limits small = {
	.max_body = 100, .max_fields = 4, .max_key = 8, .max_value = 16, .max_cookies = 3,
};

START_TEST(test_urlencoded_basic)
{
	struct arena a;
	struct kvlist l = { 0 };
	const char *why = NULL;

	arena_init(&a);
	ck_assert_int_eq(req_parse_urlencoded(&a, "a=1&b=hello+world&c=%C3%A9&&d", 29, &l,
					      &req_default_limits, &why), 0);
	ck_assert_uint_eq(l.n, 4);
	ck_assert_str_eq(kvlist_get(&l, "a"), "1");
	ck_assert_str_eq(kvlist_get(&l, "b"), "hello world");
	ck_assert_str_eq(kvlist_get(&l, "c"), "é");
	ck_assert_str_eq(kvlist_get(&l, "d"), "");
	ck_assert_ptr_null(kvlist_get(&l, "e"));
	arena_free(&a);
}
END_TEST

START_TEST(test_urlencoded_duplicates_kept)
{
	struct arena a;
	struct kvlist l = { 0 };
	const char *why = NULL;

	arena_init(&a);
	ck_assert_int_eq(req_parse_urlencoded(&a, "x=1&x=2", 7, &l, &req_default_limits, &why), 0);
	ck_assert_uint_eq(kvlist_count(&l, "x"), 2);
	ck_assert_str_eq(kvlist_get(&l, "x"), "1");
	arena_free(&a);
}
END_TEST

START_TEST(test_urlencoded_malformed)
{
	static const char *bad[] = {
		"a=%", "a=%4", "a=%zz", "a=%00", "%=1", "=1", "a=1&%G1=2", "a=%2",
	};
	struct arena a;
	size_t i;

	arena_init(&a);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct kvlist l = { 0 };
		const char *why = NULL;
		ck_assert_msg(req_parse_urlencoded(&a, bad[i], strlen(bad[i]), &l,
						   &req_default_limits, &why) == -1, "accepted %s", bad[i]);
		ck_assert_ptr_nonnull(why);
	}
	arena_free(&a);
}
END_TEST

START_TEST(test_urlencoded_limits)
{
	struct arena a;
	struct kvlist l1 = { 0 }, l2 = { 0 }, l3 = { 0 }, l4 = { 0 };
	const char *why = NULL;

	arena_init(&a);
	ck_assert_int_eq(req_parse_urlencoded(&a, "a=1&b=2&c=3&d=4&e=5", 19, &l1, &small, &why), -1);
	ck_assert_str_eq(why, "too many fields");
	ck_assert_int_eq(req_parse_urlencoded(&a, "averylongkey=1", 14, &l2, &small, &why), -1);
	ck_assert_int_eq(req_parse_urlencoded(&a, "a=0123456789abcdefX", 19, &l3, &small, &why), -1);
	/* Escapes count after decoding: 16 bytes of %41 decode to 16 bytes, fine. */
	ck_assert_int_eq(req_parse_urlencoded(&a, "a=%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41%41",
					      50, &l4, &small, &why), 0);
	ck_assert_str_eq(kvlist_get(&l4, "a"), "AAAAAAAAAAAAAAAA");
	arena_free(&a);
}
END_TEST

START_TEST(test_huge_field)
{
	struct arena a;
	struct kvlist l = { 0 };
	const char *why = NULL;
	size_t n = 10 * 1024 * 1024;
	char *big = malloc(n + 3);

	memcpy(big, "a=", 2);
	memset(big + 2, 'x', n);
	big[n + 2] = '\0';
	arena_init(&a);
	ck_assert_int_eq(req_parse_urlencoded(&a, big, n + 2, &l, &req_default_limits, &why), -1);
	ck_assert_str_eq(why, "a field is too long");
	arena_free(&a);
	free(big);
}
END_TEST

START_TEST(test_cookies)
{
	struct arena a;
	struct kvlist l = { 0 }, l2 = { 0 };
	const char *why = NULL;

	arena_init(&a);
	ck_assert_int_eq(req_parse_cookies(&a, " bz_session=abc; theme=\"dark\" ;junk; x= 1 ", &l,
					   &req_default_limits, &why), 0);
	ck_assert_str_eq(kvlist_get(&l, "bz_session"), "abc");
	ck_assert_str_eq(kvlist_get(&l, "theme"), "dark");
	ck_assert_str_eq(kvlist_get(&l, "x"), "1");
	ck_assert_ptr_null(kvlist_get(&l, "junk"));
	ck_assert_int_eq(req_parse_cookies(&a, "a=1; b=2; c=3; d=4", &l2, &small, &why), -1);
	arena_free(&a);
}
END_TEST

START_TEST(test_init_from_env)
{
	char *env[] = {
		"REQUEST_METHOD=POST", "REQUEST_URI=/c/shoes%20x?page=2&sort=newest",
		"QUERY_STRING=page=2&sort=newest", "REMOTE_ADDR=127.0.0.9",
		"CONTENT_TYPE=application/x-www-form-urlencoded; charset=utf-8",
		"HTTP_COOKIE=bz_flash=hi", "REQUEST_ID=0123456789abcdef0123456789abcdef",
		"HTTP_ORIGIN=http://127.0.0.1:8080", NULL,
	};
	struct req rq;

	ck_assert_int_eq(req_init(&rq, env, "qty=3&name=a+b", 14, &req_default_limits), 0);
	ck_assert_str_eq(rq.method, "POST");
	ck_assert_str_eq(rq.path, "/c/shoes x");
	ck_assert_str_eq(rq.ip, "127.0.0.9");
	ck_assert_str_eq(rq.id, "0123456789abcdef");
	ck_assert_str_eq(kvlist_get(&rq.query_fields, "page"), "2");
	ck_assert_str_eq(kvlist_get(&rq.form_fields, "name"), "a b");
	ck_assert_str_eq(req_cookie(&rq, "bz_flash"), "hi");
	ck_assert_str_eq(rq.origin, "http://127.0.0.1:8080");
	/* Nothing reaches the typed getters before the router validates it. */
	ck_assert_ptr_null(req_str(&rq, "page"));
	ck_assert_int_eq(req_int(&rq, "page", 1), 1);
	req_free(&rq);
}
END_TEST

START_TEST(test_init_rejects)
{
	char *nul_path[] = { "REQUEST_URI=/p/%00", NULL };
	char *bad_query[] = { "REQUEST_URI=/", "QUERY_STRING=a=%E", NULL };
	char *post[] = { "REQUEST_METHOD=POST", "REQUEST_URI=/x",
			 "CONTENT_TYPE=application/x-www-form-urlencoded", NULL };
	char *noslash[] = { "REQUEST_URI=p", NULL };
	struct req rq;

	ck_assert_int_eq(req_init(&rq, nul_path, "", 0, &req_default_limits), 400);
	req_free(&rq);
	ck_assert_int_eq(req_init(&rq, bad_query, "", 0, &req_default_limits), 400);
	ck_assert_ptr_nonnull(rq.error);
	req_free(&rq);
	ck_assert_int_eq(req_init(&rq, post, "a=1\0b=2", 7, &req_default_limits), 400);
	req_free(&rq);
	ck_assert_int_eq(req_init(&rq, post, "a=1", 101, &small), 413);
	req_free(&rq);
	ck_assert_int_eq(req_init(&rq, noslash, "", 0, &req_default_limits), 400);
	req_free(&rq);
}
END_TEST

START_TEST(test_request_id_generated)
{
	char *env[] = { "REQUEST_URI=/", NULL };
	struct req a, b;

	ck_assert_int_eq(req_init(&a, env, "", 0, &req_default_limits), 0);
	ck_assert_int_eq(req_init(&b, env, "", 0, &req_default_limits), 0);
	ck_assert_uint_eq(strlen(a.id), 16);
	ck_assert_str_ne(a.id, b.id);
	req_free(&a);
	req_free(&b);
}
END_TEST

static Suite *
check_req_suite(void)
{
	Suite *s = suite_create("req");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_urlencoded_basic);
	tcase_add_test(tc, test_urlencoded_duplicates_kept);
	tcase_add_test(tc, test_urlencoded_malformed);
	tcase_add_test(tc, test_urlencoded_limits);
	tcase_add_test(tc, test_huge_field);
	tcase_add_test(tc, test_cookies);
	tcase_add_test(tc, test_init_from_env);
	tcase_add_test(tc, test_init_rejects);
	tcase_add_test(tc, test_request_id_generated);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_req_suite)
