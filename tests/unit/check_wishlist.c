/*
 * Tests for wishlist against the test stack's database: saving (default
 * list made once, twice is "already", a product not on sale refused),
 * lists of one account only (another's is not found), moving and removing,
 * sharing (a new address each time, none once stopped), and the alerts of
 * product.changed: a lower price and stock after none are notifications,
 * only the first of a person's day comes by mail, an unchanged product or
 * a higher price says nothing, and the items then hold what was seen.
 * Run from the repository root (templates/) with a stack's environment;
 * accounts at @check-wishlist.example and the product made here are deleted
 * at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"
#include "db.h"
#include "events.h"
#include "log.h"
#include "tmpl.h"
#include "wishlist.h"

#define NEED_DB "BAZAAR_DB_SOCKET is not set: check_wishlist needs the test stack's MariaDB " \
	"(run it through `make test`, or source a stack's VAR/env)"

static long long user_id, other_id, product_id;

static void cleanup(void)
{
	db_exec("DELETE FROM mail_outbox WHERE to_addr LIKE '%@check-wishlist.example'", "");
	db_exec("DELETE FROM users WHERE email LIKE '%@check-wishlist.example'", "");
	db_exec("DELETE FROM products WHERE slug LIKE 'check-wishlist-%'", "");
}

static long long user_new(const char *what)
{
	char email[128];

	snprintf(email, sizeof email, "%s-%d@check-wishlist.example", what, (int)getpid());
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role, email_verified_at)"
				 " VALUES (?, 'Saver', 'customer', UTC_TIMESTAMP())", "s", email), 1);
	return (long long)db_insert_id();
}

static void setup(void)
{
	char slug[80];

	log_init("check_wishlist");
	log_set_level(LOG_ERROR);
	ck_assert_msg(tmpl_init("templates", 0) == 0, "cannot load templates/");
	ck_assert_msg(getenv("BAZAAR_DB_SOCKET") && *getenv("BAZAAR_DB_SOCKET"), NEED_DB);
	ck_assert_msg(db_connect() == 0, "cannot connect to MariaDB: %u %s", db_errno(), db_error());
	cleanup();
	user_id = user_new("saver");
	other_id = user_new("other");
	snprintf(slug, sizeof slug, "check-wishlist-%d", (int)getpid());
	/* A copy of an active product of a verified shop, with its own price and stock. */
	ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, slug, name,"
				 " description, price_minor, stock, status)"
				 " SELECT p.vendor_id, p.category_id, p.top_category_id, ?, 'Wish Lamp', '', 5000, 3,"
				 " 'active' FROM products p JOIN vendors v ON v.id = p.vendor_id"
				 " WHERE p.status = 'active' AND v.status = 'verified' ORDER BY p.id LIMIT 1",
				 "s", slug), 1);
	product_id = (long long)db_insert_id();
}

static void teardown(void)
{
	cleanup();
	db_close();
}

static int changed(void)
{
	struct event ev = { .id = 1, .type = EVENTS_PRODUCT_CHANGED, .subject_id = product_id, .payload = "" };
	int rc;

	ck_assert_int_eq(db_begin(), 0);
	rc = wishlist_product_changed(&ev, NULL);
	ck_assert_int_eq(db_commit(), 0);
	return rc;
}

static long long count(const char *sql, long long id)
{
	return db_scalar(-1, sql, "i", id);
}

#define NOTES "SELECT COUNT(*) FROM notifications WHERE user_id = ?"
#define MAILS "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND mail_id IS NOT NULL"

