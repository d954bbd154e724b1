/*
 * What the search tests share: an index of the test stack's demo catalogue
 * of their own (built once by a rebuild into a temporary directory, so that
 * nothing else changes it during the tests), and the check that each facet
 * value's count is the total of the query filtered by that value.
 */
#ifndef BAZAAR_SEARCH_FIXTURE_H
#define BAZAAR_SEARCH_FIXTURE_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "arena.h"
#include "db.h"
#include "log.h"
#include "search.h"

static char search_fixture_dir[] = "/tmp/check_search_XXXXXX";
static char *search_fixture_saved;

/* For tcase_add_unchecked_fixture: points BAZAAR_SEARCH_DIR at a new
 * directory and, when build, fills it by a rebuild. */
static inline void
search_fixture_begin(const char *prog, int build)
{
	const char *old = getenv("BAZAAR_SEARCH_DIR");

	log_init(prog);
	log_set_level(LOG_ERROR);
	search_fixture_saved = old ? strdup(old) : NULL;
	ck_assert_ptr_nonnull(mkdtemp(search_fixture_dir));
	setenv("BAZAAR_SEARCH_DIR", search_fixture_dir, 1);
	search_close();
	if (!build)
		return;
	ck_assert_msg(db_connect() == 0, "%s needs the test stack's MariaDB: %s", prog, db_error());
	ck_assert_int_gt(search_rebuild(), 0);
	search_close();
	db_close();
}

static inline void
search_fixture_end(void)
{
	char cmd[600];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", search_fixture_dir);
	ck_assert_int_eq(system(cmd), 0);
	if (search_fixture_saved) {
		setenv("BAZAAR_SEARCH_DIR", search_fixture_saved, 1);
		free(search_fixture_saved);
		search_fixture_saved = NULL;
	}
}

/* Runs q (facets asked for) through run; then, for every value of every
 * facet, q with that value added: its total must be the value's count. */
typedef void (*search_fixture_run)(struct arena *a, struct search_query *q, struct search_result *res);

static inline void
search_fixture_check_facets(struct arena *a, struct search_query base, search_fixture_run run)
{
	struct search_result r, f;
	size_t i;
	int k;

	base.facets = SEARCH_FACETS_ALL;
	run(a, &base, &r);
	for (k = 0; k < SEARCH_NFACETS; k++)
		for (i = 0; i < r.facets[k].n; i++) {
			struct search_query q = base;

			q.facets = 0;
			search_query_add(&q, (enum search_facet)k, r.facets[k].v[i].value);
			run(a, &q, &f);
			ck_assert_msg(f.total == r.facets[k].v[i].count,
				      "facet %d value %lld (%s): %lld results, counted %lld", k,
				      r.facets[k].v[i].value, r.facets[k].v[i].label ? r.facets[k].v[i].label : "",
				      f.total, r.facets[k].v[i].count);
		}
}

#endif
