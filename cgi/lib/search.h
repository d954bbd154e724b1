/*
 * search: the product search engine (Xapian, through cgi/lib/xsearch_bridge.cc).
 *
 * What is indexed: every product a shopper may see (status 'active' of a
 * verified vendor), one document per product whose document id IS the
 * product id. Words come from the name (weighted up), the description, the
 * category path's names and the vendor's trading name, stemmed in the
 * index's language (BAZAAR_SEARCH_LANGUAGE at build time, English by
 * default; the programs read it back from the index, so queries are always
 * stemmed as the index was). The same words feed Xapian's spelling table
 * ("did you mean"). Admins' synonyms live in Xapian's synonym table.
 *
 * Who writes: only the index writer, bazaar-searchindex (cgi/jobs/), fed by
 * the events outbox (product.changed and search.synonyms), and its
 * `--rebuild`, which builds a whole new database beside the live one and
 * switches to it atomically (search never stops). Pages never write.
 *
 * Who reads: the programs, read-only. The database is opened on first use
 * and reopened when the writer committed (checked on every query: one
 * readlink() of `current` and Xapian's own cheap reopen()), so a change is
 * visible within the writer's interval (one second by default) plus its
 * batch. The writer bumps the "list" cache generation after each commit.
 *
 * Cost: with facets, or sorted by a value, every match is looked at (exact
 * totals and counts), so the time grows with the number of products the
 * query matches; ask for facets only where they are shown. Each match then
 * costs one read of the product's record in the index's columns file
 * (xsearch_bridge.h): its filters, sort key and every facet together,
 * without Xapian's matcher; a ranking by relevance still runs the matcher
 * for its page, asked for that page only.
 *
 * When the index is missing (a fresh machine before the first rebuild, a
 * lost disk), search_run() falls back to MariaDB's FULLTEXT index on the
 * words and the price and stock filters only, and logs it
 * (search.fallback, at most once a minute per process): the result says so
 * (fallback = 1) and has no facets and no spelling suggestion.
 *
 * Files (BAZAAR_SEARCH_DIR, default var/search):
 *   current        symbolic link to the live database directory
 *   db-<stamp>     the databases (the writer keeps the live one and deletes
 *                  older ones after a switch), each with its columns file
 *   writer.lock    held by whoever writes (flock), so there is one writer
 *
 * Everything a call returns is allocated in the caller's arena.
 */
#ifndef BAZAAR_SEARCH_H
#define BAZAAR_SEARCH_H
#include <stddef.h>

#include "arena.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- queries ---------------------------------------------------------------------- */

#define SEARCH_TEXT_MAX		200	/* bytes of query text looked at */
#define SEARCH_LIMIT_MAX	100	/* results a call returns at most */
#define SEARCH_FACET_VALUES_MAX	30	/* values a facet reports at most (largest counts) */

enum search_sort {
	SEARCH_SORT_RELEVANCE,	/* text relevance mixed with rating, sales and stock;
				 * without text: that mix alone */
	SEARCH_SORT_POPULAR,	/* products.popularity, then newest id */
	SEARCH_SORT_PRICE_ASC,	/* price, then oldest id */
	SEARCH_SORT_PRICE_DESC,	/* price, then newest id */
	SEARCH_SORT_NEWEST,	/* created_at, then newest id */
	SEARCH_SORT_RATING,	/* rating_avg (unrated last), then newest id */
};

/* The facets, in the order of search_result.facets[]. */
enum search_facet {
	SEARCH_FACET_CATEGORY,	/* the child categories of the category searched
				 * (top-level ones when none): value = category id;
				 * a count includes the category's descendants */
	SEARCH_FACET_VENDOR,	/* value = vendor id */
	SEARCH_FACET_PRICE,	/* value = price band index (search_price_bands) */
	SEARCH_FACET_RATING,	/* value = n for "n stars and up", 4..1 (cumulative) */
	SEARCH_FACET_SALE,	/* value = 1: on sale (compare_at_minor > price) */
	SEARCH_FACET_STOCK,	/* value = 1: in stock (stock > 0) */
	SEARCH_NFACETS
};
#define SEARCH_FACET_BIT(f)	(1u << (f))
#define SEARCH_FACETS_ALL	((1u << SEARCH_NFACETS) - 1)

