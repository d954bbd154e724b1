/*
 * Tests for events against the test stack's MariaDB: an event exists only
 * when its transaction commits; the catalogue's writes emit product.changed
 * with the change; consumers each handle every event once: two consumers, a
 * second run, two copies at once, a handler failing mid-batch (a crash
 * before the commit), an event that commits after a later one was handled,
 * the position moving past old events, an idle consumer costing one read, the
 * purge; consumers run by a job program's loop.
 * Events are of type check.events (the handlers record what they handled as
 * check.seen events); consumers are named check_events.*; all are deleted at
 * the end. The catalogue test changes one demo product's price and puts it back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_util.h"
#include "catalog.h"
#include "db.h"
#include "events.h"
#include "job.h"
#include "log.h"

#define TYPE "check.events"

static void
clean(void)
{
	db_exec("DELETE FROM events WHERE type IN ('check.events', 'check.seen')", "");
	db_exec("DELETE FROM event_handled WHERE consumer LIKE 'check\\_events.%'", "");
	db_exec("DELETE FROM event_consumers WHERE consumer LIKE 'check\\_events.%'", "");
}

static void
live_setup(void)
{
	log_init("check_events");
	log_set_level(LOG_ERROR);
	CHECK_DB_CONNECT("check_events");
	clean();
}

static void
live_teardown(void)
{
	if (db_connect() == 0)
		clean();
	db_close();
}

/* Emits n events of TYPE in one transaction; their ids are in ev[]. */
#define EMIT_MAX 300
static long long emitted[EMIT_MAX];

static void
emit(int n)
{
	ck_assert_int_le(n, EMIT_MAX);
	ck_assert_int_eq(db_begin(), 0);
	for (int i = 0; i < n; i++) {
		emitted[i] = events_emit(TYPE, 1000 + i, "");
		ck_assert_int_gt(emitted[i], 0);
	}
	ck_assert_int_eq(db_commit(), 0);
}

/* The handler's work, in the batch's transaction: a check.seen event whose
 * subject is the event handled and whose payload names the consumer. */
static int fail_at;	/* the event id at which the handler fails, or 0 */

static int
record(const struct event *ev, void *arg)
{
	if (events_emit("check.seen", ev->id, (const char *)arg) < 0)
		return -1;
	return ev->id == fail_at ? -1 : 0;
}

static const struct events_consumer consumer_a = { "check_events.a", TYPE, record, "check_events.a", NULL };
static const struct events_consumer consumer_b = { "check_events.b", TYPE, record, "check_events.b", NULL };

/* How many times the consumer handled event id. */
static long long
seen(const char *consumer, long long id)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM events WHERE type = 'check.seen' AND subject_id = ?"
			 " AND payload = ?", "is", id, consumer);
}

static long long
seen_total(const char *consumer)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM events WHERE type = 'check.seen' AND payload = ?", "s",
			 consumer);
}

/* ---- writing ----------------------------------------------------------------------------- */

START_TEST(test_emit_only_in_a_transaction)
{
	long long id;
	char long_type[80];

	ck_assert_int_eq(events_emit(TYPE, 1, ""), -1);	/* outside a transaction */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM events WHERE type = ?", "s", TYPE), 0);

	ck_assert_int_eq(db_begin(), 0);
	id = events_emit(TYPE, 7, "{\"price\": 1}");
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(db_rollback(), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM events WHERE id = ?", "i", id), 0);

	ck_assert_int_eq(db_begin(), 0);
	id = events_emit(TYPE, 7, "{\"price\": 1}");
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT subject_id FROM events WHERE id = ? AND payload = '{\"price\": 1}'",
				   "i", id), 7);

	memset(long_type, 't', sizeof long_type - 1);
	long_type[sizeof long_type - 1] = '\0';
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(events_emit("", 1, ""), -1);
	ck_assert_int_eq(events_emit(long_type, 1, ""), -1);
	ck_assert_int_eq(events_emit(TYPE, -1, ""), -1);
	ck_assert_int_eq(db_rollback(), 0);
}
END_TEST

