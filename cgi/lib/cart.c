/*
 * cart: the shopping cart (cart.h).
 */
#include "cart.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "hdr.h"
#include "log.h"
#include "sess.h"
#include "token.h"
#include "visitor.h"

/* The stored form of a visitor id: BLAKE2b-256 of its text. */
static void
cart_visitor_hash(const char *id, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)id, strlen(id), NULL, 0);
}

static void
cart_new_header_key(char out[HDR_KEY_LEN + 1])
{
	unsigned char raw[HDR_KEY_LEN / 2];

	randombytes_buf(raw, sizeof raw);
	token_hex(raw, sizeof raw, out);
}

long long
cart_for_user(long long user_id, int create)
{
	char key[HDR_KEY_LEN + 1];
	long long id;

	id = db_scalar(-1, "SELECT COALESCE(MAX(id), 0) FROM carts WHERE user_id = ?", "i", user_id);
	if (id != 0 || !create)
		return id;
	cart_new_header_key(key);
	if (db_exec("INSERT IGNORE INTO carts (user_id, header_key) VALUES (?, ?)", "is", user_id, key) < 0)
		return -1;
	return db_scalar(-1, "SELECT COALESCE(MAX(id), 0) FROM carts WHERE user_id = ?", "i", user_id);
}

long long
cart_for_visitor(const char *visitor, int create)
{
	unsigned char h[32];
	char key[HDR_KEY_LEN + 1];
	long long id;

	if (!token_hex_valid(visitor, VISITOR_ID_LEN))
		return 0;
	cart_visitor_hash(visitor, h);
	id = db_scalar(-1, "SELECT COALESCE(MAX(id), 0) FROM carts WHERE visitor_hash = ?", "b", h, sizeof h);
	if (id != 0 || !create)
		return id;
	cart_new_header_key(key);
	if (db_exec("INSERT IGNORE INTO carts (visitor_hash, header_key) VALUES (?, ?)", "bs", h, sizeof h,
		    key) < 0)
		return -1;
	return db_scalar(-1, "SELECT COALESCE(MAX(id), 0) FROM carts WHERE visitor_hash = ?", "b", h, sizeof h);
}

long long
cart_for_request(struct req *rq, int create)
{
	const char *visitor;

	if (rq->sess != NULL)
		return cart_for_user(rq->sess->user_id, create);
	visitor = visitor_id(rq, NULL, 0);
	if (visitor == NULL)
		return 0;
	return cart_for_visitor(visitor, create);
}

int
cart_header_key(long long cart_id, char out[HDR_KEY_LEN + 1])
{
	struct db_result *r;
	const char *k;
	int rc = -1;

	out[0] = '\0';
	if (cart_id <= 0)
		return -1;
	r = db_query("SELECT header_key FROM carts WHERE id = ?", "i", cart_id);
	if (r != NULL && db_next(r) && (k = db_str(r, 0)) != NULL && token_hex_valid(k, HDR_KEY_LEN)) {
		memcpy(out, k, HDR_KEY_LEN + 1);
		rc = 0;
	}
	db_free(r);
	return rc;
}

/* One statement for both lists: the saved flag is bound. */
#define CART_LINES_SQL \
	"SELECT ci.id, ci.product_id, p.vendor_id, ci.quantity, ci.saved, ci.price_added_minor," \
	" p.price_minor, p.stock, p.status, v.status, p.name, p.slug, v.trading_name, v.slug" \
	" FROM cart_items ci JOIN products p ON p.id = ci.product_id" \
	" JOIN vendors v ON v.id = p.vendor_id" \
	" WHERE ci.cart_id = ? AND ci.saved = ?" \
	" ORDER BY v.trading_name, v.id, ci.added_at, ci.id"

