/*
 * Tests for cgi/lib/review.c and cgi/lib/report.c against the test stack's
 * MariaDB: who may review (not bought, not delivered, someone else's item,
 * a second review), the product's and the shop's averages after a review,
 * an edit, a hide and a keep, a banned word holding a review, the shop's one
 * answer, and helpful votes counted once per account, also when one account
 * sends its vote from several processes at once.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"
#include "cache.h"
#include "db.h"
#include "report.h"
#include "review.h"
#include "tmpl.h"
#include "order_fixture.h"
#include "race_util.h"

static struct order_fixture fx;
static struct arena arena;

static void
live_setup(void)
{
	CHECK_DB_CONNECT("check_review");
	ck_assert_msg(tmpl_init("templates", 0) == 0, "cannot load templates/ (run from the repository root)");
	cache_init();
	arena_init(&arena);
	order_fixture_setup(&fx, "check-review");
}

static void
live_teardown(void)
{
	arena_free(&arena);
	cache_close();
	db_close();
}

/* A delivered order of one mug: its item id. */
static long long
delivered_item(void)
{
	static const long long qty[2] = { 1, 0 };
	struct fixture_order o;

	order_fixture_order(&fx, &o, "delivered", qty, 0, 0, 3600);
	return o.item_id[0];
}

static int
post(long long user, long long item, int rating, const char *title, long long *id, int *held)
{
	struct review_new n = { user, item, 0, rating, title, "It does what it says.", NULL, 0, NULL };
	const char *why = NULL;
	size_t photo = 0;

	return review_create(NULL, &arena, &n, id, held, &why, &photo);
}

/* The product's rating as "avg/count", e.g. "4.00/2" ("-/0" when none). */
static const char *
rating_of(const char *table, long long id)
{
	static char s[32];
	struct db_result *r = db_query(strcmp(table, "vendors") == 0
				       ? "SELECT rating_avg, rating_count FROM vendors WHERE id = ?"
				       : "SELECT rating_avg, rating_count FROM products WHERE id = ?", "i", id);

	s[0] = '\0';
	if (r && db_next(r))
		snprintf(s, sizeof s, "%s/%s", db_str(r, 0) ? db_str(r, 0) : "-", db_str(r, 1));
	db_free(r);
	return s;
}

START_TEST(test_display_name)
{
	struct arena a;

	arena_init(&a);
	ck_assert_str_eq(review_display_name(&a, "Tess Tester"), "Tess T.");
	ck_assert_str_eq(review_display_name(&a, "Anna Maria van Öster"), "Anna \xc3\x96.");
	ck_assert_str_eq(review_display_name(&a, "Prince"), "Prince");
	ck_assert_str_eq(review_display_name(&a, ""), "A customer");
	ck_assert_str_eq(review_display_name(&a, NULL), "A customer");
	arena_free(&a);
}
END_TEST

START_TEST(test_who_may_review)
{
	static const long long qty[2] = { 1, 1 };
	struct fixture_order shipped;
	struct review_item it;
	long long item = delivered_item(), id;
	int held;

	order_fixture_order(&fx, &shipped, "shipped", qty, 0, 0, 0);
	/* not bought at all, someone else's item, not delivered yet */
	ck_assert_int_eq(review_item_for_product(&arena, fx.other_user_id, fx.product_id[0], &it), REVIEW_NOT_BOUGHT);
	ck_assert_int_eq(post(fx.other_user_id, item, 5, "Mine now", &id, &held), REVIEW_NOT_BOUGHT);
	ck_assert_int_eq(post(fx.user_id, shipped.item_id[1], 5, "Early", &id, &held), REVIEW_NOT_DELIVERED);
	ck_assert_int_eq(review_item_for_product(&arena, fx.user_id, fx.product_id[1], &it), REVIEW_NOT_DELIVERED);
	/* the item of another product than the one named */
	ck_assert_int_eq(review_item_check(&arena, fx.user_id, item, fx.product_id[1], &it), REVIEW_NOT_BOUGHT);
	ck_assert_int_eq(review_item_for_product(&arena, fx.user_id, fx.product_id[0], &it), REVIEW_OK);
	ck_assert_int_eq(post(fx.user_id, item, 4, "Good mug", &id, &held), REVIEW_OK);
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(held, 0);
	/* a second review of the same item */
	ck_assert_int_eq(post(fx.user_id, item, 1, "Again", &id, &held), REVIEW_ALREADY);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM reviews WHERE order_item_id = ?", "i", item), 1);
}
END_TEST

