/*
 * Tests for cgi/lib/plan.c: the commission with its bounds, the words for
 * the terms, and against the test stack's database which plan applied when
 * and the listing limit. Plans and vendors of their own, named check-plan-*.
 */
#include "check_util.h"
#include "arena.h"
#include "db.h"
#include "money.h"
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct plan
check_plan_terms(long long bp, long long min, long long max)
{
	struct plan p;

	memset(&p, 0, sizeof p);
	p.commission_bp = bp;
	p.commission_min_minor = min;
	p.commission_max_minor = max;
	p.listing_limit = PLAN_NONE;
	return p;
}

START_TEST(test_commission)
{
	struct plan p = check_plan_terms(1250, PLAN_NONE, PLAN_NONE);
	long long fee, vendor;

	ck_assert_int_eq(plan_commission(&p, 10000, &fee, &vendor), 0);
	ck_assert_int_eq(fee, 1250);
	ck_assert_int_eq(vendor, 8750);
	/* Half a cent rounds away from zero, the vendor gets the rest exactly. */
	ck_assert_int_eq(plan_commission(&p, 4, &fee, &vendor), 0);
	ck_assert_int_eq(fee, 1);
	ck_assert_int_eq(vendor, 3);
	/* The minimum, never more than the item. */
	p = check_plan_terms(1000, 50, PLAN_NONE);
	ck_assert_int_eq(plan_commission(&p, 100, &fee, &vendor), 0);
	ck_assert_int_eq(fee, 50);
	ck_assert_int_eq(vendor, 50);
	ck_assert_int_eq(plan_commission(&p, 30, &fee, &vendor), 0);
	ck_assert_int_eq(fee, 30);
	ck_assert_int_eq(vendor, 0);
	ck_assert_int_eq(plan_commission(&p, 100000, &fee, &vendor), 0);
	ck_assert_int_eq(fee, 10000);
	/* The maximum. */
	p = check_plan_terms(1000, 50, 2000);
	ck_assert_int_eq(plan_commission(&p, 100000, &fee, &vendor), 0);
	ck_assert_int_eq(fee, 2000);
	ck_assert_int_eq(vendor, 98000);
	ck_assert_int_eq(plan_commission(&p, -1, &fee, &vendor), -1);
}
END_TEST

START_TEST(test_texts)
{
	struct arena a;
	struct plan p = check_plan_terms(1250, 50, 2000);

	setenv("BAZAAR_CURRENCY", "EUR", 1);
	arena_init(&a);
	ck_assert_str_eq(plan_rate_text(&a, 1250), "12.5%");
	ck_assert_str_eq(plan_rate_text(&a, 800), "8%");
	ck_assert_str_eq(plan_rate_text(&a, 5), "0.05%");
	ck_assert_str_eq(plan_rate_text(&a, 1234), "12.34%");
	ck_assert_str_eq(plan_commission_text(&a, &p),
			 "12.5% of each item's price, at least €0.50, at most €20.00 per item");
	p = check_plan_terms(0, PLAN_NONE, PLAN_NONE);
	ck_assert_str_eq(plan_commission_text(&a, &p), "No commission");
	p = check_plan_terms(800, PLAN_NONE, PLAN_NONE);
	ck_assert_str_eq(plan_commission_text(&a, &p), "8% of each item's price per item");
	arena_free(&a);
}
END_TEST

static void
setup(void)
{
	CHECK_DB_CONNECT("check_plan");
}

static void
teardown(void)
{
	db_close();
}

static long long
check_plan_new(const char *what, long long bp, long long limit)
{
	char name[64];
	static unsigned n;

	snprintf(name, sizeof name, "check-plan-%s-%d-%u", what, (int)getpid(), ++n);
	ck_assert_int_eq(db_exec("INSERT INTO plans (name, commission_bp, listing_limit, monthly_fee_minor,"
				 " promotion_daily_rate_minor) VALUES (?, ?, NULLIF(?, -1), 1900, 300)",
				 "sii", name, bp, limit), 1);
	return (long long)db_insert_id();
}

static long long
check_plan_vendor(long long plan_id, const char *created_at)
{
	char slug[64];
	static unsigned n;

	snprintf(slug, sizeof slug, "check-plan-%d-%u", (int)getpid(), ++n);
	ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description, status,"
				 " plan_id, created_at) VALUES (?, 'Check Plan', 'Check Plan Ltd', '', 'pending',"
				 " ?, ?)", "sis", slug, plan_id, created_at), 1);
	return (long long)db_insert_id();
}

