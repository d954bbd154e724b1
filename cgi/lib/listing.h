/*
 * listing: a vendor's product as the vendor edits it, and every rule about
 * it that more than one page needs: the rules of its fields, how it is
 * written (with its event and the caches told), and what publishing,
 * archiving, restoring and duplicating do.
 *
 * Fields. Each field has a validator with the signature of struct
 * param.validate (route.h), so a route table names it and a CSV import
 * calls it the same way on a value of its own (it has a struct req too):
 *
 *     const char *problem = listing_validate_price(rq, &value);
 *
 * A validator gets text the caller has already tidied (route.h's
 * PARAM_TRIM) and that is not empty (an empty required field is the
 * caller's business: LISTING_*_MISSING are the sentences). It returns NULL
 * when the value is acceptable, else the sentence to show next to the field,
 * and it replaces *value with the form the other functions read: amounts as
 * a plain decimal "12.50" (so a form shown again shows what was typed, as
 * the vendor wrote it), whole numbers without leading zeros, a category as
 * its id. Two rules look at another field: listing_validate_compare_at
 * compares with "price", and listing_validate_sku is only about the SKU's
 * shape (whether the vendor already uses it is listing_save's). Both read the
 * other values from rq->params, where the router has put the fields checked
 * before: declare "price" before "compare_at" (a CSV import adds its checked
 * values with kvlist_add in the same order).
 *
 * Writes. listing_save and the status changes write the row only WHERE
 * vendor_id is the given vendor (another vendor's listing is "not found",
 * 404), write a "product.changed" event in the same transaction
 * (events.h), and after the commit tell the caches
 * (catalog_product_changed), so the storefront shows the change on the
 * next request. The *_tx variants run inside the caller's transaction (a
 * CSV import that applies every line or none) and ask db_after_commit to
 * tell the caches; the others open their own.
 *
 * Statuses (schema/0006_listings.sql): draft, active, review, archived,
 * and the older hidden and removed. Only 'active' is shown to shoppers.
 */
#ifndef BAZAAR_LISTING_H
#define BAZAAR_LISTING_H
#include "arena.h"
#include "req.h"

#define LISTING_NAME_MIN	3		/* characters */
#define LISTING_NAME_MAX	200		/* characters (products.name) */
#define LISTING_DESCRIPTION_MAX	10000		/* characters (products.description is TEXT) */
#define LISTING_SKU_MAX		64		/* characters (products.sku) */
#define LISTING_PRICE_MAX	100000000LL	/* 1,000,000.00 in minor units */
#define LISTING_STOCK_MAX	1000000LL	/* units */
#define LISTING_THRESHOLD_MAX	100000LL	/* units */
#define LISTING_THRESHOLD_DEFAULT 5LL
#define LISTING_WEIGHT_MAX	1000000LL	/* grams: a tonne */

/* What to say when a required field is left empty. */
#define LISTING_NAME_MISSING		"Enter the product's name."
#define LISTING_DESCRIPTION_MISSING	"Describe the product: what it is, what it is made of, its size."
#define LISTING_CATEGORY_MISSING	"Choose the category shoppers will find the product in."
#define LISTING_PRICE_MISSING		"Enter the price, like 12.50."
#define LISTING_STOCK_MISSING		"Enter how many you have in stock (0 if none yet)."

/* The fields' rules (see above). */
/* 3 to 200 characters with at least one letter or digit. */
const char *listing_validate_name(struct req *rq, const char **value);
/* At most LISTING_DESCRIPTION_MAX characters; line breaks allowed (the
 * markup of markup.h: paragraphs and lists). */
const char *listing_validate_description(struct req *rq, const char **value);
/* A category id or slug that exists and has no sub-categories (products
 * are filed under a leaf); becomes the id. Asks the database. */
const char *listing_validate_category(struct req *rq, const char **value);
/* An amount like 12.50 (money_parse), 0.01 to 1,000,000.00; becomes
 * "12.50". */
const char *listing_validate_price(struct req *rq, const char **value);
/* The same as the price, and above the field "price" when that one is
 * valid: the "was" price a sale is shown against. */
const char *listing_validate_compare_at(struct req *rq, const char **value);
/* 1 to 64 of A-Z a-z 0-9 and "-_./", starting with a letter or digit. */
const char *listing_validate_sku(struct req *rq, const char **value);
/* A whole number of units, 0 to LISTING_STOCK_MAX. */
const char *listing_validate_stock(struct req *rq, const char **value);
/* A whole number of units, 0 (no warning) to LISTING_THRESHOLD_MAX. */
const char *listing_validate_threshold(struct req *rq, const char **value);
/* Grams, a whole number from 0 to LISTING_WEIGHT_MAX ("" or 0: not given). */
const char *listing_validate_weight(struct req *rq, const char **value);
/* draft, active or archived, in any case; becomes lower case. Setting
 * 'active' still goes through listing_publish. */
const char *listing_validate_status(struct req *rq, const char **value);

