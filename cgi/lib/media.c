/*
 * media: uploaded pictures through libvips (see media.h).
 */
#include "media.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>
#include <vips/vips.h>

#include "cfg.h"
#include "db.h"
#include "log.h"

const int media_sizes[MEDIA_NSIZES] = { 200, 600, 1200 };

static const char *const media_exts[2] = { "webp", "jpg" };

#define MEDIA_NFILES (MEDIA_NSIZES * 2)
/* Second JPEG streams after the first (a phone's gain map, an MPO's views). */
#define MEDIA_JPEG_MAX_STREAMS 4

static const char media_not_picture[] =
	"This file is not a JPEG, PNG, WebP or GIF picture. Send a photo in one of those formats.";
static const char media_cut_short[] =
	"This picture is incomplete (the file is cut short). Send the whole file again.";
static const char media_trailing[] =
	"This file holds more than a picture (other data follows the image). Save it again as a plain JPEG, PNG or WebP and send that.";
static const char media_markup[] =
	"This file holds web page or program code inside the picture. Save it again as a plain JPEG, PNG or WebP and send that.";
static const char media_broken[] =
	"This picture is damaged and cannot be read. Save it again and send the new file.";

static int media_ready;

int
media_init(void)
{
	if (media_ready)
		return 0;
	/* libvips' warnings about odd files go nowhere: a refusal says why. */
	if (getenv("VIPS_WARNING") == NULL)
		setenv("VIPS_WARNING", "0", 0);
	if (VIPS_INIT("bazaar")) {
		log_error("media.init_failed", "msg=%s", log_quote(vips_error_buffer()));
		vips_error_clear();
		return -1;
	}
	/* Only the four loaders pictures need; nothing untrusted (ImageMagick,
	 * PDF, SVG, ...), even if a later change asks libvips to guess. */
	vips_block_untrusted_set(TRUE);
	vips_operation_block_set("VipsForeignLoad", TRUE);
	vips_operation_block_set("VipsForeignLoadJpeg", FALSE);
	vips_operation_block_set("VipsForeignLoadPng", FALSE);
	vips_operation_block_set("VipsForeignLoadWebp", FALSE);
	vips_operation_block_set("VipsForeignLoadNsgif", FALSE);
	/* A worker handles one request at a time: one thread, a small cache. */
	vips_concurrency_set(1);
	vips_cache_set_max(16);
	vips_cache_set_max_mem(16 * 1024 * 1024);
	vips_cache_set_max_files(4);
	media_ready = 1;
	return 0;
}

/* ---- structure ------------------------------------------------------------ */

static unsigned
media_be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long
media_be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

static unsigned long
media_le32(const unsigned char *p)
{
	return (unsigned long)p[3] << 24 | (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 | p[0];
}

/* Walks one JPEG stream from its SOI; returns the offset just past its EOI,
 * 0 when it is cut short, (size_t)-1 when it is not a JPEG stream. */
static size_t
media_jpeg_end(const unsigned char *p, size_t n, int *width, int *height)
{
	size_t i = 2;

	if (n < 4 || p[0] != 0xFF || p[1] != 0xD8 || p[2] != 0xFF)
		return (size_t)-1;
	for (;;) {
		unsigned m, len;

		if (i >= n)
			return 0;
		if (p[i] != 0xFF)
			return (size_t)-1;
		while (i < n && p[i] == 0xFF)	/* fill bytes */
			i++;
		if (i >= n)
			return 0;
		m = p[i++];
		if (m == 0xD9)
			return i;
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD7))
			continue;
		if (m == 0x00 || m == 0xD8)
			return (size_t)-1;
		if (i + 2 > n)
			return 0;
		len = media_be16(p + i);
		if (len < 2)
			return (size_t)-1;
		if (i + len > n)
			return 0;
		/* SOF0..SOF15 but DHT (C4), JPG (C8) and DAC (CC): the frame size. */
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC && len >= 7 &&
		    width && *width == 0) {
			*height = (int)media_be16(p + i + 3);
			*width = (int)media_be16(p + i + 5);
		}
		i += len;
		if (m != 0xDA)
			continue;
		/* Entropy-coded data: FF 00 is a stuffed byte, FF D0..D7 a restart
		 * marker, FF FF fill; any other FF xx is the next marker. */
		for (;;) {
			if (i + 1 >= n)
				return 0;
			if (p[i] == 0xFF && p[i + 1] != 0x00 && !(p[i + 1] >= 0xD0 && p[i + 1] <= 0xD7) &&
			    p[i + 1] != 0xFF)
				break;
			i++;
		}
	}
}

