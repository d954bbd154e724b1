/*
 * Tests for cgi/lib/coupon.c: codes made canonical; a discount spread over
 * the lines it applies to with parts that add up exactly, and the vendor's
 * share; against the test stack's database every refusal with its own
 * sentence, the hold counted once per order and given back once, a
 * single-use coupon raced by 50 processes (exactly one use) and one
 * customer's limit raced by several processes (exactly the limit).
 */
#include "check_util.h"
#include "clock.h"
#include "coupon.h"
#include "db.h"
#include "../race_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---------------------------------------------------------------- core */

START_TEST(test_code_normalise)
{
	char out[COUPON_CODE_MAX + 1];

	ck_assert_ptr_null(coupon_code_normalise("  summer-10_b ", out, sizeof out));
	ck_assert_str_eq(out, "SUMMER-10_B");
	ck_assert_ptr_nonnull(coupon_code_normalise("ab", out, sizeof out));
	ck_assert_ptr_nonnull(coupon_code_normalise("", out, sizeof out));
	ck_assert_ptr_nonnull(coupon_code_normalise(NULL, out, sizeof out));
	ck_assert_ptr_nonnull(coupon_code_normalise("TEN OFF", out, sizeof out));
	ck_assert_ptr_nonnull(coupon_code_normalise("C\xc3\xa9T\xc3\xa9", out, sizeof out));
	ck_assert_ptr_nonnull(coupon_code_normalise("<script>", out, sizeof out));
	ck_assert_ptr_nonnull(coupon_code_normalise("A234567890123456789012345678901234567890X", out, sizeof out));
	ck_assert_ptr_null(coupon_code_normalise("A234567890123456789012345678901234567890", out, sizeof out));
}
END_TEST

static long long
check_coupon_sum(const struct coupon_line *l, size_t n)
{
	long long s = 0;

	for (size_t i = 0; i < n; i++)
		s += l[i].discount_minor;
	return s;
}

START_TEST(test_spread_percent)
{
	struct coupon c = { .percent = 1, .percent_bp = 1000 };
	struct coupon_line l[3] = {
		{ .product_id = 1, .vendor_id = 7, .line_minor = 333 },
		{ .product_id = 2, .vendor_id = 8, .line_minor = 333 },
		{ .product_id = 3, .vendor_id = 7, .line_minor = 334 },
	};
	struct coupon_vendor_share sh[3];
	long long d = -1;
	size_t ns = 9;

	ck_assert_int_eq(coupon_spread(&c, l, 3, &d, sh, &ns), 0);
	ck_assert_int_eq(d, 100);
	ck_assert_int_eq(check_coupon_sum(l, 3), 100);
	for (size_t i = 0; i < 3; i++)
		ck_assert(l[i].discount_minor >= 33 && l[i].discount_minor <= 34);
	ck_assert_uint_eq(ns, 2);
	ck_assert_int_eq(sh[0].vendor_id, 7);
	ck_assert_int_eq(sh[0].discount_minor, l[0].discount_minor + l[2].discount_minor);
	ck_assert_int_eq(sh[1].vendor_id, 8);
	ck_assert_int_eq(sh[0].discount_minor + sh[1].discount_minor, 100);
	ck_assert_int_eq(sh[0].vendor_minor, 0);	/* the marketplace bears it */
	ck_assert_int_eq(sh[1].vendor_minor, 0);
}
END_TEST

/* Awkward amounts: the parts always add up to the discount and never pass
 * their line, whatever the rate and the lines. */
START_TEST(test_spread_adds_up)
{
	struct coupon_line l[7];
	unsigned seed = 12345;

	for (int round = 0; round < 2000; round++) {
		struct coupon c = { 0 };
		long long d, eligible = 0;
		size_t n = 1 + (size_t)(rand_r(&seed) % 7);

		if (round % 2 == 0) {
			c.percent = 1;
			c.percent_bp = 1 + rand_r(&seed) % 10000;
		} else {
			c.amount_minor = 1 + rand_r(&seed) % 50000;
		}
		for (size_t i = 0; i < n; i++) {
			l[i] = (struct coupon_line){ .product_id = (long long)i + 1, .vendor_id = 1 + rand_r(&seed) % 3,
						     .line_minor = rand_r(&seed) % 20000 };
			eligible += l[i].line_minor;
		}
		ck_assert_int_eq(coupon_spread(&c, l, n, &d, NULL, NULL), 0);
		ck_assert_int_eq(check_coupon_sum(l, n), d);
		ck_assert(d <= eligible && d >= 0);
		for (size_t i = 0; i < n; i++)
			ck_assert(l[i].discount_minor >= 0 && l[i].discount_minor <= l[i].line_minor);
	}
}
END_TEST