/* A listing as the vendor edits it. Strings are arena or caller memory. */
struct listing {
	long long id;			/* 0 for a new one */
	long long vendor_id;
	long long category_id;
	const char *name;
	const char *description;
	const char *sku;		/* NULL or "": none */
	long long price_minor;
	long long compare_at_minor;	/* 0: none */
	long long stock;
	long long low_stock_threshold;
	long long weight_grams;		/* 0: not given */
	const char *status;		/* listing_load; a new listing is a draft */
	const char *slug;		/* listing_load */
	/* listing_save: the note of a change of stock in its history
	 * (stock.h; NULL: "Listing form"). */
	const char *stock_note;
};

/* Reads the fields of a request checked by the validators above (names
 * name, description, category, price, compare_at, sku, stock,
 * low_stock_threshold, weight_grams); id, vendor_id, status and slug are
 * the caller's. */
void listing_from_req(struct req *rq, struct listing *l);

/* Loads the vendor's listing id. Returns 0, 404 when the vendor has no such
 * listing (someone else's included), 500 when the database fails. */
int listing_load(struct arena *a, long long vendor_id, long long id, struct listing *out);

/*
 * Writes l: a new draft when l->id is 0 (l->id is set), else the vendor's
 * listing l->id (its status is left as it is, except that a live listing
 * whose edit the moderation rules want reviewed goes to 'review', and a
 * listing waiting for review has its review show the new version:
 * moderation_edited; l->status is then "review"). The slug follows the
 * name; a new slug also forgets the page cached at the old one.
 * Returns 0; 404 when l->id is not the vendor's; 422 when the vendor
 * already uses the SKU (the field's sentence, "You already use this SKU
 * for <name>.", is recorded with route_form_error); 500 when the database
 * fails (logged).
 */
int listing_save(struct req *rq, struct listing *l);
int listing_save_tx(struct req *rq, struct listing *l);

/*
 * Who may make listings public: NULL when the shop may publish, else the
 * sentence why not (in a's memory), naming whom to write to
 * (mail_support_address). vendor_status is vendors.status, email_verified
 * whether the owner confirmed the email address.
 */
const char *listing_publish_refusal(struct arena *a, const char *vendor_status, int email_verified);
/* May the shop change its listings at all? NULL, or the sentence for a
 * blocked shop. Drafts can be prepared before the shop is verified. */
const char *listing_change_refusal(struct arena *a, const char *vendor_status);

enum listing_outcome {
	LISTING_OK = 0,		/* done (or there was nothing to do) */
	LISTING_ACTIVE,		/* listing_publish: now shown in the shop */
	LISTING_IN_REVIEW,	/* listing_publish: waiting for an admin first */
	LISTING_OVER_LIMIT,	/* listing_publish: the plan's listing limit is reached
				 * (listing_limit_message says so) */
	LISTING_NOT_FOUND = 404,
	LISTING_CONFLICT = 409,	/* not in a status the change applies to */
	LISTING_ERROR = 500,
};

/*
 * Publishing: the one place that decides what it does. A draft or hidden
 * listing becomes active (LISTING_ACTIVE), or 'review' when the moderation
 * rules want an admin to see it first (LISTING_IN_REVIEW); an active one
 * stays so (LISTING_ACTIVE). Archived or in review: LISTING_CONFLICT. A
 * draft that would take the shop past its plan's listing limit (live,
 * hidden and in-review listings count) stays a draft: LISTING_OVER_LIMIT. The
 * caller has checked listing_publish_refusal.
 */
enum listing_outcome listing_publish(struct req *rq, long long vendor_id, long long id);
/* Why the vendor cannot publish one more listing (plan_listing_check's
 * sentence, naming the plan and its limit), in rq's arena. */
const char *listing_limit_message(struct req *rq, long long vendor_id);
/* Takes the listing off the shop, whatever its status but removed
 * (archived stays archived: LISTING_OK). Its page answers 410. */
enum listing_outcome listing_archive(struct req *rq, long long vendor_id, long long id);
/* An archived listing back as a draft (to be published again);
 * LISTING_CONFLICT when it is not archived. */
enum listing_outcome listing_restore(struct req *rq, long long vendor_id, long long id);
/* Sets the stock of the vendor's listing (the bulk action). Stock is
 * written here and by listing_save through stock.h: a changed figure is a
 * correction in the listing's stock history, with the session's user. */
enum listing_outcome listing_set_stock(struct req *rq, long long vendor_id, long long id, long long stock);
/* The *_tx forms of the four above, inside the caller's transaction (a
 * refusal has written nothing; LISTING_ERROR: roll back). */
enum listing_outcome listing_publish_tx(struct req *rq, long long vendor_id, long long id);
enum listing_outcome listing_archive_tx(struct req *rq, long long vendor_id, long long id);
enum listing_outcome listing_restore_tx(struct req *rq, long long vendor_id, long long id);
enum listing_outcome listing_set_stock_tx(struct req *rq, long long vendor_id, long long id, long long stock);
/*
 * A new draft copied from the vendor's listing id: the same fields but
 * "<name> (copy)", no SKU (it must stay unique) and no stock. Pictures are
 * not copied. Sets *new_id. LISTING_OK, LISTING_NOT_FOUND or LISTING_ERROR.
 */
enum listing_outcome listing_duplicate(struct req *rq, long long vendor_id, long long id, long long *new_id);

/* What a status means to its vendor: "Draft", "Live", "Archived", ...;
 * shop_live is whether the shop itself is shown (verified). */
const char *listing_status_label(const char *status, int shop_live);

#endif
