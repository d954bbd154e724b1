/* coupon: see coupon.h. */
#include "coupon.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "money.h"
#include "plan.h"
#include "promotion.h"
#include "route.h"
#include "view.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUPON_COLUMNS "SELECT c.id, c.code, c.kind, c.percent_bp, c.amount_minor, c.min_order_minor," \
	" IFNULL(c.max_uses, 0), c.uses, IFNULL(c.per_customer, 0), IFNULL(c.vendor_id, 0)," \
	" IFNULL(c.category_id, 0), c.borne_by, c.owner, c.active," \
	" IFNULL(TIMESTAMPDIFF(SECOND, '1970-01-01', c.starts_at), 0)," \
	" IFNULL(TIMESTAMPDIFF(SECOND, '1970-01-01', c.ends_at), 0), c.note FROM coupons c"

/* The identities a customer's uses are counted under: 'u:<id>', 'e:<email>'. */
#define COUPON_IDENTITY_MAX 264
struct coupon_identities {
	char key[2][COUPON_IDENTITY_MAX];
	size_t n;
};

const char *
coupon_code_normalise(const char *typed, char *out, size_t outsz)
{
	const char *s = typed ? typed : "";
	size_t len, i;

	if (outsz < COUPON_CODE_MAX + 1)
		return "There is no room for the code.";
	out[0] = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len < COUPON_CODE_MIN || len > COUPON_CODE_MAX)
		return "A coupon code has 3 to 40 letters, digits, '-' or '_'.";
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (!(isascii(ch) && (isalnum(ch) || ch == '-' || ch == '_')))
			return "A coupon code has only letters A to Z, digits, '-' and '_'.";
		out[i] = (char)toupper(ch);
	}
	out[len] = '\0';
	return NULL;
}

/* Reads one row of COUPON_COLUMNS (r freed): 0, COUPON_INVALID, COUPON_ERROR. */
static int
coupon_read(struct db_result *r, struct coupon *c)
{
	int rc = COUPON_INVALID;

	memset(c, 0, sizeof *c);
	if (r == NULL)
		return COUPON_ERROR;
	if (db_next(r) == 1) {
		c->id = db_int(r, 0);
		snprintf(c->code, sizeof c->code, "%s", db_str(r, 1));
		c->percent = strcmp(db_str(r, 2), "percent") == 0;
		c->percent_bp = db_int(r, 3);
		c->amount_minor = db_int(r, 4);
		c->min_order_minor = db_int(r, 5);
		c->max_uses = db_int(r, 6);
		c->uses = db_int(r, 7);
		c->per_customer = db_int(r, 8);
		c->vendor_id = db_int(r, 9);
		c->category_id = db_int(r, 10);
		c->vendor_borne = strcmp(db_str(r, 11), "vendor") == 0;
		c->vendor_owned = strcmp(db_str(r, 12), "vendor") == 0;
		c->active = db_int(r, 13) != 0;
		c->starts_at = (time_t)db_int(r, 14);
		c->ends_at = (time_t)db_int(r, 15);
		snprintf(c->note, sizeof c->note, "%s", db_str(r, 16));
		rc = COUPON_OK;
	}
	db_free(r);
	return rc;
}

int
coupon_find(const char *code, struct coupon *c)
{
	char canonical[COUPON_CODE_MAX + 1];

	if (coupon_code_normalise(code, canonical, sizeof canonical) != NULL) {
		memset(c, 0, sizeof *c);
		return COUPON_INVALID;
	}
	return coupon_read(db_query(COUPON_COLUMNS " WHERE c.code = ?", "s", canonical), c);
}

int
coupon_load(long long id, struct coupon *c)
{
	return coupon_read(db_query(COUPON_COLUMNS " WHERE c.id = ?", "i", id), c);
}

/* The coupon's category and every category below it, into c. */
static int
coupon_load_categories(struct coupon *c)
{
	struct db_result *r;

	c->ncategories = 0;
	if (c->category_id == 0)
		return 0;
	r = db_query("WITH RECURSIVE below (id) AS (SELECT id FROM categories WHERE id = ?"
		     " UNION SELECT k.id FROM categories k JOIN below b ON k.parent_id = b.id)"
		     " SELECT id FROM below", "i", c->category_id);
	if (r == NULL)
		return -1;
	while (db_next(r) == 1 && c->ncategories < COUPON_CATEGORIES_MAX)
		c->categories[c->ncategories++] = db_int(r, 0);
	db_free(r);
	return 0;
}