START_TEST(test_catalog_writes_emit_product_changed)
{
	struct db_result *r = db_query("SELECT id, price_minor, stock FROM products ORDER BY id LIMIT 1", "");
	long long product, price, stock, before;
	const char *count_sql = "SELECT COUNT(*) FROM events WHERE type = 'product.changed' AND subject_id = ? AND id > ?";

	ck_assert_ptr_nonnull(r);
	ck_assert_msg(db_next(r), "the test stack has no products");
	product = db_int(r, 0);
	price = db_int(r, 1);
	stock = db_int(r, 2);
	db_free(r);
	before = db_scalar(0, "SELECT COALESCE(MAX(id), 0) FROM events", "");

	ck_assert_int_ge(catalog_set_price(product, price + 1), 0);
	ck_assert_int_eq(db_scalar(-1, count_sql, "ii", product, before), 1);
	ck_assert_int_ge(catalog_set_price(product, price + 1), 0);	/* no change, no event */
	ck_assert_int_eq(db_scalar(-1, count_sql, "ii", product, before), 1);
	ck_assert_int_ge(catalog_set_stock(product, stock + 1), 0);
	ck_assert_int_eq(db_scalar(-1, count_sql, "ii", product, before), 2);
	ck_assert_int_eq(catalog_set_price(product, -5), -1);		/* refused: nothing */
	ck_assert_int_eq(db_scalar(-1, count_sql, "ii", product, before), 2);
	ck_assert_int_ge(catalog_set_price(product, price), 0);
	ck_assert_int_ge(catalog_set_stock(product, stock), 0);
	ck_assert_int_eq(db_scalar(-1, count_sql, "ii", product, before), 4);

	/* Inside the vendor's transaction, one per product of the vendor. */
	long long vendor = db_scalar(-1, "SELECT vendor_id FROM products WHERE id = ?", "i", product);
	long long products = db_scalar(-1, "SELECT COUNT(*) FROM products WHERE vendor_id = ?", "i", vendor);

	ck_assert_int_eq(catalog_vendor_events(vendor), -1);		/* outside a transaction */
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(catalog_vendor_events(vendor), products);
	ck_assert_int_eq(db_rollback(), 0);
	ck_assert_int_eq(db_scalar(-1, count_sql, "ii", product, before), 4);
	db_exec("DELETE FROM events WHERE type = 'product.changed' AND subject_id = ? AND id > ?", "ii",
		product, before);
}
END_TEST

/* ---- consuming --------------------------------------------------------------------------- */

START_TEST(test_two_consumers_each_once)
{
	emit(3);
	ck_assert_int_eq(events_consume(&consumer_a, 100), 3);
	ck_assert_int_eq(events_consume(&consumer_a, 100), 0);		/* a second run */
	ck_assert_int_eq(events_consume(&consumer_b, 2), 2);		/* batches */
	ck_assert_int_eq(events_consume(&consumer_b, 2), 1);
	ck_assert_int_eq(events_consume(&consumer_b, 2), 0);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(seen("check_events.a", emitted[i]), 1);
		ck_assert_int_eq(seen("check_events.b", emitted[i]), 1);
	}
	emit(1);
	ck_assert_int_eq(events_consume(&consumer_a, 100), 1);
	ck_assert_int_eq(events_consume(&consumer_b, 100), 1);
	ck_assert_int_eq(seen_total("check_events.a"), 4);
	ck_assert_int_eq(seen_total("check_events.b"), 4);
}
END_TEST

