/*
 * listing_csv: listings out to a CSV file and back in (listing_csv.h).
 *
 * Each line of an import is checked by the router's own field checks
 * (route_validate) with the listing form's validators (listing.h), with a
 * request of its own whose form fields are the line's cells: the same
 * types, tidying, limits and sentences as the form. The category is only
 * checked for its shape there (reading a file needs no database); the
 * form's category rule, which asks the database, runs when the file is
 * applied.
 */
#include "listing_csv.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "db.h"
#include "listing.h"
#include "log.h"
#include "money.h"
#include "req.h"
#include "route.h"
#include "sess.h"
#include "stock.h"

const char *const listing_csv_columns[LISTING_CSV_NCOLUMNS] = {
	"sku", "name", "category", "price", "compare_at_price", "stock", "low_stock_threshold", "weight_grams",
	"status", "description",
};

/* The form's field of each column (the form calls the compare-at price
 * "compare_at"). */
static const char *const listing_csv_fields[LISTING_CSV_NCOLUMNS] = {
	"sku", "name", "category", "price", "compare_at", "stock", "low_stock_threshold", "weight_grams",
	"status", "description",
};

/* A category's short name, as in its address (the database is asked when
 * the file is applied). */
static const char *
listing_csv_category_shape(struct req *rq, const char **value)
{
	const char *s;

	(void)rq;
	if (strlen(*value) > CATALOG_SLUG_MAX)
		return "Choose a category from the list.";
	for (s = *value; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return "Enter the category's short name as in its address, like kitchen-knives.";
	return NULL;
}

/* The rules of a line: the listing form's, in its order ("price" before
 * "compare_at", which reads it), and the SKU required (the import's key). */
static const struct param listing_csv_params[] = {
	ROUTE_FIELD("name", 0, "Name", 0u, listing_validate_name, LISTING_NAME_MISSING),
	ROUTE_FIELD("description", 0, "Description", PARAM_MULTILINE, listing_validate_description,
		    LISTING_DESCRIPTION_MISSING),
	ROUTE_FIELD("category", 0, "Category", 0u, listing_csv_category_shape, LISTING_CATEGORY_MISSING),
	ROUTE_FIELD("price", 0, "Price", 0u, listing_validate_price, LISTING_PRICE_MISSING),
	ROUTE_FIELD("compare_at", 0, "Compare-at price", 0u, listing_validate_compare_at, NULL),
	ROUTE_FIELD("sku", 0, "SKU", 0u, listing_validate_sku,
		    "Enter the listing's SKU: the import finds listings by it."),
	ROUTE_FIELD("stock", 0, "Stock", 0u, listing_validate_stock, LISTING_STOCK_MISSING),
	ROUTE_FIELD("low_stock_threshold", 0, "Low-stock warning", 0u, listing_validate_threshold, NULL),
	ROUTE_FIELD("weight_grams", 0, "Weight", 0u, listing_validate_weight, NULL),
	ROUTE_FIELD("status", 0, "Status", 0u, listing_validate_status, "Enter the status: draft, active or archived."),
	{ NULL, 0, 0, 0, NULL, 0, NULL, NULL, NULL },
};

/* The route the lines are checked as: a form, so every problem of a line
 * is found at once. */
static const struct route listing_csv_route = {
	"POST", "(a line of a CSV import)", NULL, NULL, R_FORM, listing_csv_params, NULL,
};

/* The column of a form field (for the report). */
static const char *
listing_csv_column_of(const char *field)
{
	int k;

	for (k = 0; k < LISTING_CSV_NCOLUMNS; k++)
		if (strcmp(listing_csv_fields[k], field) == 0)
			return listing_csv_columns[k];
	return NULL;
}

/* Is column i one the file may leave out? */
static int
listing_csv_optional(int i)
{
	return i == LISTING_CSV_COMPARE_AT || i == LISTING_CSV_THRESHOLD || i == LISTING_CSV_WEIGHT;
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
							 "price, compare_at_price, stock, low_stock_threshold, "
							 "weight_grams, status, description.",
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
		kvlist_add(&rq->arena, &rq->form_fields, listing_csv_fields[k], v, strlen(v));
	}
	if (route_validate(rq, listing_csv_params, &message) != 0) {
		for (i = 0; i < rq->form_errors.n; i++)
			listing_csv_problem(c, rec->line, listing_csv_column_of(rq->form_errors.items[i].key),
					    arena_strdup(c->a, rq->form_errors.items[i].val));
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
	l->description = arena_strdup(c->a, req_str(rq, "description"));
	l->status = arena_strdup(c->a, req_str(rq, "status"));
	l->price_minor = money_parse(req_str(rq, "price"));
	l->compare_at_minor = c->at[LISTING_CSV_COMPARE_AT] < 0 ? -1 :
			      req_str(rq, "compare_at") && *req_str(rq, "compare_at") ? money_parse(req_str(rq, "compare_at")) : 0;
	l->stock = req_int(rq, "stock", 0);
	l->threshold = c->at[LISTING_CSV_THRESHOLD] < 0 ? -1 :
		       req_str(rq, "low_stock_threshold") && *req_str(rq, "low_stock_threshold")
		       ? req_int(rq, "low_stock_threshold", 0) : LISTING_THRESHOLD_DEFAULT;
	l->weight_grams = c->at[LISTING_CSV_WEIGHT] < 0 ? -1 : req_int(rq, "weight_grams", 0);
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

/* What the database says of a line: its listing as it is, and the writes
 * the line needs. */
struct listing_csv_target {
	struct listing now;		/* the listing (now.id 0: a new one) */
	long long category_id;
	int fields_change;		/* a field but the stock and the status differs */
	int stock_changes;
};

struct listing_csv_job {
	struct listing_csv *c;
	struct req *rq;
	long long vendor_id;
	struct listing_csv_target *t;
	struct listing_csv_result res;
	long long *changed_ids;		/* products whose pages to drop after the commit */
	size_t nchanged;
	int problems;
	size_t problems_before;		/* c's problems when the transaction began */
};

static const char listing_csv_sku_sql[] =
	"SELECT id FROM products WHERE vendor_id = ? AND sku = ? FOR UPDATE";

/* Looks up the line's category and listing and decides what changes; a
 * problem is recorded. 0, or -1 when the database fails. */
static int
listing_csv_look_up(struct listing_csv_job *j, struct listing_csv_line *l, struct listing_csv_target *t)
{
	const char *category = l->category, *problem;
	struct listing *n = &t->now;
	struct db_result *r;
	long long id = 0;
	int found;

	if ((problem = listing_validate_category(j->rq, &category)) != NULL) {
		listing_csv_problem(j->c, l->line, "category", problem);
		j->problems = 1;
	} else {
		t->category_id = atoll(category);
	}
	if ((r = db_query(listing_csv_sku_sql, "is", j->vendor_id, l->sku)) == NULL)
		return -1;
	if ((found = db_next(r)))
		id = db_int(r, 0);
	db_free(r);
	if (!found) {
		t->fields_change = 1;
		t->stock_changes = l->stock != 0;
		return 0;
	}
	if (listing_load(j->c->a, j->vendor_id, id, n) != 0)
		return -1;
	/* A column the file leaves out keeps the listing's value. */
	if (l->compare_at_minor < 0)
		l->compare_at_minor = n->compare_at_minor;
	if (l->threshold < 0)
		l->threshold = n->low_stock_threshold;
	if (l->weight_grams < 0)
		l->weight_grams = n->weight_grams;
	if (strcmp(n->status, "review") == 0) {
		listing_csv_problem(j->c, l->line, "sku",
				    arena_printf(j->c->a, "The listing %s is waiting for our review: change it once "
						 "it has been decided.", l->sku));
		j->problems = 1;
	} else if (strcmp(n->status, "draft") != 0 && strcmp(n->status, "active") != 0 &&
		   strcmp(n->status, "archived") != 0) {
		listing_csv_problem(j->c, l->line, "sku",
				    arena_printf(j->c->a, "The listing %s was taken off the shop by our staff: an "
						 "import cannot change it.", l->sku));
		j->problems = 1;
	} else if (strcmp(n->status, "active") == 0 && strcmp(l->status, "draft") == 0) {
		listing_csv_problem(j->c, l->line, "status",
				    "A live listing leaves the shop by being archived: write archived, not draft.");
		j->problems = 1;
	}
	t->fields_change = strcmp(n->name, l->name) != 0 || strcmp(n->description, l->description) != 0 ||
			   n->category_id != t->category_id || n->price_minor != l->price_minor ||
			   n->compare_at_minor != l->compare_at_minor ||
			   n->low_stock_threshold != l->threshold || n->weight_grams != l->weight_grams ||
			   strcmp(n->sku ? n->sku : "", l->sku) != 0;
	t->stock_changes = n->stock != l->stock;
	return 0;
}

/* What writing a line did. */
enum listing_csv_done { LISTING_CSV_FAILED = -1, LISTING_CSV_UNCHANGED, LISTING_CSV_CREATED, LISTING_CSV_UPDATED };

/* Brings the listing's status to the line's, as the listing pages do.
 * Returns 0, 1 when it waits for review, -1. */
static int
listing_csv_status(struct listing_csv_job *j, const struct listing_csv_line *l, long long id, const char *now)
{
	enum listing_outcome o;

	if (strcmp(now, l->status) == 0)
		return 0;
	if (strcmp(l->status, "archived") == 0)
		return listing_archive_tx(j->rq, j->vendor_id, id) == LISTING_OK ? 0 : -1;
	if (strcmp(now, "archived") == 0 && listing_restore_tx(j->rq, j->vendor_id, id) != LISTING_OK)
		return -1;
	if (strcmp(l->status, "draft") == 0)
		return 0;
	o = listing_publish_tx(j->rq, j->vendor_id, id);
	if (o == LISTING_OVER_LIMIT) {
		/* The plan's listing limit: the line's problem, and nothing is imported. */
		listing_csv_problem(j->c, l->line, "status", listing_limit_message(j->rq, j->vendor_id));
		j->problems = 1;
		return -1;
	}
	return o == LISTING_ACTIVE ? 0 : o == LISTING_IN_REVIEW ? 1 : -1;
}

/* Writes one checked line through the listing module. */
static enum listing_csv_done
listing_csv_write(struct listing_csv_job *j, const struct listing_csv_line *l, struct listing_csv_target *t)
{
	struct listing w = t->now;
	const char *status_now = t->now.id ? t->now.status : "draft";
	int held;

	if (t->now.id != 0 && !t->fields_change && !t->stock_changes && strcmp(status_now, l->status) == 0)
		return LISTING_CSV_UNCHANGED;
	w.vendor_id = j->vendor_id;
	w.name = l->name;
	w.description = l->description;
	w.sku = l->sku;
	w.category_id = t->category_id;
	w.price_minor = l->price_minor;
	w.compare_at_minor = l->compare_at_minor < 0 ? 0 : l->compare_at_minor;
	w.stock = l->stock;
	w.low_stock_threshold = l->threshold < 0 ? LISTING_THRESHOLD_DEFAULT : l->threshold;
	w.weight_grams = l->weight_grams < 0 ? 0 : l->weight_grams;
	w.stock_note = "CSV import";
	if ((t->fields_change || t->stock_changes) && listing_save_tx(j->rq, &w) != 0)
		return LISTING_CSV_FAILED;
	if ((held = listing_csv_status(j, l, w.id, status_now)) < 0)
		return LISTING_CSV_FAILED;
	j->res.held += held;
	j->changed_ids[j->nchanged++] = w.id;
	return t->now.id == 0 ? LISTING_CSV_CREATED : LISTING_CSV_UPDATED;
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
			return j->problems ? 1 : -1;
		}
	}
	return 0;
}

