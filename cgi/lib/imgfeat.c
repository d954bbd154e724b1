/*
 * imgfeat: search by picture (see imgfeat.h).
 */
#include "imgfeat.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "events.h"
#include "log.h"
#include "media.h"

#define IMGFEAT_STATE_SQL \
	"SELECT generation, cells, trained_images FROM image_index WHERE id = 1"
#define IMGFEAT_CELL_IN "cell IN (?, ?, ?, ?, ?, ?, ?, ?)"

/* The cells' centres as this process last read them (reloaded when the
 * generation moves): not about any request, so kept across them. */
static struct {
	long long generation;
	int n;
	float *centres;		/* n * IMGFEAT_DIMS */
} imgfeat_cells = { -1, 0, NULL };

int
imgfeat_describe_pixels(const unsigned char *rgb, int width, int height, struct imgfeat *out)
{
	return imgfeat_bridge_describe(rgb, width, height, out->v);
}

int
imgfeat_describe_file(const char *path, struct imgfeat *out, const char **why)
{
	struct media_pixels px;
	int rc;

	*why = NULL;
	rc = media_decode_file(path, IMGFEAT_SIDE, &px, why);
	if (rc != 0)
		return rc;
	if (imgfeat_describe_pixels(px.rgb, px.width, px.height, out) != 0) {
		/* Under 8 pixels a side: nothing to compare. */
		*why = "This picture is too small to search with. Send one at least 8 pixels on each side.";
		rc = 1;
	}
	media_pixels_free(&px);
	return rc;
}

long
imgfeat_distance(const struct imgfeat *a, const struct imgfeat *b)
{
	long s = 0;
	int i;

	for (i = 0; i < IMGFEAT_DIMS; i++) {
		long d = (long)a->v[i] - (long)b->v[i];

		s += d * d;
	}
	return s;
}

static float
imgfeat_centre_distance(const struct imgfeat *q, const float *c)
{
	float s = 0;
	int i;

	for (i = 0; i < IMGFEAT_DIMS; i++) {
		float d = (float)q->v[i] - c[i];

		s += d * d;
	}
	return s;
}

/* Reads image_index (under a shared lock when lock: a picture being filed
 * must not meet a training) and the centres when their generation moved.
 * The lock is waited for at most 3 s, under BAZAAR_DB_TIMEOUT's default
 * of 5: a training's writes take longer than that at 100,000 pictures, and
 * a client that gives up on a statement first drops its connection while
 * the server still holds its transaction (and its locks) until the lock
 * comes. A wait that ends this way fails cleanly (the filing is tried
 * again later). 0 or -1. */
static int
imgfeat_cells_current(int lock)
{
	struct db_result *r;
	long long generation;
	int n, i;
	float *centres = NULL;

	r = lock ? db_query(IMGFEAT_STATE_SQL " LOCK IN SHARE MODE WAIT 3", "")
		 : db_query(IMGFEAT_STATE_SQL, "");
	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		log_error("imgfeat.no_state", "msg=%s", log_quote("image_index has no row 1"));
		return -1;
	}
	generation = db_int(r, 0);
	n = (int)db_int(r, 1);
	db_free(r);
	if (generation == imgfeat_cells.generation)
		return 0;
	if (n < 0 || n > IMGFEAT_CELLS_MAX)
		return -1;
	if (n > 0) {
		centres = calloc((size_t)n, sizeof(float) * IMGFEAT_DIMS);
		if (centres == NULL)
			return -1;
		r = db_query("SELECT id, centre FROM image_index_cells WHERE id BETWEEN 1 AND ? ORDER BY id",
			     "i", (long long)n);
		if (r == NULL) {
			free(centres);
			return -1;
		}
		for (i = 0; db_next(r); i++) {
			if (i >= n || db_int(r, 0) != i + 1 ||
			    db_len(r, 1) != sizeof(float) * IMGFEAT_DIMS)
				break;
			memcpy(centres + (size_t)i * IMGFEAT_DIMS, db_str(r, 1), sizeof(float) * IMGFEAT_DIMS);
		}
		db_free(r);
		if (i != n) {
			log_error("imgfeat.cells_broken", "cells=%d read=%d", n, i);
			free(centres);
			return -1;
		}
	}
	free(imgfeat_cells.centres);
	imgfeat_cells.centres = centres;
	imgfeat_cells.n = n;
	imgfeat_cells.generation = generation;
	return 0;
}

