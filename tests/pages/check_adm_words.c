/*
 * Page tests for adm_words.c: GET and POST /admin/prohibited-words,
 * GET and POST /admin/prohibited-words/{id}/delete.
 */
#define PU_PREFIX "adm-words"
#include "adm_util.h"

/* The words of these tests all begin so; the clean-up removes them. */
#define WORD_PREFIX "admwordtest"

static void
words_cleanup(void)
{
	pu_parent_begin();
	if (db_exec("DELETE FROM prohibited_words WHERE folded LIKE '" WORD_PREFIX "%'", "") < 0)
		fprintf(stderr, "page test: clean-up failed: %s (prohibited words)\n", db_error());
	pu_parent_end();
	admt_people_cleanup();
}

static long long
word_id(const char *folded)
{
	return db_scalar(0, "SELECT id FROM prohibited_words WHERE folded = ?", "s", folded);
}

START_TEST(test_admins_only)
{
	admt_assert_admins_only("/admin/prohibited-words", "/admin/login?next=%2Fadmin%2Fprohibited-words");
}
END_TEST

START_TEST(test_add_list_delete)
{
	struct admt_user a;
	struct pu_page *p;
	char uri[128];
	long long id;

	admt_admin_new(&a, 1);
	p = pu_get_as(&a.u, "/admin/prohibited-words");
	pu_assert_status(p, 200);
	pu_assert_has(p, "<label for=\"word\">Word or phrase</label>");
	pu_assert_has(p, "aria-current=\"page\">Prohibited words</a>");
	pu_free(p);

	/* a phrase, tidied; stored as typed, matched folded */
	p = pu_post_as(&a.u, "/admin/prohibited-words", "word=++AdmWordTest++Fake++Watch+");
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/prohibited-words");
	pu_assert_flash(p, "Added \xe2\x80\x9c" "AdmWordTest Fake Watch\xe2\x80\x9d.");
	pu_free(p);
	id = word_id(WORD_PREFIX " fake watch");
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM prohibited_words WHERE id = ? AND word = 'AdmWordTest Fake Watch'"
				  " AND added_by IS NOT NULL", id), 1);
	ck_assert_int_eq(pu_audits("moderation.word_add", "prohibited_word", id), 1);
	p = pu_get_as(&a.u, "/admin/prohibited-words");
	pu_assert_status(p, 200);
	pu_assert_text(p, "AdmWordTest Fake Watch");
	pu_assert_text(p, a.u.email);
	snprintf(uri, sizeof uri, "href=\"/admin/prohibited-words/%lld/delete\"", id);
	pu_assert_has(p, uri);
	pu_free(p);

	/* the same in another case is refused next to the field, input kept */
	p = pu_post_as(&a.u, "/admin/prohibited-words", "word=admwordtest+FAKE+watch");
	pu_assert_status(p, 422);
	pu_assert_has(p, "<a href=\"#word\">This word is on the list already.</a>");
	pu_assert_has(p, "value=\"admwordtest FAKE watch\"");
	pu_free(p);
	ck_assert_int_eq(pu_count_s("SELECT COUNT(*) FROM prohibited_words WHERE folded = ?", WORD_PREFIX " fake watch"), 1);

	/* delete: asked first, the box required, then gone and audited */
	snprintf(uri, sizeof uri, "/admin/prohibited-words/%lld/delete", id);
	p = pu_get_as(&a.u, uri);
	pu_assert_status(p, 200);
	pu_assert_text(p, "Delete \xe2\x80\x9c" "AdmWordTest Fake Watch\xe2\x80\x9d");
	pu_assert_has(p, "name=\"confirm\" value=\"yes\" required");
	pu_free(p);
	p = pu_post_as(&a.u, uri, "");
	pu_assert_status(p, 422);
	pu_assert_has(p, "<a href=\"#confirm\">Tick the box to confirm that the word goes.</a>");
	pu_free(p);
	pu_expect(403, pu_post(uri, a.u.cookie, "confirm=yes"));
	ck_assert_int_eq(word_id(WORD_PREFIX " fake watch"), id);
	p = pu_post_as(&a.u, uri, "confirm=yes");
	ck_assert_int_eq(p->status, 303);
	pu_assert_flash(p, "Deleted \xe2\x80\x9c" "AdmWordTest Fake Watch\xe2\x80\x9d from the prohibited words.");
	pu_free(p);
	ck_assert_int_eq(word_id(WORD_PREFIX " fake watch"), 0);
	ck_assert_int_eq(pu_audits("moderation.word_delete", "prohibited_word", id), 1);
	/* a second click finds nothing */
	pu_expect(404, pu_post_as(&a.u, uri, "confirm=yes"));
	pu_expect(404, pu_get_as(&a.u, uri));
}
END_TEST

