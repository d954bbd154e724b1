/*
 * Tests for search (the query side) against the test stack's MariaDB: the
 * words the FULLTEXT fallback is given, the facets of an index of the demo
 * catalogue (each value's count is the total of the search filtered by it)
 * with their labels, spelling and suggestions, and the fallback when the
 * index is missing (results from MariaDB, logged). The index is built once
 * by a rebuild into a temporary directory, so that nothing changes it while
 * the counts are compared.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "search_fixture.h"

/* ---- the fallback's words ------------------------------------------------------ */

START_TEST(test_fulltext_match)
{
	struct arena a;

	arena_init(&a);
	ck_assert_str_eq(search_fulltext_match(&a, "linen shirt"), "+linen* +shirt*");
	/* operators are separators, never operators */
	ck_assert_str_eq(search_fulltext_match(&a, "+dog -lead"), "+dog* +lead*");
	ck_assert_str_eq(search_fulltext_match(&a, "\"red\" (mug) <cup> ~tea* @2 x"), "+red* +mug* +cup* +tea*");
	ck_assert_str_eq(search_fulltext_match(&a, "a' OR 1=1; DROP TABLE products; --"), "+drop* +table* +product*");
	/* short words and stopwords go; case folds */
	ck_assert_str_eq(search_fulltext_match(&a, "The Dog in a Box"), "+dog* +box*");
	ck_assert_ptr_null(search_fulltext_match(&a, "a b c"));
	ck_assert_ptr_null(search_fulltext_match(&a, "+-<>()~*\"@"));
	ck_assert_ptr_null(search_fulltext_match(&a, "the with from"));
	ck_assert_ptr_null(search_fulltext_match(&a, ""));
	ck_assert_ptr_null(search_fulltext_match(&a, NULL));
	/* plural endings */
	ck_assert_str_eq(search_fulltext_match(&a, "leads glasses boxes batteries dress"),
			 "+lead* +glass* +box* +batter* +dress*");
	/* UTF-8 words are kept whole and counted in characters */
	ck_assert_str_eq(search_fulltext_match(&a, "café crème über"), "+café* +crème* +über*");
	ck_assert_ptr_null(search_fulltext_match(&a, "éa"));
	/* at most twelve words */
	ck_assert_str_eq(search_fulltext_match(&a, "one two six ten one two six ten one two six ten more words"),
			 "+one* +two* +six* +ten* +one* +two* +six* +ten* +one* +two* +six* +ten*");
	arena_free(&a);
}
END_TEST

/* ---- an index of the demo catalogue ----------------------------------------------- */

static void
setup_once(void)
{
	search_fixture_begin("check_search", 1);
}

static void
live_setup(void)
{
	CHECK_DB_CONNECT("check_search");
}

static void
live_teardown(void)
{
	search_close();
	db_close();
}

static void
run_live(struct arena *a, struct search_query *q, struct search_result *res)
{
	size_t k, i;

	ck_assert_int_eq(search_run(a, q, res), 0);
	ck_assert_int_eq(res->fallback, 0);
	for (k = 0; k < SEARCH_NFACETS; k++)
		for (i = 0; i < res->facets[k].n; i++)
			ck_assert_ptr_nonnull(res->facets[k].v[i].label);
}

static void
check_facets(struct arena *a, struct search_query base)
{
	search_fixture_check_facets(a, base, run_live);
}

START_TEST(test_facets_live)
{
	struct arena a;
	struct search_query q = SEARCH_QUERY_INIT;
	struct search_result r;

	arena_init(&a);
	ck_assert_msg(search_available(), "the test stack has no search index in %s", search_dir());
	check_facets(&a, q);
	q.text = "bag";
	check_facets(&a, q);
	/* two facets combined */
	q.facets = SEARCH_FACETS_ALL;
	ck_assert_int_eq(search_run(&a, &q, &r), 0);
	ck_assert_int_gt(r.facets[SEARCH_FACET_CATEGORY].n, 0);
	q.category_id = r.facets[SEARCH_FACET_CATEGORY].v[0].value;
	q.in_stock = 1;
	check_facets(&a, q);
	/* an unknown category has nothing */
	q.category_id = 999999999;
	ck_assert_int_eq(search_run(&a, &q, &r), 0);
	ck_assert_int_eq(r.total, 0);
	arena_free(&a);
}
END_TEST

