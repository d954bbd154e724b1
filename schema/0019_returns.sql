-- 0019_returns: what each refund paid back item by item, retries of a
-- failed refund, and returns (a customer's request to send items back, the
-- vendor's decision, an admin's when the customer escalates a refusal).
--
-- A refund (0012's refunds) is made in three steps (cgi/lib/refund.c):
--  1. one transaction raises vendor_orders.refunded_minor and each item's
--     order_items.refunded_qty by conditional UPDATEs (never past what was
--     paid) and writes the refund 'pending' with its refund_items;
--  2. the provider is asked (outside any transaction), or nobody is: a bank
--     transfer is paid back by hand ('manual');
--  3. one transaction records the answer: 'succeeded' / 'manual' puts the
--     items marked for restock back in stock (order_items.restocked_qty,
--     conditional, with the stock history) and reverses the ledger; 'failed'
--     gives the amounts of step 1 back, so a failed refund changes nothing
--     and waits for a retry (attempts counts the provider calls).

CREATE TABLE refund_items (
	refund_id         BIGINT UNSIGNED NOT NULL,
	order_item_id     BIGINT UNSIGNED NOT NULL,
	quantity          INT UNSIGNED    NOT NULL DEFAULT 0, -- units paid back (order_items.refunded_qty)
	restock           INT UNSIGNED    NOT NULL DEFAULT 0, -- units back to stock when the refund is made
	PRIMARY KEY (refund_id, order_item_id),
	KEY idx_refund_items_item (order_item_id),
	CONSTRAINT fk_refund_items_refund FOREIGN KEY (refund_id) REFERENCES refunds (id),
	CONSTRAINT fk_refund_items_item FOREIGN KEY (order_item_id) REFERENCES order_items (id),
	CONSTRAINT ck_refund_items_qty CHECK (quantity > 0 OR restock > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE refunds
	ADD COLUMN attempts  INT UNSIGNED NOT NULL DEFAULT 0 AFTER failure,
	ADD COLUMN return_id BIGINT UNSIGNED NULL AFTER vendor_order_id,
	ADD COLUMN completed_at DATETIME NULL AFTER created_by,
	ADD KEY idx_refunds_status (status, id);

-- returns.status:
--   requested -> accepted (the vendor, with instructions) | refused (the
--   vendor, with a reason); refused -> escalated (the customer, with a
--   note); escalated -> accepted | closed (an admin decides, with a note);
--   accepted -> received (the vendor or an admin got the parcel; the refund
--   is asked) -> refunded (the refund was made). A received return whose
--   refund failed stays received, shown for retry.
-- One return of a vendor order is open at a time (requested, accepted,
-- escalated, received): open_vendor_order is its vendor order then, NULL
-- otherwise, and unique.
CREATE TABLE returns (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	order_id          BIGINT UNSIGNED NOT NULL,
	vendor_order_id   BIGINT UNSIGNED NOT NULL,
	user_id           BIGINT UNSIGNED NULL,
	status            ENUM('requested','accepted','refused','escalated','closed','received','refunded')
	                                  NOT NULL DEFAULT 'requested',
	reason            VARCHAR(500)    NOT NULL,
	instructions      VARCHAR(1000)   NULL,               -- the vendor's (or admin's) way to send it
	refusal           VARCHAR(500)    NULL,               -- the vendor's reason to refuse
	escalation        VARCHAR(500)    NULL,               -- the customer's note to the admin
	admin_note        VARCHAR(500)    NULL,               -- the admin's decision, as the customer reads it
	restock           TINYINT(1)      NOT NULL DEFAULT 0, -- chosen on receipt
	refund_id         BIGINT UNSIGNED NULL,
	amount_minor      BIGINT          NOT NULL,           -- what the items are paid back
	requested_at      DATETIME        NOT NULL,
	decided_at        DATETIME        NULL,
	escalated_at      DATETIME        NULL,
	received_at       DATETIME        NULL,
	updated_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	open_vendor_order BIGINT UNSIGNED AS (IF(status IN ('requested','accepted','escalated','received'),
	                                        vendor_order_id, NULL)) PERSISTENT,
	PRIMARY KEY (id),
	UNIQUE KEY uq_returns_open (open_vendor_order),
	KEY idx_returns_vendor_order (vendor_order_id, id),
	KEY idx_returns_order (order_id, id),
	KEY idx_returns_status (status, id),
	CONSTRAINT fk_returns_order FOREIGN KEY (order_id) REFERENCES orders (id),
	CONSTRAINT fk_returns_vendor_order FOREIGN KEY (vendor_order_id) REFERENCES vendor_orders (id),
	CONSTRAINT fk_returns_refund FOREIGN KEY (refund_id) REFERENCES refunds (id),
	CONSTRAINT ck_returns_amount CHECK (amount_minor >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE return_items (
	return_id         BIGINT UNSIGNED NOT NULL,
	order_item_id     BIGINT UNSIGNED NOT NULL,
	quantity          INT UNSIGNED    NOT NULL,
	PRIMARY KEY (return_id, order_item_id),
	KEY idx_return_items_item (order_item_id),
	CONSTRAINT fk_return_items_return FOREIGN KEY (return_id) REFERENCES returns (id),
	CONSTRAINT fk_return_items_item FOREIGN KEY (order_item_id) REFERENCES order_items (id),
	CONSTRAINT ck_return_items_qty CHECK (quantity > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
