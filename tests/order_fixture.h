/*
 * Orders written straight into the test database, as placing, paying and
 * shipping leave the tables of schema/0012_orders.sql, for the tests of what
 * happens after an order is placed. Include after check_util.h and db.h
 * (<check.h>). Three kinds of test use them, each through its own entry
 * points, all writing their rows with the same few functions (fx_*_row):
 *
 * - the order pages and modules (oft_*): shops with owners under the
 *   test's own address domain, orders of one or more shops with an item of
 *   the catalogue each (bought twice, 20 % tax included) and the shipping
 *   address sealed (crypt_init() first); oft_cleanup removes every order,
 *   shop and user of the domain. A suite makes its people once with
 *   oft_suite_people; a page test (page_util.h, PU_PREFIX) makes its shops
 *   with oft_page_shops and its test case with oft_page_tcase.
 * - refunds, cancellations and returns (order_fixture_*): a plan, two shops,
 *   two archived products (a shopper sees none of them) and two customers
 *   named by a fresh prefix; orders of the first shop with the stock taken
 *   and the payment recorded; test payment providers.
 * - earnings and payouts (of_*): shops on a plan with a commission minimum
 *   and maximum, orders of parts with their commission, refunds.
 *
 * Rows of the last two are never deleted (the stock history and the ledger
 * are append-only): each run uses fresh names.
 */
#ifndef BAZAAR_ORDER_FIXTURE_H
#define BAZAAR_ORDER_FIXTURE_H
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_util.h"
#include "address.h"
#include "arena.h"
#include "cache.h"
#include "clock.h"
#include "crypt.h"
#include "db.h"
#include "log.h"
#include "payment.h"
#include "plan.h"
#include "refund.h"
#include "tmpl.h"
#include "token.h"

/* ---- The rows (what every kind of order below is made of) ---- */

/* A random hex tag for unique names. */
static inline void
of_tag(char *out, size_t n)
{
	unsigned char rnd[6];
	FILE *f = fopen("/dev/urandom", "rb");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fread(rnd, 1, sizeof rnd, f), sizeof rnd);
	fclose(f);
	snprintf(out, n, "%02x%02x%02x%02x%02x%02x", rnd[0], rnd[1], rnd[2], rnd[3], rnd[4], rnd[5]);
}

/* Connects to the test stack's MariaDB, or fails saying how to run prog. */
static inline void
fx_connect(const char *prog)
{
	const char *socket_path = getenv("BAZAAR_DB_SOCKET");

	ck_assert_msg(socket_path && *socket_path, "BAZAAR_DB_SOCKET is not set: %s needs the test stack's MariaDB"
		      " (run it through `make test`, or source a stack's VAR/env)", prog);
	ck_assert_msg(db_connect() == 0, "cannot connect to MariaDB: %u %s", db_errno(), db_error());
}

/* A user; verified: with the address confirmed. Returns its id. */
static inline long long
fx_user_row(const char *email, const char *name, const char *role, int verified)
{
	ck_assert_int_eq(db_exec("INSERT INTO users (email, name, role, email_verified_at)"
				 " VALUES (?, ?, ?, IF(?, UTC_TIMESTAMP(), NULL))", "sssi", email, name, role,
				 (long long)verified), 1);
	return (long long)db_insert_id();
}

/* A shop; NULL and 0 fields take the table's defaults (no owner, the first
 * plan). */
struct fx_vendor_row {
	long long user_id, plan_id;
	const char *slug, *name, *legal_name, *registration_number, *tax_id, *description, *status;
	const char *created_at;
};

static inline long long
fx_vendor_row(const struct fx_vendor_row *v)
{
	ck_assert_int_eq(db_exec("INSERT INTO vendors (user_id, slug, trading_name, legal_name, registration_number,"
				 " tax_id, description, status, plan_id, created_at)"
				 " VALUES (NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, IF(? = 0, (SELECT MIN(id) FROM plans), ?),"
				 " COALESCE(?, CURRENT_TIMESTAMP))", "isssssssiis", v->user_id, v->slug, v->name,
				 v->legal_name, v->registration_number ? v->registration_number : "",
				 v->tax_id ? v->tax_id : "", v->description ? v->description : "",
				 v->status ? v->status : "verified", v->plan_id, v->plan_id, v->created_at), 1);
	return (long long)db_insert_id();
}

