/*
 * Tests for cgi/lib/order.c against the test stack's MariaDB: the quote,
 * placing an order (every row and snapshot, the commission adding up, a
 * conversation per vendor order for a customer and none for a guest), the
 * idempotency key (again, concurrently, with another cart), a short item
 * writing nothing, and 100 processes racing for the last unit, 20 rounds.
 * The tests make their own plan, vendors, category, products and customer,
 * named check-order-*, and remove them (and their orders) at the end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_util.h"
#include "cache.h"
#include "crypt.h"
#include "db.h"
#include "order.h"
#include "shipping.h"
#include "tmpl.h"

static long long plan_id, vendor_a, vendor_b, cat_id, mug, lamp, pen, last_unit, user_id, other_user;
static char key_dir[] = "/tmp/check_order_XXXXXX";

static const struct address ship = { "Ada Buyer", "1 Harbour Road", "", "Berlin", "10115", "DE", "" };

/* The fixture's orders (their emails begin check-order-), then the fixture. */
static void
remove_fixture_rows(void)
{
	db_exec("DELETE h FROM order_history h JOIN orders o ON o.id = h.order_id WHERE o.email LIKE 'check-order-%'", "");
	db_exec("DELETE i FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.email LIKE 'check-order-%'", "");
	db_exec("DELETE vo FROM vendor_orders vo JOIN orders o ON o.id = vo.order_id WHERE o.email LIKE 'check-order-%'",
		"");
	db_exec("DELETE u FROM coupon_uses u JOIN orders o ON o.id = u.order_id WHERE o.email LIKE 'check-order-%'", "");
	db_exec("DELETE FROM mail_outbox WHERE to_addr LIKE 'check-order-%'", "");
	db_exec("DELETE FROM orders WHERE email LIKE 'check-order-%'", "");
	db_exec("DELETE FROM coupons WHERE code LIKE 'CHECK-ORDER-%'", "");
	db_exec("DELETE p FROM products p JOIN vendors v ON v.id = p.vendor_id WHERE v.slug LIKE 'check-order-%'", "");
	db_exec("DELETE FROM categories WHERE slug = 'check-order-cat'", "");
	db_exec("DELETE h FROM vendor_plan_history h JOIN vendors v ON v.id = h.vendor_id"
		" WHERE v.slug LIKE 'check-order-%'", "");
	db_exec("DELETE s FROM vendor_shipping s JOIN vendors v ON v.id = s.vendor_id WHERE v.slug LIKE 'check-order-%'",
		"");
	db_exec("DELETE s FROM vendor_ship_countries s JOIN vendors v ON v.id = s.vendor_id"
		" WHERE v.slug LIKE 'check-order-%'", "");
	db_exec("DELETE FROM vendors WHERE slug LIKE 'check-order-%'", "");
	db_exec("DELETE FROM plans WHERE name = 'check-order-plan'", "");
	db_exec("DELETE FROM users WHERE email LIKE 'check-order-%'", "");
}

static long long
add_vendor(const char *slug, const char *name)
{
	ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description, status, plan_id)"
				 " VALUES (?, ?, 'Check Order Ltd', '', 'verified', ?)", "ssi", slug, name, plan_id), 1);
	return (long long)db_insert_id();
}

static long long
add_product(long long vendor, const char *name, long long price, long long stock)
{
	ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, name, slug,"
				 " description, sku, price_minor, stock, status) VALUES (?, ?, ?, ?, 'check-order',"
				 " '', CONCAT('SKU-', ?), ?, ?, 'active')", "iiissii", vendor, cat_id, cat_id, name, name,
				 price, stock),
			 1);
	return (long long)db_insert_id();
}

static long long
add_user(const char *email)
{
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role) VALUES (?, 'Check Order', 'customer')", "s",
				 email), 1);
	return (long long)db_insert_id();
}

static void
live_setup(void)
{
	struct shipping_terms terms;
	char path[64];

	ck_assert_msg(tmpl_init("templates", 0) == 0, "cannot load templates/ (run from the repository root)");
	CHECK_DB_CONNECT("check_order");
	cache_init();
	ck_assert_ptr_nonnull(mkdtemp(key_dir));
	snprintf(path, sizeof path, "%s/data.key", key_dir);
	ck_assert_int_eq(crypt_init_file(path, 1), 0);
	remove_fixture_rows();
	/* 10% with a minimum of 0.30 and a maximum of 5.00 per item. */
	ck_assert_int_eq(db_exec("INSERT INTO plans (name, commission_bp, commission_min_minor, commission_max_minor,"
				 " listing_limit, monthly_fee_minor) VALUES ('check-order-plan', 1000, 30, 500, NULL, 0)",
				 ""), 1);
	plan_id = (long long)db_insert_id();
	vendor_a = add_vendor("check-order-a", "Anchor Goods");
	vendor_b = add_vendor("check-order-b", "Beacon Lamps");
	ck_assert_int_eq(db_exec("INSERT INTO categories (parent_id, slug, name, depth)"
				 " VALUES (NULL, 'check-order-cat', 'Check Order', 0)", ""), 1);
	cat_id = (long long)db_insert_id();
	ck_assert_int_eq(pricing_set_category_tax(cat_id, 1900), 0);	/* 19% included in prices */
	/* Beacon Lamps charges 4.95 a parcel below 100.00 and takes no bank transfer. */
	shipping_defaults(vendor_b, &terms);
	terms.flat_rate_minor = 495;
	terms.free_above_minor = 10000;
	terms.methods = SHIPPING_CARD | SHIPPING_PAYPAL;
	ck_assert_int_eq(shipping_add_country(&terms, "DE"), 0);
	ck_assert_int_eq(shipping_save(&terms), 0);
	mug = add_product(vendor_a, "Harbour Mug", 1299, 50);
	pen = add_product(vendor_a, "Ink Pen", 155, 50);	/* 10% = 0.155: the minimum 0.30 applies */
	lamp = add_product(vendor_b, "Beacon Lamp", 8999, 50);	/* 10% = 9.00: the maximum 5.00 applies */
	last_unit = add_product(vendor_b, "Last Lantern", 4000, 1);
	user_id = add_user("check-order-ada@example.com");
	other_user = add_user("check-order-bob@example.com");
}

