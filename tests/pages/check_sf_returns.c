/*
 * Page tests for sf_returns.c: a customer's cancel and return page of an
 * order, the cancel, the return form and its refusals, the escalation; another
 * customer's order is 404 and a visitor without a session goes to the login.
 */
#define PU_PREFIX "sf-returns"
#include "page_util.h"
#include "refund.h"
#include "returns.h"
#include "token.h"
#include "order_fixture.h"

static struct order_fixture fx;

START_TEST(test_page_cancel_and_return)
{
	static const long long qty[2] = { 2, 1 };
	struct fixture_order paid, delivered;
	struct pu_user me, other;
	struct pu_page *p;
	char uri[96], body[160];
	long long stock;

	order_fixture_setup(&fx, "sf-returns");
	order_fixture_order(&fx, &paid, "processing", qty, 0, 1, 0);
	order_fixture_order(&fx, &delivered, "delivered", qty, 0, 1, 3600);
	pu_login_id(&me, fx.user_id);
	pu_login_id(&other, fx.other_user_id);

	snprintf(uri, sizeof uri, "/orders/%lld/returns", paid.order_id);
	p = pu_get_as(&me, uri);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "action=\"/orders/");
	pu_assert_text(p, "Cancel F");
	pu_free(p);
	pu_expect(404, pu_get_as(&other, uri));
	pu_expect(303, pu_get(uri));

	/* another customer's cancel changes nothing; the customer's own cancels once */
	snprintf(uri, sizeof uri, "/orders/%lld/cancel", paid.order_id);
	snprintf(body, sizeof body, "vendor_order=%lld", paid.vendor_order_id);
	pu_expect(404, pu_post_as(&other, uri, body));
	stock = order_fixture_stock(&fx, 0);
	pu_expect(303, pu_post_as(&me, uri, body));
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock + 2);
	ck_assert_int_eq(order_fixture_vo(&paid, "refunded_minor"), 2000 + 2500 + 500);
	pu_expect(400, pu_post_as(&me, uri, "vendor_order=x"));

	/* the return form, a refusal of nothing chosen, the request */
	snprintf(uri, sizeof uri, "/orders/%lld/returns/new", delivered.order_id);
	p = pu_get_as(&me, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Fixture item (up to 2)");
	pu_free(p);
	snprintf(uri, sizeof uri, "/orders/%lld/returns", delivered.order_id);
	snprintf(body, sizeof body, "vendor_order=%lld&item=%lld&qty=0&reason=Too+big", delivered.vendor_order_id,
		 delivered.item_id[0]);
	p = pu_post_as(&me, uri, body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Choose at least one item to return.");
	pu_assert_text(p, "Too big");
	pu_free(p);
	snprintf(body, sizeof body, "vendor_order=%lld&item=%lld&qty=1&reason=", delivered.vendor_order_id,
		 delivered.item_id[0]);
	p = pu_post_as(&me, uri, body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Say why you return the items.");
	pu_free(p);
	snprintf(body, sizeof body, "vendor_order=%lld&item=%lld&qty=1&reason=Too+big", delivered.vendor_order_id,
		 delivered.item_id[0]);
	pu_expect(303, pu_post_as(&me, uri, body));
	p = pu_get_as(&me, uri);
	pu_assert_text(p, "Requested: waiting for the vendor");
	pu_free(p);
	p = pu_post_as(&me, uri, body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "A return of this part of the order is already open");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM returns WHERE vendor_order_id = ?", delivered.vendor_order_id), 1);

	/* escalating a return that is not refused changes nothing; another's is 404 */
	snprintf(uri, sizeof uri, "/returns/%lld/escalate",
		 db_scalar(0, "SELECT MAX(id) FROM returns WHERE vendor_order_id = ?", "i", delivered.vendor_order_id));
	pu_expect(404, pu_post_as(&other, uri, "note=Please"));
	pu_expect(303, pu_post_as(&me, uri, "note=Please"));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM returns WHERE vendor_order_id = ? AND status = 'requested'",
				  delivered.vendor_order_id), 1);
	pu_expect(400, pu_post_as(&me, uri, "note="));
}
END_TEST

