/*
 * ordermail: the mails of an order's life, one function per mail. Each reads
 * what it tells from the database (the order, its vendor orders and items as
 * they were snapshotted when it was placed), renders templates/mail/order_*.tpl
 * or vendor_*.tpl and queues it with mail_queue.
 *
 * Call them INSIDE the transaction of the change they report (the order
 * placed, the payment recorded, the vendor order shipped...): the mail then
 * exists exactly when the change committed, and a change made twice by two
 * racing writers is made (and mailed) once, by the one whose conditional
 * UPDATE won. They write nothing else. Each returns 0, or -1 when the
 * records are missing or the database failed (logged): the caller rolls back.
 *
 * Who gets what:
 *   ordermail_placed          customer: the order confirmation, one mail with a
 *                             section per vendor (items, shipping, subtotal),
 *                             the totals with their tax part, how to pay (a bank
 *                             transfer's reference), and for a guest the link
 *                             that confirms the address and opens the order
 *   ordermail_paid            customer: payment received; each shop whose part is
 *                             now being prepared (processing): its new order
 *                             (ordermail_vendor_new_order)
 *   ordermail_vendor_new_order the vendor: what to pack and where it goes (country)
 *                             (in the portal's notification centre, kind order,
 *                             and by mail as its owner chose; notify.h)
 *   ordermail_shipped         customer: that vendor's parcel, carrier and tracking
 *   ordermail_delivered       customer
 *   ordermail_cancelled       customer and vendor, with the reason and who cancelled
 *   ordermail_expired         customer: nobody paid in time, nothing will ship
 *   ordermail_payment_failed  customer: the provider's reason, how to try again
 *   ordermail_refunded        customer: the amount of one refund row
 *   ordermail_return          a step of a return (see enum ordermail_return_step)
 *   ordermail_payout_sent     the vendor: a payout was sent
 *
 * Links in the mails are full URLs built in the templates from BASE_URL and
 * the ids given here, so the library names no page of a program. A guest's
 * order has no account: the confirmation's link carries the token whose
 * BLAKE2b hash is orders.guest_token_hash (it is not kept); the later mails
 * to a guest carry a link of their own, signed with a key of the key file
 * (order_guest_mail_token, order.h), which opens that order only (section
 * GUEST, with GUEST_MAIL_LINK {GUEST_MAIL_TOKEN}, or GUEST_NO_LINK when no
 * key could be loaded).
 */
#ifndef BAZAAR_ORDERMAIL_H
#define BAZAAR_ORDERMAIL_H

/* guest_token: the token of a guest's order link as text (token.h), NULL
 * for a customer with an account. */
int ordermail_placed(long long order_id, const char *guest_token);
int ordermail_paid(long long order_id);
int ordermail_vendor_new_order(long long vendor_order_id);
int ordermail_shipped(long long vendor_order_id);
int ordermail_delivered(long long vendor_order_id);
/* Reads the reason and who cancelled from the vendor order's row
 * (cancel_reason, cancelled_by): set them in the same UPDATE first. The
 * vendor is told unless the vendor cancelled it; the customer always. */
int ordermail_cancelled(long long vendor_order_id);
int ordermail_expired(long long order_id);
/* reason: the provider's words as shown to the customer (may be NULL). */
int ordermail_payment_failed(long long order_id, const char *reason);
/* refund_id: a row of refunds (its amount, vendor order and reason). */
int ordermail_refunded(long long refund_id);

enum ordermail_return_step {
	ORDERMAIL_RETURN_REQUESTED,	/* to the vendor: the customer asks; text = the reason */
	ORDERMAIL_RETURN_ACCEPTED,	/* to the customer: text = the return instructions */
	ORDERMAIL_RETURN_REFUSED,	/* to the customer: text = the vendor's reason */
	ORDERMAIL_RETURN_ESCALATED,	/* to the vendor: an admin will decide; text = the customer's words */
	ORDERMAIL_RETURN_ADMIN_ACCEPTED,	/* to customer and vendor: text = the decision */
	ORDERMAIL_RETURN_ADMIN_REFUSED,	/* to customer and vendor: text = the decision */
	ORDERMAIL_RETURN_RECEIVED,	/* to the customer: the vendor has the parcel, refund follows */
};
int ordermail_return(long long vendor_order_id, enum ordermail_return_step step, const char *text);

/* reference: what the transfer carries (e.g. the payout's number). */
int ordermail_payout_sent(long long vendor_id, long long amount_minor, const char *reference);

#endif
