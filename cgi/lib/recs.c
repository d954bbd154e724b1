/*
 * recs: product recommendations for the pages (see recs.h).
 */
#include "recs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "assoc.h"
#include "buf.h"
#include "cache.h"
#include "catalog.h"
#include "cfg.h"
#include "clock.h"
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

		if (!assoc_has(pk->out, pk->n, id) && !assoc_has(pk->seeds, pk->nseeds, id) &&
		    !assoc_has(pk->exclude, pk->nexclude, id))
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
		if (nleaf < RECS_CATEGORIES && !assoc_has(leaf, nleaf, db_int(r, 0)))
			leaf[nleaf++] = db_int(r, 0);
		if (ntop < RECS_CATEGORIES && !assoc_has(top, ntop, db_int(r, 1)))
			top[ntop++] = db_int(r, 1);
	}
	db_free(r);
	for (i = 0; i < nleaf; i++)
		if (recs_fill_category(pk, leaf[i], 0) != 0)
			return -1;
	for (i = 0; i < ntop; i++)
		if (!assoc_has(leaf, nleaf, top[i]) && recs_fill_category(pk, top[i], 1) != 0)
			return -1;
	return 0;
}

/* Step 1: the seeds' rules (seeds_json: the seeds as a JSON array). */
static int
recs_pick_rules(struct recs_pick *pk, const char *seeds_json)
{
	char json[RECS_JSON_SIZE];

	if (pk->nseeds == 0)
		return 0;
	return recs_take(pk, db_query(recs_rules_sql, "ssi", seeds_json, recs_excluded(pk, json),
				      (long long)pk->max));
}

/* Step 3: the shop's best sellers, then its most popular products. */
static int
recs_fill_shop(struct recs_pick *pk)
{
	char json[RECS_JSON_SIZE];

	if (pk->n < pk->max && recs_fill_category(pk, 0, 0) != 0)
		return -1;
	if (pk->n < pk->max &&
	    recs_take(pk, db_query(recs_popular_sql, "si", recs_excluded(pk, json),
				   (long long)(pk->max - pk->n))) != 0)
		return -1;
	return 0;
}

/* A pick of at most max (RECS_MAX) over seeds and exclude, with the seeds
 * as a JSON array in seeds_json. */
static void
recs_pick_init(struct recs_pick *pk, long long *out, size_t max, const long long *seeds, size_t nseeds,
	       const long long *exclude, size_t nexclude, char *seeds_json)
{
	size_t len = 1;

	*pk = (struct recs_pick){ out, 0, max > RECS_MAX ? RECS_MAX : max, seeds, exclude,
				  nseeds > RECS_SEEDS_MAX ? RECS_SEEDS_MAX : nseeds,
				  nexclude > RECS_SEEDS_MAX ? RECS_SEEDS_MAX : nexclude };
	seeds_json[0] = '[';
	recs_json_add(seeds_json, &len, pk->seeds, pk->nseeds);
	seeds_json[len++] = ']';
	seeds_json[len] = '\0';
}

int
recs_from_seeds(const long long *seeds, size_t nseeds, const long long *exclude, size_t nexclude,
		long long *out, size_t max, size_t *ruled)
{
	struct recs_pick pk;
	char seeds_json[RECS_JSON_SIZE];

	recs_pick_init(&pk, out, max, seeds, nseeds, exclude, nexclude, seeds_json);
	if (ruled != NULL)
		*ruled = 0;
	if (pk.max == 0)
		return 0;
	if (recs_pick_rules(&pk, seeds_json) != 0)
		return -1;
	if (ruled != NULL)
		*ruled = pk.n;
	if (pk.n < pk.max && recs_fill_categories(&pk, seeds_json) != 0)
		return -1;
	if (recs_fill_shop(&pk) != 0)
		return -1;
	return (int)pk.n;
}

/*
 * The products that have rules (as antecedents), sorted: a worker keeps
 * them while the recs generation stands (bazaar-recommend bumps it when
 * stored rules change) and at most RECS_RULED_TTL seconds, so that a
 * product page of a product without rules (most) asks nothing. Without a
 * generation to go by (memcached off), or when the generation moved again
 * within a second of the last read (memcached down: every read is a new
 * one), nothing is known and the rules are asked for.
 */
#define RECS_RULED_TTL	60
static struct {
	unsigned long long gen;
	time_t loaded;		/* monotonic seconds; 0: never */
	long long *ids;
	size_t n;
	int known;
} recs_ruled;

static int
recs_id_cmp(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;

	return a < b ? -1 : a > b;
}

