/*
 * imgfeat_bridge: the C face of OpenCV (imgfeat_bridge.cc, the only file that
 * includes it). Pixels in, numbers out: OpenCV never decodes a file here;
 * pictures are decoded by libvips after the media pipeline's checks
 * (media_decode_file), so an upload reaches OpenCV only as checked pixels.
 * No C++ exception crosses into C: every entry point catches them.
 */
#ifndef BAZAAR_IMGFEAT_BRIDGE_H
#define BAZAAR_IMGFEAT_BRIDGE_H

#ifdef __cplusplus
extern "C" {
#endif

/* The descriptor: a colour layout (the picture shrunk to 8 x 8 cells in
 * CIELAB, less its mean, unit length: 192 numbers) followed by an edge
 * layout (gradient orientations in 8 directions over 4 x 4 cells of the
 * grey picture at 64 x 64, square-rooted, unit length: 128 numbers). Each
 * number is stored as a signed byte, IMGFEAT_SCALE times its value. */
#define IMGFEAT_LAYOUT_DIMS	192
#define IMGFEAT_EDGE_DIMS	128
#define IMGFEAT_DIMS		(IMGFEAT_LAYOUT_DIMS + IMGFEAT_EDGE_DIMS)
#define IMGFEAT_SCALE		256

/* Describes width x height pixels of packed 8-bit sRGB (3 bytes a pixel,
 * rows of 3 * width bytes). Returns 0, or -1 (a picture under 8 pixels a
 * side, or an OpenCV error, logged). */
int imgfeat_bridge_describe(const unsigned char *rgb, int width, int height,
			    signed char out[IMGFEAT_DIMS]);

/* k-means (OpenCV's, k-means++ seeding, a fixed seed so the same points give
 * the same cells) of n points of dims floats into k centres (k * dims
 * floats, written to centres). Returns 0, or -1 (k > n, an OpenCV error). */
int imgfeat_bridge_kmeans(const float *points, int n, int dims, int k, float *centres);

#ifdef __cplusplus
}
#endif
#endif
