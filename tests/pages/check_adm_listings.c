/*
 * Page tests for adm_listings.c: GET /admin/listings/review, GET
 * /admin/listings/{id}, POST /admin/listings/{id}/approve and /reject; and
 * POST /admin/vendors/{id}/listing-review (adm_vendors.c), the setting the
 * reviews come from.
 */
#define PU_PREFIX "adm-listings"
#include "adm_util.h"
#include "moderation.h"

/* A verified shop with one listing held for review (moderation_submit, as
 * publishing does). */
struct held {
	struct admt_vendor v;
	long long product_id;
	long long review_id;
};

struct submit_arg {
	long long product_id;
	const char *cause;
	long long review_id;
};

static int
submit_tx(void *arg)
{
	struct submit_arg *s = arg;
	struct moderation_verdict v = { 0 };
	struct arena a;

	arena_init(&a);
	v.cause = s->cause;
	s->review_id = moderation_submit(NULL, &a, s->product_id, &v, NULL);
	arena_free(&a);
	return s->review_id > 0 ? 0 : -1;
}

static long long
submit(long long product_id, const char *cause)
{
	struct submit_arg s = { product_id, cause, 0 };

	ck_assert_int_eq(db_tx(submit_tx, &s), 0);
	return s.review_id;
}

static void
held_new(struct held *h)
{
	admt_vendor_new(&h->v, "verified");
	h->product_id = pu_product_new(h->v.vendor_id);
	ck_assert_int_eq(db_exec("UPDATE products SET name = 'Moderated Lamp', description = 'A lamp.\nBrass.',"
				 " price_minor = 2500, status = 'draft' WHERE id = ?", "i", h->product_id), 1);
	h->review_id = submit(h->product_id, "The shop's listings are reviewed before they are published.");
}

static void
held_delete(struct held *h)
{
	pu_product_delete(h->product_id);
}

static struct pu_page *
listing_post(const struct admt_user *a, const struct held *h, const char *action, const char *fields)
{
	char uri[128], body[1200];
	long long revision = db_scalar(0, "SELECT revision FROM listing_reviews WHERE id = ?", "i", h->review_id);

	snprintf(uri, sizeof uri, "/admin/listings/%lld/%s", h->product_id, action);
	snprintf(body, sizeof body, "review=%lld&revision=%lld%s%s", h->review_id, revision, *fields ? "&" : "",
		 fields);
	return pu_post_as(&a->u, uri, body);
}

/* href="..." of the review page of product id (static buffer). */
static const char *
review_href(long long id)
{
	static char out[96];

	snprintf(out, sizeof out, "href=\"/admin/listings/%lld\"", id);
	return out;
}

static struct pu_page *
listing_get(const struct admt_user *a, const struct held *h)
{
	char uri[128];

	snprintf(uri, sizeof uri, "/admin/listings/%lld", h->product_id);
	return pu_get_as(&a->u, uri);
}

static const char *
product_status(long long id)
{
	static char status[32];
	char *row[1] = { NULL };

	ck_assert(pu_row1(row, 1, "SELECT status FROM products WHERE id = ?", "i", &id));
	snprintf(status, sizeof status, "%s", row[0]);
	pu_free_row(row, 1);
	return status;
}

START_TEST(test_admins_only)
{
	admt_assert_admins_only("/admin/listings/review", "/admin/login?next=%2Fadmin%2Flistings%2Freview");
	admt_assert_admins_only("/admin/listings/1", "/admin/login?next=%2Fadmin%2Flistings%2F1");
}
END_TEST

