/*
 * Page tests for adm_refunds.c: the refunds list with a refused refund's
 * retry, the refund form of a vendor order (more than is left refused, by
 * hand made once), a stuck refund listed and settled once, and an
 * escalated return decided by an admin; pages
 * closed to anyone but an admin who passed the second factor.
 */
#define PU_PREFIX "adm-refunds"
#include "adm_util.h"
#include "returns.h"
#include "order_fixture.h"

static struct order_fixture fx;

/* The vendor order's number, in a static buffer. */
static const char *
vo_number(long long vendor_order_id)
{
	static char number[40];
	struct db_result *r = db_query("SELECT number FROM vendor_orders WHERE id = ?", "i", vendor_order_id);

	ck_assert(r != NULL && db_next(r));
	snprintf(number, sizeof number, "%s", db_str(r, 0));
	db_free(r);
	return number;
}

START_TEST(test_refunds_and_returns)
{
	static const long long qty[2] = { 2, 0 };
	struct fixture_order o, d;
	struct returns_line l;
	struct admt_user admin, half;
	struct pu_page *p;
	char uri[96], body[256], key[TOKEN_TEXT_SIZE];
	long long id, stock;

	order_fixture_setup(&fx, "adm-refunds");
	admt_admin_new(&admin, 1);
	admt_admin_new(&half, 0);
	order_fixture_order(&fx, &o, "delivered", qty, 0, 1, 3600);
	snprintf(uri, sizeof uri, "/admin/refunds/new?number=%s",
		 vo_number(o.vendor_order_id));
	p = pu_get_as(&admin.u, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "€25.00");	/* left: 2000 + 500 */
	pu_free(p);
	p = pu_get_as(&half.u, uri);
	ck_assert_int_ne(p->status, 200);
	pu_free(p);
	pu_expect(404, pu_get_as(&admin.u, "/admin/refunds/new?number=nonsense"));

	token_new(key);
	snprintf(body, sizeof body, "number=%s&key=%s&amount=25.01&reason=Broken&manual=yes",
		 vo_number(o.vendor_order_id), key);
	p = pu_post_as(&admin.u, "/admin/refunds", body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "The amount is more than is left to pay back.");
	pu_free(p);
	stock = order_fixture_stock(&fx, 0);
	snprintf(body, sizeof body, "number=%s&key=%s&amount=10&reason=Broken&manual=yes&item=%lld&restock=1",
		 vo_number(o.vendor_order_id), key, o.item_id[0]);
	pu_expect(303, pu_post_as(&admin.u, "/admin/refunds", body));
	p = pu_post_as(&admin.u, "/admin/refunds", body);	/* the same form again */
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1000);
	ck_assert_int_eq(order_fixture_stock(&fx, 0), stock + 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM refunds WHERE vendor_order_id = ?", o.vendor_order_id), 1);
	ck_assert_int_eq(pu_audits("refund.create", "refund",
				   db_scalar(0, "SELECT id FROM refunds WHERE vendor_order_id = ?", "i", o.vendor_order_id)), 1);
	p = pu_get_as(&admin.u, "/admin/refunds");
	pu_assert_status(p, 200);
	pu_assert_text(p, "manual");
	pu_free(p);
	pu_expect(404, pu_post_as(&admin.u, "/admin/refunds/999999999/retry", ""));

	/* an escalated return: the admin's page and decision */
	order_fixture_order(&fx, &d, "delivered", qty, 0, 1, 3600);
	l = (struct returns_line){ d.item_id[0], 2 };
	ck_assert_int_eq(returns_request(d.vendor_order_id, fx.user_id, &l, 1, "Wrong size", &id), RETURNS_OK);
	ck_assert_int_eq(returns_refuse(id, fx.vendor_id, 0, "Worn"), RETURNS_OK);
	ck_assert_int_eq(returns_escalate(id, fx.user_id, "Never worn"), RETURNS_OK);
	p = pu_get_as(&admin.u, "/admin/returns");
	pu_assert_status(p, 200);
	pu_assert_text(p, "Wrong size");
	pu_free(p);
	snprintf(uri, sizeof uri, "/admin/returns/%lld", id);
	p = pu_get_as(&admin.u, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Never worn");
	pu_free(p);
	snprintf(uri, sizeof uri, "/admin/returns/%lld/close", id);
	p = pu_post_as(&admin.u, uri, "note=");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Say why the refusal stands.");
	pu_free(p);
	snprintf(uri, sizeof uri, "/admin/returns/%lld/accept", id);
	pu_expect(303, pu_post_as(&admin.u, uri, "instructions=Send+it+back"));
	snprintf(uri, sizeof uri, "/admin/returns/%lld/receive", id);
	pu_expect(303, pu_post_as(&admin.u, uri, "restock=yes"));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM returns WHERE id = ? AND status = 'refunded'", id), 1);
	ck_assert_int_eq(order_fixture_vo(&d, "refunded_minor"), 2000);
	ck_assert_int_eq(pu_audits("return.accept", "return", id), 1);
}
END_TEST

/*
 * A refund left pending (its program stopped after step 1) an hour ago for
 * a received return, paid by bank transfer: listed as stuck with "settle
 * now"; settling records it once (by hand), pays the return, and is audited;
 * a second settle and an unknown refund change nothing.
 */
START_TEST(test_stuck_refund_settled)
{
	static const long long qty[2] = { 2, 0 };
	struct fixture_order o;
	struct returns_line l;
	struct admt_user admin;
	struct pu_page *p;
	char uri[96], key[TOKEN_TEXT_SIZE];
	long long ret, id;

	order_fixture_setup(&fx, "adm-refunds-stuck");
	admt_admin_new(&admin, 1);
	order_fixture_order(&fx, &o, "delivered", qty, 0, 1, 3600);
	l = (struct returns_line){ o.item_id[0], 1 };
	ck_assert_int_eq(returns_request(o.vendor_order_id, fx.user_id, &l, 1, "Cracked", &ret), RETURNS_OK);
	ck_assert_int_eq(db_exec("UPDATE returns SET status = 'received' WHERE id = ?", "i", ret), 1);
	token_new(key);
	ck_assert_int_eq(db_exec("INSERT INTO refunds (order_id, vendor_order_id, return_id, amount_minor, status,"
				 " reason, idempotency_key, attempts) VALUES (?, ?, ?, 1000, 'pending', 'Return', ?, 1)",
				 "iiis", o.order_id, o.vendor_order_id, ret, key), 1);
	id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("UPDATE vendor_orders SET refunded_minor = 1000 WHERE id = ?", "i",
				 o.vendor_order_id), 1);
	ck_assert_int_eq(db_exec("UPDATE orders SET refunded_minor = 1000 WHERE id = ?", "i", o.order_id), 1);

	/* an hour on for this program only: the stack's own refund job, on the
	 * real clock, leaves the refund to the page */
	setenv("BAZAAR_CLOCK_OFFSET", "3600", 1);
	p = pu_get_as(&admin.u, "/admin/refunds");
	pu_assert_status(p, 200);
	pu_assert_text(p, "Stuck: no answer for over 15 minutes");
	snprintf(uri, sizeof uri, "/admin/refunds/%lld/settle", id);
	pu_assert_has(p, uri);
	pu_free(p);
	pu_expect(303, pu_post_as(&admin.u, uri, ""));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM refunds WHERE id = ? AND status = 'manual'", id), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM returns WHERE id = ? AND status = 'refunded'", ret), 1);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1000);
	ck_assert_int_eq(pu_audits("refund.settle", "refund", id), 1);
	p = pu_get_as(&admin.u, "/admin/refunds");
	pu_assert_status(p, 200);
	pu_assert_lacks(p, uri);
	pu_free(p);
	p = pu_post_as(&admin.u, uri, "");	/* settled already */
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(pu_audits("refund.settle", "refund", id), 1);
	ck_assert_int_eq(order_fixture_vo(&o, "refunded_minor"), 1000);
	pu_expect(404, pu_post_as(&admin.u, "/admin/refunds/999999999/settle", ""));
	unsetenv("BAZAAR_CLOCK_OFFSET");
}
END_TEST

static Suite *
adm_refunds_suite(void)
{
	Suite *s = suite_create("adm_refunds");
	TCase *tc = pu_tcase(s, "refunds");

	tcase_add_test(tc, test_refunds_and_returns);
	tcase_add_test(tc, test_stuck_refund_settled);
	return s;
}

CHECK_MAIN(adm_refunds_suite)
