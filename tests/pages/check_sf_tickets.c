/*
 * Page tests for sf_tickets.c: a customer's questions to support: the list,
 * the form with a message per field and an order number that is not theirs
 * refused, the ticket with support's answer but never an internal note,
 * text shown escaped, the answer that opens a resolved ticket again;
 * another customer's ticket is 404 and a visitor goes to the login.
 */
#define PU_PREFIX "sf-tickets"
#include "page_util.h"
#include "ticket.h"
#include "order_fixture.h"

static struct order_fixture fx;
/* The askers' pages, as the admin program names them. */
static const struct ticket_links links = { "/account/tickets", "/vendor/tickets" };

/* The fixture's customer, logged in. */
static void
customer(struct pu_user *u, long long id)
{
	memset(u, 0, sizeof *u);
	u->id = id;
	pu_login(u, 0);
}

START_TEST(test_tickets_pages)
{
	static const long long qty[2] = { 1, 0 };
	struct fixture_order o;
	struct pu_user me, other;
	struct pu_page *p;
	char uri[96], body[512], number[40];
	const char *where;
	long long id;

	order_fixture_setup(&fx, "sf-tickets");
	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 3600);
	snprintf(number, sizeof number, "%s", order_fixture_number(&o, 0));
	customer(&me, fx.user_id);
	customer(&other, fx.other_user_id);

	p = pu_get_as(&me, "/account/tickets");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "Nothing asked yet");
	pu_free(p);
	pu_expect(303, pu_get("/account/tickets"));
	snprintf(uri, sizeof uri, "/account/tickets/new?order=%s&category=payment", number);
	p = pu_get_as(&me, uri);
	pu_assert_status(p, 200);
	pu_assert_has(p, number);
	pu_assert_has(p, "<option value=\"payment\" selected>");
	pu_free(p);

	/* each field in error says so; nothing is written */
	p = pu_post_as(&me, "/account/tickets", "subject=&category=&order=&body=");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Write a subject: what your question is about, in a few words.");
	pu_assert_text(p, "Choose what your question is about.");
	pu_assert_text(p, "Write your message.");
	pu_free(p);
	p = pu_post_as(&other, "/account/tickets", "subject=Mine&category=order&body=Hello&order=");
	pu_assert_status(p, 303);	/* the other customer's own, without an order */
	pu_free(p);
	snprintf(body, sizeof body, "subject=Not+mine&category=order&body=Hello&order=%s", number);
	p = pu_post_as(&other, "/account/tickets", body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "None of your orders has this number: check it, or leave the field empty.");
	pu_assert_has(p, "value=\"Not mine\"");	/* what was typed stays */
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM tickets WHERE user_id = ?", fx.other_user_id), 1);

	/* the customer's own: XSS in the subject and message shown escaped */
	snprintf(body, sizeof body, "subject=%%3Cscript%%3Ealert(1)%%3C%%2Fscript%%3E&category=order&order=%s"
		 "&body=Where+is+%%3Cb%%3Eit%%3C%%2Fb%%3E", number);
	p = pu_post_as(&me, "/account/tickets", body);
	pu_assert_status(p, 303);
	where = pu_header(p, "Location");
	ck_assert_ptr_nonnull(where);
	ck_assert_int_eq(sscanf(where, "/account/tickets/%lld", &id), 1);
	pu_free(p);
	ck_assert_int_eq(ticket_note(id, 1, "INTERNAL-ONLY courier lost it"), TICKET_OK);
	ck_assert_int_eq(ticket_answer(id, 1, "We asked the courier.", "resolved", &links), TICKET_OK);
	snprintf(uri, sizeof uri, "/account/tickets/%lld", id);
	p = pu_get_as(&me, uri);
	pu_assert_status(p, 200);
	pu_assert_has(p, "&lt;script&gt;alert(1)&lt;/script&gt;");
	pu_assert_lacks(p, "<script>alert(1)");
	pu_assert_has(p, "Where is &lt;b&gt;it&lt;/b&gt;");
	pu_assert_text(p, "We asked the courier.");
	pu_assert_text(p, number);
	pu_assert_text(p, "Resolved");
	pu_assert_lacks(p, "INTERNAL-ONLY");
	pu_assert_lacks(p, "internal note");
	pu_free(p);
	p = pu_get_as(&me, "/account/tickets");
	pu_assert_status(p, 200);
	pu_assert_has(p, uri);
	pu_free(p);

	/* another customer: 404 to read or write */
	pu_expect(404, pu_get_as(&other, uri));
	snprintf(uri, sizeof uri, "/account/tickets/%lld/reply", id);
	pu_expect(404, pu_post_as(&other, uri, "body=Me+too"));
	p = pu_post_as(&me, uri, "body=");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Write your message.");
	pu_assert_lacks(p, "INTERNAL-ONLY");
	pu_free(p);
	pu_expect(303, pu_post_as(&me, uri, "body=Still+not+here"));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM tickets WHERE id = ? AND status = 'open'", id), 1);
	pu_expect(404, pu_get_as(&me, "/account/tickets/999999999999"));
}
END_TEST

static Suite *
sf_tickets_suite(void)
{
	Suite *s = suite_create("sf_tickets");
	TCase *tc = pu_tcase(s, "tickets");

	tcase_add_test(tc, test_tickets_pages);
	return s;
}

CHECK_MAIN(sf_tickets_suite)
