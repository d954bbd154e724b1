/*
 * bazaar-demo_shipping: the demo shops' shipping, payment and return terms
 * and the demo categories' tax rates, on a database with the demo catalogue
 * where no shop has saved its terms yet (scripts/stack runs it after loading
 * the catalogue; it does nothing when a shop already has terms). It writes
 * them through the code the pages use (shipping_save, as /vendor/shipping
 * does; pricing_set_category_tax, as /admin/tax does), so they obey the same
 * rules. Exit status 0, or 1 with the reason on standard error.
 */
#include "cfg.h"
#include "db.h"
#include "log.h"
#include "pricing.h"
#include "shipping.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every shop delivers to the marketplace's own country (the default),
 * so any demo product can be ordered there. */
static const struct {
	const char *slug;
	long long flat_rate, free_above;	/* free_above -1: never free */
	int handling, transit_min, transit_max;
	unsigned methods;
	int return_days;
	const char *countries;		/* besides the default one */
	const char *policy;
} demo_terms[] = {
	{ "northwind-home", 495, 5000, 1, 1, 3, SHIPPING_METHODS_ALL, 30, "AT FR GB NL BE",
	  "Return anything unused in its original packaging within 30 days of delivery. "
	  "We refund the item and the original delivery charge; you pay the return postage." },
	{ "voltaic-audio", 0, -1, 1, 1, 2, SHIPPING_METHODS_ALL, 30, "AT CH FR IT NL",
	  "Headphones and speakers can come back within 30 days if they are complete and undamaged. "
	  "We send a prepaid return label." },
	{ "kestrel-electronics", 390, 4000, 0, 1, 3, SHIPPING_METHODS_ALL, 14, "NL BE LU FR",
	  "Returns within 14 days of delivery, in the original box with every accessory." },
	{ "atelier-marlowe", 450, 7500, 2, 2, 5, SHIPPING_METHODS_ALL, 60, "GB IE FR",
	  "Not the right size? Send it back unworn with its labels within 60 days for a refund or exchange." },
	{ "linen-and-loom", 590, 6000, 3, 2, 6, SHIPPING_METHODS_ALL, 30, "ES PT FR IT",
	  "Bedding can be returned unopened within 30 days; clothes unworn with their labels." },
	{ "summit-and-trail", 499, 5000, 1, 1, 4, SHIPPING_METHODS_ALL, 30, "AT CH GB NO SE",
	  "Kit that has not been used outdoors can come back within 30 days. We repair what we sell, "
	  "even after the return window." },
	{ "fern-and-petal", 350, 3000, 2, 2, 4, SHIPPING_METHODS_ALL, 14, "GB FR",
	  "For hygiene reasons opened skincare cannot be returned; unopened items within 14 days." },
	{ "little-oak-toys", 395, 4500, 2, 1, 4, SHIPPING_METHODS_ALL, 30, "AT NL BE DK",
	  "Toys can come back unused within 30 days." },
	{ "paper-lantern", 290, 2500, 1, 2, 4, SHIPPING_CARD | SHIPPING_BANK_TRANSFER, 14, "FR BE LU CH",
	  "Unused stationery within 14 days. Notebooks we bound for you to order cannot be returned." },
	{ "greenhouse-supply", 690, 8000, 2, 2, 5, SHIPPING_METHODS_ALL, 14, "AT NL",
	  "Tools and pots within 14 days, unused. Seeds and live plants cannot be returned." },
	{ "old-harbour-pantry", 450, 4000, 1, 2, 4, SHIPPING_METHODS_ALL, 0, "PT ES FR",
	  "Food and drink cannot be returned once delivered. If something arrives damaged, "
	  "tell us within 7 days and we send it again." },
	{ "waggle-and-purr", 395, 3500, 1, 1, 3, SHIPPING_METHODS_ALL, 30, "AT FR GB",
	  "Beds, leads and toys can come back unused within 30 days." },
};

/* Reduced rates by top category name; every other top category has the
 * standard rate. */
#define DEMO_TAX_STANDARD 1900
static const struct {
	const char *name;
	long long bp;
} demo_tax[] = {
	{ "Food & Drink", 700 },
};

static int
demo_fail(const char *what)
{
	fprintf(stderr, "bazaar-demo_shipping: %s: %s\n", what, db_error());
	return 1;
}

static int
demo_shipping_terms(void)
{
	struct shipping_terms t;

	for (size_t i = 0; i < sizeof demo_terms / sizeof demo_terms[0]; i++) {
		long long vendor = db_scalar(0, "SELECT id FROM vendors WHERE slug = ?", "s", demo_terms[i].slug);
		const char *c;

		if (vendor <= 0)
			continue;	/* a catalogue without this shop */
		shipping_defaults(vendor, &t);
		t.flat_rate_minor = demo_terms[i].flat_rate;
		t.free_above_minor = demo_terms[i].free_above < 0 ? SHIPPING_NEVER_FREE : demo_terms[i].free_above;
		t.handling_days = demo_terms[i].handling;
		t.transit_min_days = demo_terms[i].transit_min;
		t.transit_max_days = demo_terms[i].transit_max;
		t.methods = demo_terms[i].methods;
		t.return_days = demo_terms[i].return_days;
		snprintf(t.return_policy, sizeof t.return_policy, "%s", demo_terms[i].policy);
		for (c = demo_terms[i].countries; *c; c += c[2] ? 3 : 2) {
			char code[3] = { c[0], c[1], '\0' };

			if (shipping_add_country(&t, code) != 0) {
				fprintf(stderr, "bazaar-demo_shipping: %s: unknown country %s\n", demo_terms[i].slug, code);
				return 1;
			}
		}
		if (shipping_save(&t) != 0)
			return demo_fail(demo_terms[i].slug);
	}
	return 0;
}

static int
demo_shipping_tax(void)
{
	struct db_result *r = db_query("SELECT id, name FROM categories WHERE parent_id IS NULL ORDER BY id", "");

	if (r == NULL)
		return demo_fail("categories");
	while (db_next(r)) {
		long long bp = DEMO_TAX_STANDARD;

		for (size_t i = 0; i < sizeof demo_tax / sizeof demo_tax[0]; i++)
			if (strcmp(db_str(r, 1), demo_tax[i].name) == 0)
				bp = demo_tax[i].bp;
		if (pricing_set_category_tax(db_int(r, 0), bp) != 0) {
			db_free(r);
			return demo_fail("tax rate");
		}
	}
	db_free(r);
	return 0;
}

int
main(void)
{
	int rc;

	log_init("bazaar-demo_shipping");
	if (cfg_load() != 0 || db_connect() != 0) {
		fprintf(stderr, "bazaar-demo_shipping: cannot connect to the database: %s\n", db_error());
		return 1;
	}
	if (db_scalar(1, "SELECT EXISTS (SELECT 1 FROM vendor_shipping)", "") != 0) {
		db_close();
		return 0;
	}
	rc = demo_shipping_terms() || demo_shipping_tax();
	db_close();
	return rc;
}
