/*
 * Tests for xsearch_bridge (the Xapian side of search) on a small index in
 * a temporary directory, without the test stack: stemming, phrases,
 * prefixes, spelling, synonyms, filters, facets whose counts equal the
 * filtered totals, sorts, deletion, and a reader seeing the writer's
 * commits and a switch of `current`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "search_fixture.h"
#include "xsearch_bridge.h"

static char dir[] = "/tmp/check_xsearch_XXXXXX";
static char err[256];

static void
put(long long id, const char *name, const char *desc, long long cat, long long sub, long long vendor,
    long long price, long long compare, long long stock, double rating, long long created)
{
	struct xsearch_doc d;

	memset(&d, 0, sizeof d);
	d.id = id;
	d.name = name;
	d.description = desc;
	d.vendor_name = vendor == 1 ? "Alpine Outfitters" : "Kitchen Co";
	d.category_names = cat == 10 ? "Outdoors" : "Kitchen";
	d.categories[0] = cat;
	d.categories[1] = sub;
	d.ncategories = 2;
	d.vendor_id = vendor;
	d.price = price;
	d.compare_at = compare;
	d.stock = stock;
	d.rating = rating;
	d.rating_count = rating > 0 ? 10 : 0;
	d.popularity = id * 10;
	d.created = created;
	ck_assert_msg(xsearch_writer_put(&d, err, sizeof err) == 0, "%s", err);
}

static void
build(const char *name)
{
	char path[512], link[512], tmp[512];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_msg(xsearch_writer_open(path, "english", err, sizeof err) == 0, "%s", err);
	put(1, "Two-person dome tent", "A light tent for camping trips in the mountains.", 10, 11, 1, 12900, 0, 5,
	    4.5, 100);
	put(2, "Sleeping bag, down", "Warm sleeping bag for cold nights.", 10, 12, 1, 8900, 9900, 0, 3.2, 200);
	put(3, "Camping stove", "A gas stove for camping; boils water fast.", 10, 11, 1, 4500, 0, 12, 0, 300);
	put(4, "Cast iron frying pan", "Heavy pan for the stove top and the oven.", 20, 21, 2, 3900, 4900, 3,
	    4.9, 400);
	put(5, "Chef's knife", "A sharp knife that stays sharp.", 20, 22, 2, 700, 0, 8, 2.0, 500);
	ck_assert_msg(xsearch_writer_commit(err, sizeof err) == 0, "%s", err);
	snprintf(link, sizeof link, "%s/current", dir);
	snprintf(tmp, sizeof tmp, "%s/current.tmp", dir);
	unlink(tmp);
	ck_assert_int_eq(symlink(name, tmp), 0);
	ck_assert_int_eq(rename(tmp, link), 0);
}

static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	build("db-1");
	ck_assert_int_eq(xsearch_open(dir, err, sizeof err), 0);
}

static void
teardown(void)
{
	char cmd[600];

	xsearch_close();
	xsearch_writer_close();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(dir, "/tmp/check_xsearch_XXXXXX");
}

/* Runs text with q's filters; returns total and fills res. */
static long long
run(struct arena *a, struct search_query *q, const char *text, struct search_result *res)
{
	memset(res, 0, sizeof *res);
	q->text = text;
	ck_assert_msg(xsearch_query(a, q, -1, res, err, sizeof err) == 0, "%s", err);
	return res->total;
}

START_TEST(test_words)
{
	struct arena a;
	struct search_query q = SEARCH_QUERY_INIT;
	struct search_result r;

	arena_init(&a);
	/* stemming: plurals and other forms */
	ck_assert_int_eq(run(&a, &q, "tents", &r), 1);
	ck_assert_int_eq(r.ids[0], 1);
	ck_assert_int_eq(run(&a, &q, "knives", &r), 0);	/* irregular: not a stem */
	ck_assert_int_eq(run(&a, &q, "boiling", &r), 1);
	/* every word must match */
	ck_assert_int_eq(run(&a, &q, "camping", &r), 2);
	ck_assert_int_eq(run(&a, &q, "camping stove", &r), 1);
	ck_assert_int_eq(r.ids[0], 3);
	/* phrases */
	ck_assert_int_eq(run(&a, &q, "\"sleeping bag\"", &r), 1);
	ck_assert_int_eq(run(&a, &q, "\"bag sleeping\"", &r), 0);
	/* the last word is a prefix too */
	ck_assert_int_eq(run(&a, &q, "slee", &r), 1);
	ck_assert_int_eq(run(&a, &q, "cast iron fry", &r), 1);
	ck_assert_int_eq(run(&a, &q, "cast iron fr", &r), 0);	/* two letters: too short */
	/* exclusion; category and vendor names are searchable */
	ck_assert_int_eq(run(&a, &q, "camping -stove", &r), 1);
	ck_assert_int_eq(run(&a, &q, "sleep*", &r), 1);
	ck_assert_int_eq(run(&a, &q, "outfitters", &r), 3);
	/* stopwords alone, signs alone, nothing: every product */
	ck_assert_int_eq(run(&a, &q, "the", &r), 2);	/* a stopword alone is kept */
	ck_assert_int_eq(run(&a, &q, "\"((", &r), 5);
	ck_assert_int_eq(run(&a, &q, NULL, &r), 5);
	arena_free(&a);
}
END_TEST

