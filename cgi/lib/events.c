/*
 * events: domain events written with the change they report, and consumers
 * that handle each one once. See events.h.
 */
#include "events.h"

#include <string.h>

#include "cfg.h"
#include "db.h"
#include "log.h"

#define EVENTS_NAME_MAX		64

long long
events_emit(const char *type, long long subject_id, const char *payload)
{
	if (type == NULL || !*type || strlen(type) > EVENTS_TYPE_MAX || subject_id < 0)
		return -1;
	if (payload == NULL)
		payload = "";
	if (strlen(payload) > EVENTS_PAYLOAD_MAX)
		return -1;
	if (!db_in_transaction()) {
		log_error("events.emit", "type=%s msg=%s", log_quote(type),
			  log_quote("an event must be written inside the change's transaction"));
		return -1;
	}
	if (db_exec("INSERT INTO events (type, subject_id, payload) VALUES (?, ?, ?)", "sis",
		    type, subject_id, payload) != 1)
		return -1;
	return (long long)db_insert_id();
}

static long long
events_horizon(void)
{
	return cfg_int_in("BAZAAR_EVENTS_HORIZON", 300, 1, LLONG_MAX);
}

struct events_batch {
	const struct events_consumer *c;
	long max;
	long handled;
	int busy;		/* another copy of the consumer holds its row */
	int failed;		/* the handler refused an event */
	long long failed_id;
};

/*
 * Moves the consumer's position to the last event of its type before the
 * first one that is recent or not handled yet, and forgets the handled ids
 * up to it.
 */
static int
events_advance(const struct events_batch *b, long long position)
{
	long long to;

	/* The first event that holds the position back (recent, or not handled
	 * yet), then the last event before it: the position never passes an id
	 * that is missing, right before a recent event, as an uncommitted one is. */
	to = db_scalar(-1,
		       "SELECT COALESCE(MAX(m.id), 0) FROM events m WHERE m.type = ? AND m.id > ?"
		       " AND m.id < COALESCE((SELECT MIN(e.id) FROM events e WHERE e.type = ? AND e.id > ?"
		       "  AND (e.created_at > NOW(6) - INTERVAL ? SECOND OR NOT EXISTS"
		       "   (SELECT 1 FROM event_handled h WHERE h.consumer = ? AND h.event_id = e.id))),"
		       "  18446744073709551615)",
		       "sisiis", b->c->type, position, b->c->type, position, events_horizon(), b->c->name);
	if (to < 0)
		return -1;
	if (to <= position)
		return 0;
	if (db_exec("UPDATE event_consumers SET position = ? WHERE consumer = ?", "is", to, b->c->name) < 0 ||
	    db_exec("DELETE FROM event_handled WHERE consumer = ? AND event_id <= ?", "si", b->c->name, to) < 0)
		return -1;
	return 0;
}

static int
events_batch_tx(void *arg)
{
	struct events_batch *b = arg;
	struct db_result *cur, *r;
	long long position;

	b->handled = 0;
	b->busy = b->failed = 0;
	cur = db_query("SELECT position FROM event_consumers WHERE consumer = ? FOR UPDATE SKIP LOCKED",
		       "s", b->c->name);
	if (cur == NULL)
		return -1;
	if (!db_next(cur)) {
		db_free(cur);
		b->busy = 1;
		return 0;
	}
	position = db_int(cur, 0);
	db_free(cur);

	r = db_query("SELECT e.id, e.type, e.subject_id, e.payload, e.created_at FROM events e"
		     " WHERE e.type = ? AND e.id > ? AND NOT EXISTS"
		     "  (SELECT 1 FROM event_handled h WHERE h.consumer = ? AND h.event_id = e.id)"
		     " ORDER BY e.id LIMIT ?", "sisi", b->c->type, position, b->c->name, (long long)b->max);
	if (r == NULL)
		return -1;
	while (db_next(r)) {
		struct event ev = {
			db_int(r, 0), db_str(r, 1), db_int(r, 2), db_str(r, 3), db_str(r, 4),
		};

		if (b->c->handle(&ev, b->c->arg) != 0) {
			b->failed = 1;
			b->failed_id = ev.id;
			db_free(r);
			return 1;	/* rolls back the work of the whole batch */
		}
		if (db_exec("INSERT INTO event_handled (consumer, event_id) VALUES (?, ?)", "si",
			    b->c->name, ev.id) != 1) {
			db_free(r);
			return -1;
		}
		b->handled++;
	}
	db_free(r);
	if (b->handled > 0 && b->c->flush && b->c->flush(b->c->arg) != 0) {
		b->failed = 1;
		b->failed_id = 0;
		return 1;
	}
	return events_advance(b, position);
}

long
events_consume(const struct events_consumer *c, long max)
{
	struct events_batch b = { c, max < 1 ? 1 : max, 0, 0, 0, 0 };
	long long due;
	int rc;

	if (c->name == NULL || !*c->name || strlen(c->name) > EVENTS_NAME_MAX || c->type == NULL)
		return -1;
	/* Most looks find nothing above the consumer's position: one plain read,
	 * no write, no transaction. Events above it that are handled but recent
	 * keep the answer yes until the batch can move the position past them;
	 * a consumer not seen before goes on, to get its row. */
	due = db_scalar(-1, "SELECT NOT EXISTS (SELECT 1 FROM event_consumers WHERE consumer = ?) OR EXISTS"
			" (SELECT 1 FROM events e JOIN event_consumers c ON c.consumer = ?"
			"  WHERE e.type = ? AND e.id > c.position)", "sss", c->name, c->name, c->type);
	if (due == 0)
		return 0;
	if (due < 0) {
		log_error("events.failed", "consumer=%s msg=%s", log_quote(c->name), log_quote(db_error()));
		return -1;
	}
	if (db_exec("INSERT IGNORE INTO event_consumers (consumer) VALUES (?)", "s", c->name) < 0)
		return -1;
	rc = db_tx(events_batch_tx, &b);
	if (rc != 0) {
		if (b.failed)
			log_error("events.failed", "consumer=%s event=%lld msg=%s", log_quote(c->name),
				  b.failed_id, log_quote("the handler failed: the batch is read again next time"));
		else
			log_error("events.failed", "consumer=%s msg=%s", log_quote(c->name), log_quote(db_error()));
		return -1;
	}
	if (b.handled > 0)
		log_info("events.handled", "consumer=%s type=%s events=%ld", log_quote(c->name),
			 log_quote(c->type), b.handled);
	return b.handled;
}

long long
events_purge(long long days)
{
	long long n, total = 0;

	do {
		n = db_exec("DELETE FROM events WHERE created_at < NOW(6) - INTERVAL ? DAY ORDER BY id LIMIT 1000",
			    "i", days);
		if (n < 0)
			return -1;
		total += n;
	} while (n == 1000);
	/* Handled marks of events that are gone (the table holds only the
	 * marks above each consumer's position: it stays small). */
	if (db_exec("DELETE h FROM event_handled h LEFT JOIN events e ON e.id = h.event_id"
		    " WHERE e.id IS NULL", "") < 0)
		return -1;
	if (total > 0)
		log_info("events.purged", "rows=%lld", total);
	return total;
}
