/* refund: see refund.h. */
#include "refund.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cfg.h"
#include "clock.h"
#include "coupon.h"
#include "db.h"
#include "earnings.h"
#include "events.h"
#include "log.h"
#include "orderflow.h"
#include "ordermail.h"
#include "payment.h"
#include "stock.h"
#include "token.h"

#define REFUND_LINES_MAX 200	/* items in one refund (an order's items are fewer) */

/* The payment's provider takes the refund (payment.h); tests may put
 * another in its place. */
static refund_provider_fn refund_provider = payment_refund;

void
refund_use_provider(refund_provider_fn fn)
{
	refund_provider = fn ? fn : payment_refund;
}

const char *
refund_actor_name(enum refund_actor by)
{
	switch (by) {
	case REFUND_BY_CUSTOMER: return "customer";
	case REFUND_BY_VENDOR: return "vendor";
	case REFUND_BY_ADMIN: return "admin";
	case REFUND_BY_SYSTEM: break;
	}
	return "system";
}

long long
refund_units_amount(long long paid_minor, long long q, long long r, long long k)
{
	if (q <= 0 || r < 0 || k < 0 || r + k > q || paid_minor <= 0)
		return 0;
	return paid_minor * (r + k) / q - paid_minor * r / q;
}

static void
refund_copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* ---- step 1: the raise ------------------------------------------------------------------- */

struct refund_begin {
	const struct refund_request *r;
	struct refund_outcome *out;
	const char *key;
	long long refund_id;
	long long payment_id;
	int manual;
	int result;
	int existing;		/* the key named a refund made before */
	int duplicate;		/* another request wrote a refund with the key meanwhile */
};

/* Locks the vendor order and its order; REFUND_NOT_FOUND / REFUND_NOT_PAID
 * or 0 with *order_id. */
static int
refund_lock_vendor_order(long long vendor_order_id, long long *order_id, long long *payment_id, int *manual,
			 int *result)
{
	struct db_result *q;

	q = db_query("SELECT vo.order_id, o.status, o.payment_method FROM vendor_orders vo"
		     " JOIN orders o ON o.id = vo.order_id WHERE vo.id = ? FOR UPDATE", "i", vendor_order_id);
	if (q == NULL)
		return -1;
	if (!db_next(q)) {
		db_free(q);
		*result = REFUND_NOT_FOUND;
		return 0;
	}
	*order_id = db_int(q, 0);
	if (strcmp(db_str(q, 1), "paid") != 0) {
		db_free(q);
		*result = REFUND_NOT_PAID;
		return 0;
	}
	if (strcmp(db_str(q, 2), "bank_transfer") == 0)
		*manual = 1;
	db_free(q);
	q = db_query("SELECT id, provider FROM payments WHERE order_id = ? AND status = 'succeeded'"
		     " ORDER BY id DESC LIMIT 1", "i", *order_id);
	if (q == NULL)
		return -1;
	if (db_next(q)) {
		*payment_id = db_int(q, 0);
		if (strcmp(db_str(q, 1), "bank") == 0)
			*manual = 1;
	} else {
		*manual = 1;	/* paid without a provider's payment: reconciled by hand */
	}
	db_free(q);
	return 0;
}

/* The raise of refunded amounts and units for refund refund_id (its
 * refund_items written), conditional; REFUND_TOO_MUCH / REFUND_BAD_ITEMS
 * when a condition is false (the caller rolls back). */
static int
refund_raise(long long refund_id, long long vendor_order_id, long long order_id, long long amount,
	     int *result)
{
	struct db_result *q;
	long long n;

	n = db_exec("UPDATE vendor_orders SET refunded_minor = refunded_minor + ?"
		    " WHERE id = ? AND refunded_minor + ? <= total_minor", "iii", amount, vendor_order_id, amount);
	if (n < 0)
		return -1;
	if (n == 0) {
		*result = REFUND_TOO_MUCH;
		return -1;
	}
	n = db_exec("UPDATE orders SET refunded_minor = refunded_minor + ?"
		    " WHERE id = ? AND refunded_minor + ? <= total_minor", "iii", amount, order_id, amount);
	if (n != 1) {
		if (n == 0)
			*result = REFUND_TOO_MUCH;
		return -1;
	}
	q = db_query("SELECT order_item_id, quantity FROM refund_items WHERE refund_id = ? AND quantity > 0"
		     " ORDER BY order_item_id", "i", refund_id);
	if (q == NULL)
		return -1;
	while (db_next(q)) {
		n = db_exec("UPDATE order_items SET refunded_qty = refunded_qty + ?"
			    " WHERE id = ? AND vendor_order_id = ? AND refunded_qty + ? <= quantity",
			    "iiii", db_int(q, 1), db_int(q, 0), vendor_order_id, db_int(q, 1));
		if (n != 1) {
			if (n == 0)
				*result = REFUND_BAD_ITEMS;
			db_free(q);
			return -1;
		}
	}
	db_free(q);
	return 0;
}

