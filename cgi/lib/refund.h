/*
 * refund: paying back (part of) a vendor order, and cancelling one before it
 * ships (schema/0012_orders.sql refunds, schema/0019_returns.sql).
 *
 * A refund is made in three steps, so that two refunds at the same moment
 * can never pay back more than the vendor order's total, and a refund the
 * provider refuses changes nothing:
 *  1. One transaction raises vendor_orders.refunded_minor (and the order's)
 *     by a conditional UPDATE that never passes total_minor, raises each
 *     refunded item's order_items.refunded_qty the same way (never past its
 *     quantity), and writes the refund 'pending' with its refund_items. The
 *     second of two refunds that would together pass the total finds the
 *     condition false and is refused (REFUND_TOO_MUCH) before any provider
 *     is asked.
 *  2. The payment's provider is asked to pay the amount back (no transaction
 *     is open while it answers), with a key of the refund and its attempt so
 *     the provider makes it once. A bank transfer is paid back by hand: the
 *     refund is marked 'manual' and nobody is asked. A call that gets no
 *     answer (the provider unreachable, a timeout, a 5xx, an answer that
 *     cannot be read) may still have reached the provider and made the
 *     refund: the refund stays 'pending' (REFUND_PENDING, "being confirmed
 *     with the payment provider"), its amounts held, until refund_settle asks
 *     again with the same key. Only a definite refusal is a failure.
 *  3. One transaction records the answer. Success ('succeeded' or 'manual'):
 *     the units marked for restock come back to stock exactly once
 *     (order_items.restocked_qty by a conditional UPDATE, then stock.h with
 *     reason 'return'), a fully refunded vendor order that was processing,
 *     shipped or delivered becomes 'refunded', and the ledger is reversed
 *     (earnings_on_refund: the vendor's sale and the commission, in
 *     proportion).
 *     Refusal: the refund is 'failed' with the provider's reason, and the
 *     amounts of step 1 are given back, so it changed nothing; it is shown for
 *     a retry (refund_retry), which goes through steps 1-3 again with the
 *     next attempt's key (safe: the provider made nothing under the refused
 *     one).
 *
 * A refund left 'pending' (the process died between steps 1 and 3, or the
 * provider did not answer) is stuck once it has waited refund_stuck_after(): refund_settle, run by the job
 * bazaar-refundsettle and by an admin on /admin/refunds, asks the provider
 * again with the same attempt's key (so a refund it made then is reported,
 * not made a second time) and records the answer through step 3, which
 * happens once however many settle it at the same moment. A refund paid by
 * hand keeps no payment (refunds.payment_id NULL): settling it asks nobody.
 *
 * A cancellation (refund_cancel) moves the vendor order to 'cancelled' by a
 * conditional UPDATE from 'awaiting_payment' or 'processing' (never after it
 * shipped), with its history row, puts every unit not yet restocked back in
 * stock in the same transaction, cancels the order and releases its coupon
 * use (coupon_release) when no vendor order of an unpaid order is left, and then refunds what
 * was paid for the vendor order (when it was paid).
 */
#ifndef BAZAAR_REFUND_H
#define BAZAAR_REFUND_H
#include <stddef.h>

/* What refund_issue, refund_retry and refund_cancel return besides -1 (a
 * database error, logged; nothing changed, or, after step 1, the refund is
 * left 'pending' for an admin to see). */
#define REFUND_OK		0	/* made (or, with an idempotency key seen before, it was) */
#define REFUND_FAILED		1	/* the provider refused: nothing changed, out->failure says why */
#define REFUND_TOO_MUCH		2	/* more than is left to pay back: nothing changed */
#define REFUND_NOT_FOUND	3	/* no such vendor order or refund (or not the caller's) */
#define REFUND_NOT_PAID		4	/* the order was never paid: nothing to pay back */
#define REFUND_BAD_ITEMS	5	/* an item not of the vendor order, or more units than are left */
#define REFUND_STATE		6	/* the state does not allow it (shipped: too late to cancel;
					 * a retry of a refund that is not 'failed') */
#define REFUND_PENDING		7	/* the refund is written and waits for the provider's answer: the
					 * provider did not answer (refund_settle asks again with the
					 * same key), or another request is asking it now */

#define REFUND_REASON_MAX	500	/* characters */
#define REFUND_FAILURE_MAX	200	/* bytes of a provider's reason */
#define REFUND_REF_MAX		64	/* bytes of a provider's reference */
#define REFUND_KEY_MAX		64	/* bytes of an idempotency key */

/* One item of the vendor order in a refund: quantity units paid back
 * (order_items.refunded_qty; 0 for none) and restock units put back in
 * stock when the refund is made (0 for none). */
struct refund_line {
	long long order_item_id;
	long long quantity;
	long long restock;
};

/* Who asks: cancelled_by, refunds.created_role, the history's actor_role. */
enum refund_actor { REFUND_BY_SYSTEM, REFUND_BY_CUSTOMER, REFUND_BY_VENDOR, REFUND_BY_ADMIN };

