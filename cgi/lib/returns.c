/* returns: see returns.h. */
#include "returns.h"

#include <stdio.h>
#include <string.h>

#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "events.h"
#include "log.h"
#include "ordermail.h"
#include "shipping.h"
#include "ticket.h"

#define RETURNS_LINES_MAX 200

long long
returns_window_days(long long vendor_id)
{
	/* The shop's own window (its shipping terms), else the marketplace's. */
	int days = shipping_return_days(vendor_id);

	return days >= 0 ? days : cfg_int_in("BAZAAR_RETURN_DAYS", RETURNS_DAYS_DEFAULT, 0, 365);
}

const char *
returns_status_label(const char *status)
{
	static const struct { const char *status, *label; } labels[] = {
		{ "requested", "Requested: waiting for the vendor" },
		{ "accepted", "Accepted: send it back" },
		{ "refused", "Refused by the vendor" },
		{ "escalated", "Escalated: waiting for the marketplace" },
		{ "closed", "Closed: the refusal stands" },
		{ "received", "Received: refund in progress" },
		{ "refunded", "Refunded" },
	};
	size_t i;

	for (i = 0; status && i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].status, status) == 0)
			return labels[i].label;
	return "Unknown";
}

/* Tells the people a move concerns (ordermail.h); a mail that cannot be
 * queued is logged, the move stands. */
static void
returns_mail(long long return_id, enum ordermail_return_step step, const char *text)
{
	long long vendor_order_id = db_scalar(0, "SELECT vendor_order_id FROM returns WHERE id = ?", "i", return_id);

	if (vendor_order_id <= 0 || ordermail_return(vendor_order_id, step, text) < 0)
		log_error("returns.mail_failed", "return=%lld step=%d", return_id, (int)step);
}

/* The admin's decision answers the return's ticket and resolves it; the
 * decision stands when that fails (logged). */
static void
returns_ticket_decided(long long return_id, long long user_id, const char *text)
{
	if (ticket_return_decided(return_id, user_id, text) != 0)
		log_error("returns.ticket_failed", "return=%lld", return_id);
}

/* ---- request ----------------------------------------------------------------------------- */

struct returns_asking {
	long long vendor_order_id, user_id;
	const struct returns_line *lines;
	size_t n;
	const char *reason;
	long long return_id;
	int result;
};

static int
returns_request_tx(void *arg)
{
	struct returns_asking *a = arg;
	struct db_result *q;
	long long order_id, vendor_id, amount = 0, n, left, paid, quantity, refunded;
	char at[24];
	time_t delivered;
	size_t i;

	a->result = -1;
	q = db_query("SELECT vo.order_id, vo.vendor_id, vo.status, UNIX_TIMESTAMP(vo.delivered_at)"
		     " FROM vendor_orders vo JOIN orders o ON o.id = vo.order_id"
		     " WHERE vo.id = ? AND IFNULL(o.user_id, 0) = ? FOR UPDATE", "ii", a->vendor_order_id, a->user_id);
	if (q == NULL)
		return -1;
	if (!db_next(q)) {
		db_free(q);
		a->result = RETURNS_NOT_FOUND;
		return 0;
	}
	order_id = db_int(q, 0);
	vendor_id = db_int(q, 1);
	delivered = (time_t)db_int(q, 3);
	if (strcmp(db_str(q, 2), "delivered") != 0 || db_null(q, 3) ||
	    clock_now() > delivered + (time_t)returns_window_days(vendor_id) * 86400) {
		db_free(q);
		a->result = RETURNS_WINDOW;
		return 0;
	}
	db_free(q);
	n = db_scalar(-1, "SELECT COUNT(*) FROM returns WHERE open_vendor_order = ?", "i", a->vendor_order_id);
	if (n != 0) {
		if (n > 0)
			a->result = RETURNS_OPEN;
		return n > 0 ? 0 : -1;
	}
	clock_datetime(clock_now(), at, sizeof at);
	n = db_exec("INSERT INTO returns (order_id, vendor_order_id, user_id, status, reason, amount_minor,"
		    " requested_at) VALUES (?, ?, NULLIF(?, 0), 'requested', ?, 0, ?)", "iiiss", order_id,
		    a->vendor_order_id, a->user_id, a->reason, at);
	if (n != 1) {
		if (db_is_duplicate())
			a->result = RETURNS_OPEN;
		return -1;
	}
	a->return_id = (long long)db_insert_id();
	for (i = 0; i < a->n; i++) {
		if (a->lines[i].quantity <= 0)
			continue;
		q = db_query("SELECT line_minor - discount_minor, quantity, refunded_qty FROM order_items"
			     " WHERE id = ? AND vendor_order_id = ?", "ii", a->lines[i].order_item_id,
			     a->vendor_order_id);
		if (q == NULL)
			return -1;
		if (!db_next(q)) {
			db_free(q);
			a->result = RETURNS_BAD_ITEMS;
			return -1;
		}
		paid = db_int(q, 0);
		quantity = db_int(q, 1);
		refunded = db_int(q, 2);
		db_free(q);
		left = quantity - refunded;
		if (a->lines[i].quantity > left) {
			a->result = RETURNS_BAD_ITEMS;
			return -1;
		}
		n = db_exec("INSERT INTO return_items (return_id, order_item_id, quantity) VALUES (?, ?, ?)",
			    "iii", a->return_id, a->lines[i].order_item_id, a->lines[i].quantity);
		if (n != 1) {
			if (db_is_duplicate())
				a->result = RETURNS_BAD_ITEMS;
			return -1;
		}
		amount += refund_units_amount(paid, quantity, refunded, a->lines[i].quantity);
	}
	if (db_scalar(0, "SELECT COUNT(*) FROM return_items WHERE return_id = ?", "i", a->return_id) <= 0) {
		a->result = RETURNS_BAD_ITEMS;
		return -1;
	}
	if (db_exec("UPDATE returns SET amount_minor = ? WHERE id = ?", "ii", amount, a->return_id) != 1)
		return -1;
	if (events_emit("return.requested", a->return_id, "") < 0)
		return -1;
	if (ordermail_return(a->vendor_order_id, ORDERMAIL_RETURN_REQUESTED, a->reason) < 0)
		return -1;
	a->result = RETURNS_OK;
	return 0;
}