static void
live_teardown(void)
{
	char path[64];

	remove_fixture_rows();
	snprintf(path, sizeof path, "%s/data.key", key_dir);
	unlink(path);
	rmdir(key_dir);
	crypt_close();
	cache_close();
	db_close();
}

static long long
stock_of(long long product)
{
	return db_scalar(-1, "SELECT stock FROM products WHERE id = ?", "i", product);
}

static long long
orders_of(long long product)
{
	return db_scalar(-1, "SELECT COUNT(DISTINCT order_id) FROM order_items WHERE product_id = ?", "i", product);
}

/* A request for the user (0: a guest) with a new key. */
static void
request(struct order_request *rq, char key[TOKEN_TEXT_SIZE], const struct order_line *lines, size_t n,
	long long user)
{
	memset(rq, 0, sizeof *rq);
	order_new_key(key);
	rq->lines = lines;
	rq->nlines = n;
	rq->user_id = user;
	rq->email = user == user_id ? "check-order-ada@example.com"
		  : user == other_user ? "check-order-bob@example.com" : "check-order-guest@example.com";
	rq->ship = &ship;
	rq->method = ORDER_CARD;
	rq->idempotency_key = key;
}

START_TEST(test_methods)
{
	ck_assert_int_eq(order_method_parse("card"), ORDER_CARD);
	ck_assert_int_eq(order_method_parse("bank_transfer"), ORDER_BANK_TRANSFER);
	ck_assert_int_eq(order_method_parse("cash"), -1);
	ck_assert_int_eq(order_method_parse(NULL), -1);
	ck_assert_ptr_null(order_method_names[ORDER_NMETHODS]);
}
END_TEST

