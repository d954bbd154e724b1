/*
 * Page tests for vp_listing_form.c: GET/POST /vendor/listings/new and
 * GET/POST /vendor/listings/{id}/edit.
 */
#define PU_PREFIX "vplf"
#include "buf.h"
#include "vp_listing_util.h"

/* The vendor's listings. */
static long long
count_listings(long long vendor_id)
{
	return pu_count("SELECT COUNT(*) FROM products WHERE vendor_id = ?", vendor_id);
}

START_TEST(test_new_form)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char option[64];

	vpt_vendor_new(&v, "verified", 1);
	p = pu_get_as(&v.u, "/vendor/listings/new");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "<form class=\"form form-wide\" action=\"/vendor/listings/new\" method=\"post\" novalidate>");
	pu_assert_has(p, "<label for=\"name\">Name</label>");
	pu_assert_has(p, "<label for=\"compare_at\">Compare-at price (optional)</label>");
	pu_assert_has(p, "<label for=\"low_stock_threshold\">Low-stock warning</label>");
	pu_assert_has(p, "name=\"low_stock_threshold\" value=\"5\"");
	pu_assert_has(p, "<optgroup label=");
	snprintf(option, sizeof option, "<option value=\"%lld\">", vlt_leaf_category());
	pu_assert_has(p, option);
	/* a category with sub-categories is a group, never a choice */
	snprintf(option, sizeof option, "<option value=\"%lld\"", vlt_parent_category());
	pu_assert_lacks(p, option);
	pu_assert_has(p, "name=\"publish\" value=\"1\">Save and publish</button>");
	pu_assert_lacks(p, "publish-refused");
	pu_free(p);
}
END_TEST

START_TEST(test_create_draft_and_publish)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char *body, *row[9];
	long long id, events;

	vpt_vendor_new(&v, "verified", 1);
	body = vlt_body("Oak Plant Pot", "compare_at", "15");
	p = pu_post_as(&v.u, "/vendor/listings/new", body);
	free(body);
	pu_assert_status(p, 303);
	pu_assert_location(p, "/vendor/listings");
	pu_assert_flash(p, "\xe2\x80\x9cOak Plant Pot\xe2\x80\x9d is saved as a draft.");
	pu_free(p);
	ck_assert(pu_row1(row, 9, "SELECT id, name, slug, description, price_minor, compare_at_minor, stock,"
			  " low_stock_threshold, status FROM products WHERE vendor_id = ?", "i", &v.vendor_id));
	id = atoll(row[0]);
	ck_assert_str_eq(row[1], "Oak Plant Pot");
	ck_assert_str_eq(row[2], "oak-plant-pot");
	ck_assert_str_eq(row[3], "A sturdy pot.\n\n- Oak\n- Brass");
	ck_assert_str_eq(row[4], "1250");
	ck_assert_str_eq(row[5], "1500");
	ck_assert_str_eq(row[6], "7");
	ck_assert_str_eq(row[7], "3");
	ck_assert_str_eq(row[8], "draft");
	pu_free_row(row, 9);
	ck_assert_str_eq(vlt_column(id, "SELECT weight_grams FROM products WHERE id = ?"), "450");
	ck_assert_str_eq(vlt_column(id, "SELECT sku FROM products WHERE id = ?"), "(null)");
	events = pu_product_events(id);
	ck_assert_int_eq(events, 1);

	/* "Save and publish": live at once */
	body = vlt_body("Brass Plant Pot", "publish", "1");
	p = pu_post_as(&v.u, "/vendor/listings/new", body);
	free(body);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "\xe2\x80\x9c" "Brass Plant Pot\xe2\x80\x9d is published: shoppers can see it now.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM products WHERE vendor_id = ? AND status = 'active'"
				  " AND name = 'Brass Plant Pot'", v.vendor_id), 1);

	/* the list shows both, each with the way to its form */
	p = pu_get_as(&v.u, "/vendor/listings");
	pu_assert_status(p, 200);
	pu_assert_text(p, "Oak Plant Pot");
	pu_assert_has(p, "<td>Draft</td>");
	pu_assert_has(p, "<td>Live</td>");
	pu_assert_has(p, vlt_fmt("href=\"/vendor/listings/%lld/edit\"", id));
	pu_free(p);
}
END_TEST