/* An order; 0 amounts and NULL texts take the table's defaults. */
struct fx_order_row {
	const char *number, *key;		/* key: the idempotency key and the cart hash's text */
	long long user_id;			/* 0: a guest */
	const char *email, *status, *method;
	const unsigned char *guest_hash;	/* TOKEN_HASH_BYTES, or NULL */
	long long items, shipping, discount, tax, total;
	const char *ship_name, *ship_country;
	const char *placed_at;			/* NULL: now */
	long long expires_hours;		/* after placed_at */
	int paid;				/* paid_at = placed_at */
};

static inline long long
fx_order_row(const struct fx_order_row *o)
{
	ck_assert_int_eq(db_exec("INSERT INTO orders (number, user_id, email, guest_token_hash, status, payment_method,"
				 " items_minor, shipping_minor, discount_minor, tax_minor, total_minor, ship_name,"
				 " ship_country, idempotency_key, cart_hash, placed_at, expires_at, paid_at)"
				 " VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UNHEX(SHA2(?, 256)),"
				 " COALESCE(?, NOW(3)), COALESCE(?, NOW()) + INTERVAL ? HOUR,"
				 " IF(?, COALESCE(?, NOW()), NULL))",
				 "sisbssiiiiissssssiis", o->number, o->user_id, o->email, (const void *)o->guest_hash,
				 o->guest_hash ? (size_t)TOKEN_HASH_BYTES : (size_t)0, o->status, o->method, o->items,
				 o->shipping, o->discount, o->tax, o->total, o->ship_name ? o->ship_name : "",
				 o->ship_country, o->key, o->key, o->placed_at, o->placed_at, o->expires_hours,
				 (long long)o->paid, o->placed_at), 1);
	return (long long)db_insert_id();
}

/* A vendor order; 0 and NULL fields take the table's defaults (plan_id 0:
 * the shop's plan). */
struct fx_vendor_order_row {
	long long order_id, vendor_id;
	const char *number, *status;
	long long items, shipping, discount, vendor_discount, tax, total, commission, plan_id, handling_days;
	const char *shipped_at, *delivered_at;
};

static inline long long
fx_vendor_order_row(const struct fx_vendor_order_row *v)
{
	ck_assert_int_eq(db_exec("INSERT INTO vendor_orders (order_id, vendor_id, number, status, items_minor,"
				 " shipping_minor, discount_minor, vendor_discount_minor, tax_minor, total_minor,"
				 " commission_minor, plan_id, handling_days, shipped_at, delivered_at)"
				 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
				 " IF(? = 0, (SELECT plan_id FROM vendors WHERE id = ?), ?), ?, ?, ?)",
				 "iissiiiiiiiiiiiss", v->order_id, v->vendor_id, v->number, v->status, v->items,
				 v->shipping, v->discount, v->vendor_discount, v->tax, v->total, v->commission,
				 v->plan_id, v->vendor_id, v->plan_id, v->handling_days, v->shipped_at,
				 v->delivered_at), 1);
	return (long long)db_insert_id();
}

/* An item line of qty at unit (line = unit x qty); sku may be NULL. */
static inline long long
fx_item_row(long long order_id, long long vendor_order_id, long long product_id, const char *name, const char *sku,
	    long long unit, long long qty, long long discount, long long tax_bp, long long tax)
{
	ck_assert_int_eq(db_exec("INSERT INTO order_items (order_id, vendor_order_id, product_id, name, sku,"
				 " unit_price_minor, quantity, line_minor, discount_minor, tax_bp, tax_minor)"
				 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "iiissiiiiii", order_id, vendor_order_id,
				 product_id, name, sku, unit, qty, unit * qty, discount, tax_bp, tax), 1);
	return (long long)db_insert_id();
}

/* ---- Orders of the order pages and modules (oft_*) ---- */

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

