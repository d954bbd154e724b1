/*
 * media: uploaded pictures (product images, a shop's logo and banner).
 *
 * A file a visitor sends is never stored or served as it came. Its type is
 * decided from its bytes alone (JPEG, PNG, WebP or GIF; the name and the
 * Content-Type the browser sent play no part); its structure is walked from
 * the first byte to the image's end marker, and anything else is refused: a
 * file cut short, data after the end of the image (a zip, HTML or a second
 * file hidden behind it), markup or PHP inside it, a size read from the
 * header above MEDIA_MAX_SIDE or MEDIA_MAX_PIXELS (checked before a single
 * pixel is decoded). libvips then decodes it (only the four loaders above
 * are allowed; every other loader, ImageMagick's, PDF's, SVG's, is blocked)
 * and writes it again at three widths, MEDIA_SIZES (never wider than the
 * original), each as WebP and JPEG, turned upright by its orientation tag,
 * converted to sRGB and without metadata (EXIF, GPS, XMP, ICC profile).
 *
 * Files are named by the BLAKE2b hash of the original (32 hex digits), under
 * BAZAAR_MEDIA_DIR: "m/<first two digits>/<hash>-<size>.<webp|jpg>", e.g.
 * "m/3f/3f9a…-600.webp". The same picture sent twice is stored once. Each
 * file is written under MEDIA_DIR/.tmp and renamed into place, so nginx
 * never serves half a file.
 *
 * The table `media` (schema/0007_media.sql) has one row per stored picture;
 * product_images.media_id, vendors.logo_media_id / banner_media_id,
 * review_photos.media_id (a review's photo) and messages.media_id (a
 * picture sent in a conversation, chat.h) point at it (foreign keys: a row
 * in use cannot be deleted). A picture nothing
 * uses any more is deleted, row and files, by media_purge() (the cleanup
 * job) once it has been unused for the grace period.
 */
#ifndef BAZAAR_MEDIA_H
#define BAZAAR_MEDIA_H

#include <stddef.h>

#define MEDIA_MAX_BYTES (20 * 1024 * 1024)	/* an upload larger than this is refused */
#define MEDIA_MAX_SIDE 12000			/* pixels, either side, as the header says */
#define MEDIA_MAX_PIXELS 50000000LL		/* width x height, as the header says */
#define MEDIA_MAX_ASPECT 10			/* the longer side at most 10 x the shorter */
#define MEDIA_NSIZES 3
#define MEDIA_HASH_HEX 32
/* "m/ab/<32 hex>-1200.webp" and a NUL */
#define MEDIA_PATH_MAX 48

/* The nominal widths, smallest first: a picture narrower than one is stored
 * at its own width under that name (never enlarged). */
extern const int media_sizes[MEDIA_NSIZES];	/* 200, 600, 1200 */

enum media_type { MEDIA_NONE = 0, MEDIA_JPEG, MEDIA_PNG, MEDIA_WEBP, MEDIA_GIF };

struct media_image {
	long long id;			/* media.id */
	char hash[MEDIA_HASH_HEX + 1];
	enum media_type type;		/* of the original */
	int width, height;		/* of the largest size written (1200 or less wide) */
	/* The 600 JPEG ("m/ab/<hash>-600.jpg"): the one file to show where only
	 * one is wanted; the other names follow from it (media_size_path). */
	char path[MEDIA_PATH_MAX];
	int created;			/* 1: this call added the row and the files */
};

/* Once per process, before the first media_store_file (fork first, then
 * call it: libvips starts no threads here, concurrency 1, a small operation
 * cache). Blocks every untrusted loader and every loader but JPEG, PNG, WebP
 * and GIF. Returns 0, -1 when libvips cannot start (logged). Safe to call again. */
int media_init(void);

/* Decides the type of p[0..n) from its bytes and walks its structure (see
 * above). Returns the type, or MEDIA_NONE with *why set to a sentence for the
 * visitor ("… is not a JPEG, PNG, WebP or GIF picture"). Reads the width and
 * height from the header when it can (0 otherwise). */
enum media_type media_sniff(const unsigned char *p, size_t n, int *width, int *height,
			    const char **why);

/*
 * Stores the picture in the file at path: checks it (media_sniff, then the
 * dimensions libvips reads from the header, before decoding), writes the six
 * files and adds or touches its `media` row. Outside a transaction it runs
 * in one of its own; inside the caller's, the row and the files are part of
 * it: a caller that then rolls back must call media_abandon(out) BEFORE
 * db_rollback (it deletes the files this call added, while the row is still
 * locked). The file at path is only read.
 * Returns 0 (out filled), 1 refused (*why: a sentence for the visitor;
 * nothing written anywhere), -1 on an error of the server (logged; nothing
 * left behind).
 */
int media_store_file(const char *path, struct media_image *out, const char **why);

/*
 * Reads a picture without storing it (a search by picture): the file at path
 * is checked exactly as media_store_file checks an upload, then decoded by
 * libvips shrunk to fit side x side pixels (never enlarged; side 8 to 1200),
 * upright, sRGB, 3 bands of 8 bits, transparency flattened on white. Nothing
 * is written anywhere; the file is only read.
 * Returns 0 (out->rgb: width x height x 3 bytes, free with media_pixels_free),
 * 1 refused (*why: a sentence for the visitor), -1 on an error of the server.
 */
struct media_pixels {
	unsigned char *rgb;
	int width, height;
};
int media_decode_file(const char *path, int side, struct media_pixels *out, const char **why);
void media_pixels_free(struct media_pixels *px);

/* Deletes the files media_store_file added (out->created) to a transaction
 * that is about to be rolled back. */
void media_abandon(const struct media_image *out);

/* The path of one stored size: size is one of media_sizes, ext "webp" or
 * "jpg". From a media path ("m/ab/<hash>-600.jpg"). Returns out, or NULL when
 * path is not a media path (an older picture, such as "p/12/12345-1.svg"). */
char *media_size_path(const char *path, int size, const char *ext, char *out, size_t n);

/* The same from a picture's hash (media.hash). */
char *media_hash_path(const char *hash, int size, const char *ext, char *out, size_t n);

/* The same as a file name under BAZAAR_MEDIA_DIR, to read the stored file. */
char *media_hash_file(const char *hash, int size, const char *ext, char *out, size_t n);

/* The width and height of the size `size` of a picture whose largest size is
 * width x height (the values stored with it). */
void media_size_dims(int width, int height, int size, int *w, int *h);

/*
 * Deletes the pictures nothing uses (no product image, logo, banner or
 * review photo) and that have not been stored or used again for grace_seconds: per
 * picture, in one transaction, the row is locked, checked again, its files
 * deleted, the row deleted. At most `limit` pictures. Returns how many were
 * deleted, -1 on a database error.
 */
long long media_purge(long long grace_seconds, long long limit);

/* The grace period: BAZAAR_MEDIA_GRACE seconds (default 600). */
long long media_grace_seconds(void);

#endif
