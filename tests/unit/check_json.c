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

/* A string written directly is the same text json_to_buf writes for it:
 * every ASCII character, multi-byte ones, and bytes that are not UTF-8
 * refused as json_text refuses them, with out left as it was. */
START_TEST(test_buf_text_as_json_to_buf)
{
	static const char *const more[] = {
		"", "Quote \" Back\\slash / <b>&amp;</script>", "Siobh\xC3\xA1n \xE2\x82\xAC \xF0\x9F\x98\x80",
		"ok\xff", "a\xC3", "\xC0\xAF", "\xED\xA0\x80x", "\xF4\x90\x80\x80", "end\xE2\x82",
	};
	char one[2] = { 0 }, all[128];
	struct buf got, want;
	size_t i;

	buf_init(&got);
	buf_init(&want);
	for (i = 1; i < 128 + sizeof more / sizeof more[0] + 1; i++) {
		const char *s = i < 128 ? (one[0] = (char)i, one) : i == 128 ? all : more[i - 129];
		json_t *v;

		if (i == 128) {
			for (size_t c = 1; c < 128; c++)
				all[c - 1] = (char)c;
			all[127] = '\0';
		}
		buf_reset(&got);
		buf_reset(&want);
		buf_adds(&got, "[");
		v = json_pack("[o]", json_text(s));
		if (v == NULL) {
			ck_assert_int_eq(json_buf_text(&got, s), -1);
			ck_assert_str_eq(got.data, "[");
			continue;
		}
		ck_assert_int_eq(json_buf_text(&got, s), 0);
		buf_adds(&got, "]\n");
		ck_assert_int_eq(json_to_buf_compact(v, &want), 0);
		ck_assert_str_eq(got.data, want.data);
		json_decref(v);
	}
	buf_reset(&got);
	ck_assert_int_eq(json_buf_text(&got, NULL), 0);
	ck_assert_str_eq(got.data, "null");
	buf_free(&got);
	buf_free(&want);
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
	tcase_add_test(tc, test_buf_text_as_json_to_buf);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_json_suite)
