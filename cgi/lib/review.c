/*
 * review: product reviews by buyers and the ratings made of them (review.h).
 */
#include "review.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "catalog.h"
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "events.h"
#include "log.h"
#include "mail.h"
#include "media.h"
#include "moderation.h"
#include "notify.h"
#include "report.h"
#include "tmpl.h"

/* The order item with its customer, product, vendor order status and review. */
static const char review_item_sql[] =
	"SELECT i.id, i.order_id, i.product_id, vo.vendor_id, i.name, vo.status, o.user_id,"
	" (SELECT r.id FROM reviews r WHERE r.order_item_id = i.id)"
	" FROM order_items i JOIN vendor_orders vo ON vo.id = i.vendor_order_id"
	" JOIN orders o ON o.id = i.order_id WHERE i.id = ?";

/* The user's items of a product, delivered and unreviewed first. */
static const char review_items_of_product_sql[] =
	"SELECT i.id, i.order_id, i.product_id, vo.vendor_id, i.name, vo.status, o.user_id,"
	" (SELECT r.id FROM reviews r WHERE r.order_item_id = i.id)"
	" FROM order_items i JOIN vendor_orders vo ON vo.id = i.vendor_order_id"
	" JOIN orders o ON o.id = i.order_id WHERE o.user_id = ? AND i.product_id = ?"
	" ORDER BY i.id DESC LIMIT 50";

enum { RI_ID, RI_ORDER, RI_PRODUCT, RI_VENDOR, RI_NAME, RI_STATUS, RI_USER, RI_REVIEW };

static int
review_item_verdict(struct arena *a, struct db_result *r, struct review_item *out)
{
	out->item_id = db_int(r, RI_ID);
	out->order_id = db_int(r, RI_ORDER);
	out->product_id = db_int(r, RI_PRODUCT);
	out->vendor_id = db_int(r, RI_VENDOR);
	out->product_name = arena_strdup(a, db_str(r, RI_NAME));
	out->review_id = db_int(r, RI_REVIEW);
	if (out->review_id > 0)
		return REVIEW_ALREADY;
	/* Delivered, or refunded after delivery: the customer had it. */
	return strcmp(db_str(r, RI_STATUS), "delivered") == 0 ? REVIEW_OK : REVIEW_NOT_DELIVERED;
}

int
review_item_check(struct arena *a, long long user_id, long long item_id, long long product_id,
		  struct review_item *out)
{
	struct db_result *r;
	int rc = REVIEW_NOT_BOUGHT;

	memset(out, 0, sizeof *out);
	if (user_id <= 0 || item_id <= 0)
		return REVIEW_NOT_BOUGHT;
	if ((r = db_query(review_item_sql, "i", item_id)) == NULL)
		return -1;
	if (db_next(r) && db_int(r, RI_USER) == user_id && (product_id <= 0 || db_int(r, RI_PRODUCT) == product_id))
		rc = review_item_verdict(a, r, out);
	db_free(r);
	if (rc == REVIEW_NOT_BOUGHT)
		memset(out, 0, sizeof *out);
	return rc;
}

int
review_item_for_product(struct arena *a, long long user_id, long long product_id, struct review_item *out)
{
	struct db_result *r;
	struct review_item it;
	int rc = REVIEW_NOT_BOUGHT, v;

	memset(out, 0, sizeof *out);
	if (user_id <= 0)
		return REVIEW_NOT_BOUGHT;
	if ((r = db_query(review_items_of_product_sql, "ii", user_id, product_id)) == NULL)
		return -1;
	/* Best first: one to review, else one on its way, else the newest review. */
	while (db_next(r) && rc != REVIEW_OK) {
		v = review_item_verdict(a, r, &it);
		if (v == REVIEW_OK || (v == REVIEW_NOT_DELIVERED && rc != REVIEW_NOT_DELIVERED) ||
		    (v == REVIEW_ALREADY && rc == REVIEW_NOT_BOUGHT)) {
			rc = v;
			*out = it;
		}
	}
	db_free(r);
	return rc;
}

long long
review_edit_seconds(void)
{
	return cfg_int_in("BAZAAR_REVIEW_EDIT_DAYS", REVIEW_EDIT_DAYS_DEFAULT, 0, 3650) * 86400;
}