int
returns_request(long long vendor_order_id, long long user_id, const struct returns_line *lines, size_t n,
		const char *reason, long long *return_id)
{
	struct returns_asking a = { .vendor_order_id = vendor_order_id, .user_id = user_id, .lines = lines,
				    .n = n, .reason = reason ? reason : "" };

	*return_id = 0;
	if (vendor_order_id <= 0 || user_id < 0 || n > RETURNS_LINES_MAX || (n && lines == NULL))
		return -1;
	if (n == 0)
		return RETURNS_BAD_ITEMS;
	if (db_tx(returns_request_tx, &a) != 0)
		return a.result == -1 ? -1 : a.result;
	if (a.result == RETURNS_OK) {
		*return_id = a.return_id;
		log_info("returns.request", "return=%lld vendor_order=%lld user=%lld", a.return_id,
			 vendor_order_id, user_id);
	}
	return a.result;
}

/* ---- decisions --------------------------------------------------------------------------- */

/* The party's view of a return's state: RETURNS_NOT_FOUND unless the
 * vendor (vendor_id > 0), the customer (user_id > 0) or an admin (both 0)
 * may see it; else RETURNS_STATE when it is not in from, else RETURNS_OK. */
static int
returns_check(long long return_id, long long vendor_id, long long customer_id, const char *from)
{
	struct db_result *q;
	int rc;

	q = db_query("SELECT r.status, vo.vendor_id, IFNULL(r.user_id, 0) FROM returns r"
		     " JOIN vendor_orders vo ON vo.id = r.vendor_order_id WHERE r.id = ?", "i", return_id);
	if (q == NULL)
		return -1;
	if (!db_next(q) || (vendor_id > 0 && db_int(q, 1) != vendor_id) ||
	    (customer_id > 0 && db_int(q, 2) != customer_id))
		rc = RETURNS_NOT_FOUND;
	else
		rc = strcmp(db_str(q, 0), from) == 0 ? RETURNS_OK : RETURNS_STATE;
	db_free(q);
	return rc;
}

/* One move: the conditional UPDATE made (RETURNS_OK) or why not. */
static int
returns_moved(long long n, long long return_id, long long vendor_id, long long customer_id, const char *from,
	      const char *what)
{
	int rc;

	if (n < 0)
		return -1;
	if (n == 1) {
		log_info("returns.move", "return=%lld %s", return_id, what);
		return RETURNS_OK;
	}
	rc = returns_check(return_id, vendor_id, customer_id, from);
	return rc == RETURNS_OK ? RETURNS_STATE : rc;
}

