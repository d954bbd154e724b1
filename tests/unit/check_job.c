/*
 * Tests for job: the backoff, and against the test stack's MariaDB: two
 * processes claiming from one queue never get the same job, a failed attempt
 * records its error and waits longer each time until the last one, a
 * schedule queues one job per period however many runners look, a claim left
 * by a dead runner is taken back, --once, and SIGTERM finishing the job in
 * flight, and a queue with nothing due costing one read and no transaction.
 * Jobs and schedules are named check_job.* and deleted at the end.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check_util.h"
#include "db.h"
#include "job.h"
#include "log.h"

static const char clean_jobs_sql[] = "DELETE FROM jobs WHERE kind LIKE 'check\\_job.%'";
static const char clean_schedules_sql[] = "DELETE FROM job_schedules WHERE name LIKE 'check\\_job.%'";

static void
clean(void)
{
	db_exec(clean_jobs_sql, "");
	db_exec(clean_schedules_sql, "");
}

static void
live_setup(void)
{
	log_init("check_job");
	log_set_level(LOG_ERROR);
	CHECK_DB_CONNECT("check_job");
	clean();
}

static void
live_teardown(void)
{
	if (db_connect() == 0)
		clean();
	db_close();
}

/* Sleeps the whole time, whatever signals arrive. */
static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static long long
count(const char *sql, const char *kind)
{
	return db_scalar(-1, sql, "s", kind);
}

/* ---- backoff ------------------------------------------------------------------------ */

START_TEST(test_backoff)
{
	struct job_retry r = { 8, 30, 3600 }, zero = { 0, 0, 0 };
	long long d;

	for (int i = 0; i < 50; i++) {
		d = job_backoff(&r, 1);
		ck_assert(d >= 30 && d <= 36);
		d = job_backoff(&r, 2);
		ck_assert(d >= 60 && d <= 72);
		d = job_backoff(&r, 4);
		ck_assert(d >= 240 && d <= 288);
		d = job_backoff(&r, 20);
		ck_assert(d >= 3600 && d <= 4320);
		d = job_backoff(&zero, 1);	/* the defaults: 30 s first */
		ck_assert(d >= 30 && d <= 36);
	}
}
END_TEST

START_TEST(test_enqueue_refuses_bad_input)
{
	char long_kind[80], long_payload[2100];

	memset(long_kind, 'k', sizeof long_kind - 1);
	long_kind[sizeof long_kind - 1] = '\0';
	memset(long_payload, 'p', sizeof long_payload - 1);
	long_payload[sizeof long_payload - 1] = '\0';
	ck_assert_int_eq(job_enqueue("", "x", 0), -1);
	ck_assert_int_eq(job_enqueue(NULL, "x", 0), -1);
	ck_assert_int_eq(job_enqueue(long_kind, "x", 0), -1);
	ck_assert_int_eq(job_enqueue("check_job.bad", long_payload, 0), -1);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM jobs WHERE kind = ?", "check_job.bad"), 0);
	ck_assert_int_gt(job_enqueue("check_job.bad", NULL, 0), 0);
}
END_TEST

/* ---- two workers claiming at once ------------------------------------------------------ */

#define RACE_JOBS 40
static int race_fd = -1;

static void
race_run(const struct job *job, struct job_result *res)
{
	char line[32];
	int n = snprintf(line, sizeof line, "%lld\n", job->id);

	if (write(race_fd, line, (size_t)n) != n)
		job_fail(res, "pipe");
	else
		res->ok = 1;
	sleep_ms(2);	/* lets the other worker in between */
}

static const struct job_kind race_kind = { "check_job.race", race_run, JOB_RETRY_DEFAULT };