START_TEST(test_plan_at)
{
	long long starter = check_plan_new("starter", 1500, -1), pro = check_plan_new("pro", 800, -1);
	long long vendor = check_plan_vendor(starter, "2026-01-01 00:00:00");
	time_t jan = 1769904000;	/* 2026-02-01 00:00:00 UTC */
	time_t change = 1772323200;	/* 2026-03-01 00:00:00 UTC */
	struct plan p;

	/* No history yet: the plan it has. */
	ck_assert_int_eq(plan_for_vendor_at(vendor, jan, &p), 0);
	ck_assert_int_eq(p.id, starter);
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(plan_assign(vendor, pro, change, 0), 0);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_eq(plan_for_vendor(vendor, &p), 0);
	ck_assert_int_eq(p.id, pro);
	ck_assert_int_eq(p.commission_bp, 800);
	ck_assert_int_eq(p.monthly_fee_minor, 1900);
	ck_assert_int_eq(p.promotion_daily_rate_minor, 300);
	/* An order placed before the change keeps the old plan's terms. */
	ck_assert_int_eq(plan_for_vendor_at(vendor, jan, &p), 0);
	ck_assert_int_eq(p.id, starter);
	ck_assert_int_eq(plan_for_vendor_at(vendor, change - 1, &p), 0);
	ck_assert_int_eq(p.id, starter);
	ck_assert_int_eq(plan_for_vendor_at(vendor, change, &p), 0);
	ck_assert_int_eq(p.id, pro);
	/* Even a time before the vendor existed gets the plan it started on. */
	ck_assert_int_eq(plan_for_vendor_at(vendor, 0, &p), 0);
	ck_assert_int_eq(p.id, starter);
	ck_assert_int_eq(plan_assign(vendor, 9000000000000LL, change, 0), 1);
	ck_assert_int_eq(plan_assign(9000000000000LL, pro, change, 0), 1);
	ck_assert_int_eq(plan_for_vendor(9000000000000LL, &p), 1);
	ck_assert_int_eq(plan_load(9000000000000LL, &p), 1);
}
END_TEST

START_TEST(test_listing_limit)
{
	long long tiny = check_plan_new("tiny", 1000, 2), free_ = check_plan_new("free", 1000, -1);
	long long vendor = check_plan_vendor(tiny, "2026-01-01 00:00:00");
	struct arena a;
	const char *message;
	char name[100];

	arena_init(&a);
	ck_assert_int_eq(plan_listing_check(&a, vendor, &message), 0);
	ck_assert_ptr_null(message);
	/* One of each state: only active and hidden ones count. (The shop is
	 * not verified, so none of them shows in the storefront.) */
	for (int i = 0; i < 4; i++) {
		static const char *const states[] = { "active", "hidden", "draft", "removed" };

		snprintf(name, sizeof name, "check-plan-%lld-%d", vendor, i);
		ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, name, slug,"
					 " description, price_minor, stock, status) SELECT ?, c.id, c.parent_id, ?, 'x',"
					 " '', 99999999, 1, ? FROM categories c WHERE c.parent_id IS NOT NULL"
					 " ORDER BY c.id LIMIT 1", "iss", vendor, name, states[i]), 1);
	}
	ck_assert_int_eq(plan_listings_used(vendor), 2);
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(plan_listing_check(&a, vendor, &message), 1);
	ck_assert_int_eq(db_rollback(), 0);
	ck_assert_ptr_nonnull(message);
	ck_assert_msg(strstr(message, "allows 2 listings; archive one or change plan.") != NULL, "%s", message);
	ck_assert_msg(strncmp(message, "Your plan 'check-plan-tiny-", 27) == 0, "%s", message);
	ck_assert_int_eq(db_exec("UPDATE vendors SET plan_id = ? WHERE id = ?", "ii", free_, vendor), 1);
	ck_assert_int_eq(plan_listing_check(&a, vendor, &message), 0);
	/* The storefront's tests pick products by category and price alone. */
	ck_assert_int_eq(db_exec("DELETE FROM products WHERE vendor_id = ?", "i", vendor), 4);
	arena_free(&a);
}
END_TEST

static Suite *
plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("terms");

	tcase_add_test(tc, test_commission);
	tcase_add_test(tc, test_texts);
	suite_add_tcase(s, tc);
	tc = tcase_create("db");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_plan_at);
	tcase_add_test(tc, test_listing_limit);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(plan_suite)
