/*
 * Shared scaffolding for the Check test programs. Each tests/unit/check_<module>.c
 * and tests/pages/check_<prefix>_<family>.c is its own program ending in
 * CHECK_MAIN(<name>_suite); scripts/test runs them all and adds up Check's
 * "Checks: N, Failures: F, Errors: E" lines.
 *
 * Tests that need MariaDB or memcached use the test stack that `make test`
 * starts (its variables are in the environment: BAZAAR_DB_SOCKET, ...).
 */
#ifndef BAZAAR_CHECK_UTIL_H
#define BAZAAR_CHECK_UTIL_H
#include <check.h>
#include <stdlib.h>

/* In a test that needs the test stack's MariaDB (include db.h): connects, or
 * fails the test saying how to run it. */
#define CHECK_DB_CONNECT(prog)                                                      \
	do {                                                                        \
		const char *check_db_socket_ = getenv("BAZAAR_DB_SOCKET");         \
		ck_assert_msg(check_db_socket_ && *check_db_socket_,               \
			      "BAZAAR_DB_SOCKET is not set: " prog " needs the test " \
			      "stack's MariaDB (run it through `make test`, or "      \
			      "source a stack's VAR/env)");                           \
		ck_assert_msg(db_connect() == 0, "cannot connect to MariaDB: %u %s", \
			      db_errno(), db_error());                              \
	} while (0)

#define CHECK_MAIN(suite_fn)                                           \
	int main(void)                                                 \
	{                                                              \
		SRunner *sr = srunner_create(suite_fn());              \
		srunner_run_all(sr, CK_NORMAL);                        \
		int failed = srunner_ntests_failed(sr);                \
		srunner_free(sr);                                      \
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;           \
	}

#endif
