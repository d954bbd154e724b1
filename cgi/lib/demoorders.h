/*
 * demoorders: the demo shoppers' orders, planned from the demo catalogue
 * with the co-purchase patterns real shops see (beer with lemons and ice, a
 * tent with a sleeping bag and a mat, a bike helmet with lights and a lock,
 * coffee beans with cups), for bazaar-demo_orders to place through order_place and for the offline
 * measure of the recommendations (tests/unit/check_demoorders.c) to mine.
 *
 * Each pattern is a list of (sub-category, noun) pairs; a noun stands for
 * the two most popular products of that sub-category whose name holds it,
 * for sale with at least DEMOORDERS_STOCK_MIN in stock from a shop that
 * delivers to the default country by bank transfer. A pattern with fewer
 * than two nouns found is left out. Each of DEMOORDERS_CUSTOMERS shoppers
 * keeps to one pattern (shopper i to pattern i mod patterns found), with
 * now and then a product of another pattern or one of the shop's most
 * popular products; each places two to four orders of two or three
 * products. Everything comes from a fixed seed: the same catalogue always
 * gives the same plan.
 */
#ifndef BAZAAR_DEMOORDERS_H
#define BAZAAR_DEMOORDERS_H
#include <stddef.h>

#define DEMOORDERS_CUSTOMERS	120
#define DEMOORDERS_LINES_MAX	4
#define DEMOORDERS_STOCK_MIN	40

struct demoorders_basket {
	int customer;		/* 0 .. DEMOORDERS_CUSTOMERS - 1 */
	size_t n;
	long long items[DEMOORDERS_LINES_MAX];	/* product ids, distinct */
};

struct demoorders_plan {
	struct demoorders_basket *baskets;	/* in the order they are placed */
	size_t n;
	size_t patterns;	/* patterns found in the catalogue */
};

/* Plans the orders from the catalogue in the database. 0, or -1 on a
 * database error or out of memory. Free with demoorders_free either way. */
int demoorders_plan(struct demoorders_plan *plan);
void demoorders_free(struct demoorders_plan *plan);

#endif