int
listing_csv_apply(struct listing_csv *c, struct req *rq, long long vendor_id,
		  struct listing_csv_result *res)
{
	struct listing_csv_job j = { .c = c, .rq = rq, .vendor_id = vendor_id,
				     .problems_before = c->nproblems };
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
	/* The listing module told the caches of each change after the commit
	 * (up to the commit's limit); a large file tells them once for the
	 * whole shop. */
	if (j.nchanged > 16)
		catalog_vendor_changed(vendor_id);
	return 0;
}

/* ---- export ---------------------------------------------------------------- */

static const char listing_csv_export_sql[] =
	"SELECT p.sku, p.name, c.slug, p.price_minor, p.compare_at_minor, p.stock, p.low_stock_threshold,"
	" p.weight_grams, p.status, p.description"
	" FROM products p JOIN categories c ON c.id = p.category_id"
	" WHERE p.vendor_id = ? AND p.status IN ('draft', 'active', 'archived') ORDER BY p.id";

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
		csv_write_plain(&w, db_null(r, 4) || db_int(r, 4) == 0 ? "" :
			       money_plain(db_int(r, 4), amount, sizeof amount));
		csv_write_int(&w, db_int(r, 5));
		csv_write_int(&w, db_int(r, 6));
		csv_write_int(&w, db_int(r, 7));
		csv_write_text(&w, db_str(r, 8));
		csv_write_text(&w, db_str(r, 9));
		csv_write_end(&w);
	}
	db_free(r);
	return 0;
}