int
coupon_applies(const struct coupon *c, const struct coupon_line *line)
{
	if (c->vendor_id != 0 && line->vendor_id != c->vendor_id)
		return 0;
	if (c->category_id == 0)
		return 1;
	for (size_t i = 0; i < c->ncategories; i++)
		if (c->categories[i] == line->category_id)
			return 1;
	return 0;
}

/* The discount on eligible: a percentage of it, or the fixed amount but
 * never more than it. 0 or -1. */
static int
coupon_discount(const struct coupon *c, long long eligible, long long *discount)
{
	if (eligible <= 0) {
		*discount = 0;
		return 0;
	}
	if (c->percent)
		return money_percent(eligible, c->percent_bp, discount);
	*discount = c->amount_minor < eligible ? c->amount_minor : eligible;
	return 0;
}

/* What the eligible lines come to: 0, or -1 on overflow or a negative line. */
static int
coupon_eligible_sum(const struct coupon *c, const struct coupon_line *lines, size_t n, long long *sum)
{
	long long total = 0;

	for (size_t i = 0; i < n; i++) {
		if (lines[i].line_minor < 0)
			return -1;
		if (coupon_applies(c, &lines[i]) && money_add(total, lines[i].line_minor, &total) != 0)
			return -1;
	}
	*sum = total;
	return 0;
}

static void
coupon_identities(long long user_id, const char *email, struct coupon_identities *ids)
{
	ids->n = 0;
	if (user_id > 0)
		snprintf(ids->key[ids->n++], COUPON_IDENTITY_MAX, "u:%lld", user_id);
	if (email != NULL && *email != '\0') {
		char *k = ids->key[ids->n++];
		size_t i;

		snprintf(k, COUPON_IDENTITY_MAX, "e:%s", email);
		for (i = 2; k[i] != '\0'; i++)
			k[i] = (char)tolower((unsigned char)k[i]);
	}
}

/* The most uses one of the customer's identities holds now; -1 on error. */
static long long
coupon_customer_uses(long long coupon_id, const struct coupon_identities *ids)
{
	long long most = 0;

	for (size_t i = 0; i < ids->n; i++) {
		long long held = db_scalar(-1, "SELECT COUNT(*) FROM coupon_uses WHERE coupon_id = ? AND customer = ?"
					   " AND released_at IS NULL", "is", coupon_id, ids->key[i]);

		if (held < 0)
			return -1;
		if (held > most)
			most = held;
	}
	return most;
}

/* "10 December 2026", with the time when it is not midnight UTC. */
static void
coupon_when(time_t t, char *out, size_t outsz)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	if (tm.tm_hour == 0 && tm.tm_min == 0)
		strftime(out, outsz, "%d %B %Y", &tm);
	else
		strftime(out, outsz, "%d %B %Y, %H:%M UTC", &tm);
	if (out[0] == '0')
		memmove(out, out + 1, strlen(out));
}

/* The sentence for a status that needs nothing but the coupon. */
static void
coupon_say(const struct coupon *c, int status, char *out, size_t outsz)
{
	char when[64];

	switch (status) {
	case COUPON_INVALID:
		snprintf(out, outsz, "%s", c->id != 0 ? "This coupon has been withdrawn and can no longer be used."
			 : "There is no coupon with this code. Check what you typed.");
		break;
	case COUPON_NOT_STARTED:
		coupon_when(c->starts_at, when, sizeof when);
		snprintf(out, outsz, "This coupon is not valid yet: it can be used from %s.", when);
		break;
	case COUPON_EXPIRED: {
		struct tm tm;
		time_t last = c->ends_at - 1;

		/* ends_at is the first moment it no longer works: name the
		 * last day it did, or the moment when it ended within a day. */
		gmtime_r(&c->ends_at, &tm);
		if (tm.tm_hour == 0 && tm.tm_min == 0) {
			gmtime_r(&last, &tm);
			strftime(when, sizeof when, "%d %B %Y", &tm);
			if (when[0] == '0')
				memmove(when, when + 1, strlen(when));
			snprintf(out, outsz, "This coupon has expired: it could be used until %s.", when);
		} else {
			coupon_when(c->ends_at, when, sizeof when);
			snprintf(out, outsz, "This coupon has expired: it ended on %s.", when);
		}
		break;
	}
	case COUPON_USED_UP:
		snprintf(out, outsz, "This coupon has been used up: all of its %lld uses are taken.", c->max_uses);
		break;
	case COUPON_CUSTOMER_LIMIT:
		if (c->per_customer == 1)
			snprintf(out, outsz, "You have already used this coupon; it can be used once per customer.");
		else
			snprintf(out, outsz, "You have already used this coupon %lld times, the most allowed per customer.",
				 c->per_customer);
		break;
	case COUPON_ERROR:
		snprintf(out, outsz, "The coupon could not be checked just now. Please try again.");
		break;
	default:
		out[0] = '\0';
	}
}

