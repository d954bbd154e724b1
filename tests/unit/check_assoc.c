/*
 * Tests for assoc: the nine baskets of Han and Kamber's textbook example
 * (Data Mining: Concepts and Techniques, table 6.1, minimum support 2),
 * whose frequent itemsets and rules are known by hand; FP-growth's counts
 * against counting every subset of random baskets directly; items repeated
 * in a basket counted once; and the offline measure on baskets with a
 * pattern, where the rules must beat the most bought products.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assoc.h"
#include "check_util.h"

static void
add(struct assoc_baskets *b, long long owner, const long long *items, size_t n)
{
	ck_assert_int_eq(assoc_baskets_add(b, owner, items, n), 0);
}

static long long
set_count(const struct assoc_result *res, const long long *items, int n)
{
	for (size_t i = 0; i < res->nsets; i++)
		if (res->sets[i].n == n && memcmp(res->sets[i].items, items, (size_t)n * sizeof *items) == 0)
			return res->sets[i].count;
	return 0;
}

static const struct assoc_rule *
find_rule(const struct assoc_result *res, const long long *ante, int nante, long long cons)
{
	for (size_t i = 0; i < res->nrules; i++)
		if (res->rules[i].nante == nante && res->rules[i].cons == cons &&
		    memcmp(res->rules[i].ante, ante, (size_t)nante * sizeof *ante) == 0)
			return &res->rules[i];
	return NULL;
}

static void
han_baskets(struct assoc_baskets *b)
{
	static const long long t[9][4] = {
		{ 1, 2, 5 }, { 2, 4 }, { 2, 3 }, { 1, 2, 4 }, { 1, 3 },
		{ 2, 3 }, { 1, 3 }, { 1, 2, 3, 5 }, { 1, 2, 3 },
	};
	static const size_t n[9] = { 3, 2, 2, 3, 2, 2, 2, 4, 3 };

	assoc_baskets_init(b);
	for (int i = 0; i < 9; i++)
		add(b, 0, t[i], n[i]);
}

START_TEST(test_textbook)
{
	struct assoc_baskets b;
	struct assoc_params p = { 2, 0.0, 0.0, 4 };
	struct assoc_result res;
	/* The frequent itemsets and their counts (the book's L1, L2, L3). */
	static const struct { long long items[3]; int n; long long count; } want[] = {
		{ { 1 }, 1, 6 }, { { 2 }, 1, 7 }, { { 3 }, 1, 6 }, { { 4 }, 1, 2 }, { { 5 }, 1, 2 },
		{ { 1, 2 }, 2, 4 }, { { 1, 3 }, 2, 4 }, { { 1, 5 }, 2, 2 }, { { 2, 3 }, 2, 4 },
		{ { 2, 4 }, 2, 2 }, { { 2, 5 }, 2, 2 }, { { 1, 2, 3 }, 3, 2 }, { { 1, 2, 5 }, 3, 2 },
	};
	const struct assoc_rule *r;
	long long a15[] = { 1, 5 }, a12[] = { 1, 2 }, a5[] = { 5 }, a1[] = { 1 };

	han_baskets(&b);
	ck_assert_int_eq(assoc_mine(&b, &p, &res), 0);
	ck_assert_uint_eq(res.nsets, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_int_eq(set_count(&res, want[i].items, want[i].n), want[i].count);
	ck_assert_int_eq(res.stats.baskets, 9);
	ck_assert_int_eq(res.stats.frequent, 5);
	/* The book's rules from {I1, I2, I5}: I1^I5 => I2 100%, I5 => I1^I2 is
	 * not a single-consequent rule; I1^I2 => I5 50%, I5 => I1 100%. */
	r = find_rule(&res, a15, 2, 2);
	ck_assert_ptr_nonnull(r);
	ck_assert_double_eq_tol(r->confidence, 1.0, 1e-9);
	ck_assert_double_eq_tol(r->lift, 9.0 / 7.0, 1e-9);
	ck_assert_double_eq_tol(r->support, 2.0 / 9.0, 1e-9);
	ck_assert_int_eq(r->count, 2);
	r = find_rule(&res, a12, 2, 5);
	ck_assert_ptr_nonnull(r);
	ck_assert_double_eq_tol(r->confidence, 0.5, 1e-9);
	ck_assert_double_eq_tol(r->lift, 0.5 * 9.0 / 2.0, 1e-9);
	r = find_rule(&res, a5, 1, 1);
	ck_assert_ptr_nonnull(r);
	ck_assert_double_eq_tol(r->confidence, 1.0, 1e-9);
	ck_assert_double_eq_tol(r->lift, 1.5, 1e-9);
	r = find_rule(&res, a1, 1, 2);
	ck_assert_ptr_nonnull(r);
	ck_assert_double_eq_tol(r->confidence, 4.0 / 6.0, 1e-9);
	ck_assert_double_eq_tol(r->lift, (4.0 / 6.0) / (7.0 / 9.0), 1e-9);
	/* Sorted by falling confidence. */
	for (size_t i = 1; i < res.nrules; i++)
		ck_assert(res.rules[i - 1].confidence >= res.rules[i].confidence);
	assoc_result_free(&res);

	/* Thresholds: confidence 70% and lift above 1 leave the rules the book keeps. */
	p = (struct assoc_params){ 2, 0.7, 1.01, 3 };
	ck_assert_int_eq(assoc_mine(&b, &p, &res), 0);
	ck_assert_ptr_nonnull(find_rule(&res, a15, 2, 2));
	ck_assert_ptr_nonnull(find_rule(&res, a5, 1, 1));
	ck_assert_ptr_null(find_rule(&res, a12, 2, 5));
	ck_assert_ptr_null(find_rule(&res, a1, 1, 2));
	for (size_t i = 0; i < res.nrules; i++)
		ck_assert(res.rules[i].confidence >= 0.7 && res.rules[i].lift >= 1.01);
	assoc_result_free(&res);
	/* Bad parameters. */
	p = (struct assoc_params){ 0, 0, 0, 3 };
	ck_assert_int_eq(assoc_mine(&b, &p, &res), -1);
	assoc_result_free(&res);
	assoc_baskets_free(&b);
}
END_TEST

