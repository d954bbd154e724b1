/*
 * Unit tests for cgi/lib/imgfeat_bridge.cc, the OpenCV bridge: descriptors
 * of the same pixels are the same, a shifted copy is nearer than another
 * picture, a picture under 8 pixels a side is refused, k-means finds two
 * clear groups and refuses more groups than points; libquadmath's printf
 * extensions are declined, and printf formats as before.
 */
#include <printf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "imgfeat.h"

/* w x h pixels: a vertical gradient with a block of colour at (bx, by). */
static unsigned char *
pixels(int w, int h, int bx, int by, unsigned char r, unsigned char g, unsigned char b)
{
	unsigned char *p = malloc((size_t)w * h * 3);
	int x, y;

	ck_assert_ptr_nonnull(p);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			unsigned char *q = p + ((size_t)y * w + x) * 3;
			int in = x >= bx && x < bx + w / 3 && y >= by && y < by + h / 3;

			q[0] = in ? r : (unsigned char)(200 + y * 40 / h);
			q[1] = in ? g : (unsigned char)(210 + y * 30 / h);
			q[2] = in ? b : 230;
		}
	return p;
}

START_TEST(same_pixels_same_descriptor)
{
	unsigned char *p = pixels(120, 90, 10, 10, 200, 30, 30);
	struct imgfeat a, b;

	ck_assert_int_eq(imgfeat_bridge_describe(p, 120, 90, a.v), 0);
	ck_assert_int_eq(imgfeat_bridge_describe(p, 120, 90, b.v), 0);
	ck_assert_int_eq(imgfeat_distance(&a, &b), 0);
	free(p);
}
END_TEST

START_TEST(different_pictures_are_farther_than_a_shifted_copy)
{
	unsigned char *red = pixels(120, 120, 10, 10, 200, 30, 30);
	unsigned char *moved = pixels(120, 120, 14, 12, 200, 30, 30);
	unsigned char *blue = pixels(120, 120, 70, 70, 20, 40, 220);
	struct imgfeat a, b, c;

	ck_assert_int_eq(imgfeat_bridge_describe(red, 120, 120, a.v), 0);
	ck_assert_int_eq(imgfeat_bridge_describe(moved, 120, 120, b.v), 0);
	ck_assert_int_eq(imgfeat_bridge_describe(blue, 120, 120, c.v), 0);
	ck_assert_int_gt(imgfeat_distance(&a, &b), 0);
	ck_assert_int_lt(imgfeat_distance(&a, &b), imgfeat_distance(&a, &c));
	ck_assert_int_eq(imgfeat_distance(&a, &c), imgfeat_distance(&c, &a));
	free(red);
	free(moved);
	free(blue);
}
END_TEST

START_TEST(too_small_pixels_are_refused)
{
	unsigned char *p = pixels(7, 40, 0, 0, 1, 2, 3);
	struct imgfeat a;

	ck_assert_int_eq(imgfeat_bridge_describe(p, 7, 40, a.v), -1);
	free(p);
}
END_TEST

START_TEST(kmeans_finds_two_groups)
{
	float points[8 * 2], centres[2 * 2];
	int i;

	for (i = 0; i < 8; i++) {
		points[i * 2] = i < 4 ? 1.0f + (float)i * 0.1f : 50.0f + (float)i * 0.1f;
		points[i * 2 + 1] = i < 4 ? 2.0f : -30.0f;
	}
	ck_assert_int_eq(imgfeat_bridge_kmeans(points, 8, 2, 2, centres), 0);
	if (centres[0] > centres[2]) {
		float t0 = centres[0], t1 = centres[1];

		centres[0] = centres[2];
		centres[1] = centres[3];
		centres[2] = t0;
		centres[3] = t1;
	}
	ck_assert_float_eq_tol(centres[0], 1.15f, 0.01f);
	ck_assert_float_eq_tol(centres[1], 2.0f, 0.01f);
	ck_assert_float_eq_tol(centres[2], 50.55f, 0.01f);
	ck_assert_float_eq_tol(centres[3], -30.0f, 0.01f);
	ck_assert_int_eq(imgfeat_bridge_kmeans(points, 8, 2, 9, centres), -1);
}
END_TEST

/* A program with the bridge refuses printf extensions (libquadmath's "%Q"
 * among them, registered as it loads), so glibc keeps formatting on its
 * fast path; ordinary formats are untouched. */
START_TEST(printf_extensions_are_declined)
{
	char out[64];

	ck_assert_int_eq(register_printf_specifier('Q', NULL, NULL), -1);
	ck_assert_int_eq(register_printf_modifier(L"Q"), -1);
	ck_assert_int_eq(register_printf_type(NULL), -1);
	snprintf(out, sizeof out, "%s %lld %5.2f %x", "a", 42LL, 3.14159, 255u);
	ck_assert_str_eq(out, "a 42  3.14 ff");
	snprintf(out, sizeof out, "%2$s %1$s", "world", "hello");
	ck_assert_str_eq(out, "hello world");
}
END_TEST

static Suite *
imgfeat_bridge_suite(void)
{
	Suite *s = suite_create("imgfeat_bridge");
	TCase *tc = tcase_create("bridge");

	tcase_add_test(tc, same_pixels_same_descriptor);
	tcase_add_test(tc, different_pictures_are_farther_than_a_shifted_copy);
	tcase_add_test(tc, too_small_pixels_are_refused);
	tcase_add_test(tc, kmeans_finds_two_groups);
	tcase_add_test(tc, printf_extensions_are_declined);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(imgfeat_bridge_suite)