/* A verified shop with an owner whose address is shop-<pid>-<n>@<domain>. */
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
	v->user_id = fx_user_row(v->email, "Shop Owner", "vendor", 1);
	v->vendor_id = fx_vendor_row(&(struct fx_vendor_row){
		.user_id = v->user_id, .slug = slug, .name = v->name, .legal_name = "Order Test Trading Ltd",
		.registration_number = "REG-123456", .tax_id = "GB123456789",
		.description = "A shop of the order tests." });
}

/* A customer account; returns its id. */
static inline long long
oft_customer_new(const char *domain, char *email, size_t size)
{
	static unsigned counter;

	snprintf(email, size, "customer-%d-%u@%s", (int)getpid(), ++counter, domain);
	return fx_user_row(email, "Order Customer", "customer", 1);
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
	o->id = fx_order_row(&(struct fx_order_row){
		.number = key, .key = key, .user_id = user_id, .email = email, .status = status, .method = "card",
		.guest_hash = user_id == 0 ? hash : NULL, .ship_name = "Ada Lovelace", .ship_country = "GB",
		.expires_hours = 1, .paid = paid });
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
		o->vo[i] = fx_vendor_order_row(&(struct fx_vendor_order_row){
			.order_id = o->id, .vendor_id = vendors[i], .number = o->vo_number[i],
			.status = paid ? "processing" : "awaiting_payment", .items = line, .shipping = OFT_SHIPPING,
			.tax = line_tax, .total = line + OFT_SHIPPING, .handling_days = 2 });
		fx_item_row(o->id, o->vo[i], product, name, "SKU-T1", price, OFT_QTY, 0, 2000, line_tax);
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
		"DELETE FROM bank_transfers WHERE order_id IN (" OFT_ORDERS ")",
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

/* The test program whose suite made its people (oft_suite_people), named
 * when one of its tests cannot connect. */
static const char *oft_prog = "an order test";

/*
 * The suite's people, made once in the parent of a test program named prog:
 * its log (errors only) and the templates, then, after clearing domain of
 * an earlier run, a shop into each struct oft_vendor * given (the list ends
 * with NULL) and a customer whose address goes into email. Returns the
 * customer's id, still connected: the caller adds what else it needs and
 * closes.
 */
static inline long long
oft_suite_people(const char *prog, const char *domain, char *email, size_t size, ...)
{
	struct oft_vendor *v;
	va_list ap;

	oft_prog = prog;
	log_init(prog);
	log_set_level(LOG_ERROR);
	ck_assert_msg(tmpl_init("templates", 0) == 0, "cannot load templates/ (run from the repository root)");
	fx_connect(prog);
	oft_cleanup(domain);
	va_start(ap, size);
	while ((v = va_arg(ap, struct oft_vendor *)) != NULL)
		oft_vendor_new(v, domain);
	va_end(ap);
	return oft_customer_new(domain, email, size);
}

/* After the suite, in the parent: everything of domain gone. */
static inline void
oft_suite_teardown(const char *domain)
{
	if (db_connect() == 0)
		oft_cleanup(domain);
	db_close();
}

/* Each test of such a suite, in a process of its own: connected, crypt ready. */
static inline void
oft_test_setup(void)
{
	fx_connect(oft_prog);
	ck_assert_int_eq(crypt_init(), 0);
}

static inline void
oft_test_teardown(void)
{
	db_close();
}

/* A test case of an order module: suite_setup and suite_teardown once in
 * the parent (its people: oft_suite_people, oft_suite_teardown), each test
 * with oft_test_setup and oft_test_teardown. */
static inline TCase *
oft_tcase(const char *name, SFun suite_setup, SFun suite_teardown)
{
	TCase *tc = tcase_create(name);

	tcase_add_unchecked_fixture(tc, suite_setup, suite_teardown);
	tcase_add_checked_fixture(tc, oft_test_setup, oft_test_teardown);
	return tc;
}

#ifdef PU_PREFIX
/* Page tests (include page_util.h first): this program's orders, then its
 * people (pu_cleanup_people), in whichever process it runs. */
static inline void
oft_page_cleanup(void)
{
	pu_parent_begin();
	oft_cleanup_like(PU_PREFIX "-%@example.test");
	pu_cleanup_people(PU_PREFIX);
	pu_parent_end();
}

/* A test case of a page test whose tests make orders: cleaned up before
 * and after. */
static inline TCase *
oft_page_tcase(Suite *s, const char *name)
{
	return pu_tcase_changing(s, name, oft_page_cleanup, oft_page_cleanup);
}

/* n verified shops whose owners are this program's people. */
static inline void
oft_page_shops(long long *vendors, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		struct pu_user owner;
		char slug[64];

		pu_user_add(&owner, PU_PREFIX, "vendor", 1, NULL);
		snprintf(slug, sizeof slug, PU_PREFIX "-shop-%d-%lld", (int)getpid(), owner.id);
		vendors[i] = pu_vendor_insert(owner.id, slug, slug, "verified");
	}
}
#endif

