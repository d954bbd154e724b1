/*
 * earnings: see earnings.h. Entries go through ledger_append_order, so the
 * ledger's unique (vendor, kind, reference) makes each happen once.
 */
#include "earnings.h"
#include "clock.h"
#include "db.h"
#include "ledger.h"
#include "log.h"
#include "returns.h"

#include <stdio.h>
#include <string.h>

long long
earnings_share(long long whole, long long part, long long total)
{
	__int128 n;

	if (total <= 0 || whole <= 0 || part <= 0)
		return 0;
	if (part >= total)
		return whole;
	n = (__int128)whole * part;
	return (long long)((2 * n + total) / (2 * (__int128)total));
}

/* ---- on payment ----------------------------------------------------------------- */

static int
earnings_paid_run(void *arg)
{
	long long order_id = *(long long *)arg, vo, vendor, sale, commission, n = 0;
	char reference[LEDGER_REFERENCE_MAX + 1], note[160];
	struct db_result *r;
	int rc = 0;

	r = db_query("SELECT vo.id, vo.vendor_id, vo.number,"
		     " vo.items_minor + vo.shipping_minor - vo.vendor_discount_minor, vo.commission_minor"
		     " FROM vendor_orders vo JOIN orders o ON o.id = vo.order_id"
		     " WHERE vo.order_id = ? AND o.status = 'paid' AND vo.status <> 'cancelled'"
		     " ORDER BY vo.id", "i", order_id);
	if (r == NULL)
		return -1;
	while (rc == 0 && db_next(r) == 1) {
		n++;
		vo = db_int(r, 0);
		vendor = db_int(r, 1);
		sale = db_int(r, 3);
		commission = db_int(r, 4);
		snprintf(reference, sizeof reference, "vo:%lld", vo);
		if (sale != 0) {
			snprintf(note, sizeof note, "Sale %s", db_str(r, 2));
			if (ledger_append_order(vendor, "sale", sale, reference, vo, note, 0) < 0)
				rc = -1;
		}
		if (rc == 0 && commission != 0) {
			snprintf(note, sizeof note, "Commission on %s", db_str(r, 2));
			if (ledger_append_order(vendor, "commission", -commission, reference, vo, note, 0) < 0)
				rc = -1;
		}
	}
	db_free(r);
	if (rc == 0 && n == 0)
		return 1;
	return rc;
}

int
earnings_on_paid(long long order_id)
{
	int rc;

	if (order_id <= 0)
		return 1;
	if (db_in_transaction())
		rc = earnings_paid_run(&order_id);
	else
		rc = db_tx(earnings_paid_run, &order_id);
	if (rc < 0)
		log_error("earnings.paid_failed", "order=%lld error=%s", order_id, log_quote(db_error()));
	return rc;
}

/* ---- on a refund ---------------------------------------------------------------- */

