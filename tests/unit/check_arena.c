/* Tests for cgi/lib/arena.c */
#include "check_util.h"
#include "arena.h"

#include <stdint.h>
#include <string.h>

START_TEST(test_alloc_zeroed_aligned)
{
	struct arena a;
	unsigned char *p;
	int i;

	arena_init(&a);
	for (i = 1; i < 3000; i += 7) {
		p = arena_alloc(&a, (size_t)i);
		ck_assert_uint_eq((uintptr_t)p % 16, 0);
		ck_assert_int_eq(p[0], 0);
		ck_assert_int_eq(p[i - 1], 0);
		memset(p, 0xff, (size_t)i);
	}
	arena_free(&a);
}
END_TEST

START_TEST(test_big_and_strings)
{
	struct arena a;
	char *small, *big, *s;

	arena_init(&a);
	small = arena_strdup(&a, "first");
	big = arena_alloc(&a, 100000);
	memset(big, 'x', 100000);
	s = arena_printf(&a, "%s-%d", "n", 7);
	ck_assert_str_eq(small, "first");
	ck_assert_str_eq(s, "n-7");
	ck_assert_str_eq(arena_strndup(&a, "abcdef", 3), "abc");
	arena_free(&a);
	ck_assert_ptr_null(a.head);
}
END_TEST

static Suite *
check_arena_suite(void)
{
	Suite *s = suite_create("arena");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_alloc_zeroed_aligned);
	tcase_add_test(tc, test_big_and_strings);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_arena_suite)
