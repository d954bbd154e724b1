/*
 * Tests for recs against the test stack's database and its demo catalogue:
 * rules come first, best first, and never the product asked about; a
 * product without rules gets its category's best sellers (cold start);
 * "for you" uses recent views and the shopper's orders and gives a shopper
 * with no history the shop's best sellers; every answer is for sale and
 * each id appears once; mining the clickstream ("viewed together"). The
 * rules and views made here are deleted at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cache.h"
#include "check_util.h"
#include "db.h"
#include "log.h"
#include "recs.h"

static long long prod[4];	/* active, in stock, of a verified shop, all in different categories */

static void
recs_cleanup(void)
{
	for (int i = 0; i < 4; i++)
		db_exec("DELETE FROM recs_rules WHERE antecedent_id = ? OR consequent_id = ?", "ii", prod[i], prod[i]);
}

static void
setup(void)
{
	struct db_result *r;
	int n = 0;

	log_init("check_recs");
	log_set_level(LOG_ERROR);
	CHECK_DB_CONNECT("check_recs");
	/* One product of each of four categories, the first of each by id. */
	r = db_query("SELECT MIN(p.id) FROM products p JOIN vendors v ON v.id = p.vendor_id"
		     " WHERE p.status = 'active' AND p.stock > 0 AND v.status = 'verified'"
		     " GROUP BY p.category_id ORDER BY MIN(p.id) LIMIT 4", "");
	ck_assert_ptr_nonnull(r);
	while (db_next(r))
		prod[n++] = db_int(r, 0);
	db_free(r);
	ck_assert_int_eq(n, 4);
	recs_cleanup();
}

static void
teardown(void)
{
	recs_cleanup();
	db_close();
}

static void
rule(const char *source, long long a, long long c, double confidence)
{
	ck_assert_int_eq(db_exec("INSERT INTO recs_rules (source, antecedent_id, consequent_id, baskets, support,"
				 " confidence, lift) VALUES (?, ?, ?, 3, 0.01, ?, 2.0)", "siis", source, a, c,
				 confidence >= 0.5 ? "0.8" : "0.3"), 1);
}

/* Every id for sale, none twice, none of avoid. */
static void
assert_sane(const long long *ids, int n, const long long *avoid, int navoid)
{
	for (int i = 0; i < n; i++) {
		ck_assert_int_eq(db_scalar(0, "SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id"
					   " WHERE p.id = ? AND p.status = 'active' AND p.stock > 0"
					   " AND v.status = 'verified'", "i", ids[i]), 1);
		for (int j = 0; j < i; j++)
			ck_assert_int_ne(ids[i], ids[j]);
		for (int j = 0; j < navoid; j++)
			ck_assert_int_ne(ids[i], avoid[j]);
	}
}

START_TEST(test_rules_first)
{
	long long out[10];
	size_t ruled;
	int n;

	rule("bought", prod[0], prod[2], 0.3);
	rule("bought", prod[0], prod[1], 0.8);
	rule("viewed", prod[0], prod[3], 0.3);	/* counts half: last */
	n = recs_bought_together(prod[0], out, 10, &ruled);
	ck_assert_int_eq(n, 10);
	ck_assert_uint_eq(ruled, 3);
	ck_assert_int_eq(out[0], prod[1]);
	ck_assert_int_eq(out[1], prod[2]);
	ck_assert_int_eq(out[2], prod[3]);
	assert_sane(out, n, prod, 1);
	/* The cart: the seeds themselves never come back. */
	n = recs_for_cart(prod, 2, out, 5, NULL);
	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(out[0], prod[2]);
	assert_sane(out, n, prod, 2);
}
END_TEST

START_TEST(test_cold_start_category)
{
	long long out[6], cat;
	size_t ruled = 99;
	int n;

	/* No rule for prod[3]: its category's products come first. */
	n = recs_bought_together(prod[3], out, 6, &ruled);
	ck_assert_uint_eq(ruled, 0);
	ck_assert_int_eq(n, 6);
	assert_sane(out, n, &prod[3], 1);
	cat = db_scalar(0, "SELECT category_id FROM products WHERE id = ?", "i", prod[3]);
	ck_assert_int_eq(db_scalar(0, "SELECT category_id FROM products WHERE id = ?", "i", out[0]), cat);
}
END_TEST

/* The two halves of recs_bought_together a page keeps apart: the rules
 * alone, and a category's cold start, which without the product is
 * exactly what recs_bought_together answers for a product without rules. */
START_TEST(test_halves)
{
	long long out[8], whole[6], cold[8], cat, top;
	int n, nc, i, j;

	rule("bought", prod[0], prod[2], 0.3);
	rule("bought", prod[0], prod[1], 0.8);
	n = recs_rules_of(prod[0], out, 8);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(out[0], prod[1]);
	ck_assert_int_eq(out[1], prod[2]);
	ck_assert_int_eq(recs_rules_of(prod[3], out, 8), 0);

	cat = db_scalar(0, "SELECT category_id FROM products WHERE id = ?", "i", prod[3]);
	top = db_scalar(0, "SELECT top_category_id FROM products WHERE id = ?", "i", prod[3]);
	n = recs_bought_together(prod[3], whole, 6, NULL);
	ck_assert_int_eq(n, 6);
	nc = recs_cold_start(cat, top, cold, 7);
	ck_assert_int_eq(nc, 7);
	assert_sane(cold, nc, NULL, 0);
	for (i = 0, j = 0; i < nc && j < n; i++)
		if (cold[i] != prod[3])
			ck_assert_int_eq(cold[i], whole[j++]);
	ck_assert_int_eq(j, n);
}
END_TEST

