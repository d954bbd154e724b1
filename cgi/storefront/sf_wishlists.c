/*
 * sf_wishlists: the shopper's wishlists. "Save to wishlist" on every product
 * page (a form without a token, as "Add to cart": the page is shared and
 * cached, R_ORIGIN) puts the product into the account's first list; the
 * lists page makes more lists, moves products between them, to the cart or
 * out, deletes lists and shares one read-only at an unguessable address
 * (/w/<token>). The alerts (cheaper, back in stock) are the wishlist job's
 * (cgi/jobs/wishlist.c).
 */
#include "sf_account.h"

#include <string.h>

#include "cart.h"
#include "catalog.h"
#include "csrf.h"
#include "money.h"
#include "wishlist.h"

#define SF_WISHLISTS_PATH "/account/wishlists"

/* One of the account's lists. */
struct sf_wishlist {
	long long id;
	const char *name, *token;
};

/* The items of list_id into the list's section l; with csrf, the forms of
 * its owner, who has the n lists of all. 0, or -1. */
static int
sf_wishlists_items(struct req *rq, tmpl_dict *l, long long list_id, const char *csrf,
		   const struct sf_wishlist *all, size_t n_all)
{
	struct db_result *r;
	char price[64], path[300];
	long long n = 0;

	r = db_query("SELECT p.id, p.name, p.slug, p.price_minor, p.stock,"
		     " p.status = 'active' AND v.status = 'verified'"
		     " FROM wishlist_items wi JOIN products p ON p.id = wi.product_id JOIN vendors v ON v.id = p.vendor_id"
		     " WHERE wi.wishlist_id = ? ORDER BY wi.added_at DESC, p.id DESC", "i", list_id);
	if (r == NULL)
		return -1;
	while (db_next(r)) {
		tmpl_dict *it = tmpl_section(l, "ITEM");
		long long id = db_int(r, 0);

		n++;
		tmpl_set_int(it, "PRODUCT_ID", id);
		tmpl_set_int(it, "LIST_ID", list_id);
		tmpl_set(it, "PRODUCT", db_str(r, 1));
		tmpl_set(it, "PRODUCT_URL", arena_strdup(&rq->arena,
							 catalog_product_path(id, db_str(r, 2), path, sizeof path)));
		tmpl_set(it, "PRICE", money_format(db_int(r, 3), price, sizeof price));
		if (!db_int(r, 5))
			tmpl_show(it, "GONE");
		else if (db_int(r, 4) > 0)
			tmpl_show(it, "IN_STOCK");
		else
			tmpl_show(it, "SOLD_OUT");
		if (csrf == NULL)
			continue;
		tmpl_dict *own = tmpl_section(it, "OWN");

		tmpl_set(own, "CSRF", csrf);
		tmpl_set_int(own, "LIST_ID", list_id);
		tmpl_set_int(own, "PRODUCT_ID", id);
		if (db_int(r, 5) && db_int(r, 4) > 0)
			tmpl_show(own, "CAN_BUY");
		if (n_all > 1) {
			tmpl_dict *mv = tmpl_section(own, "CAN_MOVE");

			tmpl_set(mv, "CSRF", csrf);
			tmpl_set_int(mv, "LIST_ID", list_id);
			tmpl_set_int(mv, "PRODUCT_ID", id);
			for (size_t k = 0; k < n_all; k++) {
				if (all[k].id == list_id)
					continue;
				tmpl_dict *o = tmpl_section(mv, "OTHER_LIST");

				tmpl_set_int(o, "TO_ID", all[k].id);
				tmpl_set(o, "TO_NAME", all[k].name);
			}
		}
	}
	db_free(r);
	if (n == 0)
		tmpl_show(l, "EMPTY");
	return 0;
}

/* The lists page (also the create form's page, R_FORM). */
static tmpl_dict *
sf_wishlists_page(struct req *rq, struct resp *rs, struct view *v)
{
	const char *csrf = csrf_token(rq, rs);
	struct sf_wishlist *all;
	struct db_result *r;
	size_t n = 0, i;
	tmpl_dict *d;

	r = db_query("SELECT id, name, share_token FROM wishlists WHERE user_id = ? ORDER BY id", "i",
		     rq->sess->user_id);
	if (r == NULL)
		return NULL;
	all = arena_alloc(&rq->arena, (db_rows(r) + 1) * sizeof *all);
	while (db_next(r)) {
		all[n].id = db_int(r, 0);
		all[n].name = arena_strdup(&rq->arena, db_str(r, 1));
		all[n].token = db_null(r, 2) ? NULL : arena_strdup(&rq->arena, db_str(r, 2));
		n++;
	}
	db_free(r);
	d = sf_account_page(v, rq, rs, "storefront/wishlists_list.tpl", "Wishlists");
	tmpl_set(d, "CSRF", csrf);
	if (n == 0)
		tmpl_show(d, "NO_LISTS");
	for (i = 0; i < n; i++) {
		tmpl_dict *l = tmpl_section(d, "LIST");

		tmpl_set_int(l, "LIST_ID", all[i].id);
		tmpl_set(l, "LIST_NAME", all[i].name);
		tmpl_set(l, "CSRF", csrf);
		if (all[i].token != NULL)
			tmpl_set(tmpl_section(l, "SHARED"), "SHARE_PATH", arena_printf(&rq->arena, "/w/%s", all[i].token));
		else
			tmpl_show(l, "PRIVATE");
		if (sf_wishlists_items(rq, l, all[i].id, csrf, all, n) != 0) {
			view_discard(v);
			return NULL;
		}
	}
	return d;
}