static void
cart_copy(char *dst, size_t size, const char *src)
{
	size_t n = src ? strlen(src) : 0;

	if (n >= size)
		n = size - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

static int
cart_read_lines(long long cart_id, long long saved, struct cart_line **out, size_t *n)
{
	struct db_result *r;
	struct cart_line *lines = NULL, *l;
	size_t i = 0;

	*out = NULL;
	*n = 0;
	if (cart_id <= 0)
		return 0;
	if ((r = db_query(CART_LINES_SQL, "ii", cart_id, saved)) == NULL)
		return -1;
	if (db_rows(r) > 0 && (lines = calloc(db_rows(r), sizeof *lines)) == NULL) {
		db_free(r);
		return -1;
	}
	while (db_next(r)) {
		l = &lines[i++];
		l->id = db_int(r, 0);
		l->product_id = db_int(r, 1);
		l->vendor_id = db_int(r, 2);
		l->quantity = (int)db_int(r, 3);
		l->saved = (int)db_int(r, 4);
		l->price_added_minor = db_int(r, 5);
		l->price_minor = db_int(r, 6);
		l->stock = db_int(r, 7);
		cart_copy(l->status, sizeof l->status, db_str(r, 8));
		l->available = strcmp(l->status, "active") == 0 && db_str(r, 9) != NULL &&
			       strcmp(db_str(r, 9), "verified") == 0;
		cart_copy(l->name, sizeof l->name, db_str(r, 10));
		cart_copy(l->slug, sizeof l->slug, db_str(r, 11));
		cart_copy(l->vendor_name, sizeof l->vendor_name, db_str(r, 12));
		cart_copy(l->vendor_slug, sizeof l->vendor_slug, db_str(r, 13));
		if (!l->available)
			l->warnings |= CART_WARN_GONE;
		else if (l->stock <= 0)
			l->warnings |= CART_WARN_SOLD_OUT;
		else if (l->stock < l->quantity)
			l->warnings |= CART_WARN_SHORT;
		if (l->price_minor != l->price_added_minor)
			l->warnings |= CART_WARN_PRICE;
	}
	db_free(r);
	*out = lines;
	*n = i;
	return 0;
}

int
cart_lines(long long cart_id, struct cart_line **out, size_t *n)
{
	return cart_read_lines(cart_id, 0, out, n);
}

int
cart_saved_lines(long long cart_id, struct cart_line **out, size_t *n)
{
	return cart_read_lines(cart_id, 1, out, n);
}

void
cart_lines_free(struct cart_line *lines)
{
	free(lines);
}

long long
cart_count(long long cart_id)
{
	if (cart_id <= 0)
		return 0;
	return db_scalar(-1, "SELECT COALESCE(SUM(quantity), 0) FROM cart_items WHERE cart_id = ? AND saved = 0",
			 "i", cart_id);
}

void
cart_changed(long long cart_id)
{
	char key[HDR_KEY_LEN + 1];

	if (cart_header_key(cart_id, key) == 0)
		hdr_forget(key);
}

struct cart_add_tx {
	long long cart_id, product_id, left;
	int quantity;
};

static int
cart_add_in_tx(void *arg)
{
	struct cart_add_tx *a = arg;
	struct db_result *r;
	long long price, stock, have = 0, lines, total;
	int found;

	/* The cart's row first: two adds to one cart take turns, so the
	 * count of lines below holds. */
	if (db_scalar(-1, "SELECT id FROM carts WHERE id = ? FOR UPDATE", "i", a->cart_id) != a->cart_id)
		return CART_NOT_FOUND;
	r = db_query("SELECT p.price_minor, p.stock FROM products p JOIN vendors v ON v.id = p.vendor_id"
		     " WHERE p.id = ? AND p.status = 'active' AND v.status = 'verified'",
		     "i", a->product_id);
	if (r == NULL)
		return -1;
	found = db_next(r);
	price = found ? db_int(r, 0) : 0;
	stock = found ? db_int(r, 1) : 0;
	db_free(r);
	if (!found)
		return CART_NOT_FOUND;
	if (stock <= 0)
		return CART_SOLD_OUT;
	r = db_query("SELECT quantity, saved FROM cart_items WHERE cart_id = ? AND product_id = ?", "ii",
		     a->cart_id, a->product_id);
	if (r == NULL)
		return -1;
	found = db_next(r);
	if (found && db_int(r, 1) == 0)
		have = db_int(r, 0);	/* a saved line starts again from what is added */
	db_free(r);
	total = have + a->quantity;
	if (total > CART_QTY_MAX || total > stock) {
		a->left = (stock < CART_QTY_MAX ? stock : CART_QTY_MAX) - have;
		if (a->left < 0)
			a->left = 0;
		return CART_TOO_MANY;
	}
	if (!found) {
		lines = db_scalar(-1, "SELECT COUNT(*) FROM cart_items WHERE cart_id = ?", "i", a->cart_id);
		if (lines < 0)
			return -1;
		if (lines >= CART_LINES_MAX)
			return CART_FULL;
		if (db_exec("INSERT INTO cart_items (cart_id, product_id, quantity, saved, price_added_minor)"
			    " VALUES (?, ?, ?, 0, ?)", "iiii", a->cart_id, a->product_id, total, price) != 1)
			return -1;
	} else if (db_exec("UPDATE cart_items SET quantity = ?, saved = 0, price_added_minor = ?"
			   " WHERE cart_id = ? AND product_id = ?", "iiii", total, price, a->cart_id,
			   a->product_id) < 0) {
		return -1;
	}
	db_after_commit(cart_changed, a->cart_id);
	return 0;
}

int
cart_add(long long cart_id, long long product_id, int quantity, long long *left)
{
	struct cart_add_tx a = { cart_id, product_id, 0, quantity };
	int rc;

	if (left)
		*left = 0;
	if (cart_id <= 0 || product_id <= 0)
		return CART_NOT_FOUND;
	if (quantity < 1 || quantity > CART_QTY_MAX)
		return CART_TOO_MANY;
	rc = db_tx(cart_add_in_tx, &a);
	if (rc == CART_TOO_MANY && left)
		*left = a.left;
	return rc;
}

int
cart_set_quantity(long long cart_id, long long line_id, int quantity, long long *stock)
{
	struct db_result *r;
	long long have, on_hand;
	int found;

	if (stock)
		*stock = 0;
	if (quantity < 1 || quantity > CART_QTY_MAX)
		return CART_TOO_MANY;
	r = db_query("SELECT ci.quantity, p.stock FROM cart_items ci JOIN products p ON p.id = ci.product_id"
		     " WHERE ci.id = ? AND ci.cart_id = ?", "ii", line_id, cart_id);
	if (r == NULL)
		return -1;
	found = db_next(r);
	have = found ? db_int(r, 0) : 0;
	on_hand = found ? db_int(r, 1) : 0;
	db_free(r);
	if (!found)
		return CART_NOT_FOUND;
	if (quantity > have && quantity > on_hand) {
		if (stock)
			*stock = on_hand;
		return CART_TOO_MANY;
	}
	if (db_exec("UPDATE cart_items SET quantity = ? WHERE id = ? AND cart_id = ?", "iii", (long long)quantity,
		    line_id, cart_id) < 0)
		return -1;
	db_after_commit(cart_changed, cart_id);
	return 0;
}

int
cart_remove(long long cart_id, long long line_id)
{
	long long n = db_exec("DELETE FROM cart_items WHERE id = ? AND cart_id = ?", "ii", line_id, cart_id);

	if (n < 0)
		return -1;
	if (n == 0)
		return CART_NOT_FOUND;
	db_after_commit(cart_changed, cart_id);
	return 0;
}

int
cart_save_for_later(long long cart_id, long long line_id, int saved)
{
	long long n = db_scalar(-1, "SELECT COUNT(*) FROM cart_items WHERE id = ? AND cart_id = ?", "ii",
				line_id, cart_id);

	if (n < 0)
		return -1;
	if (n == 0)
		return CART_NOT_FOUND;
	if (db_exec("UPDATE cart_items SET saved = ? WHERE id = ? AND cart_id = ?", "iii", (long long)(saved != 0),
		    line_id, cart_id) < 0)
		return -1;
	db_after_commit(cart_changed, cart_id);
	return 0;
}

long long
cart_remove_ordered(long long cart_id, const long long *product_ids, size_t n)
{
	long long total = 0, k;
	size_t i;

	if (!db_in_transaction()) {
		log_error("cart.remove_ordered", "cart=%lld msg=%s", cart_id,
			  log_quote("must run inside a transaction"));
		return -1;
	}
	for (i = 0; i < n; i++) {
		k = db_exec("DELETE FROM cart_items WHERE cart_id = ? AND product_id = ? AND saved = 0", "ii",
			    cart_id, product_ids[i]);
		if (k < 0)
			return -1;
		total += k;
	}
	db_after_commit(cart_changed, cart_id);
	return total;
}

struct cart_merge_tx {
	long long from, to;
	int moved;
};

static int
cart_merge_in_tx(void *arg)
{
	struct cart_merge_tx *m = arg;
	struct db_result *r;
	long long lines;

	/* Both carts locked, the user's first, so two logins at once take turns. */
	if (db_scalar(-1, "SELECT id FROM carts WHERE id = ? FOR UPDATE", "i", m->to) != m->to ||
	    db_scalar(-1, "SELECT id FROM carts WHERE id = ? FOR UPDATE", "i", m->from) != m->from)
		return -1;
	m->moved = 0;
	r = db_query("SELECT product_id, quantity, saved, price_added_minor FROM cart_items"
		     " WHERE cart_id = ? ORDER BY saved, added_at, id", "i", m->from);
	if (r == NULL)
		return -1;
	while (db_next(r)) {
		long long product = db_int(r, 0), qty = db_int(r, 1), saved = db_int(r, 2), price = db_int(r, 3);
		long long n;

		/* A product in both: one line, quantities added (capped), to buy
		 * if either was. */
		n = db_exec("UPDATE cart_items SET quantity = LEAST(quantity + ?, ?), saved = LEAST(saved, ?)"
			    " WHERE cart_id = ? AND product_id = ?", "iiiii", qty, (long long)CART_QTY_MAX,
			    saved, m->to, product);
		if (n < 0)
			goto fail;
		if (n == 0) {
			lines = db_scalar(-1, "SELECT COUNT(*) FROM cart_items WHERE cart_id = ?", "i", m->to);
			if (lines < 0)
				goto fail;
			if (lines >= CART_LINES_MAX)
				continue;
			if (db_exec("INSERT INTO cart_items (cart_id, product_id, quantity, saved, price_added_minor)"
				    " VALUES (?, ?, ?, ?, ?)", "iiiii", m->to, product, qty, saved, price) != 1)
				goto fail;
		}
		m->moved++;
	}
	db_free(r);
	if (db_exec("DELETE FROM carts WHERE id = ?", "i", m->from) < 0)
		return -1;
	db_after_commit(cart_changed, m->to);
	return 0;
fail:
	db_free(r);
	return -1;
}

int
cart_merge_at_login(struct req *rq, long long user_id)
{
	struct cart_merge_tx m = { 0, 0, 0 };
	const char *visitor = visitor_id(rq, NULL, 0);

	if (visitor == NULL)
		return 0;
	if ((m.from = cart_for_visitor(visitor, 0)) <= 0)
		return m.from < 0 ? -1 : 0;
	if ((m.to = cart_for_user(user_id, 1)) <= 0)
		return -1;
	if (db_tx(cart_merge_in_tx, &m) != 0) {
		log_error("cart.merge", "from=%lld to=%lld msg=%s", m.from, m.to, log_quote("not merged"));
		return -1;
	}
	log_info("cart.merged", "from=%lld to=%lld lines=%d", m.from, m.to, m.moved);
	return m.moved;
}

void
cart_header_cookie(struct req *rq, struct resp *rs, long long cart_id)
{
	char key[HDR_KEY_LEN + 1];
	const char *have = hdr_cookie(rq);

	if (cart_id <= 0 || cart_header_key(cart_id, key) != 0) {
		if (req_cookie(rq, HDR_COOKIE) != NULL)
			hdr_set_cookie(rq, rs, NULL);
		return;
	}
	if (have == NULL || strcmp(have, key) != 0)
		hdr_set_cookie(rq, rs, key);
}

void
cart_login(struct req *rq, struct resp *rs, long long user_id)
{
	long long cart;

	cart_merge_at_login(rq, user_id);
	if ((cart = cart_for_user(user_id, 1)) > 0)
		cart_header_cookie(rq, rs, cart);
}

void
cart_user_changed(long long user_id)
{
	struct db_result *r;
	const char *k;

	r = db_query("SELECT header_key FROM carts WHERE user_id = ?", "i", user_id);
	if (r != NULL && db_next(r) && (k = db_str(r, 0)) != NULL)
		hdr_forget(k);
	db_free(r);
}
