/*
 * cart: the shopping cart (schema/0013_cart.sql).
 *
 * A visitor's cart is the logged-in user's (one per user, the same on every
 * device and still there after logout) or, for a visitor without a session,
 * the one named by the bz_visitor id (visitor.h; the table keeps only its
 * BLAKE2b hash). Logging in merges the visitor's cart into the user's
 * (cart_merge_at_login).
 *
 * A cart holds one line per product: a quantity of 1..CART_QTY_MAX, either
 * to buy or saved for later, and the price it had when it was added. What a
 * line costs, whether it is in stock and still sold is read from the
 * product each time (cart_lines), never trusted from the cart or a form:
 * the warnings say what changed since it was added.
 *
 * Every function that takes a cart id and a line id changes the line only
 * when it belongs to that cart (WHERE id = ? AND cart_id = ?): another
 * visitor's line id is "not found". After a change commits, the visitor's
 * header fragment (the cart count on cached pages, hdr.h) is told through
 * cart_changed.
 */
#ifndef BAZAAR_CART_H
#define BAZAAR_CART_H
#include <stddef.h>

#include "req.h"
#include "resp.h"

#define CART_QTY_MAX	99	/* units of one product in a cart */
#define CART_LINES_MAX	100	/* products in one cart, saved ones included */

/* Results besides 0 (done) and -1 (database error, logged; nothing changed). */
#define CART_NOT_FOUND	1	/* no such product on sale, or no such line in this cart */
#define CART_SOLD_OUT	2	/* the product has no stock */
#define CART_TOO_MANY	3	/* more than the stock (or CART_QTY_MAX) asked for */
#define CART_FULL	4	/* the cart already holds CART_LINES_MAX products */

/* What changed since a line was added (struct cart_line's warnings). */
#define CART_WARN_PRICE		1u	/* the price is not the price when added */
#define CART_WARN_SOLD_OUT	2u	/* no stock left */
#define CART_WARN_SHORT		4u	/* some stock, less than the quantity */
#define CART_WARN_GONE		8u	/* no longer sold (withdrawn, shop closed) */

struct cart_line {
	long long id;			/* cart_items.id */
	long long product_id;
	long long vendor_id;
	int quantity;
	int saved;			/* 1: saved for later */
	long long price_added_minor;	/* the price when added */
	long long price_minor;		/* the product's price now */
	long long stock;		/* the product's stock now */
	int available;			/* on sale now: active, of a verified shop */
	unsigned warnings;		/* CART_WARN_* */
	char status[16];		/* products.status */
	char name[201];
	char slug[81];
	char vendor_name[121];
	char vendor_slug[81];
};

/*
 * The visitor's cart id: the logged-in user's (rq->sess, loaded by the
 * guard), else the one of the bz_visitor id. 0 when there is none; with
 * create set, an empty cart is made first (for an anonymous visitor only
 * when the request has a visitor id: a page that adds makes the id with
 * visitor_id(rq, rs, 1) and calls cart_for_visitor). -1 on a database error.
 */
long long cart_for_request(struct req *rq, int create);
/* The cart of user_id, or of the anonymous visitor id (visitor.h), as
 * cart_for_request. */
long long cart_for_user(long long user_id, int create);
long long cart_for_visitor(const char *visitor_id, int create);
/* The cart's header key (carts.header_key: the bz_hk cookie of its owner,
 * hdr.h) into out. Returns 0, or -1 when there is no such cart. */
int cart_header_key(long long cart_id, char out[33]);

/*
 * The lines to buy (cart_lines: not the saved ones) or the saved ones
 * (cart_saved_lines), ordered by shop (its name, then id) and then by when
 * they were added, each with the product's current price, stock, status
 * and the warnings. *out is malloc'd (NULL when there are none); free it
 * with cart_lines_free. Returns 0 or -1.
 */
int cart_lines(long long cart_id, struct cart_line **out, size_t *n);
int cart_saved_lines(long long cart_id, struct cart_line **out, size_t *n);
void cart_lines_free(struct cart_line *lines);

/* Units to buy in the cart (saved lines not counted): the header's count.
 * 0 for cart 0; -1 on a database error. */
long long cart_count(long long cart_id);

/*
 * Adds quantity (1..CART_QTY_MAX) of a product on sale to the cart; a
 * product already there gets the quantity added, moves back from the saved
 * lines and takes its current price as its price when added. Refused:
 * CART_NOT_FOUND (not on sale), CART_SOLD_OUT, CART_TOO_MANY (the total
 * would pass the stock or CART_QTY_MAX; *left is the most that can be
 * added, 0 for none), CART_FULL. left may be NULL.
 */
int cart_add(long long cart_id, long long product_id, int quantity, long long *left);
/* Sets a line's quantity (1..CART_QTY_MAX). A quantity above the stock is
 * refused with CART_TOO_MANY and *stock set (left may be NULL); lowering it
 * is always allowed. CART_NOT_FOUND for a line not in this cart. */
int cart_set_quantity(long long cart_id, long long line_id, int quantity, long long *stock);
/* Removes a line; CART_NOT_FOUND for a line not in this cart. */
int cart_remove(long long cart_id, long long line_id);
/* Moves a line to the saved ones (saved = 1) or back to the lines to buy
 * (0); CART_NOT_FOUND for a line not in this cart. */
int cart_save_for_later(long long cart_id, long long line_id, int saved);

/*
 * For order placement, inside its transaction: removes the lines to buy of
 * these products (n ids) from the cart; saved lines stay. Returns the number
 * of lines removed or -1 (also when called outside a transaction).
 */
long long cart_remove_ordered(long long cart_id, const long long *product_ids, size_t n);

/*
 * After a login (auth OK) of user_id: the visitor's anonymous cart (by the
 * bz_visitor id of rq), if any, is merged into the user's and deleted, in
 * one transaction. A product in both keeps one line with the quantities
 * added (at most CART_QTY_MAX), to buy if either was. Products that would
 * pass CART_LINES_MAX are left out. Returns the number of lines moved or
 * merged (0 when there was nothing), or -1 (the carts are left as they
 * were; the login stands).
 */
int cart_merge_at_login(struct req *rq, long long user_id);

/* At every login (sess_start): merges the visitor's cart into user_id's
 * (cart_merge_at_login) and gives the browser the header key of the
 * user's cart (made now if the user has none), so the cached pages' header
 * shows the account and its cart. */
void cart_login(struct req *rq, struct resp *rs, long long user_id);
/* The user changed (name, email confirmed, role, blocked, sessions ended:
 * sess_user_changed): their header fragment is forgotten. */
void cart_user_changed(long long user_id);
/* The header key the visitor's browser should hold for cart (0: none):
 * sets or clears the bz_hk cookie on rs when it differs. */
void cart_header_cookie(struct req *rq, struct resp *rs, long long cart_id);

/* Tells the caches that cart_id changed (the header count of cached pages);
 * called after each commit by the functions above. */
void cart_changed(long long cart_id);

#endif
