/*
 * wishlist: saved products and their alerts (see wishlist.h).
 */
#include "wishlist.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "catalog.h"
#include "clock.h"
#include "db.h"
#include "events.h"
#include "log.h"
#include "money.h"
#include "notify.h"
#include "tmpl.h"

/* A product a shopper can buy: active, of a verified shop. */
static const char wishlist_on_sale_sql[] =
	"SELECT p.price_minor, p.stock, p.name, p.slug FROM products p JOIN vendors v ON v.id = p.vendor_id"
	" WHERE p.id = ? AND p.status = 'active' AND v.status = 'verified'";
static const char wishlist_owned_sql[] =
	"SELECT id FROM wishlists WHERE id = ? AND user_id = ? FOR UPDATE";

long long
wishlist_default(long long user_id)
{
	long long id = db_scalar(-1, "SELECT MIN(id) FROM wishlists WHERE user_id = ?", "i", user_id);

	if (id > 0)
		return id;
	if (db_exec("INSERT INTO wishlists (user_id, name) VALUES (?, ?)", "is", user_id,
		    WISHLIST_DEFAULT_NAME) != 1)
		return -1;
	return (long long)db_insert_id();
}

long long
wishlist_create(long long user_id, const char *name)
{
	long long n = db_scalar(-1, "SELECT COUNT(*) FROM wishlists WHERE user_id = ?", "i", user_id);

	if (n < 0)
		return -1;
	if (n >= WISHLIST_LISTS_MAX)
		return WISHLIST_FULL;
	if (db_exec("INSERT INTO wishlists (user_id, name) VALUES (?, ?)", "is", user_id, name) != 1)
		return -1;
	return (long long)db_insert_id();
}

int
wishlist_delete(long long user_id, long long list_id)
{
	long long n = db_exec("DELETE FROM wishlists WHERE id = ? AND user_id = ?", "ii", list_id, user_id);

	return n < 0 ? -1 : n == 0 ? WISHLIST_NOT_FOUND : 0;
}

/* 1 when the list is the account's (locked for the transaction), 0, -1. */
static int
wishlist_owned(long long user_id, long long list_id)
{
	long long id = db_scalar(-1, wishlist_owned_sql, "ii", list_id, user_id);

	return id == list_id ? 1 : id == -1 && db_errno() != 0 ? -1 : 0;
}

static int
wishlist_save_tx(long long user_id, long long list_id, long long product_id)
{
	struct db_result *r;
	long long price, stock, n;
	int owned;

	if (list_id == 0 && (list_id = wishlist_default(user_id)) < 0)
		return -1;
	if ((owned = wishlist_owned(user_id, list_id)) <= 0)
		return owned < 0 ? -1 : WISHLIST_NOT_FOUND;
	if ((r = db_query(wishlist_on_sale_sql, "i", product_id)) == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		return WISHLIST_NOT_FOUND;
	}
	price = db_int(r, 0);
	stock = db_int(r, 1);
	db_free(r);
	if (db_scalar(-1, "SELECT COUNT(*) FROM wishlist_items WHERE wishlist_id = ? AND product_id = ?", "ii",
		      list_id, product_id) > 0)
		return WISHLIST_ALREADY;
	if ((n = db_scalar(-1, "SELECT COUNT(*) FROM wishlist_items WHERE wishlist_id = ?", "i", list_id)) < 0)
		return -1;
	if (n >= WISHLIST_ITEMS_MAX)
		return WISHLIST_FULL;
	if (db_exec("INSERT INTO wishlist_items (wishlist_id, product_id, price_seen_minor, in_stock_seen)"
		    " VALUES (?, ?, ?, ?)", "iiii", list_id, product_id, price, (long long)(stock > 0)) != 1)
		return -1;
	return 0;
}

/* Runs fn's statements in one transaction; its result, or -1. */
static int
wishlist_in_tx(int rc_of_fn(long long, long long, long long), long long a, long long b, long long c)
{
	int rc;

	if (db_begin() != 0)
		return -1;
	rc = rc_of_fn(a, b, c);
	if (rc < 0 && rc != WISHLIST_NOT_FOUND && rc != WISHLIST_FULL) {
		db_rollback();
		return -1;
	}
	if (db_commit() != 0) {
		db_rollback();
		return -1;
	}
	return rc;
}

