/*
 * Tests for cgi/lib/cart.c against the test stack's MariaDB: carts of users
 * and of anonymous visitors, adding within the stock and the limits, the
 * warnings, lines of another cart, saving for later, the merge at login and
 * the removal of ordered lines. The fixtures are named check-cart-* and
 * removed at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "cart.h"
#include "check_util.h"
#include "db.h"
#include "sess.h"
#include "visitor.h"

static long long plan_id, vendor_a, vendor_b, cat_id, mug, lamp, chair, user_id;

static const char visitor_one[] = "0123456789abcdef0123456789abcdef";
static const char visitor_two[] = "fedcba9876543210fedcba9876543210";

static void
remove_fixture_rows(void)
{
	db_exec("DELETE c FROM carts c JOIN users u ON u.id = c.user_id WHERE u.email = 'check-cart@example.com'", "");
	db_exec("DELETE ci FROM cart_items ci JOIN products p ON p.id = ci.product_id JOIN vendors v"
		" ON v.id = p.vendor_id WHERE v.slug LIKE 'check-cart-vendor%'", "");
	db_exec("DELETE FROM carts WHERE user_id IS NULL AND NOT EXISTS"
		" (SELECT 1 FROM cart_items ci WHERE ci.cart_id = carts.id)", "");
	db_exec("DELETE p FROM products p JOIN vendors v ON v.id = p.vendor_id "
		"WHERE v.slug LIKE 'check-cart-vendor%'", "");
	db_exec("DELETE FROM categories WHERE slug = 'check-cart-cat'", "");
	db_exec("DELETE FROM vendors WHERE slug LIKE 'check-cart-vendor%'", "");
	db_exec("DELETE FROM plans WHERE name = 'check-cart-plan'", "");
	db_exec("DELETE FROM users WHERE email = 'check-cart@example.com'", "");
}

static long long
add_vendor(const char *slug, const char *name)
{
	ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description, "
				 "status, plan_id) VALUES (?, ?, 'Check Cart Ltd', '', 'verified', ?)",
				 "ssi", slug, name, plan_id), 1);
	return (long long)db_insert_id();
}

static long long
add_product(long long vendor, const char *name, long long price, long long stock)
{
	ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, "
				 "name, slug, description, price_minor, stock, status) VALUES "
				 "(?, ?, ?, ?, 'check-cart', '', ?, ?, 'active')",
				 "iiisii", vendor, cat_id, cat_id, name, price, stock), 1);
	return (long long)db_insert_id();
}

static void
live_setup(void)
{
	CHECK_DB_CONNECT("check_cart");
	cache_init();
	remove_fixture_rows();
	ck_assert_int_eq(db_exec("INSERT INTO plans (name, commission_bp, listing_limit, "
				 "monthly_fee_minor) VALUES ('check-cart-plan', 1000, NULL, 0)", ""), 1);
	plan_id = (long long)db_insert_id();
	vendor_a = add_vendor("check-cart-vendor-a", "Check Cart A");
	vendor_b = add_vendor("check-cart-vendor-b", "Check Cart B");
	ck_assert_int_eq(db_exec("INSERT INTO categories (parent_id, slug, name, depth) "
				 "VALUES (NULL, 'check-cart-cat', 'Check Cart', 0)", ""), 1);
	cat_id = (long long)db_insert_id();
	mug = add_product(vendor_a, "Cart Mug", 900, 10);
	lamp = add_product(vendor_b, "Cart Lamp", 4500, 2);
	chair = add_product(vendor_a, "Cart Chair", 12000, 0);
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role) "
				 "VALUES ('check-cart@example.com', 'Cart Keeper', 'customer')", ""), 1);
	user_id = (long long)db_insert_id();
}

static void
live_teardown(void)
{
	remove_fixture_rows();
	cache_close();
	db_close();
}

static void
make_req(struct req *rq, const char *cookie)
{
	char c[512];
	char *env[] = { "REQUEST_URI=/cart", c, NULL };

	snprintf(c, sizeof c, "HTTP_COOKIE=%s", cookie ? cookie : "");
	ck_assert_int_eq(req_init(rq, env, "", 0, &req_default_limits), 0);
	rq->envp = NULL;
}

static long long
visitor_cart(const char *visitor, int create)
{
	struct req rq;
	char cookie[64];
	long long id;

	snprintf(cookie, sizeof cookie, "bz_visitor=%s", visitor);
	make_req(&rq, cookie);
	id = cart_for_request(&rq, create);
	req_free(&rq);
	return id;
}

START_TEST(test_cart_of_visitor_and_user)
{
	struct req rq;
	struct sess s = { 0 };
	long long one, two, mine;

	/* No id, no cart; an id without create, none either. */
	make_req(&rq, NULL);
	ck_assert_int_eq(cart_for_request(&rq, 1), 0);
	req_free(&rq);
	ck_assert_int_eq(visitor_cart(visitor_one, 0), 0);
	one = visitor_cart(visitor_one, 1);
	ck_assert_int_gt(one, 0);
	ck_assert_int_eq(visitor_cart(visitor_one, 1), one);
	ck_assert_int_eq(visitor_cart(visitor_one, 0), one);
	two = visitor_cart(visitor_two, 1);
	ck_assert_int_gt(two, 0);
	ck_assert_int_ne(one, two);
	/* Only the hash of the id is kept. */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM carts WHERE HEX(visitor_hash) LIKE ?", "s",
				   "%0123456789ABCDEF%"), 0);
	/* A logged-in visitor's cart is the user's, whatever the cookie. */
	make_req(&rq, "bz_visitor=0123456789abcdef0123456789abcdef");
	s.user_id = user_id;
	rq.sess = &s;
	mine = cart_for_request(&rq, 1);
	ck_assert_int_gt(mine, 0);
	ck_assert_int_ne(mine, one);
	ck_assert_int_eq(cart_for_user(user_id, 0), mine);
	rq.sess = NULL;
	req_free(&rq);
	/* A malformed id names no cart. */
	ck_assert_int_eq(visitor_cart("0123", 1), 0);
}
END_TEST