/* A guest's browser: no session, its own form token in the bz_csrf cookie. */
#define GUEST_CSRF "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define GUEST_COOKIE "bz_csrf=" GUEST_CSRF

static struct pu_page *
guest_post(const char *uri, const char *body)
{
	char full[512];

	snprintf(full, sizeof full, "csrf=" GUEST_CSRF "&%s", body);
	return pu_post(uri, GUEST_COOKIE, full);
}

/* Makes the fixture's order a guest's, its link's token in token. */
static void
guest_order(const struct fixture_order *o, char token[TOKEN_TEXT_SIZE])
{
	unsigned char hash[TOKEN_HASH_BYTES];

	token_new(token);
	ck_assert_int_eq(token_hash(token, hash), 0);
	ck_assert_int_eq(db_exec("UPDATE orders SET user_id = NULL, guest_token_hash = ? WHERE id = ?", "bi", hash,
				 sizeof hash, o->order_id), 1);
}

START_TEST(test_page_guest_cancel_and_return)
{
	static const long long qty[2] = { 2, 1 };
	struct fixture_order paid, delivered;
	char token[TOKEN_TEXT_SIZE], other_token[TOKEN_TEXT_SIZE], uri[256], body[256];
	struct pu_user me;
	struct pu_page *p;
	long long stock, return_id;

	order_fixture_setup(&fx, "sf-returns-guest");
	order_fixture_order(&fx, &paid, "processing", qty, 0, 1, 0);
	order_fixture_order(&fx, &delivered, "delivered", qty, 0, 1, 3600);
	guest_order(&paid, token);
	guest_order(&delivered, other_token);
	pu_login_id(&me, fx.user_id);

	/* the order's page links to cancelling, with the token */
	snprintf(uri, sizeof uri, "/orders/%lld/guest?token=%s", paid.order_id, token);
	p = pu_get(uri);
	pu_assert_status(p, 200);
	snprintf(body, sizeof body, "href=\"/orders/%lld/returns?token=%s\"", paid.order_id, token);
	pu_assert_has(p, body);
	pu_free(p);

	/* the cancel page: with the link only; its form carries the token */
	snprintf(uri, sizeof uri, "/orders/%lld/returns?token=%s", paid.order_id, token);
	p = pu_get(uri);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "Cancel F");
	snprintf(body, sizeof body, "name=\"token\" value=\"%s\"", token);
	pu_assert_has(p, body);
	pu_free(p);
	pu_expect_getf(404, "/orders/%lld/returns?token=%s", paid.order_id, other_token);	/* another order's link */
	pu_expect_getf(404, "/orders/%lld/returns?token=x", paid.order_id);
	pu_expect_getf(303, "/orders/%lld/returns", paid.order_id);	/* no link, no session: log in */
	snprintf(uri, sizeof uri, "/orders/%lld/returns", paid.order_id);
	p = pu_get_as(&me, uri);	/* an account is not the guest */
	pu_assert_status(p, 404);
	pu_free(p);

	/* cancelling: a wrong link changes nothing, the right one cancels once */
	snprintf(uri, sizeof uri, "/orders/%lld/cancel", paid.order_id);
	snprintf(body, sizeof body, "vendor_order=%lld&token=%s", paid.vendor_order_id, other_token);
	p = guest_post(uri, body);
	pu_assert_status(p, 404);
	pu_free(p);
	snprintf(body, sizeof body, "vendor_order=%lld", paid.vendor_order_id);
	p = pu_post(uri, GUEST_COOKIE, body);	/* no form token */
	pu_assert_status(p, 403);
	pu_free(p);
	stock = order_fixture_stock(&fx, 0);
	snprintf(body, sizeof body, "vendor_order=%lld&token=%s", paid.vendor_order_id, token);
	p = guest_post(uri, body);
	pu_assert_status(p, 303);
	snprintf(uri, sizeof uri, "/orders/%lld/returns?token=%s", paid.order_id, token);
	ck_assert_str_eq(pu_header(p, "Location"), uri);
	pu_free(p);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock + 2);
	ck_assert_int_eq(order_fixture_vo(&paid, "refunded_minor"), 2000 + 2500 + 500);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM order_history WHERE vendor_order_id = ? AND to_status = 'cancelled'"
				  " AND actor_role = 'customer'", paid.vendor_order_id), 1);
	snprintf(uri, sizeof uri, "/orders/%lld/cancel", paid.order_id);
	p = guest_post(uri, body);	/* again: nothing more */
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock + 2);

	/* the return form and the return, through the other order's link */
	snprintf(uri, sizeof uri, "/orders/%lld/returns/new?vendor_order=%lld&token=%s", delivered.order_id,
		 delivered.vendor_order_id, other_token);
	p = pu_get(uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Fixture item (up to 2)");
	snprintf(body, sizeof body, "name=\"token\" value=\"%s\"", other_token);
	pu_assert_has(p, body);
	pu_free(p);
	pu_expect_getf(404, "/orders/%lld/returns/new?vendor_order=%lld&token=%s", delivered.order_id,
		       delivered.vendor_order_id, token);
	snprintf(uri, sizeof uri, "/orders/%lld/returns", delivered.order_id);
	snprintf(body, sizeof body, "vendor_order=%lld&item=%lld&qty=0&reason=Too+big&token=%s",
		 delivered.vendor_order_id, delivered.item_id[0], other_token);
	p = guest_post(uri, body);
	pu_assert_status(p, 422);	/* the form again, still the guest's */
	pu_assert_text(p, "Choose at least one item to return.");
	snprintf(body, sizeof body, "name=\"token\" value=\"%s\"", other_token);
	pu_assert_has(p, body);
	pu_free(p);
	snprintf(body, sizeof body, "vendor_order=%lld&item=%lld&qty=1&reason=Too+big&token=%s",
		 delivered.vendor_order_id, delivered.item_id[0], token);
	p = guest_post(uri, body);
	pu_assert_status(p, 404);
	pu_free(p);
	snprintf(body, sizeof body, "vendor_order=%lld&item=%lld&qty=1&reason=Too+big&token=%s",
		 delivered.vendor_order_id, delivered.item_id[0], other_token);
	p = guest_post(uri, body);
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM returns WHERE vendor_order_id = ? AND user_id IS NULL",
				  delivered.vendor_order_id), 1);

	/* the shop refuses; the guest escalates once, with the link only */
	return_id = db_scalar(0, "SELECT MAX(id) FROM returns WHERE vendor_order_id = ?", "i", delivered.vendor_order_id);
	ck_assert_int_eq(returns_refuse(return_id, fx.vendor_id, 0, "Worn"), RETURNS_OK);
	snprintf(uri, sizeof uri, "/orders/%lld/returns?token=%s", delivered.order_id, other_token);
	p = pu_get(uri);
	pu_assert_text(p, "The shop refused: Worn");
	pu_assert_has(p, "action=\"/returns/");
	pu_free(p);
	snprintf(uri, sizeof uri, "/returns/%lld/escalate", return_id);
	snprintf(body, sizeof body, "note=Unworn&token=%s", token);
	p = guest_post(uri, body);
	pu_assert_status(p, 404);
	pu_free(p);
	pu_expect(404, pu_post_as(&me, uri, "note=Unworn"));
	snprintf(body, sizeof body, "note=Unworn&token=%s", other_token);
	p = guest_post(uri, body);
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM returns WHERE id = ? AND status = 'escalated'", return_id), 1);
	p = guest_post(uri, body);
	pu_assert_status(p, 303);
	ck_assert_str_eq(pu_flash(p), "This return is no longer refused: there is nothing to escalate.");
	pu_free(p);
}
END_TEST

static Suite *
sf_returns_suite(void)
{
	Suite *s = suite_create("sf_returns");
	TCase *tc = pu_tcase(s, "returns");

	tcase_add_test(tc, test_page_cancel_and_return);
	tcase_add_test(tc, test_page_guest_cancel_and_return);
	return s;
}

CHECK_MAIN(sf_returns_suite)