/* The refund already made under b->key, if any, into b: 1 found, 0 none,
 * -1 error. locking: read past the transaction's snapshot. */
static int
refund_begin_existing(struct refund_begin *b, int locking)
{
	struct db_result *q;

	q = db_query(locking ? "SELECT id, status, IFNULL(failure, ''), IFNULL(provider_ref, '') FROM refunds"
			       " WHERE idempotency_key = ? LOCK IN SHARE MODE"
			     : "SELECT id, status, IFNULL(failure, ''), IFNULL(provider_ref, '') FROM refunds"
			       " WHERE idempotency_key = ?", "s", b->key);
	if (q == NULL)
		return -1;
	if (!db_next(q)) {
		db_free(q);
		return 0;
	}
	b->existing = 1;
	b->refund_id = db_int(q, 0);
	refund_copy(b->out->status, sizeof b->out->status, db_str(q, 1));
	refund_copy(b->out->failure, sizeof b->out->failure, db_str(q, 2));
	refund_copy(b->out->provider_ref, sizeof b->out->provider_ref, db_str(q, 3));
	db_free(q);
	b->result = REFUND_OK;
	return 1;
}

static int
refund_begin_tx(void *arg)
{
	struct refund_begin *b = arg;
	const struct refund_request *r = b->r;
	long long order_id = 0, n;
	size_t i;

	b->result = -1;
	b->existing = 0;
	b->manual = r->manual;
	b->payment_id = 0;
	if ((n = refund_begin_existing(b, 0)) != 0)
		return n < 0 ? -1 : 0;
	if (refund_lock_vendor_order(r->vendor_order_id, &order_id, &b->payment_id, &b->manual, &b->result) != 0)
		return -1;
	/* The same key may have been written while this waited for the vendor
	 * order (its refund then counts in what is left to pay back): a
	 * locking read sees it. */
	if ((n = refund_begin_existing(b, 1)) != 0)
		return n < 0 ? -1 : 0;
	if (b->result != -1)
		return 0;
	n = db_exec("INSERT INTO refunds (order_id, vendor_order_id, return_id, payment_id, amount_minor, status,"
		    " reason, idempotency_key, attempts, created_by, created_role) VALUES (?, ?, NULLIF(?, 0),"
		    " NULLIF(?, 0), ?, 'pending', ?, ?, 1, NULLIF(?, 0), ?)", "iiiiissis", order_id, r->vendor_order_id,
		    r->return_id, b->manual ? 0 : b->payment_id, r->amount_minor, r->reason ? r->reason : "", b->key,
		    r->user_id, refund_actor_name(r->by));
	if (n != 1) {
		b->duplicate = db_is_duplicate();
		return -1;
	}
	b->refund_id = (long long)db_insert_id();
	for (i = 0; i < r->nlines; i++) {
		const struct refund_line *l = &r->lines[i];

		if (l->quantity == 0 && l->restock == 0)
			continue;
		n = db_exec("INSERT INTO refund_items (refund_id, order_item_id, quantity, restock)"
			    " SELECT ?, id, ?, ? FROM order_items WHERE id = ? AND vendor_order_id = ?",
			    "iiiii", b->refund_id, l->quantity, l->restock, l->order_item_id, r->vendor_order_id);
		if (n != 1) {
			if (n == 0 || db_is_duplicate())
				b->result = REFUND_BAD_ITEMS;
			return -1;
		}
	}
	if (refund_raise(b->refund_id, r->vendor_order_id, order_id, r->amount_minor, &b->result) != 0)
		return -1;
	b->result = REFUND_OK;
	return 0;
}

