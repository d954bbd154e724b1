/*
 * job: queues with claim, retries and backoff; schedules; the runner's loop.
 * See job.h for the rules.
 */
#include "job.h"

#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "cfg.h"
#include "db.h"
#include "events.h"
#include "log.h"

#define JOB_KIND_MAX		64
#define JOB_PAYLOAD_MAX		2000
#define JOB_CLAIM_SECONDS	600	/* a running job older than this is retried */
#define JOB_SWEEP_SECONDS	60	/* how often dead runners' claims are looked for */
#define JOB_ONCE_MAX		10000	/* rows one queue handles in one pass */
#define JOB_EVENTS_BATCH	100

/* ---- the jobs table as a queue ---------------------------------------------------- */

static const char job_due_sql[] =
	"SELECT EXISTS (SELECT 1 FROM jobs WHERE kind = ? AND status = 'queued' AND next_attempt_at <= NOW())";
static const char job_claim_sql[] =
	"SELECT id, attempts FROM jobs WHERE kind = ? AND status = 'queued' AND next_attempt_at <= NOW()"
	" ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED";
static const char job_start_sql[] =
	"UPDATE jobs SET status = 'running', next_attempt_at = NOW() + INTERVAL ? SECOND WHERE id = ?";
static const char job_done_sql[] =
	"UPDATE jobs SET status = 'done', finished_at = NOW(), attempts = attempts + 1, last_error = ''"
	" WHERE id = ? AND status = 'running'";
/* Assignments run left to right: status must see attempts before the
 * increment, finished_at sees the new status. */
static const char job_failed_sql[] =
	"UPDATE jobs SET status = IF(attempts + 1 >= ?, 'failed', 'queued'),"
	" finished_at = IF(status = 'failed', NOW(), NULL),"
	" next_attempt_at = NOW() + INTERVAL ? SECOND, last_error = ?, attempts = attempts + 1"
	" WHERE id = ? AND status = 'running'";
static const char job_recover_sql[] =
	"UPDATE jobs SET status = IF(attempts + 1 >= ?, 'failed', 'queued'),"
	" last_error = 'interrupted: the runner stopped while working', attempts = attempts + 1"
	" WHERE kind = ? AND status = 'running' AND next_attempt_at <= NOW()";

static volatile sig_atomic_t job_stop_flag;
static volatile sig_atomic_t job_reload_flag;

int
job_stopping(void)
{
	return job_stop_flag != 0;
}

void
job_fail(struct job_result *res, const char *fmt, ...)
{
	va_list ap;

	res->ok = 0;
	va_start(ap, fmt);
	vsnprintf(res->error, sizeof res->error, fmt, ap);
	va_end(ap);
}

void
job_detail(struct job_result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(res->detail, sizeof res->detail, fmt, ap);
	va_end(ap);
}

static struct job_retry
job_retry_of(const struct job_retry *r)
{
	struct job_retry d = JOB_RETRY_DEFAULT;

	if (r) {
		if (r->max_attempts > 0)
			d.max_attempts = r->max_attempts;
		if (r->first > 0)
			d.first = r->first;
		if (r->max > 0)
			d.max = r->max;
	}
	return d;
}

long long
job_backoff(const struct job_retry *retry, long long attempts)
{
	struct job_retry r = job_retry_of(retry);
	long long delay = r.first;

	while (--attempts > 0 && delay < r.max)
		delay *= 2;
	if (delay > r.max)
		delay = r.max;
	return delay + (long long)randombytes_uniform((uint32_t)(delay / 5 + 1));
}

int
job_queue_claim(const struct job_queue *q, const char *key, long long *id, long long *attempts)
{
	struct db_result *r;
	long long due;
	int found = 0;

	/* Most ticks find nothing due: one plain read, no transaction. A row
	 * that becomes due just after it waits for the next tick. */
	due = q->due_key_sql ? db_scalar(-1, q->due_key_sql, "s", key) : db_scalar(-1, q->due_sql, "");
	if (due <= 0)
		return due < 0 ? -1 : 0;
	/* Read committed: the claim locks the row it takes and no gap, so the
	 * pages that insert into the queue never wait for a runner. */
	if (db_exec("SET TRANSACTION ISOLATION LEVEL READ COMMITTED", "") < 0 || db_begin() != 0)
		return -1;
	r = q->claim_key_sql ? db_query(q->claim_key_sql, "s", key) : db_query(q->claim_sql, "");
	if (r == NULL)
		goto fail;
	if (db_next(r)) {
		*id = db_int(r, 0);
		*attempts = db_int(r, 1);
		found = 1;
	}
	db_free(r);
	if (found && db_exec(q->start_sql, "ii", q->claim_seconds > 0 ? q->claim_seconds
				: (long long)JOB_CLAIM_SECONDS, *id) != 1)
		goto fail;
	if (db_commit() != 0)
		return -1;
	return found;
fail:
	db_rollback();
	return -1;
}