static enum media_type
media_sniff_jpeg(const unsigned char *p, size_t n, int *width, int *height, const char **why)
{
	size_t at = 0;
	int streams = 0;

	while (at < n) {
		size_t end;

		if (streams > 0) {
			/* After the image: padding of zero bytes, or another JPEG
			 * stream (a phone's gain map, an MPO's other view), nothing else. */
			size_t k = at;

			while (k < n && p[k] == 0)
				k++;
			if (k == n)
				break;
			if (streams == MEDIA_JPEG_MAX_STREAMS) {
				*why = media_trailing;
				return MEDIA_NONE;
			}
		}
		end = media_jpeg_end(p + at, n - at, streams == 0 ? width : NULL, height);
		if (end == 0) {
			*why = streams == 0 ? media_cut_short : media_trailing;
			return MEDIA_NONE;
		}
		if (end == (size_t)-1) {
			*why = streams == 0 ? media_broken : media_trailing;
			return MEDIA_NONE;
		}
		at += end;
		streams++;
	}
	return MEDIA_JPEG;
}

static enum media_type
media_sniff_png(const unsigned char *p, size_t n, int *width, int *height, const char **why)
{
	size_t i = 8;
	int first = 1;

	for (;;) {
		unsigned long len;
		const unsigned char *type;
		int k;

		if (i + 12 > n) {
			*why = media_cut_short;
			return MEDIA_NONE;
		}
		len = media_be32(p + i);
		type = p + i + 4;
		for (k = 0; k < 4; k++)
			if (!((type[k] >= 'a' && type[k] <= 'z') || (type[k] >= 'A' && type[k] <= 'Z'))) {
				*why = media_broken;
				return MEDIA_NONE;
			}
		if (len > 0x7FFFFFFFUL) {
			*why = media_broken;
			return MEDIA_NONE;
		}
		if (len > n - i - 12) {
			*why = media_cut_short;
			return MEDIA_NONE;
		}
		if (first) {
			if (memcmp(type, "IHDR", 4) != 0 || len != 13) {
				*why = media_broken;
				return MEDIA_NONE;
			}
			*width = media_be32(p + i + 8) > MEDIA_MAX_SIDE * 1000UL ? INT32_MAX
				: (int)media_be32(p + i + 8);
			*height = media_be32(p + i + 12) > MEDIA_MAX_SIDE * 1000UL ? INT32_MAX
				: (int)media_be32(p + i + 12);
			first = 0;
		}
		i += 12 + len;
		if (memcmp(type, "IEND", 4) == 0)
			break;
	}
	if (i != n) {
		*why = media_trailing;
		return MEDIA_NONE;
	}
	return MEDIA_PNG;
}

static enum media_type
media_sniff_webp(const unsigned char *p, size_t n, const char **why)
{
	unsigned long riff = media_le32(p + 4);

	/* The RIFF size covers everything after its first 8 bytes (a chunk of
	 * odd length is padded to even). */
	if (riff + 8 > n) {
		*why = media_cut_short;
		return MEDIA_NONE;
	}
	if (riff + 8 != n || n < 20) {
		*why = media_trailing;
		return MEDIA_NONE;
	}
	if (memcmp(p + 12, "VP8 ", 4) != 0 && memcmp(p + 12, "VP8L", 4) != 0 &&
	    memcmp(p + 12, "VP8X", 4) != 0) {
		*why = media_not_picture;
		return MEDIA_NONE;
	}
	return MEDIA_WEBP;
}

/* Skips GIF data sub-blocks from i; returns the offset after the terminator, 0 if cut short. */
static size_t
media_gif_blocks(const unsigned char *p, size_t n, size_t i)
{
	while (i < n) {
		if (p[i] == 0)
			return i + 1;
		i += 1 + (size_t)p[i];
	}
	return 0;
}

static enum media_type
media_sniff_gif(const unsigned char *p, size_t n, int *width, int *height, const char **why)
{
	size_t i = 13;

	if (n < 13) {
		*why = media_cut_short;
		return MEDIA_NONE;
	}
	*width = p[6] | p[7] << 8;
	*height = p[8] | p[9] << 8;
	if (p[10] & 0x80)
		i += 3u << ((p[10] & 7) + 1);
	for (;;) {
		if (i >= n) {
			*why = media_cut_short;
			return MEDIA_NONE;
		}
		if (p[i] == 0x3B) {	/* trailer */
			i++;
			break;
		}
		if (p[i] == 0x21) {	/* extension: label, sub-blocks */
			if (i + 2 > n || (i = media_gif_blocks(p, n, i + 2)) == 0) {
				*why = media_cut_short;
				return MEDIA_NONE;
			}
		} else if (p[i] == 0x2C) {	/* image: descriptor, local table, LZW size, sub-blocks */
			if (i + 10 > n) {
				*why = media_cut_short;
				return MEDIA_NONE;
			}
			if (p[i + 9] & 0x80)
				i += 3u << ((p[i + 9] & 7) + 1);
			i += 10 + 1;	/* descriptor, then the LZW minimum code size */
			if (i > n || (i = media_gif_blocks(p, n, i)) == 0) {
				*why = media_cut_short;
				return MEDIA_NONE;
			}
		} else {
			*why = media_broken;
			return MEDIA_NONE;
		}
	}
	while (i < n && p[i] == 0)
		i++;
	if (i != n) {
		*why = media_trailing;
		return MEDIA_NONE;
	}
	return MEDIA_GIF;
}