/* 1 when product_id may have rules (or nothing is known), 0 when not. */
static int
recs_may_have_rules(long long product_id)
{
	unsigned long long gen;
	struct timespec now;
	struct db_result *r;
	long long *ids = NULL;
	size_t n = 0, cap = 0;

	if (!cache_enabled() || (gen = cache_gen(RECS_FAMILY)) == 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!recs_ruled.known || recs_ruled.gen != gen || now.tv_sec - recs_ruled.loaded >= RECS_RULED_TTL) {
		if (recs_ruled.loaded != 0 && now.tv_sec - recs_ruled.loaded < 1 && recs_ruled.gen != gen)
			return 1;
		recs_ruled.known = 0;
		recs_ruled.loaded = now.tv_sec;
		recs_ruled.gen = gen;
		if ((r = db_query("SELECT DISTINCT antecedent_id FROM recs_rules", "")) == NULL)
			return 1;
		while (db_next(r)) {
			if (n == cap) {
				long long *more = realloc(ids, (cap = cap ? cap * 2 : 256) * sizeof *ids);

				if (more == NULL) {
					free(ids);
					db_free(r);
					return 1;
				}
				ids = more;
			}
			ids[n++] = db_int(r, 0);
		}
		db_free(r);
		qsort(ids, n, sizeof *ids, recs_id_cmp);
		free(recs_ruled.ids);
		recs_ruled.ids = ids;
		recs_ruled.n = n;
		recs_ruled.known = 1;
	}
	return bsearch(&product_id, recs_ruled.ids, recs_ruled.n, sizeof product_id, recs_id_cmp) != NULL;
}

int
recs_rules_of(long long product_id, long long *out, size_t max)
{
	struct recs_pick pk;
	char seeds_json[RECS_JSON_SIZE];

	if (product_id <= 0 || max == 0 || !recs_may_have_rules(product_id))
		return 0;
	recs_pick_init(&pk, out, max, &product_id, product_id > 0 ? 1 : 0, NULL, 0, seeds_json);
	if (pk.max == 0)
		return 0;
	return recs_pick_rules(&pk, seeds_json) != 0 ? -1 : (int)pk.n;
}

int
recs_cold_start(long long category_id, long long top_id, long long *out, size_t max)
{
	struct recs_pick pk;
	char seeds_json[RECS_JSON_SIZE];

	recs_pick_init(&pk, out, max, NULL, 0, NULL, 0, seeds_json);
	if (pk.max == 0)
		return 0;
	if (recs_fill_category(&pk, category_id, 0) != 0 ||
	    (top_id != category_id && recs_fill_category(&pk, top_id, 1) != 0) || recs_fill_shop(&pk) != 0)
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
		if (recent[i] > 0 && !assoc_has(seeds, n, recent[i]))
			seeds[n++] = recent[i];
	if (user_id > 0) {
		if ((r = db_query(recs_history_sql, "ii", user_id, (long long)RECS_HISTORY)) == NULL) {
			log_error("recs.query", "error=%s", log_quote(db_error()));
			return -1;
		}
		while (db_next(r) && n < RECS_SEEDS_MAX)
			if (!assoc_has(seeds, n, db_int(r, 0)))
				seeds[n++] = db_int(r, 0);
		db_free(r);
	}
	return recs_from_seeds(seeds, n, NULL, 0, out, max, NULL);
}

int
recs_bought_together(long long product_id, long long *out, size_t max, size_t *ruled)
{
	return recs_from_seeds(&product_id, product_id > 0 ? 1 : 0, NULL, 0, out, max, ruled);
}

int
recs_for_cart(const long long *in_cart, size_t n, long long *out, size_t max, size_t *ruled)
{
	return recs_from_seeds(in_cart, n, NULL, 0, out, max, ruled);
}

/* ---- mining ---------------------------------------------------------------- */

static const char *const recs_source_names[] = { "bought", "viewed" };

static const char recs_read_bought_sql[] =
	"SELECT i.order_id, i.product_id, COALESCE(o.user_id, 0) FROM orders o"
	" JOIN order_items i ON i.order_id = o.id"
	" WHERE o.status = 'paid' AND o.paid_at >= ? ORDER BY i.order_id, i.product_id";

static const char recs_read_viewed_sql[] =
	"SELECT CONCAT(HEX(visitor), DATE(at)), product_id, 0 FROM clickstream"
	" WHERE kind = 'view' AND product_id IS NOT NULL AND visitor IS NOT NULL AND at >= ?"
	" ORDER BY visitor, DATE(at), product_id";

/* What each product's rules are, to tell which changed. */
static const char recs_lists_sql[] =
	"SELECT antecedent_id, GROUP_CONCAT(consequent_id ORDER BY consequent_id)"
	" FROM recs_rules WHERE source = ? GROUP BY antecedent_id ORDER BY antecedent_id";