START_TEST(test_spelling)
{
	struct arena a;
	struct search_query q = SEARCH_QUERY_INIT;
	struct search_result r;

	arena_init(&a);
	ck_assert_int_eq(run(&a, &q, "sleping bag", &r), 0);
	ck_assert_str_eq(r.corrected, "sleeping bag");
	ck_assert_str_eq(xsearch_correct(&a, "camping stovve"), "camping stove");
	ck_assert_ptr_null(xsearch_correct(&a, "camping stove"));
	run(&a, &q, "tent", &r);
	ck_assert_ptr_null(r.corrected);
	arena_free(&a);
}
END_TEST

/* Which corrections are offered, and when the corrected text's results are
 * the ones to show. */
START_TEST(test_spelling_choices)
{
	struct arena a;
	struct search_query q = SEARCH_QUERY_INIT;
	struct search_result r;

	put(11, "In-ear headphones", "Soft ear tips in three sizes; the ear cushions seal out noise.", 20, 22, 2,
	    5900, 0, 4, 0, 600);
	put(12, "Fleece ear warmers", "Keeps both ears warm on the hill.", 10, 12, 1, 1500, 0, 9, 0, 700);
	put(13, "Silver hoop earrings", "A pair of earrings in sterling silver.", 20, 22, 2, 2900, 0, 2, 0, 800);
	put(14, "Enamel saucepan and frying pan set", "A pan for every job: pan, pan and pan.", 20, 21, 2, 6900, 0,
	    6, 0, 900);
	put(15, "Fountain pen", "Writes smoothly.", 20, 22, 2, 3500, 0, 3, 0, 1000);
	put(16, "Cast iron kettlebell", "One kettlebell, 12 kg.", 10, 12, 1, 4500, 0, 5, 0, 1100);
	ck_assert_msg(xsearch_writer_commit(err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(xsearch_open(dir, err, sizeof err), 0);
	arena_init(&a);
	/* "pen" is a catalogue word: only the misspelt word is corrected, even
	 * where a commoner word ("pan") is one letter away */
	ck_assert_int_eq(run(&a, &q, "fountian pen", &r), 0);
	ck_assert_str_eq(r.corrected, "fountain pen");
	ck_assert_str_eq(xsearch_correct(&a, "fountian pen"), "fountain pen");
	ck_assert_ptr_null(xsearch_correct(&a, "fountain pen"));
	/* "earings" finds "ear" through its stem, four letters away; "earrings"
	 * is one: the correction is the one to show */
	ck_assert_int_ge(run(&a, &q, "earings", &r), 2);
	ck_assert_str_eq(r.corrected, "earrings");
	ck_assert_int_eq(r.correction_closer, 1);
	ck_assert_int_eq(run(&a, &q, "earrings", &r), 1);
	ck_assert_int_eq(r.correction_closer, 0);
	/* the suggestions as one types are corrected too */
	{
		struct search_suggestion s[5];

		ck_assert_int_eq(xsearch_suggest(&a, "earings silver", s, 5, err, sizeof err), 1);
		ck_assert_int_eq(s[0].product_id, 13);
	}
	/* a plural of a catalogue word keeps its own results */
	ck_assert_int_eq(run(&a, &q, "kettlebells", &r), 1);
	ck_assert_int_eq(r.ids[0], 16);
	ck_assert_int_eq(r.correction_closer, 0);
	arena_free(&a);
}
END_TEST

START_TEST(test_synonyms)
{
	struct arena a;
	struct search_query q = SEARCH_QUERY_INIT;
	struct search_result r;
	const char *syns[] = { "tent", "stove" }, *got[8];
	char path[512];

	arena_init(&a);
	ck_assert_int_eq(run(&a, &q, "shelter", &r), 0);
	snprintf(path, sizeof path, "%s/db-1", dir);
	ck_assert_int_eq(xsearch_writer_synonyms("Shelter", syns, 1, err, sizeof err), 0);
	ck_assert_int_eq(xsearch_writer_synonyms("cooker", syns + 1, 1, err, sizeof err), 0);
	ck_assert_int_eq(xsearch_writer_commit(err, sizeof err), 0);
	ck_assert_int_eq(xsearch_open(dir, err, sizeof err), 0);	/* reopens */
	ck_assert_int_eq(run(&a, &q, "shelter", &r), 1);
	ck_assert_int_eq(r.ids[0], 1);
	ck_assert_int_eq(run(&a, &q, "shelters", &r), 1);	/* the stemmed key too */
	ck_assert_int_eq(run(&a, &q, "gas cooker", &r), 1);
	ck_assert_int_eq(xsearch_synonyms(&a, "shelter", got, 8), 1);
	ck_assert_str_eq(got[0], "tent");
	/* replaced, then removed */
	ck_assert_int_eq(xsearch_writer_synonyms("shelter", syns + 1, 1, err, sizeof err), 0);
	ck_assert_int_eq(xsearch_writer_synonyms("cooker", NULL, 0, err, sizeof err), 0);
	ck_assert_int_eq(xsearch_writer_commit(err, sizeof err), 0);
	ck_assert_int_eq(xsearch_open(dir, err, sizeof err), 0);
	ck_assert_int_eq(run(&a, &q, "shelter", &r), 2);	/* the two with "stove" */
	ck_assert_int_ne(r.ids[0], 1);
	ck_assert_int_ne(r.ids[1], 1);
	ck_assert_int_eq(run(&a, &q, "gas cooker", &r), 0);
	arena_free(&a);
}
END_TEST

/* Runs q with the depth of its category (10 and 20 are top level). */
static void
run_query(struct arena *a, struct search_query *q, struct search_result *res)
{
	int depth = q->category_id == 0 ? -1 : q->category_id % 10 == 0 ? 0 : 1;

	memset(res, 0, sizeof *res);
	ck_assert_msg(xsearch_query(a, q, depth, res, err, sizeof err) == 0, "%s", err);
}

static void
check_facets(struct arena *a, struct search_query base, const char *text)
{
	base.text = text;
	search_fixture_check_facets(a, base, run_query);
}

START_TEST(test_facets)
{
	struct arena a;
	struct search_query q = SEARCH_QUERY_INIT;
	struct search_result r;

	arena_init(&a);
	q.facets = SEARCH_FACETS_ALL;
	run(&a, &q, NULL, &r);
	ck_assert_int_eq(r.facets[SEARCH_FACET_CATEGORY].n, 2);	/* the two top levels */
	ck_assert_int_eq(r.facets[SEARCH_FACET_CATEGORY].v[0].value, 10);
	ck_assert_int_eq(r.facets[SEARCH_FACET_CATEGORY].v[0].count, 3);
	ck_assert_int_eq(r.facets[SEARCH_FACET_VENDOR].n, 2);
	ck_assert_int_eq(r.facets[SEARCH_FACET_SALE].v[0].count, 2);
	ck_assert_int_eq(r.facets[SEARCH_FACET_STOCK].v[0].count, 4);
	/* "n stars and up": 4.9 4.5 3.2 2.0 (one unrated) */
	ck_assert_int_eq(r.facets[SEARCH_FACET_RATING].n, 4);
	ck_assert_int_eq(r.facets[SEARCH_FACET_RATING].v[0].value, 4);
	ck_assert_int_eq(r.facets[SEARCH_FACET_RATING].v[0].count, 2);
	ck_assert_int_eq(r.facets[SEARCH_FACET_RATING].v[3].value, 1);
	ck_assert_int_eq(r.facets[SEARCH_FACET_RATING].v[3].count, 4);
	check_facets(&a, q, NULL);
	check_facets(&a, q, "camping");
	/* combined: within a category its children are counted */
	q.category_id = 10;
	memset(&r, 0, sizeof r);
	q.text = NULL;
	ck_assert_int_eq(xsearch_query(&a, &q, 0, &r, err, sizeof err), 0);
	ck_assert_int_eq(r.total, 3);
	ck_assert_int_eq(r.facets[SEARCH_FACET_CATEGORY].n, 2);
	ck_assert_int_eq(r.facets[SEARCH_FACET_CATEGORY].v[0].value, 11);
	ck_assert_int_eq(r.facets[SEARCH_FACET_CATEGORY].v[0].count, 2);
	q.in_stock = 1;
	check_facets(&a, q, NULL);
	arena_free(&a);
}
END_TEST

START_TEST(test_filters_and_sorts)
{
	struct arena a;
	struct search_query q = SEARCH_QUERY_INIT;
	struct search_result r;

	arena_init(&a);
	q.min_price = 4000;
	q.max_price = 9000;
	ck_assert_int_eq(run(&a, &q, NULL, &r), 2);
	/* bounds that hold every price are not checked match by match: the
	 * edges are still exact (700 the lowest price, 12900 the highest) */
	q.min_price = 700;
	q.max_price = 12900;
	ck_assert_int_eq(run(&a, &q, NULL, &r), 5);
	q.max_price = 99999999;
	ck_assert_int_eq(run(&a, &q, NULL, &r), 5);
	q.min_price = 701;
	ck_assert_int_eq(run(&a, &q, NULL, &r), 4);
	q.min_price = -1;
	q.max_price = 12899;
	ck_assert_int_eq(run(&a, &q, NULL, &r), 4);
	q.min_price = q.max_price = -1;
	q.sort = SEARCH_SORT_PRICE_ASC;
	run(&a, &q, NULL, &r);
	ck_assert_int_eq(r.ids[0], 5);
	ck_assert_int_eq(r.ids[4], 1);
	q.sort = SEARCH_SORT_PRICE_DESC;
	run(&a, &q, NULL, &r);
	ck_assert_int_eq(r.ids[0], 1);
	q.sort = SEARCH_SORT_NEWEST;
	run(&a, &q, NULL, &r);
	ck_assert_int_eq(r.ids[0], 5);
	q.sort = SEARCH_SORT_POPULAR;
	run(&a, &q, NULL, &r);
	ck_assert_int_eq(r.ids[0], 5);
	q.sort = SEARCH_SORT_RATING;
	run(&a, &q, NULL, &r);
	ck_assert_int_eq(r.ids[0], 4);
	ck_assert_int_eq(r.ids[4], 3);	/* unrated last */
	/* paging */
	q.offset = 3;
	q.limit = 10;
	ck_assert_int_eq(run(&a, &q, NULL, &r), 5);
	ck_assert_int_eq(r.n, 2);
	/* relevance mixes in rating, sales and stock: the rated tent in stock
	 * before the unrated stove, both "camping" once in their text */
	q = (struct search_query)SEARCH_QUERY_INIT;
	run(&a, &q, "camping", &r);
	ck_assert_int_eq(r.n, 2);
	ck_assert_int_eq(r.ids[0], 1);
	arena_free(&a);
}
END_TEST

START_TEST(test_reader_follows_writer)
{
	struct arena a;
	struct search_query q = SEARCH_QUERY_INIT;
	struct search_result r;

	arena_init(&a);
	ck_assert_int_eq(run(&a, &q, "kettle", &r), 0);
	put(6, "Kettle", "Boils water.", 20, 22, 2, 2500, 0, 1, 0, 600);
	ck_assert_int_eq(xsearch_writer_delete(5, err, sizeof err), 0);
	ck_assert_int_eq(xsearch_writer_delete(99, err, sizeof err), 0);	/* absent: fine */
	ck_assert_int_eq(xsearch_writer_commit(err, sizeof err), 0);
	ck_assert_int_eq(xsearch_open(dir, err, sizeof err), 0);
	ck_assert_int_eq(run(&a, &q, "kettle", &r), 1);
	ck_assert_int_eq(run(&a, &q, "knife", &r), 0);
	/* a new database behind `current`: the reader switches */
	xsearch_writer_close();
	build("db-2");
	ck_assert_int_eq(xsearch_open(dir, err, sizeof err), 0);
	ck_assert_int_eq(run(&a, &q, "kettle", &r), 0);
	ck_assert_int_eq(run(&a, &q, "knife", &r), 1);
	arena_free(&a);
}
END_TEST

START_TEST(test_missing)
{
	char empty[] = "/tmp/check_xsearch_empty_XXXXXX";

	ck_assert_ptr_nonnull(mkdtemp(empty));
	ck_assert_int_eq(xsearch_open(empty, err, sizeof err), 1);
	rmdir(empty);
}
END_TEST

static Suite *
xsearch_bridge_suite(void)
{
	Suite *s = suite_create("xsearch_bridge");
	TCase *tc = tcase_create("index");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_words);
	tcase_add_test(tc, test_spelling);
	tcase_add_test(tc, test_spelling_choices);
	tcase_add_test(tc, test_synonyms);
	tcase_add_test(tc, test_facets);
	tcase_add_test(tc, test_filters_and_sorts);
	tcase_add_test(tc, test_reader_follows_writer);
	tcase_add_test(tc, test_missing);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(xsearch_bridge_suite)
