/* Tests for cgi/lib/cfg.c */
#include "check_util.h"
#include "cfg.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

START_TEST(test_ini_and_env)
{
	unsetenv("BAZAAR_T_A");
	unsetenv("BAZAAR_T_B");
	ck_assert_int_eq(cfg_load_string("# comment\n[section]\nBAZAAR_T_A = one\n"
					 "BAZAAR_T_B=\"quoted value\"\n\nBAZAAR_T_N = 17\n"), 0);
	ck_assert_str_eq(cfg_str("BAZAAR_T_A", "x"), "one");
	ck_assert_str_eq(cfg_str("BAZAAR_T_B", "x"), "quoted value");
	ck_assert_int_eq(cfg_int("BAZAAR_T_N", 0), 17);
	ck_assert_str_eq(cfg_str("BAZAAR_T_MISSING", "fallback"), "fallback");
	setenv("BAZAAR_T_A", "from-env", 1);
	ck_assert_str_eq(cfg_str("BAZAAR_T_A", "x"), "from-env");
	unsetenv("BAZAAR_T_A");
	cfg_clear();
}
END_TEST

START_TEST(test_bad_values)
{
	ck_assert_int_eq(cfg_load_string("no equals sign here\nBAZAAR_T_N = 12abc\n"), -1);
	ck_assert_int_eq(cfg_int("BAZAAR_T_N", 5), 5);
	setenv("BAZAAR_T_BOOL", "yes", 1);
	ck_assert_int_eq(cfg_bool("BAZAAR_T_BOOL", 0), 1);
	setenv("BAZAAR_T_BOOL", "off", 1);
	ck_assert_int_eq(cfg_bool("BAZAAR_T_BOOL", 1), 0);
	setenv("BAZAAR_T_BOOL", "maybe", 1);
	ck_assert_int_eq(cfg_bool("BAZAAR_T_BOOL", 1), 1);
	unsetenv("BAZAAR_T_BOOL");
	cfg_clear();
}
END_TEST

START_TEST(test_int_in_range)
{
	ck_assert_int_eq(cfg_int_in("BAZAAR_T_R", 7, 1, 10), 7);
	setenv("BAZAAR_T_R", "10", 1);
	ck_assert_int_eq(cfg_int_in("BAZAAR_T_R", 7, 1, 10), 10);
	setenv("BAZAAR_T_R", "1", 1);
	ck_assert_int_eq(cfg_int_in("BAZAAR_T_R", 7, 1, 10), 1);
	/* Outside the range, or not a number: the fallback. */
	setenv("BAZAAR_T_R", "0", 1);
	ck_assert_int_eq(cfg_int_in("BAZAAR_T_R", 7, 1, 10), 7);
	setenv("BAZAAR_T_R", "-3", 1);
	ck_assert_int_eq(cfg_int_in("BAZAAR_T_R", 7, 1, 10), 7);
	setenv("BAZAAR_T_R", "11", 1);
	ck_assert_int_eq(cfg_int_in("BAZAAR_T_R", 7, 1, 10), 7);
	setenv("BAZAAR_T_R", "5x", 1);
	ck_assert_int_eq(cfg_int_in("BAZAAR_T_R", 7, 1, 10), 7);
	setenv("BAZAAR_T_R", "9223372036854775807", 1);
	ck_assert_int_eq(cfg_int_in("BAZAAR_T_R", 7, 1, LLONG_MAX), LLONG_MAX);
	unsetenv("BAZAAR_T_R");
	cfg_clear();
}
END_TEST

START_TEST(test_bad_reload_keeps_settings)
{
	unsetenv("BAZAAR_T_KEEP");
	ck_assert_int_eq(cfg_load_string("BAZAAR_T_KEEP = 1\n"), 0);
	ck_assert_int_eq(cfg_load_string("BAZAAR_T_OTHER = 2\nbroken line\n"), -1);
	ck_assert_int_eq(cfg_int("BAZAAR_T_KEEP", 0), 1);
	ck_assert_int_eq(cfg_int("BAZAAR_T_OTHER", 0), 0);
	cfg_clear();
}
END_TEST

START_TEST(test_file)
{
	char path[] = "/tmp/bazaar-cfg-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	fputs("BAZAAR_T_FILE = 3\n", f);
	fclose(f);
	setenv("BAZAAR_CONFIG", path, 1);
	ck_assert_int_eq(cfg_load(), 0);
	ck_assert_int_eq(cfg_int("BAZAAR_T_FILE", 0), 3);
	unlink(path);
	ck_assert_int_eq(cfg_load(), -1);	/* named but gone */
	unsetenv("BAZAAR_CONFIG");
	ck_assert_int_eq(cfg_load(), 0);
	ck_assert_int_eq(cfg_int("BAZAAR_T_FILE", 0), 0);
}
END_TEST

START_TEST(test_development)
{
	setenv("BAZAAR_ENV", "development", 1);
	ck_assert_int_eq(cfg_is_development(), 1);
	setenv("BAZAAR_ENV", "production", 1);
	ck_assert_int_eq(cfg_is_development(), 0);
	unsetenv("BAZAAR_ENV");
	ck_assert_int_eq(cfg_is_development(), 0);
}
END_TEST

static Suite *
check_cfg_suite(void)
{
	Suite *s = suite_create("cfg");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_ini_and_env);
	tcase_add_test(tc, test_bad_values);
	tcase_add_test(tc, test_int_in_range);
	tcase_add_test(tc, test_bad_reload_keeps_settings);
	tcase_add_test(tc, test_file);
	tcase_add_test(tc, test_development);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_cfg_suite)
