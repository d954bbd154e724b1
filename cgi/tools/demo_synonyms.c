/*
 * bazaar-demo_synonyms: the search synonyms of the demo catalogue, on a
 * database with products and no synonym group yet (scripts/stack runs it
 * after the demo accounts; it does nothing once any group exists, so an
 * admin's own stay as they are). They are added through synonym_group_add,
 * as /admin/synonyms adds them, so the search index gets them from the same
 * events. The catalogue speaks British English; shoppers often do not. The
 * judged relevance set (tests/relevance/judged.tsv) counts on these groups.
 * Exit status 0, or 1 with the reason on standard error.
 */
#include "arena.h"
#include "cfg.h"
#include "db.h"
#include "log.h"
#include "synonym.h"

#include <stdio.h>

static const char *const demo_synonyms_groups[] = {
	"trainers, sneakers",
	"trousers, pants",
	"backpack, rucksack",
	"lead, leash",
	"bike, bicycle",
	"jumper, sweater, pullover",
	"earbuds, earphones, in-ear headphones",
	"duvet, comforter",
	"phone, mobile, cellphone",
	"paddle board, sup",
	NULL
};

int
main(void)
{
	struct arena a;
	const char **words, *problem, *taken;
	size_t n, i;
	int rc = 0;

	log_init("bazaar-demo_synonyms");
	if (cfg_load() != 0 || db_connect() != 0) {
		fprintf(stderr, "bazaar-demo_synonyms: cannot connect to the database: %s\n", db_error());
		return 1;
	}
	if (db_scalar(1, "SELECT EXISTS (SELECT 1 FROM synonym_groups)", "") != 0) {
		db_close();
		return 0;
	}
	arena_init(&a);
	for (i = 0; rc == 0 && demo_synonyms_groups[i] != NULL; i++) {
		if ((problem = synonym_parse(&a, demo_synonyms_groups[i], &words, &n)) != NULL) {
			fprintf(stderr, "bazaar-demo_synonyms: \"%s\": %s\n", demo_synonyms_groups[i], problem);
			rc = 1;
		} else if (synonym_group_add(NULL, &a, words, n, NULL, &taken) != 0) {
			fprintf(stderr, "bazaar-demo_synonyms: \"%s\": %s\n", demo_synonyms_groups[i],
				taken ? "a word is in another group" : db_error());
			rc = 1;
		}
	}
	arena_free(&a);
	db_close();
	return rc;
}
