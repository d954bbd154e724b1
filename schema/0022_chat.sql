-- 0022_chat: the conversation between a customer and a shop about one
-- vendor order, and its messages (cgi/lib/chat.c).
--
-- A conversation is made when the order is placed (order_place_tx), one per
-- vendor order of a customer with an account: a guest's order has none.
-- Only its two sides read it: the customer (user_id) and the shop
-- (vendor_id, through vendors.user_id). An admin reads one only from a
-- report or a dispute, and that reading is in the audit log.
--
-- Unread counts are kept on the row (customer_unread, vendor_unread): the
-- header of every page asks for their sum, which is one index range. A new
-- message adds one to the other side's count in its transaction; opening
-- the conversation sets one's own to 0.
--
-- The mail that tells the other side about new messages is sent at most
-- once an hour per conversation and side: customer_mailed_at and
-- vendor_mailed_at are set by the same UPDATE that decides to send it.
--
-- A conversation and its messages go with their vendor order, order,
-- customer or shop when one of those rows is deleted (test fixtures and
-- account erasure delete such rows; a live shop's orders are never deleted).

CREATE TABLE conversations (
	id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	vendor_order_id    BIGINT UNSIGNED NOT NULL,
	order_id           BIGINT UNSIGNED NOT NULL,
	user_id            BIGINT UNSIGNED NOT NULL,          -- the customer
	vendor_id          BIGINT UNSIGNED NOT NULL,
	message_count      INT UNSIGNED    NOT NULL DEFAULT 0,
	last_message_at    DATETIME(3)     NULL,
	last_sender        ENUM('customer','vendor') NULL,    -- 'customer': the shop has not answered
	customer_unread    INT UNSIGNED    NOT NULL DEFAULT 0,
	vendor_unread      INT UNSIGNED    NOT NULL DEFAULT 0,
	customer_mailed_at DATETIME        NULL,
	vendor_mailed_at   DATETIME        NULL,
	created_at         DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_conversations_vendor_order (vendor_order_id),
	KEY idx_conversations_user (user_id, last_message_at),
	KEY idx_conversations_vendor (vendor_id, last_message_at),
	KEY idx_conversations_order (order_id),
	CONSTRAINT fk_conversations_vendor_order FOREIGN KEY (vendor_order_id) REFERENCES vendor_orders (id) ON DELETE CASCADE,
	CONSTRAINT fk_conversations_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
	CONSTRAINT fk_conversations_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT fk_conversations_vendor FOREIGN KEY (vendor_id) REFERENCES vendors (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE messages (
	id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	conversation_id    BIGINT UNSIGNED NOT NULL,
	sender             ENUM('customer','vendor') NOT NULL,
	sender_user_id     BIGINT UNSIGNED NOT NULL,
	body               TEXT            NOT NULL,          -- may be '' when a picture is sent
	media_id           BIGINT UNSIGNED NULL,              -- the picture (media.c), if any
	image_path         VARCHAR(48)     NULL,              -- its 600 px JPEG
	image_width        INT UNSIGNED    NULL,
	image_height       INT UNSIGNED    NULL,
	hidden_at          DATETIME        NULL,              -- hidden by a moderator
	created_at         DATETIME(3)     NOT NULL,
	PRIMARY KEY (id),
	KEY idx_messages_conversation (conversation_id, id),
	KEY idx_messages_media (media_id),
	CONSTRAINT fk_messages_conversation FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE,
	CONSTRAINT fk_messages_user FOREIGN KEY (sender_user_id) REFERENCES users (id) ON DELETE CASCADE,
	CONSTRAINT fk_messages_media FOREIGN KEY (media_id) REFERENCES media (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Orders placed before conversations existed get theirs now.
INSERT INTO conversations (vendor_order_id, order_id, user_id, vendor_id)
SELECT vo.id, vo.order_id, o.user_id, vo.vendor_id
  FROM vendor_orders vo JOIN orders o ON o.id = vo.order_id
 WHERE o.user_id IS NOT NULL;
