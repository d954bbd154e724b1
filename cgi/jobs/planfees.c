/*
 * bazaar-planfees: charges each verified vendor the monthly fee of its
 * plan, once per calendar month (UTC), as a plan_fee entry of the vendor
 * ledger with the reference "plan:YYYY-MM" of the month it is for.
 *
 * The month is the one clock_now() is in, and the fee is the one of the
 * plan the vendor is on when the pass runs (vendors.plan_id); a plan
 * without a fee, and a shop that is not verified (pending, rejected,
 * blocked), is not charged. The unique (vendor, kind, reference) of the
 * ledger makes the charge happen once per vendor and month however often,
 * or however many copies of, the pass run: a second pass finds the entries
 * there and writes nothing. A fee may take a balance below zero: it is owed
 * whatever the balance.
 *
 * A job runner (cgi/lib/job.h) with one schedule, "plan_fees", every
 * BAZAAR_PLANFEES_INTERVAL seconds (default 3600), so the first pass of a
 * month comes within the hour. `--once` runs one pass now and exits. Reads
 * the vendors 500 at a time; a stop (SIGTERM, SIGINT) ends the pass after
 * the current vendor, and the next pass carries on. Exit status: 0, 1 when
 * the database cannot be reached or the pass failed, 2 on bad arguments.
 */
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "job.h"
#include "ledger.h"
#include "log.h"

#include <stdio.h>

#define PLANFEES_BATCH 500

static const char planfees_vendors_sql[] =
	"SELECT v.id, p.monthly_fee_minor, p.name FROM vendors v JOIN plans p ON p.id = v.plan_id"
	" WHERE v.status = 'verified' AND p.monthly_fee_minor > 0 AND v.id > ? ORDER BY v.id LIMIT ?";

static void
planfees_pass(const struct job *job, struct job_result *res)
{
	char month[8], reference[16], note[LEDGER_NOTE_MAX];
	long long after = 0, written = 0, present = 0, failed = 0, id;
	struct db_result *r;
	size_t rows;

	(void)job;
	clock_month(clock_now(), month, sizeof month);
	snprintf(reference, sizeof reference, "plan:%s", month);
	do {
		if ((r = db_query(planfees_vendors_sql, "ii", after, (long long)PLANFEES_BATCH)) == NULL) {
			job_fail(res, "vendors: %s", db_error());
			return;
		}
		rows = db_rows(r);
		while (db_next(r) == 1 && !job_stopping()) {
			after = db_int(r, 0);
			snprintf(note, sizeof note, "Monthly fee of the plan '%.64s' for %s", db_str(r, 2), month);
			id = ledger_append(after, "plan_fee", -db_int(r, 1), reference, note, 0);
			if (id > 0)
				written++;
			else if (id == LEDGER_EXISTS)
				present++;
			else
				failed++;
		}
		db_free(r);
	} while (rows == PLANFEES_BATCH && !job_stopping());
	job_detail(res, "month=%s charged=%lld already=%lld failed=%lld", month, written, present, failed);
	if (written > 0 || failed > 0)
		log_info("planfees.pass", "month=%s charged=%lld already=%lld failed=%lld", month, written,
			 present, failed);
	if (failed > 0)
		job_fail(res, "%lld vendors of %s could not be charged: %s", failed, month, db_error());
	else
		res->ok = 1;
}

static long long
planfees_period(void)
{
	return cfg_int_in("BAZAAR_PLANFEES_INTERVAL", 3600, 1, 86400);
}

/* How often the schedule is looked at: often enough for short periods. */
static long long
planfees_interval_ms(void)
{
	long long period = planfees_period();

	return period < 60 ? period * 1000 : 60000;
}

static const struct job_kind planfees_kinds[] = {
	{ "plan_fees", planfees_pass, { 5, 60, 3600 } },
};

static const struct job_schedule planfees_schedules[] = {
	{ "plan_fees", planfees_period },
};

static const struct job_runner planfees_runner = {
	.name = "planfees",
	.usage = "bazaar-planfees [--once]",
	.kinds = planfees_kinds, .nkinds = 1,
	.schedules = planfees_schedules, .nschedules = 1,
	.interval_ms = planfees_interval_ms,
};

int
main(int argc, char **argv)
{
	log_init("planfees");
	return job_runner_main(&planfees_runner, argc, argv);
}