/* "items from Shop Name", "items in Category", "items from Shop in Category". */
static void
coupon_scope(const struct coupon *c, char *out, size_t outsz)
{
	char vendor[256] = "", category[256] = "";
	struct db_result *r;

	if (c->vendor_id != 0 && (r = db_query("SELECT trading_name FROM vendors WHERE id = ?", "i",
						c->vendor_id)) != NULL) {
		if (db_next(r) == 1)
			snprintf(vendor, sizeof vendor, "%s", db_str(r, 0));
		db_free(r);
	}
	if (c->category_id != 0 && (r = db_query("SELECT name FROM categories WHERE id = ?", "i",
						  c->category_id)) != NULL) {
		if (db_next(r) == 1)
			snprintf(category, sizeof category, "%s", db_str(r, 0));
		db_free(r);
	}
	if (*vendor && *category)
		snprintf(out, outsz, "items from %s in %s", vendor, category);
	else if (*vendor)
		snprintf(out, outsz, "items from %s", vendor);
	else if (*category)
		snprintf(out, outsz, "items in %s", category);
	else
		snprintf(out, outsz, "items");
}

/* Sets c->message and returns status. */
static int
coupon_refuse(struct coupon *c, int status)
{
	coupon_say(c, status, c->message, sizeof c->message);
	return status;
}

int
coupon_check_lines(const char *code, long long user_id, const char *email, const struct coupon_line *lines,
		   size_t n, struct coupon *c)
{
	struct coupon_identities ids;
	char scope[600], need[64], have[64];
	time_t now;
	long long held;
	int rc;

	rc = coupon_find(code, c);
	if (rc != COUPON_OK)
		return coupon_refuse(c, rc);
	if (!c->active)
		return coupon_refuse(c, COUPON_INVALID);
	now = clock_now();
	if (c->starts_at != 0 && now < c->starts_at)
		return coupon_refuse(c, COUPON_NOT_STARTED);
	if (c->ends_at != 0 && now >= c->ends_at)
		return coupon_refuse(c, COUPON_EXPIRED);
	if (c->max_uses != 0 && c->uses >= c->max_uses)
		return coupon_refuse(c, COUPON_USED_UP);
	if (c->per_customer != 0) {
		coupon_identities(user_id, email, &ids);
		held = coupon_customer_uses(c->id, &ids);
		if (held < 0)
			return coupon_refuse(c, COUPON_ERROR);
		if (held >= c->per_customer)
			return coupon_refuse(c, COUPON_CUSTOMER_LIMIT);
	}
	if (coupon_load_categories(c) != 0)
		return coupon_refuse(c, COUPON_ERROR);
	if (coupon_eligible_sum(c, lines, n, &c->eligible_minor) != 0)
		return coupon_refuse(c, COUPON_ERROR);
	if (c->eligible_minor == 0) {
		coupon_scope(c, scope, sizeof scope);
		snprintf(c->message, sizeof c->message,
			 "This coupon does not apply to anything in your cart: it is for %s only.", scope);
		return COUPON_NOT_APPLICABLE;
	}
	if (c->eligible_minor < c->min_order_minor) {
		money_format(c->min_order_minor, need, sizeof need);
		money_format(c->eligible_minor, have, sizeof have);
		if (c->vendor_id == 0 && c->category_id == 0) {
			snprintf(c->message, sizeof c->message,
				 "This coupon needs an order of at least %s; your items come to %s.", need, have);
		} else {
			coupon_scope(c, scope, sizeof scope);
			snprintf(c->message, sizeof c->message,
				 "This coupon needs at least %s of %s; yours come to %s.", need, scope, have);
		}
		return COUPON_MINIMUM;
	}
	if (coupon_discount(c, c->eligible_minor, &c->discount_minor) != 0)
		return coupon_refuse(c, COUPON_ERROR);
	return COUPON_OK;
}

int
coupon_spread(const struct coupon *c, struct coupon_line *lines, size_t n, long long *discount,
	      struct coupon_vendor_share *shares, size_t *nshares)
{
	long long eligible, total, *weights = NULL, *parts = NULL;
	size_t ns = 0;
	int rc = -1;