/*
 * ROUTE: GET /account/wishlists      TEMPLATE: storefront/wishlists_list.tpl
 * PARAMS: none
 * The account's lists with their products (price, in stock or not), and
 * for each: move to the cart, to another list, or out; share or stop
 * sharing; delete; and a form for a new list.
 */
int
sf_wishlists_list(struct req *rq, struct resp *rs)
{
	return route_form_show(rq, rs, sf_wishlists_page);
}

tmpl_dict *
sf_wishlists_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return sf_wishlists_page(rq, rs, v);
}

/*
 * ROUTE: POST /wishlist/save      TEMPLATE: none (redirects to /account/wishlists, or to log in)
 * PARAMS: product (id)
 * Saves a product on sale into the account's first list (made on the first
 * save). From a cached page: checked by Origin (R_ORIGIN), not by a token.
 * A visitor not logged in is sent to log in and back to the product.
 */
int
sf_wishlists_save(struct req *rq, struct resp *rs)
{
	long long product = req_int(rq, "product", 0);
	int rc;

	if (rq->sess == NULL)
		return resp_redirect(rs, 303, arena_printf(&rq->arena, "/login?next=/p/%lld", product));
	rc = wishlist_save(rq->sess->user_id, 0, product);
	switch (rc) {
	case 0:
	case WISHLIST_ALREADY:
		resp_set_flash(rs, rc == 0 ? "Saved to your wishlist." : "That product is in your wishlist already.");
		return resp_redirect(rs, 303, SF_WISHLISTS_PATH);
	case WISHLIST_NOT_FOUND:
		rs->message = "This product is not on sale.";
		return 404;
	case WISHLIST_FULL:
		resp_set_flash(rs, "Your wishlist is full: remove something first. Nothing was saved.");
		return resp_redirect(rs, 303, SF_WISHLISTS_PATH);
	}
	return 500;
}

/*
 * ROUTE: POST /account/wishlists      TEMPLATE: storefront/wishlists_list.tpl
 * PARAMS: name (1..100 characters); bad input shows the page again (R_FORM)
 * Makes a new, empty list (at most 20).
 */
int
sf_wishlists_create(struct req *rq, struct resp *rs)
{
	long long id = wishlist_create(rq->sess->user_id, req_str(rq, "name"));

	if (id == WISHLIST_FULL) {
		route_form_error(rq, "name", "You have 20 lists already: delete one first.");
		return route_form_fail(rq, rs);
	}
	if (id < 0)
		return 500;
	resp_set_flash(rs, "The list is made.");
	return resp_redirect(rs, 303, SF_WISHLISTS_PATH);
}

/* The answer to a change of one of the account's lists. */
static int
sf_wishlists_done(struct resp *rs, int rc, const char *message)
{
	if (rc == WISHLIST_NOT_FOUND)
		return 404;
	if (rc == WISHLIST_FULL)
		message = "That list is full: nothing was moved.";
	else if (rc < 0)
		return 500;
	resp_set_flash(rs, message);
	return resp_redirect(rs, 303, SF_WISHLISTS_PATH);
}

/*
 * ROUTE: POST /account/wishlists/{id}/delete      TEMPLATE: none (redirects to /account/wishlists)
 * PARAMS: id (one of the account's lists)
 * Deletes the list and what it holds (its shared address stops working).
 */
int
sf_wishlists_delete(struct req *rq, struct resp *rs)
{
	return sf_wishlists_done(rs, wishlist_delete(rq->sess->user_id, req_path_id(rq, "id")),
				 "The list is deleted.");
}

/*
 * ROUTE: POST /account/wishlists/{id}/share      TEMPLATE: none (redirects to /account/wishlists)
 * PARAMS: id (one of the account's lists), share (on or off)
 * Shares the list read-only at a new unguessable address, or stops sharing
 * it (the old address then finds nothing).
 */
