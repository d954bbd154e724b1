/*
 * bazaar-cleanup: deletes what has stopped meaning anything, so the account
 * tables stay small and hold no more personal data than they need:
 *   - sessions past their absolute expiry or idle for longer than
 *     BAZAAR_SESSION_IDLE (they can no longer log anybody in);
 *   - one-time tokens used or expired more than a day ago (kept that long
 *     so that a late click still gets "this link was already used");
 *   - failed-login records older than twice BAZAAR_LOGIN_WINDOW (they no
 *     longer count towards a lock).
 * Runs every BAZAAR_CLEANUP_INTERVAL seconds (default 3600) until SIGTERM or
 * SIGINT; `--once` runs one pass and exits (cron). Deletes in batches of
 * 1,000 rows so it never holds long locks. Exit status: 0, 1 when the
 * database cannot be reached, 2 on bad arguments.
 */
#include "auth.h"
#include "cfg.h"
#include "db.h"
#include "log.h"
#include "sess.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define CLEANUP_BATCH 1000

static volatile sig_atomic_t cleanup_stop;

static void
cleanup_on_signal(int sig)
{
	(void)sig;
	cleanup_stop = 1;
}

/* Runs one batched DELETE until it deletes nothing; returns rows or -1. */
static long long
cleanup_rows(const char *what, const char *sql, long long seconds)
{
	long long n, total = 0;

	do {
		n = db_exec(sql, "ii", seconds, (long long)CLEANUP_BATCH);
		if (n < 0) {
			log_error("cleanup.failed", "what=%s msg=%s", what, log_quote(db_error()));
			return -1;
		}
		total += n;
	} while (n == CLEANUP_BATCH && !cleanup_stop);
	if (total > 0)
		log_info("cleanup.deleted", "what=%s rows=%lld", what, total);
	return total;
}

static int
cleanup_pass(void)
{
	long long idle = sess_idle_seconds();
	long long window = auth_login_window();
	int rc = 0;

	if (cleanup_rows("sessions",
			 "DELETE FROM sessions WHERE expires_at < UTC_TIMESTAMP()"
			 " OR last_seen_at < UTC_TIMESTAMP() - INTERVAL ? SECOND LIMIT ?", idle) < 0)
		rc = -1;
	if (cleanup_rows("user_tokens",
			 "DELETE FROM user_tokens WHERE COALESCE(used_at, expires_at)"
			 " < UTC_TIMESTAMP() - INTERVAL ? SECOND LIMIT ?", 86400) < 0)
		rc = -1;
	if (cleanup_rows("login_failures",
			 "DELETE FROM login_failures WHERE at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND LIMIT ?",
			 2 * window) < 0)
		rc = -1;
	return rc;
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	int once = argc == 2 && strcmp(argv[1], "--once") == 0;

	if (argc > 2 || (argc == 2 && !once)) {
		fprintf(stderr, "usage: bazaar-cleanup [--once]\n");
		return 2;
	}
	log_init("cleanup");
	if (cfg_load() != 0)
		return 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = cleanup_on_signal;	/* no SA_RESTART: the sleep ends */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (db_connect() != 0 && once) {
		fprintf(stderr, "bazaar-cleanup: no database: %s\n", db_error());
		return 1;
	}
	if (once)
		return cleanup_pass() == 0 ? 0 : 1;
	log_info("cleanup.start", "interval_s=%lld", cfg_int("BAZAAR_CLEANUP_INTERVAL", 3600));
	while (!cleanup_stop) {
		long long interval = cfg_int("BAZAAR_CLEANUP_INTERVAL", 3600);
		struct timespec ts;

		cleanup_pass();	/* a failure is logged; the next pass tries again */
		if (interval < 1 || interval > 86400)
			interval = 3600;
		ts.tv_sec = (time_t)interval;
		ts.tv_nsec = 0;
		if (!cleanup_stop)
			nanosleep(&ts, NULL);
	}
	log_info("cleanup.stop", "msg=%s", log_quote("stopped by a signal"));
	db_close();
	return 0;
}