	if (c == NULL || (n > 0 && lines == NULL) || discount == NULL)
		return -1;
	if (coupon_eligible_sum(c, lines, n, &eligible) != 0 || coupon_discount(c, eligible, &total) != 0)
		return -1;
	if (total > 0) {
		weights = calloc(n, sizeof *weights);
		parts = calloc(n, sizeof *parts);
		if (weights == NULL || parts == NULL)
			goto out;
		for (size_t i = 0; i < n; i++)
			weights[i] = coupon_applies(c, &lines[i]) ? lines[i].line_minor : 0;
		if (money_split(total, weights, n, parts) != 0)
			goto out;
	}
	for (size_t i = 0; i < n; i++) {
		lines[i].discount_minor = total > 0 ? parts[i] : 0;
		if (shares == NULL || total == 0 || weights[i] == 0)
			continue;
		size_t k;

		for (k = 0; k < ns && shares[k].vendor_id != lines[i].vendor_id; k++)
			;
		if (k == ns) {
			shares[ns].vendor_id = lines[i].vendor_id;
			shares[ns].discount_minor = 0;
			shares[ns].vendor_minor = 0;
			ns++;
		}
		shares[k].discount_minor += parts[i];
		if (c->vendor_borne && lines[i].vendor_id == c->vendor_id)
			shares[k].vendor_minor += parts[i];
	}
	*discount = total;
	if (nshares != NULL)
		*nshares = ns;
	rc = 0;
out:
	free(weights);
	free(parts);
	return rc;
}

/* Puts a refused hold's reason into message, reading the coupon again. */
static int
coupon_hold_refused(long long coupon_id, char *message, size_t messagesz)
{
	struct coupon c;
	time_t now = clock_now();
	int status;

	status = coupon_load(coupon_id, &c);
	if (status == COUPON_OK) {
		if (!c.active)
			status = COUPON_INVALID;
		else if (c.starts_at != 0 && now < c.starts_at)
			status = COUPON_NOT_STARTED;
		else if (c.ends_at != 0 && now >= c.ends_at)
			status = COUPON_EXPIRED;
		else
			status = COUPON_USED_UP;
	}
	if (message != NULL)
		coupon_say(&c, status, message, messagesz);
	return status;
}

int
coupon_hold(long long coupon_id, long long order_id, long long user_id, const char *email,
	    char *message, size_t messagesz)
{
	struct coupon_identities ids;
	struct coupon c;
	char now[24];
	long long n, held;
	int rc;

	if (message != NULL && messagesz > 0)
		message[0] = '\0';
	if (!db_in_transaction()) {
		log_error("coupon.hold", "coupon=%lld order=%lld msg=\"not inside the order's transaction\"",
			  coupon_id, order_id);
		return COUPON_ERROR;
	}
	/* Held already (the same order placed again in this transaction). */
	held = db_scalar(-1, "SELECT COUNT(*) FROM coupon_uses WHERE order_id = ? AND coupon_id = ?"
			 " AND released_at IS NULL", "ii", order_id, coupon_id);
	if (held != 0)
		return held > 0 ? COUPON_OK : COUPON_ERROR;
	/* The total: one conditional UPDATE. The row stays locked until the
	 * order commits or rolls back, so the next holder of this coupon
	 * waits and then judges the counter as this order left it. */
	clock_datetime(clock_now(), now, sizeof now);
	n = db_exec("UPDATE coupons SET uses = uses + 1 WHERE id = ? AND active = 1"
		    " AND (max_uses IS NULL OR uses < max_uses) AND (starts_at IS NULL OR starts_at <= ?)"
		    " AND (ends_at IS NULL OR ends_at > ?)", "iss", coupon_id, now, now);
	if (n < 0)
		return COUPON_ERROR;
	if (n == 0)
		return coupon_hold_refused(coupon_id, message, messagesz);
	rc = coupon_load(coupon_id, &c);
	if (rc != COUPON_OK)
		return COUPON_ERROR;
	coupon_identities(user_id, email, &ids);
	if (ids.n == 0) {
		log_error("coupon.hold", "coupon=%lld order=%lld msg=\"no customer\"", coupon_id, order_id);
		return COUPON_ERROR;
	}
	/* Each identity: a free slot 1..per_customer. The count under the
	 * coupon's row lock says whether one is left; the unique key on the
	 * slot makes sure two orders never take the same one. */
	for (size_t i = 0; i < ids.n; i++) {
		long long got = 0;

		if (c.per_customer == 0) {
			got = db_exec("INSERT INTO coupon_uses (coupon_id, order_id, customer, slot, held_at)"
				      " VALUES (?, ?, ?, NULL, ?)", "iiss", coupon_id, order_id, ids.key[i], now);
			if (got < 0)
				return COUPON_ERROR;
			continue;
		}
		held = db_scalar(-1, "SELECT COUNT(*) FROM coupon_uses WHERE coupon_id = ? AND customer = ?"
				 " AND released_at IS NULL FOR UPDATE", "is", coupon_id, ids.key[i]);
		if (held < 0)
			return COUPON_ERROR;
		for (long long slot = 1; held < c.per_customer && slot <= c.per_customer && got == 0; slot++) {
			got = db_exec("INSERT IGNORE INTO coupon_uses (coupon_id, order_id, customer, slot, held_at)"
				      " VALUES (?, ?, ?, ?, ?)", "iisis", coupon_id, order_id, ids.key[i], slot, now);
			if (got < 0)
				return COUPON_ERROR;
		}
		if (got == 0) {
			/* Take back what this call did so far: the caller rolls
			 * back anyway, but nothing of a refused hold must stay. */
			if (db_exec("DELETE FROM coupon_uses WHERE order_id = ? AND coupon_id = ?"
				    " AND released_at IS NULL", "ii", order_id, coupon_id) < 0 ||
			    db_exec("UPDATE coupons SET uses = uses - 1 WHERE id = ? AND uses > 0", "i", coupon_id) < 0)
				return COUPON_ERROR;
			if (message != NULL)
				coupon_say(&c, COUPON_CUSTOMER_LIMIT, message, messagesz);
			return COUPON_CUSTOMER_LIMIT;
		}
	}
	return COUPON_OK;
}

