/*
 * orderflow: the status changes of orders and vendor orders (see orderflow.h).
 *
 * A vendor order's move reads its status first (a plain read), refuses at
 * once a move the status does not allow, then runs the UPDATE conditional on
 * exactly the status it read: when another writer changed it in between,
 * the UPDATE changes no row and the move is refused, with nothing written.
 * The history row therefore always names the status the move really left.
 */
#include "orderflow.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "events.h"
#include "log.h"
#include "ordermail.h"
#include "text.h"

const struct orderflow_actor orderflow_system = { "system", 0, 0 };

const char *const orderflow_vendor_statuses[] = {
	"awaiting_payment", "processing", "shipped", "delivered", "cancelled", "refunded", NULL,
};
const char *const orderflow_order_statuses[] = {
	"awaiting_payment", "paid", "expired", "cancelled", NULL,
};

/* A locking read: inside a longer transaction (a refund's) a plain read
 * would see the transaction's snapshot, older than what other writers of
 * the row (another refund raising refunded_minor) have committed since. */
static const char of_vo_read_sql[] =
	"SELECT status, order_id, refunded_minor, total_minor FROM vendor_orders"
	" WHERE id = ? AND (? = 0 OR vendor_id = ?) FOR UPDATE";
static const char of_ship_sql[] =
	"UPDATE vendor_orders SET status = 'shipped', carrier = ?, tracking_number = ?, shipped_at = ?"
	" WHERE id = ? AND status = 'processing'";
static const char of_deliver_sql[] =
	"UPDATE vendor_orders SET status = 'delivered', delivered_at = ? WHERE id = ? AND status = 'shipped'";
static const char of_cancel_sql[] =
	"UPDATE vendor_orders SET status = 'cancelled', cancel_reason = ?, cancelled_by = ?, cancelled_at = ?"
	" WHERE id = ? AND status = ?";
static const char of_refunded_sql[] =
	"UPDATE vendor_orders SET status = 'refunded' WHERE id = ? AND status = ?"
	" AND refunded_minor >= total_minor";
static const char of_history_sql[] =
	"INSERT INTO order_history (order_id, vendor_order_id, from_status, to_status, actor_id, actor_role,"
	" note, at) VALUES (?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?)";
static const char of_order_history_sql[] =
	"INSERT INTO order_history (order_id, vendor_order_id, from_status, to_status, actor_id, actor_role,"
	" note, at) VALUES (?, NULL, ?, ?, NULLIF(?, 0), ?, ?, ?)";
/* The order's own move written, its vendor orders follow: their history
 * rows first (while they still have the status they leave), then one
 * UPDATE of them all. */
static const char of_vos_history_sql[] =
	"INSERT INTO order_history (order_id, vendor_order_id, from_status, to_status, actor_id, actor_role,"
	" note, at) SELECT order_id, id, status, ?, NULLIF(?, 0), ?, ?, ? FROM vendor_orders"
	" WHERE order_id = ? AND status = 'awaiting_payment' ORDER BY id";
static const char of_vos_processing_sql[] =
	"UPDATE vendor_orders SET status = 'processing' WHERE order_id = ? AND status = 'awaiting_payment'";
static const char of_vos_cancel_sql[] =
	"UPDATE vendor_orders SET status = 'cancelled', cancel_reason = ?, cancelled_by = ?, cancelled_at = ?"
	" WHERE order_id = ? AND status = 'awaiting_payment'";
static const char of_vos_cancelled_ids_sql[] =
	"SELECT id FROM vendor_orders WHERE order_id = ? AND status = 'cancelled' AND cancelled_at = ?"
	" ORDER BY id";
static const char of_order_status_sql[] =
	"SELECT status FROM orders WHERE id = ?";
static const char of_order_paid_sql[] =
	"UPDATE orders SET status = 'paid', paid_at = ? WHERE id = ? AND status = 'awaiting_payment'";
static const char of_order_end_sql[] =
	"UPDATE orders SET status = ? WHERE id = ? AND status = 'awaiting_payment'";
