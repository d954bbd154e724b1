/*
 * imgfeat: search by picture. Every stored picture a product uses gets a
 * descriptor (imgfeat_bridge.h: colour layout and edge layout, computed with
 * OpenCV from the pixels libvips decoded), kept in image_features
 * (schema/0028_image_features.sql), one row per picture: products sharing a
 * picture share its row.
 *
 * Who writes it: the features job (bazaar-imgfeat, cgi/jobs/imgfeat.c)
 * reads product.changed events (a vendor adding or replacing an image emits
 * one in the same transaction) and describes the product's pictures that
 * have no row yet; `bazaar-imgindex backfill` does the same for every
 * picture (a catalogue loaded without events, a new descriptor version).
 *
 * The index answers without comparing a query with every picture: it is an
 * inverted file. k-means (OpenCV's) over the descriptors gives about
 * sqrt(pictures) cells (image_index_cells); each picture is filed under its
 * nearest cell (image_features.cell, the first column of the primary key).
 * A query reads only the rows of the IMGFEAT_PROBE cells nearest to it, then
 * ranks those pictures by their exact distance to it. With 100,000 pictures
 * that is 8 cells of some 316: about 2.5% of the rows. Before any training
 * (cells = 0) every picture is in cell 0 and a query reads them all, which
 * is what a catalogue of a few hundred pictures wants anyway. The job
 * trains again when the pictures have doubled since the last training
 * (schedule imgfeat.train); `bazaar-imgindex train` does it at once.
 *
 * The cells' centres are kept in each worker's memory and reloaded when the
 * generation in image_index moves (one primary-key read per query).
 */
#ifndef BAZAAR_IMGFEAT_H
#define BAZAAR_IMGFEAT_H

#include "imgfeat_bridge.h"

struct event;

#define IMGFEAT_VERSION		1	/* image_features.version of this descriptor */
#define IMGFEAT_SIDE		128	/* a picture is described shrunk to fit this square */
#define IMGFEAT_PROBE		8	/* cells a query reads */
#define IMGFEAT_CELLS_MAX	1024
#define IMGFEAT_CONSUMER	"imgfeat.features"	/* events consumer name */
#define IMGFEAT_STORED_SIZE	600	/* the stored size a picture is described from */

struct imgfeat {
	signed char v[IMGFEAT_DIMS];
};

/* The descriptor of the picture in the file at path, checked and decoded as
 * an upload is (media_decode_file). 0; 1 refused (*why: a sentence for the
 * visitor); -1 on an error of the server (logged). */
int imgfeat_describe_file(const char *path, struct imgfeat *out, const char **why);

/* The descriptor of packed 8-bit RGB pixels. 0 or -1. */
int imgfeat_describe_pixels(const unsigned char *rgb, int width, int height, struct imgfeat *out);

/* Squared distance of two descriptors, in descriptor units (0: the same). */
long imgfeat_distance(const struct imgfeat *a, const struct imgfeat *b);

/* The stored descriptor of a picture (a media id): 0, 1 when it has none
 * (yet), -1 on a database error. */
int imgfeat_of_media(long long media_id, struct imgfeat *out);

/* Describes a stored picture from its IMGFEAT_STORED_SIZE JPEG and files it
 * under its nearest cell (replacing an older row). Inside the caller's
 * transaction when one is open. 0; 1 when the picture or its file is
 * missing or cannot be read (logged: nothing to describe); -1 on a database
 * error. */
int imgfeat_index_media(long long media_id);

/* Files a descriptor computed elsewhere for a picture (a media id): as
 * imgfeat_index_media does once it has described the file. 0 or -1. */
int imgfeat_store(long long media_id, const struct imgfeat *f);

/* Events handler (struct events_consumer, IMGFEAT_CONSUMER): describes the
 * pictures of the event's product that have no row of this version. 0, or
 * -1 on a database error (the batch is tried again). */
int imgfeat_product_changed(const struct event *ev, void *arg);

/* Describes up to limit pictures used by products that have no row of this
 * version, oldest first. Returns how many were described, -1 on a database
 * error. */
long long imgfeat_backfill(long long limit);

/* Trains the cells again (k-means over the descriptors) and files every
 * picture under its new cell. The long part (k-means, each picture's nearest
 * centre) runs outside any transaction; then one short transaction holds
 * image_index's row while it writes the centres and moves the pictures
 * whose cell changed (those filed meanwhile too), so pictures being filed
 * wait only for that. With force 0 only when the pictures have doubled
 * since the last training (and there are at least 4 * IMGFEAT_PROBE).
 * Returns the number of cells (0: not needed, too few pictures, or another
 * process trained meanwhile), -1 on an error. */
int imgfeat_train(int force);

struct imgfeat_hit {
	long long media_id;
	long distance;
};

/* The pictures nearest to q (at most max, nearest first), leaving out the
 * picture `exclude` (0: none). Returns how many, -1 on a database error. */
int imgfeat_search(const struct imgfeat *q, long long exclude, struct imgfeat_hit *hits, int max);

/* The products whose pictures are nearest to q: active products of verified
 * shops, each once, at most max (up to IMGFEAT_PRODUCTS_MAX), leaving out
 * exclude_product (0: none). First the most popular product of each of the
 * nearest pictures, nearest first (products sharing a picture look the
 * same: one of them is enough until the next-nearest pictures are shown),
 * then the other products of those pictures in the same order. Returns how
 * many, -1 on a database error. */
#define IMGFEAT_PRODUCTS_MAX	48
struct imgfeat_product {
	long long product_id, media_id;
	long distance;
};
int imgfeat_search_products(const struct imgfeat *q, long long exclude_product,
			    struct imgfeat_product *out, int max);

#endif
