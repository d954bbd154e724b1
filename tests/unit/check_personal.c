/*
 * Tests for cgi/lib/personal.c: the bz_rv cookie (read only when it is of
 * the form nginx's map accepts, each id once; written back and seen by the
 * rest of the request; a list kept newest first and at most ten long), and
 * against the test stack's database: views recorded newest first and cut to
 * PERSONAL_KEEP, cleared, the setting (off deletes the history), the merge at
 * login (the browser's views first; off removes the cookie and sets bz_np),
 * and interests (viewed categories before bought ones, each once). Accounts
 * at @check-personal.example are deleted at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"
#include "db.h"
#include "log.h"
#include "personal.h"

static void
make_req(struct req *rq, const char *cookie)
{
	char c[512];
	char *env[] = { "REQUEST_URI=/", c, NULL };

	snprintf(c, sizeof c, "HTTP_COOKIE=%s", cookie ? cookie : "");
	ck_assert_int_eq(req_init(rq, env, "", 0, &req_default_limits), 0);
	rq->envp = NULL;
}

START_TEST(test_parse)
{
	long long ids[PERSONAL_RECENT_MAX];
	char out[PERSONAL_COOKIE_MAX + 1];

	ck_assert_uint_eq(personal_recent_parse("42", ids, 10), 1);
	ck_assert_int_eq(ids[0], 42);
	ck_assert_uint_eq(personal_recent_parse("42.7.19", ids, 10), 3);
	ck_assert_int_eq(ids[2], 19);
	/* Each once, the first place kept. */
	ck_assert_uint_eq(personal_recent_parse("7.42.7", ids, 10), 2);
	ck_assert_int_eq(ids[1], 42);
	/* What nginx's map refuses is refused whole. */
	ck_assert_uint_eq(personal_recent_parse(NULL, ids, 10), 0);
	ck_assert_uint_eq(personal_recent_parse("", ids, 10), 0);
	ck_assert_uint_eq(personal_recent_parse("07", ids, 10), 0);
	ck_assert_uint_eq(personal_recent_parse("1..2", ids, 10), 0);
	ck_assert_uint_eq(personal_recent_parse("1.2.", ids, 10), 0);
	ck_assert_uint_eq(personal_recent_parse(".1", ids, 10), 0);
	ck_assert_uint_eq(personal_recent_parse("1,2", ids, 10), 0);
	ck_assert_uint_eq(personal_recent_parse("1234567890123456789", ids, 10), 0);
	ck_assert_uint_eq(personal_recent_parse("123456789012345678", ids, 10), 1);
	ck_assert_uint_eq(personal_recent_parse("1.2.3.4.5.6.7.8.9.10", ids, 10), 10);
	ck_assert_uint_eq(personal_recent_parse("1.2.3.4.5.6.7.8.9.10.11", ids, 10), 0);
	/* Less room than ids: the first ones. */
	ck_assert_uint_eq(personal_recent_parse("5.6.7", ids, 2), 2);
	ck_assert_int_eq(ids[1], 6);

	ids[0] = 3, ids[1] = 1, ids[2] = 2;
	ck_assert_int_eq(personal_recent_format(ids, 3, out, sizeof out), 0);
	ck_assert_str_eq(out, "3.1.2");
	ck_assert_int_eq(personal_recent_format(ids, 3, out, 4), -1);
	ck_assert_int_eq(personal_recent_format(ids, 0, out, sizeof out), 0);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(test_push)
{
	long long ids[PERSONAL_RECENT_MAX] = { 1, 2, 3 };
	size_t n = 3, i;

	n = personal_recent_push(ids, n, PERSONAL_RECENT_MAX, 2);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(ids[0], 2);
	ck_assert_int_eq(ids[1], 1);
	ck_assert_int_eq(ids[2], 3);
	for (i = 10; i < 30; i++)
		n = personal_recent_push(ids, n, PERSONAL_RECENT_MAX, (long long)i);
	ck_assert_uint_eq(n, PERSONAL_RECENT_MAX);
	ck_assert_int_eq(ids[0], 29);
	ck_assert_int_eq(ids[PERSONAL_RECENT_MAX - 1], 20);
}
END_TEST