START_TEST(test_two_workers_never_share_a_job)
{
	static char seen[RACE_JOBS];
	long long ids[RACE_JOBS];
	int fds[2][2];
	pid_t pid[2];
	char buf[4096];

	for (int i = 0; i < RACE_JOBS; i++) {
		ids[i] = job_enqueue("check_job.race", "", 0);
		ck_assert_int_gt(ids[i], 0);
	}
	db_close();	/* each worker opens its own connection */
	for (int w = 0; w < 2; w++) {
		ck_assert_int_eq(pipe(fds[w]), 0);
		pid[w] = fork();
		ck_assert_int_ge(pid[w], 0);
		if (pid[w] == 0) {
			close(fds[w][0]);
			race_fd = fds[w][1];
			_exit(job_run_due(&race_kind, 1000) >= 0 ? 0 : 1);
		}
		close(fds[w][1]);
	}
	memset(seen, 0, sizeof seen);
	int total = 0;
	for (int w = 0; w < 2; w++) {
		FILE *f = fdopen(fds[w][0], "r");
		int status;

		ck_assert_ptr_nonnull(f);
		while (fgets(buf, sizeof buf, f)) {
			long long id = atoll(buf);
			int got = 0;

			while (got < RACE_JOBS && ids[got] != id)
				got++;
			ck_assert_msg(got < RACE_JOBS, "an unknown job %s", buf);
			ck_assert_msg(!seen[got], "job %lld was handled twice", id);
			seen[got] = 1;
			total++;
		}
		fclose(f);
		ck_assert_int_eq(waitpid(pid[w], &status, 0), pid[w]);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	ck_assert_int_eq(total, RACE_JOBS);
	ck_assert_int_eq(db_connect(), 0);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM jobs WHERE kind = ? AND status = 'done' AND attempts = 1",
			       "check_job.race"), RACE_JOBS);
}
END_TEST

/* ---- retries --------------------------------------------------------------------------- */

static int flaky_failures;	/* attempts that fail before one succeeds */

static void
flaky_run(const struct job *job, struct job_result *res)
{
	if (job->attempts < flaky_failures) {
		job_fail(res, "boom %lld payload=%s", job->attempts, job->payload);
		res->permanent = strcmp(job->payload, "hopeless") == 0;
	} else {
		res->ok = 1;
	}
}

static const struct job_kind flaky_kind = { "check_job.flaky", flaky_run, { 3, 30, 3600 } };

static struct db_result *
job_row(long long id)
{
	struct db_result *r = db_query("SELECT status, attempts, last_error,"
				       " TIMESTAMPDIFF(SECOND, NOW(), next_attempt_at), finished_at IS NOT NULL"
				       " FROM jobs WHERE id = ?", "i", id);

	ck_assert_ptr_nonnull(r);
	ck_assert(db_next(r));
	return r;
}

static void
make_due(long long id)
{
	ck_assert_int_eq(db_exec("UPDATE jobs SET next_attempt_at = NOW() - INTERVAL 1 SECOND WHERE id = ?",
				 "i", id), 1);
}

START_TEST(test_retry_backoff_and_last_error)
{
	long long id = job_enqueue("check_job.flaky", "x", 0);
	struct db_result *r;

	flaky_failures = 10;
	ck_assert_int_eq(job_run_due(&flaky_kind, 100), 1);
	r = job_row(id);
	ck_assert_str_eq(db_str(r, 0), "queued");
	ck_assert_int_eq(db_int(r, 1), 1);
	ck_assert_str_eq(db_str(r, 2), "boom 0 payload=x");
	ck_assert_msg(db_int(r, 3) >= 25 && db_int(r, 3) <= 40, "first retry after about 30 s, not %lld",
		      db_int(r, 3));
	ck_assert_int_eq(db_int(r, 4), 0);
	db_free(r);

	/* Not due yet: left alone. */
	ck_assert_int_eq(job_run_due(&flaky_kind, 100), 0);

	make_due(id);
	ck_assert_int_eq(job_run_due(&flaky_kind, 100), 1);
	r = job_row(id);
	ck_assert_str_eq(db_str(r, 0), "queued");
	ck_assert_int_eq(db_int(r, 1), 2);
	ck_assert_str_eq(db_str(r, 2), "boom 1 payload=x");
	ck_assert_msg(db_int(r, 3) >= 55 && db_int(r, 3) <= 75, "second retry after about 60 s, not %lld",
		      db_int(r, 3));
	db_free(r);

	/* The third failure is the last allowed. */
	make_due(id);
	ck_assert_int_eq(job_run_due(&flaky_kind, 100), 1);
	r = job_row(id);
	ck_assert_str_eq(db_str(r, 0), "failed");
	ck_assert_int_eq(db_int(r, 1), 3);
	ck_assert_str_eq(db_str(r, 2), "boom 2 payload=x");
	ck_assert_int_eq(db_int(r, 4), 1);
	db_free(r);
	make_due(id);
	ck_assert_int_eq(job_run_due(&flaky_kind, 100), 0);
}
END_TEST

