/*
 * payout: transfers of a vendor's available balance (earnings.h) to its
 * bank account (table payouts, schema/0020_payouts.sql).
 *
 * A payout is requested (by the vendor on the portal, or by the schedule
 * the admins set) for the whole available balance at that moment, then an
 * admin makes the bank transfer and marks it sent, which writes the 'payout'
 * ledger entry ('payout:<id>', - the amount) in the same transaction; or
 * cancels it with a reason, and the money is available again.
 *
 * Concurrency: a request locks the vendor's row (SELECT ... FOR UPDATE on
 * vendors, as ledger_debit_if_covered does), then reads the balance, what is
 * held and what is already requested with locking reads, and inserts. Two
 * requests of one vendor take turns, and the second sees the first's
 * payout: together they never ask for more than was available. Marking
 * sent and cancelling are conditional on the payout being 'requested', so
 * of two admins at once one wins and the other is told.
 */
#ifndef BAZAAR_PAYOUT_H
#define BAZAAR_PAYOUT_H
#include <stddef.h>
#include <time.h>

#define PAYOUT_NOTHING		0	/* nothing available (or less than the minimum): nothing written */
#define PAYOUT_ERROR		(-1)
#define PAYOUT_EXISTS		(-2)	/* the schedule already made this vendor's payout of the period */
#define PAYOUT_NOT_VERIFIED	(-3)	/* the shop is not verified: no payouts */

#define PAYOUT_REFERENCE_MAX	64	/* bytes of an admin's transfer reference */
#define PAYOUT_REASON_MAX	500	/* characters of a cancellation's reason */

/*
 * Requests a payout of the vendor's whole available balance. period: NULL
 * for the vendor's own request (requested_by: its user), or the schedule's
 * period ("week:2026-W49"), of which each vendor gets one payout at most.
 * minimum: the least amount worth paying (at least one cent is). *amount
 * (may be NULL) gets the amount requested, or what was available when
 * nothing was. Returns the payout's id (> 0), PAYOUT_NOTHING, PAYOUT_EXISTS,
 * PAYOUT_NOT_VERIFIED or PAYOUT_ERROR. Opens its own transaction (retried on
 * deadlock); must not be called inside one.
 */
long long payout_request(long long vendor_id, long long requested_by, const char *period,
			 long long minimum, long long *amount);

/*
 * Marks a requested payout sent by admin_id with the transfer's reference
 * (may be "") and writes its 'payout' ledger entry; inside an open
 * transaction it is part of it (the caller adds its audit entry), otherwise
 * it opens its own. *vendor_id and *amount (may be NULL) get the payout's.
 * Returns 1 when marked, 0 when the payout is not waiting (sent, cancelled
 * or no such payout: nothing changed), -1 on error.
 */
int payout_mark_sent(long long payout_id, long long admin_id, const char *reference,
		     long long *vendor_id, long long *amount);

/* Cancels a requested payout with the reason the vendor reads; 1, 0 (not
 * waiting), -1. Inside an open transaction it is part of it. */
int payout_cancel(long long payout_id, long long admin_id, const char *reason);

/* ---- the schedule --------------------------------------------------------------- */

extern const char *const payout_frequencies[];	/* "off", "weekly", "monthly", NULL */

struct payout_schedule {
	char frequency[8];
	long long minimum_minor;
	char updated_at[24];	/* "" when never set */
};

/* The schedule (the one row of payout_schedule). 0 or -1. */
int payout_schedule_load(struct payout_schedule *s);
/* Sets it (frequency one of payout_frequencies, minimum >= 0). Inside an
 * open transaction it is part of it. 0 or -1. */
int payout_schedule_save(const char *frequency, long long minimum_minor, long long by);

/*
 * The period the schedule pays for at time now, into out (at least 16
 * bytes): "week:2026-W49" (ISO week, Monday to Sunday, UTC) or
 * "month:2026-12". Returns 0, or 1 when the schedule is off (out is "").
 */
int payout_schedule_period(const struct payout_schedule *s, time_t now, char *out, size_t outsz);

/* What one pass of the schedule did. */
struct payout_pass {
	char period[16];
	long long created, existed, nothing, failed;
};

/*
 * One pass of the schedule by the shop's clock: when it is on, requests the
 * period's payout of every verified vendor with a ledger whose available
 * balance reaches the minimum. Running it again in the same period makes no
 * second payout. stop (may be NULL) is asked between vendors. 0, or -1 when
 * the vendors could not be read.
 */
int payout_schedule_pass(struct payout_pass *p, int (*stop)(void));

#endif
