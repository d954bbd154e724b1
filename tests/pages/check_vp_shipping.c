/*
 * Page tests for vp_shipping.c: GET /vendor/shipping shows the defaults
 * until the shop saves its terms; POST /vendor/shipping saves them (and the
 * dashboard's next step is done), and refuses each field out of range with
 * its reason next to it, saving nothing.
 */
#define PU_PREFIX "vp-shipping"
#include "vp_util.h"

#include "shipping.h"

#define VALID "flat_rate=4.90&free_above=50&handling_days=1&transit_min_days=2&transit_max_days=4" \
	"&methods=card&methods=paypal&countries=FR&countries=DE&countries=AT&return_days=30" \
	"&return_policy=Unused+items+in+their+box.%0D%0AWe+pay+the+label."

START_TEST(test_shipping_defaults_and_save)
{
	struct vpt_vendor v;
	struct pu_page *p;
	struct shipping_terms t;

	vpt_vendor_new(&v, "verified", 1);
	p = pu_get_as(&v.u, "/vendor/shipping");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "href=\"/vendor/shipping\" aria-current=\"page\">Shipping</a>");
	pu_assert_text(p, "Until you do, your shop delivers free of charge to Germany only");
	pu_assert_has(p, "<input type=\"checkbox\" name=\"countries\" value=\"DE\" checked> Germany");
	pu_assert_has(p, "<input type=\"checkbox\" name=\"countries\" value=\"FR\"> France");
	pu_assert_has(p, "<input type=\"checkbox\" name=\"methods\" value=\"bank_transfer\" checked> Bank transfer");
	pu_assert_has(p, "name=\"flat_rate\" value=\"0.00\"");
	pu_assert_has(p, "name=\"return_days\" value=\"14\"");
	pu_free(p);

	p = pu_post_as(&v.u, "/vendor/shipping", VALID);
	pu_assert_status(p, 303);
	pu_assert_location(p, "/vendor/shipping");
	pu_assert_flash(p, "Your shipping, payment and return terms are saved.");
	pu_free(p);
	ck_assert_int_eq(shipping_load(v.vendor_id, &t), 0);
	ck_assert(t.saved);
	ck_assert_int_eq(t.flat_rate_minor, 490);
	ck_assert_int_eq(t.free_above_minor, 5000);
	ck_assert_int_eq(t.handling_days, 1);
	ck_assert_int_eq(t.transit_min_days, 2);
	ck_assert_int_eq(t.transit_max_days, 4);
	ck_assert_uint_eq(t.methods, SHIPPING_CARD | SHIPPING_PAYPAL);
	ck_assert_uint_eq(t.ncountries, 3);
	ck_assert_int_eq(t.return_days, 30);
	ck_assert_str_eq(t.return_policy, "Unused items in their box.\nWe pay the label.");

	p = pu_get_as(&v.u, "/vendor/shipping");
	pu_assert_lacks(p, "Until you do");
	pu_assert_has(p, "name=\"flat_rate\" value=\"4.90\"");
	pu_assert_has(p, "name=\"free_above\" value=\"50.00\"");
	pu_assert_has(p, "<input type=\"checkbox\" name=\"countries\" value=\"FR\" checked> France");
	pu_assert_has(p, "<input type=\"checkbox\" name=\"countries\" value=\"GB\"> United Kingdom");
	pu_assert_has(p, "<input type=\"checkbox\" name=\"methods\" value=\"bank_transfer\"> Bank transfer");
	pu_assert_has(p, "Unused items in their box.\nWe pay the label.</textarea>");
	pu_free(p);

	/* The dashboard's step is done. */
	p = pu_get_as(&v.u, "/vendor/");
	pu_assert_has(p, "your shipping, payment and return terms are saved");
	pu_assert_has(p, "1 of 4 done.");
	pu_free(p);

	/* Free delivery left empty: never free. */
	pu_expect(303, pu_post_as(&v.u, "/vendor/shipping", "flat_rate=3&free_above=&handling_days=0&transit_min_days=0"
				  "&transit_max_days=0&methods=bank_transfer&countries=GB&return_days=0&return_policy="));
	ck_assert_int_eq(shipping_load(v.vendor_id, &t), 0);
	ck_assert_int_eq(t.free_above_minor, SHIPPING_NEVER_FREE);
	ck_assert_uint_eq(t.ncountries, 1);
	ck_assert_str_eq(t.countries[0], "GB");
	ck_assert_str_eq(t.return_policy, "");
}
END_TEST

