/*
 * sf_checkout: from the cart to an order. Three steps, each a page:
 *   GET  /checkout         who (logged in, or a guest's email), where (a
 *                          saved address or a new one), how to pay (only
 *                          the methods every shop in the cart accepts;
 *                          the others say which shop rules them out) and
 *                          a coupon code;
 *   POST /checkout/review  the order as it would be placed: each shop's
 *                          items, subtotal, shipping and delivery window,
 *                          the discount, the tax included and the total,
 *                          all computed on the server (order_quote); the
 *                          form to place it carries a new idempotency key
 *                          and the hash of what was shown;
 *   POST /checkout/place   order_place (one transaction), then the order
 *                          placed page: /checkout/placed/{id}.
 * Nothing the forms send about money or vendors is read: the lines come
 * from the visitor's cart and every amount from the database.
 */
#include "sf.h"

#include <stdio.h>
#include <string.h>

#include "address.h"
#include "cart.h"
#include "cfg.h"
#include "csrf.h"
#include "money.h"
#include "order.h"
#include "sess.h"
#include "sf_auth.h"
#include "shipping.h"
#include "token.h"

/* A guest's order token: HttpOnly, so the order placed page (and a paying
 * guest coming back) can show the order to this browser only. */
#define SF_CHECKOUT_GUEST_COOKIE	"bz_order"
#define SF_CHECKOUT_GUEST_MAX_AGE	(30 * 86400)
#define SF_CHECKOUT_ADDRESSES_MAX	20	/* the address book's size (sf_account_address.c) */

/* What the checkout forms say, as the router checked it. */
struct sf_checkout_input {
	long long address_id;		/* a saved address; 0: the typed one */
	struct address ship;
	const char *email;		/* a guest's; the account's for a user */
	int method;			/* enum order_method, -1 when not chosen */
	const char *coupon;		/* "" for none */
	int save_address;
	const char *key, *quote;	/* the place form's */
};

/* The cart's lines to buy as order lines (arena memory). Returns 0 (n 0
 * for an empty cart or none), -1 on a database error. */
static int
sf_checkout_cart(struct req *rq, long long *cart_id, struct order_line **lines, size_t *n)
{
	struct cart_line *cl = NULL;
	size_t i, k = 0;

	*lines = NULL;
	*n = 0;
	if ((*cart_id = cart_for_request(rq, 0)) < 0)
		return -1;
	if (*cart_id == 0)
		return 0;
	if (cart_lines(*cart_id, &cl, n) != 0)
		return -1;
	*lines = arena_alloc(&rq->arena, (*n ? *n : 1) * sizeof **lines);
	for (i = 0; i < *n; i++) {
		(*lines)[k].product_id = cl[i].product_id;
		(*lines)[k].quantity = cl[i].quantity;
		k++;
	}
	*n = k;
	cart_lines_free(cl);
	return 0;
}

/* Loads the user's saved address id into ad: 1 found, 0 not theirs, -1. */
static int
sf_checkout_saved_address(struct req *rq, long long id, struct address *ad)
{
	struct db_result *r;
	int found;

	if (rq->sess == NULL)
		return 0;
	r = db_query("SELECT body_enc FROM addresses WHERE id = ? AND user_id = ?", "ii", id, rq->sess->user_id);
	if (r == NULL)
		return -1;
	found = db_next(r);
	if (found)
		address_open(&rq->arena, "addresses", "body_enc", id, r, 0, ad);
	db_free(r);
	return found && *ad->country ? 1 : 0;
}

/* The form as the router checked it. */
static void
sf_checkout_typed(struct req *rq, struct sf_checkout_input *in)
{
	const char *v;
	int f;

	memset(in, 0, sizeof *in);
	in->address_id = req_int(rq, "address_id", 0);
	for (f = 0; f < ADDRESS_NFIELDS; f++) {
		v = req_str(rq, address_field_names[f]);
		*address_slot(&in->ship, (enum address_field)f) = v ? v : "";
	}
	in->email = rq->sess ? rq->sess->email : req_str(rq, "email");
	in->method = order_method_parse(req_str(rq, "method"));
	in->coupon = (v = req_str(rq, "coupon")) ? v : "";
	in->save_address = (v = req_str(rq, "save_address")) != NULL && strcmp(v, "1") == 0;
	in->key = req_str(rq, "key");
	in->quote = req_str(rq, "quote");
}

