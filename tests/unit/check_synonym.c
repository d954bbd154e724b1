/*
 * Unit tests for cgi/lib/synonym.c: reading a group as an admin writes it,
 * and adding and deleting groups (the words' table, the events that tell
 * the search index, the audit log) against the test stack's MariaDB.
 */
#include <stdio.h>
#include <string.h>

#include "check_util.h"
#include "arena.h"
#include "db.h"
#include "synonym.h"

#define PREFIX "unitsyntest"

START_TEST(test_parse)
{
	struct arena a;
	const char **w;
	size_t n;

	arena_init(&a);
	ck_assert_ptr_null(synonym_parse(&a, " Sofa , COUCH,,\n Settee  Bed ", &w, &n));
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(w[0], "sofa");
	ck_assert_str_eq(w[1], "couch");
	ck_assert_str_eq(w[2], "settee bed");
	ck_assert_str_eq(synonym_join(&a, w, n), "sofa, couch, settee bed");
	/* punctuation inside a word folds as the prohibited words do */
	ck_assert_ptr_null(synonym_parse(&a, "T-Shirt, tee", &w, &n));
	ck_assert_str_eq(w[0], "t shirt");

	ck_assert_str_eq(synonym_parse(&a, "", &w, &n),
			 "Write at least two words or phrases that mean the same, separated by commas.");
	ck_assert_ptr_null(w);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_nonnull(synonym_parse(&a, "sofa", &w, &n));
	ck_assert_ptr_nonnull(synonym_parse(&a, "sofa, , ,", &w, &n));
	ck_assert_str_eq(synonym_parse(&a, "sofa, Sofa", &w, &n), "“sofa” is written twice.");
	ck_assert_str_eq(synonym_parse(&a, "sofa, --", &w, &n),
			 "“--” has no letter or digit: write words or phrases separated by commas.");
	ck_assert_str_eq(synonym_parse(&a, "a,b,c,d,e,f,g,h,i,j,k,l,m", &w, &n),
			 "A group has at most 12 words or phrases.");
	ck_assert_ptr_null(synonym_parse(&a, "a,b,c,d,e,f,g,h,i,j,k,l", &w, &n));
	ck_assert_uint_eq(n, 12);
	{
		char text[600];

		memset(text, 'x', 61);
		strcpy(text + 61, ", y");
		ck_assert_ptr_nonnull(strstr(synonym_parse(&a, text, &w, &n), "is too long"));
		memset(text, 'x', 501);
		text[501] = '\0';
		ck_assert_str_eq(synonym_parse(&a, text, &w, &n), "Write at most 500 characters.");
	}
	arena_free(&a);
}
END_TEST

static void
cleanup(void)
{
	db_exec("DELETE g FROM synonym_groups g JOIN synonym_words w ON w.group_id = g.id"
		" WHERE w.folded LIKE '" PREFIX "%'", "");
}

static long long
payloads(const char *payload)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM events WHERE type = 'search.synonyms' AND payload = ?", "s",
			 payload);
}

START_TEST(test_add_delete)
{
	struct arena a;
	const char **w, *taken, *words;
	size_t n;
	long long id = 0, other, before_a, before_b, before_gone;

	CHECK_DB_CONNECT("check_synonym");
	cleanup();
	arena_init(&a);
	before_a = payloads(PREFIX "a\t" PREFIX "b");
	before_b = payloads(PREFIX "b\t" PREFIX "a");
	ck_assert_ptr_null(synonym_parse(&a, PREFIX "A, " PREFIX "b", &w, &n));
	ck_assert_int_eq(synonym_group_add(NULL, &a, w, n, &id, &taken), 0);
	ck_assert_int_gt(id, 0);
	ck_assert_ptr_null(taken);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM synonym_words WHERE group_id = ?", "i", id), 2);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM synonym_groups WHERE id = ? AND words = ?"
				   " AND added_by IS NULL", "is", id, PREFIX "a, " PREFIX "b"), 1);
	/* each word told with the other as its synonym */
	ck_assert_int_eq(payloads(PREFIX "a\t" PREFIX "b"), before_a + 1);
	ck_assert_int_eq(payloads(PREFIX "b\t" PREFIX "a"), before_b + 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM audit_log WHERE action = 'search.synonyms_add'"
				   " AND object_type = 'synonym_group' AND object_id = ?", "i", id), 1);

	/* a word of that group in another: refused, nothing of it kept */
	before_gone = db_scalar(-1, "SELECT COUNT(*) FROM synonym_groups", "");
	ck_assert_ptr_null(synonym_parse(&a, PREFIX "c, " PREFIX "B", &w, &n));
	ck_assert_int_eq(synonym_group_add(NULL, &a, w, n, &other, &taken), 1);
	ck_assert_str_eq(taken, PREFIX "b");
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM synonym_groups", ""), before_gone);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM synonym_words WHERE folded = ?", "s", PREFIX "c"), 0);

	/* deleting: the words are gone and each is told it has none */
	before_a = payloads(PREFIX "a");
	ck_assert_int_eq(synonym_group_delete(NULL, &a, id, &words), 0);
	ck_assert_str_eq(words, PREFIX "a, " PREFIX "b");
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM synonym_words WHERE group_id = ?", "i", id), 0);
	ck_assert_int_eq(payloads(PREFIX "a"), before_a + 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM audit_log WHERE action = 'search.synonyms_delete'"
				   " AND object_id = ?", "i", id), 1);
	ck_assert_int_eq(synonym_group_delete(NULL, &a, id, &words), 1);
	ck_assert_ptr_null(words);
	arena_free(&a);
	cleanup();
}
END_TEST

static Suite *
synonym_suite(void)
{
	Suite *s = suite_create("synonym");
	TCase *tc = tcase_create("synonym");

	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_add_delete);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(synonym_suite)