START_TEST(test_number_and_guest_token)
{
	char number[ORDER_NUMBER_SIZE], key[TOKEN_TEXT_SIZE], t1[TOKEN_TEXT_SIZE], t2[TOKEN_TEXT_SIZE];
	char hash[ORDER_KEY_HASH_HEX + 1];

	ck_assert_str_eq(order_number(123, number), "BZ-000123");
	ck_assert_str_eq(order_number(12345678, number), "BZ-12345678");
	order_new_key(key);
	ck_assert_int_eq(order_guest_token(key, t1), 0);
	ck_assert_int_eq(order_guest_token(key, t2), 0);
	ck_assert_str_eq(t1, t2);
	ck_assert(token_valid(t1));
	ck_assert_str_ne(t1, key);
	ck_assert_int_eq(order_guest_token("short", t1), -1);
	/* What the order keeps of the key: its SHA-256 in hex, not the key. */
	ck_assert(token_hex_valid(order_key_hash(key, hash), ORDER_KEY_HASH_HEX));
	ck_assert_str_eq(order_key_hash("abc", hash), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
END_TEST

/* The tax part of a price that includes 19%, rounded half away from zero. */
static long long
tax19(long long gross)
{
	return (gross * 1900 * 2 + 11900) / (11900 * 2);
}

START_TEST(test_quote)
{
	struct order_line lines[] = { { lamp, 1 }, { mug, 2 }, { pen, 3 }, { mug, 1 } }, unknown[] = { { 999999999, 1 } };
	struct order_quote oq;
	const struct quote *q = &oq.q;
	struct arena a;

	arena_init(&a);
	ck_assert_int_eq(order_quote(&a, lines, 4, "DE", ORDER_CARD, NULL, user_id, NULL, &oq), 0);
	/* The mug's two lines are one; the lines are grouped by shop. */
	ck_assert_uint_eq(q->nlines, 3);
	ck_assert_uint_eq(q->nvendors, 2);
	ck_assert_int_eq(q->lines[0].product_id, mug);
	ck_assert_int_eq(q->lines[0].quantity, 3);
	ck_assert_int_eq(q->lines[0].line_minor, 3 * 1299);
	ck_assert_int_eq(q->lines[0].tax_minor, tax19(3 * 1299));
	ck_assert_int_eq(q->items_minor, 3 * 1299 + 3 * 155 + 8999);
	ck_assert_int_eq(q->vendors[0].vendor_id, vendor_a);
	ck_assert_int_eq(q->vendors[0].shipping_minor, 0);
	ck_assert_int_eq(q->vendors[1].shipping_minor, 495);
	ck_assert_int_eq(q->shipping_minor, 495);
	ck_assert_int_eq(q->total_minor, q->items_minor + q->shipping_minor - q->discount_minor);
	ck_assert_str_eq(q->vendors[1].name, "Beacon Lamps");
	ck_assert_uint_eq(strlen(oq.hash), ORDER_HASH_HEX);
	ck_assert_ptr_null(order_quote_problem(&a, &oq, ORDER_CARD));
	/* Beacon Lamps rules the bank transfer out, and says so. */
	ck_assert_ptr_nonnull(strstr(order_quote_problem(&a, &oq, ORDER_BANK_TRANSFER), "Beacon Lamps"));
	ck_assert_ptr_nonnull(strstr(order_method_refused_by(&a, &oq, ORDER_BANK_TRANSFER), "Beacon Lamps"));
	ck_assert_ptr_null(order_method_refused_by(&a, &oq, ORDER_PAYPAL));
	order_quote_free(&oq);
	/* Too many of a product: the quote says how many are left. */
	lines[0].quantity = 51;
	ck_assert_int_eq(order_quote(&a, lines, 1, "DE", ORDER_CARD, NULL, user_id, NULL, &oq), 0);
	ck_assert_ptr_nonnull(strstr(order_quote_problem(&a, &oq, ORDER_CARD), "Only 50 of"));
	order_quote_free(&oq);
	/* A country nobody here ships to. */
	lines[0].quantity = 1;
	ck_assert_int_eq(order_quote(&a, lines, 1, "FR", ORDER_CARD, NULL, user_id, NULL, &oq), 0);
	ck_assert_ptr_nonnull(strstr(order_quote_problem(&a, &oq, ORDER_CARD), "Beacon Lamps"));
	order_quote_free(&oq);
	/* A product that does not exist cannot be priced. */
	ck_assert_int_eq(order_quote(&a, unknown, 1, "DE", ORDER_CARD, NULL, user_id, NULL, &oq), 1);
	order_quote_free(&oq);
	arena_free(&a);
}
END_TEST

START_TEST(test_place_writes_everything)
{
	struct order_line lines[] = { { lamp, 1 }, { mug, 2 }, { pen, 3 } };
	struct order_request rq;
	struct order_result res;
	char key[TOKEN_TEXT_SIZE];
	struct db_result *r;
	struct arena a;
	long long vo_commission_sum = 0, order_id;

	arena_init(&a);
	request(&rq, key, lines, 3, user_id);
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_PLACED);
	order_id = res.order_id;
	ck_assert_int_gt(order_id, 0);
	ck_assert_str_eq(res.guest_token, "");
	ck_assert_int_eq(stock_of(mug), 48);
	ck_assert_int_eq(stock_of(pen), 47);
	ck_assert_int_eq(stock_of(lamp), 49);
	r = db_query("SELECT number, status, payment_method, items_minor, total_minor, user_id, ship_country,"
		     " ship_address_enc IS NOT NULL AND LOCATE('Harbour', ship_address_enc) = 0, ship_name"
		     " FROM orders WHERE id = ?", "i", order_id);
	ck_assert_ptr_nonnull(r);
	ck_assert(db_next(r));
	ck_assert_str_eq(db_str(r, 0), res.number);
	ck_assert_str_eq(db_str(r, 1), "awaiting_payment");
	ck_assert_str_eq(db_str(r, 2), "card");
	ck_assert_int_eq(db_int(r, 3), 2 * 1299 + 3 * 155 + 8999);
	ck_assert_int_eq(db_int(r, 4), 2 * 1299 + 3 * 155 + 8999 + 495);
	ck_assert_int_eq(db_int(r, 5), user_id);
	ck_assert_str_eq(db_str(r, 6), "DE");
	ck_assert_int_eq(db_int(r, 7), 1);	/* sealed */
	ck_assert_str_eq(db_str(r, 8), "Ada Buyer");
	db_free(r);
	/* One vendor order per vendor, numbered after the order; their sums are the order's. */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_orders WHERE order_id = ?", "i", order_id), 2);
	ck_assert_int_eq(db_scalar(-1, "SELECT SUM(total_minor) FROM vendor_orders WHERE order_id = ?", "i", order_id),
			 2 * 1299 + 3 * 155 + 8999 + 495);
	ck_assert_int_eq(db_scalar(-1, "SELECT SUM(tax_minor) FROM vendor_orders WHERE order_id = ?", "i", order_id),
			 tax19(2 * 1299) + tax19(3 * 155) + tax19(8999));
	ck_assert_int_eq(db_scalar(-1, "SELECT tax_minor FROM orders WHERE id = ?", "i", order_id),
			 tax19(2 * 1299) + tax19(3 * 155) + tax19(8999));
	/* The customer and each shop get a conversation about their part (chat.h). */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM conversations c JOIN vendor_orders vo"
				   " ON vo.id = c.vendor_order_id AND vo.vendor_id = c.vendor_id"
				   " WHERE c.order_id = ? AND c.user_id = ?", "ii", order_id, user_id), 2);
	/* The confirmation mail is queued with the order. */
	ck_assert_int_ge(db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'check-order-ada@example.com'"
				   " AND LOCATE(?, subject) > 0", "s", res.number), 1);

	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_orders WHERE order_id = ? AND number LIKE"
				   " CONCAT((SELECT number FROM orders WHERE id = ?), '-_')", "ii", order_id, order_id), 2);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM vendor_orders WHERE order_id = ? AND plan_id = ?", "ii",
				   order_id, plan_id), 2);
	/* The items' snapshots and commissions: 10% of 12.99 = 1.30 a mug; the
	 * pen's 0.155 is raised to 0.30; the lamp's 9.00 lowered to 5.00. */
	r = db_query("SELECT product_id, name, sku, unit_price_minor, quantity, line_minor, commission_bp,"
		     " commission_minor FROM order_items WHERE order_id = ? ORDER BY product_id", "i", order_id);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(db_rows(r), 3);
	while (db_next(r)) {
		long long product = db_int(r, 0), fee = db_int(r, 7);

		ck_assert_str_eq(db_str(r, 2), arena_printf(&a, "SKU-%s", db_str(r, 1)));
		ck_assert_int_eq(db_int(r, 6), 1000);
		ck_assert_int_eq(db_int(r, 5), db_int(r, 3) * db_int(r, 4));
		if (product == mug) {
			ck_assert_str_eq(db_str(r, 1), "Harbour Mug");
			ck_assert_int_eq(fee, 2 * 130);
		} else if (product == pen) {
			ck_assert_int_eq(fee, 3 * 30);
		} else {
			ck_assert_int_eq(fee, 500);
		}
	}
	db_free(r);
	r = db_query("SELECT vo.commission_minor, (SELECT SUM(commission_minor) FROM order_items i"
		     " WHERE i.vendor_order_id = vo.id) FROM vendor_orders vo WHERE vo.order_id = ?", "i", order_id);
	ck_assert_ptr_nonnull(r);
	while (db_next(r)) {
		ck_assert_int_eq(db_int(r, 0), db_int(r, 1));
		vo_commission_sum += db_int(r, 0);
	}
	db_free(r);
	ck_assert_int_eq(vo_commission_sum, 2 * 130 + 3 * 30 + 500);
	/* The stock history, the order's history and the event. */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM stock_adjustments WHERE product_id = ? AND reason = 'sale'"
				   " AND delta = -2 AND stock_after = 48", "i", mug), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM order_history WHERE order_id = ?"
				   " AND to_status = 'awaiting_payment'", "i", order_id), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM events WHERE type = 'order.placed' AND subject_id = ?",
				   "i", order_id), 1);
	/* Only its customer sees it. */
	ck_assert_int_eq(order_visible(order_id, user_id, NULL), 1);
	ck_assert_int_eq(order_visible(order_id, other_user, NULL), 0);
	ck_assert_int_eq(order_visible(order_id, 0, key), 0);
	arena_free(&a);
}
END_TEST

