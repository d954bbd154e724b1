/*
 * bazaar-demo_history: the demo shops' past, written through the modules
 * the pages and jobs use, on a database with the demo catalogue and no
 * ledger entry yet (scripts/stack runs it right after loading the
 * catalogue; it does nothing once any entry exists):
 *   plan_assign       every shop signed up on the first plan (Starter); a
 *                     shop with more listings than that plan allows moved,
 *                     30 days after it joined, to the smallest plan that
 *                     holds them all;
 *   ledger_append     each verified shop's ledger: an opening credit the
 *                     day after it joined, the plan fees of the last three
 *                     months (this month's is bazaar-planfees'), the fee of
 *                     each of its promotions two days before the start and
 *                     the refund of a cancelled one a day before, leaving
 *                     every balance in credit. Each entry is stamped with
 *                     the moment it stands for (clock_history), so the
 *                     ledger's own rules (kinds, signs, one entry per
 *                     reference, append-only) decide, not this tool;
 *   moderation_submit,
 *   moderation_decide in the first shop with two drafts, the second was sent
 *                     for review four days ago and turned down by an admin
 *                     the next day with a reason the vendor reads (a draft
 *                     again); the first waits in the admins' queue, as
 *                     publishing it under "review before publishing" leaves
 *                     it.
 * Exit status 0, or 1 with the reason on standard error.
 */
#include "arena.h"
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "ledger.h"
#include "log.h"
#include "moderation.h"
#include "plan.h"

#include <stdio.h>
#include <string.h>

#define DEMO_HISTORY_DAY	86400
#define DEMO_HISTORY_HOUR	3600
#define DEMO_HISTORY_MONTHS	3	/* plan fees written before this month's */
#define DEMO_HISTORY_UPGRADE	30	/* days after joining a shop left the first plan */
#define DEMO_HISTORY_CAUSE	"The shop's listings are reviewed before they are published."

/* The first two drafts of the first shop that has two. */
static const char demo_history_drafts_sql[] =
	"SELECT p.id FROM products p WHERE p.status = 'draft' AND p.vendor_id ="
	" (SELECT d.vendor_id FROM products d WHERE d.status = 'draft' GROUP BY d.vendor_id"
	" HAVING COUNT(*) >= 2 ORDER BY d.vendor_id LIMIT 1) ORDER BY p.id LIMIT 2";

/* The smallest plan whose listing limit holds ? listings. */
static const char demo_history_plan_sql[] =
	"SELECT id FROM plans WHERE listing_limit IS NULL OR listing_limit >= ?"
	" ORDER BY listing_limit IS NULL, listing_limit, id LIMIT 1";

/* Each shop's plan: moved off the first plan when its listings outgrew it. */
static int
demo_history_plans(void)
{
	struct db_result *r;
	int rc = 0;

	r = db_query("SELECT v.id, v.plan_id, UNIX_TIMESTAMP(v.created_at),"
		     " (SELECT COUNT(*) FROM products p WHERE p.vendor_id = v.id) FROM vendors v ORDER BY v.id", "");
	if (r == NULL)
		return -1;
	while (rc == 0 && db_next(r)) {
		long long vendor = db_int(r, 0), plan = db_scalar(-1, demo_history_plan_sql, "i", db_int(r, 3));

		if (plan < 0) {
			rc = -1;
		} else if (plan != db_int(r, 1)) {
			time_t at = (time_t)db_int(r, 2) + DEMO_HISTORY_UPGRADE * DEMO_HISTORY_DAY;

			rc = db_begin() == 0 && plan_assign(vendor, plan, at, 0) == 0 && db_commit() == 0 ? 0 : -1;
			if (rc != 0 && db_in_transaction())
				db_rollback();
		}
	}
	db_free(r);
	return rc;
}

static int
demo_history_entry(long long vendor, const char *kind, long long amount, const char *reference, const char *note,
		   time_t at)
{
	long long id;

	clock_history(at);
	id = ledger_append(vendor, kind, amount, reference, note, 0);
	clock_history(0);
	if (id > 0)
		return 0;
	fprintf(stderr, "bazaar-demo_history: the %s %s of shop %lld was refused: %s\n", kind, reference, vendor,
		id == LEDGER_EXISTS ? "it exists" : db_error());
	return -1;
}

/* Midnight UTC of the first day of the month m months before now's, plus
 * two hours (when bazaar-planfees' first pass of a month comes). */
static time_t
demo_history_month(time_t now, int m, char *month, size_t n)
{
	struct tm tm;
	time_t at;

	gmtime_r(&now, &tm);
	tm.tm_mday = 1;
	tm.tm_hour = 2;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_mon -= m;
	while (tm.tm_mon < 0) {
		tm.tm_mon += 12;
		tm.tm_year--;
	}
	at = timegm(&tm);
	clock_month(at, month, n);
	return at;
}

