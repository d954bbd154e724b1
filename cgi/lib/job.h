/*
 * job: background work, for the programs in cgi/jobs/.
 *
 * A queue is a table whose rows are units of work, with the columns
 *   status ('queued', a running word, a done word, 'failed'), attempts,
 *   next_attempt_at, last_error.
 * The table `jobs` (schema/0003_jobs.sql) is the general queue: a row names
 * a kind of work and a payload. Other tables that are queues in their own
 * right (mail_outbox: a message is both the content and its delivery state)
 * describe their statements in a struct job_queue and use the same code.
 *
 * The rules, the same for every queue:
 *  - look: one plain read (no lock, no transaction) of whether any row is
 *    due; an idle queue costs that one statement per tick;
 *  - claim: in a short transaction, SELECT one due row (status 'queued',
 *    next_attempt_at <= NOW()) FOR UPDATE SKIP LOCKED, and mark it running
 *    with next_attempt_at at the end of the claim. Two runners never take the
 *    same row and never wait for each other. (SKIP LOCKED is unsafe for
 *    statement-based replication: the stack's MariaDB logs binlog_format=ROW.)
 *  - the work runs with no transaction open;
 *  - done: the done word; failed: attempts + 1, last_error, and the next
 *    attempt after job_backoff(); the last allowed attempt, or a failure the
 *    handler calls permanent, makes it 'failed' for good;
 *  - a row still running after its claim ended belongs to a runner that died:
 *    job_queue_recover() queues it again, counted as an attempt (the work may
 *    then run twice; it is never lost).
 *
 * Periodic work is a schedule: a row of job_schedules per name. The runner
 * that takes a due row (FOR UPDATE SKIP LOCKED) moves it one period on and
 * queues a job of that kind in the same transaction, so it runs once per
 * period however many runners there are, with the jobs table's retries.
 *
 * job_runner_main() is the whole main() of a job program: settings, signals
 * (SIGTERM and SIGINT finish the work in flight and exit; SIGHUP re-reads the
 * settings), the loop, and --once.
 */
#ifndef BAZAAR_JOB_H
#define BAZAAR_JOB_H
#include <stddef.h>

struct events_consumer;

#define JOB_ERROR_MAX	480	/* bytes of last_error kept (VARCHAR(500)) */
#define JOB_DETAIL_MAX	240

/* The outcome of one attempt, filled by a handler. */
struct job_result {
	int ok;
	int permanent;			/* retrying cannot help */
	char error[JOB_ERROR_MAX];	/* stored as last_error: never a secret */
	char detail[JOB_DETAIL_MAX];	/* key=value pairs for the log lines */
};