int
job_queue_finish(const struct job_queue *q, long long id, long long attempts,
		 const struct job_result *res)
{
	struct job_retry retry = job_retry_of(&q->retry);
	char event[96];
	long long n;

	if (res->ok) {
		n = db_exec(q->done_sql, "i", id);
		snprintf(event, sizeof event, "%s.%s", q->name, q->done_event);
		if (n >= 0)
			log_info(event, "id=%lld %s%sattempt=%lld", id, res->detail,
				 res->detail[0] ? " " : "", attempts + 1);
	} else {
		long long delay = job_backoff(&retry, attempts + 1);
		long long limit = res->permanent ? 0 : retry.max_attempts;
		int final = res->permanent || attempts + 1 >= retry.max_attempts;

		n = db_exec(q->failed_sql, "iisi", limit, delay, res->error, id);
		if (n >= 0 && final) {
			snprintf(event, sizeof event, "%s.failed", q->name);
			log_error(event, "id=%lld %s%sattempts=%lld error=%s", id, res->detail,
				  res->detail[0] ? " " : "", attempts + 1, log_quote(res->error));
		} else if (n >= 0) {
			snprintf(event, sizeof event, "%s.retry", q->name);
			log_warn(event, "id=%lld %s%sattempts=%lld retry_in=%llds error=%s", id,
				 res->detail, res->detail[0] ? " " : "", attempts + 1, delay,
				 log_quote(res->error));
		}
	}
	return n < 0 ? -1 : 0;
}

long
job_queue_run(const struct job_queue *q, const char *key, long max)
{
	long handled = 0;

	while (!job_stop_flag && handled < max) {
		struct job_result res;
		long long id = 0, attempts = 0;
		int got = job_queue_claim(q, key, &id, &attempts);

		if (got < 0)
			return -1;
		if (got == 0)
			break;
		memset(&res, 0, sizeof res);
		q->handle(id, attempts, q->arg, &res);
		handled++;
		if (job_queue_finish(q, id, attempts, &res) != 0)
			return -1;
	}
	return handled;
}

long long
job_queue_recover(const struct job_queue *q, const char *key)
{
	struct job_retry retry = job_retry_of(&q->retry);
	char event[96];
	long long n;

	n = q->recover_key_sql ? db_exec(q->recover_key_sql, "is", retry.max_attempts, key)
			       : db_exec(q->recover_sql, "i", retry.max_attempts);
	if (n > 0) {
		snprintf(event, sizeof event, "%s.recovered", q->name);
		log_warn(event, "rows=%lld msg=%s", n,
			 log_quote("claims that ran out were returned to the queue"));
	}
	return n;
}

/* ---- the jobs table ---------------------------------------------------------------- */

long long
job_enqueue(const char *kind, const char *payload, long long delay_seconds)
{
	if (kind == NULL || !*kind || strlen(kind) > JOB_KIND_MAX)
		return -1;
	if (payload == NULL)
		payload = "";
	if (strlen(payload) > JOB_PAYLOAD_MAX)
		return -1;
	if (delay_seconds < 0)
		delay_seconds = 0;
	if (db_exec("INSERT INTO jobs (kind, payload, next_attempt_at) VALUES (?, ?, NOW() + INTERVAL ? SECOND)",
		    "ssi", kind, payload, delay_seconds) != 1)
		return -1;
	return (long long)db_insert_id();
}

/* The handler of the jobs table: loads the row and runs the kind's code. */
static void
job_dispatch(long long id, long long attempts, void *arg, struct job_result *res)
{
	const struct job_kind *k = arg;
	struct db_result *r = db_query("SELECT payload FROM jobs WHERE id = ?", "i", id);
	struct job job = { id, k->kind, "", attempts };

	if (r == NULL || !db_next(r)) {
		job_fail(res, "the job's row could not be read: %s", r ? "gone" : db_error());
		db_free(r);
		return;
	}
	job.payload = db_str(r, 0);
	k->run(&job, res);
	if (res->detail[0]) {
		char detail[JOB_DETAIL_MAX];

		snprintf(detail, sizeof detail, "%s", res->detail);
		job_detail(res, "kind=%s %s", k->kind, detail);
	} else {
		job_detail(res, "kind=%s", k->kind);
	}
	db_free(r);
}