/* One field wrong: 422, its message next to it, the input kept, nothing
 * written. */
static void
assert_refused(struct vpt_vendor *v, const char *uri, const char *field, const char *value,
	       const char *message)
{
	char *body = vlt_body("Refused Pot", field, value), want[160];
	long long before = count_listings(v->vendor_id);
	struct pu_page *p = pu_post_as(&v->u, uri, body);

	free(body);
	pu_assert_status(p, 422);
	snprintf(want, sizeof want, "id=\"%s-error\"", field);
	pu_assert_has(p, want);
	snprintf(want, sizeof want, "<li><a href=\"#%s\">", field);
	pu_assert_has(p, want);
	pu_assert_text(p, message);
	if (strcmp(field, "name") != 0)
		pu_assert_has(p, "value=\"Refused Pot\"");	/* the name typed is kept */
	pu_assert_text(p, "Nothing was saved yet.");
	pu_free(p);
	ck_assert_int_eq(count_listings(v->vendor_id), before);
}

/* A shop whose listings are reviewed: published listings wait, the edit
 * page says why, a rejection's reason shows there, and an edit of a live
 * listing with a prohibited word goes back to review. */
START_TEST(test_review)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char *body;
	long long id, live;

	vpt_vendor_new(&v, "verified", 1);
	ck_assert_int_eq(db_exec("UPDATE vendors SET listing_review = 'all' WHERE id = ?", "i", v.vendor_id), 1);
	body = vlt_body("Reviewed Pot", "publish", "1");
	p = pu_post_as(&v.u, "/vendor/listings/new", body);
	free(body);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "\xe2\x80\x9cReviewed Pot\xe2\x80\x9d is saved and waits for our review before it is shown.");
	pu_free(p);
	id = db_scalar(0, "SELECT MAX(id) FROM products WHERE vendor_id = ?", "i", v.vendor_id);
	ck_assert_str_eq(vlt_status(id), "review");
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM listing_reviews WHERE product_id = ? AND status = 'pending'", id), 1);
	p = pu_get_as(&v.u, vlt_fmt("/vendor/listings/%lld/edit", id));
	pu_assert_status(p, 200);
	pu_assert_has(p, "id=\"in-review\"");
	pu_assert_text(p, "The shop's listings are reviewed before they are published.");
	pu_free(p);
	/* rejected (as the admin site does): back to draft, the reason on the page */
	ck_assert_int_eq(db_exec("UPDATE listing_reviews SET status = 'rejected', reason = 'Show the pot, not a drawing.',"
				 " decided_at = NOW() WHERE product_id = ?", "i", id), 1);
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'draft' WHERE id = ?", "i", id), 1);
	p = pu_get_as(&v.u, vlt_fmt("/vendor/listings/%lld/edit", id));
	pu_assert_status(p, 200);
	pu_assert_has(p, "id=\"rejected\"");
	pu_assert_text(p, "Show the pot, not a drawing.");
	pu_assert_has(p, "Save and publish");
	pu_free(p);

	/* a live listing edited to contain a prohibited word waits again */
	ck_assert_int_eq(db_exec("UPDATE vendors SET listing_review = 'off' WHERE id = ?", "i", v.vendor_id), 1);
	live = vlt_listing_new(v.vendor_id, "Plain Pot", "active", NULL);
	ck_assert_int_eq(db_exec("INSERT INTO prohibited_words (word, folded) VALUES ('Vptestbanned', 'vptestbanned')",
				 ""), 1);
	body = vlt_body("Plain Pot, vptestbanned", NULL, NULL);
	p = pu_post_as(&v.u, vlt_fmt("/vendor/listings/%lld/edit", live), body);
	free(body);
	ck_assert_int_eq(db_exec("DELETE FROM prohibited_words WHERE folded = 'vptestbanned'", ""), 1);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "is saved and waits for our review before it is shown.");
	pu_free(p);
	ck_assert_str_eq(vlt_status(live), "review");
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM listing_reviews WHERE product_id = ? AND status = 'pending'"
				  " AND approved_name = 'Plain Pot' AND cause LIKE '%Vptestbanned%'", live), 1);
}
END_TEST

