-- 0030_personal: what the shop remembers to show a shopper things of their
-- own (cgi/lib/personal.h).
--
-- users.personalise: 1 (the default) while the shopper lets the shop use
-- what they viewed and bought to choose what it shows them (recently
-- viewed, "for you", Sponsored products from their interests); 0 after they
-- turned it off on their account page: they get only what the page itself
-- shows everybody, and nothing of theirs is recorded.
--
-- recently_viewed: the products a logged-in shopper viewed, the latest
-- PERSONAL_KEEP per user (older rows are deleted as new ones arrive). An
-- anonymous visitor's list lives only in their browser (the bz_rv cookie).
-- Deleted with the account and by "Clear" (POST /recent/clear).

ALTER TABLE users ADD COLUMN personalise TINYINT(1) NOT NULL DEFAULT 1;

CREATE TABLE recently_viewed (
	user_id     BIGINT UNSIGNED NOT NULL,
	product_id  BIGINT UNSIGNED NOT NULL,
	viewed_at   DATETIME        NOT NULL,
	PRIMARY KEY (user_id, product_id),
	KEY idx_recently_viewed_user (user_id, viewed_at),
	CONSTRAINT fk_recently_viewed_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT fk_recently_viewed_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
