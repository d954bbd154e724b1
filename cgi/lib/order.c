/*
 * order: quoting a cart and placing it as one order (order.h).
 */
#include "order.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cart.h"
#include "chat.h"
#include "cfg.h"
#include "clock.h"
#include "crypt.h"
#include "db.h"
#include "events.h"
#include "log.h"
#include "ordermail.h"
#include "plan.h"
#include "stock.h"

const char *const order_method_names[ORDER_NMETHODS + 1] = { "card", "paypal", "bank_transfer", NULL };
const char *const order_method_labels[ORDER_NMETHODS] = { "Card", "PayPal", "Bank transfer" };
const char *const order_method_words[ORDER_NMETHODS] = { "card", "PayPal", "bank transfer" };

int
order_method_parse(const char *name)
{
	int i;

	for (i = 0; name && i < ORDER_NMETHODS; i++)
		if (strcmp(name, order_method_names[i]) == 0)
			return i;
	return -1;
}

const char *
order_method_label(const char *name)
{
	int m = order_method_parse(name);

	return m < 0 ? "" : order_method_labels[m];
}

const char *
order_method_word(const char *name)
{
	int m = order_method_parse(name);

	return m < 0 ? "" : order_method_words[m];
}

char *
order_number(long long order_id, char out[ORDER_NUMBER_SIZE])
{
	snprintf(out, ORDER_NUMBER_SIZE, "BZ-%06lld", order_id);
	return out;
}

void
order_new_key(char key[TOKEN_TEXT_SIZE])
{
	token_new(key);
}