START_TEST(test_add_limits)
{
	long long cart = visitor_cart(visitor_one, 1), left = -1;

	ck_assert_int_eq(cart_add(cart, mug, 3, &left), 0);
	ck_assert_int_eq(cart_add(cart, mug, 2, &left), 0);
	ck_assert_int_eq(cart_count(cart), 5);
	/* Beyond the stock: refused, with what can still be added. */
	ck_assert_int_eq(cart_add(cart, mug, 6, &left), CART_TOO_MANY);
	ck_assert_int_eq(left, 5);
	ck_assert_int_eq(cart_count(cart), 5);
	/* Out of range quantities never reach the table. */
	ck_assert_int_eq(cart_add(cart, mug, 0, &left), CART_TOO_MANY);
	ck_assert_int_eq(cart_add(cart, mug, -1, &left), CART_TOO_MANY);
	ck_assert_int_eq(cart_add(cart, mug, 1000000000, &left), CART_TOO_MANY);
	ck_assert_int_eq(cart_count(cart), 5);
	ck_assert_int_eq(cart_add(cart, chair, 1, &left), CART_SOLD_OUT);
	ck_assert_int_eq(cart_add(cart, 999999999, 1, &left), CART_NOT_FOUND);
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'draft' WHERE id = ?", "i", lamp), 1);
	ck_assert_int_eq(cart_add(cart, lamp, 1, &left), CART_NOT_FOUND);
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'active' WHERE id = ?", "i", lamp), 1);
	ck_assert_int_eq(cart_add(cart, lamp, 1, &left), 0);
	ck_assert_int_eq(cart_count(cart), 6);
	ck_assert_int_eq(cart_count(0), 0);
}
END_TEST