START_TEST(test_retry_then_success_and_permanent)
{
	long long id = job_enqueue("check_job.flaky", "y", 0);
	long long hopeless = job_enqueue("check_job.flaky", "hopeless", 0);
	struct db_result *r;

	flaky_failures = 1;
	ck_assert_int_eq(job_run_due(&flaky_kind, 100), 2);
	r = job_row(hopeless);
	ck_assert_str_eq(db_str(r, 0), "failed");	/* permanent: no retry */
	ck_assert_int_eq(db_int(r, 1), 1);
	db_free(r);
	make_due(id);
	ck_assert_int_eq(job_run_due(&flaky_kind, 100), 1);
	r = job_row(id);
	ck_assert_str_eq(db_str(r, 0), "done");
	ck_assert_int_eq(db_int(r, 1), 2);
	ck_assert_str_eq(db_str(r, 2), "");	/* the last error goes with success */
	ck_assert_int_eq(db_int(r, 4), 1);
	db_free(r);
}
END_TEST

/* ---- schedules --------------------------------------------------------------------------- */

static long long sched_period_value = 3600;

static long long
sched_period(void)
{
	return sched_period_value;
}

static const struct job_schedule sched = { "check_job.sched", sched_period };
static const char queued_sql[] = "SELECT COUNT(*) FROM jobs WHERE kind = ? AND status = 'queued'";

static void
sched_run(const struct job *job, struct job_result *res)
{
	(void)job;
	res->ok = 1;
}

static const struct job_kind sched_kind = { "check_job.sched", sched_run, JOB_RETRY_DEFAULT };

/* Statements of a kind this connection has run so far. */
static long long
session_count(const char *name)
{
	return db_scalar(-1, "SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = ?",
			 "s", name);
}

START_TEST(test_idle_queue_opens_no_transaction)
{
	long long begins = session_count("COM_BEGIN"), sets = session_count("COM_SET_OPTION");

	ck_assert_int_ge(begins, 0);
	ck_assert_int_eq(job_run_due(&flaky_kind, 100), 0);
	ck_assert_int_eq(session_count("COM_BEGIN"), begins);
	ck_assert_int_eq(session_count("COM_SET_OPTION"), sets);

	/* Queued but not due yet: still only the look. */
	ck_assert_int_gt(job_enqueue("check_job.flaky", "later", 3600), 0);
	ck_assert_int_eq(job_run_due(&flaky_kind, 100), 0);
	ck_assert_int_eq(session_count("COM_BEGIN"), begins);

	/* Due: claimed in a transaction as before. */
	flaky_failures = 0;
	ck_assert_int_gt(job_enqueue("check_job.flaky", "now", 0), 0);
	ck_assert_int_eq(job_run_due(&flaky_kind, 100), 1);
	ck_assert_int_gt(session_count("COM_BEGIN"), begins);
}
END_TEST

