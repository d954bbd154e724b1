-- Ratings and units sold are shown only when reviews and orders back them.
-- The shop has neither yet, so the columns that held them (filled only by the
-- demo catalogue, with invented figures) go. Reviews and orders will bring
-- their own tables, and figures computed from them.
ALTER TABLE products
	DROP COLUMN rating_avg,
	DROP COLUMN rating_count,
	DROP COLUMN sales_count;

ALTER TABLE vendors
	DROP COLUMN rating_avg,
	DROP COLUMN rating_count;
