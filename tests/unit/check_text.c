/*
 * Tests for cgi/lib/text.c: trimming, tidying (one line, several lines,
 * runs of spaces) and counting characters of what a visitor typed.
 */
#include "check_util.h"
#include "arena.h"
#include "text.h"

#include <stdint.h>
#include <string.h>

START_TEST(test_trim)
{
	struct arena a;

	arena_init(&a);
	ck_assert_str_eq(text_trim(&a, "  Bea O'Brien \t"), "Bea O'Brien");
	ck_assert_str_eq(text_trim(&a, "\r\n x \r\n"), "x");
	ck_assert_str_eq(text_trim(&a, "inner  space\tkept"), "inner  space\tkept");
	ck_assert_str_eq(text_trim(&a, " \t "), "");
	ck_assert_str_eq(text_trim(&a, ""), "");
	ck_assert_str_eq(text_trim(&a, NULL), "");
	/* not white space: a no-break space stays */
	ck_assert_str_eq(text_trim(&a, "\xc2\xa0x"), "\xc2\xa0x");
	arena_free(&a);
}
END_TEST

START_TEST(test_tidy_one_line)
{
	struct arena a;

	arena_init(&a);
	ck_assert_str_eq(text_tidy(&a, "  Acme\tTools \r\nLtd \n", 0), "Acme Tools  Ltd");
	ck_assert_str_eq(text_tidy(&a, "a\rb", 0), "a b");
	ck_assert_str_eq(text_tidy(&a, "\t\r\n", 0), "");
	ck_assert_str_eq(text_tidy(&a, NULL, 0), "");
	arena_free(&a);
}
END_TEST

START_TEST(test_tidy_multiline)
{
	struct arena a;

	arena_init(&a);
	/* CRLF and CR become LF; blank lines and inner spaces stay; the ends go */
	ck_assert_str_eq(text_tidy(&a, "\r\n First line \r\n\r\nSecond\rthird\tend \n\n", TEXT_MULTILINE),
			 "First line \n\nSecond\nthird end");
	ck_assert_str_eq(text_tidy(&a, "line\n", TEXT_MULTILINE), "line");
	arena_free(&a);
}
END_TEST

START_TEST(test_tidy_squeeze)
{
	struct arena a;

	arena_init(&a);
	ck_assert_str_eq(text_tidy(&a, "  red   shoe \t", TEXT_SQUEEZE), "red shoe");
	ck_assert_str_eq(text_tidy(&a, "red\t\n shoe\r\nsize 9", TEXT_SQUEEZE), "red shoe size 9");
	ck_assert_str_eq(text_tidy(&a, "x", TEXT_SQUEEZE), "x");
	ck_assert_str_eq(text_tidy(&a, "   ", TEXT_SQUEEZE), "");
	ck_assert_str_eq(text_tidy(&a, "a  b\n\nc   d", TEXT_SQUEEZE | TEXT_MULTILINE), "a b\n\nc d");
	arena_free(&a);
}
END_TEST

START_TEST(test_utf8_char)
{
	uint32_t cp = 0;

	ck_assert_uint_eq(text_utf8_char("a", 4, &cp), 1);
	ck_assert_uint_eq(cp, 'a');
	ck_assert_uint_eq(text_utf8_char("\xc3\xa9", 4, &cp), 2);
	ck_assert_uint_eq(cp, 0xe9);
	ck_assert_uint_eq(text_utf8_char("\xe7\xa1\xae", 4, &cp), 3);
	ck_assert_uint_eq(cp, 0x786e);
	ck_assert_uint_eq(text_utf8_char("\xf0\x9f\x98\x80", 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x1f600);
	ck_assert_uint_eq(text_utf8_char("\xf4\x8f\xbf\xbf", 4, NULL), 4);	/* U+10FFFF, the last */
	/* not well-formed: a stray byte, cut short, overlong, a surrogate, too big */
	ck_assert_uint_eq(text_utf8_char("\x80", 4, NULL), 0);
	ck_assert_uint_eq(text_utf8_char("\xc3", 4, NULL), 0);
	ck_assert_uint_eq(text_utf8_char("\xc3\xa9", 1, NULL), 0);
	ck_assert_uint_eq(text_utf8_char("\xc0\xaf", 4, NULL), 0);
	ck_assert_uint_eq(text_utf8_char("\xe0\x80\xaf", 4, NULL), 0);
	ck_assert_uint_eq(text_utf8_char("\xf0\x80\x80\xaf", 4, NULL), 0);
	ck_assert_uint_eq(text_utf8_char("\xed\xa0\x80", 4, NULL), 0);
	ck_assert_uint_eq(text_utf8_char("\xf4\x90\x80\x80", 4, NULL), 0);
	ck_assert_uint_eq(text_utf8_char("", 0, NULL), 0);
}
END_TEST

START_TEST(test_chars)
{
	static const char mixed[] = "Gr\xc3\xbc\xc3\x9f" "e \xe7\xa1\xae \xf0\x9f\x98\x80";	/* Grüße 确 😀 */

	ck_assert_uint_eq(text_chars(""), 0);
	ck_assert_uint_eq(text_chars("abc"), 3);
	ck_assert_uint_eq(text_chars(mixed), 9);
	ck_assert_uint_eq(strlen(mixed), 16);
	ck_assert_uint_eq(text_chars_n(mixed, 4), 3);	/* "Gr" and the two bytes of "ü" */
	ck_assert_uint_eq(text_chars_n(mixed, 0), 0);
}
END_TEST

START_TEST(test_like_contains)
{
	struct arena a;

	arena_init(&a);
	ck_assert_str_eq(text_like_contains(&a, ""), "%%");
	ck_assert_str_eq(text_like_contains(&a, "lamp"), "%lamp%");
	ck_assert_str_eq(text_like_contains(&a, "50% off_now\\"), "%50\\% off\\_now\\\\%");
	arena_free(&a);
}
END_TEST

static Suite *
text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_trim);
	tcase_add_test(tc, test_tidy_one_line);
	tcase_add_test(tc, test_tidy_multiline);
	tcase_add_test(tc, test_tidy_squeeze);
	tcase_add_test(tc, test_utf8_char);
	tcase_add_test(tc, test_chars);
	tcase_add_test(tc, test_like_contains);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(text_suite)