int
wishlist_save(long long user_id, long long list_id, long long product_id)
{
	return wishlist_in_tx(wishlist_save_tx, user_id, list_id, product_id);
}

int
wishlist_remove(long long user_id, long long list_id, long long product_id)
{
	long long n = db_exec("DELETE wi FROM wishlist_items wi JOIN wishlists w ON w.id = wi.wishlist_id"
			      " WHERE wi.wishlist_id = ? AND wi.product_id = ? AND w.user_id = ?",
			      "iii", list_id, product_id, user_id);

	return n < 0 ? -1 : n == 0 ? WISHLIST_NOT_FOUND : 0;
}

int
wishlist_move(long long user_id, long long from_id, long long to_id, long long product_id)
{
	long long n;
	int rc = -1;

	if (from_id == to_id)
		return db_scalar(-1, "SELECT COUNT(*) FROM wishlist_items wi JOIN wishlists w ON w.id = wi.wishlist_id"
				 " WHERE wi.wishlist_id = ? AND wi.product_id = ? AND w.user_id = ?",
				 "iii", from_id, product_id, user_id) > 0 ? 0 : WISHLIST_NOT_FOUND;
	if (db_begin() != 0)
		return -1;
	if (wishlist_owned(user_id, from_id) != 1 || wishlist_owned(user_id, to_id) != 1) {
		rc = WISHLIST_NOT_FOUND;
		goto out;
	}
	if ((n = db_scalar(-1, "SELECT COUNT(*) FROM wishlist_items WHERE wishlist_id = ?", "i", to_id)) < 0)
		goto out;
	if (n >= WISHLIST_ITEMS_MAX) {
		rc = WISHLIST_FULL;
		goto out;
	}
	if ((n = db_exec("INSERT IGNORE INTO wishlist_items (wishlist_id, product_id, price_seen_minor, in_stock_seen,"
			 " added_at) SELECT ?, product_id, price_seen_minor, in_stock_seen, added_at FROM wishlist_items"
			 " WHERE wishlist_id = ? AND product_id = ?", "iii", to_id, from_id, product_id)) < 0)
		goto out;
	if ((n = db_exec("DELETE FROM wishlist_items WHERE wishlist_id = ? AND product_id = ?", "ii", from_id,
			 product_id)) < 0)
		goto out;
	rc = n == 0 ? WISHLIST_NOT_FOUND : 0;
out:
	if (rc == 0 || rc == WISHLIST_NOT_FOUND || rc == WISHLIST_FULL) {
		if (rc == 0 ? db_commit() != 0 : db_rollback() != 0)
			rc = -1;
	} else {
		db_rollback();
	}
	return rc;
}

int
wishlist_share(long long user_id, long long list_id, int on, char *token)
{
	unsigned char raw[WISHLIST_TOKEN_LEN / 2];
	long long n;

	if (on) {
		if (sodium_init() < 0)
			return -1;
		randombytes_buf(raw, sizeof raw);
		sodium_bin2hex(token, WISHLIST_TOKEN_LEN + 1, raw, sizeof raw);
		n = db_exec("UPDATE wishlists SET share_token = ? WHERE id = ? AND user_id = ?", "sii", token, list_id,
			    user_id);
	} else {
		n = db_exec("UPDATE wishlists SET share_token = NULL WHERE id = ? AND user_id = ?", "ii", list_id,
			    user_id);
	}
	if (n < 0)
		return -1;
	if (n == 0)
		return db_scalar(0, "SELECT COUNT(*) FROM wishlists WHERE id = ? AND user_id = ?", "ii", list_id,
				 user_id) > 0 ? 0 : WISHLIST_NOT_FOUND;
	return 0;
}

