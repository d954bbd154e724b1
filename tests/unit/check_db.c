/*
 * Tests for db against a live MariaDB (the test stack, or any server named by
 * BAZAAR_DB_SOCKET, BAZAAR_DB_NAME, BAZAAR_DB_USER, BAZAAR_DB_PASSWORD).
 * They work in their own table, check_db_scratch, which is dropped at the end.
 * Without BAZAAR_DB_SOCKET every test fails, saying why.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_util.h"
#include "db.h"

#define NEED_DB "BAZAAR_DB_SOCKET is not set: check_db needs a live MariaDB " \
	"(run it through `make test`, or set BAZAAR_DB_SOCKET, BAZAAR_DB_NAME, " \
	"BAZAAR_DB_USER, BAZAAR_DB_PASSWORD)"

static const char create_sql[] =
	"CREATE TABLE IF NOT EXISTS check_db_scratch ("
	" id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
	" n BIGINT NULL,"
	" u BIGINT UNSIGNED NULL,"
	" s VARCHAR(255) NULL,"
	" b BLOB NULL,"
	" t MEDIUMTEXT NULL"
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";

/*
 * The scratch table needs CREATE and DROP, which the application's user does
 * not have (it may only read and write rows): scripts/test names the stack's
 * administrative user in BAZAAR_TEST_DB_ADMIN_USER, and these tests connect
 * as that user.
 */
static int have_db(void)
{
	const char *s = getenv("BAZAAR_DB_SOCKET"), *admin = getenv("BAZAAR_TEST_DB_ADMIN_USER");
	if (admin && *admin) {
		setenv("BAZAAR_DB_USER", admin, 1);
		setenv("BAZAAR_DB_PASSWORD", "", 1);
	}
	return s && *s;
}

/* Runs once, in the parent, before the tests: a fresh, empty table. */
static void suite_setup(void)
{
	if (!have_db())
		return;
	if (db_connect() == 0) {
		db_exec("DROP TABLE IF EXISTS check_db_scratch", "");
		db_exec(create_sql, "");
	}
	db_close();	/* each test process makes its own connection */
}

static void suite_teardown(void)
{
	if (!have_db())
		return;
	if (db_connect() == 0)
		db_exec("DROP TABLE IF EXISTS check_db_scratch", "");
	db_close();
}

static void setup(void)
{
	ck_assert_msg(have_db(), NEED_DB);
	ck_assert_msg(db_connect() == 0, "cannot connect to MariaDB: %u %s", db_errno(), db_error());
	ck_assert_int_ge(db_exec(create_sql, ""), 0);
	ck_assert_int_ge(db_exec("DELETE FROM check_db_scratch", ""), 0);
}

static void teardown(void)
{
	db_close();
}

START_TEST(test_binds_each_type)
{
	static const unsigned char blob[] = { 0, 1, 2, 0xff, 0, 'x' };
	long long n = db_exec("INSERT INTO check_db_scratch (n, u, s, b) VALUES (?, ?, ?, ?)",
			      "iusb", (long long)-42, 18446744073709551615ULL, "hello",
			      (const void *)blob, sizeof blob);
	ck_assert_int_eq(n, 1);
	unsigned long long id = db_insert_id();
	ck_assert_uint_gt(id, 0);

	struct db_result *r = db_query("SELECT id, n, u, s, b, LENGTH(b) FROM check_db_scratch WHERE id = ?",
				       "u", id);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(db_rows(r), 1);
	ck_assert_uint_eq(db_cols(r), 6);
	ck_assert_int_eq(db_next(r), 1);
	ck_assert_int_eq(db_int(r, 0), (long long)id);
	ck_assert_int_eq(db_int(r, 1), -42);
	ck_assert_str_eq(db_str(r, 1), "-42");
	ck_assert_str_eq(db_str(r, 2), "18446744073709551615");
	ck_assert_str_eq(db_str(r, 3), "hello");
	ck_assert_uint_eq(db_len(r, 4), sizeof blob);
	ck_assert_mem_eq(db_str(r, 4), blob, sizeof blob);
	ck_assert_int_eq(db_int(r, 5), (long long)sizeof blob);
	ck_assert_int_eq(db_next(r), 0);
	/* Out-of-range column: NULL, never a crash. */
	ck_assert_ptr_null(db_str(r, 99));
	db_free(r);

	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM check_db_scratch WHERE s = ? AND n = ?",
				   "si", "hello", (long long)-42), 1);
}
END_TEST