START_TEST(test_same_key_again)
{
	struct order_line lines[] = { { mug, 1 } }, other[] = { { mug, 2 } };
	struct order_request rq;
	struct order_result res, again;
	char key[TOKEN_TEXT_SIZE];
	struct arena a;
	long long stock;

	arena_init(&a);
	request(&rq, key, lines, 1, user_id);
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_PLACED);
	stock = stock_of(mug);
	/* Sent again: the same order, nothing new. */
	ck_assert_int_eq(order_place(&a, &rq, &again), 0);
	ck_assert_int_eq(again.outcome, ORDER_EXISTS);
	ck_assert_int_eq(again.order_id, res.order_id);
	ck_assert_str_eq(again.number, res.number);
	ck_assert_int_eq(stock_of(mug), stock);
	/* The same key with another cart (the hash of another quote): refused. */
	rq.quote_hash = "0000000000000000000000000000000000000000000000000000000000000000";
	rq.lines = other;
	ck_assert_int_eq(order_place(&a, &rq, &again), 0);
	ck_assert_int_eq(again.outcome, ORDER_KEY_REUSED);
	ck_assert_ptr_nonnull(again.message);
	/* Another customer with the key: refused too. */
	rq.quote_hash = NULL;
	rq.lines = lines;
	rq.user_id = other_user;
	rq.email = "check-order-bob@example.com";
	ck_assert_int_eq(order_place(&a, &rq, &again), 0);
	ck_assert_int_eq(again.outcome, ORDER_KEY_REUSED);
	ck_assert_int_eq(stock_of(mug), stock);
	arena_free(&a);
}
END_TEST

START_TEST(test_quote_hash_checked)
{
	struct order_line lines[] = { { mug, 1 } };
	struct order_request rq;
	struct order_result res;
	struct order_quote q;
	char key[TOKEN_TEXT_SIZE], key_hash[ORDER_KEY_HASH_HEX + 1];
	struct arena a;
	long long stock = stock_of(mug);

	arena_init(&a);
	ck_assert_int_eq(order_quote(&a, lines, 1, "DE", ORDER_CARD, NULL, user_id, NULL, &q), 0);
	request(&rq, key, lines, 1, user_id);
	rq.quote_hash = q.hash;
	order_quote_free(&q);
	/* The price changed since the review: nothing is written. */
	ck_assert_int_eq(db_exec("UPDATE products SET price_minor = 1399 WHERE id = ?", "i", mug), 1);
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_CHANGED);
	ck_assert_int_eq(res.quote.q.total_minor, 1399);
	ck_assert_int_eq(stock_of(mug), stock);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM orders WHERE idempotency_key = ?", "s",
				   order_key_hash(key, key_hash)), 0);
	/* Reviewed again: placed at the new price. */
	rq.quote_hash = arena_strdup(&a, res.quote.hash);
	order_quote_free(&res.quote);
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_PLACED);
	ck_assert_int_eq(res.total_minor, 1399);
	ck_assert_int_eq(db_exec("UPDATE products SET price_minor = 1299 WHERE id = ?", "i", mug), 1);
	arena_free(&a);
}
END_TEST

START_TEST(test_short_writes_nothing)
{
	struct order_line lines[] = { { mug, 1 }, { last_unit, 2 } };
	struct order_request rq;
	struct order_result res;
	char key[TOKEN_TEXT_SIZE];
	struct arena a;
	long long mugs = stock_of(mug), orders = db_scalar(-1, "SELECT COUNT(*) FROM orders", "");
	long long history = db_scalar(-1, "SELECT COUNT(*) FROM stock_adjustments WHERE product_id = ?", "i", mug);

	arena_init(&a);
	ck_assert_int_ge(db_exec("UPDATE products SET stock = 1 WHERE id = ?", "i", last_unit), 0);
	request(&rq, key, lines, 2, user_id);
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_SHORT);
	ck_assert_int_eq(res.short_product_id, last_unit);
	ck_assert_int_eq(res.short_left, 1);
	ck_assert_str_eq(res.short_name, "Last Lantern");
	ck_assert_ptr_nonnull(strstr(res.message, "Only 1 of"));
	ck_assert_int_eq(stock_of(mug), mugs);
	ck_assert_int_eq(stock_of(last_unit), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM orders", ""), orders);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM stock_adjustments WHERE product_id = ?", "i", mug),
			 history);
	arena_free(&a);
}
END_TEST