/* Markup a browser or a server could run, anywhere in the file (a comment
 * segment, a text chunk, metadata). Long enough never to turn up by chance
 * in compressed pixels (odds about 1 in 10^9 per megabyte). */
static int
media_has_markup(const unsigned char *p, size_t n)
{
	static const char *const words[] = { "<script", "<?php", "<html", "<iframe", "<object",
					      "<embed", "javascript:" };
	size_t i, w;

	for (i = 0; i < n; i++) {
		if (p[i] != '<' && p[i] != 'j' && p[i] != 'J')
			continue;
		for (w = 0; w < sizeof words / sizeof *words; w++) {
			size_t len = strlen(words[w]);

			if (len <= n - i && strncasecmp((const char *)p + i, words[w], len) == 0)
				return 1;
		}
	}
	return 0;
}

enum media_type
media_sniff(const unsigned char *p, size_t n, int *width, int *height, const char **why)
{
	enum media_type t;
	int w = 0, h = 0;

	*why = NULL;
	if (width)
		*width = 0;
	if (height)
		*height = 0;
	if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		t = media_sniff_jpeg(p, n, &w, &h, why);
	else if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		t = media_sniff_png(p, n, &w, &h, why);
	else if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
		t = media_sniff_webp(p, n, why);
	else if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
		t = media_sniff_gif(p, n, &w, &h, why);
	else {
		*why = n == 0 ? "This file is empty. Choose a picture to send."
			      : media_not_picture;
		return MEDIA_NONE;
	}
	if (t == MEDIA_NONE)
		return t;
	if (media_has_markup(p, n)) {
		*why = media_markup;
		return MEDIA_NONE;
	}
	if (width)
		*width = w;
	if (height)
		*height = h;
	return t;
}

/* ---- names ---------------------------------------------------------------- */

static const char *
media_dir(void)
{
	return cfg_str("BAZAAR_MEDIA_DIR", "var/media");
}

static int
media_path_of(const char *hash, int size, const char *ext, char *out, size_t n)
{
	int len = snprintf(out, n, "m/%.2s/%s-%d.%s", hash, hash, size, ext);

	return len > 0 && (size_t)len < n ? 0 : -1;
}

char *
media_size_path(const char *path, int size, const char *ext, char *out, size_t n)
{
	char hash[MEDIA_HASH_HEX + 1];

	/* "m/ab/" + 32 hex + "-600.jpg" */
	if (path == NULL || strlen(path) != 5 + MEDIA_HASH_HEX + 8 || strncmp(path, "m/", 2) != 0 ||
	    path[4] != '/' || strcmp(path + 5 + MEDIA_HASH_HEX, "-600.jpg") != 0 ||
	    strncmp(path + 2, path + 5, 2) != 0)
		return NULL;
	memcpy(hash, path + 5, MEDIA_HASH_HEX);
	hash[MEDIA_HASH_HEX] = '\0';
	return media_hash_path(hash, size, ext, out, n);
}

char *
media_hash_path(const char *hash, int size, const char *ext, char *out, size_t n)
{
	size_t i;

	if (hash == NULL || strlen(hash) != MEDIA_HASH_HEX)
		return NULL;
	for (i = 0; i < MEDIA_HASH_HEX; i++)
		if (!((hash[i] >= '0' && hash[i] <= '9') || (hash[i] >= 'a' && hash[i] <= 'f')))
			return NULL;
	return media_path_of(hash, size, ext, out, n) == 0 ? out : NULL;
}

char *
media_hash_file(const char *hash, int size, const char *ext, char *out, size_t n)
{
	char rel[MEDIA_PATH_MAX];
	int len;

	if (media_hash_path(hash, size, ext, rel, sizeof rel) == NULL)
		return NULL;
	len = snprintf(out, n, "%s/%s", media_dir(), rel);
	return len > 0 && (size_t)len < n ? out : NULL;
}

