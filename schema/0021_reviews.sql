-- 0021_reviews: product reviews by the people who bought the product, the
-- ratings computed from them, and the queue of reported content.
--
-- A review belongs to one delivered order item of its author (one review per
-- order item: uq_reviews_item), so every review is a verified purchase.
-- reviews.status:
--   published  shown, and counted in the product's and the shop's rating;
--   held       a banned word (prohibited_words, 0009) was found in it: it
--              waits in the moderation queue, shown to nobody but its author
--              and counted nowhere, until an admin keeps (publishes) it or
--              hides it;
--   hidden     an admin hid it with a reason (mailed to the author); it
--              leaves the average.
-- edited_at is set when the author changed it after posting (within
-- BAZAAR_REVIEW_EDIT_DAYS): the page marks it edited. The shop may answer once
-- (reply, replied_at); the answer cannot be changed.
--
-- products.rating_avg / rating_count and vendors.rating_avg / rating_count
-- are derived: cgi/lib/review.c recomputes them from the published reviews
-- in the transaction that changes a review, with the product's row locked
-- first (so two changes of one product's reviews take turns), and tells the
-- caches after commit. They are NULL / 0 until there is a published review.
ALTER TABLE products
	ADD COLUMN rating_avg   DECIMAL(3,2) NULL,
	ADD COLUMN rating_count INT UNSIGNED NOT NULL DEFAULT 0;

ALTER TABLE vendors
	ADD COLUMN rating_avg   DECIMAL(3,2) NULL,
	ADD COLUMN rating_count INT UNSIGNED NOT NULL DEFAULT 0;

CREATE TABLE reviews (
	id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	order_item_id   BIGINT UNSIGNED NOT NULL,
	product_id      BIGINT UNSIGNED NOT NULL,
	vendor_id       BIGINT UNSIGNED NOT NULL,
	user_id         BIGINT UNSIGNED NOT NULL,
	rating          TINYINT UNSIGNED NOT NULL,
	title           VARCHAR(120)    NOT NULL,
	body            TEXT            NOT NULL,
	status          ENUM('published','held','hidden') NOT NULL DEFAULT 'published',
	status_reason   VARCHAR(500)    NULL,              -- why held (the words) or hidden (the admin's reason)
	helpful_count   INT UNSIGNED    NOT NULL DEFAULT 0,
	created_at      DATETIME        NOT NULL,
	edited_at       DATETIME        NULL,
	reply           TEXT            NULL,
	replied_at      DATETIME        NULL,
	replied_by      BIGINT UNSIGNED NULL,
	PRIMARY KEY (id),
	UNIQUE KEY uq_reviews_item (order_item_id),
	KEY idx_reviews_newest (product_id, status, created_at, id),
	KEY idx_reviews_helpful (product_id, status, helpful_count, id),
	KEY idx_reviews_rating (product_id, status, rating, id),
	KEY idx_reviews_vendor (vendor_id, status, id),
	KEY idx_reviews_user (user_id, id),
	CONSTRAINT fk_reviews_item FOREIGN KEY (order_item_id) REFERENCES order_items (id),
	CONSTRAINT fk_reviews_product FOREIGN KEY (product_id) REFERENCES products (id),
	CONSTRAINT fk_reviews_vendor FOREIGN KEY (vendor_id) REFERENCES vendors (id),
	CONSTRAINT fk_reviews_user FOREIGN KEY (user_id) REFERENCES users (id),
	CONSTRAINT fk_reviews_replied_by FOREIGN KEY (replied_by) REFERENCES users (id) ON DELETE SET NULL,
	CONSTRAINT ck_reviews_rating CHECK (rating BETWEEN 1 AND 5)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Up to four pictures of a review, stored through the media pipeline
-- (cgi/lib/media.c); the media row cannot go while a review uses it.
CREATE TABLE review_photos (
	review_id       BIGINT UNSIGNED NOT NULL,
	position        TINYINT UNSIGNED NOT NULL,
	media_id        BIGINT UNSIGNED NOT NULL,
	path            VARCHAR(48)     NOT NULL,
	width           INT UNSIGNED    NOT NULL,
	height          INT UNSIGNED    NOT NULL,
	PRIMARY KEY (review_id, position),
	KEY idx_review_photos_media (media_id),
	CONSTRAINT fk_review_photos_review FOREIGN KEY (review_id) REFERENCES reviews (id) ON DELETE CASCADE,
	CONSTRAINT fk_review_photos_media FOREIGN KEY (media_id) REFERENCES media (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- "Helpful": one vote per account and review (the primary key), counted into
-- reviews.helpful_count by the insert that adds it.
CREATE TABLE review_votes (
	review_id       BIGINT UNSIGNED NOT NULL,
	user_id         BIGINT UNSIGNED NOT NULL,
	created_at      DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (review_id, user_id),
	KEY idx_review_votes_user (user_id),
	CONSTRAINT fk_review_votes_review FOREIGN KEY (review_id) REFERENCES reviews (id) ON DELETE CASCADE,
	CONSTRAINT fk_review_votes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Content waiting for a moderator: a review or a chat message someone
-- reported (reporter_id, one report per person and object), or a review
-- held for a banned word (reporter_id NULL). kind names the table of
-- object_id: 'review' -> reviews, 'message' -> the chat's messages.
-- An admin's decision closes every open report of the object at once:
-- 'hidden' (with the reason mailed to the author) or 'kept'; the audit log
-- has the decision too.
--   -- The queue, oldest first, one line per object (idx_content_reports_queue):
--   SELECT kind, object_id, COUNT(*), MIN(created_at) FROM content_reports
--    WHERE status = 'open' GROUP BY kind, object_id ORDER BY MIN(created_at)
CREATE TABLE content_reports (
	id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	kind            ENUM('review','message') NOT NULL,
	object_id       BIGINT UNSIGNED NOT NULL,
	reporter_id     BIGINT UNSIGNED NULL,
	reason          VARCHAR(500)    NOT NULL,
	status          ENUM('open','hidden','kept') NOT NULL DEFAULT 'open',
	created_at      DATETIME        NOT NULL,
	decided_by      BIGINT UNSIGNED NULL,
	decided_at      DATETIME        NULL,
	decision_reason VARCHAR(500)    NULL,
	PRIMARY KEY (id),
	UNIQUE KEY uq_content_reports_reporter (kind, object_id, reporter_id),
	KEY idx_content_reports_queue (status, created_at, id),
	KEY idx_content_reports_object (kind, object_id, status),
	CONSTRAINT fk_content_reports_reporter FOREIGN KEY (reporter_id) REFERENCES users (id) ON DELETE SET NULL,
	CONSTRAINT fk_content_reports_decided_by FOREIGN KEY (decided_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
