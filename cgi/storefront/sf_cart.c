/*
 * sf_cart: the shopping cart (cart.h): adding from a product page, the cart
 * page grouped by shop, changing a quantity, removing, saving for later,
 * and the header fragment nginx puts into shared pages (hdr.h).
 *
 * "Add to cart" sits on cached product pages, which carry no visitor's
 * token: its route is R_ORIGIN (the browser's Sec-Fetch-Site or Origin must
 * name this site; the cookies are SameSite=Lax). Every other step is a form
 * of the cart page with the session's (or the visitor's) CSRF token.
 */
#include "sf.h"

#include <stdio.h>
#include <string.h>

#include "cart.h"
#include "catalog.h"
#include "csrf.h"
#include "hdr.h"
#include "money.h"
#include "recs.h"
#include "sess.h"
#include "visitor.h"

#define SF_CART_GOES_WELL	4	/* cards of "Goes well with what's in your cart" */

/* Adds a cart page's line rows to sec (a VENDOR or the SAVED list). */
static void
sf_cart_line(tmpl_dict *row, struct req *rq, const struct cart_line *l, const char *csrf)
{
	char price[48], added[48], total[48], path[160];

	tmpl_set_int(row, "LINE_ID", l->id);
	tmpl_set(row, "NAME", l->name);
	tmpl_set(row, "CSRF", csrf);
	tmpl_set_int(row, "QUANTITY", l->quantity);
	tmpl_set(row, "PRICE", money_format(l->price_minor, price, sizeof price));
	tmpl_set(row, "LINE_TOTAL", money_format(l->price_minor * l->quantity, total, sizeof total));
	if (l->available && catalog_product_path(l->product_id, l->slug, path, sizeof path) != NULL)
		tmpl_set(tmpl_section(row, "LINK"), "URL", arena_strdup(&rq->arena, path));
	else
		tmpl_show(row, "NO_LINK");
	if (l->warnings & CART_WARN_GONE) {
		tmpl_show(row, "WARN_GONE");
		return;
	}
	if (l->warnings & CART_WARN_PRICE) {
		tmpl_dict *w = tmpl_section(row, "WARN_PRICE");

		tmpl_set(w, "PRICE_ADDED", money_format(l->price_added_minor, added, sizeof added));
		tmpl_set(w, "PRICE", price);
	}
	if (l->warnings & CART_WARN_SOLD_OUT)
		tmpl_show(row, "WARN_SOLD_OUT");
	if (l->warnings & CART_WARN_SHORT)
		tmpl_set_int(tmpl_section(row, "WARN_SHORT"), "STOCK", l->stock);
	if (!l->saved)
		tmpl_show(row, "CAN_CHANGE");
}

/* "Goes well with what's in your cart" (recs.h), from the cart's products:
 * what the rules pair with them, topped up with their categories' best
 * sellers (the heading says which). 0, or -1 on a database error. */
static int
sf_cart_goes_well(tmpl_dict *d, struct arena *a, const struct cart_line *lines, size_t n)
{
	long long seeds[RECS_SEEDS_MAX], ids[SF_CART_GOES_WELL];
	size_t ns = 0, ruled = 0;
	long added;
	int got;

	for (size_t i = 0; i < n && ns < RECS_SEEDS_MAX; i++)
		seeds[ns++] = lines[i].product_id;
	if (ns == 0)
		return 0;
	if ((got = recs_for_cart(seeds, ns, ids, SF_CART_GOES_WELL, &ruled)) < 0 ||
	    (added = sf_list_cards_of(d, a, "GOES_WELL", ids, (size_t)got)) < 0)
		return -1;
	if (added > 0) {
		tmpl_show(d, "HAS_GOES_WELL");
		tmpl_show(d, ruled > 0 ? "RULED" : "BEST_SELLERS");
	}
	return 0;
}

/* The cart page's body: lines by shop with subtotals, the total, the saved
 * lines. Returns the page dictionary, or NULL on a database error. */