START_TEST(test_spread_fixed_vendor_borne)
{
	/* 5.00 off vendor 8's items, borne by vendor 8. */
	struct coupon c = { .amount_minor = 500, .vendor_id = 8, .vendor_borne = 1 };
	struct coupon_line l[4] = {
		{ .product_id = 1, .vendor_id = 7, .line_minor = 10000 },
		{ .product_id = 2, .vendor_id = 8, .line_minor = 100 },
		{ .product_id = 3, .vendor_id = 8, .line_minor = 200 },
		{ .product_id = 4, .vendor_id = 8, .line_minor = 0 },
	};
	struct coupon_vendor_share sh[4];
	long long d;
	size_t ns;

	/* More than the items come to: it takes what they come to. */
	ck_assert_int_eq(coupon_spread(&c, l, 4, &d, sh, &ns), 0);
	ck_assert_int_eq(d, 300);
	ck_assert_int_eq(l[0].discount_minor, 0);
	ck_assert_int_eq(l[1].discount_minor, 100);
	ck_assert_int_eq(l[2].discount_minor, 200);
	ck_assert_int_eq(l[3].discount_minor, 0);
	ck_assert_uint_eq(ns, 1);
	ck_assert_int_eq(sh[0].vendor_id, 8);
	ck_assert_int_eq(sh[0].discount_minor, 300);
	ck_assert_int_eq(sh[0].vendor_minor, 300);

	c.amount_minor = 100;
	ck_assert_int_eq(coupon_spread(&c, l, 4, &d, sh, &ns), 0);
	ck_assert_int_eq(d, 100);
	ck_assert_int_eq(l[1].discount_minor, 33);
	ck_assert_int_eq(l[2].discount_minor, 67);

	/* Nothing of the vendor's: no discount, no share. */
	c.vendor_id = 9;
	ck_assert_int_eq(coupon_spread(&c, l, 4, &d, sh, &ns), 0);
	ck_assert_int_eq(d, 0);
	ck_assert_uint_eq(ns, 0);
	ck_assert_int_eq(check_coupon_sum(l, 4), 0);

	/* A negative line is refused. */
	l[0].line_minor = -1;
	c.vendor_id = 0;
	ck_assert_int_eq(coupon_spread(&c, l, 4, &d, sh, &ns), -1);
}
END_TEST

START_TEST(test_spread_category)
{
	struct coupon c = { .percent = 1, .percent_bp = 5000, .category_id = 20,
			    .categories = { 20, 21, 22 }, .ncategories = 3 };
	struct coupon_line l[3] = {
		{ .product_id = 1, .vendor_id = 7, .category_id = 21, .line_minor = 1000 },
		{ .product_id = 2, .vendor_id = 8, .category_id = 30, .line_minor = 1000 },
		{ .product_id = 3, .vendor_id = 8, .category_id = 20, .line_minor = 999 },
	};
	long long d;

	ck_assert_int_eq(coupon_spread(&c, l, 3, &d, NULL, NULL), 0);
	ck_assert_int_eq(d, 1000);	/* 50% of 19.99, rounded half away from zero */
	ck_assert_int_eq(l[0].discount_minor + l[2].discount_minor, 1000);
	ck_assert_int_eq(l[1].discount_minor, 0);
}
END_TEST

START_TEST(test_describe)
{
	struct arena a;
	struct coupon p = { .percent = 1, .percent_bp = 1250 }, f = { .amount_minor = 500 };

	arena_init(&a);
	ck_assert_str_eq(coupon_describe(&a, &p), "12.5% off");
	ck_assert_ptr_nonnull(strstr(coupon_describe(&a, &f), "5.00 off"));
	arena_free(&a);
}
END_TEST

