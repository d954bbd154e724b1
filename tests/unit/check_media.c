/*
 * Unit tests for cgi/lib/media.c: the type from the bytes, the structure
 * walk (cut short, data after the image, markup inside), the header limits,
 * the six files (sizes, no metadata, upright), one row per picture, nothing
 * left behind by a refusal, and the deletion of unused pictures.
 * The pictures are made here with libvips; the store tests need the test
 * stack's MariaDB.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vips/vips.h>

#include "check_util.h"
#include "db.h"
#include "media.h"

/* ---- pictures made for the tests ------------------------------------------ */

struct blob {
	unsigned char *p;
	size_t n;
};

static void
blob_free(struct blob *b)
{
	g_free(b->p);
	b->p = NULL;
	b->n = 0;
}

/* Appends bytes (the result is g_malloc'd, like libvips' buffers). */
static void
blob_append(struct blob *b, const void *p, size_t n)
{
	b->p = g_realloc(b->p, b->n + n);
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

/* A w x h picture with something in it (a gradient), bands 3 or 4. */
static VipsImage *
picture(int w, int h, int bands)
{
	VipsImage *xyz = NULL, *r = NULL, *out = NULL, *cast = NULL;
	VipsImage *parts[4];
	int i;

	ck_assert_int_eq(media_init(), 0);
	ck_assert_int_eq(vips_xyz(&xyz, w, h, NULL), 0);
	ck_assert_int_eq(vips_extract_band(xyz, &r, 0, NULL), 0);
	for (i = 0; i < bands; i++)
		parts[i] = r;
	ck_assert_int_eq(vips_bandjoin(parts, &out, bands, NULL), 0);
	ck_assert_int_eq(vips_cast(out, &cast, VIPS_FORMAT_UCHAR, NULL), 0);
	g_object_unref(xyz);
	g_object_unref(r);
	g_object_unref(out);
	vips_image_set_int(cast, "interpretation", bands >= 3 ? VIPS_INTERPRETATION_sRGB
							      : VIPS_INTERPRETATION_B_W);
	return cast;
}

/* img written as type t (consumed). */
static struct blob
encoded(VipsImage *img, enum media_type t)
{
	struct blob b = { NULL, 0 };
	void *buf = NULL;
	size_t n = 0;
	int rc = -1;

	switch (t) {
	case MEDIA_JPEG: rc = vips_jpegsave_buffer(img, &buf, &n, "Q", 70, NULL); break;
	case MEDIA_PNG: rc = vips_pngsave_buffer(img, &buf, &n, NULL); break;
	case MEDIA_WEBP: rc = vips_webpsave_buffer(img, &buf, &n, NULL); break;
	case MEDIA_GIF: rc = vips_gifsave_buffer(img, &buf, &n, NULL); break;
	default: break;
	}
	ck_assert_int_eq(rc, 0);
	g_object_unref(img);
	b.p = buf;
	b.n = n;
	return b;
}

static struct blob
jpeg_of(int w, int h, int orientation)
{
	VipsImage *img = picture(w, h, 3);

	if (orientation)
		vips_image_set_int(img, "orientation", orientation);
	return encoded(img, MEDIA_JPEG);
}

static struct blob
png_of(int w, int h, int bands)
{
	return encoded(picture(w, h, bands), MEDIA_PNG);
}

static struct blob
webp_of(int w, int h)
{
	return encoded(picture(w, h, 3), MEDIA_WEBP);
}

static struct blob
gif_of(int w, int h)
{
	return encoded(picture(w, h, 3), MEDIA_GIF);
}

/* A PNG whose header says w x h, with a single tiny IDAT: never decodable,
 * and never decoded. */
static struct blob
png_header_only(unsigned long w, unsigned long h)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	unsigned char ihdr[25] = { 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
	static const unsigned char idat[12 + 2] = { 0, 0, 0, 2, 'I', 'D', 'A', 'T', 0x78, 0x9c }; /* CRC 0 */
	static const unsigned char iend[12] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };
	struct blob b = { NULL, 0 };

	ihdr[8] = (unsigned char)(w >> 24); ihdr[9] = (unsigned char)(w >> 16);
	ihdr[10] = (unsigned char)(w >> 8); ihdr[11] = (unsigned char)w;
	ihdr[12] = (unsigned char)(h >> 24); ihdr[13] = (unsigned char)(h >> 16);
	ihdr[14] = (unsigned char)(h >> 8); ihdr[15] = (unsigned char)h;
	ihdr[16] = 8;	/* bit depth */
	ihdr[17] = 2;	/* RGB */
	blob_append(&b, sig, sizeof sig);
	blob_append(&b, ihdr, sizeof ihdr);
	blob_append(&b, idat, sizeof idat);
	blob_append(&b, iend, sizeof iend);
	return b;
}