START_TEST(test_bad_requests)
{
	struct order_line zero[] = { { mug, 0 } }, negative[] = { { mug, -1 } }, huge[] = { { mug, 1000000000 } };
	struct order_line hidden[] = { { mug, 1 } };
	struct order_request rq;
	struct order_result res;
	char key[TOKEN_TEXT_SIZE];
	struct arena a;
	long long stock = stock_of(mug);

	arena_init(&a);
	request(&rq, key, zero, 1, user_id);
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_INVALID);
	rq.lines = negative;
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_INVALID);
	rq.lines = huge;
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_INVALID);
	rq.lines = hidden;
	rq.idempotency_key = "not a key";
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_INVALID);
	rq.idempotency_key = key;
	rq.method = 7;
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_INVALID);
	/* A product taken off the shop is refused with its name. */
	rq.method = ORDER_CARD;
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'hidden' WHERE id = ?", "i", mug), 1);
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_REFUSED);
	ck_assert_ptr_nonnull(strstr(res.message, "Harbour Mug"));
	ck_assert_int_eq(db_exec("UPDATE products SET status = 'active' WHERE id = ?", "i", mug), 1);
	ck_assert_int_eq(stock_of(mug), stock);
	arena_free(&a);
}
END_TEST

START_TEST(test_guest_order)
{
	struct order_line lines[] = { { pen, 1 } };
	struct order_request rq;
	struct order_result res, again;
	char key[TOKEN_TEXT_SIZE], other[TOKEN_TEXT_SIZE], stored[80], key_hash[ORDER_KEY_HASH_HEX + 1];
	char derived[TOKEN_TEXT_SIZE];
	struct db_result *r;
	struct arena a;

	arena_init(&a);
	request(&rq, key, lines, 1, 0);
	rq.method = ORDER_BANK_TRANSFER;
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_PLACED);
	ck_assert(token_valid(res.guest_token));
	/* The order keeps only the hash of the form's key (the same as the
	 * migration's SQL): nothing stored makes the guest's link. */
	r = db_query("SELECT idempotency_key, SHA2(?, 256) FROM orders WHERE id = ?", "si", key, res.order_id);
	ck_assert(r != NULL && db_next(r));
	snprintf(stored, sizeof stored, "%s", db_str(r, 0));
	ck_assert_str_eq(stored, order_key_hash(key, key_hash));
	ck_assert_str_eq(db_str(r, 1), key_hash);
	db_free(r);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM orders WHERE idempotency_key = ?", "s", key), 0);
	ck_assert(order_guest_token(stored, derived) != 0 || strcmp(derived, res.guest_token) != 0);
	/* A guest has no account to write from: no conversation. */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM conversations WHERE order_id = ?", "i", res.order_id), 0);
	ck_assert_int_eq(order_visible(res.order_id, 0, res.guest_token), 1);
	order_new_key(other);
	ck_assert_int_eq(order_visible(res.order_id, 0, other), 0);
	ck_assert_int_eq(order_visible(res.order_id, user_id, NULL), 0);
	/* The mail's link confirms the address, once. */
	ck_assert_int_eq(db_scalar(-1, "SELECT email_verified_at IS NULL FROM orders WHERE id = ?", "i", res.order_id), 1);
	ck_assert_int_eq(order_guest_confirm(res.order_id, other), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT email_verified_at IS NULL FROM orders WHERE id = ?", "i", res.order_id), 1);
	ck_assert_int_eq(order_guest_confirm(res.order_id, res.guest_token), 1);
	ck_assert_int_eq(order_guest_confirm(res.order_id, res.guest_token), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT email_verified_at IS NOT NULL FROM orders WHERE id = ?", "i", res.order_id),
			 1);
	/* The confirmation carries the guest's link (its token). */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'check-order-guest@example.com'"
				   " AND LOCATE(?, body) > 0", "s", res.guest_token), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT user_id IS NULL FROM orders WHERE id = ?", "i", res.order_id), 1);

	/* Sent again: the same order and the same link, and still the one
	 * confirmation mail, which carries the link. */
	ck_assert_int_eq(order_place(&a, &rq, &again), 0);
	ck_assert_int_eq(again.outcome, ORDER_EXISTS);
	ck_assert_str_eq(again.guest_token, res.guest_token);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ?"
				   " AND subject = CONCAT('Your order ', ?) AND INSTR(body, ?) > 0", "sss", rq.email,
				   res.number, res.guest_token), 1);
	arena_free(&a);
}
END_TEST

/* A coupon the marketplace bears: the discount is spread over the lines and
 * adds up; the shops' commission is on their full price. One the shop
 * bears: its commission is on what it is paid. */
