-- 0023_tickets: support tickets, and the support role of the admin site.
--
-- A customer opens a ticket from the shop's account pages, a vendor from the
-- vendor portal (cgi/lib/ticket.c). The marketplace's support staff (an
-- admin, or a user of the new role 'support', who sees only the ticket
-- pages of the admin site) answer, assign, change the status and write
-- internal notes, which the customer or vendor never sees.
-- A return the customer escalates (0019's returns, 'escalated') opens a
-- ticket linked to it (return_id, unique: one ticket a return).

ALTER TABLE users
	MODIFY role ENUM('customer','vendor','admin','support') NOT NULL;

-- tickets.side: who asks: 'customer' (user_id, the account; NULL for a
-- guest's escalated return, whose mails go to the order's address) or
-- 'vendor' (vendor_id, the shop; user_id the owner account that opened it).
-- status: open (support's turn) -> waiting (for the customer: support
-- answered) -> resolved; an answer of the customer or vendor makes it open
-- again from either.
-- order_id / vendor_order_id: the order the ticket is about, always one of
-- the asker's own (a customer's order, a vendor's part of an order).
CREATE TABLE tickets (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	side              ENUM('customer','vendor') NOT NULL,
	user_id           BIGINT UNSIGNED NULL,
	vendor_id         BIGINT UNSIGNED NULL,
	subject           VARCHAR(150)    NOT NULL,
	category          ENUM('order','payment','account','other') NOT NULL,
	order_id          BIGINT UNSIGNED NULL,
	vendor_order_id   BIGINT UNSIGNED NULL,
	return_id         BIGINT UNSIGNED NULL,
	status            ENUM('open','waiting','resolved') NOT NULL DEFAULT 'open',
	assigned_to       BIGINT UNSIGNED NULL,               -- an admin or support user
	created_at        DATETIME        NOT NULL,
	updated_at        DATETIME        NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY uq_tickets_return (return_id),
	KEY idx_tickets_user (user_id, id),
	KEY idx_tickets_vendor (vendor_id, id),
	KEY idx_tickets_status (status, updated_at),
	KEY idx_tickets_assigned (assigned_to, status),
	CONSTRAINT ck_tickets_side CHECK ((side = 'vendor') = (vendor_id IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- ticket_messages.kind: 'message' (the customer's or vendor's), 'answer'
-- (support's, which the asker reads and is mailed), 'note' (support's
-- internal note: never on the asker's pages or in a mail to them), 'event'
-- (what happened: assigned, status changed; support's pages only).
CREATE TABLE ticket_messages (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	ticket_id         BIGINT UNSIGNED NOT NULL,
	kind              ENUM('message','answer','note','event') NOT NULL,
	author_id         BIGINT UNSIGNED NULL,               -- NULL: the marketplace itself
	body              TEXT            NOT NULL,
	created_at        DATETIME        NOT NULL,
	PRIMARY KEY (id),
	KEY idx_ticket_messages_ticket (ticket_id, id),
	CONSTRAINT fk_ticket_messages_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
