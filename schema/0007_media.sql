-- Uploaded pictures (cgi/lib/media.h). One row per picture stored, whoever
-- sent it: the same file sent twice is one row. Its files live under the
-- media root (BAZAAR_MEDIA_DIR, served at /media/), named by the hash:
--   m/<hash's first two digits>/<hash>-<size>.<webp|jpg>, size 200, 600, 1200
-- (never wider than the original: a narrower picture keeps its width).
--
-- Product images, a shop's logo and its banner point at a row; the foreign
-- keys refuse to delete a row in use. A row nothing points at for longer
-- than BAZAAR_MEDIA_GRACE seconds (last_used_at: stored or sent again) is
-- deleted with its files by bazaar-cleanup (media_purge):
--   SELECT m.id FROM media m WHERE m.last_used_at < ? AND NOT EXISTS (...)
--    ORDER BY m.id LIMIT ?;                                (idx_media_last_used)
-- product_images.path of such an image is its 600 JPEG ("m/ab/<hash>-600.jpg"),
-- so every page that shows one file keeps working; the pages that offer
-- several sizes derive the other names from it. width and height are those
-- of its largest size. Older images (path "p/..." and media_id NULL) stay
-- as they are.
CREATE TABLE media (
	id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	hash          CHAR(32)        NOT NULL,         -- BLAKE2b-128 of the original, hex
	type          ENUM('jpeg','png','webp','gif') NOT NULL, -- of the original
	bytes         INT UNSIGNED    NOT NULL,         -- size of the original
	width         INT UNSIGNED    NOT NULL,         -- of the largest size stored
	height        INT UNSIGNED    NOT NULL,
	created_at    DATETIME        NOT NULL,
	last_used_at  DATETIME        NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY uq_media_hash (hash),
	KEY idx_media_last_used (last_used_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE product_images
	ADD COLUMN media_id BIGINT UNSIGNED NULL AFTER path,
	ADD KEY idx_product_images_media (media_id),
	ADD CONSTRAINT fk_product_images_media FOREIGN KEY (media_id) REFERENCES media (id);

ALTER TABLE vendors
	ADD COLUMN logo_media_id BIGINT UNSIGNED NULL,
	ADD COLUMN banner_media_id BIGINT UNSIGNED NULL,
	ADD KEY idx_vendors_logo (logo_media_id),
	ADD KEY idx_vendors_banner (banner_media_id),
	ADD CONSTRAINT fk_vendors_logo FOREIGN KEY (logo_media_id) REFERENCES media (id),
	ADD CONSTRAINT fk_vendors_banner FOREIGN KEY (banner_media_id) REFERENCES media (id);
