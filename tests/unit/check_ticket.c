/*
 * Tests for cgi/lib/ticket.c against the test stack's MariaDB: a ticket's
 * order reference must be the asker's own; answers are mailed to the asker,
 * internal notes never; the asker's message opens the ticket again; another
 * asker's ticket is not found; only support staff can be assigned; an
 * escalated return opens one ticket, which the admin's decision resolves.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"
#include "db.h"
#include "returns.h"
#include "ticket.h"
#include "order_fixture.h"

static struct order_fixture fx;
/* The askers' pages, as the admin program names them. */
static const struct ticket_links links = { "/account/tickets", "/vendor/tickets" };
static long long staff_id;
static char staff_email[128];

static void
live_setup(void)
{
	order_fixture_live_begin(&fx, "check_ticket", "check-ticket");
	snprintf(staff_email, sizeof staff_email, "%s-staff@example.com", fx.prefix);
	staff_id = fx_user_row(staff_email, "Sam Support", "support", 0);
}

static void
live_teardown(void)
{
	order_fixture_live_end();
}

/* Mails to the address whose body holds text. */
static long long
mails(const char *to, const char *text)
{
	char like[256];

	snprintf(like, sizeof like, "%%%s%%", text);
	return db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ? AND body LIKE ?", "ss", to, like);
}

static const char *
user_email(long long user_id)
{
	static char email[128];
	struct db_result *r = db_query("SELECT email FROM users WHERE id = ?", "i", user_id);

	ck_assert(r != NULL && db_next(r));
	snprintf(email, sizeof email, "%s", db_str(r, 0));
	db_free(r);
	return email;
}

static const char *
ticket_column(long long ticket_id, const char *sql)
{
	static char value[64];
	struct db_result *r = db_query(sql, "i", ticket_id);

	ck_assert(r != NULL && db_next(r));
	snprintf(value, sizeof value, "%s", db_str(r, 0) ? db_str(r, 0) : "");
	db_free(r);
	return value;
}
#define STATUS_OF(id) ticket_column(id, "SELECT status FROM tickets WHERE id = ?")

START_TEST(test_labels)
{
	ck_assert_str_eq(ticket_category_label("order"), "Order problem");
	ck_assert_str_eq(ticket_category_label("nonsense"), "Other");
	ck_assert_str_eq(ticket_status_label("waiting", 0), "Waiting for your answer");
	ck_assert_str_eq(ticket_status_label("waiting", 1), "Waiting for the customer");
	ck_assert_str_eq(ticket_status_label("open", 0), "Waiting for support");
}
END_TEST

/* The parts of one test, sharing one fixture (each fixture adds shops the
 * admin site's lists show). */
static void
customer_ticket(void)
{
	static const long long qty[2] = { 1, 0 };
	struct ticket_party me = { 0, 0, 0 }, other = { 0, 0, 0 }, shop = { 1, 0, 0 };
	struct fixture_order o;
	char mine[40];
	long long id, id2;

	me.user_id = fx.user_id;
	other.user_id = fx.other_user_id;
	shop.user_id = fx.other_user_id;
	shop.vendor_id = fx.vendor_id;
	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 3600);
	snprintf(mine, sizeof mine, "%s", order_fixture_number(&o, 0));
	/* someone else's order number: refused, nothing written */
	ck_assert_int_eq(ticket_open(&other, "Where is it", "order", mine, "Hello", &id), TICKET_BAD_ORDER);
	ck_assert_int_eq(ticket_open(&me, "Where is it", "order", "BZ-NOPE", "Hello", &id), TICKET_BAD_ORDER);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM tickets WHERE user_id = ?", "i", fx.other_user_id), 0);
	ck_assert_int_eq(ticket_open(&me, "Where is it", "nonsense", mine, "Hello", &id), -1);
	/* the customer's own order, by its number or its part's */
	ck_assert_int_eq(ticket_open(&me, "Where is it", "order", mine, "It has not come", &id), TICKET_OK);
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT order_id FROM tickets WHERE id = ?", "i", id), o.order_id);
	ck_assert_int_eq(ticket_open(&me, "The part", "payment", order_fixture_number(&o, 1), "Charged twice",
				     &id2), TICKET_OK);
	ck_assert_int_eq(db_scalar(-1, "SELECT vendor_order_id FROM tickets WHERE id = ?", "i", id2), o.vendor_order_id);
	ck_assert_str_eq(STATUS_OF(id), "open");
	ck_assert_int_eq(mails(user_email(fx.user_id), "It has not come"), 1);	/* received */

	/* support: assign (only staff), answer, note */
	ck_assert_int_eq(ticket_assign(id, staff_id, fx.user_id), TICKET_NOT_FOUND);
	ck_assert_int_eq(ticket_assign(id, 1, staff_id), TICKET_OK);
	ck_assert_int_eq(mails(staff_email, "is yours now"), 1);
	ck_assert_int_eq(ticket_assign(id, 1, staff_id), TICKET_OK);	/* had it already: no second mail */
	ck_assert_int_eq(mails(staff_email, "is yours now"), 1);
	ck_assert_int_eq(ticket_note(id, staff_id, "SECRET-NOTE: the courier lost it"), TICKET_OK);
	ck_assert_int_eq(ticket_answer(id, staff_id, "We have asked the courier.", NULL, &links), TICKET_OK);
	ck_assert_str_eq(STATUS_OF(id), "waiting");
	ck_assert_int_eq(mails(user_email(fx.user_id), "We have asked the courier."), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE body LIKE '%SECRET-NOTE%'", ""), 0);
	ck_assert_int_eq(ticket_answer(999999999999LL, staff_id, "Nobody", NULL, &links), TICKET_NOT_FOUND);
	{	/* "ticket answered" in the customer's notification centre, linking to it */
		char url[64];

		snprintf(url, sizeof url, "/account/tickets/%lld", id);
		ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND audience = 'shopper'"
					       " AND kind = 'ticket' AND url = ? AND mail_id IS NOT NULL", "is", fx.user_id,
					   url), 1);
	}

	/* another asker cannot write on it; the customer's answer reopens it */
	ck_assert_int_eq(ticket_reply(&other, id, "Me too"), TICKET_NOT_FOUND);
	ck_assert_int_eq(ticket_reply(&shop, id, "A shop"), TICKET_NOT_FOUND);
	ck_assert_int_eq(ticket_set_status(id, staff_id, "resolved", &links), TICKET_OK);
	ck_assert_int_eq(mails(user_email(fx.user_id), "as resolved"), 1);
	ck_assert_int_eq(ticket_reply(&me, id, "Still nothing"), TICKET_OK);
	ck_assert_str_eq(STATUS_OF(id), "open");
	ck_assert_int_eq(mails(staff_email, "Still nothing"), 1);	/* to the assignee */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ? AND kind = 'note'",
				   "i", id), 1);
}

