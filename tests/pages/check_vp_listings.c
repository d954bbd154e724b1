/*
 * Page tests for vp_listings.c: GET /vendor/listings.
 */
#define PU_PREFIX "vpl"
#include "buf.h"
#include "money.h"
#include "vp_listing_util.h"

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
	pu_assert_has(p, ">Listing Pot 1</a><br>");
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
	/* shop and email verified: the box leads to a new listing, nothing missing */
	pu_assert_has(p, "<a class=\"button\" href=\"/vendor/listings/new\">New listing</a>");
	pu_assert_lacks(p, "new-listing-why");
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
	/* drafts can be prepared before the shop is verified; publishing waits */
	pu_assert_has(p, "<a class=\"button\" href=\"/vendor/listings/new\">New listing</a>");
	pu_assert_text(p, "You can prepare listings as drafts now. You can publish them once:");
	pu_assert_text(p, "we have verified your shop");
	pu_assert_text(p, "you have verified your email address");
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
	pu_expect(400, pu_request("GET", "/vendor/listings?page=x", v.u.cookie));
	pu_expect(404, pu_request("GET", "/vendor/listings?page=2", v.u.cookie));
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
	pu_expect(404, pu_request("GET", "/vendor/listings", customer.cookie));
}
END_TEST

START_TEST(test_listings_search_filter_sort)
{
	struct vpt_vendor v;
	struct pu_page *p;
	long long archived;

	vpt_vendor_new(&v, "verified", 1);
	vlt_listing_new(v.vendor_id, "Walnut Bowl", "active", "WB-100");
	vlt_listing_new(v.vendor_id, "Walnut Spoon", "draft", "SP_1");
	vlt_listing_new(v.vendor_id, "Cherry Bowl", "active", NULL);
	archived = vlt_listing_new(v.vendor_id, "Old Bowl", "archived", "OLD-1");
	/* only the cherry bowl is at or under its warning level */
	ck_assert_int_eq(db_exec("UPDATE products SET stock = IF(name = 'Cherry Bowl', 2, 9), low_stock_threshold = 5"
				 " WHERE vendor_id = ?", "i", v.vendor_id), 4);

	/* the default leaves archived listings out */
	p = pu_get_as(&v.u, "/vendor/listings");
	pu_assert_status(p, 200);
	pu_assert_has(p, "3 listings");
	pu_assert_lacks(p, "Old Bowl");
	pu_assert_has(p, "SKU WB-100");
	pu_assert_has(p, "<span class=\"stock-low\">2 (low)</span>");
	pu_assert_has(p, "<label for=\"q\">Name or SKU</label>");
	pu_assert_has(p, "<a href=\"/vendor/listings/import\">import a CSV file</a>");
	pu_assert_has(p, "<span class=\"visually-hidden\"> the stock of Walnut Bowl</span>");
	pu_free(p);

	p = pu_get_as(&v.u, "/vendor/listings?q=walnut");
	pu_assert_status(p, 200);
	pu_assert_has(p, "2 listings");
	pu_assert_lacks(p, "Cherry Bowl");
	pu_assert_has(p, "value=\"walnut\"");
	pu_free(p);
	/* by SKU, and LIKE's wildcards are only characters */
	p = pu_get_as(&v.u, "/vendor/listings?q=SP_");
	pu_assert_has(p, "1 listing");
	pu_assert_text(p, "Walnut Spoon");
	pu_free(p);
	p = pu_get_as(&v.u, "/vendor/listings?q=%25");
	pu_assert_status(p, 200);
	pu_assert_text(p, "None of your listings match.");
	pu_free(p);

	p = pu_get_as(&v.u, "/vendor/listings?status=archived");
	pu_assert_has(p, "1 listing");
	pu_assert_text(p, "Old Bowl");
	pu_assert_has(p, "<option value=\"archived\" selected>");
	pu_free(p);
	p = pu_get_as(&v.u, "/vendor/listings?status=draft");
	pu_assert_has(p, "1 listing");
	pu_assert_text(p, "Walnut Spoon");
	pu_free(p);
	p = pu_get_as(&v.u, "/vendor/listings?status=low");
	pu_assert_has(p, "1 listing");
	pu_assert_text(p, "Cherry Bowl");
	pu_free(p);

	p = pu_get_as(&v.u, "/vendor/listings?sort=name");
	pu_assert_status(p, 200);
	ck_assert_ptr_nonnull(strstr(p->body, "Cherry Bowl"));
	ck_assert(strstr(p->body, "Cherry Bowl") < strstr(p->body, "Walnut Bowl"));
	ck_assert(strstr(p->body, "Walnut Bowl") < strstr(p->body, "Walnut Spoon"));
	pu_free(p);

	pu_expect(400, pu_get_as(&v.u, "/vendor/listings?status=gone"));
	pu_expect(400, pu_get_as(&v.u, "/vendor/listings?sort=id;drop"));
	(void)archived;
}
END_TEST

