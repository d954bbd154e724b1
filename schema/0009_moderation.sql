-- 0009_moderation: listings reviewed before they are published.
--
-- A listing is held for review (products.status = 'review', off the
-- storefront) when its vendor's setting says so or when its text contains a
-- prohibited word; cgi/lib/moderation.c decides, listing_publish() applies
-- it, and the admin site approves (the listing goes live) or rejects it with
-- a reason (back to draft; the vendor reads the reason, edits and publishes
-- again, which opens a new review).
--
-- The vendor's setting (vendors.listing_review):
--   off    listings publish at once (unless a prohibited word holds one);
--   first  the vendor's first listing_review_first listings are reviewed:
--          while fewer of its products than that have ever been approved,
--          every listing it publishes waits for an admin;
--   all    every listing it publishes or edits while live waits.
-- A vendor verified on the admin site gets 'first' with the marketplace
-- default count, BAZAAR_REVIEW_FIRST_LISTINGS (docs/configuration.md; 0
-- leaves the setting 'off'). The default is configuration, not a table: it
-- is the operator's policy, read where it is applied (the approval of a
-- vendor), and the per-vendor setting on the admin vendor page is where
-- exceptions are made. Vendors verified before this file keep 'off'.

ALTER TABLE vendors
	ADD COLUMN listing_review       ENUM('off','first','all') NOT NULL DEFAULT 'off' AFTER status,
	ADD COLUMN listing_review_first SMALLINT UNSIGNED NOT NULL DEFAULT 0 AFTER listing_review;

-- One row per submission of a listing for review. The submitted columns are
-- a snapshot of the listing as the vendor sent it; the approved_* columns a
-- snapshot of the version last approved (or live before the edit), NULL for
-- a listing never approved, so the queue can show what changed field by
-- field. images: one line per image, "<path> <alt text>", in position order.
--
-- At most one review of a product is pending (uq_listing_reviews_open on
-- the generated column open_product_id, NULL once decided). A vendor who
-- edits a listing while it waits replaces the snapshot of the pending row
-- and adds one to revision, so an admin's decision made on an older
-- revision is refused instead of approving what the admin did not see.
-- Decisions are taken once: UPDATE ... WHERE id = ? AND status = 'pending'.
--
--   -- The queue, oldest first (idx_listing_reviews_queue):
--   SELECT ... FROM listing_reviews r WHERE r.status = 'pending'
--    ORDER BY r.submitted_at, r.id LIMIT ? OFFSET ?;
--   -- The reviews of a product, newest first (idx_listing_reviews_product).
CREATE TABLE listing_reviews (
	id                     BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	product_id             BIGINT UNSIGNED NOT NULL,
	vendor_id              BIGINT UNSIGNED NOT NULL,
	status                 ENUM('pending','approved','rejected') NOT NULL DEFAULT 'pending',
	cause                  VARCHAR(500)    NOT NULL DEFAULT '', -- why it is held: the vendor's setting, the words found
	revision               INT UNSIGNED    NOT NULL DEFAULT 1,
	name                   VARCHAR(200)    NOT NULL,
	description            TEXT            NOT NULL,
	price_minor            BIGINT          NOT NULL,
	category_id            BIGINT UNSIGNED NOT NULL,
	images                 TEXT            NOT NULL,
	approved_name          VARCHAR(200)    NULL,
	approved_description   TEXT            NULL,
	approved_price_minor   BIGINT          NULL,
	approved_category_id   BIGINT UNSIGNED NULL,
	approved_images        TEXT            NULL,
	reason                 VARCHAR(2000)   NULL,               -- why it was rejected, shown to the vendor
	decided_by             BIGINT UNSIGNED NULL,
	submitted_at           DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at             DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	decided_at             DATETIME        NULL,
	open_product_id        BIGINT UNSIGNED AS (IF(status = 'pending', product_id, NULL)) PERSISTENT,
	PRIMARY KEY (id),
	UNIQUE KEY uq_listing_reviews_open (open_product_id),
	KEY idx_listing_reviews_queue (status, submitted_at, id),
	KEY idx_listing_reviews_product (product_id, id),
	KEY idx_listing_reviews_vendor (vendor_id, status, product_id),
	CONSTRAINT fk_listing_reviews_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE,
	CONSTRAINT fk_listing_reviews_vendor FOREIGN KEY (vendor_id) REFERENCES vendors (id) ON DELETE CASCADE,
	CONSTRAINT fk_listing_reviews_decided_by FOREIGN KEY (decided_by) REFERENCES users (id) ON DELETE SET NULL,
	CONSTRAINT ck_listing_reviews_reason CHECK (status <> 'rejected' OR reason IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Words and phrases that hold a listing for review wherever they appear in
-- its name, description or image texts as whole words, whatever their case
-- (moderation_match in cgi/lib/moderation.c). word is stored as the admin
-- typed it, tidied; folded is its match form (lower case, one space between
-- words), unique, so "Replica" and "replica" are one entry.
CREATE TABLE prohibited_words (
	id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	word        VARCHAR(100)    NOT NULL,
	folded      VARCHAR(100)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	added_by    BIGINT UNSIGNED NULL,
	added_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_prohibited_words_folded (folded),
	CONSTRAINT fk_prohibited_words_added_by FOREIGN KEY (added_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
