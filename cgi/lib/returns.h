/*
 * returns: a customer sends items of a delivered vendor order back
 * (schema/0019_returns.sql).
 *
 * Within the return window after delivery (the return days of the vendor's
 * shipping terms, shipping.h; for a shop that saved none, BAZAAR_RETURN_DAYS,
 * 14) the customer asks to return some units of the
 * vendor order's items, with a reason. The vendor accepts, with
 * instructions (where and how to send it), or refuses with a reason; the
 * customer may escalate a refusal to an admin, who accepts (with
 * instructions) or closes it, with a note. When the parcel arrives the
 * vendor (or an admin) marks it received, choosing whether the units go back
 * to stock: the refund of the returned units (refund.h, their paid amount in
 * proportion) is issued with the key 'return-<id>', so it is made once
 * however often it is asked, and the return becomes 'refunded'. A refund the
 * provider refuses leaves the return 'received', shown for a retry
 * (returns_pay); one the provider did not answer leaves it 'received' too,
 * being confirmed, until the refund is settled (refund_settle), which marks
 * the return refunded.
 *
 * Each move is one conditional UPDATE from the state it leaves (the first of
 * two decisions wins; the second gets RETURNS_STATE) and names the party
 * that may make it: a vendor's call names its vendor, a customer's the user,
 * so another's return is RETURNS_NOT_FOUND. One return of a vendor order is
 * open at a time.
 */
#ifndef BAZAAR_RETURNS_H
#define BAZAAR_RETURNS_H
#include <stddef.h>

#include "refund.h"

#define RETURNS_OK		0
#define RETURNS_NOT_FOUND	1	/* no such return or vendor order for this party */
#define RETURNS_STATE		2	/* not in a state that allows it (decided already) */
#define RETURNS_WINDOW		3	/* not delivered, or the window closed */
#define RETURNS_OPEN		4	/* another return of this vendor order is open */
#define RETURNS_BAD_ITEMS	5	/* no unit asked, or more than were bought and not paid back */
#define RETURNS_REFUND_FAILED	6	/* received, but the provider refused the refund (out->failure) */
#define RETURNS_REFUND_PENDING	7	/* received; the refund is being confirmed with the provider
					 * (no answer yet, or another request is asking it now) */

#define RETURNS_TEXT_MAX	500	/* characters of a reason, refusal or note */
#define RETURNS_INSTRUCTIONS_MAX 1000	/* characters */
#define RETURNS_DAYS_DEFAULT	14

struct returns_line {
	long long order_item_id;
	long long quantity;
};

/* The return window of the vendor's orders, in days (vendor_id 0: the
 * marketplace's default). */
long long returns_window_days(long long vendor_id);

/* The customer (user_id, the order's) asks to return lines of the vendor
 * order. RETURNS_OK with *return_id, RETURNS_NOT_FOUND, RETURNS_WINDOW,
 * RETURNS_OPEN, RETURNS_BAD_ITEMS or -1. user_id 0 is the guest of a
 * guest's order (no account), whose order link the caller has checked
 * (order.h, order_visible): an account's order is then RETURNS_NOT_FOUND. */
int returns_request(long long vendor_order_id, long long user_id, const struct returns_line *lines, size_t n,
		    const char *reason, long long *return_id);

/* The vendor (vendor_id) accepts a requested return, or an admin
 * (vendor_id 0) an escalated one; instructions required. */
int returns_accept(long long return_id, long long vendor_id, long long user_id, const char *instructions);
/* The vendor refuses a requested return, with its reason. */
int returns_refuse(long long return_id, long long vendor_id, long long user_id, const char *reason);
/* The customer (the order's user; 0: a guest's order, its link checked by
 * the caller, as for returns_request) escalates a refused return, with a note. */
int returns_escalate(long long return_id, long long user_id, const char *note);
/* An admin closes an escalated return (the refusal stands), with a note. */
int returns_close(long long return_id, long long user_id, const char *note);

/*
 * The vendor (vendor_id; 0: an admin) got the parcel of an accepted return:
 * it becomes 'received' (restock: whether its units go back to stock) and
 * its refund is issued (returns_pay; asked by the vendor, or by an admin
 * when vendor_id is 0). RETURNS_OK (refunded), RETURNS_STATE,
 * RETURNS_NOT_FOUND, RETURNS_REFUND_FAILED, RETURNS_REFUND_PENDING or -1.
 */
int returns_receive(long long return_id, long long vendor_id, long long user_id, int restock,
		    struct refund_outcome *out);
/* An admin issues (or retries) the refund of a received return, which is
 * marked refunded when made. Same returns as returns_receive. */
int returns_pay(long long return_id, long long user_id, struct refund_outcome *out);

/* "Requested", "Accepted: send it back", ... for a status, for people. */
const char *returns_status_label(const char *status);

#endif
