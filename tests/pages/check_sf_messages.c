/*
 * Page tests for sf_messages.c: the customer's conversations and one
 * conversation's page, sending (a message, nothing to send refused next to
 * its field), reporting one of the shop's messages (a reason required), and
 * the live channel's question from nginx (yes for the customer, no for
 * anybody else); another customer's conversation is 404 and a visitor
 * without a session goes to the login.
 */
#define PU_PREFIX "sf-messages"
#include "page_util.h"
#include "order_fixture.h"

static struct order_fixture fx;

START_TEST(test_conversation_pages)
{
	static const long long qty[2] = { 1, 0 };
	struct fixture_order o;
	struct pu_user me, other;
	struct pu_page *p;
	char uri[96];
	long long id, theirs;

	order_fixture_setup(&fx, "sf-messages");
	order_fixture_order(&fx, &o, "processing", qty, 0, 1, 0);
	id = pu_chat_open(o.order_id, o.vendor_order_id, fx.user_id, fx.vendor_id);
	pu_login_id(&me, fx.user_id);
	pu_login_id(&other, fx.other_user_id);

	p = pu_get_as(&me, "/messages");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "Fixture Shop: order F");
	pu_free(p);
	p = pu_get_as(&other, "/messages");
	pu_assert_status(p, 200);
	pu_assert_text(p, "No conversations yet");
	pu_free(p);
	pu_expect(400, pu_get_as(&me, "/messages?page=x"));

	snprintf(uri, sizeof uri, "/messages/%lld", id);
	p = pu_get_as(&me, uri);
	pu_assert_status(p, 200);
	/* The layout but for the page's own script, the live updates, beside
	 * the search box's suggestions: files of their own (the policy allows
	 * no inline script). */
	pu_assert_has(p, "<main id=\"main\"");
	pu_assert_has(p, "<script src=\"/static/js/chat.");
	ck_assert_int_eq(pu_occurrences(p, "<script"), 2);
	pu_assert_text(p, "No messages yet.");
	pu_assert_has(p, "enctype=\"multipart/form-data\"");
	pu_free(p);
	pu_expect(404, pu_get_as(&other, uri));
	pu_expect(303, pu_get(uri));

	/* Sending: nothing to send is refused next to the field; a message is kept. */
	p = pu_post_as(&me, uri, "text=+++");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Write a message or choose a picture to send.");
	pu_free(p);
	pu_expect(404, pu_post_as(&other, uri, "text=Hello"));
	pu_expect(303, pu_post_as(&me, uri, "text=Is+it+%3Cb%3Ebig%3C%2Fb%3E%3F"));
	p = pu_get_as(&me, uri);
	pu_assert_text(p, "Is it <b>big</b>?");
	pu_assert_lacks(p, "<b>big</b>");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT vendor_unread FROM conversations WHERE id = ?", id), 1);

	/* The shop answers; the customer reports the answer, with a reason. */
	theirs = pu_chat_send(id, CHAT_VENDOR, fx.user_id, "Rude answer");
	snprintf(uri, sizeof uri, "/messages/%lld/%lld/report", id, theirs);
	pu_expect(400, pu_post_as(&me, uri, "reason="));
	pu_expect(404, pu_post_as(&other, uri, "reason=Rude"));
	pu_expect(303, pu_post_as(&me, uri, "reason=Rude"));
	ck_assert_int_eq(pu_chat_reports_take(theirs), 1);

	/* nginx's question before a browser subscribes. */
	snprintf(uri, sizeof uri, "/live/chat/%lld", id);
	pu_expect(200, pu_get_as(&me, uri));
	pu_expect(403, pu_get_as(&other, uri));
	pu_expect(403, pu_get(uri));
}
END_TEST

static Suite *
sf_messages_suite(void)
{
	Suite *s = suite_create("sf_messages");
	TCase *tc = pu_tcase(s, "messages");

	tcase_add_test(tc, test_conversation_pages);
	return s;
}

CHECK_MAIN(sf_messages_suite)
