/*
 * coupon: discount codes (schema/0015_coupons.sql).
 *
 * A shopper's code goes through three steps when an order is placed, all in
 * the order's one transaction:
 *
 *   coupon_check_lines  finds the code and says whether it can be used on
 *                  these items by this customer now; when not, a sentence
 *                  for the shopper that says why (struct coupon.message);
 *   coupon_spread  takes the discount off the items it applies to, spread
 *                  with money_split so the lines' parts add up to the
 *                  discount exactly, and says per vendor how much of it the
 *                  vendor bears;
 *   coupon_hold    counts the use against the coupon's limits. The check
 *                  reads; the hold decides: the total is one conditional
 *                  UPDATE of the coupon's counter and the per-customer limit
 *                  a slot under a unique key, so of any number of orders
 *                  racing for the last use exactly one gets it.
 *
 * coupon_release gives an unpaid order's use back (the order expired, its
 * payment failed, it was cancelled before payment), once however often it
 * is called, so the customer can use the code again.
 *
 * The items are given as struct coupon_line, one per order line; the
 * pricing module's quote is turned into them by the caller (or by the
 * quote-level helpers, when the quote carries the same fields).
 *
 * Who is "the customer": the user when logged in, and always the order's
 * email address (lower case), so checking out as a guest with a customer's
 * address counts as that customer.
 */
#ifndef BAZAAR_COUPON_H
#define BAZAAR_COUPON_H
#include <stddef.h>
#include <time.h>

#include "arena.h"
#include "req.h"
#include "tmpl.h"

#define COUPON_CODE_MIN		3	/* characters */
#define COUPON_CODE_MAX		40
#define COUPON_NOTE_MAX		200
#define COUPON_PER_CUSTOMER_MAX	100	/* the largest per-customer limit a form takes */
#define COUPON_MESSAGE_MAX	1024
#define COUPON_CATEGORIES_MAX	256	/* a category and those below it */
#define COUPON_AMOUNT_MAX	100000000LL	/* 1,000,000.00: the largest amount a form takes */
#define COUPON_USES_MAX		10000000LL	/* the largest total limit a form takes */

/* What coupon_check_lines and coupon_hold answer. */
enum coupon_status {
	COUPON_ERROR = -1,		/* the database failed: nothing is known */
	COUPON_OK = 0,
	COUPON_INVALID,			/* no such code, malformed, or withdrawn by its owner */
	COUPON_NOT_STARTED,
	COUPON_EXPIRED,
	COUPON_USED_UP,			/* the total limit of uses is reached */
	COUPON_CUSTOMER_LIMIT,		/* this customer's limit is reached */
	COUPON_MINIMUM,			/* the items it applies to come to less than its minimum */
	COUPON_NOT_APPLICABLE,		/* none of the items is of its vendor or category */
};

struct coupon {
	long long id;
	char code[COUPON_CODE_MAX + 1];
	int percent;			/* 1: percent_bp off; 0: amount_minor off */
	long long percent_bp;
	long long amount_minor;
	long long min_order_minor;
	long long max_uses;		/* 0: no total limit */
	long long uses;
	long long per_customer;		/* 0: no limit per customer */
	long long vendor_id;		/* 0: any vendor's items */
	long long category_id;		/* 0: any category */
	int vendor_borne;		/* 1: the vendor (vendor_id) bears the discount */
	int vendor_owned;		/* made by the vendor on its portal */
	int active;
	time_t starts_at, ends_at;	/* 0: open; ends_at is the first moment it no longer works */
	char note[COUPON_NOTE_MAX * 4 + 1];
	/* The category and every category below it (coupon_check_lines fills it). */
	long long categories[COUPON_CATEGORIES_MAX];
	size_t ncategories;
	/* What coupon_check_lines found for the items given: */
	long long eligible_minor;	/* what the items it applies to come to */
	long long discount_minor;	/* the discount on them */
	/* Why it cannot be used, for the shopper (empty when it can). */
	char message[COUPON_MESSAGE_MAX];
};

/* One order line as the coupon sees it. */
struct coupon_line {
	long long product_id;
	long long vendor_id;
	long long category_id;		/* where the product is filed */
	long long line_minor;		/* unit price x quantity, tax included */
	long long discount_minor;	/* out: this line's part of the discount */
};

/* One vendor's part of a discount (coupon_spread). */
struct coupon_vendor_share {
	long long vendor_id;
	long long discount_minor;	/* taken off this vendor's items */
	long long vendor_minor;		/* the part of it the vendor bears */
};

