-- 0024_wishlists: products a shopper saved, in named lists.
--
-- wishlists: an account's lists ("Saved" is made with the first product
-- saved from a product page). share_token: NULL while the list is private;
-- else 32 random hex characters, the list's read-only address /w/<token>
-- (stored as it is: it opens nothing but that list, and its owner sees it
-- again on the lists page; sharing anew makes a new one, stopping kills it).
--
-- wishlist_items: a product in a list, with what the shopper last saw of it
-- (price_seen_minor, in_stock_seen): the wishlist job (cgi/jobs/wishlist.c)
-- reads each product.changed event and tells the owners of lists holding a
-- product that became cheaper than that, or came back in stock, then
-- records the new values.
--
-- wishlist_mail_days: the days a person got a wishlist mail: at most one a
-- day (the other changes of that day are lines in the notification centre).

CREATE TABLE wishlists (
	id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	user_id      BIGINT UNSIGNED NOT NULL,
	name         VARCHAR(100)    NOT NULL,
	share_token  CHAR(32)        NULL,
	created_at   DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_wishlists_share (share_token),
	KEY idx_wishlists_user (user_id, id),
	CONSTRAINT fk_wishlists_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE wishlist_items (
	wishlist_id      BIGINT UNSIGNED NOT NULL,
	product_id       BIGINT UNSIGNED NOT NULL,
	price_seen_minor BIGINT          NOT NULL,
	in_stock_seen    TINYINT(1)      NOT NULL,
	added_at         DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (wishlist_id, product_id),
	KEY idx_wishlist_items_product (product_id),
	CONSTRAINT fk_wishlist_items_list FOREIGN KEY (wishlist_id) REFERENCES wishlists (id) ON DELETE CASCADE,
	CONSTRAINT fk_wishlist_items_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE wishlist_mail_days (
	user_id  BIGINT UNSIGNED NOT NULL,
	day      DATE            NOT NULL,
	PRIMARY KEY (user_id, day),
	CONSTRAINT fk_wishlist_mail_days_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