static tmpl_dict *
sf_cart_page(struct req *rq, struct resp *rs, struct view *v)
{
	struct cart_line *lines = NULL, *saved = NULL;
	size_t n = 0, ns = 0, i;
	long long cart, subtotal = 0, total = 0, units = 0, vendor = 0;
	tmpl_dict *d, *sec = NULL;
	char money[48];
	const char *csrf;

	if ((cart = cart_for_request(rq, 0)) < 0 || cart_lines(cart, &lines, &n) != 0 ||
	    cart_saved_lines(cart, &saved, &ns) != 0) {
		cart_lines_free(lines);
		return NULL;
	}
	csrf = csrf_token(rq, rs);
	if (cart > 0)
		cart_header_cookie(rq, rs, cart);
	d = view_begin(v, rq, rs, "storefront/cart_view.tpl", "Your cart");
	view_crumb(v, "Home", "/");
	view_crumb(v, "Cart", NULL);
	for (i = 0; i < n; i++) {
		const struct cart_line *l = &lines[i];

		if (sec == NULL || l->vendor_id != vendor) {
			if (sec != NULL)
				tmpl_set(sec, "SUBTOTAL", money_format(subtotal, money, sizeof money));
			sec = tmpl_section(d, "VENDOR");
			vendor = l->vendor_id;
			subtotal = 0;
			tmpl_set_int(sec, "VENDOR_ID", l->vendor_id);
			tmpl_set(sec, "VENDOR_NAME", l->vendor_name);
			tmpl_set(sec, "VENDOR_URL", arena_printf(&rq->arena, "/v/%s", l->vendor_slug));
		}
		sf_cart_line(tmpl_section(sec, "LINE"), rq, l, csrf);
		/* What can be bought now counts; a line that cannot says why. */
		if (!(l->warnings & (CART_WARN_GONE | CART_WARN_SOLD_OUT))) {
			subtotal += l->price_minor * l->quantity;
			total += l->price_minor * l->quantity;
			units += l->quantity;
		}
	}
	if (sec != NULL)
		tmpl_set(sec, "SUBTOTAL", money_format(subtotal, money, sizeof money));
	if (n > 0) {
		tmpl_dict *t = tmpl_section(d, "HAS_LINES");

		tmpl_set(t, "TOTAL", money_format(total, money, sizeof money));
		tmpl_set(t, "UNITS", view_group_digits(&rq->arena, units));
		tmpl_show(t, units == 1 ? "ONE" : "MANY");
		/* Without them (a database error, logged) the cart works all the same. */
		sf_cart_goes_well(d, &rq->arena, lines, n);
	} else {
		tmpl_show(d, "EMPTY");
	}
	if (ns > 0) {
		tmpl_dict *s = tmpl_section(d, "HAS_SAVED");

		for (i = 0; i < ns; i++)
			sf_cart_line(tmpl_section(s, "SAVED"), rq, &saved[i], csrf);
	}
	cart_lines_free(lines);
	cart_lines_free(saved);
	return d;
}

/*
 * ROUTE: GET /cart      TEMPLATE: storefront/cart_view.tpl
 * PARAMS: none
 * The visitor's cart: its lines grouped by shop with each shop's subtotal,
 * what changed since each was added (price, sold out, stock below the
 * quantity, no longer sold), forms to change a quantity, remove a line or
 * save it for later, the total, the lines saved for later and the
 * products that go well with what is in it (recs.h).
 */
int
sf_cart_view(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };

	if (sf_cart_page(rq, rs, &v) == NULL)
		return 500;
	return view_end_status(&v, rs, 200);
}

/* The cart page with a form's problems (R_FORM routes of the cart). */
tmpl_dict *
sf_cart_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	return sf_cart_page(rq, rs, v);
}

/* Back to the cart page with a message. */
static int
sf_cart_back(struct resp *rs, const char *message)
{
	resp_set_flash(rs, message);
	return resp_redirect(rs, 303, "/cart");
}