void
media_size_dims(int width, int height, int size, int *w, int *h)
{
	if (width <= 0 || height <= 0) {
		*w = width > 0 ? width : 0;
		*h = height > 0 ? height : 0;
		return;
	}
	if (size >= width) {
		*w = width;
		*h = height;
		return;
	}
	*w = size;
	*h = (int)(((long long)height * size * 2 + width) / (2LL * width));	/* rounded */
	if (*h < 1)
		*h = 1;
}

/* ---- store ---------------------------------------------------------------- */

struct media_work {
	char tmp[MEDIA_NFILES][512];	/* "" once renamed or deleted */
	char final[MEDIA_NFILES][512];
	int renamed[MEDIA_NFILES];
};

static void
media_work_clean(struct media_work *wk, int renamed_too)
{
	int i;

	for (i = 0; i < MEDIA_NFILES; i++) {
		if (wk->tmp[i][0] != '\0') {
			unlink(wk->tmp[i]);
			wk->tmp[i][0] = '\0';
		}
		if (renamed_too && wk->renamed[i]) {
			unlink(wk->final[i]);
			wk->renamed[i] = 0;
		}
	}
}

static int
media_mkdir(const char *path, mode_t mode)
{
	return mkdir(path, mode) == 0 || errno == EEXIST ? 0 : -1;
}

/* Writes buf to a new temporary file under MEDIA_DIR/.tmp; name in out. */
static int
media_write_tmp(const void *buf, size_t n, char *out, size_t outn)
{
	const unsigned char *p = buf;
	int fd, len;

	len = snprintf(out, outn, "%s/.tmp", media_dir());
	if (len < 0 || (size_t)len >= outn || media_mkdir(out, 0700) < 0)
		return -1;
	len = snprintf(out, outn, "%s/.tmp/up-XXXXXX", media_dir());
	if (len < 0 || (size_t)len >= outn)
		return -1;
	fd = mkstemp(out);
	if (fd < 0) {
		out[0] = '\0';
		return -1;
	}
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		p += w;
		n -= (size_t)w;
	}
	/* nginx's workers read the files: world-readable, as static files are. */
	if (fchmod(fd, 0644) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(out);
	out[0] = '\0';
	return -1;
}

static int
media_read_file(const char *path, unsigned char **buf, size_t *n, const char **why)
{
	struct stat st;
	unsigned char *b = NULL;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		log_error("media.open_failed", "path=%s errno=%d", log_quote(path), errno);
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	if (st.st_size > MEDIA_MAX_BYTES) {
		close(fd);
		*why = "This picture is larger than 20 MB. Send a smaller file.";
		return 1;
	}
	b = malloc((size_t)st.st_size + 1);
	if (b == NULL) {
		close(fd);
		return -1;
	}
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, b + got, (size_t)st.st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (got != (size_t)st.st_size) {
		free(b);
		return -1;
	}
	*buf = b;
	*n = got;
	return 0;
}

/* The size libvips reads from the header (no pixel decoded yet): refuses a
 * picture too large to decode safely. */
static int
media_check_header(const unsigned char *p, size_t n, enum media_type type, const char **why)
{
	VipsImage *img = NULL;
	int rc, w, h;

	switch (type) {
	case MEDIA_JPEG:
		rc = vips_jpegload_buffer((void *)p, n, &img, "access", VIPS_ACCESS_SEQUENTIAL,
					  "fail_on", VIPS_FAIL_ON_ERROR, NULL);
		break;
	case MEDIA_PNG:
		rc = vips_pngload_buffer((void *)p, n, &img, "access", VIPS_ACCESS_SEQUENTIAL,
					 "fail_on", VIPS_FAIL_ON_ERROR, NULL);
		break;
	case MEDIA_WEBP:
		rc = vips_webpload_buffer((void *)p, n, &img, "access", VIPS_ACCESS_SEQUENTIAL,
					  "fail_on", VIPS_FAIL_ON_ERROR, NULL);
		break;
	case MEDIA_GIF:
		rc = vips_gifload_buffer((void *)p, n, &img, "access", VIPS_ACCESS_SEQUENTIAL,
					 "fail_on", VIPS_FAIL_ON_ERROR, NULL);
		break;
	default:
		*why = media_not_picture;
		return 1;
	}
	if (rc != 0) {
		log_info("media.refused", "step=header msg=%s", log_quote(vips_error_buffer()));
		vips_error_clear();
		*why = media_broken;
		return 1;
	}
	w = vips_image_get_width(img);
	h = vips_image_get_height(img);
	g_object_unref(img);
	if (w > MEDIA_MAX_SIDE || h > MEDIA_MAX_SIDE || (long long)w * h > MEDIA_MAX_PIXELS) {
		*why = "This picture is too large (at most 12,000 pixels a side and 50 megapixels). Send a smaller one.";
		return 1;
	}
	if (w < 1 || h < 1 || w > (long long)h * MEDIA_MAX_ASPECT || h > (long long)w * MEDIA_MAX_ASPECT) {
		*why = "This picture is too long and thin (one side more than ten times the other). Crop it and send it again.";
		return 1;
	}
	return 0;
}