START_TEST(test_cookie)
{
	long long ids[PERSONAL_RECENT_MAX] = { 9, 8 };
	struct req rq;
	struct resp rs;

	make_req(&rq, "bz_rv=5.6; bz_hk=x");
	ck_assert_uint_eq(personal_recent_cookie(&rq, ids, PERSONAL_RECENT_MAX), 2);
	ck_assert_int_eq(ids[0], 5);
	resp_init(&rs);
	ids[0] = 9, ids[1] = 8;
	personal_recent_set_cookie(&rq, &rs, ids, 2);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Set-Cookie: bz_rv=9.8;"));
	/* The script writes it too: not HttpOnly. */
	ck_assert_ptr_null(strstr(rs.headers.data, "HttpOnly"));
	ck_assert_str_eq(req_cookie(&rq, PERSONAL_COOKIE), "9.8");
	personal_recent_set_cookie(&rq, &rs, NULL, 0);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Set-Cookie: bz_rv=;"));
	ck_assert_uint_eq(personal_recent_cookie(&rq, ids, PERSONAL_RECENT_MAX), 0);
	personal_off_cookie(&rq, &rs, 1);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Set-Cookie: bz_np=1;"));
	ck_assert_str_eq(req_cookie(&rq, PERSONAL_OFF_COOKIE), "1");
	resp_free(&rs);
	req_free(&rq);
	/* A malformed value is nobody's list. */
	make_req(&rq, "bz_rv=1.<x>");
	ck_assert_uint_eq(personal_recent_cookie(&rq, ids, PERSONAL_RECENT_MAX), 0);
	ck_assert_ptr_null(personal_recent_cached("1.<x>", NULL));
	req_free(&rq);
}
END_TEST

/* ---- against the database ---- */

static long long products[PERSONAL_KEEP + 5], user_id;
static size_t nproducts;

static void
db_setup(void)
{
	struct db_result *r;
	char email[96];

	log_init("check_personal");
	log_set_level(LOG_ERROR);
	CHECK_DB_CONNECT("check_personal");
	db_exec("DELETE FROM users WHERE email LIKE '%@check-personal.example'", "");
	snprintf(email, sizeof email, "viewer-%d@check-personal.example", (int)getpid());
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role) VALUES (?, 'Viewer', 'customer')", "s",
				 email), 1);
	user_id = (long long)db_insert_id();
	/* Products of different categories first, so interests have some. */
	r = db_query("SELECT id FROM products ORDER BY category_id, id LIMIT 55", "");
	ck_assert_ptr_nonnull(r);
	nproducts = 0;
	while (db_next(r) && nproducts < sizeof products / sizeof products[0])
		products[nproducts++] = db_int(r, 0);
	db_free(r);
	ck_assert_uint_ge(nproducts, PERSONAL_KEEP + 2);
}

static void
db_teardown(void)
{
	db_exec("DELETE FROM users WHERE email LIKE '%@check-personal.example'", "");
	db_close();
}

START_TEST(test_record)
{
	long long ids[PERSONAL_KEEP + 5];
	size_t i;
	int n;

	ck_assert_int_eq(personal_enabled(user_id), 1);
	ck_assert_int_eq(personal_recent_record(user_id, products, 3), 0);
	n = personal_recent_load(user_id, ids, PERSONAL_RECENT_MAX);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(ids[0], products[0]);
	ck_assert_int_eq(ids[2], products[2]);
	/* A product that does not exist is not recorded. */
	ck_assert_int_eq(personal_recent_record(user_id, (long long[]){ 999999999999LL }, 1), 0);
	ck_assert_int_eq(personal_recent_load(user_id, ids, PERSONAL_RECENT_MAX), 3);
	/* More than PERSONAL_KEEP: the oldest go. */
	for (i = 0; i < nproducts; i++)
		ck_assert_int_eq(personal_recent_record(user_id, &products[nproducts - 1 - i], 1), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM recently_viewed WHERE user_id = ?", "i", user_id),
			 PERSONAL_KEEP);
	ck_assert_int_eq(personal_recent_clear(user_id), 0);
	ck_assert_int_eq(personal_recent_load(user_id, ids, PERSONAL_RECENT_MAX), 0);
}
END_TEST

START_TEST(test_setting_and_login)
{
	long long ids[PERSONAL_RECENT_MAX];
	char cookie[64];
	struct req rq;
	struct resp rs;

	ck_assert_int_eq(personal_recent_record(user_id, &products[5], 1), 0);
	/* At login: the browser's views first, then the account's. */
	snprintf(cookie, sizeof cookie, "bz_rv=%lld.%lld", products[1], products[2]);
	make_req(&rq, cookie);
	resp_init(&rs);
	personal_login(&rq, &rs, user_id);
	ck_assert_uint_eq(personal_recent_cookie(&rq, ids, PERSONAL_RECENT_MAX), 3);
	ck_assert_int_eq(ids[0], products[1]);
	ck_assert_int_eq(ids[1], products[2]);
	ck_assert_int_eq(ids[2], products[5]);
	ck_assert_int_eq(personal_recent_load(user_id, ids, PERSONAL_RECENT_MAX), 3);
	resp_free(&rs);
	req_free(&rq);

	/* Off: the history goes, and a login removes the browser's list. */
	ck_assert_int_eq(personal_set_enabled(user_id, 0), 0);
	ck_assert_int_eq(personal_enabled(user_id), 0);
	ck_assert_int_eq(personal_recent_load(user_id, ids, PERSONAL_RECENT_MAX), 0);
	make_req(&rq, cookie);
	resp_init(&rs);
	personal_login(&rq, &rs, user_id);
	ck_assert_uint_eq(personal_recent_cookie(&rq, ids, PERSONAL_RECENT_MAX), 0);
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Set-Cookie: bz_rv=;"));
	ck_assert_ptr_nonnull(strstr(rs.headers.data, "Set-Cookie: bz_np=1;"));
	ck_assert_int_eq(personal_recent_load(user_id, ids, PERSONAL_RECENT_MAX), 0);
	resp_free(&rs);
	req_free(&rq);
	ck_assert_int_eq(personal_set_enabled(user_id, 1), 0);
	ck_assert_int_eq(personal_enabled(user_id), 1);
}
END_TEST

