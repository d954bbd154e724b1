/*
 * banktransfer: bank transfers matched to orders (banktransfer.h).
 */
#include "banktransfer.h"

#include "audit.h"
#include "db.h"
#include "log.h"
#include "money.h"
#include "payment.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

long long
banktransfer_find_order(const char *text)
{
	const char *p;

	for (p = text; p != NULL && *p != '\0'; p++) {
		char digits[24];
		size_t n = 0, len;
		const char *q;

		if (toupper((unsigned char)p[0]) != 'B' || toupper((unsigned char)p[1]) != 'Z')
			continue;
		if (p > text && isalnum((unsigned char)p[-1]))
			continue;
		/* The digits after BZ; a space or a dash between them is allowed. */
		for (q = p + 2; *q != '\0' && n < sizeof digits - 1; q++) {
			if (isdigit((unsigned char)*q))
				digits[n++] = *q;
			else if ((*q == ' ' || *q == '-') && isdigit((unsigned char)q[1]))
				continue;
			else
				break;
		}
		/* The longest run that is an order's reference: "BZ-" and the id,
		 * at least six digits (so a run with a leading zero is six long). */
		for (len = n; len >= 6; len--) {
			struct db_result *r;
			char cand[24];
			long long id;

			if (digits[0] == '0' && len != 6)
				continue;
			memcpy(cand, digits, len);
			cand[len] = '\0';
			/* The reference is the order's number (order.c); an order
			 * given none yet is found by its number. */
			r = db_query("SELECT id FROM orders WHERE bank_reference = CONCAT('BZ-', ?) UNION"
				     " SELECT id FROM orders WHERE number = CONCAT('BZ-', ?) AND bank_reference IS NULL"
				     " AND payment_method = 'bank_transfer'", "ss", cand, cand);
			if (r == NULL)
				return -1;
			id = db_next(r) ? db_int(r, 0) : 0;
			db_free(r);
			if (id > 0)
				return id;
		}
	}
	return 0;
}

void
banktransfer_line_hash(const char *received_on, long long amount_minor, const char *reference, const char *payer,
		       long occurrence, unsigned char out[BANKTRANSFER_HASH_SIZE])
{
	crypto_hash_sha256_state st;
	char num[64];

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)received_on, strlen(received_on) + 1);
	snprintf(num, sizeof num, "%lld", amount_minor);
	crypto_hash_sha256_update(&st, (const unsigned char *)num, strlen(num) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)reference, strlen(reference) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)payer, strlen(payer) + 1);
	snprintf(num, sizeof num, "%ld", occurrence);
	crypto_hash_sha256_update(&st, (const unsigned char *)num, strlen(num) + 1);
	crypto_hash_sha256_final(&st, out);
}

struct banktransfer_job {
	const struct banktransfer *t;
	long long transfer_id;		/* an unmatched transfer being assigned; 0: a new one */
	struct banktransfer_result *res;
};

/* Applies transfer res->transfer_id of amount to order_id (0: none found). */
static int
banktransfer_apply(long long amount, long long order_id, struct banktransfer_result *res)
{
	struct db_result *r;
	long long payment_id = 0, total, received = 0, need;
	char event_id[40];
	int waiting, rc;

	res->order_id = order_id;
	if (order_id <= 0) {
		res->outcome = BANKTRANSFER_UNMATCHED;
		return 0;
	}
	r = db_query("SELECT number, total_minor, status = 'awaiting_payment' AND payment_method = 'bank_transfer'"
		     " FROM orders WHERE id = ? FOR UPDATE", "i", order_id);
	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		res->outcome = BANKTRANSFER_UNMATCHED;
		res->order_id = 0;
		return 0;
	}
	snprintf(res->order_number, sizeof res->order_number, "%s", db_str(r, 0));
	total = db_int(r, 1);
	waiting = (int)db_int(r, 2);
	db_free(r);
	if (!waiting) {
		res->outcome = BANKTRANSFER_NOT_WAITING;
		res->excess_minor = amount;
		return db_exec("UPDATE bank_transfers SET status = 'matched', order_id = ?, excess_minor = ? WHERE id = ?",
			       "iii", order_id, amount, res->transfer_id) == 1 ? 0 : -1;
	}
	r = db_query("SELECT id, received_minor FROM payments WHERE order_id = ? AND provider = 'bank'"
		     " AND status = 'pending' ORDER BY id DESC LIMIT 1 FOR UPDATE", "i", order_id);
	if (r == NULL)
		return -1;
	if (db_next(r)) {
		payment_id = db_int(r, 0);
		received = db_int(r, 1);
	}
	db_free(r);
	if (payment_id == 0) {
		if (db_exec("INSERT INTO payments (order_id, provider, method, amount_minor) VALUES (?, 'bank',"
			    " 'bank_transfer', ?)", "ii", order_id, total) != 1)
			return -1;
		payment_id = (long long)db_insert_id();
	}
	need = total - received > 0 ? total - received : 0;
	res->applied_minor = amount < need ? amount : need;
	res->excess_minor = amount - res->applied_minor;
	if (db_exec("UPDATE payments SET received_minor = received_minor + ? WHERE id = ?", "ii", amount,
		    payment_id) != 1)
		return -1;
	if (db_exec("UPDATE bank_transfers SET status = 'matched', order_id = ?, payment_id = ?, applied_minor = ?,"
		    " excess_minor = ? WHERE id = ?", "iiiii", order_id, payment_id, res->applied_minor,
		    res->excess_minor, res->transfer_id) != 1)
		return -1;
	if (received + amount < total) {
		res->outcome = BANKTRANSFER_PARTLY;
		res->missing_minor = total - received - amount;
		return 0;
	}
	snprintf(event_id, sizeof event_id, "transfer:%lld", res->transfer_id);
	rc = payment_succeeded_in_tx(payment_id, "bank", event_id);
	if (rc < 0)
		return -1;
	res->outcome = BANKTRANSFER_PAID;
	return 0;
}