/* The nearest cells to q (numbers from 1), nearest first: how many (at most
 * max); {0} when there are no cells. */
static int
imgfeat_nearest_cells(const struct imgfeat *q, int *cells, int max)
{
	float best[IMGFEAT_PROBE];
	int n = 0, i, j;

	if (imgfeat_cells.n == 0 || max < 1) {
		cells[0] = 0;
		return 1;
	}
	if (max > IMGFEAT_PROBE)
		max = IMGFEAT_PROBE;
	for (i = 0; i < imgfeat_cells.n; i++) {
		float d = imgfeat_centre_distance(q, imgfeat_cells.centres + (size_t)i * IMGFEAT_DIMS);

		if (n == max && d >= best[n - 1])
			continue;
		j = n < max ? n++ : n - 1;
		for (; j > 0 && best[j - 1] > d; j--) {
			best[j] = best[j - 1];
			cells[j] = cells[j - 1];
		}
		best[j] = d;
		cells[j] = i + 1;
	}
	return n;
}

int
imgfeat_of_media(long long media_id, struct imgfeat *out)
{
	struct db_result *r = db_query("SELECT features FROM image_features WHERE media_id = ? AND version = ?",
				       "ii", media_id, (long long)IMGFEAT_VERSION);
	int rc = 1;

	if (r == NULL)
		return -1;
	if (db_next(r) && db_len(r, 0) == IMGFEAT_DIMS) {
		memcpy(out->v, db_str(r, 0), IMGFEAT_DIMS);
		rc = 0;
	}
	db_free(r);
	return rc;
}

int
imgfeat_index_media(long long media_id)
{
	struct db_result *r;
	char hash[MEDIA_HASH_HEX + 1] = "", path[1024];
	struct imgfeat f;
	const char *why = NULL;
	int rc;

	r = db_query("SELECT hash FROM media WHERE id = ?", "i", media_id);
	if (r == NULL)
		return -1;
	if (db_next(r) && db_str(r, 0) != NULL)
		snprintf(hash, sizeof hash, "%s", db_str(r, 0));
	db_free(r);
	if (hash[0] == '\0' || media_hash_file(hash, IMGFEAT_STORED_SIZE, "jpg", path, sizeof path) == NULL) {
		log_info("imgfeat.skipped", "media=%lld why=%s", media_id, log_quote("no such picture"));
		return 1;
	}
	rc = imgfeat_describe_file(path, &f, &why);
	if (rc != 0) {
		log_error("imgfeat.unreadable", "media=%lld path=%s why=%s", media_id, log_quote(path),
			  log_quote(why ? why : "server error"));
		return 1;
	}
	return imgfeat_store(media_id, &f);
}

int
imgfeat_store(long long media_id, const struct imgfeat *f)
{
	int cell;

	if (imgfeat_cells_current(1) != 0)
		return -1;
	imgfeat_nearest_cells(f, &cell, 1);
	if (db_exec("INSERT INTO image_features (media_id, cell, version, features, computed_at)"
		    " VALUES (?, ?, ?, ?, UTC_TIMESTAMP())"
		    " ON DUPLICATE KEY UPDATE cell = VALUES(cell), version = VALUES(version),"
		    " features = VALUES(features), computed_at = VALUES(computed_at)",
		    "iiib", media_id, (long long)cell, (long long)IMGFEAT_VERSION,
		    (const void *)f->v, (size_t)IMGFEAT_DIMS) < 0)
		return -1;
	return 0;
}