/* A product of vendor_id named name in status. */
static long long
product_named(long long vendor_id, const char *name, const char *status)
{
	long long category = db_scalar(-1, "SELECT MIN(id) FROM categories WHERE parent_id IS NOT NULL", "");

	ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, name, slug,"
				 " description, price_minor, stock, status) VALUES (?, ?, ?, ?, 'adm-words-test',"
				 " 'A test listing.', 1000, 5, ?)", "iiiss", vendor_id, category,
				 catalog_top_category(category), name, status), 1);
	return (long long)db_insert_id();
}

/* A new word sends the live listings that contain it, whole, to review at
 * once; drafts and listings holding it only inside a longer word stay. */
START_TEST(test_add_holds_live_listings)
{
	struct admt_user a;
	struct admt_vendor v;
	struct pu_page *p;
	long long held, inside, draft, before;

	admt_admin_new(&a, 1);
	admt_vendor_new(&v, "verified");
	held = product_named(v.vendor_id, "Lamp with AdmWordTest  ZQX inside", "active");
	inside = product_named(v.vendor_id, "Lamp admwordtestzqx", "active");
	draft = product_named(v.vendor_id, "Draft admwordtest zqx", "draft");
	before = pu_product_events(held);

	p = pu_post_as(&a.u, "/admin/prohibited-words", "word=AdmWordTest+Zqx");
	ck_assert_int_eq(p->status, 303);
	pu_assert_flash(p, "Added \xe2\x80\x9c" "AdmWordTest Zqx\xe2\x80\x9d. 1 live listing that contains it is "
			"waiting for review now.");
	pu_free(p);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM products WHERE id = ? AND status = 'review'", held), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM listing_reviews WHERE product_id = ? AND status = 'pending'"
				  " AND cause LIKE '%AdmWordTest Zqx%'", held), 1);
	ck_assert_int_gt(pu_product_events(held), before);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM products WHERE id = ? AND status = 'active'", inside), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM products WHERE id = ? AND status = 'draft'", draft), 1);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM listing_reviews WHERE product_id = ?", inside), 0);

	/* a word no live listing holds says so */
	p = pu_post_as(&a.u, "/admin/prohibited-words", "word=AdmWordTest+Nowhere+Qqj");
	ck_assert_int_eq(p->status, 303);
	pu_assert_flash(p, "Added \xe2\x80\x9c" "AdmWordTest Nowhere Qqj\xe2\x80\x9d. No live listing contains it.");
	pu_free(p);
}
END_TEST

START_TEST(test_add_bad_input)
{
	struct admt_user a, c;
	struct pu_page *p;
	char body[400];
	long long before = db_scalar(-1, "SELECT COUNT(*) FROM prohibited_words", "");

	admt_admin_new(&a, 1);
	p = pu_post_as(&a.u, "/admin/prohibited-words", "word=");
	pu_assert_status(p, 422);
	pu_assert_has(p, "<a href=\"#word\">Write the word or phrase, with at least one letter or digit.</a>");
	pu_free(p);
	/* punctuation alone leaves nothing to match */
	p = pu_post_as(&a.u, "/admin/prohibited-words", "word=%21%21+...");
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"word-error\"");
	pu_assert_has(p, "value=\"!! ...\"");
	pu_free(p);
	snprintf(body, sizeof body, "word=" WORD_PREFIX "%0100d", 1);
	p = pu_post_as(&a.u, "/admin/prohibited-words", body);
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"word-error\"");
	pu_free(p);
	/* without the CSRF token, or not an admin */
	pu_expect(403, pu_post("/admin/prohibited-words", a.u.cookie, "word=" WORD_PREFIX "x"));
	admt_user_new(&c, "customer");
	pu_login(&c.u, 1);
	pu_expect(404, pu_post_as(&c.u, "/admin/prohibited-words", "word=" WORD_PREFIX "x"));
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM prohibited_words", ""), before);
	pu_expect(400, pu_get_as(&a.u, "/admin/prohibited-words?page=0"));
	pu_expect(404, pu_get_as(&a.u, "/admin/prohibited-words?page=9999"));
}
END_TEST

static Suite *
adm_words_suite(void)
{
	Suite *s = suite_create("adm_words");
	TCase *tc = pu_tcase_changing(s, "words", words_cleanup, words_cleanup);

	tcase_add_test(tc, test_admins_only);
	tcase_add_test(tc, test_add_list_delete);
	tcase_add_test(tc, test_add_bad_input);
	tcase_add_test(tc, test_add_holds_live_listings);
	return s;
}

CHECK_MAIN(adm_words_suite)
