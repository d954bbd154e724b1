/*
 * payout: see payout.h.
 */
#include "payout.h"
#include "clock.h"
#include "db.h"
#include "earnings.h"
#include "ledger.h"
#include "log.h"
#include "money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const payout_frequencies[] = { "off", "weekly", "monthly", NULL };

struct payout_req {
	long long vendor_id, requested_by, minimum;
	const char *period;
	long long amount, result;
};

static int
payout_request_run(void *arg)
{
	struct payout_req *q = arg;
	struct earnings_balance b;
	struct db_result *r;
	char now[24];
	int verified;

	q->result = PAYOUT_ERROR;
	q->amount = 0;
	r = db_query("SELECT status = 'verified' FROM vendors WHERE id = ? FOR UPDATE", "i", q->vendor_id);
	if (r == NULL)
		return -1;
	if (db_next(r) != 1) {
		db_free(r);
		return -1;
	}
	verified = (int)db_int(r, 0);
	db_free(r);
	if (!verified) {
		q->result = PAYOUT_NOT_VERIFIED;
		return 0;
	}
	if (q->period && db_scalar(-1, "SELECT COUNT(*) FROM payouts WHERE vendor_id = ? AND period = ?"
				   " LOCK IN SHARE MODE", "is", q->vendor_id, q->period) != 0) {
		q->result = PAYOUT_EXISTS;
		return 0;
	}
	if (earnings_balance(q->vendor_id, 1, &b) != 0)
		return -1;
	q->amount = b.available;
	if (b.available <= 0 || b.available < q->minimum) {
		q->result = PAYOUT_NOTHING;
		return 0;
	}
	clock_datetime(clock_now(), now, sizeof now);
	if (db_exec("INSERT INTO payouts (vendor_id, amount_minor, source, period, requested_by, requested_at)"
		    " VALUES (?, ?, IF(? IS NULL, 'vendor', 'schedule'), ?, NULLIF(?, 0), ?)", "iissis",
		    q->vendor_id, b.available, q->period, q->period, q->requested_by, now) != 1)
		return -1;
	q->result = (long long)db_insert_id();
	return 0;
}

long long
payout_request(long long vendor_id, long long requested_by, const char *period, long long minimum,
	       long long *amount)
{
	struct payout_req q = { vendor_id, requested_by, minimum, period, 0, PAYOUT_ERROR };

	if (vendor_id <= 0 || db_in_transaction())
		return PAYOUT_ERROR;
	if (db_tx(payout_request_run, &q) != 0) {
		log_error("payout.request_failed", "vendor=%lld error=%s", vendor_id, log_quote(db_error()));
		return PAYOUT_ERROR;
	}
	if (amount)
		*amount = q.amount;
	if (q.result > 0)
		log_info("payout.requested", "vendor=%lld payout=%lld amount=%lld period=%s", vendor_id,
			 q.result, q.amount, period ? period : "-");
	return q.result;
}

struct payout_sent {
	long long id, admin_id, vendor_id, amount;
	const char *reference;
	int result;
};

static int
payout_sent_run(void *arg)
{
	struct payout_sent *s = arg;
	char now[24], reference[LEDGER_REFERENCE_MAX + 1], note[LEDGER_NOTE_MAX];
	struct db_result *r;

	s->result = -1;
	r = db_query("SELECT vendor_id, amount_minor FROM payouts WHERE id = ? AND status = 'requested'"
		     " FOR UPDATE", "i", s->id);
	if (r == NULL)
		return -1;
	if (db_next(r) != 1) {
		db_free(r);
		s->result = 0;
		return 0;
	}
	s->vendor_id = db_int(r, 0);
	s->amount = db_int(r, 1);
	db_free(r);
	clock_datetime(clock_now(), now, sizeof now);
	if (db_exec("UPDATE payouts SET status = 'sent', sent_at = ?, sent_by = NULLIF(?, 0),"
		    " sent_reference = ? WHERE id = ? AND status = 'requested'", "sisi", now, s->admin_id,
		    s->reference, s->id) != 1)
		return -1;
	snprintf(reference, sizeof reference, "payout:%lld", s->id);
	if (s->reference[0])
		snprintf(note, sizeof note, "Payout to your bank account (transfer %s)", s->reference);
	else
		snprintf(note, sizeof note, "Payout to your bank account");
	if (ledger_append(s->vendor_id, "payout", -s->amount, reference, note, s->admin_id) <= 0)
		return -1;
	s->result = 1;
	return 0;
}

int
payout_mark_sent(long long payout_id, long long admin_id, const char *reference,
		 long long *vendor_id, long long *amount)
{
	struct payout_sent s = { payout_id, admin_id, 0, 0, reference ? reference : "", -1 };
	int rc;

	if (strlen(s.reference) > PAYOUT_REFERENCE_MAX)
		return -1;
	rc = db_in_transaction() ? payout_sent_run(&s) : db_tx(payout_sent_run, &s);
	if (rc != 0)
		return -1;
	if (vendor_id)
		*vendor_id = s.vendor_id;
	if (amount)
		*amount = s.amount;
	if (s.result == 1)
		log_info("payout.sent", "payout=%lld vendor=%lld amount=%lld", payout_id, s.vendor_id, s.amount);
	return s.result;
}

