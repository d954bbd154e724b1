-- Inventory: every change of a product's stock, with its reason and who made
-- it (cgi/lib/stock.c writes a row in the transaction that changes
-- products.stock, so the changes of a product add up to its stock).
--
-- Append-only: the triggers refuse UPDATE and DELETE. A product's history
-- goes with the product (ON DELETE CASCADE: foreign-key actions fire no
-- triggers), and a deleted user's changes stay with user_id NULL.
--
-- Queries: a product's history, newest first (the vendor's stock page):
--   WHERE product_id = ? ORDER BY id DESC LIMIT ? OFFSET ?  -> idx_stock_adj_product
CREATE TABLE stock_adjustments (
	id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	product_id   BIGINT UNSIGNED NOT NULL,
	vendor_id    BIGINT UNSIGNED NOT NULL,
	delta        INT             NOT NULL,          -- units added (negative: taken away)
	reason       ENUM('received','damaged','correction','sale','return') NOT NULL,
	note         VARCHAR(500)    NOT NULL DEFAULT '',
	stock_after  INT             NOT NULL,          -- products.stock after the change
	user_id      BIGINT UNSIGNED NULL,              -- who; NULL: the system (or a deleted user)
	created_at   DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),  -- UTC
	PRIMARY KEY (id),
	KEY idx_stock_adj_product (product_id, id),
	KEY idx_stock_adj_vendor (vendor_id, id),
	CONSTRAINT fk_stock_adj_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE,
	CONSTRAINT fk_stock_adj_vendor FOREIGN KEY (vendor_id) REFERENCES vendors (id) ON DELETE CASCADE,
	CONSTRAINT fk_stock_adj_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL,
	CONSTRAINT ck_stock_adj_delta CHECK (delta <> 0),
	CONSTRAINT ck_stock_adj_after CHECK (stock_after >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER stock_adjustments_no_update BEFORE UPDATE ON stock_adjustments FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'stock_adjustments is append-only';
CREATE TRIGGER stock_adjustments_no_delete BEFORE DELETE ON stock_adjustments FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'stock_adjustments is append-only';