/* Completes in: the saved address loaded, or the typed one checked (the
 * fields a new address needs). Returns 0, 422 after route_form_error for
 * what is missing, or 500. */
static int
sf_checkout_resolve(struct req *rq, struct sf_checkout_input *in)
{
	static const char *const missing[ADDRESS_NFIELDS] = {
		ADDRESS_NAME_MISSING, ADDRESS_LINE1_MISSING, NULL, ADDRESS_CITY_MISSING,
		ADDRESS_POSTCODE_MISSING, ADDRESS_COUNTRY_MISSING, NULL,
	};
	int f, bad = 0, rc;

	if (rq->sess == NULL && (in->email == NULL || !*in->email)) {
		route_form_error(rq, "email", "Enter your email address: the order's mails go there.");
		bad = 1;
	}
	if (in->method < 0) {
		route_form_error(rq, "method", "Choose how to pay.");
		bad = 1;
	}
	if (in->address_id > 0) {
		if ((rc = sf_checkout_saved_address(rq, in->address_id, &in->ship)) < 0)
			return 500;
		if (rc == 0) {
			route_form_error(rq, "address_id", "Choose one of your addresses, or enter a new one.");
			bad = 1;
		}
	} else {
		for (f = 0; f < ADDRESS_NFIELDS; f++)
			if (missing[f] && !**address_slot(&in->ship, (enum address_field)f)) {
				route_form_error(rq, address_field_names[f], missing[f]);
				bad = 1;
			}
	}
	return bad ? 422 : 0;
}

/* An account may buy once its address is confirmed (the sign-up page says
 * so); a guest's is confirmed by the order's mail. 0 with the 403's
 * message when it may not. */
static int
sf_checkout_may_buy(struct req *rq, struct resp *rs)
{
	if (rq->sess == NULL || rq->sess->verified)
		return 1;
	rs->message = "Confirm your email address before you buy.";
	return 0;
}

/* ---- the checkout form ------------------------------------------------------ */

/* Ticks the radio of the field's value (or fallback) on the page. */
static void
sf_checkout_checked(struct req *rq, tmpl_dict *row, const char *field, const char *value, int fallback)
{
	const char *typed = kvlist_get(&rq->form_fields, field);

	if (typed ? strcmp(typed, value) == 0 : fallback)
		tmpl_show(row, "CHECKED");
}

/* One line of a cart summary or of a vendor's part. */
static void
sf_checkout_line(struct arena *arena, tmpl_dict *row, const struct quote_line *l)
{
	char a[40], b[40];

	tmpl_set(row, "NAME", l->name);
	tmpl_set_int(row, "QUANTITY", l->quantity);
	tmpl_set(row, "UNIT_PRICE", money_format(l->unit_price_minor, a, sizeof a));
	tmpl_set(row, "LINE", money_format(l->line_minor, b, sizeof b));
	if (l->discount_minor > 0)
		tmpl_set(tmpl_section(row, "HAS_DISCOUNT"), "DISCOUNT", money_format(l->discount_minor, a, sizeof a));
	if (l->state == PRICING_LINE_SHORT)
		tmpl_set(tmpl_section(row, "SHORT"), "LEFT", l->stock <= 0 ? "Sold out" :
			 arena_printf(arena, "Only %lld left", l->stock));
	else if (l->state == PRICING_LINE_UNAVAILABLE)
		tmpl_show(row, "UNAVAILABLE");
}

/* The country the methods are judged for before an address is chosen: the
 * default address's, else the marketplace's. */
static const char *
sf_checkout_country(struct req *rq)
{
	const char *country = shipping_default_country();
	struct db_result *r;
	struct address ad;

	if (rq->sess == NULL)
		return country;
	r = db_query("SELECT id, body_enc FROM addresses WHERE user_id = ? ORDER BY is_default DESC, id LIMIT 1", "i",
		     rq->sess->user_id);
	if (r != NULL && db_next(r)) {
		address_open(&rq->arena, "addresses", "body_enc", db_int(r, 0), r, 1, &ad);
		if (strlen(ad.country) == 2)
			country = ad.country;
	}
	db_free(r);
	return country;
}