static int
earnings_refund_run(void *arg)
{
	long long refund_id = *(long long *)arg;
	long long vo, vendor, amount, total, sale, commission, prior, prior_sale, prior_commission;
	long long cumulative, sale_back, commission_back;
	char reference[LEDGER_REFERENCE_MAX + 1], booked[LEDGER_REFERENCE_MAX + 1], now[24], note[160];
	char number[40];
	struct db_result *r;
	const char *status;

	/* The vendor order's row is locked: its refunds are booked in turn. */
	r = db_query("SELECT r.vendor_order_id, r.amount_minor, r.status, vo.vendor_id, vo.number,"
		     " vo.total_minor, vo.items_minor + vo.shipping_minor - vo.vendor_discount_minor,"
		     " vo.commission_minor"
		     " FROM refunds r JOIN vendor_orders vo ON vo.id = r.vendor_order_id"
		     " WHERE r.id = ? FOR UPDATE", "i", refund_id);
	if (r == NULL)
		return -1;
	if (db_next(r) != 1) {
		db_free(r);
		return 1;
	}
	vo = db_int(r, 0);
	amount = db_int(r, 1);
	status = db_str(r, 2);
	vendor = db_int(r, 3);
	snprintf(number, sizeof number, "%s", db_str(r, 4));
	total = db_int(r, 5);
	sale = db_int(r, 6);
	commission = db_int(r, 7);
	if (strcmp(status, "succeeded") != 0 && strcmp(status, "manual") != 0) {
		db_free(r);
		return 1;
	}
	db_free(r);
	if (db_scalar(-1, "SELECT COUNT(*) FROM earnings_refunds WHERE refund_id = ? LOCK IN SHARE MODE",
		      "i", refund_id) != 0)
		return 0;
	snprintf(booked, sizeof booked, "vo:%lld", vo);
	if (db_scalar(-1, "SELECT COUNT(*) FROM vendor_ledger WHERE vendor_id = ? AND kind IN ('sale', 'commission')"
		      " AND reference = ? LOCK IN SHARE MODE", "is", vendor, booked) <= 0 || total <= 0)
		return 1;
	/* Locking reads: the newest committed refunds, whatever snapshot the
	 * caller's transaction took before it waited for the row. */
	r = db_query("SELECT IFNULL(SUM(amount_minor), 0), IFNULL(SUM(sale_minor), 0),"
		     " IFNULL(SUM(commission_minor), 0) FROM earnings_refunds WHERE vendor_order_id = ?"
		     " LOCK IN SHARE MODE", "i", vo);
	if (r == NULL)
		return -1;
	if (db_next(r) != 1) {
		db_free(r);
		return -1;
	}
	prior = db_int(r, 0);
	prior_sale = db_int(r, 1);
	prior_commission = db_int(r, 2);
	db_free(r);
	cumulative = prior + amount > total ? total : prior + amount;
	sale_back = earnings_share(sale, cumulative, total) - prior_sale;
	commission_back = earnings_share(commission, cumulative, total) - prior_commission;
	if (sale_back < 0)
		sale_back = 0;
	if (commission_back < 0)
		commission_back = 0;
	clock_datetime(clock_now(), now, sizeof now);
	if (db_exec("INSERT INTO earnings_refunds (refund_id, vendor_order_id, vendor_id, amount_minor,"
		    " sale_minor, commission_minor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		    "iiiiiis", refund_id, vo, vendor, amount, sale_back, commission_back, now) != 1)
		return -1;
	snprintf(reference, sizeof reference, "rf:%lld", refund_id);
	if (sale_back > 0) {
		snprintf(note, sizeof note, "Refund on %s", number);
		if (ledger_append_order(vendor, "refund", -sale_back, reference, vo, note, 0) < 0)
			return -1;
	}
	if (commission_back > 0) {
		snprintf(note, sizeof note, "Commission returned with the refund on %s", number);
		if (ledger_append_order(vendor, "commission", commission_back, reference, vo, note, 0) < 0)
			return -1;
	}
	return 0;
}

int
earnings_on_refund(long long refund_id)
{
	int rc;

	if (refund_id <= 0)
		return 1;
	if (db_in_transaction())
		rc = earnings_refund_run(&refund_id);
	else
		rc = db_tx(earnings_refund_run, &refund_id);
	if (rc < 0)
		log_error("earnings.refund_failed", "refund=%lld error=%s", refund_id, log_quote(db_error()));
	return rc;
}

/* ---- balances ------------------------------------------------------------------- */

/* The three sums, plain and locking: binds vendor; vendor, cutoff; vendor. */
static const char *const earnings_balance_sql[2] = {
	"SELECT IFNULL(SUM(amount_minor), 0) FROM vendor_ledger WHERE vendor_id = ?",
	"SELECT IFNULL(SUM(amount_minor), 0) FROM vendor_ledger WHERE vendor_id = ? LOCK IN SHARE MODE",
};
#define EARNINGS_HELD_SQL "SELECT IFNULL(SUM(l.amount_minor), 0) FROM vendor_ledger l" \
	" JOIN vendor_orders vo ON vo.id = l.vendor_order_id" \
	" WHERE l.vendor_id = ? AND l.vendor_order_id IS NOT NULL" \
	" AND NOT (vo.status = 'refunded' OR (vo.status = 'delivered' AND vo.delivered_at <= ?" \
	" AND NOT EXISTS (SELECT 1 FROM returns r WHERE r.open_vendor_order = vo.id)))"
static const char *const earnings_held_sql[2] = {
	EARNINGS_HELD_SQL,
	EARNINGS_HELD_SQL " LOCK IN SHARE MODE",
};
static const char *const earnings_requested_sql[2] = {
	"SELECT IFNULL(SUM(amount_minor), 0) FROM payouts WHERE vendor_id = ? AND status = 'requested'",
	"SELECT IFNULL(SUM(amount_minor), 0) FROM payouts WHERE vendor_id = ? AND status = 'requested'"
	" LOCK IN SHARE MODE",
};

/* The first column of r's one row into *out, and r freed; 0 or -1. */
static int
earnings_sum(struct db_result *r, long long *out)
{
	if (r == NULL)
		return -1;
	*out = db_next(r) == 1 ? db_int(r, 0) : 0;
	db_free(r);
	return 0;
}

int
earnings_balance(long long vendor_id, int locking, struct earnings_balance *b)
{
	char cutoff[24];
	int l = locking ? 1 : 0;

	memset(b, 0, sizeof *b);
	clock_datetime(clock_now() - (time_t)(returns_window_days(vendor_id) * 86400), cutoff, sizeof cutoff);
	if (earnings_sum(db_query(earnings_balance_sql[l], "i", vendor_id), &b->balance) != 0 ||
	    earnings_sum(db_query(earnings_held_sql[l], "is", vendor_id, cutoff), &b->held) != 0 ||
	    earnings_sum(db_query(earnings_requested_sql[l], "i", vendor_id), &b->requested) != 0)
		return -1;
	b->available = b->balance - (b->held > 0 ? b->held : 0) - b->requested;
	return 0;
}
