/*
 * bazaar-orderexpiry: ends the orders nobody paid in time. An order waits
 * for its payment until its expires_at (set when it is placed: an hour for
 * card and PayPal, days for a bank transfer, docs/configuration.md); past
 * it, each one goes through payment_release_order (payment.h): expired, its
 * vendor orders cancelled by the system, its stock back once, its coupon
 * use released, an order.expired event and a mail to the customer, in one
 * transaction that happens only while the order is still awaiting payment,
 * so an order paid at the last moment stays paid and two passes (or two
 * copies of the job) release it once.
 *
 * A job runner (cgi/lib/job.h) with one schedule, "order_expiry", every
 * BAZAAR_ORDER_EXPIRY_INTERVAL seconds (default 60). "Now" is clock_now(),
 * so a test moves the shop's clock rather than waiting. `--once` runs one
 * pass now and exits. Exit status: 0, 1 when the database cannot be reached
 * or the pass failed, 2 on bad arguments.
 */
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "job.h"
#include "log.h"
#include "payment.h"
#include "tmpl.h"

#include <stdio.h>
#include <string.h>

#define ORDEREXPIRY_BATCH 200

static const char orderexpiry_due_sql[] =
	"SELECT id, payment_method FROM orders WHERE status = 'awaiting_payment' AND expires_at <= ?"
	" AND id > ? ORDER BY id LIMIT ?";

static void
orderexpiry_pass(const struct job *job, struct job_result *res)
{
	char now[24];
	long long after = 0, expired = 0, already = 0, failed = 0;
	struct db_result *r;
	size_t rows;

	(void)job;
	clock_datetime(clock_now(), now, sizeof now);
	do {
		long long ids[ORDEREXPIRY_BATCH];
		int bank[ORDEREXPIRY_BATCH];
		size_t n = 0, i;

		if ((r = db_query(orderexpiry_due_sql, "sii", now, after, (long long)ORDEREXPIRY_BATCH)) == NULL) {
			job_fail(res, "orders: %s", db_error());
			return;
		}
		rows = db_rows(r);
		while (db_next(r) && n < ORDEREXPIRY_BATCH) {
			ids[n] = db_int(r, 0);
			bank[n] = strcmp(db_str(r, 1), "bank_transfer") == 0;
			n++;
		}
		db_free(r);
		for (i = 0; i < n && !job_stopping(); i++) {
			int rc;

			after = ids[i];
			rc = payment_release_order(ids[i], "expired",
						   bank[i] ? "We did not receive your bank transfer in time." :
						   "The payment was not completed in time.");
			if (rc == 0)
				expired++;
			else if (rc == PAYMENT_ALREADY)
				already++;
			else
				failed++;
		}
	} while (rows == ORDEREXPIRY_BATCH && !job_stopping());
	job_detail(res, "expired=%lld already=%lld failed=%lld", expired, already, failed);
	if (expired > 0 || failed > 0)
		log_info("orderexpiry.pass", "expired=%lld already=%lld failed=%lld", expired, already, failed);
	if (failed > 0)
		job_fail(res, "%lld orders could not be expired: %s", failed, db_error());
	else
		res->ok = 1;
}

static long long
orderexpiry_period(void)
{
	return cfg_int_in("BAZAAR_ORDER_EXPIRY_INTERVAL", 60, 1, 3600);
}

static long long
orderexpiry_interval_ms(void)
{
	return orderexpiry_period() * 1000 < 10000 ? orderexpiry_period() * 1000 : 10000;
}

/* The customer's mail is rendered from templates/mail/. */
static int
orderexpiry_init(void)
{
	return tmpl_init(cfg_str("BAZAAR_TEMPLATES", "templates"), 0) == 0 ? 0 : -1;
}

static const struct job_kind orderexpiry_kinds[] = {
	{ "order_expiry", orderexpiry_pass, { 5, 30, 600 } },
};

static const struct job_schedule orderexpiry_schedules[] = {
	{ "order_expiry", orderexpiry_period },
};

static const struct job_runner orderexpiry_runner = {
	.name = "orderexpiry",
	.usage = "bazaar-orderexpiry [--once]",
	.kinds = orderexpiry_kinds, .nkinds = 1,
	.schedules = orderexpiry_schedules, .nschedules = 1,
	.interval_ms = orderexpiry_interval_ms,
	.init = orderexpiry_init,
};

int
main(int argc, char **argv)
{
	log_init("orderexpiry");
	return job_runner_main(&orderexpiry_runner, argc, argv);
}
