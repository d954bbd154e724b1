/*
 * Races, for the tests of what requests arriving at the same moment do
 * (refunds, stock, payments, coupons, payouts, votes): the same work run
 * in several processes at once, each with connections of its own. Include
 * after check_util.h.
 */
#ifndef BAZAAR_RACE_UTIL_H
#define BAZAAR_RACE_UTIL_H
#include <sys/wait.h>
#include <unistd.h>

#include "check_util.h"
#include "cache.h"
#include "db.h"

#define RACE_MAX	64	/* processes of one race */
#define RACE_BROKEN	100	/* a racer's outcome that fails the test */

/* One racer's work: i is its number (0..n-1); returns its outcome, from 0
 * to RACE_BROKEN - 1 (how many changes it made, or which answer it had),
 * or RACE_BROKEN (or -1) when something unexpected happened. */
typedef int (*race_fn)(int i, void *arg);

/*
 * Runs racer in n processes released together, once each has connected to
 * MariaDB (and memcached, when the caller had it open). The caller's
 * connections are closed before (none is shared over a fork) and opened
 * again after. Each outcome lands in outcome[i]; a racer that could not
 * connect, broke or died fails the test. Returns the sum of the outcomes.
 */
static inline int
race_run(int n, race_fn racer, void *arg, int *outcome)
{
	int cached = cache_enabled(), gate[2], status, i, sum = 0;
	pid_t kids[RACE_MAX];
	char byte;

	ck_assert_int_le(n, RACE_MAX);
	db_close();
	cache_close();
	ck_assert_int_eq(pipe(gate), 0);
	for (i = 0; i < n; i++) {
		ck_assert_int_ge(kids[i] = fork(), 0);
		if (kids[i] == 0) {
			int rc;

			close(gate[1]);
			if (db_connect() != 0 || (cached && cache_init() != 0))
				_exit(RACE_BROKEN);
			if (read(gate[0], &byte, 1) != 0)	/* EOF: all are there, go */
				_exit(RACE_BROKEN);
			rc = racer(i, arg);
			db_close();
			_exit(rc < 0 || rc > RACE_BROKEN ? RACE_BROKEN : rc);
		}
	}
	close(gate[0]);
	close(gate[1]);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(waitpid(kids[i], &status, 0), kids[i]);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) < RACE_BROKEN,
			      "racer %d of %d broke (wait status %d)", i, n, status);
		if (outcome)
			outcome[i] = WEXITSTATUS(status);
		sum += WEXITSTATUS(status);
	}
	ck_assert_int_eq(db_connect(), 0);
	if (cached)
		ck_assert_int_eq(cache_init(), 0);
	return sum;
}

/* How many of the n outcomes are value. */
static inline int
race_count(const int *outcome, int n, int value)
{
	int i, k = 0;

	for (i = 0; i < n; i++)
		k += outcome[i] == value;
	return k;
}

#endif
