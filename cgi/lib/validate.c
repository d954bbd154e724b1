/*
 * validate: validators of form fields for the route tables (see validate.h).
 */
#include "validate.h"
#include "address.h"
#include "auth.h"
#include "password.h"
#include "sess.h"
#include "text.h"
#include "token.h"

#include <stdlib.h>
#include <string.h>

static int
validate_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
validate_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

const char *
validate_email(struct req *rq, const char **value)
{
	char email[AUTH_EMAIL_MAX + 1];
	const char *problem = auth_email_problem(*value, email);

	if (problem == NULL)
		*value = arena_strdup(&rq->arena, email);
	return problem;
}

const char *
validate_password(struct req *rq, const char **value)
{
	const char *email = req_str(rq, "email");

	if (email == NULL)
		email = kvlist_get(&rq->form_fields, "email");
	if (email == NULL && rq->sess != NULL)
		email = rq->sess->email;
	return password_problem(*value, email);
}

const char *
validate_person_name(struct req *rq, const char **value)
{
	size_t chars = text_chars(*value);

	(void)rq;
	if (chars == 0)
		return "Enter your name.";
	if (chars > VALIDATE_NAME_MAX)
		return "Use at most 100 characters for your name.";
	return NULL;
}

const char *
validate_phone(struct req *rq, const char **value)
{
	static const char bad[] = "Enter a phone number with its country code, like +44 20 7946 0958.";
	const char *s = *value;
	size_t digits = 0;

	(void)rq;
	if (*s == '+')
		s++;
	for (; *s; s++) {
		if (validate_digit(*s))
			digits++;
		else if (strchr(" -().", *s) == NULL)
			return bad;
	}
	return digits >= 6 && digits <= 15 ? NULL : bad;
}

const char *
validate_contact_phone(struct req *rq, const char **value)
{
	(void)rq;
	return address_phone_problem(*value);
}

const char *
validate_address_name(struct req *rq, const char **value)
{
	(void)rq;
	return address_problem(ADDRESS_NAME, *value);
}

/* Line 1 and line 2 have the same limit; only line 1 is required, which
 * is the route table's business. */
const char *
validate_address_line(struct req *rq, const char **value)
{
	(void)rq;
	return address_problem(ADDRESS_LINE2, *value);
}

const char *
validate_address_city(struct req *rq, const char **value)
{
	(void)rq;
	return address_problem(ADDRESS_CITY, *value);
}

const char *
validate_address_postcode(struct req *rq, const char **value)
{
	(void)rq;
	return address_problem(ADDRESS_POSTCODE, *value);
}

const char *
validate_address_country(struct req *rq, const char **value)
{
	char *country = arena_strdup(&rq->arena, *value);

	address_country_upcase(country);
	*value = country;
	return address_problem(ADDRESS_COUNTRY, country);
}

const char *
validate_address_label(struct req *rq, const char **value)
{
	(void)rq;
	if (text_chars(*value) > VALIDATE_ADDRESS_LABEL_MAX)
		return "Use at most 60 characters for the name of the address.";
	return NULL;
}

const char *
validate_bank_problem(const char *account)
{
	size_t len = strlen(account), i;
	unsigned r = 0;

	if (len >= 4 && validate_upper(account[0]) && validate_upper(account[1]) &&
	    validate_digit(account[2]) && validate_digit(account[3])) {
		/* An IBAN (ISO 13616): the country and check digits move to the
		 * end, letters count as 10..35, and the number mod 97 is 1. */
		if (len < 15 || len > 34)
			return "An IBAN has 15 to 34 letters and digits: check that none is missing.";
		for (i = 0; i < len; i++) {
			char c = account[(i + 4) % len];

			if (validate_digit(c))
				r = (r * 10 + (unsigned)(c - '0')) % 97;
			else if (validate_upper(c))
				r = (r * 100 + (unsigned)(c - 'A' + 10)) % 97;
			else
				return "An IBAN has only letters and digits.";
		}
		if (r != 1)
			return "This IBAN is not valid: check it for a typing mistake.";
		return NULL;
	}
	for (i = 0; i < len; i++)
		if (!validate_digit(account[i]))
			break;
	if (i < len || len < 6 || len > 20)
		return "Enter an IBAN (like GB82 WEST 1234 5698 7654 32) or an account number of 6 to 20 digits.";
	return NULL;
}

const char *
validate_bank_account(struct req *rq, const char **value)
{
	const char *s = *value;
	char *out = arena_alloc(&rq->arena, strlen(s) + 1), *o = out;

	for (; *s; s++) {
		if (*s == ' ' || *s == '-' || *s == '\t')
			continue;
		*o++ = (*s >= 'a' && *s <= 'z') ? (char)(*s - 'a' + 'A') : *s;
	}
	*o = '\0';
	*value = out;
	return validate_bank_problem(out);
}

const char *
validate_reference(struct req *rq, const char **value)
{
	const char *s;

	(void)rq;
	for (s = *value; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || validate_upper(*s) || validate_digit(*s) ||
		      strchr(" -/.", *s) != NULL))
			return "Use letters, digits, spaces, dashes, dots or slashes only.";
	return NULL;
}

const char *
validate_website(struct req *rq, const char **value)
{
	static const char bad[] = "Enter the full address of your website, starting with https://";
	const char *s = *value, *host, *p;
	size_t dots = 0;

	(void)rq;
	if (strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		return bad;
	for (p = host; *p && *p != '/' && *p != '?' && *p != '#' && *p != ':'; p++) {
		if (*p == '.')
			dots++;
		else if (!((*p >= 'a' && *p <= 'z') || validate_upper(*p) || validate_digit(*p) || *p == '-'))
			return bad;
	}
	if (p == host || dots == 0 || host[0] == '.' || p[-1] == '.')
		return bad;
	for (; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f || strchr("\"<>\\^`{|}", *p))
			return bad;
	return NULL;
}

const char *
validate_date(struct req *rq, const char **value)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const char *s = *value;
	int year, month, day, i;

	(void)rq;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !validate_digit(s[i]))
			return "Enter a date like 2026-12-31.";
	if (s[10] != '\0')
		return "Enter a date like 2026-12-31.";
	year = atoi(s);
	month = atoi(s + 5);
	day = atoi(s + 8);
	if (year < 2000 || year > 2999 || month < 1 || month > 12 || day < 1 || day > days[month - 1] ||
	    (month == 2 && day == 29 && (year % 4 != 0 || (year % 100 == 0 && year % 400 != 0))))
		return "Enter a date that exists, like 2026-12-31.";
	return NULL;
}

const char *
validate_form_key(struct req *rq, const char **value)
{
	(void)rq;
	return token_hex_valid(*value, 32) ? NULL : "The form has expired: open the page again.";
}
