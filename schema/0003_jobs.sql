-- 0003_jobs: the job runner's queue and schedules (cgi/lib/job.h), and the
-- events outbox with its consumers' progress (cgi/lib/events.h).
--
-- Times are UTC (every connection sets time_zone '+00:00').

-- One row per unit of background work. A runner claims a due row with
-- SELECT ... FOR UPDATE SKIP LOCKED (so two runners never take the same row;
-- this needs binlog_format=ROW, which the stack sets), marks it 'running' and
-- works on it with no transaction open. While 'running', next_attempt_at is the
-- end of the claim: a row still 'running' after that belongs to a runner that
-- died and is queued again, counted as an attempt. A failed attempt records
-- last_error and waits next_attempt_at (exponential backoff); the kind's last
-- allowed attempt makes it 'failed' for good. Finished rows are deleted after
-- a week.
CREATE TABLE jobs (
	id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	kind            VARCHAR(64)     NOT NULL,              -- which handler runs it: "cleanup", "mail.expire"
	payload         VARCHAR(2000)   NOT NULL DEFAULT '',   -- the handler's argument (an id, a key)
	status          ENUM('queued','running','done','failed') NOT NULL DEFAULT 'queued',
	attempts        INT UNSIGNED    NOT NULL DEFAULT 0,
	next_attempt_at DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_error      VARCHAR(500)    NOT NULL DEFAULT '',
	created_at      DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	finished_at     DATETIME        NULL,
	PRIMARY KEY (id),
	KEY idx_jobs_due (kind, status, next_attempt_at),      -- the claim, the stale-claim sweep
	KEY idx_jobs_finished (status, finished_at)            -- the weekly purge
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Periodic work ("cleanup every hour"). The runner that claims a due row
-- (FOR UPDATE SKIP LOCKED) moves next_run_at one period on and queues a job
-- of the same name in the same transaction: one run per period, however many
-- runners there are.
CREATE TABLE job_schedules (
	name            VARCHAR(64)     NOT NULL,
	next_run_at     DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_run_at     DATETIME        NULL,
	PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Domain events ("product.changed" for product subject_id), inserted in the
-- same transaction as the change they report, so an event exists exactly
-- when its change committed. Kept for BAZAAR_EVENTS_KEEP_DAYS.
CREATE TABLE events (
	id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	type            VARCHAR(64)     NOT NULL,
	subject_id      BIGINT UNSIGNED NOT NULL,
	payload         VARCHAR(2000)   NOT NULL DEFAULT '',
	created_at      DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY idx_events_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- How far each consumer has read. Ids are handed out at insert and
-- transactions commit in any order, so a plain "last id" could step over an
-- event that commits later with a smaller id. Hence two parts, both written
-- in the transaction that does the consumer's work:
--  - position: every event with id <= position is handled; it only moves
--    past events older than the horizon (a transaction open that long is
--    not waited for);
--  - event_handled: the events above position already handled.
CREATE TABLE event_consumers (
	consumer        VARCHAR(64)     NOT NULL,
	position        BIGINT UNSIGNED NOT NULL DEFAULT 0,
	updated_at      DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (consumer)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE event_handled (
	consumer        VARCHAR(64)     NOT NULL,
	event_id        BIGINT UNSIGNED NOT NULL,
	PRIMARY KEY (consumer, event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