/* An unpaid order whose every vendor order is now cancelled. */
static const char of_order_all_cancelled_sql[] =
	"UPDATE orders SET status = 'cancelled' WHERE id = ? AND status = 'awaiting_payment'"
	" AND NOT EXISTS (SELECT 1 FROM vendor_orders WHERE order_id = ? AND status <> 'cancelled')";

/* Runs fn inside the caller's transaction, or in one of its own. */
static int
of_run(int (*fn)(void *), void *arg)
{
	return db_in_transaction() ? fn(arg) : db_tx(fn, arg);
}

static const char *
of_now(char out[24])
{
	return clock_datetime(clock_now(), out, 24);
}

static int
of_actor_ok(const struct orderflow_actor *who)
{
	static const char *const roles[] = { "customer", "vendor", "admin", "system" };
	size_t i;

	if (who == NULL || who->role == NULL || who->user_id < 0 || who->vendor_id < 0)
		return 0;
	for (i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (strcmp(who->role, roles[i]) == 0)
			return 1;
	return 0;
}

/* Text given to a move: present, no longer than max characters, no
 * control characters (one line). */
static int
of_text_ok(const char *s, size_t max, int required)
{
	size_t n = 0, len;
	uint32_t cp;

	if (s == NULL)
		return !required;
	for (; *s; s += len, n++) {
		if ((len = text_utf8_char(s, 4, &cp)) == 0 || cp < 0x20 || cp == 0x7f)
			return 0;
	}
	return (!required || n > 0) && n <= max;
}

/* ---- vendor orders ---------------------------------------------------------- */

enum of_move { OF_SHIP, OF_DELIVER, OF_CANCEL, OF_REFUNDED };

struct of_vendor_move {
	enum of_move move;
	long long vendor_order_id;
	const struct orderflow_actor *who;
	const char *carrier, *tracking, *text;
};

static const char *const of_move_events[] = {
	[OF_SHIP] = "vendor_order.shipped",
	[OF_DELIVER] = "vendor_order.delivered",
	[OF_CANCEL] = "vendor_order.cancelled",
	[OF_REFUNDED] = "vendor_order.refunded",
};
static const char *const of_move_targets[] = {
	[OF_SHIP] = "shipped",
	[OF_DELIVER] = "delivered",
	[OF_CANCEL] = "cancelled",
	[OF_REFUNDED] = "refunded",
};

/* Whether the move may start from status. */
static int
of_move_allowed(enum of_move m, const char *status)
{
	switch (m) {
	case OF_SHIP:
		return strcmp(status, "processing") == 0;
	case OF_DELIVER:
		return strcmp(status, "shipped") == 0;
	case OF_CANCEL:
		return strcmp(status, "awaiting_payment") == 0 || strcmp(status, "processing") == 0;
	case OF_REFUNDED:
		return strcmp(status, "processing") == 0 || strcmp(status, "shipped") == 0 ||
		       strcmp(status, "delivered") == 0 || strcmp(status, "cancelled") == 0;
	}
	return 0;
}

static int
of_vendor_move_tx(void *arg)
{
	const struct of_vendor_move *mv = arg;
	struct db_result *r;
	char now[24], from[24], note[ORDERFLOW_CARRIER_MAX * 4 + ORDERFLOW_TRACKING_MAX * 4 + 8];
	long long order_id, changed;
	int rc = -1;

	r = db_query(of_vo_read_sql, "iii", mv->vendor_order_id, mv->who->vendor_id, mv->who->vendor_id);
	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		return ORDERFLOW_NOT_FOUND;
	}
	snprintf(from, sizeof from, "%s", db_str(r, 0));
	order_id = db_int(r, 1);
	if (mv->move == OF_REFUNDED && db_int(r, 2) < db_int(r, 3)) {
		db_free(r);
		return ORDERFLOW_REFUSED;
	}
	db_free(r);
	if (!of_move_allowed(mv->move, from))
		return ORDERFLOW_REFUSED;

	of_now(now);
	note[0] = '\0';
	switch (mv->move) {
	case OF_SHIP:
		changed = db_exec(of_ship_sql, "sssi", mv->carrier, mv->tracking, now, mv->vendor_order_id);
		snprintf(note, sizeof note, "%s %s", mv->carrier, mv->tracking);
		break;
	case OF_DELIVER:
		changed = db_exec(of_deliver_sql, "si", now, mv->vendor_order_id);
		break;
	case OF_CANCEL:
		changed = db_exec(of_cancel_sql, "sssis", mv->text, mv->who->role, now, mv->vendor_order_id, from);
		break;
	case OF_REFUNDED:
	default:
		changed = db_exec(of_refunded_sql, "is", mv->vendor_order_id, from);
		break;
	}
	if (changed < 0)
		return -1;
	if (changed == 0)
		return ORDERFLOW_REFUSED;	/* another writer moved it since the read */
	if (db_exec(of_history_sql, "iississs", order_id, mv->vendor_order_id, from, of_move_targets[mv->move],
		    mv->who->user_id, mv->who->role,
		    mv->move == OF_SHIP ? note : (mv->text ? mv->text : ""), now) != 1)
		return -1;
	if (events_emit(of_move_events[mv->move], mv->vendor_order_id, NULL) < 0)
		return -1;
	switch (mv->move) {
	case OF_SHIP:
		rc = ordermail_shipped(mv->vendor_order_id);
		break;
	case OF_DELIVER:
		rc = ordermail_delivered(mv->vendor_order_id);
		break;
	case OF_CANCEL:
		if (db_exec(of_order_all_cancelled_sql, "ii", order_id, order_id) < 0)
			return -1;
		rc = ordermail_cancelled(mv->vendor_order_id);
		break;
	case OF_REFUNDED:
		rc = 0;		/* each refund has its own mail (ordermail_refunded) */
		break;
	}
	return rc;
}

