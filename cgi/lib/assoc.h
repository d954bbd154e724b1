/*
 * assoc: association rules from baskets, by FP-growth (Han, Pei and Yin,
 * "Mining frequent patterns without candidate generation", 2000), in
 * memory, without the database.
 *
 * A basket is a set of item ids (a product id); an item given twice in one
 * basket counts once. For an itemset I, count(I) is the number of baskets
 * holding all of I, and it is frequent when count(I) >= min_count. For a
 * frequent itemset I and one item y of it, the rule X -> y (X = I - {y},
 * not empty) has
 *   support    = count(I) / baskets
 *   confidence = count(I) / count(X)
 *   lift       = confidence / (count({y}) / baskets)
 * and is kept when confidence >= min_confidence and lift >= min_lift.
 *
 * The tree holds every basket once, its items in order of falling
 * frequency, shared prefixes counted instead of repeated; mining walks it
 * once per frequent item, on conditional trees, never generating
 * candidates. Memory: the baskets, one tree node per distinct prefix, and
 * the itemsets found (assoc_stats says how much).
 *
 * The offline measure: assoc_evaluate hides each customer's last basket,
 * mines the others, and counts how often the ten products recommended from
 * the customer's earlier baskets (assoc_recommend) hold one of the hidden
 * ones, against the ten most bought products.
 */
#ifndef BAZAAR_ASSOC_H
#define BAZAAR_ASSOC_H
#include <stddef.h>

#define ASSOC_LEN_MAX	4	/* items in an itemset at most */

/* Baskets, appended one at a time. */
struct assoc_baskets {
	long long *items;
	size_t nitems, items_cap;
	size_t *ends;		/* basket i is items[ends[i-1] .. ends[i]) */
	size_t n, ends_cap;
	long long *owners;	/* the customer of each basket (assoc_evaluate), 0: none */
};

void assoc_baskets_init(struct assoc_baskets *b);
/* Adds one basket of n items (n may be 0: an empty basket still counts in
 * the total) for owner (0: none). 0, or -1 when out of memory. */
int assoc_baskets_add(struct assoc_baskets *b, long long owner, const long long *items, size_t n);
void assoc_baskets_free(struct assoc_baskets *b);

struct assoc_params {
	long long min_count;	/* baskets; at least 1 */
	double min_confidence;	/* 0..1 */
	double min_lift;	/* 0: any */
	int max_len;		/* itemset size, 2..ASSOC_LEN_MAX */
};

struct assoc_itemset {
	long long items[ASSOC_LEN_MAX];	/* ascending ids */
	int n;
	long long count;
};

struct assoc_rule {
	long long ante[ASSOC_LEN_MAX - 1];	/* ascending ids */
	int nante;
	long long cons;
	long long count;		/* baskets holding ante and cons */
	double support, confidence, lift;
};

struct assoc_stats {
	long long baskets, lines;	/* baskets, items in them (distinct per basket) */
	long long items, frequent;	/* distinct items, frequent ones */
	long long nodes;		/* nodes of the first tree */
	size_t peak_bytes;		/* memory held by the miner at its peak */
	double mine_ms;			/* tree and mining, rules included */
};

struct assoc_result {
	struct assoc_itemset *sets;	/* every frequent itemset (single items included) */
	size_t nsets;
	struct assoc_rule *rules;	/* by falling confidence, then lift, then ids */
	size_t nrules;
	struct assoc_stats stats;
};

/* Mines b. 0, or -1 on bad parameters or out of memory (res then holds
 * nothing). Free with assoc_result_free whatever it returns. */
int assoc_mine(const struct assoc_baskets *b, const struct assoc_params *p, struct assoc_result *res);
void assoc_result_free(struct assoc_result *res);

/*
 * Up to k items recommended for a shopper holding seeds[0..n): each
 * consequent of a rule with one antecedent among the seeds scores the
 * rule's confidence, summed over the seeds, best first (ties: smaller id);
 * seeds themselves are never recommended. Returns how many were written.
 * The same scoring recs_from_seeds does in SQL over stored rules.
 */
size_t assoc_recommend(const struct assoc_result *res, const long long *seeds, size_t n,
		       long long *out, size_t k);

/* True when id is among ids[0..n). */
int assoc_has(const long long *ids, size_t n, long long id);

struct assoc_eval {
	long long customers;		/* customers with two baskets or more */
	long long rules_hits;		/* hidden baskets with one of the rules' k in them */
	long long popular_hits;		/* ... with one of the k most bought */
	double rules_rate, popular_rate;	/* hits / customers */
	size_t nrules;			/* rules mined without the hidden baskets */
};

/*
 * The offline measure over baskets with owners, in the order they were
 * bought: each owner's last basket is hidden, the rest mined with p, and
 * each hidden basket compared with the k items recommended from the
 * owner's earlier baskets (assoc_recommend, topped up with the most
 * bought ones as the pages are) and with the k most bought products the
 * owner did not buy before. 0, or -1 when out of memory.
 */
int assoc_evaluate(const struct assoc_baskets *b, const struct assoc_params *p, size_t k,
		   struct assoc_eval *ev);

#endif