/* ---- step 3: the answer ------------------------------------------------------------------ */

struct refund_finish {
	long long refund_id;
	int ok;			/* the provider (or a person) paid it */
	const char *status;	/* 'succeeded' or 'manual' when ok */
	const char *provider_ref;
	const char *failure;
	int done;		/* this call recorded the answer */
	const char *step;	/* where it stopped, for the log */
};

/* Puts the refund's restock units back in stock, once each. */
static int
refund_restock(long long refund_id, long long user_id)
{
	struct db_result *q;
	long long n;
	int rc = 0;

	q = db_query("SELECT ri.order_item_id, ri.restock, oi.product_id, p.vendor_id FROM refund_items ri"
		     " JOIN order_items oi ON oi.id = ri.order_item_id JOIN products p ON p.id = oi.product_id"
		     " WHERE ri.refund_id = ? AND ri.restock > 0 ORDER BY ri.order_item_id", "i", refund_id);
	if (q == NULL)
		return -1;
	while (rc == 0 && db_next(q)) {
		struct stock_change c = {
			.product_id = db_int(q, 2), .vendor_id = db_int(q, 3), .delta = db_int(q, 1),
			.reason = STOCK_RETURN, .note = "", .user_id = user_id,
		};
		char note[64];

		n = db_exec("UPDATE order_items SET restocked_qty = restocked_qty + ?"
			    " WHERE id = ? AND restocked_qty + ? <= quantity", "iii",
			    db_int(q, 1), db_int(q, 0), db_int(q, 1));
		if (n < 0) {
			rc = -1;
		} else if (n == 0) {
			log_warn("refund.restock_skipped", "refund=%lld item=%lld: already back in stock",
				 refund_id, db_int(q, 0));
		} else {
			snprintf(note, sizeof note, "Refund %lld", refund_id);
			c.note = note;
			if (stock_adjust_in_tx(&c, NULL) == -1)
				rc = -1;
		}
	}
	db_free(q);
	return rc;
}

static int
refund_finish_tx(void *arg)
{
	struct refund_finish *f = arg;
	struct db_result *q;
	long long order_id, vendor_order_id, amount, user_id, return_id, n;
	char at[24], role[12];

	f->done = 0;
	f->step = "answer";
	q = db_query("SELECT order_id, vendor_order_id, amount_minor, IFNULL(created_by, 0), IFNULL(return_id, 0),"
		     " created_role FROM refunds WHERE id = ? AND status = 'pending' FOR UPDATE", "i", f->refund_id);
	if (q == NULL)
		return -1;
	if (!db_next(q)) {
		db_free(q);
		return 0;	/* answered already */
	}
	order_id = db_int(q, 0);
	vendor_order_id = db_int(q, 1);
	amount = db_int(q, 2);
	user_id = db_int(q, 3);
	return_id = db_int(q, 4);
	refund_copy(role, sizeof role, db_str(q, 5));
	db_free(q);
	clock_datetime(clock_now(), at, sizeof at);
	if (!f->ok) {
		if (db_exec("UPDATE refunds SET status = 'failed', failure = ?, completed_at = ? WHERE id = ?",
			    "ssi", f->failure, at, f->refund_id) != 1)
			return -1;
		if (db_exec("UPDATE vendor_orders SET refunded_minor = refunded_minor - ? WHERE id = ?",
			    "ii", amount, vendor_order_id) != 1)
			return -1;
		if (db_exec("UPDATE orders SET refunded_minor = refunded_minor - ? WHERE id = ?",
			    "ii", amount, order_id) != 1)
			return -1;
		if (db_exec("UPDATE order_items oi JOIN refund_items ri ON ri.order_item_id = oi.id"
			    " SET oi.refunded_qty = oi.refunded_qty - ri.quantity WHERE ri.refund_id = ?",
			    "i", f->refund_id) < 0)
			return -1;
		f->done = 1;
		return 0;
	}
	if (db_exec("UPDATE refunds SET status = ?, provider_ref = NULLIF(?, ''), failure = NULL,"
		    " completed_at = ? WHERE id = ?", "sssi", f->status, f->provider_ref ? f->provider_ref : "",
		    at, f->refund_id) != 1)
		return -1;
	f->step = "restock";
	if (refund_restock(f->refund_id, user_id) != 0)
		return -1;
	/* Fully paid back: a vendor order still in its life becomes 'refunded'.
	 * A locking read: another refund of the same vendor order finishing
	 * at the same time may just have moved it (a plain read would see the
	 * transaction's older snapshot and try the move a second time). */
	q = db_query("SELECT status FROM vendor_orders WHERE id = ? AND refunded_minor = total_minor"
		     " AND status IN ('processing', 'shipped', 'delivered') FOR UPDATE", "i", vendor_order_id);
	if (q == NULL)
		return -1;
	n = db_next(q);
	db_free(q);
	if (n) {
		/* Who asked for the refund (the caller checked that they may). */
		struct orderflow_actor who = { role, user_id, 0 };

		f->step = "order status";
		if (orderflow_refunded(vendor_order_id, &who, "Paid back in full") < 0)
			return -1;
	}
	/* The return it pays is paid (returns_pay does the same when it made
	 * the refund itself; a settled one has nobody else to do it). */
	f->step = "return";
	if (return_id > 0 && db_exec("UPDATE returns SET status = 'refunded', refund_id = IFNULL(refund_id, ?)"
				     " WHERE id = ? AND status = 'received'", "ii", f->refund_id, return_id) < 0)
		return -1;
	f->step = "mail";
	if (ordermail_refunded(f->refund_id) < 0)
		return -1;
	/* The vendor's sale and the marketplace's commission, reversed in proportion. */
	f->step = "earnings";
	if (earnings_on_refund(f->refund_id) < 0)
		return -1;
	f->step = "event";
	if (events_emit("refund.made", f->refund_id, "") < 0)
		return -1;
	f->done = 1;
	return 0;
}