int
returns_accept(long long return_id, long long vendor_id, long long user_id, const char *instructions)
{
	char at[24];
	long long n;
	int rc;

	clock_datetime(clock_now(), at, sizeof at);
	if (vendor_id > 0) {
		n = db_exec("UPDATE returns r JOIN vendor_orders vo ON vo.id = r.vendor_order_id"
			    " SET r.status = 'accepted', r.instructions = ?, r.decided_at = ?"
			    " WHERE r.id = ? AND vo.vendor_id = ? AND r.status = 'requested'", "ssii",
			    instructions, at, return_id, vendor_id);
		rc = returns_moved(n, return_id, vendor_id, 0, "requested", "accepted by the vendor");
		if (rc == RETURNS_OK)
			returns_mail(return_id, ORDERMAIL_RETURN_ACCEPTED, instructions);
		return rc;
	}
	n = db_exec("UPDATE returns SET status = 'accepted', instructions = ?, admin_note = ?, decided_at = ?"
		    " WHERE id = ? AND status = 'escalated'", "sssi", instructions, instructions, at, return_id);
	rc = returns_moved(n, return_id, 0, 0, "escalated", "accepted by an admin");
	if (rc == RETURNS_OK) {
		returns_mail(return_id, ORDERMAIL_RETURN_ADMIN_ACCEPTED, instructions);
		returns_ticket_decided(return_id, user_id, instructions);
	}
	return rc;
}

int
returns_refuse(long long return_id, long long vendor_id, long long user_id, const char *reason)
{
	char at[24];
	long long n;
	int rc;

	(void)user_id;
	if (vendor_id <= 0)
		return -1;
	clock_datetime(clock_now(), at, sizeof at);
	n = db_exec("UPDATE returns r JOIN vendor_orders vo ON vo.id = r.vendor_order_id"
		    " SET r.status = 'refused', r.refusal = ?, r.decided_at = ?"
		    " WHERE r.id = ? AND vo.vendor_id = ? AND r.status = 'requested'", "ssii",
		    reason, at, return_id, vendor_id);
	rc = returns_moved(n, return_id, vendor_id, 0, "requested", "refused by the vendor");
	if (rc == RETURNS_OK)
		returns_mail(return_id, ORDERMAIL_RETURN_REFUSED, reason);
	return rc;
}

int
returns_escalate(long long return_id, long long user_id, const char *note)
{
	char at[24];
	long long n;
	int rc;

	if (user_id < 0)
		return -1;
	clock_datetime(clock_now(), at, sizeof at);
	n = db_exec("UPDATE returns SET status = 'escalated', escalation = ?, escalated_at = ?"
		    " WHERE id = ? AND IFNULL(user_id, 0) = ? AND status = 'refused'", "ssii", note, at, return_id,
		    user_id);
	if (n < 0 && db_is_duplicate())
		return RETURNS_OPEN;	/* another return of the vendor order was asked meanwhile */
	rc = returns_moved(n, return_id, 0, user_id, "refused", "escalated by the customer");
	if (rc == RETURNS_OK) {
		long long ticket_id;

		returns_mail(return_id, ORDERMAIL_RETURN_ESCALATED, note);
		/* The dispute lands among the support tickets; the escalation
		 * stands when that fails (logged). */
		if (ticket_from_return(return_id, note, &ticket_id) != TICKET_OK)
			log_error("returns.ticket_failed", "return=%lld", return_id);
	}
	return rc;
}

int
returns_close(long long return_id, long long user_id, const char *note)
{
	char at[24];
	long long n;
	int rc;

	clock_datetime(clock_now(), at, sizeof at);
	n = db_exec("UPDATE returns SET status = 'closed', admin_note = ?, decided_at = ?"
		    " WHERE id = ? AND status = 'escalated'", "ssi", note, at, return_id);
	rc = returns_moved(n, return_id, 0, 0, "escalated", "closed by an admin");
	if (rc == RETURNS_OK) {
		returns_mail(return_id, ORDERMAIL_RETURN_ADMIN_REFUSED, note);
		returns_ticket_decided(return_id, user_id, note);
	}
	return rc;
}

/* ---- receipt and refund ------------------------------------------------------------------ */