const char *
review_display_name(struct arena *a, const char *name)
{
	const char *p, *first_end, *last;

	while (name && *name == ' ')
		name++;
	if (name == NULL || *name == '\0')
		return "A customer";
	first_end = strchr(name, ' ');
	if (first_end == NULL)
		return arena_strdup(a, name);
	last = strrchr(name, ' ') + 1;
	for (p = last; *p == ' '; p++)
		;
	if (*last == '\0')
		return arena_strndup(a, name, (size_t)(first_end - name));
	/* The initial is one character, however many bytes it takes. */
	size_t n = 1;
	while (((unsigned char)last[n] & 0xc0) == 0x80)
		n++;
	return arena_printf(a, "%.*s %.*s.", (int)(first_end - name), name, (int)n, last);
}

/* ---- the ratings -------------------------------------------------------- */

static void
review_changed(long long product_id)
{
	catalog_product_changed(product_id);
}

/* Locks the product's row, then its shop's: every change of the reviews of
 * a product, or of a shop, takes its turn. Returns the vendor id or -1. */
static long long
review_lock(long long product_id)
{
	long long vendor_id = db_scalar(-1, "SELECT vendor_id FROM products WHERE id = ? FOR UPDATE", "i", product_id);

	if (vendor_id <= 0 || db_scalar(-1, "SELECT id FROM vendors WHERE id = ? FOR UPDATE", "i", vendor_id) != vendor_id)
		return -1;
	return vendor_id;
}

/* The product's and the shop's figures again from their published reviews,
 * the event, and the caches told after commit. Inside the transaction that
 * changed a review, after review_lock. */
static int
review_recompute(long long product_id, long long vendor_id)
{
	if (db_exec("UPDATE products SET"
		    " rating_count = (SELECT COUNT(*) FROM reviews WHERE product_id = ? AND status = 'published'),"
		    " rating_avg = (SELECT ROUND(AVG(rating), 2) FROM reviews WHERE product_id = ? AND status = 'published')"
		    " WHERE id = ?", "iii", product_id, product_id, product_id) < 0 ||
	    db_exec("UPDATE vendors SET"
		    " rating_count = (SELECT COUNT(*) FROM reviews WHERE vendor_id = ? AND status = 'published'),"
		    " rating_avg = (SELECT ROUND(AVG(rating), 2) FROM reviews WHERE vendor_id = ? AND status = 'published')"
		    " WHERE id = ?", "iii", vendor_id, vendor_id, vendor_id) < 0 ||
	    events_emit(EVENTS_PRODUCT_CHANGED, product_id, "review") < 0)
		return -1;
	db_after_commit(review_changed, product_id);
	return 0;
}

/* The banned words in a review's title and text, as one sentence for the
 * queue (NULL when none; "" on a database error). */
static const char *
review_banned(struct arena *a, const char *title, const char *body)
{
	const char **words;
	size_t n = moderation_words_found(a, arena_printf(a, "%s\n%s", title, body), &words), i;
	char *cause;

	if (n == (size_t)-1)
		return "";
	if (n == 0)
		return NULL;
	cause = n == 1 ? "Held for a banned word: " : "Held for banned words: ";
	for (i = 0; i < n && strlen(cause) < REVIEW_REASON_MAX - 110; i++)
		cause = arena_printf(a, "%s%s\xe2\x80\x9c%s\xe2\x80\x9d", cause, i ? ", " : "", words[i]);
	return arena_printf(a, "%s.", cause);
}

/* ---- posting and editing ------------------------------------------------ */

/* Tells the shop's owner about a new review in their notification centre
 * (kind "review"); a shop without an owner's account is told nothing. */
static int
review_tell_shop(long long vendor_id, const char *url, const char *product, int rating)
{
	long long owner;
	char text[1000];

	if (url == NULL)
		return 0;
	if ((owner = db_scalar(-1, "SELECT IFNULL(user_id, 0) FROM vendors WHERE id = ?", "i", vendor_id)) <= 0)
		return owner < 0 ? -1 : 0;
	snprintf(text, sizeof text, "New review of %s: %d out of 5", product, rating);
	return notify_vendor(vendor_id, "review", text, url, "A customer reviewed one of your products",
			     "notification", tmpl_dict_new("mail")) < 0 ? -1 : 0;
}

static const char review_insert_sql[] =
	"INSERT INTO reviews (order_item_id, product_id, vendor_id, user_id, rating, title, body, status,"
	" status_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

