/*
 * bazaar-imgindex: the picture index of search by picture from the command
 * line (cgi/lib/imgfeat.h).
 *
 *   bazaar-imgindex backfill   describe every picture products use that has
 *                              no descriptor yet (a catalogue loaded without
 *                              events, a new descriptor version), then train
 *                              the cells if the pictures have doubled since
 *   bazaar-imgindex train      train the cells again now
 *
 * Settings come from the environment or BAZAAR_CONFIG (docs/configuration.md),
 * e.g. `. var/dev/env` first. Exit status: 0 done; 1 the database or libvips
 * failed; 2 bad arguments.
 */
#include "cfg.h"
#include "db.h"
#include "imgfeat.h"
#include "log.h"
#include "media.h"

#include <stdio.h>
#include <string.h>

static int
imgindex_usage(void)
{
	fprintf(stderr, "usage: bazaar-imgindex backfill | train\n");
	return 2;
}

int
main(int argc, char **argv)
{
	long long described = 0;
	int cells;

	log_init("bazaar-imgindex");
	if (argc != 2 || (strcmp(argv[1], "backfill") != 0 && strcmp(argv[1], "train") != 0))
		return imgindex_usage();
	if (cfg_load() != 0)
		return 1;
	if (db_connect() != 0) {
		fprintf(stderr, "bazaar-imgindex: cannot reach the database (see the log line above)\n");
		return 1;
	}
	if (media_init() != 0) {
		fprintf(stderr, "bazaar-imgindex: libvips cannot start\n");
		return 1;
	}
	if (strcmp(argv[1], "backfill") == 0) {
		described = imgfeat_backfill(10000000);
		if (described < 0) {
			fprintf(stderr, "bazaar-imgindex: describing the pictures failed (see the log)\n");
			return 1;
		}
	}
	cells = imgfeat_train(strcmp(argv[1], "train") == 0);
	if (cells < 0) {
		fprintf(stderr, "bazaar-imgindex: training the index failed (see the log)\n");
		return 1;
	}
	printf("%lld pictures described; index %s\n", described,
	       cells > 0 ? "trained" : "unchanged");
	if (cells > 0)
		printf("%d cells\n", cells);
	db_close();
	return 0;
}
