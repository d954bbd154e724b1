-- 0011_promotions: promotions a vendor buys, and the clickstream that
-- counts what shoppers saw and clicked.
--
-- A promotion bought on the vendor portal runs everywhere a product can be
-- promoted: the home page's Sponsored slots, those of every category page
-- that lists the product (its own category and the categories above it)
-- and those of every search that finds it. That is placement 'all'; the
-- single-place values stay for the rows the demo catalogue writes.
-- starts_at is midnight UTC of the day chosen, ends_at midnight UTC after
-- the number of days bought; fee_minor is the plan's daily rate times the
-- days, charged to the vendor ledger (kind promotion_fee, reference
-- 'promotion:<id>') in the transaction that inserts the row. A promotion
-- cancelled before it starts gets status 'cancelled', cancelled_at, and a
-- refund in the ledger (kind promotion_refund, the same reference): the
-- ledger's unique (vendor, kind, reference) makes the refund happen once.
-- request_key is the random key of the confirmation form the vendor sent:
-- the same form sent twice (a double click) buys one promotion.
--
-- Which promotions are live is decided by the shop's clock (clock_now(),
-- bound as a parameter), never by UTC_TIMESTAMP(); the next start or end
-- after now is read through idx_promotions_starts / idx_promotions_ends
-- (the storefront's cached listings follow it: docs/architecture.md).
--
-- clickstream: one row per storefront page view, Sponsored impression or
-- Sponsored click, loaded from nginx's clickstream log by bazaar-accesslog
-- (cgi/jobs/accesslog.c). visitor is a keyed BLAKE2b hash of the client's
-- address and user agent with a salt that changes every UTC day
-- (clickstream_salts, deleted after two days), so visits of one day can be
-- told apart and nobody can follow a visitor from one day to the next; no
-- cookie and no address is stored. No foreign keys: the rows are
-- analytics, written in batches, and outlive what they name.
--
-- clickstream_sources: where the loader stopped in each log: the file's
-- identity (device:inode), the byte offset after the last line loaded, and
-- the same for the file before the last rotation. It is updated in the
-- transaction that inserts the lines it covers, so a line is loaded once
-- however often the loader runs, in parallel or after a crash.
--
-- Queries:
--   a promotion's report: SELECT DATE(at), kind, COUNT(*) FROM clickstream
--     WHERE promotion_id = ? GROUP BY 1, 2                (idx_clickstream_promotion)

ALTER TABLE promotions
	MODIFY placement ENUM('home','category','search','all') NOT NULL,
	ADD COLUMN cancelled_at DATETIME NULL AFTER status,
	ADD COLUMN created_by BIGINT UNSIGNED NULL AFTER cancelled_at,
	ADD COLUMN request_key CHAR(32) NULL AFTER created_by,
	ADD UNIQUE KEY uq_promotions_request (vendor_id, request_key),
	ADD KEY idx_promotions_starts (status, starts_at),
	ADD KEY idx_promotions_ends (status, ends_at),
	ADD KEY idx_promotions_vendor_start (vendor_id, starts_at);

CREATE TABLE clickstream (
	id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	at            DATETIME(3)     NOT NULL,          -- UTC, when nginx answered
	kind          ENUM('view','impression','click') NOT NULL,
	path          VARCHAR(500)    NOT NULL,          -- without the query string
	product_id    BIGINT UNSIGNED NULL,
	promotion_id  BIGINT UNSIGNED NULL,              -- impressions and clicks
	visitor       BINARY(16)      NULL,
	referrer      VARCHAR(500)    NULL,
	PRIMARY KEY (id),
	KEY idx_clickstream_at (at),
	KEY idx_clickstream_promotion (promotion_id, kind, at),
	KEY idx_clickstream_product (product_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE clickstream_sources (
	name          VARCHAR(64)     NOT NULL,          -- the log, e.g. 'clickstream'
	file_id       VARCHAR(64)     NOT NULL DEFAULT '',
	file_offset   BIGINT UNSIGNED NOT NULL DEFAULT 0,
	old_file_id   VARCHAR(64)     NOT NULL DEFAULT '',
	old_offset    BIGINT UNSIGNED NOT NULL DEFAULT 0,
	lines_loaded  BIGINT UNSIGNED NOT NULL DEFAULT 0,
	lines_skipped BIGINT UNSIGNED NOT NULL DEFAULT 0,
	updated_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE clickstream_salts (
	day           DATE            NOT NULL,
	salt          BINARY(32)      NOT NULL,
	PRIMARY KEY (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
