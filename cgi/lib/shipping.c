/*
 * shipping: a shop's terms of delivery, payment and returns (see shipping.h).
 */
#include "shipping.h"
#include "catalog.h"
#include "cfg.h"
#include "db.h"
#include "log.h"
#include "order.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The European Economic Area, Switzerland, the United Kingdom and a few
 * countries beyond: sorted by code. */
const struct shipping_country shipping_countries[] = {
	{ "AT", "Austria" }, { "AU", "Australia" }, { "BE", "Belgium" }, { "BG", "Bulgaria" },
	{ "CA", "Canada" }, { "CH", "Switzerland" }, { "CY", "Cyprus" }, { "CZ", "Czechia" },
	{ "DE", "Germany" }, { "DK", "Denmark" }, { "EE", "Estonia" }, { "ES", "Spain" },
	{ "FI", "Finland" }, { "FR", "France" }, { "GB", "United Kingdom" }, { "GR", "Greece" },
	{ "HR", "Croatia" }, { "HU", "Hungary" }, { "IE", "Ireland" }, { "IS", "Iceland" },
	{ "IT", "Italy" }, { "JP", "Japan" }, { "LI", "Liechtenstein" }, { "LT", "Lithuania" },
	{ "LU", "Luxembourg" }, { "LV", "Latvia" }, { "MT", "Malta" }, { "NL", "Netherlands" },
	{ "NO", "Norway" }, { "NZ", "New Zealand" }, { "PL", "Poland" }, { "PT", "Portugal" },
	{ "RO", "Romania" }, { "SE", "Sweden" }, { "SI", "Slovenia" }, { "SK", "Slovakia" },
	{ "US", "United States" },
};
const size_t shipping_ncountries = sizeof shipping_countries / sizeof shipping_countries[0];

/* The methods' bits in order.h's order: their names and labels are order.c's. */
static const unsigned shipping_method_bits[SHIPPING_NMETHODS] = {
	SHIPPING_CARD, SHIPPING_PAYPAL, SHIPPING_BANK_TRANSFER,
};
_Static_assert(SHIPPING_NMETHODS == ORDER_NMETHODS && ORDER_CARD == 0 && ORDER_PAYPAL == 1 &&
	       ORDER_BANK_TRANSFER == 2, "shipping_method_bits follows enum order_method");

const char *
shipping_country_name(const char *code)
{
	if (code == NULL)
		return NULL;
	for (size_t i = 0; i < shipping_ncountries; i++)
		if (strcmp(shipping_countries[i].code, code) == 0)
			return shipping_countries[i].name;
	return NULL;
}

const char *
shipping_default_country(void)
{
	const char *c = cfg_str("BAZAAR_DEFAULT_COUNTRY", "DE");

	return shipping_country_name(c) ? c : "DE";
}

/* The table's entry of one method bit, or -1. */
static int
shipping_method_index(unsigned method)
{
	for (int i = 0; i < SHIPPING_NMETHODS; i++)
		if (shipping_method_bits[i] == method)
			return i;
	return -1;
}

const char *
shipping_method_name(unsigned method)
{
	int i = shipping_method_index(method);

	return i < 0 ? NULL : order_method_names[i];
}

const char *
shipping_method_label(unsigned method)
{
	int i = shipping_method_index(method);

	return i < 0 ? NULL : order_method_labels[i];
}

unsigned
shipping_method_parse(const char *name)
{
	int i = order_method_parse(name);

	return i < 0 ? 0 : shipping_method_bits[i];
}

unsigned
shipping_method_at(int i)
{
	return i >= 0 && i < SHIPPING_NMETHODS ? shipping_method_bits[i] : 0;
}

int
shipping_default_return_days(void)
{
	return (int)cfg_int_in("BAZAAR_RETURN_DAYS", SHIPPING_DEFAULT_RETURN_DAYS, 0, SHIPPING_RETURN_MAX);
}

void
shipping_defaults(long long vendor_id, struct shipping_terms *t)
{
	memset(t, 0, sizeof *t);
	t->vendor_id = vendor_id;
	t->free_above_minor = SHIPPING_NEVER_FREE;
	t->handling_days = SHIPPING_DEFAULT_HANDLING;
	t->transit_min_days = SHIPPING_DEFAULT_TRANSIT_MIN;
	t->transit_max_days = SHIPPING_DEFAULT_TRANSIT_MAX;
	t->methods = SHIPPING_METHODS_ALL;
	t->return_days = shipping_default_return_days();
	shipping_add_country(t, shipping_default_country());
}