/* The checkout form (GET /checkout, and shown again by the router). */
static tmpl_dict *
sf_checkout_form_build(struct req *rq, struct resp *rs, struct view *v, int *status)
{
	struct order_line *lines;
	struct order_quote oq;
	struct db_result *r;
	long long cart_id, n_saved = 0;
	size_t n, i;
	tmpl_dict *d, *row;
	char total[40];
	int rc, m;

	*status = 200;
	if (sf_checkout_cart(rq, &cart_id, &lines, &n) != 0) {
		*status = 500;
		return NULL;
	}
	d = sf_auth_page(v, rq, rs, "storefront/checkout_form.tpl", "Checkout");
	view_crumb(v, "Your cart", "/cart");
	view_crumb(v, "Checkout", NULL);
	if (n == 0) {
		tmpl_show(d, "EMPTY");
		return d;
	}
	if (rq->sess != NULL && !rq->sess->verified) {
		tmpl_show(d, "UNVERIFIED");
		return d;
	}
	rc = order_quote(&rq->arena, lines, n, sf_checkout_country(rq), -1, NULL, 0, NULL, &oq);
	if (rc < 0) {
		view_discard(v);
		*status = 500;
		return NULL;
	}
	if (rc > 0) {
		order_quote_free(&oq);
		tmpl_show(d, "EMPTY");
		return d;
	}
	/* The form is a template of its own: the router fills it again with
	 * what was typed and what is wrong (v->fields). */
	d = v->fields = tmpl_include(d, "CHECKOUT_FORM", "storefront/_checkout_form.tpl");
	tmpl_set(d, "CSRF", csrf_token(rq, rs));
	for (i = 0; i < oq.q.nlines; i++) {
		tmpl_dict *l = tmpl_section(d, "LINE");
		sf_checkout_line(&rq->arena, l, &oq.q.lines[i]);
		tmpl_set(l, "VENDOR", oq.q.vendors[oq.q.lines[i].vendor].name);
	}
	tmpl_set(d, "ITEMS_TOTAL", money_format(oq.q.items_minor, total, sizeof total));
	if (rq->sess == NULL) {
		tmpl_show(d, "GUEST");
	} else {
		tmpl_set(tmpl_section(d, "USER"), "ACCOUNT_EMAIL", rq->sess->email);
		r = db_query("SELECT id, label, body_enc FROM addresses WHERE user_id = ? ORDER BY is_default DESC, id",
			     "i", rq->sess->user_id);
		if (r == NULL) {
			order_quote_free(&oq);
			view_discard(v);
			*status = 500;
			return NULL;
		}
		while (db_next(r)) {
			struct address ad;
			char id[24];

			address_open(&rq->arena, "addresses", "body_enc", db_int(r, 0), r, 2, &ad);
			row = tmpl_section(d, "SAVED");
			snprintf(id, sizeof id, "%lld", db_int(r, 0));
			tmpl_set(row, "ID", id);
			tmpl_set(row, "LABEL", db_str(r, 1));
			tmpl_set(row, "SUMMARY", arena_printf(&rq->arena, "%s, %s, %s %s, %s", ad.name, ad.line1, ad.postcode,
							      ad.city, ad.country));
			sf_checkout_checked(rq, row, "address_id", id, n_saved == 0);
			n_saved++;
		}
		db_free(r);
		if (n_saved > 0)
			tmpl_show(d, "HAS_SAVED");
		if (n_saved < SF_CHECKOUT_ADDRESSES_MAX) {
			const char *save = kvlist_get(&rq->form_fields, "save_address");

			row = tmpl_section(d, "CAN_SAVE");
			if (save && strcmp(save, "1") == 0)
				tmpl_show(row, "SAVE_CHECKED");
		}
	}
	row = tmpl_section(d, "NEW_ADDRESS");
	sf_checkout_checked(rq, row, "address_id", "0", n_saved == 0);
	if (n_saved == 0)
		tmpl_show(d, "NO_SAVED");
	for (m = 0; m < ORDER_NMETHODS; m++) {
		const char *by = order_method_refused_by(&rq->arena, &oq, m);

		row = tmpl_section(d, "METHOD");
		tmpl_set(row, "VALUE", order_method_names[m]);
		tmpl_set(row, "LABEL", order_method_labels[m]);
		if (by != NULL) {
			tmpl_set(tmpl_section(row, "REFUSED"), "WHY", by);
			tmpl_show(row, "DISABLED");
		} else {
			sf_checkout_checked(rq, row, "method", order_method_names[m], 0);
		}
	}
	if (oq.q.methods == 0)
		tmpl_show(d, "NO_METHOD");
	order_quote_free(&oq);
	return d;
}