/*
 * Price bands (minor units of the shop's currency, low inclusive, high
 * exclusive; the last has no upper end). A product is in exactly one band.
 */
#define SEARCH_NBANDS 6
struct search_band {
	long long low, high;	/* high -1: no upper end */
};
extern const struct search_band search_price_bands[SEARCH_NBANDS];

/*
 * One query. Filters combine with AND; zero / -1 means "no filter", so
 * `struct search_query q = SEARCH_QUERY_INIT;` asks for every product.
 */
struct search_query {
	const char *text;		/* the shopper's words: NULL or "" lists every product.
					 * Syntax: words (every word must match, stemmed:
					 * "tents" finds "tent"), "a phrase" in quotes,
					 * -word excludes, word* matches word beginnings;
					 * synonyms apply. When the words match nothing, the
					 * last word (three letters or more) is taken as a
					 * beginning ("sleeping b" finds "sleeping bag") */
	long long category_id;		/* 0: any; else the category and its descendants */
	long long vendor_id;		/* 0: any */
	int price_band;			/* -1: any; 0..SEARCH_NBANDS-1 */
	long long min_price, max_price;	/* -1: no bound; minor units, both inclusive */
	int min_rating;			/* 0: any; 1..5: rating_avg >= n */
	int on_sale;			/* 1: only products on sale */
	int in_stock;			/* 1: only products in stock */
	enum search_sort sort;
	long long offset;		/* results skipped (page - 1) * per page */
	long long limit;		/* results wanted, 0..SEARCH_LIMIT_MAX */
	unsigned facets;		/* SEARCH_FACET_BIT()s of the facets to count */
	const long long *among;		/* non-NULL: only these product ids (namong of them;
					 * 0 matches nothing), e.g. the promoted products a
					 * search may show; the fallback ignores it */
	size_t namong;
};
#define SEARCH_QUERY_INIT { NULL, 0, 0, -1, -1, -1, 0, 0, 0, SEARCH_SORT_RELEVANCE, 0, 24, 0, NULL, 0 }

/* One value of a facet with the number of results that have it. */
struct search_count {
	long long value;	/* see enum search_facet */
	long long count;	/* results of this query (all filters applied) that have it:
				 * adding this value as a filter gives exactly count results */
	const char *label;	/* category or vendor name, band ("Under €10.00"),
				 * "4 stars & up", "On sale", "In stock" */
};

struct search_facet_counts {
	size_t n;			/* largest counts first (category, vendor); band,
					 * rating order otherwise; values with count 0 left out */
	struct search_count *v;
};

struct search_result {
	long long total;		/* number of matching products: exact when facets
					 * were asked for, for a sort by value, and up to
					 * 1,000 matches; beyond that, for a ranking by
					 * relevance without facets, Xapian's estimate */
	size_t n;			/* ids returned (at most limit) */
	long long *ids;			/* product ids of this page, in order */
	const char *corrected;		/* "did you mean": the query text with its
					 * misspelt words corrected from the catalogue's own
					 * words, or NULL when every word is known */
	int correction_closer;		/* 1: a corrected word is closer to what was
					 * typed than the catalogue words the text
					 * matched through their stems ("earings"
					 * found "ear"; "earrings" is one letter
					 * away): show the corrected text's results */
	int fallback;			/* 1: served by MariaDB FULLTEXT (no index) */
	struct search_facet_counts facets[SEARCH_NFACETS];	/* those asked for */
};

/* Adds one facet value as a filter of q (what a link or chip of that value
 * does): category_id, vendor_id, price_band, min_rating, on_sale, in_stock. */
void search_query_add(struct search_query *q, enum search_facet facet, long long value);

