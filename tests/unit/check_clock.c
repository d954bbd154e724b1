/* Tests for cgi/lib/clock.c: the offset applies on the test stack only. */
#include "check_util.h"
#include "clock.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static void
check_clock_env(const char *env, const char *offset)
{
	if (env)
		setenv("BAZAAR_ENV", env, 1);
	else
		unsetenv("BAZAAR_ENV");
	if (offset)
		setenv("BAZAAR_CLOCK_OFFSET", offset, 1);
	else
		unsetenv("BAZAAR_CLOCK_OFFSET");
}

START_TEST(test_real_time_without_offset)
{
	time_t before, now, after;

	check_clock_env("test", NULL);
	before = time(NULL);
	now = clock_now();
	after = time(NULL);
	ck_assert(now >= before && now <= after);
	ck_assert_int_eq(clock_offset(), 0);
}
END_TEST

START_TEST(test_offset_on_test_stack)
{
	time_t before, now, after;

	check_clock_env("test", "86400");
	before = time(NULL);
	now = clock_now();
	after = time(NULL);
	ck_assert(now >= before + 86400 && now <= after + 86400);
	check_clock_env("test", "-3600");
	ck_assert_int_eq(clock_offset(), -3600);
}
END_TEST

/* A tool writing history sets the moment; 0 gives the clock back. */
START_TEST(test_history_moment)
{
	time_t before, now;

	check_clock_env("development", NULL);
	clock_history(1700000000);
	ck_assert_int_eq(clock_now(), 1700000000);
	clock_history(0);
	before = time(NULL);
	now = clock_now();
	ck_assert(now >= before && now <= time(NULL));
}
END_TEST

START_TEST(test_offset_ignored_elsewhere)
{
	time_t before, now, after;

	check_clock_env("production", "86400");
	ck_assert_int_eq(clock_offset(), 0);
	check_clock_env("development", "86400");
	ck_assert_int_eq(clock_offset(), 0);
	check_clock_env(NULL, "86400");	/* unset is production */
	before = time(NULL);
	now = clock_now();
	after = time(NULL);
	ck_assert(now >= before && now <= after);
}
END_TEST

START_TEST(test_offset_out_of_range_or_malformed)
{
	check_clock_env("test", "999999999999");
	ck_assert_int_eq(clock_offset(), 0);
	check_clock_env("test", "tomorrow");
	ck_assert_int_eq(clock_offset(), 0);
	check_clock_env("test", "");
	ck_assert_int_eq(clock_offset(), 0);
}
END_TEST

START_TEST(test_format)
{
	char out[24], month[8], tiny[4];

	/* 2026-12-31 23:59:59 UTC and one second later: the month turns. */
	ck_assert_str_eq(clock_datetime((time_t)1798761599, out, sizeof out), "2026-12-31 23:59:59");
	ck_assert_str_eq(clock_month((time_t)1798761599, month, sizeof month), "2026-12");
	ck_assert_str_eq(clock_month((time_t)1798761600, month, sizeof month), "2027-01");
	ck_assert_str_eq(clock_datetime((time_t)0, out, sizeof out), "1970-01-01 00:00:00");
	ck_assert_str_eq(clock_datetime((time_t)0, tiny, sizeof tiny), "");
}
END_TEST

static Suite *
clock_suite(void)
{
	Suite *s = suite_create("clock");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_real_time_without_offset);
	tcase_add_test(tc, test_offset_on_test_stack);
	tcase_add_test(tc, test_offset_ignored_elsewhere);
	tcase_add_test(tc, test_history_moment);
	tcase_add_test(tc, test_offset_out_of_range_or_malformed);
	tcase_add_test(tc, test_format);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(clock_suite)