START_TEST(test_averages)
{
	long long a, b, c;
	int held;

	ck_assert_str_eq(rating_of("products", fx.product_id[0]), "-/0");
	ck_assert_int_eq(post(fx.user_id, delivered_item(), 5, "Great", &a, &held), REVIEW_OK);
	ck_assert_int_eq(post(fx.user_id, delivered_item(), 2, "Meh", &b, &held), REVIEW_OK);
	ck_assert_int_eq(post(fx.user_id, delivered_item(), 4, "Fine", &c, &held), REVIEW_OK);
	ck_assert_str_eq(rating_of("products", fx.product_id[0]), "3.67/3");
	ck_assert_str_eq(rating_of("vendors", fx.vendor_id), "3.67/3");
	/* an edit: marked, and counted at its new rating */
	ck_assert_int_eq(review_edit(NULL, &arena, b, fx.user_id, 3, "Better", "Grew on me.", &held), REVIEW_OK);
	ck_assert_str_eq(rating_of("products", fx.product_id[0]), "4.00/3");
	ck_assert_int_eq(db_scalar(-1, "SELECT edited_at IS NOT NULL FROM reviews WHERE id = ?", "i", b), 1);
	ck_assert_int_eq(review_edit(NULL, &arena, b, fx.other_user_id, 1, "Not mine", "x", &held), REVIEW_NOT_FOUND);
	/* a hide takes it out of the average and tells its author */
	ck_assert_int_eq(report_add(REPORT_REVIEW, a, fx.other_user_id, "Spam"), 1);
	ck_assert_int_eq(report_add(REPORT_REVIEW, a, fx.other_user_id, "Spam again"), 0);
	ck_assert_int_eq(report_decide(NULL, REPORT_REVIEW, a, 1, "Not about the product."), 0);
	ck_assert_str_eq(rating_of("products", fx.product_id[0]), "3.50/2");
	ck_assert_str_eq(rating_of("vendors", fx.vendor_id), "3.50/2");
	ck_assert_int_eq(report_decide(NULL, REPORT_REVIEW, a, 0, NULL), REPORT_NOT_FOUND);
	ck_assert_int_eq(review_edit(NULL, &arena, a, fx.user_id, 5, "Back", "Please", &held), REVIEW_TOO_LATE);
	/* the edit window */
	ck_assert_int_eq(db_exec("UPDATE reviews SET created_at = created_at - INTERVAL 31 DAY WHERE id = ?", "i", c), 1);
	ck_assert_int_eq(review_edit(NULL, &arena, c, fx.user_id, 1, "Late", "Too late", &held), REVIEW_TOO_LATE);
	ck_assert_int_eq(db_scalar(-1, "SELECT status = 'hidden' FROM reviews WHERE id = ?", "i", a), 1);
}
END_TEST

