/*
 * Page tests for vp_images.c and vp_shop.c: a listing's pictures (the page,
 * alt text, order, delete, another vendor's listing, the CSRF token) and the
 * shop's logo and banner page. Sending files (multipart) is tested through
 * nginx in tests/http/uploads.test.mjs, with the attack files.
 */
#define PU_PREFIX "vpi"
#include "vp_util.h"

/* A product of the vendor with n pictures (older single files, no media
 * row): "p/page-test/vpi-<k>.svg", alt "Picture <k>". Returns its id. */
static long long
add_product(long long vendor_id, int n)
{
	long long category = db_scalar(-1, "SELECT MIN(id) FROM categories WHERE parent_id IS NOT NULL", "");
	long long id;
	int k;

	ck_assert_int_gt(category, 0);
	ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, name, slug,"
				 " description, price_minor, stock, status) VALUES (?, ?, ?, 'Picture Pot', 'picture-pot',"
				 " '', 1000, 3, 'active')", "iii", vendor_id, category, catalog_top_category(category)), 1);
	id = (long long)db_insert_id();
	for (k = 1; k <= n; k++) {
		char path[64], alt[32];

		snprintf(path, sizeof path, "p/page-test/vpi-%d.svg", k);
		snprintf(alt, sizeof alt, "Picture %d", k);
		ck_assert_int_eq(db_exec("INSERT INTO product_images (product_id, position, path, alt, width, height)"
					 " VALUES (?, ?, ?, ?, 600, 600)", "iiss", id, (long long)k, path, alt), 1);
	}
	return id;
}

/* The ids of the product's pictures in position order (at most 8). */
static int
picture_ids(long long product, long long *ids)
{
	struct db_result *r = db_query("SELECT id FROM product_images WHERE product_id = ? ORDER BY position", "i", product);
	int n = 0;

	ck_assert_ptr_nonnull(r);
	while (db_next(r) && n < 8)
		ids[n++] = db_int(r, 0);
	db_free(r);
	return n;
}

static struct pu_page *
post_form(const struct vpt_vendor *v, const char *fmt_path, long long product, long long image, const char *fields)
{
	char uri[160], body[400];

	snprintf(uri, sizeof uri, fmt_path, product, image);
	snprintf(body, sizeof body, "csrf=%s%s%s", v->u.csrf, *fields ? "&" : "", fields);
	return pu_post(uri, v->u.cookie, body);
}

START_TEST(test_images_page)
{
	struct vpt_vendor v;
	struct pu_page *p;
	long long product;
	char uri[160];

	vpt_vendor_new(&v, "verified", 1);
	product = add_product(v.vendor_id, 3);
	snprintf(uri, sizeof uri, "/vendor/listings/%lld/images", product);
	p = pu_request("GET", uri, v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "<h1>Pictures of Picture Pot</h1>");
	pu_assert_has(p, "Picture 1 <strong class=\"cover-tag\">(cover)</strong>");
	pu_assert_has(p, "value=\"Picture 2\"");
	pu_assert_has(p, "/media/p/page-test/vpi-3.svg");
	pu_assert_has(p, "enctype=\"multipart/form-data\" novalidate");
	pu_assert_has(p, "name=\"picture\" accept=\"image/jpeg,image/png,image/webp,image/gif\"");
	/* the first cannot move up, the last cannot move down */
	ck_assert_int_eq(pu_occurrences(p, "value=\"up\""), 2);
	ck_assert_int_eq(pu_occurrences(p, "value=\"down\""), 2);
	pu_free(p);
	/* the way there, from the listings */
	p = pu_request("GET", "/vendor/listings", v.u.cookie);
	pu_assert_status(p, 200);
	snprintf(uri, sizeof uri, "<a href=\"/vendor/listings/%lld/images\">Pictures<span", product);
	pu_assert_has(p, uri);
	pu_free(p);
}
END_TEST

