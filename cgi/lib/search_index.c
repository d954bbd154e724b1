/*
 * search_index: the writing side of the search engine (search.h): the
 * events handlers of bazaar-searchindex and the full rebuild.
 *
 * The writer lock (BAZAAR_SEARCH_DIR/writer.lock, flock) is held while the
 * live database is written and while `current` is switched, so the job and
 * a rebuild never write the same database and the job always writes the
 * live one. The job holds it only for a batch (its flush); a rebuild holds
 * it only for the catching up and the switch at its end.
 *
 * The events handlers only collect the products that changed; the flush,
 * inside the events' transaction, reads each one's current row, puts it into
 * the index (or takes it out), and commits the index before the events are
 * recorded as handled. A crash in between repeats the batch: putting a
 * product again is harmless.
 */
#include "search.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cache.h"
#include "catalog.h"
#include "cfg.h"
#include "db.h"
#include "events.h"
#include "log.h"
#include "xsearch_bridge.h"

#define SEARCH_BATCH		1000	/* products read at a time by a rebuild */
#define SEARCH_COMMIT_EVERY	20000	/* a rebuild commits every so many products */
#define SEARCH_PENDING_MAX	4096	/* more than a batch of events (100) */

/* ---- categories: each product is indexed with its path ------------------------- */

struct search_category {
	long long id, parent;
	const char *name;
};

struct search_categories {
	struct arena arena;
	struct search_category *v;
	size_t n;
};

static int
search_categories_load(struct search_categories *c)
{
	struct db_result *r = db_query("SELECT id, COALESCE(parent_id, 0), name FROM categories ORDER BY id", "");
	size_t i = 0;

	arena_init(&c->arena);
	c->n = 0;
	if (r == NULL)
		return -1;
	c->v = arena_alloc(&c->arena, (db_rows(r) + 1) * sizeof *c->v);
	while (db_next(r)) {
		c->v[i].id = db_int(r, 0);
		c->v[i].parent = db_int(r, 1);
		c->v[i].name = arena_strdup(&c->arena, db_str(r, 2));
		i++;
	}
	c->n = i;
	db_free(r);
	return 0;
}

static void
search_categories_free(struct search_categories *c)
{
	arena_free(&c->arena);
}