/* ---- Orders of the refund, cancellation and return tests (order_fixture_*) ---- */

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
		long long id;

		snprintf(slug, sizeof slug, "%s-v%d", f->prefix, i);
		/* Dated long ago like of_vendor's: the shops left behind sort
		 * after the real ones in the admins' lists (newest first). */
		id = fx_vendor_row(&(struct fx_vendor_row){ .plan_id = f->plan_id, .slug = slug,
							    .name = "Fixture Shop", .legal_name = "Fixture Shop Ltd",
							    .created_at = "2001-01-01 00:00:00" });
		*(i == 0 ? &f->vendor_id : &f->other_vendor_id) = id;
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
		*(i == 0 ? &f->user_id : &f->other_user_id) = fx_user_row(email, "Fixture Buyer", "customer", 0);
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
	int sent = strcmp(status, "shipped") == 0 || strcmp(status, "delivered") == 0;
	time_t now = time(NULL);

	total = items + 500 - discount_minor;
	snprintf(number, sizeof number, "F%ld-%ld-%d", (long)getpid(), (long)(time(NULL) % 100000), ++seq);
	snprintf(key, sizeof key, "%s-%d", f->prefix, seq);
	strftime(at, sizeof at, "%Y-%m-%d %H:%M:%S", gmtime(&now));
	now -= (time_t)delivered_ago;
	strftime(delivered, sizeof delivered, "%Y-%m-%d %H:%M:%S", gmtime(&now));
	o->order_id = fx_order_row(&(struct fx_order_row){
		.number = number, .key = key, .user_id = f->user_id, .email = "fixture@example.com",
		.status = paid ? "paid" : "awaiting_payment", .method = bank ? "bank_transfer" : "card",
		.items = items, .shipping = 500, .discount = discount_minor, .total = total, .ship_country = "GB",
		.placed_at = at, .expires_hours = 24, .paid = paid });
	strcat(number, "-1");
	o->vendor_order_id = fx_vendor_order_row(&(struct fx_vendor_order_row){
		.order_id = o->order_id, .vendor_id = f->vendor_id, .number = number, .status = status,
		.items = items, .shipping = 500, .discount = discount_minor, .total = total, .plan_id = f->plan_id,
		.shipped_at = sent ? at : NULL, .delivered_at = strcmp(status, "delivered") == 0 ? delivered : NULL });
	for (i = 0; i < 2; i++) {
		o->item_id[i] = 0;
		if (qty[i] <= 0)
			continue;
		o->item_id[i] = fx_item_row(o->order_id, o->vendor_order_id, f->product_id[i], "Fixture item", NULL,
					    unit[i], qty[i], i ? 0 : discount_minor, 0, 0);
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

/* The number people read of the order (vendor_order 0) or of its shop's
 * part (vendor_order 1), in a static buffer. */
static inline const char *
order_fixture_number(const struct fixture_order *o, int vendor_order)
{
	static char number[40];
	struct db_result *r = vendor_order ?
		db_query("SELECT number FROM vendor_orders WHERE id = ?", "i", o->vendor_order_id) :
		db_query("SELECT number FROM orders WHERE id = ?", "i", o->order_id);

	ck_assert(r != NULL && db_next(r));
	snprintf(number, sizeof number, "%s", db_str(r, 0));
	db_free(r);
	return number;
}

/* Test providers for refund.h's refund_use_provider: one that pays (its
 * reference names the key), one that refuses, one that never answers; all
 * count their calls. */
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
	return PAYMENT_REFUSED;
}