START_TEST(test_listings_bulk)
{
	struct vpt_vendor v, w;
	struct pu_page *p;
	long long a, b, theirs;
	char body[256];

	vpt_vendor_new(&v, "verified", 1);
	vpt_vendor_new(&w, "verified", 1);
	a = vlt_listing_new(v.vendor_id, "Bulk Pot A", "active", NULL);
	b = vlt_listing_new(v.vendor_id, "Bulk Pot B", "draft", NULL);
	theirs = vlt_listing_new(w.vendor_id, "Their Bulk Pot", "active", NULL);

	/* archive asks first, naming what will go */
	snprintf(body, sizeof body, "action=archive&id=%lld&id=%lld", a, b);
	p = pu_post_as(&v.u, "/vendor/listings/bulk", body);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Archive 2 listings?");
	pu_assert_text(p, "Bulk Pot A");
	pu_assert_has(p, "name=\"confirm\" value=\"1\"");
	pu_free(p);
	ck_assert_str_eq(vlt_status(a), "active");

	snprintf(body, sizeof body, "action=archive&confirm=1&id=%lld&id=%lld", a, b);
	p = pu_post_as(&v.u, "/vendor/listings/bulk", body);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "2 listings archived.");
	pu_free(p);
	ck_assert_str_eq(vlt_status(a), "archived");
	ck_assert_str_eq(vlt_status(b), "archived");

	snprintf(body, sizeof body, "action=restore&id=%lld", a);
	p = pu_post_as(&v.u, "/vendor/listings/bulk", body);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "1 listing restored as drafts.");
	pu_free(p);
	ck_assert_str_eq(vlt_status(a), "draft");

	snprintf(body, sizeof body, "action=stock&stock=25&id=%lld&id=%lld", a, b);
	p = pu_post_as(&v.u, "/vendor/listings/bulk", body);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "2 listings set to a stock of 25.");
	pu_free(p);
	ck_assert_str_eq(vlt_column(b, "SELECT stock FROM products WHERE id = ?"), "25");

	/* the list comes back searched, filtered and sorted as it was: the bulk
	 * form carries its view, the confirmation too, and the redirect goes
	 * back to it (a page past the end after the change: the last one) */
	p = pu_get_as(&v.u, "/vendor/listings?q=Bulk+Pot&status=draft&sort=name");
	pu_assert_status(p, 200);
	pu_assert_has(p, "<input type=\"hidden\" name=\"q\" value=\"Bulk Pot\">");
	pu_assert_has(p, "<input type=\"hidden\" name=\"status\" value=\"draft\">");
	pu_assert_has(p, "<input type=\"hidden\" name=\"sort\" value=\"name\">");
	pu_free(p);
	snprintf(body, sizeof body, "action=stock&stock=26&id=%lld&q=Bulk+Pot&status=draft&sort=name&page=3", a);
	p = pu_post_as(&v.u, "/vendor/listings/bulk", body);
	pu_assert_status(p, 303);
	pu_assert_location(p, "/vendor/listings?q=Bulk%20Pot&status=draft&sort=name");
	pu_free(p);
	snprintf(body, sizeof body, "action=archive&id=%lld&q=Bulk+Pot&status=draft", a);
	p = pu_post_as(&v.u, "/vendor/listings/bulk", body);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<input type=\"hidden\" name=\"q\" value=\"Bulk Pot\">");
	pu_assert_has(p, "<a href=\"/vendor/listings?q=Bulk%20Pot&amp;status=draft\">No, keep them</a>");
	pu_free(p);
	snprintf(body, sizeof body, "action=stock&stock=25&id=%lld", a);
	p = pu_post_as(&v.u, "/vendor/listings/bulk", body);
	pu_assert_location(p, "/vendor/listings");
	pu_free(p);

	/* bad input: the list again with the message at the bulk form */
	snprintf(body, sizeof body, "action=stock&id=%lld", a);
	p = pu_post_as(&v.u, "/vendor/listings/bulk", body);
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"stock-error\"");
	pu_assert_text(p, "Enter the stock to set");
	pu_free(p);
	snprintf(body, sizeof body, "action=stock&stock=-4&id=%lld", a);
	p = pu_post_as(&v.u, "/vendor/listings/bulk", body);
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"stock-error\"");
	pu_free(p);
	p = pu_post_as(&v.u, "/vendor/listings/bulk", "action=restore");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Tick the listings to change first.");
	pu_free(p);
	ck_assert_str_eq(vlt_column(a, "SELECT stock FROM products WHERE id = ?"), "25");

	/* another vendor's id among them: 404 and nothing at all changes */
	snprintf(body, sizeof body, "action=stock&stock=1&id=%lld&id=%lld", a, theirs);
	pu_expect(404, pu_post_as(&v.u, "/vendor/listings/bulk", body));
	ck_assert_str_eq(vlt_column(a, "SELECT stock FROM products WHERE id = ?"), "25");
	ck_assert_str_eq(vlt_column(theirs, "SELECT stock FROM products WHERE id = ?"), "4");
	snprintf(body, sizeof body, "action=archive&confirm=1&id=%lld", theirs);
	pu_expect(404, pu_post_as(&v.u, "/vendor/listings/bulk", body));
	ck_assert_str_eq(vlt_status(theirs), "active");

	/* no CSRF token: 403 */
	snprintf(body, sizeof body, "action=archive&confirm=1&id=%lld", a);
	pu_expect(403, pu_post("/vendor/listings/bulk", v.u.cookie, body));
	ck_assert_str_eq(vlt_status(a), "draft");
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
	tcase_add_test(tc, test_listings_search_filter_sort);
	tcase_add_test(tc, test_listings_bulk);
	return s;
}

CHECK_MAIN(vp_listings_suite)
