/*
 * ledger: the vendor ledger (table vendor_ledger, schema/0010_plans_ledger.sql).
 *
 * Every movement of money between the shop and a vendor is one entry: its
 * kind, a signed amount in minor units (positive to the vendor, negative
 * from the vendor), a reference, a note, who made it and when (clock_now()).
 *
 * The rules, which nothing may bend:
 *  - Append-only. This module only INSERTs; there is no UPDATE or DELETE of
 *    vendor_ledger anywhere in the code, and triggers refuse both. A wrong
 *    entry is put right by another entry of the opposite sign.
 *  - The balance is the SUM of the vendor's entries, computed when asked
 *    (ledger_balance); it is never stored in another column or cache.
 *  - (vendor, kind, reference) is unique: an entry that must happen once (the
 *    plan fee of a month, 'plan:2026-12'; the fee or the refund of a
 *    promotion, 'promotion:42') is written once however often, or however
 *    concurrently, its writer runs. The second writer learns that it exists
 *    (LEDGER_EXISTS) and writes nothing.
 *  - A debit that must be covered (a promotion fee) goes through
 *    ledger_debit_if_covered, which locks the vendor's row (SELECT ... FOR
 *    UPDATE on vendors), sums with a locking read and inserts in one
 *    transaction, so two such debits of one vendor never both pass a check
 *    that only one of them could pass. Other writers never lock the vendor's
 *    row; a plan fee may take the balance below zero (the vendor owes it).
 *
 * The kinds and the sign each must have:
 *   promotion_fee (-), promotion_refund (+), plan_fee (-), credit (+),
 *   debit (-); for the sales to come: sale, commission, refund, payout
 *   (any sign but zero).
 */
#ifndef BAZAAR_LEDGER_H
#define BAZAAR_LEDGER_H
#include <stddef.h>

#include "arena.h"
#include "tmpl.h"

#define LEDGER_REFERENCE_MAX	64	/* bytes */
#define LEDGER_NOTE_MAX		500	/* characters */

/* What the append functions return besides an entry's id (> 0). */
#define LEDGER_EXISTS	0	/* an entry with this vendor, kind and reference is there: nothing written */
#define LEDGER_ERROR	(-1)	/* bad arguments or a database error: nothing written */
#define LEDGER_SHORT	(-2)	/* ledger_debit_if_covered: the balance does not cover it */

/* The kinds, in the order of the ENUM, NULL-terminated (a PARAM_ENUM's
 * choices); ledger_nkinds of them. */
extern const char *const ledger_kinds[];
extern const size_t ledger_nkinds;

/* True when kind is one of ledger_kinds. */
int ledger_kind_valid(const char *kind);
/* A few words for people: "Promotion fee", "Plan fee", "Credit". */
const char *ledger_kind_label(const char *kind);
/* True when amount has the sign kind requires (never zero). */
int ledger_amount_valid(const char *kind, long long amount_minor);

/*
 * Appends an entry. reference: up to LEDGER_REFERENCE_MAX bytes, not empty;
 * note: may be NULL or "", up to LEDGER_NOTE_MAX characters; created_by: the
 * user's id, 0 for a job. Inside an open transaction it is part of it.
 * Returns the new entry's id, LEDGER_EXISTS or LEDGER_ERROR.
 */
long long ledger_append(long long vendor_id, const char *kind, long long amount_minor,
			const char *reference, const char *note, long long created_by);
/* The same for an entry that belongs to a vendor order (vendor_order_id > 0;
 * 0: none): its money is held until the order is settled (earnings.h). */
long long ledger_append_order(long long vendor_id, const char *kind, long long amount_minor,
			      const char *reference, long long vendor_order_id, const char *note,
			      long long created_by);

/*
 * Appends a debit (amount_minor < 0) only when the vendor's balance stays at
 * or above zero with it. Inside an open transaction (the caller creating a
 * promotion and charging for it in one) it runs in that transaction and the
 * vendor's row stays locked until the caller commits or rolls back; outside
 * one it opens its own (retried on deadlock). *balance (may be NULL) gets the
 * balance before the debit whenever it was read. Returns the new entry's id,
 * LEDGER_EXISTS (this reference was already charged: nothing written, the
 * balance not checked), LEDGER_SHORT (nothing written) or LEDGER_ERROR.
 */
long long ledger_debit_if_covered(long long vendor_id, const char *kind, long long amount_minor,
				  const char *reference, const char *note, long long created_by,
				  long long *balance);

/* *balance = the SUM of the vendor's entries (0 without any). 0 or -1. */
int ledger_balance(long long vendor_id, long long *balance);

/* What a list of entries shows: all of one vendor's, or those of one kind,
 * created in [from, to) (either bound NULL: open), as "YYYY-MM-DD HH:MM:SS". */
struct ledger_filter {
	long long vendor_id;
	const char *kind;	/* NULL: every kind */
	const char *from, *to;	/* NULL: no bound */
};

/* How many entries the filter selects, or -1. */
long long ledger_count(const struct ledger_filter *f);
/* *sum = the SUM of the amounts the filter selects. 0 or -1. */
int ledger_sum(const struct ledger_filter *f, long long *sum);
/*
 * The entries the filter selects, newest first, limit rows from offset.
 * Columns: 0 id, 1 kind, 2 amount_minor, 3 reference, 4 note, 5 created_by
 * (NULL for a job), 6 created_at ("YYYY-MM-DD HH:MM:SS"). NULL on error.
 */
struct db_result *ledger_entries(const struct ledger_filter *f, long long limit, long long offset);

/*
 * Sets f's bounds from dates "YYYY-MM-DD" (either NULL or "": open): from
 * midnight of from_date up to midnight after to_date, so to_date's day is
 * included. from_buf and to_buf (24 bytes each) hold the texts f points to.
 */
void ledger_filter_dates(struct ledger_filter *f, const char *from_date, const char *to_date,
			 char *from_buf, char *to_buf);

/* ---- the ledger on a page (the vendor portal's and the admin site's) ----- */

#define LEDGER_TEMPLATE "layout/_ledger.tpl"
#define LEDGER_PER_PAGE 50

struct ledger_page {
	const char *path;		/* the page's address, for the filter form and page links */
	const char *csv_url;		/* the export's address (filters added), NULL: none */
	const char *kind, *from, *to;	/* the validated filters, NULL when not given */
	long long page;			/* from 1 */
	long long page_max;		/* the route's bound on ?page= */
};

/*
 * Fills include marker LEDGER of page_dict with LEDGER_TEMPLATE: the
 * vendor's balance, the filter form (kind, from, to), the sum and count of
 * what the filters select, the entries of the page (newest first, amounts
 * with money_format) and the page links. Returns 200, 404 when the page is
 * past the last one, 500 on a database error.
 */
int ledger_page_fill(tmpl_dict *page_dict, struct arena *a, long long vendor_id, const struct ledger_page *lp);

#endif
