/*
 * pricing: what an order costs. The one place where line amounts, shipping,
 * tax and totals are computed: always from the database (prices, the tax
 * rate of each product's category, each shop's terms in cgi/lib/shipping.h),
 * never from what a form sent.
 *
 * Rules:
 * - Prices include tax. A line is unit price x quantity; its tax is the tax
 *   part of what the customer pays for it (line - its discount) at the rate
 *   of its category: amount * bp / (10000 + bp), rounded half away from
 *   zero (pricing_tax_part), per line. Shipping carries no tax.
 * - Tax rate of a product: its category's categories.tax_bp, else its top
 *   category's, else 0.
 * - Shipping is charged once per vendor order: the shop's flat rate, or
 *   nothing when the vendor order's items (before any discount) come to at
 *   least the shop's free-delivery threshold.
 * - Each vendor order: total = items + shipping - discount, tax = sum of its
 *   lines' tax; the order's amounts are the sums of its vendor orders'
 *   (the invariants of schema/0012_orders.sql).
 * - An order can be paid only by a method every shop in it accepts.
 *
 * Use: pricing_quote() reads the items' prices and shops' terms (inside the
 * caller's transaction when there is one, so order placement prices what it
 * writes); a coupon then sets the lines' discount_minor and the vendors'
 * vendor_discount_minor; pricing_finish() recomputes the tax and every sum;
 * pricing_free() releases the quote.
 */
#ifndef BAZAAR_PRICING_H
#define BAZAAR_PRICING_H
#include <stddef.h>

#include "shipping.h"

#define PRICING_ITEMS_MAX	100	/* distinct products in one quote */
#define PRICING_QTY_MAX		999	/* of one product */

struct pricing_item {
	long long product_id;
	int quantity;
};

enum pricing_line_state {
	PRICING_LINE_OK = 0,
	PRICING_LINE_UNAVAILABLE,	/* not for sale now (not active, or its shop is not open) */
	PRICING_LINE_SHORT,		/* fewer in stock than the quantity */
};

struct quote_line {
	long long product_id, vendor_id, category_id, top_category_id;
	char name[801];			/* products.name (200 characters) */
	char sku[65];
	int quantity;
	long long stock;
	enum pricing_line_state state;
	size_t vendor;			/* index in quote.vendors */
	long long unit_price_minor;
	long long line_minor;		/* unit price x quantity */
	long long discount_minor;	/* set by a coupon; 0 from pricing_quote */
	long long tax_bp;		/* 2000 = 20.00 % */
	long long tax_minor;		/* tax part of line - discount */
};

struct quote_vendor {
	long long vendor_id;
	char name[481];			/* vendors.trading_name */
	size_t first_line, nlines;	/* its lines: quote.lines[first_line ..] */
	struct shipping_terms terms;
	int ships;			/* delivers to the quote's country */
	int delivery_min_days, delivery_max_days;	/* handling + transit */
	long long items_minor, shipping_minor, discount_minor, tax_minor, total_minor;
	long long vendor_discount_minor;	/* the part of discount_minor the shop bears (a coupon sets it) */
};

struct quote {
	char country[3];
	struct quote_line *lines;	/* grouped by shop, shops in the order of their first item */
	size_t nlines;
	struct quote_vendor *vendors;
	size_t nvendors;
	long long items_minor, shipping_minor, discount_minor, tax_minor, total_minor;
	unsigned methods;		/* accepted by every shop: SHIPPING_CARD | ... */
};

/*
 * Prices items (n of them, each product at most once, quantity 1..999) for
 * delivery to country (two capital letters) into *q, which
 * pricing_free() releases on any return. Every line is priced, whether it
 * can be bought or not (its state says); pricing_orderable() tells whether
 * the whole quote can become an order.
 * Returns 0; 1 when the items are not acceptable (none, too many, a
 * quantity out of range, a product twice, a product that does not exist,
 * a malformed country): nothing to show but "not found"; -1 on a database
 * error.
 */
int pricing_quote(const struct pricing_item *items, size_t n, const char *country, struct quote *q);

/*
 * After a discount was spread on the lines (discount_minor of each,
 * 0..line_minor) and vendor_discount_minor set per shop (0..its lines'
 * discount): recomputes each line's tax and every sum. 0, or -1 when a
 * discount is out of range (the quote is then left unchanged).
 */
int pricing_finish(struct quote *q);

void pricing_free(struct quote *q);

/* Whether every line can be bought, every shop delivers to the country and
 * at least one payment method is accepted by all of them. */
int pricing_orderable(const struct quote *q);

/*
 * The first reason the quote cannot become an order, as a sentence for the
 * customer in buf ("Only 2 of “Blue mug” are left.", "Pottery Barn does
 * not deliver to France.", "The shops in your cart accept no payment method
 * in common: ..."), or NULL when it can.
 */
const char *pricing_problem(const struct quote *q, char *buf, size_t size);

/*
 * Why method (one SHIPPING_* bit) cannot pay this quote, in buf: "Not
 * accepted by Pottery Barn and Tea House." Returns NULL when every shop
 * accepts it.
 */
const char *pricing_method_refusal(const struct quote *q, unsigned method, char *buf, size_t size);

/* The shipping charge of a shop's terms for a vendor order whose items come
 * to items_minor. */
long long pricing_shipping(const struct shipping_terms *t, long long items_minor);

/* *tax = the tax included in gross at bp basis points: gross * bp /
 * (10000 + bp), rounded half away from zero. 0, or -1 (bp < 0). */
int pricing_tax_part(long long gross, long long bp, long long *tax);

/* The shop's return window in days after delivery (its saved terms or the
 * default; shipping_return_days), or -1 on a database error: returns and
 * the availability of a sale's money count from it. */
int pricing_vendor_return_days(long long vendor_id);

/* The tax rate in force for category_id (its own, else its top
 * category's, else 0), or -1 when there is no such category or on error. */
long long pricing_category_tax(long long category_id);
/* Sets a category's own rate (bp 0..10000, or -1: inherit again). Product
 * pages do not show it, so nothing cached changes. 0, 1 (no such category
 * or rate out of range), -1. */
int pricing_set_category_tax(long long category_id, long long bp);

#endif
