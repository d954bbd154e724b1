/*
 * recs: product recommendations read by the pages, from the rules that
 * bazaar-recommend mines (schema/0029_recs.sql, cgi/lib/assoc.h).
 *
 * Every function answers product ids, best first, each once, only products
 * that are for sale now (active, in stock, of a verified shop), never one
 * of the products it was asked about. The ids come from, in this order:
 *   1. the rules whose antecedent is one of the seed products, scored by
 *      the sum over the seeds of confidence (a 'bought' rule counts fully,
 *      a 'viewed' one half), ties by id;
 *   2. cold start, when the rules give fewer than max: the best sellers
 *      (recs_best, units of the last 90 days) of the seeds' categories
 *      (the first seed's first), then of their top categories;
 *   3. the best sellers of the whole shop, and when nothing was ever sold,
 *      the most popular products (products.popularity).
 * So a shop without orders still shows something, and every list fills up
 * to max as long as the catalogue has that many products for sale.
 *
 * Each returns how many ids it wrote to out (0..max), or -1 on a database
 * error (logged). Nothing is cached here: the product page that shows
 * recs_bought_together is a shared cached page (deleted when its rules
 * change, see recs_store_rules); the cart and home page call these per
 * visitor.
 */
#ifndef BAZAAR_RECS_H
#define BAZAAR_RECS_H
#include <stddef.h>

#include "assoc.h"

#define RECS_FAMILY	"recs"	/* cache generation bumped when stored rules change */
#define RECS_MAX	24	/* ids any of these answers at most */
#define RECS_SEEDS_MAX	40	/* seed products considered at most */
#define RECS_HISTORY	20	/* products of the shopper's paid orders used, latest first */

/*
 * "For you": from the products of the shopper's paid orders (the latest
 * RECS_HISTORY distinct ones; user_id 0: none) and the recent product ids
 * given (latest first, e.g. recently viewed). Neither what they bought nor
 * what they just viewed is recommended back.
 */
int recs_for_you(long long user_id, const long long *recent, size_t nrecent, long long *out, size_t max);

/* "Frequently bought together" with one product (its product page).
 * *ruled (when not NULL): how many of the ids came from rules (step 1),
 * so a page can tell "bought together" from the cold start's best sellers. */
int recs_bought_together(long long product_id, long long *out, size_t max, size_t *ruled);

/* recs_bought_together in two halves, for a page that keeps the second per
 * category: the rules alone (step 1), and what cold start gives any
 * product of category_id (a leaf) under top_id (steps 2 and 3), the
 * product itself not left out: a page drops it. When recs_rules_of answers
 * 0, recs_bought_together's ids are recs_cold_start's without the product
 * (asked for one more). */
int recs_rules_of(long long product_id, long long *out, size_t max);
/* (recs_rules_of asks nothing for a product that has no rules: a worker
 * keeps the ids of the products that have, while the RECS_FAMILY
 * generation stands and at most a minute.) */
int recs_cold_start(long long category_id, long long top_id, long long *out, size_t max);

/* "Goes well with what's in your cart": seeds are the cart's products. */
int recs_for_cart(const long long *in_cart, size_t n, long long *out, size_t max, size_t *ruled);

/*
 * The generic form the others use: seeds (up to RECS_SEEDS_MAX, most
 * important first), recommendations excluding seeds and exclude[0..nexclude).
 */
int recs_from_seeds(const long long *seeds, size_t nseeds, const long long *exclude, size_t nexclude,
		    long long *out, size_t max, size_t *ruled);

/* ---- mining (bazaar-recommend) ------------------------------------------ */

#define RECS_RULES_PER_PRODUCT	20	/* rules kept per antecedent, best confidence first */
#define RECS_DAYS_BOUGHT	365	/* paid orders mined: of the last year */
#define RECS_DAYS_VIEWED	30	/* clickstream mined: the last month */
#define RECS_DAYS_BEST		90	/* best sellers: units of the last 90 days */

enum recs_source { RECS_BOUGHT, RECS_VIEWED };

struct recs_run {
	long long baskets, lines, itemsets, rules;	/* rules stored */
	long long pages;	/* product pages whose rules changed, deleted from the cache */
	double read_ms, mine_ms, store_ms;
	size_t peak_bytes;	/* the miner's own memory at its peak */
};

/* The thresholds of the miner (below), for the job's evaluate and bench too. */
void recs_params(struct assoc_params *p);

/*
 * Mines one source (schema/0029_recs.sql) with assoc_mine: the products of
 * each paid order of the last RECS_DAYS_BOUGHT days, or the products each
 * visitor viewed each day of the last RECS_DAYS_VIEWED (clickstream's
 * visitor hash changes daily, so a day is the longest basket it can tell).
 * Thresholds: BAZAAR_RECS_MIN_BASKETS baskets (2), confidence
 * BAZAAR_RECS_MIN_CONFIDENCE percent (5), lift above 1. Then, in one
 * transaction, replaces the source's rules (one-item antecedents, the
 * RECS_RULES_PER_PRODUCT most confident of each), for 'bought' the best
 * sellers (recs_best) too, and records the run (recs_runs); after the
 * commit deletes the cached page of each product whose rules changed and
 * bumps the RECS_FAMILY generation (the storefront's memo of them).
 * 0 (run filled), or -1 (logged; nothing changed).
 */
int recs_mine(enum recs_source source, struct recs_run *run);

#endif
