/*
 * bazaar-payouts: the payouts the admins schedule (payout.h). When the
 * schedule is weekly or monthly, each pass requests the period's payout of
 * every verified vendor whose available balance reaches the schedule's
 * minimum: one payout per vendor and period ("week:2026-W50",
 * "month:2026-12") however often, or however many copies of, the pass run.
 * The first pass of a week (Monday, UTC) or a month makes them; the admins
 * then send them from the payout queue.
 *
 * A job runner (cgi/lib/job.h) with one schedule, "payouts", every
 * BAZAAR_PAYOUTS_INTERVAL seconds (default 3600). `--once` runs one pass now
 * and exits. A stop (SIGTERM, SIGINT) ends the pass after the current
 * vendor. Exit status: 0, 1 when the database cannot be reached or the pass
 * failed, 2 on bad arguments.
 */
#include "cfg.h"
#include "job.h"
#include "log.h"
#include "payout.h"

static void
payouts_pass(const struct job *job, struct job_result *res)
{
	struct payout_pass p;

	(void)job;
	if (payout_schedule_pass(&p, job_stopping) != 0) {
		job_fail(res, "the schedule's pass could not read the vendors");
		return;
	}
	job_detail(res, "period=%s created=%lld already=%lld nothing=%lld failed=%lld",
		   p.period[0] ? p.period : "off", p.created, p.existed, p.nothing, p.failed);
	if (p.created > 0 || p.failed > 0)
		log_info("payouts.pass", "period=%s created=%lld already=%lld failed=%lld", p.period,
			 p.created, p.existed, p.failed);
	if (p.failed > 0)
		job_fail(res, "%lld payouts of %s could not be requested", p.failed, p.period);
	else
		res->ok = 1;
}

static long long
payouts_period(void)
{
	return cfg_int_in("BAZAAR_PAYOUTS_INTERVAL", 3600, 1, 86400);
}

static long long
payouts_interval_ms(void)
{
	long long period = payouts_period();

	return period < 60 ? period * 1000 : 60000;
}

static const struct job_kind payouts_kinds[] = {
	{ "payouts", payouts_pass, { 5, 60, 3600 } },
};

static const struct job_schedule payouts_schedules[] = {
	{ "payouts", payouts_period },
};

static const struct job_runner payouts_runner = {
	.name = "payouts",
	.usage = "bazaar-payouts [--once]",
	.kinds = payouts_kinds, .nkinds = 1,
	.schedules = payouts_schedules, .nschedules = 1,
	.interval_ms = payouts_interval_ms,
};

int
main(int argc, char **argv)
{
	log_init("payouts");
	return job_runner_main(&payouts_runner, argc, argv);
}
