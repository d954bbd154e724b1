/*
 * Page tests for vp_payouts.c: GET /vendor/payouts shows the vendor's own
 * balance, what is held until the return window has passed and what is
 * available; POST /vendor/payouts asks for all of it once (a second click
 * finds nothing more), needs the CSRF token and a verified shop; another
 * vendor's payouts never show.
 */
#define PU_PREFIX "vp-payouts"
#include "vp_util.h"
#include "earnings.h"
#include "ledger.h"
#include "payout.h"

#include "../order_fixture.h"

/* A paid order of the vendor, delivered days_ago days ago: its sale less
 * commission in the ledger. */
static long long
paid_order(long long vendor_id, long long price, int days_ago)
{
	long long vo = of_simple(vendor_id, price, 1, NULL);

	ck_assert_int_eq(earnings_on_paid(of_order_of(vo)), 0);
	if (days_ago >= 0)
		of_delivered(vo, clock_now() - days_ago * 86400);
	return vo;
}

START_TEST(test_payout_pages)
{
	struct vpt_vendor v, other;
	struct pu_page *p;

	vpt_vendor_new(&v, "verified", 1);
	vpt_vendor_new(&other, "verified", 1);
	p = pu_get_as(&v.u, "/vendor/payouts");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "Nothing is available to pay out now.");
	pu_assert_text(p, "No payout yet.");
	pu_assert_text(p, "return window of 14 days");
	pu_assert_lacks(p, "Request a payout");
	pu_free(p);

	/* One order past its window (100.00 less 10.00), one delivered
	 * yesterday (20.00 less 2.00, held), one not yet delivered (held). */
	paid_order(v.vendor_id, 10000, 15);
	paid_order(v.vendor_id, 2000, 1);
	paid_order(v.vendor_id, 3000, -1);
	paid_order(other.vendor_id, 7000, 20);
	p = pu_get_as(&v.u, "/vendor/payouts");
	pu_assert_status(p, 200);
	pu_assert_text(p, "€135.00");	/* balance: 90 + 18 + 27 */
	pu_assert_text(p, "€45.00");	/* held: 18 + 27 */
	pu_assert_text(p, "Request a payout of €90.00");
	pu_free(p);

	/* Without the token: nothing. */
	pu_expect(403, pu_post("/vendor/payouts", v.u.cookie, ""));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM payouts WHERE vendor_id = ?", v.vendor_id), 0);

	/* Requested once; a second click finds nothing more. */
	p = pu_post_as(&v.u, "/vendor/payouts", "");
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/vendor/payouts");
	ck_assert_ptr_nonnull(strstr(pu_flash(p), "Payout of €90.00 requested"));
	pu_free(p);
	p = pu_post_as(&v.u, "/vendor/payouts", "");
	ck_assert_int_eq(p->status, 303);
	ck_assert_ptr_nonnull(strstr(pu_flash(p), "Nothing is available to pay out now"));
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM payouts WHERE vendor_id = ?", v.vendor_id), 1);
	ck_assert_int_eq(pu_count("SELECT amount_minor FROM payouts WHERE vendor_id = ?", v.vendor_id), 9000);

	p = pu_get_as(&v.u, "/vendor/payouts");
	pu_assert_status(p, 200);
	pu_assert_text(p, "1 payout");
	pu_assert_text(p, "Requested");
	pu_assert_text(p, "You asked");
	pu_assert_text(p, "Nothing is available to pay out now.");
	pu_free(p);

	/* Sent by an admin: the vendor reads when and the transfer. */
	ck_assert_int_eq(payout_mark_sent(pu_count("SELECT id FROM payouts WHERE vendor_id = ?", v.vendor_id), 0,
					  "TR-77", NULL, NULL), 1);
	p = pu_get_as(&v.u, "/vendor/payouts");
	pu_assert_text(p, "Sent");
	pu_assert_text(p, "transfer TR-77");
	pu_assert_text(p, "€45.00");	/* the balance: what is still held */
	pu_free(p);

	/* The other vendor sees only its own. */
	p = pu_get_as(&other.u, "/vendor/payouts");
	pu_assert_text(p, "Request a payout of €63.00");
	pu_assert_text(p, "No payout yet.");
	pu_assert_lacks(p, "TR-77");
	pu_free(p);

	/* Bad input and strangers. */
	pu_expect(404, pu_get_as(&v.u, "/vendor/payouts?page=2"));
	pu_expect(400, pu_get_as(&v.u, "/vendor/payouts?page=0"));
	pu_expect(303, pu_get("/vendor/payouts"));
}
END_TEST

START_TEST(test_payout_needs_a_verified_shop)
{
	struct vpt_vendor v;
	struct pu_page *p;

	vpt_vendor_new(&v, "pending", 1);
	ck_assert_int_gt(ledger_append(v.vendor_id, "credit", 500, "test:credit", NULL, 0), 0);
	p = pu_post_as(&v.u, "/vendor/payouts", "");
	ck_assert_int_eq(p->status, 303);
	ck_assert_ptr_nonnull(strstr(pu_flash(p), "once your shop is verified"));
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM payouts WHERE vendor_id = ?", v.vendor_id), 0);
}
END_TEST

static Suite *
vp_payouts_suite(void)
{
	Suite *s = suite_create("vp_payouts");
	TCase *tc = pu_tcase_people(s, "payouts");

	tcase_add_test(tc, test_payout_pages);
	tcase_add_test(tc, test_payout_needs_a_verified_shop);
	return s;
}

CHECK_MAIN(vp_payouts_suite)