START_TEST(test_images_move_alt_delete)
{
	struct vpt_vendor v;
	struct pu_page *p;
	long long product, ids[8], now[8];
	int n;

	vpt_vendor_new(&v, "verified", 1);
	product = add_product(v.vendor_id, 3);
	n = picture_ids(product, ids);
	ck_assert_int_eq(n, 3);

	p = post_form(&v, "/vendor/listings/%lld/images/%lld/move", product, ids[2], "direction=up");
	pu_assert_status(p, 303);
	pu_free(p);
	picture_ids(product, now);
	ck_assert_int_eq(now[1], ids[2]);
	ck_assert_int_eq(now[2], ids[1]);
	p = post_form(&v, "/vendor/listings/%lld/images/%lld/move", product, ids[2], "direction=up");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "The picture is now the cover.");
	pu_free(p);
	picture_ids(product, now);
	ck_assert_int_eq(now[0], ids[2]);
	/* first already: nothing changes */
	p = post_form(&v, "/vendor/listings/%lld/images/%lld/move", product, ids[2], "direction=up");
	pu_assert_status(p, 303);
	pu_free(p);
	picture_ids(product, now);
	ck_assert_int_eq(now[0], ids[2]);
	p = post_form(&v, "/vendor/listings/%lld/images/%lld/move", product, ids[2], "direction=left");
	pu_assert_status(p, 400);
	pu_free(p);

	p = post_form(&v, "/vendor/listings/%lld/images/%lld/alt", product, ids[0], "image_alt=Green+pot+from+above");
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM product_images WHERE alt = ?", "Green pot from above"), 1);
	p = post_form(&v, "/vendor/listings/%lld/images/%lld/alt", product, ids[0], "image_alt=+++");
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"image_alt\"");
	pu_assert_has(p, "aria-invalid=\"true\"");
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM product_images WHERE alt = ?", "Green pot from above"), 1);

	/* delete the cover: the others move up, positions stay 1..n */
	p = post_form(&v, "/vendor/listings/%lld/images/%lld/delete", product, ids[2], "");
	pu_assert_status(p, 303);
	pu_free(p);
	ck_assert_int_eq(picture_ids(product, now), 2);
	ck_assert_int_eq(db_scalar(-1, "SELECT GROUP_CONCAT(position ORDER BY position) = '1,2' FROM product_images"
				   " WHERE product_id = ?", "i", product), 1);
	ck_assert_int_eq(now[0], ids[0]);
	p = post_form(&v, "/vendor/listings/%lld/images/%lld/delete", product, ids[2], "");
	pu_assert_status(p, 404);
	pu_free(p);
}
END_TEST

/* The pictures are reviewed with the listing: a prohibited word in an alt
 * text takes a live listing to review, with what was live for the admin;
 * a move while it waits shows the new order in its review. */
START_TEST(test_images_review)
{
	struct vpt_vendor v;
	struct pu_page *p;
	long long product, ids[8];

	vpt_vendor_new(&v, "verified", 1);
	product = add_product(v.vendor_id, 2);
	picture_ids(product, ids);
	ck_assert_int_eq(db_exec("INSERT INTO prohibited_words (word, folded) VALUES ('Vpitestbanned', 'vpitestbanned')",
				 ""), 1);
	p = post_form(&v, "/vendor/listings/%lld/images/%lld/alt", product, ids[1], "image_alt=A+vpitestbanned+pot");
	ck_assert_int_eq(db_exec("DELETE FROM prohibited_words WHERE folded = 'vpitestbanned'", ""), 1);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "The alt text was saved. The listing waits for our review before it is shown again.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM products WHERE id = ? AND status = 'review'", product), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM listing_reviews WHERE product_id = ? AND status = 'pending'"
				  " AND revision = 1 AND images LIKE '%A vpitestbanned pot%'"
				  " AND approved_images LIKE '%Picture 2%' AND cause LIKE '%Vpitestbanned%'", product), 1);
	/* waiting: a new order refreshes the review, the listing stays in review */
	p = post_form(&v, "/vendor/listings/%lld/images/%lld/move", product, ids[1], "direction=up");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "The picture is now the cover.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM products WHERE id = ? AND status = 'review'", product), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM listing_reviews WHERE product_id = ? AND status = 'pending'"
				  " AND revision = 2 AND images LIKE 'p/page-test/vpi-2.svg A vpitestbanned pot%'", product), 1);
	/* without a word nor a rule, a live listing's pictures change at once */
	db_exec("DELETE FROM listing_reviews WHERE product_id = ?", "i", product);
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'active' WHERE id = ?", "i", product), 1);
	p = post_form(&v, "/vendor/listings/%lld/images/%lld/alt", product, ids[1], "image_alt=A+green+pot");
	pu_assert_status(p, 303);
	pu_assert_flash(p, "The alt text was saved.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM products WHERE id = ? AND status = 'active'", product), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM listing_reviews WHERE product_id = ?", product), 0);
}
END_TEST

