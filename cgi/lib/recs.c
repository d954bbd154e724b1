/*
 * recs: product recommendations for the pages (see recs.h).
 */
#include "recs.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "log.h"

/* Seeds, excluded ids and the ids chosen so far, as JSON arrays. */
#define RECS_JSON_SIZE	((RECS_SEEDS_MAX * 2 + RECS_MAX + 2) * 22)
#define RECS_CATEGORIES	3	/* seed categories whose best sellers fill up */

static const char recs_rules_sql[] =
	"SELECT r.consequent_id, SUM(r.confidence * IF(r.source = 'bought', 1, 0.5)) AS score"
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) s"
	" JOIN recs_rules r ON r.antecedent_id = s.id"
	" JOIN products p ON p.id = r.consequent_id"
	" JOIN vendors v ON v.id = p.vendor_id"
	" WHERE p.status = 'active' AND p.stock > 0 AND v.status = 'verified'"
	" AND NOT JSON_CONTAINS(?, CAST(r.consequent_id AS CHAR))"
	" GROUP BY r.consequent_id ORDER BY score DESC, r.consequent_id LIMIT ?";

static const char recs_categories_sql[] =
	"SELECT p.category_id, p.top_category_id"
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (ord FOR ORDINALITY, id BIGINT UNSIGNED PATH '$')) s"
	" JOIN products p ON p.id = s.id ORDER BY s.ord";

static const char recs_best_sql[] =
	"SELECT b.product_id FROM recs_best b"
	" JOIN products p ON p.id = b.product_id"
	" JOIN vendors v ON v.id = p.vendor_id"
	" WHERE b.category_id = ? AND p.status = 'active' AND p.stock > 0 AND v.status = 'verified'"
	" AND NOT JSON_CONTAINS(?, CAST(b.product_id AS CHAR))"
	" ORDER BY b.units DESC, b.product_id LIMIT ?";

static const char recs_popular_category_sql[] =
	"SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id"
	" WHERE p.category_id = ? AND p.status = 'active' AND p.stock > 0 AND v.status = 'verified'"
	" AND NOT JSON_CONTAINS(?, CAST(p.id AS CHAR))"
	" ORDER BY p.popularity DESC, p.id DESC LIMIT ?";

static const char recs_popular_top_sql[] =
	"SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id"
	" WHERE p.top_category_id = ? AND p.status = 'active' AND p.stock > 0 AND v.status = 'verified'"
	" AND NOT JSON_CONTAINS(?, CAST(p.id AS CHAR))"
	" ORDER BY p.popularity DESC, p.id DESC LIMIT ?";

static const char recs_popular_sql[] =
	"SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id"
	" WHERE p.status = 'active' AND p.stock > 0 AND v.status = 'verified'"
	" AND NOT JSON_CONTAINS(?, CAST(p.id AS CHAR))"
	" ORDER BY p.popularity DESC, p.id DESC LIMIT ?";

static const char recs_history_sql[] =
	"SELECT i.product_id, MAX(o.id) AS latest FROM orders o JOIN order_items i ON i.order_id = o.id"
	" WHERE o.user_id = ? AND o.status = 'paid'"
	" GROUP BY i.product_id ORDER BY latest DESC, i.product_id LIMIT ?";

/* What one call has chosen, and what it must not choose. */
struct recs_pick {
	long long *out;
	size_t n, max;
	const long long *seeds, *exclude;
	size_t nseeds, nexclude;
};

