/*
 * sitemap: the sitemap index and files (see sitemap.h).
 *
 * Each kind is one constant statement of its rows (id, path, lastmod),
 * which the file and the index statements wrap: a file takes its rows by
 * LIMIT/OFFSET in id order, the index numbers the same rows with
 * ROW_NUMBER() in the same order and groups them per file, so both agree
 * on which row is in which file.
 */
#include "sitemap.h"

#include <stdio.h>
#include <string.h>

#include "cache.h"
#include "cfg.h"
#include "db.h"
#include "log.h"

const char *const sitemap_kind_names[] = { "products", "categories", "shops", NULL };

#define SITEMAP_TIME(col) "DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%sZ')"

/* The pages that answer 200, as sf_product_load, sf_catalog and sf_vendor
 * decide it. */
#define SITEMAP_PRODUCT_ROWS \
	"SELECT p.id AS id, CONCAT('/p/', p.id, '-', p.slug) AS path, p.updated_at AS lastmod" \
	" FROM products p JOIN vendors v ON v.id = p.vendor_id" \
	" WHERE p.status = 'active' AND v.status = 'verified'"
#define SITEMAP_CATEGORY_ROWS \
	"SELECT c.id AS id, CONCAT('/c/', c.slug) AS path, GREATEST(c.updated_at," \
	" COALESCE((SELECT MAX(p.updated_at) FROM products p WHERE p.category_id = c.id AND p.status = 'active'), c.updated_at)," \
	" COALESCE((SELECT MAX(p.updated_at) FROM products p WHERE p.top_category_id = c.id AND p.status = 'active'), c.updated_at)" \
	") AS lastmod FROM categories c"
#define SITEMAP_SHOP_ROWS \
	"SELECT v.id AS id, CONCAT('/v/', v.slug) AS path, GREATEST(v.updated_at," \
	" COALESCE((SELECT MAX(p.updated_at) FROM products p WHERE p.vendor_id = v.id AND p.status = 'active'), v.updated_at)" \
	") AS lastmod FROM vendors v WHERE v.status = 'verified'"

#define SITEMAP_FILE_SQL(rows) \
	"SELECT t.path, " SITEMAP_TIME("t.lastmod") " FROM (" rows ") t ORDER BY t.id LIMIT ? OFFSET ?"
/* Per file (from 0): its newest lastmod. */
#define SITEMAP_INDEX_SQL(rows) \
	"SELECT (u.n - 1) DIV ?, " SITEMAP_TIME("MAX(u.lastmod)") \
	" FROM (SELECT ROW_NUMBER() OVER (ORDER BY t.id) AS n, t.lastmod FROM (" rows ") t) u" \
	" GROUP BY 1 ORDER BY 1"

static const char *const sitemap_file_sql[SITEMAP_NKINDS] = {
	SITEMAP_FILE_SQL(SITEMAP_PRODUCT_ROWS),
	SITEMAP_FILE_SQL(SITEMAP_CATEGORY_ROWS),
	SITEMAP_FILE_SQL(SITEMAP_SHOP_ROWS),
};
static const char *const sitemap_index_sql[SITEMAP_NKINDS] = {
	SITEMAP_INDEX_SQL(SITEMAP_PRODUCT_ROWS),
	SITEMAP_INDEX_SQL(SITEMAP_CATEGORY_ROWS),
	SITEMAP_INDEX_SQL(SITEMAP_SHOP_ROWS),
};

#define SITEMAP_XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define SITEMAP_NS "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""

long long
sitemap_urls_per_file(void)
{
	return cfg_int_in("BAZAAR_SITEMAP_URLS", SITEMAP_URLS_DEFAULT, 1, SITEMAP_URLS_MAX);
}

int
sitemap_kind(const char *name)
{
	for (int k = 0; name && k < SITEMAP_NKINDS; k++)
		if (strcmp(name, sitemap_kind_names[k]) == 0)
			return k;
	return -1;
}

char *
sitemap_cache_key(const char *path, char *out, size_t n)
{
	int len = snprintf(out, n, "sm:%s", path);

	return len > 0 && (size_t)len < n ? out : NULL;
}

