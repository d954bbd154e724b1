/*
 * review: product reviews by buyers, and the ratings made of them
 * (schema/0021_reviews.sql).
 *
 * Who may review: the customer of a delivered order item, once per order
 * item; anyone else is answered REVIEW_NOT_BOUGHT or REVIEW_NOT_DELIVERED
 * (the pages say REVIEW_ONLY_BUYERS, never show a form), a second review of
 * the same item REVIEW_ALREADY (the unique key decides between two at once).
 *
 * Every change of a review (posted, edited, held, hidden, kept) runs in one
 * transaction that locks the product's row, then its shop's, writes the
 * review and recomputes the product's and the shop's rating_avg and
 * rating_count from their published reviews; after the commit the product's
 * cached page is deleted and the listings' generations bumped
 * (catalog_product_changed), so the new figures show on the next request.
 * Held and hidden reviews count nowhere.
 *
 * A review whose title or text contains a banned word (the prohibited words
 * of listings, moderation_words_found) is held: it waits in the moderation
 * queue (report.h) and is shown to nobody but its author until an admin
 * keeps or hides it. Its author may edit it within BAZAAR_REVIEW_EDIT_DAYS
 * (30) days of posting; the edit is marked and checked for banned words
 * again. The shop's owner is told of each new published review, and the
 * shop may answer once, publicly; the author is told (notify.h, kind
 * "review").
 */
#ifndef BAZAAR_REVIEW_H
#define BAZAAR_REVIEW_H
#include <stddef.h>
#include <time.h>

#include "arena.h"
#include "req.h"

#define REVIEW_OK		0
#define REVIEW_NOT_BOUGHT	1	/* no such order item of this customer (or not this product) */
#define REVIEW_NOT_DELIVERED	2	/* the item's vendor order is not delivered */
#define REVIEW_ALREADY		3	/* the item has its review */
#define REVIEW_PHOTO_REFUSED	4	/* a photo is not a picture we take (*why) */
#define REVIEW_NOT_FOUND	5	/* no such review (visible to this person) */
#define REVIEW_TOO_LATE		6	/* the edit window has closed, or the review is hidden */
#define REVIEW_ANSWERED		7	/* the shop has answered already */
#define REVIEW_OWN		8	/* one's own review (no helpful vote) */

#define REVIEW_TITLE_MAX	120	/* characters */
#define REVIEW_BODY_MAX		5000	/* characters */
#define REVIEW_REPLY_MAX	2000	/* characters */
#define REVIEW_REASON_MAX	500	/* characters of a report or a moderator's reason */
#define REVIEW_PHOTOS_MAX	4
#define REVIEW_EDIT_DAYS_DEFAULT 30

/* What the pages answer anyone who may not review a product. */
#define REVIEW_ONLY_BUYERS	"Reviewing is allowed after buying this product."

/* An order item as the review form needs it. */
struct review_item {
	long long item_id, order_id, product_id, vendor_id;
	const char *product_name;	/* the order's snapshot, in the arena */
	long long review_id;		/* its review, 0 when none */
};

/* May user_id review order item item_id of product product_id (0: any
 * product)? Fills *out (in the arena) when the item is the user's.
 * Returns REVIEW_OK, REVIEW_NOT_BOUGHT, REVIEW_NOT_DELIVERED, REVIEW_ALREADY,
 * or -1 on a database error. */
int review_item_check(struct arena *a, long long user_id, long long item_id, long long product_id,
		      struct review_item *out);

/* The first of user_id's delivered order items of product_id that has no
 * review yet: REVIEW_OK with *out; else what the best of them says (an
 * undelivered one: REVIEW_NOT_DELIVERED; all reviewed: REVIEW_ALREADY with
 * out->review_id, the newest), REVIEW_NOT_BOUGHT, or -1. */
int review_item_for_product(struct arena *a, long long user_id, long long product_id, struct review_item *out);

struct review_new {
	long long user_id, item_id, product_id;	/* product_id 0: the item's */
	int rating;				/* 1..5 */
	const char *title, *body;		/* tidied, within the _MAX above */
	const char *const *photos;		/* paths of uploaded files (media_store_file) */
	size_t nphotos;				/* at most REVIEW_PHOTOS_MAX */
	/* Where the shop's owner reads it (the vendor portal's reviews page):
	 * the link of the notification the owner gets; NULL: not told. */
	const char *shop_url;
};

/* Posts a review (rq for the audit of a hold; may be NULL). Returns
 * REVIEW_OK with *review_id and *held (1: a banned word holds it),
 * REVIEW_NOT_BOUGHT, REVIEW_NOT_DELIVERED, REVIEW_ALREADY,
 * REVIEW_PHOTO_REFUSED (*why: a sentence for the visitor, *photo its index),
 * or -1. Nothing is written unless REVIEW_OK. */
int review_create(const struct req *rq, struct arena *a, const struct review_new *n, long long *review_id,
		  int *held, const char **why, size_t *photo);

/* The author edits rating, title and text: REVIEW_OK (*held as above),
 * REVIEW_NOT_FOUND (not theirs), REVIEW_TOO_LATE, or -1. */
int review_edit(const struct req *rq, struct arena *a, long long review_id, long long user_id, int rating,
		const char *title, const char *body, int *held);

/* The shop (vendor_id, answered by user_id) answers a review of one of its
 * products, once; the author is told ("review answered"). REVIEW_OK,
 * REVIEW_NOT_FOUND, REVIEW_ANSWERED, or -1. */
int review_reply(long long review_id, long long vendor_id, long long user_id, const char *text);

/* user_id finds a published review helpful: counted once per account
 * however often (and however concurrently) it is sent. Returns REVIEW_OK
 * (counted now), REVIEW_ALREADY (counted before), REVIEW_NOT_FOUND,
 * REVIEW_OWN, or -1. */
int review_vote(long long review_id, long long user_id);

/* A moderator's decision on a review (report.h calls it inside its
 * transaction): hide (reason required, mailed to the author) or keep (a
 * held review is published). Recomputes the ratings. REVIEW_OK,
 * REVIEW_NOT_FOUND, or -1. */
int review_moderate(long long review_id, int hide, const char *reason);

/* Whether a published review exists (what may be reported): 1, 0, -1. */
int review_reportable(long long review_id);

/* The edit window in seconds (BAZAAR_REVIEW_EDIT_DAYS days). */
long long review_edit_seconds(void);

/* The name a review shows for its author: the first word of the account's
 * name and the initial of the last ("Tess Tester" -> "Tess T."), never the
 * email; "A customer" for an empty name. In the arena. */
const char *review_display_name(struct arena *a, const char *name);

/* A shop's standing, for its page. */
struct review_vendor_stats {
	long long rating_count;
	const char *rating_avg;		/* "4.50", NULL when no review */
	long long shipped, shipped_on_time;	/* vendor orders shipped; within their handling days */
	long long settled, cancelled;	/* paid vendor orders; of those cancelled by the shop */
};

/* Reads the shop's rating and its shipping figures (in the arena).
 * Returns 0 or -1. */
int review_vendor_stats(struct arena *a, long long vendor_id, struct review_vendor_stats *s);

#endif
