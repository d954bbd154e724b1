/*
 * Tests for notify against the test stack's database: a notification is
 * recorded with its mail (unsubscribe paragraph and RFC 8058 headers), a
 * choice of "no mail" keeps the line and drops the mail, a vendor's go to
 * its owner's vendor centre, a rolled-back transaction leaves neither, the
 * signed link is for one account and kind only, bad input is refused, unread
 * counts and marking read touch only the owner's lines; and the mail
 * headers check of mailmsg.
 * Run from the repository root (templates/) with a stack's environment;
 * accounts are made at @check-notify.example and deleted at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"
#include "buf.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "mailmsg.h"
#include "notify.h"
#include "tmpl.h"

#define NEED_DB "BAZAAR_DB_SOCKET is not set: check_notify needs the test stack's MariaDB " \
	"(run it through `make test`, or source a stack's VAR/env)"

static long long shopper_id, other_id, owner_id, vendor_id;

static int have_db(void)
{
	const char *s = getenv("BAZAAR_DB_SOCKET");
	return s && *s;
}

static void cleanup(void)
{
	db_exec("DELETE FROM mail_outbox WHERE to_addr LIKE '%@check-notify.example'", "");
	db_exec("DELETE FROM vendors WHERE slug LIKE 'check-notify-%'", "");
	db_exec("DELETE FROM users WHERE email LIKE '%@check-notify.example'", "");
}

static long long user_new(const char *what, const char *role)
{
	char email[128];

	snprintf(email, sizeof email, "%s-%d@check-notify.example", what, (int)getpid());
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role, email_verified_at)"
				 " VALUES (?, 'Notified', ?, UTC_TIMESTAMP())", "ss", email, role), 1);
	return (long long)db_insert_id();
}

static void setup(void)
{
	char slug[80];

	log_init("check_notify");
	log_set_level(LOG_ERROR);
	ck_assert_msg(tmpl_init("templates", 0) == 0,
		      "cannot load templates/ (run the tests from the repository root)");
	ck_assert_msg(have_db(), NEED_DB);
	ck_assert_msg(db_connect() == 0, "cannot connect to MariaDB: %u %s", db_errno(), db_error());
	setenv("BAZAAR_BASE_URL", "https://shop.example", 1);
	cleanup();
	shopper_id = user_new("shopper", "customer");
	other_id = user_new("other", "customer");
	owner_id = user_new("owner", "vendor");
	snprintf(slug, sizeof slug, "check-notify-%d", (int)getpid());
	ck_assert_int_eq(db_exec("INSERT INTO vendors (user_id, slug, trading_name, legal_name, description,"
				 " status, plan_id) VALUES (?, ?, 'Notify Shop', 'Notify Shop Ltd', '',"
				 " 'verified', (SELECT MIN(id) FROM plans))", "is", owner_id, slug), 1);
	vendor_id = (long long)db_insert_id();
}

static void teardown(void)
{
	cleanup();
	db_close();
}

static tmpl_dict *dict(void)
{
	tmpl_dict *d = tmpl_dict_new("mail");

	tmpl_set(d, "EXTRA", "unused");
	return d;
}

/* ---- recording ------------------------------------------------------------------- */