static const char *
sniff_why(const struct blob *b)
{
	const char *why = NULL;
	int w, h;

	ck_assert_int_eq(media_sniff(b->p, b->n, &w, &h, &why), MEDIA_NONE);
	ck_assert_ptr_nonnull(why);
	return why;
}

static void
sniff_ok(const struct blob *b, enum media_type want)
{
	const char *why = "unset";
	int w, h;

	ck_assert_int_eq(media_sniff(b->p, b->n, &w, &h, &why), want);
	ck_assert_ptr_null(why);
}

/* ---- the type from the content --------------------------------------------- */

START_TEST(sniff_accepts_the_four_types)
{
	struct blob j = jpeg_of(64, 48, 0), p = png_of(64, 48, 4), w = webp_of(64, 48), g = gif_of(64, 48);
	const char *why;
	int width, height;

	sniff_ok(&j, MEDIA_JPEG);
	ck_assert_int_eq(media_sniff(j.p, j.n, &width, &height, &why), MEDIA_JPEG);
	ck_assert_int_eq(width, 64);
	ck_assert_int_eq(height, 48);
	sniff_ok(&p, MEDIA_PNG);
	ck_assert_int_eq(media_sniff(p.p, p.n, &width, &height, &why), MEDIA_PNG);
	ck_assert_int_eq(width, 64);
	sniff_ok(&w, MEDIA_WEBP);
	sniff_ok(&g, MEDIA_GIF);
	blob_free(&j);
	blob_free(&p);
	blob_free(&w);
	blob_free(&g);
}
END_TEST

START_TEST(sniff_refuses_what_is_not_a_picture)
{
	static const char *const files[] = {
		"<?php system($_GET['c']); ?>\n",
		"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
		"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
		"%PDF-1.7\n1 0 obj\n",
		"PK\x03\x04\x14\x00\x00\x00",
		"BM\x36\x00\x00\x00",	/* BMP: a picture, but not one we take */
		"II*\x00\x08\x00",	/* TIFF */
	};
	size_t i;

	for (i = 0; i < sizeof files / sizeof *files; i++) {
		struct blob b = { (unsigned char *)files[i], strlen(files[i]) };
		const char *why = sniff_why(&b);

		ck_assert_msg(strstr(why, "not a JPEG, PNG, WebP or GIF") != NULL, "file %zu: %s", i, why);
	}
	{
		struct blob empty = { (unsigned char *)"", 0 };

		ck_assert_ptr_nonnull(strstr(sniff_why(&empty), "empty"));
	}
}
END_TEST

