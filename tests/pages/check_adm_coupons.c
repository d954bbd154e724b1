/*
 * Page tests for adm_coupons.c: the list, making a coupon (each field's
 * message for bad input, nothing saved; a code taken), changing it,
 * withdrawing it after a confirmation, each audited; a vendor's own coupon
 * shown but not changed; admins only, CSRF.
 */
#define PU_PREFIX "adm-coupons"
#include "adm_util.h"
#include "coupon.h"

START_TEST(test_coupon_lifecycle)
{
	struct admt_user a;
	struct admt_vendor v;
	struct pu_page *p;
	struct coupon c;
	char body[1024], uri[96], code[64], expect[160];
	long long id;

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "verified");
	p = pu_get_as(&a.u, "/admin/coupons");
	pu_assert_status(p, 200);
	pu_assert_has(p, "href=\"/admin/coupons\" aria-current=\"page\">Coupons</a>");
	pu_assert_has(p, "href=\"/admin/coupons/new\"");
	pu_free(p);
	p = pu_get_as(&a.u, "/admin/coupons/new");
	pu_assert_status(p, 200);
	pu_assert_has(p, "name=\"code\"");
	pu_assert_has(p, "<option value=\"\">Every category</option>");
	snprintf(expect, sizeof expect, "<option value=\"%lld\">", v.vendor_id);
	pu_assert_has(p, expect);
	pu_free(p);

	snprintf(code, sizeof code, "adm-%d", (int)getpid());
	/* Bad input: each field says what is wrong; nothing is saved. */
	snprintf(body, sizeof body, "code=a%%20b&kind=&percent=101&starts=2026-02-30&max_uses=0"
		 "&per_customer=101&borne_by=marketplace");
	p = pu_post_as(&a.u, "/admin/coupons", body);
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"code-error\"");
	pu_assert_text(p, "A coupon code has only letters A to Z, digits, '-' and '_'.");
	pu_assert_text(p, "Choose a percentage or a fixed amount off.");
	pu_assert_has(p, "id=\"percent-error\"");
	pu_assert_has(p, "id=\"starts-error\"");
	pu_assert_has(p, "id=\"max_uses-error\"");
	pu_assert_has(p, "id=\"per_customer-error\"");
	pu_free(p);
	/* Rules between fields. */
	snprintf(body, sizeof body, "code=%s&kind=percent&percent=&starts=2026-03-10&ends=2026-03-01"
		 "&borne_by=vendor", code);
	p = pu_post_as(&a.u, "/admin/coupons", body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter the percentage off, such as 10 or 12.5 (at most 100).");
	pu_assert_text(p, "The last day cannot be before the first day.");
	pu_assert_text(p, "A vendor bears only a coupon limited to its items");
	pu_assert_has(p, "id=\"borne_by-error\"");
	pu_assert_has(p, "value=\"percent\" checked");
	pu_free(p);
	snprintf(body, sizeof body, "code=%s&kind=fixed&amount=&category=999999999&borne_by=marketplace", code);
	p = pu_post_as(&a.u, "/admin/coupons", body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter the amount off, such as 5.00.");
	pu_assert_text(p, "Choose a category from the list.");
	pu_assert_has(p, "value=\"fixed\" checked");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM coupons WHERE created_by = ?", a.u.id), 0);

	snprintf(body, sizeof body, "code=%s&kind=percent&percent=12.5&amount=&min_order=20&starts=2026-01-01"
		 "&ends=2099-12-31&max_uses=100&per_customer=1&vendor=%lld&category=&borne_by=vendor"
		 "&note=Winter+sale", code, v.vendor_id);
	pu_expect(303, pu_post_as(&a.u, "/admin/coupons", body));
	ck_assert_int_eq(coupon_find(code, &c), COUPON_OK);
	id = c.id;
	ck_assert_int_eq(c.percent, 1);
	ck_assert_int_eq(c.percent_bp, 1250);
	ck_assert_int_eq(c.min_order_minor, 2000);
	ck_assert_int_eq(c.max_uses, 100);
	ck_assert_int_eq(c.per_customer, 1);
	ck_assert_int_eq(c.vendor_id, v.vendor_id);
	ck_assert_int_eq(c.vendor_borne, 1);
	ck_assert_int_eq(c.vendor_owned, 0);
	ck_assert_int_eq(c.active, 1);
	ck_assert_str_eq(c.note, "Winter sale");
	ck_assert_int_eq(pu_audits("coupon.create", "coupon", id), 1);
	/* The code is kept in upper case: typed in any case it is the same. */
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM coupons WHERE code = BINARY UPPER(?)", code), 1);

	/* The same code again, in another case, is refused next to the field. */
	p = pu_post_as(&a.u, "/admin/coupons", body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Another coupon has this code: choose another.");
	pu_free(p);

	/* The coupon's page: its terms in the form and in words. */
	snprintf(uri, sizeof uri, "/admin/coupons/%lld", id);
	p = pu_get_as(&a.u, uri);
	pu_assert_status(p, 200);
	pu_assert_has(p, "name=\"percent\" value=\"12.50\"");
	pu_assert_has(p, "name=\"ends\" value=\"2099-12-31\"");
	pu_assert_has(p, "value=\"vendor\" checked");
	snprintf(expect, sizeof expect, "<option value=\"%lld\" selected>", v.vendor_id);
	pu_assert_has(p, expect);
	pu_assert_text(p, "12.5% off, orders from ");
	pu_assert_text(p, "1 January 2026 to 31 December 2099");
	snprintf(expect, sizeof expect, "Items from %s", v.trading_name);
	pu_assert_text(p, expect);
	pu_assert_has(p, "/admin/audit?object_type=coupon&amp;object_id=");
	pu_assert_lacks(p, "name=\"code\"");
	pu_free(p);
	p = pu_get_as(&a.u, "/admin/coupons");
	pu_assert_text(p, c.code);
	pu_assert_text(p, "Winter sale");
	pu_free(p);

	/* A change: five off, no vendor, the marketplace bears it. */
	snprintf(body, sizeof body, "kind=fixed&amount=5&percent=&min_order=&starts=&ends=&max_uses=&per_customer="
		 "&vendor=&category=&borne_by=marketplace&note=");
	p = pu_post_as(&a.u, uri, body);
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, uri);
	pu_free(p);
	ck_assert_int_eq(coupon_load(id, &c), COUPON_OK);
	ck_assert_int_eq(c.percent, 0);
	ck_assert_int_eq(c.amount_minor, 500);
	ck_assert_int_eq(c.min_order_minor, 0);
	ck_assert_int_eq(c.starts_at, 0);
	ck_assert_int_eq(c.max_uses, 0);
	ck_assert_int_eq(c.vendor_id, 0);
	ck_assert_int_eq(c.vendor_borne, 0);
	ck_assert_int_eq(pu_audits("coupon.update", "coupon", id), 1);

	/* Withdrawing: confirmed first, then for good, once. */
	snprintf(uri, sizeof uri, "/admin/coupons/%lld/deactivate", id);
	p = pu_get_as(&a.u, uri);
	pu_assert_status(p, 200);
	pu_assert_has(p, "name=\"confirm\"");
	pu_free(p);
	p = pu_post_as(&a.u, uri, "");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Tick the box to confirm that the coupon is withdrawn.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT active FROM coupons WHERE id = ?", id), 1);
	pu_expect(403, pu_post(uri, a.u.cookie, "confirm=yes"));
	p = pu_post_as(&a.u, uri, "confirm=yes");
	ck_assert_int_eq(p->status, 303);
	pu_assert_flash(p, "Coupon withdrawn");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT active FROM coupons WHERE id = ?", id), 0);
	ck_assert_int_eq(pu_audits("coupon.deactivate", "coupon", id), 1);
	p = pu_post_as(&a.u, uri, "confirm=yes");
	ck_assert_int_eq(p->status, 303);
	pu_assert_flash(p, "withdrawn already");
	pu_free(p);
	ck_assert_int_eq(pu_audits("coupon.deactivate", "coupon", id), 1);
	p = pu_getf("/admin/coupons/%lld", id);
	pu_free(p);
	snprintf(uri, sizeof uri, "/admin/coupons/%lld", id);
	p = pu_get_as(&a.u, uri);
	pu_assert_text(p, "Withdrawn");
	pu_assert_lacks(p, "Withdraw this coupon");
	pu_free(p);

	pu_expect(404, pu_get_as(&a.u, "/admin/coupons/999999999999"));
	pu_expect(404, pu_post_as(&a.u, "/admin/coupons/999999999999", body));
	pu_expect(403, pu_post(uri, a.u.cookie, body));
	admt_assert_admins_only("/admin/coupons", "/admin/login?next=%2Fadmin%2Fcoupons");
}
END_TEST

/* A vendor's own coupon: shown with its terms, not changed by an admin,
 * but an admin may withdraw it. */
START_TEST(test_vendor_coupon)
{
	struct admt_user a;
	struct admt_vendor v;
	struct coupon_terms t = { .percent = 1, .percent_bp = 1000 };
	struct pu_page *p;
	char code[64], uri[96];
	long long id = 0;

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "verified");
	snprintf(code, sizeof code, "ADM-V-%d", (int)getpid());
	ck_assert_int_eq(coupon_create(code, &t, v.vendor_id, 0, &id), 0);
	snprintf(uri, sizeof uri, "/admin/coupons/%lld", id);
	p = pu_get_as(&a.u, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "only the vendor changes its terms");
	pu_assert_lacks(p, "name=\"kind\"");
	pu_assert_has(p, "Withdraw this coupon");
	pu_free(p);
	pu_expect(404, pu_post_as(&a.u, uri, "kind=percent&percent=50&borne_by=marketplace"));
	ck_assert_int_eq(pu_count("SELECT percent_bp FROM coupons WHERE id = ?", id), 1000);
	snprintf(uri, sizeof uri, "/admin/coupons/%lld/deactivate", id);
	pu_expect(303, pu_post_as(&a.u, uri, "confirm=yes"));
	ck_assert_int_eq(pu_count("SELECT active FROM coupons WHERE id = ?", id), 0);
}
END_TEST

static Suite *
adm_coupons_suite(void)
{
	Suite *s = suite_create("adm_coupons");
	TCase *tc = admt_tcase_people(s, "coupons");

	tcase_add_test(tc, test_coupon_lifecycle);
	tcase_add_test(tc, test_vendor_coupon);
	return s;
}

CHECK_MAIN(adm_coupons_suite)