int
payout_cancel(long long payout_id, long long admin_id, const char *reason)
{
	char now[24];
	long long n;

	clock_datetime(clock_now(), now, sizeof now);
	n = db_exec("UPDATE payouts SET status = 'cancelled', cancelled_at = ?, cancelled_by = NULLIF(?, 0),"
		    " cancel_reason = ? WHERE id = ? AND status = 'requested'", "sisi", now, admin_id,
		    reason ? reason : "", payout_id);
	if (n < 0)
		return -1;
	if (n == 1)
		log_info("payout.cancelled", "payout=%lld", payout_id);
	return n == 1 ? 1 : 0;
}

/* ---- the schedule --------------------------------------------------------------- */

int
payout_schedule_load(struct payout_schedule *s)
{
	struct db_result *r = db_query("SELECT frequency, minimum_minor, IFNULL(updated_at, '')"
				       " FROM payout_schedule WHERE id = 1", "");

	memset(s, 0, sizeof *s);
	snprintf(s->frequency, sizeof s->frequency, "off");
	if (r == NULL)
		return -1;
	if (db_next(r) == 1) {
		snprintf(s->frequency, sizeof s->frequency, "%s", db_str(r, 0));
		s->minimum_minor = db_int(r, 1);
		snprintf(s->updated_at, sizeof s->updated_at, "%s", db_str(r, 2));
	}
	db_free(r);
	return 0;
}

int
payout_schedule_save(const char *frequency, long long minimum_minor, long long by)
{
	char now[24];
	int known = 0;

	for (size_t i = 0; payout_frequencies[i]; i++)
		known |= strcmp(frequency, payout_frequencies[i]) == 0;
	if (!known || minimum_minor < 0)
		return -1;
	clock_datetime(clock_now(), now, sizeof now);
	return db_exec("INSERT INTO payout_schedule (id, frequency, minimum_minor, updated_by, updated_at)"
		       " VALUES (1, ?, ?, NULLIF(?, 0), ?) ON DUPLICATE KEY UPDATE frequency = VALUES(frequency),"
		       " minimum_minor = VALUES(minimum_minor), updated_by = VALUES(updated_by),"
		       " updated_at = VALUES(updated_at)", "siis", frequency, minimum_minor, by, now) >= 0 ? 0 : -1;
}

int
payout_schedule_period(const struct payout_schedule *s, time_t now, char *out, size_t outsz)
{
	struct tm tm;

	out[0] = '\0';
	if (gmtime_r(&now, &tm) == NULL)
		return 1;
	if (strcmp(s->frequency, "weekly") == 0)
		strftime(out, outsz, "week:%G-W%V", &tm);
	else if (strcmp(s->frequency, "monthly") == 0)
		strftime(out, outsz, "month:%Y-%m", &tm);
	else
		return 1;
	return 0;
}

#define PAYOUT_PASS_BATCH 500

int
payout_schedule_pass(struct payout_pass *p, int (*stop)(void))
{
	struct payout_schedule s;
	long long after = 0, *ids, id;
	struct db_result *r;
	size_t rows, n;

	memset(p, 0, sizeof *p);
	if (payout_schedule_load(&s) != 0)
		return -1;
	if (payout_schedule_period(&s, clock_now(), p->period, sizeof p->period) != 0)
		return 0;
	do {
		r = db_query("SELECT v.id FROM vendors v WHERE v.status = 'verified' AND v.id > ?"
			     " AND EXISTS (SELECT 1 FROM vendor_ledger l WHERE l.vendor_id = v.id)"
			     " ORDER BY v.id LIMIT ?", "ii", after, (long long)PAYOUT_PASS_BATCH);
		if (r == NULL)
			return -1;
		/* The ids first: each request is a transaction of its own. */
		rows = db_rows(r);
		ids = rows ? calloc(rows, sizeof *ids) : NULL;
		for (n = 0; db_next(r) == 1 && n < rows; n++)
			ids[n] = db_int(r, 0);
		db_free(r);
		if (rows && ids == NULL)
			return -1;
		for (size_t i = 0; i < n && !(stop && stop()); i++) {
			after = ids[i];
			id = payout_request(ids[i], 0, p->period, s.minimum_minor > 0 ? s.minimum_minor : 1, NULL);
			if (id > 0)
				p->created++;
			else if (id == PAYOUT_EXISTS)
				p->existed++;
			else if (id == PAYOUT_NOTHING || id == PAYOUT_NOT_VERIFIED)
				p->nothing++;
			else
				p->failed++;
		}
		free(ids);
	} while (rows == PAYOUT_PASS_BATCH && !(stop && stop()));
	return 0;
}
