-- 0013_cart: shopping carts.
--
-- A cart belongs either to a user (user_id, one per user: it survives
-- logout and is the same on every device) or to an anonymous visitor
-- (visitor_hash: SHA-256 of the bz_visitor cookie's id, so the table alone
-- does not give anybody a cart; one per visitor). Logging in merges the
-- visitor's cart into the user's and deletes it (cgi/lib/cart.c).
-- header_key is a random id the owner's browser holds in the bz_hk cookie:
-- nginx fills the per-visitor header of a cached page from memcached under
-- "bz:hd:<header_key>" (cgi/lib/hdr.h); it names no account and opens
-- nothing.
--
-- cart_items holds one row per product of a cart: quantity 1..99, either to
-- buy or saved for later (saved = 1), and the price when it was added, so
-- the cart can say that the price changed since. Stock and status are read
-- from products when the cart is shown, never copied here. Order placement
-- deletes the rows it bought (cart_remove_ordered) in its transaction.

CREATE TABLE carts (
	id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	user_id       BIGINT UNSIGNED NULL,
	visitor_hash  BINARY(32)      NULL,
	header_key    CHAR(32)        NOT NULL,          -- names the owner's header fragment in memcached
	created_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_carts_user (user_id),
	UNIQUE KEY uq_carts_visitor (visitor_hash),
	UNIQUE KEY uq_carts_header_key (header_key),
	KEY idx_carts_updated (updated_at),
	CONSTRAINT fk_carts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT ck_carts_owner CHECK ((user_id IS NULL) <> (visitor_hash IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE cart_items (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	cart_id           BIGINT UNSIGNED NOT NULL,
	product_id        BIGINT UNSIGNED NOT NULL,
	quantity          INT             NOT NULL,
	saved             TINYINT(1)      NOT NULL DEFAULT 0,  -- 1: saved for later, not bought
	price_added_minor BIGINT          NOT NULL,            -- the product's price when added
	added_at          DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_cart_items_product (cart_id, product_id),
	KEY idx_cart_items_product (product_id),
	CONSTRAINT fk_cart_items_cart FOREIGN KEY (cart_id) REFERENCES carts (id) ON DELETE CASCADE,
	CONSTRAINT fk_cart_items_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE,
	CONSTRAINT ck_cart_items_quantity CHECK (quantity BETWEEN 1 AND 99),
	CONSTRAINT ck_cart_items_price CHECK (price_added_minor >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
