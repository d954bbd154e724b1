/* Tests for cgi/lib/json.c */
#include "check_util.h"
#include "json.h"

#include <string.h>

START_TEST(test_text_null_and_strings)
{
	json_t *v = json_text(NULL);

	ck_assert(json_is_null(v));
	json_decref(v);
	v = json_text("Siobhán");
	ck_assert(json_is_string(v));
	ck_assert_str_eq(json_string_value(v), "Siobhán");
	json_decref(v);
	v = json_text("");
	ck_assert_str_eq(json_string_value(v), "");
	json_decref(v);
}
END_TEST

/* Text that is not UTF-8 gives no value, so the document that would hold it
 * is refused instead of written without it. */
START_TEST(test_text_refuses_bytes_that_are_not_utf8)
{
	static const char *const bad[] = { "ok\xff", "a\xC3", "\xC0\xAF", "\xED\xA0\x80x" };
	size_t i;
	json_t *v;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_ptr_null(json_text(bad[i]));
	ck_assert_ptr_null(json_pack("{s:o}", "name", json_text("ok\xff")));
	v = json_text("\xF0\x9F\x98\x80 \xE2\x82\xAC");
	ck_assert_str_eq(json_string_value(v), "\xF0\x9F\x98\x80 \xE2\x82\xAC");
	json_decref(v);
}
END_TEST

START_TEST(test_to_buf_layout_and_escapes)
{
	struct buf b;
	json_t *doc = json_object(), *list = json_array();

	buf_init(&b);
	buf_adds(&b, "before:");
	json_object_set_new(doc, "name", json_text("Quote \" Back\\slash <b>&\x01"));
	json_object_set_new(doc, "id", json_integer(9007199254740993LL));
	json_object_set_new(doc, "none", json_text(NULL));
	json_object_set_new(doc, "yes", json_true());
	json_array_append_new(list, json_text("a"));
	json_object_set_new(doc, "list", list);
	json_object_set_new(doc, "empty", json_array());
	ck_assert_int_eq(json_to_buf(doc, &b), 0);
	ck_assert_str_eq(b.data,
			 "before:{\n"
			 "  \"name\": \"Quote \\\" Back\\\\slash \\u003cb\\u003e\\u0026\\u0001\",\n"
			 "  \"id\": 9007199254740993,\n"
			 "  \"none\": null,\n"
			 "  \"yes\": true,\n"
			 "  \"list\": [\n"
			 "    \"a\"\n"
			 "  ],\n"
			 "  \"empty\": []\n"
			 "}\n");
	/* what it wrote reads back as the same document */
	{
		json_error_t err;
		json_t *back = json_loads(b.data + strlen("before:"), 0, &err);

		ck_assert_msg(back != NULL, "%s", err.text);
		ck_assert(json_equal(back, doc));
		json_decref(back);
	}
	json_decref(doc);
	buf_free(&b);
}
END_TEST

START_TEST(test_to_buf_compact)
{
	struct buf b;
	json_t *doc = json_pack("{s:s, s:[i, b]}", "name", "</script> & <b>", "list", 1, 1);

	buf_init(&b);
	ck_assert_int_eq(json_to_buf_compact(doc, &b), 0);
	ck_assert_str_eq(b.data, "{\"name\":\"\\u003c/script\\u003e \\u0026 \\u003cb\\u003e\",\"list\":[1,true]}\n");
	ck_assert_int_eq(json_to_buf_compact(NULL, &b), -1);
	ck_assert_str_eq(b.data, "{\"name\":\"\\u003c/script\\u003e \\u0026 \\u003cb\\u003e\",\"list\":[1,true]}\n");
	json_decref(doc);
	buf_free(&b);
}
END_TEST

START_TEST(test_to_buf_refuses_null)
{
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "kept");
	ck_assert_int_eq(json_to_buf(NULL, &b), -1);
	ck_assert_str_eq(b.data, "kept");
	buf_free(&b);
}
END_TEST

static Suite *
check_json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_text_null_and_strings);
	tcase_add_test(tc, test_text_refuses_bytes_that_are_not_utf8);
	tcase_add_test(tc, test_to_buf_layout_and_escapes);
	tcase_add_test(tc, test_to_buf_refuses_null);
	tcase_add_test(tc, test_to_buf_compact);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_json_suite)