START_TEST(test_lines_and_warnings)
{
	long long cart = visitor_cart(visitor_one, 1);
	struct cart_line *l;
	size_t n;

	ck_assert_int_eq(cart_add(cart, mug, 2, NULL), 0);
	ck_assert_int_eq(cart_add(cart, lamp, 2, NULL), 0);
	ck_assert_int_eq(cart_lines(cart, &l, &n), 0);
	ck_assert_uint_eq(n, 2);
	/* Grouped by shop: A's mug, then B's lamp. */
	ck_assert_int_eq(l[0].product_id, mug);
	ck_assert_str_eq(l[0].vendor_name, "Check Cart A");
	ck_assert_int_eq(l[0].vendor_id, vendor_a);
	ck_assert_int_eq(l[0].quantity, 2);
	ck_assert_int_eq(l[0].price_minor, 900);
	ck_assert_int_eq(l[0].price_added_minor, 900);
	ck_assert_uint_eq(l[0].warnings, 0);
	ck_assert_int_eq(l[1].product_id, lamp);
	ck_assert_int_eq(l[1].available, 1);
	cart_lines_free(l);

	/* The price moves, the lamp's stock falls below the quantity, the mug
	 * sells out, then the lamp's shop closes. */
	ck_assert_int_eq(db_exec("UPDATE products SET price_minor = 950 WHERE id = ?", "i", mug), 1);
	ck_assert_int_eq(db_exec("UPDATE products SET stock = 1 WHERE id = ?", "i", lamp), 1);
	ck_assert_int_eq(cart_lines(cart, &l, &n), 0);
	ck_assert_uint_eq(l[0].warnings, CART_WARN_PRICE);
	ck_assert_int_eq(l[0].price_minor, 950);
	ck_assert_uint_eq(l[1].warnings, CART_WARN_SHORT);
	cart_lines_free(l);
	ck_assert_int_eq(db_exec("UPDATE products SET stock = 0 WHERE id = ?", "i", mug), 1);
	ck_assert_int_eq(db_exec("UPDATE vendors SET status = 'blocked' WHERE id = ?", "i", vendor_b), 1);
	ck_assert_int_eq(cart_lines(cart, &l, &n), 0);
	ck_assert_uint_eq(l[0].warnings, CART_WARN_PRICE | CART_WARN_SOLD_OUT);
	ck_assert_uint_eq(l[1].warnings & CART_WARN_GONE, CART_WARN_GONE);
	ck_assert_int_eq(l[1].available, 0);
	cart_lines_free(l);
	ck_assert_int_eq(db_exec("UPDATE vendors SET status = 'verified' WHERE id = ?", "i", vendor_b), 1);
	/* Adding again takes the current price. */
	ck_assert_int_eq(db_exec("UPDATE products SET stock = 10 WHERE id = ?", "i", mug), 1);
	ck_assert_int_eq(cart_add(cart, mug, 1, NULL), 0);
	ck_assert_int_eq(cart_lines(cart, &l, &n), 0);
	ck_assert_int_eq(l[0].price_added_minor, 950);
	ck_assert_uint_eq(l[0].warnings, 0);
	cart_lines_free(l);
}
END_TEST