char *
sitemap_file_path(const struct sitemap_site *site, enum sitemap_kind kind, long long file, char *out, size_t n)
{
	int len;

	if ((int)kind < 0 || kind >= SITEMAP_NKINDS)
		return NULL;
	len = snprintf(out, n, "%s/%s-%lld.xml", site->dir, sitemap_kind_names[kind], file);
	return len > 0 && (size_t)len < n ? out : NULL;
}

static void
sitemap_add_entry(struct buf *out, const char *element, const char *base, const char *path, const char *lastmod)
{
	buf_printf(out, "<%s><loc>", element);
	buf_add_xml_escaped(out, base);
	buf_add_xml_escaped(out, path);
	buf_adds(out, "</loc>");
	if (lastmod && *lastmod)
		buf_printf(out, "<lastmod>%s</lastmod>", lastmod);
	buf_printf(out, "</%s>\n", element);
}

int
sitemap_index(struct buf *out, const struct sitemap_site *site)
{
	char path[SITEMAP_KEY_MAX];

	buf_adds(out, SITEMAP_XML_HEAD "<sitemapindex " SITEMAP_NS ">\n");
	for (int k = 0; k < SITEMAP_NKINDS; k++) {
		struct db_result *r = db_query(sitemap_index_sql[k], "i", site->per_file);

		if (r == NULL)
			return -1;
		while (db_next(r))
			if (sitemap_file_path(site, (enum sitemap_kind)k, db_int(r, 0) + 1, path, sizeof path))
				sitemap_add_entry(out, "sitemap", site->base, path, db_str(r, 1));
		db_free(r);
	}
	buf_adds(out, "</sitemapindex>\n");
	return 0;
}

int
sitemap_file(struct buf *out, const struct sitemap_site *site, enum sitemap_kind kind, long long n)
{
	struct db_result *r;
	size_t rows;

	if ((int)kind < 0 || kind >= SITEMAP_NKINDS || n < 1 || site->per_file < 1 || n > SITEMAP_URLS_MAX * 1000LL)
		return 1;
	if ((r = db_query(sitemap_file_sql[kind], "ii", site->per_file, (n - 1) * site->per_file)) == NULL)
		return -1;
	if ((rows = db_rows(r)) > 0) {
		buf_adds(out, SITEMAP_XML_HEAD "<urlset " SITEMAP_NS ">\n");
		while (db_next(r))
			sitemap_add_entry(out, "url", site->base, db_str(r, 0), db_str(r, 1));
		buf_adds(out, "</urlset>\n");
	}
	db_free(r);
	return rows > 0 ? 0 : 1;
}

/* Stores doc under path's key; 0, or -2 when the cache refused it. */
static int
sitemap_store(const char *path, const struct buf *doc, time_t ttl, struct sitemap_counts *c)
{
	char key[SITEMAP_KEY_MAX];

	if (doc->len > c->largest)
		c->largest = doc->len;
	if (sitemap_cache_key(path, key, sizeof key) == NULL ||
	    cache_set(key, doc->data, doc->len, ttl) != 0) {
		log_warn("sitemap.store", "path=%s bytes=%zu", path, doc->len);
		return -2;
	}
	return 0;
}

int
sitemap_publish(const struct sitemap_site *site, time_t ttl, struct sitemap_counts *c)
{
	struct buf doc;
	char path[SITEMAP_KEY_MAX];
	int status = 0, got;

	memset(c, 0, sizeof *c);
	buf_init(&doc);
	/* The files first: a crawler that reads the new index finds them. */
	for (int k = 0; k < SITEMAP_NKINDS; k++) {
		for (long long n = 1;; n++) {
			buf_reset(&doc);
			if ((got = sitemap_file(&doc, site, (enum sitemap_kind)k, n)) < 0) {
				status = -1;
				goto out;
			}
			if (got == 1)
				break;
			c->files[k]++;
			/* Every line but the head's two and the tail's is an address. */
			for (size_t i = 0; i < doc.len; i++)
				c->urls[k] += doc.data[i] == '\n';
			c->urls[k] -= 3;
			if (sitemap_file_path(site, (enum sitemap_kind)k, n, path, sizeof path) == NULL ||
			    sitemap_store(path, &doc, ttl, c) != 0)
				status = -2;
		}
	}
	buf_reset(&doc);
	if (sitemap_index(&doc, site) != 0) {
		status = -1;
		goto out;
	}
	if (sitemap_store(site->index, &doc, ttl, c) != 0)
		status = -2;
out:
	buf_free(&doc);
	return status;
}