tmpl_dict *
sf_checkout_form_page(struct req *rq, struct resp *rs, struct view *v)
{
	int status;
	tmpl_dict *d = sf_checkout_form_build(rq, rs, v, &status);

	if (d == NULL)
		rs->status = status;
	return d;
}

/*
 * ROUTE: GET /checkout      TEMPLATE: storefront/checkout_form.tpl
 * PARAMS: none
 * The checkout form for the visitor's cart (logged in or as a guest): the
 * items, a guest's email, the address (saved ones, or a new one), the
 * payment method (those a shop of the cart does not accept are shown
 * disabled with the shop's name) and a coupon code.
 */
int
sf_checkout_form(struct req *rq, struct resp *rs)
{
	struct view v = { 0 };
	int status;

	if (sf_checkout_form_build(rq, rs, &v, &status) == NULL)
		return status;
	return view_end(&v, rs);
}

/* ---- the review ----------------------------------------------------------------- */

/* Hidden fields that carry the checkout's choices into the place form. */
static void
sf_checkout_carry(struct arena *arena, tmpl_dict *d, const struct sf_checkout_input *in, int guest)
{
	tmpl_dict *f;
	int i;

	for (i = 0; i < ADDRESS_NFIELDS; i++) {
		f = tmpl_section(d, "CARRY");
		tmpl_set(f, "NAME", address_field_names[i]);
		tmpl_set(f, "VALUE", in->address_id > 0 ? "" : *address_slot((struct address *)&in->ship,
										(enum address_field)i));
	}
	f = tmpl_section(d, "CARRY");
	tmpl_set(f, "NAME", "address_id");
	tmpl_set(f, "VALUE", arena_printf(arena, "%lld", in->address_id));
	f = tmpl_section(d, "CARRY");
	tmpl_set(f, "NAME", "method");
	tmpl_set(f, "VALUE", order_method_names[in->method]);
	f = tmpl_section(d, "CARRY");
	tmpl_set(f, "NAME", "coupon");
	tmpl_set(f, "VALUE", in->coupon);
	f = tmpl_section(d, "CARRY");
	tmpl_set(f, "NAME", "save_address");
	tmpl_set(f, "VALUE", in->save_address ? "1" : "");
	if (guest) {
		f = tmpl_section(d, "CARRY");
		tmpl_set(f, "NAME", "email");
		tmpl_set(f, "VALUE", in->email);
	}
}

/* The review page of oq for in; message (may be NULL) on top; key: the
 * idempotency key the place form carries. */
