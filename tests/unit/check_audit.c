/*
 * Tests for cgi/lib/audit.c against the test stack's database, as the
 * application's own database user: every kind of actor is written with its
 * action, object and address; the entry belongs to the caller's transaction;
 * and the log is append-only (the triggers refuse UPDATE and DELETE, so the
 * tests leave their rows behind, under actions of their own: "check_audit.*").
 */
#include "check_util.h"
#include "audit.h"
#include "db.h"
#include "req.h"
#include "sess.h"

#include <stdio.h>
#include <string.h>

/* Actor ids far above any real user's, so no page ever shows these rows as someone's. */
#define CA_ACTOR 9000000000000LL

#define NEED_DB "BAZAAR_DB_SOCKET is not set: check_audit needs the test stack's MariaDB " \
	"(run it through `make test`)"

static void
setup(void)
{
	const char *s = getenv("BAZAAR_DB_SOCKET");

	ck_assert_msg(s && *s, NEED_DB);
	ck_assert_msg(db_connect() == 0, "cannot connect to MariaDB: %u %s", db_errno(), db_error());
}

static void
teardown(void)
{
	db_close();
}

/* The newest entry for action, in columns: actor_id (NULL as -1), actor_role,
 * object_type, object_id (NULL as -1), ip, detail. */
struct check_audit_row {
	long long actor_id, object_id;
	char role[17], type[33], ip[46], detail[2048];
	long long detail_chars;
	int found;
};

static struct check_audit_row
check_audit_last(const char *action)
{
	struct check_audit_row row;
	struct db_result *r;

	memset(&row, 0, sizeof row);
	r = db_query("SELECT IFNULL(actor_id, -1), actor_role, object_type, IFNULL(object_id, -1), ip,"
		     " detail, CHAR_LENGTH(detail) FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1",
		     "s", action);
	ck_assert_ptr_nonnull(r);
	if (db_next(r) == 1) {
		row.found = 1;
		row.actor_id = db_int(r, 0);
		snprintf(row.role, sizeof row.role, "%s", db_str(r, 1));
		snprintf(row.type, sizeof row.type, "%s", db_str(r, 2));
		row.object_id = db_int(r, 3);
		snprintf(row.ip, sizeof row.ip, "%s", db_str(r, 4));
		snprintf(row.detail, sizeof row.detail, "%s", db_str(r, 5));
		row.detail_chars = db_int(r, 6);
	}
	db_free(r);
	return row;
}

static long long
check_audit_count(const char *action)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM audit_log WHERE action = ?", "s", action);
}

START_TEST(test_logged_in_visitor)
{
	struct sess sess;
	struct req rq;
	struct check_audit_row row;

	memset(&sess, 0, sizeof sess);
	memset(&rq, 0, sizeof rq);
	sess.user_id = CA_ACTOR + 4242;
	snprintf(sess.role, sizeof sess.role, "admin");
	rq.sess = &sess;
	rq.ip = "192.0.2.7";
	ck_assert_int_eq(audit_log(&rq, "check_audit.session", "vendor", 17, "checks: 3"), 0);
	row = check_audit_last("check_audit.session");
	ck_assert(row.found);
	ck_assert_int_eq(row.actor_id, CA_ACTOR + 4242);
	ck_assert_str_eq(row.role, "admin");
	ck_assert_str_eq(row.type, "vendor");
	ck_assert_int_eq(row.object_id, 17);
	ck_assert_str_eq(row.ip, "192.0.2.7");
	ck_assert_str_eq(row.detail, "checks: 3");
}
END_TEST

START_TEST(test_anonymous_visitor_and_system)
{
	struct req rq;
	struct check_audit_row row;

	memset(&rq, 0, sizeof rq);
	rq.ip = "2001:db8::1";
	ck_assert_int_eq(audit_log(&rq, "check_audit.visitor", "user", 5, NULL), 0);
	row = check_audit_last("check_audit.visitor");
	ck_assert(row.found);
	ck_assert_int_eq(row.actor_id, -1); /* no one: NULL, not 0 */
	ck_assert_str_eq(row.role, "visitor");
	ck_assert_str_eq(row.ip, "2001:db8::1");
	ck_assert_str_eq(row.detail, "");

	ck_assert_int_eq(audit_log(NULL, "check_audit.system", NULL, 0, "nightly"), 0);
	row = check_audit_last("check_audit.system");
	ck_assert(row.found);
	ck_assert_int_eq(row.actor_id, -1);
	ck_assert_str_eq(row.role, "system");
	ck_assert_str_eq(row.type, "");
	ck_assert_int_eq(row.object_id, -1); /* object 0: none, NULL */
	ck_assert_str_eq(row.ip, "");
	ck_assert_str_eq(row.detail, "nightly");
}
END_TEST

