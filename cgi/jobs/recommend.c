/*
 * bazaar-recommend: mines the association rules the pages recommend from
 * (cgi/lib/recs.h): "bought together" from paid orders and "viewed
 * together" from the clickstream, and the category best sellers for cold
 * start. Each pass mines everything again (recs_mine): the rules of a
 * source are replaced in one transaction, and the cached product pages
 * whose rules changed are deleted.
 *
 * A job runner (cgi/lib/job.h) with one schedule, "recommend", every
 * BAZAAR_RECOMMEND_INTERVAL seconds (default 3600). `--once` runs a pass
 * now and exits. Two more commands, for people, not for the stack:
 *   bazaar-recommend evaluate      the offline measure over the paid orders:
 *                                  each customer's last order hidden, hit
 *                                  rate at 10 of the rules and of "most
 *                                  popular" (assoc_evaluate)
 *   bazaar-recommend bench [LINES] mining time and memory over the paid
 *                                  orders, then over LINES (1,000,000)
 *                                  generated order lines
 * BAZAAR_DB_TIMEOUT is 600 s here unless set (a pass reads the whole
 * clickstream of a month). Exit status: 0, 1 when the database cannot be
 * reached or the pass failed, 2 on bad arguments.
 */
#include "assoc.h"
#include "cfg.h"
#include "cache.h"
#include "db.h"
#include "job.h"
#include "log.h"
#include "recs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static void
recommend_pass(const struct job *job, struct job_result *res)
{
	struct recs_run bought, viewed;

	(void)job;
	if (recs_mine(RECS_BOUGHT, &bought) != 0 || recs_mine(RECS_VIEWED, &viewed) != 0) {
		job_fail(res, "mining failed: %s", db_error());
		return;
	}
	job_detail(res, "orders=%lld bought_rules=%lld visits=%lld viewed_rules=%lld pages=%lld mine_ms=%.0f",
		   bought.baskets, bought.rules, viewed.baskets, viewed.rules, bought.pages + viewed.pages,
		   bought.mine_ms + viewed.mine_ms);
	res->ok = 1;
}

static long long
recommend_period(void)
{
	return cfg_int_in("BAZAAR_RECOMMEND_INTERVAL", 3600, 1, 7 * 86400);
}

static long long
recommend_interval_ms(void)
{
	long long period = recommend_period();

	return period < 60 ? period * 1000 : 60000;
}

static int
recommend_init(void)
{
	cache_init();	/* a page whose rules changed is deleted from it */
	return 0;
}

static const struct job_kind recommend_kinds[] = {
	{ "recommend", recommend_pass, { 3, 60, 3600 } },
};

static const struct job_schedule recommend_schedules[] = {
	{ "recommend", recommend_period },
};

static const struct job_runner recommend_runner = {
	.name = "recommend",
	.usage = "bazaar-recommend [--once] | evaluate | bench [LINES]",
	.kinds = recommend_kinds, .nkinds = 1,
	.schedules = recommend_schedules, .nschedules = 1,
	.interval_ms = recommend_interval_ms,
	.init = recommend_init,
};

/* ---- evaluate and bench -------------------------------------------------- */

static int
recommend_fail(const char *what)
{
	fprintf(stderr, "bazaar-recommend: %s\n", what);
	return 1;
}

/* The paid orders, in order, with their customers. */
static int
recommend_orders(struct assoc_baskets *b)
{
	struct db_result *r = db_query("SELECT o.id, i.product_id, COALESCE(o.user_id, 0) FROM orders o"
				       " JOIN order_items i ON i.order_id = o.id WHERE o.status = 'paid'"
				       " ORDER BY o.paid_at, o.id, i.product_id", "");
	long long items[ASSOC_LEN_MAX * 64], order = 0, owner = 0;
	size_t n = 0;

	if (r == NULL)
		return -1;
	while (db_next(r)) {
		if (db_int(r, 0) != order) {
			if (order != 0 && assoc_baskets_add(b, owner, items, n) != 0)
				break;
			order = db_int(r, 0);
			owner = db_int(r, 2);
			n = 0;
		}
		if (n < sizeof items / sizeof items[0])
			items[n++] = db_int(r, 1);
	}
	if (order != 0)
		assoc_baskets_add(b, owner, items, n);
	db_free(r);
	return 0;
}

