-- 0006_listings: what a vendor keeps about each listing in the portal.
--
--   * low_stock_threshold: the vendor is warned (dashboard, listings page)
--     when stock falls to this number or below; 0 turns the warning off.
--   * weight_grams: the parcel weight of one unit, for shipping rates
--     later; 0 while the vendor has not given it.
--   * status gains 'review' (waiting for an admin before it is shown: the
--     moderation rules decide when, listing_publish() in cgi/lib/listing.c
--     is the one place that sets it) and 'archived' (taken off the shop by
--     the vendor, kept with its history; its page answers 410 with links to
--     similar products, and the vendor can restore it as a draft). The old
--     values stay valid: 'hidden' and 'removed' rows keep their meaning.
--     Only 'active' is ever shown to shoppers, so every storefront query of
--     0001_catalog.sql and its index stay as they are; new values go at the
--     end of the list, which changes no stored row.
--   * SKUs are unique per vendor (uq_products_vendor_sku); a listing
--     without one keeps sku NULL, which a unique key allows any number of
--     times. The key also serves the vendor's "search by SKU" (vendor_id,
--     then a prefix of sku).
ALTER TABLE products
	ADD COLUMN low_stock_threshold INT UNSIGNED NOT NULL DEFAULT 5 AFTER stock,
	ADD COLUMN weight_grams INT UNSIGNED NOT NULL DEFAULT 0 AFTER low_stock_threshold,
	MODIFY COLUMN status ENUM('draft','active','hidden','removed','review','archived')
		NOT NULL DEFAULT 'draft',
	ADD UNIQUE KEY uq_products_vendor_sku (vendor_id, sku);
