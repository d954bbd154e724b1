/*
 * Unit tests for cgi/lib/imgfeat.c: a file is described as its pixels are,
 * an upload that is not a picture is refused with the media pipeline's
 * sentence; a training files every picture under its nearest cell; and the
 * quality of search by picture on the test stack's demo catalogue, measured.
 * The descriptor itself: check_imgfeat_bridge.c.
 *
 * The measure: 200 products, each with a picture no other product of the
 * sample has (the demo catalogue draws one picture per kind of product and
 * shares it between the products of that kind, so two products with the
 * same picture cannot be told apart by any search by picture: a result
 * counts as finding the product when it is the product or a product with
 * the very same stored picture). Each product's largest stored picture is
 * cropped by 10% (90% of its width and height kept, at a place that varies),
 * rescaled (to between 35% and 60% of its size), slightly recoloured (each
 * channel scaled and shifted a little) and re-compressed as a JPEG of
 * quality 60 to 75; the search must find it among its first three results
 * for at least 90% of the sample. That the results are not simply "same
 * category": three products drawn at random from the product's own category
 * would find it with the probability computed for each product from the
 * category's counts; their mean must stay at least 30 points below the
 * search's hit rate. The figures are printed (the test's log).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <vips/vips.h>

#include "check_util.h"
#include "db.h"
#include "imgfeat.h"
#include "media.h"

#define SAMPLE 200

/* 96 x 96 pixels of diagonal stripes in two colours. */
static unsigned char *
stripes(void)
{
	unsigned char *p = malloc(96 * 96 * 3);
	int i;

	ck_assert_ptr_nonnull(p);
	for (i = 0; i < 96 * 96; i++) {
		int on = ((i % 96) + (i / 96)) / 12 % 2;

		p[i * 3] = on ? 30 : 240;
		p[i * 3 + 1] = on ? 160 : 220;
		p[i * 3 + 2] = on ? 60 : 200;
	}
	return p;
}

