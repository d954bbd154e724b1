-- Sessions ended because of a change to the account (the password reset or
-- changed, the email address changed) leave their token's hash here for a
-- while, so that the next request with that cookie can say why its visitor
-- was logged out. A row is used once; rows older than the longest session
-- (BAZAAR_SESSION_MAX) are removed when new ones are written.
CREATE TABLE sessions_ended (
	token_hash  BINARY(32)      NOT NULL,
	user_id     BIGINT UNSIGNED NOT NULL,
	why         ENUM('password_reset','password_change','email_change') NOT NULL,
	ended_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (token_hash),
	KEY idx_sessions_ended_at (ended_at),
	CONSTRAINT fk_sessions_ended_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
