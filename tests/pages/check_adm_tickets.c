/*
 * Page tests for adm_tickets.c and the support role: a support user sees
 * the ticket pages and nothing else of the admin site (the dashboard sends
 * them on, the rest is 404), needs the second factor like an admin; the
 * ticket page shows the internal notes, the forms say which field is wrong,
 * assigning takes only support staff; a return dispute links to the return
 * for admins.
 */
#define PU_PREFIX "adm-tickets"
#include "adm_util.h"
#include "returns.h"
#include "ticket.h"
#include "order_fixture.h"

static struct order_fixture fx;

START_TEST(test_support_role_and_pages)
{
	static const long long qty[2] = { 1, 0 };
	struct ticket_party asker = { 0, 0, 0 };
	struct admt_user admin, support, half, customer;
	struct fixture_order o;
	struct returns_line l;
	struct pu_page *p;
	char uri[96], body[128];
	long long id, return_id, dispute;

	order_fixture_setup(&fx, "adm-tickets");
	admt_admin_new(&admin, 1);
	admt_user_new(&support, "support");
	admt_enrol(&support);
	pu_login(&support.u, 1);
	admt_user_new(&half, "support");
	admt_enrol(&half);
	pu_login(&half.u, 0);
	admt_user_new(&customer, "customer");
	pu_login(&customer.u, 0);
	asker.user_id = fx.user_id;
	ck_assert_int_eq(ticket_open(&asker, "<script>alert(1)</script>", "account", NULL, "I cannot log in", &id),
			 TICKET_OK);

	/* who may come in */
	p = pu_get_as(&support.u, "/admin/tickets");
	pu_assert_status(p, 200);
	pu_assert_has(p, "href=\"/admin/tickets\" aria-current=\"page\"");
	pu_assert_lacks(p, "href=\"/admin/vendors\"");
	pu_assert_has(p, "&lt;script&gt;alert(1)&lt;/script&gt;");
	pu_assert_lacks(p, "<script>alert(1)");
	pu_free(p);
	p = pu_get_as(&support.u, "/admin/");
	pu_assert_status(p, 303);
	pu_assert_location(p, "/admin/tickets");
	pu_free(p);
	pu_expect(404, pu_get_as(&support.u, "/admin/vendors"));
	pu_expect(404, pu_get_as(&support.u, "/admin/returns"));
	p = pu_get_as(&half.u, "/admin/tickets");
	pu_assert_status(p, 303);	/* to the second factor */
	pu_free(p);
	pu_expect(404, pu_get_as(&customer.u, "/admin/tickets"));
	p = pu_get_as(&admin.u, "/admin/tickets?show=all&whose=nobody");
	pu_assert_status(p, 200);
	pu_assert_has(p, "href=\"/admin/vendors\"");
	pu_free(p);

	/* the ticket: forms and their messages */
	snprintf(uri, sizeof uri, "/admin/tickets/%lld/note", id);
	p = pu_post_as(&support.u, uri, "note=");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Write the note.");
	pu_free(p);
	pu_expect(303, pu_post_as(&support.u, uri, "note=Checked+the+login+log"));
	snprintf(uri, sizeof uri, "/admin/tickets/%lld/answer", id);
	p = pu_post_as(&support.u, uri, "answer=&status=waiting");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Write the answer to the customer.");
	pu_free(p);
	pu_expect(422, pu_post_as(&support.u, uri, "answer=Reset+your+password&status=bogus"));
	pu_expect(303, pu_post_as(&support.u, uri, "answer=Reset+your+password&status=waiting"));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM tickets WHERE id = ? AND status = 'waiting'", id), 1);
	ck_assert_int_eq(pu_audits("ticket.answer", "ticket", id), 1);
	snprintf(uri, sizeof uri, "/admin/tickets/%lld/assign", id);
	snprintf(body, sizeof body, "assignee=%lld", customer.u.id);
	pu_expect(400, pu_post_as(&support.u, uri, body));
	snprintf(body, sizeof body, "assignee=%lld", support.u.id);
	pu_expect(303, pu_post_as(&admin.u, uri, body));
	ck_assert_int_eq(pu_count("SELECT assigned_to FROM tickets WHERE id = ?", id), support.u.id);
	snprintf(uri, sizeof uri, "/admin/tickets/%lld/status", id);
	pu_expect(400, pu_post_as(&support.u, uri, "status=closed"));
	pu_expect(303, pu_post_as(&support.u, uri, "status=resolved"));
	snprintf(uri, sizeof uri, "/admin/tickets/%lld", id);
	p = pu_get_as(&support.u, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Checked the login log");
	pu_assert_text(p, "internal note");
	pu_assert_text(p, "Reset your password");
	pu_assert_text(p, "Resolved");
	pu_free(p);
	pu_expect(404, pu_get_as(&support.u, "/admin/tickets/999999999999"));
	p = pu_get_as(&support.u, "/admin/tickets?show=resolved&whose=mine");
	pu_assert_status(p, 200);
	pu_assert_has(p, uri);
	pu_free(p);

	/* a return dispute: linked to the return for an admin only */
	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 3600);
	l = (struct returns_line){ o.item_id[0], 1 };
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.user_id, &l, 1, "Broken", &return_id), RETURNS_OK);
	ck_assert_int_eq(returns_refuse(return_id, fx.vendor_id, 0, "Dropped"), RETURNS_OK);
	ck_assert_int_eq(returns_escalate(return_id, fx.user_id, "It came broken"), RETURNS_OK);
	dispute = db_scalar(0, "SELECT id FROM tickets WHERE return_id = ?", "i", return_id);
	ck_assert_int_gt(dispute, 0);
	snprintf(uri, sizeof uri, "/admin/tickets/%lld", dispute);
	p = pu_get_as(&admin.u, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "It came broken");
	snprintf(body, sizeof body, "href=\"/admin/returns/%lld\"", return_id);
	pu_assert_has(p, body);
	pu_free(p);
	p = pu_get_as(&support.u, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Escalated: waiting for the marketplace");
	pu_assert_lacks(p, body);
	pu_free(p);
}
END_TEST

static Suite *
adm_tickets_suite(void)
{
	Suite *s = suite_create("adm_tickets");
	TCase *tc = pu_tcase_people(s, "tickets");

	tcase_add_test(tc, test_support_role_and_pages);
	return s;
}

CHECK_MAIN(adm_tickets_suite)