struct coupon_release {
	long long order_id;
	int released;
};

static int
coupon_release_tx(void *arg)
{
	struct coupon_release *rel = arg;
	long long order_id = rel->order_id, coupons[8];
	size_t ncoupons = 0;
	struct db_result *r;
	char now[24];
	rel->released = 0;
	r = db_query("SELECT DISTINCT coupon_id FROM coupon_uses WHERE order_id = ? AND released_at IS NULL"
		     " ORDER BY coupon_id LIMIT 8", "i", order_id);
	if (r == NULL)
		return -1;
	while (db_next(r) == 1)
		coupons[ncoupons++] = db_int(r, 0);
	db_free(r);
	clock_datetime(clock_now(), now, sizeof now);
	for (size_t i = 0; i < ncoupons; i++) {
		long long n;

		/* The coupon's row first, as coupon_hold takes it, so a hold
		 * and a release of one coupon never wait for each other in a
		 * circle. Then the uses, once: WHERE released_at IS NULL. */
		r = db_query("SELECT id FROM coupons WHERE id = ? FOR UPDATE", "i", coupons[i]);
		if (r == NULL)
			return -1;
		db_free(r);
		n = db_exec("UPDATE coupon_uses SET released_at = ?, slot = NULL WHERE order_id = ?"
			    " AND coupon_id = ? AND released_at IS NULL", "sii", now, order_id, coupons[i]);
		if (n < 0)
			return -1;
		if (n == 0)
			continue;
		if (db_exec("UPDATE coupons SET uses = uses - 1 WHERE id = ? AND uses > 0", "i", coupons[i]) < 0)
			return -1;
		rel->released++;
	}
	return 0;
}

int
coupon_release(long long order_id)
{
	struct coupon_release rel = { order_id, 0 };
	int rc;

	rc = db_in_transaction() ? coupon_release_tx(&rel) : db_tx(coupon_release_tx, &rel);
	return rc == 0 ? rel.released : -1;
}

char *
coupon_describe(struct arena *a, const struct coupon *c)
{
	char amount[64];

	if (c->percent)
		return arena_printf(a, "%s off", plan_rate_text(a, c->percent_bp));
	return arena_printf(a, "%s off", money_format(c->amount_minor, amount, sizeof amount));
}

/* ---- making and changing coupons ---------------------------------------------------- */

/* The terms' dates as DATETIME text, or NULL for an open end. */
static const char *
coupon_datetime(time_t t, char *out, size_t outsz)
{
	return t != 0 ? clock_datetime(t, out, outsz) : NULL;
}

