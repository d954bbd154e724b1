/*
 * Tests for cgi/lib/chat.c against the test stack's MariaDB: who may load a
 * conversation (its customer, its shop's account; anybody else, the other
 * shop of the order and an id that does not exist alike), sending (nothing
 * to send and a file that is not a picture refused, nothing written), the
 * unread counts of both sides, the mail at most once an hour per
 * conversation and side (moved with BAZAAR_CLOCK_OFFSET), publishing
 * without nchan failing softly, reports of messages (of the other side
 * only, once), a moderator hiding one (its author mailed) and when an admin
 * may read a conversation. The order comes from tests/order_fixture.h
 * (each run its own prefix).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"
#include "arena.h"
#include "chat.h"
#include "db.h"
#include "report.h"
#include "tmpl.h"
#include "order_fixture.h"

static struct order_fixture f;
static struct fixture_order o;
static long long conversation, shop_user, other_shop_user, other_vo;

static long long
add_user(const char *what, const char *role)
{
	char email[160];

	snprintf(email, sizeof email, "%s-%s@example.com", f.prefix, what);
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role) VALUES (?, ?, ?)", "sss", email, what, role), 1);
	return (long long)db_insert_id();
}

static void
chat_setup(void)
{
	const long long qty[2] = { 1, 0 };

	CHECK_DB_CONNECT("check_chat");
	ck_assert_msg(tmpl_init("templates", 0) == 0, "cannot load templates/ (run from the repository root)");
	setenv("BAZAAR_ENV", "test", 1);
	unsetenv("BAZAAR_CLOCK_OFFSET");
	order_fixture_setup(&f, "check-chat");
	shop_user = add_user("shop", "vendor");
	other_shop_user = add_user("other-shop", "vendor");
	ck_assert_int_eq(db_exec("UPDATE vendors SET user_id = ? WHERE id = ?", "ii", shop_user, f.vendor_id), 1);
	ck_assert_int_eq(db_exec("UPDATE vendors SET user_id = ? WHERE id = ?", "ii", other_shop_user,
				 f.other_vendor_id), 1);
	order_fixture_order(&f, &o, "processing", qty, 0, 0, 0);
	/* The same order's part from the other shop. */
	ck_assert_int_eq(db_exec("INSERT INTO vendor_orders (order_id, vendor_id, number, status, items_minor,"
				 " total_minor, plan_id) SELECT order_id, ?, CONCAT(number, 'b'), status, 0, 0, plan_id"
				 " FROM vendor_orders WHERE id = ?", "ii", f.other_vendor_id, o.vendor_order_id), 1);
	other_vo = (long long)db_insert_id();
	ck_assert_int_eq(chat_open(o.order_id, o.vendor_order_id, f.user_id, f.vendor_id), 0);
	conversation = db_scalar(-1, "SELECT id FROM conversations WHERE vendor_order_id = ?", "i", o.vendor_order_id);
	ck_assert_int_gt(conversation, 0);
	ck_assert_int_eq(chat_open(o.order_id, other_vo, f.user_id, f.other_vendor_id), 0);
	/* A guest (no account) gets none. */
	ck_assert_int_eq(chat_open(o.order_id, other_vo, 0, f.other_vendor_id), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM conversations WHERE order_id = ?", "i", o.order_id), 2);
}

static void
chat_teardown(void)
{
	unsetenv("BAZAAR_CLOCK_OFFSET");
	db_exec("DELETE FROM mail_outbox WHERE to_addr LIKE CONCAT(?, '%')", "s", f.prefix);
	db_exec("DELETE FROM conversations WHERE order_id = ?", "i", o.order_id);
	db_close();
}

static long long
mails_to(const char *what)
{
	char email[160];

	snprintf(email, sizeof email, "%s-%s@example.com", f.prefix, what);
	return db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ? AND template = 'chat_message'", "s",
			 email);
}

