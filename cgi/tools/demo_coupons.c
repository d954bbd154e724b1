/*
 * bazaar-demo_coupons: a few coupons to try at checkout on a database with
 * the demo shops and where no coupon exists yet (scripts/stack runs it
 * after the demo accounts; it does nothing once any coupon exists, so an
 * admin's own stay as they are). They are made through coupon_create, as
 * /admin/coupons and /vendor/coupons make theirs, so they obey the same
 * rules:
 *   WELCOME10   10% off every item from €20, once per customer, the
 *               marketplace bears it;
 *   NORTHWIND5  €5.00 off items from Northwind Home from €25, made by that
 *               shop (the demo vendor login), so the shop bears it;
 *   EXPIRED20   20% off, ended a month ago: checkout says it has expired.
 * Prints them for VAR/demo-logins.txt (the stack prints that file with the
 * demo logins). Exit status 0, or 1 with the reason on standard error.
 */
#include "arena.h"
#include "cfg.h"
#include "clock.h"
#include "coupon.h"
#include "db.h"
#include "log.h"
#include "money.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define DEMO_COUPONS_DAY 86400

/* The shop of the demo vendor login (tests/lib/accounts.mjs, README). */
#define DEMO_COUPONS_SHOP "northwind-home"

struct demo_coupon {
	const char *code;
	const char *shop;	/* made by this shop (vendor-borne), NULL: by the marketplace */
	struct coupon_terms t;
	int ended_days_ago;	/* > 0: ran for 60 days and ended this many days ago */
};

static int
demo_coupons_fail(const char *what)
{
	fprintf(stderr, "bazaar-demo_coupons: %s: %s\n", what, db_error());
	return 1;
}

/* Today's midnight (UTC), days on (negative: back). */
static time_t
demo_coupons_midnight(int days)
{
	time_t now = clock_now();

	return now - now % DEMO_COUPONS_DAY + (time_t)days * DEMO_COUPONS_DAY;
}

static int
demo_coupons_make(void *arg)
{
	struct demo_coupon *list = arg;
	long long vendor, owner_user, id;
	size_t i;

	for (i = 0; list[i].code != NULL; i++) {
		struct demo_coupon *c = &list[i];

		vendor = owner_user = 0;
		if (c->shop != NULL) {
			struct db_result *r = db_query("SELECT id, IFNULL(user_id, 0) FROM vendors WHERE slug = ?", "s",
						       c->shop);

			if (r == NULL)
				return -1;
			if (db_next(r)) {
				vendor = db_int(r, 0);
				owner_user = db_int(r, 1);
			}
			db_free(r);
			if (vendor == 0) {
				c->code = "";	/* a catalogue without this shop: skipped */
				continue;
			}
		}
		if (c->ended_days_ago > 0) {
			c->t.ends_at = demo_coupons_midnight(-c->ended_days_ago);
			c->t.starts_at = c->t.ends_at - 60 * DEMO_COUPONS_DAY;
		}
		if (coupon_create(c->code, &c->t, vendor, owner_user, &id) != 0)
			return -1;
	}
	return 0;
}

/* The coupons as the pages describe them, a line each. */
static int
demo_coupons_print(const struct demo_coupon *list)
{
	struct arena a;
	struct coupon c;
	char money[48], min[64];
	size_t i;

	arena_init(&a);
	printf("Demo coupons (try them at checkout):\n");
	for (i = 0; list[i].code != NULL; i++) {
		if (!*list[i].code)
			continue;
		if (coupon_find(list[i].code, &c) != 0) {
			arena_free(&a);
			return -1;
		}
		if (c.min_order_minor > 0)
			snprintf(min, sizeof min, " from %s", money_format(c.min_order_minor, money, sizeof money));
		else
			min[0] = '\0';
		printf("  %-11s %s%s; %s; %s%s; %s bears it (%s)\n", list[i].code, coupon_describe(&a, &c), min,
		       coupon_scope_text(&a, &c), coupon_validity_text(&a, &c),
		       c.per_customer == 1 ? "; once per customer" : "",
		       c.vendor_borne ? "the shop" : "the marketplace", coupon_state(&c, clock_now()));
	}
	arena_free(&a);
	return 0;
}

int
main(void)
{
	struct demo_coupon list[] = {
		{ "WELCOME10", NULL, { .percent = 1, .percent_bp = 1000, .min_order_minor = 2000, .per_customer = 1,
				       .note = "Demo: the marketplace's welcome offer" }, 0 },
		{ "NORTHWIND5", DEMO_COUPONS_SHOP, { .amount_minor = 500, .min_order_minor = 2500,
						     .note = "Demo: a shop's own coupon" }, 0 },
		{ "EXPIRED20", NULL, { .percent = 1, .percent_bp = 2000, .note = "Demo: a coupon that has ended" }, 30 },
		{ NULL, NULL, { 0 }, 0 },
	};
	int rc = 1;

	log_init("bazaar-demo_coupons");
	if (cfg_load() != 0 || db_connect() != 0) {
		fprintf(stderr, "bazaar-demo_coupons: cannot connect to the database: %s\n", db_error());
		return 1;
	}
	if (db_scalar(1, "SELECT EXISTS (SELECT 1 FROM coupons)", "") != 0) {
		db_close();
		return 0;
	}
	if (db_tx(demo_coupons_make, list) != 0)
		rc = demo_coupons_fail("coupons");
	else if (demo_coupons_print(list) != 0)
		rc = demo_coupons_fail("coupons");
	else
		rc = 0;
	db_close();
	return rc;
}
