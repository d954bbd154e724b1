/*
 * catalog: slugs, product paths and cache invalidation for product changes.
 * See catalog.h for the caching contract.
 */
#include "catalog.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cache.h"
#include "db.h"
#include "events.h"
#include "log.h"

/*
 * Latin-1 Supplement and Latin Extended-A (U+00C0..U+017F) in lower-case
 * ASCII. NULL marks the two symbols in the range (× and ÷): separators.
 */
static const char *const catalog_latin[0x180 - 0xC0] = {
	/* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
	/* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	/* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	/* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	/* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	/* U+0140 */ "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	/* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	/* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	/* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

/* Decodes one UTF-8 sequence (shortest form, no surrogates); returns its
 * length and sets *cp, or 0 for an invalid byte. */
static size_t
catalog_utf8_decode(const unsigned char *s, unsigned long *cp)
{
	size_t len, i;
	unsigned long c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		len = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Characters dropped without leaving a separator: apostrophes (so "Men's"
 * is "mens"), combining accents of decomposed text, the soft hyphen. */
static int
catalog_slug_silent(unsigned long cp)
{
	return cp == '\'' || cp == 0xAD || cp == 0x2BC || cp == 0x2018 ||
	       cp == 0x2019 || (cp >= 0x300 && cp <= 0x36F);
}

char *
catalog_slugify(const char *name, char *out, size_t outsz)
{
	const unsigned char *s = (const unsigned char *)(name ? name : "");
	size_t limit, n = 0;
	int separate = 0;

	if (outsz == 0)
		return out;
	limit = outsz - 1 < CATALOG_SLUG_MAX ? outsz - 1 : CATALOG_SLUG_MAX;
	while (*s && n < limit) {
		char one[2] = { 0, 0 };
		const char *piece = NULL;
		unsigned long cp;
		size_t len = catalog_utf8_decode(s, &cp);

		if (len == 0) {		/* invalid byte: a separator */
			separate = 1;
			s++;
			continue;
		}
		s += len;
		if (catalog_slug_silent(cp))
			continue;
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			one[0] = (char)cp;
			piece = one;
		} else if (cp >= 'A' && cp <= 'Z') {
			one[0] = (char)(cp - 'A' + 'a');
			piece = one;
		} else if (cp >= 0xC0 && cp < 0x180) {
			piece = catalog_latin[cp - 0xC0];
		}
		if (!piece) {
			separate = 1;
			continue;
		}
		if (separate && n > 0)
			out[n++] = '-';
		separate = 0;
		while (*piece && n < limit)
			out[n++] = *piece++;
	}
	while (n > 0 && out[n - 1] == '-')
		n--;
	if (n == 0) {
		snprintf(out, outsz, "%s", "item");
		return out;
	}
	out[n] = '\0';
	return out;
}

char *
catalog_product_path(long long id, const char *slug, char *out, size_t n)
{
	int w = snprintf(out, n, "/p/%lld-%s", id, slug ? slug : "");

	return (w < 0 || (size_t)w >= n) ? NULL : out;
}

char *
catalog_page_key(const char *path, char *out, size_t n)
{
	size_t len = strlen(path);
	const unsigned char *p;

	/* cache.c refuses keys over 200 bytes (memcached stops at 250 with the
	 * client's namespace). */
	if (len + 3 > CATALOG_PAGE_KEY_MAX || len + 4 > n)
		return NULL;
	for (p = (const unsigned char *)path; *p; p++)
		if (*p <= 0x20 || *p == 0x7F)
			return NULL;
	memcpy(out, "pg:", 3);
	memcpy(out + 3, path, len + 1);
	return out;
}

char *
catalog_image_path(long long product_id, int position, const char *ext,
		   char *out, size_t n)
{
	int w = snprintf(out, n, "p/%lld/%lld-%d.%s", product_id / 1000,
			 product_id, position, ext);

	return (w < 0 || (size_t)w >= n) ? NULL : out;
}

long long
catalog_top_category(long long category_id)
{
	long long id = category_id;
	int depth;

	/* The bound stops a corrupted tree with a cycle from looping forever. */
	for (depth = 0; depth < 32; depth++) {
		struct db_result *r = db_query(
			"SELECT parent_id FROM categories WHERE id = ?", "i", id);
		int is_top;

		if (!r)
			return -1;
		if (!db_next(r)) {
			db_free(r);
			return -1;
		}
		is_top = db_null(r, 0);
		if (!is_top)
			id = db_int(r, 0);
		db_free(r);
		if (is_top)
			return id;
	}
	log_error("catalog.tree", "category=%lld msg=\"parent chain too deep or cyclic\"",
		  category_id);
	return -1;
}

int
catalog_forget_page(long long product_id, const char *slug)
{
	char path[128], key[160];

	if (!catalog_product_path(product_id, slug, path, sizeof path) ||
	    !catalog_page_key(path, key, sizeof key))
		return 0;
	/* Once more on failure: a busy server may miss one short poll. */
	return cache_delete(key) == 0 || cache_delete(key) == 0 ? 0 : -1;
}

static int
catalog_bump(const char *family)
{
	return cache_bump(family) == 0 || cache_bump(family) == 0 ? 0 : -1;
}

int
catalog_product_changed(long long product_id)
{
	struct db_result *r;
	int found = 0, stale = 0;

	r = db_query("SELECT slug FROM products WHERE id = ?", "i", product_id);
	if (r) {
		if (db_next(r)) {
			stale |= catalog_forget_page(product_id, db_str(r, 0)) != 0;
			found = 1;
		}
		db_free(r);
	}
	/* Listings are bumped even when the row is gone: they may still show it. */
	stale |= catalog_bump(CATALOG_FAMILY_LIST) != 0;
	stale |= catalog_bump(CATALOG_FAMILY_HOME) != 0;
	if (!found)
		return -1;
	if (stale) {
		log_error("catalog.stale", "product=%lld msg=\"cached pages could not be invalidated\"", product_id);
		return 1;
	}
	return 0;
}

int
catalog_vendor_changed(long long vendor_id)
{
	struct db_result *r;
	int stale = 0;

	/* Every product, whatever its status: a page cached while it was active
	 * is served by nginx until deleted. */
	r = db_query("SELECT id, slug FROM products WHERE vendor_id = ?", "i", vendor_id);
	if (r == NULL) {
		log_error("catalog.vendor", "vendor=%lld msg=%s", vendor_id, log_quote(db_error()));
		stale = 1;
	} else {
		while (db_next(r))
			stale |= catalog_forget_page(db_int(r, 0), db_str(r, 1)) != 0;
		db_free(r);
	}
	stale |= catalog_bump(CATALOG_FAMILY_LIST) != 0;
	stale |= catalog_bump(CATALOG_FAMILY_HOME) != 0;
	if (r == NULL)
		return -1;
	if (stale) {
		log_error("catalog.stale", "vendor=%lld msg=\"cached pages could not be invalidated\"", vendor_id);
		return 1;
	}
	return 0;
}

/*
 * The writes below run in one transaction with the product.changed event
 * they emit (only when a value really changed), and tell the caches after
 * the commit.
 */
struct catalog_write {
	long long product_id;
	const char *what;		/* for the log */
	const char *sql;		/* binds: value, product id */
	long long value;
	const char *name, *description;	/* catalog_update_product */
	long long price_minor, stock;
	char old_slug[CATALOG_SLUG_MAX + 1];
	char new_slug[CATALOG_SLUG_MAX + 1];
	int missing;
};

/* Locks the product's row and reads its slug; -1 when it is not there. */
static int
catalog_lock_product(struct catalog_write *w)
{
	struct db_result *r = db_query("SELECT slug FROM products WHERE id = ? FOR UPDATE", "i", w->product_id);

	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		w->missing = 1;
		return -1;
	}
	snprintf(w->old_slug, sizeof w->old_slug, "%s", db_str(r, 0) ? db_str(r, 0) : "");
	db_free(r);
	return 0;
}