static void
vendor_ticket(void)
{
	static const long long qty[2] = { 1, 0 };
	struct ticket_party shop = { 1, 0, 0 }, other_shop = { 1, 0, 0 };
	struct fixture_order o;
	long long id;

	/* the fixture's shops have no owner: give them one each */
	ck_assert_int_eq(db_exec("UPDATE vendors SET user_id = ? WHERE id = ?", "ii", fx.other_user_id, fx.vendor_id), 1);
	shop.user_id = fx.other_user_id;
	shop.vendor_id = fx.vendor_id;
	other_shop.user_id = fx.user_id;
	other_shop.vendor_id = fx.other_vendor_id;
	order_fixture_order(&fx, &o, "processing", qty, 0, 0, 0);
	ck_assert_int_eq(ticket_open(&other_shop, "Payout", "payment", order_fixture_number(&o, 1), "Hi", &id),
			 TICKET_BAD_ORDER);
	ck_assert_int_eq(ticket_open(&shop, "Payout", "payment", order_fixture_number(&o, 0), "Hi", &id),
			 TICKET_BAD_ORDER);	/* a shop names its part, not the customer's order */
	ck_assert_int_eq(ticket_open(&shop, "Payout", "payment", order_fixture_number(&o, 1), "When is it paid",
				     &id), TICKET_OK);
	ck_assert_int_eq(mails(user_email(fx.other_user_id), "When is it paid"), 1);
	ck_assert_int_eq(ticket_reply(&other_shop, id, "Not mine"), TICKET_NOT_FOUND);
	ck_assert_int_eq(ticket_answer(id, staff_id, "On Friday.", "resolved", &links), TICKET_OK);
	ck_assert_str_eq(STATUS_OF(id), "resolved");
	ck_assert_int_eq(mails(user_email(fx.other_user_id), "On Friday."), 1);
	ck_assert_int_eq(mails(user_email(fx.other_user_id), "/vendor/tickets/"), 2);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND audience = 'vendor'"
				       " AND kind = 'ticket'", "i", fx.other_user_id), 1);
	ck_assert_int_eq(db_exec("UPDATE vendors SET user_id = NULL WHERE id = ?", "i", fx.vendor_id), 1);
}

static void
return_dispute(void)
{
	static const long long qty[2] = { 1, 0 };
	struct fixture_order o;
	struct returns_line l;
	long long id, ticket_id, again;

	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 3600);
	l = (struct returns_line){ o.item_id[0], 1 };
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.user_id, &l, 1, "Broken", &id), RETURNS_OK);
	ck_assert_int_eq(returns_refuse(id, fx.vendor_id, 0, "Dropped by you"), RETURNS_OK);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM tickets WHERE return_id = ?", "i", id), 0);
	ck_assert_int_eq(returns_escalate(id, fx.user_id, "It came broken"), RETURNS_OK);
	ticket_id = db_scalar(-1, "SELECT id FROM tickets WHERE return_id = ?", "i", id);
	ck_assert_int_gt(ticket_id, 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT user_id FROM tickets WHERE id = ?", "i", ticket_id), fx.user_id);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ? AND body = ?", "is",
				   ticket_id, "It came broken"), 1);
	ck_assert_int_eq(ticket_from_return(id, "again", &again), TICKET_OK);	/* once */
	ck_assert_int_eq(again, ticket_id);
	ck_assert_int_eq(ticket_from_return(999999999999LL, "none", &again), TICKET_NOT_FOUND);
	ck_assert_int_eq(returns_close(id, staff_id, "The photos show a drop"), RETURNS_OK);
	ck_assert_str_eq(STATUS_OF(ticket_id), "resolved");
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = ? AND kind = 'answer'"
				       " AND body = ?", "is", ticket_id, "The photos show a drop"), 1);
}

START_TEST(test_tickets)
{
	customer_ticket();
	vendor_ticket();
	return_dispute();
}
END_TEST

static Suite *
ticket_suite(void)
{
	Suite *s = suite_create("ticket");
	TCase *pure = tcase_create("pure");
	TCase *live = tcase_create("live");

	tcase_add_test(pure, test_labels);
	suite_add_tcase(s, pure);
	tcase_add_checked_fixture(live, live_setup, live_teardown);
	tcase_set_timeout(live, 60);
	tcase_add_test(live, test_tickets);
	suite_add_tcase(s, live);
	return s;
}

CHECK_MAIN(ticket_suite)
