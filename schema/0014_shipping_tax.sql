-- 0014_shipping_tax: each shop's terms of delivery, payment and returns,
-- the countries it ships to, and the tax rate of each category.
--
-- vendor_shipping holds one row per shop that saved its terms on
-- /vendor/shipping; a shop without a row has the defaults written in
-- cgi/lib/shipping.h (free delivery to the marketplace's own country only,
-- every payment method, a 14-day return window). Shipping is charged once
-- per vendor order: flat_rate_minor, or nothing when the vendor order's
-- items come to at least free_above_minor (NULL: never free). The delivery
-- window shown to shoppers is handling_days + transit_min_days to
-- handling_days + transit_max_days days after the order is paid.
-- methods is the set of payment methods the shop accepts: an order from
-- several shops can be paid only by a method every one of them accepts.
-- return_days is the return window after delivery (0: no returns beyond
-- what the law gives; the policy text says which).
--
-- categories.tax_bp is the tax rate of the products filed in a category, in
-- basis points (2000 = 20.00 %). Prices include tax. NULL in a
-- sub-category: the rate of its top category; NULL in a top category: 0.

ALTER TABLE categories
	ADD COLUMN tax_bp INT UNSIGNED NULL AFTER depth,
	ADD CONSTRAINT ck_categories_tax CHECK (tax_bp IS NULL OR tax_bp <= 10000);

CREATE TABLE vendor_shipping (
	vendor_id         BIGINT UNSIGNED NOT NULL,
	flat_rate_minor   BIGINT          NOT NULL DEFAULT 0,
	free_above_minor  BIGINT          NULL,
	handling_days     INT UNSIGNED    NOT NULL DEFAULT 2,
	transit_min_days  INT UNSIGNED    NOT NULL DEFAULT 1,
	transit_max_days  INT UNSIGNED    NOT NULL DEFAULT 5,
	methods           SET('card','paypal','bank_transfer') NOT NULL DEFAULT 'card,paypal,bank_transfer',
	return_days       INT UNSIGNED    NOT NULL DEFAULT 14,
	return_policy     VARCHAR(2000)   NOT NULL DEFAULT '',
	updated_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (vendor_id),
	CONSTRAINT fk_vendor_shipping_vendor FOREIGN KEY (vendor_id) REFERENCES vendors (id),
	CONSTRAINT ck_vendor_shipping_amounts CHECK (flat_rate_minor >= 0
		AND (free_above_minor IS NULL OR free_above_minor >= 0)),
	CONSTRAINT ck_vendor_shipping_days CHECK (handling_days <= 60 AND transit_min_days <= transit_max_days
		AND transit_max_days <= 90 AND return_days <= 365),
	CONSTRAINT ck_vendor_shipping_methods CHECK (methods <> '')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The countries (ISO 3166-1 alpha-2) a shop with a vendor_shipping row
-- delivers to; none: it delivers nowhere (its listings cannot be bought).
CREATE TABLE vendor_ship_countries (
	vendor_id         BIGINT UNSIGNED NOT NULL,
	country           CHAR(2)         NOT NULL,
	PRIMARY KEY (vendor_id, country),
	CONSTRAINT fk_vendor_ship_countries_vendor FOREIGN KEY (vendor_id) REFERENCES vendors (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