START_TEST(test_queue_and_approve)
{
	struct admt_user a;
	struct held h;
	struct pu_page *p;
	char href[128];
	char *row[1] = { NULL };

	admt_admin_new(&a, 1);
	held_new(&h);
	ck_assert_str_eq(product_status(h.product_id), "review");
	ck_assert_int_eq(pu_audits("listing.submit", "product", h.product_id), 1);

	/* in the queue: new, with why it is held */
	p = pu_get_as(&a.u, "/admin/listings/review");
	pu_assert_status(p, 200);
	snprintf(href, sizeof href, "href=\"/admin/listings/%lld\"", h.product_id);
	pu_assert_has(p, href);
	pu_assert_text(p, "Moderated Lamp");
	pu_assert_text(p, h.v.trading_name);
	pu_assert_text(p, "The shop's listings are reviewed before they are published.");
	pu_assert_has(p, "aria-current=\"page\">Listings to review</a>");
	pu_free(p);
	/* the review page: the fields and both forms */
	p = listing_get(&a, &h);
	pu_assert_status(p, 200);
	pu_assert_text(p, "A new listing: no version of it was approved before.");
	pu_assert_text(p, "€25.00");
	pu_assert_has(p, "Brass.<br>");
	pu_assert_has(p, "Approve listing</button>");
	pu_assert_has(p, "Reject listing</button>");
	pu_free(p);

	/* CSRF missing: nothing */
	{
		char uri[128];

		snprintf(uri, sizeof uri, "/admin/listings/%lld/approve", h.product_id);
		pu_expect(403, pu_post(uri, a.u.cookie, "review=1&revision=1"));
	}
	ck_assert_str_eq(product_status(h.product_id), "review");

	p = listing_post(&a, &h, "approve", "");
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/listings/review");
	pu_assert_flash(p, "Listing approved. It is live and the vendor has been told by email.");
	pu_free(p);
	ck_assert_str_eq(product_status(h.product_id), "active");
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM listing_reviews WHERE id = ? AND status = 'approved'"
				  " AND decided_by IS NOT NULL AND decided_at IS NOT NULL", h.review_id), 1);
	ck_assert_int_eq(pu_audits("listing.approve", "product", h.product_id), 1);
	ck_assert(pu_row1(row, 1, "SELECT body FROM mail_outbox WHERE to_addr = ? AND template = 'listing_approved'",
			  "s", h.v.owner.u.email));
	ck_assert_ptr_nonnull(strstr(row[0], "Moderated Lamp"));
	pu_free_row(row, 1);
	/* its change is an event for whoever reads them: held, then approved */
	ck_assert_int_eq(pu_product_events(h.product_id), 2);

	/* a second click: decided already, nothing more */
	p = listing_post(&a, &h, "approve", "");
	pu_assert_status(p, 409);
	pu_assert_text(p, "This listing was approved a moment ago, by another admin or an earlier click.");
	pu_free(p);
	ck_assert_int_eq(pu_audits("listing.approve", "product", h.product_id), 1);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ? AND template = 'listing_approved'",
				    h.v.owner.u.email), 1);
	held_delete(&h);
}
END_TEST