START_TEST(test_repeats_and_empty)
{
	struct assoc_baskets b;
	struct assoc_params p = { 1, 0.0, 0.0, 2 };
	struct assoc_result res;
	long long x[] = { 7, 7, 9 }, pair[] = { 7, 9 }, seven[] = { 7 };

	assoc_baskets_init(&b);
	add(&b, 0, x, 3);
	add(&b, 0, NULL, 0);
	ck_assert_int_eq(assoc_mine(&b, &p, &res), 0);
	ck_assert_int_eq(set_count(&res, seven, 1), 1);
	ck_assert_int_eq(set_count(&res, pair, 2), 1);
	ck_assert_int_eq(res.stats.lines, 2);
	ck_assert_double_eq_tol(find_rule(&res, seven, 1, 9)->lift, 2.0, 1e-9);
	assoc_result_free(&res);
	assoc_baskets_free(&b);
}
END_TEST

/* FP-growth's itemsets are exactly the subsets of the baskets counted directly. */
START_TEST(test_against_brute_force)
{
	enum { BASKETS = 300, ITEMS = 12 };
	static unsigned masks[BASKETS];
	struct assoc_baskets b;
	struct assoc_params p = { 6, 0.0, 0.0, 4 };
	struct assoc_result res;
	unsigned seed = 12345;
	size_t frequent = 0;

	assoc_baskets_init(&b);
	for (int i = 0; i < BASKETS; i++) {
		long long items[ITEMS];
		size_t n = 0;

		masks[i] = 0;
		for (int j = 0; j < ITEMS; j++) {
			seed = seed * 1103515245u + 12345u;
			/* Low ids common, high ids rare; 3 and 4 usually together. */
			if ((seed >> 16) % 100 < (unsigned)(60 - j * 4) || (j == 4 && (masks[i] & 8u)))
				if (!(masks[i] & (1u << j))) {
					masks[i] |= 1u << j;
					items[n++] = 100 + j;
				}
		}
		add(&b, 0, items, n);
	}
	ck_assert_int_eq(assoc_mine(&b, &p, &res), 0);
	for (unsigned s = 1; s < (1u << ITEMS); s++) {
		long long items[ITEMS], count = 0;
		int n = 0;

		if (__builtin_popcount(s) > 4)
			continue;
		for (int j = 0; j < ITEMS; j++)
			if (s & (1u << j))
				items[n++] = 100 + j;
		for (int i = 0; i < BASKETS; i++)
			count += (masks[i] & s) == s;
		if (count >= p.min_count) {
			frequent++;
			ck_assert_int_eq(set_count(&res, items, n), count);
		}
	}
	ck_assert_uint_eq(res.nsets, frequent);
	ck_assert_uint_gt(frequent, 200);
	assoc_result_free(&res);
	assoc_baskets_free(&b);
}
END_TEST

/* Customers who each keep to one of ten groups of products (a tent, a
 * sleeping bag, a mat ...), plus one very popular product everybody may
 * take: the rules find the group, the most bought do not. */
START_TEST(test_evaluate)
{
	struct assoc_baskets b;
	struct assoc_params p = { 2, 0.05, 1.0, 3 };
	struct assoc_eval ev;
	long long seeds[] = { 10 }, out[10];
	struct assoc_result res;
	unsigned seed = 7;

	assoc_baskets_init(&b);
	for (long long owner = 1; owner <= 100; owner++) {
		long long group = owner % 10;

		for (int k = 0; k < 3; k++) {
			long long items[3];
			size_t n = 0;

			seed = seed * 1103515245u + 12345u;
			items[n++] = 10 + group * 10 + (long long)((seed >> 16) % 5);
			seed = seed * 1103515245u + 12345u;
			items[n++] = 10 + group * 10 + (long long)((seed >> 16) % 5);
			if ((seed >> 20) % 2)
				items[n++] = 1;	/* the popular one */
			add(&b, owner, items, n);
		}
	}
	ck_assert_int_eq(assoc_evaluate(&b, &p, 10, &ev), 0);
	ck_assert_int_eq(ev.customers, 100);
	ck_assert_uint_gt(ev.nrules, 0);
	ck_assert_msg(ev.rules_rate > ev.popular_rate + 0.2, "hit rates: rules %.2f, popular %.2f", ev.rules_rate, ev.popular_rate);
	/* Recommending from a seed: the seed's own group, never the seed. */
	ck_assert_int_eq(assoc_mine(&b, &p, &res), 0);
	size_t n = assoc_recommend(&res, seeds, 1, out, 10);
	ck_assert_uint_gt(n, 0);
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_ne(out[i], 10);
		ck_assert_msg(out[i] == 1 || (out[i] >= 10 && out[i] < 20), "%lld", out[i]);
	}
	assoc_result_free(&res);
	assoc_baskets_free(&b);
}
END_TEST

static Suite *
assoc_suite(void)
{
	Suite *s = suite_create("assoc");
	TCase *tc = tcase_create("assoc");

	tcase_add_test(tc, test_textbook);
	tcase_add_test(tc, test_repeats_and_empty);
	tcase_add_test(tc, test_against_brute_force);
	tcase_add_test(tc, test_evaluate);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(assoc_suite)
