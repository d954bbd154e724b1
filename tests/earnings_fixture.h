/*
 * Orders written straight into the test database for the tests of what
 * follows a payment (earnings, payouts, their pages): a vendor on a plan of
 * its own, an order with one vendor order per vendor (its commission from
 * the plan per item, with the plan's minimum and maximum), a refund. The
 * rows are left behind, as the ledger's cannot be deleted.
 * Include after <check.h> and "db.h".
 */
#ifndef BAZAAR_TESTS_EARNINGS_FIXTURE_H
#define BAZAAR_TESTS_EARNINGS_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "plan.h"

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
	ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description,"
				 " status, plan_id, created_at) VALUES (?, 'Fixture Shop', 'Fixture Shop Ltd', '', ?, ?,"
				 " '2001-01-01 00:00:00')", "ssi", slug, status, of_plan()), 1);
	return (long long)db_insert_id();
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
	ck_assert_int_eq(db_exec("INSERT INTO orders (number, email, status, payment_method, items_minor,"
				 " shipping_minor, discount_minor, total_minor, ship_country, idempotency_key,"
				 " cart_hash, placed_at, expires_at, paid_at)"
				 " VALUES (?, 'fixture@example.com', ?, 'card', ?, ?, ?, ?, 'DE', ?,"
				 " UNHEX(SHA2(?, 256)), ?, ? + INTERVAL 1 HOUR, IF(? = 'paid', ?, NULL))",
				 "ssiiiissssss", number, order_status, items, shipping, discount, total, key, key,
				 now, now, order_status, now), 1);
	order = (long long)db_insert_id();
	for (int k = 0; k < n; k++) {
		char vnumber[40];

		snprintf(vnumber, sizeof vnumber, "%s-%d", number, k + 1);
		ck_assert_int_eq(db_exec("INSERT INTO vendor_orders (order_id, vendor_id, number, status,"
					 " items_minor, shipping_minor, discount_minor, vendor_discount_minor,"
					 " total_minor, commission_minor, plan_id)"
					 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "iissiiiiiii", order,
					 parts[k].vendor_id, vnumber, paid ? "processing" : "awaiting_payment",
					 parts[k].items, parts[k].shipping, parts[k].discount,
					 parts[k].vendor_discount, parts[k].total, parts[k].commission,
					 of_plan()), 1);
		parts[k].vendor_order_id = (long long)db_insert_id();
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
