-- 0012_orders: orders, one vendor order per vendor of an order, the items
-- with their snapshots, payments, the provider events seen, and refunds.
--
-- Money is in minor units of the shop currency, tax included in every
-- price (prices include tax; tax_minor is the part of an amount that is
-- tax). For an order and for each vendor order:
--   total_minor = items_minor + shipping_minor - discount_minor
-- and the sums of the vendor orders' columns equal the order's. Items carry
-- the name, SKU, unit price, tax rate and commission as they were when the
-- order was placed, never looked up again.
--
-- orders.status:        awaiting_payment -> paid, or -> expired (nobody
--                       paid in time) / cancelled (payment failed or every
--                       vendor order cancelled before payment).
-- vendor_orders.status: awaiting_payment -> processing (the order is paid)
--                       -> shipped -> delivered; cancelled before shipping;
--                       refunded when all of it was paid back.
-- Each transition is one conditional UPDATE (WHERE status = <from>), so two
-- writers cannot both make it.
--
-- idempotency_key is the random key the checkout form carries: a second
-- submission with it finds the order instead of making another one;
-- cart_hash (SHA-256 of what was ordered) tells a resubmission of the same
-- cart from the same key with another cart, which is refused.
--
-- A guest's order is reached by a link carrying a token; only its hash is
-- kept (guest_token_hash). The shipping address is sealed as personal data
-- (crypt, as addresses.body_enc); ship_country stays plain for shipping
-- rules and reports.

CREATE TABLE orders (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	number            VARCHAR(24)     NOT NULL,          -- shown to people: 'BZ-000123'
	user_id           BIGINT UNSIGNED NULL,              -- NULL: a guest
	email             VARCHAR(254)    NOT NULL,          -- where the order's mails go
	email_verified_at DATETIME        NULL,              -- a guest's, by the order mail's link
	guest_token_hash  BINARY(32)      NULL,
	status            ENUM('awaiting_payment','paid','expired','cancelled') NOT NULL DEFAULT 'awaiting_payment',
	payment_method    ENUM('card','paypal','bank_transfer') NOT NULL,
	items_minor       BIGINT          NOT NULL,
	shipping_minor    BIGINT          NOT NULL DEFAULT 0,
	discount_minor    BIGINT          NOT NULL DEFAULT 0,
	tax_minor         BIGINT          NOT NULL DEFAULT 0,
	total_minor       BIGINT          NOT NULL,
	refunded_minor    BIGINT          NOT NULL DEFAULT 0,
	coupon_id         BIGINT UNSIGNED NULL,
	coupon_code       VARCHAR(40)     NULL,
	ship_name         VARCHAR(100)    NOT NULL DEFAULT '',
	ship_address_enc  VARBINARY(2048) NULL,
	ship_country      CHAR(2)         NOT NULL,
	bank_reference    VARCHAR(32)     NULL,              -- bank transfer: what the payer writes
	idempotency_key   VARCHAR(64)     NOT NULL,
	cart_hash         BINARY(32)      NOT NULL,
	placed_at         DATETIME(3)     NOT NULL,
	expires_at        DATETIME        NOT NULL,          -- unpaid after this: expired by a job
	paid_at           DATETIME        NULL,
	created_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_orders_number (number),
	UNIQUE KEY uq_orders_idempotency (idempotency_key),
	UNIQUE KEY uq_orders_bank_reference (bank_reference),
	KEY idx_orders_user (user_id, id),
	KEY idx_orders_status (status, expires_at),
	KEY idx_orders_placed (placed_at),
	CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id),
	CONSTRAINT ck_orders_total CHECK (total_minor = items_minor + shipping_minor - discount_minor),
	CONSTRAINT ck_orders_amounts CHECK (items_minor >= 0 AND shipping_minor >= 0 AND discount_minor >= 0
		AND tax_minor >= 0 AND total_minor >= 0 AND refunded_minor >= 0 AND refunded_minor <= total_minor)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE vendor_orders (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	order_id          BIGINT UNSIGNED NOT NULL,
	vendor_id         BIGINT UNSIGNED NOT NULL,
	number            VARCHAR(32)     NOT NULL,          -- the order's number and the vendor's place: 'BZ-000123-2'
	status            ENUM('awaiting_payment','processing','shipped','delivered','cancelled','refunded')
	                                  NOT NULL DEFAULT 'awaiting_payment',
	items_minor       BIGINT          NOT NULL,
	shipping_minor    BIGINT          NOT NULL DEFAULT 0,
	discount_minor    BIGINT          NOT NULL DEFAULT 0,  -- all of the coupon's share on this vendor order
	vendor_discount_minor BIGINT      NOT NULL DEFAULT 0,  -- the part of it the vendor bears
	tax_minor         BIGINT          NOT NULL DEFAULT 0,
	total_minor       BIGINT          NOT NULL,
	commission_minor  BIGINT          NOT NULL DEFAULT 0,  -- the marketplace's share (sum of the items')
	refunded_minor    BIGINT          NOT NULL DEFAULT 0,
	plan_id           BIGINT UNSIGNED NOT NULL,          -- the vendor's plan when the order was placed
	handling_days     INT UNSIGNED    NOT NULL DEFAULT 0,
	carrier           VARCHAR(60)     NULL,
	tracking_number   VARCHAR(100)    NULL,
	cancel_reason     VARCHAR(500)    NULL,
	cancelled_by      ENUM('customer','vendor','admin','system') NULL,
	shipped_at        DATETIME        NULL,
	delivered_at      DATETIME        NULL,
	cancelled_at      DATETIME        NULL,
	created_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_vendor_orders_order (order_id, vendor_id),
	UNIQUE KEY uq_vendor_orders_number (number),
	KEY idx_vendor_orders_vendor (vendor_id, status, id),
	KEY idx_vendor_orders_delivered (status, delivered_at),
	CONSTRAINT fk_vendor_orders_order FOREIGN KEY (order_id) REFERENCES orders (id),
	CONSTRAINT fk_vendor_orders_vendor FOREIGN KEY (vendor_id) REFERENCES vendors (id),
	CONSTRAINT ck_vendor_orders_total CHECK (total_minor = items_minor + shipping_minor - discount_minor),
	CONSTRAINT ck_vendor_orders_amounts CHECK (items_minor >= 0 AND shipping_minor >= 0 AND discount_minor >= 0
		AND vendor_discount_minor >= 0 AND vendor_discount_minor <= discount_minor
		AND tax_minor >= 0 AND commission_minor >= 0 AND refunded_minor >= 0 AND refunded_minor <= total_minor)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- line_minor = unit_price_minor * quantity; a line's share of the order's
