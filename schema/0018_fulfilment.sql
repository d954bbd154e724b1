-- 0018_fulfilment: invoices of vendor orders.
--
-- A vendor order gets its invoice the first time anyone asks for it once
-- it is paid (cgi/lib/invoice.c). The invoice is the vendor's: numbered in
-- the vendor's own unbroken sequence (seq 1, 2, 3 ... per vendor, taken
-- under a lock of the vendor's row, so two at once never share a number),
-- shown as number 'INV-<vendor id>-<seq, 6 digits>'. The vendor's legal
-- details are copied when it is issued, so a later change of the business
-- profile does not rewrite an invoice already sent; the business address is
-- sealed as personal data (crypt, like vendors.address_enc), for the row
-- (invoices, address_enc, vendor_order_id). Amounts, items and tax are read
-- from the order's own snapshot rows, which never change.
CREATE TABLE invoices (
	vendor_order_id     BIGINT UNSIGNED NOT NULL,
	vendor_id           BIGINT UNSIGNED NOT NULL,
	seq                 INT UNSIGNED    NOT NULL,
	number              VARCHAR(32)     NOT NULL,
	legal_name          VARCHAR(200)    NOT NULL,
	registration_number VARCHAR(64)     NOT NULL DEFAULT '',
	tax_id              VARCHAR(64)     NOT NULL DEFAULT '',
	address_enc         VARBINARY(1024) NULL,
	issued_at           DATETIME        NOT NULL,
	PRIMARY KEY (vendor_order_id),
	UNIQUE KEY uq_invoices_vendor_seq (vendor_id, seq),
	UNIQUE KEY uq_invoices_number (number),
	CONSTRAINT fk_invoices_vendor_order FOREIGN KEY (vendor_order_id) REFERENCES vendor_orders (id),
	CONSTRAINT fk_invoices_vendor FOREIGN KEY (vendor_id) REFERENCES vendors (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The customer's list of orders, newest first, and the admin's by status
-- and time use idx_orders_user and idx_orders_status / idx_orders_placed
-- (0012). A vendor's list by status uses idx_vendor_orders_vendor; its list
-- of every status, newest first, this one.
ALTER TABLE vendor_orders ADD KEY idx_vendor_orders_vendor_id (vendor_id, id);
