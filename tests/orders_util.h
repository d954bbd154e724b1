/*
 * Orders for the tests of the order pages and modules, written straight
 * into the tables of schema/0012_orders.sql as a placed order leaves them:
 * an order, one vendor order per vendor given, one item line per vendor
 * order (a product of the catalogue, bought twice at its price, 20 % tax
 * included), the shipping address sealed. Shops and their owners are made
 * here too (oft_vendor_new), under the test's own address domain, and
 * oft_cleanup removes every order, shop and user of that domain.
 *
 * Needs db.h's connection and, for the sealed address, crypt_init().
 */
#ifndef BAZAAR_ORDERS_UTIL_H
#define BAZAAR_ORDERS_UTIL_H
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_util.h"
#include "address.h"
#include "arena.h"
#include "db.h"
#include "token.h"

#define OFT_MAX_VENDORS 4
#define OFT_SHIPPING 495	/* each vendor order's shipping */
#define OFT_QTY 2

struct oft_order {
	long long id;
	char number[24];
	int n;				/* vendor orders */
	long long vo[OFT_MAX_VENDORS];	/* in the order of the vendors given */
	char vo_number[OFT_MAX_VENDORS][32];
	long long total;
	char guest_token[TOKEN_TEXT_SIZE];	/* a guest's order: the link's token */
};

struct oft_vendor {
	long long user_id, vendor_id;
	char email[128];
	char name[96];
};

/* A verified shop with an owner whose address is <tag>-<pid>-<n>@<domain>. */
static inline void
oft_vendor_new(struct oft_vendor *v, const char *domain)
{
	static unsigned counter;
	char slug[80];

	memset(v, 0, sizeof *v);
	counter++;
	snprintf(v->email, sizeof v->email, "shop-%d-%u@%s", (int)getpid(), counter, domain);
	snprintf(v->name, sizeof v->name, "Order Test Shop %d %u", (int)getpid(), counter);
	snprintf(slug, sizeof slug, "order-test-shop-%d-%u", (int)getpid(), counter);
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role, email_verified_at)"
				 " VALUES (?, 'Shop Owner', 'vendor', UTC_TIMESTAMP())", "s", v->email), 1);
	v->user_id = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO vendors (user_id, slug, trading_name, legal_name, registration_number,"
				 " tax_id, description, status, plan_id)"
				 " VALUES (?, ?, ?, 'Order Test Trading Ltd', 'REG-123456', 'GB123456789',"
				 " 'A shop of the order tests.', 'verified', (SELECT MIN(id) FROM plans))",
				 "iss", v->user_id, slug, v->name), 1);
	v->vendor_id = (long long)db_insert_id();
}

/* A customer account; returns its id. */
static inline long long
oft_customer_new(const char *domain, char *email, size_t size)
{
	static unsigned counter;

	snprintf(email, size, "customer-%d-%u@%s", (int)getpid(), ++counter, domain);
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role, email_verified_at)"
				 " VALUES (?, 'Order Customer', 'customer', UTC_TIMESTAMP())", "s", email), 1);
	return (long long)db_insert_id();
}

/*
 * An order of user_id (0: a guest, who gets a link token) to email, with
 * one vendor order for each of the n vendors, in status "awaiting_payment"
 * or "paid" (its vendor orders then processing).
 */
static inline void
oft_order_new(struct oft_order *o, long long user_id, const char *email, const long long *vendors, int n,
	      const char *status)
{
	static unsigned counter;
	unsigned char hash[TOKEN_HASH_BYTES];
	struct address ad = { "Ada Lovelace", "12 Analytical Row", "", "London", "N1 7AA", "GB", "" };
	struct arena a;
	char key[64];
	long long items = 0, tax = 0;
	int paid = strcmp(status, "paid") == 0, i;
	struct db_result *r;

	ck_assert(n >= 1 && n <= OFT_MAX_VENDORS);
	memset(o, 0, sizeof *o);
	o->n = n;
	snprintf(key, sizeof key, "oft-%d-%u-%ld", (int)getpid(), ++counter, (long)time(NULL));
	if (user_id == 0) {
		token_new(o->guest_token);
		ck_assert_int_eq(token_hash(o->guest_token, hash), 0);
	}
	ck_assert_int_eq(db_exec("INSERT INTO orders (number, user_id, email, guest_token_hash, status, payment_method,"
				 " items_minor, total_minor, ship_name, ship_country, idempotency_key, cart_hash,"
				 " placed_at, expires_at, paid_at)"
				 " VALUES (?, NULLIF(?, 0), ?, ?, ?, 'card', 0, 0, 'Ada Lovelace', 'GB', ?,"
				 " UNHEX(SHA2(?, 256)), NOW(3), NOW() + INTERVAL 1 HOUR, IF(? = 1, NOW(), NULL))",
				 "sisbsssi", key, user_id, email, user_id == 0 ? (const void *)hash : NULL,
				 user_id == 0 ? sizeof hash : (size_t)0, status, key, key, (long long)paid), 1);
	o->id = (long long)db_insert_id();
	snprintf(o->number, sizeof o->number, "BZ-%06lld", o->id);
	for (i = 0; i < n; i++) {
		long long product, price, line, line_tax;
		char name[200];

		r = db_query("SELECT id, price_minor, name FROM products WHERE status = 'active' ORDER BY id"
			     " LIMIT 1 OFFSET ?", "i", (long long)(i * 7 + (long long)(counter % 50)));
		ck_assert_ptr_nonnull(r);
		ck_assert(db_next(r));
		product = db_int(r, 0);
		price = db_int(r, 1);
		snprintf(name, sizeof name, "%s", db_str(r, 2));
		db_free(r);
		line = price * OFT_QTY;
		line_tax = (line * 2000 + 6000) / 12000;	/* 20 % included, rounded */
		snprintf(o->vo_number[i], sizeof o->vo_number[i], "%s-%d", o->number, i + 1);
		ck_assert_int_eq(db_exec("INSERT INTO vendor_orders (order_id, vendor_id, number, status, items_minor,"
					 " shipping_minor, tax_minor, total_minor, plan_id, handling_days)"
					 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT plan_id FROM vendors WHERE id = ?), 2)",
					 "iissiiiii", o->id, vendors[i], o->vo_number[i],
					 paid ? "processing" : "awaiting_payment", line, (long long)OFT_SHIPPING,
					 line_tax, line + OFT_SHIPPING, vendors[i]), 1);
		o->vo[i] = (long long)db_insert_id();
		ck_assert_int_eq(db_exec("INSERT INTO order_items (order_id, vendor_order_id, product_id, name, sku,"
					 " unit_price_minor, quantity, line_minor, tax_bp, tax_minor)"
					 " VALUES (?, ?, ?, ?, 'SKU-T1', ?, ?, ?, 2000, ?)", "iiisiiii", o->id, o->vo[i],
					 product, name, price, (long long)OFT_QTY, line, line_tax), 1);
		items += line;
		tax += line_tax;
	}
	o->total = items + (long long)OFT_SHIPPING * n;
	ck_assert_int_eq(db_exec("UPDATE orders SET number = ?, items_minor = ?, shipping_minor = ?, tax_minor = ?,"
				 " total_minor = ? WHERE id = ?", "siiiii", o->number, items,
				 (long long)OFT_SHIPPING * n, tax, o->total, o->id), 1);
	arena_init(&a);
	ck_assert_int_eq(address_seal_store(&a, "UPDATE orders SET ship_address_enc = ? WHERE id = ?", "orders",
					    "ship_address_enc", o->id, &ad), 0);
	arena_free(&a);
}

