/*
 * Tests for cgi/lib/token.c: token shape and uniqueness, the stored hashes of
 * tokens and codes, 6-digit codes, constant-time comparison and hex.
 */
#include "check_util.h"
#include "token.h"

#include <string.h>

START_TEST(test_new_shape_and_unique)
{
	char a[TOKEN_TEXT_SIZE], b[TOKEN_TEXT_SIZE];
	int i;

	for (i = 0; i < 200; i++) {
		token_new(a);
		ck_assert_uint_eq(strlen(a), TOKEN_TEXT_SIZE - 1);
		ck_assert_uint_eq(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
				  TOKEN_TEXT_SIZE - 1);
		ck_assert_int_eq(token_valid(a), 1);
		token_new(b);
		ck_assert_str_ne(a, b);
	}
}
END_TEST

START_TEST(test_valid)
{
	char t[TOKEN_TEXT_SIZE];

	token_new(t);
	ck_assert_int_eq(token_valid(t), 1);
	ck_assert_int_eq(token_valid(NULL), 0);
	ck_assert_int_eq(token_valid(""), 0);
	t[42] = '\0';
	ck_assert_int_eq(token_valid(t), 0);	/* 42 characters */
	token_new(t);
	t[10] = '+';
	ck_assert_int_eq(token_valid(t), 0);	/* standard base64, not URL-safe */
	t[10] = '=';
	ck_assert_int_eq(token_valid(t), 0);
	t[10] = ' ';
	ck_assert_int_eq(token_valid(t), 0);
	ck_assert_int_eq(token_valid("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), 0);	/* 44 */
	ck_assert_int_eq(token_valid("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), 1);	/* 43 */
}
END_TEST

START_TEST(test_hash_stable_and_distinct)
{
	char a[TOKEN_TEXT_SIZE], b[TOKEN_TEXT_SIZE];
	unsigned char ha[TOKEN_HASH_BYTES], ha2[TOKEN_HASH_BYTES], hb[TOKEN_HASH_BYTES];
	unsigned char zero[TOKEN_HASH_BYTES] = { 0 };

	token_new(a);
	token_new(b);
	ck_assert_int_eq(token_hash(a, ha), 0);
	ck_assert_int_eq(token_hash(a, ha2), 0);
	ck_assert_int_eq(token_hash(b, hb), 0);
	ck_assert_int_eq(memcmp(ha, ha2, sizeof ha), 0);
	ck_assert_int_ne(memcmp(ha, hb, sizeof ha), 0);
	ck_assert_int_ne(memcmp(ha, zero, sizeof ha), 0);
	ck_assert_int_ne(memcmp(ha, a, sizeof ha), 0);	/* not the token itself */

	memset(ha, 0xab, sizeof ha);
	ck_assert_int_eq(token_hash("not a token", ha), -1);
	ck_assert_int_eq(memcmp(ha, zero, sizeof ha), 0);
	memset(ha, 0xab, sizeof ha);
	ck_assert_int_eq(token_hash(NULL, ha), -1);
	ck_assert_int_eq(memcmp(ha, zero, sizeof ha), 0);
}
END_TEST

START_TEST(test_code_digits_and_spread)
{
	char code[TOKEN_CODE_SIZE], first[TOKEN_CODE_SIZE];
	int seen[10] = { 0 }, position[6][10] = { { 0 } };
	int i, j, same = 0;

	token_code(first);
	for (i = 0; i < 1000; i++) {
		token_code(code);
		ck_assert_uint_eq(strlen(code), 6);
		for (j = 0; j < 6; j++) {
			ck_assert(code[j] >= '0' && code[j] <= '9');
			seen[code[j] - '0']++;
			position[j][code[j] - '0']++;
		}
		if (strcmp(code, first) == 0)
			same++;
	}
	/* 6000 digits: each should appear about 600 times. */
	for (j = 0; j < 10; j++) {
		ck_assert_msg(seen[j] > 400 && seen[j] < 800, "digit %d appeared %d times in 6000", j, seen[j]);
		for (i = 0; i < 6; i++)
			ck_assert_msg(position[i][j] > 0, "digit %d never appeared in position %d", j, i);
	}
	ck_assert_int_lt(same, 5);
}
END_TEST

START_TEST(test_code_hash_binds_row)
{
	unsigned char a[TOKEN_HASH_BYTES], a2[TOKEN_HASH_BYTES], b[TOKEN_HASH_BYTES], c[TOKEN_HASH_BYTES];
	unsigned char zero[TOKEN_HASH_BYTES] = { 0 };

	ck_assert_int_eq(token_code_hash(1, "123456", a), 0);
	ck_assert_int_eq(token_code_hash(1, "123456", a2), 0);
	ck_assert_int_eq(token_code_hash(2, "123456", b), 0);
	ck_assert_int_eq(token_code_hash(1, "123457", c), 0);
	ck_assert_int_eq(memcmp(a, a2, sizeof a), 0);
	ck_assert_int_ne(memcmp(a, b, sizeof a), 0);
	ck_assert_int_ne(memcmp(a, c, sizeof a), 0);
	ck_assert_int_eq(token_code_hash(-1, "123456", b), 0);
	ck_assert_int_ne(memcmp(a, b, sizeof a), 0);

	ck_assert_int_eq(token_code_hash(1, "12345", a), -1);
	ck_assert_int_eq(memcmp(a, zero, sizeof a), 0);
	ck_assert_int_eq(token_code_hash(1, "1234567", a), -1);
	ck_assert_int_eq(token_code_hash(1, "12a456", a), -1);
	ck_assert_int_eq(token_code_hash(1, NULL, a), -1);
}
END_TEST

START_TEST(test_equal_and_hex)
{
	unsigned char x[4] = { 0x00, 0x1f, 0xa0, 0xff }, y[4] = { 0x00, 0x1f, 0xa0, 0xff };
	char hex[9];

	ck_assert_int_eq(token_equal(x, y, sizeof x), 1);
	y[3] = 0xfe;
	ck_assert_int_eq(token_equal(x, y, sizeof x), 0);
	ck_assert_int_eq(token_equal(x, y, 3), 1);
	ck_assert_ptr_eq(token_hex(x, sizeof x, hex), hex);
	ck_assert_str_eq(hex, "001fa0ff");
	ck_assert_int_eq(token_hex_valid(hex, 8), 1);
	ck_assert_int_eq(token_hex_valid(hex, 7), 0);
	ck_assert_int_eq(token_hex_valid("001FA0FF", 8), 0);
	ck_assert_int_eq(token_hex_valid("001fa0fg", 8), 0);
	ck_assert_int_eq(token_hex_valid(NULL, 0), 0);
}
END_TEST

START_TEST(test_code_parse)
{
	char out[TOKEN_CODE_SIZE];

	ck_assert_str_eq(token_code_parse("123456", out), "123456");
	ck_assert_str_eq(token_code_parse(" 123 456 ", out), "123456");
	ck_assert_str_eq(token_code_parse("123-456", out), "123456");
	ck_assert_str_eq(token_code_parse("\t000\t001", out), "000001");
	ck_assert_ptr_null(token_code_parse("12345", out));
	ck_assert_ptr_null(token_code_parse("1234567", out));
	ck_assert_ptr_null(token_code_parse("12345a", out));
	ck_assert_ptr_null(token_code_parse("", out));
	ck_assert_ptr_null(token_code_parse(NULL, out));
}
END_TEST

static Suite *
token_suite(void)
{
	Suite *s = suite_create("token");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_code_parse);

	tcase_add_test(tc, test_new_shape_and_unique);
	tcase_add_test(tc, test_valid);
	tcase_add_test(tc, test_hash_stable_and_distinct);
	tcase_add_test(tc, test_code_digits_and_spread);
	tcase_add_test(tc, test_code_hash_binds_row);
	tcase_add_test(tc, test_equal_and_hex);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(token_suite)
