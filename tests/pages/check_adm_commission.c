/*
 * Page tests for adm_commission.c: commission revenue by month or day and
 * vendor, with what refunds gave back, filtered by dates and vendor; for
 * admins only; bad filters are a 400.
 */
#define PU_PREFIX "adm-commission"
#include "adm_util.h"
#include "earnings.h"

#include "../order_fixture.h"

START_TEST(test_commission_report)
{
	struct admt_user a;
	struct admt_vendor v, w;
	struct pu_page *p;
	long long vo, order;
	char uri[160], other[96], today[24], month[8];

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "verified");
	admt_vendor_new(&w, "verified");
	/* v: 19.99 x 3 at 2.00 each and 500.00 at the maximum 20.00; w: 3.00 at
	 * the minimum 0.50. A refund of half of v's first order gives 3.00 back. */
	vo = of_simple(v.vendor_id, 1999, 3, NULL);
	order = of_order_of(vo);
	ck_assert_int_eq(earnings_on_paid(order), 0);
	ck_assert_int_eq(earnings_on_refund(of_refund(vo, 2998, "succeeded")), 0);
	vo = of_simple(v.vendor_id, 50000, 1, NULL);
	ck_assert_int_eq(earnings_on_paid(of_order_of(vo)), 0);
	vo = of_simple(w.vendor_id, 300, 1, NULL);
	ck_assert_int_eq(earnings_on_paid(of_order_of(vo)), 0);

	clock_datetime(clock_now(), today, sizeof today);
	today[10] = '\0';
	clock_month(clock_now(), month, sizeof month);
	snprintf(uri, sizeof uri, "/admin/commission?vendor=%lld", v.vendor_id);
	p = pu_get_as(&a.u, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, v.trading_name);
	snprintf(other, sizeof other, "/admin/vendors/%lld/ledger?kind=commission", w.vendor_id);
	pu_assert_lacks(p, other);	/* only in the vendor filter's choices */
	snprintf(other, sizeof other, "<option value=\"%lld\" selected>", v.vendor_id);
	pu_assert_has(p, other);
	pu_assert_text(p, month);
	pu_assert_text(p, "Charged €26.00, given back €3.00, net");
	pu_assert_text(p, "€23.00");
	pu_free(p);
	snprintf(uri, sizeof uri, "/admin/commission?by=day&from=%s&to=%s&vendor=%lld", today, today, w.vendor_id);
	p = pu_get_as(&a.u, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, today);
	pu_assert_text(p, w.trading_name);
	pu_assert_text(p, "Charged €0.50, given back €0.00, net");
	pu_free(p);
	snprintf(uri, sizeof uri, "/admin/commission?from=2000-01-01&to=2000-01-31&vendor=%lld", v.vendor_id);
	p = pu_get_as(&a.u, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "No commission in this selection.");
	pu_free(p);
	p = pu_get_as(&a.u, "/admin/commission");
	pu_assert_status(p, 200);
	pu_assert_text(p, v.trading_name);
	pu_assert_text(p, w.trading_name);
	pu_free(p);

	pu_expect(400, pu_get_as(&a.u, "/admin/commission?by=year"));
	pu_expect(400, pu_get_as(&a.u, "/admin/commission?from=2026-13-01"));
	pu_expect(400, pu_get_as(&a.u, "/admin/commission?vendor=abc"));
	admt_assert_admins_only("/admin/commission", "/admin/login?next=%2Fadmin%2Fcommission");
}
END_TEST

static Suite *
adm_commission_suite(void)
{
	Suite *s = suite_create("adm_commission");
	TCase *tc = admt_tcase_people(s, "commission");

	tcase_add_test(tc, test_commission_report);
	return s;
}

CHECK_MAIN(adm_commission_suite)