static int
recommend_evaluate(void)
{
	struct assoc_baskets b;
	struct assoc_params p;
	struct assoc_eval ev;

	recs_params(&p);
	assoc_baskets_init(&b);
	if (recommend_orders(&b) != 0 || assoc_evaluate(&b, &p, 10, &ev) != 0)
		return recommend_fail("cannot read or mine the paid orders");
	printf("paid orders %zu, customers with two or more %lld, rules %zu\n", b.n, ev.customers, ev.nrules);
	printf("hit rate at 10: rules %.1f%% (%lld), most popular %.1f%% (%lld)\n", ev.rules_rate * 100,
	       ev.rules_hits, ev.popular_rate * 100, ev.popular_hits);
	assoc_baskets_free(&b);
	return 0;
}

/* A seeded generator (the same lines every run). */
static unsigned long long
recommend_rand(unsigned long long *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

/*
 * lines order lines over 100,000 products in 20,000 groups of five that
 * go together; a group's popularity falls steeply (u^3), each order takes
 * one to five different products of one group and, one time in three,
 * one of the first products of the hundred most popular groups.
 */
static int
recommend_generate(struct assoc_baskets *b, long long lines)
{
	unsigned long long s = 42;
	long long made = 0, owner = 0;

	while (made < lines) {
		long long items[6];
		double u = (double)(recommend_rand(&s) % 1000000) / 1e6;
		long long group = (long long)(20000 * u * u * u);
		size_t n = 1 + recommend_rand(&s) % 5, k, first = recommend_rand(&s) % 5;

		for (k = 0; k < n; k++)
			items[k] = 1 + group * 5 + (long long)((first + k) % 5);
		if (recommend_rand(&s) % 3 == 0)
			items[n++] = 1 + (long long)(recommend_rand(&s) % 100) * 5;
		if (assoc_baskets_add(b, ++owner, items, n) != 0)
			return -1;
		made += (long long)n;
	}
	return 0;
}

static void
recommend_report(const char *what, const struct assoc_result *res)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	printf("%-28s baskets %9lld  lines %9lld  items %7lld  frequent %7lld  itemsets %8zu  rules %8zu\n", what,
	       res->stats.baskets, res->stats.lines, res->stats.items, res->stats.frequent, res->nsets, res->nrules);
	printf("%-28s mining %.1f ms, miner's memory at its peak %.1f MiB, process max RSS %.1f MiB\n", "",
	       res->stats.mine_ms, (double)res->stats.peak_bytes / 1048576.0, (double)ru.ru_maxrss / 1024.0);
}

static int
recommend_bench(long long lines)
{
	struct assoc_baskets b;
	struct assoc_params recommend_params;
	struct assoc_result res;

	recs_params(&recommend_params);
	assoc_baskets_init(&b);
	if (recommend_orders(&b) != 0)
		return recommend_fail("cannot read the paid orders");
	if (assoc_mine(&b, &recommend_params, &res) != 0)
		return recommend_fail("mining the paid orders failed");
	recommend_report("paid orders (pairs)", &res);
	assoc_result_free(&res);
	assoc_baskets_free(&b);
	if (recommend_generate(&b, lines) != 0)
		return recommend_fail("out of memory");
	if (assoc_mine(&b, &recommend_params, &res) != 0)
		return recommend_fail("mining the generated lines failed");
	recommend_report("generated lines (pairs)", &res);
	assoc_result_free(&res);
	{
		const struct assoc_params triples = { recommend_params.min_count, recommend_params.min_confidence,
						      recommend_params.min_lift, 3 };

		if (assoc_mine(&b, &triples, &res) != 0)
			return recommend_fail("mining the generated lines failed");
		recommend_report("generated lines (triples)", &res);
		assoc_result_free(&res);
	}
	assoc_baskets_free(&b);
	return 0;
}

int
main(int argc, char **argv)
{
	log_init("recommend");
	/* Reading a month of the clickstream, sorted into visits, takes more
	 * than a page's 5 s once a shop has millions of views: this job's
	 * statements may take minutes, unless a timeout was set. */
	if (cfg_load() != 0)
		return 1;
	if (cfg_str("BAZAAR_DB_TIMEOUT", NULL) == NULL)
		setenv("BAZAAR_DB_TIMEOUT", "600", 0);
	if (argc >= 2 && (strcmp(argv[1], "evaluate") == 0 || strcmp(argv[1], "bench") == 0)) {
		long long lines = argc >= 3 ? atoll(argv[2]) : 1000000;
		int rc;

		if (lines < 1 || argc > 3 || (argc == 3 && strcmp(argv[1], "evaluate") == 0)) {
			fprintf(stderr, "usage: %s\n", recommend_runner.usage);
			return 2;
		}
		if (cfg_load() != 0 || db_connect() != 0)
			return recommend_fail("cannot reach the database");
		rc = strcmp(argv[1], "evaluate") == 0 ? recommend_evaluate() : recommend_bench(lines);
		db_close();
		return rc;
	}
	return job_runner_main(&recommend_runner, argc, argv);
}