START_TEST(test_who_may_read)
{
	struct chat_conversation c;
	struct arena a;
	long long missing = db_scalar(-1, "SELECT MAX(id) + 1000 FROM conversations", "");

	arena_init(&a);
	ck_assert_int_eq(chat_load(&a, conversation, CHAT_CUSTOMER, f.user_id, &c), 0);
	ck_assert_int_eq(c.vendor_order_id, o.vendor_order_id);
	ck_assert_int_eq(c.vendor_user_id, shop_user);
	ck_assert_str_eq(c.shop, "Fixture Shop");
	ck_assert_int_eq(chat_load(&a, conversation, CHAT_VENDOR, shop_user, &c), 0);
	/* Anybody else: the same answer as an id that does not exist. */
	ck_assert_int_eq(chat_load(&a, conversation, CHAT_CUSTOMER, f.other_user_id, &c), 404);
	ck_assert_int_eq(chat_load(&a, conversation, CHAT_VENDOR, other_shop_user, &c), 404);
	ck_assert_int_eq(chat_load(&a, conversation, CHAT_VENDOR, f.user_id, &c), 404);
	ck_assert_int_eq(chat_load(&a, conversation, CHAT_CUSTOMER, shop_user, &c), 404);
	ck_assert_int_eq(chat_load(&a, conversation, CHAT_CUSTOMER, 0, &c), 404);
	ck_assert_int_eq(chat_load(&a, missing, CHAT_CUSTOMER, f.user_id, &c), 404);
	ck_assert_int_eq(chat_party(conversation, f.user_id), 1);
	ck_assert_int_eq(chat_party(conversation, shop_user), 1);
	ck_assert_int_eq(chat_party(conversation, other_shop_user), 0);
	ck_assert_int_eq(chat_party(conversation, f.other_user_id), 0);
	ck_assert_int_eq(chat_party(missing, f.user_id), 0);
	arena_free(&a);
}
END_TEST

START_TEST(test_send_counts_and_mails)
{
	struct chat_conversation c;
	struct arena a;
	const char *field, *why;
	char bogus[] = "/tmp/check_chat_XXXXXX";
	long long id, first;
	int fd;

	arena_init(&a);
	ck_assert_int_eq(chat_load(&a, conversation, CHAT_CUSTOMER, f.user_id, &c), 0);
	/* Nothing to send, or a file that is not a picture: refused, nothing written. */
	ck_assert_int_eq(chat_send(&c, CHAT_CUSTOMER, f.user_id, "", NULL, "/read", &field, &why), 0);
	ck_assert_str_eq(field, "text");
	fd = mkstemp(bogus);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "<?php echo 1; ?>", 16), 16);
	close(fd);
	ck_assert_int_eq(chat_send(&c, CHAT_CUSTOMER, f.user_id, "look", bogus, "/read", &field, &why), 0);
	unlink(bogus);
	ck_assert_str_eq(field, "picture");
	ck_assert_ptr_nonnull(why);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM messages WHERE conversation_id = ?", "i", conversation), 0);

	first = chat_send(&c, CHAT_CUSTOMER, f.user_id, "Where is my parcel?", NULL, "/read", &field, &why);
	ck_assert_int_gt(first, 0);
	id = chat_send(&c, CHAT_CUSTOMER, f.user_id, "Hello?", NULL, "/read", &field, &why);
	ck_assert_int_gt(id, first);
	ck_assert_int_eq(chat_unread_vendor(shop_user), 2);
	ck_assert_int_eq(chat_unread_vendor(other_shop_user), 0);
	ck_assert_int_eq(chat_unread_customer(f.user_id), 0);
	ck_assert_int_eq(chat_message_in(conversation, id), id);
	ck_assert_int_eq(chat_message_in(conversation + 1, id), 0);
	/* Two messages within the hour: one mail to the shop. */
	ck_assert_int_eq(mails_to("shop"), 1);
	ck_assert_int_eq(mails_to("other-shop"), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT last_sender = 'customer' FROM conversations WHERE id = ?", "i",
				   conversation), 1);

	/* The shop reads and answers: its count goes, the customer's comes. */
	ck_assert_int_eq(chat_mark_read(&c, CHAT_VENDOR), 0);
	ck_assert_int_eq(chat_unread_vendor(shop_user), 0);
	ck_assert_int_gt(chat_send(&c, CHAT_VENDOR, shop_user, "Sent today.", NULL, "/read", &field, &why), 0);
	ck_assert_int_eq(chat_unread_customer(f.user_id), 1);
	ck_assert_int_eq(mails_to("u0"), 1);

	/* An hour later the shop is told again. */
	setenv("BAZAAR_CLOCK_OFFSET", "3601", 1);
	ck_assert_int_gt(chat_send(&c, CHAT_CUSTOMER, f.user_id, "Thanks!", NULL, "/read", &field, &why), 0);
	ck_assert_int_eq(mails_to("shop"), 2);
	unsetenv("BAZAAR_CLOCK_OFFSET");
	arena_free(&a);
}
END_TEST

