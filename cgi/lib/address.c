/*
 * address: the sealed postal address and the rules of its fields (see
 * address.h).
 */
#include "address.h"

#include <string.h>

#include "crypt.h"
#include "text.h"

#define ADDRESS_FORMAT		"1"	/* first line of a sealed address record */
#define ADDRESS_PHONE_MAX	30	/* bytes as typed */

const char *const address_field_names[ADDRESS_NFIELDS] = {
	"name", "line1", "line2", "city", "postcode", "country", "phone",
};

/* The length rules of the text fields, in characters. */
static const struct {
	size_t min, max;
	const char *missing, *long_text;
} address_rules[] = {
	[ADDRESS_NAME] = { 1, 100, ADDRESS_NAME_MISSING, "Use at most 100 characters for the name." },
	[ADDRESS_LINE1] = { 1, 200, ADDRESS_LINE1_MISSING, "Use at most 200 characters for this line." },
	[ADDRESS_LINE2] = { 0, 200, NULL, "Use at most 200 characters for this line." },
	[ADDRESS_CITY] = { 1, 100, ADDRESS_CITY_MISSING, "Use at most 100 characters for the town or city." },
	[ADDRESS_POSTCODE] = { 1, 20, ADDRESS_POSTCODE_MISSING, "Use at most 20 characters for the postcode." },
};

const char **
address_slot(struct address *ad, enum address_field f)
{
	switch (f) {
	case ADDRESS_NAME: return &ad->name;
	case ADDRESS_LINE1: return &ad->line1;
	case ADDRESS_LINE2: return &ad->line2;
	case ADDRESS_CITY: return &ad->city;
	case ADDRESS_POSTCODE: return &ad->postcode;
	case ADDRESS_COUNTRY: return &ad->country;
	case ADDRESS_PHONE:
	default: return &ad->phone;
	}
}

const char *
address_phone_problem(const char *trimmed)
{
	const char *p;
	int digits = 0;

	if (*trimmed == '\0')
		return NULL;
	if (strlen(trimmed) > ADDRESS_PHONE_MAX)
		return "Use at most 30 characters for the phone number.";
	for (p = trimmed; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '+' && p != trimmed)
			return "Put the + only at the start of the phone number.";
		else if (!strchr("+ ()-.", *p))
			return "Use only digits, spaces and + ( ) - . in the phone number.";
	}
	if (digits < 6 || digits > 20)
		return "Enter a phone number with 6 to 20 digits, for example +44 20 7946 0958.";
	return NULL;
}

void
address_country_upcase(char *country)
{
	for (; *country; country++)
		if (*country >= 'a' && *country <= 'z')
			*country = (char)(*country - 'a' + 'A');
}

const char *
address_problem(enum address_field f, const char *value)
{
	size_t chars;

	if (value == NULL)
		value = "";
	switch (f) {
	case ADDRESS_COUNTRY:
		if (strlen(value) != 2 || value[0] < 'A' || value[0] > 'Z' || value[1] < 'A' || value[1] > 'Z')
			return ADDRESS_COUNTRY_MISSING;
		return NULL;
	case ADDRESS_PHONE:
		return address_phone_problem(value);
	case ADDRESS_NAME:
	case ADDRESS_LINE1:
	case ADDRESS_LINE2:
	case ADDRESS_CITY:
	case ADDRESS_POSTCODE:
		chars = text_chars(value);
		if (chars < address_rules[f].min)
			return address_rules[f].missing;
		if (chars > address_rules[f].max)
			return address_rules[f].long_text;
		return NULL;
	default:
		return NULL;
	}
}

char *
address_record(struct arena *a, const struct address *ad)
{
	return arena_printf(a, ADDRESS_FORMAT "\n%s\n%s\n%s\n%s\n%s\n%s\n%s", ad->name, ad->line1, ad->line2,
			    ad->city, ad->postcode, ad->country, ad->phone);
}

void
address_parse(struct arena *a, const char *record, struct address *ad)
{
	const char *p = record, *nl;
	int i;

	for (i = 0; i < ADDRESS_NFIELDS; i++)
		*address_slot(ad, (enum address_field)i) = "";
	if (p == NULL || strncmp(p, ADDRESS_FORMAT "\n", 2) != 0)
		return;
	p += 2;
	for (i = 0; i < ADDRESS_NFIELDS && p != NULL; i++) {
		nl = strchr(p, '\n');
		*address_slot(ad, (enum address_field)i) = nl ? arena_strndup(a, p, (size_t)(nl - p)) :
								 arena_strdup(a, p);
		p = nl ? nl + 1 : NULL;
	}
}

int
address_seal_store(struct arena *a, const char *sql, const char *table, const char *column, long long row_id,
		   const struct address *ad)
{
	return crypt_seal_store(sql, table, column, row_id, address_record(a, ad));
}

void
address_open(struct arena *a, const char *table, const char *column, long long row_id,
	     const struct db_result *r, unsigned col, struct address *ad)
{
	address_parse(a, crypt_open_column(a, table, column, row_id, r, col, ""), ad);
}
