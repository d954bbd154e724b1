/*
 * banktransfer: money received on the marketplace's bank account, matched
 * to the orders paid by bank transfer (table bank_transfers,
 * schema/0017_payments.sql), for the admin's reconciliation page.
 *
 * A transfer comes from a bank statement (a CSV file) or is typed by an
 * admin. It is matched to an order by the reference the payer wrote: the
 * order's bank reference (its number, "BZ-000123") anywhere in the text, in
 * any case, with spaces or dashes inside ("bz 000123", "BZ000123-1" for a
 * vendor order's number), or given by the admin for a transfer that names
 * none. Then, in one transaction with the transfer's row:
 *   - the amount is added to the order's bank payment (payments.received_minor);
 *   - what the order still needed counts (applied_minor), the rest is an
 *     over-payment (excess_minor), to pay back by hand;
 *   - when the payment has all of the order's total, the order is paid
 *     through payment_succeeded (payment.h): the same step as a card's;
 *   - a transfer for an order that no longer waits for payment (paid,
 *     expired, cancelled) or is not paid by bank transfer is matched with
 *     all of it as excess.
 * A statement line is recorded once (its hash: date, amount, reference,
 * payer and its place among identical lines of the file), so uploading the
 * same statement twice changes nothing the second time.
 */
#ifndef BAZAAR_BANKTRANSFER_H
#define BAZAAR_BANKTRANSFER_H
#include <stddef.h>

struct req;

#define BANKTRANSFER_TEXT_MAX 140	/* bytes of a reference or a payer's name */
#define BANKTRANSFER_HASH_SIZE 32

struct banktransfer {
	const char *received_on;		/* "YYYY-MM-DD" */
	long long amount_minor;			/* > 0 */
	const char *reference;			/* as the payer wrote it ("" if none) */
	const char *payer;			/* "" if unknown */
	const unsigned char *line_hash;		/* a statement line's (BANKTRANSFER_HASH_SIZE), NULL: typed */
	long long order_id;			/* the order the admin named; 0: by the reference */
	long long created_by;			/* the admin; 0: none */
	const struct req *audit;		/* the admin's request: audited in the transaction (NULL: not) */
};

enum banktransfer_outcome {
	BANKTRANSFER_PAID,		/* the order is paid now (maybe over-paid: excess) */
	BANKTRANSFER_PARTLY,		/* counted; the order still waits for the rest */
	BANKTRANSFER_NOT_WAITING,	/* the order does not wait for a bank transfer: all excess */
	BANKTRANSFER_UNMATCHED,		/* no order found: kept for the admin to assign */
	BANKTRANSFER_DUPLICATE,		/* this statement line was recorded before: nothing changed */
};

struct banktransfer_result {
	enum banktransfer_outcome outcome;
	long long transfer_id, order_id;
	long long applied_minor, excess_minor;
	long long missing_minor;	/* what the order still needs (PARTLY) */
	char order_number[32];
};

/* The order whose bank reference the text names, 0 when none (or -1 on a
 * database error). */
long long banktransfer_find_order(const char *text);
/* Records a transfer and applies it as above. 0 with *res filled, -1 on a
 * database error (nothing recorded). */
int banktransfer_record(const struct banktransfer *t, struct banktransfer_result *res);
/* Applies an unmatched transfer to an order the admin names: as recording
 * it with that order. 0, 1 when the transfer is not unmatched (or not
 * found), -1. */
int banktransfer_assign(long long transfer_id, long long order_id, const struct req *audit,
			struct banktransfer_result *res);
/* The line hash of a statement line: SHA-256 of its fields and its
 * occurrence (1 for the first of identical lines). */
void banktransfer_line_hash(const char *received_on, long long amount_minor, const char *reference,
			    const char *payer, long occurrence, unsigned char out[BANKTRANSFER_HASH_SIZE]);
/* A sentence for the outcome ("Order BZ-000123 is paid.", ...), in out. */
char *banktransfer_describe(const struct banktransfer_result *res, char *out, size_t outsz);

#endif