int
wishlist_token_valid(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != WISHLIST_TOKEN_LEN)
		return 0;
	for (i = 0; i < WISHLIST_TOKEN_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* ---- the alerts ------------------------------------------------------------------------ */

struct wishlist_product {
	long long id, price, stock;
	const char *name, *path;
};

/* Tells one account (see wishlist_product_changed). 0, or -1. */
static int
wishlist_tell(long long user_id, const struct wishlist_product *p, long long old_price, int drop)
{
	const char *kind = drop ? "price_drop" : "back_in_stock";
	char price[64], before[64], day[24], text[400];
	tmpl_dict *d = NULL;
	int wanted, mail = 0;

	money_format(p->price, price, sizeof price);
	money_format(old_price, before, sizeof before);
	if (drop)
		snprintf(text, sizeof text, "%s is now %s (was %s)", p->name, price, before);
	else
		snprintf(text, sizeof text, "%s is back in stock", p->name);
	if ((wanted = notify_mail_wanted(user_id, NOTIFY_SHOPPER, kind)) < 0)
		return -1;
	if (wanted) {
		clock_datetime(clock_now(), day, sizeof day);
		day[10] = '\0';
		mail = (int)db_exec("INSERT IGNORE INTO wishlist_mail_days (user_id, day) VALUES (?, ?)", "is",
				    user_id, day);
		if (mail < 0)
			return -1;
	}
	if (mail) {
		d = tmpl_dict_new("mail");
		tmpl_set(d, "PRODUCT", p->name);
		tmpl_set(d, "PRICE", price);
		tmpl_set(d, "PRODUCT_PATH", p->path);
		if (drop)
			tmpl_set(tmpl_section(d, "DROP"), "BEFORE", before);
		else
			tmpl_show(d, "BACK");
	}
	return notify_user(user_id, NOTIFY_SHOPPER, kind, text, p->path,
			   drop ? "A product you saved is cheaper" : "A product you saved is back in stock",
			   mail ? "wishlist_alert" : NULL, d) < 0 ? -1 : 0;
}

int
wishlist_product_changed(const struct event *ev, void *arg)
{
	char path[300];
	struct wishlist_product p = { .id = ev->subject_id };
	struct db_result *r, *items;
	long long last_user = 0;
	int rc = 0, held = 0;

	(void)arg;
	if ((r = db_query(wishlist_on_sale_sql, "i", p.id)) == NULL)
		return -1;
	if (!db_next(r)) {
		db_free(r);
		return 0;
	}
	p.price = db_int(r, 0);
	p.stock = db_int(r, 1);
	p.name = db_str(r, 2);
	p.path = catalog_product_path(p.id, db_str(r, 3), path, sizeof path);
	/* Each account once, however many of its lists hold the product: its
	 * lowest price seen, and whether any list saw it in stock. */
	items = db_query("SELECT w.user_id, MIN(wi.price_seen_minor), MAX(wi.in_stock_seen)"
			 " FROM wishlist_items wi JOIN wishlists w ON w.id = wi.wishlist_id"
			 " WHERE wi.product_id = ? GROUP BY w.user_id ORDER BY w.user_id", "i", p.id);
	if (items == NULL) {
		db_free(r);
		return -1;
	}
	while (rc == 0 && db_next(items)) {
		long long user = db_int(items, 0), seen = db_int(items, 1);
		int was_in_stock = db_int(items, 2) != 0;

		held = 1;
		if (user == last_user)
			continue;
		last_user = user;
		if (p.price < seen)
			rc = wishlist_tell(user, &p, seen, 1);
		else if (p.stock > 0 && !was_in_stock)
			rc = wishlist_tell(user, &p, seen, 0);
	}
	db_free(items);
	if (rc == 0 && db_exec("UPDATE wishlist_items SET price_seen_minor = ?, in_stock_seen = ? WHERE product_id = ?",
			       "iii", p.price, (long long)(p.stock > 0), p.id) < 0)
		rc = -1;
	/* A line for a product some list holds; the many that none holds
	 * (every change of the catalogue comes here) only at debug level. */
	if (rc == 0)
		log_event(held ? LOG_INFO : LOG_DEBUG, "wishlist.product", "product=%lld price=%lld stock=%lld",
			  p.id, p.price, p.stock);
	db_free(r);
	return rc;
}