int
order_guest_token(const char *key, char token[TOKEN_TEXT_SIZE])
{
	static const char domain[] = "bazaar order guest link v1";
	unsigned char raw[TOKEN_RAW_BYTES];

	token[0] = '\0';
	if (!token_valid(key) || sodium_init() < 0)
		return -1;
	crypto_generichash(raw, sizeof raw, (const unsigned char *)key, strlen(key),
			   (const unsigned char *)domain, sizeof domain - 1);
	sodium_bin2base64(token, TOKEN_TEXT_SIZE, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	return 0;
}

/* What a guest's mail link MACs (crypt_mac): the order's id, for this use. */
#define ORDER_MAIL_LINK_PURPOSE "bazaar order guest mail link v1"
#define ORDER_MAIL_LINK_ID_BYTES 4	/* the key id, big-endian, then the MAC */

/* The MAC of a guest's mail link of order_id under key_id (0: the current
 * key) into mac (TOKEN_RAW_BYTES - ORDER_MAIL_LINK_ID_BYTES); the key id
 * used, 0 when there is none. The jobs that mail load the key file here. */
static unsigned
order_mail_link_mac(long long order_id, unsigned key_id, unsigned char *mac)
{
	char msg[32];

	if (crypt_current_key_id() == 0 && crypt_init() != 0)
		return 0;
	snprintf(msg, sizeof msg, "%lld", order_id);
	return crypt_mac(key_id, ORDER_MAIL_LINK_PURPOSE, msg, strlen(msg), mac,
			 TOKEN_RAW_BYTES - ORDER_MAIL_LINK_ID_BYTES);
}

int
order_guest_mail_token(long long order_id, char token[TOKEN_TEXT_SIZE])
{
	unsigned char raw[TOKEN_RAW_BYTES];
	unsigned id;

	token[0] = '\0';
	if (order_id <= 0 || (id = order_mail_link_mac(order_id, 0, raw + ORDER_MAIL_LINK_ID_BYTES)) == 0)
		return -1;
	raw[0] = (unsigned char)(id >> 24);
	raw[1] = (unsigned char)(id >> 16);
	raw[2] = (unsigned char)(id >> 8);
	raw[3] = (unsigned char)id;
	sodium_bin2base64(token, TOKEN_TEXT_SIZE, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return 0;
}

/* 1 when token is a mail link of order_id (order_guest_mail_token). */
static int
order_guest_mail_token_ok(long long order_id, const char *token)
{
	unsigned char raw[TOKEN_RAW_BYTES], mac[TOKEN_RAW_BYTES - ORDER_MAIL_LINK_ID_BYTES];
	size_t len = 0;
	unsigned id;

	if (!token_valid(token) ||
	    sodium_base642bin(raw, sizeof raw, token, strlen(token), NULL, &len, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || len != sizeof raw)
		return 0;
	id = ((unsigned)raw[0] << 24) | ((unsigned)raw[1] << 16) | ((unsigned)raw[2] << 8) | (unsigned)raw[3];
	if (id == 0 || order_mail_link_mac(order_id, id, mac) != id)
		return 0;
	return token_equal(raw + ORDER_MAIL_LINK_ID_BYTES, mac, sizeof mac);
}

char *
order_key_hash(const char *key, char out[ORDER_KEY_HASH_HEX + 1])
{
	unsigned char raw[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(raw, (const unsigned char *)(key ? key : ""), key ? strlen(key) : 0);
	return token_hex(raw, sizeof raw, out);
}

/* ---- the quote ------------------------------------------------------------ */

unsigned
order_method_bit(int method)
{
	return method >= 0 && method < ORDER_NMETHODS ? 1u << method : 0;
}

static int
order_line_cmp(const void *x, const void *y)
{
	const struct order_line *a = x, *b = y;

	return (a->product_id > b->product_id) - (a->product_id < b->product_id);
}

/* The lines sorted by product, one line per product (quantities added,
 * at most ORDER_QTY_MAX), as pricing items. Arena memory; *out_n items. */
static struct pricing_item *
order_items(struct arena *a, const struct order_line *lines, size_t n, size_t *out_n)
{
	struct order_line *m = arena_alloc(a, (n ? n : 1) * sizeof *m);
	struct pricing_item *items = arena_alloc(a, (n ? n : 1) * sizeof *items);
	size_t i, k = 0;

	if (n)
		memcpy(m, lines, n * sizeof *m);
	qsort(m, n, sizeof *m, order_line_cmp);
	for (i = 0; i < n; i++) {
		if (k > 0 && items[k - 1].product_id == m[i].product_id) {
			long long sum = items[k - 1].quantity + m[i].quantity;
			items[k - 1].quantity = (int)(sum > ORDER_QTY_MAX ? ORDER_QTY_MAX : sum);
			continue;
		}
		items[k].product_id = m[i].product_id;
		items[k].quantity = (int)m[i].quantity;
		k++;
	}
	*out_n = k;
	return items;
}

/* The hash of what is ordered: the lines with their prices and tax, the
 * country, the method, the coupon and the sums, as lower-case hex. */
static void
order_quote_hash(struct order_quote *oq, int method)
{
	const struct quote *q = &oq->q;
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];
	char part[160];
	size_t i;

	crypto_hash_sha256_init(&st);
	snprintf(part, sizeof part, "v1|%s|%d|%s", q->country, method, oq->coupon_code);
	crypto_hash_sha256_update(&st, (const unsigned char *)part, strlen(part));
	for (i = 0; i < q->nlines; i++) {
		const struct quote_line *l = &q->lines[i];
		snprintf(part, sizeof part, "|%lld:%d:%lld:%lld:%lld", l->product_id, l->quantity,
			 l->unit_price_minor, l->discount_minor, l->tax_bp);
		crypto_hash_sha256_update(&st, (const unsigned char *)part, strlen(part));
	}
	snprintf(part, sizeof part, "|%lld:%lld:%lld:%lld", q->items_minor, q->shipping_minor, q->discount_minor,
		 q->total_minor);
	crypto_hash_sha256_update(&st, (const unsigned char *)part, strlen(part));
	crypto_hash_sha256_final(&st, h);
	token_hex(h, sizeof h, oq->hash);
}

/* Applies the coupon code to the quote (coupon_check_lines, then
 * coupon_spread and pricing_finish). 0 (applied, or refused with
 * coupon_message), -1 on error. */
static int
order_apply_coupon(struct arena *a, struct order_quote *oq, const char *code, long long user_id,
		   const char *email)
{
	struct quote *q = &oq->q;
	struct coupon_line *cl = arena_alloc(a, q->nlines * sizeof *cl);
	struct coupon_vendor_share *shares = arena_alloc(a, q->nlines * sizeof *shares);
	struct coupon *c = arena_alloc(a, sizeof *c);
	long long discount;
	size_t i, k, nshares = 0;
	int rc;

	for (i = 0; i < q->nlines; i++) {
		cl[i].product_id = q->lines[i].product_id;
		cl[i].vendor_id = q->lines[i].vendor_id;
		cl[i].category_id = q->lines[i].category_id;
		cl[i].line_minor = q->lines[i].state == PRICING_LINE_UNAVAILABLE ? 0 : q->lines[i].line_minor;
	}
	rc = coupon_check_lines(code, user_id, email, cl, q->nlines, c);
	if (rc == COUPON_ERROR)
		return -1;
	if (rc != COUPON_OK) {
		oq->coupon_message = arena_strdup(a, c->message);
		return 0;
	}
	if (coupon_spread(c, cl, q->nlines, &discount, shares, &nshares) != 0)
		return -1;
	for (i = 0; i < q->nlines; i++)
		q->lines[i].discount_minor = cl[i].discount_minor;
	for (k = 0; k < nshares; k++)
		for (i = 0; i < q->nvendors; i++)
			if (q->vendors[i].vendor_id == shares[k].vendor_id)
				q->vendors[i].vendor_discount_minor = shares[k].vendor_minor;
	if (pricing_finish(q) != 0)
		return -1;
	oq->coupon_id = c->id;
	snprintf(oq->coupon_code, sizeof oq->coupon_code, "%s", c->code);
	oq->coupon_text = coupon_describe(a, c);
	return 0;
}

int
order_quote(struct arena *a, const struct order_line *lines, size_t n, const char *country, int method,
	    const char *coupon_code, long long user_id, const char *email, struct order_quote *oq)
{
	struct pricing_item *items;
	size_t ni;
	int rc;

	memset(oq, 0, sizeof *oq);
	if (n > ORDER_LINES_MAX)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (lines[i].quantity < 1 || lines[i].quantity > ORDER_QTY_MAX)
			return 1;
	items = order_items(a, lines, n, &ni);
	if ((rc = pricing_quote(items, ni, country, &oq->q)) != 0)
		return rc;
	if (coupon_code && *coupon_code && order_apply_coupon(a, oq, coupon_code, user_id, email) != 0) {
		order_quote_free(oq);
		return -1;
	}
	order_quote_hash(oq, method);
	return 0;
}

void
order_quote_free(struct order_quote *oq)
{
	pricing_free(&oq->q);
}

const char *
order_method_refused_by(struct arena *a, const struct order_quote *oq, int method)
{
	char buf[1024];
	const char *why;

	if (order_method_bit(method) == 0)
		return NULL;
	why = pricing_method_refusal(&oq->q, order_method_bit(method), buf, sizeof buf);
	return why ? arena_strdup(a, why) : NULL;
}

const char *
order_quote_problem(struct arena *a, const struct order_quote *oq, int method)
{
	char buf[1024];
	const char *why;
	size_t i, k;

	/* pricing_problem's sentences, but a method not chosen yet is no
	 * problem, and the chosen one is judged on its own. */
	for (i = 0; i < oq->q.nlines; i++)
		if (oq->q.lines[i].state != PRICING_LINE_OK)
			goto pricing;
	for (k = 0; k < oq->q.nvendors; k++)
		if (!oq->q.vendors[k].ships)
			goto pricing;
	if (oq->q.nlines == 0)
		return "There is nothing to order.";
	if (method >= 0 && (why = order_method_refused_by(a, oq, method)) != NULL)
		return arena_printf(a, "%s: %s", order_method_labels[method], why);
	return NULL;
pricing:
	why = pricing_problem(&oq->q, buf, sizeof buf);
	return why ? arena_strdup(a, why) : NULL;
}

/* ---- placing the order ---------------------------------------------------- */

struct order_job {
	struct arena *a;
	const struct order_request *req;
	struct order_result *res;
	time_t now;
	int rc;			/* the outcome decided inside the transaction */
	int duplicate;		/* the key was taken while we waited */
};

/* Minutes an unpaid card or PayPal order waits, days a bank transfer. */
static time_t
order_expires(int method, time_t now)
{
	if (method == ORDER_BANK_TRANSFER)
		return now + (time_t)cfg_int_in("BAZAAR_ORDER_BANK_DAYS", 7, 1, 60) * 86400;
	return now + (time_t)cfg_int_in("BAZAAR_ORDER_PAY_MINUTES", 60, 5, 7 * 24 * 60) * 60;
}

/* The commission on a line: plan_commission on each unit (the line after a
 * vendor-borne discount, spread over its units so the parts add up). */
static int
order_line_commission(const struct plan *p, long long amount, long long quantity, long long *fee)
{
	long long parts[2], base, extra, f, rest;

	if (quantity < 1 || amount < 0)
		return -1;
	/* quantity units: `extra` of them carry one cent more than the rest. */
	base = amount / quantity;
	extra = amount % quantity;
	if (plan_commission(p, base, &f, &rest) != 0)
		return -1;
	parts[0] = f;
	if (plan_commission(p, base + 1, &f, &rest) != 0)
		return -1;
	parts[1] = f;
	*fee = parts[0] * (quantity - extra) + parts[1] * extra;
	return 0;
}

static int
order_index_cmp(const void *x, const void *y, void *arg)
{
	const struct quote_line *lines = arg;
	long long a = lines[*(const size_t *)x].product_id, b = lines[*(const size_t *)y].product_id;

	return (a > b) - (a < b);
}

/* The part of a line's discount its vendor bears. */
static long long
order_vendor_borne(const struct quote_vendor *v, const struct quote_line *l)
{
	if (v->vendor_discount_minor <= 0 || v->discount_minor <= 0)
		return 0;
	if (v->vendor_discount_minor >= v->discount_minor)
		return l->discount_minor;
	return (long long)((__int128)l->discount_minor * v->vendor_discount_minor / v->discount_minor);
}

/* The transaction of order_place (db_tx). Returns 0 to commit; a positive
 * ORDER_* outcome or -1 rolls everything back. */
static int
order_place_tx(void *arg)
{
	struct order_job *j = arg;
	const struct order_request *req = j->req;
	struct order_result *res = j->res;
	struct order_quote *oq = &res->quote;
	struct quote *q = &oq->q;
	unsigned char hash_bin[32], zero_hash[32] = { 0 }, guest_hash[TOKEN_HASH_BYTES];
	char placed[32], expires[32], temp_number[ORDER_NUMBER_SIZE], vo_number[64], note[64];
	char rnd[11], rnd_hex[23], message[COUPON_MESSAGE_MAX], key_hash[ORDER_KEY_HASH_HEX + 1];
	const char *problem;
	long long order_id, n, *product_ids;
	size_t i, k, *by_product;
	int rc;

	j->duplicate = 0;
	order_quote_free(oq);
	memset(oq, 0, sizeof *oq);
	clock_datetime(j->now, placed, sizeof placed);
	clock_datetime(order_expires(req->method, j->now), expires, sizeof expires);
	/* The order's row first: its key is unique, so a second submission of
	 * this form waits here for the first and then finds the key taken. */
	randombytes_buf(rnd, sizeof rnd);
	snprintf(temp_number, sizeof temp_number, "~%s", token_hex((unsigned char *)rnd, sizeof rnd, rnd_hex));
	if (req->quote_hash && strlen(req->quote_hash) == ORDER_HASH_HEX)
		sodium_hex2bin(hash_bin, sizeof hash_bin, req->quote_hash, ORDER_HASH_HEX, NULL, NULL, NULL);
	else
		memcpy(hash_bin, zero_hash, sizeof hash_bin);
	if (db_exec("INSERT INTO orders (number, user_id, email, status, payment_method, items_minor,"
		    " total_minor, ship_country, idempotency_key, cart_hash, placed_at, expires_at)"
		    " VALUES (?, NULLIF(?, 0), ?, 'awaiting_payment', ?, 0, 0, ?, ?, ?, ?, ?)",
		    "sissssbss", temp_number, req->user_id, req->email, order_method_names[req->method],
		    req->ship->country, order_key_hash(req->idempotency_key, key_hash), hash_bin, sizeof hash_bin,
		    placed, expires) != 1) {
		if (db_is_duplicate()) {
			j->duplicate = 1;
			return ORDER_EXISTS;
		}
		return -1;
	}
	order_id = (long long)db_insert_id();

	/* The quote again, from the database as it is now. */
	rc = order_quote(j->a, req->lines, req->nlines, req->ship->country, req->method, req->coupon_code,
			 req->user_id, req->email, oq);
	if (rc < 0)
		return -1;
	if (rc > 0) {
		res->message = "Something in your cart can no longer be found: check your cart again.";
		return ORDER_REFUSED;
	}
	if (req->quote_hash && strcmp(req->quote_hash, oq->hash) != 0) {
		res->message = oq->coupon_message
			? oq->coupon_message
			: "Something in your order changed since you reviewed it: check it again.";
		return ORDER_CHANGED;
	}
	if (oq->coupon_message) {
		res->message = oq->coupon_message;
		return ORDER_REFUSED;
	}
	/* Short lines are found by the conditional updates below, which see
	 * every order committed before; anything else stops us here. */
	for (i = 0; i < q->nlines; i++)
		if (q->lines[i].state == PRICING_LINE_UNAVAILABLE) {
			res->message = order_quote_problem(j->a, oq, req->method);
			return ORDER_REFUSED;
		}
	{
		struct order_quote unshort = *oq;
		struct quote_line *copy = arena_alloc(j->a, q->nlines * sizeof *copy);

		memcpy(copy, q->lines, q->nlines * sizeof *copy);
		for (i = 0; i < q->nlines; i++)
			copy[i].state = PRICING_LINE_OK;
		unshort.q.lines = copy;
		if ((problem = order_quote_problem(j->a, &unshort, req->method)) != NULL) {
			res->message = problem;
			return ORDER_REFUSED;
		}
	}

	/* Stock: one conditional decrement per product, in product order, so
	 * orders never wait for each other in a circle. */
	by_product = arena_alloc(j->a, q->nlines * sizeof *by_product);
	product_ids = arena_alloc(j->a, q->nlines * sizeof *product_ids);
	for (i = 0; i < q->nlines; i++)
		by_product[i] = i;
	qsort_r(by_product, q->nlines, sizeof *by_product, order_index_cmp, q->lines);
	order_number(order_id, res->number);
	snprintf(note, sizeof note, "Order %s", res->number);
	for (i = 0; i < q->nlines; i++) {
		const struct quote_line *l = &q->lines[by_product[i]];
		struct stock_change c = { .product_id = l->product_id, .vendor_id = l->vendor_id,
					  .delta = -(long long)l->quantity, .reason = STOCK_SALE, .note = note,
					  .user_id = req->user_id };

		product_ids[i] = l->product_id;
		rc = stock_adjust_in_tx(&c, NULL);
		if (rc == STOCK_BELOW_ZERO || rc == STOCK_NOT_FOUND) {
			res->short_product_id = l->product_id;
			res->short_name = arena_strdup(j->a, l->name);
			return ORDER_SHORT;
		}
		if (rc != 0)
			return -1;
	}
	if (oq->coupon_id > 0) {
		rc = coupon_hold(oq->coupon_id, order_id, req->user_id, req->email, message, sizeof message);
		if (rc == COUPON_ERROR)
			return -1;
		if (rc != COUPON_OK) {
			res->message = arena_strdup(j->a, message);
			return ORDER_REFUSED;
		}
	}

	/* The order's figures and address. */
	sodium_hex2bin(hash_bin, sizeof hash_bin, oq->hash, ORDER_HASH_HEX, NULL, NULL, NULL);
	n = db_exec("UPDATE orders SET number = ?, items_minor = ?, shipping_minor = ?, discount_minor = ?,"
		    " tax_minor = ?, total_minor = ?, coupon_id = NULLIF(?, 0), coupon_code = NULLIF(?, ''),"
		    " ship_name = ?, cart_hash = ? WHERE id = ?",
		    "siiiiiissbi", res->number, q->items_minor, q->shipping_minor, q->discount_minor, q->tax_minor,
		    q->total_minor, oq->coupon_id, oq->coupon_code, req->ship->name, hash_bin, sizeof hash_bin,
		    order_id);
	if (n != 1)
		return -1;
	if (address_seal_store(j->a, "UPDATE orders SET ship_address_enc = ? WHERE id = ?", "orders",
			       "ship_address_enc", order_id, req->ship) != 0)
		return -1;
	if (req->user_id == 0) {
		if (order_guest_token(req->idempotency_key, res->guest_token) != 0 ||
		    token_hash(res->guest_token, guest_hash) != 0 ||
		    db_exec("UPDATE orders SET guest_token_hash = ? WHERE id = ?", "bi", guest_hash,
			    sizeof guest_hash, order_id) != 1)
			return -1;
	}

	/* One vendor order per vendor, its items with their snapshots. */
	for (k = 0; k < q->nvendors; k++) {
		const struct quote_vendor *v = &q->vendors[k];
		struct plan p;
		long long vo_id, commission = 0;

		if (plan_for_vendor_at(v->vendor_id, j->now, &p) != 0)
			return -1;
		snprintf(vo_number, sizeof vo_number, "%s-%d", res->number, (int)(k + 1));
		if (db_exec("INSERT INTO vendor_orders (order_id, vendor_id, number, items_minor, shipping_minor,"
			    " discount_minor, vendor_discount_minor, tax_minor, total_minor, plan_id, handling_days)"
			    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			    "iisiiiiiiii", order_id, v->vendor_id, vo_number, v->items_minor, v->shipping_minor,
			    v->discount_minor, v->vendor_discount_minor, v->tax_minor, v->total_minor, p.id,
			    (long long)v->terms.handling_days) != 1)
			return -1;
		vo_id = (long long)db_insert_id();
		/* The customer and the shop can write to each other about it. */
		if (chat_open(order_id, vo_id, req->user_id, v->vendor_id) != 0)
			return -1;
		for (i = v->first_line; i < v->first_line + v->nlines; i++) {
			const struct quote_line *l = &q->lines[i];
			long long fee;

			/* The shop is paid the line less the part of the
			 * discount it bears; the commission is on that. */
			if (order_line_commission(&p, l->line_minor - order_vendor_borne(v, l), l->quantity, &fee) != 0)
				return -1;
			commission += fee;
			if (db_exec("INSERT INTO order_items (order_id, vendor_order_id, product_id, name, sku,"
				    " unit_price_minor, quantity, line_minor, discount_minor, tax_bp, tax_minor,"
				    " commission_bp, commission_minor) VALUES (?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?,"
				    " ?, ?, ?)",
				    "iiissiiiiiiii", order_id, vo_id, l->product_id, l->name, l->sku,
				    l->unit_price_minor, (long long)l->quantity, l->line_minor, l->discount_minor,
				    l->tax_bp, l->tax_minor, p.commission_bp, fee) != 1)
				return -1;
		}
		if (db_exec("UPDATE vendor_orders SET commission_minor = ? WHERE id = ?", "ii", commission,
			    vo_id) != 1)
			return -1;
	}
	if (db_exec("INSERT INTO order_history (order_id, from_status, to_status, actor_id, actor_role, note, at)"
		    " VALUES (?, '', 'awaiting_payment', NULLIF(?, 0), 'customer', 'Order placed', ?)",
		    "iis", order_id, req->user_id, placed) != 1)
		return -1;
	if (req->cart_id > 0 && cart_remove_ordered(req->cart_id, product_ids, q->nlines) < 0)
		return -1;
	if (events_emit(ORDER_EVENT_PLACED, order_id, "") < 0)
		return -1;
	if (ordermail_placed(order_id, req->user_id == 0 ? res->guest_token : NULL) != 0)
		return -1;
	res->order_id = order_id;
	res->total_minor = q->total_minor;
	return 0;
}

int
order_find(const struct order_request *req, struct order_result *res)
{
	struct db_result *r;
	char hex[ORDER_HASH_HEX + 1], key_hash[ORDER_KEY_HASH_HEX + 1];
	int rc = 0;

	r = db_query("SELECT id, number, COALESCE(user_id, 0), email, cart_hash, total_minor FROM orders"
		     " WHERE idempotency_key = ?", "s", order_key_hash(req->idempotency_key, key_hash));
	if (r == NULL)
		return -1;
	if (db_next(r)) {
		int same_customer = db_int(r, 2) == req->user_id &&
				    (req->user_id != 0 || strcmp(db_str(r, 3), req->email) == 0);
		int same_quote = req->quote_hash == NULL ||
				 (db_len(r, 4) == 32 &&
				  strcmp(token_hex((const unsigned char *)db_str(r, 4), 32, hex), req->quote_hash) == 0);

		if (same_customer && same_quote) {
			rc = ORDER_EXISTS;
			res->order_id = db_int(r, 0);
			snprintf(res->number, sizeof res->number, "%s", db_str(r, 1));
			res->total_minor = db_int(r, 5);
			if (req->user_id == 0)
				order_guest_token(req->idempotency_key, res->guest_token);
		} else {
			rc = ORDER_KEY_REUSED;
			res->message = "This order form was already used for another order. Review your order again.";
		}
	}
	db_free(r);
	return rc;
}

int
order_place(struct arena *a, const struct order_request *req, struct order_result *res)
{
	struct order_job j = { a, req, res, 0, 0, 0 };
	size_t i;
	int rc;

	memset(res, 0, sizeof *res);
	res->outcome = ORDER_INVALID;
	if (!token_valid(req->idempotency_key)) {
		res->message = "The order form is incomplete: review your order again.";
		return 0;
	}
	if (req->method < 0 || req->method >= ORDER_NMETHODS || req->ship == NULL || req->ship->country == NULL ||
	    strlen(req->ship->country) != 2 || req->email == NULL || !*req->email || req->user_id < 0 ||
	    req->nlines == 0 || req->nlines > ORDER_LINES_MAX) {
		res->message = req->nlines == 0 ? "There is nothing to order." : "The order is incomplete.";
		return 0;
	}
	for (i = 0; i < req->nlines; i++)
		if (req->lines[i].product_id <= 0 || req->lines[i].quantity < 1 ||
		    req->lines[i].quantity > ORDER_QTY_MAX) {
			res->message = "A quantity is not a whole number from 1 to 999.";
			return 0;
		}
	/* A form sent again after its order was placed: show that order. */
	if ((rc = order_find(req, res)) < 0)
		return -1;
	if (rc > 0) {
		res->outcome = (enum order_outcome)rc;
		return 0;
	}
	j.now = clock_now();
	rc = db_tx(order_place_tx, &j);
	if (rc == 0) {
		res->outcome = ORDER_PLACED;
		log_info("order.placed", "order=%lld total=%lld", res->order_id, res->total_minor);
		return 0;
	}
	if (rc < 0)
		return -1;
	if (j.duplicate) {
		/* The same form's other submission won: it is that order. */
		order_quote_free(&res->quote);
		memset(res, 0, sizeof *res);
		if ((rc = order_find(req, res)) <= 0)
			return -1;
		res->outcome = (enum order_outcome)rc;
		return 0;
	}
	res->outcome = (enum order_outcome)rc;
	if (rc == ORDER_SHORT) {
		res->short_left = db_scalar(0, "SELECT stock FROM products WHERE id = ?", "i", res->short_product_id);
		res->number[0] = '\0';
		res->message = res->short_left == 0
			? arena_printf(a, "\xe2\x80\x9c%s\xe2\x80\x9d has just sold out.", res->short_name)
			: arena_printf(a, "Only %lld of \xe2\x80\x9c%s\xe2\x80\x9d %s left.", res->short_left,
				       res->short_name, res->short_left == 1 ? "is" : "are");
	}
	return 0;
}

int
order_visible(long long order_id, long long user_id, const char *guest_token)
{
	unsigned char h[TOKEN_HASH_BYTES];
	struct db_result *r;
	int ok = 0;

	r = db_query("SELECT COALESCE(user_id, 0), guest_token_hash FROM orders WHERE id = ?", "i", order_id);
	if (r == NULL)
		return -1;
	if (db_next(r)) {
		if (db_int(r, 0) != 0)
			ok = user_id > 0 && db_int(r, 0) == user_id;
		else if (guest_token && token_hash(guest_token, h) == 0 && db_len(r, 1) == sizeof h)
			ok = token_equal(db_str(r, 1), h, sizeof h) || order_guest_mail_token_ok(order_id, guest_token);
	}
	db_free(r);
	return ok;
}

int
order_guest_confirm(long long order_id, const char *guest_token)
{
	char now[32];
	int ok = order_visible(order_id, 0, guest_token);

	if (ok != 1)
		return ok;
	clock_datetime(clock_now(), now, sizeof now);
	if (db_exec("UPDATE orders SET email_verified_at = ? WHERE id = ? AND user_id IS NULL"
		    " AND email_verified_at IS NULL", "si", now, order_id) < 0)
		return -1;
	return 1;
}