START_TEST(test_banned_word_holds)
{
	char word[64];
	long long id, other;
	int held;

	snprintf(word, sizeof word, "zqxfake%ld", (long)getpid());
	ck_assert_int_eq(db_exec("INSERT INTO prohibited_words (word, folded) VALUES (?, ?)", "ss", word, word), 1);
	ck_assert_int_eq(post(fx.user_id, delivered_item(), 1, word, &id, &held), REVIEW_OK);
	ck_assert_int_eq(held, 1);
	ck_assert_str_eq(rating_of("products", fx.product_id[0]), "-/0");
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM content_reports WHERE kind = 'review' AND object_id = ?"
				   " AND status = 'open' AND reporter_id IS NULL", "i", id), 1);
	/* a published review edited to say it goes back to the queue */
	ck_assert_int_eq(post(fx.user_id, delivered_item(), 5, "Lovely", &other, &held), REVIEW_OK);
	ck_assert_int_eq(held, 0);
	ck_assert_str_eq(rating_of("products", fx.product_id[0]), "5.00/1");
	ck_assert_int_eq(review_edit(NULL, &arena, other, fx.user_id, 5, "Lovely", word, &held), REVIEW_OK);
	ck_assert_int_eq(held, 1);
	ck_assert_str_eq(rating_of("products", fx.product_id[0]), "-/0");
	/* kept: published and counted */
	ck_assert_int_eq(report_decide(NULL, REPORT_REVIEW, id, 0, NULL), 0);
	ck_assert_str_eq(rating_of("products", fx.product_id[0]), "1.00/1");
	ck_assert_int_eq(db_exec("DELETE FROM prohibited_words WHERE folded = ?", "s", word), 1);
}
END_TEST

START_TEST(test_reply_once)
{
	long long id;
	int held;

	ck_assert_int_eq(post(fx.user_id, delivered_item(), 3, "Chipped", &id, &held), REVIEW_OK);
	ck_assert_int_eq(review_reply(id, fx.other_vendor_id, 0, "Not ours"), REVIEW_NOT_FOUND);
	ck_assert_int_eq(review_reply(id, fx.vendor_id, 0, "Sorry, a new one is on its way."), REVIEW_OK);
	ck_assert_int_eq(review_reply(id, fx.vendor_id, 0, "And another"), REVIEW_ANSWERED);
	ck_assert_int_eq(db_scalar(-1, "SELECT reply = 'Sorry, a new one is on its way.' FROM reviews WHERE id = ?",
				   "i", id), 1);
}
END_TEST

/* A racer of test_votes_once: the other customer votes for review *arg;
 * 0 counted, 1 counted before. */
static int
vote_racer(int i, void *arg)
{
	int rc = review_vote(*(long long *)arg, fx.other_user_id);

	(void)i;
	return rc == REVIEW_OK ? 0 : rc == REVIEW_ALREADY ? 1 : RACE_BROKEN;
}

START_TEST(test_votes_once)
{
	long long id;
	int held, votes[4];

	ck_assert_int_eq(post(fx.user_id, delivered_item(), 5, "Useful", &id, &held), REVIEW_OK);
	ck_assert_int_eq(review_vote(id, fx.user_id), REVIEW_OWN);
	ck_assert_int_eq(review_vote(id + 1000000, fx.other_user_id), REVIEW_NOT_FOUND);
	ck_assert_int_eq(race_run(4, vote_racer, &id, votes), 3);
	ck_assert_int_eq(race_count(votes, 4, 0), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT helpful_count FROM reviews WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(review_vote(id, fx.other_user_id), REVIEW_ALREADY);
}
END_TEST

static Suite *
review_suite(void)
{
	Suite *s = suite_create("review");
	TCase *pure = tcase_create("pure");
	TCase *live = tcase_create("live");

	tcase_add_test(pure, test_display_name);
	suite_add_tcase(s, pure);
	tcase_add_checked_fixture(live, live_setup, live_teardown);
	tcase_set_timeout(live, 60);
	tcase_add_test(live, test_who_may_review);
	tcase_add_test(live, test_averages);
	tcase_add_test(live, test_banned_word_holds);
	tcase_add_test(live, test_reply_once);
	tcase_add_test(live, test_votes_once);
	suite_add_tcase(s, live);
	return s;
}

CHECK_MAIN(review_suite)