/* Reads the file at path and checks it as an upload: its type from its
 * bytes and its structure (media_sniff), then its size as the sniffer and
 * as libvips read it from the header, before a pixel is decoded. 0 (*buf
 * malloc'd, *n, *type), 1 refused (*why), -1 error (logged). */
static int
media_read_checked(const char *path, unsigned char **buf, size_t *n, enum media_type *type,
		   const char **why)
{
	int rc, w = 0, h = 0;

	*buf = NULL;
	*why = NULL;
	rc = media_read_file(path, buf, n, why);
	if (rc != 0)
		return rc;
	*type = media_sniff(*buf, *n, &w, &h, why);
	if (*type == MEDIA_NONE) {
		rc = 1;
		goto fail;
	}
	if (w > MEDIA_MAX_SIDE || h > MEDIA_MAX_SIDE || (long long)w * h > MEDIA_MAX_PIXELS) {
		*why = "This picture is too large (at most 12,000 pixels a side and 50 megapixels). Send a smaller one.";
		rc = 1;
		goto fail;
	}
	if (media_init() < 0) {
		rc = -1;
		goto fail;
	}
	rc = media_check_header(*buf, *n, *type, why);
	if (rc == 0)
		return 0;
fail:
	free(*buf);
	*buf = NULL;
	return rc;
}

/* Drops every piece of metadata (EXIF with its GPS position, XMP, IPTC, the
 * ICC profile once the pixels are sRGB, comments): the savers' "strip"
 * does not reach all of it in every format. */
static void
media_strip(VipsImage *img)
{
	gchar **fields = vips_image_get_fields(img);
	int i;

	for (i = 0; fields[i] != NULL; i++) {
		const char *f = fields[i];

		if (strncmp(f, "exif-", 5) == 0 || strncmp(f, "xmp-", 4) == 0 ||
		    strncmp(f, "iptc-", 5) == 0 || strncmp(f, "icc-", 4) == 0 ||
		    strcmp(f, "orientation") == 0 || strstr(f, "comment") != NULL ||
		    strncmp(f, "png-", 4) == 0 || strncmp(f, "gif-", 4) == 0 ||
		    strncmp(f, "jpeg-", 5) == 0 || strncmp(f, "webp-", 5) == 0 ||
		    strncmp(f, "heif-", 5) == 0 || strcmp(f, "background") == 0 ||
		    strcmp(f, "delay") == 0 || strcmp(f, "loop") == 0 || strcmp(f, "page-height") == 0)
			vips_image_remove(img, f);
	}
	g_strfreev(fields);
}

/* libvips 8.14 writes a small EXIF block into every WebP, strip or not
 * (resolution, orientation): drops the EXIF, XMP and ICCP chunks from the
 * RIFF container, clears their flags in VP8X and fixes the sizes. */
static void
media_webp_drop_metadata(unsigned char *p, size_t *n)
{
	size_t in = 12, out = 12;

	if (*n < 12 || memcmp(p, "RIFF", 4) != 0 || memcmp(p + 8, "WEBP", 4) != 0)
		return;
	while (in + 8 <= *n) {
		size_t len = media_le32(p + in + 4), whole = 8 + len + (len & 1);

		if (whole > *n - in)
			return;	/* not as libvips writes it: leave it alone */
		if (memcmp(p + in, "EXIF", 4) == 0 || memcmp(p + in, "XMP ", 4) == 0 ||
		    memcmp(p + in, "ICCP", 4) == 0) {
			in += whole;
			continue;
		}
		if (memcmp(p + in, "VP8X", 4) == 0 && len >= 1)
			p[in + 8] &= (unsigned char)~(0x20 | 0x08 | 0x04);
		memmove(p + out, p + in, whole);
		out += whole;
		in += whole;
	}
	*n = out;
	p[4] = (unsigned char)((out - 8) & 0xFF);
	p[5] = (unsigned char)((out - 8) >> 8 & 0xFF);
	p[6] = (unsigned char)((out - 8) >> 16 & 0xFF);
	p[7] = (unsigned char)((out - 8) >> 24 & 0xFF);
}

