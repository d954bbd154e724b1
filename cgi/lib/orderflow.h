/*
 * orderflow: every change of an order's or a vendor order's status
 * (schema/0012_orders.sql states them). Each transition is
 *   - one conditional UPDATE (WHERE id = ? AND status IN <allowed from>, and
 *     for a vendor AND vendor_id = <its own>), so of two writers at the same
 *     moment exactly one makes it and the other is refused;
 *   - an order_history row (from, to, who, a note: carrier and tracking
 *     number, the reason);
 *   - an event in the outbox (events.h): "order.paid", "order.expired",
 *     "order.cancelled" with the order's id, "vendor_order.shipped",
 *     "vendor_order.delivered", "vendor_order.cancelled",
 *     "vendor_order.refunded" with the vendor order's id;
 *   - the mail to the people it concerns (ordermail.h);
 * all in one transaction. Called inside an open transaction (the payment's,
 * a refund's), a function joins it; otherwise it runs its own (db_tx).
 *
 * The allowed moves:
 *   order:        awaiting_payment -> paid      (orderflow_order_paid; its vendor
 *                                                orders -> processing)
 *                 awaiting_payment -> expired   (orderflow_order_expire; its vendor
 *                                                orders -> cancelled by the system)
 *                 awaiting_payment -> cancelled (orderflow_order_cancel, or the last
 *                                                vendor order cancelled before payment)
 *   vendor order: processing -> shipped (carrier and tracking number required),
 *                 shipped -> delivered,
 *                 awaiting_payment or processing -> cancelled (with a reason),
 *                 processing, shipped, delivered or cancelled -> refunded (once
 *                 all of it was paid back: refunded_minor = total_minor).
 * Nothing ships before it is paid: only a processing vendor order ships, and
 * only a paid order's vendor orders are processing.
 *
 * Only the statuses move here. What else a move means is its caller's, in
 * the same transaction: stock back and coupon uses released (the expiry job,
 * a cancellation), money paid back (the refund module), the ledger (the
 * payment step).
 */
#ifndef BAZAAR_ORDERFLOW_H
#define BAZAAR_ORDERFLOW_H
#include <stddef.h>

#define ORDERFLOW_REFUSED	(-2)	/* not in a status the move starts from */
#define ORDERFLOW_NOT_FOUND	(-3)	/* no such vendor order (or another vendor's) */

#define ORDERFLOW_CARRIER_MAX	60	/* characters, vendor_orders.carrier */
#define ORDERFLOW_TRACKING_MAX	100	/* characters, vendor_orders.tracking_number */
#define ORDERFLOW_REASON_MAX	500	/* characters, vendor_orders.cancel_reason */

/* Who makes a change: role is "customer", "vendor", "admin" or "system";
 * user_id 0 for the system. A vendor (vendor_id > 0) reaches only its own
 * vendor orders: another's is ORDERFLOW_NOT_FOUND. */
struct orderflow_actor {
	const char *role;
	long long user_id;
	long long vendor_id;
};

extern const struct orderflow_actor orderflow_system;

/* The order is paid: awaiting_payment -> paid (paid_at = clock_now()), its
 * vendor orders -> processing, history, "order.paid", ordermail_paid. note
 * goes to the history (e.g. "card payment 12"). 0, ORDERFLOW_REFUSED (already
 * paid, expired or cancelled: nothing written), ORDERFLOW_NOT_FOUND or -1. */
int orderflow_order_paid(long long order_id, const char *note);
/* Nobody paid in time: awaiting_payment -> expired, vendor orders -> cancelled
 * (by the system), "order.expired", ordermail_expired. Same results. */
int orderflow_order_expire(long long order_id);
/* An unpaid order given up (its payment failed for good, the customer
 * cancelled it): awaiting_payment -> cancelled with its vendor orders,
 * "order.cancelled"; the customer gets ordermail_cancelled for each. */
int orderflow_order_cancel(long long order_id, const struct orderflow_actor *who, const char *reason);

/* processing -> shipped with the carrier and tracking number (both
 * required, at most the _MAX characters above: -1 otherwise), shipped_at;
 * ordermail_shipped. */
int orderflow_ship(long long vendor_order_id, const struct orderflow_actor *who, const char *carrier,
		   const char *tracking);
/* shipped -> delivered, delivered_at; ordermail_delivered. */
int orderflow_deliver(long long vendor_order_id, const struct orderflow_actor *who);
/* awaiting_payment or processing -> cancelled with the reason (required)
 * and who (cancelled_by = who->role), cancelled_at; ordermail_cancelled. The
 * last vendor order of an unpaid order cancelled cancels the order too.
 * Paying the money back is the refund module's work. */
int orderflow_cancel(long long vendor_order_id, const struct orderflow_actor *who, const char *reason);
/* -> refunded once refunded_minor has reached total_minor (the refund
 * module raised it first); ORDERFLOW_REFUSED before that. */
int orderflow_refunded(long long vendor_order_id, const struct orderflow_actor *who, const char *note);

/* How a status reads on a page ("Being prepared" for processing). */
const char *orderflow_status_label(const char *status);
/* The vendor order statuses, for filters (NULL-ended). */
extern const char *const orderflow_vendor_statuses[];
/* The order statuses, for filters (NULL-ended). */
extern const char *const orderflow_order_statuses[];

#endif