/*
 * A code as typed, made canonical into out (COUPON_CODE_MAX + 1 bytes):
 * spaces around it dropped, letters in upper case. Returns NULL when it is
 * fine, or the sentence saying what is wrong (3 to 40 of A-Z, 0-9, '-', '_').
 */
const char *coupon_code_normalise(const char *typed, char *out, size_t outsz);

/*
 * Loads the coupon with this code (as typed; normalised first) into *c,
 * categories not filled. 0, COUPON_INVALID when there is none, COUPON_ERROR.
 */
int coupon_find(const char *code, struct coupon *c);
/* The same by id. */
int coupon_load(long long id, struct coupon *c);

/* Whether a line is one the coupon applies to (c's categories filled). */
int coupon_applies(const struct coupon *c, const struct coupon_line *line);

/*
 * Whether the code can be used now (clock_now()) by this customer (user_id,
 * 0 for a guest; email, may be NULL before the guest typed it) on these
 * lines. Fills *c (with eligible_minor and discount_minor) and returns
 * COUPON_OK, or another status with c->message saying why, naming the date,
 * the amounts, the limit or the vendor or category concerned.
 */
int coupon_check_lines(const char *code, long long user_id, const char *email,
		       const struct coupon_line *lines, size_t n, struct coupon *c);

/*
 * Takes c's discount off the lines it applies to: each eligible line's
 * discount_minor is its part of the discount by money_split over the lines'
 * amounts, so the parts add up exactly and none is more than its line; the
 * others get 0. The discount is computed again from the lines (as
 * coupon_check_lines does); *discount gets it. shares (room for n, may be NULL)
 * gets one row per vendor with an eligible line, in the order they first
 * appear, with the part the vendor bears (all of it for a vendor-borne
 * coupon, else 0); *nshares their number. 0, or -1 on overflow or bad
 * arguments (lines untouched).
 */
int coupon_spread(const struct coupon *c, struct coupon_line *lines, size_t n, long long *discount,
		  struct coupon_vendor_share *shares, size_t *nshares);

/*
 * Counts one use of coupon_id by order_id (its customer: user_id, 0 for a
 * guest, and email) inside the caller's open transaction (the one that
 * writes the order). Returns COUPON_OK; or COUPON_USED_UP,
 * COUPON_CUSTOMER_LIMIT, COUPON_EXPIRED, COUPON_NOT_STARTED, COUPON_INVALID
 * with nothing counted, message (may be NULL) saying why: the caller rolls
 * back and tells the shopper; COUPON_ERROR on a database failure (roll back).
 */
int coupon_hold(long long coupon_id, long long order_id, long long user_id, const char *email,
		char *message, size_t messagesz);

/*
 * Gives back the use order_id holds, in the caller's transaction when one is
 * open (else in its own). Returns 1 when a use was given back, 0 when the
 * order held none or it was given back before (so calling it again, or from
 * two places at once, gives it back once), -1 on error.
 */
int coupon_release(long long order_id);

/* "10% off", "€5.00 off", in arena memory. */
char *coupon_describe(struct arena *a, const struct coupon *c);

/* ---- making and changing coupons (the admin site's and the vendor portal's forms) ---- */

/* What a coupon's form sets (the code is set once, when it is made). */
struct coupon_terms {
	int percent;			/* 1: percent_bp off; 0: amount_minor off */
	long long percent_bp, amount_minor, min_order_minor;
	time_t starts_at, ends_at;	/* 0: open; midnight UTC; ends_at exclusive */
	long long max_uses, per_customer;	/* 0: no limit */
	long long vendor_id, category_id;	/* 0: any */
	int vendor_borne;		/* needs vendor_id */
	const char *note;
};

/* What coupon_create, coupon_update and coupon_deactivate answer besides 0
 * and -1 (a database error). */
#define COUPON_TAKEN		1	/* another coupon has this code */
#define COUPON_NOT_FOUND	2	/* no such coupon, or not the caller's */
#define COUPON_INACTIVE		3	/* withdrawn already */

/*
 * Makes a coupon with code (canonical: coupon_code_normalise) and terms,
 * inside the caller's transaction: by an admin (vendor_owner 0) or by the
 * vendor vendor_owner for its own items (then t's vendor is that vendor and
 * the vendor bears it, whatever t says). *id gets its id. 0, COUPON_TAKEN,
 * -1.
 */
