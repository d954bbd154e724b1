/*
 * Page tests for vp_coupons.c: a vendor makes a coupon on its own items
 * (borne by the shop whatever the form says), sees it listed with the
 * marketplace's coupons it bears, changes and withdraws it (confirmed,
 * audited); bad input is shown next to each field; another vendor's coupon
 * is 404; customers and visitors are kept out; CSRF.
 */
#define PU_PREFIX "vp-coupons"
#include "vp_util.h"
#include "coupon.h"

START_TEST(test_vendor_coupons)
{
	struct vpt_vendor v, other;
	struct pu_user customer;
	struct coupon_terms t = { .percent = 1, .percent_bp = 500, .vendor_borne = 1 };
	struct pu_page *p;
	struct coupon c;
	char body[512], uri[96], code[64], market[64], expect[160];
	long long id, market_id = 0;

	vpt_vendor_new(&v, "verified", 1);
	vpt_vendor_new(&other, "verified", 1);
	p = pu_get_as(&v.u, "/vendor/coupons");
	pu_assert_status(p, 200);
	pu_assert_text(p, "You have no coupons yet.");
	pu_assert_has(p, "href=\"/vendor/coupons\" aria-current=\"page\"");
	pu_free(p);
	p = pu_get_as(&v.u, "/vendor/coupons/new");
	pu_assert_status(p, 200);
	pu_assert_has(p, "name=\"code\"");
	pu_assert_lacks(p, "name=\"borne_by\"");
	pu_assert_lacks(p, "name=\"vendor\"");
	pu_assert_text(p, v.trading_name);
	pu_free(p);

	snprintf(code, sizeof code, "vp-%d", (int)getpid());
	p = pu_post_as(&v.u, "/vendor/coupons", "code=&kind=fixed&amount=abc&ends=tomorrow");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter the code: 3 to 40 letters, digits, '-' or '_'.");
	pu_assert_has(p, "id=\"amount-error\"");
	pu_assert_has(p, "id=\"ends-error\"");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM coupons WHERE vendor_id = ?", v.vendor_id), 0);

	/* The form's vendor and payer are not the vendor's to choose. */
	snprintf(body, sizeof body, "code=%s&kind=fixed&amount=4.50&min_order=30&max_uses=1&per_customer=1"
		 "&vendor=%lld&borne_by=marketplace", code, other.vendor_id);
	p = pu_post_as(&v.u, "/vendor/coupons", body);
	ck_assert_int_eq(p->status, 303);
	pu_assert_flash(p, "created");
	pu_free(p);
	ck_assert_int_eq(coupon_find(code, &c), COUPON_OK);
	id = c.id;
	ck_assert_int_eq(c.vendor_id, v.vendor_id);
	ck_assert_int_eq(c.vendor_borne, 1);
	ck_assert_int_eq(c.vendor_owned, 1);
	ck_assert_int_eq(c.amount_minor, 450);
	ck_assert_int_eq(c.max_uses, 1);
	ck_assert_int_eq(pu_audits("coupon.create", "coupon", id), 1);

	/* The marketplace's coupon the shop bears is listed, read only. */
	snprintf(market, sizeof market, "VPM-%d", (int)getpid());
	t.vendor_id = v.vendor_id;
	ck_assert_int_eq(coupon_create(market, &t, 0, 0, &market_id), 0);
	p = pu_get_as(&v.u, "/vendor/coupons");
	pu_assert_text(p, c.code);
	pu_assert_has(p, "The marketplace's coupons on your items");
	pu_assert_text(p, market);
	snprintf(expect, sizeof expect, "href=\"/vendor/coupons/%lld\"", market_id);
	pu_assert_lacks(p, expect);
	pu_free(p);
	snprintf(uri, sizeof uri, "/vendor/coupons/%lld", market_id);
	pu_expect(404, pu_get_as(&v.u, uri));

	/* Change it. */
	snprintf(uri, sizeof uri, "/vendor/coupons/%lld", id);
	p = pu_get_as(&v.u, uri);
	pu_assert_status(p, 200);
	pu_assert_has(p, "name=\"amount\" value=\"4.50\"");
	pu_assert_has(p, "name=\"min_order\" value=\"30.00\"");
	pu_assert_lacks(p, "name=\"code\"");
	pu_free(p);
	pu_expect(303, pu_post_as(&v.u, uri, "kind=percent&percent=15&ends=2099-01-31"));
	ck_assert_int_eq(coupon_load(id, &c), COUPON_OK);
	ck_assert_int_eq(c.percent_bp, 1500);
	ck_assert_int_eq(c.max_uses, 0);
	ck_assert_int_eq(c.vendor_borne, 1);
	ck_assert_int_eq(pu_audits("coupon.update", "coupon", id), 1);

	/* Another vendor cannot see, change or withdraw it. */
	pu_expect(404, pu_get_as(&other.u, uri));
	pu_expect(404, pu_post_as(&other.u, uri, "kind=percent&percent=90"));
	snprintf(uri, sizeof uri, "/vendor/coupons/%lld/deactivate", id);
	pu_expect(404, pu_post_as(&other.u, uri, "confirm=1"));
	ck_assert_int_eq(pu_count("SELECT percent_bp FROM coupons WHERE id = ?", id), 1500);

	/* Withdraw it: confirmed first. */
	pu_expect(200, pu_get_as(&v.u, uri));
	p = pu_post_as(&v.u, uri, "");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Tick the box to confirm that the coupon is withdrawn.");
	pu_free(p);
	pu_expect(403, pu_post(uri, v.u.cookie, "confirm=1"));
	pu_expect(303, pu_post_as(&v.u, uri, "confirm=1"));
	ck_assert_int_eq(pu_count("SELECT active FROM coupons WHERE id = ?", id), 0);
	ck_assert_int_eq(pu_audits("coupon.deactivate", "coupon", id), 1);

	vpt_customer_new(&customer);
	pu_expect(404, pu_request("GET", "/vendor/coupons", customer.cookie));
	pu_expect(303, pu_get("/vendor/coupons"));
}
END_TEST

static Suite *
vp_coupons_suite(void)
{
	Suite *s = suite_create("vp_coupons");
	TCase *tc = pu_tcase_people(s, "coupons");

	tcase_add_test(tc, test_vendor_coupons);
	return s;
}

CHECK_MAIN(vp_coupons_suite)
