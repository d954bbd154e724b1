/*
 * order: what a cart costs and placing it as an order, in one transaction.
 *
 * order_quote() prices a list of (product, quantity) lines for a shipping
 * country, a payment method and a coupon code, reading everything from the
 * database (prices, the vendors' rules, tax rates, the coupon): the checkout's
 * review page shows it, and order_place() computes the same quote again
 * inside its transaction, so what is charged never comes from a form.
 *
 * order_place() writes, in ONE transaction:
 *   - the order row first (its idempotency key is unique, so a second
 *     submission of the same form waits for the first and then finds its
 *     order instead of making another);
 *   - the quote, computed again from the database;
 *   - one conditional stock decrement per product (stock.h, reason 'sale',
 *     with its history row): never below zero; when any item is short,
 *     nothing at all is written and the result names the item and how many
 *     are left;
 *   - the coupon's use, counted conditionally;
 *   - the order's totals, its number 'BZ-000123', the sealed address; one
 *     vendor order per vendor ('BZ-000123-1', '-2', ...); the items with
 *     their name, SKU, price, tax and commission as they are now (the
 *     commission by plan_for_vendor_at(vendor, placed_at) and
 *     plan_commission() per unit: the marketplace's share rounded, the
 *     vendor getting the exact remainder);
 *   - the order's first history row, the ordered lines taken out of the
 *     cart, the "order.placed" event and the confirmation mail.
 *
 * Every money figure is in minor units, tax included (the tax part is
 * shown). For the order and each vendor order:
 *   total = items + shipping - discount.
 */
#ifndef BAZAAR_ORDER_H
#define BAZAAR_ORDER_H
#include <stddef.h>
#include <time.h>

#include "address.h"
#include "arena.h"
#include "coupon.h"
#include "pricing.h"
#include "token.h"

#define ORDER_LINES_MAX		PRICING_ITEMS_MAX	/* lines in one order */
#define ORDER_QTY_MAX		PRICING_QTY_MAX		/* units of one product in one order */
#define ORDER_NUMBER_SIZE	24	/* 'BZ-000123' with its NUL */
#define ORDER_HASH_HEX		64	/* the cart hash as hex */
#define ORDER_EVENT_PLACED	"order.placed"	/* subject: the order id */

enum order_method { ORDER_CARD, ORDER_PAYPAL, ORDER_BANK_TRANSFER, ORDER_NMETHODS };
/* "card", "paypal", "bank_transfer" (as stored and as the form sends them),
 * NULL-terminated for a route table's PARAM_ENUM. */
extern const char *const order_method_names[ORDER_NMETHODS + 1];
/* "Card", "PayPal", "Bank transfer": the one table of what people read,
 * as a label ... */
extern const char *const order_method_labels[ORDER_NMETHODS];
/* ... and within a sentence ("card", "PayPal", "bank transfer"). */
extern const char *const order_method_words[ORDER_NMETHODS];
/* The method of a name, or -1. */
int order_method_parse(const char *name);
/* The label and the word of a method's name ("" for no method). */
const char *order_method_label(const char *name);
const char *order_method_word(const char *name);

struct order_line {
	long long product_id;
	long long quantity;		/* 1..ORDER_QTY_MAX */
};

/* A priced cart: pricing's quote (lines grouped by shop, one part per
 * vendor with its shipping, the sums, the methods every shop accepts) with
 * the coupon applied to it. */
struct order_quote {
	struct quote q;
	long long coupon_id;		/* 0: none applied */
	char coupon_code[COUPON_CODE_MAX + 1];	/* as applied, "" for none */
	const char *coupon_text;	/* "10% off", NULL for none */
	const char *coupon_message;	/* why the code typed was refused, NULL when not */
	char hash[ORDER_HASH_HEX + 1];	/* what is ordered, as lower-case hex */
};

/*
 * Prices lines (quantities within 1..ORDER_QTY_MAX; a product given twice
 * is one line) for delivery to country (two capital letters), method (-1
 * when not chosen yet) and a coupon code (NULL or "" for none) typed by the
 * customer (user_id, 0 for a guest; email, NULL when not known yet), from
 * the database alone (pricing_quote, coupon_check_lines, coupon_spread). A
 * refused code sets coupon_message and applies nothing. Free the quote with
 * order_quote_free on any return. Returns 0; 1 when the lines cannot be
 * priced (none, too many, a product that does not exist, a bad country);
 * -1 on a database error.
 */
int order_quote(struct arena *a, const struct order_line *lines, size_t n, const char *country,
		int method, const char *coupon_code, long long user_id, const char *email,
		struct order_quote *oq);
void order_quote_free(struct order_quote *oq);

/* Why a quote cannot be ordered as it is, in words (arena memory), or NULL
 * when it can: an item no longer for sale or short, a shop that does not
 * deliver to the country, the method one of the shops does not take
 * ("Bank transfer: not accepted by Smith & Co."). */
