/*
 * bazaar-searchindex: the only writer of the search index (search.h).
 *
 * An events consumer of product.changed ("search.index": a new listing, a
 * price, stock, archive, block, a review's rating: every change of a product
 * a shopper may see writes one) and of search.synonyms: each batch is put
 * into the live index and committed before the events are recorded as
 * handled. It reads new events every BAZAAR_SEARCHINDEX_INTERVAL seconds
 * (default 1), so a change is searchable within about a second.
 *
 *   bazaar-searchindex             runs until SIGTERM
 *   bazaar-searchindex --once      applies what is new and exits
 *   bazaar-searchindex --rebuild   builds a new index from every visible
 *                                  product beside the live one and switches
 *                                  to it; searching goes on meanwhile (the
 *                                  running job keeps applying changes)
 *   bazaar-searchindex --if-missing  --rebuild, only when there is no index
 * Exit status: 0, 1 when the database or the index cannot be used, 2 on bad
 * arguments.
 */
#include <stdio.h>
#include <string.h>

#include "cache.h"
#include "cfg.h"
#include "db.h"
#include "events.h"
#include "job.h"
#include "log.h"
#include "search.h"

static long long
searchindex_interval_ms(void)
{
	return cfg_int_in("BAZAAR_SEARCHINDEX_INTERVAL", 1, 1, 3600) * 1000;
}

static const struct events_consumer searchindex_products = {
	.name = SEARCH_CONSUMER,
	.type = EVENTS_PRODUCT_CHANGED,
	.handle = search_writer_product,
	.flush = search_writer_flush,
};

static const struct events_consumer searchindex_synonyms = {
	.name = SEARCH_CONSUMER_SYNONYMS,
	.type = SEARCH_EVENT_SYNONYMS,
	.handle = search_writer_synonyms,
	.flush = search_writer_flush,
};

static const struct events_consumer *const searchindex_consumers[] = {
	&searchindex_products, &searchindex_synonyms,
};

/* Memcached: the writer retires cached listings after each commit. An
 * index that is there already is opened for writing at once, so that its
 * columns file (made at the writer's open when missing or stale) is ready
 * before the first change; a missing one is left to the rebuild
 * (--if-missing), which the stack runs at start. */
static int
searchindex_init(void)
{
	cache_init();	/* without it, listings follow at their TTL */
	if (search_available()) {
		search_close();
		if (search_writer_open() != 0)
			log_warn("searchindex.open", "msg=%s", log_quote("the index is opened at the first change"));
	}
	return 0;
}

static void
searchindex_fini(void)
{
	search_writer_close();
}

static const struct job_runner searchindex_runner = {
	.name = "searchindex",
	.usage = "bazaar-searchindex [--once | --rebuild | --if-missing]",
	.consumers = searchindex_consumers, .nconsumers = 2,
	.interval_ms = searchindex_interval_ms,
	.init = searchindex_init,
	.fini = searchindex_fini,
};

/* --rebuild and --if-missing: one run, then exit. */
static int
searchindex_rebuild(int only_if_missing)
{
	long long n;

	if (cfg_load() != 0 || db_connect() != 0) {
		fprintf(stderr, "bazaar-searchindex: the settings or the database are unusable\n");
		return 1;
	}
	cache_init();	/* the rebuild retires the listings cached from the old index */
	if (only_if_missing && search_available()) {
		search_close();
		db_close();
		return 0;
	}
	search_close();
	n = search_rebuild();
	db_close();
	if (n < 0) {
		fprintf(stderr, "bazaar-searchindex: the rebuild failed (see the log)\n");
		return 1;
	}
	printf("search index rebuilt: %lld products in %s\n", n, search_dir());
	return 0;
}

int
main(int argc, char **argv)
{
	log_init("searchindex");
	if (argc == 2 && strcmp(argv[1], "--rebuild") == 0)
		return searchindex_rebuild(0);
	if (argc == 2 && strcmp(argv[1], "--if-missing") == 0)
		return searchindex_rebuild(1);
	return job_runner_main(&searchindex_runner, argc, argv);
}
