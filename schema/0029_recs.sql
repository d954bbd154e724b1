-- 0029_recs: recommendations mined from baskets (bazaar-recommend).
--
-- recs_rules holds association rules "a shopper with antecedent also takes
-- consequent", mined by cgi/lib/assoc.c from two kinds of basket:
--   'bought'  the products of one paid order;
--   'viewed'  the products one visitor viewed on one day (clickstream).
-- baskets   baskets holding both products;
-- support   baskets / all baskets of the source;
-- confidence baskets / baskets holding the antecedent;
-- lift      confidence / the consequent's share of all baskets (> 1: the
--           antecedent makes the consequent likelier than chance).
-- A run replaces a source's rules in one transaction, so pages never see
-- half of a run.
CREATE TABLE recs_rules (
	source         ENUM('bought','viewed') NOT NULL,
	antecedent_id  BIGINT UNSIGNED NOT NULL,
	consequent_id  BIGINT UNSIGNED NOT NULL,
	baskets        INT UNSIGNED    NOT NULL,
	support        DOUBLE          NOT NULL,
	confidence     DOUBLE          NOT NULL,
	lift           DOUBLE          NOT NULL,
	PRIMARY KEY (antecedent_id, source, consequent_id),
	KEY idx_recs_rules_source (source)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Units sold in paid orders of the last 90 days, per category (a product
-- counts in its own category and in its top category; category_id 0: the
-- whole shop), for cold start: a shopper or a product without rules gets
-- the category's best sellers.
CREATE TABLE recs_best (
	category_id    BIGINT UNSIGNED NOT NULL,
	product_id     BIGINT UNSIGNED NOT NULL,
	units          INT UNSIGNED    NOT NULL,
	PRIMARY KEY (category_id, product_id),
	KEY idx_recs_best_units (category_id, units)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per mining run: what it read, what it kept, what it cost.
CREATE TABLE recs_runs (
	id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	source         ENUM('bought','viewed') NOT NULL,
	started_at     DATETIME(3)     NOT NULL,
	baskets        INT UNSIGNED    NOT NULL,
	lines_read     INT UNSIGNED    NOT NULL,
	itemsets       INT UNSIGNED    NOT NULL,
	rules          INT UNSIGNED    NOT NULL,
	mine_ms        INT UNSIGNED    NOT NULL,
	total_ms       INT UNSIGNED    NOT NULL,
	PRIMARY KEY (id),
	KEY idx_recs_runs_source (source, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
