/*
 * stock: every change of a product's stock, with its reason, kept as a
 * history (stock_adjustments, schema/0008_inventory.sql, append-only).
 *
 * A change is one conditional UPDATE,
 *   stock = stock + delta WHERE id = ? AND vendor_id = ? AND stock + delta >= 0,
 * so two changes made at the same moment are both counted (neither reads a
 * value the other is about to replace) and the stock never goes below zero:
 * the one that would is refused and changes nothing. The history row (the
 * change, the stock after it, the reason, a note and the user who made it)
 * and a "product.changed" event (events.h) are written in the same
 * transaction (unless the caller reports the change itself, see
 * caller_reports), so the history always adds up to the stock. After the commit
 * the product's cached pages are dropped (catalog_product_changed), so the
 * storefront shows the new stock, and a sold-out product as sold out, on the
 * next request.
 *
 * Every writer of products.stock goes through here: the stock page, the
 * listing form, the bulk "change stock" action and the CSV import (reason
 * correction), and later orders (sale) and returns (return).
 */
#ifndef BAZAAR_STOCK_H
#define BAZAAR_STOCK_H

/* Why the stock changed (stock_adjustments.reason). */
enum stock_reason {
	STOCK_RECEIVED,		/* goods arrived */
	STOCK_DAMAGED,		/* lost, broken, stolen */
	STOCK_CORRECTION,	/* a count, or a new figure typed on a form */
	STOCK_SALE,		/* sold (orders) */
	STOCK_RETURN,		/* came back (returns) */
	STOCK_NREASONS
};

/* The reasons' names, as stored and as a form sends them, in enum order and
 * NULL-terminated (a route table's PARAM_ENUM choices). */
extern const char *const stock_reason_names[STOCK_NREASONS + 1];
/* What a vendor reads for each reason ("Received", "Damaged or lost", ...). */
extern const char *const stock_reason_labels[STOCK_NREASONS];

#define STOCK_NOTE_MAX	500		/* characters of a note */
#define STOCK_MAX	1000000000LL	/* the most stock a product may hold */

struct stock_change {
	long long product_id;
	long long vendor_id;		/* the product's vendor: another's is not found */
	long long delta;		/* stock_adjust: units added (negative: taken away), not 0 */
	enum stock_reason reason;
	const char *note;		/* NULL or "" for none */
	long long user_id;		/* who made the change; 0 for the system */
	/* The in-transaction calls only: leave the "product.changed" event and
	 * the caches to the caller, which changes more of the product in the
	 * same transaction and reports it all once (listing.c), or tells the
	 * caches of many products at once after its commit. */
	int caller_reports;
};

/* Results besides 0 (done) and -1 (database error or a change out of range,
 * logged; nothing changed). */
#define STOCK_BELOW_ZERO	1	/* it would leave less than none: nothing changed */
#define STOCK_NOT_FOUND		2	/* no such product of that vendor: nothing changed */

/*
 * Adds c->delta to the product's stock in a transaction of its own (retried
 * on deadlock), writes the history row and the event, then drops the cached
 * pages. *stock_after (may be NULL) gets the stock after the change.
 * Returns 0, STOCK_BELOW_ZERO, STOCK_NOT_FOUND or -1.
 */
int stock_adjust(const struct stock_change *c, long long *stock_after);
/* The same inside the caller's open transaction: when it returns anything
 * but 0 the caller decides (a -1 means the transaction must roll back). The
 * event is written and the cached pages are dropped after the caller's
 * commit (db_after_commit) unless c->caller_reports. */
int stock_adjust_in_tx(const struct stock_change *c, long long *stock_after);

/*
 * Sets the product's stock to new_stock (0..STOCK_MAX; c->delta is ignored):
 * the product's row is locked, the difference becomes the change, and a
 * stock already at that figure writes nothing (0, no history row). For a
 * figure typed on a form or in a file: reason STOCK_CORRECTION.
 * Same returns as stock_adjust (a new_stock out of range is -1).
 */
int stock_set(const struct stock_change *c, long long new_stock, long long *stock_after);
int stock_set_in_tx(const struct stock_change *c, long long new_stock, long long *stock_after);

/* The reason of a stored name, or -1. */
int stock_reason_parse(const char *name);

#endif
