/*
 * Page tests for vp_listings.c: GET /vendor/listings.
 */
#define PU_PREFIX "vpl"
#include "money.h"
#include "vp_util.h"

/* Adds n products of the vendor, "<prefix> 1" the newest; every fifth is a
 * draft, the rest active. Prices 10.00, 10.01, ... */
static void
add_products(long long vendor_id, const char *prefix, int n)
{
	long long category = db_scalar(-1, "SELECT MIN(id) FROM categories WHERE parent_id IS NOT NULL", "");
	char name[64];
	int i;

	ck_assert_int_gt(category, 0);
	for (i = 1; i <= n; i++) {
		snprintf(name, sizeof name, "%s %d", prefix, i);
		ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, name, slug,"
					 " description, price_minor, stock, status, created_at)"
					 " VALUES (?, ?, ?, ?, 'test-item', '', ?, ?, ?, NOW() - INTERVAL ? MINUTE)",
					 "iiisiisi", vendor_id, category, catalog_top_category(category), name,
					 (long long)(999 + i), (long long)i, i % 5 == 0 ? "draft" : "active",
					 (long long)i), 1);
	}
}

START_TEST(test_listings_pages)
{
	struct vpt_vendor v, other;
	struct pu_page *p;
	char price[64], want[200], *row[2] = { NULL, NULL };
	long long newest;

	vpt_vendor_new(&v, "verified", 1);
	vpt_vendor_new(&other, "verified", 1);
	add_products(v.vendor_id, "Listing Pot", 30);
	add_products(other.vendor_id, "Stranger Pot", 2);

	p = pu_request("GET", "/vendor/listings", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_one_logout(p);
	pu_assert_has(p, "<a href=\"/vendor/listings\" aria-current=\"page\">Listings</a>");
	pu_assert_has(p, "Showing 1\xe2\x80\x93" "24 of 30 listings");
	pu_assert_has(p, "<th scope=\"row\">Listing Pot 1<br>");
	pu_assert_has(p, "Listing Pot 24");
	pu_assert_lacks(p, "Listing Pot 25<");
	pu_assert_lacks(p, "Stranger Pot");
	/* price as the shop shows it, stock, state, and the way to the live page */
	pu_assert_text(p, money_format(1000, price, sizeof price));
	ck_assert(pu_row1(row, 2, "SELECT MIN(id), MAX(id) FROM products WHERE vendor_id = ?", "i", &v.vendor_id));
	newest = atoll(row[0]);
	pu_free_row(row, 2);
	pu_assert_has(p, pu_product_href(newest));
	pu_assert_has(p, "<td>Draft</td>");
	pu_assert_has(p, "<td>Live</td>");
	pu_assert_has(p, "href=\"/vendor/listings?page=2\" rel=\"next\"");
	/* shop and email verified: the box says listing is not open yet */
	pu_assert_has(p, "disabled aria-describedby=\"new-listing-why\"");
	pu_assert_text(p, "Adding listings here is not open yet");
	pu_free(p);

	p = pu_request("GET", "/vendor/listings?page=2", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "Showing 25\xe2\x80\x93" "30 of 30 listings");
	pu_assert_has(p, "Listing Pot 30");
	pu_assert_lacks(p, "Listing Pot 24<");
	snprintf(want, sizeof want, "href=\"/vendor/listings\" rel=\"prev\"");
	pu_assert_has(p, want);
	pu_free(p);
}
END_TEST

START_TEST(test_listings_not_verified)
{
	struct vpt_vendor v;
	struct pu_page *p;

	vpt_vendor_new(&v, "pending", 0);
	p = pu_request("GET", "/vendor/listings", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "You have no listings yet.");
	pu_assert_has(p, "disabled aria-describedby=\"new-listing-why\"");
	pu_assert_text(p, "we have verified your shop");
	pu_assert_text(p, "you have verified your email address");
	pu_assert_lacks(p, "<a href=\"/vendor/listings/new\"");
	pu_free(p);

	/* active products of a shop that is not verified have no live page */
	add_products(v.vendor_id, "Waiting Pot", 3);
	p = pu_request("GET", "/vendor/listings", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "3 listings");
	pu_assert_text(p, "Active (shown once your shop is verified)");
	pu_assert_lacks(p, "View in the shop");
	pu_free(p);
}
END_TEST

START_TEST(test_listings_bad_input)
{
	struct vpt_vendor v;
	struct pu_page *p;
	struct pu_user customer;

	vpt_vendor_new(&v, "verified", 0);
	add_products(v.vendor_id, "Bad Input Pot", 2);
	p = pu_request("GET", "/vendor/listings?page=0", v.u.cookie);
	pu_assert_status(p, 400);
	pu_assert_has(p, "(page)");
	pu_free(p);
	p = pu_request("GET", "/vendor/listings?page=x", v.u.cookie);
	pu_assert_status(p, 400);
	pu_free(p);
	p = pu_request("GET", "/vendor/listings?page=2", v.u.cookie);
	pu_assert_status(p, 404);
	pu_free(p);
	/* verified shop, unverified email: only the email is missing */
	p = pu_request("GET", "/vendor/listings", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, "you have verified your email address");
	pu_assert_lacks(p, "we have verified your shop");
	pu_free(p);

	p = pu_get("/vendor/listings");
	ck_assert_msg(p->status == 303 || p->status == 302, "status %d", p->status);
	pu_free(p);
	vpt_customer_new(&customer);
	p = pu_request("GET", "/vendor/listings", customer.cookie);
	pu_assert_status(p, 404);
	pu_free(p);
}
END_TEST

static Suite *
vp_listings_suite(void)
{
	Suite *s = suite_create("vp_listings");
	TCase *tc = pu_tcase_people(s, "listings");

	tcase_add_test(tc, test_listings_pages);
	tcase_add_test(tc, test_listings_not_verified);
	tcase_add_test(tc, test_listings_bad_input);
	return s;
}

CHECK_MAIN(vp_listings_suite)