START_TEST(test_bad_input)
{
	struct vpt_vendor v;
	struct pu_page *p;
	char parent[32], *body;
	long long other;

	vpt_vendor_new(&v, "verified", 1);
	snprintf(parent, sizeof parent, "%lld", vlt_parent_category());
	assert_refused(&v, "/vendor/listings/new", "name", "", "Enter the product's name.");
	assert_refused(&v, "/vendor/listings/new", "name", "ab", "The name is too short");
	assert_refused(&v, "/vendor/listings/new", "name", "!!!", "needs letters or digits");
	assert_refused(&v, "/vendor/listings/new", "description", "", "Describe the product");
	assert_refused(&v, "/vendor/listings/new", "category", "", "Choose the category shoppers will find");
	assert_refused(&v, "/vendor/listings/new", "category", "999999999", "Choose a category from the list.");
	assert_refused(&v, "/vendor/listings/new", "category", parent, "Choose one of the categories inside");
	assert_refused(&v, "/vendor/listings/new", "price", "", "Enter the price, like 12.50.");
	assert_refused(&v, "/vendor/listings/new", "price", "12,5", "as an amount like 12.50");
	assert_refused(&v, "/vendor/listings/new", "price", "0", "at least 0.01");
	assert_refused(&v, "/vendor/listings/new", "price", "2000000", "at most 1,000,000.00");
	assert_refused(&v, "/vendor/listings/new", "compare_at", "12.50", "must be above the price");
	assert_refused(&v, "/vendor/listings/new", "compare_at", "3", "must be above the price");
	assert_refused(&v, "/vendor/listings/new", "compare_at", "abc", "compare-at price as an amount");
	assert_refused(&v, "/vendor/listings/new", "sku", "has space", "no spaces");
	assert_refused(&v, "/vendor/listings/new", "sku", "-lead", "must start with a letter or a digit");
	assert_refused(&v, "/vendor/listings/new", "stock", "", "Enter how many you have in stock");
	assert_refused(&v, "/vendor/listings/new", "stock", "-1", "whole number from 0 to 1,000,000");
	assert_refused(&v, "/vendor/listings/new", "stock", "1.5", "whole number from 0 to 1,000,000");
	assert_refused(&v, "/vendor/listings/new", "low_stock_threshold", "x", "low-stock warning level");
	assert_refused(&v, "/vendor/listings/new", "weight_grams", "2000000", "weight in grams");

	/* several at once: every message, each next to its field */
	p = pu_post_as(&v.u, "/vendor/listings/new", "name=&price=abc&stock=-3");
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"name-error\"");
	pu_assert_has(p, "id=\"price-error\"");
	pu_assert_has(p, "id=\"stock-error\"");
	pu_assert_has(p, "id=\"category-error\"");
	pu_assert_has(p, "value=\"abc\"");
	pu_free(p);
	ck_assert_int_eq(count_listings(v.vendor_id), 0);

	/* an SKU the vendor already uses: the form again, naming the listing */
	other = vlt_listing_new(v.vendor_id, "First Pot", "active", "POT-1");
	body = vlt_body("Second Pot", "sku", "POT-1");
	p = pu_post_as(&v.u, "/vendor/listings/new", body);
	free(body);
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"sku-error\"");
	pu_assert_text(p, "You already use this SKU for \xe2\x80\x9c" "First Pot\xe2\x80\x9d.");
	pu_assert_has(p, "value=\"Second Pot\"");
	pu_free(p);
	ck_assert_int_eq(count_listings(v.vendor_id), 1);
	/* another vendor's SKU is no concern of this one */
	{
		struct vpt_vendor w;

		vpt_vendor_new(&w, "verified", 1);
		body = vlt_body("Their Pot", "sku", "POT-1");
		p = pu_post_as(&w.u, "/vendor/listings/new", body);
		free(body);
		pu_assert_status(p, 303);
		pu_free(p);
	}
	(void)other;

	/* no CSRF token: 403, nothing written */
	body = vlt_body("Forged Pot", NULL, NULL);
	p = pu_post("/vendor/listings/new", v.u.cookie, body);
	free(body);
	pu_assert_status(p, 403);
	pu_free(p);
	ck_assert_int_eq(count_listings(v.vendor_id), 1);
}
END_TEST