int
review_create(const struct req *rq, struct arena *a, const struct review_new *n, long long *review_id,
	      int *held, const char **why, size_t *photo)
{
	struct review_item it;
	struct media_image m[REVIEW_PHOTOS_MAX];
	size_t stored = 0, i;
	const char *cause;
	char now[24];
	long long id;
	int rc;

	*review_id = 0;
	*held = 0;
	if (n->rating < 1 || n->rating > 5 || n->nphotos > REVIEW_PHOTOS_MAX)
		return -1;
	if ((rc = review_item_check(a, n->user_id, n->item_id, n->product_id, &it)) != REVIEW_OK)
		return rc;
	if ((cause = review_banned(a, n->title, n->body)) != NULL && *cause == '\0')
		return -1;
	if (db_begin() < 0)
		return -1;
	if (review_lock(it.product_id) != it.vendor_id)
		goto fail;
	/* Again under the lock: the order may have moved, a review come in. */
	if ((rc = review_item_check(a, n->user_id, n->item_id, it.product_id, &it)) != REVIEW_OK) {
		db_rollback();
		return rc;
	}
	clock_datetime(clock_now(), now, sizeof now);
	if (db_exec(review_insert_sql, "iiiiisssss", it.item_id, it.product_id, it.vendor_id, n->user_id,
		    (long long)n->rating, n->title, n->body, cause ? "held" : "published", cause, now) != 1) {
		rc = db_is_duplicate() ? REVIEW_ALREADY : -1;
		db_rollback();
		return rc;
	}
	id = (long long)db_insert_id();
	for (i = 0; i < n->nphotos; i++) {
		rc = media_store_file(n->photos[i], &m[stored], why);
		if (rc != 0) {
			if (rc > 0) {
				*photo = i;
				rc = REVIEW_PHOTO_REFUSED;
			}
			goto abandon;
		}
		stored++;
		if (db_exec("INSERT INTO review_photos (review_id, position, media_id, path, width, height)"
			    " VALUES (?, ?, ?, ?, ?, ?)", "iiisii", id, (long long)stored, m[stored - 1].id,
			    m[stored - 1].path, (long long)m[stored - 1].width, (long long)m[stored - 1].height) != 1) {
			rc = -1;
			goto abandon;
		}
	}
	if (cause && (report_add(REPORT_REVIEW, id, 0, cause) < 0 ||
		      audit_log(rq, "review.held", "review", id, cause) < 0)) {
		rc = -1;
		goto abandon;
	}
	if (review_recompute(it.product_id, it.vendor_id) < 0 ||
	    (cause == NULL && review_tell_shop(it.vendor_id, n->shop_url, it.product_name, n->rating) < 0)) {
		rc = -1;
		goto abandon;
	}
	if (db_commit() < 0) {
		rc = -1;
		goto abandon;
	}
	log_info("review.posted", "review=%lld product=%lld held=%d photos=%zu", id, it.product_id, cause != NULL,
		 stored);
	*review_id = id;
	*held = cause != NULL;
	return REVIEW_OK;
abandon:
	for (i = 0; i < stored; i++)
		media_abandon(&m[i]);
	db_rollback();
	return rc;
fail:
	db_rollback();
	return -1;
}

int
review_edit(const struct req *rq, struct arena *a, long long review_id, long long user_id, int rating,
	    const char *title, const char *body, int *held)
{
	struct db_result *r;
	long long product_id, vendor_id, created;
	const char *status, *cause;
	char now[24];
	int rc = -1;

	*held = 0;
	if (rating < 1 || rating > 5)
		return -1;
	product_id = db_scalar(0, "SELECT product_id FROM reviews WHERE id = ? AND user_id = ?", "ii", review_id,
			       user_id);
	if (product_id <= 0)
		return product_id < 0 ? -1 : REVIEW_NOT_FOUND;
	if ((cause = review_banned(a, title, body)) != NULL && *cause == '\0')
		return -1;
	if (db_begin() < 0)
		return -1;
	if ((vendor_id = review_lock(product_id)) < 0)
		goto out;
	r = db_query("SELECT status, UNIX_TIMESTAMP(created_at) FROM reviews WHERE id = ? AND user_id = ? FOR UPDATE",
		     "ii", review_id, user_id);
	if (r == NULL)
		goto out;
	if (!db_next(r)) {
		db_free(r);
		rc = REVIEW_NOT_FOUND;
		goto out;
	}
	status = arena_strdup(a, db_str(r, 0));
	created = db_int(r, 1);
	db_free(r);
	if (strcmp(status, "hidden") == 0 || (long long)clock_now() - created > review_edit_seconds()) {
		rc = REVIEW_TOO_LATE;
		goto out;
	}
	clock_datetime(clock_now(), now, sizeof now);
	/* A held review stays held until an admin decides; a published one
	 * with a banned word now goes back to the queue. */
	if (db_exec("UPDATE reviews SET rating = ?, title = ?, body = ?, edited_at = ?,"
		    " status = IF(? IS NULL, status, 'held'), status_reason = IF(? IS NULL, status_reason, ?)"
		    " WHERE id = ?", "issssssi", (long long)rating, title, body, now, cause, cause, cause,
		    review_id) < 0)
		goto out;
	if (cause && strcmp(status, "published") == 0 &&
	    (report_add(REPORT_REVIEW, review_id, 0, cause) < 0 ||
	     audit_log(rq, "review.held", "review", review_id, cause) < 0))
		goto out;
	if (review_recompute(product_id, vendor_id) < 0 || db_commit() < 0)
		goto out;
	*held = cause != NULL || strcmp(status, "held") == 0;
	log_info("review.edited", "review=%lld held=%d", review_id, *held);
	return REVIEW_OK;
out:
	db_rollback();
	return rc;
}