START_TEST(test_coupons)
{
	struct order_line lines[] = { { mug, 2 }, { lamp, 1 } };
	struct order_request rq;
	struct order_result res;
	char key[TOKEN_TEXT_SIZE], key_hash[ORDER_KEY_HASH_HEX + 1];
	struct db_result *r;
	struct arena a;

	arena_init(&a);
	ck_assert_int_eq(db_exec("INSERT INTO coupons (code, owner, kind, percent_bp) VALUES"
				 " ('CHECK-ORDER-TEN', 'admin', 'percent', 1000)", ""), 1);
	ck_assert_int_eq(db_exec("INSERT INTO coupons (code, owner, kind, percent_bp, vendor_id, borne_by) VALUES"
				 " ('CHECK-ORDER-HALF', 'vendor', 'percent', 5000, ?, 'vendor')", "i", vendor_a), 1);
	request(&rq, key, lines, 2, user_id);
	rq.coupon_code = "check-order-ten";
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_PLACED);
	ck_assert_int_eq(res.quote.q.discount_minor, 260 + 900);	/* 10% of 25.98 and of 89.99 */
	ck_assert_int_eq(db_scalar(-1, "SELECT SUM(discount_minor) FROM order_items WHERE order_id = ?", "i",
				   res.order_id), 1160);
	ck_assert_int_eq(db_scalar(-1, "SELECT discount_minor FROM orders WHERE id = ? AND coupon_code = 'CHECK-ORDER-TEN'",
				   "i", res.order_id), 1160);
	ck_assert_int_eq(db_scalar(-1, "SELECT SUM(vendor_discount_minor) FROM vendor_orders WHERE order_id = ?", "i",
				   res.order_id), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT commission_minor FROM order_items WHERE order_id = ? AND product_id = ?",
				   "ii", res.order_id, mug), 260);
	ck_assert_int_ge(db_scalar(-1, "SELECT COUNT(*) FROM coupon_uses WHERE order_id = ?", "i", res.order_id), 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT uses FROM coupons WHERE code = 'CHECK-ORDER-TEN'", ""), 1);
	order_quote_free(&res.quote);
	/* Half off the shop's own mugs, borne by the shop. */
	request(&rq, key, lines, 2, user_id);
	rq.coupon_code = "CHECK-ORDER-HALF";
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_PLACED);
	r = db_query("SELECT discount_minor, vendor_discount_minor, commission_minor FROM vendor_orders"
		     " WHERE order_id = ? AND vendor_id = ?", "ii", res.order_id, vendor_a);
	ck_assert_ptr_nonnull(r);
	ck_assert(db_next(r));
	ck_assert_int_eq(db_int(r, 0), 1299);
	ck_assert_int_eq(db_int(r, 1), 1299);
	ck_assert_int_eq(db_int(r, 2), 130);	/* 10% of 6.49 and of 6.50 */
	db_free(r);
	order_quote_free(&res.quote);
	/* A code that does not exist: refused with the coupon's sentence, nothing written. */
	request(&rq, key, lines, 2, user_id);
	rq.coupon_code = "CHECK-ORDER-NONE";
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_REFUSED);
	ck_assert_ptr_nonnull(res.message);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM orders WHERE idempotency_key = ?", "s",
				   order_key_hash(key, key_hash)), 0);
	order_quote_free(&res.quote);
	arena_free(&a);
}
END_TEST

/* Beacon Lamps takes no bank transfer: an order with its lamp cannot be paid so. */
START_TEST(test_method_refused)
{
	struct order_line lines[] = { { lamp, 1 } };
	struct order_request rq;
	struct order_result res;
	char key[TOKEN_TEXT_SIZE];
	struct arena a;

	arena_init(&a);
	request(&rq, key, lines, 1, user_id);
	rq.method = ORDER_BANK_TRANSFER;
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_REFUSED);
	ck_assert_ptr_nonnull(strstr(res.message, "Beacon Lamps"));
	ck_assert_int_eq(stock_of(lamp), 50);
	order_quote_free(&res.quote);
	arena_free(&a);
}
END_TEST

/* ---- races ------------------------------------------------------------------ */

struct race_report {
	int child, round, outcome, rc;
	long long order_id;
};

/* The round of the reports each racer sends once connected, before the
 * first round (rc: 0, or the MariaDB error that refused it). */
#define RACE_READY (-1)
/* How long a racer tries to connect: while the stack's own programs and
 * the racers of the test before still hold connections, 100 racers more
 * come near MariaDB's max_connections (151), and a refused connection
 * (1040) is tried again rather than ending the racer. */
#define RACE_CONNECT_TRIES 200	/* 50 ms apart: 10 s */

/* The coupon code the racing orders carry (NULL: none) and their customer
 * (0: a guest), set before race() forks. */
static const char *race_coupon;
static long long race_user;

/* A child: waits for each round's go byte on its own pipe, places an order
 * of lines (a new key each round unless key is given) and reports. */
static void
race_child(int id, int rounds, int go_fd, int report_fd, const struct order_line *lines, const char *key)
{
	char own[TOKEN_TEXT_SIZE], byte;
	struct order_request rq;
	struct order_result res;
	struct race_report rep;
	struct arena a;
	int round;

	rep.child = id;
	rep.round = RACE_READY;
	rep.rc = -1;
	rep.outcome = 0;
	rep.order_id = 0;
	cache_init();	/* its own memcached connection (order_place drops cached pages) */
	for (round = 0; round < RACE_CONNECT_TRIES && rep.rc != 0; round++) {
		if (db_connect() == 0)
			rep.rc = 0;
		else if (round + 1 < RACE_CONNECT_TRIES)
			usleep(50000);
	}
	if (rep.rc != 0)
		rep.rc = (int)db_errno();
	if (write(report_fd, &rep, sizeof rep) != (ssize_t)sizeof rep || rep.rc != 0)
		_exit(3);
	for (round = 0; round < rounds; round++) {
		if (read(go_fd, &byte, 1) != 1)
			_exit(4);
		arena_init(&a);
		request(&rq, own, lines, 1, race_user);
		rq.coupon_code = race_coupon;
		if (key)
			rq.idempotency_key = key;
		rep.child = id;
		rep.round = round;
		rep.rc = order_place(&a, &rq, &res);
		rep.outcome = (int)res.outcome;
		rep.order_id = res.order_id;
		arena_free(&a);
		if (write(report_fd, &rep, sizeof rep) != (ssize_t)sizeof rep)
			_exit(5);
	}
	db_close();
	_exit(0);
}

/* Reads one racer's report; a racer that stopped is named by its status. */
static void
race_read(int fd, struct race_report *rep)
{
	size_t got = 0;
	ssize_t k;
	pid_t pid;
	int status = 0;

	while (got < sizeof *rep) {
		k = read(fd, (char *)rep + got, sizeof *rep - got);
		if (k <= 0) {
			pid = waitpid(-1, &status, WNOHANG);
			ck_abort_msg("a racing process stopped (read: %s; pid %ld ended with %d)",
				     k < 0 ? strerror(errno) : "EOF", (long)pid, status);
		}
		got += (size_t)k;
	}
}

/* Runs kids processes for rounds rounds; before each round prepare() runs
 * in the parent; each round's reports go to judge(). */