static int
of_vendor_move(struct of_vendor_move *mv)
{
	int rc;

	if (mv->vendor_order_id <= 0 || !of_actor_ok(mv->who))
		return -1;
	rc = of_run(of_vendor_move_tx, mv);
	if (rc == 0)
		log_info("orderflow.move", "vendor_order=%lld to=%s role=%s user=%lld", mv->vendor_order_id,
			 of_move_targets[mv->move], mv->who->role, mv->who->user_id);
	return rc;
}

int
orderflow_ship(long long vendor_order_id, const struct orderflow_actor *who, const char *carrier,
	       const char *tracking)
{
	struct of_vendor_move mv = { OF_SHIP, vendor_order_id, who, carrier, tracking, NULL };

	if (!of_text_ok(carrier, ORDERFLOW_CARRIER_MAX, 1) || !of_text_ok(tracking, ORDERFLOW_TRACKING_MAX, 1))
		return -1;
	return of_vendor_move(&mv);
}

int
orderflow_deliver(long long vendor_order_id, const struct orderflow_actor *who)
{
	struct of_vendor_move mv = { OF_DELIVER, vendor_order_id, who, NULL, NULL, NULL };

	return of_vendor_move(&mv);
}

int
orderflow_cancel(long long vendor_order_id, const struct orderflow_actor *who, const char *reason)
{
	struct of_vendor_move mv = { OF_CANCEL, vendor_order_id, who, NULL, NULL, reason };

	if (!of_text_ok(reason, ORDERFLOW_REASON_MAX, 1))
		return -1;
	return of_vendor_move(&mv);
}

int
orderflow_refunded(long long vendor_order_id, const struct orderflow_actor *who, const char *note)
{
	struct of_vendor_move mv = { OF_REFUNDED, vendor_order_id, who, NULL, NULL, note };

	if (!of_text_ok(note, ORDERFLOW_REASON_MAX, 0))
		return -1;
	return of_vendor_move(&mv);
}

/* ---- orders ------------------------------------------------------------------ */

enum of_order_kind { OF_PAID, OF_EXPIRE, OF_ORDER_CANCEL };

struct of_order_move {
	enum of_order_kind move;
	long long order_id;
	const struct orderflow_actor *who;
	const char *text;
};