static struct job_queue
job_queue_of(const struct job_kind *k)
{
	struct job_queue q = {
		.name = "job", .done_event = "done",
		.due_key_sql = job_due_sql, .claim_key_sql = job_claim_sql, .start_sql = job_start_sql, .done_sql = job_done_sql,
		.failed_sql = job_failed_sql, .recover_key_sql = job_recover_sql,
		.claim_seconds = JOB_CLAIM_SECONDS,
		.retry = k->retry, .handle = job_dispatch, .arg = (void *)k,
	};
	return q;
}

long
job_run_due(const struct job_kind *kind, long max)
{
	struct job_queue q = job_queue_of(kind);

	return job_queue_run(&q, kind->kind, max);
}

int
job_run_now(const struct job_kind *kind, const char *payload)
{
	struct job_queue q = job_queue_of(kind);
	struct job_result res;
	long long id;

	/* Queued already claimed, so that no other runner can take it first. */
	if (db_exec("INSERT INTO jobs (kind, payload, status, next_attempt_at)"
		    " VALUES (?, ?, 'running', NOW() + INTERVAL ? SECOND)", "ssi", kind->kind,
		    payload ? payload : "", (long long)JOB_CLAIM_SECONDS) != 1)
		return -1;
	id = (long long)db_insert_id();
	memset(&res, 0, sizeof res);
	job_dispatch(id, 0, (void *)kind, &res);
	if (job_queue_finish(&q, id, 0, &res) != 0)
		return -1;
	return res.ok ? 0 : 1;
}

/* ---- schedules ------------------------------------------------------------------------ */

struct job_fire {
	const struct job_schedule *s;
	long long period;
	int fired;
};

static int
job_fire_tx(void *arg)
{
	struct job_fire *f = arg;
	struct db_result *r;
	int due;

	f->fired = 0;
	r = db_query("SELECT 1 FROM job_schedules WHERE name = ?"
		     " AND (next_run_at <= NOW() OR next_run_at > NOW() + INTERVAL ? SECOND)"
		     " FOR UPDATE SKIP LOCKED", "si", f->s->kind, f->period);
	if (r == NULL)
		return -1;
	due = db_next(r);
	db_free(r);
	if (!due)
		return 0;
	if (db_exec("UPDATE job_schedules SET next_run_at = NOW() + INTERVAL ? SECOND, last_run_at = NOW()"
		    " WHERE name = ?", "is", f->period, f->s->kind) != 1)
		return -1;
	/* One run at a time: a period whose run is still waiting adds none. */
	if (db_exec("INSERT INTO jobs (kind) SELECT ? FROM DUAL WHERE NOT EXISTS"
		    " (SELECT 1 FROM jobs WHERE kind = ? AND status IN ('queued', 'running'))",
		    "ss", f->s->kind, f->s->kind) < 0)
		return -1;
	f->fired = 1;
	return 0;
}

int
job_schedule_fire(const struct job_schedule *s)
{
	struct job_fire f = { s, s->period ? s->period() : 3600, 0 };

	long long due;

	if (f.period < 1)
		f.period = 1;
	/* Most looks find it not due: one plain read, no transaction. */
	due = db_scalar(-1, "SELECT next_run_at <= NOW() OR next_run_at > NOW() + INTERVAL ? SECOND"
			" FROM job_schedules WHERE name = ?", "is", f.period, s->kind);
	if (due == 0)
		return 0;
	/* The first look at a new schedule creates it, due at once. */
	if (due < 0 && db_exec("INSERT IGNORE INTO job_schedules (name, next_run_at) VALUES (?, NOW())", "s",
			       s->kind) < 0)
		return -1;
	if (db_tx(job_fire_tx, &f) != 0)
		return -1;
	return f.fired;
}

/* ---- the runner --------------------------------------------------------------------------- */

static void
job_on_signal(int sig)
{
	if (sig == SIGHUP)
		job_reload_flag = 1;
	else
		job_stop_flag = 1;
}

static void
job_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = job_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: the pause between ticks ends at once */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static double
job_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long long
job_interval(const struct job_runner *r)
{
	long long ms = r->interval_ms ? r->interval_ms() : 1000;

	return ms < 10 || ms > 600000 ? 1000 : ms;
}

/* Queues again, for every queue of the runner, what dead runners left. */
static int
job_runner_recover(const struct job_runner *r)
{
	for (size_t i = 0; i < r->nkinds; i++) {
		struct job_queue q = job_queue_of(&r->kinds[i]);

		if (job_queue_recover(&q, r->kinds[i].kind) < 0)
			return -1;
	}
	for (size_t i = 0; i < r->nqueues; i++)
		if (job_queue_recover(r->queues[i], NULL) < 0)
			return -1;
	return 0;
}

