/*
 * Page tests for sf_vendor.c: GET /v/{slug}.
 */
#include "page_util.h"

/* A verified vendor with more than one page of active products: id, slug, name. */
static char *vendor[3];

static void
load_vendor(void)
{
	pu_free_row(vendor, 3);
	ck_assert_msg(pu_row1(vendor, 3,
			      "SELECT v.id, v.slug, v.trading_name FROM vendors v WHERE v.status = 'verified'"
			      " AND (SELECT COUNT(*) FROM products p WHERE p.vendor_id = v.id"
			      " AND p.status = 'active') > 24 ORDER BY v.id LIMIT 1", "", NULL),
		      "the demo catalogue has no vendor with two pages of products");
}

START_TEST(test_vendor_shop)
{
	struct pu_page *p;
	char *newest[1] = { NULL }, want[256];
	long long id;

	load_vendor();
	id = atoll(vendor[0]);
	ck_assert(pu_row1(newest, 1, "SELECT name FROM products WHERE vendor_id = ? AND status = 'active'"
			  " ORDER BY created_at DESC, id DESC LIMIT 1", "i", &id));
	p = pu_getf("/v/%s", vendor[1]);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, vendor[2]);
	pu_assert_text(p, newest[0]);
	/* a shop's cards name the shop too: a card reads the same everywhere */
	ck_assert_int_eq(pu_assert_cards_sold_by(p, vendor[2]), 24);
	pu_assert_has(p, "Selling on Bazaar since ");
	pu_assert_no_rating_or_sales(p); /* no reviews yet: no vendor rating, none on the cards */
	pu_assert_has(p, "<li><a href=\"/\">Home</a></li>");
	snprintf(want, sizeof want, "of %s products",
		 pu_grouped(db_scalar(0, "SELECT COUNT(*) FROM products WHERE vendor_id = ? AND status = 'active'",
				      "i", id)));
	pu_assert_has(p, want);
	snprintf(want, sizeof want, "href=\"/v/%s?page=2\" rel=\"next\"", vendor[1]);
	pu_assert_has(p, want);
	pu_free(p);

	p = pu_getf("/v/%s?page=2", vendor[1]);
	pu_assert_status(p, 200);
	pu_assert_has(p, "Showing 25–");
	snprintf(want, sizeof want, "<link rel=\"canonical\" href=\"/v/%s?page=2\">", vendor[1]);
	pu_assert_has(p, want);
	pu_free(p);
	pu_free_row(newest, 1);
}
END_TEST

START_TEST(test_vendor_not_public)
{
	struct pu_page *p;
	char *row[1] = { NULL };

	p = pu_get("/v/no-such-shop-here");
	pu_assert_status(p, 404);
	pu_assert_layout(p);
	pu_free(p);
	/* a vendor that is not verified has no public shop */
	if (!pu_row1(row, 1, "SELECT slug FROM vendors WHERE status <> 'verified' ORDER BY id LIMIT 1", "", NULL))
		ck_abort_msg("the demo catalogue has no unverified vendor");
	pu_expect(404, pu_getf("/v/%s", row[0]));
	pu_free_row(row, 1);
}
END_TEST

START_TEST(test_vendor_bad_params)
{
	struct pu_page *p;

	load_vendor();
	p = pu_getf("/v/%s?page=-1", vendor[1]);
	pu_assert_status(p, 400);
	pu_assert_has(p, "(page)");
	pu_free(p);
	pu_expect(400, pu_getf("/v/%s?page=x", vendor[1]));
	pu_expect(404, pu_getf("/v/%s?page=9999", vendor[1]));
	pu_expect(404, pu_get("/v/Upper-Case"));
	/* sorting is not offered here: the parameter is ignored */
	pu_expect(200, pu_getf("/v/%s?sort=DROP", vendor[1]));
}
END_TEST

/* A verified vendor and its newest active product (on its shop's first page). */
static void
choose_vendor(void)
{
	pu_vendor_choose("SELECT p.vendor_id, p.id, NULL FROM products p"
			 " JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
			 " WHERE p.status = 'active' ORDER BY p.vendor_id, p.created_at DESC, p.id DESC LIMIT 1");
}

/* Blocking a vendor closes its shop at once, cached pages and all. */
START_TEST(test_vendor_blocked)
{
	char *row[1] = { NULL };
	struct pu_page *p;

	ck_assert(pu_row1(row, 1, "SELECT slug FROM vendors WHERE id = ?", "i", &pu_vendor.vendor));
	p = pu_getf("/v/%s", row[0]);
	pu_assert_status(p, 200);
	pu_assert_has(p, pu_product_href(pu_vendor.product));
	pu_free(p);
	p = pu_getf("/v/%s", row[0]);	/* now from memcached */
	pu_assert_status(p, 200);
	pu_free(p);

	pu_vendor_block();
	p = pu_getf("/v/%s", row[0]);
	pu_assert_status(p, 404);
	pu_assert_lacks(p, pu_product_href(pu_vendor.product));
	pu_free(p);
	pu_expect(404, pu_getf("/v/%s?page=2", row[0]));
	pu_free_row(row, 1);
}
END_TEST

static Suite *
sf_vendor_suite(void)
{
	Suite *s = suite_create("sf_vendor");
	TCase *tc = pu_tcase(s, "vendor");

	tcase_add_test(tc, test_vendor_shop);
	tcase_add_test(tc, test_vendor_not_public);
	tcase_add_test(tc, test_vendor_bad_params);
	tc = pu_tcase_changing(s, "blocked vendor", choose_vendor, pu_vendor_restore);
	tcase_add_test(tc, test_vendor_blocked);
	return s;
}

CHECK_MAIN(sf_vendor_suite)
