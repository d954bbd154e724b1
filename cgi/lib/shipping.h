/*
 * shipping: a shop's terms of delivery, payment and returns (tables
 * vendor_shipping and vendor_ship_countries, schema/0014_shipping_tax.sql),
 * the countries a shop may deliver to, and the payment methods.
 *
 * A shop sets its terms on /vendor/shipping. Until it saves them it has the
 * defaults below: free delivery to the marketplace's own country
 * (BAZAAR_DEFAULT_COUNTRY) only, every payment method, the marketplace's
 * return window (BAZAAR_RETURN_DAYS, 14 days). What an order costs is computed by cgi/lib/pricing.c from these
 * terms, never here.
 */
#ifndef BAZAAR_SHIPPING_H
#define BAZAAR_SHIPPING_H
#include <stddef.h>

/* Payment methods, as bits of a set (orders.payment_method names them). */
#define SHIPPING_CARD		1u
#define SHIPPING_PAYPAL		2u
#define SHIPPING_BANK_TRANSFER	4u
#define SHIPPING_METHODS_ALL	7u
#define SHIPPING_NMETHODS	3

#define SHIPPING_NEVER_FREE	(-1)	/* free_above_minor: no threshold */
#define SHIPPING_POLICY_MAX	2000	/* characters of the return policy */
#define SHIPPING_HANDLING_MAX	60	/* days */
#define SHIPPING_TRANSIT_MAX	90	/* days */
#define SHIPPING_RETURN_MAX	365	/* days */
#define SHIPPING_RATE_MAX	100000000LL	/* minor units: one million in the currency */

/* The defaults of a shop that has not saved its terms. */
#define SHIPPING_DEFAULT_HANDLING	2
#define SHIPPING_DEFAULT_TRANSIT_MIN	1
#define SHIPPING_DEFAULT_TRANSIT_MAX	5
#define SHIPPING_DEFAULT_RETURN_DAYS	14

struct shipping_country {
	const char *code;	/* ISO 3166-1 alpha-2 */
	const char *name;	/* in English */
};
/* The countries a shop can deliver to, by name. */
extern const struct shipping_country shipping_countries[];
extern const size_t shipping_ncountries;

struct shipping_terms {
	long long vendor_id;
	int saved;			/* 0: the defaults, the shop never saved */
	long long flat_rate_minor;	/* per vendor order */
	long long free_above_minor;	/* SHIPPING_NEVER_FREE, or items from this amount ship free */
	int handling_days;
	int transit_min_days, transit_max_days;
	unsigned methods;		/* SHIPPING_CARD | ... */
	int return_days;
	char return_policy[SHIPPING_POLICY_MAX * 4 + 1];
	size_t ncountries;
	char countries[64][3];		/* sorted by code; at most shipping_ncountries */
};

/* The marketplace's own country (BAZAAR_DEFAULT_COUNTRY, "DE" by default, or
 * "DE" when the setting is not one of shipping_countries). */
const char *shipping_default_country(void);
/* The English name of a country of the list, or NULL when it is not on it. */
const char *shipping_country_name(const char *code);

/* "card", "paypal", "bank_transfer" (the names in the database and in forms)
 * and "Card", "PayPal", "Bank transfer" for one method bit; NULL otherwise. */
const char *shipping_method_name(unsigned method);
const char *shipping_method_label(unsigned method);
/* The bit of a method name, 0 when it is none of them. */
unsigned shipping_method_parse(const char *name);
/* The method bit i (0..SHIPPING_NMETHODS-1), in the order shown. */
unsigned shipping_method_at(int i);

/*
 * A shop's terms read together with other columns, so that a page needing
 * them costs no statement of its own: SHIPPING_COLUMNS(s, vendor) selects
 * them from vendor_shipping joined (LEFT JOIN) as s for the shop whose id is
 * the SQL expression vendor; shipping_from_columns() reads them from column
 * first of the current row. Both are string literals to paste into
 * constant SQL.
 */
#define SHIPPING_COLUMNS(s, vendor)                                                            \
	s ".vendor_id IS NOT NULL, " s ".flat_rate_minor, COALESCE(" s ".free_above_minor, -1), " \
	s ".handling_days, " s ".transit_min_days, " s ".transit_max_days, " s ".methods, "       \
	s ".return_days, " s ".return_policy, (SELECT GROUP_CONCAT(sc.country ORDER BY sc.country)" \
	" FROM vendor_ship_countries sc WHERE sc.vendor_id = " vendor ")"
#define SHIPPING_NCOLUMNS 10
struct db_result;
void shipping_from_columns(struct shipping_terms *t, long long vendor_id, const struct db_result *r,
			   unsigned first);

/* Fills t with the defaults for vendor_id. */
void shipping_defaults(long long vendor_id, struct shipping_terms *t);
/* Loads the shop's terms (the defaults when it saved none): 0, or -1 on a
 * database error. */
int shipping_load(long long vendor_id, struct shipping_terms *t);
/* Whether the shop delivers to country (two capital letters). */
int shipping_ships_to(const struct shipping_terms *t, const char *country);

/*
 * Checks terms before they are saved: NULL when they may be saved, else the
 * sentence for the field named in *field ("flat_rate", "free_above",
 * "handling_days", "transit_min_days", "transit_max_days", "methods",
 * "countries", "return_days", "return_policy").
 */
const char *shipping_problem(const struct shipping_terms *t, const char **field);
/* Adds country to t's list (kept sorted, no duplicates): 0, or -1 when it
 * is not one of shipping_countries. */
int shipping_add_country(struct shipping_terms *t, const char *code);
/*
 * Saves t as its shop's terms (and replaces its countries), in one
 * transaction of its own or in the caller's. 0, 1 when shipping_problem()
 * refuses them, -1 on a database error.
 */
int shipping_save(const struct shipping_terms *t);

/* The return window of a shop that has not saved its terms:
 * BAZAAR_RETURN_DAYS (0..365), 14 by default. */
int shipping_default_return_days(void);
/* The shop's return window in days (its saved terms or the default), or -1. */
int shipping_return_days(long long vendor_id);

#endif
