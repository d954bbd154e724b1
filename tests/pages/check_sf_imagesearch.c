/*
 * Page tests for sf_imagesearch.c: the search-by-picture form, a file that
 * is not a picture and a form without one (the form again with the reason,
 * nothing kept), the "similar looking" page of a product (other products,
 * never the product itself; 404 for one not for sale) and its link on the
 * product page. A real picture sent through nginx: tests/http/imagesearch.test.mjs.
 */
#include "page_util.h"

#include "imgfeat.h"

#define IMGS_BOUNDARY "imgsboundary1234"

/* The search form sent with one file part (a C string) as a visitor without
 * a session. */
static struct pu_page *
imgs_upload(const char *filename, const char *content)
{
	struct pu_page *p;
	char *body;

	ck_assert(asprintf(&body, "--" IMGS_BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
			   "--" IMGS_BOUNDARY "\r\nContent-Disposition: form-data; name=\"picture\";"
			   " filename=\"%s\"\r\nContent-Type: image/jpeg\r\n\r\n%s\r\n--" IMGS_BOUNDARY "--\r\n",
			   PU_ANON_CSRF, filename, content) > 0);
	pu_content_type = "multipart/form-data; boundary=" IMGS_BOUNDARY;
	p = pu_post("/search/image", PU_ANON_COOKIE, body);
	pu_content_type = NULL;
	free(body);
	return p;
}

/* An active product of a verified shop whose first picture is described. */
static long long
imgs_described_product(void)
{
	long long id = db_scalar(0, "SELECT MIN(p.id) FROM products p"
				    " JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
				    " JOIN product_images i ON i.product_id = p.id AND i.position = 1"
				    " JOIN image_features f ON f.media_id = i.media_id"
				    " WHERE p.status = 'active' AND p.id > ?", "i", 0LL);

	ck_assert_msg(id > 0, "no described product picture on the test stack (bazaar-imgindex backfill)");
	return id;
}

START_TEST(test_form)
{
	struct pu_page *p = pu_get("/search/image");

	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "method=\"post\" action=\"/search/image\" enctype=\"multipart/form-data\" novalidate");
	pu_assert_has(p, "name=\"picture\" type=\"file\"");
	pu_assert_lacks(p, "Products that look like your picture");
	pu_free(p);
}
END_TEST

START_TEST(test_not_a_picture)
{
	struct pu_page *p = imgs_upload("cat.jpg", "<?php system($_GET['c']); ?>");

	pu_assert_status(p, 422);
	pu_assert_text(p, "is not a JPEG, PNG, WebP or GIF picture");
	pu_assert_has(p, "id=\"picture-error\"");
	pu_assert_lacks(p, "Products that look like your picture");
	pu_assert_lacks(p, "system(");
	pu_free(p);

	/* a form without its file */
	pu_content_type = "multipart/form-data; boundary=" IMGS_BOUNDARY;
	p = pu_post("/search/image", PU_ANON_COOKIE,
		    "--" IMGS_BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" PU_ANON_CSRF
		    "\r\n--" IMGS_BOUNDARY "--\r\n");
	pu_content_type = NULL;
	pu_assert_status(p, 422);
	pu_assert_text(p, "Choose a picture to search with.");
	pu_free(p);

	/* without the form's token: refused before anything is read as a picture */
	pu_content_type = "multipart/form-data; boundary=" IMGS_BOUNDARY;
	p = pu_post("/search/image", NULL,
		    "--" IMGS_BOUNDARY "\r\nContent-Disposition: form-data; name=\"picture\"; filename=\"a.jpg\""
		    "\r\n\r\nxyz\r\n--" IMGS_BOUNDARY "--\r\n");
	pu_content_type = NULL;
	pu_assert_status(p, 403);
	pu_free(p);
}
END_TEST

START_TEST(test_similar)
{
	long long id = imgs_described_product();
	char uri[64], self[200], path[200];
	struct pu_page *p;

	snprintf(self, sizeof self, "%s", pu_product_href(id));
	snprintf(path, sizeof path, "%.*s", (int)strlen(self) - 7, self + 6);	/* href="<path>" */
	/* the product page links to it */
	p = pu_get(path);
	pu_assert_status(p, 200);
	snprintf(uri, sizeof uri, "href=\"/p/%lld/similar\"", id);
	pu_assert_has(p, uri);
	pu_free(p);

	snprintf(uri, sizeof uri, "/p/%lld/similar", id);
	p = pu_get(uri);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "Similar looking to");
	pu_assert_has(p, "class=\"grid\"");
	/* other products' cards, never its own (its link is the way back) */
	ck_assert_int_eq(pu_occurrences(p, self), 2);	/* the crumb and "Back to" */
	pu_free(p);

	pu_expect(404, pu_get("/p/999999999999/similar"));
}
END_TEST

static Suite *
sf_imagesearch_suite(void)
{
	Suite *s = suite_create("sf_imagesearch");
	TCase *tc = pu_tcase(s, "page");

	tcase_add_test(tc, test_form);
	tcase_add_test(tc, test_not_a_picture);
	tcase_add_test(tc, test_similar);
	return s;
}

CHECK_MAIN(sf_imagesearch_suite)