START_TEST(test_images_not_yours)
{
	struct vpt_vendor v, other;
	struct pu_page *p;
	struct pu_user customer;
	long long mine, theirs, ids[8];
	char uri[160], body[200];

	vpt_vendor_new(&v, "verified", 1);
	vpt_vendor_new(&other, "verified", 1);
	mine = add_product(v.vendor_id, 2);
	theirs = add_product(other.vendor_id, 2);
	picture_ids(theirs, ids);
	snprintf(uri, sizeof uri, "/vendor/listings/%lld/images", theirs);
	pu_expect(404, pu_request("GET", uri, v.u.cookie));
	p = post_form(&v, "/vendor/listings/%lld/images/%lld/delete", theirs, ids[0], "");
	pu_assert_status(p, 404);
	pu_free(p);
	/* their picture through my listing's address */
	p = post_form(&v, "/vendor/listings/%lld/images/%lld/delete", mine, ids[0], "");
	pu_assert_status(p, 404);
	pu_free(p);
	p = post_form(&v, "/vendor/listings/%lld/images/%lld/alt", theirs, ids[0], "image_alt=Mine");
	pu_assert_status(p, 404);
	pu_free(p);
	ck_assert_int_eq(picture_ids(theirs, ids), 2);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM product_images WHERE alt = ?", "Mine"), 0);

	/* no CSRF token: 403, nothing changed */
	picture_ids(mine, ids);
	snprintf(uri, sizeof uri, "/vendor/listings/%lld/images/%lld/delete", mine, ids[0]);
	pu_expect(403, pu_post(uri, v.u.cookie, ""));
	ck_assert_int_eq(picture_ids(mine, ids), 2);

	/* anonymous: the login page; a customer: 404 */
	snprintf(uri, sizeof uri, "/vendor/listings/%lld/images", mine);
	p = pu_get(uri);
	ck_assert_msg(p->status == 303 || p->status == 302, "status %d", p->status);
	pu_free(p);
	vpt_customer_new(&customer);
	pu_expect(404, pu_request("GET", uri, customer.cookie));
	snprintf(body, sizeof body, "csrf=%s", customer.csrf);
	pu_expect(404, pu_post("/vendor/shop/logo/delete", customer.cookie, body));
}
END_TEST

START_TEST(test_shop_page)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char body[200];

	vpt_vendor_new(&v, "verified", 1);
	p = pu_request("GET", "/vendor/shop", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "<a href=\"/vendor/shop\" aria-current=\"page\">Logo and banner</a>");
	pu_assert_has(p, "Your shop has no logo yet.");
	pu_assert_has(p, "Your shop has no banner yet.");
	pu_assert_has(p, "action=\"/vendor/shop/logo\" method=\"post\" enctype=\"multipart/form-data\"");
	pu_free(p);
	snprintf(body, sizeof body, "csrf=%s", v.u.csrf);
	pu_expect(303, pu_post("/vendor/shop/banner/delete", v.u.cookie, body));
	pu_expect(403, pu_post("/vendor/shop/logo/delete", v.u.cookie, ""));
	/* an urlencoded body on an upload route: the file is missing */
	p = pu_post("/vendor/shop/logo", v.u.cookie, body);
	pu_assert_status(p, 422);
	pu_assert_has(p, "Choose a picture for your logo.");
	pu_free(p);
}
END_TEST

static Suite *
vp_images_suite(void)
{
	Suite *s = suite_create("vp_images");
	TCase *tc = pu_tcase_people(s, "images");

	tcase_add_test(tc, test_images_page);
	tcase_add_test(tc, test_images_move_alt_delete);
	tcase_add_test(tc, test_images_review);
	tcase_add_test(tc, test_images_not_yours);
	tcase_add_test(tc, test_shop_page);
	return s;
}

CHECK_MAIN(vp_images_suite)
