/*
 * stock: stock changes with their history (stock.h).
 */
#include "stock.h"

#include <string.h>

#include "catalog.h"
#include "db.h"
#include "events.h"
#include "log.h"
#include "text.h"

const char *const stock_reason_names[STOCK_NREASONS + 1] = {
	"received", "damaged", "correction", "sale", "return", NULL,
};

const char *const stock_reason_labels[STOCK_NREASONS] = {
	"Received", "Damaged or lost", "Correction", "Sale", "Return",
};

int
stock_reason_parse(const char *name)
{
	int i;

	for (i = 0; name && i < STOCK_NREASONS; i++)
		if (strcmp(name, stock_reason_names[i]) == 0)
			return i;
	return -1;
}

/* db_after_commit's form of catalog_product_changed. */
static void
stock_drop_cache(long long product_id)
{
	catalog_product_changed(product_id);
}

/* Is the change one the table can hold? */
static int
stock_change_ok(const struct stock_change *c)
{
	return c->product_id > 0 && c->vendor_id > 0 && c->delta != 0 &&
	       c->delta >= -STOCK_MAX && c->delta <= STOCK_MAX &&
	       (int)c->reason >= 0 && c->reason < STOCK_NREASONS && c->user_id >= 0 &&
	       (c->note == NULL || text_chars(c->note) <= STOCK_NOTE_MAX);
}

int
stock_adjust_in_tx(const struct stock_change *c, long long *stock_after)
{
	long long n, after;

	if (!stock_change_ok(c)) {
		log_error("stock.adjust", "product=%lld delta=%lld msg=%s", c->product_id, c->delta,
			  log_quote("change out of range"));
		return -1;
	}
	if (!db_in_transaction()) {
		log_error("stock.adjust", "product=%lld msg=%s", c->product_id,
			  log_quote("must run inside a transaction"));
		return -1;
	}
	n = db_exec("UPDATE products SET stock = stock + ?"
		    " WHERE id = ? AND vendor_id = ? AND stock + ? >= 0 AND stock + ? <= ?",
		    "iiiiii", c->delta, c->product_id, c->vendor_id, c->delta, c->delta, STOCK_MAX);
	if (n < 0)
		return -1;
	if (n == 0) {
		/* Refused: tell a missing product from too little stock. */
		n = db_scalar(-1, "SELECT COUNT(*) FROM products WHERE id = ? AND vendor_id = ?", "ii",
			      c->product_id, c->vendor_id);
		if (n < 0)
			return -1;
		return n == 0 ? STOCK_NOT_FOUND : STOCK_BELOW_ZERO;
	}
	/* The row is ours until the commit: this is the stock our change left. */
	if ((after = db_scalar(-1, "SELECT stock FROM products WHERE id = ?", "i", c->product_id)) < 0)
		return -1;
	if (db_exec("INSERT INTO stock_adjustments"
		    " (product_id, vendor_id, delta, reason, note, stock_after, user_id)"
		    " VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, 0))",
		    "iiissii", c->product_id, c->vendor_id, c->delta, stock_reason_names[c->reason],
		    c->note ? c->note : "", after, c->user_id) < 0)
		return -1;
	if (!c->caller_reports) {
		if (events_emit(EVENTS_PRODUCT_CHANGED, c->product_id, "") < 0)
			return -1;
		db_after_commit(stock_drop_cache, c->product_id);
	}
	if (stock_after)
		*stock_after = after;
	return 0;
}

int
stock_set_in_tx(const struct stock_change *c, long long new_stock, long long *stock_after)
{
	struct stock_change d = *c;
	struct db_result *r;
	long long old;
	int found;

	if (new_stock < 0 || new_stock > STOCK_MAX)
		return -1;
	r = db_query("SELECT stock FROM products WHERE id = ? AND vendor_id = ? FOR UPDATE", "ii",
		     c->product_id, c->vendor_id);
	if (r == NULL)
		return -1;
	found = db_next(r);
	old = found ? db_int(r, 0) : 0;
	db_free(r);
	if (!found)
		return STOCK_NOT_FOUND;
	if (old == new_stock) {
		if (stock_after)
			*stock_after = old;
		return 0;
	}
	d.delta = new_stock - old;
	return stock_adjust_in_tx(&d, stock_after);
}

/* One change in its own transaction (db_tx). */
struct stock_job {
	const struct stock_change *c;
	int set;		/* stock_set: new_stock is the figure */
	long long new_stock;
	long long after;
	int rc;			/* the in-transaction call's answer */
};

static int
stock_tx(void *arg)
{
	struct stock_job *j = arg;

	j->rc = j->set ? stock_set_in_tx(j->c, j->new_stock, &j->after)
		       : stock_adjust_in_tx(j->c, &j->after);
	/* A refusal changed nothing: roll back the (empty) transaction. */
	return j->rc;
}

static int
stock_run(struct stock_job *j, long long *stock_after)
{
	struct stock_change c = *j->c;

	/* The cache is dropped after this transaction commits. */
	c.caller_reports = 0;
	j->c = &c;
	if (db_tx(stock_tx, j) != 0) {
		if (j->rc == STOCK_BELOW_ZERO || j->rc == STOCK_NOT_FOUND)
			return j->rc;
		/* A failing statement was logged where it failed; a commit here. */
		if (j->rc == 0)
			log_error("stock.adjust", "product=%lld msg=%s", c.product_id, log_quote(db_error()));
		return -1;
	}
	if (stock_after)
		*stock_after = j->after;
	return 0;
}

int
stock_adjust(const struct stock_change *c, long long *stock_after)
{
	struct stock_job j = { .c = c };

	return stock_run(&j, stock_after);
}

int
stock_set(const struct stock_change *c, long long new_stock, long long *stock_after)
{
	struct stock_job j = { .c = c, .set = 1, .new_stock = new_stock };

	return stock_run(&j, stock_after);
}
