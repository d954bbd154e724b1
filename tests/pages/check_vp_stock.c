/*
 * Page tests for vp_stock.c: GET and POST /vendor/listings/{id}/stock.
 */
#define PU_PREFIX "vps"
#include "stock.h"
#include "vp_util.h"

static long long
stock_of(long long product_id)
{
	return db_scalar(-1, "SELECT stock FROM products WHERE id = ?", "i", product_id);
}

START_TEST(test_stock_adjust_and_history)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char uri[96], flash[200];
	long long product, events;

	vpt_vendor_new(&v, "verified", 1);
	product = pu_product_new(v.vendor_id);	/* 5 in stock */
	snprintf(uri, sizeof uri, "/vendor/listings/%lld/stock", product);

	/* The listings page leads to it. */
	p = pu_request("GET", "/vendor/listings", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, uri);
	pu_assert_has(p, "href=\"/vendor/listings/import\"");
	pu_free(p);

	p = pu_request("GET", uri, v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "<strong id=\"stock-now\">5</strong>");
	pu_assert_text(p, "No change has been recorded yet.");
	pu_assert_has(p, "<option value=\"received\" selected>Received</option>");
	pu_assert_has(p, "<option value=\"damaged\">Damaged or lost</option>");
	pu_assert_lacks(p, "value=\"sale\"");
	pu_free(p);

	events = pu_product_events(product);
	p = pu_post_as(&v.u, uri, "change=12&reason=received&note=Delivery+4711");
	pu_assert_status(p, 303);
	ck_assert_str_eq(pu_header(p, "Location"), uri);
	ck_assert_str_eq(pu_flash(p), "The stock is changed: 17 in stock.");
	pu_free(p);
	ck_assert_int_eq(stock_of(product), 17);
	ck_assert_int_eq(pu_product_events(product), events + 1);

	pu_expect(303, pu_post_as(&v.u, uri, "change=-2&reason=damaged"));
	p = pu_post_as(&v.u, uri, "change=-15&reason=correction&note=Counted");
	pu_assert_status(p, 303);
	snprintf(flash, sizeof flash, "The stock is changed: 0 in stock. The listing shows as sold out.");
	ck_assert_str_eq(pu_flash(p), flash);
	pu_free(p);

	p = pu_request("GET", uri, v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_has(p, "<strong id=\"stock-now\">0</strong> <span class=\"badge\">Sold out</span>");
	pu_assert_text(p, "3 changes");
	pu_assert_has(p, "<td class=\"num\">+12</td>\n<td>Received</td>\n<td>Delivery 4711</td>\n"
		      "<td class=\"num\">17</td>\n<td>Page Test</td>");
	pu_assert_has(p, "<td class=\"num\">-2</td>\n<td>Damaged or lost</td>");
	pu_assert_has(p, "<td class=\"num\">-15</td>\n<td>Correction</td>\n<td>Counted</td>\n"
		      "<td class=\"num\">0</td>");
	pu_free(p);
	pu_product_delete(product);
}
END_TEST

START_TEST(test_stock_refused)
{
	struct vpt_vendor v, other;
	struct pu_page *p;
	char uri[96], other_uri[96];
	long long product, theirs;

	vpt_vendor_new(&v, "verified", 1);
	vpt_vendor_new(&other, "verified", 1);
	product = pu_product_new(v.vendor_id);
	theirs = pu_product_new(other.vendor_id);
	snprintf(uri, sizeof uri, "/vendor/listings/%lld/stock", product);
	snprintf(other_uri, sizeof other_uri, "/vendor/listings/%lld/stock", theirs);

	/* Below zero: the form again, with the message and the input kept. */
	p = pu_post_as(&v.u, uri, "change=-6&reason=damaged&note=Dropped");
	pu_assert_status(p, 422);
	pu_assert_text(p, "You cannot take away more units than are in stock.");
	pu_assert_has(p, "id=\"change\" name=\"change\" value=\"-6\"");
	pu_assert_has(p, "value=\"Dropped\"");
	pu_assert_has(p, "<option value=\"damaged\" selected>");
	pu_free(p);
	ck_assert_int_eq(stock_of(product), 5);

	/* Bad input: each field says what is wrong, nothing changes. */
	p = pu_post_as(&v.u, uri, "change=0&reason=received");
	pu_assert_status(p, 422);
	pu_assert_text(p, "not 0.");
	pu_free(p);
	p = pu_post_as(&v.u, uri, "change=abc&reason=sale");
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"change-error\"");
	pu_assert_has(p, "id=\"reason-error\"");
	pu_free(p);
	p = pu_post_as(&v.u, uri, "reason=received");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Enter how many units to add");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM stock_adjustments WHERE product_id = ?", product), 0);

	/* Another vendor's listing, or none: not found, unchanged. */
	pu_expect(404, pu_request("GET", other_uri, v.u.cookie));
	pu_expect(404, pu_post_as(&v.u, other_uri, "change=1&reason=received"));
	pu_expect(404, pu_post_as(&v.u, other_uri, "change=-100&reason=received"));
	ck_assert_int_eq(stock_of(theirs), 5);
	pu_expect(404, pu_request("GET", "/vendor/listings/999999999999/stock", v.u.cookie));
	pu_expect(400, pu_request("GET", "/vendor/listings/1/stock?page=0", v.u.cookie));
	snprintf(other_uri, sizeof other_uri, "/vendor/listings/%lld/stock?page=2", product);
	pu_expect(404, pu_request("GET", other_uri, v.u.cookie));

	/* Without the form's token: refused. */
	pu_expect(403, pu_post(uri, v.u.cookie, "change=1&reason=received"));
	ck_assert_int_eq(stock_of(product), 5);
	pu_product_delete(product);
	pu_product_delete(theirs);
}
END_TEST

/* The listing pages' own stock changes (the bulk action, the edit form)
 * are corrections in the history too, with who made them. */
START_TEST(test_listing_pages_write_history)
{
	struct vpt_vendor v;
	char body[200];
	long long product;

	vpt_vendor_new(&v, "verified", 1);
	product = pu_product_new(v.vendor_id);	/* 5 in stock */
	snprintf(body, sizeof body, "action=stock&stock=9&id=%lld", product);
	pu_expect(303, pu_post_as(&v.u, "/vendor/listings/bulk", body));
	ck_assert_int_eq(stock_of(product), 9);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM stock_adjustments WHERE product_id = ?"
				  " AND delta = 4 AND reason = 'correction' AND note = 'Bulk change'", product), 1);
	ck_assert_int_eq(pu_count("SELECT user_id FROM stock_adjustments WHERE product_id = ?", product), v.u.id);
	/* The same figure again: nothing to record. */
	pu_expect(303, pu_post_as(&v.u, "/vendor/listings/bulk", body));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM stock_adjustments WHERE product_id = ?", product), 1);
	pu_product_delete(product);
}
END_TEST

static Suite *
vp_stock_suite(void)
{
	Suite *s = suite_create("vp_stock");
	TCase *tc = pu_tcase_people(s, "stock");

	tcase_add_test(tc, test_stock_adjust_and_history);
	tcase_add_test(tc, test_stock_refused);
	tcase_add_test(tc, test_listing_pages_write_history);
	return s;
}

CHECK_MAIN(vp_stock_suite)