int
imgfeat_product_changed(const struct event *ev, void *arg)
{
	struct db_result *r;
	long long ids[64];
	size_t n = 0, i;

	(void)arg;
	r = db_query("SELECT DISTINCT i.media_id FROM product_images i"
		     " LEFT JOIN image_features f ON f.media_id = i.media_id AND f.version = ?"
		     " WHERE i.product_id = ? AND i.media_id IS NOT NULL AND f.media_id IS NULL"
		     " ORDER BY i.media_id LIMIT 64",
		     "ii", (long long)IMGFEAT_VERSION, ev->subject_id);
	if (r == NULL)
		return -1;
	while (db_next(r) && n < sizeof ids / sizeof ids[0])
		ids[n++] = db_int(r, 0);
	db_free(r);
	for (i = 0; i < n; i++) {
		int rc = imgfeat_index_media(ids[i]);

		if (rc < 0)
			return -1;
		if (rc == 0)
			log_info("imgfeat.described", "media=%lld product=%lld", ids[i], ev->subject_id);
	}
	return 0;
}

long long
imgfeat_backfill(long long limit)
{
	struct db_result *r;
	long long *ids, n = 0, i, done = 0;

	if (limit < 1)
		return 0;
	r = db_query("SELECT DISTINCT i.media_id FROM product_images i"
		     " LEFT JOIN image_features f ON f.media_id = i.media_id AND f.version = ?"
		     " WHERE i.media_id IS NOT NULL AND f.media_id IS NULL ORDER BY i.media_id LIMIT ?",
		     "ii", (long long)IMGFEAT_VERSION, limit);
	if (r == NULL)
		return -1;
	ids = malloc(sizeof *ids * (db_rows(r) + 1));
	if (ids == NULL) {
		db_free(r);
		return -1;
	}
	while (db_next(r))
		ids[n++] = db_int(r, 0);
	db_free(r);
	for (i = 0; i < n; i++) {
		int rc;

		/* One transaction a picture: the cells' row stays share-locked
		 * from reading its cell to filing it (a training waits). */
		if (db_begin() < 0) {
			free(ids);
			return -1;
		}
		rc = imgfeat_index_media(ids[i]);
		if (rc < 0 || db_commit() < 0) {
			db_rollback();
			free(ids);
			return -1;
		}
		done += rc == 0;
	}
	free(ids);
	return done;
}

/* ---- training ------------------------------------------------------------- */

/* The pictures as read for a training, ordered by media id; cell: the cell a
 * row is filed under (as read), then the one it belongs in. */
struct imgfeat_rows {
	long long *media;
	int *cell;
	signed char *v;		/* n * IMGFEAT_DIMS */
	size_t n;
};

/* Refiling moves rows between cells IMGFEAT_REFILE at a time. */
#define IMGFEAT_REFILE 32
#define IMGFEAT_REFILE_IN "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"

static void
imgfeat_rows_free(struct imgfeat_rows *rows)
{
	free(rows->media);
	free(rows->cell);
	free(rows->v);
	memset(rows, 0, sizeof *rows);
}

/* Every descriptor of this version. 0 or -1. */
static int
imgfeat_rows_read(struct imgfeat_rows *rows)
{
	struct db_result *r;
	size_t cap;

	memset(rows, 0, sizeof *rows);
	r = db_query("SELECT media_id, cell, features FROM image_features WHERE version = ? ORDER BY media_id",
		     "i", (long long)IMGFEAT_VERSION);
	if (r == NULL)
		return -1;
	cap = db_rows(r) + 1;
	rows->media = malloc(sizeof *rows->media * cap);
	rows->cell = malloc(sizeof *rows->cell * cap);
	rows->v = malloc((size_t)IMGFEAT_DIMS * cap);
	if (rows->media == NULL || rows->cell == NULL || rows->v == NULL) {
		db_free(r);
		imgfeat_rows_free(rows);
		return -1;
	}
	while (db_next(r))
		if (db_len(r, 2) == IMGFEAT_DIMS) {
			rows->media[rows->n] = db_int(r, 0);
			rows->cell[rows->n] = (int)db_int(r, 1);
			memcpy(rows->v + rows->n * IMGFEAT_DIMS, db_str(r, 2), IMGFEAT_DIMS);
			rows->n++;
		}
	db_free(r);
	return 0;
}

/* The nearest of k centres to the descriptor v, numbered from 1. */
static int
imgfeat_nearest_centre(const signed char *v, const float *centres, size_t k)
{
	struct imgfeat f;
	float best = 0;
	size_t i;
	int cell = 1;

	memcpy(f.v, v, IMGFEAT_DIMS);
	for (i = 0; i < k; i++) {
		float d = imgfeat_centre_distance(&f, centres + i * IMGFEAT_DIMS);

		if (i == 0 || d < best) {
			best = d;
			cell = (int)i + 1;
		}
	}
	return cell;
}

