/*
 * Orders made straight in the database for the tests of what happens after
 * an order is placed (refunds, cancellations, returns): a plan, a vendor, a
 * category and products named by a prefix, a customer, and paid or unpaid
 * orders with one vendor order and its items, the stock already taken.
 * Include after check_util.h and db.h. Rows are never deleted (the stock
 * history and the ledger are append-only): each run uses a fresh prefix, and
 * the products are archived in an existing category, so the storefront shows
 * none of them.
 */
#ifndef BAZAAR_ORDER_FIXTURE_H
#define BAZAAR_ORDER_FIXTURE_H
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct order_fixture {
	char prefix[48];
	long long plan_id, vendor_id, other_vendor_id, category_id, user_id, other_user_id;
	long long product_id[2];
};

/* The ids of one order made by order_fixture_order. */
struct fixture_order {
	long long order_id, vendor_order_id, payment_id;
	long long item_id[2];
};

static inline void
order_fixture_setup(struct order_fixture *f, const char *name)
{
	char slug[96], email[128];
	int i;

	snprintf(f->prefix, sizeof f->prefix, "%s-%ld-%ld", name, (long)getpid(), (long)time(NULL));
	ck_assert_int_eq(db_exec("INSERT INTO plans (name, commission_bp, listing_limit, monthly_fee_minor)"
				 " VALUES (?, 1000, NULL, 0)", "s", f->prefix), 1);
	f->plan_id = (long long)db_insert_id();
	for (i = 0; i < 2; i++) {
		snprintf(slug, sizeof slug, "%s-v%d", f->prefix, i);
		ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description, status,"
					 " plan_id) VALUES (?, 'Fixture Shop', 'Fixture Shop Ltd', '', 'verified', ?)",
					 "si", slug, f->plan_id), 1);
		if (i == 0)
			f->vendor_id = (long long)db_insert_id();
		else
			f->other_vendor_id = (long long)db_insert_id();
	}
	/* Products filed in a category the catalogue has, archived: nothing a
	 * shopper sees (categories, listings, searches) changes. */
	f->category_id = db_scalar(0, "SELECT MIN(id) FROM categories WHERE parent_id IS NULL", "");
	ck_assert_int_gt(f->category_id, 0);
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(db_exec("INSERT INTO products (vendor_id, category_id, top_category_id, name, slug,"
					 " description, price_minor, stock, status) VALUES (?, ?, ?, ?, 'fixture', '',"
					 " 1000, 10, 'archived')", "iiis", f->vendor_id, f->category_id, f->category_id,
					 i ? "Fixture Teapot" : "Fixture Mug"), 1);
		f->product_id[i] = (long long)db_insert_id();
	}
	for (i = 0; i < 2; i++) {
		snprintf(email, sizeof email, "%s-u%d@example.com", f->prefix, i);
		ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role) VALUES (?, 'Fixture Buyer', 'customer')",
					 "s", email), 1);
		if (i == 0)
			f->user_id = (long long)db_insert_id();
		else
			f->other_user_id = (long long)db_insert_id();
	}
}

/*
 * An order of the customer from the vendor: qty[0] mugs at 1000 and qty[1]
 * teapots at 2500 (0: none), a discount of discount_minor on the first line,
 * shipping 500; the stock taken. status: "awaiting_payment", "processing",
 * "shipped" or "delivered" (the last three paid, by card through a
 * succeeded payment, or by bank transfer when bank). delivered_ago: seconds
 * since delivery for "delivered".
 */
