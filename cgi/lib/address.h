/*
 * address: a postal address as Bazaar keeps it: sealed into one column
 * (crypt.h) as a record of its fields, for the customer's address book
 * (addresses.body_enc) and for whatever else must keep where a parcel goes
 * (an order). The rules of each field are plain functions that return NULL
 * or the sentence to show next to the field, so a page or a route's
 * validator can call them.
 */
#ifndef BAZAAR_ADDRESS_H
#define BAZAAR_ADDRESS_H
#include "arena.h"
#include "db.h"

/* The fields, in the order of the sealed record. */
enum address_field {
	ADDRESS_NAME,		/* who receives the parcel, 1..100 characters */
	ADDRESS_LINE1,		/* street and number, 1..200 */
	ADDRESS_LINE2,		/* optional, 0..200 */
	ADDRESS_CITY,		/* 1..100 */
	ADDRESS_POSTCODE,	/* 1..20 */
	ADDRESS_COUNTRY,	/* two capital letters (ISO 3166-1 alpha-2) */
	ADDRESS_PHONE,		/* optional; see address_phone_problem */
	ADDRESS_NFIELDS
};

/* Arena strings (or literals), never NULL once read or parsed. */
struct address {
	const char *name, *line1, *line2, *city, *postcode, *country, *phone;
};

/* The form field name of each field: "name", "line1", "line2", "city",
 * "postcode", "country", "phone". */
extern const char *const address_field_names[ADDRESS_NFIELDS];

/* What to say when a field that must be filled in is left empty (route
 * tables declare them, ROUTE_FIELD's last argument). */
#define ADDRESS_NAME_MISSING "Enter the name of the person who receives the parcel."
#define ADDRESS_LINE1_MISSING "Enter the street and house number."
#define ADDRESS_CITY_MISSING "Enter the town or city."
#define ADDRESS_POSTCODE_MISSING "Enter the postcode."
#define ADDRESS_COUNTRY_MISSING "Enter the two-letter country code, for example GB, DE or FR." /* or a wrong one */

/* The member of ad that holds field f. */
const char **address_slot(struct address *ad, enum address_field f);

/* Checks the value of field f (trimmed; the country upper-cased, see
 * address_country_upcase). Returns NULL when acceptable, else the sentence
 * to show next to the field. */
const char *address_problem(enum address_field f, const char *value);
/* A phone number as people write it: digits, spaces, + ( ) - . with 6 to
 * 20 digits, at most 30 characters. NULL when acceptable (or empty), else
 * the sentence. */
const char *address_phone_problem(const char *trimmed);
/* Upper-cases the ASCII letters of a typed country code, in place. */
void address_country_upcase(char *country);

/* The record that is sealed: a format line, then one field a line (a
 * field holds no line break: the router refuses them in form fields). */
char *address_record(struct arena *a, const struct address *ad);
/* Fills ad from a record (arena strings); every field is "" when the record
 * is empty or of an unknown format. */
void address_parse(struct arena *a, const char *record, struct address *ad);

/* Seals ad's record for (table, column, row_id) and stores it by running sql
 * with the binds "bi" (crypt_seal_store). Returns 0 or -1. */
int address_seal_store(struct arena *a, const char *sql, const char *table, const char *column,
		       long long row_id, const struct address *ad);
/* Opens the sealed record in column col of r's current row into ad (every
 * field "" when the column is empty or does not open: crypt_open_column's
 * fallback for forms). */
void address_open(struct arena *a, const char *table, const char *column, long long row_id,
		  const struct db_result *r, unsigned col, struct address *ad);

#endif
