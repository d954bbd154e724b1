/*
 * Page tests for sf_account_data.c: the data download (profile, audit
 * entries, support tickets).
 */
#define PU_PREFIX "sf-data"
#include "sf_account_util.h"

#include "audit.h"
#include "ticket.h"

START_TEST(test_data_download)
{
	char token[TOKEN_TEXT_SIZE], code[TOKEN_CODE_SIZE];
	struct pu_user u;
	struct pu_page *p;

	sat_member(&u, 1);
	p = sat_post_as(&u, "/account/profile", sat_form("name", "Bea", "phone", "+1 555 0100 200", NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	/* a name no form would take, to see the escaping */
	ck_assert_int_eq(db_exec("UPDATE users SET name = ? WHERE id = ?", "si", "Quote \" Back\\slash <b>\x01",
				 u.id), 1);
	p = sat_post_as(&u, "/account/addresses", sat_form("label", "Home", "name", "Bea", "line1", "9 Elm Street",
							  "line2", "", "city", "Springfield", "postcode", "12345",
							  "country", "US", "phone", "", NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	sat_token(&u, "verify", 24, NULL, token, code);

	p = pu_get_as(&u, "/account/data.json");
	pu_assert_status(p, 200);
	ck_assert_str_eq(pu_header(p, "Content-Type"), "application/json; charset=utf-8");
	ck_assert_str_eq(pu_header(p, "Content-Disposition"), "attachment; filename=\"bazaar-data.json\"");
	ck_assert_str_eq(pu_header(p, "Cache-Control"), "no-store");
	pu_assert_has(p, "\"name\": \"Quote \\\" Back\\\\slash \\u003cb\\u003e\\u0001\"");
	pu_assert_has(p, "\"phone\": \"+1 555 0100 200\"");
	pu_assert_has(p, "\"line1\": \"9 Elm Street\"");
	pu_assert_has(p, "\"city\": \"Springfield\"");
	pu_assert_has(p, "\"purpose\": \"verify\"");
	pu_assert_has(p, "\"sessions\": [");
	pu_assert_has(p, "\"audit_log\": [");
	pu_assert_has(p, u.email);
	pu_assert_has(p, "\"vendor\": null");
	pu_assert_lacks(p, token);
	pu_assert_lacks(p, "token_hash");
	pu_assert_lacks(p, "code_hash");
	pu_assert_lacks(p, "password");
	ck_assert_int_eq(p->body[0], '{');
	ck_assert_ptr_nonnull(strstr(p->body, "\n}\n"));
	pu_free(p);
	ck_assert_int_eq(pu_audits("user.data_download", "user", u.id), 1);
	pu_user_delete(&u);
}
END_TEST

/*
 * The audit part of the download: entries about them, by them and about
 * their shop; the address an entry came from only when they made it (an
 * admin's address is not theirs to download).
 */
START_TEST(test_data_download_audit)
{
	struct pu_user u, admin;
	struct pu_page *p;
	char slug[64];
	long long vendor;

	sat_member(&u, 1);
	sat_user_new(&admin, "admin", 1);
	snprintf(slug, sizeof slug, "sfacct-%d-%ld", (int)getpid(), (long)time(NULL));
	vendor = pu_vendor_insert(u.id, slug, "Audit Test Shop", "pending");
	ck_assert_int_eq(audit_log_ip(admin.id, "admin", "203.0.113.91", "user.note", "user", u.id, "about them"), 0);
	ck_assert_int_eq(audit_log_ip(u.id, "customer", "198.51.100.92", "user.note", "user", u.id, "by them"), 0);
	ck_assert_int_eq(audit_log_ip(admin.id, "admin", "203.0.113.93", "vendor.note", "vendor", vendor,
				      "about their shop"), 0);
	ck_assert_int_eq(audit_log_ip(admin.id, "admin", "203.0.113.94", "vendor.note", "vendor", vendor + 1000000,
				      "about another shop"), 0);

	p = pu_get_as(&u, "/account/data.json");
	pu_assert_status(p, 200);
	/* their own address, never the admin's */
	pu_assert_has(p, "\"ip\": \"198.51.100.92\"");
	pu_assert_lacks(p, "203.0.113.91");
	pu_assert_lacks(p, "203.0.113.93");
	pu_assert_lacks(p, "203.0.113.94");
	pu_assert_has(p, "\"detail\": \"about them\"");
	pu_assert_has(p, "\"detail\": \"by them\"");
	pu_assert_has(p, "\"detail\": \"about their shop\"");
	pu_assert_has(p, "\"object_type\": \"vendor\"");
	pu_assert_lacks(p, "about another shop");
	pu_assert_has(p, "\"trading_name\": \"Audit Test Shop\"");
	pu_free(p);
	db_exec("DELETE FROM vendors WHERE id = ?", "i", vendor);
	pu_user_delete(&u);
	pu_user_delete(&admin);
}
END_TEST

/*
 * Their support tickets: what they wrote and support's answers, never
 * support's internal notes.
 */
START_TEST(test_data_download_tickets)
{
	static const struct ticket_links links = { "/account/tickets", "/vendor/tickets" };
	struct pu_user u, other, staff;
	struct ticket_party me = { 0, 0, 0 };
	struct pu_page *p;
	long long id;

	sat_member(&u, 1);
	sat_user_new(&staff, "admin", 1);
	me.user_id = u.id;
	ck_assert_int_eq(ticket_open(&me, "Lost <parcel>", "order", NULL, "MINE: where is it?", &id), TICKET_OK);
	ck_assert_int_eq(ticket_note(id, staff.id, "SECRET-NOTE: the courier lost it"), TICKET_OK);
	ck_assert_int_eq(ticket_answer(id, staff.id, "ANSWER: we asked the courier.", NULL, &links), TICKET_OK);

	p = pu_get_as(&u, "/account/data.json");
	pu_assert_status(p, 200);
	pu_assert_has(p, "\"tickets\": [");
	pu_assert_has(p, "\"subject\": \"Lost \\u003cparcel\\u003e\"");
	pu_assert_has(p, "\"body\": \"MINE: where is it?\"");
	pu_assert_has(p, "\"body\": \"ANSWER: we asked the courier.\"");
	pu_assert_has(p, "\"kind\": \"answer\"");
	pu_assert_lacks(p, "SECRET-NOTE");
	pu_assert_lacks(p, "\"kind\": \"note\"");
	pu_assert_lacks(p, "\"kind\": \"event\"");
	pu_free(p);
	/* somebody else's download has none of it */
	sat_member(&other, 1);
	p = pu_get_as(&other, "/account/data.json");
	pu_assert_status(p, 200);
	pu_assert_lacks(p, "MINE: where is it?");
	pu_free(p);
	db_exec("DELETE FROM tickets WHERE id = ?", "i", id);
	pu_user_delete(&u);
	pu_user_delete(&other);
	pu_user_delete(&staff);
}
END_TEST

static Suite *
sf_account_data_suite(void)
{
	Suite *s = suite_create("sf_account_data");
	TCase *tc = pu_tcase_people(s, "data");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_data_download);
	tcase_add_test(tc, test_data_download_audit);
	tcase_add_test(tc, test_data_download_tickets);
	return s;
}

CHECK_MAIN(sf_account_data_suite)
