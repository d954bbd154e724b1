/*
 * listing: the rules of a vendor's listing and its writes. See listing.h.
 */
#include "listing.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "db.h"
#include "events.h"
#include "log.h"
#include "mail.h"
#include "moderation.h"
#include "money.h"
#include "plan.h"
#include "route.h"
#include "sess.h"
#include "stock.h"
#include "text.h"

/* ---- the fields ----------------------------------------------------------- */

/* A whole number of at most 12 digits, no sign, in 0..max. */
static int
listing_whole(const char *s, long long max, long long *out)
{
	long long n = 0;
	size_t i;

	if (s == NULL || *s == '\0' || strlen(s) > 12)
		return -1;
	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (s[i] - '0');
	}
	if (n > max)
		return -1;
	*out = n;
	return 0;
}

/* The number's canonical text in the arena (no leading zeros). */
static const char *
listing_number_text(struct req *rq, long long n)
{
	return arena_printf(&rq->arena, "%lld", n);
}

const char *
listing_validate_name(struct req *rq, const char **value)
{
	size_t n = text_chars(*value);
	const char *p;

	(void)rq;
	if (n < LISTING_NAME_MIN)
		return "The name is too short: give at least 3 characters, the way shoppers would search for it.";
	if (n > LISTING_NAME_MAX)
		return "The name can be at most 200 characters long.";
	for (p = *value; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    (unsigned char)*p >= 0x80)
			return NULL;
	return "The name needs letters or digits, not only punctuation.";
}

const char *
listing_validate_description(struct req *rq, const char **value)
{
	(void)rq;
	if (text_chars(*value) > LISTING_DESCRIPTION_MAX)
		return "The description can be at most 10,000 characters long.";
	return NULL;
}

static const char listing_category_by_id_sql[] =
	"SELECT c.id, c.name, EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)"
	" FROM categories c WHERE c.id = ?";
static const char listing_category_by_slug_sql[] =
	"SELECT c.id, c.name, EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)"
	" FROM categories c WHERE c.slug = ?";

const char *
listing_validate_category(struct req *rq, const char **value)
{
	struct db_result *r;
	const char *problem = NULL;
	long long id;

	if (listing_whole(*value, 999999999999LL, &id) == 0)
		r = db_query(listing_category_by_id_sql, "i", id);
	else if (strlen(*value) <= 80)
		r = db_query(listing_category_by_slug_sql, "s", *value);
	else
		return "Choose a category from the list.";
	if (r == NULL)
		return "The categories could not be read just now: please try again in a moment.";
	if (!db_next(r))
		problem = "Choose a category from the list.";
	else if (db_int(r, 2) != 0)
		problem = arena_printf(&rq->arena, "Choose one of the categories inside %s: products are filed "
				       "under the most specific category.", db_str(r, 1));
	else
		*value = listing_number_text(rq, db_int(r, 0));
	db_free(r);
	return problem;
}

/* An amount of money for a listing; *minor set. NULL or the sentence. */
static const char *
listing_amount(struct req *rq, const char **value, const char *what, long long *minor)
{
	char plain[32];
	long long n = money_parse(*value);

	if (n < 0)
		return arena_printf(&rq->arena, "Enter the %s as an amount like 12.50, without a currency sign.", what);
	if (n == 0)
		return arena_printf(&rq->arena, "The %s must be at least 0.01.", what);
	if (n > LISTING_PRICE_MAX)
		return arena_printf(&rq->arena, "The %s can be at most 1,000,000.00.", what);
	*value = arena_strdup(&rq->arena, money_plain(n, plain, sizeof plain));
	*minor = n;
	return NULL;
}

const char *
listing_validate_price(struct req *rq, const char **value)
{
	long long minor;

	return listing_amount(rq, value, "price", &minor);
}

const char *
listing_validate_compare_at(struct req *rq, const char **value)
{
	const char *problem, *price_text = kvlist_get(&rq->params, "price");
	long long compare = 0, price;
	char shown[48];

	if ((problem = listing_amount(rq, value, "compare-at price", &compare)) != NULL)
		return problem;
	/* The price's own message covers a price that is not valid. */
	if (price_text == NULL || (price = money_parse(price_text)) <= 0)
		return NULL;
	if (compare <= price)
		return arena_printf(&rq->arena, "The compare-at price must be above the price (%s): it is the "
				    "earlier price a sale is shown against. Leave it empty when there is no sale.",
				    money_format(price, shown, sizeof shown));
	return NULL;
}

