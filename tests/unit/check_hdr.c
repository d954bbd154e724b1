/*
 * Tests for cgi/lib/hdr.c: the bz_hk cookie (only a well-formed key is
 * read; setting and clearing it is seen by the rest of the request) and the
 * fragment's copy in memcached (stored, forgotten, never under a malformed
 * key).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "check_util.h"
#include "hdr.h"

static const char key[] = "00112233445566778899aabbccddeeff";

static void
make_req(struct req *rq, const char *cookie)
{
	char c[512];
	char *env[] = { "REQUEST_URI=/", c, NULL };

	snprintf(c, sizeof c, "HTTP_COOKIE=%s", cookie ? cookie : "");
	ck_assert_int_eq(req_init(rq, env, "", 0, &req_default_limits), 0);
	rq->envp = NULL;
}

START_TEST(test_cookie)
{
	struct req rq;
	struct resp rs;

	make_req(&rq, "bz_hk=00112233445566778899aabbccddeeff");
	ck_assert_str_eq(hdr_cookie(&rq), key);
	req_free(&rq);
	make_req(&rq, "bz_hk=00112233445566778899AABBCCDDEEFF");
	ck_assert_ptr_null(hdr_cookie(&rq));
	req_free(&rq);
	make_req(&rq, "bz_hk=../../x; other=1");
	ck_assert_ptr_null(hdr_cookie(&rq));
	req_free(&rq);

	make_req(&rq, NULL);
	resp_init(&rs);
	hdr_set_cookie(&rq, &rs, key);
	ck_assert_str_eq(hdr_cookie(&rq), key);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Set-Cookie: bz_hk=00112233445566778899aabbccddeeff"));
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "HttpOnly"));
	ck_assert_int_eq(rs.cache, RESP_NO_STORE);
	hdr_set_cookie(&rq, &rs, NULL);
	ck_assert_ptr_null(hdr_cookie(&rq));
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Set-Cookie: bz_hk=;"));
	/* A malformed key is never sent. */
	hdr_set_cookie(&rq, &rs, "<script>");
	ck_assert_ptr_null(strstr(rs.headers.data, "script"));
	resp_free(&rs);
	req_free(&rq);
}
END_TEST

START_TEST(test_store_forget)
{
	size_t len;
	char *v;

	if (getenv("BAZAAR_MEMCACHED") == NULL)
		return;	/* only with the test stack's memcached */
	ck_assert_int_eq(cache_init(), 0);
	hdr_store(key, "<nav>x</nav>", 12);
	v = cache_get("hd:00112233445566778899aabbccddeeff", &len);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(len, 12);
	free(v);
	hdr_forget(key);
	ck_assert_ptr_null(cache_get("hd:00112233445566778899aabbccddeeff", &len));
	hdr_store("not-a-key", "x", 1);
	ck_assert_ptr_null(cache_get("hd:not-a-key", &len));
	cache_close();
}
END_TEST

static Suite *
hdr_suite(void)
{
	Suite *s = suite_create("hdr");
	TCase *t = tcase_create("hdr");

	tcase_add_test(t, test_cookie);
	tcase_add_test(t, test_store_forget);
	suite_add_tcase(s, t);
	return s;
}

CHECK_MAIN(hdr_suite)