static int
sf_checkout_review_page(struct req *rq, struct resp *rs, const struct sf_checkout_input *in,
			const struct order_quote *oq, const char *key, const char *message, int status)
{
	struct view v = { 0 };
	const struct quote *q = &oq->q;
	const char *problem;
	tmpl_dict *d, *vd, *row;
	char a[40];
	size_t k, i;

	d = sf_auth_page(&v, rq, rs, "storefront/checkout_review.tpl", "Review your order");
	view_crumb(&v, "Your cart", "/cart");
	view_crumb(&v, "Checkout", "/checkout");
	view_crumb(&v, "Review", NULL);
	if (message)
		tmpl_set(tmpl_section(d, "MESSAGE"), "TEXT", message);
	for (k = 0; k < q->nvendors; k++) {
		const struct quote_vendor *qv = &q->vendors[k];

		vd = tmpl_section(d, "VENDOR");
		tmpl_set(vd, "NAME", qv->name);
		for (i = qv->first_line; i < qv->first_line + qv->nlines; i++)
			sf_checkout_line(&rq->arena, tmpl_section(vd, "LINE"), &q->lines[i]);
		tmpl_set(vd, "ITEMS", money_format(qv->items_minor, a, sizeof a));
		tmpl_set(vd, "SHIPPING", qv->shipping_minor ? money_format(qv->shipping_minor, a, sizeof a) : "Free");
		if (qv->discount_minor > 0)
			tmpl_set(tmpl_section(vd, "HAS_DISCOUNT"), "DISCOUNT",
				 money_format(qv->discount_minor, a, sizeof a));
		tmpl_set(vd, "TAX", money_format(qv->tax_minor, a, sizeof a));
		tmpl_set(vd, "TOTAL", money_format(qv->total_minor, a, sizeof a));
		tmpl_set(vd, "DELIVERY", arena_printf(&rq->arena, "%d\xe2\x80\x93%d days", qv->delivery_min_days,
						      qv->delivery_max_days));
	}
	tmpl_set(d, "ITEMS", money_format(q->items_minor, a, sizeof a));
	tmpl_set(d, "SHIPPING", money_format(q->shipping_minor, a, sizeof a));
	if (q->discount_minor > 0) {
		row = tmpl_section(d, "HAS_DISCOUNT");
		tmpl_set(row, "DISCOUNT", money_format(q->discount_minor, a, sizeof a));
		tmpl_set(row, "CODE", oq->coupon_code);
		tmpl_set(row, "WHAT", oq->coupon_text ? oq->coupon_text : "");
	}
	tmpl_set(d, "TAX", money_format(q->tax_minor, a, sizeof a));
	tmpl_set(d, "TOTAL", money_format(q->total_minor, a, sizeof a));
	tmpl_set(d, "TOTAL_MINOR", arena_printf(&rq->arena, "%lld", q->total_minor));
	tmpl_set(d, "EMAIL", in->email);
	tmpl_set(d, "SHIP_NAME", in->ship.name);
	tmpl_set(d, "SHIP_LINE1", in->ship.line1);
	if (*in->ship.line2)
		tmpl_set(tmpl_section(d, "SHIP_HAS_LINE2"), "SHIP_LINE2", in->ship.line2);
	tmpl_set(d, "SHIP_CITY", in->ship.city);
	tmpl_set(d, "SHIP_POSTCODE", in->ship.postcode);
	tmpl_set(d, "SHIP_COUNTRY", shipping_country_name(in->ship.country) ? shipping_country_name(in->ship.country)
									    : in->ship.country);
	tmpl_set(d, "METHOD", order_method_labels[in->method]);
	problem = order_quote_problem(&rq->arena, oq, in->method);
	if (problem) {
		tmpl_set(tmpl_section(d, "PROBLEM"), "TEXT", problem);
	} else {
		row = tmpl_section(d, "PLACE");
		tmpl_set(row, "CSRF", csrf_token(rq, rs));
		tmpl_set(row, "KEY", key);
		tmpl_set(row, "QUOTE", oq->hash);
		tmpl_set(row, "TOTAL", money_format(q->total_minor, a, sizeof a));
		sf_checkout_carry(&rq->arena, row, in, rq->sess == NULL);
	}
	return view_end_status(&v, rs, status);
}

/* Prices the cart for in. Returns 0 with *oq (free it), 303 (an empty
 * cart: sent back to it), 422 (the form again with what is wrong: a
 * coupon, a shop that does not deliver there, a method ruled out, an item
 * short), or 500. */
static int
sf_checkout_quote(struct req *rq, struct resp *rs, const struct sf_checkout_input *in, long long *cart_id,
		  struct order_line **lines, size_t *n, struct order_quote *oq)
{
	size_t i, k;
	int rc;

	memset(oq, 0, sizeof *oq);
	if (sf_checkout_cart(rq, cart_id, lines, n) != 0)
		return 500;
	if (*n == 0) {
		resp_set_flash(rs, "Your cart is empty.");
		return resp_redirect(rs, 303, "/cart");
	}
	rc = order_quote(&rq->arena, *lines, *n, in->ship.country, in->method, in->coupon,
			 rq->sess ? rq->sess->user_id : 0, in->email, oq);
	if (rc < 0)
		return 500;
	if (rc > 0) {
		resp_set_flash(rs, "Something in your cart can no longer be found.");
		return resp_redirect(rs, 303, "/cart");
	}
	if (oq->coupon_message)
		route_form_error(rq, "coupon", oq->coupon_message);
	for (k = 0; k < oq->q.nvendors; k++)
		if (!oq->q.vendors[k].ships)
			route_form_error(rq, in->address_id > 0 ? "address_id" : "country",
					 arena_printf(&rq->arena, "%s does not deliver to %s.", oq->q.vendors[k].name,
						      shipping_country_name(in->ship.country)
							      ? shipping_country_name(in->ship.country)
							      : in->ship.country));
	if (order_method_refused_by(&rq->arena, oq, in->method))
		route_form_error(rq, "method", arena_printf(&rq->arena, "%s: %s", order_method_labels[in->method],
							    order_method_refused_by(&rq->arena, oq, in->method)));
	for (i = 0; i < oq->q.nlines; i++)
		if (oq->q.lines[i].state != PRICING_LINE_OK) {
			route_form_error(rq, "cart", order_quote_problem(&rq->arena, oq, in->method));
			break;
		}
	if (rq->form_errors.n > 0) {
		order_quote_free(oq);
		return 422;
	}
	return 0;
}