START_TEST(test_edit)
{
	struct vpt_vendor v, w;
	struct pu_page *p;
	char uri[96], *body;
	long long id, theirs, events;

	vpt_vendor_new(&v, "verified", 1);
	vpt_vendor_new(&w, "verified", 1);
	id = vlt_listing_new(v.vendor_id, "Clay Pot", "active", "CLAY-1");
	theirs = vlt_listing_new(w.vendor_id, "Their Clay Pot", "active", NULL);

	snprintf(uri, sizeof uri, "/vendor/listings/%lld/edit", id);
	p = pu_get_as(&v.u, uri);
	pu_assert_status(p, 200);
	pu_assert_has(p, "value=\"Clay Pot\"");
	pu_assert_has(p, "value=\"15.00\"");
	pu_assert_has(p, "value=\"CLAY-1\"");
	pu_assert_has(p, "State: <strong>Live</strong>");
	pu_assert_has(p, "View in the shop");
	pu_assert_has(p, "Save changes</button>");
	pu_assert_lacks(p, "Save and publish");
	pu_assert_has(p, vlt_fmt("action=\"/vendor/listings/%lld/archive\"", id));
	pu_assert_has(p, vlt_fmt("href=\"/vendor/listings/%lld/stock\">Stock history</a>", id));
	pu_free(p);

	events = pu_product_events(id);
	body = vlt_body("Glazed Clay Pot", "compare_at", "20");
	p = pu_post_as(&v.u, uri, body);
	free(body);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "\xe2\x80\x9cGlazed Clay Pot\xe2\x80\x9d is saved.");
	pu_free(p);
	ck_assert_str_eq(vlt_column(id, "SELECT CONCAT(name, '|', slug, '|', price_minor, '|', compare_at_minor,"
				    " '|', status, '|', COALESCE(sku, '-')) FROM products WHERE id = ?"),
			 "Glazed Clay Pot|glazed-clay-pot|1250|2000|active|-");
	ck_assert_int_eq(pu_product_events(id), events + 1);

	/* bad input: the stored listing stays as it was */
	body = vlt_body("Glazed Clay Pot", "price", "free");
	p = pu_post_as(&v.u, uri, body);
	free(body);
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"price-error\"");
	pu_assert_has(p, "value=\"free\"");
	pu_free(p);
	ck_assert_str_eq(vlt_column(id, "SELECT price_minor FROM products WHERE id = ?"), "1250");

	/* another vendor's listing: 404 for the form, the save and a bad save */
	snprintf(uri, sizeof uri, "/vendor/listings/%lld/edit", theirs);
	pu_expect(404, pu_get_as(&v.u, uri));
	body = vlt_body("Stolen Pot", NULL, NULL);
	p = pu_post_as(&v.u, uri, body);
	free(body);
	pu_assert_status(p, 404);
	pu_free(p);
	body = vlt_body("Stolen Pot", "price", "x");
	p = pu_post_as(&v.u, uri, body);
	free(body);
	pu_assert_status(p, 404);
	pu_free(p);
	ck_assert_str_eq(vlt_column(theirs, "SELECT name FROM products WHERE id = ?"), "Their Clay Pot");
	pu_expect(404, pu_get_as(&v.u, "/vendor/listings/999999999999/edit"));
}
END_TEST