/* What a pending refund says while the provider's answer is awaited. */
#define REFUND_UNANSWERED "No answer from the payment provider yet: it is asked again with the same key."

/* The provider did not answer: the refund stays pending, its amounts held,
 * for refund_settle to ask again with the same key (the provider may have
 * made it). Its note says why; updated_at starts its wait again. */
static int
refund_unanswered(long long refund_id, struct refund_outcome *out)
{
	char at[24];

	clock_datetime(clock_now(), at, sizeof at);
	refund_copy(out->status, sizeof out->status, "pending");
	refund_copy(out->failure, sizeof out->failure, REFUND_UNANSWERED);
	if (db_exec("UPDATE refunds SET failure = ?, updated_at = ? WHERE id = ? AND status = 'pending'", "ssi",
		    REFUND_UNANSWERED, at, refund_id) < 0)
		log_error("refund.note_failed", "refund=%lld error=%s", refund_id, log_quote(db_error()));
	log_warn("refund.unanswered", "refund=%lld: the provider did not answer; left pending for the settle job",
		 refund_id);
	return REFUND_PENDING;
}

/* Steps 2 and 3 for a refund written 'pending' with its attempt number. */
static int
refund_ask(long long refund_id, long long payment_id, int manual, const char *key, int attempt,
	   long long amount, struct refund_outcome *out)
{
	struct refund_finish f = { .refund_id = refund_id };
	char provider_key[REFUND_KEY_MAX + 16];
	int rc;

	out->refund_id = refund_id;
	if (manual) {
		f.ok = 1;
		f.status = "manual";
	} else {
		snprintf(provider_key, sizeof provider_key, "%s.%d", key, attempt);
		out->failure[0] = '\0';
		out->provider_ref[0] = '\0';
		rc = refund_provider(payment_id, amount, provider_key, out->provider_ref, sizeof out->provider_ref,
				     out->failure, sizeof out->failure);
		if (rc == 0) {
			f.ok = 1;
			f.status = "succeeded";
			f.provider_ref = out->provider_ref;
		} else if (rc == PAYMENT_REFUSED) {
			if (!out->failure[0])
				refund_copy(out->failure, sizeof out->failure, "The payment provider refused the refund.");
			f.failure = out->failure;
		} else {
			out->provider_ref[0] = '\0';
			return refund_unanswered(refund_id, out);
		}
	}
	if (db_tx(refund_finish_tx, &f) != 0) {
		log_error("refund.finish_failed", "refund=%lld ok=%d step=%s error=%s: left pending", refund_id, f.ok,
			  f.step ? f.step : "-", log_quote(db_error()));
		refund_copy(out->status, sizeof out->status, "pending");
		return -1;
	}
	refund_copy(out->status, sizeof out->status, f.ok ? f.status : "failed");
	log_info("refund.answer", "refund=%lld status=%s amount=%lld", refund_id, out->status, amount);
	return f.ok ? REFUND_OK : REFUND_FAILED;
}