/* With memcached, a worker knows which products have rules: a product
 * without asks nothing until the recs generation moves (bazaar-recommend
 * bumps it when it stores rules), then the new rule is found. */
START_TEST(test_rules_known_products)
{
	long long out[8];

	if (getenv("BAZAAR_MEMCACHED") == NULL || cache_init() != 0 || !cache_enabled())
		return;	/* no memcached: nothing is kept, every call asks */
	rule("bought", prod[0], prod[1], 0.8);
	ck_assert_int_eq(cache_bump(RECS_FAMILY), 0);
	sleep(1);	/* past the guard against a generation that moves every read */
	ck_assert_int_eq(recs_rules_of(prod[0], out, 8), 1);
	ck_assert_int_eq(out[0], prod[1]);
	ck_assert_int_eq(recs_rules_of(prod[3], out, 8), 0);
	/* A rule stored behind the generation's back is not seen... */
	rule("bought", prod[3], prod[2], 0.8);
	ck_assert_int_eq(recs_rules_of(prod[3], out, 8), 0);
	/* ... until the generation moves. */
	ck_assert_int_eq(cache_bump(RECS_FAMILY), 0);
	ck_assert_int_eq(recs_rules_of(prod[3], out, 8), 1);
	ck_assert_int_eq(out[0], prod[2]);
	sleep(1);
	ck_assert_int_eq(recs_rules_of(prod[3], out, 8), 1);
	cache_close();
}
END_TEST

START_TEST(test_for_you)
{
	long long out[RECS_MAX], recent[2] = { prod[0], prod[3] };
	int n;

	rule("bought", prod[0], prod[1], 0.8);
	n = recs_for_you(0, recent, 2, out, 8);
	ck_assert_int_eq(n, 8);
	ck_assert_int_eq(out[0], prod[1]);
	assert_sane(out, n, recent, 2);
	/* Nobody known, nothing viewed: the shop's best sellers, filled up. */
	n = recs_for_you(0, NULL, 0, out, RECS_MAX + 5);
	ck_assert_int_eq(n, RECS_MAX);
	assert_sane(out, n, NULL, 0);
	ck_assert_int_eq(recs_for_you(0, NULL, 0, out, 0), 0);
}
END_TEST

/* "Viewed together": three visitors viewed prod[0] with prod[1] on one day,
 * one of them prod[2] too; a view of prod[0] and prod[1] by one visitor on
 * two days is two baskets. Mining makes the rules, stored with their
 * figures, and the run is recorded. */
START_TEST(test_mine_viewed)
{
	static const struct { int visitor, day, product; } views[] = {
		{ 1, 0, 0 }, { 1, 0, 1 }, { 2, 0, 0 }, { 2, 0, 1 }, { 3, 0, 0 }, { 3, 0, 1 }, { 3, 0, 2 },
		{ 4, 0, 3 }, { 4, 1, 0 }, { 4, 2, 3 },
	};
	struct recs_run run;
	long long runs = db_scalar(0, "SELECT COUNT(*) FROM recs_runs WHERE source = 'viewed'", "");

	db_exec("DELETE FROM clickstream WHERE path = '/check-recs'", "");
	for (size_t i = 0; i < sizeof views / sizeof views[0]; i++)
		ck_assert_int_eq(db_exec("INSERT INTO clickstream (at, kind, path, product_id, visitor)"
					 " VALUES (UTC_TIMESTAMP() - INTERVAL ? DAY, 'view', '/check-recs', ?,"
					 " UNHEX(LPAD(HEX(?), 32, '0')))", "iii", (long long)views[i].day,
					 prod[views[i].product], (long long)views[i].visitor), 1);
	ck_assert_int_eq(recs_mine(RECS_VIEWED, &run), 0);
	ck_assert_int_ge(run.baskets, 6);
	ck_assert_int_ge(run.rules, 2);
	ck_assert_int_eq(db_scalar(0, "SELECT COUNT(*) FROM recs_rules WHERE source = 'viewed' AND antecedent_id = ?"
				   " AND consequent_id = ? AND baskets = 3", "ii", prod[0], prod[1]), 1);
	ck_assert_int_eq(db_scalar(0, "SELECT COUNT(*) FROM recs_rules WHERE source = 'viewed' AND antecedent_id = ?"
				   " AND consequent_id = ? AND confidence = 1", "ii", prod[1], prod[0]), 1);
	ck_assert_int_eq(db_scalar(0, "SELECT COUNT(*) FROM recs_runs WHERE source = 'viewed'", ""), runs + 1);
	/* Seen together counts half as much as bought together, but counts. */
	{
		long long out[3];

		ck_assert_int_eq(recs_bought_together(prod[1], out, 3, NULL), 3);
		ck_assert_int_eq(out[0], prod[0]);
	}
	db_exec("DELETE FROM clickstream WHERE path = '/check-recs'", "");
	ck_assert_int_eq(recs_mine(RECS_VIEWED, &run), 0);
}
END_TEST

static Suite *
recs_suite(void)
{
	Suite *s = suite_create("recs");
	TCase *tc = tcase_create("recs");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_rules_first);
	tcase_add_test(tc, test_cold_start_category);
	tcase_add_test(tc, test_halves);
	tcase_add_test(tc, test_rules_known_products);
	tcase_add_test(tc, test_for_you);
	tcase_add_test(tc, test_mine_viewed);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(recs_suite)