int coupon_create(const char *code, const struct coupon_terms *t, long long vendor_owner, long long created_by,
		  long long *id);
/*
 * Changes the terms of coupon id (its code stays): an admin's coupon
 * (vendor_owner 0), or vendor_owner's own. Inside the caller's transaction;
 * the row is locked first, so an order holding it waits or is waited for.
 * Orders placed before keep what they were given. 0, COUPON_NOT_FOUND, -1.
 */
int coupon_update(long long id, const struct coupon_terms *t, long long vendor_owner);
/*
 * Withdraws coupon id for good: an admin may withdraw any (vendor_owner 0),
 * a vendor its own. Uses held by unpaid orders stay held (their orders
 * were placed with it). 0, COUPON_NOT_FOUND, COUPON_INACTIVE, -1.
 */
int coupon_deactivate(long long id, long long vendor_owner);

/* What the pages say about a coupon, in arena memory: */
/* "Every item", "Items from Shop", "Items in Category", both. */
char *coupon_scope_text(struct arena *a, const struct coupon *c);
/* "Always", "From 1 December 2026", "Until 31 December 2026", "1 – 31 December 2026"... */
char *coupon_validity_text(struct arena *a, const struct coupon *c);
/* "Active", "Scheduled", "Expired", "Used up", "Withdrawn" (at now). */
const char *coupon_state(const struct coupon *c, time_t now);


/* ---- the forms -------------------------------------------------------------------- */

/* "percent", "fixed" (NULL-terminated, for a route's PARAM_ENUM). */
extern const char *const coupon_kinds[];

/* The code field's validator (route.h): made canonical, or the sentence. */
const char *coupon_field_code(struct req *rq, const char **value);

/* The fields every coupon form has, for a route table (needs route.h and
 * validate.h); the admin's form adds vendor and borne_by, a new coupon's
 * the code (ROUTE_FIELD with coupon_field_code). */
#define COUPON_PARAMS_TERMS \
	{ "kind", PARAM_ENUM, 0, 0, coupon_kinds, PARAM_REQUIRED, "Discount", NULL, \
	  "Choose a percentage or a fixed amount off." }, \
	{ "percent", PARAM_MONEY, 1, 10000, NULL, 0, "Percentage off", NULL, NULL }, \
	{ "amount", PARAM_MONEY, 1, COUPON_AMOUNT_MAX, NULL, 0, "Amount off", NULL, NULL }, \
	{ "min_order", PARAM_MONEY, 0, COUPON_AMOUNT_MAX, NULL, 0, "Minimum order", NULL, NULL }, \
	{ "starts", PARAM_TEXT, 0, 10, NULL, 0, "First day", validate_date, NULL }, \
	{ "ends", PARAM_TEXT, 0, 10, NULL, 0, "Last day", validate_date, NULL }, \
	{ "max_uses", PARAM_INT, 1, COUPON_USES_MAX, NULL, 0, "Total uses", NULL, NULL }, \
	{ "per_customer", PARAM_INT, 1, COUPON_PER_CUSTOMER_MAX, NULL, 0, "Uses per customer", NULL, NULL }, \
	{ "category", PARAM_INT, 1, 999999999999999999LL, NULL, 0, "Category", NULL, NULL }, \
	ROUTE_FIELD("note", COUPON_NOTE_MAX, "Note", 0u, NULL, NULL)

/*
 * Reads the fields of COUPON_PARAMS_TERMS (checked by the router) into *t
 * (vendor_id and vendor_borne left 0: the caller's), with the rules no
 * single field can check: the percentage or the amount the kind needs, the
 * last day not before the first, a category that exists. Each problem goes
 * to route_form_error. 0, or -1 when there was one (or on a database error,
 * also with a message).
 */
int coupon_form_read(struct req *rq, struct coupon_terms *t);

/*
 * Puts the values of coupon c (NULL: a new coupon's) into the fields
 * dictionary f of layout/_coupon_fields.tpl: texts, the kind's radio
 * button, the category choices with the coupon's (after a refused POST, the
 * form's) selected. 0, or -1 on a database error.
 */
int coupon_form_fill(struct req *rq, tmpl_dict *f, const struct coupon *c);

/* A coupon's row of a list, into section row: CODE, DISCOUNT ("10% off,
 * orders from €20.00"), SCOPE, VALIDITY, USES ("3 of 10"), PER_CUSTOMER,
 * STATE, NOTE. */
void coupon_list_row(struct arena *a, tmpl_dict *row, const struct coupon *c, time_t now);

#endif
