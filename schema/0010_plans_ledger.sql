-- 0010_plans_ledger: the terms of a plan, which plan a vendor was on when,
-- and the vendor ledger.
--
-- Plans gain the rest of their terms. A commission is commission_bp of an
-- item's price, raised to commission_min_minor and lowered to
-- commission_max_minor when they are set (NULL: no minimum / no maximum).
-- promotion_daily_rate_minor is what a day of a paid promotion costs.
--
-- vendor_plan_history: every assignment of a plan to a vendor with the time
-- from which it applies. vendors.plan_id stays the plan in force now (what
-- the pages show and the listing limit counts against); the history answers
-- "which plan did this vendor have at time T" (plan_for_vendor_at() in
-- cgi/lib/plan.c), so an order is charged by the plan in force when it was
-- placed, never by a later one. A vendor without any history row has had
-- vendors.plan_id from the start. Rows are only ever added.
--
-- vendor_ledger: every movement of money between the shop and a vendor, one
-- row each, never changed or deleted (triggers refuse UPDATE and DELETE; a
-- mistake is put right by a new entry of the opposite sign). The balance is
-- the SUM of a vendor's amounts and is stored nowhere else. amount_minor is
-- signed, from the vendor's side: a credit is positive, a fee negative.
-- (vendor_id, kind, reference) is unique, so an entry that must be written
-- once (the plan fee of a month: 'plan:2026-12'; the fee of a promotion:
-- 'promotion:42') is written once however often its writer runs. created_by
-- is the user who made the entry (an admin's credit), NULL for a job; it has
-- no foreign key, so the entry outlives the account. created_at comes from
-- the shop's clock (clock_now()), not the server's.
--
-- Queries:
--   balance:          SELECT SUM(amount_minor) FROM vendor_ledger WHERE vendor_id = ?
--                     (uq_vendor_ledger_ref's first column)
--   a vendor's list:  WHERE vendor_id = ? [AND kind = ?] [AND created_at >= ? AND < ?]
--                     ORDER BY created_at DESC, id DESC   (idx_vendor_ledger_time)

ALTER TABLE plans
	ADD COLUMN commission_min_minor BIGINT NULL AFTER commission_bp,
	ADD COLUMN commission_max_minor BIGINT NULL AFTER commission_min_minor,
	ADD COLUMN promotion_daily_rate_minor BIGINT NOT NULL DEFAULT 0 AFTER listing_limit,
	ADD CONSTRAINT ck_plans_commission_min CHECK (commission_min_minor IS NULL OR commission_min_minor >= 0),
	ADD CONSTRAINT ck_plans_commission_max CHECK (commission_max_minor IS NULL OR commission_max_minor >= 0),
	ADD CONSTRAINT ck_plans_commission_range CHECK (commission_min_minor IS NULL
		OR commission_max_minor IS NULL OR commission_min_minor <= commission_max_minor),
	ADD CONSTRAINT ck_plans_promotion_rate CHECK (promotion_daily_rate_minor >= 0);

CREATE TABLE vendor_plan_history (
	id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	vendor_id     BIGINT UNSIGNED NOT NULL,
	plan_id       BIGINT UNSIGNED NOT NULL,
	effective_at  DATETIME        NOT NULL,          -- applies to orders placed from then on
	assigned_by   BIGINT UNSIGNED NULL,              -- the admin; NULL for the shop itself
	created_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	KEY idx_vendor_plan_history_vendor (vendor_id, effective_at, id),
	CONSTRAINT fk_vendor_plan_history_vendor FOREIGN KEY (vendor_id) REFERENCES vendors (id),
	CONSTRAINT fk_vendor_plan_history_plan FOREIGN KEY (plan_id) REFERENCES plans (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The plan every existing vendor has had since it signed up.
INSERT INTO vendor_plan_history (vendor_id, plan_id, effective_at)
	SELECT id, plan_id, created_at FROM vendors;

CREATE TABLE vendor_ledger (
	id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	vendor_id     BIGINT UNSIGNED NOT NULL,
	kind          ENUM('promotion_fee', 'promotion_refund', 'plan_fee', 'credit', 'debit',
	                   'sale', 'commission', 'refund', 'payout') NOT NULL,
	amount_minor  BIGINT          NOT NULL,          -- signed: + to the vendor, - from the vendor
	reference     VARCHAR(64)     NOT NULL,          -- 'promotion:42', 'plan:2026-12', 'admin:<key>'
	note          VARCHAR(500)    NOT NULL DEFAULT '',
	created_by    BIGINT UNSIGNED NULL,              -- the user; NULL for a job
	created_at    DATETIME        NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY uq_vendor_ledger_ref (vendor_id, kind, reference),
	KEY idx_vendor_ledger_time (vendor_id, created_at, id),
	CONSTRAINT fk_vendor_ledger_vendor FOREIGN KEY (vendor_id) REFERENCES vendors (id),
	CONSTRAINT ck_vendor_ledger_amount CHECK (amount_minor <> 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER vendor_ledger_no_update BEFORE UPDATE ON vendor_ledger FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'vendor_ledger is append-only';
CREATE TRIGGER vendor_ledger_no_delete BEFORE DELETE ON vendor_ledger FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'vendor_ledger is append-only';