int
coupon_create(const char *code, const struct coupon_terms *t, long long vendor_owner, long long created_by,
	      long long *id)
{
	char starts[24], ends[24];
	long long vendor = vendor_owner != 0 ? vendor_owner : t->vendor_id;
	int borne = vendor_owner != 0 || (t->vendor_borne && vendor != 0);
	long long n;

	/* A code taken is the visitor's mistake, not the database's: asked
	 * first (the unique key still decides between two at once). */
	n = db_scalar(-1, "SELECT COUNT(*) FROM coupons WHERE code = ?", "s", code);
	if (n != 0)
		return n < 0 ? -1 : COUPON_TAKEN;
	n = db_exec("INSERT INTO coupons (code, owner, kind, percent_bp, amount_minor, min_order_minor, starts_at,"
		    " ends_at, max_uses, per_customer, vendor_id, category_id, borne_by, note, created_by)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), ?, ?,"
		    " NULLIF(?, 0))", "sssiiissiiiissi", code, vendor_owner != 0 ? "vendor" : "admin",
		    t->percent ? "percent" : "fixed", t->percent ? t->percent_bp : 0LL,
		    t->percent ? 0LL : t->amount_minor, t->min_order_minor,
		    coupon_datetime(t->starts_at, starts, sizeof starts), coupon_datetime(t->ends_at, ends, sizeof ends),
		    t->max_uses, t->per_customer, vendor, t->category_id, borne ? "vendor" : "marketplace",
		    t->note ? t->note : "", created_by);
	if (n != 1)
		return db_is_duplicate() ? COUPON_TAKEN : -1;
	*id = (long long)db_insert_id();
	return 0;
}

/* Locks coupon id when the caller may change it: 0, COUPON_NOT_FOUND, -1;
 * *active gets whether it is still active. */
static int
coupon_lock_owned(long long id, long long vendor_owner, int *active)
{
	struct db_result *r;
	int rc = COUPON_NOT_FOUND;

	r = db_query("SELECT owner, IFNULL(vendor_id, 0), active FROM coupons WHERE id = ? FOR UPDATE", "i", id);
	if (r == NULL)
		return -1;
	if (db_next(r) == 1) {
		int vendor_made = strcmp(db_str(r, 0), "vendor") == 0;

		if (vendor_owner == 0 || (vendor_made && db_int(r, 1) == vendor_owner))
			rc = 0;
		*active = db_int(r, 2) != 0;
	}
	db_free(r);
	return rc;
}

int
coupon_update(long long id, const struct coupon_terms *t, long long vendor_owner)
{
	char starts[24], ends[24];
	int active = 0, rc;
	long long vendor = vendor_owner != 0 ? vendor_owner : t->vendor_id;
	int borne = vendor_owner != 0 || (t->vendor_borne && vendor != 0);

	if ((rc = coupon_lock_owned(id, vendor_owner, &active)) != 0)
		return rc;
	/* An admin changes admins' coupons only: a vendor's own terms are
	 * the vendor's (an admin may withdraw one, not rewrite it). */
	if (vendor_owner == 0 &&
	    db_scalar(-1, "SELECT COUNT(*) FROM coupons WHERE id = ? AND owner = 'admin'", "i", id) != 1)
		return COUPON_NOT_FOUND;
	if (db_exec("UPDATE coupons SET kind = ?, percent_bp = ?, amount_minor = ?, min_order_minor = ?,"
		    " starts_at = ?, ends_at = ?, max_uses = NULLIF(?, 0), per_customer = NULLIF(?, 0),"
		    " vendor_id = NULLIF(?, 0), category_id = NULLIF(?, 0), borne_by = ?, note = ? WHERE id = ?",
		    "siiissiiiissi", t->percent ? "percent" : "fixed", t->percent ? t->percent_bp : 0LL,
		    t->percent ? 0LL : t->amount_minor, t->min_order_minor,
		    coupon_datetime(t->starts_at, starts, sizeof starts), coupon_datetime(t->ends_at, ends, sizeof ends),
		    t->max_uses, t->per_customer, vendor, t->category_id, borne ? "vendor" : "marketplace",
		    t->note ? t->note : "", id) < 0)
		return -1;
	return 0;
}

int
coupon_deactivate(long long id, long long vendor_owner)
{
	char now[24];
	int active = 0, rc;

	if ((rc = coupon_lock_owned(id, vendor_owner, &active)) != 0)
		return rc;
	if (!active)
		return COUPON_INACTIVE;
	clock_datetime(clock_now(), now, sizeof now);
	return db_exec("UPDATE coupons SET active = 0, deactivated_at = ? WHERE id = ? AND active = 1", "si", now,
		       id) == 1 ? 0 : -1;
}