START_TEST(sniff_refuses_a_file_cut_short)
{
	struct blob j = jpeg_of(300, 200, 0), p = png_of(300, 200, 3), w = webp_of(300, 200),
		    g = gif_of(300, 200);
	struct blob cut;

	cut = j;
	cut.n = j.n * 2 / 3;
	ck_assert_ptr_nonnull(strstr(sniff_why(&cut), "cut short"));
	cut.n = j.n - 2;	/* all but the end marker */
	ck_assert_ptr_nonnull(strstr(sniff_why(&cut), "cut short"));
	cut = p;
	cut.n = p.n - 12;	/* no IEND */
	ck_assert_ptr_nonnull(strstr(sniff_why(&cut), "cut short"));
	cut = w;
	cut.n = w.n - 10;
	ck_assert_ptr_nonnull(strstr(sniff_why(&cut), "cut short"));
	cut = g;
	cut.n = g.n - 1;	/* no trailer */
	ck_assert_ptr_nonnull(strstr(sniff_why(&cut), "cut short"));
	blob_free(&j);
	blob_free(&p);
	blob_free(&w);
	blob_free(&g);
}
END_TEST

START_TEST(sniff_refuses_data_after_the_image)
{
	static const char html[] = "<p>hello</p>";
	static const char zip[] = "PK\x03\x04\x14\x00\x00\x00\x08\x00";
	struct blob j = jpeg_of(64, 48, 0), p = png_of(64, 48, 3), w = webp_of(64, 48), g = gif_of(64, 48);
	struct blob *all[] = { &j, &p, &w, &g };
	size_t i;

	for (i = 0; i < 4; i++) {
		struct blob b = { NULL, 0 };

		blob_append(&b, all[i]->p, all[i]->n);
		blob_append(&b, zip, sizeof zip - 1);
		ck_assert_msg(strstr(sniff_why(&b), "more than a picture") != NULL, "type %zu + zip", i);
		blob_free(&b);
		blob_append(&b, all[i]->p, all[i]->n);
		blob_append(&b, html, sizeof html - 1);
		ck_assert_msg(strstr(sniff_why(&b), "more than a picture") != NULL, "type %zu + html", i);
		blob_free(&b);
	}
	blob_free(&j);
	blob_free(&p);
	blob_free(&w);
	blob_free(&g);
}
END_TEST

START_TEST(sniff_allows_padding_and_a_second_jpeg)
{
	struct blob j = jpeg_of(64, 48, 0), k = jpeg_of(32, 24, 0);
	struct blob b = { NULL, 0 };
	static const unsigned char zeros[16];

	/* A phone's gain map or an MPO's second view follows the first image. */
	blob_append(&b, j.p, j.n);
	blob_append(&b, k.p, k.n);
	sniff_ok(&b, MEDIA_JPEG);
	blob_append(&b, zeros, sizeof zeros);
	sniff_ok(&b, MEDIA_JPEG);
	blob_append(&b, "GIF", 3);
	sniff_why(&b);
	blob_free(&b);
	blob_free(&j);
	blob_free(&k);
}
END_TEST

START_TEST(sniff_refuses_markup_inside)
{
	struct blob j = jpeg_of(64, 48, 0);
	struct blob b = { NULL, 0 };
	static const char com[] = "<?php echo 1; ?>";
	unsigned char seg[4] = { 0xFF, 0xFE, 0, (unsigned char)(sizeof com - 1 + 2) };

	/* A comment segment right after SOI: structurally a valid JPEG. */
	blob_append(&b, j.p, 2);
	blob_append(&b, seg, sizeof seg);
	blob_append(&b, com, sizeof com - 1);
	blob_append(&b, j.p + 2, j.n - 2);
	ck_assert_ptr_nonnull(strstr(sniff_why(&b), "program code"));
	blob_free(&b);
	blob_free(&j);
}
END_TEST