int
refund_issue(const struct refund_request *r, struct refund_outcome *out)
{
	struct refund_begin b = { .r = r, .out = out };
	char fresh[TOKEN_TEXT_SIZE];
	size_t i;

	memset(out, 0, sizeof *out);
	if (r->vendor_order_id <= 0 || r->amount_minor <= 0 || r->nlines > REFUND_LINES_MAX ||
	    (r->nlines && r->lines == NULL) || db_in_transaction())
		return -1;
	for (i = 0; i < r->nlines; i++)
		if (r->lines[i].quantity < 0 || r->lines[i].restock < 0)
			return REFUND_BAD_ITEMS;
	if (r->key && *r->key) {
		if (strlen(r->key) > REFUND_KEY_MAX)
			return -1;
		b.key = r->key;
	} else {
		token_new(fresh);
		b.key = fresh;
	}
	if (db_tx(refund_begin_tx, &b) != 0) {
		if (b.result != -1 || !b.duplicate)
			return b.result;
		/* The same key at the same moment: the other request wrote it. */
		if (db_tx(refund_begin_tx, &b) != 0)
			return b.result;
	}
	if (b.result != REFUND_OK)
		return b.result;
	out->refund_id = b.refund_id;
	if (b.existing) {
		out->again = 1;
		if (strcmp(out->status, "failed") == 0)
			return REFUND_FAILED;
		return strcmp(out->status, "pending") == 0 ? REFUND_PENDING : REFUND_OK;
	}
	return refund_ask(b.refund_id, b.payment_id, b.manual, b.key, 1, r->amount_minor, out);
}

/* ---- retry ------------------------------------------------------------------------------- */

struct refund_again {
	long long refund_id;
	long long payment_id, amount;
	int manual, attempt, result;
	char key[REFUND_KEY_MAX + 1];
};

static int
refund_retry_tx(void *arg)
{
	struct refund_again *g = arg;
	struct db_result *q;
	long long order_id = 0, vendor_order_id, n;

	g->result = -1;
	q = db_query("SELECT vendor_order_id, amount_minor, idempotency_key, attempts, status FROM refunds"
		     " WHERE id = ? FOR UPDATE", "i", g->refund_id);
	if (q == NULL)
		return -1;
	if (!db_next(q)) {
		db_free(q);
		g->result = REFUND_NOT_FOUND;
		return 0;
	}
	if (strcmp(db_str(q, 4), "failed") != 0) {
		db_free(q);
		g->result = REFUND_STATE;
		return 0;
	}
	vendor_order_id = db_int(q, 0);
	g->amount = db_int(q, 1);
	refund_copy(g->key, sizeof g->key, db_str(q, 2));
	g->attempt = (int)db_int(q, 3) + 1;
	db_free(q);
	g->manual = 0;
	g->payment_id = 0;
	if (refund_lock_vendor_order(vendor_order_id, &order_id, &g->payment_id, &g->manual, &g->result) != 0)
		return -1;
	if (g->result != -1)
		return 0;
	n = db_exec("UPDATE refunds SET status = 'pending', failure = NULL, attempts = attempts + 1,"
		    " payment_id = NULLIF(?, 0) WHERE id = ? AND status = 'failed'", "ii", g->manual ? 0 : g->payment_id,
		    g->refund_id);
	if (n != 1)
		return -1;
	if (refund_raise(g->refund_id, vendor_order_id, order_id, g->amount, &g->result) != 0)
		return -1;
	g->result = REFUND_OK;
	return 0;
}

int
refund_retry(long long refund_id, long long user_id, struct refund_outcome *out)
{
	struct refund_again g = { .refund_id = refund_id };

	(void)user_id;
	memset(out, 0, sizeof *out);
	if (refund_id <= 0 || db_in_transaction())
		return -1;
	if (db_tx(refund_retry_tx, &g) != 0)
		return g.result == -1 ? -1 : g.result;
	if (g.result != REFUND_OK)
		return g.result;
	log_info("refund.retry", "refund=%lld attempt=%d user=%lld", refund_id, g.attempt, user_id);
	return refund_ask(refund_id, g.payment_id, g.manual, g.key, g.attempt, g.amount, out);
}