/* One verified shop's ledger: the rules in the header comment. */
static int
demo_history_shop(long long vendor, time_t joined, long long fee, const char *plan, time_t now)
{
	struct db_result *r;
	long long debits = fee * (DEMO_HISTORY_MONTHS + 1);	/* and this month's, which the job charges */
	char reference[LEDGER_REFERENCE_MAX], month[16];
	int rc = -1;

	r = db_query("SELECT id, fee_minor, status, UNIX_TIMESTAMP(starts_at) FROM promotions"
		     " WHERE vendor_id = ? ORDER BY id", "i", vendor);
	if (r == NULL)
		return -1;
	while (db_next(r))
		if (strcmp(db_str(r, 2), "cancelled") != 0)
			debits += db_int(r, 1);
	if (demo_history_entry(vendor, "credit", debits + 5000 + 2500LL * ((vendor - 1) % 5), "demo:opening",
			       "Opening balance, paid by bank transfer", joined + DEMO_HISTORY_DAY) != 0)
		goto out;
	for (int m = DEMO_HISTORY_MONTHS; fee > 0 && m >= 1; m--) {
		time_t at = demo_history_month(now, m, month, sizeof month);

		snprintf(reference, sizeof reference, "plan:%s", month);
		if (demo_history_entry(vendor, "plan_fee", -fee, reference, plan, at) != 0)
			goto out;
	}
	db_rewind(r);
	while (db_next(r)) {
		time_t start = (time_t)db_int(r, 3);

		snprintf(reference, sizeof reference, "promotion:%lld", db_int(r, 0));
		if (demo_history_entry(vendor, "promotion_fee", -db_int(r, 1), reference, "",
				       start - 48 * DEMO_HISTORY_HOUR) != 0)
			goto out;
		if (strcmp(db_str(r, 2), "cancelled") == 0 &&
		    demo_history_entry(vendor, "promotion_refund", db_int(r, 1), reference,
				       "Cancelled before it started", start - 24 * DEMO_HISTORY_HOUR) != 0)
			goto out;
	}
	rc = 0;
out:
	db_free(r);
	return rc;
}

static int
demo_history_ledger(void)
{
	struct db_result *r;
	time_t now = clock_now();
	int rc = 0;

	r = db_query("SELECT v.id, UNIX_TIMESTAMP(v.created_at), p.monthly_fee_minor, p.name FROM vendors v"
		     " JOIN plans p ON p.id = v.plan_id WHERE v.status = 'verified' ORDER BY v.id", "");
	if (r == NULL)
		return -1;
	while (rc == 0 && db_next(r))
		rc = demo_history_shop(db_int(r, 0), (time_t)db_int(r, 1), db_int(r, 2), db_str(r, 3), now);
	db_free(r);
	return rc;
}

/* Sends product for review as listing_publish does, at the moment at;
 * returns the review's id and *revision, or -1. */
static long long
demo_history_submit(struct arena *a, long long product, time_t at, long long *revision)
{
	struct moderation_verdict v = { .vendor_rule = 1, .cause = DEMO_HISTORY_CAUSE };
	long long review = -1;

	clock_history(at);
	if (db_begin() == 0 && (review = moderation_submit(NULL, a, product, &v, NULL)) > 0 && db_commit() == 0)
		*revision = db_scalar(-1, "SELECT revision FROM listing_reviews WHERE id = ?", "i", review);
	else
		review = -1;
	if (db_in_transaction())
		db_rollback();
	clock_history(0);
	return review;
}

/* The turned-down listing and the one awaiting review (header comment). */
static int
demo_history_reviews(time_t now)
{
	struct moderation_decision d = {
		.approve = 0,
		.reason = "The photo shows a different product from the one described. "
			  "Please add a photo of this item and publish it again.",
	};
	struct db_result *r = db_query(demo_history_drafts_sql, "");
	long long drafts[2] = { 0, 0 }, revision = 0;
	struct arena a;
	int n = 0, rc = -1;

	if (r == NULL)
		return -1;
	while (n < 2 && db_next(r))
		drafts[n++] = db_int(r, 0);
	db_free(r);
	if (n < 2)
		return 0;	/* a catalogue without a shop with two drafts */
	arena_init(&a);
	d.product_id = drafts[1];
	if ((d.review_id = demo_history_submit(&a, drafts[1], now - 4 * DEMO_HISTORY_DAY, &d.revision)) < 0)
		goto out;
	clock_history(now - 3 * DEMO_HISTORY_DAY);
	if (db_begin() == 0 && moderation_decide(NULL, &a, &d) == 0 && db_commit() == 0)
		rc = 0;
	if (db_in_transaction())
		db_rollback();
	clock_history(0);
	if (rc == 0 && demo_history_submit(&a, drafts[0], now, &revision) < 0)
		rc = -1;
out:
	arena_free(&a);
	return rc;
}

int
main(int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: bazaar-demo_history (the database settings in the environment)\n");
		return 2;
	}
	log_init("bazaar-demo_history");
	log_set_level(LOG_WARN);	/* an entry a line would drown the stack's start */
	if (cfg_load() != 0 || db_connect() != 0) {
		fprintf(stderr, "bazaar-demo_history: cannot connect to the database: %s\n", db_error());
		return 1;
	}
	if (db_scalar(-1, "SELECT EXISTS (SELECT 1 FROM vendor_ledger)", "") != 0) {
		fprintf(stderr, "bazaar-demo_history: the ledger has entries already: nothing done\n");
		db_close();
		return 0;
	}
	if (demo_history_plans() != 0 || demo_history_ledger() != 0 || demo_history_reviews(clock_now()) != 0) {
		fprintf(stderr, "bazaar-demo_history: %s\n", db_error());
		db_close();
		return 1;
	}
	db_close();
	return 0;
}
