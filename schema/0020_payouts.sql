-- 0020_payouts: what a vendor earns from its orders, when it may be paid
-- out, and the payouts.
--
-- Earnings are entries of the vendor ledger (0010), written by
-- cgi/lib/earnings.c:
--   on payment, per vendor order: a 'sale' (+ items + shipping - the part of
--   the discount the vendor bears) and a 'commission' (- the marketplace's
--   share), both with the reference 'vo:<vendor order id>';
--   on a refund: a 'refund' (- the sale's share of what was refunded) and a
--   'commission' (+ the commission's share), both 'rf:<refund id>'.
-- vendor_ledger.vendor_order_id names the vendor order of those entries, so
-- the money of an order is held until the order is settled: delivered and
-- past the vendor's return window, or refunded in full (its entries then
-- sum to nothing). The available balance is the balance less what is held.
--
-- earnings_refunds: each refund booked in the ledger, once (its id is the
-- key), with the sale and commission it reversed. A refund's share is the
-- difference of two cumulative roundings (everything refunded so far, with
-- and without it), so the parts of several partial refunds add up to the
-- whole sale and commission exactly when the vendor order is refunded in full.
--
-- payouts: a transfer of the available balance to the vendor's bank account.
-- 'requested' (by the vendor on the portal, or by the schedule for a
-- period: 'week:2026-W49', 'month:2026-12', one per vendor and period)
-- -> 'sent' (an admin made the transfer: a 'payout' ledger entry
-- 'payout:<id>' of -amount is written in the same transaction) or
-- 'cancelled' (by an admin, with the reason the vendor reads). A requested
-- payout is not in the ledger yet but counts against the available balance,
-- so two requests never pay out more than there is.
--
-- payout_schedule: one row, the admin's setting for payouts made without a
-- request: off, weekly (Mondays) or monthly (the 1st), for every verified
-- vendor whose available balance is at least minimum_minor.

ALTER TABLE vendor_ledger
	ADD COLUMN vendor_order_id BIGINT UNSIGNED NULL AFTER reference,
	ADD KEY idx_vendor_ledger_vendor_order (vendor_order_id);

CREATE TABLE earnings_refunds (
	refund_id         BIGINT UNSIGNED NOT NULL,
	vendor_order_id   BIGINT UNSIGNED NOT NULL,
	vendor_id         BIGINT UNSIGNED NOT NULL,
	amount_minor      BIGINT          NOT NULL,          -- what the customer got back
	sale_minor        BIGINT          NOT NULL,          -- the sale's share, taken from the vendor
	commission_minor  BIGINT          NOT NULL,          -- the commission's share, given back
	created_at        DATETIME        NOT NULL,
	PRIMARY KEY (refund_id),
	KEY idx_earnings_refunds_vendor_order (vendor_order_id),
	CONSTRAINT fk_earnings_refunds_refund FOREIGN KEY (refund_id) REFERENCES refunds (id),
	CONSTRAINT fk_earnings_refunds_vendor_order FOREIGN KEY (vendor_order_id) REFERENCES vendor_orders (id),
	CONSTRAINT ck_earnings_refunds_amounts CHECK (amount_minor > 0 AND sale_minor >= 0 AND commission_minor >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE payouts (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	vendor_id         BIGINT UNSIGNED NOT NULL,
	amount_minor      BIGINT          NOT NULL,
	status            ENUM('requested','sent','cancelled') NOT NULL DEFAULT 'requested',
	source            ENUM('vendor','schedule') NOT NULL,
	period            VARCHAR(16)     NULL,              -- the schedule's period; NULL for a request
	requested_by      BIGINT UNSIGNED NULL,              -- the vendor's user; NULL for the schedule
	requested_at      DATETIME        NOT NULL,
	sent_at           DATETIME        NULL,
	sent_by           BIGINT UNSIGNED NULL,
	sent_reference    VARCHAR(64)     NULL,              -- the admin's note of the bank transfer
	cancelled_at      DATETIME        NULL,
	cancelled_by      BIGINT UNSIGNED NULL,
	cancel_reason     VARCHAR(500)    NULL,
	PRIMARY KEY (id),
	UNIQUE KEY uq_payouts_period (vendor_id, period),
	KEY idx_payouts_status (status, id),
	KEY idx_payouts_vendor (vendor_id, id),
	CONSTRAINT fk_payouts_vendor FOREIGN KEY (vendor_id) REFERENCES vendors (id),
	CONSTRAINT ck_payouts_amount CHECK (amount_minor > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE payout_schedule (
	id                TINYINT UNSIGNED NOT NULL,
	frequency         ENUM('off','weekly','monthly') NOT NULL DEFAULT 'off',
	minimum_minor     BIGINT          NOT NULL DEFAULT 0,
	updated_by        BIGINT UNSIGNED NULL,
	updated_at        DATETIME        NULL,
	PRIMARY KEY (id),
	CONSTRAINT ck_payout_schedule_one CHECK (id = 1),
	CONSTRAINT ck_payout_schedule_minimum CHECK (minimum_minor >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO payout_schedule (id) VALUES (1);
