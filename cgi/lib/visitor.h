/*
 * visitor: who is asking, for the caches. There are three kinds of visitor:
 *
 *   - anonymous: no cookie of the list below. Gets the shared copy of a page
 *     (nginx's memcached lookup, the program's page cache).
 *   - anonymous with an identity: a bz_visitor cookie (a random id, made only
 *     when something needs to remember an anonymous visitor, such as a cart).
 *     Still gets the shared pages: the id is not on them.
 *   - personal: a session or a pending flash message. Every page is drawn
 *     for them and never cached.
 *
 * The list of cookies that make a page personal is defined once, in
 * visitor.c. The programs follow it through visitor_personal() (view.c's
 * view_cacheable); nginx follows it through the map that
 * visitor_nginx_map() writes (bazaar-nginx_visitor_map, run by the stack
 * at every start into VAR/nginx/visitor_map.conf). tests/unit/check_visitor.c
 * checks that the two agree on every kind of Cookie header.
 */
#ifndef BAZAAR_VISITOR_H
#define BAZAAR_VISITOR_H
#include "buf.h"
#include "req.h"
#include "resp.h"

#define VISITOR_COOKIE	"bz_visitor"
/* Hex digits of a visitor id (16 random bytes). */
#define VISITOR_ID_LEN	32
/* How long a browser keeps the id: a year, renewed when it is made again. */
#define VISITOR_MAX_AGE	(365 * 24 * 3600)

/* The cookie names that make a page personal, NULL-terminated. */
extern const char *const visitor_personal_cookies[];

/* True when the request carries any cookie of visitor_personal_cookies
 * (whatever its value): its pages must be drawn for it and not cached. */
int visitor_personal(const struct req *rq);

/*
 * The visitor's anonymous id: the bz_visitor cookie's value when it is a
 * well-formed id (32 lowercase hex digits). Without one, returns NULL, or
 * with create set makes a new random id, sets the cookie (HttpOnly,
 * SameSite=Lax, Secure under HTTPS, a year) and marks the response
 * no-store, since it carries a Set-Cookie. Call it only when something must
 * be remembered for this visitor (a cart), not on every page. The id lives
 * in the request's arena.
 */
const char *visitor_id(struct req *rq, struct resp *rs, int create);

/*
 * Writes the nginx map that sets $bz_personal to 1 for a Cookie header
 * naming any of names (NULL-terminated; letters, digits, '_' and '-' only),
 * 0 otherwise. Returns 0, or -1 for a name it cannot put in a pattern.
 * visitor_nginx_map_regex writes only the pattern (a POSIX extended regular
 * expression that PCRE reads the same way).
 */
int visitor_nginx_map(struct buf *out, const char *const *names);
int visitor_nginx_map_regex(struct buf *out, const char *const *names);

#endif
