/*
 * csrf: the token of a visitor's forms and the check of every POST (see
 * csrf.h).
 */
#include "csrf.h"
#include "cfg.h"
#include "log.h"
#include "sess.h"
#include "token.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

#define CSRF_HEX 64

static int
csrf_is_hex64(const char *s)
{
	return token_hex_valid(s, CSRF_HEX);
}

const char *
csrf_token(struct req *rq, struct resp *rs)
{
	unsigned char raw[32];
	const char *cookie;
	char *hex;

	if (rq->sess != NULL && csrf_is_hex64(rq->sess->csrf))
		return rq->sess->csrf;
	cookie = req_cookie(rq, CSRF_COOKIE);
	if (csrf_is_hex64(cookie))
		return cookie;
	randombytes_buf(raw, sizeof raw);
	hex = arena_alloc(&rq->arena, CSRF_HEX + 1);
	token_hex(raw, sizeof raw, hex);
	/* Browser-session cookie; HttpOnly: the page carries the value. */
	resp_cookie(rs, CSRF_COOKIE, hex, -1,
		    RESP_COOKIE_HTTPONLY | (rq->https ? RESP_COOKIE_SECURE : 0));
	/* Later forms of this request see the same value. */
	kvlist_add(&rq->arena, &rq->cookies, CSRF_COOKIE, hex, CSRF_HEX);
	return hex;
}

/*
 * The Origin header must name this site, scheme included: the scheme the
 * request came in with (HTTPS from nginx), the Host nginx passed (Debian's
 * fastcgi_params give $host, without the port) with or without the port the
 * request came in on; or the origin of BAZAAR_BASE_URL (a proxy in front may
 * use another scheme or port than nginx). The same host under the other
 * scheme is another origin: a page served over plain http must not post to
 * the https site, nor the other way round.
 */
static int
csrf_origin_ok(const struct req *rq)
{
	const char *o = rq->origin;

	if (o == NULL || *o == '\0')
		return 1;	/* not sent (older browsers, same-origin GET forms) */
	return csrf_same_origin(rq, o, strlen(o));
}

int
csrf_same_origin(const struct req *rq, const char *origin, size_t n)
{
	char o[256];
	const char *host, *port, *base, *scheme;
	size_t hn, sn;

	if (n == 0 || n >= sizeof o)
		return 0;
	memcpy(o, origin, n);
	o[n] = '\0';
	base = cfg_str("BAZAAR_BASE_URL", "");
	n = strlen(o);
	if (*base && strncasecmp(base, o, n) == 0 && (base[n] == '\0' || base[n] == '/'))
		return 1;
	scheme = rq->https ? "https://" : "http://";
	sn = strlen(scheme);
	if (strncmp(o, scheme, sn) != 0)
		return 0;	/* the other scheme, "null" and anything else */
	host = o + sn;
	if (rq->host == NULL || *rq->host == '\0')
		return 0;
	if (strcasecmp(host, rq->host) == 0)
		return 1;
	hn = strlen(rq->host);
	port = req_env(rq, "SERVER_PORT");
	return port != NULL && strncasecmp(host, rq->host, hn) == 0 && host[hn] == ':' &&
	       strcmp(host + hn + 1, port) == 0;
}

int
csrf_check(struct req *rq)
{
	const char *sent = kvlist_get(&rq->form_fields, CSRF_FIELD), *expected, *why = NULL;

	if (strcmp(rq->method, "POST") != 0)
		why = "method";
	else if (rq->sec_fetch_site != NULL && strcmp(rq->sec_fetch_site, "same-origin") != 0 &&
		 strcmp(rq->sec_fetch_site, "none") != 0)
		why = "sec-fetch-site";
	else if (!csrf_origin_ok(rq))
		why = "origin";
	else {
		expected = rq->sess != NULL ? rq->sess->csrf : req_cookie(rq, CSRF_COOKIE);
		if (!csrf_is_hex64(expected))
			why = "no-token";
		else if (!csrf_is_hex64(sent))
			why = "missing";
		else if (sodium_memcmp(sent, expected, CSRF_HEX) != 0)
			why = "mismatch";
	}
	if (why == NULL)
		return 0;
	log_info("csrf.refused", "path=%s why=%s", log_quote(rq->path), why);
	return -1;
}

int
csrf_check_origin(struct req *rq)
{
	const char *why = NULL;

	if (strcmp(rq->method, "POST") != 0)
		why = "method";
	else if (rq->sec_fetch_site != NULL && strcmp(rq->sec_fetch_site, "same-origin") != 0)
		why = "sec-fetch-site";
	else if (rq->sec_fetch_site == NULL && (rq->origin == NULL || *rq->origin == '\0'))
		why = "no-origin";
	else if (!csrf_origin_ok(rq))
		why = "origin";
	if (why == NULL)
		return 0;
	log_info("csrf.refused", "path=%s why=%s", log_quote(rq->path), why);
	return -1;
}
