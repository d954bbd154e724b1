-- 0015_coupons: discount codes, and each use an order holds.
--
-- A coupon is made by an admin (owner 'admin') or by a vendor for its own
-- products (owner 'vendor', always vendor_id = the shop and borne_by
-- 'vendor'). It takes a percentage (percent_bp, 1..10000 basis points) or a
-- fixed amount (amount_minor) off the items it applies to: every item of the
-- order, or only those of one vendor (vendor_id), or of one category
-- (category_id: that category or any below it). min_order_minor is compared
-- with what those items come to. borne_by says who pays for the discount:
-- the marketplace, or the vendor whose items it is taken from (then
-- vendor_id is set: a vendor bears only discounts on its own items).
-- The code is unique in the whole shop, in upper case (A-Z, 0-9, '-', '_').
-- starts_at <= now < ends_at by the shop's clock (cgi/lib/clock.c), each
-- end open when NULL. active = 0: deactivated by its owner, for good.
--
-- Limits. uses counts the uses held now: raised by one conditional UPDATE
-- (WHERE uses < max_uses, active, within its dates) in the transaction that
-- places the order, so however many orders race for the last use, the row
-- lock lets exactly one of them raise it; lowered again when an unpaid order
-- gives its use back (expired, payment failed, cancelled before payment).
-- coupon_uses has one row per use and customer identity: 'u:<user id>' for
-- a customer logged in, and always 'e:<email in lower case>' (so a guest
-- with a customer's address, or a customer under a new address, is still
-- the same customer). A held use takes a slot 1..per_customer of each
-- identity; the unique key (coupon_id, customer, slot) refuses a second
-- holder of a slot, whatever the timing. Giving a use back sets released_at
-- and clears the slot (NULL never collides), once: the release is a
-- conditional UPDATE WHERE released_at IS NULL.
--
-- Queries:
--   the code a shopper types:  WHERE code = ?                  (uq_coupons_code)
--   a vendor's coupons:        WHERE vendor_id = ? AND owner = 'vendor'
--                                                              (idx_coupons_vendor)
--   an order's uses:           WHERE order_id = ?              (idx_coupon_uses_order)
--   a customer's uses:         WHERE coupon_id = ? AND customer = ? (uq_coupon_uses_slot)

CREATE TABLE coupons (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	code              VARCHAR(40)     NOT NULL,
	owner             ENUM('admin','vendor') NOT NULL,
	kind              ENUM('percent','fixed') NOT NULL,
	percent_bp        INT UNSIGNED    NOT NULL DEFAULT 0,
	amount_minor      BIGINT          NOT NULL DEFAULT 0,
	min_order_minor   BIGINT          NOT NULL DEFAULT 0,
	starts_at         DATETIME        NULL,
	ends_at           DATETIME        NULL,
	max_uses          INT UNSIGNED    NULL,              -- NULL: no total limit
	uses              INT UNSIGNED    NOT NULL DEFAULT 0,
	per_customer      INT UNSIGNED    NULL,              -- NULL: no limit per customer
	vendor_id         BIGINT UNSIGNED NULL,
	category_id       BIGINT UNSIGNED NULL,
	borne_by          ENUM('marketplace','vendor') NOT NULL DEFAULT 'marketplace',
	note              VARCHAR(200)    NOT NULL DEFAULT '', -- what it is for, for the owner
	active            TINYINT(1)      NOT NULL DEFAULT 1,
	created_by        BIGINT UNSIGNED NULL,
	deactivated_at    DATETIME        NULL,
	created_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_coupons_code (code),
	KEY idx_coupons_vendor (vendor_id, owner, id),
	KEY idx_coupons_owner (owner, id),
	CONSTRAINT fk_coupons_vendor FOREIGN KEY (vendor_id) REFERENCES vendors (id),
	CONSTRAINT fk_coupons_category FOREIGN KEY (category_id) REFERENCES categories (id),
	CONSTRAINT fk_coupons_created_by FOREIGN KEY (created_by) REFERENCES users (id),
	CONSTRAINT ck_coupons_kind CHECK ((kind = 'percent' AND percent_bp BETWEEN 1 AND 10000 AND amount_minor = 0)
		OR (kind = 'fixed' AND percent_bp = 0 AND amount_minor > 0)),
	CONSTRAINT ck_coupons_amounts CHECK (min_order_minor >= 0 AND (per_customer IS NULL OR per_customer >= 1)
		AND (max_uses IS NULL OR max_uses >= 1)),
	CONSTRAINT ck_coupons_dates CHECK (starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at),
	CONSTRAINT ck_coupons_payer CHECK (borne_by = 'marketplace' OR vendor_id IS NOT NULL),
	CONSTRAINT ck_coupons_vendor_owner CHECK (owner = 'admin' OR (vendor_id IS NOT NULL AND borne_by = 'vendor'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE coupon_uses (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	coupon_id         BIGINT UNSIGNED NOT NULL,
	order_id          BIGINT UNSIGNED NOT NULL,
	customer          VARCHAR(256)    NOT NULL,          -- 'u:<user id>' or 'e:<email>'
	slot              INT UNSIGNED    NULL,              -- 1..per_customer while held
	held_at           DATETIME(3)     NOT NULL,
	released_at       DATETIME(3)     NULL,
	PRIMARY KEY (id),
	UNIQUE KEY uq_coupon_uses_slot (coupon_id, customer, slot),
	KEY idx_coupon_uses_order (order_id, coupon_id),
	KEY idx_coupon_uses_coupon (coupon_id, id),
	CONSTRAINT fk_coupon_uses_coupon FOREIGN KEY (coupon_id) REFERENCES coupons (id),
	CONSTRAINT fk_coupon_uses_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
