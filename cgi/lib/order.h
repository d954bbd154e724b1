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
#include "token.h"

#define ORDER_LINES_MAX		100	/* lines in one order */
#define ORDER_QTY_MAX		999	/* units of one product in one order */
#define ORDER_NUMBER_SIZE	24	/* 'BZ-000123' with its NUL */
#define ORDER_HASH_HEX		64	/* the cart hash as hex */
#define ORDER_EVENT_PLACED	"order.placed"	/* subject: the order id */

enum order_method { ORDER_CARD, ORDER_PAYPAL, ORDER_BANK_TRANSFER, ORDER_NMETHODS };
/* "card", "paypal", "bank_transfer" (as stored and as the form sends them),
 * NULL-terminated for a route table's PARAM_ENUM. */
extern const char *const order_method_names[ORDER_NMETHODS + 1];
/* "Card", "PayPal", "Bank transfer". */
extern const char *const order_method_labels[ORDER_NMETHODS];
/* The method of a name, or -1. */
int order_method_parse(const char *name);

struct order_line {
	long long product_id;
	long long quantity;		/* 1..ORDER_QTY_MAX */
};

/* One priced line of a quote. */
struct order_quote_line {
	long long product_id, vendor_id;
	const char *name, *sku;		/* sku: "" for none */
	long long stock;		/* the product's stock when quoted */
	int available;			/* active product of a verified shop */
	long long unit_price_minor, quantity, line_minor;
	long long discount_minor;	/* the line's share of the coupon */
	long long tax_bp, tax_minor;	/* tax in (line - discount) */
	size_t vendor;			/* index into the quote's vendors */
};

/* One vendor's part of a quote: becomes a vendor order. */
struct order_quote_vendor {
	long long vendor_id;
	const char *name;		/* the trading name */
	long long items_minor, shipping_minor, discount_minor, vendor_discount_minor;
	long long tax_minor, total_minor;
	long long handling_days;
	int ships_there;		/* ships to the quote's country */
	unsigned methods;		/* bit (1u << enum order_method) per accepted method */
};

struct order_quote {
	struct order_quote_line *lines;
	size_t nlines;
	struct order_quote_vendor *vendors;	/* in order of first appearance */
	size_t nvendors;
	long long items_minor, shipping_minor, discount_minor, tax_minor, total_minor;
	unsigned methods;		/* the methods every vendor accepts */
	long long coupon_id;		/* 0: none */
	const char *coupon_code;	/* as applied, NULL for none */
	const char *coupon_message;	/* why the code was refused, NULL when not */
	char hash[ORDER_HASH_HEX + 1];	/* order_quote_hash() */
};

/*
 * Prices lines (quantities already within 1..ORDER_QTY_MAX; a product
 * given twice is one line) for country (two letters; "" when not known
 * yet: ships_there is then 1), method (-1 when not chosen yet) and coupon
 * code (NULL or "" for none). Unknown products are left out; products no
 * longer for sale are kept with available 0 and count for nothing. A
 * refused coupon sets coupon_message and applies nothing. Arena memory.
 * Returns 0, or -1 on a database error.
 */
int order_quote(struct arena *a, const struct order_line *lines, size_t n, const char *country,
		int method, const char *coupon_code, long long user_id, const char *email,
		struct order_quote *q);

/* Why a quote cannot be ordered as it is, in words (arena memory), or NULL
 * when it can: nothing to buy, an item no longer for sale or short, a shop
 * that does not ship to the country, a method one of the shops does not
 * take ("Bank transfer is not accepted by Smith & Co."). */
const char *order_quote_problem(struct arena *a, const struct order_quote *q, int method);
/* The vendors that rule method out, as "A, B" (arena memory), or NULL when
 * every vendor accepts it. */
const char *order_method_refused_by(struct arena *a, const struct order_quote *q, int method);

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
	/* The page the guest's order link opens, with the order id and the
	 * token appended ("/checkout/order"): the mail's link. */
	const char *guest_link_path;
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
	struct order_quote quote;	/* ORDER_PLACED, ORDER_CHANGED: the quote as computed */
};

/* A new idempotency key for a checkout form (a token's text). */
void order_new_key(char key[TOKEN_TEXT_SIZE]);
/* The guest token that goes with key (the link of a guest's order). */
int order_guest_token(const char *key, char token[TOKEN_TEXT_SIZE]);

/*
 * Places the order (see the top of this file). Returns 0 with res->outcome
 * set (anything but ORDER_PLACED wrote nothing), or -1 on a database error
 * (nothing written either). Arena memory for the texts and the quote.
 */
int order_place(struct arena *a, const struct order_request *req, struct order_result *res);

/* The order's number from its id: 'BZ-000123'. */
char *order_number(long long order_id, char out[ORDER_NUMBER_SIZE]);

/*
 * Whether the visitor may see order_id: its user (user_id > 0), or a guest
 * holding its token. 1 yes, 0 no, -1 on a database error.
 */
int order_visible(long long order_id, long long user_id, const char *guest_token);

#endif