/* returns_pay as a party: by says who asks for the refund (refunds.created_role). */
static int
returns_pay_as(long long return_id, enum refund_actor by, long long user_id, struct refund_outcome *out)
{
	struct refund_line lines[RETURNS_LINES_MAX];
	struct refund_request r = { 0 };
	struct db_result *q;
	char key[32], reason[64];
	long long vendor_order_id, refund_id = 0, amount = 0;
	int restock, rc, elsewhere = 0;
	size_t n = 0;

	memset(out, 0, sizeof *out);
	q = db_query("SELECT status, vendor_order_id, restock, IFNULL(refund_id, 0), amount_minor FROM returns"
		     " WHERE id = ?", "i", return_id);
	if (q == NULL)
		return -1;
	if (!db_next(q)) {
		db_free(q);
		return RETURNS_NOT_FOUND;
	}
	if (strcmp(db_str(q, 0), "received") != 0) {
		db_free(q);
		return RETURNS_STATE;
	}
	vendor_order_id = db_int(q, 1);
	restock = (int)db_int(q, 2);
	refund_id = db_int(q, 3);
	amount = db_int(q, 4);	/* fixed when asked: the units' share of what was paid then */
	db_free(q);
	snprintf(key, sizeof key, "return-%lld", return_id);
	if (refund_id > 0) {
		/* Asked before: a failed refund is asked again, a made one recorded. */
		rc = refund_retry(refund_id, user_id, out);
		if (rc == REFUND_STATE) {
			q = db_query("SELECT status FROM refunds WHERE id = ?", "i", refund_id);
			if (q == NULL)
				return -1;
			if (!db_next(q))
				rc = -1;
			else if (strcmp(db_str(q, 0), "pending") == 0) {
				rc = REFUND_PENDING;
				elsewhere = 1;
			} else
				rc = strcmp(db_str(q, 0), "succeeded") == 0 ||
				     strcmp(db_str(q, 0), "manual") == 0 ? REFUND_OK : -1;
			db_free(q);
			out->refund_id = refund_id;
		}
	} else {
		q = db_query("SELECT order_item_id, quantity FROM return_items WHERE return_id = ?"
			     " ORDER BY order_item_id", "i", return_id);
		if (q == NULL)
			return -1;
		while (db_next(q) && n < RETURNS_LINES_MAX) {
			lines[n].order_item_id = db_int(q, 0);
			lines[n].quantity = db_int(q, 1);
			lines[n].restock = restock ? db_int(q, 1) : 0;
			n++;
		}
		db_free(q);
		snprintf(reason, sizeof reason, "Return %lld", return_id);
		r.vendor_order_id = vendor_order_id;
		r.amount_minor = amount;
		r.lines = lines;
		r.nlines = n;
		r.reason = reason;
		r.user_id = user_id;
		r.by = by;
		r.return_id = return_id;
		r.key = key;
		if (amount <= 0) {
			rc = REFUND_OK;	/* free items: nothing to pay back */
		} else {
			rc = refund_issue(&r, out);
			if (out->refund_id > 0 &&
			    db_exec("UPDATE returns SET refund_id = ? WHERE id = ? AND refund_id IS NULL", "ii",
				    out->refund_id, return_id) < 0)
				return -1;
		}
	}
	if (rc == REFUND_FAILED)
		return RETURNS_REFUND_FAILED;
	if (rc == REFUND_PENDING && (elsewhere || out->again))
		return RETURNS_STATE;		/* another request is making it */
	if (rc == REFUND_PENDING)
		return RETURNS_REFUND_PENDING;	/* no answer: settled later, the return paid then */
	if (rc != REFUND_OK)
		return -1;
	if (db_exec("UPDATE returns SET status = 'refunded', refund_id = IFNULL(refund_id, NULLIF(?, 0)) WHERE id = ?"
		    " AND status = 'received'", "ii", out->refund_id, return_id) < 0)
		return -1;
	log_info("returns.refunded", "return=%lld refund=%lld", return_id, out->refund_id);
	return RETURNS_OK;
}

int
returns_pay(long long return_id, long long user_id, struct refund_outcome *out)
{
	return returns_pay_as(return_id, REFUND_BY_ADMIN, user_id, out);
}

int
returns_receive(long long return_id, long long vendor_id, long long user_id, int restock,
		struct refund_outcome *out)
{
	char at[24];
	long long n;
	int rc;

	memset(out, 0, sizeof *out);
	clock_datetime(clock_now(), at, sizeof at);
	if (vendor_id > 0)
		n = db_exec("UPDATE returns r JOIN vendor_orders vo ON vo.id = r.vendor_order_id"
			    " SET r.status = 'received', r.restock = ?, r.received_at = ?"
			    " WHERE r.id = ? AND vo.vendor_id = ? AND r.status = 'accepted'", "isii",
			    (long long)(restock != 0), at, return_id, vendor_id);
	else
		n = db_exec("UPDATE returns SET status = 'received', restock = ?, received_at = ?"
			    " WHERE id = ? AND status = 'accepted'", "isi", (long long)(restock != 0), at, return_id);
	if ((rc = returns_moved(n, return_id, vendor_id, 0, "accepted", "received")) != RETURNS_OK)
		return rc;
	returns_mail(return_id, ORDERMAIL_RETURN_RECEIVED, "");
	return returns_pay_as(return_id, vendor_id > 0 ? REFUND_BY_VENDOR : REFUND_BY_ADMIN, user_id, out);
}