/* The JPEG of one size: no alpha channel (flattened on white). */
static int
media_save_jpeg(VipsImage *in, void **buf, size_t *n)
{
	VipsImage *flat = NULL;
	int rc;

	if (vips_image_hasalpha(in)) {
		VipsArrayDouble *white = vips_array_double_newv(1, 255.0);

		rc = vips_flatten(in, &flat, "background", white, NULL);
		vips_area_unref(VIPS_AREA(white));
		if (rc != 0)
			return -1;
		in = flat;
	}
	rc = vips_jpegsave_buffer(in, buf, n, "Q", 82, "strip", TRUE, "optimize_coding", TRUE,
				  "interlace", TRUE, NULL);
	if (flat)
		g_object_unref(flat);
	return rc;
}

/* Decodes the picture and writes the six files as temporary files.
 * 0, 1 refused (*why), -1 error. */
static int
media_render(const unsigned char *p, size_t n, struct media_work *wk, const char *hash,
	     int *width, int *height, const char **why)
{
	VipsImage *big = NULL, *mem = NULL;
	int i, rc = -1;

	if (vips_thumbnail_buffer((void *)p, n, &big, media_sizes[MEDIA_NSIZES - 1],
				  "height", media_sizes[MEDIA_NSIZES - 1] * MEDIA_MAX_ASPECT,
				  "size", VIPS_SIZE_DOWN, "fail_on", VIPS_FAIL_ON_ERROR, NULL) != 0)
		goto refused;
	/* Decode it all now: a file cut short or damaged fails here. */
	mem = vips_image_copy_memory(big);
	if (mem == NULL)
		goto refused;
	media_strip(mem);
	*width = vips_image_get_width(mem);
	*height = vips_image_get_height(mem);
	for (i = 0; i < MEDIA_NSIZES; i++) {
		VipsImage *sized = NULL;
		void *buf = NULL;
		size_t len = 0;
		int e;

		if (media_sizes[i] < *width) {
			if (vips_thumbnail_image(mem, &sized, media_sizes[i], "height",
						 media_sizes[i] * MEDIA_MAX_ASPECT, "size", VIPS_SIZE_DOWN,
						 "no_rotate", TRUE, NULL) != 0)
				goto out;
		} else {
			sized = mem;
			g_object_ref(sized);
		}
		for (e = 0; e < 2; e++) {
			int k = i * 2 + e, saved;
			char rel[MEDIA_PATH_MAX];

			saved = e == 0 ? vips_webpsave_buffer(sized, &buf, &len, "Q", 80, "strip", TRUE,
							      "effort", 2, NULL)
				       : media_save_jpeg(sized, &buf, &len);
			if (saved != 0) {
				g_object_unref(sized);
				goto out;
			}
			if (e == 0)
				media_webp_drop_metadata(buf, &len);
			if (media_write_tmp(buf, len, wk->tmp[k], sizeof wk->tmp[k]) < 0 ||
			    media_path_of(hash, media_sizes[i], media_exts[e], rel, sizeof rel) < 0 ||
			    snprintf(wk->final[k], sizeof wk->final[k], "%s/%s", media_dir(), rel) >=
				    (int)sizeof wk->final[k]) {
				log_error("media.write_failed", "dir=%s errno=%d", log_quote(media_dir()), errno);
				g_free(buf);
				g_object_unref(sized);
				goto out;
			}
			g_free(buf);
			buf = NULL;
		}
		g_object_unref(sized);
	}
	rc = 0;
	goto out;
refused:
	log_info("media.refused", "step=decode msg=%s", log_quote(vips_error_buffer()));
	*why = media_broken;
	rc = 1;
out:
	if (rc < 0 && vips_error_buffer()[0] != '\0')
		log_error("media.render_failed", "msg=%s", log_quote(vips_error_buffer()));
	vips_error_clear();
	if (mem)
		g_object_unref(mem);
	if (big)
		g_object_unref(big);
	return rc;
}

static const char *const media_type_names[] = { "", "jpeg", "png", "webp", "gif" };