START_TEST(test_command_and_explicit_address)
{
	struct check_audit_row row;

	ck_assert_int_eq(audit_log_as(CA_ACTOR + 7, "admin", "check_audit.command", "product", 99, "price 1999"), 0);
	row = check_audit_last("check_audit.command");
	ck_assert(row.found);
	ck_assert_int_eq(row.actor_id, CA_ACTOR + 7);
	ck_assert_str_eq(row.role, "admin");
	ck_assert_str_eq(row.type, "product");
	ck_assert_int_eq(row.object_id, 99);
	ck_assert_str_eq(row.ip, "");

	ck_assert_int_eq(audit_log_as(0, "", "check_audit.nobody", "", 0, ""), 0);
	row = check_audit_last("check_audit.nobody");
	ck_assert(row.found);
	ck_assert_int_eq(row.actor_id, -1);

	ck_assert_int_eq(audit_log_ip(CA_ACTOR + 8, "vendor", "198.51.100.4", "check_audit.ip", "vendor", 8, ""), 0);
	row = check_audit_last("check_audit.ip");
	ck_assert(row.found);
	ck_assert_int_eq(row.actor_id, CA_ACTOR + 8);
	ck_assert_str_eq(row.ip, "198.51.100.4");
}
END_TEST

START_TEST(test_detail_cut_not_refused)
{
	static char detail[3001];
	struct check_audit_row row;

	memset(detail, 'x', sizeof detail - 1);
	ck_assert_int_eq(audit_log_as(CA_ACTOR + 1, "admin", "check_audit.long", "user", 1, detail), 0);
	row = check_audit_last("check_audit.long");
	ck_assert(row.found);
	ck_assert_int_eq(row.detail_chars, 2000);
}
END_TEST

START_TEST(test_part_of_the_callers_transaction)
{
	long long before = check_audit_count("check_audit.tx");

	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(audit_log_as(CA_ACTOR + 1, "admin", "check_audit.tx", "user", 1, "rolled back"), 0);
	ck_assert_int_eq(db_rollback(), 0);
	ck_assert_int_eq(check_audit_count("check_audit.tx"), before);

	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(audit_log_as(CA_ACTOR + 1, "admin", "check_audit.tx", "user", 1, "committed"), 0);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_eq(check_audit_count("check_audit.tx"), before + 1);
}
END_TEST

START_TEST(test_append_only)
{
	long long id, n;

	ck_assert_int_eq(audit_log_as(CA_ACTOR + 1, "admin", "check_audit.keep", "user", 1, "original"), 0);
	id = db_scalar(-1, "SELECT MAX(id) FROM audit_log WHERE action = ?", "s", "check_audit.keep");
	ck_assert_int_gt(id, 0);
	n = check_audit_count("check_audit.keep");

	ck_assert_int_eq(db_exec("UPDATE audit_log SET detail = ? WHERE id = ?", "si", "forged", id), -1);
	ck_assert_int_eq(db_exec("DELETE FROM audit_log WHERE id = ?", "i", id), -1);
	ck_assert_int_eq(db_exec("DELETE FROM audit_log WHERE action = ?", "s", "check_audit.keep"), -1);
	ck_assert_str_eq(check_audit_last("check_audit.keep").detail, "original");
	ck_assert_int_eq(check_audit_count("check_audit.keep"), n);
}
END_TEST

START_TEST(test_failure_is_reported)
{
	/* An action longer than the column is refused by the strict database,
	 * and the caller hears of it instead of believing it was recorded. */
	char action[80];

	memset(action, 'a', sizeof action - 1);
	action[sizeof action - 1] = '\0';
	ck_assert_int_eq(audit_log_as(CA_ACTOR + 1, "admin", action, "user", 1, ""), -1);
	ck_assert_int_eq(check_audit_count(action), 0);
}
END_TEST

static Suite *
check_audit_suite(void)
{
	Suite *s = suite_create("audit");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_logged_in_visitor);
	tcase_add_test(tc, test_anonymous_visitor_and_system);
	tcase_add_test(tc, test_command_and_explicit_address);
	tcase_add_test(tc, test_detail_cut_not_refused);
	tcase_add_test(tc, test_part_of_the_callers_transaction);
	tcase_add_test(tc, test_append_only);
	tcase_add_test(tc, test_failure_is_reported);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_audit_suite)