static int
recs_has(const long long *ids, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

static void
recs_json_add(char *json, size_t *len, const long long *ids, size_t n)
{
	for (size_t i = 0; i < n && *len + 24 < RECS_JSON_SIZE; i++)
		*len += (size_t)snprintf(json + *len, RECS_JSON_SIZE - *len, "%s%lld",
					 *len > 1 ? "," : "", ids[i]);
}

/* Everything that may not be chosen (seeds, exclude, chosen), as JSON. */
static const char *
recs_excluded(const struct recs_pick *pk, char *json)
{
	size_t len = 1;

	json[0] = '[';
	recs_json_add(json, &len, pk->seeds, pk->nseeds);
	recs_json_add(json, &len, pk->exclude, pk->nexclude);
	recs_json_add(json, &len, pk->out, pk->n);
	json[len++] = ']';
	json[len] = '\0';
	return json;
}

/* Adds the first column of each row of r (freed) to the pick. */
static int
recs_take(struct recs_pick *pk, struct db_result *r)
{
	if (r == NULL) {
		log_error("recs.query", "error=%s", log_quote(db_error()));
		return -1;
	}
	while (pk->n < pk->max && db_next(r)) {
		long long id = db_int(r, 0);

		if (!recs_has(pk->out, pk->n, id) && !recs_has(pk->seeds, pk->nseeds, id) &&
		    !recs_has(pk->exclude, pk->nexclude, id))
			pk->out[pk->n++] = id;
	}
	db_free(r);
	return 0;
}

/* Fills up from one category's best sellers, then its most popular. */
static int
recs_fill_category(struct recs_pick *pk, long long category_id, int top)
{
	char json[RECS_JSON_SIZE];

	if (pk->n < pk->max &&
	    recs_take(pk, db_query(recs_best_sql, "isi", category_id, recs_excluded(pk, json),
				   (long long)(pk->max - pk->n))) != 0)
		return -1;
	if (pk->n < pk->max &&
	    recs_take(pk, db_query(top ? recs_popular_top_sql : recs_popular_category_sql, "isi", category_id,
				   recs_excluded(pk, json), (long long)(pk->max - pk->n))) != 0)
		return -1;
	return 0;
}

/* Cold start: the seeds' categories, then their top categories. */
static int
recs_fill_categories(struct recs_pick *pk, const char *seeds_json)
{
	long long leaf[RECS_CATEGORIES], top[RECS_CATEGORIES];
	size_t nleaf = 0, ntop = 0, i;
	struct db_result *r;

	if (pk->nseeds == 0)
		return 0;
	if ((r = db_query(recs_categories_sql, "s", seeds_json)) == NULL) {
		log_error("recs.query", "error=%s", log_quote(db_error()));
		return -1;
	}
	while (db_next(r)) {
		if (nleaf < RECS_CATEGORIES && !recs_has(leaf, nleaf, db_int(r, 0)))
			leaf[nleaf++] = db_int(r, 0);
		if (ntop < RECS_CATEGORIES && !recs_has(top, ntop, db_int(r, 1)))
			top[ntop++] = db_int(r, 1);
	}
	db_free(r);
	for (i = 0; i < nleaf; i++)
		if (recs_fill_category(pk, leaf[i], 0) != 0)
			return -1;
	for (i = 0; i < ntop; i++)
		if (!recs_has(leaf, nleaf, top[i]) && recs_fill_category(pk, top[i], 1) != 0)
			return -1;
	return 0;
}

int
recs_from_seeds(const long long *seeds, size_t nseeds, const long long *exclude, size_t nexclude,
		long long *out, size_t max)
{
	struct recs_pick pk = { out, 0, max > RECS_MAX ? RECS_MAX : max, seeds, exclude,
				nseeds > RECS_SEEDS_MAX ? RECS_SEEDS_MAX : nseeds,
				nexclude > RECS_SEEDS_MAX ? RECS_SEEDS_MAX : nexclude };
	char seeds_json[RECS_JSON_SIZE], json[RECS_JSON_SIZE];
	size_t len = 1;

	if (pk.max == 0)
		return 0;
	seeds_json[0] = '[';
	recs_json_add(seeds_json, &len, pk.seeds, pk.nseeds);
	seeds_json[len++] = ']';
	seeds_json[len] = '\0';
	if (pk.nseeds > 0 &&
	    recs_take(&pk, db_query(recs_rules_sql, "ssi", seeds_json, recs_excluded(&pk, json),
				    (long long)pk.max)) != 0)
		return -1;
	if (pk.n < pk.max && recs_fill_categories(&pk, seeds_json) != 0)
		return -1;
	if (pk.n < pk.max && recs_fill_category(&pk, 0, 0) != 0)
		return -1;
	if (pk.n < pk.max &&
	    recs_take(&pk, db_query(recs_popular_sql, "si", recs_excluded(&pk, json),
				    (long long)(pk.max - pk.n))) != 0)
		return -1;
	return (int)pk.n;
}

int
recs_for_you(long long user_id, const long long *recent, size_t nrecent, long long *out, size_t max)
{
	long long seeds[RECS_SEEDS_MAX];
	size_t n = 0, i;
	struct db_result *r;

	for (i = 0; i < nrecent && n < RECS_SEEDS_MAX - RECS_HISTORY; i++)
		if (recent[i] > 0 && !recs_has(seeds, n, recent[i]))
			seeds[n++] = recent[i];
	if (user_id > 0) {
		if ((r = db_query(recs_history_sql, "ii", user_id, (long long)RECS_HISTORY)) == NULL) {
			log_error("recs.query", "error=%s", log_quote(db_error()));
			return -1;
		}
		while (db_next(r) && n < RECS_SEEDS_MAX)
			if (!recs_has(seeds, n, db_int(r, 0)))
				seeds[n++] = db_int(r, 0);
		db_free(r);
	}
	return recs_from_seeds(seeds, n, NULL, 0, out, max);
}

int
recs_bought_together(long long product_id, long long *out, size_t max)
{
	return recs_from_seeds(&product_id, product_id > 0 ? 1 : 0, NULL, 0, out, max);
}

int
recs_for_cart(const long long *in_cart, size_t n, long long *out, size_t max)
{
	return recs_from_seeds(in_cart, n, NULL, 0, out, max);
}