/* Every order whose mail goes to, or whose shop belongs to, an address
 * matching like (a LIKE pattern); with with_people, then those shops and
 * users; then their mail. */
static inline void
oft_cleanup_people(const char *like, int with_people)
{
#define OFT_ORDERS "SELECT o.id FROM orders o WHERE o.email LIKE ? OR EXISTS (SELECT 1 FROM vendor_orders vo" \
	" JOIN vendors v ON v.id = vo.vendor_id JOIN users u ON u.id = v.user_id WHERE vo.order_id = o.id" \
	" AND u.email LIKE ?)"
	static const char *const orders_sql[] = {
		"DELETE i FROM invoices i JOIN vendor_orders vo ON vo.id = i.vendor_order_id"
		" WHERE vo.order_id IN (" OFT_ORDERS ")",
		"DELETE FROM order_history WHERE order_id IN (" OFT_ORDERS ")",
		"DELETE FROM refunds WHERE order_id IN (" OFT_ORDERS ")",
		"DELETE FROM order_items WHERE order_id IN (" OFT_ORDERS ")",
		"DELETE FROM payments WHERE order_id IN (" OFT_ORDERS ")",
		"DELETE FROM vendor_orders WHERE order_id IN (" OFT_ORDERS ")",
		"DELETE FROM orders WHERE id IN (SELECT id FROM (" OFT_ORDERS ") AS gone)",
	};
	static const char *const sql[] = {
		"DELETE v FROM vendors v JOIN users u ON u.id = v.user_id WHERE u.email LIKE ?"
		" AND NOT EXISTS (SELECT 1 FROM vendor_ledger l WHERE l.vendor_id = v.id)",
		"DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE email LIKE ?)",
		"DELETE u FROM users u WHERE u.email LIKE ? AND NOT EXISTS (SELECT 1 FROM vendors v WHERE v.user_id = u.id)",
		"DELETE FROM mail_outbox WHERE to_addr LIKE ?",
	};
#undef OFT_ORDERS
	size_t i;

	for (i = 0; i < sizeof orders_sql / sizeof orders_sql[0]; i++)
		if (db_exec(orders_sql[i], "ss", like, like) < 0)
			fprintf(stderr, "order fixture: clean-up failed: %s (%s)\n", db_error(), orders_sql[i]);
	for (i = 0; i < sizeof sql / sizeof sql[0]; i++)
		if ((with_people || i == sizeof sql / sizeof sql[0] - 1) && db_exec(sql[i], "s", like) < 0)
			fprintf(stderr, "order fixture: clean-up failed: %s (%s)\n", db_error(), sql[i]);
}

/* The orders (and mail) of addresses matching like, for the page tests,
 * whose people pu_cleanup_people removes. */
static inline void
oft_cleanup_like(const char *like)
{
	oft_cleanup_people(like, 0);
}

/* Everything of the addresses of domain: orders, shops, users, mail. */
static inline void
oft_cleanup(const char *domain)
{
	char like[160];

	snprintf(like, sizeof like, "%%@%s", domain);
	oft_cleanup_people(like, 1);
}

/* The status of a vendor order. */
static inline const char *
oft_vo_status(long long vo, char *out, size_t size)
{
	struct db_result *r = db_query("SELECT status FROM vendor_orders WHERE id = ?", "i", vo);

	ck_assert_ptr_nonnull(r);
	ck_assert(db_next(r));
	snprintf(out, size, "%s", db_str(r, 0));
	db_free(r);
	return out;
}

/* Mails queued to an address with a subject containing text. */
static inline long long
oft_mails(const char *to, const char *subject_part)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ? AND INSTR(subject, ?) > 0", "ss", to,
			 subject_part);
}

#endif