static const char recs_insert_sql[] =
	"INSERT INTO recs_rules (source, antecedent_id, consequent_id, baskets, support, confidence, lift)"
	" SELECT ?, j.a, j.c, j.n, j.s, j.conf, j.lift FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	" a BIGINT UNSIGNED PATH '$[0]', c BIGINT UNSIGNED PATH '$[1]', n INT UNSIGNED PATH '$[2]',"
	" s DOUBLE PATH '$[3]', conf DOUBLE PATH '$[4]', lift DOUBLE PATH '$[5]')) j";

/* Units of paid orders since ?, per product, into its category, its top
 * category and the whole shop (0). */
#define RECS_BEST_SQL(category, where) \
	"INSERT INTO recs_best (category_id, product_id, units)" \
	" SELECT " category ", i.product_id, SUM(i.quantity) FROM orders o" \
	" JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id" \
	" WHERE o.status = 'paid' AND o.paid_at >= ?" where " GROUP BY i.product_id"
static const char recs_best_leaf_sql[] = RECS_BEST_SQL("p.category_id", "");
static const char recs_best_top_sql[] = RECS_BEST_SQL("p.top_category_id", " AND p.top_category_id <> p.category_id");
static const char recs_best_all_sql[] = RECS_BEST_SQL("0", "");

static double
recs_ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* The baskets of a source: rows (basket key, product, owner) in basket order. */
static int
recs_read(enum recs_source source, struct assoc_baskets *b)
{
	char since[32];
	long long items[256];
	size_t n = 0;
	char key[80] = "";
	long long owner = 0;
	struct db_result *r;
	int days = source == RECS_BOUGHT ? RECS_DAYS_BOUGHT : RECS_DAYS_VIEWED;

	clock_datetime(clock_now() - (time_t)days * 86400, since, sizeof since);
	r = db_query(source == RECS_BOUGHT ? recs_read_bought_sql : recs_read_viewed_sql, "s", since);
	if (r == NULL)
		return -1;
	while (db_next(r)) {
		const char *k = db_str(r, 0) ? db_str(r, 0) : "";

		if (strcmp(k, key) != 0) {
			if (key[0] && assoc_baskets_add(b, owner, items, n) != 0)
				goto fail;
			snprintf(key, sizeof key, "%s", k);
			n = 0;
			owner = db_int(r, 2);
		}
		if (n < sizeof items / sizeof items[0])
			items[n++] = db_int(r, 1);
	}
	if (key[0] && assoc_baskets_add(b, owner, items, n) != 0)
		goto fail;
	db_free(r);
	return 0;
fail:
	db_free(r);
	return -1;
}

/* (antecedent, its consequents as text) of the stored rules; NULL on error. */
static struct db_result *
recs_lists(enum recs_source source)
{
	return db_query(recs_lists_sql, "s", recs_source_names[source]);
}

struct recs_store {
	enum recs_source source;
	const struct assoc_result *res;
	long long stored;
};

/* One-item antecedents first by antecedent, then by falling confidence. */
static int
recs_rule_cmp(const void *x, const void *y)
{
	const struct assoc_rule *a = *(const struct assoc_rule *const *)x, *b = *(const struct assoc_rule *const *)y;

	if (a->ante[0] != b->ante[0])
		return a->ante[0] < b->ante[0] ? -1 : 1;
	if (a->confidence != b->confidence)
		return a->confidence < b->confidence ? 1 : -1;
	return (a->cons > b->cons) - (a->cons < b->cons);
}

static int
recs_store_flush(const char *name, struct buf *json, size_t *batch)
{
	if (*batch == 0)
		return 0;
	buf_addc(json, ']');
	if (db_exec(recs_insert_sql, "ss", name, json->data) < 0)
		return -1;
	buf_reset(json);
	*batch = 0;
	return 0;
}

static int
recs_store_tx(void *arg)
{
	struct recs_store *st = arg;
	const char *name = recs_source_names[st->source];
	const struct assoc_rule **one = NULL;
	size_t n = 0, i, batch = 0, per = 0;
	struct buf json;
	char since[32];
	int rc = -1;

	st->stored = 0;
	buf_init(&json);
	if ((one = malloc((st->res->nrules + 1) * sizeof *one)) == NULL)
		goto out;
	for (i = 0; i < st->res->nrules; i++)
		if (st->res->rules[i].nante == 1)
			one[n++] = &st->res->rules[i];
	qsort(one, n, sizeof *one, recs_rule_cmp);
	if (db_exec("DELETE FROM recs_rules WHERE source = ?", "s", name) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		per = i > 0 && one[i - 1]->ante[0] == one[i]->ante[0] ? per + 1 : 0;
		if (per >= RECS_RULES_PER_PRODUCT)
			continue;
		buf_printf(&json, "%s[%lld,%lld,%lld,%.17g,%.17g,%.17g]", batch ? "," : "[", one[i]->ante[0],
			   one[i]->cons, one[i]->count, one[i]->support, one[i]->confidence, one[i]->lift);
		st->stored++;
		if (++batch == 500 && recs_store_flush(name, &json, &batch) != 0)
			goto out;
	}
	if (recs_store_flush(name, &json, &batch) != 0)
		goto out;
	if (st->source == RECS_BOUGHT) {
		clock_datetime(clock_now() - (time_t)RECS_DAYS_BEST * 86400, since, sizeof since);
		if (db_exec("DELETE FROM recs_best", "") < 0 || db_exec(recs_best_leaf_sql, "s", since) < 0 ||
		    db_exec(recs_best_top_sql, "s", since) < 0 || db_exec(recs_best_all_sql, "s", since) < 0)
			goto out;
	}
	rc = 0;
out:
	free(one);
	buf_free(&json);
	return rc;
}