/* Jobs, queues and events that are due; -1 on a database error. */
static int
job_runner_work(const struct job_runner *r)
{
	for (size_t i = 0; i < r->nkinds && !job_stop_flag; i++)
		if (job_run_due(&r->kinds[i], JOB_ONCE_MAX) < 0)
			return -1;
	for (size_t i = 0; i < r->nqueues && !job_stop_flag; i++)
		if (job_queue_run(r->queues[i], NULL, JOB_ONCE_MAX) < 0)
			return -1;
	for (size_t i = 0; i < r->nconsumers && !job_stop_flag; i++) {
		long n, total = 0;

		/* A failing handler is logged by events_consume; the others go on. */
		while (!job_stop_flag && total < JOB_ONCE_MAX &&
		       (n = events_consume(r->consumers[i], JOB_EVENTS_BATCH)) > 0)
			total += n;
	}
	return 0;
}

/* One pass of the loop: what is due now; -1 when the database failed (the
 * loop then waits longer). */
static int
job_runner_tick(const struct job_runner *r)
{
	for (size_t i = 0; i < r->nschedules && !job_stop_flag; i++)
		if (job_schedule_fire(&r->schedules[i]) < 0)
			return -1;
	return job_runner_work(r);
}

static const struct job_kind *
job_kind_of(const struct job_runner *r, const char *kind)
{
	for (size_t i = 0; i < r->nkinds; i++)
		if (strcmp(r->kinds[i].kind, kind) == 0)
			return &r->kinds[i];
	return NULL;
}

/* --once: every schedule's job now, then the rest. */
static int
job_runner_once(const struct job_runner *r)
{
	int rc = 0;

	if (db_connect() != 0 || job_runner_recover(r) != 0)
		return 1;
	for (size_t i = 0; i < r->nschedules && !job_stop_flag; i++) {
		const struct job_kind *k = job_kind_of(r, r->schedules[i].kind);

		if (k == NULL || job_run_now(k, "") != 0)
			rc = 1;
	}
	if (job_runner_work(r) != 0)
		rc = 1;
	return rc;
}

static void
job_pause(long long ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };

	/* A signal ends the pause early; the loop then looks at the flags. */
	nanosleep(&ts, NULL);
}

static int
job_runner_loop(const struct job_runner *r)
{
	char event[96];
	double last_sweep = -1e9;
	long long failures = 0;

	snprintf(event, sizeof event, "%s.start", r->name);
	log_info(event, "%s%sinterval_ms=%lld", r->describe ? r->describe() : "",
		 r->describe ? " " : "", job_interval(r));
	/* A database that is not up yet is waited for in the loop. */
	db_connect();
	while (!job_stop_flag) {
		long long interval = job_interval(r);
		double now = job_now();
		int ok = 1;

		if (job_reload_flag) {
			job_reload_flag = 0;
			if (cfg_load() == 0 && (r->settings_ok == NULL || r->settings_ok())) {
				log_set_level(log_level_named(cfg_str("BAZAAR_LOG_LEVEL", "info")));
				snprintf(event, sizeof event, "%s.reload", r->name);
				log_info(event, "%s", r->describe ? r->describe() : "");
			}
		}
		if (now - last_sweep >= JOB_SWEEP_SECONDS) {
			ok = job_runner_recover(r) == 0;
			if (ok)
				last_sweep = now;
		}
		if (ok)
			ok = job_runner_tick(r) == 0;
		if (ok) {
			failures = 0;
		} else {
			/* The database is away: wait longer each time, up to 30 s. */
			if (failures < 5)
				failures++;
			interval <<= failures;
			if (interval > 30000)
				interval = 30000;
		}
		if (!job_stop_flag)
			job_pause(interval);
	}
	snprintf(event, sizeof event, "%s.stop", r->name);
	log_info(event, "msg=%s", log_quote("stopped by a signal"));
	return 0;
}

int
job_runner_main(const struct job_runner *r, int argc, char **argv)
{
	int once = 0, rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--once") == 0) {
			once = 1;
		} else {
			fprintf(stderr, "usage: %s\n", r->usage);
			return 2;
		}
	}
	if (cfg_load() != 0)
		return 1;
	log_set_level(log_level_named(cfg_str("BAZAAR_LOG_LEVEL", "info")));
	if (sodium_init() < 0) {
		log_error("job.sodium", "msg=%s", log_quote("libsodium failed to initialise"));
		return 1;
	}
	if (r->settings_ok && !r->settings_ok())
		return 1;
	if (r->init && r->init() != 0)
		return 1;
	job_stop_flag = job_reload_flag = 0;
	job_signals();
	rc = once ? job_runner_once(r) : job_runner_loop(r);
	db_close();
	if (r->fini)
		r->fini();
	return rc;
}
