/* Tests for cgi/lib/validate.c: the validators of form fields. */
#include "check_util.h"
#include "validate.h"
#include "validator_util.h"

#include <string.h>

START_TEST(test_email)
{
	const char *out;

	ck_assert_ptr_null(run(validate_email, "Dana.Smith@Example.COM", &out));
	ck_assert_str_eq(out, "dana.smith@example.com");
	ck_assert_str_eq(run(validate_email, "not an address", &out), "Enter an email address like name@example.com.");
	ck_assert_str_eq(out, "not an address");	/* untouched when refused */
	ck_assert_ptr_nonnull(run(validate_email, "a@b", NULL));
}
END_TEST

START_TEST(test_password)
{
	char body[] = "email=dana%40example.com";
	char *env[] = { "REQUEST_METHOD=POST", "REQUEST_URI=/form",
			"CONTENT_TYPE=application/x-www-form-urlencoded", NULL };
	struct req form;
	const char *value = "dana@example.com";

	ck_assert_ptr_null(run(validate_password, "a long and unusual passphrase", NULL));
	ck_assert_str_eq(run(validate_password, "short", NULL), "Use at least 12 characters.");
	/* compared with the form's email field */
	ck_assert_int_eq(req_init(&form, env, body, strlen(body), &req_default_limits), 0);
	ck_assert_str_eq(validate_password(&form, &value), "Your password must not be your email address.");
	req_free(&form);
}
END_TEST

START_TEST(test_person_name)
{
	char longest[128];

	ck_assert_ptr_null(run(validate_person_name, "Siobh\xc3\xa1n O'Brien", NULL));
	ck_assert_str_eq(run(validate_person_name, "", NULL), "Enter your name.");
	memset(longest, 'a', 100);
	longest[100] = '\0';
	ck_assert_ptr_null(run(validate_person_name, longest, NULL));
	longest[100] = 'a';
	longest[101] = '\0';
	ck_assert_str_eq(run(validate_person_name, longest, NULL), "Use at most 100 characters for your name.");
}
END_TEST

START_TEST(test_phone)
{
	ck_assert_ptr_null(run(validate_phone, "+44 20 7946 0958", NULL));
	ck_assert_ptr_null(run(validate_phone, "(030) 123-456.78", NULL));
	ck_assert_ptr_nonnull(run(validate_phone, "call me", NULL));
	ck_assert_ptr_nonnull(run(validate_phone, "+44 1", NULL));		/* too few digits */
	ck_assert_ptr_nonnull(run(validate_phone, "1234567890123456", NULL));	/* too many */
	ck_assert_ptr_nonnull(run(validate_phone, "12 34 56+7", NULL));
}
END_TEST

START_TEST(test_contact_phone)
{
	ck_assert_ptr_null(run(validate_contact_phone, "+44 20 7946 0958", NULL));
	ck_assert_str_eq(run(validate_contact_phone, "call me maybe", NULL),
			 "Use only digits, spaces and + ( ) - . in the phone number.");
}
END_TEST

START_TEST(test_address_fields)
{
	const char *out;
	char long_line[202];

	ck_assert_ptr_null(run(validate_address_name, "Siobhán O'Brien", NULL));
	memset(long_line, 'a', 201);
	long_line[201] = '\0';
	ck_assert_str_eq(run(validate_address_line, long_line, NULL), "Use at most 200 characters for this line.");
	ck_assert_str_eq(run(validate_address_postcode, "123456789012345678901", NULL),
			 "Use at most 20 characters for the postcode.");
	ck_assert_ptr_null(run(validate_address_city, "Leeds", NULL));
	ck_assert_ptr_null(run(validate_address_country, "gb", &out));
	ck_assert_str_eq(out, "GB");	/* normalised for the handler */
	ck_assert_str_eq(run(validate_address_country, "GBR", NULL), ADDRESS_COUNTRY_MISSING);
	ck_assert_ptr_null(run(validate_address_label, "Home", NULL));
	memset(long_line, 'h', 61);
	long_line[61] = '\0';
	ck_assert_str_eq(run(validate_address_label, long_line, NULL),
			 "Use at most 60 characters for the name of the address.");
}
END_TEST