int
sf_wishlists_share(struct req *rq, struct resp *rs)
{
	char token[WISHLIST_TOKEN_LEN + 1];
	int on = strcmp(req_str(rq, "share"), "on") == 0;

	return sf_wishlists_done(rs, wishlist_share(rq->sess->user_id, req_path_id(rq, "id"), on, token),
				 on ? "The list is shared: anyone with its address can see it." :
				 "The list is private again: its old address shows nothing.");
}

/*
 * ROUTE: POST /account/wishlists/{id}/items/{product:id}/remove      TEMPLATE: none (redirects to /account/wishlists)
 * PARAMS: id (one of the account's lists), product (in it)
 * Takes the product out of the list.
 */
int
sf_wishlists_remove(struct req *rq, struct resp *rs)
{
	return sf_wishlists_done(rs, wishlist_remove(rq->sess->user_id, req_path_id(rq, "id"),
						     req_path_id(rq, "product")), "Removed from the list.");
}

/*
 * ROUTE: POST /account/wishlists/{id}/items/{product:id}/move      TEMPLATE: none (redirects to /account/wishlists)
 * PARAMS: id (one of the account's lists), product (in it), to (another list of the account)
 * Moves the product to the other list.
 */
int
sf_wishlists_move(struct req *rq, struct resp *rs)
{
	return sf_wishlists_done(rs, wishlist_move(rq->sess->user_id, req_path_id(rq, "id"), req_int(rq, "to", 0),
						   req_path_id(rq, "product")), "Moved to the other list.");
}

/*
 * ROUTE: POST /account/wishlists/{id}/items/{product:id}/cart      TEMPLATE: none (redirects to /cart)
 * PARAMS: id (one of the account's lists), product (in it)
 * Puts one of the product into the cart and takes it out of the list; sold
 * out or no longer on sale: it stays in the list and the list page says so.
 */
int
sf_wishlists_to_cart(struct req *rq, struct resp *rs)
{
	long long list = req_path_id(rq, "id"), product = req_path_id(rq, "product"), cart, left = 0;
	int rc;

	if (db_scalar(-1, "SELECT COUNT(*) FROM wishlist_items wi JOIN wishlists w ON w.id = wi.wishlist_id"
		      " WHERE wi.wishlist_id = ? AND wi.product_id = ? AND w.user_id = ?",
		      "iii", list, product, rq->sess->user_id) <= 0)
		return 404;
	if ((cart = cart_for_user(rq->sess->user_id, 1)) <= 0)
		return 500;
	cart_header_cookie(rq, rs, cart);
	rc = cart_add(cart, product, 1, &left);
	if (rc == CART_NOT_FOUND || rc == CART_SOLD_OUT) {
		resp_set_flash(rs, "Sorry, that product cannot be bought now: it stays in your list.");
		return resp_redirect(rs, 303, SF_WISHLISTS_PATH);
	}
	if (rc != 0 && rc != CART_TOO_MANY && rc != CART_FULL)
		return 500;
	if (rc != 0) {
		resp_set_flash(rs, "Your cart cannot take more of that product: it stays in your list.");
		return resp_redirect(rs, 303, SF_WISHLISTS_PATH);
	}
	if (wishlist_remove(rq->sess->user_id, list, product) < 0)
		return 500;
	resp_set_flash(rs, "Moved to your cart.");
	return resp_redirect(rs, 303, "/cart");
}

/*
 * ROUTE: GET /w/{token:slug}      TEMPLATE: storefront/wishlists_shared.tpl
 * PARAMS: token (a shared list's address)
 * A shared list, read-only: the list's name and its products with price
 * and availability (nothing of its owner). Another address, or a list no
 * longer shared, is a 404.
 */
int
sf_wishlists_shared(struct req *rq, struct resp *rs)
{
	const char *token = req_path_str(rq, "token");
	struct view v = { 0 };
	struct db_result *r;
	tmpl_dict *d, *l;
	long long id;

	if (!wishlist_token_valid(token))
		return 404;
	if ((r = db_query("SELECT id, name FROM wishlists WHERE share_token = ?", "s", token)) == NULL)
		return 500;
	if (!db_next(r)) {
		db_free(r);
		return 404;
	}
	id = db_int(r, 0);
	d = view_begin(&v, rq, rs, "storefront/wishlists_shared.tpl", db_str(r, 1));
	resp_header(rs, "X-Robots-Tag", "noindex");
	l = tmpl_section(d, "LIST");
	tmpl_set(l, "LIST_NAME", db_str(r, 1));
	db_free(r);
	if (sf_wishlists_items(rq, l, id, NULL, NULL, 0) != 0) {
		view_discard(&v);
		return 500;
	}
	return view_end(&v, rs);
}