/* ---- the shop's answer, votes, moderation ------------------------------- */

/* Tells the author of a review about it: a shop's answer goes through
 * their notification centre (kind "review", mailed if they want it); a hide
 * is always mailed, with the moderator's reason. In the caller's
 * transaction. */
static int
review_tell_author(long long review_id, const char *subject, const char *template, const char *reason)
{
	struct db_result *r;
	tmpl_dict *d;
	char url[400], path[64], text[1000];
	int rc;

	r = db_query("SELECT u.email, u.name, p.id, p.name, r.title, r.user_id FROM reviews r"
		     " JOIN users u ON u.id = r.user_id JOIN products p ON p.id = r.product_id WHERE r.id = ?",
		     "i", review_id);
	if (r == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		return -1;
	}
	snprintf(path, sizeof path, "/p/%lld/reviews#review-%lld", db_int(r, 2), review_id);
	snprintf(url, sizeof url, "%s%s", mail_base_url(), path);
	d = tmpl_dict_new("mail");
	tmpl_set(d, "NAME", db_str(r, 1));
	tmpl_set(d, "PRODUCT", db_str(r, 3));
	tmpl_set(d, "TITLE", db_str(r, 4));
	tmpl_set(d, "REVIEWS_URL", url);
	if (reason) {
		tmpl_set(d, "REASON", reason);
		rc = mail_queue(db_str(r, 0), subject, template, d) < 0 ? -1 : 0;
	} else {
		snprintf(text, sizeof text, "The shop answered your review of %s", db_str(r, 3));
		rc = notify_user(db_int(r, 5), NOTIFY_SHOPPER, "review", text, path, subject, template, d) < 0 ? -1 : 0;
	}
	db_free(r);
	return rc;
}

int
review_reply(long long review_id, long long vendor_id, long long user_id, const char *text)
{
	char now[24];
	long long n;

	if (text == NULL || *text == '\0')
		return -1;
	if (db_begin() < 0)
		return -1;
	clock_datetime(clock_now(), now, sizeof now);
	n = db_exec("UPDATE reviews SET reply = ?, replied_at = ?, replied_by = NULLIF(?, 0)"
		    " WHERE id = ? AND vendor_id = ? AND status <> 'hidden' AND reply IS NULL",
		    "ssiii", text, now, user_id, review_id, vendor_id);
	if (n < 0)
		goto fail;
	if (n == 0) {
		n = db_scalar(-1, "SELECT reply IS NOT NULL FROM reviews WHERE id = ? AND vendor_id = ? AND status <> 'hidden'",
			      "ii", review_id, vendor_id);
		db_rollback();
		return n < 0 ? REVIEW_NOT_FOUND : REVIEW_ANSWERED;
	}
	if (review_tell_author(review_id, "The shop answered your review", "review_answered", NULL) < 0 ||
	    db_commit() < 0)
		goto fail;
	log_info("review.answered", "review=%lld vendor=%lld", review_id, vendor_id);
	return REVIEW_OK;
fail:
	db_rollback();
	return -1;
}

struct review_vote_tx {
	long long review_id, user_id;
	int rc;
};