START_TEST(test_schedule_fires_once_per_period)
{
	sched_period_value = 3600;
	ck_assert_int_eq(job_schedule_fire(&sched), 1);	/* new: due at once */
	ck_assert_int_eq(count(queued_sql, "check_job.sched"), 1);
	ck_assert_int_eq(job_schedule_fire(&sched), 0);	/* not again in this period */
	ck_assert_int_eq(job_schedule_fire(&sched), 0);
	ck_assert_int_eq(count(queued_sql, "check_job.sched"), 1);
	ck_assert_int_eq(count("SELECT TIMESTAMPDIFF(SECOND, NOW(), next_run_at) BETWEEN 3590 AND 3600"
			       " FROM job_schedules WHERE name = ?", "check_job.sched"), 1);

	/* The next period while the first run still waits: no second run. */
	ck_assert_int_eq(db_exec("UPDATE job_schedules SET next_run_at = NOW() WHERE name = ?", "s",
				 "check_job.sched"), 1);
	ck_assert_int_eq(job_schedule_fire(&sched), 1);
	ck_assert_int_eq(count(queued_sql, "check_job.sched"), 1);
	ck_assert_int_eq(job_run_due(&sched_kind, 100), 1);

	/* A shorter period takes effect at once. */
	sched_period_value = 60;
	ck_assert_int_eq(job_schedule_fire(&sched), 1);
	ck_assert_int_eq(count(queued_sql, "check_job.sched"), 1);
	ck_assert_int_eq(job_schedule_fire(&sched), 0);
}
END_TEST

START_TEST(test_schedule_two_runners_one_fire)
{
	int go[2], status, fired = 0;
	pid_t pid[4];

	sched_period_value = 3600;
	ck_assert_int_eq(db_exec("INSERT INTO job_schedules (name, next_run_at) VALUES (?, NOW())", "s",
				 "check_job.sched"), 1);
	db_close();
	ck_assert_int_eq(pipe(go), 0);
	for (int w = 0; w < 4; w++) {
		pid[w] = fork();
		ck_assert_int_ge(pid[w], 0);
		if (pid[w] == 0) {
			char c;

			close(go[1]);
			if (db_connect() != 0 || read(go[0], &c, 1) != 0)	/* all start together */
				_exit(3);
			_exit(job_schedule_fire(&sched) == 1 ? 1 : 0);
		}
	}
	close(go[0]);
	close(go[1]);		/* EOF: go */
	for (int w = 0; w < 4; w++) {
		ck_assert_int_eq(waitpid(pid[w], &status, 0), pid[w]);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) <= 1);
		fired += WEXITSTATUS(status);
	}
	ck_assert_int_eq(fired, 1);
	ck_assert_int_eq(db_connect(), 0);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM jobs WHERE kind = ?", "check_job.sched"), 1);
}
END_TEST

/* ---- the runner: --once, a dead runner's claim, SIGTERM -------------------------------------------- */

static int once_runs;
static int once_fail;

static void
once_run(const struct job *job, struct job_result *res)
{
	once_runs++;
	if (once_fail && strcmp(job->payload, "") == 0)
		job_fail(res, "the scheduled run failed");
	else
		res->ok = 1;
}

static long long
once_interval(void)
{
	return 20;
}

static const struct job_kind once_kinds[] = {
	{ "check_job.once", once_run, JOB_RETRY_DEFAULT },
};
static const struct job_schedule once_schedules[] = {
	{ "check_job.once", sched_period },
};
static const struct job_runner once_runner = {
	.name = "check_job", .usage = "check_job [--once]",
	.kinds = once_kinds, .nkinds = 1,
	.schedules = once_schedules, .nschedules = 1,
	.interval_ms = once_interval,
};