/*
 * Runs q. Returns 0 with *res filled (in a), or -1 (logged: the index is
 * unreadable and the fallback failed too, or a database error) with *res
 * zeroed. An empty result is 0 with total 0.
 */
int search_run(struct arena *a, const struct search_query *q, struct search_result *res);

/*
 * Suggestions while typing: up to max product names whose words match the
 * text typed so far (the last word as a prefix); when nothing matches, the
 * spelling-corrected text is tried, so "sleping ba" still suggests
 * "Sleeping bag ...". Returns how many were written to out[] (names in a),
 * 0 when none, -1 on error (or no index: suggestions have no fallback).
 */
struct search_suggestion {
	long long product_id;
	const char *name;
};
long search_suggest(struct arena *a, const char *text, struct search_suggestion *out, size_t max);

/* The spelling correction of text alone (NULL when none): what
 * search_result.corrected holds. */
const char *search_correct(struct arena *a, const char *text);

/* Whether the index is there and readable (1) or the pages use the
 * fallback (0). Opens it when not open yet. */
int search_available(void);

/* Closes the index (tests, and before a worker exits). The next call opens it again. */
void search_close(void);

/* ids as a JSON array of numbers ("[3,1,2]") in a, for a JSON_TABLE bind:
 * how pages read the rows of the products a search returned, in its order. */
char *search_json_ids(struct arena *a, const long long *ids, size_t n);

/* The index's directory (BAZAAR_SEARCH_DIR, default var/search). */
const char *search_dir(void);

/* The shopper's words as a FULLTEXT boolean-mode string for the fallback:
 * each word of three letters or more, not an InnoDB stopword, required and
 * matched as a prefix after an English plural ending is dropped
 * ("+lead* +glass*"); never an operator from the text. NULL when no word is left. */
char *search_fulltext_match(struct arena *a, const char *q);

/* ---- synonyms ----------------------------------------------------------------------- */

/*
 * Synonyms are kept by admins and stored in Xapian's synonym table by the
 * writer. To change one term's synonyms, call this INSIDE the transaction
 * that records the change (it emits a search.synonyms event; the writer
 * replaces the term's synonyms with these within seconds, and a rebuild
 * carries them over). term and each synonym: a word or words as a shopper
 * types them (lower-cased and stemmed here as the index does); n 0 removes
 * the term's synonyms. Returns 0, or -1 (not in a transaction, too long for
 * an event: the caller rolls back).
 */
#define SEARCH_EVENT_SYNONYMS	"search.synonyms"	/* payload: term \t syn \t syn ... */
int search_synonyms_set(const char *term, const char *const *synonyms, size_t n);

/* The synonyms of term in the live index (what the writer applied), for the
 * admin page to show; returns how many were written to out[] (at most max). */
long search_synonyms_get(struct arena *a, const char *term, const char **out, size_t max);

/* ---- the writer (bazaar-searchindex) -------------------------------------------------- */

#define SEARCH_CONSUMER		"search.index"		/* events consumer of product.changed */
#define SEARCH_CONSUMER_SYNONYMS "search.synonyms"	/* ... and of search.synonyms */

/*
 * The writer's events handlers (struct events_consumer): each puts the
 * product's current state (or its absence) into the open writable database,
 * and search_writer_flush commits it before the events' transaction does,
 * so an event is recorded as handled only once its change is in the index.
 * search_writer_open first (0, or -1: another writer holds the lock, or the
 * database cannot be opened; logged).
 */
int search_writer_open(void);
void search_writer_close(void);
struct event;
int search_writer_product(const struct event *ev, void *arg);
int search_writer_synonyms(const struct event *ev, void *arg);
int search_writer_flush(void *arg);

/*
 * Builds a new database from every visible product beside the live one,
 * brings it up to date with the changes made while it was built (under the
 * writer lock), carries the synonyms over, and switches `current` to it
 * with one rename. Searching goes on throughout. Returns the number of
 * products indexed, or -1 (logged; the live index is untouched).
 */
long long search_rebuild(void);

#ifdef __cplusplus
}
#endif
#endif