START_TEST(test_lists)
{
	char token[WISHLIST_TOKEN_LEN + 1], again[WISHLIST_TOKEN_LEN + 1];
	long long first, second;

	ck_assert_int_eq(wishlist_save(user_id, 0, product_id), 0);
	first = wishlist_default(user_id);
	ck_assert_int_gt(first, 0);
	ck_assert_int_eq(wishlist_default(user_id), first);
	ck_assert_int_eq(wishlist_save(user_id, 0, product_id), WISHLIST_ALREADY);
	ck_assert_int_eq(wishlist_save(user_id, 0, 999999999999LL), WISHLIST_NOT_FOUND);
	/* another account's list */
	ck_assert_int_eq(wishlist_save(other_id, first, product_id), WISHLIST_NOT_FOUND);
	ck_assert_int_eq(wishlist_remove(other_id, first, product_id), WISHLIST_NOT_FOUND);
	ck_assert_int_eq(wishlist_delete(other_id, first), WISHLIST_NOT_FOUND);
	ck_assert_int_eq(wishlist_share(other_id, first, 1, token), WISHLIST_NOT_FOUND);

	second = wishlist_create(user_id, "Birthday");
	ck_assert_int_gt(second, first);
	ck_assert_int_eq(wishlist_move(other_id, first, second, product_id), WISHLIST_NOT_FOUND);
	ck_assert_int_eq(wishlist_move(user_id, first, second, product_id), 0);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM wishlist_items WHERE wishlist_id = ?", first), 0);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM wishlist_items WHERE wishlist_id = ?", second), 1);
	ck_assert_int_eq(wishlist_move(user_id, first, second, product_id), WISHLIST_NOT_FOUND);

	ck_assert_int_eq(wishlist_share(user_id, second, 1, token), 0);
	ck_assert(wishlist_token_valid(token));
	ck_assert_int_eq(wishlist_share(user_id, second, 1, again), 0);
	ck_assert_str_ne(token, again);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM wishlists WHERE share_token = ?", "s", token), 0);
	ck_assert_int_eq(wishlist_share(user_id, second, 0, token), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM wishlists WHERE share_token = ?", "s", again), 0);
	ck_assert(!wishlist_token_valid("../../etc"));
	ck_assert(!wishlist_token_valid("ABCDEF0123456789abcdef0123456789"));

	ck_assert_int_eq(wishlist_remove(user_id, second, product_id), 0);
	ck_assert_int_eq(wishlist_remove(user_id, second, product_id), WISHLIST_NOT_FOUND);
	ck_assert_int_eq(wishlist_delete(user_id, second), 0);
	ck_assert_int_eq(count("SELECT COUNT(*) FROM wishlists WHERE user_id = ?", user_id), 1);
}
END_TEST

START_TEST(test_alerts)
{
	ck_assert_int_eq(wishlist_save(user_id, 0, product_id), 0);
	ck_assert_int_eq(wishlist_save(user_id, wishlist_create(user_id, "Second"), product_id), 0);
	ck_assert_int_eq(wishlist_save(other_id, 0, product_id), 0);

	/* nothing changed: nothing said */
	ck_assert_int_eq(changed(), 0);
	ck_assert_int_eq(count(NOTES, user_id), 0);

	/* cheaper: one line per account (two lists of one account: once), with a mail */
	ck_assert_int_eq(db_exec("UPDATE products SET price_minor = 4000 WHERE id = ?", "i", product_id), 1);
	ck_assert_int_eq(changed(), 0);
	ck_assert_int_eq(count(NOTES, user_id), 1);
	ck_assert_int_eq(count(MAILS, user_id), 1);
	ck_assert_int_eq(count(NOTES, other_id), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND kind = 'price_drop'"
				   " AND text LIKE 'Wish Lamp is now %40.00 (was %50.00)'", "i", user_id), 1);
	/* the same price again: nothing new */
	ck_assert_int_eq(changed(), 0);
	ck_assert_int_eq(count(NOTES, user_id), 1);
	/* dearer: nothing; then cheaper than that but not than before: a drop again, no second mail today */
	ck_assert_int_eq(db_exec("UPDATE products SET price_minor = 4500 WHERE id = ?", "i", product_id), 1);
	ck_assert_int_eq(changed(), 0);
	ck_assert_int_eq(count(NOTES, user_id), 1);
	ck_assert_int_eq(db_exec("UPDATE products SET price_minor = 4200 WHERE id = ?", "i", product_id), 1);
	ck_assert_int_eq(changed(), 0);
	ck_assert_int_eq(count(NOTES, user_id), 2);
	ck_assert_int_eq(count(MAILS, user_id), 1);

	/* sold out, then back: a back-in-stock line, still no second mail today */
	ck_assert_int_eq(db_exec("UPDATE products SET stock = 0 WHERE id = ?", "i", product_id), 1);
	ck_assert_int_eq(changed(), 0);
	ck_assert_int_eq(count(NOTES, user_id), 2);
	ck_assert_int_eq(db_exec("UPDATE products SET stock = 4 WHERE id = ?", "i", product_id), 1);
	ck_assert_int_eq(changed(), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND kind = 'back_in_stock'",
				   "i", user_id), 1);
	ck_assert_int_eq(count(MAILS, user_id), 1);

	/* a new day: a mail again */
	ck_assert_int_eq(db_exec("UPDATE wishlist_mail_days SET day = day - INTERVAL 1 DAY WHERE user_id = ?", "i",
				 user_id), 1);
	ck_assert_int_eq(db_exec("UPDATE products SET price_minor = 3000 WHERE id = ?", "i", product_id), 1);
	ck_assert_int_eq(changed(), 0);
	ck_assert_int_eq(count(MAILS, user_id), 2);

	/* not on sale: nothing */
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'hidden', price_minor = 100 WHERE id = ?", "i",
				 product_id), 1);
	ck_assert_int_eq(changed(), 0);
	ck_assert_int_eq(count(NOTES, user_id), 4);
}
END_TEST

static Suite *wishlist_suite(void)
{
	Suite *s = suite_create("wishlist");
	TCase *tc = tcase_create("wishlist");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_lists);
	tcase_add_test(tc, test_alerts);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(wishlist_suite)