/* ------------------------------------------------------------ database */

static long long check_coupon_vendor, check_coupon_category, check_coupon_subcategory;

static void
check_coupon_random(char *out, size_t outsz)
{
	unsigned char rnd[6];
	FILE *f = fopen("/dev/urandom", "rb");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fread(rnd, 1, sizeof rnd, f), sizeof rnd);
	fclose(f);
	snprintf(out, outsz, "%02X%02X%02X%02X%02X%02X", rnd[0], rnd[1], rnd[2], rnd[3], rnd[4], rnd[5]);
}

static void
setup(void)
{
	CHECK_DB_CONNECT("check_coupon");
	check_coupon_vendor = db_scalar(0, "SELECT id FROM vendors WHERE slug = 'check-coupon-shop'", "");
	if (check_coupon_vendor <= 0) {
		long long plan = db_scalar(0, "SELECT id FROM plans ORDER BY id LIMIT 1", "");

		ck_assert_int_gt(plan, 0);
		ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description,"
					 " status, plan_id) VALUES ('check-coupon-shop', 'Coupon Test Shop',"
					 " 'Coupon Test Shop Ltd', '', 'verified', ?)", "i", plan), 1);
		check_coupon_vendor = (long long)db_insert_id();
	}
	/* A category with one below it. */
	check_coupon_category = db_scalar(0, "SELECT p.id FROM categories p JOIN categories k ON k.parent_id = p.id"
					  " ORDER BY p.id LIMIT 1", "");
	ck_assert_int_gt(check_coupon_category, 0);
	check_coupon_subcategory = db_scalar(0, "SELECT id FROM categories WHERE parent_id = ? ORDER BY id LIMIT 1",
					     "i", check_coupon_category);
}

static void
teardown(void)
{
	db_close();
}

/* A coupon with a fresh code (into code): percent off, no limits. */
static long long
check_coupon_make(char *code, size_t codesz, long long percent_bp)
{
	char rnd[16];

	check_coupon_random(rnd, sizeof rnd);
	snprintf(code, codesz, "T%s", rnd);
	ck_assert_int_eq(db_exec("INSERT INTO coupons (code, owner, kind, percent_bp) VALUES (?, 'admin', 'percent', ?)",
				 "si", code, percent_bp), 1);
	return (long long)db_insert_id();
}

/* An unpaid order (the coupon's uses refer to it). */
static long long
check_coupon_order(const char *email)
{
	char key[16], number[32];

	check_coupon_random(key, sizeof key);
	snprintf(number, sizeof number, "CK-%s", key);
	ck_assert_int_eq(db_exec("INSERT INTO orders (number, email, payment_method, items_minor, total_minor,"
				 " ship_country, idempotency_key, cart_hash, placed_at, expires_at)"
				 " VALUES (?, ?, 'card', 1000, 1000, 'DE', ?, UNHEX(SHA2(?, 256)), NOW(3), NOW())",
				 "ssss", number, email, key, key), 1);
	return (long long)db_insert_id();
}

static struct coupon_line check_coupon_cart[2];

static void
check_coupon_fill_cart(void)
{
	check_coupon_cart[0] = (struct coupon_line){ .product_id = 1, .vendor_id = check_coupon_vendor,
						     .category_id = check_coupon_subcategory, .line_minor = 2000 };
	check_coupon_cart[1] = (struct coupon_line){ .product_id = 2, .vendor_id = check_coupon_vendor + 100000,
						     .category_id = 999999, .line_minor = 3000 };
}

/* Holds coupon for order in a transaction of its own; the status. */
static int
check_coupon_hold(long long coupon, long long order, long long user, const char *email, char *msg, size_t msgsz)
{
	int rc;

	ck_assert_int_eq(db_begin(), 0);
	rc = coupon_hold(coupon, order, user, email, msg, msgsz);
	if (rc == COUPON_OK)
		ck_assert_int_eq(db_commit(), 0);
	else
		ck_assert_int_eq(db_rollback(), 0);
	return rc;
}

