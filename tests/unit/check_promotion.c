/*
 * Tests for promotion: the fee, the first day's parsing, and against the
 * test stack's MariaDB the next moment a promotion starts or ends: found
 * for a moved clock, kept while it is ahead, read again once it passes or
 * when told to forget. The rows are the demo catalogue's plus one of the
 * test's own far in the future (deleted at the end).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "check_util.h"
#include "db.h"
#include "log.h"
#include "promotion.h"

START_TEST(test_fee)
{
	ck_assert_int_eq(promotion_fee(500, 3), 1500);
	ck_assert_int_eq(promotion_fee(0, 30), 0);
	ck_assert_int_eq(promotion_fee(500, 0), 0);
	ck_assert_int_eq(promotion_fee(LLONG_MAX / 2, 3), -1);
	ck_assert_int_eq(promotion_fee(-1, 3), -1);
}
END_TEST

START_TEST(test_parse_day)
{
	ck_assert_int_eq(promotion_parse_day("2026-12-24"), 1798070400);
	ck_assert_int_eq(promotion_parse_day("2024-02-29"), 1709164800);
	ck_assert_int_eq(promotion_parse_day("2026-02-29"), -1);
	ck_assert_int_eq(promotion_parse_day("2026-02-31"), -1);
	ck_assert_int_eq(promotion_parse_day("2026-13-01"), -1);
	ck_assert_int_eq(promotion_parse_day("2026-1-01"), -1);
	ck_assert_int_eq(promotion_parse_day("2026-12-24 "), -1);
	ck_assert_int_eq(promotion_parse_day("24/12/2026"), -1);
	ck_assert_int_eq(promotion_parse_day(""), -1);
	ck_assert_int_eq(promotion_parse_day(NULL), -1);
}
END_TEST

/* A promotion of a demo product from start for days (UTC seconds). */
static long long
add_promotion(long long start, int days)
{
	char from[24], to[24];
	time_t a = (time_t)start, b = (time_t)(start + days * 86400LL);
	struct tm tm;

	strftime(from, sizeof from, "%Y-%m-%d %H:%M:%S", gmtime_r(&a, &tm));
	strftime(to, sizeof to, "%Y-%m-%d %H:%M:%S", gmtime_r(&b, &tm));
	ck_assert_int_eq(db_exec("INSERT INTO promotions (product_id, vendor_id, placement, starts_at, ends_at,"
				 " fee_minor, status) SELECT id, vendor_id, 'all', ?, ?, 0, 'active'"
				 " FROM products ORDER BY id LIMIT 1", "ss", from, to), 1);
	return (long long)db_insert_id();
}

START_TEST(test_next_change)
{
	/* far beyond the demo catalogue's promotions (months around today) */
	long long start = 4102444800LL;	/* 2100-01-01 */
	long long id;

	log_init("check_promotion");
	log_set_level(LOG_ERROR);
	CHECK_DB_CONNECT("check_promotion");
	id = add_promotion(start, 3);
	promotion_forget();

	/* a day before: the start is next */
	ck_assert_int_eq(promotion_next_change((time_t)(start - 86400)), start);
	/* kept while ahead: the row may go, the moment stays until it passes */
	ck_assert_int_eq(db_exec("UPDATE promotions SET starts_at = starts_at + INTERVAL 1 HOUR WHERE id = ?", "i", id),
			 1);
	ck_assert_int_eq(promotion_next_change((time_t)(start - 3600)), start);
	/* told to forget (a promotion changed): read again */
	promotion_forget();
	ck_assert_int_eq(promotion_next_change((time_t)(start - 3600)), start + 3600);
	/* once it passes: the end is next */
	ck_assert_int_eq(promotion_next_change((time_t)(start + 3600)), start + 3 * 86400);
	/* a clock moved back is not answered from the memory of a later time */
	ck_assert_int_eq(promotion_next_change((time_t)(start - 86400)), start + 3600);
	/* after the last one: nothing to come */
	ck_assert_int_eq(promotion_next_change((time_t)(start + 4 * 86400)), 0);
	/* a cancelled one is no change */
	ck_assert_int_eq(db_exec("UPDATE promotions SET status = 'cancelled' WHERE id = ?", "i", id), 1);
	promotion_forget();
	ck_assert_int_eq(promotion_next_change((time_t)(start - 86400)), 0);

	db_exec("DELETE FROM promotions WHERE id = ?", "i", id);
	db_close();
}
END_TEST

static Suite *
promotion_suite(void)
{
	Suite *s = suite_create("promotion");
	TCase *tc = tcase_create("promotion");

	tcase_add_test(tc, test_fee);
	tcase_add_test(tc, test_parse_day);
	tcase_add_test(tc, test_next_change);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(promotion_suite)