char *
coupon_scope_text(struct arena *a, const struct coupon *c)
{
	char scope[600];

	if (c->vendor_id == 0 && c->category_id == 0)
		return arena_strdup(a, "Every item");
	coupon_scope(c, scope, sizeof scope);
	scope[0] = (char)toupper((unsigned char)scope[0]);
	return arena_strdup(a, scope);
}

/* "1 December 2026" of the day t falls on. */
static char *
coupon_day(struct arena *a, time_t t)
{
	char day[64];
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(day, sizeof day, "%d %B %Y", &tm);
	return arena_strdup(a, day[0] == '0' ? day + 1 : day);
}

char *
coupon_validity_text(struct arena *a, const struct coupon *c)
{
	if (c->starts_at == 0 && c->ends_at == 0)
		return arena_strdup(a, "Always");
	if (c->ends_at == 0)
		return arena_printf(a, "From %s", coupon_day(a, c->starts_at));
	/* ends_at is the first moment it no longer works: its last day is
	 * the day before. */
	if (c->starts_at == 0)
		return arena_printf(a, "Until %s", coupon_day(a, c->ends_at - 1));
	return arena_printf(a, "%s to %s", coupon_day(a, c->starts_at), coupon_day(a, c->ends_at - 1));
}

const char *
coupon_state(const struct coupon *c, time_t now)
{
	if (!c->active)
		return "Withdrawn";
	if (c->ends_at != 0 && now >= c->ends_at)
		return "Expired";
	if (c->starts_at != 0 && now < c->starts_at)
		return "Scheduled";
	if (c->max_uses != 0 && c->uses >= c->max_uses)
		return "Used up";
	return "Active";
}

/* ---- the forms -------------------------------------------------------------------- */

const char *const coupon_kinds[] = { "percent", "fixed", NULL };

const char *
coupon_field_code(struct req *rq, const char **value)
{
	char *out = arena_alloc(&rq->arena, COUPON_CODE_MAX + 1);
	const char *why = coupon_code_normalise(*value, out, COUPON_CODE_MAX + 1);

	if (why == NULL)
		*value = out;
	return why;
}