static double
imgfeat_ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* The long part, outside any transaction, from a consistent read: whether a
 * training is due, then k-means and each picture's new cell. Holding
 * image_index's row meanwhile would make every picture being filed wait
 * for minutes at 100,000 pictures (a client's BAZAAR_DB_TIMEOUT ends such a
 * wait by dropping its connection). 1 with *generation, *rows (their new
 * cells), *centres and *k set; 0 not due; -1 on an error. */
static int
imgfeat_train_centres(int force, long long *generation, struct imgfeat_rows *rows, float **centres, size_t *k)
{
	struct db_result *r;
	long long trained, total;
	float *points = NULL;
	size_t i, sample, stride;

	r = db_query(IMGFEAT_STATE_SQL, "");
	if (r == NULL || !db_next(r)) {
		db_free(r);
		return -1;
	}
	*generation = db_int(r, 0);
	trained = db_int(r, 2);
	db_free(r);
	total = db_scalar(-1, "SELECT COUNT(*) FROM image_features WHERE version = ?", "i",
			  (long long)IMGFEAT_VERSION);
	if (total < 0)
		return -1;
	if (total < 4 * IMGFEAT_PROBE || (!force && total < 2 * trained))
		return 0;
	*k = (size_t)sqrt((double)total);
	if (*k > IMGFEAT_CELLS_MAX)
		*k = IMGFEAT_CELLS_MAX;
	if (imgfeat_rows_read(rows) != 0)
		return -1;
	if (rows->n < *k) {
		imgfeat_rows_free(rows);
		return 0;
	}

	/* k-means over an even sample of at most 64 pictures a cell. */
	sample = rows->n < 64 * *k ? rows->n : 64 * *k;
	stride = rows->n / sample;
	points = malloc(sizeof *points * sample * IMGFEAT_DIMS);
	*centres = malloc(sizeof **centres * *k * IMGFEAT_DIMS);
	if (points == NULL || *centres == NULL)
		goto fail;
	for (i = 0; i < sample; i++) {
		size_t d;

		for (d = 0; d < IMGFEAT_DIMS; d++)
			points[i * IMGFEAT_DIMS + d] = rows->v[i * stride * IMGFEAT_DIMS + d];
	}
	if (imgfeat_bridge_kmeans(points, (int)sample, IMGFEAT_DIMS, (int)*k, *centres) != 0)
		goto fail;
	free(points);
	for (i = 0; i < rows->n; i++)
		rows->cell[i] = imgfeat_nearest_centre(rows->v + i * IMGFEAT_DIMS, *centres, *k);
	return 1;
fail:
	free(points);
	free(*centres);
	*centres = NULL;
	imgfeat_rows_free(rows);
	return -1;
}

struct imgfeat_move {
	int cell;
	long long media;
};

static int
imgfeat_move_cmp(const void *a, const void *b)
{
	const struct imgfeat_move *x = a, *y = b;

	if (x->cell != y->cell)
		return x->cell < y->cell ? -1 : 1;
	return x->media < y->media ? -1 : x->media > y->media;
}

/* Moves each listed picture to its cell, a cell's pictures IMGFEAT_REFILE
 * to a statement. 0 or -1. */
static int
imgfeat_refile(struct imgfeat_move *moves, size_t n)
{
	size_t i = 0;

	qsort(moves, n, sizeof *moves, imgfeat_move_cmp);
	while (i < n) {
		long long m[IMGFEAT_REFILE];
		int cell = moves[i].cell, j;

		for (j = 0; j < IMGFEAT_REFILE; j++)
			m[j] = i < n && moves[i].cell == cell ? moves[i++].media : 0;
		if (db_exec("UPDATE image_features SET cell = ? WHERE media_id IN (" IMGFEAT_REFILE_IN ")",
			    "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii", (long long)cell, m[0], m[1], m[2], m[3], m[4],
			    m[5], m[6], m[7], m[8], m[9], m[10], m[11], m[12], m[13], m[14], m[15], m[16], m[17],
			    m[18], m[19], m[20], m[21], m[22], m[23], m[24], m[25], m[26], m[27], m[28], m[29],
			    m[30], m[31]) < 0)
			return -1;
	}
	return 0;
}

