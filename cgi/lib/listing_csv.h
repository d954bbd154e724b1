/*
 * listing_csv: a vendor's listings as a CSV file (csv.h), out and back in.
 *
 * The columns, named in the first line, in any order (names are not case
 * sensitive); the rules of each are the listing form's (listing.h):
 *   sku                  required: the vendor's reference, the key of the
 *                        import (a line whose SKU the vendor has changes
 *                        that listing, any other makes a new one)
 *   name                 required
 *   description          required: paragraphs and lists (markup.h)
 *   category             required: the category's short name as in its
 *                        address (/c/<category>), one without sub-categories
 *   price                required: "12.50"
 *   compare_at_price     optional: a "was" price, above the price
 *   stock                required: units in stock (a change is kept in the
 *                        stock history as a correction)
 *   low_stock_threshold  optional: the low-stock warning level
 *   weight_grams         optional
 *   status               required: draft, active or archived; active
 *                        publishes as the form's button does (listing_publish:
 *                        the listing may wait for review; a line that would
 *                        take the shop past its plan's listing limit is a
 *                        problem of the file), archived takes it
 *                        off the shop; a live listing goes back by archiving,
 *                        not to draft
 * An optional column left out of the file keeps each listing's value (a
 * new listing gets the form's default). The export writes all of them, in
 * this order, for every draft, active and archived listing of the vendor;
 * importing it again changes nothing.
 *
 * An import is read and checked whole before anything changes: every line
 * against the listing form's rules (each problem with its line, its column
 * and a sentence), then against the database (the category, the listing's
 * state). Only a file without a problem is applied, in one transaction:
 * all of it or nothing.
 */
#ifndef BAZAAR_LISTING_CSV_H
#define BAZAAR_LISTING_CSV_H
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "csv.h"
#include "req.h"

enum listing_csv_column {
	LISTING_CSV_SKU,
	LISTING_CSV_NAME,
	LISTING_CSV_CATEGORY,
	LISTING_CSV_PRICE,
	LISTING_CSV_COMPARE_AT,
	LISTING_CSV_STOCK,
	LISTING_CSV_THRESHOLD,
	LISTING_CSV_WEIGHT,
	LISTING_CSV_STATUS,
	LISTING_CSV_DESCRIPTION,
	LISTING_CSV_NCOLUMNS
};

/* The column names, in export order. */
extern const char *const listing_csv_columns[LISTING_CSV_NCOLUMNS];

#define LISTING_CSV_MAX_LINES		5000	/* listings in one file */
#define LISTING_CSV_MAX_PROBLEMS	200	/* problems listed (the rest counted) */

/* One listing of the file, checked and tidied. A value of an optional
 * column the file leaves out is -1. */
struct listing_csv_line {
	long line;			/* where it begins in the file */
	const char *sku, *name, *category, *description, *status;
	long long price_minor;
	long long compare_at_minor;	/* 0: none */
	long long stock;
	long long threshold, weight_grams;
};

struct listing_csv_problem {
	long line;			/* 0: the file as a whole */
	const char *column;		/* the column's name, or NULL */
	const char *message;
};

struct listing_csv {
	struct arena *a;		/* everything below lives here */
	struct listing_csv_line *lines;
	size_t nlines, lines_cap;
	struct listing_csv_problem *problems;
	size_t nproblems, problems_cap;
	size_t problems_more;		/* found past LISTING_CSV_MAX_PROBLEMS */
	int at[LISTING_CSV_NCOLUMNS];	/* each column's place in the file, -1 absent */
	size_t ncolumns;		/* columns of the header */
	int header_done;
	void *checker;			/* the rules' request (listing_csv.c) */
};

/* What an import did. */
struct listing_csv_result {
	long created, updated, unchanged;
	long held;		/* of those created or updated: waiting for review */
};

/* Starts an empty import whose memory comes from a. */
void listing_csv_init(struct listing_csv *c, struct arena *a);
/*
 * Reads and checks a whole file: the CSV itself (csv.h's limits: a
 * malformed file is one problem, at its line) and every line against the
 * listing rules. Returns the number of problems (0: every line is good).
 * Needs no database: the database's checks are listing_csv_apply's.
 */
size_t listing_csv_read(struct listing_csv *c, const void *data, size_t len);
size_t listing_csv_read_fd(struct listing_csv *c, int fd);
/* Records a problem (line 0 for the file as a whole). */
void listing_csv_problem(struct listing_csv *c, long line, const char *column, const char *message);

/*
 * Applies a file without problems to the vendor's listings in one
 * transaction, checking first what only the database knows (each category,
 * a listing waiting for review or taken off the shop): a problem found
 * there is added to c's problems and nothing changes. Each listing is
 * written as the listing form writes it (listing_save_tx, listing_publish_tx,
 * listing_archive_tx, listing_restore_tx); a line equal to its listing
 * writes nothing. rq is who imports (the stock history's user, the audit
 * log's actor). Drops the cached pages of what changed after the commit.
 * Returns 0 (*res says what changed), 1 when problems were found, -1 when the
 * database failed (nothing changed either way).
 */
int listing_csv_apply(struct listing_csv *c, struct req *rq, long long vendor_id,
		      struct listing_csv_result *res);

/* Appends the vendor's draft, active and archived listings as a CSV file for
 * spreadsheets (byte-order mark, CRLF, formulas guarded). 0, -1 on a
 * database error. */
int listing_csv_export(struct buf *out, long long vendor_id);

#endif
