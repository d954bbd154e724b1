/*
 * Page tests for adm_conversations.c: an admin reads a conversation only
 * from a report of one of its messages or an escalated return of its
 * vendor order (404 otherwise, and for a report or return of another
 * conversation), each reading audited; an admin without the second factor
 * is kept out; the reports queue and the return's page link to the
 * conversation.
 */
#define PU_PREFIX "adm-conversations"
#include "adm_util.h"
#include "report.h"
#include "order_fixture.h"

static struct order_fixture fx;

START_TEST(test_conversation_from_report_or_dispute)
{
	static const long long qty[2] = { 1, 0 };
	struct fixture_order o, d;
	struct admt_user admin, half;
	struct pu_page *p;
	char uri[128];
	long long id, other, message, report, ret, waiting;

	order_fixture_setup(&fx, "adm-conversations");
	admt_admin_new(&admin, 1);
	admt_admin_new(&half, 0);
	order_fixture_order(&fx, &o, "delivered", qty, 0, 1, 3600);
	order_fixture_order(&fx, &d, "delivered", qty, 0, 1, 3600);
	id = pu_chat_open(o.order_id, o.vendor_order_id, fx.user_id, fx.vendor_id);
	other = pu_chat_open(d.order_id, d.vendor_order_id, fx.user_id, fx.vendor_id);
	message = pu_chat_send(id, CHAT_CUSTOMER, fx.user_id, "You <i>cheat</i>!");

	snprintf(uri, sizeof uri, "/admin/conversations/%lld", id);
	pu_expect(404, pu_get_as(&admin.u, uri));
	ck_assert_int_eq(report_add(REPORT_MESSAGE, message, fx.other_user_id, "Insults"), 1);
	report = db_scalar(-1, "SELECT MAX(id) FROM content_reports WHERE kind = 'message' AND object_id = ?", "i",
			   message);
	snprintf(uri, sizeof uri, "/admin/conversations/%lld?report=%lld", other, report);
	pu_expect(404, pu_get_as(&admin.u, uri));
	ck_assert_int_eq(pu_audits("conversation.read", "conversation", id), 0);
	/* The moderators' queue (oldest first: the newest report is on its last
	 * page) links the reported message to its conversation through the report. */
	waiting = db_scalar(-1, "SELECT COUNT(DISTINCT kind, object_id) FROM content_reports WHERE status = 'open'", "");
	snprintf(uri, sizeof uri, "/admin/reports?page=%lld", (waiting + 49) / 50);
	p = pu_get_as(&admin.u, uri);
	snprintf(uri, sizeof uri, "href=\"/admin/conversations/%lld?report=%lld\"", id, report);
	pu_assert_status(p, 200);
	pu_assert_has(p, uri);
	pu_free(p);
	ck_assert_int_eq(pu_audits("conversation.read", "conversation", id), 0);
	snprintf(uri, sizeof uri, "/admin/conversations/%lld?report=%lld", id, report);
	p = pu_get_as(&half.u, uri);
	ck_assert_int_ne(p->status, 200);
	pu_free(p);
	p = pu_get_as(&admin.u, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "You <i>cheat</i>!");
	pu_assert_lacks(p, "<i>cheat</i>");
	pu_assert_text(p, "one of its messages was reported");
	pu_free(p);
	ck_assert_int_eq(pu_audits("conversation.read", "conversation", id), 1);
	snprintf(uri, sizeof uri, "/admin/conversations/%lld?report=x", id);
	pu_expect(400, pu_get_as(&admin.u, uri));

	/* A dispute: the escalated return's page links to it. */
	ck_assert_int_eq(db_exec("INSERT INTO returns (order_id, vendor_order_id, user_id, status, reason, refusal,"
				 " escalation, amount_minor, requested_at, escalated_at) VALUES (?, ?, ?, 'escalated',"
				 " 'Broken', 'No', 'Please decide', 0, NOW(), NOW())", "iii", o.order_id,
				 o.vendor_order_id, fx.user_id), 1);
	ret = (long long)db_insert_id();
	snprintf(uri, sizeof uri, "/admin/returns/%lld", ret);
	p = pu_get_as(&admin.u, uri);
	pu_assert_status(p, 200);
	snprintf(uri, sizeof uri, "/admin/conversations/%lld?return=%lld", id, ret);
	pu_assert_has(p, uri);
	pu_free(p);
	p = pu_get_as(&admin.u, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "asked the marketplace to decide");
	pu_free(p);
	ck_assert_int_eq(pu_audits("conversation.read", "conversation", id), 2);
	snprintf(uri, sizeof uri, "/admin/conversations/%lld?return=%lld", other, ret);
	pu_expect(404, pu_get_as(&admin.u, uri));
	db_exec("UPDATE returns SET status = 'closed' WHERE id = ?", "i", ret);
	db_exec("DELETE FROM content_reports WHERE kind = 'message' AND object_id = ?", "i", message);
}
END_TEST

static Suite *
adm_conversations_suite(void)
{
	Suite *s = suite_create("adm_conversations");
	TCase *tc = pu_tcase(s, "conversations");

	tcase_add_test(tc, test_conversation_from_report_or_dispute);
	return s;
}

CHECK_MAIN(adm_conversations_suite)