START_TEST(test_user_with_mail)
{
	struct db_result *r;
	long long id, mail_id;
	char url[NOTIFY_LINK_MAX], headers[NOTIFY_LINK_MAX + 100];

	id = notify_user(shopper_id, NOTIFY_SHOPPER, "order", "Your order <b>42</b> has shipped",
			 "/orders/42", "Your order has shipped", "notification", dict());
	ck_assert_int_gt(id, 0);
	r = db_query("SELECT audience, kind, text, url, read_at IS NULL, mail_id FROM notifications WHERE id = ?",
		     "i", id);
	ck_assert(db_next(r));
	ck_assert_str_eq(db_str(r, 0), "shopper");
	ck_assert_str_eq(db_str(r, 1), "order");
	ck_assert_str_eq(db_str(r, 2), "Your order <b>42</b> has shipped");
	ck_assert_str_eq(db_str(r, 3), "/orders/42");
	ck_assert_int_eq(db_int(r, 4), 1);
	mail_id = db_int(r, 5);
	db_free(r);
	ck_assert_int_gt(mail_id, 0);

	ck_assert_ptr_nonnull(notify_unsubscribe_url(shopper_id, NOTIFY_SHOPPER, "order", url, sizeof url));
	ck_assert_msg(strncmp(url, "https://shop.example/unsubscribe?u=", 35) == 0, "url %s", url);
	snprintf(headers, sizeof headers,
		 "List-Unsubscribe: <%s>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click", url);
	r = db_query("SELECT subject, headers, body FROM mail_outbox WHERE id = ?", "i", mail_id);
	ck_assert(db_next(r));
	ck_assert_str_eq(db_str(r, 0), "Your order has shipped");
	ck_assert_str_eq(db_str(r, 1), headers);
	ck_assert_ptr_nonnull(strstr(db_str(r, 2), "Your order <b>42</b> has shipped\n"));
	ck_assert_ptr_nonnull(strstr(db_str(r, 2), "https://shop.example/orders/42\n"));
	ck_assert_ptr_nonnull(strstr(db_str(r, 2), url));
	ck_assert_ptr_nonnull(strstr(db_str(r, 2), "https://shop.example/account/notifications\n"));
	db_free(r);
	ck_assert_int_eq(notify_unread(shopper_id, NOTIFY_SHOPPER), 1);
	ck_assert_int_eq(notify_unread(shopper_id, NOTIFY_VENDOR), 0);
}
END_TEST

START_TEST(test_choice_no_mail)
{
	long long id;

	ck_assert_int_eq(notify_mail_wanted(shopper_id, NOTIFY_SHOPPER, "price_drop"), 1);
	ck_assert_int_eq(notify_set_mail(shopper_id, NOTIFY_SHOPPER, "price_drop", 0), 0);
	ck_assert_int_eq(notify_mail_wanted(shopper_id, NOTIFY_SHOPPER, "price_drop"), 0);
	ck_assert_int_eq(notify_mail_wanted(shopper_id, NOTIFY_SHOPPER, "order"), 1);
	id = notify_user(shopper_id, NOTIFY_SHOPPER, "price_drop", "Cheaper now", "/p/1-x", "Cheaper",
			 "notification", dict());
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT mail_id IS NULL FROM notifications WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(notify_set_mail(shopper_id, NOTIFY_SHOPPER, "price_drop", 1), 0);
	ck_assert_int_eq(notify_mail_wanted(shopper_id, NOTIFY_SHOPPER, "price_drop"), 1);
	ck_assert_int_eq(notify_set_mail(shopper_id, NOTIFY_SHOPPER, "no_such_kind", 0), -1);
	/* no template: a line without a mail */
	id = notify_user(shopper_id, NOTIFY_SHOPPER, "message", "A new message", "/orders/1", NULL, NULL, dict());
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT mail_id IS NULL FROM notifications WHERE id = ?", "i", id), 1);
}
END_TEST

START_TEST(test_vendor_goes_to_owner)
{
	long long id = notify_vendor(vendor_id, "order", "New order 7", "/vendor/orders/7", "New order",
				     "notification", NULL);

	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT user_id FROM notifications WHERE id = ? AND audience = 'vendor'",
				   "i", id), owner_id);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox m JOIN notifications n ON n.mail_id = m.id"
				   " WHERE n.id = ? AND m.body LIKE '%/vendor/notifications%'", "i", id), 1);
	ck_assert_int_eq(notify_unread(owner_id, NOTIFY_VENDOR), 1);
	ck_assert_int_eq(notify_unread(owner_id, NOTIFY_SHOPPER), 0);
	ck_assert_int_eq(notify_vendor(999999999999LL, "order", "x", "/", NULL, NULL, dict()), -1);
}
END_TEST

START_TEST(test_follows_transaction)
{
	long long id, before = db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr LIKE '%@check-notify.example'", "");

	ck_assert_int_eq(db_begin(), 0);
	id = notify_user(other_id, NOTIFY_SHOPPER, "ticket", "Answered", "/account/tickets/1", "Answered",
			 "notification", dict());
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(db_rollback(), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM notifications WHERE id = ?", "i", id), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr LIKE '%@check-notify.example'", ""),
			 before);
}
END_TEST

