/*
 * Page tests for sf_orders.c: the customer's order history and an order's
 * page with each shop's status and tracking, someone else's order (404), a
 * guest through the confirmation's link (and a wrong token: 404), the
 * invoices (page and PDF, none before payment), and bad input. A guest's
 * unpaid order links to its payment page (sf_payment.c), which the link's
 * token opens and whose "Pay now" goes on to the provider. Each shop's
 * part of an account's order links to its conversation with the shop.
 * Orders are made by tests/order_fixture.h.
 */
#define PU_PREFIX "sfo"
#include "page_util.h"
#include "order_fixture.h"
#include "order.h"
#include "../../cgi/storefront/sf.h"

static struct pu_page *
get_as_f(struct pu_user *u, const char *fmt, long long a, long long b)
{
	char uri[256];

	snprintf(uri, sizeof uri, fmt, a, b);
	return pu_get_as(u, uri);
}

START_TEST(test_history_and_order)
{
	struct pu_user c, other;
	struct oft_order o;
	long long vendors[2];
	struct pu_page *p;

	oft_page_shops(vendors, 2);
	pu_user_add(&c, PU_PREFIX, "customer", 1, NULL);
	pu_login(&c, 0);
	oft_order_new(&o, c.id, c.email, vendors, 2, "paid");
	ck_assert_int_eq(db_exec("UPDATE vendor_orders SET status = 'shipped', carrier = 'DHL', tracking_number ="
				 " 'JD0001', shipped_at = NOW() WHERE id = ?", "i", o.vo[0]), 1);

	p = pu_get_as(&c, "/orders");
	pu_assert_status(p, 200);
	pu_assert_text(p, o.number);
	pu_assert_text(p, o.vo_number[0]);
	pu_assert_text(p, o.vo_number[1]);
	pu_assert_text(p, "Shipped");
	pu_assert_text(p, "Being prepared");
	pu_assert_text(p, "JD0001");
	pu_free(p);

	p = get_as_f(&c, "/orders/%lld", o.id, 0);
	pu_assert_status(p, 200);
	pu_assert_text(p, o.vo_number[0]);
	pu_assert_text(p, o.vo_number[1]);
	pu_assert_text(p, "JD0001");
	pu_assert_text(p, "12 Analytical Row");
	pu_assert_has(p, "data-vo-status=\"shipped\"");
	pu_assert_has(p, "data-vo-status=\"processing\"");
	{
		char href[128];

		snprintf(href, sizeof href, "href=\"/orders/%lld/invoice/%lld.pdf\"", o.id, o.vo[1]);
		pu_assert_has(p, href);
	}
	pu_free(p);

	/* Someone else's order: 404; the page and the invoice alike. */
	pu_user_add(&other, PU_PREFIX, "customer", 1, NULL);
	pu_login(&other, 0);
	p = get_as_f(&other, "/orders/%lld", o.id, 0);
	pu_assert_status(p, 404);
	pu_free(p);
	p = get_as_f(&other, "/orders/%lld/invoice/%lld", o.id, o.vo[0]);
	pu_assert_status(p, 404);
	pu_free(p);
	p = pu_get_as(&other, "/orders");
	pu_assert_status(p, 200);
	pu_assert_lacks(p, o.number);
	pu_assert_text(p, "not ordered anything yet");
	pu_free(p);
	/* Not logged in: the login page. */
	pu_expect(303, pu_getf("/orders/%lld", o.id));
	/* Bad input. */
	pu_expect(400, pu_get_as(&c, "/orders?page=0"));
	pu_expect(404, pu_get_as(&c, "/orders?page=50"));
	pu_expect(404, pu_get_as(&c, "/orders/999999999999"));
}
END_TEST

