/*
 * earnings: what vendors earn from their orders, in the vendor ledger
 * (ledger.h, schema/0010_plans_ledger.sql and 0020_payouts.sql).
 *
 * On payment, each vendor order of the order gets two entries:
 *   'sale'        + items + shipping - the part of the discount the vendor
 *                 bears (the marketplace pays its own part of a coupon);
 *   'commission'  - the marketplace's share, the vendor order's
 *                 commission_minor: the sum of its items' commissions,
 *                 computed by the plan in force when the order was placed.
 * Both carry the reference 'vo:<vendor order id>', so however often, or
 * however concurrently, the payment step runs, they are written once.
 *
 * A refund of (part of) a vendor order reverses both in proportion to what
 * was refunded of the vendor order's total: a 'refund' entry (- the sale's
 * share) and a 'commission' entry (+ the commission's share), reference
 * 'rf:<refund id>'. The shares are cumulative: after refunds summing to R
 * of a total T, what has been reversed of the sale S is S * R / T rounded
 * half up, and each refund books the difference it makes. So partial
 * refunds add up to the whole sale and commission exactly once the vendor
 * order is refunded in full, whatever the rounding of each.
 *
 * Held and available: the entries of a vendor order are held until it is
 * settled: delivered, its vendor's return window (returns_window_days())
 * past since delivery by the shop's clock (clock_now()) and no return of it
 * open; or refunded in full.
 * A vendor's available balance is its balance less what is held (when that
 * is positive) less the payouts requested and not yet sent (payout.h).
 */
#ifndef BAZAAR_EARNINGS_H
#define BAZAAR_EARNINGS_H
#include <time.h>

/*
 * Books the sale and the commission of every vendor order of a paid order
 * (not those cancelled). Meant for the transaction that marks the order
 * paid: inside an open transaction it is part of it; outside one it opens
 * its own. Returns 0 (written, or written before), 1 when the order does not
 * exist or is not paid (nothing written), -1 on error (the caller rolls back).
 */
int earnings_on_paid(long long order_id);

/*
 * Books the reversal of a refund ('succeeded' or 'manual'; a pending or
 * failed one is not money back). Inside an open transaction it is part of
 * it (it locks the vendor order's row, so refunds of one vendor order are
 * booked one after the other); outside one it opens its own. Returns 0
 * (booked, or booked before), 1 when there is nothing to book (no such
 * refund, not succeeded, or the vendor order's sale was never booked), -1 on
 * error.
 */
int earnings_on_refund(long long refund_id);

/* A vendor's money as the payout pages show it, in minor units. */
struct earnings_balance {
	long long balance;	/* the sum of the ledger */
	long long held;		/* entries of vendor orders not settled yet (may be negative) */
	long long requested;	/* payouts requested and not yet sent */
	long long available;	/* balance - max(held, 0) - requested; may be negative */
};

/*
 * Fills *b for vendor_id by the shop's clock. With locking (inside a
 * transaction that locked the vendor's row first, as payout_request does)
 * the sums are locking reads, so they see every committed entry and payout.
 * 0, or -1 on error.
 */
int earnings_balance(long long vendor_id, int locking, struct earnings_balance *b);

/* whole * part / total rounded half up (all >= 0, part <= total, total > 0;
 * exact for any long long values); the share of part in whole. */
long long earnings_share(long long whole, long long part, long long total);

#endif
