/*
 * bazaar-imgindex: the picture index of search by picture from the command
 * line (cgi/lib/imgfeat.h).
 *
 *   bazaar-imgindex backfill   describe every picture products use that has
 *                              no descriptor yet (a catalogue loaded without
 *                              events, a new descriptor version), then train
 *                              the cells if the pictures have doubled since
 *   bazaar-imgindex train      train the cells again now
 *   bazaar-imgindex bench PICTURES QUERIES
 *                              for `make bench`: fills the index up to
 *                              PICTURES pictures, then times QUERIES searches
 *                              by picture (see below)
 *
 * The bench's pictures: the bench catalogue shares a few hundred drawings
 * between its products, so the index is filled with made-up pictures: each
 * a stored drawing, cropped to 60-100% of its width and height at a random
 * place, perhaps mirrored, its colours scaled and shifted (up to 20%),
 * described from the pixels and filed with a media row of its own (hash
 * "bench...", no files, last used in the far future so that the cleanup job
 * never takes it; the database keeps them between runs). Then each query is
 * a copy of a stored drawing cropped by 10%, halved, recoloured and written
 * as a JPEG, and is timed from reading that file (checks, decoding,
 * describing) to the products found, as /search/image does once the upload
 * has arrived. Prints "pictures N queries Q per_second R p50_ms A p99_ms B".
 *
 * Settings come from the environment or BAZAAR_CONFIG (docs/configuration.md),
 * e.g. `. var/dev/env` first; BAZAAR_DB_TIMEOUT is 120 s here unless set. Exit status: 0 done; 1 the database or libvips
 * failed; 2 bad arguments.
 */
#include "cfg.h"
#include "db.h"
#include "imgfeat.h"
#include "log.h"
#include "media.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <vips/vips.h>

static int
imgindex_usage(void)
{
	fprintf(stderr, "usage: bazaar-imgindex backfill | train | bench PICTURES QUERIES\n");
	return 2;
}

/* ---- bench ------------------------------------------------------------------ */

struct imgindex_source {
	long long media;
	char hash[MEDIA_HASH_HEX + 1];
	struct media_pixels px;
};

static double
imgindex_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
imgindex_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The stored drawings, decoded at the descriptor's size. */
static struct imgindex_source *
imgindex_sources(size_t *n)
{
	struct db_result *r = db_query("SELECT m.id, m.hash FROM media m"
				       " JOIN image_features f ON f.media_id = m.id"
				       " WHERE m.hash NOT LIKE 'bench%' ORDER BY m.id LIMIT 2000", "");
	struct imgindex_source *s;
	size_t k = 0;

	*n = 0;
	if (r == NULL)
		return NULL;
	s = calloc(db_rows(r) + 1, sizeof *s);
	while (s && db_next(r)) {
		char path[1024];
		const char *why = NULL;

		s[k].media = db_int(r, 0);
		snprintf(s[k].hash, sizeof s[k].hash, "%s", db_str(r, 1));
		if (media_hash_file(s[k].hash, IMGFEAT_STORED_SIZE, "jpg", path, sizeof path) &&
		    media_decode_file(path, IMGFEAT_SIDE, &s[k].px, &why) == 0)
			k++;
	}
	db_free(r);
	*n = k;
	return s;
}

/* One made-up picture from a source (see the top of this file). */
static int
imgindex_variant(const struct media_pixels *src, unsigned *seed, struct imgfeat *out)
{
	int cw = src->width * (60 + rand_r(seed) % 41) / 100, ch = src->height * (60 + rand_r(seed) % 41) / 100;
	int x0 = rand_r(seed) % (src->width - cw + 1), y0 = rand_r(seed) % (src->height - ch + 1);
	int flip = rand_r(seed) % 2, x, y, c, rc;
	double a[3], b[3];
	unsigned char *px;

	if (cw < 8 || ch < 8)
		return -1;
	for (c = 0; c < 3; c++) {
		a[c] = 0.8 + (rand_r(seed) % 41) / 100.0;
		b[c] = (double)(rand_r(seed) % 41) - 20;
	}
	px = malloc((size_t)cw * ch * 3);
	if (px == NULL)
		return -1;
	for (y = 0; y < ch; y++)
		for (x = 0; x < cw; x++) {
			const unsigned char *from = src->rgb + ((size_t)(y0 + y) * src->width + x0 +
								(flip ? cw - 1 - x : x)) * 3;

			for (c = 0; c < 3; c++) {
				double v = from[c] * a[c] + b[c];

				px[((size_t)y * cw + x) * 3 + c] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
			}
		}
	rc = imgfeat_describe_pixels(px, cw, ch, out);
	free(px);
	return rc;
}

/* The made-up pictures are filed IMGINDEX_BATCH to a transaction, described
 * before it opens: a transaction holds image_index's row shared only while
 * it writes, so a training elsewhere (the features job's, once the pictures
 * have doubled) never waits long for it. A batch that fails (a training
 * held the row longer than imgfeat_store waits, say) is filed again, up to
 * IMGINDEX_TRIES times in a row, a few seconds apart. */
