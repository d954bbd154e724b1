/*
 * moderation: whether a listing must wait for an admin before it is
 * published, and the review it then waits in (schema/0009_moderation.sql).
 *
 * A listing is held when its vendor's setting says so (vendors.listing_review:
 * 'all', or 'first' while fewer of the vendor's products than
 * listing_review_first have ever been approved and this one never was) or
 * when a prohibited word appears in its name, description or image texts.
 *
 * Words match whole and whatever their case: the text and each word are
 * folded the same way (moderation_fold) into lower-case words separated by
 * one space, and a word (or a phrase of several) matches when its folded
 * form appears in the folded text between word boundaries. "gun" does not
 * match "begun" or "gunmetal"; "Replica  WATCH" matches "replica watch".
 * Letters are any code point outside the punctuation and symbol blocks, so
 * every script splits into words at spaces and punctuation; upper case is
 * folded for Latin (ASCII, Latin-1, Latin Extended-A), Greek and Cyrillic.
 * Accents are kept ("cafe" does not match "café") and no normalisation is
 * done (a decomposed "é" is another spelling).
 *
 * The publishing code (listing_publish in listing.c) asks
 * moderation_needs_review() inside its transaction and, when it says yes,
 * calls moderation_submit() instead of making the listing active.
 */
#ifndef BAZAAR_MODERATION_H
#define BAZAAR_MODERATION_H
#include <stddef.h>

#include "arena.h"
#include "req.h"

#define MODERATION_WORD_MAX	100	/* characters of a prohibited word or phrase */
#define MODERATION_CAUSE_MAX	500	/* bytes of listing_reviews.cause */
#define MODERATION_FIRST_MAX	1000	/* listings a vendor's 'first' setting may hold */
#define MODERATION_FIRST_DEFAULT 3	/* BAZAAR_REVIEW_FIRST_LISTINGS when unset */

/*
 * The match form of text, in the arena: every run of letters and digits is
 * a word, folded to lower case; words are separated by one space, with none
 * at either end. Bytes that are not UTF-8 separate words. "" when text has
 * no word (or is NULL).
 */
char *moderation_fold(struct arena *a, const char *text);

/*
 * Finds which of the n folded words (moderation_fold's form) appear whole
 * in text. found[i] is set to 1 for each one that does, 0 otherwise.
 * Returns how many were found.
 */
size_t moderation_match(struct arena *a, const char *text, const char *const *folded, size_t n, int *found);

/*
 * The prohibited words (as the admin wrote them) that appear whole in text,
 * by moderation_match: the listings' word list, which also holds reviews
 * (review.h). *words (in the arena) gets them, NULL when none. Returns how
 * many, or (size_t)-1 on a database error (logged).
 */
size_t moderation_words_found(struct arena *a, const char *text, const char ***words);

/* The listing a vendor is about to publish (or saves while it is live). */
struct moderation_listing {
	long long vendor_id;
	long long product_id;		/* 0 for a listing not saved yet */
	const char *name;
	const char *description;
	const char *image_text;		/* the images' alt texts, or NULL */
};

/* Why a listing is held. */
struct moderation_verdict {
	int vendor_rule;		/* the vendor's setting holds it */
	const char **words;		/* the prohibited words found, as the admin wrote them */
	size_t nwords;
	const char *cause;		/* one sentence saying both, for the queue and the vendor */
};

/*
 * Decides whether listing l must be reviewed before it is published:
 * reads the vendor's setting and the prohibited words. Fills *v (in the
 * arena; zeroed when not held). Returns 1 (held), 0 (publish) or -1 on a
 * database error (logged).
 */
int moderation_needs_review(struct arena *a, const struct moderation_listing *l, struct moderation_verdict *v);

/* What a review shows of a listing: the reviewed fields. */
struct moderation_snapshot {
	const char *name;
	const char *description;
	long long price_minor;
	long long category_id;
	const char *images;		/* "<path> <alt>" lines, in position order */
};

/*
 * Reads product_id as it is now into *s (in the arena). Call it before an
 * edit of a live listing that may go to review, to keep what was live for
 * the admin's comparison. Returns 0, 1 when there is no such product, -1 on
 * a database error.
 */
int moderation_snapshot_read(struct arena *a, long long product_id, struct moderation_snapshot *s);

/*
 * Holds product_id for review, inside the caller's transaction (refused
 * outside one): the product's status becomes 'review' and a pending review
 * holds a snapshot of it as it is now, with v's cause. The "before" side is
 * live (what was live before this edit) when not NULL, else the last
 * approved review's snapshot (none for a listing never approved). When a
 * review of the product is pending already, its snapshot is replaced and
 * its revision goes up (an admin's page of the old revision can no longer
 * decide it); it keeps its cause when v has none (v may be NULL). Records "listing.submit" in the audit log as rq's visitor
 * (rq may be NULL: the system), a product.changed event, and asks for the
 * product's caches to be told after the commit. Returns the review's id,
 * or -1 (roll back).
 */
