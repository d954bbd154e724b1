/*
 * listing_csv: listings out to a CSV file and back in (listing_csv.h).
 *
 * Each line of an import is checked by the router's own field checks
 * (route_validate) against a route-table declaration of the columns, with
 * a request of its own whose form fields are the line's cells: the same
 * types, limits, tidying and sentences as a form.
 */
#include "listing_csv.h"

#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "db.h"
#include "events.h"
#include "log.h"
#include "moderation.h"
#include "money.h"
#include "req.h"
#include "route.h"
#include "sess.h"
#include "stock.h"

const char *const listing_csv_columns[LISTING_CSV_NCOLUMNS] = {
	"sku", "name", "category", "price", "compare_at_price", "stock", "status", "description",
};

#define LISTING_CSV_SKU_MAX	64
#define LISTING_CSV_NAME_MAX	200
#define LISTING_CSV_DESC_MAX	5000
#define LISTING_CSV_PRICE_MAX	100000000LL	/* 1,000,000.00 */

static const char *const listing_csv_statuses[] = { "draft", "active", NULL };

/* A SKU: letters, digits and - _ . / (no spaces: it is typed into other
 * systems). */
static const char *
listing_csv_sku_rule(struct req *rq, const char **value)
{
	const char *s;

	(void)rq;
	for (s = *value; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_' || *s == '.' || *s == '/'))
			return "A SKU may hold letters, digits and - _ . / only.";
	return NULL;
}

/* A category's short name, as in its address. */
static const char *
listing_csv_category_rule(struct req *rq, const char **value)
{
	const char *s;

	(void)rq;
	for (s = *value; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return "Enter the category's short name as in its address, like kitchen-knives.";
	return NULL;
}

/* The rules of a line, in column order (listing_csv_columns). */
static const struct param listing_csv_params[] = {
	ROUTE_FIELD("sku", LISTING_CSV_SKU_MAX, "SKU", 0u, listing_csv_sku_rule,
		    "Enter the listing's SKU: the import finds listings by it."),
	ROUTE_FIELD("name", LISTING_CSV_NAME_MAX, "Name", 0u, NULL, "Enter the listing's name."),
	ROUTE_FIELD("category", CATALOG_SLUG_MAX, "Category", 0u, listing_csv_category_rule,
		    "Enter the listing's category."),
	{ "price", PARAM_MONEY, 0, LISTING_CSV_PRICE_MAX, NULL, PARAM_REQUIRED, "Price", NULL,
	  "Enter the price, like 12.50." },
	{ "compare_at_price", PARAM_MONEY, 1, LISTING_CSV_PRICE_MAX, NULL, 0, "Compare-at price", NULL, NULL },
	{ "stock", PARAM_INT, 0, STOCK_MAX, NULL, PARAM_REQUIRED, "Stock", NULL,
	  "Enter the number of units in stock (0 for none)." },
	{ "status", PARAM_ENUM, 0, 0, listing_csv_statuses, PARAM_REQUIRED, "Status", NULL,
	  "Enter the status: draft or active." },
	ROUTE_FIELD("description", LISTING_CSV_DESC_MAX, "Description", PARAM_MULTILINE, NULL, NULL),
	{ NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL },
};

/* The route the lines are checked as: a form, so every problem of a line
 * is found at once. */
static const struct route listing_csv_route = {
	"POST", "(a line of a CSV import)", NULL, NULL, R_FORM, listing_csv_params, NULL,
};

/* Is column i one the file may leave out? */
static int
listing_csv_optional(int i)
{
	return i == LISTING_CSV_COMPARE_AT || i == LISTING_CSV_DESCRIPTION;
}

void
listing_csv_init(struct listing_csv *c, struct arena *a)
{
	int i;

	memset(c, 0, sizeof *c);
	c->a = a;
	for (i = 0; i < LISTING_CSV_NCOLUMNS; i++)
		c->at[i] = -1;
}

void
listing_csv_problem(struct listing_csv *c, long line, const char *column, const char *message)
{
	struct listing_csv_problem *grown;

	if (c->nproblems >= LISTING_CSV_MAX_PROBLEMS) {
		c->problems_more++;
		return;
	}
	if (c->nproblems == c->problems_cap) {
		c->problems_cap = c->problems_cap ? c->problems_cap * 2 : 16;
		grown = arena_alloc(c->a, c->problems_cap * sizeof *grown);
		if (c->nproblems)
			memcpy(grown, c->problems, c->nproblems * sizeof *grown);
		c->problems = grown;
	}
	c->problems[c->nproblems].line = line;
	c->problems[c->nproblems].column = column;
	c->problems[c->nproblems].message = message;
	c->nproblems++;
}

/* The first line: which column is where. */
static void
listing_csv_header(struct listing_csv *c, const struct csv_record *rec)
{
	size_t i;
	int k, found;

	c->header_done = 1;
	c->ncolumns = rec->n;
	for (i = 0; i < rec->n; i++) {
		found = 0;
		for (k = 0; k < LISTING_CSV_NCOLUMNS; k++) {
			if (strcasecmp(rec->fields[i], listing_csv_columns[k]) != 0)
				continue;
			found = 1;
			if (c->at[k] >= 0)
				listing_csv_problem(c, rec->line, listing_csv_columns[k],
						    arena_printf(c->a, "The column %s is named twice.",
								 listing_csv_columns[k]));
			else
				c->at[k] = (int)i;
		}
		if (!found)
			listing_csv_problem(c, rec->line, NULL,
					    arena_printf(c->a, "The first line names a column this file cannot "
							 "have: \"%.40s\". The columns are sku, name, category, "
							 "price, compare_at_price, stock, status, description.",
							 rec->fields[i]));
	}
	for (k = 0; k < LISTING_CSV_NCOLUMNS; k++)
		if (c->at[k] < 0 && !listing_csv_optional(k))
			listing_csv_problem(c, rec->line, listing_csv_columns[k],
					    arena_printf(c->a, "The first line has no column %s: the first line "
							 "names the columns.", listing_csv_columns[k]));
}

/* The line's cells are all empty (a spreadsheet's trailing rows). */
static int
listing_csv_blank(const struct csv_record *rec)
{
	size_t i, j;

	for (i = 0; i < rec->n; i++)
		for (j = 0; j < rec->lens[i]; j++)
			if (rec->fields[i][j] != ' ' && rec->fields[i][j] != '\t')
				return 0;
	return 1;
}

/* Checks one listing's line and keeps it. */
static void
listing_csv_line(struct listing_csv *c, const struct csv_record *rec)
{
	struct req *rq = c->checker;
	struct listing_csv_line *l, *grown;
	const char *message;
	size_t i;
	int k;

	if (rec->n != c->ncolumns) {
		listing_csv_problem(c, rec->line, NULL,
				    arena_printf(c->a, "The line has %zu fields where the first line names %zu "
						 "columns.", rec->n, c->ncolumns));
		return;
	}
	if (c->nlines >= LISTING_CSV_MAX_LINES) {
		if (c->nlines == LISTING_CSV_MAX_LINES)
			listing_csv_problem(c, rec->line, NULL,
					    arena_printf(c->a, "A file may hold up to %d listings: split it.",
							 LISTING_CSV_MAX_LINES));
		c->nlines++;
		return;
	}
	rq->form_fields.n = rq->params.n = rq->form_errors.n = 0;
	for (k = 0; k < LISTING_CSV_NCOLUMNS; k++) {
		const char *v;

		if (c->at[k] < 0)
			continue;
		v = csv_cell_unguard(rec->fields[c->at[k]]);
		kvlist_add(&rq->arena, &rq->form_fields, listing_csv_columns[k], v, strlen(v));
	}
	if (route_validate(rq, listing_csv_params, &message) != 0) {
		for (i = 0; i < rq->form_errors.n; i++)
			listing_csv_problem(c, rec->line, arena_strdup(c->a, rq->form_errors.items[i].key),
					    arena_strdup(c->a, rq->form_errors.items[i].val));
		return;
	}
	if (req_has(rq, "compare_at_price") &&
	    req_int(rq, "compare_at_price", 0) <= req_int(rq, "price", 0)) {
		listing_csv_problem(c, rec->line, "compare_at_price",
				    "The compare-at price must be higher than the price (or left empty).");
		return;
	}
	if (c->nlines == c->lines_cap) {
		c->lines_cap = c->lines_cap ? c->lines_cap * 2 : 64;
		grown = arena_alloc(c->a, c->lines_cap * sizeof *grown);
		if (c->nlines)
			memcpy(grown, c->lines, c->nlines * sizeof *grown);
		c->lines = grown;
	}
	l = &c->lines[c->nlines++];
	l->line = rec->line;
	l->sku = arena_strdup(c->a, req_str(rq, "sku"));
	l->name = arena_strdup(c->a, req_str(rq, "name"));
	l->category = arena_strdup(c->a, req_str(rq, "category"));
	l->description = arena_strdup(c->a, req_str(rq, "description") ? req_str(rq, "description") : "");
	l->status = arena_strdup(c->a, req_str(rq, "status"));
	l->price_minor = req_int(rq, "price", 0);
	l->compare_at_minor = req_has(rq, "compare_at_price") ? req_int(rq, "compare_at_price", 0) : -1;
	l->stock = req_int(rq, "stock", 0);
	/* A SKU twice in the file: which line wins would be a guess. */
	for (i = 0; i + 1 < c->nlines; i++)
		if (strcasecmp(c->lines[i].sku, l->sku) == 0) {
			listing_csv_problem(c, rec->line, "sku",
					    arena_printf(c->a, "The SKU %s is on line %ld too: each listing "
							 "may be in the file once.", l->sku, c->lines[i].line));
			c->nlines--;
			return;
		}
}

static int
listing_csv_record(const struct csv_record *rec, void *arg)
{
	struct listing_csv *c = arg;

	if (!c->header_done)
		listing_csv_header(c, rec);
	else if (!listing_csv_blank(rec))
		listing_csv_line(c, rec);
	return 0;
}

/* Reads with fn (a buffer or a file), then says what is missing. */
static size_t
listing_csv_finish_read(struct listing_csv *c, int rc, const struct csv_error *err)
{
	if (rc == -1)
		listing_csv_problem(c, err->line, NULL, arena_strdup(c->a, err->message));
	else if (!c->header_done)
		listing_csv_problem(c, 0, NULL, "The file is empty: its first line names the columns.");
	else if (c->nlines == 0 && c->nproblems == 0)
		listing_csv_problem(c, 0, NULL, "The file names the columns but has no listing.");
	return c->nproblems + c->problems_more;
}

/* The request the lines are checked with. */
static struct req *
listing_csv_checker(struct listing_csv *c)
{
	struct req *rq = arena_alloc(c->a, sizeof *rq);

	arena_init(&rq->arena);
	rq->method = "POST";
	rq->path = listing_csv_route.pattern;
	rq->query = "";
	rq->route = &listing_csv_route;
	c->checker = rq;
	return rq;
}

size_t
listing_csv_read(struct listing_csv *c, const void *data, size_t len)
{
	struct csv_error err = { 0, "" };
	struct req *rq = listing_csv_checker(c);
	int rc = csv_read_buffer(data, len, NULL, listing_csv_record, c, &err);

	arena_free(&rq->arena);
	c->checker = NULL;
	return listing_csv_finish_read(c, rc, &err);
}

size_t
listing_csv_read_fd(struct listing_csv *c, int fd)
{
	struct csv_error err = { 0, "" };
	struct req *rq = listing_csv_checker(c);
	int rc = csv_read_fd(fd, NULL, listing_csv_record, c, &err);

	arena_free(&rq->arena);
	c->checker = NULL;
	return listing_csv_finish_read(c, rc, &err);
}

/* ---- applying ------------------------------------------------------------ */

/* What the database says of a line: its category, its listing if any. */
struct listing_csv_target {
	long long category_id, top_id;
	long long product_id;		/* 0: a new listing */
	int changed;			/* a field other than the stock differs */
	int was_active;			/* live before the import */
	long long stock;
};

struct listing_csv_job {
	struct listing_csv *c;
	const struct req *rq;
	long long vendor_id, user_id;
	struct listing_csv_target *t;
	struct listing_csv_result res;
	long long *changed_ids;		/* products whose pages to drop after the commit */
	size_t nchanged;
	int problems;
	size_t problems_before;		/* c's problems when the transaction began */
};

static const char listing_csv_category_sql[] =
	"SELECT c.id, (SELECT COUNT(*) FROM categories k WHERE k.parent_id = c.id)"
	" FROM categories c WHERE c.slug = ?";
static const char listing_csv_product_sql[] =
	"SELECT id, name, description, category_id, price_minor, compare_at_minor, stock, status"
	" FROM products WHERE vendor_id = ? AND sku = ? FOR UPDATE";

/* Looks up the line's category and listing; a problem is recorded. */
static int
listing_csv_look_up(struct listing_csv_job *j, struct listing_csv_line *l, struct listing_csv_target *t)
{
	struct db_result *r;
	int found;

	if ((r = db_query(listing_csv_category_sql, "s", l->category)) == NULL)
		return -1;
	found = db_next(r);
	t->category_id = found ? db_int(r, 0) : 0;
	if (!found || db_int(r, 1) > 0) {
		listing_csv_problem(j->c, l->line, "category", found
				    ? arena_printf(j->c->a, "The category %s has sub-categories: choose one of "
						   "them.", l->category)
				    : arena_printf(j->c->a, "There is no category %s.", l->category));
		j->problems = 1;
	}
	db_free(r);
	if (t->category_id > 0 && (t->top_id = catalog_top_category(t->category_id)) < 0)
		return -1;
	if ((r = db_query(listing_csv_product_sql, "is", j->vendor_id, l->sku)) == NULL)
		return -1;
	if (db_next(r)) {
		const char *status = db_str(r, 7);

		t->product_id = db_int(r, 0);
		t->stock = db_int(r, 6);
		/* A column the file leaves out keeps the listing's value. */
		if (j->c->at[LISTING_CSV_DESCRIPTION] < 0)
			l->description = arena_strdup(j->c->a, db_str(r, 2));
		if (j->c->at[LISTING_CSV_COMPARE_AT] < 0)
			l->compare_at_minor = db_null(r, 5) ? -1 : db_int(r, 5);
		t->changed = strcmp(db_str(r, 1), l->name) != 0 || strcmp(db_str(r, 2), l->description) != 0 ||
			     db_int(r, 3) != t->category_id || db_int(r, 4) != l->price_minor ||
			     (db_null(r, 5) ? -1 : db_int(r, 5)) != l->compare_at_minor ||
			     strcmp(status, l->status) != 0;
		t->was_active = strcmp(status, "active") == 0;
		if (strcmp(status, "review") == 0) {
			listing_csv_problem(j->c, l->line, "sku",
					    arena_printf(j->c->a, "The listing %s is waiting for our review: change "
							 "it once it has been decided.", l->sku));
			j->problems = 1;
		} else if (strcmp(status, "draft") != 0 && !t->was_active) {
			listing_csv_problem(j->c, l->line, "sku",
					    arena_printf(j->c->a, "The listing %s was taken off the shop by our "
							 "staff: an import cannot change it.", l->sku));
			j->problems = 1;
		}
	}
	db_free(r);
	return 0;
}

static const char listing_csv_insert_sql[] =
	"INSERT INTO products (vendor_id, category_id, top_category_id, name, slug, description, sku,"
	" price_minor, compare_at_minor, stock, status)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, -1), 0, ?)";
static const char listing_csv_update_sql[] =
	"UPDATE products SET name = ?, slug = ?, description = ?, category_id = ?, top_category_id = ?,"
	" price_minor = ?, compare_at_minor = NULLIF(?, -1), status = ? WHERE id = ? AND vendor_id = ?";

/*
 * A line that publishes: as the listing form publishes, the moderation
 * rules may hold the listing for review (its status becomes 'review').
 * Returns 0 (live), 1 (held) or -1.
 */
static int
listing_csv_publish(struct listing_csv_job *j, const struct listing_csv_line *l, long long product_id,
		    const struct moderation_snapshot *before)
{
	struct moderation_listing ml = { .vendor_id = j->vendor_id, .product_id = product_id,
					 .name = l->name, .description = l->description };
	struct moderation_verdict v;
	int held = moderation_needs_review(j->c->a, &ml, &v);

	if (held <= 0)
		return held;
	return moderation_submit(j->rq, j->c->a, product_id, &v, before) < 0 ? -1 : 1;
}

/* What writing a line did. */
enum listing_csv_done { LISTING_CSV_FAILED = -1, LISTING_CSV_UNCHANGED, LISTING_CSV_CREATED, LISTING_CSV_UPDATED };

/* Writes one checked line: the listing's fields, then its stock through
 * the stock history. */
static enum listing_csv_done
listing_csv_write(struct listing_csv_job *j, const struct listing_csv_line *l, struct listing_csv_target *t)
{
	struct stock_change sc = { .vendor_id = j->vendor_id, .reason = STOCK_CORRECTION,
				   .note = "CSV import", .user_id = j->user_id, .caller_drops_cache = 1 };
	enum listing_csv_done done = LISTING_CSV_UPDATED;
	struct moderation_snapshot live, *before = NULL;
	char slug[CATALOG_SLUG_MAX + 1];

	catalog_slugify(l->name, slug, sizeof slug);
	/* What was live, for the review's comparison, if the edit is held. */
	if (t->was_active && t->changed && strcmp(l->status, "active") == 0) {
		if (moderation_snapshot_read(j->c->a, t->product_id, &live) != 0)
			return LISTING_CSV_FAILED;
		before = &live;
	}
	if (t->product_id == 0) {
		if (db_exec(listing_csv_insert_sql, "iiissssiis", j->vendor_id, t->category_id, t->top_id, l->name,
			    slug, l->description, l->sku, l->price_minor, l->compare_at_minor, l->status) != 1)
			return LISTING_CSV_FAILED;
		t->product_id = (long long)db_insert_id();
		t->stock = 0;
		done = LISTING_CSV_CREATED;
	} else if (t->changed) {
		if (db_exec(listing_csv_update_sql, "sssiiiisii", l->name, slug, l->description, t->category_id,
			    t->top_id, l->price_minor, l->compare_at_minor, l->status, t->product_id,
			    j->vendor_id) < 0)
			return LISTING_CSV_FAILED;
	} else if (t->stock == l->stock) {
		return LISTING_CSV_UNCHANGED;
	}
	if (strcmp(l->status, "active") == 0 && (done == LISTING_CSV_CREATED || t->changed)) {
		switch (listing_csv_publish(j, l, t->product_id, before)) {
		case 0:
			break;
		case 1:
			j->res.held++;
			break;
		default:
			return LISTING_CSV_FAILED;
		}
	}
	/* stock_set writes the product.changed event when the stock moves. */
	if (t->stock != l->stock) {
		sc.product_id = t->product_id;
		if (stock_set_in_tx(&sc, l->stock, NULL) != 0)
			return LISTING_CSV_FAILED;
	} else if (events_emit(EVENTS_PRODUCT_CHANGED, t->product_id, "") < 0) {
		return LISTING_CSV_FAILED;
	}
	j->changed_ids[j->nchanged++] = t->product_id;
	return done;
}

static int
listing_csv_tx(void *arg)
{
	struct listing_csv_job *j = arg;
	size_t i;

	memset(&j->res, 0, sizeof j->res);
	/* A transaction tried again finds its problems again. */
	j->c->nproblems = j->problems_before;
	j->nchanged = 0;
	j->problems = 0;
	memset(j->t, 0, j->c->nlines * sizeof *j->t);
	for (i = 0; i < j->c->nlines; i++)
		if (listing_csv_look_up(j, &j->c->lines[i], &j->t[i]) != 0)
			return -1;
	if (j->problems)
		return 1;
	for (i = 0; i < j->c->nlines; i++) {
		switch (listing_csv_write(j, &j->c->lines[i], &j->t[i])) {
		case LISTING_CSV_CREATED:
			j->res.created++;
			break;
		case LISTING_CSV_UPDATED:
			j->res.updated++;
			break;
		case LISTING_CSV_UNCHANGED:
			j->res.unchanged++;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

int
listing_csv_apply(struct listing_csv *c, const struct req *rq, long long vendor_id,
		  struct listing_csv_result *res)
{
	struct listing_csv_job j = { .c = c, .rq = rq, .vendor_id = vendor_id,
				     .user_id = rq && rq->sess ? rq->sess->user_id : 0,
				     .problems_before = c->nproblems };
	size_t i;
	int rc;

	memset(res, 0, sizeof *res);
	if (c->nproblems || c->problems_more || c->nlines == 0)
		return 1;
	j.t = arena_alloc(c->a, c->nlines * sizeof *j.t);
	j.changed_ids = arena_alloc(c->a, c->nlines * sizeof *j.changed_ids);
	rc = db_tx(listing_csv_tx, &j);
	if (rc != 0) {
		if (j.problems && c->nproblems > j.problems_before)
			return 1;
		log_error("listing_csv.apply", "vendor=%lld msg=%s", vendor_id, log_quote(db_error()));
		return -1;
	}
	*res = j.res;
	/* A large file tells the caches once for the whole shop. */
	if (j.nchanged > 50)
		catalog_vendor_changed(vendor_id);
	else
		for (i = 0; i < j.nchanged; i++)
			catalog_product_changed(j.changed_ids[i]);
	return 0;
}

/* ---- export ---------------------------------------------------------------- */

static const char listing_csv_export_sql[] =
	"SELECT p.sku, p.name, c.slug, p.price_minor, p.compare_at_minor, p.stock, p.status, p.description"
	" FROM products p JOIN categories c ON c.id = p.category_id"
	" WHERE p.vendor_id = ? AND p.status IN ('draft', 'active') ORDER BY p.id";

int
listing_csv_export(struct buf *out, long long vendor_id)
{
	struct csv_writer w;
	struct db_result *r;
	char amount[64];
	int k;

	if ((r = db_query(listing_csv_export_sql, "i", vendor_id)) == NULL)
		return -1;
	csv_writer_init(&w, out, CSV_WRITE_BOM);
	for (k = 0; k < LISTING_CSV_NCOLUMNS; k++)
		csv_write_text(&w, listing_csv_columns[k]);
	csv_write_end(&w);
	while (db_next(r)) {
		csv_write_text(&w, db_str(r, 0));
		csv_write_text(&w, db_str(r, 1));
		csv_write_text(&w, db_str(r, 2));
		csv_write_plain(&w, money_plain(db_int(r, 3), amount, sizeof amount));
		csv_write_plain(&w, db_null(r, 4) ? "" : money_plain(db_int(r, 4), amount, sizeof amount));
		csv_write_int(&w, db_int(r, 5));
		csv_write_text(&w, db_str(r, 6));
		csv_write_text(&w, db_str(r, 7));
		csv_write_end(&w);
	}
	db_free(r);
	return 0;
}
