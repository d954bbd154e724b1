/*
 * Page tests for adm_synonyms.c: GET and POST /admin/synonyms,
 * GET and POST /admin/synonyms/{id}/delete.
 */
#define PU_PREFIX "adm-synonyms"
#include "adm_util.h"

/* The words of these tests all begin so; the clean-up removes them. */
#define WORD_PREFIX "admsyntest"

static void
synonyms_cleanup(void)
{
	pu_parent_begin();
	if (db_exec("DELETE g FROM synonym_groups g JOIN synonym_words w ON w.group_id = g.id"
		    " WHERE w.folded LIKE '" WORD_PREFIX "%'", "") < 0)
		fprintf(stderr, "page test: clean-up failed: %s (synonyms)\n", db_error());
	pu_parent_end();
	admt_people_cleanup();
}

static long long
group_of(const char *folded)
{
	return db_scalar(0, "SELECT group_id FROM synonym_words WHERE folded = ?", "s", folded);
}

/* search.synonyms events that name folded (as a term or a synonym). */
static long long
synonym_events(const char *folded)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM events WHERE type = 'search.synonyms'"
			 " AND CONCAT('\t', payload, '\t') LIKE CONCAT('%\t', ?, '\t%')", "s", folded);
}

/* search.synonyms events whose payload is exactly payload. */
static long long
payloads(const char *payload)
{
	return pu_count_s("SELECT COUNT(*) FROM events WHERE type = 'search.synonyms' AND payload = ?", payload);
}

START_TEST(test_admins_only)
{
	admt_assert_admins_only("/admin/synonyms", "/admin/login?next=%2Fadmin%2Fsynonyms");
}
END_TEST

START_TEST(test_add_list_delete)
{
	struct admt_user a;
	struct pu_page *p;
	char uri[128];
	long long id, events, exact;

	admt_admin_new(&a, 1);
	p = pu_get_as(&a.u, "/admin/synonyms");
	pu_assert_status(p, 200);
	pu_assert_has(p, "<label for=\"words\">Words or phrases</label>");
	pu_assert_has(p, "aria-current=\"page\">Search synonyms</a>");
	pu_free(p);

	/* three, folded; each told to the index with the two others */
	events = synonym_events(WORD_PREFIX "sofa");
	exact = payloads(WORD_PREFIX "couch\t" WORD_PREFIX "sofa\t" WORD_PREFIX " settee");
	p = pu_post_as(&a.u, "/admin/synonyms", "words=AdmSynTestSofa%2C+admsyntestcouch+%2C%2C+AdmSynTest++Settee");
	ck_assert_int_eq(p->status, 303);
	pu_assert_location(p, "/admin/synonyms");
	pu_assert_flash(p, "Added the group \xe2\x80\x9c" WORD_PREFIX "sofa, " WORD_PREFIX "couch, " WORD_PREFIX
			" settee\xe2\x80\x9d.");
	pu_free(p);
	id = group_of(WORD_PREFIX "sofa");
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(group_of(WORD_PREFIX "couch"), id);
	ck_assert_int_eq(group_of(WORD_PREFIX " settee"), id);
	ck_assert_int_eq(pu_count("SELECT COUNT(*) FROM synonym_groups WHERE id = ? AND added_by IS NOT NULL", id), 1);
	ck_assert_int_eq(pu_audits("search.synonyms_add", "synonym_group", id), 1);
	/* one event per word, naming it and the others: "sofa" appears in all three */
	ck_assert_int_eq(synonym_events(WORD_PREFIX "sofa"), events + 3);
	ck_assert_int_eq(payloads(WORD_PREFIX "couch\t" WORD_PREFIX "sofa\t" WORD_PREFIX " settee"), exact + 1);
	p = pu_get_as(&a.u, "/admin/synonyms");
	pu_assert_status(p, 200);
	pu_assert_text(p, WORD_PREFIX "sofa, " WORD_PREFIX "couch, " WORD_PREFIX " settee");
	pu_assert_text(p, a.u.email);
	snprintf(uri, sizeof uri, "href=\"/admin/synonyms/%lld/delete\"", id);
	pu_assert_has(p, uri);
	pu_free(p);

	/* a word of that group in a new one is refused next to the field, input kept */
	p = pu_post_as(&a.u, "/admin/synonyms", "words=admsyntestlounger%2C+ADMSYNTESTCOUCH");
	pu_assert_status(p, 422);
	pu_assert_has(p, "<a href=\"#words\">\xe2\x80\x9c" WORD_PREFIX "couch\xe2\x80\x9d is in another group already");
	pu_assert_has(p, "value=\"admsyntestlounger, ADMSYNTESTCOUCH\"");
	pu_free(p);
	ck_assert_int_eq(group_of(WORD_PREFIX "lounger"), 0);

	/* delete: asked first, the box required, then gone, audited, told */
	snprintf(uri, sizeof uri, "/admin/synonyms/%lld/delete", id);
	p = pu_get_as(&a.u, uri);
	pu_assert_status(p, 200);
	pu_assert_has(p, "name=\"confirm\" value=\"yes\" required");
	pu_free(p);
	p = pu_post_as(&a.u, uri, "");
	pu_assert_status(p, 422);
	pu_assert_has(p, "<a href=\"#confirm\">Tick the box to confirm that the group goes.</a>");
	pu_free(p);
	pu_expect(403, pu_post(uri, a.u.cookie, "confirm=yes"));
	ck_assert_int_eq(group_of(WORD_PREFIX "sofa"), id);
	events = synonym_events(WORD_PREFIX "sofa");
	exact = payloads(WORD_PREFIX "couch");
	p = pu_post_as(&a.u, uri, "confirm=yes");
	ck_assert_int_eq(p->status, 303);
	pu_assert_flash(p, "Deleted the group \xe2\x80\x9c" WORD_PREFIX "sofa, " WORD_PREFIX "couch, " WORD_PREFIX
			" settee\xe2\x80\x9d.");
	pu_free(p);
	ck_assert_int_eq(group_of(WORD_PREFIX "sofa"), 0);
	ck_assert_int_eq(group_of(WORD_PREFIX "couch"), 0);
	ck_assert_int_eq(pu_audits("search.synonyms_delete", "synonym_group", id), 1);
	/* each word told it has no synonyms left: the payload is the word alone */
	ck_assert_int_eq(synonym_events(WORD_PREFIX "sofa"), events + 1);
	ck_assert_int_eq(payloads(WORD_PREFIX "couch"), exact + 1);
	/* a second click finds nothing */
	pu_expect(404, pu_post_as(&a.u, uri, "confirm=yes"));
	pu_expect(404, pu_get_as(&a.u, uri));
}
END_TEST

