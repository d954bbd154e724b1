/*
 * resp: building and serialising a response (see resp.h).
 */
#include "resp.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

void
resp_init(struct resp *rs)
{
	memset(rs, 0, sizeof *rs);
	rs->status = 200;
	rs->content_type = "text/html; charset=utf-8";
	rs->cache = RESP_NO_STORE;
	buf_init(&rs->headers);
	buf_init(&rs->body);
}

void
resp_free(struct resp *rs)
{
	buf_free(&rs->headers);
	buf_free(&rs->body);
	free(rs->flash);
	free(rs->cache_key);
	free(rs->cache_stamp);
	rs->flash = NULL;
	rs->cache_key = NULL;
	rs->cache_stamp = NULL;
}

static int
resp_clean(const char *s)
{
	for (; *s; s++)
		if (*s == '\r' || *s == '\n')
			return 0;
	return 1;
}

void
resp_header(struct resp *rs, const char *name, const char *value)
{
	if (!resp_clean(name) || !resp_clean(value) || strchr(name, ':'))
		return;
	buf_printf(&rs->headers, "%s: %s\r\n", name, value);
}

void
resp_retry_after(struct resp *rs, long long seconds)
{
	buf_printf(&rs->headers, "Retry-After: %lld\r\n", seconds > 0 ? seconds : 1);
}

void
resp_cookie(struct resp *rs, const char *name, const char *value, int max_age, int flags)
{
	char age[32] = "";

	if (!resp_clean(name) || !resp_clean(value) || strpbrk(value, ";, \t"))
		return;
	if (max_age >= 0)
		snprintf(age, sizeof age, "; Max-Age=%d", max_age);
	buf_printf(&rs->headers, "Set-Cookie: %s=%s; Path=/%s; SameSite=Lax%s%s\r\n",
		   name, value, age, (flags & RESP_COOKIE_HTTPONLY) ? "; HttpOnly" : "",
		   (flags & RESP_COOKIE_SECURE) ? "; Secure" : "");
}

int
resp_redirect(struct resp *rs, int status, const char *location)
{
	if (!resp_clean(location))
		return 500;
	resp_header(rs, "Location", location);
	rs->status = status;
	return status;
}

void
resp_set_flash(struct resp *rs, const char *message)
{
	struct buf enc;

	buf_init(&enc);
	buf_add_urlencoded(&enc, message);
	resp_cookie(rs, RESP_FLASH_COOKIE, enc.data ? enc.data : "", 120, 1);
	buf_free(&enc);
}

const char *
resp_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	default: return "Error";
	}
}

void
resp_serialize(const struct resp *rs, struct buf *out)
{
	buf_printf(out, "Status: %d %s\r\n", rs->status, resp_reason(rs->status));
	buf_printf(out, "Content-Type: %s\r\n", rs->content_type);
	buf_printf(out, "Content-Length: %zu\r\n", rs->body.len);
	if (rs->cache == RESP_PUBLIC_SHORT)
		buf_adds(out, "Cache-Control: public, max-age=60\r\n");
	else
		buf_adds(out, "Cache-Control: no-store\r\n");
	if (rs->headers.len)
		buf_add(out, rs->headers.data, rs->headers.len);
	buf_adds(out, "\r\n");
	if (rs->body.len)
		buf_add(out, rs->body.data, rs->body.len);
}
