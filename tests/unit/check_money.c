/* Tests for cgi/lib/money.c */
#include "check_util.h"
#include "money.h"

#include <limits.h>
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

START_TEST(test_add)
{
	long long sum = 7;

	ck_assert_int_eq(money_add(1999, 1, &sum), 0);
	ck_assert_int_eq(sum, 2000);
	ck_assert_int_eq(money_add(-250, 100, &sum), 0);
	ck_assert_int_eq(sum, -150);
	ck_assert_int_eq(money_add(LLONG_MAX - 1, 1, &sum), 0);
	ck_assert(sum == LLONG_MAX);
	sum = 7;
	ck_assert_int_eq(money_add(LLONG_MAX, 1, &sum), -1);
	ck_assert_int_eq(sum, 7); /* untouched on overflow */
	ck_assert_int_eq(money_add(LLONG_MIN, -1, &sum), -1);
	ck_assert_int_eq(sum, 7);
}
END_TEST

START_TEST(test_percent_rounds_half_away_from_zero)
{
	long long r = 7;

	ck_assert_int_eq(money_percent(10000, 1250, &r), 0); /* 12.5 % of 100.00 */
	ck_assert_int_eq(r, 1250);
	ck_assert_int_eq(money_percent(999, 1250, &r), 0); /* 124.875 */
	ck_assert_int_eq(r, 125);
	ck_assert_int_eq(money_percent(1, 5000, &r), 0); /* 0.5 -> 1 */
	ck_assert_int_eq(r, 1);
	ck_assert_int_eq(money_percent(5, 5000, &r), 0); /* 2.5 -> 3, not 2 (half-even) */
	ck_assert_int_eq(r, 3);
	ck_assert_int_eq(money_percent(-5, 5000, &r), 0); /* -2.5 -> -3 */
	ck_assert_int_eq(r, -3);
	ck_assert_int_eq(money_percent(1, 4999, &r), 0); /* 0.4999 -> 0 */
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(money_percent(-1, 4999, &r), 0);
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(money_percent(1234, 0, &r), 0);
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(money_percent(1234, -10000, &r), 0);
	ck_assert_int_eq(r, -1234);
	/* amount * rate is formed exactly, the result fits */
	ck_assert_int_eq(money_percent(LLONG_MAX, 10000, &r), 0);
	ck_assert(r == LLONG_MAX);
	r = 7;
	ck_assert_int_eq(money_percent(LLONG_MAX, 10001, &r), -1);
	ck_assert_int_eq(r, 7);
}
END_TEST

START_TEST(test_split_largest_remainder)
{
	long long parts[4];

	ck_assert_int_eq(money_split(100, (const long long[]){1, 1, 1}, 3, parts), 0);
	ck_assert_int_eq(parts[0], 34); /* equal remainders: the earlier line first */
	ck_assert_int_eq(parts[1], 33);
	ck_assert_int_eq(parts[2], 33);
	ck_assert_int_eq(money_split(10, (const long long[]){1, 1, 1, 1}, 4, parts), 0);
	ck_assert_int_eq(parts[0], 3);
	ck_assert_int_eq(parts[1], 3);
	ck_assert_int_eq(parts[2], 2);
	ck_assert_int_eq(parts[3], 2);
	/* 1000 over 1:2:3 = 166.67, 333.33, 500: the larger remainder gets the cent */
	ck_assert_int_eq(money_split(1000, (const long long[]){1, 2, 3}, 3, parts), 0);
	ck_assert_int_eq(parts[0], 167);
	ck_assert_int_eq(parts[1], 333);
	ck_assert_int_eq(parts[2], 500);
	/* a refund is the mirror image */
	ck_assert_int_eq(money_split(-1000, (const long long[]){1, 2, 3}, 3, parts), 0);
	ck_assert_int_eq(parts[0], -167);
	ck_assert_int_eq(parts[1], -333);
	ck_assert_int_eq(parts[2], -500);
	/* a zero weight gets nothing, even when cents are left over */
	ck_assert_int_eq(money_split(1, (const long long[]){0, 1, 1}, 3, parts), 0);
	ck_assert_int_eq(parts[0], 0);
	ck_assert_int_eq(parts[1], 1);
	ck_assert_int_eq(parts[2], 0);
	/* the extremes */
	ck_assert_int_eq(money_split(LLONG_MIN, (const long long[]){1}, 1, parts), 0);
	ck_assert(parts[0] == LLONG_MIN);
	ck_assert_int_eq(money_split(LLONG_MAX, (const long long[]){LLONG_MAX - 1, 1}, 2, parts), 0);
	ck_assert(parts[0] == LLONG_MAX - 1 && parts[1] == 1);
}
END_TEST