static int
review_vote_tx(void *arg)
{
	struct review_vote_tx *v = arg;
	long long author, n;

	/* The review's row first: two votes of one review take turns (the
	 * foreign key's shared lock would otherwise deadlock their updates). */
	author = db_scalar(0, "SELECT user_id FROM reviews WHERE id = ? AND status = 'published' FOR UPDATE", "i",
			   v->review_id);
	if (author <= 0) {
		v->rc = author < 0 ? -1 : REVIEW_NOT_FOUND;
		return author < 0 ? -1 : 0;
	}
	if (author == v->user_id) {
		v->rc = REVIEW_OWN;
		return 0;
	}
	n = db_exec("INSERT IGNORE INTO review_votes (review_id, user_id) VALUES (?, ?)", "ii", v->review_id,
		    v->user_id);
	if (n < 0)
		return -1;
	if (n == 0) {
		v->rc = REVIEW_ALREADY;
		return 0;
	}
	if (db_exec("UPDATE reviews SET helpful_count = helpful_count + 1 WHERE id = ?", "i", v->review_id) != 1)
		return -1;
	v->rc = REVIEW_OK;
	return 0;
}

int
review_vote(long long review_id, long long user_id)
{
	struct review_vote_tx v = { review_id, user_id, -1 };

	if (db_tx(review_vote_tx, &v) != 0)
		return -1;
	return v.rc;
}

int
review_reportable(long long review_id)
{
	long long n = db_scalar(-1, "SELECT COUNT(*) FROM reviews WHERE id = ? AND status = 'published'", "i", review_id);

	return n < 0 ? -1 : n > 0;
}

int
review_moderate(long long review_id, int hide, const char *reason)
{
	long long product_id, vendor_id, n;

	if (!db_in_transaction() || (hide && (reason == NULL || *reason == '\0')))
		return -1;
	product_id = db_scalar(0, "SELECT product_id FROM reviews WHERE id = ?", "i", review_id);
	if (product_id <= 0)
		return product_id < 0 ? -1 : REVIEW_NOT_FOUND;
	if ((vendor_id = review_lock(product_id)) < 0)
		return -1;
	if (hide)
		n = db_exec("UPDATE reviews SET status = 'hidden', status_reason = ? WHERE id = ?", "si", reason,
			    review_id);
	else
		n = db_exec("UPDATE reviews SET status = 'published', status_reason = NULL WHERE id = ? AND status = 'held'",
			    "i", review_id);
	if (n < 0)
		return -1;
	if (hide && review_tell_author(review_id, "Your review was hidden", "review_hidden", reason) < 0)
		return -1;
	return review_recompute(product_id, vendor_id) < 0 ? -1 : REVIEW_OK;
}

/* ---- the shop's standing ------------------------------------------------ */

int
review_vendor_stats(struct arena *a, long long vendor_id, struct review_vendor_stats *s)
{
	struct db_result *r;

	memset(s, 0, sizeof *s);
	r = db_query("SELECT v.rating_count, v.rating_avg,"
		     " (SELECT COUNT(*) FROM vendor_orders vo WHERE vo.vendor_id = v.id AND vo.shipped_at IS NOT NULL),"
		     " (SELECT COUNT(*) FROM vendor_orders vo JOIN orders o ON o.id = vo.order_id"
		     "   WHERE vo.vendor_id = v.id AND vo.shipped_at IS NOT NULL AND o.paid_at IS NOT NULL"
		     "   AND vo.shipped_at <= o.paid_at + INTERVAL GREATEST(vo.handling_days, 1) DAY),"
		     " (SELECT COUNT(*) FROM vendor_orders vo JOIN orders o ON o.id = vo.order_id"
		     "   WHERE vo.vendor_id = v.id AND o.paid_at IS NOT NULL),"
		     " (SELECT COUNT(*) FROM vendor_orders vo JOIN orders o ON o.id = vo.order_id"
		     "   WHERE vo.vendor_id = v.id AND o.paid_at IS NOT NULL AND vo.cancelled_by = 'vendor')"
		     " FROM vendors v WHERE v.id = ?", "i", vendor_id);
	if (r == NULL)
		return -1;
	if (db_next(r)) {
		s->rating_count = db_int(r, 0);
		s->rating_avg = db_null(r, 1) ? NULL : arena_strdup(a, db_str(r, 1));
		s->shipped = db_int(r, 2);
		s->shipped_on_time = db_int(r, 3);
		s->settled = db_int(r, 4);
		s->cancelled = db_int(r, 5);
	}
	db_free(r);
	return 0;
}