START_TEST(test_spelling_live)
{
	struct arena a;
	struct search_query q = SEARCH_QUERY_INIT;
	struct search_result r;
	struct search_suggestion s[5];

	arena_init(&a);
	q.text = "sleepnig bag";
	ck_assert_int_eq(search_run(&a, &q, &r), 0);
	ck_assert_ptr_nonnull(r.corrected);
	ck_assert_str_eq(r.corrected, "sleeping bag");
	ck_assert_str_eq(search_correct(&a, "sleepnig bag"), "sleeping bag");
	/* suggestions: a prefix, and a misspelt word */
	ck_assert_int_gt(search_suggest(&a, "sleeping b", s, 5), 0);
	ck_assert_int_gt(search_suggest(&a, "sleepnig b", s, 5), 0);
	ck_assert_ptr_nonnull(strcasestr(s[0].name, "sleeping"));
	arena_free(&a);
}
END_TEST

START_TEST(test_fallback_logged)
{
	struct arena a;
	struct search_query q = SEARCH_QUERY_INIT;
	struct search_result r;
	char empty[] = "/tmp/check_search_empty_XXXXXX", logfile[] = "/tmp/check_search_log_XXXXXX", line[4096];
	const char *old = getenv("BAZAAR_SEARCH_DIR");
	char *saved = old ? strdup(old) : NULL;
	int fd, err, found = 0;
	FILE *f;
	long long expect;

	arena_init(&a);
	ck_assert_ptr_nonnull(mkdtemp(empty));
	fd = mkstemp(logfile);
	ck_assert_int_ge(fd, 0);
	log_set_level(LOG_INFO);
	err = dup(2);
	dup2(fd, 2);
	setenv("BAZAAR_SEARCH_DIR", empty, 1);
	search_close();
	q.text = "sleeping bags";
	q.facets = SEARCH_FACETS_ALL;
	ck_assert_int_eq(search_run(&a, &q, &r), 0);
	dup2(err, 2);
	close(err);
	close(fd);
	if (saved) {
		setenv("BAZAAR_SEARCH_DIR", saved, 1);
		free(saved);
	}
	search_close();
	rmdir(empty);
	ck_assert_int_eq(r.fallback, 1);
	ck_assert_int_eq(r.facets[SEARCH_FACET_VENDOR].n, 0);
	expect = db_scalar(-1, "SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id"
			   " AND v.status = 'verified' WHERE MATCH(p.name, p.description)"
			   " AGAINST ('+sleeping* +bag*' IN BOOLEAN MODE) AND p.status = 'active'", "");
	ck_assert_int_gt(expect, 0);
	ck_assert_int_eq(r.total, expect);
	ck_assert_int_eq((long long)r.n, expect < 24 ? expect : 24);
	f = fopen(logfile, "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof line, f))
		if (strstr(line, "event=search.fallback") && strstr(line, "why=\"missing\""))
			found = 1;
	fclose(f);
	unlink(logfile);
	ck_assert_msg(found, "the fallback was not logged");
	arena_free(&a);
}
END_TEST

static Suite *
search_suite(void)
{
	Suite *s = suite_create("search");
	TCase *tc = tcase_create("words"), *live = tcase_create("live");

	tcase_add_test(tc, test_fulltext_match);
	suite_add_tcase(s, tc);
	tcase_add_unchecked_fixture(live, setup_once, search_fixture_end);
	tcase_add_checked_fixture(live, live_setup, live_teardown);
	tcase_set_timeout(live, 60);
	tcase_add_test(live, test_facets_live);
	tcase_add_test(live, test_spelling_live);
	tcase_add_test(live, test_fallback_logged);
	suite_add_tcase(s, live);
	return s;
}

CHECK_MAIN(search_suite)