START_TEST(test_nulls)
{
	ck_assert_int_eq(db_exec("INSERT INTO check_db_scratch (n, s, b) VALUES (NULL, ?, ?)",
				 "sb", (const char *)NULL, (const void *)NULL, (size_t)0), 1);
	struct db_result *r = db_query("SELECT n, s, b, 'x' FROM check_db_scratch", "");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(db_next(r), 1);
	ck_assert(db_null(r, 0));
	ck_assert(db_null(r, 1));
	ck_assert(db_null(r, 2));
	ck_assert_ptr_null(db_str(r, 1));
	ck_assert_int_eq(db_int(r, 0), 0);
	ck_assert_uint_eq(db_len(r, 1), 0);
	ck_assert(!db_null(r, 3));
	db_free(r);
	ck_assert_int_eq(db_scalar(7, "SELECT n FROM check_db_scratch", ""), 7);
	ck_assert_int_eq(db_scalar(7, "SELECT s FROM check_db_scratch WHERE s IS NULL", ""), 7);
}
END_TEST

START_TEST(test_utf8)
{
	const char *text = "Grüße 👟 café ✓ 日本";
	ck_assert_int_eq(db_exec("INSERT INTO check_db_scratch (s) VALUES (?)", "s", text), 1);
	struct db_result *r = db_query("SELECT s, CHAR_LENGTH(s), LENGTH(s) FROM check_db_scratch", "");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(db_next(r), 1);
	ck_assert_str_eq(db_str(r, 0), text);
	ck_assert_int_eq(db_int(r, 1), 17);
	ck_assert_int_eq(db_int(r, 2), (long long)strlen(text));
	db_free(r);
	ck_assert_int_eq(db_scalar(0, "SELECT COUNT(*) FROM check_db_scratch WHERE s LIKE ?", "s", "%👟%"), 1);
}
END_TEST

START_TEST(test_large_values_and_many_rows)
{
	char *big = malloc(100001);
	memset(big, 'z', 100000);
	big[100000] = '\0';
	ck_assert_int_eq(db_exec("INSERT INTO check_db_scratch (t) VALUES (?)", "s", big), 1);
	for (long long i = 0; i < 200; i++)
		ck_assert_int_eq(db_exec("INSERT INTO check_db_scratch (n, s) VALUES (?, ?)",
					 "is", i, i % 2 ? "odd" : "even"), 1);
	struct db_result *r = db_query("SELECT t, 1.5, NOW() FROM check_db_scratch WHERE t IS NOT NULL", "");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(db_next(r), 1);
	ck_assert_str_eq(db_str(r, 0), big);
	ck_assert_str_eq(db_str(r, 1), "1.5");
	ck_assert_uint_eq(strlen(db_str(r, 2)), 19);
	db_free(r);
	free(big);

	r = db_query("SELECT n, s FROM check_db_scratch WHERE n IS NOT NULL ORDER BY n", "");
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(db_rows(r), 200);
	long long expect = 0;
	while (db_next(r)) {
		ck_assert_int_eq(db_int(r, 0), expect);
		ck_assert_str_eq(db_str(r, 1), expect % 2 ? "odd" : "even");
		expect++;
	}
	ck_assert_int_eq(expect, 200);
	db_free(r);
}
END_TEST

START_TEST(test_empty_result)
{
	struct db_result *r = db_query("SELECT id, s FROM check_db_scratch WHERE id = ?", "i", (long long)-1);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(db_rows(r), 0);
	ck_assert_uint_eq(db_cols(r), 2);
	ck_assert_int_eq(db_next(r), 0);
	ck_assert_ptr_null(db_str(r, 0));
	db_free(r);
	ck_assert_int_eq(db_exec("UPDATE check_db_scratch SET s = ? WHERE id = ?", "si", "x", (long long)-1), 0);
	ck_assert_int_eq(db_scalar(-5, "SELECT id FROM check_db_scratch WHERE id = ?", "i", (long long)-1), -5);
}
END_TEST