START_TEST(test_cannot_publish)
{
	struct vpt_vendor pending, unconfirmed, blocked;
	struct pu_page *p;
	char *body;

	/* a shop we are still verifying: drafts yes, publishing no, and why */
	vpt_vendor_new(&pending, "pending", 1);
	p = pu_get_as(&pending.u, "/vendor/listings/new");
	pu_assert_status(p, 200);
	pu_assert_has(p, "id=\"publish-refused\"");
	pu_assert_text(p, "We are still verifying your shop");
	pu_assert_text(p, "support@");
	pu_assert_lacks(p, "Save and publish");
	pu_free(p);
	body = vlt_body("Early Pot", "publish", "1");
	p = pu_post_as(&pending.u, "/vendor/listings/new", body);
	free(body);
	pu_assert_status(p, 303);
	pu_assert_flash(p, "is saved as a draft, not published. We are still verifying your shop");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM products WHERE vendor_id = ? AND status = 'draft'",
				  pending.vendor_id), 1);

	/* verified shop, email not confirmed */
	vpt_vendor_new(&unconfirmed, "verified", 0);
	p = pu_get_as(&unconfirmed.u, "/vendor/listings/new");
	pu_assert_status(p, 200);
	pu_assert_text(p, "Confirm your email address first");
	pu_free(p);

	/* a blocked shop changes nothing, and is told why and whom to write to */
	vpt_vendor_new(&blocked, "blocked", 1);
	p = pu_get_as(&blocked.u, "/vendor/listings/new");
	pu_assert_status(p, 403);
	pu_assert_text(p, "Your shop is blocked");
	pu_assert_text(p, "to appeal, write to");
	pu_free(p);
	body = vlt_body("Blocked Pot", NULL, NULL);
	p = pu_post_as(&blocked.u, "/vendor/listings/new", body);
	free(body);
	pu_assert_status(p, 403);
	pu_free(p);
	body = vlt_body("", NULL, NULL);
	p = pu_post_as(&blocked.u, "/vendor/listings/new", body);
	free(body);
	pu_assert_status(p, 403);
	pu_free(p);
	ck_assert_int_eq(count_listings(blocked.vendor_id), 0);
	p = pu_get_as(&blocked.u, "/vendor/listings");
	pu_assert_status(p, 200);
	pu_assert_text(p, "Your shop is blocked");
	pu_assert_lacks(p, "href=\"/vendor/listings/new\"");
	pu_free(p);
}
END_TEST

START_TEST(test_wrong_role)
{
	struct pu_user customer;
	struct pu_page *p;

	vpt_customer_new(&customer);
	pu_expect(404, pu_get_as(&customer, "/vendor/listings/new"));
	p = pu_get("/vendor/listings/new");
	ck_assert_msg(p->status == 303 || p->status == 302, "status %d", p->status);
	pu_free(p);
}
END_TEST

static Suite *
vp_listing_form_suite(void)
{
	Suite *s = suite_create("vp_listing_form");
	TCase *tc = pu_tcase_people(s, "listing_form");

	tcase_add_test(tc, test_new_form);
	tcase_add_test(tc, test_create_draft_and_publish);
	tcase_add_test(tc, test_review);
	tcase_add_test(tc, test_bad_input);
	tcase_add_test(tc, test_edit);
	tcase_add_test(tc, test_cannot_publish);
	tcase_add_test(tc, test_wrong_role);
	return s;
}

CHECK_MAIN(vp_listing_form_suite)
