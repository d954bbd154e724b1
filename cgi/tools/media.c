/*
 * bazaar-media: pictures from the command line, through the same pipeline
 * the vendor portal uses (cgi/lib/media.h).
 *
 *   bazaar-media store FILE...       stores each picture; prints
 *                                    "<id> <hash> <width>x<height> <path>", or why it was refused
 *   bazaar-media bench [COUNT]       makes a 12-megapixel JPEG (4000 x 3000, a
 *                                    photo-like gradient with noise), stores it
 *                                    COUNT times (20) and prints pictures a second
 *                                    and the 50th and 99th percentile of one store
 *
 * Settings come from the environment or BAZAAR_CONFIG (docs/configuration.md),
 * e.g. `. var/dev/env` first. Exit status: 0 done; 1 a picture was refused
 * or the server failed; 2 bad arguments.
 */
#include "cfg.h"
#include "db.h"
#include "log.h"
#include "media.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <vips/vips.h>

#define MEDIA_TOOL_BENCH_W 4000
#define MEDIA_TOOL_BENCH_H 3000

static int
media_tool_usage(void)
{
	fprintf(stderr, "usage: bazaar-media store FILE...\n"
			"       bazaar-media bench [COUNT]\n");
	return 2;
}

static int
media_tool_store(int argc, char **argv)
{
	int i, rc = 0;

	for (i = 0; i < argc; i++) {
		struct media_image m;
		const char *why = NULL;
		int r = media_store_file(argv[i], &m, &why);

		if (r == 0)
			printf("%lld %s %dx%d %s\n", m.id, m.hash, m.width, m.height, m.path);
		else
			fprintf(stderr, "bazaar-media: %s: %s\n", argv[i],
				r > 0 ? why : "could not be stored (see the log line above)");
		if (r != 0)
			rc = 1;
	}
	return rc;
}

static double
media_tool_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
media_tool_cmp(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

/* A photo-like 12-megapixel JPEG (smooth colour with grain, so it
 * compresses as a photo does) in path. */
static int
media_tool_make(const char *path)
{
	VipsImage *xyz = NULL, *grad = NULL, *noise = NULL, *sum = NULL, *rgb = NULL, *out = NULL;
	VipsImage *bands[3];
	int rc = -1;

	if (vips_xyz(&xyz, MEDIA_TOOL_BENCH_W, MEDIA_TOOL_BENCH_H, NULL) ||
	    vips_extract_band(xyz, &grad, 0, NULL) ||
	    vips_gaussnoise(&noise, MEDIA_TOOL_BENCH_W, MEDIA_TOOL_BENCH_H, "sigma", 12.0, "mean", 0.0, NULL) ||
	    vips_linear1(grad, &sum, 255.0 / MEDIA_TOOL_BENCH_W, 0.0, NULL))
		goto out;
	bands[0] = sum;
	bands[1] = noise;
	bands[2] = sum;
	if (vips_bandjoin(bands, &rgb, 3, NULL) || vips_cast(rgb, &out, VIPS_FORMAT_UCHAR, NULL))
		goto out;
	out->Type = VIPS_INTERPRETATION_sRGB;
	rc = vips_jpegsave(out, path, "Q", 90, NULL);
out:
	if (rc != 0)
		fprintf(stderr, "bazaar-media: cannot make the picture: %s\n", vips_error_buffer());
	VIPS_UNREF(xyz);
	VIPS_UNREF(grad);
	VIPS_UNREF(noise);
	VIPS_UNREF(sum);
	VIPS_UNREF(rgb);
	VIPS_UNREF(out);
	return rc;
}

static int
media_tool_bench(int count)
{
	char path[] = "/tmp/bazaar-media-bench-XXXXXX";
	double *t, total = 0;
	int fd, i, rc = 1;

	if ((fd = mkstemp(path)) < 0)
		return 1;
	close(fd);
	t = calloc((size_t)count, sizeof *t);
	if (t == NULL || media_tool_make(path) != 0)
		goto out;
	for (i = 0; i < count; i++) {
		struct media_image m;
		const char *why = NULL;
		double start = media_tool_now();

		if (media_store_file(path, &m, &why) != 0) {
			fprintf(stderr, "bazaar-media: the bench picture was not stored: %s\n", why ? why : "error");
			goto out;
		}
		t[i] = media_tool_now() - start;
		total += t[i];
	}
	qsort(t, (size_t)count, sizeof *t, media_tool_cmp);
	/* Nearest rank. */
	printf("pictures %d megapixels 12 per_second %.2f p50_ms %.0f p99_ms %.0f\n", count,
	       count / total, t[(count - 1) / 2] * 1000,
	       t[(size_t)((count * 99 + 99) / 100) - 1] * 1000);
	rc = 0;
out:
	free(t);
	unlink(path);
	return rc;
}

int
main(int argc, char **argv)
{
	log_init("bazaar-media");
	if (argc < 2)
		return media_tool_usage();
	if (cfg_load() != 0)
		return 1;
	if (db_connect() != 0) {
		fprintf(stderr, "bazaar-media: cannot reach the database (see the log line above)\n");
		return 1;
	}
	if (media_init() != 0)
		return 1;
	if (strcmp(argv[1], "store") == 0 && argc >= 3)
		return media_tool_store(argc - 2, argv + 2);
	if (strcmp(argv[1], "bench") == 0 && argc <= 3) {
		int count = argc == 3 ? atoi(argv[2]) : 20;

		if (count < 1 || count > 10000)
			return media_tool_usage();
		return media_tool_bench(count);
	}
	return media_tool_usage();
}