/*
 * ROUTE: POST /checkout/review      TEMPLATE: storefront/checkout_review.tpl
 * PARAMS: email (a guest's), address_id (a saved address, or 0 for the new
 *         address's fields name, line1, line2, city, postcode, country,
 *         phone, by the address book's rules), save_address, method (card,
 *         paypal, bank_transfer), coupon; bad input shows the form again
 *         (R_FORM)
 * The order as it would be placed, priced from the database, with the
 * form that places it (a new idempotency key, the hash of what is shown).
 */
int
sf_checkout_review(struct req *rq, struct resp *rs)
{
	struct sf_checkout_input in;
	struct order_line *lines;
	struct order_quote oq;
	char key[TOKEN_TEXT_SIZE];
	long long cart_id;
	size_t n;
	int rc;

	if (!sf_checkout_may_buy(rq, rs))
		return 403;
	sf_checkout_typed(rq, &in);
	if ((rc = sf_checkout_resolve(rq, &in)) == 422)
		return route_form_fail(rq, rs);
	if (rc != 0)
		return rc;
	rc = sf_checkout_quote(rq, rs, &in, &cart_id, &lines, &n, &oq);
	if (rc == 422)
		return route_form_fail(rq, rs);
	if (rc != 0)
		return rc;
	/* The place form carries the code as applied (canonical). */
	if (*oq.coupon_code)
		in.coupon = arena_strdup(&rq->arena, oq.coupon_code);
	order_new_key(key);
	rc = sf_checkout_review_page(rq, rs, &in, &oq, key, NULL, 200);
	order_quote_free(&oq);
	return rc;
}

/* ---- placing the order ------------------------------------------------------------- */

/* Saves a new address the customer asked to keep (after the order: the
 * order does not depend on it). */
static void
sf_checkout_save_address(struct req *rq, const struct sf_checkout_input *in)
{
	long long count, id;

	if (rq->sess == NULL || in->address_id > 0 || !in->save_address)
		return;
	count = db_scalar(-1, "SELECT COUNT(*) FROM addresses WHERE user_id = ?", "i", rq->sess->user_id);
	if (count < 0 || count >= SF_CHECKOUT_ADDRESSES_MAX)
		return;
	if (db_begin() != 0)
		return;
	if (db_exec("INSERT INTO addresses (user_id, label, is_default) VALUES (?, ?, ?)", "isi", rq->sess->user_id,
		    in->ship.city, (long long)(count == 0)) != 1)
		goto fail;
	id = (long long)db_insert_id();
	if (address_seal_store(&rq->arena, "UPDATE addresses SET body_enc = ? WHERE id = ?", "addresses", "body_enc",
			       id, &in->ship) != 0 ||
	    db_commit() != 0)
		goto fail;
	return;
fail:
	db_rollback();
}

/* The order placed page's path. */
static char *
sf_checkout_placed_path(struct req *rq, long long order_id)
{
	return arena_printf(&rq->arena, "/checkout/placed/%lld", order_id);
}

/* Where the order placed goes next: a card or PayPal order waiting for its
 * payment to the provider's page (sf_payment_start: the same page however
 * often the form is sent), anything else to its page. */
static int
sf_checkout_placed_redirect(struct req *rq, struct resp *rs, const struct order_result *res, int method)
{
	if (rq->sess == NULL && *res->guest_token)
		resp_cookie(rs, SF_CHECKOUT_GUEST_COOKIE, res->guest_token, SF_CHECKOUT_GUEST_MAX_AGE,
			    RESP_COOKIE_HTTPONLY | (rq->https ? RESP_COOKIE_SECURE : 0));
	if (method != ORDER_BANK_TRANSFER &&
	    db_scalar(0, "SELECT status = 'awaiting_payment' FROM orders WHERE id = ?", "i", res->order_id) == 1)
		return sf_payment_start(rq, rs, res->order_id, sf_checkout_placed_path(rq, res->order_id));
	return resp_redirect(rs, 303, sf_checkout_placed_path(rq, res->order_id));
}

/*
 * ROUTE: POST /checkout/place      TEMPLATE: storefront/checkout_review.tpl
 * PARAMS: the fields of POST /checkout/review, key (the idempotency key the
 *         review drew) and quote (the hash of the order reviewed)
 * Places the order of the visitor's cart (order_place: one transaction).
 * The same form sent again (a double click, a retried request) shows the
 * order it made; a short item sends the shopper back to the cart saying
 * which and how many are left; a changed order is shown for review again.
 */