-- discount is discount_minor (the shares add up to the vendor order's
-- discount exactly); tax_minor is the tax in (line_minor - discount_minor)
-- at tax_bp; commission_minor is the marketplace's share of the line by the
-- plan in force (commission_bp, with the plan's minimum and maximum).
-- restocked_qty and refunded_qty grow by conditional UPDATEs only
-- (never past quantity), so stock comes back once.
CREATE TABLE order_items (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	order_id          BIGINT UNSIGNED NOT NULL,
	vendor_order_id   BIGINT UNSIGNED NOT NULL,
	product_id        BIGINT UNSIGNED NOT NULL,
	name              VARCHAR(200)    NOT NULL,
	sku               VARCHAR(64)     NULL,
	unit_price_minor  BIGINT          NOT NULL,
	quantity          INT UNSIGNED    NOT NULL,
	line_minor        BIGINT          NOT NULL,
	discount_minor    BIGINT          NOT NULL DEFAULT 0,
	tax_bp            INT UNSIGNED    NOT NULL DEFAULT 0, -- 2000 = 20.00 %
	tax_minor         BIGINT          NOT NULL DEFAULT 0,
	commission_bp     INT UNSIGNED    NOT NULL DEFAULT 0,
	commission_minor  BIGINT          NOT NULL DEFAULT 0,
	refunded_qty      INT UNSIGNED    NOT NULL DEFAULT 0,
	restocked_qty     INT UNSIGNED    NOT NULL DEFAULT 0,
	PRIMARY KEY (id),
	KEY idx_order_items_order (order_id, id),
	KEY idx_order_items_vendor_order (vendor_order_id, id),
	KEY idx_order_items_product (product_id, order_id),
	CONSTRAINT fk_order_items_order FOREIGN KEY (order_id) REFERENCES orders (id),
	CONSTRAINT fk_order_items_vendor_order FOREIGN KEY (vendor_order_id) REFERENCES vendor_orders (id),
	CONSTRAINT fk_order_items_product FOREIGN KEY (product_id) REFERENCES products (id),
	CONSTRAINT ck_order_items_qty CHECK (quantity > 0 AND refunded_qty <= quantity AND restocked_qty <= quantity),
	CONSTRAINT ck_order_items_amounts CHECK (unit_price_minor >= 0 AND line_minor = unit_price_minor * quantity
		AND discount_minor >= 0 AND discount_minor <= line_minor AND tax_minor >= 0 AND commission_minor >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per attempt to pay an order through a provider ('sandbox', later a
-- real one) or by bank transfer ('bank'). provider_ref is the provider's id
-- of the payment. received_minor: what a bank transfer brought so far.
CREATE TABLE payments (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	order_id          BIGINT UNSIGNED NOT NULL,
	provider          VARCHAR(16)     NOT NULL,
	provider_ref      VARCHAR(64)     NULL,
	method            ENUM('card','paypal','bank_transfer') NOT NULL,
	status            ENUM('pending','succeeded','failed','cancelled') NOT NULL DEFAULT 'pending',
	amount_minor      BIGINT          NOT NULL,
	received_minor    BIGINT          NOT NULL DEFAULT 0,
	failure           VARCHAR(200)    NULL,              -- the provider's reason, shown to the customer
	created_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_payments_provider_ref (provider, provider_ref),
	KEY idx_payments_order (order_id, id),
	CONSTRAINT fk_payments_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every provider event acted on, once: inserted in the transaction of the
-- state change it causes, so a second delivery finds its key and does
-- nothing.
CREATE TABLE payment_events (
	provider          VARCHAR(16)     NOT NULL,
	event_id          VARCHAR(64)     NOT NULL,
	kind              VARCHAR(40)     NOT NULL,
	payment_id        BIGINT UNSIGNED NULL,
	received_at       DATETIME(3)     NOT NULL,
	PRIMARY KEY (provider, event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A refund of (part of) a vendor order. 'pending' is written first in its
-- own transaction together with the raise of vendor_orders.refunded_minor
-- (conditional: never past total_minor), then the provider is asked;
-- 'failed' gives the amount back (shown for retry), 'manual' is a bank
-- refund an admin makes by hand.
CREATE TABLE refunds (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	order_id          BIGINT UNSIGNED NOT NULL,
	vendor_order_id   BIGINT UNSIGNED NOT NULL,
	payment_id        BIGINT UNSIGNED NULL,
	amount_minor      BIGINT          NOT NULL,
	status            ENUM('pending','succeeded','failed','manual') NOT NULL DEFAULT 'pending',
	provider_ref      VARCHAR(64)     NULL,
	reason            VARCHAR(500)    NOT NULL DEFAULT '',
	failure           VARCHAR(200)    NULL,
	idempotency_key   VARCHAR(64)     NOT NULL,
	created_by        BIGINT UNSIGNED NULL,              -- the user; NULL for the system
	created_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_refunds_idempotency (idempotency_key),
	KEY idx_refunds_vendor_order (vendor_order_id, id),
	KEY idx_refunds_order (order_id, id),
	CONSTRAINT fk_refunds_order FOREIGN KEY (order_id) REFERENCES orders (id),
	CONSTRAINT fk_refunds_vendor_order FOREIGN KEY (vendor_order_id) REFERENCES vendor_orders (id),
	CONSTRAINT ck_refunds_amount CHECK (amount_minor > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every change of an order's or vendor order's state, for the order's
-- history on its pages (who, when, from, to, a note such as the tracking
-- number or the reason).
CREATE TABLE order_history (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	order_id          BIGINT UNSIGNED NOT NULL,
	vendor_order_id   BIGINT UNSIGNED NULL,              -- NULL: the order itself
	from_status       VARCHAR(20)     NOT NULL DEFAULT '',
	to_status         VARCHAR(20)     NOT NULL,
	actor_id          BIGINT UNSIGNED NULL,
	actor_role        ENUM('customer','vendor','admin','system') NOT NULL,
	note              VARCHAR(500)    NOT NULL DEFAULT '',
	at                DATETIME(3)     NOT NULL,
	PRIMARY KEY (id),
	KEY idx_order_history_order (order_id, id),
	CONSTRAINT fk_order_history_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