START_TEST(test_split_refuses_bad_weights)
{
	long long parts[3] = {7, 7, 7};

	ck_assert_int_eq(money_split(100, (const long long[]){1}, 0, parts), -1);
	ck_assert_int_eq(money_split(100, (const long long[]){0, 0, 0}, 3, parts), -1);
	ck_assert_int_eq(money_split(100, (const long long[]){1, -1, 1}, 3, parts), -1);
	ck_assert_int_eq(money_split(100, (const long long[]){LLONG_MAX, 1}, 2, parts), -1);
	ck_assert_int_eq(parts[0], 7); /* untouched */
	ck_assert_int_eq(parts[1], 7);
	ck_assert_int_eq(parts[2], 7);
}
END_TEST

START_TEST(test_commission)
{
	long long fee = 7, vendor = 7;

	ck_assert_int_eq(money_commission(999, 1250, &fee, &vendor), 0);
	ck_assert_int_eq(fee, 125); /* 124.875 rounded */
	ck_assert_int_eq(vendor, 874); /* the exact remainder, not 874.125 rounded on its own */
	ck_assert_int_eq(money_commission(-999, 1250, &fee, &vendor), 0);
	ck_assert_int_eq(fee, -125);
	ck_assert_int_eq(vendor, -874);
	ck_assert_int_eq(money_commission(5, 5000, &fee, &vendor), 0);
	ck_assert_int_eq(fee + vendor, 5); /* 2.5 + 2.5: rounding both would invent a cent */
	ck_assert_int_eq(money_commission(LLONG_MIN, 10000, &fee, &vendor), 0);
	ck_assert(fee == LLONG_MIN && vendor == 0);
	fee = vendor = 7;
	ck_assert_int_eq(money_commission(100, 10001, &fee, &vendor), -1);
	ck_assert_int_eq(money_commission(100, -1, &fee, &vendor), -1);
	ck_assert_int_eq(fee, 7);
	ck_assert_int_eq(vendor, 7);
}
END_TEST

/* A fixed-seed generator (xorshift64*), the same numbers on every machine. */
static unsigned long long check_money_state = 0x9E3779B97F4A7C15ULL;

static unsigned long long
check_money_next(void)
{
	check_money_state ^= check_money_state >> 12;
	check_money_state ^= check_money_state << 25;
	check_money_state ^= check_money_state >> 27;
	return check_money_state * 0x2545F4914F6CDD1DULL;
}

/* A random amount: mostly shop-sized, sometimes huge, sometimes negative. */
static long long
check_money_amount(void)
{
	unsigned long long r = check_money_next();
	long long a;

	switch (r % 4) {
	case 0: a = (long long)(check_money_next() % 100); break;
	case 1: a = (long long)(check_money_next() % 10000000); break;
	case 2: a = (long long)(check_money_next() >> 2); break;
	default: a = (long long)(check_money_next() % 1000000000000LL); break;
	}
	return (r >> 8) % 3 == 0 ? -a : a;
}