/* ---- settling a stuck refund ------------------------------------------------------------- */

long long
refund_stuck_after(void)
{
	return cfg_int_in("BAZAAR_REFUND_STUCK_AFTER", 900, 60, 7 * 86400);
}

int
refund_settle(long long refund_id, struct refund_outcome *out)
{
	struct db_result *q;
	char now[24], before[24], key[REFUND_KEY_MAX + 1];
	long long payment_id, amount, n;
	time_t t = clock_now();
	int attempt, rc;

	memset(out, 0, sizeof *out);
	if (refund_id <= 0 || db_in_transaction())
		return -1;
	clock_datetime(t, now, sizeof now);
	clock_datetime(t - (time_t)refund_stuck_after(), before, sizeof before);
	/* The claim: one settler at a time. Its updated_at moves to now, so the
	 * refund is not stuck again until refund_stuck_after() has passed (a
	 * settler that dies leaves it to the next). */
	n = db_exec("UPDATE refunds SET updated_at = ? WHERE id = ? AND status = 'pending' AND updated_at <= ?",
		    "sis", now, refund_id, before);
	if (n < 0)
		return -1;
	q = db_query("SELECT IFNULL(payment_id, 0), amount_minor, idempotency_key, attempts, status FROM refunds"
		     " WHERE id = ?", "i", refund_id);
	if (q == NULL)
		return -1;
	if (!db_next(q)) {
		db_free(q);
		return REFUND_NOT_FOUND;
	}
	if (n == 0) {
		refund_copy(out->status, sizeof out->status, db_str(q, 4));
		db_free(q);
		out->refund_id = refund_id;
		return REFUND_STATE;	/* answered, not stuck yet, or another settler has it */
	}
	payment_id = db_int(q, 0);
	amount = db_int(q, 1);
	refund_copy(key, sizeof key, db_str(q, 2));
	attempt = (int)db_int(q, 3);
	db_free(q);
	log_info("refund.settle", "refund=%lld attempt=%d payment=%lld", refund_id, attempt, payment_id);
	/* The same attempt's key as the call that was never answered: a refund
	 * the provider made then is given back, not made again. */
	rc = refund_ask(refund_id, payment_id, payment_id == 0, key, attempt, amount, out);
	return rc;
}

/* ---- cancellation ------------------------------------------------------------------------ */

struct refund_cancelling {
	long long vendor_order_id;
	enum refund_actor by;
	long long user_id;
	const char *reason;
	long long order_id;
	long long to_refund;	/* what was paid and is not paid back yet */
	int result;
};

/* Puts back in stock every unit of the vendor order not back yet. */
static int
refund_restock_all(long long vendor_order_id, long long user_id, const char *note)
{
	struct db_result *q;
	long long n, k;
	int rc = 0;

	q = db_query("SELECT oi.id, oi.quantity - oi.restocked_qty, oi.restocked_qty, oi.product_id, p.vendor_id"
		     " FROM order_items oi JOIN products p ON p.id = oi.product_id"
		     " WHERE oi.vendor_order_id = ? ORDER BY oi.id FOR UPDATE", "i", vendor_order_id);
	if (q == NULL)
		return -1;
	while (rc == 0 && db_next(q)) {
		struct stock_change c = {
			.product_id = db_int(q, 3), .vendor_id = db_int(q, 4), .reason = STOCK_RETURN,
			.note = note, .user_id = user_id,
		};

		if ((k = db_int(q, 1)) <= 0)
			continue;
		n = db_exec("UPDATE order_items SET restocked_qty = restocked_qty + ?"
			    " WHERE id = ? AND restocked_qty = ?", "iii", k, db_int(q, 0), db_int(q, 2));
		if (n != 1) {
			rc = -1;	/* locked above: another writer cannot have moved it */
			break;
		}
		c.delta = k;
		if (stock_adjust_in_tx(&c, NULL) == -1)
			rc = -1;
	}
	db_free(q);
	return rc;
}