START_TEST(test_changes_and_reject)
{
	struct admt_user a;
	struct held h;
	struct pu_page *p;
	char *row[1] = { NULL };

	admt_admin_new(&a, 1);
	held_new(&h);
	p = listing_post(&a, &h, "approve", "");
	ck_assert_int_eq(p->status, 303);
	pu_free(p);
	/* edited while live and held again: the queue shows what changed */
	ck_assert_int_eq(db_exec("UPDATE products SET name = 'Moderated Fake Lamp', price_minor = 1999 WHERE id = ?",
				 "i", h.product_id), 1);
	h.review_id = submit(h.product_id, "It contains a word that needs a review: \xe2\x80\x9c" "fake\xe2\x80\x9d.");
	p = pu_get_as(&a.u, "/admin/listings/review");
	pu_assert_status(p, 200);
	pu_assert_has(p, "<strong>Name:</strong> Moderated Lamp → Moderated Fake Lamp");
	pu_assert_has(p, "<strong>Price:</strong> €25.00 → €19.99");
	pu_assert_lacks(p, "<strong>Category:</strong>");
	pu_free(p);
	p = listing_get(&a, &h);
	pu_assert_status(p, 200);
	pu_assert_has(p, "Name <span class=\"status-badge status-pending\">Changed</span>");
	pu_assert_lacks(p, "Description <span class=\"status-badge");
	pu_assert_text(p, "Earlier reviews");
	pu_free(p);

	/* the vendor edits again while it waits: a page of the older revision cannot decide */
	{
		char uri[128], body[200];

		snprintf(uri, sizeof uri, "/admin/listings/%lld/approve", h.product_id);
		ck_assert_int_eq(submit(h.product_id, "again"), h.review_id);
		snprintf(body, sizeof body, "review=%lld&revision=1", h.review_id);
		p = pu_post_as(&a.u, uri, body);
		pu_assert_status(p, 409);
		pu_assert_text(p, "The vendor changed the listing after this page was opened");
		pu_free(p);
		ck_assert_str_eq(product_status(h.product_id), "review");
	}

	/* a reason is required */
	p = listing_post(&a, &h, "reject", "reason=");
	pu_assert_status(p, 422);
	pu_assert_has(p, "<a href=\"#reason\">Write the reason for the vendor, at least 10 characters");
	pu_free(p);
	p = listing_post(&a, &h, "reject", "reason=Too+short");
	pu_assert_status(p, 422);
	pu_assert_has(p, ">Too short</textarea>");
	pu_free(p);
	ck_assert_str_eq(product_status(h.product_id), "review");
	ck_assert_int_eq(pu_audits("listing.reject", "product", h.product_id), 0);

	p = listing_post(&a, &h, "reject", "reason=Counterfeit+goods+are+not+allowed%3A+remove+%22fake%22.");
	ck_assert_int_eq(p->status, 303);
	pu_assert_flash(p, "Listing rejected. The vendor has been sent the reason by email.");
	pu_free(p);
	ck_assert_str_eq(product_status(h.product_id), "draft");
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM listing_reviews WHERE id = ? AND status = 'rejected'"
				  " AND reason = 'Counterfeit goods are not allowed: remove \"fake\".'", h.review_id), 1);
	ck_assert_int_eq(pu_audits("listing.reject", "product", h.product_id), 1);
	ck_assert(pu_row1(row, 1, "SELECT body FROM mail_outbox WHERE to_addr = ? AND template = 'listing_rejected'",
			  "s", h.v.owner.u.email));
	ck_assert_ptr_nonnull(strstr(row[0], "Counterfeit goods are not allowed"));
	ck_assert_ptr_nonnull(strstr(row[0], "/vendor/listings/"));
	pu_free_row(row, 1);
	/* approve after the rejection: refused, says what happened */
	p = listing_post(&a, &h, "approve", "");
	pu_assert_status(p, 409);
	pu_assert_text(p, "This listing was rejected a moment ago");
	pu_free(p);
	ck_assert_str_eq(product_status(h.product_id), "draft");
	p = listing_get(&a, &h);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Reason: Counterfeit goods are not allowed");
	pu_assert_lacks(p, "Approve listing</button>");
	pu_free(p);
	held_delete(&h);
}
END_TEST

