/*
 * plan: what a vendor's plan says and which plan applies when.
 *
 * A plan (table plans) sets the commission on each item sold (basis points
 * of the item's price, raised to an optional minimum and lowered to an
 * optional maximum per item), how many listings the shop may have, what a
 * day of a paid promotion costs and the monthly fee.
 *
 * vendors.plan_id is the plan in force now: the vendor's pages, the listing
 * limit, promotion prices and the monthly fee read it. Every assignment is
 * also recorded with the time from which it applies (vendor_plan_history,
 * schema/0010_plans_ledger.sql): plan_for_vendor_at() answers which plan a
 * vendor had at a given time, so an order is charged by the plan in force
 * when it was placed (its own created_at), never by a plan assigned later.
 * Orders must ask plan_for_vendor_at(vendor, order time) and plan_commission()
 * for the split; they must never read vendors.plan_id.
 */
#ifndef BAZAAR_PLAN_H
#define BAZAAR_PLAN_H
#include <stddef.h>
#include <time.h>

#include "arena.h"

#define PLAN_NAME_MAX	64	/* characters */
#define PLAN_NONE	(-1)	/* a bound or limit that is not set */

struct plan {
	long long id;
	char name[PLAN_NAME_MAX * 4 + 1];
	long long commission_bp;		/* 0..10000 */
	long long commission_min_minor;		/* PLAN_NONE: no minimum */
	long long commission_max_minor;		/* PLAN_NONE: no maximum */
	long long listing_limit;		/* PLAN_NONE: unlimited */
	long long promotion_daily_rate_minor;
	long long monthly_fee_minor;
};

/* Loads plan id into *p: 0, 1 when there is no such plan, -1 on error. */
int plan_load(long long plan_id, struct plan *p);
/* The vendor's plan now (vendors.plan_id): 0, 1 (no such vendor), -1. */
int plan_for_vendor(long long vendor_id, struct plan *p);
/*
 * The plan the vendor had at time at: the latest assignment that took
 * effect at or before it; the plan of the vendor's first assignment (or
 * vendors.plan_id for a vendor without any) for a time before them all.
 * 0, 1 (no such vendor), -1.
 */
int plan_for_vendor_at(long long vendor_id, time_t at, struct plan *p);

/*
 * Records that vendor_id is on plan_id from effective on (vendors.plan_id
 * and a row of vendor_plan_history; by: the admin, 0 for none). Run it in
 * the caller's transaction with the audit entry. 0, 1 (no such vendor or
 * plan), -1.
 */
int plan_assign(long long vendor_id, long long plan_id, time_t effective, long long by);

/*
 * The commission on one item of price amount: money_commission() at the
 * plan's rate, then raised to the minimum and lowered to the maximum when
 * they are set, and never more than the amount itself. *fee + *vendor ==
 * amount. 0, or -1 (amount < 0, overflow).
 */
int plan_commission(const struct plan *p, long long amount, long long *fee, long long *vendor);

/* The commission in words, in arena memory: "12.5% per item, at least
 * €0.50, at most €20.00"; "No commission" for 0 without a minimum. */
char *plan_commission_text(struct arena *a, const struct plan *p);
/* The rate in basis points as a percentage: "12.5%", "8%", "0.05%". */
char *plan_rate_text(struct arena *a, long long bp);

/*
 * Whether the vendor may have one more listing that counts against the
 * limit (active, hidden or in review). Inside a transaction it locks the
 * vendor's row first, so two listings published at the same moment cannot
 * both take the last place. Returns 0 when there is room, 1 when the plan's
 * limit is reached (*message, in arena memory: "Your plan 'Starter' allows
 * 50 listings; archive one or change plan."), -1 on error.
 */
int plan_listing_check(struct arena *a, long long vendor_id, const char **message);
/* How many of the vendor's listings count against the limit, or -1. */
long long plan_listings_used(long long vendor_id);

#endif