/*
 * ROUTE: POST /cart/add      TEMPLATE: storefront/cart_view.tpl
 * PARAMS: product (id), qty (1..99)
 * Adds qty of a product on sale to the visitor's cart (made on the first
 * add: an anonymous visitor gets a visitor id); redirects to /cart. From a
 * cached page: checked by Origin (R_ORIGIN), not by a token. A product not
 * on sale is a 404; sold out or more than the stock left says so on the cart
 * page, and nothing changes.
 */
int
sf_cart_add(struct req *rq, struct resp *rs)
{
	long long product = req_int(rq, "product", 0), left = 0, cart;
	int qty = (int)req_int(rq, "qty", 1), rc;

	const char *visitor;

	if (rq->sess != NULL) {
		cart = cart_for_user(rq->sess->user_id, 1);
	} else {
		if ((visitor = visitor_id(rq, rs, 1)) == NULL)
			return 500;
		cart = cart_for_visitor(visitor, 1);
	}
	if (cart <= 0)
		return 500;
	cart_header_cookie(rq, rs, cart);
	rc = cart_add(cart, product, qty, &left);
	switch (rc) {
	case 0:
		return sf_cart_back(rs, "Added to your cart.");
	case CART_NOT_FOUND:
		rs->message = "This product is not on sale.";
		return 404;
	case CART_SOLD_OUT:
		return sf_cart_back(rs, "Sorry, that product is sold out: nothing was added.");
	case CART_TOO_MANY:
		if (left == 0)
			return sf_cart_back(rs, "Your cart already holds all we can sell you of that product: "
						"nothing was added.");
		return sf_cart_back(rs, arena_printf(&rq->arena,
						     "Only %lld more of that product can be added: nothing was added.",
						     left));
	case CART_FULL:
		return sf_cart_back(rs, "Your cart is full: remove something first. Nothing was added.");
	}
	return 500;
}

/* The line's id from the path; 0 when the visitor has no cart. */
static long long
sf_cart_of_line(struct req *rq, long long *line)
{
	*line = req_path_id(rq, "id");
	return cart_for_request(rq, 0);
}

/* A line that is not in the visitor's cart (another's, or gone). */
static int
sf_cart_not_found(struct resp *rs)
{
	rs->message = "That item is not in your cart.";
	return 404;
}

/*
 * ROUTE: POST /cart/items/{id}/quantity      TEMPLATE: storefront/cart_view.tpl
 * PARAMS: id (a line of the visitor's cart), qty (1..99)
 * Sets the line's quantity; more than the stock is refused with how many
 * are left. Redirects to /cart.
 */
int
sf_cart_quantity(struct req *rq, struct resp *rs)
{
	long long line, stock = 0, cart = sf_cart_of_line(rq, &line);
	int rc;

	if (cart < 0)
		return 500;
	rc = cart > 0 ? cart_set_quantity(cart, line, (int)req_int(rq, "qty", 0), &stock) : CART_NOT_FOUND;
	switch (rc) {
	case 0:
		return sf_cart_back(rs, "Quantity changed.");
	case CART_NOT_FOUND:
		return sf_cart_not_found(rs);
	case CART_TOO_MANY:
		return sf_cart_back(rs, arena_printf(&rq->arena, "Only %lld left: the quantity was not changed.",
						     stock));
	}
	return 500;
}

/*
 * ROUTE: POST /cart/items/{id}/remove      TEMPLATE: none (redirects to /cart)
 * PARAMS: id (a line of the visitor's cart)
 * Removes the line (to buy or saved for later).
 */
int
sf_cart_remove(struct req *rq, struct resp *rs)
{
	long long line, cart = sf_cart_of_line(rq, &line);
	int rc;

	if (cart < 0)
		return 500;
	rc = cart > 0 ? cart_remove(cart, line) : CART_NOT_FOUND;
	if (rc == CART_NOT_FOUND)
		return sf_cart_not_found(rs);
	return rc == 0 ? sf_cart_back(rs, "Removed from your cart.") : 500;
}