static const struct search_category *
search_category_find(const struct search_categories *c, long long id)
{
	size_t lo = 0, hi = c->n;

	while (lo < hi) {	/* sorted by id */
		size_t mid = (lo + hi) / 2;

		if (c->v[mid].id == id)
			return &c->v[mid];
		if (c->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Fills d's category path (root first) and the names joined by spaces. */
static void
search_category_path(struct arena *a, const struct search_categories *c, long long id, struct xsearch_doc *d)
{
	long long chain[XSEARCH_DEPTH_MAX];
	int n = 0, i;
	struct buf b;

	while (id > 0 && n < XSEARCH_DEPTH_MAX) {
		const struct search_category *cat = search_category_find(c, id);

		if (cat == NULL)
			break;
		chain[n++] = cat->id;
		id = cat->parent;
	}
	buf_init(&b);
	d->ncategories = n;
	for (i = 0; i < n; i++) {
		const struct search_category *cat = search_category_find(c, chain[n - 1 - i]);

		d->categories[i] = chain[n - 1 - i];
		buf_printf(&b, "%s%s", i ? " " : "", cat->name);
	}
	d->category_names = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
}

/* ---- products ---------------------------------------------------------------------- */

#define SEARCH_PRODUCT_COLUMNS \
	"SELECT p.id, p.vendor_id, p.category_id, p.name, p.description, v.trading_name," \
	" p.price_minor, COALESCE(p.compare_at_minor, 0), p.stock, p.popularity," \
	" (SELECT COALESCE(SUM(oi.quantity), 0) FROM order_items oi" \
	"  JOIN orders o ON o.id = oi.order_id AND o.status = 'paid' WHERE oi.product_id = p.id)," \
	" COALESCE(p.rating_avg, 0), p.rating_count, UNIX_TIMESTAMP(p.created_at)" \
	" FROM products p STRAIGHT_JOIN vendors v ON v.id = p.vendor_id AND v.status = 'verified'" \
	" WHERE p.status = 'active' AND "

static const char search_product_sql[] = SEARCH_PRODUCT_COLUMNS "p.id = ?";
static const char search_products_sql[] = SEARCH_PRODUCT_COLUMNS "p.id > ? ORDER BY p.id LIMIT ?";

static void
search_doc_from_row(struct arena *a, const struct search_categories *c, struct db_result *r,
		    struct xsearch_doc *d)
{
	memset(d, 0, sizeof *d);
	d->id = db_int(r, 0);
	d->vendor_id = db_int(r, 1);
	d->name = db_str(r, 3);
	d->description = db_str(r, 4);
	d->vendor_name = db_str(r, 5);
	d->price = db_int(r, 6);
	d->compare_at = db_int(r, 7);
	d->stock = db_int(r, 8);
	d->popularity = db_int(r, 9);
	d->sales = db_int(r, 10);
	d->rating = atof(db_str(r, 11));
	d->rating_count = db_int(r, 12);
	d->created = db_int(r, 13);
	search_category_path(a, c, db_int(r, 2), d);
}

/* Puts product id into the open writable index, or takes it out when it is
 * not visible (any more). 0 or -1 (logged). */
static int
search_index_one(const struct search_categories *c, long long id)
{
	struct db_result *r = db_query(search_product_sql, "i", id);
	char err[256] = "";
	struct arena a;
	int rc;

	if (r == NULL)
		return -1;
	arena_init(&a);
	if (db_next(r)) {
		struct xsearch_doc d;

		search_doc_from_row(&a, c, r, &d);
		rc = xsearch_writer_put(&d, err, sizeof err);
	} else {
		rc = xsearch_writer_delete(id, err, sizeof err);
	}
	db_free(r);
	arena_free(&a);
	if (rc < 0)
		log_error("search.write", "product=%lld msg=%s", id, log_quote(err));
	return rc;
}

/* ---- files: the directory, the lock, the live database ------------------------------ */

static int search_lock_fd = -1;
static char search_writer_target[256];	/* the database the writer has open */

static int
search_mkdir(void)
{
	if (mkdir(search_dir(), 0755) < 0 && errno != EEXIST) {
		log_error("search.write", "dir=%s msg=%s", log_quote(search_dir()), log_quote(strerror(errno)));
		return -1;
	}
	return 0;
}

/* Takes the writer lock, waiting at most wait_ms. 0, or -1 (busy, logged). */
static int
search_lock(long wait_ms)
{
	char path[1024];
	long waited = 0;

	if (search_lock_fd >= 0)
		return 0;
	if (search_mkdir() < 0)
		return -1;
	snprintf(path, sizeof path, "%s/writer.lock", search_dir());
	search_lock_fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0644);
	if (search_lock_fd < 0) {
		log_error("search.lock", "path=%s msg=%s", log_quote(path), log_quote(strerror(errno)));
		return -1;
	}
	while (flock(search_lock_fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK || waited >= wait_ms) {
			log_warn("search.lock", "path=%s msg=%s", log_quote(path),
				 log_quote("another writer holds the search index"));
			close(search_lock_fd);
			search_lock_fd = -1;
			return -1;
		}
		usleep(50 * 1000);
		waited += 50;
	}
	return 0;
}

static void
search_unlock(void)
{
	if (search_lock_fd >= 0) {
		close(search_lock_fd);	/* releases the flock */
		search_lock_fd = -1;
	}
}

/* What `current` points to ("" when missing). */
static void
search_current(char *out, size_t n)
{
	char link[1024];
	ssize_t len;

	snprintf(link, sizeof link, "%s/current", search_dir());
	len = readlink(link, out, n - 1);
	out[len > 0 ? len : 0] = '\0';
}

static const char *
search_language(void)
{
	return cfg_str("BAZAAR_SEARCH_LANGUAGE", "english");
}

/* A new database's directory name: db-<seconds>-<microseconds>. */
static void
search_new_name(char *out, size_t n)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	snprintf(out, n, "db-%lld-%06ld", (long long)tv.tv_sec, (long)tv.tv_usec);
}

/* A database built by root (an operator's `bazaar-searchindex --rebuild`)
 * is handed to the owner of the search directory, the programs' user, so
 * that the job can go on writing it. 0, or -1 (logged). */
static int
search_give_to_owner(const char *path)
{
	struct stat st;
	struct dirent *f;
	char file[2048];
	DIR *d;
	int rc = 0;

	if (geteuid() != 0 || stat(search_dir(), &st) < 0 || st.st_uid == 0)
		return 0;
	if ((d = opendir(path)) == NULL || chown(path, st.st_uid, st.st_gid) < 0)
		rc = -1;
	while (d != NULL && (f = readdir(d)) != NULL) {	/* a Xapian database is one flat directory */
		if (strcmp(f->d_name, ".") == 0 || strcmp(f->d_name, "..") == 0)
			continue;
		snprintf(file, sizeof file, "%s/%s", path, f->d_name);
		if (chown(file, st.st_uid, st.st_gid) < 0)
			rc = -1;
	}
	if (d != NULL)
		closedir(d);
	snprintf(file, sizeof file, "%s/writer.lock", search_dir());
	if (chown(file, st.st_uid, st.st_gid) < 0 && errno != ENOENT)
		rc = -1;
	if (rc < 0)
		log_error("search.write", "db=%s msg=%s", log_quote(path),
			  log_quote("cannot hand the new database to the search directory's owner"));
	return rc;
}

/* Points `current` at target with one rename. */
static int
search_switch(const char *target)
{
	char link[1024], tmp[1024];

	snprintf(link, sizeof link, "%s/current", search_dir());
	snprintf(tmp, sizeof tmp, "%s/current.tmp", search_dir());
	unlink(tmp);
	if (symlink(target, tmp) < 0 || rename(tmp, link) < 0) {
		log_error("search.switch", "target=%s msg=%s", log_quote(target), log_quote(strerror(errno)));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* With the lock held: opens the live database for writing (creating an empty
 * one when there is none, so that the job can start on a fresh machine),
 * again when a rebuild switched `current`. */
static int
search_writer_live(void)
{
	char target[256], path[1024], err[256] = "";

	search_current(target, sizeof target);
	if (xsearch_writer_is_open() && *target && strcmp(target, search_writer_target) == 0)
		return 0;
	xsearch_writer_close();
	/* changesets let replicas follow by increments (Xapian reads this at open) */
	if (cfg_int_in("BAZAAR_SEARCH_CHANGESETS", 0, 0, 100000) > 0)
		setenv("XAPIAN_MAX_CHANGESETS", cfg_str("BAZAAR_SEARCH_CHANGESETS", "0"), 1);
	if (!*target) {
		search_new_name(target, sizeof target);
		snprintf(path, sizeof path, "%s/%s", search_dir(), target);
		if (xsearch_writer_open(path, search_language(), err, sizeof err) < 0 ||
		    xsearch_writer_commit(err, sizeof err) < 0 || search_switch(target) < 0) {
			log_error("search.write", "db=%s msg=%s", log_quote(path), log_quote(err));
			xsearch_writer_close();
			return -1;
		}
		log_info("search.created", "db=%s", log_quote(path));
	} else {
		snprintf(path, sizeof path, "%s/%s", search_dir(), target);
		if (xsearch_writer_open(path, search_language(), err, sizeof err) < 0) {
			log_error("search.write", "db=%s msg=%s", log_quote(path), log_quote(err));
			return -1;
		}
	}
	snprintf(search_writer_target, sizeof search_writer_target, "%s", target);
	return 0;
}

int
search_writer_open(void)
{
	int rc;

	if (search_lock(5000) < 0)
		return -1;
	rc = search_writer_live();
	search_unlock();
	return rc;
}

void
search_writer_close(void)
{
	xsearch_writer_close();
	search_writer_target[0] = '\0';
	search_unlock();
}

/* ---- the events handlers -------------------------------------------------------------- */

static long long search_pending[SEARCH_PENDING_MAX];
static size_t search_npending;
/* synonyms: the events' payloads, applied at the flush */
static char *search_pending_synonyms[128];	/* more than a batch of events (100) */
static size_t search_nsynonyms;

int
search_writer_product(const struct event *ev, void *arg)
{
	size_t i;

	(void)arg;
	for (i = 0; i < search_npending; i++)
		if (search_pending[i] == ev->subject_id)
			return 0;
	if (search_npending == SEARCH_PENDING_MAX)
		return -1;	/* never: the job reads fewer events a batch */
	search_pending[search_npending++] = ev->subject_id;
	return 0;
}

int
search_writer_synonyms(const struct event *ev, void *arg)
{
	(void)arg;
	if (search_nsynonyms == sizeof search_pending_synonyms / sizeof search_pending_synonyms[0])
		return -1;	/* never: the job reads fewer events a batch */
	search_pending_synonyms[search_nsynonyms] = strdup(ev->payload);
	if (search_pending_synonyms[search_nsynonyms] == NULL)
		return -1;
	search_nsynonyms++;
	return 0;
}

/* Applies one search.synonyms payload: term \t synonym \t ... */
static int
search_apply_synonyms(char *payload, char *err, size_t errlen)
{
	const char *syns[256];
	size_t n = 0;
	char *term = payload, *p = strchr(payload, '\t');

	while (p && n < sizeof syns / sizeof syns[0]) {
		*p++ = '\0';
		syns[n++] = p;
		p = strchr(p, '\t');
	}
	return xsearch_writer_synonyms(term, syns, n, err, errlen);
}

static void
search_pending_clear(void)
{
	size_t i;

	for (i = 0; i < search_nsynonyms; i++)
		free(search_pending_synonyms[i]);
	search_nsynonyms = 0;
	search_npending = 0;
}

int
search_writer_flush(void *arg)
{
	struct search_categories c;
	char err[256] = "";
	size_t i, products = search_npending, synonyms = search_nsynonyms;
	int rc = -1;

	(void)arg;
	if (search_npending == 0 && search_nsynonyms == 0)
		return 0;
	if (search_lock(10000) < 0) {
		search_pending_clear();
		return -1;
	}
	if (search_writer_live() < 0 || search_categories_load(&c) < 0)
		goto out;
	for (i = 0; i < search_npending; i++)
		if (search_index_one(&c, search_pending[i]) < 0)
			goto done;
	for (i = 0; i < search_nsynonyms; i++)
		if (search_apply_synonyms(search_pending_synonyms[i], err, sizeof err) < 0) {
			log_error("search.write", "msg=%s", log_quote(err));
			goto done;
		}
	if (xsearch_writer_commit(err, sizeof err) < 0) {
		log_error("search.write", "msg=%s", log_quote(err));
		goto done;
	}
	rc = 0;
	/* listings rendered meanwhile from the index before this commit (the
	 * change itself bumped the generation before the index had it) go */
	if (products > 0 && cache_bump(CATALOG_FAMILY_LIST) != 0)
		log_warn("search.cache", "msg=%s", log_quote("listings cached before the update may be served until their TTL"));
	log_info("search.updated", "products=%zu synonyms=%zu db=%s", products, synonyms,
		 log_quote(search_writer_target));
done:
	search_categories_free(&c);
out:
	if (rc < 0)		/* drop what was not committed */
		xsearch_writer_close();
	search_pending_clear();
	search_unlock();
	return rc;
}

/* ---- the rebuild ---------------------------------------------------------------------- */

/* Deletes the databases other than keep and the one before it (readers may
 * still be reading that one; it goes at the next rebuild). */
static void
search_delete_old(const char *keep, const char *previous)
{
	DIR *d = opendir(search_dir());
	struct dirent *e;
	char cmd_path[1024];

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		DIR *sub;
		struct dirent *f;
		char file[2048];

		if (strncmp(e->d_name, "db-", 3) != 0 || strcmp(e->d_name, keep) == 0 ||
		    strcmp(e->d_name, previous) == 0)
			continue;
		snprintf(cmd_path, sizeof cmd_path, "%s/%s", search_dir(), e->d_name);
		if ((sub = opendir(cmd_path)) == NULL)
			continue;
		while ((f = readdir(sub)) != NULL) {	/* a Xapian database is one flat directory */
			if (f->d_name[0] == '.')
				continue;
			snprintf(file, sizeof file, "%s/%s", cmd_path, f->d_name);
			unlink(file);
		}
		closedir(sub);
		if (rmdir(cmd_path) == 0)
			log_info("search.deleted", "db=%s", log_quote(cmd_path));
	}
	closedir(d);
}

/* The products changed since a moment (their events), into the open writer:
 * those still visible are put again, the others taken out. The events are
 * read SEARCH_EVENTS_PAGE at a time in id order from the first one of the
 * moment (each statement a bounded range of the primary key: after a large
 * load, a whole catalogue's events, one statement over all of them outlasts
 * the statement timeout), their products' ids kept once each, then the
 * products read SEARCH_BATCH at a time. */
#define SEARCH_EVENTS_PAGE	10000
static const char search_changed_first_sql[] =
	"SELECT COALESCE(MIN(e.id), 0) FROM events e WHERE e.created_at >= ?";
static const char search_changed_ids_sql[] =
	"SELECT e.id, e.subject_id FROM events e WHERE e.id >= ? AND e.type = ? AND e.created_at >= ?"
	" ORDER BY e.id LIMIT ?";
static const char search_changed_sql[] = SEARCH_PRODUCT_COLUMNS
	"p.id IN (SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j)"
	" ORDER BY p.id";

static int
search_id_cmp(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;

	return a < b ? -1 : a > b;
}

/* The ids of the products whose events are at or after since, sorted, each
 * once, into *out (malloc'd; *n of them). 0, or -1 on a database error. */
static int
search_changed_ids(const char *since, long long **out, size_t *n)
{
	long long from, *ids = NULL, *more;
	size_t cap = 0, k, rows;
	struct db_result *r;

	*out = NULL;
	*n = 0;
	if ((from = db_scalar(-1, search_changed_first_sql, "s", since)) < 0)
		return -1;
	if (from == 0)
		return 0;
	do {
		if ((r = db_query(search_changed_ids_sql, "issi", from, EVENTS_PRODUCT_CHANGED, since,
				  (long long)SEARCH_EVENTS_PAGE)) == NULL) {
			free(ids);
			return -1;
		}
		rows = db_rows(r);
		while (db_next(r)) {
			from = db_int(r, 0) + 1;
			if (*n == cap) {
				if ((more = realloc(ids, (cap = cap ? cap * 2 : 1024) * sizeof *ids)) == NULL) {
					db_free(r);
					free(ids);
					return -1;
				}
				ids = more;
			}
			ids[(*n)++] = db_int(r, 1);
		}
		db_free(r);
	} while (rows == SEARCH_EVENTS_PAGE);
	if (*n > 0) {
		qsort(ids, *n, sizeof *ids, search_id_cmp);
		for (size_t i = k = 1; i < *n; i++)
			if (ids[i] != ids[k - 1])
				ids[k++] = ids[i];
		*n = k;
	}
	*out = ids;
	return 0;
}

static int
search_catch_up(const struct search_categories *c, const char *since)
{
	struct db_result *r = NULL;
	long long *ids, put = 0, gone = 0;
	const long long *batch;
	char err[256] = "";
	struct arena a;
	struct buf json;
	size_t nids, n, i, at;

	if (search_changed_ids(since, &ids, &nids) != 0)
		goto fail_ids;
	arena_init(&a);
	buf_init(&json);
	for (at = 0; at < nids; at += n) {
		batch = ids + at;
		n = nids - at < SEARCH_BATCH ? nids - at : SEARCH_BATCH;
		json.len = 0;
		buf_addc(&json, '[');
		for (i = 0; i < n; i++)
			buf_printf(&json, "%s%lld", i ? "," : "", batch[i]);
		buf_addc(&json, ']');
		if ((r = db_query(search_changed_sql, "s", json.data)) == NULL)
			goto fail;
		/* Both in id order: an id without its row is no longer visible. */
		i = 0;
		while (db_next(r)) {
			struct xsearch_doc d;
			long long id = db_int(r, 0);

			for (; i < n && batch[i] < id; i++, gone++)
				if (xsearch_writer_delete(batch[i], err, sizeof err) < 0)
					goto fail;
			if (i < n && batch[i] == id)
				i++;
			search_doc_from_row(&a, c, r, &d);
			if (xsearch_writer_put(&d, err, sizeof err) < 0)
				goto fail;
			put++;
		}
		for (; i < n; i++, gone++)
			if (xsearch_writer_delete(batch[i], err, sizeof err) < 0)
				goto fail;
		db_free(r);
		r = NULL;
		arena_free(&a);
		arena_init(&a);
	}
	free(ids);
	buf_free(&json);
	arena_free(&a);
	log_info("search.rebuild.caught_up", "products=%lld gone=%lld", put, gone);
	return 0;
fail:
	db_free(r);
	free(ids);
	buf_free(&json);
	arena_free(&a);
fail_ids:
	log_error("search.write", "msg=%s", log_quote(err[0] ? err : db_error()));
	return -1;
}

long long
search_rebuild(void)
{
	struct search_categories c;
	char name[64], path[1024], err[256] = "", since[40], previous[256], live[1024];
	struct db_result *r, *t;
	long long last = 0, count = 0, rows;
	struct arena a;
	struct timeval start, end;

	gettimeofday(&start, NULL);
	if (search_mkdir() < 0)
		return -1;
	/* every change from a little before now is applied again at the end: a
	 * transaction that wrote an event before this moment may commit after
	 * the scan read its product (events.h: the horizon) */
	t = db_query("SELECT DATE_FORMAT(NOW(6) - INTERVAL ? SECOND, '%Y-%m-%d %H:%i:%s.%f')", "i",
		     cfg_int_in("BAZAAR_EVENTS_HORIZON", 300, 1, 86400));
	if (t == NULL || !db_next(t)) {
		db_free(t);
		return -1;
	}
	snprintf(since, sizeof since, "%s", db_str(t, 0));
	db_free(t);
	if (search_categories_load(&c) < 0)
		return -1;
	/* the job may have the live database open: this process writes a new one */
	xsearch_writer_close();
	search_writer_target[0] = '\0';
	search_new_name(name, sizeof name);
	snprintf(path, sizeof path, "%s/%s", search_dir(), name);
	if (xsearch_writer_open(path, search_language(), err, sizeof err) < 0)
		goto fail;
	log_info("search.rebuild.start", "db=%s", log_quote(path));
	do {
		if ((r = db_query(search_products_sql, "ii", last, (long long)SEARCH_BATCH)) == NULL)
			goto fail;
		rows = (long long)db_rows(r);
		arena_init(&a);
		while (db_next(r)) {
			struct xsearch_doc d;

			search_doc_from_row(&a, &c, r, &d);
			if (xsearch_writer_put(&d, err, sizeof err) < 0) {
				arena_free(&a);
				db_free(r);
				goto fail;
			}
			last = d.id;
			if (++count % SEARCH_COMMIT_EVERY == 0 && xsearch_writer_commit(err, sizeof err) < 0) {
				arena_free(&a);
				db_free(r);
				goto fail;
			}
		}
		arena_free(&a);
		db_free(r);
	} while (rows == SEARCH_BATCH);

	/* the end: under the lock, catch up, carry the synonyms over, switch */
	if (search_lock(120000) < 0)
		goto fail_quiet;
	search_current(previous, sizeof previous);
	snprintf(live, sizeof live, "%s/%s", search_dir(), previous);
	if (search_catch_up(&c, since) < 0 ||
	    (*previous && xsearch_writer_copy_synonyms(live, err, sizeof err) < 0) ||
	    xsearch_writer_commit(err, sizeof err) < 0)
		goto fail_locked;
	xsearch_writer_close();
	if (search_give_to_owner(path) < 0 || search_switch(name) < 0)
		goto fail_locked;
	search_unlock();
	if (cache_bump(CATALOG_FAMILY_LIST) != 0)	/* listings drawn from the old index go */
		log_warn("search.cache", "msg=%s", log_quote("listings cached before the rebuild may be served until their TTL"));
	search_delete_old(name, previous);
	search_categories_free(&c);
	gettimeofday(&end, NULL);
	log_info("search.rebuild.done", "db=%s products=%lld ms=%lld", log_quote(path), count,
		 (long long)(end.tv_sec - start.tv_sec) * 1000 + (end.tv_usec - start.tv_usec) / 1000);
	return count;

fail_locked:
	search_unlock();
fail:
	log_error("search.rebuild.failed", "db=%s msg=%s", log_quote(path), log_quote(err[0] ? err : db_error()));
fail_quiet:
	xsearch_writer_close();
	search_categories_free(&c);
	return -1;
}