START_TEST(test_split_property)
{
	long long weights[40], parts[40];
	int round;

	for (round = 0; round < 20000; round++) {
		long long total = check_money_amount();
		size_t n = 1 + check_money_next() % 40, i;
		__int128 sum = 0, wsum = 0;
		int kind = (int)(check_money_next() % 3);

		for (i = 0; i < n; i++) {
			if (kind == 0) /* quantities */
				weights[i] = (long long)(check_money_next() % 5);
			else if (kind == 1) /* line prices */
				weights[i] = (long long)(check_money_next() % 1000000);
			else /* all equal: every remainder ties */
				weights[i] = 3;
			wsum += weights[i];
		}
		if (wsum == 0)
			weights[0] = 1, wsum = 1;
		ck_assert_int_eq(money_split(total, weights, n, parts), 0);
		for (i = 0; i < n; i++) {
			/* within one cent of the exact share: |part*W - total*w| < W */
			__int128 diff = (__int128)parts[i] * wsum - (__int128)total * weights[i];
			ck_assert(diff < wsum && diff > -wsum);
			if (weights[i] == 0)
				ck_assert_int_eq(parts[i], 0);
			if (kind == 2 && i > 0) /* ties go to the earlier line */
				ck_assert(parts[i] == parts[i - 1] ||
					  parts[i] == parts[i - 1] + (total < 0 ? 1 : -1));
			sum += parts[i];
		}
		ck_assert_msg(sum == total, "round %d: parts do not add up to %lld", round, total);
	}
}
END_TEST

START_TEST(test_commission_property)
{
	int round;

	for (round = 0; round < 100000; round++) {
		long long amount = check_money_amount(), bp = (long long)(check_money_next() % 10001);
		long long fee, vendor, pct;

		ck_assert_int_eq(money_commission(amount, bp, &fee, &vendor), 0);
		ck_assert_int_eq(money_percent(amount, bp, &pct), 0);
		ck_assert(fee == pct);
		ck_assert_msg((__int128)fee + vendor == amount, "round %d: a cent lost or invented", round);
		/* the fee is within half a cent of the exact share */
		__int128 twice = 2 * ((__int128)fee * 10000 - (__int128)amount * bp);
		ck_assert(twice <= 10000 && twice >= -10000);
	}
}
END_TEST

START_TEST(test_parse)
{
	ck_assert_int_eq(money_parse("12"), 1200);
	ck_assert_int_eq(money_parse("12.5"), 1250);
	ck_assert_int_eq(money_parse("12.50"), 1250);
	ck_assert_int_eq(money_parse("0.05"), 5);
	ck_assert_int_eq(money_parse("0"), 0);
	ck_assert_int_eq(money_parse("999999999999.99"), 99999999999999LL);
	ck_assert_int_eq(money_parse("12."), -1);
	ck_assert_int_eq(money_parse(".5"), -1);
	ck_assert_int_eq(money_parse("1.234"), -1);
	ck_assert_int_eq(money_parse("-1"), -1);
	ck_assert_int_eq(money_parse("+1"), -1);
	ck_assert_int_eq(money_parse("1e3"), -1);
	ck_assert_int_eq(money_parse("1,50"), -1);
	ck_assert_int_eq(money_parse(" 1"), -1);
	ck_assert_int_eq(money_parse("1 "), -1);
	ck_assert_int_eq(money_parse(""), -1);
	ck_assert_int_eq(money_parse("9999999999999"), -1);
}
END_TEST

static Suite *
check_money_suite(void)
{
	Suite *s = suite_create("money");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_plain);
	tcase_add_test(tc, test_add);
	tcase_add_test(tc, test_percent_rounds_half_away_from_zero);
	tcase_add_test(tc, test_split_largest_remainder);
	tcase_add_test(tc, test_split_refuses_bad_weights);
	tcase_add_test(tc, test_commission);
	tcase_add_test(tc, test_split_property);
	tcase_add_test(tc, test_commission_property);
	tcase_add_test(tc, test_parse);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_money_suite)