struct refund_request {
	long long vendor_order_id;
	long long amount_minor;		/* > 0 */
	const struct refund_line *lines;	/* may be NULL with nlines 0 */
	size_t nlines;
	const char *reason;		/* shown with the refund; may be "" */
	long long user_id;		/* who asks; 0 for the system (or a guest) */
	enum refund_actor by;		/* as whom (refunds.created_role); zeroed: the system */
	long long return_id;		/* the return it pays, 0 for none */
	const char *key;		/* idempotency key (the form's), NULL: a fresh one */
	int manual;			/* 1: paid back by hand, whatever the payment was */
};

struct refund_outcome {
	long long refund_id;			/* 0 when none was written */
	char status[12];			/* 'succeeded', 'manual', 'failed' or 'pending' */
	char failure[REFUND_FAILURE_MAX];	/* REFUND_FAILED: the provider's reason */
	char provider_ref[REFUND_REF_MAX];
	int again;				/* the key named a refund asked before: nothing new */
};

/*
 * Pays r->amount_minor of the vendor order back (steps 1-3 above). Returns
 * REFUND_OK (out->status 'succeeded' or 'manual'), REFUND_FAILED (refused),
 * REFUND_PENDING (no answer: being confirmed, out->status 'pending'),
 * REFUND_TOO_MUCH, REFUND_NOT_FOUND, REFUND_NOT_PAID, REFUND_BAD_ITEMS or -1.
 * A key already used returns what that refund is now and makes nothing:
 * REFUND_OK, REFUND_FAILED, or REFUND_PENDING (being confirmed, or another
 * request makes it now).
 * Must be called outside a transaction (the provider is asked between two).
 */
int refund_issue(const struct refund_request *r, struct refund_outcome *out);

/* Asks again for a 'failed' refund, with its amount and items (steps 1-3).
 * Same returns; REFUND_STATE when it is not 'failed' (made meanwhile by
 * another retry, or pending: only refund_settle asks again for a refund
 * that got no answer), REFUND_TOO_MUCH when other refunds took what was
 * left. */
int refund_retry(long long refund_id, long long user_id, struct refund_outcome *out);

/* Seconds a refund may wait for its provider's answer before it counts as
 * stuck: BAZAAR_REFUND_STUCK_AFTER, 60..7 days, default 900. */
long long refund_stuck_after(void);

/*
 * Settles a stuck refund: one 'pending' since refund_stuck_after() seconds
 * or more (refunds.updated_at, against clock_now()). It is claimed first
 * (updated_at moves to now: a second settler at the same moment finds it
 * not stuck and leaves it), then steps 2 and 3 run with the key of its last
 * attempt. Returns REFUND_OK (out->status 'succeeded' or 'manual'),
 * REFUND_FAILED (the provider refused: the amounts are given back, it waits
 * for a retry), REFUND_PENDING (no answer again: still pending, stuck again
 * after refund_stuck_after()), REFUND_STATE (not pending, not stuck yet or being settled
 * now: nothing done, out->status says what it is), REFUND_NOT_FOUND, or -1
 * (a database error: it stays pending and is stuck again later). Must be
 * called outside a transaction.
 */
int refund_settle(long long refund_id, struct refund_outcome *out);

/*
 * Cancels a vendor order that has not shipped, as described above. by says
 * who (a customer, its vendor, an admin; the caller checked that they may),
 * reason is kept as cancel_reason (required of a vendor and an admin).
 * Returns REFUND_OK (out->refund_id is 0 when nothing had been paid),
 * REFUND_STATE (already shipped or cancelled: nothing changed),
 * REFUND_NOT_FOUND, -1, or, cancelled with the stock back: REFUND_FAILED
 * (the provider refused the refund, which waits for a retry on the admin
 * site) or REFUND_PENDING (no answer yet: being confirmed).
 */
int refund_cancel(long long vendor_order_id, enum refund_actor by, long long user_id, const char *reason,
		  struct refund_outcome *out);

/*
 * What k more units of an item are paid back when r of its quantity q were
 * already: the item's paid amount (line minus its discount) in proportion,
 * rounded so that all q units together pay back exactly paid.
 */
long long refund_units_amount(long long paid_minor, long long q, long long r, long long k);

/*
 * The provider's refund, as payment.h's payment_refund: 0 when made
 * (provider_ref filled), PAYMENT_REFUSED when refused (failure filled with
 * a sentence for people), anything else when there was no answer (the
 * refund may or may not have been made: it stays pending for refund_settle).
 * refund_use_provider replaces it (NULL: back to the payment module's) for
 * tests that need a provider that refuses or stays silent on demand.
 */
typedef int (*refund_provider_fn)(long long payment_id, long long amount_minor, const char *key,
				  char *provider_ref, size_t ref_size, char *failure, size_t failure_size);
void refund_use_provider(refund_provider_fn fn);

/* 'customer', 'vendor', 'admin', 'system'. */
const char *refund_actor_name(enum refund_actor by);

#endif