START_TEST(size_paths_and_dims)
{
	char out[MEDIA_PATH_MAX];
	const char *p = "m/3f/3f0123456789abcdef0123456789abcd-600.jpg";
	int w, h;

	ck_assert_str_eq(media_size_path(p, 200, "webp", out, sizeof out),
			 "m/3f/3f0123456789abcdef0123456789abcd-200.webp");
	ck_assert_str_eq(media_size_path(p, 1200, "jpg", out, sizeof out),
			 "m/3f/3f0123456789abcdef0123456789abcd-1200.jpg");
	ck_assert_ptr_null(media_size_path("p/12/12345-1.svg", 200, "webp", out, sizeof out));
	ck_assert_ptr_null(media_size_path("m/3f/3F0123456789abcdef0123456789abcd-600.jpg", 200, "webp", out, sizeof out));
	ck_assert_ptr_null(media_size_path("m/aa/3f0123456789abcdef0123456789abcd-600.jpg", 200, "webp", out, sizeof out));
	ck_assert_ptr_null(media_size_path(p, 200, "webp", out, 20));
	ck_assert_str_eq(media_hash_path("3f0123456789abcdef0123456789abcd", 600, "jpg", out, sizeof out), p);
	ck_assert_ptr_null(media_hash_path("3f0123456789abcdef0123456789abc", 600, "jpg", out, sizeof out));
	ck_assert_ptr_null(media_hash_path("../0123456789abcdef0123456789abcd", 600, "jpg", out, sizeof out));
	ck_assert_ptr_null(media_hash_path(NULL, 600, "jpg", out, sizeof out));
	media_size_dims(1200, 900, 200, &w, &h);
	ck_assert_int_eq(w, 200);
	ck_assert_int_eq(h, 150);
	media_size_dims(400, 800, 600, &w, &h);	/* never enlarged */
	ck_assert_int_eq(w, 400);
	ck_assert_int_eq(h, 800);
	media_size_dims(1200, 1, 200, &w, &h);
	ck_assert_int_eq(h, 1);
}
END_TEST

/* ---- storing (needs MariaDB) ----------------------------------------------- */

static char media_root[256];

static void
store_setup(void)
{
	char tmpl[] = "/tmp/check_media.XXXXXX";

	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	snprintf(media_root, sizeof media_root, "%s", tmpl);
	setenv("BAZAAR_MEDIA_DIR", media_root, 1);
	CHECK_DB_CONNECT("check_media");
	ck_assert_int_eq(media_init(), 0);
}

/* Counts the regular files under dir, recursively. */
static int
count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		char sub[512];
		struct stat st;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
		if (lstat(sub, &st) < 0)
			continue;
		n += S_ISDIR(st.st_mode) ? count_files(sub) : 1;
	}
	closedir(d);
	return n;
}

static void
rm_tree(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void
store_teardown(void)
{
	db_close();
	rm_tree(media_root);
}

static void
write_file(const char *path, const struct blob *b)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(b->p, 1, b->n, f), b->n);
	ck_assert_int_eq(fclose(f), 0);
}

static long long
media_rows(const char *hash)
{
	return db_scalar(-1, "SELECT COUNT(*) FROM media WHERE hash = ?", "s", hash);
}

static void
delete_row(const char *hash)
{
	ck_assert_int_ge(db_exec("DELETE FROM media WHERE hash = ?", "s", hash), 0);
}

/* Stores b; the caller deletes the row. */
static void
store(const struct blob *b, struct media_image *out)
{
	char src[300];
	const char *why = NULL;
	int rc;

	snprintf(src, sizeof src, "%s.src", media_root);
	write_file(src, b);
	rc = media_store_file(src, out, &why);
	unlink(src);
	ck_assert_msg(rc == 0, "refused: %s", why ? why : "(error)");
}

static VipsImage *
load_stored(const char *rel)
{
	char full[512];
	VipsImage *img;

	snprintf(full, sizeof full, "%s/%s", media_root, rel);
	img = vips_image_new_from_file(full, NULL);
	ck_assert_msg(img != NULL, "cannot open %s", full);
	return img;
}