/* The short part, in the caller's transaction holding image_index's row:
 * the new centres, and every picture under its new cell (those filed since
 * the centres were computed too). 0 when another training has moved the
 * generation meanwhile; k, or -1 on an error. */
static int
imgfeat_train_file(long long generation, const struct imgfeat_rows *old, const float *centres, size_t k)
{
	struct db_result *r;
	struct imgfeat_rows now;
	struct imgfeat_move *moves = NULL;
	size_t i, j = 0, n = 0;
	int rc = -1;

	r = db_query(IMGFEAT_STATE_SQL " FOR UPDATE", "");
	if (r == NULL || !db_next(r)) {
		db_free(r);
		return -1;
	}
	if (db_int(r, 0) != generation) {
		db_free(r);
		return 0;
	}
	db_free(r);
	if (imgfeat_rows_read(&now) != 0)
		return -1;
	moves = malloc(sizeof *moves * (now.n + 1));
	if (moves == NULL)
		goto out;
	for (i = 0; i < now.n; i++) {
		const signed char *v = now.v + i * IMGFEAT_DIMS;
		int cell;

		/* Both lists are ordered by media id. */
		while (j < old->n && old->media[j] < now.media[i])
			j++;
		if (j < old->n && old->media[j] == now.media[i] &&
		    memcmp(old->v + j * IMGFEAT_DIMS, v, IMGFEAT_DIMS) == 0)
			cell = old->cell[j];
		else
			cell = imgfeat_nearest_centre(v, centres, k);
		if (cell != now.cell[i]) {
			moves[n].cell = cell;
			moves[n].media = now.media[i];
			n++;
		}
	}
	if (db_exec("DELETE FROM image_index_cells", "") < 0)
		goto out;
	for (i = 0; i < k; i++)
		if (db_exec("INSERT INTO image_index_cells (id, centre) VALUES (?, ?)", "ib", (long long)(i + 1),
			    (const void *)(centres + i * IMGFEAT_DIMS), sizeof(float) * IMGFEAT_DIMS) < 0)
			goto out;
	if (imgfeat_refile(moves, n) != 0)
		goto out;
	if (db_exec("UPDATE image_index SET generation = generation + 1, cells = ?, trained_images = ?,"
		    " trained_at = UTC_TIMESTAMP() WHERE id = 1",
		    "ii", (long long)k, (long long)now.n) != 1)
		goto out;
	rc = (int)k;
out:
	free(moves);
	imgfeat_rows_free(&now);
	return rc;
}

