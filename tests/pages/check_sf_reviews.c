/*
 * Page tests for sf_reviews.c: the review form of a delivered item and the
 * only-buyers answer for everyone else (another customer, a visitor without
 * a session, a second review), posting and the reviews page (verified
 * purchase, the display name, never the email), the author's edit, a helpful
 * vote and a report by another customer; another's review cannot be edited.
 */
#define PU_PREFIX "sf-reviews"
#include "page_util.h"
#include "review.h"
#include "order_fixture.h"

static struct order_fixture fx;

START_TEST(test_page_review_flow)
{
	static const long long qty[2] = { 1, 0 };
	struct fixture_order delivered;
	struct pu_user me, other;
	struct pu_page *p;
	char uri[96], body[200];
	long long id;

	order_fixture_setup(&fx, "sf-reviews");
	order_fixture_order(&fx, &delivered, "delivered", qty, 0, 1, 3600);
	pu_login_id(&me, fx.user_id);
	pu_login_id(&other, fx.other_user_id);

	/* the form for the buyer; the answer for anyone else */
	snprintf(uri, sizeof uri, "/p/%lld/review", fx.product_id[0]);
	p = pu_get_as(&me, uri);
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_has(p, "name=\"rating\"");
	pu_assert_has(p, "enctype=\"multipart/form-data\"");
	pu_free(p);
	p = pu_get_as(&other, uri);
	pu_assert_status(p, 403);
	pu_assert_text(p, REVIEW_ONLY_BUYERS);
	pu_assert_lacks(p, "name=\"rating\"");
	pu_free(p);
	p = pu_get(uri);
	pu_assert_status(p, 403);
	pu_assert_text(p, REVIEW_ONLY_BUYERS);
	pu_free(p);

	/* someone else's item, a missing title, then the review */
	snprintf(body, sizeof body, "item=%lld&rating=4&title=Nice+mug&body=Holds+tea.", delivered.item_id[0]);
	pu_expect(403, pu_post_as(&other, uri, body));
	snprintf(body, sizeof body, "item=%lld&rating=4&title=&body=Holds+tea.", delivered.item_id[0]);
	p = pu_post_as(&me, uri, body);
	pu_assert_status(p, 422);
	pu_assert_text(p, "Give your review a title.");
	pu_free(p);
	snprintf(body, sizeof body, "item=%lld&rating=4&title=Nice+mug&body=Holds+tea.", delivered.item_id[0]);
	pu_expect(303, pu_post_as(&me, uri, body));
	id = db_scalar(0, "SELECT id FROM reviews WHERE order_item_id = ?", "i", delivered.item_id[0]);
	ck_assert_int_gt(id, 0);
	pu_expect(403, pu_post_as(&me, uri, body));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM reviews WHERE order_item_id = ?", delivered.item_id[0]), 1);

	/* the reviews page: verified, the display name, no email */
	snprintf(uri, sizeof uri, "/p/%lld/reviews?sort=helpful", fx.product_id[0]);
	p = pu_get_as(&other, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Nice mug");
	pu_assert_text(p, "Verified purchase");
	pu_assert_text(p, "Fixture B.");
	pu_assert_text(p, "4 out of 5");
	pu_assert_lacks(p, "@example.com");
	pu_assert_has(p, "/helpful\"");
	pu_free(p);

	/* a vote and a report by another customer */
	snprintf(uri, sizeof uri, "/reviews/%lld/helpful", id);
	pu_expect(303, pu_post_as(&other, uri, ""));
	ck_assert_int_eq(pu_count("SELECT helpful_count FROM reviews WHERE id = ?", id), 1);
	snprintf(uri, sizeof uri, "/reviews/%lld/report", id);
	pu_expect(303, pu_post_as(&other, uri, "reason=Off+topic"));
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM content_reports WHERE kind = 'review' AND object_id = ?", id), 1);

	/* the author's edit; another's is 404 */
	snprintf(uri, sizeof uri, "/reviews/%lld/edit", id);
	pu_expect(404, pu_get_as(&other, uri));
	p = pu_get_as(&me, uri);
	pu_assert_status(p, 200);
	pu_assert_has(p, "value=\"Nice mug\"");
	pu_free(p);
	pu_expect(303, pu_post_as(&me, uri, "rating=2&title=Chipped&body=It+chipped."));
	ck_assert_int_eq(pu_count("SELECT rating FROM reviews WHERE id = ?", id), 2);
	ck_assert_int_eq(pu_count("SELECT rating_count FROM products WHERE id = ?", fx.product_id[0]), 1);
	pu_expect(422, pu_post_as(&me, uri, "rating=9&title=x&body=x"));
}
END_TEST

static Suite *
sf_reviews_suite(void)
{
	Suite *s = suite_create("sf_reviews");
	TCase *tc = pu_tcase(s, "reviews");

	tcase_add_test(tc, test_page_review_flow);
	return s;
}

CHECK_MAIN(sf_reviews_suite)