static int
sf_cart_saved(struct req *rq, struct resp *rs, int saved)
{
	long long line, cart = sf_cart_of_line(rq, &line);
	int rc;

	if (cart < 0)
		return 500;
	rc = cart > 0 ? cart_save_for_later(cart, line, saved) : CART_NOT_FOUND;
	if (rc == CART_NOT_FOUND)
		return sf_cart_not_found(rs);
	if (rc != 0)
		return 500;
	return sf_cart_back(rs, saved ? "Saved for later." : "Moved to your cart.");
}

/*
 * ROUTE: POST /cart/items/{id}/save      TEMPLATE: none (redirects to /cart)
 * PARAMS: id (a line of the visitor's cart)
 * Saves the line for later: kept, not bought, not counted.
 */
int
sf_cart_save(struct req *rq, struct resp *rs)
{
	return sf_cart_saved(rq, rs, 1);
}

/*
 * ROUTE: POST /cart/items/{id}/move      TEMPLATE: none (redirects to /cart)
 * PARAMS: id (a saved line of the visitor's cart)
 * Moves a saved line back to the lines to buy.
 */
int
sf_cart_move(struct req *rq, struct resp *rs)
{
	return sf_cart_saved(rq, rs, 0);
}

/* After a request that may have changed an anonymous visitor's cart (any
 * POST) or that shows it (the cart page): the count cookie follows the
 * cart (hdr.h), so nginx can put the count into cached pages. A visitor
 * with a session has none. The app's after_request. */
void
sf_cart_sync_count(struct req *rq, struct resp *rs)
{
	long long cart, n;

	if (strcmp(rq->method, "POST") != 0 && strcmp(rq->path, "/cart") != 0)
		return;
	if (rq->sess != NULL || req_cookie(rq, SESS_COOKIE) != NULL || req_cookie(rq, SESS_COOKIE_SECURE) != NULL) {
		hdr_set_count(rq, rs, -1);
		return;
	}
	cart = cart_for_request(rq, 0);
	if (cart < 0)
		return;		/* the database is not answering: leave it */
	n = cart > 0 ? cart_count(cart) : -1;
	if (n < 0 && cart > 0)
		return;
	hdr_set_count(rq, rs, n);
}

/* The visitor's own header links into out, stored in memcached when the
 * bz_hk cookie names the visitor's own cart (the app's shared_header). */
int
sf_cart_header_draw(struct req *rq, struct buf *out)
{
	tmpl_dict *d = tmpl_dict_new("storefront/cart_header.tpl");
	char key[HDR_KEY_LEN + 1];
	const char *have = hdr_cookie(rq);
	size_t start = out->len;
	long long cart;
	int rc;

	view_account_links(tmpl_include(d, "LINKS", "layout/_account_links.tpl"), rq, 1, 0);
	rc = tmpl_render("storefront/cart_header.tpl", d, out);
	tmpl_dict_free(d);
	if (rc != 0)
		return -1;
	if (have != NULL && (cart = cart_for_request(rq, 0)) > 0 && cart_header_key(cart, key) == 0 &&
	    strcmp(key, have) == 0)
		hdr_store(key, out->data + start, out->len - start);
	return 0;
}

/*
 * ROUTE: GET /cart/header      TEMPLATE: storefront/cart_header.tpl
 * PARAMS: none
 * The visitor's own header links (login state, the cart's count) without
 * the layout: what nginx's SSI puts into a shared page when memcached has
 * no copy under the visitor's header key (hdr.h). The copy is stored when
 * the bz_hk cookie names the visitor's own cart, so the next page comes
 * from memcached.
 */
int
sf_cart_header(struct req *rq, struct resp *rs)
{
	buf_reset(&rs->body);
	if (sf_cart_header_draw(rq, &rs->body) != 0)
		return 500;
	rs->cache = RESP_NO_STORE;
	return 200;
}
