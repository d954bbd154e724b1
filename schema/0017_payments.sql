-- 0017_payments: bank transfers received for orders, and the tables of the
-- sandbox payment provider.
--
-- A payment's hosted page at its provider, kept with its ref: the same
-- checkout form sent again, or "Pay now" pressed again, goes back to the
-- same page rather than opening another.
ALTER TABLE payments ADD COLUMN hosted_url VARCHAR(1000) NULL AFTER provider_ref;

-- Bank transfers (the admin's reconciliation page, cgi/lib/banktransfer.c):
-- one row per transfer the marketplace's account received, typed by an
-- admin or read from a bank statement (CSV). A transfer is matched to the
-- order whose bank_reference it carries; applied_minor is what counted
-- towards that order's payment (payments.received_minor), excess_minor what
-- came in beyond the order's total (an over-payment, paid back by hand).
-- line_hash identifies a statement line (its date, amount, reference,
-- payer and its place among identical lines of the file), so a statement
-- uploaded twice records each transfer once.
CREATE TABLE bank_transfers (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	received_on       DATE            NOT NULL,
	amount_minor      BIGINT          NOT NULL,
	reference         VARCHAR(140)    NOT NULL DEFAULT '',   -- as the payer wrote it
	payer             VARCHAR(140)    NOT NULL DEFAULT '',
	source            ENUM('statement','manual') NOT NULL,
	line_hash         BINARY(32)      NULL,
	status            ENUM('matched','unmatched') NOT NULL,
	order_id          BIGINT UNSIGNED NULL,
	payment_id        BIGINT UNSIGNED NULL,
	applied_minor     BIGINT          NOT NULL DEFAULT 0,
	excess_minor      BIGINT          NOT NULL DEFAULT 0,
	created_by        BIGINT UNSIGNED NULL,
	created_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_bank_transfers_line (line_hash),
	KEY idx_bank_transfers_status (status, id),
	KEY idx_bank_transfers_order (order_id, id),
	CONSTRAINT fk_bank_transfers_order FOREIGN KEY (order_id) REFERENCES orders (id),
	CONSTRAINT ck_bank_transfers_amounts CHECK (amount_minor > 0 AND applied_minor >= 0 AND excess_minor >= 0
		AND applied_minor + excess_minor <= amount_minor)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The sandbox provider (cgi/sandbox/, development and test stacks only):
-- its own state, read and written by the sandbox programs alone. Bazaar
-- knows a sandbox payment only by its ref. No card number is kept: the
-- last four digits and the brand only.
CREATE TABLE sandbox_payments (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	ref               VARCHAR(40)     NOT NULL,              -- 'sbp-<hex>'
	method            ENUM('card','paypal') NOT NULL,
	amount_minor      BIGINT          NOT NULL,
	currency          CHAR(3)         NOT NULL,
	description       VARCHAR(200)    NOT NULL DEFAULT '',
	merchant_ref      VARCHAR(64)     NOT NULL DEFAULT '',   -- the merchant's id of the payment
	return_url        VARCHAR(500)    NOT NULL,
	cancel_url        VARCHAR(500)    NOT NULL,
	status            ENUM('open','confirming','succeeded','cancelled') NOT NULL DEFAULT 'open',
	last_decline      VARCHAR(200)    NULL,
	card_brand        VARCHAR(20)     NULL,
	card_last4        CHAR(4)         NULL,
	refunded_minor    BIGINT          NOT NULL DEFAULT 0,
	created_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_sandbox_payments_ref (ref),
	CONSTRAINT ck_sandbox_payments_refunded CHECK (refunded_minor >= 0 AND refunded_minor <= amount_minor)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sandbox_refunds (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	ref               VARCHAR(40)     NOT NULL,              -- 'sbr-<hex>'
	payment_id        BIGINT UNSIGNED NOT NULL,
	amount_minor      BIGINT          NOT NULL,
	idempotency_key   VARCHAR(64)     NOT NULL,
	created_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_sandbox_refunds_ref (ref),
	UNIQUE KEY uq_sandbox_refunds_key (idempotency_key),
	CONSTRAINT fk_sandbox_refunds_payment FOREIGN KEY (payment_id) REFERENCES sandbox_payments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The sandbox's webhook deliveries, a queue (cgi/lib/job.h): one row per
-- delivery of an event (a duplicate asked for by a test is another row of
-- the same event_id). Signed at each attempt with the time of sending.
CREATE TABLE sandbox_webhooks (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	event_id          VARCHAR(64)     NOT NULL,              -- 'evt-<hex>'
	type              VARCHAR(40)     NOT NULL,
	payment_ref       VARCHAR(40)     NOT NULL,
	body              TEXT            NOT NULL,
	status            ENUM('queued','sending','sent','failed') NOT NULL DEFAULT 'queued',
	attempts          INT UNSIGNED    NOT NULL DEFAULT 0,
	next_attempt_at   DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_error        VARCHAR(500)    NULL,
	created_at        DATETIME(3)     NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	PRIMARY KEY (id),
	KEY idx_sandbox_webhooks_due (status, next_attempt_at),
	KEY idx_sandbox_webhooks_payment (payment_ref, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
