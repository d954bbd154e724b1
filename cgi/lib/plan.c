/* plan: see plan.h. */
#include "plan.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "money.h"

#include <stdio.h>
#include <string.h>

#define PLAN_COLUMNS "SELECT p.id, p.name, p.commission_bp, IFNULL(p.commission_min_minor, -1)," \
	" IFNULL(p.commission_max_minor, -1), IFNULL(p.listing_limit, -1), p.promotion_daily_rate_minor," \
	" p.monthly_fee_minor FROM plans p"

/* Reads a plan row of PLAN_COLUMNS (r freed): 0, 1 when there is none, -1. */
static int
plan_read(struct db_result *r, struct plan *p)
{
	int rc = 1;

	if (r == NULL)
		return -1;
	if (db_next(r) == 1) {
		p->id = db_int(r, 0);
		snprintf(p->name, sizeof p->name, "%s", db_str(r, 1));
		p->commission_bp = db_int(r, 2);
		p->commission_min_minor = db_int(r, 3);
		p->commission_max_minor = db_int(r, 4);
		p->listing_limit = db_int(r, 5);
		p->promotion_daily_rate_minor = db_int(r, 6);
		p->monthly_fee_minor = db_int(r, 7);
		rc = 0;
	}
	db_free(r);
	return rc;
}

int
plan_load(long long plan_id, struct plan *p)
{
	return plan_read(db_query(PLAN_COLUMNS " WHERE p.id = ?", "i", plan_id), p);
}

int
plan_for_vendor(long long vendor_id, struct plan *p)
{
	return plan_read(db_query(PLAN_COLUMNS " JOIN vendors v ON v.plan_id = p.id WHERE v.id = ?", "i",
				  vendor_id), p);
}

int
plan_for_vendor_at(long long vendor_id, time_t at, struct plan *p)
{
	char when[24];
	int rc;

	clock_datetime(at, when, sizeof when);
	rc = plan_read(db_query(PLAN_COLUMNS " JOIN vendor_plan_history h ON h.plan_id = p.id"
				" WHERE h.vendor_id = ? AND h.effective_at <= ?"
				" ORDER BY h.effective_at DESC, h.id DESC LIMIT 1", "is", vendor_id, when), p);
	if (rc != 1)
		return rc;
	/* Before the first assignment: the plan the vendor started on. */
	rc = plan_read(db_query(PLAN_COLUMNS " JOIN vendor_plan_history h ON h.plan_id = p.id"
				" WHERE h.vendor_id = ? ORDER BY h.effective_at, h.id LIMIT 1", "i", vendor_id), p);
	if (rc != 1)
		return rc;
	return plan_for_vendor(vendor_id, p);
}

int
plan_assign(long long vendor_id, long long plan_id, time_t effective, long long by)
{
	char when[24];
	long long found;

	if ((found = db_scalar(-1, "SELECT COUNT(*) FROM plans WHERE id = ?", "i", plan_id)) <= 0)
		return found < 0 ? -1 : 1;
	/* A vendor without history has been on its plan since it signed up:
	 * say so first, so that times before this change keep that plan. */
	if (db_exec("INSERT INTO vendor_plan_history (vendor_id, plan_id, effective_at)"
		    " SELECT v.id, v.plan_id, v.created_at FROM vendors v WHERE v.id = ?"
		    " AND NOT EXISTS (SELECT 1 FROM vendor_plan_history h WHERE h.vendor_id = v.id)",
		    "i", vendor_id) < 0)
		return -1;
	found = db_exec("UPDATE vendors SET plan_id = ?, updated_at = updated_at WHERE id = ?", "ii", plan_id, vendor_id);
	if (found < 0)
		return -1;
	if (db_scalar(-1, "SELECT COUNT(*) FROM vendors WHERE id = ?", "i", vendor_id) != 1)
		return 1;
	clock_datetime(effective, when, sizeof when);
	if (db_exec("INSERT INTO vendor_plan_history (vendor_id, plan_id, effective_at, assigned_by)"
		    " VALUES (?, ?, ?, NULLIF(?, 0))", "iisi", vendor_id, plan_id, when, by) != 1)
		return -1;
	log_info("plan.assign", "vendor=%lld plan=%lld by=%lld", vendor_id, plan_id, by);
	return 0;
}

int
plan_commission(const struct plan *p, long long amount, long long *fee, long long *vendor)
{
	long long f, rest;

	if (amount < 0 || money_commission(amount, p->commission_bp, &f, &rest) != 0)
		return -1;
	if (p->commission_min_minor != PLAN_NONE && f < p->commission_min_minor)
		f = p->commission_min_minor;
	if (p->commission_max_minor != PLAN_NONE && f > p->commission_max_minor)
		f = p->commission_max_minor;
	if (f > amount)
		f = amount;
	*fee = f;
	*vendor = amount - f;
	return 0;
}

char *
plan_rate_text(struct arena *a, long long bp)
{
	long long whole = bp / 100, frac = bp % 100;

	if (frac == 0)
		return arena_printf(a, "%lld%%", whole);
	if (frac % 10 == 0)
		return arena_printf(a, "%lld.%lld%%", whole, frac / 10);
	return arena_printf(a, "%lld.%02lld%%", whole, frac);
}

char *
plan_commission_text(struct arena *a, const struct plan *p)
{
	char min[64], max[64];
	char *text;

	if (p->commission_bp == 0 && p->commission_min_minor <= 0)
		return arena_strdup(a, "No commission");
	text = arena_printf(a, "%s of each item's price", plan_rate_text(a, p->commission_bp));
	if (p->commission_min_minor > 0)
		text = arena_printf(a, "%s, at least %s", text,
				    money_format(p->commission_min_minor, min, sizeof min));
	if (p->commission_max_minor != PLAN_NONE)
		text = arena_printf(a, "%s, at most %s", text,
				    money_format(p->commission_max_minor, max, sizeof max));
	return arena_printf(a, "%s per item", text);
}

long long
plan_listings_used(long long vendor_id)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM products WHERE vendor_id = ?"
			 " AND status IN ('active', 'hidden', 'review')", "i", vendor_id);
}

int
plan_listing_check(struct arena *a, long long vendor_id, const char **message)
{
	struct plan p;
	long long used;
	int rc;

	*message = NULL;
	if (db_in_transaction() &&
	    db_scalar(-1, "SELECT id FROM vendors WHERE id = ? FOR UPDATE", "i", vendor_id) < 0)
		return -1;
	if ((rc = plan_for_vendor(vendor_id, &p)) != 0)
		return -1;
	if (p.listing_limit == PLAN_NONE)
		return 0;
	if ((used = plan_listings_used(vendor_id)) < 0)
		return -1;
	if (used < p.listing_limit)
		return 0;
	*message = arena_printf(a, "Your plan '%s' allows %lld listing%s; archive one or change plan.",
				p.name, p.listing_limit, p.listing_limit == 1 ? "" : "s");
	return 1;
}
