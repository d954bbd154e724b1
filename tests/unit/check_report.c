/*
 * Tests for cgi/lib/report.c against the test stack's MariaDB: a report is
 * recorded once per person and object, unknown kinds and empty reasons are
 * refused, a decision closes every open report of its object once (a second
 * decision finds nothing open) and is audited; a hide needs a reason. What a
 * decision does to a review is tested in check_review.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_util.h"
#include "db.h"
#include "report.h"

static long long users[2];

static void
live_setup(void)
{
	char email[96];

	CHECK_DB_CONNECT("check_report");
	for (int i = 0; i < 2; i++) {
		snprintf(email, sizeof email, "check-report-%ld-%ld-%d@example.com", (long)getpid(), (long)time(NULL), i);
		ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role) VALUES (?, 'Rita Reporter', 'customer')",
					 "s", email), 1);
		users[i] = (long long)db_insert_id();
	}
}

static void
live_teardown(void)
{
	db_close();
}

START_TEST(test_kinds)
{
	ck_assert(report_kind_known(REPORT_REVIEW));
	ck_assert(report_kind_known(REPORT_MESSAGE));
	ck_assert(!report_kind_known("product"));
	ck_assert(!report_kind_known(NULL));
}
END_TEST

START_TEST(test_add_and_decide)
{
	/* A message id nobody uses: a kind whose decision is only recorded. */
	long long object = 900000000000LL + getpid(), audits;

	ck_assert_int_eq(report_add("product", object, users[0], "Spam"), -1);
	ck_assert_int_eq(report_add(REPORT_MESSAGE, object, users[0], ""), -1);
	ck_assert_int_eq(report_add(REPORT_MESSAGE, object, users[0], "Rude"), 1);
	ck_assert_int_eq(report_add(REPORT_MESSAGE, object, users[0], "Rude again"), 0);
	ck_assert_int_eq(report_add(REPORT_MESSAGE, object, users[1], "Insulting"), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM content_reports WHERE kind = 'message' AND object_id = ?"
				   " AND status = 'open'", "i", object), 2);
	ck_assert_int_eq(report_decide(NULL, REPORT_MESSAGE, object, 1, ""), -1);
	audits = db_scalar(-1, "SELECT COUNT(*) FROM audit_log WHERE action = 'report.keep' AND object_id = ?", "i",
			   object);
	ck_assert_int_eq(report_decide(NULL, REPORT_MESSAGE, object, 0, NULL), 0);
	ck_assert_int_eq(report_decide(NULL, REPORT_MESSAGE, object, 1, "Late"), REPORT_NOT_FOUND);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM content_reports WHERE kind = 'message' AND object_id = ?"
				   " AND status = 'kept'", "i", object), 2);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM audit_log WHERE action = 'report.keep' AND object_id = ?",
				   "i", object), audits + 1);
}
END_TEST

static Suite *
report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *pure = tcase_create("pure");
	TCase *live = tcase_create("live");

	tcase_add_test(pure, test_kinds);
	suite_add_tcase(s, pure);
	tcase_add_checked_fixture(live, live_setup, live_teardown);
	tcase_add_test(live, test_add_and_decide);
	suite_add_tcase(s, live);
	return s;
}

CHECK_MAIN(report_suite)
