/*
 * Page tests for sf_account_delete.c: deleting the account.
 */
#define PU_PREFIX "sf-delete"
#include "sf_account_util.h"

#include "mail.h"

START_TEST(test_delete_account)
{
	struct pu_user u, other;
	struct pu_page *p;
	char *body, *row[3] = { NULL, NULL, NULL }, old_email[128];

	sat_member(&u, 1);
	other = u;
	pu_login(&other, 0);
	snprintf(old_email, sizeof old_email, "%s", u.email);
	p = sat_post_as(&u, "/account/addresses", sat_form("label", "Home", "name", "Bea", "line1", "1 Road",
							  "line2", "", "city", "Leeds", "postcode", "LS1 1AA",
							  "country", "GB", "phone", "", NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	p = pu_get_as(&u, "/account/delete");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "action=\"/account/delete\"");
	pu_assert_has(p, "<label for=\"confirm\">");
	pu_free(p);

	p = sat_post_as(&u, "/account/delete", sat_form("current_password", PU_PASSWORD, NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "Tick the box to confirm that you understand.");
	pu_free(p);
	body = sat_form("csrf", u.csrf, "current_password", "wrong password", "confirm", "1", NULL);
	p = pu_request_ip("POST", "/account/delete", u.cookie, body, PU_TEST_IP);
	free(body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Your current password is wrong.");
	pu_free(p);
	pu_expect(403, pu_post("/account/delete", u.cookie, "current_password=page+test+password+1&confirm=1"));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND status = 'active'", u.id), 1);

	p = sat_post_as(&u, "/account/delete", sat_form("current_password", PU_PASSWORD, "confirm", "1", NULL));
	pu_assert_status(p, 303);
	pu_assert_location(p, "/");
	pu_assert_flash(p, "Your account has been deleted.");
	ck_assert_str_eq(pu_set_cookie(p, "bz_session"), "");
	pu_free(p);
	ck_assert(pu_row1(row, 3, "SELECT email, name, status FROM users WHERE id = ?", "i", &u.id));
	{
		char want[64];

		snprintf(want, sizeof want, "deleted-%lld@invalid", u.id);
		ck_assert_str_eq(row[0], want);
	}
	ck_assert_str_eq(row[1], "Deleted user");
	ck_assert_str_eq(row[2], "deleted");
	pu_free_row(row, 3);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND password_hash IS NULL"
				  " AND phone_enc IS NULL AND totp_secret_enc IS NULL", u.id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM addresses WHERE user_id = ?", u.id), 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM sessions WHERE user_id = ?", u.id), 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM user_tokens WHERE user_id = ?", u.id), 0);
	ck_assert_int_eq(pu_audits("user.delete", "user", u.id), 1);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'account_deleted'", old_email), 1);
	/* the old session is gone, and the address is free again */
	pu_expect(303, pu_get_as(&other, "/account"));
	{
		struct sat_guest g;

		sat_guest(&g);
		p = sat_guest_post(&g, "/login", sat_form("email", old_email, "password", PU_PASSWORD, NULL));
		pu_assert_status(p, 422);
		pu_free(p);
	}
	db_exec("DELETE FROM login_failures WHERE email = ?", "s", old_email);
	db_exec("DELETE FROM mail_outbox WHERE to_addr = ?", "s", old_email);
	pu_user_delete(&u);
}
END_TEST

/* An outbox row to an address in a status, as the mailer leaves them
 * (queued ones wait for a retry and a claim is fresh, so that the test
 * stack's mailer leaves them alone); returns its id. */
static long long
outbox_row(const char *to, const char *template, const char *status, const char *body)
{
	ck_assert_int_eq(db_exec("INSERT INTO mail_outbox (to_addr, subject, body, template, status, sent_at,"
				 " next_attempt_at) VALUES (?, 'Test', ?, ?, ?, IF(? = 'sent', NOW(), NULL),"
				 " NOW() + INTERVAL 1 HOUR)", "sssss", to, body, template, status, status), 1);
	return (long long)db_insert_id();
}

/* The message file the mailer writes for an outbox row; returns 1 when
 * it exists. With create, writes one. */
static int
outbox_file(long long id, int create)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%lld.eml", mail_dir(), id);
	if (create) {
		ck_assert_msg((f = fopen(path, "w")) != NULL, "cannot write %s", path);
		fputs("To: someone\r\n\r\nbody\r\n", f);
		fclose(f);
	}
	return access(path, F_OK) == 0;
}

/*
 * Deleting the account takes the mail kept for the person with it: every
 * row to the address (sent, failed or queued; one the mailer is sending
 * right now is left to it) and its message file, the confirmation mailed to
 * an address they asked to move to, and their failed logins; only the
 * goodbye stays. Someone else's mail to that other address stays too.
 */
START_TEST(test_delete_account_mail)
{
	struct pu_user u, other;
	struct pu_page *p;
	char new_email[128], old_email[128];
	long long sent, failed, queued, sending, theirs, goodbye;

	sat_member(&u, 1);
	sat_member(&other, 1);
	snprintf(old_email, sizeof old_email, "%s", u.email);
	pu_email(PU_PREFIX, new_email, sizeof new_email);
	/* an address change never confirmed, by them and by someone else */
	p = sat_post_as(&u, "/account/email", sat_form("email", new_email, "current_password", PU_PASSWORD, NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	p = sat_post_as(&other, "/account/email", sat_form("email", new_email, "current_password", PU_PASSWORD,
							   NULL));
	pu_assert_status(p, 303);
	pu_free(p);
	/* the test stack's mailer may have sent them already; else they wait */
	ck_assert(db_exec("UPDATE mail_outbox SET next_attempt_at = NOW() + INTERVAL 1 HOUR"
			  " WHERE to_addr IN (?, ?) AND status = 'queued'", "ss", old_email, new_email) >= 0);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				    " AND template = 'email_change'", new_email), 2);
	theirs = pu_count_s("SELECT MAX(id) FROM mail_outbox WHERE to_addr = ? AND template = 'email_change'",
			    new_email);
	/* one of the old address's mail is the notice of that change */
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?", old_email), 1);
	sent = outbox_row(old_email, "password_reset", "sent", "Hello Page Test");
	failed = outbox_row(old_email, "password_changed", "failed", "Hello Page Test");
	queued = outbox_row(old_email, "login_locked", "queued", "Hello Page Test");
	sending = outbox_row(old_email, "password_reset", "sending", "Hello Page Test");
	ck_assert(outbox_file(sent, 1));
	ck_assert_int_eq(db_exec("INSERT INTO login_failures (email, ip, at) VALUES (?, '198.51.100.3',"
				 " UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE)", "s", old_email), 1);

	p = sat_post_as(&u, "/account/delete", sat_form("current_password", PU_PASSWORD, "confirm", "1", NULL));
	pu_assert_status(p, 303);
	pu_assert_location(p, "/");
	pu_free(p);

	/* only the goodbye (and the row being sent) is left for the old address */
	goodbye = pu_count_s("SELECT MAX(id) FROM mail_outbox WHERE to_addr = ? AND template = 'account_deleted'",
			     old_email);
	ck_assert_int_gt(goodbye, sending);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?", old_email), 2);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM mail_outbox WHERE id = ?", goodbye), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM mail_outbox WHERE id = ?", sending), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM mail_outbox WHERE id = ?", sent), 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM mail_outbox WHERE id = ?", failed), 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM mail_outbox WHERE id = ?", queued), 0);
	ck_assert(!outbox_file(sent, 0));
	/* the confirmation to the other address went, the other person's stayed */
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?", new_email), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM mail_outbox WHERE id = ?", theirs), 1);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM login_failures WHERE email = ?", old_email), 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND status = 'deleted'", u.id), 1);

	db_exec("DELETE FROM mail_outbox WHERE to_addr IN (?, ?)", "ss", old_email, new_email);
	pu_user_delete(&u);
	pu_user_delete(&other);
}
END_TEST

START_TEST(test_delete_refused_for_vendor)
{
	struct pu_user u;
	struct pu_page *p;

	sat_user_new(&u, "vendor", 1);
	pu_login(&u, 0);
	p = pu_get_as(&u, "/account/delete");
	pu_assert_status(p, 200);
	pu_assert_text(p, "To close a shop, contact the marketplace at ");
	pu_assert_lacks(p, "action=\"/account/delete\"");
	pu_free(p);
	p = sat_post_as(&u, "/account/delete", sat_form("current_password", PU_PASSWORD, "confirm", "1", NULL));
	pu_assert_status(p, 422);
	pu_assert_text(p, "To close a shop, contact the marketplace at ");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM users WHERE id = ? AND status = 'active'", u.id), 1);
	pu_user_delete(&u);
}
END_TEST

static Suite *
sf_account_delete_suite(void)
{
	Suite *s = suite_create("sf_account_delete");
	TCase *tc = pu_tcase_people(s, "delete");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_delete_account);
	tcase_add_test(tc, test_delete_account_mail);
	tcase_add_test(tc, test_delete_refused_for_vendor);
	return s;
}

CHECK_MAIN(sf_account_delete_suite)
