/*
 * catalog: the catalogue rules shared by the storefront, the vendor portal and
 * the admin site: how names become URL slugs, where a product lives (its
 * canonical path, its page-cache key, its image files) and how a change to a
 * product reaches the caches.
 *
 * Caching contract (DESIGN.md §5). Two kinds of cached output show products:
 *  - the anonymous product page, stored by the storefront under
 *    "pg:<canonical path>" (catalog_page_key) and served by nginx straight
 *    from memcached, so it cannot carry a generation: it is deleted;
 *  - listings, whose keys carry a family generation (cache_gen): category,
 *    search and vendor-shop pages use CATALOG_FAMILY_LIST, the home page
 *    CATALOG_FAMILY_HOME. They are retired with cache_bump.
 * Every write that changes what a shopper sees of a product (name,
 * description, price, stock, images, status, promotion, rating) must end with
 * catalog_product_changed(), after the write has committed. The setters below
 * do that themselves. A page rendered from the old row by a request already in
 * flight can still be stored after the delete, so the storefront keeps product
 * pages with a bounded TTL.
 */
#ifndef BAZAAR_CATALOG_H
#define BAZAAR_CATALOG_H
#include <stddef.h>

#define CATALOG_SLUG_MAX	80	/* bytes, without the NUL */
#define CATALOG_PAGE_KEY_MAX	200	/* bytes, as cache.c accepts */
#define CATALOG_FAMILY_LIST	"list"	/* category, search, vendor-shop listings */
#define CATALOG_FAMILY_HOME	"home"	/* the home page */

/*
 * Makes a URL slug from a UTF-8 name: lower-case ASCII letters and digits,
 * every other run of characters becomes one '-', none at either end.
 * Latin letters with accents are transliterated (é -> e, ß -> ss, Ł -> l,
 * æ -> ae); apostrophes and combining marks vanish without a separator
 * ("Men's" -> "mens"); other scripts and invalid bytes count as separators.
 * At most CATALOG_SLUG_MAX bytes (and outsz - 1), cut at a character
 * boundary; never empty: a name with nothing usable gives "item".
 * Returns out.
 */
char *catalog_slugify(const char *name, char *out, size_t outsz);

/* The canonical path of a product page, "/p/<id>-<slug>". Returns out, or
 * NULL when it does not fit in n bytes. */
char *catalog_product_path(long long id, const char *slug, char *out, size_t n);

/* The memcached key of an anonymous page: "pg:<path>" (the client adds the
 * "bz:" namespace; nginx asks for "bz:pg:$uri"). Returns out, or NULL when
 * the key would not be a valid memcached key (over CATALOG_PAGE_KEY_MAX
 * bytes, spaces or control characters) or does not fit in n bytes. */
char *catalog_page_key(const char *path, char *out, size_t n);

/* The media path of a product image, relative to BAZAAR_MEDIA_DIR:
 * "p/<id div 1000>/<id>-<position>.<ext>", e.g. "p/12/12345-1.svg".
 * Returns out, or NULL when it does not fit. */
char *catalog_image_path(long long product_id, int position, const char *ext,
			 char *out, size_t n);

/* The top-level category at the root of category_id's tree (itself for a
 * top-level category): the value for products.top_category_id.
 * Returns -1 when the category does not exist or the database fails. */
long long catalog_top_category(long long category_id);

/*
 * Tells the caches that a product changed: deletes the cached page at its
 * canonical path (slug read from the database) and bumps the "list" and
 * "home" generations. Call after the change has committed (when writing
 * inside db_tx, call it after db_tx returns). Each invalidation is tried twice.
 * Returns 0; -1 when the product was not found (the generations are bumped
 * all the same); 1 when memcached could not be told, so cached pages may show
 * the old state until their TTL runs out (60 s for product pages, 600 s for
 * listings); the failure is logged.
 */
int catalog_product_changed(long long product_id);

/*
 * Deletes the anonymous page cached at /p/<id>-<slug> (tried twice): for a
 * product whose slug changed, the page at the old address. Returns 0, -1
 * when memcached could not be told.
 */
int catalog_forget_page(long long product_id, const char *slug);

/*
 * Tells the caches that a vendor's shop appeared or disappeared (verified,
 * blocked, unblocked): deletes the cached page of every product of the
 * vendor and bumps the "list" and "home" generations. Call after commit.
 * Returns 0, 1 when memcached could not be told (logged), -1 on a database
 * error.
 */
int catalog_vendor_changed(long long vendor_id);

/*
 * Setters for the fields a vendor edits most. Each runs its UPDATE in a
 * transaction of its own, together with a "product.changed" event
 * (events.h) when a value really changed, then calls
 * catalog_product_changed(). Call them outside a transaction.
 * Return 0; -1 when a value is out of range (price < 0, stock < 0, empty
 * name), the product does not exist or the database fails (logged), and
 * nothing changed; 1 when the change was made but cached pages could not be
 * invalidated (see catalog_product_changed).
 */
int catalog_set_price(long long product_id, long long price_minor);
int catalog_set_stock(long long product_id, long long stock);
/* Also re-derives the slug from the new name; when it changes, the page
 * cached under the old path is deleted as well as the new one. */
int catalog_update_product(long long product_id, const char *name,
			   const char *description, long long price_minor,
			   long long stock);

/*
 * Records a "product.changed" event for every product of the vendor: call
 * it inside the transaction that makes the vendor's shop appear or disappear
 * (verified, rejected, blocked, unblocked), and catalog_vendor_changed()
 * after it committed. Returns the number of events, or -1 (outside a
 * transaction, or a database error: roll back).
 */
long long catalog_vendor_events(long long vendor_id);

#endif