int
shipping_add_country(struct shipping_terms *t, const char *code)
{
	size_t i;

	if (shipping_country_name(code) == NULL)
		return -1;
	for (i = 0; i < t->ncountries; i++) {
		int c = strcmp(t->countries[i], code);

		if (c == 0)
			return 0;
		if (c > 0)
			break;
	}
	if (t->ncountries >= sizeof t->countries / sizeof t->countries[0])
		return -1;
	memmove(t->countries[i + 1], t->countries[i], (t->ncountries - i) * sizeof t->countries[0]);
	memcpy(t->countries[i], code, 3);
	t->ncountries++;
	return 0;
}

int
shipping_ships_to(const struct shipping_terms *t, const char *country)
{
	for (size_t i = 0; country && i < t->ncountries; i++)
		if (strcmp(t->countries[i], country) == 0)
			return 1;
	return 0;
}

void
shipping_from_columns(struct shipping_terms *t, long long vendor_id, const struct db_result *r, unsigned first)
{
	const char *methods, *countries;

	shipping_defaults(vendor_id, t);
	if (db_int(r, first) == 0)
		return;
	t->saved = 1;
	t->flat_rate_minor = db_int(r, first + 1);
	t->free_above_minor = db_int(r, first + 2);
	t->handling_days = (int)db_int(r, first + 3);
	t->transit_min_days = (int)db_int(r, first + 4);
	t->transit_max_days = (int)db_int(r, first + 5);
	t->methods = 0;
	methods = db_str(r, first + 6);
	for (int i = 0; methods && i < SHIPPING_NMETHODS; i++) {
		const char *name = order_method_names[i], *p = methods;
		size_t len = strlen(name);

		/* A SET reads as its members joined by commas. */
		for (; (p = strstr(p, name)) != NULL; p += len)
			if ((p == methods || p[-1] == ',') && (p[len] == '\0' || p[len] == ','))
				t->methods |= shipping_method_bits[i];
	}
	t->return_days = (int)db_int(r, first + 7);
	snprintf(t->return_policy, sizeof t->return_policy, "%s", db_str(r, first + 8) ? db_str(r, first + 8) : "");
	/* The codes joined by commas: "AT,DE,FR". */
	t->ncountries = 0;
	countries = db_str(r, first + 9);
	for (const char *c = countries; c && strlen(c) >= 2; c += c[2] == ',' ? 3 : 2) {
		char code[3] = { c[0], c[1], '\0' };

		shipping_add_country(t, code);
		if (c[2] != ',')
			break;
	}
}

int
shipping_load(long long vendor_id, struct shipping_terms *t)
{
	struct db_result *r;

	r = db_query("SELECT " SHIPPING_COLUMNS("s", "?") " FROM (SELECT 1) one"
		     " LEFT JOIN vendor_shipping s ON s.vendor_id = ?", "ii", vendor_id, vendor_id);
	if (r == NULL)
		return -1;
	if (db_next(r))
		shipping_from_columns(t, vendor_id, r, 0);
	else
		shipping_defaults(vendor_id, t);
	db_free(r);
	return 0;
}