START_TEST(test_publish_without_nchan)
{
	struct chat_conversation c;
	struct arena a;
	const char *field, *why;
	long long id;

	arena_init(&a);
	ck_assert_int_eq(chat_load(&a, conversation, CHAT_CUSTOMER, f.user_id, &c), 0);
	setenv("BAZAAR_NCHAN_SOCKET", "/nonexistent/nchan.sock", 1);
	/* The message is kept; only the live update is lost. */
	id = chat_send(&c, CHAT_CUSTOMER, f.user_id, "Still there?", NULL, "/read", &field, &why);
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(chat_publish(id), -1);
	unsetenv("BAZAAR_NCHAN_SOCKET");
	ck_assert_int_eq(chat_publish(id), -1);
	arena_free(&a);
}
END_TEST

START_TEST(test_report_hide_and_admin_reading)
{
	struct chat_conversation c;
	struct arena a;
	const char *field, *why;
	long long theirs, mine, report_id;
	char email[160];

	arena_init(&a);
	ck_assert_int_eq(chat_load(&a, conversation, CHAT_CUSTOMER, f.user_id, &c), 0);
	theirs = chat_send(&c, CHAT_VENDOR, shop_user, "Rude words", NULL, "/read", &field, &why);
	mine = chat_send(&c, CHAT_CUSTOMER, f.user_id, "Polite words", NULL, "/read", &field, &why);
	ck_assert_int_gt(theirs, 0);
	ck_assert_int_gt(mine, 0);
	/* The customer reports the shop's message once; not their own. */
	ck_assert_int_eq(chat_report(&c, CHAT_CUSTOMER, f.user_id, theirs, "Rude"), 1);
	ck_assert_int_eq(chat_report(&c, CHAT_CUSTOMER, f.user_id, theirs, "Rude again"), 0);
	ck_assert_int_eq(chat_report(&c, CHAT_CUSTOMER, f.user_id, mine, "Mine"), 404);
	ck_assert_int_eq(chat_report(&c, CHAT_CUSTOMER, f.user_id, 999999999999LL, "None"), 404);
	report_id = db_scalar(-1, "SELECT id FROM content_reports WHERE kind = 'message' AND object_id = ?", "i", theirs);
	ck_assert_int_gt(report_id, 0);
	/* An admin may read it from that report, not from nothing nor for another conversation. */
	ck_assert_int_eq(chat_admin_may_read(conversation, report_id, 0), 1);
	ck_assert_int_eq(chat_admin_may_read(conversation, 0, 0), 0);
	ck_assert_int_eq(chat_admin_may_read(conversation + 100000, report_id, 0), 0);
	/* Hidden with a reason: both sides see it hidden, its author is told why. */
	ck_assert_int_eq(report_decide(NULL, REPORT_MESSAGE, theirs, 1, "Insults"), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT hidden_at IS NOT NULL FROM messages WHERE id = ?", "i", theirs), 1);
	snprintf(email, sizeof email, "%s-shop@example.com", f.prefix);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ? AND template = 'chat_message_hidden'",
				   "s", email), 1);
	ck_assert_int_eq(report_decide(NULL, REPORT_MESSAGE, theirs, 1, "Insults"), REPORT_NOT_FOUND);
	/* A hidden message cannot be reported again. */
	ck_assert_int_eq(chat_report(&c, CHAT_CUSTOMER, f.other_user_id, theirs, "Late"), 404);
	db_exec("DELETE FROM content_reports WHERE kind = 'message' AND object_id = ?", "i", theirs);
	arena_free(&a);
}
END_TEST

static Suite *
chat_suite(void)
{
	Suite *s = suite_create("chat");
	TCase *tc = tcase_create("live");

	tcase_add_checked_fixture(tc, chat_setup, chat_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_who_may_read);
	tcase_add_test(tc, test_send_counts_and_mails);
	tcase_add_test(tc, test_publish_without_nchan);
	tcase_add_test(tc, test_report_hide_and_admin_reading);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(chat_suite)