static int
banktransfer_audit(const struct req *rq, const char *action, const struct banktransfer_result *res)
{
	char detail[200];

	if (rq == NULL)
		return 0;
	snprintf(detail, sizeof detail, "order=%s applied=%lld excess=%lld", res->order_number[0] ? res->order_number : "-",
		 res->applied_minor, res->excess_minor);
	return audit_log(rq, action, "bank_transfer", res->transfer_id, detail);
}

static int
banktransfer_record_tx(void *arg)
{
	struct banktransfer_job *j = arg;
	const struct banktransfer *t = j->t;
	long long order_id, n;

	memset(j->res, 0, sizeof *j->res);
	n = db_exec("INSERT IGNORE INTO bank_transfers (received_on, amount_minor, reference, payer, source, line_hash,"
		    " status, created_by) VALUES (?, ?, ?, ?, ?, ?, 'unmatched', NULLIF(?, 0))", "sisssbi",
		    t->received_on, t->amount_minor, t->reference ? t->reference : "", t->payer ? t->payer : "",
		    t->line_hash ? "statement" : "manual", t->line_hash,
		    (size_t)(t->line_hash ? BANKTRANSFER_HASH_SIZE : 0), t->created_by);
	if (n < 0)
		return -1;
	if (n == 0) {
		j->res->outcome = BANKTRANSFER_DUPLICATE;
		return 0;
	}
	j->res->transfer_id = (long long)db_insert_id();
	order_id = t->order_id > 0 ? t->order_id : banktransfer_find_order(t->reference ? t->reference : "");
	if (order_id < 0)
		return -1;
	if (banktransfer_apply(t->amount_minor, order_id, j->res) != 0)
		return -1;
	return banktransfer_audit(t->audit, "bank_transfer.record", j->res);
}

int
banktransfer_record(const struct banktransfer *t, struct banktransfer_result *res)
{
	struct banktransfer_job j = { t, 0, res };

	if (t->amount_minor <= 0 || t->received_on == NULL)
		return -1;
	if (db_tx(banktransfer_record_tx, &j) != 0)
		return -1;
	log_info("banktransfer.recorded", "transfer=%lld order=%lld outcome=%d applied=%lld excess=%lld",
		 res->transfer_id, res->order_id, (int)res->outcome, res->applied_minor, res->excess_minor);
	return 0;
}

static int
banktransfer_assign_tx(void *arg)
{
	struct banktransfer_job *j = arg;
	long long amount;

	memset(j->res, 0, sizeof *j->res);
	amount = db_scalar(0, "SELECT amount_minor FROM bank_transfers WHERE id = ? AND status = 'unmatched' FOR UPDATE",
			   "i", j->transfer_id);
	if (amount <= 0) {
		j->res->outcome = BANKTRANSFER_DUPLICATE;
		return 0;
	}
	j->res->transfer_id = j->transfer_id;
	if (banktransfer_apply(amount, j->t->order_id, j->res) != 0)
		return -1;
	return banktransfer_audit(j->t->audit, "bank_transfer.assign", j->res);
}

int
banktransfer_assign(long long transfer_id, long long order_id, const struct req *audit,
		    struct banktransfer_result *res)
{
	struct banktransfer t = { NULL, 0, NULL, NULL, NULL, order_id, 0, audit };
	struct banktransfer_job j = { &t, transfer_id, res };

	if (db_tx(banktransfer_assign_tx, &j) != 0)
		return -1;
	if (res->outcome == BANKTRANSFER_DUPLICATE)
		return 1;
	log_info("banktransfer.assigned", "transfer=%lld order=%lld outcome=%d", transfer_id, order_id,
		 (int)res->outcome);
	return 0;
}

char *
banktransfer_describe(const struct banktransfer_result *res, char *out, size_t outsz)
{
	char a[40], b[40];

	switch (res->outcome) {
	case BANKTRANSFER_PAID:
		if (res->excess_minor > 0)
			snprintf(out, outsz, "Order %s is paid. It was over-paid by %s: pay that back by hand.",
				 res->order_number, money_format(res->excess_minor, a, sizeof a));
		else
			snprintf(out, outsz, "Order %s is paid.", res->order_number);
		break;
	case BANKTRANSFER_PARTLY:
		snprintf(out, outsz, "Order %s received %s; %s is still missing.", res->order_number,
			 money_format(res->applied_minor, a, sizeof a), money_format(res->missing_minor, b, sizeof b));
		break;
	case BANKTRANSFER_NOT_WAITING:
		snprintf(out, outsz, "Order %s is not waiting for a bank transfer: pay the %s back by hand.",
			 res->order_number, money_format(res->excess_minor, a, sizeof a));
		break;
	case BANKTRANSFER_UNMATCHED:
		snprintf(out, outsz, "No order matches this transfer's reference: assign it below.");
		break;
	case BANKTRANSFER_DUPLICATE:
		snprintf(out, outsz, "This transfer was recorded before: nothing changed.");
		break;
	}
	return out;
}