START_TEST(store_writes_six_files_upright_without_metadata)
{
	struct blob j = jpeg_of(800, 400, 6);	/* EXIF: rotate 90 degrees */
	struct media_image m;
	int i, e;

	store(&j, &m);
	ck_assert_int_gt(m.id, 0);
	ck_assert_int_eq(m.created, 1);
	ck_assert_int_eq(m.type, MEDIA_JPEG);
	ck_assert_int_eq(strlen(m.hash), MEDIA_HASH_HEX);
	/* upright: 400 wide, 800 high; never enlarged */
	ck_assert_int_eq(m.width, 400);
	ck_assert_int_eq(m.height, 800);
	ck_assert_int_eq(count_files(media_root), 6);
	for (i = 0; i < MEDIA_NSIZES; i++)
		for (e = 0; e < 2; e++) {
			char rel[MEDIA_PATH_MAX], full[512];
			struct stat st;
			VipsImage *img;
			int w, h;

			ck_assert_ptr_nonnull(media_size_path(m.path, media_sizes[i], e ? "jpg" : "webp", rel, sizeof rel));
			snprintf(full, sizeof full, "%s/%s", media_root, rel);
			ck_assert_int_eq(stat(full, &st), 0);
			ck_assert_int_eq(st.st_mode & 0777, 0644);
			img = load_stored(rel);
			media_size_dims(m.width, m.height, media_sizes[i], &w, &h);
			ck_assert_int_eq(vips_image_get_width(img), w);
			ck_assert_int_eq(abs(vips_image_get_height(img) - h) <= 1, 1);
			ck_assert_msg(vips_image_get_typeof(img, "exif-data") == 0, "%s keeps EXIF", rel);
			ck_assert_msg(vips_image_get_typeof(img, "xmp-data") == 0, "%s keeps XMP", rel);
			ck_assert_msg(vips_image_get_typeof(img, "icc-profile-data") == 0, "%s keeps ICC", rel);
			ck_assert_msg(vips_image_get_typeof(img, "orientation") == 0 ||
				      vips_image_get_orientation(img) == 1, "%s still has an orientation", rel);
			g_object_unref(img);
		}
	ck_assert_int_eq(media_rows(m.hash), 1);
	delete_row(m.hash);
	blob_free(&j);
}
END_TEST

START_TEST(store_same_picture_twice_is_one_row)
{
	struct blob p = png_of(1500, 1000, 4);
	struct media_image a, b;

	store(&p, &a);
	store(&p, &b);
	ck_assert_int_eq(a.id, b.id);
	ck_assert_int_eq(a.created, 1);
	ck_assert_int_eq(b.created, 0);
	ck_assert_str_eq(a.path, b.path);
	ck_assert_int_eq(a.width, 1200);
	ck_assert_int_eq(a.height, 800);
	ck_assert_int_eq(media_rows(a.hash), 1);
	ck_assert_int_eq(count_files(media_root), 6);
	delete_row(a.hash);
	blob_free(&p);
}
END_TEST

START_TEST(store_accepts_webp_and_gif)
{
	struct blob w = webp_of(300, 300), g = gif_of(120, 90);
	struct media_image a, b;

	store(&w, &a);
	ck_assert_int_eq(a.type, MEDIA_WEBP);
	store(&g, &b);
	ck_assert_int_eq(b.type, MEDIA_GIF);
	ck_assert_int_eq(b.width, 120);
	ck_assert_int_eq(count_files(media_root), 12);
	delete_row(a.hash);
	delete_row(b.hash);
	blob_free(&w);
	blob_free(&g);
}
END_TEST

/* Each refusal: a sentence, nothing on disk, no row. */
static void
refused(const struct blob *b, const char *words)
{
	char src[300];
	struct media_image m;
	const char *why = NULL;
	long long before = db_scalar(-1, "SELECT COUNT(*) FROM media", "");

	snprintf(src, sizeof src, "%s.src", media_root);
	write_file(src, b);
	ck_assert_int_eq(media_store_file(src, &m, &why), 1);
	unlink(src);
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strstr(why, words) != NULL, "'%s' does not say '%s'", why, words);
	ck_assert_int_eq(count_files(media_root), 0);
	ck_assert_int_eq(db_scalar(-1, "SELECT COUNT(*) FROM media", ""), before);
	ck_assert_int_eq(m.id, 0);
}