int
coupon_form_read(struct req *rq, struct coupon_terms *t)
{
	const char *starts = req_str(rq, "starts"), *ends = req_str(rq, "ends");
	int bad = 0;

	memset(t, 0, sizeof *t);
	t->percent = strcmp(req_str(rq, "kind"), "percent") == 0;
	t->percent_bp = req_int(rq, "percent", 0);
	t->amount_minor = req_int(rq, "amount", 0);
	t->min_order_minor = req_int(rq, "min_order", 0);
	t->max_uses = req_int(rq, "max_uses", 0);
	t->per_customer = req_int(rq, "per_customer", 0);
	t->category_id = req_int(rq, "category", 0);
	t->note = req_str(rq, "note");
	if (t->percent && t->percent_bp <= 0) {
		route_form_error(rq, "percent", "Enter the percentage off, such as 10 or 12.5 (at most 100).");
		bad = 1;
	}
	if (!t->percent && t->amount_minor <= 0) {
		route_form_error(rq, "amount", "Enter the amount off, such as 5.00.");
		bad = 1;
	}
	/* Whole days in UTC: from the first day's midnight to the end of the
	 * last day (the next midnight, which coupons.ends_at names). */
	if (starts != NULL && *starts != '\0')
		t->starts_at = promotion_parse_day(starts);
	if (ends != NULL && *ends != '\0')
		t->ends_at = promotion_parse_day(ends) + 86400;
	if (t->starts_at < 0 || t->ends_at < 0) {
		route_form_error(rq, t->starts_at < 0 ? "starts" : "ends", "Enter a date that exists, like 2026-12-31.");
		bad = 1;
	} else if (t->starts_at != 0 && t->ends_at != 0 && t->ends_at <= t->starts_at) {
		route_form_error(rq, "ends", "The last day cannot be before the first day.");
		bad = 1;
	}
	if (t->category_id != 0) {
		long long n = db_scalar(-1, "SELECT COUNT(*) FROM categories WHERE id = ?", "i", t->category_id);

		if (n != 1) {
			route_form_error(rq, "category", n < 0 ? "The categories could not be read just now: try again."
					 : "Choose a category from the list.");
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

/* The category choices, indented by depth, the one chosen selected. */
static int
coupon_form_categories(tmpl_dict *f, struct arena *a, long long chosen)
{
	struct db_result *r;

	r = db_query("WITH RECURSIVE tree (id, name, depth, path) AS (SELECT id, name, 0,"
		     " CAST(LPAD(position, 6, '0') AS CHAR(1000)) FROM categories WHERE parent_id IS NULL"
		     " UNION ALL SELECT k.id, k.name, t.depth + 1, CONCAT(t.path, '/', LPAD(k.position, 6, '0'))"
		     " FROM categories k JOIN tree t ON k.parent_id = t.id)"
		     " SELECT id, name, depth FROM tree ORDER BY path, name", "");
	if (r == NULL)
		return -1;
	while (db_next(r) == 1) {
		tmpl_dict *opt = tmpl_section(f, "CATEGORY_OPTION");
		long long depth = db_int(r, 2);

		tmpl_set_int(opt, "ID", db_int(r, 0));
		tmpl_set(opt, "NAME", arena_printf(a, "%.*s%s", (int)(depth > 8 ? 16 : depth * 2),
						   "\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0"
						   "\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0",
						   db_str(r, 1)));
		if (db_int(r, 0) == chosen)
			tmpl_show(opt, "SELECTED");
	}
	db_free(r);
	return 0;
}

/* A day of a date-time for a date field: "2026-12-31". */
static char *
coupon_form_day(struct arena *a, time_t t)
{
	char day[16];
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(day, sizeof day, "%Y-%m-%d", &tm);
	return arena_strdup(a, day);
}

int
coupon_form_fill(struct req *rq, tmpl_dict *f, const struct coupon *c)
{
	struct arena *a = &rq->arena;
	int posted = strcmp(rq->method, "POST") == 0;
	const char *kind = posted ? req_str(rq, "kind") : c == NULL || c->percent ? "percent" : "fixed";
	long long category = posted ? req_int(rq, "category", 0) : c ? c->category_id : 0;
	char amount[32];

	tmpl_set_int(f, "CODE_MAX", COUPON_CODE_MAX);
	tmpl_set_int(f, "NOTE_MAX", COUPON_NOTE_MAX);
	if (kind != NULL)
		tmpl_show(f, strcmp(kind, "percent") == 0 ? "KIND_PERCENT" : "KIND_FIXED");
	if (c != NULL && !posted) {
		if (c->percent)
			tmpl_set(f, "PERCENT", money_plain(c->percent_bp, amount, sizeof amount));
		else
			tmpl_set(f, "AMOUNT", money_plain(c->amount_minor, amount, sizeof amount));
		if (c->min_order_minor > 0)
			tmpl_set(f, "MIN_ORDER", money_plain(c->min_order_minor, amount, sizeof amount));
		if (c->starts_at != 0)
			tmpl_set(f, "STARTS", coupon_form_day(a, c->starts_at));
		if (c->ends_at != 0)
			tmpl_set(f, "ENDS", coupon_form_day(a, c->ends_at - 1));
		if (c->max_uses != 0)
			tmpl_set_int(f, "MAX_USES", c->max_uses);
		if (c->per_customer != 0)
			tmpl_set_int(f, "PER_CUSTOMER", c->per_customer);
		tmpl_set(f, "NOTE", c->note);
	}
	return coupon_form_categories(f, a, category);
}

void
coupon_list_row(struct arena *a, tmpl_dict *row, const struct coupon *c, time_t now)
{
	char amount[64];
	const char *discount = coupon_describe(a, c);

	tmpl_set(row, "CODE", c->code);
	if (c->min_order_minor > 0)
		discount = arena_printf(a, "%s, orders from %s", discount,
					money_format(c->min_order_minor, amount, sizeof amount));
	tmpl_set(row, "DISCOUNT", discount);
	tmpl_set(row, "SCOPE", coupon_scope_text(a, c));
	tmpl_set(row, "VALIDITY", coupon_validity_text(a, c));
	tmpl_set(row, "USES", c->max_uses != 0 ? arena_printf(a, "%lld of %lld", c->uses, c->max_uses)
		 : view_group_digits(a, c->uses));
	tmpl_set(row, "PER_CUSTOMER", c->per_customer != 0 ? view_group_digits(a, c->per_customer) : "No limit");
	tmpl_set(row, "STATE", coupon_state(c, now));
	if (*c->note)
		tmpl_set(tmpl_section(row, "HAS_NOTE"), "NOTE", c->note);
}
