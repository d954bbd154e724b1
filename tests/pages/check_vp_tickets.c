/*
 * Page tests for vp_tickets.c: a vendor's questions to support: the list in
 * the portal, the form (another shop's order number refused, a message per
 * field), the ticket with support's answer but never an internal note, text
 * shown escaped; another shop's ticket is 404.
 */
#define PU_PREFIX "vp-tickets"
#include "vp_util.h"
#include "ticket.h"
#include "order_fixture.h"

static struct order_fixture fx;
/* The askers' pages, as the admin program names them. */
static const struct ticket_links links = { "/account/tickets", "/vendor/tickets" };

/* The fixture's account user_id as the owner of its shop vendor_id, logged in. */
static void
owner(struct pu_user *u, long long user_id, long long vendor_id)
{
	ck_assert_int_eq(db_exec("UPDATE users SET role = 'vendor' WHERE id = ?", "i", user_id), 1);
	ck_assert_int_eq(db_exec("UPDATE vendors SET user_id = ? WHERE id = ?", "ii", user_id, vendor_id), 1);
	memset(u, 0, sizeof *u);
	u->id = user_id;
	pu_login(u, 0);
}

START_TEST(test_vendor_tickets)
{
	static const long long qty[2] = { 1, 0 };
	struct fixture_order o;
	struct pu_user shop, other;
	struct pu_page *p;
	char uri[96], body[512], number[40];
	long long id;

	order_fixture_setup(&fx, "vp-tickets");
	order_fixture_order(&fx, &o, "processing", qty, 0, 0, 0);
	owner(&shop, fx.other_user_id, fx.vendor_id);
	owner(&other, fx.user_id, fx.other_vendor_id);
	snprintf(number, sizeof number, "%s", order_fixture_number(&o, 1));

	p = pu_get_as(&shop, "/vendor/tickets");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "href=\"/vendor/tickets\" aria-current=\"page\"");
	pu_free(p);
	p = pu_get_as(&shop, "/vendor/tickets/new");
	pu_assert_status(p, 200);
	pu_assert_has(p, "action=\"/vendor/tickets\"");
	pu_free(p);
	p = pu_post_as(&shop, "/vendor/tickets", "subject=&category=bogus&body=");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Write a subject: what your question is about, in a few words.");
	pu_assert_text(p, "Write your message.");
	pu_free(p);
	snprintf(body, sizeof body, "subject=Payout&category=payment&body=Hi&order=%s", number);
	p = pu_post_as(&other, "/vendor/tickets", body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "None of your orders has this number");
	pu_free(p);
	snprintf(body, sizeof body, "subject=%%22%%3E%%3Cimg+src%%3Dx+onerror%%3Dalert(1)%%3E&category=payment"
		 "&body=When+is+it+paid&order=%s", number);
	p = pu_post_as(&shop, "/vendor/tickets", body);
	pu_assert_status(p, 303);
	ck_assert_int_eq(sscanf(pu_header(p, "Location"), "/vendor/tickets/%lld", &id), 1);
	pu_free(p);
	ck_assert_int_eq(ticket_note(id, 1, "INTERNAL-ONLY check the ledger"), TICKET_OK);
	ck_assert_int_eq(ticket_answer(id, 1, "On Friday.", NULL, &links), TICKET_OK);
	snprintf(uri, sizeof uri, "/vendor/tickets/%lld", id);
	p = pu_get_as(&shop, uri);
	pu_assert_status(p, 200);
	pu_assert_has(p, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
	pu_assert_lacks(p, "<img src=x");
	pu_assert_text(p, "On Friday.");
	pu_assert_text(p, "Waiting for your answer");
	pu_assert_lacks(p, "INTERNAL-ONLY");
	pu_free(p);
	pu_expect(404, pu_get_as(&other, uri));
	snprintf(uri, sizeof uri, "/vendor/tickets/%lld/reply", id);
	pu_expect(404, pu_post_as(&other, uri, "body=Not+mine"));
	pu_expect(303, pu_post_as(&shop, uri, "body=Thanks"));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM tickets WHERE id = ? AND status = 'open'", id), 1);
	/* a customer is not a vendor */
	ck_assert_int_eq(db_exec("UPDATE users SET role = 'customer' WHERE id = ?", "i", fx.user_id), 1);
	pu_expect(404, pu_get_as(&other, "/vendor/tickets"));
	ck_assert_int_eq(db_exec("UPDATE vendors SET user_id = NULL WHERE id IN (?, ?)", "ii", fx.vendor_id,
				 fx.other_vendor_id), 2);
}
END_TEST

static Suite *
vp_tickets_suite(void)
{
	Suite *s = suite_create("vp_tickets");
	TCase *tc = pu_tcase(s, "tickets");

	tcase_add_test(tc, test_vendor_tickets);
	return s;
}

CHECK_MAIN(vp_tickets_suite)
