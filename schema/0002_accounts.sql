-- 0002_accounts: users, sessions, one-time tokens, login failures, the vendor
-- business profile and its verification, address book, audit log, mail outbox.
--
-- Personal data at rest: columns ending in _enc hold the output of
-- crypt_seal() (cgi/lib/crypt.h): version byte, key id, nonce, then the
-- XChaCha20-Poly1305 ciphertext, sealed with "<table>.<column>.<row id>" as
-- associated data, so a value copied to another row or column does not open.
-- The keys are in VAR/keys/, never in the database.

CREATE TABLE users (
	id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	email            VARCHAR(254)    NOT NULL,          -- lower case; "deleted-<id>@invalid" once deleted
	name             VARCHAR(100)    NOT NULL,
	role             ENUM('customer','vendor','admin') NOT NULL,
	status           ENUM('active','blocked','deleted') NOT NULL DEFAULT 'active',
	status_reason    VARCHAR(500)    NULL,              -- why blocked, shown to the user
	email_verified_at DATETIME       NULL,
	password_hash    VARCHAR(255)    NULL,              -- argon2id string; NULL until set (admins before enrolment)
	phone_enc        VARBINARY(255)  NULL,
	totp_secret_enc  VARBINARY(255)  NULL,              -- admins: set at enrolment
	totp_last_step   BIGINT          NOT NULL DEFAULT 0, -- last accepted TOTP time step (no replay)
	created_at       DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at       DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_users_email (email),
	KEY idx_users_role (role, status, id),
	KEY idx_users_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A session is known by the hash of its cookie token only. csrf is the
-- per-session secret the forms carry (hex). mfa_at: when an admin passed the
-- second factor in this session.
CREATE TABLE sessions (
	id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	token_hash    BINARY(32)      NOT NULL,
	user_id       BIGINT UNSIGNED NOT NULL,
	csrf          BINARY(32)      NOT NULL,
	created_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_seen_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	expires_at    DATETIME        NOT NULL,             -- absolute expiry
	mfa_at        DATETIME        NULL,
	ip            VARCHAR(45)     NOT NULL DEFAULT '',
	user_agent    VARCHAR(255)    NOT NULL DEFAULT '',
	PRIMARY KEY (id),
	UNIQUE KEY uq_sessions_token (token_hash),
	KEY idx_sessions_user (user_id),
	CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Single-use links (and the 6-digit code that comes with a verification
-- mail), stored hashed. purpose: verify (email address), reset (password),
-- enrol (admin first login), email_change (new_email waits here).
CREATE TABLE user_tokens (
	id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	user_id       BIGINT UNSIGNED NOT NULL,
	purpose       ENUM('verify','reset','enrol','email_change') NOT NULL,
	token_hash    BINARY(32)      NOT NULL,
	code_hash     BINARY(32)      NULL,
	code_attempts INT UNSIGNED    NOT NULL DEFAULT 0,
	new_email     VARCHAR(254)    NULL,
	created_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	expires_at    DATETIME        NOT NULL,
	used_at       DATETIME        NULL,
	PRIMARY KEY (id),
	UNIQUE KEY uq_user_tokens_hash (token_hash),
	KEY idx_user_tokens_user (user_id, purpose, used_at),
	CONSTRAINT fk_user_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed logins, counted per address typed and per client IP over a sliding
-- window (cgi/lib/auth.c). Old rows are deleted by the same code.
CREATE TABLE login_failures (
	id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	email         VARCHAR(254)    NOT NULL,
	ip            VARCHAR(45)     NOT NULL,
	at            DATETIME(6)     NOT NULL,
	PRIMARY KEY (id),
	KEY idx_login_failures_email (email, at),
	KEY idx_login_failures_ip (ip, at),
	KEY idx_login_failures_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The vendor's account and business profile. 'blocked' (0001) is set while
-- the owner is blocked; blocked_from keeps the status to return to.
ALTER TABLE vendors
	ADD COLUMN user_id             BIGINT UNSIGNED NULL AFTER id,
	ADD COLUMN registration_number VARCHAR(64)     NOT NULL DEFAULT '' AFTER legal_name,
	ADD COLUMN tax_id              VARCHAR(64)     NOT NULL DEFAULT '' AFTER registration_number,
	ADD COLUMN website             VARCHAR(255)    NOT NULL DEFAULT '' AFTER tax_id,
	ADD COLUMN address_enc         VARBINARY(1024) NULL,
	ADD COLUMN phone_enc           VARBINARY(255)  NULL,
	ADD COLUMN bank_holder_enc     VARBINARY(512)  NULL,
	ADD COLUMN bank_account_enc    VARBINARY(512)  NULL,
	ADD COLUMN blocked_from        ENUM('pending','verified','rejected') NULL,
	ADD COLUMN submitted_at        DATETIME        NULL,
	ADD UNIQUE KEY uq_vendors_user (user_id),
	ADD CONSTRAINT fk_vendors_user FOREIGN KEY (user_id) REFERENCES users (id);

-- One row per submission of a vendor profile for verification; the decision
-- closes it. A resubmission opens a new row, so the history stays.
CREATE TABLE vendor_reviews (
	id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	vendor_id     BIGINT UNSIGNED NOT NULL,
	submitted_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	decision      ENUM('approved','rejected') NULL,
	reason        VARCHAR(2000)   NULL,                  -- written reason of a rejection
	decided_by    BIGINT UNSIGNED NULL,
	decided_at    DATETIME        NULL,
	PRIMARY KEY (id),
	KEY idx_vendor_reviews_vendor (vendor_id, id),
	KEY idx_vendor_reviews_open (decision, submitted_at),
	CONSTRAINT fk_vendor_reviews_vendor FOREIGN KEY (vendor_id) REFERENCES vendors (id),
	CONSTRAINT fk_vendor_reviews_admin FOREIGN KEY (decided_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The checklist of a review: one row per item the admin has ticked.
CREATE TABLE vendor_checks (
	review_id     BIGINT UNSIGNED NOT NULL,
	item          VARCHAR(32)     NOT NULL,              -- adm_vendors.c lists the items
	passed        TINYINT(1)      NOT NULL,
	note          VARCHAR(1000)   NOT NULL DEFAULT '',
	checked_by    BIGINT UNSIGNED NOT NULL,
	checked_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (review_id, item),
	CONSTRAINT fk_vendor_checks_review FOREIGN KEY (review_id) REFERENCES vendor_reviews (id),
	CONSTRAINT fk_vendor_checks_admin FOREIGN KEY (checked_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A customer's address book. body_enc seals the whole address (name, lines,
-- city, postcode, country, phone) as one record; label is the user's own
-- short name for it ("Home").
CREATE TABLE addresses (
	id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	user_id       BIGINT UNSIGNED NOT NULL,
	label         VARCHAR(60)     NOT NULL,
	body_enc      VARBINARY(2048) NULL,
	is_default    TINYINT(1)      NOT NULL DEFAULT 0,
	created_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	KEY idx_addresses_user (user_id, id),
	CONSTRAINT fk_addresses_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who did what to which object, when, from where. Append-only: the triggers
-- refuse UPDATE and DELETE, and the application's database user has no right
-- to drop them (scripts/stack grants it data statements only).
CREATE TABLE audit_log (
	id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	at            DATETIME(6)     NOT NULL,
	actor_id      BIGINT UNSIGNED NULL,                  -- NULL: the system or a command
	actor_role    VARCHAR(16)     NOT NULL DEFAULT '',
	action        VARCHAR(64)     NOT NULL,              -- e.g. vendor.approve, user.block
	object_type   VARCHAR(32)     NOT NULL DEFAULT '',
	object_id     BIGINT UNSIGNED NULL,
	ip            VARCHAR(45)     NOT NULL DEFAULT '',
	detail        VARCHAR(2000)   NOT NULL DEFAULT '',
	PRIMARY KEY (id),
	KEY idx_audit_at (at),
	KEY idx_audit_actor (actor_id, at),
	KEY idx_audit_object (object_type, object_id, at),
	KEY idx_audit_action (action, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only';
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only';

-- Outgoing mail. The pages insert a rendered message in the same transaction
-- as the change it reports; the mailer job (cgi/jobs/mailer.c) delivers it,
-- retrying with backoff. Bodies hold links with tokens: delivered rows are
-- emptied after a retention period by the mailer.
CREATE TABLE mail_outbox (
	id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	to_addr       VARCHAR(254)    NOT NULL,
	subject       VARCHAR(255)    NOT NULL,
	body          MEDIUMTEXT      NOT NULL,              -- text/plain, UTF-8
	template      VARCHAR(64)     NOT NULL,
	status        ENUM('queued','sending','sent','failed') NOT NULL DEFAULT 'queued',
	attempts      INT UNSIGNED    NOT NULL DEFAULT 0,
	next_attempt_at DATETIME      NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_error    VARCHAR(500)    NOT NULL DEFAULT '',
	created_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	sent_at       DATETIME        NULL,
	PRIMARY KEY (id),
	KEY idx_mail_outbox_due (status, next_attempt_at),
	KEY idx_mail_outbox_to (to_addr)                     -- a deleted account's mail goes with it
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
