/*
 * vp_shipping: the shop's terms of delivery, payment and returns
 * (cgi/lib/shipping.h): what it charges to deliver an order and from which
 * amount delivery is free, how long it needs to send an order and how long
 * a parcel travels (the delivery window shoppers see), the countries it
 * delivers to, the payment methods it accepts, and its return window and
 * policy. Product pages show them; checkout prices orders by them
 * (cgi/lib/pricing.c).
 */
#include "vp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csrf.h"
#include "log.h"
#include "money.h"
#include "route.h"
#include "shipping.h"

/* A country ticked on the form: one of shipping_countries. */
const char *
vp_shipping_valid_country(struct req *rq, const char **value)
{
	(void)rq;
	return shipping_country_name(*value) ? NULL : "Choose the countries you deliver to from the list.";
}

/* Whether the form ticks method (after a refused POST: what was sent, else
 * the saved terms). */
static int
vp_shipping_ticked(struct req *rq, const char *field, const char *value, int saved)
{
	const char *v;

	if (strcmp(rq->method, "POST") != 0)
		return saved;
	for (size_t i = 0; (v = req_str_at(rq, field, i)) != NULL; i++)
		if (strcmp(v, value) == 0)
			return 1;
	return 0;
}

static tmpl_dict *
vp_shipping_build(struct req *rq, struct resp *rs, struct view *v)
{
	struct vp_vendor vendor;
	struct shipping_terms t;
	char amount[48];
	tmpl_dict *d, *s;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0) {
		rs->status = status;
		return NULL;
	}
	if (shipping_load(vendor.id, &t) != 0) {
		rs->status = 500;
		return NULL;
	}
	d = view_begin(v, rq, rs, "vendor/shipping_form.tpl", "Shipping, payment and returns");
	view_crumb(v, "Vendor portal", "/vendor/");
	view_crumb(v, "Shipping, payment and returns", NULL);
	vp_dashboard_nav(d, "/vendor/shipping");
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	if (!t.saved) {
		s = tmpl_section(d, "NOT_SAVED");
		tmpl_set(s, "COUNTRY", shipping_country_name(t.countries[0]));
		tmpl_set_int(s, "DEFAULT_RETURN_DAYS", t.return_days);
	}
	tmpl_set(d, "FLAT_RATE", money_plain(t.flat_rate_minor, amount, sizeof amount));
	if (t.free_above_minor != SHIPPING_NEVER_FREE)
		tmpl_set(d, "FREE_ABOVE", money_plain(t.free_above_minor, amount, sizeof amount));
	tmpl_set_int(d, "HANDLING_DAYS", t.handling_days);
	tmpl_set_int(d, "TRANSIT_MIN_DAYS", t.transit_min_days);
	tmpl_set_int(d, "TRANSIT_MAX_DAYS", t.transit_max_days);
	tmpl_set_int(d, "RETURN_DAYS", t.return_days);
	tmpl_set(d, "RETURN_POLICY", t.return_policy);
	for (int i = 0; i < SHIPPING_NMETHODS; i++) {
		unsigned m = shipping_method_at(i);

		s = tmpl_section(d, "METHOD");
		tmpl_set(s, "VALUE", shipping_method_name(m));
		tmpl_set(s, "LABEL", shipping_method_label(m));
		if (vp_shipping_ticked(rq, "methods", shipping_method_name(m), (t.methods & m) != 0))
			tmpl_show(s, "TICKED");
	}
	for (size_t i = 0; i < shipping_ncountries; i++) {
		s = tmpl_section(d, "COUNTRY");
		tmpl_set(s, "CODE", shipping_countries[i].code);
		tmpl_set(s, "NAME", shipping_countries[i].name);
		if (vp_shipping_ticked(rq, "countries", shipping_countries[i].code,
				       shipping_ships_to(&t, shipping_countries[i].code)))
			tmpl_show(s, "TICKED");
	}
	return d;
}

tmpl_dict *
vp_shipping_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return vp_shipping_build(rq, rs, v);
}

/*
 * ROUTE: GET /vendor/shipping      TEMPLATE: vendor/shipping_form.tpl
 * PARAMS: none
 * The shop's delivery charge, free-delivery threshold, handling and transit
 * days, countries, payment methods, return window and return policy, in a
 * form (the defaults, said as such, until the shop saves them).
 */
int
vp_shipping_form(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };

	if (vp_shipping_build(rq, rs, &v) == NULL) {
		view_discard(&v);
		return rs->status >= 400 ? rs->status : 500;
	}
	return view_end(&v, rs);
}

/*
 * ROUTE: POST /vendor/shipping      TEMPLATE: vendor/shipping_form.tpl
 * PARAMS: flat_rate (amount), free_above (amount, optional), handling_days
 *         (0..60), transit_min_days and transit_max_days (0..90), methods
 *         (card, paypal, bank_transfer; one or more), countries (codes of
 *         the list; one or more), return_days (0..365), return_policy
 *         (text, up to 2000 characters)
 * Saves the terms (the shop's product pages show them from the next
 * request); a field out of range, or transit days the wrong way round,
 * shows the form again with the reason next to the field.
 */
int
vp_shipping_save(struct req *rq, struct resp *rs)
{
	struct vp_vendor vendor;
	struct shipping_terms t;
	const char *value, *field, *why;
	int status;

	if ((status = vp_profile_vendor(rq, &vendor)) != 0)
		return status;
	shipping_defaults(vendor.id, &t);
	t.flat_rate_minor = req_int(rq, "flat_rate", 0);
	value = req_str(rq, "free_above");
	t.free_above_minor = value && *value ? atoll(value) : SHIPPING_NEVER_FREE;
	t.handling_days = (int)req_int(rq, "handling_days", 0);
	t.transit_min_days = (int)req_int(rq, "transit_min_days", 0);
	t.transit_max_days = (int)req_int(rq, "transit_max_days", 0);
	t.return_days = (int)req_int(rq, "return_days", 0);
	value = req_str(rq, "return_policy");
	snprintf(t.return_policy, sizeof t.return_policy, "%s", value ? value : "");
	t.methods = 0;
	for (size_t i = 0; (value = req_str_at(rq, "methods", i)) != NULL; i++)
		t.methods |= shipping_method_parse(value);
	t.ncountries = 0;
	for (size_t i = 0; (value = req_str_at(rq, "countries", i)) != NULL; i++)
		shipping_add_country(&t, value);
	if ((why = shipping_problem(&t, &field)) != NULL) {
		route_form_error(rq, field, why);
		return route_form_fail(rq, rs);
	}
	if (shipping_save(&t) != 0)
		return 500;
	log_info("vp.shipping", "vendor=%lld countries=%zu methods=%u", vendor.id, t.ncountries, t.methods);
	resp_set_flash(rs, "Your shipping, payment and return terms are saved. Your product pages show them now.");
	return resp_redirect(rs, 303, "/vendor/shipping");
}
