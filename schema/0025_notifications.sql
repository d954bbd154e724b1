-- 0025_notifications: the notification centre and the choice of mails.
--
-- notifications: one line per thing that happened to a person, written by
-- notify_user / notify_vendor (cgi/lib/notify.c) in the transaction of the
-- change it reports. audience says which centre shows it: 'shopper' is
-- /account/notifications, 'vendor' the portal's /vendor/notifications (a
-- vendor's owner account has both). kind is one of the kinds notify.h lists
-- ("order", "message", ...); url is the site path the line links to.
-- read_at is set when the person marks it read (or reads them all).
--
-- notification_prefs: a person's choice per audience and kind of whether it
-- also comes by mail. No row means the default: by mail. The one-click
-- unsubscribe link of a mail writes mail = 0 here.
--
-- notification_keys: a random secret per account that signs its unsubscribe
-- links (HMAC-SHA256 of "<user>.<audience>.<kind>"), so a link works without
-- logging in and cannot be made for another account or kind. Made with the
-- first mail; deleting the row (or the account) makes every old link void.
--
-- mail_outbox.headers: extra header lines of the message ("Name: value"
-- lines separated by "\n": List-Unsubscribe and List-Unsubscribe-Post,
-- RFC 8058), written by the mailer as they are.

CREATE TABLE notifications (
	id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	user_id     BIGINT UNSIGNED NOT NULL,
	audience    ENUM('shopper','vendor') NOT NULL,
	kind        VARCHAR(32)     NOT NULL,
	text        VARCHAR(300)    NOT NULL,
	url         VARCHAR(500)    NOT NULL,
	mail_id     BIGINT UNSIGNED NULL,                 -- the mail_outbox row, when it was mailed
	created_at  DATETIME        NOT NULL,
	read_at     DATETIME        NULL,
	PRIMARY KEY (id),
	KEY idx_notifications_user (user_id, audience, id),
	KEY idx_notifications_unread (user_id, audience, read_at),
	CONSTRAINT fk_notifications_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE notification_prefs (
	user_id     BIGINT UNSIGNED NOT NULL,
	audience    ENUM('shopper','vendor') NOT NULL,
	kind        VARCHAR(32)     NOT NULL,
	mail        TINYINT(1)      NOT NULL,
	updated_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (user_id, audience, kind),
	CONSTRAINT fk_notification_prefs_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE notification_keys (
	user_id     BIGINT UNSIGNED NOT NULL,
	secret      BINARY(32)      NOT NULL,
	created_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (user_id),
	CONSTRAINT fk_notification_keys_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE mail_outbox
	ADD COLUMN headers VARCHAR(2000) NOT NULL DEFAULT '' AFTER subject;