START_TEST(store_refuses_and_leaves_nothing)
{
	struct blob j = jpeg_of(400, 300, 0), cut, big = png_header_only(30000, 30000),
		    wide = png_header_only(12001, 10), thin = png_of(1100, 100, 3);
	struct blob php = { (unsigned char *)"<?php phpinfo(); ?>", 19 };

	refused(&php, "not a JPEG");
	cut = j;
	cut.n = j.n / 2;
	refused(&cut, "cut short");
	refused(&big, "too large");
	refused(&wide, "too large");
	refused(&thin, "long and thin");
	blob_free(&j);
	blob_free(&big);
	blob_free(&wide);
	blob_free(&thin);
}
END_TEST

START_TEST(store_refuses_a_damaged_picture_libvips_cannot_read)
{
	struct blob j = jpeg_of(400, 300, 0);
	size_t i, sos = 0;

	/* Garbage in the entropy-coded data, structure intact: libvips fails
	 * (fail_on error) and nothing is left. */
	for (i = 2; i + 1 < j.n; i++)
		if (j.p[i] == 0xFF && j.p[i + 1] == 0xDA) {
			sos = i;
			break;
		}
	ck_assert_uint_gt(sos, 0);
	/* Replace the quantisation and Huffman tables' marker: a DQT of nonsense. */
	for (i = 2; i + 4 < sos; i++)
		if (j.p[i] == 0xFF && j.p[i + 1] == 0xC4) {	/* DHT */
			size_t len = (size_t)j.p[i + 2] << 8 | j.p[i + 3];

			memset(j.p + i + 4, 0xEE, len - 2);
			break;
		}
	refused(&j, "damaged");
	blob_free(&j);
}
END_TEST

START_TEST(store_too_big_a_file_is_refused)
{
	char src[300];
	struct media_image m;
	const char *why = NULL;
	FILE *f;

	snprintf(src, sizeof src, "%s.src", media_root);
	f = fopen(src, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, MEDIA_MAX_BYTES, SEEK_SET), 0);
	fputc(1, f);
	fclose(f);
	ck_assert_int_eq(media_store_file(src, &m, &why), 1);
	unlink(src);
	ck_assert_ptr_nonnull(strstr(why, "larger than 20 MB"));
	ck_assert_int_eq(count_files(media_root), 0);
}
END_TEST

START_TEST(store_inside_a_transaction_and_abandon)
{
	struct blob j = jpeg_of(640, 480, 0);
	struct media_image m;
	char src[300];
	const char *why = NULL;

	snprintf(src, sizeof src, "%s.src", media_root);
	write_file(src, &j);
	ck_assert_int_eq(db_begin(), 0);
	ck_assert_int_eq(media_store_file(src, &m, &why), 0);
	ck_assert_int_eq(db_in_transaction(), 1);
	ck_assert_int_eq(count_files(media_root), 6);
	media_abandon(&m);
	ck_assert_int_eq(db_rollback(), 0);
	ck_assert_int_eq(count_files(media_root), 0);
	ck_assert_int_eq(media_rows(m.hash), 0);
	unlink(src);
	blob_free(&j);
}
END_TEST

/* ---- unused pictures -------------------------------------------------------- */