/* One bad field: the form again (422) with the field's reason, what was
 * typed kept, and the saved terms unchanged. */
static void
check_refused(const struct vpt_vendor *v, const char *body, const char *field, const char *why)
{
	struct pu_page *p = pu_post_as(&v->u, "/vendor/shipping", body);
	struct shipping_terms t;
	char want[300];

	ck_assert_msg(p->status == 422, "%s: status %d", body, p->status);
	snprintf(want, sizeof want, "id=\"%s-error\"", field);
	ck_assert_msg(strstr(p->body, want) != NULL, "%s: no error on %s", body, field);
	ck_assert_msg(strstr(p->body, why) != NULL, "%s: no \"%s\"", body, why);
	pu_assert_has(p, "Nothing was saved");
	pu_free(p);
	ck_assert_int_eq(shipping_load(v->vendor_id, &t), 0);
	ck_assert_int_eq(t.flat_rate_minor, 490);
	ck_assert_uint_eq(t.ncountries, 3);
	ck_assert_uint_eq(t.methods, SHIPPING_CARD | SHIPPING_PAYPAL);
}

START_TEST(test_shipping_bad_input)
{
	struct vpt_vendor v;
	struct pu_page *p;

	vpt_vendor_new(&v, "verified", 1);
	pu_expect(303, pu_post_as(&v.u, "/vendor/shipping", VALID));

#define REST "&handling_days=1&transit_min_days=2&transit_max_days=4&methods=card&countries=FR&return_days=30"
	check_refused(&v, "flat_rate=" REST, "flat_rate", "Enter what you charge to deliver an order");
	check_refused(&v, "flat_rate=abc" REST, "flat_rate", "must be an amount like 12.50");
	check_refused(&v, "flat_rate=-1" REST, "flat_rate", "must be an amount like 12.50");
	check_refused(&v, "flat_rate=1.999" REST, "flat_rate", "must be an amount like 12.50");
	check_refused(&v, "flat_rate=1000000.01" REST, "flat_rate", "must be an amount like 12.50");
	check_refused(&v, "flat_rate=1&free_above=ten" REST, "free_above", "must be an amount like 12.50");
#undef REST
#define HEAD "flat_rate=4&methods=card&countries=FR&return_days=30"
	check_refused(&v, HEAD "&handling_days=61&transit_min_days=1&transit_max_days=2", "handling_days",
		      "must be a whole number from 0 to 60");
	check_refused(&v, HEAD "&handling_days=1.5&transit_min_days=1&transit_max_days=2", "handling_days",
		      "must be a whole number from 0 to 60");
	check_refused(&v, HEAD "&transit_min_days=1&transit_max_days=2", "handling_days",
		      "Enter how many days you need to send an order");
	check_refused(&v, HEAD "&handling_days=1&transit_min_days=91&transit_max_days=95", "transit_min_days",
		      "must be a whole number from 0 to 90");
	check_refused(&v, HEAD "&handling_days=1&transit_min_days=5&transit_max_days=4", "transit_max_days",
		      "Enter the most days in transit as a whole number from the fewest days up to 90.");
	check_refused(&v, HEAD "&handling_days=1&transit_min_days=1&transit_max_days=-4", "transit_max_days",
		      "must be a whole number from 0 to 90");
#undef HEAD
#define DAYS "flat_rate=4&handling_days=1&transit_min_days=1&transit_max_days=2&return_days=30"
	check_refused(&v, DAYS "&countries=FR", "methods", "Choose at least one payment method you accept.");
	check_refused(&v, DAYS "&countries=FR&methods=cash", "methods", "must be one of: card, paypal, bank_transfer.");
	check_refused(&v, DAYS "&methods=card", "countries", "Choose at least one country you deliver to.");
	check_refused(&v, DAYS "&methods=card&countries=ZZ", "countries", "Choose the countries you deliver to from the list.");
	check_refused(&v, DAYS "&methods=card&countries=fr", "countries", "Choose the countries you deliver to from the list.");
	check_refused(&v, DAYS "&methods=card&countries=FRA", "countries", "Choose the countries you deliver to from the list.");
#undef DAYS
#define MOST "flat_rate=4&handling_days=1&transit_min_days=1&transit_max_days=2&methods=card&countries=FR"
	check_refused(&v, MOST "&return_days=366", "return_days", "must be a whole number from 0 to 365");
	check_refused(&v, MOST, "return_days", "Enter how many days after delivery a customer may send items back");
	{
		char *body, *policy = malloc(2002);

		memset(policy, 'x', 2001);
		policy[2001] = '\0';
		ck_assert(asprintf(&body, MOST "&return_days=14&return_policy=%s", policy) > 0);
		check_refused(&v, body, "return_policy", "Return policy can be at most 2000 characters long.");
		free(body);
		free(policy);
	}
#undef MOST
	/* What was typed stays in the form, boxes included. */
	p = pu_post_as(&v.u, "/vendor/shipping", "flat_rate=7.5&handling_days=99&transit_min_days=1"
		       "&transit_max_days=2&methods=bank_transfer&countries=GB&return_days=10");
	pu_assert_status(p, 422);
	pu_assert_has(p, "name=\"flat_rate\" value=\"7.50\"");
	pu_assert_has(p, "name=\"handling_days\" value=\"99\"");
	pu_assert_has(p, "<input type=\"checkbox\" name=\"countries\" value=\"GB\" checked> United Kingdom");
	pu_assert_has(p, "<input type=\"checkbox\" name=\"countries\" value=\"FR\"> France");
	pu_assert_has(p, "<input type=\"checkbox\" name=\"methods\" value=\"bank_transfer\" checked>");
	pu_assert_has(p, "<input type=\"checkbox\" name=\"methods\" value=\"card\">");
	pu_free(p);
	/* A list left empty marks its boxes. */
	p = pu_post_as(&v.u, "/vendor/shipping", "flat_rate=7.5&handling_days=1&transit_min_days=1"
		       "&transit_max_days=2&methods=card&return_days=10");
	pu_assert_status(p, 422);
	pu_assert_has(p, "value=\"FR\" aria-invalid=\"true\" aria-describedby=\"countries-error\">");
	pu_assert_lacks(p, "aria-describedby=\"methods-error\"");
	pu_free(p);
}
END_TEST

START_TEST(test_shipping_access)
{
	struct vpt_vendor v;
	struct pu_user customer;

	vpt_vendor_new(&v, "verified", 1);
	/* Without the form token nothing is saved. */
	pu_expect(403, pu_post("/vendor/shipping", v.u.cookie, VALID));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendor_shipping WHERE vendor_id = ?", v.vendor_id), 0);
	vpt_customer_new(&customer);
	pu_expect(404, pu_request("GET", "/vendor/shipping", customer.cookie));
	pu_expect(404, pu_post_as(&customer, "/vendor/shipping", VALID));
	pu_expect(303, pu_get("/vendor/shipping"));
}
END_TEST

static Suite *
vp_shipping_suite(void)
{
	Suite *s = suite_create("vp_shipping");
	TCase *tc = pu_tcase_people(s, "shipping");

	tcase_add_test(tc, test_shipping_defaults_and_save);
	tcase_add_test(tc, test_shipping_bad_input);
	tcase_add_test(tc, test_shipping_access);
	return s;
}

CHECK_MAIN(vp_shipping_suite)