START_TEST(test_refuses_bad_input)
{
	char longtext[1200];
	long long id;

	ck_assert_int_eq(notify_user(shopper_id, NOTIFY_SHOPPER, "spam", "x", "/", NULL, NULL, dict()), -1);
	ck_assert_int_eq(notify_user(shopper_id, NOTIFY_SHOPPER, "order", "", "/", NULL, NULL, dict()), -1);
	ck_assert_int_eq(notify_user(shopper_id, NOTIFY_SHOPPER, "order", "x", "https://evil.example/", NULL, NULL, NULL), -1);
	ck_assert_int_eq(notify_user(shopper_id, NOTIFY_SHOPPER, "order", "x", "//evil.example/", NULL, NULL, NULL), -1);
	ck_assert_int_eq(notify_user(shopper_id, NOTIFY_SHOPPER, "order", "x", "/a b", NULL, NULL, NULL), -1);
	ck_assert_int_eq(notify_user(shopper_id, NOTIFY_SHOPPER, "order", "x", "/", NULL, "notification", NULL), -1);
	/* a vendor-only centre has no price drops */
	ck_assert_int_eq(notify_user(owner_id, NOTIFY_VENDOR, "price_drop", "x", "/", NULL, NULL, NULL), -1);
	/* a long text is cut, not refused */
	memset(longtext, 'a', sizeof longtext - 1);
	longtext[sizeof longtext - 1] = '\0';
	id = notify_user(shopper_id, NOTIFY_SHOPPER, "order", longtext, "/", NULL, NULL, NULL);
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT CHAR_LENGTH(text) FROM notifications WHERE id = ?", "i", id),
			 NOTIFY_TEXT_MAX);
}
END_TEST

/* ---- signed links ---------------------------------------------------------------- */

START_TEST(test_signature)
{
	char url[NOTIFY_LINK_MAX], sig[NOTIFY_SIG_HEX + 1];
	const char *s;

	ck_assert_ptr_nonnull(notify_unsubscribe_url(shopper_id, NOTIFY_SHOPPER, "review", url, sizeof url));
	s = strstr(url, "&s=");
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(strlen(s + 3), NOTIFY_SIG_HEX);
	memcpy(sig, s + 3, sizeof sig);
	ck_assert_int_eq(notify_signature_ok(shopper_id, NOTIFY_SHOPPER, "review", sig), 1);
	ck_assert_int_eq(notify_signature_ok(shopper_id, NOTIFY_SHOPPER, "order", sig), 0);
	ck_assert_int_eq(notify_signature_ok(shopper_id, NOTIFY_VENDOR, "review", sig), 0);
	ck_assert_int_eq(notify_signature_ok(other_id, NOTIFY_SHOPPER, "review", sig), 0);
	ck_assert_int_eq(notify_signature_ok(shopper_id, NOTIFY_SHOPPER, "review", "00"), 0);
	ck_assert_int_eq(notify_signature_ok(shopper_id, NOTIFY_SHOPPER, "review", NULL), 0);
	sig[0] = sig[0] == '0' ? '1' : '0';
	ck_assert_int_eq(notify_signature_ok(shopper_id, NOTIFY_SHOPPER, "review", sig), 0);
	/* the same link again: the key is made once */
	{
		char again[NOTIFY_LINK_MAX];

		ck_assert_ptr_nonnull(notify_unsubscribe_url(shopper_id, NOTIFY_SHOPPER, "review", again, sizeof again));
		ck_assert_str_eq(url, again);
	}
}
END_TEST

/* ---- the centre ------------------------------------------------------------------- */

