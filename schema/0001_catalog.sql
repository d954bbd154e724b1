-- 0001_catalog: plans, vendors, the category tree, products, images, promotions.
--
-- Conventions for every table in schema/:
--   * InnoDB, utf8mb4, COLLATE utf8mb4_unicode_ci, stated on each table.
--   * Ids are BIGINT UNSIGNED AUTO_INCREMENT; foreign keys use the same type.
--   * Money is BIGINT minor units (cents) of the shop currency; never DECIMAL.
--   * created_at / updated_at are DATETIME in UTC (DATETIME, not TIMESTAMP:
--     no 2038 limit and no session time-zone conversion).
--
-- Listing a category together with its sub-categories
-- ----------------------------------------------------
-- products carries both category_id (the leaf it was filed under) and
-- top_category_id (the root of that leaf's tree; equal to category_id when a
-- product is filed directly under a top-level category). Whoever writes
-- products.category_id also writes top_category_id (catalog_top_category() in
-- cgi/lib/catalog.c gives it). With that, both kinds of listing page are one
-- range scan of one index, already in the requested order, stopping after
-- LIMIT rows:
--   top-level category page  -> WHERE top_category_id = ? AND status = 'active'
--   sub-category page        -> WHERE category_id     = ? AND status = 'active'
-- The alternative, category_id IN (<children>), has to read and sort every
-- active product of the tree before it can return the first page
-- (12,000+ rows per top-level category at 100,000 products).
-- If the tree ever grows a third level, a middle category lists with
-- category_id IN (<its children>) (a few thousand rows, still fine).
--
-- Sorting: "popular" (the default) orders by popularity, a score kept by a
-- periodic job (sales, views, rating); sales_count is the plain number of
-- units sold, for display. Every sort ends with id as a tie-breaker so pages
-- never overlap; InnoDB secondary indexes end with the primary key, so
-- "ORDER BY price_minor, id" and "ORDER BY price_minor DESC, id DESC" both
-- read the index in order (mixed directions would not).
--
-- Images: product_images.position starts at 1 and stays dense; position 1 is
-- the cover shown in listings. Paths are relative to the media root
-- (BAZAAR_MEDIA_DIR, served at /media/): 'p/<id div 1000>/<id>-<position>.<ext>',
-- e.g. product 12345 -> 'p/12/12345-1.svg' (catalog_image_path()).
--
-- Queries the storefront is expected to run (each checked with EXPLAIN on
-- 100,000 demo products; the index used is named after each one). The
-- listing queries read the index in order and stop at OFFSET + LIMIT rows:
-- no filesort (page 3 of a top-level category touches 72 index entries).
--
-- Only verified vendors' products are shown. Every listing below, and its
-- COUNT, therefore also has, right after "FROM products p":
--   STRAIGHT_JOIN vendors v FORCE INDEX (PRIMARY)
--     ON v.id = p.vendor_id AND v.status = 'verified'
-- (SF_VENDOR_JOIN in cgi/storefront/sf.h). It keeps products the driving
-- table, read through the index named, with one primary-key lookup of the
-- vendor per row. A plain JOIN lets the optimiser start from the small
-- vendors table (idx_vendors_status) and sort every product of every
-- verified vendor.
--
--   -- Category page, top-level category (includes all its sub-categories).
--   -- Sort choices map to one of these constant ORDER BY clauses:
--   --   popular: ORDER BY p.popularity DESC, p.id DESC     (idx_products_top_popular)
--   --   price ↑: ORDER BY p.price_minor ASC, p.id ASC      (idx_products_top_price)
--   --   price ↓: ORDER BY p.price_minor DESC, p.id DESC    (idx_products_top_price)
--   --   newest : ORDER BY p.created_at DESC, p.id DESC     (idx_products_top_newest)
--   SELECT p.id, p.slug, p.name, p.price_minor, p.compare_at_minor, p.stock,
--          p.rating_avg, p.rating_count, i.path, i.alt, i.width, i.height
--     FROM products p
--     LEFT JOIN product_images i ON i.product_id = p.id AND i.position = 1
--    WHERE p.top_category_id = ? AND p.status = 'active'
--    ORDER BY p.price_minor ASC, p.id ASC
--    LIMIT ? OFFSET ?;
--   SELECT COUNT(*) FROM products WHERE top_category_id = ? AND status = 'active';
--
--   -- Sub-category page: the same with p.category_id = ? (idx_products_cat_*).
--   SELECT ... WHERE p.category_id = ? AND p.status = 'active'
--    ORDER BY p.popularity DESC, p.id DESC LIMIT ? OFFSET ?;
--   SELECT COUNT(*) FROM products WHERE category_id = ? AND status = 'active';
--
--   -- Category navigation (the whole tree is small: read it once, cache it).
--   SELECT id, parent_id, slug, name, depth FROM categories
--    ORDER BY depth, position, name;
--   SELECT id, parent_id, slug, name, description, depth FROM categories WHERE slug = ?;
--   SELECT id, slug, name FROM categories WHERE parent_id = ? ORDER BY position, name;
--
--   -- Search (user text stripped of +-<>()~*"@ first; each word gets a
--   -- leading '+' and a trailing '*'; words shorter than 3 letters dropped).
--   SELECT p.id, p.slug, p.name, p.price_minor, p.compare_at_minor, p.stock,
--          i.path, i.alt,
--          MATCH(p.name, p.description) AGAINST (? IN BOOLEAN MODE) AS score
--     FROM products p
--     LEFT JOIN product_images i ON i.product_id = p.id AND i.position = 1
--    WHERE MATCH(p.name, p.description) AGAINST (? IN BOOLEAN MODE)
--      AND p.status = 'active'
--    ORDER BY score DESC, p.popularity DESC, p.id DESC
--    LIMIT ? OFFSET ?;                                      (ft_products_text)
--   SELECT COUNT(*) FROM products
--    WHERE MATCH(name, description) AGAINST (? IN BOOLEAN MODE) AND status = 'active';
--   -- Cost grows with the number of matches, since all are ranked before
--   -- LIMIT: on 100,000 demo products '+wireless* +headphones*' (241 hits)
--   -- takes ~20 ms, '+oak*' (7,000) ~70 ms, '+made*' (37,000) ~200 ms.
--   -- Cache result pages (family "list") and cap the page number.
--
--   -- Product page (canonical path /p/<id>-<slug>; redirect when slug differs;
--   -- 404 unless p.status = 'active' and v.status = 'verified').
--   SELECT p.id, p.vendor_id, p.category_id, p.top_category_id, p.name, p.slug,
--          p.description, p.price_minor, p.compare_at_minor, p.currency,
--          p.stock, p.status, p.rating_avg, p.rating_count, p.sales_count,
--          v.slug, v.trading_name, v.status, c.slug, c.name
--     FROM products p
--     JOIN vendors v ON v.id = p.vendor_id
--     JOIN categories c ON c.id = p.category_id
--    WHERE p.id = ?;                                        (PRIMARY)
--   SELECT path, alt, width, height FROM product_images
--    WHERE product_id = ? ORDER BY position;                (uq_product_images_position)
--
--   -- Vendor shop page.
--   SELECT ... FROM products p ...
--    WHERE p.vendor_id = ? AND p.status = 'active'
--    ORDER BY p.created_at DESC, p.id DESC LIMIT ? OFFSET ?; (idx_products_vendor)
--
--   -- Home page: paid placements running now, then popular and new products.
--   SELECT p.id, p.slug, p.name, p.price_minor, p.compare_at_minor, p.stock,
--          i.path, i.alt
--     FROM promotions pr
--     JOIN products p ON p.id = pr.product_id AND p.status = 'active'
--     LEFT JOIN product_images i ON i.product_id = p.id AND i.position = 1
--    WHERE pr.placement = 'home' AND pr.status = 'active'
--      AND pr.starts_at <= UTC_TIMESTAMP() AND pr.ends_at > UTC_TIMESTAMP()
--    ORDER BY pr.starts_at DESC, pr.id DESC LIMIT 8;        (idx_promotions_live)
--   -- On a category page: placement = 'category' AND pr.category_id = ?
--   -- (the promotion's category is the top-level or sub-category it runs in).
--   SELECT ... FROM products p ... WHERE p.status = 'active'
--    ORDER BY p.popularity DESC, p.id DESC LIMIT 12;        (idx_products_popular)
--   SELECT ... FROM products p ... WHERE p.status = 'active'
--    ORDER BY p.created_at DESC, p.id DESC LIMIT 12;        (idx_products_newest)
--
-- Status meanings:
--   products.status: draft (vendor still editing, never shown), active
--   (listed), hidden (vendor paused it: not shown anywhere in the
--   storefront, its page is a 404 like a draft's; the vendor still sees it
--   and can make it active again), removed (deleted by the vendor or an
--   admin: 404/410, kept for order history). Stock 0 with status active is
--   "sold out": listed, not buyable.
--   vendors.status: only 'verified' vendors' products are shown and sold:
--   the listings join vendors as above, and the product page and the shop
--   page of any other vendor are a 404. Blocking a vendor therefore takes
--   all its products out of the storefront at once, whatever their own
--   status, and verifying it again brings its active ones back; the admin
--   action ends with catalog_product_changed() so cached pages follow.
--   promotions.status: pending (not yet paid), active (paid; live while
--   starts_at <= now < ends_at), cancelled.

CREATE TABLE plans (
	id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	name              VARCHAR(64)     NOT NULL,
	commission_bp     INT UNSIGNED    NOT NULL,      -- 1250 = 12.50 % of each sale
	listing_limit     INT UNSIGNED    NULL,          -- active + hidden products; NULL = unlimited
	monthly_fee_minor BIGINT          NOT NULL DEFAULT 0,
	created_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_plans_name (name),
	CONSTRAINT ck_plans_commission CHECK (commission_bp <= 10000),
	CONSTRAINT ck_plans_fee CHECK (monthly_fee_minor >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE vendors (
	id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	slug          VARCHAR(80)     NOT NULL,          -- shop URL: /v/<slug>
	trading_name  VARCHAR(120)    NOT NULL,          -- shown to shoppers
	legal_name    VARCHAR(200)    NOT NULL,          -- on invoices
	description   TEXT            NOT NULL,
	status        ENUM('pending','verified','rejected','blocked') NOT NULL DEFAULT 'pending',
	plan_id       BIGINT UNSIGNED NOT NULL,
	rating_avg    DECIMAL(3,2)    NULL,              -- 1.00 .. 5.00, NULL until rated
	rating_count  INT UNSIGNED    NOT NULL DEFAULT 0,
	created_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_vendors_slug (slug),
	KEY idx_vendors_status (status, created_at),
	CONSTRAINT fk_vendors_plan FOREIGN KEY (plan_id) REFERENCES plans (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE categories (
	id           BIGINT UNSIGNED  NOT NULL AUTO_INCREMENT,
	parent_id    BIGINT UNSIGNED  NULL,              -- NULL for a top-level category
	slug         VARCHAR(80)      NOT NULL,          -- globally unique: /c/<slug>
	name         VARCHAR(120)     NOT NULL,
	description  VARCHAR(1000)    NOT NULL DEFAULT '',
	position     INT              NOT NULL DEFAULT 0, -- order among siblings
	depth        TINYINT UNSIGNED NOT NULL DEFAULT 0, -- 0 = top level
	created_at   DATETIME         NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at   DATETIME         NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_categories_slug (slug),
	KEY idx_categories_parent (parent_id, position),
	CONSTRAINT fk_categories_parent FOREIGN KEY (parent_id) REFERENCES categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE products (
	id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	vendor_id        BIGINT UNSIGNED NOT NULL,
	category_id      BIGINT UNSIGNED NOT NULL,       -- where it is filed (usually a sub-category)
	top_category_id  BIGINT UNSIGNED NOT NULL,       -- root of category_id's tree (see above)
	name             VARCHAR(200)    NOT NULL,
	slug             VARCHAR(80)     NOT NULL,       -- from name; not unique, the id is the key
	description      TEXT            NOT NULL,
	sku              VARCHAR(64)     NULL,           -- the vendor's own reference
	price_minor      BIGINT          NOT NULL,
	compare_at_minor BIGINT          NULL,           -- "was" price, shown struck through when higher
	currency         CHAR(3)         NOT NULL DEFAULT 'EUR',
	stock            INT             NOT NULL DEFAULT 0,
	status           ENUM('draft','active','hidden','removed') NOT NULL DEFAULT 'draft',
	popularity       INT             NOT NULL DEFAULT 0, -- sort score for "popular"
	sales_count      INT UNSIGNED    NOT NULL DEFAULT 0, -- units sold
	rating_avg       DECIMAL(3,2)    NULL,           -- 1.00 .. 5.00, NULL until reviewed
	rating_count     INT UNSIGNED    NOT NULL DEFAULT 0,
	created_at       DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at       DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	KEY idx_products_top_popular (top_category_id, status, popularity),
	KEY idx_products_top_price   (top_category_id, status, price_minor),
	KEY idx_products_top_newest  (top_category_id, status, created_at),
	KEY idx_products_cat_popular (category_id, status, popularity),
	KEY idx_products_cat_price   (category_id, status, price_minor),
	KEY idx_products_cat_newest  (category_id, status, created_at),
	KEY idx_products_vendor      (vendor_id, status, created_at),
	KEY idx_products_popular     (status, popularity),
	KEY idx_products_newest      (status, created_at),
	FULLTEXT KEY ft_products_text (name, description),
	CONSTRAINT fk_products_vendor   FOREIGN KEY (vendor_id)       REFERENCES vendors (id),
	CONSTRAINT fk_products_category FOREIGN KEY (category_id)     REFERENCES categories (id),
	CONSTRAINT fk_products_top      FOREIGN KEY (top_category_id) REFERENCES categories (id),
	CONSTRAINT ck_products_price    CHECK (price_minor >= 0),
	CONSTRAINT ck_products_compare  CHECK (compare_at_minor IS NULL OR compare_at_minor >= 0),
	CONSTRAINT ck_products_stock    CHECK (stock >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE product_images (
	id          BIGINT UNSIGNED   NOT NULL AUTO_INCREMENT,
	product_id  BIGINT UNSIGNED   NOT NULL,
	position    SMALLINT UNSIGNED NOT NULL DEFAULT 1, -- 1 = cover
	path        VARCHAR(255)      NOT NULL,           -- relative to the media root
	alt         VARCHAR(255)      NOT NULL DEFAULT '',
	width       INT UNSIGNED      NOT NULL DEFAULT 0,
	height      INT UNSIGNED      NOT NULL DEFAULT 0,
	created_at  DATETIME          NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at  DATETIME          NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY uq_product_images_position (product_id, position),
	CONSTRAINT fk_product_images_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE promotions (
	id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	product_id   BIGINT UNSIGNED NOT NULL,
	vendor_id    BIGINT UNSIGNED NOT NULL,           -- who pays (the product's vendor)
	placement    ENUM('home','category','search') NOT NULL,
	category_id  BIGINT UNSIGNED NULL,               -- for 'category': where it runs
	keywords     VARCHAR(200)    NULL,               -- for 'search': words it runs on
	starts_at    DATETIME        NOT NULL,
	ends_at      DATETIME        NOT NULL,
	fee_minor    BIGINT          NOT NULL DEFAULT 0,
	status       ENUM('pending','active','cancelled') NOT NULL DEFAULT 'pending',
	created_at   DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at   DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	KEY idx_promotions_live (placement, status, ends_at, starts_at),
	KEY idx_promotions_category (category_id, placement, status, ends_at),
	KEY idx_promotions_product (product_id),
	KEY idx_promotions_vendor (vendor_id, created_at),
	CONSTRAINT fk_promotions_product  FOREIGN KEY (product_id)  REFERENCES products (id),
	CONSTRAINT fk_promotions_vendor   FOREIGN KEY (vendor_id)   REFERENCES vendors (id),
	CONSTRAINT fk_promotions_category FOREIGN KEY (category_id) REFERENCES categories (id),
	CONSTRAINT ck_promotions_window   CHECK (ends_at > starts_at),
	CONSTRAINT ck_promotions_fee      CHECK (fee_minor >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
