/*
 * libFuzzer target for the urlencoded parsers of cgi/lib/req.c: the form
 * and query parser, the cookie header parser and percent-decoding, each
 * with the default limits and with small ones; then a whole POST request
 * (req_init) with the input as its body and, up to its first '\n', its
 * query string and cookie header.
 *
 * Beyond the sanitizers: a parse that succeeds respects every limit and
 * gives values without NUL whose length is the one recorded.
 */
#include "req.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct req_limits fuzz_small = {
	.max_body = 512, .max_fields = 6, .max_key = 8, .max_value = 32, .max_cookies = 4,
};

static void
fuzz_check(const struct kvlist *l, const struct req_limits *lim, size_t max_fields, size_t max_value)
{
	size_t i;

	if (l->n > max_fields)
		abort();
	for (i = 0; i < l->n; i++) {
		if (strlen(l->items[i].key) == 0 || strlen(l->items[i].key) > lim->max_key ||
		    strlen(l->items[i].val) != l->items[i].len || l->items[i].len > max_value)
			abort();
	}
}

static void
fuzz_lists(const char *s, size_t len, const char *cstr, const struct req_limits *lim)
{
	struct arena a;
	struct kvlist form = { 0 }, cookies = { 0 };
	const char *why = NULL;

	arena_init(&a);
	if (req_parse_urlencoded(&a, s, len, &form, lim, &why) == 0)
		fuzz_check(&form, lim, lim->max_fields, lim->max_value);
	else if (why == NULL)
		abort();
	why = NULL;
	if (req_parse_cookies(&a, cstr, &cookies, lim, &why) == 0) {
		if (cookies.n > lim->max_cookies)
			abort();
	} else if (why == NULL) {
		abort();
	}
	arena_free(&a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cstr, *dec, *query, *cookie, *env[6];
	const char *nl;
	size_t n, qlen;
	struct req rq;

	/* A NUL-terminated copy for the C-string parsers. */
	if ((cstr = malloc(size + 1)) == NULL)
		return 0;
	memcpy(cstr, data, size);
	cstr[size] = '\0';
	fuzz_lists((const char *)data, size, cstr, &req_default_limits);
	fuzz_lists((const char *)data, size, cstr, &fuzz_small);

	dec = strdup(cstr);
	n = strlen(dec);
	if (req_url_decode(dec, &n, (size & 1) != 0) == 0 && (n != strlen(dec) || n > size))
		abort();
	free(dec);

	/* A request: the query and the cookies from the first line, the rest
	 * the body. */
	nl = memchr(data, '\n', size);
	qlen = nl ? (size_t)(nl - (const char *)data) : 0;
	query = malloc(qlen + sizeof "QUERY_STRING=");
	cookie = malloc(qlen + sizeof "HTTP_COOKIE=");
	if (query && cookie) {
		memcpy(query, "QUERY_STRING=", 13);
		memcpy(query + 13, cstr, qlen);
		query[13 + qlen] = '\0';
		memcpy(cookie, "HTTP_COOKIE=", 12);
		memcpy(cookie + 12, cstr, qlen);
		cookie[12 + qlen] = '\0';
		env[0] = "REQUEST_METHOD=POST";
		env[1] = "REQUEST_URI=/form?x";
		env[2] = "CONTENT_TYPE=application/x-www-form-urlencoded";
		env[3] = query;
		env[4] = cookie;
		env[5] = NULL;
		n = nl ? size - qlen - 1 : size;
		if (req_init(&rq, env, nl ? nl + 1 : (const char *)data, n, &fuzz_small) == 0)
			fuzz_check(&rq.form_fields, &fuzz_small, fuzz_small.max_fields, fuzz_small.max_value);
		req_free(&rq);
	}
	free(query);
	free(cookie);
	free(cstr);
	return 0;
}