START_TEST(test_invoices)
{
	struct pu_user c;
	struct oft_order o, u;
	long long vendors[2];
	struct pu_page *p;

	oft_page_shops(vendors, 2);
	pu_user_add(&c, PU_PREFIX, "customer", 1, NULL);
	pu_login(&c, 0);
	oft_order_new(&o, c.id, c.email, vendors, 2, "paid");
	p = get_as_f(&c, "/orders/%lld/invoice/%lld", o.id, o.vo[1]);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Invoice INV-");
	pu_assert_text(p, PU_VENDOR_LEGAL_NAME);
	pu_assert_text(p, "Tax breakdown");
	pu_free(p);
	p = get_as_f(&c, "/orders/%lld/invoice/%lld.pdf", o.id, o.vo[1]);
	pu_assert_status(p, 200);
	ck_assert_str_eq(pu_header(p, "Content-Type"), "application/pdf");
	ck_assert_int_eq(strncmp(p->body, "%PDF-", 5), 0);
	pu_free(p);
	/* A vendor order of another order under this order's id: 404. */
	oft_order_new(&u, c.id, c.email, vendors, 1, "awaiting_payment");
	p = get_as_f(&c, "/orders/%lld/invoice/%lld", o.id, u.vo[0]);
	pu_assert_status(p, 404);
	pu_free(p);
	/* Not paid: no invoice yet. */
	p = get_as_f(&c, "/orders/%lld/invoice/%lld", u.id, u.vo[0]);
	pu_assert_status(p, 409);
	pu_free(p);
}
END_TEST

/* "Ask the shop about this order": one link a shop's part, to its own
 * conversation, with its unread count; none on a guest's page. */
START_TEST(test_ask_the_shop)
{
	struct pu_user c;
	struct oft_order o, g;
	long long vendors[2], conv[2];
	struct pu_page *p;
	char href[160], uri[512], email[128];
	int i;

	oft_page_shops(vendors, 2);
	pu_user_add(&c, PU_PREFIX, "customer", 1, NULL);
	pu_login(&c, 0);
	oft_order_new(&o, c.id, c.email, vendors, 2, "paid");
	for (i = 0; i < 2; i++)
		conv[i] = pu_chat_open(o.id, o.vo[i], c.id, vendors[i]);
	ck_assert_int_eq(db_exec("UPDATE conversations SET customer_unread = 2 WHERE id = ?", "i", conv[1]), 1);

	p = get_as_f(&c, "/orders/%lld", o.id, 0);
	pu_assert_status(p, 200);
	ck_assert_int_eq(pu_occurrences(p, "Ask the shop about this order"), 2);
	for (i = 0; i < 2; i++) {
		/* inside the part's own section, after its heading */
		const char *part, *link;

		snprintf(href, sizeof href, "id=\"vo-%lld\"", o.vo[i]);
		part = strstr(p->body, href);
		snprintf(href, sizeof href, "<a href=\"/messages/%lld\">Ask the shop about this order", conv[i]);
		link = strstr(p->body, href);
		ck_assert_ptr_nonnull(part);
		ck_assert_ptr_nonnull(link);
		ck_assert(link > part && strstr(part, "</section>") > link);
		pu_assert_text(p, o.vo_number[i]);
	}
	pu_assert_text(p, "2 unread");
	pu_free(p);

	/* A guest's order through its link: no conversations. */
	pu_email(PU_PREFIX, email, sizeof email);
	oft_order_new(&g, 0, email, vendors, 2, "paid");
	snprintf(uri, sizeof uri, "/orders/%lld/guest?token=%s", g.id, g.guest_token);
	p = pu_get(uri);
	pu_assert_status(p, 200);
	pu_assert_lacks(p, "Ask the shop about this order");
	pu_assert_lacks(p, "href=\"/messages/");
	pu_free(p);
}
END_TEST