START_TEST(test_read_state)
{
	long long a = notify_user(other_id, NOTIFY_SHOPPER, "order", "one", "/", NULL, NULL, NULL);
	long long b = notify_user(other_id, NOTIFY_SHOPPER, "order", "two", "/", NULL, NULL, NULL);

	ck_assert_int_gt(a, 0);
	ck_assert_int_gt(b, 0);
	ck_assert_int_eq(notify_unread(other_id, NOTIFY_SHOPPER), 2);
	ck_assert_int_eq(notify_mark_read(shopper_id, NOTIFY_SHOPPER, a), 0);	/* not theirs */
	ck_assert_int_eq(notify_mark_read(other_id, NOTIFY_VENDOR, a), 0);	/* other centre */
	ck_assert_int_eq(notify_unread(other_id, NOTIFY_SHOPPER), 2);
	ck_assert_int_eq(notify_mark_read(other_id, NOTIFY_SHOPPER, a), 1);
	ck_assert_int_eq(notify_mark_read(other_id, NOTIFY_SHOPPER, a), 1);	/* again */
	ck_assert_int_eq(notify_unread(other_id, NOTIFY_SHOPPER), 1);
	ck_assert_int_eq(notify_mark_all_read(other_id, NOTIFY_SHOPPER), 1);
	ck_assert_int_eq(notify_unread(other_id, NOTIFY_SHOPPER), 0);
}
END_TEST

START_TEST(test_kinds)
{
	size_t n, i;
	const struct notify_kind *k = notify_kinds(&n);

	ck_assert_uint_eq(n, 6);
	for (i = 0; i < n; i++)
		ck_assert_ptr_eq(notify_kind_find(k[i].name), &k[i]);
	ck_assert_ptr_null(notify_kind_find("nope"));
	ck_assert_int_eq(notify_audience_parse("shopper"), NOTIFY_SHOPPER);
	ck_assert_int_eq(notify_audience_parse("vendor"), NOTIFY_VENDOR);
	ck_assert_int_eq(notify_audience_parse("admin"), -1);
	ck_assert_int_eq(notify_audience_parse(NULL), -1);
}
END_TEST

/* ---- extra mail headers ------------------------------------------------------------ */

START_TEST(test_headers_check)
{
	struct buf b;

	ck_assert(mailmsg_headers_ok(NULL));
	ck_assert(mailmsg_headers_ok(""));
	ck_assert(mailmsg_headers_ok("List-Unsubscribe: <https://x.example/u?a=1&b=2>\n"
				     "List-Unsubscribe-Post: List-Unsubscribe=One-Click\n"));
	ck_assert(!mailmsg_headers_ok("Bcc: victim@x.example"));
	ck_assert(!mailmsg_headers_ok("X-A: 1\r\nBcc: victim@x.example"));
	ck_assert(!mailmsg_headers_ok("Content-Type: text/html"));
	ck_assert(!mailmsg_headers_ok("X-A:1"));
	ck_assert(!mailmsg_headers_ok("X-A: "));
	ck_assert(!mailmsg_headers_ok("X A: 1"));
	ck_assert(!mailmsg_headers_ok("X-A: caf\xc3\xa9"));
	ck_assert(!mailmsg_headers_ok("\n"));

	buf_init(&b);
	ck_assert_int_eq(mailmsg_format_with(&b, 1, "Bazaar <no-reply@bazaar.example>", "a@b.example", "Hi",
					     "List-Unsubscribe: <https://x.example/u>\n"
					     "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
					     "body\n", 0), 0);
	ck_assert_ptr_nonnull(strstr(b.data, "\r\nList-Unsubscribe: <https://x.example/u>\r\n"
					     "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
	ck_assert_ptr_null(strstr(b.data, "\n\n"));
	buf_reset(&b);
	ck_assert_int_eq(mailmsg_format_with(&b, 1, "Bazaar <no-reply@bazaar.example>", "a@b.example", "Hi",
					     "Bcc: c@d.example", "body\n", 0), -1);
	ck_assert_uint_eq(b.len, 0);
	buf_free(&b);
	ck_assert_int_eq(mail_queue_with("a@check-notify.example", "Hi", "notification", NULL,
					 "To: c@d.example", NULL), -1);
}
END_TEST

static Suite *notify_suite(void)
{
	Suite *s = suite_create("notify");
	TCase *tc = tcase_create("notify");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_user_with_mail);
	tcase_add_test(tc, test_choice_no_mail);
	tcase_add_test(tc, test_vendor_goes_to_owner);
	tcase_add_test(tc, test_follows_transaction);
	tcase_add_test(tc, test_refuses_bad_input);
	tcase_add_test(tc, test_signature);
	tcase_add_test(tc, test_read_state);
	tcase_add_test(tc, test_kinds);
	tcase_add_test(tc, test_headers_check);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(notify_suite)