int
sf_checkout_place(struct req *rq, struct resp *rs)
{
	struct sf_checkout_input in;
	struct order_request orq = { 0 };
	struct order_result res;
	struct order_line *lines;
	char key[TOKEN_TEXT_SIZE];
	long long cart_id;
	size_t n;
	int rc;

	if (!sf_checkout_may_buy(rq, rs))
		return 403;
	sf_checkout_typed(rq, &in);
	if (in.key == NULL || !token_valid(in.key) || in.quote == NULL ||
	    !token_hex_valid(in.quote, ORDER_HASH_HEX)) {
		rs->message = "The order form is incomplete: review your order again.";
		return 400;
	}
	if ((rc = sf_checkout_resolve(rq, &in)) == 422) {
		rs->message = rq->form_errors.n ? rq->form_errors.items[0].val : NULL;
		return 400;
	}
	if (rc != 0)
		return rc;
	if (sf_checkout_cart(rq, &cart_id, &lines, &n) != 0)
		return 500;
	orq.lines = lines;
	orq.nlines = n;
	orq.cart_id = cart_id;
	orq.user_id = rq->sess ? rq->sess->user_id : 0;
	orq.email = in.email;
	orq.ship = &in.ship;
	orq.method = in.method;
	orq.coupon_code = in.coupon;
	orq.idempotency_key = in.key;
	orq.quote_hash = in.quote;
	/* The same form sent again once its order emptied the cart. */
	memset(&res, 0, sizeof res);
	if ((rc = order_find(&orq, &res)) < 0)
		return 500;
	if (rc == 0 && n == 0) {
		resp_set_flash(rs, "Your cart is empty.");
		return resp_redirect(rs, 303, "/cart");
	}
	if (rc == 0 && order_place(&rq->arena, &orq, &res) != 0) {
		order_quote_free(&res.quote);
		return 500;
	}
	if (rc > 0)
		res.outcome = (enum order_outcome)rc;
	switch (res.outcome) {
	case ORDER_PLACED:
		order_quote_free(&res.quote);
		sf_checkout_save_address(rq, &in);
		return sf_checkout_placed_redirect(rq, rs, &res, in.method);
	case ORDER_EXISTS:
		order_quote_free(&res.quote);
		return sf_checkout_placed_redirect(rq, rs, &res, in.method);
	case ORDER_SHORT:
		order_quote_free(&res.quote);
		resp_set_flash(rs, res.message);
		return resp_redirect(rs, 303, "/cart");
	case ORDER_CHANGED:
		rc = sf_checkout_review_page(rq, rs, &in, &res.quote, in.key, res.message, 409);
		order_quote_free(&res.quote);
		return rc;
	case ORDER_KEY_REUSED:
	case ORDER_REFUSED:
		order_quote_free(&res.quote);
		/* Priced again for the review, under a new key. */
		if (order_quote(&rq->arena, lines, n, in.ship.country, in.method, NULL,
				rq->sess ? rq->sess->user_id : 0, in.email, &res.quote) != 0) {
			order_quote_free(&res.quote);
			rs->message = res.message;
			return 409;
		}
		order_new_key(key);
		in.coupon = "";
		rc = sf_checkout_review_page(rq, rs, &in, &res.quote, key, res.message, 409);
		order_quote_free(&res.quote);
		return rc;
	case ORDER_INVALID:
	default:
		order_quote_free(&res.quote);
		rs->message = res.message;
		return 400;
	}
}

/* ---- the order placed ---------------------------------------------------------------- */

/* The order of the request's {id} if the visitor may see it (its
 * customer, or the guest's browser with its token): 1, 0 (a 404), -1. */
static int
sf_checkout_visible(struct req *rq, long long id)
{
	return order_visible(id, rq->sess ? rq->sess->user_id : 0, req_cookie(rq, SF_CHECKOUT_GUEST_COOKIE));
}

/*
 * ROUTE: GET /checkout/placed/{id}      TEMPLATE: storefront/checkout_placed.tpl
 * PARAMS: id (an order of the logged-in customer, or the guest's order whose
 *         token the browser holds)
 * The order placed: its number, each shop's part, the totals, where the
 * mails go, and how it is paid (card or PayPal: the provider's page; bank
 * transfer: the details and the reference).
 */