#define IMGINDEX_BATCH 100
#define IMGINDEX_TRIES 20

/* imgfeat_backfill, again from where it stopped when it fails (a training
 * elsewhere held image_index's row), up to IMGINDEX_TRIES times in a row.
 * How many pictures the last run described, -1 on an error. */
static long long
imgindex_backfill(void)
{
	long long n;
	int failures = 0;

	while ((n = imgfeat_backfill(10000000)) < 0) {
		if (++failures >= IMGINDEX_TRIES)
			return -1;
		log_warn("imgindex.backfill_retry", "attempt=%d msg=%s", failures,
			 log_quote("describing the pictures failed: trying again"));
		sleep((unsigned)(failures < 5 ? failures : 5));
	}
	return n;
}

struct imgindex_batch {
	long long first;	/* the number in the first picture's hash */
	int n, described;
	struct imgfeat f[IMGINDEX_BATCH];
};

/* db_tx body: files one batch. 0 or -1. */
static int
imgindex_file_batch(void *arg)
{
	const struct imgindex_batch *b = arg;
	int i;

	for (i = 0; i < b->n; i++) {
		char hash[MEDIA_HASH_HEX + 1];

		snprintf(hash, sizeof hash, "bench%027lld", b->first + i);
		if (db_exec("INSERT INTO media (hash, type, bytes, width, height, created_at, last_used_at)"
			    " VALUES (?, 'jpeg', 0, 600, 600, UTC_TIMESTAMP(), '2999-12-31 00:00:00')",
			    "s", hash) != 1 ||
		    imgfeat_store((long long)db_insert_id(), &b->f[i]) != 0)
			return -1;
	}
	return 0;
}

/* Adds made-up pictures until the index holds `pictures`. Returns how many
 * were added, -1 on an error. */
static long long
imgindex_fill(long long pictures, const struct imgindex_source *s, size_t ns)
{
	struct imgindex_batch *b = calloc(1, sizeof *b);
	long long have = -1, next = 0, added = 0, made = 0;
	unsigned seed = 7;
	int failures = 0;

	if (b == NULL)
		return -1;
	for (;;) {
		/* Counted again after a failure: a commit whose answer was
		 * lost may have been applied. */
		if (have < 0) {
			have = db_scalar(-1, "SELECT COUNT(*) FROM image_features WHERE version = ?", "i",
					 (long long)IMGFEAT_VERSION);
			next = db_scalar(-1, "SELECT COUNT(*) FROM media WHERE hash LIKE 'bench%'", "");
			if (have < 0 || next < 0)
				goto fail;
		}
		if (have >= pictures)
			break;
		b->n = pictures - have < IMGINDEX_BATCH ? (int)(pictures - have) : IMGINDEX_BATCH;
		b->first = next;
		for (; b->described < b->n; b->described++)
			if (imgindex_variant(&s[made++ % ns].px, &seed, &b->f[b->described]) != 0)
				goto fail;
		if (db_tx(imgindex_file_batch, b) == 0) {
			have += b->n;
			next += b->n;
			added += b->n;
			/* The described pictures past n (a smaller last batch) go first. */
			memmove(b->f, b->f + b->n, sizeof b->f[0] * (size_t)(b->described - b->n));
			b->described -= b->n;
			failures = 0;
			continue;
		}
		if (++failures >= IMGINDEX_TRIES)
			goto fail;
		log_warn("imgindex.batch_retry", "pictures=%d attempt=%d msg=%s", b->n, failures,
			 log_quote("filing a batch failed: trying again"));
		have = -1;
		sleep((unsigned)(failures < 5 ? failures : 5));
	}
	free(b);
	return added;
fail:
	free(b);
	return -1;
}

/* A transformed copy of a stored drawing as a JPEG file at out. */
static int
imgindex_query_file(const char *hash, int i, const char *out)
{
	char src[1024];
	VipsImage *in = NULL, *crop = NULL, *small = NULL, *tinted = NULL, *u8 = NULL;
	double a[3] = { 1.03, 0.98, 0.97 }, b[3] = { 3, -2, 1 };
	int w, h, rc = -1;

	if (media_hash_file(hash, 1200, "jpg", src, sizeof src) == NULL ||
	    (in = vips_image_new_from_file(src, NULL)) == NULL)
		goto out;
	w = vips_image_get_width(in);
	h = vips_image_get_height(in);
	if (vips_extract_area(in, &crop, (w / 10) * (i % 3) / 2, (h / 10) * ((i + 1) % 3) / 2, w * 9 / 10,
			      h * 9 / 10, NULL) == 0 &&
	    vips_resize(crop, &small, 0.5, NULL) == 0 && vips_linear(small, &tinted, a, b, 3, NULL) == 0 &&
	    vips_cast_uchar(tinted, &u8, NULL) == 0 && vips_jpegsave(u8, out, "Q", 70, NULL) == 0)
		rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "bazaar-imgindex: cannot make a query picture: %s\n", vips_error_buffer());
	VIPS_UNREF(u8);
	VIPS_UNREF(tinted);
	VIPS_UNREF(small);
	VIPS_UNREF(crop);
	VIPS_UNREF(in);
	return rc;
}

