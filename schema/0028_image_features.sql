-- 0028_image_features: search by picture (cgi/lib/imgfeat.h).
--
-- image_features: the descriptor of each stored picture a product uses
-- (one row per media row, so products sharing a picture share its row),
-- written by the features job (bazaar-imgfeat, from product.changed events)
-- and by `bazaar-imgindex backfill`. features: IMGFEAT_DIMS signed bytes
-- (imgfeat_bridge.h); version: the descriptor's format, so a new format can
-- be computed beside the old. cell: the index's coarse cell nearest to the
-- descriptor (image_index_cells), 0 while no cells are trained. The primary
-- key keeps a cell's rows together, so a query reads its few cells as
-- ranges:
--   SELECT media_id, features FROM image_features
--    WHERE cell IN (?, ... ?) AND version = ?                     (PRIMARY)
-- A picture deleted by the cleanup job takes its row with it (CASCADE).
--
-- image_index_cells: the centres of the cells (k-means over the
-- descriptors, IMGFEAT_DIMS floats each, little-endian), numbered from 1.
-- image_index: one row (id 1): the cells' generation, which the programs
-- read with each query and reload the centres when it moved, and how many
-- pictures the cells were trained on (the job trains again when the
-- pictures have doubled since). Training locks this row, so a picture
-- is never filed under cells that are being replaced.

CREATE TABLE image_features (
	media_id     BIGINT UNSIGNED   NOT NULL,
	cell         SMALLINT UNSIGNED NOT NULL,
	version      TINYINT UNSIGNED  NOT NULL,
	features     VARBINARY(512)    NOT NULL,
	computed_at  DATETIME          NOT NULL,
	PRIMARY KEY (cell, media_id),
	UNIQUE KEY uq_image_features_media (media_id),
	CONSTRAINT fk_image_features_media FOREIGN KEY (media_id) REFERENCES media (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE image_index_cells (
	id        SMALLINT UNSIGNED NOT NULL,
	centre    VARBINARY(4096)   NOT NULL,
	PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE image_index (
	id              TINYINT UNSIGNED NOT NULL,
	generation      BIGINT UNSIGNED  NOT NULL,
	cells           INT UNSIGNED     NOT NULL,
	trained_images  BIGINT UNSIGNED  NOT NULL,
	trained_at      DATETIME         NULL,
	PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO image_index (id, generation, cells, trained_images, trained_at) VALUES (1, 0, 0, 0, NULL);