/* Deletes the cached page of each antecedent whose list differs between
 * before and after (both ordered by antecedent). Returns how many differ. */
static long long
recs_forget_changed(struct db_result *before, struct db_result *after)
{
	long long pages = 0, a = -1, b = -1;
	int more_a = db_next(before), more_b = db_next(after);

	while (more_a || more_b) {
		long long id;

		a = more_a ? db_int(before, 0) : -1;
		b = more_b ? db_int(after, 0) : -1;
		if (more_a && (!more_b || a < b)) {
			id = a;
			more_a = db_next(before);
		} else if (more_b && (!more_a || b < a)) {
			id = b;
			more_b = db_next(after);
		} else {
			const char *x = db_str(before, 1), *y = db_str(after, 1);

			id = strcmp(x ? x : "", y ? y : "") != 0 ? a : 0;
			more_a = db_next(before);
			more_b = db_next(after);
		}
		if (id > 0) {
			struct db_result *r = db_query("SELECT slug FROM products WHERE id = ?", "i", id);

			/* Not told (memcached away, logged): the page lives out its TTL. */
			if (r != NULL && db_next(r))
				catalog_forget_page(id, db_str(r, 0));
			db_free(r);
			pages++;
		}
	}
	return pages;
}

void
recs_params(struct assoc_params *p)
{
	p->min_count = cfg_int_in("BAZAAR_RECS_MIN_BASKETS", 2, 1, 1000000);
	p->min_confidence = (double)cfg_int_in("BAZAAR_RECS_MIN_CONFIDENCE", 5, 0, 100) / 100.0;
	p->min_lift = 1.0001;	/* above 1: more likely together than apart */
	p->max_len = 2;		/* pairs: the pages look rules up by one product */
}

int
recs_mine(enum recs_source source, struct recs_run *run)
{
	struct assoc_params p;
	struct assoc_baskets b;
	struct assoc_result res = { 0 };
	struct recs_store st = { source, &res, 0 };
	struct db_result *before = NULL, *after = NULL;
	struct timespec t0, t1;
	char started[32];
	int rc = -1;

	memset(run, 0, sizeof *run);
	recs_params(&p);
	assoc_baskets_init(&b);
	clock_datetime(clock_now(), started, sizeof started);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (recs_read(source, &b) != 0) {
		log_error("recs.mine", "source=%s step=read error=%s", recs_source_names[source], log_quote(db_error()));
		goto out;
	}
	run->read_ms = recs_ms_since(&t0);
	if (assoc_mine(&b, &p, &res) != 0) {
		log_error("recs.mine", "source=%s step=mine error=\"out of memory\"", recs_source_names[source]);
		goto out;
	}
	run->baskets = res.stats.baskets;
	run->lines = res.stats.lines;
	run->itemsets = (long long)res.nsets;
	run->mine_ms = res.stats.mine_ms;
	run->peak_bytes = res.stats.peak_bytes;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if ((before = recs_lists(source)) == NULL || db_tx(recs_store_tx, &st) != 0 ||
	    (after = recs_lists(source)) == NULL) {
		log_error("recs.mine", "source=%s step=store error=%s", recs_source_names[source], log_quote(db_error()));
		goto out;
	}
	run->rules = st.stored;
	run->pages = recs_forget_changed(before, after);
	if (run->pages > 0)
		cache_bump(RECS_FAMILY);
	run->store_ms = recs_ms_since(&t1);
	if (db_exec("INSERT INTO recs_runs (source, started_at, baskets, lines_read, itemsets, rules, mine_ms, total_ms)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "ssiiiiii", recs_source_names[source], started, run->baskets,
		    run->lines, run->itemsets, run->rules, (long long)run->mine_ms, (long long)recs_ms_since(&t0)) < 0)
		log_warn("recs.mine", "source=%s step=record error=%s", recs_source_names[source], log_quote(db_error()));
	rc = 0;
out:
	db_free(before);
	db_free(after);
	assoc_result_free(&res);
	assoc_baskets_free(&b);
	return rc;
}