static int
refund_cancel_tx(void *arg)
{
	struct refund_cancelling *c = arg;
	struct orderflow_actor who;
	struct db_result *q;
	char from[20], note[40];
	long long n;
	int paid;

	c->result = -1;
	c->to_refund = 0;
	q = db_query("SELECT vo.order_id, vo.status, o.status, vo.total_minor - vo.refunded_minor, o.number"
		     " FROM vendor_orders vo JOIN orders o ON o.id = vo.order_id WHERE vo.id = ? FOR UPDATE",
		     "i", c->vendor_order_id);
	if (q == NULL)
		return -1;
	if (!db_next(q)) {
		db_free(q);
		c->result = REFUND_NOT_FOUND;
		return 0;
	}
	c->order_id = db_int(q, 0);
	refund_copy(from, sizeof from, db_str(q, 1));
	paid = strcmp(db_str(q, 2), "paid") == 0;
	c->to_refund = paid ? db_int(q, 3) : 0;
	snprintf(note, sizeof note, "Cancelled %s", db_str(q, 4));
	db_free(q);
	if (strcmp(from, "awaiting_payment") != 0 && strcmp(from, "processing") != 0) {
		c->result = REFUND_STATE;
		return 0;
	}
	who.role = refund_actor_name(c->by);
	who.user_id = c->user_id;
	who.vendor_id = 0;	/* the caller checked that they may */
	n = orderflow_cancel(c->vendor_order_id, &who, c->reason && *c->reason ? c->reason
			     : c->by == REFUND_BY_CUSTOMER ? "Cancelled by the customer." : "Cancelled.");
	if (n == ORDERFLOW_REFUSED || n == ORDERFLOW_NOT_FOUND) {
		c->result = n == ORDERFLOW_REFUSED ? REFUND_STATE : REFUND_NOT_FOUND;
		return 0;
	}
	if (n != 0)
		return -1;
	if (refund_restock_all(c->vendor_order_id, c->user_id, note) != 0)
		return -1;
	/* An unpaid order left with nothing to pay for is cancelled (orderflow):
	 * its coupon use comes back. */
	if (!paid && db_scalar(-1, "SELECT COUNT(*) FROM orders WHERE id = ? AND status = 'cancelled'", "i",
			       c->order_id) == 1 && coupon_release(c->order_id) < 0)
		return -1;
	c->result = REFUND_OK;
	return 0;
}

int
refund_cancel(long long vendor_order_id, enum refund_actor by, long long user_id, const char *reason,
	      struct refund_outcome *out)
{
	struct refund_cancelling c = { .vendor_order_id = vendor_order_id, .by = by, .user_id = user_id,
				       .reason = reason };
	struct refund_request r = { 0 };
	struct refund_line lines[REFUND_LINES_MAX];
	struct db_result *q;
	char text[REFUND_REASON_MAX * 4 + 16];
	size_t n = 0;

	memset(out, 0, sizeof *out);
	if (vendor_order_id <= 0 || db_in_transaction())
		return -1;
	if (db_tx(refund_cancel_tx, &c) != 0)
		return -1;
	if (c.result != REFUND_OK)
		return c.result;
	log_info("refund.cancel", "vendor_order=%lld by=%s to_refund=%lld", vendor_order_id,
		 refund_actor_name(by), c.to_refund);
	if (c.to_refund <= 0)
		return REFUND_OK;
	/* Every unit not paid back yet is paid back now; the stock is back already. */
	q = db_query("SELECT id, quantity - refunded_qty FROM order_items WHERE vendor_order_id = ?"
		     " AND refunded_qty < quantity ORDER BY id LIMIT 200", "i", vendor_order_id);
	if (q == NULL)
		return -1;
	while (db_next(q) && n < REFUND_LINES_MAX) {
		lines[n].order_item_id = db_int(q, 0);
		lines[n].quantity = db_int(q, 1);
		lines[n].restock = 0;
		n++;
	}
	db_free(q);
	snprintf(text, sizeof text, "Cancelled by the %s%s%s", refund_actor_name(by),
		 reason && *reason ? ": " : "", reason ? reason : "");
	r.vendor_order_id = vendor_order_id;
	r.amount_minor = c.to_refund;
	r.lines = lines;
	r.nlines = n;
	r.reason = text;
	r.user_id = user_id;
	r.by = by;
	return refund_issue(&r, out);
}