static void
race(int kids, int rounds, const struct order_line *lines, const char *key, void (*prepare)(int round),
     void (*judge)(int round, const struct race_report *reps, int n))
{
	int (*go)[2] = calloc((size_t)kids, sizeof *go), report[2], i, round, status;
	struct race_report *reps = calloc((size_t)kids, sizeof *reps);
	pid_t *pids = calloc((size_t)kids, sizeof *pids);

	ck_assert(go && reps && pids);
	ck_assert_int_eq(pipe(report), 0);
	/* Each process opens its own connections: a memcached connection
	 * shared by the racers mixes their requests on one socket (a racer
	 * then aborted in libmemcached now and then, seen as "a racing
	 * process stopped"). */
	db_close();
	cache_close();
	for (i = 0; i < kids; i++) {
		ck_assert_int_eq(pipe(go[i]), 0);
		pids[i] = fork();
		ck_assert_int_ge(pids[i], 0);
		if (pids[i] == 0) {
			close(report[0]);
			race_child(i, rounds, go[i][0], report[1], lines, key);
		}
		close(go[i][0]);
	}
	close(report[1]);
	cache_init();
	/* Every racer connected before the first round, so that a round races
	 * them all and a refused connection is named, not a hang or an EOF. */
	for (i = 0; i < kids; i++) {
		race_read(report[0], &reps[i]);
		ck_assert_int_eq(reps[i].round, RACE_READY);
		ck_assert_msg(reps[i].rc == 0, "racer %d could not connect to MariaDB (error %d)", reps[i].child,
			      reps[i].rc);
	}
	ck_assert_int_eq(db_connect(), 0);
	for (round = 0; round < rounds; round++) {
		if (prepare)
			prepare(round);
		for (i = 0; i < kids; i++)
			ck_assert_int_eq(write(go[i][1], "g", 1), 1);
		for (i = 0; i < kids; i++) {
			race_read(report[0], &reps[i]);
			ck_assert_int_eq(reps[i].round, round);
		}
		judge(round, reps, kids);
	}
	for (i = 0; i < kids; i++) {
		close(go[i][1]);
		ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d ended with %d", i, status);
	}
	close(report[0]);
	free(go);
	free(reps);
	free(pids);
}

static long long last_unit_orders_before;

static void
last_unit_prepare(int round)
{
	(void)round;
	ck_assert_int_ge(db_exec("UPDATE products SET stock = 1 WHERE id = ?", "i", last_unit), 0);
	last_unit_orders_before = orders_of(last_unit);
}

static void
last_unit_judge(int round, const struct race_report *reps, int n)
{
	int i, placed = 0, short_ = 0;

	for (i = 0; i < n; i++) {
		ck_assert_msg(reps[i].rc == 0, "round %d: a process failed with %d", round, reps[i].rc);
		if (reps[i].outcome == ORDER_PLACED)
			placed++;
		else if (reps[i].outcome == ORDER_SHORT)
			short_++;
	}
	ck_assert_msg(placed == 1, "round %d: %d orders for the last unit", round, placed);
	ck_assert_int_eq(short_, n - 1);
	ck_assert_int_eq(stock_of(last_unit), 0);
	ck_assert_int_eq(orders_of(last_unit), last_unit_orders_before + 1);
}

/* 100 buyers at once for the last unit, 20 times: one order each time, the
 * others told it is sold out, the stock never below zero. */
START_TEST(test_last_unit_race)
{
	static struct order_line lines[1] = { { 0, 1 } };
	long long before = db_scalar(-1, "SELECT COUNT(*) FROM stock_adjustments WHERE product_id = ?"
				     " AND reason = 'sale'", "i", last_unit);

	lines[0].product_id = last_unit;
	race(100, 20, lines, NULL, last_unit_prepare, last_unit_judge);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM stock_adjustments WHERE product_id = ?"
				   " AND reason = 'sale'", "i", last_unit), before + 20);
	ck_assert_int_eq(db_scalar(-1, "SELECT MIN(stock_after) FROM stock_adjustments WHERE product_id = ?",
				   "i", last_unit), 0);
}
END_TEST

static long long double_submit_stock;

static void
double_submit_judge(int round, const struct race_report *reps, int n)
{
	int i;

	(void)round;
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(reps[i].rc, 0);
		ck_assert_msg(reps[i].outcome == ORDER_PLACED || reps[i].outcome == ORDER_EXISTS,
			      "outcome %d", reps[i].outcome);
		ck_assert_int_eq(reps[i].order_id, reps[0].order_id);
	}
	ck_assert_int_eq(stock_of(mug), double_submit_stock - 1);
	/* One order, one confirmation mail. */
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox m JOIN orders o ON o.id = ?"
				   " WHERE m.subject = CONCAT('Your order ', o.number)", "i", reps[0].order_id), 1);
}

/* One form sent ten times at once: one order, shown to every submission. */
START_TEST(test_double_submit_race)
{
	static struct order_line lines[1];
	char key[TOKEN_TEXT_SIZE], key_hash[ORDER_KEY_HASH_HEX + 1];

	lines[0].product_id = mug;
	lines[0].quantity = 1;
	order_new_key(key);
	double_submit_stock = stock_of(mug);
	race(10, 1, lines, key, NULL, double_submit_judge);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM orders WHERE idempotency_key = ?", "s",
				   order_key_hash(key, key_hash)), 1);
}
END_TEST

/* ---- coupons raced by concurrent checkouts ---- */

static long long coupon_race_id;

/* A coupon of the fixture: 10% off, the limits as given (0: none). */
static long long
coupon_race_make(const char *code, long long max_uses, long long per_customer)
{
	ck_assert_int_eq(db_exec("INSERT INTO coupons (code, owner, kind, percent_bp, max_uses, per_customer)"
				 " VALUES (?, 'admin', 'percent', 1000, NULLIF(?, 0), NULLIF(?, 0))", "sii", code,
				 max_uses, per_customer), 1);
	return (long long)db_insert_id();
}

