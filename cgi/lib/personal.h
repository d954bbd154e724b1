/*
 * personal: what the shop remembers of a shopper to show them things of
 * their own (schema/0030_personal.sql): the products they viewed lately,
 * the interests Sponsored products are chosen from, and whether they let
 * the shop use either (the account setting "personalise").
 *
 * Recently viewed. A browser keeps its list in the bz_rv cookie (product
 * ids, newest first, each once, at most PERSONAL_RECENT_MAX, joined by
 * dots: "42.7.19"). The product page's script (static/js/recent.js) puts
 * the product in front when the page is shown, so a product page served
 * from nginx's cache records the view without reaching a program; the
 * cookie is not HttpOnly for that reason, and holds nothing but public
 * product ids. Without JavaScript the page's <noscript> image asks the
 * storefront instead (GET /recent/add/{id}, sf_personal.c), which does the
 * same with the helpers below; the page stays the same for everybody. A
 * logged-in shopper's views are also kept in
 * recently_viewed (personal_recent_record), so their interests outlive the
 * browser; at login the two lists are merged into both.
 *
 * Shared pages stay shared: where the strip goes, a page carries
 * PERSONAL_RECENT_SSI. nginx (a product page from memcached) includes the
 * strip for a visitor whose cookie is well formed, from memcached under
 * "bz:rv:<cookie>" (the strip depends on the list only, so visitors with the
 * same list share it), else drawn by the storefront, which stores it there
 * for PERSONAL_RECENT_TTL seconds; the storefront puts the same strip into
 * the shared pages it sends itself. A visitor without the cookie gets the
 * page as it is: the directives are HTML comments around nothing.
 *
 * A shopper who turned personalisation off gets no strip, no "for you" and
 * only the Sponsored products the page shows everybody; their history is
 * deleted, the browser's cookie removed, and the bz_np cookie (PERSONAL_OFF_COOKIE)
 * tells the script and the storefront not to record views on that browser.
 */
#ifndef BAZAAR_PERSONAL_H
#define BAZAAR_PERSONAL_H
#include <stddef.h>

#include "req.h"
#include "resp.h"

#define PERSONAL_COOKIE		"bz_rv"
#define PERSONAL_OFF_COOKIE	"bz_np"
#define PERSONAL_RECENT_MAX	10	/* ids in the cookie at most */
#define PERSONAL_KEEP		50	/* rows of recently_viewed kept per user */
#define PERSONAL_RECENT_TTL	60	/* seconds a strip stays in memcached */
/* The cookie's longest well-formed value: ten ids of 18 digits and dots. */
#define PERSONAL_COOKIE_MAX	(PERSONAL_RECENT_MAX * 19)

/* Where a shared page shows the visitor's recently viewed products: the
 * directives nginx's SSI reads, and personal_fill_recent replaces. */
#define PERSONAL_RECENT_SSI \
	"<!--# if expr=\"$bz_rv\" --><!--# include virtual=\"/_bazaar/recent\" --><!--# endif -->"

/*
 * Parses a cookie value into ids (newest first, each once). Returns how
 * many (0 .. max), or 0 when the value is absent or not of the form
 * nginx accepts too: 1 to PERSONAL_RECENT_MAX ids of 1 to 18 digits without
 * a leading zero, joined by single dots.
 */
size_t personal_recent_parse(const char *value, long long *ids, size_t max);
/* The request's list from its cookie (personal_recent_parse); none when the
 * request has a non-empty bz_np cookie, as for nginx. */
size_t personal_recent_cookie(const struct req *rq, long long *ids, size_t max);
/* Joins ids into a cookie value ("" for none); -1 when it does not fit. */
int personal_recent_format(const long long *ids, size_t n, char *out, size_t outsz);
/* Puts id in front of ids (removing it further down) and cuts the list to
 * max; returns the new count. */
size_t personal_recent_push(long long *ids, size_t n, size_t max, long long id);
/* Sets the bz_rv cookie to ids (n 0: removes it, when the request has one).
 * Not HttpOnly (the product page's script writes it); Secure under HTTPS. */
void personal_recent_set_cookie(struct req *rq, struct resp *rs, const long long *ids, size_t n);
/* Sets or removes the bz_np cookie (personalisation off on this browser). */
void personal_off_cookie(struct req *rq, struct resp *rs, int off);

/* The memcached copy of the strip for a cookie value (NULL on a miss or a
 * malformed value; the caller frees), and storing one. */
char *personal_recent_cached(const char *value, size_t *len);
void personal_recent_store(const char *value, const char *html, size_t len);

/* Whether the user lets the shop personalise: 1 yes, 0 no, -1 on a
 * database error (treat as no). */
int personal_enabled(long long user_id);
/* Turns it on or off; off also deletes the user's recently viewed. 0 or -1. */
int personal_set_enabled(long long user_id, int on);
/* Records views of ids (newest first) as the user's latest, keeping the
 * latest PERSONAL_KEEP. 0 or -1. */
int personal_recent_record(long long user_id, const long long *ids, size_t n);
/* The user's latest viewed ids, newest first: how many (0..max), or -1. */
int personal_recent_load(long long user_id, long long *ids, size_t max);
/* Forgets what the user viewed. 0 or -1. */
int personal_recent_clear(long long user_id);
/*
 * At login: the browser's list and the account's, merged (the browser's
 * first), recorded for the user and written back to the cookie; with
 * personalisation off, the cookie goes and bz_np is set instead.
 */
void personal_login(struct req *rq, struct resp *rs, long long user_id);

/* An interest: a category the shopper viewed (on this browser, or before
 * when logged in) or bought from, with the top-level category it is in. */
enum personal_reason { PERSONAL_VIEWED = 1, PERSONAL_BOUGHT = 2 };
struct personal_interest {
	long long category_id;
	long long top_category_id;
	enum personal_reason reason;
};
#define PERSONAL_INTERESTS_MAX	4
/*
 * A shopper's interests, strongest first: the categories of the products
 * of recent (the browser's list, newest first: this session's views), then
 * for a user (user_id > 0) those of the products they viewed lately (the
 * latest first) and those they bought from most (paid orders). Each
 * category once. An anonymous visitor (user_id 0) has only the list's; no
 * list and no user: none, without a query. How many (0..max), or -1.
 */
int personal_interests(long long user_id, const long long *recent, size_t nrecent, struct personal_interest *out,
		       size_t max);
/* The interest a product of category_id (in top_category_id) answers: the
 * first with that very category, else the first in the same top-level
 * category; NULL when none does. */
const struct personal_interest *personal_interest_of(const struct personal_interest *in, size_t n,
						     long long category_id, long long top_category_id);
/* "viewed" or "bought": the reason's name in a "why" link. */
const char *personal_reason_name(enum personal_reason reason);

#endif