START_TEST(test_interests)
{
	struct personal_interest in[PERSONAL_INTERESTS_MAX];
	long long first = db_scalar(-1, "SELECT category_id FROM products WHERE id = ?", "i", products[0]);
	long long last = db_scalar(-1, "SELECT category_id FROM products WHERE id = ?", "i",
				   products[nproducts - 1]);
	long long last_top = db_scalar(-1, "SELECT top_category_id FROM products WHERE id = ?", "i",
				       products[nproducts - 1]);
	long long list[2] = { products[0], 999999999999LL };
	int n, i, j;

	ck_assert_int_eq(personal_recent_clear(user_id), 0);
	ck_assert_int_eq(personal_interests(user_id, NULL, 0, in, PERSONAL_INTERESTS_MAX), 0);
	/* Nobody and no list: none. */
	ck_assert_int_eq(personal_interests(0, NULL, 0, in, PERSONAL_INTERESTS_MAX), 0);
	/* The latest view's category first. The browser's list comes newest
	 * first, as the storefront records it (views are kept to the second:
	 * two lists recorded within one second would tie). */
	{
		long long viewed[2] = { products[nproducts - 1], products[0] };

		ck_assert_int_eq(personal_recent_record(user_id, viewed, 2), 0);
	}
	n = personal_interests(user_id, NULL, 0, in, PERSONAL_INTERESTS_MAX);
	ck_assert_int_ge(n, 1);
	ck_assert_int_eq(in[0].category_id, last);
	ck_assert_int_eq(in[0].top_category_id, last_top);
	ck_assert_int_eq(in[0].reason, PERSONAL_VIEWED);
	ck_assert_str_eq(personal_reason_name(in[0].reason), "viewed");
	ck_assert_str_eq(personal_reason_name(PERSONAL_BOUGHT), "bought");
	if (first != last)
		ck_assert_int_eq(in[1].category_id, first);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			ck_assert_int_ne(in[i].category_id, in[j].category_id);
	/* The browser's list (this session) comes before the account's; an id
	 * of no product is skipped. */
	n = personal_interests(user_id, list, 2, in, PERSONAL_INTERESTS_MAX);
	ck_assert_int_ge(n, 1);
	ck_assert_int_eq(in[0].category_id, first);
	if (first != last)
		ck_assert_int_eq(in[1].category_id, last);
	/* An anonymous visitor: the list's only. */
	ck_assert_int_eq(personal_interests(0, list, 2, in, PERSONAL_INTERESTS_MAX), 1);
	ck_assert_int_eq(in[0].category_id, first);
	ck_assert_int_eq(in[0].reason, PERSONAL_VIEWED);
	ck_assert_int_eq(personal_recent_clear(user_id), 0);
}
END_TEST

START_TEST(test_interest_of)
{
	const struct personal_interest in[3] = {
		{ 11, 1, PERSONAL_VIEWED }, { 22, 2, PERSONAL_VIEWED }, { 23, 2, PERSONAL_BOUGHT },
	};

	/* The very category first, however weak the interest... */
	ck_assert_ptr_eq(personal_interest_of(in, 3, 23, 2), &in[2]);
	ck_assert_ptr_eq(personal_interest_of(in, 3, 11, 1), &in[0]);
	/* ...else the strongest in the same part of the shop. */
	ck_assert_ptr_eq(personal_interest_of(in, 3, 24, 2), &in[1]);
	ck_assert_ptr_null(personal_interest_of(in, 3, 31, 3));
	ck_assert_ptr_null(personal_interest_of(in, 3, 31, 0));
	ck_assert_ptr_null(personal_interest_of(in, 0, 11, 1));
}
END_TEST

static Suite *
personal_suite(void)
{
	Suite *s = suite_create("personal");
	TCase *tc = tcase_create("cookie");
	TCase *db = tcase_create("database");

	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_push);
	tcase_add_test(tc, test_cookie);
	tcase_add_test(tc, test_interest_of);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(db, db_setup, db_teardown);
	tcase_set_timeout(db, 60);
	tcase_add_test(db, test_record);
	tcase_add_test(db, test_setting_and_login);
	tcase_add_test(db, test_interests);
	suite_add_tcase(s, db);
	return s;
}

CHECK_MAIN(personal_suite)