START_TEST(test_guest_link)
{
	struct oft_order g;
	long long vendors[2];
	struct pu_page *p;
	char uri[512], email[128];
	char wrong[TOKEN_TEXT_SIZE];

	oft_page_shops(vendors, 2);
	pu_email(PU_PREFIX, email, sizeof email);
	oft_order_new(&g, 0, email, vendors, 2, "paid");
	snprintf(uri, sizeof uri, "/orders/%lld/guest?token=%s", g.id, g.guest_token);
	p = pu_get(uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, g.vo_number[0]);
	pu_assert_text(p, "confirmation mail");
	snprintf(uri, sizeof uri, "/orders/%lld/guest/invoice/%lld?token=%s", g.id, g.vo[0], g.guest_token);
	{
		char *href = pu_html(uri);
		pu_assert_has(p, href);
		free(href);
	}
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM orders WHERE id = ? AND email_verified_at IS NOT NULL", g.id), 1);
	p = pu_get(uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Invoice INV-");
	pu_free(p);
	snprintf(uri, sizeof uri, "/orders/%lld/guest/invoice/%lld.pdf?token=%s", g.id, g.vo[0], g.guest_token);
	pu_expect(200, pu_get(uri));
	/* A wrong token, another order's id, no token: 404 or 400. */
	token_new(wrong);
	snprintf(uri, sizeof uri, "/orders/%lld/guest?token=%s", g.id, wrong);
	pu_expect(404, pu_get(uri));
	snprintf(uri, sizeof uri, "/orders/%lld/guest/invoice/%lld?token=%s", g.id, g.vo[0], wrong);
	pu_expect(404, pu_get(uri));
	snprintf(uri, sizeof uri, "/orders/%lld/guest?token=%s", g.id + 1, g.guest_token);
	pu_expect(404, pu_get(uri));
	snprintf(uri, sizeof uri, "/orders/%lld/guest", g.id);
	pu_expect(400, pu_get(uri));
	/* The link of the later mails (shipped, delivered, refunded...) opens
	 * the order and is carried on; it opens no other order. */
	ck_assert_int_eq(order_guest_mail_token(g.id, wrong), 0);
	snprintf(uri, sizeof uri, "/orders/%lld/guest?token=%s", g.id, wrong);
	p = pu_get(uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, g.vo_number[0]);
	snprintf(uri, sizeof uri, "/orders/%lld/guest/invoice/%lld?token=%s", g.id, g.vo[0], wrong);
	{
		char *href = pu_html(uri);
		pu_assert_has(p, href);
		free(href);
	}
	pu_free(p);
	snprintf(uri, sizeof uri, "/orders/%lld/guest?token=%s", g.id + 1, wrong);
	pu_expect(404, pu_get(uri));
}
END_TEST

START_TEST(test_guest_payment)
{
	struct oft_order g, other;
	long long vendors[2];
	struct pu_page *p;
	char uri[512], want[512], email[128];
	static const char csrf[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

	oft_page_shops(vendors, 2);
	pu_email(PU_PREFIX, email, sizeof email);
	oft_order_new(&g, 0, email, vendors, 1, "awaiting_payment");
	oft_order_new(&other, 0, email, vendors, 1, "awaiting_payment");
	/* The order's page links to paying, with the token. */
	snprintf(uri, sizeof uri, "/orders/%lld/guest?token=%s", g.id, g.guest_token);
	p = pu_get(uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Pay for this order");
	snprintf(want, sizeof want, "href=\"/orders/%lld/payment?token=%s\"", g.id, g.guest_token);
	pu_assert_has(p, want);
	pu_free(p);
	/* The payment page: its "Pay now" form carries the token. */
	snprintf(uri, sizeof uri, "/orders/%lld/payment?token=%s", g.id, g.guest_token);
	p = pu_get(uri);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "Pay now");
	snprintf(want, sizeof want, "name=\"token\" value=\"%s\"", g.guest_token);
	pu_assert_has(p, want);
	pu_free(p);
	/* Another order's link; no link (the login page). */
	pu_expect_getf(404, "/orders/%lld/payment?token=%s", g.id, other.guest_token);
	pu_expect_getf(303, "/orders/%lld/payment", g.id);
	snprintf(want, sizeof want, "csrf=%s&token=%s", csrf, other.guest_token);
	snprintf(uri, sizeof uri, "bz_csrf=%s", csrf);
	{
		char path[128];

		snprintf(path, sizeof path, "/orders/%lld/payment", g.id);
		pu_expect(404, pu_post(path, uri, want));
		/* "Pay now": on to the provider's hosted page. */
		snprintf(want, sizeof want, "csrf=%s&token=%s", csrf, g.guest_token);
		p = pu_post(path, uri, want);
		pu_assert_status(p, 303);
		ck_assert_msg(pu_header(p, "Location") && strstr(pu_header(p, "Location"), "/sandbox/pay/sbp-") != NULL,
			      "Location %s", pu_header(p, "Location") ? pu_header(p, "Location") : "(none)");
		pu_free(p);
	}
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM payments WHERE order_id = ?", g.id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM payments WHERE order_id = ?", other.id), 0);
}
END_TEST

static Suite *
sf_orders_suite(void)
{
	Suite *s = suite_create("sf_orders");
	TCase *tc = oft_page_tcase(s, "orders");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_history_and_order);
	tcase_add_test(tc, test_invoices);
	tcase_add_test(tc, test_guest_link);
	tcase_add_test(tc, test_ask_the_shop);
	tcase_add_test(tc, test_guest_payment);
	return s;
}

CHECK_MAIN(sf_orders_suite)
