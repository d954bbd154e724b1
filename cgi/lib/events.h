/*
 * events: the outbox of domain events ("product.changed" with the product's
 * id; later "order.paid"), for background jobs to act on.
 *
 * An event is written with events_emit() INSIDE the transaction that makes
 * the change it reports: it exists exactly when the change committed, and a
 * rolled-back change leaves none.
 *
 * A consumer (a named reader, e.g. a search indexer) reads the events of one
 * type with events_consume(): in one transaction per batch it takes its
 * progress row (FOR UPDATE SKIP LOCKED: a second copy of the same consumer
 * finds it busy and does nothing), calls the handler for each event it has
 * not handled yet, records each as handled, and commits. The handler does its
 * database work in that same transaction, so the work and the record of it
 * commit together: a crash (or a failing handler) rolls both back and the
 * event is handled on the next run, never twice. Work outside the database
 * (a file, a request to another service) must be idempotent: it is repeated
 * after a crash between it and the commit.
 *
 * Progress (event_consumers, event_handled in schema/0003_jobs.sql): ids are
 * handed out at insert while transactions commit in any order, so an event
 * may become visible after one with a larger id. A consumer therefore keeps
 * the ids it handled above its position, and moves its position only past
 * events older than BAZAAR_EVENTS_HORIZON seconds (300): an event whose
 * transaction stayed open longer than that (and no transaction here takes
 * more than a few seconds) could be missed.
 */
#ifndef BAZAAR_EVENTS_H
#define BAZAAR_EVENTS_H

#define EVENTS_TYPE_MAX		64	/* bytes */
#define EVENTS_PAYLOAD_MAX	2000
#define EVENTS_PRODUCT_CHANGED	"product.changed"	/* subject: the product id */

struct event {
	long long id;
	const char *type;
	long long subject_id;
	const char *payload;		/* "" when none */
	const char *created_at;		/* "YYYY-MM-DD HH:MM:SS.ffffff", UTC */
};

/*
 * Records an event. Must be called inside an open transaction (db_tx):
 * outside one it refuses (-1, logged), since the event could then outlive a
 * change that fails. Returns the event's id, or -1 (bad type or payload,
 * database error: the caller's transaction must then roll back).
 */
long long events_emit(const char *type, long long subject_id, const char *payload);

struct events_consumer {
	const char *name;	/* unique per reader, up to 64 bytes: "search.index" */
	const char *type;	/* the type of event it reads */
	/* Handles one event inside the batch's transaction: 0, or -1 to roll the
	 * whole batch back (it is read again on the next run). */
	int (*handle)(const struct event *ev, void *arg);
	void *arg;
	/* Optional: called once after the batch's handlers, before its
	 * transaction commits, to finish work outside the database (the search
	 * writer commits its index here); 0, or -1 to roll the batch back. */
	int (*flush)(void *arg);
};

/*
 * Handles up to max new events of the consumer's type, oldest first, in one
 * transaction (opened only when a plain read finds events above the
 * consumer's position, so an idle consumer costs one statement). Returns how many were handled; 0 when there was nothing new or
 * another copy of this consumer is running; -1 when the handler failed or the
 * database did (nothing of the batch is kept).
 */
long events_consume(const struct events_consumer *c, long max);

/* Deletes events older than days (and what consumers recorded about them).
 * Returns rows deleted, or -1. */
long long events_purge(long long days);

#endif