START_TEST(test_bank_account)
{
	const char *out;

	ck_assert_ptr_null(run(validate_bank_account, "gb82 west 1234-5698 7654 32", &out));
	ck_assert_str_eq(out, "GB82WEST12345698765432");
	ck_assert_str_eq(run(validate_bank_account, "GB82 WEST 1234 5698 7654 33", &out),
			 "This IBAN is not valid: check it for a typing mistake.");
	ck_assert_str_eq(out, "GB82WEST12345698765433");	/* kept compacted for the form */
	/* the rule itself */
	ck_assert_ptr_null(validate_bank_problem("GB82WEST12345698765432"));
	ck_assert_ptr_null(validate_bank_problem("DE89370400440532013000"));
	ck_assert_ptr_null(validate_bank_problem("123456"));
	ck_assert_ptr_null(validate_bank_problem("12345678901234567890"));
	ck_assert_ptr_nonnull(validate_bank_problem("GB82WEST12345698765433"));	/* check digits */
	ck_assert_ptr_nonnull(validate_bank_problem("GB82WEST1234"));		/* too short */
	ck_assert_ptr_nonnull(validate_bank_problem("DE89370400440532013000!"));
	ck_assert_ptr_nonnull(validate_bank_problem("12345"));
	ck_assert_ptr_nonnull(validate_bank_problem("123456789012345678901"));
	ck_assert_ptr_nonnull(validate_bank_problem("ABCDEFGH"));
	ck_assert_ptr_nonnull(validate_bank_problem(""));
}
END_TEST

START_TEST(test_reference_and_website)
{
	ck_assert_ptr_null(run(validate_reference, "HRB 12345/B-2.1", NULL));
	ck_assert_str_eq(run(validate_reference, "GB<123>", NULL),
			 "Use letters, digits, spaces, dashes, dots or slashes only.");
	ck_assert_ptr_null(run(validate_website, "https://pots.example/shop?x=1", NULL));
	ck_assert_ptr_null(run(validate_website, "http://www.pots.example", NULL));
	ck_assert_ptr_nonnull(run(validate_website, "ftp://pots.example", NULL));
	ck_assert_ptr_nonnull(run(validate_website, "javascript:alert(1)", NULL));
	ck_assert_ptr_nonnull(run(validate_website, "https://localhost/", NULL));
	ck_assert_ptr_nonnull(run(validate_website, "https://pots.example/a b", NULL));
	ck_assert_ptr_nonnull(run(validate_website, "https://.example", NULL));
}
END_TEST

START_TEST(test_date_and_form_key)
{
	ck_assert_ptr_null(run(validate_date, "2026-12-31", NULL));
	ck_assert_ptr_null(run(validate_date, "2028-02-29", NULL));
	ck_assert_ptr_null(run(validate_date, "2000-02-29", NULL));
	ck_assert_str_eq(run(validate_date, "2026-02-29", NULL), "Enter a date that exists, like 2026-12-31.");
	ck_assert_ptr_nonnull(run(validate_date, "2100-02-29", NULL));
	ck_assert_ptr_nonnull(run(validate_date, "2026-13-01", NULL));
	ck_assert_ptr_nonnull(run(validate_date, "2026-04-31", NULL));
	ck_assert_ptr_nonnull(run(validate_date, "1999-12-31", NULL));
	ck_assert_str_eq(run(validate_date, "31.12.2026", NULL), "Enter a date like 2026-12-31.");
	ck_assert_ptr_nonnull(run(validate_date, "2026-1-01", NULL));
	ck_assert_ptr_nonnull(run(validate_date, "2026-12-31x", NULL));
	ck_assert_ptr_nonnull(run(validate_date, "", NULL));
	ck_assert_ptr_null(run(validate_form_key, "0123456789abcdef0123456789abcdef", NULL));
	ck_assert_ptr_nonnull(run(validate_form_key, "0123456789ABCDEF0123456789abcdef", NULL));
	ck_assert_ptr_nonnull(run(validate_form_key, "0123456789abcdef", NULL));
	ck_assert_ptr_nonnull(run(validate_form_key, "0123456789abcdef0123456789abcdeg", NULL));
}
END_TEST

static Suite *
check_validate_suite(void)
{
	Suite *s = suite_create("validate");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, validator_setup, validator_teardown);
	tcase_add_test(tc, test_email);
	tcase_add_test(tc, test_password);
	tcase_add_test(tc, test_person_name);
	tcase_add_test(tc, test_phone);
	tcase_add_test(tc, test_contact_phone);
	tcase_add_test(tc, test_address_fields);
	tcase_add_test(tc, test_bank_account);
	tcase_add_test(tc, test_reference_and_website);
	tcase_add_test(tc, test_date_and_form_key);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(check_validate_suite)
