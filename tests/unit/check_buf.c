/* Tests for cgi/lib/buf.c */
#include "check_util.h"
#include "buf.h"

#include <limits.h>
#include <string.h>

START_TEST(test_add_and_printf)
{
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "hello");
	buf_addc(&b, ' ');
	buf_printf(&b, "%d-%s", 42, "x");
	ck_assert_str_eq(b.data, "hello 42-x");
	ck_assert_uint_eq(b.len, 10);
	buf_reset(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(b.data, "");
	buf_free(&b);
}
END_TEST

START_TEST(test_add_int)
{
	static const long long v[] = { 0, 7, -7, 10, 99, 100, 123456789, -9007199254740993LL,
				       LLONG_MAX, LLONG_MIN };
	struct buf b, want;
	size_t i;

	buf_init(&b);
	buf_init(&want);
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		buf_adds(&b, "[");
		buf_add_int(&b, v[i]);
		buf_adds(&b, "]");
		buf_printf(&want, "[%lld]", v[i]);
	}
	ck_assert_str_eq(b.data, want.data);
	ck_assert_uint_eq(b.len, want.len);
	buf_free(&b);
	buf_free(&want);
}
END_TEST

START_TEST(test_grows_large)
{
	struct buf b;
	char chunk[1000];
	int i;

	memset(chunk, 'a', sizeof chunk);
	buf_init(&b);
	for (i = 0; i < 5000; i++)
		buf_add(&b, chunk, sizeof chunk);
	ck_assert_uint_eq(b.len, 5000000);
	ck_assert_int_eq(b.data[b.len], '\0');
	buf_free(&b);
}
END_TEST

START_TEST(test_binary_and_urlencode)
{
	struct buf b;

	buf_init(&b);
	buf_add(&b, "a\0b", 3);
	ck_assert_uint_eq(b.len, 3);
	ck_assert_int_eq(memcmp(b.data, "a\0b", 3), 0);
	buf_reset(&b);
	buf_add_urlencoded(&b, "a b&c=d/é~");
	ck_assert_str_eq(b.data, "a%20b%26c%3Dd%2F%C3%A9~");
	buf_reset(&b);
	buf_add_xml_escaped(&b, "<a href=\"x?y=1&z='2'\">\x01\t\né</a>");
	ck_assert_str_eq(b.data, "&lt;a href=&quot;x?y=1&amp;z=&#39;2&#39;&quot;&gt;\t\né&lt;/a&gt;");
	buf_free(&b);
}
END_TEST

START_TEST(test_detach)
{
	struct buf b;
	char *p;

	buf_init(&b);
	p = buf_detach(&b);
	ck_assert_str_eq(p, "");
	free(p);
	buf_adds(&b, "x");
	p = buf_detach(&b);
	ck_assert_str_eq(p, "x");
	ck_assert_ptr_null(b.data);
	free(p);
}
END_TEST

static Suite *
check_buf_suite(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_add_and_printf);
	tcase_add_test(tc, test_grows_large);
	tcase_add_test(tc, test_add_int);
	tcase_add_test(tc, test_binary_and_urlencode);
	tcase_add_test(tc, test_detach);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_buf_suite)
