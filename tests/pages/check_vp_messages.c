/*
 * Page tests for vp_messages.c: the shop's inbox and its filters
 * (unanswered, unread, an order number; a malformed number refused), a
 * conversation's page and the answer form, and reporting one of the
 * customer's messages; the other shop of the same order gets 404.
 */
#define PU_PREFIX "vp-messages"
#include "vp_util.h"
#include "order_fixture.h"

static struct order_fixture fx;

START_TEST(test_inbox_and_answer)
{
	static const long long qty[2] = { 1, 0 };
	struct fixture_order o;
	struct pu_user me, other;
	struct pu_page *p;
	char uri[160], number[40];
	long long id, question;

	order_fixture_setup(&fx, "vp-messages");
	vpt_shop_owner(&me, fx.vendor_id);
	vpt_shop_owner(&other, fx.other_vendor_id);
	order_fixture_order(&fx, &o, "processing", qty, 0, 1, 0);
	id = pu_chat_open(o.order_id, o.vendor_order_id, fx.user_id, fx.vendor_id);
	snprintf(number, sizeof number, "%s", order_fixture_number(&o, 1));
	question = pu_chat_send(id, CHAT_CUSTOMER, fx.user_id, "When does it ship?");

	snprintf(uri, sizeof uri, "/vendor/messages/%lld", id);
	p = pu_get_as(&me, "/vendor/messages?filter=unanswered");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, uri);
	pu_assert_text(p, "waiting for your answer");
	pu_free(p);
	snprintf(uri, sizeof uri, "/vendor/messages?order=%s", number);
	p = pu_get_as(&me, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "1 message");
	pu_free(p);
	p = pu_get_as(&me, "/vendor/messages?order=BZ-000000");
	pu_assert_text(p, "No conversation matches.");
	pu_free(p);
	pu_expect(400, pu_get_as(&me, "/vendor/messages?order=a%27b"));
	pu_expect(400, pu_get_as(&me, "/vendor/messages?filter=nope"));
	p = pu_get_as(&other, "/vendor/messages");
	pu_assert_status(p, 200);
	pu_assert_text(p, "No conversation matches.");
	pu_free(p);

	snprintf(uri, sizeof uri, "/vendor/messages/%lld", id);
	p = pu_get_as(&me, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "When does it ship?");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT vendor_unread FROM conversations WHERE id = ?", id), 0);
	pu_expect(404, pu_get_as(&other, uri));
	pu_expect(404, pu_post_as(&other, uri, "text=Me+too"));
	p = pu_post_as(&me, uri, "text=");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Write a message or choose a picture to send.");
	pu_free(p);
	pu_expect(303, pu_post_as(&me, uri, "text=Tomorrow."));
	ck_assert_int_eq(pu_count("SELECT customer_unread FROM conversations WHERE id = ?", id), 1);
	p = pu_get_as(&me, "/vendor/messages?filter=unanswered");
	snprintf(uri, sizeof uri, "/vendor/messages/%lld\"", id);
	pu_assert_lacks(p, uri);
	pu_free(p);

	snprintf(uri, sizeof uri, "/vendor/messages/%lld/%lld/report", id, question);
	pu_expect(404, pu_post_as(&other, uri, "reason=Spam"));
	pu_expect(303, pu_post_as(&me, uri, "reason=Spam"));
	ck_assert_int_eq(pu_chat_reports_take(question), 1);
}
END_TEST

static Suite *
vp_messages_suite(void)
{
	Suite *s = suite_create("vp_messages");
	TCase *tc = pu_tcase(s, "messages");

	tcase_add_test(tc, test_inbox_and_answer);
	return s;
}

CHECK_MAIN(vp_messages_suite)