START_TEST(test_check_ok)
{
	char code[32], lower[40];
	struct coupon c;
	long long id = check_coupon_make(code, sizeof code, 1000);

	check_coupon_fill_cart();
	snprintf(lower, sizeof lower, " %s ", code);
	for (char *p = lower; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	ck_assert_int_eq(coupon_check_lines(lower, 0, "Guest@Example.com", check_coupon_cart, 2, &c), COUPON_OK);
	ck_assert_int_eq(c.id, id);
	ck_assert_str_eq(c.code, code);
	ck_assert_int_eq(c.eligible_minor, 5000);
	ck_assert_int_eq(c.discount_minor, 500);
	ck_assert_str_eq(c.message, "");
}
END_TEST

START_TEST(test_check_messages)
{
	char code[32], msg[COUPON_MESSAGE_MAX];
	struct coupon c;
	long long id, order;

	check_coupon_fill_cart();
	ck_assert_int_eq(coupon_check_lines("NO-SUCH-CODE-EVER", 0, NULL, check_coupon_cart, 2, &c), COUPON_INVALID);
	ck_assert_str_eq(c.message, "There is no coupon with this code. Check what you typed.");
	ck_assert_int_eq(coupon_check_lines("x", 0, NULL, check_coupon_cart, 2, &c), COUPON_INVALID);
	ck_assert_str_eq(c.message, "There is no coupon with this code. Check what you typed.");

	id = check_coupon_make(code, sizeof code, 1000);
	ck_assert_int_eq(db_exec("UPDATE coupons SET active = 0 WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(coupon_check_lines(code, 0, NULL, check_coupon_cart, 2, &c), COUPON_INVALID);
	ck_assert_str_eq(c.message, "This coupon has been withdrawn and can no longer be used.");

	id = check_coupon_make(code, sizeof code, 1000);
	ck_assert_int_eq(db_exec("UPDATE coupons SET starts_at = '2999-01-02 00:00:00' WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(coupon_check_lines(code, 0, NULL, check_coupon_cart, 2, &c), COUPON_NOT_STARTED);
	ck_assert_str_eq(c.message, "This coupon is not valid yet: it can be used from 2 January 2999.");

	id = check_coupon_make(code, sizeof code, 1000);
	ck_assert_int_eq(db_exec("UPDATE coupons SET ends_at = '2020-03-01 00:00:00' WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(coupon_check_lines(code, 0, NULL, check_coupon_cart, 2, &c), COUPON_EXPIRED);
	ck_assert_str_eq(c.message, "This coupon has expired: it could be used until 29 February 2020.");

	id = check_coupon_make(code, sizeof code, 1000);
	ck_assert_int_eq(db_exec("UPDATE coupons SET max_uses = 1, uses = 1 WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(coupon_check_lines(code, 0, NULL, check_coupon_cart, 2, &c), COUPON_USED_UP);
	ck_assert_str_eq(c.message, "This coupon has been used up: all of its 1 uses are taken.");

	id = check_coupon_make(code, sizeof code, 1000);
	ck_assert_int_eq(db_exec("UPDATE coupons SET per_customer = 1 WHERE id = ?", "i", id), 1);
	order = check_coupon_order("limit@example.com");
	ck_assert_int_eq(check_coupon_hold(id, order, 0, "limit@example.com", msg, sizeof msg), COUPON_OK);
	ck_assert_int_eq(coupon_check_lines(code, 0, "LIMIT@example.com", check_coupon_cart, 2, &c), COUPON_CUSTOMER_LIMIT);
	ck_assert_str_eq(c.message, "You have already used this coupon; it can be used once per customer.");
	ck_assert_int_eq(coupon_check_lines(code, 0, "other@example.com", check_coupon_cart, 2, &c), COUPON_OK);

	id = check_coupon_make(code, sizeof code, 1000);
	ck_assert_int_eq(db_exec("UPDATE coupons SET min_order_minor = 6000 WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(coupon_check_lines(code, 0, NULL, check_coupon_cart, 2, &c), COUPON_MINIMUM);
	ck_assert_ptr_nonnull(strstr(c.message, "This coupon needs an order of at least "));
	ck_assert_ptr_nonnull(strstr(c.message, "60.00; your items come to "));
	ck_assert_ptr_nonnull(strstr(c.message, "50.00."));

	/* Limited to the shop: only its line counts towards the minimum. */
	id = check_coupon_make(code, sizeof code, 1000);
	ck_assert_int_eq(db_exec("UPDATE coupons SET min_order_minor = 2500, vendor_id = ? WHERE id = ?", "ii",
				 check_coupon_vendor, id), 1);
	ck_assert_int_eq(coupon_check_lines(code, 0, NULL, check_coupon_cart, 2, &c), COUPON_MINIMUM);
	ck_assert_ptr_nonnull(strstr(c.message, "of items from Coupon Test Shop; yours come to "));
	ck_assert_ptr_nonnull(strstr(c.message, "20.00."));
	ck_assert_int_eq(db_exec("UPDATE coupons SET min_order_minor = 2000 WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(coupon_check_lines(code, 0, NULL, check_coupon_cart, 2, &c), COUPON_OK);
	ck_assert_int_eq(c.eligible_minor, 2000);
	ck_assert_int_eq(c.discount_minor, 200);

	/* Not applicable: another shop's items only. */
	check_coupon_cart[0].vendor_id = check_coupon_vendor + 200000;
	ck_assert_int_eq(coupon_check_lines(code, 0, NULL, check_coupon_cart, 2, &c), COUPON_NOT_APPLICABLE);
	ck_assert_str_eq(c.message,
			 "This coupon does not apply to anything in your cart: it is for items from Coupon Test Shop only.");
}
END_TEST

START_TEST(test_check_category)
{
	char code[32], name[256], expect[400];
	struct coupon c;
	struct db_result *r;
	long long id = check_coupon_make(code, sizeof code, 2500);

	check_coupon_fill_cart();
	/* The parent category covers the line filed below it. */
	ck_assert_int_eq(db_exec("UPDATE coupons SET category_id = ? WHERE id = ?", "ii", check_coupon_category, id), 1);
	ck_assert_int_eq(coupon_check_lines(code, 0, NULL, check_coupon_cart, 2, &c), COUPON_OK);
	ck_assert_int_eq(c.eligible_minor, 2000);
	ck_assert_int_eq(c.discount_minor, 500);

	check_coupon_cart[0].category_id = 999998;
	ck_assert_int_eq(coupon_check_lines(code, 0, NULL, check_coupon_cart, 2, &c), COUPON_NOT_APPLICABLE);
	r = db_query("SELECT name FROM categories WHERE id = ?", "i", check_coupon_category);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(db_next(r), 1);
	snprintf(name, sizeof name, "%s", db_str(r, 0));
	db_free(r);
	snprintf(expect, sizeof expect,
		 "This coupon does not apply to anything in your cart: it is for items in %s only.", name);
	ck_assert_str_eq(c.message, expect);
}
END_TEST

START_TEST(test_hold_and_release)
{
	char code[32], msg[COUPON_MESSAGE_MAX];
	struct coupon c;
	long long id = check_coupon_make(code, sizeof code, 1000), o1, o2, o3;

	ck_assert_int_eq(db_exec("UPDATE coupons SET max_uses = 1 WHERE id = ?", "i", id), 1);
	o1 = check_coupon_order("a@example.com");
	o2 = check_coupon_order("b@example.com");
	o3 = check_coupon_order("c@example.com");

	/* Outside a transaction it refuses. */
	ck_assert_int_eq(coupon_hold(id, o1, 0, "a@example.com", msg, sizeof msg), COUPON_ERROR);

	ck_assert_int_eq(check_coupon_hold(id, o1, 0, "a@example.com", msg, sizeof msg), COUPON_OK);
	ck_assert_int_eq(db_scalar(-1, "SELECT uses FROM coupons WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(check_coupon_hold(id, o2, 0, "b@example.com", msg, sizeof msg), COUPON_USED_UP);
	ck_assert_str_eq(msg, "This coupon has been used up: all of its 1 uses are taken.");
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM coupon_uses WHERE order_id = ?", "i", o2), 0);

	/* The first order expires: its use comes back, once. */
	ck_assert_int_eq(coupon_release(o1), 1);
	ck_assert_int_eq(coupon_release(o1), 0);
	ck_assert_int_eq(coupon_release(o3), 0);	/* held nothing */
	ck_assert_int_eq(db_scalar(-1, "SELECT uses FROM coupons WHERE id = ?", "i", id), 0);
	ck_assert_int_eq(coupon_check_lines(code, 0, "b@example.com", NULL, 0, &c), COUPON_NOT_APPLICABLE);
	ck_assert_int_eq(check_coupon_hold(id, o2, 0, "b@example.com", msg, sizeof msg), COUPON_OK);
	ck_assert_int_eq(db_scalar(-1, "SELECT uses FROM coupons WHERE id = ?", "i", id), 1);

	/* In the caller's transaction: rolled back, nothing is given back. */
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(coupon_release(o2), 1);
	ck_assert_int_eq(db_rollback(), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT uses FROM coupons WHERE id = ?", "i", id), 1);

	/* A coupon ended or withdrawn since the check: the hold says so. */
	ck_assert_int_eq(coupon_release(o2), 1);
	ck_assert_int_eq(db_exec("UPDATE coupons SET ends_at = '2020-01-01 12:30:00' WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(check_coupon_hold(id, o3, 0, "c@example.com", msg, sizeof msg), COUPON_EXPIRED);
	ck_assert_str_eq(msg, "This coupon has expired: it ended on 1 January 2020, 12:30 UTC.");
	ck_assert_int_eq(db_exec("UPDATE coupons SET ends_at = NULL, active = 0 WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(check_coupon_hold(id, o3, 0, "c@example.com", msg, sizeof msg), COUPON_INVALID);
	ck_assert_int_eq(db_scalar(-1, "SELECT uses FROM coupons WHERE id = ?", "i", id), 0);
}
END_TEST

/* The same customer by account and by address: a guest with the address of a
 * customer who used it up is that customer, and so is the customer under a
 * new address. A release lets them use it again. */
START_TEST(test_per_customer_identities)
{
	char code[32], msg[COUPON_MESSAGE_MAX];
	struct coupon c;
	long long id = check_coupon_make(code, sizeof code, 1000), o1, o2, o3;

	ck_assert_int_eq(db_exec("UPDATE coupons SET per_customer = 1 WHERE id = ?", "i", id), 1);
	o1 = check_coupon_order("pc@example.com");
	o2 = check_coupon_order("pc@example.com");
	o3 = check_coupon_order("new@example.com");
	ck_assert_int_eq(check_coupon_hold(id, o1, 424242, "pc@example.com", msg, sizeof msg), COUPON_OK);
	ck_assert_int_eq(check_coupon_hold(id, o2, 0, "PC@example.com", msg, sizeof msg), COUPON_CUSTOMER_LIMIT);
	ck_assert_str_eq(msg, "You have already used this coupon; it can be used once per customer.");
	ck_assert_int_eq(check_coupon_hold(id, o3, 424242, "new@example.com", msg, sizeof msg), COUPON_CUSTOMER_LIMIT);
	ck_assert_int_eq(db_scalar(-1, "SELECT uses FROM coupons WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(coupon_check_lines(code, 424242, "new@example.com", NULL, 0, &c), COUPON_CUSTOMER_LIMIT);

	/* The first order's payment fails: the customer may try again. */
	ck_assert_int_eq(coupon_release(o1), 1);
	ck_assert_int_eq(check_coupon_hold(id, o2, 0, "pc@example.com", msg, sizeof msg), COUPON_OK);
	ck_assert_int_eq(db_scalar(-1, "SELECT uses FROM coupons WHERE id = ?", "i", id), 1);

	/* A limit of two: two orders, not three. */
	ck_assert_int_eq(db_exec("UPDATE coupons SET per_customer = 2 WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(check_coupon_hold(id, o3, 0, "pc@example.com", msg, sizeof msg), COUPON_OK);
	ck_assert_int_eq(check_coupon_hold(id, o1, 0, "pc@example.com", msg, sizeof msg), COUPON_CUSTOMER_LIMIT);
	ck_assert_str_eq(msg, "You have already used this coupon 2 times, the most allowed per customer.");
}
END_TEST

/* What the racers of check_coupon_race hold: coupon for order orders[i]. */
struct coupon_race {
	long long coupon, user;
	const char *email;
	long long orders[RACE_MAX];
};

/* A racer: 0 held, 1 used up, 2 the customer's limit reached. */
static int
coupon_racer(int i, void *arg)
{
	const struct coupon_race *r = arg;
	char msg[COUPON_MESSAGE_MAX];
	int rc;

	for (int attempt = 0;; attempt++) {
		if (db_begin() != 0)
			return RACE_BROKEN;
		rc = coupon_hold(r->coupon, r->orders[i], r->user, r->email, msg, sizeof msg);
		if (rc == COUPON_OK && db_commit() == 0)
			break;
		db_rollback();
		/* A deadlock rolls the whole transaction back: the
		 * order's placement would run again, so do we. */
		if (rc != COUPON_ERROR || attempt == 3)
			break;
	}
	return rc == COUPON_OK ? 0 : rc == COUPON_USED_UP ? 1 : rc == COUPON_CUSTOMER_LIMIT ? 2 : RACE_BROKEN;
}

/*
 * nkids processes, each with its own connection and its own order, hold
 * coupon in one transaction each, all let go at the same moment. The
 * number that got a use.
 */
static int
check_coupon_race(long long coupon, int nkids, long long user, const char *email)
{
	struct coupon_race r = { coupon, user, email, { 0 } };
	int outcome[RACE_MAX];

	ck_assert_int_le(nkids, RACE_MAX);
	for (int i = 0; i < nkids; i++)
		r.orders[i] = check_coupon_order(email);
	race_run(nkids, coupon_racer, &r, outcome);
	return race_count(outcome, nkids, 0);
}

START_TEST(test_single_use_race)
{
	char code[32];
	long long id = check_coupon_make(code, sizeof code, 1000);

	ck_assert_int_eq(db_exec("UPDATE coupons SET max_uses = 1 WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(check_coupon_race(id, 50, 0, "racer@example.com"), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT uses FROM coupons WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM coupon_uses WHERE coupon_id = ? AND released_at IS NULL",
				   "i", id), 1);
}
END_TEST

START_TEST(test_per_customer_race)
{
	char code[32];
	long long id = check_coupon_make(code, sizeof code, 1000);

	ck_assert_int_eq(db_exec("UPDATE coupons SET per_customer = 2 WHERE id = ?", "i", id), 1);
	ck_assert_int_eq(check_coupon_race(id, 12, 515151, "same@example.com"), 2);
	ck_assert_int_eq(db_scalar(-1, "SELECT uses FROM coupons WHERE id = ?", "i", id), 2);
	/* Each of the customer's identities holds two slots, no more. */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM coupon_uses WHERE coupon_id = ? AND customer = 'u:515151'"
				   " AND released_at IS NULL", "i", id), 2);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM coupon_uses WHERE coupon_id = ?"
				   " AND customer = 'e:same@example.com' AND released_at IS NULL", "i", id), 2);
}
END_TEST

/* Made, changed and withdrawn by an admin or by the vendor who owns it;
 * the pages' words for its validity and state. */
START_TEST(test_create_update_deactivate)
{
	struct coupon_terms t = { .percent = 0, .amount_minor = 700, .vendor_id = 0, .vendor_borne = 1,
				  .starts_at = 1798761600 /* 2027-01-01 */, .ends_at = 1801440000, /* 2027-02-01 */
				  .note = "launch" };
	struct coupon c;
	struct arena a;
	char code[32], rnd[16];
	long long id = 0, vid = 0, other = check_coupon_vendor + 1000000;

	check_coupon_random(rnd, sizeof rnd);
	snprintf(code, sizeof code, "M%s", rnd);
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(coupon_create(code, &t, 0, 0, &id), 0);
	ck_assert_int_eq(coupon_create(code, &t, 0, 0, &vid), COUPON_TAKEN);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_eq(coupon_load(id, &c), COUPON_OK);
	/* A vendor bears only a coupon limited to its items. */
	ck_assert_int_eq(c.vendor_borne, 0);
	ck_assert_int_eq(c.amount_minor, 700);
	ck_assert_str_eq(c.note, "launch");
	arena_init(&a);
	ck_assert_str_eq(coupon_validity_text(&a, &c), "1 January 2027 to 31 January 2027");
	ck_assert_str_eq(coupon_scope_text(&a, &c), "Every item");
	ck_assert_str_eq(coupon_state(&c, 1798761599), "Scheduled");
	ck_assert_str_eq(coupon_state(&c, 1798761600), "Active");
	ck_assert_str_eq(coupon_state(&c, 1801440000), "Expired");
	c.max_uses = 2;
	c.uses = 2;
	ck_assert_str_eq(coupon_state(&c, 1798761600), "Used up");

	/* The vendor's own: limited to it and borne by it, whatever t says. */
	snprintf(code, sizeof code, "V%s", rnd);
	t.vendor_id = 0;
	t.vendor_borne = 0;
	t.ends_at = 0;
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(coupon_create(code, &t, check_coupon_vendor, 0, &vid), 0);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_eq(coupon_load(vid, &c), COUPON_OK);
	ck_assert_int_eq(c.vendor_id, check_coupon_vendor);
	ck_assert_int_eq(c.vendor_borne, 1);
	ck_assert_int_eq(c.vendor_owned, 1);
	ck_assert_str_eq(coupon_validity_text(&a, &c), "From 1 January 2027");
	ck_assert_str_eq(coupon_scope_text(&a, &c), "Items from Coupon Test Shop");

	/* Who may change what. */
	t.percent = 1;
	t.percent_bp = 2000;
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(coupon_update(vid, &t, other), COUPON_NOT_FOUND);
	ck_assert_int_eq(coupon_update(vid, &t, 0), COUPON_NOT_FOUND);	/* an admin: not the vendor's terms */
	ck_assert_int_eq(coupon_update(id, &t, check_coupon_vendor), COUPON_NOT_FOUND);
	ck_assert_int_eq(coupon_update(vid, &t, check_coupon_vendor), 0);
	ck_assert_int_eq(coupon_update(999999999999LL, &t, 0), COUPON_NOT_FOUND);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_eq(coupon_load(vid, &c), COUPON_OK);
	ck_assert_int_eq(c.percent_bp, 2000);
	ck_assert_int_eq(c.amount_minor, 0);
	ck_assert_int_eq(c.vendor_borne, 1);

	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(coupon_deactivate(vid, other), COUPON_NOT_FOUND);
	ck_assert_int_eq(coupon_deactivate(id, check_coupon_vendor), COUPON_NOT_FOUND);
	ck_assert_int_eq(coupon_deactivate(vid, check_coupon_vendor), 0);
	ck_assert_int_eq(coupon_deactivate(vid, 0), COUPON_INACTIVE);
	ck_assert_int_eq(coupon_deactivate(id, 0), 0);
	ck_assert_int_eq(db_commit(), 0);
	ck_assert_int_eq(coupon_load(vid, &c), COUPON_OK);
	ck_assert_str_eq(coupon_state(&c, 0), "Withdrawn");
	arena_free(&a);
}
END_TEST

static Suite *
coupon_suite(void)
{
	Suite *s = suite_create("coupon");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_code_normalise);
	tcase_add_test(tc, test_spread_percent);
	tcase_add_test(tc, test_spread_adds_up);
	tcase_add_test(tc, test_spread_fixed_vendor_borne);
	tcase_add_test(tc, test_spread_category);
	tcase_add_test(tc, test_describe);
	suite_add_tcase(s, tc);
	tc = tcase_create("db");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_check_ok);
	tcase_add_test(tc, test_check_messages);
	tcase_add_test(tc, test_check_category);
	tcase_add_test(tc, test_hold_and_release);
	tcase_add_test(tc, test_per_customer_identities);
	tcase_add_test(tc, test_single_use_race);
	tcase_add_test(tc, test_per_customer_race);
	tcase_add_test(tc, test_create_update_deactivate);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(coupon_suite)