START_TEST(test_bad_input)
{
	struct admt_user a;
	struct held h;
	struct pu_page *p;

	admt_admin_new(&a, 1);
	held_new(&h);
	/* a listing never reviewed, or no such listing */
	pu_expect(404, pu_get_as(&a.u, "/admin/listings/999999999999"));
	pu_expect(404, pu_post_as(&a.u, "/admin/listings/999999999999/approve", "review=1&revision=1"));
	/* the review must be the listing's */
	{
		char uri[128];

		snprintf(uri, sizeof uri, "/admin/listings/%lld/approve", h.product_id);
		pu_expect(404, pu_post_as(&a.u, uri, "review=999999999999&revision=1"));
		pu_expect(400, pu_post_as(&a.u, uri, "review=abc&revision=1"));
		pu_expect(400, pu_post_as(&a.u, uri, ""));
	}
	pu_expect(400, pu_get_as(&a.u, "/admin/listings/review?page=0"));
	pu_expect(404, pu_get_as(&a.u, "/admin/listings/review?page=9999"));
	ck_assert_str_eq(product_status(h.product_id), "review");
	/* archived by the vendor meanwhile: out of the queue, no decision */
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'archived' WHERE id = ?", "i", h.product_id), 1);
	p = pu_get_as(&a.u, "/admin/listings/review");
	pu_assert_status(p, 200);
	pu_assert_lacks(p, review_href(h.product_id));
	pu_free(p);
	p = listing_post(&a, &h, "approve", "");
	pu_assert_status(p, 409);
	pu_assert_text(p, "The vendor took this listing out of review");
	pu_free(p);
	ck_assert_str_eq(product_status(h.product_id), "archived");
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM listing_reviews WHERE id = ? AND status = 'pending'", h.review_id), 1);
	held_delete(&h);
}
END_TEST

START_TEST(test_vendor_setting)
{
	struct admt_user a;
	struct admt_vendor v;
	struct pu_page *p;
	char uri[128];

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "verified");
	snprintf(uri, sizeof uri, "/admin/vendors/%lld", v.vendor_id);
	p = pu_get_as(&a.u, uri);
	pu_assert_status(p, 200);
	pu_assert_has(p, "The shop's listings are shown as soon as they are published");
	pu_assert_has(p, "id=\"mode-off\" name=\"mode\" value=\"off\" checked");
	pu_free(p);
	snprintf(uri, sizeof uri, "/admin/vendors/%lld/listing-review", v.vendor_id);
	/* bad input: shown again, nothing changed */
	p = pu_post_as(&a.u, uri, "mode=first&first=");
	pu_assert_status(p, 422);
	pu_assert_has(p, "<a href=\"#first\">Give how many of the shop&#39;s first listings to review, from 1 to 1,000.</a>");
	pu_free(p);
	p = pu_post_as(&a.u, uri, "mode=sometimes&first=2");
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"mode-error\"");
	pu_free(p);
	p = pu_post_as(&a.u, uri, "mode=first&first=5000");
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"first-error\"");
	pu_assert_has(p, "value=\"5000\"");
	pu_free(p);
	pu_expect(403, pu_post(uri, a.u.cookie, "mode=all"));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE id = ? AND listing_review = 'off'", v.vendor_id), 1);
	/* first 2, then all */
	p = pu_post_as(&a.u, uri, "mode=first&first=2");
	ck_assert_int_eq(p->status, 303);
	pu_assert_flash(p, "Saved: the shop's first 2 listings wait for review before they are shown.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE id = ? AND listing_review = 'first'"
				  " AND listing_review_first = 2", v.vendor_id), 1);
	ck_assert_int_eq(pu_audits("vendor.listing_review", "vendor", v.vendor_id), 1);
	pu_expect(303, pu_post_as(&a.u, uri, "mode=all&first=2"));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM vendors WHERE id = ? AND listing_review = 'all'"
				  " AND listing_review_first = 0", v.vendor_id), 1);
	snprintf(uri, sizeof uri, "/admin/vendors/%lld", v.vendor_id);
	p = pu_get_as(&a.u, uri);
	pu_assert_has(p, "Every listing of the shop, and every edit of a live one, waits for review");
	pu_free(p);
	pu_expect(404, pu_post_as(&a.u, "/admin/vendors/999999999999/listing-review", "mode=all"));
}
END_TEST

static Suite *
adm_listings_suite(void)
{
	Suite *s = suite_create("adm_listings");
	TCase *tc = admt_tcase_people(s, "listings");

	tcase_add_test(tc, test_admins_only);
	tcase_add_test(tc, test_queue_and_approve);
	tcase_add_test(tc, test_changes_and_reject);
	tcase_add_test(tc, test_bad_input);
	tcase_add_test(tc, test_vendor_setting);
	return s;
}

CHECK_MAIN(adm_listings_suite)
