/*
 * bazaar-cleanup: deletes what has stopped meaning anything, so the tables
 * stay small and hold no more personal data than they need:
 *   - sessions past their absolute expiry or idle for longer than
 *     BAZAAR_SESSION_IDLE (they can no longer log anybody in);
 *   - one-time tokens used or expired more than a day ago (kept that long
 *     so that a late click still gets "this link was already used");
 *   - failed-login records older than twice BAZAAR_LOGIN_WINDOW (they no
 *     longer count towards a lock);
 *   - finished background jobs older than a week, and events older than
 *     BAZAAR_EVENTS_KEEP_DAYS (30);
 *   - clickstream rows older than BAZAAR_CLICKSTREAM_KEEP_DAYS (400: a
 *     year of promotion reports; "viewed together" reads 30 days): one
 *     row a page view, the table would otherwise grow without end;
 *   - pictures no product, logo or banner uses any more, unused for
 *     BAZAAR_MEDIA_GRACE seconds (600), with their files (media_purge), on
 *     a schedule of its own, "media.purge", every BAZAAR_MEDIA_PURGE_INTERVAL
 *     seconds (300).
 * A job runner (cgi/lib/job.h) with one schedule, "cleanup", every
 * BAZAAR_CLEANUP_INTERVAL seconds (default 3600): with several copies
 * running, one pass per period. `--once` runs one pass now and exits (cron).
 * Deletes in batches of 1,000 rows so it never holds long locks; a stop
 * (SIGTERM, SIGINT) ends the pass after the current batch. Exit status: 0,
 * 1 when the database cannot be reached or the pass failed, 2 on bad
 * arguments.
 */
#include "auth.h"
#include "cfg.h"
#include "db.h"
#include "events.h"
#include "job.h"
#include "log.h"
#include "media.h"
#include "sess.h"

#define CLEANUP_BATCH 1000
#define CLEANUP_JOBS_KEEP_DAYS 7

/* Runs one batched DELETE until it deletes nothing; returns rows or -1. */
static long long
cleanup_rows(const char *what, const char *sql, long long seconds, struct job_result *res)
{
	long long n, total = 0;

	do {
		n = db_exec(sql, "ii", seconds, (long long)CLEANUP_BATCH);
		if (n < 0) {
			log_error("cleanup.failed", "what=%s msg=%s", what, log_quote(db_error()));
			job_fail(res, "%s: %s", what, db_error());
			return -1;
		}
		total += n;
	} while (n == CLEANUP_BATCH && !job_stopping());
	if (total > 0)
		log_info("cleanup.deleted", "what=%s rows=%lld", what, total);
	return total;
}

static void
cleanup_pass(const struct job *job, struct job_result *res)
{
	long long idle = sess_idle_seconds();
	long long window = auth_login_window();
	long long keep = cfg_int_in("BAZAAR_EVENTS_KEEP_DAYS", 30, 1, LLONG_MAX);
	long long clicks = cfg_int_in("BAZAAR_CLICKSTREAM_KEEP_DAYS", 400, 1, 36500);

	(void)job;
	res->ok = 1;
	/* Each step runs even when an earlier one failed; the error names the last. */
	cleanup_rows("sessions",
		     "DELETE FROM sessions WHERE expires_at < UTC_TIMESTAMP()"
		     " OR last_seen_at < UTC_TIMESTAMP() - INTERVAL ? SECOND LIMIT ?", idle, res);
	cleanup_rows("user_tokens",
		     "DELETE FROM user_tokens WHERE COALESCE(used_at, expires_at)"
		     " < UTC_TIMESTAMP() - INTERVAL ? SECOND LIMIT ?", 86400, res);
	cleanup_rows("login_failures",
		     "DELETE FROM login_failures WHERE at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND LIMIT ?",
		     2 * window, res);
	cleanup_rows("jobs",
		     "DELETE FROM jobs WHERE status IN ('done', 'failed')"
		     " AND finished_at < UTC_TIMESTAMP() - INTERVAL ? SECOND LIMIT ?",
		     (long long)CLEANUP_JOBS_KEEP_DAYS * 86400, res);
	cleanup_rows("clickstream",
		     "DELETE FROM clickstream WHERE at < UTC_TIMESTAMP(3) - INTERVAL ? SECOND ORDER BY at LIMIT ?",
		     clicks * 86400, res);
	if (events_purge(keep) < 0)
		job_fail(res, "events: %s", db_error());
}

/* Unused pictures, in batches, until none is left or a stop is asked. */
static void
cleanup_media(const struct job *job, struct job_result *res)
{
	long long n, grace = media_grace_seconds();

	(void)job;
	res->ok = 1;
	do {
		n = media_purge(grace, CLEANUP_BATCH);
		if (n < 0) {
			job_fail(res, "media: %s", db_error());
			return;
		}
	} while (n == CLEANUP_BATCH && !job_stopping());
}

static long long
cleanup_media_period(void)
{
	return cfg_int_in("BAZAAR_MEDIA_PURGE_INTERVAL", 300, 1, 86400);
}

static long long
cleanup_period(void)
{
	return cfg_int_in("BAZAAR_CLEANUP_INTERVAL", 3600, 1, 86400);
}

/* How often the schedule is looked at: often enough for short periods. */
static long long
cleanup_interval_ms(void)
{
	long long period = cleanup_period();

	if (cleanup_media_period() < period)
		period = cleanup_media_period();
	return period < 60 ? period * 1000 : 60000;
}

static const struct job_kind cleanup_kinds[] = {
	{ "cleanup", cleanup_pass, { 3, 60, 600 } },
	{ "media.purge", cleanup_media, { 3, 60, 600 } },
};

static const struct job_schedule cleanup_schedules[] = {
	{ "cleanup", cleanup_period },
	{ "media.purge", cleanup_media_period },
};

static const struct job_runner cleanup_runner = {
	.name = "cleanup",
	.usage = "bazaar-cleanup [--once]",
	.kinds = cleanup_kinds, .nkinds = 2,
	.schedules = cleanup_schedules, .nschedules = 2,
	.interval_ms = cleanup_interval_ms,
};

int
main(int argc, char **argv)
{
	log_init("cleanup");
	return job_runner_main(&cleanup_runner, argc, argv);
}