const char *
listing_validate_sku(struct req *rq, const char **value)
{
	const char *p = *value;

	(void)rq;
	if (strlen(p) > LISTING_SKU_MAX)
		return "The SKU can be at most 64 characters long.";
	if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
		return "The SKU must start with a letter or a digit.";
	for (; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_' || *p == '.' || *p == '/'))
			return "The SKU can hold only letters A to Z, digits and the signs - _ . / (no spaces).";
	return NULL;
}

/* A count of units or grams from 0 to max, as its canonical text; else
 * the sentence. */
static const char *
listing_count(struct req *rq, const char **value, long long max, const char *sentence)
{
	long long n;

	if (listing_whole(*value, max, &n) != 0)
		return sentence;
	*value = listing_number_text(rq, n);
	return NULL;
}

const char *
listing_validate_stock(struct req *rq, const char **value)
{
	return listing_count(rq, value, LISTING_STOCK_MAX, "Enter the stock as a whole number from 0 to 1,000,000.");
}

const char *
listing_validate_threshold(struct req *rq, const char **value)
{
	return listing_count(rq, value, LISTING_THRESHOLD_MAX, "Enter the low-stock warning level as a whole "
			     "number from 0 (no warning) to 100,000.");
}

const char *
listing_validate_weight(struct req *rq, const char **value)
{
	return listing_count(rq, value, LISTING_WEIGHT_MAX, "Enter the weight in grams as a whole number from 0 "
			     "to 1,000,000 (1,000 kg).");
}

const char *
listing_validate_status(struct req *rq, const char **value)
{
	static const char *const statuses[] = { "draft", "active", "archived" };
	size_t i;

	(void)rq;
	for (i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		if (strcasecmp(*value, statuses[i]) == 0) {
			*value = statuses[i];
			return NULL;
		}
	return "The status must be draft, active or archived.";
}

/* A checked whole-number field of the request, fallback when absent. */
static long long
listing_req_number(struct req *rq, const char *name, long long fallback)
{
	const char *v = req_str(rq, name);
	long long n;

	return v != NULL && listing_whole(v, 999999999999LL, &n) == 0 ? n : fallback;
}

void
listing_from_req(struct req *rq, struct listing *l)
{
	const char *v;

	l->name = (v = req_str(rq, "name")) != NULL ? v : "";
	l->description = (v = req_str(rq, "description")) != NULL ? v : "";
	l->sku = (v = req_str(rq, "sku")) != NULL && *v ? v : NULL;
	l->category_id = listing_req_number(rq, "category", 0);
	l->price_minor = (v = req_str(rq, "price")) != NULL && *v ? money_parse(v) : 0;
	l->compare_at_minor = (v = req_str(rq, "compare_at")) != NULL && *v ? money_parse(v) : 0;
	if (l->compare_at_minor < 0)
		l->compare_at_minor = 0;
	l->stock = listing_req_number(rq, "stock", 0);
	l->low_stock_threshold = listing_req_number(rq, "low_stock_threshold", LISTING_THRESHOLD_DEFAULT);
	l->weight_grams = listing_req_number(rq, "weight_grams", 0);
}

/* ---- reading -------------------------------------------------------------- */

static const char listing_load_sql[] =
	"SELECT id, vendor_id, category_id, name, description, sku, price_minor,"
	" COALESCE(compare_at_minor, 0), stock, low_stock_threshold, weight_grams, status, slug"
	" FROM products WHERE id = ? AND vendor_id = ?";

int
listing_load(struct arena *a, long long vendor_id, long long id, struct listing *out)
{
	struct db_result *r = db_query(listing_load_sql, "ii", id, vendor_id);

	if (r == NULL)
		return 500;
	if (!db_next(r)) {
		db_free(r);
		return 404;
	}
	out->id = db_int(r, 0);
	out->vendor_id = db_int(r, 1);
	out->category_id = db_int(r, 2);
	out->name = arena_strdup(a, db_str(r, 3));
	out->description = arena_strdup(a, db_str(r, 4) ? db_str(r, 4) : "");
	out->sku = db_null(r, 5) ? NULL : arena_strdup(a, db_str(r, 5));
	out->price_minor = db_int(r, 6);
	out->compare_at_minor = db_int(r, 7);
	out->stock = db_int(r, 8);
	out->low_stock_threshold = db_int(r, 9);
	out->weight_grams = db_int(r, 10);
	out->status = arena_strdup(a, db_str(r, 11));
	out->slug = arena_strdup(a, db_str(r, 12));
	out->stock_note = NULL;
	db_free(r);
	return 0;
}

/* ---- writing -------------------------------------------------------------- */

/* Sets the stock of the vendor's listing to a figure the vendor typed, as a
 * correction in its stock history (stock.h) with note and the session's
 * user; nothing when it is the figure already. The caches are told with
 * the listing's own change (listing_changed_tx). */
static enum listing_outcome
listing_stock_tx(struct req *rq, long long vendor_id, long long id, long long stock, const char *note)
{
	struct stock_change c = { .product_id = id, .vendor_id = vendor_id, .reason = STOCK_CORRECTION,
				  .note = note, .user_id = rq && rq->sess ? rq->sess->user_id : 0,
				  .caller_reports = 1 };

	switch (stock_set_in_tx(&c, stock, NULL)) {
	case 0:
		return LISTING_OK;
	case STOCK_NOT_FOUND:
		return LISTING_NOT_FOUND;
	default:
		return LISTING_ERROR;
	}
}

/* After the commit: the product page and the listings show the change. */
static void
listing_tell_caches(long long product_id)
{
	(void)catalog_product_changed(product_id);
}

/* Inside the write's transaction: its event, and the caches once committed. */
static int
listing_changed_tx(long long product_id)
{
	if (events_emit(EVENTS_PRODUCT_CHANGED, product_id, "") < 0)
		return -1;
	db_after_commit(listing_tell_caches, product_id);
	return 0;
}

static const char listing_insert_sql[] =
	"INSERT INTO products (vendor_id, category_id, top_category_id, name, slug, description, sku,"
	" price_minor, compare_at_minor, stock, low_stock_threshold, weight_grams, status)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), 0, ?, ?, 'draft')";
static const char listing_update_sql[] =
	"UPDATE products SET category_id = ?, top_category_id = ?, name = ?, slug = ?, description = ?,"
	" sku = ?, price_minor = ?, compare_at_minor = NULLIF(?, 0), low_stock_threshold = ?,"
	" weight_grams = ? WHERE id = ? AND vendor_id = ?";
static const char listing_lock_sql[] =
	"SELECT slug, status FROM products WHERE id = ? AND vendor_id = ? FOR UPDATE";
static const char listing_sku_owner_sql[] =
	"SELECT name FROM products WHERE vendor_id = ? AND sku = ? AND id <> ?";

/* The sentence for a SKU the vendor already uses on another listing. */
static void
listing_sku_taken(struct req *rq, const struct listing *l)
{
	struct db_result *r = db_query(listing_sku_owner_sql, "isi", l->vendor_id, l->sku, l->id);
	const char *message = "You already use this SKU for another listing.";

	if (r != NULL && db_next(r))
		message = arena_printf(&rq->arena, "You already use this SKU for \xe2\x80\x9c%s\xe2\x80\x9d. "
				       "Give this listing an SKU of its own, or leave it empty.", db_str(r, 0));
	db_free(r);
	route_form_error(rq, "sku", message);
}

int
listing_save_tx(struct req *rq, struct listing *l)
{
	char slug[CATALOG_SLUG_MAX + 1];
	const char *sku = l->sku && *l->sku ? l->sku : NULL;
	struct moderation_snapshot before = { 0 };
	const char *status_before = "draft";
	struct db_result *r;
	long long top, n;

	if ((top = catalog_top_category(l->category_id)) < 0)
		return 500;
	catalog_slugify(l->name, slug, sizeof slug);
	if (l->id == 0) {
		n = db_exec(listing_insert_sql, "iiissssiiii", l->vendor_id, l->category_id, top, l->name, slug,
			    l->description, sku, l->price_minor, l->compare_at_minor,
			    l->low_stock_threshold, l->weight_grams);
		if (n == 1)
			l->id = (long long)db_insert_id();
	} else {
		if ((r = db_query(listing_lock_sql, "ii", l->id, l->vendor_id)) == NULL)
			return 500;
		if (!db_next(r)) {
			db_free(r);
			return 404;
		}
		/* A new name moves the page: the one cached at the old address goes
		 * now (a render of the old row racing this write is bounded by the
		 * page's TTL, as catalog.h says), the new one after the commit. */
		if (strcmp(db_str(r, 0), slug) != 0)
			(void)catalog_forget_page(l->id, db_str(r, 0));
		status_before = arena_strdup(&rq->arena, db_str(r, 1));
		db_free(r);
		/* What is live (or waiting) now, for the moderation rules below. */
		if ((strcmp(status_before, "active") == 0 || strcmp(status_before, "review") == 0) &&
		    moderation_snapshot_read(&rq->arena, l->id, &before) != 0)
			return 500;
		n = db_exec(listing_update_sql, "iissssiiiiii", l->category_id, top, l->name, slug,
			    l->description, sku, l->price_minor, l->compare_at_minor,
			    l->low_stock_threshold, l->weight_grams, l->id, l->vendor_id);
	}
	if (n < 0) {
		if (db_is_duplicate() && sku != NULL) {
			listing_sku_taken(rq, l);
			return 422;
		}
		return 500;
	}
	if (l->slug == NULL || strcmp(l->slug, slug) != 0)
		l->slug = arena_strdup(&rq->arena, slug);
	if (listing_stock_tx(rq, l->vendor_id, l->id, l->stock, l->stock_note ? l->stock_note : "Listing form") !=
	    LISTING_OK)
		return 500;
	/* A live listing whose edit needs review goes to review; a waiting one
	 * has its review show the new version. */
	switch (moderation_edited(rq, &rq->arena, l->vendor_id, l->id, status_before, &before)) {
	case 0:
		break;
	case 1:
		l->status = "review";
		break;
	default:
		return 500;
	}
	return listing_changed_tx(l->id) == 0 ? 0 : 500;
}

struct listing_save_call {
	struct req *rq;
	struct listing *l;
	long long id_before;
};

static int
listing_save_fn(void *arg)
{
	struct listing_save_call *c = arg;

	c->l->id = c->id_before;	/* a retried insert starts again */
	return listing_save_tx(c->rq, c->l);
}

int
listing_save(struct req *rq, struct listing *l)
{
	struct listing_save_call c = { rq, l, l->id };
	int status = db_tx(listing_save_fn, &c);

	if (status == 0 || status == 404 || status == 422)
		return status;
	l->id = c.id_before;
	log_error("listing.save", "vendor=%lld product=%lld msg=%s", l->vendor_id, l->id, log_quote(db_error()));
	return 500;
}

/* ---- status changes ------------------------------------------------------- */

static const char listing_status_sql[] =
	"UPDATE products SET status = ? WHERE id = ? AND vendor_id = ?";

/* Locks the vendor's listing and reads its status into buf. */
static enum listing_outcome
listing_lock(long long vendor_id, long long id, char *status, size_t n)
{
	struct db_result *r = db_query(listing_lock_sql, "ii", id, vendor_id);

	if (r == NULL)
		return LISTING_ERROR;
	if (!db_next(r)) {
		db_free(r);
		return LISTING_NOT_FOUND;
	}
	snprintf(status, n, "%s", db_str(r, 1));
	db_free(r);
	return LISTING_OK;
}

static enum listing_outcome
listing_set_status_tx(long long vendor_id, long long id, const char *to)
{
	if (db_exec(listing_status_sql, "sii", to, id, vendor_id) != 1 || listing_changed_tx(id) != 0)
		return LISTING_ERROR;
	return LISTING_OK;
}

/*
 * The status publishing leads to: "active", or "review" when the moderation
 * rules (the shop's review-before-publishing setting, prohibited words)
 * want an admin to see it first, in which case moderation_publish has
 * opened the review; NULL on error.
 */
static const char *
listing_publish_target(struct req *rq, long long vendor_id, long long id)
{
	switch (moderation_publish(rq, &rq->arena, vendor_id, id)) {
	case 0:
		return "active";
	case 1:
		return "review";
	default:
		return NULL;
	}
}

enum listing_outcome
listing_publish_tx(struct req *rq, long long vendor_id, long long id)
{
	char status[16];
	const char *to;
	enum listing_outcome o = listing_lock(vendor_id, id, status, sizeof status);

	if (o != LISTING_OK)
		return o;
	if (strcmp(status, "active") == 0)
		return LISTING_ACTIVE;
	if (strcmp(status, "review") == 0)
		return LISTING_IN_REVIEW;
	if (strcmp(status, "draft") != 0 && strcmp(status, "hidden") != 0)
		return LISTING_CONFLICT;
	/* A hidden listing already counts against the plan's limit; a draft
	 * would take one more place (the vendor's row stays locked until the
	 * end of the transaction, so two drafts cannot both take the last). */
	if (strcmp(status, "draft") == 0) {
		const char *message;

		switch (plan_listing_check(&rq->arena, vendor_id, &message)) {
		case 0:
			break;
		case 1:
			return LISTING_OVER_LIMIT;
		default:
			return LISTING_ERROR;
		}
	}
	/* Held for review, the listing is in 'review' already (with its event). */
	to = listing_publish_target(rq, vendor_id, id);
	if (to == NULL || (strcmp(to, "active") == 0 && listing_set_status_tx(vendor_id, id, to) != LISTING_OK))
		return LISTING_ERROR;
	return strcmp(to, "active") == 0 ? LISTING_ACTIVE : LISTING_IN_REVIEW;
}

enum listing_outcome
listing_archive_tx(struct req *rq, long long vendor_id, long long id)
{
	char status[16];
	enum listing_outcome o = listing_lock(vendor_id, id, status, sizeof status);

	(void)rq;
	if (o != LISTING_OK)
		return o;
	if (strcmp(status, "archived") == 0)
		return LISTING_OK;
	if (strcmp(status, "removed") == 0)
		return LISTING_CONFLICT;
	return listing_set_status_tx(vendor_id, id, "archived");
}

enum listing_outcome
listing_restore_tx(struct req *rq, long long vendor_id, long long id)
{
	char status[16];
	enum listing_outcome o = listing_lock(vendor_id, id, status, sizeof status);

	(void)rq;
	if (o != LISTING_OK)
		return o;
	if (strcmp(status, "archived") != 0)
		return LISTING_CONFLICT;
	return listing_set_status_tx(vendor_id, id, "draft");
}

enum listing_outcome
listing_set_stock_tx(struct req *rq, long long vendor_id, long long id, long long stock)
{
	char status[16];
	enum listing_outcome o;

	if (stock < 0 || stock > LISTING_STOCK_MAX)
		return LISTING_CONFLICT;
	if ((o = listing_lock(vendor_id, id, status, sizeof status)) != LISTING_OK)
		return o;
	if ((o = listing_stock_tx(rq, vendor_id, id, stock, "Bulk change")) != LISTING_OK)
		return o;
	return listing_changed_tx(id) == 0 ? LISTING_OK : LISTING_ERROR;
}

/* One status change in a transaction of its own. */
enum listing_op_kind { LISTING_OP_PUBLISH, LISTING_OP_ARCHIVE, LISTING_OP_RESTORE, LISTING_OP_STOCK };

struct listing_op {
	struct req *rq;
	enum listing_op_kind kind;
	long long vendor_id, id, stock;
	enum listing_outcome outcome;
};

static int
listing_op_fn(void *arg)
{
	struct listing_op *op = arg;

	switch (op->kind) {
	case LISTING_OP_PUBLISH:
		op->outcome = listing_publish_tx(op->rq, op->vendor_id, op->id);
		break;
	case LISTING_OP_ARCHIVE:
		op->outcome = listing_archive_tx(op->rq, op->vendor_id, op->id);
		break;
	case LISTING_OP_RESTORE:
		op->outcome = listing_restore_tx(op->rq, op->vendor_id, op->id);
		break;
	case LISTING_OP_STOCK:
		op->outcome = listing_set_stock_tx(op->rq, op->vendor_id, op->id, op->stock);
		break;
	}
	/* A refusal has written nothing: its transaction commits empty. */
	return op->outcome == LISTING_ERROR ? -1 : 0;
}

static enum listing_outcome
listing_op_run(struct req *rq, enum listing_op_kind kind, long long vendor_id, long long id, long long stock)
{
	static const char *const what[] = { "listing.publish", "listing.archive", "listing.restore", "listing.stock" };
	struct listing_op op = { rq, kind, vendor_id, id, stock, LISTING_OK };

	if (db_tx(listing_op_fn, &op) != 0) {
		log_error(what[kind], "vendor=%lld product=%lld msg=%s", vendor_id, id, log_quote(db_error()));
		return LISTING_ERROR;
	}
	return op.outcome;
}

const char *
listing_limit_message(struct req *rq, long long vendor_id)
{
	const char *message = NULL;

	if (plan_listing_check(&rq->arena, vendor_id, &message) == 1 && message != NULL)
		return message;
	return "Your plan's listing limit is reached; archive a listing or change plan.";
}

enum listing_outcome
listing_publish(struct req *rq, long long vendor_id, long long id)
{
	return listing_op_run(rq, LISTING_OP_PUBLISH, vendor_id, id, 0);
}

enum listing_outcome
listing_archive(struct req *rq, long long vendor_id, long long id)
{
	return listing_op_run(rq, LISTING_OP_ARCHIVE, vendor_id, id, 0);
}

enum listing_outcome
listing_restore(struct req *rq, long long vendor_id, long long id)
{
	return listing_op_run(rq, LISTING_OP_RESTORE, vendor_id, id, 0);
}

enum listing_outcome
listing_set_stock(struct req *rq, long long vendor_id, long long id, long long stock)
{
	return listing_op_run(rq, LISTING_OP_STOCK, vendor_id, id, stock);
}

enum listing_outcome
listing_duplicate(struct req *rq, long long vendor_id, long long id, long long *new_id)
{
	static const char suffix[] = " (copy)";
	struct listing l;
	size_t keep, chars;
	char *name;
	int status;

	if ((status = listing_load(&rq->arena, vendor_id, id, &l)) != 0)
		return status == 404 ? LISTING_NOT_FOUND : LISTING_ERROR;
	/* Cut the name at a character boundary so the copy's fits. */
	keep = strlen(l.name);
	chars = text_chars(l.name);
	while (chars + (sizeof suffix - 1) > LISTING_NAME_MAX && keep > 0) {
		do
			keep--;
		while (keep > 0 && ((unsigned char)l.name[keep] & 0xC0) == 0x80);
		chars--;
	}
	name = arena_printf(&rq->arena, "%.*s%s", (int)keep, l.name, suffix);
	l.name = name;
	l.id = 0;
	l.sku = NULL;
	l.stock = 0;
	l.slug = NULL;
	if (listing_save(rq, &l) != 0)
		return LISTING_ERROR;
	*new_id = l.id;
	return LISTING_OK;
}

/* ---- who may do what ------------------------------------------------------ */

const char *
listing_publish_refusal(struct arena *a, const char *vendor_status, int email_verified)
{
	const char *support = mail_support_address();

	if (strcmp(vendor_status, "blocked") == 0)
		return arena_printf(a, "Your shop is blocked, so it is not shown in the shop and you cannot "
				    "change or publish listings. Your dashboard says why; to appeal, write to %s.",
				    support);
	if (strcmp(vendor_status, "rejected") == 0)
		return arena_printf(a, "We could not verify your shop, so you can prepare drafts but not "
				    "publish them. Fix your business profile and send it for checking again; "
				    "questions to %s.", support);
	if (strcmp(vendor_status, "verified") != 0)
		return arena_printf(a, "We are still verifying your shop (this usually takes two working "
				    "days), so you can prepare drafts but not publish them yet. Questions to %s.",
				    support);
	if (!email_verified)
		return "Confirm your email address first (the link is in the mail we sent you; the "
		       "verification page sends a new one). Then you can publish listings.";
	return NULL;
}

const char *
listing_change_refusal(struct arena *a, const char *vendor_status)
{
	if (strcmp(vendor_status, "blocked") == 0)
		return listing_publish_refusal(a, vendor_status, 1);
	return NULL;
}

const char *
listing_status_label(const char *status, int shop_live)
{
	if (strcmp(status, "active") == 0)
		return shop_live ? "Live" : "Active (shown once your shop is verified)";
	if (strcmp(status, "draft") == 0)
		return "Draft";
	if (strcmp(status, "review") == 0)
		return "Waiting for review";
	if (strcmp(status, "archived") == 0)
		return "Archived";
	if (strcmp(status, "hidden") == 0)
		return "Hidden";
	return "Removed";
}