static int
catalog_write_tx(void *arg)
{
	struct catalog_write *w = arg;
	long long n;

	if (catalog_lock_product(w) != 0)
		return -1;
	if (w->name)
		n = db_exec("UPDATE products SET name = ?, slug = ?, description = ?, "
			    "price_minor = ?, stock = ? WHERE id = ?", "sssiii",
			    w->name, w->new_slug, w->description ? w->description : "",
			    w->price_minor, w->stock, w->product_id);
	else
		n = db_exec(w->sql, "ii", w->value, w->product_id);
	if (n < 0)
		return -1;
	if (n > 0 && events_emit(EVENTS_PRODUCT_CHANGED, w->product_id, "") < 0)
		return -1;
	return 0;
}

static int
catalog_write(struct catalog_write *w)
{
	if (db_tx(catalog_write_tx, w) != 0) {
		if (!w->missing)
			log_error(w->what, "product=%lld msg=%s", w->product_id, log_quote(db_error()));
		return -1;
	}
	return catalog_product_changed(w->product_id);
}

int
catalog_set_price(long long product_id, long long price_minor)
{
	struct catalog_write w = { .product_id = product_id, .what = "catalog.price",
				   .sql = "UPDATE products SET price_minor = ? WHERE id = ?",
				   .value = price_minor };

	if (price_minor < 0)
		return -1;
	return catalog_write(&w);
}

int
catalog_set_stock(long long product_id, long long stock)
{
	struct catalog_write w = { .product_id = product_id, .what = "catalog.stock",
				   .sql = "UPDATE products SET stock = ? WHERE id = ?",
				   .value = stock };

	if (stock < 0 || stock > INT_MAX)
		return -1;
	return catalog_write(&w);
}

int
catalog_update_product(long long product_id, const char *name,
		       const char *description, long long price_minor,
		       long long stock)
{
	struct catalog_write w = { .product_id = product_id, .what = "catalog.update",
				   .name = name, .description = description,
				   .price_minor = price_minor, .stock = stock };
	int stale, rc;

	if (!name || !*name || price_minor < 0 || stock < 0 || stock > INT_MAX)
		return -1;
	catalog_slugify(name, w.new_slug, sizeof w.new_slug);
	if (db_tx(catalog_write_tx, &w) != 0) {
		if (!w.missing)
			log_error(w.what, "product=%lld msg=%s", product_id, log_quote(db_error()));
		return -1;
	}
	stale = strcmp(w.old_slug, w.new_slug) != 0 && catalog_forget_page(product_id, w.old_slug) != 0;
	rc = catalog_product_changed(product_id);
	return rc == 0 && stale ? 1 : rc;
}

long long
catalog_vendor_events(long long vendor_id)
{
	if (!db_in_transaction()) {
		log_error("catalog.vendor_events", "vendor=%lld msg=%s", vendor_id,
			  log_quote("must run inside the transaction that changes the vendor"));
		return -1;
	}
	return db_exec("INSERT INTO events (type, subject_id) SELECT ?, id FROM products WHERE vendor_id = ?",
		       "si", EVENTS_PRODUCT_CHANGED, vendor_id);
}
