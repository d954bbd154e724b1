/*
 * Tests for demoorders against the test stack's demo catalogue, and the
 * offline measure of the recommendations on the demo orders: each demo
 * shopper's last order hidden, the rest mined with the miner's own
 * thresholds (recs_params), the rules' hit rate at 10 must beat the ten
 * most bought products'. Both rates are printed. Nothing is written.
 */
#include <stdio.h>

#include "assoc.h"
#include "check_util.h"
#include "db.h"
#include "demoorders.h"
#include "log.h"
#include "recs.h"

START_TEST(test_plan_and_hit_rate)
{
	struct demoorders_plan plan;
	struct assoc_baskets b;
	struct assoc_params p;
	struct assoc_eval ev;
	struct demoorders_plan again;

	log_init("check_demoorders");
	log_set_level(LOG_ERROR);
	CHECK_DB_CONNECT("check_demoorders");
	ck_assert_int_eq(demoorders_plan(&plan), 0);
	/* Most patterns are in the demo catalogue; two to four orders each. */
	ck_assert_uint_ge(plan.patterns, 10);
	ck_assert_uint_ge(plan.n, DEMOORDERS_CUSTOMERS * 2);
	ck_assert_uint_le(plan.n, DEMOORDERS_CUSTOMERS * 4);
	for (size_t i = 0; i < plan.n; i++) {
		ck_assert_uint_ge(plan.baskets[i].n, 2);
		for (size_t j = 0; j < plan.baskets[i].n; j++)
			for (size_t k = 0; k < j; k++)
				ck_assert_int_ne(plan.baskets[i].items[j], plan.baskets[i].items[k]);
	}
	/* The same plan every time. */
	ck_assert_int_eq(demoorders_plan(&again), 0);
	ck_assert_uint_eq(again.n, plan.n);
	for (size_t i = 0; i < plan.n; i++)
		ck_assert_int_eq(again.baskets[i].items[0], plan.baskets[i].items[0]);
	demoorders_free(&again);

	assoc_baskets_init(&b);
	for (size_t i = 0; i < plan.n; i++)
		ck_assert_int_eq(assoc_baskets_add(&b, plan.baskets[i].customer + 1, plan.baskets[i].items,
						   plan.baskets[i].n), 0);
	recs_params(&p);
	ck_assert_int_eq(assoc_evaluate(&b, &p, 10, &ev), 0);
	printf("Recommendations, offline on the demo orders (%zu orders, %lld shoppers, %zu rules):"
	       " hit rate at 10: rules %.1f%%, most popular %.1f%%\n",
	       plan.n, ev.customers, ev.nrules, ev.rules_rate * 100, ev.popular_rate * 100);
	ck_assert_int_eq(ev.customers, DEMOORDERS_CUSTOMERS);
	ck_assert_msg(ev.rules_rate > ev.popular_rate, "rules %.3f do not beat most popular %.3f",
		      ev.rules_rate, ev.popular_rate);
	assoc_baskets_free(&b);
	demoorders_free(&plan);
	db_close();
}
END_TEST

static Suite *
demoorders_suite(void)
{
	Suite *s = suite_create("demoorders");
	TCase *tc = tcase_create("demoorders");

	tcase_add_test(tc, test_plan_and_hit_rate);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(demoorders_suite)