static int
imgindex_bench(long long pictures, int queries)
{
	struct imgindex_source *s;
	size_t ns = 0, k;
	char tmp[] = "/tmp/bazaar-imgindex-bench-XXXXXX.jpg";
	double *t = NULL, total = 0;
	long long added, indexed;
	int fd, i, rc = 1;

	/* A stack reused from before the index existed: its pictures first. */
	if (imgindex_backfill() < 0) {
		fprintf(stderr, "bazaar-imgindex: describing the pictures failed (see the log)\n");
		return 1;
	}
	s = imgindex_sources(&ns);
	if (s == NULL || ns == 0) {
		fprintf(stderr, "bazaar-imgindex: no described product picture to start from (backfill first)\n");
		free(s);
		return 1;
	}
	added = imgindex_fill(pictures, s, ns);
	if (added < 0) {
		fprintf(stderr, "bazaar-imgindex: filling the index failed (see the log)\n");
		goto out;
	}
	if (added > 0 && imgfeat_train(1) < 0) {
		fprintf(stderr, "bazaar-imgindex: training the index failed (see the log)\n");
		goto out;
	}
	indexed = db_scalar(0, "SELECT COUNT(*) FROM image_features WHERE version = ?", "i",
			    (long long)IMGFEAT_VERSION);
	if ((fd = mkstemps(tmp, 4)) < 0)
		goto out;
	close(fd);
	t = calloc((size_t)queries, sizeof *t);
	for (i = 0; t && i < queries; i++) {
		struct imgfeat q;
		struct imgfeat_product found[12];
		const char *why = NULL;
		double start;

		if (imgindex_query_file(s[(size_t)i * 7 % ns].hash, i, tmp) != 0)
			goto out;
		start = imgindex_now();
		if (imgfeat_describe_file(tmp, &q, &why) != 0 || imgfeat_search_products(&q, 0, found, 12) < 0) {
			fprintf(stderr, "bazaar-imgindex: a query failed\n");
			goto out;
		}
		t[i] = imgindex_now() - start;
		total += t[i];
	}
	if (t == NULL || queries < 1)
		goto out;
	qsort(t, (size_t)queries, sizeof *t, imgindex_cmp);
	printf("pictures %lld queries %d per_second %.1f p50_ms %.1f p99_ms %.1f\n", indexed, queries,
	       queries / total, t[(queries - 1) / 2] * 1000, t[(size_t)((queries * 99 + 99) / 100) - 1] * 1000);
	rc = 0;
out:
	unlink(tmp);
	free(t);
	for (k = 0; k < ns; k++)
		media_pixels_free(&s[k].px);
	free(s);
	return rc;
}

int
main(int argc, char **argv)
{
	long long described = 0;
	int cells;

	log_init("bazaar-imgindex");
	if (!(argc == 2 && (strcmp(argv[1], "backfill") == 0 || strcmp(argv[1], "train") == 0)) &&
	    !(argc == 4 && strcmp(argv[1], "bench") == 0 && atoll(argv[2]) > 0 && atoi(argv[3]) > 0))
		return imgindex_usage();
	if (cfg_load() != 0)
		return 1;
	/* A training's commit moves every picture's row: a statement of this
	 * tool may take longer than a page's 5 s, unless a timeout was set. */
	if (cfg_str("BAZAAR_DB_TIMEOUT", NULL) == NULL)
		setenv("BAZAAR_DB_TIMEOUT", "120", 0);
	if (db_connect() != 0) {
		fprintf(stderr, "bazaar-imgindex: cannot reach the database (see the log line above)\n");
		return 1;
	}
	if (media_init() != 0) {
		fprintf(stderr, "bazaar-imgindex: libvips cannot start\n");
		return 1;
	}
	if (strcmp(argv[1], "bench") == 0) {
		int rc = imgindex_bench(atoll(argv[2]), atoi(argv[3]));

		db_close();
		return rc;
	}
	if (strcmp(argv[1], "backfill") == 0) {
		described = imgindex_backfill();
		if (described < 0) {
			fprintf(stderr, "bazaar-imgindex: describing the pictures failed (see the log)\n");
			return 1;
		}
	}
	cells = imgfeat_train(strcmp(argv[1], "train") == 0);
	if (cells < 0) {
		fprintf(stderr, "bazaar-imgindex: training the index failed (see the log)\n");
		return 1;
	}
	printf("%lld pictures described; index %s\n", described,
	       cells > 0 ? "trained" : "unchanged");
	if (cells > 0)
		printf("%d cells\n", cells);
	db_close();
	return 0;
}