START_TEST(test_failure_before_commit_handles_again_once)
{
	emit(3);

	/* The handler did its work for the first two events, then the third
	 * fails: as a crash before the commit, nothing of the batch stays. */
	fail_at = emitted[2];
	ck_assert_int_eq(events_consume(&consumer_a, 100), -1);
	ck_assert_int_eq(seen_total("check_events.a"), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM event_handled WHERE consumer = 'check_events.a'", ""), 0);
	fail_at = 0;
	ck_assert_int_eq(events_consume(&consumer_a, 100), 3);
	ck_assert_int_eq(events_consume(&consumer_a, 100), 0);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(seen("check_events.a", emitted[i]), 1);
}
END_TEST

START_TEST(test_late_commit_is_not_skipped)
{
	long long first;

	emit(2);
	first = emitted[0];
	/* The first event's transaction has not committed yet: invisible. */
	ck_assert_int_eq(db_exec("DELETE FROM events WHERE id = ?", "i", first), 1);
	ck_assert_int_eq(events_consume(&consumer_a, 100), 1);
	ck_assert_int_eq(seen("check_events.a", emitted[1]), 1);
	/* Now it commits, with its smaller id. */
	ck_assert_int_eq(db_exec("INSERT INTO events (id, type, subject_id) VALUES (?, ?, 1)", "is", first, TYPE), 1);
	ck_assert_int_eq(events_consume(&consumer_a, 100), 1);
	ck_assert_int_eq(seen("check_events.a", first), 1);
	ck_assert_int_eq(events_consume(&consumer_a, 100), 0);
}
END_TEST

START_TEST(test_position_moves_past_old_events)
{
	long long first, last;
	const char *position = "SELECT position FROM event_consumers WHERE consumer = 'check_events.a'";
	const char *handled = "SELECT COUNT(*) FROM event_handled WHERE consumer = 'check_events.a'";

	emit(3);
	first = emitted[0];
	last = emitted[2];

	ck_assert_int_eq(events_consume(&consumer_a, 100), 3);
	/* Recent events: their ids are kept, the position waits. */
	ck_assert_int_lt(db_scalar(-1, position, ""), first);
	ck_assert_int_eq(db_scalar(-1, handled, ""), 3);
	/* Older than the horizon: the position moves past them, the ids go. */
	ck_assert_int_eq(db_exec("UPDATE events SET created_at = NOW(6) - INTERVAL 1 HOUR WHERE type = ?", "s",
				 TYPE), 3);
	ck_assert_int_eq(events_consume(&consumer_a, 100), 0);
	ck_assert_int_eq(db_scalar(-1, position, ""), last);
	ck_assert_int_eq(db_scalar(-1, handled, ""), 0);
	ck_assert_int_eq(events_consume(&consumer_a, 100), 0);
	ck_assert_int_eq(seen_total("check_events.a"), 3);

	/* An old event not handled yet holds the position back. */
	emit(2);
	ck_assert_int_eq(db_exec("UPDATE events SET created_at = NOW(6) - INTERVAL 1 HOUR WHERE type = ?", "s",
				 TYPE), 5);
	fail_at = emitted[1];
	ck_assert_int_eq(events_consume(&consumer_a, 100), -1);
	fail_at = 0;
	ck_assert_int_eq(db_scalar(-1, position, ""), last);
	ck_assert_int_eq(events_consume(&consumer_a, 100), 2);
	ck_assert_int_eq(db_scalar(-1, position, ""), emitted[1]);
	ck_assert_int_eq(seen_total("check_events.a"), 5);
}
END_TEST

/* Statements of a kind this connection has run so far. */
static long long
session_count(const char *name)
{
	return db_scalar(-1, "SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = ?",
			 "s", name);
}

START_TEST(test_idle_consumer_opens_no_transaction)
{
	long long begins, inserts;

	emit(1);
	ck_assert_int_eq(events_consume(&consumer_a, 100), 1);
	/* Past the horizon: the position moves past the event. */
	ck_assert_int_eq(db_exec("UPDATE events SET created_at = NOW(6) - INTERVAL 1 HOUR WHERE type = ?", "s",
				 TYPE), 1);
	ck_assert_int_eq(events_consume(&consumer_a, 100), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT position FROM event_consumers WHERE consumer = 'check_events.a'", ""),
			 emitted[0]);

	/* Nothing new: one read, no transaction, no write. */
	begins = session_count("COM_BEGIN");
	inserts = session_count("COM_INSERT");
	ck_assert_int_ge(begins, 0);
	ck_assert_int_eq(events_consume(&consumer_a, 100), 0);
	ck_assert_int_eq(session_count("COM_BEGIN"), begins);
	ck_assert_int_eq(session_count("COM_INSERT"), inserts);

	/* A new event is handled at the next look. */
	emit(1);
	ck_assert_int_eq(events_consume(&consumer_a, 100), 1);
	ck_assert_int_eq(seen("check_events.a", emitted[0]), 1);
}
END_TEST

START_TEST(test_two_copies_at_once)
{
	enum { N = 60 };
	pid_t pid[2];
	int status;

	emit(N);
	db_close();
	for (int w = 0; w < 2; w++) {
		pid[w] = fork();
		ck_assert_int_ge(pid[w], 0);
		if (pid[w] == 0) {
			long n;

			/* Small batches, so that the copies meet. */
			while ((n = events_consume(&consumer_a, 3)) > 0)
				;
			_exit(n < 0 ? 1 : 0);
		}
	}
	for (int w = 0; w < 2; w++) {
		ck_assert_int_eq(waitpid(pid[w], &status, 0), pid[w]);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	ck_assert_int_eq(db_connect(), 0);
	/* A copy that found the other busy stopped early: finish here. */
	while (events_consume(&consumer_a, 100) > 0)
		;
	ck_assert_int_eq(seen_total("check_events.a"), N);
	for (int i = 0; i < N; i++)
		ck_assert_int_eq(seen("check_events.a", emitted[i]), 1);
}
END_TEST

START_TEST(test_purge)
{
	emit(2);
	ck_assert_int_eq(events_consume(&consumer_a, 100), 2);
	ck_assert_int_eq(db_exec("UPDATE events SET created_at = NOW(6) - INTERVAL 40 DAY WHERE id = ?", "i", emitted[0]), 1);
	ck_assert_int_ge(events_purge(30), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM events WHERE id = ?", "i", emitted[0]), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM events WHERE id = ?", "i", emitted[1]), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM event_handled WHERE event_id = ?", "i", emitted[0]), 0);
}
END_TEST

/* A job program reads events by listing its consumer in its runner. */
static const struct events_consumer *const runner_consumers[] = { &consumer_a, &consumer_b };
static const struct job_runner consumer_runner = {
	.name = "check_events", .usage = "check_events [--once]",
	.consumers = runner_consumers, .nconsumers = 2,
};

START_TEST(test_consumers_on_the_job_runner)
{
	char *once[] = { "check_events", "--once", NULL };
	emit(250);	/* more than one batch */

	ck_assert_int_eq(job_runner_main(&consumer_runner, 2, once), 0);
	ck_assert_int_eq(db_connect(), 0);
	ck_assert_int_eq(seen_total("check_events.a"), 250);
	ck_assert_int_eq(seen_total("check_events.b"), 250);
	ck_assert_int_eq(job_runner_main(&consumer_runner, 2, once), 0);	/* again: nothing new */
	ck_assert_int_eq(db_connect(), 0);
	ck_assert_int_eq(seen_total("check_events.a"), 250);
}
END_TEST

static Suite *
check_events_suite(void)
{
	Suite *s = suite_create("events");
	TCase *live = tcase_create("live");

	tcase_add_checked_fixture(live, live_setup, live_teardown);
	tcase_set_timeout(live, 60);
	tcase_add_test(live, test_emit_only_in_a_transaction);
	tcase_add_test(live, test_catalog_writes_emit_product_changed);
	tcase_add_test(live, test_two_consumers_each_once);
	tcase_add_test(live, test_failure_before_commit_handles_again_once);
	tcase_add_test(live, test_late_commit_is_not_skipped);
	tcase_add_test(live, test_position_moves_past_old_events);
	tcase_add_test(live, test_idle_consumer_opens_no_transaction);
	tcase_add_test(live, test_two_copies_at_once);
	tcase_add_test(live, test_purge);
	tcase_add_test(live, test_consumers_on_the_job_runner);
	suite_add_tcase(s, live);
	return s;
}

CHECK_MAIN(check_events_suite)
