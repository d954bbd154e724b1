/*
 * validate: the rules of form fields, as validators for the route tables
 * (route.h, struct param.validate), and the text helpers they share.
 *
 * A validator sees a value the router has already checked against the
 * field's type (valid UTF-8 text within its length; tidied when the field is
 * PARAM_TRIM, text.h) and present (an empty field is PARAM_REQUIRED's business). It
 * returns NULL when the value is acceptable, else the sentence shown next to
 * the field (a constant, or text in rq's arena). It may replace *value with
 * the form handlers then read: an email address in lower case, an account
 * number without spaces. Rules that need the database (an address already
 * taken, a wrong current password) stay with the handlers.
 */
#ifndef BAZAAR_VALIDATE_H
#define BAZAAR_VALIDATE_H
#include <stddef.h>
#include "address.h"
#include "arena.h"
#include "req.h"

#define VALIDATE_NAME_MAX 100	/* characters in a person's name */

/* An email address (auth_email_problem); normalised to lower case. */
const char *validate_email(struct req *rq, const char **value);
/* A new password (password_problem): compared with the form's email field
 * when there is one, else with the logged-in user's address. */
const char *validate_password(struct req *rq, const char **value);
/* A person's name: 1 to VALIDATE_NAME_MAX characters. */
const char *validate_person_name(struct req *rq, const char **value);
/* A phone number: an optional '+', 6 to 15 digits, and spaces, dashes,
 * dots or brackets. */
const char *validate_phone(struct req *rq, const char **value);
/* A person's phone number as people write it (address_phone_problem). */
const char *validate_contact_phone(struct req *rq, const char **value);
/* An IBAN (checked with its check digits) or an account number of 6 to 20
 * digits; spaces and dashes dropped, letters upper-cased. */
const char *validate_bank_account(struct req *rq, const char **value);
/* A company registration number or a tax id: letters, digits, spaces and
 * "-/.". */
const char *validate_reference(struct req *rq, const char **value);
/* An absolute http(s) address whose host has a dot. */
const char *validate_website(struct req *rq, const char **value);

/* The fields of a postal address (address.h), each with the address
 * module's rule and sentences: name, line1, line2 (optional), city,
 * postcode, country (normalised to capitals), phone (optional). */
const char *validate_address_name(struct req *rq, const char **value);
const char *validate_address_line(struct req *rq, const char **value);
const char *validate_address_city(struct req *rq, const char **value);
const char *validate_address_postcode(struct req *rq, const char **value);
const char *validate_address_country(struct req *rq, const char **value);
/* The name a customer gives an address of their book ("Home"): at most
 * VALIDATE_ADDRESS_LABEL_MAX characters. */
const char *validate_address_label(struct req *rq, const char **value);
#define VALIDATE_ADDRESS_LABEL_MAX 60

/* A postal address's fields for a route table (route.h's ROUTE_FIELD), in
 * the order of address_field_names. */
#define VALIDATE_ADDRESS_FIELDS \
	ROUTE_FIELD("name", 0, "Full name", 0u, validate_address_name, ADDRESS_NAME_MISSING), \
	ROUTE_FIELD("line1", 0, "Street and number", 0u, validate_address_line, ADDRESS_LINE1_MISSING), \
	ROUTE_FIELD("line2", 0, "Address line 2", 0u, validate_address_line, NULL), \
	ROUTE_FIELD("city", 0, "Town or city", 0u, validate_address_city, ADDRESS_CITY_MISSING), \
	ROUTE_FIELD("postcode", 0, "Postcode", 0u, validate_address_postcode, ADDRESS_POSTCODE_MISSING), \
	ROUTE_FIELD("country", 0, "Country code", 0u, validate_address_country, ADDRESS_COUNTRY_MISSING), \
	ROUTE_FIELD("phone", 0, "Phone", 0u, validate_contact_phone, NULL)

/* A calendar date written YYYY-MM-DD (a filter's bound), a real day of a
 * year from 2000 to 2999. */
const char *validate_date(struct req *rq, const char **value);
/* A form's one-time key: 32 lower-case hex digits, drawn when the form was
 * shown so that the form sent twice does its work once. */
const char *validate_form_key(struct req *rq, const char **value);

/* The rule of validate_bank_account for an account already compacted:
 * NULL when acceptable, else the sentence. */
const char *validate_bank_problem(const char *account);
#endif
