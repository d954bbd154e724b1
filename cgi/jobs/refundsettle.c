/*
 * bazaar-refundsettle: settles the refunds left waiting for their
 * provider's answer. A refund is written 'pending' before its provider is
 * asked and answered in a second transaction (refund.h); a process that
 * dies in between, or a provider that never answers, leaves it pending with
 * the vendor order's refunded amount raised and nothing else done. Past
 * BAZAAR_REFUND_STUCK_AFTER seconds (default 900) such a refund is stuck:
 * each pass runs refund_settle on every stuck one, which asks the provider
 * again with the key of the same attempt (a refund it made is reported with
 * its reference, not made twice) and records the answer once: succeeded
 * (stock back, the ledger reversed, the vendor order 'refunded' when paid
 * back in full, the return paid, the customer's mail), manual, or failed
 * (refused: the amounts given back; it waits on /admin/refunds for a
 * retry). A provider that still does not answer leaves it pending (held,
 * stuck again after the same wait): only a definite refusal fails it. Two
 * copies of the job at once settle each refund once: the first to claim it
 * moves its clock on and the other skips it.
 *
 * A job runner (cgi/lib/job.h) with one schedule, "refund_settle", every
 * BAZAAR_REFUND_SETTLE_INTERVAL seconds (default 300). "Now" is
 * clock_now(). `--once` runs one pass now and exits. Exit status: 0, 1 when
 * the database cannot be reached or the pass failed, 2 on bad arguments.
 */
#include "cache.h"
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "job.h"
#include "log.h"
#include "refund.h"
#include "tmpl.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define REFUNDSETTLE_BATCH 200

static const char refundsettle_due_sql[] =
	"SELECT id FROM refunds WHERE status = 'pending' AND updated_at <= ? AND id > ? ORDER BY id LIMIT ?";

static void
refundsettle_pass(const struct job *job, struct job_result *res)
{
	char before[24];
	long long after = 0, made = 0, refused = 0, unanswered = 0, skipped = 0, failed = 0;
	struct db_result *r;
	size_t rows;

	(void)job;
	clock_datetime(clock_now() - (time_t)refund_stuck_after(), before, sizeof before);
	do {
		long long ids[REFUNDSETTLE_BATCH];
		size_t n = 0, i;

		if ((r = db_query(refundsettle_due_sql, "sii", before, after, (long long)REFUNDSETTLE_BATCH)) == NULL) {
			job_fail(res, "refunds: %s", db_error());
			return;
		}
		rows = db_rows(r);
		while (db_next(r) && n < REFUNDSETTLE_BATCH)
			ids[n++] = db_int(r, 0);
		db_free(r);
		for (i = 0; i < n && !job_stopping(); i++) {
			struct refund_outcome out;

			after = ids[i];
			switch (refund_settle(ids[i], &out)) {
			case REFUND_OK:
				made++;
				break;
			case REFUND_FAILED:
				refused++;
				log_warn("refundsettle.refused", "refund=%lld: %s", ids[i], log_quote(out.failure));
				break;
			case REFUND_PENDING:
				unanswered++;	/* logged by refund.c: asked again next time */
				break;
			case REFUND_STATE:
			case REFUND_NOT_FOUND:
				skipped++;	/* settled meanwhile, or another copy has it */
				break;
			default:
				failed++;
				break;
			}
		}
	} while (rows == REFUNDSETTLE_BATCH && !job_stopping());
	job_detail(res, "made=%lld refused=%lld unanswered=%lld skipped=%lld failed=%lld", made, refused, unanswered,
		   skipped, failed);
	if (made > 0 || refused > 0 || unanswered > 0 || failed > 0)
		log_info("refundsettle.pass", "made=%lld refused=%lld unanswered=%lld skipped=%lld failed=%lld", made,
			 refused, unanswered, skipped, failed);
	if (failed > 0)
		job_fail(res, "%lld stuck refunds could not be settled: %s", failed, db_error());
	else
		res->ok = 1;
}

static long long
refundsettle_period(void)
{
	return cfg_int_in("BAZAAR_REFUND_SETTLE_INTERVAL", 300, 1, 86400);
}

static long long
refundsettle_interval_ms(void)
{
	return refundsettle_period() * 1000 < 10000 ? refundsettle_period() * 1000 : 10000;
}

/* The customer's "refunded" mail is rendered from templates/mail/; a
 * settled refund forgets the pages it changes (orders, stock). */
static int
refundsettle_init(void)
{
	if (tmpl_init(cfg_str("BAZAAR_TEMPLATES", "templates"), 0) != 0)
		return -1;
	cache_init();
	return 0;
}

static void
refundsettle_fini(void)
{
	cache_close();
}

static const struct job_kind refundsettle_kinds[] = {
	{ "refund_settle", refundsettle_pass, { 5, 30, 600 } },
};

static const struct job_schedule refundsettle_schedules[] = {
	{ "refund_settle", refundsettle_period },
};

static const struct job_runner refundsettle_runner = {
	.name = "refundsettle",
	.usage = "bazaar-refundsettle [--once]",
	.kinds = refundsettle_kinds, .nkinds = 1,
	.schedules = refundsettle_schedules, .nschedules = 1,
	.interval_ms = refundsettle_interval_ms,
	.init = refundsettle_init,
	.fini = refundsettle_fini,
};

int
main(int argc, char **argv)
{
	log_init("refundsettle");
	return job_runner_main(&refundsettle_runner, argc, argv);
}