START_TEST(test_add_bad_input)
{
	struct admt_user a, c;
	struct pu_page *p;
	char body[700];
	long long before = db_scalar(-1, "SELECT COUNT(*) FROM synonym_groups", "");

	admt_admin_new(&a, 1);
	p = pu_post_as(&a.u, "/admin/synonyms", "words=");
	pu_assert_status(p, 422);
	pu_assert_has(p, "<a href=\"#words\">Write at least two words or phrases that mean the same, separated by "
		      "commas.</a>");
	pu_free(p);
	/* one word alone is no group */
	p = pu_post_as(&a.u, "/admin/synonyms", "words=" WORD_PREFIX "alone%2C+%2C");
	pu_assert_status(p, 422);
	pu_assert_has(p, "id=\"words-error\"");
	pu_free(p);
	/* punctuation alone leaves nothing to match */
	p = pu_post_as(&a.u, "/admin/synonyms", "words=" WORD_PREFIX "a%2C+%21%21+...");
	pu_assert_status(p, 422);
	pu_assert_has(p, "\xe2\x80\x9c!! ...\xe2\x80\x9d has no letter or digit");
	pu_free(p);
	/* the same word twice, in another case */
	p = pu_post_as(&a.u, "/admin/synonyms", "words=" WORD_PREFIX "b%2C+ADMSYNTESTB");
	pu_assert_status(p, 422);
	pu_assert_has(p, "\xe2\x80\x9c" WORD_PREFIX "b\xe2\x80\x9d is written twice.");
	pu_free(p);
	/* a word too long, and too many words */
	snprintf(body, sizeof body, "words=" WORD_PREFIX "c%%2C+" WORD_PREFIX "%060d", 1);
	p = pu_post_as(&a.u, "/admin/synonyms", body);
	pu_assert_status(p, 422);
	pu_assert_has(p, "is too long: a word or phrase has at most 60 characters.");
	pu_free(p);
	p = pu_post_as(&a.u, "/admin/synonyms", "words=" WORD_PREFIX "1%2C" WORD_PREFIX "2%2C" WORD_PREFIX "3%2C"
		       WORD_PREFIX "4%2C" WORD_PREFIX "5%2C" WORD_PREFIX "6%2C" WORD_PREFIX "7%2C" WORD_PREFIX "8%2C"
		       WORD_PREFIX "9%2C" WORD_PREFIX "10%2C" WORD_PREFIX "11%2C" WORD_PREFIX "12%2C" WORD_PREFIX "13");
	pu_assert_status(p, 422);
	pu_assert_has(p, "A group has at most 12 words or phrases.");
	pu_free(p);
	/* without the CSRF token, or not an admin */
	pu_expect(403, pu_post("/admin/synonyms", a.u.cookie, "words=" WORD_PREFIX "x%2C" WORD_PREFIX "y"));
	admt_user_new(&c, "customer");
	pu_login(&c.u, 1);
	pu_expect(404, pu_post_as(&c.u, "/admin/synonyms", "words=" WORD_PREFIX "x%2C" WORD_PREFIX "y"));
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM synonym_groups", ""), before);
	pu_expect(400, pu_get_as(&a.u, "/admin/synonyms?page=0"));
	pu_expect(404, pu_get_as(&a.u, "/admin/synonyms?page=9999"));
}
END_TEST

static Suite *
adm_synonyms_suite(void)
{
	Suite *s = suite_create("adm_synonyms");
	TCase *tc = pu_tcase_changing(s, "synonyms", synonyms_cleanup, synonyms_cleanup);

	tcase_add_test(tc, test_admins_only);
	tcase_add_test(tc, test_add_list_delete);
	tcase_add_test(tc, test_add_bad_input);
	return s;
}

CHECK_MAIN(adm_synonyms_suite)