START_TEST(test_other_carts_lines)
{
	long long mine = visitor_cart(visitor_one, 1), theirs = visitor_cart(visitor_two, 1), stock;
	struct cart_line *l;
	size_t n;
	long long line;

	ck_assert_int_eq(cart_add(theirs, mug, 2, NULL), 0);
	ck_assert_int_eq(cart_lines(theirs, &l, &n), 0);
	line = l[0].id;
	cart_lines_free(l);
	/* Their line through my cart: not found, nothing changed. */
	ck_assert_int_eq(cart_set_quantity(mine, line, 1, &stock), CART_NOT_FOUND);
	ck_assert_int_eq(cart_remove(mine, line), CART_NOT_FOUND);
	ck_assert_int_eq(cart_save_for_later(mine, line, 1), CART_NOT_FOUND);
	ck_assert_int_eq(cart_count(theirs), 2);
	/* Their own changes work. */
	ck_assert_int_eq(cart_set_quantity(theirs, line, 5, &stock), 0);
	ck_assert_int_eq(cart_count(theirs), 5);
	ck_assert_int_eq(cart_set_quantity(theirs, line, 11, &stock), CART_TOO_MANY);
	ck_assert_int_eq(stock, 10);
	ck_assert_int_eq(cart_set_quantity(theirs, line, 0, &stock), CART_TOO_MANY);
	ck_assert_int_eq(cart_set_quantity(theirs, line, 100, &stock), CART_TOO_MANY);
	ck_assert_int_eq(cart_save_for_later(theirs, line, 1), 0);
	ck_assert_int_eq(cart_count(theirs), 0);
	ck_assert_int_eq(cart_lines(theirs, &l, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(cart_saved_lines(theirs, &l, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(l[0].saved, 1);
	cart_lines_free(l);
	ck_assert_int_eq(cart_save_for_later(theirs, line, 0), 0);
	ck_assert_int_eq(cart_count(theirs), 5);
	ck_assert_int_eq(cart_remove(theirs, line), 0);
	ck_assert_int_eq(cart_remove(theirs, line), CART_NOT_FOUND);
	ck_assert_int_eq(cart_count(theirs), 0);
}
END_TEST

START_TEST(test_merge_at_login)
{
	struct req rq;
	long long anon = visitor_cart(visitor_one, 1), mine = cart_for_user(user_id, 1);
	struct cart_line *l;
	size_t n;

	ck_assert_int_eq(cart_add(mine, mug, 4, NULL), 0);
	ck_assert_int_eq(cart_add(mine, lamp, 1, NULL), 0);
	ck_assert_int_eq(cart_save_for_later(mine, 0, 1), CART_NOT_FOUND);
	ck_assert_int_eq(cart_add(anon, mug, 7, NULL), 0);
	ck_assert_int_eq(cart_add(anon, lamp, 1, NULL), 0);
	make_req(&rq, "bz_visitor=0123456789abcdef0123456789abcdef");
	ck_assert_int_eq(cart_merge_at_login(&rq, user_id), 2);
	/* Nothing left to merge the second time. */
	ck_assert_int_eq(cart_merge_at_login(&rq, user_id), 0);
	req_free(&rq);
	ck_assert_int_eq(visitor_cart(visitor_one, 0), 0);
	ck_assert_int_eq(cart_lines(mine, &l, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(l[0].product_id, mug);
	ck_assert_int_eq(l[0].quantity, 11);
	ck_assert_int_eq(l[1].quantity, 2);
	ck_assert_uint_eq(l[1].warnings, 0);
	cart_lines_free(l);
	/* A visitor without a cart merges nothing. */
	make_req(&rq, NULL);
	ck_assert_int_eq(cart_merge_at_login(&rq, user_id), 0);
	req_free(&rq);
}
END_TEST

START_TEST(test_remove_ordered)
{
	long long cart = cart_for_user(user_id, 1), ids[2];

	ck_assert_int_eq(cart_add(cart, mug, 1, NULL), 0);
	ck_assert_int_eq(cart_add(cart, lamp, 1, NULL), 0);
	ids[0] = mug;
	ids[1] = lamp;
	/* Only inside the order's transaction. */
	ck_assert_int_eq(cart_remove_ordered(cart, ids, 1), -1);
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(cart_remove_ordered(cart, ids, 1), 1);
	ck_assert_int_eq(db_rollback(), 0);
	ck_assert_int_eq(cart_count(cart), 2);
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(cart_remove_ordered(cart, ids, 2), 2);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_eq(cart_count(cart), 0);
}
END_TEST

START_TEST(test_header_key)
{
	long long cart = visitor_cart(visitor_one, 1);
	char key[33];

	ck_assert_int_eq(cart_header_key(cart, key), 0);
	ck_assert_uint_eq(strlen(key), 32);
	ck_assert_int_eq(cart_header_key(0, key), -1);
	ck_assert_str_eq(key, "");
}
END_TEST

static Suite *
cart_suite(void)
{
	Suite *s = suite_create("cart");
	TCase *live = tcase_create("live");

	tcase_add_checked_fixture(live, live_setup, live_teardown);
	tcase_add_test(live, test_cart_of_visitor_and_user);
	tcase_add_test(live, test_add_limits);
	tcase_add_test(live, test_lines_and_warnings);
	tcase_add_test(live, test_other_carts_lines);
	tcase_add_test(live, test_merge_at_login);
	tcase_add_test(live, test_remove_ordered);
	tcase_add_test(live, test_header_key);
	suite_add_tcase(s, live);
	return s;
}

CHECK_MAIN(cart_suite)