START_TEST(test_once)
{
	char *once[] = { "check_job", "--once", NULL }, *bad[] = { "check_job", "--twice", NULL };
	long long queued = job_enqueue("check_job.once", "queued before", 0);
	long long later = job_enqueue("check_job.once", "not due", 3600);
	/* A claim whose runner died a while ago, and one still running. */
	ck_assert_int_eq(db_exec("INSERT INTO jobs (kind, payload, status, next_attempt_at) VALUES"
				 " ('check_job.once', 'dead', 'running', NOW() - INTERVAL 1 SECOND),"
				 " ('check_job.once', 'busy', 'running', NOW() + INTERVAL 5 MINUTE)", ""), 2);

	once_runs = 0;
	once_fail = 0;
	sched_period_value = 3600;
	ck_assert_int_eq(job_runner_main(&once_runner, 2, once), 0);
	/* The scheduled run, the queued job, the dead runner's job. */
	ck_assert_int_eq(once_runs, 3);
	ck_assert_int_eq(db_connect(), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM jobs WHERE id = ? AND status = 'done'", "i", queued), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM jobs WHERE id = ? AND status = 'queued'", "i", later), 1);
	ck_assert_int_eq(count("SELECT attempts FROM jobs WHERE kind = ? AND payload = 'dead' AND status = 'done'",
			       "check_job.once"), 2);	/* the interrupted attempt counts */
	ck_assert_int_eq(count("SELECT COUNT(*) FROM jobs WHERE kind = ? AND payload = 'busy' AND status = 'running'",
			       "check_job.once"), 1);
	/* --once runs the schedule's job even when its period has not come. */
	ck_assert_int_eq(count("SELECT COUNT(*) FROM jobs WHERE kind = ? AND payload = '' AND status = 'done'",
			       "check_job.once"), 1);

	once_runs = 0;
	once_fail = 1;
	ck_assert_int_eq(job_runner_main(&once_runner, 2, once), 1);
	ck_assert_int_eq(once_runs, 1);
	ck_assert_int_eq(db_connect(), 0);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM jobs WHERE kind = ? AND payload = '' AND status = 'queued'"
			       " AND last_error = 'the scheduled run failed'", "check_job.once"), 1);

	ck_assert_int_eq(job_runner_main(&once_runner, 2, bad), 2);
}
END_TEST

static int slow_fd = -1;

static void
slow_run(const struct job *job, struct job_result *res)
{
	(void)job;
	if (write(slow_fd, "s", 1) != 1)
		job_fail(res, "pipe");
	sleep_ms(300);	/* SIGTERM arrives now */
	res->ok = 1;
}

static const struct job_kind slow_kinds[] = {
	{ "check_job.slow", slow_run, JOB_RETRY_DEFAULT },
};
static const struct job_runner slow_runner = {
	.name = "check_job", .usage = "check_job [--once]",
	.kinds = slow_kinds, .nkinds = 1,
	.interval_ms = once_interval,
};

START_TEST(test_sigterm_finishes_the_job_in_flight)
{
	char *argv[] = { "check_job", NULL };
	long long first = job_enqueue("check_job.slow", "", 0);
	long long second = job_enqueue("check_job.slow", "", 0);
	int fds[2], status;
	pid_t pid;
	char c;

	ck_assert_int_gt(first, 0);
	ck_assert_int_gt(second, first);
	db_close();
	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(fds[0]);
		slow_fd = fds[1];
		_exit(job_runner_main(&slow_runner, 1, argv));
	}
	close(fds[1]);
	ck_assert_int_eq(read(fds[0], &c, 1), 1);	/* the first job has started */
	ck_assert_int_eq(kill(pid, SIGTERM), 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the runner exited with %d", status);
	ck_assert_int_eq(read(fds[0], &c, 1), 0);	/* and no other started */
	close(fds[0]);
	ck_assert_int_eq(db_connect(), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM jobs WHERE id = ? AND status = 'done'", "i", first), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM jobs WHERE id = ? AND status = 'queued'", "i", second), 1);
}
END_TEST

static Suite *
check_job_suite(void)
{
	Suite *s = suite_create("job");
	TCase *pure = tcase_create("backoff");
	TCase *live = tcase_create("live");

	tcase_add_test(pure, test_backoff);
	suite_add_tcase(s, pure);

	tcase_add_checked_fixture(live, live_setup, live_teardown);
	tcase_set_timeout(live, 60);
	tcase_add_test(live, test_enqueue_refuses_bad_input);
	tcase_add_test(live, test_two_workers_never_share_a_job);
	tcase_add_test(live, test_retry_backoff_and_last_error);
	tcase_add_test(live, test_retry_then_success_and_permanent);
	tcase_add_test(live, test_idle_queue_opens_no_transaction);
	tcase_add_test(live, test_schedule_fires_once_per_period);
	tcase_add_test(live, test_schedule_two_runners_one_fire);
	tcase_add_test(live, test_once);
	tcase_add_test(live, test_sigterm_finishes_the_job_in_flight);
	suite_add_tcase(s, live);
	return s;
}

CHECK_MAIN(check_job_suite)
