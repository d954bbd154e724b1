/*
 * bazaar-accesslog: loads nginx's clickstream log (storefront page views,
 * Sponsored impressions and clicks; log_format bazaar_click in
 * nginx/nginx.conf.in) into the clickstream table, which the vendor's
 * promotion reports count and later analytics will read.
 *
 * A job runner (cgi/lib/job.h) with one schedule, "accesslog", every
 * BAZAAR_ACCESSLOG_INTERVAL seconds (default 30, at most 60): each run loads
 * every whole line written since the last one (cgi/lib/clickstream.h), the
 * position kept in the transaction of the rows, so a line is loaded once even
 * when two copies run at once or one dies half way. The log is
 * BAZAAR_CLICKSTREAM_LOG (default BAZAAR_VAR/clickstream/clickstream.log); after a
 * rotation (the log renamed to <log>.1 and nginx sent USR1) the old file is
 * read to its end first. `--once` loads what is there now and exits (cron).
 * Exit status: 0, 1 when the database cannot be reached or a run failed,
 * 2 on bad arguments.
 */
#include <stdio.h>
#include <string.h>

#include "cfg.h"
#include "clickstream.h"
#include "db.h"
#include "job.h"
#include "log.h"

static char accesslog_path[4096];

static long long
accesslog_period(void)
{
	return cfg_int_in("BAZAAR_ACCESSLOG_INTERVAL", 30, 1, 60);
}

/* How often the schedule is looked at: often enough for short periods. */
static long long
accesslog_interval_ms(void)
{
	return accesslog_period() < 10 ? 1000 : 5000;
}

static int
accesslog_settings_ok(void)
{
	const char *log = cfg_str("BAZAAR_CLICKSTREAM_LOG", NULL);
	const char *var = cfg_str("BAZAAR_VAR", NULL);

	if (log != NULL && *log != '\0')
		snprintf(accesslog_path, sizeof accesslog_path, "%s", log);
	else if (var != NULL && *var != '\0')
		snprintf(accesslog_path, sizeof accesslog_path, "%s/clickstream/clickstream.log", var);
	else {
		log_error("accesslog.settings", "msg=%s",
			  log_quote("set BAZAAR_CLICKSTREAM_LOG (or BAZAAR_VAR) to find the clickstream log"));
		return 0;
	}
	return 1;
}

static const char *
accesslog_describe(void)
{
	static char d[4200];

	snprintf(d, sizeof d, "log=%s period=%lld", log_quote(accesslog_path), accesslog_period());
	return d;
}

static void
accesslog_run(const struct job *job, struct job_result *res)
{
	struct clickstream_source src = { .name = "clickstream", .path = accesslog_path };
	struct clickstream_stats st;

	(void)job;
	if (clickstream_load(&src, &st) != 0) {
		job_fail(res, "loading %s: %s", accesslog_path, db_error());
		return;
	}
	res->ok = 1;
	job_detail(res, "rows=%lld skipped=%lld batches=%lld busy=%d", st.rows, st.skipped, st.batches, st.busy);
	if (st.rows > 0 || st.skipped > 0)
		log_info("accesslog.loaded", "rows=%lld skipped=%lld batches=%lld", st.rows, st.skipped, st.batches);
}

static const struct job_kind accesslog_kinds[] = {
	{ "accesslog", accesslog_run, { 3, 10, 60 } },
};

static const struct job_schedule accesslog_schedules[] = {
	{ "accesslog", accesslog_period },
};

static const struct job_runner accesslog_runner = {
	.name = "accesslog",
	.usage = "bazaar-accesslog [--once]",
	.kinds = accesslog_kinds, .nkinds = 1,
	.schedules = accesslog_schedules, .nschedules = 1,
	.interval_ms = accesslog_interval_ms,
	.settings_ok = accesslog_settings_ok,
	.describe = accesslog_describe,
};

int
main(int argc, char **argv)
{
	log_init("accesslog");
	return job_runner_main(&accesslog_runner, argc, argv);
}