static void
write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(p, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(a_file_that_is_not_a_picture_is_refused_with_a_sentence)
{
	char path[] = "/tmp/check_imgfeat.XXXXXX";
	const char *why = NULL;
	struct imgfeat a;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	write_file(path, "<?php echo 1; ?>\n", 17);
	ck_assert_int_eq(imgfeat_describe_file(path, &a, &why), 1);
	ck_assert_ptr_nonnull(why);
	ck_assert_ptr_nonnull(strstr(why, "JPEG, PNG, WebP or GIF"));
	unlink(path);
}
END_TEST

START_TEST(a_picture_file_is_described_like_its_pixels)
{
	char path[] = "/tmp/check_imgfeat.XXXXXX.png";
	unsigned char *p = stripes();
	VipsImage *img;
	void *png = NULL;
	size_t n = 0;
	const char *why = NULL;
	struct imgfeat fromfile, frompixels;
	int fd = mkstemps(path, 4);

	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(media_init(), 0);
	img = vips_image_new_from_memory(p, (size_t)96 * 96 * 3, 96, 96, 3, VIPS_FORMAT_UCHAR);
	ck_assert_ptr_nonnull(img);
	ck_assert_int_eq(vips_pngsave_buffer(img, &png, &n, NULL), 0);
	write_file(path, png, n);
	ck_assert_int_eq(imgfeat_describe_file(path, &fromfile, &why), 0);
	ck_assert_int_eq(imgfeat_describe_pixels(p, 96, 96, &frompixels), 0);
	ck_assert_int_eq(imgfeat_distance(&fromfile, &frompixels), 0);
	g_free(png);
	g_object_unref(img);
	free(p);
	unlink(path);
}
END_TEST

/* ---- the measure on the demo catalogue --------------------------------------- */

/* A transformed copy of the stored picture (its 1200 JPEG) at out: cropped
 * by 10%, rescaled, recoloured, re-compressed; i varies each step. */
static void
transformed_copy(const char *hash, int i, const char *out)
{
	char src[1024];
	VipsImage *in = NULL, *crop = NULL, *small = NULL, *tinted = NULL, *u8 = NULL;
	double a[3] = { 1.0 + (i % 5) * 0.012, 1.0 - (i % 3) * 0.015, 1.0 + (i % 4) * 0.01 };
	double b[3] = { (double)(i % 7) - 3, (double)(i % 5) - 2, (double)(i % 3) * 2 - 2 };
	int w, h, cw, ch, x, y;

	ck_assert_ptr_nonnull(media_hash_file(hash, 1200, "jpg", src, sizeof src));
	in = vips_image_new_from_file(src, NULL);
	ck_assert_msg(in != NULL, "cannot read %s", src);
	w = vips_image_get_width(in);
	h = vips_image_get_height(in);
	cw = w * 9 / 10;
	ch = h * 9 / 10;
	x = (w - cw) * (i % 11) / 10;
	y = (h - ch) * ((i * 7) % 11) / 10;
	ck_assert_int_eq(vips_extract_area(in, &crop, x, y, cw, ch, NULL), 0);
	ck_assert_int_eq(vips_resize(crop, &small, 0.35 + (i % 6) * 0.05, NULL), 0);
	ck_assert_int_eq(vips_linear(small, &tinted, a, b, 3, NULL), 0);
	ck_assert_int_eq(vips_cast_uchar(tinted, &u8, NULL), 0);
	ck_assert_int_eq(vips_jpegsave(u8, out, "Q", 60 + (i % 4) * 5, NULL), 0);
	g_object_unref(u8);
	g_object_unref(tinted);
	g_object_unref(small);
	g_object_unref(crop);
	g_object_unref(in);
}

/* Probability that 3 products drawn at random from n (k of them with the
 * picture) include one with the picture. */
static double
category_chance(long long n, long long k)
{
	double miss = 1.0;
	long long j;

	if (n <= 3)
		return k > 0 ? 1.0 : 0.0;
	for (j = 0; j < 3; j++)
		miss *= (double)(n - k - j) / (double)(n - j);
	return miss < 0 ? 1.0 : 1.0 - miss;
}

START_TEST(a_transformed_copy_finds_its_product_in_the_first_three)
{
	struct db_result *r;
	char tmp[] = "/tmp/check_imgfeat_query.XXXXXX.jpg";
	int fd, sample = 0, hits = 0, top1 = 0, same_category = 0, results = 0;
	double chance = 0;

	CHECK_DB_CONNECT("check_imgfeat");
	ck_assert_int_eq(media_init(), 0);
	fd = mkstemps(tmp, 4);
	ck_assert_int_ge(fd, 0);
	close(fd);
	/* One product per picture: the first active one of a verified shop. */
	r = db_query("SELECT MIN(p.id), i.media_id, m.hash"
		     " FROM products p JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'"
		     " JOIN product_images i ON i.product_id = p.id AND i.position = 1"
		     " JOIN media m ON m.id = i.media_id"
		     " JOIN image_features f ON f.media_id = i.media_id"
		     " WHERE p.status = 'active' GROUP BY i.media_id, m.hash ORDER BY i.media_id LIMIT ?",
		     "i", (long long)SAMPLE);
	ck_assert_ptr_nonnull(r);
	ck_assert_msg(db_rows(r) == SAMPLE,
		      "the test stack has %zu described product pictures, the measure needs %d "
		      "(did `bazaar-imgindex backfill` run at the stack's start?)", db_rows(r), SAMPLE);
	while (db_next(r)) {
		struct imgfeat q;
		struct imgfeat_product found[3];
		const char *why = NULL;
		long long media = db_int(r, 1);
		long long category = db_scalar(0, "SELECT category_id FROM products WHERE id = ?", "i",
					       db_int(r, 0));
		long long in_category = db_scalar(0, "SELECT COUNT(*) FROM products p JOIN vendors v"
						     " ON v.id = p.vendor_id AND v.status = 'verified'"
						     " WHERE p.category_id = ? AND p.status = 'active'",
						  "i", category);
		long long with_picture = db_scalar(0, "SELECT COUNT(DISTINCT p.id) FROM products p JOIN vendors v"
						      " ON v.id = p.vendor_id AND v.status = 'verified'"
						      " JOIN product_images i ON i.product_id = p.id AND i.media_id = ?"
						      " WHERE p.category_id = ? AND p.status = 'active'",
						   "ii", media, category);
		int n, k, hit = 0;

		transformed_copy(db_str(r, 2), sample, tmp);
		ck_assert_int_eq(imgfeat_describe_file(tmp, &q, &why), 0);
		n = imgfeat_search_products(&q, 0, found, 3);
		ck_assert_int_ge(n, 0);
		for (k = 0; k < n; k++) {
			long long c = db_scalar(0, "SELECT category_id FROM products WHERE id = ?", "i",
						found[k].product_id);

			hit |= found[k].media_id == media;
			same_category += c == category;
			results++;
		}
		top1 += n > 0 && found[0].media_id == media;
		hits += hit;
		chance += category_chance(in_category, with_picture);
		sample++;
	}
	db_free(r);
	unlink(tmp);
	fprintf(stderr,
		"image search: %d of %d transformed copies found their product in the first three (%.1f%%),"
		" first %.1f%%; three random products of the same category: %.1f%%;"
		" results of the same category: %.1f%%\n",
		hits, sample, 100.0 * hits / sample, 100.0 * top1 / sample, 100.0 * chance / sample,
		results ? 100.0 * same_category / results : 0.0);
	ck_assert_msg(hits * 10 >= sample * 9, "only %d of %d found in the first three", hits, sample);
	ck_assert_msg(100.0 * hits / sample - 100.0 * chance / sample >= 30.0,
		      "the search (%d of %d) is hardly better than the same category (%.1f%%)", hits, sample,
		      100.0 * chance / sample);
}
END_TEST

/* A forced training moves the generation, keeps the cells' centres and files
 * every picture under the centre nearest to it (the first of equals), as a
 * picture filed later would be. */
START_TEST(a_training_files_every_picture_under_its_nearest_centre)
{
	struct db_result *r;
	float *centres;
	long long before, pictures;
	int cells, n = 0, wrong = 0;

	CHECK_DB_CONNECT("check_imgfeat");
	before = db_scalar(-1, "SELECT generation FROM image_index WHERE id = 1", "");
	ck_assert_int_ge(before, 0);
	cells = imgfeat_train(1);
	ck_assert_int_gt(cells, 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT generation FROM image_index WHERE id = 1", ""), before + 1);
	ck_assert_int_eq(db_scalar(-1, "SELECT cells FROM image_index WHERE id = 1", ""), cells);
	pictures = db_scalar(-1, "SELECT COUNT(*) FROM image_features WHERE version = ?", "i",
			     (long long)IMGFEAT_VERSION);
	ck_assert_int_eq(db_scalar(-1, "SELECT trained_images FROM image_index WHERE id = 1", ""), pictures);

	centres = calloc((size_t)cells, sizeof(float) * IMGFEAT_DIMS);
	ck_assert_ptr_nonnull(centres);
	r = db_query("SELECT id, centre FROM image_index_cells ORDER BY id", "");
	ck_assert_ptr_nonnull(r);
	while (db_next(r)) {
		ck_assert_int_eq(db_int(r, 0), n + 1);
		ck_assert_int_eq(db_len(r, 1), sizeof(float) * IMGFEAT_DIMS);
		memcpy(centres + (size_t)n * IMGFEAT_DIMS, db_str(r, 1), sizeof(float) * IMGFEAT_DIMS);
		n++;
	}
	db_free(r);
	ck_assert_int_eq(n, cells);

	r = db_query("SELECT cell, features FROM image_features WHERE version = ?", "i",
		     (long long)IMGFEAT_VERSION);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(db_rows(r), pictures);
	while (db_next(r)) {
		const signed char *v = (const signed char *)db_str(r, 1);
		float best = 0;
		int c, d, nearest = 0;

		for (c = 0; c < cells; c++) {
			float sum = 0;

			for (d = 0; d < IMGFEAT_DIMS; d++) {
				float x = (float)v[d] - centres[(size_t)c * IMGFEAT_DIMS + d];

				sum += x * x;
			}
			if (nearest == 0 || sum < best) {
				best = sum;
				nearest = c + 1;
			}
		}
		wrong += db_int(r, 0) != nearest;
	}
	db_free(r);
	free(centres);
	ck_assert_msg(wrong == 0, "%d of %lld pictures are not under their nearest cell", wrong, pictures);
}
END_TEST

static Suite *
imgfeat_suite(void)
{
	Suite *s = suite_create("imgfeat");
	TCase *tc = tcase_create("descriptor");
	TCase *q = tcase_create("quality");

	tcase_add_test(tc, a_file_that_is_not_a_picture_is_refused_with_a_sentence);
	tcase_add_test(tc, a_picture_file_is_described_like_its_pixels);
	tcase_add_test(tc, a_training_files_every_picture_under_its_nearest_centre);
	suite_add_tcase(s, tc);
	tcase_set_timeout(q, 120);
	tcase_add_test(q, a_transformed_copy_finds_its_product_in_the_first_three);
	suite_add_tcase(s, q);
	return s;
}

CHECK_MAIN(imgfeat_suite)
