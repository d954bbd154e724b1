/*
 * resp: the response a handler builds. Nothing reaches the client until the
 * handler has returned: the dispatcher either sends this buffer or discards
 * it and renders the error page for the returned status.
 */
#ifndef BAZAAR_RESP_H
#define BAZAAR_RESP_H
#include "buf.h"

enum resp_cache {
	RESP_NO_STORE,		/* default: personal or unknown */
	RESP_PUBLIC_SHORT,	/* anonymous page: shared caches may keep it briefly */
};

struct resp {
	int status;
	const char *content_type;	/* default "text/html; charset=utf-8" */
	enum resp_cache cache;
	struct buf headers;		/* extra "Name: value\r\n" lines */
	struct buf body;
	char *flash;			/* message to show on this page (taken from cookie) */
	/* For a status >= 400: what the error page says (written by the code,
	 * never request input). Static or arena storage. */
	const char *message;
	/* Set by a handler that rendered its own page for a status >= 400 (a
	 * form shown again with what is wrong, status 422): the dispatcher
	 * sends it instead of the error page. */
	int keep_body;
	/* When set, the dispatcher stores the body in memcached under this key
	 * (nginx serves it from there on the next anonymous request). */
	char *cache_key;
	int cache_ttl;
	/* When set too, stored before the body on a line of its own: the
	 * generations the page was drawn at (view_from_cache_stamped). */
	char *cache_stamp;
};

void resp_init(struct resp *rs);
void resp_free(struct resp *rs);
/* Adds a header; name and value must not contain CR or LF (dropped if so). */
void resp_header(struct resp *rs, const char *name, const char *value);
/* Adds "Retry-After: <seconds>" (at least 1) to a 429 or 503 answer. */
void resp_retry_after(struct resp *rs, long long seconds);
/* Cookie flags: RESP_COOKIE_HTTPONLY, RESP_COOKIE_SECURE. Always Path=/ and
 * SameSite=Lax; max_age 0 deletes the cookie, -1 makes a browser-session
 * cookie (no Max-Age). */
#define RESP_COOKIE_HTTPONLY 1
#define RESP_COOKIE_SECURE 2
void resp_cookie(struct resp *rs, const char *name, const char *value,
		 int max_age, int flags);
/* Sets Location and returns the status (301, 302 or 303) to return. */
int resp_redirect(struct resp *rs, int status, const char *location);
/* Queues a one-shot message shown on the next page this visitor sees, in
 * the cookie RESP_FLASH_COOKIE. */
#define RESP_FLASH_COOKIE "bz_flash"
void resp_set_flash(struct resp *rs, const char *message);
/* Writes the CGI/FastCGI header block and body into out. */
void resp_serialize(const struct resp *rs, struct buf *out);
const char *resp_reason(int status);

#endif