const char *
shipping_problem(const struct shipping_terms *t, const char **field)
{
	const char *f = NULL, *why = NULL;

	if (t->flat_rate_minor < 0 || t->flat_rate_minor > SHIPPING_RATE_MAX) {
		f = "flat_rate";
		why = "Enter the delivery charge per order as an amount from 0 to 1000000, for example 4.90.";
	} else if (t->free_above_minor != SHIPPING_NEVER_FREE
		   && (t->free_above_minor < 0 || t->free_above_minor > SHIPPING_RATE_MAX)) {
		f = "free_above";
		why = "Enter the order value from which delivery is free as an amount up to 1000000, or leave it empty.";
	} else if (t->handling_days < 0 || t->handling_days > SHIPPING_HANDLING_MAX) {
		f = "handling_days";
		why = "Enter the days you need to send an order as a whole number from 0 to 60.";
	} else if (t->transit_min_days < 0 || t->transit_min_days > SHIPPING_TRANSIT_MAX) {
		f = "transit_min_days";
		why = "Enter the fewest days in transit as a whole number from 0 to 90.";
	} else if (t->transit_max_days < t->transit_min_days || t->transit_max_days > SHIPPING_TRANSIT_MAX) {
		f = "transit_max_days";
		why = "Enter the most days in transit as a whole number from the fewest days up to 90.";
	} else if ((t->methods & SHIPPING_METHODS_ALL) == 0 || (t->methods & ~SHIPPING_METHODS_ALL) != 0) {
		f = "methods";
		why = "Choose at least one payment method you accept.";
	} else if (t->ncountries == 0) {
		f = "countries";
		why = "Choose at least one country you deliver to.";
	} else if (t->return_days < 0 || t->return_days > SHIPPING_RETURN_MAX) {
		f = "return_days";
		why = "Enter the return window as a whole number of days from 0 to 365.";
	} else if (text_chars(t->return_policy) > SHIPPING_POLICY_MAX) {
		f = "return_policy";
		why = "Use at most 2000 characters for the return policy.";
	}
	for (size_t i = 0; why == NULL && i < t->ncountries; i++)
		if (shipping_country_name(t->countries[i]) == NULL) {
			f = "countries";
			why = "Choose the countries you deliver to from the list.";
		}
	if (field)
		*field = f;
	return why;
}

static void
shipping_pages_changed(long long vendor_id)
{
	(void)catalog_vendor_changed(vendor_id);
}

static int
shipping_save_tx(void *arg)
{
	const struct shipping_terms *t = arg;
	char methods[64] = "";

	for (int i = 0; i < SHIPPING_NMETHODS; i++)
		if (t->methods & shipping_method_bits[i]) {
			if (methods[0])
				strcat(methods, ",");
			strcat(methods, order_method_names[i]);
		}
	if (db_exec("INSERT INTO vendor_shipping (vendor_id, flat_rate_minor, free_above_minor, handling_days,"
		    " transit_min_days, transit_max_days, methods, return_days, return_policy)"
		    " VALUES (?, ?, NULLIF(?, -1), ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
		    " flat_rate_minor = VALUES(flat_rate_minor), free_above_minor = VALUES(free_above_minor),"
		    " handling_days = VALUES(handling_days), transit_min_days = VALUES(transit_min_days),"
		    " transit_max_days = VALUES(transit_max_days), methods = VALUES(methods),"
		    " return_days = VALUES(return_days), return_policy = VALUES(return_policy)",
		    "iiiiiisis", t->vendor_id, t->flat_rate_minor, t->free_above_minor, (long long)t->handling_days,
		    (long long)t->transit_min_days, (long long)t->transit_max_days, methods,
		    (long long)t->return_days, t->return_policy) < 0)
		return -1;
	if (db_exec("DELETE FROM vendor_ship_countries WHERE vendor_id = ?", "i", t->vendor_id) < 0)
		return -1;
	for (size_t i = 0; i < t->ncountries; i++)
		if (db_exec("INSERT INTO vendor_ship_countries (vendor_id, country) VALUES (?, ?)", "is",
			    t->vendor_id, t->countries[i]) != 1)
			return -1;
	/* The product pages show the terms: their cached copies go, now (once
	 * committed) and through the events for every other cache. */
	db_after_commit(shipping_pages_changed, t->vendor_id);
	return catalog_vendor_events(t->vendor_id) < 0 ? -1 : 0;
}

int
shipping_save(const struct shipping_terms *t)
{
	if (shipping_problem(t, NULL) != NULL)
		return 1;
	if (db_in_transaction())
		return shipping_save_tx((void *)t);
	return db_tx(shipping_save_tx, (void *)t) == 0 ? 0 : -1;
}

int
shipping_return_days(long long vendor_id)
{
	/* One row always (COALESCE); the fallback only on an error. */
	return (int)db_scalar(-1, "SELECT COALESCE((SELECT return_days FROM vendor_shipping WHERE vendor_id = ?), ?)",
			      "ii", vendor_id, (long long)shipping_default_return_days());
}