int
imgfeat_train(int force)
{
	struct imgfeat_rows rows = { NULL, NULL, NULL, 0 };
	float *centres = NULL;
	long long generation = 0;
	struct timespec t0;
	double centres_ms;
	size_t k = 0;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = imgfeat_train_centres(force, &generation, &rows, &centres, &k);
	if (rc <= 0)
		return rc;
	centres_ms = imgfeat_ms_since(&t0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (db_begin() < 0) {
		rc = -1;
		goto out;
	}
	rc = imgfeat_train_file(generation, &rows, centres, k);
	if (rc > 0) {
		if (db_commit() < 0)
			rc = -1;
	} else {
		db_rollback();
	}
	if (rc > 0)
		log_info("imgfeat.trained", "pictures=%zu cells=%zu centres_ms=%.0f locked_ms=%.0f", rows.n, k,
			 centres_ms, imgfeat_ms_since(&t0));
	else if (rc == 0)
		log_info("imgfeat.train_skipped", "msg=%s", log_quote("trained by another process meanwhile"));
out:
	/* Read the committed centres again at the next use. */
	imgfeat_cells.generation = -1;
	free(centres);
	imgfeat_rows_free(&rows);
	return rc;
}

/* ---- search --------------------------------------------------------------- */

int
imgfeat_search(const struct imgfeat *q, long long exclude, struct imgfeat_hit *hits, int max)
{
	struct db_result *r;
	int cells[IMGFEAT_PROBE], ncells, n = 0, i;

	if (max < 1)
		return 0;
	if (imgfeat_cells_current(0) != 0)
		return -1;
	ncells = imgfeat_nearest_cells(q, cells, IMGFEAT_PROBE);
	for (i = ncells; i < IMGFEAT_PROBE; i++)
		cells[i] = cells[0];	/* the same cell twice reads it once */
	r = db_query("SELECT media_id, features FROM image_features WHERE " IMGFEAT_CELL_IN " AND version = ?",
		     "iiiiiiiii", (long long)cells[0], (long long)cells[1], (long long)cells[2],
		     (long long)cells[3], (long long)cells[4], (long long)cells[5], (long long)cells[6],
		     (long long)cells[7], (long long)IMGFEAT_VERSION);
	if (r == NULL)
		return -1;
	while (db_next(r)) {
		struct imgfeat f;
		long long id = db_int(r, 0);
		long d;
		int j;

		if (id == exclude || db_len(r, 1) != IMGFEAT_DIMS)
			continue;
		memcpy(f.v, db_str(r, 1), IMGFEAT_DIMS);
		d = imgfeat_distance(q, &f);
		if (n == max && d >= hits[n - 1].distance)
			continue;
		j = n < max ? n++ : n - 1;
		for (; j > 0 && (hits[j - 1].distance > d ||
				 (hits[j - 1].distance == d && hits[j - 1].media_id > id)); j--)
			hits[j] = hits[j - 1];
		hits[j].media_id = id;
		hits[j].distance = d;
	}
	db_free(r);
	return n;
}

/* The pictures a query's products are read from: IMGFEAT_PICTURES of them,
 * bound one by one (0 for an empty place). */
#define IMGFEAT_PICTURES 24
#define IMGFEAT_PICTURES_IN "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"

int
imgfeat_search_products(const struct imgfeat *q, long long exclude_product, struct imgfeat_product *out,
			int max)
{
	struct imgfeat_hit hits[IMGFEAT_PICTURES];
	long long m[IMGFEAT_PICTURES];
	struct db_result *r;
	int nhits, n = 0, h, i, pass;

	if (max > IMGFEAT_PRODUCTS_MAX)
		max = IMGFEAT_PRODUCTS_MAX;
	if (max < 1)
		return 0;
	nhits = imgfeat_search(q, 0, hits, IMGFEAT_PICTURES);
	if (nhits <= 0)
		return nhits;
	for (i = 0; i < IMGFEAT_PICTURES; i++)
		m[i] = i < nhits ? hits[i].media_id : 0;
	r = db_query("SELECT i.media_id, p.id FROM product_images i"
		     " JOIN products p ON p.id = i.product_id"
		     " JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
		     " WHERE i.media_id IN (" IMGFEAT_PICTURES_IN ") AND p.status = 'active' AND p.id <> ?"
		     " ORDER BY p.popularity DESC, p.id LIMIT 2000",
		     "iiiiiiiiiiiiiiiiiiiiiiiii", m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9],
		     m[10], m[11], m[12], m[13], m[14], m[15], m[16], m[17], m[18], m[19], m[20], m[21], m[22],
		     m[23], exclude_product);
	if (r == NULL)
		return -1;
	/* Picture by picture, nearest first, one product of each picture first
	 * (products sharing a picture look the same: the shopper sees the
	 * next-nearest picture before the copies), then the others; within a
	 * picture, in the query's order. */
	for (pass = 0; pass < 2; pass++)
		for (h = 0; h < nhits && n < max; h++) {
			int taken = 0;

			db_rewind(r);
			while (db_next(r) && n < max && !(pass == 0 && taken)) {
				long long pid = db_int(r, 1);
				int seen = 0;

				if (db_int(r, 0) != hits[h].media_id)
					continue;
				for (i = 0; i < n && !seen; i++)
					seen = out[i].product_id == pid;
				if (seen)
					continue;
				out[n].product_id = pid;
				out[n].media_id = hits[h].media_id;
				out[n].distance = hits[h].distance;
				n++;
				taken = 1;
			}
		}
	db_free(r);
	return n;
}
