/*
 * Tests for cgi/lib/address.c: the rules of each field, the sealed record
 * written and read back, and sealing into a table and opening from a row
 * (which needs a stack's MariaDB and, for its scratch table, the stack's
 * administrative user that scripts/test names in BAZAAR_TEST_DB_ADMIN_USER,
 * as tests/unit/check_db.c does). The key file is a temporary one.
 */
#include "check_util.h"
#include "address.h"
#include "arena.h"
#include "crypt.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static char key_path[128];

static void
setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/bazaar-address-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(key_path, sizeof key_path, "%s/data.key", dir);
}

static void
teardown(void)
{
	crypt_close();
	unlink(key_path);
	rmdir(dir);
}

static const struct address sample = {
	"Siobhán O'Brien", "12 Harbour Street", "Flat 3", "Cork", "T12 AB34", "IE", "+353 21 496 0000",
};

START_TEST(test_field_rules)
{
	char name[260];

	ck_assert_ptr_null(address_problem(ADDRESS_NAME, "Siobhán O'Brien"));
	ck_assert_str_eq(address_problem(ADDRESS_NAME, ""), "Enter the name of the person who receives the parcel.");
	ck_assert_str_eq(address_problem(ADDRESS_LINE1, NULL), "Enter the street and house number.");
	ck_assert_ptr_null(address_problem(ADDRESS_LINE2, ""));
	ck_assert_str_eq(address_problem(ADDRESS_CITY, ""), "Enter the town or city.");
	ck_assert_str_eq(address_problem(ADDRESS_POSTCODE, ""), "Enter the postcode.");
	ck_assert_str_eq(address_problem(ADDRESS_POSTCODE, "123456789012345678901"),
			 "Use at most 20 characters for the postcode.");
	/* the limits count characters, not bytes: 100 two-byte letters pass */
	memset(name, 0, sizeof name);
	for (int i = 0; i < 100; i++)
		memcpy(name + 2 * i, "\xc3\xa9", 2);
	ck_assert_ptr_null(address_problem(ADDRESS_NAME, name));
	memcpy(name + 200, "x", 2);
	ck_assert_str_eq(address_problem(ADDRESS_NAME, name), "Use at most 100 characters for the name.");
}
END_TEST

START_TEST(test_country_and_phone)
{
	char typed[] = "gb";

	address_country_upcase(typed);
	ck_assert_str_eq(typed, "GB");
	ck_assert_ptr_null(address_problem(ADDRESS_COUNTRY, "GB"));
	ck_assert_str_eq(address_problem(ADDRESS_COUNTRY, "GBR"),
			 "Enter the two-letter country code, for example GB, DE or FR.");
	ck_assert_ptr_nonnull(address_problem(ADDRESS_COUNTRY, "g1"));
	ck_assert_ptr_nonnull(address_problem(ADDRESS_COUNTRY, ""));

	ck_assert_ptr_null(address_problem(ADDRESS_PHONE, ""));
	ck_assert_ptr_null(address_phone_problem("+44 (20) 7946-0958"));
	ck_assert_str_eq(address_phone_problem("12"),
			 "Enter a phone number with 6 to 20 digits, for example +44 20 7946 0958.");
	ck_assert_str_eq(address_phone_problem("44+20 7946 0958"), "Put the + only at the start of the phone number.");
	ck_assert_str_eq(address_phone_problem("call me maybe"),
			 "Use only digits, spaces and + ( ) - . in the phone number.");
	ck_assert_str_eq(address_phone_problem("1234567890 1234567890 1234567890"),
			 "Use at most 30 characters for the phone number.");
}
END_TEST

START_TEST(test_record_round_trip)
{
	struct arena a;
	struct address back;
	const char *record;

	arena_init(&a);
	record = address_record(&a, &sample);
	ck_assert_str_eq(record, "1\nSiobhán O'Brien\n12 Harbour Street\nFlat 3\nCork\nT12 AB34\nIE\n+353 21 496 0000");
	address_parse(&a, record, &back);
	for (int f = 0; f < ADDRESS_NFIELDS; f++)
		ck_assert_str_eq(*address_slot(&back, (enum address_field)f),
				 *address_slot((struct address *)&sample, (enum address_field)f));
	/* an empty or unknown record: every field "" */
	address_parse(&a, "", &back);
	ck_assert_str_eq(back.name, "");
	ck_assert_str_eq(back.phone, "");
	address_parse(&a, "2\nsomething else", &back);
	ck_assert_str_eq(back.name, "");
	address_parse(&a, NULL, &back);
	ck_assert_str_eq(back.country, "");
	ck_assert_str_eq(address_field_names[ADDRESS_POSTCODE], "postcode");
	arena_free(&a);
}
END_TEST

/* Sealed into a row, opened from it; the stored bytes hold none of it. */
START_TEST(test_seal_and_open)
{
	const char *socket = getenv("BAZAAR_DB_SOCKET"), *admin = getenv("BAZAAR_TEST_DB_ADMIN_USER");
	struct db_result *r;
	struct address back;
	struct arena a;

	ck_assert_msg(socket != NULL && *socket, "BAZAAR_DB_SOCKET is not set: this test needs a stack's MariaDB");
	if (admin != NULL && *admin) {	/* a temporary table needs more than the application's rights */
		setenv("BAZAAR_DB_USER", admin, 1);
		setenv("BAZAAR_DB_PASSWORD", "", 1);
	}
	ck_assert_int_eq(db_connect(), 0);
	ck_assert_int_eq(crypt_init_file(key_path, 1), 0);
	arena_init(&a);
	ck_assert_int_ge(db_exec("CREATE TEMPORARY TABLE check_address (id BIGINT PRIMARY KEY,"
				 " body_enc VARBINARY(2000))", ""), 0);
	ck_assert_int_eq(db_exec("INSERT INTO check_address (id) VALUES (7), (8)", ""), 2);
	ck_assert_int_eq(address_seal_store(&a, "UPDATE check_address SET body_enc = ? WHERE id = ?", "addresses",
					    "body_enc", 7, &sample), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM check_address WHERE id = 7 AND"
				   " LOCATE('Harbour', body_enc) = 0", ""), 1);
	r = db_query("SELECT id, body_enc FROM check_address ORDER BY id", "");
	ck_assert_ptr_nonnull(r);
	ck_assert(db_next(r));
	address_open(&a, "addresses", "body_enc", 7, r, 1, &back);
	ck_assert_str_eq(back.name, "Siobhán O'Brien");
	ck_assert_str_eq(back.postcode, "T12 AB34");
	/* sealed for another row: nothing opens, every field "" */
	address_open(&a, "addresses", "body_enc", 8, r, 1, &back);
	ck_assert_str_eq(back.line1, "");
	ck_assert(db_next(r));	/* row 8: NULL */
	address_open(&a, "addresses", "body_enc", 8, r, 1, &back);
	ck_assert_str_eq(back.city, "");
	db_free(r);
	db_exec("DROP TEMPORARY TABLE check_address", "");
	arena_free(&a);
	db_close();
}
END_TEST

static Suite *
address_suite(void)
{
	Suite *s = suite_create("address");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_field_rules);
	tcase_add_test(tc, test_country_and_phone);
	tcase_add_test(tc, test_record_round_trip);
	tcase_add_test(tc, test_seal_and_open);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(address_suite)