START_TEST(purge_deletes_unused_pictures_after_the_grace_period)
{
	struct blob a = jpeg_of(320, 240, 0), b = jpeg_of(321, 240, 0);
	struct media_image used, unused;
	long long plan, vendor;

	store(&a, &used);
	store(&b, &unused);
	ck_assert_int_eq(db_exec("INSERT INTO plans (name, commission_bp, listing_limit, monthly_fee_minor)"
				 " VALUES ('check-media-plan', 1000, NULL, 0)", ""), 1);
	plan = (long long)db_insert_id();
	ck_assert_int_eq(db_exec("INSERT INTO vendors (slug, trading_name, legal_name, description, status,"
				 " plan_id, logo_media_id) VALUES ('check-media-vendor', 'Check Media',"
				 " 'Check Media Ltd', '', 'verified', ?, ?)", "ii", plan, used.id), 1);
	vendor = (long long)db_insert_id();

	/* Fresh: kept, used or not. */
	ck_assert_int_ge(media_purge(600, 1000), 0);
	ck_assert_int_eq(media_rows(unused.hash), 1);
	ck_assert_int_eq(count_files(media_root), 12);

	/* Both an hour old: the unused one goes, row and files; the logo stays. */
	ck_assert_int_eq(db_exec("UPDATE media SET last_used_at = UTC_TIMESTAMP() - INTERVAL 1 HOUR"
				 " WHERE id IN (?, ?)", "ii", used.id, unused.id), 2);
	/* (≥ 0: the test stack's own cleanup job may have purged it first) */
	ck_assert_int_ge(media_purge(600, 1000), 0);
	ck_assert_int_eq(media_rows(unused.hash), 0);
	ck_assert_int_eq(media_rows(used.hash), 1);
	ck_assert_int_eq(count_files(media_root), 6);

	/* The foreign key refuses to delete a picture in use. */
	ck_assert_int_lt(db_exec("DELETE FROM media WHERE id = ?", "i", used.id), 0);

	/* Sent again, an old unused picture is young again. */
	ck_assert_int_eq(db_exec("UPDATE vendors SET logo_media_id = NULL WHERE id = ?", "i", vendor), 1);
	store(&a, &used);
	ck_assert_int_eq(used.created, 0);
	ck_assert_int_ge(media_purge(600, 1000), 0);
	ck_assert_int_eq(media_rows(used.hash), 1);

	ck_assert_int_eq(db_exec("DELETE FROM vendors WHERE id = ?", "i", vendor), 1);
	ck_assert_int_eq(db_exec("DELETE FROM plans WHERE id = ?", "i", plan), 1);
	ck_assert_int_eq(db_exec("UPDATE media SET last_used_at = UTC_TIMESTAMP() - INTERVAL 1 HOUR"
				 " WHERE id = ?", "i", used.id), 1);
	ck_assert_int_ge(media_purge(600, 1000), 0);
	ck_assert_int_eq(media_rows(used.hash), 0);
	ck_assert_int_eq(count_files(media_root), 0);
	blob_free(&a);
	blob_free(&b);
}
END_TEST

static Suite *
media_suite(void)
{
	Suite *s = suite_create("media");
	TCase *tc = tcase_create("sniff");
	TCase *st = tcase_create("store");

	tcase_add_test(tc, sniff_accepts_the_four_types);
	tcase_add_test(tc, sniff_refuses_what_is_not_a_picture);
	tcase_add_test(tc, sniff_refuses_a_file_cut_short);
	tcase_add_test(tc, sniff_refuses_data_after_the_image);
	tcase_add_test(tc, sniff_allows_padding_and_a_second_jpeg);
	tcase_add_test(tc, sniff_refuses_markup_inside);
	tcase_add_test(tc, size_paths_and_dims);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(st, store_setup, store_teardown);
	tcase_set_timeout(st, 60);
	tcase_add_test(st, store_writes_six_files_upright_without_metadata);
	tcase_add_test(st, store_same_picture_twice_is_one_row);
	tcase_add_test(st, store_accepts_webp_and_gif);
	tcase_add_test(st, store_refuses_and_leaves_nothing);
	tcase_add_test(st, store_refuses_a_damaged_picture_libvips_cannot_read);
	tcase_add_test(st, store_too_big_a_file_is_refused);
	tcase_add_test(st, store_inside_a_transaction_and_abandon);
	tcase_add_test(st, purge_deletes_unused_pictures_after_the_grace_period);
	suite_add_tcase(s, st);
	return s;
}

CHECK_MAIN(media_suite)
