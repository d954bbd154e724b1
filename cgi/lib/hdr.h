/*
 * hdr: the per-visitor part of a shared page's header (the account links
 * and the cart count), kept apart so that cached pages stay the same for
 * every visitor.
 *
 * A page that goes to the shared cache carries, where the account links go,
 * an nginx SSI directive instead of them (layout/base.tpl, section
 * SHARED_NAV): a visitor with neither a header key nor a session gets the
 * guest links written in the page itself; any other visitor gets the
 * fragment that nginx reads from memcached under "bz:hd:<key>", where
 * <key> is the bz_hk cookie (HDR_COOKIE). A miss, or memcached down, asks
 * the storefront (its header fragment route), which draws the fragment for
 * the visitor and stores it when the cookie names the visitor's own cart
 * (carts.header_key): one key per cart owner, so every device of a user
 * sees the same count.
 *
 * The fragment is forgotten (hdr_forget) whenever what it shows changes:
 * the cart (cart_changed), the user (sess_user_changed: name, email
 * confirmed, role, blocked, sessions ended). It holds no form token: the
 * log-out form in it is checked by its Origin instead (route flag R_ORIGIN).
 */
#ifndef BAZAAR_HDR_H
#define BAZAAR_HDR_H
#include <stddef.h>

#include "req.h"
#include "resp.h"

#define HDR_COOKIE	"bz_hk"
#define HDR_KEY_LEN	32		/* hex digits of a header key */
#define HDR_TTL		600		/* seconds a fragment stays in memcached at most */

/* The bz_hk cookie's value when it is a well-formed key, else NULL. */
const char *hdr_cookie(const struct req *rq);
/* Sets the bz_hk cookie to key (HttpOnly, SameSite=Lax, a year); with key
 * NULL clears it. Marks the response no-store. */
void hdr_set_cookie(struct req *rq, struct resp *rs, const char *key);
/* Clears the bz_hk cookie when the request has one (at logout). */
void hdr_clear_cookie(const struct req *rq, struct resp *rs);
/* memcached's copy of a fragment: stored under key, forgotten. */
void hdr_store(const char *key, const char *html, size_t len);
void hdr_forget(const char *key);
/* The memcached key of the visitor's fragment ("hd:<bz_hk>", namespace
 * aside) into out: 0, or -1 when the visitor has no well-formed key. */
int hdr_fragment_key(const struct req *rq, char out[8 + HDR_KEY_LEN]);

/*
 * A shared page the program sends itself (a miss of nginx's cache, a page
 * from the program's own cache) has its header filled here rather than by
 * nginx, so nginx runs no SSI over program answers: the directive block
 * (HDR_SSI_BEGIN ... HDR_SSI_END, as layout/base.tpl writes it) is
 * replaced by the visitor's fragment when nginx would have included it
 * (hdr_wanted), taken from memcached or drawn by `draw` (the program's
 * header route, which stores it). A guest's page is left as it is: the
 * directives are HTML comments around the guest links. Returns 1 when it
 * filled the header, 0 when there was nothing to do, -1 when drawing failed
 * (the page is left as it is).
 */
#define HDR_SSI_BEGIN	"<!--# if expr=\"$bz_hdr\" --><!--# include virtual=\"/_bazaar/header\" --><!--# else -->"
#define HDR_SSI_END	"<!--# endif -->"
typedef int (*hdr_draw_fn)(struct req *rq, struct buf *out);
int hdr_fill(struct req *rq, struct buf *body, hdr_draw_fn draw);
/* What nginx's $bz_hdr says: a well-formed header key, a session cookie or
 * a cart count. */
int hdr_wanted(const struct req *rq);

/*
 * The count of an anonymous visitor's cart, in the bz_cc cookie (HttpOnly,
 * SameSite=Lax, as long as the visitor id): with it nginx puts the count
 * into a cached page's guest links itself (sub_filter),
 * without reading the visitor's fragment from memcached (the guest links'
 * cart link of layout/_account_links.tpl is what its sub_filter looks for). Such a cart lives
 * in one browser only and changes only by that browser's requests, so the
 * response of each change can carry the new count. "0" is an empty cart
 * (the guest page as it is); a count above HDR_COUNT_MAX is not sent (the
 * fragment is read instead). A visitor with a session has no such cookie:
 * an account's cart is seen from several devices.
 */
#define HDR_COUNT_COOKIE	"bz_cc"
#define HDR_COUNT_MAX		999
/* The cookie's value when it is a count nginx would use (0 .. HDR_COUNT_MAX),
 * else -1. */
long long hdr_count_cookie(const struct req *rq);
/* Sets the cookie to count when it differs from the request's (count < 0
 * or above HDR_COUNT_MAX: removes it). */
void hdr_set_count(struct req *rq, struct resp *rs, long long count);

#endif
