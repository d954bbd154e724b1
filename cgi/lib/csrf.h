/*
 * csrf: every state-changing request is a POST carrying a token in the form
 * field "csrf" (route flag R_CSRF, checked before the handler runs).
 *
 * The token is the session's secret (sessions.csrf, hex) for a logged-in
 * visitor; for a visitor without a session (login, sign-up and reset forms)
 * it is a random value kept in the bz_csrf cookie (HttpOnly, SameSite=Lax),
 * set when a form is first shown. Tokens are compared with sodium_memcmp.
 * Independently, a browser's Origin header, when sent, must name this site
 * (scheme, host and port: the same host under the other scheme is refused),
 * and Sec-Fetch-Site, when sent, must be same-origin or none.
 */
#ifndef BAZAAR_CSRF_H
#define BAZAAR_CSRF_H
#include "req.h"
#include "resp.h"

#define CSRF_FIELD	"csrf"
#define CSRF_COOKIE	"bz_csrf"

/* The token to put in this page's forms (hex, 64 characters). For a visitor
 * without a session it sets the bz_csrf cookie on rs when it is missing. */
const char *csrf_token(struct req *rq, struct resp *rs);
/* Checks a POST. Returns 0 when allowed, -1 when refused (reason logged). */
int csrf_check(struct req *rq);
/* Checks a POST from a form that cannot carry a token (route flag R_ORIGIN,
 * route.h): Sec-Fetch-Site must be same-origin, or, when the browser does
 * not send it, the Origin header must be sent and name this site (as
 * above). Neither sent is refused. Returns 0 or -1 (reason logged). */
int csrf_check_origin(struct req *rq);
/* Whether origin (n bytes, "scheme://host[:port]") is this site's, as an
 * Origin header is checked: 1 or 0. */
int csrf_same_origin(const struct req *rq, const char *origin, size_t n);

#endif