/* One that never answers (unreachable, a timeout, a 5xx): whether it made
 * the refund is unknown. */
static inline int
fixture_provider_silent(long long payment_id, long long amount_minor, const char *key, char *ref,
			size_t ref_size, char *failure, size_t failure_size)
{
	/* counted as the refusing one is, but with no answer at all */
	fixture_provider_refuses(payment_id, amount_minor, key, ref, ref_size, failure, failure_size);
	failure[0] = '\0';
	return -1;
}

/*
 * Each test of refunds, cancellations and returns, in its own process (prog:
 * the test program): connected, the templates of the order mails loaded
 * (ordermail.h), the cache open, fresh fixture rows named after name, and
 * the provider that pays (no call yet). order_fixture_live_end undoes it.
 */
static inline void
order_fixture_live_begin(struct order_fixture *f, const char *prog, const char *name)
{
	fx_connect(prog);
	ck_assert_msg(tmpl_init("templates", 0) == 0, "cannot load templates/ (run from the repository root)");
	cache_init();
	order_fixture_setup(f, name);
	refund_use_provider(fixture_provider_pays);
	fixture_provider_calls = 0;
}

static inline void
order_fixture_live_end(void)
{
	refund_use_provider(NULL);
	cache_close();
	db_close();
}

/* ---- Orders of the earnings and payout tests (of_*) ---- */

/* A plan: 10% per item, at least 0.50, at most 20.00 (made once). */
static inline long long
of_plan(void)
{
	long long id = db_scalar(0, "SELECT id FROM plans WHERE name = 'order-fixture-plan'", "");

	if (id > 0)
		return id;
	ck_assert_int_eq(db_exec("INSERT INTO plans (name, commission_bp, commission_min_minor,"
				 " commission_max_minor, listing_limit, monthly_fee_minor)"
				 " VALUES ('order-fixture-plan', 1000, 50, 2000, NULL, 0)", ""), 1);
	return (long long)db_insert_id();
}

/* A verified vendor (or with the status given) with an empty ledger. */
static inline long long
of_vendor_status(const char *status)
{
	char slug[64];

	of_tag(slug, sizeof slug);
	memmove(slug + 3, slug, strlen(slug) + 1);
	memcpy(slug, "of-", 3);
	/* Dated long ago, so that the shops the tests leave behind (their
	 * ledgers cannot be deleted) sort after the real ones in the lists. */
	return fx_vendor_row(&(struct fx_vendor_row){ .plan_id = of_plan(), .slug = slug, .name = "Fixture Shop",
						      .legal_name = "Fixture Shop Ltd", .status = status,
						      .created_at = "2001-01-01 00:00:00" });
}

static inline long long
of_vendor(void)
{
	return of_vendor_status("verified");
}

/* One vendor's part of an order: lines of unit price x quantity, shipping,
 * its share of the discount and the part of that the vendor bears. */
struct of_part {
	long long vendor_id;
	long long price[4];
	long long qty[4];
	long long shipping, discount, vendor_discount;
	/* filled */
	long long vendor_order_id, items, commission, total;
};

/* The commission of a part by the fixture's plan, item by item. */
static inline long long
of_commission(struct of_part *p)
{
	struct plan plan;
	long long sum = 0, fee, vendor;

	ck_assert_int_eq(plan_load(of_plan(), &plan), 0);
	for (int i = 0; i < 4 && p->qty[i] > 0; i++) {
		ck_assert_int_eq(plan_commission(&plan, p->price[i], &fee, &vendor), 0);
		ck_assert_int_eq(fee + vendor, p->price[i]);
		sum += fee * p->qty[i];
	}
	return sum;
}

/* An order of parts, in status order_status ('paid', 'awaiting_payment');
 * the vendor orders 'processing' when paid. Returns the order's id. */