static inline void
order_fixture_order(struct order_fixture *f, struct fixture_order *o, const char *status, const long long qty[2],
		    long long discount_minor, int bank, long long delivered_ago)
{
	static int seq;
	char number[40], key[64], at[24], delivered[24];
	long long items = qty[0] * 1000 + qty[1] * 2500, total, unit[2] = { 1000, 2500 };
	int paid = strcmp(status, "awaiting_payment") != 0, i;
	time_t now = time(NULL);

	total = items + 500 - discount_minor;
	snprintf(number, sizeof number, "F%ld-%ld-%d", (long)getpid(), (long)(time(NULL) % 100000), ++seq);
	snprintf(key, sizeof key, "%s-%d", f->prefix, seq);
	strftime(at, sizeof at, "%Y-%m-%d %H:%M:%S", gmtime(&now));
	now -= (time_t)delivered_ago;
	strftime(delivered, sizeof delivered, "%Y-%m-%d %H:%M:%S", gmtime(&now));
	ck_assert_int_eq(db_exec("INSERT INTO orders (number, user_id, email, status, payment_method, items_minor,"
				 " shipping_minor, discount_minor, total_minor, ship_country, idempotency_key, cart_hash,"
				 " placed_at, expires_at, paid_at) VALUES (?, ?, 'fixture@example.com', ?, ?, ?, 500, ?,"
				 " ?, 'GB', ?, UNHEX(SHA2(?, 256)), ?, ? + INTERVAL 1 DAY, IF(?, ?, NULL))",
				 "sissiiissssis", number, f->user_id, paid ? "paid" : "awaiting_payment",
				 bank ? "bank_transfer" : "card", items, discount_minor, total, key, key, at, at,
				 (long long)paid, at), 1);
	o->order_id = (long long)db_insert_id();
	strcat(number, "-1");
	ck_assert_int_eq(db_exec("INSERT INTO vendor_orders (order_id, vendor_id, number, status, items_minor,"
				 " shipping_minor, discount_minor, total_minor, plan_id, shipped_at, delivered_at)"
				 " VALUES (?, ?, ?, ?, ?, 500, ?, ?, ?, IF(? IN ('shipped', 'delivered'), ?, NULL),"
				 " IF(? = 'delivered', ?, NULL))", "iissiiiissss",
				 o->order_id, f->vendor_id, number, status, items, discount_minor, total, f->plan_id,
				 status, at, status, delivered), 1);
	o->vendor_order_id = (long long)db_insert_id();
	for (i = 0; i < 2; i++) {
		o->item_id[i] = 0;
		if (qty[i] <= 0)
			continue;
		ck_assert_int_eq(db_exec("INSERT INTO order_items (order_id, vendor_order_id, product_id, name,"
					 " unit_price_minor, quantity, line_minor, discount_minor) VALUES (?, ?, ?,"
					 " 'Fixture item', ?, ?, ?, ?)", "iiiiiii", o->order_id, o->vendor_order_id,
					 f->product_id[i], unit[i], qty[i], unit[i] * qty[i], i ? 0 : discount_minor), 1);
		o->item_id[i] = (long long)db_insert_id();
		ck_assert_int_eq(db_exec("UPDATE products SET stock = stock - ? WHERE id = ?", "ii", qty[i],
					 f->product_id[i]), 1);
	}
	o->payment_id = 0;
	if (paid) {
		ck_assert_int_eq(db_exec("INSERT INTO payments (order_id, provider, provider_ref, method, status,"
					 " amount_minor, received_minor) VALUES (?, ?, ?, ?, 'succeeded', ?, ?)",
					 "isssii", o->order_id, bank ? "bank" : "sandbox", key,
					 bank ? "bank_transfer" : "card", total, total), 1);
		o->payment_id = (long long)db_insert_id();
	}
}

static inline long long
order_fixture_stock(const struct order_fixture *f, int i)
{
	return db_scalar(-1, "SELECT stock FROM products WHERE id = ?", "i", f->product_id[i]);
}

static inline long long
order_fixture_vo(const struct fixture_order *o, const char *what)
{
	if (strcmp(what, "refunded_minor") == 0)
		return db_scalar(-1, "SELECT refunded_minor FROM vendor_orders WHERE id = ?", "i", o->vendor_order_id);
	return db_scalar(-1, "SELECT refunded_minor FROM orders WHERE id = ?", "i", o->order_id);
}

/* Test providers for refund.h's refund_use_provider: one that pays (its
 * reference names the key), one that refuses; both count their calls. */
static int fixture_provider_calls;

static inline int
fixture_provider_pays(long long payment_id, long long amount_minor, const char *key, char *ref, size_t ref_size,
		      char *failure, size_t failure_size)
{
	(void)payment_id;
	(void)amount_minor;
	(void)failure;
	(void)failure_size;
	fixture_provider_calls++;
	snprintf(ref, ref_size, "re_%s", key);
	return 0;
}

static inline int
fixture_provider_refuses(long long payment_id, long long amount_minor, const char *key, char *ref,
			 size_t ref_size, char *failure, size_t failure_size)
{
	(void)payment_id;
	(void)amount_minor;
	(void)key;
	(void)ref;
	(void)ref_size;
	fixture_provider_calls++;
	snprintf(failure, failure_size, "Card account closed");
	return -1;
}

#endif