static int
of_order_move_tx(void *arg)
{
	const struct of_order_move *mv = arg;
	static const char *const targets[] = {
		[OF_PAID] = "paid", [OF_EXPIRE] = "expired", [OF_ORDER_CANCEL] = "cancelled",
	};
	static const char *const events[] = {
		[OF_PAID] = "order.paid", [OF_EXPIRE] = "order.expired", [OF_ORDER_CANCEL] = "order.cancelled",
	};
	const char *note = mv->text ? mv->text : "";
	char now[24];
	long long changed;
	struct db_result *r;

	of_now(now);
	changed = mv->move == OF_PAID ? db_exec(of_order_paid_sql, "si", now, mv->order_id)
				      : db_exec(of_order_end_sql, "si", targets[mv->move], mv->order_id);
	if (changed < 0)
		return -1;
	if (changed == 0) {
		long long exists = db_scalar(-1, of_order_status_sql, "i", mv->order_id);

		return exists == -1 ? ORDERFLOW_NOT_FOUND : ORDERFLOW_REFUSED;
	}
	if (db_exec(of_order_history_sql, "ississs", mv->order_id, "awaiting_payment", targets[mv->move],
		    mv->who->user_id, mv->who->role, note, now) != 1)
		return -1;
	if (db_exec(of_vos_history_sql, "sisssi", mv->move == OF_PAID ? "processing" : "cancelled",
		    mv->who->user_id, mv->who->role, note, now, mv->order_id) < 0)
		return -1;
	if (mv->move == OF_PAID) {
		if (db_exec(of_vos_processing_sql, "i", mv->order_id) < 0)
			return -1;
	} else if (db_exec(of_vos_cancel_sql, "sssi", note, mv->who->role, now, mv->order_id) < 0) {
		return -1;
	}
	if (events_emit(events[mv->move], mv->order_id, NULL) < 0)
		return -1;
	switch (mv->move) {
	case OF_PAID:
		return ordermail_paid(mv->order_id);
	case OF_EXPIRE:
		return ordermail_expired(mv->order_id);
	case OF_ORDER_CANCEL:
		if ((r = db_query(of_vos_cancelled_ids_sql, "is", mv->order_id, now)) == NULL)
			return -1;
		while (db_next(r))
			if (ordermail_cancelled(db_int(r, 0)) < 0) {
				db_free(r);
				return -1;
			}
		db_free(r);
		return 0;
	}
	return -1;
}

static int
of_order_move(struct of_order_move *mv)
{
	int rc;

	if (mv->order_id <= 0 || !of_actor_ok(mv->who) || !of_text_ok(mv->text, ORDERFLOW_REASON_MAX, 0))
		return -1;
	rc = of_run(of_order_move_tx, mv);
	if (rc == 0)
		log_info("orderflow.order", "order=%lld move=%d role=%s", mv->order_id, (int)mv->move,
			 mv->who->role);
	return rc;
}

int
orderflow_order_paid(long long order_id, const char *note)
{
	struct of_order_move mv = { OF_PAID, order_id, &orderflow_system, note };

	return of_order_move(&mv);
}

int
orderflow_order_expire(long long order_id)
{
	struct of_order_move mv = { OF_EXPIRE, order_id, &orderflow_system, "Not paid in time" };

	return of_order_move(&mv);
}

int
orderflow_order_cancel(long long order_id, const struct orderflow_actor *who, const char *reason)
{
	struct of_order_move mv = { OF_ORDER_CANCEL, order_id, who, reason };

	if (!of_text_ok(reason, ORDERFLOW_REASON_MAX, 1))
		return -1;
	return of_order_move(&mv);
}

/* ---- for pages ------------------------------------------------------------------ */

const char *
orderflow_status_label(const char *status)
{
	static const struct {
		const char *status, *label;
	} labels[] = {
		{ "awaiting_payment", "Awaiting payment" },
		{ "paid", "Paid" },
		{ "processing", "Being prepared" },
		{ "shipped", "Shipped" },
		{ "delivered", "Delivered" },
		{ "cancelled", "Cancelled" },
		{ "refunded", "Refunded" },
		{ "expired", "Expired (not paid)" },
	};
	size_t i;

	for (i = 0; status != NULL && i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(status, labels[i].status) == 0)
			return labels[i].label;
	return "Unknown";
}