static inline long long
of_order(struct of_part *parts, int n, const char *order_status)
{
	char tag[16], number[32], key[64], now[24];
	long long items = 0, shipping = 0, discount = 0, total, order;
	int paid = strcmp(order_status, "paid") == 0;

	of_tag(tag, sizeof tag);
	clock_datetime(clock_now(), now, sizeof now);
	for (int k = 0; k < n; k++) {
		parts[k].items = 0;
		for (int i = 0; i < 4 && parts[k].qty[i] > 0; i++)
			parts[k].items += parts[k].price[i] * parts[k].qty[i];
		parts[k].commission = of_commission(&parts[k]);
		parts[k].total = parts[k].items + parts[k].shipping - parts[k].discount;
		items += parts[k].items;
		shipping += parts[k].shipping;
		discount += parts[k].discount;
	}
	total = items + shipping - discount;
	snprintf(number, sizeof number, "T-%s", tag);
	snprintf(key, sizeof key, "fixture-%s", tag);
	order = fx_order_row(&(struct fx_order_row){
		.number = number, .key = key, .email = "fixture@example.com", .status = order_status,
		.method = "card", .items = items, .shipping = shipping, .discount = discount, .total = total,
		.ship_country = "DE", .placed_at = now, .expires_hours = 1, .paid = paid });
	for (int k = 0; k < n; k++) {
		char vnumber[40];

		snprintf(vnumber, sizeof vnumber, "%s-%d", number, k + 1);
		parts[k].vendor_order_id = fx_vendor_order_row(&(struct fx_vendor_order_row){
			.order_id = order, .vendor_id = parts[k].vendor_id, .number = vnumber,
			.status = paid ? "processing" : "awaiting_payment", .items = parts[k].items,
			.shipping = parts[k].shipping, .discount = parts[k].discount,
			.vendor_discount = parts[k].vendor_discount, .total = parts[k].total,
			.commission = parts[k].commission, .plan_id = of_plan() });
	}
	return order;
}

/* A one-vendor paid order of one line. */
static inline long long
of_simple(long long vendor, long long price, long long qty, struct of_part *out)
{
	struct of_part p = { .vendor_id = vendor, .price = { price }, .qty = { qty } };

	of_order(&p, 1, "paid");
	if (out)
		*out = p;
	return p.vendor_order_id;
}

/* The order of a vendor order. */
static inline long long
of_order_of(long long vendor_order)
{
	return db_scalar(0, "SELECT order_id FROM vendor_orders WHERE id = ?", "i", vendor_order);
}

/* Marks a vendor order delivered at time t. */
static inline void
of_delivered(long long vendor_order, time_t t)
{
	char at[24];

	clock_datetime(t, at, sizeof at);
	ck_assert_int_eq(db_exec("UPDATE vendor_orders SET status = 'delivered', shipped_at = ?, delivered_at = ?"
				 " WHERE id = ?", "ssi", at, at, vendor_order), 1);
}

/* A refund of amount of a vendor order in the given status, raising its
 * refunded_minor as the refund module does. */
static inline long long
of_refund(long long vendor_order, long long amount, const char *status)
{
	char key[64], tag[16];

	of_tag(tag, sizeof tag);
	snprintf(key, sizeof key, "fixture-refund-%s", tag);
	ck_assert_int_eq(db_exec("UPDATE vendor_orders SET refunded_minor = refunded_minor + ?"
				 " WHERE id = ? AND refunded_minor + ? <= total_minor", "iii", amount,
				 vendor_order, amount), 1);
	ck_assert_int_eq(db_exec("INSERT INTO refunds (order_id, vendor_order_id, amount_minor, status,"
				 " idempotency_key) SELECT order_id, id, ?, ?, ? FROM vendor_orders WHERE id = ?",
				 "issi", amount, status, key, vendor_order), 1);
	return (long long)db_insert_id();
}

/* The sum of a vendor's ledger entries of one kind (NULL: all). */
static inline long long
of_sum(long long vendor, const char *kind)
{
	return db_scalar(-999999, "SELECT IFNULL(SUM(amount_minor), 0) FROM vendor_ledger WHERE vendor_id = ?"
			 " AND (? IS NULL OR kind = ?)", "iss", vendor, kind, kind);
}

#endif