const char *order_quote_problem(struct arena *a, const struct order_quote *oq, int method);
/* Why method cannot pay for the quote ("Not accepted by A and B."), arena
 * memory, or NULL when every shop accepts it. */
const char *order_method_refused_by(struct arena *a, const struct order_quote *oq, int method);
/* The shipping bit (shipping.h) of a method. */
unsigned order_method_bit(int method);

/* What order_place needs besides the lines. */
struct order_request {
	const struct order_line *lines;
	size_t nlines;
	long long cart_id;		/* the cart they come from: its ordered lines go; 0: none */
	long long user_id;		/* 0: a guest */
	const char *email;		/* where the order's mails go */
	const struct address *ship;	/* the shipping address (country included) */
	int method;			/* enum order_method */
	const char *coupon_code;	/* NULL or "" for none */
	const char *idempotency_key;	/* the form's key (order_new_key) */
	/* The hash of the quote the shopper reviewed (the form carries it):
	 * a different quote now (a price, a quantity, the coupon) is
	 * ORDER_CHANGED. NULL: not compared. */
	const char *quote_hash;
};

/* The outcome of order_place. */
enum order_outcome {
	ORDER_PLACED,		/* a new order: order_id, number */
	ORDER_EXISTS,		/* this key's order, same quote: order_id, number (nothing new written) */
	ORDER_KEY_REUSED,	/* this key made an order of another cart or another customer: refused */
	ORDER_SHORT,		/* an item is short: short_* say which and how many are left */
	ORDER_CHANGED,		/* the quote is not the one reviewed: show the review again */
	ORDER_REFUSED,		/* message says why (order_quote_problem, the coupon) */
	ORDER_INVALID,		/* the request itself is malformed (message) */
};

struct order_result {
	enum order_outcome outcome;
	long long order_id;
	char number[ORDER_NUMBER_SIZE];
	long long total_minor;
	/* A guest's order: the token of the order's link (derived from the
	 * key, so a resubmission can show the order too); "" for a user. */
	char guest_token[TOKEN_TEXT_SIZE];
	long long short_product_id;
	const char *short_name;
	long long short_left;		/* units left now (0: sold out) */
	const char *message;		/* in words, for every refusal */
	/* ORDER_PLACED, ORDER_CHANGED, ORDER_REFUSED: the quote as computed;
	 * free it with order_quote_free whatever the outcome. */
	struct order_quote quote;
};

/* A new idempotency key for a checkout form (a token's text). */
void order_new_key(char key[TOKEN_TEXT_SIZE]);
/* The guest token that goes with key (the link of a guest's order). */
int order_guest_token(const char *key, char token[TOKEN_TEXT_SIZE]);

/*
 * The token of a guest's order link in the mails after the confirmation
 * (shipped, delivered, refunded...): the confirmation's token is not kept,
 * so these carry a MAC of the order's id under a key of the key file
 * (crypt_mac: the key id, then the MAC), which order_visible accepts as it
 * accepts the confirmation's. Nothing in the database makes it. 0, or -1
 * when no key can be loaded.
 */
int order_guest_mail_token(long long order_id, char token[TOKEN_TEXT_SIZE]);

/*
 * The form's key as the order keeps it (orders.idempotency_key): the
 * SHA-256 of its text in lower-case hex, as MariaDB's SHA2(key, 256). The
 * guest token is derived from the key itself, so nobody reading the
 * database (or a copy of it) can make a guest's link from what is stored.
 * Returns out.
 */
#define ORDER_KEY_HASH_HEX 64
char *order_key_hash(const char *key, char out[ORDER_KEY_HASH_HEX + 1]);

/*
 * Places the order (see the top of this file). Returns 0 with res->outcome
 * set (anything but ORDER_PLACED wrote nothing), or -1 on a database error
 * (nothing written either). Arena memory for the texts and the quote.
 */
int order_place(struct arena *a, const struct order_request *req, struct order_result *res);

/*
 * The order a form's key made, if any (req's key, customer and quote_hash;
 * its lines are not read): ORDER_EXISTS with res's order_id, number, total
 * and a guest's token when it is the same customer's and the same quote,
 * ORDER_KEY_REUSED with res->message when not, 0 when the key made none,
 * -1 on a database error. order_place asks it first.
 */
int order_find(const struct order_request *req, struct order_result *res);

/* The order's number from its id: 'BZ-000123'. */
char *order_number(long long order_id, char out[ORDER_NUMBER_SIZE]);

/*
 * Whether the visitor may see order_id: its user (user_id > 0), or a guest
 * holding its token (the confirmation's, or a later mail's). 1 yes, 0 no,
 * -1 on a database error.
 */
int order_visible(long long order_id, long long user_id, const char *guest_token);

/*
 * A guest followed the link of an order's mail: when token is the order's
 * (a guest's order), the order's email address is confirmed
 * (orders.email_verified_at, once: the first time stays). 1 when the token
 * is the order's, 0 when not, -1 on a database error.
 */
int order_guest_confirm(long long order_id, const char *guest_token);

#endif
