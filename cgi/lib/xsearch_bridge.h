/*
 * xsearch_bridge: the C face of Xapian (the C++ file xsearch_bridge.cc), for
 * search.c and search_index.c only; pages use search.h.
 *
 * The index's layout (one document per product, document id = product id):
 *   terms    stemmed words with positions (name weighted x3, description,
 *            category names, vendor name; Xapian's "Z" prefix for stems);
 *            Q<id> the product id;
 *            XC<id> for the product's category and each of its ancestors,
 *            XV<id> vendor, XB<n> price band, XSALE on sale, XSTOCK in stock
 *   values   the XSEARCH_SLOT_* below (numbers sortable_serialise()d)
 *            XSEARCH_SLOT_PACKED holds what a query reads of every match in one
 *            value, so that a match costs one read of the value streams
 *            instead of one per slot: the sort keys (price, popularity,
 *            created, rating_avg; each sortable_serialise()d, a length byte
 *            first), then varints of vendor id, band, floor of the rating,
 *            sale, stock, the number of categories and their ids, root
 *            first. An index built before it (no such value) is read
 *            through the single slots.
 *   data     the product's name (suggestions)
 *   metadata "language": the stemmer it was built with
 * and beside it, in the database's directory, the columns file
 * (XSEARCH_COLUMNS): a header page, then one fixed record per product id
 * (live, category path, vendor, band, rating floor, sale, stock, the
 * document's length, the sort keys as doubles, the boost), written in
 * place by the writer (a sequence
 * number per record, odd while it changes) and made from the packed values
 * when the writer opens a database whose file is missing or stale; its
 * header holds the database revision it is complete for, and the readers
 * (read-only shared mmap) use it only while that is the revision they have
 * open. Sorted listings and searches with facets are answered from it (see
 * xsearch_bridge.cc, run_columns) with the matcher's very answers.
 * Errors are returned as -1 with the reason in err (never thrown across).
 */
#ifndef BAZAAR_XSEARCH_BRIDGE_H
#define BAZAAR_XSEARCH_BRIDGE_H
#include <stddef.h>

#include "search.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
	XSEARCH_SLOT_PRICE = 0,		/* sortable: price_minor */
	XSEARCH_SLOT_POPULAR = 1,	/* sortable: popularity */
	XSEARCH_SLOT_CREATED = 2,	/* sortable: created_at, unix seconds */
	XSEARCH_SLOT_BOOST = 3,		/* sortable: rating, sales and stock weight (0..XSEARCH_BOOST_MAX) */
	XSEARCH_SLOT_VENDOR = 4,	/* decimal vendor id */
	XSEARCH_SLOT_BAND = 5,		/* decimal price band */
	XSEARCH_SLOT_RATING = 6,	/* "0".."5": floor of rating_avg, "0" when unrated */
	XSEARCH_SLOT_SALE = 7,		/* "1" / "0" */
	XSEARCH_SLOT_STOCK = 8,		/* "1" / "0" */
	XSEARCH_SLOT_RATING_AVG = 9,	/* sortable: rating_avg, 0 when unrated */
	XSEARCH_SLOT_CATEGORY = 10,	/* + depth: decimal id of the ancestor at that depth */
	XSEARCH_SLOT_PACKED = 18,	/* all of the above in one value (see below) */
};
#define XSEARCH_DEPTH_MAX	8	/* category depths indexed (0..7) */
#define XSEARCH_BOOST_MAX	1.5
#define XSEARCH_EXACT_UP_TO	1000	/* see search_result.total */
#define XSEARCH_COLUMNS		"columns"	/* the columns file in a database's directory */

/* A product as the writer indexes it. */
struct xsearch_doc {
	long long id, vendor_id;
	const char *name, *description, *vendor_name, *category_names;
	long long categories[XSEARCH_DEPTH_MAX];	/* root first */
	int ncategories;
	long long price, compare_at, stock, popularity, sales, rating_count;
	double rating;					/* 0: unrated */
	long long created;				/* unix seconds */
};

/* ---- reading (any process) ---- */

/* Whether queries may be answered from the columns (1, the default) or
 * only through the matcher (0): for tests that compare the two. */
void xsearch_use_columns(int on);

/* Opens dir/current read-only, or reopens it when the writer committed or
 * switched databases. 0, 1 when there is no index, -1 (err). */
int xsearch_open(const char *dir, char *err, size_t errlen);
void xsearch_close(void);

/*
 * Runs q against the open index (xsearch_open first). category_depth is the
 * depth of q->category_id (-1 when it is 0). Fills res (ids, total,
 * corrected, facets' values and counts without labels) in a. 0 or -1 (err).
 */
int xsearch_query(struct arena *a, const struct search_query *q, int category_depth,
		  struct search_result *res, char *err, size_t errlen);
/* See search_suggest / search_correct / search_synonyms_get. */
long xsearch_suggest(struct arena *a, const char *text, struct search_suggestion *out, size_t max,
		     char *err, size_t errlen);
const char *xsearch_correct(struct arena *a, const char *text);
long xsearch_synonyms(struct arena *a, const char *term, const char **out, size_t max);

/* ---- writing (the writer only; one writable database per process) ---- */

/* Opens (creating when missing) the database directory path for writing,
 * with lang's stemmer for a new one. 0 or -1 (err: locked by another writer...). */
int xsearch_writer_open(const char *path, const char *lang, char *err, size_t errlen);
int xsearch_writer_is_open(void);
int xsearch_writer_put(const struct xsearch_doc *d, char *err, size_t errlen);
int xsearch_writer_delete(long long id, char *err, size_t errlen);
/* Replaces term's synonyms (n 0: removes them). */
int xsearch_writer_synonyms(const char *term, const char *const *syns, size_t n, char *err, size_t errlen);
/* Copies every synonym of the database at path into the writable one. */
int xsearch_writer_copy_synonyms(const char *path, char *err, size_t errlen);
int xsearch_writer_commit(char *err, size_t errlen);
long long xsearch_writer_doccount(void);
void xsearch_writer_close(void);

#ifdef __cplusplus
}
#endif
#endif