/* The row and the files, inside the open transaction. */
static int
media_commit_files(struct media_image *out, struct media_work *wk, size_t bytes)
{
	long long n;
	int i;
	char dir[512];

	n = db_exec("INSERT INTO media (hash, type, bytes, width, height, created_at, last_used_at)"
		    " VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())"
		    " ON DUPLICATE KEY UPDATE last_used_at = UTC_TIMESTAMP(), id = LAST_INSERT_ID(id)",
		    "ssiii", out->hash, media_type_names[out->type], (long long)bytes,
		    (long long)out->width, (long long)out->height);
	if (n < 0) {
		log_error("media.db_failed", "msg=%s", log_quote(db_error()));
		return -1;
	}
	out->id = (long long)db_insert_id();
	out->created = n == 1;
	if (snprintf(dir, sizeof dir, "%s/m", media_dir()) >= (int)sizeof dir ||
	    media_mkdir(dir, 0755) < 0 ||
	    snprintf(dir, sizeof dir, "%s/m/%.2s", media_dir(), out->hash) >= (int)sizeof dir ||
	    media_mkdir(dir, 0755) < 0) {
		log_error("media.mkdir_failed", "dir=%s errno=%d", log_quote(dir), errno);
		return -1;
	}
	/* Always put the files in place, even for a picture stored before: the
	 * content is the same, and a file lost since is back. */
	for (i = 0; i < MEDIA_NFILES; i++) {
		if (rename(wk->tmp[i], wk->final[i]) < 0) {
			log_error("media.rename_failed", "to=%s errno=%d", log_quote(wk->final[i]), errno);
			return -1;
		}
		wk->tmp[i][0] = '\0';
		wk->renamed[i] = out->created;
	}
	return 0;
}

int
media_store_file(const char *path, struct media_image *out, const char **why)
{
	unsigned char *buf = NULL, digest[MEDIA_HASH_HEX / 2];
	size_t n = 0;
	struct media_work wk;
	int rc, own_tx = 0;

	memset(out, 0, sizeof *out);
	memset(&wk, 0, sizeof wk);
	rc = media_read_checked(path, &buf, &n, &out->type, why);
	if (rc != 0)
		goto out;
	crypto_generichash(digest, sizeof digest, buf, n, NULL, 0);
	sodium_bin2hex(out->hash, sizeof out->hash, digest, sizeof digest);
	rc = media_render(buf, n, &wk, out->hash, &out->width, &out->height, why);
	if (rc != 0)
		goto out;
	media_path_of(out->hash, 600, "jpg", out->path, sizeof out->path);
	if (!db_in_transaction()) {
		if (db_begin() < 0) {
			rc = -1;
			goto out;
		}
		own_tx = 1;
	}
	rc = media_commit_files(out, &wk, n);
	if (rc != 0) {
		media_work_clean(&wk, 1);	/* before the rollback: the row is still locked */
		if (own_tx)
			db_rollback();
		goto out;
	}
	if (own_tx && db_commit() < 0) {
		media_work_clean(&wk, 1);
		db_rollback();
		rc = -1;
	}
out:
	media_work_clean(&wk, 0);
	free(buf);
	if (rc != 0) {
		struct media_image none;

		memset(&none, 0, sizeof none);
		*out = none;
	}
	return rc;
}

/* ---- reading a picture without storing it -------------------------------- */

int
media_decode_file(const char *path, int side, struct media_pixels *out, const char **why)
{
	unsigned char *buf = NULL;
	size_t n = 0;
	enum media_type type = MEDIA_NONE;
	VipsImage *img = NULL, *tmp = NULL;
	void *px = NULL;
	size_t len = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (side < 8 || side > media_sizes[MEDIA_NSIZES - 1])
		return -1;
	rc = media_read_checked(path, &buf, &n, &type, why);
	if (rc != 0)
		return rc;
	rc = 1;
	/* Shrunk while decoding (a JPEG at 1/8 scale), turned upright. */
	if (vips_thumbnail_buffer(buf, n, &img, side, "height", side, "size", VIPS_SIZE_DOWN,
				  "fail_on", VIPS_FAIL_ON_ERROR, NULL) != 0)
		goto refused;
	if (vips_image_hasalpha(img)) {
		VipsArrayDouble *white = vips_array_double_newv(1, 255.0);
		int e = vips_flatten(img, &tmp, "background", white, NULL);

		vips_area_unref(VIPS_AREA(white));
		if (e != 0)
			goto refused;
		g_object_unref(img);
		img = tmp;
		tmp = NULL;
	}
	if (vips_colourspace(img, &tmp, VIPS_INTERPRETATION_sRGB, NULL) != 0)
		goto refused;
	g_object_unref(img);
	img = tmp;
	tmp = NULL;
	if (vips_image_get_bands(img) != 3 || vips_image_get_format(img) != VIPS_FORMAT_UCHAR) {
		if (vips_extract_band(img, &tmp, 0, "n", 3, NULL) != 0)
			goto refused;
		g_object_unref(img);
		img = tmp;
		tmp = NULL;
		if (vips_cast_uchar(img, &tmp, NULL) != 0)
			goto refused;
		g_object_unref(img);
		img = tmp;
		tmp = NULL;
	}
	/* Decodes it all now: a file cut short fails here. */
	px = vips_image_write_to_memory(img, &len);
	if (px == NULL)
		goto refused;
	out->width = vips_image_get_width(img);
	out->height = vips_image_get_height(img);
	if (len != (size_t)out->width * (size_t)out->height * 3) {
		g_free(px);
		memset(out, 0, sizeof *out);
		rc = -1;
		goto out;
	}
	out->rgb = px;
	rc = 0;
	goto out;
refused:
	log_info("media.refused", "step=decode msg=%s", log_quote(vips_error_buffer()));
	*why = media_broken;
out:
	vips_error_clear();
	if (img)
		g_object_unref(img);
	free(buf);
	return rc;
}

