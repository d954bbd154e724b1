/*
 * Page tests for vp_reviews.c: the shop's reviews, unanswered first, the
 * one public answer (a second is refused, an empty one is a 400), and
 * another shop's review is 404.
 */
#define PU_PREFIX "vp-reviews"
#include "vp_util.h"
#include "review.h"
#include "order_fixture.h"

static struct order_fixture fx;

START_TEST(test_reviews_answered_once)
{
	static const long long qty[2] = { 1, 0 };
	struct fixture_order o;
	struct review_new n;
	struct pu_user me, other;
	struct pu_page *p;
	struct arena a;
	const char *why;
	char uri[96];
	long long id;
	size_t photo;
	int held;

	order_fixture_setup(&fx, "vp-reviews");
	vpt_shop_owner(&me, fx.vendor_id);
	vpt_shop_owner(&other, fx.other_vendor_id);
	order_fixture_order(&fx, &o, "delivered", qty, 0, 1, 3600);
	arena_init(&a);
	n = (struct review_new){ fx.user_id, o.item_id[0], 0, 2, "Chipped <b>rim</b>", "Arrived chipped.", NULL, 0,
				 "/vendor/reviews" };
	ck_assert_int_eq(review_create(NULL, &a, &n, &id, &held, &why, &photo), REVIEW_OK);
	arena_free(&a);
	/* the owner heard of it */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND kind = 'review'", me.id), 1);

	p = pu_get_as(&me, "/vendor/reviews");
	pu_assert_status(p, 200);
	pu_assert_layout(p);
	pu_assert_text(p, "Chipped <b>rim</b>");
	pu_assert_lacks(p, "<b>rim</b>");
	pu_assert_has(p, "aria-current=\"page\">Reviews</a>");
	pu_assert_text(p, "Publish the answer");
	pu_free(p);
	p = pu_get_as(&other, "/vendor/reviews");
	pu_assert_status(p, 200);
	pu_assert_lacks(p, "Chipped");
	pu_free(p);

	snprintf(uri, sizeof uri, "/vendor/reviews/%lld/reply", id);
	pu_expect(404, pu_post_as(&other, uri, "reply=Not+ours"));
	pu_expect(400, pu_post_as(&me, uri, "reply="));
	pu_expect(303, pu_post_as(&me, uri, "reply=Sorry%2C+a+new+one+is+on+its+way."));
	pu_expect(303, pu_post_as(&me, uri, "reply=Again"));
	ck_assert(pu_raw_contains("SELECT reply FROM reviews WHERE id = ?", id, "a new one is on its way"));
	p = pu_get_as(&me, "/vendor/reviews");
	pu_assert_text(p, "Your answer");
	pu_assert_lacks(p, "Publish the answer");
	pu_free(p);
	/* the author was told */
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND kind = 'review'", fx.user_id), 1);
}
END_TEST

static Suite *
vp_reviews_suite(void)
{
	Suite *s = suite_create("vp_reviews");
	TCase *tc = pu_tcase(s, "reviews");

	tcase_add_test(tc, test_reviews_answered_once);
	return s;
}

CHECK_MAIN(vp_reviews_suite)
