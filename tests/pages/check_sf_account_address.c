/*
 * Page tests for sf_account_address.c: the address book.
 */
#define PU_PREFIX "sf-address"
#include "sf_account_util.h"

START_TEST(test_addresses)
{
	struct pu_user u;
	struct pu_page *p;
	char *record, uri[96];
	long long id, second;

	sat_member(&u, 1);
	p = pu_get_as(&u, "/account/addresses");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "You have no saved addresses yet.");
	pu_assert_has(p, "autocomplete=\"shipping postal-code\"");
	pu_assert_has(p, "<label for=\"line1\">");
	pu_free(p);

	/* bad input */
	p = sat_post_as(&u, "/account/addresses", sat_form("label", "", "name", "Bea", "line1", "", "line2", "",
							  "city", "Leeds", "postcode", "LS1 1AA", "country", "GBR",
							  "phone", "", NULL));
	pu_assert_status(p, 422);
	pu_assert_layout(p);
	pu_assert_text(p, "Give the address a short name, for example Home.");
	pu_assert_text(p, "Enter the street and house number.");
	pu_assert_text(p, "Enter the two-letter country code, for example GB, DE or FR.");
	pu_assert_has(p, "value=\"LS1 1AA\"");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM addresses WHERE user_id = ?", u.id), 0);
	/* the router's form: every message next to its field, the input kept
	 * (tidied), the default box still ticked */
	p = sat_post_as(&u, "/account/addresses", sat_form("label", "  Summer house ", "name", "Bea", "line1",
							  "1 Quay Street", "line2", "", "city", "Leeds",
							  "postcode", "123456789012345678901", "country", "gb",
							  "phone", "call me", "is_default", "1", NULL));
	pu_assert_status(p, 422);
	pu_assert_layout(p);
	pu_assert_has(p, "<a href=\"#postcode\">Use at most 20 characters for the postcode.</a>");
	pu_assert_has(p, "id=\"postcode-error\"");
	pu_assert_has(p, "id=\"phone-error\"");
	pu_assert_text(p, "Use only digits, spaces and + ( ) - . in the phone number.");
	pu_assert_has(p, "value=\"Summer house\"");
	pu_assert_has(p, "value=\"1 Quay Street\"");
	pu_assert_has(p, "value=\"GB\"");
	pu_assert_has(p, "value=\"1\" checked");
	pu_assert_lacks(p, "id=\"line1-error\"");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM addresses WHERE user_id = ?", u.id), 0);

	p = sat_post_as(&u, "/account/addresses", sat_form("label", "Home", "name", "Bea O'Test", "line1",
							  "1 Quay Street", "line2", "Flat 2", "city", "Leeds",
							  "postcode", "LS1 1AA", "country", "gb", "phone",
							  "0113 496 0000", NULL));
	pu_assert_status(p, 303);
	pu_assert_location(p, "/account/addresses");
	pu_assert_flash(p, "has been saved");
	pu_free(p);
	id = pu_count("SELECT MAX(id) FROM addresses WHERE user_id = ?", u.id);
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(pu_count("SELECT is_default FROM addresses WHERE id = ?", id), 1);
	record = pu_open_column("addresses", "body_enc", id, "SELECT body_enc FROM addresses WHERE id = ?");
	ck_assert_str_eq(record, "1\nBea O'Test\n1 Quay Street\nFlat 2\nLeeds\nLS1 1AA\nGB\n0113 496 0000");
	free(record);
	ck_assert(!pu_raw_contains("SELECT body_enc FROM addresses WHERE id = ?", id, "Quay"));

	p = pu_get_as(&u, "/account/addresses");
	pu_assert_status(p, 200);
	pu_assert_text(p, "1 Quay Street");
	pu_assert_text(p, "Bea O'Test");
	pu_assert_has(p, "default</span>");
	snprintf(uri, sizeof uri, "href=\"/account/addresses/%lld\"", id);
	pu_assert_has(p, uri);
	pu_free(p);

	/* a second one, made the default */
	p = sat_post_as(&u, "/account/addresses", sat_form("label", "Office", "name", "Bea", "line1", "2 Park Row",
							  "line2", "", "city", "Leeds", "postcode", "LS1 5AB",
							  "country", "GB", "phone", "", "is_default", "1", NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	second = pu_count("SELECT MAX(id) FROM addresses WHERE user_id = ?", u.id);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM addresses WHERE user_id = ? AND is_default = 1", u.id), 1);
	ck_assert_int_eq(pu_count("SELECT is_default FROM addresses WHERE id = ?", second), 1);

	/* edit */
	snprintf(uri, sizeof uri, "/account/addresses/%lld", id);
	p = pu_get_as(&u, uri);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "value=\"1 Quay Street\"");
	pu_assert_has(p, "action=\"/account/addresses/");
	pu_free(p);
	p = sat_post_as(&u, uri, sat_form("label", "Home", "name", "Bea", "line1", "", "line2", "", "city",
					  "Leeds", "postcode", "LS1 1AA", "country", "GB", "phone", "", NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter the street and house number.");
	pu_free(p);
	/* the page keeps the stored name in its heading, the form what was typed */
	p = sat_post_as(&u, uri, sat_form("label", "Cottage", "name", "Bea", "line1", "9 Lane", "line2", "",
					  "city", "", "postcode", "LS1 1AA", "country", "GB", "phone", "", NULL));
	pu_assert_status(p, 422);
	pu_assert_layout(p);
	pu_assert_has(p, "<h1>Change the address \xe2\x80\x9cHome\xe2\x80\x9d</h1>");
	pu_assert_has(p, "<a href=\"#city\">Enter the town or city.</a>");
	pu_assert_has(p, "value=\"Cottage\"");
	pu_assert_has(p, "value=\"9 Lane\"");
	pu_free(p);
	record = pu_open_column("addresses", "body_enc", id, "SELECT body_enc FROM addresses WHERE id = ?");
	ck_assert_str_eq(record, "1\nBea O'Test\n1 Quay Street\nFlat 2\nLeeds\nLS1 1AA\nGB\n0113 496 0000");
	free(record);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM addresses WHERE id = ? AND label = 'Home'", id), 1);
	p = sat_post_as(&u, uri, sat_form("label", "Home", "name", "Bea", "line1", "3 New Street", "line2", "",
					  "city", "York", "postcode", "YO1 7HH", "country", "GB", "phone", "", NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	record = pu_open_column("addresses", "body_enc", id, "SELECT body_enc FROM addresses WHERE id = ?");
	ck_assert_str_eq(record, "1\nBea\n3 New Street\n\nYork\nYO1 7HH\nGB\n");
	free(record);

	/* delete: the box first */
	snprintf(uri, sizeof uri, "/account/addresses/%lld/delete", second);
	p = pu_post_as(&u, uri, "");
	pu_assert_status(p, 422);
	pu_assert_layout(p);
	pu_assert_text(p, "Tick the box to confirm that this address should be deleted.");
	pu_free(p);
	/* the router's form: the message next to the box, the address page as stored */
	p = pu_post_as(&u, uri, "confirm=yes");
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"confirm-error\" role=\"alert\">Confirmation (confirm) must be one of: 1.</p>");
	pu_assert_has(p, "<h1>Change the address \xe2\x80\x9cOffice\xe2\x80\x9d</h1>");
	pu_assert_has(p, "value=\"2 Park Row\"");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM addresses WHERE id = ?", second), 1);
	p = pu_post_as(&u, uri, "confirm=1");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "has been deleted");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM addresses WHERE id = ?", second), 0);
	/* the remaining one is the default again */
	ck_assert_int_eq(pu_count("SELECT is_default FROM addresses WHERE id = ?", id), 1);
	pu_expect(404, pu_post_as(&u, uri, "confirm=1"));
	pu_user_delete(&u);
}
END_TEST

/* Someone else's address does not exist for this user. */
START_TEST(test_addresses_not_yours)
{
	struct pu_user owner, other;
	struct pu_page *p;
	char uri[96];
	long long id;

	sat_member(&owner, 1);
	sat_member(&other, 1);
	p = sat_post_as(&owner, "/account/addresses", sat_form("label", "Home", "name", "Owner", "line1", "1 Road",
							      "line2", "", "city", "Leeds", "postcode", "LS1 1AA",
							      "country", "GB", "phone", "", NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	id = pu_count("SELECT MAX(id) FROM addresses WHERE user_id = ?", owner.id);
	snprintf(uri, sizeof uri, "/account/addresses/%lld", id);
	p = pu_get_as(&other, uri);
	pu_assert_status(p, 404);
	pu_assert_lacks(p, "1 Road");
	pu_free(p);
	p = sat_post_as(&other, uri, sat_form("label", "Mine", "name", "Thief", "line1", "2 Road", "line2", "",
					      "city", "Leeds", "postcode", "LS1 1AA", "country", "GB", "phone", "",
					      NULL));
	pu_assert_status(p, 404);
	pu_free(p);
	/* with bad input too: not the form of someone else's address */
	p = sat_post_as(&other, uri, sat_form("label", "Mine", "name", "", "line1", "2 Road", "line2", "",
					      "city", "Leeds", "postcode", "LS1 1AA", "country", "GB", "phone", "",
					      NULL));
	pu_assert_status(p, 404);
	pu_assert_lacks(p, "2 Road");
	pu_free(p);
	snprintf(uri, sizeof uri, "/account/addresses/%lld/delete", id);
	pu_expect(404, pu_post_as(&other, uri, "confirm=1"));
	/* and without the token the owner cannot delete it either */
	pu_expect(403, pu_post(uri, owner.cookie, "confirm=1"));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM addresses WHERE id = ? AND label = 'Home'", id), 1);
	pu_expect(404, pu_get_as(&other, "/account/addresses/999999999999"));
	pu_expect(404, pu_get_as(&other, "/account/addresses/abc"));
	pu_user_delete(&owner);
	pu_user_delete(&other);
}
END_TEST

static Suite *
sf_account_address_suite(void)
{
	Suite *s = suite_create("sf_account_address");
	TCase *tc = pu_tcase_people(s, "address");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_addresses);
	tcase_add_test(tc, test_addresses_not_yours);
	return s;
}

CHECK_MAIN(sf_account_address_suite)
