/* Tests for cgi/lib/money.c */
#include "check_util.h"
#include "money.h"

#include <stdlib.h>

START_TEST(test_format)
{
	char out[64];

	setenv("BAZAAR_CURRENCY", "EUR", 1);
	ck_assert_str_eq(money_format(0, out, sizeof out), "€0.00");
	ck_assert_str_eq(money_format(5, out, sizeof out), "€0.05");
	ck_assert_str_eq(money_format(123450, out, sizeof out), "€1,234.50");
	ck_assert_str_eq(money_format(100000000, out, sizeof out), "€1,000,000.00");
	ck_assert_str_eq(money_format(-250, out, sizeof out), "-€2.50");
	setenv("BAZAAR_CURRENCY", "CHF", 1);
	ck_assert_str_eq(money_format(1999, out, sizeof out), "19.99 CHF");
	unsetenv("BAZAAR_CURRENCY");
}
END_TEST

START_TEST(test_plain)
{
	char out[32];

	ck_assert_str_eq(money_plain(1999, out, sizeof out), "19.99");
	ck_assert_str_eq(money_plain(-1, out, sizeof out), "-0.01");
	ck_assert_str_eq(money_plain(9223372036854775807LL, out, sizeof out), "92233720368547758.07");
}
END_TEST

static Suite *
check_money_suite(void)
{
	Suite *s = suite_create("money");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_plain);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_money_suite)