START_TEST(test_errors)
{
	ck_assert_ptr_null(db_query("SELEC nonsense FROM", ""));
	ck_assert_uint_eq(db_errno(), 1064);
	ck_assert_str_ne(db_error(), "");
	ck_assert_int_eq(db_exec("INSERT INTO no_such_table_here VALUES (?)", "i", (long long)1), -1);
	ck_assert_uint_eq(db_errno(), 1146);
	/* Wrong number of binds, and an unknown type letter. */
	ck_assert_int_eq(db_exec("INSERT INTO check_db_scratch (n, s) VALUES (?, ?)", "i", (long long)1), -1);
	ck_assert_ptr_null(db_query("SELECT ?", "x", 1));
	ck_assert_int_eq(db_scalar(3, "SELECT * FROM", ""), 3);
	/* The connection is still good afterwards. */
	ck_assert_int_eq(db_scalar(0, "SELECT 1 + ?", "i", (long long)1), 2);
	ck_assert_int_eq(db_ping(), 0);
}
END_TEST

START_TEST(test_commit_rollback)
{
	ck_assert_int_eq(db_begin(), 0);
	ck_assert(db_in_transaction());
	ck_assert_int_eq(db_begin(), -1);	/* no nesting */
	ck_assert_int_eq(db_exec("INSERT INTO check_db_scratch (s) VALUES (?)", "s", "kept"), 1);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert(!db_in_transaction());

	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(db_exec("INSERT INTO check_db_scratch (s) VALUES (?)", "s", "dropped"), 1);
	ck_assert_int_eq(db_rollback(), 0);
	ck_assert(!db_in_transaction());

	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM check_db_scratch WHERE s = ?", "s", "kept"), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM check_db_scratch WHERE s = ?", "s", "dropped"), 0);
	ck_assert_int_eq(db_commit(), -1);	/* nothing open */

	/* An ordinary error (duplicate key) leaves the transaction usable. */
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(db_exec("INSERT INTO check_db_scratch (id, s) VALUES (?, ?)", "is",
				 (long long)500, "first"), 1);
	ck_assert_int_eq(db_exec("INSERT INTO check_db_scratch (id, s) VALUES (?, ?)", "is",
				 (long long)500, "again"), -1);
	ck_assert_uint_eq(db_errno(), 1062);
	ck_assert(db_is_duplicate());
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM check_db_scratch WHERE id = 500", ""), 1);
	ck_assert(!db_is_duplicate());	/* the next statement that works clears it */
}
END_TEST

struct tx_state {
	int calls;
	int fail_with;		/* returned by the first call */
	int kill_first;		/* drop the connection during the first call */
};

static int tx_insert(void *arg)
{
	struct tx_state *st = arg;
	st->calls++;
	if (st->kill_first && st->calls == 1)
		db_debug_kill_connection();
	if (db_exec("INSERT INTO check_db_scratch (s) VALUES (?)", "s", "tx") != 1)
		return -1;
	if (st->fail_with && st->calls == 1)
		return st->fail_with;
	return 0;
}

