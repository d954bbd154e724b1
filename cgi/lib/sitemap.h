/*
 * sitemap: the shop's sitemaps for search engines (sitemaps.org protocol
 * 0.9): an index at /sitemap.xml naming one or more files per kind,
 * /sitemaps/<kind>-<n>.xml, each listing at most a configured number of
 * addresses (BAZAAR_SITEMAP_URLS, at most the protocol's 50,000), with the
 * time each page last changed (lastmod, UTC).
 *
 * Where they are is the programs' to say (struct sitemap_site): the index's
 * path and the files' directory, as the storefront's routes and nginx's
 * location name them.
 *
 * The kinds, each in the order of its rows' ids so that a file's rows stay
 * the same between two passes but for what was added or removed:
 *   products    /p/<id>-<slug> of every active product of a verified shop
 *               (the pages that answer 200); lastmod: the product's update;
 *   categories  /c/<slug> of every category; lastmod: the newest of the
 *               category's own update and its active products' (filed in
 *               it or below it);
 *   shops       /v/<slug> of every verified shop; lastmod: the newest of
 *               the shop's own update and its active products'.
 * A kind with no rows has no file and is not in the index. Addresses are
 * absolute: the site's base (BAZAAR_BASE_URL, mail_base_url()) and the path.
 *
 * Served from the cache: bazaar-sitemap (cgi/jobs/sitemap.c) writes the
 * index and every file into memcached (sitemap_publish, key
 * sitemap_cache_key), where nginx answers them; the storefront draws one
 * itself (sitemap_index, sitemap_file) only when the cache lacks it, and
 * stores it for the next request.
 */
#ifndef BAZAAR_SITEMAP_H
#define BAZAAR_SITEMAP_H
#include <stddef.h>
#include <time.h>

#include "buf.h"

#define SITEMAP_URLS_MAX	50000	/* per file: the protocol's limit */
#define SITEMAP_URLS_DEFAULT	5000	/* fits memcached's 1 MB items with room to spare */
#define SITEMAP_KEY_MAX		64

enum sitemap_kind { SITEMAP_PRODUCTS, SITEMAP_CATEGORIES, SITEMAP_SHOPS, SITEMAP_NKINDS };

/* "products", "categories", "shops", NULL: the <kind> of a file's path. */
extern const char *const sitemap_kind_names[];

/* The site the sitemaps describe. */
struct sitemap_site {
	const char *base;	/* absolute address of the site, no trailing '/' */
	const char *index;	/* path of the index */
	const char *dir;	/* directory of the files: <dir>/<kind>-<n>.xml */
	long long per_file;	/* addresses per file, 1 .. SITEMAP_URLS_MAX */
};

/* BAZAAR_SITEMAP_URLS, 1 .. SITEMAP_URLS_MAX (default SITEMAP_URLS_DEFAULT). */
long long sitemap_urls_per_file(void);

/* The kind named by name, or -1. */
int sitemap_kind(const char *name);

/* The memcached key of a sitemap's path (the index's or a file's):
 * "sm:<path>", the key nginx asks for (with the client's namespace) as
 * "bz:sm:$uri". NULL when it does not fit n. */
char *sitemap_cache_key(const char *path, char *out, size_t n);

/* The path of file n of kind: "<dir>/<kind>-<n>.xml". NULL when it does
 * not fit n. */
char *sitemap_file_path(const struct sitemap_site *site, enum sitemap_kind kind, long long file, char *out, size_t n);

/*
 * Appends the sitemap index to out: one <sitemap> per file of each kind,
 * with the newest lastmod of its rows. Returns 0, or -1 on a database
 * error (out may hold part of a document: reset it).
 */
int sitemap_index(struct buf *out, const struct sitemap_site *site);

/*
 * Appends file n (from 1) of kind to out: its rows are those numbered
 * (n - 1) * per_file + 1 .. n * per_file in id order. Returns 0, 1 when the
 * file has no rows (no such file: a 404), -1 on a database error.
 */
int sitemap_file(struct buf *out, const struct sitemap_site *site, enum sitemap_kind kind, long long n);

/* What a pass of sitemap_publish wrote. */
struct sitemap_counts {
	long long files[SITEMAP_NKINDS];
	long long urls[SITEMAP_NKINDS];
	size_t largest;		/* bytes of the largest document */
};

/*
 * Draws the index and every file and stores each in the cache for ttl
 * seconds. Returns 0; -1 on a database error, -2 when the cache refused a
 * document (too large for an item, or memcached away): the pass goes on
 * with the others and reports it.
 */
int sitemap_publish(const struct sitemap_site *site, time_t ttl, struct sitemap_counts *c);

#endif