void
media_pixels_free(struct media_pixels *px)
{
	if (px == NULL)
		return;
	g_free(px->rgb);
	px->rgb = NULL;
}

static void
media_unlink_all(const char *hash)
{
	int i, e;

	for (i = 0; i < MEDIA_NSIZES; i++)
		for (e = 0; e < 2; e++) {
			char rel[MEDIA_PATH_MAX], full[512];

			if (media_path_of(hash, media_sizes[i], media_exts[e], rel, sizeof rel) < 0 ||
			    snprintf(full, sizeof full, "%s/%s", media_dir(), rel) >= (int)sizeof full)
				continue;
			if (unlink(full) < 0 && errno != ENOENT)
				log_error("media.unlink_failed", "path=%s errno=%d", log_quote(full), errno);
		}
}

void
media_abandon(const struct media_image *out)
{
	if (out == NULL || !out->created || out->hash[0] == '\0')
		return;
	media_unlink_all(out->hash);
}

/* ---- unused pictures ------------------------------------------------------ */

long long
media_grace_seconds(void)
{
	return cfg_int_in("BAZAAR_MEDIA_GRACE", 600, 0, 30LL * 86400);
}

#define MEDIA_UNUSED \
	" AND NOT EXISTS (SELECT 1 FROM product_images i WHERE i.media_id = m.id)" \
	" AND NOT EXISTS (SELECT 1 FROM vendors v WHERE v.logo_media_id = m.id)" \
	" AND NOT EXISTS (SELECT 1 FROM vendors v WHERE v.banner_media_id = m.id)" \
	" AND NOT EXISTS (SELECT 1 FROM review_photos rp WHERE rp.media_id = m.id)" \
	" AND NOT EXISTS (SELECT 1 FROM messages c WHERE c.media_id = m.id)"

struct media_purge_one {
	long long id, grace;
	char hash[MEDIA_HASH_HEX + 1];
	int deleted;
};

static int
media_purge_tx(void *arg)
{
	struct media_purge_one *one = arg;
	struct db_result *r;
	long long n;

	one->deleted = 0;
	/* Locked: an upload of the same picture waits for this transaction, and
	 * stores its files again after it (media_commit_files). */
	r = db_query("SELECT m.hash FROM media m WHERE m.id = ?"
		     " AND m.last_used_at < UTC_TIMESTAMP() - INTERVAL ? SECOND" MEDIA_UNUSED
		     " FOR UPDATE", "ii", one->id, one->grace);
	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		return 0;
	}
	snprintf(one->hash, sizeof one->hash, "%s", db_str(r, 0));
	db_free(r);
	/* The foreign keys refuse it if something started using it meanwhile. */
	n = db_exec("DELETE FROM media WHERE id = ?", "i", one->id);
	if (n < 0)
		return 1;	/* in use after all: rolled back, tried again next time */
	if (n == 1 && strlen(one->hash) == MEDIA_HASH_HEX) {
		media_unlink_all(one->hash);
		one->deleted = 1;
	}
	return 0;
}

long long
media_purge(long long grace_seconds, long long limit)
{
	struct db_result *r;
	long long deleted = 0;

	r = db_query("SELECT m.id FROM media m"
		     " WHERE m.last_used_at < UTC_TIMESTAMP() - INTERVAL ? SECOND" MEDIA_UNUSED
		     " ORDER BY m.id LIMIT ?", "ii", grace_seconds, limit);
	if (r == NULL)
		return -1;
	while (db_next(r)) {
		struct media_purge_one one;

		memset(&one, 0, sizeof one);
		one.id = db_int(r, 0);
		one.grace = grace_seconds;
		if (db_tx(media_purge_tx, &one) < 0) {
			log_error("media.purge_failed", "id=%lld msg=%s", one.id, log_quote(db_error()));
			continue;
		}
		deleted += one.deleted;
	}
	db_free(r);
	if (deleted > 0)
		log_info("media.purged", "pictures=%lld", deleted);
	return deleted;
}