START_TEST(test_tx_commit_and_own_failure)
{
	struct tx_state st = {0};
	ck_assert_int_eq(db_tx(tx_insert, &st), 0);
	ck_assert_int_eq(st.calls, 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM check_db_scratch WHERE s = 'tx'", ""), 1);

	/* The function's own failure rolls back and is not retried. */
	struct tx_state bad = { .fail_with = 7 };
	ck_assert_int_eq(db_tx(tx_insert, &bad), 7);
	ck_assert_int_eq(bad.calls, 1);
	ck_assert(!db_in_transaction());
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM check_db_scratch WHERE s = 'tx'", ""), 1);
}
END_TEST

START_TEST(test_tx_retry_after_lost_connection)
{
	struct tx_state st = { .kill_first = 1 };
	ck_assert_int_eq(db_tx(tx_insert, &st), 0);
	ck_assert_int_eq(st.calls, 2);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM check_db_scratch WHERE s = 'tx'", ""), 1);
}
END_TEST

/* The parent's transaction locks row 1 then waits for row 2, which a second
 * process holds (with row 3, so InnoDB picks the parent as the lighter
 * victim) while it asks for row 1: a real deadlock. db_tx must run the
 * parent's transaction again and commit it. */
struct deadlock_state {
	int calls;
	int to_child[2];
	int to_parent[2];
};

static int tx_deadlock(void *arg)
{
	struct deadlock_state *st = arg;
	char c = 0;
	st->calls++;
	if (db_exec("UPDATE check_db_scratch SET n = n + 1 WHERE id = 1", "") != 1)
		return -1;
	if (st->calls == 1) {
		if (write(st->to_child[1], "g", 1) != 1 || read(st->to_parent[0], &c, 1) != 1)
			return -2;	/* child gone: not a retryable failure */
	}
	if (db_exec("UPDATE check_db_scratch SET n = n + 1 WHERE id = 2", "") != 1)
		return -1;
	return 0;
}

static void deadlock_child(struct deadlock_state *st)
{
	char c;
	int ok = 1;
	if (read(st->to_child[0], &c, 1) != 1 || db_connect() != 0)
		_exit(2);
	db_exec("SET SESSION innodb_lock_wait_timeout = 10", "");
	ok = db_begin() == 0 &&
	     db_exec("UPDATE check_db_scratch SET n = n + 10 WHERE id IN (2, 3)", "") == 2;
	if (write(st->to_parent[1], "h", 1) != 1)
		_exit(2);
	usleep(200 * 1000);	/* let the parent block on row 2 */
	ok = ok && db_exec("UPDATE check_db_scratch SET n = n + 10 WHERE id = 1", "") == 1;
	ok = ok && db_commit() == 0;
	db_close();
	_exit(ok ? 0 : 1);
}

START_TEST(test_tx_retry_after_deadlock)
{
	struct deadlock_state st = {0};
	for (long long id = 1; id <= 3; id++)
		ck_assert_int_eq(db_exec("INSERT INTO check_db_scratch (id, n) VALUES (?, 0)", "i", id), 1);
	ck_assert_int_eq(pipe(st.to_child), 0);
	ck_assert_int_eq(pipe(st.to_parent), 0);

	db_close();	/* never share a connection with a child process */
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		deadlock_child(&st);
	ck_assert_int_eq(db_exec("SET SESSION innodb_lock_wait_timeout = 10", ""), 0);

	int rc = db_tx(tx_deadlock, &st);
	int status = 0;
	waitpid(pid, &status, 0);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the locking process failed");
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(st.calls, 2);
	/* Both transactions committed, each exactly once. */
	ck_assert_int_eq(db_scalar(-1, "SELECT n FROM check_db_scratch WHERE id = 1", ""), 11);
	ck_assert_int_eq(db_scalar(-1, "SELECT n FROM check_db_scratch WHERE id = 2", ""), 11);
	ck_assert_int_eq(db_scalar(-1, "SELECT n FROM check_db_scratch WHERE id = 3", ""), 10);
}
END_TEST

START_TEST(test_recover_after_kill)
{
	ck_assert_int_eq(db_exec("INSERT INTO check_db_scratch (s) VALUES (?)", "s", "before"), 1);
	db_debug_kill_connection();
	/* The next call finds the connection dead, reconnects and succeeds. */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM check_db_scratch WHERE s = ?", "s", "before"), 1);
	db_debug_kill_connection();
	ck_assert_int_eq(db_exec("INSERT INTO check_db_scratch (s) VALUES (?)", "s", "after"), 1);
	db_debug_kill_connection();
	struct db_result *r = db_query("SELECT s FROM check_db_scratch ORDER BY id", "");
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(db_rows(r), 2);
	db_free(r);
	db_debug_kill_connection();
	ck_assert_int_eq(db_ping(), 0);
	ck_assert_int_eq(db_scalar(0, "SELECT 2", ""), 2);
}
END_TEST

/* While the server cannot be reached, db_unavailable says so (the
 * dispatcher then answers 503); the first statement after it is back clears it. */
START_TEST(test_unavailable_until_back)
{
	char sock[512];

	snprintf(sock, sizeof sock, "%s", getenv("BAZAAR_DB_SOCKET"));
	ck_assert_int_eq(db_scalar(-1, "SELECT 1", ""), 1);
	ck_assert_int_eq(db_unavailable(), 0);
	/* A statement that fails for another reason is not an outage. */
	ck_assert_int_eq(db_exec("INSERT INTO no_such_table (x) VALUES (1)", ""), -1);
	ck_assert_int_eq(db_unavailable(), 0);

	setenv("BAZAAR_DB_SOCKET", "/nonexistent/mysqld.sock", 1);
	db_debug_kill_connection();
	ck_assert_int_eq(db_scalar(-1, "SELECT 1", ""), -1);
	ck_assert_int_eq(db_unavailable(), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT 1", ""), -1);
	ck_assert_int_eq(db_unavailable(), 1);

	setenv("BAZAAR_DB_SOCKET", sock, 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT 1", ""), 1);
	ck_assert_int_eq(db_unavailable(), 0);
}
END_TEST

START_TEST(test_kill_inside_transaction_fails)
{
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(db_exec("INSERT INTO check_db_scratch (s) VALUES (?)", "s", "lost"), 1);
	db_debug_kill_connection();
	ck_assert_int_eq(db_exec("INSERT INTO check_db_scratch (s) VALUES (?)", "s", "lost"), -1);
	ck_assert_int_eq(db_exec("INSERT INTO check_db_scratch (s) VALUES (?)", "s", "lost"), -1);
	ck_assert_int_eq(db_commit(), -1);
	ck_assert(!db_in_transaction());
	/* Outside the transaction, work goes on; nothing of it was kept. */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM check_db_scratch WHERE s = 'lost'", ""), 0);
}
END_TEST

START_TEST(test_many_statements)
{
	/* More distinct statements than the cache holds: old ones are evicted. */
	char sql[128];
	for (long long i = 0; i < 300; i++) {
		snprintf(sql, sizeof sql, "SELECT ? + %lld", i);
		ck_assert_int_eq(db_scalar(-1, sql, "i", (long long)1), i + 1);
	}
	for (long long i = 299; i >= 0; i -= 7) {
		snprintf(sql, sizeof sql, "SELECT ? + %lld", i);
		ck_assert_int_eq(db_scalar(-1, sql, "i", (long long)2), i + 2);
	}
}
END_TEST

/* A write whose answer never came (read timeout) is not run a second time:
 * it may have been applied. A read in the same position is retried. */
START_TEST(test_timed_out_write_not_repeated)
{
	db_close();
	setenv("BAZAAR_DB_TIMEOUT", "1", 1);
	ck_assert_int_eq(db_connect(), 0);
	ck_assert_int_eq(db_exec("INSERT INTO check_db_scratch (s) SELECT 'slow' FROM DUAL WHERE SLEEP(2) = 0", ""), -1);
	unsetenv("BAZAAR_DB_TIMEOUT");
	db_close();
	ck_assert_int_eq(db_connect(), 0);
	sleep(3);	/* the server finishes the abandoned statement */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM check_db_scratch WHERE s = ?", "s", "slow"), 1);
}
END_TEST

static Suite *check_db_suite(void)
{
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("mariadb");
	tcase_add_unchecked_fixture(tc, suite_setup, suite_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_binds_each_type);
	tcase_add_test(tc, test_nulls);
	tcase_add_test(tc, test_utf8);
	tcase_add_test(tc, test_large_values_and_many_rows);
	tcase_add_test(tc, test_empty_result);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_commit_rollback);
	tcase_add_test(tc, test_tx_commit_and_own_failure);
	tcase_add_test(tc, test_tx_retry_after_lost_connection);
	tcase_add_test(tc, test_tx_retry_after_deadlock);
	tcase_add_test(tc, test_recover_after_kill);
	tcase_add_test(tc, test_unavailable_until_back);
	tcase_add_test(tc, test_kill_inside_transaction_fails);
	tcase_add_test(tc, test_many_statements);
	tcase_add_test(tc, test_timed_out_write_not_repeated);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_db_suite)