static void
coupon_race_prepare(int round)
{
	(void)round;
	ck_assert_int_ge(db_exec("DELETE FROM coupon_uses WHERE coupon_id = ?", "i", coupon_race_id), 0);
	ck_assert_int_ge(db_exec("UPDATE coupons SET uses = 0 WHERE id = ?", "i", coupon_race_id), 0);
}

/* Exactly want orders placed with the coupon, the others refused (its
 * sentence), none failed; the counter and the uses say the same. */
static int coupon_race_want;

static void
coupon_race_judge(int round, const struct race_report *reps, int n)
{
	int i, placed = 0, refused = 0;

	for (i = 0; i < n; i++) {
		ck_assert_msg(reps[i].rc == 0, "round %d: a process failed with %d", round, reps[i].rc);
		if (reps[i].outcome == ORDER_PLACED) {
			placed++;
			ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM orders WHERE id = ? AND coupon_id = ?"
						   " AND discount_minor > 0", "ii", reps[i].order_id, coupon_race_id), 1);
		} else if (reps[i].outcome == ORDER_REFUSED) {
			refused++;
		}
	}
	ck_assert_msg(placed == coupon_race_want, "round %d: %d orders with the coupon, not %d", round, placed,
		      coupon_race_want);
	ck_assert_int_eq(refused, n - coupon_race_want);
	ck_assert_int_eq(db_scalar(-1, "SELECT uses FROM coupons WHERE id = ?", "i", coupon_race_id), coupon_race_want);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(DISTINCT order_id) FROM coupon_uses WHERE coupon_id = ?"
				   " AND released_at IS NULL", "i", coupon_race_id), coupon_race_want);
}

/* A single-use coupon, 50 checkouts at once, 5 times: one order gets it
 * each time, the 49 others are refused and write nothing. */
START_TEST(test_single_use_coupon_race)
{
	static struct order_line lines[1];
	long long before = db_scalar(-1, "SELECT COUNT(*) FROM orders WHERE email LIKE 'check-order-%'", "");

	lines[0].product_id = mug;
	lines[0].quantity = 1;
	coupon_race_id = coupon_race_make("CHECK-ORDER-ONCE", 1, 0);
	coupon_race_want = 1;
	race_coupon = "check-order-once";
	race_user = 0;
	race(50, 5, lines, NULL, coupon_race_prepare, coupon_race_judge);
	race_coupon = NULL;
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM orders WHERE email LIKE 'check-order-%'", ""), before + 5);
}
END_TEST

/* One customer with a coupon allowed twice per customer, 12 checkouts at
 * once: two orders get it. When one of them is not paid (its use given
 * back, as expiry and a failed payment do), the customer can use it again,
 * once. */
START_TEST(test_per_customer_coupon_race)
{
	static struct order_line lines[1];
	struct order_request rq;
	struct order_result res;
	char key[TOKEN_TEXT_SIZE];
	struct arena a;
	long long first;

	lines[0].product_id = pen;
	lines[0].quantity = 1;
	coupon_race_id = coupon_race_make("CHECK-ORDER-TWICE", 0, 2);
	coupon_race_want = 2;
	race_coupon = "check-order-twice";
	race_user = user_id;
	race(12, 1, lines, NULL, NULL, coupon_race_judge);
	race_coupon = NULL;
	race_user = 0;

	arena_init(&a);
	request(&rq, key, lines, 1, user_id);
	rq.coupon_code = "CHECK-ORDER-TWICE";
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_REFUSED);
	ck_assert_str_eq(res.message, "You have already used this coupon 2 times, the most allowed per customer.");
	order_quote_free(&res.quote);
	first = db_scalar(-1, "SELECT MIN(order_id) FROM coupon_uses WHERE coupon_id = ?", "i", coupon_race_id);
	ck_assert_int_eq(coupon_release(first), 1);
	ck_assert_int_eq(coupon_release(first), 0);
	request(&rq, key, lines, 1, user_id);
	rq.coupon_code = "CHECK-ORDER-TWICE";
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_PLACED);
	order_quote_free(&res.quote);
	request(&rq, key, lines, 1, user_id);
	rq.coupon_code = "CHECK-ORDER-TWICE";
	ck_assert_int_eq(order_place(&a, &rq, &res), 0);
	ck_assert_int_eq(res.outcome, ORDER_REFUSED);
	order_quote_free(&res.quote);
	ck_assert_int_eq(db_scalar(-1, "SELECT uses FROM coupons WHERE id = ?", "i", coupon_race_id), 2);
	arena_free(&a);
}
END_TEST

static Suite *
order_suite(void)
{
	Suite *s = suite_create("order");
	TCase *pure = tcase_create("pure"), *live = tcase_create("live"), *races = tcase_create("races");

	tcase_add_test(pure, test_methods);
	tcase_add_test(pure, test_number_and_guest_token);
	suite_add_tcase(s, pure);
	tcase_add_checked_fixture(live, live_setup, live_teardown);
	tcase_set_timeout(live, 60);
	tcase_add_test(live, test_quote);
	tcase_add_test(live, test_place_writes_everything);
	tcase_add_test(live, test_same_key_again);
	tcase_add_test(live, test_quote_hash_checked);
	tcase_add_test(live, test_short_writes_nothing);
	tcase_add_test(live, test_bad_requests);
	tcase_add_test(live, test_guest_order);
	tcase_add_test(live, test_coupons);
	tcase_add_test(live, test_method_refused);
	suite_add_tcase(s, live);
	tcase_add_checked_fixture(races, live_setup, live_teardown);
	tcase_set_timeout(races, 120);
	tcase_add_test(races, test_last_unit_race);
	tcase_add_test(races, test_double_submit_race);
	tcase_add_test(races, test_single_use_coupon_race);
	tcase_add_test(races, test_per_customer_coupon_race);
	suite_add_tcase(s, races);
	return s;
}

CHECK_MAIN(order_suite)
