/* visitor: which visitors get personal pages, and the anonymous visitor's id. */
#include "visitor.h"

#include <sodium.h>
#include <string.h>

#include "sess.h"
#include "token.h"

/* Adding a cookie here is all it takes: nginx's map is generated from this
 * list at every start of the stack. */
const char *const visitor_personal_cookies[] = {
	RESP_FLASH_COOKIE,	/* a message waiting for the next page */
	NULL,
};

int
visitor_personal(const struct req *rq)
{
	const char *const *name;

	for (name = visitor_personal_cookies; *name != NULL; name++)
		if (req_cookie(rq, *name) != NULL)
			return 1;
	return 0;
}

const char *
visitor_id(struct req *rq, struct resp *rs, int create)
{
	const char *id = req_cookie(rq, VISITOR_COOKIE);
	unsigned char raw[VISITOR_ID_LEN / 2];
	char hex[VISITOR_ID_LEN + 1];

	if (token_hex_valid(id, VISITOR_ID_LEN))
		return id;
	if (!create)
		return NULL;
	randombytes_buf(raw, sizeof raw);
	token_hex(raw, sizeof raw, hex);
	resp_cookie(rs, VISITOR_COOKIE, hex, VISITOR_MAX_AGE,
		    RESP_COOKIE_HTTPONLY | (rq->https ? RESP_COOKIE_SECURE : 0));
	/* A response that sets a cookie is for this visitor only. */
	rs->cache = RESP_NO_STORE;
	id = arena_strdup(&rq->arena, hex);
	/* Later steps of this request see the new id (as the next request will). */
	kvlist_add(&rq->arena, &rq->cookies, VISITOR_COOKIE, id, VISITOR_ID_LEN);
	return id;
}

int
visitor_nginx_map_regex(struct buf *out, const char *const *names)
{
	const char *const *name;
	const char *c;

	/* As req.c reads a Cookie header: pairs split at ';', blanks around
	 * the name skipped. [[:space:]] is understood by PCRE and POSIX alike. */
	buf_adds(out, "(^|;)[[:space:]]*(");
	for (name = names; *name != NULL; name++) {
		if (**name == '\0')
			return -1;
		for (c = *name; *c; c++)
			if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
			      (*c >= '0' && *c <= '9') || *c == '_' || *c == '-'))
				return -1;
		if (name != names)
			buf_adds(out, "|");
		buf_adds(out, *name);
	}
	buf_adds(out, ")[[:space:]]*=");
	return 0;
}

int
visitor_nginx_map(struct buf *out, const char *const *names)
{
	buf_adds(out,
		 "# Generated from cgi/lib/visitor.c (visitor_personal_cookies) by\n"
		 "# bazaar-nginx_visitor_map: do not edit. A visitor sending one of\n"
		 "# these cookies sees personal pages, never the shared copy.\n"
		 "map $http_cookie $bz_personal {\n"
		 "\tdefault 0;\n"
		 "\t\"~");
	if (visitor_nginx_map_regex(out, names) != 0)
		return -1;
	buf_adds(out, "\" 1;\n}\n");
	return 0;
}