long long moderation_submit(const struct req *rq, struct arena *a, long long product_id,
			    const struct moderation_verdict *v, const struct moderation_snapshot *live);

/*
 * The two moments the listing code asks. Both run inside its transaction
 * and open (or refresh) the review themselves, with moderation_submit.
 *
 * moderation_publish: the vendor publishes product_id (a draft). Returns 1
 * when it is held (its status is 'review' now), 0 when it may go live, -1
 * on error (roll back).
 *
 * moderation_edited: the vendor saved product_id, whose status before the
 * save was status_before and whose reviewed fields were *before (read with
 * moderation_snapshot_read before the write). Only a live ('active') or
 * waiting ('review') listing whose reviewed fields changed is looked at: a
 * live one that now needs review goes to review, with what was live as the
 * admin's "before"; a waiting one has its pending review show the new
 * version. Returns 1 when the listing is (still) in review, 0 when nothing
 * changed for moderation, -1 on error (roll back).
 */
/*
 * An admin added the prohibited word (as written, and its folded form):
 * every live listing that contains it, in its name, description or image
 * texts, goes to review now, with the word as the cause and what is live
 * as the admin's "before", so it leaves the shop until it is approved or
 * changed. Runs inside the caller's transaction (the word's insert).
 * Returns how many listings were held, or -1 on error (roll back).
 */
long long moderation_hold_word(const struct req *rq, struct arena *a, const char *word, const char *folded);

int moderation_publish(const struct req *rq, struct arena *a, long long vendor_id, long long product_id);
int moderation_edited(const struct req *rq, struct arena *a, long long vendor_id, long long product_id,
		      const char *status_before, const struct moderation_snapshot *before);

/*
 * What a vendor's newly verified shop gets: the 'first' setting with the
 * marketplace's count (BAZAAR_REVIEW_FIRST_LISTINGS, default 3; 0 leaves
 * it 'off'), once, when the vendor is verified for the first time. Call
 * inside the approval's transaction, before the review is marked approved.
 * Returns 0, or -1 (roll back).
 */
int moderation_vendor_verified(long long vendor_id);

/* The marketplace's count of first listings reviewed (the setting above). */
long long moderation_first_default(void);

/* What moderation_decide() found when it decided nothing. */
enum moderation_refusal {
	MODERATION_GONE = 1,		/* no such review of that product */
	MODERATION_DECIDED,		/* decided already (another admin, a double click) */
	MODERATION_CHANGED,		/* the vendor changed it since the admin looked */
	MODERATION_WITHDRAWN,		/* the vendor took it out of review (archived it) */
};

/* An admin's decision on a pending review. */
struct moderation_decision {
	long long product_id;
	long long review_id, revision;	/* what the admin was shown */
	int approve;			/* 1: the listing goes live; 0: back to draft */
	const char *reason;		/* a rejection's reason, sent to the vendor; NULL to approve */
	const char *edit_url;		/* the vendor's page to edit the listing, a full URL
					 * for the mail (the vendor program's address) */
	const char *decided;		/* out, MODERATION_DECIDED: "approved" or "rejected" */
};

/*
 * Decides d's review inside the caller's transaction: the review becomes
 * approved or rejected (with the reason, by rq's user, at clock_now()), the
 * listing goes live or back to draft, a product.changed event, the vendor's
 * owner is mailed when the account is active, "listing.approve" or
 * "listing.reject" is recorded in the audit log as rq's visitor (rq may be
 * NULL: the system, no user), and the product's caches are told after the
 * commit. Returns 0, a moderation_refusal (nothing changed), or -1 (roll
 * back).
 */
int moderation_decide(const struct req *rq, struct arena *a, struct moderation_decision *d);

/* The latest review of a product, for the vendor's pages. */
struct moderation_state {
	long long review_id;		/* 0 when it was never reviewed */
	const char *status;		/* "pending", "approved", "rejected" */
	const char *cause;		/* why it was held */
	const char *reason;		/* rejected: the admin's reason, else "" */
	const char *decided_at;		/* "YYYY-MM-DD HH:MM", "" while pending */
};

/* Reads the latest review of product_id into *s (in the arena). Returns 0,
 * or -1 on a database error. */
int moderation_state_read(struct arena *a, long long product_id, struct moderation_state *s);

#endif
