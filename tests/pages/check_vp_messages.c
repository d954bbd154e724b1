/*
 * Page tests for vp_messages.c: the shop's inbox and its filters
 * (unanswered, unread, an order number; a malformed number refused), a
 * conversation's page and the answer form, and reporting one of the
 * customer's messages; the other shop of the same order gets 404.
 */
#define PU_PREFIX "vp-messages"
#include "vp_util.h"
#include "chat.h"
#include "order_fixture.h"

static struct order_fixture fx;

START_TEST(test_inbox_and_answer)
{
	static const long long qty[2] = { 1, 0 };
	struct fixture_order o;
	struct chat_conversation c;
	struct pu_user me, other;
	struct pu_page *p;
	struct arena a;
	const char *field, *why;
	char uri[160], number[40];
	long long id, question;

	order_fixture_setup(&fx, "vp-messages");
	vpt_shop_owner(&me, fx.vendor_id);
	vpt_shop_owner(&other, fx.other_vendor_id);
	order_fixture_order(&fx, &o, "processing", qty, 0, 1, 0);
	ck_assert_int_eq(chat_open(o.order_id, o.vendor_order_id, fx.user_id, fx.vendor_id), 0);
	id = db_scalar(-1, "SELECT id FROM conversations WHERE vendor_order_id = ?", "i", o.vendor_order_id);
	arena_init(&a);
	ck_assert_int_eq(chat_load(&a, id, CHAT_VENDOR, me.id, &c), 0);
	snprintf(number, sizeof number, "%s", c.vo_number);
	question = chat_send(&c, CHAT_CUSTOMER, fx.user_id, "When does it ship?", NULL, "/vendor/messages/1", &field, &why);
	ck_assert_int_gt(question, 0);
	arena_free(&a);

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
	p = pu_get_as(&me, "/vendor/messages?order=a%27b");
	pu_assert_status(p, 400);
	pu_free(p);
	p = pu_get_as(&me, "/vendor/messages?filter=nope");
	pu_assert_status(p, 400);
	pu_free(p);
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
	p = pu_get_as(&other, uri);
	pu_assert_status(p, 404);
	pu_free(p);
	p = pu_post_as(&other, uri, "text=Me+too");
	pu_assert_status(p, 404);
	pu_free(p);
	p = pu_post_as(&me, uri, "text=");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Write a message or choose a picture to send.");
	pu_free(p);
	p = pu_post_as(&me, uri, "text=Tomorrow.");
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT customer_unread FROM conversations WHERE id = ?", id), 1);
	p = pu_get_as(&me, "/vendor/messages?filter=unanswered");
	snprintf(uri, sizeof uri, "/vendor/messages/%lld\"", id);
	pu_assert_lacks(p, uri);
	pu_free(p);

	snprintf(uri, sizeof uri, "/vendor/messages/%lld/%lld/report", id, question);
	p = pu_post_as(&other, uri, "reason=Spam");
	pu_assert_status(p, 404);
	pu_free(p);
	p = pu_post_as(&me, uri, "reason=Spam");
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM content_reports WHERE kind = 'message' AND object_id = ?",
				  question), 1);
	db_exec("DELETE FROM content_reports WHERE kind = 'message' AND object_id = ?", "i", question);
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
