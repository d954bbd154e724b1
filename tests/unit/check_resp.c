/* Tests for cgi/lib/resp.c */
#include "check_util.h"
#include "resp.h"

#include <string.h>

START_TEST(test_serialize)
{
	struct resp rs;
	struct buf out;

	resp_init(&rs);
	buf_init(&out);
	buf_adds(&rs.body, "<p>hi</p>");
	resp_header(&rs, "X-Test", "1");
	resp_serialize(&rs, &out);
	ck_assert_ptr_nonnull(strstr(out.data, "Status: 200 OK\r\n"));
	ck_assert_ptr_nonnull(strstr(out.data, "Content-Type: text/html; charset=utf-8\r\n"));
	ck_assert_ptr_nonnull(strstr(out.data, "Content-Length: 9\r\n"));
	ck_assert_ptr_nonnull(strstr(out.data, "Cache-Control: no-store\r\n"));
	ck_assert_ptr_nonnull(strstr(out.data, "X-Test: 1\r\n\r\n<p>hi</p>"));
	buf_free(&out);
	resp_free(&rs);
}
END_TEST

START_TEST(test_header_injection_dropped)
{
	struct resp rs;

	resp_init(&rs);
	resp_header(&rs, "X-A", "ok\r\nSet-Cookie: evil=1");
	resp_header(&rs, "X-B\n", "v");
	resp_cookie(&rs, "c", "a;b", 10, 1);
	ck_assert_uint_eq(rs.headers.len, 0);
	ck_assert_int_eq(resp_redirect(&rs, 302, "/x\r\nX: y"), 500);
	resp_free(&rs);
}
END_TEST

START_TEST(test_redirect_and_flash)
{
	struct resp rs;

	resp_init(&rs);
	ck_assert_int_eq(resp_redirect(&rs, 301, "/p/1-good"), 301);
	resp_set_flash(&rs, "Saved & done");
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Location: /p/1-good\r\n"));
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Set-Cookie: bz_flash=Saved%20%26%20done; Path=/;"));
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "HttpOnly"));
	ck_assert_str_eq(resp_reason(404), "Not Found");
	ck_assert_str_eq(resp_reason(599), "Error");
	resp_free(&rs);
}
END_TEST

START_TEST(test_retry_after)
{
	struct resp rs;

	resp_init(&rs);
	resp_retry_after(&rs, 840);
	ck_assert_str_eq(rs.headers.data, "Retry-After: 840\r\n");
	resp_free(&rs);
	/* never 0 or negative: a client would retry at once */
	resp_init(&rs);
	resp_retry_after(&rs, 0);
	ck_assert_str_eq(rs.headers.data, "Retry-After: 1\r\n");
	resp_free(&rs);
}
END_TEST

static Suite *
check_resp_suite(void)
{
	Suite *s = suite_create("resp");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_serialize);
	tcase_add_test(tc, test_header_injection_dropped);
	tcase_add_test(tc, test_redirect_and_flash);
	tcase_add_test(tc, test_retry_after);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_resp_suite)
