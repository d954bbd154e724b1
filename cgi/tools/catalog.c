/*
 * bazaar-catalog: catalogue changes from the command line, through the same
 * library functions the portals use, so the page cache is invalidated exactly
 * as it is for a change made on a page.
 *
 *   bazaar-catalog set-price PRODUCT_ID AMOUNT     (AMOUNT like 12.50)
 *   bazaar-catalog set-stock PRODUCT_ID COUNT
 *   bazaar-catalog invalidate PRODUCT_ID
 *
 * Settings come from the environment or BAZAAR_CONFIG (docs/configuration.md),
 * e.g. `. var/dev/env` first. Exit status: 0 done; 1 nothing changed; 2 bad
 * arguments; 3 changed, but cached pages could not be invalidated.
 */
#include "cache.h"
#include "catalog.h"
#include "cfg.h"
#include "db.h"
#include "log.h"
#include "money.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
catalog_tool_usage(void)
{
	fprintf(stderr, "usage: bazaar-catalog set-price PRODUCT_ID AMOUNT\n"
			"       bazaar-catalog set-stock PRODUCT_ID COUNT\n"
			"       bazaar-catalog invalidate PRODUCT_ID\n");
	return 2;
}

static long long
catalog_tool_number(const char *s)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || v < 0)
		return -1;
	return v;
}

int
main(int argc, char **argv)
{
	long long id, value;
	int rc;

	log_init("bazaar-catalog");
	if (argc < 3)
		return catalog_tool_usage();
	if (cfg_load() != 0)
		return 1;
	if ((id = catalog_tool_number(argv[2])) <= 0) {
		fprintf(stderr, "bazaar-catalog: PRODUCT_ID must be a positive whole number\n");
		return 2;
	}
	if (db_connect() != 0) {
		fprintf(stderr, "bazaar-catalog: cannot reach the database (see the log line above)\n");
		return 1;
	}
	/* Without memcached settings the change would reach the database but
	 * not the pages cached by the running shop. */
	if (cache_init() != 0 || !cache_enabled())
		fprintf(stderr, "bazaar-catalog: warning: BAZAAR_MEMCACHED is not set or not valid: "
				"cached pages will not be invalidated\n");
	if (strcmp(argv[1], "set-price") == 0 && argc == 4) {
		if ((value = money_parse(argv[3])) < 0) {
			fprintf(stderr, "bazaar-catalog: AMOUNT must look like 12 or 12.50\n");
			return 2;
		}
		rc = catalog_set_price(id, value);
	} else if (strcmp(argv[1], "set-stock") == 0 && argc == 4) {
		if ((value = catalog_tool_number(argv[3])) < 0) {
			fprintf(stderr, "bazaar-catalog: COUNT must be a whole number, 0 or more\n");
			return 2;
		}
		rc = catalog_set_stock(id, value);
	} else if (strcmp(argv[1], "invalidate") == 0 && argc == 3) {
		rc = catalog_product_changed(id);
	} else {
		return catalog_tool_usage();
	}
	if (rc < 0) {
		fprintf(stderr, "bazaar-catalog: no change made (no such product, or a bad value)\n");
		return 1;
	}
	if (rc > 0) {
		fprintf(stderr, "bazaar-catalog: changed, but memcached could not be told: cached pages\n"
				"may show the old state for a while (run 'invalidate' again when it is back)\n");
		return 3;
	}
	cache_close();
	db_close();
	return 0;
}
