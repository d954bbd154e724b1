/*
 * Page tests for vp_csv.c: GET /vendor/listings/export.csv, GET and POST
 * /vendor/listings/import.
 */
#define PU_PREFIX "vpc"
#include "vp_util.h"

#define HEADER "sku,name,category,price,compare_at_price,stock,status,description\r\n"
/* What the export writes. */
#define FULL "sku,name,category,price,compare_at_price,stock,low_stock_threshold,weight_grams,status,description\r\n"

/* A form field's value, urlencoded, as "csv=<text>". */
static char *
csv_body(const char *text)
{
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "csv=");
	buf_add_urlencoded(&b, text);
	return buf_detach(&b);
}

/* The short name of a category without sub-categories. */
static const char *
leaf_slug(void)
{
	static char slug[100];
	char *row[1] = { NULL };

	ck_assert(pu_row1(row, 1, "SELECT MIN(slug) FROM categories c WHERE NOT EXISTS"
			  " (SELECT 1 FROM categories k WHERE k.parent_id = c.id)", "", NULL));
	snprintf(slug, sizeof slug, "%s", row[0]);
	pu_free_row(row, 1);
	return slug;
}

static struct pu_page *
import_text(const struct vpt_vendor *v, const char *text)
{
	char *body = csv_body(text);
	struct pu_page *p = pu_post_as(&v->u, "/vendor/listings/import", body);

	free(body);
	return p;
}

START_TEST(test_import_export_round_trip)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char file[1000];
	long long before;

	vpt_vendor_new(&v, "verified", 1);
	p = pu_request("GET", "/vendor/listings/import", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "<dt><code>compare_at_price</code></dt>");
	pu_assert_lacks(p, "id=\"cannot-import\"");
	pu_free(p);

	snprintf(file, sizeof file, HEADER
		 "PT-1,Page Test Bowl,%s,8.00,,3,active,A bowl.\r\n"
		 "PT-2,@Page Test Jug,%s,5.50,6.00,0,draft,A jug.\r\n", leaf_slug(), leaf_slug());
	p = import_text(&v, file);
	pu_assert_status(p, 303);
	ck_assert_str_eq(pu_header(p, "Location"), "/vendor/listings");
	ck_assert_str_eq(pu_flash(p), "Import done: 2 new, 0 changed, 0 unchanged.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM products WHERE vendor_id = ?", v.vendor_id), 2);

	p = pu_request("GET", "/vendor/listings/export.csv", v.u.cookie);
	pu_assert_status(p, 200);
	ck_assert_ptr_nonnull(strstr(pu_header(p, "Content-Type"), "text/csv"));
	ck_assert_ptr_nonnull(strstr(pu_header(p, "Content-Disposition"), "attachment; filename=\"listings-"));
	ck_assert_int_eq(memcmp(p->body, "\xEF\xBB\xBF" FULL, sizeof FULL - 1 + 3), 0);
	ck_assert_ptr_nonnull(strstr(p->body, ",'@Page Test Jug,"));
	before = pu_count("SELECT COUNT(*) FROM stock_adjustments a JOIN products p ON p.id = a.product_id"
			  " WHERE p.vendor_id = ?", v.vendor_id);
	{
		struct pu_page *again = import_text(&v, p->body + 3);

		pu_assert_status(again, 303);
		ck_assert_str_eq(pu_flash(again), "Import done: 0 new, 0 changed, 2 unchanged.");
		pu_free(again);
	}
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM stock_adjustments a JOIN products p ON p.id = a.product_id"
				  " WHERE p.vendor_id = ?", v.vendor_id), before);
}
END_TEST

START_TEST(test_import_with_a_bad_line_changes_nothing)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char file[1000];

	vpt_vendor_new(&v, "verified", 1);
	snprintf(file, sizeof file, HEADER
		 "PT-1,Page Test Bowl,%s,8.00,,3,active,A bowl.\r\n"
		 "PT-2,Page Test Jug,%s,five,,1,draft,A jug.\r\n"
		 "PT-3,Page Test Cup,%s,1.00,,1,draft,A cup.\r\n", leaf_slug(), leaf_slug(), leaf_slug());
	p = import_text(&v, file);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Nothing was imported: the file has 1 problem");
	pu_assert_has(p, "<tr><td class=\"num\">3</td><td>price</td><td>Enter the price as an amount like 12.50");
	pu_assert_text(p, "PT-3,Page Test Cup");	/* the text is kept */
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM products WHERE vendor_id = ?", v.vendor_id), 0);

	p = import_text(&v, "");
	pu_assert_status(p, 422);
	pu_assert_text(p, "Choose your CSV file, or paste its text below.");
	pu_free(p);
	p = import_text(&v, "name\n\"open");
	pu_assert_status(p, 422);
	pu_assert_text(p, "A quoted field is not closed.");
	pu_free(p);
	/* Without the form's token: refused. */
	pu_expect(403, pu_post("/vendor/listings/import", v.u.cookie, "csv=x"));
}
END_TEST

START_TEST(test_import_needs_verified_shop)
{
	struct vpt_vendor v;
	struct pu_page *p;

	vpt_vendor_new(&v, "pending", 0);
	p = pu_request("GET", "/vendor/listings/import", v.u.cookie);
	pu_assert_status(p, 200);
	pu_assert_text(p, "We are still verifying your shop");
	pu_free(p);
	p = import_text(&v, HEADER "PT-1,Bowl,x,1,,1,draft,\n");
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"file-error\"");
	pu_assert_text(p, "We are still verifying your shop");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM products WHERE vendor_id = ?", v.vendor_id), 0);
	/* The export is the vendor's own: empty but for the columns. */
	p = pu_request("GET", "/vendor/listings/export.csv", v.u.cookie);
	pu_assert_status(p, 200);
	ck_assert_str_eq(p->body, "\xEF\xBB\xBF" FULL);
	pu_free(p);
}
END_TEST

static Suite *
vp_csv_suite(void)
{
	Suite *s = suite_create("vp_csv");
	TCase *tc = pu_tcase_people(s, "csv");

	tcase_add_test(tc, test_import_export_round_trip);
	tcase_add_test(tc, test_import_with_a_bad_line_changes_nothing);
	tcase_add_test(tc, test_import_needs_verified_shop);
	return s;
}

CHECK_MAIN(vp_csv_suite)