int
sf_checkout_placed(struct req *rq, struct resp *rs)
{
	long long id = req_path_id(rq, "id");
	struct view v = { 0 };
	struct db_result *r;
	tmpl_dict *d, *vd = NULL;
	long long last_vo = 0;
	char a[40];
	int visible;

	visible = sf_checkout_visible(rq, id);
	if (visible < 0)
		return 500;
	if (!visible)
		return 404;
	r = db_query("SELECT o.number, o.status, o.payment_method, o.email, o.items_minor, o.shipping_minor,"
		     " o.discount_minor, o.tax_minor, o.total_minor, o.user_id IS NULL,"
		     " vo.id, vo.number, v.trading_name, vo.total_minor, vo.shipping_minor, i.name, i.quantity,"
		     " i.line_minor"
		     " FROM orders o JOIN vendor_orders vo ON vo.order_id = o.id JOIN vendors v ON v.id = vo.vendor_id"
		     " JOIN order_items i ON i.vendor_order_id = vo.id WHERE o.id = ? ORDER BY vo.id, i.id", "i", id);
	if (r == NULL)
		return 500;
	if (db_rows(r) == 0) {
		db_free(r);
		return 404;
	}
	d = sf_auth_page(&v, rq, rs, "storefront/checkout_placed.tpl", "Order placed");
	view_crumb(&v, "Order placed", NULL);
	while (db_next(r)) {
		tmpl_dict *line;

		if (vd == NULL) {
			tmpl_set(d, "NUMBER", db_str(r, 0));
			tmpl_set(d, "EMAIL", db_str(r, 3));
			tmpl_set(d, "ITEMS", money_format(db_int(r, 4), a, sizeof a));
			tmpl_set(d, "SHIPPING", money_format(db_int(r, 5), a, sizeof a));
			if (db_int(r, 6) > 0)
				tmpl_set(tmpl_section(d, "HAS_DISCOUNT"), "DISCOUNT", money_format(db_int(r, 6), a, sizeof a));
			tmpl_set(d, "TAX", money_format(db_int(r, 7), a, sizeof a));
			tmpl_set(d, "TOTAL", money_format(db_int(r, 8), a, sizeof a));
			tmpl_set(d, "METHOD", order_method_labels[order_method_parse(db_str(r, 2)) < 0
								  ? 0 : order_method_parse(db_str(r, 2))]);
			if (strcmp(db_str(r, 1), "paid") == 0) {
				tmpl_show(d, "PAID");
			} else if (strcmp(db_str(r, 1), "awaiting_payment") != 0) {
				tmpl_show(d, "CLOSED");
			} else if (strcmp(db_str(r, 2), "bank_transfer") == 0) {
				tmpl_show(d, "AWAITING_BANK");
				sf_payment_bank_details(d, id);
			} else {
				tmpl_dict *card = tmpl_section(d, "AWAITING_CARD");

				/* The order can be paid again from here: the customer's
				 * own, or a guest's by the token its browser holds (the
				 * one that made it visible). */
				struct sf_customer who = { 0, db_int(r, 9) ? req_cookie(rq, SF_CHECKOUT_GUEST_COOKIE) : NULL };

				if (db_int(r, 9) ? who.token != NULL : rq->sess != NULL) {
					tmpl_dict *pay = tmpl_section(card, "PAY_NOW");

					tmpl_set_int(pay, "ID", id);
					tmpl_set(pay, "CSRF", csrf_token(rq, rs));
					sf_orders_form_token(pay, &who);
				}
			}
			if (db_int(r, 9))
				tmpl_show(d, "GUEST");
		}
		if (db_int(r, 10) != last_vo) {
			last_vo = db_int(r, 10);
			vd = tmpl_section(d, "VENDOR");
			tmpl_set(vd, "NUMBER", db_str(r, 11));
			tmpl_set(vd, "NAME", db_str(r, 12));
			tmpl_set(vd, "TOTAL", money_format(db_int(r, 13), a, sizeof a));
			tmpl_set(vd, "SHIPPING", db_int(r, 14) ? money_format(db_int(r, 14), a, sizeof a) : "Free");
		}
		line = tmpl_section(vd, "LINE");
		tmpl_set(line, "NAME", db_str(r, 15));
		tmpl_set_int(line, "QUANTITY", db_int(r, 16));
		tmpl_set(line, "LINE", money_format(db_int(r, 17), a, sizeof a));
	}
	db_free(r);
	return view_end(&v, rs);
}