/* Marks res failed with a formatted error (cut to JOB_ERROR_MAX - 1 bytes). */
void job_fail(struct job_result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Sets the key=value pairs the log lines of this attempt carry. */
void job_detail(struct job_result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* How often and when to try again. */
struct job_retry {
	long long max_attempts;	/* the attempt that fails this many times is final */
	long long first;	/* seconds to wait after the first failure */
	long long max;		/* the longest wait */
};
/* Defaults for a zero member: 5 attempts, 30 s, an hour. */
#define JOB_RETRY_DEFAULT { 5, 30, 3600 }

/*
 * Seconds to wait after the attempts-th failed attempt: first, doubled for
 * each further attempt up to max, plus up to a fifth of random spread so
 * that rows which failed together do not come back together.
 */
long long job_backoff(const struct job_retry *retry, long long attempts);

/*
 * A queue's statements (constant SQL) and what they bind, in this order:
 *   due_sql      SELECT EXISTS (a due row), with no lock: 1 or 0, the look
 *                before the claim's transaction (binds nothing)
 *   claim_sql    SELECT id, attempts of one due row ... FOR UPDATE SKIP LOCKED
 *                (binds nothing)
 *   start_sql    marks it running until the claim ends: claim seconds, id
 *   done_sql     id (and only while running)
 *   failed_sql   limit, delay seconds, error, id: status failed when
 *                attempts + 1 >= limit, else queued; attempts + 1
 *   recover_sql  limit: running rows whose claim ended
 * A keyed queue (one table for several kinds of work, told apart by a key)
 * gives due_key_sql and claim_key_sql (they bind the key) and
 * recover_key_sql (limit, key) instead of due_sql, claim_sql and recover_sql, so that each statement has one set
 * of binds (tests/lint.sh checks them against the letters).
 * handle does the work of row id (attempts failed so far) and fills res.
 */
struct job_queue {
	const char *name;	/* log events <name>.<done_event>, .retry, .failed, .recovered */
	const char *done_event;	/* "sent", "done" */
	const char *due_sql, *claim_sql, *start_sql, *done_sql, *failed_sql, *recover_sql;
	const char *due_key_sql, *claim_key_sql, *recover_key_sql;	/* a keyed queue's, instead */
	long long claim_seconds;
	struct job_retry retry;
	void (*handle)(long long id, long long attempts, void *arg, struct job_result *res);
	void *arg;
};

/* Claims one due row: 1 with *id and *attempts set, 0 when none is due (or
 * every due row is taken), -1 on a database error. When the look finds none
 * due, no transaction is opened. */
int job_queue_claim(const struct job_queue *q, const char *key, long long *id, long long *attempts);
/* Records the outcome of a claimed row's attempt and logs it. 0, or -1 when
 * the database could not be told (the claim then lapses). */
int job_queue_finish(const struct job_queue *q, long long id, long long attempts,
		     const struct job_result *res);
/* Claims and handles due rows until none is left, max were handled or the
 * runner is stopping. Returns the number handled, -1 on a database error. */
long job_queue_run(const struct job_queue *q, const char *key, long max);
/* Queues again the rows whose runner died; returns how many, or -1. */
long long job_queue_recover(const struct job_queue *q, const char *key);

/* ---- the jobs table ----------------------------------------------------------------- */

struct job {
	long long id;		/* 0 for a run by job_run_now outside the table */
	const char *kind;
	const char *payload;
	long long attempts;	/* failed so far */
};

/* A kind of job a runner knows how to do. */
struct job_kind {
	const char *kind;
	void (*run)(const struct job *job, struct job_result *res);
	struct job_retry retry;		/* zeros: JOB_RETRY_DEFAULT */
};

/*
 * Queues a job, due in delay_seconds. Inside an open transaction it is part
 * of it (queue work together with the change that needs it). Returns the
 * job's id, or -1 (kind empty or over 64 bytes, payload over 2,000 bytes,
 * database error).
 */
long long job_enqueue(const char *kind, const char *payload, long long delay_seconds);
/* Handles due jobs of one kind, as job_queue_run. */
long job_run_due(const struct job_kind *kind, long max);
/* Runs a job of this kind now in this process, recorded in the table as
 * any other (a failure is retried later by whichever runner is up).
 * Returns 0 when it succeeded, 1 when it failed, -1 on a database error. */
int job_run_now(const struct job_kind *kind, const char *payload);

/* ---- schedules ------------------------------------------------------------------------ */

struct job_schedule {
	const char *kind;		/* the schedule's name and the kind of job it queues */
	long long (*period)(void);	/* seconds, read at each look (settings may change) */
};

/*
 * Looks at the schedule: when its time has come (or its period became
 * shorter than the wait left), moves it one period on and queues a job of
 * its kind in the same transaction, unless one from an earlier period is
 * still queued or running. Returns 1 when this call took the period's turn,
 * 0 when it was not due (or another runner holds it right now), -1 on a
 * database error.
 */
int job_schedule_fire(const struct job_schedule *s);

/* ---- the runner ------------------------------------------------------------------------- */

/*
 * A job program, described once. On every tick (interval_ms) the loop fires
 * the due schedules, handles the due jobs of each kind, drains each extra
 * queue, lets each events consumer read what is new, and once a minute
 * queues again what dead runners left running. (bazaar-cleanup deletes
 * finished jobs after a week.)
 */
struct job_runner {
	const char *name;			/* log events <name>.start, .reload, .stop */
	const char *usage;			/* printed after "usage: " on bad arguments */
	const struct job_kind *kinds;
	size_t nkinds;
	const struct job_schedule *schedules;	/* each kind must be in kinds */
	size_t nschedules;
	const struct job_queue *const *queues;	/* tables other than jobs */
	size_t nqueues;
	const struct events_consumer *const *consumers;
	size_t nconsumers;
	long long (*interval_ms)(void);		/* NULL: 1000 */
	int (*init)(void);			/* once, after the settings: 0 or -1 */
	int (*settings_ok)(void);		/* at start and on SIGHUP; 0 refuses */
	const char *(*describe)(void);		/* key=value pairs for start and reload */
	void (*fini)(void);
};

/*
 * main() of a job program: `prog` runs until SIGTERM or SIGINT (the work in
 * flight is finished first); `prog --once` runs every schedule's job now,
 * then whatever else is due (jobs, queues, events), and exits.
 * Exit status: 0 after a clean stop or a --once run in which every
 * schedule's job succeeded (rows of a queue may wait for a retry); 1 when
 * the settings or the database are unusable, or a --once schedule's job
 * failed; 2 for bad arguments. The caller has called log_init().
 */
int job_runner_main(const struct job_runner *r, int argc, char **argv);
/* True once SIGTERM or SIGINT arrived: long work should stop at the next
 * safe point. */
int job_stopping(void);

#endif
