-- 0027_synonyms: the search synonyms admins keep (/admin/synonyms).
--
-- synonym_groups: words or phrases that mean the same to a shopper
-- ("sofa, couch, settee"): a search for any of them finds products that
-- say any other. words: as the admin wrote them, comma-separated, for the
-- admin page. The search index holds its own copy (Xapian's synonym table),
-- written by the index writer from the search.synonyms events that adding
-- or deleting a group emits in its transaction (cgi/lib/synonym.c).
--
-- synonym_words: each word or phrase of a group, folded (lower case, words
-- separated by one space: moderation_fold), in one group at most, so that
-- what a word means is decided in one place.

CREATE TABLE synonym_groups (
	id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	words       VARCHAR(1500)   NOT NULL,
	added_by    BIGINT UNSIGNED NULL,
	added_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	CONSTRAINT fk_synonym_groups_added_by FOREIGN KEY (added_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE synonym_words (
	folded      VARCHAR(200)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	group_id    BIGINT UNSIGNED NOT NULL,
	PRIMARY KEY (folded),
	KEY idx_synonym_words_group (group_id),
	CONSTRAINT fk_synonym_words_group FOREIGN KEY (group_id) REFERENCES synonym_groups (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
